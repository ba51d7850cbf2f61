"""The networks: networkx reads back the bundled site's GEXF and GraphML, with the dossier's nodes and edges and the agreement view's weights."""

from __future__ import annotations

import math
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
from .communique_dossier import _document, _write
from .conftest import MINI, ROOT, project_site
from .exports_fixture import position_cells, write_joint

NAMES = tuple(networks.NETWORKS)


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
    kinds = (("actor-congruence", "congruence_score", "congruence", "agreed"), ("actor-conflict", "conflict_score", "conflict", "opposed"))
    for name, score, demands, marks in kinds:
        graph = read[name, form]
        for pair in (p for p in agreed.pairs if getattr(p, demands)):
            edge = graph.edges[f"actor:{pair.a}", f"actor:{pair.b}"]
            assert float(edge["weight"]) == getattr(pair, score)
            # A topic once a period, as `union` counts them and the page's "same stance on N of the M" (test_reproducing checks the page).
            assert int(edge["count"]) == len(getattr(pair, marks)) and int(edge["union"]) == pair.union
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


def write_two_years(root: Path) -> Path:
    """A SYNTHETIC dossier written for these tests (no real actor, statement or event): positions in two periods (calendar years).

    - 2020: the Alpha Party and the Beta Party support demand one, each in its own statement; a newswire reports that the Gamma
      Party supports it too.
    - 2021: the Alpha Party supports demands one and two, each in its own statement; a newswire reports that the Beta Party
      supports demand one; the Gamma Party opposes demand two in its own statement; the Hostile Front describes the Delta
      Party as supporting demand two (a third party's description, nothing more).
    """
    for actor in ("alpha", "beta", "gamma", "delta", "hostile", "newswire"):
        name = f"{actor.capitalize()} Party"
        _write(root / "actors" / f"{actor}.md", f"---\nname: {{value: {name}, editorial: Synthetic test fixture.}}\ntype: party\n---\nA synthetic party.\n")
    for demand in ("one", "two"):
        _write(root / "demands" / f"{demand}.md", f"---\nstatement: Demand {demand}\ntheme: governance\n---\nA synthetic demand.\n")
    for doc, date, issuer, actor, demand, stance, basis in (
        ("alpha-2020", "2020-03-01", "alpha", "alpha", "one", "supports", "own-publication"),
        ("beta-2020", "2020-04-01", "beta", "beta", "one", "supports", "own-publication"),
        ("wire-2020", "2020-05-01", "newswire", "gamma", "one", "supports", "reported"),
        ("alpha-2021", "2021-03-01", "alpha", "alpha", "one", "supports", "own-publication"),
        ("alpha-2021b", "2021-03-02", "alpha", "alpha", "two", "supports", "own-publication"),
        ("wire-2021", "2021-04-01", "newswire", "beta", "one", "supports", "reported"),
        ("gamma-2021", "2021-05-01", "gamma", "gamma", "two", "opposes", "own-publication"),
        ("hostile-2021", "2021-06-01", "hostile", "delta", "two", "supports", "characterised"),
    ):
        evidence = f"Party {actor} {stance} demand {demand} ({doc})."
        _document(root, doc, f"Synthetic statement {doc}", date, [issuer], [([actor], f"demand: {demand}", stance, basis, evidence)])
    return root


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> tuple[Index, agreement.Agreement]:
    index = check(write_two_years(tmp_path_factory.mktemp("two-years") / "sources"))
    return index, agreement.compute(index, Site())


GEXF = "{http://www.gexf.net/1.2draft}"


def written(graph: nx.Graph, folder: Path) -> tuple[ET.Element, nx.Graph]:
    """The graph's GEXF as ElementTree parses it, and as networkx reads it back."""
    path = folder / f"{graph.graph['name']}.gexf"
    path.write_text(networks.gexf(graph, None), encoding="utf-8")
    return ET.parse(path).getroot(), nx.read_gexf(path)


def xml_edge(root: ET.Element, a: str, b: str) -> ET.Element:
    (edge,) = [e for e in root.iter(f"{GEXF}edge") if {e.get("source"), e.get("target")} == {f"actor:{a}", f"actor:{b}"}]
    return edge


def attribute_ids(root: ET.Element, mode: str) -> dict[str, str]:
    """Title → id of the edge attributes declared in one mode (`static` or `dynamic`)."""
    found = root.iter(f"{GEXF}attributes")
    return {a.get("title", ""): a.get("id", "") for block in found if (block.get("class"), block.get("mode")) == ("edge", mode) for a in block}


def test_a_pairs_edge_has_a_spell_per_period_with_the_agreement_views_own_figures(two_years: tuple[Index, agreement.Agreement], tmp_path: Path) -> None:
    index, agreed = two_years
    years = {f.period.name: f for f in agreed.figures.periods}
    assert list(years) == ["2020", "2021"]
    root, read = written(networks.actor_congruence(index, agreed.figures, Site()), tmp_path)
    graph = root.find(f"{GEXF}graph")
    assert graph is not None and (graph.get("mode"), graph.get("timeformat"), graph.get("name")) == ("dynamic", "date", None)
    dynamic = attribute_ids(root, "dynamic")
    assert sorted(dynamic) == ["period", "period_count", "period_weight"]
    assert {"weight", "period_weight"} & set(attribute_ids(root, "static")) == set(), "the whole dossier's weight is the edge's own"

    def spells(a: str, b: str) -> list[tuple[str | None, str | None]]:
        return [(s.get("start"), s.get("end")) for s in xml_edge(root, a, b).iter(f"{GEXF}spell")]

    def dynamic_values(a: str, b: str, title: str) -> list[tuple[str | None, str | None, str | None]]:
        values = xml_edge(root, a, b).iter(f"{GEXF}attvalue")
        return [(v.get("value"), v.get("start"), v.get("end")) for v in values if v.get("for") == dynamic[title]]

    # Alpha and Beta agree in both years: two spells, each year's weight the view's own figure for that year.
    assert spells("alpha", "beta") == [("2020-01-01", "2020-12-31"), ("2021-01-01", "2021-12-31")]
    own = {name: next(p for p in f.pairs if (p.a, p.b) == ("alpha", "beta")) for name, f in years.items()}
    assert dynamic_values("alpha", "beta", "period_weight") == [
        (str(own["2020"].congruence_score), "2020-01-01", "2020-12-31"),
        (str(own["2021"].congruence_score), "2021-01-01", "2021-12-31"),
    ]
    assert dynamic_values("alpha", "beta", "period") == [("2020", "2020-01-01", "2020-12-31"), ("2021", "2021-01-01", "2021-12-31")]
    # Worked by hand: 2020, one topic both support (agreement 1); 2021, demand one (supported by two of three actors, weight
    # ln(1 + 3/2) / ln(1 + 3)) shared, demand two (contested, weight 1) Alpha's alone.
    one_2021 = math.log(2.5) / math.log(4)
    assert own["2020"].congruence_score == 1.0 and math.isclose(own["2021"].congruence_score, one_2021 / (one_2021 + 1))
    # Never pooled: the edge's own weight is the whole dossier's (the periods' sums added up), unlike either year's.
    whole = next(p for p in agreed.figures.pairs if (p.a, p.b) == ("alpha", "beta"))
    assert xml_edge(root, "alpha", "beta").get("weight") == str(whole.congruence_score)
    assert whole.congruence_score not in (own["2020"].congruence_score, own["2021"].congruence_score)
    # Alpha and Gamma agree in 2020 only (and differ in 2021): one spell.
    assert spells("alpha", "gamma") == [("2020-01-01", "2020-12-31")]
    assert dynamic_values("alpha", "gamma", "period_count") == [("1", "2020-01-01", "2020-12-31")]
    # networkx reads the same back: spells, and each dynamic attribute as (value, start, end).
    edge = read.edges["actor:alpha", "actor:beta"]
    assert edge["spells"] == [("2020-01-01", "2020-12-31"), ("2021-01-01", "2021-12-31")]
    assert [w for w, _, _ in edge["period_weight"]] == [own["2020"].congruence_score, own["2021"].congruence_score]
    assert read.graph["mode"] == "dynamic"
    for a, b, data in read.edges(data=True):
        pair = next(p for p in agreed.figures.pairs if (f"actor:{p.a}", f"actor:{p.b}") in ((a, b), (b, a)))
        held = [(f.period.name, q) for f in agreed.figures.periods for q in f.pairs if (q.a, q.b) == (pair.a, pair.b) and q.agreed]
        assert [(name, w) for (name, _, _), (w, _, _) in zip(data["period"], data["period_weight"], strict=True)] == [
            (name, q.congruence_score) for name, q in held
        ]


def test_conflict_edges_hold_in_the_period_of_the_conflict(two_years: tuple[Index, agreement.Agreement], tmp_path: Path) -> None:
    index, agreed = two_years
    _, read = written(networks.actor_conflict(index, agreed.figures, Site()), tmp_path)
    assert list(read.edges) == [("actor:alpha", "actor:gamma")]
    edge = read.edges["actor:alpha", "actor:gamma"]
    assert edge["spells"] == [("2021-01-01", "2021-12-31")] and edge["period_count"] == [(1, "2021-01-01", "2021-12-31")]
    assert (edge["first_hand"], edge["reported"], edge["basis_class"]) == (1, 0, "first-hand")


def test_edges_count_their_topics_by_basis_and_descriptions_only_when_counted(two_years: tuple[Index, agreement.Agreement], tmp_path: Path) -> None:
    index, agreed = two_years
    default_root, default = written(networks.actor_congruence(index, agreed.figures, Site()), tmp_path)
    # Alpha and Beta: demand one first-hand on both sides in 2020, on the newswire's report of Beta in 2021.
    alpha_beta = default.edges["actor:alpha", "actor:beta"]
    assert (alpha_beta["first_hand"], alpha_beta["reported"], alpha_beta["basis_class"], alpha_beta["count"]) == (1, 1, "first-hand", 2)
    assert alpha_beta["demands"] == "one" and sum(n for n, _, _ in alpha_beta["period_count"]) == 2, "one demand, agreed in each of two periods"
    assert default.edges["actor:alpha", "actor:gamma"]["basis_class"] == "reported"
    # The Delta Party is known only from the Hostile Front's description: no tie by default, and no `described` anywhere.
    assert not default.has_edge("actor:alpha", "actor:delta") and "described" not in attribute_ids(default_root, "static")
    assert all("described" not in data for _, _, data in default.edges(data=True))
    # Counted (the agreement page's other edition, and the `-with-descriptions` files): the tie, resting on the description.
    name = "actor-congruence-with-descriptions"
    root, counted = written(networks.NETWORKS[name](index, {}, agreed, Site()), tmp_path)
    assert root.find(f"{GEXF}meta/{GEXF}description").text == name  # type: ignore[union-attr]
    delta = counted.edges["actor:alpha", "actor:delta"]
    assert (delta["first_hand"], delta["reported"], delta["described"], delta["basis_class"]) == (0, 0, 1, "described")
    assert delta["spells"] == [("2021-01-01", "2021-12-31")]
    assert all(
        d["first_hand"] + d["reported"] + d["described"] == d["count"] == sum(n for n, _, _ in d["period_count"]) for _, _, d in counted.edges(data=True)
    )
    conflict = networks.NETWORKS["actor-conflict-with-descriptions"](index, {}, agreed, Site())
    assert conflict.edges["actor:delta", "actor:gamma"]["basis_class"] == "described"


def test_graphml_holds_no_spells_and_gives_each_periods_figures_as_text(two_years: tuple[Index, agreement.Agreement], tmp_path: Path) -> None:
    index, agreed = two_years
    graph = networks.actor_congruence(index, agreed.figures, Site())
    path = tmp_path / "actor-congruence.graphml"
    path.write_text(networks.graphml(graph), encoding="utf-8")
    edge = nx.read_graphml(path).edges["actor:alpha", "actor:beta"]
    weights = [w for w, _, _ in graph.edges["actor:alpha", "actor:beta"]["period_weight"]]
    assert "spells" not in edge and edge["period"] == "2020; 2021" and edge["period_weight"] == "; ".join(map(str, weights))
    assert "spells" in graph.edges["actor:alpha", "actor:beta"], "the graph itself is left as it was"


def test_every_gexf_is_valid_by_the_schemas_time_rules(read: dict[tuple[str, str], nx.Graph], bundled_site: Path) -> None:
    """What GEXF 1.2draft's schema (and 1.3's) asks of dynamics, on the bundled site's files: xsd:date times, no `name` on the graph."""
    date = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    for name in NAMES:
        root = ET.parse(bundled_site / "downloads" / "networks" / f"{name}.gexf").getroot()
        graph = root.find(f"{GEXF}graph")
        assert graph is not None and "name" not in graph.attrib and graph.get("mode") in ("static", "dynamic")
        times = [v for e in root.iter() for k, v in e.attrib.items() if k in ("start", "end")]
        assert all(date.match(t) for t in times), name
        assert (graph.get("mode"), graph.get("timeformat")) == (("dynamic", "date") if times else ("static", None)), name
        dated = {v.get("for") for v in root.iter(f"{GEXF}attvalue") if "start" in v.attrib or "end" in v.attrib}
        for block in root.iter(f"{GEXF}attributes"):
            # An attribute with dated values is declared dynamic; a dynamic one has dated values.
            ids = {a.get("id") for a in block}
            assert (block.get("mode") == "dynamic") == bool(ids & dated) and (block.get("mode") != "dynamic" or ids <= dated), name
