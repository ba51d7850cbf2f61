"""Put a freshly built folder in place of the published one in a single step.

On Linux the two folders are exchanged atomically (renameat2 with RENAME_EXCHANGE), so
a reader or a killed build never meets a missing or mixed site; elsewhere, or on file
systems that refuse the exchange, two renames follow each other.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return bool(result == 0)


def swap_into_place(new: Path, destination: Path) -> None:
    """Make `new` the `destination` folder, then delete what was there before."""
    if not new.is_dir():
        raise FileNotFoundError(f"{new} is not a built site")
    if not destination.exists():
        os.rename(new, destination)
        return
    if _exchange(new, destination):
        shutil.rmtree(new)  # now holds the previous site
        return
    previous = destination.with_name(destination.name + ".old")
    shutil.rmtree(previous, ignore_errors=True)
    os.rename(destination, previous)
    os.rename(new, destination)
    shutil.rmtree(previous)
