"""Index stage: the dossier as a graph, with claims, quotes, participation and facts as first-class records."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .anchors import anchor_ids
from .body import RenderedBody
from .checker import Checked, FactRecord, Stated
from .load import Sources
from .models import FIRST_HAND, STATUSES, Affiliation, Date, Document, Translation
from .problems import Problem

AUTHORSHIP = "authorship"
"""The basis of an issuer's support for the instrument it issued, adopted or signed."""


@dataclass(frozen=True)
class ClaimRecord:
    """Actor(s) A support / oppose / condition demand D (or instrument I), voiced by S, relayed by R, at conference C, on date T, per document, on a basis.

    `basis` is one of the format's bases, or `authorship` for the position an instrument's issuer
    takes by issuing it (derived from the instrument's `issuers`, with no passage of its own).
    """

    id: str
    document: str
    actors: tuple[str, ...]
    demand: str | None
    stance: str
    basis: str
    evidence: str  # as the document's text has it, whitespace made single
    speaker: str | None = None
    condition: str | None = None
    conference: str | None = None
    instruments: tuple[str, ...] = ()
    instrument: str | None = None  # the instrument the stance is on, for a stance on a statement as a whole
    relayed_by: str | None = None
    date: Date | None = None
    date_from_document: bool = False
    note: str | None = None
    translation: Translation | None = None  # of the evidence, shown beside it; never evidence itself

    @property
    def first_hand(self) -> bool:
        """The actor's own words or publication (its authorship of a statement too), not someone's account of it."""
        return self.basis in FIRST_HAND or self.basis == AUTHORSHIP

    @property
    def topic(self) -> str:
        """What the stance is on: a demand's id, or an instrument's (ids are unique across both)."""
        return self.demand or self.instrument or ""

    @property
    def authorship(self) -> bool:
        """A position taken by issuing an instrument, not voiced in a passage."""
        return self.basis == AUTHORSHIP

    @property
    def joint(self) -> bool:
        return len(self.actors) > 1

    @property
    def sort_key(self) -> tuple[str, str, str, str]:
        return (self.date.value if self.date else "9999", self.actors[0], self.document, self.id)


def stance_of(claims: Iterable[ClaimRecord]) -> str:
    """The stance the claims take together: theirs when they agree, `mixed` when they differ (`mixed` for none)."""
    stances = {claim.stance for claim in claims}
    return stances.pop() if len(stances) == 1 else "mixed"


@dataclass(frozen=True)
class QuoteRecord:
    """Verbatim words in a document: spoken by a person, for an actor, or both."""

    id: str
    document: str
    speaker: str | None
    actor: str | None
    text: str
    conference: str | None = None
    date: Date | None = None
    note: str | None = None
    translation: Translation | None = None  # of the text, shown beside it; never evidence itself

    @property
    def voices(self) -> tuple[str, ...]:
        """The actors whose pages show the quote."""
        return tuple(dict.fromkeys(v for v in (self.speaker, self.actor) if v))


@dataclass(frozen=True)
class Tie:
    """An affiliation seen from either end: `source` --relation--> `target`."""

    source: str
    target: str
    affiliation: Affiliation


@dataclass(frozen=True)
class Status:
    """One participation status of an actor at a conference, and the document that gives it."""

    status: str
    role: str | None
    source: str


@dataclass
class Participation:
    """An actor at a conference, once, with all its roles: its statuses and the positions it voiced there."""

    actor: str
    conference: str
    statuses: list[Status] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple[int, str]:
        ranks = [STATUSES.index(s.status) for s in self.statuses] or [len(STATUSES)]
        return (min(ranks), self.actor)


def _group(items: list, key: str) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for item in items:
        value = getattr(item, key)
        if value is not None:
            grouped[value].append(item)
    return dict(grouped)


def _group_many(items: list, key: str) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for item in items:
        for value in getattr(item, key):
            grouped[value].append(item)
    return dict(grouped)


def provenance(doc: Document) -> str:
    """Whose voice a document is: `own-publication`, `republication` (an issuer's text carried by another outlet) or `report`."""
    if not doc.issuer_ids:
        return "report"
    carrier = doc.publisher.actor if doc.publisher else None
    return "own-publication" if carrier is None or carrier in doc.issuer_ids else "republication"


@dataclass
class Index:
    """Everything the renderers need, computed once from validated sources."""

    sources: Sources
    bodies: dict[str, RenderedBody]
    claims: list[ClaimRecord]
    quotes: list[QuoteRecord]
    ties: list[Tie]
    facts: list[FactRecord] = field(default_factory=list)
    mentions: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(kind, id) → the documents that name the entity, from the validate stage."""
    warnings: list[Problem] = field(default_factory=list)
    """Problems that do not stop the build (a reference to a former id...), sorted: `dossier check` and the build log show them."""
    read_warnings: list[Problem] = field(default_factory=list)
    """Those of the warnings that reading one file finds in it (a reference to a former id): what a preview keeps for the files it does not read again."""
    stated: dict[tuple[str, str, str], Stated] = field(default_factory=dict)
    """Where the check looked for each name the editors supply (`Checked.stated`): what a preview's edit does not look for again."""
    by_actor: dict[str, list[ClaimRecord]] = field(init=False)
    by_speaker: dict[str, list[ClaimRecord]] = field(init=False)
    by_demand: dict[str, list[ClaimRecord]] = field(init=False)
    by_conference: dict[str, list[ClaimRecord]] = field(init=False)
    by_instrument: dict[str, list[ClaimRecord]] = field(init=False)
    """Claims that invoke an instrument: those that list it in their own `instruments`."""
    stances_by_instrument: dict[str, list[ClaimRecord]] = field(init=False)
    """Stances on an instrument as a whole: claims on it, then its issuers' authorship."""
    by_relayer: dict[str, list[ClaimRecord]] = field(init=False)
    positions: list[ClaimRecord] = field(init=False)
    """Every position the analysis compares: the claims, and the issuers' authorship of their instruments."""
    quotes_by_actor: dict[str, list[QuoteRecord]] = field(init=False)
    quotes_by_conference: dict[str, list[QuoteRecord]] = field(init=False)
    claims_by_document: dict[str, list[ClaimRecord]] = field(init=False)
    quotes_by_document: dict[str, list[QuoteRecord]] = field(init=False)
    documents_by_actor: dict[str, list[str]] = field(init=False)
    documents_by_conference: dict[str, list[str]] = field(init=False)
    documents_by_instrument: dict[str, list[str]] = field(init=False)
    demands_by_instrument: dict[str, list[str]] = field(init=False)
    outcomes_by_instrument: dict[str, list[str]] = field(init=False)
    participation: dict[str, list[Participation]] = field(init=False)
    conferences_by_actor: dict[str, list[Participation]] = field(init=False)
    series_members: dict[str, list[str]] = field(init=False)
    facts_by_entity: dict[tuple[str, str], list[FactRecord]] = field(init=False)
    ties_by_actor: dict[str, list[Tie]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_actor = _group_many(self.claims, "actors")
        self.by_speaker = _group([c for c in self.claims if c.speaker not in c.actors], "speaker")
        self.by_demand = _group(self.claims, "demand")
        self.by_relayer = _group(self.claims, "relayed_by")
        self.by_conference = _group(self.claims, "conference")
        self.quotes_by_actor = _group_many(self.quotes, "voices")
        self.quotes_by_conference = _group(self.quotes, "conference")
        self.claims_by_document = _group(self.claims, "document")
        self.quotes_by_document = _group(self.quotes, "document")
        self._documents()
        self._instruments()
        self._participation()
        self._facts()
        ties: dict[str, list[Tie]] = defaultdict(list)
        for tie in self.ties:
            for end in dict.fromkeys((tie.source, tie.target)):
                ties[end].append(tie)
        self.ties_by_actor = dict(ties)

    def _facts(self) -> None:
        facts: dict[tuple[str, str], list[FactRecord]] = defaultdict(list)
        for fact in self.facts:
            facts[(fact.kind, fact.entity)].append(fact)
        self.facts_by_entity = dict(facts)

    def _documents(self) -> None:
        by_kind: dict[str, dict[str, list[str]]] = {"actors": {}, "conferences": {}, "instruments": {}}
        for (kind, entity), documents in self.mentions.items():
            by_kind[kind][entity] = documents
        self.documents_by_actor = by_kind["actors"]
        self.documents_by_conference = by_kind["conferences"]
        self.documents_by_instrument = by_kind["instruments"]

    def _instruments(self) -> None:
        demands: dict[str, list[str]] = defaultdict(list)
        for demand_id, record in self.sources.demands.items():
            for instrument in record.model.instruments:
                demands[instrument].append(demand_id)
        self.demands_by_instrument = dict(demands)
        self.by_instrument = _group_many(self.claims, "instruments")
        authored = [
            ClaimRecord(
                id=f"{issuer.status}-{issuer.actor}",
                document=issuer.source,
                actors=(issuer.actor,),
                demand=None,
                instrument=instrument_id,
                stance="supports",
                basis=AUTHORSHIP,
                evidence="",
                date=record.model.date,
                note=f"{issuer.status.capitalize()} the instrument, according to the document.",
            )
            for instrument_id, record in self.sources.instruments.items()
            for issuer in record.model.issuers
        ]
        self.positions = sorted([*self.claims, *authored], key=lambda c: c.sort_key)
        self.stances_by_instrument = _group([c for c in self.claims if c.instrument] + authored, "instrument")
        outcomes: dict[str, dict[str, None]] = defaultdict(dict)  # ordered sets: a conference once per instrument
        for conf_id, conf_record in self.sources.conferences.items():
            for outcome in conf_record.model.outcomes:
                if outcome.instrument:
                    outcomes[outcome.instrument][conf_id] = None
        self.outcomes_by_instrument = {instrument: list(confs) for instrument, confs in outcomes.items()}

    def _participation(self) -> None:
        table: dict[tuple[str, str], Participation] = {}
        members: dict[str, list[str]] = defaultdict(list)
        for conf_id, conf_record in self.sources.conferences.items():
            conf = conf_record.model
            for part in conf.participants:
                entry = table.setdefault((conf_id, part.actor), Participation(part.actor, conf_id))
                entry.statuses.append(Status(part.status, part.role, part.source))
            if conf.series:
                members[conf.series].append(conf_id)
        for claim in self.claims:
            if claim.conference:
                for actor in claim.actors:
                    table.setdefault((claim.conference, actor), Participation(actor, claim.conference)).claims.append(claim)
        by_conf: dict[str, list[Participation]] = defaultdict(list)
        by_actor: dict[str, list[Participation]] = defaultdict(list)
        for (conf_id, actor), entry in sorted(table.items()):
            entry.statuses.sort(key=lambda s: (STATUSES.index(s.status), s.source))
            by_conf[conf_id].append(entry)
            by_actor[actor].append(entry)
        self.participation = {k: sorted(v, key=lambda p: p.sort_key) for k, v in sorted(by_conf.items())}
        self.conferences_by_actor = {k: sorted(v, key=lambda p: self.conference_sort_key(p.conference)) for k, v in sorted(by_actor.items())}
        self.series_members = {k: sorted(v, key=self.conference_sort_key) for k, v in sorted(members.items())}

    def revised(self, sources: Sources, checked: Checked, warnings: list[Problem], read_warnings: list[Problem]) -> Index:
        """This index for sources whose documents changed only where its records do not show it (a preview's edit of a text
        outside its passages): the same claims, quotes and mentions, so every grouping of them stands as it is."""
        revised = copy.copy(self)
        revised.sources, revised.bodies, revised.facts, revised.mentions = sources, checked.bodies, checked.facts, checked.mentions
        revised.warnings, revised.read_warnings, revised.stated = warnings, read_warnings, checked.stated
        revised._facts()
        return revised

    def conference_sort_key(self, conf_id: str) -> tuple[str, int, str]:
        conf = self.sources.conferences[conf_id].model
        return (conf.start.value if conf.start else "9999", conf.number or 0, conf_id)

    def document_sort_key(self, doc_id: str) -> tuple[str, str]:
        date = self.sources.documents[doc_id].model.date
        return (date.value if date else "0000", doc_id)

    def newest_first(self) -> list[str]:
        """Document ids by date, newest first (at a date's precision, `2024` before `2023-12`); undated last."""
        documents = self.sources.documents
        dated = sorted((d for d in documents if documents[d].model.date), key=self.document_sort_key, reverse=True)
        return dated + sorted(d for d in documents if not documents[d].model.date)

    def ties_of(self, actor: str) -> list[Tie]:
        """Affiliations from or to `actor` (asked for on every actor page: looked up, not searched for)."""
        return self.ties_by_actor.get(actor, [])

    def fact(self, kind: str, entity: str, field: str, value: str) -> FactRecord | None:
        """Where a fact of an entity comes from, if it was checked."""
        return next((f for f in self.facts_by_entity.get((kind, entity), []) if f.field == field and f.value == value), None)

    @property
    def editorial_facts(self) -> list[FactRecord]:
        return [f for f in self.facts if f.editorial]

    def summary(self) -> str:
        s = self.sources
        return (
            f"{len(s.documents)} documents, {len(s.actors)} actors, {len(s.conferences)} conferences, "
            f"{len(s.demands)} demands, {len(s.instruments)} instruments, {len(self.claims)} claims, {len(self.quotes)} quotes, "
            f"{len(self.editorial_facts)} editorial facts: no problems"
        )


def build_index(
    sources: Sources, checked: Checked, warnings: list[Problem] | None = None, read_warnings: list[Problem] | None = None, previous: Index | None = None
) -> Index:
    """Index validated sources: claims, quotes, ties and facts as records.

    `previous`: an index of the same sources but a few documents (a preview's edit): the records of each document
    it read from the very same file and body are taken from it, not made again.
    """
    claims: list[ClaimRecord] = []
    quotes: list[QuoteRecord] = []
    for doc_id, record in sources.documents.items():
        doc = record.model
        body = checked.bodies[f"documents/{doc_id}"]
        if previous is not None and previous.sources.documents.get(doc_id) is record and previous.bodies.get(f"documents/{doc_id}") is body:
            claims += previous.claims_by_document.get(doc_id, ())
            quotes += previous.quotes_by_document.get(doc_id, ())
            continue
        found = body.found
        ids = anchor_ids(doc)
        for anchor, c in zip(ids[: len(doc.claims)], doc.claims, strict=True):
            date, from_document = c.date, False
            if date is None and doc.date is not None:  # a relayed position was voiced by the document's date, not on it
                bound = c.relayed_by and not doc.date.approximate
                date, from_document = (doc.date.model_copy(update={"no_later_than": True}) if bound else doc.date), True
            claims.append(
                ClaimRecord(
                    id=anchor,
                    document=doc_id,
                    actors=c.actor_ids,
                    demand=c.demand,
                    instrument=c.instrument,
                    relayed_by=c.relayed_by,
                    stance=c.stance,
                    basis=c.basis,
                    evidence=found[anchor],
                    speaker=c.speaker,
                    condition=c.condition,
                    conference=c.conference,
                    instruments=tuple(c.instruments),
                    date=date,
                    date_from_document=from_document,
                    note=c.note,
                    translation=c.translation,
                )
            )
        for anchor, q in zip(ids[len(doc.claims) :], doc.quotes, strict=True):
            quotes.append(QuoteRecord(anchor, doc_id, q.speaker, q.actor, found[anchor], q.conference, doc.date, q.note, q.translation))
    if previous is not None and claims == previous.claims and quotes == previous.quotes and checked.mentions == previous.mentions:
        return previous.revised(sources, checked, warnings or [], read_warnings or [])
    ties = [Tie(actor_id, aff.to, aff) for actor_id, record in sources.actors.items() for aff in record.model.affiliations]
    return Index(sources, checked.bodies, claims, quotes, ties, checked.facts, checked.mentions, warnings or [], read_warnings or [], checked.stated)
