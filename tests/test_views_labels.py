"""The names drawn inside a network's nodes in another edition: the edition's name where Graphviz measures it fits the node the
English layout made, else the English marked as English; the drawing stays inert SVG."""

from __future__ import annotations

from build_scripts.catalogues import translations
from build_scripts.safety import scan
from build_scripts.views.graph import Graph, Node, reworded
from build_scripts.views.labels import fits, label_lines, measure

ARABIC_LONG = "الائتلاف الوطني لقوى الثورة والمعارضة السورية"


def test_graphviz_measures_each_label_and_a_name_fits_only_a_node_as_wide_on_as_many_lines() -> None:
    widths = measure(["UN", "United Nations Security Council", "الأمم المتحدة"])
    assert 0 < widths["UN"] < widths["الأمم المتحدة"] < widths["United Nations Security Council"]
    assert fits("الأمم المتحدة", "United Nations Security Council")
    assert not fits("الأمم المتحدة", "UN"), "wider than the English node"
    assert len(label_lines(ARABIC_LONG)) == 3 and not fits(ARABIC_LONG, "Syrian National Coalition"), "on more lines than the English"


def node(key: str, label: str, tooltip: str) -> Node:
    return Node(key, "actor", key.split("/")[1], label, tooltip, "organisation")


def drawing(*labels: tuple[str, list[str]]) -> str:
    """SVG as Graphviz draws nodes (graphviz_svg.clean_svg's lines): each node's tooltip, then its label's lines."""
    lines = ['<svg class="dossier-graph__svg" role="group">', "<title>Network</title>", "<desc>About</desc>"]
    for tooltip, texts in labels:
        lines += ['<g class="gn gn--actor gn--organisation">', '<a xlink:href="../x/">', f"<title>{tooltip}</title>", '<path d="M0,0"/>']
        lines += [f'<text x="50" y="{-20 + 14 * n}" text-anchor="middle">{text}</text>' for n, text in enumerate(texts)]
        lines += ["</a>", "</g>"]
    return "\n".join([*lines, "</svg>"])


def test_a_node_shows_the_editions_name_where_it_fits_and_the_english_marked_where_it_does_not() -> None:
    nodes = (node("actors/un", "United Nations Security Council", "UNSC, a UN body"), node("actors/snc", "SNC", "Syrian National Coalition, a coalition"))
    graph = Graph("whole", "network/index.md", "Network", "About", nodes, (), "neato")
    arabic = {"actors/un": "الأمم المتحدة", "actors/snc": ARABIC_LONG}
    drawn = drawing(("UNSC, a UN body", ["United Nations", "Security Council"]), ("Syrian National Coalition, a coalition", ["SNC"]))
    said = reworded(drawn, graph, translations("ar"), arabic.get)
    assert '<text x="50" y="-13" text-anchor="middle">الأمم المتحدة</text>' in said, "one line, centred where the English two were"
    assert "United Nations" not in said and "Security Council" not in said
    assert '<text lang="en" x="50" y="-20" text-anchor="middle">SNC</text>' in said, "too long for the node: the English stays, marked"
    assert scan(said) == [], "inert SVG: the allowlist holds a drawn name's lang"
