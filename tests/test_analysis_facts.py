"""What the exports say of each position (build_scripts/analysis/facts.py), on synthetic positions written for this test."""

from __future__ import annotations

from build_scripts.analysis.facts import PositionFacts, position_facts
from build_scripts.analysis.scope import Period

from .analysis_claims import position


def test_each_actor_of_each_claim_has_its_basis_class_joint_document_period_and_step() -> None:
    claims = [
        position("a b", "t", document="communique", basis="own-publication", date="2020-03"),
        position("a", "t", "opposes", document="speech", date="2021-05-02"),
        position("b", "t", "opposes", document="hostile", basis="characterised", date="2021"),
        position("a", "t", document="relayed", basis="reported", date="2022-06", no_later_than=True),
    ]
    facts = position_facts(claims)
    assert facts == {
        ("communique", claims[0].id, "a"): PositionFacts("first-hand", "communique", "2020", None),
        ("communique", claims[0].id, "b"): PositionFacts("first-hand", "communique", "2020", None),
        ("speech", claims[1].id, "a"): PositionFacts("first-hand", None, "2021", "reversal"),
        ("hostile", claims[2].id, "b"): PositionFacts("described", None, "2021", None),
        ("relayed", claims[3].id, "a"): PositionFacts("reported", None, "2022", "unordered"),
    }
    named = position_facts(claims, [Period("2019-01-01", "2020-12-31", "Before the talks")])
    assert [f.period for f in named.values()] == ["Before the talks", "Before the talks", None, None, None]
