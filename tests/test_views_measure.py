"""The paginator in both editions (`views/measure.py`): lists cut by their English bytes unless another edition's pages would
outgrow the budget, and each entity page rendered once in each edition."""

from __future__ import annotations

import re
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

from build_scripts import views
from build_scripts.index import Index
from build_scripts.pages import GeneratedPage
from build_scripts.render import Renderer
from build_scripts.views import paging
from build_scripts.views.measure import Measure
from build_scripts.views.paging import pack

from .conftest import project_site
from .test_views_paging import over_budget

TWO = SimpleNamespace(editions=tuple(SimpleNamespace(language=language) for language in ("en", "ar")))
"""What `Measure.pack` reads of a measure: its editions, English first."""
TOKEN = re.compile("\ue000[0-9a-f]{16}")
"""The start of a link's token (`templating.Fragments`), its mark one measure's own."""


def test_a_list_is_cut_by_its_english_bytes_where_every_edition_fits() -> None:
    """English pages change only where another edition's would outgrow the budget; there, each item counts as its heaviest rendering."""
    items = list(range(70))
    arabic = dict.fromkeys(items, 1_050)  # 32 items a page, as in English: 33,600 Arabic bytes, within the Arabic budget

    def weigh(edition: Any, item: int) -> int:
        return 1_000 if edition.language == "en" else arabic[item]

    english = paging.pack(items, lambda item: 1_000)
    assert Measure.pack(TWO, items, weigh) == english  # type: ignore[arg-type]
    arabic[40] = 4_000  # one heavy item: the page that holds it would outgrow the Arabic budget
    cut = Measure.pack(TWO, items, weigh)  # type: ignore[arg-type]
    assert cut != english and cut[0] == english[0], "the pages before the heavy item are cut as the English ones"
    assert all(sum(arabic[item] for item in run) <= paging.EDITION_PAGE_BYTES["ar"] for run in cut)
    assert [item for run in cut for item in run] == items


def test_a_run_is_weighed_with_what_its_items_share_once() -> None:
    """`paging.fits` counts a page's items and, once each, what they need printed once (a filter's choice)."""
    shares = {1: {"a": 600}, 2: {"a": 600}}
    assert paging.fits([(1, 2)], lambda item: 500, 1_600, lambda item: shares[item])
    assert not paging.fits([(1, 2)], lambda item: 500, 1_599, lambda item: shares[item])
    assert paging.fits([(1,)], lambda item: 5_000, 1_000), "a page of one item is as light as its list's pages get"


def test_each_edition_shows_its_entity_pages_as_weighed(bundled_index: Index, bundled_views: views.Views) -> None:
    """The Arabic render of each entity page that the paginator weighed is the Arabic edition's: the same page as rendered anew."""
    site = replace(project_site(), language="ar")
    renderer = Renderer(bundled_index, site, bundled_views)
    listings = bundled_views.listings
    if not listings.editions["ar"][1]:  # another test's render took them (`Listings.release`): weigh them again
        listings = views.listings.compute(bundled_index, bundled_views, project_site())
        renderer.views = replace(bundled_views, listings=listings)
        renderer.fragments = listings.editions["ar"][0]
    assert renderer.fragments is listings.editions["ar"][0], "the renderer shows the items the paginator rendered in Arabic"
    weighed = listings.editions["ar"][1]
    assert listings.rendered.keys() <= weighed.keys() and len(weighed) > 100, "as many as in English (a page whose graph shrank is rendered anew)"
    lists = [spec for spec in views.listings.page_specs(listings, bundled_views.entities) if spec.path in weighed]
    assert lists, "the pages of the lists that moved, weighed in Arabic, are the Arabic edition's too"
    for spec in (*bundled_views.entities, *lists):
        shown, fresh = renderer.entity_page(spec), renderer.render(spec)
        assert (shown.path, shown.title, shown.html) == (fresh.path, fresh.title, fresh.html)


def test_an_entity_page_is_planned_from_its_lists_whole(bundled_index: Index, bundled_views: views.Views) -> None:
    """`listings.plan` given views computed whole, which already move the page's lists, plans the page from its lists whole as the
    views stage does: the same lists, and the same page weighed in each edition (not a page showing lists it does not return)."""
    site = project_site()
    spec = next(spec for spec in bundled_views.entities if any(entity == spec.path for entity, _ in bundled_views.listings.lists))
    bare = replace(bundled_views, listings=views.listings.with_lists(bundled_views.listings, {spec.path: []}))
    planned = []
    for given in (bundled_views, bare):
        others: dict[str, dict[str, GeneratedPage]] = {"ar": {}}
        lists, page = views.listings.plan(bundled_index, given, Measure(bundled_index, site, given), spec, None, others)
        drafts = [TOKEN.sub("\ue000", shown.html) for shown in (page, *others["ar"].values())]  # each measure marks its links anew
        planned.append(([(listing.kind, listing.pages.paths) for listing in lists], sorted(others["ar"]), drafts))
    assert planned[0][0], f"{spec.path}: its lists move as the views stage moved them"
    assert planned[0] == planned[1]


def test_every_bundled_page_of_both_editions_stays_within_the_budget(bundled_index: Index, bundled_views: views.Views) -> None:
    """mkdocs.yml publishes both editions: lists are cut, and pages weighed, where either edition's pages would outgrow 60 KB, with
    the Arabic theme around the Arabic pages (the network page and an actor's with its graph, a long source, a year of the timeline)."""
    from build_scripts.pipeline import render

    site = project_site()
    assert site.editions == ("en", "ar"), "the bundled site publishes the Arabic edition"
    for language in site.editions:
        pages = {page.path: page for page in render(bundled_index, bundled_views, replace(site, language=language)).pages}
        assert over_budget(pages, language) == {}, language
        assert any("/2.md" in path for path in pages), "some list of the bundled dossier is paged"


def test_a_list_is_cut_by_the_heaviest_editions_bytes() -> None:
    """Arabic bytes count in proportion to the Arabic budget: a list whose Arabic items outgrow it is cut where the English ones would not be."""
    arabic = paging.EDITION_PAGE_BYTES["ar"]
    assert paging.in_english(arabic, "ar") == paging.PAGE_BYTES and paging.in_english(arabic + 1, "ar") > paging.PAGE_BYTES
    assert paging.in_english(1_000, "en") == 1_000 and paging.in_english(-340, "ar") == -320, "an excess under the budget stays one"
    items = [(1_000, 1_700)] * 60  # (English, Arabic) bytes of each item: 2 English pages, 3 Arabic ones
    heaviest = pack(items, lambda item: max(item[0], paging.in_english(item[1], "ar")))
    assert all(sum(a for _, a in run) <= arabic for run in heaviest) and len(heaviest) > len(pack(items, lambda item: item[0]))
    assert paging.fragment_budget("T", "ar", "a.md") == paging.PAGE_LIMIT - paging.THEME_BYTES_AR - 3 - 12 < paging.fragment_budget("T", "en", "a.md")
