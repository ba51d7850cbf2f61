"""The network: actors ↔ conferences (with roles) and actor ↔ actor ties, laid out by Graphviz as SVG at build time.

Three kinds of graph, each drawn for the one page it sits on (its links are relative to that
page): the whole network (`network/index.md`), a glimpse of it on the home page, and each
actor's neighbourhood on its page. Every graph is capped so that it stays legible and small;
what is left out is reached through the actors and conferences indexes.

Graphviz lays the graphs out (`neato` for the networks, `twopi` around the actor for a
neighbourhood); all graphs of a build go through a few `dot` processes at once. The SVG that
comes back is rebuilt element by element from an allowlist (`clean_svg`), so it is small,
stable from build to build and holds nothing but shapes, text and links.
"""

from __future__ import annotations

import math
import os
import re
import textwrap
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import escape

import graphviz  # type: ignore[import-untyped]
from markupsafe import Markup

from ..index import Index, Participation
from ..models import STATUSES
from ..pages import PageSpec, Site
from ..words import STATUS_LABELS, type_label
from .agreement import Agreement, Pair

WHOLE_LIMIT = 28
"""Nodes drawn on the network page: the most connected first."""
HOME_LIMIT = 12
"""Nodes drawn on the home page."""
NEIGHBOURHOOD_LIMIT = 12
"""Nodes drawn on an actor's page, the actor included."""
TIES_PER_NODE = 1.5
"""Most ties a whole-network drawing holds per node it may draw. Each tie is a line of the SVG and an item of the
list beside it (about 0.55 KB together, with short names), and 28 nodes can have hundreds of ties between them:
with 2 a tie, a synthetic dense network (tests/test_views_paging.py) left 0.2 KB of the page's budget; with 1.5, 8 KB."""
PARTNERS = 3
"""Actors an actor agrees with most (and differs from most) drawn in its neighbourhood."""

GROUPS = {
    "person": "person",
    "state": "state",
    "government": "state",
    "un-body": "international",
    "international-organisation": "international",
    "media-outlet": "media",
}
"""Actor type → the group the shapes, the stylesheet and the legend know (`organisation` for any other type)."""
SHAPES = {
    "person": {"shape": "ellipse"},
    "state": {"shape": "octagon"},
    "international": {"shape": "hexagon"},
    "media": {"shape": "parallelogram"},
    "organisation": {"shape": "box", "style": "rounded"},
    "conference": {"shape": "box", "style": "filled"},
}
"""Node group → Graphviz shape: actors by type and conferences differ in shape, not colour only."""
RELATION_WORDS = {
    "leads": "leads",
    "member-of": "member of",
    "represents": "represents",
    "part-of": "part of",
    "belongs-to": "belongs to",
    "works-for": "works for",
    "established-by": "established by",
}
EDGE_KINDS = ("participation", "affiliation", "congruence", "conflict")
EDGE_STYLES = {
    "participation": {"dir": "none"},
    "affiliation": {"penwidth": "2"},
    "congruence": {"dir": "none", "style": "dashed"},
    "conflict": {"dir": "none", "style": "dotted", "penwidth": "1.5"},
}
"""Each kind of tie by line style (not colour only): the legend says it in words."""


@dataclass(frozen=True)
class Node:
    """An actor or a conference, as drawn: a short label, what it is in words, and its page."""

    key: str
    """The page it links to without `.md` (`actors/snc`): unique, and a safe Graphviz name."""
    kind: str
    """`actor` or `conference`."""
    id: str
    label: str
    description: str
    """Full name and what it is, in words: the node's tooltip and accessible name."""
    group: str
    """`conference`, or the actor's group: person, state, international, media, organisation."""

    @property
    def path(self) -> str:
        return self.key + ".md"


@dataclass(frozen=True)
class Edge:
    """A tie between two nodes, with what it is in words."""

    kind: str
    """participation, affiliation, congruence or conflict."""
    source: str
    """Node key: the actor (participation), the affiliated actor (affiliation), or the first of the pair."""
    target: str
    words: str
    """What the tie is: "attended, spoke", "member of and represents", "same stance on 3 of the 7 demands…"."""
    label: str
    """A short label drawn on neighbourhood graphs: "attended", "member of", "agree on 3"."""
    weight: float = 0.0
    """For ranking ties of one kind: the agreement or conflict score, else 0."""
    note: str = ""
    """The roles the sources give (at a conference, in an organisation), as they give them."""


@dataclass(frozen=True)
class Graph:
    """One drawing: its nodes and ties, the page it sits on, a title and a description."""

    key: str
    page: str
    title: str
    description: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    layout: str
    centre: str | None = None
    total_nodes: int = 0
    """How many nodes the uncapped graph has."""

    def node(self, key: str) -> Node:
        return next(n for n in self.nodes if n.key == key)

    @property
    def slug(self) -> str:
        """A prefix for element ids, unique on its page."""
        return "graph-" + self.key.replace("/", "-")

    def listing(self) -> list[tuple[Node, list[Edge]]]:
        """Each node with the ties it is the first endpoint of (in node order): every tie once, every node once."""
        order = {n.key: i for i, n in enumerate(self.nodes)}
        by_node: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.edges:
            by_node[min(edge.source, edge.target, key=order.__getitem__)].append(edge)
        return [(n, by_node.get(n.key, [])) for n in self.nodes]

    def counts(self) -> dict[str, int]:
        """Ties drawn, by kind."""
        return {kind: sum(1 for e in self.edges if e.kind == kind) for kind in EDGE_KINDS}


@dataclass(frozen=True)
class Network:
    whole: Graph
    home: Graph
    neighbourhoods: dict[str, Graph]
    svgs: dict[str, str] = field(repr=False)
    """Graph key → its SVG, links relative to the graph's page."""
    actors: int = 0
    """Actors and conferences with at least one tie (the uncapped network)."""
    conferences: int = 0

    def neighbourhood(self, actor: str) -> Graph | None:
        return self.neighbourhoods.get(actor)

    def svg(self, graph: Graph) -> Markup:
        """The graph's SVG, rebuilt from an allowlist of inert elements (see `clean_svg`)."""
        return Markup(self.svgs[graph.key])


# --- nodes and ties --------------------------------------------------------------------------


def _actor_node(index: Index, actor_id: str) -> Node:
    actor = index.sources.actors[actor_id].model
    full = actor.name.value + (f" ({actor.acronym.value})" if actor.acronym else "")
    label = actor.acronym.value if actor.acronym else actor.name.value
    return Node(f"actors/{actor_id}", "actor", actor_id, label, f"{full}, {type_label(actor.type)}", GROUPS.get(actor.type, "organisation"))


def _conference_node(index: Index, conf_id: str) -> Node:
    conf = index.sources.conferences[conf_id].model
    label = conf.short_name or conf.name.value
    return Node(f"conferences/{conf_id}", "conference", conf_id, label, f"{conf.name.value}, {conf.kind.replace('-', ' ')}", "conference")


def _participation_words(p: Participation) -> tuple[str, str, str]:
    """An actor's roles at a conference in words: full, short (for a drawn label), and the roles the sources give."""
    statuses = list(dict.fromkeys(s.status for s in p.statuses))
    words = ", ".join(STATUS_LABELS[s] for s in statuses)
    if p.claims:
        voiced = f"{len(p.claims)} position{'s' if len(p.claims) != 1 else ''} voiced there"
        words = f"{words}; {voiced}" if words else voiced
    short = statuses[0] if statuses else "voiced positions"
    return words, short + (" +" if len(statuses) > 1 else ""), "; ".join(sorted({s.role for s in p.statuses if s.role}))


def participation_edges(index: Index) -> list[Edge]:
    """Actor → conference, one tie per actor and conference with all its roles."""
    edges = []
    for conf_id, parts in sorted(index.participation.items()):
        for p in parts:
            words, short, roles = _participation_words(p)
            edges.append(Edge("participation", f"actors/{p.actor}", f"conferences/{conf_id}", words, short, note=roles))
    return edges


def affiliation_edges(index: Index) -> list[Edge]:
    """Actor → actor affiliations; the same relation recorded twice (two periods) is one tie."""
    relations: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for tie in index.ties:
        given = relations[(tie.source, tie.target)][tie.affiliation.relation]
        if tie.affiliation.role:
            given.add(tie.affiliation.role)
    edges = []
    for (source, target), by_relation in sorted(relations.items()):
        ordered = sorted(by_relation, key=list(RELATION_WORDS).index)
        words = " and ".join(RELATION_WORDS[r] for r in ordered)
        roles = "; ".join(sorted({role for r in ordered for role in by_relation[r]}))
        edges.append(Edge("affiliation", f"actors/{source}", f"actors/{target}", words, " / ".join(RELATION_WORDS[r] for r in ordered), note=roles))
    return edges


def _count(n: int, noun: str) -> str:
    """`1 conference`, `2 conferences`."""
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _demands(n: int) -> str:
    return _count(n, "demand")


def agreement_edges(agreement: Agreement) -> list[Edge]:
    """Actor — actor: same stance (congruence) and opposite stances (conflict), from the agreement view's pairs."""
    edges = []
    for pair in agreement.pairs:
        a, b = f"actors/{pair.a}", f"actors/{pair.b}"
        if pair.congruence:
            words = f"same stance on {len(pair.congruence)} of the {_demands(pair.union)} either takes a position on"
            edges.append(Edge("congruence", a, b, words, f"agree on {len(pair.congruence)}", pair.congruence_score))
        if pair.conflict:
            words = f"opposite stances on {len(pair.conflict)} of the {_demands(pair.union)} either takes a position on"
            edges.append(Edge("conflict", a, b, words, f"differ on {len(pair.conflict)}", pair.conflict_score))
    return edges


def _strongest(edges: Iterable[Edge]) -> list[Edge]:
    """Ties of one kind, strongest first, ties broken by the actors' ids."""
    return sorted(edges, key=lambda e: (-e.weight, e.source, e.target))


# --- the whole network and its glimpse --------------------------------------------------------


def _degrees(edges: list[Edge]) -> dict[str, int]:
    """Node key → how many distinct nodes it is tied to, by any kind of tie."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        neighbours[e.source].add(e.target)
        neighbours[e.target].add(e.source)
    return {key: len(others) for key, others in neighbours.items()}


def _overview(key: str, page: str, title: str, edges: list[Edge], nodes: dict[str, Node], limit: int) -> Graph:
    """The `limit` most connected nodes and their ties among themselves (agreement ties: the strongest, as many as nodes)."""
    degrees = _degrees(edges)
    chosen = sorted(degrees, key=lambda k: (-degrees[k], nodes[k].kind, nodes[k].label.casefold(), k))[:limit]
    shown = set(chosen)
    agreeing: list[Edge] = []
    for kind in ("congruence", "conflict"):
        agreeing += _strongest(e for e in edges if e.kind == kind and e.source in shown and e.target in shown)[: max(1, limit // 2)]
    # Participation and affiliation ties take the room agreement ties leave, those between the most connected nodes first.
    rank = {k: n for n, k in enumerate(chosen)}
    structural = [e for e in edges if e.kind in ("participation", "affiliation") and e.source in shown and e.target in shown]
    room = int(TIES_PER_NODE * limit) - len(agreeing)
    if len(structural) > room:
        kept_ties = set(sorted(range(len(structural)), key=lambda i: (sorted((rank[structural[i].source], rank[structural[i].target])), i))[:room])
        structural = [e for i, e in enumerate(structural) if i in kept_ties]
    kept = structural + agreeing
    tied = {k for e in kept for k in (e.source, e.target)}
    chosen = [k for k in chosen if k in tied]  # a node whose ties all lead outside the drawing is left for the indexes
    counts = {k: sum(1 for n in chosen if nodes[n].kind == k) for k in ("actor", "conference")}
    description = (
        f"{_count(counts['actor'], 'actor')} and {_count(counts['conference'], 'conference')}, the most connected of {len(degrees)}; "
        "lines show who took part in which conference, affiliations, and the strongest agreements and conflicts between actors."
    )
    return Graph(key, page, title, description, tuple(nodes[k] for k in chosen), tuple(kept), "neato", total_nodes=len(degrees))


# --- an actor's neighbourhood -----------------------------------------------------------------


def _neighbourhood_candidates(actor: str, edges_of: dict[str, list[Edge]], index: Index) -> list[list[Edge]]:
    """The actor's ties by kind, each list in the order neighbours are picked: affiliations, conferences, partners."""
    key = f"actors/{actor}"
    mine = edges_of.get(key, [])
    affiliations = [e for e in mine if e.kind == "affiliation"]
    rank = {s: i for i, s in enumerate(STATUSES)}
    parts = {f"conferences/{p.conference}": p for p in index.conferences_by_actor.get(actor, [])}

    def conference_rank(e: Edge) -> tuple[int, int, tuple[str, int, str]]:
        p = parts[e.target]
        best = min((rank[s.status] for s in p.statuses), default=len(rank))
        return (best, -len(p.claims), index.conference_sort_key(p.conference))

    conferences = sorted((e for e in mine if e.kind == "participation"), key=conference_rank)
    agree = _strongest(e for e in mine if e.kind == "congruence")[:PARTNERS]
    differ = _strongest(e for e in mine if e.kind == "conflict")[:PARTNERS]
    return [affiliations, conferences, agree, differ]


def _neighbourhood(actor: str, edges_of: dict[str, list[Edge]], index: Index, nodes: dict[str, Node]) -> Graph | None:
    """The actor, its affiliations, conferences and strongest partners, picked in turn from each kind until the cap."""
    key = f"actors/{actor}"
    candidates = _neighbourhood_candidates(actor, edges_of, index)
    if not any(candidates):
        return None
    neighbours: list[str] = []
    queues = [list(c) for c in candidates]
    while len(neighbours) < NEIGHBOURHOOD_LIMIT - 1 and any(queues):
        for queue in queues:
            while queue:
                edge = queue.pop(0)
                other = edge.target if edge.source == key else edge.source
                if other not in neighbours:
                    neighbours.append(other)
                    break
            if len(neighbours) >= NEIGHBOURHOOD_LIMIT - 1:
                break
    shown = set(neighbours)
    picked = [e for group in candidates for e in group if (e.target if e.source == key else e.source) in shown]
    total = len({(e.target if e.source == key else e.source) for e in edges_of.get(key, [])})
    me = nodes[key]
    counts: dict[str, int] = defaultdict(int)
    for e in picked:
        counts[e.kind] += 1
    parts = [
        _count(counts["participation"], "conference"),
        _count(counts["affiliation"], "affiliation"),
        _count(counts["congruence"], "actor") + " it agrees with most",
        _count(counts["conflict"], "actor") + " it differs from most",
    ]
    description = f"{me.label} at the centre, tied to " + ", ".join(parts[:-1]) + f" and {parts[-1]}."
    if total > len(neighbours):
        description += f" {len(neighbours)} of its {total} connections are drawn."
    title = f"Network of {me.label}"
    return Graph(f"actor/{actor}", f"actors/{actor}.md", title, description, (me, *(nodes[n] for n in neighbours)), tuple(picked), "twopi", key, total + 1)


# --- drawing -----------------------------------------------------------------------------------


def _label(text: str, width: int = 20, most: int = 3) -> str:
    """A node label wrapped onto at most three lines, with Graphviz's escapes (backslashes, `<…>`) disabled: names are untrusted.

    A longer name ends with "…" in the drawing; the node's tooltip and the list give it whole.
    """
    lines = textwrap.wrap(text, width, break_long_words=True) or [text]
    if len(lines) > most:
        lines = [*lines[: most - 1], textwrap.shorten(" ".join(lines[most - 1 :]), width, placeholder=" …")]
    return graphviz.nohtml("\\n".join(line.replace("\\", "\\\\") for line in lines))


def to_dot(graph: Graph, site: Site) -> str:
    """The graph as Graphviz input, with node links relative to the graph's page."""
    attrs = {"layout": graph.layout, "bgcolor": "transparent", "outputorder": "edgesfirst", "pad": "0.1", "fontname": "Helvetica", "fontsize": "10"}
    if graph.layout == "neato":
        attrs |= {"overlap": "false", "splines": "false", "start": "1", "sep": "+4", "mode": "major"}
    else:
        attrs |= {"root": graph.centre or "", "ranksep": "1.1", "overlap": "false"}
    dot = graphviz.Digraph(graph.key.replace("/", "-"), graph_attr=attrs)
    dot.attr("node", fontname="Helvetica", fontsize="10", margin="0.06,0.03", height="0.3", width="0.4")
    dot.attr("edge", arrowsize="0.6", fontname="Helvetica", fontsize="8")
    for node in graph.nodes:
        classes = f"gn gn--{node.kind} gn--{node.group}" + (" gn--centre" if node.key == graph.centre else "")
        dot.node(
            node.key,
            label=_label(node.label),
            URL=site.link(graph.page, node.path),
            tooltip=graphviz.escape(node.description),
            **SHAPES[node.group],
            **{"class": classes},
        )
    for edge in graph.edges:
        extra = {"label": graphviz.escape(edge.label)} if graph.centre else {}
        dot.edge(edge.source, edge.target, **EDGE_STYLES[edge.kind], **extra, **{"class": f"ge ge--{edge.kind}"})
    return dot.source


# --- SVG: laid out in a few `dot` processes, then rebuilt from an allowlist ----------------------

GRAPHS_PER_PROCESS = 200
"""Graphs laid out by one `dot` process; a build uses a few processes at most, in parallel."""
MAX_PROCESSES = 4
SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_NS = "{http://www.w3.org/1999/xlink}"
SHAPE_ATTRIBUTES = {
    "path": ("d",),
    "polygon": ("points",),
    "polyline": ("points",),
    "ellipse": ("cx", "cy", "rx", "ry"),
    "text": ("x", "y", "text-anchor"),
}
"""Elements kept from Graphviz's SVG and the attributes kept on each (besides a line's dashes and width)."""
LINE_ATTRIBUTES = ("stroke-dasharray", "stroke-width")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def render_svg(sources: list[str]) -> list[str]:
    """Lay out every graph with Graphviz: all graphs of a build in a few `dot` processes, run side by side.

    Each graph carries its own `layout` and seed, so its drawing does not depend on the other
    graphs of the batch nor on how the batch is split.
    """
    if not sources:
        return []
    processes = max(1, min(MAX_PROCESSES, os.cpu_count() or 1, math.ceil(len(sources) / GRAPHS_PER_PROCESS)))
    size = math.ceil(len(sources) / processes)
    batches = [sources[i : i + size] for i in range(0, len(sources), size)]
    with ThreadPoolExecutor(max_workers=len(batches)) as pool:
        outputs = list(pool.map(_run_dot, batches))
    drawn = [svg for output, batch in zip(outputs, batches, strict=True) for svg in _split(output, len(batch))]
    return drawn


def _run_dot(batch: list[str]) -> str:
    try:
        return graphviz.pipe("dot", "svg", "\n".join(batch).encode("utf-8"), quiet=True).decode("utf-8")
    except graphviz.ExecutableNotFound:
        raise RuntimeError("Graphviz's `dot` is not installed: run `make graphviz` (Debian package graphviz)") from None


def _split(output: str, expected: int) -> list[str]:
    """One SVG document per graph, from `dot`'s concatenated output."""
    documents = [d for d in output.split("<?xml ") if d.strip()]
    if len(documents) != expected:
        raise RuntimeError(f"Graphviz drew {len(documents)} graphs of {expected}")
    return [d[d.index("<svg") :] for d in documents]


def _numbers(value: str) -> str:
    """Coordinates to one decimal: a smaller SVG, and no noise in the last digits."""

    def one(match: re.Match[str]) -> str:
        text = f"{float(match.group()):.1f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text

    return NUMBER.sub(one, value)


def _attributes(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in pairs)


def clean_svg(raw: str, slug: str, title: str, description: str) -> str:
    """Graphviz's SVG rebuilt from an allowlist: shapes, text, links (relative, as we computed them) and our classes.

    Drops the prolog, comments, Graphviz's ids and titles, colours and fonts (the stylesheet sets
    them, for light and dark schemes) and the background; rounds coordinates. Text and attribute
    values are escaped here again, whatever Graphviz did with a name from the sources. The result
    is one line per element, with no blank line, so Markdown passes it through as one HTML block.
    """
    root = ET.fromstring(raw)
    width, height = (_numbers(root.get(k, "0").removesuffix("pt")) for k in ("width", "height"))
    top = root.find(f"{SVG_NS}g")
    if top is None:
        raise ValueError("Graphviz's SVG has no graph group")
    translate = re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", top.get("transform", ""))
    dx, dy = (float(translate.group(1)), float(translate.group(2))) if translate else (0.0, 0.0)
    view = _numbers(f"{-dx} {-dy} {width} {height}")
    head = (
        f'<svg class="dossier-graph__svg" width="{width}pt" height="{height}pt" viewBox="{view}" role="group"'
        f' aria-labelledby="{slug}-title" aria-describedby="{slug}-desc">'
    )
    lines = [head, f'<title id="{slug}-title">{escape(title)}</title>', f'<desc id="{slug}-desc">{escape(description)}</desc>']
    for child in top:
        lines += _element(child)
    lines.append("</svg>")
    return "\n".join(lines)


def _element(element: ET.Element) -> list[str]:
    """One element of Graphviz's drawing as allowlisted SVG lines (nothing for what it adds but we do not keep)."""
    tag = element.tag.removeprefix(SVG_NS)
    if tag == "title":
        return []
    if tag == "g":
        inner = [line for child in element for line in _element(child)]
        classes = " ".join(c for c in (element.get("class") or "").split() if c.startswith(("gn", "ge")))
        return [f'<g class="{escape(classes)}">', *inner, "</g>"] if classes else inner
    if tag == "a":
        inner = [line for child in element for line in _element(child)]
        href = element.get(f"{XLINK_NS}href")
        tip = element.get(f"{XLINK_NS}title")
        if href is None:
            return inner
        # `xlink:href`, not `href`: Material's instant navigation reassigns `el.href` on every `[href]`,
        # which throws on SVG links (their `href` is read-only); `[href]` does not match `xlink:href`.
        return [f'<a xlink:href="{escape(href)}">', *([f"<title>{escape(tip)}</title>"] if tip else []), *inner, "</a>"]
    if tag not in SHAPE_ATTRIBUTES:
        raise ValueError(f"Graphviz drew an element the network does not allow: <{tag}>")
    if tag == "polygon" and element.get("fill") == "transparent":
        return []  # the background
    kept = [(name, _numbers(element.get(name, ""))) for name in SHAPE_ATTRIBUTES[tag] if element.get(name) is not None]
    kept += [(name, element.get(name, "")) for name in LINE_ATTRIBUTES if element.get(name) is not None]
    if tag == "text":
        return [f"<text{_attributes(kept)}>{escape(element.text or '')}</text>"]
    return [f"<{tag}{_attributes(kept)}/>"]


# --- the view -----------------------------------------------------------------------------------


def compute(index: Index, agreement: Agreement, site: Site) -> Network:
    """Every graph of the build and its SVG, laid out by Graphviz in one batch."""
    edges = participation_edges(index) + affiliation_edges(index) + agreement_edges(agreement)
    nodes = {f"actors/{a}": _actor_node(index, a) for a in index.sources.actors}
    nodes |= {f"conferences/{c}": _conference_node(index, c) for c in index.sources.conferences}
    whole = _overview("network", "network/index.md", "Network of actors and conferences", edges, nodes, WHOLE_LIMIT)
    home = _overview("home", "index.md", "The most connected actors and conferences", edges, nodes, HOME_LIMIT)
    edges_of: dict[str, list[Edge]] = defaultdict(list)
    for e in edges:
        edges_of[e.source].append(e)
        edges_of[e.target].append(e)
    neighbourhoods = {}
    for actor in sorted(index.sources.actors):
        graph = _neighbourhood(actor, edges_of, index, nodes)
        if graph is not None:
            neighbourhoods[actor] = graph
    graphs = [whole, home, *neighbourhoods.values()]
    drawn = render_svg([to_dot(g, site) for g in graphs])
    svgs = {g.key: clean_svg(raw, g.slug, g.title, g.description) for g, raw in zip(graphs, drawn, strict=True)}
    degrees = _degrees(edges)
    actors = sum(1 for k in degrees if k.startswith("actors/"))
    return Network(whole, home, neighbourhoods, svgs, actors, len(degrees) - actors)


def pages(data: Network, index: Index) -> list[PageSpec]:
    return [PageSpec("network/index.md", "Network", "network_index.html.j2")]


__all__ = ["Edge", "Graph", "Network", "Node", "Pair", "compute", "pages"]
