"""Reader views: each a small module with a pure function from the index to the view's data, plus templates.

`compute` runs every view once, in dependency order (the matrix orders its rows by the
agreement view's blocs; the network draws its ties). Templates reach a view's data as
`v.<view>`; each view also lists its own pages and downloads. `render.py` only dispatches.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..export import Download
from ..index import Index
from ..pages import PageSpec, Site
from . import agreement, briefings, catalogue, citations, feed, listings, matrix, network, stances, timeline


@dataclass(frozen=True)
class Views:
    """Every view's data for one build."""

    cells: dict[tuple[str, str], stances.Cell]
    agreement: agreement.Agreement
    matrix: matrix.Matrix
    timeline: timeline.Timeline
    network: network.Network
    citations: citations.Citations
    feed: feed.Feed
    briefings: briefings.Briefings
    listings: listings.Listings
    catalogue: catalogue.Catalogues


def compute(index: Index, site: Site) -> Views:
    cells = stances.cells(index)
    agreed = agreement.compute(index, cells)
    drawn = network.compute(index, agreed, site)
    dated = timeline.compute(index)
    return Views(
        cells=cells,
        agreement=agreed,
        matrix=matrix.compute(index, cells, agreed),
        timeline=dated,
        network=drawn,
        citations=citations.compute(index, site),
        feed=feed.compute(index, site),
        briefings=briefings.compute(index, cells),
        # Entity pages move their longest lists to pages of their own when the views' sections leave too little room.
        listings=listings.compute(index, cells, listings.view_sections(index, cells, agreed, drawn, dated)),
        catalogue=catalogue.compute(index),
    )


def pages(views: Views, index: Index) -> list[PageSpec]:
    """Every view's own pages (entity pages show view data through their templates), and the index pages."""
    return [
        *catalogue.pages(views.catalogue),
        *agreement.pages(views.agreement, index),
        *matrix.pages(views.matrix, index),
        *timeline.pages(views.timeline, index),
        *network.pages(views.network, index),
        *briefings.pages(views.briefings, index),
        *listings.pages(views.listings),
    ]


def downloads(views: Views, index: Index) -> list[Download]:
    """Every view's files for readers to take away: the matrix as CSV, the bibliography, the feed."""
    return [*matrix.downloads(views.matrix, index), *citations.downloads(views.citations, index), *feed.downloads(views.feed, index)]
