"""The wheel works away from the repo: it holds every module and data file of `build_scripts`, and run from it
alone (unpacked, on PYTHONPATH) the dossier checks, exports and builds a dossier (the mini fixture, which has every kind
of record) with its own templates, theme and hook. Built offline: no build isolation, no index.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import MINI, ROOT

PACKAGE = "build_scripts"


def shipped() -> list[str]:
    """The files of the package in the source tree: tracked, or new and not ignored (caches and editors' files are)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", PACKAGE], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return sorted(path for path in listed.split("\0") if path and (ROOT / path).is_file())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the package's files (so no build/ or egg-info lands in the checkout)."""
    top = tmp_path_factory.mktemp("packaging")
    source = top / "source"
    for path in [*shipped(), "pyproject.toml", "README.md"]:
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, source / path)
    offline = ["--no-deps", "--no-build-isolation", "--no-index", "--disable-pip-version-check"]  # nothing fetched, pip's own version check included
    command = [sys.executable, "-m", "pip", "wheel", *offline, "--quiet", "--wheel-dir", str(top / "dist"), "."]
    result = subprocess.run(command, cwd=source, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = (top / "dist").glob("dossier-*.whl")
    return built


@pytest.fixture(scope="module")
def unpacked(wheel: Path) -> Path:
    folder = wheel.parent.parent / "unpacked"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(folder)
    return folder


@pytest.fixture(scope="module")
def python(unpacked: Path) -> Path:
    """An interpreter that sees the unpacked wheel and the dependencies, but not the checkout.

    A virtual environment of its own whose one `.pth` line adds this one's site-packages as a plain folder: their
    `.pth` files are not run, so the checkout's editable install (a finder that falls back on the checkout for
    any module the wheel lacks) is not there to hide what the wheel is missing.
    """
    venv = unpacked.parent / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    (site_packages,) = venv.glob("lib/python*/site-packages")
    (site_packages / "dependencies.pth").write_text("".join(f"{path}\n" for path in site.getsitepackages()), encoding="utf-8")
    return venv / "bin" / "python"


def away(unpacked: Path) -> dict[str, str]:
    """The environment of a run from the wheel: the unpacked wheel on the path, nothing of the checkout's."""
    return {**os.environ, "PYTHONPATH": str(unpacked), "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "0"}


def test_the_wheel_holds_every_module_and_data_file_and_nothing_else(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt"))
    files = shipped()
    assert {f"{PACKAGE}/views/__init__.py", f"{PACKAGE}/exports/__init__.py", f"{PACKAGE}/theme/main.html"} <= set(files)
    assert sorted(set(files) - names) == [], "files of the package that the wheel lacks"
    (metadata,) = {name.split("/")[0] for name in names} - {PACKAGE}
    assert metadata.endswith(".dist-info"), "the package and its metadata, nothing else (no tests, no sources)"
    assert "dossier = build_scripts.__main__:main" in entry_points


def test_the_unpacked_wheel_imports_every_module_from_itself(python: Path, unpacked: Path, tmp_path: Path) -> None:
    probe = (
        "import importlib, pkgutil, build_scripts\n"
        "for m in pkgutil.walk_packages(build_scripts.__path__, 'build_scripts.'): importlib.import_module(m.name)\n"
        "import sys; print('\\n'.join(sorted(m.__file__ for n, m in sys.modules.items() if n.split('.')[0] == 'build_scripts')))\n"
    )
    result = subprocess.run([python, "-c", probe], cwd=tmp_path, env=away(unpacked), capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.split()
    assert len(loaded) == sum(1 for path in shipped() if path.endswith(".py")), "every module imported"
    assert all(Path(path).is_relative_to(unpacked) for path in loaded), [p for p in loaded if not Path(p).is_relative_to(unpacked)]


def test_the_unpacked_wheel_checks_and_exports_a_dossier(python: Path, unpacked: Path, tmp_path: Path) -> None:
    def dossier(*words: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([python, "-m", PACKAGE, *words], cwd=tmp_path, env=away(unpacked), capture_output=True, text=True, check=False)

    checked = dossier("check", str(MINI))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    exported = dossier("export", str(tmp_path / "exported"), str(MINI))
    assert exported.returncode == 0, exported.stdout + exported.stderr
    assert {"dossier.json", "dossier.db"} <= {path.name for path in (tmp_path / "exported").rglob("*")}


def test_mkdocs_builds_a_dossier_with_the_wheels_templates_theme_and_hook(python: Path, unpacked: Path, tmp_path: Path) -> None:
    package = unpacked / PACKAGE
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for repo_path, wheel_path in [
        ("custom_dir: build_scripts/theme", f"custom_dir: {package / 'theme'}"),
        ("  - build_scripts/mkdocs_hooks.py", f"  - {package / 'mkdocs_hooks.py'}"),
        ("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}"),
        ("  - build_scripts\n", f"  - {package}\n"),
    ]:
        assert repo_path in config, f"mkdocs.yml no longer says {repo_path!r}"
        config = config.replace(repo_path, wheel_path, 1)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    built = tmp_path / "site"
    command = [python, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml"), "--site-dir", str(built)]
    env = {**away(unpacked), "DOSSIER_SOURCES": str(MINI), "TMPDIR": str(tmp_path)}
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    actor = next((built / "actors").glob("*/index.html")).read_text(encoding="utf-8")
    assert 'role="dialog" aria-label=' in actor, "the theme's own search partial (build_scripts/theme/partials/search.html)"
    assert 'class="md-skip"' in actor, "the theme's main.html: a skip link on generated pages"
