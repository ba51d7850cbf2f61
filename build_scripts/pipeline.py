"""The whole pipeline as plain functions: load → validate → index → render; writing is the caller's."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import exports
from .export import BinaryDownload, Download, downloads
from .index import Index, build_index
from .load import collector_paused, load
from .problems import SourceError, UnsafeOutput
from .render import Page, Renderer, Site
from .safety import scan
from .search import Entry as SearchEntry
from .search import entries as search_entries
from .validate import validate


def check(root: Path) -> Index:
    """Load, validate and index the sources under `root`; raise SourceError listing every problem."""
    with collector_paused():
        sources, problems = load(root)
        checked, reference_problems = validate(sources)
        problems += reference_problems
        if problems:
            raise SourceError(problems)
        return build_index(sources, checked)


@dataclass(frozen=True)
class Output:
    """Everything one build generates: pages, the home page's figures, data downloads, search entries, and downloads that are not text."""

    pages: list[Page]
    figures: str
    downloads: list[Download]
    search: list[SearchEntry]
    binaries: list[BinaryDownload] = field(default_factory=list)


def build_all(root: Path, site: Site | None = None, scan_fragments: bool = True) -> Output:
    """The generated pages, the home page's figures, the downloads and the search entries, from one check of the sources.

    `scan_fragments`: scan every fragment for anything that could run script. A publisher that scans each
    finished page instead (the MkDocs hook does, theme included) turns it off, so no page is parsed twice.
    """
    index = check(root)
    site = site or Site()
    renderer = Renderer(index, site)
    pages = renderer.all()
    files = sorted(downloads(index) + renderer.downloads() + exports.downloads(index, renderer.views, site), key=lambda d: d.path)
    output = Output(pages, renderer.home_figures(), files, search_entries(index, site, pages), exports.binaries(index, site))
    if scan_fragments:
        assert_safe([(page.path, page.html) for page in output.pages] + [("index.md (figures)", output.figures)])
    return output


def assert_safe(fragments: list[tuple[str, str]]) -> None:
    """Refuse output that could run script, whatever the sources: escaping is checked, not assumed."""
    findings = [f"{path}: {finding}" for path, html in fragments for finding in scan(html)]
    if findings:
        raise UnsafeOutput(findings)
