"""The Arabic edition of the bundled site as readers use it, in Chromium: right to left on every page type, accessible in
both colour schemes, nothing sideways on a phone, a switcher that keeps the reader's page and place, and a search of its own."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from . import test_browser
from .conftest import COLOUR_RULES, serious_violations
from .test_browser import PAGE_TYPES
from .test_browser_search import search

pytestmark = pytest.mark.browser
phone = test_browser.phone
"""A page at a phone's width (390 px), for this module's overflow checks as for test_browser's."""


@pytest.fixture
def page(reader: Page) -> Page:
    """The tests here navigate, read, click and type: they share the module's page (see `reader`)."""
    return reader


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_arabic_page_type_reads_right_to_left_and_is_accessible_in_both_schemes(page: Page, site_url: str, kind: str) -> None:
    page.goto(site_url + "ar/" + PAGE_TYPES[kind])
    heading = page.get_by_role("heading", level=1).first
    expect(heading).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction") == "rtl"
    assert serious_violations(page) == [], "light"
    page.get_by_title("التبديل إلى الوضع الداكن").evaluate("label => document.getElementById(label.htmlFor).click()")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert serious_violations(page, COLOUR_RULES) == [], "dark"


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_nothing_overflows_an_arabic_page_on_a_phone(phone: Page, site_url: str, kind: str) -> None:
    phone.goto(site_url + "ar/" + PAGE_TYPES[kind])
    expect(phone.get_by_role("heading", level=1).first).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{kind}: the page is {width} px wide"
    sideways = phone.evaluate(
        """() => [...document.querySelectorAll('.md-content *')]
            .filter(el => { const box = el.getBoundingClientRect(); return (box.right > window.innerWidth + 1 || box.left < -1)
                && !el.closest('.md-typeset__scrollwrap') && !el.closest('.md-typeset__table') })
            .map(el => el.tagName + '.' + el.className).slice(0, 5)"""
    )
    assert sideways == [], kind


def test_the_switcher_opens_the_same_page_and_place_in_the_other_edition_and_back(page: Page, site_url: str) -> None:
    page.goto(site_url + "actors/snc/#positions")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    page.locator(".md-header__option .md-select").first.hover()
    page.locator('a.md-select__link[hreflang="ar"]').click()
    expect(page).to_have_url(site_url + "ar/actors/snc/#positions")
    expect(page.locator("body")).to_have_attribute("dir", "rtl")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    expect(page).to_have_url(site_url + "actors/snc/#positions")
    expect(page.locator("body")).to_have_attribute("dir", "ltr")


@pytest.mark.parametrize("query", ["هيئة التفاوض", "Negotiation Commission"])
def test_the_arabic_search_finds_an_actor_by_either_name_and_only_arabic_pages(page: Page, site_url: str, query: str) -> None:
    search(page, site_url + "ar/", query)
    results = page.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible(timeout=15000)
    hrefs = [urlsplit(results.nth(i).get_attribute("href") or "").path for i in range(results.count())]
    assert any(href.endswith("/ar/actors/snc/") for href in hrefs), hrefs
    assert all(href.startswith("/ar/") for href in hrefs), hrefs


def test_the_english_search_returns_only_english_pages(page: Page, site_url: str) -> None:
    search(page, site_url, "هيئة التفاوض")
    results = page.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible(timeout=15000)
    hrefs = [urlsplit(results.nth(i).get_attribute("href") or "").path for i in range(results.count())]
    assert "/actors/snc/" in hrefs and not any(href.startswith("/ar/") for href in hrefs), hrefs


def test_a_code_span_in_an_arabic_paragraph_reads_left_to_right_to_its_last_character(page: Page, site_url: str) -> None:
    """A code span ending in a neutral character ("/") is isolated: unisolated, the "/" showed at its left end."""
    page.goto(site_url + "ar/reproducing/")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    span = page.locator(".md-typeset p code", has_text="matrix/period-<slug>/").first
    assert span.evaluate("code => getComputedStyle(code).unicodeBidi") == "isolate"
    first, last = span.evaluate(
        """code => { const text = code.firstChild, at = i => { const range = document.createRange();
            range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().left };
            return [at(0), at(text.length - 1)] }"""
    )
    assert first < last, (first, last)


def test_the_arabic_matrix_filters_say_their_status_and_recounted_cells_in_arabic_as_the_page_does(page: Page, site_url: str) -> None:
    """matrix.js writes no words of its own: after it recounts the cells, each cell's name is the one the page was built with
    (Arabic, its counts by Babel's plural forms), and the status line is Arabic, with a chosen period's Arabic name."""
    url = site_url + "ar/matrix/governance/"
    built = dict(re.findall(r'<td class="mx mx--\w+" data-c="[^"]*"(?: data-by="[^"]*")?><a href="([^"]+)" aria-label="([^"]+)"', page.request.get(url).text()))
    page.goto(url)
    expect(page.locator(".matrix-controls")).to_be_visible()
    cells = page.locator("table.matrix td a[aria-label]")
    recounted = dict(
        zip(
            cells.evaluate_all("links => links.map(a => a.getAttribute('href'))"),
            cells.evaluate_all("links => links.map(a => a.getAttribute('aria-label'))"),
            strict=True,
        )
    )
    assert built and recounted == {href: html.unescape(label) for href, label in built.items()}
    rows = page.locator("table.matrix tbody tr")
    total = rows.count()
    page.locator(".mx-first").check()
    status = page.locator(".mx-status")
    expect(status).to_have_text(re.compile(rf"^يُعرض \d+ من {total} \S+ في هذه الصفحة\.$"))
    assert all(
        re.fullmatch(r"\S+: (يؤيد|يعارض|مشروط|متباين)، .+", label or "")
        for label in cells.evaluate_all("links => links.filter(a => !a.hidden).map(a => a.getAttribute('aria-label'))")
    )
    page.locator(".mx-first").uncheck()
    page.locator(".mx-period").select_option(index=1)
    expect(status).to_have_text(re.compile(r"^2018: يُعرض \d+ من \d+ \S+ في هذه الصفحة\.$"))
    assert not re.search(r"[A-Za-z]{2}", status.inner_text())
