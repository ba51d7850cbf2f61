"""On whose word a summary of positions rests: every place that states a position without its passage says it.

An at-a-glance line, a matrix cell, a briefing's name merge an actor's positions on a topic into one
stance. Each says the basis of its positions (`analysis.scope.basis_class`): first-hand (quoted, own
publication, issued jointly), reported by the source, or a third party's description, and then whose
(`analysis.attribution`). When the positions differ in basis, each class is counted, strongest first.
The wording is `words.basis_words`, the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..analysis.attribution import attribution
from ..analysis.scope import BASIS_CLASSES, BasisClass
from ..index import ClaimRecord, Index
from ..words import MATRIX_MARKS, UNNAMED_DESCRIBER, Segment, basis_words, segments_text


@dataclass(frozen=True)
class Basis:
    """The basis of a summary's positions: how many of each class, and whose descriptions the described ones are."""

    counts: tuple[tuple[BasisClass, int], ...]
    """Basis class → positions, strongest first, classes present only."""
    describers: tuple[Segment, ...] = ()
    """Whose descriptions the described positions are, in order of first appearance: (actor id, name), or (None, an outlet's name)."""

    @property
    def strongest(self) -> BasisClass:
        return self.counts[0][0]

    @property
    def described_only(self) -> bool:
        """Known only from third parties' descriptions: the summary names whose."""
        return self.strongest == "described"

    @property
    def words(self) -> list[Segment]:
        """The summary's basis in words, names to link marked by their actor ids (`words.basis_words`)."""
        return basis_words(dict(self.counts), list(self.describers))

    @property
    def mark(self) -> str:
        """The matrix cell's mark of the strongest basis (none for first-hand)."""
        return MATRIX_MARKS[self.strongest]

    @property
    def text(self) -> str:
        return segments_text(self.words)

    def count(self, kind: BasisClass) -> int:
        return dict(self.counts).get(kind, 0)

    @property
    def positions(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def described(self) -> Basis:
        """Its third parties' descriptions alone: worded `according to X`, to name the describers of a summary of several classes."""
        return Basis((("described", self.count("described")),), self.describers)


def described_by(index: Index, claim: ClaimRecord) -> tuple[BasisClass, tuple[Segment, ...]]:
    """A position's basis class and, for a third party's description, whose: actors by (id, name), else the outlet or the source itself."""
    found = attribution(index, claim)
    if found.basis != "described":
        return found.basis, ()
    if found.according_to:
        return found.basis, tuple((actor, index.sources.actors[actor].model.name.value) for actor in found.according_to)
    return found.basis, ((None, found.outlet or UNNAMED_DESCRIBER),)


def summarise(index: Index, claims: Iterable[ClaimRecord]) -> Basis:
    """The basis of the positions behind one summary (a cell: an actor's positions on a topic)."""
    return _tally(described_by(index, claim) for claim in claims)


def describer(index: Index) -> Callable[[Iterable[ClaimRecord]], Basis]:
    """`summarise` for summaries that share positions (a bloc's stances, a pair's topics, a contested side): each distinct position
    counted once per summary (a joint position is in each of its actors' stands), its basis found once per build."""
    memo: dict[tuple[str, str], tuple[BasisClass, tuple[Segment, ...]]] = {}

    def describe(claims: Iterable[ClaimRecord]) -> Basis:
        distinct = {(c.document, c.id): c for c in claims}
        for key, claim in distinct.items():
            if key not in memo:
                memo[key] = described_by(index, claim)
        return _tally(memo[key] for key in distinct)

    return describe


def _tally(found: Iterable[tuple[BasisClass, tuple[Segment, ...]]]) -> Basis:
    counts = dict.fromkeys(BASIS_CLASSES, 0)
    describers: dict[Segment, None] = {}
    for kind, by in found:
        counts[kind] += 1
        describers |= dict.fromkeys(by)
    return Basis(tuple((kind, n) for kind, n in counts.items() if n), tuple(describers))


def summaries(index: Index, cells: Iterable[tuple[tuple[str, str], Iterable[ClaimRecord]]]) -> dict[tuple[str, str], Basis]:
    """(actor, topic) → the basis of its cell's positions."""
    return {key: summarise(index, claims) for key, claims in cells}
