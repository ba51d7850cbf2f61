"""`make serve` previews every edition from one server: each other edition is previewed by a companion process.

The server (`mkdocs serve` of mkdocs.yml) previews the English edition. For each other edition it starts a
companion (`Companion`): a process that previews that edition as the server previews the English one, with
the same hooks under `command="serve"` (`mkdocs_hooks.Dossier`, `live_preview.LivePreview`): an edit of
documents renders their pages at once and a full build follows in the background; the sources' problems
and any build error show in the edition's overlay (`<prefix>/dossier-problems.json`) over the last good
pages, which stay. It has no server of its own: it builds into the served folder (`<site>/<prefix>`) when a
file it is made from changes (told by inotify where the system can, else by a look every half second), and
then writes a file the server watches, which reloads the readers' pages in whichever edition they read.

A process of its own, as an edition's MkDocs build has its own state (the hook's, the theme's language).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from .background import Stats, snapshot
from .editions import EDITIONS, Edition
from .mkdocs_editions import edition_config, editions_of
from .views.templating import TEMPLATES
from .watching import inotify_probe, saves_observer

log = logging.getLogger("mkdocs.plugins.dossier")
POLL = 0.5
"""Seconds between two looks at the files an edition is made from, where the system cannot tell of changes (MkDocs' own interval)."""
SETTLE = 0.05
"""Seconds a save is given to finish (an editor writes a file in more than one step) before the edition is built again."""


class Companion:
    """Under `mkdocs serve` of mkdocs.yml: a process per other edition, previewing it into the served folder (`<site>/<prefix>`)."""

    def __init__(self, config: MkDocsConfig, ready: Path, dirty: bool) -> None:
        self.processes: list[subprocess.Popen[bytes]] = []
        for edition in editions_of(config)[1:]:
            command = [sys.executable, "-m", "build_scripts.companion", edition.language, str(config.config_file_path)]
            command += [str(Path(config.site_dir) / edition.prefix), str(ready / edition.language), "--dirty" if dirty else "--clean"]
            self.processes.append(subprocess.Popen(command, cwd=Path(config.config_file_path or ".").resolve().parent))

    def close(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:  # each keeps its edition's site for the next session (mkdocs_hooks' on_shutdown), then ends
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Saves:
    """Whether a watched file changed since the last `wait`: told by inotify where the system can, else by a look every POLL seconds."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.event = threading.Event()
        self.observer: Any = None
        self.seen: Stats | None = None
        try:
            inotify_probe(paths[0])
            self.observer = saves_observer()
            from watchdog.events import FileSystemEventHandler

            event = self.event

            class Told(FileSystemEventHandler):
                def on_any_event(self, _event: Any) -> None:
                    event.set()

            for path in paths:
                self.observer.schedule(Told(), str(path), recursive=path.is_dir())
            self.observer.start()
        except (ImportError, AttributeError, OSError) as err:  # no inotify here (not Linux, or its limits reached): a look every POLL seconds
            log.info("dossier: the edition's preview polls for changes (%s)", err)
            self.observer, self.seen = None, snapshot(*paths)

    def wait(self, seconds: float) -> bool:
        """Whether a file changed, waiting at most `seconds` to hear of it."""
        if self.observer is None:
            time.sleep(seconds)
            now = snapshot(*self.paths)
            changed, self.seen = now != self.seen, now
            return changed
        if not self.event.wait(seconds):
            return False
        while self.event.is_set():  # the save's other steps, then the files as they are once it has ended
            self.event.clear()
            time.sleep(SETTLE)
        return True

    def close(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join()


def preview(language: str, config_file: str, folder: Path, ready: Path, parent: int, dirty: bool) -> None:
    """The companion's loop: preview `language`'s edition into `folder`, build it again when its files change, say so in `ready`
    (which the server watches); until the server that started it (`parent`) is gone."""
    edition = EDITIONS[language]
    english = load_config(config_file=config_file)
    other = edition_config(english, edition, str(folder), strict=False)
    dossier = _dossier(other)
    # The server put the last session's whole site in its folder, this edition's old copy with it: the edition restores its own.
    shutil.rmtree(folder, ignore_errors=True)
    signal.signal(signal.SIGTERM, _stopped)  # the server stops it: the edition's site is kept for next time (on_shutdown)
    other.plugins.on_startup(command="serve", dirty=dirty)
    # Told of saves from before the first build: a file saved while it runs is built again right after.
    slot = dossier.claim(other).ready  # where the background build says it is ready
    slot.mkdir(parents=True, exist_ok=True)
    saves = Saves([Path(english.docs_dir), Path(config_file), TEMPLATES, slot, _sources(english)])
    try:
        while os.getppid() == parent:
            _build(other, dirty, edition)
            ready.parent.mkdir(parents=True, exist_ok=True)  # the server builds again (nothing changed for it: cheap) and reloads its readers' pages
            ready.write_text(f"{time.time_ns()}\n", encoding="utf-8")
            while os.getppid() == parent and not saves.wait(POLL) and (folder / "index.html").is_file():
                pass  # (a server without --dirty cleans its whole folder at each build, this edition's with it: built again)
            english = load_config(config_file=config_file)  # the configuration as it is now: the edition's preview starts anew when it changed
            other = edition_config(english, edition, str(folder), strict=False)
    finally:
        saves.close()
        other.plugins.on_shutdown()


class Stopped(BaseException):
    """The server stopped the companion (SIGTERM): raised through any build, which never catches it."""


def _stopped(_signal: int, _frame: Any) -> None:
    raise Stopped


def _build(config: MkDocsConfig, dirty: bool, edition: Edition) -> None:
    try:
        build(config, dirty=dirty)
    except (SystemExit, Exception) as err:  # the overlay shows what went wrong (mkdocs_hooks keeps the last good pages)
        log.warning("dossier: the %s edition was not built again: %s", edition.name, err)


def _dossier(config: MkDocsConfig) -> Any:
    """The hooks' state object of this process (mkdocs.yml's `hooks:`, loaded once by MkDocs, as under `mkdocs serve`)."""
    hooks: dict[str, ModuleType] = config["hooks"]
    return next(module.dossier for module in hooks.values() if hasattr(module, "dossier"))


def _sources(config: MkDocsConfig) -> Path:
    from .mkdocs_config import sources_dir  # imported late: it imports the pipeline

    return sources_dir(config)


if __name__ == "__main__":  # `python -m build_scripts.companion <language> <mkdocs.yml> <folder> <ready> --dirty|--clean`
    language_arg, config_arg, folder_arg, ready_arg, dirty_arg = sys.argv[1:6]
    logging.basicConfig(level=logging.INFO, format=f"%(levelname)-7s -  [{language_arg}] %(message)s")
    with contextlib.suppress(Stopped):
        preview(language_arg, config_arg, Path(folder_arg), Path(ready_arg), os.getppid(), dirty_arg == "--dirty")
