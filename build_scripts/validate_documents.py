"""Validate stage, documents: references, claims, passages verbatim in the text, translations, and what the text names that the lists leave out."""

from __future__ import annotations

import re
import unicodedata

from .anchors import anchor_ids, passages
from .body import RenderedBody, read_body
from .checker import Checker, contains_words
from .load import Record
from .messages import close_id
from .models import Date, Document
from .names import DIGITS, NAMED, Found, NameIndex, instrument_names, joined
from .passages import normalise, word_diff
from .problems import WARNING, Problem


def check_document(check: Checker, record: Record[Document], names: NameIndex) -> RenderedBody:
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
    _check_named(check, record, names)
    _check_joined_lines(check, record)
    for pid in sorted(rendered.unquoted):
        check.add(
            record,
            (*locations[pid][:2], "basis"),
            "basis `quoted`, but the evidence is not inside quotation marks in the text, nor part of a quote",
            "use `reported` for the document's account of what the actor said, or `characterised`",
        )
    return rendered


def _check_instruments_named(check: Checker, record: Record[Document], text: str) -> None:
    """Warn where a claim credits an instrument that the document names nowhere: a claim invokes only what its text names."""
    haystack = (normalise(record.model.title) + " \n " + text).casefold().translate(DIGITS)
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


_LISTS = ("actors", "conferences", "instruments", "issuer", "issuers", "publisher", "unlisted", "title")
"""Fields that the named-but-not-listed check reads: a file whose stand-ins replaced one of them is not checked for it."""


def _check_named(check: Checker, record: Record[Document], names: NameIndex) -> None:
    """Warn of each actor, conference and instrument that the title or text names but the document's lists leave out, at its first naming.

    `unlisted` acknowledges an omission with its reason; an entry there that the lists hold, or that the text never names, is stale.
    """
    doc = record.model
    if record.replaced and any(place[0] in _LISTS for place in record.replaced if place):
        return
    actors = [*doc.actors, *doc.issuer_ids, *([doc.publisher.actor] if doc.publisher and doc.publisher.actor else [])]
    listed = {("actors", a) for a in actors} | {("conferences", c) for c in doc.conferences} | {("instruments", i) for i in doc.instruments}
    found = names.first_named(*joined(doc.title, record.body), listed)
    named = {match.id for match in found}
    used = _used(doc) if found else set()  # what the claims and quotes use is reported as not annotated already
    acknowledged = {entry.id for entry in doc.unlisted}
    for match in found:
        if match.id not in acknowledged and (match.kind, match.id) not in used:
            line, col = _position(record, match)
            shown = " ".join(match.text.split())
            check.problems.append(
                Problem(
                    record.path,
                    line,
                    col,
                    f"`{shown}` ({match.kind[:-1]} `{match.id}`) is named in the {'title' if match.start < len(doc.title) else 'text'} "
                    f"but not in this document's `{match.kind}`",
                    f"add `{match.id}` to `{match.kind}`, or list it under `unlisted:` with the reason it is left out",
                    WARNING,
                )
            )
    check.unique(record, ("unlisted",), [entry.id for entry in doc.unlisted])
    for i, entry in enumerate(doc.unlisted):
        kinds = [kind for kind in NAMED if entry.id in getattr(check.sources, kind)]
        if not kinds:
            if not any(f"{kind}/{entry.id}" in check.sources.failed for kind in NAMED):
                close = close_id(entry.id, {known for kind in NAMED for known in getattr(check.sources, kind)})
                hint = f"did you mean `{close}`?" if close else "give the id of an actor, conference or instrument of the dossier"
                check.add(record, ("unlisted", i, "id"), f"unknown id `{entry.id}` in `unlisted`: no actor, conference or instrument has it", hint)
        elif lists := [kind for kind in kinds if (kind, entry.id) in listed]:
            where = f"`{lists[0]}`" if entry.id in getattr(doc, lists[0]) else "`issuer`, `issuers` or `publisher`"
            check.add(
                record,
                ("unlisted", i, "id"),
                f"`{entry.id}` is under `unlisted`, but this document lists it in {where}",
                "remove the `unlisted` entry",
                severity=WARNING,
            )
        elif entry.id not in named:
            check.add(
                record,
                ("unlisted", i, "id"),
                f"`{entry.id}` is under `unlisted`, but the title and text never name it",
                "remove the entry: `unlisted` is for what the text names and the lists leave out (add the text's name for it to the entity's aliases if it is named)",
                severity=WARNING,
            )


def _used(doc: Document) -> set[tuple[str, str]]:
    """What the claims and quotes refer to: one left out of the lists is reported as not annotated already."""
    used = [("actors", a) for claim in doc.claims for a in [*claim.actor_ids, claim.speaker, claim.relayed_by]]
    used += [("conferences", c.conference) for c in doc.claims] + [("conferences", q.conference) for q in doc.quotes]
    used += [("instruments", i) for claim in doc.claims for i in [claim.instrument, *claim.instruments]]
    used += [("actors", a) for quote in doc.quotes for a in (quote.speaker, quote.actor)]
    return {(kind, value) for kind, value in used if value}


def _position(record: Record[Document], match: Found) -> tuple[int, int]:
    """Line and column in the file of a match in the title, then newline, then body."""
    title = record.model.title
    if match.start >= len(title):
        at = match.start - len(title) - 1
        body = record.body
        return record.parsed.body_line + body.count("\n", 0, at), at - body.rfind("\n", 0, at)
    _, line, col = record.where("title")
    written = record.parsed.source.split("\n")[line - 2] if line >= 2 else ""
    at = written.find(title, col - 1)
    return line, (at + 1 + match.start if 0 <= at <= col else col)  # a title written over several lines: its first line


_ITEM = re.compile(r"(?:\d+[.)]|[-*+•·–]|\(?[a-z0-9]\)|[a-z]\.)[^\S\n]+\S")
"""A line that reads as a point of a list: `1.`, `1)`, `-`, `•`, `a)`, `(a)`, `a.`."""
_LIST = re.compile(r"[ ]{0,3}(?:\d+[.)]|[-*+])[^\S\n]+\S")
"""A line that Markdown starts a list with, at the start of a paragraph."""


def _check_joined_lines(check: Checker, record: Record[Document]) -> None:
    """Warn where a line reads as a new point but Markdown joins it to the line above (a paragraph runs until a blank line).

    Once per paragraph, at its first such line: the points after it join for the same reason.
    """
    lines = record.body.split("\n")
    first: str | None = None  # the first line of the paragraph the line belongs to
    warned = fenced = False
    for n, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if fenced or not line.strip():
            first, warned = None, False
        elif first is None:
            first = line
        elif not warned and _ITEM.match(line) and not (_LIST.match(first) and _LIST.match(line)):
            warned = True
            check.problems.append(
                Problem(
                    record.path,
                    record.parsed.body_line + n,
                    1,
                    "this line reads as a new point, but Markdown joins it to the line above into one paragraph",
                    "put a blank line before it (points written `1)`, `1.` or `-` then show as a list)",
                    WARNING,
                )
            )


def _latin(text: str) -> bool:
    """True when every letter of `text` is a Latin one: words an English document gives in English."""
    return all(unicodedata.name(char, "").startswith("LATIN") for char in text if char.isalpha())


def _check_translations(check: Checker, record: Record[Document]) -> None:
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


def _check_claim(check: Checker, record: Record[Document], i: int) -> None:
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


def _later(date: Date, than: Date) -> bool:
    """True when `date` is certainly after `than`, at the precision both give (`2020` is not after `2020-06`)."""
    common = min(len(date.value), len(than.value))
    return date.value[:common] > than.value[:common]
