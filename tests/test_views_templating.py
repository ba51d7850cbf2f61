"""Items rendered once (issue 18 §2): an item's HTML, its links left as tokens, is the same on every page that shows it.

The entity pages, the pages of their long lists and the weighing in between reuse one rendering of
each item (`templating.Fragments`); each page puts in its own relative links. These tests hold the
tokens to the links a page would print, `once` to one rendering, and the pages so assembled to the
pages rendered item by item in place, with the page's own links. (What each item's macro prints is
held by the golden pages of test_render.py.)
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

from build_scripts.index import Index
from build_scripts.pages import Site
from build_scripts.pipeline import check, compute, render
from build_scripts.views import listings, paging
from build_scripts.views.templating import Fragments, environment, page_context

from .bench_pipeline import write_corpus


class Probe:
    """A stand-in for a Jinja macro: counts its renderings."""

    name = "probe"

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, item: object, *args: object, **keywords: object) -> Markup:
        self.calls += 1
        return Markup("<li>{}</li>").format(repr(item))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Index]:
    root = tmp_path_factory.mktemp("fragments") / "sources"
    write_corpus(root, 60)
    return root, check(root)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_token_becomes_the_link_each_page_prints(small: tuple[Path, Index], directory_urls: bool) -> None:
    _, index = small
    site = Site(directory_urls=directory_urls)
    fragments = Fragments(index)
    html = f'<a href="{fragments.link("sources/document-1.md", "c1")}">x</a> <a href="{fragments.file("downloads/matrix.csv")}">y</a>'
    for page in ("actors/actor-1.md", "actors/actor-1/positions/index.md", "actors/actor-1/positions/2.md"):
        expected = f'<a href="{site.link(page, "sources/document-1.md", "c1")}">x</a> <a href="{site.file_link(page, "downloads/matrix.csv")}">y</a>'
        assert fragments.resolve(html, site, page, lambda to, anchor: to) == expected


def test_a_token_leads_to_where_its_anchor_moved_and_says_so(small: tuple[Path, Index]) -> None:
    _, index = small
    site = Site()
    fragments = Fragments(index)
    html = f'<a href="{fragments.link("sources/document-1.md", "note-c1")}">1</a>'
    moved = {("sources/document-1.md", "note-c1"): "sources/document-1/annotations/2.md"}
    anchored: set[tuple[str, str]] = set()
    resolved = fragments.resolve(html, site, "actors/actor-1.md", lambda to, anchor: moved.get((to, anchor), to), anchored)
    assert resolved == f'<a href="{site.link("actors/actor-1.md", "sources/document-1/annotations/2.md", "note-c1")}">1</a>'
    assert anchored == {("sources/document-1.md", "note-c1")}


def test_text_that_looks_like_a_token_is_left_as_it_is(small: tuple[Path, Index]) -> None:
    """A source may hold private-use characters: only the tokens of this build, with their mark, become links."""
    _, index = small
    fragments = Fragments(index)
    fragments.link("sources/document-1.md")
    forged = "\ue0000\ue001 and \ue000deadbeefdeadbeef0\ue001"
    assert fragments.resolve(forged, Site(), "index.md", lambda to, anchor: to) == forged


def test_an_item_is_rendered_once_whatever_the_pages_that_show_it(small: tuple[Path, Index]) -> None:
    _, index = small
    fragments = Fragments(index)
    probe = Probe()
    first, other = tuple(["claim", 1]), tuple(["claim", 1])  # equal, but two items
    assert fragments.once(probe, first, show_actor=False) == fragments.once(probe, first, show_actor=False)
    assert probe.calls == 1
    fragments.once(probe, first, show_actor=True)  # another way of showing it
    fragments.once(probe, other, show_actor=False)
    assert probe.calls == 3
    fragments.once(probe, "document-1")
    fragments.once(probe, "".join(["document-", "1"]))  # a document id is known by its value
    assert probe.calls == 4
    fragments.keep([first])  # shown again later: kept; the others are forgotten
    fragments.once(probe, first, show_actor=False)
    assert probe.calls == 4
    fragments.once(probe, other, show_actor=False)
    assert probe.calls == 5


def test_a_section_is_rendered_once_per_page(small: tuple[Path, Index]) -> None:
    _, index = small
    fragments = Fragments(index)
    probe = Probe()
    section = fragments.section("actors/actor-1.md")
    section(probe, "actor-1")
    section(probe, "actor-1")
    assert probe.calls == 1
    fragments.section("actors/actor-2.md")(probe, "actor-1")
    assert probe.calls == 2


def test_pages_assembled_from_items_rendered_once_equal_pages_rendered_in_place(small: tuple[Path, Index]) -> None:
    """Every entity page and every page of a long list, as built, against the same page rendered item by item with its own links."""
    _, index = small
    site = Site()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "PAGE_BYTES", 6_000)  # lists of every kind move to pages of their own, several pages each
        computed = compute(index, site)
        built = {page.path: page.html for page in render(index, computed, site).pages}  # the pages `build_all` hands on (its render stage)
    assert computed.listings.lists, "no list has pages of its own: the test would prove nothing"
    specs = [*computed.entities, *listings.page_specs(computed.listings, computed.entities)]
    env = environment()
    for spec in specs:
        in_place = env.get_template(spec.template).render(page_context(index, computed, site, spec.path, spec.title) | spec.context)
        assert built[spec.path] == in_place, spec.path


def test_a_page_makes_each_template_it_imports_once(small: tuple[Path, Index], monkeypatch: pytest.MonkeyPatch) -> None:
    """An actor page imports `_macros.html.j2` itself and through each view's template: one module for the page, the same
    each time; another page gets its own (its links are its own)."""
    _, index = small
    made: list[str] = []
    original = jinja2.Template.make_module

    def counted(self: jinja2.Template, *args: object, **keywords: object) -> object:
        made.append(str(self.name))
        return original(self, *args, **keywords)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Template, "make_module", counted)
    computed = compute(index, Site())
    spec = next(spec for spec in computed.entities if spec.path == "actors/actor-1.md")
    env = environment()
    for path in (spec.path, spec.path):
        made.clear()
        env.get_template(spec.template).render(page_context(index, computed, Site(), path, spec.title) | spec.context)
        assert made.count("_macros.html.j2") == 1 and len(made) == len(set(made)) > 3, made


def test_the_renderings_kept_for_the_render_stage_are_let_go_and_a_second_render_gives_the_same_pages(small: tuple[Path, Index]) -> None:
    """At 10,000 sources the entity pages as weighed and the items rendered once hold hundreds of megabytes: the render stage
    lets them go when it has taken them, and rendering again (as a preview or a test may) renders them again, the same."""
    _, index = small
    computed = compute(index, Site())
    assert computed.listings.rendered and computed.listings.fragments is not None and computed.listings.fragments._rendered
    first = render(index, computed, Site())
    assert not computed.listings.rendered and not computed.listings.fragments._rendered
    second = render(index, computed, Site())
    assert [(p.path, p.html) for p in second.pages] == [(p.path, p.html) for p in first.pages] and second.figures == first.figures
