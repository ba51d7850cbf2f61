"""Shared fixtures: paths, golden-file updating, and building a site with MkDocs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "mini" / "sources"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def mkdocs_build(sources: Path, site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` of this project's mkdocs.yml over `sources` into `site`."""
    env = {**os.environ, "DOSSIER_SOURCES": str(sources), "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "--site-dir", str(site), *extra]
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT, check=False)


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sources built once with MkDocs, shared by the site and browser tests."""
    site = tmp_path_factory.mktemp("bundled") / "site"
    result = mkdocs_build(ROOT / "sources", site)
    assert result.returncode == 0, result.stderr
    return site
