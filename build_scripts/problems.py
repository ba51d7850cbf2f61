"""Problems found in sources, reported together as `path:line:col: what — fix`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the sources, with where it is and how to fix it."""

    path: str
    line: int
    col: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class SourceError(Exception):
    """Raised when the sources have problems; carries all of them, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.")
        return "\n".join(lines)


class UnsafeOutput(Exception):
    """Raised when built HTML holds something that could run script: a bug in the build, never published."""

    def __init__(self, findings: list[str]) -> None:
        self.findings = findings
        super().__init__("Unsafe HTML in the built pages (a bug in the build scripts; nothing was published):\n" + "\n".join(findings))
