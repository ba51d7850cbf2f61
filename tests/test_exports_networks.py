"""The networks: networkx reads back the bundled site's GEXF and GraphML, with the dossier's nodes and edges and the agreement view's weights."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx  # type: ignore[import-untyped]
import pytest

from build_scripts.exports import networks
from build_scripts.index import Index
from build_scripts.pages import Site
from build_scripts.pipeline import check
from build_scripts.views import agreement, stances

from .conftest import MINI, ROOT

NAMES = ("actor-demand", "actor-congruence", "actor-conflict", "actor-conference")


@pytest.fixture(scope="module")
def index() -> Index:
    return check(ROOT / "sources")


@pytest.fixture(scope="module")
def agreed(index: Index) -> agreement.Agreement:
    return agreement.compute(index, stances.cells(index))


@pytest.fixture(scope="module")
def read(bundled_site: Path) -> dict[tuple[str, str], nx.Graph]:
    """Every network of the built site, as networkx reads it back, by (name, format)."""
    folder = bundled_site / "downloads" / "networks"
    graphs = {}
    for name in NAMES:
        graphs[name, "gexf"] = nx.read_gexf(folder / f"{name}.gexf")
        graphs[name, "graphml"] = nx.read_graphml(folder / f"{name}.graphml")
    return graphs


@pytest.mark.parametrize("form", ["gexf", "graphml"])
def test_node_and_edge_counts_are_the_dossiers(read: dict[tuple[str, str], nx.Graph], index: Index, agreed: agreement.Agreement, form: str) -> None:
    s = index.sources
    cells = stances.cells(index)
    two_mode = read["actor-demand", form]
    assert two_mode.number_of_nodes() == len(s.actors) + len(s.demands)
    assert two_mode.number_of_edges() == len(cells)
    assert sum(int(d["claims"]) for _, _, d in two_mode.edges(data=True)) == sum(len(c.actors) for c in index.claims), "every position counts once"
    assert read["actor-congruence", form].number_of_nodes() == len(s.actors) == read["actor-conflict", form].number_of_nodes()
    assert read["actor-congruence", form].number_of_edges() == sum(1 for p in agreed.pairs if p.congruence)
    assert read["actor-conflict", form].number_of_edges() == sum(1 for p in agreed.pairs if p.conflict)
    conferences = read["actor-conference", form]
    assert conferences.number_of_nodes() == len(s.actors) + len(s.conferences)
    assert conferences.number_of_edges() == sum(len(entries) for entries in index.participation.values())


@pytest.mark.parametrize("form", ["gexf", "graphml"])
def test_weights_are_the_agreement_views_figures(read: dict[tuple[str, str], nx.Graph], agreed: agreement.Agreement, form: str) -> None:
    for name, score, demands in (("actor-congruence", "congruence_score", "congruence"), ("actor-conflict", "conflict_score", "conflict")):
        graph = read[name, form]
        for pair in (p for p in agreed.pairs if getattr(p, demands)):
            edge = graph.edges[f"actor:{pair.a}", f"actor:{pair.b}"]
            assert float(edge["weight"]) == getattr(pair, score)
            assert int(edge["count"]) == len(getattr(pair, demands)) and int(edge["union"]) == pair.union
            assert edge["demands"].split() == list(getattr(pair, demands))


def test_the_agreement_page_shows_the_weight_of_its_strongest_pair(
    read: dict[tuple[str, str], nx.Graph], bundled_site: Path, agreed: agreement.Agreement
) -> None:
    page = (bundled_site / "agreement" / "index.html").read_text(encoding="utf-8")
    strongest = agreed.strongest_agreements(1)[0]
    weight = float(read["actor-congruence", "gexf"].edges[f"actor:{strongest.a}", f"actor:{strongest.b}"]["weight"])
    shown = re.search(r'<span class="ag-score"[^>]*>([0-9.]+)</span>', page)
    assert shown and shown.group(1) == f"{weight:.2f}"


def test_nodes_carry_their_type_and_page(read: dict[tuple[str, str], nx.Graph], index: Index) -> None:
    graph = read["actor-demand", "graphml"]
    snc = graph.nodes["actor:snc"]
    assert (snc["kind"], snc["type"], snc["label"]) == ("actor", index.sources.actors["snc"].model.type, "Syrian Negotiating Commission")
    assert snc["url"].endswith("/actors/snc/")
    demand = graph.nodes["demand:implement-unscr-2254"]
    assert (demand["kind"], demand["type"]) == ("demand", index.sources.demands["implement-unscr-2254"].model.theme) and demand["url"].endswith(
        "/demands/implement-unscr-2254/"
    )
    conference = read["actor-conference", "gexf"].nodes["conference:brussels-viii"]
    assert (conference["kind"], conference["type"]) == ("conference", index.sources.conferences["brussels-viii"].model.kind)


def test_edges_carry_stance_and_claim_count() -> None:
    index = check(MINI)
    graph = networks.actor_demand(index, stances.cells(index), agreement.compute(index, stances.cells(index)), Site())
    council = graph.edges["actor:council", "demand:resume-talks"]
    assert (council["stance"], council["claims"], council["supports"], council["first_hand"]) == ("supports", 2, 2, 2)
    ministry = graph.edges["actor:ministry", "demand:resume-talks"]
    assert (ministry["stance"], ministry["claims"], ministry["opposes"], ministry["first_hand"]) == ("opposes", 1, 1, 0)
    # A joint claim is an edge from each of its actors.
    assert graph.has_edge("actor:ministry", "demand:exchange-lists") and graph.has_edge("actor:observer-state", "demand:exchange-lists")


def test_gexf_carries_the_dossiers_date_never_todays() -> None:
    index = check(MINI)
    graph = networks.actor_conference(index, agreement.compute(index, stances.cells(index)), Site())
    dated = ET.fromstring(networks.gexf(graph, "2024-05-06T07:08:09Z"))
    ns = {"g": "http://www.gexf.net/1.2draft"}
    meta = dated.find("g:meta", ns)
    assert meta is not None and meta.get("lastmodifieddate") == "2024-05-06"
    assert "lastmodifieddate" not in ET.fromstring(networks.gexf(graph, None)).find("g:meta", ns).attrib  # type: ignore[union-attr]
