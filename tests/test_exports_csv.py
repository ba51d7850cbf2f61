"""A CSV cell that begins like a spreadsheet formula is kept as text, as the methodology promises; the other downloads keep the value as it is."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from build_scripts.export import csv_cell, downloads
from build_scripts.pipeline import check
from build_scripts.views import agreement, matrix, stances

from .conftest import MINI

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
    [download] = matrix.downloads(matrix.compute(index, cells, agreement.compute(index, cells)), index)
    council = [row for row in rows(download.text) if row["actor"] == "council"]
    assert council and all(row["actor_name"] == "'" + NAME for row in council)
    assert {row["demand_statement"] for row in rows(download.text) if row["demand"] == "resume-talks"} == {"'" + STATEMENT}
