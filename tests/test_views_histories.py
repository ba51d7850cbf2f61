"""Position changes as readers see them (views/histories.py): actor pages, the shifts pages and the feed, on a synthetic dossier.

`tests/data/views/shifts/sources` is synthetic, written for these tests (README.md beside it says what each actor does):
the Turning Council reverses then softens; the Bound Party's position known only as "by June 2023" is unordered
against January 2023 and softens by November 2023; the Vague Movement's year-only and dated positions of one
year are unordered; the Steady Front is consistent twice; the Lone Committee has one position; the Mixed
Assembly's second document gives both sides.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import feedparser  # type: ignore[import-untyped]
import pytest
from markupsafe import escape

from build_scripts.analysis import histories as analysis_histories
from build_scripts.exports.sink import collect
from build_scripts.index import Index
from build_scripts.pages import GeneratedPage, Site
from build_scripts.pipeline import check, compute, render, write_downloads
from build_scripts.views import Views, histories, paging

SOURCES = Path(__file__).parent / "data" / "views" / "shifts" / "sources"
SITE = Site(site_url="https://dossier.example/", built="2026-11-02T09:30:00Z")
NEWEST_FIRST = ["shift--bound--elections--b-late", "shift--turner--ceasefire--t3-statement", "shift--turner--ceasefire--t2-report"]
"""The three changes by the later position's date: November 2023, May 2022, 4 March 2021."""


@pytest.fixture(scope="module")
def index() -> Index:
    return check(SOURCES)


@pytest.fixture(scope="module")
def built(index: Index) -> tuple[Views, dict[str, GeneratedPage]]:
    views = compute(index, SITE)
    return views, {page.path: page for page in render(index, views, SITE).pages}


class Sections(HTMLParser):
    """The change sections of a page (`<section class="shift …" id=…>`), with the passage links and the text inside each."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: dict[str, dict[str, list[str]]] = {}
        self.open: list[str | None] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "section":
            shift = found.get("id") if "shift " in (found.get("class") or "") + " " else None
            self.open.append(shift)
            if shift:
                self.found[shift] = {"links": [], "text": [], "sides": []}
        current = next((s for s in reversed(self.open) if s), None)
        if current and tag == "a" and "/sources/" in (found.get("href") or "") and "#" in (found.get("href") or ""):
            self.found[current]["links"].append(found["href"] or "")
        if current and tag == "div" and "shift__side " in (found.get("class") or "") + " ":
            self.found[current]["sides"].append(found["class"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        current = next((s for s in reversed(self.open) if s), None)
        if current:
            self.found[current]["text"].append(data)


def shifts_on(html: str) -> dict[str, dict[str, list[str]]]:
    return Sections(html).found


def section(html: str, heading: str) -> str:
    """The text of the page from the `<h2 id=heading>` to the next `<h2`."""
    start = html.find(f'<h2 id="{heading}"')
    return "" if start < 0 else html[start : html.find("<h2", start + 1)]


def test_an_actor_that_reverses_then_softens_shows_exactly_two_changes_everywhere(built: tuple[Views, dict[str, GeneratedPage]]) -> None:
    views, pages = built
    html = section(pages["actors/turner.md"].html, "position-changes")
    listed = re.findall(r'<a href="../../shifts/#([^"]+)">([^<]+)</a>', html)
    assert listed == [(NEWEST_FIRST[1], "softened (to a conditional position)"), (NEWEST_FIRST[2], "reversed")], "its page: exactly its two changes"
    assert "2 changes of stance on the 1 demand or instrument on which it has positions in two or more dated sources" in html
    assert "A nationwide ceasefire: reversed, then softened (3 sources: " in " ".join(re.sub("<[^>]+>", "", html).split())
    everything = shifts_on(pages["shifts/index.md"].html)
    assert list(everything) == NEWEST_FIRST, "the shifts page: every change, newest first by the later position's date"
    assert [a for a in everything if "--turner--" in a] == NEWEST_FIRST[1:]
    assert views.feed.xml is not None
    entries = feedparser.parse(views.feed.xml).entries
    changes = [e for e in entries if "/shifts/" in e.id]
    assert [e.id for e in changes] == [f"https://dossier.example/shifts/#{a}" for a in NEWEST_FIRST]
    assert [e.title for e in changes if "--turner--" in e.id] == [
        "Turning Council on A nationwide ceasefire: softened",
        "Turning Council on A nationwide ceasefire: reversed",
    ]


def test_both_positions_are_side_by_side_with_their_passages_verbatim_and_linked(built: tuple[Views, dict[str, GeneratedPage]]) -> None:
    _, pages = built
    reversal = shifts_on(pages["shifts/index.md"].html)["shift--turner--ceasefire--t2-report"]
    assert reversal["sides"] == ["shift__side shift__side--supports", "shift__side shift__side--opposes"]
    text = " ".join("".join(reversal["text"]).split())
    assert "The Turning Council backs a nationwide ceasefire now" in text and "the Turning Council now rejects the ceasefire it once backed" in text
    assert "Earlier: supports, 15 January 2020" in text and "Later: opposes, 4 March 2021" in text
    assert "first-hand; source: Turning Council's own publication" in text, "the earlier position is the council's own statement"
    assert "reported; source: report by Synthetic Wire" in text, "the later one is the wire's report: on whose word it is said"
    # Each passage link lands on the passage in its source page.
    for href in reversal["links"]:
        page, _, anchor = href.removeprefix("../").partition("#")
        assert f'id="{anchor}"' in pages[page.strip("/") + ".md"].html, href
    assert {h.partition("#")[0] for h in reversal["links"]} == {"../sources/t1-statement/", "../sources/t2-report/"}


def told_on(html: str) -> list[str]:
    """The topics of the histories a page tells (`<details class="history…" id="history--<topic>">`), in order."""
    return re.findall(r'<details class="history[^"]*" id="history--([^"]+)"', html)


def test_every_history_is_on_its_actors_page_with_its_dates_stances_sources_and_passages(built: tuple[Views, dict[str, GeneratedPage]]) -> None:
    views, pages = built
    assert set(views.histories.by_actor) == {"bound", "mixer", "steady", "turner", "vague"}
    for actor, mine in views.histories.by_actor.items():
        html = section(pages[f"actors/{actor}.md"].html, "position-changes")
        assert told_on(html) == [t.topic for t in mine.told] and len(mine.told) == mine.histories, actor
        for told in mine.told:
            assert len(told.sides) >= 2 and len(told.kinds) == len(told.sides) - 1 and told.into[0] is None and not told.continued
            for side in told.sides:
                assert f'class="shift__side shift__side--{side.stance}"' in html
                for claim, _ in side.positions:
                    assert str(escape(claim.evidence)) in html and f"../../sources/{claim.document}/#{claim.id}" in html, (actor, claim.id)
    text = {a: " ".join(re.sub("<[^>]+>", "", pages[f"actors/{a}.md"].html).split()) for a in views.histories.by_actor}
    assert "Early elections: consistent (2 sources: 15 January 2020, May 2022)" in text["steady"]
    assert "First: supports, 15 January 2020 " in text["steady"] and "Consistent: supports, May 2022 " in text["steady"]
    assert "A nationwide ceasefire: dates too imprecise to order (2 sources: 10 June 2024, 2024)" in text["vague"]
    assert "onsistent" not in text["vague"], "an unordered pair is never called consistent"
    assert "to or from a document that gives both sides" in text["mixer"]


def test_an_actor_page_over_its_budget_moves_its_histories_to_its_own_pages_never_to_the_list_of_changes(index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PAGE_BYTES", 3_000)
    views = compute(index, SITE)
    pages = {p.path: p for p in render(index, views, SITE).pages}
    listing = views.listings.of("actors/turner.md", "histories")
    assert listing is not None and listing.first == "actors/turner/histories/index.md"
    on_own_pages = [topic for path in listing.pages.paths for topic in told_on(pages[path].html)]
    assert on_own_pages == [t.topic for t in views.histories.by_actor["turner"].told]
    for change in views.histories.by_actor["turner"].changes:
        for side in (change.before, change.after):
            for claim, _ in side.positions:
                assert any(str(escape(claim.evidence)) in pages[path].html for path in listing.pages.paths), claim.id
    actor = section(pages["actors/turner.md"].html, "position-changes")
    assert '<a href="histories/">Its 1 history, each with its positions side by side</a>' in actor and not told_on(actor), "a link, none left behind"
    assert len(pages["actors/turner/histories/index.md"].html.encode()) < paging.PAGE_LIMIT


def test_a_year_and_a_day_of_that_year_are_unordered_not_a_change(built: tuple[Views, dict[str, GeneratedPage]]) -> None:
    views, pages = built
    assert not views.histories.by_actor["vague"].changes
    assert [o.kind for o in views.histories.by_actor["vague"].others] == ["unordered"]
    html = section(pages["actors/vague.md"].html, "position-changes")
    assert "No change of position found" in html and "Not counted as changes: 1 step between dates too imprecise to order." in html
    assert "onsistent" not in html and not shifts_on(html)
    assert not any("--vague--" in a for a in shifts_on(pages["shifts/index.md"].html))


def test_an_upper_bound_counts_as_no_later_than(built: tuple[Views, dict[str, GeneratedPage]]) -> None:
    views, pages = built
    bound = views.histories.by_actor["bound"]
    # "By June 2023" may be before January 2023 (unordered), and is certainly before November 2023 (softened).
    assert [(o.kind, o.before.document, o.after.document) for o in bound.others] == [("unordered", "b-early", "b-relay")]
    assert [(s.kind, s.before.document, s.after.document) for s in bound.changes] == [("softened", "b-relay", "b-late")]
    text = " ".join("".join(shifts_on(pages["shifts/index.md"].html)["shift--bound--elections--b-late"]["text"]).split())
    assert "Earlier: opposes, by June 2023" in text


def test_a_single_position_is_never_called_consistent(built: tuple[Views, dict[str, GeneratedPage]]) -> None:
    views, pages = built
    assert "loner" not in views.histories.by_actor
    assert 'id="position-changes"' not in pages["actors/loner.md"].html
    assert "onsistent" not in pages["actors/loner.md"].html
    steady = section(pages["actors/steady.md"].html, "position-changes")
    assert "No change of position found" in steady and "Consistent" in steady
    assert "Consistent: 1 history." in steady


def test_a_document_that_gives_both_sides_is_shown_as_mixed_not_as_a_change(built: tuple[Views, dict[str, GeneratedPage]]) -> None:
    views, pages = built
    assert [(o.kind, o.after.stance) for o in views.histories.by_actor["mixer"].others] == [("mixed", "mixed")]
    html = section(pages["actors/mixer.md"].html, "position-changes")
    assert "Not counted as changes: 1 step to or from a source that gives both sides." in html
    assert not shifts_on(html)


def test_the_feed_dates_a_change_by_its_later_position(built: tuple[Views, dict[str, GeneratedPage]]) -> None:
    views, _ = built
    assert views.feed.xml is not None
    parsed = feedparser.parse(views.feed.xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    changes = {e.id.rpartition("#")[2]: e for e in parsed.entries if "/shifts/" in e.id}
    # `published` only for an exact day; the later date is always in the text, at its precision.
    assert {a: e.get("published") for a, e in changes.items()} == dict(zip(NEWEST_FIRST, [None, None, "2021-03-04T00:00:00Z"], strict=True))
    assert "Date: November 2023 (the later position's)." in changes[NEWEST_FIRST[0]].content[0].value
    assert {e.updated for e in changes.values()} == {"2026-11-02T09:30:00Z"}, "never the clock: the dossier's last change"
    assert parsed.feed.title.endswith(": sources and position changes")
    assert compute(check(SOURCES), SITE).feed.xml == views.feed.xml


def test_the_shifts_pages_are_cut_by_measured_bytes_and_the_feed_links_where_each_change_is(index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PAGE_BYTES", 3_000)
    views = compute(index, SITE)
    data = views.histories
    assert data.pages.paths == ("shifts/index.md", "shifts/2.md", "shifts/3.md")
    assert [s.anchor for chunk in data.pages.chunks for s in chunk] == NEWEST_FIRST
    pages = {p.path: p for p in render(index, views, SITE).pages}
    for path, chunk in zip(data.pages.paths, data.pages.chunks, strict=True):
        assert list(shifts_on(pages[path].html)) == [s.anchor for s in chunk]
        assert "Page " in pages[path].html and 'aria-label="Pages of this list"' in pages[path].html
    assert views.feed.xml is not None
    links = {e.id: e.link for e in feedparser.parse(views.feed.xml).entries if "/shifts/" in e.id}
    assert (
        links["https://dossier.example/shifts/#shift--turner--ceasefire--t2-report"] == "https://dossier.example/shifts/3/#shift--turner--ceasefire--t2-report"
    )
    # The actor's histories (on its page, or on their own pages at this budget) link each change to the page of the list that holds it now.
    turner = pages["actors/turner/histories/index.md"].html
    assert 'href="../../../shifts/2/#shift--turner--ceasefire--t3-statement"' in turner
    assert 'href="../../../shifts/3/#shift--turner--ceasefire--t2-report"' in turner


def test_the_bundled_dossier_has_no_history_and_says_so(bundled_output: object) -> None:
    pages = {p.path: p for p in bundled_output.pages}  # type: ignore[attr-defined]
    html = pages["shifts/index.md"].html
    assert "No change of position found" in html and "there is no history to compare" in html
    assert not any('id="position-changes"' in p.html for path, p in pages.items() if path.startswith("actors/"))


def test_histories_count_only_what_analyses_count_by_default(index: Index) -> None:
    """A third party's description never becomes an actor's change of mind: histories are over first-hand and reported positions."""
    described = [c for c in index.claims if c.basis == "characterised"]
    assert [(c.actors, c.stance, c.document) for c in described] == [(("steady",), "opposes", "v-day")], "the fixture's one description"
    data = histories.compute(index, SITE)
    bases = {c.basis for h in data.histories for p in h.points for c in p.claims}
    assert bases <= {"quoted", "own-publication", "reported", "authorship"}
    assert [[p.document for p in h.points] for h in data.histories if h.actor == "steady"] == [["t1-statement", "t3-statement"]]
    assert not data.by_actor["steady"].changes, "the Vague Movement's claim about the Steady Front is not the Front's change of mind"
    assert data.counts() == {"consistent": 1, "mixed": 1, "reversal": 1, "softened": 2, "unordered": 2}


def test_the_method_page_has_the_section_every_shifts_page_links_to() -> None:
    methodology = (Path(__file__).parent.parent / "docs" / "methodology.md").read_text(encoding="utf-8")
    assert "\n## Position changes\n" in methodology, "the anchor `#position-changes` of the pages' method links"


def test_the_exports_give_each_position_the_step_its_page_shows(
    index: Index, built: tuple[Views, dict[str, GeneratedPage]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """positions.csv, dossier.json and dossier.db read the histories the pages show, computed once per build (by the view)."""
    views, pages = built
    computed: list[int] = []
    real = analysis_histories.histories
    monkeypatch.setattr(analysis_histories, "histories", lambda claims: computed.append(1) or real(claims))
    files = collect(lambda sink: write_downloads(sink, index, views, SITE))
    assert computed == [], "the exports read the view's histories: no history is computed again"
    texts = {d.path: d.text for d in files.downloads}
    csv_steps = {(r["document"], r["actor"], r["demand"]): r["history_step"] for r in csv.DictReader(io.StringIO(texts["downloads/positions.csv"]))}
    json_steps = {(r["document"], r["actor"], r["demand"]): r["history_step"] or "" for r in json.loads(texts["downloads/dossier.json"])["positions"]}
    (database,) = files.binaries
    (tmp_path / "dossier.db").write_bytes(database.data)
    with sqlite3.connect(tmp_path / "dossier.db") as connection:
        rows = connection.execute("select document, actor, demand, coalesce(history_step, '') from positions").fetchall()
    connection.close()
    db_steps = {(document, actor, demand): step for document, actor, demand, step in rows}
    assert csv_steps == json_steps == db_steps
    # What the pages show: the Turning Council reverses (t2) then softens (t3), each change a section of the shifts page.
    shown = shifts_on(pages["shifts/index.md"].html)
    assert [(a, db_steps[(a.rsplit("--", 1)[1], "turner", "ceasefire")]) for a in shown if "--turner--" in a] == [
        ("shift--turner--ceasefire--t3-statement", "softened"),
        ("shift--turner--ceasefire--t2-report", "reversal"),
    ]
    assert db_steps[("t1-statement", "turner", "ceasefire")] == "", "a first position has no step"
    # Every step of every history the pages show, and no other, is a position's step in the exports.
    on_pages = {(step.after.document, h.actor, h.topic): step.kind for h in views.histories.histories for step in h.steps}
    assert {key: step for key, step in db_steps.items() if step} == on_pages
    assert sorted(on_pages.values()) == ["consistent", "mixed", "reversal", "softened", "softened", "unordered", "unordered"]
