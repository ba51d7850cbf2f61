"""Browser tests of the network view: every link in the drawings leads to a page of the built site; the drawing fits a phone."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PAGES = ("network/", "", "actors/cssr/")
"""The network page, the home page (its glimpse) and an actor page (its neighbourhood)."""


def svg_links(page: Page) -> list[str]:
    """Every node link in the page's network drawings, resolved against the page's address."""
    return page.eval_on_selector_all(
        "svg.dossier-graph__svg a",
        "links => links.map(a => new URL(a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href'), location.href).href)",
    )


@pytest.mark.parametrize("path", PAGES)
def test_every_link_in_the_network_drawing_resolves(reader: Page, site_url: str, bundled_site: Path, path: str) -> None:
    page = reader
    page.goto(site_url + path)
    expect(page.locator("svg.dossier-graph__svg")).to_be_visible()
    links = svg_links(page)
    assert links, f"no links in the drawing on /{path}"
    for link in links:
        assert link.startswith(site_url), link
        target = bundled_site / urlsplit(link).path.lstrip("/") / "index.html"
        assert target.is_file(), f"/{path}: {link} leads to no page"


def test_a_node_opens_its_page(reader: Page, site_url: str) -> None:
    page = reader
    page.goto(site_url + "actors/cssr/")
    node = page.locator("svg.dossier-graph__svg a").nth(1)
    name = node.locator("title").text_content() or ""
    node.click()
    page.wait_for_url(lambda url: "/actors/cssr/" not in url)
    assert name.split(",")[0].split(" (")[0] in (page.locator("h1").text_content() or "")


def test_the_drawing_is_named_and_fits_a_phone(reader: Page, site_url: str) -> None:
    page = reader
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "network/")
    svg = page.locator("svg.dossier-graph__svg")
    expect(svg).to_be_visible()
    assert svg.evaluate("s => s.getAttribute('aria-labelledby').split(' ').every(id => document.getElementById(id))")
    assert svg.evaluate("s => s.getBoundingClientRect().width") <= 390
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide"


def test_navigating_to_a_drawing_raises_no_script_error(page: Page, site_url: str) -> None:
    """Following links to pages with drawings raises no script error (SVG links use `xlink:href`, which scripts that
    rewrite `[href]` links, such as Material's instant navigation, leave alone)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(site_url + "actors/")
    page.get_by_role("link", name="Syrian Opposition Coalition", exact=True).click()
    page.wait_for_url("**/actors/soc/")
    expect(page.locator("svg.dossier-graph__svg a").first).to_be_attached()
    page.get_by_role("link", name="Analysis", exact=True).first.click()
    page.wait_for_url("**/matrix/")
    page.get_by_role("link", name="Network", exact=True).first.click()
    page.wait_for_url("**/network/")
    expect(page.locator("svg.dossier-graph__svg a").first).to_be_attached()
    assert errors == []
