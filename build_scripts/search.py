"""Search index: every page's names and text, folded for spelling variants, as small static shards.

Readers type names as they know them: `الاسد` for `الأسد`, `Turkiye` for `Türkiye`,
`National Coalition` for the SOC. Both sides are folded the same way, here at build
time and in the browser (`docs/javascripts/search/normalise.js`, kept in step by
`tests/cases/search/normalise.yaml`): compatibility forms decomposed (Arabic
presentation forms), marks dropped (diacritics, the hamza over or under alef, Latin
accents), tatweel and invisible format characters removed, alef wasla to alef, taa
marbuta to haa, alef maqsura and Persian yeh to yaa, Persian kaf to kaf, Arabic-Indic
digits to ASCII, lower case. English word forms are then stemmed (Porter's algorithm, on
words of three or more Latin letters), here with `snowballstemmer` and in the browser with
`docs/javascripts/search/stem.js`, kept in step by `tests/cases/search/stem.yaml` and by a
browser test over every word of the bundled sources: "Negotiation" finds "Negotiating".
The index holds only these terms; what a reader sees in results is the page's own text.

An entry's names (an actor's, conference's or instrument's names, the Arabic one included; a
demand's statement, in English and in Arabic; a source's title) weigh far more than its text,
so the page of the thing named comes first. Terms are grouped by their first letters into
shards of a few tens of kilobytes, so a query
fetches a manifest and a few shards, never the whole index, at any size of dossier.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

import snowballstemmer  # type: ignore[import-untyped]
from babel.support import NullTranslations

from .catalogues import N_, translations
from .exports.sink import Download
from .folding import fold_for_search
from .index import Index
from .pages import GeneratedPage, Site
from .words import ENGLISH, direction, kind_label, script_language, type_label

_TERM = re.compile(r"[^\W_]+")

NAME_WEIGHT = 20.0
"""A name, acronym, alias or title: what makes the page the one a reader means."""
KEYWORD_WEIGHT = 3.0
"""A label that says what the page is (an actor's type, a demand's theme, a source's publisher)."""
POSTINGS_CAP = 400
"""Entries kept per term, best first: enough for any reader's scroll, bounded for shard size."""
SHARD_BYTES = 40_000
"""A shard grows past this only when its terms share a longer prefix than the index splits on."""
BLOCK = 16
"""Entries per file of result details: a query's top results fetch a few small files."""
_K1, _B = 1.2, 0.75  # BM25's saturation and length normalisation of body text


def terms(text: str) -> list[str]:
    """The words of a text as search sees them, in order: runs of letters and digits after folding."""
    return _TERM.findall(fold_for_search(text))


_PORTER = snowballstemmer.stemmer("porter")
_STEMS: dict[str, str] = {}
_STEMMING = threading.Lock()  # a stemmer object keeps state while it works: a preview's background build shares it


def search_term(word: str) -> str:
    """What the index holds for a folded word: its Porter stem when it has three or more Latin letters, else the word itself."""
    if len(word) < 3 or not (word.isascii() and word.isalpha()):
        return word
    stem = _STEMS.get(word)
    if stem is None:
        with _STEMMING:
            stem = _STEMS[word] = _PORTER.stemWord(word)
    return stem


def index_terms(text: str) -> list[str]:
    """The terms the index holds for a text, in order: its words folded, English ones stemmed."""
    return [search_term(word) for word in terms(text)]


@dataclass(frozen=True)
class Run:
    """A stretch of shown text in one language: results give each its own `lang` and `dir`."""

    text: str
    lang: str = "en"

    def row(self) -> list[str]:
        return [self.text, self.lang, direction(self.lang)]


@dataclass(frozen=True)
class Entry:
    """One result a reader can land on: a page, what it is, what it is called and what it says."""

    url: str
    title: str
    kind: str
    lang: str = "en"
    teaser: tuple[Run, ...] = ()
    names: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    text: str = ""

    def row(self) -> list[object]:
        return [self.url, Run(self.title, self.lang).row(), self.kind, [run.row() for run in self.teaser]]


def _teaser(text: str, limit: int = 220) -> str:
    """The first words of a text, cut at a word near `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + " …"


KINDS = {"actors": N_("Actor"), "demands": N_("Demand"), "conferences": N_("Conference"), "instruments": N_("Instrument"), "sources": N_("Source")}
"""What a result is, as the results say it (in the edition's language)."""
PAGE = N_("Page")


def entries(index: Index, site: Site, pages: Iterable[GeneratedPage]) -> list[Entry]:
    """An entry for every generated page: entity pages with their names and text, view pages by their titles.

    `index`: the checked index, whose names are the sources' own: in every edition, an entity is found by its English
    and its Arabic names; `pages` are the edition's, whose titles the results show.
    """
    makers = {"actors": _actor, "demands": _demand, "conferences": _conference, "instruments": _instrument, "sources": _source}
    say = translations(site.language)
    found = []
    for page in pages:
        kind, _, stem = page.path.removesuffix(".md").partition("/")
        maker = makers.get(kind)
        if "/" in stem and (maker is not None or stem.rsplit("/", 1)[1].isdigit()):
            continue  # a further page of a long list (`actors/<id>/quotes/2.md`, `timeline/2024/2.md`): found through its first page
        url = site.url(page.path)
        if maker is not None and stem != "index":
            entry = maker(index, stem, url, page.title, say)
            entry = replace(entry, kind=say.gettext(KINDS[kind]))
            if site.language != "en":  # found by the edition's own title too (an entity's translated name, a demand's statement)
                entry = replace(entry, names=tuple(dict.fromkeys((page.title, *entry.names))))
        else:
            entry = Entry(url, page.title, say.gettext(PAGE), names=(page.title,))
        # A title in Arabic script (an actor known only by its Arabic name) is shown right to left.
        found.append(entry if kind == "sources" else replace(entry, lang=script_language(entry.title)))
    return found


def _text(index: Index, key: str) -> str:
    body = index.bodies.get(key)
    return body.text if body else ""


def _labels(english: str, say: NullTranslations, translated: str) -> tuple[str, ...]:
    """A label as a keyword: in English, and in the edition's language too (a reader of either finds it)."""
    return tuple(dict.fromkeys((english, translated))) if say is not ENGLISH else (english,)


def _label_run(label: str) -> Run:
    """What an entity is (its type, theme or kind) as a result's first words: capitalised, in the edition's language."""
    return Run(label.capitalize(), script_language(label))


def _actor(index: Index, actor_id: str, url: str, title: str, say: NullTranslations = ENGLISH) -> Entry:
    a = index.sources.actors[actor_id].model
    names = [a.name.value, *(f.value for f in (a.acronym, a.name_ar) if f), *(alias.value for alias in a.aliases)]
    label = type_label(a.type, say=say)
    teaser = (_label_run(label), *(Run(name, script_language(name)) for name in names[1:]))
    keywords = _labels(type_label(a.type), say, label)
    return Entry(url, title, "Actor", teaser=teaser, names=tuple(names), keywords=keywords, text=_text(index, f"actors/{actor_id}"))


def _demand(index: Index, demand_id: str, url: str, title: str, say: NullTranslations = ENGLISH) -> Entry:
    from .views.templating import THEME_LABELS  # the pages' names of the themes (that module imports this one's neighbours)

    d = index.sources.demands[demand_id].model
    theme = d.theme.replace("-", " ")
    label = say.gettext(THEME_LABELS[d.theme]) if say is not ENGLISH else theme.capitalize()
    names = (d.statement, *([d.statement_ar.value] if d.statement_ar else []))
    keywords = _labels(theme, say, label)
    return Entry(url, title, "Demand", teaser=(_label_run(label),), names=names, keywords=keywords, text=_text(index, f"demands/{demand_id}"))


def _conference(index: Index, conf_id: str, url: str, title: str, say: NullTranslations = ENGLISH) -> Entry:
    c = index.sources.conferences[conf_id].model
    names = (c.name.value, *(n for n in (c.short_name, c.name_ar.value if c.name_ar else None) if n))
    place = (c.place.value,) if c.place else ()
    teaser = (_label_run(kind_label(c.kind, say)), *(Run(p, script_language(p)) for p in place))
    keywords = (*_labels(c.kind, say, kind_label(c.kind, say)), *place)
    return Entry(url, title, "Conference", teaser=teaser, names=names, keywords=keywords, text=_text(index, f"conferences/{conf_id}"))


def _instrument(index: Index, instrument_id: str, url: str, title: str, say: NullTranslations = ENGLISH) -> Entry:
    i = index.sources.instruments[instrument_id].model
    names = (i.name.value, *(n for n in (i.short_name, i.name_ar.value if i.name_ar else None) if n), *(alias.value for alias in i.aliases))
    return Entry(
        url,
        title,
        "Instrument",
        teaser=(_label_run(kind_label(i.kind, say)),),
        names=names,
        keywords=_labels(i.kind, say, kind_label(i.kind, say)),
        text=_text(index, f"instruments/{instrument_id}"),
    )


def _source(index: Index, doc_id: str, url: str, title: str, say: NullTranslations = ENGLISH) -> Entry:
    """A source by its title (and English working title), what it is, who carries it, its summary, full text and translations."""
    doc = index.sources.documents[doc_id].model
    names = [doc.title]
    teaser = []
    if doc.title_translation:
        names.append(doc.title_translation.text)
        teaser.append(Run(doc.title_translation.text))
    teaser.append(Run(_teaser(doc.summary)))
    carried_by = [p for p in (doc.publisher.name if doc.publisher else None, doc.author) if p]
    translations = [t.text for t in (*(c.translation for c in doc.claims), *(q.translation for q in doc.quotes)) if t]
    text = " ".join([doc.summary, _text(index, f"documents/{doc_id}"), *translations])
    return Entry(
        url,
        title,
        "Source",
        lang=doc.language,
        teaser=tuple(teaser),
        names=tuple(names),
        keywords=(*_labels(doc.kind, say, kind_label(doc.kind, say)), *carried_by),
        text=text,
    )


_HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)
_MARKUP = re.compile(r"<!--.*?-->|<[^>]+>|`+|[*_#>|]+|\[([^\]]*)\]\([^)]*\)", re.DOTALL)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.DOTALL)
"""A hand-written page's front matter (a translation's record): MkDocs reads it, no reader sees it."""
_ATTRIBUTES = re.compile(r"[ \t]*\{[#.:][^}\n]*\}[ \t]*$", re.MULTILINE)
"""A translated heading's attributes (`## … {#id}`, the English heading's id): no reader sees them either."""


def markdown_entry(url: str, markdown: str, fallback_title: str, language: str = "en") -> Entry:
    """An entry for a hand-written page, from its Markdown: title from its first heading, text without markup; what it is
    said in the edition's `language`."""
    markdown = _ATTRIBUTES.sub("", _FRONT_MATTER.sub("", markdown, count=1))
    heading = _HEADING.search(markdown)
    title = heading.group(1).strip() if heading else fallback_title
    text = " ".join(_MARKUP.sub(lambda m: m.group(1) or " ", markdown).split())
    teaser = _teaser(text.removeprefix(title).strip())
    return Entry(
        url, title, translations(language).gettext(PAGE), lang=script_language(title), teaser=(Run(teaser, script_language(teaser)),), names=(title,), text=text
    )


def _scores(entries: list[Entry]) -> dict[str, list[tuple[float, int]]]:
    """Term → (score, entry) for every entry that holds it: its best name or keyword weight plus BM25 over its text."""
    texts = [index_terms(entry.text) for entry in entries]
    average = sum(map(len, texts)) / max(1, len(texts)) or 1.0
    postings: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for n, (entry, body) in enumerate(zip(entries, texts, strict=True)):
        weights: dict[str, float] = {}
        for field, weight in [*((name, NAME_WEIGHT) for name in (entry.title, *entry.names)), *((k, KEYWORD_WEIGHT) for k in entry.keywords)]:
            words = set(index_terms(field))
            for term in words:
                # A term is most of a short name ("SOC", "National Coalition") and a small part of a long title.
                weights[term] = max(weights.get(term, 0.0), weight * (1 + 1 / len(words)))
        counts: dict[str, int] = defaultdict(int)
        for word in body:
            counts[word] += 1
        norm = _K1 * (1 - _B + _B * len(body) / average)
        for term, tf in counts.items():
            weights[term] = weights.get(term, 0.0) + tf * (_K1 + 1) / (tf + norm)
        for term, score in weights.items():
            postings[term].append((score, n))
    return postings


def _key(term: str, depth: int) -> str:
    return term[:depth]


def _shards(postings: dict[str, list[int]], depth: int = 3) -> dict[str, dict[str, list[int]]]:
    """Terms grouped by their first `depth` letters; a group too big is split by one more letter, recursively."""
    groups: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for term in sorted(postings):
        groups[_key(term, depth)][term] = postings[term]
    shards: dict[str, dict[str, list[int]]] = {}
    for key, group in groups.items():
        size = sum(len(term) * 2 + 6 * len(values) for term, values in group.items())
        longer = {term: values for term, values in group.items() if len(term) > depth}
        if size <= SHARD_BYTES or not longer or depth >= 12:
            shards[key] = group
            continue
        if len(longer) < len(group):
            shards[key] = {term: values for term, values in group.items() if len(term) <= depth}
        shards.update(_shards(longer, depth + 1))
    return shards


def _file_name(key: str) -> str:
    return key.encode("utf-8").hex()


def files(entries: list[Entry]) -> list[Download]:
    """The index as static files: `search/manifest.json`, term shards under `search/terms/`, result details under `search/entries/`."""
    ordered = sorted(entries, key=lambda e: e.url)
    postings: dict[str, list[int]] = {}
    for term, scored in _scores(ordered).items():
        best = sorted(scored, key=lambda p: (-p[0], p[1]))[:POSTINGS_CAP]
        postings[term] = [len(scored)] + [value for score, n in best for value in (n, round(score * 100))]
    shards = _shards(postings)
    out = [Download(f"search/terms/{_file_name(key)}.json", _json(shard)) for key, shard in sorted(shards.items())]
    out += [Download(f"search/entries/{n // BLOCK}.json", _json([e.row() for e in ordered[n : n + BLOCK]])) for n in range(0, len(ordered), BLOCK)]
    stamp = hashlib.sha256("".join(d.path + d.text for d in out).encode("utf-8")).hexdigest()[:12]
    manifest = {"version": 1, "stamp": stamp, "entries": len(ordered), "block": BLOCK, "keys": sorted(shards)}
    return [Download("search/manifest.json", _json(manifest)), *out]


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
