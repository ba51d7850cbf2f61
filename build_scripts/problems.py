"""Problems found in sources, reported together as `path:line:col: what — fix`.

A problem is an error (the build stops, nothing is written) or a warning (the build goes on,
and `dossier check` and the MkDocs log say what to change).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .words import counted as counted_words

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the sources, with where it is and how to fix it; an error unless it is a warning."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    severity: Severity = ERROR
    create: str = ""
    """For an unknown id that is no slip for a known one: the `dossier new` command that starts its file."""

    @property
    def warning(self) -> bool:
        return self.severity == WARNING

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {'warning: ' if self.warning else ''}{self.message}"
        return f"{text} — {self.hint}" if self.hint else text


def counted(problems: list[Problem]) -> str:
    """`2 problems`, `2 problems and 1 warning`, `1 warning`: errors and warnings counted apart."""
    errors = sum(1 for p in problems if not p.warning)
    warnings = len(problems) - errors
    parts = [counted_words(errors, "problem")] if errors or not warnings else []
    parts += [counted_words(warnings, "warning")] if warnings else []
    return " and ".join(parts)


def creation(problems: list[Problem]) -> list[str]:
    """For several unknown ids: the `dossier new` commands that start their files, ready to paste (nothing for one or none).

    Ids given a did-you-mean are left out: their fix is the known id, not a new file.
    """
    commands = sorted({p.create for p in problems if p.create})
    if len(commands) < 2:
        return []
    return [
        f"{len(commands)} ids are used but defined nowhere, and are no slip for a known id; to start their files (then fill them in from the documents):",
        *(f"  {c}" for c in commands),
    ]


class SourceError(Exception):
    """Raised when the sources have problems (at least one error); carries all of them, warnings too, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        lines += creation(self.problems)
        lines.append(f"{counted(self.problems)} found; nothing was written.")
        return "\n".join(lines)


class UnsafeOutput(Exception):
    """Raised when built HTML holds something that could run script: a bug in the build, never published."""

    def __init__(self, findings: list[str]) -> None:
        self.findings = findings
        super().__init__("Unsafe HTML in the built pages (a bug in the build scripts; nothing was published):\n" + "\n".join(findings))
