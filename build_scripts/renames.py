"""Renamed entities: a reference to an entity's former id resolves to the entity, with a warning naming the new id.

An actor, conference, demand or instrument may list `former_ids`. Before references are checked,
every reference to a former id is rewritten to the current one (each with a warning at its line),
so the later stages only ever see current ids. The old page addresses become redirect pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from .load import Record, Sources
from .models import RESERVED_IDS, Model
from .problems import WARNING, Problem

RENAMABLE = ("actors", "conferences", "demands", "instruments")
"""Kinds of record that may list `former_ids` (a document's id is never renamed: its file name is its citation)."""

FieldPath = tuple[str, ...]  # a field path inside a record, `*` for every item of a list
REFERENCES: dict[str, tuple[tuple[FieldPath, str], ...]] = {
    "documents": (
        (("actors", "*"), "actors"),
        (("conferences", "*"), "conferences"),
        (("instruments", "*"), "instruments"),
        (("issuer",), "actors"),
        (("issuers", "*"), "actors"),
        (("publisher", "actor"), "actors"),
        (("claims", "*", "actor"), "actors"),
        (("claims", "*", "actors", "*"), "actors"),
        (("claims", "*", "speaker"), "actors"),
        (("claims", "*", "relayed_by"), "actors"),
        (("claims", "*", "demand"), "demands"),
        (("claims", "*", "instrument"), "instruments"),
        (("claims", "*", "conference"), "conferences"),
        (("claims", "*", "instruments", "*"), "instruments"),
        (("quotes", "*", "speaker"), "actors"),
        (("quotes", "*", "actor"), "actors"),
        (("quotes", "*", "conference"), "conferences"),
    ),
    "actors": ((("affiliations", "*", "to"), "actors"),),
    "conferences": (
        (("series",), "conferences"),
        (("participants", "*", "actor"), "actors"),
        (("outcomes", "*", "instrument"), "instruments"),
    ),
    "demands": ((("related", "*"), "demands"), (("instruments", "*"), "instruments")),
    "instruments": ((("issuers", "*", "actor"), "actors"),),
}
"""Every field of a record that names an entity that can be renamed, and the kind it names."""

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Renamed:
    """The sources with every former id replaced by the current one, the table of renames, and the problems."""

    sources: Sources
    renames: dict[tuple[str, str], str]
    """(kind, former id) → current id."""
    problems: list[Problem]


def table(sources: Sources) -> tuple[dict[tuple[str, str], str], list[Problem]]:
    """(kind, former id) → current id, from every entity's `former_ids`; errors for a former id in use or claimed twice."""
    renames: dict[tuple[str, str], str] = {}
    problems: list[Problem] = []
    entities = [(kind, record) for kind in RENAMABLE for record in getattr(sources, kind).values()]
    entities += [(kind, record) for kind, record in sources.partial if kind in RENAMABLE]  # read in part: its references resolve all the same
    for kind, record in entities:
        for i, former in enumerate(record.model.former_ids):
            conflict = _conflict(sources, renames, kind, record.id, former)
            if conflict:
                path, line, col = record.where("former_ids", i)
                problems.append(Problem(path, line, col, *conflict))
            else:
                renames[(kind, former)] = record.id
    return renames, problems


def _conflict(sources: Sources, renames: dict[tuple[str, str], str], kind: str, entity_id: str, former: str) -> tuple[str, str] | None:
    """Why `former` cannot be a former id of the entity (message and fix), or None when it can."""
    what = kind[:-1]
    if former == entity_id:
        return f"`{former}` is this {what}'s own id", f"remove it from `former_ids`; list only ids the {what} had before"
    if former in getattr(sources, kind) or f"{kind}/{former}" in sources.failed:
        return (
            f"former id `{former}` is the id of another {what} (sources/{kind}/{former}.md)",
            "a former id must be free: remove it from `former_ids`, or rename that file",
        )
    if former in RESERVED_IDS:
        return f"`{former}` is a reserved name", "remove it from `former_ids`; no page could have had that id"
    first = renames.get((kind, former))
    if first == entity_id:
        return f"`{former}` is listed twice", "remove the repeated entry"
    if first is not None:
        return (
            f"former id `{former}` is already listed by `{first}` (sources/{kind}/{first}.md)",
            "a former id belongs to one entity: keep it in one `former_ids`",
        )
    return None


def _found(model: Any, path: FieldPath, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Each value at `path` in `model`, with its location."""
    if not path:
        if isinstance(model, str):
            yield loc, model
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for i, item in enumerate(model or ()):
            yield from _found(item, rest, (*loc, i))
    elif model is not None:
        yield from _found(getattr(model, head), rest, (*loc, head))


def _set(value: Any, loc: Loc, new: str) -> Any:
    """`value` (a model, a list or a string) with the string at `loc` replaced by `new`: models are frozen, so each level is copied."""
    if not loc:
        return new
    head, rest = loc[0], loc[1:]
    if isinstance(head, int):
        items = list(value)
        items[head] = _set(items[head], rest, new)
        return items
    assert isinstance(value, Model)
    return value.model_copy(update={head: _set(getattr(value, head), rest, new)})


def _resolved(kind: str, record: Record[Any], renames: dict[tuple[str, str], str], problems: list[Problem]) -> Record[Any]:
    """The record with each reference to a former id rewritten, and a warning for each."""
    model = record.model
    for path, target in REFERENCES[kind]:
        for loc, value in list(_found(record.model, path)):
            new = renames.get((target, value))
            if new is None:
                continue
            problems.append(Problem(*record.where(*loc), f"`{value}` was renamed `{new}`", f"write `{new}`", severity=WARNING))
            model = _set(model, loc, new)
    return record if model is record.model else replace(record, model=model)


def resolve(sources: Sources) -> Renamed:
    """Rewrite every reference to a former id (with a warning at its line); errors for former ids that cannot be."""
    renames, problems = table(sources)
    if not renames:
        return Renamed(sources, renames, problems)

    def each(kind: str) -> dict[str, Record[Any]]:
        return {rid: _resolved(kind, record, renames, problems) for rid, record in getattr(sources, kind).items()}

    partial = tuple((kind, _resolved(kind, record, renames, problems)) for kind, record in sources.partial)
    resolved = Sources(each("documents"), each("actors"), each("conferences"), each("demands"), each("instruments"), sources.failed, partial)
    return Renamed(resolved, renames, problems)


def resolve_records(sources: Sources, kind: str, records: dict[str, Record[Any]]) -> tuple[dict[str, Record[Any]], list[Problem]]:
    """`records` of `kind`, read again, with references to former ids rewritten by the renames of `sources`' entities (a warning for each)."""
    renames, _ = table(sources)
    problems: list[Problem] = []
    return {rid: _resolved(kind, record, renames, problems) for rid, record in records.items()}, problems
