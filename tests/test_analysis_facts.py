"""What the exports say of each position (build_scripts/analysis/facts.py), on synthetic positions written for this test."""

from __future__ import annotations

from dataclasses import replace

from build_scripts.analysis.facts import PositionFacts, position_facts
from build_scripts.analysis.scope import Period
from build_scripts.index import AUTHORSHIP

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
        ("communique", claims[0].id, "a", "t"): PositionFacts("first-hand", "communique", "2020", None),
        ("communique", claims[0].id, "b", "t"): PositionFacts("first-hand", "communique", "2020", None),
        ("speech", claims[1].id, "a", "t"): PositionFacts("first-hand", None, "2021", "reversal"),
        ("hostile", claims[2].id, "b", "t"): PositionFacts("described", None, "2021", None),
        ("relayed", claims[3].id, "a", "t"): PositionFacts("reported", None, "2022", "unordered"),
    }
    named = position_facts(claims, [Period("2019-01-01", "2020-12-31", "Before the talks")])
    assert [f.period for f in named.values()] == ["Before the talks", "Before the talks", None, None, None]


def test_an_issuers_authorship_has_its_facts_too() -> None:
    """Synthetic: first-hand; a joint document only when others issued that document too; a step when it follows the issuer's own stand."""
    positions = [
        position("a", "accord", "opposes", document="speech", date="2019-04-02", instrument=True),
        position("a", "accord", document="summit", basis=AUTHORSHIP, date="2021-03-01"),
        position("b", "accord", document="summit", basis=AUTHORSHIP, date="2021-03-01"),
        position("a", "decree", document="gazette", basis=AUTHORSHIP, date="2021-05-01"),
        position("a", "charter", document="summit", basis=AUTHORSHIP, date="2021-03-01"),
    ]
    positions[4] = replace(positions[4], id=positions[1].id)  # as the index names authorship: `<status>-<issuer>`, per document
    facts = position_facts(positions)
    assert facts[("summit", positions[1].id, "a", "accord")] == PositionFacts("first-hand", "summit", "2021", "reversal"), "opposed, then issued"
    assert facts[("summit", positions[2].id, "b", "accord")] == PositionFacts("first-hand", "summit", "2021", None)
    assert facts[("gazette", positions[3].id, "a", "decree")] == PositionFacts("first-hand", None, "2021", None), "its sole issuer"
    # The same issuer, document and id for two instruments: two positions, told apart by their topic.
    assert facts[("summit", positions[4].id, "a", "charter")] == PositionFacts("first-hand", "summit", "2021", None)
    assert len(facts) == len(positions)
