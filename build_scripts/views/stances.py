"""The actor × topic cell: an actor's stance on a demand or an instrument, summed over its positions, with the positions behind it.

A topic is what a stance is on: a demand, or an instrument (a statement, a resolution) taken as
a whole; their ids never collide. The positions are the claims and the issuers' authorship of
their instruments (`Index.positions`): an issuer counts as supporting what it issued.

Every view that compares actors (matrix, agreement, blocs, network ties, briefings) starts
from these cells, so a figure on any page traces back to the same positions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..index import ClaimRecord, Index, stance_of
from ..models import STANCES, THEMES

CELL_STANCES = (*STANCES, "mixed")
"""A cell's stance: one of the claim stances when all its claims agree, `mixed` when they differ."""
INSTRUMENTS = "instruments"
"""The group of stances on a statement or instrument as a whole: shown beside the demands' themes (matrix, profiles, timeline)."""
GROUPS = (*THEMES, INSTRUMENTS)
"""The themes of demands, in the format's order, then the statements and instruments."""


@dataclass(frozen=True)
class Cell:
    """What one actor says of one topic, over all the positions attributed to it (a joint claim counts for each actor)."""

    actor: str
    topic: str
    """A demand's id, or an instrument's."""
    claims: tuple[ClaimRecord, ...]

    @property
    def stance(self) -> str:
        return stance_of(self.claims)

    @property
    def first_hand(self) -> bool:
        """At least one of the positions is first-hand (the actor's quoted words, own publication or authorship)."""
        return any(c.first_hand for c in self.claims)

    @property
    def count(self) -> int:
        return len(self.claims)


class Cells(dict[tuple[str, str], Cell]):
    """(actor, topic) → cell, sorted by actor then topic; each actor's cells at hand (`of`)."""

    def __init__(self, items: Iterable[tuple[tuple[str, str], Cell]] = ()) -> None:
        super().__init__(items)
        mine: dict[str, list[Cell]] = defaultdict(list)
        for cell in self.values():
            mine[cell.actor].append(cell)
        self._by_actor = dict(mine)

    def of(self, actor: str) -> list[Cell]:
        """The actor's cells, by topic."""
        return self._by_actor.get(actor, [])


def cells(index: Index, first_hand: bool = False) -> Cells:
    """(actor, topic) → cell over every position (claims and authorship); with `first_hand`, second-hand claims are left out."""
    grouped: dict[tuple[str, str], list[ClaimRecord]] = defaultdict(list)
    for claim in index.positions:
        if first_hand and not claim.first_hand:
            continue
        for actor in claim.actors:
            grouped[(actor, claim.topic)].append(claim)
    return Cells((key, Cell(key[0], key[1], tuple(sorted(claims, key=lambda c: c.sort_key)))) for key, claims in sorted(grouped.items()))


def theme_of(index: Index, topic: str) -> str:
    """The group a topic is shown in: its demand's theme, or `instruments` for a statement or instrument."""
    demand = index.sources.demands.get(topic)
    return demand.model.theme if demand is not None else INSTRUMENTS


def topic_label(index: Index, topic: str) -> str:
    """A topic in words: the demand's statement, or the instrument's short name (else its name)."""
    demand = index.sources.demands.get(topic)
    if demand is not None:
        return demand.model.statement
    instrument = index.sources.instruments[topic].model
    return instrument.short_name or instrument.name.value
