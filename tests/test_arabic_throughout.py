"""The Arabic edition is Arabic throughout: no Latin-script word in its pages but what must stay Latin.

A scan of every page of the bundled Arabic edition (the session's shared MkDocs build) for words in Latin script, in the
text a reader sees and in the words the page gives as tooltips and accessible names. What may stay Latin, and only that:
- text marked as another language (`lang="en"` and the like, on it or around it: an untranslated English text, an
  English name without Arabic, evidence in its own language), scripts, styles and code;
- given words: the names the sources and the editors give (entities' names, acronyms and aliases, sources' titles,
  publishers, authors and places), left as they are, never transliterated;
- identifiers: addresses, file names, formulas' variables and the names of formats and programs (BibTeX, Zotero).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from build_scripts.index import Index

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
"""A word of two letters or more in Latin script (a single letter is a mark: a matrix cell's `r` and `d`, a formula's `w`)."""
IDENTIFIERS = re.compile(
    r"https?://\S+|[\w.-]+\.(?:csv|json|db|bib|xml|gexf|graphml|md|yml)\b|(?<![A-Za-z])[A-Za-z]+\([^)]*\)|"
    r"(?<![A-Za-z])(?:BibTeX|CSL-JSON|CSL|JSON|CSV|Atom|Zotero|Pandoc|APA|SQLite|Datasette|Gephi|visone|Cytoscape|Aleph|FollowTheMoney|Graphviz|JavaScript|"
    r"Louvain|NetworkX|networkx|Python|GEXF|GraphML|URL|DNA|Discourse Network Analyzer|modularity)(?![A-Za-z])"
)
"""Addresses, file names, a formula's functions (`agreement(a, b)`), and formats and programs by their own names."""
ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
"""Attributes whose words a reader sees or hears."""
SKIPPED = {"script", "style", "code", "pre", "kbd", "samp"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
NAME_FIELDS = {"name", "name_ar", "acronym", "aliases", "short_name", "title", "author", "place", "publisher", "outlet", "text"}
"""The fields of the sources that hold given words (a translation's `text` is a source title's English working title)."""
NOT_NAMES = {"editorial", "note", "source", "reason", "url", "language"}


class Scan(HTMLParser):
    """The Latin words of one page outside marked-foreign text, with where each was found."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool, str]] = []
        self.found: list[tuple[str, str]] = []

    def _foreign(self) -> bool:
        return any(foreign for _, foreign, _ in self.open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        foreign = attributes.get("lang") not in (None, "ar") or tag in SKIPPED
        if not self._foreign() and not foreign:
            for name in ATTRIBUTES:
                value = attributes.get(name)
                if value:
                    self.found.append((f"{tag}[{name}]", value))
        if tag not in VOID:
            self.open.append((tag, foreign, attributes.get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        for n in range(len(self.open) - 1, -1, -1):
            if self.open[n][0] == tag:
                del self.open[n:]
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and not self._foreign():
            where = " ".join(c for _, _, c in self.open[-2:] if c) or (self.open[-1][0] if self.open else "")
            self.found.append((where, data))


def given_words(index: Index) -> list[str]:
    """Every name the bundled sources give, longest first (so that a long name is taken out before a shorter one inside it)."""
    found: set[str] = set()

    def walk(value: Any, naming: bool) -> Iterator[str]:
        if isinstance(value, str):
            if naming:
                yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in NOT_NAMES:
                    yield from walk(item, naming or key in NAME_FIELDS)
        elif isinstance(value, list | tuple):
            for item in value:
                yield from walk(item, naming)

    sources = index.sources
    for kind in ("actors", "conferences", "instruments", "demands", "documents"):
        for record in getattr(sources, kind).values():
            found.update(word.strip() for word in walk(record.model.model_dump(mode="json"), False) if word.strip())
    return sorted(found, key=lambda word: (-len(word), word))


def latin_left(root: Path, given: list[str]) -> dict[tuple[str, str], str]:
    """(where, the Latin words left) → the first page they are on, for every page of the edition under `root`."""
    names = re.compile("|".join(re.escape(word) for word in given)) if given else None
    left: dict[tuple[str, str], str] = {}
    for page in sorted(root.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        scan = Scan()
        scan.feed(html)
        untranslated = 'class="untranslated"' in html
        for where, text in scan.found:
            if untranslated and ("md-nav" in where or where.startswith("nav[") or where in ("title", "md-header__topic md-ellipsis")):
                continue  # an English page shown untranslated (marked so): its title and its table of contents are its English headings
            rest = IDENTIFIERS.sub(" ", names.sub(" ", text) if names else text)
            words = LATIN_WORD.findall(rest)
            if words:
                left.setdefault((where, " ".join(words)), str(page.relative_to(root)))
    return left


@pytest.fixture(scope="module")
def left_english(bundled_site: Path, bundled_index: Index) -> dict[tuple[str, str], str]:
    return latin_left(bundled_site / "ar", given_words(bundled_index))


def test_the_scan_finds_latin_words_and_leaves_marked_english_given_names_and_identifiers(tmp_path: Path) -> None:
    """The scan itself, on a page made for it: what it must find, and what it must leave."""
    (tmp_path / "page.html").write_text(
        '<p title="Approximate date">الخط <span class="kind">news report</span></p><p lang="en">An English text</p>'
        '<p>بحسب Kassioun وبيان <a href="x">matrix.csv</a> و BibTeX و agreement(a, b) و https://example.org/x</p><code>make site</code>',
        encoding="utf-8",
    )
    found = latin_left(tmp_path, ["Kassioun"])
    assert set(found) == {("p[title]", "Approximate date"), ("kind", "news report")}


def test_every_arabic_page_is_arabic_but_for_marked_english_given_names_and_identifiers(left_english: dict[tuple[str, str], str]) -> None:
    shown = "\n".join(f"{page}: {where}: {words}" for (where, words), page in sorted(left_english.items(), key=lambda item: item[1]))
    assert not left_english, f"{len(left_english)} places in the Arabic edition with English words:\n{shown}"


def test_the_arabic_search_says_what_each_result_is_in_arabic(bundled_site: Path) -> None:
    """The Arabic index's results: what each is (actor, demand, page...) and an entity's type, theme or kind, in Arabic, marked so."""
    entries = [entry for block in sorted((bundled_site / "ar" / "search" / "entries").glob("*.json")) for entry in json.loads(block.read_text("utf-8"))]
    assert len(entries) > 200
    for location, _title, kind, teaser in entries:
        assert not LATIN_WORD.search(kind), (location, kind)
        if location.split("/", 1)[0] in ("actors", "conferences", "instruments", "demands") and location.count("/") == 2:
            text, lang, _direction = teaser[0]
            assert not LATIN_WORD.search(text) and lang == "ar", (location, teaser[0])
