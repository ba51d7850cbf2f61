"""Where a project keeps its generated files between builds: `.cache/dossier/` beside mkdocs.yml (git-ignored), never the system temp folder.

One slot per sources folder, each locked by the process that builds into it (an advisory `flock`, which the
system releases when the process ends, killed or not). A second process that builds the same sources at the
same time (a `make site` while `make serve` runs, two test workers) takes the next free slot, so no two
processes ever write the same files. Each claim removes the slots no process holds whose sources folder is
gone (a test's temporary folder), and overflow slots no process holds.

    .cache/dossier/<key>.lock       the slot's lock
    .cache/dossier/<key>/sources    the sources folder the slot is for
    .cache/dossier/<key>/generated/ the generated files MkDocs is given (write.py keeps it exact: stale files are removed)
    .cache/dossier/<key>/ready/     under `mkdocs serve`: the file a finished background build writes, which the server watches
    .cache/dossier/<key>/site/      under `mkdocs serve`: the pages the last session served (hard links), served at once by the next
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .swap import swap_into_place
from .write import MANIFEST

CACHE = Path(".cache") / "dossier"
"""The cache folder, relative to the folder of mkdocs.yml."""


@dataclass
class Slot:
    """One sources folder's generated files, held by this process until `release`."""

    folder: Path
    lock: IO[str]

    @property
    def generated(self) -> Path:
        return self.folder / "generated"

    @property
    def ready(self) -> Path:
        return self.folder / "ready"

    @property
    def site(self) -> Path:
        """Under `mkdocs serve`: the pages the last session served, kept when it stopped, for the next to serve at once."""
        return self.folder / "site"

    def previous(self) -> list[str] | None:
        """The generated files of the last build and the pages it served, if both are here: their paths (None otherwise)."""
        if not self.site.is_dir():
            return None
        return generated_paths(self.generated)

    def keep_site(self, site: Path) -> None:
        """Keep the served site's files for the next session: hard links where the system allows them, copies otherwise.

        Made beside, then swapped in whole: a server stopped midway leaves the last complete copy, never part of one.
        """
        new = self.site.with_name("site.new")
        shutil.rmtree(new, ignore_errors=True)
        _linked_copy(site, new)
        swap_into_place(new, self.site)

    def restore_site(self, site: Path) -> None:
        """Put the last session's pages into `site` (MkDocs' serve folder, empty), with their times: a --dirty build skips them."""
        _linked_copy(self.site, site)

    def owns(self, project: Path, sources: Path) -> bool:
        """Whether this is a slot of `sources` in `project`'s cache, still held."""
        recorded = (self.folder / "sources").read_text(encoding="utf-8") if (self.folder / "sources").is_file() else ""
        return not self.lock.closed and self.folder.parent == project / CACHE and recorded == str(sources.resolve())

    def release(self) -> None:
        """Let other processes have the slot (the files stay, for the next build to reuse)."""
        if not self.lock.closed:
            self.lock.close()


def _linked_copy(source: Path, target: Path) -> None:
    """`target` holds `source`'s files, as hard links (GNU `cp -al`, tens of times faster than Python's copytree on a site of
    tens of thousands of folders), or as copies with their times where links cannot be made."""
    target.mkdir(parents=True, exist_ok=True)
    cp = shutil.which("cp")
    if cp is not None and subprocess.run([cp, "-al", f"{source}/.", str(target)], capture_output=True, check=False).returncode == 0:
        return
    shutil.copytree(source, target, dirs_exist_ok=True)


def generated_paths(folder: Path) -> list[str] | None:
    """The files write.py last wrote into `folder`, from its manifest (None without one)."""
    try:
        known = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return sorted(known) if isinstance(known, dict) else None


def _locked(path: Path) -> IO[str] | None:
    """The lock file at `path`, opened and locked by this process; None when another holds it.

    A cleaner removes a lock file while it holds it: a lock taken on a file that is no longer at `path` is taken again.
    """
    while True:
        lock = path.open("a", encoding="utf-8")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            return None
        try:
            if os.stat(path).st_ino == os.fstat(lock.fileno()).st_ino:
                return lock
        except FileNotFoundError:
            pass
        lock.close()


def claim(project: Path, sources: Path, edition: str = "en") -> Slot:
    """The slot of `sources` in `project`'s cache (the first free one), locked; stale slots are removed first.

    `edition`: the language of the edition built into it; each edition has slots of its own (they build at the same time).
    """
    base = project / CACHE
    base.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256((str(sources.resolve()) + ("" if edition == "en" else f"\0{edition}")).encode()).hexdigest()[:16]
    clean(base)
    number = 0
    while True:
        name = key if number == 0 else f"{key}-{number}"
        lock = _locked(base / f"{name}.lock")
        if lock is not None:
            folder = base / name
            folder.mkdir(exist_ok=True)
            (folder / "sources").write_text(str(sources.resolve()), encoding="utf-8")
            return Slot(folder, lock)
        number += 1


def clean(base: Path) -> list[str]:
    """Remove the slots no process holds that are stale: their sources folder is gone, or they are an overflow slot; the names removed."""
    removed = []
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        try:
            recorded = Path((folder / "sources").read_text(encoding="utf-8"))
        except OSError:
            recorded = None
        if recorded is not None and recorded.is_dir() and "-" not in folder.name:
            continue
        lock = _locked(base / f"{folder.name}.lock")
        if lock is None:  # in use
            continue
        try:
            shutil.rmtree(folder, ignore_errors=True)
            os.unlink(base / f"{folder.name}.lock")  # under its lock: a process that opened it meanwhile locks it again (`_locked`)
            removed.append(folder.name)
        finally:
            lock.close()
    return removed
