"""A scan of built HTML for anything that could run script or fetch from elsewhere.

Escaping and sanitising happen where text is rendered; this scan is the independent
check that they worked. Generated fragments may contain no script at all; a whole
MkDocs page may contain only the theme's own scripts. Inline SVG (the network view's
drawings, the theme's icons) may hold only inert elements and attributes from an allowlist:
shapes, text, titles and links with safe addresses; no script, foreignObject, animation,
`use`, style, event handler or reference to another resource.

One meta refresh is allowed, on a redirect page only (a renamed entity's old address), in exactly
the form the build writes: `0; url=` and a relative path to a page of the site.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Container

from selectolax.lexbor import LexborHTMLParser
from selectolax.lexbor import LexborNode as Node

from .body import url_is_safe

ACTIVE_TAGS = {
    "script",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "math",
    "style",
    "base",
    "form",
    "meta",
    "link",
    "img",
    "video",
    "audio",
    "source",
    "template",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "srcset", "cite"}
THEME_INLINE_SCRIPTS = ("__md_scope=", 'var palette=__md_get("__palette")', "var target=document.getElementById(location.hash.slice(1))")
OWN_SCRIPT = re.compile(r"^/?(\.\./)*(assets/)?javascripts/[\w.-]+\.js$")
"""The theme's bundles and the site's own `extra_javascript`, served from the site itself."""
THEME_TAGS = {"link", "meta", "script", "style", "form"}
SVG_ELEMENTS = {"svg", "g", "a", "title", "desc", "path", "polygon", "polyline", "ellipse", "circle", "rect", "line", "text", "tspan"}
"""Inert SVG: shapes, text and links. Not script, foreignObject, animate/set, use, image, style, filter or pattern."""
SVG_ATTRIBUTES = {
    "xmlns", "xmlns:xlink", "version", "viewbox", "width", "height", "preserveaspectratio", "x", "y", "x1", "y1", "x2", "y2",
    "cx", "cy", "r", "rx", "ry", "d", "points", "transform", "class", "id", "role", "aria-label", "aria-labelledby",
    "aria-describedby", "aria-hidden", "focusable", "fill", "fill-rule", "fill-opacity", "clip-rule", "stroke", "stroke-width",
    "stroke-dasharray", "stroke-linecap", "stroke-linejoin", "stroke-opacity", "opacity", "text-anchor", "font-size",
    "font-family", "font-weight", "font-style", "dominant-baseline", "href", "xlink:href", "xlink:title", "lang",
}  # fmt: skip
"""Attributes of inert SVG elements: geometry, presentation without references, accessibility, and a link's address (checked)."""
REFERENCE = re.compile(r"url\s*\(\s*['\"]?\s*(?![\s'\"#])", re.IGNORECASE)
"""`url(…)` in a presentation attribute, other than a reference inside the same document: a request elsewhere."""
_SEGMENT = r"[a-z0-9]+(?:-[a-z0-9]+)*"
REFRESH = re.compile(rf"0; url=((?:\.\./)*(?:{_SEGMENT}/)*{_SEGMENT}(?:/|\.html))")
"""The one meta refresh a redirect page may hold: at once, to a relative path of safe ids (no scheme, host, query or anchor)."""


def refresh_target(content: str, here: str) -> str | None:
    """The site URL a redirect page's meta refresh sends to (`actors/new-id/`), when it has the one allowed form; `here`: the page's file."""
    match = REFRESH.fullmatch(content)
    if match is None:
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(here), match[1]))
    if target == ".." or target.startswith("../"):
        return None  # above the site's root
    return target + "/" if match[1].endswith("/") else target


def scan_redirect(html: str, here: str, pages: Container[str]) -> list[str]:
    """What `scan` finds in a whole redirect page at file `here`, whose meta refresh may send to one of `pages` (site URLs)."""
    return scan(html, whole_page=True, redirect=(here, pages))


def scan(html: str, whole_page: bool = False, redirect: tuple[str, Container[str]] | None = None) -> list[str]:
    """Everything in `html` that could run script or load from elsewhere, as sentences.

    The HTML is parsed as a browser parses it (the HTML5 algorithm, by Lexbor through selectolax),
    once, so that what is checked is what a reader's browser would build.
    """
    tree = LexborHTMLParser(html)
    findings: list[str] = []
    for node in tree.root.traverse() if tree.root is not None else ():
        _check_element(node, whole_page, findings, redirect)
    seen: set[int] = set()
    for svg in tree.css("svg"):
        for node in svg.traverse():
            if node.mem_id not in seen:
                seen.add(node.mem_id)
                _check_svg(node, findings)
    return findings


def _check_element(node: Node, whole_page: bool, findings: list[str], redirect: tuple[str, Container[str]] | None = None) -> None:
    tag = (node.tag or "").lower()
    attributes = {name.lower(): value for name, value in node.attributes.items()}
    for name, value in attributes.items():
        if name.startswith("on"):
            findings.append(f"<{tag}> has an event handler `{name}`")
        if name in URL_ATTRIBUTES and value is not None and not url_is_safe(value):
            findings.append(f"<{tag} {name}> has an unsafe address `{value[:60]}`")
        if name == "style" and not whole_page:
            findings.append(f"<{tag}> has a style attribute")
    if tag not in ACTIVE_TAGS:
        return
    if not whole_page or tag not in THEME_TAGS:
        findings.append(f"<{tag}> element")
        return
    if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
        here, pages = redirect or ("", ())
        if redirect is None or refresh_target(attributes.get("content") or "", here) not in pages:
            findings.append("<meta http-equiv=refresh>")
    if tag == "link" and "//" in (attributes.get("href") or "") and not {"canonical", "alternate"} & set((attributes.get("rel") or "").split()):
        findings.append(f"<link> fetches `{attributes.get('href')}`")
    if tag == "script":
        _check_script(attributes, node.text(deep=True), findings)


def _check_script(attributes: dict[str, str | None], text: str, findings: list[str]) -> None:
    src = attributes.get("src")
    if src is not None:
        if "//" in src or not OWN_SCRIPT.search(src):
            findings.append(f"<script src> loads `{src}`")
    elif attributes.get("type") == "application/json" and attributes.get("id") == "__config":
        pass
    elif not text.startswith(THEME_INLINE_SCRIPTS):
        findings.append(f"inline <script> `{text[:40]}`")


def _check_svg(node: Node, findings: list[str]) -> None:
    """Inside `<svg>`: only allowlisted elements and attributes, and no reference to another resource."""
    tag = (node.tag or "").lower()
    if tag not in SVG_ELEMENTS:
        findings.append(f"<svg> contains <{tag}>")
        return
    for name, value in node.attributes.items():
        name = name.lower()
        if name not in SVG_ATTRIBUTES:
            findings.append(f"<svg> <{tag}> has the attribute `{name}`")
        elif value is not None and REFERENCE.search(value):
            findings.append(f"<svg> <{tag} {name}> refers to `{value[:60]}`")
