"""The network limited to a period, on the synthetic dossier of `periods_dossier.py`: ties computed within each period, never pooled."""

from __future__ import annotations

import pytest

from build_scripts.pages import Site
from build_scripts.pipeline import check, compute
from build_scripts.render import Renderer
from build_scripts.views import network, network_periods, paging
from build_scripts.views.measure import Measure

from . import periods_dossier


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> Renderer:
    index = check(periods_dossier.write(tmp_path_factory.mktemp("network-periods") / "sources"))
    site = Site()
    return Renderer(index, site, compute(index, site))


def _ties(graph: network.Graph) -> set[tuple[str, str, str]]:
    return {(e.kind, e.source.removeprefix("actors/"), e.target.removeprefix("actors/")) for e in graph.edges}


def test_each_period_draws_only_its_own_ties(renderer: Renderer) -> None:
    data = renderer.views.network
    assert [p.period.name for p in data.periods] == ["2020", "2021"]
    early, late = data.periods
    assert _ties(early.graph) == {("congruence", "alpha", "delta")}
    assert _ties(late.graph) == {("conflict", "alpha", "gamma")}, "the Beta Party's mixed stance is neither agreement nor conflict"
    assert {("congruence", "alpha", "delta"), ("conflict", "alpha", "gamma")} <= _ties(data.whole), "the network of all periods adds them up"


def test_a_period_page_says_its_period_lets_the_reader_choose_and_opens_each_ties_evidence(renderer: Renderer) -> None:
    specs = {s.path: s for s in network.page_specs(renderer.views.network, renderer.index)}
    assert list(specs) == ["network/index.md", "network/period-2020.md", "network/period-2021.md"]
    html = renderer.render(specs["network/period-2021.md"]).html
    assert '<h1 id="top">Network in 2021</h1>' in html
    assert '<strong aria-current="page">2021</strong>' in html and '<a href="../period-2020/">2020</a>' in html
    assert '<a href="../">all, added up period by period</a>' in html
    assert "2021 alone (2021-01-01 to 2021-12-31)" in html and 'href="../../agreement/period-2021/"' in html
    assert "opposite stances on 1 of the 1 topic either takes a position on" in html
    assert 'evidence: <a href="../../actors/alpha/#demand-one">' in html and '<a href="../../actors/gamma/#demand-one">' in html
    assert "<svg" in html and "Delta" not in html.split('id="list"')[1], "the 2020 partner is not on the page of 2021"
    whole = renderer.render(specs["network/index.md"]).html
    assert '<strong aria-current="page">all, added up period by period</strong>' in whole and '<a href="../network/period-2021/">' not in whole
    assert '<a href="period-2021/">2021</a>' in whole


def test_a_period_page_over_the_budget_is_drawn_again_with_fewer_nodes(renderer: Renderer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Weighed as rendered: with no room at all, each period's drawing shrinks step by step to the fewest nodes, its SVG redrawn."""
    data = renderer.views.network
    assert all(p.limit == network.WHOLE_LIMIT for p in data.periods), "the bundled budget holds these small pages as drawn"
    monkeypatch.setattr(paging, "fragment_budget", lambda title, language="en", path="": 0)
    measure = Measure(renderer.index, renderer.site, renderer.views)
    fitted = network_periods.fit(data, renderer.index, measure, renderer.site)
    assert [p.limit for p in fitted.periods] == [network_periods.FEWEST] * len(data.periods)
    assert all(p.graph.key in fitted.svgs and len(p.graph.nodes) <= p.limit for p in fitted.periods)
    assert len(fitted.whole.nodes) <= network_periods.FEWEST, "the network page is drawn with the fewest nodes too"
