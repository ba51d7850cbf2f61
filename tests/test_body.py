"""Bodies: Markdown rendered safely, passages marked, hostile input neutralised."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from build_scripts import body
from build_scripts.body import MarkingError, Passage, RenderedBody, plain_paragraphs, read_body, render_body, url_is_safe
from build_scripts.safety import scan

from .conftest import ROOT

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#115;cript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x]( javascript:alert(1))",
    "<x onclick=alert(1)>y</x>",
    "text { onclick=alert(1) }",
    "## heading {: onclick=alert(1) }",
    '"><script>alert(1)</script>',
    "<style>body{background:url(https://tracker.example)}</style>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_markup_never_becomes_live_html(payload: str) -> None:
    html = render_body(f"Before.\n\n{payload}\n\nAfter.", []).html
    assert scan(html) == []
    assert "Before." in html and "After." in html


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a", True),
        ("http://example.org", True),
        ("mailto:editor@example.org", True),
        ("#section", True),
        ("../other/", True),
        ("javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("&#106;avascript:alert(1)", False),
        ("data:text/html,x", False),
        ("vbscript:x", False),
        ("ftp://example.org", False),
    ],
)
def test_only_http_https_mailto_and_local_links(url: str, safe: bool) -> None:
    assert url_is_safe(url) is safe


def test_links_that_are_refused_are_reported() -> None:
    result = render_body("[x](javascript:alert(1)) and ![i](https://t.example/p.gif)", [])
    assert sorted(result.refused) == [
        ("https://t.example/p.gif", "images are not allowed in a source's text"),
        ("javascript:alert(1)", "only http, https and mailto links are allowed"),
    ]


def test_overlapping_passages_each_get_an_anchor() -> None:
    result = render_body("one two three four", [Passage("ev-a", "one two three", "evidence"), Passage("q-b", "two three four", "quote")])
    assert result.missing == {}
    assert result.html == (
        '<p><mark class="passage evidence" data-passages="ev-a" id="ev-a">one </mark>'
        '<mark class="passage evidence quote" data-passages="ev-a q-b" id="q-b">two three</mark>'
        '<mark class="passage quote" data-passages="q-b"> four</mark></p>'
    )


def test_identical_passages_share_the_marks_with_two_anchors() -> None:
    result = render_body("one two", [Passage("ev-a", "one two", "evidence"), Passage("ev-b", "one two", "evidence")])
    assert '<mark class="passage evidence" data-passages="ev-a ev-b" id="ev-a"><span class="passage-anchor" id="ev-b"></span>one two</mark>' in result.html


def test_passages_are_found_across_emphasis_and_list_items() -> None:
    source = "- Protecting the **civil society** space;\n- Adopting citizenship.\n"
    result = render_body(source, [Passage("ev-a", "Protecting the civil society space", "evidence")])
    assert result.found == {"ev-a": "Protecting the civil society space"}
    assert "<strong><mark" in result.html


def test_missing_passage_reports_the_nearest_text() -> None:
    result = render_body("The Council demanded that the talks resume.", [Passage("ev-a", "The Council demands talks", "evidence")])
    assert result.missing == {"ev-a": "The Council demanded that"}


# --- checking reads plain paragraphs without rendering them --------------------------------------

LINE_STARTS = ["", "", "", "", "1. ", "- ", "# ", "> ", "* ", "+ ", "= ", " ", "    ", "2254 ", "12) ", "\t", "---", "| a | b |\n|---|---|\n| "]
WORDS = ["Syria", "talks", "الحل", "السياسي", "2254", "«نريد»", "“quoted”", '"we', 'want"', "it's", "R&D", "a–b", "wait…", "x > y", "#1", "(see)"]
MARKUP = ["5 < 6", "*em*", "**strong**", "_under_", "`code`", "[link](https://example.org)", "![i](x.png)", "<b>", "a\\*b", "<https://example.org>"]
SPACES = [" ", " ", " ", "  ", "\u00a0", "\u2028"]


@st.composite
def bodies(draw: st.DrawFn) -> str:
    """Bodies of paragraphs, mostly plain, some with markup or a line that opens another kind of block."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        lines = []
        for _ in range(draw(st.integers(1, 3))):
            start = draw(st.sampled_from(LINE_STARTS)) if draw(st.integers(0, 11)) == 0 else ""
            words = draw(st.lists(st.sampled_from(WORDS + MARKUP) if draw(st.integers(0, 11)) == 0 else st.sampled_from(WORDS), min_size=1, max_size=8))
            line = start + "".join(word + draw(st.sampled_from(SPACES)) for word in words).rstrip()
            lines.append(line + (draw(st.sampled_from([" ", "  ", "\t", "\u00a0"])) if draw(st.integers(0, 19)) == 0 else ""))
        paragraphs.append("\n".join(lines))
    separators = st.sampled_from(["\n\n", "\n\n", "\n\n\n", "\n\n\n\n", "\n \n"])
    body = paragraphs[0] + "".join(draw(separators) + p for p in paragraphs[1:])
    return draw(st.sampled_from(["", "\n", "\n\n"])) + body + draw(st.sampled_from(["", "\n", "\n\n"]))


@st.composite
def bodies_with_passages(draw: st.DrawFn) -> tuple[str, list[Passage]]:
    """A body, and passages cut from its words (across paragraphs too) or made up, some said to be quoted."""
    body = draw(bodies())
    words = body.split()
    found = []
    for n in range(draw(st.integers(0, 4))):
        if draw(st.integers(0, 3)) == 0:
            text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3)))
        else:
            start = draw(st.integers(0, len(words) - 1))
            text = " ".join(words[start : start + draw(st.integers(1, 6))])
        found.append(Passage(f"p-{n}", text, draw(st.sampled_from(["evidence", "quote"])), draw(st.booleans()), str(n + 1)))
    return body, found


def findings(body: RenderedBody) -> tuple[object, ...]:
    return (body.text, body.found, body.missing, body.refused, body.unquoted)


@settings(max_examples=500, deadline=None)
@given(bodies_with_passages())
def test_a_plain_body_is_read_as_python_markdown_reads_it(case: tuple[str, list[Passage]]) -> None:
    source, passages = case
    seen: list[tuple[list[str], list[bool]]] = []
    real_locate = body._locate

    def spy(texts: list[str], blocks: list[bool], found: list[Passage], result: RenderedBody) -> object:
        seen.append((list(texts), list(blocks)))
        return real_locate(texts, blocks, found, result)

    with patch.object(body, "_locate", spy):
        read = read_body(source, passages)
        rendered = render_body(source, passages)
    plain = body.plain_paragraphs(source) is not None
    event("plain" if plain else "rendered")
    if plain:  # the same segments, so the same text, the same passages found and the same nearest passages
        assert seen[0] == seen[1]
    assert findings(read) == findings(rendered)
    assert read.html == rendered.html


def test_a_plain_body_is_rendered_only_when_its_html_is_asked_for() -> None:
    result = read_body("One two.\n\nThree four.", [Passage("ev-a", "two. Three", "evidence", label="1")])
    assert result.rendered is None
    assert result.found == {"ev-a": "two. Three"}
    assert result.html == render_body("One two.\n\nThree four.", [Passage("ev-a", "two. Three", "evidence", label="1")]).html
    assert read_body("Some *emphasis*.", []).rendered is not None  # markup: rendered while checking


def test_rendering_that_finds_a_passage_otherwise_than_checking_did_raises() -> None:
    result = read_body("One two three.", [Passage("ev-a", "two three", "evidence")])
    result.found["ev-a"] = "one two"  # what a wrong reading of the text would have checked
    with pytest.raises(MarkingError):
        _ = result.html


def test_every_bundled_body_reads_as_it_renders() -> None:
    paths = sorted((ROOT / "sources").rglob("*.md")) + sorted((ROOT / "tests" / "data").rglob("sources/**/*.md"))
    plain = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        source = text.split("\n---\n", 1)[1] if "\n---\n" in text else ""
        plain += body.plain_paragraphs(source) is not None
        assert findings(read_body(source, [])) == findings(render_body(source, []))
    assert plain > len(paths) // 2


def test_points_numbered_with_a_parenthesis_are_a_list() -> None:
    """A communiqué's "1) … 2) …" after a blank line renders as a numbered list, as "1. … 2. …" does."""
    html = render_body("The participants agreed:\n\n1) an exchange of lists;\n2) a second round.\n\nAfter.", []).html
    assert "<ol>\n<li>an exchange of lists;</li>\n<li>a second round.</li>\n</ol>" in html
    assert plain_paragraphs("1) a point") is None  # markup: the fast path leaves it to Markdown
