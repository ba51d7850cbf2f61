"""Synthetic positions for the analysis tests, written for them: a compact way to make ClaimRecords by hand."""

from __future__ import annotations

from build_scripts.index import AUTHORSHIP, ClaimRecord
from build_scripts.models import Date


def position(
    actors: str,
    topic: str,
    stance: str = "supports",
    document: str = "doc",
    basis: str = "quoted",
    date: str | None = "2024-06-01",
    approximate: bool = False,
    no_later_than: bool = False,
    instrument: bool = False,
) -> ClaimRecord:
    """`actors` space-separated; `topic` a demand's id, or an instrument's when `instrument` (or the basis is authorship)."""
    on_instrument = instrument or basis == AUTHORSHIP
    made_date = None
    if date is not None:
        made_date = Date(value=date, approximate=approximate, no_later_than=no_later_than, note="synthetic" if approximate else None)
    return ClaimRecord(
        id=f"{document}-{actors.replace(' ', '-')}-{topic}-{stance}",
        document=document,
        actors=tuple(actors.split()),
        demand=None if on_instrument else topic,
        instrument=topic if on_instrument else None,
        stance=stance,
        basis=basis,
        evidence="" if basis == AUTHORSHIP else "synthetic evidence",
        date=made_date,
    )
