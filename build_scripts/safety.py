"""A scan of built HTML for anything that could run script or fetch from elsewhere.

Escaping and sanitising happen where text is rendered; this scan is the independent
check that they worked. Generated fragments may contain no script at all; a whole
MkDocs page may contain only the theme's own scripts. Inline SVG (the network view's
drawings, the theme's icons) may hold only inert elements and attributes from an allowlist:
shapes, text, titles and links with safe addresses; no script, foreignObject, animation,
`use`, style, event handler or reference to another resource.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

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
    "font-family", "font-weight", "font-style", "dominant-baseline", "href", "xlink:href", "xlink:title",
}  # fmt: skip
"""Attributes of inert SVG elements: geometry, presentation without references, accessibility, and a link's address (checked)."""
REFERENCE = re.compile(r"url\s*\(\s*['\"]?\s*(?![\s'\"#])", re.IGNORECASE)
"""`url(…)` in a presentation attribute, other than a reference inside the same document: a request elsewhere."""


class _Scanner(HTMLParser):
    def __init__(self, whole_page: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.whole_page = whole_page
        self.findings: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._svg_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "svg":
            self._svg_depth += 1
        if self._svg_depth:
            self._check_svg(tag, attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag}> has an event handler `{name}`")
            if name in URL_ATTRIBUTES and value is not None and not url_is_safe(value):
                self.findings.append(f"<{tag} {name}> has an unsafe address `{value[:60]}`")
            if name == "style" and not self.whole_page:
                self.findings.append(f"<{tag}> has a style attribute")
        if tag not in ACTIVE_TAGS:
            return
        if not self.whole_page or tag not in THEME_TAGS:
            self.findings.append(f"<{tag}> element")
            return
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.findings.append("<meta http-equiv=refresh>")
        if tag == "link" and "//" in (attributes.get("href") or "") and (attributes.get("rel") or "") not in ("canonical", "alternate"):
            self.findings.append(f"<link> fetches `{attributes.get('href')}`")
        if tag == "script":
            self._script = attributes

    def _check_svg(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Inside `<svg>`: only allowlisted elements and attributes, and no reference to another resource."""
        if tag not in SVG_ELEMENTS:
            self.findings.append(f"<svg> contains <{tag}>")
            return
        for name, value in attrs:
            if name not in SVG_ATTRIBUTES:
                self.findings.append(f"<svg> <{tag}> has the attribute `{name}`")
            elif value is not None and REFERENCE.search(value):
                self.findings.append(f"<svg> <{tag} {name}> refers to `{value[:60]}`")

    def handle_data(self, data: str) -> None:
        if self._script is None:
            return
        attributes, self._script = self._script, None
        src = attributes.get("src")
        if src is not None:
            if "//" in src or not OWN_SCRIPT.search(src):
                self.findings.append(f"<script src> loads `{src}`")
        elif attributes.get("type") == "application/json" and attributes.get("id") == "__config":
            pass
        elif not data.startswith(THEME_INLINE_SCRIPTS):
            self.findings.append(f"inline <script> `{data[:40]}`")

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self._svg_depth:
            self._svg_depth -= 1
        if tag == "script" and self._script is not None:  # empty script element
            self.handle_data("")


def scan(html: str, whole_page: bool = False) -> list[str]:
    """Everything in `html` that could run script or load from elsewhere, as sentences."""
    scanner = _Scanner(whole_page)
    scanner.feed(html)
    scanner.close()
    return scanner.findings
