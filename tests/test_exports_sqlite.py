"""dossier.db: Datasette serves the bundled site's database, its JSON API returns a known actor's claims, and full-text search finds a passage."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from build_scripts.exports import sqlite as db_export
from build_scripts.exports import sqlite_rows as db_rows
from build_scripts.index import Index
from build_scripts.pages import Site
from build_scripts.pipeline import check

from .conftest import MINI, ROOT, project_site
from .exports_fixture import ARABIC, write_arabic, write_joint

SNC_PHRASE = "binding mechanisms to enforce international resolutions"
"""Words of the SNC's evidence in snc-diplomatic-push-before-unga, as the source has them."""
SNC_CLAIM = "snc-diplomatic-push-before-unga#ev-snc-binding-enforcement-of-un-resolutions"
DATASETTE = Path(sys.executable).with_name("datasette")


@pytest.fixture(scope="module")
def index() -> Index:
    return check(ROOT / "sources")


@pytest.fixture(scope="module")
def database(bundled_site: Path) -> Path:
    """The database as the built site publishes it."""
    path = bundled_site / "downloads" / "dossier.db"
    assert path.is_file(), "the bundled site has no downloads/dossier.db"
    return path


@pytest.fixture(scope="module")
def datasette(database: Path) -> Iterator[str]:
    """`datasette dossier.db` on 127.0.0.1, a free port chosen by the server; its address."""
    process = subprocess.Popen(
        [str(DATASETTE), "serve", str(database), "--host", "127.0.0.1", "--port", "0", "--setting", "sql_time_limit_ms", "5000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        address = None
        deadline = time.monotonic() + 60
        assert process.stdout is not None
        while address is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            found = re.search(r"Uvicorn running on (http://127\.0\.0\.1:\d+)", line)
            address = found.group(1) if found else None
        assert address, "Datasette did not start"
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)


def api(base: str, path: str, **params: str) -> Any:
    """A GET on Datasette's JSON API (`/dossier/<table>.json`, or `/dossier.json` for SQL), rows as an array of objects."""
    query = urllib.parse.urlencode({**params, "_shape": "array"})
    with urllib.request.urlopen(f"{base}{path}?{query}", timeout=30) as response:
        return json.loads(response.read())


def test_datasette_returns_a_known_actors_claims(datasette: str, index: Index) -> None:
    expected = sorted(db_rows.claim_key(c) for c in index.by_actor["snc"])
    rows = api(datasette, "/dossier/positions.json", actor="snc", _size="max")
    assert sorted(row["claim"] for row in rows) == expected
    # The same through SQL: claims joined to their actors, with their evidence.
    sql = "select c.key, c.stance, c.evidence from claims c join positions p on p.claim = c.key where p.actor = :actor order by c.key"
    joined = api(datasette, "/dossier.json", sql=sql, actor="snc")
    assert [row["key"] for row in joined] == expected
    by_key = {db_rows.claim_key(c): c for c in index.by_actor["snc"]}
    assert all(row["evidence"] == by_key[row["key"]].evidence and row["stance"] == by_key[row["key"]].stance for row in joined)


def test_datasette_full_text_search_finds_a_phrase_of_the_evidence(datasette: str) -> None:
    found = api(datasette, "/dossier/claims.json", _search=f'"{SNC_PHRASE}"', _searchmode="raw")
    assert SNC_CLAIM in [row["key"] for row in found]
    assert all(SNC_PHRASE in row["evidence"] for row in found)
    assert api(datasette, "/dossier/claims.json", _search='"resolutions binding enforce"', _searchmode="raw") == [], "a phrase matches its words in order only"
    quotes = api(datasette, "/dossier/quotes.json", _search='"stop the suffering of the Syrian people"', _searchmode="raw")
    assert "snc-diplomatic-push-before-unga#q-badr-jamous-radical-change" in [row["key"] for row in quotes]
    documents = api(datasette, "/dossier/documents.json", _search='"redoubled its diplomatic efforts"', _searchmode="raw")
    assert [row["id"] for row in documents] == ["snc-diplomatic-push-before-unga"]


def test_every_foreign_key_resolves_and_claims_link_what_they_name(database: Path) -> None:
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        links = {row[3]: row[2] for row in connection.execute("PRAGMA foreign_key_list(claims)")}
        assert links == {
            "document": "documents",
            "demand": "demands",
            "instrument": "instruments",
            "speaker": "actors",
            "relayed_by": "actors",
            "conference": "conferences",
        }
        assert {row[3]: row[2] for row in connection.execute("PRAGMA foreign_key_list(positions)")}["actor"] == "actors"
        assert {row[3]: row[2] for row in connection.execute("PRAGMA foreign_key_list(claim_instruments)")} == {"claim": "claims", "instrument": "instruments"}
        # A joint claim: one row in claims, one in positions for each of its actors.
        joint = connection.execute("select claim, count(*) from positions group by claim having count(*) > 1").fetchall()
        assert joint and all(n == len(json.loads(connection.execute("select actors from claims where key = ?", (key,)).fetchone()[0])) for key, n in joint)


def test_the_database_is_what_the_pipeline_makes_and_two_builds_are_byte_identical(database: Path, index: Index) -> None:
    site = project_site()  # mkdocs.yml's site_url and periods
    first, second = db_export.download(index, site), db_export.download(index, site)
    assert first.data == second.data
    assert database.read_bytes() == first.data
    assert first.data[:16] == b"SQLite format 3\x00"
    assert int.from_bytes(first.data[16:18], "big") == db_export.PAGE_SIZE


def test_page_addresses_and_nulls(tmp_path: Path) -> None:
    path = tmp_path / "mini.db"
    db_export.write(check(MINI), Site(site_url="https://example.org/dossier/"), path)
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        actor = connection.execute("select * from actors where id = 'council'").fetchone()
        assert actor["page"] == "https://example.org/dossier/actors/council/"
        assert json.loads(actor["aliases"]) == ["The Council"]
        claim = connection.execute("select * from claims where id = 'ev-council-resume-talks'").fetchone()
        assert claim["page"] == "https://example.org/dossier/sources/council-statement/#ev-council-resume-talks"
        assert (claim["date"], claim["date_precision"], claim["date_approximate"], claim["date_from_document"]) == ("2024", "year", 1, 1)
        assert claim["speaker"] is None and claim["first_hand"] == 1
        editorial = connection.execute("select editorial from facts where entity = 'council' and field = 'acronym'").fetchone()[0]
        assert editorial.startswith("Synthetic test fixture")


def test_arabic_names_statements_and_descriptions_have_their_columns(tmp_path: Path) -> None:
    path = tmp_path / "arabic.db"
    db_export.write(check(write_arabic(tmp_path / "sources")), Site(), path)
    with sqlite3.connect(path) as connection:
        for table, field in [("actors", "name_ar"), ("conferences", "name_ar"), ("instruments", "name_ar"), ("demands", "statement_ar")]:
            assert field in [column[1] for column in connection.execute(f"pragma table_info({table})")]
        for table in ("actors", "conferences", "demands", "instruments"):
            assert "description_ar" in [column[1] for column in connection.execute(f"pragma table_info({table})")]
        for path_in_sources, (_, field, value) in ARABIC.items():
            table, _, entity = path_in_sources.removesuffix(".md").partition("/")
            assert connection.execute(f"select {field} from {table} where id = ?", (entity,)).fetchone() == (value,)
            fact = connection.execute("select value, editorial from facts where entity = ? and field = ?", (entity, field)).fetchone()
            assert fact == (value, "Synthetic test fixture; the editors' Arabic.")
        assert connection.execute("select statement_ar from demands where id = 'release-detainees'").fetchone() == (None,)


def test_issuers_stances_on_instruments_relays_and_upper_bounds(tmp_path: Path) -> None:
    """A synthetic dossier: a joint statement, a stance on an instrument, relayed positions, upper-bound dates, instruments' issuers."""
    path = tmp_path / "joint.db"
    index = check(write_joint(tmp_path / "sources"))
    db_export.write(index, Site(), path)
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        fks = {(row["table"], row["from"]) for row in connection.execute("select * from pragma_foreign_key_list('instrument_issuers')")}
        assert fks == {("instruments", "instrument"), ("actors", "actor"), ("documents", "source"), ("documents", "joint_document")}
        joint = connection.execute("select issuer, issuers, provenance from documents where id = 'joint-communique'").fetchone()
        assert (joint["issuer"], json.loads(joint["issuers"]), joint["provenance"]) == (None, ["council", "observer-state"], "own-publication")
        assert json.loads(connection.execute("select issuers from documents where id = 'council-statement'").fetchone()[0]) == ["council"]
        issuers = connection.execute("select document, actor from document_issuers where document = 'joint-communique' order by actor").fetchall()
        assert [tuple(row) for row in issuers] == [("joint-communique", "council"), ("joint-communique", "observer-state")]
        on = connection.execute("select * from claims where key = 'joint-communique#ev-council-ministry-declaration'").fetchone()
        assert (on["demand"], on["instrument"], on["stance"], on["date"], on["date_no_later_than"]) == (
            None,
            "ministry-declaration",
            "opposes",
            "2024-06-10",
            0,
        )
        relayed = connection.execute("select * from claims where key = 'envoy-briefing#ev-women-forum-release-detainees'").fetchone()
        assert (relayed["relayed_by"], relayed["speaker"], relayed["date"], relayed["date_no_later_than"], relayed["date_from_document"]) == (
            "envoy",
            None,
            "2024-09-02",
            1,
            1,
        )
        earlier = connection.execute("select date, date_no_later_than, date_from_document from claims where key = 'envoy-briefing#ev-women-forum-resume-talks'")
        assert tuple(earlier.fetchone()) == ("2024-07", 1, 0)
        positions = connection.execute(
            "select actor, demand, instrument, relayed_by, date, date_no_later_than from positions where document != 'council-statement' order by claim, actor"
        ).fetchall()
        assert [tuple(row) for row in positions] == [
            ("women-forum", "release-detainees", None, "envoy", "2024-09-02", 1),
            ("women-forum", "resume-talks", None, "envoy", "2024-07", 1),
            ("council", None, "ministry-declaration", None, "2024-06-10", 0),
            ("observer-state", None, "ministry-declaration", None, "2024-06-10", 0),
            ("council", "resume-talks", None, None, "2024-06-10", 0),
            ("observer-state", "resume-talks", None, None, "2024-06-10", 0),
        ]
        assert connection.execute("select count(*) from positions where basis = 'authorship'").fetchone()[0] == 0
        authorship = connection.execute(
            "select instrument, actor, status, source, stance, basis, basis_class, joint_document, period, history_step from instrument_issuers"
        ).fetchall()
        assert [tuple(row) for row in authorship] == [
            ("ministry-declaration", "ministry", "issued", "joint-communique", "supports", "authorship", "first-hand", "joint-communique", "2024", None),
            ("talks-charter", "council", "signed", "joint-communique", "supports", "authorship", "first-hand", "joint-communique", None, None),
            ("talks-charter", "observer-state", "signed", "joint-communique", "supports", "authorship", "first-hand", "joint-communique", None, None),
        ]
        # The instrument's date columns carry the upper-bound flag too (0: the date is the instrument's own).
        declaration = connection.execute("select date, date_precision, date_approximate, date_no_later_than from instruments where id = 'ministry-declaration'")
        assert tuple(declaration.fetchone()) == ("2024-05", "month", 0, 0)


def test_dna_network_holds_what_dna_computes_from_the_positions(tmp_path: Path) -> None:
    """Synthetic: the mini dossier's table is DNA's measure of its positions, row for row (the values are tested in test_analysis_dna)."""
    from build_scripts.analysis.dna import dna_rows, statements

    index = check(MINI)
    path = tmp_path / "dossier.db"
    db_export.write(index, Site(), path)
    with sqlite3.connect(path) as connection:
        table = connection.execute("select * from dna_network order by actor_a, actor_b").fetchall()
    expected = [(r.actor_a, r.actor_b, r.congruence, r.conflict, r.congruence_jaccard, r.conflict_jaccard) for r in dna_rows(statements(index.positions))]
    assert table == expected and table  # the council and the ministry take opposite sides on resuming the talks
    assert ("council", "ministry") in {(a, b) for a, b, *_ in table}
