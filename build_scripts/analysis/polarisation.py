"""DNA's polarisation score: of a given partition of actors, and of the partition that maximises it.

Derived from the Discourse Network Analyzer (leifeld/dna): rDNA's `dna_polarization.R` passes its
options to `HeadlessDna.rPolarization`, which builds a `dna/export/Polarization.java`; the score
is that class's `qualityAbsdiff`, the search its `greedyTimeStep` (and `geneticTimeStep`). The
arithmetic below is written anew from that code; no code is taken from it.

Input (the `Polarization` constructor, with timeWindow = "no"): two one-mode actor networks from
the same statements, DNA's `conflict` and `congruence` aggregations, both with "average"
normalisation, i.e. divided by (N[a] + N[b]) / 2 (see `dna.py`). The nodes are all actors with a
statement, tied or not. Write C[a,b] and F[a,b] for them (0 on the diagonal and for pairs with no
shared concept), and |C|, |F| for their entrywise sums over all ordered pairs a ≠ b.

Score of a partition into groups g of sizes s[g] (`qualityAbsdiff`), n actors:

    W = sum over g of s[g]·(s[g] − 1)              ordered pairs within a group
    B = n·(n − 1) − W                              ordered pairs across groups
    e[g]    = (s[g]·(s[g] − 1) / W) · (|C| / W)    "expected" congruence within group g
    f[g, h] = (s[g]·s[h] / B) · (|F| / B)          "expected" conflict between groups g and h
    D = sum over ordered pairs (a, b), a ≠ b, of
          |C[a,b] − e[g]| + F[a,b]                 when a and b are both in group g
          C[a,b] + |F[a,b] − f[g,h]|               when a is in g and b in another group h
    score = D / (2·(|C| + |F|))  normalised (normalizeScores = TRUE), else D / 2

Search (`greedyTimeStep`, `geneticTimeStep`): DNA maximises the score over partitions into k = 2
groups of balanced sizes (ceil(n/2) and floor(n/2)): both its random starts and its moves (swapping
two actors of different groups) keep the sizes. Here, for up to EXHAUSTIVE_MAX actors every
balanced partition is scored and the best kept, which is what DNA's searches approximate; above
that, DNA's greedy swap search runs from GREEDY_STARTS balanced starts drawn with a fixed seed, so
the result is the same on every build but, like DNA's, may fall short of the maximum.

What the score rewards: D is the distance between the networks and a template in which
congruence is spread evenly within groups and conflict evenly across them, and DNA keeps the
partition with the *largest* distance. On a cleanly split set (two camps that agree inside and
conflict across) that partition mixes the camps, not the one that separates them (see the tests);
the score of the whole set, not the groups, is the figure to compare with DNA's `finalMaxQs`.
Where DNA divides by zero (no tie at all, normalised) the score here is 0. For one period, pass
that period's statements: DNA's start.date and stop.date with timeWindow = "no" do the same.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from .dna import Duplicates, Statement, pair_value, shared_pairs, tally

EXHAUSTIVE_MAX = 14
"""Up to this many actors every balanced two-way partition is scored (1,716 partitions for 14)."""
GREEDY_STARTS = 20
"""Balanced random starts of the greedy swap search above EXHAUSTIVE_MAX actors."""
GREEDY_SEED = 7
"""Seed of those starts: the same partition and score on every build."""
EPSILON = 1e-12
"""A swap or a partition counts as better only by more than this (float noise never cycles or reorders)."""


@dataclass(frozen=True)
class Networks:
    """DNA's congruence and conflict networks with "average" normalisation: the input of its polarisation score."""

    actors: tuple[str, ...]
    """Every actor with a statement, sorted."""
    congruence: dict[tuple[str, str], float]
    """(a, b) with a < b → C[a,b] (= C[b,a]); pairs not listed are 0."""
    conflict: dict[tuple[str, str], float]

    @property
    def congruence_norm(self) -> float:
        """|C|: the sum over ordered pairs, each unordered pair twice."""
        return 2 * sum(self.congruence.values())

    @property
    def conflict_norm(self) -> float:
        return 2 * sum(self.conflict.values())


@dataclass(frozen=True)
class Polarisation:
    """A polarisation score and the partition it was found for."""

    score: float
    groups: tuple[tuple[str, ...], ...]
    """Largest group first, each sorted; empty when there are fewer than two actors."""
    search: Literal["exhaustive", "greedy", "given", "none"]
    """How the partition was found: every balanced partition, DNA's greedy swaps, given by the caller, or no search (under two actors)."""


def networks(found: Iterable[Statement], duplicates: Duplicates = "document") -> Networks:
    """The two networks DNA's polarisation starts from, over the same statements as `dna.dna_network`."""
    counts = tally(found, duplicates)
    pairs = shared_pairs(counts)
    congruence = {(a, b): pair_value(counts, a, b, "congruence", "average") for a, b in pairs}
    conflict = {(a, b): pair_value(counts, a, b, "conflict", "average") for a, b in pairs}
    return Networks(tuple(counts), {k: v for k, v in congruence.items() if v}, {k: v for k, v in conflict.items() if v})


def _templates(nets: Networks, sizes: Sequence[int]) -> tuple[list[float], float]:
    """e[g] for each group, and the factor |F| / B² of f[g,h] = s[g]·s[h]·|F| / B² (0 when W or B is 0: then unused)."""
    n = sum(sizes)
    within = sum(s * (s - 1) for s in sizes)
    between = n * (n - 1) - within
    expected = [(s * (s - 1) / within) * (nets.congruence_norm / within) if within else 0.0 for s in sizes]
    per_product = nets.conflict_norm / (between * between) if between else 0.0
    return expected, per_product


def _finish(nets: Networks, distance: float, normalise: bool) -> float:
    """D (over ordered pairs) → the score."""
    if not normalise:
        return distance / 2
    mass = nets.congruence_norm + nets.conflict_norm
    return distance / (2 * mass) if mass else 0.0


def score(nets: Networks, groups: Sequence[Iterable[str]], normalise: bool = True) -> float:
    """DNA's `qualityAbsdiff` of a partition of `nets.actors` (any number of groups, any sizes)."""
    members = [tuple(g) for g in groups]
    group_of = {actor: i for i, g in enumerate(members) for actor in g}
    if sorted(group_of) != list(nets.actors) or sum(map(len, members)) != len(nets.actors):
        raise ValueError("the groups must partition the actors with a statement, each actor in exactly one group")
    sizes = [len(g) for g in members]
    expected, per_product = _templates(nets, sizes)
    distance = 0.0
    for a, b in combinations(nets.actors, 2):
        c, f = nets.congruence.get((a, b), 0.0), nets.conflict.get((a, b), 0.0)
        g, h = group_of[a], group_of[b]
        if g == h:
            distance += 2 * (abs(c - expected[g]) + f)  # both orders of the pair
        else:
            distance += 2 * (c + abs(f - sizes[g] * sizes[h] * per_product))
    return _finish(nets, distance, normalise)


def score_partition(found: Iterable[Statement], groups: Sequence[Iterable[str]], normalise: bool = True, duplicates: Duplicates = "document") -> Polarisation:
    """The score of a given partition (for example the blocs), from statements."""
    nets = networks(found, duplicates)
    return Polarisation(score(nets, groups, normalise), _canonical([tuple(g) for g in groups]), "given")


def _canonical(groups: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    ordered = [tuple(sorted(g)) for g in groups if g]
    return tuple(sorted(ordered, key=lambda g: (-len(g), g)))


class _Costs:
    """Each unordered pair's share of D (both orders) within the small group (0), the large group (1), or across."""

    def __init__(self, nets: Networks) -> None:
        n = len(nets.actors)
        self.n = n
        small = n // 2
        expected, per_product = _templates(nets, [small, n - small])
        across = small * (n - small) * per_product
        self.within: list[list[list[float]]] = [[[0.0] * n for _ in range(n)] for _ in range(2)]
        self.across = [[0.0] * n for _ in range(n)]
        for i, j in combinations(range(n), 2):
            key = (nets.actors[i], nets.actors[j])
            c, f = nets.congruence.get(key, 0.0), nets.conflict.get(key, 0.0)
            for side in (0, 1):
                self.within[side][i][j] = self.within[side][j][i] = 2 * (abs(c - expected[side]) + f)
            self.across[i][j] = self.across[j][i] = 2 * (c + abs(f - across))

    def distance(self, side: list[int]) -> float:
        return sum(self.within[side[i]][i][j] if side[i] == side[j] else self.across[i][j] for i, j in combinations(range(self.n), 2))

    def pair(self, i: int, k: int, side_i: int, side_k: int) -> float:
        """The pair's share of D with i on side_i and k on side_k."""
        return self.within[side_i][i][k] if side_i == side_k else self.across[i][k]


class _Sums:
    """For each side t and actor m, the sum of m's pairs' shares of D were m on side t: swaps scored in O(1), updated in O(n).

    The arithmetic is `_Costs.pair`'s, written out with the rows at hand (a method call per pair was most of the search's time
    at 300 actors); the sums are added in the same order, so the same swaps are made and the same partition found."""

    def __init__(self, costs: _Costs, side: list[int]) -> None:
        self.costs, self.side = costs, side
        across = costs.across
        self.sums: list[list[float]] = []
        for t in (0, 1):
            within = costs.within[t]
            # m's own pair with itself adds 0.0 (the diagonal is zero): the same sums as over k != m
            self.sums.append([sum(w if s == t else a for w, a, s in zip(within[m], across[m], side, strict=True)) for m in range(costs.n)])

    def swap_gain(self, i: int, j: int) -> float:
        """How D changes when i and j (on different sides) change places; their own pair stays across."""
        sums, within, across, side = self.sums, self.costs.within, self.costs.across, self.side
        gain = 0.0
        for mover, other in ((i, j), (j, i)):
            old = side[mover]
            new = 1 - old  # the other's side: sums[new][mover] counted the pair as within, sums[old][mover] as across
            gain += (sums[new][mover] - within[new][mover][other]) - (sums[old][mover] - across[mover][other])
        return gain

    def move(self, i: int) -> None:
        """Put i on the other side, and update every other actor's sums for its pair with i."""
        old, new = self.side[i], 1 - self.side[i]
        across = self.costs.across[i]
        into, out_of = self.costs.within[new][i], self.costs.within[old][i]
        to_new, to_old = self.sums[new], self.sums[old]
        # sums[t][m] gains pair(m, i, t, new) - pair(m, i, t, old): for t = new, within less across; for t = old, across less within.
        # Whole rows at once: i's own entry gains 0.0 - 0.0 (the diagonal is zero), which leaves it as it was.
        to_new[:] = [total + (a - b) for total, a, b in zip(to_new, into, across, strict=True)]
        to_old[:] = [total + (a - b) for total, a, b in zip(to_old, across, out_of, strict=True)]
        self.side[i] = new


def _exhaustive(costs: _Costs) -> list[int]:
    n, small = costs.n, costs.n // 2
    best: tuple[float, list[int]] | None = None
    for chosen in combinations(range(n), small):
        if n % 2 == 0 and chosen[0] != 0:
            break  # groups of equal size: each partition once, with actor 0 in the chosen group
        side = [1] * n
        for i in chosen:
            side[i] = 0
        distance = costs.distance(side)
        if best is None or distance > best[0] + EPSILON:
            best = (distance, side)
    assert best is not None
    return best[1]


def _greedy(costs: _Costs) -> list[int]:
    """DNA's greedy swap search from balanced starts drawn with a fixed seed; the best end point."""
    n, small = costs.n, costs.n // 2
    rng = random.Random(GREEDY_SEED)
    best: tuple[float, list[int]] | None = None
    for _ in range(GREEDY_STARTS):
        side = [0] * small + [1] * (n - small)
        rng.shuffle(side)
        sums = _Sums(costs, side)
        changed = True
        while changed:  # passes over all pairs until no swap improves D
            changed = _pass(sums, n)
        distance = costs.distance(side)
        if best is None or distance > best[0] + EPSILON:
            best = (distance, side)
    assert best is not None
    return best[1]


def _pass(sums: _Sums, n: int) -> bool:
    """One pass of DNA's greedy search over the pairs (i < j) in order, making each swap that improves D; whether one was made.

    `_Sums.swap_gain` written out with i's rows at hand (read again after each swap), each pair's gain computed as it computes it."""
    side, s0, s1, across = sums.side, sums.sums[0], sums.sums[1], sums.costs.across
    w0, w1 = sums.costs.within
    changed = False
    for i in range(n):
        j = i + 1
        while j < n:
            si = side[i]
            # i moves from si to the other side (`to`), and each j on that side to si: i's terms read once per run of j
            w_to, s_to, s_from = (w1[i], s1[i], s0[i]) if si == 0 else (w0[i], s0[i], s1[i])
            wj_from, sj_from, sj_to = (w0, s0, s1) if si == 0 else (w1, s1, s0)
            across_i = across[i]
            swapped = False
            while j < n:
                if side[j] != si:
                    gain = 0.0 + ((s_to - w_to[j]) - (s_from - across_i[j]))
                    gain += (sj_from[j] - wj_from[j][i]) - (sj_to[j] - across[j][i])
                    if gain > EPSILON:
                        sums.move(i)
                        sums.move(j)
                        changed = swapped = True
                j += 1
                if swapped:
                    break
    return changed


def best_partition(nets: Networks, normalise: bool = True) -> Polarisation:
    """The balanced two-way partition with the highest score, as DNA's searches look for it (see the module)."""
    n = len(nets.actors)
    if n < 2:
        return Polarisation(0.0, (), "none")
    costs = _Costs(nets)
    search: Literal["exhaustive", "greedy"] = "exhaustive" if n <= EXHAUSTIVE_MAX else "greedy"
    side = _exhaustive(costs) if search == "exhaustive" else _greedy(costs)
    groups = [tuple(a for a, s in zip(nets.actors, side, strict=True) if s == g) for g in (0, 1)]
    return Polarisation(score(nets, groups, normalise), _canonical(groups), search)


def polarisation(found: Iterable[Statement], normalise: bool = True, duplicates: Duplicates = "document") -> Polarisation:
    """DNA's polarisation score of a set of statements (timeWindow = "no", two groups): the best partition's score."""
    return best_partition(networks(found, duplicates), normalise)
