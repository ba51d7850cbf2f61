"""Long lists of entity pages: summarised on the page, given in full on numbered pages of their own.

Each kind of entity page has its lists (`entity_lists.py`: an actor's positions, a demand's sides,
an instrument's supporters and invokers, a source's notes...). Every entity page is rendered and
weighed: while it fits the page budget its lists stay whole on it; otherwise the longest are moved,
one at a time, to pages of their own (`actors/<id>/<list>/`, `…/<list>/2/`), until the page, rendered
again, fits. The page keeps their counts, their leading items and a link. Nothing is dropped: every
item of a moved list is on exactly one of its pages, and they are cut by their measured bytes.

Each item is rendered once (`templating.Fragments`): weighing it, showing it on the entity page however
many times that page is weighed, and showing it on the list's own pages reuse that HTML, whose links
are put in for each page. The entity page as last weighed is the page the render stage publishes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..catalogues import N_, SOURCE_LANGUAGE
from ..index import ClaimRecord, Index
from ..pages import GeneratedPage, PageSpec, Site
from . import fitting, paging, profiles
from .entity_lists import (
    ROW_BYTES,
    Candidate,
    Scale,
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
from .measure import Measure
from .paging import Paged, leading
from .templating import Fragments

__all__ = [
    "ROW_BYTES", "Listing", "Listings", "compute", "invoker_rows", "invokers", "newest_first", "notes",
    "page_specs", "participant_rows", "plan", "quotes_newest_first", "with_lists",
]  # fmt: skip

SAVING = 1_500
"""Least bytes moving a list off its page must save: a list barely longer than its summary stays whole."""
TIGHTER = (0.5, 0.0)
"""The shares of its rule's summary bytes a moved list keeps on a page that outgrows 60 KB in some edition with every list
that saves enough moved (a source's verbatim text, an actor's graph): half, then its two leading items."""
ACTORS_NAMED = 20
"""Actors a demand or instrument page names on a side whose positions have pages of their own; those pages name them all."""
ORGANISERS_NAMED = 12
"""Organisers a conference page names among its facts; its table of participants, organisers first, names them all."""
ISSUERS_NAMED = 12
"""Issuers an instrument page names among its facts, for each part (issued, adopted, signed); its supporters, issuers among them, are all listed."""


@dataclass(frozen=True)
class Rule:
    """How one kind of list is shown once it has pages of its own."""

    label: str
    """What the list is, in a title: `positions voiced as speaker`."""
    shown: int
    """Most items the entity page keeps, as the list's summary."""
    summary: int
    """Most measured bytes of those items."""


RULES: dict[tuple[str, str], Rule] = {
    ("actors", "positions"): Rule(N_("positions with their evidence, by theme and demand"), 3, 3_500),
    ("actors", "voiced"): Rule(N_("positions voiced as speaker"), 4, 3_000),
    ("actors", "relayed"): Rule(N_("relayed positions"), 4, 3_000),
    ("actors", "quotes"): Rule(N_("quotes"), 3, 2_500),
    ("actors", "conferences"): Rule(N_("conferences and meetings"), 6, 2_000),
    ("actors", "affiliations"): Rule(N_("people and affiliations"), 6, 2_000),
    ("actors", "sources"): Rule(N_("sources that name it"), 5, 1_800),
    ("actors", "histories"): Rule(N_("position histories"), 0, 0),
    ("demands", "supports"): Rule(N_("supporting positions"), 3, 4_500),
    ("demands", "opposes"): Rule(N_("opposing positions"), 3, 4_500),
    ("demands", "conditional"): Rule(N_("conditional positions"), 3, 4_500),
    ("demands", "sources"): Rule(N_("sources"), 8, 2_500),
    ("conferences", "participants"): Rule(N_("participants and their positions"), 12, 6_000),
    ("conferences", "joint-positions"): Rule(N_("joint positions, each with its signatories"), 3, 4_000),
    ("conferences", "series"): Rule(N_("meetings of the series"), 10, 2_500),
    ("conferences", "quotes"): Rule(N_("quotes"), 3, 2_500),
    ("conferences", "sources"): Rule(N_("sources"), 8, 2_500),
    ("instruments", "supports"): Rule(N_("supporting positions"), 3, 4_500),
    ("instruments", "opposes"): Rule(N_("opposing positions"), 3, 4_500),
    ("instruments", "conditional"): Rule(N_("conditional positions"), 3, 4_500),
    ("instruments", "invokers"): Rule(N_("actors whose positions invoke it"), 10, 3_500),
    ("instruments", "demands"): Rule(N_("demands that refer to it"), 10, 2_000),
    ("instruments", "positions"): Rule(N_("positions that invoke it"), 10, 6_000),
    ("instruments", "referring"): Rule(N_("positions on demands that refer to it"), 10, 6_000),
    ("instruments", "sources"): Rule(N_("sources"), 8, 2_500),
    ("sources", "annotations"): Rule(N_("annotations"), 0, 0),
    ("sources", "named"): Rule(N_("actors, conferences and instruments named"), 30, 3_000),
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
    rendered: dict[str, GeneratedPage] = field(default_factory=dict)
    """Entity pages as last weighed, by path, their links as `fragments` tokens: the render stage puts in their links (each entity page is rendered once)."""
    fragments: Fragments | None = None
    """The items rendered once, shared by the entity pages, their lists' pages and the render stage."""
    editions: dict[str, tuple[Fragments, dict[str, GeneratedPage]]] = field(default_factory=dict)
    """The same for each other edition, by language: its items rendered once, and its entity pages as last weighed (its renderer
    shows them as they are, with their links: each entity page is rendered once in each edition)."""
    outgrown: frozenset[str] = frozenset()
    """Entity pages over 60 KB in some edition with every list that can move moved (`network_periods.fit` draws an actor's graph smaller)."""

    def release(self) -> None:
        """Forget the entity pages as weighed and the items rendered for them, once the render stage has taken them: what
        they were kept for is done, and a later render (a preview's edit, a test's) renders what it needs again."""
        self.rendered.clear()
        if self.fragments is not None:
            self.fragments.release()
        for fragments, rendered in self.editions.values():
            rendered.clear()
            fragments.release()

    def weighed(self, fragments: Fragments, path: str) -> GeneratedPage | None:
        """The entity page at `path` as last weighed in the edition whose items are `fragments`, if it was."""
        if fragments is self.fragments:
            return self.rendered.get(path)
        return next((rendered.get(path) for found, rendered in self.editions.values() if found is fragments), None)

    def forget(self, path: str) -> None:
        """The entity page at `path` as weighed forgotten in every edition (it is rendered again: `network_periods.fit`)."""
        self.rendered.pop(path, None)
        for _, rendered in self.editions.values():
            rendered.pop(path, None)

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


def compute(index: Index, views: Any, site: Site) -> Listings:
    """Which lists of every entity page get pages of their own, and how they are cut: each page rendered with `views` and weighed.

    `views`: every other view, computed (the entity pages show them). With more than one edition, each page is planned by its English
    bytes and then fitted in the other editions, half of the pages in a second process where one can be forked (`fitting.planned`).
    """
    measure = Measure(index, site, views)
    found: list[Listing] = []
    weighed: dict[str, GeneratedPage] = {}
    others: dict[str, dict[str, GeneratedPage]] = {edition.language: {} for edition in measure.editions[1:]}
    outgrown: set[str] = set()
    if len(measure.editions) > 1:
        planned = fitting.planned(index, views, measure, outgrown, others)
    else:
        planned = []
        for spec in views.entities:
            planned.append(plan(index, views, measure, spec, outgrown, others))
            # The items of the lists that moved are shown again, on their own pages; the others are on this page only.
            measure.keep(moved_items(planned[-1][0]))
    for spec, (lists, page) in zip(views.entities, planned, strict=True):
        weighed[spec.path] = page
        found += lists
    editions = {edition.language: (edition.fragments, others[edition.language]) for edition in measure.editions[1:]}
    return replace(_listings(found), rendered=weighed, fragments=measure.fragments, editions=editions, outgrown=frozenset(outgrown))


def moved_items(lists: Iterable[Listing]) -> Iterator[Any]:
    """The items of lists that moved: shown again on their own pages, so kept rendered (`Measure.keep`)."""
    return (item for listing in lists for chunk in listing.pages.chunks for item in chunk)


def plan(
    index: Index, views: Any, measure: Measure, spec: PageSpec, outgrown: set[str] | None = None, others: dict[str, dict[str, GeneratedPage]] | None = None
) -> tuple[list[Listing], GeneratedPage]:
    """The lists of one entity page that move to pages of their own, and the page as rendered with them (its links as tokens).

    The page is rendered and weighed whole, with its links as they are before any list moves; over the
    budget, its longest list moves (unless its summary and link weigh nearly as much), and the page is
    rendered and weighed again, until it fits. Its items are rendered once, whatever the renders of the page.
    The budget is the English page's (`PAGE_BYTES`), and the fragment budget of every edition's (`Measure.sized`):
    a page that outgrows 60 KB in some edition moves lists however little they save, with shorter summaries
    (`TIGHTER`); one still over is named in `outgrown`.

    The lists are cut by their English bytes first, as the English edition alone would cut them; the page and its lists'
    pages so cut are then rendered in each other edition, and only where one of them outgrows its fragment budget there
    is the page planned again by every edition's bytes (its items by the heaviest of their renderings): `fitting.py`.

    `others`: given the page, and its lists' pages, as last weighed in each other edition, by language (`Listings.editions`).
    Lists of the page that `views` already has (views computed whole) are put back first: the page is planned, and weighed in
    every edition, from its lists whole, so the lists it returns are the ones its page as weighed shows.
    """
    if len(measure.editions) > 1:
        first = fitting.drafted(index, views, measure, spec)
        return fitting.settled(index, measure, first, fitting.fitted(measure.editions[1:], first), outgrown, others)
    moved, page, _ = plan_by(index, whole(views, spec), measure, spec, outgrown)
    return moved, page


def whole(views: Any, spec: PageSpec) -> Any:
    """`views` with the lists of the page at `spec` put back on it, if they had moved."""
    if any(entity == spec.path for entity, _ in views.listings.lists):
        return replace(views, listings=with_lists(views.listings, {spec.path: []}))
    return views


def plan_by(
    index: Index, views: Any, measure: Measure, spec: PageSpec, outgrown: set[str] | None = None
) -> tuple[list[Listing], GeneratedPage, dict[str, str]]:
    """`plan` by the bytes of `measure`'s editions, and the page's draft in each of them."""
    folder, _, id = spec.path.removesuffix(".md").partition("/")

    def weigh(shown: Any) -> tuple[dict[str, str], int, int]:  # the drafts, the English bytes, the page's excess over its budget in any edition
        return measure.sized(spec.path, spec.title, spec.template, shown, spec.context)

    drafts, size, excess = weigh(views)
    moved: list[Listing] = []
    if size <= paging.PAGE_BYTES and excess <= 0:
        return moved, GeneratedPage(spec.path, spec.title, drafts[SOURCE_LANGUAGE]), drafts
    candidates = sorted(_candidates(index, spec, Scale(measure, folder, id), folder, id), key=lambda c: (-c.bytes, c.kind))
    for share in (1, *TIGHTER):
        if share != 1:  # still over 60 KB in some edition with the lists moved: they keep shorter summaries, and others may move
            if excess <= 0:
                break
            moved = [_listing(folder, id, spec.title, next(c for c in candidates if c.kind == m.kind), share) for m in moved]
            drafts, size, excess = weigh(replace(views, listings=with_lists(views.listings, {spec.path: moved})))
        for candidate in candidates:
            if any(m.kind == candidate.kind for m in moved):
                continue
            listing = _listing(folder, id, spec.title, candidate, share)
            # A list that saves little stays, unless the page outgrows 60 KB in some edition (a source's verbatim text, an actor's graph).
            if candidate.bytes - sum(candidate.weigh(item) for item in listing.summary) < SAVING and excess <= 0:
                continue
            weighed = weigh(replace(views, listings=with_lists(views.listings, {spec.path: [*moved, listing]})))
            if excess > 0 and weighed[2] >= excess:  # its summary and link weigh more than the list
                continue
            moved.append(listing)
            drafts, size, excess = weighed
            if size <= paging.PAGE_BYTES and excess <= 0:
                break
    if excess > 0 and outgrown is not None:
        outgrown.add(spec.path)
    return sorted(moved, key=lambda listing: listing.kind), GeneratedPage(spec.path, spec.title, drafts[SOURCE_LANGUAGE]), drafts


def _candidates(index: Index, spec: PageSpec, scale: Scale, folder: str, id: str) -> list[Candidate]:
    if folder == "actors":
        return actor_lists(index, spec.context["profile"], scale, id)
    if folder == "demands":
        return demand_lists(index, scale, id)
    if folder == "conferences":
        return conference_lists(index, scale, id)
    if folder == "instruments":
        return instrument_lists(index, scale, id)
    # A source's text stays whole on its page; the notes beside it move when text and notes do not fit together.
    return source_lists(index, scale, id)


def _listings(found: list[Listing], actors_named: int = ACTORS_NAMED) -> Listings:
    lists = {(listing.entity, listing.kind): listing for listing in found}
    moved = {(listing.entity, anchor): listing.pages.paths[n - 1] for listing in found for anchor, n in listing.anchors.items()}
    return Listings(lists, moved, actors_named)


def with_lists(data: Listings, entities: Mapping[str, list[Listing]]) -> Listings:
    """`data` with the listings of some entity pages replaced: `entities` maps each page's path to its listings now (their pages as weighed are dropped)."""
    # As `_listings` of the lists kept and the new ones, in that order, without working out again where the kept lists' anchors are.
    lists = {key: listing for key, listing in data.lists.items() if key[0] not in entities}
    moved = {key: path for key, path in data.moved.items() if key[0] not in entities}
    for listed in entities.values():
        for listing in listed:
            lists[(listing.entity, listing.kind)] = listing
            moved.update(((listing.entity, anchor), listing.pages.paths[n - 1]) for anchor, n in listing.anchors.items())
    rendered = {path: page for path, page in data.rendered.items() if path not in entities}
    return replace(data, lists=lists, moved=moved, rendered=rendered)


def _listing(folder: str, id: str, name: str, candidate: Candidate, share: float = 1) -> Listing:
    """The list's pages, and its summary: its leading items within `share` of its rule's bytes (`TIGHTER`), at least two."""
    rule = RULES[(folder, candidate.kind)]
    base = f"{folder}/{id}/{candidate.kind}"
    pages = Paged.of(candidate.items, candidate.weigh, f"{base}/index.md", base)
    summary = leading(candidate.summary or candidate.items, candidate.weigh, int(rule.summary * share), rule.shown, min(2, rule.shown))
    anchors: dict[str, int] = {}
    for number, _, chunk in pages.pages():
        for item in chunk:
            for anchor in candidate.anchors(item):
                anchors.setdefault(anchor, number)
    return Listing(folder, id, candidate.kind, name, pages, summary, anchors)


def page_specs(data: Listings, entities: Iterable[PageSpec] = ()) -> list[PageSpec]:
    """Every listing page (a page of an actor's positions lays them out by its profile, from its entity page's view model)."""
    profiles = {spec.path: spec.context["profile"] for spec in entities if "profile" in spec.context}
    return [
        PageSpec(
            path,
            listing.title(number),
            "listing.html.j2",
            {"listing": listing, "id": listing.id, "number": number, "items": chunk, "profile": profiles.get(listing.entity)},
        )
        for listing in data.lists.values()
        for number, path, chunk in listing.pages.pages()
    ]
