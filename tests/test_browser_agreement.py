"""The agreement pages in Chromium: the period and basis controls from the keyboard, with axe clean on every page they lead to.

The dossier is synthetic (`communique_dossier.py`), built with this project's mkdocs.yml, whose periods are 2018 and
"2023 to 2025": the 2019 communiqué lies in neither, so the main page counts its positions as left out.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .conftest import serious_violations

pytestmark = pytest.mark.browser


def follow(page: Page, name: str) -> None:
    """Move to a control's link with the keyboard, as a reader without a mouse does, and open it."""
    link = page.get_by_role("navigation", name="Scope of the figures").get_by_role("link", name=name, exact=True)
    link.focus()
    page.keyboard.press("Enter")


def test_period_and_basis_controls_lead_to_their_figures_and_axe_is_clean(reader: Page, communique_url: str) -> None:
    page = reader
    page.goto(communique_url + "agreement/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agreement and conflict")
    controls = page.get_by_role("navigation", name="Scope of the figures")
    expect(controls.locator('[aria-current="page"]')).to_have_text(["first-hand and reported positions", "all, compared period by period"])
    expect(page.locator(".dossier-agreement")).to_contain_text("left out of agreement and blocs")
    assert serious_violations(page) == []

    follow(page, "2023 to 2025")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agreement and conflict in 2023 to 2025")
    expect(page.locator(".ag-bloc")).to_have_count(2)
    expect(page.locator("#bloc-2023-to-2025-2")).to_contain_text("Xeno Movement")
    expect(controls.locator('[aria-current="page"]')).to_have_text("2023 to 2025")
    assert serious_violations(page) == []

    follow(page, "third parties' descriptions too")  # the same period, counted with descriptions
    expect(page.get_by_role("heading", level=1)).to_have_text("Agreement and conflict in 2023 to 2025, third parties' descriptions counted")
    expect(controls.locator('[aria-current="true"]')).to_have_text("third parties' descriptions too")
    expect(controls.locator('[aria-current="page"]')).to_have_text("2023 to 2025")
    assert serious_violations(page) == []

    follow(page, "all, compared period by period")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agreement and conflict, third parties' descriptions counted")
    expect(page.locator(".dossier-agreement")).to_contain_text("This edition counts third parties' descriptions")
    # The Hostile Front's account of Signatory Party 4 now counts: a third actor opposes a federal system.
    expect(page.locator(".ag-contested-list")).to_contain_text("3 opposing")
    assert serious_violations(page) == []

    follow(page, "first-hand and reported positions")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agreement and conflict")
    expect(page.locator(".ag-contested-list")).not_to_contain_text("3 opposing")
