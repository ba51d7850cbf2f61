"""The theme's indentation taken out of finished pages: what a reader sees and what the page's content says stay as they were."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from build_scripts.whitespace import squeezed

PAGE = """<!doctype html>
<html lang="en">
  <head>

      <title>A synthetic page</title>
      <script>
        var kept = "two  spaces";

      </script>
      <style>
        p  { margin: 0 }
      </style>
  </head>
  <body>
    <nav class="md-nav" aria-label="Navigation">
      <a href="../a/"
         title="An attribute
           over two lines">
        First
      </a>
      <span>one</span> <span>two</span>

    </nav>
    <article class="md-content__inner">
      <p>The page's own
         content</p>

      <pre><code>kept
    as it is</code></pre>
    </article>
    <textarea>
      typed
    </textarea>
    <pre>
  a theme's pre
    </pre>
  </body>
</html>
"""
"""A synthetic page: a theme with indentation and blank lines around the page's content and elements whose spaces count."""


class Shown(HTMLParser):
    """The text a reader is shown, whitespace collapsed as HTML collapses it (`pre` and `textarea` aside), with the attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.attributes: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.words.append(data)

    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.words)).strip()


def shown(page: str) -> tuple[str, list[tuple[str, list[tuple[str, str | None]]]]]:
    parser = Shown()
    parser.feed(page)
    return parser.text(), parser.attributes


def test_the_theme_loses_its_blank_lines_and_indentation() -> None:
    page = squeezed(PAGE)
    outside = re.sub(r"<(article|pre|textarea|script|style)\b.*?</\1>", "<kept/>", page, flags=re.DOTALL)
    assert not re.search(r"\n[ \t]*\n", outside), "no blank line"
    assert not re.search(r">[ \t]*\n[ \t]+", outside), "no indentation after a tag"
    assert len(page) < len(PAGE) - 50


def test_the_content_the_code_and_every_attribute_are_as_they_were() -> None:
    page = squeezed(PAGE)
    for element in ("article", "pre", "textarea", "script", "style"):
        before = re.findall(rf"<{element}\b.*?</{element}>", PAGE, flags=re.DOTALL)
        assert before and re.findall(rf"<{element}\b.*?</{element}>", page, flags=re.DOTALL) == before, element
    assert shown(page) == shown(PAGE), "the same words, spaced the same, and the same attributes (a title over two lines kept)"
    assert "<span>one</span> <span>two</span>" in page, "a space between two inline elements stays a space"


def test_every_built_page_is_squeezed_once_and_its_content_kept(bundled_site: Path) -> None:
    """The bundled build, both editions, the missing page's too: a page squeezed again does not change (the hook squeezed it)."""
    built = sorted(bundled_site.rglob("*.html"))
    assert len(built) > 400 and bundled_site / "404.html" in built and bundled_site / "ar" / "index.html" in built
    for path in built:
        html = path.read_text(encoding="utf-8")
        assert squeezed(html) == html, path
