"""Problems in the maintainer's own words: a pydantic error becomes what is wrong and how to fix it.

Keyed on the error's type and the field it concerns, never on library wording; each value is
quoted as the file spells it (`null`, `~`, `yes`, `"2254"`), not as YAML or pydantic made it.
"""

from __future__ import annotations

import difflib
from typing import Any, Literal, get_args, get_origin

from pydantic.fields import FieldInfo

from .models import Date, Model
from .salvage import alternatives


def did_you_mean(value: str, choices: list[str] | tuple[str, ...] | set[str]) -> str:
    """A hint naming the closest of `choices`, or listing them when few."""
    close = difflib.get_close_matches(value, sorted(choices), n=1, cutoff=0.6)
    if not choices:
        return "none are defined yet"
    if close:
        return f"did you mean `{close[0]}`?"
    if len(choices) <= 12:
        return "use one of: " + ", ".join(f"`{c}`" for c in sorted(choices))
    return "check the spelling"


CLOSE = 0.8
"""How alike an unknown id and a known one must be for `check` to suggest the known one (difflib's ratio, 0 to 1)."""


def _one_edit(a: str, b: str) -> bool:
    """True when `b` is `a` with one letter added, removed, changed, or two neighbours swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    i = next((n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return a[i + 1 :] == b[i + 1 :] or a[i:] == b[i + 1 :] or a[i + 1 :] == b[i:] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])


def close_id(value: str, choices: set[str]) -> str | None:
    """The known id an unknown one is a slip for, only when it is close: a typo, or the same id with words added or left off.

    Close means one of: difflib's ratio of at least `CLOSE` (`observer-stat` → `observer-state`);
    one edit apart, for ids of four letters or more (`iarn` → `iran`); or the known id is the
    unknown one's leading words (`snc-syria` → `snc`; not `soc` → `soc-parties-working-group`). `iran` is not close to `france`, nor `united-kingdom` to
    `united-nations`: there the maintainer is told to create the id.
    """
    ordered = sorted(choices)
    ratio = difflib.get_close_matches(value, ordered, n=1, cutoff=CLOSE)
    if ratio:
        return ratio[0]
    typo = next((c for c in ordered if len(value) >= 4 and _one_edit(value, c)), None)
    if typo:
        return typo
    words = [c for c in ordered if value.startswith(c + "-")]
    return max(words, key=len) if words else None


def create_command(kind: str, value: str) -> str:
    """The `dossier new` command that starts a file for an unknown id (its title from the id; the maintainer corrects it)."""
    title = " ".join(word.capitalize() for word in value.split("-"))
    return f'dossier new {kind} "{title}"'


def id_hint(kind: str, value: str, choices: set[str]) -> str:
    """What to do about an unknown id of `kind` (`actor`): the close known id, or the command that creates it."""
    close = close_id(value, choices)
    if close:
        return f"did you mean `{close}`? (or create it: `{create_command(kind, value)}`)"
    return f"no similar id; create it with `{create_command(kind, value)}`"


_WANTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a mapping",
    "dict_type": "a mapping",
    "int_from_float": "a whole number",
}
_READ_AS = {bool: "true/false", int: "a number", float: "a number"}
_YES, _NO = {"yes", "y", "on", "true"}, {"no", "n", "off", "false"}
_FILL = {
    # What to write in a required value left empty, where the field's own description does not say it in so many words.
    "name": "write the name, as the documents give it",
    "statement": "write the position in a short, neutral sentence",
    "summary": "write a one-sentence summary of the document, in your own neutral words",
    "language": "write the language code of the text, such as `en` or `ar`",
    "source": "write the id of the document that says so",
    "demand": "write the demand's id",
    "to": "write the other actor's id",
    "actor": "write the actor's id",
    "title": "write the title, as the document gives it",
    "unit": "write what is counted, such as `delegates`",
    "name_ar": "write the name in Arabic, as a document gives it",
    "acronym": "write the acronym, as a document gives it",
    "place": "write the place, as a document gives it",
}


def _as_written(written: str | None, value: Any) -> str:
    """A value as the maintainer wrote it: the scalar's own text when it is one line, else the value (shortened)."""
    text = written.strip() if written and "\n" not in written.strip() else str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _unquoted(written: str | None, value: Any) -> str:
    """The value as written, without the quotes around a quoted scalar (a word in a message is in backticks already)."""
    return str(value) if written and written[:1] in "\"'" else _as_written(written, value)


def explain(error: Any, model: type[Model], written: str | None = None) -> tuple[str, str]:
    """Turn one pydantic error into plain words and a fix, keyed on the error type.

    `written` is the value's own text in the file (`null`, `~`, `yes`, `"2254"`), so that a message
    quotes what the maintainer wrote rather than what YAML made of it.
    """
    kind = error["type"]
    loc = [part for part in error["loc"] if isinstance(part, (str, int))]
    names = [p for p in loc if isinstance(p, str)]
    # `value` is the long form of a date or fact; the maintainer wrote the field around it.
    name = names[-2] if len(names) >= 2 and names[-1] == "value" else (names[-1] if names else "value")
    value = error.get("input")
    ctx = error.get("ctx") or {}
    shown = _unquoted(written, value)
    if kind == "missing":
        key = names[-1] if names else name  # a long form without its `value:` misses `value`: the maintainer's word here
        options = _literal_options(model, loc)
        if options:
            return f"required field `{key}` is missing", f"add `{key}:` with one of: {', '.join(f'`{o}`' for o in options)}"
        return f"required field `{key}` is missing", f"add `{key}:` and {_what_belongs(model, loc, name)[0]}"
    if kind == "extra_forbidden":
        fields = _fields_at(model, loc[:-1])
        return f"unknown field `{name}`", did_you_mean(name, fields) if fields else "remove it"
    if value is None or kind == "string_too_short":
        return _empty(model, loc, name, written)
    if kind == "literal_error":
        options = [o.strip(" '") for o in str(ctx.get("expected", "")).replace(" or ", ", ").split(",") if o.strip()]
        return f"`{shown}` is not a valid `{name}`", did_you_mean(str(value), options)
    if kind in _WANTED:
        return _wrong_type(kind, name, value, written, model, loc)
    if kind in ("greater_than_equal", "greater_than"):
        return f"`{name}` is {shown}, below the least allowed ({ctx.get('ge', ctx.get('gt'))})", "write a count of zero or more"
    if kind == "string_pattern_mismatch":
        return f"`{shown}` is not a valid `{name}`", "use a language code such as `en` or `ar`"
    if kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
        what, _, fix = message.partition("; ")
        if isinstance(value, str) and written is not None and shown != value:
            what = what.replace(f"`{value}`", f"`{shown}`", 1)  # `True` is what YAML made of `yes`: name what was written
        if isinstance(value, str) and f"`{shown}`" not in what:
            what += f" (`{shown}`)"  # the value in question, for a rule that does not name it
        return f"`{name}`: {what}", fix or "correct the value"
    return f"`{name}`: {error['msg']}", "correct the value"


def _wrong_type(kind: str, name: str, value: Any, written: str | None, model: type[Model], loc: list[str | int]) -> tuple[str, str]:
    """A value of the wrong type, named as written (`"yes"`, `2254`), with the fix for that type."""
    wanted = _WANTED[kind]
    if kind == "model_type" and "value" in _fields_at(model, loc):
        wanted = "text"  # a fact or a date: written plain, the value is text (the long form is a mapping with `value:`)
    if isinstance(value, (list, dict)):
        return f"`{name}` must be {wanted}, not {'a list' if isinstance(value, list) else 'a mapping'}", f"write {wanted}"
    raw = _as_written(written, value)
    reading = _READ_AS.get(type(value))
    what = f"`{name}` must be {wanted}; `{raw}` is read as {reading}" if reading else f"`{name}` must be {wanted}, not `{raw}`"
    if wanted == "text":
        return what, f'write "{raw}" in quotes to keep it as text'
    if wanted == "true or false" and isinstance(value, str) and value.lower() in _YES | _NO:
        return what, f"write {'true' if value.lower() in _YES else 'false'}, without quotes"
    if wanted == "a whole number" and isinstance(value, str) and value.strip().isdigit():
        return what, f"write {value.strip()}, without quotes"
    if wanted == "a list" and isinstance(value, (str, int)):
        return what, f"write a list: `[{_unquoted(written, value)}]`"
    if wanted == "a mapping":
        return what, "write its fields on the lines below, each as `field: value`"
    return what, f"write {wanted}"


def _empty(model: type[Model], loc: list[str | int], name: str, written: str | None) -> tuple[str, str]:
    """A value left empty (`summary:`, `type: null`, `title: ""`): what belongs there, and whether the line may go."""
    said = f" (`{written.strip()}`)" if written and written.strip() else ""
    if loc and isinstance(loc[-1], int):
        return f"an item of `{name}` is empty{said}", "write its value, or remove the item"
    fix, optional = _what_belongs(model, loc, name)
    return f"`{name}` is empty{said}", fix + (", or delete the line" if optional else "")


def _what_belongs(model: type[Model], loc: list[str | int], name: str) -> tuple[str, bool]:
    """What to write in the field at `loc` ("write …", "fill in one of: …"), and whether the field is optional."""
    fields = _walk_fields(model, loc)
    field = fields[-1] if fields and len(fields) == len([p for p in loc if isinstance(p, str)]) else None
    options = _literal_options(model, loc)
    annotation = [list if get_origin(option) is list else option for option in alternatives(field.annotation)] if field is not None else []
    if options:
        fix = "fill in one of: " + ", ".join(f"`{o}`" for o in options)
    elif bool in annotation:
        fix = "write true or false"
    elif int in annotation:
        fix = "write a whole number"
    elif list in annotation:
        fix = "write the list (`[]` for none)"
    elif field is Date.model_fields["value"]:
        fix = "write YYYY, YYYY-MM or YYYY-MM-DD, as precise as the document gives it"
    elif name in _FILL:
        fix = _FILL[name]
    elif field is not None and field.description:
        fix = "write " + field.description[0].lower() + field.description[1:].rstrip(".")
    else:
        fix = "write its value"
    return fix, field is not None and not field.is_required()


def _walk_fields(model: type[Model], loc: list[str | int]) -> list[FieldInfo]:
    """The fields along `loc` inside `model`, as far as they are known."""
    current: Any = model
    found: list[FieldInfo] = []
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, Model) else None
        if field is None:
            return found
        found.append(field)
        current = _model_in(field.annotation)
    return found


def _walk(model: type[Model], loc: list[str | int]) -> list[Any]:
    """The annotations of the fields along `loc` inside `model`, as far as they are known."""
    fields = _walk_fields(model, loc)
    return [field.annotation for field in fields] if len(fields) == len([p for p in loc if isinstance(p, str)]) else []


def _fields_at(model: type[Model], loc: list[str | int]) -> list[str]:
    """Field names of the model found at `loc` inside `model` (for did-you-mean)."""
    if not any(isinstance(part, str) for part in loc):
        return list(model.model_fields)
    annotations = _walk(model, loc)
    inner = _model_in(annotations[-1]) if annotations else None
    return list(inner.model_fields) if inner is not None else []


def _literal_options(model: type[Model], loc: list[str | int]) -> list[str]:
    """The allowed values of the field at `loc`, when it is a choice of words."""
    annotations = _walk(model, loc)
    if annotations and get_origin(annotations[-1]) is Literal:
        return [str(a) for a in get_args(annotations[-1])]
    return []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
