"""The graph model of the network view (nodes, ties, one drawing's graph) and its Graphviz input.

views/network.py decides what each drawing holds; this module says what a node and a tie are,
how each kind is drawn (by shape and line style, never by colour alone), and writes the DOT
source that build_scripts/graphviz_svg.py lays out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from html import escape

import graphviz  # type: ignore[import-untyped]
from babel.support import NullTranslations

from ..pages import Site
from .labels import dot_label as dot_label
from .labels import fits, label_lines
from .phrases import Naming, Words, said

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
    description: Words
    """Full name and what it is, in words: the node's tooltip and accessible name."""
    group: str
    """`conference`, or the actor's group: person, state, international, media, organisation."""
    what: Words = ""
    """What it is, in words: its actor type or conference kind."""

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
    words: Words
    """What the tie is: "attended, spoke", "member of and represents", "same stance on 3 of the 7 demands…"."""
    label: Words
    """A short label drawn on neighbourhood graphs: "attended", "member of", "agree on 3"."""
    weight: float = 0.0
    """For ranking ties of one kind: the agreement or conflict score, else 0."""
    note: str = ""
    """The roles the sources give (at a conference, in an organisation), as they give them."""
    share: float = 1.0
    """What the tie adds to a node's connectedness: less than 1 when it rests on one joint document alone, whose k
    signatories share one event (each is tied to the k - 1 others by 1 / (k - 1))."""
    topics: tuple[str, ...] = ()
    """An agreement or conflict tie's topics (demand or instrument ids), heaviest first: where its passages are."""
    first_hand: bool = False
    """An agreement or conflict tie some of whose topics rest on both actors' first-hand words."""
    joint: bool = False
    """An agreement tie that comes wholly from one document that names both actors together (its `share` is 1 / (k - 1))."""


@dataclass(frozen=True)
class Graph:
    """One drawing: its nodes and ties, the page it sits on, a title and a description."""

    key: str
    page: str
    title: Words
    description: Words
    """Said in English by `str()`, in an edition's language by `phrases.said` (views/phrases.py)."""
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
            label=dot_label(node.label),
            URL=site.link(graph.page, node.path),
            tooltip=graphviz.escape(str(node.description)),
            **SHAPES[node.group],
            **{"class": classes},
        )
    for edge in graph.edges:
        extra = {"label": graphviz.escape(str(edge.label))} if graph.centre else {}
        dot.edge(edge.source, edge.target, **EDGE_STYLES[edge.kind], **extra, **{"class": f"ge ge--{edge.kind}"})
    return dot.source


def reworded(drawn: str, graph: Graph, say: NullTranslations, name: Naming | None) -> str:
    """The SVG with its title, description, nodes' tooltips and ties' labels in the language of `say`: each is text the
    drawing holds escaped, put back escaped (the layout is the English one's). A node's drawn name is the edition's where
    it fits the node (`labels.fits`), else the English, marked as such."""

    def swap(words: Words) -> tuple[str, str]:
        return escape(str(words)), escape(said(words, say, name))

    head = dict((swap(graph.title), swap(graph.description)))
    tooltips = dict(swap(n.description) for n in graph.nodes)
    named = {escape(str(n.description)): _drawn_name(n, name) for n in graph.nodes}
    labels = dict(swap(e.label) for e in graph.edges) if graph.centre else {}
    lines, tie = drawn.split("\n"), False
    node: list[str] | None = _NO_NODE
    texts: list[int] = []
    for n, line in enumerate(lines):
        if line.startswith("<g "):
            tie = line.startswith('<g class="ge ')
            node, texts = _NO_NODE, []
        if n < 3:  # the head: the drawing's <title> and <desc>
            found = _TEXT.fullmatch(line)
            if found and found["text"] in head:
                lines[n] = found["open"] + head[found["text"]] + found["close"]
        elif line.startswith("<title>") and line[7:-8] in tooltips:
            node = named.get(line[7:-8], _NO_NODE)
            lines[n] = f"<title>{tooltips[line[7:-8]]}</title>"
        elif tie and line.startswith("<text") and (found := _TEXT.fullmatch(line)) and found["text"] in labels:
            lines[n] = found["open"] + labels[found["text"]] + found["close"]
        elif not tie and node is not _NO_NODE and line.startswith("<text"):
            texts.append(n)
        elif line == "</a>" and node is not _NO_NODE and texts:
            _relabel(lines, texts, node)
            node, texts = _NO_NODE, []
    return "\n".join(line for line in lines if line is not _GONE)


def _drawn_name(node: Node, name: Naming | None) -> list[str] | None:
    """The lines a node's name is drawn on in the edition (`name`), or None where the English stays (none in the edition,
    or one that does not fit the English node)."""
    translated = name(node.key) if name is not None else None
    if not translated or translated == node.label or not fits(translated, node.label):
        return None
    return label_lines(translated)


def _relabel(lines: list[str], texts: list[int], translated: list[str] | None) -> None:
    """A node's drawn lines (`texts`, their indices in `lines`) said again: the edition's lines in the English lines' places,
    centred as Graphviz centres them; or the English lines marked as English."""
    found = [_TEXT_AT.fullmatch(lines[n]) for n in texts]
    if translated is None or any(f is None for f in found):
        for n in texts:
            lines[n] = lines[n].replace("<text ", '<text lang="en" ', 1)
        return
    ys = [float(f["y"]) for f in found if f is not None]
    step = (ys[-1] - ys[0]) / (len(ys) - 1) if len(ys) > 1 else 0.0
    middle = (ys[0] + ys[-1]) / 2
    first = found[0]
    assert first is not None
    for k, n in enumerate(texts):
        if k < len(translated):
            y = middle + (k - (len(translated) - 1) / 2) * step
            lines[n] = f'<text x="{first["x"]}" y="{y:g}"{first["rest"]}>{escape(translated[k])}</text>'
        else:
            lines[n] = _GONE


_NO_NODE: list[str] = ["(outside a node)"]
"""While reading the drawing: not inside a node whose tooltip names it."""
_GONE = "\0"
"""A drawn line the edition's shorter name leaves out."""
_TEXT_AT = re.compile(r'<text x="(?P<x>[^"]*)" y="(?P<y>[^"]*)"(?P<rest>[^>]*)>[^<]*</text>')


_TEXT = re.compile(r"(?P<open><(?:title|desc|text)\b[^>]*>)(?P<text>[^<]*)(?P<close></(?:title|desc|text)>)")
