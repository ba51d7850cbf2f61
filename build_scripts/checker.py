"""What the validate stage shares: the problems and facts of one run, and whole-word matching of facts in texts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .body import RenderedBody
from .load import Record, Sources
from .messages import close_id, create_command, id_hint
from .models import Date
from .passages import normalise
from .problems import ERROR, Problem, Severity
from .words import plural


@dataclass(frozen=True)
class FactRecord:
    """A fact about an entity and where it comes from: a document (`source`) or the editors (`editorial`)."""

    kind: str  # actors, conferences, demands, instruments, documents
    entity: str
    field: str  # `name_ar`, `aliases`, `affiliations`, `start`...
    value: str
    source: str | None = None
    editorial: str | None = None


@dataclass(frozen=True)
class Checked:
    """What validation learnt on the way: rendered bodies and the provenance of every fact."""

    bodies: dict[str, RenderedBody]
    facts: list[FactRecord]
    mentions: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(kind, id) → the documents that name the entity."""
    unsupported: list[tuple[str, str, tuple[str | int, ...]]] = field(default_factory=list)
    """(kind, id, location) of plain text facts that no document gives: what `migrate` marks for review."""
    stated: dict[tuple[str, str, str], Stated] = field(default_factory=dict)
    """(kind, id, name) → each name the editors supply, the documents it was looked for in, and the first that gives it.

    A preview's edit looks again only where an edited document is among them (`validate.revalidate`)."""


Stated = tuple[tuple[str, ...], str | None]
"""The documents an editors' name was looked for in, and the first of them that gives it standing alone (None: none does)."""


class Checker:
    """Collects problems and facts for one run."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources
        self.problems: list[Problem] = []
        self.facts: list[FactRecord] = []
        self.unsupported: list[tuple[str, str, tuple[str | int, ...]]] = []
        self.unknown: dict[tuple[str, str], list[tuple[str, int, int]]] = {}  # (kind, unknown id) → every place it is used
        self.named: dict[tuple[str, str], set[str]] = {}  # (kind, id) → the documents that name the entity (demands: by a claim)

    def ref(self, record: Record[Any], loc: tuple[str | int, ...], value: str | None, kind: str, within: Iterable[str] | None = None) -> bool:
        """Report `value` when it names no record of `kind` (or is missing from the document's list); True when it resolves."""
        if value is None:
            return False
        pool = getattr(self.sources, kind)
        if f"{kind}/{value}" in self.sources.failed:
            return False
        if value not in pool:
            if not record.replaced or _readable(record.replaced, loc, True):
                self.unknown.setdefault((kind, value), []).append(record.where(*loc))
            return False
        if within is not None and value not in within:
            self.add(record, loc, f"`{value}` is not annotated in this document's `{kind}`", f"add `{value}` to `{kind}`", reference=True)
        return True

    def unknown_problems(self) -> list[Problem]:
        """One problem per unknown id, at its first use, naming the other places it is used; with the command that creates it, unless it is a slip for a known id."""
        problems = []
        for (kind, value), used in sorted(self.unknown.items()):
            places = sorted(set(used))
            path, line, col = places[0]
            what = kind[:-1]
            known = set(getattr(self.sources, kind))
            problems.append(
                Problem(
                    path,
                    line,
                    col,
                    f"unknown {what} `{value}`{_also(path, places[1:])}",
                    id_hint(what, value, known),
                    create="" if close_id(value, known) else create_command(what, value),  # a slip's fix is the known id
                )
            )
        return problems

    def add(self, record: Record[Any], loc: tuple[str | int, ...], message: str, hint: str, reference: bool = False, severity: Severity = ERROR) -> None:
        if record.replaced and not _readable(record.replaced, loc, reference):
            return
        path, line, col = record.where(*loc)
        self.problems.append(Problem(path, line, col, message, hint, severity))

    def unique(self, record: Record[Any], loc: tuple[str | int, ...], values: list[str]) -> None:
        seen: set[str] = set()
        for i, value in enumerate(values):
            if value in seen:
                self.add(record, (*loc, i), f"`{value}` is listed twice", "remove the repeated entry")
            seen.add(value)

    def dates(self, record: Record[Any], loc: tuple[str | int, ...], start: Date | None, end: Date | None) -> None:
        if start and end:
            common = min(len(start.value), len(end.value))
            if end.value[:common] < start.value[:common]:
                self.add(record, loc, f"ends ({end.value}) before it starts ({start.value})", "check both dates")

    def worked_out(self, kind: str, entity: str, field: str, date: Date | None) -> None:
        """An approximate date is the editors' reasoning: count it as an editorial fact."""
        if date is not None and date.approximate:
            self.facts.append(FactRecord(kind, entity, field, date.value, editorial=date.note))

    def person(self, record: Record[Any], loc: tuple[str | int, ...], speaker: str | None) -> None:
        actor = self.sources.actors.get(speaker or "")
        if actor is not None and actor.model.type != "person":
            kind = actor.model.type.replace("-", " ")
            self.add(
                record,
                loc,
                f"speaker `{speaker}` is a{'n' if kind[0] in 'aeiou' else ''} {kind}, not a person",
                "a speaker is the person who voiced the words; name the organisation in `actor` instead",
            )


def _also(path: str, places: list[tuple[str, int, int]]) -> str:
    """` (also on lines 14 and 20, and in sources/documents/b.md:5)`: where else an unknown id is used, the first few."""
    here = [str(line) for where, line, _ in places if where == path]
    elsewhere = [f"{where}:{line}" for where, line, _ in places if where != path]
    parts = []
    if here:
        parts.append(f"also on {plural('line', len(here))} {_listed(here)}")
    if elsewhere:
        shown = elsewhere[:3] + ([f"{len(elsewhere) - 3} more"] if len(elsewhere) > 3 else [])
        parts.append(f"{'and ' if here else 'also '}in {_listed(shown)}")
    return f" ({', '.join(parts)})" if parts else ""


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _readable(replaced: frozenset[tuple[str | int, ...]], loc: tuple[str | int, ...], reference: bool) -> bool:
    """Whether a problem at `loc` of a file read in part stands: not about a stand-in, and, beside one, only a reference."""
    about = (loc[: len(place)] == place or (not reference and loc[: len(place) - 1] == place[:-1]) for place in replaced)
    return not any(about)


_WORD = re.compile(r"\w")


def _in_word(char: str) -> bool:
    """A letter, digit or a mark on one (a haraka): a name does not end before its diacritics."""
    return bool(_WORD.match(char)) or unicodedata.category(char).startswith("M")


def word_spans(haystack: str, value: str) -> list[tuple[int, int]]:
    """Where `value` appears in casefolded normalised `haystack` as whole words, whitespace and typography forgiven."""
    needle = normalise(value).casefold()
    spans = []
    start = haystack.find(needle)
    while start >= 0 and needle:
        end = start + len(needle)
        before = haystack[start - 1] if start else " "
        after = haystack[end] if end < len(haystack) else " "
        if not (_in_word(before) and _in_word(needle[0])) and not (_in_word(after) and _in_word(needle[-1])):
            spans.append((start, end))
        start = haystack.find(needle, start + 1)
    return spans


def contains_words(haystack: str, value: str) -> bool:
    """True when `value` appears in casefolded normalised `haystack` as whole words, whitespace and typography forgiven."""
    return bool(word_spans(haystack, value))
