"""The page of position changes in Chromium, over the SYNTHETIC dossier of tests/test_views_histories.py built with MkDocs.

A change shows its earlier and later positions side by side at desktop width, each passage link lands on the passage
in its source, an actor page's change opens both positions, and the pages are axe-clean.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from .conftest import DATA, built_here, serious_violations, serve

pytestmark = pytest.mark.browser

SOURCES = DATA / "views" / "shifts" / "sources"
REVERSAL = "#shift--turner--ceasefire--t2-report"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("shifts") / "site"
    built_here(SOURCES, site)
    with serve(site) as url:
        yield url


def test_the_shifts_page_shows_both_passages_side_by_side_and_each_opens_its_source(reader: Page, site_url: str) -> None:
    page = reader
    page.goto(site_url + "shifts/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Position changes")
    change = page.locator(REVERSAL)
    expect(change.get_by_role("heading", level=2)).to_have_text("Turning Council on A nationwide ceasefire: reversed")
    earlier, later = change.locator(".shift__side").nth(0), change.locator(".shift__side").nth(1)
    expect(earlier.locator("blockquote.evidence")).to_have_text("The Turning Council backs a nationwide ceasefire now")
    expect(later.locator("blockquote.evidence")).to_have_text("the Turning Council now rejects the ceasefire it once backed")
    left, right = earlier.bounding_box(), later.bounding_box()
    assert left and right
    assert left["x"] + left["width"] <= right["x"] and abs(left["y"] - right["y"]) < 1, "side by side: the earlier on the left, tops aligned"

    assert serious_violations(page) == []

    later.get_by_role("link", name="Passage in Council turns against the truce").click()
    page.wait_for_url("**/sources/t2-report/#ev-turner-ceasefire")
    passage = page.locator("#ev-turner-ceasefire")
    expect(passage).to_contain_text("the Turning Council now rejects the ceasefire it once backed")
    expect(passage).to_be_in_viewport()


def test_an_actor_page_lists_its_changes_each_opening_both_positions_and_is_axe_clean(reader: Page, site_url: str) -> None:
    page = reader
    page.goto(site_url + "actors/turner/")
    history = page.locator("details#history--ceasefire")
    expect(history.locator(".shift__side")).to_have_count(3)
    expect(history.locator(".shift__side").first).not_to_be_visible()
    history.locator("summary").click()
    earlier, later = history.locator(".shift__side").nth(0), history.locator(".shift__side").nth(1)
    expect(later.locator("blockquote.evidence")).to_have_text("the Turning Council now rejects the ceasefire it once backed")
    left, right = earlier.bounding_box(), later.bounding_box()
    assert left and right and left["x"] + left["width"] <= right["x"] and abs(left["y"] - right["y"]) < 1, "opened, its points side by side"
    changes = history.locator("p.hint > a")
    expect(changes).to_have_text(["softened (to a conditional position)", "reversed"])
    assert serious_violations(page) == []
    changes.nth(1).click()
    page.wait_for_url("**/shifts/" + REVERSAL)
    expect(page.locator(REVERSAL + " .shift__side")).to_have_count(2)
    expect(page.locator(REVERSAL)).to_be_in_viewport()
