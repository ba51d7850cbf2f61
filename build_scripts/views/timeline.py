"""The timeline: sources, conferences and positions in date order, each at the precision its source gives.

A date is never made more precise than its source: `2024-06` is June 2024, not 1 June.
Dates are ordered by period, which is the order of their ISO text: a year-only event
(`2024`) comes at the head of its year, a month-only event (`2024-06`) at the head of
its month, before any day of it; a date that is an upper bound ("by June 2023", a position a
source relays) comes before the events on that date, never among them as if voiced on it.
Events without a date come last. The timeline is cut
into pages by year, and a year too large for one page into consecutive parts, so that no
page outgrows the page budget however large the dossier.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..index import ClaimRecord, Index
from ..models import Date
from ..pages import PageSpec
from ..words import MONTHS, date_text
from .stances import GROUPS, theme_of, topic_label
from .timeline_rows import Sizer as _Sizer
from .timeline_rows import actor_name
from .timeline_rows import pack as _pack

KINDS = ("conference", "source", "position")
"""Event kinds, in their order on a shared date: a conference opens the day, then each source with its positions."""
PAGE_BYTES = 33_000
"""Estimated HTML bytes of one timeline page's rows and filters: the page budget (40 KB of fragment, for 60 KB with the theme) less the page's frame."""
ENTITY_ROWS = 8
"""Most positions shown in the timeline on an actor or demand page; the rest are on the timeline pages."""
ENTITY_PAGE_LINKS = 24
"""Most timeline pages linked from an actor or demand page."""
UNDATED = "undated"
"""The period of events without a date."""


def date_label(date: Date | None) -> str:
    """A date as precisely as it is known, as text: `21 January 2018`, `June 2023`, `2024`, `c. 2024`, `by June 2023`."""
    return date_text(date)


def period_of(date: Date | None) -> str:
    """The period an event is listed under: its year when only the year is known, else its month; `undated` without a date."""
    if date is None:
        return UNDATED
    return date.value[:7]


def period_label(period: str) -> str:
    """A period heading that says what is not known: `2024 (month not given)`, `June 2024`, `Date not given`."""
    if period == UNDATED:
        return "Date not given"
    if len(period) == 4:
        return f"{period} (month not given)"
    return f"{MONTHS[int(period[5:7]) - 1]} {period[:4]}"


@dataclass(frozen=True)
class Event:
    """One row of the timeline: a source, a conference or a position (an issuer's authorship of a dated instrument too), on its date as given."""

    kind: str
    id: str
    """The document, conference or claim id (a claim id is unique within its document; an authorship's is `<instrument>/<claim id>`)."""
    date: Date | None
    sort_key: tuple[object, ...]
    end: Date | None = None
    """A conference's last day, when it has one."""
    document: str | None = None
    """The source of a source or position row."""
    claim: ClaimRecord | None = None
    actors: tuple[str, ...] = ()
    """Actors the row concerns, for the actor filter: a position's actors and speaker, a source's named actors, a conference's participants."""
    demands: tuple[str, ...] = ()
    """The topics of its positions (demands and instruments), for the demand filter."""
    themes: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        """Unique among events."""
        return (self.kind, self.document or "", self.id)

    @property
    def label(self) -> str:
        return date_label(self.date)

    @property
    def period(self) -> str:
        return period_of(self.date)

    @property
    def year(self) -> str:
        return self.period[:4] if self.date else UNDATED

    @property
    def from_document(self) -> bool:
        """A position that takes its source's date, having none of its own."""
        return self.claim is not None and self.claim.date_from_document

    @property
    def tooltip(self) -> str | None:
        """How an approximate date was worked out (for a position dated by its source, a pointer to the source's note); what an upper bound means."""
        if self.date is not None and self.date.no_later_than:
            return "No later than this date: the source does not say when exactly"
        if self.date is None or not self.date.approximate:
            return None
        if self.from_document:
            return "Approximate: the date of the source, worked out as its page notes."
        return f"Approximate date. {self.date.note}" if self.date.note else "Approximate date"


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
    """The dossier's events in date order, paged, with each actor's and demand's positions."""
    events = sorted(_events(index), key=lambda e: e.sort_key)
    chunks = _chunks(events, index)
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


def _date_key(date: Date | None) -> tuple[int, str, int]:
    # ISO text orders by period: "2024" < "2024-01" < "2024-01-01" < "2024-02"; undated last.
    # An upper bound ("by" the date) comes before the events on its date: it was voiced no later, maybe earlier.
    return (0, date.value, 0 if date.no_later_than else 1) if date is not None else (1, "", 1)


def _events(index: Index) -> list[Event]:
    """Every conference, source and position as an event, unordered; an issuer's authorship when its instrument is dated."""
    themes = {topic: theme_of(index, topic) for topic in [*index.sources.demands, *index.sources.instruments]}
    events = [_conference(index, conf_id, themes) for conf_id in index.sources.conferences]
    for doc_id in index.sources.documents:
        events += _document(index, doc_id, themes)
    for instrument_id, stances in index.stances_by_instrument.items():
        name = index.sources.instruments[instrument_id].model.name.value.casefold()
        authored = [c for c in stances if c.authorship and c.date is not None]
        events += [
            _position(claim, f"{instrument_id}/{claim.id}", (*_date_key(claim.date), 2, name, instrument_id, 1, order), themes)
            for order, claim in enumerate(authored)
        ]
    return events


def _conference(index: Index, conf_id: str, themes: dict[str, str]) -> Event:
    """A conference at its start, with its participants and the demands voiced there (for the filters)."""
    conf = index.sources.conferences[conf_id].model
    demands = sorted({c.topic for c in index.by_conference.get(conf_id, [])})
    return Event(
        kind="conference",
        id=conf_id,
        date=conf.start,
        end=conf.end if conf.end and conf.start and conf.end.value != conf.start.value else None,
        sort_key=(*_date_key(conf.start), 0, conf.name.value.casefold(), conf_id, 0, 0),
        actors=tuple(sorted({p.actor for p in index.participation.get(conf_id, [])})),
        demands=tuple(demands),
        themes=_themes(demands, themes),
    )


def _document(index: Index, doc_id: str, themes: dict[str, str]) -> list[Event]:
    """A source, then its positions in the order of its text; they share a tie key so they stay together on a date."""
    doc = index.sources.documents[doc_id].model
    claims = index.claims_by_document.get(doc_id, [])
    group = (doc.title.casefold(), doc_id)
    demands = sorted({c.topic for c in claims})
    voices = [a for c in claims for a in (c.speaker, c.relayed_by) if a]
    named = {*doc.actors, *(a for c in claims for a in c.actors), *voices, *doc.issuer_ids}
    source = Event(
        kind="source",
        id=doc_id,
        date=doc.date,
        sort_key=(*_date_key(doc.date), 1, *group, 0, 0),
        document=doc_id,
        actors=tuple(sorted(named)),
        demands=tuple(demands),
        themes=_themes(demands, themes),
    )
    positions = [_position(claim, claim.id, (*_date_key(claim.date), 1, *group, 1, order), themes) for order, claim in enumerate(claims)]
    return [source, *positions]


def _position(claim: ClaimRecord, id: str, sort_key: tuple[object, ...], themes: dict[str, str]) -> Event:
    """A position on its date, filed under its actors, its speaker and whoever relays it."""
    return Event(
        kind="position",
        id=id,
        date=claim.date,
        sort_key=sort_key,
        document=claim.document,
        claim=claim,
        actors=tuple(sorted({*claim.actors, *(a for a in (claim.speaker, claim.relayed_by) if a)})),
        demands=(claim.topic,),
        themes=(themes[claim.topic],),
    )


def _themes(demands: Iterable[str], themes: dict[str, str]) -> tuple[str, ...]:
    present = {themes[d] for d in demands}
    return tuple(t for t in GROUPS if t in present)


def _chunks(events: list[Event], index: Index) -> list[Chunk]:
    """Pages: one per year; a year over the page budget in consecutive parts (`2024, part 2 of 9`), cut in date order."""
    sizer = _Sizer(index)
    by_year: dict[str, list[Event]] = {}
    for event in events:
        by_year.setdefault(event.year, []).append(event)
    chunks: list[Chunk] = []
    for year, in_year in by_year.items():
        parts = _pack(in_year, sizer, PAGE_BYTES)
        for n, part in enumerate(parts, start=1):
            path = f"timeline/{year}.md" if n == 1 else f"timeline/{year}-part-{n}.md"
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


def pages(data: Timeline, index: Index) -> list[PageSpec]:
    """The index (years and how dates are read) and one page per chunk."""
    return [
        PageSpec("timeline/index.md", "Timeline", "timeline_index.html.j2"),
        *(PageSpec(c.path, c.title, "timeline_page.html.j2", {"chunk": c, "chunk_index": i}) for i, c in enumerate(data.chunks)),
    ]
