"""An actor's profile, for the top of its page: what it is, its counts, and its positions by theme and topic.

A topic is a demand, or a statement or instrument taken as a whole (its issuers' authorship
included); positions on instruments are grouped under a heading of their own, after the themes.

A pure function of the index and the stance cells; the actor template only lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..index import ClaimRecord, Index, Tie
from .basis import Basis, summarise
from .stances import GROUPS, INSTRUMENTS, Cell, Cells, theme_of

SHAREABLE = ("document", "date", "conference")
"""Facts of a claim that a group of claims may share, and then are said once for the group."""
GLANCE = 30
"""Most topics in an actor's positions at a glance: those it took most positions on; the others are counted."""


@dataclass(frozen=True)
class TopicGroup:
    """An actor's positions on one topic (a demand or an instrument): the cell, and the facts every position of the group shares."""

    topic: str
    kind: str
    """`demand` or `instrument`."""
    cell: Cell
    shared: frozenset[str]
    basis: Basis
    """On whose word the group's stance rests, said wherever it is summarised (at a glance, its heading)."""

    @property
    def first(self) -> ClaimRecord:
        return self.cell.claims[0]

    @property
    def anchor(self) -> str:
        """The group's anchor on the actor's page: `demand-<id>` or `instrument-<id>`."""
        return f"{self.kind}-{self.topic}"


@dataclass(frozen=True)
class Profile:
    actor: str
    positions: int
    """Positions attributed to the actor (a joint claim counts once), its authorship of instruments included."""
    documents: int
    """Documents in which a position is attributed to the actor (or that say it issued an instrument)."""
    mentions: int
    """Documents that name the actor."""
    conferences: int
    quotes: int
    themes: tuple[tuple[str, tuple[TopicGroup, ...]], ...]
    """(theme, the actor's groups in it), themes in the format's order, then `instruments`; topics by id."""
    ties: tuple[Tie, ...]
    """The actor's own affiliations (it leads, is a member of, works for...), for the summary sentence."""

    @property
    def demands(self) -> int:
        """Demands the actor took a position on."""
        return sum(len(groups) for theme, groups in self.themes if theme != INSTRUMENTS)

    @property
    def instruments(self) -> int:
        """Statements and instruments the actor took a stance on as a whole (issued ones included)."""
        return sum(len(groups) for theme, groups in self.themes if theme == INSTRUMENTS)

    def glance(self, most: int = GLANCE) -> list[tuple[str, tuple[TopicGroup, ...], int]]:
        """(theme, the topics shown, how many of the theme's topics are not): the `most` topics with most positions, in theme order."""
        ranked = sorted((g for _, groups in self.themes for g in groups), key=lambda g: (-g.cell.count, g.topic))
        shown = {g.topic for g in ranked[:most]}
        return [(theme, kept, len(groups) - len(kept)) for theme, groups in self.themes for kept in [tuple(g for g in groups if g.topic in shown)]]


def shared_facts(claims: tuple[ClaimRecord, ...]) -> frozenset[str]:
    """Which of document, date and conference all the claims share (nothing for a single claim: it says them itself)."""
    if len(claims) < 2:
        return frozenset()
    first = claims[0]
    return frozenset(key for key in SHAREABLE if all(getattr(c, key) == getattr(first, key) for c in claims))


def profile(index: Index, cells: Cells, actor: str) -> Profile:
    """The actor's profile from its cells (every position attributed to it, by topic)."""
    by_theme: dict[str, list[TopicGroup]] = {}
    for cell in cells.of(actor):
        theme = theme_of(index, cell.topic)
        kind = "instrument" if theme == INSTRUMENTS else "demand"
        by_theme.setdefault(theme, []).append(TopicGroup(cell.topic, kind, cell, shared_facts(cell.claims), summarise(index, cell.claims)))
    claims = [c for cell in cells.of(actor) for c in cell.claims]
    return Profile(
        actor=actor,
        positions=len(claims),
        documents=len({c.document for c in claims}),
        mentions=len(index.documents_by_actor.get(actor, [])),
        conferences=len(index.conferences_by_actor.get(actor, [])),
        quotes=len(index.quotes_by_actor.get(actor, [])),
        themes=tuple((theme, tuple(by_theme[theme])) for theme in GROUPS if theme in by_theme),
        ties=tuple(t for t in index.ties_of(actor) if t.source == actor),
    )
