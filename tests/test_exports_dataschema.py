"""dossier.json validates against the JSON Schema published beside it, and the schema is strict enough to notice a change."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from build_scripts.export import dossier_data
from build_scripts.exports import dataschema
from build_scripts.pipeline import check

from .conftest import DATA, MINI

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


def _mini() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(json.dumps(dossier_data(check(MINI))))
    return loaded


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
