"""`downloads/networks/`: the dossier's networks for Gephi, visone or Cytoscape, as GEXF and GraphML, written by networkx.

Four networks (two of them also with third parties' descriptions counted), every one with all
the records of its kinds as nodes (an actor with no position is a node without edges), so that
node counts are the dossier's counts:

- `actor-demand`: the two-mode network of discourse network analysis, actors × demands
  (and instruments, for a stance on an instrument as a whole), one edge per actor and
  demand or instrument with a position: the cell's stance and its claim count, its claims
  by basis class (`first_hand`, `reported`, `described`) and the strongest of them
  (`basis_class`), and its time: `start` and `end`, the first and last day its dated claims
  can mean, so that Gephi's timeline plays the positions in order (an edge with no dated
  claim has neither; an upper bound, "by June 2023", has an end only);
- `actor-congruence` and `actor-conflict`: actors, one edge per pair that takes the same
  (or the opposite) stance on at least one demand, weighted as the agreement view weighs
  it (`views/weighed.py`: prominence, joint statements once, within periods, first-hand and reported).
  Over the whole dossier: `weight`, `count`, `union`, `demands`, and the tie's topics by what both
  sides rest on (`first_hand`, `reported`, the strongest as `basis_class`). In time: a GEXF spell per
  period in which the pair has the tie, with that period's own `period`, `period_weight` and
  `period_count` as dynamic attributes, the agreement view's per-period figures (never pooled
  across periods), so that Gephi's timeline plays them. `-with-descriptions` files are the same
  networks with third parties' descriptions counted (the agreement page's other edition): their
  edges also count `described` topics. GraphML holds no spells: there the three per-period
  attributes are text, one value per period separated by `; `, in period order;
- `actor-conference`: actors × conferences, one edge per actor at a conference, with its
  statuses and the positions it voiced there.

Nodes carry their kind, type and page address; lists (demands, statuses, sources) are
space-separated ids, since neither format holds lists.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable
from typing import Literal
from xml.etree.ElementTree import Element, SubElement

import networkx as nx  # type: ignore[import-untyped]
from networkx.readwrite.gexf import GEXFWriter  # type: ignore[import-untyped]

from ..analysis.scope import BASIS_CLASSES, EARLIEST, Period, basis_class, interval
from ..index import ClaimRecord, Index
from ..models import STATUSES
from ..pages import Site
from ..views.agreement import Agreement, Figures, Mark, Pair
from ..views.stances import Cell
from .sink import Download, Sink, collect

FOLDER = "downloads/networks"
CREATOR = "Syria political process dossier (networkx)"
"""The GEXF `creator`: without networkx's version, so that the file changes only when the dossier does."""
Cells = dict[tuple[str, str], Cell]
Kind = Literal["congruence", "conflict"]
"""Which of a pair's ties an actor network holds: the same stance (`Pair.agreed`) or opposite stances (`Pair.opposed`)."""


def _actor_nodes(graph: nx.Graph, index: Index, site: Site, agreement: Agreement | Figures, bipartite: int | None = None) -> None:
    for actor_id, record in index.sources.actors.items():
        a = record.model
        extra = {} if bipartite is None else {"bipartite": bipartite}
        graph.add_node(
            f"actor:{actor_id}",
            label=a.name.value,
            kind="actor",
            type=a.type,
            url=site.absolute(f"actors/{actor_id}.md"),
            demand_count=agreement.positions.get(actor_id, 0),
            **extra,
        )


def _by_topic(cells: Cells) -> dict[tuple[str, str], Cell]:
    """The cells by actor and what their claims' stances are on (`demand:<id>` or `instrument:<id>`): the views' cells, each claim under its own topic."""
    grouped: dict[tuple[str, str], list[ClaimRecord]] = defaultdict(list)
    for (actor, _), cell in cells.items():
        for claim in cell.claims:
            grouped[actor, f"{'instrument' if claim.instrument else 'demand'}:{claim.topic}"].append(claim)
    return {key: Cell(key[0], key[1], tuple(claims)) for key, claims in sorted(grouped.items())}


def actor_demand(index: Index, cells: Cells, agreement: Agreement, site: Site) -> nx.Graph:
    """Actors × demands and instruments: an edge per cell, with its stance (`mixed` when its claims differ), claim counts by stance, first-hand, relayed and authorship."""
    graph = nx.Graph(name="actor-demand")
    _actor_nodes(graph, index, site, agreement, bipartite=0)
    for demand_id, record in index.sources.demands.items():
        d = record.model
        graph.add_node(f"demand:{demand_id}", label=d.statement, kind="demand", type=d.theme, url=site.absolute(f"demands/{demand_id}.md"), bipartite=1)
    for instrument_id, instrument in index.sources.instruments.items():
        i = instrument.model
        url = site.absolute(f"instruments/{instrument_id}.md")
        graph.add_node(f"instrument:{instrument_id}", label=i.name.value, kind="instrument", type=i.kind, url=url, bipartite=1)
    for (actor, topic), cell in _by_topic(cells).items():
        graph.add_edge(
            f"actor:{actor}",
            topic,
            stance=cell.stance,
            claims=cell.count,
            weight=cell.count,
            supports=sum(1 for c in cell.claims if c.stance == "supports"),
            opposes=sum(1 for c in cell.claims if c.stance == "opposes"),
            conditional=sum(1 for c in cell.claims if c.stance == "conditional"),
            first_hand=sum(1 for c in cell.claims if c.first_hand),
            reported=sum(1 for c in cell.claims if basis_class(c) == "reported"),
            described=sum(1 for c in cell.claims if basis_class(c) == "described"),
            basis_class=min((basis_class(c) for c in cell.claims), key=BASIS_CLASSES.index),
            relayed=sum(1 for c in cell.claims if c.relayed_by),
            authorship=sum(1 for c in cell.claims if c.authorship),
            **_time(cell.claims),
        )
    return graph


def _time(claims: tuple[ClaimRecord, ...]) -> dict[str, str]:
    """`start` and `end` of an edge: the first and last day its dated claims can mean (no start for an upper bound alone)."""
    spans = [interval(c.date) for c in claims if c.date is not None]
    if not spans:
        return {}
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    return {"end": last} if first == EARLIEST else {"start": first, "end": last}


def _marks(pair: Pair, kind: Kind) -> tuple[Mark, ...]:
    return pair.agreed if kind == "congruence" else pair.opposed


def _topics(pair: Pair, kind: Kind) -> tuple[str, ...]:
    return pair.congruence if kind == "congruence" else pair.conflict


def _score(pair: Pair, kind: Kind) -> float:
    return pair.congruence_score if kind == "congruence" else pair.conflict_score


def _edge(pair: Pair, kind: Kind, periods: list[tuple[Period, Pair]], described: bool) -> dict[str, object]:
    """One edge's attributes: the whole dossier's figures, its topics by basis, and a spell per period in which the pair has the tie.

    Every figure is the agreement view's own (`Pair`, and each period's `Pair` in `PeriodFigures.pairs`), never recomputed here."""
    marks = _marks(pair, kind)
    held = [(period, own) for period, own in periods if _marks(own, kind)]
    bases = {basis: sum(1 for m in marks if m.basis == basis) for basis in BASIS_CLASSES}
    found: dict[str, object] = {
        "weight": _score(pair, kind),
        "count": len(marks),  # a topic once a period, as `union` counts and the agreement page's "N of the M" says
        "union": pair.union,
        "demands": " ".join(_topics(pair, kind)),
        "first_hand": bases["first-hand"],
        "reported": bases["reported"],
        **({"described": bases["described"]} if described else {}),
        "basis_class": min((m.basis for m in marks), key=BASIS_CLASSES.index),
    }
    if held:  # lists of (value, start, end) are networkx's dynamic attributes, `spells` the edge's own intervals
        found["spells"] = [(p.start, p.end) for p, _ in held]
        found["period"] = [(p.name, p.start, p.end) for p, _ in held]
        found["period_weight"] = [(_score(own, kind), p.start, p.end) for p, own in held]
        found["period_count"] = [(len(_marks(own, kind)), p.start, p.end) for p, own in held]
    return found


def _pairs(name: str, index: Index, figures: Figures, site: Site, kind: Kind) -> nx.Graph:
    graph = nx.Graph(name=name)
    _actor_nodes(graph, index, site, figures)
    by_period: dict[tuple[str, str], list[tuple[Period, Pair]]] = defaultdict(list)
    for of in figures.periods:
        for own in of.pairs:
            by_period[own.a, own.b].append((of.period, own))
    described = figures.bases == "all"  # the scope that counts third parties' descriptions (`agreement.compute`)
    for pair in figures.pairs:
        if _marks(pair, kind):
            graph.add_edge(f"actor:{pair.a}", f"actor:{pair.b}", **_edge(pair, kind, by_period.get((pair.a, pair.b), []), described))
    return graph


def actor_congruence(index: Index, figures: Figures, site: Site, name: str = "actor-congruence") -> nx.Graph:
    """Actors, an edge per pair with the same stance on a demand: weight the agreement view's score, count the topics, a spell per period."""
    return _pairs(name, index, figures, site, "congruence")


def actor_conflict(index: Index, figures: Figures, site: Site, name: str = "actor-conflict") -> nx.Graph:
    """Actors, an edge per pair with opposite stances on a demand: weight the agreement view's conflict score, count the topics, a spell per period."""
    return _pairs(name, index, figures, site, "conflict")


def actor_conference(index: Index, agreement: Agreement, site: Site) -> nx.Graph:
    """Actors × conferences: an edge per actor at a conference, with its statuses (most active first), their sources and the positions voiced there."""
    graph = nx.Graph(name="actor-conference")
    _actor_nodes(graph, index, site, agreement, bipartite=0)
    for conf_id, record in index.sources.conferences.items():
        c = record.model
        attributes = {"label": c.name.value, "kind": "conference", "type": c.kind, "url": site.absolute(f"conferences/{conf_id}.md"), "bipartite": 1}
        # `start` is the first day its start can mean: GEXF's time is a whole date (`2018-01` is not one), never an upper bound's.
        first = interval(c.start)[0] if c.start else EARLIEST
        graph.add_node(f"conference:{conf_id}", **attributes, **({"start": first} if first != EARLIEST else {}))
    for conf_id, entries in index.participation.items():
        for entry in entries:
            statuses = sorted(dict.fromkeys(s.status for s in entry.statuses), key=STATUSES.index)
            graph.add_edge(
                f"actor:{entry.actor}",
                f"conference:{conf_id}",
                statuses=" ".join(statuses),
                roles="; ".join(dict.fromkeys(s.role for s in entry.statuses if s.role)),
                sources=" ".join(sorted({s.source for s in entry.statuses})),
                claims=len(entry.claims),
            )
    return graph


NETWORKS: dict[str, Callable[[Index, Cells, Agreement, Site], nx.Graph]] = {
    "actor-demand": actor_demand,
    "actor-congruence": lambda index, cells, agreement, site: actor_congruence(index, agreement.figures, site),
    "actor-conflict": lambda index, cells, agreement, site: actor_conflict(index, agreement.figures, site),
    "actor-congruence-with-descriptions": lambda index, cells, agreement, site: actor_congruence(
        index, agreement.described, site, "actor-congruence-with-descriptions"
    ),
    "actor-conflict-with-descriptions": lambda index, cells, agreement, site: actor_conflict(
        index, agreement.described, site, "actor-conflict-with-descriptions"
    ),
    "actor-conference": lambda index, cells, agreement, site: actor_conference(index, agreement, site),
}
"""Every network, by file name, and the function that builds it."""


def graphs(index: Index, cells: Cells, agreement: Agreement, site: Site) -> dict[str, nx.Graph]:
    """Every network, by file name."""
    return {name: build(index, cells, agreement, site) for name, build in NETWORKS.items()}


def gexf(graph: nx.Graph, built: str | None) -> str:
    """GEXF 1.2draft of the graph, valid against its schema; its date is the dossier's (SOURCE_DATE_EPOCH), never today's, and absent when not known.

    A network with spells is dynamic (`mode="dynamic"`, `timeformat="date"`: networkx sets both from the ISO dates). The
    schema gives `<graph>` no `name`, which networkx writes: the network's name is the meta's `description` instead.
    (networkx's GEXF 1.3 writes a wrong XML Schema instance namespace, hence 1.2draft, whose dynamics are the same.)"""
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta: Element | None = writer.xml.find("meta")
    assert meta is not None
    meta.find("creator").text = CREATOR  # type: ignore[union-attr]
    if built:
        meta.set("lastmodifieddate", built[:10])
    else:
        del meta.attrib["lastmodifieddate"]
    SubElement(meta, "description").text = graph.graph.get("name", "")
    writer.add_graph(graph)
    writer.graph_element.attrib.pop("name", None)
    text = str(writer)
    return text if text.endswith("\n") else text + "\n"


def graphml(graph: nx.Graph) -> str:
    """GraphML of the graph, every attribute declared with its type (`_static`: GraphML holds no spells)."""
    out = io.BytesIO()
    nx.write_graphml(_static(graph), out, encoding="utf-8", prettyprint=True)
    return out.getvalue().decode("utf-8")


def _static(graph: nx.Graph) -> nx.Graph:
    """The graph as GraphML can hold it: no spells, and each dynamic attribute as text, its values in period order separated by `; `."""
    if not any("spells" in data for _, _, data in graph.edges(data=True)):
        return graph
    flat = graph.copy()
    for _, _, data in flat.edges(data=True):
        data.pop("spells", None)
        for key, value in list(data.items()):
            if isinstance(value, list):
                data[key] = "; ".join(str(v) for v, _, _ in value)
    return flat


def write(sink: Sink, index: Index, cells: Cells, agreement: Agreement, site: Site) -> None:
    """`downloads/networks/<network>.gexf` and `.graphml`, one network at a time: each is built, written and let go."""
    for name, build in NETWORKS.items():
        graph = build(index, cells, agreement, site)
        with sink.text(f"{FOLDER}/{name}.gexf") as out:
            out.write(gexf(graph, site.built))
        with sink.text(f"{FOLDER}/{name}.graphml") as out:
            out.write(graphml(graph))
        del graph


def downloads(index: Index, cells: Cells, agreement: Agreement, site: Site) -> list[Download]:
    """`downloads/networks/<network>.gexf` and `.graphml` for each network, in memory."""
    return collect(lambda sink: write(sink, index, cells, agreement, site)).downloads
