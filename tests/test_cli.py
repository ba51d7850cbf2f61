"""The `dossier` command line: every command documented with an example, check's three formats, new, export, stats."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from build_scripts.cli import _github, cli, main
from build_scripts.problems import Problem

from .conftest import MINI, ROOT
from .test_pipeline import CASES, make_tree

GUIDE = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example_and_is_in_the_contributing_guide(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"dossier {name}" in result.output
    assert f"`dossier {name}" in GUIDE, f"docs/contributing.md does not show `dossier {name}`"


def broken(tmp_path: Path) -> Path:
    case = yaml.safe_load(next(c for c in CASES if c.stem == "unknown_actor_in_claim").read_text(encoding="utf-8"))
    return make_tree(case, tmp_path), case["problems"]  # type: ignore[return-value]


def test_check_prints_json_with_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources, expected = broken(tmp_path)
    assert main(["check", str(sources), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [f"{p['path']}:{p['line']}:{p['column']}: {p['message']} — {p['hint']}" for p in data["problems"]] == expected
    assert data["summary"].startswith(f"{len(expected)} problem") and "Checked in" in data["summary"]


def test_check_prints_github_annotations_on_each_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources, expected = broken(tmp_path)
    assert main(["check", str(sources), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(expected) + 1 and all(line.startswith("::error file=") for line in lines[:-1])
    path, line, col = expected[0].split(":")[:3]
    assert lines[0].startswith(f"::error file={path},line={line},col={col},title=dossier check::")


def test_github_annotations_escape_what_would_end_them() -> None:
    annotation = _github(Problem("sources/a,b.md", 3, 4, "bad: 100%\nvalue", "fix, then save"))
    assert annotation == "::error file=sources/a%2Cb.md,line=3,col=4,title=dossier check::bad: 100%25%0Avalue — fix, then save"


def test_check_of_valid_sources_ends_with_a_summary_in_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(MINI), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["problems"] == []
    assert main(["check", str(MINI), "--format", "github"]) == 0
    assert "no problems; checked in" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["document", "actor", "conference", "demand", "instrument"])
def test_new_writes_every_field_and_check_points_at_what_to_fill_in(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    date = [] if kind in ("actor", "demand") else ["--date", "2024-06"]
    url = ["--url", "https://example.org/synthetic"] if kind == "document" else []
    assert main(["new", kind, "Synthetic Talks Über Everything", "--sources", str(sources), *date, *url]) == 0
    folder = "documents" if kind == "document" else f"{kind}s"
    path = sources / folder / "synthetic-talks-uber-everything.md"
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert "Synthetic Talks Über Everything" in front.values()
    if date:
        assert "2024-06" in front.values()
    if url:
        assert front["url"] == "https://example.org/synthetic"
    capsys.readouterr()
    assert main(["check", str(sources)]) == 1, "a new file has values only a maintainer can supply"
    problems = [line for line in capsys.readouterr().err.splitlines() if line.startswith(f"sources/{folder}/synthetic-talks")]
    assert problems, "check names the new file's missing values, with their lines"


@pytest.mark.parametrize("kind", ["document", "actor", "conference", "demand", "instrument"])
def test_the_golden_case_of_each_new_file_holds_what_dossier_new_writes(kind: str, tmp_path: Path) -> None:
    """`tests/cases/scaffolded_<kind>_checked_as_scaffolded.yaml` lists every problem of a new file; it must be the real one."""
    case = yaml.safe_load(next(c for c in CASES if c.stem == f"scaffolded_{kind}_checked_as_scaffolded").read_text(encoding="utf-8"))
    assert main(["new", kind, f"A synthetic {kind}", "--sources", str(tmp_path)]) == 0
    (name, text), *others = case["files"].items()
    assert not others and (tmp_path / name).read_text(encoding="utf-8") == text
    assert case["problems"] and all("None" not in problem for problem in case["problems"])


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    before = (sources / "actors" / "council.md").read_text(encoding="utf-8")
    assert main(["new", "actor", "Council", "--sources", str(sources)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (sources / "actors" / "council.md").read_text(encoding="utf-8") == before


def test_new_asks_for_an_id_when_the_title_gives_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "document", "بيان تجريبي", "--sources", str(tmp_path)]) == 2
    assert "--id" in capsys.readouterr().err
    assert main(["new", "document", "بيان تجريبي", "--id", "synthetic-statement", "--sources", str(tmp_path)]) == 0
    assert (tmp_path / "documents" / "synthetic-statement.md").exists()


def test_export_writes_the_downloads(tmp_path: Path) -> None:
    assert main(["export", str(tmp_path / "out"), str(MINI)]) == 0
    data = json.loads((tmp_path / "out" / "downloads" / "dossier.json").read_text(encoding="utf-8"))
    assert len(data["claims"]) == 5
    assert data["instrument_issuers"] == []  # the mini dossier's instrument names no issuer
    assert (tmp_path / "out" / "downloads" / "positions.csv").exists()
    assert (tmp_path / "out" / "downloads" / "instrument_issuers.csv").exists()


def test_stats_shows_what_is_thin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", str(MINI)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith("actors with no position") or " actors with no position" in line for line in out)
    assert any("demands voiced by only one actor" in line for line in out)
    assert out[-1].endswith("no problems")


def test_the_editor_task_in_the_guide_reads_check_s_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The VS Code task the contributing guide gives finds each problem's file, line, column and message."""
    import re

    block = re.search(r"```json\n(.*?)```", GUIDE[GUIDE.index("### In your editor") :], re.S)
    assert block
    task = json.loads(block.group(1))["tasks"][0]
    assert task["command"] == ".venv/bin/dossier check"
    pattern = task["problemMatcher"]["pattern"]
    sources, expected = broken(tmp_path)
    assert main(["check", str(sources)]) == 1
    lines = capsys.readouterr().err.splitlines()[:-1]
    found = [re.match(pattern["regexp"], line) for line in lines]
    assert all(found) and len(found) == len(expected)
    first = found[0]
    assert first and (first.group(pattern["file"]), first.group(pattern["line"]), first.group(pattern["column"])) == tuple(expected[0].split(":")[:3])
    assert first.group(pattern["message"]) == expected[0].split(": ", 1)[1]


def run(args: list[str], terminal: bool, **env: str) -> tuple[str, str, int]:
    """Run `dossier ARGS` in a child process, its stderr on a pseudo-terminal (or a pipe) and its stdout on a pipe.

    Outside CI (which shows no progress, even on a terminal), whether or not the tests run in CI; `env` adds to it.
    """
    command = [sys.executable, "-m", "build_scripts", *args]
    environment = {key: value for key, value in os.environ.items() if key != "CI"} | {"TERM": "xterm"} | env
    if not terminal:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, env=environment)
        return done.stdout, done.stderr, done.returncode
    master, slave = os.openpty()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=slave, env=environment)
    os.close(slave)
    received = b""
    while True:  # until the child's end of the terminal closes
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO on Linux once no process holds the terminal
            break
        if not chunk:
            break
        received += chunk
    os.close(master)
    out, _ = child.communicate(timeout=300)
    return out.decode("utf-8"), received.decode("utf-8"), child.returncode


def test_check_shows_progress_on_a_terminal_on_one_line_then_clears_it() -> None:
    out, terminal, code = run(["check", str(MINI)], terminal=True)
    assert code == 0
    files = sum(1 for kind in MINI.iterdir() for _ in kind.glob("*.md"))
    assert f"\rchecking 1/{files} files…\x1b[K" in terminal and f"\rchecking {files}/{files} files…\x1b[K" in terminal
    assert "\rchecking references, passages and facts…\x1b[K" in terminal
    assert "\n" not in terminal and terminal.endswith("\r\x1b[K"), "one line, rewritten in place, cleared at the end"
    assert out.splitlines() == [out.strip()] and "no problems; checked in" in out


def test_check_prints_problems_after_the_progress_is_cleared(tmp_path: Path) -> None:
    sources, expected = broken(tmp_path)
    _, terminal, code = run(["check", str(sources)], terminal=True)
    assert code == 1
    progress, _, printed = terminal.rpartition("\r\x1b[K")
    assert "checking" in progress and "\x1b" not in printed
    assert printed.replace("\r\n", "\n").splitlines()[: len(expected)] == expected


def test_stats_shows_progress_on_a_terminal_and_nothing_in_a_pipe() -> None:
    out, terminal, code = run(["stats", str(MINI)], terminal=True)
    assert code == 0 and "\rchecking 1/" in terminal and terminal.endswith("\r\x1b[K") and out.endswith("no problems\n")
    out, err, code = run(["stats", str(MINI)], terminal=False)
    assert code == 0 and err == "" and out.endswith("no problems\n")


@pytest.mark.parametrize("form", ["json", "github"])
def test_check_shows_no_progress_for_a_machine_format_even_on_a_terminal(form: str) -> None:
    out, terminal, code = run(["check", str(MINI), "--format", form], terminal=True)
    assert code == 0 and terminal == ""
    assert "no problems; checked in" in out


@pytest.mark.parametrize("env", [{"CI": "true"}, {"TERM": "dumb"}], ids=["CI", "dumb terminal"])
def test_check_shows_no_progress_in_ci_or_on_a_dumb_terminal(env: dict[str, str]) -> None:
    out, terminal, code = run(["check", str(MINI)], terminal=True, **env)
    assert code == 0 and terminal == "" and "no problems; checked in" in out


def test_check_and_export_in_a_pipe_print_nothing_but_the_summary(tmp_path: Path) -> None:
    out, err, code = run(["check", str(MINI)], terminal=False)
    assert code == 0 and err == "" and len(out.splitlines()) == 1 and "no problems; checked in" in out
    out, err, code = run(["export", str(tmp_path / "out"), str(MINI)], terminal=False)
    assert code == 0 and err == "" and out.splitlines() == [f"{len(list((tmp_path / 'out').rglob('*.*')))} files written to {tmp_path / 'out'}"]


def test_export_shows_each_download_on_a_terminal_then_clears_it(tmp_path: Path) -> None:
    out, terminal, code = run(["export", str(tmp_path / "out"), str(MINI)], terminal=True)
    assert code == 0 and out.endswith(f"files written to {tmp_path / 'out'}\n")
    assert "\rchecking 1/" in terminal and "\rwriting download 1…\x1b[K" in terminal  # the first of each step is always shown
    assert terminal.endswith("\r\x1b[K") and "\n" not in terminal
