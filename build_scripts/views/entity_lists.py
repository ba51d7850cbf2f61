"""The long lists of each kind of entity page, as candidates for pages of their own (`listings.py` decides which move).

An actor's positions with their evidence, the positions it voiced for others and those it relayed,
its quotes, conferences, affiliations, the sources naming it and its position histories; a demand's positions on each side;
a conference's participants, meetings, quotes and sources; an instrument's supporters, opponents
and conditional positions (its issuers among the supporters), its invokers and the positions that
invoke it, the demands that refer to it and the positions on them, and its sources; a source's
notes, and the actors, conferences and instruments it names. Each list comes with its items' bytes as
its own pages print them (each item rendered once through the list's macro: `Scale`), the order its
summary takes them in, and the anchors its items carry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..catalogues import SOURCE_LANGUAGE
from ..index import ClaimRecord, Index, Participation, QuoteRecord
from ..models import STANCES
from . import paging, profiles

if TYPE_CHECKING:  # the templates' context lists what this module finds: it imports this module
    from .histories import Told
    from .measure import Edition, Measure

LISTS = "_lists.html.j2"
MACROS = "_macros.html.j2"
SHIFTS = "_shifts.html.j2"
ROW_BYTES = 8_000
"""Most measured bytes of one row of a conference's participants or an instrument's invokers, or of one of an actor's
histories: an actor with more positions there (a history with more points) continues on the next rows (its name, its
topic repeated), so that no row outgrows a page, and a
summary, which keeps at least two rows whatever their bytes (`paging.leading`), stays within its page too."""
NAMED_KINDS = ("actors", "conferences", "instruments")
"""What a source names, in the order its page lists them."""


@dataclass(frozen=True)
class Candidate:
    """A candidate list of an entity page: its items, each one's measured bytes, and the anchors its items carry."""

    kind: str
    items: Sequence[Any]
    weigh: Callable[[Any], int]
    summary: Sequence[Any] = ()
    """The items to choose the page's summary from, in the summary's order (the list itself when empty)."""
    anchors: Callable[[Any], Iterable[str]] = lambda item: ()

    @property
    def bytes(self) -> int:
        return sum(self.weigh(item) for item in self.items)


class Scale:
    """Weighs the items of one entity's lists as the list's own pages print them: each item rendered once through the list's macro."""

    def __init__(self, measure: Measure, folder: str, id: str) -> None:
        self.measure = measure
        self.folder = folder
        self.id = id

    def here(self, kind: str) -> str:
        """A page after the first of the list: its links are as long as on any of the list's pages."""
        base = f"{self.folder}/{self.id}/{kind}"
        return paging.page_path(f"{base}/index.md", base, 2)

    def macro(self, kind: str, name: str, *args: Any, template: str = LISTS, edition: Edition | None = None, **keywords: Any) -> int:
        """Bytes of `name` of `template` called with `args` on a page of the list `kind` (an item's macro, such as `claim`, rendered once),
        in `edition` (English when not given)."""
        here = self.here(kind)
        edition = edition or self.measure.editions[0]
        macro = getattr(edition.module(template, here, tokens=True, id=self.id), name)
        html = edition.fragments.once(macro, *args, **keywords) if template == MACROS else macro(*args, **keywords)
        return len(edition.resolve(str(html), here).encode())

    def of(self, kind: str, macro: str, template: str = LISTS) -> Callable[[Any], int]:
        """An item's bytes in the list `kind` rendered by `macro` of `template`: the macro with the item, less the macro with none, in the
        heaviest edition (`Measure.weigh`)."""
        empty = {edition.language: self.macro(kind, macro, [], template=template, edition=edition) for edition in self.measure.editions}
        weights: dict[int, tuple[Any, int]] = {}

        def weigh(item: Any) -> int:
            found = weights.get(id(item))
            if found is None or found[0] is not item:
                size = self.measure.weigh(lambda edition: self.macro(kind, macro, [item], template=template, edition=edition) - empty[edition.language])
                found = weights[id(item)] = (item, size)
            return found[1]

        return weigh


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


def _sides(claims: Sequence[ClaimRecord], scale: Scale) -> list[Candidate]:
    """A topic's positions on each side, each with its evidence, naming their actors (a demand's or an instrument's page)."""
    return [
        Candidate(stance, side, scale.of(stance, "cards"), summary=spread(best_first(side), lambda c: c.actors), anchors=_always(stance))
        for stance in STANCES
        for side in [[c for c in claims if c.stance == stance]]
    ]


def actor_lists(index: Index, pr: profiles.Profile, scale: Scale, actor: str) -> list[Candidate]:
    claims = [c for _, groups in pr.themes for g in groups for c in g.cell.claims]
    # Keyed by topic too: an issuer's authorship of two instruments may share its document and id.
    firsts = {(g.first.document, g.first.id, g.topic): (g, theme) for theme, groups in pr.themes for g in groups}
    theme_firsts = {(groups[0].first.document, groups[0].first.id, groups[0].topic) for _, groups in pr.themes}
    weights: dict[str, dict[tuple[str, str, str], int]] = {}  # by edition
    for edition in scale.measure.editions:
        found: dict[tuple[str, str, str], int] = {}
        weights[edition.language] = found
        for _, groups in pr.themes:
            for g in groups:
                # Each position as its card, and the group's heading and shared line with its first position.
                # As the list's macro gives it (`demand_group`), so that each card is rendered once.
                omit = [*g.shared, *([] if g.cell.stance == "mixed" else ["stance"])]
                cards = {
                    (c.document, c.id, c.topic): scale.macro(
                        "positions", "claim", c, template=MACROS, edition=edition, show_actor=False, show_demand=False, here=actor, omit=omit
                    )
                    for c in g.cell.claims
                }
                heading = scale.macro("positions", "demand_group", g, g.cell.claims, actor, False, 3, edition=edition) - sum(cards.values())
                found |= cards
                found[(g.first.document, g.first.id, g.topic)] += heading

    heaviest = {key: scale.measure.weigh(lambda edition, key=key: weights[edition.language][key]) for key in weights[SOURCE_LANGUAGE]}  # type: ignore[misc]

    def position_weight(c: ClaimRecord) -> int:
        return heaviest[(c.document, c.id, c.topic)]

    def position_anchors(c: ClaimRecord) -> list[str]:
        key = (c.document, c.id, c.topic)
        if key not in firsts:
            return []
        group, theme = firsts[key]
        return [group.anchor, f"{group.anchor}-title", *([f"theme-{theme}"] if key in theme_firsts else [])]

    voiced = sorted(index.by_speaker.get(actor, []), key=lambda c: c.sort_key)
    relayed = sorted(index.by_relayer.get(actor, []), key=lambda c: c.sort_key)
    documents = newest_first(index, index.documents_by_actor.get(actor, []))
    of_actor = scale.measure.views.histories.by_actor.get(actor)
    histories = of_actor.told if of_actor else ()
    told = scale.of("histories", "histories", template=SHIFTS)
    return [
        Candidate("positions", claims, position_weight, summary=spread(best_first(claims), lambda c: c.topic), anchors=position_anchors),
        Candidate("voiced", voiced, scale.of("voiced", "rows"), summary=voiced[::-1]),
        Candidate("relayed", relayed, scale.of("relayed", "relayed"), summary=relayed[::-1]),
        Candidate("quotes", quotes_newest_first(index.quotes_by_actor.get(actor, [])), scale.of("quotes", "quotes")),
        Candidate("conferences", index.conferences_by_actor.get(actor, []), scale.of("conferences", "participation")),
        Candidate("affiliations", index.ties_of(actor), scale.of("affiliations", "ties")),
        Candidate("sources", documents, scale.of("sources", "source_items")),
        Candidate("histories", history_runs(histories, told), told, anchors=lambda t: [] if t.continued else [t.anchor]),
    ]


def demand_lists(index: Index, scale: Scale, demand: str) -> list[Candidate]:
    claims = sorted(index.by_demand.get(demand, []), key=lambda c: c.sort_key)
    documents = newest_first(index, [*(c.document for c in claims), *index.sources.demands[demand].model.sources])
    return [*_sides(claims, scale), Candidate("sources", documents, scale.of("sources", "source_items"))]


def conference_lists(index: Index, scale: Scale, conf: str) -> list[Candidate]:
    model = index.sources.conferences[conf].model
    documents = newest_first(index, [*index.documents_by_conference.get(conf, []), *model.sources])
    members = index.series_members.get(conf, [])
    weigh = scale.of("participants", "participants")
    return [
        Candidate("participants", participant_rows(participants(index, conf), weigh), weigh),
        Candidate("joint-positions", joint_positions(index, conf), scale.of("joint-positions", "joint_positions"), anchors=_always("joint-positions")),
        Candidate("series", members, scale.of("series", "members"), summary=members[::-1]),
        Candidate("quotes", quotes_newest_first(index.quotes_by_conference.get(conf, [])), scale.of("quotes", "quotes")),
        Candidate("sources", documents, scale.of("sources", "source_items")),
    ]


@dataclass
class Participant(Participation):
    """A participant of a conference as its page lists it: its own positions there, and how many joint ones it signed, listed once apart."""

    joint: int = 0


@dataclass(frozen=True)
class JointGroup:
    """Joint positions taken at a conference in one document by the same signatories: listed once, naming them, not under each."""

    document: str
    actors: tuple[str, ...]
    claims: tuple[ClaimRecord, ...]


def participants(index: Index, conf: str) -> list[Participant]:
    """A conference's participants in order, each with its own positions there; its joint ones are counted, and listed once (`joint_positions`)."""
    return [
        Participant(p.actor, p.conference, p.statuses, [c for c in p.claims if not c.joint], sum(1 for c in p.claims if c.joint))
        for p in index.participation.get(conf, [])
    ]


def joint_positions(index: Index, conf: str) -> list[JointGroup]:
    """A conference's joint positions, each claim once (by document and id), grouped by document and signatories, in date order."""
    claims = {(c.document, c.id): c for p in index.participation.get(conf, []) for c in p.claims if c.joint}
    groups: dict[tuple[str, tuple[str, ...]], list[ClaimRecord]] = {}
    for claim in sorted(claims.values(), key=lambda c: c.sort_key):
        groups.setdefault((claim.document, claim.actors), []).append(claim)
    return [JointGroup(document, actors, tuple(found)) for (document, actors), found in groups.items()]


def participant_rows(parts: Iterable[Participation], weigh: Callable[[Participation], int]) -> list[Participation]:
    """A conference's participants as its table's rows: one each, but the positions of one that outgrows `ROW_BYTES` on several, in order."""
    rows: list[Participation] = []
    for p in parts:
        if weigh(p) <= ROW_BYTES:
            rows.append(p)
            continue
        bare = weigh(replace(p, claims=[]))
        # Each position as it adds to a row of others (separator included): the row with it twice, less the row with it once.
        weighed = [(c, weigh(replace(p, claims=[c, c])) - weigh(replace(p, claims=[c]))) for c in sorted(p.claims, key=lambda c: c.sort_key)]
        rows += [replace(p, claims=[c for c, _ in run]) for run in paging.pack(weighed, lambda pair: pair[1], ROW_BYTES - bare)]
    return rows


def history_runs(histories: Iterable[Told], weigh: Callable[[Told], int]) -> list[Told]:
    """An actor's histories as its list's items: one each, but the points of one that outgrows `ROW_BYTES` in several runs, in order."""
    runs: list[Told] = []
    for told in histories:
        if weigh(told) <= ROW_BYTES:
            runs.append(told)
            continue
        bare = weigh(told.run(0, 0))
        each = [weigh(told.run(n, n + 1)) - bare for n in range(len(told.sides))]
        cut = paging.pack(range(len(told.sides)), each.__getitem__, ROW_BYTES - bare)
        runs += [told.run(run[0], run[-1] + 1) for run in cut]
    return runs


Row = tuple[str, list[tuple[str, str, int]]]


def invoker_rows(rows: Iterable[Row], weigh: Callable[[Row], int]) -> list[Row]:
    """An instrument's invokers as its table's rows: one each, but the stances of one that outgrows `ROW_BYTES` on several, in order."""
    split: list[Row] = []
    for actor, stances in rows:
        if weigh((actor, stances)) <= ROW_BYTES:
            split.append((actor, stances))
            continue
        bare = weigh((actor, []))
        each = {stance: weigh((actor, [stance, stance])) - weigh((actor, [stance])) for stance in stances}
        split += [(actor, list(run)) for run in paging.pack(stances, each.__getitem__, ROW_BYTES - bare)]
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


def issued_together(positions: Iterable[ClaimRecord]) -> list[ClaimRecord]:
    """Stances on an instrument with its issuers' authorship said once per source and part (issued, adopted, signed), naming them all.

    The authorship of several issuers that one document gives is one joint position: listed once with its signatories, not once each.
    """
    together: dict[tuple[str, str], list[ClaimRecord]] = {}
    out: list[ClaimRecord] = []
    for claim in positions:
        if not claim.authorship:
            out.append(claim)
            continue
        key = (claim.document, claim.id.partition("-")[0])
        if key not in together:
            together[key] = []
            out.append(claim)
        together[key].append(claim)
    merged = {
        (c.document, c.id): replace(c, actors=tuple(a for d in together[(c.document, c.id.partition("-")[0])] for a in d.actors)) for c in out if c.authorship
    }
    return [merged.get((c.document, c.id), c) for c in out]


def instrument_positions(index: Index, instrument: str) -> InstrumentPositions:
    on_it = issued_together(sorted(index.stances_by_instrument.get(instrument, []), key=lambda c: c.sort_key))
    stances = {stance: [c for c in on_it if c.stance == stance] for stance in STANCES}
    demands = index.demands_by_instrument.get(instrument, [])
    return InstrumentPositions(
        stances=stances,
        actors={stance: sorted({a for c in side for a in c.actors}) for stance, side in stances.items()},
        invoking=sorted(index.by_instrument.get(instrument, []), key=lambda c: c.sort_key),
        referring=sorted((c for d in demands for c in index.by_demand.get(d, [])), key=lambda c: c.sort_key),
        documents=newest_first(index, [*index.documents_by_instrument.get(instrument, []), *index.sources.instruments[instrument].model.sources]),
    )


def instrument_lists(index: Index, scale: Scale, instrument: str) -> list[Candidate]:
    rows = invokers(index, instrument)
    most = sorted(rows, key=lambda row: (-sum(n for _, _, n in row[1]), row[0]))
    weigh = scale.of("invokers", "invokers")
    rows, most = invoker_rows(rows, weigh), invoker_rows(most, weigh)
    found = instrument_positions(index, instrument)
    invoking, on_demands = found.invoking, found.referring
    return [
        *_sides([c for side in found.stances.values() for c in side], scale),
        Candidate("invokers", rows, weigh, summary=most),
        Candidate("demands", index.demands_by_instrument.get(instrument, []), scale.of("demands", "demands")),
        Candidate("positions", invoking, scale.of("positions", "rows"), summary=invoking[::-1]),
        Candidate("referring", on_demands, scale.of("referring", "rows"), summary=on_demands[::-1]),
        Candidate("sources", found.documents, scale.of("sources", "source_items")),
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


def source_lists(index: Index, scale: Scale, doc: str) -> list[Candidate]:
    return [
        Candidate("annotations", notes(index, doc), scale.of("annotations", "annotations"), anchors=lambda note: [f"note-{note[1].id}"]),
        Candidate("named", named(index, doc), scale.of("named", "named")),
    ]
