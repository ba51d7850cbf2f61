"""The preview's background full build: one long-lived thread, woken by requests, that returns every outcome as a value.

As MkDocs' own livereload builder (`LiveReloadServer._build_loop`): the thread checks and clears the
request under one `Condition`, so a request that lands while the builder decides to stop is never lost;
and any exception a build raises is logged with its traceback and kept as the build's result, so the
preview can show it instead of serving stale pages as if they were current.

Engine-neutral: nothing here knows of MkDocs.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from .problems import SourceError

Stats = dict[str, tuple[int, int]]
"""Files: path → (modification time in ns, size in bytes)."""
A = TypeVar("A")
T = TypeVar("T")
log = logging.getLogger("dossier.preview")
"""The preview's own log: its problems are shown, never counted as warnings that abort a `--strict` rebuild (see mkdocs_hooks.py)."""
STEP_TIMEOUT = 60.0
"""Seconds a background step waits for a foreground build that never said it ended (a safety net, not a schedule)."""


def snapshot(*paths: Path) -> Stats:
    """Every file under `paths` (a path may be a file) with its modification time and size; hidden files and folders left out, as the loader leaves them."""
    found: Stats = {}
    for path in paths:
        if path.is_file():
            stat = path.stat()
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    pending = [str(path) for path in paths if path.is_dir()]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    pending.append(entry.path)
                elif entry.is_file():
                    stat = entry.stat()
                    found[entry.path] = (stat.st_mtime_ns, stat.st_size)
    return found


def edited_documents(before: Stats, after: Stats, root: Path) -> list[str] | None:
    """The ids of the documents added or edited between two snapshots, when nothing else changed; None otherwise.

    A removed file, or a change to any other file (an actor, a template, a hand-written page, the configuration),
    needs a full build: other pages than the documents' own show it.
    """
    if before.keys() - after.keys():
        return None
    folder = os.path.join(str(root), "documents")
    edited = []
    for path, stat in after.items():
        if before.get(path) == stat:
            continue
        directory, name = os.path.split(path)
        if directory != folder or not name.endswith(".md"):
            return None
        edited.append(name.removesuffix(".md"))
    return sorted(edited)


class Cancelled(Exception):
    """Raised at a background build's next step once the build is no longer wanted (a foreground full build replaces it)."""


@dataclass(frozen=True)
class Done(Generic[T]):
    """What a background build made (or the exception it raised), and the snapshot of the files it read."""

    inputs: Stats
    result: T | Exception


class Builder(Generic[A, T]):
    """Runs `build(argument)` in one background thread, one build at a time; a request made meanwhile runs once the current build ends.

    `inputs()` is read just before each build (the result is of the files as it saw them); `ready()` is called
    once the builder has stopped with a result waiting for `take`. A build whose files changed while it ran is
    kept: the caller compares its inputs with the files'.
    """

    def __init__(
        self,
        build: Callable[[A], T],
        inputs: Callable[[], Stats],
        ready: Callable[[], None],
        condition: threading.Condition | None = None,
    ) -> None:
        self._build, self._inputs, self._ready = build, inputs, ready
        self._condition = condition or threading.Condition()
        """Held to read or change any field below (tests give one that lets them force an interleaving)."""
        self._wanted: tuple[A] | None = None  # the argument of the build asked for and not started yet
        self._building = False
        self._done: Done[T] | None = None
        self._holds = 0
        self._cancelled = False
        self._closed = False
        self._thread: threading.Thread | None = None

    def request(self, argument: A) -> None:
        """Ask for a build of the files as they will be when it starts (with the latest argument given)."""
        with self._condition:
            if self._closed:
                raise RuntimeError("the background builder was closed")
            self._wanted, self._cancelled = (argument,), False
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="dossier-background", daemon=True)
                self._thread.start()
            self._condition.notify_all()

    @property
    def busy(self) -> bool:
        """Whether a build runs or is asked for."""
        with self._condition:
            return self._building or self._wanted is not None

    def take(self) -> Done[T] | None:
        """The last finished build, once (None when there is none)."""
        with self._condition:
            done, self._done = self._done, None
            return done

    def hold(self) -> None:
        """The server builds in the foreground: the background build waits at its next step (`turn`), so the two never share the core Python runs on."""
        with self._condition:
            self._holds += 1

    def release(self) -> None:
        """Undo one `hold`; the background build goes on once every hold is released."""
        with self._condition:
            self._holds = max(0, self._holds - 1)
            self._condition.notify_all()

    def cancel(self) -> None:
        """Drop the build asked for, and stop the one running at its next step (its result is not kept)."""
        with self._condition:
            self._wanted = None
            self._cancelled = self._building
            self._condition.notify_all()

    def close(self) -> None:
        """Cancel, and end the thread once its build stops (the builder takes no more requests)."""
        with self._condition:
            self._closed = True
        self.cancel()

    def turn(self, *_: object) -> None:
        """Called by the build at each step (a file read, a view, a page, a download): wait while the foreground builds; `Cancelled` once it is not wanted."""
        with self._condition:
            self._condition.wait_for(lambda: not self._holds or self._cancelled, timeout=STEP_TIMEOUT)
            if self._cancelled:
                raise Cancelled

    def _loop(self) -> None:
        while True:
            with self._condition:
                # A build asked for while the foreground builds starts once it ends (its first step would wait anyway).
                self._condition.wait_for(lambda: (self._wanted is not None and not self._holds) or self._closed)
                if self._wanted is None:  # closed, with nothing asked for
                    return
                (argument,), self._wanted, self._building = self._wanted, None, True
            done = self._run(argument)
            with self._condition:  # deciding to stop and no longer building are one step: a request that lands after it is seen by the wait above
                if done is not None and not self._cancelled:
                    self._done = done
                    kept = True
                else:
                    kept = False
                self._cancelled = self._building = False
                stopped = self._wanted is None
            if stopped and kept:
                self._ready()

    def _run(self, argument: A) -> Done[T] | None:
        """One build: its result or the exception it raised (None when it was cancelled)."""
        inputs = self._inputs()
        try:
            return Done(inputs, self._build(argument))
        except Cancelled:
            log.info("dossier: the background build was stopped: a newer build replaces it")
            return None
        except SourceError as err:  # the sources' problems: the caller lists them (`path:line:col: …`), with no traceback to wade through
            return Done(inputs, err)
        except Exception as err:  # any other failure is the build's result: the caller shows it, and the thread lives on
            log.exception("dossier: the background build failed")
            return Done(inputs, err)
