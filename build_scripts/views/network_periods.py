"""The network of each period (`network/period-<slug>/`): the ties of agreement and conflict computed within that period alone
(the agreement view's figures of the period, never pooled with another's) and the conferences held in it, each agreement or
conflict tie listed with both actors' evidence on its heaviest topic. Affiliations, seldom dated, are left to the network of
all periods. A period's page, and the network page, are weighed as rendered in every edition, and drawn with fewer nodes while
one outgrows the page budget (`fit`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import SimpleNamespace

from .. import graphviz_svg
from ..analysis import weighing
from ..analysis.scope import Period
from ..catalogues import N_
from ..graphviz_svg import clean_svg
from ..index import Index
from ..pages import PageSpec, Site
from .agreement import Agreement, PeriodFigures
from .graph import Edge, Graph, Node, to_dot
from .measure import Measure
from .network import WHOLE_LIMIT, Network, agreement_edges, all_edges, neighbourhood, nodes_of, overview, page_specs, participation_edges, whole_network
from .phrases import period_words, phrase

FEWEST, STEP = 8, 4
"""A period's drawing, or the network page's, that outgrows its page loses STEP nodes at a time (`fit`), down to FEWEST."""
FEWEST_NEIGHBOURS, NEIGHBOUR_STEP = 4, 2
"""An actor's graph on a page that outgrows its budget loses NEIGHBOUR_STEP nodes at a time, down to FEWEST_NEIGHBOURS."""


@dataclass(frozen=True)
class PeriodNetwork:
    """One period's network: its drawing, and how many ties of each kind the period has (uncapped)."""

    period: Period
    graph: Graph
    ties: dict[str, int]
    """Kind → ties in the period: participation (conferences held in it), congruence, conflict."""
    edges: tuple[Edge, ...] = field(default=(), repr=False)
    """Every tie of the period, drawn or not (`fit` draws fewer when the page outgrows its budget)."""
    limit: int = 0
    """Nodes the drawing may hold."""

    @property
    def page(self) -> str:
        return self.graph.page


def _held_in(index: Index, period: Period) -> set[str]:
    """The conferences whose dates lie in the period (an undated one is in none)."""
    held = set()
    for conf_id, record in index.sources.conferences.items():
        c = record.model
        if c.start is not None and period.places(c.start) and (c.end is None or period.places(c.end)):
            held.add(f"conferences/{conf_id}")
    return held


def _period_network(index: Index, figures: PeriodFigures, participation: list[Edge], nodes: dict[str, Node], signatories: dict[str, int]) -> PeriodNetwork:
    """The period's ties (its own agreement figures, the conferences held in it), its most connected nodes drawn."""
    period = figures.period
    held = _held_in(index, period)
    edges = [e for e in participation if e.target in held] + agreement_edges(figures.pairs, signatories)
    ties = {kind: sum(1 for e in edges if e.kind == kind) for kind in ("participation", "congruence", "conflict")}
    return _drawn_period(PeriodNetwork(period, _empty(period), ties, tuple(edges), WHOLE_LIMIT), nodes)


def _empty(period: Period) -> Graph:
    """A period's graph before its nodes are chosen: its key, page and title."""
    title = phrase(N_("Network in %(period)s"), period=period_words(period))
    return Graph(f"period/{period.slug}", f"network/period-{period.slug}.md", title, "", (), (), "neato")


def _drawn_period(found: PeriodNetwork, nodes: dict[str, Node]) -> PeriodNetwork:
    """The period's drawing: its `limit` most connected nodes and their ties (the SVG is laid out apart)."""
    period = found.period
    graph = overview(found.graph.key, found.graph.page, found.graph.title, list(found.edges), nodes, found.limit, period)
    return replace(found, graph=graph)


def fit(data: Network, index: Index, measure: Measure, site: Site) -> Network:
    """Each period's page, and the network page, weighed as rendered in every edition; one that outgrows the page budget in
    any is drawn again with fewer nodes until it fits (the ties of each drawn pair list both actors' evidence, which the
    network of all periods does not; the network page lists every drawn tie)."""
    nodes = nodes_of(index)
    svgs: dict[str, str] = dict(data.svgs)
    periods: list[PeriodNetwork] = []
    for found in data.periods:
        while _excess(replace(data, svgs=svgs, periods=(*periods, found, *data.periods[len(periods) + 1 :])), found.page, index, measure) > 0:
            if found.limit <= FEWEST:
                break
            found = _drawn_period(replace(found, limit=found.limit - STEP), nodes)
            svgs[found.graph.key] = _svg(found.graph, site)
        periods.append(found)
    fitted = replace(data, svgs=svgs, periods=tuple(periods))
    edges: list[Edge] = []
    limit = min(WHOLE_LIMIT, len(fitted.whole.nodes))
    while limit > FEWEST and _excess(fitted, fitted.whole.page, index, measure) > 0:
        edges = edges or all_edges(index, measure.views.agreement)
        limit -= STEP
        whole = whole_network(edges, nodes, limit)
        fitted = replace(fitted, whole=whole, svgs=fitted.svgs | {whole.key: _svg(whole, site)})
    return _fit_neighbourhoods(fitted, index, measure, site, edges)


def _fit_neighbourhoods(data: Network, index: Index, measure: Measure, site: Site, edges: list[Edge]) -> Network:
    """An actor's page that outgrows 60 KB in some edition with its lists moved (`Listings.outgrown`) draws its graph with
    fewer nodes until it fits (down to `FEWEST_NEIGHBOURS`); its page is then rendered again (not as the listings weighed it)."""
    listings = measure.views.listings
    specs = {spec.path: spec for spec in measure.views.entities}
    nodes = nodes_of(index)
    for path in sorted(listings.outgrown):
        actor = path.removeprefix("actors/").removesuffix(".md")
        graph = data.neighbourhood(actor) if path.startswith("actors/") else None
        spec = specs[path]
        while graph is not None and len(graph.nodes) > FEWEST_NEIGHBOURS and _excess(data, path, index, measure, spec) > 0:
            edges = edges or all_edges(index, measure.views.agreement)
            graph = neighbourhood(index, edges, nodes, actor, len(graph.nodes) - NEIGHBOUR_STEP)
            if graph is None:
                break
            data = replace(data, neighbourhoods=data.neighbourhoods | {actor: graph}, svgs=data.svgs | {graph.key: _svg(graph, site)})
            listings.forget(path)
    return data


def _excess(shown: Network, page: str, index: Index, measure: Measure, spec: PageSpec | None = None) -> int:
    """Bytes by which the page `page` (a network page, or the entity page `spec`) with the network `shown` outgrows its budget in
    the edition it outgrows most (`Measure.excess`)."""
    views = measure.views
    seen = SimpleNamespace(**{**vars(views), "network": shown}) if isinstance(views, SimpleNamespace) else replace(views, network=shown)
    spec = spec or next(s for s in page_specs(shown, index) if s.path == page)
    return measure.excess(spec.path, spec.title, spec.template, seen, spec.context)


def _svg(graph: Graph, site: Site) -> str:
    """The graph laid out by Graphviz, its SVG cleaned (`graphviz_svg.clean_svg`)."""
    [drawn] = graphviz_svg.render_svg([to_dot(graph, site)])
    return clean_svg(drawn, graph.slug, str(graph.title), str(graph.description))


def compute(index: Index, agreement: Agreement, site: Site, data: Network) -> Network:
    """`data` with a network for each period of the agreement view, laid out by Graphviz in one batch."""
    nodes = nodes_of(index)
    participation = participation_edges(index)
    signatories = weighing.signatories(index.positions)
    periods = tuple(_period_network(index, figures, participation, nodes, signatories) for figures in agreement.figures.periods)
    drawn = graphviz_svg.render_svg([to_dot(p.graph, site) for p in periods])
    svgs = {p.graph.key: clean_svg(raw, p.graph.slug, str(p.graph.title), str(p.graph.description)) for p, raw in zip(periods, drawn, strict=True)}
    return replace(data, svgs=data.svgs | svgs, periods=periods)
