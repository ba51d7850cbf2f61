"""Agreement that respects joint statements and prominence, and blocs only where the data supports them.

Over one scope's positions (`scope.Scope`: bases and period), each actor has a stand on each topic
(a demand, or an instrument as a whole): the stance of its positions there, `mixed` when they differ.

Prominence. A topic on which nearly everyone who speaks takes one side, and no one the other,
says little about who sides with whom. Each topic weighs

    w(t) = 1                                  when someone supports t and someone opposes it,
    w(t) = ln(1 + N / n(t)) / ln(1 + N)       otherwise,

where N is the number of actors with a stand in the scope and n(t) the number with a stand on t
(an inverse document frequency, smoothed so that it stays in (0, 1]): a demand everyone supports
weighs least, one that two actors out of twenty support weighs nearly 1.

Joint statements. Co-signing is one event. For a pair of actors, the topics on which both stands
come wholly from one document that both issued together (a joint claim naming both, or both
issuers' authorship of an instrument, cited to that document) form one unit, whose weight is the
mean of its topics' weights; every other topic is a unit of its own. So a communiqué's seven shared
demands count once for its signatories, however many sign it.

A pair's figures, over the units either actor has a stand in (the union U):

    agreement(a, b) = sum of w(u) over units where both take the same side (supports or opposes) / sum of w(u) over U
    conflict(a, b)  = sum of w(u) over topics where one supports and the other opposes       / sum of w(u) over U
    net(a, b)       = agreement - conflict

Conditional and mixed stands count in the union but neither agree nor conflict, as in the
agreement view.

Signatories do not multiply a statement's weight in blocs. A joint document signed by k actors
would otherwise give k(k-1)/2 ties of full strength, and a 19-party communiqué would decide the
blocs alone. The bond between two actors, the edge weight blocs are found on, counts each agreed
unit as an event shared by the k(u) actors in it, at w(u) / (k(u) - 1), as co-authorship networks
count a paper of k authors: each actor's ties from one event weigh the same however many share it.
k(u) is the number of signatories of a joint unit's document, and for a topic the number of actors
who take that side of it in the scope:

    bond(a, b) = (sum of w(u) / (k(u) - 1) over agreed units - sum of w(u) over conflicting topics) / sum of w(u) over U

Blocs (`blocs`): Louvain communities of the graph whose edges are the pairs with a positive bond,
weighted by it (fixed seed). A direct conflict separates: two actors in first-hand conflict
(opposite first-hand stands on a topic) with no first-hand agreement are never left in one bloc;
such a bloc is split around the two, each other member joining the one it agrees with more. The
partition is shown only when it is supported: at least two blocs have two members or more, some
two actors in different blocs take opposite sides of a topic (agreement alone makes clusters, not
camps: in a sparse graph of weak agreements modularity is high without any side being taken),
and its weighted modularity is at least `MODULARITY_THRESHOLD`. Otherwise the positions do not
form blocs, and the page says so.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

import networkx as nx  # type: ignore[import-untyped]

from ..catalogues import N_
from ..index import ClaimRecord, stance_of

SIDES = ("supports", "opposes")
LOUVAIN_SEED = 7
MODULARITY_THRESHOLD = 0.3
"""Newman's rule of thumb: a modularity of about 0.3 or more indicates real community structure."""


@dataclass(frozen=True)
class Stand:
    """One actor's stance on one topic, over the positions in scope (`mixed` when they differ)."""

    actor: str
    topic: str
    claims: tuple[ClaimRecord, ...]

    @property
    def stance(self) -> str:
        return stance_of(self.claims)

    @property
    def first_hand_stance(self) -> str | None:
        """The stance of the first-hand positions alone (None without any; `mixed` when they differ)."""
        first = [c for c in self.claims if c.first_hand]
        return stance_of(first) if first else None


def stands(claims: Iterable[ClaimRecord], key: Callable[[ClaimRecord], str | None] | None = None) -> dict[tuple[str, str], Stand]:
    """(actor, topic) → stand, sorted; a joint claim gives each of its actors a stand.

    `key` names what a stand is on (the claim's topic by default): `topic@period` keeps periods apart, and a claim
    whose key is None is left out."""
    grouped: dict[tuple[str, str], list[ClaimRecord]] = defaultdict(list)
    for claim in claims:
        topic = claim.topic if key is None else key(claim)
        if topic is None:
            continue
        for actor in claim.actors:
            grouped[(actor, topic)].append(claim)
    return {key: Stand(key[0], key[1], tuple(grouped[key])) for key in sorted(grouped)}


def weights(found: dict[tuple[str, str], Stand]) -> dict[str, float]:
    """Topic → its weight: 1 when contested, an inverse-frequency weight in (0, 1] when all who speak take one side."""
    actors = {actor for actor, _ in found}
    total = len(actors)
    by_topic: dict[str, list[str]] = defaultdict(list)
    for (_, topic), stand in found.items():
        by_topic[topic].append(stand.stance)
    weighed = {}
    for topic, stances in sorted(by_topic.items()):
        contested = "supports" in stances and "opposes" in stances
        weighed[topic] = 1.0 if contested or total <= 1 else math.log(1 + total / len(stances)) / math.log(1 + total)
    return weighed


@dataclass(frozen=True)
class Unit:
    """What counts once in a pair's figures: one topic, or the topics two actors share from one joint document."""

    key: str
    """The topic's id, or `joint:<document>`."""
    topics: tuple[str, ...]
    weight: float
    signatories: int = 2
    """How many actors share the event: a joint document's signatories, or the actors on the same side of a topic."""


@dataclass(frozen=True)
class Tie:
    """Two actors (a < b): the units they agree and conflict on, the union's weight, and their first-hand relation."""

    a: str
    b: str
    agree: tuple[Unit, ...]
    conflict: tuple[Unit, ...]
    union: float
    first_hand_conflict: bool
    first_hand_agreement: bool

    @property
    def agreement(self) -> float:
        return sum(u.weight for u in self.agree) / self.union if self.union else 0.0

    @property
    def conflict_score(self) -> float:
        return sum(u.weight for u in self.conflict) / self.union if self.union else 0.0

    @property
    def net(self) -> float:
        return self.agreement - self.conflict_score

    @property
    def bond(self) -> float:
        """The edge weight blocs are found on: a joint unit's agreement shared among its signatories."""
        if not self.union:
            return 0.0
        agreed = sum(u.weight / (u.signatories - 1) for u in self.agree)
        return (agreed - sum(u.weight for u in self.conflict)) / self.union

    @property
    def separates(self) -> bool:
        """A first-hand conflict with no first-hand agreement: never one bloc."""
        return self.first_hand_conflict and not self.first_hand_agreement


def _joint_document(a: Stand, b: Stand) -> str | None:
    """The one document both stands come wholly from, issued by both together; None otherwise."""
    claims = (*a.claims, *b.claims)
    documents = {c.document for c in claims}
    if len(documents) != 1:
        return None
    together = all(c.authorship or {a.actor, b.actor} <= set(c.actors) for c in claims)
    return documents.pop() if together else None


def _units(keys: dict[str, list[str]], weighed: dict[str, float], shared: dict[str, int]) -> list[Unit]:
    """Each key's topics as one unit: their mean weight, and how many actors share it (`shared`, by key)."""
    return [Unit(key, tuple(topics), sum(weighed[t] for t in topics) / len(topics), max(2, shared.get(key, 2))) for key, topics in sorted(keys.items())]


def signatories(claims: Iterable[ClaimRecord]) -> dict[str, int]:
    """Document → how many actors issued it together: the actors of its joint claims and its issuers' authorship."""
    found: dict[str, set[str]] = defaultdict(set)
    for claim in claims:
        if claim.joint or claim.authorship:
            found[claim.document].update(claim.actors)
    return {document: len(actors) for document, actors in sorted(found.items())}


def tie(a: str, b: str, mine: dict[str, Stand], theirs: dict[str, Stand], weighed: dict[str, float], shared: dict[str, int] | None = None) -> Tie:
    """The figures of one pair, from each actor's stands by topic.

    `shared`: how many actors share each event: `joint:<document>` → its signatories, `<topic>:<side>` → the actors on that side.
    """
    shared = shared or {}
    union: dict[str, list[str]] = defaultdict(list)
    agree: dict[str, list[str]] = defaultdict(list)
    conflict: dict[str, list[str]] = defaultdict(list)
    fh_conflict = fh_agreement = False
    for topic in sorted(mine.keys() | theirs.keys()):
        x, y = mine.get(topic), theirs.get(topic)
        document = _joint_document(x, y) if x and y else None
        key = f"joint:{document}" if document else topic
        union[key].append(topic)
        if x is None or y is None:
            continue
        if x.stance in SIDES and x.stance == y.stance:
            agree[key if document else f"{topic}:{x.stance}"].append(topic)
        elif {x.stance, y.stance} == set(SIDES):
            conflict[topic].append(topic)
        fx, fy = x.first_hand_stance, y.first_hand_stance
        fh_agreement |= fx in SIDES and fx == fy
        fh_conflict |= {fx, fy} == set(SIDES)
    total = sum(u.weight for u in _units(union, weighed, shared))
    return Tie(a, b, tuple(_units(agree, weighed, shared)), tuple(_units(conflict, weighed, shared)), total, fh_conflict, fh_agreement)


def ties(found: dict[tuple[str, str], Stand], weighed: dict[str, float] | None = None) -> list[Tie]:
    """Every pair of actors with a topic in common, found per topic (the work grows with the positions)."""
    weighed = weights(found) if weighed is None else weighed
    claims = {(c.document, c.id): c for stand in found.values() for c in stand.claims}  # an anchor is unique on its own page only
    shared = {f"joint:{document}": k for document, k in signatories(claims.values()).items()}
    sides: dict[str, int] = defaultdict(int)
    for (_, topic), stand in found.items():
        if stand.stance in SIDES:
            sides[f"{topic}:{stand.stance}"] += 1
    shared |= sides
    by_actor: dict[str, dict[str, Stand]] = defaultdict(dict)
    by_topic: dict[str, list[str]] = defaultdict(list)
    for (actor, topic), stand in found.items():
        by_actor[actor][topic] = stand
        by_topic[topic].append(actor)
    pairs = {pair for actors in by_topic.values() for pair in combinations(sorted(actors), 2)}
    return [tie(a, b, by_actor[a], by_actor[b], weighed, shared) for a, b in sorted(pairs)]


@dataclass(frozen=True)
class Blocs:
    """A partition of the actors, its modularity, and whether it is shown (supported) or not, with the reason."""

    groups: tuple[tuple[str, ...], ...]
    modularity: float | None
    shown: bool
    reason: str


def _graph(actors: Iterable[str], found: Sequence[Tie]) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(sorted(actors))
    graph.add_weighted_edges_from((t.a, t.b, t.bond) for t in found if t.bond > 0)
    return graph


def _split(group: list[str], apart: Tie, net: dict[frozenset[str], float]) -> list[list[str]]:
    """A group split around two actors who must not share a bloc: each other member joins the one it agrees with more."""
    left, right = [apart.a], [apart.b]
    for member in group:
        if member in (apart.a, apart.b):
            continue
        towards_a, towards_b = net.get(frozenset((member, apart.a)), 0.0), net.get(frozenset((member, apart.b)), 0.0)
        (left if towards_a >= towards_b else right).append(member)
    return [sorted(left), sorted(right)]


def blocs(actors: Iterable[str], found: Sequence[Tie]) -> Blocs:
    """Louvain blocs on positive net ties, split wherever a direct conflict would share a bloc, shown only when supported."""
    graph = _graph(actors, found)
    if graph.number_of_edges() == 0:
        return Blocs(tuple((a,) for a in sorted(graph.nodes)), None, False, N_("no two actors agree more than they conflict"))
    groups = [sorted(g) for g in nx.community.louvain_communities(graph, weight="weight", seed=LOUVAIN_SEED)]
    apart = [t for t in found if t.separates]
    net = {frozenset((t.a, t.b)): t.bond for t in found}
    changed = True
    while changed:
        changed = False
        for group in sorted(groups):
            members = set(group)
            breach = next((t for t in apart if t.a in members and t.b in members), None)
            if breach is not None:
                groups.remove(group)
                groups.extend(_split(group, breach, net))
                changed = True
                break
    groups = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g))
    modularity = float(nx.community.modularity(graph, groups, weight="weight"))
    sizeable = sum(1 for g in groups if len(g) >= 2)
    if sizeable < 2:
        return Blocs(tuple(map(tuple, groups)), modularity, False, N_("the positions do not form two or more groups"))
    bloc_of = {member: n for n, group in enumerate(groups) if len(group) >= 2 for member in group}
    if not any(t.conflict and t.a in bloc_of and t.b in bloc_of and bloc_of[t.a] != bloc_of[t.b] for t in found):
        reason = N_("no two actors of different groups take opposite sides of a demand or statement: agreement alone does not make blocs")
        return Blocs(tuple(map(tuple, groups)), modularity, False, reason)
    if modularity < MODULARITY_THRESHOLD:
        reason = f"the partition's modularity, {modularity:.2f}, is below {MODULARITY_THRESHOLD}: the positions do not form blocs"
        return Blocs(tuple(map(tuple, groups)), modularity, False, reason)
    return Blocs(tuple(map(tuple, groups)), modularity, True, f"modularity {modularity:.2f}, at least {MODULARITY_THRESHOLD}")
