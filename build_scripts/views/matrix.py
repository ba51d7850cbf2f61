"""The stance matrix: actor × demand, each cell a stance and the claims behind it, seriated so that blocs show.

Its columns are topics: the demands, and the statements and instruments actors take a stance on
as a whole (their issuers supporting them), which have a page of their own beside the themes.

Rows are actors grouped by bloc (largest bloc first; within a bloc, most positions first, then
id), then the actors in no bloc in the same order. Columns are demands in the order of the
mean row of their supporters (the barycentre), so that a bloc's demands sit near it; ties by
id; demands nobody supports follow, by the barycentre of every actor with a position on them.

Pages are split by theme, then into groups of columns, then through actors by activity
(claims in that group, most first), with as many rows as fit the page budget by their measured
bytes (`paginate`); within a page rows keep the seriation order. The whole matrix is one CSV download (`matrix_csv.py`).

The matrix limited to a period (`by_period`, `matrix/period-<slug>/…`) is built the same way from the positions placed
in that period alone (`weighed.place`, as the agreement view places them), its rows grouped by that period's blocs: a
cell there holds only that period's positions. Each claim's period is also in the cell's tokens, for the page's filter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from statistics import fmean
from types import SimpleNamespace
from typing import Any, ClassVar

from babel.support import NullTranslations
from markupsafe import Markup

from ..analysis.scope import Period
from ..catalogues import N_, NN_
from ..index import Index
from ..pages import PageSpec
from ..words import ACCORDING_TO, AND, BASIS_COUNT, BASIS_WORDS, COMMA, DESCRIBERS_NAMED, MATRIX_MARKS, MORE_DESCRIBERS, attribute_json, counted
from . import paging
from .agreement import Agreement, Bloc
from .basis import Basis, described_by, summarise
from .matrix_csv import CSV_COLUMNS, downloads, rows
from .measure import Edition, Measure
from .stances import GROUPS, INSTRUMENTS, Cell, theme_of
from .weighed import place

COLUMNS_PER_PAGE = 20
"""Demands per matrix page: beyond this a theme's columns go on further pages."""
STANCE_WORDS = {"supports": N_("supports"), "opposes": N_("opposes"), "conditional": N_("conditional"), "mixed": N_("mixed")}
"""A cell's stance in its accessible name (as `_matrix.html.j2` says it)."""
STANCE_SYMBOLS = {"supports": "+", "opposes": "\u2212", "conditional": N_("if\u00a0"), "mixed": "\u00b1"}
"""A cell's stance in its text, before its count."""
SHOWING_ACTORS = NN_("Showing %(shown)s of %(total)s actor on this page.", "Showing %(shown)s of %(total)s actors on this page.")
"""The filters' status line: how many of the page's rows they keep."""
WITHIN_PERIOD = N_("%(period)s: %(showing)s")
"""The status line with a period chosen: the period's name, then the rows shown."""
STANCE_CODES = {"supports": "s", "opposes": "o", "conditional": "c"}
BASIS_CODES = {"first-hand": "f", "reported": "r", "described": "d"}


@dataclass(frozen=True)
class MatrixPage:
    """One page of the matrix: a theme's group of columns (or the statements and instruments') and a run of its actors."""

    path: str
    theme: str
    """A demands' theme, or `instruments`."""
    demands: tuple[str, ...]
    """Columns, in seriation order: demands, or instruments on the `instruments` page."""
    actors: tuple[str, ...]
    """Rows, in seriation order."""
    part: int
    """Which group of the theme's columns (1-based), of `parts`."""
    parts: int
    page: int
    """Which run of the group's actors by activity (1-based), of `pages`."""
    pages: int
    first_column: int
    """The number of this page's first column among the theme's demands (1-based)."""
    first_actor: int
    """The rank by activity of this page's most active actor within the group (1-based)."""
    group_actors: int
    """How many actors have a position in this group of columns."""
    types: tuple[str, ...]
    """The actor types on this page, for its filter."""
    years: tuple[int, int] | None
    """The first and last year of the claims on this page, for its date filter; None when none is dated."""


@dataclass(frozen=True)
class Theme:
    """A theme's share of the matrix and its pages."""

    theme: str
    demands: tuple[str, ...]
    actors: int
    cells: int
    claims: int
    pages: tuple[MatrixPage, ...]


@dataclass(frozen=True)
class Matrix:
    actors: tuple[str, ...]
    """Row order (the seriation)."""
    demands: tuple[str, ...]
    """Column order (the seriation): demand and instrument ids."""
    cells: dict[tuple[str, str], Cell]
    rank: dict[str, int]
    """Actor → its row in the seriation (0-based)."""
    activity: dict[str, int]
    """Actor → how many claims it has in the matrix."""
    bloc: dict[str, int]
    """Actor → the number of its bloc, for actors in one."""
    themes: tuple[Theme, ...]
    MARKS: ClassVar[dict[str, str]] = MATRIX_MARKS
    bases: dict[tuple[str, str], Basis] = field(default_factory=dict)
    """(actor, topic) → on whose word the cell's stance rests (`basis.py`), said in its mark and its accessible name."""
    marks: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    """(actor, topic) → its claims for the page's filters (`tokens`), and whose descriptions they cite, `|`-separated."""
    periods: tuple[Period, ...] = ()
    """The periods positions are placed in, in order: a token's `~k` is the k-th."""
    period: Period | None = None
    """The period this matrix is limited to; None for the matrix of all positions."""
    by_period: tuple[Matrix, ...] = ()
    """On the matrix of all positions: the matrix limited to each period that has positions, in period order."""
    prefix: str = "matrix"
    """Where its theme pages go: `matrix`, or `matrix/period-<slug>`."""

    def tokens(self, actor: str, demand: str) -> str:
        """A cell's claims, compactly, for the page's filters: stance letter, basis letter (`f` first-hand, `r` reported, `d` a third
        party's description), date, `~` and the index of its period when it is placed in one, and for a description `@` the indices
        of its describers among the cell's (`describers`), `.`-separated."""
        return self.marks[(actor, demand)][0]

    def describers(self, actor: str, demand: str) -> str:
        return self.marks[(actor, demand)][1]

    def script_words(self, page: MatrixPage, say: NullTranslations) -> Markup:
        """The words the page's filters say a recounted cell and the rows shown in (`matrix.js`), in the edition's language: the
        page's own words, as `basis_words` and the cells' names say them, each count worded up to the largest the page can show
        (the script holds no words of its own, and counts by no plural rule of its own)."""
        cells = [(a, d) for a in page.actors for d in page.demands if (a, d) in self.cells]
        most = max((self.cells[key].count for key in cells), default=1)
        named = max((len(self.describers(*key).split("|")) for key in cells if self.describers(*key)), default=0)
        total = len(page.actors)
        showing = say.ngettext(*SHOWING_ACTORS, total) % {"shown": "{shown}", "total": total}
        words = {
            "stances": {stance: say.gettext(word) for stance, word in STANCE_WORDS.items()},
            "symbols": {stance: say.gettext(symbol) for stance, symbol in STANCE_SYMBOLS.items()},
            "bases": {kind: say.gettext(word) for kind, word in BASIS_WORDS.items()},
            "marks": MATRIX_MARKS,
            "count": say.gettext(BASIS_COUNT) % {"count": "{count}", "basis": "{basis}"},
            "according": say.gettext(ACCORDING_TO),
            "named": DESCRIBERS_NAMED,
            "comma": say.gettext(COMMA),
            "and": say.gettext(AND),
            "more": [say.ngettext(*MORE_DESCRIBERS, n) % {"num": n} for n in range(1, named - DESCRIBERS_NAMED + 1)],
            "claims": [counted(n, "claim", say=say) for n in range(1, most + 1)],
            "showing": showing,
            "within": say.gettext(WITHIN_PERIOD) % {"period": "{period}", "showing": "{showing}"},
        }
        return attribute_json(words)

    @property
    def pages(self) -> tuple[MatrixPage, ...]:
        return tuple(page for theme in self.themes for page in theme.pages)

    @property
    def period_index(self) -> int | None:
        """This matrix's period among `periods` (None for all positions)."""
        return None if self.period is None else self.periods.index(self.period)

    def limited(self, period: Period | None) -> Matrix | None:
        """The matrix limited to `period` (this one for None), or None when no position is placed in it."""
        if period is None:
            return self
        return next((m for m in self.by_period if m.period == period), None)

    def theme_page(self, period: Period | None, theme: str) -> str | None:
        """The first page of `theme` in the matrix limited to `period` (all positions for None), else that matrix's first page."""
        found = self.limited(period)
        if found is None or not found.themes:
            return None
        return next((t.pages[0].path for t in found.themes if t.theme == theme), found.themes[0].pages[0].path)


def compute(index: Index, cells: dict[tuple[str, str], Cell], agreement: Agreement, periods: tuple[Period, ...] | None = None) -> Matrix:
    """The seriated matrix, a page for each theme's group of columns (`paginate` cuts their actors into pages), and the same
    matrix limited to each period (`periods`, by default the agreement view's), rows grouped by that period's blocs."""
    periods = tuple(f.period for f in agreement.figures.periods) if periods is None else periods
    memo: dict[tuple[str, bool, bool], Period | None] = {}
    where = {id(c): place(c, periods, memo) for cell in cells.values() for c in cell.claims}
    number = {p: k for k, p in enumerate(periods)}
    numbers = {key: None if found is None else number[found] for key, found in where.items()}
    data = _matrix(index, cells, agreement.figures.latest_blocs, periods, None, numbers)
    limited = []
    for period in periods:
        mine = {key: Cell(c.actor, c.topic, kept) for key, c in cells.items() if (kept := tuple(x for x in c.claims if where[id(x)] == period))}
        if mine:
            blocs = next((f.blocs for f in agreement.figures.periods if f.period == period), ())
            limited.append(_matrix(index, mine, blocs, periods, period, numbers))
    return replace(data, by_period=tuple(limited))


def _matrix(index: Index, cells: dict[tuple[str, str], Cell], blocs: tuple[Bloc, ...], periods: tuple[Period, ...], period: Period | None,
            numbers: dict[int, int | None]) -> Matrix:  # fmt: skip
    """One matrix, of all positions or of one period's (`numbers`: each claim's period, by the claim's id)."""
    actors = seriate_actors(cells, blocs)
    rank = {actor: i for i, actor in enumerate(actors)}
    demands = seriate_demands(cells, rank)
    activity: dict[str, int] = defaultdict(int)
    for (actor, _), cell in cells.items():
        activity[actor] += cell.count
    bloc = {actor: b.number for b in blocs for actor in b.members}
    bases = {key: summarise(index, cell.claims) for key, cell in cells.items()}
    marks = {key: _marks(index, cell, bases[key], numbers) for key, cell in cells.items()}
    prefix = "matrix" if period is None else f"matrix/period-{period.slug}"
    data = Matrix(actors, demands, cells, rank, dict(sorted(activity.items())), bloc, (), bases, marks, periods, period, (), prefix)
    return replace(data, themes=_themes(index, data, None, {}))


def _marks(index: Index, cell: Cell, basis: Basis, numbers: dict[int, int | None]) -> tuple[str, str]:
    """A cell's claims as the page's filters read them, and its describers' names (`Matrix.tokens`)."""
    order = {segment: n for n, segment in enumerate(basis.describers)}
    tokens = []
    for claim in cell.claims:
        kind, by = described_by(index, claim)
        who = f"@{'.'.join(str(order[segment]) for segment in by)}" if by else ""
        k = numbers[id(claim)]
        when = f"{claim.date.value if claim.date else ''}{'' if k is None else f'~{k}'}"
        tokens.append(f"{STANCE_CODES[claim.stance]}{BASIS_CODES[kind]}{when}{who}")
    return " ".join(tokens), "|".join(name for _, name in basis.describers)


def paginate(data: Matrix, index: Index, measure: Measure) -> Matrix:
    """The matrix, and each matrix limited to a period, with each group of columns' actors cut into pages by the measured bytes of their rows."""
    paged = _paginate(data, index, measure, data)
    return replace(paged, by_period=tuple(_paginate(limited, index, measure, paged) for limited in data.by_period))


def _paginate(data: Matrix, index: Index, measure: Measure, whole: Matrix) -> Matrix:
    """One matrix's pages. A page of many wide columns has a heavy frame (their headings and key): each page is rendered and
    weighed, and a group whose page outgrows its budget is cut again with that much less room for rows.
    """
    room: dict[tuple[str, int], int] = {}
    weighed: dict[tuple[Any, ...], int] = {}  # a page as rendered before: its theme's pages and the themes' first pages unchanged
    while True:
        paged = replace(data, themes=_themes(index, data, measure, room))
        views = measure.views
        shown = paged if paged.period is None else whole
        seen = SimpleNamespace(**{**vars(views), "matrix": shown}) if isinstance(views, SimpleNamespace) else replace(views, matrix=shown)
        over: dict[tuple[str, int], int] = {}
        firsts = tuple((t.theme, t.pages[0].path) for t in paged.themes)
        for spec in _theme_specs(paged):
            page = spec.context["page"]
            same = (spec.path, spec.title, next(t.pages for t in paged.themes if t.theme == page.theme), firsts)
            if same not in weighed:
                weighed[same] = measure.excess(spec.path, spec.title, spec.template, seen, spec.context)  # in the edition it outgrows most
            excess = weighed[same]
            if excess > 0 and len(page.actors) > 1:  # a page of one row is as light as the group's pages get
                over[(page.theme, page.part)] = max(over.get((page.theme, page.part), 0), excess)
        if not over:
            return paged
        for key, excess in over.items():
            room[key] = room.get(key, paging.PAGE_BYTES) - excess


def _themes(index: Index, data: Matrix, measure: Measure | None, room: dict[tuple[str, int], int]) -> tuple[Theme, ...]:
    group_of = {d: theme_of(index, d) for d in data.demands}
    by_demand: dict[str, list[Cell]] = defaultdict(list)
    for cell in data.cells.values():
        by_demand[cell.topic].append(cell)
    types = {a: index.sources.actors[a].model.type for a in data.actors}
    found = []
    for theme in GROUPS:
        if theme in group_of.values():
            demands = tuple(d for d in data.demands if group_of[d] == theme)
            found.append(_theme(data, theme, demands, by_demand, types, measure, room))
    return tuple(found)


def seriate_actors(cells: dict[tuple[str, str], Cell], blocs: tuple[Bloc, ...]) -> tuple[str, ...]:
    """Actors grouped by bloc (`blocs`: the newest period's that has blocs, or the period's own), largest bloc first; within a bloc
    and after the blocs, most positions first, then id."""
    positions: dict[str, int] = defaultdict(int)
    for actor, _ in cells:
        positions[actor] += 1
    in_blocs = [actor for bloc in blocs for actor in sorted(bloc.members, key=lambda a: (-positions[a], a)) if actor in positions]
    seen = set(in_blocs)
    rest = sorted((a for a in positions if a not in seen), key=lambda a: (-positions[a], a))
    return tuple(in_blocs + rest)


def seriate_demands(cells: dict[tuple[str, str], Cell], rank: dict[str, int]) -> tuple[str, ...]:
    """Demands by the mean row of their supporters, ties by id; demands nobody supports after, by the mean row of all their actors."""
    rows: dict[str, list[int]] = defaultdict(list)
    supporters: dict[str, list[int]] = defaultdict(list)
    for (actor, demand), cell in cells.items():
        rows[demand].append(rank[actor])
        if cell.stance == "supports":
            supporters[demand].append(rank[actor])

    def key(demand: str) -> tuple[int, float, str]:
        if supporters[demand]:
            return (0, fmean(supporters[demand]), demand)
        return (1, fmean(rows[demand]), demand)

    return tuple(sorted(rows, key=key))


def _theme(
    data: Matrix,
    theme: str,
    demands: tuple[str, ...],
    by_demand: dict[str, list[Cell]],
    types: dict[str, str],
    measure: Measure | None,
    room: dict[tuple[str, int], int],
) -> Theme:
    """A theme's columns cut into groups, and each group's actors into pages (one page until `measure` weighs their rows).

    `room`: (theme, group) → the bytes of rows a page of the group holds, when less than the budget (`paginate`).
    """
    rank = data.rank
    mine = [cell for d in demands for cell in by_demand[d]]
    groups = [demands[i : i + COLUMNS_PER_PAGE] for i in range(0, len(demands), COLUMNS_PER_PAGE)]
    pages: list[MatrixPage] = []
    for part, columns in enumerate(groups, start=1):
        group = [cell for d in columns for cell in by_demand[d]]
        claims: dict[str, int] = defaultdict(int)
        for cell in group:
            claims[cell.actor] += cell.count
        by_activity = sorted(claims, key=lambda a: (-claims[a], a))
        first_page = page_path(theme, part if len(groups) > 1 else 0, 1, data.prefix)
        here = paging.page_path(first_page, first_page.removesuffix(".md"), 2)
        # Unmeasured: one page.
        runs = measure.pack(by_activity, _rows(here, columns, theme == INSTRUMENTS, data), room.get((theme, part))) if measure else [tuple(by_activity)]
        group_actors = sum(len(run) for run in runs)
        first = 1
        for page, run in enumerate(runs, start=1):
            path = page_path(theme, part if len(groups) > 1 else 0, page, data.prefix)
            ordered = tuple(sorted(run, key=rank.__getitem__))
            inside = set(run)
            years = sorted(int(c.date.value[:4]) for cell in group if cell.actor in inside for c in cell.claims if c.date)
            pages.append(
                MatrixPage(
                    path, theme, columns, ordered, part, len(groups), page, len(runs),
                    first_column=demands.index(columns[0]) + 1,
                    first_actor=first,
                    group_actors=group_actors,
                    types=tuple(sorted({types[a] for a in run})),
                    years=(years[0], years[-1]) if years else None,
                )
            )  # fmt: skip
            first += len(run)
    return Theme(theme, demands, len({c.actor for c in mine}), len(mine), sum(c.count for c in mine), tuple(pages))


def _rows(here: str, columns: tuple[str, ...], on_instruments: bool, data: Matrix) -> Callable[[Edition, str], int]:
    """An actor's row of a matrix page, weighed as rendered in an edition (its bloc's rule above it, the longer of its two forms)."""

    def weigh(edition: Edition, actor: str) -> int:
        return edition.macro("_matrix.html.j2", here, "row", actor, columns, True, on_instruments, data)

    return weigh


def page_path(theme: str, part: int, page: int, prefix: str = "matrix") -> str:
    """`matrix/<theme>.md`; `-<part>` when the theme's columns take several groups; `<…>/<page>.md` for further runs of actors.
    Limited to a period: `matrix/period-<slug>/<theme>…`."""
    first = f"{prefix}/{theme}{f'-{part}' if part else ''}"
    return paging.page_path(f"{first}.md", first, page)


def page_specs(data: Matrix, index: Index) -> list[PageSpec]:
    """The overview page and one page per theme, group of columns and run of actors (each with the words its filters recount cells in),
    for all positions and for each period."""
    specs = [PageSpec("matrix/index.md", "Stance matrix", "matrix_index.html.j2", {"columns_per_page": COLUMNS_PER_PAGE})]
    for found in (data, *data.by_period):
        specs += _theme_specs(found)
    return specs


def _theme_specs(data: Matrix) -> list[PageSpec]:
    """One matrix's theme pages."""
    specs = []
    for page in data.pages:
        label = "statements and instruments" if page.theme == INSTRUMENTS else page.theme.replace("-", " ")
        where = []
        if page.parts > 1:
            where.append(f"{'columns' if page.theme == INSTRUMENTS else 'demands'} {page.first_column}–{page.first_column + len(page.demands) - 1}")
        if page.pages > 1:
            where.append(f"actors {page.first_actor}–{page.first_actor + len(page.actors) - 1} by activity")
        title = f"Stance matrix{f', {data.period.name}' if data.period else ''}: {label}" + (f" ({', '.join(where)})" if where else "")
        specs.append(PageSpec(page.path, title, "matrix_theme.html.j2", {"page": page, "matrix": data}))
    return specs


__all__ = ["CSV_COLUMNS", "Matrix", "MatrixPage", "Theme", "compute", "downloads", "page_specs", "paginate", "rows"]
