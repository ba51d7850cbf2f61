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
from .exports_fixture import position_cells, write_joint

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


@pytest.fixture(scope="module")
def joint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic dossier with joint issuers, a stance on an instrument, relayed positions and instruments' issuers."""
    return write_joint(tmp_path_factory.mktemp("joint") / "sources")


def test_every_network_attribute_is_explained(joint: Path) -> None:
    index = check(ROOT / "sources")
    cells = stances.cells(index)
    graphs = networks.graphs(index, cells, agreement.compute(index), Site(site_url="https://example.org/"))
    synthetic = check(joint)
    cells = position_cells(synthetic)
    text = section("Networks")
    for name, graph in graphs.items():
        assert f"`{name}`" in text
        other = networks.NETWORKS[name](synthetic, cells, agreement.compute(synthetic), Site(site_url="https://example.org/"))
        attributes = {key for g in (graph, other) for _, data in g.nodes(data=True) for key in data}
        attributes |= {key for g in (graph, other) for _, _, data in g.edges(data=True) for key in data}
        assert sorted(a for a in attributes if f"`{a}`" not in text) == [], name
        kinds = {data["kind"] for g in (graph, other) for _, data in g.nodes(data=True)}
        assert sorted(k for k in kinds if f"`{k}`" not in text) == [], name


def test_every_followthemoney_schema_and_property_is_explained(joint: Path) -> None:
    text = section("FollowTheMoney")
    used: dict[str, set[str]] = {}
    for root in (ROOT / "sources", joint):
        [download] = ftm.downloads(check(root), Site(site_url="https://example.org/"))
        for line in download.text.splitlines():
            entity = json.loads(line)
            used.setdefault(entity["schema"], set()).update(entity["properties"])
    for schema, properties in used.items():
        assert f"`{schema}`" in text, schema
        assert sorted(p for p in properties if f"`{p}`" not in text) == [], schema


@pytest.mark.parametrize(
    "record",
    [
        dataschema.ClaimRecord,
        dataschema.PositionRecord,
        dataschema.QuoteRecord,
        dataschema.ParticipationRecord,
        dataschema.InstrumentIssuerRecord,
        dataschema.FactRecord,
    ],
    ids=lambda r: r.__name__,
)
def test_every_field_of_dossier_json_beyond_the_source_format_is_explained(record: type) -> None:
    text = section("`dossier.json`")
    assert sorted(f for f in record.model_fields if f"`{f}`" not in text) == []


def test_the_documented_queries_are_real_ones(tmp_path: Path, joint: Path) -> None:
    text = section("SQLite")
    assert re.search(r"/dossier/positions\.json\?actor=snc", text)
    assert "binding mechanisms" in (ROOT / "sources" / "documents" / "snc-diplomatic-push-before-unga.md").read_text(encoding="utf-8")
    supporters, every_position = re.findall(r"```sql\n(.*?)```", text, re.S)
    (agreeing,) = re.findall(r"```sql\n(.*?)```", (ROOT / "docs" / "reproducing.md").read_text(encoding="utf-8"), re.S)
    path = tmp_path / "dossier.db"
    index = check(ROOT / "sources")
    sqlite.write(index, Site(), path)
    with sqlite3.connect(path) as connection:
        rows = connection.execute(supporters).fetchall()
    connection.close()
    expected = {(a, c.topic) for c in index.claims if c.stance == "supports" and c.first_hand for a in c.actors}
    assert rows and {(actor, topic) for actor, topic, _, _ in rows} == expected
    # Every position the site counts: the claims' and the issuers' authorship, as the index has them (a synthetic dossier that has both).
    synthetic = check(joint)
    sqlite.write(synthetic, Site(), tmp_path / "joint.db")
    with sqlite3.connect(tmp_path / "joint.db") as connection:
        rows = connection.execute(every_position).fetchall()
    connection.close()
    counted = sorted((actor, p.topic, p.stance, p.basis, p.document) for p in synthetic.positions for actor in p.actors)
    assert any(basis == "authorship" for *_, basis, _ in counted)
    assert sorted(rows) == counted
    # The pairs that agree most, as DNA counts it: each pair once, from the dna_network table.
    with sqlite3.connect(tmp_path / "joint.db") as connection:
        top = connection.execute(agreeing).fetchall()
        table = connection.execute("select actor_a, actor_b, congruence, congruence_jaccard from dna_network where actor_a < actor_b").fetchall()
    connection.close()
    assert top and len(top) <= 10 and set(top) <= set(table)
    assert top == sorted(table, key=lambda r: (-r[3], -r[2], r[0], r[1]))[: len(top)]
