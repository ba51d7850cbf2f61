"""Issue 17 over a whole site: joint statements, stances on a statement, relayed positions, upper-bound dates, instruments credited per claim.

On a small SYNTHETIC dossier written for these tests (`tests/data/views/instruments`, see its README.md):
no real actor, event or text. Each test reads the pages as a reader does, by their visible text.
"""

from __future__ import annotations

import html
import re

import pytest

from build_scripts.index import Index
from build_scripts.pipeline import build_all, check
from build_scripts.views import agreement, stances

from .conftest import DATA

SOURCES = DATA / "views" / "instruments" / "sources"
JOINT = "joint statement of 3 parties (Alpha Front, Beta Party, Gamma State), its issuers' own publication"
"""How the joint communiqué's provenance reads wherever it is named."""


@pytest.fixture(scope="module")
def index() -> Index:
    return check(SOURCES)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {page.path: page.html for page in build_all(SOURCES).pages}


def visible(fragment: str) -> str:
    """The text a reader sees: tags dropped, entities decoded, white space made single."""
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([,.;:)]|'s\b)", r"\1", words))


def section(page: str, anchor: str) -> str:
    """The HTML from the heading (or section) with id `anchor` to the next heading of level 2."""
    at = page.index(f'id="{anchor}"')
    start, end = page.rindex("<", 0, at), page.find("<h2", at)
    return page[start : end if end != -1 else len(page)]


def cards(fragment: str) -> list[str]:
    """The visible text of each position card (`li.claim`) in a fragment."""
    return [visible(card) for card in re.findall(r'<li class="claim .*?</li>', fragment, flags=re.S)]


def test_an_instrument_page_separates_supporters_opponents_and_invokers(pages: dict[str, str]) -> None:
    page = pages["instruments/northern-declaration.md"]
    facts = visible(page[page.index('<dl class="facts">') : page.index("</dl>")])
    assert "Issued by Alpha Front per Joint communiqué of the Northern Parties; Beta Party per Joint communiqué of the Northern Parties; " in facts
    supports = section(page, "supports")
    assert visible(supports).startswith("Supported by (3)")
    assert cards(supports) == [
        "Alpha Front, Beta Party and Gamma State (jointly) supports — 1 March 2024 Basis: issued it Issued it, according to Joint communiqué "
        f"of the Northern Parties, {JOINT}"
    ], "one source's issuers are one joint position: listed once, with its signatories"
    assert "<blockquote" not in supports, "an issuer's authorship has no passage: no empty quotation"
    assert supports.count('href="../../sources/joint-communique/"') == 1, "it opens the source that says they issued it"
    opposes = section(page, "opposes")
    assert visible(opposes).startswith("Opposed by (2)")
    assert cards(opposes) == [
        "Omega Movement opposes — 5 March 2024 (date of the source) Basis: own publication Omega Movement rejects the Northern Declaration in full. "
        "Evidence: passage in Omega Movement on the Northern Declaration, Omega Movement's own publication",
        "Delta Council opposes — 10 March 2024 (date of the source) Basis: reported by the source Delta Council also opposes the Northern Declaration, "
        "its spokesperson said. Evidence: passage in Reactions to the Northern Declaration, report by Synthetic Wire",
    ]
    assert visible(section(page, "conditional")) == "Conditional positions (0) None recorded."
    invoked = page[page.index('<h2 id="invoked-by"') : page.index('<h2 id="demands"')]
    assert "Delta Council supports A nationwide ceasefire" in visible(invoked)
    assert "Each stance is on the demand or statement named beside it, not on this instrument." in visible(invoked)
    assert "Omega" not in visible(invoked) and "Alpha" not in visible(invoked), "an opponent or an issuer is not an invoker"
    assert "#ev-delta-ceasefire" in invoked and "#ev-delta-northern-declaration" not in invoked


def test_a_conditional_stance_on_an_instrument_keeps_its_condition(pages: dict[str, str]) -> None:
    conditional = section(pages["instruments/harbour-accord.md"], "conditional")
    assert cards(conditional) == [
        "Gamma State conditional — 10 March 2024 (date of the source) Basis: reported by the source Condition: If the guarantees hold. "
        "Gamma State will back the Harbour Accord if the guarantees hold. Evidence: passage in Reactions to the Northern Declaration, report by Synthetic Wire"
    ]


@pytest.mark.parametrize("actor", ["alpha", "beta", "gamma"])
def test_a_joint_statement_reads_as_first_hand_for_each_issuer(index: Index, pages: dict[str, str], actor: str) -> None:
    page = pages[f"actors/{actor}.md"]
    group = page[page.index('id="demand-ceasefire"') :]
    [card] = re.findall(r'<li class="claim [^"]*".*?</li>', group[: group.index("</section>")], flags=re.S)
    assert "claim--secondhand" not in card.split(">", 1)[0], "the filter 'first-hand only' keeps it"
    assert visible(card).endswith(f"Evidence: passage in Joint communiqué of the Northern Parties, {JOINT}")
    assert "Basis: own publication; invokes Resolution 9001" in visible(card)
    first_hand = stances.cells(index, first_hand=True)
    assert first_hand[(actor, "ceasefire")].stance == "supports", "its claim counts in the first-hand matrix"
    matrix = pages["matrix/security.md"]
    assert (
        f'<td class="mx mx--supports" data-c="sf2024-03-01~0"><a href="../../actors/{actor}/#demand-ceasefire" aria-label="+1: supports, 1 claim, first-hand">+1</a></td>'
        in matrix
    )


def test_a_source_page_notes_a_stance_on_an_instrument(pages: dict[str, str]) -> None:
    notes = visible(section(pages["sources/omega-rejects.md"], "annotations"))
    assert (
        notes
        == "Annotations Positions in this source (2) Basis: own publication: Omega Movement: 1 opposes Northern Declaration 2 supports A nationwide ceasefire"
    )
    assert 'href="../../instruments/northern-declaration/" class="instrument"' in section(pages["sources/omega-rejects.md"], "annotations")


def test_a_joint_statements_source_page_names_every_issuer(pages: dict[str, str]) -> None:
    about = visible(section(pages["sources/joint-communique.md"], "about"))
    assert "Issuers Alpha Front, Beta Party, Gamma State (a joint statement) Publisher Alpha Front" in about
    assert f"Provenance {JOINT}" in about


def test_no_instrument_page_credits_a_claim_whose_document_does_not_name_it(index: Index, pages: dict[str, str]) -> None:
    for instrument_id, record in index.sources.instruments.items():
        page = pages[f"instruments/{instrument_id}.md"]
        invoked = page[page.index('<h2 id="invoked-by"') : page.index('<h2 id="demands"')]
        names = [record.model.name.value, *(a.value for a in record.model.aliases), *([record.model.short_name] if record.model.short_name else [])]
        for doc_id, anchor in re.findall(r'href="\.\./\.\./sources/([^/"]+)/#([^"]+)"', invoked):
            doc = index.sources.documents[doc_id]
            claim = next(c for c in index.claims_by_document[doc_id] if c.id == anchor)
            assert instrument_id in claim.instruments and instrument_id in doc.model.instruments, (instrument_id, doc_id, anchor)
            assert any(name in doc.body for name in names), (instrument_id, doc_id)
    resolution = pages["instruments/resolution-9001.md"]
    invoked = visible(resolution[resolution.index('<h2 id="invoked-by"') : resolution.index('<h2 id="demands"')])
    assert "Alpha Front supports A nationwide ceasefire" in invoked
    assert "Omega" not in invoked and "Delta" not in invoked and "Eve Envoy" not in invoked, "their documents never name Resolution 9001"
    referring = visible(section(resolution, "referring"))
    assert referring.startswith("Positions on demands that refer to it Stances on those demands, not on Resolution 9001: a passage here need not name it.")
    for row in ("Omega Movement supports A nationwide ceasefire", "Delta Council supports A nationwide ceasefire", "Eve Envoy supports A nationwide ceasefire"):
        assert row in referring


def test_an_upper_bound_date_shows_as_by(pages: dict[str, str]) -> None:
    forum = pages["actors/womens-forum.md"]
    [card] = cards(section(forum, "positions"))
    assert visible(section(forum, "demand-seat-at-the-table")).startswith("supports A seat at the table for women's groups")
    assert card == (
        "by 20 June 2024 (the date of the source that relays it) "
        "Basis: reported by the source; relayed by Eve Envoy women's groups told me they demand a seat at the table "
        "Evidence: passage in Briefing of the envoy to the council, Eve Envoy's own publication"
    )
    bound = '<span class="upper-bound" title="No later than this date: the source does not say when exactly">by&nbsp;<time datetime="2024-06-20">20 June 2024</time></span>'
    assert bound in forum
    assert "(date of the source)" not in section(forum, "positions"), "never shown as voiced on the source's date"
    timeline = pages["timeline/2024.md"]
    rows = [visible(row) for row in re.findall(r"<tr data-kind=.*?</tr>", timeline, flags=re.S)]
    relayed = "by 20 June 2024 source's date, an upper bound position Women's Forum supports A seat at the table for women's groups — reported by the source, relayed by Eve Envoy; passage"
    assert relayed in rows
    assert rows.index(relayed) < rows.index("20 June 2024 source Briefing of the envoy to the council — speech, Eve Envoy's own publication"), (
        "an upper bound comes before the events of its date"
    )
    notes = visible(section(pages["sources/envoy-briefing.md"], "annotations"))
    assert "1 Women's Forum supports A seat at the table for women's groups (relayed by Eve Envoy; date: by 20 June 2024)" in notes


def test_the_relayers_page_lists_relayed_positions_apart_from_its_own(pages: dict[str, str]) -> None:
    page = pages["actors/eve-envoy.md"]
    assert "1 position on 1 demand, from 1 source;" in visible(page)
    own = visible(section(page, "positions"))
    assert "I urge a nationwide ceasefire without delay." in own and "seat at the table" not in own
    relayed = visible(section(page, "relayed"))
    assert relayed.startswith(
        "Relayed positions Others' positions that Eve Envoy reports: they are attributed to the actors who voiced them, not to Eve Envoy, "
        "and are not among its own positions above."
    )
    assert (
        "by 20 June 2024 (source's date, an upper bound) Women's Forum supports A seat at the table for women's groups reported by the source not given passage"
        in relayed
    )


def test_two_actors_who_both_oppose_a_statement_agree_and_its_issuers_support_it(index: Index, pages: dict[str, str]) -> None:
    cells = stances.cells(index)
    data = agreement.compute(index)
    pair = next(p for p in data.pairs if (p.a, p.b) == ("delta", "omega"))
    assert set(pair.congruence) == {"ceasefire", "northern-declaration"} and pair.union == 2
    issued = cells[("alpha", "northern-declaration")]
    assert (issued.stance, [c.basis for c in issued.claims]) == ("supports", ["authorship"])
    assert next(p for p in data.pairs if (p.a, p.b) == ("alpha", "omega")).conflict == ("northern-declaration",)
    page = pages["agreement/index.md"]
    agrees = visible(section(page, "agreements"))
    assert "1.00 Delta Council and Omega Movement: same stance on 2 of the 2 topics either took a position on" in agrees
    assert "Northern Declaration — both oppose (2024); evidence: Delta Council · Omega Movement" in agrees
    assert 'href="../actors/delta/#instrument-northern-declaration"' in page and 'href="../actors/omega/#instrument-northern-declaration"' in page
    assert "Northern Declaration — Alpha Front supports, Omega Movement opposes (2024; both first-hand); evidence: Alpha Front · Omega Movement" in visible(
        section(page, "conflicts")
    )
    matrix = pages["matrix/instruments.md"]
    assert '<a href="../../actors/alpha/#instrument-northern-declaration" aria-label="+1: supports, 1 claim, first-hand">+1</a>' in matrix
    assert '<a href="../../actors/omega/#instrument-northern-declaration" aria-label="−1: opposes, 1 claim, first-hand">−1</a>' in matrix
    alpha = pages["actors/alpha.md"]
    group = visible(section(alpha, "theme-instruments"))
    assert group.startswith(
        f"Statements and instruments supports Northern Declaration (first-hand) 1 March 2024 Basis: issued it Issued it, according to Joint communiqué of the Northern Parties, {JOINT}"
    )
    assert "2 positions on 1 demand and 1 statement or instrument, from 1 source;" in visible(alpha)
