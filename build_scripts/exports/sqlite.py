"""`downloads/dossier.db`: the dossier as SQLite for Datasette, one table per kind, with foreign keys and full-text search.

Written with sqlite-utils, row by row from the index (rows are generated, never gathered
first), into a scratch file that `VACUUM INTO` copies compactly. With a fixed page size,
rows in the index's order (records by id, claims and quotes by document), one merged
segment per full-text index and no timestamps anywhere, two builds with the same SQLite
library are byte-identical (another SQLite version may lay the same rows out otherwise).

A claim is a row of `claims` that links its document, demand (or the instrument its
stance is on), speaker, relaying actor and conference; its actors are rows of `positions`
(one per actor, each with its passage) and the instruments it invokes rows of
`claim_instruments`. An instrument's issuers are rows of `instrument_issuers` (positions
of basis `authorship`, with no passage), a document's issuers rows of `document_issuers`. Full-text search covers the evidence,
the quotes and the documents' titles, summaries and full texts.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from ..export import BinaryDownload, Sink, collect
from ..export import instrument_issuers as export_issuers
from ..index import ClaimRecord, Index, QuoteRecord, provenance
from ..models import Date, Translation
from ..pages import Site

PATH = "downloads/dossier.db"
PAGE_SIZE = 4096
"""Fixed, so that the file's layout does not depend on the SQLite build's default."""
TOKENIZE = "unicode61 remove_diacritics 2"
"""Words split on Unicode rules, Latin accents ignored (Arabic letters are kept as they are); no stemming, so a phrase finds its own words."""
FTS = {"claims": ("evidence", "evidence_translation"), "quotes": ("text", "text_translation"), "documents": ("title", "title_translation", "summary", "body")}
"""Tables with a full-text index (`<table>_fts`), and the columns it covers."""
BATCH = 500

Row = dict[str, Any]


@dataclass(frozen=True)
class Table:
    """One table: its columns in order (name → Python type), primary key, foreign keys and rows."""

    name: str
    columns: dict[str, type]
    rows: Callable[[Index, Site], Iterator[Row]]
    pk: str | tuple[str, ...] | None = None
    foreign_keys: tuple[tuple[str, str, str], ...] = ()


def _json(values: list[str] | tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _date(prefix: str, date: Date | None) -> Row:
    """A date as five columns: its value (`2024`, `2024-06`...), precision, whether approximate, whether an upper bound, and how it was worked out."""
    if date is None:
        return {prefix: None, f"{prefix}_precision": None, f"{prefix}_approximate": None, f"{prefix}_no_later_than": None, f"{prefix}_note": None}
    return {
        prefix: date.value,
        f"{prefix}_precision": date.precision,
        f"{prefix}_approximate": date.approximate,
        f"{prefix}_no_later_than": date.no_later_than,
        f"{prefix}_note": date.note,
    }


def _date_columns(prefix: str) -> dict[str, type]:
    return {prefix: str, f"{prefix}_precision": str, f"{prefix}_approximate": bool, f"{prefix}_no_later_than": bool, f"{prefix}_note": str}


def _translation(of: str, translation: Translation | None) -> Row:
    t = translation
    return {
        f"{of}_translation": t.text if t else None,
        "translation_by": t.by if t else None,
        "translation_name": t.name if t else None,
        "translation_url": t.url if t else None,
    }


TRANSLATION_COLUMNS = {"translation_by": str, "translation_name": str, "translation_url": str}


def claim_key(record: ClaimRecord | QuoteRecord) -> str:
    """A claim's or quote's key across the dossier: its document and its anchor there (anchors repeat between documents)."""
    return f"{record.document}#{record.id}"


def _actors(index: Index, site: Site) -> Iterator[Row]:
    for actor_id, record in index.sources.actors.items():
        a = record.model
        yield {
            "id": actor_id,
            "name": a.name.value,
            "name_ar": a.name_ar.value if a.name_ar else None,
            "acronym": a.acronym.value if a.acronym else None,
            "type": a.type,
            "aliases": _json([alias.value for alias in a.aliases]),
            "sources": _json(a.sources),
            "former_ids": _json(a.former_ids),
            "body": record.body,
            "page": site.absolute(f"actors/{actor_id}.md"),
        }


def _documents(index: Index, site: Site) -> Iterator[Row]:
    for doc_id, record in index.sources.documents.items():
        d = record.model
        yield {
            "id": doc_id,
            "title": d.title,
            "title_translation": d.title_translation.text if d.title_translation else None,
            "title_translation_by": d.title_translation.by if d.title_translation else None,
            "kind": d.kind,
            "language": d.language,
            "provenance": provenance(d),
            "issuer": d.issuer,
            "issuers": _json(d.issuer_ids),
            "publisher": d.publisher.actor if d.publisher else None,
            "publisher_name": d.publisher.name if d.publisher else None,
            "author": d.author,
            **_date("date", d.date),
            "url": d.url,
            "excerpt": d.excerpt,
            "excerpt_note": d.excerpt_note,
            "summary": d.summary,
            "note": d.note,
            "body": record.body,
            "page": site.absolute(f"sources/{doc_id}.md"),
        }


def _conferences(index: Index, site: Site) -> Iterator[Row]:
    for conf_id, record in index.sources.conferences.items():
        c = record.model
        yield {
            "id": conf_id,
            "name": c.name.value,
            "kind": c.kind,
            "short_name": c.short_name,
            "series": c.series,
            "number": c.number,
            **_date("start", c.start),
            **_date("end", c.end),
            "place": c.place.value if c.place else None,
            "attendance_count": c.attendance.count if c.attendance else None,
            "attendance_unit": c.attendance.unit if c.attendance else None,
            "attendance_source": c.attendance.source if c.attendance else None,
            "sources": _json(c.sources),
            "former_ids": _json(c.former_ids),
            "body": record.body,
            "page": site.absolute(f"conferences/{conf_id}.md"),
        }


def _demands(index: Index, site: Site) -> Iterator[Row]:
    for demand_id, record in index.sources.demands.items():
        d = record.model
        yield {
            "id": demand_id,
            "statement": d.statement,
            "theme": d.theme,
            "sources": _json(d.sources),
            "former_ids": _json(d.former_ids),
            "body": record.body,
            "page": site.absolute(f"demands/{demand_id}.md"),
        }


def _instruments(index: Index, site: Site) -> Iterator[Row]:
    for instrument_id, record in index.sources.instruments.items():
        i = record.model
        yield {
            "id": instrument_id,
            "name": i.name.value,
            "kind": i.kind,
            "short_name": i.short_name,
            "aliases": _json([alias.value for alias in i.aliases]),
            **_date("date", i.date),
            "sources": _json(i.sources),
            "former_ids": _json(i.former_ids),
            "body": record.body,
            "page": site.absolute(f"instruments/{instrument_id}.md"),
        }


def _claims(index: Index, site: Site) -> Iterator[Row]:
    for c in index.claims:
        yield {
            "key": claim_key(c),
            "id": c.id,
            "document": c.document,
            "demand": c.demand,
            "instrument": c.instrument,
            "stance": c.stance,
            "condition": c.condition,
            "basis": c.basis,
            "first_hand": c.first_hand,
            "speaker": c.speaker,
            "relayed_by": c.relayed_by,
            "conference": c.conference,
            **_date("date", c.date),
            "date_from_document": c.date_from_document,
            "evidence": c.evidence,
            **_translation("evidence", c.translation),
            "note": c.note,
            "actors": _json(c.actors),
            "instruments": _json(c.instruments),
            "page": site.absolute(f"sources/{c.document}.md", c.id),
        }


def _positions(index: Index, site: Site) -> Iterator[Row]:
    for c in index.claims:
        for actor in c.actors:
            yield {
                "claim": claim_key(c),
                "actor": actor,
                "joint_with": _json([a for a in c.actors if a != actor]),
                "document": c.document,
                "demand": c.demand,
                "instrument": c.instrument,
                "stance": c.stance,
                "basis": c.basis,
                "first_hand": c.first_hand,
                "speaker": c.speaker,
                "relayed_by": c.relayed_by,
                "conference": c.conference,
                "date": c.date.value if c.date else None,
                "date_no_later_than": c.date.no_later_than if c.date else None,
            }


def _claim_instruments(index: Index, site: Site) -> Iterator[Row]:
    for c in index.claims:
        for instrument in c.instruments:
            yield {"claim": claim_key(c), "instrument": instrument}


def _quotes(index: Index, site: Site) -> Iterator[Row]:
    for q in index.quotes:
        yield {
            "key": claim_key(q),
            "id": q.id,
            "document": q.document,
            "speaker": q.speaker,
            "actor": q.actor,
            "conference": q.conference,
            **_date("date", q.date),
            "text": q.text,
            **_translation("text", q.translation),
            "note": q.note,
            "page": site.absolute(f"sources/{q.document}.md", q.id),
        }


def _participation(index: Index, site: Site) -> Iterator[Row]:
    # As the conference files give them, each status with its source: the order of participation.csv.
    for conf_id, entries in index.participation.items():
        for entry in entries:
            for status in entry.statuses:
                yield {"conference": conf_id, "actor": entry.actor, "status": status.status, "role": status.role, "source": status.source}


def _instrument_issuers(index: Index, site: Site) -> Iterator[Row]:
    yield from export_issuers(index)  # as the instrument files give them: the rows of instrument_issuers.csv


def _document_issuers(index: Index, site: Site) -> Iterator[Row]:
    for doc_id, record in index.sources.documents.items():
        for issuer in record.model.issuer_ids:
            yield {"document": doc_id, "actor": issuer}


def _affiliations(index: Index, site: Site) -> Iterator[Row]:
    for tie in index.ties:
        a = tie.affiliation
        yield {
            "actor": tie.source,
            "relation": a.relation,
            "to_actor": tie.target,
            "role": a.role,
            **_date("start", a.start),
            **_date("end", a.end),
            "source": a.source,
            "editorial": a.editorial,
        }


def _facts(index: Index, site: Site) -> Iterator[Row]:
    for f in index.facts:
        yield {"kind": f.kind, "entity": f.entity, "field": f.field, "value": f.value, "source": f.source, "editorial": f.editorial}


def _outcomes(index: Index, site: Site) -> Iterator[Row]:
    for conf_id, record in index.sources.conferences.items():
        for outcome in record.model.outcomes:
            yield {"conference": conf_id, "title": outcome.title, "kind": outcome.kind, "instrument": outcome.instrument, "source": outcome.source}


def _named(kind: str, column: str) -> Callable[[Index, Site], Iterator[Row]]:
    """Rows of a document's list of what it names (`actors`, `conferences`, `instruments`)."""

    def rows(index: Index, site: Site) -> Iterator[Row]:
        for doc_id, record in index.sources.documents.items():
            for named in dict.fromkeys(getattr(record.model, kind)):
                yield {"document": doc_id, column: named}

    return rows


def _demand_links(kind: str, column: str) -> Callable[[Index, Site], Iterator[Row]]:
    def rows(index: Index, site: Site) -> Iterator[Row]:
        for demand_id, record in index.sources.demands.items():
            for other in dict.fromkeys(getattr(record.model, kind)):
                yield {"demand": demand_id, column: other}

    return rows


def _fk(column: str, table: str, other: str = "id") -> tuple[str, str, str]:
    return (column, table, other)


def columns(spec: str, **types: type) -> dict[str, type]:
    """Columns in order from their names (text unless `types` says otherwise); `date*` stands for a date's five columns."""
    out: dict[str, type] = {}
    for name in spec.split():
        if name.endswith("*"):
            out |= _date_columns(name[:-1])
        elif name == "translation":
            out |= TRANSLATION_COLUMNS
        else:
            out[name] = types.get(name, str)
    return out


TABLES = (
    Table("actors", columns("id name name_ar acronym type aliases sources former_ids body page"), _actors, pk="id"),
    Table(
        "documents",
        columns(
            "id title title_translation title_translation_by kind language provenance issuer issuers publisher publisher_name author date* url"
            " excerpt excerpt_note summary note body page",
            excerpt=bool,
        ),
        _documents,
        pk="id",
        foreign_keys=(_fk("issuer", "actors"), _fk("publisher", "actors")),
    ),
    Table(
        "conferences",
        columns(
            "id name kind short_name series number start* end* place attendance_count attendance_unit attendance_source sources former_ids body page",
            number=int,
            attendance_count=int,
        ),
        _conferences,
        pk="id",
        foreign_keys=(_fk("series", "conferences"), _fk("attendance_source", "documents")),
    ),
    Table("demands", columns("id statement theme sources former_ids body page"), _demands, pk="id"),
    Table("instruments", columns("id name kind short_name aliases date* sources former_ids body page"), _instruments, pk="id"),
    Table(
        "claims",
        columns(
            "key id document demand instrument stance condition basis first_hand speaker relayed_by conference date* date_from_document evidence"
            " evidence_translation translation note actors instruments page",
            first_hand=bool,
            date_from_document=bool,
        ),
        _claims,
        pk="key",
        foreign_keys=(
            _fk("document", "documents"),
            _fk("demand", "demands"),
            _fk("instrument", "instruments"),
            _fk("speaker", "actors"),
            _fk("relayed_by", "actors"),
            _fk("conference", "conferences"),
        ),
    ),
    Table(
        "positions",
        columns(
            "claim actor joint_with document demand instrument stance basis first_hand speaker relayed_by conference date date_no_later_than",
            first_hand=bool,
            date_no_later_than=bool,
        ),
        _positions,
        pk=("claim", "actor"),
        foreign_keys=(
            _fk("claim", "claims", "key"),
            _fk("actor", "actors"),
            _fk("document", "documents"),
            _fk("demand", "demands"),
            _fk("instrument", "instruments"),
            _fk("speaker", "actors"),
            _fk("relayed_by", "actors"),
            _fk("conference", "conferences"),
        ),
    ),
    Table(
        "claim_instruments",
        columns("claim instrument"),
        _claim_instruments,
        pk=("claim", "instrument"),
        foreign_keys=(_fk("claim", "claims", "key"), _fk("instrument", "instruments")),
    ),
    Table(
        "quotes",
        columns("key id document speaker actor conference date* text text_translation translation note page"),
        _quotes,
        pk="key",
        foreign_keys=(_fk("document", "documents"), _fk("speaker", "actors"), _fk("actor", "actors"), _fk("conference", "conferences")),
    ),
    Table(
        "participation",
        columns("conference actor status role source"),
        _participation,
        foreign_keys=(_fk("conference", "conferences"), _fk("actor", "actors"), _fk("source", "documents")),
    ),
    Table(
        "instrument_issuers",
        columns("instrument actor status source stance basis"),
        _instrument_issuers,
        foreign_keys=(_fk("instrument", "instruments"), _fk("actor", "actors"), _fk("source", "documents")),
    ),
    Table(
        "affiliations",
        columns("actor relation to_actor role start* end* source editorial"),
        _affiliations,
        foreign_keys=(_fk("actor", "actors"), _fk("to_actor", "actors"), _fk("source", "documents")),
    ),
    Table("facts", columns("kind entity field value source editorial"), _facts, foreign_keys=(_fk("source", "documents"),)),
    Table(
        "outcomes",
        columns("conference title kind instrument source"),
        _outcomes,
        foreign_keys=(_fk("conference", "conferences"), _fk("instrument", "instruments"), _fk("source", "documents")),
    ),
    *(
        Table(
            f"document_{kind}",
            columns(f"document {column}"),
            _named(kind, column),
            pk=("document", column),
            foreign_keys=(_fk("document", "documents"), _fk(column, kind)),
        )
        for kind, column in (("actors", "actor"), ("conferences", "conference"), ("instruments", "instrument"))
    ),
    Table(
        "document_issuers",
        columns("document actor"),
        _document_issuers,
        pk=("document", "actor"),
        foreign_keys=(_fk("document", "documents"), _fk("actor", "actors")),
    ),
    Table(
        "demand_instruments",
        columns("demand instrument"),
        _demand_links("instruments", "instrument"),
        pk=("demand", "instrument"),
        foreign_keys=(_fk("demand", "demands"), _fk("instrument", "instruments")),
    ),
    Table(
        "demand_related",
        columns("demand related"),
        _demand_links("related", "related"),
        pk=("demand", "related"),
        foreign_keys=(_fk("demand", "demands"), _fk("related", "demands")),
    ),
)
"""Every table, in the order it is created: a table comes after the tables its foreign keys point to."""


def write(index: Index, site: Site, path: Path) -> None:
    """Write the dossier's database to `path` (a new file): every table, its rows in sorted order, and the full-text indexes."""
    with tempfile.TemporaryDirectory(prefix="dossier-db-") as folder:
        connection = sqlite3.connect(Path(folder) / "build.db")
        try:
            # A scratch file: no journal and no syncing while it is filled; what readers get is the copy below.
            connection.executescript(f"PRAGMA page_size = {PAGE_SIZE}; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            db = sqlite_utils.Database(connection)
            for table in TABLES:
                created = db.table(table.name)
                created.create(table.columns, pk=table.pk, foreign_keys=list(table.foreign_keys), not_null=_pk_columns(table))
                created.insert_all(table.rows(index, site), batch_size=BATCH)
            for name, columns in FTS.items():
                db.table(name).enable_fts(list(columns), tokenize=TOKENIZE)
                db.table(name).optimize()
            connection.commit()
            connection.execute("VACUUM INTO ?", (str(path),))
        finally:
            connection.close()


def _pk_columns(table: Table) -> set[str]:
    if table.pk is None:
        return set()
    return {table.pk} if isinstance(table.pk, str) else set(table.pk)


def put(sink: Sink, index: Index, site: Site) -> None:
    """`downloads/dossier.db`, written by SQLite straight to where the sink keeps it."""
    with sink.file(PATH) as path:
        write(index, site, path)


def download(index: Index, site: Site) -> BinaryDownload:
    """`downloads/dossier.db`, as bytes."""
    (database,) = collect(lambda sink: put(sink, index, site)).binaries
    return database
