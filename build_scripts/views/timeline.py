"""The timeline: sources, conferences and positions in date order, each at the precision its source gives (`timeline_events.py`).

The timeline is cut into pages by year, and a year too large for one page into consecutive
parts by the measured bytes of its rows, so that no page outgrows the page budget however
large the dossier.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..index import Index
from ..pages import PageSpec
from . import paging, timeline_events
from .measure import Edition, Measure
from .stances import GROUPS, topic_label
from .timeline_events import KINDS, UNDATED, Event, actor_name, date_label, period_label, period_of

__all__ = ["KINDS", "UNDATED", "Chunk", "Event", "Timeline", "Year", "compute", "date_label", "page_specs", "paginate", "period_label", "period_of"]

ENTITY_ROWS = 8
"""Most positions shown in the timeline on an actor or demand page; the rest are on the timeline pages."""
ENTITY_PAGE_LINKS = 24
"""Most timeline pages linked from an actor or demand page."""


@dataclass(frozen=True)
class Chunk:
    """One timeline page: a year, a part of a large year, or the undated events."""

    path: str
    year: str
    """The year (`undated` for events without a date)."""
    part: int
    parts: int
    """How many pages the year takes."""
    events: tuple[Event, ...]
    actor_options: tuple[tuple[str, str], ...] = ()
    """(actor id, name) of every actor on the page, by name: the actor filter's choices."""
    demand_options: tuple[tuple[str, str], ...] = ()
    """(topic id, its words) of every demand and instrument on the page, by its words: the demand filter's choices."""
    theme_options: tuple[str, ...] = ()
    instruments: bool = False
    """Whether the demand filter offers statements or instruments too (stances on them as a whole)."""

    @property
    def label(self) -> str:
        """Which page it is, for links and its title: `2024`, `2024, part 2 of 3`, `date not given`."""
        base = "date not given" if self.year == UNDATED else self.year
        return base if self.parts == 1 else f"{base}, part {self.part} of {self.parts}"

    @property
    def title(self) -> str:
        return f"Timeline: {self.label}"

    def counts(self) -> dict[str, int]:
        """Events of each kind on the page."""
        return _count(self.events)

    @property
    def covers(self) -> str:
        """The periods the page spans: `June 2024`, or `2024 (month not given) to June 2024`."""
        first, last = period_label(self.events[0].period), period_label(self.events[-1].period)
        return first if first == last else f"{first} to {last}"

    @property
    def groups(self) -> list[tuple[str, str, list[Event]]]:
        """(period, heading, events) in order: the page's sections."""
        grouped: dict[str, list[Event]] = {}
        for event in self.events:
            grouped.setdefault(event.period, []).append(event)
        return [(period, period_label(period), events) for period, events in grouped.items()]


@dataclass(frozen=True)
class Year:
    """A line of the timeline's index: a year (or `undated`), its counts and its pages."""

    year: str
    counts: dict[str, int]
    chunks: tuple[Chunk, ...]

    @property
    def label(self) -> str:
        return "Date not given" if self.year == UNDATED else self.year

    @property
    def periods(self) -> list[tuple[str, Chunk, int]]:
        """For a year in parts: (period label, the first page holding it, how many pages hold it), in date order."""
        found: dict[str, list[Chunk]] = {}
        for chunk in self.chunks:
            for period in dict.fromkeys(e.period for e in chunk.events):
                found.setdefault(period, []).append(chunk)
        return [(period_label(p), chunks[0], len(chunks)) for p, chunks in found.items()]


@dataclass(frozen=True)
class Timeline:
    """Every event in order, cut into pages; each actor's and demand's positions in order."""

    events: tuple[Event, ...]
    chunks: tuple[Chunk, ...]
    years: tuple[Year, ...]
    by_actor: dict[str, tuple[Event, ...]] = field(default_factory=dict)
    """Actor → the positions attributed to it, in timeline order."""
    by_demand: dict[str, tuple[Event, ...]] = field(default_factory=dict)
    """Topic (a demand or an instrument) → the positions on it, in timeline order."""
    page_of: dict[tuple[str, str, str], Chunk] = field(default_factory=dict)
    """Event key → the page it is on."""
    entity_rows: int = ENTITY_ROWS
    entity_page_links: int = ENTITY_PAGE_LINKS

    def counts(self) -> dict[str, int]:
        """Events of each kind."""
        return _count(self.events)

    def newest_sources(self, n: int = 5) -> list[Event]:
        """The `n` latest dated sources, newest first (the timeline's order reversed)."""
        dated = [e for e in self.events if e.kind == "source" and e.date is not None]
        # A stable sort keeps sources of one date in the timeline's order (by title).
        return sorted(dated, key=lambda e: e.date.value if e.date else "", reverse=True)[:n]

    def recent(self, events: Sequence[Event], cap: int | None = None) -> list[Event]:
        """The last `cap` events in timeline order: the dated ones first, undated ones only while room remains."""
        cap = self.entity_rows if cap is None else cap
        if len(events) <= cap:
            return list(events)
        dated = [e for e in events if e.date is not None]
        undated = [e for e in events if e.date is None]
        return dated[-cap:] if len(dated) >= cap else dated + undated[: cap - len(dated)]

    def pages_for(self, events: Iterable[Event]) -> list[tuple[Chunk, int]]:
        """The timeline pages that hold `events`, in order, each with how many of them it holds."""
        counts: dict[str, int] = defaultdict(int)
        chunks: dict[str, Chunk] = {}
        # Pages hold consecutive runs of the timeline: events in timeline order meet their pages in order.
        for event in sorted(events, key=lambda e: e.sort_key):
            chunk = self.page_of[event.key]
            counts[chunk.path] += 1
            chunks[chunk.path] = chunk
        return [(chunk, counts[path]) for path, chunk in chunks.items()]

    def pages_by_year(self, events: Iterable[Event], cap: int | None = None) -> tuple[list[tuple[Year, list[tuple[Chunk, int]]]], int]:
        """The pages that hold `events`, grouped by year, at most `cap` of them; and how many pages were left out."""
        cap = self.entity_page_links if cap is None else cap
        found = self.pages_for(events)
        years = {y.year: y for y in self.years}
        grouped: dict[str, list[tuple[Chunk, int]]] = {}
        for chunk, n in found[:cap]:
            grouped.setdefault(chunk.year, []).append((chunk, n))
        return [(years[y], pages) for y, pages in grouped.items()], max(0, len(found) - cap)


def compute(index: Index) -> Timeline:
    """The dossier's events in date order, a page a year (`paginate` cuts the years too large for a page), with each actor's and demand's positions."""
    events = sorted(timeline_events.events(index), key=lambda e: e.sort_key)
    years: dict[str, list[list[Event]]] = {}
    for event in events:
        years.setdefault(event.year, [[]])[0].append(event)
    chunks = _chunks(years, index)
    by_actor: dict[str, list[Event]] = defaultdict(list)
    by_demand: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.claim is not None:
            for actor in event.claim.actors:
                by_actor[actor].append(event)
            by_demand[event.claim.topic].append(event)
    return Timeline(
        events=tuple(events),
        chunks=tuple(chunks),
        years=tuple(_years(chunks)),
        by_actor={k: tuple(v) for k, v in sorted(by_actor.items())},
        by_demand={k: tuple(v) for k, v in sorted(by_demand.items())},
        page_of={e.key: c for c in chunks for e in c.events},
    )


def paginate(data: Timeline, index: Index, measure: Measure) -> Timeline:
    """The timeline with each year too large for one page cut into consecutive parts (`timeline/2024/2/`), in date order, by measured bytes.

    An event weighs its row; its actors and demands are choices of its page's filters, each printed once a page.
    """
    options: dict[tuple[str, str, str], int] = {}

    def choices(edition: Edition, event: Event) -> Mapping[Hashable, int]:
        keys = [*(("actor", a) for a in event.actors), *(("demand", d) for d in event.demands)]
        for kind, id in keys:
            if (edition.language, kind, id) not in options:  # the same markup on every page: measured once
                options[(edition.language, kind, id)] = edition.macro(
                    "_timeline.html.j2", "timeline/index.md", "option", id, actor_name(edition.index, id) if kind == "actor" else topic_label(edition.index, id)
                )
        return {key: options[(edition.language, *key)] for key in keys}

    years: dict[str, list[list[Event]]] = {}
    for chunk in data.chunks:
        here = paging.page_path(f"timeline/{chunk.year}.md", f"timeline/{chunk.year}", 2)
        runs = measure.pack(chunk.events, functools.partial(_row, here=here), shares=choices)
        years.setdefault(chunk.year, []).extend(list(run) for run in runs)
    chunks = _chunks(years, index)
    return replace(data, chunks=tuple(chunks), years=tuple(_years(chunks)), page_of={e.key: c for c in chunks for e in c.events})


def _row(edition: Edition, event: Event, here: str) -> int:
    """An event's row, as the page at `here` prints it in `edition`."""
    return edition.macro("_timeline.html.j2", here, "row", event)


def _chunks(years: dict[str, list[list[Event]]], index: Index) -> list[Chunk]:
    """Pages: each year's events in its parts (`2024, part 2 of 9`), at `timeline/<year>/`, `timeline/<year>/2/`…"""
    chunks: list[Chunk] = []
    for year, parts in years.items():
        for n, part in enumerate(parts, start=1):
            path = paging.page_path(f"timeline/{year}.md", f"timeline/{year}", n)
            chunks.append(_chunk(path, year, (n, len(parts)), part, index))
    return chunks


def _chunk(path: str, year: str, part: tuple[int, int], events: list[Event], index: Index) -> Chunk:
    actors = {a for e in events for a in e.actors}
    demands = {d for e in events for d in e.demands}
    themes = {t for e in events for t in e.themes}
    return Chunk(
        path=path,
        year=year,
        part=part[0],
        parts=part[1],
        events=tuple(events),
        actor_options=tuple(sorted(((a, actor_name(index, a)) for a in actors), key=lambda o: (o[1].casefold(), o[0]))),
        demand_options=tuple(sorted(((d, topic_label(index, d)) for d in demands), key=lambda o: (o[1].casefold(), o[0]))),
        theme_options=tuple(t for t in GROUPS if t in themes),
        instruments=any(d in index.sources.instruments for d in demands),
    )


def _years(chunks: list[Chunk]) -> list[Year]:
    by_year: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_year.setdefault(chunk.year, []).append(chunk)
    return [Year(year, _count(e for c in in_year for e in c.events), tuple(in_year)) for year, in_year in by_year.items()]


def _count(events: Iterable[Event]) -> dict[str, int]:
    counts = dict.fromkeys(KINDS, 0)
    for event in events:
        counts[event.kind] += 1
    return counts


def page_specs(data: Timeline, index: Index) -> list[PageSpec]:
    """The index (years and how dates are read) and one page per chunk."""
    return [
        PageSpec("timeline/index.md", "Timeline", "timeline_index.html.j2"),
        *(PageSpec(c.path, c.title, "timeline_page.html.j2", {"chunk": c, "chunk_index": i}) for i, c in enumerate(data.chunks)),
    ]
