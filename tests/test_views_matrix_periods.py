"""The stance matrix limited to a period, on the synthetic dossier of `periods_dossier.py` (two years, a mixed stance, empty cells)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts.pages import Site
from build_scripts.pipeline import check, compute
from build_scripts.render import Renderer
from build_scripts.views import matrix

from . import communique_dossier, periods_dossier


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> Renderer:
    index = check(periods_dossier.write(tmp_path_factory.mktemp("periods") / "sources"))
    site = Site()
    return Renderer(index, site, compute(index, site))


def _page(renderer: Renderer, path: str) -> str:
    spec = next(s for s in matrix.page_specs(renderer.views.matrix, renderer.index) if s.path == path)
    return renderer.render(spec).html


def _cells(html: str) -> dict[str, list[str]]:
    """Row header's link text → the visible text of each cell ("" for an empty one)."""
    table = html[html.index('<table class="matrix"') : html.index("</table>")]
    found = {}
    for row in re.findall(r"<tr data-type.*?</tr>", table, re.S):
        name = re.search(r'<th scope="row"><a [^>]*>([^<]+)</a>', row)
        assert name is not None
        found[name[1]] = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    return found


def test_each_period_has_its_matrix_with_only_that_periods_positions(renderer: Renderer) -> None:
    data = renderer.views.matrix
    assert [m.period.name for m in data.by_period if m.period] == ["2020", "2021"]
    assert data.cells[("alpha", "one")].stance == "mixed"
    early, late = data.by_period
    assert early.cells[("alpha", "one")].stance == "supports" and ("alpha", "two") not in early.cells
    assert late.cells[("alpha", "one")].stance == "opposes" and late.cells[("beta", "one")].stance == "mixed"
    assert ("gamma", "two") not in late.cells and late.cells[("gamma", "one")].stance == "supports", "no position of 2020 is pooled into 2021"


def test_a_period_page_shows_its_stances_says_so_and_tells_empty_from_mixed(renderer: Renderer) -> None:
    html = _page(renderer, "matrix/period-2020/governance.md")
    assert "Limited to 2020 (2020-01-01 to 2020-12-31)." in html
    assert _cells(html) == {"Alpha Party": ["+1", ""], "Delta Party": ["+1", ""], "Gamma Party": ["", "+1"]}, "columns: one, two; empty: none found"
    assert 'aria-label="+1: supports, 1 claim, first-hand, in 2020"' in html
    later = _page(renderer, "matrix/period-2021/governance.md")
    assert _cells(later) == {"Alpha Party": ["−1"], "Beta Party": ["±2"], "Gamma Party": ["+1"]}
    assert 'aria-label="±2: mixed, 2 claims, first-hand, in 2021"' in later
    whole = _page(renderer, "matrix/governance.md")
    assert sorted(_cells(whole)["Alpha Party"]) == ["", "±2"], "over all positions: mixed on demand one, none found on demand two"


def test_every_theme_page_leads_to_the_same_theme_in_each_period_without_javascript(renderer: Renderer) -> None:
    whole = _page(renderer, "matrix/governance.md")
    nav = whole[whole.index('<nav class="mx-periods"') : whole.index("</nav>", whole.index('<nav class="mx-periods"'))]
    assert '<strong aria-current="true">all positions</strong>' in nav
    assert 'href="../period-2020/governance/">2020</a>' in nav and 'href="../period-2021/governance/">2021</a>' in nav
    period = _page(renderer, "matrix/period-2021/governance.md")
    assert 'href="../../governance/">all positions</a>' in period and '<strong aria-current="true">2021</strong>' in period
    overview = renderer.render(matrix.page_specs(renderer.views.matrix, renderer.index)[0]).html
    assert '<a href="period-2020/governance/">2020</a> (2020-01-01 to 2020-12-31): 3 actors, 3 claims' in overview


def test_the_filter_gets_each_claims_period_as_the_build_placed_it(renderer: Renderer) -> None:
    data = renderer.views.matrix
    assert data.tokens("alpha", "one") == "sf2020-03-01~0 of2021-03-01~1"
    whole = _page(renderer, "matrix/governance.md")
    assert '<option value="0" data-in="in 2020">2020</option><option value="1" data-in="in 2021">2021</option>' in whole
    assert 'class="mx-period"' not in _page(renderer, "matrix/period-2020/governance.md"), "a period's page is limited already"


def test_a_periods_rows_are_grouped_by_that_periods_blocs(tmp_path: Path) -> None:
    """On the communiqué dossier (`communique_dossier.py`), 2023 to 2025 has blocs of its own: its matrix groups its rows by them."""
    index = check(communique_dossier.write(tmp_path / "sources"))
    site = Site(periods=(("2018", "2018", "2018"), ("2023 to 2025", "2023", "2025")))
    views = compute(index, site)
    limited = next(m for m in views.matrix.by_period if m.period and m.period.name == "2023 to 2025")
    figures = next(f for f in views.agreement.figures.periods if f.period.name == "2023 to 2025")
    assert figures.blocs, "the case has blocs in that period"
    assert limited.bloc == {actor: b.number for b in figures.blocs for actor in b.members}
    grouped = [a for a in limited.actors if a in limited.bloc]
    assert limited.actors[: len(grouped)] == tuple(grouped) and [limited.bloc[a] for a in grouped] == sorted(limited.bloc[a] for a in grouped)
