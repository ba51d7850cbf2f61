"""Position histories as readers see them: each change with its two positions side by side, on actor pages, a page of shifts and the feed.

The histories are `analysis/histories.py`'s, computed once per build over the positions every
analysis counts by default (first-hand and reported: a third party's description of an actor is
never made into the actor's change of mind). A change (reversal, softening, hardening) is a
`Shift`: its two points, each with its positions and on whose word the dossier knows them. The
site-wide list of shifts, newest first by the later position's date, is cut into pages by the
measured bytes of each shift as its page prints it (`paging.pack`). An actor's page tells each of its
histories whole (`Told`: every point side by side, each step classed), its changes first; when the
page outgrows its budget, the list moves to pages of its own like its other lists (`listings`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from ..analysis.attribution import Attribution, attribution
from ..analysis.histories import History, Point, counted, shifts
from ..index import ClaimRecord, Index
from ..models import Date
from ..pages import PageSpec, Site
from . import paging
from .listings import Listings
from .measure import Measure

PATH = "shifts/index.md"
"""The first page of the site-wide list of shifts; the others are `shifts/2.md`, `shifts/3.md`… (`paging.page_path`)."""
TEMPLATE = "_shifts.html.j2"


@dataclass(frozen=True)
class Side:
    """One point of a history as a reader sees it: the document, its stance, and its positions with on whose word each is known."""

    point: Point
    positions: tuple[tuple[ClaimRecord, Attribution], ...]

    @property
    def document(self) -> str:
        return self.point.document

    @property
    def stance(self) -> str:
        return self.point.stance

    @property
    def dates(self) -> tuple[Date, ...]:
        """The distinct dates of its positions, in order (one, nearly always)."""
        found: dict[tuple[str, bool, bool], Date] = {}
        for claim, _ in self.positions:
            if claim.date is not None:
                found.setdefault((claim.date.value, claim.date.approximate, claim.date.no_later_than), claim.date)
        return tuple(found.values())


@dataclass(frozen=True)
class Shift:
    """A change of an actor's stance on a topic (reversal, softened, hardened), from one document's position to a later one's."""

    actor: str
    topic: str
    kind: str
    before: Side
    after: Side
    path: str = PATH
    """The page of the site-wide list that holds it (set when the list is cut into pages)."""

    @property
    def anchor(self) -> str:
        """The same on the shifts page and on the actor's page: actor, topic and the later document name one change."""
        return f"shift--{self.actor}--{self.topic}--{self.after.document}"


@dataclass(frozen=True)
class Other:
    """A step that is not a change, shown as such: to or from a document that gives both sides (`mixed`), or `unordered`."""

    topic: str
    kind: str
    before: Side
    after: Side


@dataclass(frozen=True)
class Steady:
    """A history whose every step is consistent: the stance, and how many documents (two or more) give it."""

    topic: str
    stance: str
    sides: tuple[Side, ...]
    kind: str = "consistent"


@dataclass(frozen=True)
class Told:
    """One history as its actor's page shows it: every point (its dates, stance, source and passages) side by side, the kind of
    each step into the next, and its changes as the list of changes holds them."""

    topic: str
    sides: tuple[Side, ...]
    into: tuple[str | None, ...]
    """The kind of the step into each side: None for the history's first point."""
    changes: tuple[Shift, ...] = ()
    """Newest first."""
    consistent: bool = False
    continued: bool = False
    """A later run of the points of a history too long for one page (`entity_lists.history_runs`): it has no anchor of its own."""

    @property
    def anchor(self) -> str:
        return f"history--{self.topic}"

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of the steps it shows."""
        return tuple(kind for kind in self.into if kind is not None)

    def run(self, start: int, stop: int) -> Told:
        """Its points `start` to `stop` (a run of a long history), with the changes that arrive among them."""
        sides = self.sides[start:stop]
        documents = {side.document for side in sides}  # a history's first point is never a change's later one
        changes = tuple(s for s in self.changes if s.after.document in documents)
        return replace(self, sides=sides, into=self.into[start:stop], changes=changes, continued=start > 0)


@dataclass(frozen=True)
class ActorHistory:
    """What an actor's page says of its histories: each history told whole (`told`: those with changes first, by their newest
    change), its changes newest first, its other steps, its consistent histories."""

    changes: tuple[Shift, ...]
    """Newest first."""
    others: tuple[Other, ...] = ()
    steady: tuple[Steady, ...] = ()
    histories: int = 0
    """Topics on which the actor has positions in two or more dated documents."""
    told: tuple[Told, ...] = ()
    """Every history of the actor, each with its points side by side: those with a change first (newest change first), then those
    with a step that is not a change (mixed, unordered), then the consistent ones, each group by topic. The page's list of histories
    (its own pages when the actor page outgrows its budget: `listings`)."""

    @property
    def unordered(self) -> int:
        return sum(1 for other in self.others if other.kind == "unordered")

    @property
    def mixed(self) -> int:
        return sum(1 for other in self.others if other.kind == "mixed")


@dataclass(frozen=True)
class Histories:
    """Every history, every shift newest first, their pages, and what each actor's page says of its own."""

    histories: tuple[History, ...]
    shifts: tuple[Shift, ...]
    pages: paging.Paged[Shift] = field(default_factory=lambda: paging.Paged((PATH,), ((),)))
    by_actor: dict[str, ActorHistory] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Steps of each kind over every history (a history of n points has n - 1 steps)."""
        found: dict[str, int] = defaultdict(int)
        for history in self.histories:
            for step in history.steps:
                found[step.kind] += 1
        return dict(sorted(found.items()))

    @property
    def consistent(self) -> int:
        """Histories every step of which is consistent (two or more concordant positions in a known order)."""
        return sum(1 for history in self.histories if history.consistent)


def compute(index: Index, site: Site) -> Histories:
    """Every history over the positions analyses count by default, its changes newest first, cut into pages by their measured bytes."""
    found = tuple(counted(index.positions))
    sides: dict[tuple[str, str, str], Side] = {}

    def side(point: Point, actor: str, topic: str) -> Side:
        key = (actor, topic, point.document)
        if key not in sides:
            sides[key] = Side(point, tuple((claim, attribution(index, claim)) for claim in point.claims if actor in claim.actors))
        return sides[key]

    made = [Shift(h.actor, h.topic, step.kind, side(step.before, h.actor, h.topic), side(step.after, h.actor, h.topic)) for h, step in shifts(found)]
    # A shift's markup reads no other view: the passages it links to never leave their source pages.
    measure = Measure(index, site, _Unlisted())
    here = paging.page_path(PATH, "shifts", 2)
    runs = measure.pack(made, lambda edition, s: edition.macro(TEMPLATE, here, "shift", s))
    cut = paging.Paged(paging.numbered(PATH, "shifts", len(runs)), tuple(runs))
    chunks = tuple(tuple(replace(s, path=path) for s in chunk) for _, path, chunk in cut.pages())
    placed = tuple(s for chunk in chunks for s in chunk)
    return Histories(found, placed, paging.Paged(cut.paths, chunks), _by_actor(found, placed, side))


def _by_actor(found: Iterable[History], placed: tuple[Shift, ...], side: Callable[[Point, str, str], Side]) -> dict[str, ActorHistory]:
    changes: dict[str, list[Shift]] = defaultdict(list)
    for s in placed:
        changes[s.actor].append(s)
    others: dict[str, list[Other]] = defaultdict(list)
    steady: dict[str, list[Steady]] = defaultdict(list)
    counted: dict[str, int] = defaultdict(int)
    for history in found:
        counted[history.actor] += 1
        if history.consistent:
            steady[history.actor].append(Steady(history.topic, history.points[0].stance, tuple(side(p, history.actor, history.topic) for p in history.points)))
        for step in history.steps:
            if step.kind in ("mixed", "unordered"):
                others[history.actor].append(
                    Other(history.topic, step.kind, side(step.before, history.actor, history.topic), side(step.after, history.actor, history.topic))
                )
    told = _told(found, placed, side)
    made = {}
    for actor in sorted(counted):
        mine = tuple(changes.get(actor, ()))
        made[actor] = ActorHistory(mine, tuple(others.get(actor, ())), tuple(steady.get(actor, ())), counted[actor], told.get(actor, ()))
    return made


def _told(found: Iterable[History], placed: tuple[Shift, ...], side: Callable[[Point, str, str], Side]) -> dict[str, tuple[Told, ...]]:
    """Each actor's histories told whole, in the order its page lists them (`ActorHistory.told`)."""
    newest = {(s.actor, s.topic): n for n, s in reversed(list(enumerate(placed)))}
    changes: dict[tuple[str, str], list[Shift]] = defaultdict(list)
    for s in placed:
        changes[(s.actor, s.topic)].append(s)
    by_actor: dict[str, list[tuple[tuple[int, int], Told]]] = defaultdict(list)
    for h in found:
        key = (h.actor, h.topic)
        group = (0, newest[key]) if key in newest else (2, 0) if h.consistent else (1, 0)
        sides = tuple(side(p, h.actor, h.topic) for p in h.points)
        by_actor[h.actor].append((group, Told(h.topic, sides, (None, *(step.kind for step in h.steps)), tuple(changes.get(key, ())), h.consistent)))
    return {actor: tuple(t for _, t in sorted(found, key=lambda gt: (gt[0], gt[1].topic))) for actor, found in by_actor.items()}


@dataclass(frozen=True)
class _Unlisted:
    """The views a shift's markup is measured with: only where anchors are, and no list has moved any."""

    listings: Listings = field(default_factory=lambda: Listings({}))


def page_specs(data: Histories) -> list[PageSpec]:
    """The site-wide list of shifts, newest first: `shifts/`, then `shifts/2/`…"""
    count = data.pages.count
    return [
        PageSpec(path, "Position changes" if count == 1 else f"Position changes, page {n} of {count}", "shifts_page.html.j2", {"number": n, "items": chunk})
        for n, path, chunk in data.pages.pages()
    ]
