"""The preview hears of a save at once: `mkdocs serve`'s server is told of changes by the system (inotify), not by polling."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.inotify import InotifyObserver
from watchdog.observers.polling import PollingObserver

from build_scripts.watching import saves_observer as _saves_observer
from build_scripts.watching import told_at_once as _told_at_once


@pytest.fixture
def server(tmp_path: Path) -> LiveReloadServer:
    """MkDocs' own preview server, watching what `mkdocs serve` watches before the hook's `on_serve`: a folder and a file."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: synthetic\n", encoding="utf-8")
    made = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    made.watch(str(tmp_path / "docs"))
    made.watch(str(tmp_path / "mkdocs.yml"))
    made.watch(str(tmp_path / "docs"))  # watched twice: unwatched once, still watched
    return made


def wait_for_rebuild(server: LiveReloadServer) -> bool:
    """Whether the server wants a rebuild, waiting on its own condition (as its build loop does), 30 s at most."""
    with server._rebuild_cond:
        return bool(server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=30))


def test_the_server_is_told_of_a_save_by_the_system_and_keeps_every_watched_path(server: LiveReloadServer, tmp_path: Path) -> None:
    assert isinstance(server.observer, PollingObserver)
    watched = dict(server._watched_paths)

    _told_at_once(server, tmp_path / "docs")
    server.watch(str(tmp_path / "sources"))  # the hook's own folders come after: on the new observer too

    assert isinstance(server.observer, InotifyObserver)
    assert server._watched_paths == watched | {str(tmp_path / "sources"): 1}
    server.unwatch(str(tmp_path / "docs"))
    assert str(tmp_path / "docs") in server._watched_paths  # its count was kept
    server.observer.start()
    try:
        for saved in (tmp_path / "docs" / "page.md", tmp_path / "mkdocs.yml"):
            with server._rebuild_cond:
                server._want_rebuild = False
            saved.write_text("# Saved\n", encoding="utf-8")
            assert wait_for_rebuild(server), f"a save of {saved.name} was not heard"

    finally:
        server.observer.stop()
        server.observer.join()


def test_where_the_system_cannot_tell_of_changes_the_server_keeps_polling(server: LiveReloadServer, tmp_path: Path) -> None:
    polling = server.observer
    _told_at_once(server, tmp_path / "no such folder")  # inotify refuses it: as where the system has no inotify
    assert server.observer is polling


def test_reading_a_watched_file_is_not_a_change(tmp_path: Path) -> None:
    """A build reads the files the server watches: only what a save does is reported, or each build would start the next."""
    (tmp_path / "page.md").write_text("# Page\n", encoding="utf-8")
    heard: list[str] = []
    sentinel = threading.Event()

    class Recorder(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            heard.append(f"{type(event).__name__} {Path(str(event.src_path)).name}")
            if str(event.src_path).endswith("sentinel.md"):
                sentinel.set()

    observer = _saves_observer()
    observer.schedule(Recorder(), str(tmp_path), recursive=True)
    observer.start()
    try:
        (tmp_path / "page.md").read_text(encoding="utf-8")
        # One watch reports in order: once the later save is heard, whatever the read caused has been heard too.
        (tmp_path / "sentinel.md").write_text("saved\n", encoding="utf-8")
        assert sentinel.wait(timeout=30), "the save was not heard"
    finally:
        observer.stop()
        observer.join()
    assert heard and all(line.endswith("sentinel.md") or line.startswith("Dir") for line in heard), heard
