"""The network: actors ↔ conferences (with roles) and actor ↔ actor ties, laid out by Graphviz as SVG at build time.

Three kinds of graph, each drawn for the one page it sits on (its links are relative to that
page): the whole network (`network/index.md`), a glimpse of it on the home page, and each
actor's neighbourhood on its page. Every graph is capped so that it stays legible and small;
what is left out is reached through the actors and conferences indexes.

Each period has a network of its own (`network/period-<slug>/`, drawn in `network_periods.py`).

Graphviz lays the graphs out (`neato` for the networks, `twopi` around the actor for a
neighbourhood); all graphs of a build go through a few `dot` processes at once. The SVG that
comes back is rebuilt element by element from an allowlist, so it is small, stable from build
to build and holds nothing but shapes, text and links (both in build_scripts/graphviz_svg.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from babel.support import NullTranslations
from markupsafe import Markup

from .. import graphviz_svg
from ..analysis import weighing
from ..analysis.scope import Period
from ..catalogues import N_, NN_
from ..graphviz_svg import clean_svg
from ..index import Index, Participation
from ..models import STATUSES
from ..pages import PageSpec, Site
from ..words import ACTOR_TYPE_LABELS, KIND_LABELS, NOUNS, STATUS_LABELS
from . import connected
from .agreement import Agreement, Pair
from .graph import GROUPS, Edge, Graph, Node, reworded, to_dot
from .phrases import Counted, Joined, Name, Naming, Phrase, Words, period_words, phrase, plural_phrase

if TYPE_CHECKING:
    from .network_periods import PeriodNetwork

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

RELATION_WORDS = {
    "leads": N_("leads"),
    "member-of": N_("member of"),
    "represents": N_("represents"),
    "part-of": N_("part of"),
    "belongs-to": N_("belongs to"),
    "works-for": N_("works for"),
    "established-by": N_("established by"),
}
AFFILIATIONS = NN_("affiliation", "affiliations")
SHORT_STATUS = {status: N_(status) for status in ("organised", "attended", "spoke", "boycotted", "absent", "invited")} | {"addressed": N_("addressed")}
"""An actor's role at a conference as a drawn tie's label says it (shorter than `STATUS_LABELS`)."""


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
    periods: tuple[PeriodNetwork, ...] = ()
    """A network per period of the agreement view, in period order (`network_periods.py`)."""
    home_ties: tuple[connected.Ties, ...] = ()
    """What each place of the home page's glimpse rests on, in its order."""

    def neighbourhood(self, actor: str) -> Graph | None:
        return self.neighbourhoods.get(actor)

    def svg(self, graph: Graph, say: NullTranslations | None = None, name: Naming | None = None) -> Markup:
        """The graph's SVG, rebuilt from an allowlist of inert elements (see `graphviz_svg.clean_svg`), its words in the
        language of `say` (English as drawn)."""
        drawn = self.svgs[graph.key]
        if say is None:
            return Markup(drawn)
        return Markup(reworded(drawn, graph, say, name))


# --- nodes and ties --------------------------------------------------------------------------


def _actor_node(index: Index, actor_id: str) -> Node:
    actor = index.sources.actors[actor_id].model
    full = actor.name.value + (f" ({actor.acronym.value})" if actor.acronym else "")
    label = actor.acronym.value if actor.acronym else actor.name.value
    what = plural_phrase(ACTOR_TYPE_LABELS[actor.type])
    key = f"actors/{actor_id}"
    return Node(
        key, "actor", actor_id, label, phrase(N_("%(name)s, %(what)s"), name=Name(key + "#full", full), what=what), GROUPS.get(actor.type, "organisation"), what
    )


def _conference_node(index: Index, conf_id: str) -> Node:
    conf = index.sources.conferences[conf_id].model
    label = conf.short_name or conf.name.value
    what = plural_phrase(KIND_LABELS[conf.kind])
    key = f"conferences/{conf_id}"
    return Node(key, "conference", conf_id, label, phrase(N_("%(name)s, %(what)s"), name=Name(key + "#full", conf.name.value), what=what), "conference", what)


def _participation_words(p: Participation) -> tuple[Words, Words, str]:
    """An actor's roles at a conference in words: full, short (for a drawn label), and the roles the sources give."""
    statuses = list(dict.fromkeys(s.status for s in p.statuses))
    words: Words = Joined(tuple(Phrase(STATUS_LABELS[s]) for s in statuses), Phrase(N_(", ")))
    if p.claims:
        voiced = phrase(N_("%(positions)s voiced there"), positions=Counted(len(p.claims), NOUNS["position"]))
        words = Joined((words, voiced), Phrase(N_("; "))) if statuses else voiced
    short: Words = Phrase(SHORT_STATUS[statuses[0]]) if statuses else Phrase(N_("voiced positions"))
    if len(statuses) > 1:
        short = phrase(N_("%(role)s +"), role=short)
    return words, short, "; ".join(sorted({s.role for s in p.statuses if s.role}))


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
        ordered = tuple(Phrase(RELATION_WORDS[r]) for r in sorted(by_relation, key=list(RELATION_WORDS).index))
        roles = "; ".join(sorted({role for r in by_relation for role in by_relation[r]}))
        edges.append(Edge("affiliation", f"actors/{source}", f"actors/{target}", Joined(ordered, Phrase(N_(" and "))), Joined(ordered, " / "), note=roles))
    return edges


def agreement_edges(agreement: Agreement | tuple[Pair, ...], signatories: dict[str, int] | None = None) -> list[Edge]:
    """Actor — actor: same stance (congruence) and opposite stances (conflict), from the agreement view's pairs (first-hand and
    reported positions, compared within a period; or one period's pairs), each saying how many of its topics rest on both actors'
    first-hand words."""
    signatories = signatories or {}
    edges = []
    for pair in agreement if isinstance(agreement, tuple) else agreement.pairs:
        a, b = f"actors/{pair.a}", f"actors/{pair.b}"
        first_hand = pair.first_hand
        topics = Counted(pair.union, NOUNS["topic"])
        if pair.agreed:
            message = N_("same stance on %(n)s of the %(topics)s either takes a position on, %(first_hand)s first-hand on both sides")
            words: Words = phrase(message, n=str(len(pair.agreed)), topics=topics, first_hand=str(first_hand[0]))
            documents = {m.document for m in pair.agreed}
            alone = not pair.opposed and len(documents) == 1 and None not in documents
            share = 1 / max(1, signatories.get(next(iter(documents)) or "", 2) - 1) if alone else 1.0
            if alone:
                words = phrase(N_("%(words)s, all of it from one document that names them together"), words=words)
            label = phrase(N_("agree on %(n)s"), n=str(len(pair.agreed)))
            edges.append(
                Edge("congruence", a, b, words, label, pair.congruence_score, share=share, topics=pair.congruence, first_hand=first_hand[0] > 0, joint=alone)
            )
        if pair.opposed:
            message = N_("opposite stances on %(n)s of the %(topics)s either takes a position on, %(first_hand)s first-hand on both sides")
            words = phrase(message, n=str(len(pair.opposed)), topics=topics, first_hand=str(first_hand[1]))
            label = phrase(N_("differ on %(n)s"), n=str(len(pair.opposed)))
            edges.append(Edge("conflict", a, b, words, label, pair.conflict_score, topics=pair.conflict, first_hand=first_hand[1] > 0))
    return edges


def _strongest(edges: Iterable[Edge]) -> list[Edge]:
    """Ties of one kind, strongest first, ties broken by the actors' ids."""
    return sorted(edges, key=lambda e: (-e.weight, e.source, e.target))


# --- the whole network and its glimpse --------------------------------------------------------


def _degrees(edges: list[Edge]) -> dict[str, float]:
    """Node key → how connected it is: its distinct neighbours by any kind of tie, a tie that rests on one joint document
    alone counting 1 / (k - 1) for its k signatories, so that signing one statement with many does not make an actor central."""
    neighbours: dict[str, dict[str, float]] = defaultdict(dict)
    for e in edges:
        for one, other in ((e.source, e.target), (e.target, e.source)):
            neighbours[one][other] = max(neighbours[one].get(other, 0.0), e.share)
    return {key: sum(others.values()) for key, others in neighbours.items()}


def overview(key: str, page: str, title: Words, edges: list[Edge], nodes: dict[str, Node], limit: int, period: Period | None = None) -> Graph:
    """The `limit` most connected nodes and their ties among themselves (agreement ties: the strongest, as many as nodes)."""
    degrees = _degrees(edges)
    ranked = sorted(degrees, key=lambda k: (-degrees[k], nodes[k].kind, nodes[k].label.casefold(), k))
    kept, chosen = _drawn(ranked[:limit], edges, limit)
    # Some of the most connected may be tied only to nodes outside the drawing: the next ones, each with its tie to one drawn, take their places.
    for candidate in ranked[limit:]:
        if len(chosen) >= limit or len(kept) >= int(TIES_PER_NODE * limit):
            break
        drawn = set(chosen)
        tie = next((e for e in edges if e.kind in ("participation", "affiliation") and {e.source, e.target} - drawn == {candidate}), None)
        if tie is not None:
            chosen.append(candidate)
            kept.append(tie)
    counts = {k: sum(1 for n in chosen if nodes[n].kind == k) for k in ("actor", "conference")}
    numbers: dict[str, Words] = {
        "actors": Counted(counts["actor"], NOUNS["actor"]),
        "conferences": Counted(counts["conference"], KIND_LABELS["conference"]),
        "total": str(len(degrees)),
    }
    description = (
        phrase(
            N_(
                "%(actors)s and %(conferences)s, the most connected of %(total)s; lines show who took part in which conference, affiliations, "
                "and the strongest agreements and conflicts between actors."
            ),
            **numbers,
        )
        if period is None
        else phrase(
            N_(
                "%(actors)s and %(conferences)s, the most connected of %(total)s in %(period)s; lines show who took part in the conferences "
                "held in %(period)s, and the strongest agreements and conflicts between actors within %(period)s."
            ),
            **numbers,
            period=period_words(period),
        )
    )
    return Graph(key, page, title, description, tuple(nodes[k] for k in chosen), tuple(kept), "neato", total_nodes=len(degrees))


def _drawn(chosen: list[str], edges: list[Edge], limit: int) -> tuple[list[Edge], list[str]]:
    """The ties drawn among `chosen` (agreement ties: the strongest, as many as `limit`), and the chosen nodes that have one."""
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
    return kept, [k for k in chosen if k in tied]  # a node whose ties all lead outside the drawing is left for the indexes


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


def _neighbourhood(actor: str, edges_of: dict[str, list[Edge]], index: Index, nodes: dict[str, Node], limit: int | None = None) -> Graph | None:
    """The actor, its affiliations, conferences and strongest partners, picked in turn from each kind until `limit` nodes
    (`NEIGHBOURHOOD_LIMIT` unless given)."""
    limit = NEIGHBOURHOOD_LIMIT if limit is None else limit
    key = f"actors/{actor}"
    candidates = _neighbourhood_candidates(actor, edges_of, index)
    if not any(candidates):
        return None
    neighbours: list[str] = []
    queues = [list(c) for c in candidates]
    while len(neighbours) < limit - 1 and any(queues):
        for queue in queues:
            while queue:
                edge = queue.pop(0)
                other = edge.target if edge.source == key else edge.source
                if other not in neighbours:
                    neighbours.append(other)
                    break
            if len(neighbours) >= limit - 1:
                break
    shown = set(neighbours)
    picked = [e for group in candidates for e in group if (e.target if e.source == key else e.source) in shown]
    total = len({(e.target if e.source == key else e.source) for e in edges_of.get(key, [])})
    me = nodes[key]
    counts: dict[str, int] = defaultdict(int)
    for e in picked:
        counts[e.kind] += 1
    parts = (
        Counted(counts["participation"], KIND_LABELS["conference"]),
        Counted(counts["affiliation"], AFFILIATIONS),
        phrase(N_("%(actors)s it agrees with most"), actors=Counted(counts["congruence"], NOUNS["actor"])),
    )
    last = phrase(N_("%(actors)s it differs from most"), actors=Counted(counts["conflict"], NOUNS["actor"]))
    ties = phrase(N_("%(first)s and %(last)s"), first=Joined(parts, Phrase(N_(", "))), last=last)
    description = phrase(N_("%(name)s at the centre, tied to %(ties)s."), name=Name(key, me.label), ties=ties)
    if total > len(neighbours):
        message = N_("%(description)s %(drawn)s of its %(total)s connections are drawn.")
        description = phrase(message, description=description, drawn=str(len(neighbours)), total=str(total))
    title = phrase(N_("Network of %(name)s"), name=Name(key, me.label))
    return Graph(f"actor/{actor}", f"actors/{actor}.md", title, description, (me, *(nodes[n] for n in neighbours)), tuple(picked), "twopi", key, total + 1)


def nodes_of(index: Index) -> dict[str, Node]:
    """Every actor and conference as a node, by key."""
    return {f"actors/{a}": _actor_node(index, a) for a in index.sources.actors} | {
        f"conferences/{c}": _conference_node(index, c) for c in index.sources.conferences
    }


# --- the view -----------------------------------------------------------------------------------


def all_edges(index: Index, agreement: Agreement) -> list[Edge]:
    """Every tie of the network of all periods: participation, affiliation, agreement and conflict."""
    return participation_edges(index) + affiliation_edges(index) + agreement_edges(agreement, weighing.signatories(index.positions))


def whole_network(edges: list[Edge], nodes: dict[str, Node], limit: int) -> Graph:
    """The network page's drawing: its `limit` most connected nodes (fewer where the page outgrows its budget: `network_periods.fit`)."""
    return overview("network", "network/index.md", Phrase(N_("Network of actors and conferences")), edges, nodes, limit)


def neighbourhood(index: Index, edges: list[Edge], nodes: dict[str, Node], actor: str, limit: int) -> Graph | None:
    """An actor's neighbourhood of at most `limit` nodes (fewer where its page outgrows its budget: `network_periods.fit`)."""
    key = f"actors/{actor}"
    return _neighbourhood(actor, {key: [e for e in edges if key in (e.source, e.target)]}, index, nodes, limit)


def compute(index: Index, agreement: Agreement, site: Site) -> Network:
    """Every graph of the build and its SVG, laid out by Graphviz in one batch."""
    edges = all_edges(index, agreement)
    nodes = nodes_of(index)
    whole = whole_network(edges, nodes, WHOLE_LIMIT)
    home = overview("home", "index.md", Phrase(N_("The most connected actors and conferences")), edges, nodes, HOME_LIMIT)
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
    drawn = graphviz_svg.render_svg([to_dot(g, site) for g in graphs])
    svgs = {g.key: clean_svg(raw, g.slug, str(g.title), str(g.description)) for g, raw in zip(graphs, drawn, strict=True)}
    degrees = _degrees(edges)
    actors = sum(1 for k in degrees if k.startswith("actors/"))
    return Network(whole, home, neighbourhoods, svgs, actors, len(degrees) - actors, home_ties=connected.rests_on(home, edges))


def page_specs(data: Network, index: Index) -> list[PageSpec]:
    """The network page, and a page per period."""
    specs = [PageSpec("network/index.md", "Network", "network_index.html.j2")]
    specs += [PageSpec(p.page, f"Network in {p.period.name}", "network_period.html.j2", {"data": p}) for p in data.periods]
    return specs


__all__ = ["Edge", "Graph", "Network", "Node", "Pair", "compute", "page_specs"]
