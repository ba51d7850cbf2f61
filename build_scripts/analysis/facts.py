"""What the exports say of each position beyond the annotation: its basis class, joint document, period and history step.

One row per actor of each claim (a joint claim counts once for each actor), as the `positions` rows
of the CSV, JSON and SQLite exports have them, and one per issuer of an instrument (its authorship), as
the `instrument_issuers` rows have them. An analyst can then reproduce every figure: filter on
`basis_class`, count a `joint_document` once, group by `period`, and read position changes from
`history_step` (see docs/data.md and docs/reproducing.md).

The steps are read from the position histories the pages show (`histories.counted`, which the
histories view computes once per build), never worked out again here: a position's `history_step`
is the step its page shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..index import ClaimRecord
from ..models import Date
from .histories import History, counted, steps_by_position
from .scope import BasisClass, Period, Scope, basis_class, years
from .weighing import signatories


@dataclass(frozen=True)
class PositionFacts:
    basis_class: BasisClass
    joint_document: str | None
    """The claim's document when the claim names several actors together (a joint statement, or one passage on several), else None.

    For an issuer's authorship: the document that says so, when other actors issued it too (another issuer of an instrument citing
    it, or a joint claim in it), as the agreement view counts their shared topics once (`weighing.signatories`)."""
    period: str | None
    """The name of the period the position is counted in (`Period.places`), or None when it lies in none."""
    history_step: str | None
    """The kind of step from the actor's previous dated document on the same topic, or None for a first or undated position.

    Histories are those the site shows: over first-hand and reported positions; a third party's description has no step."""


FactsByPosition = dict[tuple[str, str, str, str], PositionFacts]
"""(document, claim id, actor, topic) → the facts of that position (an issuer's authorship: its source, `<status>-<issuer>`, the
issuer and the instrument; the topic tells apart an issuer's authorship of two instruments one document gives)."""


def period_of(date: Date | None, periods: Iterable[Period]) -> str | None:
    """The name of the period a position of this date is counted in, as the agreement view places it; None when none holds it."""
    return next((p.name for p in periods if p.places(date)), None)


def position_facts(claims: Sequence[ClaimRecord], periods: Iterable[Period] | None = None, found: Iterable[History] | None = None) -> FactsByPosition:
    """(document, claim id, actor, topic) → the facts of that position; periods default to the years the claims are dated in.

    `claims`: the positions (`Index.positions`: the claims and the issuers' authorship). `found`: the position histories the
    pages show (the histories view's), whose steps are read; when not given (an export made without the views), they are
    computed from `claims` as the view computes them (`histories.counted`)."""
    chosen = list(periods) if periods is not None else years(claims)
    steps = steps_by_position(counted(claims) if found is None else found)
    issued_together = {document for document, k in signatories(claims).items() if k > 1}
    facts = {}
    for claim in claims:
        period = period_of(claim.date, chosen)
        joint = claim.document if claim.joint or (claim.authorship and claim.document in issued_together) else None
        for actor in claim.actors:
            step = steps.get((claim.document, actor, claim.topic)) if Scope().admits(claim) else None
            facts[(claim.document, claim.id, actor, claim.topic)] = PositionFacts(basis_class(claim), joint, period, step)
    return facts
