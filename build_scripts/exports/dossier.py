"""Data downloads: the whole dossier as JSON, and one CSV per kind of record.

Everything annotated in `sources/` is in `dossier.json`, so nothing is lost between
the sources and what readers can take away. A joint claim is one record with several
actors; `positions` has one row per actor and claim, each with its passage. An
instrument's issuers (who issued, adopted or signed it) are `instrument_issuers`: the
site counts each as supporting the instrument, on the basis `authorship`, but no passage
voices it, so it is not a row of `positions` (docs/data.md says why); its rows carry the
same facts as a position's (basis class, joint document, period, history step).
Output is sorted and stable.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from typing import Any, TextIO

from ..analysis.facts import FactsByPosition, position_facts
from ..analysis.histories import History
from ..analysis.scope import periods_from
from ..index import AUTHORSHIP, ClaimRecord, Index, QuoteRecord, provenance
from ..models import Date, Document, Translation
from ..pages import Site
from .sink import Download, Sink, collect

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TRANSLATED = {"claims": "evidence", "quotes": "text"}
"""Tables whose rows carry a translation, and the field it translates: in CSV, flat columns instead of a nested value."""


def _date(date: Date | None) -> dict[str, Any] | None:
    return None if date is None else {**date.model_dump(mode="json"), "precision": date.precision}


def _translation(translation: Translation | None) -> dict[str, Any] | None:
    return None if translation is None else translation.model_dump(mode="json")


def _translation_columns(translation: dict[str, Any] | None, of: str) -> dict[str, Any]:
    """A translation as flat columns (`evidence_translation`, `translation_by`...), for tables of one row per passage."""
    t = translation or {}
    return {f"{of}_translation": t.get("text"), "translation_by": t.get("by"), "translation_name": t.get("name"), "translation_url": t.get("url")}


def _record(record_id: str, model: Any, body: str) -> dict[str, Any]:
    data = model.model_dump(mode="json")
    for key in ("date", "start", "end"):
        if key in data:
            data[key] = _date(getattr(model, key))
    if isinstance(model, Document):
        data["issuers"] = list(model.issuer_ids)  # every issuer: the one `issuer`, or each of a joint statement's
        data["provenance"] = provenance(model)
    return {"id": record_id, **data, "body": body}


def _annotation(record: ClaimRecord | QuoteRecord) -> dict[str, Any]:
    row = asdict(record)
    row["date"] = _date(record.date)
    row["source_url"] = f"sources/{record.document}/#{record.id}"
    row["translation"] = _translation(record.translation)
    if isinstance(record, ClaimRecord):
        row["actors"] = list(record.actors)
        row["instruments"] = list(record.instruments)
        row["first_hand"] = record.first_hand
    return row


def position_facts_of(index: Index, site: Site | None = None, found: Iterable[History] | None = None) -> FactsByPosition:
    """Each position's basis class, joint document, period (as the site names periods) and history step: the claims' and the
    issuers' authorship (`Index.positions`).

    `found`: the position histories the pages show (the histories view's), read rather than computed again; an
    export made without the views computes them as the view does."""
    return position_facts(index.positions, periods_from((site or Site()).periods, index.positions), found)


def _positions(index: Index, site: Site | None = None, known: FactsByPosition | None = None) -> list[dict[str, Any]]:
    """One row per actor of each claim: a joint claim counts once for each of its actors; periods as the site names them."""
    rows = []
    facts_of = position_facts_of(index, site) if known is None else known
    for claim in index.claims:
        for actor in claim.actors:
            fact = facts_of[(claim.document, claim.id, actor, claim.topic)]
            rows.append(
                {
                    "claim": claim.id,
                    "document": claim.document,
                    "actor": actor,
                    "joint_with": [a for a in claim.actors if a != actor],
                    "speaker": claim.speaker,
                    "relayed_by": claim.relayed_by,
                    "demand": claim.demand,
                    "instrument": claim.instrument,
                    "stance": claim.stance,
                    "basis": claim.basis,
                    "basis_class": fact.basis_class,
                    "first_hand": claim.first_hand,
                    "joint_document": fact.joint_document,
                    "conference": claim.conference,
                    "date": _date(claim.date),
                    "period": fact.period,
                    "history_step": fact.history_step,
                    "source_url": f"sources/{claim.document}/#{claim.id}",
                    **_translation_columns(_translation(claim.translation), "evidence"),
                }
            )
    return rows


def _participation(index: Index) -> list[dict[str, Any]]:
    """One row per status of an actor at a conference, with the document that gives it."""
    rows = []
    for conf_id, entries in index.participation.items():
        for entry in entries:
            for status in entry.statuses:
                rows.append({"conference": conf_id, "actor": entry.actor, "status": status.status, "role": status.role, "source": status.source})
    return rows


ISSUER_COLUMNS = ("instrument", "actor", "status", "source", "stance", "basis", "basis_class", "joint_document", "period", "history_step")
"""The columns of `instrument_issuers.csv`, written even when no instrument names its issuers (most dossiers' first state)."""


def instrument_issuers(index: Index, site: Site | None = None, known: FactsByPosition | None = None) -> list[dict[str, Any]]:
    """One row per actor that issued, adopted or signed an instrument, with the document that says so: a position of basis `authorship`,
    with its facts as a row of `positions` has them (`known`, else made here): counted in the period of the instrument's date (as
    the agreement view counts it; periods as the site names them), a joint document when others issued that document too."""
    rows = []
    facts_of = position_facts_of(index, site) if known is None else known
    for instrument_id, record in index.sources.instruments.items():
        # The index's authorship positions of the instrument, in the order of its issuers (`Index._instruments`).
        authored = [c for c in index.stances_by_instrument.get(instrument_id, ()) if c.authorship]
        for issuer, position in zip(record.model.issuers, authored, strict=True):
            fact = facts_of[(position.document, position.id, issuer.actor, instrument_id)]
            values = (instrument_id, issuer.actor, issuer.status, issuer.source, "supports", AUTHORSHIP)
            rows.append(dict(zip(ISSUER_COLUMNS, (*values, fact.basis_class, fact.joint_document, fact.period, fact.history_step), strict=True)))
    return rows


KINDS: dict[str, Callable[[Index], list[dict[str, Any]]]] = {
    "documents": lambda ix: [_record(i, r.model, r.body) for i, r in ix.sources.documents.items()],
    "actors": lambda ix: [_record(i, r.model, r.body) for i, r in ix.sources.actors.items()],
    "conferences": lambda ix: [_record(i, r.model, r.body) for i, r in ix.sources.conferences.items()],
    "demands": lambda ix: [_record(i, r.model, r.body) for i, r in ix.sources.demands.items()],
    "instruments": lambda ix: [_record(i, r.model, r.body) for i, r in ix.sources.instruments.items()],
    "claims": lambda ix: [_annotation(claim) for claim in ix.claims],
    "positions": _positions,
    "quotes": lambda ix: [_annotation(quote) for quote in ix.quotes],
    "participation": _participation,
    "instrument_issuers": instrument_issuers,  # with the site's periods: see `_rows`
    "facts": lambda ix: [asdict(fact) for fact in ix.facts],
}
"""Each kind of record of `dossier.json` (one list each, the file's keys) and the function that makes its rows."""


def _rows(kind: str, index: Index, site: Site | None, known: FactsByPosition | None = None) -> list[dict[str, Any]]:
    if kind == "positions":
        return _positions(index, site, known)
    return instrument_issuers(index, site, known) if kind == "instrument_issuers" else KINDS[kind](index)


def dossier_data(index: Index, site: Site | None = None) -> dict[str, Any]:
    """Every record, claim and quote of the dossier as plain data."""
    known = position_facts_of(index, site)
    return {kind: _rows(kind, index, site, known) for kind in KINDS}


def _json_list(kind: str, rows: list[dict[str, Any]]) -> Iterator[str]:
    """One key of `dossier.json` and its list, in pieces, exactly as `json.dumps(..., indent=1, sort_keys=True)` writes it in the whole.

    Each record is dumped on its own: json's indenting encoder is pure Python and holds a piece for every
    token until the end (600 MB at 10,000 sources for one dump of the whole). JSON strings hold no raw
    newline, so indenting a record's lines by two spaces places it at the depth it has in the file.
    """
    key = json.dumps(kind, ensure_ascii=False)
    if not rows:
        yield f" {key}: []"
        return
    yield f" {key}: [\n"
    for n, row in enumerate(rows):
        yield (",\n  " if n else "  ") + json.dumps(row, ensure_ascii=False, sort_keys=True, indent=1).replace("\n", "\n  ")
    yield "\n ]"


def csv_cell(value: Any) -> str:
    """A value as a CSV cell: dates by value (marked approximate or an upper bound), lists as JSON, and anything that starts like a spreadsheet formula kept as text."""
    if value is None:
        return ""
    if isinstance(value, dict) and "value" in value:
        text = str(value["value"]) + (" (approximate)" if value.get("approximate") else "") + (" (no later than)" if value.get("no_later_than") else "")
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    # Spreadsheets run cells that start like a formula; an apostrophe keeps them text.
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv(rows: list[dict[str, Any]], out: TextIO, empty: tuple[str, ...] = ("id",)) -> None:
    columns = list(rows[0]) if rows else list(empty)
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: csv_cell(row.get(key)) for key in columns})


def write(sink: Sink, index: Index, site: Site | None = None, known: FactsByPosition | None = None) -> None:
    """`downloads/dossier.json` and `downloads/<kind>.csv`, one kind of record at a time: only that kind's rows are held.

    `known`: each position's facts (`position_facts_of`), made once for every export of a build."""
    with sink.text("downloads/dossier.json") as dossier:
        dossier.write("{\n")
        for n, kind in enumerate(sorted(KINDS)):
            rows = _rows(kind, index, site, known)
            dossier.write(",\n" if n else "")
            dossier.writelines(_json_list(kind, rows))
            if kind in TRANSLATED:
                rows = [{k: v for k, v in row.items() if k != "translation"} | _translation_columns(row["translation"], TRANSLATED[kind]) for row in rows]
            with sink.text(f"downloads/{kind}.csv") as table:
                _csv(rows, table, ISSUER_COLUMNS if kind == "instrument_issuers" else ("id",))
            del rows  # the next kind's rows take their place
        dossier.write("\n}\n")


def downloads(index: Index, site: Site | None = None) -> list[Download]:
    """`downloads/dossier.json` and `downloads/<kind>.csv`, in memory, sorted by path."""
    return sorted(collect(lambda sink: write(sink, index, site)).downloads, key=lambda d: d.path)
