"""Suggest annotations for a text: the known actors, conferences and instruments it names, names the dossier lacks, passages to cite.

`dossier suggest FILE` is a layer over `suggest(content, index)`; nothing here decides, the maintainer reviews
every suggestion and `dossier check` checks what they keep.

Names and text are folded as search folds them (`search.fold_for_search`), one character at a time, so that every
folded character keeps the offset of the character it came from (dropping Arabic marks changes lengths). Spaces,
hyphens, dashes and apostrophes between words are one soft separator and any other punctuation a hard one, so
`Al-Bahra` is `Al Bahra` but `Japan, Switzerland` is not `Japan Switzerland`. Case is folded too, except that a
name in capitals (`US`, `UN`) matches only capitals and a capitalised name never matches all-lowercase text (`the
Track` is not `the track`). One Aho–Corasick automaton (pyahocorasick) finds every name in one pass; a match stands
between word edges, or, for a name in Arabic script, after proclitics (و ف ب ل ك, and ال; `للأمم` for `الأمم`).
Overlapping matches of one kind keep the leftmost-longest; kinds do not hide each other, since an instrument's name
often holds its issuer's (`UN Security Council Resolution 2254`).

Offsets are 0-based character offsets into the file's content as read (UTF-8, newlines untranslated), end
exclusive: `text == content[start:end]` for every match, name and passage.
"""

from __future__ import annotations

import bisect
import functools
import re
import textwrap
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick  # type: ignore[import-not-found]

from .load import load_file
from .models import Actor, Conference, Instrument
from .search import fold_for_search
from .validate_documents import instrument_names

NAMED = ("actors", "conferences", "instruments")
_SEPARATORS = " |"
_JOINERS = "'’‘ʼ`"


@dataclass(frozen=True)
class Name:
    """A name the dossier knows an entity by."""

    kind: str  # actors, conferences, instruments
    id: str
    text: str


@dataclass(frozen=True)
class Span:
    """A stretch of the file: `text == content[start:end]`."""

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


@dataclass(frozen=True)
class Passage(Span):
    """A sentence (or the part of it free of Markdown markup) with a reporting or demand verb: evidence to cite."""

    cue: str = ""
    actors: tuple[str, ...] = ()

    def row(self) -> dict[str, Any]:
        return {**super().row(), "cue": self.cue, "actors": list(self.actors)}


@dataclass(frozen=True)
class Suggestions:
    """What `suggest` found in one file."""

    found: tuple[Found, ...]
    new_names: tuple[Span, ...]
    passages: tuple[Passage, ...]

    def named(self, kind: str) -> dict[str, list[Found]]:
        """Id → its matches, entities in the order the text first names them."""
        grouped: dict[str, list[Found]] = {}
        for match in self.found:
            if match.kind == kind:
                grouped.setdefault(match.id, []).append(match)
        return grouped

    def as_json(self) -> dict[str, Any]:
        rows: dict[str, Any] = {kind: [{"id": i, "matches": [m.row() for m in ms]} for i, ms in self.named(kind).items()] for kind in NAMED}
        new_names = [{"text": n.text, "start": n.start, "end": n.end} for n in self.new_names]
        return {**rows, "new_names": new_names, "passages": [p.row() for p in self.passages]}


@functools.cache  # a text has few distinct characters
def _fold_char(char: str) -> str:
    """One character as matching compares it: letters and digits folded as search folds them, anything else a separator."""
    return "".join(c if c.isalnum() else " " if c.isspace() or c in _JOINERS or unicodedata.category(c) == "Pd" else "|" for c in fold_for_search(char))


_INITIAL_DOT = re.compile(r"(?<=(?<!\w)[^\W\d_])\.(?=[^\W\d_])")  # the dot of an initialism: `U.S.` is `US`, `U.N.` is `UN`
_RUNS = re.compile("[ |]{2,}")


class _Folding(dict[int, str]):
    """`str.translate` table of `_fold_char`, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_FOLDING = _Folding()


def _fold(content: str, regions: Iterable[tuple[int, int]]) -> tuple[str, list[int]]:
    """The folded text of `regions` of `content`, separators run together, and the offset in `content` of each folded character."""
    pieces: list[str] = []
    offsets: list[int] = []
    for start, end in regions:
        chunk = content[start:end]
        dots = [dot.start() - start for dot in _INITIAL_DOT.finditer(content, start, end)]
        if not dots and all(len(_fold_char(c)) == 1 for c in set(chunk)):
            pieces.append(chunk.translate(_FOLDING) + "|")  # one folded character per character: most texts
            offsets += range(start, end + 1)
            continue
        folded = list(map(_fold_char, chunk))
        for dot in dots:
            folded[dot] = ""
        pieces += [*folded, "|"]  # a title and a body are not one sentence
        offsets += [offset for piece, offset in zip(folded, range(start, end), strict=True) for _ in piece] + [end]
    raw = "".join(pieces)
    chars: list[str] = []
    where: list[int] = []
    at = 0
    for run in _RUNS.finditer(raw):
        chars += [raw[at : run.start()], "|" if "|" in run.group() else " "]
        where += offsets[at : run.start() + 1]
        at = run.end()
    chars.append(raw[at:])
    where += offsets[at:]
    return "".join(chars), where


def fold_name(name: str) -> str:
    """A name as the automaton holds it: `_fold` of the name alone, without separators at its ends."""
    folded = (_INITIAL_DOT.sub("", name) if "." in name else name).translate(_FOLDING)
    if "|" in folded or "  " in folded:
        folded = _RUNS.sub(lambda run: "|" if "|" in run.group() else " ", folded)
    return folded.strip(_SEPARATORS)


def _arabic(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff"


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


class NameIndex:
    """Every known name in one Aho–Corasick automaton, built once and matched against any number of texts."""

    def __init__(self, names: Iterable[Name]) -> None:
        keys: dict[str, dict[_Entry, None]] = {}
        for name in names:
            key = fold_name(name.text)
            if len(key) < 2:
                continue
            arabic = _arabic(key[0])
            keys.setdefault(key, {})[_Entry(name.kind, name.id, _case(name.text), arabic, False)] = None
            if arabic and key.startswith("ال") and len(key) > 3:
                keys.setdefault(key[1:], {})[_Entry(name.kind, name.id, "", True, True)] = None
        self.size = len(keys)
        self.automaton = ahocorasick.Automaton()
        for key, entries in keys.items():
            self.automaton.add_word(key, (len(key), any(e.arabic for e in entries), tuple(entries)))
        self.automaton.make_automaton()


_PROCLITICS = re.compile("[وف]?[بلك]?(?:ال)?")
_ELIDED = re.compile("[وف]?ل")


def _end(content: str, where: list[int], end: int) -> int:
    """Offset in `content` just after folded character `end - 1`, with the marks that follow it (a name does not end before its haraka)."""
    at = where[end - 1] + 1
    while at < len(content) and not _fold_char(content[at]):
        at += 1
    return at


def _matches(content: str, stream: str, where: list[int], index: NameIndex) -> list[Found]:
    """Every known name in the folded `stream`, at word edges or after proclitics; per kind, leftmost-longest."""
    candidates: list[tuple[int, int, _Entry]] = []
    for last, (length, arabic, entries) in index.automaton.iter(stream) if index.size else ():
        start, end = last - length + 1, last + 1
        if end < len(stream) and stream[end] not in _SEPARATORS:
            continue
        word = start
        while arabic and word and stream[word - 1] not in _SEPARATORS:
            word -= 1  # the proclitics attached to an Arabic name
        if word and stream[word - 1] not in _SEPARATORS:
            continue
        prefix = stream[word:start]
        candidates += [(start, end, e) for e in entries if (_ELIDED if e.elided else _PROCLITICS).fullmatch(prefix) and (e.arabic or not prefix)]
    found: dict[Found, None] = {}  # two names of one entity may fold alike
    for kind in NAMED:
        reach, current = -1, (-1, -1)
        for start, end, entry in sorted((c for c in candidates if c[2].kind == kind), key=lambda c: (c[0], -c[1], c[2].id)):
            lo, hi = where[start], _end(content, where, end)
            written = content[lo:hi]
            if (entry.case == "upper" and written != written.upper()) or (entry.case == "capitalised" and written == written.lower()):
                continue
            if start >= reach:
                reach, current = end, (start, end)
            elif (start, end) != current:
                continue  # inside a longer name of the same kind
            found[Found(lo, hi, written, kind, entry.id)] = None
    return sorted(found, key=lambda m: (m.start, m.kind, m.id))


_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)
_FIELD = re.compile(r"^[A-Za-z_]\w*:", re.M)
_TITLE = re.compile(r"^title:[ \t]*(.*?)[ \t]*$", re.M)


def regions(content: str) -> tuple[tuple[int, int] | None, tuple[int, int]]:
    """Where a file's title (a document's one-line `title:`) and its text are: a file without front matter is all text."""
    front = _FRONT.match(content)
    if front is None or not _FIELD.search(front.group(1)):  # a text that opens with a rule (`---`) is no document file
        return None, (0, len(content))
    title = _TITLE.search(content, front.start(1), front.end(1))
    span: tuple[int, int] | None = None
    if title and title.group(1) and title.group(1)[0] not in ">|":
        lo, hi = title.span(1)
        value = title.group(1)
        if value[0] in "\"'" and len(value) > 1 and value[-1] == value[0]:
            lo, hi = lo + 1, hi - 1
        elif " #" in value:
            hi = lo + len(value.split(" #")[0].rstrip())
        span = (lo, hi)
    return span, (front.end(), len(content))


# Cues: the reporting and demand verbs that open a claim, in their common inflections. English as a pattern over
# folded text; Arabic as written, folded below (hamza, taa marbuta and alef maqsura forms all match), after و or ف.
_EN_CUES = (
    r"call(?:s|ed|ing)? (?:for|on|upon)|demand(?:s|ed|ing)?|urg(?:e|es|ed|ing)|stress(?:es|ed|ing)?|reject(?:s|ed|ing)?"
    r"|condemn(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|emphasi[sz](?:e|es|ed|ing)|underlin(?:e|es|ed|ing)|underscor(?:e|es|ed|ing)"
    r"|insist(?:s|ed|ing)? on|reiterat(?:e|es|ed|ing)|reaffirm(?:s|ed|ing)?|affirm(?:s|ed|ing)?|oppos(?:e|es|ed|ing)"
    r"|appeal(?:s|ed|ing)? (?:for|to)|warn(?:s|ed|ing)?|advocat(?:e|es|ed|ing)|highlight(?:s|ed|ing)?"
)
_AR_CUES = (
    "طالب طالبت طالبوا يطالب تطالب يطالبون مطالبا مطالبة المطالبة دعا دعت دعوا يدعو تدعو يدعون داعيا دعوة الدعوة "
    "رفض رفضت رفضوا يرفض ترفض يرفضون رافضا الرفض أكد أكدت أكدوا يؤكد تؤكد يؤكدون مؤكدا تأكيد "
    "شدد شددت شددوا يشدد تشدد يشددون مشددا تشديد أدان أدانت أدانوا يدين تدين يدينون إدانة حث حثت يحث تحث ناشد ناشدت يناشد تناشد"
)
_CUE_WORDS = _EN_CUES + "|" + "|".join(sorted({fold_name(w) for w in _AR_CUES.split()}, key=len, reverse=True))
_CUE = re.compile(f"(?<![^ |])[وف]?(?P<cue>{_CUE_WORDS})(?![^ |])")
# Python-Markdown reads these as markup (as `body.plain_paragraphs` lists them), and front matter refuses bidi
# controls in evidence: a passage never spans one.
_MARKUP = re.compile(r"\]\([^)\n]*\)|[`\\*_\[\]<|\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069]|^[ \t]*(?:[#>+=-]+|\d+[.)])|[ \t]#+[ \t]*$", re.M)
_OPENS_BLOCK = re.compile(r"[ \t]{0,3}(?:#|>|[-+*][ \t]|\d+[.)][ \t]|\|)")
_RULE = re.compile(r"[ \t]*(?:=+|-+|\*+|_+)[ \t]*")
_LINE = re.compile(r"[^\n]+\n?|\n")
_SENTENCE_END = re.compile(r"[.!?؟…]+[\"'”’»)\]]*(?=\s+\S)")
_WORD_BEFORE = re.compile(r"(\w+)$")
_NEXT = re.compile(r"\s*(\S)")


def sentences(content: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of the text: never across a paragraph, list item, heading or quote; ending at `.`, `!`, `?` or `؟` before a word not in lower case, never after `Mr.` or `U.S.`."""
    blocks: list[list[int]] = [[]]
    for line in _LINE.finditer(content, start, end):
        text = line.group().rstrip("\r\n")
        if not text.strip() or _RULE.fullmatch(text):
            blocks.append([])  # a blank line or a rule ends a block
        elif _OPENS_BLOCK.match(text) or not blocks[-1]:
            blocks.append([line.start(), line.start() + len(text)])
        else:
            blocks[-1][1] = line.start() + len(text)
        if text.lstrip(" \t").startswith("#"):
            blocks.append([])  # a heading is one line
    found: list[tuple[int, int]] = []
    for lo, hi in (b for b in blocks if b):
        for stop in _SENTENCE_END.finditer(content, lo, hi):
            word = _WORD_BEFORE.search(content, lo, stop.start())
            abbreviation = word is not None and (word[1].lower() in _ABBREVIATIONS or (word[1].isupper() and len(word[1]) == 1))
            following = _NEXT.match(content, stop.end(), hi)
            if not abbreviation and not (following and following[1].islower()):
                found.append((lo, stop.end()))
                lo = stop.end()
        found.append((lo, hi))
    return [(lo + len(content[lo:hi]) - len(content[lo:hi].lstrip()), lo + len(content[lo:hi].rstrip())) for lo, hi in found if content[lo:hi].strip()]


def _passage(content: str, sentence: tuple[int, int], cue: tuple[int, int]) -> tuple[int, int] | None:
    """The part of `sentence` around `cue` that no Markdown markup interrupts, trimmed; None when too short to cite."""
    lo, hi = sentence
    for mark in _MARKUP.finditer(content, *sentence):
        if mark.end() <= cue[0]:
            lo = max(lo, mark.end())
        elif mark.start() >= cue[1]:
            hi = min(hi, mark.start())
            break
        else:
            return None
    piece = content[lo:hi]
    stripped = piece.lstrip(" \t\n,;:)")
    lo, hi = lo + len(piece) - len(stripped), lo + len(piece.rstrip())
    if len(content[lo:hi].split()) < 4 or not unicodedata.is_normalized("NFC", content[lo:hi]):
        return None  # too short to cite; or decomposed, which evidence may not be (the file should be normalised to NFC)
    return lo, hi


def _passages(content: str, body: tuple[int, int], stream: str, where: list[int], actors: list[Found]) -> list[Passage]:
    found: list[Passage] = []
    starts = [m.start for m in actors]
    for sentence in sentences(content, *body):
        a, b = bisect.bisect_left(where, sentence[0]), bisect.bisect_left(where, sentence[1])
        for cue in _CUE.finditer(stream, a, b):
            cue_span = (where[cue.start("cue")], _end(content, where, cue.end("cue")))
            if span := _passage(content, sentence, cue_span):
                break
        else:
            continue
        named = [m.id for m in actors[bisect.bisect_left(starts, sentence[0]) : bisect.bisect_left(starts, sentence[1])] if m.end <= sentence[1]]
        found.append(Passage(span[0], span[1], content[span[0] : span[1]], content[cue_span[0] : cue_span[1]], tuple(dict.fromkeys(named))))
    return found


_TOKEN = re.compile(r"[^\W\d_][\w\u064b-\u065f\u0670\u0640\u200c’'-]*(?<![’'-])")


def _words(words: str, prefixes: Iterable[str] = ("",)) -> frozenset[str]:
    """A list of words written out, folded, each also after `prefixes`."""
    return frozenset(prefix + fold_name(word) for word in words.split() for prefix in prefixes)


_ABBREVIATIONS = _words("mr mrs ms dr st no nos vs etc eg ie prof gen col lt sr jr jan feb mar apr jun jul aug sep sept oct nov dec art para")
_CONNECTORS = _words("of for and the de du al el bin ibn la van von der")
_STARTERS = _words(
    "the a an in on at from during as since this these that those it its he she they we our their his her according after before while despite "
    "thus and but here there mr mrs ms dr for with by to of also although however meanwhile when if all both last next over under through "
    "within among between until some many such most"
)
_AR_PREFIXES = [w + b + a for w in ("", "و", "ف") for b in ("", "ب", "ل", "ك") for a in ("", "ال")]  # what _PROCLITICS allows
_AR_HEADS = _words("حزب حركة هيئة مجلس ائتلاف جبهة منظمة تيار لجنة اتحاد جيش قوات مؤتمر رابطة تجمع مكتب وزارة حكومة مركز شبكة جمعية غرفة مبادرة", _AR_PREFIXES)
_AR_TITLES = _words("رئيس السيد السيدة وزير المبعوث الدكتور الشيخ العميد اللواء السفير", _AR_PREFIXES)
_AR_STOP = _words(
    "في من على إلى عن مع أن إن التي الذي الذين هذا هذه ذلك كما قد لا ما لم لن بعد قبل حول خلال بين عند منذ ضد عبر نحو أو ثم حيث لدى كل بأن وأن إلا أي "
    "هو هي هم أنه أنها كان كانت يوم أمس اليوم أيضا بشأن"
)


def _new_names(content: str, body: tuple[int, int], found: list[Found]) -> list[Span]:
    """Capitalised runs of two words or more (`Near Eastern Affairs`) and Arabic spans after an organisation's or a title's word."""
    covered = bytearray(len(content))
    for match in found:
        covered[match.start : match.end] = b"\x01" * (match.end - match.start)
    runs: list[list[tuple[int, int, str]]] = [[]]  # words joined by spaces alone, none of them a known name
    last = body[0]
    for token in _TOKEN.finditer(content, *body):
        lo, hi = token.span()
        gap = content[last:lo]
        known = covered.find(1, lo, hi) >= 0
        if known or not gap.isspace() or gap.count("\n") > 1:
            runs.append([])
        if not known:
            runs[-1].append((lo, hi, token.group()))
        last = hi
    spans = [span for run in runs if len(run) > 1 for span in (_latin_name(run) + _arabic_name(run))]
    seen: set[str] = set()
    names = []
    for lo, hi in sorted(spans):
        if (key := fold_name(content[lo:hi])) not in seen:
            seen.add(key)
            names.append(Span(lo, hi, content[lo:hi]))
    return names


def _capital(word: str) -> bool:
    return word[0].isupper() or (word[:3].lower() in ("al-", "el-") and word[3:4].isupper())


def _latin_name(run: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    names: list[tuple[int, int]] = []
    current: list[tuple[int, int, str]] = []  # a stretch of capitalised words and connectors
    for token in [*run, (0, 0, "")]:
        word = token[2]
        if word and (_capital(word) or (current and word.lower() in _CONNECTORS)):
            current.append(token)
            continue
        while current and current[-1][2].lower() in _CONNECTORS | _STARTERS:
            current.pop()  # `of`, or `Mr` before its dot
        while current and current[0][2].lower() in _STARTERS:
            current.pop(0)
        if sum(1 for t in current if t[2].lower() not in _CONNECTORS) >= 2:
            names.append((current[0][0], current[-1][1]))
        current = []
    return names


def _in_name(word: str) -> bool:
    """Whether a folded Arabic word may go on a name: not a particle, a cue, or a preposition with its article (`بالوفد`)."""
    return bool(word) and word not in _AR_STOP and not word.startswith(("بال", "كال", "فال", "لل")) and not _CUE.fullmatch(word)


def _arabic_name(run: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    words = ["".join(map(_fold_char, word)) if _arabic(word[0]) else "" for _, _, word in run]
    names = []
    for i, word in enumerate(words):
        title = word in _AR_TITLES
        if not word or not (title or word in _AR_HEADS):
            continue
        first = i + 1 if title else i
        while title and first < len(words) and first - i <= 2 and words[first].startswith("ال"):
            first += 1  # the title's own words (`وزير الخارجية التركي`), before the person's name
        end = max(first, i + 1)
        while end < len(words) and end - first < (3 if title else 6) and _in_name(words[end]):
            end += 1
        if end - first >= 2:
            names.append((run[first][0], run[end - 1][1]))
    return names


def suggest(content: str, index: NameIndex) -> Suggestions:
    """Known names, new names and candidate passages of a file's content (a document file's title and body, or plain text)."""
    title, body = regions(content)
    stream, where = _fold(content, [title, body] if title else [body])
    found = _matches(content, stream, where, index)
    actors = [m for m in found if m.kind == "actors"]
    passages = _passages(content, body, stream, where, actors)
    return Suggestions(tuple(found), tuple(_new_names(content, body, found)), tuple(passages))


def draft(found: Suggestions, content: str, path: str) -> str:
    """The suggestions as YAML to paste into a document's front matter and review: the lists of ids, then names to create and claim stubs as comments."""

    def where(span: Span) -> str:
        return f"line {content.count(chr(10), 0, span.start) + 1}"

    def shown(text: str) -> str:
        return "“" + " ".join(text.split()) + "”"

    lines = [f"# `dossier suggest {path}` suggests, never decides: keep what the text bears out, then run `dossier check`."]
    for kind in NAMED:
        lines.append(f"{kind}:" + ("" if found.named(kind) else " []"))
        for entity, matches in found.named(kind).items():
            forms = ", ".join(dict.fromkeys(shown(m.text) for m in matches))
            lines.append(f"  - {entity}  # {forms}, {where(matches[0])}" + (f", {len(matches)} times" if len(matches) > 1 else ""))
    if found.new_names:
        lines.append('# Names the dossier does not know: create those that are entities (`dossier new actor "…"`, or conference, instrument).')
        lines += [f"#   {shown(name.text)} {where(name)}" for name in found.new_names]
    if found.passages:
        lines.append("# Claim stubs, one per sentence with a reporting or demand verb: uncomment those that state a position, then fill them in.")
        lines.append("# claims:")
    for passage in found.passages:
        named = f"  # named in the sentence: {', '.join(passage.actors)}" if passage.actors else ""
        lines += [f"#   - actor: null{named}", "#     basis: null  # quoted, own-publication, reported or characterised"]
        lines += ["#     demand: null", "#     stance: null  # supports, opposes or conditional", f"#     # {where(passage)}, cue {shown(passage.cue)}"]
        lines.append("#     evidence: >-")
        lines += [f"#       {chunk}" for chunk in textwrap.wrap(" ".join(passage.text.split()), 100, break_long_words=False, break_on_hyphens=False)]
    counts = [f"{kind} {len(found.named(kind))}" for kind in NAMED] + [f"new names {len(found.new_names)}", f"passages {len(found.passages)}"]
    return "\n".join([*lines, "# suggested: " + ", ".join(counts)]) + "\n"


def names_of(kind: str, record_id: str, model: Actor | Conference | Instrument) -> list[Name]:
    """What a text may call an entity: name, acronym, Arabic name, aliases, short name; an instrument's numbers (`القرار 2254`)."""
    if isinstance(model, Actor):
        texts = [model.name.value, *(f.value for f in (model.acronym, model.name_ar) if f), *(a.value for a in model.aliases)]
    elif isinstance(model, Conference):
        texts = [model.name.value, *([model.short_name] if model.short_name else [])]
    else:
        texts = instrument_names(model)
        numbers = [t for t in texts if t.isdigit()]
        texts += [form.format(n) for n in numbers for form in ("القرار {}", "قرار {}", "Resolution {}")] if model.kind == "resolution" else []
    return [Name(kind, record_id, text) for text in dict.fromkeys(texts)]


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
