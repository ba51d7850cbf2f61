"""The index pages of actors, conferences, demands, instruments and sources: every record listed, on numbered pages.

Each index keeps its order (actors by type, demands by theme, conferences by date, sources newest
first) and is cut into pages by the measured bytes of its rows, so that no index page grows with
the dossier. The first page opens with a summary: how many records of each type, theme or year,
each group linked to the page where it starts. Further pages are `<folder>/page/2.md`, … (a
record's own page is `<folder>/<id>.md`, so the two never meet).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..index import Index
from ..models import ACTOR_TYPES, THEMES
from ..pages import PageSpec
from . import paging
from .entities import stance_actors
from .entity_lists import invokers
from .measure import Edition, Measure
from .paging import Paged

GROUP_HEADING = 400
"""Room for a group's heading (and, for demands, its table's head) where a group starts on a page."""
ROWS = {"actors": "actor_item", "conferences": "conference_row", "demands": "demand_row", "instruments": "instrument_row", "sources": "source_row"}
"""Each index's row, a macro of `_catalogue.html.j2`: each record is weighed as it renders there."""


@dataclass(frozen=True)
class Catalogue:
    """One index, paged: its records in order, the group of each (type, theme, year), and where each group starts."""

    folder: str
    title: str
    template: str
    pages: Paged[str]
    group_of: dict[str, str]
    """Record id → its group (`person`, `governance`, `2024`); empty when the index has no groups."""
    groups: tuple[tuple[str, int, int], ...] = ()
    """(group, records in it, the number of the page where it starts), in the index's order."""
    firsts: dict[str, str] = field(default_factory=dict)
    """Group → its first record."""
    sides: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """A demand's or instrument's sides (stance → its actors), for its row."""
    invoked: dict[str, int] = field(default_factory=dict)
    """An instrument → how many actors' positions invoke it, for its row."""

    def runs(self, ids: Sequence[str]) -> list[tuple[str, list[str], bool]]:
        """A page's records by group: (group, ids, `continued` when the group began on an earlier page)."""
        found: list[tuple[str, list[str]]] = []
        for record in ids:
            group = self.group_of.get(record, "")
            if found and found[-1][0] == group:
                found[-1][1].append(record)
            else:
                found.append((group, [record]))
        return [(group, records, self.firsts.get(group) != records[0]) for group, records in found]

    @property
    def records(self) -> tuple[str, ...]:
        """Every record of the index, in its order."""
        return tuple(record for chunk in self.pages.chunks for record in chunk)

    def count(self, group: str) -> int:
        """Records in `group`."""
        return next(n for g, n, _ in self.groups if g == group)

    def title_of(self, number: int) -> str:
        return self.title if self.pages.count == 1 else f"{self.title} (page {number} of {self.pages.count})"


@dataclass(frozen=True)
class Catalogues:
    actors: Catalogue
    conferences: Catalogue
    demands: Catalogue
    instruments: Catalogue
    sources: Catalogue

    def all(self) -> tuple[Catalogue, ...]:
        return (self.actors, self.conferences, self.demands, self.instruments, self.sources)


def _catalogue(
    folder: str, title: str, ids: Sequence[str], group_of: dict[str, str], measure: Measure | None, facts: dict[str, tuple[Any, ...]] | None = None
) -> Catalogue:
    """`facts`: record → what its row shows besides the record (a demand's sides...), as the row's macro takes them."""
    firsts = {record for n, record in enumerate(ids) if n == 0 or group_of.get(record) != group_of.get(ids[n - 1])}
    here = paging.page_path(f"{folder}/index.md", f"{folder}/page", 2)

    def weigh(edition: Edition, record: str) -> int:
        row = edition.macro("_catalogue.html.j2", here, ROWS[folder], record, *(facts or {}).get(record, ()))
        return row + (GROUP_HEADING if record in firsts else 0)

    # Unmeasured: one page, until the views are there to render rows with.
    runs = measure.pack(ids, weigh) if measure is not None else [tuple(ids)]
    pages = Paged(paging.numbered(f"{folder}/index.md", f"{folder}/page", len(runs)), tuple(runs))
    number = {record: n for n, _, chunk in pages.pages() for record in chunk}
    groups: dict[str, list[str]] = {}
    for record in ids:
        groups.setdefault(group_of.get(record, ""), []).append(record)
    summary = tuple((group, len(members), number[members[0]]) for group, members in groups.items()) if group_of else ()
    firsts_of = {group: members[0] for group, members in groups.items()}
    sides = {record: found[0] for record, found in (facts or {}).items()}
    invoked = {record: found[1] for record, found in (facts or {}).items() if len(found) > 1}
    return Catalogue(folder, title, f"{folder}_index.html.j2", pages, group_of, summary, firsts_of, sides, invoked)


def compute(index: Index, measure: Measure | None) -> Catalogues:
    """Every index, in its order, cut into pages by the measured bytes of its rows (`paging.PAGE_BYTES`); without `measure`, one page each."""
    s = index.sources
    actors = sorted(s.actors, key=lambda a: (ACTOR_TYPES.index(s.actors[a].model.type), a))
    demands = sorted(s.demands, key=lambda d: (THEMES.index(s.demands[d].model.theme), d))
    conferences = sorted(s.conferences, key=index.conference_sort_key)
    documents = index.newest_first()
    dates = {d: s.documents[d].model.date for d in documents}
    years = {d: date.value[:4] if date else "undated" for d, date in dates.items()}
    instruments = {i: (stance_actors(index, i), len(invokers(index, i))) for i in s.instruments}
    return Catalogues(
        actors=_catalogue("actors", "Actors", actors, {a: s.actors[a].model.type for a in actors}, measure),
        conferences=_catalogue("conferences", "Conferences", conferences, {}, measure),
        demands=_catalogue(
            "demands", "Demands", demands, {d: s.demands[d].model.theme for d in demands}, measure, {d: (stance_actors(index, d),) for d in demands}
        ),
        instruments=_catalogue("instruments", "Instruments", list(s.instruments), {}, measure, instruments),
        sources=_catalogue("sources", "Sources", documents, years, measure),
    )


def page_specs(data: Catalogues) -> list[PageSpec]:
    """Every page of every index."""
    return [
        PageSpec(path, c.title_of(number), c.template, {"catalogue": c, "number": number, "items": chunk})
        for c in data.all()
        for number, path, chunk in c.pages.pages()
    ]
