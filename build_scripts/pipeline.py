"""The whole pipeline as plain functions: load → validate → index → render; writing is the caller's."""

from __future__ import annotations

from pathlib import Path

from .index import Index, build_index
from .load import load
from .problems import SourceError, UnsafeOutput
from .render import Page, Renderer, Site, render_site
from .safety import scan
from .validate import validate


def check(root: Path) -> Index:
    """Load, validate and index the sources under `root`; raise SourceError listing every problem."""
    sources, problems = load(root)
    bodies, reference_problems = validate(sources)
    problems += reference_problems
    if problems:
        raise SourceError(problems)
    return build_index(sources, bodies)


def build(root: Path, site: Site | None = None) -> list[Page]:
    """Every generated page of the dossier, rendered from the sources under `root`."""
    return render_site(check(root), site or Site())


def build_all(root: Path, site: Site | None = None) -> tuple[list[Page], str]:
    """The generated pages and the home page's figures, from one check of the sources."""
    renderer = Renderer(check(root), site or Site())
    pages, figures = renderer.all(), renderer.home_figures()
    assert_safe([(page.path, page.html) for page in pages] + [("index.md (figures)", figures)])
    return pages, figures


def assert_safe(fragments: list[tuple[str, str]]) -> None:
    """Refuse output that could run script, whatever the sources: escaping is checked, not assumed."""
    findings = [f"{path}: {finding}" for path, html in fragments for finding in scan(html)]
    if findings:
        raise UnsafeOutput(findings)
