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


PHASES = (("Spring 2020", "2020-03", "2020-05"), ("2021", "2021", "2021"))
"""Named phases that leave gaps (`extra.dossier_periods`): June 2020 to the end of 2020, and 2022 on, are in no period."""


def write_with_a_gap(root: Path) -> Path:
    """The dossier of `write` and, synthetic too, the Epsilon Party opposing demand two in 2022 and supporting demand one in
    December 2020: dates that `PHASES` leave outside every period. Demand two is then contested: the Gamma Party supports it in
    spring 2020, the Epsilon Party opposes it in 2022."""
    write(root)
    _write(root / "actors" / "epsilon.md", "---\nname: {value: Epsilon Party, editorial: Synthetic test fixture.}\ntype: party\n---\nA synthetic party.\n")
    for doc, date, demand, stance in (("epsilon-2022", "2022-02-01", "two", "opposes"), ("epsilon-2020", "2020-12-01", "one", "supports")):
        evidence = f"The epsilon party {stance} demand {demand} in {date}."
        _document(root, doc, f"Synthetic statement {doc}", date, ["epsilon"], [(["epsilon"], f"demand: {demand}", stance, "own-publication", evidence)])
    return root
