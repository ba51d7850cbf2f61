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
from . import agreement, briefings, citations, feed, matrix, network, stances, timeline


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


def compute(index: Index, site: Site) -> Views:
    cells = stances.cells(index)
    agreed = agreement.compute(index, cells)
    return Views(
        cells=cells,
        agreement=agreed,
        matrix=matrix.compute(index, cells, agreed),
        timeline=timeline.compute(index),
        network=network.compute(index, agreed, site),
        citations=citations.compute(index, site),
        feed=feed.compute(index, site),
        briefings=briefings.compute(index, cells),
    )


def pages(views: Views, index: Index) -> list[PageSpec]:
    """Every view's own pages (entity pages show view data through their templates)."""
    return [
        *agreement.pages(views.agreement, index),
        *matrix.pages(views.matrix, index),
        *timeline.pages(views.timeline, index),
        *network.pages(views.network, index),
        *briefings.pages(views.briefings, index),
    ]


def downloads(views: Views, index: Index) -> list[Download]:
    """Every view's files for readers to take away: the matrix as CSV, the bibliography, the feed."""
    return [*matrix.downloads(views.matrix, index), *citations.downloads(views.citations, index), *feed.downloads(views.feed, index)]
