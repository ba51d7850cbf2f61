"""Reader views: each a small module with a pure function from the index to the view's data, plus templates.

`compute` runs every view once, in dependency order (the matrix orders its rows by the
agreement view's blocs; the network draws its ties). Templates reach a view's data as
`v.<view>`; each view also lists its own pages and downloads. `render.py` only dispatches.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..analysis.scope import periods_from
from ..exports.sink import Download
from ..index import Index
from ..load import Progress
from ..pages import PageSpec, Site
from . import agreement, briefings, catalogue, citations, entities, feed, histories, listings, matrix, network, network_periods, stances, timeline
from .measure import Measure


@dataclass(frozen=True)
class Downloadable:
    """The views that the data downloads read: all an export needs (no layout, no pages)."""

    cells: stances.Cells
    agreement: agreement.Agreement
    matrix: matrix.Matrix
    citations: citations.Citations
    histories: histories.Histories
    feed: feed.Feed


@dataclass(frozen=True)
class Views(Downloadable):
    """Every view's data for one build."""

    timeline: timeline.Timeline
    network: network.Network
    briefings: briefings.Briefings
    listings: listings.Listings
    catalogue: catalogue.Catalogues
    entities: tuple[PageSpec, ...] = ()
    """Every entity's page with its view model (`entities.py`), computed once."""


def downloadable(index: Index, site: Site) -> Downloadable:
    """The views the downloads read, without the others (`dossier export` computes only these)."""
    cells = stances.cells(index)
    agreed = agreement.compute(index, site)
    changes = histories.compute(index, site)
    periods = tuple(periods_from(site.periods, index.positions))
    return Downloadable(
        cells, agreed, matrix.compute(index, cells, agreed, periods), citations.compute(index, site), changes, feed.compute(index, site, changes.shifts)
    )


def compute(index: Index, site: Site, progress: Progress | None = None) -> Views:
    """Every view's data; `progress` is told of each view as it starts."""
    step = iter(range(1, 6))

    def tell() -> None:
        if progress is not None:
            progress("views", next(step), 5)

    tell()
    shared = downloadable(index, site)
    cells, agreed = shared.cells, shared.agreement
    tell()
    drawn = network_periods.compute(index, agreed, site, network.compute(index, agreed, site))
    dated = timeline.compute(index)
    tell()
    briefed = briefings.compute(index, cells, shared.matrix.periods)
    tell()
    others = Views(
        cells=cells,
        agreement=agreed,
        matrix=shared.matrix,
        citations=shared.citations,
        histories=shared.histories,
        feed=shared.feed,
        timeline=dated,
        network=drawn,
        briefings=briefed,
        listings=listings.Listings({}),
        catalogue=catalogue.compute(index, None),
        entities=tuple(entities.entity_pages(index, cells)),
    )
    # Long lists are cut into pages by the measured bytes of their items, each rendered once as its page prints it.
    measure = Measure(index, site, others)
    others = replace(
        others,
        timeline=timeline.paginate(dated, index, measure),
        agreement=agreement.paginate(agreed, measure),
        briefings=briefings.paginate(briefed, measure),
    )
    measure.views = others
    others = replace(others, catalogue=catalogue.compute(index, measure))
    # Every entity page is rendered with the other views and weighed; those over the budget move their longest lists to pages of their own.
    others = replace(others, listings=listings.compute(index, others, site))
    # Last, as no entity page shows their pages: the matrix, whose every cell links to an anchor a list may have taken along,
    # and the agreement pages, whose pairs link to actors' positions where the lists took them.
    measure.views = others
    return replace(
        others,
        matrix=matrix.paginate(shared.matrix, index, measure),
        network=network_periods.fit(drawn, index, measure, site),
        agreement=agreement.fit(others.agreement, measure, index),
    )


def page_specs(views: Views, index: Index) -> list[PageSpec]:
    """Every view's own pages (entity pages show view data through their templates), and the index pages."""
    return [
        *catalogue.page_specs(views.catalogue),
        *agreement.page_specs(views.agreement, index),
        *matrix.page_specs(views.matrix, index),
        *timeline.page_specs(views.timeline, index),
        *histories.page_specs(views.histories),
        *network.page_specs(views.network, index),
        *briefings.page_specs(views.briefings, index),
        *listings.page_specs(views.listings, views.entities),
    ]


def downloads(views: Downloadable, index: Index) -> list[Download]:
    """Every view's files for readers to take away: the matrix as CSV, the bibliography, the feed."""
    return [*matrix.downloads(views.matrix, index), *citations.downloads(views.citations, index), *feed.downloads(views.feed, index)]
