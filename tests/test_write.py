"""The write stage: generated files reach the disk only when their content changed; stale ones go."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_scripts.write import MANIFEST, Changed, Folder, write_changed


def mtimes(folder: Path, manifest: bool = False) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in sorted(folder.rglob("*")) if p.is_file() and (manifest or p.name != MANIFEST)}


def test_a_rewrite_with_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    files = [("actors/a.md", "A"), ("actors/b.md", "B"), ("downloads/x.csv", "x")]
    first = write_changed(tmp_path, files)
    assert first.written == ["actors/a.md", "actors/b.md", "downloads/x.csv"]
    before = mtimes(tmp_path, manifest=True)
    again = write_changed(tmp_path, files)
    assert (again.written, again.removed, again.unchanged) == ([], [], 3)
    assert mtimes(tmp_path, manifest=True) == before, "nothing is written, not even the manifest"


def test_only_the_changed_file_is_written_and_a_stale_one_removed(tmp_path: Path) -> None:
    write_changed(tmp_path, [("a.md", "A"), ("b.md", "B"), ("gone.md", "G")])
    before = mtimes(tmp_path)
    report = write_changed(tmp_path, [("a.md", "A"), ("b.md", "B, edited")])
    assert (report.written, report.removed, report.unchanged) == (["b.md"], ["gone.md"], 1)
    after = mtimes(tmp_path)
    assert after["a.md"] == before["a.md"] and "gone.md" not in after
    assert (tmp_path / "b.md").read_text(encoding="utf-8") == "B, edited"


def test_a_new_process_without_a_manifest_compares_with_the_disk(tmp_path: Path) -> None:
    write_changed(tmp_path, [("a.md", "A")])
    (tmp_path / MANIFEST).unlink()
    before = mtimes(tmp_path)
    assert write_changed(tmp_path, [("a.md", "A")]).written == []
    assert mtimes(tmp_path) == before


def test_a_file_changed_on_disk_behind_the_manifest_is_rewritten(tmp_path: Path) -> None:
    write_changed(tmp_path, [("a.md", "A")])
    (tmp_path / "a.md").unlink()
    assert write_changed(tmp_path, [("a.md", "A")]).written == ["a.md"]


def test_nothing_is_left_half_written(tmp_path: Path) -> None:
    write_changed(tmp_path, [("a.md", "A" * 10_000)])
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("path", ["../outside.md", "/etc/outside.md"])
def test_a_path_outside_the_folder_is_refused(tmp_path: Path, path: str) -> None:
    with pytest.raises(ValueError, match="outside"):
        write_changed(tmp_path / "generated", [(path, "x")])
    assert not (tmp_path / "outside.md").exists()


def test_a_path_produced_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="twice"):
        write_changed(tmp_path, [("a.md", "A"), ("a.md", "B")])


def test_unchanged_files_keep_their_time_for_dirty_builds(tmp_path: Path) -> None:
    write_changed(tmp_path, [("a.md", "A"), ("b.md", "B")])
    old = 1_000_000_000
    for name in ("a.md", "b.md"):
        os.utime(tmp_path / name, ns=(old, old))
    write_changed(tmp_path, [("a.md", "A"), ("b.md", "B2")])
    assert (tmp_path / "a.md").stat().st_mtime_ns == old
    assert (tmp_path / "b.md").stat().st_mtime_ns > old


def test_a_folder_sink_writes_each_download_whole_or_leaves_the_old_one(tmp_path: Path) -> None:
    with Folder(tmp_path).text("downloads/a.csv") as out:
        out.write("old\n")
    with pytest.raises(RuntimeError), Folder(tmp_path).text("downloads/a.csv") as out:
        out.write("new, cut short")
        raise RuntimeError("the producer failed halfway")
    assert (tmp_path / "downloads" / "a.csv").read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in (tmp_path / "downloads").iterdir()] == ["a.csv"], "no temporary file is left behind"


def test_a_folder_sink_refuses_a_download_twice_and_a_path_outside(tmp_path: Path) -> None:
    sink = Folder(tmp_path / "out")
    with sink.file("downloads/dossier.db") as path:
        assert not path.exists(), "a library that writes only new files (SQLite's VACUUM INTO) is given a free path"
        path.write_bytes(b"db")
    with pytest.raises(ValueError, match="twice"), sink.text("downloads/dossier.db"):
        pass
    with pytest.raises(ValueError, match="outside"), sink.text("../outside.csv"):
        pass
    assert sink.paths == ["downloads/dossier.db"] and (tmp_path / "out" / "downloads" / "dossier.db").read_bytes() == b"db"


def _downloads(folder: Path, files: dict[str, str]) -> Changed:
    sink = Changed(folder)
    for path, text in files.items():
        with sink.text(path) as out:
            out.write(text)
    return sink


def test_a_changed_only_sink_replaces_only_the_downloads_whose_content_changed_and_the_manifest_keeps_them(tmp_path: Path) -> None:
    first = _downloads(tmp_path, {"downloads/a.csv": "a\n", "downloads/b.json": "[]"})
    report = write_changed(tmp_path, [("actors/x.md", "X")], written=first)
    assert sorted(report.written) == ["actors/x.md", "downloads/a.csv", "downloads/b.json"]
    old = 1_000_000_000
    for name in ("a.csv", "b.json"):
        os.utime(tmp_path / "downloads" / name, ns=(old, old))
    again = _downloads(tmp_path, {"downloads/a.csv": "a\n", "downloads/b.json": "[1]"})
    assert again.changed == ["downloads/b.json"]
    report = write_changed(tmp_path, [("actors/x.md", "X")], written=again)
    assert (report.written, report.removed, report.unchanged) == (["downloads/b.json"], [], 2)
    assert (tmp_path / "downloads" / "a.csv").stat().st_mtime_ns == old, "the same content keeps its time (what --dirty needs)"
    assert (tmp_path / "downloads" / "b.json").read_text(encoding="utf-8") == "[1]"
    assert [p.name for p in (tmp_path / "downloads").iterdir() if p.name.endswith(".tmp")] == []
    gone = _downloads(tmp_path, {"downloads/a.csv": "a\n"})
    assert write_changed(tmp_path, [("actors/x.md", "X")], written=gone).removed == ["downloads/b.json"], "a download no longer made goes"


def test_a_changed_only_sink_in_a_new_process_without_a_manifest_compares_with_the_disk(tmp_path: Path) -> None:
    write_changed(tmp_path, [], written=_downloads(tmp_path, {"downloads/a.csv": "a\n"}))
    (tmp_path / MANIFEST).unlink()
    assert _downloads(tmp_path, {"downloads/a.csv": "a\n"}).changed == []
    assert _downloads(tmp_path, {"downloads/a.csv": "b\n"}).changed == ["downloads/a.csv"]
