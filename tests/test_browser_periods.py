"""The period controls of the matrix and the network in Chromium, with the basis filter: from the keyboard, without JavaScript
where they are links, and axe clean in the light and the dark scheme on every page they lead to.

The dossier is synthetic (`communique_dossier.py`), built with this project's mkdocs.yml, whose periods are 2018 and
"2023 to 2025": the Lakeside Statement's issuers support it in 2018, two of them again in 2025, when the Xeno Movement and
the Ypsilon Union reject it; the Hostile Front's description of Signatory Party 4 is the one third party's description.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from .conftest import COLOUR_RULES, serious_violations
from .test_browser_matrix import rows

pytestmark = pytest.mark.browser


def row_texts(page: Page) -> list[str]:
    """Each shown row's text without its bloc label (blocs are the subject of the agreement tests)."""
    return [re.sub(r" bloc \d+", "", " ".join(text.split())) for text in rows(page).all_inner_texts()]


def axe_in_both_schemes(page: Page) -> None:
    """axe-core in the light scheme, then in the dark one as a reader switches to it, then back (only the colour rules can change)."""
    assert serious_violations(page) == [], "light"
    page.get_by_title("Switch to dark mode").evaluate("label => document.getElementById(label.htmlFor).click()")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert serious_violations(page, COLOUR_RULES) == [], "dark"
    page.get_by_title("Switch to light mode").evaluate("label => document.getElementById(label.htmlFor).click()")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")


def test_the_period_filter_recounts_each_cell_from_its_claims_and_says_so(new_page: Callable[..., Page], communique_url: str) -> None:
    page = new_page()
    page.goto(communique_url + "matrix/instruments/")
    assert row_texts(page) == ["Signatory Party 1 +2", "Signatory Party 2 +2", "Xeno Movement −1", "Ypsilon Union −1", "Signatory Party 3 +1"]
    period = page.get_by_role("combobox", name=re.compile("^Period"))
    period.focus()
    page.keyboard.press("ArrowDown")
    expect(period).to_have_value("0")
    expect(rows(page)).to_have_count(3)
    assert row_texts(page) == ["Signatory Party 1 +1", "Signatory Party 2 +1", "Signatory Party 3 +1"]
    expect(page.get_by_role("row", name="Signatory Party 1").locator("td a")).to_have_accessible_name("+1: supports, 1 claim, first-hand, in 2018")
    expect(page.locator(".mx-status")).to_have_text("2018: Showing 3 of 5 actors on this page.")
    axe_in_both_schemes(page)
    period.focus()
    page.keyboard.press("ArrowDown")
    expect(period).to_have_value("1")
    assert row_texts(page) == ["Signatory Party 1 +1", "Signatory Party 2 +1", "Xeno Movement −1", "Ypsilon Union −1"]
    page.keyboard.press("Home")
    expect(rows(page)).to_have_count(5)
    expect(page.locator(".mx-status")).to_have_text("")


def test_the_basis_filter_and_the_period_filter_together(new_page: Callable[..., Page], communique_url: str) -> None:
    page = new_page()
    page.goto(communique_url + "matrix/governance/")
    fourth = page.get_by_role("row", name="Signatory Party 4")
    expect(fourth.locator("td a")).to_have_accessible_name("−1d: opposes, 1 claim, according to Hostile Front")
    page.get_by_role("combobox", name=re.compile("^Period")).select_option("1")
    expect(fourth.locator("td a")).to_have_accessible_name("−1d: opposes, 1 claim, according to Hostile Front, in 2023 to 2025")
    page.get_by_label("First-hand claims only").focus()
    page.keyboard.press("Space")
    expect(fourth).to_be_hidden()
    expect(rows(page)).to_have_count(4)
    axe_in_both_schemes(page)
    page.get_by_role("combobox", name=re.compile("^Period")).select_option("0")
    expect(rows(page)).to_have_count(0)
    expect(page.locator(".mx-status")).to_have_text("2018: Showing 0 of 5 actors on this page.")


def test_without_javascript_each_theme_page_leads_to_its_period(new_page: Callable[..., Page], communique_url: str) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(communique_url + "matrix/instruments/")
    expect(page.locator(".matrix-controls")).to_be_hidden()
    by_period = page.get_by_role("navigation", name="Matrix by period")
    by_period.get_by_role("link", name="2018", exact=True).click()
    page.wait_for_url("**/matrix/period-2018/instruments/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stance matrix, 2018: statements and instruments")
    expect(page.locator(".mx-period-note")).to_contain_text("Limited to 2018 (2018-01-01 to 2018-12-31).")
    assert row_texts(page) == ["Signatory Party 1 +1", "Signatory Party 2 +1", "Signatory Party 3 +1"]
    expect(by_period.locator('[aria-current="true"]')).to_have_text("2018")
    by_period.get_by_role("link", name="all positions").click()
    page.wait_for_url("**/matrix/instruments/")
    expect(rows(page)).to_have_count(5)


def test_a_period_page_of_the_matrix_is_clean(new_page: Callable[..., Page], communique_url: str) -> None:
    page = new_page()
    page.goto(communique_url + "matrix/period-2023-to-2025/governance/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stance matrix, 2023 to 2025: governance")
    expect(page.locator(".matrix-controls")).to_be_visible()
    axe_in_both_schemes(page)


def test_the_network_of_a_period_from_the_keyboard_opens_each_ties_evidence(new_page: Callable[..., Page], communique_url: str) -> None:
    page = new_page()
    page.goto(communique_url + "network/")
    nav = page.get_by_role("navigation", name="Network by period")
    expect(nav.locator('[aria-current="page"]')).to_have_text("all, added up period by period")
    nav.get_by_role("link", name="2023 to 2025").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/network/period-2023-to-2025/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Network in 2023 to 2025")
    expect(page.locator("figure svg")).to_be_visible()
    axe_in_both_schemes(page)
    tie = page.locator(".graph-list li li", has_text="with Xeno Movement: opposite stances").first
    expect(tie).to_contain_text("heaviest of 2 topics: A federal system")
    tie.get_by_role("link", name="Xeno Movement").last.click()
    page.wait_for_url("**/actors/xeno/#demand-federal")
    page.goto(communique_url + "network/period-2018/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Network in 2018")
    expect(page.locator(".graph-list")).not_to_contain_text("Xeno Movement")
    axe_in_both_schemes(page)
