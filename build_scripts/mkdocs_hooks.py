"""MkDocs hooks: run the dossier pipeline before MkDocs touches `site/`, then hand it the pages.

The hook module holds one explicit state object, `Dossier`, whose methods are the MkDocs events; they only
wire the pipeline's stages (check → compute → build, `mkdocs_config.full_build`) to MkDocs. Under
`mkdocs serve`, which pages each rebuild gets and what the preview shows is `LivePreview`'s.

A hook module rather than a plugin registered as an entry point: `hooks:` in mkdocs.yml needs no
installed package metadata (a checkout runs as it is, and an entry point would have to be installed
again into the shared virtualenv whenever it changed), and MkDocs loads the module once per process,
so its one `Dossier` lives as long as `mkdocs serve` does, as a plugin instance would.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage

from build_scripts import background, cache, companion, compiled, mkdocs_editions
from build_scripts.live_preview import LivePreview, Plan
from build_scripts.mkdocs_config import checked, full_build, project_dir, site_of, sources_dir
from build_scripts.pages import GeneratedPage
from build_scripts.problems import SourceError, UnsafeOutput
from build_scripts.safety import scan
from build_scripts.search import files as search_files
from build_scripts.search import markdown_entry
from build_scripts.watching import told_at_once
from build_scripts.whitespace import squeezed
from build_scripts.write import Changed, write_changed

__all__ = ["FIGURES_MARKER", "Dossier", "search_worker", "site_of", "sources_dir"]
log = logging.getLogger("mkdocs.plugins.dossier")
FIGURES_MARKER = "<!-- dossier:figures -->"
CONTENT_MARKER = "<!-- dossier:content -->"
PROBLEMS_FILE = "dossier-problems.json"
"""Under `mkdocs serve`: the sources' problems, which the preview script shows over any page (never in a published site)."""
PREVIEW_SCRIPT = "javascripts/preview.js"
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


class Dossier:
    """The MkDocs layer's one state object: what this build hands MkDocs, kept between its events."""

    def __init__(self) -> None:
        self.preview: LivePreview | None = None
        """Under `mkdocs serve` (or `serving()`): the preview, kept between rebuilds."""
        self.serving = False
        self.dirty = False
        self.slot: cache.Slot | None = None
        """The project's cache slot this process builds into (.cache/dossier/ beside mkdocs.yml)."""
        self.slot_language = "en"
        """The language of the edition built into the slot (each edition has slots of its own)."""
        self.plan: Plan | None = None
        """This build's dossier: its pages and files, and what the preview shows."""
        self.pages: dict[str, GeneratedPage] = {}
        """Generated page path → the page, whose HTML goes into MkDocs' finished page (never through Markdown)."""
        self.site_dir: Path | None = None
        """Under `mkdocs serve`: the folder it serves, kept in the cache when it stops, for the next session to serve at once."""
        self.children: list[mkdocs_editions.Child] = []
        """The other editions, building in processes of their own while this one builds (`mkdocs build` of mkdocs.yml)."""
        self.language = "en"
        """The language of the edition this process builds (mkdocs_editions.py)."""
        self.companion: companion.Companion | None = None
        """Under `mkdocs serve`: the processes that build the other editions into the folder it serves."""
        self.noted: dict[str, mkdocs_editions.Noted] = {}
        """Another edition's hand-written pages with a note above their text: no translation (docs/<language>/), or an out-of-date one."""

    # -- the events, in the order MkDocs runs them

    def on_startup(self, command: str, dirty: bool = False, **_: Any) -> None:
        self.serving, self.dirty = command == "serve", dirty
        if self.serving:  # the preview's problems go to the terminal, never to the counter that aborts a --strict rebuild
            preview_log, mkdocs_log = logging.getLogger(background.log.name), logging.getLogger("mkdocs")
            preview_log.setLevel(mkdocs_log.getEffectiveLevel())
            for handler in mkdocs_log.handlers:
                if handler not in preview_log.handlers:
                    preview_log.addHandler(handler)

    def on_config(self, config: MkDocsConfig, **_: Any) -> MkDocsConfig:
        compiled.use(project_dir(config) / compiled.CACHE)
        mkdocs_editions.alternates(config)
        if self.serving:  # only the preview shows problems over its pages; a published page loads no such script
            config.extra_javascript.append(PREVIEW_SCRIPT)
        return config

    def on_pre_build(self, config: MkDocsConfig, **_: Any) -> None:
        # Runs before MkDocs cleans site_dir: invalid sources leave the last good site intact.
        slot = self.claim(config)
        if self.serving:
            if self.preview is None:
                previous = slot.previous() if self.dirty else None
                if previous is not None:  # MkDocs' serve folder is new and empty: the last session's pages go in, and --dirty keeps them
                    slot.restore_site(Path(config.site_dir))
                self.preview = LivePreview(slot.generated, slot.ready / "ready", dirty=self.dirty, previous=previous)
            self.plan = self.preview.plan(config)
            self.site_dir = Path(config.site_dir)
            if not self.plan.output.pages and self.plan.previous is None:  # nothing has built: links to the dossier's pages cannot resolve,
                config.validation.nav.not_found = config.validation.links.not_found = logging.INFO  # and must not stop the preview
            return
        edition = mkdocs_editions.edition_of(config)
        try:  # each download is written as it is made: none waits in memory for the others
            computed = mkdocs_editions.handed_over(edition.language)
            if computed is None:
                computed = checked(config)
                if edition.language == "en":  # the other editions render the same index and views, each in a process of its own
                    self.children = mkdocs_editions.start(config, *computed)
            built = full_build(config, Changed(slot.generated), computed=computed)
        except SourceError as err:
            raise PluginError("The dossier's sources have problems:\n" + err.report()) from None
        except UnsafeOutput as err:
            raise PluginError(str(err)) from None
        log.info("dossier: %d generated pages", len(built.output.pages))
        for warning in built.output.warnings:  # at INFO: shown, without failing `mkdocs build --strict`; only errors stop the build
            log.info("dossier: %s", warning)
        self.plan = Plan(built.output, downloaded=built.downloaded)

    def on_files(self, files: Files, config: MkDocsConfig, **_: Any) -> Files:
        assert self.plan is not None and self.slot is not None
        plan, folder = self.plan, self.slot.generated
        if plan.previous is not None:  # the last session's site is in place: MkDocs --dirty keeps every file it is not given,
            self.pages = {}  # and is given the navigation's pages only (it builds none of them again: their stubs are older)
            for path in sorted(_nav_paths(config.nav) & set(plan.previous)):
                if files.get_file_from_path(path) is None:
                    files.append(_file(path, folder, config))
            files.append(_problems_file(config, plan))
            return files
        if plan.edited is not None:  # a preview of edited documents: only their pages are built again
            self._edited_files(files, config, plan)
            return files
        output = plan.output
        self.pages = {page.path: page for page in output.pages}
        self.language = mkdocs_editions.edition_of(config).language
        self.noted = mkdocs_editions.translated_pages(files, config, set(self.pages))
        # The search index covers the hand-written pages too, read from their Markdown.
        written = [markdown_entry(f.url, f.content_string, f.name, self.language) for f in files.documentation_pages() if f.generated_by is None]
        search = self.preview.search(written) if self.preview is not None else search_files(output.search + written)
        # On disk, a generated page is its front matter and a digest of its content: the file changes exactly when the page
        # does (what --dirty needs), and MkDocs never reads or holds a second copy of the HTML, handed over in on_page_content.
        generated: list[tuple[str, str | bytes]] = [(page.path, _stub(page)) for page in output.pages]
        generated += [(d.path, d.text) for d in (*output.downloads, *search)]
        generated += [(b.path, b.data) for b in output.binaries]  # dossier.db
        generated += [(r.path, r.html) for r in output.redirects]  # whole HTML files: copied as they are, in no nav, search or sitemap
        paths = [path for path, _content in generated] + (plan.downloaded.paths if plan.downloaded is not None else [])
        for path in paths:
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} is written by hand but the dossier generates it — remove docs/{path}")
        report = write_changed(folder, generated, written=plan.downloaded)
        log.info("dossier: %d generated files written, %d unchanged, %d removed", len(report.written), report.unchanged, len(report.removed))
        for path in paths:
            files.append(_file(path, folder, config))
        if self.serving:
            files.append(_problems_file(config, plan))
        else:  # the pages live on in `self.pages` until MkDocs takes each one
            self.plan = replace(plan, output=replace(output, pages=[], search=[], downloads=[]))
        for path in report.removed:  # a --dirty build cleans nothing: a page no longer generated goes from the site too
            Path(_file(path, folder, config).abs_dest_path).unlink(missing_ok=True)
        return files

    def on_env(self, env: Environment, **_: Any) -> Environment:
        env.filters["dossier_search_worker"] = search_worker
        return compiled.attach(env, "theme")

    def on_page_markdown(self, markdown: str, page: MkDocsPage, **_: Any) -> str:
        page.meta["search"] = {"exclude": True}  # the dossier's own index replaces Material's whole-site one
        if page.file.src_uri in self.pages:
            return ""  # a generated page is HTML already: not parsed as Markdown
        if FIGURES_MARKER in markdown and self.plan is not None:
            return markdown.replace(FIGURES_MARKER, self.plan.output.figures)
        return markdown

    def on_page_content(self, html: str, page: MkDocsPage, **_: Any) -> str:
        # MkDocs holds every page's content from the first page read to the last written (60 KB a page): a generated page's
        # content is a marker until its finished page is made, when on_post_page puts the HTML in, once.
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            noted = self.noted.get(page.file.src_uri)
            return noted.around(html) if noted is not None else html
        # Material adds a heading of its own to content without `<h1`: the marker says whether the page has one.
        return CONTENT_MARKER + ("<!-- <h1 -->" if "<h1" in generated.html else "")

    def on_post_page(self, output: str, page: MkDocsPage, **_: Any) -> str:
        generated = self.pages.pop(page.file.src_uri, None)
        output = squeezed(output)  # the theme's indentation, before a generated page's content goes in (a page's own content is kept as it is)
        if generated is not None:
            html = generated.html
            output = output.replace(CONTENT_MARKER + ("<!-- <h1 -->" if "<h1" in html else ""), html, 1)
        # The independent check on every finished page, theme included: a finding fails the build.
        findings = scan(output, whole_page=True)
        if findings:
            raise PluginError(f"Unsafe HTML in {page.file.src_uri}: " + "; ".join(findings))
        return output

    def on_post_template(self, output_content: str, template_name: str, **_: Any) -> str:
        return squeezed(output_content) if template_name.endswith(".html") else output_content  # the missing page's theme, as every page's

    def on_post_build(self, config: MkDocsConfig, **_: Any) -> None:
        children, self.children = self.children, []
        mkdocs_editions.finish(children, Path(config.site_dir))  # the other editions move into the site once all built
        plan = self.plan
        full = plan is not None and plan.edited is None and plan.previous is None and bool(plan.output.pages)
        if self.serving and self.slot is not None and full and Path(config.site_dir).is_dir():
            self.slot.keep_site(Path(config.site_dir))  # every page as this build made it: what the next session serves at once
        self._ended()

    def on_build_error(self, error: Exception, **_: Any) -> None:
        children, self.children = self.children, []
        try:
            mkdocs_editions.finish(children, None)  # the other editions' processes end too; nothing of them is kept
        except PluginError as err:
            log.error("dossier: %s", err)
        self._ended()

    def on_serve(self, server: Any, config: MkDocsConfig, **_: Any) -> Any:
        told_at_once(server, sources_dir(config))
        server.watch(str(sources_dir(config)))
        assert self.slot is not None
        # A background full build says it is ready by writing a file here, which makes the server build again and swap it in.
        self.slot.ready.mkdir(parents=True, exist_ok=True)
        server.watch(str(self.slot.ready))
        if len(mkdocs_editions.editions_of(config)) > 1 and self.companion is None:  # the other editions, in the same served folder
            self.companion = companion.Companion(config, self.slot.ready / "editions", self.dirty)
        return server

    def on_shutdown(self, **_: Any) -> None:
        if self.serving and self.slot is not None and self.site_dir is not None and self.site_dir.is_dir():
            self.slot.keep_site(self.site_dir)
        self.close()

    # -- helpers

    def close(self) -> None:
        """Stop the background builder and the other editions' previews, and let other processes have the cache slot."""
        if self.companion is not None:
            self.companion.close()
            self.companion = None
        if self.preview is not None:
            self.preview.close()
        if self.slot is not None:
            self.slot.release()
            self.slot = None

    def claim(self, config: MkDocsConfig) -> cache.Slot:
        """This process's cache slot for the configuration's sources (held for a whole `mkdocs serve`, for one `mkdocs build`)."""
        language = mkdocs_editions.edition_of(config).language
        if self.slot is not None and self.slot.owns(project_dir(config), sources_dir(config)) and self.slot_language == language:
            return self.slot
        if self.slot is not None and self.slot_language == language:
            self.slot.release()
        # Another edition's build in a process forked from this one's (mkdocs_editions.start) leaves the parent's slot alone.
        self.slot, self.slot_language = cache.claim(project_dir(config), sources_dir(config), language), language
        return self.slot

    def _ended(self) -> None:
        """The build ended, passed or not: the background build goes on; a published build lets go of the pages and the cache slot."""
        if self.preview is not None:
            self.preview.finished()
        if not self.serving:
            self.pages, self.plan = {}, None
            if self.slot is not None:
                self.slot.release()
                self.slot = None

    def _edited_files(self, files: Files, config: MkDocsConfig, plan: Plan) -> None:
        """The files of a preview that builds only the edited documents' pages again (MkDocs leaves the others as they are, with --dirty).

        MkDocs is given those pages and the generated pages of the navigation, which every page shows;
        every other file stays in the site as the last build wrote it.
        """
        assert plan.edited is not None and self.slot is not None
        folder = self.slot.generated
        write_changed(folder, [(page.path, _stub(page)) for page in plan.edited], only_these=True)
        self.pages = {page.path: page for page in plan.edited}
        wanted = _nav_paths(config.nav) | set(self.pages)
        for page in plan.output.pages:
            if page.path in wanted:
                files.append(_file(page.path, folder, config))
        for path in plan.removed:  # their stubs and built pages go; the background build's files agree
            (folder / path).unlink(missing_ok=True)
            Path(_file(path, folder, config).abs_dest_path).unlink(missing_ok=True)
        files.append(_problems_file(config, plan))


def _file(path: str, folder: Path, config: MkDocsConfig) -> File:
    return File(path, src_dir=str(folder), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)


def _stub(page: GeneratedPage) -> str:
    return f"{page.front_matter}<!-- dossier page {page.digest} -->\n"


def _nav_paths(nav: Any) -> set[str]:
    """Every page path named in `nav:` of mkdocs.yml."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(_nav_paths(v) for v in nav.values()))
    if isinstance(nav, list):
        return set().union(*(_nav_paths(v) for v in nav))
    return set()


def _problems_file(config: MkDocsConfig, plan: Plan) -> File:
    """The preview's problems, read by docs/javascripts/preview.js on every page load (never in a published site)."""
    state = {"problems": plan.shown, "updating": plan.updating} | ({"previous": True} if plan.previous is not None else {})
    content = json.dumps(state, ensure_ascii=False)
    return File.generated(config, PROBLEMS_FILE, content=content)


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


dossier = Dossier()
"""The one state object of this process's MkDocs builds; MkDocs calls the events below."""
on_startup = dossier.on_startup
on_config = dossier.on_config
on_pre_build = dossier.on_pre_build
on_files = dossier.on_files
on_env = dossier.on_env
on_page_markdown = dossier.on_page_markdown
on_page_content = dossier.on_page_content
on_post_page = dossier.on_post_page
on_post_template = dossier.on_post_template
on_post_build = dossier.on_post_build
on_build_error = dossier.on_build_error
on_serve = dossier.on_serve
on_shutdown = dossier.on_shutdown
