"""What the MkDocs configuration tells the pipeline: where the sources are, how the site addresses its pages,
and the one call that runs the pipeline's stages for the MkDocs layer (a build's and a preview's)."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

from .analysis.scope import read_periods
from .exports.sink import Download
from .index import Index
from .load import Progress
from .mkdocs_editions import editions_of
from .pages import Site
from .pipeline import Output, build, check, compute
from .search import Entry
from .views import Views
from .write import Changed


def sources_dir(config: MkDocsConfig) -> Path:
    """The `sources/` folder beside mkdocs.yml (or `extra.dossier_sources`)."""
    return project_dir(config) / config.extra.get("dossier_sources", "sources")


def project_dir(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml."""
    return Path(config.config_file_path or ".").resolve().parent


def site_of(config: MkDocsConfig) -> Site:
    """How the published site addresses its pages, and when its content last changed (SOURCE_DATE_EPOCH, as `make` sets it)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    built = datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if epoch.isdigit() else None
    try:
        periods = read_periods(config.extra.get("dossier_periods"))
    except ValueError as problem:
        raise ConfigurationError(f"{config.config_file_path or 'mkdocs.yml'}: {problem}") from None
    language = config.extra.get("dossier_edition", "en")  # an edition's configuration (mkdocs_editions.py); mkdocs.yml is English
    editions = tuple(e.language for e in editions_of(config))  # the paginator weighs the heaviest one's pages
    return Site(
        directory_urls=config.use_directory_urls,
        name=config.site_name,
        site_url=config.site_url or "",
        built=built,
        periods=periods,
        language=language,
        editions=editions,
    )


def fingerprint(config: MkDocsConfig) -> str:
    """What of the configuration the dossier's pages depend on, as one digest: a preview whose configuration changed builds everything again."""
    values = {
        "site": repr(site_of(config)),
        "sources": str(sources_dir(config).resolve()),
        "docs": str(Path(config.docs_dir).resolve()),
        "nav": config.nav,
        "extra": config.extra,
        "theme": [config.theme.name, config.theme.custom_dir, dict(config.theme.items())],
        "markdown": config.markdown_extensions,
    }
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=repr).encode()).hexdigest()


def checked(config: MkDocsConfig, progress: Progress | None = None) -> tuple[Index, Views]:
    """Stages 1 and 2 for a configuration: the sources checked (SourceError on problems) and every view computed."""
    index = check(sources_dir(config), progress)
    return index, compute(index, site_of(config), progress)


@dataclass
class Full:
    """A full build of the dossier: its pages and downloads, and, for a preview's next edit, its index and views."""

    output: Output
    index: Index
    views: Views
    search: tuple[list[Entry], list[Download]] | None = None
    """The search index files, with the hand-written pages' entries they were made with."""
    downloaded: Changed | None = None
    """The sink the downloads were written into as each was made (then none is in `output`)."""


def full_build(config: MkDocsConfig, sink: Changed | None = None, progress: Progress | None = None, computed: tuple[Index, Views] | None = None) -> Full:
    """Every page, view and download of the dossier, from one check of the sources (SourceError on problems).

    `sink`: where the downloads are written as each is made, rather than kept in memory.
    `progress`: told of each step (a file read, a view, a page, a download).
    `computed`: the index and views, when another edition's build has checked and computed them already.
    """
    site = site_of(config)
    index, views = computed or checked(config, progress)
    output = build(index, views, site, scan_fragments=False, sink=sink, progress=progress)  # on_post_page scans every page
    return Full(output, index, views, downloaded=sink)
