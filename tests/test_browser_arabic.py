"""Arabic sources read right to left wherever their words appear, in Chromium (computed styles, not attributes).

Built from `tests/data/arabic`, a synthetic dossier written for these tests: an Arabic statement with
headings, a list, a quotation, Latin acronyms and numbers, and an English report that quotes Arabic.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import serious_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def page(reader: Page) -> Page:
    """The tests here only navigate and read: they share the module's page (see `reader`)."""
    return reader


def style(locator: Locator, prop: str) -> str:
    return locator.evaluate(f"el => getComputedStyle(el).getPropertyValue('{prop}')")


def assert_rtl(locator: Locator) -> None:
    expect(locator.first).to_be_attached()
    for i in range(locator.count()):
        assert style(locator.nth(i), "direction") == "rtl", locator.nth(i).evaluate("el => el.outerHTML.slice(0, 120)")


@pytest.mark.parametrize(
    ("path", "selector"),
    [
        ("sources/arabic-statement/", ".full-text, .full-text h2, .full-text li, .full-text blockquote"),
        ("sources/arabic-statement/", "h1 [lang=ar], .source-notes blockquote.quote"),
        ("actors/test-party/", "blockquote.evidence[lang=ar], blockquote.quote[lang=ar], cite[lang=ar]"),
        ("demands/apply-resolution-9999/", "blockquote.evidence[lang=ar], cite[lang=ar]"),
        ("conferences/test-meeting/", "cite[lang=ar]"),
        ("instruments/resolution-9999/", "cite[lang=ar]"),
        ("timeline/2025/", "cite[lang=ar]"),
        ("sources/english-report/", ".source-notes blockquote.quote"),
        ("actors/test-party/", "blockquote.quote[lang=en]"),
        ("matrix/transition/", "th[scope=row] a[lang=ar]"),
        ("actors/test-movement/", "h1, .lede bdi[lang=ar]"),
        ("demands/apply-resolution-9999/", "a.actor[lang=ar]"),
        ("timeline/2025/", "a[lang=ar]"),
        ("briefings/transition/", "a[lang=ar]"),
    ],
)
def test_arabic_words_are_right_to_left_on_every_page_type(page: Page, arabic_url: str, path: str, selector: str) -> None:
    page.goto(arabic_url + path)
    assert_rtl(page.locator(selector))


def test_arabic_inside_an_english_line_is_isolated(page: Page, arabic_url: str) -> None:
    """A title in Arabic inside "passage in …" is its own bidi run: the English around it keeps its order."""
    page.goto(arabic_url + "actors/test-party/")
    cite = page.locator(".claim__source cite[lang=ar]").first
    expect(cite).to_be_visible()
    assert style(cite, "unicode-bidi") == "isolate"
    line = cite.locator("xpath=ancestor::p[1]")
    assert style(line, "direction") == "ltr"


def test_lists_and_blockquotes_are_mirrored_in_arabic_text(page: Page, arabic_url: str) -> None:
    """Material's own mirroring needs a right-to-left page; inside an English page the dossier mirrors them itself."""
    page.goto(arabic_url + "sources/arabic-statement/")
    item = page.locator(".full-text li").first
    expect(item).to_be_visible()
    assert float(style(item, "margin-right").removesuffix("px")) > 0 and style(item, "margin-left") == "0px"
    quote = page.locator(".full-text blockquote").first
    assert float(style(quote, "border-right-width").removesuffix("px")) > 0 and style(quote, "border-left-width") == "0px"
    text = page.locator(".full-text").first
    paragraph_box, text_box = page.locator(".full-text p").first.bounding_box(), text.bounding_box()
    assert paragraph_box and text_box and abs(paragraph_box["x"] + paragraph_box["width"] - (text_box["x"] + text_box["width"])) < 2


def test_tables_in_arabic_text_run_from_the_right(page: Page, arabic_url: str) -> None:
    """A table in an Arabic body has its first column on the right, its cells aligned right."""
    page.goto(arabic_url + "sources/arabic-statement/")
    first, second = page.locator(".full-text table th").nth(0), page.locator(".full-text table th").nth(1)
    expect(first).to_be_visible()
    assert style(first, "direction") == "rtl" and style(first, "text-align") == "right"
    first_box, second_box = first.bounding_box(), second.bounding_box()
    assert first_box and second_box and first_box["x"] > second_box["x"]


def test_latin_acronyms_and_numbers_stay_in_place_in_arabic(page: Page, arabic_url: str) -> None:
    """In right-to-left text, "STP" reads left to right, and the Arabic word after it in the sentence sits to its left."""
    page.goto(arabic_url + "sources/arabic-statement/")
    paragraph = page.locator(".full-text p", has_text="(STP)").first
    expect(paragraph).to_be_visible()
    s, p, next_word = paragraph.evaluate(
        """el => {
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            let node; while ((node = walker.nextNode()) && !node.textContent.includes('(STP)')) {}
            const at = i => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect().left; };
            const i = node.textContent.indexOf('STP'), j = node.textContent.indexOf('في', i);
            return [at(i), at(i + 2), at(j)];
        }"""
    )
    assert s < p, "the acronym's letters are in left-to-right order"
    assert next_word < s, "the Arabic that follows the acronym continues to its left"


def test_no_serious_accessibility_violations_on_an_english_page_quoting_arabic(page: Page, arabic_url: str) -> None:
    """The Arabic statement and the actor page are checked in both schemes by tests/test_browser_translations.py."""
    page.goto(arabic_url + "sources/english-report/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert serious_violations(page) == []
