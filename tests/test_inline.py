"""An annotation's note as inline Markdown: code, emphasis and links rendered; script, unsafe links and blocks never."""

from __future__ import annotations

import re
import shutil

import pytest
from selectolax.lexbor import LexborHTMLParser

from build_scripts.inline import inline
from build_scripts.pages import Site
from build_scripts.pipeline import check, compute, render
from build_scripts.safety import scan

from .conftest import MINI, ROOT


def test_code_emphasis_and_links_are_rendered() -> None:
    html = inline('Read `resume-talks` as *the* **talks**, see [the charter](https://example.org/charter?a=1&b=2 "Charter").')
    assert html == (
        'Read <code>resume-talks</code> as <em>the</em> <strong>talks</strong>, see <a href="https://example.org/charter?a=1&amp;b=2" '
        'title="Charter" rel="noopener noreferrer nofollow">the charter</a>.'
    )


def test_text_without_markup_is_escaped_as_any_text() -> None:
    assert inline('The text says "enter their second year" & more.') == "The text says &#34;enter their second year&#34; &amp; more."


@pytest.mark.parametrize(
    ("note", "shown"),
    [
        ("<script>alert(1)</script> *x*", "&lt;script&gt;alert(1)&lt;/script&gt; <em>x</em>"),
        ("<img src=x onerror=alert(1)> `y`", "&lt;img src=x onerror=alert(1)&gt; <code>y</code>"),
        ("`<script>`", "<code>&lt;script&gt;</code>"),
        ("&lt;script&gt; *x*", "&amp;lt;script&amp;gt; <em>x</em>"),
        ("[click](javascript:alert(1))", "click"),
        ("[click](JaVaScRiPt&#58;alert(1))", "click"),
        ("[click](&#106;avascript:alert(1))", "click"),
        ("[click]( javascript:alert(1))", "click"),
        ("[click](data:text/html,x)", "click"),
        ("![image](https://example.org/a.png)", "![image](https://example.org/a.png)"),
        ("[a page](../actors/council.md) and [an anchor](#top)", "a page and an anchor"),
        ("[write](mailto:editors@example.org)", '<a href="mailto:editors@example.org" rel="noopener noreferrer nofollow">write</a>'),
    ],
)
def test_script_and_links_that_are_not_full_http_or_mailto_addresses_are_neutralised(note: str, shown: str) -> None:
    html = inline(note)
    assert html == shown
    assert scan(f"<p>{html}</p>") == []


@pytest.mark.parametrize(
    ("note", "shown"),
    [
        ("# A *heading*", "# A <em>heading</em>"),
        ("1. a `point`", "1. a <code>point</code>"),
        ("- an *item*\n- another", "- an <em>item</em> - another"),
        ("> a *quote*", "&gt; a <em>quote</em>"),
        ("First *line*\n\n    indented `code`", "First <em>line</em> indented <code>code</code>"),
        ("A *rule*\n\n---", "A <em>rule</em> ---"),
        ("[ref]: https://example.org *x*", "[ref]: https://example.org <em>x</em>"),
    ],
)
def test_block_markup_stays_as_typed_on_one_line(note: str, shown: str) -> None:
    html = inline(note)
    assert html == shown
    tags = {node.tag for node in LexborHTMLParser(f"<span>{html}</span>").css("span *")}
    assert tags <= {"a", "code", "em", "strong"}


@pytest.fixture(scope="module")
def noted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The mini fixture's pages, with a note in Markdown on the Ministry's reported position and on the chair's quote."""
    root = tmp_path_factory.mktemp("noted") / "sources"
    shutil.copytree(MINI, root)
    source = root / "documents" / "council-statement.md"
    text = source.read_text(encoding="utf-8")
    text = text.replace(
        "    evidence: the Ministry rejected any return to the talks\n",
        "    evidence: the Ministry rejected any return to the talks\n"
        "    note: The Council *reports* it; see [the Ministry's reply](https://example.org/reply) and `exchange-lists`.\n",
    )
    text = text.replace("    text: We will not wait another year\n", "    text: We will not wait another year\n    note: Said **twice** <b>that day</b>.\n")
    source.write_text(text, encoding="utf-8")
    index = check(root)
    site = Site()
    return {page.path: page.html for page in render(index, compute(index, site), site).pages}


NOTE_HTML = (
    'Note: The Council <em>reports</em> it; see <a href="https://example.org/reply" rel="noopener noreferrer nofollow">the Ministry\'s reply</a> '
    "and <code>exchange-lists</code>."
)
QUOTE_NOTE_HTML = "Note: Said <strong>twice</strong> &lt;b&gt;that day&lt;/b&gt;."


def test_the_source_page_shows_each_note_beside_its_passage(noted: dict[str, str]) -> None:
    page = LexborHTMLParser(noted["sources/council-statement.md"])
    claim = page.css_first("aside.source-notes li#note-ev-ministry-resume-talks")
    assert claim is not None and NOTE_HTML in claim.html  # type: ignore[operator]
    quote = page.css_first("aside.source-notes li#note-q-jane-doe")
    assert quote is not None and QUOTE_NOTE_HTML in quote.html  # type: ignore[operator]
    others = page.css("aside.source-notes li[id^=note-]")
    assert [li.attributes["id"] for li in others if "Note:" in li.text()] == ["note-ev-ministry-resume-talks", "note-q-jane-doe"]


def test_the_entity_pages_show_the_note_as_inline_markdown(noted: dict[str, str]) -> None:
    assert NOTE_HTML in noted["actors/ministry.md"] and NOTE_HTML in noted["demands/resume-talks.md"]
    assert QUOTE_NOTE_HTML in noted["actors/jane-doe.md"]
    assert all(scan(html) == [] for html in noted.values())


def test_the_contributing_guide_promises_what_a_note_renders() -> None:
    """The guide's rows for a claim's and a quote's `note`: inline Markdown, its example rendered as it says, blocks and other links not."""
    guide = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    rows = [line for line in guide.splitlines() if line.startswith("| `note` | no | Context")]
    claim_row, quote_row = rows
    assert "Notes take inline Markdown" in claim_row and "in inline Markdown as a claim's `note`" in quote_row
    assert "beside its passage on the source page" in claim_row and "beside it on the source page" in quote_row
    example = re.search(r"``note: (.+?)``", claim_row)
    assert example is not None
    tags = {node.tag for node in LexborHTMLParser(f"<span>{inline(example.group(1))}</span>").css("span *")}
    assert tags == {"a", "code", "em"}
    assert inline("# x") == "# x" and inline("1. x") == "1. x" and inline("[a](../a.md) <b>") == "a &lt;b&gt;"
