"""What each of the home page's most connected places rests on: its ties by kind, as the contested highlight says its sides'.

A place is ranked by its distinct neighbours, a tie that rests on one joint document alone counting 1 / (k - 1) for its k
signatories (`network._degrees`). Its line says the ties behind that rank: agreements and conflicts, first-hand on both sides
or not, agreement that comes wholly from one joint statement, conferences taken part in (or, for a conference, its
participants) and affiliations: "Xeno Movement: 3 ties (2 first-hand conflicts, 1 agreement from one joint statement)".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .graph import Edge, Graph

KINDS = ("first-hand conflict", "conflict", "first-hand agreement", "agreement", "joint statement", "conference", "participant", "affiliation")
"""The kinds of tie a line counts, in the order it names them: conflicts and agreements first, as the contested highlight's sides."""


@dataclass(frozen=True)
class Ties:
    """One drawn place and the ties its rank rests on."""

    key: str
    """The node's key: `actors/<id>` or `conferences/<id>`."""
    kinds: tuple[tuple[str, int], ...]
    """Kind (`KINDS`) → its ties, in `KINDS` order, kinds present only."""

    @property
    def total(self) -> int:
        return sum(n for _, n in self.kinds)


def kind_of(edge: Edge, end: str) -> str:
    """What a tie is to the node at `end`."""
    if edge.kind == "participation":
        return "conference" if end == edge.source else "participant"
    if edge.kind == "affiliation":
        return "affiliation"
    if edge.kind == "congruence" and edge.joint:
        return "joint statement"
    agreement = "agreement" if edge.kind == "congruence" else "conflict"
    return f"first-hand {agreement}" if edge.first_hand else agreement


def rests_on(graph: Graph, edges: Iterable[Edge]) -> tuple[Ties, ...]:
    """Each of the graph's places, in its order, with every tie it has in the whole network (drawn or not) by kind."""
    counts: dict[str, dict[str, int]] = {node.key: dict.fromkeys(KINDS, 0) for node in graph.nodes}
    for edge in edges:
        for end in dict.fromkeys((edge.source, edge.target)):
            if end in counts:
                counts[end][kind_of(edge, end)] += 1
    return tuple(Ties(node.key, tuple((kind, n) for kind, n in counts[node.key].items() if n)) for node in graph.nodes)
