"""dossier.json validates against the JSON Schema published beside it, and the schema is strict enough to notice a change."""

from __future__ import annotations

import copy
import functools
import json
import tempfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from build_scripts.exports import dataschema
from build_scripts.exports.dossier import dossier_data
from build_scripts.pipeline import check

from .conftest import DATA, MINI
from .exports_fixture import write_joint

ARABIC = DATA / "arabic" / "sources"


@pytest.fixture(scope="module")
def published(bundled_site: Path) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((bundled_site / "downloads" / "dossier.schema.json").read_text(encoding="utf-8"))
    return schema


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def errors(schema: dict[str, Any], data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(schema).iter_errors(data)]


def test_the_bundled_dossier_json_validates_against_its_published_schema(bundled_site: Path, published: dict[str, Any]) -> None:
    assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    data = json.loads((bundled_site / "downloads" / "dossier.json").read_text(encoding="utf-8"))
    assert errors(published, data) == []
    assert published == dataschema.schema()


@pytest.mark.parametrize("root", [MINI, ARABIC], ids=["mini", "arabic"])
def test_other_dossiers_validate_too(root: Path) -> None:
    if not root.exists():
        pytest.skip(f"{root} is not bundled")
    data = json.loads(json.dumps(dossier_data(check(root))))
    assert errors(dataschema.schema(), data) == []


def test_the_new_formats_fields_validate(tmp_path: Path) -> None:
    """Joint issuers, a stance on an instrument, relayed claims, upper-bound dates and instruments' issuers (a synthetic dossier)."""
    data = json.loads(json.dumps(dossier_data(check(write_joint(tmp_path / "sources")))))
    assert any(c["instrument"] for c in data["claims"]) and any(c["relayed_by"] for c in data["claims"]) and data["instrument_issuers"]
    assert errors(dataschema.schema(), data) == []


def _mini() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(dossier_data(check(MINI))))
    return loaded


@functools.cache
def _joint() -> str:
    with tempfile.TemporaryDirectory() as folder:
        return json.dumps(dossier_data(check(write_joint(Path(folder) / "sources"))))


def _claim_on(data: dict[str, Any], instrument: str) -> dict[str, Any]:
    claim: dict[str, Any] = next(c for c in data["claims"] if c["instrument"] == instrument)
    return claim


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: _claim_on(d, "ministry-declaration").update(demand="resume-talks"), "claims/7"),
        (lambda d: _claim_on(d, "ministry-declaration").update(instrument=None), "claims/7"),
        (lambda d: _claim_on(d, "ministry-declaration").pop("relayed_by"), "claims/7"),
        (lambda d: d["documents"][2]["claims"][0].update(demand="resume-talks"), "documents/2/claims/0"),
        (lambda d: d["positions"][0].update(demand=None), "positions/0"),
        (lambda d: d["claims"][5]["date"].pop("no_later_than"), "claims/5/date"),
        (lambda d: d["instrument_issuers"][0].update(basis="own-publication"), "instrument_issuers/0/basis"),
        (lambda d: d["instrument_issuers"][0].update(status="drafted"), "instrument_issuers/0/status"),
        (lambda d: d["documents"][2].update(issuers="council"), "documents/2/issuers"),
    ],
    ids=[
        "claim on a demand and an instrument",
        "claim on neither",
        "claim without relayed_by",
        "a document's claim on both",
        "position on neither",
        "date without no_later_than",
        "issuer not by authorship",
        "unknown issuing status",
        "issuers not a list",
    ],
)
def test_the_schema_refuses_what_the_export_never_writes_of_the_new_fields(change: Any, where: str) -> None:
    data = json.loads(_joint())
    change(data)
    found = errors(dataschema.schema(), data)
    assert found and all(e.startswith(where) for e in found), found


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["claims"][0].update(weight=1), "claims/0"),
        (lambda d: d["claims"][0].pop("basis"), "claims/0"),
        (lambda d: d["claims"][0].update(stance="endorses"), "claims/0/stance"),
        (lambda d: d["documents"][0].update(provenance="rumour"), "documents/0/provenance"),
        (lambda d: d["positions"][0].update(date={"value": "2024"}), "positions/0/date"),
        (lambda d: d["participation"][0].update(status="visited"), "participation/0/status"),
        (lambda d: d["actors"][0]["name"].update(value=""), "actors/0/name/value"),
        (lambda d: d.update(extra=[]), ""),
        (lambda d: d.pop("facts"), ""),
    ],
    ids=[
        "unknown key",
        "missing key",
        "unknown stance",
        "unknown provenance",
        "date without precision",
        "unknown status",
        "empty name",
        "unknown kind",
        "missing kind",
    ],
)
def test_the_schema_refuses_what_the_export_never_writes(change: Any, where: str) -> None:
    data = copy.deepcopy(_mini())
    change(data)
    found = errors(dataschema.schema(), data)
    assert found and all(e.startswith(where) for e in found), found
