"""The contributing guide's step-by-step walkthrough, followed literally: its commands run, its files written, its pages built."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from build_scripts.pipeline import build_all

from .conftest import ROOT

GUIDE = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")


def walkthrough() -> str:
    start = GUIDE.index("## Adding a source, step by step")
    return GUIDE[start : GUIDE.index("\n## ", start + 1)]


def commands(section: str) -> list[str]:
    return [line for block in re.findall(r"```sh\n(.*?)```", section, re.S) for line in block.splitlines() if line.strip()]


def files(section: str) -> dict[str, str]:
    return dict(re.findall(r"`(sources/[\w/.-]+\.md)`\n\n```markdown\n(.*?)```", section, re.S))


def test_the_walkthrough_scaffolds_fills_in_checks_and_previews(tmp_path: Path) -> None:
    section = walkthrough()
    steps, written = commands(section), files(section)
    assert [s.split()[1] if s.startswith(".venv") else s for s in steps] == [
        "new",
        "new",
        "check",
        "make serve",
    ], "the guide's steps: scaffold, scaffold, check, preview"
    assert len(written) == 2
    project = tmp_path / "project"
    shutil.copytree(ROOT / "sources", project / "sources")
    (project / ".venv").symlink_to(ROOT / ".venv")

    def run(command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-c", command], cwd=project, capture_output=True, text=True)

    for command in steps[:2]:  # 1. scaffold
        result = run(command)
        assert result.returncode == 0, result.stderr
    for path, text in written.items():  # 2. fill in: the scaffolds are where the guide says
        assert (project / path).exists(), f"`dossier new` did not write {path}"
        (project / path).write_text(text, encoding="utf-8")
    checked = run(steps[2])  # 3. check
    assert checked.returncode == 0, checked.stderr
    assert "no problems" in checked.stdout
    # 4. preview: the pages `make serve` serves are the pipeline's (MkDocs puts each in the theme: tests/test_site.py, test_mkdocs_hooks.py)
    pages = {page.path: page.html for page in build_all(project / "sources").pages}
    assert "Example Civic Forum backs Resolution 2254" in pages["sources/example-civic-forum-backs-resolution-2254.md"]
    assert "The Example Civic Forum calls for the full implementation of Resolution 2254" in pages["actors/example-civic-forum.md"]
    assert "http://127.0.0.1:8000/sources/example-civic-forum-backs-resolution-2254/" in section
