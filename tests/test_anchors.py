"""Anchor ids of passages (build_scripts/anchors.py): stable, unique on the page, explicit ids kept as written."""

from __future__ import annotations

from build_scripts.anchors import anchor_ids, claim_ids, quote_ids
from build_scripts.models import Document


def document(claims: list[dict[str, str]], quotes: list[dict[str, str]]) -> Document:
    return Document.model_validate({"title": "T", "kind": "report", "language": "en", "summary": "S", "claims": claims, "quotes": quotes})


def claim(actor: str, demand: str, **extra: str) -> dict[str, str]:
    return {"actor": actor, "demand": demand, "stance": "supports", "basis": "reported", "evidence": "e", **extra}


def test_derived_ids_count_up_for_the_same_actor_and_demand() -> None:
    doc = document([claim("a", "d"), claim("a", "d"), claim("b", "d")], [{"speaker": "a", "text": "t"}])
    assert claim_ids(doc) == ["ev-a-d", "ev-a-d-2", "ev-b-d"]
    assert quote_ids(doc) == ["q-a"]


def test_derived_ids_step_past_explicit_ones_in_claims_and_quotes() -> None:
    doc = document([claim("a", "d", id="ev-a-d-2"), claim("a", "d"), claim("a", "d"), claim("x", "y", id="q-s")], [{"speaker": "s", "text": "t"}])
    ids = anchor_ids(doc)
    assert ids == ["ev-a-d-2", "ev-a-d", "ev-a-d-3", "q-s", "q-s-2"]
    assert len(set(ids)) == len(ids)


def test_a_joint_claim_takes_its_first_actor_and_a_quote_its_speaker_or_actor() -> None:
    doc = document([{"actors": ["b", "a"], "demand": "d", "stance": "supports", "basis": "reported", "evidence": "e"}], [{"actor": "org", "text": "t"}])
    assert anchor_ids(doc) == ["ev-b-d", "q-org"]
    assert doc.claims[0].actor_ids == ("b", "a")
