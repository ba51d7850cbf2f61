"""Find verbatim passages in a document's text, forgiving only whitespace and typography."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

_FOLD = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
}


def fold(char: str) -> str:
    """How one character compares: typographic quotes, dashes and spaces made plain."""
    if char.isspace():
        return " "
    return _FOLD.get(char, char)


def normalise(text: str) -> str:
    """Text as passages are compared: folded characters, single spaces, no ends."""
    out: list[str] = []
    for char in text:
        folded = fold(char)
        if folded == " " and (not out or out[-1] == " "):
            continue
        out.append(folded)
    return "".join(out).strip()


@dataclass
class TextMap:
    """Normalised text of a run of segments, and where each of its characters came from."""

    text: str
    origin: list[tuple[int, int]]  # normalised index → (segment, offset in segment)
    starts: list[int] = field(default_factory=list)  # segment → normalised index where it begins

    @classmethod
    def of(cls, segments: list[str]) -> TextMap:
        chars: list[str] = []
        origin: list[tuple[int, int]] = []
        starts: list[int] = []
        for seg_index, segment in enumerate(segments):
            starts.append(len(chars))
            for offset, char in enumerate(segment):
                folded = fold(char)
                if folded == " " and (not chars or chars[-1] == " "):
                    continue
                for piece in folded:
                    chars.append(piece)
                    origin.append((seg_index, offset))
        return cls("".join(chars), origin, starts)

    def source(self, segments: list[str], span: tuple[int, int]) -> str:
        """The original characters behind a span, with runs of whitespace made single spaces."""
        (first_seg, first_off), (last_seg, last_off) = self.origin[span[0]], self.origin[span[1] - 1]
        pieces = []
        for seg in range(first_seg, last_seg + 1):
            start = first_off if seg == first_seg else 0
            end = last_off + 1 if seg == last_seg else len(segments[seg])
            pieces.append(segments[seg][start:end])
        return " ".join("".join(pieces).split())

    def find(self, passage: str) -> tuple[int, int] | None:
        """Span (start, end) of `passage` in the normalised text, or None."""
        needle = normalise(passage)
        if not needle:
            return None
        start = self.text.find(needle)
        return None if start < 0 else (start, start + len(needle))


def nearest(passage: str, text: str) -> str:
    """The stretch of `text` most like `passage`, to show a maintainer beside a miss."""
    needle = normalise(passage)
    haystack = normalise(text)
    if not needle or not haystack:
        return ""
    words = haystack.split(" ")
    width = max(1, len(needle.split(" ")))
    best, best_score = "", -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    step = max(1, width // 4)
    for start in range(0, max(1, len(words) - width + 1), step):
        window = " ".join(words[start : start + width])
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
            continue
        score = matcher.ratio()
        if score > best_score:
            best, best_score = window, score
    return best


_OPENING_CONTEXT = " ([{/-"


def quoted_spans(text: str, block_starts: set[int]) -> list[tuple[int, int]]:
    """Spans of normalised `text` inside double quotation marks (“…”, "…", «…», all folded to `"`), marks included.

    Straight quotes are told apart by context: after a space or an opening bracket a mark opens,
    before a space or punctuation it closes. Quotations nest (a quoted speech that quotes a phrase),
    and a quotation may run over several paragraphs; a mark that opens a paragraph inside an open
    quotation continues it, as in the convention of reopening quotes at each paragraph.
    """
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, char in enumerate(text):
        if char != '"':
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opens = before in _OPENING_CONTEXT and after != " "
        closes = before != " " and (after == " " or not after.isalnum())
        if (opens and closes) or (not opens and not closes):
            opens = not stack
        if opens:
            at_block_start = i in block_starts or i - 1 in block_starts
            if stack and at_block_start:
                continue  # the quotation goes on in a new paragraph
            stack.append(i)
        elif stack:
            start = stack.pop()
            if not stack:
                spans.append((start, i + 1))
    if stack:
        spans.append((stack[0], len(text)))
    return spans


def within(span: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    """True when `span` lies inside one of `regions`."""
    return any(start <= span[0] and span[1] <= end for start, end in regions)


def overlaps(span: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    """True when `span` shares a character with one of `regions`."""
    return any(span[0] < end and start < span[1] for start, end in regions)
