"""Summaries of positions say on whose word they rest, and a joint statement's positions are listed once, on a synthetic dossier.

Everything here is invented for the tests (each file says so): fifteen parties issue one joint
communiqué at a summit with seven demands; a critic's statement describes what a target party
wants, which the dossier knows from nowhere else; a reporter's wire mixes a reported position with
the critic's own words. The reader must see the target's position marked "according to" the critic
at a glance, in its positions' headings, in the briefing and in the matrix, and each of the
communiqué's positions once on the summit's page, with its fifteen signatories.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from build_scripts.pages import Site
from build_scripts.pipeline import Output, build_all, check, compute
from build_scripts.views import basis, listings, paging, stances
from build_scripts.views.measure import Measure
from build_scripts.words import basis_words

SIGNATORIES = [f"party-{n:02d}" for n in range(1, 16)]
DEMANDS = [f"demand-{n}" for n in range(1, 8)]
SYNTHETIC = "Synthetic, written for the summary tests."


def _actor(name: str, kind: str = "party") -> str:
    return f"---\nname: {{value: {name}, editorial: Synthetic test fixture}}\ntype: {kind}\n---\n{SYNTHETIC}\n"


def _demand(statement: str, theme: str = "transition") -> str:
    return f"---\nstatement: {statement}\ntheme: {theme}\n---\n{SYNTHETIC}\n"


def _communique() -> str:
    sentences = [f"The parties call for synthetic demand {n}." for n in range(1, 8)]
    claims = "".join(
        f"  - actors: [{', '.join(SIGNATORIES)}]\n    basis: own-publication\n    demand: {d}\n    stance: supports\n"
        f"    conference: summit\n    evidence: {sentence}\n"
        for d, sentence in zip(DEMANDS, sentences, strict=True)
    )
    return (
        f"---\ntitle: Joint communiqué of the fifteen parties\nkind: statement\nlanguage: en\nissuers: [{', '.join(SIGNATORIES)}]\n"
        f'date: "2024-05-02"\nsummary: Fifteen parties call for seven demands.\nnote: {SYNTHETIC}\n'
        f"actors: [{', '.join(SIGNATORIES)}]\nconferences: [summit]\nclaims:\n{claims}---\n" + " ".join(sentences) + "\n"
    )


CRITIC = f"""\
---
title: The critic's statement
kind: statement
language: en
issuer: critic
date: "2024-06-01"
summary: The critic says what the target party wants, and what it wants itself.
note: {SYNTHETIC}
actors: [critic, target]
claims:
  - actor: target
    basis: characterised
    demand: demand-1
    stance: opposes
    evidence: Our rival wants no part of the first demand
  - actor: target
    basis: characterised
    demand: demand-2
    stance: supports
    evidence: it claims to back the second
  - actor: critic
    basis: own-publication
    demand: demand-1
    stance: supports
    evidence: We stand for the first demand.
---
Our rival wants no part of the first demand, though it claims to back the second. We stand for the first demand.
"""

WIRE = f"""\
---
title: Wire report on the critic
kind: news-report
language: en
publisher: {{name: Synthetic Wire}}
date: "2024-06-03"
summary: A wire reports the critic's opposition to the second demand.
note: {SYNTHETIC}
actors: [critic]
claims:
  - actor: critic
    basis: reported
    demand: demand-2
    stance: opposes
    evidence: The critic has turned against the second demand, aides said.
  - actor: critic
    basis: quoted
    demand: demand-2
    stance: supports
    evidence: we still back the second demand
---
The critic has turned against the second demand, aides said. "Yet we still back the second demand," its leader told the wire.
"""

PARTICIPANTS = "".join(f"  - actor: {a}\n    status: attended\n    source: joint-communique\n" for a in SIGNATORIES)
SUMMIT = f"""\
---
name: {{value: Synthetic Summit, editorial: Synthetic test fixture}}
kind: meeting
start: "2024-05-02"
participants:
{PARTICIPANTS}sources: [joint-communique]
---
{SYNTHETIC}
"""


def write_dossier(root: Path) -> Path:
    """The synthetic dossier under `root`."""
    files = {f"actors/{a}.md": _actor(f"Party {a[-2:]}") for a in SIGNATORIES}
    files |= {"actors/critic.md": _actor("Critic Party"), "actors/target.md": _actor("Target Party")}
    files |= {f"demands/{d}.md": _demand(f"Synthetic demand {d[-1]}") for d in DEMANDS}
    files |= {"documents/joint-communique.md": _communique(), "documents/critic-statement.md": CRITIC, "documents/wire.md": WIRE}
    files |= {"conferences/summit.md": SUMMIT}
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_dossier(tmp_path_factory.mktemp("summaries") / "sources")


@pytest.fixture(scope="module")
def output(dossier: Path) -> Output:
    return build_all(dossier)


@pytest.fixture(scope="module")
def pages(output: Output) -> dict[str, str]:
    return {p.path: p.html for p in output.pages}


def visible(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" ,", ",").replace(" :", ":").replace(" )", ")").replace("( ", "(")


CRITIC_LINK = '<a href="{}" class="actor actor--party">Critic Party</a>'


def test_the_wording_says_one_basis_or_counts_each_strongest_first() -> None:
    assert basis_words({"first-hand": 2}, []) == [(None, "first-hand")]
    assert basis_words({"reported": 1}, []) == [(None, "reported")]
    assert basis_words({"described": 1}, [("critic", "Critic Party")]) == [(None, "according to "), ("critic", "Critic Party")]
    assert basis_words({"first-hand": 1, "reported": 2, "described": 1}, [("critic", "Critic Party")]) == [(None, "1 first-hand, 2 reported, 1 described")]
    four = [(f"a{n}", f"A{n}") for n in range(4)]
    assert "".join(text for _, text in basis_words({"described": 4}, four)) == "according to A0, A1, A2 and 1 other"
    assert "".join(text for _, text in basis_words({"described": 2}, four[:2])) == "according to A0 and A1"


def test_a_position_known_only_from_a_third_party_is_marked_according_to_it(dossier: Path) -> None:
    index = check(dossier)
    cells = stances.cells(index)
    found = basis.summarise(index, cells[("target", "demand-1")].claims)
    assert (found.strongest, found.describers, found.text) == ("described", (("critic", "Critic Party"),), "according to Critic Party")
    mixed = basis.summarise(index, cells[("critic", "demand-2")].claims)
    assert (mixed.strongest, mixed.text) == ("first-hand", "1 first-hand, 1 reported"), "the strongest first, and that others exist"


def test_at_a_glance_and_the_positions_heading_name_the_describer(pages: dict[str, str]) -> None:
    page = pages["actors/target.md"]
    glance = page[page.index('class="stance-summary"') : page.index('<dl class="facts">')]
    link = CRITIC_LINK.format("../critic/")
    assert f'Synthetic demand 1</a> <span class="hint">(according to {link})</span>' in glance
    heading = page[page.index('id="demand-demand-1-title"') :]
    heading = heading[: heading.index("</h4>")]
    assert visible(heading).endswith("opposes Synthetic demand 1 (according to Critic Party)") and link in heading
    critic = visible(pages["actors/critic.md"])
    assert "Synthetic demand 2 (2 positions: 1 first-hand, 1 reported)" in critic


def test_the_briefing_names_the_describer_beside_the_actor(pages: dict[str, str]) -> None:
    item = pages["briefings/transition.md"]
    item = item[item.index('id="demand-demand-1"') :]
    item = item[: item.index("</section>")]
    link = CRITIC_LINK.format("../../actors/critic/")
    assert f'>Target Party</a> <span class="hint">(according to {link})</span>' in item
    assert '>Critic Party</a> <span class="hint">(first-hand)</span>' in item
    assert "second-hand" not in item


def test_a_matrix_cell_marks_its_basis_and_names_the_describer(pages: dict[str, str], output: Output) -> None:
    matrix = pages["matrix/transition.md"]
    row = matrix[matrix.index('data-name="target party"') :]
    row = row[: row.index("</tr>")]
    assert 'aria-label="−1d: opposes, 1 claim, according to Critic Party">−1<sup>d</sup></a>' in row
    assert 'data-c="od2024-06-01~0@0" data-by="Critic Party"' in row, "the filters recount the basis from each claim"
    critic = matrix[matrix.index('data-name="critic party"') :]
    assert 'aria-label="±2: mixed, 2 claims, 1 first-hand, 1 reported">±2</a>' in critic[: critic.index("</tr>")]
    (download,) = [d for d in output.downloads if d.path == "downloads/matrix.csv"]
    rows = {(r["actor"], r["demand"]): r for r in csv.DictReader(io.StringIO(str(download.text)))}
    target = rows[("target", "demand-1")]
    assert (target["basis_class"], target["according_to"], target["described_claims"], target["first_hand_claims"]) == ("described", "Critic Party", "1", "0")
    assert (rows[("critic", "demand-2")]["basis_class"], rows[("critic", "demand-2")]["reported_claims"]) == ("first-hand", "1")
    assert rows[("party-01", "demand-1")]["basis_class"] == "first-hand" and rows[("party-01", "demand-1")]["according_to"] == ""


def test_the_matrix_tells_no_position_apart_from_mixed(pages: dict[str, str]) -> None:
    matrix = pages["matrix/transition.md"]
    legend = visible(matrix[matrix.index('class="mx-legend"') :])
    assert "±3 means its 3 claims take mixed stances; an empty cell, that no position was found." in legend
    target = matrix[matrix.index('data-name="target party"') :]
    target = target[: target.index("</tr>")]
    assert target.count("<td></td>") == len(DEMANDS) - 2, "no position found: an empty cell, no stance, no count"
    assert 'class="mx mx--mixed"' in matrix and "mx--mixed" not in target
    css = (Path(__file__).parent.parent / "docs" / "stylesheets" / "matrix.css").read_text(encoding="utf-8")
    assert 'td:empty::after, .dossier-matrix table.matrix td.mx--empty::after { content: "" / "no position found"; }' in css


def _summit_html(pages: dict[str, str]) -> str:
    """The summit's page and the pages of its lists, if any moved off it."""
    return "".join(html for path, html in sorted(pages.items()) if path == "conferences/summit.md" or path.startswith("conferences/summit/"))


def test_a_joint_statement_is_listed_once_with_its_signatories_on_the_meeting_page(pages: dict[str, str]) -> None:
    html = _summit_html(pages)
    for n in range(1, 8):
        passage = f'href="../../sources/joint-communique/#ev-{SIGNATORIES[0]}-demand-{n}"'
        found = html.count(passage) + html.count(passage.replace("../../", "../../../"))
        assert found == 1, f"position {n} is listed {found} times"
    joint = visible(html[html.index('id="joint-positions"') :])
    names = ", ".join(f"Party {a[-2:]}" for a in SIGNATORIES[:-1]) + f" and Party {SIGNATORIES[-1][-2:]}"
    assert f"{names} (15 signatories), jointly, in Joint communiqué of the fifteen parties:" in joint
    participants = visible(html[html.index('id="participants"') : html.index('id="joint-positions"')])
    assert participants.count("7 joint positions with others, listed once") == len(SIGNATORIES)
    assert "Synthetic demand" not in participants, "no participant repeats the joint positions"


def test_a_side_named_above_its_moved_positions_names_each_basis(dossier: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A demand page whose positions moved to pages of their own names each side's actors, each with its basis."""
    index, site = check(dossier), Site()
    computed = compute(index, site)
    spec = next(spec for spec in computed.entities if spec.path == "demands/demand-2.md")
    monkeypatch.setattr(paging, "PAGE_BYTES", 3_000)  # this page only: its supporters' positions move, however few
    monkeypatch.setattr(listings, "SAVING", 0)
    lists, page = listings.plan(index, computed, Measure(index, site, computed), spec)
    assert "supports" in [listing.kind for listing in lists]
    supporters = page.html[page.html.index('id="supports"') :]
    supporters = visible(supporters[: supporters.index("</p>")])
    assert "Target Party (according to Critic Party)" in supporters and "Party 01 (first-hand)" in supporters
    assert "Critic Party (1 first-hand, 1 reported)" not in supporters and "Critic Party (first-hand)" in supporters, "its supporting position only"
