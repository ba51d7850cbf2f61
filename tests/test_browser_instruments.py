"""Stances on a statement and joint statements in Chromium, over the SYNTHETIC dossier of tests/test_views_instruments.py.

The "first-hand only" filter keeps an issuer's authorship and the joint statement's positions (each issuer's own
publication) and hides a report; the matrix's first-hand filter keeps the issuers' cells; the new sections are axe-clean.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from .conftest import DATA, built_here, serious_violations, serve

pytestmark = pytest.mark.browser

SOURCES = DATA / "views" / "instruments" / "sources"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("instruments") / "site"
    built_here(SOURCES, site)
    with serve(site) as url:
        yield url


def visible_heads(page: Page, side: str) -> list[str]:
    """The visible cards' first lines under one side of an instrument page, as a reader reads them."""
    cards = page.locator(f"h2#{side} ~ ul.claims").first.locator("li.claim:visible p.claim__head")
    return [" ".join(text.split()) for text in cards.all_inner_texts()]


def test_first_hand_filter_keeps_issuers_and_own_words_and_hides_a_report(reader: Page, site_url: str) -> None:
    page = reader
    page.goto(site_url + "instruments/northern-declaration/")
    # The three issuers one source names: one joint authorship card, not one per issuer.
    assert visible_heads(page, "supports") == ["Alpha Front, Beta Party and Gamma State (jointly) supports — 1 March 2024"]
    assert visible_heads(page, "opposes") == [
        "Omega Movement opposes — 5 March 2024 (date of the source)",
        "Delta Council opposes — 10 March 2024 (date of the source)",
    ]
    page.locator(".first-hand-toggle").focus()
    page.keyboard.press("Space")
    expect(page.locator(".first-hand-toggle")).to_be_checked()
    expect(page.locator("li.claim--secondhand").first).to_be_hidden()
    assert len(visible_heads(page, "supports")) == 1, "an issuer's authorship is first-hand"
    assert visible_heads(page, "opposes") == ["Omega Movement opposes — 5 March 2024 (date of the source)"]


def test_the_matrix_keeps_the_joint_statements_issuers_first_hand(reader: Page, site_url: str) -> None:
    page = reader
    page.goto(site_url + "matrix/security/")
    page.get_by_label("First-hand claims only").check()
    shown = [" ".join(text.split()).split(" bloc")[0] for text in page.locator("table.matrix tbody tr:not([hidden])").all_inner_texts()]
    assert {"Alpha Front", "Beta Party", "Gamma State"} <= set(shown), "the joint statement is each issuer's own publication"
    assert "Delta Council" not in shown, "a report is not"


@pytest.mark.parametrize(
    "path", ["instruments/northern-declaration/", "instruments/resolution-9001/", "actors/eve-envoy/", "actors/alpha/", "matrix/instruments/"]
)
def test_no_serious_accessibility_violations(reader: Page, site_url: str, path: str) -> None:
    page = reader
    page.goto(site_url + path)
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    assert serious_violations(page) == []
