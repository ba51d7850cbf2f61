"""Inline Markdown for short texts that sit inside a sentence: an annotation's `note`.

Only what reads inside a line is rendered: code spans, emphasis and strong emphasis, and links to full
addresses (http, https, mailto). Nothing opens a block: `# x`, `1. x`, `> x` or `---` stay as typed,
and the lines of a note run together as one. Raw HTML and entities are shown as typed; images and links
anywhere else (a relative path, `javascript:`) keep only their text, since a note is shown on several
pages and a relative link could not be right on all of them. The result is sanitised once more with
nh3, like a body (`body.py`).
"""

from __future__ import annotations

import functools
import html
import re
import threading
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from .body import SAFE_SCHEMES

INLINE_TAGS = {"a", "code", "em", "strong"}
_MARKUP = re.compile(r"[`*_\[<\\]")
"""What Python-Markdown may read as inline markup; a text without any is only escaped."""
_BLOCKS = ("indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote", "reference")
"""Python-Markdown's block processors but the paragraph (and blank lines): a note never becomes a block."""


def _full_address(url: str) -> bool:
    """True for an http, https or mailto address; False for a relative link, a fragment or any other scheme."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url))
    scheme, colon, _ = cleaned.partition(":")
    return bool(colon) and not re.search(r"[/?#]", scheme) and scheme.lower() in SAFE_SCHEMES


class _AsTyped(Treeprocessor):
    """Links to full http, https or mailto addresses only; every `&` shown as typed, as in a note without markup (`&lt;` is not `<`).

    Any other link keeps its text and loses its address. Python-Markdown leaves an `&` that starts an entity unescaped;
    code spans have escaped theirs already.
    """

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and not _full_address(element.get("href", "")):
                element.tag = "span"  # not an allowed tag: nh3 keeps its text and drops it
                element.attrib.clear()
            if element.text and element.tag != "code":
                element.text = element.text.replace("&", "&amp;")
            if element.tail:
                element.tail = element.tail.replace("&", "&amp;")


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown()
    for name in _BLOCKS:
        md.parser.blockprocessors.deregister(name)
    md.preprocessors.deregister("html_block")
    for name in ("html", "entity", "automail", "image_link", "image_reference", "short_image_ref"):
        md.inlinePatterns.deregister(name)  # raw HTML, entities and `<a@b.c>` shown as typed; `![x](y)` is `!` and a link
    md.treeprocessors.register(_AsTyped(md), "dossier_as_typed", -10)  # after `unescape` (0): escaped characters are back
    return md


_MD = _markdown()
_LOCK = threading.Lock()  # one converter, and the preview renders beside its background build


@functools.lru_cache(maxsize=4096)
def inline(text: str) -> Markup:
    """`text` as safe inline HTML: code, emphasis and links rendered, anything else escaped and shown as typed."""
    if not _MARKUP.search(text):
        return escape(text)
    with _LOCK:
        _MD.reset()
        converted = _MD.convert(" ".join(text.split()))  # one line: no paragraph break, no indented code, no hard break
    converted = converted.removeprefix("<p>").removesuffix("</p>")
    return Markup(
        nh3.clean(converted, tags=INLINE_TAGS, attributes={"a": {"href", "title"}}, url_schemes=SAFE_SCHEMES, link_rel="noopener noreferrer nofollow")
    )
