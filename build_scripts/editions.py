"""The dossier's editions: English, the language of the sources' annotations and of the templates, and Arabic.

One pipeline, several renders: the index is checked and the views computed once; each edition renders them
in its language (`pipeline.render` with the edition's `Site.language`). For an edition in another language,
`localised` gives the renderer the same index with what the editors translated in the places the pages show
names and statements: an entity's name in that language where the dossier has it (`name_ar`, `statement_ar`,
`description_ar`); where it has none, the English stays, and the pages mark it `lang="en"`, isolated. Evidence,
quotes and the sources' texts are never translated: they stay verbatim in their own language.
"""

from __future__ import annotations

import copy
import html
import re
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from .body import read_body
from .catalogues import N_, translations
from .index import Index
from .load import Record
from .pages import PageSpec

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Edition:
    """One language's edition of the site: where it is published beside the English one, and its names for itself."""

    language: str
    prefix: str
    """Its pages' folder under the published site: "" for English, "ar/" for Arabic."""
    name: str
    """The language's name in itself, for the switcher."""


EDITIONS: dict[str, Edition] = {"en": Edition("en", "", "English"), "ar": Edition("ar", "ar/", "العربية")}
"""Every edition, English first (the published site's root)."""

TRANSLATED = {"name": "name_ar", "statement": "statement_ar"}
"""A field the pages show → the field that holds it in Arabic (editors' translations are marked as such in the sources)."""

_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def localised(index: Index, language: str) -> Index:
    """The index as an edition in `language` shows it: the same records, with each entity's translated name and statement
    in place of the English (where the dossier has them). English is the index itself."""
    if language == SOURCE_LANGUAGE:
        return index
    made: dict[str, Index] = index.__dict__.setdefault("_localised", {})  # one per index and language: the paginator's and the render's
    if language in made:
        return made[language]
    suffix = f"_{language}"
    sources = index.sources
    kinds = {
        kind: {rid: _translated(record, suffix) for rid, record in getattr(sources, kind).items()}
        for kind in ("actors", "conferences", "instruments", "demands")
    }
    shown = copy.copy(index)  # the groupings (claims by actor...) are the index's own: shared, not built again
    shown.sources = replace(sources, actors=kinds["actors"], conferences=kinds["conferences"], instruments=kinds["instruments"], demands=kinds["demands"])
    shown.__dict__["_localised"] = {}
    made[language] = shown
    return shown


def _translated(record: Record[Any], suffix: str) -> Record[Any]:
    model = record.model
    update: dict[str, Any] = {}
    name = getattr(model, "name" + suffix, None)
    if name is not None:
        update["name"] = name
        # The translated name says what the acronym and the short name say in English: labels show it instead.
        for short in ("acronym", "short_name"):
            if getattr(model, short, None) is not None:
                update[short] = None
    statement = getattr(model, "statement" + suffix, None)
    if statement is not None:
        update["statement"] = statement.value
    return replace(record, model=model.model_copy(update=update)) if update else record


def localised_spec(spec: PageSpec, shown: Index, original: Index, language: str) -> PageSpec:
    """An entity page's view model with the edition's names, and the English record beside them (`original`), for the
    rows that name the English (a translated name's English original, its acronym)."""
    if language == SOURCE_LANGUAGE:
        return spec
    kind = spec.path.split("/", 1)[0]
    record_id = spec.context.get("id")
    singular = {"actors": "actor", "conferences": "conference", "demands": "demand", "instruments": "instrument"}.get(kind)
    if singular is None or record_id is None or singular not in spec.context:  # a list's continuation page: names come from the index
        return spec
    record = getattr(shown.sources, kind)[record_id]
    context = dict(spec.context)
    context[singular] = record.model
    context["original"] = getattr(original.sources, kind)[record_id].model
    if "description" in context:
        context["description"] = description(record.model, context["description"], language)
    return replace(spec, context=context)


def description(model: Any, english: Markup, language: str) -> Markup:
    """An entity's description in the edition's language: its translation where the dossier has one (marked when it is the
    editors'), else the English, marked and isolated as English."""
    translated = getattr(model, f"description_{language}", None)
    if translated is not None:  # Markdown as the body is, sanitised the same way (the check refused what the body may not hold)
        shown = Markup(read_body(translated.value, []).html)
        if translated.editorial:
            note = translations(language).gettext(N_("The editors' translation of the description."))
            shown += Markup('<p class="translation-note">{}</p>').format(note)
        return shown
    if not str(english).strip():
        return english
    return Markup('<div lang="en" dir="ltr" class="untranslated">{}</div>').format(english)


def page_title(title: str, html_text: str, language: str) -> str:
    """A page's plain-text title in the edition's language: its heading's words, as the template wrote them in that
    language; the title translated where the page has no heading of its own."""
    if language == SOURCE_LANGUAGE:
        return title
    found = _H1.search(html_text)
    if found is not None:
        words = " ".join(html.unescape(_TAGS.sub("", found.group(1))).split())
        if words:
            return words
    return translations(language).gettext(title)


_MATRIX = re.compile(r"Stance matrix(?:, (?P<period>[^:]+))?: (?P<label>[^(]+?)(?: \((?P<where>.+)\))?")
_RANGE = re.compile(r"(?P<what>demands|columns|actors) (?P<first>\d+)–(?P<last>\d+)(?P<activity> by activity)?")
_PERIOD = re.compile(r"(?P<what>Agreement and conflict|Contested demands) in (?P<period>.+?)(?P<counted>, third parties' descriptions counted)?")
PERIOD_TITLES = {
    ("Agreement and conflict", False): N_("Agreement and conflict in %(period)s"),
    ("Agreement and conflict", True): N_("Agreement and conflict in %(period)s, third parties' descriptions counted"),
    ("Contested demands", False): N_("Contested demands in %(period)s"),
    ("Contested demands", True): N_("Contested demands in %(period)s, third parties' descriptions counted"),
}
"""A period's pages of the agreement view, as the views stage titles them in English (`Contested demands in 2024 (2 of 3)` numbered)."""
_TIMELINE = re.compile(r"Timeline: (?P<label>.+?)(?:, part (?P<part>\d+) of (?P<parts>\d+))?")
RANGES = {
    "demands": N_("demands %(first)s–%(last)s"),
    "columns": N_("columns %(first)s–%(last)s"),
    "actors": N_("actors %(first)s–%(last)s by activity"),
}
"""Which part of a theme's matrix a page holds, as its title says it."""


def view_title(title: str, language: str, periods: dict[str, str] | None = None) -> str:
    """A view page's title, which the views stage words in English (`Stance matrix: governance (actors 1–40 by activity)`,
    `Timeline: 2024, part 2 of 3`), in the edition's language; English as it is. `periods`: the editors' names of periods in
    the edition's language, by their English names (a period named by its years is worded as a date is)."""
    if language == SOURCE_LANGUAGE:
        return title
    say = translations(language)
    arabic = periods or {}
    from .views.templating import THEME_LABELS  # the templates' table (it imports this module's neighbours, not this module)

    if found := _MATRIX.fullmatch(title):
        theme = found["label"].replace(" ", "-")
        lowered = {label.lower(): label for label in THEME_LABELS.values()}  # the statements and instruments' label, lower-cased
        label = say.gettext(THEME_LABELS[theme] if theme in THEME_LABELS else lowered.get(found["label"], found["label"]))
        if found["period"]:
            period = arabic.get(found["period"]) or _date_words(found["period"], say)
            worded = say.gettext(N_("Stance matrix, %(period)s: %(label)s")) % {"period": period, "label": label}
        else:
            worded = say.gettext(N_("Stance matrix: %(label)s")) % {"label": label}
        parts = [m.groupdict() for m in _RANGE.finditer(found["where"] or "")]
        ranges = [say.gettext(RANGES[p["what"]]) % {"first": p["first"], "last": p["last"]} for p in parts]
        return worded + (f" ({say.gettext(N_(', ')).join(ranges)})" if ranges else "")
    if found := _NUMBERED.fullmatch(title):  # a paged list of the agreement view: `Contested demands (2 of 13)`
        named = view_title(found["title"], language, periods)
        return say.gettext(N_("%(title)s (%(number)s of %(count)s)")) % {"title": named, "number": found["number"], "count": found["count"]}
    if found := _PERIOD.fullmatch(title):  # a period's agreement page, or its list of contested demands
        period = arabic.get(found["period"]) or _date_words(found["period"], say)
        return say.gettext(PERIOD_TITLES[found["what"], bool(found["counted"])]) % {"period": period}
    if found := _PAGE_OF.fullmatch(title):  # the position changes' pages: `Position changes, page 2 of 4`
        named = view_title(found["title"], language, periods)
        return say.gettext(N_("%(title)s, page %(number)s of %(count)s")) % {"title": named, "number": found["number"], "count": found["count"]}
    if found := _TIMELINE.fullmatch(title):
        label = say.gettext(found["label"]) if found["label"] == "date not given" else found["label"]
        if found["part"]:
            label = say.gettext(N_("%(label)s, part %(part)s of %(parts)s")) % {"label": label, "part": found["part"], "parts": found["parts"]}
        return say.gettext(N_("Timeline: %(label)s")) % {"label": label}
    return _date_words(title, say)


_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(rf"(?P<mark>c\. |by )?(?:(?P<day>\d{{1,2}}) )?(?:(?P<month>{_MONTH_NAMES}) )?(?P<year>\d{{4}})(?P<unknown> \(month not given\))?")
_PAGE_OF = re.compile(r"(?P<title>.+), page (?P<number>\d+) of (?P<count>\d+)")
_NUMBERED = re.compile(r"(?P<title>.+) \((?P<number>\d+) of (?P<count>\d+)\)")
_PART = re.compile(r"(?P<label>.+), part (?P<part>\d+) of (?P<parts>\d+)")
_SPAN = re.compile(r"(?P<first>.+?) to (?P<last>.+)")
_NOTED = re.compile(r"Approximate date\. (?P<note>.+)", re.DOTALL)


def _date_words(words: str, say: Any) -> str:
    """A date as the timeline words it in English (`June 2024`, `c. 2024`, `2024 (month not given)`, `2024, part 2 of 3`), or
    its notes on a date, in the edition's language; other words through the catalogue."""
    if found := _PART.fullmatch(words):
        label = _date_words(found["label"], say)
        return say.gettext(N_("%(label)s, part %(part)s of %(parts)s")) % {"label": label, "part": found["part"], "parts": found["parts"]}
    if (found := _SPAN.fullmatch(words)) and all(_DATE.fullmatch(found[k]) for k in ("first", "last")):
        return say.gettext(N_("%(first)s to %(last)s")) % {"first": _date_words(found["first"], say), "last": _date_words(found["last"], say)}
    if found := _DATE.fullmatch(words):
        text = " ".join(p for p in (found["day"], say.gettext(found["month"]) if found["month"] else None, found["year"]) if p)
        if found["unknown"]:
            text = say.gettext(N_("%(year)s (month not given)")) % {"year": text}
        return f"{say.gettext(found['mark'].strip())} {text}" if found["mark"] else text
    if _NOTED.fullmatch(words):  # the editors' note is in English: the tooltip says where the source page gives it
        return say.gettext(N_("Approximate date: the source page says how it was worked out"))
    for pattern, message in _FIGURES:
        if found := pattern.fullmatch(words):
            return say.gettext(message) % found.groupdict()
    return say.gettext(words)


def period_name(period: Any, language: str, marked: bool = True) -> str:
    """A period's name in the edition's language: the editors' name in it (`name_ar`); a period named by its years (`2018`,
    `2023 to 2025`) worded as the timeline words dates; else the editors' English name, marked as English (`marked`: for a
    page's text; plain in an attribute's). English: the name as the editors give it."""
    if language == SOURCE_LANGUAGE:
        return str(period.name)
    translated = getattr(period, f"name_{language}", None)
    if translated:
        return str(translated)
    name = str(period.name)
    span = _SPAN.fullmatch(name)
    if _DATE.fullmatch(name) or (span and _DATE.fullmatch(span["first"]) and _DATE.fullmatch(span["last"])):
        return _date_words(name, translations(language))
    return Markup('<span lang="en" dir="ltr">{}</span>').format(name) if marked else name


_FIGURES = (
    (
        re.compile(r"the partition's modularity, (?P<modularity>[\d.]+), is below (?P<threshold>[\d.]+): the positions do not form blocs"),
        N_("the partition's modularity, %(modularity)s, is below %(threshold)s: the positions do not form blocs"),
    ),
    (re.compile(r"modularity (?P<modularity>[\d.]+), at least (?P<threshold>[\d.]+)"), N_("modularity %(modularity)s, at least %(threshold)s")),
)
"""Why blocs are shown or not (`analysis/weighing.py`, which words it in English), with the figures in it."""
