"""Position histories: how one actor's stance on one topic moves from document to document, told honestly.

A history exists for an actor and a topic (a demand, or an instrument as a whole) with positions in
two or more dated documents. Each document is one point: its stance, or `mixed` when the document
gives both sides. Points are listed by the last day their date can mean, and ordered by the whole
interval of days it can mean (`scope.interval`):
a year-only date covers the whole year, an upper bound (`no_later_than`) has no start. Two points
are in a known order only when one's interval ends before the other's begins; a step between
points whose intervals overlap (a position dated 2024 and another dated June 2024) is `unordered`:
shown, never called a change or consistent.

A step between two points in a known order is classed:

- consistent: the same side, supports or opposes (or the same condition-bearing stance);
- reversal: supports to opposes, or opposes to supports;
- softened: from supports or opposes to a conditional position;
- hardened: from a conditional position to supports or opposes;
- mixed: to or from a document that gives both sides.

A single position is never called consistent: there is no history without two points.
Reversals, softenings and hardenings are the changes (`Step.change`) a reader is told of.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from ..index import ClaimRecord, stance_of
from .scope import Scope, interval

CHANGES = ("reversal", "softened", "hardened")
STEP_KINDS = ("consistent", *CHANGES, "mixed", "unordered")
SIDES = ("supports", "opposes")


@dataclass(frozen=True)
class Point:
    """One document's positions of the actor on the topic, and the days its date can mean."""

    document: str
    claims: tuple[ClaimRecord, ...]
    first: str
    last: str

    @property
    def stance(self) -> str:
        return stance_of(self.claims)


@dataclass(frozen=True)
class Step:
    """From one point to the next, and what kind of step it is."""

    before: Point
    after: Point
    kind: str

    @property
    def change(self) -> bool:
        return self.kind in CHANGES


@dataclass(frozen=True)
class History:
    """An actor's points on a topic, oldest first, and the steps between them."""

    actor: str
    topic: str
    points: tuple[Point, ...]
    steps: tuple[Step, ...]

    @property
    def changes(self) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.change)

    @property
    def consistent(self) -> bool:
        """Two or more points, each step in a known order and on the same side: the only case called consistent."""
        return len(self.points) >= 2 and all(step.kind == "consistent" for step in self.steps)


def classify(before: Point, after: Point) -> str:
    """The kind of the step from `before` to `after`."""
    if not before.last < after.first:
        return "unordered"
    a, b = before.stance, after.stance
    if "mixed" in (a, b):
        return "mixed"
    if a == b:
        return "consistent"
    if a in SIDES and b in SIDES:
        return "reversal"
    return "softened" if b == "conditional" else "hardened"


def _points(claims: list[ClaimRecord]) -> list[Point]:
    by_document: dict[str, list[ClaimRecord]] = defaultdict(list)
    for claim in claims:
        by_document[claim.document].append(claim)
    points = []
    for document, found in by_document.items():
        spans = [interval(c.date) for c in found]
        points.append(Point(document, tuple(found), min(s[0] for s in spans), max(s[1] for s in spans)))
    return sorted(points, key=lambda p: (p.last, p.first, p.document))


def histories(claims: Iterable[ClaimRecord]) -> list[History]:
    """Every actor × topic with dated positions in two or more documents, by actor then topic."""
    grouped: dict[tuple[str, str], list[ClaimRecord]] = defaultdict(list)
    for claim in claims:
        if claim.date is None:
            continue
        for actor in claim.actors:
            grouped[(actor, claim.topic)].append(claim)
    made = []
    for (actor, topic), found in sorted(grouped.items()):
        points = _points(found)
        if len(points) < 2:
            continue
        steps = tuple(Step(a, b, classify(a, b)) for a, b in pairwise(points))
        made.append(History(actor, topic, tuple(points), steps))
    return made


def counted(claims: Iterable[ClaimRecord]) -> list[History]:
    """The histories the site shows: over the positions every analysis counts by default (first-hand and reported), so that a
    third party's description of an actor is never made into the actor's change of mind. Pages and exports read these."""
    return histories(Scope().of(claims))


def shifts(found: Iterable[History]) -> list[tuple[History, Step]]:
    """Every change of every history, newest first (by the later point's last possible day, then actor and topic)."""
    changed = [(history, step) for history in found for step in history.changes]
    return sorted(changed, key=lambda hs: (hs[1].after.last, hs[1].after.first, hs[0].actor, hs[0].topic), reverse=True)


def steps_by_position(found: Iterable[History]) -> dict[tuple[str, str, str], str]:
    """(document, actor, topic) → the kind of the step that arrives at that document's point, for every point after the first."""
    return {(step.after.document, history.actor, history.topic): step.kind for history in found for step in history.steps}
