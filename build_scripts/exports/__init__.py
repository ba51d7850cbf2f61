"""The data downloads, each made from the index and handed to a sink as it is made.

- `sink`: where downloads go (`Sink`: kept in memory for MkDocs by `Collected`, written to a folder by `dossier export`);
- `dossier`: `downloads/dossier.json`, every record, and one CSV per kind of record.

Then the data for analysts' tools, each file written by its ecosystem's library and opened by the real tool in the tests
(`write` below makes them all):

- `sqlite`: `downloads/dossier.db`, SQLite for Datasette (sqlite-utils);
- `networks`: `downloads/networks/*.gexf` and `*.graphml` for Gephi (networkx), weighted as the agreement view;
- `ftm`: `downloads/dossier.ftm.json`, FollowTheMoney entities for Aleph (followthemoney);
- `dataschema`: `downloads/dossier.schema.json`, the JSON Schema of `dossier.json` (pydantic).

The bibliography (CSL-JSON, BibTeX) is the citations view's own download, shared with the citation
on every source page. Each export is a function from the index (and the views it reuses) to its files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..index import Index
from ..pages import Site
from .sink import Sink, put

if TYPE_CHECKING:
    from ..analysis.facts import FactsByPosition
    from ..views import Downloadable

# The exports' libraries (followthemoney, sqlite-utils) are imported when a build asks for the files,
# so that `dossier check`, which never writes them, does not wait for them to load.


def write(sink: Sink, index: Index, views: Downloadable, site: Site, known: FactsByPosition | None = None) -> None:
    """The schema of dossier.json, the networks, the FollowTheMoney entities and the SQLite database, one after another.

    `known`: each position's facts, made once for every export of a build (`dossier.position_facts_of`)."""
    from . import dataschema, ftm, networks, sqlite

    put(sink, dataschema.downloads())
    networks.write(sink, index, views.cells, views.agreement, site)
    ftm.write(sink, index, site)
    sqlite.put(sink, index, site, known)
