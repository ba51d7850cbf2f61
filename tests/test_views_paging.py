"""Page weight (issue 9): long lists paged, every page within the budget, every item on exactly one page, every page reachable.

Over a synthetic dossier large enough that the long lists of its kind get pages of their own, a skewed one whose hubs
page every other kind, and again with small pages, so that the index pages are paged too and the pagers skip pages.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from build_scripts import views
from build_scripts.index import ClaimRecord, Index
from build_scripts.models import STANCES, THEMES
from build_scripts.pages import GeneratedPage, Site
from build_scripts.pipeline import Output
from build_scripts.views import listings, network, paging
from build_scripts.views.entity_lists import JointGroup, Participant, Scale, participants
from build_scripts.views.measure import Measure
from build_scripts.views.paging import Paged, fragment_budget, pack, window

from .bench_corpus import SYNTHETIC, write_corpus
from .conftest import Synthetic, staged

NAV = ("actors", "conferences", "demands", "instruments", "sources", "matrix", "agreement", "timeline", "shifts", "network", "briefings")
"""Folders whose index page is in the site's navigation: where a reader starts."""
HREF = re.compile(r'(?:href|xlink:href)="([^"]*)"')
ID = re.compile(r'\bid="([^"]+)"')


LARGE = 250
"""Synthetic sources enough that an actor's positions, voiced positions, quotes and sources, a demand's sides, a conference's
participants and the sources index have pages of their own, and that lists of each of these kinds but the sources run over two
pages (the bench corpus pages its invokers from 1,000 sources on: the skewed dossier pages them, and counts every invoker once;
lists of three pages and more are checked with `small_pages`)."""


class Built(NamedTuple):
    """A dossier through the stages: its index, its pages by path, and the views they were rendered from (read-only)."""

    index: Index
    pages: dict[str, GeneratedPage]
    views: views.Views


def built(root: Path) -> Built:
    made = staged(root)
    return Built(made.index, made.pages, made.views)


@pytest.fixture(scope="module")
def large(synthetic: Callable[[int], Synthetic]) -> Built:
    """A dossier of `LARGE` synthetic sources, checked, computed and built once (`synthetic`)."""
    made = synthetic(LARGE)
    return Built(made.index, made.pages, made.views)


@pytest.fixture(scope="module")
def bundled(bundled_index: Index, bundled_views: views.Views, bundled_output: Output) -> Built:
    """The bundled dossier: real passages, long sources densely annotated (its pages and the views they were rendered from)."""
    return Built(bundled_index, {page.path: page for page in bundled_output.pages}, bundled_views)


@pytest.fixture(scope="module")
def small_pages(corpus: Callable[[int], Path]) -> Built:
    """60 synthetic sources with pages of 1.5 KB: every index is paged, and pagers skip pages."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "PAGE_BYTES", 1_500)
        return built(corpus(60))


BASE = 40
"""Bench-corpus sources under the skewed dossier's hubs: as many actors, demands and meetings as 100 gave it, in 60 fewer sources
(checked, computed and rendered: about 6 CPU s less), every hub as large."""
HUB = 140
"""Records around each hub of the skewed dossier: more than any page can list whole (from about 115 on, the list of what
the crowded source names has pages of its own; every other hub's list from 80 on)."""


def write_skewed(root: Path, hub: int = HUB) -> None:
    """A small synthetic dossier, then hubs (all synthetic): lists that grow with the sources, with no cap but the paging's.

    `actor-1` voices a position on each of `hub` demands of one theme, all at one summit, each invoking the instrument
    they refer to; `demand-0` is voiced by
    `hub` actors, through one speaker, invoking one instrument, which the wide demands refer to; the summit has `hub`
    participants, half of them its organisers; `actor-0` is a
    coalition of `hub` members; the series has `hub` more meetings; one source names every actor and meeting,
    with a position of 80 signatories. `instrument-0` has `hub` signatories (its supporters) and `actor-1` opposes
    it in every hub document; `actor-5` relays a position of each of the `hub` actors (an upper-bound date each).

    Under the hubs, `BASE` sources of the bench corpus: its fewest actors, demands and meetings (below 180 sources it has
    18, 10 and 3), the records the hubs name.
    """
    write_corpus(root, BASE)
    member = "affiliations: [{to: actor-0, relation: member-of, editorial: Synthetic}]\n"
    for n in range(hub):
        actor = f"---\nname: {SYNTHETIC % f'Many Voices Committee {n}'}\ntype: organisation\n{member}---\nAn actor (synthetic).\n"
        (root / "actors" / f"many-{n}.md").write_text(actor, encoding="utf-8")
        demand = (
            f"---\nstatement: Wide demand number {n} of one theme (synthetic)\ntheme: transition\ninstruments: [instrument-1]\n---\nA demand (synthetic).\n"
        )
        (root / "demands" / f"wide-{n}.md").write_text(demand, encoding="utf-8")
        meeting = f"---\nname: {SYNTHETIC % f'Round {n}'}\nkind: meeting\nseries: series\nnumber: {100 + n}\nstart: '2020-{n % 12 + 1:02d}'\n---\nA round (synthetic).\n"
        (root / "conferences" / f"round-{n}.md").write_text(meeting, encoding="utf-8")
    parts = "".join(f"  - {{actor: many-{n}, status: {('organised', 'attended')[n % 2]}, source: hub-{n}}}\n" for n in range(hub))
    summit = f"---\nname: {SYNTHETIC % 'Crowded summit'}\nkind: summit\nstart: '2021-03'\nparticipants:\n{parts}---\nA summit (synthetic).\n"
    (root / "conferences" / "summit-big.md").write_text(summit, encoding="utf-8")
    for n in range(hub):
        condition = "    condition: Synthetic\n" if n % 3 == 2 else ""
        first, second, quote = (
            f"Free Council 1 asks for wide demand {n} in hub document {n}",
            f"Committee {n} asks for demand 0 in hub document {n}",
            f"hub quote {n}",
        )
        claims = (
            f"  - actor: actor-1\n    demand: wide-{n}\n    stance: {STANCES[n % 2]}\n    basis: reported\n    evidence: '{first}'\n    conference: summit-big\n"
            "    instruments: [instrument-1]\n"
            f"  - actor: many-{n}\n    demand: demand-0\n    stance: {(*STANCES, 'conditional')[n % 3]}\n    basis: reported\n    evidence: '{second}'\n"
            f"    conference: summit-big\n    speaker: actor-5\n    instruments: [instrument-0]\n{condition}"
            f"  - actor: many-{n}\n    demand: wide-{n}\n    stance: {STANCES[(n + 1) % 2]}\n    basis: reported\n    evidence: '{second}'\n"
            f"  - actor: actor-1\n    instrument: instrument-0\n    stance: opposes\n    basis: reported\n    evidence: '{first}'\n"
            f"  - actor: many-{n}\n    demand: wide-{n}\n    stance: supports\n    basis: reported\n    relayed_by: actor-5\n    evidence: '{second}'\n"
        )
        front = (
            f"title: Hub document {n}\nlanguage: en\nkind: report\ndate: '20{15 + n % 10}-{n % 12 + 1:02d}'\nsummary: A synthetic hub document.\n"
            f"publisher: {{name: Synthetic Outlet}}\nactors: [actor-1, actor-5, many-{n}]\nconferences: [summit-big]\ninstruments: [instrument-0, instrument-1]\n"
            f"claims:\n{claims}quotes:\n  - speaker: actor-5\n    text: {quote}\n    conference: summit-big\n"
        )
        (root / "documents" / f"hub-{n}.md").write_text(f'---\n{front}---\n{first}.\n\n{second}.\n\nActor five said: "{quote}".\n', encoding="utf-8")
    signatories = "".join(f"  - {{actor: many-{n}, status: signed, source: hub-{n}}}\n" for n in range(hub))
    instrument = (
        f"---\nname: {SYNTHETIC % 'Instrument 0'}\nkind: resolution\nshort_name: I0\ndate: '2012'\nissuers:\n{signatories}---\nSigned by many (synthetic).\n"
    )
    (root / "instruments" / "instrument-0.md").write_text(instrument, encoding="utf-8")
    everyone = ", ".join(sorted({f"many-{n}" for n in range(hub)} | {"actor-1"}))
    meetings = ", ".join(sorted([f"round-{n}" for n in range(hub)] + ["summit-big"]))
    passage = "The signatories call for the synthetic joint demand"
    front = (
        "title: Crowded document\nlanguage: en\nkind: statement\ndate: '2022-05-01'\nsummary: A synthetic document that names many actors.\n"
        f"publisher: {{name: Synthetic Outlet}}\nactors: [{everyone}]\nconferences: [{meetings}]\ninstruments: [{', '.join(f'instrument-{i}' for i in range(5))}]\n"
        f"claims:\n  - actors: [{', '.join(f'many-{n}' for n in range(80))}]\n    demand: demand-1\n    stance: supports\n    basis: reported\n    evidence: '{passage}'\n"
    )
    (root / "documents" / "crowded.md").write_text(f"---\n{front}---\n{passage}.\n", encoding="utf-8")


@pytest.fixture(scope="module")
def skewed(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("skewed") / "sources"
    write_skewed(root)
    return built(root)


def target(site: Site, page: str, href: str, urls: dict[str, str]) -> tuple[str, str] | None:
    """The generated page (and anchor) a link of `page` leads to; None for a link off the generated pages."""
    if re.match(r"^[a-z]+:|^//", href):
        return None
    path, _, anchor = href.partition("#")
    path = path.split("?", 1)[0]
    here = site.url(page)
    resolved = posixpath.normpath(posixpath.join(here if here.endswith("/") else posixpath.dirname(here), path)) if path else here.rstrip("/")
    found = urls.get(resolved.strip("/").removeprefix("."))
    return (found, anchor) if found else None


def links(pages: dict[str, GeneratedPage]) -> dict[str, set[tuple[str, str]]]:
    """Page → the (page, anchor) its links lead to, among the generated pages."""
    site = Site()
    urls = {site.url(path).strip("/"): path for path in pages}
    return {path: {t for href in HREF.findall(page.html) if (t := target(site, path, href, urls))} for path, page in pages.items()}


def test_paths_number_from_the_first_page() -> None:
    assert paging.numbered("sources/index.md", "sources/page", 3) == ("sources/index.md", "sources/page/2.md", "sources/page/3.md")
    assert Site().url("actors/snc/positions/2.md") == "actors/snc/positions/2/"


def test_a_list_is_cut_in_order_and_every_item_is_on_one_page() -> None:
    items = list(range(50))
    runs = pack(items, lambda n: 100 + n * 10, budget=1_000)
    assert [n for run in runs for n in run] == items
    assert all(sum(100 + n * 10 for n in run) <= 1_000 for run in runs if len(run) > 1)
    assert pack([], len) == [()], "an empty list is one empty page"
    assert pack(["x" * 50], len, budget=10) == [("x" * 50,)], "an item over the budget has a page of its own"
    pages = Paged.of(items, lambda n: 300, "a/list/index.md", "a/list", budget=1_000)
    assert pages.count == 17 and pages.total == 50 and pages.first_item(2) == 4


def test_the_pager_links_first_last_and_neighbours() -> None:
    assert window(1, 1) == [1]
    assert window(1, 5) == [1, 2, 3, None, 5]
    assert window(7, 14) == [1, None, 5, 6, 7, 8, 9, None, 14]
    assert window(14, 14) == [1, None, 12, 13, 14]


def over_budget(pages: dict[str, GeneratedPage], language: str = "en") -> dict[str, tuple[int, int]]:
    """The pages of `language`'s edition whose fragment outgrows what a 60 KB page leaves it in that edition (its theme, title and path)."""
    budgets = {path: fragment_budget(p.title, language, path) for path, p in pages.items()}
    return {path: (len(p.html.encode()), budgets[path]) for path, p in pages.items() if len(p.html.encode()) > budgets[path]}


def test_every_page_stays_within_the_budget(large: Built) -> None:
    """No fragment outgrows what a 60 KB page leaves it once Material's theme is around it."""
    pages = large.pages
    assert over_budget(pages) == {}
    kinds = {path.split("/")[2] for path in pages if path.count("/") == 3}
    expected = {"positions", "voiced", "quotes", "sources", "supports", "opposes", "participants"}
    assert expected <= kinds, f"lists paged at this size: {sorted(kinds)}"
    assert any(path.startswith("sources/page/") for path in pages), "the sources index is paged"


def test_no_page_of_a_skewed_dossier_outgrows_the_budget(skewed: Built) -> None:
    """Hubs no page can list whole (one actor's many positions, a demand's many voices, a summit's many participants, a source naming everyone)."""
    index, pages, computed = skewed
    assert over_budget(pages) == {}
    kinds = {path.split("/", 2)[2].partition("/")[0] for path in pages if path.count("/") >= 3}
    assert {
        "positions",
        "voiced",
        "relayed",
        "participants",
        "affiliations",
        "named",
        "supports",
        "opposes",
        "invokers",
        "demands",
        "referring",
    } <= kinds, sorted(kinds)
    assert any(path.startswith("instruments/instrument-0/supports/") for path in pages), "the signatories' authorship has pages of its own"
    series = pages["conferences/series.md"].html
    assert 'href="series/"' in series or all(f'round-{n}/"' in series for n in range(HUB)), "the series' meetings: whole on its page, or on their own"
    assert any(path.startswith("actors/actor-5/relayed/") for path in pages), "the positions an actor relays have pages of their own"
    summit = pages["conferences/summit-big.md"].html
    organisers = summit.split("<dt>Organisers</dt>", 1)[1].split("</dd>", 1)[0]
    assert organisers.count('class="actor') == listings.ORGANISERS_NAMED and f"and {HUB // 2 - listings.ORGANISERS_NAMED} more" in organisers
    participant = Scale(Measure(index, Site(), computed), "conferences", "summit-big").of("participants", "participants")
    rows = listings.participant_rows(participants(index, "summit-big"), participant)
    split = [p for p in rows if p.actor == "actor-1"]
    assert len(split) > 2, "the actor with a position on every wide demand continues on rows of its own"
    own = [c for c in next(p for p in index.participation["summit-big"] if p.actor == "actor-1").claims if not c.joint]  # joint ones: listed once apart
    assert [c for p in split for c in p.claims] == sorted(own, key=lambda c: c.sort_key)
    assert all(participant(p) <= listings.ROW_BYTES for p in rows), "every row measured within its bytes"
    tables = [pages[path].html for path in pages if path.startswith("conferences/summit-big/participants/")]
    starts = sum(1 for html in tables if 'actors/actor-1/"' in html)
    assert sum(html.count("(continued)</span>") for html in tables) == len(split) - starts, "a row continues the one above it, on the same page"
    assert f"All {len(index.participation['summit-big'])} participants" in summit, "an actor whose row continues is counted once"
    invoker = Scale(Measure(index, Site(), computed), "instruments", "instrument-1").of("invokers", "invokers")
    invoking = listings.invoker_rows(listings.invokers(index, "instrument-1"), invoker)
    assert sum(1 for actor, _ in invoking if actor == "actor-1") > 2 and all(invoker(row) <= listings.ROW_BYTES for row in invoking)
    invokers = computed.listings.of("instruments/instrument-0.md", "invokers")
    assert invokers and invokers.pages.count > 1, "the invokers of the instrument every hub actor invokes have pages of their own"
    invoked = Counter(re.findall(r'actors/(many-\d+)/"', "".join(pages[path].html for path in invokers.pages.paths)))
    assert invoked == {f"many-{n}": 1 for n in range(HUB)}, "every invoker on exactly one row of the list's pages"
    named = "".join(pages[path].html for path in pages if path.startswith("sources/crowded/named/"))
    assert all(f'actors/many-{n}/"' in named for n in range(HUB)), "every actor the source names is on the list's pages"
    assert all(f'conferences/round-{n}/"' in named for n in range(HUB))
    whole = computed.network.whole
    assert len(whole.edges) <= network.TIES_PER_NODE * network.WHOLE_LIMIT


def test_every_bundled_page_stays_within_the_budget(bundled: Built) -> None:
    """The densest bundled source (38 positions, 6 quotes) keeps its text whole; its notes have a page of their own."""
    pages = bundled.pages
    assert over_budget(pages) == {}
    source = pages["sources/stj-supports-cssr-recommendations.md"].html
    assert 'href="annotations/#note-ev-stj-adopt-cssr-recommendations"' in source, "a marker opens its note on the notes' page"
    notes = "".join(p.html for path, p in pages.items() if path.startswith("sources/stj-supports-cssr-recommendations/annotations/"))
    assert 'id="note-ev-stj-adopt-cssr-recommendations"' in notes


@pytest.mark.parametrize("dossier", ["large", "small_pages"])
def test_each_list_holds_every_item_exactly_once(dossier: str, request: pytest.FixtureRequest) -> None:
    """Over lists of two pages at the real budget, and of many pages (a page in the middle, the notes of a source) at a small one."""
    index, pages, computed = request.getfixturevalue(dossier)
    moved = computed.listings.lists
    assert len(moved) > 100
    assert max(listing.pages.count for listing in moved.values()) > (1 if dossier == "large" else 3)
    for (entity, kind), listing in moved.items():
        items = [i for chunk in listing.pages.chunks for i in chunk]
        if kind == "histories":  # every point of every history of the actor once, a long history in runs of its points
            points = [(t.topic, side.document) for t in items for side in t.sides]
            actor = entity.removeprefix("actors/").removesuffix(".md")
            assert sorted(points) == sorted((h.topic, p.document) for h in computed.histories.histories if h.actor == actor for p in h.points), entity
            assert len(points) == len(set(points)) and [t.topic for t in items if not t.continued] == list(dict.fromkeys(t.topic for t in items))
            continue
        assert items == expected_items(index, entity, kind), (entity, kind)
    # As rendered: every passage on exactly one page of its actor's positions, of its demand's side, of its instrument's positions.
    for (entity, kind), listing in moved.items():
        if kind not in ("positions", "supports", "opposes", "conditional", "voiced", "relayed", "referring"):
            continue
        passages = Counter(href for path in listing.pages.paths for href in re.findall(r'href="[./]*sources/([^"]+#ev-[^"]+)"', pages[path].html))
        claims = expected_items(index, entity, kind)
        assert set(passages) == {f"{c.document}/#{c.id}" for c in claims if not c.authorship}, (entity, kind)
        assert set(passages.values()) == {1}, (entity, kind, [p for p, n in passages.items() if n > 1][:3])


def joint_groups(index: Index, conf: str) -> list[JointGroup]:
    """A conference's joint claims, each once, grouped by document and signatories in date order: listed once, not under each participant."""
    claims = sorted({(c.document, c.id): c for c in index.by_conference.get(conf, []) if c.joint}.values(), key=lambda c: c.sort_key)
    keys = list(dict.fromkeys((c.document, c.actors) for c in claims))
    return [JointGroup(document, actors, tuple(c for c in claims if (c.document, c.actors) == (document, actors))) for document, actors in keys]


def expected_items(index: Index, entity: str, kind: str) -> list[object]:
    """The whole list `kind` of the entity page `entity`, as the index has it, in the list's order."""
    folder, _, id = entity.removesuffix(".md").partition("/")
    by_date = lambda claims: sorted(claims, key=lambda c: c.sort_key)  # noqa: E731
    if folder == "sources":
        return list(listings.notes(index, id))
    if kind == "sources":
        records = {"actors": index.documents_by_actor.get(id, [])}.get(folder, [])
        s = index.sources
        if folder == "demands":
            records = [c.document for c in index.by_demand.get(id, [])] + s.demands[id].model.sources
        elif folder == "conferences":
            records = index.documents_by_conference.get(id, []) + s.conferences[id].model.sources
        elif folder == "instruments":
            records = index.documents_by_instrument.get(id, []) + s.instruments[id].model.sources
        return list(listings.newest_first(index, records))
    if folder == "actors":
        lists: dict[str, list[object]] = {
            "positions": sorted((c for c in index.positions if id in c.actors), key=lambda c: (position_order(index, c), c.sort_key)),
            "voiced": by_date(index.by_speaker.get(id, [])),
            "relayed": by_date(index.by_relayer.get(id, [])),
            "quotes": listings.quotes_newest_first(index.quotes_by_actor.get(id, [])),
            "conferences": list(index.conferences_by_actor.get(id, [])),
            "affiliations": index.ties_of(id),
        }
        return lists[kind]
    if folder == "demands":
        return [c for c in by_date(index.by_demand[id]) if c.stance == kind]
    if folder == "conferences":
        return {
            "participants": [
                Participant(p.actor, p.conference, p.statuses, [c for c in p.claims if not c.joint], sum(c.joint for c in p.claims))
                for p in index.participation.get(id, [])
            ],
            "joint-positions": joint_groups(index, id),
            "series": index.series_members.get(id, []),
            "quotes": listings.quotes_newest_first(index.quotes_by_conference.get(id, [])),
        }[kind]
    if kind in STANCES:
        return [c for c in by_date(index.stances_by_instrument[id]) if c.stance == kind]
    referring = [c for demand in index.demands_by_instrument.get(id, []) for c in index.by_demand.get(demand, [])]
    return {
        "invokers": listings.invokers(index, id),
        "positions": by_date(index.by_instrument.get(id, [])),
        "demands": index.demands_by_instrument.get(id, []),
        "referring": by_date(referring),
    }[kind]


def position_order(index: Index, claim: ClaimRecord) -> tuple[int, str]:
    """An actor's positions are listed by theme, in the format's order, then by demand; stances on instruments after the themes."""
    demand = index.sources.demands.get(claim.topic)
    return (THEMES.index(demand.model.theme) if demand else len(THEMES), claim.topic)


@pytest.mark.parametrize("dossier", ["large", "bundled", "small_pages", "skewed"])
def test_every_page_is_reachable_from_the_navigation_and_every_anchor_exists(dossier: str, request: pytest.FixtureRequest) -> None:
    """A reader who starts from the navigation reaches every page, following plain links; no link leads to a missing anchor."""
    pages = request.getfixturevalue(dossier).pages
    graph = links(pages)
    roots = [f"{folder}/index.md" for folder in NAV]
    seen, queue = set(roots), list(roots)
    while queue:
        for path, _ in graph[queue.pop()]:
            if path not in seen:
                seen.add(path)
                queue.append(path)
    assert sorted(set(pages) - seen) == []
    ids = {path: set(ID.findall(page.html)) for path, page in pages.items()}
    missing = sorted({(path, t, a) for path, found in graph.items() for t, a in found if a and a not in ids[t] and a != "top"})
    assert missing[:5] == []


def test_small_pages_page_every_index_and_keep_every_record_once(small_pages: Built) -> None:
    index, pages, computed = small_pages
    data = computed.catalogue
    s = index.sources
    graph = links(pages)
    for c, records in ((data.actors, s.actors), (data.demands, s.demands), (data.conferences, s.conferences), (data.sources, s.documents)):
        assert c.pages.count > 1 or c.folder == "conferences", c.folder  # four conferences' rows weigh less than a page
        listed = list(c.records)
        assert sorted(listed) == sorted(records) and len(listed) == len(set(listed)), c.folder
        on_pages = Counter(t for path in c.pages.paths for t in {t for t, _ in graph[path]} if t.removeprefix(c.folder + "/").removesuffix(".md") in records)
        assert sorted(on_pages) == sorted(f"{c.folder}/{r}.md" for r in records) and set(on_pages.values()) == {1}, c.folder
    assert list(data.sources.records) == index.newest_first(), "sources newest first"
    count = data.sources.pages.count
    middle = pages[data.sources.pages.paths[count // 2]].html
    assert f"Page {count // 2 + 1} of {count}" in middle and 'rel="prev"' in middle and 'rel="next"' in middle and "pager__gap" in middle
