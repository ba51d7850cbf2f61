"""Browser tests: Debian's Chromium, driven by Playwright, over the built bundled site on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import COLOUR_RULES, recording, serious_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def page(reader: Page) -> Page:
    """The tests here only navigate, read, click and type: they share the module's page (see `reader`)."""
    return reader


def hosts(page: Page) -> set[str]:
    return {urlsplit(url).hostname or "" for url in page.requested if not url.startswith(("data:", "blob:"))}  # type: ignore[attr-defined]


def test_reader_goes_from_home_to_an_actor_to_the_evidence(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.get_by_role("link", name="Actors", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actors")
    page.get_by_role("link", name="Syrian Opposition Coalition", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Syrian Opposition Coalition (SOC)")
    # Its positions, or, when they have pages of their own, the evidence at a glance beside the links to them.
    evidence = page.locator("#positions ~ section.claim-group li.claim, #positions ~ ul.claims li.claim").first
    quoted = evidence.locator("blockquote.evidence").inner_text()
    evidence.get_by_role("link", name="passage in").click()
    page.wait_for_url("**/sources/**#ev-*")
    anchor = urlsplit(page.url).fragment
    target = page.locator(f"[id='{anchor}']")
    expect(target).to_be_in_viewport()
    assert target.evaluate("el => el.tagName") == "MARK"
    assert target.evaluate("el => el.matches(':target') && el.classList.contains('passage')")
    marked = page.locator(f"mark[data-passages~='{anchor}']").all_inner_texts()
    assert " ".join("".join(marked).split()) == " ".join(quoted.split())
    assert hosts(page) == {"127.0.0.1"}


def test_arabic_name_is_shown_right_to_left(page: Page, site_url: str) -> None:
    page.goto(site_url + "actors/stj/")
    arabic = page.locator("bdi[lang='ar']").first
    expect(arabic).to_be_visible()
    assert arabic.evaluate("el => getComputedStyle(el).direction") == "rtl"


PAGE_TYPES = {
    "home": "",
    "actors index": "actors/",
    "conferences index": "conferences/",
    "demands index": "demands/",
    "sources index": "sources/",
    "actor": "actors/soc/",
    "person": "actors/hadi-al-bahra/",
    "conference": "conferences/brussels-vii/",
    "series": "conferences/brussels-conferences/",
    "demand": "demands/decentralisation/",
    "instruments index": "instruments/",
    "instrument": "instruments/unscr-2254/",
    "speaker": "actors/bahjat-hajar/",
    "source": "sources/stj-supports-cssr-recommendations/",
    "stance matrix": "matrix/",
    "stance matrix of a theme": "matrix/governance/",
    "agreement": "agreement/",
    "contested demands": "agreement/contested/",
    "blocs": "agreement/blocs/",
    "contested demands, descriptions counted": "agreement/with-descriptions/contested/",
    "a period's contested demands, descriptions counted": "agreement/with-descriptions/period-2023-to-2025/contested/",
    "timeline": "timeline/",
    "timeline of a year": "timeline/2024/",
    "network": "network/",
    "briefings index": "briefings/",
    "briefing": "briefings/governance/",
    "methodology": "methodology/",
    "contributing": "contributing/",
    "reproducing the figures": "reproducing/",
    "not found": "404.html",
}
MATERIAL_STORAGE = ("__palette", "__search", "__tabs", "__consent", "__source", "__expand")


def assert_no_cookies_and_only_the_themes_storage(page: Page) -> None:
    assert page.context.cookies() == []
    local, session = page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]")
    assert [key for key in local + session if not key.endswith(MATERIAL_STORAGE)] == []


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_accessibility_violations_in_either_scheme_and_nothing_leaves_the_machine(page: Page, site_url: str, kind: str) -> None:
    """axe-core in the light scheme, then in the dark one as a reader switches to it (only the colour rules can change: the page is
    the same); once the page has made every request it makes by itself, none went to another host, and it set no cookie and
    stored nothing but the theme's preferences (the scheme just chosen)."""
    page.goto(site_url + PAGE_TYPES[kind])
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    assert serious_violations(page) == [], "light"
    # The theme's own switch, chosen without a pointer over it (whose tooltip the light-scheme page never shows)
    page.get_by_title("Switch to dark mode").evaluate("label => document.getElementById(label.htmlFor).click()")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    assert serious_violations(page, COLOUR_RULES) == [], "dark"
    page.wait_for_load_state("networkidle")  # every request the page makes by itself (scripts, fonts, the search worker) was made
    assert hosts(page) == {"127.0.0.1"}
    assert_no_cookies_and_only_the_themes_storage(page)


def test_search_dialog_has_an_accessible_name_when_open(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.keyboard.press("/")
    page.keyboard.type("Brussels", delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
    assert [rule for rule, _ in serious_violations(page)] == []
    assert_no_cookies_and_only_the_themes_storage(page)  # after a search too, with whatever it stores


def test_keyboard_only_reader_can_skip_to_content_and_search(page: Page, site_url: str) -> None:
    page.goto(site_url + "actors/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to content")
    # The theme handles a new hash a moment later (debounced), closing the drawer and the search dialog together: the drawer's
    # toggle, set here (no effect at this width), tells when it has, so that the search opened next is not closed under us.
    page.evaluate("document.getElementById('__drawer').checked = true")
    page.keyboard.press("Enter")
    expect(page.locator("#__drawer")).not_to_be_checked()
    assert page.url.endswith("#top")
    expect(page.locator("#top")).to_be_in_viewport()
    page.keyboard.press("/")
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator("input.md-search__input")).to_be_focused()
    # The word arrives at once (as a paste or an input method does), then a key is released: one query, so the results shown
    # are the final ones when the arrow key moves into them (typed letter by letter, a late result for "Bahr" can replace them).
    page.keyboard.insert_text("Bahra")
    page.keyboard.press("End")
    first = page.locator(".md-search-result__item a").first
    expect(first).to_have_attribute("href", re.compile("hadi-al-bahra"), timeout=15000)
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching", timeout=15000)
    expect(page.locator("#__search")).to_be_checked()
    page.keyboard.press("ArrowDown")
    focused = page.locator(":focus")
    expect(focused).to_have_class(re.compile("md-search-result__link"))
    target = urlsplit(str(focused.get_attribute("href"))).path
    assert "hadi-al-bahra" in target
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}**")


def test_first_hand_filter_hides_second_hand_positions_from_the_keyboard(page: Page, site_url: str) -> None:
    """The checkbox works without JavaScript (CSS :has) and with the keyboard; first-hand positions stay."""
    page.goto(site_url + "demands/implement-unscr-2254/")
    second_hand = page.locator("li.claim--secondhand")
    first_hand = page.locator("li.claim:not(.claim--secondhand)")
    expect(second_hand.first).to_be_visible()
    assert second_hand.count() > 0 and first_hand.count() > 0
    page.locator(".first-hand-toggle").focus()
    page.keyboard.press("Space")
    expect(page.locator(".first-hand-toggle")).to_be_checked()
    expect(second_hand.first).to_be_hidden()
    for i in range(second_hand.count()):
        expect(second_hand.nth(i)).to_be_hidden()
    expect(page.locator("tr.claim--secondhand").first).to_be_hidden()
    for i in range(first_hand.count()):
        expect(first_hand.nth(i)).to_be_visible()


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:
    """One page at a phone's width, shared by the overflow checks: they only read layout, and each loads its page."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield recording(context.new_page())
    context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_nothing_overflows_on_a_phone(phone: Page, site_url: str, kind: str) -> None:
    """At 390 px wide, the page does not scroll sideways: long words wrap, and wide tables scroll in their own box."""
    page = phone
    page.goto(site_url + PAGE_TYPES[kind])
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{kind}: the page is {width} px wide"
    wider = page.evaluate(
        """() => [...document.querySelectorAll('.md-content *')]
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.md-typeset__scrollwrap'))
            .map(el => el.tagName + '.' + el.className).slice(0, 5)"""
    )
    assert wider == [], kind


# The STJ source's text links to the organisation's own site: an outside link to print as an address.
@pytest.mark.parametrize(
    "path", ["briefings/governance/", "actors/soc/", "conferences/brussels-vii-ministerial-meeting/", "sources/stj-supports-cssr-recommendations/"]
)
def test_print_hides_the_navigation_and_keeps_stance_tables(page: Page, site_url: str, path: str) -> None:
    """Printed, any page is a clean briefing: no header, tabs or sidebars; stances kept; outside links printed as addresses."""
    page.goto(site_url + path)
    header = page.locator(".md-header")
    expect(header).to_be_visible()
    page.emulate_media(media="print")
    expect(header).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".md-tabs")).to_be_hidden()
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    if not path.startswith("sources/"):
        expect(page.locator(".stance").first).to_be_visible()
    if path.startswith("sources/"):
        address = page.locator("article a[href^='http']").first
        assert address.evaluate("el => getComputedStyle(el, '::after').content").startswith('" <http')
