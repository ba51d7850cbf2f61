"""Whole site: speakers, joint claims, bases, participation, instruments and editorial facts appear where described."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import escape

from build_scripts.pipeline import check
from build_scripts.views.entity_lists import invokers
from build_scripts.views.templating import BASIS_LABELS

from .conftest import ROOT
from .site_pages import listing


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def claim_items(html: str, target: str) -> list[str]:
    """The `<li class="claim ...">` items of a page that link to `target`."""
    items = re.findall(r'<li class="claim [^"]*"[^>]*>.*?</li>', html, re.S)
    return [item for item in items if f'href="{target}"' in item]


def section(html: str, heading_id: str) -> str:
    """The part of a page from the heading with `heading_id` to the next `<h2`."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start + 1)
    return html[start : end if end >= 0 else len(html)]


def test_every_claim_shows_its_basis_and_speaker_on_each_actors_page(bundled_site: Path) -> None:
    index = check(ROOT / "sources")
    assert any(c.joint for c in index.claims) and any(c.speaker for c in index.claims)
    for claim in index.claims:
        target = f"../../sources/{claim.document}/#{claim.id}"
        for actor in claim.actors:
            # An actor's positions: on its page, or all on their own pages when the list is long (the page then shows a few).
            positions = listing(bundled_site, f"actors/{actor}", "positions") or page(bundled_site, f"actors/{actor}")
            items = claim_items(positions, target)
            assert len(items) == 1, (actor, claim.id)
            assert f"basis--{claim.basis}" in items[0] and escape(BASIS_LABELS[claim.basis]) in items[0]
            if claim.speaker:
                assert f'voiced by <a href="../{claim.speaker}/"' in items[0], (actor, claim.id)
            if claim.joint:
                assert "Jointly with" in items[0]
                for other in claim.actors:
                    if other != actor:
                        assert f'href="../{other}/"' in items[0]
        if claim.speaker and claim.speaker not in claim.actors:
            voiced = listing(bundled_site, f"actors/{claim.speaker}", "voiced") or section(page(bundled_site, f"actors/{claim.speaker}"), "voiced")
            rows = [row for row in re.findall(r"<tr[ >].*?</tr>", voiced, re.S) if f'href="{target}"' in row]
            assert len(rows) == 1, (claim.speaker, claim.id)


def test_a_joint_claim_counts_once_per_actor_in_the_downloads(bundled_site: Path) -> None:
    index = check(ROOT / "sources")
    rows = (bundled_site / "downloads" / "positions.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(rows) == sum(len(c.actors) for c in index.claims) > len(index.claims)


def test_every_instrument_page_lists_its_invokers_and_demands(bundled_site: Path) -> None:
    index = check(ROOT / "sources")
    assert len(index.sources.instruments) >= 5
    for instrument_id in index.sources.instruments:
        html = page(bundled_site, f"instruments/{instrument_id}")
        who = listing(bundled_site, f"instruments/{instrument_id}", "invokers") or section(html, "invoked-by")
        for actor, _ in invokers(index, instrument_id):
            assert f'href="../../actors/{actor}/"' in who, (instrument_id, actor)
        for demand in index.demands_by_instrument.get(instrument_id, []):
            assert f'href="../../demands/{demand}/"' in section(html, "demands")
    assert len(invokers(index, "unscr-2254")) >= 5


def test_each_actor_appears_once_per_conference_with_every_status(bundled_site: Path) -> None:
    index = check(ROOT / "sources")
    for conf_id, record in index.sources.conferences.items():
        table = listing(bundled_site, f"conferences/{conf_id}", "participants") or section(page(bundled_site, f"conferences/{conf_id}"), "participants")
        for entry in index.participation.get(conf_id, []):
            row = re.findall(rf'<tr><td><a href="../../actors/{entry.actor}/"[^>]*>.*?</tr>', table, re.S)
            assert len(row) == 1, (conf_id, entry.actor)
            for status in entry.statuses:
                assert f"status--{status.status}" in row[0] and f'href="../../sources/{status.source}/"' in row[0]
        assert len(record.model.participants) == 0 or "status--" in table
    borrell = listing(bundled_site, "conferences/brussels-vii", "participants") or section(page(bundled_site, "conferences/brussels-vii"), "participants")
    assert "status--addressed" in re.search(r'<tr><td><a href="../../actors/josep-borrell/".*?</tr>', borrell, re.S).group(0)  # type: ignore[union-attr]


def test_editorial_facts_are_marked_on_their_pages(bundled_site: Path) -> None:
    index = check(ROOT / "sources")
    # The facts each English page shows; a conference's or an instrument's Arabic name and a demand's Arabic statement show in
    # the Arabic edition (issue 21).
    shown = {"actors": ("name", "name_ar", "acronym", "aliases"), "conferences": ("name", "place"), "instruments": ("name", "aliases")}
    marked = 0
    for fact in index.editorial_facts:
        if fact.field in shown.get(fact.kind, ()):
            html = page(bundled_site, f"{fact.kind}/{fact.entity}")
            assert f"supplied by the editors: {escape(fact.editorial or '')}" in html, (fact.entity, fact.field)
            marked += 1
    assert marked >= 10
    soc = page(bundled_site, "actors/soc")
    assert re.search(r"<dt>Arabic name</dt><dd>.*?supplied by the editors", soc)


def test_source_pages_show_issuer_provenance_and_language_by_name(bundled_site: Path) -> None:
    soc = page(bundled_site, "sources/soc-parties-working-group-meeting")
    assert re.search(r'<dt>Issuer</dt><dd><a href="../../actors/soc/"', soc)
    assert "<dt>Language</dt><dd>English</dd>" in soc
    assert "own publication" in section(soc, "top")
    report = page(bundled_site, "sources/snc-diplomatic-push-before-unga")
    assert "report by an outlet the copy does not name" in report


def test_a_stance_beside_an_instrument_names_its_demand(bundled_site: Path) -> None:
    """Opposing parallel tracks outside Resolution 2254 must not read as opposing the resolution."""
    who = listing(bundled_site, "instruments/unscr-2254", "invokers") or section(page(bundled_site, "instruments/unscr-2254"), "invoked-by")
    row = re.search(r'<tr><td><a href="../../actors/cssr/".*?</tr>', who, re.S).group(0)  # type: ignore[union-attr]
    assert re.search(r'stance--opposes">opposes</span> <a href="../../demands/parallel-tracks-outside-unscr-2254/"', row)
