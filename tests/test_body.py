"""Bodies: Markdown rendered safely, passages marked, hostile input neutralised."""

from __future__ import annotations

import pytest

from build_scripts.body import Passage, render_body, url_is_safe
from build_scripts.safety import scan

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
