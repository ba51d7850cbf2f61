"""Warnings: problems that stop nothing. `dossier check` prints them in every format and exits 0 on them alone.

Also what entity `sources` lists mean: a new document shows on the pages of the entities it names with no edit to
their files, and `check` warns about a `sources` entry that does not name the entity. All material is synthetic.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from build_scripts.cli import main
from build_scripts.pipeline import build_all

from .test_pipeline import CASES, make_tree


def case(name: str) -> dict:
    return yaml.safe_load(next(c for c in CASES if c.stem == name).read_text(encoding="utf-8"))


RENAMED = case("renamed_demand_still_resolves")
EXPECTED = RENAMED["warnings"]


def test_check_prints_warnings_marked_counts_them_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(make_tree(RENAMED, tmp_path))]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:-1] == EXPECTED and all(": warning: " in line for line in out[:-1])
    assert out[-1].startswith("1 documents, ") and ": no problems, 3 warnings; checked in " in out[-1]


def test_check_gives_each_warning_its_severity_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(make_tree(RENAMED, tmp_path)), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f"{p['path']}:{p['line']}:{p['column']}: {p['severity']}: {p['message']} — {p['hint']}" for p in data["problems"]] == EXPECTED
    assert ", 3 warnings; checked in " in data["summary"]


def test_check_annotates_warnings_as_github_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(make_tree(RENAMED, tmp_path)), "--format", "github"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "::warning file=sources/documents/council-statement.md,line=21,col=13,title=dossier check::"
        "`resume-talks` was renamed `resume-the-talks` — write `resume-the-talks`"
    )
    assert len(lines) == 4 and all(line.startswith("::warning ") for line in lines[:3])


def test_errors_and_warnings_together_exit_1_with_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = make_tree(RENAMED, tmp_path)
    (sources / "demands" / "exchange-lists.md").write_text("---\nstatement: Exchange lists\ntheme: proces\n---\nBody.\n", encoding="utf-8")
    assert main(["check", str(sources), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [p["severity"] for p in data["problems"]] == ["error", "warning", "warning", "warning"]
    assert data["summary"].startswith("1 problem and 3 warnings found; nothing was written.")
    assert main(["check", str(sources), "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::error file=sources/demands/exchange-lists.md,line=3,col=8,")


def test_a_new_document_shows_on_the_page_of_the_actor_it_names_with_no_edit_to_the_actor(tmp_path: Path) -> None:
    sources = make_tree({"base": "mini"}, tmp_path)
    actor_file = (sources / "actors" / "ministry.md").read_text(encoding="utf-8")
    before = next(p.html for p in build_all(sources).pages if p.path == "actors/ministry.md")
    (sources / "documents" / "ministry-reply.md").write_text(
        "---\ntitle: Synthetic reply of the Ministry\nkind: statement\nlanguage: en\nissuer: ministry\n"
        "summary: A synthetic reply, written for the tests.\nactors: [ministry, council]\n---\n"
        "The Ministry of Talks replies to the Council.\n",
        encoding="utf-8",
    )
    output = build_all(sources)
    after = next(p.html for p in output.pages if p.path == "actors/ministry.md")
    assert "ministry-reply" not in before and 'href="../../sources/ministry-reply/"' in after
    assert (sources / "actors" / "ministry.md").read_text(encoding="utf-8") == actor_file and output.warnings == []


def test_the_editor_task_in_the_guide_tells_warnings_from_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """VS Code's problem matcher of the guide: a `warning:` line gets the warning severity, an error line none (VS Code's default, error)."""
    import re

    guide = (Path(__file__).parent.parent / "docs" / "contributing.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", guide[guide.index("### In your editor") :], re.S)
    assert block
    pattern = json.loads(block.group(1))["tasks"][0]["problemMatcher"]["pattern"]
    sources = make_tree(RENAMED, tmp_path)
    (sources / "demands" / "exchange-lists.md").write_text("---\nstatement: Exchange lists\ntheme: proces\n---\nBody.\n", encoding="utf-8")
    assert main(["check", str(sources)]) == 1
    found = [re.match(pattern["regexp"], line) for line in capsys.readouterr().err.splitlines()[:-1]]
    assert all(found) and [m.group(pattern["severity"]) for m in found if m] == [None, "warning", "warning", "warning"]
    assert found[1] and found[1].group(pattern["message"]) == EXPECTED[0].split(": warning: ", 1)[1]


@pytest.mark.parametrize(
    ("reason", "doc", "named"),
    [
        ("the statement does not give the acronym", "statement", False),  # a one-word id is also a plain word
        ("`statement` gives it only as an adjective", "statement", True),
        ("council-statement has the words only inside the full name", "council-statement", True),
        ("as council-statement-2 says", "council-statement", False),  # inside a longer id
        ("see the-council-statement", "council-statement", False),
        ("the council-statements do not", "council-statement", False),  # inside a word
        ("(council-statement).", "council-statement", True),
        ("council-statement_b and council-statementé", "council-statement", False),  # any word character joins, as `\\w` does
        ("council-statement-2, then council-statement.", "council-statement", True),  # the second mention stands alone
    ],
)
def test_an_editors_reason_names_a_document_by_its_whole_id(reason: str, doc: str, named: bool) -> None:
    from build_scripts.validate import names_document

    assert names_document(reason, doc) is named
