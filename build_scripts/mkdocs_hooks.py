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

from build_scripts.pages import Page
from build_scripts.pipeline import Output, build_all
from build_scripts.problems import Problem, SourceError, UnsafeOutput
from build_scripts.render import TEMPLATES, Site
from build_scripts.safety import scan
from build_scripts.search import files as search_files
from build_scripts.search import markdown_entry
from build_scripts.write import write_changed

log = logging.getLogger("mkdocs.plugins.dossier")
FIGURES_MARKER = "<!-- dossier:figures -->"
CONTENT_MARKER = "<!-- dossier:content -->"
PROBLEMS_FILE = "dossier-problems.json"
"""Under `mkdocs serve`: the sources' problems, which the preview script shows over any page (never in a published site)."""
PREVIEW_SCRIPT = "javascripts/preview.js"
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


@dataclass
class _Build:
    """What one build of the pipeline produced, kept between MkDocs events (and, under `mkdocs serve`, between builds)."""

    output: Output | None = None
    serving: bool = False
    problems: list[Problem] = field(default_factory=list)
    """Under `mkdocs serve`: the sources' problems, shown in the preview while the last good pages stay."""
    inputs: frozenset[tuple[str, int, int]] | None = None
    """Under `mkdocs serve`: the sources and templates the last build read, to tell whether anything changed."""
    pages: dict[str, Page] = field(default_factory=dict)
    """Generated page path → the page, whose HTML goes into MkDocs' finished page (never through Markdown)."""


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


def snapshot(*folders: Path) -> frozenset[tuple[str, int, int]]:
    """Every file under `folders` with its modification time and size: what the dossier's output depends on."""
    return frozenset((str(p), (st := p.stat()).st_mtime_ns, st.st_size) for folder in folders for p in folder.rglob("*") if p.is_file())


def on_pre_build(config: MkDocsConfig, **_: Any) -> None:
    # Runs before MkDocs cleans site_dir: invalid sources leave the last good site intact.
    inputs = snapshot(sources_dir(config), TEMPLATES) if _build.serving else None
    if inputs is not None and inputs == _build.inputs and _build.output is not None and not _build.problems:
        log.info("dossier: sources and templates unchanged since the last build; its pages are reused")
        return  # a preview rebuilt for a hand-written page: the dossier's pages are as they were
    _build.inputs = inputs
    try:
        output = build_all(sources_dir(config), site_of(config), scan_fragments=False)  # on_post_page scans every page
    except SourceError as err:
        if not _build.serving:
            raise PluginError("The dossier's sources have problems:\n" + err.report()) from None
        # A preview that raised would hold every request until the sources are fixed (mkdocs/livereload):
        # it shows the problems instead, over the last good pages, and reloads to the dossier once they are fixed.
        log.warning("The dossier's sources have problems; the preview shows them over its pages:\n%s", err.report())
        _build.problems = err.problems
        _build.output = _build.output or Output(pages=[], figures="", downloads=[], search=[])
        return
    except UnsafeOutput as err:
        raise PluginError(str(err)) from None
    _build.output, _build.problems = output, []
    log.info("dossier: %d generated pages", len(output.pages))
    for warning in output.warnings:  # at INFO: shown, without failing `mkdocs build --strict`; only errors stop the build
        log.info("dossier: %s", warning)


def generated_dir(config: MkDocsConfig) -> Path:
    """Where generated files are kept between builds, one folder per configuration and sources folder (never the docs folder)."""
    key = f"{Path(config.config_file_path or '.').resolve()}|{sources_dir(config).resolve()}"
    return Path(tempfile.gettempdir()) / "dossier-generated" / hashlib.sha256(key.encode()).hexdigest()[:16]


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    assert _build.output is not None
    output = _build.output
    _build.pages = {page.path: page for page in output.pages}
    # The search index covers the hand-written pages too, read from their Markdown.
    written = [markdown_entry(f.url, f.content_string, f.name) for f in files.documentation_pages() if f.generated_by is None]
    # On disk, a generated page is its front matter and a digest of its content: the file changes exactly when the page
    # does (what --dirty needs), and MkDocs never reads or holds a second copy of the HTML, handed over in on_page_content.
    generated: list[tuple[str, str | bytes]] = [(page.path, f"{page.front_matter}<!-- dossier page {page.digest} -->\n") for page in output.pages]
    generated += [(d.path, d.text) for d in (*output.downloads, *search_files(output.search + written))]
    generated += [(b.path, b.data) for b in output.binaries]  # dossier.db
    generated += [(r.path, r.html) for r in output.redirects]  # whole HTML files: copied as they are, in no nav, search or sitemap
    for path, _content in generated:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is written by hand but the dossier generates it — remove docs/{path}")
    folder = generated_dir(config)
    report = write_changed(folder, generated)
    log.info("dossier: %d generated files written, %d unchanged, %d removed", len(report.written), report.unchanged, len(report.removed))
    for path, _content in generated:
        files.append(File(path, src_dir=str(folder), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls))
    if _build.serving:  # the preview's problems, read by docs/javascripts/preview.js on every page load
        shown = [{"where": f"{p.path}:{p.line}:{p.col}", "severity": p.severity, "message": p.message, "hint": p.hint} for p in _build.problems]
        files.append(File.generated(config, PROBLEMS_FILE, content=json.dumps({"problems": shown}, ensure_ascii=False)))
    else:
        _build.output = replace(output, pages=[], search=[])  # the pages live on in `_build.pages` until MkDocs takes each one
    for path in report.removed:  # a --dirty build cleans nothing: a page no longer generated goes from the site too
        Path(File(path, src_dir=str(folder), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls).abs_dest_path).unlink(missing_ok=True)
    return files


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


def on_serve(server: Any, config: MkDocsConfig, **_: Any) -> Any:
    server.watch(str(sources_dir(config)))
    return server
