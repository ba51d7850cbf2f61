"""Golden cases: a tree of sources in, the exact problems out (`tests/cases/*.yaml`); `warnings:` when only warnings are.

Each case names a base fixture (copied first), files to write over it, files to
delete, and every problem expected, as `path:line:col: message — hint`.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from unittest.mock import patch

import pytest
import yaml

from build_scripts import body, frontmatter
from build_scripts.pipeline import check
from build_scripts.problems import SourceError

from .conftest import DATA

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def make_tree(case: dict, root: Path) -> Path:
    """Write a case's sources under `root`/sources and return that folder."""
    sources = root / "sources"
    if case.get("base"):
        shutil.copytree(DATA / case["base"] / "sources", sources)
    sources.mkdir(exist_ok=True)
    for name in case.get("delete", []):
        (sources / name).unlink()
    for name, text in case.get("files", {}).items():
        (sources / name).parent.mkdir(parents=True, exist_ok=True)
        (sources / name).write_text(text, encoding="utf-8")
    for name, size in case.get("padded_files", {}).items():  # valid front matter, padded to `size` bytes
        head = b"---\nname: Padded\ntype: ngo\n---\n"
        (sources / name).write_bytes(head + b"x" * (size - len(head)))
    for name, text in case.get("raw_files", {}).items():  # bytes written as \\xNN escapes
        (sources / name).parent.mkdir(parents=True, exist_ok=True)
        (sources / name).write_bytes(text.encode("latin-1"))
    return sources


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_case(case_file: Path, tmp_path: Path) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    sources = make_tree(case, tmp_path)
    expected = case.get("problems", [])
    if not expected:  # sound sources: the build goes on, with exactly the case's warnings (none unless it lists some)
        assert [str(w) for w in check(sources).warnings] == case.get("warnings", [])
        return
    with pytest.raises(SourceError) as caught:
        check(sources)
    assert [str(p) for p in caught.value.problems] == expected


def test_there_are_many_cases() -> None:
    assert len(CASES) >= 50


def test_problems_are_sorted_and_counted(tmp_path: Path) -> None:
    sources = make_tree({"base": "mini", "files": {"demands/b.md": "nothing", "demands/a.md": ""}}, tmp_path)
    with pytest.raises(SourceError) as caught:
        check(sources)
    assert caught.value.report().splitlines() == [
        "sources/demands/a.md:1:1: file is empty — start it with front matter between two `---` lines",
        "sources/demands/b.md:1:1: file does not start with front matter — make the first line `---`, then the YAML fields, then another `---`",
        "2 problems found; nothing was written.",
    ]


def outcome(sources: Path) -> object:
    """The problems the check reports, or what it found in every body when it reports none."""
    try:
        index = check(sources)
    except SourceError as err:
        return [str(p) for p in err.problems]
    return {key: (b.text, b.found, b.missing, b.refused, b.unquoted) for key, b in index.bodies.items()}, index.claims, index.quotes, index.facts


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_case_the_detailed_way(case_file: Path, tmp_path: Path) -> None:
    """Every case gives the same outcome when each file is built node by node and each body rendered (no quick pass)."""
    sources = make_tree(yaml.safe_load(case_file.read_text(encoding="utf-8")), tmp_path)
    quick = outcome(sources)
    with patch.object(frontmatter, "_quick_data", return_value=None), patch.object(body, "plain_paragraphs", return_value=None):
        detailed = outcome(sources)
    assert quick == detailed
