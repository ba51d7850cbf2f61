"""`dossier export` writes each download as it is made: the same bytes as the build hands MkDocs, never all of them held at once.

The memory figure is traced allocations (tracemalloc), not time: the synthetic dossier is the
benchmark's (`tests/bench_corpus.py`, invented and labelled so).
"""

from __future__ import annotations

import shutil
import tracemalloc
from pathlib import Path

import pytest

from build_scripts import views
from build_scripts.exports.sink import Collected, Sink
from build_scripts.index import Index
from build_scripts.pages import Site
from build_scripts.pipeline import build_all, check, export_to, write_downloads
from build_scripts.problems import SourceError
from build_scripts.write import Folder

from .bench_corpus import write_corpus
from .conftest import MINI, ROOT

SITE = Site(site_url="https://example.org/dossier/", built="2024-05-06T07:08:09Z")
"""A published site's address and date, so that the feed and every absolute address are written too."""


DOCUMENTS = 300
"""Synthetic sources enough that the downloads together far outweigh the largest one and what writing one holds."""


def on_disk(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_export_writes_byte_for_byte_the_downloads_the_build_hands_to_mkdocs(tmp_path: Path) -> None:
    written = export_to(ROOT / "sources", tmp_path / "out", SITE)
    output = build_all(ROOT / "sources", SITE)
    handed = {d.path: d.text.encode("utf-8") for d in output.downloads} | {b.path: b.data for b in output.binaries}
    assert on_disk(tmp_path / "out") == handed
    assert sorted(written) == sorted(handed) and len(written) == len(set(written))
    assert {"downloads/dossier.db", "downloads/dossier.json", "feed.xml", "downloads/networks/actor-demand.gexf"} <= set(written)


def test_nothing_is_written_when_the_sources_have_a_problem(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "sources")
    (tmp_path / "sources" / "actors" / "council.md").write_text("---\nname: Council\ntype: not-a-type\n---\n", encoding="utf-8")
    with pytest.raises(SourceError):
        export_to(tmp_path / "sources", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def traced_peak(sink: Sink, index: Index, data: views.Downloadable) -> int:
    """Bytes allocated at the peak while every download is handed to `sink` (the check and the views done before)."""
    tracemalloc.start()
    try:
        write_downloads(sink, index, data, Site())
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_export_holds_one_download_at_a_time_not_all_of_them(tmp_path: Path) -> None:
    write_corpus(tmp_path / "sources", DOCUMENTS)
    index = check(tmp_path / "sources")
    data = views.downloadable(index, Site())
    mini = check(MINI)  # every kind of record, through every export once untraced: the exports' libraries are imported and warm
    write_downloads(Collected(), mini, views.downloadable(mini, Site()), Site())
    streamed = traced_peak(Folder(tmp_path / "out"), index, data)
    sizes = [len(content) for content in on_disk(tmp_path / "out").values()]
    held = traced_peak(Collected(), index, data)
    assert held > sum(sizes), "kept in memory for MkDocs, every download is held at once (the measure can see it)"
    assert streamed < sum(sizes) / 2, f"streamed: peak {streamed} bytes for {sum(sizes)} written (largest file {max(sizes)})"
