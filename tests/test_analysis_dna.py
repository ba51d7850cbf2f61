"""DNA's one-mode networks (build_scripts/analysis/dna.py) on hand-made, synthetic statement sets.

Every expected value is worked out by hand, in the comments here or in tests/data/analysis/*.yaml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from build_scripts.analysis.dna import DnaRow, Statement, deduplicate, dna_network, dna_rows, statements
from build_scripts.index import AUTHORSHIP, ClaimRecord
from build_scripts.models import Date

DATA = Path(__file__).parent / "data" / "analysis"


def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def as_statements(rows: list[list[Any]]) -> list[Statement]:
    return [Statement(actor, concept, agreement, document) for actor, concept, agreement, document in rows]


def row_map(rows: list[DnaRow]) -> dict[tuple[str, str], DnaRow]:
    return {(r.actor_a, r.actor_b): r for r in rows}


@pytest.mark.parametrize("name", ["dna_duplicates.yaml", "dna_jaccard.yaml"])
def test_golden_rows(name: str) -> None:
    case = load(name)
    rows = dna_rows(as_statements(case["statements"]))
    found = row_map(rows)
    expected = case["expected"]
    assert len(rows) == 2 * len(expected), "one row per ordered pair with a shared concept, no more"
    for want in expected:
        for a, b in ((want["actor_a"], want["actor_b"]), (want["actor_b"], want["actor_a"])):
            got = found[(a, b)]
            assert (got.congruence, got.conflict) == (want["congruence"], want["conflict"])
            assert got.congruence_jaccard == pytest.approx(want["congruence_jaccard"])
            assert got.conflict_jaccard == pytest.approx(want["conflict_jaccard"])


def test_golden_network_matches_rows_in_each_option() -> None:
    case = load("dna_duplicates.yaml")
    found = as_statements(case["statements"])
    rows = row_map(dna_rows(found))
    for aggregation in ("congruence", "conflict"):
        raw = dna_network(found, aggregation, "no")
        jaccard = dna_network(found, aggregation, "jaccard")
        assert list(raw) == sorted(raw) == list(rows), "the same ordered pairs, sorted"
        for pair, row in rows.items():
            assert raw[pair] == getattr(row, aggregation)
            assert jaccard[pair] == getattr(row, f"{aggregation}_jaccard")


def test_average_normalisation() -> None:
    case = load("dna_jaccard.yaml")
    found = as_statements(case["statements"])
    for want in case["average"]:
        pair = (want["actor_a"], want["actor_b"])
        assert dna_network(found, "congruence", "average")[pair] == pytest.approx(want["congruence"])
        assert dna_network(found, "conflict", "average")[pair] == pytest.approx(want["conflict"])


def test_duplicates_within_a_document_count_once_and_across_documents_twice() -> None:
    # Synthetic: p says d1 yes twice in doc1 and once in doc2; q says d1 yes once in doc1.
    found = as_statements([["p", "d1", 1, "doc1"], ["p", "d1", 1, "doc1"], ["p", "d1", 1, "doc2"], ["q", "d1", 1, "doc1"]])
    # duplicates = "document": p keeps 2 statements (doc1, doc2) → congruence 2·1 = 2
    assert dna_network(found, "congruence")[("p", "q")] == 2
    assert [(s.actor, s.document) for s in deduplicate(found)] == [("p", "doc1"), ("q", "doc1"), ("p", "doc2")]
    # duplicates = "include": p keeps all 3 → congruence 3·1 = 3
    assert dna_network(found, "congruence", duplicates="include")[("p", "q")] == 3
    # The same words with the other qualifier in the same document are not a duplicate:
    # p (1 yes, 1 no in doc1) and q (yes): congruence 1·1 = 1, conflict 1·1 = 1;
    # jaccard cells (d1,1) both: m11 1; (d1,0) only p: m10 1 → 2, so 0.5 and 0.5.
    mixed = as_statements([["p", "d1", 1, "doc1"], ["p", "d1", 0, "doc1"], ["q", "d1", 1, "doc1"]])
    assert row_map(dna_rows(mixed))[("p", "q")] == DnaRow("p", "q", 1, 1, 0.5, 0.5)


def test_pairs_without_a_shared_concept_have_no_row() -> None:
    # Synthetic: r and s never speak on the same concept.
    found = as_statements([["r", "d1", 1, "doc1"], ["s", "d2", 1, "doc1"]])
    assert dna_rows(found) == []
    assert dna_network(found, "congruence") == {}


def claim(
    id: str, document: str, actors: tuple[str, ...], stance: str, basis: str, date: str, demand: str | None = None, instrument: str | None = None
) -> ClaimRecord:
    return ClaimRecord(
        id=id, document=document, actors=actors, demand=demand, instrument=instrument, stance=stance, basis=basis, evidence="(synthetic)", date=Date(value=date)
    )


SYNTHETIC_POSITIONS = [
    # A joint communiqué of xa, xb and xc supporting d1, and in the same document xa's own sentence saying it again.
    claim("c1", "communique", ("xa", "xb", "xc"), "supports", "own-publication", "2016-02-01", demand="d1"),
    claim("c2", "communique", ("xa",), "supports", "quoted", "2016-02-01", demand="d1"),
    # xa issued the communiqué (instrument `comm`): authorship, its own first-hand support.
    claim("issued-xa", "communique", ("xa",), "supports", AUTHORSHIP, "2016-02-01", instrument="comm"),
    # A later rebuttal: xd opposes d1 and rejects the communiqué; xe supports d1 only on a condition.
    claim("c3", "rebuttal", ("xd",), "opposes", "quoted", "2020", demand="d1"),
    claim("c4", "rebuttal", ("xd",), "opposes", "own-publication", "2020", instrument="comm"),
    claim("c5", "rebuttal", ("xe",), "conditional", "quoted", "2020", demand="d1"),
    # A hostile party's description of xf: characterised, left out.
    claim("c6", "hostile", ("xf",), "supports", "characterised", "2021", demand="d1"),
    # A briefing reporting xg's support: reported, kept.
    claim("c7", "briefing", ("xg",), "supports", "reported", "2019-05", demand="d1"),
]


def test_mapping_from_positions() -> None:
    found = statements(SYNTHETIC_POSITIONS)
    # one statement per actor of the joint claim; conditional (xe) and characterised (xf) left out;
    # authorship is agreement 1 on the instrument; sorted by date, document, actor, concept.
    assert [(s.date, s.document, s.actor, s.concept, s.agreement, s.claim) for s in found] == [
        ("2016-02-01", "communique", "xa", "comm", 1, "issued-xa"),
        ("2016-02-01", "communique", "xa", "d1", 1, "c1"),
        ("2016-02-01", "communique", "xa", "d1", 1, "c2"),
        ("2016-02-01", "communique", "xb", "d1", 1, "c1"),
        ("2016-02-01", "communique", "xc", "d1", 1, "c1"),
        ("2019-05", "briefing", "xg", "d1", 1, "c7"),
        ("2020", "rebuttal", "xd", "comm", 0, "c4"),
        ("2020", "rebuttal", "xd", "d1", 0, "c3"),
    ]


def test_rows_from_positions() -> None:
    rows = row_map(dna_rows(statements(SYNTHETIC_POSITIONS)))
    # After duplicates (xa's c2 repeats its part of c1 in the same document):
    #   xa: comm (0,1), d1 (0,1); xb: d1 (0,1); xc: d1 (0,1); xd: comm (1,0), d1 (1,0); xg: d1 (0,1)
    # d1 is shared by xa, xb, xc, xd, xg: 10 pairs, 20 rows; comm adds no new pair.
    assert len(rows) == 20
    assert {a for a, _ in rows} == {"xa", "xb", "xc", "xd", "xg"}
    # Co-signatories: xb-xc congruence 1·1 = 1; jaccard (d1,1) both: m11 1 → 1/1.
    assert rows[("xb", "xc")] == DnaRow("xb", "xc", 1, 0, 1.0, 0.0)
    # xa-xb: congruence 1 (c2 counted once with c1); jaccard (d1,1) m11 1 + (comm,1) only xa m10 1 → 1/2.
    assert rows[("xa", "xb")] == DnaRow("xa", "xb", 1, 0, 0.5, 0.0)
    # xa-xd: conflict on d1 (1·1) and on comm (1·1) = 2; cells (d1,1) m10 1, (d1,0) m01 1,
    # (comm,1) m10 1, (comm,0) m01 1 → 4, so 2/4.
    assert rows[("xa", "xd")] == DnaRow("xa", "xd", 0, 2, 0.0, 0.5)
    assert rows[("xd", "xa")] == DnaRow("xd", "xa", 0, 2, 0.0, 0.5)
    # xb-xd: conflict 1; cells (d1,1) m10 1, (d1,0) m01 1, (comm,0) m01 1 → 3, so 1/3.
    assert rows[("xb", "xd")].conflict_jaccard == pytest.approx(1 / 3)
    # A reported position counts: xg-xb congruence 1.
    assert rows[("xb", "xg")].congruence == 1
    # Without DNA's duplicate rule, xa's two sentences would count twice: 2·1 = 2.
    assert dna_network(statements(SYNTHETIC_POSITIONS), "congruence", duplicates="include")[("xa", "xb")] == 2


def test_same_joint_statement_in_two_documents_counts_twice() -> None:
    # Synthetic: the joint claim of xa and xb is published in two documents → 2 statements each,
    # congruence 2·2 = 4; jaccard (d1,1) both: m11 2·2 = 4 → 4/4 = 1.
    twice = [
        claim("j1", "doc-a", ("xa", "xb"), "supports", "own-publication", "2016", demand="d1"),
        claim("j2", "doc-b", ("xa", "xb"), "supports", "own-publication", "2016", demand="d1"),
    ]
    assert row_map(dna_rows(statements(twice)))[("xa", "xb")] == DnaRow("xa", "xb", 4, 0, 1.0, 0.0)
