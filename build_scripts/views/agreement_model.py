"""What the agreement view shows: pairs with the marks behind each figure, blocs, contested demands, periods.

The figures are computed in `weighed.py` (from `analysis/weighing.py`); this module holds the values the
templates read, with no computation beyond ordering and lookups.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import NamedTuple

from ..analysis.scope import BasisClass, Period
from ..index import ClaimRecord
from .basis import Basis

STRONGEST = 8
"""Pairs listed as the strongest agreements and the strongest conflicts on an agreement page."""
RELATED = 3
"""Actors an actor page names as those it agrees with most, and as those it differs from most."""


@dataclass(frozen=True)
class Mark:
    """One topic behind a pair's figure: in which period, both actors' stances, and the joint document it comes from."""

    topic: str
    """A demand's id, or an instrument's."""
    period: str
    """The period's name ("" for a single period's own figures)."""
    stance_a: str
    stance_b: str
    document: str | None
    """The joint document both issued, when the topic is shared through it (and counts once with its other topics)."""
    first_hand: bool
    """Both actors' first-hand positions take a side on it (quoted words, own publication, authorship)."""
    weight: float
    """Its share of the pair's figure: the topic's weight (prominence, joint documents counted once)."""
    basis: BasisClass
    """What both sides rest on: `first-hand` (as `first_hand`), `described` when a side is known only from third parties'
    descriptions, `reported` otherwise."""

    def stance_of(self, pair: Pair, actor: str) -> str:
        return self.stance_a if actor == pair.a else self.stance_b


@dataclass(frozen=True)
class Pair:
    """Two actors (a < b): the topics on which they take the same stance and opposite stances, weighed."""

    a: str
    b: str
    agreed: tuple[Mark, ...]
    opposed: tuple[Mark, ...]
    units: int
    """Topics either took a position on (a topic in two periods counts in each); the scores count a joint document's shared topics once."""
    congruence_score: float
    """Weighed agreement (`analysis/weighing.py`): 0 to 1."""
    conflict_score: float
    bond: float = 0.0
    """The tie blocs are found on: agreement shared among a joint document's signatories, less conflict."""
    separates: bool = False
    """A first-hand conflict with no first-hand agreement: never one bloc."""
    basis_agreed: Basis | None = None
    """On whose word the positions behind the agreement rest; computed where third parties' descriptions count (None elsewhere)."""
    basis_opposed: Basis | None = None

    def basis_of(self, kind: str) -> Basis | None:
        """The basis of the agreement (`agree`) or of the conflict."""
        return self.basis_agreed if kind == "agree" else self.basis_opposed

    @property
    def congruence(self) -> tuple[str, ...]:
        """The topics of agreement, heaviest first (a topic agreed in two periods is named once)."""
        return tuple(dict.fromkeys(m.topic for m in self.agreed))

    @property
    def conflict(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.topic for m in self.opposed))

    @property
    def union(self) -> int:
        return self.units

    @property
    def net_score(self) -> float:
        return self.congruence_score - self.conflict_score

    @property
    def first_hand(self) -> tuple[int, int]:
        """How many marks of agreement, and of conflict, rest on both actors' first-hand words."""
        return sum(m.first_hand for m in self.agreed), sum(m.first_hand for m in self.opposed)

    def mass(self, kind: str) -> float:
        """The evidence behind the agreement (`agree`) or the conflict: the sum of its units' weights, a joint document's topics
        counted once (`weighing.tie`). A score of 1.00 on consensus demands alone rests on little; the rankings say so."""
        return sum(m.weight for m in (self.agreed if kind == "agree" else self.opposed))

    @property
    def joint(self) -> tuple[str, ...]:
        """The joint documents some of the agreement comes from."""
        return tuple(sorted({m.document for m in self.agreed if m.document}))

    def other(self, actor: str) -> str:
        return self.b if actor == self.a else self.a


class Shared(NamedTuple):
    """A topic that defines a bloc: the stance its members share, how many take it, how many members take the opposite."""

    demand: str
    stance: str
    members: int
    opposed: int
    basis: Basis | None = None
    """On whose word the members' positions taking that stance rest."""


@dataclass(frozen=True)
class Bloc:
    """A group of actors in one period, and the stances (on demands or statements) that define it."""

    number: int
    members: tuple[str, ...]
    """Most positions first, then by id."""
    demands: tuple[Shared, ...]
    """Stances held by two members or more, most shared first."""
    period: str = ""
    slug: str = ""

    @property
    def anchor(self) -> str:
        return f"bloc-{self.slug}-{self.number}" if self.slug else f"bloc-{self.number}"


@dataclass(frozen=True)
class BlocPart:
    """A bloc as the blocs pages show it: every member, then every shared stance (its lines, in that order); a bloc that outgrows a
    page in runs of its lines, `start` to `stop`, in order on the pages that follow (`agreement.paginate`). A later run is
    `continued` and has no anchor of its own."""

    bloc: Bloc
    start: int = 0
    stop: int | None = None
    """None: to the bloc's last line."""

    @property
    def members(self) -> tuple[str, ...]:
        return self.bloc.members[self.start : self.stop]

    @property
    def demands(self) -> tuple[Shared, ...]:
        count = len(self.bloc.members)
        return self.bloc.demands[max(0, self.start - count) : None if self.stop is None else max(0, self.stop - count)]

    @property
    def lines(self) -> int:
        """The bloc's lines: its members and its shared stances."""
        return len(self.bloc.members) + len(self.bloc.demands)

    @property
    def continued(self) -> bool:
        return self.start > 0

    @property
    def opens_shared(self) -> bool:
        """Whether the bloc's shared stances begin in this run: their line of introduction and its anchor (`<anchor>-shared`) are here."""
        return bool(self.demands) and self.start <= len(self.bloc.members)


@dataclass(frozen=True)
class Side:
    """One side of a contested demand: its actors, how many speak first-hand, its voices, and a few passages."""

    stance: str
    actors: tuple[str, ...]
    """Actors with a first-hand claim first, then most claims, then id."""
    first_hand: int
    """How many of the actors have at least one first-hand position on this side."""
    claims: int
    evidence: tuple[ClaimRecord, ...]
    voices: int = 0
    """Actors on this side, the co-signatories of one joint document (speaking only through it) counting as one."""
    basis: Basis | None = None
    """On whose word the side's positions rest."""


@dataclass(frozen=True)
class Contested:
    """A demand (or statement) that some actors support and others oppose."""

    demand: str
    supporting: Side
    opposing: Side
    conditional: tuple[str, ...]
    mixed: tuple[str, ...]
    periods: tuple[str, ...] = ()
    """The names of the periods its positions come from, in period order: contested demands pool periods, and say which."""
    outside: int = 0
    """Its positions whose date no period holds (a gap between the configured phases, a date across two periods, none): named as
    their own group beside the periods, never counted in a period's figures."""


@dataclass(frozen=True)
class PeriodFigures:
    """One period's figures: computed from its positions alone."""

    period: Period
    pairs: tuple[Pair, ...]
    blocs: tuple[Bloc, ...]
    """Only when the partition is supported (`shown`)."""
    shown: bool
    reason: str
    """Why blocs are shown or not, in words (modularity and threshold, or what is missing)."""
    modularity: float | None
    polarisation: float | None
    """The period's polarisation score (`weighed.polarisation_of`): 0 where no two actors take opposite sides, else DNA's
    (`analysis/polarisation.py`); None where it is not computed (the edition with descriptions) or fewer than two actors state one."""
    actors: int
    positions: int
    contested: tuple[Contested, ...] = ()
    weights: dict[str, float] = field(default_factory=dict)
    """Topic → its weight in this period (`analysis/weighing.weights`): the whole dossier's figures add up periods with these."""

    def strongest_agreements(self, limit: int = STRONGEST) -> list[Pair]:
        return strongest(self.pairs, "agree", limit)

    def strongest_conflicts(self, limit: int = STRONGEST) -> list[Pair]:
        return strongest(self.pairs, "differ", limit)

    @property
    def divided(self) -> bool:
        """Whether some two actors take opposite sides of a topic in this period (without that, no score reads as a split)."""
        return any(p.opposed for p in self.pairs)


def strongest(pairs: tuple[Pair, ...], kind: str, limit: int) -> list[Pair]:
    """The pairs with the most evidence of agreement (or conflict) (`Pair.mass`), then the highest score, then ids: a score of
    1.00 on one joint document's consensus demands ranks below agreement on contested topics over several documents."""
    if kind == "agree":
        return heapq.nsmallest(limit, (p for p in pairs if p.agreed), key=lambda p: (-round(p.mass(kind), 9), -p.congruence_score, p.a, p.b))
    return heapq.nsmallest(limit, (p for p in pairs if p.opposed), key=lambda p: (-round(p.mass(kind), 9), -p.conflict_score, p.a, p.b))


@dataclass(frozen=True)
class Trend:
    """A pair's agreement and conflict period by period (only the periods in which both took a position on a shared topic)."""

    a: str
    b: str
    scores: tuple[tuple[str, float, float], ...]
    """(period name, agreement, conflict), in period order."""

    @property
    def spread(self) -> float:
        nets = [agree - conflict for _, agree, conflict in self.scores]
        return max(nets) - min(nets)


@dataclass(frozen=True)
class Figures:
    """Every figure of one scope (its bases), over the whole dossier and period by period."""

    bases: str
    """`default` (first-hand and reported) or `all` (third parties' descriptions too)."""
    pairs: tuple[Pair, ...]
    """Pairs over the whole dossier, their periods added up, sorted by (a, b)."""
    contested: tuple[Contested, ...]
    periods: tuple[PeriodFigures, ...]
    trends: tuple[Trend, ...]
    """Pairs with figures in two periods or more, the largest change first."""
    positions: dict[str, int] = field(default_factory=dict)
    """Actor → how many topics it took a position on (in scope)."""
    unplaced: int = 0
    """Positions in scope whose date cannot be placed in one period: left out of agreement and blocs."""
    by_actor: dict[str, tuple[Pair, ...]] = field(default_factory=dict)

    def strongest_agreements(self, limit: int = STRONGEST) -> list[Pair]:
        return strongest(self.pairs, "agree", limit)

    def strongest_conflicts(self, limit: int = STRONGEST) -> list[Pair]:
        return strongest(self.pairs, "differ", limit)

    def agrees(self, actor: str, limit: int = RELATED) -> list[Pair]:
        """The actors `actor` agrees with most: by evidence of agreement (`Pair.mass`), then score, then id."""
        found = (p for p in self.by_actor.get(actor, ()) if p.agreed)
        return heapq.nsmallest(limit, found, key=lambda p: (-round(p.mass("agree"), 9), -p.congruence_score, p.other(actor)))

    def differs(self, actor: str, limit: int = RELATED) -> list[Pair]:
        """The actors `actor` differs from most: by evidence of conflict (`Pair.mass`), then score, then id."""
        found = (p for p in self.by_actor.get(actor, ()) if p.opposed)
        return heapq.nsmallest(limit, found, key=lambda p: (-round(p.mass("differ"), 9), -p.conflict_score, p.other(actor)))

    @property
    def blocs(self) -> tuple[Bloc, ...]:
        """Every shown bloc, newest period first."""
        return tuple(b for figures in reversed(self.periods) for b in figures.blocs)

    def blocs_of(self, actor: str) -> list[Bloc]:
        """The blocs the actor is in, newest period first."""
        return [b for b in self.blocs if actor in b.members]

    @property
    def latest_blocs(self) -> tuple[Bloc, ...]:
        """The blocs of the newest period that has blocs (the matrix groups its rows by them)."""
        return next((f.blocs for f in reversed(self.periods) if f.blocs), ())
