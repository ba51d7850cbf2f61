"""Agreement and conflict between actors (congruence and conflict networks, normalised), blocs, contested demands.

Every figure starts from the actor × topic cells (`stances.cells`), so it counts demands,
not claims: two actors agree on a demand when both cells have the same stance, supports or
opposes; they conflict when one supports and the other opposes. Conditional and mixed cells
count in the union of demands (the Jaccard denominator) but neither agree nor conflict:
conditions differ from actor to actor, and a mixed cell is not one stance.

A stance on a statement or instrument as a whole counts here like a stance on a demand (the
`demand` of a pair, bloc or contested item may be an instrument's id): two actors who both
reject the same statement agree, and its issuers count as supporting it, by their authorship.

Pairs are found per demand, over the actors with a position on it, never over all pairs
of actors: the work grows with the positions, not with the square of the actors.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import NamedTuple

import networkx as nx  # type: ignore[import-untyped]

from ..index import ClaimRecord, Index
from ..pages import PageSpec
from . import paging
from .stances import Cell
from .templating import Measure

SIDES = ("supports", "opposes")
"""The two stances that agree with themselves and conflict with each other."""
LOUVAIN_SEED = 7
"""Louvain visits nodes in a random order: a fixed seed makes the blocs the same on every build."""
EVIDENCE_PER_SIDE = 3
"""Passages shown for each side of a contested demand; the demand page has all of them."""
ACTORS_PER_SIDE = 10
"""Actors named on each side of a contested demand; the demand page names them all."""
MEMBERS_SHOWN = 60
"""Members named for a bloc on the blocs pages; the matrix (rows grouped by bloc) and its CSV list them all."""
SHARED_SHOWN = 15
"""Shared stances listed for a bloc on the blocs pages."""
STRONGEST = 8
"""Pairs listed as the strongest agreements and the strongest conflicts on the agreement page."""
RELATED = 4
"""Actors an actor page names as those it agrees with most, and as those it differs from most."""
RELATED_DEMANDS = 2
"""Demands named under each of them, with both sides' evidence; the rest are counted."""


@dataclass(frozen=True)
class Pair:
    """Two actors (a < b) and the demands on which they take the same stance and opposite stances."""

    a: str
    b: str
    congruence: tuple[str, ...]
    conflict: tuple[str, ...]
    union: int
    """How many demands either actor took a position on: the Jaccard denominator."""

    @property
    def congruence_score(self) -> float:
        """Jaccard index of agreement: demands with the same stance over demands either actor took a position on."""
        return len(self.congruence) / self.union if self.union else 0.0

    @property
    def conflict_score(self) -> float:
        """Jaccard index of conflict: demands with opposite stances over demands either actor took a position on."""
        return len(self.conflict) / self.union if self.union else 0.0

    @property
    def net_score(self) -> float:
        """Agreement less conflict, over the union: the weight of the tie the blocs are found on."""
        return (len(self.congruence) - len(self.conflict)) / self.union if self.union else 0.0

    def other(self, actor: str) -> str:
        return self.b if actor == self.a else self.a


class Shared(NamedTuple):
    """A demand that defines a bloc: the stance its members share, how many take it, how many members take the opposite."""

    demand: str
    stance: str
    members: int
    opposed: int


@dataclass(frozen=True)
class Bloc:
    """A cluster of actors, and the demands (with the shared stance) that define it."""

    number: int
    members: tuple[str, ...]
    """Most positions first, then by id."""
    demands: tuple[Shared, ...]
    """Stances held by two members or more, most shared first."""


@dataclass(frozen=True)
class Side:
    """One side of a contested demand: its actors, how many of them speak first-hand, and a few passages."""

    stance: str
    actors: tuple[str, ...]
    """Actors with a first-hand claim first, then most claims, then id."""
    first_hand: int
    """How many of the actors have at least one first-hand claim on this side (quoted words or own publication)."""
    claims: int
    evidence: tuple[ClaimRecord, ...]
    """At most EVIDENCE_PER_SIDE passages, first-hand first, one per actor before a second from the same actor."""


@dataclass(frozen=True)
class Contested:
    """A demand that some actors support and others oppose."""

    demand: str
    supporting: Side
    opposing: Side
    conditional: tuple[str, ...]
    mixed: tuple[str, ...]


@dataclass(frozen=True)
class Agreement:
    """Pairs of actors with their congruence and conflict, the blocs, and the contested demands."""

    pairs: tuple[Pair, ...]
    """Every pair that agrees or conflicts on at least one demand, sorted by (a, b)."""
    blocs: tuple[Bloc, ...]
    """Largest first."""
    contested: tuple[Contested, ...]
    """Most evenly and most widely contested first."""
    positions: dict[str, int] = field(default_factory=dict)
    """Actor → how many demands it took a position on."""
    by_actor: dict[str, tuple[Pair, ...]] = field(default_factory=dict)
    member_of: dict[str, int] = field(default_factory=dict)
    """Actor → the number of its bloc."""
    paged: dict[tuple[str, str], str] = field(default_factory=dict)
    """(`bloc`, number) or (`contested`, demand) → the page that shows it."""
    contested_pages: tuple[tuple[Contested, ...], ...] = ()
    """The contested demands cut into pages by their measured bytes (`paginate`); one page until they are."""
    bloc_pages: tuple[tuple[Bloc, ...], ...] = ()

    @property
    def related_demands(self) -> int:
        """Demands an actor page names under each actor it agrees or differs with most."""
        return RELATED_DEMANDS

    def agrees(self, actor: str, limit: int = RELATED) -> list[Pair]:
        """The actors `actor` agrees with most: by congruence score, then shared demands, then id."""
        found = (p for p in self.by_actor.get(actor, ()) if p.congruence)
        return heapq.nsmallest(limit, found, key=lambda p: (-p.congruence_score, -len(p.congruence), p.other(actor)))

    def differs(self, actor: str, limit: int = RELATED) -> list[Pair]:
        """The actors `actor` differs from most: by conflict score, then opposed demands, then id."""
        found = (p for p in self.by_actor.get(actor, ()) if p.conflict)
        return heapq.nsmallest(limit, found, key=lambda p: (-p.conflict_score, -len(p.conflict), p.other(actor)))

    def strongest_agreements(self, limit: int = STRONGEST) -> list[Pair]:
        """The pairs with the highest congruence score, then most shared demands, then ids."""
        return heapq.nsmallest(limit, (p for p in self.pairs if p.congruence), key=lambda p: (-p.congruence_score, -len(p.congruence), p.a, p.b))

    def strongest_conflicts(self, limit: int = STRONGEST) -> list[Pair]:
        """The pairs with the highest conflict score, then most opposed demands, then ids."""
        return heapq.nsmallest(limit, (p for p in self.pairs if p.conflict), key=lambda p: (-p.conflict_score, -len(p.conflict), p.a, p.b))

    def bloc_of(self, actor: str) -> Bloc | None:
        number = self.member_of.get(actor)
        return self.blocs[number - 1] if number else None

    def bloc_page(self, number: int) -> str:
        """The page that shows bloc `number`."""
        return self.paged["bloc", str(number)]

    def page(self, kind: str, number: int) -> str:
        """The `number`th page of the contested demands or of the blocs."""
        return page_path(kind, number)

    def contested_page(self, demand: str) -> str:
        """The page that shows a contested demand's two sides."""
        return self.paged["contested", demand]


def compute(index: Index, cells: dict[tuple[str, str], Cell]) -> Agreement:
    """Pairs, blocs and contested demands from the actor × demand cells."""
    positions = _positions(cells)
    table = _by_demand(cells)
    pairs = _pairs(table, cells)
    by_actor: dict[str, list[Pair]] = defaultdict(list)
    for pair in pairs:
        by_actor[pair.a].append(pair)
        by_actor[pair.b].append(pair)
    blocs = _blocs(pairs, cells, positions)
    contested = _contested(table, cells)
    return _paged(
        Agreement(
            pairs=pairs,
            blocs=blocs,
            contested=contested,
            positions=positions,
            by_actor={actor: tuple(found) for actor, found in sorted(by_actor.items())},
            member_of={actor: bloc.number for bloc in blocs for actor in bloc.members},
            contested_pages=(contested,),
            bloc_pages=(blocs,),
        )
    )


def paginate(data: Agreement, measure: Measure) -> Agreement:
    """The contested demands and the blocs cut into pages by the measured bytes of each, as their pages print them."""
    contested = measure.module("_agreement.html.j2", paging.page_path(page_path("contested", 1), "agreement/contested", 2))
    blocs = measure.module("_agreement.html.j2", paging.page_path(page_path("blocs", 1), "agreement/blocs", 2))
    return _paged(
        replace(
            data,
            contested_pages=tuple(paging.pack(data.contested, lambda c: len(str(contested.contested_item(c)).encode()))),
            bloc_pages=tuple(paging.pack(data.blocs, lambda b: len(str(blocs.bloc_item(b, MEMBERS_SHOWN, SHARED_SHOWN)).encode()))),
        )
    )


def _paged(data: Agreement) -> Agreement:
    paged = {("bloc", str(b.number)): page_path("blocs", n) for n, chunk in enumerate(data.bloc_pages, 1) for b in chunk}
    paged |= {("contested", c.demand): page_path("contested", n) for n, chunk in enumerate(data.contested_pages, 1) for c in chunk}
    return replace(data, paged=paged)


def _positions(cells: dict[tuple[str, str], Cell]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for actor, _ in cells:
        counts[actor] += 1
    return dict(sorted(counts.items()))


def _by_demand(cells: dict[tuple[str, str], Cell]) -> dict[str, dict[str, list[str]]]:
    """Demand → cell stance → actors, sorted."""
    table: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for (actor, demand), cell in sorted(cells.items()):
        table[demand][cell.stance].append(actor)
    return {demand: dict(stances) for demand, stances in sorted(table.items())}


def _pairs(table: dict[str, dict[str, list[str]]], cells: dict[tuple[str, str], Cell]) -> tuple[Pair, ...]:
    """Every pair of actors that agrees or conflicts on a demand, counted demand by demand over the actors with a position."""
    congruent: dict[tuple[str, str], list[str]] = defaultdict(list)
    conflicting: dict[tuple[str, str], list[str]] = defaultdict(list)
    for demand, stances in table.items():
        for stance in SIDES:
            for key in combinations(stances.get(stance, []), 2):  # actors are sorted: a < b
                congruent[key].append(demand)
        for supporter in stances.get("supports", []):
            for opponent in stances.get("opposes", []):
                conflicting[(supporter, opponent) if supporter < opponent else (opponent, supporter)].append(demand)
    demands: dict[str, set[str]] = defaultdict(set)
    for actor, demand in cells:
        demands[actor].add(demand)
    pairs = []
    for a, b in sorted(congruent.keys() | conflicting.keys()):
        # The union counts every demand either took a position on, conditional and mixed ones included.
        union = len(demands[a]) + len(demands[b]) - len(demands[a] & demands[b])
        pairs.append(Pair(a, b, tuple(congruent.get((a, b), ())), tuple(conflicting.get((a, b), ())), union))
    return tuple(pairs)


def _blocs(pairs: Iterable[Pair], cells: dict[tuple[str, str], Cell], positions: dict[str, int]) -> tuple[Bloc, ...]:
    """Communities of the net agreement graph (Louvain, fixed seed); lone actors are not blocs."""
    ties = [p for p in pairs if p.net_score > 0]
    nodes = sorted({actor for p in ties for actor in (p.a, p.b)})
    number = {actor: i for i, actor in enumerate(nodes)}
    graph = nx.Graph()
    # Integer nodes added in sorted order: the result does not depend on string hashing.
    graph.add_nodes_from(range(len(nodes)))
    graph.add_weighted_edges_from((number[p.a], number[p.b], p.net_score) for p in ties)
    communities = nx.community.louvain_communities(graph, weight="weight", seed=LOUVAIN_SEED) if ties else []
    groups = [sorted((nodes[i] for i in c), key=lambda a: (-positions[a], a)) for c in communities if len(c) > 1]
    groups.sort(key=lambda members: (-len(members), members[0]))
    return tuple(Bloc(n, tuple(members), _defining(members, cells)) for n, members in enumerate(groups, start=1))


def _defining(members: list[str], cells: dict[tuple[str, str], Cell]) -> tuple[Shared, ...]:
    """Stances (supports or opposes) that two members or more take on a demand, most shared first."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    inside = set(members)
    for (actor, demand), cell in cells.items():
        if actor in inside and cell.stance in SIDES:
            counts[(demand, cell.stance)] += 1
    shared = [Shared(demand, stance, n, counts.get((demand, SIDES[1 - SIDES.index(stance)]), 0)) for (demand, stance), n in counts.items() if n > 1]
    return tuple(sorted(shared, key=lambda s: (-s.members, s.opposed, SIDES.index(s.stance), s.demand)))


def _side(stance: str, actors: list[str], cells: dict[tuple[str, str], Cell], demand: str) -> Side:
    own = {a: cells[(a, demand)].claims for a in actors}
    ordered = sorted(actors, key=lambda a: (not any(c.first_hand for c in own[a]), -len(own[a]), a))
    claims = {(c.document, c.id): c for a in actors for c in own[a]}
    return Side(
        stance=stance,
        actors=tuple(ordered),
        first_hand=sum(1 for a in actors if any(c.first_hand for c in own[a])),
        claims=len(claims),
        evidence=_evidence(ordered, own),
    )


def _evidence(actors: list[str], own: dict[str, tuple[ClaimRecord, ...]]) -> tuple[ClaimRecord, ...]:
    """A few passages for one side: each actor's best passage in turn (first-hand, then newest), then second ones."""
    queues: dict[str, list[ClaimRecord]] = {}  # sorted only for the actors reached: usually the first few
    chosen: dict[tuple[str, str], ClaimRecord] = {}
    depth = 0
    while len(chosen) < EVIDENCE_PER_SIDE and depth < max(len(own[a]) for a in actors):
        for actor in actors:
            if len(chosen) >= EVIDENCE_PER_SIDE:
                break
            if depth < len(own[actor]):
                if actor not in queues:
                    queues[actor] = _best_first(own[actor])
                claim = queues[actor][depth]
                chosen.setdefault((claim.document, claim.id), claim)
        depth += 1
    return tuple(chosen.values())


def _best_first(claims: tuple[ClaimRecord, ...]) -> list[ClaimRecord]:
    """First-hand claims first, each group newest first (undated last), then by document and id."""
    by_id = sorted(claims, key=lambda c: (c.document, c.id))
    newest = sorted(by_id, key=lambda c: c.date.value if c.date else "", reverse=True)  # stable: ties keep id order
    return sorted(newest, key=lambda c: not c.first_hand)


def _contested(table: dict[str, dict[str, list[str]]], cells: dict[tuple[str, str], Cell]) -> tuple[Contested, ...]:
    """Demands with supporters and opponents, the smaller side's size first, then both sides', then id."""
    found = []
    for demand, stances in table.items():
        supporters, opponents = stances.get("supports", []), stances.get("opposes", [])
        if supporters and opponents:
            found.append(
                Contested(
                    demand,
                    _side("supports", supporters, cells, demand),
                    _side("opposes", opponents, cells, demand),
                    tuple(stances.get("conditional", [])),
                    tuple(stances.get("mixed", [])),
                )
            )
    return tuple(
        sorted(found, key=lambda c: (-min(len(c.supporting.actors), len(c.opposing.actors)), -len(c.supporting.actors) - len(c.opposing.actors), c.demand))
    )


def page_path(kind: str, number: int) -> str:
    """Path of the `number`th page (1-based) of a paged list of the agreement view: `agreement/contested.md`, `agreement/contested/2.md`."""
    return paging.page_path(f"agreement/{kind}.md", f"agreement/{kind}", number)


def page_specs(data: Agreement, index: Index) -> list[PageSpec]:
    """The agreement page, and the contested demands and blocs on pages of their own (paged within the page budget)."""
    specs = [PageSpec("agreement/index.md", "Agreement and conflict", "agreement_index.html.j2", {"evidence_per_side": EVIDENCE_PER_SIDE})]
    for kind, chunks, title in (("contested", data.contested_pages, "Contested demands"), ("blocs", data.bloc_pages, "Blocs")):
        for n, chunk in enumerate(chunks, start=1):
            paged = title if len(chunks) == 1 else f"{title} ({n} of {len(chunks)})"
            context = {
                "items": chunk,
                "number": n,
                "count": len(chunks),
                "kind": kind,
                "evidence_per_side": EVIDENCE_PER_SIDE,
                "members": MEMBERS_SHOWN,
                "shared": SHARED_SHOWN,
            }
            specs.append(PageSpec(page_path(kind, n), paged, f"agreement_{kind}.html.j2", context))
    return specs
