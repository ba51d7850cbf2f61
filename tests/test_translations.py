"""Translations beside the original: English, marked with who made them, outside the quotation, never evidence.

Built from `tests/data/arabic`, a synthetic dossier: its Arabic statement has an English working title and an
evidence translation by the editors, a quote translation from a (synthetic) published translation, and one
Arabic evidence left untranslated.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from build_scripts.models import Document, Translation
from build_scripts.pipeline import build_all, check
from build_scripts.problems import SourceError
from build_scripts.safety import scan
from build_scripts.schema import schemas

from .conftest import DATA, ROOT
from .test_pipeline import make_tree

ARABIC = DATA / "arabic" / "sources"
EVIDENCE = "ندعم تطبيق القرار 9999 دون تأخير"
EVIDENCE_EN = "We support applying resolution 9999 without delay"
QUOTE = "نطالب جميع الأطراف بالحوار، ونرى أن STP شريك في الحل"
UNTRANSLATED = "المجلس التجريبي يعارض تطبيق القرار 9999"
MOVEMENT = "أعلنت الحركة التجريبية تأييدها تطبيق القرار 9999"  # untranslated too, by an actor known by its Arabic name
QUOTE_EN = "We call on all parties to hold a dialogue, and we see STP as a partner in the solution"
TITLE_EN = "Synthetic statement of the Synthetic Test Party on resolution 9999"
OUTLET = "Synthetic Test Outlet English edition"
OUTLET_URL = "https://example.org/synthetic-test-outlet/english-edition"
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}


class Element:
    """An element of a page: its tag, attributes, ancestors' tags and text."""

    def __init__(self, tag: str, attrs: dict[str, str | None], ancestors: list[Element]) -> None:
        self.tag, self.attrs, self.ancestors, self.text = tag, attrs, ancestors, ""

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


class Tree(HTMLParser):
    """Every element of an HTML fragment, in document order, with its ancestors and its text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), list(self.open))
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop().tag != tag:
            pass

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data

    def previous_sibling(self, element: Element) -> Element:
        """The element just before `element` under the same parent."""
        return next(e for e in reversed(self.elements[: self.elements.index(element)]) if e.ancestors == element.ancestors)

    def by_class(self, name: str) -> list[Element]:
        return [e for e in self.elements if name in e.classes]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {page.path: page.html for page in build_all(ARABIC).pages}


def translations(html: str) -> list[Element]:
    found = Tree(html).by_class("translation")
    assert found, "no translation on the page"
    return found


@pytest.mark.parametrize("path", ["actors/test-party.md", "sources/arabic-statement.md", "demands/apply-resolution-9999.md"])
def test_a_translation_is_english_and_outside_every_quotation(pages: dict[str, str], path: str) -> None:
    for element in translations(pages[path]):
        assert element.tag == "p" and element.attrs["lang"] == "en" and element.attrs["dir"] == "ltr"
        assert not any(a.tag in ("blockquote", "q", "mark") or a.attrs.get("lang") == "ar" for a in element.ancestors), path


def test_the_translation_follows_its_original_and_says_who_made_it(pages: dict[str, str]) -> None:
    tree = Tree(pages["actors/test-party.md"])
    pairs = [(tree.previous_sibling(e), e) for e in tree.by_class("translation")]
    assert [(before.tag, before.attrs["lang"], before.text, after.text.strip()) for before, after in pairs] == [
        ("blockquote", "ar", EVIDENCE, f"Translation (the dossier's editors): {EVIDENCE_EN}"),
        ("blockquote", "ar", QUOTE, f"Translation (published: {OUTLET}): {QUOTE_EN}"),
    ]
    link = next(e for e in tree.elements if e.tag == "a" and e.attrs.get("href") == OUTLET_URL)
    assert link.text == OUTLET and any("translation__label" in a.classes for a in link.ancestors)


def test_quotations_hold_only_the_original_words(pages: dict[str, str]) -> None:
    for path in ("actors/test-party.md", "sources/arabic-statement.md", "demands/apply-resolution-9999.md"):
        quotations = [e for e in Tree(pages[path]).elements if e.tag == "blockquote" and e.attrs.get("lang") == "ar"]
        assert quotations, path
        for quotation in quotations:
            assert quotation.text.strip() in {EVIDENCE, QUOTE, UNTRANSLATED, MOVEMENT}, path


def test_an_untranslated_evidence_has_no_translation(pages: dict[str, str]) -> None:
    card = re.search(r'<li class="claim[^"]*basis--characterised[^"]*".*?</li>', pages["actors/test-council.md"], re.S)
    assert card and UNTRANSLATED in card.group(0) and 'class="translation"' not in card.group(0)


def test_the_source_page_gives_the_english_working_title_under_the_original(pages: dict[str, str]) -> None:
    tree = Tree(pages["sources/arabic-statement.md"])
    h1 = next(e for e in tree.elements if e.tag == "h1")
    assert h1.text == "بيان تجريبي من الحزب التجريبي حول القرار 9999" and TITLE_EN not in h1.text
    working = tree.by_class("working-title")
    assert [(e.tag, e.attrs["lang"], e.text) for e in working] == [("p", "en", f"English working title: {TITLE_EN} (translated by the dossier's editors)")]
    assert tree.elements.index(working[0]) > tree.elements.index(h1) and h1 not in working[0].ancestors


def test_the_working_title_follows_an_arabic_title_in_english_lines(pages: dict[str, str]) -> None:
    cited = '<cite lang="ar" dir="rtl">بيان تجريبي من الحزب التجريبي حول القرار 9999</cite></a>'
    expected = f'{cited} <span class="title-translation" lang="en">(“{TITLE_EN}”)</span>'
    council = pages["actors/test-council.md"]
    assert expected in re.search(r'<p class="claim__source">.*?</p>', council.split("ev-test-council-apply-resolution-9999", 2)[-1], re.S).group(0)  # type: ignore[union-attr]
    party = pages["actors/test-party.md"]
    assert any(expected in line for line in re.findall(r'<p class="quote__source">.*?</p>', party, re.S)), "the quote from the Arabic source"
    assert expected in re.search(r'<ul class="sources">.*?</ul>', party, re.S).group(0)  # type: ignore[union-attr]


def test_a_translation_is_never_evidence(pages: dict[str, str]) -> None:
    """Not matched against the text, and not marked in it: the full text holds the original's passages only."""
    full_text = pages["sources/arabic-statement.md"].split('<div class="full-text"', 1)[1].split("</div>", 1)[0]
    marks = re.findall(r'<mark class="passage[^"]*"[^>]*>(.*?)</mark>', full_text)
    assert marks == [EVIDENCE, QUOTE, UNTRANSLATED, MOVEMENT]
    assert EVIDENCE_EN not in full_text and QUOTE_EN not in full_text


def test_the_dossier_json_and_the_csv_files_carry_the_translations() -> None:
    files = {download.path: download.text for download in build_all(ARABIC).downloads}
    data = json.loads(files["downloads/dossier.json"])
    claims = {c["id"]: c["translation"] for c in data["claims"] if c["document"] == "arabic-statement"}
    assert claims == {
        "ev-test-party-apply-resolution-9999": {"text": EVIDENCE_EN, "by": "editors", "name": None, "url": None},
        "ev-test-council-apply-resolution-9999": None,
        "ev-test-movement-apply-resolution-9999": None,
    }
    quotes = {q["id"]: q["translation"] for q in data["quotes"] if q["document"] == "arabic-statement"}
    assert quotes == {"q-test-party": {"text": QUOTE_EN, "by": "published", "name": OUTLET, "url": OUTLET_URL}}
    document = next(d for d in data["documents"] if d["id"] == "arabic-statement")
    assert document["title_translation"] == {"text": TITLE_EN, "by": "editors", "name": None, "url": None}
    assert document["claims"][0]["evidence"] == EVIDENCE and document["claims"][0]["translation"]["text"] == EVIDENCE_EN
    positions = list(csv.DictReader(io.StringIO(files["downloads/positions.csv"])))
    row = next(r for r in positions if r["claim"] == "ev-test-party-apply-resolution-9999")
    assert (row["evidence_translation"], row["translation_by"], row["translation_name"], row["translation_url"]) == (EVIDENCE_EN, "editors", "", "")
    claims_csv = {r["id"]: r for r in csv.DictReader(io.StringIO(files["downloads/claims.csv"])) if r["document"] == "arabic-statement"}
    assert claims_csv["ev-test-party-apply-resolution-9999"]["evidence"] == EVIDENCE
    assert claims_csv["ev-test-party-apply-resolution-9999"]["evidence_translation"] == EVIDENCE_EN
    assert claims_csv["ev-test-council-apply-resolution-9999"]["evidence_translation"] == ""
    assert "translation" not in claims_csv["ev-test-party-apply-resolution-9999"]
    quote = next(r for r in csv.DictReader(io.StringIO(files["downloads/quotes.csv"])) if r["document"] == "arabic-statement")
    assert (quote["text"], quote["text_translation"], quote["translation_by"], quote["translation_name"], quote["translation_url"]) == (
        QUOTE,
        QUOTE_EN,
        "published",
        OUTLET,
        OUTLET_URL,
    )


def test_a_translation_that_starts_like_a_formula_stays_text_in_the_csv_files(tmp_path: Path) -> None:
    statement = (ARABIC / "documents" / "arabic-statement.md").read_text(encoding="utf-8")
    hostile = statement.replace(f"text: {EVIDENCE_EN}", 'text: "=HYPERLINK(\\"https://example.org\\")"').replace(f"name: {OUTLET}", "name: '@Synthetic'")
    sources = make_tree({"base": "arabic", "files": {"documents/arabic-statement.md": hostile}}, tmp_path)
    files = {download.path: download.text for download in build_all(sources).downloads}
    positions = list(csv.DictReader(io.StringIO(files["downloads/positions.csv"])))
    assert next(r for r in positions if r["claim"] == "ev-test-party-apply-resolution-9999")["evidence_translation"] == '\'=HYPERLINK("https://example.org")'
    quotes = list(csv.DictReader(io.StringIO(files["downloads/quotes.csv"])))
    assert next(r for r in quotes if r["document"] == "arabic-statement")["translation_name"] == "'@Synthetic"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"by": "editors", "url": OUTLET_URL}, "a translation by the editors has no `url`; remove `url:`, or set `by: published` for a published translation"),
        ({"by": "someone"}, "Input should be 'editors' or 'published'"),
    ],
)
def test_a_translation_says_who_made_it(fields: dict[str, str], message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        Translation.model_validate({"text": "T", **fields})


def test_files_without_translations_still_load() -> None:
    index = check(ROOT / "sources")
    assert index.claims and all(c.translation is None for c in index.claims)
    assert all(r.model.title_translation is None for r in index.sources.documents.values())


def test_the_contributing_guide_example_is_valid() -> None:
    guide = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    section = guide.split("### Translations", 1)[1]
    example = yaml.safe_load(re.search(r"```yaml\n(.*?)```", section, re.S).group(1))  # type: ignore[union-attr]
    doc = Document.model_validate({"kind": "statement", "summary": "S", **example})
    assert doc.title_translation and doc.title_translation.by == "editors"
    assert doc.claims[0].translation and doc.quotes[0].translation and doc.quotes[0].translation.name == OUTLET


def test_the_schema_carries_the_translations() -> None:
    document = json.loads(schemas()["document.schema.json"])
    translation = document["$defs"]["Translation"]
    assert set(translation["required"]) == {"text", "by"} and translation["properties"]["by"]["enum"] == ["editors", "published"]
    assert translation["additionalProperties"] is False
    ref = [{"$ref": "#/$defs/Translation"}, {"type": "null"}]
    assert document["properties"]["title_translation"]["anyOf"] == ref
    assert document["$defs"]["Claim"]["properties"]["translation"]["anyOf"] == ref == document["$defs"]["Quote"]["properties"]["translation"]["anyOf"]


def test_markup_in_a_translation_is_shown_as_text(tmp_path: Path) -> None:
    statement = (ARABIC / "documents" / "arabic-statement.md").read_text(encoding="utf-8")
    payload = "<script>alert(1)</script>"
    hostile = statement.replace(f"text: {EVIDENCE_EN}", f"text: '{payload}'").replace(f"name: {OUTLET}", "name: '\"><img src=x onerror=alert(2)>'")
    hostile = hostile.replace(f"text: {TITLE_EN}", "text: '</title><svg onload=alert(3)>'")
    sources = make_tree({"base": "arabic", "files": {"documents/arabic-statement.md": hostile}}, tmp_path)
    for page in build_all(sources).pages:
        assert scan(page.html) == [], page.path
        assert "<script>" not in page.html and "<img" not in page.html and "<svg onload" not in page.html
    html = {page.path: page.html for page in build_all(sources).pages}["actors/test-party.md"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(2)&gt;" in html


def test_a_published_translation_links_only_to_web_addresses(tmp_path: Path) -> None:
    statement = (ARABIC / "documents" / "arabic-statement.md").read_text(encoding="utf-8")
    sources = make_tree({"base": "arabic", "files": {"documents/arabic-statement.md": statement.replace(OUTLET_URL, "javascript:alert(1)")}}, tmp_path)
    with pytest.raises(SourceError) as caught:
        check(sources)
    assert [str(p) for p in caught.value.problems] == [
        "sources/documents/arabic-statement.md:41:12: `url`: only http://, https:// and mailto: addresses are accepted (`javascript:alert(1)`) — correct the value"
    ]
