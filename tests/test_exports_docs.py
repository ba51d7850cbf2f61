"""The Data page: every download is linked, and every table, column, network attribute, FtM property and dossier.json field is explained."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from build_scripts.exports import dataschema, ftm, networks, sqlite
from build_scripts.pages import Site
from build_scripts.pipeline import build_all, check
from build_scripts.views import agreement, stances

from .conftest import MINI, ROOT

PAGE = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")


def section(heading: str) -> str:
    """The page's section under a `## ` heading that starts with `heading`."""
    start = PAGE.index(f"\n## {heading}")
    end = PAGE.find("\n## ", start + 1)
    return PAGE[start : end if end >= 0 else len(PAGE)]


def test_every_download_is_linked_from_the_data_page() -> None:
    output = build_all(MINI)
    paths = [d.path for d in output.downloads if d.path.startswith("downloads/")] + [b.path for b in output.binaries]
    assert [p for p in paths if f"]({p})" not in PAGE] == []


@pytest.mark.parametrize("table", sqlite.TABLES, ids=lambda t: t.name)
def test_every_table_and_column_of_dossier_db_is_explained(table: sqlite.Table) -> None:
    rows = [line for line in section("SQLite").splitlines() if line.startswith("| ") and f"`{table.name}`" in line.split("|")[1]]
    assert rows, f"docs/data.md has no row for the table {table.name}"
    missing = [c for c in table.columns if f"`{c}`" not in rows[0]]
    assert missing == [], f"columns of {table.name} not explained"


def test_every_network_attribute_is_explained() -> None:
    index = check(ROOT / "sources")
    cells = stances.cells(index)
    graphs = networks.graphs(index, cells, agreement.compute(index, cells), Site(site_url="https://example.org/"))
    text = section("Networks")
    for name, graph in graphs.items():
        assert f"`{name}`" in text
        attributes = {key for _, data in graph.nodes(data=True) for key in data} | {key for _, _, data in graph.edges(data=True) for key in data}
        assert sorted(a for a in attributes if f"`{a}`" not in text) == [], name


def test_every_followthemoney_schema_and_property_is_explained() -> None:
    [download] = ftm.downloads(check(ROOT / "sources"), Site(site_url="https://example.org/"))
    text = section("FollowTheMoney")
    used: dict[str, set[str]] = {}
    for line in download.text.splitlines():
        entity = json.loads(line)
        used.setdefault(entity["schema"], set()).update(entity["properties"])
    for schema, properties in used.items():
        assert f"`{schema}`" in text, schema
        assert sorted(p for p in properties if f"`{p}`" not in text) == [], schema


@pytest.mark.parametrize(
    "record",
    [dataschema.ClaimRecord, dataschema.PositionRecord, dataschema.QuoteRecord, dataschema.ParticipationRecord, dataschema.FactRecord],
    ids=lambda r: r.__name__,
)
def test_every_field_of_dossier_json_beyond_the_source_format_is_explained(record: type) -> None:
    text = section("`dossier.json`")
    assert sorted(f for f in record.model_fields if f"`{f}`" not in text) == []


def test_the_documented_queries_are_real_ones(tmp_path: Path) -> None:
    text = section("SQLite")
    assert re.search(r"/dossier/positions\.json\?actor=snc", text)
    assert "binding mechanisms" in (ROOT / "sources" / "documents" / "snc-diplomatic-push-before-unga.md").read_text(encoding="utf-8")
    [query] = re.findall(r"```sql\n(.*?)```", text, re.S)
    path = tmp_path / "dossier.db"
    index = check(ROOT / "sources")
    sqlite.write(index, Site(), path)
    with sqlite3.connect(path) as connection:
        rows = connection.execute(query).fetchall()
    connection.close()
    expected = {(a, c.demand) for c in index.claims if c.stance == "supports" and c.first_hand for a in c.actors}
    assert rows and {(actor, demand) for actor, demand, _, _ in rows} == expected
