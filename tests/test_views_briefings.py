"""Briefings by theme: golden figures on a synthetic dossier, paging, and the printed page's content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from build_scripts.pipeline import build_all, check
from build_scripts.views import briefings, stances

from .bench_pipeline import write_corpus
from .conftest import DATA

CASE = DATA / "views" / "briefings"


def _as_data(briefing: briefings.Briefing) -> dict[str, Any]:
    items = []
    for item in briefing.items:
        row: dict[str, Any] = {"demand": item.demand, "contested": item.contested}
        for side in item.sides:
            row[side.stance] = [{"actor": c.actor, "count": c.count, "first_hand": c.first_hand} for c in side.cells]
        items.append(row)
    return {"items": items, "silent": list(briefing.silent)}


def test_briefings_match_the_golden_figures() -> None:
    index = check(CASE / "sources")
    data = briefings.compute(index, stances.cells(index))
    expected = yaml.safe_load((CASE / "expected.yaml").read_text(encoding="utf-8"))
    assert {b.theme: _as_data(b) for b in data.themes} == expected


def test_a_briefing_page_names_each_side_and_opens_the_evidence() -> None:
    pages = {p.path: p.html for p in build_all(CASE / "sources").pages}
    html = pages["briefings/transition.md"]
    one = html[html.index('id="demand-one"') : html.index('id="demand-two"')]
    assert 'href="../../actors/alpha/#demand-one"' in one and 'href="../../actors/beta/#demand-one"' in one
    assert "stance--mixed" in one and "(contested)" in one
    assert "Synthetic demand three, without positions" in html[html.index('id="without-positions"') :]
    assert 'href="transition/"' in pages["briefings/index.md"]


def test_long_themes_are_split_and_long_sides_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(briefings, "DEMANDS_PER_PAGE", 1)
    monkeypatch.setattr(briefings, "ACTORS_PER_SIDE", 2)
    write_corpus(tmp_path / "sources", 300)
    index = check(tmp_path / "sources")
    data = briefings.compute(index, stances.cells(index))
    specs = briefings.page_specs(data, index)
    for briefing in data.themes:
        shown = [item for spec in specs if spec.context.get("briefing") is briefing for item in spec.context["items"]]
        assert [i.demand for i in shown] == [i.demand for i in briefing.items]
        assert all(len(side.shown) <= briefings.ACTORS_PER_SIDE and len(side.shown) + side.more == len(side.cells) for i in shown for side in i.sides)
    assert any(spec.context.get("parts", 1) > 1 for spec in specs)
    assert any(side.more for briefing in data.themes for item in briefing.items for side in item.sides)
