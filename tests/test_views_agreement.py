"""Agreement and conflict: golden figures on hand-made dossiers, and the pages that show them with their evidence."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from itertools import combinations
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from build_scripts.index import ClaimRecord, Index, stance_of
from build_scripts.models import Date
from build_scripts.pages import Site
from build_scripts.pipeline import check, compute
from build_scripts.render import Renderer
from build_scripts.views import agreement

from .camps_dossier import write_camps
from .conftest import DATA, MINI, ROOT

CASES = sorted(p for p in (DATA / "views" / "agreement").iterdir() if (p / "expected.yaml").exists())


def _case(path: Path) -> tuple[agreement.Agreement, dict[str, Any]]:
    index = check(path / "sources")
    expected = yaml.safe_load((path / "expected.yaml").read_text(encoding="utf-8"))
    return agreement.compute(index, Site(periods=tuple(tuple(p) for p in expected.get("periods", ())))), expected


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
            "joint": list(p.joint),
        }
        for p in data.pairs
    ]
    assert found == expected["pairs"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rankings_by_score_then_count_then_id(case: Path) -> None:
    data, expected = _case(case)
    for actor, others in expected["agrees"].items():
        assert [p.other(actor) for p in data.figures.agrees(actor, limit=10)] == others, actor
    for actor, others in expected["differs"].items():
        assert [p.other(actor) for p in data.figures.differs(actor, limit=10)] == others, actor
    limit = len(expected["strongest_agreements"])
    assert [[p.a, p.b] for p in data.figures.strongest_agreements(limit)] == expected["strongest_agreements"]
    limit = len(expected["strongest_conflicts"])
    assert [[p.a, p.b] for p in data.figures.strongest_conflicts(limit)] == expected["strongest_conflicts"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_blocs_and_the_stances_that_define_them(case: Path) -> None:
    data, expected = _case(case)
    [period] = data.periods
    assert period.shown and round(period.modularity or 0, 4) == expected["modularity"]
    found = [{"members": list(b.members), "demands": [[s.demand, s.stance, s.members, s.opposed] for s in b.demands]} for b in data.blocs]
    assert found == expected["blocs"]
    assert [b.number for b in data.blocs] == list(range(1, len(data.blocs) + 1))
    for bloc in data.blocs:
        assert all(data.blocs_of(actor) == [bloc] for actor in bloc.members)
        assert bloc.period == period.period.name


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_contested_demands_with_each_sides_evidence(case: Path) -> None:
    data, expected = _case(case)

    def side(s: agreement.Side) -> dict[str, Any]:
        return {"actors": list(s.actors), "first_hand": s.first_hand, "claims": s.claims, "voices": s.voices, "evidence": [c.id for c in s.evidence]}

    found = [
        {"demand": c.demand, "supporting": side(c.supporting), "opposing": side(c.opposing), "conditional": list(c.conditional), "mixed": list(c.mixed)}
        for c in data.contested
    ]
    assert found == expected["contested"]


def _claim(actor: str, demand: str, stance: str, n: int) -> ClaimRecord:
    return ClaimRecord(id=f"c{n}", document=f"d{n}", actors=(actor,), demand=demand, stance=stance, basis="reported", evidence="e", date=Date(value="2024-05"))


def _random_positions(seed: int, actors: int = 40, demands: int = 25) -> list[ClaimRecord]:
    rng = random.Random(seed)
    found = []
    for n in range(actors * 4):
        actor, demand = f"a{rng.randrange(actors):02d}", f"d{rng.randrange(demands):02d}"
        found.append(_claim(actor, demand, rng.choice(["supports", "supports", "opposes", "conditional"]), n))
    return found


def _brute_force(positions: list[ClaimRecord]) -> list[tuple[str, str, list[str], list[str], int]]:
    """Every pair of actors compared directly: the definition, without the per-topic shortcut."""
    claims: dict[str, dict[str, list[ClaimRecord]]] = {}
    for c in positions:
        claims.setdefault(c.actors[0], {}).setdefault(c.topic, []).append(c)
    stance = {a: {d: stance_of(cs) for d, cs in by.items()} for a, by in claims.items()}
    rows = []
    for a, b in combinations(sorted(stance), 2):
        same = sorted(d for d in stance[a] if stance[b].get(d) == stance[a][d] and stance[a][d] in ("supports", "opposes"))
        opposite = sorted(d for d in stance[a] if {stance[a][d], stance[b].get(d)} == {"supports", "opposes"})
        if same or opposite:
            rows.append((a, b, same, opposite, len(stance[a].keys() | stance[b].keys())))
    return rows


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_per_topic_counting_equals_comparing_every_pair(seed: int) -> None:
    """The fast count (per topic, over the actors with a position) finds the same pairs, topics and unions as the definition."""
    positions = _random_positions(seed)
    index = SimpleNamespace(positions=positions)
    data = agreement.compute(index)  # type: ignore[arg-type]
    found = [(p.a, p.b, sorted(p.congruence), sorted(p.conflict), p.union) for p in data.pairs]
    assert any(stance_of(c for c in positions if c.actors[0] == a and c.topic == d) == "mixed" for a, d in {(c.actors[0], c.topic) for c in positions})
    assert found == _brute_force(positions)


def test_blocs_do_not_depend_on_string_hashing() -> None:
    """Two processes with different hash seeds find the same blocs on the bundled dossier."""
    program = (
        "import json; from pathlib import Path; from build_scripts.pipeline import check; from build_scripts.views import agreement, stances; "
        "from build_scripts.pages import Site; ix = check(Path('sources')); "
        "a = agreement.compute(ix, Site(periods=(('2018', '2018', '2018'), ('2023 to 2025', '2023', '2025')))); "  # mkdocs.yml's periods
        "print(json.dumps([list(b.members) for b in a.described.blocs]))"
    )
    runs = [
        subprocess.run([sys.executable, "-c", program], cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]
    assert json.loads(runs[0]), "the bundled dossier has blocs once third parties' descriptions are counted"


def _site(case: Path) -> Site:
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    return Site(periods=tuple(tuple(p) for p in expected.get("periods", ())))


def _pages(case: Path) -> dict[str, str]:
    renderer = _renderer(check(case / "sources"), _site(case))
    return {spec.path: renderer.render(spec).html for spec in agreement.page_specs(renderer.views.agreement, renderer.index)}


def test_agreement_page_opens_each_figure_onto_both_actors_evidence() -> None:
    pages = _pages(CASES[0])
    assert sorted(pages) == [
        "agreement/blocs.md",
        "agreement/contested.md",
        "agreement/index.md",
        "agreement/period-2023-to-2025.md",
        "agreement/period-2023-to-2025/contested.md",
        "agreement/with-descriptions.md",
        "agreement/with-descriptions/blocs.md",
        "agreement/with-descriptions/contested.md",
        "agreement/with-descriptions/period-2023-to-2025.md",
        "agreement/with-descriptions/period-2023-to-2025/contested.md",
    ]
    html = pages["agreement/index.md"]
    # alpha and beta: 3 of 3, score 1.00, each topic linking to both actors' positions on it; aid from their joint claim, counted once.
    assert "1.00</span>" in html and "same stance on <strong>3</strong> of the 3 topics either took a position on, 2 first-hand on both sides" in html
    assert "what a document names them doing together counted once" in html
    # The heaviest topic opens both actors' positions on it; the others are counted, and compared on both actors' pages.
    assert 'href="../actors/alpha/#demand-ceasefire"' in html and 'href="../actors/beta/#demand-ceasefire"' in html
    assert "and 2 more: compare the positions on both actors' pages." in html
    assert "opposite stances on <strong>2</strong> of the 4 topics" in html
    assert "ln(1 + N/n(t))" in html and "Louvain" in html and "modularity is at least 0.3" in html
    assert "1 position whose date" not in html, "every position of the case lies in its one period"
    period = pages["agreement/period-2023-to-2025.md"]
    assert "2 blocs: modularity 0.41, at least 0.3." in period and 'id="bloc-2023-to-2025-1"' in period
    assert "Polarisation: <strong>" in period


def test_contested_demands_show_both_sides_evidence_side_by_side() -> None:
    html = _pages(CASES[0])["agreement/contested.md"]
    ceasefire = html[html.index('id="contested-ceasefire"') : html.index('id="contested-elections"')]
    supporting = ceasefire[ceasefire.index("ag-side--supports") : ceasefire.index("ag-side--opposes")]
    opposing = ceasefire[ceasefire.index("ag-side--opposes") :]
    assert "#ev-alpha-ceasefire" in supporting and "#ev-beta-ceasefire" in supporting
    assert "#ev-gamma-ceasefire" in opposing and "#ev-delta-ceasefire" in opposing
    assert "Alpha Front wants a ceasefire across the country." in supporting
    assert "conditional" not in ceasefire, "epsilon's condition is a third party's description: counted only when asked"


def test_third_parties_descriptions_count_only_in_the_edition_that_asks_for_them() -> None:
    data, _ = _case(CASES[0])
    assert data.contested[0].conditional == ()
    assert data.described.contested[0].demand == "ceasefire" and data.described.contested[0].conditional == ("epsilon",)
    page = _pages(CASES[0])["agreement/with-descriptions.md"]
    assert "This edition counts third parties' descriptions" in page and 'aria-current="page">third parties' in page


def test_actor_section_lists_agreements_and_differences_with_evidence() -> None:
    case = CASES[0]
    renderer = _renderer(check(case / "sources"), _site(case))
    pages = {spec.path: spec for spec in renderer.views.entities}
    html = renderer.render(pages["actors/alpha.md"]).html
    section = html[html.index('id="agreement"') :]
    assert "Agrees most with" in section and "Differs most from" in section
    agrees = section[section.index("Agrees most with") : section.index("Differs most from")]
    assert agrees.index("Beta Party") < agrees.index("Epsilon Relief") < agrees.index("Gamma State")
    assert 'href="#demand-ceasefire"' in agrees and 'href="../beta/#demand-ceasefire"' in agrees
    zeta = renderer.render(pages["actors/zeta.md"]).html
    assert "No other actor takes the same or the opposite stance" in zeta


def test_home_glimpse_leads_to_the_most_contested_demands() -> None:
    renderer = _renderer(check(CASES[0] / "sources"), _site(CASES[0]))
    html = renderer.home_figures()
    glimpse = html[html.index('<h2 id="agreement">') :]
    assert glimpse.index("A nationwide ceasefire") < glimpse.index("Early elections")
    # Each line says what it rests on: actors on each side and how many speak first-hand.
    assert "2 supporting (1 first-hand), 2 opposing (1 first-hand)" in glimpse and "2 supporting (2 first-hand), 1 opposing (0 first-hand)" in glimpse
    assert 'href="agreement/"' in glimpse


def _renderer(index: Index, site: Site) -> Renderer:
    """A renderer of `index`, given its views as the pipeline's compute stage makes them."""
    return Renderer(index, site, compute(index, site))


def test_positions_no_configured_period_holds_are_their_own_group_and_never_in_a_periods_figures(tmp_path: Path) -> None:
    """Synthetic (`periods_dossier.write_with_a_gap`): named phases "Spring 2020" and "2021" leave December 2020 and 2022 outside.
    Demand two is contested by the Gamma Party (spring 2020) and the Epsilon Party (2022): the ranking and the home page name the
    spring and, apart, the position no period holds; no period's figures count the Epsilon Party."""
    from .periods_dossier import PHASES, write_with_a_gap

    index = check(write_with_a_gap(tmp_path / "sources"))
    site = Site(periods=PHASES)
    views = compute(index, site)
    two = {c.demand: c for c in views.agreement.contested}["two"]
    assert (two.supporting.actors, two.opposing.actors, two.periods, two.outside) == (("gamma",), ("epsilon",), ("Spring 2020",), 1)
    assert views.agreement.figures.unplaced == 2, "December 2020 and 2022"
    for figures in views.agreement.periods:
        named = {a for p in figures.pairs for a in (p.a, p.b)} | {a for c in figures.contested for a in c.supporting.actors + c.opposing.actors}
        assert "epsilon" not in named, figures.period.name
    assert [f.period.name for f in views.agreement.periods] == ["Spring 2020", "2021"]
    renderer = Renderer(index, site, views)
    line = "positions from Spring 2020 and 1 position whose date cannot be placed in one period, pooled"
    home = " ".join(renderer.home_figures().split())
    assert f'<span class="hint">({line})</span>' in home
    main = " ".join(next(renderer.render(s) for s in agreement.page_specs(views.agreement, index) if s.path == "agreement/index.md").html.split())
    assert f'<span class="hint">({line})</span>' in main.split('<h2 id="contested">')[1]


def test_an_agreement_page_cut_to_no_trends_shows_no_empty_section(tmp_path: Path) -> None:
    """Synthetic (`communique_dossier.write`): pairs with figures in two periods are listed under "How agreement changes"; a page
    that its budget cut to none of them (`agreement.SHOWN`) leaves the section out rather than show its heading over an empty list."""
    from dataclasses import replace

    from .communique_dossier import write

    index = check(write(tmp_path))
    site = Site()
    views = compute(index, site)
    assert views.agreement.figures.trends, "the synthetic dossier has pairs in two periods"
    renderer = Renderer(index, site, views)
    spec = next(s for s in agreement.page_specs(views.agreement, index) if s.path == "agreement/index.md")
    assert 'id="trends"' in renderer.render(spec).html
    cut = renderer.render(replace(spec, context=spec.context | {"trends": 0})).html
    assert 'id="blocs"' in cut and 'id="trends"' not in cut and '<ul class="ag-trends">' not in cut


def test_lists_cut_short_lead_to_the_rest(tmp_path: Path) -> None:
    """Both editions' main pages lead from the blocs and contested demands they show to their lists' pages, where every one is
    (the edition with descriptions has its own, which say what they count); so do a period's pages (`test_a_periods_contested_demands_are_all_listed`)."""
    site = Site(periods=(("2023 to 2025", "2023-01-01", "2025-12-31"),))
    renderer = _renderer(check(write_camps(tmp_path / "sources")), site)
    data = renderer.views.agreement
    assert len(data.contested) == len(data.described.contested) == 12
    assert len(data.figures.periods[0].blocs) == len(data.described.periods[0].blocs) == 6
    pages = {spec.path: " ".join(renderer.render(spec).html.split()) for spec in agreement.page_specs(data, renderer.index)}
    described = pages["agreement/with-descriptions.md"]
    assert described.count('<section class="ag-bloc"') == 3
    assert '<a href="blocs/">All 6 blocs, with every shared stance</a>' in described
    assert described.split('<ol class="ag-contested-list">')[1].split("</ol>")[0].count("<li>") == 10
    assert '<a href="contested/">All 12 contested demands, each side\'s evidence side by side</a>' in described
    listed = [c.demand for c in data.described.contested]
    for demand in listed[:10]:  # each to the page of the list that holds it
        holder = data.contested_page(demand, "all").removeprefix("agreement/with-descriptions/").removesuffix(".md")  # contested, contested/2
        assert f'<a href="{holder}/#contested-{demand}">both sides\' evidence</a>' in described, demand
    paged = {
        kind: [html for path, html in pages.items() if re.fullmatch(rf"agreement/with-descriptions/{kind}(/\d+)?\.md", path)] for kind in ("blocs", "contested")
    }
    assert len(paged["contested"]) > 1, "the contested demands with their evidence take more than one page"
    assert sum(html.count('<section class="ag-bloc"') for html in paged["blocs"]) == 6
    assert sum(html.count('<section class="ag-contested"') for html in paged["contested"]) == 12
    blocs, contested = pages["agreement/with-descriptions/blocs.md"], pages["agreement/with-descriptions/contested.md"]
    for page, kind in ((blocs, "blocs"), (contested, "contested")):
        assert "<strong>This list counts third parties' descriptions of actors' positions too</strong>" in page
        assert f'<a href="../../{kind}/">the same list without them</a>' in page
    main = pages["agreement/index.md"]
    assert "All 12 contested demands" in main and "This list counts" not in pages["agreement/contested.md"]
    for page in pages.values():
        assert "not listed" not in page


def test_a_periods_contested_demands_are_all_listed(tmp_path: Path) -> None:
    """Synthetic (`camps_dossier`): the 12 demands contested in the one period take two pages of its own list, in both counts
    (`agreement/period-<slug>/contested/`, `agreement/with-descriptions/period-<slug>/contested/`), each demand exactly once with
    both sides' evidence; the period's page shows 10 and leads to the page that holds each, and to all of them. Each list says what
    it counts and leads back to the period's page and to the same list in the other count. The period's blocs past the first four
    are on the blocs pages of its count."""
    site = Site(periods=(("2023 to 2025", "2023-01-01", "2025-12-31"),))
    renderer = _renderer(check(write_camps(tmp_path / "sources")), site)
    data = renderer.views.agreement
    pages = {spec.path: " ".join(renderer.render(spec).html.split()) for spec in agreement.page_specs(data, renderer.index)}
    for edition, found, folder, other in (
        ("default", data.figures, "agreement", "with-descriptions/"),
        ("all", data.described, "agreement/with-descriptions", ""),
    ):
        [figures] = found.periods
        demands = [c.demand for c in figures.contested]
        assert len(demands) == 12
        lists = {path: html for path, html in pages.items() if re.fullmatch(rf"{folder}/period-2023-to-2025/contested(/\d+)?\.md", path)}
        assert len(lists) > 1, "the period's contested demands with their evidence take more than one page"
        listed = [d for html in lists.values() for d in re.findall(r'<section class="ag-contested" id="contested-([^"]+)"', html)]
        assert sorted(listed) == sorted(demands) and len(listed) == len(set(listed)), edition
        period = pages[f"{folder}/period-2023-to-2025.md"]
        assert '<a href="contested/">All 12 demands contested in 2023 to 2025, each side\'s evidence side by side</a>' in period
        for demand in demands[:10]:
            holder = data.period_contested_page(figures.period, demand, edition)
            assert f'<section class="ag-contested" id="contested-{demand}"' in pages[holder]
            relative = holder.removeprefix(f"{folder}/period-2023-to-2025/").removesuffix(".md")
            assert f'<a href="{relative}/#contested-{demand}">both sides\' evidence</a>' in period, demand
        first = lists[f"{folder}/period-2023-to-2025/contested.md"]
        assert '<a href="../">The figures of 2023 to 2025</a>' in first
        to_other = "counting third parties' descriptions too" if edition == "default" else "without third parties' descriptions"
        up = "../../" if edition == "default" else "../../../"
        assert f'<a href="{up}{other}period-2023-to-2025/contested/">{to_other}</a>' in first
        assert ("third parties' descriptions too: a position known only from another party's account" in first) == (edition == "all")
        assert "Page 1 of 2:" in first and first.startswith("<div") and "(1 of 2)</h1>" in first
        assert '<a href="../blocs/#bloc-2023-to-2025-5">The other 2 blocs of 2023 to 2025</a>, among all the blocs.' in period, "its count's"


def test_the_agreement_pages_are_weighed_with_the_lists_where_the_entity_pages_left_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """An agreement page links each pair's evidence to the actors' positions, which a long list takes to a page of its own (a longer
    address): weighed before the lists moved, the Arabic agreement page of 1,000 synthetic sources came out 367 bytes over its budget."""
    weighed_with: list[Any] = []
    fit = agreement.fit

    def watched(data: agreement.Agreement, measure: Any, index: Index) -> agreement.Agreement:
        weighed_with.append(measure.views.listings)
        return fit(data, measure, index)

    monkeypatch.setattr(agreement, "fit", watched)
    computed = compute(check(MINI), Site())
    assert weighed_with and weighed_with[-1] is computed.listings, "the lists the views end with, not the empty ones they start from"


def test_a_periods_list_leads_to_what_the_other_count_has_of_that_period(tmp_path: Path) -> None:
    """Where the other count has no list of the period's contested demands, a period's list leads to that count's page of the
    period; where it has no figures for the period either, to its whole list of contested demands."""
    from dataclasses import replace

    site = Site(periods=(("2023 to 2025", "2023-01-01", "2025-12-31"),))
    index = check(write_camps(tmp_path / "sources"))
    data = compute(index, site).agreement
    described = {path: chunks for path, chunks in data.period_contested_pages.items() if path.startswith("agreement/with-descriptions/")}

    def counterpart(changed: agreement.Agreement) -> str:
        return next(
            s.context["counterpart"] for s in agreement.page_specs(changed, index) if s.path == "agreement/with-descriptions/period-2023-to-2025/contested.md"
        )

    assert counterpart(data) == "agreement/period-2023-to-2025/contested.md"
    assert counterpart(replace(data, period_contested_pages=described)) == "agreement/period-2023-to-2025.md"
    alone = replace(data, period_contested_pages=described, figures=replace(data.figures, periods=()))
    assert counterpart(alone) == "agreement/contested.md"
    assert not [s for s in agreement.page_specs(alone, index) if s.path.startswith("agreement/period-")], "no period page, no list of it"
