"""Where downloads go as each is made: a file's path and text (`Download`) or bytes (`BinaryDownload`), and the `Sink` that takes them.

Every producer of downloads (dossier.json and the CSVs, the views' files, the analysts' formats) writes
to a sink; the build keeps them in memory for MkDocs (`Collected`), `dossier export` writes them to a
folder (`write.Folder`).
"""

from __future__ import annotations

import io
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TextIO

from ..load import Progress


@dataclass(frozen=True)
class Download:
    """A file for readers to download: its path under the site and its text."""

    path: str
    text: str


@dataclass(frozen=True)
class BinaryDownload:
    """A file for readers to download that is not text (the SQLite database): its path under the site and its bytes."""

    path: str
    data: bytes = field(repr=False)


class Sink(ABC):
    """Where downloads go as each is made, so that none waits for the others: memory (`Collected`) or a folder (`write.Folder`).

    A producer opens one file at a time (or two: `dossier.json` grows beside each kind's CSV), writes it and
    lets it go; a path handed out twice is refused, as two records that would share a file would be.
    """

    def __init__(self, progress: Progress | None = None) -> None:
        self.paths: list[str] = []
        self.progress = progress
        """Told of each download as it starts."""

    def claim(self, path: str) -> None:
        if path in self.paths:
            raise ValueError(f"download `{path}` is produced twice")
        self.paths.append(path)
        if self.progress is not None:
            self.progress("writing", len(self.paths), None)

    @abstractmethod
    def text(self, path: str) -> AbstractContextManager[TextIO]:
        """A text stream whose content becomes the download at `path` (UTF-8, newlines as written)."""

    @abstractmethod
    def file(self, path: str) -> AbstractContextManager[Path]:
        """A path with no file yet, where a library writes the download at `path` (SQLite's `VACUUM INTO`)."""


class Collected(Sink):
    """A sink that keeps every download in memory: what a build hands to MkDocs."""

    def __init__(self, progress: Progress | None = None) -> None:
        super().__init__(progress)
        self.downloads: list[Download] = []
        self.binaries: list[BinaryDownload] = []

    @contextmanager
    def text(self, path: str) -> Iterator[TextIO]:
        self.claim(path)
        out = io.StringIO()
        yield out
        self.downloads.append(Download(path, out.getvalue()))

    @contextmanager
    def file(self, path: str) -> Iterator[Path]:
        self.claim(path)
        with tempfile.TemporaryDirectory(prefix="dossier-download-") as folder:
            target = Path(folder) / PurePosixPath(path).name
            yield target
            self.binaries.append(BinaryDownload(path, target.read_bytes()))


def collect(produce: Callable[[Sink], None]) -> Collected:
    """What a producer makes, kept in memory."""
    sink = Collected()
    produce(sink)
    return sink


def put(sink: Sink, files: Iterable[Download]) -> None:
    """Hand downloads already made (small ones: the matrix, the bibliography, the feed, the schema) to a sink."""
    for download in files:
        with sink.text(download.path) as out:
            out.write(download.text)
