"""Words a view puts together when it is computed, kept as their structure (a message and the values put in it), so that
each edition says them in its language when it renders them: the views are computed once, in no edition's language.

`str()` says them in English, the templates' language, exactly as the view once wrote them; `said(words, say, name)` says
them with an edition's translations (`catalogues.translations`). A value is a plain string (words as given: a period's
name, a number) or words of its own: a `Phrase`, a `Counted` noun, a `Joined` list, or a `Name` (an actor's or a
conference's, as the edition names it).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
from babel.support import NullTranslations

from ..catalogues import SOURCE_LANGUAGE
from ..editions import period_name
from ..index import Index
from ..words import ENGLISH
from .labels import prime


@dataclass(frozen=True)
class Phrase:
    """A message, or a singular and plural pair said for `n`, with `%(name)s` values filled in."""

    message: str
    values: tuple[tuple[str, Words], ...] = ()
    plural: str | None = None
    n: int = 1

    def __str__(self) -> str:
        return said(self)


@dataclass(frozen=True)
class Counted:
    """`3 topics`: a count and a noun (its singular and plural, marked `NN_`), by the edition's plural rules."""

    n: int
    forms: tuple[str, str]

    def __str__(self) -> str:
        return said(self)


@dataclass(frozen=True)
class Joined:
    """Words in a row, with a separator: a `Phrase` (", ", " and ", said in the edition's language) or given as it is."""

    parts: tuple[Words, ...]
    separator: Words

    def __str__(self) -> str:
        return said(self)


@dataclass(frozen=True)
class Name:
    """A node's label (`actors/snc`: its acronym or name), as the edition names it where it renders; `label` in English."""

    key: str
    label: str

    def __str__(self) -> str:
        return self.label


Words = Phrase | Counted | Joined | Name | str
Naming = Callable[[str], str | None]
"""A node key → its label in the edition (None: the English label stays)."""


def period_words(period: Any) -> Name:
    """A period's name in a view's words, which each edition names as it names periods (`editions.period_name`)."""
    return Name(PERIOD_KEY + period.name, period.name)


PERIOD_KEY = "periods/"
"""A period's key among the names an edition gives (`period_words`), before the period's English name."""


def phrase(message: str, **values: Words) -> Phrase:
    return Phrase(message, tuple(sorted(values.items())))


def said(words: Words | int, say: NullTranslations = ENGLISH, name: Naming | None = None) -> str:
    """The words in the language of `say` (English by default), names given by `name` where it knows them."""
    match words:
        case Phrase(message, values, plural, n):
            text = say.ngettext(message, plural, n) if plural is not None else say.gettext(message)
            return text % {key: said(value, say, name) for key, value in values} if values else text
        case Counted(n, (singular, plural)):
            return f"{n} {say.ngettext(singular, plural, n)}"
        case Joined(parts, separator):
            return said(separator, say, name).join(said(part, say, name) for part in parts)
        case Name(key, label):
            return (name(key) if name is not None else None) or label
    return str(words)


def node_name(index: Index, key: str) -> str | None:
    """A node's label as `index` names it (`actors/snc`: its acronym, or its name; `actors/snc#full`: its name and acronym)."""
    kind, _, rest = key.partition("/")
    node_id, _, full = rest.partition("#")
    if kind == "actors" and node_id in index.sources.actors:
        actor = index.sources.actors[node_id].model
        acronym = actor.acronym.value if actor.acronym else None
        if full:
            return actor.name.value + (f" ({acronym})" if acronym else "")
        return acronym or actor.name.value
    if kind == "conferences" and node_id in index.sources.conferences:
        conf = index.sources.conferences[node_id].model
        return conf.name.value if full else conf.short_name or conf.name.value
    return None


def phrased(language: str, say: NullTranslations) -> dict[str, Callable[..., Any]]:
    """The templates' filters that say a view's words in the edition's language, names as the page's index has them (an
    edition's own: `editions.localised`): `said` (words), `drawn` (a network's graph as SVG: `g | drawn(views.network)`).
    English as the view says it."""
    if language == SOURCE_LANGUAGE:
        return {"said": str, "drawn": lambda graph, network: network.svg(graph)}

    def naming(context: jinja2.runtime.Context) -> Naming:
        periods = {p.name: p for p in getattr(getattr(context.get("views"), "matrix", None), "periods", ())}

        def name(key: str) -> str | None:
            if key.startswith(PERIOD_KEY):
                found = periods.get(key.removeprefix(PERIOD_KEY))
                return None if found is None else str(period_name(found, language, marked=False))
            return node_name(context["index"], key)

        return name

    return {
        "said": jinja2.pass_context(lambda context, words: said(words, say, naming(context))),
        "drawn": jinja2.pass_context(lambda context, graph, network: network.svg(graph, say, primed(network, naming(context)))),
    }


_primed: dict[int, weakref.ref[Any]] = {}


def primed(network: Any, name: Naming) -> Naming:
    """`name`, once every label of `network`'s drawings is measured for it in one go (`labels.prime`): at its first drawing."""
    found = _primed.get(id(network))
    if found is None or found() is not network:
        graphs = [network.whole, network.home, *network.neighbourhoods.values(), *(p.graph for p in network.periods)]
        prime(graphs, name)
        _primed[id(network)] = weakref.ref(network)
    return name


def plural_phrase(pair: tuple[str, str], n: int = 1) -> Phrase:
    """A noun of a singular and plural pair (`NN_`), said for `n`."""
    return Phrase(pair[0], plural=pair[1], n=n)
