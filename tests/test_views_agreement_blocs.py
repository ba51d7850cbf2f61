"""A bloc's members and shared stances, every one reachable from what a page names of it; a period's list that leaves its period says so.

On synthetic dossiers (`camps_dossier.py`): camps of parties in 2024, each camp a bloc.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from build_scripts.index import Index
from build_scripts.pages import Site
from build_scripts.pipeline import check, compute
from build_scripts.render import Renderer
from build_scripts.views import agreement, paging
from build_scripts.views.agreement import Bloc
from build_scripts.views.measure import Measure

from .camps_dossier import write_camps
from .communique_dossier import _document

SITE = Site(periods=(("2023 to 2025", "2023-01-01", "2025-12-31"),))
COUNTS = (("default", "agreement", "agreement/index.md"), ("all", "agreement/with-descriptions", "agreement/with-descriptions.md"))
"""Each count: its edition, its folder, its main page."""


def _pages(index: Index, site: Site = SITE) -> tuple[Renderer, dict[str, str]]:
    """The renderer of `index`, and its agreement pages by path (whitespace collapsed)."""
    renderer = Renderer(index, site, compute(index, site))
    return renderer, {spec.path: " ".join(renderer.render(spec).html.split()) for spec in agreement.page_specs(renderer.views.agreement, index)}


def _blocs_pages(pages: dict[str, str], folder: str) -> list[str]:
    """The blocs pages of a count, in order: `<folder>/blocs.md`, then `<folder>/blocs/2.md`…"""
    numbers = sorted(int(m.group(1) or 1) for path in pages if (m := re.fullmatch(rf"{folder}/blocs(?:/(\d+))?\.md", path)))
    assert numbers == list(range(1, len(numbers) + 1))
    return [pages[paging.page_path(f"{folder}/blocs.md", f"{folder}/blocs", n)] for n in numbers]


def _sections(html: str) -> list[str]:
    return re.findall(r'<section class="ag-bloc".*?</section>', html)


def _listed(pages: list[str], bloc: Bloc) -> tuple[list[str], list[str]]:
    """A bloc's members and shared stances' topics as its sections on the blocs pages name them, in order."""
    members: list[str] = []
    topics: list[str] = []
    for html in pages:
        for section in _sections(html):
            if f"<h3>{bloc.period}, bloc {bloc.number}:" in section:
                names, _, stances = section.partition('<ul class="ag-defining">')
                members += re.findall(r'href="[./]*actors/([^/"]+)/"', names)
                topics += re.findall(r'href="[./]*demands/([^/"]+)/"', stances)
    return members, topics


def test_a_page_that_names_some_members_of_a_bloc_leads_to_the_blocs_page_which_names_them_all(tmp_path: Path) -> None:
    """Synthetic, two camps of 61: the agreement page names 10 members of each bloc and the period's page 15; both lead to the
    bloc on the blocs page of their count, which names all 61 (it named 60, and sent the others to the period's page, which names 15)."""
    renderer, pages = _pages(check(write_camps(tmp_path / "sources", members=61, camps=2, demands=1)))
    data = renderer.views.agreement
    for edition, folder, main in COUNTS:
        blocs = (data.figures if edition == "default" else data.described).periods[0].blocs
        assert [len(b.members) for b in blocs] == [61, 61]
        assert 'and 51 more (listed on <a href="blocs/#bloc-2023-to-2025-1">the blocs page</a>)' in pages[main]
        assert 'and 46 more (listed on <a href="../blocs/#bloc-2023-to-2025-2">the blocs page</a>)' in pages[f"{folder}/period-2023-to-2025.md"]
        listed = _blocs_pages(pages, folder)
        for b in blocs:
            assert _listed(listed, b)[0] == list(b.members), (edition, b.anchor)
            assert f'id="{b.anchor}"' in pages[data.bloc_page(b, edition)]
        assert not any("more (listed on" in html for html in listed)


def test_a_page_that_lists_some_shared_stances_of_a_bloc_leads_to_the_blocs_page_which_lists_them_all(tmp_path: Path) -> None:
    """Synthetic, six camps of two, each with eight demands of its own: each bloc shares 16 stances. The agreement page and the
    period's page list four and lead to where the blocs page lists them (they said "and 12 more shared stances." and led nowhere;
    the blocs page listed 15). Each stance opens onto its demand's page, where the positions' passages are."""
    renderer, pages = _pages(check(write_camps(tmp_path / "sources", demands=8)))
    data = renderer.views.agreement
    for edition, folder, main in COUNTS:
        blocs = (data.figures if edition == "default" else data.described).periods[0].blocs
        assert len(blocs) == 6 and {len(b.demands) for b in blocs} == {16}
        first = blocs[0].anchor
        assert f'and 12 more shared stances (listed on <a href="blocs/#{first}-shared">the blocs page</a>).' in pages[main]
        period = pages[f"{folder}/period-2023-to-2025.md"]
        assert f'and 12 more shared stances (listed on <a href="../blocs/#{first}-shared">the blocs page</a>).' in period
        listed = _blocs_pages(pages, folder)
        for b in blocs:
            assert _listed(listed, b)[1] == [sh.demand for sh in b.demands], (edition, b.anchor)
            assert f'<p id="{b.anchor}-shared">Stances two members or more share:</p>' in pages[data.bloc_page(b, edition, shared=True)]
        assert not any("more shared stances" in html for html in listed)


def test_a_bloc_that_outgrows_a_page_continues_on_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Synthetic, six camps of three with two demands each (a bloc's three members and four shared stances weigh some 1,000 bytes),
    cut on pages of 330 bytes: each bloc in runs of its members and shared stances, in order, each within the budget (or of one
    line: a shared stance with its line of introduction weighs 359), one a page,
    on pages that follow each other. A later run says it continues and has no anchor; the bloc's anchor and its shared stances'
    lead to the runs that hold them."""
    index = check(write_camps(tmp_path / "sources", members=3))
    views = compute(index, SITE)
    monkeypatch.setattr(paging, "PAGE_BYTES", 330)
    measure = Measure(index, SITE, views)
    data = agreement.paginate(views.agreement, measure)
    renderer = Renderer(index, SITE, replace(views, agreement=data))
    pages = {spec.path: " ".join(renderer.render(spec).html.split()) for spec in agreement.page_specs(data, index)}
    for edition, folder, _ in COUNTS:
        chunks = data.bloc_pages if edition == "default" else data.described_bloc_pages
        for n, chunk in enumerate(chunks, 1):
            weights = [measure.macro("_agreement.html.j2", agreement.page_path("blocs", n, edition), "bloc_part", p) for p in chunk]
            assert len(chunk) == 1, "one run a page"
            assert all(w <= paging.PAGE_BYTES or p.stop == p.start + 1 for w, p in zip(weights, chunk, strict=True)), "within the budget, or one line"
        listed = _blocs_pages(pages, folder)
        blocs = (data.figures if edition == "default" else data.described).periods[0].blocs
        assert len(blocs) == 6
        for b in blocs:
            runs = [(p.start, p.stop) for chunk in chunks for p in chunk if p.bloc == b]
            assert [start for start, _ in runs] == [0] + [stop for _, stop in runs[:-1]] and runs[-1][1] == len(b.members) + len(b.demands)
            assert any(0 < start < len(b.members) for start, _ in runs) and any(start > len(b.members) for start, _ in runs), "cut in both"
        for b in blocs:
            assert _listed(listed, b) == (list(b.members), [sh.demand for sh in b.demands]), (edition, b.anchor)
            sections = [s for html in listed for s in _sections(html) if f", bloc {b.number}:" in s]
            assert len(sections) > 2, "cut into runs"
            assert not any("(continued)" in s for s in sections[:1]) and all("(continued)</span></h3>" in s for s in sections[1:])
            assert all("id=" not in s.partition(">")[0] for s in sections[1:]), "a later run has no anchor of its own"
            holders = [n for n, html in enumerate(listed) for s in _sections(html) if f", bloc {b.number}:" in s]
            assert holders == sorted(holders) and holders[-1] - holders[0] == len(sections) - 1, "one run a page, on pages that follow each other"
            anchors = [path for path, html in pages.items() if f'id="{b.anchor}"' in html and path.startswith(f"{folder}/blocs")]
            assert anchors == [data.bloc_page(b, edition)]
            shared = [path for path, html in pages.items() if f'id="{b.anchor}-shared"' in html and path.startswith(f"{folder}/blocs")]
            assert shared == [data.bloc_page(b, edition, shared=True)] and shared != anchors


def test_a_periods_list_that_leads_to_the_whole_dossiers_list_of_the_other_count_says_so(tmp_path: Path) -> None:
    """Synthetic: the camps in 2024, and in 2026 only a third party's description of two of them on opposite sides of a demand. Counting
    descriptions, 2026 has a contested demand; without them it has no position, so its list leads to the whole dossier's contested
    demands without descriptions, and says so (it said "without third parties' descriptions", as if it stayed in 2026)."""
    root = write_camps(tmp_path / "sources")
    claims = [
        (["c0m0"], "demand: d00", "supports", "characterised", "An observer says Camp 0 Member 0 still backs demand 0."),
        (["c1m0"], "demand: d00", "opposes", "characterised", "The same observer says Camp 1 Member 0 still rejects demand 0."),
    ]
    _document(root, "observer-2026", "An observer's account", "2026-05-01", [], claims)
    site = Site(periods=(*SITE.periods, ("2026", "2026-01-01", "2026-12-31")))
    renderer, pages = _pages(check(root), site)
    data = renderer.views.agreement
    assert [f.period.name for f in data.figures.periods] == ["2023 to 2025"]
    assert [f.period.name for f in data.described.periods] == ["2023 to 2025", "2026"]
    described = pages["agreement/with-descriptions/period-2026/contested.md"]
    assert (
        "<a href=\"../../../contested/\">the whole dossier's contested demands without third parties' descriptions</a> (without them, no position is "
        "placed in 2026)" in described
    )
    kept = pages["agreement/with-descriptions/period-2023-to-2025/contested.md"]
    assert '<a href="../../../period-2023-to-2025/contested/">without third parties\' descriptions</a>' in kept, "a period the other count has"
    assert "the whole dossier's" not in kept and "the whole dossier's" not in pages["agreement/period-2023-to-2025/contested.md"]
    # The period's own page: its "Counted:" control leads to the other count's whole dossier, and says so too.
    period = pages["agreement/with-descriptions/period-2026.md"]
    assert (
        '<a href="../../">first-hand and reported positions</a> <span class="hint">(the whole dossier: without third parties\' descriptions, no '
        "position is placed in 2026)</span>" in period
    )
    for other in ("agreement/with-descriptions/period-2023-to-2025.md", "agreement/period-2023-to-2025.md"):
        assert '<nav class="ag-controls"' in pages[other] and "the whole dossier:" not in pages[other], other
