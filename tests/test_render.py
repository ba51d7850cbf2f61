"""Rendering: the mini fixture's pages against golden files, and the safety of every page."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from build_scripts.index import Index
from build_scripts.models import Date
from build_scripts.pages import Site
from build_scripts.pipeline import Output, build_all, check
from build_scripts.redirects import moves
from build_scripts.views.templating import format_date

from .conftest import DATA, MINI, ROOT, golden_rewritten

GOLDEN = DATA / "mini" / "expected"


def test_pages_match_golden_files(mini_output: Output, update_golden: bool) -> None:
    """A full snapshot of the mini fixture's output: a diff after `--update-golden` is a review item, beside the targeted tests below."""
    output = mini_output
    rendered = {page.path: page.markdown for page in output.pages} | {"home_figures.html": output.figures}
    rendered |= {download.path: download.text for download in output.downloads}
    if update_golden:
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for path, text in rendered.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
        golden_rewritten(str(GOLDEN.relative_to(DATA)))
    expected = {str(p.relative_to(GOLDEN)): p.read_text(encoding="utf-8") for p in sorted(GOLDEN.rglob("*")) if p.is_file()}
    assert sorted(rendered) == sorted(expected), "pages added or removed: run pytest --update-golden and review the diff"
    for path, text in rendered.items():
        assert text == expected[path], f"{path} differs from its golden file: run pytest --update-golden and review the diff"


def test_two_renders_are_identical(mini_output: Output) -> None:
    assert build_all(MINI) == mini_output


def test_title_markup_is_escaped_everywhere(mini_output: Output) -> None:
    pages = mini_output.pages
    source = next(p for p in pages if p.path == "sources/council-statement.md")
    assert "<b>talks</b>" not in source.markdown
    assert 'title: "Council statement on the &lt;b&gt;talks&lt;/b&gt;"' in source.markdown
    listing = next(p for p in pages if p.path == "sources/index.md")
    assert "&lt;b&gt;talks&lt;/b&gt;" in listing.html


def test_evidence_links_to_the_highlighted_passage(mini_output: Output) -> None:
    pages = {p.path: p for p in mini_output.pages}
    actor = pages["actors/ministry.md"].html
    assert 'href="../../sources/council-statement/#ev-ministry-resume-talks"' in actor
    assert '<blockquote class="evidence"' in actor
    source = pages["sources/council-statement.md"].html
    assert '<mark class="passage evidence" data-passages="ev-ministry-resume-talks" id="ev-ministry-resume-talks">' in source


def test_quotations_hold_only_the_documents_words() -> None:
    """The blockquote shows the passage as the document has it, not as the annotator typed it."""
    index = check(MINI)
    claim = next(c for c in index.claims if c.id == "ev-council-resume-talks")
    assert claim.evidence == 'the Council calls for the talks to resume "without delay"'


def test_arabic_names_are_isolated_right_to_left(mini_output: Output) -> None:
    pages = {p.path: p for p in mini_output.pages}
    assert '<bdi lang="ar" dir="rtl">المجلس المدني</bdi>' in pages["actors/council.md"].html
    assert '<bdi lang="ar" dir="rtl">المجلس المدني</bdi>' in pages["actors/index.md"].html


@pytest.mark.parametrize(
    ("directory_urls", "source", "target", "anchor", "expected"),
    [
        (True, "actors/a.md", "sources/b.md", "ev-1", "../../sources/b/#ev-1"),
        (True, "actors/index.md", "actors/a.md", None, "a/"),
        (True, "index.md", "actors/index.md", None, "actors/"),
        (True, "actors/a.md", "actors/index.md", None, "../"),
        (True, "sources/b.md", "sources/b.md", "ev-1", "#ev-1"),
        (False, "actors/a.md", "sources/b.md", "ev-1", "../sources/b.html#ev-1"),
        (False, "index.md", "actors/index.md", None, "actors/index.html"),
    ],
)
def test_links_between_pages(directory_urls: bool, source: str, target: str, anchor: str | None, expected: str) -> None:
    assert Site(directory_urls).link(source, target, anchor) == expected


@pytest.mark.parametrize(
    ("directory_urls", "source", "expected"),
    [
        (True, "index.md", "downloads/matrix.csv"),
        (True, "matrix/index.md", "../downloads/matrix.csv"),
        (True, "matrix/governance.md", "../../downloads/matrix.csv"),
        (False, "index.md", "downloads/matrix.csv"),
        (False, "matrix/governance.md", "../downloads/matrix.csv"),
    ],
)
def test_links_from_pages_to_files(directory_urls: bool, source: str, expected: str) -> None:
    assert Site(directory_urls).file_link(source, "downloads/matrix.csv") == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (Date(value="2018-01-21"), '<time datetime="2018-01-21">21 January 2018</time>'),
        (Date(value="2023-06"), '<time datetime="2023-06">June 2023</time>'),
        (
            Date(value="2024", approximate=True, note='says "14th year"'),
            '<time datetime="2024" class="approximate" title="Approximate date. says &#34;14th year&#34;">c.&nbsp;2024</time>',
        ),
        (None, '<span class="unknown">date not given</span>'),
    ],
)
def test_dates_show_their_precision(date: Date | None, expected: str) -> None:
    assert str(format_date(date)) == expected


@pytest.mark.parametrize("dossier", ["mini", "bundled"])
def test_every_generated_path_is_a_markdown_file_in_a_folder_of_its_own(request: pytest.FixtureRequest, dossier: str) -> None:
    """Relative, inside the docs folder (never `..` nor an absolute path), in a section folder, never where a hand-written page is;
    listing pages sit deeper (`actors/x/positions/index.md`): the bundled dossier has them."""
    output: Output = request.getfixturevalue(f"{dossier}_output")
    for page in output.pages:
        path = PurePosixPath(page.path)
        assert not path.is_absolute() and ".." not in path.parts and "\\" not in page.path and path.suffix == ".md", page.path
        assert len(path.parts) >= 2 and not (ROOT / "docs" / page.path).exists(), page.path
    if dossier == "bundled":
        assert any(len(PurePosixPath(page.path).parts) > 2 for page in output.pages), "listing pages are among those checked"


def test_attribution_runs_group_consecutive_claims_in_document_order() -> None:
    from build_scripts.views.entities import attribution_runs

    claims = check(MINI).claims_by_document["council-statement"]
    runs = attribution_runs(claims + claims[:1])
    assert [key for key, _ in runs] == [
        (None, "own-publication", "spring-talks"),
        (None, "reported", None),
        (None, "own-publication", None),
        (None, "characterised", None),
        ("jane-doe", "quoted", "spring-talks"),
        (None, "own-publication", "spring-talks"),
    ]
    assert sum(len(run) for _, run in runs) == len(claims) + 1


def test_continuation_pages_that_moved_keep_their_former_addresses(bundled_index: Index, bundled_output: Output) -> None:
    """Pages after the first of a timeline year, of the agreement's lists or of a matrix page's actors took one address (`<list>/2/`): the former ones redirect there."""
    rendered = bundled_output  # the bundled build's pages and redirect pages
    by_old = {r.old: r for r in rendered.redirects}
    parts = sorted(p.path for p in rendered.pages if PurePosixPath(p.path).parent.name.isdigit() and p.path.startswith("timeline/"))
    assert parts, "the bundled 2024 takes more than one timeline page"
    for path in parts:
        year, number = PurePosixPath(path).parent.name, PurePosixPath(path).stem
        redirect = by_old[f"timeline/{year}-part-{number}.md"]
        assert (redirect.new, redirect.path) == (path, f"timeline/{year}-part-{number}/index.html")
        assert f'content="0; url=../{year}/{number}/"' in redirect.html
    agreement = ["agreement/blocs/3.md", "agreement/contested/2.md", "agreement/contested.md", "matrix/governance-2/2.md", "timeline/2024.md"]
    assert {old: new for old, new in moves(bundled_index, agreement) if new in agreement} == {
        "agreement/blocs-3.md": "agreement/blocs/3.md",
        "agreement/contested-2.md": "agreement/contested/2.md",
        "matrix/governance-2-p2.md": "matrix/governance-2/2.md",
    }, "only the pages after the first moved"


LINE_LIMIT = 160
"""Template lines stay under this many characters (issue 18 §4): a long line breaks inside a tag, or inside a comment (`{#`, `#}`)."""


def test_template_lines_stay_under_160_characters() -> None:
    """The dossier's templates and its overrides of Material's theme (`theme/`, whose partials are HTML)."""
    templates = [*(ROOT / "build_scripts" / "templates").glob("*.j2"), *(ROOT / "build_scripts" / "theme").rglob("*.html")]
    assert any(template.parent.name == "partials" for template in templates)
    long = [
        f"{template.relative_to(ROOT)}:{number}: {len(line)} characters"
        for template in sorted(templates)
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) >= LINE_LIMIT
    ]
    assert long == []
