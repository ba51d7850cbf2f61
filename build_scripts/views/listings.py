"""Long lists of entity pages: summarised on the page, given in full on numbered pages of their own.

Each kind of entity page has its lists (`entity_lists.py`: an actor's positions, a demand's sides,
an instrument's supporters and invokers, a source's notes...). While an entity page's lists fit
its share of the page budget they stay whole on the page; otherwise the longest are moved, one at a time, to pages of their own
(`actors/<id>/<list>/`, `…/<list>/2/`), and the page keeps their counts, their leading items
and a link. Nothing is dropped: every item of a moved list is on exactly one of its pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..index import ClaimRecord, Index
from ..pages import PageSpec
from . import paging, profiles
from .agreement import RELATED_DEMANDS, Agreement
from .entity_lists import (
    ROW_BYTES,
    Candidate,
    actor_lists,
    conference_lists,
    demand_lists,
    instrument_lists,
    invoker_rows,
    invokers,
    newest_first,
    notes,
    participant_rows,
    quotes_newest_first,
    source_lists,
)
from .network import Network
from .paging import Paged, leading
from .sizes import ISSUERS_NAMED, ORGANISERS_NAMED, Sizes
from .stances import Cells
from .timeline import Event, Timeline

__all__ = [
    "ROW_BYTES", "Listing", "Listings", "compute", "invoker_rows", "invokers", "newest_first", "notes",
    "pages", "participant_rows", "quotes_newest_first", "source_listings", "view_sections", "with_lists",
]  # fmt: skip

ENTITY_BYTES = 36_000
"""Estimated bytes of an entity page: its lists may take what its other sections (facts, description,
an actor's agreement, network and timeline sections) leave. With Material's theme (about 20 KB)
and room for the estimates' error, the page stays under 60 KB."""
LISTS_FLOOR = 4_000
"""Bytes an entity page's lists may take however heavy its other sections."""
SUMMARY_FRAME = 400
"""The line before a list's summary and the link after it."""
SAVING = 1_500
"""Least bytes moving a list off its page must save: a list barely longer than its summary stays whole."""
ACTORS_NAMED = 20
"""Actors a demand or instrument page names on a side whose positions have pages of their own; those pages name them all."""


@dataclass(frozen=True)
class Rule:
    """How one kind of list is shown once it has pages of its own."""

    label: str
    """What the list is, in a title: `positions voiced as speaker`."""
    shown: int
    """Most items the entity page keeps, as the list's summary."""
    summary: int
    """Most estimated bytes of those items."""


RULES: dict[tuple[str, str], Rule] = {
    ("actors", "positions"): Rule("positions with their evidence, by theme and demand", 3, 3_500),
    ("actors", "voiced"): Rule("positions voiced as speaker", 4, 3_000),
    ("actors", "relayed"): Rule("relayed positions", 4, 3_000),
    ("actors", "quotes"): Rule("quotes", 3, 2_500),
    ("actors", "conferences"): Rule("conferences and meetings", 6, 2_000),
    ("actors", "affiliations"): Rule("people and affiliations", 6, 2_000),
    ("actors", "sources"): Rule("sources that name it", 5, 1_800),
    ("demands", "supports"): Rule("supporting positions", 3, 4_500),
    ("demands", "opposes"): Rule("opposing positions", 3, 4_500),
    ("demands", "conditional"): Rule("conditional positions", 3, 4_500),
    ("demands", "sources"): Rule("sources", 8, 2_500),
    ("conferences", "participants"): Rule("participants and their positions", 12, 6_000),
    ("conferences", "series"): Rule("meetings of the series", 10, 2_500),
    ("conferences", "quotes"): Rule("quotes", 3, 2_500),
    ("conferences", "sources"): Rule("sources", 8, 2_500),
    ("instruments", "supports"): Rule("supporting positions", 3, 4_500),
    ("instruments", "opposes"): Rule("opposing positions", 3, 4_500),
    ("instruments", "conditional"): Rule("conditional positions", 3, 4_500),
    ("instruments", "invokers"): Rule("actors whose positions invoke it", 10, 3_500),
    ("instruments", "demands"): Rule("demands that refer to it", 10, 2_000),
    ("instruments", "positions"): Rule("positions that invoke it", 10, 6_000),
    ("instruments", "referring"): Rule("positions on demands that refer to it", 10, 6_000),
    ("instruments", "sources"): Rule("sources", 8, 2_500),
    ("sources", "annotations"): Rule("annotations", 0, 0),
    ("sources", "named"): Rule("actors, conferences and instruments named", 30, 3_000),
}
"""Every kind of list, by entity folder. A summary is a list's leading items in the order its candidate
gives for summaries (`Candidate.summary`): the newest first, the passages first-hand and newest first from as
many actors or demands as there are, the most active invokers."""


@dataclass(frozen=True)
class Listing:
    """A list moved off an entity page onto numbered pages of its own."""

    folder: str
    """The entity's folder: `actors`, `demands`, `conferences`, `instruments`, `sources`."""
    id: str
    kind: str
    name: str
    """The entity's name, for the pages' titles."""
    pages: Paged[Any]
    summary: tuple[Any, ...] = ()
    """The leading items the entity page keeps."""
    anchors: Mapping[str, int] = field(default_factory=dict)
    """Anchors of the entity page whose content moved here → the number of the page that holds it."""

    @property
    def rule(self) -> Rule:
        return RULES[(self.folder, self.kind)]

    @property
    def entity(self) -> str:
        """The entity page's path."""
        return f"{self.folder}/{self.id}.md"

    @property
    def first(self) -> str:
        return self.pages.paths[0]

    @property
    def total(self) -> int:
        """Items of the whole list; an actor whose row continues on the next (`ROW_BYTES`) counts once."""
        if self.kind not in ("participants", "invokers"):
            return self.pages.total
        rows = [row for chunk in self.pages.chunks for row in chunk]
        return len({row.actor if self.kind == "participants" else row[0] for row in rows})

    def title(self, number: int) -> str:
        """`Syrian National Council: quotes`, `…: quotes (page 2 of 3)`."""
        base = f"{self.name}: {self.rule.label}"
        return base if self.pages.count == 1 else f"{base} (page {number} of {self.pages.count})"


@dataclass(frozen=True)
class Run:
    """On a page of an actor's positions: consecutive claims on one topic (`continued` when the topic began on an earlier page)."""

    group: profiles.TopicGroup
    claims: tuple[ClaimRecord, ...]
    continued: bool


@dataclass(frozen=True)
class Listings:
    """Every list that has pages of its own, by (entity page path, kind)."""

    lists: dict[tuple[str, str], Listing]
    moved: dict[tuple[str, str], str] = field(default_factory=dict)
    """(entity page path, anchor) → the path of the listing page that now holds the anchor."""
    actors_named: int = ACTORS_NAMED
    organisers_named: int = ORGANISERS_NAMED
    issuers_named: int = ISSUERS_NAMED

    def of(self, entity: str, kind: str) -> Listing | None:
        """The listing of `kind` of the entity page `entity`, if its list has pages of its own."""
        return self.lists.get((entity, kind))

    def locate(self, path: str, anchor: str) -> str:
        """The page that holds `anchor` of the page `path`: a listing page when the content moved there."""
        return self.moved.get((path, anchor), path)

    @staticmethod
    def runs(claims: Iterable[ClaimRecord], profile: profiles.Profile) -> list[tuple[str, list[Run]]]:
        """A page of an actor's positions by theme, then topic: (theme, runs), in the list's order."""
        groups = {g.topic: (theme, g) for theme, in_theme in profile.themes for g in in_theme}
        themes: list[tuple[str, list[Run]]] = []
        for claim in claims:
            theme, group = groups[claim.topic]
            if not themes or themes[-1][0] != theme:
                themes.append((theme, []))
            runs = themes[-1][1]
            if runs and runs[-1].group.topic == claim.topic:
                runs[-1] = Run(group, (*runs[-1].claims, claim), runs[-1].continued)
            else:
                runs.append(Run(group, (claim,), claim != group.first))
        return themes


def compute(index: Index, cells: Cells, sections: Mapping[str, int] | None = None, page_bytes: int | None = None) -> Listings:
    """Which lists of every entity page get pages of their own, and how they are cut.

    `sections`: entity page path → estimated bytes of the views' sections on it (`view_sections`).
    """
    sizes = Sizes(index)
    s = index.sources
    sections = sections or {}
    entity_bytes = page_bytes or ENTITY_BYTES

    def budget(path: str) -> int:
        return max(LISTS_FLOOR, entity_bytes - sizes.frame(path) - sections.get(path, 0))

    found: list[Listing] = []
    for actor in s.actors:
        found += _plan("actors", actor, _actor_name(index, actor), actor_lists(index, cells, sizes, actor), budget(f"actors/{actor}.md"))
    for demand in s.demands:
        found += _plan("demands", demand, s.demands[demand].model.statement, demand_lists(index, sizes, demand), budget(f"demands/{demand}.md"))
    for conf in s.conferences:
        name = s.conferences[conf].model.name.value
        found += _plan("conferences", conf, name, conference_lists(index, sizes, conf), budget(f"conferences/{conf}.md"))
    for instrument in s.instruments:
        name = s.instruments[instrument].model.name.value
        found += _plan("instruments", instrument, name, instrument_lists(index, sizes, instrument), budget(f"instruments/{instrument}.md"))
    for doc in s.documents:
        found += source_listings(index, sizes, doc, entity_bytes)
    return _listings(found)


def _listings(found: list[Listing], actors_named: int = ACTORS_NAMED) -> Listings:
    lists = {(listing.entity, listing.kind): listing for listing in found}
    moved = {(listing.entity, anchor): listing.pages.paths[n - 1] for listing in found for anchor, n in listing.anchors.items()}
    return Listings(lists, moved, actors_named)


def with_lists(data: Listings, entities: Mapping[str, list[Listing]]) -> Listings:
    """`data` with the listings of some entity pages replaced: `entities` maps each page's path to its listings now."""
    kept = [listing for (entity, _kind), listing in data.lists.items() if entity not in entities]
    return _listings(kept + [listing for found in entities.values() for listing in found], data.actors_named)


def source_listings(index: Index, sizes: Sizes, doc: str, page_bytes: int = ENTITY_BYTES) -> list[Listing]:
    """The lists of a source's page that get pages of their own (none unless the page would be too long)."""
    # A source's text stays whole on its page; the notes beside it move when text and notes do not fit together.
    title = index.sources.documents[doc].model.title
    return _plan("sources", doc, title, source_lists(index, sizes, doc), page_bytes - sizes.frame(f"sources/{doc}.md"))


def view_sections(index: Index, cells: Cells, agreed: Agreement, net: Network, tl: Timeline) -> dict[str, int]:
    """Estimated bytes of the views' sections on entity pages: an actor's positions at a glance, agreement, network and timeline; a demand's timeline."""
    sizes = Sizes(index)
    found: dict[str, int] = {}
    for actor in index.sources.actors:
        pr = profiles.profile(index, cells, actor)
        glance = sum(100 + sizes.topic[g.topic] for _, groups, _ in pr.glance() for g in groups) + 120 * len(pr.themes)
        pairs = [*agreed.agrees(actor), *agreed.differs(actor)]
        shown = sum(400 + sizes.actor[p.other(actor)] + sum(240 + sizes.topic[d] for d in (p.congruence + p.conflict)[:RELATED_DEMANDS]) for p in pairs)
        graph = net.neighbourhood(actor)
        drawn = 800 + len(net.svgs[graph.key].encode()) + 320 * len(graph.edges) if graph else 0
        found[f"actors/{actor}.md"] = glance + (900 + shown if pairs else 300) + drawn + _timeline_section(sizes, tl, tl.by_actor.get(actor, ()), actor=False)
    for demand in index.sources.demands:
        found[f"demands/{demand}.md"] = _timeline_section(sizes, tl, tl.by_demand.get(demand, ()), demand=False)
    return found


def _timeline_section(sizes: Sizes, tl: Timeline, events: Sequence[Event], actor: bool = True, demand: bool = True) -> int:
    """An actor's or demand's latest positions as table rows, and links to the timeline pages that hold them all."""
    if not events:
        return 0
    rows = sum(sizes.row(e.claim, actor, demand) for e in tl.recent(events) if e.claim is not None)
    years, _ = tl.pages_by_year(events)
    return 1_200 + rows + sum(90 * len(found) for _, found in years)


def _plan(folder: str, id: str, name: str, candidates: list[Candidate], budget: int) -> list[Listing]:
    """Move the longest lists to pages of their own, one at a time, until the page's lists fit `budget`.

    A list is moved only when its summary and link weigh much less than the list: a short list stays whole.
    """
    weights = {c.kind: c.bytes for c in candidates}
    moved: list[Listing] = []
    for candidate in sorted(candidates, key=lambda c: (-weights[c.kind], c.kind)):
        if sum(weights.values()) <= budget:
            break
        listing = _listing(folder, id, name, candidate)
        kept = sum(candidate.cost(item) for item in listing.summary) + SUMMARY_FRAME + 250 * min(listing.pages.count, 12)
        if weights[candidate.kind] - kept < SAVING:
            continue
        moved.append(listing)
        weights[candidate.kind] = kept
    return sorted(moved, key=lambda listing: listing.kind)


def _listing(folder: str, id: str, name: str, candidate: Candidate) -> Listing:
    rule = RULES[(folder, candidate.kind)]
    base = f"{folder}/{id}/{candidate.kind}"
    pages = Paged.of(candidate.items, candidate.cost, f"{base}/index.md", base, paging.PAGE_BYTES)
    summary = leading(candidate.summary or candidate.items, candidate.cost, rule.summary, rule.shown)
    anchors: dict[str, int] = {}
    for number, _, chunk in pages.pages():
        for item in chunk:
            for anchor in candidate.anchors(item):
                anchors.setdefault(anchor, number)
    return Listing(folder, id, candidate.kind, name, pages, summary, anchors)


def _actor_name(index: Index, actor: str) -> str:
    model = index.sources.actors[actor].model
    return f"{model.name.value} ({model.acronym.value})" if model.acronym else model.name.value


def pages(data: Listings) -> list[PageSpec]:
    """Every listing page."""
    return [
        PageSpec(path, listing.title(number), "listing.html.j2", {"listing": listing, "id": listing.id, "number": number, "items": chunk})
        for listing in data.lists.values()
        for number, path, chunk in listing.pages.pages()
    ]
