"""Live preview: an edited source shows on its own page at once, and the rest of the dossier follows.

A full build of a large dossier takes minutes (every page, view and download is made again),
and a preview server holds every request while it builds. So under a preview, an edit that
touches only documents takes two steps:

1. `update`: the edited documents are read and checked again, every reference and passage
   as in a full check, the index is rebuilt, and their own pages are rendered, with the views
   of the last full build (a second or so at 10,000 sources). Problems stop here, as always.
2. A full build of the whole dossier runs in the background (build_scripts/background.py); once it is done the
   publisher swaps it in whole, and every page, view, download and the search index are
   as a full build makes them.

Engine-neutral: the MkDocs layer (build_scripts/live_preview.py) drives both steps; nothing here knows of MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .checker import Checked
from .index import Index, build_index
from .load import Record, collector_paused, load_file
from .models import Document
from .pages import GeneratedPage, Site
from .problems import Problem, SourceError
from .renames import resolve_records
from .render import Renderer
from .validate import revalidate
from .views import Views
from .views.citations import cite
from .views.entities import source_page
from .views.listings import Listings, plan, with_lists
from .views.listings import page_specs as listing_specs
from .views.measure import Measure


@dataclass(frozen=True)
class Previewed:
    """What an edit of documents changes at once: the index, the documents' own pages (their notes' pages too), and pages no longer made."""

    index: Index
    pages: list[GeneratedPage]
    removed: list[str]


def update(index: Index, views: Views, site: Site, root: Path, edited: list[str]) -> Previewed:
    """The index with `edited` documents read and checked again, and those documents' pages; SourceError on any problem.

    Everything a full check verifies of a document is verified here (references, passages,
    translations, the entities' facts against the texts). The pages are rendered with the
    views of the last full build, which the background refresh replaces, but for what is
    the documents' own: their citations, and which of their notes move to pages of their own.
    """
    updated = recheck(index, root, edited)
    cited = {**views.citations.sources, **{doc_id: cite(views.citations, updated, doc_id) for doc_id in edited}}
    specs = [source_page(updated, doc_id) for doc_id in edited if doc_id in updated.sources.documents]
    # Each page weighed again, with the other pages' lists as the last build cut them.
    others = replace(views, citations=replace(views.citations, sources=cited), listings=with_lists(views.listings, {spec.path: [] for spec in specs}))
    measure = Measure(updated, site, others)
    lists = {spec.path: plan(updated, others, measure, spec)[0] for spec in specs}
    before = {path for (entity, _), listing in views.listings.lists.items() if entity in lists for path in listing.pages.paths}
    listed = with_lists(views.listings, lists)
    renderer = Renderer(updated, site, replace(others, listings=listed))
    own = listing_specs(Listings({key: listing for key, listing in listed.lists.items() if key[0] in lists}))
    pages = sorted([renderer.source_page(doc_id) for doc_id in edited] + [renderer.render(spec) for spec in own], key=lambda page: page.path)
    return Previewed(updated, pages, sorted(before - {page.path for page in pages}))


def recheck(index: Index, root: Path, edited: list[str]) -> Index:
    """The index with `edited` documents read and checked again (SourceError on any problem); the others' checks stand."""
    problems: list[Problem] = []
    read: dict[str, Record[Any]] = {}
    partial: dict[str, Record[Any]] = {}
    paths = {str(Path(root.name) / "documents" / f"{doc_id}.md"): doc_id for doc_id in edited}
    with collector_paused():
        for display, doc_id in paths.items():
            record, file_problems = load_file(root / "documents" / f"{doc_id}.md", display, Document)
            problems += file_problems
            if record is not None:
                (partial if record.partial else read)[doc_id] = record
        # As a full check has it: a file with problems is read in part, checked with the others, and never built.
        resolved, renamed = resolve_records(index.sources, "documents", read)
        salvaged, renamed_partial = resolve_records(index.sources, "documents", partial)
        documents = {doc_id: record for doc_id, record in index.sources.documents.items() if doc_id not in edited} | resolved
        failed = index.sources.failed | {f"documents/{doc_id}" for doc_id in edited if doc_id not in resolved}
        in_part = index.sources.partial + tuple(("documents", record) for _, record in sorted(salvaged.items()))
        sources = replace(index.sources, documents=dict(sorted(documents.items())), failed=failed, partial=in_part)
        checked, checked_problems = revalidate(sources, Checked(index.bodies, index.facts, index.mentions, stated=index.stated), edited)
        kept = [p for p in index.read_warnings if p.path not in paths]
        reading = sorted(set(kept + problems + renamed + renamed_partial))
        # The other documents were not checked again: the warnings of their own checks stand as the last check gave them.
        folder = str(Path(root.name) / "documents") + "/"
        standing = [p for p in index.warnings if p.path.startswith(folder) and p.path not in paths]
        problems = sorted(set(reading + standing + checked_problems))
        if any(not p.warning for p in problems):
            raise SourceError(problems)
        updated = build_index(sources, checked, problems, reading, previous=index)
    return updated
