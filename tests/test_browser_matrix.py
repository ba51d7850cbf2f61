"""The stance matrix in Chromium: filters and sorting from the keyboard, and a complete table with JavaScript off."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from build_scripts.index import Index
from build_scripts.views import stances

from .conftest import DATA, built_here, serious_violations, serve

pytestmark = pytest.mark.browser

CASE = DATA / "views" / "agreement" / "blocs-and-rivals" / "sources"


@pytest.fixture(scope="module")
def case_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hand-made dossier of the golden tests, built with MkDocs: its cells are known claim by claim."""
    site = tmp_path_factory.mktemp("matrix-case") / "site"
    built_here(CASE, site)
    with serve(site) as url:
        yield url


def rows(page: Page) -> Locator:
    return page.locator("table.matrix tbody tr:not([hidden])")


def row_texts(page: Page) -> list[str]:
    return [" ".join(text.split()) for text in rows(page).all_inner_texts()]


def test_filters_and_sorting_work_from_the_keyboard(reader: Page, case_url: str) -> None:
    page = reader
    page.goto(case_url + "matrix/governance/")
    controls = page.locator(".matrix-controls")
    expect(controls).to_be_visible()
    # Seriation: bloc 1 (Alpha, Beta), then bloc 2 (Gamma, Delta); Delta's claims on elections differ; Gamma's is only reported (r).
    assert row_texts(page) == ["Alpha Front bloc 1 +1", "Beta Party bloc 1 +1", "Gamma State bloc 2 −1r", "Delta State bloc 2 ±2"]

    # First-hand only: each cell is recounted from its claims; Gamma's only claim is reported, so its row goes.
    page.get_by_label("First-hand claims only").focus()
    page.keyboard.press("Space")
    expect(rows(page)).to_have_count(3)
    assert row_texts(page) == ["Alpha Front bloc 1 +1", "Beta Party bloc 1 +1", "Delta State bloc 2 −1"]
    expect(page.get_by_role("link", name="opposes, 1 claim")).to_be_visible()
    expect(page.locator(".mx-status")).to_have_text("Showing 3 of 4 actors on this page.")
    page.keyboard.press("Space")
    expect(rows(page)).to_have_count(4)

    # From 2024: Alpha's only claim (May 2023) is left out.
    page.get_by_label("From year").focus()
    page.keyboard.type("2024")
    expect(rows(page)).to_have_count(3)
    assert "Alpha Front" not in " ".join(row_texts(page))
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    expect(rows(page)).to_have_count(4)

    # Actor type: states only.
    page.get_by_label("Actor type").focus()
    page.keyboard.press("End")
    expect(page.get_by_label("Actor type")).to_have_value("state")
    assert row_texts(page) == ["Gamma State bloc 2 −1r", "Delta State bloc 2 ±2"]
    page.keyboard.press("Home")
    expect(rows(page)).to_have_count(4)

    # Sorting: by name, by activity (most claims shown first, then seriation), and back.
    sort = page.get_by_label("Order rows by")
    sort.focus()
    page.keyboard.press("End")
    expect(sort).to_have_value("name")
    assert [t.split(" bloc")[0] for t in row_texts(page)] == ["Alpha Front", "Beta Party", "Delta State", "Gamma State"]
    page.keyboard.press("ArrowUp")
    expect(sort).to_have_value("activity")
    assert row_texts(page)[0] == "Delta State bloc 2 ±2"
    page.keyboard.press("Home")
    expect(sort).to_have_value("order")
    assert row_texts(page)[0] == "Alpha Front bloc 1 +1"


def test_cells_open_the_actors_evidence_on_the_demand(reader: Page, case_url: str) -> None:
    page = reader
    page.goto(case_url + "matrix/humanitarian/")
    page.get_by_role("row", name="Gamma State").get_by_role("link", name="opposes, 2 claims").click()
    page.wait_for_url("**/actors/gamma/#demand-return")


def test_the_table_is_complete_without_javascript(new_page: Callable[..., Page], case_url: str) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(case_url + "matrix/humanitarian/")
    expect(page.locator(".matrix-controls")).to_be_hidden()
    expect(rows(page)).to_have_count(5)
    expect(page.locator("table.matrix tbody td")).to_have_count(10)
    assert row_texts(page) == [
        "Alpha Front bloc 1 +1",
        "Beta Party bloc 1 +1",
        "Epsilon Relief bloc 1 +1",
        "Gamma State bloc 2 +1r −2r",
        "Delta State bloc 2 −1",
    ]


def test_every_cell_of_the_bundled_matrix_is_there_without_javascript(new_page: Callable[..., Page], site_url: str, bundled_index: Index) -> None:
    cells = stances.cells(bundled_index)
    page = new_page(java_script_enabled=False)
    page.goto(site_url + "matrix/")
    themes = sorted(set(page.locator("table.mx-themes-table tbody a").evaluate_all("links => links.map(a => a.href)")))
    pages: set[str] = set()
    for theme in themes:  # a theme's first page lists the theme's other pages
        page.goto(theme)
        pages |= {theme, *page.locator("nav.mx-pages a").evaluate_all("links => links.map(a => a.href)")}
    shown = 0
    for address in sorted(pages):
        page.goto(address)
        shown += page.locator("table.matrix td a").count()
    assert themes and shown == len(cells)


def test_a_cells_accessible_name_holds_its_visible_text(reader: Page, case_url: str, site_url: str) -> None:
    """axe's label-in-name rule (experimental, so run by name): "if 1" is read as "if 1: conditional, 1 claim, first-hand", also once a filter recounts it."""
    page = reader
    page.goto(case_url + "matrix/humanitarian/")
    link = page.get_by_role("row", name="Gamma State").get_by_role("link", name="−2r: opposes, 2 claims, reported")
    expect(link).to_have_text("−2r")
    page.goto(site_url + "matrix/economy/")  # the bundled dossier: a conditional cell, whose visible "if" is no stance word
    expect(page.locator("td.mx--conditional a").first).to_be_visible()
    assert serious_violations(page, ["label-content-name-mismatch"]) == []
    page.get_by_label("First-hand claims only").check()
    expect(page.locator("table.matrix tbody tr:not([hidden])").first).to_be_visible()
    assert serious_violations(page, ["label-content-name-mismatch"]) == []


def test_a_cell_says_its_basis_and_the_filters_say_it_again(reader: Page, case_url: str) -> None:
    """The mark and the name of a cell's basis, "according to" a third party's description; recounted by the filters in the page's own words."""
    page = reader
    page.goto(case_url + "matrix/security/")
    epsilon = page.get_by_role("row", name="Epsilon Relief")
    described = epsilon.get_by_role("link", name="if\u00a01d: conditional, 1 claim, according to Synthetic Wire", exact=True)
    expect(described).to_have_text("if\u00a01d")
    served = {row: page.get_by_role("row", name=row).locator("td a").first.get_attribute("aria-label") for row in ("Beta Party", "Delta State")}
    page.get_by_label("First-hand claims only").check()
    expect(epsilon).to_be_hidden()
    page.get_by_label("First-hand claims only").uncheck()
    expect(described).to_be_visible()
    for row, label in served.items():
        assert page.get_by_role("row", name=row).locator("td a").first.get_attribute("aria-label") == label, "recounted in the same words"
    page.goto(case_url + "matrix/governance/")
    delta = page.get_by_role("row", name="Delta State")
    expect(delta.get_by_role("link", name="±2: mixed, 2 claims, 1 first-hand, 1 reported", exact=True)).to_be_visible()
    page.get_by_label("First-hand claims only").check()
    expect(delta.get_by_role("link", name="−1: opposes, 1 claim, first-hand", exact=True)).to_have_text("−1")


def test_an_empty_cell_is_named_no_position_found(reader: Page, case_url: str) -> None:
    """No position found is not a stance: an empty cell, named so for screen readers, never read as mixed."""
    page = reader
    page.goto(case_url + "matrix/humanitarian/")
    beta = page.get_by_role("row", name="Beta Party")
    expect(beta.get_by_role("cell", name="no position found", exact=True)).to_have_count(1)
    expect(page.get_by_role("row", name="Gamma State").get_by_role("cell", name="no position found")).to_have_count(0)
    page.goto(case_url + "matrix/governance/")
    delta = page.get_by_role("row", name="Delta State")  # both stances: mixed, a position found
    expect(delta.get_by_role("link", name="±2: mixed, 2 claims, 1 first-hand, 1 reported", exact=True)).to_be_visible()
    expect(delta.get_by_role("cell", name="no position found")).to_have_count(0)
