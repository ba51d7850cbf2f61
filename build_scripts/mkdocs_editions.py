"""The MkDocs layer of the editions: one configuration per language, and the other editions built beside the English one.

Material speaks one language per configuration (`theme.language`), and each edition has its own search
index: the Arabic edition is a second MkDocs configuration, made from mkdocs.yml here (`edition_config`)
rather than kept as a second file that could drift from it. Its pages are published under `ar/`.

`mkdocs build` checks the sources and computes the views once; it then forks one process per other
edition (`start`), which renders that edition from the same index and views (`handed_over`) and builds it
with MkDocs into a folder beside the site, while the English edition builds; when both are done, the
other edition moves into the site (`finish`). Nothing is moved when either failed.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from .catalogues import N_, translations
from .editions import EDITIONS, SOURCE_LANGUAGE, Edition
from .index import Index
from .page_translations import RECORD_KEY, Translation, translations_in
from .views import Views

log = logging.getLogger("mkdocs.plugins.dossier")
EDITION_KEY = "dossier_edition"
"""`extra.dossier_edition` of an edition's configuration: its language (English when absent)."""
EDITIONS_KEY = "dossier_editions"
"""`extra.dossier_editions` of mkdocs.yml: the languages the site is published in (English only when absent)."""
SWITCHER_KEY = "dossier_switcher"
"""`extra.dossier_switcher`, set here: each edition's name, language and root from this edition's root, for the switcher."""
NOT_FOUND_KEY = "dossier_not_found"
"""`extra.dossier_not_found`, set here for another edition: the missing page's heading in its language (`theme/404.html`)."""
FEED_TITLE_KEY = "dossier_feed_title"
"""`extra.dossier_feed_title`, set here for another edition: its feed's title in its language (`theme/main.html`)."""
ONLY = "DOSSIER_EDITIONS"
"""An environment variable that narrows the editions built (`en`): for tests that are not about the editions."""

INTERFACE = (
    N_("Home"), N_("Actors"), N_("Conferences"), N_("Demands"), N_("Instruments"), N_("Sources"), N_("Analysis"),
    N_("Stance matrix"), N_("Agreement and conflict"), N_("Timeline"), N_("Position changes"), N_("Network"),
    N_("Briefings by theme"), N_("About"), N_("Methodology"), N_("Performance"), N_("Data"), N_("Contributing sources"),
    N_("Switch to dark mode"), N_("Switch to light mode"), N_("Syria political process dossier"), N_("404 - Not found"), N_("Permanent link"),
    N_("Who wants what, where, on what evidence — actors, conferences and demands of the Syrian political process, from annotated sources."),
)  # fmt: skip
"""The words of mkdocs.yml that an edition shows: its navigation's titles, the palette's switches, the site's name and description;
and two of the theme's own that Material does not translate: the missing page's heading (`theme/404.html`) and the headings'
permanent links (the `toc` extension's `permalink_title`)."""

_handed: dict[str, tuple[Index, Views]] = {}


def edition_of(config: MkDocsConfig) -> Edition:
    """The edition a configuration builds (English for mkdocs.yml itself)."""
    return EDITIONS[config.extra.get(EDITION_KEY, SOURCE_LANGUAGE)]


def editions_of(config: MkDocsConfig) -> list[Edition]:
    """The editions mkdocs.yml publishes (`extra.dossier_editions`), English first; `DOSSIER_EDITIONS` narrows them."""
    wanted = [str(language) for language in config.extra.get(EDITIONS_KEY) or [SOURCE_LANGUAGE]]
    only = os.environ.get(ONLY)
    if only:
        wanted = [language for language in wanted if language in only.split(",")]
    unknown = [language for language in wanted if language not in EDITIONS]
    if unknown:
        raise PluginError(f"{config.config_file_path}: extra.{EDITIONS_KEY}: no edition {unknown[0]!r} — use {', '.join(EDITIONS)}")
    return [EDITIONS[language] for language in EDITIONS if language in wanted or language == SOURCE_LANGUAGE]


def alternates(config: MkDocsConfig) -> None:
    """The language switcher of each page (Material's `extra.alternate`, shown by the theme's `partials/alternate.html`
    as links to the same page in each edition), when the site has more than one edition."""
    published = editions_of(config)
    here = edition_of(config)
    if len(published) < 2:
        return
    root = "../" * here.prefix.count("/")  # from this edition's root to the site's
    config.extra[SWITCHER_KEY] = [{"name": e.name, "lang": e.language, "link": root + e.prefix} for e in published]
    # Material shows the switcher where `extra.alternate` is true, and adds a <link rel="alternate"> for each item where it
    # is a list, for which its script fetches each edition's whole sitemap on every page view (1.4 MB at 10,000 sources):
    # `true` shows the theme's switcher (partials/alternate.html), whose links to the same page declare the alternates.
    config.extra["alternate"] = True


def edition_config(config: MkDocsConfig, edition: Edition, site_dir: str, strict: bool | None = None) -> MkDocsConfig:
    """The MkDocs configuration of another edition: mkdocs.yml, in `edition`'s language, built into `site_dir` (`strict`: as
    mkdocs.yml's build was asked, unless given)."""
    other = load_config(config_file=config.config_file_path, site_dir=site_dir, strict=config.strict if strict is None else strict)
    say = translations(edition.language)
    other.extra[EDITION_KEY] = edition.language
    other.extra[EDITIONS_KEY] = config.extra.get(EDITIONS_KEY)
    other.theme["language"] = edition.language
    other.site_name = say.gettext(config.site_name)
    other.site_description = say.gettext(config.site_description) if config.site_description else None
    if config.site_url:
        other.site_url = config.site_url.rstrip("/") + "/" + edition.prefix
    other.nav = _translated_nav(config.nav, say.gettext)
    if "attr_list" not in other.markdown_extensions:  # a translated heading keeps the English one's id (`## … {#id}`): links keep their anchors
        other.markdown_extensions.append("attr_list")
    other.extra[NOT_FOUND_KEY] = say.gettext(N_("404 - Not found"))
    other.extra[FEED_TITLE_KEY] = say.gettext(N_("%(site)s: sources")) % {"site": other.site_name}
    other.mdx_configs["toc"] = dict(other.mdx_configs.get("toc") or {}) | {"permalink_title": say.gettext(N_("Permanent link"))}
    for scheme in other.theme.get("palette") or []:
        if isinstance(scheme, dict) and isinstance(scheme.get("toggle"), dict) and "name" in scheme["toggle"]:
            scheme["toggle"] = scheme["toggle"] | {"name": say.gettext(scheme["toggle"]["name"])}
    return other


def _translated_nav(nav: Any, gettext: Any) -> Any:
    if isinstance(nav, list):
        return [_translated_nav(item, gettext) for item in nav]
    if isinstance(nav, dict):
        return {gettext(title): _translated_nav(value, gettext) for title, value in nav.items()}
    return nav


def untranslated_note(language: str) -> str:
    """What a hand-written page with no translation says above its English text, in the edition's language (HTML-escaped)."""
    return html.escape(translations(language).gettext(N_("This page has no translation yet: it is shown in its English original.")))


def checked_translations(config: MkDocsConfig, language: str) -> dict[str, Translation]:
    """`translations_in` of a configuration's docs folder; a problem with a record stops the build."""
    docs_dir = Path(config.docs_dir)
    shown = os.path.relpath(docs_dir, Path(config.config_file_path or ".").resolve().parent)
    found, problems = translations_in(docs_dir, language, Path(shown).as_posix())
    if problems:
        raise PluginError("The translations of the hand-written pages have problems:\n" + "\n".join(str(p) for p in sorted(problems)))
    return found


@dataclass(frozen=True)
class Noted:
    """A hand-written page of another edition with a note above its text: it has no translation, and shows the English,
    marked; or its translation is of an earlier English text (`english`: the English page's address from this one)."""

    language: str
    english: str | None = None

    def around(self, page_html: str) -> str:
        if self.english is None:
            return untranslated(page_html, self.language)
        note = translations(self.language).gettext(
            N_('The English page has changed since this translation was made: <a href="%(to)s" hreflang="en">the English page</a> is the reference.')
        )
        return f'<p class="stale-note">{note % {"to": html.escape(self.english)}}</p>\n{page_html}'


def translated_pages(files: Files, config: MkDocsConfig, generated: set[str]) -> dict[str, Noted]:
    """In another edition than English, each hand-written page is its translation (`docs/<language>/<page>`) where there is
    one, put in its place in `files`. Returned: the pages that say something above their text, the ones with no translation
    (shown in English) and those whose English page has changed since they were translated (said at INFO in the log too)."""
    edition = edition_of(config)
    if edition.language == SOURCE_LANGUAGE:
        return {}
    folder, noted = Path(config.docs_dir) / edition.language, {}
    done = checked_translations(config, edition.language)
    for file in list(files.documentation_pages()):
        if file.generated_by is not None or file.src_uri in generated:
            continue
        translation = done.get(file.src_uri)
        if translation is None:
            noted[file.src_uri] = Noted(edition.language)
            continue
        files.remove(file)
        files.append(File(file.src_uri, src_dir=str(folder), dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls))
        if translation.stale:
            english = "../" * (file.url.count("/") + edition.prefix.count("/")) + file.url
            noted[file.src_uri] = Noted(edition.language, english)
            log.info(
                "dossier: docs/%s/%s translates an earlier text of docs/%s (%s): shown under a note; once checked against it, record %s: \"%s\"",
                edition.language, file.src_uri, file.src_uri, translation.recorded, RECORD_KEY, translation.current,
            )  # fmt: skip
    return noted


def untranslated(page_html: str, language: str) -> str:
    """A hand-written page with no translation in this edition: the English, marked and isolated as English, after a note saying so."""
    return f'<p class="untranslated-note">{untranslated_note(language)}</p>\n<div lang="en" dir="ltr" class="untranslated">\n{page_html}\n</div>'


def handed_over(language: str) -> tuple[Index, Views] | None:
    """The index and views the English build computed, in the process it forked for `language`'s edition."""
    return _handed.get(language)


@dataclass
class Child:
    """An edition building in a process of its own, into `folder`."""

    edition: Edition
    pid: int
    folder: Path


def start(config: MkDocsConfig, index: Index, views: Views) -> list[Child]:
    """Fork a process for each other edition: it renders the edition from `index` and `views` and builds it with MkDocs
    into a folder beside the site (the English build cleans the site folder itself)."""
    children = []
    for edition in editions_of(config)[1:]:  # a translation's problem stops the build before MkDocs cleans the site folder
        checked_translations(config, edition.language)
    for edition in editions_of(config)[1:]:
        folder = Path(config.site_dir).with_name(Path(config.site_dir).name + f".{edition.language}")
        shutil.rmtree(folder, ignore_errors=True)
        for handler in logging.getLogger().handlers + logging.getLogger("mkdocs").handlers:
            handler.flush()
        pid = os.fork()
        if pid == 0:  # the child: builds its edition, then ends without returning into the parent's build
            code = 1
            try:
                _handed[edition.language] = (index, views)
                other = edition_config(config, edition, str(folder))
                other.plugins.on_startup(command="build", dirty=False)
                try:
                    build(other)
                finally:
                    other.plugins.on_shutdown()
                code = 0
            except SystemExit as stop:  # MkDocs' Abort (strict warnings, a plugin's error): said here, as the command line would
                log.error("%s", stop)
                code = stop.code if isinstance(stop.code, int) and stop.code else 1
            except BaseException:  # whatever it is, the parent must hear of it and the child must end here
                traceback.print_exc()
            finally:
                logging.shutdown()
                os._exit(code)
        children.append(Child(edition, pid, folder))
    return children


def finish(children: list[Child], site_dir: Path | None) -> None:
    """Wait for each edition's process; move its site into the English one (`site_dir`), or raise when any failed."""
    failed = []
    for child in children:
        _pid, status = os.waitpid(child.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            failed.append(child)
    if failed:
        for child in children:
            shutil.rmtree(child.folder, ignore_errors=True)
        names = ", ".join(f"the {c.edition.name} ({c.edition.language}) edition" for c in failed)
        raise PluginError(f"{names} did not build: its errors are above")
    if site_dir is None:
        return
    for child in children:
        target = site_dir / child.edition.prefix.rstrip("/")
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(child.folder), str(target))
