"""The project's cache of generated files (build_scripts/cache.py): `.cache/dossier/` beside mkdocs.yml, one locked slot
per sources folder, stale slots removed, and nothing left in the system temp folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.cache import CACHE, claim, clean

from .conftest import MINI, ROOT, mkdocs_build_here


def _sources(tmp_path: Path, name: str = "sources") -> Path:
    folder = tmp_path / name
    folder.mkdir(parents=True)
    return folder


def test_two_claims_of_the_same_sources_get_slots_of_their_own(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    first = claim(tmp_path, sources)
    second = claim(tmp_path, sources)
    assert first.folder != second.folder and first.folder.parent == second.folder.parent == tmp_path / CACHE
    first.release()
    second.release()
    again = claim(tmp_path, sources)
    assert again.folder == first.folder, "a freed slot is taken again, its files reused"
    assert not second.folder.exists(), "the overflow slot, free, is removed"
    again.release()


def test_another_process_building_the_same_sources_never_shares_a_slot(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    code = "import sys; from pathlib import Path; from build_scripts.cache import claim; s = claim(Path(sys.argv[1]), Path(sys.argv[2])); print(s.folder, flush=True); sys.stdin.read()"
    other = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path), str(sources)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert other.stdout is not None
        theirs = Path(other.stdout.readline().strip())
        ours = claim(tmp_path, sources)
        assert theirs.is_dir() and ours.folder != theirs, "the slot another process holds is not taken"
        ours.release()
    finally:
        other.communicate("", timeout=30)
    again = claim(tmp_path, sources)
    assert again.folder == theirs, "the lock goes with the process that held it"
    again.release()


def test_slots_of_sources_that_are_gone_are_removed_unless_held(tmp_path: Path) -> None:
    gone, held, kept = _sources(tmp_path, "gone"), _sources(tmp_path, "held"), _sources(tmp_path, "kept")
    slots = [claim(tmp_path, folder) for folder in (gone, held, kept)]
    (slots[0].generated / "page.md").parent.mkdir(parents=True)
    (slots[0].generated / "page.md").write_text("a stub", encoding="utf-8")
    slots[0].release()
    slots[2].release()
    gone.rmdir()
    held.rmdir()
    claim(tmp_path, kept).release()
    assert not slots[0].folder.exists() and not (tmp_path / CACHE / f"{slots[0].folder.name}.lock").exists(), "a free slot of sources that are gone"
    assert slots[1].folder.exists(), "a slot a process holds stays, whatever its sources"
    assert slots[2].folder.exists(), "a slot of sources that are there stays, with its files for the next build"
    slots[1].release()


def test_a_build_keeps_its_generated_files_in_the_project_cache_and_nothing_in_the_system_temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    import tempfile

    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    mkdocs_build_here(sources, tmp_path / "site", monkeypatch)
    assert list(temp.iterdir()) == [], "nothing in the system temp folder"
    slots = [folder for folder in (ROOT / CACHE).iterdir() if folder.is_dir() and (folder / "sources").read_text(encoding="utf-8") == str(sources)]
    assert len(slots) == 1 and (slots[0] / "generated" / "actors" / "council.md").is_file(), "the stubs MkDocs read, in the project's cache"
    shutil.rmtree(sources)
    clean(ROOT / CACHE)
    assert not slots[0].exists(), "once the sources are gone, their slot is cleaned (each claim cleans first)"
