"""The preview hears of a save as it happens: an inotify observer for MkDocs' server, in place of its polling (Linux)."""

from __future__ import annotations

import ctypes
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.dossier")


def told_at_once(server: Any, probe: Path) -> None:
    """The server hears of a save as it happens (inotify), not at its next look at every watched file.

    MkDocs' server polls: every 0.5 s it lists and stats every file it watches (at 10,000 sources, tens of
    thousands), so a save waits up to half a second, plus the look itself, before its rebuild begins. Where
    the system cannot tell of changes (no inotify), the server keeps polling. Uses the server's `observer`
    attribute and `watch`/`unwatch` (MkDocs 1.6, the last 1.x: pinned); the paths MkDocs already watches
    (docs, mkdocs.yml, the theme) move to the new observer before it starts.
    """
    try:  # `probe`: a folder to watch, to learn whether the system tells of changes before the server relies on it
        inotify_probe(probe)
        observer = saves_observer()
    except (ImportError, AttributeError, OSError) as err:  # no inotify here (not Linux, or its limits reached): MkDocs' polling stays
        log.info("dossier: the preview polls for changes (%s)", err)
        return
    watched = dict(getattr(server, "_watched_paths", {}))
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = observer
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)


def saves_observer() -> Any:
    """An inotify observer that reports what a save does to a file (written, created, deleted, moved), as MkDocs' polling
    does, and not that a file was opened or read: MkDocs rebuilds on any event, and a build reads the files it watches."""
    from watchdog import events
    from watchdog.observers.api import ObservedWatch
    from watchdog.observers.inotify import InotifyObserver

    saves: list[type[events.FileSystemEvent]] = [
        *(events.FileCreatedEvent, events.FileDeletedEvent, events.FileModifiedEvent, events.FileMovedEvent, events.FileClosedEvent),
        *(events.DirCreatedEvent, events.DirDeletedEvent, events.DirModifiedEvent, events.DirMovedEvent),
    ]

    class Saves(InotifyObserver):
        def schedule(
            self,
            event_handler: events.FileSystemEventHandler,
            path: str | Path,
            *,
            recursive: bool = False,
            event_filter: list[type[events.FileSystemEvent]] | None = None,
            follow_symlink: bool = False,
        ) -> ObservedWatch:
            return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or saves, follow_symlink=follow_symlink)

    return Saves()


def inotify_probe(folder: Path) -> None:
    """Raise OSError unless the system can watch `folder` for changes (inotify; AttributeError where the C library has none)."""
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.inotify_init1(os.O_CLOEXEC)
    if fd < 0:
        raise OSError(ctypes.get_errno(), "inotify_init1 failed")
    try:
        if libc.inotify_add_watch(fd, str(folder).encode(), 0x00000002) < 0:  # IN_MODIFY
            raise OSError(ctypes.get_errno(), f"cannot watch {folder}")
    finally:
        os.close(fd)
