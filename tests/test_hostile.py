"""Hostile input: payloads in every string field and in every body never run on the published site."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from build_scripts.pipeline import check
from build_scripts.problems import SourceError
from build_scripts.safety import scan

from .conftest import built_here, serve

PAYLOADS = [
    "<script>window.__pwned=1;alert(1)</script>",
    '"><script>alert(2)</script>',
    '\'><img src=x onerror="window.__pwned=1;alert(3)">',
    "<svg onload=alert(4)>",
    "</title><script>alert(5)</script>",
    '<a href="javascript:alert(6)">click</a>',
    '" onmouseover="alert(7)" x="',
    '<iframe src="javascript:alert(8)"></iframe>',
    "&#x3C;script&#x3E;alert(9)&#x3C;/script&#x3E;",
    "<details open ontoggle=alert(10)>",
    "{{ config }} {% raw %} ${alert(11)}",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(12)>",
    "<body onload=alert(13)>",
    "<meta http-equiv=refresh content=0;url=javascript:alert(14)>",
]
BODY_EXTRAS = [
    "[click](javascript:alert(21))",
    "[click](JaVaScRiPt:alert(22))",
    "[click](&#106;avascript:alert(23))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgyNCk8L3NjcmlwdD4=)",
    "[click](vbscript:alert(25))",
    "Paragraph { onclick=alert(26) }",
    "## Heading {: onclick=alert(27) }",
    "<div onclick=alert(28)>block</div>",
]


def p(i: int) -> str:
    return json.dumps(PAYLOADS[i % len(PAYLOADS)], ensure_ascii=False)


def body() -> str:
    return "\n\n".join(f"Text {n}: {payload}" for n, payload in enumerate(PAYLOADS)) + "\n\n" + "\n\n".join(BODY_EXTRAS) + "\n"


def write_hostile_dossier(root: Path) -> None:
    for kind in ("documents", "actors", "conferences", "demands", "instruments"):
        (root / kind).mkdir(parents=True)
    (root / "documents" / "hostile.md").write_text(
        f"""---
title: {p(0)}
kind: statement
language: en
issuers: [hostile-actor, other-actor]
publisher: {{name: {p(1)}, actor: hostile-actor}}
excerpt: true
excerpt_note: {p(12)}
author: {p(2)}
summary: {p(3)}
note: {p(4)}
date: {{value: "2024", approximate: true, note: {p(5)}}}
actors: [hostile-actor, other-actor]
conferences: [hostile-conference]
instruments: [hostile-instrument]
claims:
"""
        + "".join(
            f"""  - actors: [hostile-actor, other-actor]
    speaker: other-actor
    basis: {["reported", "characterised", "own-publication"][i % 3]}
    instruments: [hostile-instrument]
    demand: hostile-demand
    stance: conditional
    condition: {p(i + 6)}
    conference: hostile-conference
    note: {p(i + 7)}
    evidence: {json.dumps(f"Text {i}: {payload}", ensure_ascii=False)}
"""
            for i, payload in enumerate(PAYLOADS)
        )
        + f"""quotes:
  - speaker: other-actor
    actor: hostile-actor
    text: {json.dumps(PAYLOADS[4])}
    note: {p(8)}
---
{body()}""",
        encoding="utf-8",
    )
    (root / "actors" / "hostile-actor.md").write_text(
        f"""---
name: {p(9)}
name_ar: {{value: {json.dumps("سوريا " + PAYLOADS[2], ensure_ascii=False)}, editorial: {p(3)}}}
acronym: {p(10)}
type: organisation
aliases: [{p(11)}, {{value: {p(12)}, source: hostile}}, {{value: "not in the text", editorial: {p(13)}}}]
affiliations:
  - to: other-actor
    relation: leads
    role: {p(13)}
    source: hostile
  - to: other-actor
    relation: represents
    editorial: {p(0)}
sources: [hostile]
---
{body()}""",
        encoding="utf-8",
    )
    (root / "actors" / "other-actor.md").write_text(f"---\nname: {p(1)}\ntype: person\n---\n{body()}", encoding="utf-8")
    (root / "conferences" / "hostile-conference.md").write_text(
        f"""---
name: {p(2)}
short_name: {p(3)}
kind: conference
place: {{value: {p(4)}, editorial: {p(5)}}}
participants: [{{actor: other-actor, status: organised, source: hostile}}, {{actor: hostile-actor, status: addressed, role: {p(5)}, source: hostile}}]
attendance: {{count: 3, unit: {p(6)}, source: hostile}}
outcomes: [{{title: {p(7)}, kind: {p(8)}, instrument: hostile-instrument, source: hostile}}]
sources: [hostile]
---
{body()}""",
        encoding="utf-8",
    )
    (root / "demands" / "hostile-demand.md").write_text(
        f"---\nstatement: {p(9)}\ntheme: rights\ninstruments: [hostile-instrument]\nsources: [hostile]\n---\n{body()}",
        encoding="utf-8",
    )
    (root / "instruments" / "hostile-instrument.md").write_text(
        f"---\nname: {p(10)}\nkind: resolution\nshort_name: {p(11)}\naliases: [{{value: {p(6)}, editorial: {p(7)}}}]\nsources: [hostile]\n---\n{body()}",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    write_hostile_dossier(root / "sources")
    body_links = root / "sources" / "documents" / "hostile.md"
    body_links.write_text(body_links.read_text(encoding="utf-8").replace("[click](", "click ("), encoding="utf-8")  # links are refused: see below
    for page in (
        "actors/hostile-actor.md",
        "actors/other-actor.md",
        "conferences/hostile-conference.md",
        "demands/hostile-demand.md",
        "instruments/hostile-instrument.md",
    ):
        path = root / "sources" / page
        path.write_text(path.read_text(encoding="utf-8").replace("[click](", "click ("), encoding="utf-8")
    return built_here(root / "sources", root / "site")


def test_unsafe_links_in_bodies_are_refused_with_their_line(tmp_path: Path) -> None:
    """The check refuses them, each with its file and line (how MkDocs reports a check's problems is tested in test_site.py)."""
    write_hostile_dossier(tmp_path / "sources")
    with pytest.raises(SourceError) as refused:
        check(tmp_path / "sources")
    problems = [str(problem) for problem in refused.value.problems]
    for scheme in ("javascript:alert(21)", "JaVaScRiPt:alert(22)", "&#106;avascript:alert(23)", "data:text/html;base64", "vbscript:alert(25)"):
        assert any(problem.startswith("sources/documents/hostile.md:") and scheme in problem for problem in problems), scheme


def test_built_html_holds_no_live_payload(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 12
    for page in pages:
        assert scan(page.read_text(encoding="utf-8"), whole_page=True) == [], page
    source = (hostile_site / "sources" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;" in source  # shown as text, not dropped


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as url:
        yield url


HOSTILE_PAGES = [
    "",
    "actors/",
    "conferences/",
    "demands/",
    "sources/",
    "actors/hostile-actor/",
    "actors/other-actor/",
    "conferences/hostile-conference/",
    "demands/hostile-demand/",
    "sources/hostile/",
    "instruments/",
    "instruments/hostile-instrument/",
]


POINTED_AT = """() => {
    const elements = [...document.querySelectorAll('article *')]
    for (const element of elements)
        for (const type of ['pointerover', 'mouseover', 'mouseenter', 'mousemove', 'focus', 'focusin'])
            element.dispatchEvent(new MouseEvent(type, { bubbles: true }))
    return elements.length
}"""
"""Every element of the page's article pointed at and focused: any handler a payload set on one would run."""
LIVE_MARKUP = """selector => [...document.querySelectorAll(selector + ' *')]
    .filter(el => [...el.attributes].some(a => /^on/i.test(a.name) || /^\\s*(javascript|vbscript|data):/i.test(a.value))
        || ['script', 'iframe', 'img', 'svg', 'details', 'math', 'meta', 'body', 'style', 'object', 'embed'].includes(el.localName))
    .map(el => el.outerHTML.slice(0, 120))"""
"""Elements under `selector` that could run or load anything: an event handler, a script or data URL, an element that runs or loads."""


@pytest.mark.browser
def test_no_payload_runs_in_chromium(new_page: Callable[..., Page], hostile_url: str) -> None:
    page = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in HOSTILE_PAGES:
        page.goto(hostile_url + path)  # returns once the page and its scripts have loaded
        expect(page.locator("h1").first).to_be_visible()
        page.mouse.move(400, 400)
        for link in page.locator("article a").all()[:3]:  # a reader's pointer
            link.hover()
        assert page.evaluate(POINTED_AT) > 10, path
        assert page.evaluate("window.__pwned === undefined"), path
    page.goto(hostile_url)
    page.keyboard.press("/")
    page.keyboard.type("onerror script", delay=20)
    # The results of the query are shown; then nothing in them is live markup (a handler, a script URL, an element that runs or loads
    # something), so no payload can run later either, and none ran.
    expect(page.locator(".md-search-result__item mark", has_text="script").first).to_be_visible(timeout=15000)
    assert page.locator(".md-search-result__item").count() > 0
    assert page.evaluate(LIVE_MARKUP, ".md-search-result") == []
    assert page.evaluate("window.__pwned === undefined")
    assert dialogs == []
    assert {r.split("/")[2].split(":")[0] for r in page.requested if r.startswith("http")} == {"127.0.0.1"}  # type: ignore[attr-defined]
