"""Search as readers use it, in Chromium: the contract any search the site ships must keep.

Names in either script, with the spelling variants Arabic readers type, put the page of the
actor named first; Arabic in results reads right to left; a page view fetches no index, and
a query fetches only small files. Built from the bundled dossier and from `tests/data/arabic`
(a synthetic dossier written for these tests).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from .conftest import serious_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def page(reader: Page) -> Page:
    """The tests here navigate, type and read: they share the module's page (see `reader`); one that listens to requests opens its own."""
    return reader


CASES = yaml.safe_load((Path(__file__).parent / "cases" / "search" / "normalise.yaml").read_text(encoding="utf-8"))["cases"]


def search(page: Page, url: str, query: str) -> None:
    """Open the search box and type as a reader does.

    Playwright inserts letters outside the US layout (Arabic, ü) without key events, which Material
    listens for; pressing End afterwards sends the keyup that a reader's keyboard sends with each letter.
    """
    page.goto(url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.press_sequentially(query, delay=20)
    box.press("End")


RESULTS_OF = """query => {
    const first = document.querySelector(".md-search-result__item > a")
    return first !== null && new URL(first.href).searchParams.get("h") === query
}"""
"""Whether the results shown are those of the whole query: each result's link carries the query it answers (`?h=`), and the results of
a query's first letters show while the rest is typed."""


def first_result(page: Page, query: str | None = None) -> str:
    """The first result's link, once results show (`query`: once they are those of the whole query, not of the letters typed so far)."""
    first = page.locator(".md-search-result__item > a").first
    expect(first).to_be_visible(timeout=15000)
    if query is not None:
        page.wait_for_function(RESULTS_OF, arg=query, timeout=15000)
    return first.get_attribute("href") or ""


RANKING = [
    ("الأسد", "bashar-al-assad"),
    ("الاسد", "bashar-al-assad"),
    ("الأَسَد", "bashar-al-assad"),
    ("الأســد", "bashar-al-assad"),
    ("بشار الاسد", "bashar-al-assad"),
    ("Assad", "bashar-al-assad"),
    ("الائتلاف", "soc"),
    ("الإئتلاف الوطني", "soc"),
    ("National Coalition", "soc"),
    ("SOC", "soc"),
    ("هيئة التفاوض", "snc"),
    ("هيئه التفاوض", "snc"),
    ("التفاوض", "snc"),
    ("SNC", "snc"),
    ("the Commission", "snc"),
    ("Türkiye", "turkey"),
    ("Turkiye", "turkey"),
    ("تركيا", "turkey"),
    ("Erdogan", "recep-tayyip-erdogan"),
]
"""Names in either script, with the variants readers type (hamza, diacritics, tatweel, ta marbuta), and the actor whose page comes first."""

FIRST_RESULTS = """async queries => {
    const worker = new Worker(new URL("javascripts/search/worker.js", document.baseURI))
    const ask = query => new Promise(done => {
        worker.onmessage = ({ data }) => { if (data.type === 3) done(data.data.items.map(item => item[0].location)) }
        worker.postMessage({ type: 2, data: query })
    })
    const first = []
    for (const query of queries) first.push((await ask(query))[0] ?? null)
    worker.terminate()
    return first
}"""
"""The first result of each query, asked one after another of the site's search worker in the page, as Material's search box asks it."""


def test_an_actors_page_comes_first_for_its_names_in_either_script(page: Page, site_url: str) -> None:
    """The whole ranking table through the search worker of one page; typed into the search box below, a few of them end to end."""
    page.goto(site_url)
    first = page.evaluate(FIRST_RESULTS, [query for query, _ in RANKING])
    wrong = {query: found for (query, actor), found in zip(RANKING, first, strict=True) if f"/actors/{actor}/" not in "/" + (found or "")}
    assert wrong == {}


@pytest.mark.parametrize(("query", "actor"), [("National Coalition", "soc"), ("هيئه التفاوض", "snc"), ("Türkiye", "turkey")])
def test_a_reader_who_types_a_name_gets_the_actors_page_first(page: Page, site_url: str, query: str, actor: str) -> None:
    """Typed into Material's search box: Latin letters, Arabic (no key events but the last), a letter outside the US layout."""
    search(page, site_url, query)
    assert f"/actors/{actor}/" in first_result(page, query)


def test_arabic_in_results_reads_right_to_left_and_matches_are_marked(page: Page, site_url: str) -> None:
    search(page, site_url, "الاسد")
    first_result(page, "الاسد")
    arabic = page.locator(".md-search-result__item bdi[lang=ar]").first
    expect(arabic).to_be_visible()
    assert arabic.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert arabic.locator("mark").inner_text() == "الأسد", "the page's own spelling is shown and marked, not the folded query"
    line = arabic.locator("xpath=ancestor::p[1]")
    assert line.evaluate("el => getComputedStyle(el).direction") == "ltr"


def test_arabic_full_text_finds_its_source_with_a_right_to_left_title(page: Page, arabic_url: str) -> None:
    search(page, arabic_url, "بالحوار")
    assert "/sources/arabic-statement/" in first_result(page, "بالحوار")
    title = page.locator(".md-search-result__item > a").first.locator("h1 span[lang=ar]")
    expect(title).to_be_visible()
    assert title.evaluate("el => getComputedStyle(el).direction") == "rtl"


def test_an_actor_known_by_its_arabic_name_has_a_right_to_left_result(page: Page, arabic_url: str) -> None:
    search(page, arabic_url, "الحركه")
    assert "/actors/test-movement/" in first_result(page, "الحركه")
    title = page.locator(".md-search-result__item > a").first.locator("h1 span[lang=ar]")
    assert title.evaluate("el => getComputedStyle(el).direction") == "rtl"


def test_an_english_reader_finds_an_arabic_source_by_its_translation(page: Page, arabic_url: str) -> None:
    search(page, arabic_url, "without delay")
    results = page.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible(timeout=15000)
    assert any("/sources/arabic-statement/" in (href or "") for href in results.evaluate_all("els => els.map(e => e.getAttribute('href'))"))


def test_browser_folds_text_as_the_build_does(page: Page, site_url: str) -> None:
    """normalise.js and build_scripts/search.py agree on every golden case."""
    page.goto(site_url)
    page.add_script_tag(url=site_url + "javascripts/search/normalise.js")
    got = page.evaluate("cases => cases.map(c => self.dossierSearch.terms(c))", [c["text"] for c in CASES])
    assert got == [c["terms"] for c in CASES]


def test_a_page_view_fetches_no_index_and_a_query_only_small_files(new_page: Callable[..., Page], site_url: str) -> None:
    """A reader's first visit fetches nothing that grows with the dossier: no search index, no sitemap."""
    page = new_page()
    sizes: dict[str, int] = {}
    every: list[str] = []
    page.on("request", lambda r: every.append(r.url))
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.url.startswith(site_url + "search/") and r.ok else None)
    page.goto(site_url + "actors/")
    expect(page.locator("h1").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert every and not [url for url in every if "sitemap" in url]
    before = dict(sizes)
    assert all(url.endswith("search/search_index.json") for url in before), before
    assert json.loads(page.evaluate("fetch('../search/search_index.json').then(r => r.text())"))["docs"] == []
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("coalition", delay=20)
    first_result(page)
    page.wait_for_load_state("networkidle")
    fetched = {url: size for url, size in sizes.items() if url not in before}
    assert any("manifest.json" in url for url in fetched) and any("/terms/" in url for url in fetched)
    assert sum(fetched.values()) < 200_000, fetched


def test_search_results_pass_axe(page: Page, site_url: str) -> None:
    search(page, site_url, "الائتلاف")
    first_result(page, "الائتلاف")
    assert serious_violations(page) == []
