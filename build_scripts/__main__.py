"""`python -m build_scripts`: the same command line as `dossier` (build_scripts/cli.py)."""

from __future__ import annotations

import sys

from .cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
