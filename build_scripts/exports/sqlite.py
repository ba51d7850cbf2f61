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
of basis `authorship`, with no passage), a document's issuers rows of `document_issuers`.
`dna_network` holds DNA's congruence and conflict for every ordered pair of actors with a
shared demand or instrument. Full-text search covers the evidence, the quotes and the
documents' titles, summaries and full texts. The rows come from `sqlite_rows.py`.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from ..analysis.facts import FactsByPosition
from ..index import Index
from ..pages import Site
from . import sqlite_rows
from .dossier import position_facts_of
from .sink import BinaryDownload, Sink, collect
from .sqlite_rows import Row

PATH = "downloads/dossier.db"
PAGE_SIZE = 4096
"""Fixed, so that the file's layout does not depend on the SQLite build's default."""
TOKENIZE = "unicode61 remove_diacritics 2"
"""Words split on Unicode rules, Latin accents ignored (Arabic letters are kept as they are); no stemming, so a phrase finds its own words."""
FTS = {"claims": ("evidence", "evidence_translation"), "quotes": ("text", "text_translation"), "documents": ("title", "title_translation", "summary", "body")}
"""Tables with a full-text index (`<table>_fts`), and the columns it covers."""
BATCH = 500


@dataclass(frozen=True)
class Table:
    """One table: its columns in order (name → Python type), primary key, foreign keys and rows."""

    name: str
    columns: dict[str, type]
    rows: Callable[[Index, Site], Iterator[Row]]
    pk: str | tuple[str, ...] | None = None
    foreign_keys: tuple[tuple[str, str, str], ...] = ()


def _fk(column: str, table: str, other: str = "id") -> tuple[str, str, str]:
    return (column, table, other)


def columns(spec: str, **types: type) -> dict[str, type]:
    """Columns in order from their names (text unless `types` says otherwise); `date*` stands for a date's five columns."""
    out: dict[str, type] = {}
    for name in spec.split():
        if name.endswith("*"):
            out |= sqlite_rows.date_columns(name[:-1])
        elif name == "translation":
            out |= sqlite_rows.TRANSLATION_COLUMNS
        else:
            out[name] = types.get(name, str)
    return out


TABLES = (
    Table("actors", columns("id name name_ar acronym type aliases sources former_ids body description_ar page"), sqlite_rows.actors, pk="id"),
    Table(
        "documents",
        columns(
            "id title title_translation title_translation_by kind language provenance issuer issuers publisher publisher_name author date* url"
            " excerpt excerpt_note summary note body page",
            excerpt=bool,
        ),
        sqlite_rows.documents,
        pk="id",
        foreign_keys=(_fk("issuer", "actors"), _fk("publisher", "actors")),
    ),
    Table(
        "conferences",
        columns(
            "id name name_ar kind short_name series number start* end* place attendance_count attendance_unit attendance_source sources former_ids body description_ar"
            " page",
            number=int,
            attendance_count=int,
        ),
        sqlite_rows.conferences,
        pk="id",
        foreign_keys=(_fk("series", "conferences"), _fk("attendance_source", "documents")),
    ),
    Table("demands", columns("id statement statement_ar theme sources former_ids body description_ar page"), sqlite_rows.demands, pk="id"),
    Table(
        "instruments", columns("id name name_ar kind short_name aliases date* sources former_ids body description_ar page"), sqlite_rows.instruments, pk="id"
    ),
    Table(
        "claims",
        columns(
            "key id document demand instrument stance condition basis first_hand speaker relayed_by conference date* date_from_document evidence"
            " evidence_translation translation note actors instruments page",
            first_hand=bool,
            date_from_document=bool,
        ),
        sqlite_rows.claims,
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
            "claim actor joint_with document demand instrument stance basis first_hand speaker relayed_by conference date date_no_later_than"
            " basis_class joint_document period history_step",
            first_hand=bool,
            date_no_later_than=bool,
        ),
        sqlite_rows.positions,
        pk=("claim", "actor"),
        foreign_keys=(
            _fk("claim", "claims", "key"),
            _fk("actor", "actors"),
            _fk("document", "documents"),
            _fk("joint_document", "documents"),
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
        sqlite_rows.claim_instruments,
        pk=("claim", "instrument"),
        foreign_keys=(_fk("claim", "claims", "key"), _fk("instrument", "instruments")),
    ),
    Table(
        "quotes",
        columns("key id document speaker actor conference date* text text_translation translation note page"),
        sqlite_rows.quotes,
        pk="key",
        foreign_keys=(_fk("document", "documents"), _fk("speaker", "actors"), _fk("actor", "actors"), _fk("conference", "conferences")),
    ),
    Table(
        "participation",
        columns("conference actor status role source"),
        sqlite_rows.participation,
        foreign_keys=(_fk("conference", "conferences"), _fk("actor", "actors"), _fk("source", "documents")),
    ),
    Table(
        "instrument_issuers",
        columns("instrument actor status source stance basis basis_class joint_document period history_step"),
        sqlite_rows.instrument_issuers,
        foreign_keys=(_fk("instrument", "instruments"), _fk("actor", "actors"), _fk("source", "documents"), _fk("joint_document", "documents")),
    ),
    Table(
        "affiliations",
        columns("actor relation to_actor role start* end* source editorial"),
        sqlite_rows.affiliations,
        foreign_keys=(_fk("actor", "actors"), _fk("to_actor", "actors"), _fk("source", "documents")),
    ),
    Table("facts", columns("kind entity field value source editorial"), sqlite_rows.facts, foreign_keys=(_fk("source", "documents"),)),
    Table(
        "outcomes",
        columns("conference title kind instrument source"),
        sqlite_rows.outcomes,
        foreign_keys=(_fk("conference", "conferences"), _fk("instrument", "instruments"), _fk("source", "documents")),
    ),
    *(
        Table(
            f"document_{kind}",
            columns(f"document {column}"),
            sqlite_rows.named(kind, column),
            pk=("document", column),
            foreign_keys=(_fk("document", "documents"), _fk(column, kind)),
        )
        for kind, column in (("actors", "actor"), ("conferences", "conference"), ("instruments", "instrument"))
    ),
    Table(
        "document_issuers",
        columns("document actor"),
        sqlite_rows.document_issuers,
        pk=("document", "actor"),
        foreign_keys=(_fk("document", "documents"), _fk("actor", "actors")),
    ),
    Table(
        "demand_instruments",
        columns("demand instrument"),
        sqlite_rows.demand_links("instruments", "instrument"),
        pk=("demand", "instrument"),
        foreign_keys=(_fk("demand", "demands"), _fk("instrument", "instruments")),
    ),
    Table(
        "dna_network",
        columns(
            "actor_a actor_b congruence conflict congruence_jaccard conflict_jaccard",
            congruence=int,
            conflict=int,
            congruence_jaccard=float,
            conflict_jaccard=float,
        ),
        sqlite_rows.dna_network,
        pk=("actor_a", "actor_b"),
        foreign_keys=(_fk("actor_a", "actors"), _fk("actor_b", "actors")),
    ),
    Table(
        "demand_related",
        columns("demand related"),
        sqlite_rows.demand_links("related", "related"),
        pk=("demand", "related"),
        foreign_keys=(_fk("demand", "demands"), _fk("related", "demands")),
    ),
)
"""Every table, in the order it is created: a table comes after the tables its foreign keys point to."""


def write(index: Index, site: Site, path: Path, known: FactsByPosition | None = None) -> None:
    """Write the dossier's database to `path` (a new file): every table, its rows in sorted order, and the full-text indexes.

    `known`: each position's facts (`dossier.position_facts_of`), made once for every export of a build (else here)."""
    known = position_facts_of(index, site) if known is None else known
    with tempfile.TemporaryDirectory(prefix="dossier-db-") as folder:
        connection = sqlite3.connect(Path(folder) / "build.db")
        try:
            # A scratch file: no journal and no syncing while it is filled; what readers get is the copy below.
            connection.executescript(f"PRAGMA page_size = {PAGE_SIZE}; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            db = sqlite_utils.Database(connection)
            for table in TABLES:
                created = db.table(table.name)
                created.create(table.columns, pk=table.pk, foreign_keys=list(table.foreign_keys), not_null=_pk_columns(table))
                rows = sqlite_rows.with_facts(table.rows, index, site, known)
                created.insert_all(rows, batch_size=BATCH)
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


def put(sink: Sink, index: Index, site: Site, known: FactsByPosition | None = None) -> None:
    """`downloads/dossier.db`, written by SQLite straight to where the sink keeps it."""
    with sink.file(PATH) as path:
        write(index, site, path, known)


def download(index: Index, site: Site) -> BinaryDownload:
    """`downloads/dossier.db`, as bytes."""
    (database,) = collect(lambda sink: put(sink, index, site)).binaries
    return database
