"""Read as much of a file as its model allows: a value it refuses gives way to a stand-in, so the rest is still checked.

A file with a wrong value is reported, never built; but its other values are still worth
checking in the same run (its references above all), so that a maintainer sees every problem
at once rather than in stages. Stand-ins are never shown: problems about a value that was
replaced, and about what its value could change, are not reported (see `validate`).
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar, Union, get_args, get_origin

from pydantic import ValidationError

from .models import Model

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=Model)
_ROUNDS = 4


class Partial(Generic[M]):
    """A model read with stand-ins, and the places whose values were replaced (as the maintainer wrote them)."""

    def __init__(self, model: M, replaced: frozenset[Loc]) -> None:
        self.model = model
        self.replaced = replaced


def read_partly(data: dict[str, Any], model: type[M], refused: list[Loc]) -> Partial[M] | None:
    """`data` as `model`, with each refused value dropped (if optional) or replaced by a valid stand-in; None if it still fails."""
    current = _copy(data)
    replaced: set[Loc] = set()
    locs = refused
    for _ in range(_ROUNDS):
        for loc in locs:
            while any(loc[: len(done)] == done for done in replaced if done) and loc:
                loc = loc[:-1]  # a stand-in that is itself refused (a nested required value): replace what holds it
            if not loc:
                return None
            place = _replace(current, model, loc)
            if place is not None:
                replaced.add(place)
        try:
            return Partial(model.model_validate(current), frozenset(replaced))
        except ValidationError as err:
            locs = [tuple(p for p in error["loc"] if isinstance(p, (str, int))) for error in err.errors()]
    return None


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _replace(data: dict[str, Any], model: type[Model], loc: Loc) -> Loc | None:
    """Replace the deepest value along `loc` that `data` holds, or add the missing field `loc` names; where it was replaced."""
    container: Any = data
    owner: Any = model
    for depth, part in enumerate(loc):
        if isinstance(container, dict) and isinstance(part, str):
            present = part in container
        elif isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container):
            present = True
        else:
            return None
        inner = _step(owner, part)
        if not present or depth == len(loc) - 1 or not isinstance(container[part], (dict, list)) or inner is None:
            return _put(container, part, owner, inner, loc[: depth + 1])
        container, owner = container[part], inner
    return None


def _put(container: Any, part: str | int, owner: Any, annotation: Any, place: Loc) -> Loc | None:
    model = _model(owner)
    field = model.model_fields.get(part) if model is not None and isinstance(part, str) else None
    if isinstance(container, dict):
        if field is None:
            container.pop(part, None)
            return None  # an unknown field (reported as such): dropping it changes no other value
        if not field.is_required():
            container.pop(part, None)  # as if it were not written
            return place
    container[part] = _valid(annotation)
    return place


def _step(annotation: Any, part: str | int) -> Any:
    """The annotation one step inside `annotation`: a field of a model, or an item of a list; None when unknown."""
    if isinstance(part, int):
        lists = [option for option in alternatives(annotation) if get_origin(option) is list]
        return get_args(lists[0])[0] if lists else None
    model = _model(annotation)
    field = model.model_fields.get(part) if model is not None else None
    return field.annotation if field is not None else None


def alternatives(annotation: Any) -> list[Any]:
    """The alternatives of a union (`X | None`), each without its `Annotated` validators."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, type(int | None)):
        return [option for arg in get_args(annotation) for option in alternatives(arg)]
    return [annotation]


def _model(annotation: Any) -> type[Model] | None:
    for option in alternatives(annotation):
        if isinstance(option, type) and issubclass(option, Model):
            return option
    return None


def _valid(annotation: Any) -> Any:
    """A value the annotation accepts: never shown, only there so that the rest of the file can be checked."""
    options = alternatives(annotation)
    if type(None) in options:
        return None
    option = options[0] if options else str
    if get_origin(option) is Literal:
        return get_args(option)[0]
    if get_origin(option) is list:
        return []
    model = _model(option)
    if model is not None:
        return {name: _valid(field.annotation) for name, field in model.model_fields.items() if field.is_required()}
    return {bool: False, int: 1}.get(option, "x")
