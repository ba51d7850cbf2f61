"""A synthetic dossier, written for the tests (no real actor, statement or event): camps of parties that take opposite sides.

Each camp supports its own demands and opposes the next camp's, in 2024, each party in a statement of its own: every demand
is contested, and the camps are blocs, each sharing the stances on its own demands and on the next camp's.
"""

from __future__ import annotations

from pathlib import Path

from .communique_dossier import _actor, _document, _write


def write_camps(root: Path, members: int = 2, camps: int = 6, demands: int = 2) -> Path:
    """Synthetic: six camps of two parties (or `camps` of `members`); each camp supports its own two demands (or `demands`) and
    opposes the next camp's, in 2024, each party in a statement of its own. Every one of the 12 demands is contested, and the
    camps are six blocs, each sharing four stances (twice `demands`)."""

    def own(camp: int) -> range:
        return range(demands * camp, demands * (camp + 1))

    for camp in range(camps):
        for demand in own(camp):
            _write(root / "demands" / f"d{demand:02d}.md", f"---\nstatement: Camp demand {demand}\ntheme: process\n---\nA synthetic demand.\n")
    for camp in range(camps):
        rival = (camp + 1) % camps
        for member in range(members):
            actor = f"c{camp}m{member}"
            _actor(root, actor, f"Camp {camp} Member {member}")
            claims = [([actor], f"demand: d{d:02d}", "supports", "own-publication", f"Member {member} of camp {camp} asks for demand {d}.") for d in own(camp)]
            claims += [([actor], f"demand: d{d:02d}", "opposes", "own-publication", f"Member {member} of camp {camp} rejects demand {d}.") for d in own(rival)]
            _document(root, f"{actor}-2024", f"Statement of {actor}", "2024-03-01", [actor], claims)
    return root
