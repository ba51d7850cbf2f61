"""The stance matrix as one CSV download: a row per actor × topic cell, in seriation order, with its claims counted by stance and basis."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from ..exports.dossier import csv_cell
from ..exports.sink import Download
from ..index import Index, stance_of
from .stances import theme_of

if TYPE_CHECKING:
    from .matrix import Matrix

STANCES = ("supports", "opposes", "conditional")
CSV_COLUMNS = [
    "actor", "actor_name", "actor_type", "bloc", "row", "demand", "demand_statement", "theme", "column",
    "stance", "claims", "supports", "opposes", "conditional", "first_hand_claims", "first_hand_stance",
    "reported_claims", "described_claims", "basis_class", "according_to", "earliest", "latest", "evidence", "topic_kind",
]  # fmt: skip
"""`demand`, `demand_statement` and `theme` of a statement or instrument: its id, its name and `instruments`; `topic_kind` says which.

`basis_class`: the strongest basis among the cell's claims; `according_to`: whose descriptions, when a third party's are all there is."""


def rows(data: Matrix, index: Index) -> list[dict[str, object]]:
    """One row per actor × demand cell, in seriation order: the stance, the claims behind it, and their first-hand part."""
    s = index.sources
    out: list[dict[str, object]] = []
    column = {d: i for i, d in enumerate(data.demands)}
    for (actor, demand), cell in sorted(data.cells.items(), key=lambda item: (data.rank[item[0][0]], column[item[0][1]])):
        first = [c for c in cell.claims if c.first_hand]
        basis = data.bases[(actor, demand)]
        dates = sorted(c.date.value for c in cell.claims if c.date)
        by_stance = {stance: sum(1 for c in cell.claims if c.stance == stance) for stance in STANCES}
        out.append(
            {
                "actor": actor,
                "actor_name": s.actors[actor].model.name.value,
                "actor_type": s.actors[actor].model.type,
                "bloc": data.bloc.get(actor),
                "row": data.rank[actor] + 1,
                "demand": demand,
                "demand_statement": s.demands[demand].model.statement if demand in s.demands else s.instruments[demand].model.name.value,
                "theme": theme_of(index, demand),
                "column": column[demand] + 1,
                "stance": cell.stance,
                "claims": cell.count,
                **by_stance,
                "first_hand_claims": len(first),
                "first_hand_stance": stance_of(first) if first else None,
                "reported_claims": basis.count("reported"),
                "described_claims": basis.count("described"),
                "basis_class": basis.strongest,
                "according_to": "; ".join(name for _, name in basis.describers) if basis.described_only else None,
                "earliest": dates[0] if dates else None,
                "latest": dates[-1] if dates else None,
                "evidence": " ".join(f"sources/{c.document}/" if c.authorship else f"sources/{c.document}/#{c.id}" for c in cell.claims),
                "topic_kind": "demand" if demand in s.demands else "instrument",
            }
        )
    return out


def downloads(data: Matrix, index: Index) -> list[Download]:
    """`downloads/matrix.csv`: the whole matrix, one row per actor × demand cell; formula-like cells neutralised."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows(data, index):
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return [Download("downloads/matrix.csv", out.getvalue())]
