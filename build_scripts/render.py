"""Render stage: every page of the dossier as an HTML fragment, from the index.

Pages are engine-neutral: a path under the docs folder, a title and an HTML body
rendered by Jinja2 templates with autoescaping on, so text from sources is always
escaped. The MkDocs hook is one publisher of these pages; another engine could be.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from babel import Locale, UnknownLocaleError
from markupsafe import Markup

from .index import ClaimRecord, Index, provenance
from .models import ACTOR_TYPES, CONFERENCE_KINDS, STANCES, THEMES, Date

TEMPLATES = Path(__file__).parent / "templates"
BASIS_LABELS = {
    "quoted": "quoted, own words",
    "own-publication": "own publication",
    "reported": "reported by the source",
    "characterised": "characterised by a third party",
}
BASIS_HELP = {
    "quoted": "The actor's own words, in quotation marks in the source.",
    "own-publication": "The actor's own statement or media.",
    "reported": "The source's account of what the actor said or did.",
    "characterised": "A third party's description of the actor's position.",
}
STATUS_LABELS = {
    "organised": "organised",
    "attended": "attended",
    "spoke": "spoke",
    "addressed": "addressed by a speaker",
    "boycotted": "boycotted",
    "absent": "absent",
    "invited": "invited",
}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


@dataclass(frozen=True)
class Site:
    """How pages address each other: MkDocs' `use_directory_urls` and similar."""

    directory_urls: bool = True

    def url(self, path: str) -> str:
        """Site-relative URL of the page at `path` (`actors/snc.md` → `actors/snc/`)."""
        stem = path.removesuffix(".md")
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    def link(self, from_path: str, to_path: str, anchor: str | None = None) -> str:
        """Relative link from one page to another (and an anchor on it)."""
        here, there = self.url(from_path), self.url(to_path)
        base = posixpath.dirname(here) if not here.endswith("/") else here.rstrip("/")
        relative = posixpath.relpath(there or ".", base or ".") if there != here else ""
        if there.endswith("/") and relative and not relative.endswith("/"):
            relative += "/"
        if relative in ("", "."):
            relative = "./" if not anchor else ""
        return relative + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class Page:
    """One generated page: its path under docs, its plain-text title and its content."""

    path: str
    title: str
    html: str

    @property
    def markdown(self) -> str:
        """The page as a Markdown file with front matter: what MkDocs reads."""
        meta = json.dumps(escape(self.title, quote=False), ensure_ascii=False)
        return f"---\ntitle: {meta}\ngenerated: true\n---\n\n{self.html.strip()}\n"


def format_date(date: Date | None, unknown: str = "date not given") -> Markup:
    """A date as precise as it is known, marked when approximate."""
    if date is None:
        return Markup('<span class="unknown">{}</span>').format(unknown)
    parts = date.value.split("-")
    text = parts[0]
    if len(parts) >= 2:
        text = f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 3:
        text = f"{int(parts[2])} {text}"
    if date.approximate:
        title = f"Approximate date. {date.note}" if date.note else "Approximate date"
        return Markup('<time datetime="{}" class="approximate" title="{}">c.&nbsp;{}</time>').format(date.value, title, text)
    return Markup('<time datetime="{}">{}</time>').format(date.value, text)


def language_name(code: str) -> str:
    """A language code by its English name (`ar` → Arabic); the code itself when unknown."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name("en")
    except (ValueError, UnknownLocaleError):
        return code
    return name or code


def _environment() -> jinja2.Environment:
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
    env.globals.update(
        ACTOR_TYPES=ACTOR_TYPES,
        CONFERENCE_KINDS=CONFERENCE_KINDS,
        THEMES=THEMES,
        BASIS_LABELS=BASIS_LABELS,
        BASIS_HELP=BASIS_HELP,
        STATUS_LABELS=STATUS_LABELS,
        PROVENANCE=provenance,
    )
    return env


class Renderer:
    """Renders each kind of page from one index; knows nothing of MkDocs."""

    def __init__(self, index: Index, site: Site) -> None:
        self.index = index
        self.site = site
        self.env = _environment()

    def page(self, path: str, title: str, template: str, **context: Any) -> Page:
        def link(to: str, anchor: str | None = None) -> str:
            return self.site.link(path, to, anchor)

        html = self.env.get_template(template).render(
            ix=self.index,
            s=self.index.sources,
            link=link,
            body=self.body,
            title=title,
            stance_actors=lambda demand: stance_actors(self.index, demand),
            invokers=lambda instrument: invokers(self.index, instrument),
            attribution_runs=attribution_runs,
            **context,
        )
        return Page(path, title, html)

    def body(self, kind: str, record_id: str) -> Markup:
        """A record's body, rendered and sanitised in the validate stage."""
        return Markup(self.index.bodies[f"{kind}/{record_id}"].html)

    def all(self) -> list[Page]:
        ix, s = self.index, self.index.sources
        pages = [
            self.page("actors/index.md", "Actors", "actors_index.html.j2"),
            self.page("conferences/index.md", "Conferences", "conferences_index.html.j2", conference_order=sorted(s.conferences, key=ix.conference_sort_key)),
            self.page("demands/index.md", "Demands", "demands_index.html.j2"),
            self.page("sources/index.md", "Sources", "sources_index.html.j2", source_order=newest_first(ix)),
            self.page("instruments/index.md", "Instruments", "instruments_index.html.j2"),
        ]
        for actor_id, actor in s.actors.items():
            title = actor.model.name.value + (f" ({actor.model.acronym.value})" if actor.model.acronym else "")
            pages.append(self.page(f"actors/{actor_id}.md", title, "actor.html.j2", id=actor_id, a=actor.model, related=related_actors(ix, actor_id)))
        for conf_id, conf in s.conferences.items():
            pages.append(self.page(f"conferences/{conf_id}.md", conf.model.name.value, "conference.html.j2", id=conf_id, c=conf.model))
        for demand_id, demand in s.demands.items():
            pages.append(self.page(f"demands/{demand_id}.md", demand.model.statement, "demand.html.j2", id=demand_id, d=demand.model))
        for doc_id, doc in s.documents.items():
            pages.append(self.page(f"sources/{doc_id}.md", doc.model.title, "source.html.j2", id=doc_id, d=doc.model))
        for instrument_id, instrument in s.instruments.items():
            pages.append(self.page(f"instruments/{instrument_id}.md", instrument.model.name.value, "instrument.html.j2", id=instrument_id, i=instrument.model))
        return sorted(pages, key=lambda p: p.path)

    def home_figures(self) -> str:
        """The home page's figures, computed from the sources, as an HTML fragment."""
        return self.page("index.md", "Home", "home_figures.html.j2", contested=contested_demands(self.index)).html


def related_actors(index: Index, actor_id: str) -> list[tuple[str, str, list[str]]]:
    """Actors that took a position on the same demands: (actor, `agrees`/`differs`, demands)."""
    mine = {(c.demand, c.stance) for c in index.by_actor.get(actor_id, [])}
    relation: dict[tuple[str, str], set[str]] = {}
    for demand, stance in mine:
        for other in index.by_demand.get(demand, []):
            for other_actor in other.actors:
                if other_actor == actor_id:
                    continue
                kind = "agrees" if other.stance == stance else "differs"
                relation.setdefault((other_actor, kind), set()).add(demand)
    return sorted((actor, kind, sorted(demands)) for (actor, kind), demands in relation.items())


def stance_actors(index: Index, demand: str, first_hand: bool = False) -> dict[str, list[str]]:
    """Stance → the distinct actors taking it on `demand` (a joint claim counts once for each of its actors)."""
    sides: dict[str, set[str]] = {stance: set() for stance in STANCES}
    for claim in index.by_demand.get(demand, []):
        if first_hand and not claim.first_hand:
            continue
        sides[claim.stance].update(claim.actors)
    return {stance: sorted(actors) for stance, actors in sides.items()}


def contested_demands(index: Index) -> list[tuple[str, int, int, int, int]]:
    """Demands with both supporters and opponents: (demand, supporters, opponents, first-hand supporters, first-hand opponents)."""
    rows = []
    for demand in sorted(index.by_demand):
        sides = stance_actors(index, demand)
        if sides["supports"] and sides["opposes"]:
            first = stance_actors(index, demand, first_hand=True)
            rows.append((demand, len(sides["supports"]), len(sides["opposes"]), len(first["supports"]), len(first["opposes"])))
    return sorted(rows, key=lambda r: (-(r[1] + r[2]), r[0]))


def invokers(index: Index, instrument: str) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """Actors whose positions invoke `instrument`: (actor, [(stance, demand, number of positions)]).

    A stance is on a demand, never on the instrument itself: opposing "parallel tracks outside
    Resolution 2254" invokes the resolution without opposing it.
    """
    counts: dict[str, dict[tuple[str, str], int]] = {}
    for claim in index.by_instrument.get(instrument, []):
        for actor in claim.actors:
            per_actor = counts.setdefault(actor, {})
            per_actor[(claim.stance, claim.demand)] = per_actor.get((claim.stance, claim.demand), 0) + 1
    return [
        (actor, [(stance, demand, n) for (stance, demand), n in sorted(per.items(), key=lambda item: (STANCES.index(item[0][0]), item[0][1]))])
        for actor, per in sorted(counts.items())
    ]


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


def newest_first(index: Index) -> list[str]:
    """Document ids, newest first, undated last."""
    documents = index.sources.documents
    dated = sorted((d for d in documents if documents[d].model.date), key=index.document_sort_key, reverse=True)
    return dated + sorted(d for d in documents if not documents[d].model.date)
