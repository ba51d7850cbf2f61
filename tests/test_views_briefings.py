"""Briefings by theme: golden figures on a synthetic dossier, paging, and the printed page's content."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from build_scripts.analysis.scope import periods_from
from build_scripts.index import Index
from build_scripts.pages import Site
from build_scripts.pipeline import build_all, check, compute
from build_scripts.redirects import moves
from build_scripts.render import Renderer
from build_scripts.views import briefings, listings, paging, stances
from build_scripts.views.measure import Measure

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
    monkeypatch.setattr(paging, "PAGE_BYTES", 1)
    monkeypatch.setattr(briefings, "ACTORS_PER_SIDE", 2)
    write_corpus(tmp_path / "sources", 300)
    index = check(tmp_path / "sources")
    data = _briefings_only(index, Site()).briefings
    specs = briefings.page_specs(data, index)
    for briefing in data.themes:
        shown = [item for spec in specs if spec.context.get("briefing") is briefing for item in spec.context["items"]]
        assert [i.demand for i in shown] == [i.demand for i in briefing.items]
        assert all(len(side.shown) <= briefings.ACTORS_PER_SIDE and len(side.shown) + side.more == len(side.cells) for i in shown for side in i.sides)
    assert any(spec.context.get("parts", 1) > 1 for spec in specs)
    assert any(side.more for briefing in data.themes for item in briefing.items for side in item.sides)


def _briefings_only(index: Index, site: Site) -> Any:
    """The views the briefing pages read, cut into pages as the pipeline's compute stage cuts them (the other views are not
    computed: at 300 sources under a small budget they cost most of the test)."""
    cells = stances.cells(index)
    periods = tuple(periods_from(site.periods, index.positions))
    views = SimpleNamespace(cells=cells, briefings=briefings.compute(index, cells, periods), listings=listings.Listings({}))
    views.briefings = briefings.paginate(views.briefings, Measure(index, site, views))
    return views


def test_the_pipeline_cuts_the_briefings_as_the_views_they_read_alone_are_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    """What lets the test below compute the briefings alone: the pipeline's compute stage cuts them into the same pages."""
    monkeypatch.setattr(paging, "PAGE_BYTES", 1_000)
    index = check(CASE / "sources")
    alone = _briefings_only(index, Site()).briefings
    assert any(len(briefing.pages) > 1 for briefing in alone.themes)
    assert compute(index, Site()).briefings == alone


SECTION = re.compile(r'<section class="briefing-item".*?</section>\n', re.DOTALL)


def test_a_briefing_page_holds_the_demands_its_measured_bytes_allow(corpus: Callable[[int], Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Demands are cut into pages by their bytes as the page prints them, not by a count alone: at 10,000 sources, ten demands
    with every side naming its first eight actors outgrew the page (44 KB of fragment where 40 KB fit). With a small budget,
    every page's demands fit it (a page of one demand excepted), each demand is shown once, in order; so in each period's briefings."""
    monkeypatch.setattr(paging, "PAGE_BYTES", 2_500)
    index = check(corpus(300))
    renderer = Renderer(index, Site(), _briefings_only(index, Site()))
    specs = briefings.page_specs(renderer.views.briefings, index)
    lists = {b.index_path for b in (renderer.views.briefings, *renderer.views.briefings.by_period)}
    pages = {spec.path: renderer.render(spec).html for spec in specs if spec.path not in lists}
    shown: dict[str, list[str]] = {}

    def part(path: str) -> tuple[str, int]:
        name = path.removeprefix("briefings/").removesuffix(".md")
        theme, _, number = name.rpartition("/")
        return (theme, int(number)) if number.isdigit() else (name, 1)

    for path, html in sorted(pages.items(), key=lambda kv: part(kv[0])):
        sections = SECTION.findall(html)
        assert sections, f"{path} shows no demand"
        assert len(sections) == 1 or sum(len(s.encode()) for s in sections) <= paging.PAGE_BYTES, path
        theme = part(path)[0]
        shown.setdefault(theme, []).extend(re.findall(r'<section class="briefing-item" id="demand-([^"]+)"', html))
    found = renderer.views.briefings
    expected = {b.theme: [i.demand for i in b.items] for b in briefings.compute(index, stances.cells(index)).themes if b.items}
    expected |= {f"period-{b.period.slug}/{b.theme}": [i.demand for i in b.items] for p in found.by_period for b in p.themes if b.period and b.items}
    assert len(found.by_period) > 1 and shown == expected
    assert any(part(path)[1] > 1 for path in pages), "some theme has pages after its first"


def _twelve_small_demands(folder: Path) -> Path:
    """The briefing case's sources and, synthetic, twelve more demands of its theme that one actor supports in one report."""
    shutil.copytree(CASE / "sources", folder)
    claims, text = [], []
    for n in range(1, 13):
        (folder / "demands" / f"small-{n}.md").write_text(f"---\nstatement: Synthetic small demand {n}\ntheme: transition\n---\nSynthetic.\n")
        claims.append(
            f"  - actor: alpha\n    demand: small-{n}\n    stance: supports\n    basis: reported\n    evidence: Alpha Party asked for small demand {n}\n"
        )
        text.append(f"Alpha Party asked for small demand {n}.")
    head = "title: Synthetic report three\nkind: news-report\nlanguage: en\ndate: '2024-08'\nsummary: A synthetic report.\nactors: [alpha]\n"
    (folder / "documents" / "third.md").write_text(f"---\n{head}claims:\n{''.join(claims)}---\n{' '.join(text)}\n")
    return folder


def test_a_briefing_is_cut_by_bytes_alone_its_later_pages_at_the_one_address_and_the_old_ones_redirect(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 18 §2: one paginator, one path convention. No count cuts a briefing (ten demands a page were a second rule), its later
    pages are `briefings/<theme>/2/` as every list's are, and the former `briefings/<theme>-2/` sends the reader there."""
    index = check(_twelve_small_demands(tmp_path / "sources"))
    whole = _briefings_only(index, Site()).briefings
    long = next(b for b in whole.themes if b.theme == "transition")
    assert len(long.parts()) == 1 and len(long.items) > 10, "within the budget, more than ten demands on one page"
    monkeypatch.setattr(paging, "PAGE_BYTES", 2_500)
    cut = _briefings_only(index, Site()).briefings
    paths = [
        spec.path
        for spec in briefings.page_specs(cut, index)
        if getattr(spec.context.get("briefing"), "theme", None) == long.theme and spec.context["briefing"].period is None
    ]
    assert len(paths) > 1
    assert paths == list(paging.numbered(f"briefings/{long.theme}.md", f"briefings/{long.theme}", len(paths)))
    found = dict(moves(index, paths))
    assert found == {f"briefings/{long.theme}-{n}.md": f"briefings/{long.theme}/{n}.md" for n in range(2, len(paths) + 1)}


def test_a_briefing_limited_to_a_period_shows_that_periods_positions_alone_and_the_control_leads_between_periods(tmp_path: Path) -> None:
    """The synthetic communiqué dossier: fifteen parties co-sign seven consensus demands in 2019; in 2025 the Xeno Movement and the
    Ypsilon Union support the first of them. The 2025 briefing names those two alone; each period with positions has its pages."""
    from .communique_dossier import write

    index = check(write(tmp_path / "sources"))
    views = compute(index, Site())
    pages = {spec.path: " ".join(Renderer(index, Site(), views).render(spec).html.split()) for spec in briefings.page_specs(views.briefings, index)}
    assert [b.period.name for b in views.briefings.by_period if b.period] == ["2018", "2019", "2025"]
    assert "briefings/period-2025/process.md" in pages and "briefings/period-2018/governance.md" not in pages, "only where the period has positions"
    later = pages["briefings/period-2025/process.md"]
    assert '<h1 id="top">Briefing, 2025: process</h1>' in later
    supporters = re.search(r'id="demand-d1".*?</section>', later)
    assert supporters and "2 actors" in supporters.group(0) and "Xeno Movement" in supporters.group(0) and "Ypsilon Union" in supporters.group(0)
    assert "Signatory Party 5" not in later, "the 2019 communiqué's signatories are not in 2025"
    assert "1 demand of the theme with positions placed in 2025 (2025-01-01 to 2025-12-31) alone" in later
    nav = later[later.index('<nav class="mx-periods" aria-label="Briefings by period">') :]
    nav = nav[: nav.index("</nav>")]
    assert '<a href="../../process/">all positions</a>' in nav and '<strong aria-current="true">2025</strong>' in nav
    assert '<a href="../../period-2019/process/">2019</a>' in nav
    main = pages["briefings/index.md"]
    assert '<strong aria-current="true">all positions</strong>' in main and '<a href="period-2025/">2025</a>' in main
    assert "Signatory Party 5" in pages["briefings/process.md"], "all positions: the 2019 communiqué's signatories too"
    assert '<h1 id="top">Briefings by theme in 2019</h1>' in pages["briefings/period-2019.md"]
