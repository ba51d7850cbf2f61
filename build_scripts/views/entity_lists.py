"""The long lists of each kind of entity page, as candidates for pages of their own (`listings.py` decides which move).

An actor's positions with their evidence, the positions it voiced for others and those it relayed,
its quotes, conferences, affiliations and the sources naming it; a demand's positions on each side;
a conference's participants, meetings, quotes and sources; an instrument's supporters, opponents
and conditional positions (its issuers among the supporters), its invokers and the positions that
invoke it, the demands that refer to it and the positions on them, and its sources; a source's
notes, and the actors, conferences and instruments it names. Each list comes with the cost of its
items (`sizes.py`), the order its summary takes them in, and the anchors its items carry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..index import ClaimRecord, Index, Participation, QuoteRecord
from ..models import STANCES
from . import paging, profiles
from .sizes import Sizes
from .stances import Cells

ROW_BYTES = 8_000
"""Most estimated bytes of one row of a conference's participants or an instrument's invokers: an actor with
more positions there continues on the next rows (its name repeated), so that no row outgrows a page, and a
summary, which keeps at least two rows whatever their bytes (`paging.leading`), stays within its page too."""
NAMED_KINDS = ("actors", "conferences", "instruments")
"""What a source names, in the order its page lists them."""


@dataclass(frozen=True)
class Candidate:
    """A candidate list of an entity page: its items, how each is costed, and the anchors its items carry."""

    kind: str
    items: Sequence[Any]
    cost: Callable[[Any], int]
    summary: Sequence[Any] = ()
    """The items to choose the page's summary from, in the summary's order (the list itself when empty)."""
    anchors: Callable[[Any], Iterable[str]] = lambda item: ()
    weight: Callable[[Any], int] | None = None
    """An item's bytes on the entity page, when they differ from its bytes on the list's own pages (`cost`)."""

    @property
    def bytes(self) -> int:
        return sum((self.weight or self.cost)(item) for item in self.items)


def newest_first(index: Index, documents: Iterable[str]) -> list[str]:
    """Document ids by date, newest first (undated last), then by id: the order of every list of sources."""
    ids = sorted(set(documents))
    dated = sorted((d for d in ids if index.sources.documents[d].model.date), key=index.document_sort_key, reverse=True)
    return dated + [d for d in ids if not index.sources.documents[d].model.date]


def quotes_newest_first(quotes: Iterable[QuoteRecord]) -> list[QuoteRecord]:
    """Quotes by date, newest first (undated last), each date's in document and text order."""
    ordered = sorted(quotes, key=lambda q: (q.document, q.id))
    return sorted(ordered, key=lambda q: (q.date is None, "" if q.date is None else _inverted(q.date.value)))


def _inverted(value: str) -> str:
    # Sorting ascending on inverted digits sorts dates descending while keeping a stable order.
    return value.translate(str.maketrans("0123456789", "9876543210"))


def best_first(claims: Sequence[ClaimRecord]) -> list[ClaimRecord]:
    """First-hand claims first, each group newest first (undated last): the passages a summary shows."""
    by_id = sorted(claims, key=lambda c: (c.document, c.id))
    newest = sorted(by_id, key=lambda c: c.date.value if c.date else "", reverse=True)
    return sorted(newest, key=lambda c: not c.first_hand)


def spread(claims: Sequence[ClaimRecord], key: Callable[[ClaimRecord], object]) -> list[ClaimRecord]:
    """The claims in their order, but the first of each `key` (topic, actors) before any second one: a summary shows variety."""
    seen: set[object] = set()
    first: list[ClaimRecord] = []
    rest: list[ClaimRecord] = []
    for claim in claims:
        (rest if key(claim) in seen else first).append(claim)
        seen.add(key(claim))
    return first + rest


def _always(anchor: str) -> Callable[[Any], list[str]]:
    """Anchors of a list that moves whole: the heading's, held by its first page."""
    return lambda item: [anchor]


def _sides(claims: Sequence[ClaimRecord], sizes: Sizes) -> list[Candidate]:
    """A topic's positions on each side, each with its evidence, naming their actors (a demand's or an instrument's page)."""
    return [
        Candidate(stance, side, lambda c: sizes.card(c, actor=True), summary=spread(best_first(side), lambda c: c.actors), anchors=_always(stance))
        for stance in STANCES
        for side in [[c for c in claims if c.stance == stance]]
    ]


def actor_lists(index: Index, cells: Cells, sizes: Sizes, actor: str) -> list[Candidate]:
    pr = profiles.profile(index, cells, actor)
    claims = [c for _, groups in pr.themes for g in groups for c in g.cell.claims]
    # Keyed by topic too: an issuer's authorship of two instruments may share its document and id.
    firsts = {(g.first.document, g.first.id, g.topic): (g, theme) for theme, groups in pr.themes for g in groups}
    theme_firsts = {(groups[0].first.document, groups[0].first.id, groups[0].topic) for _, groups in pr.themes}

    def position_cost(c: ClaimRecord) -> int:
        key = (c.document, c.id, c.topic)
        heading = 450 + sizes.topic[c.topic] if key in firsts else 0
        return sizes.card(c, actor=False) + heading + (120 if key in theme_firsts else 0)

    def position_anchors(c: ClaimRecord) -> list[str]:
        key = (c.document, c.id, c.topic)
        if key not in firsts:
            return []
        group, theme = firsts[key]
        return [group.anchor, f"{group.anchor}-title", *([f"theme-{theme}"] if key in theme_firsts else [])]

    voiced = sorted(index.by_speaker.get(actor, []), key=lambda c: c.sort_key)
    relayed = sorted(index.by_relayer.get(actor, []), key=lambda c: c.sort_key)
    documents = newest_first(index, index.documents_by_actor.get(actor, []))
    return [
        Candidate("positions", claims, position_cost, summary=spread(best_first(claims), lambda c: c.topic), anchors=position_anchors),
        Candidate("voiced", voiced, sizes.row, summary=voiced[::-1]),
        Candidate("relayed", relayed, sizes.row, summary=relayed[::-1]),
        Candidate("quotes", quotes_newest_first(index.quotes_by_actor.get(actor, [])), sizes.quote),
        Candidate("conferences", index.conferences_by_actor.get(actor, []), sizes.participation),
        Candidate("affiliations", index.ties_of(actor), sizes.tie),
        Candidate("sources", documents, sizes.source_item),
    ]


def demand_lists(index: Index, sizes: Sizes, demand: str) -> list[Candidate]:
    claims = sorted(index.by_demand.get(demand, []), key=lambda c: c.sort_key)
    documents = newest_first(index, [*(c.document for c in claims), *index.sources.demands[demand].model.sources])
    return [*_sides(claims, sizes), Candidate("sources", documents, sizes.source_item)]


def conference_lists(index: Index, sizes: Sizes, conf: str) -> list[Candidate]:
    model = index.sources.conferences[conf].model
    documents = newest_first(index, [*index.documents_by_conference.get(conf, []), *model.sources])
    members = index.series_members.get(conf, [])
    return [
        Candidate("participants", participant_rows(index.participation.get(conf, []), sizes), sizes.participant),
        Candidate("series", members, sizes.member, summary=members[::-1]),
        Candidate("quotes", quotes_newest_first(index.quotes_by_conference.get(conf, [])), sizes.quote),
        Candidate("sources", documents, sizes.source_item),
    ]


def participant_rows(parts: Iterable[Participation], sizes: Sizes) -> list[Participation]:
    """A conference's participants as its table's rows: one each, but the positions of one that outgrows `ROW_BYTES` on several, in order."""
    rows: list[Participation] = []
    for p in parts:
        if sizes.participant(p) <= ROW_BYTES:
            rows.append(p)
            continue
        room = ROW_BYTES - sizes.participant(replace(p, claims=[]))
        rows += [replace(p, claims=list(run)) for run in paging.pack(sorted(p.claims, key=lambda c: c.sort_key), sizes.voiced_at, room)]
    return rows


def invoker_rows(rows: Iterable[tuple[str, list[tuple[str, str, int]]]], sizes: Sizes) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """An instrument's invokers as its table's rows: one each, but the stances of one that outgrows `ROW_BYTES` on several, in order."""
    split: list[tuple[str, list[tuple[str, str, int]]]] = []
    for actor, stances in rows:
        room = ROW_BYTES - sizes.invoker((actor, []))
        split += [(actor, list(run)) for run in paging.pack(stances, sizes.stance, room)]
    return split


def invokers(index: Index, instrument: str) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """Actors whose positions invoke `instrument`: (actor, [(stance, topic, number of positions)]), by actor.

    Only claims that list the instrument invoke it, and their stance is on their own topic (a demand,
    or another instrument), never on this one: opposing "parallel tracks outside Resolution 2254"
    invokes the resolution without opposing it. Stances on the instrument itself are its supporters
    and opponents (`Index.stances_by_instrument`).
    """
    counts: dict[str, dict[tuple[str, str], int]] = {}
    for claim in index.by_instrument.get(instrument, []):
        for actor in claim.actors:
            per_actor = counts.setdefault(actor, {})
            per_actor[(claim.stance, claim.topic)] = per_actor.get((claim.stance, claim.topic), 0) + 1
    return [
        (actor, [(stance, topic, n) for (stance, topic), n in sorted(per.items(), key=lambda item: (STANCES.index(item[0][0]), item[0][1]))])
        for actor, per in sorted(counts.items())
    ]


@dataclass(frozen=True)
class InstrumentPositions:
    """What an instrument page lists, kept apart: stances on it, claims that invoke it, positions on the demands that refer to it."""

    stances: dict[str, list[ClaimRecord]]
    """Stance → the positions on the instrument as a whole, in date order: claims on it, and its issuers' authorship (supports)."""
    actors: dict[str, list[str]]
    """Stance → the distinct actors taking it, by id."""
    invoking: list[ClaimRecord]
    """Claims that list the instrument while taking a stance on their own topic, in date order."""
    referring: list[ClaimRecord]
    """Claims on the demands that refer to the instrument, in date order: on those demands, not on the instrument."""
    documents: list[str]
    """The instrument's sources, newest first."""


def instrument_positions(index: Index, instrument: str) -> InstrumentPositions:
    on_it = sorted(index.stances_by_instrument.get(instrument, []), key=lambda c: c.sort_key)
    stances = {stance: [c for c in on_it if c.stance == stance] for stance in STANCES}
    demands = index.demands_by_instrument.get(instrument, [])
    return InstrumentPositions(
        stances=stances,
        actors={stance: sorted({a for c in side for a in c.actors}) for stance, side in stances.items()},
        invoking=sorted(index.by_instrument.get(instrument, []), key=lambda c: c.sort_key),
        referring=sorted((c for d in demands for c in index.by_demand.get(d, [])), key=lambda c: c.sort_key),
        documents=newest_first(index, [*index.documents_by_instrument.get(instrument, []), *index.sources.instruments[instrument].model.sources]),
    )


def instrument_lists(index: Index, sizes: Sizes, instrument: str) -> list[Candidate]:
    rows = invokers(index, instrument)
    most = sorted(rows, key=lambda row: (-sum(n for _, _, n in row[1]), row[0]))
    rows, most = invoker_rows(rows, sizes), invoker_rows(most, sizes)
    found = instrument_positions(index, instrument)
    invoking, on_demands = found.invoking, found.referring
    return [
        *_sides([c for side in found.stances.values() for c in side], sizes),
        Candidate("invokers", rows, sizes.invoker, summary=most),
        Candidate("demands", index.demands_by_instrument.get(instrument, []), sizes.demand_item),
        Candidate("positions", invoking, sizes.row, summary=invoking[::-1]),
        Candidate("referring", on_demands, sizes.row, summary=on_demands[::-1]),
        Candidate("sources", found.documents, sizes.source_item),
    ]


def named(index: Index, doc: str) -> list[tuple[str, str]]:
    """What a source names: ("actors", id), then ("conferences", id), then ("instruments", id), each in the source's order."""
    model = index.sources.documents[doc].model
    return [(kind, id) for kind in NAMED_KINDS for id in getattr(model, kind)]


def notes(index: Index, doc: str) -> list[tuple[str, Any, int]]:
    """A source's annotations as its page numbers them: ("claim", claim, n) in text order, then ("quote", quote, n)."""
    claims = index.claims_by_document.get(doc, [])
    quotes = index.quotes_by_document.get(doc, [])
    return [("claim", c, n) for n, c in enumerate(claims, start=1)] + [("quote", q, n) for n, q in enumerate(quotes, start=len(claims) + 1)]


def source_lists(index: Index, sizes: Sizes, doc: str) -> list[Candidate]:
    def weight(note: tuple[str, Any, int]) -> int:
        kind, record, _ = note
        return sizes.note(record) if kind == "claim" else sizes.quote_note(record)

    def cost(note: tuple[str, Any, int]) -> int:
        kind, record, _ = note
        return sizes.annotation(record) if kind == "claim" else sizes.quote(record)

    return [
        Candidate("annotations", notes(index, doc), cost, anchors=lambda note: [f"note-{note[1].id}"], weight=weight),
        Candidate("named", named(index, doc), sizes.named),
    ]
