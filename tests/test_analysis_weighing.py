"""Agreement with prominence and joint statements, and blocs only where supported (build_scripts/analysis/weighing.py).

Synthetic positions, written for these tests; every expected figure is worked out by hand in the comments.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from build_scripts.analysis.weighing import MODULARITY_THRESHOLD, Tie, Unit, blocs, signatories, stands, ties, weights
from build_scripts.index import AUTHORSHIP

from .analysis_claims import position


def pair(found: list[Tie], a: str, b: str) -> Tie:
    return next(t for t in found if (t.a, t.b) == (a, b))


def consensus_and_one_contested() -> list:
    """a b c d each support `end-suffering` in their own documents; a b support `federal`, c d oppose it."""
    made = [position(x, "end-suffering", document=f"own-{x}") for x in "abcd"]
    made += [position(x, "federal", "supports" if x in "ab" else "opposes", document=f"own-{x}") for x in "abcd"]
    return made


def test_a_demand_everyone_supports_weighs_less_than_a_contested_one() -> None:
    weighed = weights(stands(consensus_and_one_contested()))
    # N = 4 actors, n = 4 on end-suffering: ln(1 + 4/4) / ln(1 + 4) = ln 2 / ln 5.
    assert weighed["end-suffering"] == pytest.approx(math.log(2) / math.log(5))
    assert weighed["federal"] == 1.0
    found = ties(stands(consensus_and_one_contested()))
    a_c = pair(found, "a", "c")
    # Union: ln2/ln5 + 1; agreement ln2/ln5 over it = ln 2 / ln 10; the unweighted Jaccard would say 1/2.
    assert a_c.agreement == pytest.approx(math.log10(2))
    assert a_c.conflict_score == pytest.approx(1 - math.log10(2))
    assert a_c.net < 0, "one contested demand outweighs a consensus one"
    assert pair(found, "a", "b").agreement == 1.0


def joint_communique() -> list:
    """a b c issue one communiqué with seven demands; a supports `x` on its own, b opposes it on its own."""
    made = [position("a b c", f"d{n}", document="communique", basis="own-publication") for n in range(1, 8)]
    return [*made, position("a", "x", document="a-own"), position("b", "x", "opposes", document="b-own")]


def test_a_joint_statement_counts_once_for_its_signatories() -> None:
    found = ties(stands(joint_communique()))
    a_b = pair(found, "a", "b")
    # N = 3, each d_n has 3 supporters: w = ln 2 / ln 4 = 1/2; the seven demands are one unit of weight 1/2; x weighs 1.
    assert [(u.key, len(u.topics), u.weight, u.signatories) for u in a_b.agree] == [("joint:communique", 7, pytest.approx(0.5), 3)]
    assert a_b.union == pytest.approx(1.5)
    assert a_b.agreement == pytest.approx(1 / 3), "not 7 agreements against 1 conflict"
    assert a_b.conflict_score == pytest.approx(2 / 3)
    # The bond shares the joint unit among its 3 signatories: (1/2 / 2 - 1) / 1.5 = -1/2.
    assert a_b.bond == pytest.approx(-0.5)
    # a and c: the unit, and x, which only a speaks on: agreement 1/2 / 1.5; bond 1/4 / 1.5.
    a_c = pair(found, "a", "c")
    assert (a_c.agreement, a_c.bond) == (pytest.approx(1 / 3), pytest.approx(1 / 6))
    assert signatories(joint_communique()) == {"communique": 3}


def test_joint_statements_whose_positions_share_an_anchor_each_keep_their_signatories() -> None:
    """Anchors are one namespace per page: two documents' joint positions can both be `#joint-1` (an editor's `id:`)."""
    first = replace(position("a b c", "d1", document="first", basis="own-publication"), id="joint-1")
    second = [
        replace(position("a d e", "d2", document="second", basis="own-publication"), id="joint-1"),
        replace(position("a d", "d3", document="second", basis="own-publication"), id="joint-2"),
    ]
    for claims in ([first, *second], [*second, first]):
        units = {(t.a, t.b): [(u.key, u.signatories) for u in t.agree] for t in ties(stands(claims))}
        assert units[("a", "b")] == [("joint:first", 3)]
        assert units[("a", "d")] == [("joint:second", 3)], "each document's signatories, not another's whose position has the same anchor"


def fifteen_signatories_and_a_later_rejection() -> tuple[list, list[str]]:
    """s01..s15 sign a communiqué (2019) with two demands; s01..s03 issued the Astana statement (2018);
    x and y, years later (2025), jointly reject the Astana statement and support the communiqué's first demand."""
    signers = [f"s{n:02d}" for n in range(1, 16)]
    made = [position(" ".join(signers), d, document="communique", basis="own-publication", date="2019-05-01") for d in ("d1", "d2")]
    made += [position(s, "astana", document="astana-statement", basis=AUTHORSHIP, date="2018-01-01") for s in signers[:3]]
    made += [position("x y", "astana", "opposes", document="xy", basis="own-publication", date="2025-02-01", instrument=True)]
    made += [position("x y", "d1", document="xy", basis="own-publication", date="2025-02-01")]
    return made, ["x", "y", *signers]


def test_the_rejecting_party_is_not_put_with_those_it_rejects() -> None:
    claims, actors = fifteen_signatories_and_a_later_rejection()
    found = ties(stands(claims))
    # s04 and x share only d1, which all 17 support: its event is shared by 17, so it barely binds them.
    assert pair(found, "s04", "x").bond < pair(found, "s04", "s05").bond
    result = blocs(actors, found)
    assert result.shown and result.modularity is not None and result.modularity >= MODULARITY_THRESHOLD
    assert result.groups == (tuple(f"s{n:02d}" for n in range(4, 16)), ("s01", "s02", "s03"), ("x", "y"))


def test_a_direct_conflict_without_first_hand_agreement_is_never_one_bloc() -> None:
    """Four actors tied equally; a and b agree only by reports and conflict first-hand (hand-made ties)."""
    agreed = (Unit("t", ("t",), 0.5, 2),)
    made = [Tie(a, b, agreed, (), 1.0, (a, b) == ("a", "b"), False) for a, b in [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("b", "d"), ("c", "d")]]
    assert [t.separates for t in made] == [True, False, False, False, False, False]
    result = blocs("abcd", made)
    # Louvain puts all four together (K4 with equal weights); the split puts c and d with a (equal bonds: the first seed).
    assert result.groups == (("a", "c", "d"), ("b",))
    assert not result.shown, "one group of two or more is not a partition into blocs"


def test_positions_that_all_agree_form_no_blocs() -> None:
    claims = [position(x, d, document=f"own-{x}") for x in "abcd" for d in ("d1", "d2")]
    result = blocs("abcd", ties(stands(claims)))
    assert not result.shown
    assert result.reason == "the positions do not form two or more groups"


def test_two_camps_form_blocs_with_their_modularity() -> None:
    result = blocs("abcd", ties(stands(consensus_and_one_contested())))
    # Edges a-b and c-d of equal bond, nothing across: modularity 2 * (1/2 - (1/2)^2) = 1/2.
    assert result.groups == (("a", "b"), ("c", "d"))
    assert result.modularity == pytest.approx(0.5)
    assert result.shown


def test_no_agreement_at_all_forms_no_blocs() -> None:
    claims = [position("a", "t"), position("b", "t", "opposes", document="other")]
    result = blocs("ab", ties(stands(claims)))
    assert (result.shown, result.modularity, result.reason) == (False, None, "no two actors agree more than they conflict")


def test_clusters_of_agreement_without_any_side_taken_are_not_blocs() -> None:
    """Two pairs that each share a demand, and nobody opposes anything: high modularity, no camps."""
    claims = [position(x, "d1", document=f"own-{x}") for x in "ab"] + [position(x, "d2", document=f"own-{x}") for x in "cd"]
    result = blocs("abcd", ties(stands(claims)))
    assert result.groups == (("a", "b"), ("c", "d"))
    assert result.modularity == pytest.approx(0.5)
    assert not result.shown
    assert result.reason.startswith("no two actors of different groups take opposite sides")
