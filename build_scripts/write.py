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

from .exports.sink import Sink
from .load import Progress

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


def _file_digest(path: Path) -> str:
    """`_digest` of a file's bytes, read a block at a time (a download may be tens of megabytes)."""
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _holds(target: Path, digest: str) -> bool:
    """True when the file on disk already has this content (a folder without a manifest: the first run of a new process)."""
    try:
        return _file_digest(target) == digest
    except OSError:
        return False


def _known(folder: Path) -> dict[str, str]:
    try:
        known: dict[str, str] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    return known


def _safe_path(folder: Path, path: str) -> Path:
    """`folder / path`, refused unless `path` is relative and goes down only (the folder is the build's own: no links in it)."""
    parts = path.split("/")
    if path.startswith("/") or "\\" in path or any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"generated file `{path}` would be written outside {folder}")
    return folder.joinpath(*parts)


def write_changed(folder: Path, files: Iterable[tuple[str, str | bytes]], only_these: bool = False, written: Changed | None = None) -> Report:
    """Make `folder` hold exactly `files` (path, text or bytes), writing only those whose content differs from what is there.

    `only_these`: write these files the same way and leave every other file in the folder as it is.
    `written`: the files a `Changed` sink wrote into `folder` already, which it holds too.
    """
    folder.mkdir(parents=True, exist_ok=True)
    manifest_path = folder / MANIFEST
    known = _known(folder)
    wanted: dict[str, str] = dict(written.digests) if written is not None else {}
    report = Report(written=list(written.changed) if written is not None else [], unchanged=len(wanted) - len(written.changed) if written else 0)
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
    if only_these:
        wanted = {**known, **wanted}
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

    def __init__(self, root: Path, progress: Progress | None = None) -> None:
        super().__init__(progress)
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
            if self._replaces(path, temporary, target):
                os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)

    def _replaces(self, path: str, made: Path, target: Path) -> bool:
        """Whether the file just made at `made` takes the place of `target` (here, always)."""
        return True

    @contextmanager
    def text(self, path: str) -> Iterator[TextIO]:
        with self.file(path) as target, target.open("w", encoding="utf-8", newline="") as out:
            yield out


class Changed(Folder):
    """A `Folder` that replaces a file only when its content changed, for `write_changed` to keep in its manifest.

    What `mkdocs build` writes the downloads with: none waits in memory for the others, and one
    whose content is the same keeps its modification time (what `--dirty` needs).
    """

    def __init__(self, root: Path, progress: Progress | None = None, trust_manifest: bool = True) -> None:
        """`trust_manifest=False`: compare with the files on disk, not the manifest (another build may have written them since)."""
        super().__init__(root, progress)
        self.digests: dict[str, str] = {}
        self.changed: list[str] = []
        self._known = _known(root) if trust_manifest else {}

    def _replaces(self, path: str, made: Path, target: Path) -> bool:
        digest = self.digests[path] = _file_digest(made)
        if (self._known.get(path) == digest or (path not in self._known and _holds(target, digest))) and target.is_file():
            return False  # the same content: the file on disk stays as it is
        self.changed.append(path)
        return True
