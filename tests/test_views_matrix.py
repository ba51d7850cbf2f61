"""The stance matrix: golden cells and order on a hand-made dossier, seriation, the CSV, complete pages, and the page budget."""

from __future__ import annotations

import csv
import io
import random
import shutil
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from build_scripts import render
from build_scripts.index import Index
from build_scripts.pages import Site
from build_scripts.pipeline import check, compute
from build_scripts.render import Renderer
from build_scripts.views import agreement, listings, matrix, paging, stances
from build_scripts.views.measure import Measure
from build_scripts.views.paging import fragment_budget
from build_scripts.views.stances import Cell

from .bench_pipeline import write_corpus
from .conftest import DATA

CASE = DATA / "views" / "matrix" / "blocs-and-rivals.yaml"
PAGE_BUDGET = fragment_budget("Stance matrix: Civil society, actors 1000 to 2000 (page 10 of 10)")
"""Bytes of a generated fragment, with a long title: Material's theme adds about 20 KB, and a finished page must stay within 60 KB."""


def _expected() -> dict[str, Any]:
    return yaml.safe_load(CASE.read_text(encoding="utf-8"))


def _sources() -> Path:
    return (CASE.parent / _expected()["sources"]).resolve()


SITE = Site(periods=(("2023 to 2025", "2023", "2025"),))
"""The period of the hand-worked agreement case (its expected.yaml): one period holds every position, so its blocs are shown."""


def _renderer(sources: Path) -> Renderer:
    index = check(sources)
    return Renderer(index, SITE, compute(index, SITE))


def test_cells_rows_and_columns_match_the_hand_worked_matrix() -> None:
    expected = _expected()
    data = _renderer(_sources()).views.matrix
    assert list(data.actors) == expected["rows"]
    assert list(data.demands) == expected["columns"]
    found: dict[str, dict[str, list[Any]]] = {a: {} for a in data.actors}
    for (actor, demand), cell in data.cells.items():
        found[actor][demand] = [cell.stance, cell.count, sum(c.first_hand for c in cell.claims), data.tokens(actor, demand)]
    assert found == expected["cells"]


def test_pages_by_theme_hold_their_rows_and_columns() -> None:
    expected = _expected()
    data = _renderer(_sources()).views.matrix
    found = {p.path: {"rows": list(p.actors), "columns": list(p.demands)} for p in data.pages}
    assert found == expected["pages"]
    assert list(found) == list(expected["pages"]), "pages follow the order of the themes"


def test_each_theme_page_is_a_complete_table_without_javascript() -> None:
    """Every row has a cell for every column; each filled cell says its stance in words and opens the actor's evidence."""
    renderer = _renderer(_sources())
    data = renderer.views.matrix
    for spec in matrix.page_specs(data, renderer.index)[1:]:
        html = renderer.render(spec).html
        page, shown = spec.context["page"], spec.context["matrix"]
        up = "../" * (spec.path.count("/") + 1)
        in_period = f", in {shown.period.name}" if shown.period else ""
        table = html[html.index('<table class="matrix"') : html.index("</table>")]
        assert table.count("<tr ") == len(page.actors)
        assert table.count("<td") == len(page.actors) * len(page.demands)
        for actor in page.actors:
            assert f'href="{up}actors/{actor}/"' in table
            for demand in page.demands:
                cell = shown.cells.get((actor, demand))
                if cell:
                    symbol = {"supports": "+", "opposes": "−", "conditional": "if\u00a0", "mixed": "±"}[cell.stance]
                    basis = shown.bases[(actor, demand)]
                    label = f"{symbol}{cell.count}{basis.mark}: {cell.stance}, {cell.count} claim{'s' if cell.count != 1 else ''}, {basis.text}{in_period}"
                    assert f'<a href="{up}actors/{actor}/#demand-{demand}" aria-label="{label}">' in table
        for demand in page.demands:
            assert f'href="{up}demands/{demand}/"' in table
        assert 'class="matrix-controls" hidden' in html, "the controls show only when the script runs"


def test_overview_links_each_themes_first_page_counts_its_pages_and_links_the_download() -> None:
    renderer = _renderer(_sources())
    spec = matrix.page_specs(renderer.views.matrix, renderer.index)[0]
    html = renderer.render(spec).html
    for theme in renderer.views.matrix.themes:
        first = theme.pages[0].path.removeprefix("matrix/").removesuffix(".md")
        assert f'<a href="{first}/">' in html
        assert f"<td>{len(theme.pages)} page{'' if len(theme.pages) == 1 else 's'}</td>" in html
    assert 'href="../downloads/matrix.csv"' in html
    assert "mean row of the actors that support it" in html


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_overview_weighs_the_same_however_many_pages_a_theme_takes(language: str) -> None:
    """The overview lists themes, not their pages (each theme page lists its theme's pages): at 10,000 synthetic sources, the
    Arabic overview's links to every page of every theme had made it a 65 KB page. A matrix whose themes take 400 pages each
    gives the overview the weight of one whose themes take one, but for the counts."""
    renderer = _renderer(_sources())
    site = replace(SITE, language=language)
    data = renderer.views.matrix

    def paged(theme: matrix.Theme) -> matrix.Theme:
        first = theme.pages[0]
        base = first.path.removesuffix(".md")
        return replace(theme, pages=tuple(replace(first, page=n, pages=400, path=paging.page_path(first.path, base, n)) for n in range(1, 401)))

    crowded = replace(data, themes=tuple(paged(t) for t in data.themes))
    spec = matrix.page_specs(data, renderer.index)[0]
    sizes = []
    for shown in (data, crowded):
        views = replace(renderer.views, matrix=shown)
        html = Renderer(renderer.index, site, views).render(spec).html
        sizes.append(len(html.replace("400", "1").encode()))
        assert f'href="{crowded.themes[0].pages[1].path.removeprefix("matrix/").removesuffix(".md")}/"' not in html
    assert sizes[0] <= sizes[1] <= sizes[0] + 16 * len(data.themes), "only each theme's count of pages grows (its digits and plural)"


def _shuffled(cells: dict[tuple[str, str], Cell], seed: int) -> dict[tuple[str, str], Cell]:
    items = list(cells.items())
    random.Random(seed).shuffle(items)
    return dict(items)


def test_seriation_is_deterministic_whatever_the_order_of_the_cells() -> None:
    index = check(_sources())
    cells = stances.cells(index)
    agreed = agreement.compute(index, SITE)
    first = matrix.compute(index, cells, agreed)
    for seed in range(5):
        shuffled = _shuffled(cells, seed)
        again = matrix.compute(index, shuffled, agreement.compute(index, SITE))
        assert (again.actors, again.demands, again.pages) == (first.actors, first.demands, first.pages)


def test_demands_sit_at_the_mean_row_of_their_supporters() -> None:
    def cell(actor: str, demand: str, stance: str) -> Cell:
        from build_scripts.index import ClaimRecord

        return Cell(actor, demand, (ClaimRecord(f"{actor}-{demand}", "doc", (actor,), demand, stance, "reported", "e"),))

    cells = {
        (c.actor, c.topic): c
        for c in [cell("a", "z", "supports"), cell("c", "y", "supports"), cell("b", "x", "supports"), cell("a", "w", "opposes"), cell("c", "x", "supports")]
    }
    rank = {"a": 0, "b": 1, "c": 2}
    # z: row 0; x: (1 + 2) / 2 = 1.5; y: row 2; w: nobody supports, after the rest.
    assert matrix.seriate_demands(cells, rank) == ("z", "x", "y", "w")


def _csv_rows(sources: Path) -> list[dict[str, str]]:
    renderer = _renderer(sources)
    (download,) = matrix.downloads(renderer.views.matrix, renderer.index)
    assert download.path == "downloads/matrix.csv"
    return list(csv.DictReader(io.StringIO(download.text)))


def test_csv_has_one_row_per_cell_with_its_claims() -> None:
    expected = _expected()
    rows = _csv_rows(_sources())
    assert len(rows) == sum(len(d) for d in expected["cells"].values())
    assert [(r["actor"], r["demand"]) for r in rows][:3] == [("alpha", "ceasefire"), ("alpha", "elections"), ("alpha", "aid")], "seriation order"
    delta = next(r for r in rows if (r["actor"], r["demand"]) == ("delta", "elections"))
    assert delta == expected["csv_row"]


def test_csv_neutralises_cells_that_begin_like_a_formula(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(_sources(), sources)
    demand = sources / "demands" / "elections.md"
    demand.write_text(demand.read_text(encoding="utf-8").replace("statement: Early elections", 'statement: "=HYPERLINK(1) early elections"'), encoding="utf-8")
    row = next(r for r in _csv_rows(sources) if r["demand"] == "elections")
    assert row["demand_statement"] == "'=HYPERLINK(1) early elections"


def write_dense_corpus(root: Path, documents: int, demands: int | None = None, actors: int | None = None) -> None:
    """Synthetic sources where actors take many positions across themes, with every stance, basis and a spread of dates
    (`demands` and `actors`: that many instead of the numbers that grow with `documents`)."""
    from build_scripts.models import THEMES

    for kind in ("documents", "actors", "demands"):
        (root / kind).mkdir(parents=True)
    actors, demands = actors or max(12, documents // 8), demands or max(30, documents // 25)
    types = ("coalition", "party", "state", "ngo", "movement")
    for a in range(actors):
        (root / "actors" / f"actor-{a}.md").write_text(
            f"---\nname: {{value: Synthetic Actor Number {a}, editorial: Synthetic}}\ntype: {types[a % len(types)]}\n---\nA synthetic actor.\n",
            encoding="utf-8",
        )
    for d in range(demands):
        statement = f"Synthetic demand number {d}, worded at the length of a real demand in the dossier"
        (root / "demands" / f"demand-{d}.md").write_text(f"---\nstatement: {statement}\ntheme: {THEMES[d % len(THEMES)]}\n---\nA demand.\n", encoding="utf-8")
    stances_ = ("supports", "supports", "opposes", "conditional", "supports", "opposes")
    for n in range(documents):
        claims, sentences, named = [], [], set()
        for k in range(5):
            actor = (n * 7 + k * 131) % actors if k < 3 else (n + k) % 9  # a few very active actors
            demand = (n * 3 + k * 17 + actor) % demands
            stance = stances_[(actor + demand + n // 50) % len(stances_)]
            named.add(f"actor-{actor}")
            words = f"Actor {actor} takes point {k} of demand {demand} in document {n}"
            sentences.append(f'"{words}," a spokesperson said.' if k % 2 == 0 else f"{words}.")
            condition = "    condition: A synthetic condition.\n" if stance == "conditional" else ""
            claims.append(
                f"  - id: c{k}\n    actor: actor-{actor}\n    demand: demand-{demand}\n    stance: {stance}\n    basis: {'quoted' if k % 2 == 0 else 'reported'}\n{condition}    evidence: {words}\n"
            )
        date = f"{2019 + n % 6}-{n % 12 + 1:02d}"
        front = f"title: Synthetic document {n}\nkind: report\nlanguage: en\ndate: '{date}'\nsummary: Synthetic document {n}.\nactors: [{', '.join(sorted(named))}]\nclaims:\n{''.join(claims)}"
        (root / "documents" / f"document-{n}.md").write_text(f"---\n{front}---\n" + "\n\n".join(sentences) + "\n", encoding="utf-8")


def only_these_views(index: Index, site: Site, progress: object = None) -> SimpleNamespace:
    """The views the matrix and agreement pages read, without the others (the network's layouts take minutes at this size), paged as a build pages them."""
    cells = stances.cells(index)
    agreed = agreement.compute(index, site)
    views = SimpleNamespace(cells=cells, agreement=agreed, matrix=matrix.compute(index, cells, agreed), listings=listings.Listings({}))
    measure = Measure(index, site, views)
    views.matrix, views.agreement = matrix.paginate(views.matrix, index, measure), agreement.paginate(agreed, measure)
    return views


def write_crowded_corpus(root: Path) -> None:
    """400 dense sources over 200 demands (a full group of 20 columns a theme: a heavy frame) and 200 actors (more blocs than
    one page lists): the matrix's pages are cut again for their frames, and the blocs are paged. Measured: with the cut again
    left out of `matrix.paginate`, 6 matrix pages outgrow the budget; with the blocs on one page, that page does (41.6 KB)."""
    write_dense_corpus(root, 400, demands=200, actors=200)


@pytest.mark.parametrize(("writer", "documents"), [(write_corpus, 1000), (write_crowded_corpus, None)], ids=["bench-corpus", "dense-corpus"])
def test_matrix_and_agreement_pages_stay_within_the_page_budget(tmp_path: Path, writer: Any, documents: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 1,000 synthetic sources, and at a crowded 400, every matrix and agreement page fragment stays within the budget (size, not time)."""
    writer(tmp_path / "sources", *([documents] if documents else []))
    monkeypatch.setattr(render.views, "compute", only_these_views)
    renderer = _renderer(tmp_path / "sources")
    specs = [*matrix.page_specs(renderer.views.matrix, renderer.index), *agreement.page_specs(renderer.views.agreement, renderer.index)]
    # Each fragment against the budget of its own title (a finished page within 60 KB), as the paginator weighs it.
    over = {
        spec.path: (size, fragment_budget(spec.title)) for spec in specs if (size := len(renderer.render(spec).html.encode())) > fragment_budget(spec.title)
    }
    assert over == {}
    assert len(renderer.views.matrix.cells) == sum(t.cells for t in renderer.views.matrix.themes)
