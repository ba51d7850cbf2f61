"""Suggest annotations for a text: the known actors, conferences and instruments it names, names the dossier lacks, passages to cite.

`dossier suggest FILE` is a layer over `suggest(content, index)`; nothing here decides, the maintainer reviews
every suggestion and `dossier check` checks what they keep. Known names are found as `names` finds them (the matcher
`check` uses too); new names and cues are read from the same folded text.

Offsets are 0-based character offsets into the file's content as read (UTF-8, newlines untranslated), end
exclusive: `text == content[start:end]` for every match, name and passage.
"""

from __future__ import annotations

import bisect
import re
import textwrap
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .frontmatter import text_span
from .names import NAMED, Found, NameIndex, Span, fold, fold_char, fold_name, is_arabic, matches, written_end


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


_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)
_FIELD = re.compile(r"^[A-Za-z_]\w*:", re.M)


def regions(content: str) -> tuple[tuple[int, int] | None, tuple[int, int]]:
    """Where a file's title (a document's `title:`, read as the loader reads it) and its text are: a file without front matter is all text."""
    front = _FRONT.match(content)
    if front is None or not _FIELD.search(front.group(1)):  # a text that opens with a rule (`---`) is no document file
        return None, (0, len(content))
    title = text_span(front.group(1), "title")
    span = (front.start(1) + title[0], front.start(1) + title[1]) if title else None
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
            cue_span = (where[cue.start("cue")], written_end(content, where, cue.end("cue")))
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
    words = ["".join(map(fold_char, word)) if is_arabic(word[0]) else "" for _, _, word in run]
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
    stream, where = fold(content, [title, body] if title else [body])
    found = matches(content, stream, where, index)
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
        for entity, uses in found.named(kind).items():
            forms = ", ".join(dict.fromkeys(shown(m.text) for m in uses))
            lines.append(f"  - {entity}  # {forms}, {where(uses[0])}" + (f", {len(uses)} times" if len(uses) > 1 else ""))
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
