"""Load: the garbage collector pauses while the check builds its graph, and resumes whatever happens; progress goes to a callback."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from build_scripts.load import collector_paused
from build_scripts.pipeline import check
from build_scripts.problems import SourceError

from .conftest import DATA


def test_the_collector_resumes_after_a_check_and_leaves_nothing_frozen() -> None:
    assert gc.isenabled()
    check(DATA / "mini" / "sources")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_the_collector_resumes_after_a_check_that_fails(tmp_path: Path) -> None:
    (tmp_path / "demands").mkdir()
    (tmp_path / "demands" / "d.md").write_text("---\nstatement: [\n---\n", encoding="utf-8")
    with pytest.raises(SourceError):
        check(tmp_path)
    assert gc.isenabled()


def test_a_paused_collector_stays_paused_and_frozen_objects_stay_frozen() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            made = [[n] for n in range(100)]
        after = gc.get_freeze_count()
        # Someone else's frozen objects are left frozen (unfreezing would leave none), ours are not added
        # (101 lists). Not `==`: a frozen object freed meanwhile by reference counting leaves the count.
        assert 0 < after <= frozen
        assert made
    finally:
        gc.unfreeze()


def test_a_check_leaves_no_garbage_in_cycles_but_python_markdowns() -> None:
    """What the pause relies on: the objects a check makes are freed by reference counting alone.

    Python-Markdown leaves one small cycle per body it renders (a closure that calls itself), collected once the collector resumes.
    """
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        index = check(DATA / "mini" / "sources")
        del index
        gc.collect()
        functions = {f"{o.__module__}.{o.__qualname__}" for o in gc.garbage if callable(o)}
        assert {type(o).__name__ for o in gc.garbage} <= {"cell", "tuple", "function"}
        assert functions <= {"markdown.postprocessors.RawHtmlPostprocessor.run.<locals>.substitute_match"}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


def test_progress_hears_of_every_file_read_then_of_the_checks_and_nothing_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    """The library reports progress only to the callback it is given: the CLI decides whether a terminal shows it."""
    sources = DATA / "mini" / "sources"
    heard: list[tuple[str, int, int | None]] = []
    check(sources, lambda stage, done, total: heard.append((stage, done, total)))
    files = sum(1 for kind in sources.iterdir() for _ in kind.glob("*.md"))
    assert heard == [("reading", n, files) for n in range(1, files + 1)] + [("checking", 0, None)]
    assert capsys.readouterr() == ("", "")
