"""What a reader sees when a multi-party communiqué, a later rejection and a hostile party's account enter the dossier.

The dossier is synthetic (`communique_dossier.py`): 15 parties co-sign seven consensus demands in 2019; three of
them issued a statement in 2018 that two other parties reject, jointly, in 2025; two signatories reaffirm it in 2025;
a hostile party describes a fourth signatory's position. Each test asserts a page or a figure a reader can quote.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts.index import Index
from build_scripts.pages import Site
from build_scripts.pipeline import check, compute
from build_scripts.render import Renderer
from build_scripts.views import Views, agreement

from .communique_dossier import SIGNERS, write


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> tuple[Index, Views, Renderer]:
    index = check(write(tmp_path_factory.mktemp("communique")))
    views = compute(index, Site())
    return index, views, Renderer(index, Site(), views)


def test_blocs_are_per_period_and_the_rejecting_party_is_never_with_those_it_rejects(dossier: tuple[Index, Views, Renderer]) -> None:
    _, views, _ = dossier
    periods = {f.period.name: f for f in views.agreement.periods}
    assert sorted(periods) == ["2018", "2019", "2025"]
    # 2019: fifteen co-signatories agreeing is one group, not blocs.
    assert not periods["2019"].shown and periods["2019"].reason == "the positions do not form two or more groups"
    # 2025: the two who reaffirm the statement, and the two who reject it; the 2019 signatures are not pooled in.
    assert periods["2025"].shown and [b.members for b in periods["2025"].blocs] == [("s01", "s02"), ("xeno", "ypsilon")]
    for bloc in views.agreement.blocs:
        assert not ({"xeno", "ypsilon"} & set(bloc.members) and {"s01", "s02", "s03"} & set(bloc.members))


def test_a_third_partys_description_counts_only_when_the_reader_asks(dossier: tuple[Index, Views, Renderer]) -> None:
    _, views, _ = dossier
    federal = {c.demand: c for c in views.agreement.contested}["federal"]
    assert federal.opposing.actors == ("xeno", "ypsilon"), "the Hostile Front's account of s04 is not s04's position"
    described = {c.demand: c for c in views.agreement.described.contested}["federal"]
    assert "s04" in described.opposing.actors


def test_the_most_contested_statement_rests_on_first_hand_positions_and_one_voice_per_joint_statement(dossier: tuple[Index, Views, Renderer]) -> None:
    _, views, renderer = dossier
    top = views.agreement.contested[0]
    assert top.demand == "lakeside-statement"
    # Supporting: s01 and s02 in their own statements, s03 only as an issuer (with them) of the 2018 statement; opposing: one joint rejection.
    assert (top.supporting.actors, top.supporting.voices, top.supporting.first_hand) == (("s01", "s02", "s03"), 3, 3)
    assert (top.opposing.actors, top.opposing.voices, top.opposing.first_hand) == (("xeno", "ypsilon"), 1, 2)
    home = renderer.home_figures()
    glimpse = home[home.index('<h2 id="agreement">') :]
    assert "3 supporting (3 first-hand), 2 opposing (2 first-hand, 1 voice)" in glimpse


def test_co_signing_does_not_make_the_signatories_the_most_connected(dossier: tuple[Index, Views, Renderer]) -> None:
    _, views, _ = dossier
    home = [node.key for node in views.network.home.nodes if node.key.startswith("actors/")]
    assert home[:4] == ["actors/s01", "actors/s02", "actors/xeno", "actors/ypsilon"] or set(home[:4]) == {
        "actors/s01",
        "actors/s02",
        "actors/xeno",
        "actors/ypsilon",
    }
    ties = {(e.source, e.target): e for e in views.network.whole.edges if e.kind == "congruence"}
    joint_only = next(e for (a, b), e in ties.items() if {a, b} <= {f"actors/{s}" for s in SIGNERS[3:]})
    assert joint_only.share == pytest.approx(1 / 14) and "from one document that names them together" in str(joint_only.words)


def test_the_agreement_pages_say_what_every_figure_rests_on(dossier: tuple[Index, Views, Renderer]) -> None:
    index, views, renderer = dossier
    pages = {spec.path: renderer.render(spec).html for spec in agreement.page_specs(views.agreement, index)}
    main = pages["agreement/index.md"]
    assert "1 position whose date" not in main
    assert "no blocs: the positions do not form two or more groups" in main and "2 blocs (modularity 0.50, at least 0.3)" in main
    assert "what a document names them doing together counted once" in main
    period = pages["agreement/period-2019.md"]
    assert "The positions of 2019 do not form blocs" in period and "Polarisation: <strong>0.00</strong> (no two actors take opposite sides in 2019)" in period
    assert 'aria-current="page">2019</strong>' in period


def test_blocs_pairs_and_contested_lines_say_on_whose_word_they_rest(dossier: tuple[Index, Views, Renderer]) -> None:
    """Bloc lines carry the cells' basis words; the descriptions edition names the describer on blocs, pairs and contested lines."""
    index, views, renderer = dossier
    pages = {spec.path: " ".join(renderer.render(spec).html.split()) for spec in agreement.page_specs(views.agreement, index)}
    described = pages["agreement/with-descriptions.md"]
    hostile = '<a href="../../actors/hostile/" class="actor actor--party">Hostile Front</a>'
    named = f"2 positions: 1 first-hand, 1 described, according to {hostile}"
    assert f'A federal system</a> <span class="hint">({named})</span>' in described, "the bloc line"
    assert re.search(rf"0 first-hand on both sides, evidence weight [0-9.]+; {re.escape(named)}; same stance on 7", described), (
        "the pair of Signatory Parties 1 and 4"
    )
    assert f"3 opposing (2 first-hand, 2 voices; {named})" in described, "the contested line"
    assert 'Lakeside Statement</a> <span class="hint">(first-hand)</span>' in pages["agreement/index.md"], "a bloc line by default"


def test_strongest_agreements_rank_by_evidence_so_one_communique_does_not_fill_the_list(dossier: tuple[Index, Views, Renderer]) -> None:
    """Seven topics of one joint communiqué count once; 1.00 on its consensus demands ranks below 1.00 on contested topics."""
    index, views, renderer = dossier
    top = [(p.a, p.b) for p in views.agreement.strongest_agreements()]
    assert top[:2] == [("s01", "s02"), ("xeno", "ypsilon")]
    joint_only = [p for p in views.agreement.strongest_agreements() if p.joint == ("communique",) and len({m.document for m in p.agreed}) == 1]
    assert len(joint_only) < 7
    xy = next(p for p in views.agreement.pairs if (p.a, p.b) == ("xeno", "ypsilon"))
    assert xy.mass("agree") > joint_only[0].mass("agree") and xy.congruence_score == joint_only[0].congruence_score == pytest.approx(1.0)
    assert "3 first-hand on both sides, evidence weight 0.89" in " ".join(renderer.render(agreement.page_specs(views.agreement, index)[0]).html.split())
    method = (Path(__file__).parent.parent / "docs" / "methodology.md").read_text(encoding="utf-8")
    assert "**Ranking pairs.**" in method and "evidence weight 0.89" in method and "with 0.25" in method
    assert f"{joint_only[0].mass('agree'):.2f}" == "0.25"


def test_the_home_highlights_say_what_each_place_and_line_rests_on(dossier: tuple[Index, Views, Renderer]) -> None:
    """Each of the most connected places says its ties by kind; the contested line says which periods it pools."""
    _, views, renderer = dossier
    home = " ".join(renderer.home_figures().split())
    network = home[home.index('<h2 id="network">') :]
    xeno = '<a href="actors/xeno/" class="actor actor--party">Xeno Movement</a>'
    assert f"<li>{xeno}: 3 ties (2 first-hand conflicts, 1 agreement from one joint statement)</li>" in network
    assert "14 ties (14 agreements, each from one joint statement)" in network, "a communiqué-only signatory"
    assert len(views.network.home_ties) == len(views.network.home.nodes)
    glimpse = home[home.index('<h2 id="agreement">') : home.index('<h2 id="network">')]
    assert "(positions from 2018, 2025, pooled)" in glimpse and "(positions from 2025)" in glimpse


def test_the_edition_with_descriptions_has_its_own_period_pages_that_name_the_describer(dossier: tuple[Index, Views, Renderer]) -> None:
    """Counting third parties' descriptions and choosing a period combine: `agreement/with-descriptions/period-<slug>/`, linked from
    that edition's main page and its period control, where the Hostile Front's account of Signatory Party 4 counts, and says so."""
    index, views, renderer = dossier
    pages = {spec.path: " ".join(renderer.render(spec).html.split()) for spec in agreement.page_specs(views.agreement, index)}
    described = [p for p in pages if p.startswith("agreement/with-descriptions/period-") and "/contested" not in p]
    assert described == [f"agreement/with-descriptions/period-{f.period.slug}.md" for f in views.agreement.described.periods]
    assert [p for p in pages if p.startswith("agreement/with-descriptions/period-") and "/contested" in p] == [
        "agreement/with-descriptions/period-2025/contested.md"
    ], "a list of contested demands for the one period that has some"
    main = pages["agreement/with-descriptions.md"]
    assert '<th scope="row"><a href="period-2025/">2025</a></th>' in main, "the period table leads to the edition's own period pages"
    later = pages["agreement/with-descriptions/period-2025.md"]
    assert '<h1 id="top">Agreement and conflict in 2025, third parties&#39; descriptions counted</h1>' in later
    assert "The figures of 2025 (2025-01-01 to 2025-12-31) alone, third parties' descriptions counted" in later
    assert '<strong aria-current="page">2025</strong>' in later and '<a href="../period-2019/">2019</a>' in later
    assert '<a href="../">all, compared period by period</a>' in later, "back to the same edition's main page"
    # Signatory Party 4 opposes a federal system only on the Hostile Front's word: its bloc and pairs say so here, not on the main period page.
    assert "3 of 3 oppose" in later and "according to" in later and "Hostile Front" in later
    assert re.search(r"Signatory Party 4</a> and <a [^>]*>Xeno Movement</a>: same stance (?:(?!</p>).)*according to <a [^>]*>Hostile Front</a>", later)
    assert "Hostile Front" not in pages["agreement/period-2025.md"].split('<h2 id="blocs">')[1]


def test_on_a_periods_page_the_other_count_leads_to_the_same_period(dossier: tuple[Index, Views, Renderer]) -> None:
    """The control "Counted:" on a period's page keeps the period: each count's page of that period where the count has one, the count's whole
    page where it has none; the count shown is marked current within the control, the period being the page."""
    index, views, renderer = dossier
    pages = {spec.path: " ".join(renderer.render(spec).html.split()) for spec in agreement.page_specs(views.agreement, index)}
    counted = {f.period.slug for f in views.agreement.figures.periods}
    described = {f.period.slug for f in views.agreement.described.periods}
    assert "2025" in counted & described
    first_hand = pages["agreement/period-2025.md"]
    assert '<strong aria-current="true">first-hand and reported positions</strong>' in first_hand
    assert '<a href="../with-descriptions/period-2025/">third parties\' descriptions too</a>' in first_hand
    with_descriptions = pages["agreement/with-descriptions/period-2025.md"]
    assert '<a href="../../period-2025/">first-hand and reported positions</a>' in with_descriptions
    assert '<strong aria-current="true">third parties\' descriptions too</strong>' in with_descriptions
    for slug in sorted(described - counted):  # a period known only from descriptions: the first-hand count's whole page
        assert '<a href="../../">first-hand and reported positions</a>' in pages[f"agreement/with-descriptions/period-{slug}.md"]
    main = pages["agreement/index.md"]
    assert '<strong aria-current="page">first-hand and reported positions</strong>' in main
    assert '<a href="with-descriptions/">third parties\' descriptions too</a>' in main


def test_the_count_with_descriptions_never_shows_another_counts_polarisation_as_its_own(dossier: tuple[Index, Views, Renderer]) -> None:
    """Polarisation is not computed when descriptions are counted: where the period is divided, the page says so and links to the
    score of the first-hand and reported count, named as the score without descriptions."""
    index, views, renderer = dossier
    pages = {spec.path: " ".join(renderer.render(spec).html.split()) for spec in agreement.page_specs(views.agreement, index)}
    divided = [f for f in views.agreement.described.periods if f.divided]
    assert [f.period.slug for f in divided] == ["2025"] and divided[0].polarisation is None
    said = 'not computed when descriptions are counted (<a href="../period-2025/">the score without them</a>)'
    assert said in pages["agreement/with-descriptions.md"]
    assert (
        'not computed when descriptions are counted (<a href="../../period-2025/">the score without them</a>)'
        in pages["agreement/with-descriptions/period-2025.md"]
    )
    assert "0.60" in pages["agreement/period-2025.md"], "the score itself, on the count it belongs to"
    assert "0.60" not in pages["agreement/with-descriptions.md"].split('<h2 id="agreements">')[0]
