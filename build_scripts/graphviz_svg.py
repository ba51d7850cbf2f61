"""Graphviz at build time: graphs laid out in a few `dot` processes, and their SVG rebuilt from an allowlist.

Beside safety.py because it is one of the places that decide what markup reaches a page: the
SVG that Graphviz returns is never passed through, but rebuilt element by element from the
shapes, text and links allowed here, with every value escaped again.
"""

from __future__ import annotations

import math
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from html import escape

import graphviz  # type: ignore[import-untyped]

GRAPHS_PER_PROCESS = 200
"""Graphs laid out by one `dot` process; a build uses a few processes at most, in parallel."""
MAX_PROCESSES = 4
SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_NS = "{http://www.w3.org/1999/xlink}"
SHAPE_ATTRIBUTES = {
    "path": ("d",),
    "polygon": ("points",),
    "polyline": ("points",),
    "ellipse": ("cx", "cy", "rx", "ry"),
    "text": ("x", "y", "text-anchor"),
}
"""Elements kept from Graphviz's SVG and the attributes kept on each (besides a line's dashes and width)."""
LINE_ATTRIBUTES = ("stroke-dasharray", "stroke-width")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def render_svg(sources: list[str]) -> list[str]:
    """Lay out every graph with Graphviz: all graphs of a build in a few `dot` processes, run side by side.

    Each graph carries its own `layout` and seed, so its drawing does not depend on the other
    graphs of the batch nor on how the batch is split.
    """
    if not sources:
        return []
    processes = max(1, min(MAX_PROCESSES, os.cpu_count() or 1, math.ceil(len(sources) / GRAPHS_PER_PROCESS)))
    size = math.ceil(len(sources) / processes)
    batches = [sources[i : i + size] for i in range(0, len(sources), size)]
    with ThreadPoolExecutor(max_workers=len(batches)) as pool:
        outputs = list(pool.map(_run_dot, batches))
    drawn = [svg for output, batch in zip(outputs, batches, strict=True) for svg in _split(output, len(batch))]
    return drawn


def _run_dot(batch: list[str]) -> str:
    try:
        return graphviz.pipe("dot", "svg", "\n".join(batch).encode("utf-8"), quiet=True).decode("utf-8")
    except graphviz.ExecutableNotFound:
        raise RuntimeError("Graphviz's `dot` is not installed: run `make graphviz` (Debian package graphviz)") from None


def _split(output: str, expected: int) -> list[str]:
    """One SVG document per graph, from `dot`'s concatenated output."""
    documents = [d for d in output.split("<?xml ") if d.strip()]
    if len(documents) != expected:
        raise RuntimeError(f"Graphviz drew {len(documents)} graphs of {expected}")
    return [d[d.index("<svg") :] for d in documents]


def _numbers(value: str) -> str:
    """Coordinates to one decimal: a smaller SVG, and no noise in the last digits."""

    def one(match: re.Match[str]) -> str:
        text = f"{float(match.group()):.1f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text

    return NUMBER.sub(one, value)


def _attributes(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in pairs)


def clean_svg(raw: str, slug: str, title: str, description: str) -> str:
    """Graphviz's SVG rebuilt from an allowlist: shapes, text, links (relative, as we computed them) and our classes.

    Drops the prolog, comments, Graphviz's ids and titles, colours and fonts (the stylesheet sets
    them, for light and dark schemes) and the background; rounds coordinates. Text and attribute
    values are escaped here again, whatever Graphviz did with a name from the sources. The result
    is one line per element, with no blank line, so Markdown passes it through as one HTML block.
    """
    root = ET.fromstring(raw)
    width, height = (_numbers(root.get(k, "0").removesuffix("pt")) for k in ("width", "height"))
    top = root.find(f"{SVG_NS}g")
    if top is None:
        raise ValueError("Graphviz's SVG has no graph group")
    translate = re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", top.get("transform", ""))
    dx, dy = (float(translate.group(1)), float(translate.group(2))) if translate else (0.0, 0.0)
    view = _numbers(f"{-dx} {-dy} {width} {height}")
    head = (
        f'<svg class="dossier-graph__svg" width="{width}pt" height="{height}pt" viewBox="{view}" role="group"'
        f' aria-labelledby="{slug}-title" aria-describedby="{slug}-desc">'
    )
    lines = [head, f'<title id="{slug}-title">{escape(title)}</title>', f'<desc id="{slug}-desc">{escape(description)}</desc>']
    for child in top:
        lines += _element(child)
    lines.append("</svg>")
    return "\n".join(lines)


def _element(element: ET.Element) -> list[str]:
    """One element of Graphviz's drawing as allowlisted SVG lines (nothing for what it adds but we do not keep)."""
    tag = element.tag.removeprefix(SVG_NS)
    if tag == "title":
        return []
    if tag == "g":
        inner = [line for child in element for line in _element(child)]
        classes = " ".join(c for c in (element.get("class") or "").split() if c.startswith(("gn", "ge")))
        return [f'<g class="{escape(classes)}">', *inner, "</g>"] if classes else inner
    if tag == "a":
        inner = [line for child in element for line in _element(child)]
        href = element.get(f"{XLINK_NS}href")
        tip = element.get(f"{XLINK_NS}title")
        if href is None:
            return inner
        # `xlink:href`, not `href`: Material's instant navigation reassigns `el.href` on every `[href]`,
        # which throws on SVG links (their `href` is read-only); `[href]` does not match `xlink:href`.
        return [f'<a xlink:href="{escape(href)}">', *([f"<title>{escape(tip)}</title>"] if tip else []), *inner, "</a>"]
    if tag not in SHAPE_ATTRIBUTES:
        raise ValueError(f"Graphviz drew an element the network does not allow: <{tag}>")
    if tag == "polygon" and element.get("fill") == "transparent":
        return []  # the background
    kept = [(name, _numbers(element.get(name, ""))) for name in SHAPE_ATTRIBUTES[tag] if element.get(name) is not None]
    kept += [(name, element.get(name, "")) for name in LINE_ATTRIBUTES if element.get(name) is not None]
    if tag == "text":
        return [f"<text{_attributes(kept)}>{escape(element.text or '')}</text>"]
    return [f"<{tag}{_attributes(kept)}/>"]
