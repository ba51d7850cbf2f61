"""Render stage: every page of the dossier as an HTML fragment, from the index.

Pages are engine-neutral: a path under the docs folder, a title and an HTML body
rendered by Jinja2 templates with autoescaping on, so text from sources is always
escaped. The MkDocs hook is one publisher of these pages; another engine could be.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import views
from .index import ClaimRecord, Index, QuoteRecord, provenance
from .load import Progress
from .models import ACTOR_TYPES, CONFERENCE_KINDS, STANCES, THEMES, Date
from .pages import Page, PageSpec, Site
from .redirects import Redirect, redirects
from .views import listings, paging, profiles
from .views.entity_lists import instrument_positions
from .views.listings import invokers
from .views.stances import INSTRUMENTS
from .words import STATUS_LABELS, counted, date_words, direction, language_name, plural, script_language, type_label

__all__ = ["Page", "Renderer", "Site", "format_date", "invokers"]

TEMPLATES = Path(__file__).parent / "templates"
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
def _environment() -> jinja2.Environment:
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
    env.filters["with_article"] = with_article
    env.filters["upfirst"] = lambda text: text[:1].upper() + text[1:]
    env.filters["type_label"] = type_label
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


class Renderer:
    """Renders each kind of page from one index; knows nothing of MkDocs."""

    def __init__(self, index: Index, site: Site, computed: views.Views, progress: Progress | None = None) -> None:
        """`computed`: the views of this index (the pipeline's `compute` stage); a renderer never computes them.

        `progress`: told of each page as it is rendered.
        """
        self.index = index
        self.site = site
        self.env = _environment()
        self.progress = progress
        self.rendered = 0
        self.views = computed

    def page(self, path: str, title: str, template: str, **context: Any) -> Page:
        if self.progress is not None:
            self.rendered += 1
            self.progress("rendering", self.rendered, None)

        def link(to: str, anchor: str | None = None) -> str:
            # An anchor whose content moved to a page of a long list is linked there.
            return self.site.link(path, self.views.listings.locate(to, anchor) if anchor else to, anchor)

        html = self.env.get_template(template).render(
            ix=self.index,
            s=self.index.sources,
            v=self.views,
            site=self.site,
            here=path,
            link=link,
            file=lambda to: self.site.file_link(path, to),
            body=self.body,
            source_text=lambda doc_id: self.source_text(path, doc_id),
            note_index=note_index,
            title=title,
            stance_actors=lambda topic: stance_actors(self.index, topic),
            invokers=lambda instrument: invokers(self.index, instrument),
            newest_first=lambda documents: listings.newest_first(self.index, documents),
            newest_quotes=listings.quotes_newest_first,
            page_window=paging.window,
            profile=lambda actor: profiles.profile(self.index, self.views.cells, actor),
            attribution_runs=attribution_runs,
            actor_runs=actor_runs,
            **context,
        )
        return Page(path, title, html)

    def body(self, kind: str, record_id: str) -> Markup:
        """A record's body, rendered and sanitised in the validate stage."""
        return Markup(self.index.bodies[f"{kind}/{record_id}"].html)

    def source_text(self, path: str, doc_id: str) -> Markup:
        """A source's text; when its notes have a page of their own, each marker opens its note there."""
        html = self.index.bodies[f"documents/{doc_id}"].html
        if self.views.listings.of(path, "annotations") is None:
            return Markup(html)
        # The markers are body.py's own markup (`<a href="#note-<id>"`), not the source's: their targets moved.
        return Markup(NOTE_LINK.sub(lambda m: f'href="{self.site.link(path, self.views.listings.locate(path, m[1]), m[1])}"', html))

    def all(self) -> list[Page]:
        ix, s = self.index, self.index.sources
        pages: list[Page] = []
        for actor_id, actor in s.actors.items():
            title = actor.model.name.value + (f" ({actor.model.acronym.value})" if actor.model.acronym else "")
            pages.append(self.page(f"actors/{actor_id}.md", title, "actor.html.j2", id=actor_id, a=actor.model))
        for conf_id, conf in s.conferences.items():
            pages.append(self.page(f"conferences/{conf_id}.md", conf.model.name.value, "conference.html.j2", id=conf_id, c=conf.model))
        for demand_id, demand in s.demands.items():
            pages.append(self.page(f"demands/{demand_id}.md", demand.model.statement, "demand.html.j2", id=demand_id, d=demand.model))
        pages += [self.source_page(doc_id) for doc_id in s.documents]
        pages += [self.instrument_page(instrument_id) for instrument_id in s.instruments]
        pages += [self.render(spec) for spec in views.pages(self.views, ix)]
        return sorted(pages, key=lambda p: p.path)

    def redirects(self, pages: list[Page]) -> list[Redirect]:
        """A redirect page at each old address of a renamed entity's pages."""
        return redirects(self.index, self.site, {page.path: page.title for page in pages}, self.env.get_template("redirect.html.j2"))

    def instrument_page(self, instrument_id: str) -> Page:
        """An instrument's page: who supports or opposes it (its issuers among the supporters), apart from who invokes it."""
        model = self.index.sources.instruments[instrument_id].model
        positions = instrument_positions(self.index, instrument_id)
        return self.page(f"instruments/{instrument_id}.md", model.name.value, "instrument.html.j2", id=instrument_id, i=model, positions=positions)

    def source_page(self, doc_id: str) -> Page:
        doc = self.index.sources.documents[doc_id].model
        return self.page(f"sources/{doc_id}.md", doc.title, "source.html.j2", id=doc_id, d=doc)

    def render(self, spec: PageSpec) -> Page:
        return self.page(spec.path, spec.title, spec.template, **spec.context)

    def home_figures(self) -> str:
        """The home page's figures, computed from the sources, as an HTML fragment."""
        return self.page("index.md", "Home", "home_figures.html.j2").html


def stance_actors(index: Index, topic: str, first_hand: bool = False) -> dict[str, list[str]]:
    """Stance → the distinct actors taking it on `topic`, a demand or an instrument (a joint claim counts once for each of its actors; an issuer supports)."""
    sides: dict[str, set[str]] = {stance: set() for stance in STANCES}
    for claim in index.by_demand.get(topic) or index.stances_by_instrument.get(topic, []):
        if first_hand and not claim.first_hand:
            continue
        sides[claim.stance].update(claim.actors)
    return {stance: sorted(actors) for stance, actors in sides.items()}


def attribution_runs(claims: list[ClaimRecord]) -> list[tuple[tuple[str | None, str, str | None], list[ClaimRecord]]]:
    """Consecutive claims that share speaker, basis and conference, in document order: said once for the run."""
    runs: list[tuple[tuple[str | None, str, str | None], list[ClaimRecord]]] = []
    for claim in claims:
        key = (claim.speaker, claim.basis, claim.conference)
        if runs and runs[-1][0] == key:
            runs[-1][1].append(claim)
        else:
            runs.append((key, [claim]))
    return runs


def actor_runs(claims: list[ClaimRecord]) -> list[tuple[tuple[str, ...], list[ClaimRecord]]]:
    """Consecutive claims of the same actors, in order: their names said once for the run."""
    runs: list[tuple[tuple[str, ...], list[ClaimRecord]]] = []
    for claim in claims:
        if runs and runs[-1][0] == claim.actors:
            runs[-1][1].append(claim)
        else:
            runs.append((claim.actors, [claim]))
    return runs


def note_index(claims: list[ClaimRecord], quotes: list[QuoteRecord]) -> list[tuple[tuple[str, ...], list[tuple[str, str]]]]:
    """Who the notes of a source are about, in order of first note: (actors, [(`1–3`, the id of note 1), (`7`, …)])."""
    numbered: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for n, claim in enumerate(claims, start=1):
        numbered.setdefault(claim.actors, []).append((n, claim.id))
    for n, quote in enumerate(quotes, start=len(claims) + 1):
        numbered.setdefault(quote.voices[:1], []).append((n, quote.id))
    return [(actors, _ranges(found)) for actors, found in numbered.items()]


def _ranges(numbered: list[tuple[int, str]]) -> list[tuple[str, str]]:
    """Consecutive numbers as runs: [(`1–3`, the first one's id), (`7`, its id)]."""
    runs: list[list[tuple[int, str]]] = []
    for n, ident in numbered:
        if runs and n == runs[-1][-1][0] + 1:
            runs[-1].append((n, ident))
        else:
            runs.append([(n, ident)])
    return [(f"{run[0][0]}–{run[-1][0]}" if len(run) > 1 else str(run[0][0]), run[0][1]) for run in runs]
