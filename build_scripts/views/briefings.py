"""Printable briefings, one per theme: its demands, each with its supporters, opponents and conditional positions.

A briefing is the stance matrix read one demand at a time, for paper: names, not cells, each with the
basis of its positions (`basis.py`: first-hand, reported, or according to whom). Long
themes are split into parts by the one paginator (`paging`: each demand's measured bytes, the one
budget, the one address of a list's later pages, `briefings/<theme>/2/`); long sides name their
first actors (most positions first) and count the rest, which the demand page lists.

A briefing can be limited to a period (`by_period`, `briefings/period-<slug>.md` and `briefings/period-<slug>/<theme>/…`): the
same demands read from the positions placed in that period alone (`weighed.place`, as the matrix and the agreement view place
them), only for periods that have positions; its pages are cut by the same paginator.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..analysis.scope import Period
from ..index import Index
from ..models import THEMES
from ..pages import PageSpec
from . import paging
from .basis import Basis, summarise
from .measure import Edition, Measure
from .stances import CELL_STANCES, Cell
from .weighed import place

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
    period: Period | None = None
    """The period this briefing is limited to; None for all positions."""

    def parts(self) -> list[tuple[Item, ...]]:
        return list(self.pages) if self.pages else [self.items]

    def path(self, part: int = 1) -> str:
        return page_path(self.theme, part, self.period)

    @property
    def positions(self) -> int:
        return sum(cell.count for item in self.items for side in item.sides for cell in side.cells)


@dataclass(frozen=True)
class Briefings:
    themes: tuple[Briefing, ...]
    period: Period | None = None
    """The period these briefings are limited to; None for all positions."""
    by_period: tuple[Briefings, ...] = ()
    """For all positions: the briefings limited to each period that has positions, in period order."""

    @property
    def index_path(self) -> str:
        return "briefings/index.md" if self.period is None else f"briefings/period-{self.period.slug}.md"

    def limited(self, period: Period | None) -> Briefings | None:
        """The briefings limited to `period` (these for None), or None when no position is placed in it."""
        return self if period is None else next((b for b in self.by_period if b.period == period), None)

    def theme_page(self, period: Period | None, theme: str) -> str | None:
        """The first page of `theme`'s briefing limited to `period` (all positions for None), else that period's list of briefings."""
        found = self.limited(period)
        if found is None:
            return None
        return next((b.path() for b in found.themes if b.theme == theme and b.items), found.index_path)


def _item(index: Index, demand: str, cells: list[Cell]) -> Item:
    sides = []
    for stance in CELL_STANCES:
        chosen = sorted((c for c in cells if c.stance == stance), key=lambda c: (-c.count, c.actor))
        sides.append(Side(stance, tuple(chosen)))
    return Item(demand, tuple(sides), {c.actor: summarise(index, c.claims) for c in sorted(cells, key=lambda c: c.actor)})


def compute(index: Index, cells: dict[tuple[str, str], Cell], periods: tuple[Period, ...] = ()) -> Briefings:
    """One briefing per theme over all positions, and over each of `periods` that has positions (the matrix's periods)."""
    memo: dict[tuple[str, bool, bool], Period | None] = {}
    where = {id(c): place(c, periods, memo) for cell in cells.values() for c in cell.claims}
    limited = []
    for period in periods:
        mine = {key: Cell(c.actor, c.topic, kept) for key, c in cells.items() if (kept := tuple(x for x in c.claims if where[id(x)] == period))}
        found = _briefings(index, mine, period)
        if any(b.items for b in found.themes):
            limited.append(found)
    return replace(_briefings(index, cells, None), by_period=tuple(limited))


def _briefings(index: Index, cells: dict[tuple[str, str], Cell], period: Period | None) -> Briefings:
    by_demand: dict[str, list[Cell]] = {}
    for (_, demand), cell in cells.items():
        by_demand.setdefault(demand, []).append(cell)
    themes = []
    for theme in THEMES:
        demands = sorted(d for d, record in index.sources.demands.items() if record.model.theme == theme)
        items = sorted((_item(index, d, by_demand[d]) for d in demands if d in by_demand), key=lambda item: (-item.actors, item.demand))
        themes.append(Briefing(theme, tuple(items), tuple(d for d in demands if d not in by_demand), period=period))
    # Limited to a period, a theme none of whose demands has a position in it has no briefing there.
    return Briefings(tuple(b for b in themes if b.items or (b.silent and period is None)), period)


def paginate(data: Briefings, measure: Measure) -> Briefings:
    """Each briefing's demands cut into pages by the measured bytes of each one as its page prints it (`paging.pack`, the
    one budget of long lists), never by a count."""

    def cut(found: Briefings) -> Briefings:
        themes = []
        for briefing in found.themes:
            here = briefing.path(2)

            def weigh(edition: Edition, item: Item, here: str = here) -> int:
                return edition.macro("_briefing.html.j2", here, "item", item)

            themes.append(replace(briefing, pages=tuple(measure.pack(briefing.items, weigh))))
        return replace(found, themes=tuple(themes))

    return replace(cut(data), by_period=tuple(cut(b) for b in data.by_period))


def page_path(theme: str, part: int, period: Period | None = None) -> str:
    """`briefings/<theme>.md`, then `briefings/<theme>/2.md`… (`paging.page_path`; the former `briefings/<theme>-2.md` redirect here).
    Limited to a period: `briefings/period-<slug>/<theme>…`."""
    prefix = "briefings" if period is None else f"briefings/period-{period.slug}"
    return paging.page_path(f"{prefix}/{theme}.md", f"{prefix}/{theme}", part)


def page_specs(data: Briefings, index: Index) -> list[PageSpec]:
    """The list of briefings and each theme's briefing, for all positions and for each period that has positions."""
    specs = []
    for found in (data, *data.by_period):
        period = found.period
        within = "" if period is None else f" in {period.name}"
        specs.append(PageSpec(found.index_path, f"Briefings by theme{within}", "briefings_index.html.j2", {"briefings": found}))
        for briefing in found.themes:
            parts = briefing.parts()
            for n, items in enumerate(parts, start=1):
                title = f"Briefing{f', {period.name}' if period else ''}: {briefing.theme.replace('-', ' ')}"
                title += f", part {n} of {len(parts)}" if len(parts) > 1 else ""
                context = {"briefing": briefing, "items": items, "part": n, "parts": len(parts), "paths": [briefing.path(i) for i in range(1, len(parts) + 1)]}
                specs.append(PageSpec(briefing.path(n), title, "briefing.html.j2", context))
    return specs
