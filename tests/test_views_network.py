"""The network view: golden nodes and ties on a hand-made dossier, deterministic SVG, safe names, links per page, page size."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from html import escape
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
import yaml

from build_scripts import graphviz_svg, pipeline
from build_scripts.catalogues import translations
from build_scripts.index import Index
from build_scripts.pages import Site
from build_scripts.pipeline import check
from build_scripts.render import Renderer
from build_scripts.safety import scan
from build_scripts.views import agreement, network
from build_scripts.views.phrases import said
from build_scripts.views.templating import environment

DATA = Path(__file__).parent / "data" / "views" / "network"
EXPECTED = yaml.safe_load((DATA / "expected.yaml").read_text(encoding="utf-8"))
HREF = re.compile(r'<a xlink:href="([^"]*)">')


@pytest.fixture(scope="module")
def index() -> Index:
    return check(DATA / "sources")


def compute(index: Index, site: Site | None = None) -> network.Network:
    return network.compute(index, agreement.compute(index), site or Site())


@pytest.fixture(scope="module")
def net(index: Index) -> network.Network:
    return compute(index)


ENVIRONMENT = environment()


def render(index: Index, net: network.Network, here: str, template: str, **context: str) -> str:
    """A template rendered as render.py renders pages, with only the network view's data (the other views are tested on their own)."""
    site = Site()
    return ENVIRONMENT.from_string(template).render(
        index=index,
        sources=index.sources,
        views=SimpleNamespace(network=net),
        site=site,
        here=here,
        link=lambda to, anchor=None: site.link(here, to, anchor),
        title="",
        **context,
    )


def network_page(index: Index, net: network.Network) -> str:
    return render(index, net, "network/index.md", '{% include "network_index.html.j2" %}')


def actor_section(index: Index, net: network.Network, actor: str) -> str:
    return render(index, net, f"actors/{actor}.md", '{% import "_network.html.j2" as nv with context %}{{ nv.actor_graph(id) }}', id=actor)


def test_whole_network_has_the_expected_nodes_and_ties(net: network.Network) -> None:
    whole = EXPECTED["whole"]
    assert [n.key for n in net.whole.nodes] == whole["nodes"]
    assert net.whole.total_nodes == whole["total_nodes"]
    assert [[e.kind, e.source, e.target, str(e.words), e.note] for e in net.whole.edges] == whole["edges"]
    assert "actor/lonely-ngo" not in net.svgs  # an actor with no tie has no graph


def test_neighbourhood_has_the_expected_nodes_and_ties(net: network.Network) -> None:
    expected = EXPECTED["neighbourhood"]
    graph = net.neighbourhood(expected["actor"])
    assert graph is not None
    assert [n.key for n in graph.nodes] == expected["nodes"]
    assert [[e.kind, e.source, e.target] for e in graph.edges] == expected["edges"]
    assert str(graph.description) == expected["description"]
    assert graph.page == "actors/alpha-council.md" and graph.centre == "actors/alpha-council"


def test_neighbourhood_is_capped(index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(network, "NEIGHBOURHOOD_LIMIT", 3)
    graph = compute(index).neighbourhood("alpha-council")
    assert graph is not None
    assert [n.key for n in graph.nodes] == ["actors/alpha-council", "actors/beta-party", "conferences/spring-talks"]
    assert "2 of its 4 connections are drawn" in str(graph.description)


def test_drawing_holds_every_node_as_a_link_relative_to_its_page(net: network.Network) -> None:
    site = Site()
    for graph in (net.whole, net.home, *net.neighbourhoods.values()):
        hrefs = HREF.findall(net.svgs[graph.key])
        assert sorted(hrefs) == sorted(site.link(graph.page, n.path) for n in graph.nodes)
    assert "../actors/beta-party/" in HREF.findall(net.svgs["network"])  # from network/
    assert "actors/beta-party/" in HREF.findall(net.svgs["home"])  # from the home page
    assert "../beta-party/" in HREF.findall(net.svgs["actor/alpha-council"])  # from actors/alpha-council/


def test_links_follow_the_sites_addressing(index: Index) -> None:
    flat = compute(index, Site(directory_urls=False))
    assert "beta-party.html" in HREF.findall(flat.svgs["actor/alpha-council"])


def test_svg_has_a_title_a_description_and_no_graphviz_noise(net: network.Network) -> None:
    svg = net.svgs["actor/alpha-council"]
    assert svg.startswith('<svg class="dossier-graph__svg" ')
    assert 'role="group" aria-labelledby="graph-actor-alpha-council-title" aria-describedby="graph-actor-alpha-council-desc"' in svg
    assert '<title id="graph-actor-alpha-council-title">Network of AC</title>' in svg
    assert f'<desc id="graph-actor-alpha-council-desc">{EXPECTED["neighbourhood"]["description"]}</desc>' in svg
    assert re.search(r'viewBox="[-\d. ]+"', svg)
    for noise in ("<?xml", "<!--", "DOCTYPE", "Generated by", 'id="node', "font-family", "\n\n"):
        assert noise not in svg


def test_untrusted_names_are_escaped_and_the_drawing_is_inert(net: network.Network) -> None:
    svg = net.svgs["network"]
    assert "<script" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg  # the name is text in the drawing (its tooltip)
    assert "\\N" in svg  # Graphviz's `\N` escape is not expanded into the node's name
    assert "&quot;quoted&quot;" in svg or "&#34;quoted&#34;" in svg
    for svg in net.svgs.values():
        assert scan(svg) == []


def test_rendering_is_deterministic_and_independent_of_batching(index: Index, net: network.Network, monkeypatch: pytest.MonkeyPatch) -> None:
    assert compute(index).svgs == net.svgs
    monkeypatch.setattr(graphviz_svg, "GRAPHS_PER_PROCESS", 1)  # every graph in its own `dot` process
    assert compute(index).svgs == net.svgs


def test_pages_pass_through_markdown_intact_and_list_the_same_nodes(index: Index, net: network.Network) -> None:
    pages = {
        "network/index.md": (network_page(index, net), net.whole),
        "actors/alpha-council.md": (actor_section(index, net, "alpha-council"), net.neighbourhood("alpha-council")),
    }
    for path, (html, graph) in pages.items():
        assert graph is not None
        svg = net.svgs[graph.key]
        assert svg in markdown.markdown(html, extensions=["tables", "toc"]), path
        figure = html[html.index("<figure") : html.index("</figure>")]
        assert "data-search-exclude" in figure.split(">", 1)[0]
        listed = html[html.index("</figure>") :]
        listed = listed[: listed.index("</div>")]
        assert set(HREF.findall(svg)) == set(re.findall(r'<a href="([^"]*)" class="(?:actor|conference)', listed)), path
        assert scan(html) == []


def test_the_bundled_renderer_places_the_graphs(index: Index) -> None:
    renderer = _renderer(index, Site())
    assert '<svg class="dossier-graph__svg"' in renderer.home_figures()
    assert '<a href="network/">network page</a>' in renderer.home_figures()
    page = {p.path: p.html for p in renderer.all()}
    assert renderer.views.network.svgs["network"] in page["network/index.md"]
    assert renderer.views.network.svgs["actor/alpha-council"] in page["actors/alpha-council.md"]
    assert "<svg" not in page["actors/lonely-ngo.md"]


@pytest.fixture(scope="module")
def large(corpus: Callable[[int], Path]) -> Index:
    """2,000 synthetic sources: the run's `corpus(2000)` (200 actors: more neighbourhoods than the page lists)."""
    return check(corpus(2000))


def test_pages_stay_small_at_a_few_thousand_sources(large: Index) -> None:
    net = compute(large)
    assert len(network_page(large, net).encode()) <= 45_000
    assert len(net.whole.nodes) == network.WHOLE_LIMIT
    assert len(net.neighbourhoods) > 100
    assert all(len(g.nodes) <= network.NEIGHBOURHOOD_LIMIT for g in net.neighbourhoods.values())
    assert max(len(svg.encode()) for key, svg in net.svgs.items() if key.startswith("actor/")) <= 10_000
    assert max(len(actor_section(large, net, actor).encode()) for actor in net.neighbourhoods) <= 15_000


def _renderer(index: Index, site: Site) -> Renderer:
    """A renderer of `index`, given its views as the pipeline's compute stage makes them."""
    return Renderer(index, site, pipeline.compute(index, site))


NETWORK_WORDS = (
    "same stance on",
    "first-hand on both sides",
    "voiced there",
    "the most connected of",
    "lines show who took part",
    "at the centre, tied to",
    "connections are drawn",
    "it agrees with most",
    "Network of",
    "Network in",
    "actors and conferences",
    ">agree on",
    ">attended<",
)
"""Words of the network's sentences, its drawings' titles and its ties' labels as the view says them in English."""
NAMES = re.compile(r"<a\b[^>]*>.*?</a>|<(span|bdi|div)\b[^>]*\blang=\"en\"[^>]*>.*?</\1>", re.DOTALL)
"""Names (links to their pages) and words the sources give, marked as English: what an edition shows as it is given."""


def _network_words(html: str) -> str:
    """The network's part of a page (its drawing, caption and list), without the names and the English words it quotes."""
    part = html[html.index('<figure class="dossier-graph') :]
    part = part[: part.index("</ul>\n</div>")]
    return NAMES.sub("", part)


def test_the_arabic_edition_says_the_networks_words_in_arabic(bundled_index: Index, bundled_views: SimpleNamespace) -> None:
    from build_scripts.editions import localised
    from tests.conftest import project_site

    site = project_site()
    neighbourhoods = bundled_views.network.neighbourhoods
    actor = "snc"  # drawn with some of its ties, which are of most kinds
    assert "connections are drawn" in str(neighbourhoods[actor].description)
    wanted = ("network/index.md", "network/period-2023-to-2025.md", f"actors/{actor}.md")
    english = {p.path: p.html for p in pipeline.render(bundled_index, bundled_views, site).pages if p.path in wanted}
    arabic = {p.path: p.html for p in pipeline.render(bundled_index, bundled_views, replace(site, language="ar")).pages if p.path in wanted}
    assert english.keys() == arabic.keys() == set(wanted)
    said_in_english = {w for path in wanted for w in NETWORK_WORDS if w in _network_words(english[path])}
    assert said_in_english == set(NETWORK_WORDS), "every phrase is said on these pages in English"
    for path in wanted:
        shown = _network_words(arabic[path])
        assert [w for w in NETWORK_WORDS if w in shown] == [], path
        assert scan(arabic[path]) == [], path  # the drawing's words changed, not its allowlisted shape
    graph = neighbourhoods[actor]
    name = localised(bundled_index, "ar").sources.actors[actor].model.name.value
    assert f'<title id="{graph.slug}-title">شبكة {name}</title>' in arabic[f"actors/{actor}.md"]
    assert f"{name} في المركز، وترتبط به: " in arabic[f"actors/{actor}.md"]
    assert "شبكة الفاعلين والمؤتمرات" in arabic["network/index.md"] and "الأكثر ارتباطًا من بين" in arabic["network/index.md"]
    assert "الموقف نفسه في" in _network_words(arabic["network/index.md"])
    assert '<h1 id="top">الشبكة في ' in arabic["network/period-2023-to-2025.md"]


def test_a_drawing_and_its_ties_are_reworded_in_the_editions_language(net: network.Network) -> None:
    say = translations("ar")
    graph = net.neighbourhood("alpha-council")
    assert graph is not None
    conflict = next(e for e in net.whole.edges if e.kind == "conflict")
    assert said(conflict.words, say).startswith("موقفان متعارضان في ") and str(conflict.words).startswith("opposite stances on ")
    drawn = str(net.svg(graph, say))
    assert drawn != net.svgs[graph.key] and str(net.svg(graph)) == net.svgs[graph.key]
    assert f'<title id="{graph.slug}-title">شبكة AC</title>' in drawn
    assert f'<desc id="{graph.slug}-desc">{escape(said(graph.description, say))}</desc>' in drawn
    assert all(f"<title>{escape(said(n.description, say))}</title>" in drawn for n in graph.nodes)
    assert [t for t in re.findall(r"<text[^>]*>([^<]*)</text>", drawn) if t in {str(e.label) for e in graph.edges}] == []
    assert scan(drawn) == []
