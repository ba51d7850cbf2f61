"""Rows of `downloads/dossier.db`, one generator per table, from the index (rows are generated, never gathered first)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from ..analysis.dna import dna_rows, statements
from ..analysis.facts import FactsByPosition
from ..index import ClaimRecord, Index, QuoteRecord, provenance
from ..models import Date, Fact, Translation
from ..pages import Site
from .dossier import instrument_issuers as export_issuers
from .dossier import position_facts_of

Row = dict[str, Any]


def _json(values: list[str] | tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _value(fact: Fact | None) -> str | None:
    """A fact's value, or None when the record has none (where each value comes from is in the `facts` table)."""
    return fact.value if fact else None


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


def date_columns(prefix: str) -> dict[str, type]:
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


def actors(index: Index, site: Site) -> Iterator[Row]:
    for actor_id, record in index.sources.actors.items():
        a = record.model
        yield {
            "id": actor_id,
            "name": a.name.value,
            "name_ar": _value(a.name_ar),
            "acronym": a.acronym.value if a.acronym else None,
            "type": a.type,
            "aliases": _json([alias.value for alias in a.aliases]),
            "sources": _json(a.sources),
            "former_ids": _json(a.former_ids),
            "body": record.body,
            "description_ar": _value(a.description_ar),
            "page": site.absolute(f"actors/{actor_id}.md"),
        }


def documents(index: Index, site: Site) -> Iterator[Row]:
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


def conferences(index: Index, site: Site) -> Iterator[Row]:
    for conf_id, record in index.sources.conferences.items():
        c = record.model
        yield {
            "id": conf_id,
            "name": c.name.value,
            "name_ar": _value(c.name_ar),
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
            "description_ar": _value(c.description_ar),
            "page": site.absolute(f"conferences/{conf_id}.md"),
        }


def demands(index: Index, site: Site) -> Iterator[Row]:
    for demand_id, record in index.sources.demands.items():
        d = record.model
        yield {
            "id": demand_id,
            "statement": d.statement,
            "statement_ar": _value(d.statement_ar),
            "theme": d.theme,
            "sources": _json(d.sources),
            "former_ids": _json(d.former_ids),
            "body": record.body,
            "description_ar": _value(d.description_ar),
            "page": site.absolute(f"demands/{demand_id}.md"),
        }


def instruments(index: Index, site: Site) -> Iterator[Row]:
    for instrument_id, record in index.sources.instruments.items():
        i = record.model
        yield {
            "id": instrument_id,
            "name": i.name.value,
            "name_ar": _value(i.name_ar),
            "kind": i.kind,
            "short_name": i.short_name,
            "aliases": _json([alias.value for alias in i.aliases]),
            **_date("date", i.date),
            "sources": _json(i.sources),
            "former_ids": _json(i.former_ids),
            "body": record.body,
            "description_ar": _value(i.description_ar),
            "page": site.absolute(f"instruments/{instrument_id}.md"),
        }


def claims(index: Index, site: Site) -> Iterator[Row]:
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


def positions(index: Index, site: Site, known: FactsByPosition | None = None) -> Iterator[Row]:
    """One row per actor of each claim, with its facts (`known`: made once for every export of a build; else made here)."""
    facts = position_facts_of(index, site) if known is None else known
    for c in index.claims:
        for actor in c.actors:
            fact = facts[(c.document, c.id, actor, c.topic)]
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
                "basis_class": fact.basis_class,
                "joint_document": fact.joint_document,
                "period": fact.period,
                "history_step": fact.history_step,
            }


def claim_instruments(index: Index, site: Site) -> Iterator[Row]:
    for c in index.claims:
        for instrument in c.instruments:
            yield {"claim": claim_key(c), "instrument": instrument}


def quotes(index: Index, site: Site) -> Iterator[Row]:
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


def participation(index: Index, site: Site) -> Iterator[Row]:
    # As the conference files give them, each status with its source: the order of participation.csv.
    for conf_id, entries in index.participation.items():
        for entry in entries:
            for status in entry.statuses:
                yield {"conference": conf_id, "actor": entry.actor, "status": status.status, "role": status.role, "source": status.source}


def instrument_issuers(index: Index, site: Site, known: FactsByPosition | None = None) -> Iterator[Row]:
    """As the instrument files give them, with their facts (`known`: made once for every export of a build; else made here): the rows of instrument_issuers.csv."""
    yield from export_issuers(index, site, known)


def with_facts(rows: Callable[..., Iterator[Row]], index: Index, site: Site, known: FactsByPosition) -> Iterator[Row]:
    """A table's rows; those of positions (`positions`, `instrument_issuers`) with the facts made once for the whole file."""
    return rows(index, site, known) if rows in (positions, instrument_issuers) else rows(index, site)


def document_issuers(index: Index, site: Site) -> Iterator[Row]:
    for doc_id, record in index.sources.documents.items():
        for issuer in record.model.issuer_ids:
            yield {"document": doc_id, "actor": issuer}


def affiliations(index: Index, site: Site) -> Iterator[Row]:
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


def facts(index: Index, site: Site) -> Iterator[Row]:
    for f in index.facts:
        yield {"kind": f.kind, "entity": f.entity, "field": f.field, "value": f.value, "source": f.source, "editorial": f.editorial}


def outcomes(index: Index, site: Site) -> Iterator[Row]:
    for conf_id, record in index.sources.conferences.items():
        for outcome in record.model.outcomes:
            yield {"conference": conf_id, "title": outcome.title, "kind": outcome.kind, "instrument": outcome.instrument, "source": outcome.source}


def named(kind: str, column: str) -> Callable[[Index, Site], Iterator[Row]]:
    """Rows of a document's list of what it names (`actors`, `conferences`, `instruments`)."""

    def rows(index: Index, site: Site) -> Iterator[Row]:
        for doc_id, record in index.sources.documents.items():
            for named in dict.fromkeys(getattr(record.model, kind)):
                yield {"document": doc_id, column: named}

    return rows


def demand_links(kind: str, column: str) -> Callable[[Index, Site], Iterator[Row]]:
    def rows(index: Index, site: Site) -> Iterator[Row]:
        for demand_id, record in index.sources.demands.items():
            for other in dict.fromkeys(getattr(record.model, kind)):
                yield {"demand": demand_id, column: other}

    return rows


def dna_network(index: Index, site: Site) -> Iterator[Row]:
    """DNA's one-mode network of the positions (build_scripts/analysis/dna.py): every ordered pair with a shared demand or instrument."""
    for row in dna_rows(statements(index.positions)):
        yield {
            "actor_a": row.actor_a,
            "actor_b": row.actor_b,
            "congruence": row.congruence,
            "conflict": row.conflict,
            "congruence_jaccard": row.congruence_jaccard,
            "conflict_jaccard": row.conflict_jaccard,
        }
