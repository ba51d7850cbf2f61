"""`make bench` keeps working: its synthetic corpus is valid in today's format (no timing is asserted)."""

from __future__ import annotations

from pathlib import Path

from build_scripts.pipeline import build_all, check

from .bench_pipeline import write_corpus


def test_the_benchmark_corpus_checks_and_renders(tmp_path: Path) -> None:
    write_corpus(tmp_path / "sources", 20)
    index = check(tmp_path / "sources")
    assert len(index.sources.documents) == 20 and len(index.claims) == 80
    assert len(build_all(tmp_path / "sources").pages) > 20
