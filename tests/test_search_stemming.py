"""English word forms in search: the build stems as the browser does, and a name's other forms find its page.

The golden cases (tests/cases/search/stem.yaml) are shared with the browser test of stem.js
(tests/test_browser_stemming.py); the entries here are synthetic, written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from build_scripts.search import Entry, files, index_terms, search_term, terms

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "search" / "stem.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["word"] for c in CASES])
def test_a_word_is_indexed_as_its_golden_term(case: dict[str, str]) -> None:
    assert search_term(case["word"]) == case["term"], case["why"]


def test_index_terms_are_the_folded_words_stemmed_in_order() -> None:
    text = "The Commission's negotiators NEGOTIATED in Genève, القرار ٢٢٥٤"
    assert terms(text) == ["the", "commission", "s", "negotiators", "negotiated", "in", "geneve", "القرار", "2254"]
    assert index_terms(text) == ["the", "commiss", "s", "negoti", "negoti", "in", "genev", "القرار", "2254"]


def test_the_index_holds_a_name_under_the_stem_of_its_other_forms() -> None:
    """'Negotiation' and 'Negotiating' are one term: a query in either form meets the name's own weight."""
    named = Entry("actors/negotiators/", "Synthetic Negotiating Body", "Actor", names=("Synthetic Negotiating Body",))
    report = Entry("sources/report/", "A synthetic report", "Source", names=("A synthetic report",), text="The negotiation went on.")
    made = {d.path: d.text for d in files([named, report])}
    shards = [json.loads(text) for path, text in made.items() if path.startswith("search/terms/")]
    postings = next(shard[search_term("negotiation")] for shard in shards if search_term("negotiation") in shard)
    assert search_term("negotiation") == search_term("negotiating") == "negoti"
    scores = dict(zip(postings[1::2], postings[2::2], strict=True))
    assert set(scores) == {0, 1}, "both the named entry and the report hold the term"
    assert scores[0] > 5 * scores[1], "the name weighs far more than a word of text"
    assert not any("negotiation" in shard or "negotiating" in shard for shard in shards), "only stems are indexed"
