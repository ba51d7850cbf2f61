"""The whole pipeline as plain functions, each stage a value the next is given; writing is the caller's.

    index = check(root)                       # load → validate → index
    views = compute(index, site)              # every view's data
    rendered = render(index, views, site)     # pages, home figures, redirects
    write_downloads(sink, index, views, site) # data downloads
    search = search_entries(index, site, pages)

`build_all` runs them in that order; the MkDocs hook and the preview call the same stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from . import exports, views
from .editions import SOURCE_LANGUAGE, localised
from .exports import dossier
from .exports.sink import BinaryDownload, Collected, Download, Sink, put
from .index import Index, build_index
from .load import Progress, collector_paused, load
from .pages import GeneratedPage, Site
from .problems import Problem, SourceError, UnsafeOutput
from .redirects import Redirect
from .renames import resolve
from .render import Renderer
from .safety import scan, scan_redirect
from .search import Entry as SearchEntry
from .search import entries as search_entries
from .validate import validate
from .write import Folder


def check(root: Path, progress: Progress | None = None) -> Index:
    """Load, validate and index the sources under `root`; raise SourceError listing every problem if any is an error.

    Warnings alone stop nothing: the index carries them (`Index.warnings`) for the caller to show.
    """
    with collector_paused():
        sources, problems = load(root, progress)  # `progress` hears of each file read, then of the checks
        if progress is not None:
            progress("checking", 0, None)
        renamed = resolve(sources)  # references to former ids become current ones, each with a warning
        checked, reference_problems = validate(renamed.sources)
        read = problems + renamed.problems
        problems = read + reference_problems
        if any(not p.warning for p in problems):
            raise SourceError(problems)
        return build_index(renamed.sources, checked, sorted(set(problems)), sorted(set(read)))


@dataclass(frozen=True)
class Output:
    """Everything one build generates: pages, the home page's figures, data downloads, search entries, and downloads that are not text.

    Also the redirect pages of renamed entities (whole HTML files, published as they are) and the warnings of the check.
    """

    pages: list[GeneratedPage]
    figures: str
    downloads: list[Download]
    search: list[SearchEntry]
    binaries: list[BinaryDownload] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def compute(index: Index, site: Site, progress: Progress | None = None) -> views.Views:
    """Stage 2: every view's data, from the checked index (`progress` is told of each view)."""
    return views.compute(index, site, progress)


@dataclass(frozen=True)
class Rendered:
    """Stage 3: the generated pages, the home page's figures, and the redirect pages of renamed entities."""

    pages: list[GeneratedPage]
    figures: str
    redirects: list[Redirect]


def render(index: Index, computed: views.Views, site: Site, progress: Progress | None = None) -> Rendered:
    """Stage 3: every page, rendered from the index and the views it is given (the renderer computes none)."""
    renderer = Renderer(index, site, computed, progress)
    pages = renderer.all()
    figures = renderer.home_figures()
    computed.listings.release()  # the renderings kept for this stage: done with (hundreds of MB at 10,000 sources)
    redirects = renderer.redirects(pages)
    urls = {site.url(page.path) for page in pages}
    findings = [f"{r.path}: {finding}" for r in redirects for finding in scan_redirect(r.html, r.path, urls)]
    if findings:  # whole files that no publisher scans: always checked here
        raise UnsafeOutput(findings)
    return Rendered(pages, figures, redirects)


def build(index: Index, computed: views.Views, site: Site, scan_fragments: bool = True, sink: Sink | None = None, progress: Progress | None = None) -> Output:
    """Stages 3 to 5 from a checked index and its views: pages, then downloads, then search entries.

    `scan_fragments`: scan every fragment for anything that could run script. A publisher that scans each
    finished page instead (the MkDocs hook does, theme included) turns it off, so no page is parsed twice.
    `sink`: where the downloads go as each is made (then not in the output); kept in memory without one.
    `progress`: told of each page and download as it starts (a sink given tells its own).
    """
    rendered = render(index, computed, site, progress)
    files = Collected(progress)
    write_downloads(sink or files, index, computed, site)
    downloads = sorted(files.downloads, key=lambda d: d.path)
    search = search_entries(index, site, rendered.pages)
    output = Output(rendered.pages, rendered.figures, downloads, search, files.binaries, rendered.redirects, index.warnings)
    if scan_fragments:
        assert_safe([(page.path, page.html) for page in output.pages] + [("index.md (figures)", output.figures)])
    return output


def build_all(root: Path, site: Site | None = None, scan_fragments: bool = True) -> Output:
    """The whole build, top to bottom: check, compute the views, render, downloads, search entries."""
    site = site or Site()
    index = check(root)  # stage 1
    computed = compute(index, site)  # stage 2
    return build(index, computed, site, scan_fragments)  # stages 3-5


def write_downloads(sink: Sink, index: Index, data: views.Downloadable, site: Site) -> None:
    """Every data download, each handed to `sink` as it is made: dossier.json and the CSVs, the views' files, the analysts' tools'."""
    # Each position's facts once for every export; its history step read from the histories the pages show.
    known = dossier.position_facts_of(index, site, data.histories.histories)
    dossier.write(sink, index, site, known)
    if site.language != SOURCE_LANGUAGE:  # the feed speaks the edition's language, and links its pages
        data = replace(data, feed=views.feed.compute(localised(index, site.language), site, data.histories.shifts))
    put(sink, views.downloads(data, index))
    exports.write(sink, index, data, site, known)


def export_to(root: Path, folder: Path, site: Site | None = None, progress: Progress | None = None) -> list[str]:
    """Check the sources, then write every data download into `folder` as it is made; the paths written, in order.

    Nothing is written unless the check passes. No page is rendered, and no download waits in memory
    for the others: the peak is the check's, plus the views downloads read, plus one download's own.
    """
    index = check(root, progress)
    site = site or Site()
    sink = Folder(folder, progress)
    write_downloads(sink, index, views.downloadable(index, site), site)
    return sink.paths


def assert_safe(fragments: list[tuple[str, str]]) -> None:
    """Refuse output that could run script, whatever the sources: escaping is checked, not assumed."""
    findings = [f"{path}: {finding}" for path, html in fragments for finding in scan(html)]
    if findings:
        raise UnsafeOutput(findings)
