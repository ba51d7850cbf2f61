"""DNA's polarisation score (build_scripts/analysis/polarisation.py) on hand-made, synthetic statement sets.

The cases and their arithmetic are in tests/data/analysis/polarisation.yaml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from build_scripts.analysis import polarisation as pol
from build_scripts.analysis.dna import Statement

CASES = yaml.safe_load((Path(__file__).parent / "data" / "analysis" / "polarisation.yaml").read_text(encoding="utf-8"))["cases"]


def as_statements(rows: list[list[Any]]) -> list[Statement]:
    return [Statement(actor, concept, agreement, document) for actor, concept, agreement, document in rows]


def case(name: str) -> dict[str, Any]:
    return next(c for c in CASES if c["name"] == name)


@pytest.mark.parametrize("item", CASES, ids=[c["name"] for c in CASES])
def test_golden_scores_of_given_partitions(item: dict[str, Any]) -> None:
    nets = pol.networks(as_statements(item["statements"]))
    for want in item["partitions"]:
        assert pol.score(nets, want["groups"]) == pytest.approx(want["score"])
        assert pol.score(nets, want["groups"], normalise=False) == pytest.approx(want["unnormalised"])
        given = pol.score_partition(as_statements(item["statements"]), want["groups"])
        assert given.score == pytest.approx(want["score"])
        assert given.search == "given"


@pytest.mark.parametrize("item", CASES, ids=[c["name"] for c in CASES])
def test_golden_best_partition(item: dict[str, Any]) -> None:
    best = pol.polarisation(as_statements(item["statements"]))
    assert best.score == pytest.approx(item["best"]["score"])
    assert best.groups == tuple(tuple(g) for g in item["best"]["groups"])
    assert best.search == "exhaustive"


def test_split_set_scores_higher_than_unsplit_set() -> None:
    split = pol.polarisation(as_statements(case("clearly split")["statements"]))
    unsplit = pol.polarisation(as_statements(case("unsplit")["statements"]))
    assert split.score == pytest.approx(7 / 12)
    assert unsplit.score == pytest.approx(5 / 12)
    assert split.score > unsplit.score


def test_the_camps_partition_is_not_the_maximising_one() -> None:
    # What DNA's absdiff score rewards (see the module): the camps partition of the split set
    # scores 1/4, below any partition of the unsplit set (5/12), and below the crossed one (7/12).
    item = case("clearly split")
    nets = pol.networks(as_statements(item["statements"]))
    camps = pol.score(nets, [["a1", "a2"], ["b1", "b2"]])
    assert camps == pytest.approx(0.25)
    assert camps < pol.polarisation(as_statements(case("unsplit")["statements"])).score
    assert camps < pol.best_partition(nets).score


def test_average_normalisation_and_duplicates() -> None:
    # Synthetic: a1 and a2 support j in doc1; a1 repeats it in doc1 (dropped) and in doc3 (kept).
    # N[a1] = 2, N[a2] = 1: C[a1,a2] = (2·1) / ((2 + 1) / 2) = 4/3.
    found = as_statements([["a1", "j", 1, "doc1"], ["a1", "j", 1, "doc1"], ["a1", "j", 1, "doc3"], ["a2", "j", 1, "doc1"]])
    nets = pol.networks(found)
    assert nets.actors == ("a1", "a2")
    assert nets.congruence == {("a1", "a2"): pytest.approx(4 / 3)}
    assert nets.conflict == {}
    assert nets.congruence_norm == pytest.approx(8 / 3)


def test_actors_without_ties_are_nodes() -> None:
    # Synthetic: a lone actor (z, on its own concept) still counts in the dyads, as in DNA's matrix.
    found = [*as_statements(case("clearly split")["statements"]), Statement("z", "k", 1, "doc9")]
    nets = pol.networks(found)
    assert nets.actors == ("a1", "a2", "b1", "b2", "z")
    best = pol.best_partition(nets)
    assert sorted(map(len, best.groups)) == [2, 3]


def test_degenerate_sets() -> None:
    assert pol.polarisation([]) == pol.Polarisation(0.0, (), "none")
    assert pol.polarisation([Statement("a", "j", 1, "doc1")]).score == 0.0
    # Two actors on different concepts: no congruence, no conflict; DNA would divide 0 by 0.
    none = pol.polarisation([Statement("a", "j", 1, "doc1"), Statement("b", "k", 0, "doc1")])
    assert none.score == 0.0
    assert none.groups == (("a",), ("b",))


def test_groups_must_partition_the_actors() -> None:
    nets = pol.networks(as_statements(case("three actors")["statements"]))
    with pytest.raises(ValueError):
        pol.score(nets, [["a", "b"]])
    with pytest.raises(ValueError):
        pol.score(nets, [["a", "b"], ["b", "c"]])


def two_camps(size: int) -> list[Statement]:
    """Synthetic: `size` actors support j and k, `size` others oppose both, in two documents."""
    return [Statement(f"{side}{i:02d}", concept, 1 if side == "a" else 0, f"doc-{side}") for side in "ab" for i in range(size) for concept in ("j", "k")]


def test_greedy_search_is_deterministic_and_reaches_the_maximum(monkeypatch: pytest.MonkeyPatch) -> None:
    found = two_camps(8)  # 16 actors: above EXHAUSTIVE_MAX
    first, again = pol.polarisation(found), pol.polarisation(found)
    assert first.search == "greedy"
    assert first == again
    monkeypatch.setattr(pol, "EXHAUSTIVE_MAX", 16)
    exhaustive = pol.polarisation(found)
    assert exhaustive.search == "exhaustive"
    assert first.score == pytest.approx(exhaustive.score)


@pytest.mark.parametrize("item", CASES, ids=[c["name"] for c in CASES])
def test_greedy_on_the_golden_cases(item: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pol, "EXHAUSTIVE_MAX", 0)
    best = pol.polarisation(as_statements(item["statements"]))
    assert best.search == "greedy"
    assert best.score == pytest.approx(item["best"]["score"])


def test_the_greedy_searchs_running_sums_stay_each_actors_pair_shares() -> None:
    """The search keeps, for each actor and side, the sum of its pairs' shares of D; after every swap they must equal a recount."""
    import random

    rng = random.Random(3)
    actors = tuple(f"a{i:02d}" for i in range(12))
    pairs = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1 :]]
    nets = pol.Networks(actors, {p: rng.random() for p in pairs if rng.random() < 0.4}, {p: rng.random() for p in pairs if rng.random() < 0.3})
    costs = pol._Costs(nets)
    side = [i % 2 for i in range(len(actors))]
    sums = pol._Sums(costs, side)
    for i, j in ((0, 1), (2, 5), (7, 4), (0, 11)):
        if side[i] != side[j]:
            before = costs.distance(side)
            gain = sums.swap_gain(i, j)
            sums.move(i)
            sums.move(j)
            assert costs.distance(side) == pytest.approx(before + gain), "the gain is what the swap changes D by"
        for t in (0, 1):
            recount = [sum(costs.pair(m, k, t, side[k]) for k in range(len(actors)) if k != m) for m in range(len(actors))]
            assert sums.sums[t] == pytest.approx(recount)
