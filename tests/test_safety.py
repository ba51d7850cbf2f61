"""The HTML scan: finds live payloads, passes escaped text and the theme's own scripts."""

from __future__ import annotations

import pytest

from build_scripts.safety import scan, scan_redirect


@pytest.mark.parametrize(
    ("html", "finding"),
    [
        ("<script>alert(1)</script>", "<script> element"),
        ('<div onclick="x">', "<div> has an event handler `onclick`"),
        ('<a href="javascript:alert(1)">', "<a href> has an unsafe address `javascript:alert(1)`"),
        ('<a href="&#106;avascript:alert(1)">', "<a href> has an unsafe address `javascript:alert(1)`"),
        ('<a href="data:text/html,x">', "<a href> has an unsafe address `data:text/html,x`"),
        ("<svg><script>alert(1)</script></svg>", "<svg> contains <script>"),
        ('<svg onload="alert(1)"><circle/></svg>', "<svg> has an event handler `onload`"),
        ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "<a xlink:href> has an unsafe address `javascript:alert(1)`"),
        ('<svg><a href="&#106;avascript:alert(1)"><text>x</text></a></svg>', "<a href> has an unsafe address `javascript:alert(1)`"),
        ("<svg><foreignObject><div>x</div></foreignObject></svg>", "<svg> contains <foreignobject>"),
        ('<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>', "<svg> contains <animate>"),
        ('<svg><set attributeName="onmouseover" to="alert(1)"/></svg>', "<svg> contains <set>"),
        ('<svg><use href="https://t.example/x.svg#a"/></svg>', "<svg> contains <use>"),
        ('<svg><image href="https://t.example/p.png"/></svg>', "<svg> contains <image>"),
        ("<svg><style>@import url(https://t.example/x.css)</style></svg>", "<svg> contains <style>"),
        ('<svg><rect style="fill:red"/></svg>', "<rect> has a style attribute"),
        ('<svg><rect filter="x"/></svg>', "<svg> <rect> has the attribute `filter`"),
        ('<svg><rect fill="url(https://t.example/p.svg#g)"/></svg>', "<svg> <rect fill> refers to `url(https://t.example/p.svg#g)`"),
        ("<svg><g><svg><path/></svg><foreignObject/></g></svg>", "<svg> contains <foreignobject>"),
        ('<img src="https://t.example/p.gif">', "<img> element"),
        ('<p style="background:url(https://t.example)">', "<p> has a style attribute"),
    ],
)
def test_live_payloads_are_found(html: str, finding: str) -> None:
    assert finding in scan(html)


def test_inert_svg_passes() -> None:
    svg = (
        '<svg class="dossier-graph__svg" width="10pt" height="10pt" viewBox="0 0 10 10" role="group" aria-labelledby="t" aria-describedby="d">'
        '<title id="t">Network</title><desc id="d">A &lt;b&gt; drawing</desc><g class="gn gn--actor"><a href="../actors/x/"><title>X &amp; Y</title>'
        '<ellipse cx="1" cy="1" rx="1" ry="1"/><polygon points="0,0 1,1"/><text x="1" y="1" text-anchor="middle">X &lt;script&gt;</text></a></g>'
        '<g class="ge"><path d="M0,0C1,1 2,2 3,3" stroke-dasharray="5,2"/></g><rect fill="url(#gradient)"/></svg>'
    )
    assert scan(svg) == []
    assert scan(f"<p>{svg}</p>", whole_page=True) == []


def test_whole_pages_hold_svg_to_the_same_allowlist() -> None:
    icon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M13 20h-2V8l-5.5 5.5z"/></svg>'
    assert scan(icon, whole_page=True) == []
    assert "<svg> contains <foreignobject>" in scan("<svg><foreignObject><p>x</p></foreignObject></svg>", whole_page=True)


def test_escaped_payloads_are_text() -> None:
    assert scan("<p>&lt;script&gt;alert(1)&lt;/script&gt; onclick=alert(1) javascript:alert(1)</p>") == []


def test_whole_pages_allow_only_the_theme_scripts() -> None:
    page = '<script>__md_scope=new URL("..",location)</script><script src="../assets/javascripts/bundle.min.js"></script>'
    assert scan(page, whole_page=True) == []
    assert scan(page + "<script>alert(1)</script>", whole_page=True) == ["inline <script> `alert(1)`"]
    assert scan('<script src="https://cdn.example/x.js"></script>', whole_page=True) == ["<script src> loads `https://cdn.example/x.js`"]
    assert scan('<link rel="stylesheet" href="https://fonts.googleapis.com/css">', whole_page=True) == ["<link> fetches `https://fonts.googleapis.com/css`"]


REDIRECT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<meta http-equiv="refresh" content="{content}"><link rel="canonical" href="../new-id/"><title>Moved</title></head>
<body><p>This page has moved: <a href="../new-id/">New</a>.</p></body></html>"""
PAGES = {"actors/new-id/", "actors/other/positions/2/"}


def test_a_redirect_page_may_send_to_a_page_of_the_site() -> None:
    assert scan_redirect(REDIRECT.format(content="0; url=../new-id/"), "actors/old-id/index.html", PAGES) == []
    assert scan_redirect(REDIRECT.format(content="0; url=../../../other/positions/2/"), "actors/old-id/positions/2/index.html", PAGES) == []
    assert scan_redirect(REDIRECT.format(content="0; url=new-id.html"), "actors/old-id.html", {"actors/new-id.html"}) == []


@pytest.mark.parametrize(
    "content",
    [
        "0; url=https://t.example/",  # another host
        "0; url=//t.example/actors/new-id/",
        "0; url=javascript:alert(1)",
        "0;url=../new-id/",  # not exactly the form the build writes
        "5; url=../new-id/",
        "0; url=../missing/",  # no such page
        "0; url=../new-id/?q=1",
        "0; url=../new-id/#top",
        "0; url=../../../../new-id/",  # above the site's root
        "0",
    ],
)
def test_a_redirect_page_refuses_any_other_refresh(content: str) -> None:
    assert scan_redirect(REDIRECT.format(content=content), "actors/old-id/index.html", PAGES) == ["<meta http-equiv=refresh>"]


def test_a_refresh_is_refused_on_every_page_that_is_not_a_redirect() -> None:
    html = REDIRECT.format(content="0; url=../new-id/")
    assert "<meta http-equiv=refresh>" in scan(html, whole_page=True)
    assert "<meta> element" in scan(html)  # a generated fragment holds no meta at all
