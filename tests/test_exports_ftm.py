"""FollowTheMoney: the library validates every entity of the bundled site's file, each record maps to its schema, editorial values stay marked."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model
from followthemoney.exc import InvalidData

from build_scripts.exports import ftm
from build_scripts.index import Index
from build_scripts.pages import Site
from build_scripts.pipeline import check

from .bench_corpus import write_corpus
from .conftest import ROOT
from .exports_fixture import ARABIC, write_arabic, write_joint


@pytest.fixture(scope="module")
def index() -> Index:
    return check(ROOT / "sources")


@pytest.fixture(scope="module")
def path(bundled_site: Path) -> Path:
    return bundled_site / "downloads" / "dossier.ftm.json"


@pytest.fixture(scope="module")
def entities(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def problems(data: dict[str, Any]) -> list[str]:
    """What FollowTheMoney finds wrong with an entity: its schema, its properties, required ones, each value's type."""
    schema = model.get(data["schema"])
    if schema is None or schema.abstract:
        return [f"{data['id']}: no concrete schema {data['schema']}"]
    found = [f"{data['id']}: {schema.name} has no property {p}" for p in data["properties"] if p not in schema.properties]
    found += [f"{data['id']}: {schema.name} requires {p}" for p in schema.required if not data["properties"].get(p)]
    try:
        schema.validate(data)
    except InvalidData as err:
        found.append(f"{data['id']}: {err}")
    # Cleaned by the library, the values must come out as written: nothing in the file is what FtM would refuse or change.
    proxy = model.make_entity(schema)
    proxy.id = data["id"]
    for name, values in data["properties"].items():
        if name in schema.properties:
            proxy.add(name, values)
    if proxy.to_dict()["properties"] != data["properties"]:
        found.append(f"{data['id']}: values change when cleaned")
    return found


def test_followthemoney_validates_every_entity(entities: list[dict[str, Any]]) -> None:
    assert entities
    assert [p for data in entities for p in problems(data)] == []
    ids = [data["id"] for data in entities]
    assert len(ids) == len(set(ids)), "every id once"
    known = set(ids)
    dangling = [
        (data["id"], name, value)
        for data in entities
        for name, values in data["properties"].items()
        if model.get(data["schema"]).properties[name].type.name == "entity"  # type: ignore[union-attr]
        for value in values
        if value not in known
    ]
    assert dangling == [], "every entity an entity points to is in the file"


def test_the_ftm_command_reads_and_revalidates_the_file(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "validated.json"
    result = subprocess.run(
        [str(Path(sys.executable).with_name("ftm")), "validate", "-i", str(path), "-o", str(out)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(path.read_text(encoding="utf-8").splitlines())


def test_each_record_has_its_schema(entities: list[dict[str, Any]], index: Index) -> None:
    by_id = {data["id"]: data for data in entities}
    s = index.sources
    for actor_id, record in s.actors.items():
        assert by_id[f"dossier.actor.{actor_id}"]["schema"] == ftm.actor_schema(record.model.type)
    assert by_id["dossier.actor.hadi-al-bahra"]["schema"] == "Person"
    assert by_id["dossier.actor.france"]["schema"] == "PublicBody"
    assert by_id["dossier.actor.snc"]["schema"] == "Organization"
    for doc_id, record in s.documents.items():
        assert by_id[f"dossier.document.{doc_id}"]["schema"] == ("Article" if record.model.kind in ftm.ARTICLES else "Document")
        assert by_id[f"dossier.document.{doc_id}"]["properties"]["bodyText"] == [record.body.strip()]
    assert all(by_id[f"dossier.conference.{c}"]["schema"] == "Event" for c in s.conferences)
    assert all(by_id[f"dossier.demand.{d}"]["schema"] == "Note" for d in s.demands)
    schemata = Counter(data["schema"] for data in entities if data["id"].startswith("dossier.affiliation."))
    assert schemata["Membership"] and schemata["Representation"] and schemata["Directorship"]


def test_a_claim_links_its_actors_to_its_demand_with_its_evidence(entities: list[dict[str, Any]], index: Index) -> None:
    by_id = {data["id"]: data for data in entities}
    claims = [data for data in entities if data["id"].startswith("dossier.claim.")]
    assert len(claims) == len(index.claims)
    joint = next(c for c in index.claims if c.joint)
    p = by_id[ftm.entity_id("claim", joint.document, joint.id)]["properties"]
    target = f"dossier.instrument.{joint.instrument}" if joint.instrument else f"dossier.demand.{joint.demand}"
    assert p["subject"] == [f"dossier.actor.{a}" for a in joint.actors] and p["object"] == [target]
    assert (p["role"], p["status"], p["description"], p["proof"]) == ([joint.stance], [joint.basis], [joint.evidence], [f"dossier.document.{joint.document}"])
    participation = [data for data in entities if data["id"].startswith("dossier.participation.")]
    assert len(participation) == sum(len(r.model.participants) for r in index.sources.conferences.values())
    assert all(data["schema"] == "UnknownLink" and data["properties"]["proof"] for data in participation)


def test_editorial_values_stay_marked(entities: list[dict[str, Any]], index: Index) -> None:
    by_id = {data["id"]: data for data in entities}
    kinds = {"actors": "actor", "conferences": "conference", "demands": "demand", "instruments": "instrument", "documents": "document"}
    editorial = index.editorial_facts
    assert editorial
    for fact in editorial:
        notes = by_id[f"dossier.{kinds[fact.kind]}.{fact.entity}"]["properties"].get("notes", [])
        assert any("supplied by the dossier's editors" in note and fact.value in note and fact.editorial in note for note in notes), fact  # type: ignore[operator]
    # Only editorial values are marked so: one note for each, none for a value a source gives.
    marked = Counter(
        data["id"]
        for data in entities
        for note in data["properties"].get("notes", [])
        if note.startswith("Editorial:") and "supplied by the dossier's editors" in note
    )
    assert marked == Counter(f"dossier.{kinds[f.kind]}.{f.entity}" for f in editorial)


def test_a_tie_the_editors_record_says_so(tmp_path: Path) -> None:
    """The synthetic dossier's ties are the editors' (the bundled ones all cite a source)."""
    write_corpus(tmp_path / "sources", 20)
    index = check(tmp_path / "sources")
    [download] = ftm.downloads(index, Site())
    by_id = {data["id"]: data for data in map(json.loads, download.text.splitlines())}
    ties = [(actor_id, n, a) for actor_id, r in index.sources.actors.items() for n, a in enumerate(r.model.affiliations)]
    assert ties and all(a.editorial for _, _, a in ties)
    for actor_id, n, a in ties:
        summary = " ".join(by_id[f"dossier.affiliation.{actor_id}.{n}"]["properties"]["summary"])
        assert "Editorial:" in summary and a.editorial in summary  # type: ignore[operator]
    bundled = check(ROOT / "sources")
    [cited] = ftm.downloads(bundled, Site())
    assert not any("Editorial:" in " ".join(json.loads(line)["properties"].get("summary", [])) for line in cited.text.splitlines())


def test_issuers_stances_on_instruments_relays_and_upper_bounds(tmp_path: Path) -> None:
    """A synthetic dossier: each new field reaches its entity, and FollowTheMoney accepts every entity."""
    index = check(write_joint(tmp_path / "sources"))
    [download] = ftm.downloads(index, Site())
    entities = [json.loads(line) for line in download.text.splitlines()]
    assert [p for data in entities for p in problems(data)] == []
    by_id = {data["id"]: data for data in entities}
    # A stance on an instrument links the actors to the instrument, not to a demand.
    on = by_id["dossier.claim.joint-communique.ev-council-ministry-declaration"]["properties"]
    assert (on["subject"], on["object"], on["role"]) == (
        ["dossier.actor.council", "dossier.actor.observer-state"],
        ["dossier.instrument.ministry-declaration"],
        ["opposes"],
    )
    assert on["date"] == ["2024-06-10"] and "endDate" not in on
    assert "the instrument ministry-declaration" in on["summary"][0]
    # A relayed position says who relays it; an upper-bound date is an end, never the day it was voiced.
    relayed = by_id["dossier.claim.envoy-briefing.ev-women-forum-release-detainees"]["properties"]
    assert (relayed["subject"], relayed["object"], relayed["endDate"]) == (["dossier.actor.women-forum"], ["dossier.demand.release-detainees"], ["2024-09-02"])
    assert "date" not in relayed
    assert "Relayed by Special Envoy for the Talks (envoy), who reports the position." in relayed["summary"]
    assert "The date is an upper bound: on or before 2024-09-02, not on it." in relayed["summary"]
    assert by_id["dossier.claim.envoy-briefing.ev-women-forum-resume-talks"]["properties"]["endDate"] == ["2024-07"]
    # A joint statement: each issuer documented, and named in the document's notes.
    for issuer in ("council", "observer-state"):
        documentation = by_id[f"dossier.documentation.joint-communique.issuer.actor.{issuer}"]["properties"]
        assert documentation["role"] == ["issuer"] and documentation["entity"] == [f"dossier.actor.{issuer}"]
    assert "A joint statement of 2 parties: council, observer-state." in by_id["dossier.document.joint-communique"]["properties"]["notes"]
    # An instrument's issuers: a link from the actor to the instrument, its status, the basis `authorship`, its source.
    issuers = sorted(
        (data["properties"]["subject"][0], data["properties"]["object"][0], data["properties"]["role"][0])
        for data in entities
        if data["id"].startswith("dossier.issuer.")
    )
    assert issuers == [
        ("dossier.actor.council", "dossier.instrument.talks-charter", "signed"),
        ("dossier.actor.ministry", "dossier.instrument.ministry-declaration", "issued"),
        ("dossier.actor.observer-state", "dossier.instrument.talks-charter", "signed"),
    ]
    declaration = by_id["dossier.issuer.ministry-declaration.0"]["properties"]
    assert (declaration["status"], declaration["proof"]) == (["authorship"], ["dossier.document.joint-communique"])


def test_arabic_names_are_aliases_and_arabic_texts_stand_beside_the_english(tmp_path: Path) -> None:
    index = check(write_arabic(tmp_path / "sources"))
    [download] = ftm.downloads(index, Site())
    entities = [json.loads(line) for line in download.text.splitlines()]
    assert [p for data in entities for p in problems(data)] == []
    by_id = {data["id"]: data["properties"] for data in entities}
    names = {path.removesuffix(".md"): value for path, (_, _, value) in ARABIC.items()}
    assert names["conferences/spring-talks"] in by_id["dossier.conference.spring-talks"]["alias"]
    assert names["instruments/talks-charter"] in by_id["dossier.instrument.talks-charter"]["alias"]
    demand = by_id["dossier.demand.resume-talks"]
    assert names["demands/resume-talks"] in demand["description"] and "Resume the talks" in demand["description"]
    assert any(note.startswith("Editorial: the Arabic statement") for note in demand["notes"])
    assert names["actors/council"] in by_id["dossier.actor.council"]["description"]
