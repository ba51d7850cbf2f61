"""Validate stage: every reference resolves, every passage is verbatim in its document, every fact is cited or marked."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .body import RenderedBody, read_body
from .checker import Checked, Checker, FactRecord, Stated, contains_words, word_spans
from .load import Record, Sources, usable_id
from .models import Actor, Conference, Demand, Fact, Instrument
from .names import NameIndex, dossier_names
from .passages import normalise
from .problems import WARNING, Problem
from .validate_documents import check_document


def mentions(sources: Sources) -> dict[tuple[str, str], list[str]]:
    """(kind, id) → the documents that name an entity: in `actors` (or as issuer or publisher), `conferences`, `instruments`."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc_id, record in sources.documents.items():
        doc = record.model
        for actor in [*doc.actors, *doc.issuer_ids, doc.publisher.actor if doc.publisher else None]:
            if actor:
                found[("actors", actor)].add(doc_id)
        for conference in doc.conferences:
            found[("conferences", conference)].add(doc_id)
        for instrument in doc.instruments:
            found[("instruments", instrument)].add(doc_id)
    return {key: sorted(docs) for key, docs in sorted(found.items())}


NAMES = ("name", "name_ar", "acronym", "aliases")
"""Facts that a document gives by writing them: a name appearing in a text is the text naming the entity."""


def _other_names(model: Any, value: str) -> list[str]:
    """The entity's names other than `value` and longer than it: where `value` overlaps one of them, it is not itself named."""
    facts = [getattr(model, key, None) for key in ("name", "name_ar", "acronym")] + list(getattr(model, "aliases", []))
    names = [f.value for f in facts if f is not None] + ([model.short_name] if getattr(model, "short_name", None) else [])
    return [n for n in names if len(normalise(n)) > len(normalise(value))]


def _stands_alone(text: str, value: str, others: list[str]) -> bool:
    """Whether `value` appears in `text` (casefolded, normalised) somewhere it does not overlap one of the `others` names."""
    taken = [span for other in others for span in word_spans(text, other)]
    return any(all(end <= lo or start >= hi for lo, hi in taken) for start, end in word_spans(text, value))


def names_document(reason: str, doc: str) -> bool:
    """Whether an editors' reason names the document `doc`: its id whole, not inside a word or a longer id; an id of one word only in backticks.

    A one-word id (`statement`) is also a plain word ("the statement does not give it"): only `` `statement` `` names it.
    """
    if "-" not in doc:
        return f"`{doc}`" in reason
    # As `(?<![\w-])doc(?![\w-])`, without a pattern made for each of the thousands of ids a preview's edit checks again.
    start = reason.find(doc)
    while start != -1:
        end = start + len(doc)
        if not _joins(reason[start - 1 : start]) and not _joins(reason[end : end + 1]):
            return True
        start = reason.find(doc, start + 1)
    return False


def _joins(char: str) -> bool:
    r"""Whether a character next to an id makes it part of a longer word or id (a regular expression's `[\w-]`)."""
    return char == "-" or char == "_" or char.isalnum()


def _shown(value: str) -> str:
    """A fact's value as a message quotes it: on one line, and a long one (a description) cut short."""
    flat = " ".join(value.split())
    return flat if len(flat) <= 80 else flat[:79] + "…"


class _Texts:
    """Each document's title and text, casefolded and normalised, made when a fact is first looked for in it."""

    def __init__(self, sources: Sources, bodies: dict[str, RenderedBody]) -> None:
        self.sources, self.bodies = sources, bodies
        self.made: dict[str, str] = {}

    def __contains__(self, doc: str) -> bool:
        return doc in self.sources.documents

    def __getitem__(self, doc: str) -> str:
        text = self.made.get(doc)
        if text is None:
            title = self.sources.documents[doc].model.title
            text = self.made[doc] = normalise(title).casefold() + " \n " + self.bodies[f"documents/{doc}"].text.casefold()
        return text


class _Facts:
    """Checks text facts of entities against the documents that name them."""

    def __init__(self, check: Checker, texts: _Texts, previous: dict[tuple[str, str, str], Stated], edited: set[str]) -> None:
        self.check = check
        self.texts = texts
        self.previous, self.edited = previous, edited  # an edit's check: the editors' names looked for before, and the documents changed since
        self.stated: dict[tuple[str, str, str], Stated] = {}

    def documents(self, kind: str, record: Record[Any]) -> list[str]:
        """The entity's documents: those it cites and those that name it (a demand's: those with a claim on it)."""
        cited = {doc for doc in record.model.sources if doc in self.texts}
        return sorted(cited.union(self.check.named.get((kind, record.id), ())))

    def stating(self, kind: str, record: Record[Any], value: str, documents: tuple[str, ...]) -> str | None:
        """The first of `documents` that gives the editors' name `value` standing alone; looked for again only where they changed."""
        key = (kind, record.id, value)
        known = self.previous.get(key)
        if known is not None and known[0] == documents and self.edited.isdisjoint(documents):
            found = known[1]
        else:
            others = _other_names(record.model, value)  # "The Charter" in "the Charter of the Talks" is part of another name
            found = next((doc for doc in documents if _stands_alone(self.texts[doc], value, others)), None)
        self.stated[key] = (documents, found)
        return found

    def fact(self, kind: str, record: Record[Any], loc: tuple[str | int, ...], fact: Fact | None) -> None:
        if fact is None or (record.partial and not usable_id(record.id)):
            return  # a file whose name is no id: no document can name it, and its facts are checked once it has one
        name = str(loc[0])
        what = kind.removesuffix("s")
        if fact.editorial:
            self.check.facts.append(FactRecord(kind, record.id, name, fact.value, editorial=fact.editorial))
            # A document added since gives the name: the editors' reason no longer holds. (A place is not stated by its
            # word appearing: "the Astana Accords" does not say where talks met.)
            # The editors may keep their reason, naming the document in it (the words stand only inside a longer name).
            documents = [doc for doc in self.documents(kind, record) if not names_document(fact.editorial, doc)]
            stating = name in NAMES and self.stating(kind, record, fact.value, tuple(documents))
            if stating:
                self.check.add(
                    record,
                    (*loc, "editorial"),
                    f"`{fact.value}` is marked as supplied by the editors, but the document `{stating}` gives it",
                    f"cite it: replace `editorial:` with `source: {stating}`; or, where the document does not give it as a name, say why in the reason, naming `{stating}`",
                    severity=WARNING,
                )
            return
        if fact.source:
            if self.check.ref(record, (*loc, "source"), fact.source, "documents"):
                if contains_words(self.texts[fact.source], fact.value):
                    self.check.facts.append(FactRecord(kind, record.id, name, fact.value, source=fact.source))
                else:
                    self.check.add(
                        record,
                        (*loc, "source"),
                        f"`{_shown(fact.value)}` is not in the document `{fact.source}`",
                        "cite a document that gives it, or mark it `editorial:` with the reason the editors supply it",
                    )
            return
        documents = self.documents(kind, record)
        found = next((doc for doc in documents if contains_words(self.texts[doc], fact.value)), None)
        if found:
            self.check.facts.append(FactRecord(kind, record.id, name, fact.value, source=found))
            return
        if any(key.startswith("documents/") for key in self.check.sources.failed):
            return  # a document that did not load may hold it: report once the documents load
        if not record.partial:
            self.check.unsupported.append((kind, record.id, loc))
        hint = "cite the document that gives it (`source:`), mark it `editorial:` with the reason the editors supply it, or remove it"
        if documents:
            message = f"`{_shown(fact.value)}` appears in none of this {what}'s documents ({', '.join(f'`{d}`' for d in documents)})"
        else:
            naming = "has a claim on" if kind == "demands" else "names"
            message = f"`{_shown(fact.value)}` cannot be checked: no document {naming} this {what} or is in its `sources`"
        # Reported beside a stand-in (a scaffold's `type: null`) too: it rests on the value and the documents alone, unless `sources` was replaced.
        self.check.add(record, loc, message, hint, reference=not any(place[:1] == ("sources",) for place in record.replaced or ()))


def validate(sources: Sources) -> tuple[Checked, list[Problem]]:
    """Check references, passages and facts; return rendered bodies, the provenance of facts, and all problems."""
    return _validate(sources, None, set())


def revalidate(sources: Sources, previous: Checked, edited: list[str]) -> tuple[Checked, list[Problem]]:
    """`validate` for sources whose only change since `previous` was checked is the documents `edited` (added or changed).

    The other documents' rendered bodies and dated facts are taken from `previous`: what they
    depend on (the entities' ids and kinds) did not change. Everything else is checked again,
    the entities' facts against every document's text included.
    """
    return _validate(sources, previous, set(edited))


def _validate(sources: Sources, previous: Checked | None, edited: set[str]) -> tuple[Checked, list[Problem]]:
    check = Checker(sources)
    if previous is not None:
        check.facts += [f for f in previous.facts if f.kind == "documents" and f.entity not in edited]
    names = NameIndex(dossier_names(sources))  # once per run: every document's text is matched against it
    bodies: dict[str, RenderedBody] = {}
    for doc_id, doc_record in sources.documents.items():
        key = f"documents/{doc_id}"
        bodies[key] = previous.bodies[key] if previous is not None and doc_id not in edited else check_document(check, doc_record, names)
    named = mentions(sources)
    check.named = {key: set(docs) for key, docs in named.items()}
    for doc_id, doc_record in sources.documents.items():
        for claim in doc_record.model.claims:
            if claim.demand:
                check.named.setdefault(("demands", claim.demand), set()).add(doc_id)
    facts = _Facts(check, _Texts(sources, bodies), previous.stated if previous is not None else {}, edited)
    for actor_record in sources.actors.values():
        _check_actor(check, facts, actor_record)
    for conf_record in sources.conferences.values():
        _check_conference(check, facts, conf_record)
    for demand_record in sources.demands.values():
        _check_demand(check, facts, demand_record)
    for instrument_record in sources.instruments.values():
        _check_instrument(check, facts, instrument_record)
    for kind, partial in sources.partial:  # files with problems, read in part: checked, never built
        _check_partial(check, facts, kind, partial, names)
    for kind in ("actors", "conferences", "demands", "instruments"):
        for entity_id, record in getattr(sources, kind).items():
            key = f"{kind}/{entity_id}"  # an edit changes documents only: the entities' bodies stand as the last check read them
            bodies[key] = previous.bodies[key] if previous is not None and key in previous.bodies else read_body(record.body, [])
            arabic = record.model.description_ar  # Markdown as the body is: refused where the body's would be
            for offending, reason in read_body(arabic.value, []).refused if arabic else ():
                check.add(record, ("description_ar",), f"{reason}: `{offending}`", "remove it or use an http(s) link")
    for key, rendered in bodies.items():
        kind, _, record_id = key.partition("/")
        _check_refused(check, getattr(sources, kind)[record_id], rendered)
    ordered = sorted(check.facts, key=lambda f: (f.kind, f.entity, f.field, f.value))
    return Checked(bodies, ordered, named, check.unsupported, facts.stated), check.problems + check.unknown_problems()


def _check_partial(check: Checker, facts: _Facts, kind: str, record: Record[Any], names: NameIndex) -> None:
    """Check what could be read of a file with problems, as a sound one would be."""
    if kind == "documents":
        check_document(check, record, names)
    elif kind == "actors":
        _check_actor(check, facts, record)
    elif kind == "conferences":
        _check_conference(check, facts, record)
    elif kind == "demands":
        _check_demand(check, facts, record)
    else:
        _check_instrument(check, facts, record)


def _check_demand(check: Checker, facts: _Facts, record: Record[Demand]) -> None:
    facts.fact("demands", record, ("statement_ar",), record.model.statement_ar)
    facts.fact("demands", record, ("description_ar",), record.model.description_ar)
    for i, other in enumerate(record.model.related):
        check.ref(record, ("related", i), other, "demands")
    check.unique(record, ("instruments",), record.model.instruments)
    for i, instrument in enumerate(record.model.instruments):
        check.ref(record, ("instruments", i), instrument, "instruments")
    _check_sources(check, record)


def _check_actor(check: Checker, facts: _Facts, record: Record[Actor]) -> None:
    actor = record.model
    facts.fact("actors", record, ("name",), actor.name)
    facts.fact("actors", record, ("name_ar",), actor.name_ar)
    facts.fact("actors", record, ("acronym",), actor.acronym)
    for i, alias in enumerate(actor.aliases):
        facts.fact("actors", record, ("aliases", i), alias)
    facts.fact("actors", record, ("description_ar",), actor.description_ar)
    for i, aff in enumerate(actor.affiliations):
        check.ref(record, ("affiliations", i, "to"), aff.to, "actors")
        check.ref(record, ("affiliations", i, "source"), aff.source, "documents")
        check.dates(record, ("affiliations", i, "end"), aff.start, aff.end)
        if aff.source and aff.editorial:
            check.add(record, ("affiliations", i, "editorial"), "affiliation gives both `source` and `editorial`", "keep the one that applies")
        elif not aff.source and not aff.editorial:
            check.add(
                record,
                ("affiliations", i),
                f"affiliation to `{aff.to}` cites no document",
                "add `source:` (the document that states the tie) or `editorial:` (why the editors record it)",
            )
        elif aff.editorial:
            check.facts.append(FactRecord("actors", record.id, "affiliations", f"{aff.relation} {aff.to}", editorial=aff.editorial))
        check.worked_out("actors", record.id, "affiliations", aff.start)
        check.worked_out("actors", record.id, "affiliations", aff.end)
    _check_sources(check, record)


def _check_conference(check: Checker, facts: _Facts, record: Record[Conference]) -> None:
    conf = record.model
    for field in ("name", "name_ar", "place", "description_ar"):
        facts.fact("conferences", record, (field,), getattr(conf, field))
    check.ref(record, ("series",), conf.series, "conferences")
    series = check.sources.conferences.get(conf.series or "")
    if series is not None and series.model.kind not in ("series", "process"):
        check.add(record, ("series",), f"`{conf.series}` is not a series or process", "point `series` at a conference of kind `series` or `process`")
    check.dates(record, ("end",), conf.start, conf.end)
    check.worked_out("conferences", record.id, "start", conf.start)
    check.worked_out("conferences", record.id, "end", conf.end)
    seen: dict[tuple[str, str], int] = {}
    for i, part in enumerate(conf.participants):
        check.ref(record, ("participants", i, "actor"), part.actor, "actors")
        check.ref(record, ("participants", i, "source"), part.source, "documents")
        key = (part.actor, part.status)
        if key in seen:
            check.add(
                record,
                ("participants", i, "status"),
                f"`{part.actor}` is already listed as `{part.status}` on line {record.where('participants', seen[key], 'status')[1]}",
                "list each status of an actor once; cite further documents in the conference's `sources`",
            )
        else:
            seen[key] = i
    if conf.attendance:
        check.ref(record, ("attendance", "source"), conf.attendance.source, "documents")
    for i, outcome in enumerate(conf.outcomes):
        check.ref(record, ("outcomes", i, "source"), outcome.source, "documents")
        check.ref(record, ("outcomes", i, "instrument"), outcome.instrument, "instruments")
    _check_sources(check, record)


def _check_instrument(check: Checker, facts: _Facts, record: Record[Instrument]) -> None:
    instrument = record.model
    facts.fact("instruments", record, ("name",), instrument.name)
    facts.fact("instruments", record, ("name_ar",), instrument.name_ar)
    for i, alias in enumerate(instrument.aliases):
        facts.fact("instruments", record, ("aliases", i), alias)
    facts.fact("instruments", record, ("description_ar",), instrument.description_ar)
    check.worked_out("instruments", record.id, "date", instrument.date)
    if record.id in check.sources.demands:
        check.add(
            record, ("name",), f"`{record.id}` is the id of a demand too", "rename the instrument: a claim's stance is on a demand or an instrument, by id"
        )
    seen: dict[tuple[str, str], int] = {}
    for i, issuer in enumerate(instrument.issuers):
        known = check.ref(record, ("issuers", i, "actor"), issuer.actor, "actors")
        if check.ref(record, ("issuers", i, "source"), issuer.source, "documents") and known:
            doc = check.sources.documents[issuer.source].model
            if record.id not in doc.instruments or issuer.actor not in {*doc.actors, *doc.issuer_ids}:
                check.add(
                    record,
                    ("issuers", i, "source"),
                    f"document `{issuer.source}` does not name both `{issuer.actor}` and this instrument",
                    f"cite a document whose `actors` list `{issuer.actor}` and whose `instruments` list `{record.id}`",
                )
        key = (issuer.actor, issuer.status)
        if key in seen:
            check.add(record, ("issuers", i, "status"), f"`{issuer.actor}` is already listed as `{issuer.status}`", "list each actor's part once")
        seen.setdefault(key, i)
    _check_sources(check, record)


def _check_refused(check: Checker, record: Record[Any], rendered: RenderedBody) -> None:
    lines = record.body.split("\n")
    for offending, reason in rendered.refused:
        offset = next((n for n, text in enumerate(lines) if offending and offending in text), 0)
        check.problems.append(Problem(record.path, record.parsed.body_line + offset, 1, f"{reason}: `{offending}`", "remove it or use an http(s) link"))


def _check_sources(check: Checker, record: Record[Any]) -> None:
    values = record.model.sources
    check.unique(record, ("sources",), values)
    kinds: dict[type, str] = {Actor: "actors", Conference: "conferences", Demand: "demands", Instrument: "instruments"}
    kind = kinds[type(record.model)]
    what = kind[:-1]
    for i, doc in enumerate(values):
        if check.ref(record, ("sources", i), doc, "documents") and doc not in check.named.get((kind, record.id), ()):
            # The entity's page lists every document that names it: `sources` is only what its description draws on.
            where = "has no claim on this demand" if kind == "demands" else f"does not name this {what} in its `{kind}`"
            fix = (
                f"remove `{doc}` from `sources`, or annotate the document's claim on `{record.id}`"
                if kind == "demands"
                else f"add `{record.id}` to the document's `{kind}` if its text names the {what}, or remove `{doc}` from `sources`"
            )
            check.add(record, ("sources", i), f"document `{doc}` {where}", fix, severity=WARNING)
