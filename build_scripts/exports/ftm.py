"""`downloads/dossier.ftm.json`: the dossier as FollowTheMoney entities, one JSON object a line, for Aleph and the `ftm` tools.

Built with the `followthemoney` library, which cleans every value to its type. FtM has
schemata for people, bodies, documents, events and the ties between them, but none for a
demand, a stance or a quotation; where it has none, the nearest is used and the dossier's
own terms are kept in `role`, `status` and `notes`:

| dossier                         | FtM schema                                                    |
| ------------------------------- | ------------------------------------------------------------- |
| actor (person)                  | Person                                                        |
| actor (state, government, UN body, international organisation) | PublicBody                       |
| actor (any other type)          | Organization                                                  |
| document (news report, editorial, analysis, interview) | Article                                |
| document (any other kind)       | Document                                                      |
| instrument                      | Document (`keywords`: its kind)                               |
| conference                      | Event (`organizer`, `involved`)                               |
| demand                          | Note (`description`: the statement, English and Arabic; `keywords`: the theme) |
| claim                           | UnknownLink: actors → demand (or → the instrument its stance is on), `role` the stance, `status` the basis, `description` the evidence, `proof` the document |
| quote                           | Note on its speaker and actor, `description` the words, `proof` the document |
| participation status            | UnknownLink: actor → event, `role` the status, `proof` the source |
| instrument issuer               | UnknownLink: actor → instrument, `role` issued/adopted/signed, `status` `authorship`, `proof` the source |
| affiliation                     | Membership (member of, part of), Representation, Directorship (leads), Employment (works for), else UnknownLink |
| what a document names           | Documentation: document → entity, `role` issuer (each of a joint statement's), publisher or mentioned |

A value the editors supplied rather than a source stays marked: a note on the entity (or
the tie) says which value and why. Ids are `dossier.<kind>.<id>`; entities come kind by kind,
each kind in the order of its records, so two builds write the same file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from ..index import AUTHORSHIP, ClaimRecord, Index, QuoteRecord, provenance
from ..models import Date, Fact, Translation
from ..pages import Site
from ..views.citations import publisher_name
from .sink import Download, Sink, collect

PATH = "downloads/dossier.ftm.json"
PUBLIC_BODIES = ("state", "government", "un-body", "international-organisation")
ARTICLES = ("news-report", "editorial", "analysis", "interview")
AFFILIATIONS = {
    "member-of": ("Membership", "member", "organization"),
    "part-of": ("Membership", "member", "organization"),
    "represents": ("Representation", "agent", "client"),
    "leads": ("Directorship", "director", "organization"),
    "works-for": ("Employment", "employee", "employer"),
}
"""Affiliation relation → FtM schema, and the properties of its two ends (this actor, the other); any other relation is an UnknownLink."""
INVOLVED = ("attended", "spoke", "addressed")
"""Statuses that make an actor one of an Event's `involved`; `organised` makes it an `organizer`; the others (boycotted, absent, invited) are links only."""
MAX_ID = 200
FIELD_LABELS = {"aliases": "alias", "short_name": "short name", "start": "start date", "end": "end date"}
FIELD_LABELS |= {f"{field}_ar": f"Arabic {field}" for field in ("name", "statement", "description")}


def entity_id(kind: str, *parts: str) -> str:
    """`dossier.<kind>.<id>`; hashed when longer than FtM allows an id to be."""
    readable = ".".join(("dossier", kind, *parts))
    return readable if len(readable) <= MAX_ID else f"dossier.{kind}.{hashlib.sha1(readable.encode()).hexdigest()}"


def actor_schema(actor_type: str) -> str:
    """The FtM schema of an actor type."""
    return "Person" if actor_type == "person" else "PublicBody" if actor_type in PUBLIC_BODIES else "Organization"


def _entity(schema: str, id_: str, **properties: Any) -> EntityProxy:
    """An entity with the properties given (None and empty values left out), each value cleaned by FtM."""
    entity = model.make_entity(schema)
    entity.id = id_
    for name, value in properties.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        entity.add(name, [v for v in values if v not in (None, "")])  # an unknown property raises: nothing is dropped unseen
    return entity


def _url(site: Site, path: str, anchor: str | None = None) -> str | None:
    """A page's full address, only when the site's address is known (FtM keeps absolute addresses only)."""
    return site.absolute(path, anchor) if site.site_url else None


def _date_note(label: str, date: Date | None) -> str | None:
    if date is not None and date.no_later_than:
        return f"{label} is an upper bound: on or before {date.value}, not on it."
    if date is None or not date.approximate:
        return None
    return f"{label} is approximate: {date.note}"


def _translation_note(label: str, translation: Translation | None) -> str | None:
    if translation is None:
        return None
    by = "the dossier's editors" if translation.by == "editors" else f"{translation.name}" + (f" ({translation.url})" if translation.url else "")
    return f"English translation of the {label}, by {by} (a translation, never evidence): {translation.text}"


def _value(fact: Fact | None) -> str | None:
    return fact.value.strip() if fact else None  # an Arabic name, statement or description: beside its English counterpart


def _editorial(index: Index, kind: str, entity: str) -> list[str]:
    """Notes for the values the editors supplied, not a source: which value, and why."""
    return [
        f"Editorial: the {FIELD_LABELS.get(fact.field, fact.field)} “{fact.value}” is supplied by the dossier's editors, not by a source: {fact.editorial}"
        for fact in index.facts_by_entity.get((kind, entity), [])
        if fact.editorial
    ]


def _cited(index: Index, kind: str, entity: str, sources: Iterable[str]) -> list[str]:
    """The documents an entity's record and facts cite, as entity ids for `proof`."""
    documents = set(sources) | {f.source for f in index.facts_by_entity.get((kind, entity), []) if f.source}
    return [entity_id("document", d) for d in sorted(documents)]


def _actors(index: Index, site: Site) -> Iterator[EntityProxy]:
    for actor_id, record in index.sources.actors.items():
        a = record.model
        yield _entity(
            actor_schema(a.type),
            entity_id("actor", actor_id),
            name=a.name.value,
            alias=[*(alias.value for alias in a.aliases), _value(a.name_ar)],
            abbreviation=a.acronym.value if a.acronym else None,
            classification=a.type,
            description=[record.body.strip(), _value(a.description_ar)],
            sourceUrl=_url(site, f"actors/{actor_id}.md"),
            proof=_cited(index, "actors", actor_id, a.sources),
            notes=_editorial(index, "actors", actor_id),
        )


def _documents(index: Index, site: Site) -> Iterator[EntityProxy]:
    for doc_id, record in index.sources.documents.items():
        d = record.model
        issuers = d.issuer_ids
        notes = [
            f"Provenance: {provenance(d)}.",
            f"A joint statement of {len(issuers)} parties: {', '.join(issuers)}." if len(issuers) > 1 else None,
            _translation_note("title", d.title_translation),
            f"The copy is an excerpt: {d.excerpt_note}" if d.excerpt else None,
            _date_note("The date", d.date),
            d.note,
            *_editorial(index, "documents", doc_id),
        ]
        yield _entity(
            "Article" if d.kind in ARTICLES else "Document",
            entity_id("document", doc_id),
            title=d.title,
            fileName=f"sources/documents/{doc_id}.md",
            keywords=d.kind,
            author=d.author,
            publisher=publisher_name(index, d),
            date=d.date.value if d.date else None,
            language=d.language,
            summary=d.summary,
            bodyText=record.body.strip(),
            sourceUrl=d.url,
            notes=notes,
        )


def _instruments(index: Index, site: Site) -> Iterator[EntityProxy]:
    for instrument_id, record in index.sources.instruments.items():
        i = record.model
        yield _entity(
            "Document",
            entity_id("instrument", instrument_id),
            title=i.name.value,
            alias=[*(alias.value for alias in i.aliases), i.short_name, _value(i.name_ar)],
            fileName=f"sources/instruments/{instrument_id}.md",
            keywords=i.kind,
            date=i.date.value if i.date else None,
            description=[record.body.strip(), _value(i.description_ar)],
            sourceUrl=_url(site, f"instruments/{instrument_id}.md"),
            proof=_cited(index, "instruments", instrument_id, i.sources),
            notes=[_date_note("The date", i.date), *_editorial(index, "instruments", instrument_id)],
        )


def _conferences(index: Index, site: Site) -> Iterator[EntityProxy]:
    for conf_id, record in index.sources.conferences.items():
        c = record.model
        participants = c.participants
        notes = [
            f"Part of: {index.sources.conferences[c.series].model.name.value} ({c.series})." if c.series else None,
            f"Attendance: {c.attendance.count} {c.attendance.unit}, as {c.attendance.source} counts them." if c.attendance else None,
            *(f"Outcome: {o.title}" + (f" ({o.kind})" if o.kind else "") + f", reported by {o.source}." for o in c.outcomes),
            _date_note("The start", c.start),
            _date_note("The end", c.end),
            *_editorial(index, "conferences", conf_id),
        ]
        yield _entity(
            "Event",
            entity_id("conference", conf_id),
            name=c.name.value,
            alias=[c.short_name, _value(c.name_ar)],
            keywords=c.kind,
            startDate=c.start.value if c.start else None,
            endDate=c.end.value if c.end else None,
            location=c.place.value if c.place else None,
            organizer=[entity_id("actor", p.actor) for p in participants if p.status == "organised"],
            involved=[entity_id("actor", p.actor) for p in participants if p.status in INVOLVED],
            description=[record.body.strip(), _value(c.description_ar)],
            sourceUrl=_url(site, f"conferences/{conf_id}.md"),
            proof=_cited(index, "conferences", conf_id, c.sources),
            notes=notes,
        )


def _demands(index: Index, site: Site) -> Iterator[EntityProxy]:
    for demand_id, record in index.sources.demands.items():
        d = record.model
        refers = ", ".join(f"{index.sources.instruments[i].model.name.value} ({i})" for i in d.instruments)
        yield _entity(
            "Note",
            entity_id("demand", demand_id),
            name=d.statement,
            description=[d.statement, _value(d.statement_ar)],
            summary=[record.body.strip(), _value(d.description_ar)],
            keywords=d.theme,
            sourceUrl=_url(site, f"demands/{demand_id}.md"),
            proof=[entity_id("document", s) for s in d.sources],
            notes=[f"A demand of the dossier, theme {d.theme}.", f"Refers to: {refers}." if refers else None, *_editorial(index, "demands", demand_id)],
        )


def _voiced(index: Index, record: ClaimRecord | QuoteRecord) -> list[str | None]:
    """Notes on who voiced a claim or quote, where and when, as the document gives it."""
    actors, conferences = index.sources.actors, index.sources.conferences
    speaker = f"Voiced by {actors[record.speaker].model.name.value} ({record.speaker})." if record.speaker else None
    where = f"At {conferences[record.conference].model.name.value} ({record.conference})." if record.conference else None
    return [speaker, where, _date_note("The date", record.date), record.note]


def _claims(index: Index, site: Site) -> Iterator[EntityProxy]:
    instruments, actors = index.sources.instruments, index.sources.actors
    for c in index.claims:
        invoked = ", ".join(f"{instruments[i].model.name.value} ({i})" for i in c.instruments)
        on = f"the instrument {c.instrument}" if c.instrument else c.demand
        bound = c.date is not None and c.date.no_later_than  # voiced by that date: an end, never the day it was voiced
        yield _entity(
            "UnknownLink",
            entity_id("claim", c.document, c.id),
            subject=[entity_id("actor", a) for a in c.actors],
            object=entity_id("instrument" if c.instrument else "demand", c.topic),
            role=c.stance,
            status=c.basis,
            description=c.evidence,
            date=c.date.value if c.date and not bound else None,
            endDate=c.date.value if c.date and bound else None,
            recordId=f"{c.document}#{c.id}",
            proof=entity_id("document", c.document),
            sourceUrl=_url(site, f"sources/{c.document}.md", c.id),
            # A link has no `notes` in FtM: what the claim says beyond its ends goes in its summary.
            summary=[
                f"A claim: {', '.join(c.actors)} {c.stance} {on}, on the basis “{c.basis}”"
                + (" (first-hand)." if c.first_hand else " (second-hand).")
                + (" The date is the document's." if c.date_from_document else ""),
                f"Condition: {c.condition}" if c.condition else None,
                f"Relayed by {actors[c.relayed_by].model.name.value} ({c.relayed_by}), who reports the position." if c.relayed_by else None,
                *_voiced(index, c),
                f"Invokes: {invoked}." if invoked else None,
                _translation_note("evidence", c.translation),
            ],
        )


def _quotes(index: Index, site: Site) -> Iterator[EntityProxy]:
    for q in index.quotes:
        yield _entity(
            "Note",
            entity_id("quote", q.document, q.id),
            entity=[entity_id("actor", v) for v in q.voices],
            description=q.text,
            proof=entity_id("document", q.document),
            sourceUrl=_url(site, f"sources/{q.document}.md", q.id),
            notes=["A quotation, verbatim from the document.", *_voiced(index, q), _translation_note("quotation", q.translation)],
        )


def _participation(index: Index, site: Site) -> Iterator[EntityProxy]:
    for conf_id, record in index.sources.conferences.items():
        for n, p in enumerate(record.model.participants):
            yield _entity(
                "UnknownLink",
                entity_id("participation", conf_id, str(n)),
                subject=entity_id("actor", p.actor),
                object=entity_id("conference", conf_id),
                role=p.status,
                proof=entity_id("document", p.source),
                summary=[f"Participation: {p.actor} {p.status} {conf_id}, as {p.source} says.", f"Role: {p.role}." if p.role else None],
            )


def _issuers(index: Index, site: Site) -> Iterator[EntityProxy]:
    for instrument_id, record in index.sources.instruments.items():
        for n, issuer in enumerate(record.model.issuers):
            yield _entity(
                "UnknownLink",
                entity_id("issuer", instrument_id, str(n)),
                subject=entity_id("actor", issuer.actor),
                object=entity_id("instrument", instrument_id),
                role=issuer.status,
                status=AUTHORSHIP,
                proof=entity_id("document", issuer.source),
                summary=[
                    f"Issuer: {issuer.actor} {issuer.status} {instrument_id}, as {issuer.source} says.",
                    "The dossier counts it as supporting the instrument, on the basis of its authorship (no passage voices it).",
                ],
            )


def _affiliations(index: Index, site: Site) -> Iterator[EntityProxy]:
    actors = index.sources.actors
    for actor_id, record in actors.items():
        for n, a in enumerate(record.model.affiliations):
            schema, this, other = AFFILIATIONS.get(a.relation, ("UnknownLink", "subject", "object"))
            if schema != "UnknownLink" and not _fits(schema, this, other, record.model.type, actors[a.to].model.type):
                schema, this, other = "UnknownLink", "subject", "object"
            yield _entity(
                schema,
                entity_id("affiliation", actor_id, str(n)),
                **{this: entity_id("actor", actor_id), other: entity_id("actor", a.to)},
                role=a.role or a.relation.replace("-", " "),
                startDate=a.start.value if a.start else None,
                endDate=a.end.value if a.end else None,
                proof=entity_id("document", a.source) if a.source else None,
                # A tie has no `notes` in FtM: what it says beyond its ends goes in its summary.
                summary=[
                    f"Affiliation: {actor_id} {a.relation} {a.to}.",
                    _date_note("The start", a.start),
                    _date_note("The end", a.end),
                    f"Editorial: this tie is recorded by the dossier's editors, not by a source: {a.editorial}" if a.editorial else None,
                ],
            )


def _fits(schema: str, this: str, other: str, this_type: str, other_type: str) -> bool:
    """Whether both ends' schemata are in the range of the schema's properties (Membership needs an Organization...)."""
    properties = model.get(schema).properties  # type: ignore[union-attr]
    return bool(
        model.get(actor_schema(this_type)).is_a(properties[this].range)  # type: ignore[union-attr]
        and model.get(actor_schema(other_type)).is_a(properties[other].range)  # type: ignore[union-attr]
    )


def _documentation(index: Index, site: Site) -> Iterator[EntityProxy]:
    for doc_id, record in index.sources.documents.items():
        d = record.model
        links = [("issuer", "actor", issuer) for issuer in d.issuer_ids]
        links += [("publisher", "actor", d.publisher.actor)] if d.publisher and d.publisher.actor else []
        links += [
            ("mentioned", kind, named) for kind, names in (("actor", d.actors), ("conference", d.conferences), ("instrument", d.instruments)) for named in names
        ]
        for role, kind, named in dict.fromkeys(links):
            yield _entity(
                "Documentation",
                entity_id("documentation", doc_id, role, kind, named),
                document=entity_id("document", doc_id),
                entity=entity_id(kind, named),
                role=role,
            )


PARTS = (_actors, _documents, _instruments, _conferences, _demands, _claims, _quotes, _participation, _issuers, _affiliations, _documentation)


def entities(index: Index, site: Site) -> Iterator[EntityProxy]:
    """Every entity of the dossier, as FollowTheMoney proxies, one kind after another."""
    for part in PARTS:
        yield from part(index, site)


def line(entity: EntityProxy) -> str:
    """One entity as a line of JSON: `id` first, as the `ftm` tools write it, properties sorted."""
    data = entity.to_dict()
    properties = {name: data["properties"][name] for name in sorted(data["properties"])}
    return json.dumps({"id": data["id"], "schema": data["schema"], "properties": properties}, separators=(",", ":"))


def write(sink: Sink, index: Index, site: Site) -> None:
    """`downloads/dossier.ftm.json`: one entity a line, kind by kind, each kind in the order of its records; each line written as it is made."""
    with sink.text(PATH) as out:
        for entity in entities(index, site):
            out.write(line(entity) + "\n")


def downloads(index: Index, site: Site) -> list[Download]:
    """`downloads/dossier.ftm.json`, in memory."""
    return collect(lambda sink: write(sink, index, site)).downloads
