"""The names drawn inside a network's nodes, in an edition's language, where they fit the node the English layout made.

A graph is laid out once, with the English labels (`graph.to_dot`); another edition draws the same layout. A node's name
in that edition (`phrases.node_name`: an actor's Arabic name where the dossier has one) takes the place of the English
only when Graphviz, which sized the node for the English label, measures it no wider and on no more lines; otherwise the
English stays, marked as English (`lang="en"`). Widths are Graphviz's own, with the nodes' font: each label is
measured once per process, the labels of every drawing of a network in one `neato -n2` run (no layout is made).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from typing import Any

import graphviz  # type: ignore[import-untyped]

FONT = {"fontname": "Helvetica", "fontsize": "10"}
"""The nodes' font, as `graph.to_dot` draws them."""
_widths: dict[str, float] = {}


def label_lines(text: str, width: int = 20, most: int = 3) -> list[str]:
    """A node label wrapped onto at most three lines; a longer name ends with "…" (the node's tooltip and the list give it whole)."""
    lines = textwrap.wrap(text, width, break_long_words=True) or [text]
    if len(lines) > most:
        lines = [*lines[: most - 1], textwrap.shorten(" ".join(lines[most - 1 :]), width, placeholder=" …")]
    return lines


def dot_label(text: str) -> str:
    """A node's label as Graphviz input, its escapes (backslashes, `<…>`) disabled: names are untrusted."""
    return graphviz.nohtml("\\n".join(line.replace("\\", "\\\\") for line in label_lines(text)))


def measure(labels: Iterable[str]) -> dict[str, float]:
    """Each label's width in inches as Graphviz draws it in a node (wrapped as `label_lines` wraps it), measured once."""
    wanted = sorted(set(labels))
    missing = [label for label in wanted if label not in _widths]
    if missing:
        dot = graphviz.Digraph("labels", graph_attr=FONT)
        dot.attr("node", shape="plaintext", margin="0", width="0", height="0", pos="0,0", **FONT)
        for n, label in enumerate(missing):
            dot.node(f"n{n}", label=dot_label(label))
        plain = graphviz.pipe("neato", "plain", dot.source.encode("utf-8"), neato_no_op=2, quiet=True).decode("utf-8")
        for line in plain.splitlines():
            parts = line.split(" ", 5)
            if parts[0] == "node":
                _widths[missing[int(parts[1][1:])]] = float(parts[4])
    return {label: _widths[label] for label in wanted}


def prime(graphs: Iterable[Any], name: Callable[[str], str | None]) -> None:
    """Measure at once every label the drawings can show: each node's English label and its name in the edition."""
    labels = {node.label for graph in graphs for node in graph.nodes}
    labels |= {found for graph in graphs for node in graph.nodes if (found := name(node.key))}
    measure(labels)


def fits(translated: str, english: str) -> bool:
    """Whether `translated` fits the node Graphviz sized for `english`: no wider, on no more lines."""
    if len(label_lines(translated)) > len(label_lines(english)):
        return False
    widths = measure((translated, english))
    return widths[translated] <= widths[english]
