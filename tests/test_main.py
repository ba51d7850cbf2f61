"""The command line: `python -m build_scripts check` reports problems and exits 1, never a traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.__main__ import main

from .conftest import MINI, ROOT
from .test_pipeline import CASES, make_tree

FAILING = [c for c in CASES if "problems:" in c.read_text(encoding="utf-8")]


def test_check_of_valid_sources_prints_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(MINI)]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(
        r"1 documents, 4 actors, 2 conferences, 3 demands, 1 instruments, 5 claims, 1 quotes, 6 editorial facts: no problems; checked in \d+\.\d s\n", out
    )


def test_check_lists_editorial_facts_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--editorial", str(MINI)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "actors/council: name_ar `المجلس المدني` — Synthetic test fixture; an Arabic name supplied by the editors." in lines
    assert "conferences/spring-talks: place `Geneva` — Synthetic test fixture; the statement does not say where the talks met." in lines
    assert len(lines) == 7 and "6 editorial facts: no problems; checked in" in lines[-1]


@pytest.mark.parametrize("case_file", FAILING, ids=[c.stem for c in FAILING])
def test_every_broken_case_exits_1_with_its_problems(case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    sources = make_tree(case, tmp_path)
    assert main(["check", str(sources)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[:-1] == case["problems"] + case.get("create", [])  # for several unknown ids, the commands that start them


def test_the_module_runs_as_a_program() -> None:
    result = subprocess.run([sys.executable, "-m", "build_scripts", "check", str(ROOT / "sources")], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert ": no problems; checked in " in result.stdout.splitlines()[-1]
