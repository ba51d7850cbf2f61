"""Load stage: read every file under `sources/`, parse its front matter, check it against the models."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from .frontmatter import Parsed, decode, parse
from .messages import explain
from .models import KINDS, RESERVED_IDS, SLUG, Actor, Conference, Demand, Document, Instrument, Model
from .problems import Problem
from .salvage import Loc, read_partly

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Record(Generic[M]):
    """One source file: its id, where it lives, its validated model and its body."""

    id: str
    path: str
    model: M
    parsed: Parsed
    replaced: frozenset[Loc] | None = None
    """For a file with problems, read only in part: where its values gave way to stand-ins (None for a sound file)."""

    @property
    def body(self) -> str:
        return self.parsed.body

    @property
    def partial(self) -> bool:
        """A file with problems, read as far as it can be: checked, never built."""
        return self.replaced is not None

    def where(self, *loc: str | int) -> tuple[str, int, int]:
        line, col = self.parsed.where(loc)
        return self.path, line, col


@dataclass(frozen=True)
class Sources:
    """Every record of the dossier, by kind and id (ids sorted)."""

    documents: dict[str, Record[Document]]
    actors: dict[str, Record[Actor]]
    conferences: dict[str, Record[Conference]]
    demands: dict[str, Record[Demand]]
    instruments: dict[str, Record[Instrument]]
    failed: frozenset[str] = frozenset()
    """`kind/id` of files that exist but did not load: references to them are not reported again."""
    partial: tuple[tuple[str, Record[Any]], ...] = ()
    """(kind, record) of the files that did not load but could be read in part: their other values are checked too."""


def usable_id(stem: str) -> bool:
    """Whether a file name (without `.md`) can be a record's id."""
    return bool(SLUG.fullmatch(stem)) and len(stem) <= 80 and stem not in RESERVED_IDS


def load_file(path: Path, display: str, model: type[M]) -> tuple[Record[M] | None, list[Problem]]:
    """Read one source file into a record and its problems: a file with problems is read as far as it can be (`Record.partial`)."""
    stem = path.name.removesuffix(".md")
    problems: list[Problem] = []
    if not usable_id(stem) and stem not in RESERVED_IDS:
        problems.append(
            Problem(display, 1, 1, f"file name `{path.name}` is not a safe id", "rename it to lowercase letters, digits and single hyphens, ending in `.md`")
        )
    elif stem in RESERVED_IDS:
        problems.append(Problem(display, 1, 1, f"`{stem}` is a reserved name", "choose another file name"))
    text, decode_problems = decode(display, path.read_bytes())
    if text is None:
        return None, problems + decode_problems
    parsed, parse_problems = parse(display, text)
    if parsed is None:
        return None, problems + parse_problems
    surprises = {problem for _, problem in parsed.surprises}
    problems += [p for p in parse_problems if p not in surprises]  # worded below, once the field is known
    try:
        instance: M | None = model.model_validate(parsed.data)
        errors: list[Any] = []
    except ValidationError as err:
        instance, errors = None, err.errors()
    refused = [tuple(p for p in error["loc"] if isinstance(p, (str, int))) for error in errors]
    for error, loc in zip(errors, refused, strict=True):
        if any(loc[: len(place)] == place for place in parsed.refused):
            continue  # a value the YAML reading reported already
        message, hint = explain(error, model, parsed.written(loc))
        line, col = parsed.where(loc)
        problems.append(Problem(display, line, col, message, hint))
    for place, surprise in parsed.surprises:
        if not any(loc[: len(place)] == place for loc in refused):  # text where text belongs: only other YAML tools would misread it
            raw = parsed.written(place) or ""
            problems.append(replace(surprise, hint=f'write "{raw}" in quotes to keep it as text'))
    if instance is not None and not problems:
        parsed.data = {}  # the model holds the values now; positions come from the YAML, and keeping both would double the live objects
        return Record(stem, display, instance, parsed), []
    # Every problem in one run: the rest of the file is still checked, its references above all.
    partly = read_partly(parsed.data, model, refused + list(parsed.refused))
    return (Record(stem, display, partly.model, parsed, partly.replaced) if partly else None), problems


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the sources become their long-lived graph.

    Checking makes a few dozen objects per source that all live on and form no cycles; with the
    collector on, each full collection walks every one made so far, which grows faster than the
    dossier (a third of the check at 10,000 sources). They are tracked as usual once it resumes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:  # nobody keeps objects frozen (to share them with forked children)
            # Move what was made straight to the oldest generation, as a collection would after walking it
            # twice: freezing then unfreezing moves every tracked object there, and walks none.
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()


Progress = Callable[[str, int, int | None], None]
"""Told how far a long step has come: (what it is doing, how many done, out of how many if known). Never prints."""


def load(root: Path, progress: Progress | None = None) -> tuple[Sources, list[Problem]]:
    """Load every record under `root` (the `sources/` folder); all problems together. `progress` hears of each file read."""
    problems: list[Problem] = []
    found: dict[str, dict[str, Record[Any]]] = {kind: {} for kind in KINDS}
    failed: set[str] = set()
    partial: list[tuple[str, Record[Any]]] = []
    if not root.is_dir():
        problems.append(Problem(str(root), 1, 1, "sources folder not found", "create it with documents/, actors/, conferences/, demands/ and instruments/"))
    else:
        for entry in sorted(root.iterdir()):
            if entry.name.startswith("."):
                continue
            if entry.name not in KINDS or not entry.is_dir():
                display = _display(root, entry)
                problems.append(
                    Problem(
                        display, 1, 1, f"`{entry.name}` is not a folder of sources", "put files in documents/, actors/, conferences/, demands/ or instruments/"
                    )
                )
    files: list[tuple[str, Path]] = []
    for kind in KINDS:
        folder = root / kind
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_dir() or path.name.startswith("."):
                continue
            if path.parent != folder or path.suffix != ".md":
                problems.append(Problem(_display(root, path), 1, 1, "not a source file", f"put `.md` files directly in sources/{kind}/"))
                continue
            files.append((kind, path))
    for done, (kind, path) in enumerate(files, 1):
        record, file_problems = load_file(path, _display(root, path), KINDS[kind])
        problems += file_problems
        if record is not None and not record.partial:
            found[kind][record.id] = record
        else:
            failed.add(f"{kind}/{path.name.removesuffix('.md')}")
            if record is not None:
                partial.append((kind, record))
        if progress is not None:
            progress("reading", done, len(files))
    return Sources(**found, failed=frozenset(failed), partial=tuple(partial)), problems


def _display(root: Path, path: Path) -> str:
    return str(Path(root.name) / path.relative_to(root))
