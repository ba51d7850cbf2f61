"""An actor's profile: counts, positions by theme and demand, and the facts a group of claims shares, said once."""

from __future__ import annotations

from dataclasses import replace

from build_scripts.pipeline import build_all, check
from build_scripts.views import profiles, stances

from .conftest import DATA

CASE = DATA / "views" / "briefings" / "sources"


def test_profile_counts_and_groups_by_theme_then_demand() -> None:
    index = check(CASE)
    alpha = profiles.profile(index, stances.cells(index), "alpha")
    assert (alpha.positions, alpha.demands, alpha.documents, alpha.mentions) == (4, 3, 2, 2)
    assert [(theme, [g.topic for g in groups]) for theme, groups in alpha.themes] == [("transition", ["one", "two"]), ("justice", ["four"])]
    gamma = profiles.profile(index, stances.cells(index), "gamma")
    assert [g.cell.stance for _, groups in gamma.themes for g in groups] == ["mixed"]


def test_shared_facts_are_those_every_claim_of_the_group_has() -> None:
    index = check(CASE)
    first, second = [c for c in index.claims if c.document == "first"][:2]
    assert profiles.shared_facts((first,)) == frozenset()
    assert profiles.shared_facts((first, second)) == {"document", "date", "conference"}
    other = replace(second, document="second", conference="somewhere")
    assert profiles.shared_facts((first, other)) == {"date"}


def test_actor_page_opens_with_a_summary_and_anchors_each_demand() -> None:
    html = {p.path: p.html for p in build_all(CASE).pages}["actors/alpha.md"]
    assert '<p class="lede">Alpha Party is a party.</p>' in html
    assert "4 positions on 3 demands, from 2 sources; named in 2 sources; 0 conferences or meetings; 0 quotes." in html
    for demand in ("one", "two", "four"):
        assert f'id="demand-{demand}"' in html and f'href="#demand-{demand}"' in html
    assert html.index('id="theme-transition"') < html.index('id="theme-justice"')
    assert "(2 positions: 1 first-hand, 1 reported)" in html
