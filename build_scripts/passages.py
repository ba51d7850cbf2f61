"""Find verbatim passages in a document's text, forgiving only invisible and typographic variants, and show a miss's nearest passage."""

from __future__ import annotations

import bisect
import difflib
import functools
import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

# Each entry is a variant a reader cannot tell apart on the page; docs/contributing.md lists them ("What counts as verbatim").
_FOLD = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
    # Invisible and carrying no letter: soft hyphen, zero-width space, tatweel (it only stretches a joined letter),
    # the joiners, the bidi marks (Arabic text needs RLM and ALM), word joiner, zero-width no-break space,
    # combining grapheme joiner. Bidi embeddings and isolates (U+202A–U+202E, U+2066–U+2069) are not here:
    # they reorder what the reader sees, and front matter refuses them.
    **dict.fromkeys("\u00ad\u200b\u0640\u200c\u200d\u200e\u200f\u061c\u2060\ufeff\u034f", ""),
}


def _presentation_form(char: str) -> bool:
    """True for Arabic presentation forms (ligatures, positional forms): a font's business, not the text's."""
    return "\ufb50" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufefe"


@functools.cache  # a text has few distinct characters; every document's every character comes through here
def fold(char: str) -> str:
    """How one character compares: typographic and presentation variants made plain, invisible marks dropped."""
    if char.isspace():
        return " "
    if char in _FOLD:
        return _FOLD[char]
    if _presentation_form(char):
        # ﻻ (U+FEFB) is لا: compare by the compatibility decomposition, which keeps every letter and diacritic.
        # The unassigned code points and noncharacters of these blocks have none: they stay as they are.
        decomposed = unicodedata.normalize("NFKC", char)
        return char if decomposed == char else "".join(fold(part) for part in decomposed)
    return char


def _folds() -> tuple[dict[int, str], str]:
    """`str.translate` table of every character `fold` changes, and those it makes other than one character."""
    # Python's whitespace ends at U+3000 (tests check); _FOLD and the presentation forms are the rest of `fold`.
    changed = [c for c in map(chr, range(0x3001)) if c.isspace()] + list(_FOLD)
    changed += [chr(n) for n in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]]
    table = {ord(c): fold(c) for c in changed if fold(c) != c}
    return table, "".join(chr(n) for n, folded in table.items() if len(folded) != 1)


_TABLE, _UNEVEN_CHARS = _folds()
_UNEVEN = re.compile(f"[{re.escape(_UNEVEN_CHARS)}]")
_CHANGED = re.compile(f"[{re.escape(''.join(map(chr, _TABLE)))}]")
_SPACES = re.compile(" {2,}")


def normalise(text: str) -> str:
    """Text as passages are compared: folded characters, single spaces, no ends."""
    if _CHANGED.search(text):  # most passages have nothing to fold, and looking is cheaper than translating
        text = text.translate(_TABLE)
    return _SPACES.sub(" ", text).strip(" ")


@dataclass
class TextMap:
    """Normalised text of a run of segments, and where each of its characters came from.

    The text is the segments joined, each character folded, runs of spaces made one and leading ones
    dropped. Where a character comes from is kept as runs (a character that folds to none or to
    several, a run of spaces made one, a segment's edge), not per character: texts are long, runs few.
    """

    text: str
    _segments: list[int] = field(repr=False)  # segment → where it begins in the joined segments
    _kept: tuple[list[int], list[int]] = field(repr=False)  # text index, folded index where each kept stretch begins
    _uneven: tuple[list[int], list[int], list[int]] = field(repr=False)  # joined index, folded index, folded end of each uneven character

    @classmethod
    def of(cls, segments: list[str]) -> TextMap:
        joined = "".join(segments)
        folded = joined.translate(_TABLE)
        # Characters that fold to none or to several: where each stands, and where its folding begins and ends.
        uneven: tuple[list[int], list[int], list[int]] = ([], [], [])
        shift = 0  # how much longer the folding is than the joined segments, so far
        for char in _UNEVEN.finditer(joined):
            uneven[0].append(char.start())
            uneven[1].append(char.start() + shift)
            shift += len(_TABLE[ord(char.group())]) - 1
            uneven[2].append(char.start() + 1 + shift)
        # Runs of spaces made one and leading spaces dropped: each stretch kept, where it begins in the text and in the folding.
        kept: tuple[list[int], list[int]] = ([], [])
        pieces: list[str] = []
        start, length = len(folded) - len(folded.lstrip(" ")), 0
        for end, resume in [*((run.start() + 1, run.end()) for run in _SPACES.finditer(folded, start)), (len(folded), len(folded))]:
            if end > start:
                kept[0].append(length)
                kept[1].append(start)
                pieces.append(folded[start:end])
                length += end - start
            start = resume
        offsets = list(itertools.accumulate((len(s) for s in segments[:-1]), initial=0)) if segments else []
        return cls("".join(pieces), offsets, kept, uneven)

    @functools.cached_property
    def starts(self) -> list[int]:
        """Segment → normalised index where it begins."""
        joined_at, _, folded_end = self._uneven
        text_at, folded_at = self._kept
        found: list[int] = []
        uneven, run = 0, -1  # segments come in order: each walk goes on where the last one stopped
        for offset in self._segments:
            while uneven < len(joined_at) and joined_at[uneven] < offset:
                uneven += 1
            folded = folded_end[uneven - 1] + offset - joined_at[uneven - 1] - 1 if uneven else offset
            while run + 1 < len(folded_at) and folded_at[run + 1] <= folded:
                run += 1
            if run < 0:
                found.append(0)
                continue
            run_end = text_at[run + 1] if run + 1 < len(text_at) else len(self.text)
            found.append(min(text_at[run] + folded - folded_at[run], run_end))
        return found

    def at(self, index: int) -> tuple[int, int]:
        """(segment, offset in segment) of the character behind `text[index]`."""
        run = bisect.bisect_right(self._kept[0], index) - 1
        folded = self._kept[1][run] + index - self._kept[0][run]
        joined_at, folded_at, folded_end = self._uneven
        after = bisect.bisect_right(folded_end, folded)  # the first uneven character whose folding ends past `folded`
        if after < len(folded_at) and folded_at[after] <= folded:
            joined = joined_at[after]  # one of the characters it folds to
        elif after:
            joined = joined_at[after - 1] + 1 + folded - folded_end[after - 1]
        else:
            joined = folded
        segment = bisect.bisect_right(self._segments, joined) - 1
        return segment, joined - self._segments[segment]

    def source(self, segments: list[str], span: tuple[int, int]) -> str:
        """The original characters behind a span, with runs of whitespace made single spaces."""
        return behind(segments, self.at(span[0]), self.at(span[1] - 1))

    def find(self, passage: str) -> tuple[int, int] | None:
        """Span (start, end) of `passage` in the normalised text, or None."""
        needle = normalise(passage)
        if not needle:
            return None
        start = self.text.find(needle)
        while start >= 0 and _splits_a_letter(self.text, start, start + len(needle)):
            start = self.text.find(needle, start + 1)
        return None if start < 0 else (start, start + len(needle))


def behind(segments: list[str], first: tuple[int, int], last: tuple[int, int]) -> str:
    """The characters of `segments` from `first` to `last` (each a segment and an offset), runs of whitespace made single spaces."""
    (first_seg, first_off), (last_seg, last_off) = first, last
    pieces = []
    for seg in range(first_seg, last_seg + 1):
        start = first_off if seg == first_seg else 0
        end = last_off + 1 if seg == last_seg else len(segments[seg])
        pieces.append(segments[seg][start:end])
    return " ".join("".join(pieces).split())


def nearest(passage: str, text_map: TextMap, segments: list[str]) -> str:
    """The stretch of the text most like `passage`, in the text's own characters, to show beside a miss."""
    needle, text = normalise(passage), text_map.text
    words = [match.span() for match in re.finditer(r"[^ ]+", text)]
    if not needle or not words:
        return ""
    # Find roughly where, in one pass over the text, then choose whole words there: a few windows scored in full.
    near = min(len(words) - 1, bisect.bisect_right([end for _, end in words], _densest(needle, text)))
    width = needle.count(" ") + 1
    slack = 2 if len(needle) < 1_000 else 0  # scoring is quadratic: a long passage keeps the words it was found at
    windows = [
        (words[first][0], words[last][1])
        for first in range(max(0, near - slack), min(len(words), near + slack + 1))
        for last in range(min(len(words) - 1, first + max(0, width - 1 - slack)), min(len(words), first + width + slack))
    ]
    best = windows[0] if len(windows) == 1 else _most_alike(needle, text, windows)
    return text_map.source(segments, _trimmed(best, text, needle))


def _most_alike(needle: str, text: str, windows: list[tuple[int, int]]) -> tuple[int, int]:
    """The window of `text` most like `needle`, character by character; the first of equals."""
    best, best_score = windows[0], -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    for window in windows:
        matcher.set_seq1(text[window[0] : window[1]])
        if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
            continue  # cheap upper bounds: this window cannot win
        score = matcher.ratio()
        if score > best_score:
            best, best_score = window, score
    return best


def _densest(needle: str, text: str) -> int:
    """Start of the stretch of `text`, as long as `needle`, that shares the most character trigrams with it."""
    size = min(3, len(needle))
    wanted = Counter(needle[i : i + size] for i in range(len(needle) - size + 1))
    grams = [text[i : i + size] for i in range(len(text) - size + 1)]
    span = len(needle) - size + 1  # trigrams in a stretch as long as the needle
    have: Counter[str] = Counter()
    shared = best = best_at = 0
    for i, gram in enumerate(grams):
        if gram in wanted:
            if have[gram] < wanted[gram]:
                shared += 1
            have[gram] += 1
        gone = grams[i - span] if i >= span else ""
        if gone in wanted:  # the trigram that has just left the stretch
            have[gone] -= 1
            if have[gone] < wanted[gone]:
                shared -= 1
        if shared > best:
            best, best_at = shared, max(0, i - span + 1)
    return best_at


def _trimmed(span: tuple[int, int], text: str, needle: str) -> tuple[int, int]:
    """`span` without the punctuation at its ends that `needle` lacks there: `"We will not wait,"` for `We shall not wait` is `We will not wait`."""
    start, end = span
    while end - start > 1 and _punctuation(text[end - 1]) and not needle.endswith(text[end - 1]):
        end -= 1
    while end - start > 1 and _punctuation(text[start]) and not needle.startswith(text[start]) and not _mark(text[start + 1]):
        start += 1
    return start, end


def _splits_a_letter(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` begins or ends inside a letter with its marks: `المحادثات` is not in `المحادثاتُ`."""
    return _mark(text[start]) or (end < len(text) and _mark(text[end]))


def _punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def _mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def word_diff(passage: str, text: str) -> str:
    """Where `passage` differs from `text`, word by word: `[-the passage's words-] {+the text's words+}`, long equal runs elided."""
    ours, theirs = _words(passage), _words(text)
    opcodes = difflib.SequenceMatcher(None, [key for key, _ in ours], [key for key, _ in theirs], autojunk=False).get_opcodes()
    if all(tag == "equal" for tag, *_ in opcodes):
        return ""
    out: list[str] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":  # shown as the text has it, with two words of context on each side of a change
            out += _elided([word for _, word in theirs[j1:j2]], 0 if index == 0 else 2, 0 if index == len(opcodes) - 1 else 2)
            continue
        if i2 > i1:
            out.append("[-" + " ".join(_elided([_shown(word) for _, word in ours[i1:i2]], 3, 3)) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(_elided([_shown(word) for _, word in theirs[j1:j2]], 3, 3)) + "+}")
    return " ".join(out)


def _words(text: str) -> list[tuple[str, str]]:
    """(how it compares, as written) for each word of `text`; a word that folds to nothing (a lone tatweel) is no word."""
    return [(key, word) for word in text.split() if (key := normalise(word))]


def _elided(words: list[str], head: int, tail: int) -> list[str]:
    """`words`, keeping `head` at the start and `tail` at the end when that leaves out at least three."""
    if len(words) < head + tail + 3:
        return words
    return [*words[:head], "…", *words[len(words) - tail :]]


def _shown(word: str) -> str:
    """`word` with the invisible characters that matching does not forgive spelled out (`<U+2066>`), so the difference shows."""
    return "".join(f"<U+{ord(char):04X}>" if unicodedata.category(char) == "Cf" and fold(char) else char for char in word)


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
    i = -1
    while (i := text.find('"', i + 1)) >= 0:
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
