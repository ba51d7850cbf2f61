"""A synthetic dossier, written for the tests (no real actor, statement or event): positions in two periods (calendar years).

- 2020: the Alpha Party and the Delta Party support demand one; the Gamma Party supports demand two.
- 2021: the Alpha Party opposes demand one and the Gamma Party supports it; the Beta Party, in two statements of that year,
  supports it and opposes it.

Over all positions the Alpha Party's stance on demand one is mixed. Limited to 2020 it supports it (and agrees with the Delta
Party); limited to 2021 it opposes it (and differs from the Gamma Party). The Beta Party's stance in 2021 stays mixed.
"""

from __future__ import annotations

from pathlib import Path

from .communique_dossier import _document, _write

POSITIONS = (
    ("alpha-2020", "2020-03-01", "alpha", "one", "supports"),
    ("delta-2020", "2020-03-15", "delta", "one", "supports"),
    ("gamma-2020", "2020-04-01", "gamma", "two", "supports"),
    ("alpha-2021", "2021-03-01", "alpha", "one", "opposes"),
    ("gamma-2021", "2021-04-01", "gamma", "one", "supports"),
    ("beta-2021a", "2021-05-01", "beta", "one", "supports"),
    ("beta-2021b", "2021-09-01", "beta", "one", "opposes"),
)
"""(document, date, actor, demand, stance): one position a document, the actor's own publication."""


def write(root: Path) -> Path:
    """The dossier's sources under `root`; returns `root`."""
    for actor in ("alpha", "beta", "gamma", "delta"):
        name = f"{actor.capitalize()} Party"
        _write(root / "actors" / f"{actor}.md", f"---\nname: {{value: {name}, editorial: Synthetic test fixture.}}\ntype: party\n---\nA synthetic party.\n")
    for demand in ("one", "two"):
        _write(root / "demands" / f"{demand}.md", f"---\nstatement: Demand {demand}\ntheme: governance\n---\nA synthetic demand.\n")
    for doc, date, actor, demand, stance in POSITIONS:
        evidence = f"The {actor} party {stance} demand {demand} in {date}."
        _document(root, doc, f"Synthetic statement {doc}", date, [actor], [([actor], f"demand: {demand}", stance, "own-publication", evidence)])
    return root
