"""The bibliography the bundled site publishes: citeproc-py renders its CSL-JSON, bibtexparser reads its BibTeX, one entry per source."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser

from build_scripts.pages import Site
from build_scripts.pipeline import check
from build_scripts.views import citations

from .citeproc_render import render_bibliography
from .conftest import ROOT


def test_citeproc_renders_every_source_of_the_csl_json(bundled_site: Path) -> None:
    records = json.loads((bundled_site / "downloads" / "bibliography.json").read_text(encoding="utf-8"))
    documents = sorted(p.stem for p in (ROOT / "sources" / "documents").glob("*.md"))
    assert [r["id"] for r in records] == documents
    rendered = render_bibliography(records, "apa")
    assert len(rendered) == len(documents)
    assert all(any(record["title"][:30] in entry for entry in rendered) for record in records)


def test_bibtexparser_reads_every_source_of_the_bib(bundled_site: Path) -> None:
    library = bibtexparser.parse_string((bundled_site / "downloads" / "bibliography.bib").read_text(encoding="utf-8"))
    assert library.failed_blocks == []
    assert [entry.key for entry in library.entries] == sorted(p.stem for p in (ROOT / "sources" / "documents").glob("*.md"))
    assert all(entry["title"] and entry["year"] for entry in library.entries)


def test_the_bibliography_is_the_citations_of_the_source_pages(bundled_site: Path) -> None:
    """One set of records for the downloads and for the citation on each source page (views/citations.py)."""
    index = check(ROOT / "sources")
    cited = citations.compute(index, Site())
    records = json.loads((bundled_site / "downloads" / "bibliography.json").read_text(encoding="utf-8"))
    assert records == [cited.sources[r["id"]].csl for r in records]
    page = (bundled_site / "sources" / records[0]["id"] / "index.html").read_text(encoding="utf-8")
    assert str(cited.sources[records[0]["id"]].html) in page
