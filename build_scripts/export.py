"""Data downloads: the whole dossier as JSON, and one CSV per kind of record.

Everything annotated in `sources/` is in `dossier.json`, so nothing is lost between
the sources and what readers can take away. Output is sorted and stable.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from typing import Any

from .index import ClaimRecord, Index, QuoteRecord
from .models import Date

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Download:
    """A file for readers to download: its path under the site and its text."""

    path: str
    text: str


def _date(date: Date | None) -> dict[str, Any] | None:
    return None if date is None else {**date.model_dump(mode="json"), "precision": date.precision}


def _record(record_id: str, model: Any, body: str) -> dict[str, Any]:
    data = model.model_dump(mode="json")
    for key in ("date", "start", "end"):
        if key in data:
            data[key] = _date(getattr(model, key))
    return {"id": record_id, **data, "body": body}


def _annotation(record: ClaimRecord | QuoteRecord) -> dict[str, Any]:
    row = asdict(record)
    row["date"] = _date(record.date)
    row["source_url"] = f"sources/{record.document}/#{record.id}"
    return row


def dossier_data(index: Index) -> dict[str, Any]:
    """Every record, claim and quote of the dossier as plain data."""
    s = index.sources
    return {
        "documents": [_record(i, r.model, r.body) for i, r in s.documents.items()],
        "actors": [_record(i, r.model, r.body) for i, r in s.actors.items()],
        "conferences": [_record(i, r.model, r.body) for i, r in s.conferences.items()],
        "demands": [_record(i, r.model, r.body) for i, r in s.demands.items()],
        "claims": [_annotation(claim) for claim in index.claims],
        "quotes": [_annotation(quote) for quote in index.quotes],
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and "value" in value:
        text = str(value["value"]) + (" (approximate)" if value.get("approximate") else "")
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    # Spreadsheets run cells that start like a formula; an apostrophe keeps them text.
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    columns = list(rows[0]) if rows else ["id"]
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(row.get(key)) for key in columns})
    return out.getvalue()


def downloads(index: Index) -> list[Download]:
    """`downloads/dossier.json` and `downloads/<kind>.csv`, sorted by path."""
    data = dossier_data(index)
    files = [Download("downloads/dossier.json", json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n")]
    for kind, rows in data.items():
        files.append(Download(f"downloads/{kind}.csv", _csv(rows)))
    return sorted(files, key=lambda d: d.path)
