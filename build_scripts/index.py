"""Index stage: the dossier as a graph, with claims and quotes as first-class records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .body import RenderedBody
from .load import Sources
from .models import Affiliation, Date
from .validate import claim_ids, quote_ids


@dataclass(frozen=True)
class ClaimRecord:
    """Actor A supports / opposes / conditions demand D, at conference C, on date T, per document."""

    id: str
    document: str
    actor: str
    demand: str
    stance: str
    evidence: str  # as the document's text has it, whitespace made single
    condition: str | None = None
    conference: str | None = None
    date: Date | None = None
    date_from_document: bool = False
    note: str | None = None

    @property
    def sort_key(self) -> tuple[str, str, str, str]:
        return (self.date.value if self.date else "9999", self.actor, self.document, self.id)


@dataclass(frozen=True)
class QuoteRecord:
    """A speaker's verbatim words in a document."""

    id: str
    document: str
    speaker: str
    text: str
    conference: str | None = None
    date: Date | None = None
    note: str | None = None


@dataclass(frozen=True)
class Tie:
    """An affiliation seen from either end: `source` --relation--> `target`."""

    source: str
    target: str
    affiliation: Affiliation


def _group(items: list, key: str) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for item in items:
        value = getattr(item, key)
        if value is not None:
            grouped[value].append(item)
    return dict(grouped)


@dataclass
class Index:
    """Everything the renderers need, computed once from validated sources."""

    sources: Sources
    bodies: dict[str, RenderedBody]
    claims: list[ClaimRecord]
    quotes: list[QuoteRecord]
    ties: list[Tie]
    by_actor: dict[str, list[ClaimRecord]] = field(init=False)
    by_demand: dict[str, list[ClaimRecord]] = field(init=False)
    by_conference: dict[str, list[ClaimRecord]] = field(init=False)
    quotes_by_speaker: dict[str, list[QuoteRecord]] = field(init=False)
    quotes_by_conference: dict[str, list[QuoteRecord]] = field(init=False)
    claims_by_document: dict[str, list[ClaimRecord]] = field(init=False)
    quotes_by_document: dict[str, list[QuoteRecord]] = field(init=False)
    documents_by_actor: dict[str, list[str]] = field(init=False)
    documents_by_conference: dict[str, list[str]] = field(init=False)
    conferences_by_actor: dict[str, list[tuple[str, str]]] = field(init=False)
    series_members: dict[str, list[str]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_actor = _group(self.claims, "actor")
        self.by_demand = _group(self.claims, "demand")
        self.by_conference = _group(self.claims, "conference")
        self.quotes_by_speaker = _group(self.quotes, "speaker")
        self.quotes_by_conference = _group(self.quotes, "conference")
        self.claims_by_document = _group(self.claims, "document")
        self.quotes_by_document = _group(self.quotes, "document")
        docs_by_actor: dict[str, set[str]] = defaultdict(set)
        docs_by_conf: dict[str, set[str]] = defaultdict(set)
        for doc_id, record in self.sources.documents.items():
            doc = record.model
            for actor in doc.actors:
                docs_by_actor[actor].add(doc_id)
            if doc.publisher and doc.publisher.actor:
                docs_by_actor[doc.publisher.actor].add(doc_id)
            for conf_id in doc.conferences:
                docs_by_conf[conf_id].add(doc_id)
        self.documents_by_actor = {k: sorted(v) for k, v in sorted(docs_by_actor.items())}
        self.documents_by_conference = {k: sorted(v) for k, v in sorted(docs_by_conf.items())}
        roles: dict[str, set[tuple[str, str]]] = defaultdict(set)
        members: dict[str, list[str]] = defaultdict(list)
        for conf_id, conf_record in self.sources.conferences.items():
            conf = conf_record.model
            for actor in conf.organisers:
                roles[actor].add((conf_id, "organiser"))
            for part in conf.participants:
                roles[part.actor].add((conf_id, part.role or "participant"))
            if conf.series:
                members[conf.series].append(conf_id)
        for claim in self.claims:
            if claim.conference:
                roles[claim.actor].add((claim.conference, "voiced a position"))
        self.conferences_by_actor = {k: sorted(v) for k, v in sorted(roles.items())}
        self.series_members = {k: sorted(v, key=self.conference_sort_key) for k, v in sorted(members.items())}

    def conference_sort_key(self, conf_id: str) -> tuple[str, int, str]:
        conf = self.sources.conferences[conf_id].model
        return (conf.start.value if conf.start else "9999", conf.number or 0, conf_id)

    def document_sort_key(self, doc_id: str) -> tuple[str, str]:
        date = self.sources.documents[doc_id].model.date
        return (date.value if date else "0000", doc_id)

    def ties_of(self, actor: str) -> list[Tie]:
        """Affiliations from or to `actor`."""
        return [t for t in self.ties if actor in (t.source, t.target)]

    def summary(self) -> str:
        s = self.sources
        return (
            f"{len(s.documents)} documents, {len(s.actors)} actors, {len(s.conferences)} conferences, "
            f"{len(s.demands)} demands, {len(self.claims)} claims, {len(self.quotes)} quotes: no problems"
        )


def build_index(sources: Sources, bodies: dict[str, RenderedBody]) -> Index:
    """Index validated sources: claims, quotes and ties as records."""
    claims: list[ClaimRecord] = []
    quotes: list[QuoteRecord] = []
    for doc_id, record in sources.documents.items():
        doc = record.model
        found = bodies[f"documents/{doc_id}"].found
        for anchor, c in zip(claim_ids(doc), doc.claims, strict=True):
            claims.append(
                ClaimRecord(
                    id=anchor,
                    document=doc_id,
                    actor=c.actor,
                    demand=c.demand,
                    stance=c.stance,
                    evidence=found[anchor],
                    condition=c.condition,
                    conference=c.conference,
                    date=c.date or doc.date,
                    date_from_document=c.date is None and doc.date is not None,
                    note=c.note,
                )
            )
        for anchor, q in zip(quote_ids(doc), doc.quotes, strict=True):
            quotes.append(QuoteRecord(anchor, doc_id, q.speaker, found[anchor], q.conference, doc.date, q.note))
    ties = [Tie(actor_id, aff.to, aff) for actor_id, record in sources.actors.items() for aff in record.model.affiliations]
    return Index(sources, bodies, claims, quotes, ties)
