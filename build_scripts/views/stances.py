"""The actor × demand cell: an actor's stance on a demand, summed over its claims, with the claims behind it.

Every view that compares actors (matrix, agreement, blocs, network ties, briefings) starts
from these cells, so a figure on any page traces back to the same claims.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..index import ClaimRecord, Index
from ..models import STANCES

CELL_STANCES = (*STANCES, "mixed")
"""A cell's stance: one of the claim stances when all its claims agree, `mixed` when they differ."""


@dataclass(frozen=True)
class Cell:
    """What one actor says of one demand, over all the claims attributed to it (a joint claim counts for each actor)."""

    actor: str
    demand: str
    claims: tuple[ClaimRecord, ...]

    @property
    def stance(self) -> str:
        stances = {c.stance for c in self.claims}
        return stances.pop() if len(stances) == 1 else "mixed"

    @property
    def first_hand(self) -> bool:
        """At least one of the claims is first-hand (the actor's quoted words or own publication)."""
        return any(c.first_hand for c in self.claims)

    @property
    def count(self) -> int:
        return len(self.claims)


def cells(index: Index, first_hand: bool = False) -> dict[tuple[str, str], Cell]:
    """(actor, demand) → cell, sorted by actor then demand; with `first_hand`, second-hand claims are left out."""
    grouped: dict[tuple[str, str], list[ClaimRecord]] = defaultdict(list)
    for claim in index.claims:
        if first_hand and not claim.first_hand:
            continue
        for actor in claim.actors:
            grouped[(actor, claim.demand)].append(claim)
    return {key: Cell(key[0], key[1], tuple(sorted(claims, key=lambda c: c.sort_key))) for key, claims in sorted(grouped.items())}
