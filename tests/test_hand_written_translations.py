"""The hand-written pages' translations (docs/<language>/): each records the English text it translates, says so when that
text has changed since, and keeps the English page's code blocks as they are."""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from build_scripts.mkdocs_editions import translated_pages
from build_scripts.page_translations import translations_in
from build_scripts.search import markdown_entry

from .conftest import ROOT

DOCS = ROOT / "docs"
ENGLISH = "# Method\n\nHow it is done.\n"
ARABIC = "# المنهج\n\nكيف يُعمل.\n"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def project(tmp_path: Path, translation: str, english: str = ENGLISH) -> MkDocsConfig:
    """A project with one hand-written page and its Arabic translation, configured as the Arabic edition."""
    (tmp_path / "docs" / "ar").mkdir(parents=True)
    (tmp_path / "docs" / "method.md").write_text(english, encoding="utf-8")
    (tmp_path / "docs" / "ar" / "method.md").write_text(translation, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nextra:\n  dossier_edition: ar\n", encoding="utf-8")
    return load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))


def files_of(config: MkDocsConfig) -> Files:
    return Files([File("method.md", src_dir=config.docs_dir, dest_dir=config.site_dir, use_directory_urls=True)])


def test_a_current_translation_replaces_the_english_page_with_no_note(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = project(tmp_path, f'---\ntranslation_of: "{digest(ENGLISH)}"\n---\n\n{ARABIC}')
    files = files_of(config)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.dossier"):
        noted = translated_pages(files, config, set())
    assert noted == {} and not caplog.records
    assert Path(files.get_file_from_path("method.md").abs_src_path).parent == tmp_path / "docs" / "ar"  # type: ignore[union-attr]


def test_a_translation_of_an_earlier_english_text_shows_under_an_arabic_note_linking_the_english(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    earlier = digest("# Method\n\nHow it was done.\n")
    config = project(tmp_path, f"---\ntranslation_of: {earlier}\n---\n\n{ARABIC}")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.dossier"):
        noted = translated_pages(files_of(config), config, set())
    shown = noted["method.md"].around("<h1>المنهج</h1>")
    assert shown == (
        '<p class="stale-note">تغيّرت الصفحة الإنجليزية منذ إعداد هذه الترجمة: <a href="../../method/" hreflang="en">الصفحة الإنجليزية</a>'
        " هي المرجع.</p>\n<h1>المنهج</h1>"
    )
    # Said at INFO, which `strict: true` does not count: the page and the record to write once the translation is checked.
    [record] = caplog.records
    assert record.levelno == logging.INFO
    assert record.getMessage() == (
        f"dossier: docs/ar/method.md translates an earlier text of docs/method.md ({earlier}): shown under a note; "
        f'once checked against it, record translation_of: "{digest(ENGLISH)}"'
    )


def test_a_page_without_translation_is_the_english_under_a_note(tmp_path: Path) -> None:
    config = project(tmp_path, f'---\ntranslation_of: "{digest(ENGLISH)}"\n---\n\n{ARABIC}')
    files = files_of(config)
    files.append(File("other.md", src_dir=config.docs_dir, dest_dir=config.site_dir, use_directory_urls=True))
    noted = translated_pages(files, config, set())
    assert list(noted) == ["other.md"]
    assert noted["other.md"].around("<p>x</p>").startswith('<p class="untranslated-note">لم تُترجم هذه الصفحة بعد')


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        (
            ARABIC,
            "docs/ar/method.md:1:1: no `translation_of`: the page does not say which English text it translates — start it with"
            ' front matter between `---` lines; check the translation against docs/method.md, then record it: `translation_of: "{d}"`',
        ),
        (
            "---\ntitle: x\n---\n" + ARABIC,
            "docs/ar/method.md:1:1: no `translation_of`: the page does not say which English text it translates — check the"
            ' translation against docs/method.md, then record it: `translation_of: "{d}"`',
        ),
        (
            "---\ntitle: x\ntranslation_of: d1e7dc6a9a3\n---\n" + ARABIC,
            "docs/ar/method.md:3:17: `translation_of` is 'd1e7dc6a9a3', not the 12 hex digits of a digest — check the"
            ' translation against docs/method.md, then record it: `translation_of: "{d}"`',
        ),
        (
            '---\ntranslation_of: "D1E7DC6A9A3F"\n---\n' + ARABIC,
            "docs/ar/method.md:2:17: `translation_of` is 'D1E7DC6A9A3F', not the 12 hex digits of a digest — check the"
            ' translation against docs/method.md, then record it: `translation_of: "{d}"`',
        ),
    ],
)
def test_a_translation_with_no_or_a_malformed_record_is_an_error_saying_where_and_what_to_record(tmp_path: Path, translation: str, expected: str) -> None:
    config = project(tmp_path, translation)
    found, problems = translations_in(Path(config.docs_dir), "ar")
    assert found == {} and [str(p) for p in problems] == [expected.format(d=digest(ENGLISH))]
    with pytest.raises(PluginError) as raised:  # the build stops, saying so
        translated_pages(files_of(config), config, set())
    assert str(raised.value) == "The translations of the hand-written pages have problems:\n" + expected.format(d=digest(ENGLISH))


def test_a_translation_of_no_english_page_is_an_error(tmp_path: Path) -> None:
    config = project(tmp_path, ARABIC)
    (tmp_path / "docs" / "ar" / "method.md").rename(tmp_path / "docs" / "ar" / "methods.md")
    _found, problems = translations_in(Path(config.docs_dir), "ar")
    assert [str(p) for p in problems] == [
        "docs/ar/methods.md:1:1: translates no page: docs/methods.md does not exist — give it the name of the English page it translates, or remove it"
    ]


def test_the_bundled_translations_record_the_english_text_they_translate() -> None:
    found, problems = translations_in(DOCS, "ar")
    assert problems == []
    assert set(found) == {p.relative_to(DOCS / "ar").as_posix() for p in (DOCS / "ar").rglob("*.md")}
    assert "index.md" in found


def test_the_search_entry_of_a_translated_page_leaves_its_record_and_its_headings_ids_out() -> None:
    markdown = f'---\ntranslation_of: "{digest(ENGLISH)}"\n---\n\n# المنهج {{#method}}\n\nكيف يُعمل.\n\n## التفاصيل {{#details}}\n'
    entry = markdown_entry("method/", markdown, "method")
    assert entry.title == "المنهج" and entry.text == "المنهج كيف يُعمل. التفاصيل"


PRE = re.compile(r"<pre><code[^>]*>.*?</code></pre>", re.DOTALL)


def code_blocks(markdown_text: str) -> list[str]:
    """The code blocks of a hand-written page, fenced or indented, as MkDocs' Markdown renders them (front matter aside)."""
    body = re.sub(r"\A---\n.*?\n---\n", "", markdown_text, count=1, flags=re.DOTALL)
    return PRE.findall(markdown.markdown(body, extensions=["toc", "tables", "fenced_code", "attr_list"]))


def test_code_blocks_are_found_fenced_and_indented() -> None:
    assert code_blocks("---\na: b\n---\nText:\n\n    w(t) = 1\n\n```python\nx = 1\n```\n") == [
        "<pre><code>w(t) = 1\n</code></pre>",
        '<pre><code class="language-python">x = 1\n</code></pre>',
    ]


@pytest.mark.parametrize("page", sorted(p.relative_to(DOCS / "ar").as_posix() for p in (DOCS / "ar").rglob("*.md")))
def test_every_code_block_of_a_translated_page_is_the_english_pages_at_the_same_place(page: str) -> None:
    """The recipes the tests run from the English pages are the Arabic pages' too: same blocks, same order, byte for byte."""
    english = code_blocks((DOCS / page).read_text(encoding="utf-8"))
    assert code_blocks((DOCS / "ar" / page).read_text(encoding="utf-8")) == english


HEADING_ID = re.compile(r'<h[1-6] id="([^"]*)"')


def test_a_translated_page_has_the_english_pages_heading_ids_so_links_and_the_switcher_keep_their_anchors(bundled_site: Path) -> None:
    for page in sorted(p.relative_to(DOCS / "ar").with_suffix("").as_posix() for p in (DOCS / "ar").rglob("*.md")):
        built = "index.html" if page == "index" else f"{page}/index.html"
        english = HEADING_ID.findall((bundled_site / built).read_text(encoding="utf-8"))
        arabic = HEADING_ID.findall((bundled_site / "ar" / built).read_text(encoding="utf-8"))
        assert arabic == english, page
