"""The agreement view's figures, computed by the analysis (`analysis/weighing.py`, `analysis/scope.py`) over one scope.

Three rules shape every figure here, and the agreement page's method section states them:

- Basis: a scope admits first-hand and reported positions unless the reader asks for third parties'
  descriptions too (the agreement page's other edition, `agreement/with-descriptions/`).
- Time: positions are compared only within a period (`extra.dossier_periods`, or calendar years). A
  pair's figures over the whole dossier add up its periods: a stand is an actor's positions on a topic
  *in one period* (`topic@period`), so that positions years apart are never pooled into one stance, and
  a position whose date cannot be placed in one period is left out, and counted as such. Blocs and the
  polarisation score are computed period by period only.
- Joint statements: topics two actors share from one joint document count once (`weighing.tie`), and
  blocs are found on bonds in which a document's signatories share its weight.

Contested demands pool a topic's positions over time: a demand is contested when, in scope, some
actors support it and others oppose it. An actor whose positions on it differ across time is counted as
mixed, never on a side. The sides are ranked by *voices*: the actors who take that side, where the
co-signatories of one joint document, speaking only through it, are one voice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from ..analysis import dna, polarisation, weighing
from ..analysis.scope import BasisClass, Period, basis_class
from ..index import ClaimRecord
from .agreement_model import Bloc, Contested, Mark, Pair, PeriodFigures, Shared, Side
from .basis import Basis

SIDES = weighing.SIDES
EVIDENCE_PER_SIDE = 3
"""Passages shown for each side of a contested demand; the demand page has all of them."""
Describe = Callable[[Iterable[ClaimRecord]], Basis]
"""On whose word some positions rest (`basis.describer`)."""
SEPARATOR = "@"
"""Between a topic and its period in a stand's key: ids and period slugs are slugs, which never hold it."""


def place(claim: ClaimRecord, periods: Sequence[Period], memo: dict[tuple[str, bool, bool], Period | None]) -> Period | None:
    """The period a position is counted in, or None when its date cannot be placed in one."""
    date = claim.date
    key = (date.value, date.approximate, date.no_later_than) if date is not None else ("", False, False)
    if key not in memo:
        memo[key] = next((p for p in periods if p.places(date)), None)
    return memo[key]


def split(key: str) -> tuple[str, str]:
    """`topic@period-slug` → (topic, period slug)."""
    topic, _, period = key.rpartition(SEPARATOR)
    return topic, period


def _marks(mine: dict[str, weighing.Stand], theirs: dict[str, weighing.Stand], names: dict[str, str], units: Iterable[weighing.Unit]) -> tuple[Mark, ...]:
    found = []
    for unit in units:
        document = unit.key.removeprefix("joint:") if unit.key.startswith("joint:") else None
        for key in unit.topics:
            topic, period = split(key) if SEPARATOR in key else (key, "")
            x, y = mine[key], theirs[key]
            first_hand = x.first_hand_stance in SIDES and y.first_hand_stance in SIDES
            weight = unit.weight / len(unit.topics)
            found.append(Mark(topic, names.get(period, period), x.stance, y.stance, document, first_hand, weight, _mark_basis(x, y, first_hand)))
    return tuple(sorted(found, key=lambda m: (-m.weight, m.period, m.topic)))


def _mark_basis(x: weighing.Stand, y: weighing.Stand, first_hand: bool) -> BasisClass:
    """What a mark rests on: first-hand on both sides, a side known only from third parties' descriptions, or reports."""
    if first_hand:
        return "first-hand"
    only_described = any(all(basis_class(c) == "described" for c in stand.claims) for stand in (x, y))
    return "described" if only_described else "reported"


def pairs(
    found: dict[tuple[str, str], weighing.Stand], names: dict[str, str], ties: Sequence[weighing.Tie] | None = None, describe: Describe | None = None
) -> tuple[Pair, ...]:
    """Every pair of actors that agrees or conflicts on a topic, with the marks behind each figure, sorted by (a, b); with `describe`,
    on whose word the positions behind each figure rest."""
    ties = weighing.ties(found) if ties is None else ties
    by_actor: dict[str, dict[str, weighing.Stand]] = defaultdict(dict)
    for (actor, key), stand in found.items():
        by_actor[actor][key] = stand
    made = []
    for tie in ties:
        if not tie.agree and not tie.conflict:
            continue
        mine, theirs = by_actor[tie.a], by_actor[tie.b]
        topics = len(mine.keys() | theirs.keys())
        made.append(
            Pair(
                a=tie.a,
                b=tie.b,
                agreed=_marks(mine, theirs, names, tie.agree),
                opposed=_marks(mine, theirs, names, tie.conflict),
                units=topics,
                congruence_score=tie.agreement,
                conflict_score=tie.conflict_score,
                bond=tie.bond,
                separates=tie.separates,
                basis_agreed=_basis(mine, theirs, tie.agree, describe),
                basis_opposed=_basis(mine, theirs, tie.conflict, describe),
            )
        )
    return tuple(made)


def _basis(mine: dict[str, weighing.Stand], theirs: dict[str, weighing.Stand], units: Iterable[weighing.Unit], describe: Describe | None) -> Basis | None:
    """On whose word both actors' positions on the units' topics rest."""
    keys = [key for unit in units for key in unit.topics]
    return describe(c for key in keys for c in (*mine[key].claims, *theirs[key].claims)) if describe and keys else None


def _defining(members: Sequence[str], found: dict[tuple[str, str], weighing.Stand], describe: Describe | None = None) -> tuple[Shared, ...]:
    """Stances (supports or opposes) that two members or more take on a topic, most shared first, each with its basis."""
    counts: dict[tuple[str, str], list[weighing.Stand]] = defaultdict(list)
    inside = set(members)
    for (actor, topic), stand in found.items():
        if actor in inside and stand.stance in SIDES:
            counts[(topic, stand.stance)].append(stand)
    shared = [
        Shared(
            topic,
            stance,
            len(stands),
            len(counts.get((topic, SIDES[1 - SIDES.index(stance)]), ())),
            describe(c for s in stands for c in s.claims) if describe else None,
        )
        for (topic, stance), stands in counts.items()
        if len(stands) > 1
    ]
    return tuple(sorted(shared, key=lambda s: (-s.members, s.opposed, SIDES.index(s.stance), s.demand)))


def period_figures(
    period: Period, claims: Sequence[ClaimRecord], score_polarisation: bool = True, describe: Describe | None = None, described: bool = False
) -> PeriodFigures:
    """One period's pairs, blocs (shown only when supported), polarisation score and contested demands; `described`: third
    parties' descriptions are among `claims`, and the pairs name whose description they rest on, as the whole dossier's do there.

    The polarisation score (`polarisation_of`) is 0 where no two actors take opposite sides; elsewhere DNA's score, computed only
    when asked (`score_polarisation`): DNA's search costs the square of the actors at each step."""
    found = weighing.stands(claims)
    actors = sorted({actor for actor, _ in found})
    weights = weighing.weights(found)
    ties = weighing.ties(found, weights)
    found_pairs = pairs(found, {}, ties, describe if described else None)
    verdict = weighing.blocs(actors, ties)
    positions: dict[str, int] = defaultdict(int)
    for actor, _ in found:
        positions[actor] += 1
    blocs: tuple[Bloc, ...] = ()
    if verdict.shown:
        groups = [sorted(g, key=lambda a: (-positions[a], a)) for g in verdict.groups if len(g) > 1]
        blocs = tuple(Bloc(n, tuple(members), _defining(members, found, describe), period.name, period.slug) for n, members in enumerate(groups, start=1))
    divided = any(p.opposed for p in found_pairs)
    score = polarisation_of(claims, divided) if divided is False or score_polarisation else None
    return PeriodFigures(
        period=period,
        pairs=found_pairs,
        blocs=blocs,
        shown=verdict.shown,
        reason=verdict.reason,
        modularity=verdict.modularity,
        polarisation=score,
        actors=len(actors),
        positions=len(claims),
        contested=contested(found, describe),
        weights=weights,
    )


def polarisation_of(claims: Sequence[ClaimRecord], divided: bool) -> float | None:
    """A period's polarisation score: 0 where no two actors take opposite sides of a topic (`divided` is False: no conflict, so
    no division, whatever the spread of agreement); elsewhere DNA's score of the period's supports and opposes (`analysis/polarisation.py`),
    None with fewer than two actors among them. DNA's own formula is not 0 without conflict: it measures how unevenly agreement
    is spread over the best balanced split (5/12 for four actors who all support one demand), which would read as a split no source states."""
    if not divided:
        return 0.0
    statements = dna.statements(claims)
    return polarisation.polarisation(statements).score if len({s.actor for s in statements}) > 1 else None


def _voices(actors: Sequence[str], own: dict[str, tuple[ClaimRecord, ...]]) -> int:
    """Actors on a side, where co-signatories speaking only through one joint document are one voice."""
    keys = set()
    for actor in actors:
        documents = {c.document for c in own[actor]}
        jointly = len(documents) == 1 and all(c.joint or c.authorship for c in own[actor])
        keys.add(f"joint:{documents.pop()}" if jointly else actor)
    return len(keys)


def _side(stance: str, actors: list[str], found: dict[tuple[str, str], weighing.Stand], topic: str, describe: Describe | None = None) -> Side:
    own = {a: found[(a, topic)].claims for a in actors}
    ordered = sorted(actors, key=lambda a: (not any(c.first_hand for c in own[a]), -len(own[a]), a))
    claims = {(c.document, c.id): c for a in actors for c in own[a]}
    return Side(
        stance=stance,
        actors=tuple(ordered),
        first_hand=sum(1 for a in actors if any(c.first_hand for c in own[a])),
        claims=len(claims),
        evidence=_evidence(ordered, own),
        voices=_voices(actors, own),
        basis=describe(claims.values()) if describe else None,
    )


def _evidence(actors: list[str], own: dict[str, tuple[ClaimRecord, ...]]) -> tuple[ClaimRecord, ...]:
    """A few passages for one side: each actor's best passage in turn (first-hand, then newest), then second ones."""
    queues: dict[str, list[ClaimRecord]] = {}  # sorted only for the actors reached: usually the first few
    chosen: dict[tuple[str, str], ClaimRecord] = {}
    depth = 0
    while len(chosen) < EVIDENCE_PER_SIDE and depth < max(len(own[a]) for a in actors):
        for actor in actors:
            if len(chosen) >= EVIDENCE_PER_SIDE:
                break
            if depth < len(own[actor]):
                if actor not in queues:
                    queues[actor] = _best_first(own[actor])
                claim = queues[actor][depth]
                chosen.setdefault((claim.document, claim.id), claim)
        depth += 1
    return tuple(chosen.values())


def _best_first(claims: tuple[ClaimRecord, ...]) -> list[ClaimRecord]:
    """First-hand claims first, each group newest first (undated last), then by document and id."""
    by_id = sorted(claims, key=lambda c: (c.document, c.id))
    newest = sorted(by_id, key=lambda c: c.date.value if c.date else "", reverse=True)  # stable: ties keep id order
    return sorted(newest, key=lambda c: not c.first_hand)


def contested(found: dict[tuple[str, str], weighing.Stand], describe: Describe | None = None) -> tuple[Contested, ...]:
    """Topics with supporters and opponents: the smaller side's voices first, then both sides', then id."""
    table: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for (actor, topic), stand in sorted(found.items()):
        table[topic][stand.stance].append(actor)
    made = []
    for topic, stances in sorted(table.items()):
        supporters, opponents = stances.get("supports", []), stances.get("opposes", [])
        if supporters and opponents:
            made.append(
                Contested(
                    topic,
                    _side("supports", supporters, found, topic, describe),
                    _side("opposes", opponents, found, topic, describe),
                    tuple(stances.get("conditional", [])),
                    tuple(stances.get("mixed", [])),
                )
            )
    return tuple(sorted(made, key=lambda c: (-min(c.supporting.voices, c.opposing.voices), -c.supporting.voices - c.opposing.voices, c.demand)))
