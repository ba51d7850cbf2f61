"""The hand-written pages' translations (`docs/<language>/<page>`), each recording the English text it translates.

A translation's front matter records the English page's text as it was when the translation was made or last checked
against it (`translation_of`, `digest`): when the English page has changed since, the edition shows the translation under a
note saying so (mkdocs_editions.py); a translation without a record, or with a malformed one, is a problem to fix.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .frontmatter import decode, parse
from .problems import Problem

RECORD_KEY = "translation_of"
"""A translated page's front matter: which English text it translates, as `digest` gives it."""
_RECORD = re.compile(r"[0-9a-f]{12}")


def digest(path: Path) -> str:
    """An English page's text as a translation records it: the first 12 hex digits of the sha256 of its bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


@dataclass(frozen=True)
class Translation:
    """A hand-written page's translation (`docs/<language>/<page>`): the English text it records, and the English text now."""

    page: str
    recorded: str
    current: str

    @property
    def stale(self) -> bool:
        """The English page has changed since the translation was made (or last checked against it)."""
        return self.recorded != self.current


def translations_in(docs_dir: Path, language: str, shown: str = "docs") -> tuple[dict[str, Translation], list[Problem]]:
    """The translated pages of `language` (`docs_dir/<language>/`), each with its record, and the problems of the records
    (`path:line:col`, the docs folder named `shown`)."""
    folder, found, problems = docs_dir / language, {}, []
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        page = path.relative_to(folder).as_posix()
        name, english = f"{shown}/{language}/{page}", f"{shown}/{page}"
        if not (docs_dir / page).is_file():
            problems.append(
                Problem(name, 1, 1, f"translates no page: {english} does not exist", "give it the name of the English page it translates, or remove it")
            )
            continue
        current = digest(docs_dir / page)
        recorded, wrong = _record(name, path.read_bytes(), f'check the translation against {english}, then record it: `{RECORD_KEY}: "{current}"`')
        problems += wrong
        if recorded is not None:
            found[page] = Translation(page, recorded, current)
    return found, problems


def _record(name: str, raw: bytes, fix: str) -> tuple[str | None, list[Problem]]:
    """The English text the translation `name` (its bytes `raw`) records, or the problems that stop it, with `fix`."""
    missing = f"no `{RECORD_KEY}`: the page does not say which English text it translates"
    text, problems = decode(name, raw)
    if text is None:
        return None, problems
    if not text.startswith("---\n"):
        return None, [Problem(name, 1, 1, missing, f"start it with front matter between `---` lines; {fix}")]
    parsed, problems = parse(name, text)
    if parsed is None or problems:
        return None, problems
    value = parsed.data.get(RECORD_KEY)
    if value is None:
        return None, [Problem(name, 1, 1, missing, fix)]
    if not _RECORD.fullmatch(str(value)):
        return None, [Problem(name, *parsed.where((RECORD_KEY,)), f"`{RECORD_KEY}` is {str(value)!r}, not the 12 hex digits of a digest", fix)]
    return str(value), []
