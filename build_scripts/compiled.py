"""Compiled templates kept between processes: `.cache/jinja/` beside mkdocs.yml (git-ignored), never the system temp folder.

Jinja turns a template into Python code the first time a process loads it: about 1.4 CPU s for the dossier's
templates, per edition and per process, and more for the theme's. A build forks a process per other edition,
a preview rebuilds the theme's environment on every build, and the test suite starts hundreds of builds. With
the compiled code kept here (Jinja's `FileSystemBytecodeCache`), every process after the first loads it instead.

Jinja compares the template's source with the checksum kept beside its code, and compiles an edited template
again. The code also depends on what a source's checksum does not hold: the environment's syntax and extensions,
which of its filters and tests are passed the context, and the Jinja and Python that compiled it. A file's name carries a digest of those (`settings`), so that code
compiled under other settings is never loaded (an edition whose filters differ has files of its own). Files no process has
written for a week are removed when a cache is opened.
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path
from typing import Any

import jinja2

CACHE = Path(".cache") / "jinja"
"""The folder, relative to the folder of mkdocs.yml."""

STALE = 7 * 24 * 3600
"""Seconds after which a file no process has written is removed (`_clean`)."""
_folder: Path | None = None
_kept: list[tuple[jinja2.Environment, str]] = []


def use(folder: Path | None) -> None:
    """Keep compiled templates in `folder` from now on (None: in this process's memory alone), for the environments `keep` was
    given and those it is given later."""
    global _folder
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:  # a folder this process cannot write: templates are compiled as without a cache
            folder = None
    if folder is not None:
        _clean(folder)
    _folder = folder
    for env, kind in _kept:
        attach(env, kind)


def keep(env: jinja2.Environment, kind: str) -> jinja2.Environment:
    """`env`'s compiled templates kept in the folder `use` was given, now and after each later `use` (`kind`: whose templates,
    a part of the files' names). For an environment that lives as long as the process: `attach` for one made per build."""
    if not any(kept is env for kept, _ in _kept):
        _kept.append((env, kind))
    return attach(env, kind)


def attach(env: jinja2.Environment, kind: str) -> jinja2.Environment:
    """`env`'s compiled templates kept in the folder `use` was given last."""
    if _folder is None:
        env.bytecode_cache = None
        return env
    prefix = f"{kind}-{settings(env)}-"
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(_folder), prefix + "%s.cache")
    return env


def _clean(folder: Path) -> None:
    """Remove the files no process has written for a week: code of templates or settings since changed, or in use and compiled
    again at once (a file is rewritten when its template changes, never when it is loaded)."""
    old = time.time() - STALE
    for file in folder.glob("*.cache"):
        try:
            if file.stat().st_mtime < old:
                file.unlink()
        except OSError:  # removed meanwhile by another process
            pass


def settings(env: jinja2.Environment) -> str:
    """A digest of what the code Jinja compiles depends on besides a template's source."""
    syntax = (
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized, env.is_async,
    )  # fmt: skip
    behaviour = (_named(env.autoescape), _named(env.finalize), getattr(env, "newstyle_gettext", None), sorted(env.extensions))
    # A filter's or test's call is compiled with the context, evaluation context or environment as its first argument when the
    # function asks for one (`jinja2.pass_context`…): the same template compiles to other code when an edition's filter does
    passed = [
        (kind, name, str(getattr(function, "jinja_pass_arg", None)))
        for kind, table in (("filter", env.filters), ("test", env.tests))
        for name, function in sorted(table.items())
    ]
    versions = (jinja2.__version__, sys.version, sys.implementation.cache_tag)
    return hashlib.sha256(repr((syntax, behaviour, passed, versions)).encode()).hexdigest()[:16]


def _named(value: Any) -> Any:
    """A setting as the same in every process: a function by its module and name, not its address."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return value
