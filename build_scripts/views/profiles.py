"""An actor's profile, for the top of its page: what it is, its counts, and its positions by theme and demand.

A pure function of the index and the stance cells; the actor template only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..index import ClaimRecord, Index, Tie
from ..models import THEMES
from .stances import Cell

SHAREABLE = ("document", "date", "conference")
"""Facts of a claim that a group of claims may share, and then are said once for the group."""
GLANCE = 30
"""Most demands in an actor's positions at a glance: those it took most positions on; the others are counted."""


@dataclass(frozen=True)
class DemandGroup:
    """An actor's claims on one demand: the cell, and the facts every claim of the group shares."""

    demand: str
    cell: Cell
    shared: frozenset[str]

    @property
    def first(self) -> ClaimRecord:
        return self.cell.claims[0]


@dataclass(frozen=True)
class Profile:
    actor: str
    positions: int
    """Claims attributed to the actor (a joint claim counts once)."""
    documents: int
    """Documents in which a position is attributed to the actor."""
    mentions: int
    """Documents that name the actor."""
    conferences: int
    quotes: int
    themes: tuple[tuple[str, tuple[DemandGroup, ...]], ...]
    """(theme, the actor's demand groups in it), themes in the format's order, demands by id."""
    ties: tuple[Tie, ...]
    """The actor's own affiliations (it leads, is a member of, works for...), for the summary sentence."""

    @property
    def demands(self) -> int:
        return sum(len(groups) for _, groups in self.themes)

    def glance(self, most: int = GLANCE) -> list[tuple[str, tuple[DemandGroup, ...], int]]:
        """(theme, the demands shown, how many of the theme's demands are not): the `most` demands with most positions, in theme order."""
        ranked = sorted((g for _, groups in self.themes for g in groups), key=lambda g: (-g.cell.count, g.demand))
        shown = {g.demand for g in ranked[:most]}
        return [(theme, kept, len(groups) - len(kept)) for theme, groups in self.themes for kept in [tuple(g for g in groups if g.demand in shown)]]


def shared_facts(claims: tuple[ClaimRecord, ...]) -> frozenset[str]:
    """Which of document, date and conference all the claims share (nothing for a single claim: it says them itself)."""
    if len(claims) < 2:
        return frozenset()
    first = claims[0]
    return frozenset(key for key in SHAREABLE if all(getattr(c, key) == getattr(first, key) for c in claims))


def profile(index: Index, cells: dict[tuple[str, str], Cell], actor: str) -> Profile:
    claims = index.by_actor.get(actor, [])
    demands = sorted({c.demand for c in claims})
    by_theme: dict[str, list[DemandGroup]] = {}
    for demand in demands:
        cell = cells[(actor, demand)]
        theme = index.sources.demands[demand].model.theme
        by_theme.setdefault(theme, []).append(DemandGroup(demand, cell, shared_facts(cell.claims)))
    return Profile(
        actor=actor,
        positions=len(claims),
        documents=len({c.document for c in claims}),
        mentions=len(index.documents_by_actor.get(actor, [])),
        conferences=len(index.conferences_by_actor.get(actor, [])),
        quotes=len(index.quotes_by_actor.get(actor, [])),
        themes=tuple((theme, tuple(by_theme[theme])) for theme in THEMES if theme in by_theme),
        ties=tuple(t for t in index.ties if t.source == actor),
    )
