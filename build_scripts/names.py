"""Where a text names the dossier's actors, conferences and instruments: one matcher for `check` and `dossier suggest`.

Names and text are folded as search folds them (`folding.fold_for_search`), one character at a time, so that every
folded character keeps the offset of the character it came from (dropping Arabic marks changes lengths). Spaces,
hyphens, dashes and apostrophes between words are one soft separator and any other punctuation a hard one, so
`Al-Bahra` is `Al Bahra` but `Japan, Switzerland` is not `Japan Switzerland`. Case is folded too, except that a
name in capitals (`US`, `UN`) matches only capitals and a capitalised name never matches all-lowercase text (`the
Track` is not `the track`). One Aho–Corasick automaton (pyahocorasick) finds every name in one pass; a match stands
between word edges, or, for a name in Arabic script, after proclitics (و ف ب ل ك, and ال; `للأمم` for `الأمم`).
Overlapping matches keep the leftmost-longest, whatever their kinds: the text names the entity of the longer name
(`Geneva Statement`, not the Geneva process; `UN Security Council Resolution 2254`, not the council). `check` and
`dossier suggest` read the same matches.

Offsets are 0-based character offsets into the content as given, end exclusive: `text == content[start:end]`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick  # type: ignore[import-not-found]

from .folding import fold_for_search
from .load import Sources, load_file
from .models import Actor, Conference, Instrument

NAMED = ("actors", "conferences", "instruments")
_SEPARATORS = " |"
_JOINERS = "'’‘ʼ`"
Region = tuple[int, int]


@dataclass(frozen=True)
class Name:
    """A name the dossier knows an entity by."""

    kind: str  # actors, conferences, instruments
    id: str
    text: str


@dataclass(frozen=True)
class Span:
    """A stretch of the content: `text == content[start:end]`."""

    start: int
    end: int
    text: str

    def row(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Found(Span):
    """Where the text names a known entity."""

    kind: str = ""
    id: str = ""


@functools.cache  # a text has few distinct characters
def fold_char(char: str) -> str:
    """One character as matching compares it: letters and digits folded as search folds them, anything else a separator."""
    return "".join(c if c.isalnum() else " " if c.isspace() or c in _JOINERS or unicodedata.category(c) == "Pd" else "|" for c in fold_for_search(char))


def _cased_char(char: str) -> str:
    """`fold_char`, in capitals where the character is one (and stays one character per folded one): what case rules read."""
    folded = fold_char(char)
    return folded.upper() if char.isupper() and len(folded.upper()) == len(folded) else folded


# The dot of an initialism: `U.S.` is `US`, `U.N.` is `UN`. Written dot first, so that re looks only at dots.
_INITIAL_DOT = re.compile(r"\.(?<=(?<!\w)[^\W\d_]\.)(?=[^\W\d_])")
_RUNS = re.compile("[ |]{2,}")
_SPACES = re.compile("  +")
_PIPES = re.compile(r"\|[ |]+")


class _Folding(dict[int, str]):
    """`str.translate` table of a folding of characters, filled as characters are met."""

    def __init__(self, fold: Any) -> None:
        super().__init__()
        self.fold = fold

    def __missing__(self, code: int) -> str:
        self[code] = folded = self.fold(chr(code))
        return folded


_FOLDING = _Folding(fold_char)
_CASED = _Folding(_cased_char)


def _run(run: re.Match[str]) -> str:
    return "|" if "|" in run.group() else " "


def folded(content: str, regions: Iterable[Region], table: _Folding = _FOLDING) -> str:
    """The folded text of `regions` of `content`, as `fold` gives it, without the offsets: C speed (str.translate, re)."""
    pieces = []
    for start, end in regions:
        chunk = content[start:end]
        pieces.append((_INITIAL_DOT.sub("", chunk) if "." in chunk else chunk).translate(table))
    raw = "|".join(pieces) + "|"  # a title and a body are not one sentence
    # `_RUNS.sub(_run, raw)` without a call per run: spaces run together, then a run with a `|` is one `|`.
    return _PIPES.sub("|", _SPACES.sub(" ", raw).replace(" |", "|"))


def fold(content: str, regions: Iterable[Region]) -> tuple[str, list[int]]:
    """The folded text of `regions` of `content`, separators run together, and the offset in `content` of each folded character."""
    pieces: list[str] = []
    offsets: list[int] = []
    for start, end in regions:
        chunk = content[start:end]
        dots = [dot.start() - start for dot in _INITIAL_DOT.finditer(content, start, end)]
        if not dots and all(len(fold_char(c)) == 1 for c in set(chunk)):
            pieces.append(chunk.translate(_FOLDING) + "|")  # one folded character per character: most texts
            offsets += range(start, end + 1)
            continue
        chars = list(map(fold_char, chunk))
        for dot in dots:
            chars[dot] = ""
        pieces += [*chars, "|"]
        offsets += [offset for piece, offset in zip(chars, range(start, end), strict=True) for _ in piece] + [end]
    raw = "".join(pieces)
    text: list[str] = []
    where: list[int] = []
    at = 0
    for run in _RUNS.finditer(raw):
        text += [raw[at : run.start()], _run(run)]
        where += offsets[at : run.start() + 1]
        at = run.end()
    text.append(raw[at:])
    where += offsets[at:]
    return "".join(text), where


def fold_name(name: str) -> str:
    """A name as the automaton holds it: `fold` of the name alone, without separators at its ends."""
    text = (_INITIAL_DOT.sub("", name) if "." in name else name).translate(_FOLDING)
    if "|" in text or "  " in text:
        text = _RUNS.sub(_run, text)
    return text.strip(_SEPARATORS)


def is_arabic(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff"


def joined(title: str, text: str) -> tuple[str, list[Region]]:
    """A document's title and text as one content, a line apart, and the region of each."""
    return f"{title}\n{text}", [(0, len(title)), (len(title) + 1, len(title) + 1 + len(text))]


class _Entry(NamedTuple):
    kind: str
    id: str
    case: str  # "upper": matches only capitals; "capitalised": never all-lowercase text; "": any
    arabic: bool  # proclitics may come before it
    elided: bool  # the form without the article's alef, after ل: `لأمم المتحدة` in `للأمم المتحدة`


def _case(name: str) -> str:
    if name == name.lower():
        return ""  # no capitals, or no cased letters (Arabic)
    return "upper" if name == name.upper() else "capitalised"


def _case_holds(case: str, written: str) -> bool:
    return not ((case == "upper" and written != written.upper()) or (case == "capitalised" and written == written.lower()))


_PROCLITICS = re.compile("[وف]?[بلك]?(?:ال)?")
_ELIDED = re.compile("[وف]?ل")


class NameIndex:
    """Every known name in one Aho–Corasick automaton, built once and matched against any number of texts."""

    def __init__(self, names: Iterable[Name]) -> None:
        keys: dict[str, dict[_Entry, None]] = {}
        for name in names:
            key = fold_name(name.text)
            if len(key) < 2:
                continue
            arabic = is_arabic(key[0])
            keys.setdefault(key, {})[_Entry(name.kind, name.id, _case(name.text), arabic, False)] = None
            if arabic and key.startswith("ال") and len(key) > 3:
                keys.setdefault(key[1:], {})[_Entry(name.kind, name.id, "", True, True)] = None
        self.size = len(keys)
        self.automaton = ahocorasick.Automaton()
        for key, entries in keys.items():
            self.automaton.add_word(key, (len(key), any(e.arabic for e in entries), tuple(entries)))
        self.automaton.make_automaton()

    def hits(self, stream: str) -> Iterator[tuple[int, int, bool, tuple[_Entry, ...]]]:
        """Every name in the folded `stream`, wherever it is: start, end, whether one is Arabic, the entries of its key."""
        for last, (length, arabic, entries) in self.automaton.iter(stream) if self.size else ():
            yield last - length + 1, last + 1, arabic, entries

    def first_named(self, content: str, regions: list[Region], skip: Collection[tuple[str, str]]) -> list[Found]:
        """The first match of each entity that `regions` of `content` name, but those (kind, id) in `skip`, in the text's order.

        Matches are those of `matches` (leftmost-longest across kinds): a name inside a longer one does not count
        (`Geneva` in `Geneva Statement`), even when the longer one's entity is in `skip`.

        The whole text is folded and scanned at C speed; only a text that names an entity not in `skip` (a rare one in
        an annotated dossier) is folded again with offsets and matched as `matches` does.
        """
        stream = folded(content, regions)
        cased: str | None = None
        for last, (length, arabic, entries) in self.automaton.iter(stream) if self.size else ():
            fresh = [e for e in entries if (e.kind, e.id) not in skip]
            start, end = last - length + 1, last + 1
            prefix = _prefix(stream, start, end, arabic) if fresh else None
            if prefix is None:
                continue
            for entry in (e for e in fresh if _allowed(e, prefix)):
                if entry.case:
                    cased = folded(content, regions, _CASED) if cased is None else cased
                    if not _case_holds(entry.case, cased[start:end]):
                        continue
                break
            else:
                continue
            break
        else:
            return []
        first: dict[tuple[str, str], Found] = {}
        for match in matches(content, *fold(content, regions), self):
            if (match.kind, match.id) not in skip:
                first.setdefault((match.kind, match.id), match)
        return sorted(first.values(), key=lambda m: (m.start, m.kind, m.id))


def _prefix(stream: str, start: int, end: int, arabic: bool) -> str | None:
    """What stands before a name found at `start`–`end` in its word (an Arabic name's proclitics), or None when it is not at word edges."""
    if end < len(stream) and stream[end] not in _SEPARATORS:
        return None
    word = start
    while arabic and word and stream[word - 1] not in _SEPARATORS:
        word -= 1  # the proclitics attached to an Arabic name
    if word and stream[word - 1] not in _SEPARATORS:
        return None
    return stream[word:start]


def _allowed(entry: _Entry, prefix: str) -> bool:
    return (entry.arabic or not prefix) and (_ELIDED if entry.elided else _PROCLITICS).fullmatch(prefix) is not None


def written_end(content: str, where: list[int], end: int) -> int:
    """Offset in `content` just after folded character `end - 1`, with the marks that follow it (a name does not end before its haraka)."""
    at = where[end - 1] + 1
    while at < len(content) and not fold_char(content[at]):
        at += 1
    return at


def matches(content: str, stream: str, where: list[int], index: NameIndex) -> list[Found]:
    """Every known name in the folded `stream` of `content`, at word edges or after proclitics; leftmost-longest, across kinds.

    Where names overlap, the one that starts first wins, then the longest: `Geneva` in `Geneva Statement` is not a
    match, nor `UN Security Council` in `UN Security Council Resolution 2254`. Names of the same stretch are all kept
    (an actor and a conference may share a name). `check` and `suggest` both read matches from here.
    """
    candidates: list[tuple[int, int, _Entry]] = []
    for start, end, arabic, entries in index.hits(stream):
        prefix = _prefix(stream, start, end, arabic)
        if prefix is not None:
            candidates += [(start, end, e) for e in entries if _allowed(e, prefix)]
    found: dict[Found, None] = {}  # two names of one entity may fold alike
    reach, current = -1, (-1, -1)
    for start, end, entry in sorted(candidates, key=lambda c: (c[0], -c[1], c[2].kind, c[2].id)):
        lo, hi = where[start], written_end(content, where, end)
        written = content[lo:hi]
        if not _case_holds(entry.case, written):
            continue
        if start >= reach:
            reach, current = end, (start, end)
        elif (start, end) != current:
            continue  # inside or across a longer name, or one that starts before it: of any kind
        found[Found(lo, hi, written, entry.kind, entry.id)] = None
    return sorted(found, key=lambda m: (m.start, m.kind, m.id))


DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "resolution": ("resolution", "قرار", "القرار"),
    "decree": ("decree", "legislative decree", "مرسوم", "المرسوم", "المرسوم التشريعي"),
    "law": ("law", "قانون", "القانون"),
    "communique": ("communiqué", "communique", "بيان", "البيان"),
    "declaration": ("declaration", "إعلان", "الإعلان"),
    "agreement": ("agreement", "اتفاق", "الاتفاق", "اتفاقية", "الاتفاقية"),
    "memorandum": ("memorandum", "مذكرة", "المذكرة"),
    "statement": ("statement", "بيان", "البيان"),
    "other": (),
}
"""The words of each kind of instrument that a number follows (`Resolution 2254`, `المرسوم 107`)."""
_NUMBER_MARKS = (("", "no. ", "no ", "number "), ("", "رقم "))
"""What may stand between a kind's word and its number, in English and in Arabic."""
BARE_DIGITS = 4
"""A number of this many digits or more names its instrument alone (`2254`); a shorter one only after its kind's word."""


def instrument_numbers(instrument: Instrument) -> list[str]:
    """An instrument's numbers: each number that follows its kind's word in its name, short name or an alias (`Decree No. 107`)."""
    words = "|".join(re.escape(word) for word in sorted(KIND_WORDS[instrument.kind], key=len, reverse=True))
    if not words:
        return []
    pattern = re.compile(rf"(?<!\w)(?:{words})\s+(?:no\.?\s*|number\s+|رقم\s+)?(\d+)(?!\d)")
    names = [instrument.name.value, *(alias.value for alias in instrument.aliases)] + ([instrument.short_name] if instrument.short_name else [])
    return sorted({number for name in names for number in pattern.findall(name.casefold().translate(DIGITS))})


def instrument_names(instrument: Instrument) -> list[str]:
    """What a text may call an instrument: its name, Arabic name, short name and aliases, and its numbers as `instrument_numbers` reads them.

    A number is written after one of its kind's words, with or without `No.` or `رقم` (`Decree 107`, `decree No. 107`,
    `المرسوم رقم 107`, `Resolution 2254`, `القرار 2254`); alone (`2254`) only when it has `BARE_DIGITS` digits or more,
    as UN resolutions' numbers do, so that `107 people` never names `Decree No. 107`.
    """
    names = [instrument.name.value, *(f.value for f in (instrument.name_ar, *instrument.aliases) if f)] + (
        [instrument.short_name] if instrument.short_name else []
    )
    numbers = instrument_numbers(instrument)
    forms = [f"{word} {mark}{number}" for number in numbers for word in KIND_WORDS[instrument.kind] for mark in _NUMBER_MARKS[is_arabic(word[0])]]
    return list(dict.fromkeys(names + forms + [number for number in numbers if len(number) >= BARE_DIGITS]))


def names_of(kind: str, record_id: str, model: Actor | Conference | Instrument) -> list[Name]:
    """What a text may call an entity: name, acronym, Arabic name, aliases, short name; an instrument's numbers (`القرار 2254`)."""
    if isinstance(model, Actor):
        texts = [model.name.value, *(f.value for f in (model.acronym, model.name_ar) if f), *(a.value for a in model.aliases)]
    elif isinstance(model, Conference):
        texts = [model.name.value, *([model.name_ar.value] if model.name_ar else []), *([model.short_name] if model.short_name else [])]
    else:
        texts = instrument_names(model)
    return [Name(kind, record_id, text) for text in dict.fromkeys(texts)]


def dossier_names(sources: Sources) -> list[Name]:
    """The names of every actor, conference and instrument that loaded (files read only in part are left out)."""
    return [name for kind in NAMED for record_id, record in getattr(sources, kind).items() for name in names_of(kind, record_id, record.model)]


def known_names(root: Path) -> tuple[list[Name], list[str]]:
    """The names of every actor, conference and instrument under `root`, and the files that did not load (their names are left out)."""
    models: dict[str, type[Actor] | type[Conference] | type[Instrument]] = {"actors": Actor, "conferences": Conference, "instruments": Instrument}
    names: list[Name] = []
    failed: list[str] = []
    for kind, model in models.items():
        for path in sorted((root / kind).glob("*.md")):
            display = str(Path(root.name) / kind / path.name)
            record, _ = load_file(path, display, model)
            if record is None or record.partial:
                failed.append(display)
                continue
            names += names_of(kind, record.id, record.model)
    return names, failed
