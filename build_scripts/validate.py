"""Validate stage: every reference resolves, every passage is verbatim in its document, every fact is cited or marked."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .body import Passage, RenderedBody, read_body
from .load import Record, Sources, usable_id
from .messages import did_you_mean
from .models import Actor, Conference, Date, Demand, Document, Fact, Instrument
from .passages import normalise, word_diff
from .problems import ERROR, WARNING, Problem, Severity


@dataclass(frozen=True)
class FactRecord:
    """A fact about an entity and where it comes from: a document (`source`) or the editors (`editorial`)."""

    kind: str  # actors, conferences, instruments, documents
    entity: str
    field: str  # `name_ar`, `aliases`, `affiliations`, `start`...
    value: str
    source: str | None = None
    editorial: str | None = None


@dataclass(frozen=True)
class Checked:
    """What validation learnt on the way: rendered bodies and the provenance of every fact."""

    bodies: dict[str, RenderedBody]
    facts: list[FactRecord]
    mentions: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(kind, id) → the documents that name the entity."""
    unsupported: list[tuple[str, str, tuple[str | int, ...]]] = field(default_factory=list)
    """(kind, id, location) of plain text facts that no document gives: what `migrate` marks for review."""


def anchor_ids(document: Document) -> list[str]:
    """Anchors of a document's claims then quotes, one namespace per page.

    An explicit `id` is kept as written (duplicates are reported by validate); a derived
    one, `ev-<actor>-<demand>` or `q-<speaker>`, takes `-2`, `-3`... past any id in use.
    """
    wanted = [(c.id, f"ev-{(c.actor_ids or ('claim',))[0]}-{c.topic}") for c in document.claims]
    wanted += [(q.id, f"q-{q.voice or 'quote'}") for q in document.quotes]
    taken = {explicit for explicit, _ in wanted if explicit}
    ids = []
    for explicit, derived in wanted:
        if explicit:
            ids.append(explicit)
            continue
        candidate, n = derived, 1
        while candidate in taken:
            n += 1
            candidate = f"{derived}-{n}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


def claim_ids(document: Document) -> list[str]:
    """Anchor ids of a document's claims."""
    return anchor_ids(document)[: len(document.claims)]


def quote_ids(document: Document) -> list[str]:
    """Anchor ids of a document's quotes."""
    return anchor_ids(document)[len(document.claims) :]


def passages(document: Document) -> list[Passage]:
    """The passages of a document to mark, numbered: its claims' evidence, then its quotes."""
    marked = [(c.evidence, "evidence", c.basis == "quoted") for c in document.claims] + [(q.text, "quote", False) for q in document.quotes]
    return [Passage(pid, *what, label=str(n)) for n, (pid, what) in enumerate(zip(anchor_ids(document), marked, strict=True), start=1)]


class _Checker:
    """Collects problems and facts for one run."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources
        self.problems: list[Problem] = []
        self.facts: list[FactRecord] = []
        self.unsupported: list[tuple[str, str, tuple[str | int, ...]]] = []
        self._hints: dict[tuple[str, str], str] = {}  # (kind, unknown id) → did-you-mean: a renamed id may be cited thousands of times
        self.named: dict[tuple[str, str], set[str]] = {}  # (kind, id) → the documents that name the entity (demands: by a claim)

    def ref(self, record: Record[Any], loc: tuple[str | int, ...], value: str | None, kind: str, within: Iterable[str] | None = None) -> bool:
        """Report `value` when it names no record of `kind` (or is missing from the document's list); True when it resolves."""
        if value is None:
            return False
        pool = getattr(self.sources, kind)
        if f"{kind}/{value}" in self.sources.failed:
            return False
        if value not in pool:
            if (kind, value) not in self._hints:
                self._hints[(kind, value)] = did_you_mean(value, set(pool))
            self.add(record, loc, f"unknown {kind[:-1]} `{value}`", f"{self._hints[(kind, value)]} (or add sources/{kind}/{value}.md)", reference=True)
            return False
        if within is not None and value not in within:
            self.add(record, loc, f"`{value}` is not annotated in this document's `{kind}`", f"add `{value}` to `{kind}`", reference=True)
        return True

    def add(self, record: Record[Any], loc: tuple[str | int, ...], message: str, hint: str, reference: bool = False, severity: Severity = ERROR) -> None:
        if record.replaced and not _readable(record.replaced, loc, reference):
            return
        path, line, col = record.where(*loc)
        self.problems.append(Problem(path, line, col, message, hint, severity))

    def unique(self, record: Record[Any], loc: tuple[str | int, ...], values: list[str]) -> None:
        seen: set[str] = set()
        for i, value in enumerate(values):
            if value in seen:
                self.add(record, (*loc, i), f"`{value}` is listed twice", "remove the repeated entry")
            seen.add(value)

    def dates(self, record: Record[Any], loc: tuple[str | int, ...], start: Date | None, end: Date | None) -> None:
        if start and end:
            common = min(len(start.value), len(end.value))
            if end.value[:common] < start.value[:common]:
                self.add(record, loc, f"ends ({end.value}) before it starts ({start.value})", "check both dates")

    def worked_out(self, kind: str, entity: str, field: str, date: Date | None) -> None:
        """An approximate date is the editors' reasoning: count it as an editorial fact."""
        if date is not None and date.approximate:
            self.facts.append(FactRecord(kind, entity, field, date.value, editorial=date.note))

    def person(self, record: Record[Any], loc: tuple[str | int, ...], speaker: str | None) -> None:
        actor = self.sources.actors.get(speaker or "")
        if actor is not None and actor.model.type != "person":
            kind = actor.model.type.replace("-", " ")
            self.add(
                record,
                loc,
                f"speaker `{speaker}` is a{'n' if kind[0] in 'aeiou' else ''} {kind}, not a person",
                "a speaker is the person who voiced the words; name the organisation in `actor` instead",
            )


def _readable(replaced: frozenset[tuple[str | int, ...]], loc: tuple[str | int, ...], reference: bool) -> bool:
    """Whether a problem at `loc` of a file read in part stands: not about a stand-in, and, beside one, only a reference."""
    about = (loc[: len(place)] == place or (not reference and loc[: len(place) - 1] == place[:-1]) for place in replaced)
    return not any(about)


_WORD = re.compile(r"\w")


def _in_word(char: str) -> bool:
    """A letter, digit or a mark on one (a haraka): a name does not end before its diacritics."""
    return bool(_WORD.match(char)) or unicodedata.category(char).startswith("M")


def contains_words(haystack: str, value: str) -> bool:
    """True when `value` appears in casefolded normalised `haystack` as whole words, whitespace and typography forgiven."""
    needle = normalise(value).casefold()
    start = haystack.find(needle)
    while start >= 0 and needle:
        end = start + len(needle)
        before = haystack[start - 1] if start else " "
        after = haystack[end] if end < len(haystack) else " "
        if not (_in_word(before) and _in_word(needle[0])) and not (_in_word(after) and _in_word(needle[-1])):
            return True
        start = haystack.find(needle, start + 1)
    return False


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


class _Facts:
    """Checks text facts of entities against the documents that name them."""

    def __init__(self, check: _Checker, texts: dict[str, str], named: dict[tuple[str, str], list[str]]) -> None:
        self.check = check
        self.texts = texts  # document id → casefolded normalised title and text
        self.mentions = named

    def documents(self, kind: str, record: Record[Any]) -> list[str]:
        """The entity's documents: those it cites and those that name it."""
        cited = {doc for doc in record.model.sources if doc in self.texts}
        return sorted(cited.union(self.mentions.get((kind, record.id), [])))

    def fact(self, kind: str, record: Record[Any], loc: tuple[str | int, ...], fact: Fact | None) -> None:
        if fact is None or (record.partial and not usable_id(record.id)):
            return  # a file whose name is no id: no document can name it, and its facts are checked once it has one
        name = str(loc[0])
        what = {"actors": "actor", "conferences": "conference", "instruments": "instrument"}[kind]
        if fact.editorial:
            self.check.facts.append(FactRecord(kind, record.id, name, fact.value, editorial=fact.editorial))
            return
        if fact.source:
            if self.check.ref(record, (*loc, "source"), fact.source, "documents"):
                if contains_words(self.texts[fact.source], fact.value):
                    self.check.facts.append(FactRecord(kind, record.id, name, fact.value, source=fact.source))
                else:
                    self.check.add(
                        record,
                        (*loc, "source"),
                        f"`{fact.value}` is not in the document `{fact.source}`",
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
            message = f"`{fact.value}` appears in none of this {what}'s documents ({', '.join(f'`{d}`' for d in documents)})"
        else:
            message = f"`{fact.value}` cannot be checked: no document names this {what} or is in its `sources`"
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
    check = _Checker(sources)
    if previous is not None:
        check.facts += [f for f in previous.facts if f.kind == "documents" and f.entity not in edited]
    bodies: dict[str, RenderedBody] = {}
    texts: dict[str, str] = {}
    for doc_id, doc_record in sources.documents.items():
        key = f"documents/{doc_id}"
        rendered = previous.bodies[key] if previous is not None and doc_id not in edited else _check_document(check, doc_record)
        bodies[key] = rendered
        texts[doc_id] = normalise(doc_record.model.title).casefold() + " \n " + rendered.text.casefold()
    named = mentions(sources)
    check.named = {key: set(docs) for key, docs in named.items()}
    for doc_id, doc_record in sources.documents.items():
        for claim in doc_record.model.claims:
            if claim.demand:
                check.named.setdefault(("demands", claim.demand), set()).add(doc_id)
    facts = _Facts(check, texts, named)
    for actor_record in sources.actors.values():
        _check_actor(check, facts, actor_record)
    for conf_record in sources.conferences.values():
        _check_conference(check, facts, conf_record)
    for demand_record in sources.demands.values():
        _check_demand(check, demand_record)
    for instrument_record in sources.instruments.values():
        _check_instrument(check, facts, instrument_record)
    for kind, partial in sources.partial:  # files with problems, read in part: checked, never built
        _check_partial(check, facts, kind, partial)
    for kind in ("actors", "conferences", "demands", "instruments"):
        for entity_id, record in getattr(sources, kind).items():
            bodies[f"{kind}/{entity_id}"] = read_body(record.body, [])
    for key, rendered in bodies.items():
        kind, _, record_id = key.partition("/")
        _check_refused(check, getattr(sources, kind)[record_id], rendered)
    ordered = sorted(check.facts, key=lambda f: (f.kind, f.entity, f.field, f.value))
    return Checked(bodies, ordered, named, check.unsupported), check.problems


def _check_partial(check: _Checker, facts: _Facts, kind: str, record: Record[Any]) -> None:
    """Check what could be read of a file with problems, as a sound one would be."""
    if kind == "documents":
        _check_document(check, record)
    elif kind == "actors":
        _check_actor(check, facts, record)
    elif kind == "conferences":
        _check_conference(check, facts, record)
    elif kind == "demands":
        _check_demand(check, record)
    else:
        _check_instrument(check, facts, record)


def _check_demand(check: _Checker, record: Record[Demand]) -> None:
    for i, other in enumerate(record.model.related):
        check.ref(record, ("related", i), other, "demands")
    check.unique(record, ("instruments",), record.model.instruments)
    for i, instrument in enumerate(record.model.instruments):
        check.ref(record, ("instruments", i), instrument, "instruments")
    _check_sources(check, record)


def _check_document(check: _Checker, record: Record[Document]) -> RenderedBody:
    doc = record.model
    for listed in ("actors", "conferences", "instruments"):
        check.unique(record, (listed,), getattr(doc, listed))
        for i, value in enumerate(getattr(doc, listed)):
            check.ref(record, (listed, i), value, listed)
    check.ref(record, ("issuer",), doc.issuer, "actors", doc.actors)
    if doc.issuer and doc.issuers:
        check.add(record, ("issuers",), "document gives both `issuer` and `issuers`", "use `issuer:` for one actor, `issuers:` for a joint statement")
    check.unique(record, ("issuers",), doc.issuers)
    for i, issuer in enumerate(doc.issuers):
        check.ref(record, ("issuers", i), issuer, "actors", doc.actors)
    if doc.publisher:
        check.ref(record, ("publisher", "actor"), doc.publisher.actor, "actors")
    if doc.excerpt and not doc.excerpt_note:
        check.add(record, ("excerpt",), "an excerpt needs a note", "add `excerpt_note:` saying what the copy leaves out")
    if doc.excerpt_note and not doc.excerpt:
        check.add(record, ("excerpt_note",), "`excerpt_note` given but `excerpt` is not true", "set `excerpt: true` or remove the note")
    check.worked_out("documents", record.id, "date", doc.date)
    _check_translations(check, record)
    first: dict[str, tuple[str | int, ...]] = {}
    ids = anchor_ids(doc)
    for loc, anchor in zip([("claims", i, "id") for i in range(len(doc.claims))] + [("quotes", i, "id") for i in range(len(doc.quotes))], ids, strict=True):
        if anchor in first:  # the first one's line is looked up only now: positions cost a second parse of the file
            used = record.where(*first[anchor])[1]
            check.add(record, loc, f"id `{anchor}` is already used on line {used}", "give each claim and quote its own id, or leave `id` out")
        else:
            first[anchor] = loc
    for i in range(len(doc.claims)):
        _check_claim(check, record, i)
    for i, quote in enumerate(doc.quotes):
        if not quote.speaker and not quote.actor:
            check.add(
                record,
                ("quotes", i),
                "quote names neither a `speaker` nor an `actor`",
                "add `speaker:` (the person) or `actor:` (whom the words are attributed to)",
            )
        if check.ref(record, ("quotes", i, "speaker"), quote.speaker, "actors", doc.actors):
            check.person(record, ("quotes", i, "speaker"), quote.speaker)
        check.ref(record, ("quotes", i, "actor"), quote.actor, "actors", doc.actors)
        check.ref(record, ("quotes", i, "conference"), quote.conference, "conferences", doc.conferences)
    marked = passages(doc)
    rendered = read_body(record.body, marked)
    locations = {pid: ("claims", i, "evidence") for i, pid in enumerate(ids[: len(doc.claims)])}
    locations.update({pid: ("quotes", i, "text") for i, pid in enumerate(ids[len(doc.claims) :])})
    typed = {passage.id: passage.text for passage in marked}
    for pid, near in sorted(rendered.missing.items()):
        what = "evidence" if locations[pid][0] == "claims" else "quote"
        hint = f"the nearest passage of the text is “{near}”" if near else "copy the passage from the text"
        if diff := word_diff(typed[pid], near):
            hint += f"; word by word ([-{what}-] {{+text+}}): {diff}"
        check.add(record, locations[pid], f"{what} is not verbatim in the document's text", hint)
    _check_instruments_named(check, record, rendered.text)
    for pid in sorted(rendered.unquoted):
        check.add(
            record,
            (*locations[pid][:2], "basis"),
            "basis `quoted`, but the evidence is not inside quotation marks in the text, nor part of a quote",
            "use `reported` for the document's account of what the actor said, or `characterised`",
        )
    return rendered


_NUMBER = re.compile(r"(?<!\d)\d{3,}(?!\d)")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def instrument_names(instrument: Instrument) -> list[str]:
    """What a text may call an instrument: its name, short name, aliases, and the numbers in them (`2254`)."""
    names = [instrument.name.value, *(alias.value for alias in instrument.aliases)] + ([instrument.short_name] if instrument.short_name else [])
    numbers = {number for name in names for number in _NUMBER.findall(name.translate(_DIGITS))}
    return names + sorted(numbers)


def _check_instruments_named(check: _Checker, record: Record[Document], text: str) -> None:
    """Warn where a claim credits an instrument that the document names nowhere: a claim invokes only what its text names."""
    haystack = (normalise(record.model.title) + " \n " + text).casefold().translate(_DIGITS)
    for i, claim in enumerate(record.model.claims):
        credited: list[tuple[tuple[str | int, ...], str]] = [(("claims", i, "instruments", j), value) for j, value in enumerate(claim.instruments)]
        credited += [(("claims", i, "instrument"), claim.instrument)] if claim.instrument else []
        for loc, value in credited:
            instrument = check.sources.instruments.get(value)
            if instrument is None or any(contains_words(haystack, name) for name in instrument_names(instrument.model)):
                continue
            check.add(
                record,
                loc,
                f"the document's text never names the instrument `{value}` (by name, short name, alias or number)",
                "list only instruments the text names; add the name the text uses to the instrument's `aliases`, or remove it from the claim",
                severity=WARNING,
            )


def _latin(text: str) -> bool:
    """True when every letter of `text` is a Latin one: words an English document gives in English."""
    return all(unicodedata.name(char, "").startswith("LATIN") for char in text if char.isalpha())


def _check_translations(check: _Checker, record: Record[Document]) -> None:
    """A translation is into English: a document in English needs none, but for words it quotes in another script."""
    doc = record.model
    if doc.language.split("-")[0] != "en":
        return
    found: list[tuple[tuple[str | int, ...], str]] = [(("title_translation",), "title")] if doc.title_translation else []
    found += [(("claims", i, "translation"), "evidence") for i, claim in enumerate(doc.claims) if claim.translation and _latin(claim.evidence)]
    found += [(("quotes", i, "translation"), "quote") for i, quote in enumerate(doc.quotes) if quote.translation and _latin(quote.text)]
    for loc, what in found:
        check.add(
            record,
            loc,
            f"`{loc[-1]}` given, but the document is in English (`language: {doc.language}`)",
            f"the {what} is already English: remove `{loc[-1]}`, or set `language:` to the language of the document's text",
        )


def _check_claim(check: _Checker, record: Record[Document], i: int) -> None:
    doc = record.model
    claim = doc.claims[i]
    if claim.actor and claim.actors:
        check.add(record, ("claims", i, "actors"), "claim gives both `actor` and `actors`", "use `actor:` for one actor, `actors:` for a joint claim")
    elif not claim.actor_ids:
        check.add(record, ("claims", i), "claim names no actor", "add `actor:` (or `actors:` for a joint claim)")
    if claim.actors:
        check.unique(record, ("claims", i, "actors"), claim.actors)
        for j, actor in enumerate(claim.actors):
            check.ref(record, ("claims", i, "actors", j), actor, "actors", doc.actors)
    else:
        check.ref(record, ("claims", i, "actor"), claim.actor, "actors", doc.actors)
    if check.ref(record, ("claims", i, "speaker"), claim.speaker, "actors", doc.actors):
        check.person(record, ("claims", i, "speaker"), claim.speaker)
    if claim.demand and claim.instrument:
        check.add(
            record,
            ("claims", i, "instrument"),
            "claim gives both `demand` and `instrument`",
            "a stance is on a demand or on an instrument as a whole; list instruments the passage invokes in `instruments:`",
        )
    elif not claim.demand and not claim.instrument:
        check.add(
            record, ("claims", i), "claim has no `demand`", "add `demand:` (what the stance is on), or `instrument:` for a stance on a statement as a whole"
        )
    check.ref(record, ("claims", i, "demand"), claim.demand, "demands")
    check.ref(record, ("claims", i, "instrument"), claim.instrument, "instruments", doc.instruments)
    if check.ref(record, ("claims", i, "relayed_by"), claim.relayed_by, "actors", doc.actors) and claim.relayed_by in {*claim.actor_ids, claim.speaker}:
        check.add(
            record,
            ("claims", i, "relayed_by"),
            f"`{claim.relayed_by}` both voices and relays the position",
            "`relayed_by` names who reports others' position; remove it, or name the relaying actor",
        )
    if claim.date and claim.date.no_later_than and doc.date and _later(claim.date, doc.date):
        check.add(
            record,
            ("claims", i, "date"),
            f"upper-bound date {claim.date.value} is later than the document's date ({doc.date.value})",
            "a position is voiced no later than its document: give the document's date or an earlier one",
        )
    check.ref(record, ("claims", i, "conference"), claim.conference, "conferences", doc.conferences)
    check.unique(record, ("claims", i, "instruments"), claim.instruments)
    for j, instrument in enumerate(claim.instruments):
        check.ref(record, ("claims", i, "instruments", j), instrument, "instruments", doc.instruments)
    if claim.condition and claim.stance != "conditional":
        check.add(record, ("claims", i, "condition"), "`condition` given for a stance that is not `conditional`", "set `stance: conditional` or remove it")
    issuers = doc.issuer_ids
    if claim.basis == "own-publication" and not set(issuers) & {*claim.actor_ids, claim.speaker}:
        listed = ", ".join(f"`{i}`" for i in issuers)
        issuer = f"the document's {'issuers are' if len(issuers) > 1 else 'issuer is'} {listed}" if issuers else "the document has no `issuer`"
        check.add(
            record,
            ("claims", i, "basis"),
            f"basis `own-publication`, but {issuer}",
            "set the document's `issuer:` (or `issuers:` for a joint statement) to the actor whose publication it is, or use `reported` or `characterised`",
        )
    elif claim.basis == "own-publication" and len(claim.actor_ids) > 1 and (strangers := [a for a in claim.actor_ids if a not in issuers]):
        check.add(
            record,
            ("claims", i, "basis"),
            f"basis `own-publication`, but {', '.join(f'`{a}`' for a in strangers)} {'is' if len(strangers) == 1 else 'are'} not among the document's issuers",
            "add them to the document's `issuers:` if the statement is theirs too, or give them a claim of their own with another basis",
        )
    check.worked_out("documents", record.id, f"claims[{i}].date", claim.date)


def _check_actor(check: _Checker, facts: _Facts, record: Record[Actor]) -> None:
    actor = record.model
    facts.fact("actors", record, ("name",), actor.name)
    facts.fact("actors", record, ("name_ar",), actor.name_ar)
    facts.fact("actors", record, ("acronym",), actor.acronym)
    for i, alias in enumerate(actor.aliases):
        facts.fact("actors", record, ("aliases", i), alias)
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


def _check_conference(check: _Checker, facts: _Facts, record: Record[Conference]) -> None:
    conf = record.model
    facts.fact("conferences", record, ("name",), conf.name)
    facts.fact("conferences", record, ("place",), conf.place)
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


def _check_instrument(check: _Checker, facts: _Facts, record: Record[Instrument]) -> None:
    instrument = record.model
    facts.fact("instruments", record, ("name",), instrument.name)
    for i, alias in enumerate(instrument.aliases):
        facts.fact("instruments", record, ("aliases", i), alias)
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


def _later(date: Date, than: Date) -> bool:
    """True when `date` is certainly after `than`, at the precision both give (`2020` is not after `2020-06`)."""
    common = min(len(date.value), len(than.value))
    return date.value[:common] > than.value[:common]


def _check_refused(check: _Checker, record: Record[Any], rendered: RenderedBody) -> None:
    lines = record.body.split("\n")
    for offending, reason in rendered.refused:
        offset = next((n for n, text in enumerate(lines) if offending and offending in text), 0)
        check.problems.append(Problem(record.path, record.parsed.body_line + offset, 1, f"{reason}: `{offending}`", "remove it or use an http(s) link"))


def _check_sources(check: _Checker, record: Record[Any]) -> None:
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
