"""Translations in Chromium: beside the Arabic original, outside its quotation, read left to right, and accessible.

Built from `tests/data/arabic`, a synthetic dossier whose Arabic statement carries an English working title, an
evidence translation by the editors and a quote translation from a (synthetic) published translation.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import COLOUR_RULES, serious_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def page(reader: Page) -> Page:
    """The tests here only navigate, read and recolour the page: they share the module's page (see `reader`)."""
    return reader


EVIDENCE_EN = "We support applying resolution 9999 without delay"
QUOTE_EN = "We call on all parties to hold a dialogue, and we see STP as a partner in the solution"


def style(locator: Locator, prop: str) -> str:
    return locator.evaluate(f"el => getComputedStyle(el).getPropertyValue('{prop}')")


def original_before(translation: Locator) -> Locator:
    """The element just before a translation: its original's quotation."""
    return translation.locator("xpath=preceding-sibling::*[1]")


@pytest.mark.parametrize("path", ["actors/test-party/", "sources/arabic-statement/"])
@pytest.mark.parametrize("english", [EVIDENCE_EN, QUOTE_EN])
def test_a_translation_is_visible_left_to_right_after_its_right_to_left_original(page: Page, arabic_url: str, path: str, english: str) -> None:
    page.goto(arabic_url + path)
    translation = page.locator("p.translation", has_text=english)
    expect(translation).to_have_count(1)
    expect(translation).to_be_visible()
    assert style(translation, "direction") == "ltr"
    assert translation.get_attribute("lang") == "en"
    assert translation.evaluate("el => el.closest('blockquote, mark, [lang=ar]') === null")
    original = original_before(translation)
    assert original.evaluate("el => el.tagName") == "BLOCKQUOTE"
    assert style(original, "direction") == "rtl"
    assert english not in original.inner_text()
    translation_box, original_box = translation.bounding_box(), original.bounding_box()
    assert translation_box and original_box and translation_box["y"] >= original_box["y"] + original_box["height"] - 1  # below it, not over it


def test_the_translation_says_who_made_it(page: Page, arabic_url: str) -> None:
    page.goto(arabic_url + "actors/test-party/")
    expect(page.locator("p.translation", has_text=EVIDENCE_EN).locator(".translation__label")).to_have_text("Translation (the dossier's editors):")
    label = page.locator("p.translation", has_text=QUOTE_EN).locator(".translation__label")
    expect(label).to_have_text("Translation (published: Synthetic Test Outlet English edition):")
    expect(label.get_by_role("link", name="Synthetic Test Outlet English edition")).to_be_visible()


def test_the_english_working_title_is_under_the_original_title(page: Page, arabic_url: str) -> None:
    page.goto(arabic_url + "sources/arabic-statement/")
    heading = page.get_by_role("heading", level=1)
    working = page.locator("p.working-title")
    expect(working).to_have_text(
        "English working title: Synthetic statement of the Synthetic Test Party on resolution 9999 (translated by the dossier's editors)"
    )
    assert style(heading.locator("[lang=ar]"), "direction") == "rtl"
    assert style(working, "direction") == "ltr"
    heading_box, working_box = heading.bounding_box(), working.bounding_box()
    assert heading_box and working_box and working_box["y"] >= heading_box["y"] + heading_box["height"] - 1


@pytest.mark.parametrize("path", ["actors/test-party/", "sources/arabic-statement/"])
def test_no_serious_accessibility_violations_with_translations(page: Page, arabic_url: str, path: str) -> None:
    """In the light scheme, then in the dark one (only the colour rules can change: the page is the same)."""
    page.goto(arabic_url + path)
    expect(page.locator("p.translation").first).to_be_visible()
    for scheme in ("default", "slate"):
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        dark = page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
        assert dark == (scheme == "slate")
        assert serious_violations(page, None if scheme == "default" else COLOUR_RULES) == [], scheme
