"""The words the templates put to values, in an edition's language: dates, counts, labels, periods' names, view titles,
and the names a summary cites as the page's index gives them (`templating.environment` installs them as filters)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from types import SimpleNamespace
from typing import Any

import jinja2
from babel.support import NullTranslations
from markupsafe import Markup, escape

from ..catalogues import N_, SOURCE_LANGUAGE, translations
from ..editions import period_name, view_title
from ..models import Date
from ..words import (
    ENGLISH,
    UNNAMED_DESCRIBER,
    basis_words,
    counted,
    date_words,
    kind_label,
    language_name,
    plural,
    segments_text,
    type_label,
)
from .stances import topic_label
from .timeline_events import actor_name


def format_date(date: Date | None, unknown: str | None = None, brief: bool = False, say: NullTranslations = ENGLISH) -> Markup:
    """A date as precise as it is known, marked when approximate (`brief`: without the note, said where the date is given)."""
    if date is None:
        shown = say.gettext(N_("date not given")) if unknown is None else unknown
        return Markup(f'<span class="unknown">{escape(shown)}</span>')
    text = date_words(date, say)
    # The editors' note on a date is in English: another edition's tooltip says where the source page gives it.
    noted = bool(date.note) and not brief and say is ENGLISH
    if date.approximate:
        if noted:
            title = say.gettext(N_("Approximate date. %(note)s")) % {"note": date.note}
        else:
            title = say.gettext(N_("Approximate date: the source page says how it was worked out"))
        about = escape(say.gettext(N_("c.")))
        return Markup(f'<time datetime="{escape(date.value)}" class="approximate" title="{escape(title)}">{about}&nbsp;{escape(text)}</time>')
    if date.no_later_than:
        title = say.gettext(N_("No later than this date: the source does not say when exactly"))
        if noted:
            title = say.gettext(N_("%(title)s. %(note)s")) % {"title": title, "note": date.note}
        by = escape(say.gettext(N_("by")))
        return Markup(f'<span class="upper-bound" title="{escape(title)}">{by}&nbsp;<time datetime="{escape(date.value)}">{escape(text)}</time></span>')
    return Markup(f'<time datetime="{escape(date.value)}">{escape(text)}</time>')


def with_article(label: str) -> str:
    """`a party`, `an organisation`, `a UN body`, `an NGO`: the article as the label is said aloud."""
    spoken_vowel = (label[:1].lower() in "aeiou" and not label.startswith("UN ")) or label.startswith("NGO")
    return ("an " if spoken_vowel else "a ") + label


def edition_title(language: str) -> Callable[..., str]:
    """A view's title in the edition's language (`editions.view_title`), with the editors' names of the periods in it."""
    if language == SOURCE_LANGUAGE:
        return functools.partial(view_title, language=language)

    @jinja2.pass_context
    def title(context: jinja2.runtime.Context, words: str) -> str:
        periods = getattr(getattr(context.get("views"), "matrix", None), "periods", ())
        names = {p.name: p.name_ar for p in periods if getattr(p, f"name_{language}", None)}
        return view_title(words, language, names)

    return title


def period_filter(language: str, marked: bool) -> Callable[..., str]:
    """A period's name in the edition's language (`editions.period_name`), given the period or its name (as a bloc and a
    mark of agreement keep it)."""

    @jinja2.pass_context
    def period(context: jinja2.runtime.Context, value: Any) -> str:
        if isinstance(value, str):
            periods = getattr(getattr(context.get("views"), "matrix", None), "periods", ())
            value = next((p for p in periods if p.name == value), None) or SimpleNamespace(name=value)
        return period_name(value, language, marked)

    return period


@jinja2.pass_context
def option_label(context: jinja2.runtime.Context, value: str, kind: str) -> str:
    """An actor's or a topic's name as a filter's choice gives it, from the page's index (an edition's own names)."""
    return actor_name(context["index"], value) if kind == "actor" else topic_label(context["index"], value)


def _with_names(language: str, said: Callable[[list[tuple[str | None, str]], Any], Any]) -> Callable[..., Any]:
    """A filter of a summary's basis (`b`) given its describers as the edition names them: English as the views name them."""
    if language == SOURCE_LANGUAGE:
        return lambda b: said(list(b.describers), b)
    return jinja2.pass_context(lambda context, b: said(named(context, b.describers, language), b))


def named(context: jinja2.runtime.Context, describers: Iterable[tuple[str | None, str]], language: str) -> list[tuple[str | None, str]]:
    """Whose descriptions a summary cites, each actor named as the page's index names it (an edition's own names), the source
    standing for an unnamed describer said in the edition's language."""
    if language == SOURCE_LANGUAGE:
        return list(describers)
    index, say = context.get("index"), translations(language)
    actors = index.sources.actors if index is not None else {}
    return [
        (id, actors[id].model.name.value if id is not None and id in actors else say.gettext(text) if text == UNNAMED_DESCRIBER else text)
        for id, text in describers
    ]


def worded(language: str, say: NullTranslations) -> dict[str, Callable[..., Any]]:
    """The filters that put words to values, in the edition's language: dates, counts, plurals, actor types, language names."""
    return {
        "date": functools.partial(format_date, say=say),
        "counted": lambda n, noun, form=None: counted(n, noun, form, say),
        "plural": lambda noun, n, form=None: plural(noun, n, form, say),
        "type_label": lambda actor_type, n=1: type_label(actor_type, n, say),
        "kind_label": lambda kind: kind_label(kind, say),
        "language_name": functools.partial(language_name, language=language),
        # `a party`, `an NGO`: English grammar; other languages have no indefinite article to add.
        "with_article": with_article if language == SOURCE_LANGUAGE else str,
        # A summary's basis (`views/basis.py`): its segments, and as plain text.
        # A summary's basis: in another edition, its describers named as the page's index names them (`named`).
        "basis_words": _with_names(language, lambda names, b: basis_words(dict(b.counts), names, say)),
        # Whose descriptions a matrix cell cites, as its filters name them (`Matrix.tokens` counts them in this order).
        "describer_names": _with_names(language, lambda names, b: "|".join(text for _, text in names)),
        "basis_text": _with_names(language, lambda names, b: segments_text(basis_words(dict(b.counts), names, say))),
        # The words a matrix page's filters say recounted cells and the rows shown in (`matrix.js`).
        "script_words": lambda mat, page: mat.script_words(page, say),
    }
