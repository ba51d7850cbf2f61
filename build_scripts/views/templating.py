"""The templates' environment, the data every page's template is given, and the bytes a template prints.

Pages are rendered in the render stage; a view that cuts a long list into pages first renders each of
its items once through the item's own macro and packs them by their measured bytes (`Measure`), so
that no page outgrows its budget by construction, not by an estimate of what a template prints.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..index import Index, provenance
from ..inline import inline
from ..models import ACTOR_TYPES, CONFERENCE_KINDS, THEMES, Date
from ..pages import Site
from ..words import STATUS_LABELS, counted, date_words, direction, language_name, plural, script_language, type_label
from . import paging
from .stances import INSTRUMENTS

TEMPLATES = Path(__file__).parent.parent / "templates"
NOTE_LINK = re.compile(r'href="#(note-[^"]+)"')
BASIS_LABELS = {
    "quoted": "quoted, own words",
    "own-publication": "own publication",
    "reported": "reported by the source",
    "characterised": "characterised by a third party",
    "authorship": "issued it",
}
BASIS_HELP = {
    "quoted": "The actor's own words, in quotation marks in the source.",
    "own-publication": "The actor's own statement or media.",
    "reported": "The source's account of what the actor said or did.",
    "characterised": "A third party's description of the actor's position.",
    "authorship": "The actor issued, adopted or signed the instrument: it counts as supporting it.",
}
THEME_LABELS = {theme: theme.replace("-", " ").capitalize() for theme in THEMES} | {INSTRUMENTS: "Statements and instruments"}
"""Each theme's heading, and that of the stances on a statement or instrument as a whole, shown after the themes."""


def format_date(date: Date | None, unknown: str = "date not given", brief: bool = False) -> Markup:
    """A date as precise as it is known, marked when approximate (`brief`: without the note, said where the date is given)."""
    if date is None:
        return Markup('<span class="unknown">{}</span>').format(unknown)
    text = date_words(date)
    if date.approximate:
        title = f"Approximate date. {date.note}" if date.note and not brief else "Approximate date: the source page says how it was worked out"
        return Markup('<time datetime="{}" class="approximate" title="{}">c.&nbsp;{}</time>').format(date.value, title, text)
    if date.no_later_than:
        title = "No later than this date: the source does not say when exactly" + (f". {date.note}" if date.note and not brief else "")
        return Markup('<span class="upper-bound" title="{}">by&nbsp;<time datetime="{}">{}</time></span>').format(title, date.value, text)
    return Markup('<time datetime="{}">{}</time>').format(date.value, text)


def script_attributes(text: str) -> Markup:
    """` lang="ar" dir="rtl"` for a name written in Arabic script, nothing otherwise: names carry no language of their own."""
    language = script_language(text, "")
    return Markup(' lang="{}" dir="{}"').format(language, direction(language)) if language else Markup("")


def with_article(label: str) -> str:
    """`a party`, `an organisation`, `a UN body`, `an NGO`: the article as the label is said aloud."""
    spoken_vowel = (label[:1].lower() in "aeiou" and not label.startswith("UN ")) or label.startswith("NGO")
    return ("an " if spoken_vowel else "a ") + label


@functools.cache
def environment() -> jinja2.Environment:
    """One environment for every renderer: each template is compiled once per process (a preview renders a page in
    milliseconds, not the second it takes to compile them all); Jinja reloads a template whose file changed."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["date"] = format_date
    env.filters["language_name"] = language_name
    env.filters["direction"] = direction
    env.filters["script"] = script_attributes
    env.filters["counted"] = counted
    env.filters["plural"] = plural
    env.filters["inline"] = inline  # an annotation's note: inline Markdown, made safe
    env.filters["with_article"] = with_article
    env.filters["upfirst"] = lambda text: text[:1].upper() + text[1:]
    env.filters["type_label"] = type_label
    env.filters["page_window"] = paging.window
    env.globals.update(
        ACTOR_TYPES=ACTOR_TYPES,
        CONFERENCE_KINDS=CONFERENCE_KINDS,
        THEMES=THEMES,
        THEME_LABELS=THEME_LABELS,
        BASIS_LABELS=BASIS_LABELS,
        BASIS_HELP=BASIS_HELP,
        STATUS_LABELS=STATUS_LABELS,
        PROVENANCE=provenance,
    )
    return env


def page_context(index: Index, views: Any, site: Site, path: str, title: str, link: Callable[..., str] | None = None) -> dict[str, Any]:
    """What every page's template is given besides its own data: the index, the views, and links relative to the page at `path`.

    Plain data and the page's links: a template computes nothing (an entity page's view model is its own data: `entities.py`).

    `link`: how the page links to another (by default, to the page that holds the anchor now: `views.listings.locate`).
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
        link=link or located,
        file=lambda to: site.file_link(path, to),
        source_text=source_text,
        title=title,
    )


class Measure:
    """Renders a template's macros and whole pages to weigh them: a page's bytes are measured, never estimated.

    Given the views computed so far (a list's pages are not known yet while it is being cut: its links
    lead to the pages they lead to before it is cut, a few bytes off at most, which the budgets leave room for).
    """

    def __init__(self, index: Index, site: Site, views: Any) -> None:
        self.index = index
        self.site = site
        self.views = views
        self.env = environment()
        self._modules: dict[tuple[str, str, str], Any] = {}

    def module(self, template: str, here: str, **data: Any) -> Any:
        """The template's macros as a page at `here` sees them (`data`: the page's own variables, such as the entity's `id`)."""
        key = (template, here, repr(sorted(data.items())))
        found = self._modules.get(key)
        if found is None:
            if len(self._modules) > 256:  # the pages of one entity at a time: keep the last few
                self._modules.clear()
            found = self._modules[key] = self.env.get_template(template).make_module(page_context(self.index, self.views, self.site, here, "") | data)
        return found

    def macro(self, template: str, here: str, name: str, *args: Any, **data: Any) -> int:
        """Bytes of one macro's output: `name` of `template` called with `args`, on the page at `here`."""
        return len(str(getattr(self.module(template, here, **data), name)(*args)).encode())

    def page(self, path: str, title: str, template: str, views: Any, context: dict[str, Any]) -> tuple[str, set[tuple[str, str]]]:
        """A whole page rendered with `views`, and the anchors of other pages it links to (a list that moves takes its anchors along)."""
        anchored: set[tuple[str, str]] = set()

        def link(to: str, anchor: str | None = None) -> str:
            if anchor:
                anchored.add((to, anchor))
                to = views.listings.locate(to, anchor)
            return self.site.link(path, to, anchor)

        html = self.env.get_template(template).render(page_context(self.index, views, self.site, path, title, link) | context)
        return html, anchored
