"""docs/reproducing.md: its Python, run exactly as the page prints it against the SQLite export, gives the figures the pages show.

Two dossiers: the synthetic communiqué dossier (`communique_dossier.py`: a 15-party joint communiqué, an instrument's
issuers, a joint rejection and a third party's description, in three periods, one divided), and the bundled one, whose
worked example the page's last block prints.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
from pathlib import Path
from typing import Any

import networkx as nx  # type: ignore[import-untyped]
import pytest

from build_scripts.analysis import weighing
from build_scripts.exports import networks, sqlite
from build_scripts.index import Index
from build_scripts.pages import GeneratedPage, Site
from build_scripts.pipeline import Output, check, compute, render
from build_scripts.views import Views, agreement, network
from build_scripts.views.agreement import Agreement

from .communique_dossier import write
from .conftest import ROOT, project_site
from .exports_fixture import write_joint

PAGE = ROOT / "docs" / "reproducing.md"
BLOCKS = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)
PAIR = re.compile(
    r'<span class="ag-score" title="(Agreement|Conflict) score \(weighed\)">([\d.]+)</span> <a href="(?:\.\./)+actors/([^/]+)/"[^>]*>[^<]*</a> and <a href="(?:\.\./)+actors/([^/]+)/"'
)
"""A pair's score as an agreement page prints it: the kind, the figure, and the two actors."""
POLARISATION = re.compile(r"Polarisation: <strong>([\d.]+)</strong>( \(no two actors take opposite sides in [^)]+\))?")
"""A period's polarisation as its page prints it: the score, and the words that say why it is 0 where no two actors take opposite sides."""


SECOND_THOUGHTS = """---
title: Second thoughts
kind: statement
language: en
date: "2025-06-01"
summary: Synthetic document written for the tests.
issuers: [s02]
actors: [s02, xeno]
claims:
  - actors: [s02]
    demand: federal
    stance: opposes
    basis: own-publication
    evidence: Signatory Party 2 now rejects a federal system.
  - actors: [xeno]
    demand: d2
    stance: conditional
    condition: after elections
    basis: reported
    evidence: The Xeno Movement would accept consensus demand 2 after elections.
---
Signatory Party 2 now rejects a federal system.

The Xeno Movement would accept consensus demand 2 after elections.
"""
"""A synthetic statement added to the communiqué dossier in 2025: Signatory Party 2's stand on a federal system becomes mixed,
and the Xeno Movement takes a conditional position (which DNA's statements leave out)."""


def run(folder: Path, monkeypatch: pytest.MonkeyPatch, blocks: list[str]) -> tuple[dict[str, Any], str]:
    """The page's blocks run in order, in one namespace, in a folder that holds `dossier.db`; what they print."""
    monkeypatch.chdir(folder)
    namespace: dict[str, Any] = {"__name__": "reproducing"}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec("\n".join(blocks), namespace)  # the page's own code, as it prints it
    return namespace, printed.getvalue()


def shown(pages: dict[str, GeneratedPage], path: str) -> tuple[dict[tuple[str, str, str], str], list[str]]:
    """(kind, a, b) → the score a page prints for the pair, and its polarisation as printed (a figure, and why where it is 0)."""
    html = pages[path].html
    pairs = {(kind, a, b): figure for kind, figure, a, b in PAIR.findall(html)}
    return pairs, [figure + why for figure, why in POLARISATION.findall(html)]


def test_the_page_prints_its_code_in_blocks_and_is_linked_from_the_data_page() -> None:
    assert len(BLOCKS) == 9, (
        "positions, a pair's figures, a period's polarisation, a period's matrix, its blocs, the contested demands, the most connected,"
        " a pair's timeline, the worked example"
    )
    assert "](reproducing.md)" in (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    assert "](reproducing.md)" in (ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def communique(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Views, dict[str, GeneratedPage]]:
    folder = tmp_path_factory.mktemp("reproducing")
    index = check(write(folder / "sources"))
    views = compute(index, Site())
    sqlite.write(index, Site(), folder / "dossier.db")
    for name in ("actor-congruence", "actor-conflict"):
        graph = networks.NETWORKS[name](index, views.cells, views.agreement, Site())
        (folder / f"{name}.gexf").write_text(networks.gexf(graph, None), encoding="utf-8")
    return folder, views, {page.path: page for page in render(index, views, Site()).pages}


def test_each_periods_pairs_and_polarisation_are_reproduced_from_the_export(
    communique: tuple[Path, Views, dict[str, GeneratedPage]], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, views, pages = communique
    code, _ = run(folder, monkeypatch, BLOCKS[:-1])
    periods = views.agreement.figures.periods
    assert [f.period.name for f in periods] == ["2018", "2019", "2025"]
    assert [f.divided for f in periods] == [False, False, True], "one divided period: its polarisation is scored"
    for figures in periods:
        name = figures.period.name
        printed, polarisation = shown(pages, views.agreement.period_page(figures.period))
        score = code["polarisation"](name)
        why = "" if figures.divided else f" (no two actors take opposite sides in {name})"
        assert polarisation == [f"{score:.2f}{why}"], name
        assert score is not None and figures.polarisation is not None and math.isclose(score, figures.polarisation), name
        assert figures.divided or score == 0.0, "a period without a conflict scores 0, by definition"
        for pair in figures.pairs:
            agreement, conflict = code["agreement"](name, pair.a, pair.b)
            assert math.isclose(agreement, pair.congruence_score) and math.isclose(conflict, pair.conflict_score), (name, pair.a, pair.b)
        for (kind, a, b), figure in printed.items():
            assert figure == f"{code['agreement'](name, a, b)[kind == 'Conflict']:.2f}", (name, kind, a, b)
        assert printed or name == "2018", "the page prints pair figures the code is checked against"
    # The joint units the code must count once: the 2019 communiqué's fifteen signatories, and the 2018 statement's issuers.
    assert next(p for p in periods[1].pairs if (p.a, p.b) == ("s01", "s02")).congruence_score == 1.0
    assert any(m.document == "lakeside" for p in periods[0].pairs for m in p.agreed)
    assert pytest.approx(0.60, abs=0.005) == code["polarisation"]("2025")
    # The matrix limited to each period: every cell, its stance and its count of positions.
    assert [m.period.name for m in views.matrix.by_period if m.period] == ["2018", "2019", "2025"]
    for limited in views.matrix.by_period:
        assert limited.period is not None
        assert code["matrix"](limited.period.name) == {key: (cell.stance, cell.count) for key, cell in sorted(limited.cells.items())}


def test_each_pairs_timeline_in_the_network_is_what_the_export_reproduces(
    communique: tuple[Path, Views, dict[str, GeneratedPage]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's `timeline` reads each pair's per-period weights from the GEXF: the view's own, and `agreement(period, a, b)`'s."""
    folder, views, pages = communique
    code, _ = run(folder, monkeypatch, BLOCKS[:-1])
    spells = 0
    for pair in views.agreement.figures.pairs:
        for path, kind, score in (("actor-congruence.gexf", "agreed", 0), ("actor-conflict.gexf", "opposed", 1)):
            if not getattr(pair, kind):
                continue
            held = {f.period.name: p for f in views.agreement.figures.periods for p in f.pairs if (p.a, p.b) == (pair.a, pair.b) and getattr(p, kind)}
            timeline = code["timeline"](path, pair.a, pair.b)
            assert timeline == {name: (p.congruence_score, p.conflict_score)[score] for name, p in held.items()}, (pair.a, pair.b)
            assert all(math.isclose(w, code["agreement"](name, pair.a, pair.b)[score]) for name, w in timeline.items())
            spells += len(timeline)
    assert spells > len(views.agreement.figures.pairs), "some pair holds its tie in two periods"
    # Each "same stance on N of the M" the agreement page prints is an edge's `count` of its `union` (a topic once a period).
    read = nx.read_gexf(folder / "actor-congruence.gexf")
    held = {(int(d["count"]), int(d["union"])) for _, _, d in read.edges(data=True)}
    printed = {(int(n), int(m)) for n, m in re.findall(r"same stance on <strong>(\d+)</strong> of the (\d+) ", pages["agreement/index.md"].html)}
    assert printed and printed <= held and (11, 11) in printed, "s01 and s02: 11 of the 11"


@pytest.mark.parametrize(
    "dossier",
    [
        "views/shifts",  # a reversal, then a softening to a conditional position: conditional stands and DNA's left-out statements
        "views/agreement/blocs-and-rivals",  # two camps in conflict in 2024
        "joint",  # joint issuers, a stance on an instrument, relayed positions, an instrument's issuers
        "second-thoughts",  # the communiqué dossier, with a mixed stand and a conditional position in its divided period
    ],
)
def test_other_synthetic_dossiers_periods_are_reproduced_too(dossier: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if dossier == "joint":
        root = write_joint(tmp_path / "sources")
    elif dossier == "second-thoughts":
        root = write(tmp_path / "sources")
        (root / "documents" / "second-thoughts.md").write_text(SECOND_THOUGHTS, encoding="utf-8")
    else:
        root = ROOT / "tests" / "data" / dossier / "sources"
    index = check(root)
    sqlite.write(index, Site(), tmp_path / "dossier.db")
    periods = agreement.compute(index, Site()).figures.periods
    code, _ = run(tmp_path, monkeypatch, BLOCKS[:-1])
    assert any(f.divided for f in periods), "a period with a conflict: its polarisation is scored"
    for figures in periods:
        score = code["polarisation"](figures.period.name)
        assert (score is None) == (figures.polarisation is None) and (score is None or math.isclose(score, figures.polarisation))
        for pair in figures.pairs:
            found = code["agreement"](figures.period.name, pair.a, pair.b)
            assert math.isclose(found[0], pair.congruence_score) and math.isclose(found[1], pair.conflict_score), (pair.a, pair.b)


def test_the_whole_dossiers_figures_add_up_each_periods_sums(communique: tuple[Path, Views, dict[str, GeneratedPage]], monkeypatch: pytest.MonkeyPatch) -> None:
    folder, views, pages = communique
    code, _ = run(folder, monkeypatch, BLOCKS[:-1])
    names = [f.period.name for f in views.agreement.figures.periods]
    printed, _ = shown(pages, "agreement/index.md")
    assert printed
    for pair in views.agreement.figures.pairs:
        sums = [code["sums"](code["stands"](name), pair.a, pair.b) for name in names]
        union = sum(s[2] for s in sums)
        agreement, conflict = sum(s[0] for s in sums) / union, sum(s[1] for s in sums) / union
        assert math.isclose(agreement, pair.congruence_score) and math.isclose(conflict, pair.conflict_score), (pair.a, pair.b)
        for kind, figure in (("Agreement", agreement), ("Conflict", conflict)):
            assert printed.get((kind, pair.a, pair.b), f"{figure:.2f}") == f"{figure:.2f}"


def test_the_worked_example_prints_what_the_bundled_dossiers_period_page_shows(bundled_output: Output, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (database,) = [b for b in bundled_output.binaries if b.path == sqlite.PATH]
    (tmp_path / "dossier.db").write_bytes(database.data)
    (gexf,) = [d for d in bundled_output.downloads if d.path == f"{networks.FOLDER}/actor-congruence.gexf"]
    (tmp_path / "actor-congruence.gexf").write_text(gexf.text, encoding="utf-8")
    _, printed = run(tmp_path, monkeypatch, BLOCKS)
    pages = {page.path: page for page in bundled_output.pages}
    figures, polarisation = shown(pages, "agreement/period-2023-to-2025.md")
    agreed = figures["Agreement", "snc", "united-states"]
    assert printed == f"agreement {agreed}, conflict 0.00\npolarisation 0.00\n2023 to 2025 {agreed} in the network, {agreed} from the export\n"
    assert polarisation == ["0.00 (no two actors take opposite sides in 2023 to 2025)"], "the score of a period without a conflict, and why"
    agreed: Agreement = compute(check(ROOT / "sources"), project_site()).agreement
    period = next(f for f in agreed.periods if f.period.name == "2023 to 2025")
    pair = next(p for p in period.pairs if (p.a, p.b) == ("snc", "united-states"))
    assert printed.startswith(f"agreement {pair.congruence_score:.2f}, conflict {pair.conflict_score:.2f}\n") and "agreement 0.20," in printed


def blocs_contested_and_most_connected(code: dict[str, Any], index: Index, views: Views, pages: dict[str, GeneratedPage]) -> int:
    """The recipes' blocs (and modularity) of each period, contested ranking and most connected, set beside the views' own; the
    number of periods whose blocs are shown."""
    shown = 0
    for figures in views.agreement.figures.periods:
        groups, modularity = code["blocs"](figures.period.name)
        assert (modularity is None) == (figures.modularity is None) and (modularity is None or math.isclose(modularity, figures.modularity)), (
            figures.period.name
        )
        assert groups == ([sorted(b.members) for b in figures.blocs] if figures.shown else None), figures.period.name
        if groups:
            shown += 1
            html = pages[views.agreement.period_page(figures.period)].html
            assert f"modularity {modularity:.2f}" in html and all(f'actors/{m}/"' in html for g in groups for m in g)
    assert code["contested"]() == [(c.demand, c.supporting.voices, c.opposing.voices) for c in views.agreement.figures.contested]
    ranked = code["connected"]()
    # The view's own measure (views/network.py), on the ties it draws from; and the home page's glimpse, in the recipe's order.
    edges = network.participation_edges(index) + network.affiliation_edges(index)
    edges += network.agreement_edges(views.agreement, weighing.signatories(index.positions))
    degrees = network._degrees(edges)
    assert sorted(k for k, _ in ranked) == sorted(degrees) and all(math.isclose(degree, degrees[key]) for key, degree in ranked)
    home = [n.key for n in views.network.home.nodes]
    assert home and [k for k, _ in ranked if k in home] == home and home[0] == ranked[0][0]
    return shown


def test_each_periods_blocs_the_contested_ranking_and_the_most_connected_are_reproduced(
    communique: tuple[Path, Views, dict[str, GeneratedPage]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The communiqué dossier: 2025 has two blocs (s01 and s02 against Xeno and Ypsilon, modularity 0.50); the communiqué's fifteen
    signatories are tied to one another at 1 / 14 each, so that s03 to s15 rank below the parties with ties of their own."""
    folder, views, pages = communique
    code, _ = run(folder, monkeypatch, BLOCKS[:-1])
    index = check(folder / "sources")
    assert blocs_contested_and_most_connected(code, index, views, pages) == 1
    assert code["blocs"]("2025") == ([["s01", "s02"], ["xeno", "ypsilon"]], pytest.approx(0.5))
    assert [k for k, _ in code["connected"]()[:4]] == ["actors/s01", "actors/s02", "actors/xeno", "actors/ypsilon"]
    assert code["contested"]()[0] == ("lakeside-statement", 3, 1), "the statement's three issuers, one voice against"


def test_the_bundled_dossiers_blocs_contested_and_most_connected_are_reproduced(
    bundled_output: Output, bundled_index: Index, bundled_views: Views, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (database,) = [b for b in bundled_output.binaries if b.path == sqlite.PATH]
    (tmp_path / "dossier.db").write_bytes(database.data)
    code, _ = run(tmp_path, monkeypatch, BLOCKS[:-1])
    pages = {page.path: page for page in bundled_output.pages}
    assert blocs_contested_and_most_connected(code, bundled_index, bundled_views, pages) == 0, "no period of the bundled dossier forms blocs"
    assert code["blocs"]("2023 to 2025")[1] == pytest.approx(0.497, abs=0.001), "a modularity, but no two groups take opposite sides"
    assert code["connected"]()[0][0] == "actors/cssr"


@pytest.mark.parametrize("dossier", ["views/agreement/blocs-and-rivals", "joint"])
def test_other_synthetic_dossiers_blocs_contested_and_most_connected_are_reproduced(dossier: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_joint(tmp_path / "sources") if dossier == "joint" else ROOT / "tests" / "data" / dossier / "sources"
    index = check(root)
    sqlite.write(index, Site(), tmp_path / "dossier.db")
    views = compute(index, Site())
    code, _ = run(tmp_path, monkeypatch, BLOCKS[:-1])
    blocs_contested_and_most_connected(code, index, views, {page.path: page for page in render(index, views, Site()).pages})
