"""The networks: networkx reads back the bundled site's GEXF and GraphML, with the dossier's nodes and edges and the agreement view's weights."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx  # type: ignore[import-untyped]
import pytest

from build_scripts.analysis.scope import EARLIEST
from build_scripts.exports import networks
from build_scripts.exports.networks import _time
from build_scripts.index import Index
from build_scripts.pages import Site
from build_scripts.pipeline import check
from build_scripts.views import agreement, stances

from .analysis_claims import position
from .conftest import MINI, ROOT, project_site
from .exports_fixture import position_cells, write_joint

NAMES = ("actor-demand", "actor-congruence", "actor-conflict", "actor-conference")


@pytest.fixture(scope="module")
def index() -> Index:
    return check(ROOT / "sources")


@pytest.fixture(scope="module")
def agreed(index: Index) -> agreement.Agreement:
    return agreement.compute(index, project_site())


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
    assert two_mode.number_of_nodes() == len(s.actors) + len(s.demands) + len(s.instruments)
    assert two_mode.number_of_edges() == len(cells)
    edges = [d for _, _, d in two_mode.edges(data=True)]
    assert sum(int(d["claims"]) for d in edges) == sum(cell.count for cell in cells.values())
    assert sum(int(d["authorship"]) for d in edges) == sum(1 for cell in cells.values() for c in cell.claims if c.authorship)
    assert sum(int(d["claims"]) - int(d["authorship"]) for d in edges) == sum(len(c.actors) for c in index.claims), "every position counts once"
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
    graph = networks.actor_demand(index, stances.cells(index), agreement.compute(index), Site())
    council = graph.edges["actor:council", "demand:resume-talks"]
    assert (council["stance"], council["claims"], council["supports"], council["first_hand"]) == ("supports", 2, 2, 2)
    ministry = graph.edges["actor:ministry", "demand:resume-talks"]
    assert (ministry["stance"], ministry["claims"], ministry["opposes"], ministry["first_hand"]) == ("opposes", 1, 1, 0)
    # A joint claim is an edge from each of its actors.
    assert graph.has_edge("actor:ministry", "demand:exchange-lists") and graph.has_edge("actor:observer-state", "demand:exchange-lists")


def test_gexf_carries_the_dossiers_date_never_todays() -> None:
    index = check(MINI)
    graph = networks.actor_conference(index, agreement.compute(index), Site())
    dated = ET.fromstring(networks.gexf(graph, "2024-05-06T07:08:09Z"))
    ns = {"g": "http://www.gexf.net/1.2draft"}
    meta = dated.find("g:meta", ns)
    assert meta is not None and meta.get("lastmodifieddate") == "2024-05-06"
    assert "lastmodifieddate" not in ET.fromstring(networks.gexf(graph, None)).find("g:meta", ns).attrib  # type: ignore[union-attr]


@pytest.mark.parametrize("form", ["gexf", "graphml"])
def test_stances_on_instruments_relays_and_authorship(tmp_path: Path, form: str) -> None:
    """A synthetic dossier: an instrument is a node of `actor-demand`; a stance on it, a relayed position and an issuer's authorship are edges, read back."""
    index = check(write_joint(tmp_path / "sources"))
    cells = position_cells(index)
    graph = networks.actor_demand(index, cells, agreement.compute(index), Site(site_url="https://example.org/"))
    path = tmp_path / f"actor-demand.{form}"
    path.write_text(networks.gexf(graph, None) if form == "gexf" else networks.graphml(graph), encoding="utf-8")
    read = nx.read_gexf(path) if form == "gexf" else nx.read_graphml(path)
    s = index.sources
    assert read.number_of_nodes() == len(s.actors) + len(s.demands) + len(s.instruments)
    declaration = read.nodes["instrument:ministry-declaration"]
    assert (declaration["kind"], declaration["type"], declaration["label"], int(declaration["bipartite"])) == (
        "instrument",
        "declaration",
        "Declaration of the Ministry",
        1,
    )
    assert declaration["url"] == "https://example.org/instruments/ministry-declaration/"
    assert "demand:None" not in read and "demand:ministry-declaration" not in read

    def edge(actor: str, topic: str) -> tuple[str, int, int, int, int]:
        d = read.edges[f"actor:{actor}", topic]
        return (d["stance"], int(d["claims"]), int(d["first_hand"]), int(d["relayed"]), int(d["authorship"]))

    # The joint communiqué condemns the declaration: one edge from each of its issuers, first-hand.
    assert edge("council", "instrument:ministry-declaration") == edge("observer-state", "instrument:ministry-declaration") == ("opposes", 1, 1, 0, 0)
    # The ministry issued it: its authorship, an edge of its own kind.
    assert edge("ministry", "instrument:ministry-declaration") == ("supports", 1, 1, 0, 1)
    assert edge("council", "instrument:talks-charter") == ("supports", 1, 1, 0, 1)
    # The envoy relays the forum's positions: the forum's edges, counted as relayed; none for the envoy.
    assert edge("women-forum", "demand:release-detainees") == edge("women-forum", "demand:resume-talks") == ("supports", 1, 0, 1, 0)
    assert read.degree("actor:envoy") == 0
    assert sum(int(d["claims"]) - int(d["authorship"]) for _, _, d in read.edges(data=True)) == sum(len(c.actors) for c in index.claims)


def test_actor_demand_edges_carry_time_and_basis_for_gephi() -> None:
    """A synthetic dossier (written for this test): a dated first-hand claim, a year-only report, a third party's description by an upper bound."""
    claims = (
        position("a", "t", document="one", date="2020-03-05"),
        position("a", "t", document="two", basis="reported", date="2021"),
    )
    assert _time(claims) == {"start": "2020-03-05", "end": "2021-12-31"}
    assert _time((position("a", "t", basis="characterised", date="2023-06", no_later_than=True),)) == {"end": "2023-06-30"}
    assert _time((position("a", "t", date=None),)) == {}
    assert EARLIEST not in _time(claims).values()
    index = check(ROOT / "sources")
    cells = stances.cells(index)
    graph = networks.actor_demand(index, cells, agreement.compute(index), Site())
    edges = [data for _, _, data in graph.edges(data=True)]
    assert edges and all(e["first_hand"] + e["reported"] + e["described"] == e["claims"] for e in edges)
    assert {e["basis_class"] for e in edges} <= {"first-hand", "reported", "described"}
    dated = {(f"actor:{actor}", f"{'instrument' if c.instrument else 'demand'}:{c.topic}") for (actor, _), cell in cells.items() for c in cell.claims if c.date}
    assert dated and {(a, b) if a.startswith("actor:") else (b, a) for a, b, e in graph.edges(data=True) if "end" in e} == dated
    text = networks.gexf(graph, None)
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
