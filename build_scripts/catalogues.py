"""The interface's messages in each edition's language: gettext catalogues, extracted by Babel, compiled when first used.

English is the language the templates and the Python are written in: the English edition's translations are the
identity (plural forms by English rules). Another language's catalogue is `locale/<language>/LC_MESSAGES/messages.po`,
compiled in memory once per process: no `.mo` file is kept in the repository or written by a build.
`messages.pot` is what Babel extracts (`extract`), refreshed by `make messages`.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import NullTranslations, Translations

LOCALES = Path(__file__).parent / "locale"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
TEMPLATE = LOCALES / f"{DOMAIN}.pot"
ROOT = Path(__file__).parent
KEYWORDS = DEFAULT_KEYWORDS | {"N_": None, "NN_": (1, 2)}
"""What marks a message: gettext's usual names, `N_` (a message kept to be translated where it is shown) and `NN_` (its plural pair)."""
METHODS = [("templates/**.j2", "jinja2"), ("**.py", "python")]
JINJA_OPTIONS = {"trim_blocks": "true", "lstrip_blocks": "true", "keep_trailing_newline": "true", "newstyle_gettext": "true", "silent": "false"}
"""The templates' environment as `views/templating.py` makes it: a message is extracted exactly as the template prints it."""


def N_(message: str) -> str:
    """`message` itself, marked for extraction: translated where it is shown (a label kept in a table)."""
    return message


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """A singular and plural pair, marked for extraction as one message: shown through `ngettext` with its count."""
    return singular, plural


@functools.cache
def translations(language: str) -> NullTranslations:
    """The translations of one edition: the identity for English, the compiled catalogue of `language` otherwise."""
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    path = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        raise ValueError(f"{path}: no catalogue for language {language!r} — add it with `make messages`, then translate it")
    compiled = BytesIO()
    write_mo(compiled, catalogue(language))
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def catalogue(language: str, folder: Path = LOCALES) -> Catalog:
    """The catalogue of `language` as it is in the repository (in `folder`)."""
    with (folder / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as file:
        return read_po(file, locale=language, domain=DOMAIN)


def extract() -> Catalog:
    """Every message of the templates and the build scripts, as Babel finds them (sorted, without line numbers)."""
    found = Catalog(project="dossier", domain=DOMAIN, creation_date=datetime(2026, 1, 1, tzinfo=UTC), fuzzy=False)
    options = {"templates/**.j2": JINJA_OPTIONS}
    for filename, _line, message, comments, context in extract_from_dir(ROOT, METHODS, options, KEYWORDS, strip_comment_tags=True):
        found.add(message, None, [(filename, 0)], auto_comments=comments, context=context)
    return found


def write_template(path: Path = TEMPLATE) -> Catalog:
    """Write the extracted messages to `messages.pot`, sorted, so that the file changes only when a message does."""
    template = extract()
    with path.open("wb") as file:
        write_po(file, template, omit_header=False, sort_output=True, include_lineno=False, width=120)
    return template


def update(language: str, template: Catalog, folder: Path = LOCALES) -> None:
    """Bring `language`'s catalogue up to the template: new messages added untranslated, gone ones dropped."""
    found = catalogue(language, folder)
    found.update(template, no_fuzzy_matching=True)
    with (folder / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("wb") as file:
        write_po(file, found, omit_header=False, sort_output=True, include_lineno=False, width=120, ignore_obsolete=True)


def languages() -> list[str]:
    """The languages that have a catalogue, besides English."""
    return sorted(path.parent.parent.name for path in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


if __name__ == "__main__":  # `make messages`
    extracted = write_template()
    for each in languages():
        update(each, extracted)
