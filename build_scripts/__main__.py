"""Command line: `check [SOURCES]` reports every problem (`--editorial` lists the editors' facts); `migrate [SOURCES]` brings
files of the first format to today's; `schema [FOLDER]` writes the JSON Schemas; `swap NEW SITE` publishes a build."""

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
    check_cmd.add_argument("--editorial", action="store_true", help="list every fact supplied by the editors, with its reason")
    migrate_cmd = commands.add_parser("migrate", help="bring files of the first format (before speakers, bases and issuers) to today's, in place")
    migrate_cmd.add_argument("sources", nargs="?", default="sources", type=Path)
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

    if args.command == "migrate":
        from .migrate import migrate

        report = migrate(args.sources)
        for line in report.changed:
            print(f"changed: {line}")
        for line in report.todo:
            print(f"to do: {line}")
        print(f"{len(report.changed)} changes; values the migration supplied are marked for review. Now checking:")
    try:
        index = check(args.sources)
    except SourceError as err:
        print(err.report(), file=sys.stderr)
        return 1
    if getattr(args, "editorial", False):
        for fact in index.editorial_facts:
            print(f"{fact.kind}/{fact.entity}: {fact.field} `{fact.value}` — {fact.editorial}")
    print(index.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
