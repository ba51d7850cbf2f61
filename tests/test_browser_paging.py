"""Paged lists in Chromium: the pager's links work from the keyboard and without JavaScript, and paged pages stay axe-clean.

Over a synthetic dossier of 130 sources (its sources index and long lists are paged) built with
MkDocs, and over the bundled dossier (an actor's positions and a long source's notes on pages of
their own). The whole built pages are weighed too: none over 60 KB, theme included, and the theme
around each no heavier than the page budgets allow for it (`paging.EDITION_THEME_BYTES`), in both editions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from playwright.sync_api import Page, expect

from build_scripts import mkdocs_config
from build_scripts.index import Index
from build_scripts.pages import GeneratedPage, Site
from build_scripts.pipeline import Output, render
from build_scripts.views import Views
from build_scripts.views.paging import EDITION_THEME_BYTES, PAGE_LIMIT, THEME_BYTES

from .bench_pipeline import write_corpus
from .conftest import built_here, project_site, serious_violations, serve

pytestmark = pytest.mark.browser


class Paged(NamedTuple):
    """The synthetic site as MkDocs built it, and the generated pages its build handed MkDocs (their fragments, before the theme)."""

    site: Path
    pages: list[GeneratedPage]


LONGER = (
    ", a synthetic report whose title is long enough to page the sources index sooner; it names no one, quotes no one and"
    " stands for no document, and it runs on so that a dossier of 130 sources pages its sources index three times, where the"
    " bench corpus's short titles take 250 sources and twice the time to build"
)
"""Added to each English source's title: its row on the sources index weighs some 330 bytes more."""


def lengthen_titles(sources: Path) -> None:
    """The bench corpus's English titles (`Document <n>`) made longer by `LONGER`, the rest of each source as it was."""
    for path in (sources / "documents").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^(title: Document \d+)$", rf"\1{LONGER}", text, count=1, flags=re.MULTILINE), encoding="utf-8")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Paged:
    """130 synthetic sources with long English titles (`lengthen_titles`): the sources index pages three times, as
    `test_a_reader_pages_through_the_sources_from_the_keyboard` needs; with the bench corpus's short titles that takes 250 sources
    and more pages to build. An actor's, a demand's and an instrument's lists page too (the other tests' paths).

    The pages the build rendered are kept as the hook's build made them (`mkdocs_config.build`, watched, not replaced):
    the theme tests weigh what the theme added around those very fragments, with no second check, compute and render.
    """
    folder = tmp_path_factory.mktemp("paged")
    write_corpus(folder / "sources", 130)
    lengthen_titles(folder / "sources")
    outputs: list[Output] = []
    build = mkdocs_config.build

    def watched(*args: Any, **kwargs: Any) -> Output:
        outputs.append(build(*args, **kwargs))
        return outputs[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mkdocs_config, "build", watched)
        site = built_here(folder / "sources", folder / "site")
    [output] = outputs  # the English edition alone: one build of the pages
    return Paged(site, output.pages)


@pytest.fixture(scope="module")
def synthetic_site(synthetic: Paged) -> Path:
    return synthetic.site


@pytest.fixture(scope="module")
def synthetic_url(synthetic_site: Path) -> Iterator[str]:
    with serve(synthetic_site) as url:
        yield url


def tab_to(page: Page, selector: str, most: int = 300) -> None:
    """Press Tab until the focused element matches `selector`, as a keyboard-only reader would."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement && document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} was never focused")


def test_a_reader_pages_through_the_sources_from_the_keyboard(page: Page, synthetic_url: str) -> None:
    page.goto(synthetic_url + "sources/")
    status = page.locator(".pager__status").first
    count = int(re.fullmatch(r"Page 1 of (\d+)", status.inner_text()).group(1))  # type: ignore[union-attr]
    assert count >= 3  # page 2 is not the last: the last page has a link of its own, and a link back
    first_row = page.locator("table.entity-table tbody tr").first.inner_text()

    tab_to(page, ".pager a[rel=next]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sources/page/2/")
    expect(page.locator(".pager__status").first).to_have_text(f"Page 2 of {count}")
    expect(page.locator(".pager__current").first).to_have_attribute("aria-current", "page")
    assert page.locator("table.entity-table tbody tr").first.inner_text() != first_row

    tab_to(page, f".pager a[aria-label='Page {count}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/sources/page/{count}/")
    expect(page.locator(".pager__status").first).to_have_text(f"Page {count} of {count}")
    expect(page.locator(".pager a[rel=next]")).to_have_count(0)

    tab_to(page, ".pager a[rel=prev]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/sources/page/{count - 1}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sources")


def test_pager_links_work_without_javascript(new_page: Callable[..., Page], synthetic_url: str) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(synthetic_url + "actors/actor-5/")
    page.locator("ul.listing-pages").get_by_role("link", name="Page 1", exact=True).click()
    page.wait_for_url("**/actors/actor-5/positions/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("positions")
    page.get_by_role("navigation", name="Pages of this list", exact=True).get_by_role("link", name="Next page").click()
    page.wait_for_url("**/actors/actor-5/positions/2/")
    expect(page.locator(".pager__status").first).to_have_text(re.compile(r"^Page 2 of \d+$"))


def test_an_actors_evidence_on_a_demand_opens_on_the_page_that_holds_it(page: Page, site_url: str) -> None:
    """At a glance, each demand links to its evidence, wherever the list of positions put it."""
    page.goto(site_url + "actors/snc/")
    glance = page.get_by_role("list", name="Positions at a glance")
    link = glance.get_by_role("link").last
    href = str(link.get_attribute("href"))
    assert re.match(r"positions/(\d+/)?#demand-", href), href
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/actors/snc/positions/**#demand-*")
    anchor = page.url.rsplit("#", 1)[1]
    expect(page.locator(f"[id='{anchor}']")).to_be_in_viewport()


@pytest.mark.parametrize(
    "path",
    [
        "sources/",
        "sources/page/2/",
        "actors/actor-5/",
        "actors/actor-5/positions/2/",
        "demands/demand-3/",
        "demands/demand-3/supports/",
        "instruments/instrument-1/positions/",
    ],
)
def test_no_serious_accessibility_violations_on_paged_pages(page: Page, synthetic_url: str, path: str) -> None:
    page.goto(synthetic_url + path)
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    assert serious_violations(page) == []


# The source page itself (`sources/stj-supports-cssr-recommendations/`) is checked in both schemes by tests/test_browser.py ("source").
@pytest.mark.parametrize("path", ["actors/snc/", "actors/snc/positions/", "sources/stj-supports-cssr-recommendations/annotations/"])
def test_no_serious_accessibility_violations_on_bundled_paged_pages(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    assert serious_violations(page) == []


WRITTEN = {"index.html", "404.html", "methodology/index.html", "contributing/index.html", "performance/index.html"}
"""Hand-written pages, whose weight is their authors' (the data page is held to the budget as a generated one is)."""


def heavy_pages(site: Path, edition: str = "") -> dict[str, int]:
    """The pages of one edition (`ar`, or the English one at the root) over the budget, hand-written ones aside."""
    root = site / edition if edition else site
    pages = {str(p.relative_to(root)): p.stat().st_size for p in root.rglob("*.html")}
    return {path: size for path, size in pages.items() if size > PAGE_LIMIT and path not in WRITTEN and not path.startswith("ar/")}


def test_no_built_page_weighs_more_than_60_kb(synthetic_site: Path, bundled_site: Path) -> None:
    """The rule as readers meet it: every generated page, Material's theme included (hand-written pages are their authors')."""
    for site in (synthetic_site, bundled_site):
        assert heavy_pages(site) == {}


UNTRANSLATED = {"data/index.html"}
"""Hand-written pages held to the budget in English that have no Arabic translation yet: the Arabic edition shows their English
text in the Arabic theme (`mkdocs_editions.untranslated`), whose weight is their authors' until they are translated or trimmed."""


def test_no_page_of_the_arabic_edition_weighs_more_than_60_kb(bundled_site: Path) -> None:
    """Lists are cut once for both editions, by the heavier one's bytes, and the Arabic theme is counted around the Arabic pages."""
    assert {path: size for path, size in heavy_pages(bundled_site, "ar").items() if path not in UNTRANSLATED} == {}


def chrome(site_dir: Path, pages: list[GeneratedPage], site: Site, prefix: str = "") -> dict[str, int]:
    """What the theme adds around each generated page of an edition, its title and its path aside (counted three times each by the budgets)."""
    built = {p.path: (site_dir / prefix / site.url(p.path) / "index.html").stat().st_size for p in pages}
    return {p.path: built[p.path] - len(p.html.encode()) - 3 * len(p.title.encode()) - 3 * len(p.path.encode()) for p in pages}


def test_the_theme_weighs_no_more_than_the_page_budgets_allow(synthetic: Paged) -> None:
    """What Material adds around each generated page, its title aside, is within `THEME_BYTES`: the budgets of the page tests hold for built pages."""
    # The fragments the MkDocs build wrapped: mkdocs.yml's periods decide the agreement pages; the English edition alone is built.
    site = replace(project_site(), editions=("en",))
    around = chrome(synthetic.site, synthetic.pages, site)
    assert len(around) > 380  # nearly every page of the site (422, the hand-written ones and redirects among them)
    assert {path: bytes for path, bytes in around.items() if bytes > THEME_BYTES} == {}


def test_the_theme_of_each_edition_weighs_no_more_than_its_budget_allows(bundled_site: Path, bundled_index: Index, bundled_views: Views) -> None:
    """Both editions published, with the language switcher on every page: the theme around each page is within its edition's
    `EDITION_THEME_BYTES` (the Arabic one's words take two bytes a letter)."""
    site = project_site()
    for language, edition in (("en", ""), ("ar", "ar/")):
        pages = render(bundled_index, bundled_views, replace(site, language=language)).pages
        around = chrome(bundled_site, pages, site, edition)
        assert {path: bytes for path, bytes in around.items() if bytes > EDITION_THEME_BYTES[language]} == {}, language
        assert max(around.values()) > EDITION_THEME_BYTES[language] - 1_000, "the budget is the theme's, not far above it"
