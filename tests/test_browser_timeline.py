"""Browser tests of the timeline: its filters by actor and theme, with the keyboard, in Chromium over the bundled site."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

SHOWN_ROWS = "rows => rows.filter(row => row.getClientRects().length > 0).map(row => [row.dataset.actors, row.dataset.themes])"
"""The actors and themes of the rows a reader can see."""


def shown(page: Page) -> list[list[str]]:
    return [[actors.split(), themes.split()] for actors, themes in page.locator("tr[data-kind]").evaluate_all(SHOWN_ROWS)]


def test_actor_and_theme_filters_work_with_the_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url + "timeline/2024/")
    expect(page.get_by_role("group", name="Filter the events on this page")).to_be_visible()
    rows = page.locator("tr[data-kind]")
    total = rows.count()
    before = shown(page)
    assert len(before) == total > 10
    assert any("soc" not in actors for actors, _ in before), "rows of other actors are shown before filtering"

    actor = page.get_by_label("Actor", exact=True)
    actor.focus()
    page.keyboard.type("Syrian Opposition")
    expect(actor).to_have_value("soc")
    expect(page.locator("tr[data-kind]:not([data-actors~='soc'])").first).to_be_hidden()
    after = shown(page)
    assert after and all("soc" in actors for actors, _ in after)
    assert len(after) < total
    expect(page.locator(".tl-status")).to_have_text(f"Showing {len(after)} of {total} events on this page.")

    page.keyboard.press("Tab")
    theme = page.get_by_label("Theme", exact=True)
    expect(theme).to_be_focused()
    page.keyboard.press("ArrowDown")
    chosen = theme.input_value()
    assert chosen
    expect(page.locator(f"tr[data-kind]:not([data-themes~='{chosen}'])").first).to_be_hidden()
    both = shown(page)
    assert both and all("soc" in actors and chosen in themes for actors, themes in both)
    assert len(both) < len(after)
    assert page.url.endswith(f"?actor=soc&theme={chosen}"), "the address keeps the filters, to share or reload"

    for _ in range(3):  # demand, kind, then the reset button
        page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Show all")).to_be_focused()
    page.keyboard.press("Enter")
    expect(actor).to_have_value("")
    expect(rows.last).to_be_visible()
    assert len(shown(page)) == total


def test_an_actor_page_opens_its_timeline_filtered_and_the_filter_follows_the_pages(page: Page, site_url: str) -> None:
    page.goto(site_url + "actors/snc/")
    page.locator(".tl-pages a").first.click()
    page.wait_for_url("**/timeline/**?actor=snc")
    expect(page.get_by_label("Actor", exact=True)).to_have_value("snc")
    expect(page.locator("tr[data-kind]:not([data-actors~='snc'])").first).to_be_hidden()
    assert shown(page) and all("snc" in actors for actors, _ in shown(page))
    following = page.locator(".tl-pager a[rel]").first
    expect(following).to_have_attribute("href", re.compile(r"\?actor=snc$"))


def test_without_javascript_every_event_is_shown_and_no_control_is_dead(new_page: Callable[..., Page], site_url: str) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(site_url + "timeline/2024/")
    rows = page.locator("tr[data-kind]")
    expect(rows.first).to_be_visible()
    assert len(shown(page)) == rows.count() > 10
    expect(page.locator(".tl-filters")).to_be_hidden()
