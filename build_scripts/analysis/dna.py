"""The Discourse Network Analyzer's one-mode actor networks, from the dossier's positions.

DNA (leifeld/dna) is the field's reference tool for discourse networks. This module gives the
values its R front end returns for

    dna_network(networkType = "onemode", variable1 = "organization", variable2 = "concept",
                qualifier = "agreement", qualifierAggregation = "congruence" | "conflict",
                normalization = "no" | "jaccard", duplicates = "document")

so that an analyst can check the dossier's figures against it. The arithmetic is derived from
DNA's Java exporter, `dna/src/main/java/dna/export/Exporter.java` (methods `filterStatements`,
`createArray` and `computeOneModeMatrix`), and written anew here; no code is taken from it.

The mapping (`statements`): a claim is a DNA statement, one for each actor of a joint claim. The
actor is DNA's organisation, the topic (a demand's id, or an instrument's for a stance on a
statement as a whole) its concept, and the stance its boolean qualifier: supports is
agreement 1, opposes agreement 0. Left out, because DNA's qualifier is yes or no and says nothing
of whose word it is: conditional positions, and positions whose basis is `characterised` (a
third party's description). An issuer's `authorship` of an instrument is the issuer's own,
first-hand position (it issued, adopted or signed the text), so it is a statement of agreement 1
on the instrument, dated as the instrument and placed in the document that gives the issuer.

Duplicates (`deduplicate`, after `Exporter.filterStatements`): with duplicates = "document",
statements are taken in date order and a statement is dropped when one already kept has the same
document, actor, concept and qualifier. So each (document, actor, concept, qualifier) counts at
most once, and the same position in two documents counts twice.

Counts (after `Exporter.createArray`): n[a, c, q] is the number of kept statements of actor a on
concept c with qualifier q (q = 0 or 1).

Aggregation (after `Exporter.computeOneModeMatrix`, boolean qualifier, whose range is 1), for two
distinct actors a and b:

    congruence(a, b) = sum over c of  n[a,c,1]·n[b,c,1] + n[a,c,0]·n[b,c,0]
    conflict(a, b)   = sum over c of  n[a,c,1]·n[b,c,0] + n[a,c,0]·n[b,c,1]

Normalisation divides either value by a norm (a value of 0 when the norm is 0):

- "no": 1.
- "average" (used by DNA's polarisation): (N[a] + N[b]) / 2, where N[x] is all of x's kept statements.
- "jaccard": m10 + m01 + m11, summed over every (concept, qualifier) cell of either actor:
  m10 adds n[a,c,q] where n[b,c,q] = 0; m01 adds n[b,c,q] where n[a,c,q] = 0; m11 adds the
  product n[a,c,q]·n[b,c,q] where both are positive. The same denominator serves congruence
  and conflict, and it counts the concepts only one of the two actors spoke on.

Every value is symmetric: (a, b) and (b, a) are equal. DNA fills a matrix over all actors; here
only pairs with a shared concept are returned, the rows of the SQLite table `dna_network`
(elsewhere both values are 0).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from ..index import ClaimRecord

Aggregation = Literal["congruence", "conflict"]
Normalization = Literal["no", "average", "jaccard"]
Duplicates = Literal["document", "include"]

QUALIFIER = {"supports": 1, "opposes": 0}
"""Stance → DNA's boolean `agreement` qualifier; other stances (conditional) have none and are left out."""
LEFT_OUT_BASES = ("characterised",)
"""Bases whose positions are not statements: a third party's description is not the actor's word."""


@dataclass(frozen=True)
class Statement:
    """One DNA statement: an actor's agreement (1) or disagreement (0) with a concept, in a document."""

    actor: str
    concept: str
    agreement: int
    document: str
    date: str | None = None
    """As the position gives it (YYYY, YYYY-MM or YYYY-MM-DD); undated statements sort last."""
    claim: str = ""
    """The position it comes from (a claim's anchor, or `<status>-<issuer>` for authorship)."""

    @property
    def sort_key(self) -> tuple[str, str, str, str, int, str]:
        return (self.date or "9999", self.document, self.actor, self.concept, self.agreement, self.claim)


@dataclass(frozen=True)
class DnaRow:
    """One row of the `dna_network` table: an ordered pair of actors with a shared concept, as DNA computes it."""

    actor_a: str
    actor_b: str
    congruence: int
    conflict: int
    congruence_jaccard: float
    conflict_jaccard: float


Tally = dict[str, dict[str, tuple[int, int]]]
"""Actor → concept → (statements with qualifier 0, statements with qualifier 1)."""


def statements(positions: Iterable[ClaimRecord]) -> list[Statement]:
    """The positions as DNA statements (see the module's mapping), one per actor, in date order."""
    found: list[Statement] = []
    for position in positions:
        qualifier = QUALIFIER.get(position.stance)
        if qualifier is None or position.basis in LEFT_OUT_BASES or not position.topic:
            continue  # DNA also drops a statement with an empty concept (`filterStatements`)
        date = position.date.value if position.date else None
        found.extend(Statement(actor, position.topic, qualifier, position.document, date, position.id) for actor in position.actors)
    return sorted(found, key=lambda s: s.sort_key)


def deduplicate(found: Iterable[Statement], duplicates: Duplicates = "document") -> list[Statement]:
    """The statements DNA keeps: with "document", the first (by date) of each document, actor, concept and qualifier."""
    ordered = sorted(found, key=lambda s: s.sort_key)
    if duplicates == "include":
        return ordered
    seen: set[tuple[str, str, str, int]] = set()
    kept = []
    for statement in ordered:
        key = (statement.document, statement.actor, statement.concept, statement.agreement)
        if key not in seen:
            seen.add(key)
            kept.append(statement)
    return kept


def tally(found: Iterable[Statement], duplicates: Duplicates = "document") -> Tally:
    """n[actor, concept, qualifier] over the kept statements, sorted by actor and concept."""
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for statement in deduplicate(found, duplicates):
        counts[statement.actor][statement.concept][statement.agreement] += 1
    return {actor: {concept: (n[0], n[1]) for concept, n in sorted(by.items())} for actor, by in sorted(counts.items())}


def shared_pairs(counts: Tally) -> list[tuple[str, str]]:
    """Unordered pairs (a < b) of actors with at least one concept in common, sorted."""
    by_concept: dict[str, list[str]] = defaultdict(list)
    for actor, concepts in counts.items():  # actors sorted: each concept's list is sorted
        for concept in concepts:
            by_concept[concept].append(actor)
    return sorted({pair for actors in by_concept.values() for pair in combinations(actors, 2)})


def _aggregate(a: dict[str, tuple[int, int]], b: dict[str, tuple[int, int]], aggregation: Aggregation) -> int:
    total = 0
    for concept in a.keys() & b.keys():
        (a0, a1), (b0, b1) = a[concept], b[concept]
        total += a1 * b1 + a0 * b0 if aggregation == "congruence" else a1 * b0 + a0 * b1
    return total


def _norm(a: dict[str, tuple[int, int]], b: dict[str, tuple[int, int]], normalization: Normalization) -> float:
    if normalization == "no":
        return 1.0
    if normalization == "average":
        return (sum(map(sum, a.values())) + sum(map(sum, b.values()))) / 2
    only_a = only_b = both = 0
    for concept in a.keys() | b.keys():
        for q in (0, 1):
            na, nb = a.get(concept, (0, 0))[q], b.get(concept, (0, 0))[q]
            if nb == 0:
                only_a += na
            if na == 0:
                only_b += nb
            if na > 0 and nb > 0:
                both += na * nb
    return float(only_a + only_b + both)


def pair_value(counts: Tally, a: str, b: str, aggregation: Aggregation, normalization: Normalization = "no") -> float:
    """DNA's value for actors a and b (either order) from a tally; 0 when either has no statement."""
    ours, theirs = counts.get(a, {}), counts.get(b, {})
    norm = _norm(ours, theirs, normalization)
    return _aggregate(ours, theirs, aggregation) / norm if norm else 0.0


def dna_network(
    found: Iterable[Statement],
    aggregation: Aggregation,
    normalization: Normalization = "no",
    duplicates: Duplicates = "document",
) -> dict[tuple[str, str], float]:
    """(actor_a, actor_b) → DNA's one-mode value, for every ordered pair of distinct actors with a shared concept, sorted."""
    counts = tally(found, duplicates)
    network: dict[tuple[str, str], float] = {}
    for a, b in shared_pairs(counts):
        network[(a, b)] = network[(b, a)] = pair_value(counts, a, b, aggregation, normalization)
    return dict(sorted(network.items()))


def dna_rows(found: Iterable[Statement], duplicates: Duplicates = "document") -> list[DnaRow]:
    """The `dna_network` table: every ordered pair with a shared concept, its raw and Jaccard-normalised values, sorted."""
    counts = tally(found, duplicates)
    rows = []
    for a, b in shared_pairs(counts):
        congruence = pair_value(counts, a, b, "congruence")
        conflict = pair_value(counts, a, b, "conflict")
        congruence_jaccard = pair_value(counts, a, b, "congruence", "jaccard")
        conflict_jaccard = pair_value(counts, a, b, "conflict", "jaccard")
        rows.append(DnaRow(a, b, int(congruence), int(conflict), congruence_jaccard, conflict_jaccard))
        rows.append(DnaRow(b, a, int(congruence), int(conflict), congruence_jaccard, conflict_jaccard))
    return sorted(rows, key=lambda r: (r.actor_a, r.actor_b))
