"""The `dossier` command: a thin layer over the pipeline's functions, one command per task a maintainer has.

Installed as a console script (`dossier`); `python -m build_scripts` is the same. Every run
ends with a one-line summary; problems in the sources exit 1, never with a traceback.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO, TypeVar

import click

from .index import Index
from .load import Progress
from .pipeline import check, export_to
from .problems import Problem, SourceError, counted, creation
from .scaffold import KINDS as NEW_KINDS
from .scaffold import scaffold

T = TypeVar("T")
SOURCES = click.argument("sources", required=False, default="sources", type=click.Path(path_type=Path))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
def cli() -> None:
    """The dossier's tools: check the sources, start a new one, export the data and the schemas, see what is thin.

    Example:

        dossier check
    """


def _github(problem: Problem) -> str:
    """A problem as a GitHub Actions annotation, so a pull request shows it on its line."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    message = problem.message + (f" — {problem.hint}" if problem.hint else "")
    return f"::{problem.severity} file={prop(problem.path)},line={problem.line},col={problem.col},title={prop('dossier check')}::{data(message)}"


@cli.command("check")
@SOURCES
@click.option("--format", "form", type=click.Choice(["text", "json", "github"]), default="text", show_default=True, help="How problems are printed.")
@click.option("--editorial", is_flag=True, help="List every fact supplied by the editors, with its reason.")
def check_command(sources: Path, form: str, editorial: bool) -> None:
    """Report every problem in the sources at once, as `path:line:col: what is wrong — how to fix it`; exit 1 if any is an error.

    Warnings (`path:line:col: warning: …`) are printed too, and exit 0 when they are all there is.
    `--format github` prints GitHub Actions annotations, `--format json` one JSON object.

    Example:

        dossier check sources --format github
    """
    started = time.perf_counter()
    try:
        with _progress(form == "text") as progress:
            index = check(sources, progress)
    except SourceError as err:
        elapsed = time.perf_counter() - started
        _print_problems(err.problems, form, f"{err.report().splitlines()[-1]} Checked in {elapsed:.1f} s.", creation(err.problems))
        raise SystemExit(1) from None
    elapsed = time.perf_counter() - started
    summary = index.summary() + (f", {counted(index.warnings)}" if index.warnings else "") + f"; checked in {elapsed:.1f} s"
    if editorial:
        for fact in index.editorial_facts:
            click.echo(f"{fact.kind}/{fact.entity}: {fact.field} `{fact.value}` — {fact.editorial}")
    _print_problems(index.warnings, form, summary)  # warnings alone exit 0


def _print_problems(problems: list[Problem], form: str, summary: str, create: list[str] | None = None) -> None:
    """Problems (errors and warnings) then the summary, in the chosen format; as text, on stderr when any is an error.

    `create`: for several unknown ids, the `dossier new` commands that start their files, printed before the summary.
    """
    if form == "json":
        rows = [{"path": p.path, "line": p.line, "column": p.col, "severity": p.severity, "message": p.message, "hint": p.hint} for p in problems]
        for row, problem in zip(rows, problems, strict=True):
            if problem.create:
                row["create"] = problem.create
        click.echo(json.dumps({"problems": rows, "summary": summary}, ensure_ascii=False, indent=1))
    elif form == "github":
        click.echo("".join(_github(p) + "\n" for p in problems) + summary)
    else:
        click.echo("".join(f"{p}\n" for p in problems) + "".join(f"{line}\n" for line in create or []) + summary, err=any(not p.warning for p in problems))


def _slug(title: str) -> str:
    """A safe id from a title: ASCII letters and digits joined by single hyphens, at most 80 characters."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")[:80].strip("-")


@cli.command("new")
@click.argument("kind", type=click.Choice(NEW_KINDS))
@click.argument("title")
@click.option("--id", "record_id", help="The file name without `.md` (derived from the title when absent).")
@click.option("--date", help="The document's date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option(
    "--url",
    help="The document's own address, where its publisher publishes it (the text need not print it); never a guess. "
    "A copy taken from elsewhere (an archive, a mirror, a site that reposts it): say in `note` where the copy comes from.",
)
@click.option("--sources", "root", default="sources", show_default=True, type=click.Path(path_type=Path), help="The sources folder.")
def new_command(kind: str, title: str, record_id: str | None, date: str | None, url: str | None, root: Path) -> None:
    """Write a new source file with every field present and explained, and a safe id derived from the title; never overwrite.

    Example:

        dossier new document "Council statement on the talks" --date 2024-06 --url https://example.org/statement
    """
    chosen = record_id or _slug(title)
    if not chosen:
        raise click.UsageError("the title gives no id in Latin letters or digits — pass one with --id, e.g. --id council-statement")
    folder = root / f"{kind}s" if kind != "document" else root / "documents"
    path = folder / f"{chosen}.md"
    if path.exists():
        raise click.ClickException(f"{path} already exists — choose another --id, or edit that file")
    try:
        text = scaffold(kind, chosen, title, date=date, url=url)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    click.echo(f"wrote {path}; fill it in, then run `dossier check`")


@cli.command("suggest")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "form", type=click.Choice(["text", "json"]), default="text", show_default=True, help="A YAML draft to review, or JSON with offsets.")
@click.option("--sources", "root", default="sources", show_default=True, type=click.Path(path_type=Path), help="The sources folder whose names are matched.")
def suggest_command(file: Path, form: str, root: Path) -> None:
    """Suggest annotations for FILE (a document file, or plain text pasted from the web): the actors, conferences and instruments it names, names the dossier lacks, and sentences with a reporting or demand verb as claim stubs.

    It suggests, never decides: review each line, then run `dossier check`. Names are matched as search folds
    them, by name, acronym, alias, Arabic name and an instrument's number, with Arabic spelling variants and
    proclitics; each passage is verbatim, so it passes `check` as evidence. `--format json` gives 0-based
    character offsets into FILE (end exclusive). Measured on the five bundled documents with their `actors:`
    hidden: recall 0.95 of the listed actors the text names, precision 0.98; on a synthetic Arabic set, 1.00
    and 1.00 (docs/contributing.md says how).

    Example:

        dossier suggest pasted.txt --format json
    """
    from .names import NameIndex, known_names
    from .suggest import draft, suggest

    try:
        content = file.read_bytes().decode("utf-8")  # offsets count the file's own characters: no newline is translated
    except UnicodeDecodeError as err:
        raise click.ClickException(f"{file} is not UTF-8 (byte {err.start}) — save it as UTF-8 text") from None
    if not root.is_dir():
        raise click.ClickException(f"sources folder {root} not found — pass the folder whose names to match with --sources")
    names, failed = known_names(root)
    if failed:
        click.echo(f"{len(failed)} files did not load and their names are not matched: {', '.join(failed)} (`dossier check` says why)", err=True)
    if not unicodedata.is_normalized("NFC", content):
        click.echo(f"{file} is not in Unicode NFC form: passages in decomposed text are left out (evidence must be NFC) — normalise the file to NFC", err=True)
    found = suggest(content, NameIndex(names))
    if form == "json":
        click.echo(json.dumps(found.as_json(), ensure_ascii=False, indent=1))
    else:
        click.echo(draft(found, content, str(file)), nl=False)


@cli.command("export")
@click.argument("folder", type=click.Path(path_type=Path))
@SOURCES
def export_command(folder: Path, sources: Path) -> None:
    """Write the data downloads (dossier.json and its schema, a CSV per kind, the matrix, dossier.db, the networks, the FollowTheMoney entities, the bibliography, the feed) into FOLDER.

    Example:

        dossier export exported/
    """
    # each file written as it is made, no page rendered
    written = _or_exit(lambda root, progress: export_to(root, folder, progress=progress), sources, progress=True)
    click.echo(f"{len(written)} files written to {folder}")


@cli.command("schema")
@click.argument("folder", required=False, default="docs/schema", type=click.Path(path_type=Path))
def schema_command(folder: Path) -> None:
    """Write the JSON Schema of each kind of source file into FOLDER (editors use them for completion and validation).

    Example:

        dossier schema docs/schema
    """
    from .schema import schemas

    folder.mkdir(parents=True, exist_ok=True)
    written = schemas()
    for name, text in written.items():
        (folder / name).write_text(text, encoding="utf-8")
    click.echo(f"{len(written)} schemas written to {folder}")


@cli.command("stats")
@SOURCES
def stats_command(sources: Path) -> None:
    """Count what the dossier holds and show what is thin: actors without positions, demands voiced by one actor, documents without claims.

    Example:

        dossier stats
    """
    index = _checked(sources)
    without = sorted(a for a in index.sources.actors if not index.by_actor.get(a) and not index.by_speaker.get(a))
    single = sorted(d for d, claims in index.by_demand.items() if len({a for c in claims for a in c.actors}) == 1)
    silent = sorted(d for d in index.sources.documents if not index.claims_by_document.get(d))
    sections = [
        ("actors with no position, as actor or speaker", without),
        ("demands voiced by only one actor", single),
        ("documents with no claim", silent),
    ]
    for label, items in sections:
        click.echo(f"{len(items)} {label}" + (": " + ", ".join(items) if items else ""))
    click.echo(f"{len(index.editorial_facts)} facts supplied by the editors (`dossier check --editorial` lists them)")
    click.echo(index.summary())


@cli.command("migrate")
@SOURCES
def migrate_command(sources: Path) -> None:
    """Bring files of earlier formats to today's, in place, then check them.

    The first format had no speakers, bases or issuers; in the second, a claim invoked every
    instrument of its demand: now it lists those its evidence names, and the report says which
    it no longer invokes.

    Example:

        dossier migrate sources
    """
    from .migrate import migrate

    report = migrate(sources)
    for line in report.changed:
        click.echo(f"changed: {line}")
    for line in report.todo:
        click.echo(f"to do: {line}")
    for line in report.dropped:
        click.echo(f"no longer: {line}")
    click.echo(f"{len(report.changed)} changes; values the migration supplied are marked for review. Now checking:")
    click.echo(_checked(sources).summary())


@cli.command("swap")
@click.argument("new", type=click.Path(path_type=Path))
@click.argument("destination", type=click.Path(path_type=Path))
def swap_command(new: Path, destination: Path) -> None:
    """Put a freshly built site in place of the published one, in one atomic exchange (what `make site` does).

    Example:

        dossier swap site.new site
    """
    from .swap import swap_into_place

    swap_into_place(new, destination)
    click.echo(f"{new} is now {destination}")


def _or_exit(step: Callable[[Path, Progress | None], T], sources: Path, progress: bool = False) -> T:
    """Run a pipeline step (with progress shown on a terminal if asked); problems in the sources are printed and exit 1."""
    try:
        with _progress(progress) as told:
            return step(sources, told)
    except SourceError as err:
        click.echo(err.report(), err=True)
        raise SystemExit(1) from None


def _checked(sources: Path) -> Index:
    return _or_exit(check, sources, progress=True)


_STAGES = {"reading": "checking {done:,}/{total:,} files…", "checking": "checking references, passages and facts…", "writing": "writing download {done:,}…"}


class _Line:
    """Progress on one line of a terminal, rewritten in place (at most ten times a second) and cleared at the end."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.drawn = ""
        self.at = 0.0

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        if self.drawn.startswith(stage) and now - self.at < 0.1 and done != total:
            return  # a redraw per file would cost more than the file at 10,000 sources
        self.drawn, self.at = stage, now
        self.stream.write("\r" + _STAGES[stage].format(done=done, total=total or 0) + "\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


@contextmanager
def _progress(wanted: bool) -> Iterator[Progress | None]:
    """A progress line on stderr when `wanted` and stderr is a terminal (never in a pipe, in CI, or for a machine format)."""
    stream = sys.stderr
    if not wanted or not stream.isatty() or os.environ.get("CI") or os.environ.get("TERM") == "dumb":  # CI logs keep every \r
        yield None
        return
    line = _Line(stream)
    try:
        yield line
    finally:
        line.clear()  # before the problems or the summary are printed


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line (`dossier`, `python -m build_scripts`); the exit code: 0, or 1 for problems, 2 for misuse."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="dossier", standalone_mode=False)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    except click.exceptions.Exit as exit_:
        return exit_.exit_code
    except click.ClickException as err:
        err.show()
        return err.exit_code
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
