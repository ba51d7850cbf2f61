"""Position histories (build_scripts/analysis/histories.py) on synthetic positions written for these tests."""

from __future__ import annotations

from build_scripts.analysis.histories import History, histories, shifts

from .analysis_claims import position


def kinds(history: History) -> list[str]:
    return [step.kind for step in history.steps]


def test_an_actor_that_reverses_then_softens_has_exactly_two_changes() -> None:
    found = histories(
        [
            position("a", "t", "supports", document="one", date="2020-01"),
            position("a", "t", "opposes", document="two", date="2021-03-04"),
            position("a", "t", "conditional", document="three", date="2022"),
        ]
    )
    assert [(h.actor, h.topic) for h in found] == [("a", "t")]
    assert kinds(found[0]) == ["reversal", "softened"]
    assert len(found[0].changes) == 2
    assert not found[0].consistent


def test_a_single_position_has_no_history_and_is_never_consistent() -> None:
    assert histories([position("a", "t", document="one"), position("a", "t", document="one", date="2024-06-01")]) == []


def test_two_concordant_positions_are_consistent_and_hardening_is_a_change() -> None:
    found = histories([position("a", "t", document="one", date="2019"), position("a", "t", document="two", date="2020")])
    assert kinds(found[0]) == ["consistent"] and found[0].consistent and not found[0].changes
    hardened = histories([position("a", "t", "conditional", document="one", date="2019"), position("a", "t", "opposes", document="two", date="2020")])
    assert kinds(hardened[0]) == ["hardened"]


def test_a_year_is_not_ordered_against_a_day_of_that_year() -> None:
    found = histories([position("a", "t", "supports", document="one", date="2024"), position("a", "t", "opposes", document="two", date="2024-06-10")])
    assert kinds(found[0]) == ["unordered"]
    assert not found[0].changes and not found[0].consistent


def test_an_upper_bound_counts_as_no_later_than() -> None:
    found = histories(
        [
            position("a", "t", "supports", document="zero", date="2023-01"),
            position("a", "t", "supports", document="relayed", date="2023-06", no_later_than=True),
            position("a", "t", "opposes", document="later", date="2023-09"),
        ]
    )
    # "By June 2023" may be before January 2023: unordered; it is certainly before September 2023.
    assert [p.document for p in found[0].points] == ["zero", "relayed", "later"]
    assert kinds(found[0]) == ["unordered", "reversal"]


def test_a_document_that_gives_both_sides_is_mixed() -> None:
    found = histories(
        [
            position("a", "t", "supports", document="one", date="2020"),
            position("a", "t", "supports", document="two", date="2021"),
            position("a", "t", "opposes", document="two", date="2021"),
        ]
    )
    assert found[0].points[1].stance == "mixed"
    assert kinds(found[0]) == ["mixed"]


def test_undated_positions_are_left_out_and_joint_positions_count_for_each_actor() -> None:
    found = histories(
        [
            position("a b", "t", document="one", date="2020"),
            position("a", "t", "opposes", document="two", date="2021"),
            position("b", "t", document="three", date=None),
        ]
    )
    assert [(h.actor, kinds(h)) for h in found] == [("a", ["reversal"])]


def test_shifts_are_listed_newest_first() -> None:
    found = histories(
        [
            position("a", "t", "supports", document="one", date="2018"),
            position("a", "t", "opposes", document="two", date="2019"),
            position("b", "t", "opposes", document="three", date="2020"),
            position("b", "t", "supports", document="four", date="2022-02"),
            position("c", "u", "conditional", document="five", date="2019-05"),
            position("c", "u", "supports", document="six", date="2021"),
        ]
    )
    assert [(h.actor, s.after.document) for h, s in shifts(found)] == [("b", "four"), ("c", "six"), ("a", "two")]
