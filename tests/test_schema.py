"""The JSON Schemas in docs/schema/ are generated from the models and kept up to date."""

from __future__ import annotations

import json

from build_scripts.schema import schemas

from .conftest import ROOT


def test_committed_schemas_match_the_models() -> None:
    folder = ROOT / "docs" / "schema"
    committed = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.schema.json"))}
    assert committed == schemas(), "run `make schema` and commit docs/schema/"


def test_schemas_forbid_unknown_fields_and_accept_short_dates() -> None:
    document = json.loads(schemas()["document.schema.json"])
    assert document["additionalProperties"] is False
    assert {"type": "string"} in document["properties"]["date"]["anyOf"]
    assert set(document["required"]) == {"title", "kind", "language", "summary"}


def test_schemas_carry_the_attribution_fields() -> None:
    document = json.loads(schemas()["document.schema.json"])
    claim = document["$defs"]["Claim"]
    assert {"basis", "stance", "evidence"} <= set(claim["required"])
    assert claim["oneOf"] == [{"required": ["demand"]}, {"required": ["instrument"]}]  # a stance is on a demand or an instrument
    assert set(claim["properties"]["basis"]["enum"]) == {"quoted", "own-publication", "reported", "characterised"}
    assert {"actor", "actors", "speaker", "instruments"} <= set(claim["properties"])
    assert {"issuer", "excerpt", "excerpt_note", "instruments"} <= set(document["properties"])
    conference = json.loads(schemas()["conference.schema.json"])
    assert set(conference["$defs"]["Participant"]["required"]) == {"actor", "status", "source"}
    actor = json.loads(schemas()["actor.schema.json"])
    assert actor["properties"]["name"]["anyOf"] == [{"type": "string"}, {"$ref": "#/$defs/Fact"}]
    assert set(actor["$defs"]["Fact"]["properties"]) == {"value", "source", "editorial"}
    assert "instrument.schema.json" in schemas()
