"""The timeline view: event order, honest date labels, pages, and the page budget at scale.

The golden data is `tests/data/views/timeline/expected.yaml`, written by hand for the synthetic
dossier beside it: an oracle, not a snapshot. `--update-golden` never rewrites it (an update would copy
the implementation into the oracle and lose its comments); a change of behaviour is edited there by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import pytest
import yaml

from build_scripts import render, views
from build_scripts.index import Index
from build_scripts.models import Date
from build_scripts.pages import Site
from build_scripts.pipeline import check, compute
from build_scripts.render import Renderer
from build_scripts.views import listings, paging, timeline
from build_scripts.views.measure import Measure
from build_scripts.views.paging import fragment_budget
from build_scripts.views.timeline import Event

from .conftest import ROOT

DATA = Path(__file__).parent / "data" / "views" / "timeline"
FRAGMENT_BUDGET = fragment_budget("Timeline: date not given, part 100 of 100")
"""Bytes of a timeline page's generated HTML, with its longest title: Material's theme adds about 20 KB, and a page stays within 60 KB."""
PARTIAL_BUDGET = 15_000
"""Bytes the timeline adds to an actor or demand page."""


@pytest.fixture(scope="module")
def index() -> Index:
    return check(DATA / "sources")


@pytest.fixture(scope="module")
def data(index: Index) -> timeline.Timeline:
    return timeline.compute(index)


def _ref(event: Event) -> str:
    return f"{event.document}#{event.id}"


def _computed(data: timeline.Timeline) -> dict[str, Any]:
    return {
        "events": [
            {
                "kind": e.kind,
                "document": e.document,
                "id": e.id,
                "date": e.label,
                "heading": timeline.period_label(e.period),
                "source_date": e.from_document,
                "tooltip": e.tooltip,
                **({"until": timeline.date_label(e.end)} if e.end else {}),
            }
            for e in data.events
        ],
        "pages": [{"path": c.path, "title": c.title, "headings": [h for _, h, _ in c.groups], "counts": c.counts()} for c in data.chunks],
        "by_actor": {actor: [_ref(e) for e in events] for actor, events in data.by_actor.items()},
        "by_demand": {demand: [_ref(e) for e in events] for demand, events in data.by_demand.items()},
        "newest_sources": [e.id for e in data.newest_sources()],
    }


def test_timeline_matches_the_golden_file(data: timeline.Timeline) -> None:
    computed = _computed(data)
    expected = yaml.safe_load((DATA / "expected.yaml").read_text(encoding="utf-8"))  # hand-made: never rewritten by --update-golden
    assert computed["events"] == expected["events"]
    assert computed == expected


class _Rows(HTMLParser):
    """The timeline rows of a rendered page: (kind, date shown, tooltip, section heading)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []
        self.heading = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "h2":
            self._in, self.heading = "h2", ""
        elif tag == "tr" and "data-kind" in attributes:
            self.rows.append({"kind": attributes["data-kind"], "date": "", "tooltip": None, "heading": self.heading, "actors": attributes["data-actors"]})
            self._in = "date"
        elif tag == "time" and self._in == "date":
            self.rows[-1]["tooltip"] = attributes.get("title")
        elif tag == "td" and self._in == "date" and self.rows[-1]["date"]:
            self._in = None

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "td"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "h2":
            self.heading += data
        elif self._in == "date":
            self.rows[-1]["date"] += data


def _rendered_rows(index: Index, data: timeline.Timeline) -> list[dict[str, Any]]:
    renderer = _renderer(index, Site())
    rows = []
    for spec in timeline.page_specs(data, index)[1:]:
        parser = _Rows()
        parser.feed(renderer.render(spec).html)
        rows += parser.rows
    return rows


def test_pages_show_the_golden_dates_in_order(index: Index, data: timeline.Timeline) -> None:
    expected = yaml.safe_load((DATA / "expected.yaml").read_text(encoding="utf-8"))["events"]
    rows = _rendered_rows(index, data)
    shown = [(r["kind"], " ".join(r["date"].replace("\xa0", " ").split()), r["tooltip"], r["heading"].strip()) for r in rows]
    wanted = [
        (e["kind"], e["date"] + (f" – {e['until']}" if "until" in e else "") + (" source's date" if e["source_date"] else ""), e["tooltip"], e["heading"])
        for e in expected
    ]
    assert shown == wanted


def test_rows_carry_what_the_filters_read(index: Index, data: timeline.Timeline) -> None:
    rows = _rendered_rows(index, data)
    undated_position = rows[-1]
    assert undated_position["kind"] == "position"
    assert undated_position["actors"].split() == ["alpha", "gamma"], "a speaker's rows are found by the speaker's name too"
    summit = next(r for r in rows if r["kind"] == "conference" and r["date"].startswith("10 June"))
    assert summit["actors"] == "beta"
    assert summit["date"] == "10 June 2024 – 12 June 2024"


@pytest.mark.parametrize(
    ("value", "approximate", "label", "heading"),
    [
        ("2024-06", False, "June 2024", "June 2024"),
        ("2024-06-01", False, "1 June 2024", "June 2024"),
        ("2024", False, "2024", "2024 (month not given)"),
        ("2024", True, "c. 2024", "2024 (month not given)"),
        ("2023-12", True, "c. December 2023", "December 2023"),
    ],
)
def test_a_date_is_shown_only_as_precisely_as_it_is_known(value: str, approximate: bool, label: str, heading: str) -> None:
    date = Date(value=value, approximate=approximate, note="Synthetic." if approximate else None)
    assert timeline.date_label(date) == label
    assert timeline.period_label(timeline.period_of(date)) == heading


def test_entity_timelines_keep_the_latest_dated_positions(data: timeline.Timeline) -> None:
    alpha = data.by_actor["alpha"]
    assert [_ref(e) for e in data.recent(alpha, cap=2)] == ["d-monthly#ev-alpha-talks", "a-statement#ev-alpha-talks"]
    assert [_ref(e) for e in data.recent(alpha, cap=4)] == [_ref(e) for e in alpha]
    years, more = data.pages_by_year(alpha, cap=2)
    assert [(y.year, [(c.path, n) for c, n in pages]) for y, pages in years] == [("2023", [("timeline/2023.md", 1)]), ("2024", [("timeline/2024.md", 2)])]
    assert more == 1, "the undated page is left out and counted"


def test_a_year_is_cut_by_its_rows_measured_bytes_and_keeps_the_order(index: Index, data: timeline.Timeline, monkeypatch: pytest.MonkeyPatch) -> None:
    measure = Measure(index, Site(), views.compute(index, Site()))
    monkeypatch.setattr(paging, "PAGE_BYTES", 3_000)
    cut = timeline.paginate(data, index, measure)
    assert len(cut.chunks) > len(data.chunks)
    assert [e for chunk in cut.chunks for e in chunk.events] == list(data.events)
    for chunk in cut.chunks:
        assert chunk.path == (f"timeline/{chunk.year}.md" if chunk.part == 1 else f"timeline/{chunk.year}/{chunk.part}.md")
        rows = measure.module("_timeline.html.j2", chunk.path)
        if len(chunk.events) > 1:
            assert sum(len(str(rows.row(e)).encode()) for e in chunk.events) <= 3_000, chunk.path


PROBES = {
    "actor.probe": '{% import "_timeline.html.j2" as t with context %}{{ t.actor_timeline(id) }}',
    "demand.probe": '{% import "_timeline.html.j2" as t with context %}{{ t.demand_timeline(id) }}',
}
"""The timeline's sections of actor and demand pages, rendered alone."""


def _sizes(index: Index) -> dict[str, int]:
    """Bytes of every timeline page, and of the timeline section of every actor and demand page."""
    renderer = _renderer(index, Site())
    renderer.env.loader = jinja2.ChoiceLoader([jinja2.DictLoader(PROBES), jinja2.FileSystemLoader(ROOT / "build_scripts" / "templates")])
    data = renderer.views.timeline
    sizes = {spec.path: len(renderer.render(spec).html.encode()) for spec in timeline.page_specs(data, index)}
    for actor in data.by_actor:
        sizes[f"actors/{actor}.md#timeline"] = len(renderer.page(f"actors/{actor}.md", "", "actor.probe", id=actor).html.encode())
    for demand in data.by_demand:
        sizes[f"demands/{demand}.md#timeline"] = len(renderer.page(f"demands/{demand}.md", "", "demand.probe", id=demand).html.encode())
    return sizes


def _over(sizes: dict[str, int]) -> dict[str, int]:
    return {path: size for path, size in sizes.items() if size > (PARTIAL_BUDGET if "#" in path else FRAGMENT_BUDGET)}


def test_every_timeline_page_of_the_bundled_dossier_is_within_the_budget(bundled_index: Index) -> None:
    sizes = _sizes(bundled_index)
    assert any(path.startswith("timeline/2024/") for path in sizes), "the bundled 2024 needs more than one page"
    assert _over(sizes) == {}


AT_SCALE = 500
"""Synthetic sources enough that the years of the timeline run to four pages and more (53 pages, 41 of them a year's
continuation; 2,000 sources gave 206, at about 7 CPU s more), with as many events an actor and a demand as any size of the
bench corpus gives them (its actors and demands grow with its sources)."""


def test_every_timeline_page_at_scale_is_within_the_budget(corpus: Callable[[int], Path], monkeypatch: pytest.MonkeyPatch) -> None:
    index = check(corpus(AT_SCALE))
    # The timeline's templates read only `v.timeline`: the other views are not computed (nor timed) here.
    monkeypatch.setattr(render.views, "compute", _timeline_only)
    sizes = _sizes(index)
    pages = [p for p in sizes if p.startswith("timeline/")]
    assert len(pages) > 20
    assert sum(p.count("/") == 2 for p in pages) > 20, "the years continue on pages of their own (timeline/2020/2.md)"
    assert _over(sizes) == {}
    data = _timeline_only(index, Site()).timeline
    assert sum(len(c.events) for c in data.chunks) == len(data.events), "every event is on exactly one page"


def _timeline_only(index: Index, site: Site, progress: object = None) -> SimpleNamespace:
    """The views the timeline's pages read: the timeline, cut into pages by its rows' measured bytes."""
    views = SimpleNamespace(timeline=timeline.compute(index), listings=listings.Listings({}))
    views.timeline = timeline.paginate(views.timeline, index, Measure(index, site, views))
    return views


def _renderer(index: Index, site: Site) -> Renderer:
    """A renderer of `index`, given its views as the pipeline's compute stage makes them."""
    return Renderer(index, site, compute(index, site))
