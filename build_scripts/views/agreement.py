"""Agreement and conflict between actors, blocs and contested demands: the view and its pages.

The figures come from the analysis (`analysis/weighing.py`, computed in `weighed.py`): a topic (a demand, or
a statement or instrument as a whole) weighs less when nearly everyone who speaks on it takes one side;
topics two actors share from one joint document count once; positions are compared only within a period;
a third party's description of a position counts only in the edition that asks for it
(`agreement/with-descriptions/`). The agreement page's method section gives every rule and formula.

A stance on a statement or instrument as a whole counts like a stance on a demand: two actors who both
reject the same statement agree, and its issuers count as supporting it, by their authorship.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import SimpleNamespace

from ..analysis import weighing
from ..analysis.scope import BASIS_CLASSES, DEFAULT_BASES, BasisClass, Period, Scope, periods_from
from ..catalogues import N_
from ..index import ClaimRecord, Index
from ..pages import PageSpec, Site
from . import basis, paging, weighed
from .agreement_model import STRONGEST, Bloc, BlocPart, Contested, Figures, Mark, Pair, PeriodFigures, Shared, Side, Trend
from .measure import Measure

SIDES = weighing.SIDES
EVIDENCE_PER_SIDE = weighed.EVIDENCE_PER_SIDE
ACTORS_PER_SIDE = 10
"""Actors named on each side of a contested demand; the demand page names them all."""
RELATED_DEMANDS = 1
"""Demands named under each of the actors an actor page names, with both sides' evidence; the rest are counted."""
TRENDS = 12
"""Pairs shown with their agreement period by period: the largest changes first."""
SHOWN = ((TRENDS, STRONGEST), (8, STRONGEST), (4, STRONGEST), (0, STRONGEST), (0, 6), (0, 4), (0, 2))
"""An agreement page's pairs shown period by period, and its strongest agreements and conflicts: fewer, a step at a time, while the
page outgrows its budget in some edition (`fit`)."""


@dataclass(frozen=True)
class Agreement:
    """The figures of the default scope (first-hand and reported), those with third parties' descriptions, and their pages."""

    figures: Figures
    described: Figures
    """The same figures with third parties' descriptions counted: the edition a reader asks for."""
    paged: dict[tuple[str, str], str] = field(default_factory=dict)
    """(`bloc`, anchor) or (`contested`, demand) → the page that shows it, (`bloc-shared`, anchor) the page where a bloc's shared
    stances begin; (`bloc-all`, anchor), (`bloc-shared-all`, anchor), (`contested-all`, demand) in the edition with descriptions;
    (`contested@<period page>`, demand) on a period's own list."""
    contested_pages: tuple[tuple[Contested, ...], ...] = ()
    """The contested demands cut into pages by their measured bytes (`paginate`); one page until they are."""
    bloc_pages: tuple[tuple[BlocPart, ...], ...] = ()
    """The blocs, every member and shared stance of each, cut into pages by their measured bytes: a bloc that outgrows a page in
    runs of its lines on pages that follow each other (`BlocPart`)."""
    described_contested_pages: tuple[tuple[Contested, ...], ...] = ()
    """The same with third parties' descriptions counted (`described`): `agreement/with-descriptions/contested…`."""
    described_bloc_pages: tuple[tuple[BlocPart, ...], ...] = ()
    period_contested_pages: dict[str, tuple[tuple[Contested, ...], ...]] = field(default_factory=dict)
    """A period's page (`period_page`, in either count) → its contested demands cut into pages: `agreement/period-<slug>/contested…`
    (`period_list`). Only periods with a contested demand have them."""
    shown: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Page → the pairs it shows period by period and the strongest pairs of each kind, where fewer than `SHOWN[0]` keep it within
    the page budget in every edition (`fit`)."""

    # What other views and the templates read, from the default scope.
    @property
    def pairs(self) -> tuple[Pair, ...]:
        return self.figures.pairs

    @property
    def contested(self) -> tuple[Contested, ...]:
        return self.figures.contested

    @property
    def blocs(self) -> tuple[Bloc, ...]:
        return self.figures.blocs

    @property
    def positions(self) -> dict[str, int]:
        return self.figures.positions

    @property
    def periods(self) -> tuple[PeriodFigures, ...]:
        return self.figures.periods

    @property
    def member_of(self) -> dict[str, int]:
        """Actor → its bloc's number in the newest period that has blocs (the matrix's grouping)."""
        return {actor: b.number for b in self.figures.latest_blocs for actor in b.members}

    @property
    def related_demands(self) -> int:
        return RELATED_DEMANDS

    def agrees(self, actor: str) -> list[Pair]:
        return self.figures.agrees(actor)

    def differs(self, actor: str) -> list[Pair]:
        return self.figures.differs(actor)

    def strongest_agreements(self, limit: int = STRONGEST) -> list[Pair]:
        return self.figures.strongest_agreements(limit)

    def strongest_conflicts(self, limit: int = STRONGEST) -> list[Pair]:
        return self.figures.strongest_conflicts(limit)

    def blocs_of(self, actor: str) -> list[Bloc]:
        return self.figures.blocs_of(actor)

    def bloc_page(self, bloc: Bloc, edition: str = "default", shared: bool = False) -> str:
        """The blocs page that shows a bloc, or (`shared`) where its shared stances begin (in the edition with descriptions: `edition` `all`)."""
        kind = "bloc-shared" if shared else "bloc"
        return self.paged[kind if edition == "default" else f"{kind}-all", bloc.anchor]

    def page(self, kind: str, number: int, edition: str = "default") -> str:
        """The `number`th page of the contested demands or of the blocs (of the edition with descriptions: `edition` `all`)."""
        return page_path(kind, number, edition)

    def contested_page(self, demand: str, edition: str = "default") -> str:
        """The page that shows a contested demand's two sides (in the edition with descriptions: `edition` `all`)."""
        return self.paged["contested" if edition == "default" else "contested-all", demand]

    def period_page(self, period: Period, edition: str = "default") -> str:
        """A period's page (`period_page`)."""
        return period_page(period, edition)

    def period_contested(self, period: Period, edition: str = "default") -> str:
        """The first page of a period's own list of contested demands (`period_list`)."""
        return page_path(period_list(period), 1, edition)

    def period_contested_page(self, period: Period, demand: str, edition: str = "default") -> str:
        """The page of a period's own list of contested demands that shows a demand's two sides in that period."""
        return self.paged[f"contested@{self.period_page(period, edition)}", demand]


def figures(index: Index, periods: list[Period], bases: frozenset[BasisClass], name: str) -> Figures:
    """Every figure of one scope: pairs over the whole dossier (periods added up), each period's own, contested demands."""
    scope = Scope(bases=bases)
    claims = [c for c in index.positions if scope.admits(c)]
    memo: dict[tuple[str, bool, bool], Period | None] = {}
    placed = {(c.document, c.id): weighed.place(c, periods, memo) for c in claims}
    unplaced = sum(1 for p in placed.values() if p is None)

    def key(claim: ClaimRecord) -> str | None:
        period = placed[(claim.document, claim.id)]
        return None if period is None else f"{claim.topic}{weighed.SEPARATOR}{period.slug}"

    by_period: dict[Period, list[ClaimRecord]] = {p: [] for p in periods}
    for claim in claims:
        period = placed[(claim.document, claim.id)]
        if period is not None:
            by_period[period].append(claim)
    describe = basis.describer(index)
    per = tuple(weighed.period_figures(p, found, name == "default", describe, name == "all") for p, found in by_period.items() if found)
    # Over the whole dossier, each topic of a period keeps the weight it has in that period: the periods add up.
    whole = weighing.stands(claims, key)
    weights = {f"{topic}{weighed.SEPARATOR}{f.period.slug}": w for f in per for topic, w in f.weights.items()}
    # A pair's basis is shown where descriptions count (elsewhere its first-hand count says it all): found only there.
    pairs = weighed.pairs(whole, {p.slug: p.name for p in periods}, weighing.ties(whole, weights), describe if name == "all" else None)
    pooled = weighing.stands(claims)
    positions: dict[str, int] = {}
    for actor, _ in pooled:
        positions[actor] = positions.get(actor, 0) + 1
    by_actor: dict[str, list[Pair]] = {}
    for pair in pairs:
        by_actor.setdefault(pair.a, []).append(pair)
        by_actor.setdefault(pair.b, []).append(pair)
    return Figures(
        bases=name,
        pairs=pairs,
        contested=_with_periods(weighed.contested(pooled, describe), claims, placed, periods),
        periods=per,
        trends=_trends(per),
        positions=dict(sorted(positions.items())),
        unplaced=unplaced,
        by_actor={actor: tuple(found) for actor, found in sorted(by_actor.items())},
    )


def _with_periods(
    found: tuple[Contested, ...], claims: list[ClaimRecord], placed: dict[tuple[str, str], Period | None], periods: list[Period]
) -> tuple[Contested, ...]:
    """Each contested demand with the periods its positions come from (it pools them), and how many of them no period holds."""
    of_topic: dict[str, set[Period]] = {}
    outside: dict[str, int] = {}
    for claim in claims:
        period = placed[(claim.document, claim.id)]
        if period is not None:
            of_topic.setdefault(claim.topic, set()).add(period)
        else:
            outside[claim.topic] = outside.get(claim.topic, 0) + 1
    return tuple(replace(c, periods=tuple(p.name for p in periods if p in of_topic.get(c.demand, ())), outside=outside.get(c.demand, 0)) for c in found)


def _trends(periods: tuple[PeriodFigures, ...]) -> tuple[Trend, ...]:
    """Pairs with figures in two periods or more, the largest change of net agreement first, then ids."""
    scores: dict[tuple[str, str], list[tuple[str, float, float]]] = {}
    for figures_of in periods:
        for pair in figures_of.pairs:
            scores.setdefault((pair.a, pair.b), []).append((figures_of.period.name, pair.congruence_score, pair.conflict_score))
    found = [Trend(a, b, tuple(s)) for (a, b), s in scores.items() if len(s) > 1]
    return tuple(sorted(found, key=lambda t: (-t.spread, t.a, t.b))[:TRENDS])


def compute(index: Index, site: Site | None = None) -> Agreement:
    """The agreement view, in the default scope and with third parties' descriptions."""
    periods = periods_from((site or Site()).periods, index.positions)
    default = figures(index, periods, DEFAULT_BASES, "default")
    described = figures(index, periods, frozenset(BASIS_CLASSES), "all")
    by_period = {period_page(f.period, edition): (f.contested,) for edition, found in (("default", default), ("all", described)) for f in found.periods}
    return _paged(
        Agreement(
            default,
            described,
            contested_pages=(default.contested,),
            bloc_pages=(tuple(BlocPart(b) for b in default.blocs),),
            described_contested_pages=(described.contested,),
            described_bloc_pages=(tuple(BlocPart(b) for b in described.blocs),),
            period_contested_pages={page: chunks for page, chunks in by_period.items() if chunks[0]},
        )
    )


def paginate(data: Agreement, measure: Measure) -> Agreement:
    """The contested demands and the blocs of each edition, and each period's contested demands, cut into pages by the measured bytes
    of each, as their pages print them (a bloc that outgrows a page, in runs of its members and shared stances: `BlocPart`)."""

    def cut(
        edition: str, contested: tuple[Contested, ...], blocs: tuple[Bloc, ...]
    ) -> tuple[tuple[tuple[Contested, ...], ...], tuple[tuple[BlocPart, ...], ...]]:
        here, there = page_path("contested", 2, edition), page_path("blocs", 2, edition)
        runs = [part for b in blocs for part in _runs(b, lambda part: measure.macro("_agreement.html.j2", there, "bloc_part", part))]
        return (
            tuple(measure.pack(contested, lambda e, c: e.macro("_agreement.html.j2", here, "contested_item", c))),
            tuple(measure.pack(runs, lambda e, p: e.macro("_agreement.html.j2", there, "bloc_part", p))),
        )

    def cut_period(here: str, contested: tuple[Contested, ...]) -> tuple[tuple[Contested, ...], ...]:
        return tuple(measure.pack(contested, lambda e, c: e.macro("_agreement.html.j2", here, "contested_item", c)))

    contested_pages, bloc_pages = cut("default", data.contested, data.blocs)
    described_contested, described_blocs = cut("all", data.described.contested, data.described.blocs)
    by_period = {
        period_page(f.period, edition): cut_period(page_path(period_list(f.period), 2, edition), f.contested)
        for edition, found in (("default", data.figures), ("all", data.described))
        for f in found.periods
        if f.contested
    }
    return _paged(
        replace(
            data,
            contested_pages=contested_pages,
            bloc_pages=bloc_pages,
            described_contested_pages=described_contested,
            described_bloc_pages=described_blocs,
            period_contested_pages=by_period,
        )
    )


def _runs(bloc: Bloc, weigh: Callable[[BlocPart], int]) -> list[BlocPart]:
    """A bloc whole on a blocs page, or, when it outgrows a page (`weigh`: its measured bytes), in runs of its lines (`paging.runs`)."""
    return [BlocPart(bloc, start, stop) for start, stop in paging.runs(BlocPart(bloc).lines, lambda start, stop: weigh(BlocPart(bloc, start, stop)))]


def fit(data: Agreement, measure: Measure, index: Index) -> Agreement:
    """Each agreement page that outgrows its budget in some edition, weighed with `measure`'s views, shows fewer pairs (`SHOWN`).

    Weighed last, with every other view computed: its links to actors' positions lead where the lists moved them (longer
    addresses than before they moved, some 400 bytes on an Arabic page of 1,000 synthetic sources).
    """
    views = measure.views
    seen = SimpleNamespace(**{**vars(views), "agreement": data}) if isinstance(views, SimpleNamespace) else replace(views, agreement=data)
    shown: dict[str, tuple[int, int]] = {}
    for spec in page_specs(replace(data, shown={}), index):
        if spec.template != "agreement_index.html.j2":
            continue
        for step in SHOWN:
            if step == SHOWN[-1] or measure.excess(spec.path, spec.title, spec.template, seen, spec.context | _shown(step)) <= 0:
                break
        if step != SHOWN[0]:
            shown[spec.path] = step
    return replace(data, shown=shown)


def _shown(step: tuple[int, int]) -> dict[str, int]:
    """An agreement page's context for a step of `SHOWN`."""
    return {"trends": step[0], "strongest": step[1]}


def _paged(data: Agreement) -> Agreement:
    paged: dict[tuple[str, str], str] = {}
    for edition, runs in (("default", data.bloc_pages), ("all", data.described_bloc_pages)):
        suffix = "" if edition == "default" else "-all"
        for n, run in enumerate(runs, 1):
            paged |= {(f"bloc{suffix}", p.bloc.anchor): page_path("blocs", n, edition) for p in run if not p.continued}
            paged |= {(f"bloc-shared{suffix}", p.bloc.anchor): page_path("blocs", n, edition) for p in run if p.opens_shared}
    paged |= {("contested", c.demand): page_path("contested", n) for n, chunk in enumerate(data.contested_pages, 1) for c in chunk}
    paged |= {("contested-all", c.demand): page_path("contested", n, "all") for n, chunk in enumerate(data.described_contested_pages, 1) for c in chunk}
    for edition, found in (("default", data.figures), ("all", data.described)):
        for f in found.periods:
            period = period_page(f.period, edition)
            for n, chunk in enumerate(data.period_contested_pages.get(period, ()), 1):
                paged |= {(f"contested@{period}", c.demand): page_path(period_list(f.period), n, edition) for c in chunk}
    return replace(data, paged=paged)


def period_page(period: Period, edition: str = "default") -> str:
    """A period's page: `agreement/period-<slug>.md`, or in the edition with descriptions `agreement/with-descriptions/period-<slug>.md`."""
    return f"agreement/{'with-descriptions/' if edition == 'all' else ''}period-{period.slug}.md"


def period_list(period: Period) -> str:
    """The kind of a period's own list of contested demands, for `page_path`: `agreement/period-<slug>/contested.md`, then
    `agreement/period-<slug>/contested/2.md`…, and the same under `agreement/with-descriptions/`."""
    return f"period-{period.slug}/contested"


def page_path(kind: str, number: int, edition: str = "default") -> str:
    """Path of the `number`th page (1-based) of a paged list of the agreement view: `agreement/contested.md`, `agreement/contested/2.md`;
    in the edition with descriptions (`edition` `all`), `agreement/with-descriptions/contested.md`…"""
    folder = "agreement/with-descriptions" if edition == "all" else "agreement"
    return paging.page_path(f"{folder}/{kind}.md", f"{folder}/{kind}", number)


def page_specs(data: Agreement, index: Index) -> list[PageSpec]:
    """The agreement page, and the contested demands and blocs on pages of their own (paged within the page budget)."""
    common = {"evidence_per_side": EVIDENCE_PER_SIDE} | _shown(SHOWN[0])
    specs = [
        PageSpec("agreement/index.md", "Agreement and conflict", "agreement_index.html.j2", common | {"data": data.figures, "edition": "default"}),
        PageSpec(
            "agreement/with-descriptions.md",
            N_("Agreement and conflict, third parties' descriptions counted"),
            "agreement_index.html.j2",
            common | {"data": data.described, "edition": "all"},
        ),
    ]
    for edition, found in (("default", data.figures), ("all", data.described)):
        counted = "" if edition == "default" else ", third parties' descriptions counted"
        for figures_of in found.periods:
            title = f"Agreement and conflict in {figures_of.period.name}{counted}"
            context = common | {"data": figures_of, "edition": edition}
            specs.append(PageSpec(data.period_page(figures_of.period, edition), title, "agreement_period.html.j2", context))
    specs = [replace(spec, context=spec.context | _shown(data.shown[spec.path])) if spec.path in data.shown else spec for spec in specs]
    lists = (
        ("default", "contested", data.contested_pages, "Contested demands"),
        ("default", "blocs", data.bloc_pages, "Blocs"),
        ("all", "contested", data.described_contested_pages, N_("Contested demands, third parties' descriptions counted")),
        ("all", "blocs", data.described_bloc_pages, N_("Blocs, third parties' descriptions counted")),
    )
    specs += [spec for edition, kind, chunks, title in lists for spec in _list_pages(kind, chunks, title, edition, f"agreement_{kind}.html.j2", {})]
    return specs + _period_lists(data)


def _list_pages(kind: str, chunks: Sequence[Sequence[object]], title: str, edition: str, template: str, extra: Mapping[str, object]) -> list[PageSpec]:
    """The pages of one paged list (`page_path`), titled `title`, numbered `(2 of 3)` where it takes more than one."""
    specs = []
    for n, chunk in enumerate(chunks, start=1):
        context = {"items": chunk, "number": n, "count": len(chunks), "kind": kind, "edition": edition, "evidence_per_side": EVIDENCE_PER_SIDE, **extra}
        specs.append(PageSpec(page_path(kind, n, edition), title if len(chunks) == 1 else f"{title} ({n} of {len(chunks)})", template, context))
    return specs


def _period_lists(data: Agreement) -> list[PageSpec]:
    """Each period's own list of contested demands, in each count: what it counts, the period's page, and the same list in the
    other count (where that count has none, its page of the period, or its whole list when it has no figures for the period, which
    the link then says)."""
    specs = []
    for edition, other, found in (("default", "all", data.figures), ("all", "default", data.described)):
        theirs = {f.period for f in (data.described if edition == "default" else data.figures).periods}
        counted = "" if edition == "default" else ", third parties' descriptions counted"
        for figures_of in found.periods:
            period, kind = figures_of.period, period_list(figures_of.period)
            chunks = data.period_contested_pages.get(period_page(period, edition), ())
            if period_page(period, other) in data.period_contested_pages:
                counterpart = page_path(kind, 1, other)
            else:
                counterpart = period_page(period, other) if period in theirs else page_path("contested", 1, other)
            whole = period not in theirs  # its link says that it leaves the period
            extra = {"data": figures_of, "back": period_page(period, edition), "counterpart": counterpart, "counterpart_whole": whole}
            specs += _list_pages(kind, chunks, f"Contested demands in {period.name}{counted}", edition, "agreement_period_contested.html.j2", extra)
    return specs


__all__ = ["Agreement", "Bloc", "Contested", "Figures", "Mark", "Pair", "PeriodFigures", "Shared", "Side", "Trend", "compute", "fit", "page_specs", "paginate"]
