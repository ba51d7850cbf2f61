"""Printable briefings, one per theme: its demands, each with its supporters, opponents and conditional positions.

A briefing is the stance matrix read one demand at a time, for paper: names, not cells, each with the
basis of its positions (`basis.py`: first-hand, reported, or according to whom). Long
themes are split into parts by the one paginator (`paging`: each demand's measured bytes, the one
budget, the one address of a list's later pages, `briefings/<theme>/2/`); long sides name their
first actors (most positions first) and count the rest, which the demand page lists.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..index import Index
from ..models import THEMES
from ..pages import PageSpec
from . import paging
from .basis import Basis, summarise
from .measure import Edition, Measure
from .stances import CELL_STANCES, Cell

ACTORS_PER_SIDE = 8
"""Actors named on each side of a demand; the demand page names them all."""


@dataclass(frozen=True)
class Side:
    """The actors whose cell on a demand has one stance, most positions first."""

    stance: str
    cells: tuple[Cell, ...]

    @property
    def shown(self) -> tuple[Cell, ...]:
        return self.cells[:ACTORS_PER_SIDE]

    @property
    def more(self) -> int:
        return max(0, len(self.cells) - ACTORS_PER_SIDE)


@dataclass(frozen=True)
class Item:
    """One demand of a briefing: its sides, and the number of actors that took a position on it."""

    demand: str
    sides: tuple[Side, ...]
    bases: dict[str, Basis]
    """Actor → on whose word its stance on the demand rests, said beside its name."""

    @property
    def actors(self) -> int:
        return sum(len(side.cells) for side in self.sides)

    @property
    def contested(self) -> bool:
        stances = {side.stance for side in self.sides if side.cells}
        return {"supports", "opposes"} <= stances


@dataclass(frozen=True)
class Briefing:
    theme: str
    items: tuple[Item, ...]
    """Demands with positions, most actors first, then by id."""
    silent: tuple[str, ...]
    """Demands of the theme on which no actor has a position yet."""
    pages: tuple[tuple[Item, ...], ...] = ()
    """The items of each page, as `paginate` cut them by their measured bytes; until then, all on one."""

    def parts(self) -> list[tuple[Item, ...]]:
        return list(self.pages) if self.pages else [self.items]

    @property
    def positions(self) -> int:
        return sum(cell.count for item in self.items for side in item.sides for cell in side.cells)


@dataclass(frozen=True)
class Briefings:
    themes: tuple[Briefing, ...]


def _item(index: Index, demand: str, cells: list[Cell]) -> Item:
    sides = []
    for stance in CELL_STANCES:
        chosen = sorted((c for c in cells if c.stance == stance), key=lambda c: (-c.count, c.actor))
        sides.append(Side(stance, tuple(chosen)))
    return Item(demand, tuple(sides), {c.actor: summarise(index, c.claims) for c in sorted(cells, key=lambda c: c.actor)})


def compute(index: Index, cells: dict[tuple[str, str], Cell]) -> Briefings:
    by_demand: dict[str, list[Cell]] = {}
    for (_, demand), cell in cells.items():
        by_demand.setdefault(demand, []).append(cell)
    themes = []
    for theme in THEMES:
        demands = sorted(d for d, record in index.sources.demands.items() if record.model.theme == theme)
        items = sorted((_item(index, d, by_demand[d]) for d in demands if d in by_demand), key=lambda item: (-item.actors, item.demand))
        themes.append(Briefing(theme, tuple(items), tuple(d for d in demands if d not in by_demand)))
    return Briefings(tuple(b for b in themes if b.items or b.silent))


def paginate(data: Briefings, measure: Measure) -> Briefings:
    """Each briefing's demands cut into pages by the measured bytes of each one as its page prints it (`paging.pack`, the
    one budget of long lists), never by a count."""
    cut = []
    for briefing in data.themes:
        here = page_path(briefing.theme, 2)

        def weigh(edition: Edition, item: Item, here: str = here) -> int:
            return edition.macro("_briefing.html.j2", here, "item", item)

        cut.append(replace(briefing, pages=tuple(measure.pack(briefing.items, weigh))))
    return replace(data, themes=tuple(cut))


def page_path(theme: str, part: int) -> str:
    """`briefings/<theme>.md`, then `briefings/<theme>/2.md`… (`paging.page_path`; the former `briefings/<theme>-2.md` redirect here)."""
    return paging.page_path(f"briefings/{theme}.md", f"briefings/{theme}", part)


def page_specs(data: Briefings, index: Index) -> list[PageSpec]:
    specs = [PageSpec("briefings/index.md", "Briefings by theme", "briefings_index.html.j2", {"briefings": data})]
    for briefing in data.themes:
        parts = briefing.parts()
        for n, items in enumerate(parts, start=1):
            title = f"Briefing: {briefing.theme.replace('-', ' ')}" + (f", part {n} of {len(parts)}" if len(parts) > 1 else "")
            context = {
                "briefing": briefing,
                "items": items,
                "part": n,
                "parts": len(parts),
                "paths": [page_path(briefing.theme, i) for i in range(1, len(parts) + 1)],
            }
            specs.append(PageSpec(page_path(briefing.theme, n), title, "briefing.html.j2", context))
    return specs
