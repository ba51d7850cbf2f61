"""Publishing a build: the new folder takes the old one's place and the old one is gone."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.swap import swap_into_place


def test_new_site_replaces_the_old(tmp_path: Path) -> None:
    site, new = tmp_path / "site", tmp_path / "site.new"
    site.mkdir()
    (site / "old.html").write_text("old", encoding="utf-8")
    new.mkdir()
    (new / "index.html").write_text("new", encoding="utf-8")
    swap_into_place(new, site)
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert not new.exists()
    assert not (tmp_path / "site.old").exists()


def test_first_build_is_moved_into_place(tmp_path: Path) -> None:
    new = tmp_path / "site.new"
    new.mkdir()
    swap_into_place(new, tmp_path / "site")
    assert (tmp_path / "site").is_dir() and not new.exists()


def test_missing_build_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        swap_into_place(tmp_path / "nothing", tmp_path / "site")
