"""Render a document's Markdown body to safe HTML, marking every annotated passage.

Raw HTML in a body is shown as text, never passed through; links may only use http,
https or mailto (or stay inside the site); images are refused because they would make
readers' browsers fetch from third parties. The result is sanitised once more with nh3.

Checking needs only a body's text. A body of plain paragraphs (no character that Markdown
reads as markup) has the text Python-Markdown would give it without rendering it, so
`read_body` finds its passages in that text and renders the HTML only when a page asks
for it; the render then finds the passages again and raises `MarkingError` if anything
differs from what was checked.
"""

from __future__ import annotations

import html
import itertools
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions.sane_lists import SaneOListProcessor
from markdown.treeprocessors import Treeprocessor

from .passages import TextMap, behind, nearest, overlaps, quoted_spans, within

BLOCKS = {"p", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "hr", "br", "div"}
SAFE_SCHEMES = {"http", "https", "mailto"}
ALLOWED_TAGS = BLOCKS | {"a", "em", "strong", "code", "mark", "span", "del", "thead", "tbody", "sup", "sub"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "mark": {"id", "class", "data-passages"},
    "span": {"id", "class"},
    "sup": {"class", "data-search-exclude"},
    "td": {"align"},
    "th": {"align"},
}


@dataclass(frozen=True)
class Passage:
    """A verbatim passage to find and mark: its anchor id and its kind (`evidence`, `quote`)."""

    id: str
    text: str
    kind: str
    quoted: bool = False  # the annotation says these are the actor's words in quotation marks
    label: str = ""  # the marker shown where the passage starts, linking to its note (`#note-<id>`) on the page


class MarkingError(Exception):
    """Raised when rendering a body finds its passages otherwise than checking did: a bug in the build scripts, never published."""


@dataclass
class RenderedBody:
    """A body's text as passages are matched in it, what could not be found or was not allowed, and its HTML."""

    text: str = ""
    found: dict[str, str] = field(default_factory=dict)  # passage id → the passage as the text has it
    missing: dict[str, str] = field(default_factory=dict)  # passage id → nearest passage, as the text has it
    refused: list[tuple[str, str]] = field(default_factory=list)  # (offending text, reason)
    unquoted: set[str] = field(default_factory=set)  # ids of `quoted` passages outside quotation marks and quotes
    source: str = ""  # the Markdown, kept to render when `html` is first asked for
    passages: list[Passage] = field(default_factory=list, repr=False)
    rendered: str | None = field(default=None, repr=False, compare=False)  # a cache: equal bodies whether rendered yet or not

    @property
    def html(self) -> str:
        """The body as safe HTML with its passages marked, rendered on first use if checking did not need it."""
        if self.rendered is None:
            full = render_body(self.source, self.passages)
            if _findings(full) != _findings(self):
                raise MarkingError(f"rendering found other passages than checking did in: {self.source[:80]!r}")
            self.rendered = full.rendered
        assert self.rendered is not None
        return self.rendered


def _findings(body: RenderedBody) -> tuple[object, ...]:
    return (body.text, body.found, body.missing, body.refused, body.unquoted)


def url_is_safe(url: str) -> bool:
    """True for http, https and mailto URLs and for links inside the site."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url))
    scheme, colon, _ = cleaned.partition(":")
    if not colon or re.search(r"[/?#]", scheme):
        return True  # relative link or fragment
    return scheme.lower() in SAFE_SCHEMES


class _Marker(Treeprocessor):
    """Checks links and wraps each passage's text in `<mark>` elements."""

    passages: list[Passage]
    result: RenderedBody

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "img":
                self.result.refused.append((element.get("src", ""), "images are not allowed in a source's text"))
            if element.tag == "a" and not url_is_safe(element.get("href", "")):
                self.result.refused.append((element.get("href", ""), "only http, https and mailto links are allowed"))
                element.set("href", "#")
        places: list[tuple[etree.Element, etree.Element | None] | None] = []
        texts: list[str] = []
        _collect(root, None, places, texts)
        cuts = _locate(texts, [place is None for place in places], self.passages, self.result)
        anchored: set[str] = set()
        for seg in sorted(cuts):
            place = places[seg]
            assert place is not None
            _mark_segment(place, texts[seg], cuts[seg], anchored)


def _locate(texts: list[str], blocks: list[bool], passages: list[Passage], result: RenderedBody) -> dict[int, list[tuple[int, int, Passage]]]:
    """Find `passages` in the text of `texts` (`blocks` tells the spaces between blocks), note it all in `result`; return the cuts to mark."""
    text_map = TextMap.of(texts)
    result.text = text_map.text
    cuts: dict[int, list[tuple[int, int, Passage]]] = {}
    spans: dict[str, tuple[int, int]] = {}
    for passage in passages:
        span = text_map.find(passage.text)
        if span is None:
            result.missing[passage.id] = nearest(passage.text, text_map, texts)
            continue
        spans[passage.id] = span
        first, last = text_map.at(span[0]), text_map.at(span[1] - 1)  # (segment, offset) of its first and last characters
        result.found[passage.id] = behind(texts, first, last)
        for seg in range(first[0], last[0] + 1):
            if blocks[seg]:
                continue
            start = first[1] if seg == first[0] else 0
            end = last[1] + 1 if seg == last[0] else len(texts[seg])
            cuts.setdefault(seg, []).append((start, end, passage))
    _check_quoted(text_map, blocks, passages, spans, result)
    return cuts


def _check_quoted(text_map: TextMap, blocks: list[bool], passages: list[Passage], spans: dict[str, tuple[int, int]], result: RenderedBody) -> None:
    """Passages annotated as quoted must lie inside quotation marks, or overlap a quote annotation."""
    wanted = [p for p in passages if p.quoted and p.id in spans]
    if not wanted:
        return
    block_starts = {text_map.starts[seg] for seg, block in enumerate(blocks) if block}
    regions = quoted_spans(text_map.text, block_starts)
    quotes = [spans[p.id] for p in passages if p.kind == "quote" and p.id in spans]
    for passage in wanted:
        span = spans[passage.id]
        if not within(span, regions) and not overlaps(span, quotes):
            result.unquoted.add(passage.id)


def _collect(element: etree.Element, parent: etree.Element | None, places: list, texts: list[str]) -> None:
    block = element.tag in BLOCKS
    if block:
        places.append(None)
        texts.append(" ")
    if element.text:
        places.append((element, None))
        texts.append(element.text)
    for child in element:
        _collect(child, element, places, texts)
        if child.tail:
            places.append((child, element))
            texts.append(child.tail)
    if block:
        places.append(None)
        texts.append(" ")


def _mark_segment(place: tuple[etree.Element, etree.Element | None], text: str, spans: list[tuple[int, int, Passage]], anchored: set[str]) -> None:
    bounds = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    lead = ""
    marks: list[etree.Element] = []
    for lo, hi in itertools.pairwise(bounds):
        piece = text[lo:hi]
        covering = [p for s, e, p in spans if s <= lo and hi <= e]
        if not covering:
            if marks:
                marks[-1].tail = (marks[-1].tail or "") + piece
            else:
                lead += piece
            continue
        for passage in sorted(covering, key=lambda p: p.id):
            if passage.label and passage.id not in anchored:
                marks.append(_marker(passage))
        mark = etree.Element("mark")
        kinds = sorted({p.kind for p in covering})
        mark.set("class", " ".join(["passage", *kinds]))
        mark.set("data-passages", " ".join(sorted(p.id for p in covering)))
        mark.text = piece
        for passage in sorted(covering, key=lambda p: p.id):
            if passage.id in anchored:
                continue
            anchored.add(passage.id)
            if mark.get("id") is None:
                mark.set("id", passage.id)
            else:
                anchor = etree.Element("span", {"id": passage.id, "class": "passage-anchor"})
                anchor.tail, mark.text = mark.text, ""
                mark.insert(0, anchor)

        marks.append(mark)
    owner, parent = place
    if parent is None:
        owner.text = lead
        for i, mark in enumerate(marks):
            owner.insert(i, mark)
    else:
        owner.tail = lead
        at = list(parent).index(owner) + 1
        for i, mark in enumerate(marks):
            parent.insert(at + i, mark)


def _marker(passage: Passage) -> etree.Element:
    """A numbered marker just before the passage, linking to its annotation; kept out of search and of the passage's marks."""
    sup = etree.Element("sup", {"class": "marker", "data-search-exclude": ""})
    link = etree.SubElement(sup, "a", {"href": f"#note-{passage.id}", "title": f"Annotation {passage.label}"})
    link.text = passage.label
    return sup


class _NumberedList(SaneOListProcessor):
    """Numbered points written `1.` or `1)`: statements and communiqués number their points both ways."""

    def __init__(self, parser: markdown.blockparser.BlockParser) -> None:
        super().__init__(parser)
        indent = self.tab_length - 1
        self.RE = re.compile(rf"^[ ]{{0,{indent}}}\d+[.)][ ]+(.*)")
        self.CHILD_RE = re.compile(rf"^[ ]{{0,{indent}}}((\d+[.)]))[ ]+(.*)")


def _markdown() -> tuple[markdown.Markdown, _Marker]:
    md = markdown.Markdown(extensions=["tables", "sane_lists"], extension_configs={"tables": {"use_align_attribute": True}})
    md.parser.blockprocessors.register(_NumberedList(md.parser), "olist", 40)
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("entity")  # the text is shown as written: `&amp;` stays `&amp;`
    marker = _Marker(md)
    md.treeprocessors.register(marker, "dossier_passages", -10)  # after 'unescape' (0)
    return md, marker


_MD, _MARKER = _markdown()


def render_body(source: str, passages: list[Passage]) -> RenderedBody:
    """The body's HTML with `passages` marked, plus whatever was missing or refused."""
    result = RenderedBody(source=source, passages=passages)
    _MARKER.passages = passages
    _MARKER.result = result
    _MD.reset()
    converted = _MD.convert(source)
    result.rendered = nh3.clean(
        converted,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=SAFE_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return result


# Python-Markdown reads these as markup: inline (code, escapes, emphasis, links, images, autolinks, tables), a
# line break (trailing spaces), tabs and control characters (rewritten), and what opens a block at a line's start
# (indented code, headings, quotes, lists, rules, setext underlines). A body free of them is plain paragraphs.
_MARKUP = re.compile(r"[`\\*_\[<|\x00-\x09\x0b-\x1f]")
_MARKUP_LINE = re.compile(r"^(?:[^\S\n]|[#>+=-]|\d+[.)])|[^\S\n]$", re.MULTILINE)  # apart: one pattern with both is slower
_BLANK_LINES = re.compile(r"\n{2,}")


def plain_paragraphs(source: str) -> list[str] | None:
    """The paragraphs of a body that holds no markup, as Python-Markdown reads them; None for any other body."""
    if not source.strip() or _MARKUP.search(source) or _MARKUP_LINE.search(source):
        return None
    return _BLANK_LINES.split(source.strip("\n"))


def read_body(source: str, passages: list[Passage]) -> RenderedBody:
    """What `render_body` finds in a body, without rendering a body of plain paragraphs (its HTML waits until asked for)."""
    paragraphs = plain_paragraphs(source)
    if paragraphs is None:
        return render_body(source, passages)
    # The segments `_collect` gives for such a body: the root's and each paragraph's block edges, the newlines
    # Python-Markdown puts between blocks, and each paragraph's text.
    texts, blocks = [" ", "\n"], [True, False]
    for paragraph in paragraphs:
        texts += (" ", paragraph, " ", "\n")
        blocks += (True, False, True, False)
    texts.append(" ")
    blocks.append(True)
    result = RenderedBody(source=source, passages=passages)
    _locate(texts, blocks, passages, result)
    return result
