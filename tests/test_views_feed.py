"""The Atom feed of sources: valid for a feed reader, newest first, absolute links, and no invented date."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest

from build_scripts.index import Index
from build_scripts.pages import Site
from build_scripts.pipeline import check
from build_scripts.views import feed

CASES = Path(__file__).parent / "data" / "views" / "citations" / "sources"
SITE = Site(site_url="https://dossier.example/", built="2026-11-02T09:30:00Z")
NEWEST_FIRST = ["dated-news-report", "partial-date-report", "approximate-press-release", "arabic-interview", "hostile-title", "undated-statement"]
"""The synthetic dossier's dates: 2024-06-15, 2024-06, c. 2024, 2023-12-01, then the two undated sources by id."""


@pytest.fixture(scope="module")
def index() -> Index:
    return check(CASES)


def _parse(index: Index, site: Site = SITE) -> feedparser.FeedParserDict:
    data = feed.compute(index, site)
    assert data.xml is not None
    return feedparser.parse(data.xml)


def test_the_feed_is_valid_atom_with_entries_newest_first(index: Index) -> None:
    parsed = _parse(index)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [entry.link.rsplit("/", 2)[-2] for entry in parsed.entries] == NEWEST_FIRST
    assert parsed.feed.title == "Syria political process dossier: sources"
    assert parsed.feed.subtitle == "Sources of the dossier by date, newest first: all 6 sources. Undated sources come last."


def test_links_and_ids_are_absolute_and_stable(index: Index) -> None:
    parsed = _parse(index)
    assert parsed.feed.id == "https://dossier.example/feed.xml"
    assert {link.rel: link.href for link in parsed.feed.links} == {"self": "https://dossier.example/feed.xml", "alternate": "https://dossier.example/sources/"}
    for doc_id, entry in zip(NEWEST_FIRST, parsed.entries, strict=True):
        assert entry.link == entry.id == f"https://dossier.example/sources/{doc_id}/"


def test_no_date_is_invented(index: Index) -> None:
    parsed = _parse(index)
    # `updated` is the dossier's last change, for the feed and each entry alike.
    assert parsed.feed.updated == "2026-11-02T09:30:00Z"
    assert {entry.updated for entry in parsed.entries} == {"2026-11-02T09:30:00Z"}
    # `published` only for an exact day; every other date stays at its precision, in words.
    published = {entry.link.rsplit("/", 2)[-2]: entry.get("published") for entry in parsed.entries}
    assert published == {
        "dated-news-report": "2024-06-15T00:00:00Z",
        "partial-date-report": None,
        "approximate-press-release": None,
        "arabic-interview": "2023-12-01T00:00:00Z",
        "hostile-title": None,
        "undated-statement": None,
    }
    dates = [re.search(r"^Date: (.*)\.$", entry.content[0].value, re.M).group(1) for entry in parsed.entries]  # type: ignore[union-attr]
    assert dates == ["15 June 2024", "June 2024", "c. 2024", "1 December 2023", "date not given", "date not given"]


def test_without_a_build_time_the_fallback_is_fixed(index: Index) -> None:
    parsed = _parse(index, Site(site_url="https://dossier.example/"))
    assert parsed.feed.updated == feed.UNKNOWN_TIME == "1970-01-01T00:00:00Z"


def test_entries_say_who_issued_and_published_the_source_and_its_language(index: Index) -> None:
    entries = {entry.link.rsplit("/", 2)[-2]: entry for entry in _parse(index).entries}
    statement = entries["undated-statement"].content[0].value
    assert "Issuer: Synthetic Council.\nPublisher: Synthetic Council.\nLanguage: English." in statement
    report = entries["partial-date-report"].content[0].value
    assert "Issuer: none (the publisher's own report).\nPublisher: not given." in report
    assert entries["arabic-interview"].content[0].language == "ar"
    assert entries["arabic-interview"].title == "هل تنجح المحادثات؟"


def test_titles_are_escaped_text(index: Index) -> None:
    data = feed.compute(index, SITE)
    assert data.xml is not None and "<script>" not in data.xml and "Talks &lt;script&gt;alert(1)&lt;/script&gt;" in data.xml
    entry = next(e for e in feedparser.parse(data.xml).entries if e.link.endswith("/hostile-title/"))
    assert entry.title_detail.type == "text/plain"


def test_the_feed_is_capped_and_says_so(index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feed, "LIMIT", 2)
    parsed = _parse(index)
    assert [entry.link.rsplit("/", 2)[-2] for entry in parsed.entries] == NEWEST_FIRST[:2]
    assert "the 2 newest of 6 sources" in parsed.feed.subtitle


def test_no_site_address_no_feed(index: Index) -> None:
    data = feed.compute(index, Site())
    assert data.xml is None and feed.downloads(data, index) == []


def test_the_feed_is_deterministic(index: Index) -> None:
    assert feed.compute(index, SITE).xml == feed.compute(index, SITE).xml


def test_the_built_site_has_the_feed_and_every_page_links_to_it(bundled_site: Path) -> None:
    parsed = feedparser.parse((bundled_site / "feed.xml").read_bytes())
    assert not parsed.bozo and len(parsed.entries) == len(list((Path(__file__).parent.parent / "sources" / "documents").glob("*.md")))
    assert all(entry.link.startswith(("http://", "https://")) for entry in parsed.entries)
    for page in ("index.html", "sources/kassioun-editorial-846/index.html", "actors/snc/index.html", "matrix/index.html"):
        head = (bundled_site / page).read_text(encoding="utf-8").split("</head>")[0]
        link = re.search(r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head)
        assert link, page
        assert (bundled_site / page).parent.joinpath(link.group(1)).resolve() == (bundled_site / "feed.xml").resolve()
