"""Browser tests: Debian's Chromium, driven by Playwright, over the built bundled site on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


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


def test_search_finds_the_coalition_by_its_alias(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.press_sequentially("National Coalition", delay=40)
    result = page.locator(".md-search-result__item a[href*='actors/soc/']").first
    expect(result).to_be_visible(timeout=15000)
    assert hosts(page) == {"127.0.0.1"}


def test_arabic_name_is_shown_right_to_left(page: Page, site_url: str) -> None:
    page.goto(site_url + "actors/stj/")
    arabic = page.locator("bdi[lang='ar']").first
    expect(arabic).to_be_visible()
    assert arabic.evaluate("el => getComputedStyle(el).direction") == "rtl"


@pytest.mark.parametrize(
    "path",
    [
        "",
        "actors/",
        "conferences/",
        "demands/",
        "sources/",
        "actors/snc/",
        "conferences/brussels-vii/",
        "demands/implement-unscr-2254/",
        "sources/kassioun-editorial-846/",
    ],
)
def test_no_request_leaves_the_machine(page: Page, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert hosts(page) == {"127.0.0.1"}
    expect(page.get_by_role("heading", level=1)).to_be_visible()


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
    "timeline": "timeline/",
    "timeline of a year": "timeline/2024/",
    "network": "network/",
    "briefings index": "briefings/",
    "briefing": "briefings/governance/",
    "methodology": "methodology/",
    "contributing": "contributing/",
    "not found": "404.html",
}
MATERIAL_STORAGE = ("__palette", "__search", "__tabs", "__consent", "__source", "__expand")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_accessibility_violations(new_page: Callable[..., Page], site_url: str, kind: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = new_page(color_scheme=scheme)
    page.goto(site_url + PAGE_TYPES[kind])
    page.wait_for_load_state("networkidle")
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_search_dialog_has_an_accessible_name_when_open(page: Page, site_url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url)
    page.keyboard.press("/")
    page.keyboard.type("Brussels", delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15000)
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []


def test_keyboard_only_reader_can_skip_to_content_and_search(page: Page, site_url: str) -> None:
    page.goto(site_url + "actors/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to content")
    page.keyboard.press("Enter")
    assert page.url.endswith("#top")
    expect(page.locator("#top")).to_be_in_viewport()
    page.wait_for_timeout(300)  # let the theme handle the hash change, which closes the search dialog
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("Bahra", delay=30)
    first = page.locator(".md-search-result__item a").first
    expect(first).to_be_visible(timeout=15000)
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching", timeout=15000)
    page.wait_for_timeout(500)  # results settle after the last key stroke
    page.keyboard.press("ArrowDown")
    focused = page.locator(":focus")
    expect(focused).to_have_class(re.compile("md-search-result__link"))
    target = urlsplit(str(focused.get_attribute("href"))).path
    assert "hadi-al-bahra" in target
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}**")


def test_no_cookies_and_only_the_themes_preferences_are_stored(page: Page, site_url: str) -> None:
    for path in PAGE_TYPES.values():
        page.goto(site_url + path)
    page.locator("form[data-md-component=palette] label").first.click()
    page.keyboard.press("/")
    page.keyboard.type("Coalition", delay=30)
    page.wait_for_timeout(500)
    assert page.context.cookies() == []
    local, session = page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage)]")
    assert [key for key in local + session if not key.endswith(MATERIAL_STORAGE)] == []
    assert hosts(page) == {"127.0.0.1"}


def test_search_finds_an_actor_by_its_arabic_name(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.keyboard.press("/")
    page.keyboard.type("التفاوض", delay=40)
    page.keyboard.press("End")  # Playwright types Arabic without key events; a reader's keyboard sends a keyup, as End does
    expect(page.locator(".md-search-result__item a[href*='actors/snc/']").first).to_be_visible(timeout=15000)


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


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_nothing_overflows_on_a_phone(new_page: Callable[..., Page], site_url: str, kind: str) -> None:
    """At 390 px wide, the page does not scroll sideways: long words wrap, and wide tables scroll in their own box."""
    page = new_page(viewport={"width": 390, "height": 844})
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
@pytest.mark.parametrize("path", ["briefings/governance/", "actors/soc/", "conferences/brussels-vii/", "sources/stj-supports-cssr-recommendations/"])
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
