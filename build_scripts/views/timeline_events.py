"""The timeline's events: every source, conference and position, on its date as given, and how dates are said and ordered.

A date is never made more precise than its source: `2024-06` is June 2024, not 1 June.
Dates are ordered by period, which is the order of their ISO text: a year-only event
(`2024`) comes at the head of its year, a month-only event (`2024-06`) at the head of
its month, before any day of it; a date that is an upper bound ("by June 2023", a position a
source relays) comes before the events on that date, never among them as if voiced on it.
Events without a date come last.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..catalogues import N_
from ..index import ClaimRecord, Index
from ..models import Date
from ..words import MONTHS, date_text
from .stances import GROUPS, theme_of

KINDS = ("conference", "source", "position")
"""Event kinds, in their order on a shared date: a conference opens the day, then each source with its positions."""
UNDATED = "undated"
"""The period of events without a date."""


def actor_name(index: Index, actor: str) -> str:
    """An actor as the actor filter names it: `Syrian National Council (SNC)`."""
    model = index.sources.actors[actor].model
    return f"{model.name.value} ({model.acronym.value})" if model.acronym else model.name.value


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
            return N_("Approximate: the date of the source, worked out as its page notes.")
        return f"Approximate date. {self.date.note}" if self.date.note else "Approximate date"


def _date_key(date: Date | None) -> tuple[int, str, int]:
    # ISO text orders by period: "2024" < "2024-01" < "2024-01-01" < "2024-02"; undated last.
    # An upper bound ("by" the date) comes before the events on its date: it was voiced no later, maybe earlier.
    return (0, date.value, 0 if date.no_later_than else 1) if date is not None else (1, "", 1)


def events(index: Index) -> list[Event]:
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
