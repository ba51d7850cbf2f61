"""Index: lookups that pages ask for many times are built once, and mean what a search of the records means."""

from __future__ import annotations

from build_scripts.pipeline import check

from .conftest import ROOT


def test_ties_of_an_actor_are_looked_up_as_they_would_be_searched_for() -> None:
    index = check(ROOT / "sources")
    assert index.ties
    for actor in index.sources.actors:
        assert index.ties_of(actor) == [t for t in index.ties if actor in (t.source, t.target)]


def test_each_instrument_names_the_conferences_that_produced_it_once_in_order() -> None:
    index = check(ROOT / "sources")
    for instrument, conferences in index.outcomes_by_instrument.items():
        expected = [c for c, r in index.sources.conferences.items() if any(o.instrument == instrument for o in r.model.outcomes)]
        assert conferences == expected
