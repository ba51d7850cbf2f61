"""The benchmark's `views` step: the compute stage (`pipeline.compute`), each view's share of it timed apart.

One run of the stage, as a build runs it, with a stopwatch around the functions that compute each view:
the agreement view in both scopes (first-hand and reported; third parties' descriptions too), its
periods (`weighed.period_figures`, the figures of each period page) and the polarisation score inside
them (its longest call and the most actors of a divided period said apart: the score is computed only
where some two actors take opposite sides, which the benchmark's corpus makes sure of), the position
histories and the shifts pages they make (cut by the measured bytes of each shift), and the other
views. The stopwatches are put around module attributes for the length of the run and put back after;
the code measured is the build's own, called as the build calls it.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from build_scripts.analysis import polarisation
from build_scripts.pages import Site
from build_scripts.pipeline import check, compute
from build_scripts.views import (
    agreement,
    briefings,
    catalogue,
    citations,
    entities,
    feed,
    histories,
    listings,
    matrix,
    network,
    network_periods,
    stances,
    timeline,
    weighed,
)

Label = Callable[..., str]
"""From a call's arguments, the figure its time adds to."""

SPOTS: tuple[tuple[Any, str, Label], ...] = (
    (agreement, "compute", lambda *a, **k: "agreement"),
    (agreement, "figures", lambda *a, **k: f"agreement, {'first-hand and reported' if a[3] == 'default' else 'descriptions too'}"),
    (agreement, "paginate", lambda *a, **k: "agreement pages"),
    (weighed, "period_figures", lambda *a, **k: "periods" if (a[2] if len(a) > 2 else k.get("score_polarisation", True)) else "periods, descriptions too"),
    (polarisation, "polarisation", lambda *a, **k: "polarisation"),
    (histories, "compute", lambda *a, **k: "shifts"),
    (histories, "counted", lambda *a, **k: "histories"),
    (matrix, "compute", lambda *a, **k: "matrix"),
    (matrix, "paginate", lambda *a, **k: "matrix"),
    (network, "compute", lambda *a, **k: "network"),
    (network_periods, "compute", lambda *a, **k: "network"),
    (network_periods, "fit", lambda *a, **k: "network"),
    (timeline, "compute", lambda *a, **k: "timeline"),
    (timeline, "paginate", lambda *a, **k: "timeline"),
    (briefings, "compute", lambda *a, **k: "briefings"),
    (catalogue, "compute", lambda *a, **k: "catalogue"),
    (listings, "compute", lambda *a, **k: "listings"),
    (entities, "entity_pages", lambda *a, **k: "entities"),
    (stances, "cells", lambda *a, **k: "cells"),
    (citations, "compute", lambda *a, **k: "citations"),
    (feed, "compute", lambda *a, **k: "feed"),
)
"""(module, function, label): where the stopwatches go. `histories.counted` is the analysis the shifts view starts from."""


@contextmanager
def stopwatches() -> Iterator[tuple[dict[str, float], dict[str, float]]]:
    """CPU seconds spent in each labelled function while the block runs (a label's calls add up), and its longest call;
    the functions put back after."""
    spent: dict[str, float] = defaultdict(float)
    longest: dict[str, float] = defaultdict(float)
    saved = [(module, name, getattr(module, name)) for module, name, _ in SPOTS]

    def timed(function: Callable[..., Any], label: Label) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                took, key = time.process_time() - start, label(*args, **kwargs)
                spent[key] += took
                longest[key] = max(longest[key], took)

        return run

    for (module, name, label), (_, _, function) in zip(SPOTS, saved, strict=True):
        setattr(module, name, timed(function, label))
    try:
        yield spent, longest
    finally:
        for module, name, function in saved:
            setattr(module, name, function)


def measure(sources: Path) -> dict[str, Any]:
    """The compute stage on the checked sources, once, with each view's CPU seconds; calendar years as periods, as `render` has them."""
    index = check(sources)
    site = Site()
    with stopwatches() as (spent, longest):
        start, cpu = time.perf_counter(), time.process_time()
        views = compute(index, site)
        seconds, total = time.perf_counter() - start, time.process_time() - cpu
    found = dict(sorted(spent.items()))
    periods = views.agreement.figures.periods
    divided = sum(1 for f in periods if f.divided)
    largest = max((f.actors for f in periods), default=0)
    split = max((f.actors for f in periods if f.divided), default=0)
    rest = total - sum(spent for label, spent in found.items() if label not in _INSIDE)
    note = (
        f"compute {total:.2f} CPU s; agreement {found.get('agreement', 0):.2f} "
        f"(first-hand and reported {found.get('agreement, first-hand and reported', 0):.2f}, descriptions too "
        f"{found.get('agreement, descriptions too', 0):.2f}; {len(periods)} periods {found.get('periods', 0):.2f} + "
        f"{found.get('periods, descriptions too', 0):.2f}, of which polarisation {found.get('polarisation', 0):.2f} in {divided} divided "
        f"(the longest {longest.get('polarisation', 0):.2f}, at most {split} actors in a divided period); "
        f"slowest period {longest.get('periods', 0):.2f}, at most {largest} actors a period), agreement pages {found.get('agreement pages', 0):.2f}, "
        f"shifts {found.get('shifts', 0):.2f} (histories {found.get('histories', 0):.2f}; {len(views.histories.histories)} histories, "
        f"{len(views.histories.shifts)} changes); "
        + ", ".join(f"{label} {found[label]:.2f}" for label in _OTHERS if label in found)
        + f"; the rest {max(rest, 0.0):.2f}"
    )
    return {"seconds": seconds, "cpu": total, "views": found, "note": note}


_INSIDE = ("agreement, first-hand and reported", "agreement, descriptions too", "periods", "periods, descriptions too", "polarisation", "histories")
"""Figures timed inside another's (the agreement's scopes and periods, the shifts' histories): not added again."""
_OTHERS = ("listings", "catalogue", "matrix", "timeline", "network", "entities", "briefings", "citations", "feed", "cells")
