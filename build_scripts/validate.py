"""Validate stage: every reference resolves, every passage is verbatim in its document."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .body import Passage, RenderedBody, render_body
from .load import Record, Sources, did_you_mean
from .models import Actor, Conference, Date, Document
from .problems import Problem


def anchor_ids(document: Document) -> list[str]:
    """Anchors of a document's claims then quotes, one namespace per page.

    An explicit `id` is kept as written (duplicates are reported by validate); a derived
    one, `ev-<actor>-<demand>` or `q-<speaker>`, takes `-2`, `-3`... past any id in use.
    """
    wanted = [(c.id, f"ev-{c.actor}-{c.demand}") for c in document.claims] + [(q.id, f"q-{q.speaker}") for q in document.quotes]
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
    """The passages of a document to mark: its claims' evidence and its quotes."""
    found = [Passage(pid, c.evidence, "evidence") for pid, c in zip(claim_ids(document), document.claims, strict=True)]
    found += [Passage(pid, q.text, "quote") for pid, q in zip(quote_ids(document), document.quotes, strict=True)]
    return found


class _Checker:
    """Collects reference problems for one run."""

    def __init__(self, sources: Sources) -> None:
        self.sources = sources
        self.problems: list[Problem] = []

    def ref(self, record: Record[Any], loc: tuple[str | int, ...], value: str | None, kind: str, within: Iterable[str] | None = None) -> None:
        if value is None:
            return
        pool = getattr(self.sources, kind)
        if f"{kind}/{value}" in self.sources.failed:
            return
        if value not in pool:
            self.add(record, loc, f"unknown {kind[:-1]} `{value}`", f"{did_you_mean(value, set(pool))} (or add sources/{kind}/{value}.md)")
        elif within is not None and value not in within:
            self.add(record, loc, f"`{value}` is not annotated in this document's `{kind}`", f"add `{value}` to `{kind}`")

    def add(self, record: Record[Any], loc: tuple[str | int, ...], message: str, hint: str) -> None:
        path, line, col = record.where(*loc)
        self.problems.append(Problem(path, line, col, message, hint))

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


def validate(sources: Sources) -> tuple[dict[str, RenderedBody], list[Problem]]:
    """Check references and passages; return every record's rendered body and all problems."""
    check = _Checker(sources)
    bodies: dict[str, RenderedBody] = {}
    for doc_id, doc_record in sources.documents.items():
        bodies[f"documents/{doc_id}"] = _check_document(check, doc_record)
    for actor_record in sources.actors.values():
        _check_actor(check, actor_record)
    for conf_record in sources.conferences.values():
        _check_conference(check, conf_record)
    for demand_record in sources.demands.values():
        for i, other in enumerate(demand_record.model.related):
            check.ref(demand_record, ("related", i), other, "demands")
        _check_sources(check, demand_record)
    for kind in ("actors", "conferences", "demands"):
        for entity_id, record in getattr(sources, kind).items():
            bodies[f"{kind}/{entity_id}"] = render_body(record.body, [])
    for key, rendered in bodies.items():
        kind, _, record_id = key.partition("/")
        _check_refused(check, getattr(sources, kind)[record_id], rendered)
    return bodies, check.problems


def _check_document(check: _Checker, record: Record[Document]) -> RenderedBody:
    doc = record.model
    check.unique(record, ("actors",), doc.actors)
    check.unique(record, ("conferences",), doc.conferences)
    for i, actor in enumerate(doc.actors):
        check.ref(record, ("actors", i), actor, "actors")
    for i, conference in enumerate(doc.conferences):
        check.ref(record, ("conferences", i), conference, "conferences")
    if doc.publisher:
        check.ref(record, ("publisher", "actor"), doc.publisher.actor, "actors")
    first: dict[str, int] = {}
    for loc, anchor in zip(
        [("claims", i, "id") for i in range(len(doc.claims))] + [("quotes", i, "id") for i in range(len(doc.quotes))], anchor_ids(doc), strict=True
    ):
        if anchor in first:
            check.add(record, loc, f"id `{anchor}` is already used on line {first[anchor]}", "give each claim and quote its own id, or leave `id` out")
        else:
            first[anchor] = record.where(*loc)[1]
    for i, claim in enumerate(doc.claims):
        check.ref(record, ("claims", i, "actor"), claim.actor, "actors", doc.actors)
        check.ref(record, ("claims", i, "demand"), claim.demand, "demands")
        check.ref(record, ("claims", i, "conference"), claim.conference, "conferences", doc.conferences)
        if claim.condition and claim.stance != "conditional":
            check.add(record, ("claims", i, "condition"), "`condition` given for a stance that is not `conditional`", "set `stance: conditional` or remove it")
    for i, quote in enumerate(doc.quotes):
        check.ref(record, ("quotes", i, "speaker"), quote.speaker, "actors", doc.actors)
        check.ref(record, ("quotes", i, "conference"), quote.conference, "conferences", doc.conferences)
    rendered = render_body(record.body, passages(doc))
    locations = {pid: ("claims", i, "evidence") for i, pid in enumerate(claim_ids(doc))}
    locations.update({pid: ("quotes", i, "text") for i, pid in enumerate(quote_ids(doc))})
    for pid, near in sorted(rendered.missing.items()):
        what = "evidence" if locations[pid][0] == "claims" else "quote"
        hint = f"the nearest passage of the text is “{near}”" if near else "copy the passage from the text"
        check.add(record, locations[pid], f"{what} is not verbatim in the document's text", hint)
    return rendered


def _check_actor(check: _Checker, record: Record[Actor]) -> None:
    for i, aff in enumerate(record.model.affiliations):
        check.ref(record, ("affiliations", i, "to"), aff.to, "actors")
        check.ref(record, ("affiliations", i, "source"), aff.source, "documents")
        check.dates(record, ("affiliations", i, "end"), aff.start, aff.end)
    _check_sources(check, record)


def _check_conference(check: _Checker, record: Record[Conference]) -> None:
    conf = record.model
    check.ref(record, ("series",), conf.series, "conferences")
    series = check.sources.conferences.get(conf.series or "")
    if series is not None and series.model.kind not in ("series", "process"):
        check.add(record, ("series",), f"`{conf.series}` is not a series or process", "point `series` at a conference of kind `series` or `process`")
    check.dates(record, ("end",), conf.start, conf.end)
    for i, actor in enumerate(conf.organisers):
        check.ref(record, ("organisers", i), actor, "actors")
    for i, part in enumerate(conf.participants):
        check.ref(record, ("participants", i, "actor"), part.actor, "actors")
        check.ref(record, ("participants", i, "source"), part.source, "documents")
    if conf.attendance:
        check.ref(record, ("attendance", "source"), conf.attendance.source, "documents")
    for i, outcome in enumerate(conf.outcomes):
        check.ref(record, ("outcomes", i, "source"), outcome.source, "documents")
    _check_sources(check, record)


def _check_refused(check: _Checker, record: Record[Any], rendered: RenderedBody) -> None:
    lines = record.body.split("\n")
    for offending, reason in rendered.refused:
        offset = next((n for n, text in enumerate(lines) if offending and offending in text), 0)
        check.problems.append(Problem(record.path, record.parsed.body_line + offset, 1, f"{reason}: `{offending}`", "remove it or use an http(s) link"))


def _check_sources(check: _Checker, record: Record[Any]) -> None:
    values = record.model.sources
    check.unique(record, ("sources",), values)
    for i, doc in enumerate(values):
        check.ref(record, ("sources", i), doc, "documents")
