"""MkDocs hooks: run the dossier pipeline before MkDocs touches `site/`, then hand it the pages.

Kept thin on purpose: all logic lives in the pipeline, which the CLI and tests call too.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage

from build_scripts.export import Download
from build_scripts.index import Index
from build_scripts.load import Progress
from build_scripts.pages import Page
from build_scripts.pipeline import Output, build, check, compute
from build_scripts.preview import Refresh, Stats, edited_documents, snapshot, update
from build_scripts.problems import Problem, SourceError, UnsafeOutput
from build_scripts.render import TEMPLATES, Site
from build_scripts.safety import scan
from build_scripts.search import Entry, markdown_entry
from build_scripts.search import files as search_files
from build_scripts.views import Views
from build_scripts.write import Changed, write_changed

log = logging.getLogger("mkdocs.plugins.dossier")
FIGURES_MARKER = "<!-- dossier:figures -->"
CONTENT_MARKER = "<!-- dossier:content -->"
PROBLEMS_FILE = "dossier-problems.json"
"""Under `mkdocs serve`: the sources' problems, which the preview script shows over any page (never in a published site)."""
PREVIEW_SCRIPT = "javascripts/preview.js"
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


@dataclass
class _Full:
    """A full build of the dossier: its pages and downloads, and, for a preview's next edit, its index and views."""

    output: Output
    index: Index
    views: Views
    search: tuple[list[Entry], list[Download]] | None = None
    """The search index files, with the hand-written pages' entries they were made with."""


@dataclass
class _Build:
    """What one build of the pipeline produced, kept between MkDocs events (and, under `mkdocs serve`, between builds)."""

    output: Output | None = None
    serving: bool = False
    problems: list[Problem] = field(default_factory=list)
    """Under `mkdocs serve`: the sources' problems, shown in the preview while the last good pages stay."""
    inputs: Stats | None = None
    """Under `mkdocs serve`: the sources and templates that the pages were last made from."""
    docs: Stats | None = None
    """Under `mkdocs serve`: the hand-written pages as they were then."""
    pages: dict[str, Page] = field(default_factory=dict)
    """Generated page path → the page, whose HTML goes into MkDocs' finished page (never through Markdown)."""
    index: Index | None = None
    views: Views | None = None
    """Under `mkdocs serve`: the index of the pages and the views of the last full build, which an edit's pages are rendered with."""
    edited: list[Page] | None = None
    """Under `mkdocs serve`: the pages of documents just edited, when only they are built again (see build_scripts/preview.py)."""
    removed: list[str] = field(default_factory=list)
    """Under `mkdocs serve`: pages of those documents' notes that the edit leaves out (the notes fit on the document's page again)."""
    search: tuple[list[Entry], list[Download]] | None = None
    written: list[Entry] = field(default_factory=list)
    """The hand-written pages' search entries, as the last build read them."""
    downloaded: Changed | None = None
    """Outside a preview: the downloads, already written into the generated folder."""
    refresh: Refresh[_Full | SourceError | UnsafeOutput] | None = None
    signal: Path | None = None
    """A file in a folder the preview server watches: written when a background full build is ready."""


_build = _Build()


def sources_dir(config: MkDocsConfig) -> Path:
    """The `sources/` folder beside mkdocs.yml (or `extra.dossier_sources`)."""
    base = Path(config.config_file_path or ".").parent
    return base / config.extra.get("dossier_sources", "sources")


def site_of(config: MkDocsConfig) -> Site:
    """How the published site addresses its pages, and when its content last changed (SOURCE_DATE_EPOCH, as `make` sets it)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    built = datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if epoch.isdigit() else None
    return Site(directory_urls=config.use_directory_urls, name=config.site_name, site_url=config.site_url or "", built=built)


def on_startup(command: str, **_: Any) -> None:
    _build.serving = command == "serve"


def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    if _build.serving:  # only the preview shows problems over its pages; a published page loads no such script
        config.extra_javascript.append(PREVIEW_SCRIPT)
    return config


def full_build(config: MkDocsConfig, sink: Changed | None = None, progress: Progress | None = None) -> _Full:
    """Every page, view and download of the dossier, from one check of the sources (SourceError on problems).

    `sink`: where the downloads are written as each is made, rather than kept in memory.
    `progress`: told of each step (a file read, a view, a page, a download).
    """
    site = site_of(config)
    index = check(sources_dir(config), progress)
    views = compute(index, site, progress)
    output = build(index, views, site, scan_fragments=False, sink=sink, progress=progress)  # on_post_page scans every page
    return _Full(output, index, views)


def on_pre_build(config: MkDocsConfig, **_: Any) -> None:
    # Runs before MkDocs cleans site_dir: invalid sources leave the last good site intact.
    _build.edited = None
    if _build.refresh is not None:
        _build.refresh.hold()  # until on_post_build: the background build waits, this build has the core
    if not _build.serving:
        # A build writes each download into the generated folder as it is made (a preview keeps them in memory: its
        # background build must not write where the server's builds do).
        _build.downloaded = Changed(generated_dir(config))
        try:
            built = full_build(config, _build.downloaded)
        except SourceError as err:
            raise PluginError("The dossier's sources have problems:\n" + err.report()) from None
        except UnsafeOutput as err:
            raise PluginError(str(err)) from None
        _build.output = built.output
        log.info("dossier: %d generated pages", len(built.output.pages))
        _log_warnings(built.output)
        return
    _preview(config)


def _log_warnings(output: Output) -> None:
    for warning in output.warnings:  # at INFO: shown, without failing `mkdocs build --strict`; only errors stop the build
        log.info("dossier: %s", warning)


def _preview(config: MkDocsConfig) -> None:
    """Under `mkdocs serve`: reuse, update or rebuild the pages, and never raise for the sources' problems.

    A preview that raised would hold every request until the sources are fixed (mkdocs/livereload):
    it shows the problems instead, over the last good pages, and reloads to the dossier once they are fixed.
    """
    root = sources_dir(config)
    inputs, docs = snapshot(root, TEMPLATES), snapshot(Path(config.docs_dir))
    done = _build.refresh.take() if _build.refresh is not None else None
    if done is not None and done.inputs == inputs:  # the background build of these very files: every page as a full build makes it
        if isinstance(done.result, UnsafeOutput):
            raise PluginError(str(done.result))
        log.info("dossier: the background build is ready; every page is up to date")
        _adopt(done.result, inputs, docs)
        return
    if inputs == _build.inputs and _build.output is not None and not _build.problems:
        log.info("dossier: sources and templates unchanged since the last build; its pages are reused")
        _build.docs = docs
        return  # a preview rebuilt for a hand-written page: the dossier's pages are as they were
    edited = edited_documents(_build.inputs, inputs, root) if _build.inputs is not None and docs == _build.docs else None
    if edited and _build.index is not None and _build.views is not None and _build.output is not None:
        try:
            updated = update(_build.index, _build.views, site_of(config), root, edited)
        except SourceError as err:
            _show(err)
            _build.edited = []  # no page changes: MkDocs only writes the problems file again
            return
    else:
        updated = None
    if updated is not None and _build.output is not None:
        pages = updated.pages
        log.info("dossier: %s updated; the other pages follow from a full build in the background", ", ".join(p.path for p in pages))
        replaced = {page.path for page in pages} | set(updated.removed)
        kept = [page for page in _build.output.pages if page.path not in replaced]
        _build.output = replace(_build.output, pages=sorted(kept + pages, key=lambda p: p.path))
        _build.index, _build.edited, _build.removed, _build.inputs, _build.problems = updated.index, pages, updated.removed, inputs, []
        refresh = _background(config)
        refresh.hold()  # it starts once this build has ended (on_post_build)
        refresh.request()
        return
    try:
        built: _Full | SourceError = full_build(config)
    except SourceError as err:
        built = err
    except UnsafeOutput as err:
        raise PluginError(str(err)) from None
    _adopt(built, inputs, docs)


def _adopt(built: _Full | SourceError, inputs: Stats, docs: Stats) -> None:
    if isinstance(built, SourceError):
        _show(built)
        return
    _build.output, _build.index, _build.views, _build.search = built.output, built.index, built.views, built.search
    _build.inputs, _build.docs, _build.problems = inputs, docs, []
    log.info("dossier: %d generated pages", len(built.output.pages))
    _log_warnings(built.output)


def _show(err: SourceError) -> None:
    """The sources' problems, shown over the last good pages; the pages stay as they were."""
    log.warning("The dossier's sources have problems; the preview shows them over its pages:\n%s", err.report())
    _build.problems = err.problems
    _build.output = _build.output or Output(pages=[], figures="", downloads=[], search=[])


def _background(config: MkDocsConfig) -> Refresh[_Full | SourceError | UnsafeOutput]:
    """The preview's background full build; once one is ready, the signal file's change makes the server build again."""
    if _build.refresh is None:
        root = sources_dir(config)

        def build(_inputs: Stats) -> _Full | SourceError | UnsafeOutput:
            assert _build.refresh is not None
            try:
                built = full_build(config, progress=_build.refresh.turn)  # it gives way to the server's builds
            except (SourceError, UnsafeOutput) as err:  # the next build reports it, as a foreground build would
                return err
            written = _build.written
            built.search = (written, search_files(built.output.search + written))
            return built

        def ready() -> None:
            if _build.signal is not None:
                _build.signal.write_text("ready\n", encoding="utf-8")

        _build.refresh = Refresh(build, ready, lambda: snapshot(root, TEMPLATES))
    return _build.refresh


def generated_dir(config: MkDocsConfig) -> Path:
    """Where generated files are kept between builds, one folder per configuration and sources folder (never the docs folder)."""
    key = f"{Path(config.config_file_path or '.').resolve()}|{sources_dir(config).resolve()}"
    return Path(tempfile.gettempdir()) / "dossier-generated" / hashlib.sha256(key.encode()).hexdigest()[:16]


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    assert _build.output is not None
    output = _build.output
    folder = generated_dir(config)
    if _build.edited is not None:  # a preview of edited documents: only their pages are built again
        _edited_files(files, config, folder, _build.edited)
        return files
    _build.pages = {page.path: page for page in output.pages}
    # The search index covers the hand-written pages too, read from their Markdown.
    written = [markdown_entry(f.url, f.content_string, f.name) for f in files.documentation_pages() if f.generated_by is None]
    search = _build.search[1] if _build.search is not None and _build.search[0] == written else search_files(output.search + written)
    _build.written, _build.search = written, (written, search)
    # On disk, a generated page is its front matter and a digest of its content: the file changes exactly when the page
    # does (what --dirty needs), and MkDocs never reads or holds a second copy of the HTML, handed over in on_page_content.
    generated: list[tuple[str, str | bytes]] = [(page.path, _stub(page)) for page in output.pages]
    generated += [(d.path, d.text) for d in (*output.downloads, *search)]
    generated += [(b.path, b.data) for b in output.binaries]  # dossier.db
    generated += [(r.path, r.html) for r in output.redirects]  # whole HTML files: copied as they are, in no nav, search or sitemap
    paths = [path for path, _content in generated] + (_build.downloaded.paths if _build.downloaded is not None else [])
    for path in paths:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is written by hand but the dossier generates it — remove docs/{path}")
    report = write_changed(folder, generated, written=_build.downloaded)
    log.info("dossier: %d generated files written, %d unchanged, %d removed", len(report.written), report.unchanged, len(report.removed))
    for path in paths:
        files.append(File(path, src_dir=str(folder), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls))
    if _build.serving:
        _problems_file(files, config)
    else:
        _build.output = replace(output, pages=[], search=[])  # the pages live on in `_build.pages` until MkDocs takes each one
        _build.search = None
    for path in report.removed:  # a --dirty build cleans nothing: a page no longer generated goes from the site too
        Path(File(path, src_dir=str(folder), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls).abs_dest_path).unlink(missing_ok=True)
    return files


def _stub(page: Page) -> str:
    return f"{page.front_matter}<!-- dossier page {page.digest} -->\n"


def _edited_files(files: Files, config: MkDocsConfig, folder: Path, edited: list[Page]) -> None:
    """The files of a preview that builds only the edited documents' pages again (MkDocs leaves the others as they are, with --dirty).

    MkDocs is given those pages and the generated pages of the navigation, which every page shows;
    every other file stays in the site as the last build wrote it.
    """
    assert _build.output is not None
    write_changed(folder, [(page.path, _stub(page)) for page in edited], only_these=True)
    _build.pages = {page.path: page for page in edited}
    wanted = _nav_paths(config.nav) | set(_build.pages)
    for page in _build.output.pages:
        if page.path in wanted:
            files.append(File(page.path, src_dir=str(folder), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls))
    for path in _build.removed:  # their stubs and built pages go; the background build's files agree
        (folder / path).unlink(missing_ok=True)
        Path(File(path, src_dir=str(folder), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls).abs_dest_path).unlink(missing_ok=True)
    _build.removed = []
    _problems_file(files, config)


def _nav_paths(nav: Any) -> set[str]:
    """Every page path named in `nav:` of mkdocs.yml."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(_nav_paths(v) for v in nav.values()))
    if isinstance(nav, list):
        return set().union(*(_nav_paths(v) for v in nav))
    return set()


def _problems_file(files: Files, config: MkDocsConfig) -> None:
    """The preview's problems, read by docs/javascripts/preview.js on every page load (never in a published site)."""
    listed = _build.problems or (_build.output.warnings if _build.output is not None else [])  # errors (with their warnings), or warnings alone
    shown = [{"where": f"{p.path}:{p.line}:{p.col}", "severity": p.severity, "message": p.message, "hint": p.hint} for p in listed]
    updating = _build.refresh is not None and _build.refresh.busy  # the edited pages are new, the others follow
    files.append(File.generated(config, PROBLEMS_FILE, content=json.dumps({"problems": shown, "updating": updating}, ensure_ascii=False)))


def on_env(env: Environment, **_: Any) -> Environment:
    env.filters["dossier_search_worker"] = search_worker
    return env


def search_worker(config_block: str, url: str) -> Markup:
    """Material's `__config` script with the dossier's search worker in place of Material's (its documented extension point)."""

    def swap(match: re.Match[str]) -> str:
        data = json.loads(match.group(2))
        data["search"] = url
        return match.group(1) + str(htmlsafe_json_dumps(data)) + match.group(3)

    swapped, count = _CONFIG.subn(swap, str(config_block))
    if count != 1:
        raise PluginError("theme: Material's __config script was not found; the search worker cannot be set")
    return Markup(swapped)


def on_page_markdown(markdown: str, page: MkDocsPage, **_: Any) -> str:
    page.meta["search"] = {"exclude": True}  # the dossier's own index replaces Material's whole-site one
    if page.file.src_uri in _build.pages:
        return ""  # a generated page is HTML already: not parsed as Markdown
    if FIGURES_MARKER in markdown and _build.output is not None:
        return markdown.replace(FIGURES_MARKER, _build.output.figures)
    return markdown


def on_page_content(html: str, page: MkDocsPage, **_: Any) -> str:
    # MkDocs holds every page's content from the first page read to the last written (60 KB a page): a generated page's
    # content is a marker until its finished page is made, when on_post_page puts the HTML in, once.
    generated = _build.pages.get(page.file.src_uri)
    if generated is None:
        return html
    # Material adds a heading of its own to content without `<h1`: the marker says whether the page has one.
    return CONTENT_MARKER + ("<!-- <h1 -->" if "<h1" in generated.html else "")


def on_post_page(output: str, page: MkDocsPage, **_: Any) -> str:
    generated = _build.pages.pop(page.file.src_uri, None)
    if generated is not None:
        html = generated.html
        output = output.replace(CONTENT_MARKER + ("<!-- <h1 -->" if "<h1" in html else ""), html, 1)
    # The independent check on every finished page, theme included: a finding fails the build.
    findings = scan(output, whole_page=True)
    if findings:
        raise PluginError(f"Unsafe HTML in {page.file.src_uri}: " + "; ".join(findings))
    return output


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    if _build.refresh is not None:
        _build.refresh.release()


def on_build_error(error: Exception, **_: Any) -> None:
    if _build.refresh is not None:
        _build.refresh.release()


def on_serve(server: Any, config: MkDocsConfig, **_: Any) -> Any:
    server.watch(str(sources_dir(config)))
    # A background full build says it is ready by writing a file here, which makes the server build again and swap it in.
    signals = generated_dir(config).with_name(generated_dir(config).name + "-ready")
    signals.mkdir(parents=True, exist_ok=True)
    _build.signal = signals / "ready"
    server.watch(str(signals))
    return server
