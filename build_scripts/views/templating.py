"""The templates' environment, the data every page's template is given, and the bytes a template prints.

Pages are rendered in the render stage; a view that cuts a long list into pages first renders each of
its items once through the item's own macro and packs them by their measured bytes (`Measure`), so
that no page outgrows its budget by construction, not by an estimate of what a template prints.

An item of an entity's list is shown on the entity page, on the list's own pages, and weighed in
between: it is rendered once (`Fragments.once`), with its links left as tokens, and each page that
shows it puts in the links as seen from that page (`Fragments.resolve`).
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jinja2
from babel.support import NullTranslations
from markupsafe import Markup, escape

from .. import compiled
from ..catalogues import N_, SOURCE_LANGUAGE, translations
from ..index import Index, provenance
from ..inline import inline
from ..models import ACTOR_TYPES, CONFERENCE_KINDS, THEMES
from ..pages import Site
from ..words import (
    STATUS_LABELS,
    attribute_json,
    direction,
    script_language,
)
from . import gettext, paging
from .phrases import phrased
from .stances import INSTRUMENTS
from .wording import edition_title, option_label, period_filter, worded
from .wording import format_date as format_date  # where the templates' dates were worded before `wording.py`: kept for its importers

TEMPLATES = Path(__file__).parent.parent / "templates"
NOTE_LINK = re.compile(r'href="#(note-[^"]+)"')
BASIS_LABELS = {
    "quoted": N_("quoted, own words"),
    "own-publication": N_("own publication"),
    "reported": N_("reported by the source"),
    "characterised": N_("characterised by a third party"),
    "authorship": N_("issued it"),
}
BASIS_HELP = {
    "quoted": N_("The actor's own words, in quotation marks in the source."),
    "own-publication": N_("The actor's own statement or media."),
    "reported": N_("The source's account of what the actor said or did."),
    "characterised": N_("A third party's description of the actor's position."),
    "authorship": N_("The actor issued, adopted or signed the instrument: it counts as supporting it."),
}
THEME_LABELS = {
    "transition": N_("Transition"),
    "governance": N_("Governance"),
    "justice": N_("Justice"),
    "humanitarian": N_("Humanitarian"),
    "economy": N_("Economy"),
    "sovereignty": N_("Sovereignty"),
    "security": N_("Security"),
    "rights": N_("Rights"),
    "civil-society": N_("Civil society"),
    "process": N_("Process"),
    INSTRUMENTS: N_("Statements and instruments"),
}
"""Each theme's heading, and that of the stances on a statement or instrument as a whole, shown after the themes."""


def script_attributes(text: str, edition: str = SOURCE_LANGUAGE) -> Markup:
    """` lang="ar" dir="rtl"` for a name written in Arabic script in the English edition; ` lang="en" dir="ltr"` for a name in
    Latin script in another edition (an English name, isolated); nothing for a name in the edition's own script."""
    language = script_language(text, "" if edition == SOURCE_LANGUAGE else SOURCE_LANGUAGE)
    if not language or language == edition or not str(text).strip():
        return Markup("")
    return _attributes(language, direction(language))


def given(text: object, edition: str = SOURCE_LANGUAGE) -> Markup:
    """Words as the sources or the editors give them (a role, a place, a condition, a summary), shown as they are: in another
    edition than English, English words are marked as English and isolated (`<span lang="en" dir="ltr">`)."""
    attributes = script_attributes(str(text), edition)
    return Markup(f"<span{attributes}>{escape(text)}</span>") if attributes else escape(text)


def language_attributes(language: str) -> Markup:
    """` lang="ar" dir="rtl"` for the words of a document in `language`: right to left for a right-to-left language, otherwise
    `auto`, as a passage of an English source may quote Arabic words. A `dir` also isolates the words inside a line."""
    return _attributes(language, "rtl" if direction(language) == "rtl" else "auto")


@functools.cache
def _attributes(language: str, direction: str) -> Markup:
    """` lang="…" dir="…"`, made once for each pair (the templates ask for it hundreds of thousands of times)."""
    return Markup(f' lang="{escape(language)}" dir="{escape(direction)}"')


IMPORTED = "imported_once"
"""A page's own memo of the templates it imports, in the data its template is given (`page_context`)."""


class PageTemplate(jinja2.Template):
    """A template whose imports (`{% import … with context %}`) are made once per page render, not once per importing template.

    A page's template and the templates it imports each import `_macros.html.j2` with the page's data: Jinja makes the
    module anew each time (nine times for an actor page). Every import sits at the top of its template, where the data
    it sees is the page's own, so the module is the same each time: the page keeps the first (`IMPORTED`).
    """

    def make_module(self, vars: dict[str, Any] | None = None, shared: bool = False, locals: Any = None) -> jinja2.environment.TemplateModule:
        imported = vars.get(IMPORTED) if vars is not None and shared else None
        if imported is None:
            return super().make_module(vars, shared, locals)
        found = imported.get(self.name)
        if found is None:
            found = imported[self.name] = super().make_module(vars, shared, locals)
        return found


@functools.cache
def environment(language: str = SOURCE_LANGUAGE) -> jinja2.Environment:
    """One environment for every renderer of an edition: each template is compiled once per process (a preview renders a
    page in milliseconds, not the second it takes to compile them all); Jinja reloads a template whose file changed.

    Its messages are `language`'s (`catalogues.py`): `{% trans %}`, `_()` and `ngettext` in the templates; English, the
    templates' own language, is the identity, with English plural forms.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.template_class = PageTemplate
    say = translations(language)
    gettext.install(env, say)
    env.filters.update(worded(language, say))
    env.filters["direction"] = direction
    env.filters["script"] = functools.partial(script_attributes, edition=language)
    env.filters["edition_title"] = edition_title(language)
    # A period's name in the edition's language (`editions.period_name`): in a page's text, and plain in an attribute.
    env.filters["period"] = period_filter(language, marked=True)
    env.filters["period_text"] = period_filter(language, marked=False)
    env.filters["attribute_json"] = attribute_json
    env.filters["option_label"] = option_label
    env.filters["language_attributes"] = language_attributes
    env.filters["given"] = functools.partial(given, edition=language)
    # An annotation's note: inline Markdown, made safe (in another edition, marked as English).
    env.filters["inline"] = inline if language == SOURCE_LANGUAGE else lambda text: given(inline(text), language)
    env.filters["upfirst"] = lambda text: text[:1].upper() + text[1:]
    env.filters["page_window"] = paging.window
    env.filters.update(phrased(language, say))
    env.globals.update(
        ACTOR_TYPES=ACTOR_TYPES,
        CONFERENCE_KINDS=CONFERENCE_KINDS,
        THEMES=THEMES,
        PROVENANCE=provenance,
        **labels(say),
    )
    return compiled.keep(env, "dossier")


def labels(say: NullTranslations) -> dict[str, dict[str, str]]:
    """The tables of labels the templates look values up in (themes, bases, statuses), in the edition's language."""
    tables = {"THEME_LABELS": THEME_LABELS, "BASIS_LABELS": BASIS_LABELS, "BASIS_HELP": BASIS_HELP, "STATUS_LABELS": STATUS_LABELS}
    return {name: {key: say.gettext(text) for key, text in table.items()} for name, table in tables.items()}


class Fragments:
    """HTML rendered once and shown on several pages: the items of long lists, each through its macro.

    Rendered with `link` and `file` giving tokens, the HTML is the same on every page; `resolve` turns
    the tokens into the links of one page. Bound to one index: its items are known by identity.
    """

    def __init__(self, index: Index) -> None:
        self.index = index
        # A token: private-use characters, which escaping leaves alone, around a mark no source can know, and the target's number.
        self._mark = secrets.token_hex(8)
        self._tokens = re.compile(f"\ue000{self._mark}([0-9]+)\ue001")
        self._targets: list[tuple[bool, str, str | None]] = []
        self._numbers: dict[tuple[bool, str, str | None], int] = {}
        self._rendered: dict[tuple[Any, ...], tuple[Any, Markup]] = {}
        self._fresh: list[tuple[Any, ...]] = []
        self._page: tuple[str, dict[str, Markup]] = ("", {})

    def _token(self, target: tuple[bool, str, str | None]) -> str:
        number = self._numbers.get(target)
        if number is None:
            number = self._numbers[target] = len(self._targets)
            self._targets.append(target)
        return f"\ue000{self._mark}{number}\ue001"

    def link(self, to: str, anchor: str | None = None) -> str:
        return self._token((False, to, anchor))

    @property
    def count(self) -> int:
        """How many link targets have tokens so far."""
        return len(self._targets)

    def targets(self, start: int) -> list[tuple[bool, str, str | None]]:
        """The link targets given tokens from number `start` on: what a forked copy of these fragments sends back (`fitting.py`)."""
        return self._targets[start:]

    def adopt(self, targets: list[tuple[bool, str, str | None]], start: int) -> Callable[[str], str]:
        """What turns HTML made by a forked copy of these fragments, which numbered `targets` from `start` on, into HTML with these
        fragments' tokens for the same targets (the copy's tokens below `start` are these fragments' own)."""
        tokens = {str(start + n): self._token(target) for n, target in enumerate(targets)}
        return lambda html: self._tokens.sub(lambda match: tokens.get(match[1], match[0]), html)

    def file(self, to: str) -> str:
        return self._token((True, to, None))

    def once(self, macro: Any, item: Any, *args: Any, **keywords: Any) -> Markup:
        """`macro` called with `item` (and `args`), rendered the first time only: an item is known by identity (a string by value)."""
        key = (macro.name, item if isinstance(item, str) else id(item), repr(args), repr(sorted(keywords.items())))
        found = self._rendered.get(key)
        if found is None or (found[0] is not item and not isinstance(item, str)):
            # The item is kept with its HTML, so that its identity is not given to another while it is known.
            found = self._rendered[key] = (item, Markup(macro(item, *args, **keywords)))
            self._fresh.append(key)
        return found[1]

    def keep(self, items: Iterable[Any]) -> None:
        """Forget the items rendered since the last call but `items`: those shown again later (the lists that have pages of their own)."""
        known = {item if isinstance(item, str) else id(item) for item in items}
        for key in self._fresh:
            if key[1] not in known:
                self._rendered.pop(key, None)
        self._fresh = []

    def release(self) -> None:
        """Forget every item rendered: once the pages are rendered, they serve no one (an edit's preview renders with an
        index of its own, hence fragments of its own); at 10,000 sources they hold hundreds of megabytes."""
        self._rendered.clear()
        self._fresh = []
        self._page = ("", {})

    def section(self, path: str) -> Callable[..., Markup]:
        """`section(macro, *args)` for the page at `path`: a part of the page that its lists do not change, rendered once
        however many times the page is weighed (the parts of the last page only are kept)."""

        def section(macro: Any, *args: Any, **keywords: Any) -> Markup:
            if self._page[0] != path:
                self._page = (path, {})
            key = repr((macro.name, args, sorted(keywords.items())))
            found = self._page[1].get(key)
            if found is None:
                found = self._page[1][key] = Markup(macro(*args, **keywords))
            return found

        return section

    def resolve(self, html: str, site: Site, path: str, locate: Callable[[str, str], str], anchored: set[tuple[str, str]] | None = None) -> str:
        """`html` with its tokens made links from the page at `path` to the page that holds each anchor now (`locate`).

        `anchored`: given the anchors of other pages the HTML links to.
        """
        links: dict[str, str] = {}

        def link(match: re.Match[str]) -> str:
            found = links.get(match[1])
            if found is None:
                file, to, anchor = self._targets[int(match[1])]
                if anchored is not None and anchor:
                    anchored.add((to, anchor))
                target = site.file_link(path, to) if file else site.link(path, locate(to, anchor) if anchor else to, anchor)
                found = links[match[1]] = str(escape(target))
            return found

        return self._tokens.sub(link, html)


def fragments_of(views: Any, index: Index) -> Fragments:
    """The fragments rendered so far for `index` (kept with the views' listings, one edition's index or another's), or new ones
    for another index (the preview's)."""
    listings = views.listings
    found = [listings.fragments, *(fragments for fragments, _ in getattr(listings, "editions", {}).values())]
    return next((fragments for fragments in found if fragments is not None and fragments.index is index), None) or Fragments(index)


def page_context(
    index: Index, views: Any, site: Site, path: str, title: str, link: Callable[..., str] | None = None, fragments: Fragments | None = None
) -> dict[str, Any]:
    """What every page's template is given besides its own data: the index, the views, and links relative to the page at `path`.

    Plain data and the page's links: a template computes nothing (an entity page's view model is its own data: `entities.py`).

    `link`: how the page links to another (by default, to the page that holds the anchor now: `views.listings.locate`).
    `fragments`: when given, links are its tokens (the caller resolves them) and `once` renders an item once for every page.
    """

    def located(to: str, anchor: str | None = None) -> str:
        # An anchor whose content moved to a page of a long list is linked there.
        return site.link(path, views.listings.locate(to, anchor) if anchor else to, anchor)

    def source_text(doc_id: str) -> Markup:
        """A source's text; when its notes have a page of their own, each marker opens its note there."""
        html = index.bodies[f"documents/{doc_id}"].html
        if views.listings.of(path, "annotations") is None:
            return Markup(html)
        # The markers are body.py's own markup (`<a href="#note-<id>"`), not the source's: their targets moved.
        return Markup(NOTE_LINK.sub(lambda m: f'href="{site.link(path, views.listings.locate(path, m[1]), m[1])}"', html))

    return dict(
        index=index,
        sources=index.sources,
        views=views,
        site=site,
        here=path,
        link=fragments.link if fragments else link or located,
        file=fragments.file if fragments else lambda to: site.file_link(path, to),
        once=fragments.once if fragments else _now,
        section=fragments.section(path) if fragments else _now,
        source_text=source_text,
        title=title,
        edition_language=site.language,  # the edition the page is rendered for (`edition` is the agreement view's own)
        original=None,  # an entity page in another edition: its record as the sources give it (editions.localised_spec)
        **{IMPORTED: {}},
    )


def _now(macro: Any, *args: Any, **keywords: Any) -> Markup:
    """`once` and `section` without fragments: the macro rendered each time it is shown."""
    return Markup(macro(*args, **keywords))
