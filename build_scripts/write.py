"""Write stage: generated files go to disk only when their content changed.

A rebuild with nothing changed writes nothing, and a page whose content is the same
keeps its modification time, so `mkdocs serve --dirty` re-renders only the pages that
changed. Each file is written whole (a temporary file renamed into place), so a build
killed halfway leaves every file either old or new, never cut short. Files no longer
generated are removed: deleting an actor removes its page.

`Folder` is the other way to write: a sink that writes each data download into a folder as
it is made (`dossier export`), so that no download waits in memory for the others.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .export import Sink

MANIFEST = ".generated.json"
"""Each generated file's content hash, as last written: how a new process knows what is on disk without reading it."""


@dataclass
class Report:
    """What one write did: files written (new or changed), removed, and left as they were."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def _digest(content: str | bytes) -> str:
    return hashlib.blake2b(content.encode("utf-8") if isinstance(content, str) else content, digest_size=16).hexdigest()


def _holds(target: Path, digest: str) -> bool:
    """True when the file on disk already has this content (a folder without a manifest: the first run of a new process)."""
    try:
        return _digest(target.read_bytes()) == digest
    except OSError:
        return False


def _safe_path(folder: Path, path: str) -> Path:
    target = (folder / path).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise ValueError(f"generated file `{path}` would be written outside {folder}")
    return target


def write_changed(folder: Path, files: Iterable[tuple[str, str | bytes]]) -> Report:
    """Make `folder` hold exactly `files` (path, text or bytes), writing only those whose content differs from what is there."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / MANIFEST
    try:
        known: dict[str, str] = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    wanted: dict[str, str] = {}
    report = Report()
    for path, content in files:
        if path in wanted:
            raise ValueError(f"generated file `{path}` is produced twice")
        digest = wanted[path] = _digest(content)
        target = _safe_path(folder, path)
        if known.get(path, digest if path not in known and _holds(target, digest) else None) == digest and target.is_file():
            report.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        if isinstance(content, bytes):
            temporary.write_bytes(content)
        else:
            temporary.write_text(content, encoding="utf-8")
        os.replace(temporary, target)
        report.written.append(path)
    for path in sorted(set(known) - set(wanted)):
        stale = _safe_path(folder, path)
        if stale.is_file():
            stale.unlink()
            report.removed.append(path)
    if wanted != known or not manifest_path.exists():  # a rebuild with nothing changed writes nothing, the manifest included
        temporary = manifest_path.with_name(f"{MANIFEST}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(wanted, sort_keys=True, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, manifest_path)
    return report


class Folder(Sink):
    """A sink that writes each download into `root` as it is made, whole (a temporary file renamed into place), and keeps none."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root

    @contextmanager
    def file(self, path: str) -> Iterator[Path]:
        target = _safe_path(self.root, path)
        self.claim(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.unlink(missing_ok=True)  # left by a run that was killed: SQLite writes only to a new file
        try:
            yield temporary
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)

    @contextmanager
    def text(self, path: str) -> Iterator[TextIO]:
        with self.file(path) as target, target.open("w", encoding="utf-8", newline="") as out:
            yield out
