"""Under `mkdocs serve`: which of the dossier's pages each rebuild hands MkDocs, and what the preview shows over them.

A preview never raises for what goes wrong in a build: MkDocs' server would hold every request until
the next build passed ("The server will appear stuck until build errors are resolved"). It keeps the
last good pages and says what is wrong instead, in the overlay (docs/javascripts/preview.js) and in
the terminal: the sources' problems, or any error a build raised (Graphviz missing, a template bug).

An edit of documents only is shown at once (`preview.update` renders their pages) and a full build
follows in the background (build_scripts/background.py); until it is swapped in, the preview says so.
A change to anything else (another source, a template, the theme, the hand-written pages, mkdocs.yml)
builds everything in the foreground, with the configuration as it is now.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from .background import Builder, Done, Stats, edited_documents, log, snapshot
from .exports.sink import Download
from .index import Index
from .mkdocs_config import Full, fingerprint, full_build, site_of, sources_dir
from .pages import GeneratedPage
from .pipeline import Output
from .preview import update
from .problems import Problem, SourceError
from .search import Entry
from .search import files as search_files
from .views.templating import TEMPLATES
from .write import Changed

EMPTY = Output(pages=[], figures="", downloads=[], search=[])


@dataclass(frozen=True)
class Plan:
    """What one rebuild hands MkDocs, and what the preview says over the pages."""

    output: Output
    """The dossier's pages and files as the site has them now."""
    edited: list[GeneratedPage] | None = None
    """Only these pages are built again (with --dirty, MkDocs leaves the others as they are); None: every page is handed over."""
    removed: list[str] = field(default_factory=list)
    """Pages no longer made (an edited document's notes fit on its page again)."""
    shown: list[dict[str, str]] = field(default_factory=list)
    """The problems, warnings or build error the overlay lists."""
    updating: bool = False
    """The edited documents' pages are new; the others follow from a background build."""
    downloaded: Changed | None = None
    """The downloads, written into the generated folder as each was made (none is kept in memory)."""
    previous: list[str] | None = None
    """At the start of a preview: the generated files of the last session, served as they are while the dossier is built in the background."""


def shown(problems: list[Problem]) -> list[dict[str, str]]:
    return [{"where": f"{p.path}:{p.line}:{p.col}", "severity": p.severity, "message": p.message, "hint": p.hint} for p in problems]


def failure(err: Exception) -> dict[str, str]:
    """An error a build raised, as the overlay lists it (its traceback is in the terminal)."""
    message = f"the dossier's build failed: {type(err).__name__}: {err}"
    hint = "the traceback is in the terminal where `mkdocs serve` runs; these pages are the last that built. Fix it and save"
    return {"where": "build", "severity": "error", "message": message, "hint": hint}


class LivePreview:
    """The preview's state between rebuilds: the pages served, the files they were made from, and the background builder."""

    def __init__(self, generated: Path, ready: Path, dirty: bool = True, previous: list[str] | None = None) -> None:
        self.generated = generated
        """The generated folder MkDocs is given, where every full build writes its downloads as it makes them."""
        self.ready = ready
        """A file in a folder the server watches: written when a background build is ready, which makes the server build again."""
        self.dirty = dirty
        """`mkdocs serve --dirty`: MkDocs keeps the pages it is not given (without it, every page must be given every time)."""
        self.full: Full | None = None
        """The last full build swapped in: its views render an edit's pages."""
        self.output: Output | None = None
        """The pages served: the last full build's, with the edited documents' pages in place."""
        self.index: Index | None = None
        self.inputs: Stats | None = None
        """The files `output` was made from (after an edit, the others follow from the background build)."""
        self.docs: Stats | None = None
        self.problems: list[Problem] = []
        self.error: Exception | None = None
        """The last error a build raised (not the sources' problems), until a build passes."""
        self.previous = previous if dirty else None
        """The last session's generated files, served until the first full build is ready (None once it is, or without one)."""
        self.written: list[Entry] = []
        """The hand-written pages' search entries, as the last rebuild read them: given to each background build."""
        self._builder: Builder[list[Entry], Full] | None = None
        self._key = ""
        self._held: Builder[list[Entry], Full] | None = None

    @property
    def updating(self) -> bool:
        return self._builder is not None and self._builder.busy and self.error is None and not self.problems

    def plan(self, config: MkDocsConfig) -> Plan:
        """This rebuild's pages: the background build's if it is ready, the last ones if nothing changed, an edit's, or a full build's."""
        root, key = sources_dir(config), fingerprint(config)
        builder = self._background(config, key)
        builder.hold()  # until `finished`: the background build waits while this build has the core
        self._held = builder
        inputs, docs = self._inputs(config, key), snapshot(Path(config.docs_dir))
        done = builder.take()
        if done is not None and done.inputs == inputs:
            return self._swap(done, inputs, docs)
        if self.previous is not None:  # the last session's pages at once; the dossier as it is now follows
            if not builder.busy:
                log.info("dossier: serving the pages of the last preview; the dossier is being built in the background")
                builder.request(self.written)
            return self._plan()
        if inputs == self.inputs and self.output is not None and not self.problems and self.error is None:
            log.info("dossier: sources, templates and configuration unchanged since the last build; its pages are reused")
            # The served site has every page already (with --dirty, MkDocs keeps them): MkDocs is given none of the dossier's
            # but the navigation's, unless the hand-written pages changed (a page added changes every page's navigation).
            same_docs, self.docs = docs == self.docs, docs
            return self._plan([] if same_docs else None)
        edited = edited_documents(self.inputs, inputs, root) if self.inputs is not None and docs == self.docs and self.full is not None else None
        if edited:
            return self._edit(config, root, edited, inputs)
        return self._rebuild(config, inputs, docs)

    def search(self, written: list[Entry]) -> list[Download]:
        """The search index files, with the hand-written pages' entries as this rebuild read them (made again only when those changed)."""
        self.written = written
        if self.full is None:  # nothing has built yet
            return search_files(written)
        if self.full.search is None or self.full.search[0] != written:
            self.full.search = (written, search_files(self.full.output.search + written))
        return self.full.search[1]

    def finished(self) -> None:
        """The foreground build ended (passed or not): the background build goes on."""
        if self._held is not None:
            self._held.release()
            self._held = None

    def close(self) -> None:
        if self._builder is not None:
            self._builder.close()

    def _plan(self, edited: list[GeneratedPage] | None = None, removed: list[str] | None = None) -> Plan:
        output = self.output or EMPTY
        listed = shown(self.problems or output.warnings) + ([failure(self.error)] if self.error is not None else [])
        if self.previous is not None:  # until a full build passes, the last session's files stay as they are
            return Plan(output, previous=self.previous, shown=listed, updating=self.updating)
        downloaded = self.full.downloaded if self.full is not None else None
        return Plan(output, edited if self.dirty else None, removed or [], listed, self.updating, downloaded)

    def _inputs(self, config: MkDocsConfig, key: str) -> Stats:
        """The files the dossier's pages are made from, the configuration's fingerprint among them."""
        theme = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        files = snapshot(sources_dir(config), TEMPLATES, *theme, *([Path(config.config_file_path)] if config.config_file_path else []))
        return files | {"<configuration>": (int(key[:15], 16), 0)}

    def _background(self, config: MkDocsConfig, key: str) -> Builder[list[Entry], Full]:
        """The background builder for this configuration: made again when the configuration changed, so that it builds with the new one."""
        if self._builder is not None and self._key == key:
            return self._builder
        if self._builder is not None:
            log.info("dossier: the configuration changed; the background build starts again with the new one")
            self._builder.close()

        def build(written: list[Entry]) -> Full:
            # It gives way to the server's builds, and writes its downloads as it makes them: none is kept in memory. A preview's
            # downloads may thus be newer than its pages until the build is swapped in; the disk, not the manifest, says what is there.
            made = full_build(config, Changed(self.generated, builder.turn, trust_manifest=False), progress=builder.turn)
            made.search = (written, search_files(made.output.search + written))
            return made

        def ready() -> None:
            self.ready.parent.mkdir(parents=True, exist_ok=True)
            self.ready.write_text("ready\n", encoding="utf-8")

        builder: Builder[list[Entry], Full] = Builder(build, lambda: self._inputs(config, key), ready)
        self._builder, self._key = builder, key
        return builder

    def _swap(self, done: Done[Full], inputs: Stats, docs: Stats) -> Plan:
        """The background build of these very files: every page as a full build makes it (or what went wrong)."""
        if isinstance(done.result, Full):
            log.info("dossier: the background build is ready; every page is up to date")
            return self._adopt(done.result, inputs, docs)
        return self._failed(done.result, logged=True)

    def _edit(self, config: MkDocsConfig, root: Path, edited: list[str], inputs: Stats) -> Plan:
        """The edited documents checked again and their pages rendered at once; a full build follows in the background."""
        assert self.full is not None and self.index is not None and self.output is not None and self._builder is not None
        try:
            updated = update(self.index, self.full.views, site_of(config), root, edited)
        except Exception as err:
            return self._failed(err, edited=[])
        pages = updated.pages
        log.info("dossier: %s updated; the other pages follow from a full build in the background", ", ".join(p.path for p in pages))
        replaced = {page.path for page in pages} | set(updated.removed)
        kept = [page for page in self.output.pages if page.path not in replaced]
        self.output = replace(self.output, pages=sorted(kept + pages, key=lambda p: p.path))
        self.index, self.inputs, self.problems, self.error = updated.index, inputs, [], None
        self._builder.request(self.written)  # it starts once this build has ended (`finished`)
        return self._plan(pages, updated.removed)

    def _rebuild(self, config: MkDocsConfig, inputs: Stats, docs: Stats) -> Plan:
        """Every page, built in the foreground (a background build running is stopped: this one replaces it)."""
        if self._builder is not None:
            self._builder.cancel()
        try:
            built = full_build(config, Changed(self.generated, trust_manifest=False))
        except Exception as err:
            return self._failed(err)
        return self._adopt(built, inputs, docs)

    def _adopt(self, built: Full, inputs: Stats, docs: Stats) -> Plan:
        self.full, self.output, self.index, self.previous = built, built.output, built.index, None
        self.inputs, self.docs, self.problems, self.error = inputs, docs, [], None
        log.info("dossier: %d generated pages", len(built.output.pages))
        for warning in built.output.warnings:
            log.info("dossier: %s", warning)
        return self._plan()

    def _failed(self, err: Exception, edited: list[GeneratedPage] | None = None, logged: bool = False) -> Plan:
        """What went wrong, shown over the last good pages, which stay as they were (`edited=[]`: no page is built again).

        `logged`: the background builder logged its traceback already.
        """
        if isinstance(err, SourceError):
            log.error("dossier: the sources have problems; the preview shows them over its pages:\n%s", err.report())
            self.problems, self.error = err.problems, None
        else:
            trace = None if logged else err
            log.error("dossier: the build failed (%s: %s); the preview shows the last pages that built", type(err).__name__, err, exc_info=trace)
            self.problems, self.error = [], err
        return self._plan(edited)
