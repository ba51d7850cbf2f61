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

import pytest

from build_scripts.exports import networks, sqlite
from build_scripts.pages import GeneratedPage, Site
from build_scripts.pipeline import Output, check, compute, render
from build_scripts.views import Views, agreement
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
POLARISATION = re.compile(r"Polarisation: (?:<strong>([\d.]+)</strong>|(none))")


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
    """(kind, a, b) → the score a page prints for the pair, and its polarisation as printed (a figure, or `none`)."""
    html = pages[path].html
    pairs = {(kind, a, b): figure for kind, figure, a, b in PAIR.findall(html)}
    return pairs, [figure or none for figure, none in POLARISATION.findall(html)]


def test_the_page_prints_its_code_in_blocks_and_is_linked_from_the_data_page() -> None:
    assert len(BLOCKS) == 6, "positions, a pair's figures, a period's polarisation, a period's matrix, a pair's timeline, the worked example"
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
        assert polarisation == ["none" if score is None else f"{score:.2f}"], name
        assert (score is None) == (figures.polarisation is None) and (score is None or math.isclose(score, figures.polarisation)), name
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
    folder, views, _ = communique
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
    assert printed == f"agreement {agreed}, conflict 0.00\npolarisation None\n2023 to 2025 {agreed} in the network, {agreed} from the export\n"
    assert polarisation == ["none"], "no two actors take opposite sides in 2023 to 2025"
    agreed: Agreement = compute(check(ROOT / "sources"), project_site()).agreement
    period = next(f for f in agreed.periods if f.period.name == "2023 to 2025")
    pair = next(p for p in period.pairs if (p.a, p.b) == ("snc", "united-states"))
    assert printed.startswith(f"agreement {pair.congruence_score:.2f}, conflict {pair.conflict_score:.2f}\n") and "agreement 0.20," in printed
