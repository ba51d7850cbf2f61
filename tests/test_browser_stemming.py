"""English word forms in search, in Chromium: stem.js stems as the build does, and a name's other forms find its page.

stem.js is checked against the build's stemmer (snowballstemmer's Porter) on the golden cases,
on every word of the bundled sources and on a synthetic list of stems and endings written for
this test; then a reader's query in another word form finds the page of the thing named.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from build_scripts.search import search_term, terms

from .conftest import ROOT

pytestmark = pytest.mark.browser
CASES = yaml.safe_load((Path(__file__).parent / "cases" / "search" / "stem.yaml").read_text(encoding="utf-8"))["cases"]
SYNTHETIC_STEMS = ["negoti", "commiss", "nation", "hop", "fil", "agre", "happ", "cry", "car", "rel", "cond", "digit", "feed", "sizz", "gener", "by", "ay"]
SYNTHETIC_ENDINGS = ["", "s", "es", "ies", "ied", "ing", "ingly", "ed", "edly", "eed", "ational", "tional", "ization", "ation", "ator", "alism"]
SYNTHETIC_ENDINGS += ["aliti", "iviti", "biliti", "entli", "ousli", "eli", "alli", "abli", "enci", "anci", "izer", "alize", "icate", "iciti", "ical"]
SYNTHETIC_ENDINGS += ["ative", "ful", "ness", "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "sion", "tion"]
SYNTHETIC_ENDINGS += ["ou", "ism", "ate", "iti", "ous", "ive", "ize", "e", "le", "ll", "y", "ly", "iness", "fulness", "iveness", "ousness"]


def synthetic_words() -> list[str]:
    """Every synthetic stem with every ending, and random strings of letters (seeded): the algorithm's corners."""
    rng = random.Random(2254)
    made = {a + b for a, b in itertools.product(SYNTHETIC_STEMS, SYNTHETIC_ENDINGS)}
    made |= {"".join(rng.choice("aeiouybcdglmnrstwxz") for _ in range(rng.randint(3, 12))) for _ in range(5000)}
    return sorted(made)


def bundled_words() -> list[str]:
    """Every folded word of the bundled sources' files."""
    found: set[str] = set()
    for path in sorted((ROOT / "sources").rglob("*.md")):
        found.update(terms(path.read_text(encoding="utf-8")))
    return sorted(found)


def stems_in_browser(page: Page, site_url: str, words: list[str]) -> list[str]:
    page.goto(site_url)
    page.add_script_tag(url=site_url + "javascripts/search/stem.js")
    return list(page.evaluate("words => words.map(w => self.dossierStem.searchTerm(w))", words))


def test_the_browser_stems_the_golden_cases_as_the_build_does(page: Page, site_url: str) -> None:
    assert stems_in_browser(page, site_url, [c["word"] for c in CASES]) == [c["term"] for c in CASES]


@pytest.mark.parametrize("words", [bundled_words, synthetic_words], ids=["bundled", "synthetic"])
def test_the_browser_stems_every_word_as_the_build_does(page: Page, site_url: str, words: object) -> None:
    listed = words() if callable(words) else []
    assert len(listed) > 1000, "enough words to cover the algorithm's corners"
    got = stems_in_browser(page, site_url, listed)
    differ = [(word, expected, found) for word, expected, found in zip(listed, map(search_term, listed), got, strict=True) if expected != found]
    assert not differ, differ[:20]


def search(page: Page, url: str, query: str) -> None:
    page.goto(url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=20)


@pytest.mark.parametrize("query", ["Syrian Negotiation Commission", "negotiating commission", "Syrian Negotia"])
def test_another_word_form_of_a_name_finds_its_page_first(page: Page, site_url: str, query: str) -> None:
    """The name is "Syrian Negotiating Commission"; a reader's "Negotiation", or a word still being typed, finds it."""
    search(page, site_url, query)
    first = page.locator(".md-search-result__item > a").first
    expect(first).to_be_visible(timeout=15000)
    assert urlsplit(first.get_attribute("href") or "").path.endswith("/actors/snc/")
    expect(page.locator(".md-search-result__item mark").first).to_be_visible()
