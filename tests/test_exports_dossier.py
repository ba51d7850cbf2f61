"""The CSV files and dossier.json: a cell that begins like a spreadsheet formula is kept as text (the other downloads keep the value
as it is), and the format's joint issuers, stances on an instrument, relayed positions, upper-bound dates and instruments' issuers
reach both, on a synthetic dossier."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from build_scripts.analysis.scope import periods_from
from build_scripts.exports.dossier import csv_cell, downloads
from build_scripts.index import Index
from build_scripts.pipeline import check
from build_scripts.views import agreement, matrix, stances, weighed

from .conftest import MINI
from .exports_fixture import ARABIC, write_arabic, write_joint

NAME = '=HYPERLINK("https://evil.example/","Civic Council")'
STATEMENT = "+Resume the talks"
SUMMARY = "-1 is what the Council says the Ministry offered."
NOTE = "@SUM(1+1) was typed by an annotator."


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_starts_like_a_formula_gets_an_apostrophe(start: str) -> None:
    assert csv_cell(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("value", ["Civic Council", "1+1", "a=b", "e-mail", "name@example.org", "'quoted"])
def test_other_cells_are_left_as_they_are(value: str) -> None:
    assert csv_cell(value) == value


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini dossier with values that start like formulas: an actor's name, a demand, a document's summary and note."""
    root = tmp_path_factory.mktemp("formulas") / "sources"
    shutil.copytree(MINI, root)
    actor = root / "actors" / "council.md"
    name = json.dumps({"value": NAME, "editorial": "A test of spreadsheet formulas."})
    actor.write_text(actor.read_text(encoding="utf-8").replace("name: Civic Council\n", f"name: {name}\n"), encoding="utf-8")
    demand = root / "demands" / "resume-talks.md"
    demand.write_text(demand.read_text(encoding="utf-8").replace("statement: Resume the talks\n", f"statement: {json.dumps(STATEMENT)}\n"), encoding="utf-8")
    document = root / "documents" / "council-statement.md"
    text = document.read_text(encoding="utf-8")
    text = text.replace("summary: The Council calls for the talks to resume; the Ministry rejects them.\n", f"summary: {json.dumps(SUMMARY)}\n")
    text = text.replace("note: Synthetic document written for the tests.\n", f"note: {json.dumps(NOTE)}\n")
    document.write_text(text, encoding="utf-8")
    return root


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_downloads_neutralise_formulas_and_dossier_json_keeps_the_value(hostile: Path) -> None:
    index = check(hostile)
    files = {d.path: d.text for d in downloads(index)}
    actors = {row["id"]: row for row in rows(files["downloads/actors.csv"])}
    assert actors["council"]["name"] == "'" + NAME
    assert actors["ministry"]["name"] == "Ministry of Talks"
    demands = {row["id"]: row for row in rows(files["downloads/demands.csv"])}
    assert demands["resume-talks"]["statement"] == "'" + STATEMENT
    documents = {row["id"]: row for row in rows(files["downloads/documents.csv"])}
    assert (documents["council-statement"]["summary"], documents["council-statement"]["note"]) == ("'" + SUMMARY, "'" + NOTE)
    assert demands["exchange-lists"]["statement"] == "Exchange lists of detainees"
    data = json.loads(files["downloads/dossier.json"])
    assert next(d for d in data["demands"] if d["id"] == "resume-talks")["statement"] == STATEMENT
    assert next(d for d in data["documents"] if d["id"] == "council-statement")["summary"] == SUMMARY


def test_the_matrix_csv_neutralises_formulas(hostile: Path) -> None:
    index = check(hostile)
    cells = stances.cells(index)
    [download] = matrix.downloads(matrix.compute(index, cells, agreement.compute(index)), index)
    council = [row for row in rows(download.text) if row["actor"] == "council"]
    assert council and all(row["actor_name"] == "'" + NAME for row in council)
    assert {row["demand_statement"] for row in rows(download.text) if row["demand"] == "resume-talks"} == {"'" + STATEMENT}


@pytest.mark.parametrize(
    ("date", "cell"),
    [
        ({"value": "2024", "approximate": True, "no_later_than": False}, "2024 (approximate)"),
        ({"value": "2024-07", "approximate": False, "no_later_than": True}, "2024-07 (no later than)"),
        ({"value": "2024-07-01", "approximate": False, "no_later_than": False}, "2024-07-01"),
    ],
)
def test_a_date_cell_says_whether_it_is_approximate_or_an_upper_bound(date: dict[str, object], cell: str) -> None:
    assert csv_cell(date) == cell


@pytest.fixture(scope="module")
def joint(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """The synthetic dossier with a joint statement, a stance on an instrument, relayed positions and instruments' issuers."""
    return check(write_joint(tmp_path_factory.mktemp("joint") / "sources"))


def test_dossier_json_carries_issuers_stances_on_instruments_relays_and_upper_bounds(joint: Index) -> None:
    data = json.loads({d.path: d.text for d in downloads(joint)}["downloads/dossier.json"])
    documents = {d["id"]: d for d in data["documents"]}
    assert (documents["joint-communique"]["issuer"], documents["joint-communique"]["issuers"]) == (None, ["council", "observer-state"])
    assert (documents["envoy-briefing"]["issuer"], documents["envoy-briefing"]["issuers"]) == ("envoy", ["envoy"])
    assert documents["joint-communique"]["provenance"] == "own-publication"
    claims = {(c["document"], c["id"]): c for c in data["claims"]}
    on = claims["joint-communique", "ev-council-ministry-declaration"]
    assert (on["demand"], on["instrument"], on["stance"], on["actors"], on["instruments"]) == (
        None,
        "ministry-declaration",
        "opposes",
        ["council", "observer-state"],
        [],
    )
    relayed = claims["envoy-briefing", "ev-women-forum-release-detainees"]
    assert (relayed["relayed_by"], relayed["speaker"], relayed["date_from_document"]) == ("envoy", None, True)
    assert relayed["date"] == {"value": "2024-09-02", "approximate": False, "no_later_than": True, "note": None, "precision": "day"}
    earlier = claims["envoy-briefing", "ev-women-forum-resume-talks"]
    assert (earlier["date"]["value"], earlier["date"]["no_later_than"], earlier["date_from_document"]) == ("2024-07", True, False)
    plain = claims["council-statement", "ev-council-resume-talks"]
    assert (plain["instrument"], plain["relayed_by"], plain["date"]["no_later_than"]) == (None, None, False)
    positions = [(p["document"], p["claim"], p["actor"], p["demand"], p["instrument"], p["relayed_by"]) for p in data["positions"]]
    assert positions[-6:] == [
        ("envoy-briefing", "ev-women-forum-release-detainees", "women-forum", "release-detainees", None, "envoy"),
        ("envoy-briefing", "ev-women-forum-resume-talks", "women-forum", "resume-talks", None, "envoy"),
        ("joint-communique", "ev-council-ministry-declaration", "council", None, "ministry-declaration", None),
        ("joint-communique", "ev-council-ministry-declaration", "observer-state", None, "ministry-declaration", None),
        ("joint-communique", "ev-council-resume-talks", "council", "resume-talks", None, None),
        ("joint-communique", "ev-council-resume-talks", "observer-state", "resume-talks", None, None),
    ]
    assert {p["basis"] for p in data["positions"]} <= {"quoted", "own-publication", "reported", "characterised"}, "authorship is not a claim's position"
    columns = ["actor", "basis", "basis_class", "history_step", "instrument", "joint_document", "period", "source", "stance", "status"]
    assert [list(row) for row in data["instrument_issuers"]] == [columns] * 3
    assert [(r["instrument"], r["actor"], r["status"], r["source"], r["stance"], r["basis"]) for r in data["instrument_issuers"]] == [
        ("ministry-declaration", "ministry", "issued", "joint-communique", "supports", "authorship"),
        ("talks-charter", "council", "signed", "joint-communique", "supports", "authorship"),
        ("talks-charter", "observer-state", "signed", "joint-communique", "supports", "authorship"),
    ]
    # Each issuer's support is counted in its instrument's period, as the agreement view places it.
    placed = {(p.instrument, p.actors[0]): weighed.place(p, periods_from(None, joint.positions), {}) for p in joint.positions if p.authorship}
    assert {(r["instrument"], r["actor"]): r["period"] for r in data["instrument_issuers"]} == {k: p and p.name for k, p in placed.items()}
    assert [r["period"] for r in data["instrument_issuers"]] == ["2024", None, None], "the talks charter is undated: in no period"
    # As a position has them: first-hand, and the joint communiqué a joint document (its two parties' joint claims, the ministry's
    # authorship, the charter's two signatories); no step: no issuer took an earlier dated stand on its instrument.
    assert {(r["basis_class"], r["joint_document"], r["history_step"]) for r in data["instrument_issuers"]} == {("first-hand", "joint-communique", None)}
    # Exactly the authorship the site counts as positions.
    authored = {(p.instrument, p.actors, p.document) for p in joint.positions if p.authorship}
    assert authored == {(r["instrument"], (r["actor"],), r["source"]) for r in data["instrument_issuers"]}
    instruments = {i["id"]: i for i in data["instruments"]}
    assert instruments["talks-charter"]["issuers"] == [
        {"actor": "council", "status": "signed", "source": "joint-communique"},
        {"actor": "observer-state", "status": "signed", "source": "joint-communique"},
    ]


def test_the_csv_files_carry_them_too(joint: Index) -> None:
    files = {d.path: d.text for d in downloads(joint)}
    documents = {row["id"]: row for row in rows(files["downloads/documents.csv"])}
    assert (documents["joint-communique"]["issuer"], json.loads(documents["joint-communique"]["issuers"])) == ("", ["council", "observer-state"])
    assert (documents["council-statement"]["issuer"], json.loads(documents["council-statement"]["issuers"])) == ("council", ["council"])
    claims = {(row["document"], row["id"]): row for row in rows(files["downloads/claims.csv"])}
    on = claims["joint-communique", "ev-council-ministry-declaration"]
    assert (on["demand"], on["instrument"], on["date"]) == ("", "ministry-declaration", "2024-06-10")
    relayed = claims["envoy-briefing", "ev-women-forum-release-detainees"]
    assert (relayed["relayed_by"], relayed["date"], relayed["date_from_document"]) == ("envoy", "2024-09-02 (no later than)", "True")
    assert claims["envoy-briefing", "ev-women-forum-resume-talks"]["date"] == "2024-07 (no later than)"
    assert claims["council-statement", "ev-council-resume-talks"]["date"] == "2024 (approximate)"
    positions = [row for row in rows(files["downloads/positions.csv"]) if row["document"] != "council-statement"]
    assert [(p["actor"], p["demand"], p["instrument"], p["relayed_by"], p["date"]) for p in positions] == [
        ("women-forum", "release-detainees", "", "envoy", "2024-09-02 (no later than)"),
        ("women-forum", "resume-talks", "", "envoy", "2024-07 (no later than)"),
        ("council", "", "ministry-declaration", "", "2024-06-10"),
        ("observer-state", "", "ministry-declaration", "", "2024-06-10"),
        ("council", "resume-talks", "", "", "2024-06-10"),
        ("observer-state", "resume-talks", "", "", "2024-06-10"),
    ]
    issuers = rows(files["downloads/instrument_issuers.csv"])
    assert list(issuers[0]) == ["instrument", "actor", "status", "source", "stance", "basis", "basis_class", "joint_document", "period", "history_step"]
    assert [tuple(row.values()) for row in issuers] == [
        ("ministry-declaration", "ministry", "issued", "joint-communique", "supports", "authorship", "first-hand", "joint-communique", "2024", ""),
        ("talks-charter", "council", "signed", "joint-communique", "supports", "authorship", "first-hand", "joint-communique", "", ""),
        ("talks-charter", "observer-state", "signed", "joint-communique", "supports", "authorship", "first-hand", "joint-communique", "", ""),
    ]
    instruments = {row["id"]: row for row in rows(files["downloads/instruments.csv"])}
    assert json.loads(instruments["ministry-declaration"]["issuers"]) == [{"actor": "ministry", "source": "joint-communique", "status": "issued"}]


def test_a_dossier_without_issuers_still_writes_the_issuers_table() -> None:
    files = {d.path: d.text for d in downloads(check(MINI))}
    assert files["downloads/instrument_issuers.csv"] == "instrument,actor,status,source,stance,basis,basis_class,joint_document,period,history_step\n"
    assert json.loads(files["downloads/dossier.json"])["instrument_issuers"] == []


def test_arabic_names_statements_and_descriptions_reach_dossier_json_and_the_csv_files(tmp_path: Path) -> None:
    """Each beside its English counterpart: in dossier.json with its provenance, in the CSV as its value, and in `facts` as the editors'."""
    files = {d.path: d.text for d in downloads(check(write_arabic(tmp_path / "sources")))}
    data = json.loads(files["downloads/dossier.json"])
    facts = {(f["kind"], f["entity"], f["field"]): f for f in data["facts"]}
    for path, (_, field, value) in ARABIC.items():
        kind, _, entity = path.removesuffix(".md").partition("/")
        record = next(r for r in data[kind] if r["id"] == entity)
        assert record[field] == {"value": value, "source": None, "editorial": "Synthetic test fixture; the editors' Arabic."}
        assert (facts[kind, entity, field]["value"], facts[kind, entity, field]["source"]) == (value, None)
        assert next(row for row in rows(files[f"downloads/{kind}.csv"]) if row["id"] == entity)[field] == value
    assert all(r["statement_ar"] is None for r in data["demands"] if r["id"] != "resume-talks"), "null where the file gives none"
