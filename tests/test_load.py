"""Load: the garbage collector pauses while the check builds its graph, and resumes whatever happens; progress goes to a callback."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from build_scripts.load import collector_paused
from build_scripts.pipeline import check
from build_scripts.problems import SourceError

from .conftest import DATA, ROOT


class _Node:
    """An object in a reference cycle with itself, which only the cyclic collector frees; a weak reference tells whether it still lives."""

    def __init__(self) -> None:
        self.me = self


def _cycle() -> weakref.ref[_Node]:
    return weakref.ref(_Node())


def test_the_collector_resumes_after_a_check_and_collects_what_was_made_meanwhile() -> None:
    """After a check, the collector is on again, and a cycle made while it was paused is collected (nothing made was left frozen)."""
    assert gc.isenabled()
    made: list[weakref.ref[_Node]] = []
    with collector_paused():
        made.append(_cycle())
        check(DATA / "mini" / "sources")
    assert gc.isenabled()
    gc.collect()
    assert made[0]() is None


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
    node = _Node()
    theirs = weakref.ref(node)
    gc.freeze()  # someone else keeps objects frozen (to share them with forked children, say)
    del node
    try:
        with collector_paused():
            ours = _cycle()
        gc.collect()
        assert theirs() is not None, "someone else's frozen objects stay frozen"
        assert ours() is None, "what was made meanwhile is not frozen with them"
    finally:
        gc.unfreeze()
    gc.collect()
    assert theirs() is None


def test_what_a_check_makes_is_freed_without_the_cyclic_collector() -> None:
    """What the pause relies on: the index a check makes, and the records in it, are freed by reference counting alone."""
    gc.collect()
    gc.disable()
    try:
        index = check(DATA / "mini" / "sources")
        alive = [weakref.ref(index), *(weakref.ref(record) for records in (index.sources.actors, index.sources.documents) for record in records.values())]
        del index
        assert [ref for ref in alive if ref() is not None] == []
    finally:
        gc.enable()


CYCLES = """import gc, json, sys
from pathlib import Path
from build_scripts.pipeline import check
gc.collect()
gc.disable()
gc.set_debug(gc.DEBUG_SAVEALL)
check(Path(sys.argv[1]))
gc.collect()
made = {getattr(o, "__module__", None) if callable(o) and not isinstance(o, type) else type(o).__module__ for o in gc.garbage}
print(json.dumps(sorted(str(module) for module in made)))
"""
"""In a fresh interpreter (no other thread making cycles meanwhile): the modules whose objects or functions a check left in cycles."""


def test_a_check_leaves_none_of_its_own_objects_in_cycles() -> None:
    """Nothing the dossier's code defines (records, the index, its functions) is in a cycle after a check: while the collector is
    paused, only small cycles of libraries' (Python-Markdown leaves one per body it renders) wait for it to resume."""
    result = subprocess.run([sys.executable, "-c", CYCLES, str(DATA / "mini" / "sources")], capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert [module for module in json.loads(result.stdout) if module.split(".")[0] == "build_scripts"] == []


def test_progress_hears_of_every_file_read_then_of_the_checks_and_nothing_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    """The library reports progress only to the callback it is given: the CLI decides whether a terminal shows it."""
    sources = DATA / "mini" / "sources"
    heard: list[tuple[str, int, int | None]] = []
    check(sources, lambda stage, done, total: heard.append((stage, done, total)))
    files = sum(1 for kind in sources.iterdir() for _ in kind.glob("*.md"))
    assert heard == [("reading", n, files) for n in range(1, files + 1)] + [("checking", 0, None)]
    assert capsys.readouterr() == ("", "")
