"""A scan of built HTML for anything that could run script or fetch from elsewhere.

Escaping and sanitising happen where text is rendered; this scan is the independent
check that they worked. Generated fragments may contain no script at all; a whole
MkDocs page may contain only the theme's own scripts.
"""

from __future__ import annotations

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
    "svg",
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
THEME_TAGS = {"link", "meta", "script", "svg", "style", "form"}


class _Scanner(HTMLParser):
    def __init__(self, whole_page: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.whole_page = whole_page
        self.findings: list[str] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
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

    def handle_data(self, data: str) -> None:
        if self._script is None:
            return
        attributes, self._script = self._script, None
        src = attributes.get("src")
        if src is not None:
            if "//" in src or "assets/javascripts/" not in src:
                self.findings.append(f"<script src> loads `{src}`")
        elif attributes.get("type") == "application/json" and attributes.get("id") == "__config":
            pass
        elif not data.startswith(THEME_INLINE_SCRIPTS):
            self.findings.append(f"inline <script> `{data[:40]}`")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:  # empty script element
            self.handle_data("")


def scan(html: str, whole_page: bool = False) -> list[str]:
    """Everything in `html` that could run script or load from elsewhere, as sentences."""
    scanner = _Scanner(whole_page)
    scanner.feed(html)
    scanner.close()
    return scanner.findings
