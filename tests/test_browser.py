"""Browser tests: Debian's Chromium, driven by Playwright, over the built bundled site on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(bundled_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(bundled_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make chromium`"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.requested = []  # type: ignore[attr-defined]
    opened.on("request", lambda request: opened.requested.append(request.url))  # type: ignore[attr-defined]
    yield opened
    context.close()


def hosts(page: Page) -> set[str]:
    return {urlsplit(url).hostname or "" for url in page.requested if not url.startswith(("data:", "blob:"))}  # type: ignore[attr-defined]


def test_reader_goes_from_home_to_an_actor_to_the_evidence(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.get_by_role("link", name="Actors", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Actors")
    page.get_by_role("link", name="Syrian Opposition Coalition", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Syrian Opposition Coalition (SOC)")
    evidence = page.locator("#positions ~ ul.claims li.claim").first
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
