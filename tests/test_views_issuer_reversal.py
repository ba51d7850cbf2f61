"""An issuer that later opposes its own statement has changed its position: the change is on its page, the shifts list and the feed.

The dossier is synthetic (`communique_dossier.py`, plus one synthetic statement written here): Signatory Party 3 issues the
Lakeside Statement in 2018 (an authorship position, first-hand, which agreement and contested count) and opposes it in 2025.
"""

from __future__ import annotations

from pathlib import Path

import feedparser  # type: ignore[import-untyped]

from build_scripts.pages import Site
from build_scripts.pipeline import check, compute, render

from . import communique_dossier

SITE = Site(site_url="https://dossier.example/", built="2026-11-02T09:30:00Z")
ANCHOR = "shift--s03--lakeside-statement--reply-s03"


def test_an_issuer_that_opposes_its_own_statement_reverses_once_everywhere(tmp_path: Path) -> None:
    root = communique_dossier.write(tmp_path)
    communique_dossier.NAMED_IN["s03"] = "reply-s03"
    try:
        communique_dossier._actor(root, "s03", "Signatory Party 3")
        communique_dossier._document(
            root,
            "reply-s03",
            "Signatory Party 3 disowns the Lakeside Statement",
            "2025-03-05",
            ["s03"],
            [(["s03"], "instrument: lakeside-statement", "opposes", "own-publication", "Signatory Party 3 no longer stands by the Lakeside Statement.")],
            "instruments: [lakeside-statement]",
        )
    finally:
        del communique_dossier.NAMED_IN["s03"]
    index = check(root)
    views = compute(index, SITE)
    assert [(s.actor, s.topic, s.kind) for s in views.histories.shifts] == [("s03", "lakeside-statement", "reversal")]
    (shift,) = views.histories.shifts
    assert (shift.before.document, shift.before.stance, shift.after.document, shift.after.stance) == ("lakeside", "supports", "reply-s03", "opposes")
    pages = {p.path: p.html for p in render(index, views, SITE).pages}
    assert f'id="{ANCHOR}"' in pages["shifts/index.md"]
    # on the actor's page, or on its own pages of histories where they moved (linked from its page), never only on the list
    own = [html for path, html in pages.items() if path == "actors/s03.md" or path.startswith("actors/s03/histories/")]
    assert any(f"#{ANCHOR}" in html for html in own), "the actor's pages link its reversal"
    assert len(own) == 1 or 'href="histories/"' in pages["actors/s03.md"]
    assert views.feed.xml is not None
    entries = [e.id for e in feedparser.parse(views.feed.xml).entries if "/shifts/" in e.id]
    assert entries == [f"https://dossier.example/shifts/#{ANCHOR}"]
