"""The preview's background builder (build_scripts/background.py): one build at a time, no request lost, every failure a result.

Interleavings are forced, never timed: the builder is given a `Condition` that lands a request exactly when the
builder lets go of its lock, and tests wait on events with generous bounds.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest

from build_scripts.background import Builder, Cancelled
from build_scripts.problems import Problem, SourceError

WAIT = 30.0
"""An upper bound for events that come at once on an idle machine (never a timing the test measures)."""


class Files:
    """The files a build reads, as a counter the test moves on: what `inputs()` sees."""

    def __init__(self) -> None:
        self.version = 1

    def __call__(self) -> dict[str, tuple[int, int]]:
        return {"f": (self.version, 0)}


class Ready:
    """`ready()`, counted: a test waits for the n-th call."""

    def __init__(self) -> None:
        self.calls = 0
        self.condition = threading.Condition()

    def __call__(self) -> None:
        with self.condition:
            self.calls += 1
            self.condition.notify_all()

    def wait(self, calls: int) -> bool:
        with self.condition:
            return self.condition.wait_for(lambda: self.calls >= calls, timeout=WAIT)


def idle(builder: Builder[Any, Any]) -> bool:
    """Wait until the builder neither builds nor has a build asked for."""
    deadline = threading.Event()
    timer = threading.Timer(WAIT, deadline.set)
    timer.start()
    try:
        while builder.busy and not deadline.is_set():
            deadline.wait(0.01)
        return not builder.busy
    finally:
        timer.cancel()


def test_a_build_asked_for_while_one_runs_runs_once_more_with_the_files_as_they_are_then() -> None:
    started, go_on = threading.Event(), threading.Event()
    files, ready, seen = Files(), Ready(), []

    def build(argument: str) -> int:
        version = files.version  # as the build reads its files, at its start
        started.set()
        assert go_on.wait(WAIT)
        seen.append((argument, version))
        return version

    builder: Builder[str, int] = Builder(build, files, ready)
    builder.request("first")
    assert started.wait(WAIT), "the build did not start"
    files.version = 2
    builder.request("second")
    builder.request("third")
    assert builder.busy
    go_on.set()
    assert ready.wait(1) and idle(builder)
    assert seen == [("first", 1), ("third", 2)], "the two requests made while the first build ran made one more build, with the latest argument"
    done = builder.take()
    assert done is not None and done.result == 2 and done.inputs == {"f": (2, 0)}
    assert builder.take() is None, "a result is taken once"
    assert ready.calls == 1, "ready once the builder stopped, not after each build"
    builder.close()


class Interleaving(threading.Condition):
    """A Condition that runs `landing()` once, just after the builder thread lets go of the lock for the first time once `armed` is set."""

    def __init__(self, landing: Callable[[], None]) -> None:
        super().__init__()
        self.landing, self.armed, self.landed = landing, threading.Event(), threading.Event()

    def __exit__(self, *args: Any) -> None:
        super().__exit__(*args)
        if self.armed.is_set() and not self.landed.is_set() and threading.current_thread().name == "dossier-background":
            self.landed.set()
            self.landing()


def test_a_request_that_lands_while_the_builder_decides_to_stop_is_honoured() -> None:
    """The builder's first release of its lock after a build is where it decides to stop: a request lands right there."""
    files, ready, builds = Files(), Ready(), []
    holder: list[Builder[str, int]] = []
    condition = Interleaving(lambda: holder[0].request("landed"))

    def build(argument: str) -> int:
        builds.append(argument)
        condition.armed.set()  # from the next release of the lock on: the build has returned
        return len(builds)

    builder: Builder[str, int] = Builder(build, files, ready, condition=condition)
    holder.append(builder)
    builder.request("first")
    assert ready.wait(2) and idle(builder), f"the builder stopped without the request that landed (builds: {builds})"
    assert condition.landed.is_set()
    assert builds == ["first", "landed"], "the request that landed during the decision to stop ran"
    done = builder.take()
    assert done is not None and done.result == 2
    builder.close()


def test_a_build_that_raises_returns_the_error_and_the_builder_lives_on(caplog: pytest.LogCaptureFixture) -> None:
    """Any exception (Graphviz missing, a template bug) is the build's result, logged with its traceback; the next request builds again."""
    files, ready = Files(), Ready()
    failures = [FileNotFoundError("dot: Graphviz is not installed (synthetic)")]

    def build(argument: str) -> str:
        if failures:
            raise failures.pop()
        return argument

    builder: Builder[str, str] = Builder(build, files, ready)
    with caplog.at_level(logging.ERROR, logger="dossier.preview"):
        builder.request("first")
        assert ready.wait(1) and idle(builder)
    done = builder.take()
    assert done is not None and isinstance(done.result, FileNotFoundError) and "Graphviz" in str(done.result)
    [record] = [r for r in caplog.records if r.name == "dossier.preview"]
    assert record.levelno == logging.ERROR and record.exc_info is not None, "logged with its traceback"
    builder.request("second")
    assert ready.wait(2) and idle(builder)
    done = builder.take()
    assert done is not None and done.result == "second", "the thread lived on"
    builder.close()


def test_a_build_that_finds_problems_in_the_sources_returns_them_with_no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    """The sources' problems are bad input, not a failure: the caller lists them (`path:line:col: …`); no traceback is logged."""
    files, ready = Files(), Ready()
    problem = Problem("sources/documents/a.md", 2, 14, "unknown field `not_a_field` (synthetic)", "check the spelling")

    def build(argument: str) -> str:
        raise SourceError([problem])

    builder: Builder[str, str] = Builder(build, files, ready)
    with caplog.at_level(logging.DEBUG, logger="dossier.preview"):
        builder.request("first")
        assert ready.wait(1) and idle(builder)
    done = builder.take()
    assert done is not None and isinstance(done.result, SourceError) and done.result.problems == [problem], "the problems are its result"
    assert not [r for r in caplog.records if r.exc_info is not None], "no traceback for the sources' problems"
    builder.close()


def _waiting_in_turn() -> bool:
    """Whether a builder's thread is blocked in `Builder.turn` (its stack, read from the interpreter: no timing)."""
    frames = sys._current_frames()
    for thread in threading.enumerate():
        frame = frames.get(thread.ident) if thread.name == "dossier-background" and thread.ident is not None else None
        names = []
        while frame is not None:
            names.append(frame.f_code.co_name)
            frame = frame.f_back
        if "turn" in names and "wait" in names[: names.index("turn")]:
            return True
    return False


def _until(condition: Callable[[], bool]) -> bool:
    stop = threading.Event()
    timer = threading.Timer(WAIT, stop.set)
    timer.start()
    try:
        while not condition() and not stop.is_set():
            stop.wait(0.01)
        return condition()
    finally:
        timer.cancel()


def test_a_build_waits_at_its_next_step_while_the_foreground_builds_and_holds_are_counted() -> None:
    steps: list[int] = []
    ready, entered, go = Ready(), threading.Event(), threading.Event()
    holder: list[Builder[None, int]] = []

    def build(_argument: None) -> int:
        entered.set()
        assert go.wait(WAIT)
        for n in range(3):
            holder[0].turn()
            steps.append(n)
        return len(steps)

    builder: Builder[None, int] = Builder(build, dict, ready)
    holder.append(builder)
    builder.request(None)
    assert entered.wait(WAIT)
    builder.hold()  # two foreground builds at once
    builder.hold()
    go.set()
    assert _until(_waiting_in_turn), "the build never reached its first step"
    builder.release()
    assert _until(_waiting_in_turn) and steps == [], "one of two holds released: the build still waits"
    builder.release()
    assert ready.wait(1), "released: the build goes on and ends"
    assert steps == [0, 1, 2]
    builder.close()


def test_a_cancelled_build_stops_at_its_next_step_and_leaves_no_result() -> None:
    ready, entered, go = Ready(), threading.Event(), threading.Event()
    holder: list[Builder[None, int]] = []
    stopped: list[bool] = []

    def build(_argument: None) -> int:
        entered.set()
        assert go.wait(WAIT)
        try:
            holder[0].turn()
        except Cancelled:
            stopped.append(True)
            raise
        return 1

    builder: Builder[None, int] = Builder(build, dict, ready)
    holder.append(builder)
    builder.request(None)
    assert entered.wait(WAIT)
    builder.hold()
    go.set()
    assert _until(_waiting_in_turn)
    builder.cancel()
    assert idle(builder) and stopped == [True]
    assert builder.take() is None and ready.calls == 0, "a cancelled build leaves nothing to swap in"
    builder.release()
    builder.request(None)
    assert ready.wait(1) and builder.take() is not None, "the builder takes requests after a cancel"
    builder.close()
