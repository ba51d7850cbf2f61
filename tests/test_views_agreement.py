"""Agreement and conflict: golden figures on hand-made dossiers, and the pages that show them with their evidence."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_scripts.index import ClaimRecord, Index
from build_scripts.pages import Site
from build_scripts.pipeline import check, compute
from build_scripts.render import Renderer
from build_scripts.views import agreement, stances
from build_scripts.views.stances import Cell

from .conftest import DATA, ROOT

CASES = sorted(p for p in (DATA / "views" / "agreement").iterdir() if (p / "expected.yaml").exists())


def _case(path: Path) -> tuple[agreement.Agreement, dict[str, Any]]:
    index = check(path / "sources")
    return agreement.compute(index, stances.cells(index)), yaml.safe_load((path / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_pairs_count_congruence_and_conflict_over_the_union(case: Path) -> None:
    data, expected = _case(case)
    found = [
        {
            "a": p.a,
            "b": p.b,
            "congruence": list(p.congruence),
            "conflict": list(p.conflict),
            "union": p.union,
            "congruence_score": round(p.congruence_score, 4),
            "conflict_score": round(p.conflict_score, 4),
        }
        for p in data.pairs
    ]
    assert found == expected["pairs"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rankings_by_score_then_count_then_id(case: Path) -> None:
    data, expected = _case(case)
    for actor, others in expected["agrees"].items():
        assert [p.other(actor) for p in data.agrees(actor, limit=10)] == others, actor
    for actor, others in expected["differs"].items():
        assert [p.other(actor) for p in data.differs(actor, limit=10)] == others, actor
    limit = len(expected["strongest_agreements"])
    assert [[p.a, p.b] for p in data.strongest_agreements(limit)] == expected["strongest_agreements"]
    limit = len(expected["strongest_conflicts"])
    assert [[p.a, p.b] for p in data.strongest_conflicts(limit)] == expected["strongest_conflicts"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_blocs_and_the_stances_that_define_them(case: Path) -> None:
    data, expected = _case(case)
    found = [{"members": list(b.members), "demands": [list(s) for s in b.demands]} for b in data.blocs]
    assert found == expected["blocs"]
    assert [b.number for b in data.blocs] == list(range(1, len(data.blocs) + 1))
    for bloc in data.blocs:
        assert all(data.bloc_of(actor) == bloc for actor in bloc.members)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_contested_demands_with_each_sides_evidence(case: Path) -> None:
    data, expected = _case(case)

    def side(s: agreement.Side) -> dict[str, Any]:
        return {"actors": list(s.actors), "first_hand": s.first_hand, "claims": s.claims, "evidence": [c.id for c in s.evidence]}

    found = [
        {"demand": c.demand, "supporting": side(c.supporting), "opposing": side(c.opposing), "conditional": list(c.conditional), "mixed": list(c.mixed)}
        for c in data.contested
    ]
    assert found == expected["contested"]


def _claim(actor: str, demand: str, stance: str, n: int) -> ClaimRecord:
    return ClaimRecord(id=f"c{n}", document="d", actors=(actor,), demand=demand, stance=stance, basis="reported", evidence="e")


def _random_cells(seed: int, actors: int = 40, demands: int = 25) -> dict[tuple[str, str], Cell]:
    rng = random.Random(seed)
    cells: dict[tuple[str, str], Cell] = {}
    for n in range(actors * 4):
        actor, demand = f"a{rng.randrange(actors):02d}", f"d{rng.randrange(demands):02d}"
        stance = rng.choice(["supports", "supports", "opposes", "conditional"])
        old = cells.get((actor, demand))
        claims = (*(old.claims if old else ()), _claim(actor, demand, stance, n))
        cells[(actor, demand)] = Cell(actor, demand, claims)
    return dict(sorted(cells.items()))


def _brute_force(cells: dict[tuple[str, str], Cell]) -> list[tuple[str, str, list[str], list[str], int]]:
    """Every pair of actors compared directly: the definition, without the per-demand shortcut."""
    stance: dict[str, dict[str, str]] = {}
    for (actor, demand), cell in cells.items():
        stance.setdefault(actor, {})[demand] = cell.stance
    rows = []
    for a, b in combinations(sorted(stance), 2):
        same = sorted(d for d in stance[a] if stance[b].get(d) == stance[a][d] and stance[a][d] in ("supports", "opposes"))
        opposite = sorted(d for d in stance[a] if {stance[a][d], stance[b].get(d)} == {"supports", "opposes"})
        if same or opposite:
            rows.append((a, b, same, opposite, len(stance[a].keys() | stance[b].keys())))
    return rows


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_per_demand_counting_equals_comparing_every_pair(seed: int) -> None:
    """The fast count (per demand, over the actors with a position) gives the same pairs as the definition."""
    cells = _random_cells(seed)
    assert any(c.stance == "mixed" for c in cells.values()), "the random dossier should exercise mixed cells"
    data = agreement.compute(None, cells)  # type: ignore[arg-type]
    assert [(p.a, p.b, list(p.congruence), list(p.conflict), p.union) for p in data.pairs] == _brute_force(cells)


def test_blocs_do_not_depend_on_string_hashing() -> None:
    """Two processes with different hash seeds find the same blocs on the bundled dossier."""
    program = (
        "import json; from pathlib import Path; from build_scripts.pipeline import check; from build_scripts.views import agreement, stances; "
        "ix = check(Path('sources')); a = agreement.compute(ix, stances.cells(ix)); print(json.dumps([list(b.members) for b in a.blocs]))"
    )
    runs = [
        subprocess.run([sys.executable, "-c", program], cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]
    assert json.loads(runs[0]), "the bundled dossier has blocs"


def _pages(case: Path) -> dict[str, str]:
    renderer = _renderer(check(case / "sources"), Site())
    return {spec.path: renderer.render(spec).html for spec in agreement.page_specs(renderer.views.agreement, renderer.index)}


def test_agreement_page_opens_each_figure_onto_both_actors_evidence() -> None:
    pages = _pages(CASES[0])
    assert sorted(pages) == ["agreement/blocs.md", "agreement/contested.md", "agreement/index.md"]
    html = pages["agreement/index.md"]
    # alpha and beta: 3 of 3, score 1.00, each demand linking to both actors' positions on it.
    assert "1.00</span>" in html and "same stance on <strong>3</strong> of the 3 demands" in html
    for demand in ("aid", "ceasefire", "elections"):
        assert f'href="../actors/alpha/#demand-{demand}"' in html
        assert f'href="../actors/beta/#demand-{demand}"' in html
    assert "opposite stances on <strong>2</strong> of the 4 demands" in html
    assert "Jaccard" in html and "Louvain" in html and "Conditional and mixed" in html


def test_contested_demands_show_both_sides_evidence_side_by_side() -> None:
    html = _pages(CASES[0])["agreement/contested.md"]
    ceasefire = html[html.index('id="contested-ceasefire"') : html.index('id="contested-elections"')]
    supporting = ceasefire[ceasefire.index("ag-side--supports") : ceasefire.index("ag-side--opposes")]
    opposing = ceasefire[ceasefire.index("ag-side--opposes") :]
    assert "#ev-alpha-ceasefire" in supporting and "#ev-beta-ceasefire" in supporting
    assert "#ev-gamma-ceasefire" in opposing and "#ev-delta-ceasefire" in opposing
    assert "Alpha Front wants a ceasefire across the country." in supporting
    assert "1 conditional" in ceasefire


def test_actor_section_lists_agreements_and_differences_with_evidence() -> None:
    case = CASES[0]
    renderer = _renderer(check(case / "sources"), Site())
    pages = {spec.path: spec for spec in renderer.views.entities}
    html = renderer.render(pages["actors/alpha.md"]).html
    section = html[html.index('id="agreement"') :]
    assert "Agrees most with" in section and "Differs most from" in section
    agrees = section[section.index("Agrees most with") : section.index("Differs most from")]
    assert agrees.index("Beta Party") < agrees.index("Epsilon Relief") < agrees.index("Gamma State")
    assert 'href="#demand-aid"' in agrees and 'href="../beta/#demand-aid"' in agrees
    zeta = renderer.render(pages["actors/zeta.md"]).html
    assert "No other actor takes the same or the opposite stance" in zeta


def test_home_glimpse_leads_to_the_most_contested_demands() -> None:
    renderer = _renderer(check(CASES[0] / "sources"), Site())
    html = renderer.home_figures()
    glimpse = html[html.index('<h2 id="agreement">') :]
    assert glimpse.index("A nationwide ceasefire") < glimpse.index("Early elections")
    assert "2 supporting, 2 opposing" in glimpse and "2 supporting, 1 opposing" in glimpse
    assert 'href="agreement/"' in glimpse


def _renderer(index: Index, site: Site) -> Renderer:
    """A renderer of `index`, given its views as the pipeline's compute stage makes them."""
    return Renderer(index, site, compute(index, site))
