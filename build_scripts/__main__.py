"""Command line: `check [SOURCES]` reports every problem; `schema [FOLDER]` writes the JSON Schemas; `swap NEW SITE` publishes a build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import SourceError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="check the sources and report every problem")
    check_cmd.add_argument("sources", nargs="?", default="sources", type=Path)
    schema_cmd = commands.add_parser("schema", help="write the JSON Schema of each kind of source file")
    schema_cmd.add_argument("folder", nargs="?", default="docs/schema", type=Path)
    swap_cmd = commands.add_parser("swap", help="put a freshly built site in place of the published one, atomically")
    swap_cmd.add_argument("new", type=Path)
    swap_cmd.add_argument("destination", type=Path)
    args = parser.parse_args(argv)
    if args.command == "schema":
        from .schema import schemas

        args.folder.mkdir(parents=True, exist_ok=True)
        for name, text in schemas().items():
            (args.folder / name).write_text(text, encoding="utf-8")
        return 0
    if args.command == "swap":
        from .swap import swap_into_place

        swap_into_place(args.new, args.destination)
        return 0
    from .pipeline import check

    try:
        index = check(args.sources)
    except SourceError as err:
        print(err.report(), file=sys.stderr)
        return 1
    print(index.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
