"""Data for analysts' tools, each file written by its ecosystem's library and opened by the real tool in the tests.

- `sqlite`: `downloads/dossier.db`, SQLite for Datasette (sqlite-utils);
- `networks`: `downloads/networks/*.gexf` and `*.graphml` for Gephi (networkx), weighted as the agreement view;
- `ftm`: `downloads/dossier.ftm.json`, FollowTheMoney entities for Aleph (followthemoney);
- `dataschema`: `downloads/dossier.schema.json`, the JSON Schema of `dossier.json` (pydantic).

`dossier.json` and the CSV files are `export.py`'s; the bibliography (CSL-JSON, BibTeX) is the
citations view's own download, shared with the citation on every source page. Each export is a
pure function from the index (and the views it reuses) to its files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..export import BinaryDownload, Download
from ..index import Index
from ..pages import Site

if TYPE_CHECKING:
    from ..views import Views

# The exports' libraries (followthemoney, sqlite-utils) are imported when a build asks for the files,
# so that `dossier check`, which never writes them, does not wait for them to load.


def downloads(index: Index, views: Views, site: Site) -> list[Download]:
    """The text downloads: the schema of dossier.json, the networks, the FollowTheMoney entities."""
    from . import dataschema, ftm, networks

    return [*dataschema.downloads(), *networks.downloads(index, views.cells, views.agreement, site), *ftm.downloads(index, site)]


def binaries(index: Index, site: Site) -> list[BinaryDownload]:
    """The downloads that are not text: the SQLite database."""
    from . import sqlite

    return [sqlite.download(index, site)]
