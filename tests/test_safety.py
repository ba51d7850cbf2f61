"""The HTML scan: finds live payloads, passes escaped text and the theme's own scripts."""

from __future__ import annotations

import pytest

from build_scripts.safety import scan


@pytest.mark.parametrize(
    ("html", "finding"),
    [
        ("<script>alert(1)</script>", "<script> element"),
        ('<div onclick="x">', "<div> has an event handler `onclick`"),
        ('<a href="javascript:alert(1)">', "<a href> has an unsafe address `javascript:alert(1)`"),
        ('<a href="&#106;avascript:alert(1)">', "<a href> has an unsafe address `javascript:alert(1)`"),
        ('<a href="data:text/html,x">', "<a href> has an unsafe address `data:text/html,x`"),
        ("<svg><circle/></svg>", "<svg> element"),
        ('<img src="https://t.example/p.gif">', "<img> element"),
        ('<p style="background:url(https://t.example)">', "<p> has a style attribute"),
    ],
)
def test_live_payloads_are_found(html: str, finding: str) -> None:
    assert finding in scan(html)


def test_escaped_payloads_are_text() -> None:
    assert scan("<p>&lt;script&gt;alert(1)&lt;/script&gt; onclick=alert(1) javascript:alert(1)</p>") == []


def test_whole_pages_allow_only_the_theme_scripts() -> None:
    page = '<script>__md_scope=new URL("..",location)</script><script src="../assets/javascripts/bundle.min.js"></script>'
    assert scan(page, whole_page=True) == []
    assert scan(page + "<script>alert(1)</script>", whole_page=True) == ["inline <script> `alert(1)`"]
    assert scan('<script src="https://cdn.example/x.js"></script>', whole_page=True) == ["<script src> loads `https://cdn.example/x.js`"]
    assert scan('<link rel="stylesheet" href="https://fonts.googleapis.com/css">', whole_page=True) == ["<link> fetches `https://fonts.googleapis.com/css`"]
