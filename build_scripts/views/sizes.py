"""Estimated HTML bytes of the items of long lists, so lists can be cut into pages before they are rendered.

Each estimate is the markup around an item's texts (tags, classes, relative links, measured on
rendered pages and rounded up) plus the UTF-8 bytes of its texts, with room for escaping. They
err on the heavy side: a page cut by them comes out lighter than its budget, never heavier.
"""

from __future__ import annotations

from ..index import ClaimRecord, Index, Participation, QuoteRecord, Tie
from ..models import Date, Translation
from ..words import script_language

ORGANISERS_NAMED = 12
"""Organisers a conference page names among its facts; its table of participants, organisers first, names them all."""
ISSUERS_NAMED = 12
"""Issuers an instrument page names among its facts, for each part (issued, adopted, signed); its supporters, issuers among them, are all listed."""


def text(value: str | None) -> int:
    """Bytes of a text as a page shows it: UTF-8, with a margin for escaped quotes and ampersands."""
    return (len(value.encode()) * 11) // 10 if value else 0


def _script(name: str) -> int:
    """` lang="ar" dir="rtl"` on a name in Arabic script."""
    return 22 if script_language(name, "") else 0


def _label(name: str) -> int:
    return text(name) + _script(name)


class Sizes:
    """Estimates for one dossier: the bytes of each entity's link are computed once."""

    def __init__(self, index: Index) -> None:
        s = index.sources
        self.index = index
        self.actor = {a: 60 + len(a) + len(r.model.type) + text(r.model.name.value) + _script(r.model.name.value) for a, r in s.actors.items()}
        """A link to an actor, by its name (Arabic script adds `lang` and `dir`)."""
        self.demand = {d: 50 + len(d) + text(r.model.statement) for d, r in s.demands.items()}
        self.conference = {c: 60 + len(c) + _label(r.model.short_name or r.model.name.value) for c, r in s.conferences.items()}
        self.instrument = {i: 60 + len(i) + _label(r.model.short_name or r.model.name.value) for i, r in s.instruments.items()}
        self.topic = self.demand | self.instrument
        """A link to what a stance is on: a demand, or an instrument (their ids never collide)."""
        self.title = {
            d: 40 + text(r.model.title) + (40 + text(r.model.title_translation.text) if r.model.title_translation else 0) for d, r in s.documents.items()
        }
        """A document's title, in its own language, with its English working title after it."""
        self.voice = {d: self._voice(d) for d in s.documents}
        self.date = {d: self._date(r.model.date) for d, r in s.documents.items()}

    def frame(self, path: str) -> int:
        """An entity page without its lists: headings, facts, description and citation (other sections are the caller's to add)."""
        folder, _, stem = path.removesuffix(".md").partition("/")
        body = self.index.bodies.get(f"{'documents' if folder == 'sources' else folder}/{stem}")
        size = 3_000 + len(body.html.encode()) if body else 3_000
        s = self.index.sources
        if folder == "demands":
            demand = s.demands[stem].model
            size += sum(self.instrument[i] for i in demand.instruments) + sum(self.demand[d] for d in demand.related)
        elif folder == "conferences":
            organisers = [p.actor for p in self.index.participation.get(stem, []) if any(st.status == "organised" for st in p.statuses)]
            size += sum(self.actor[a] for a in organisers[:ORGANISERS_NAMED]) + 300 + sum(300 + text(o.title) for o in s.conferences[stem].model.outcomes)
        elif folder == "instruments":
            size += sum(self.conference[c] for c in self.index.outcomes_by_instrument.get(stem, []))
            issuers = s.instruments[stem].model.issuers
            for status in {i.status for i in issuers}:
                named = [i for i in issuers if i.status == status][:ISSUERS_NAMED]
                size += 300 + sum(110 + self.actor[i.actor] + len(i.source) + self.title[i.source] for i in named)
        elif folder == "sources":
            doc = s.documents[stem].model
            size += 4_000 + text(doc.summary) + text(doc.note) + text(doc.excerpt_note) + len(doc.url or "")
        elif folder == "actors":
            actor = s.actors[stem].model
            size += sum(80 + text(alias.value) for alias in actor.aliases) + sum(200 + self.actor[t.target] for t in self.index.ties if t.source == stem)
        return size

    def _voice(self, doc_id: str) -> int:
        """Whose voice a document is (`_macros.voice`): a joint statement names its first three issuers and links to the rest."""
        doc = self.index.sources.documents[doc_id].model
        joint = len(doc.issuer_ids) > 1
        carriers = [*doc.issuer_ids[:3], *([doc.publisher.actor] if doc.publisher and doc.publisher.actor else [])]
        return 30 + (160 + len(doc_id) if joint else 0) + sum(self.actor[a] for a in carriers) + text(doc.publisher.name if doc.publisher else None)

    @staticmethod
    def _date(date: Date | None, brief: bool = False) -> int:
        """A date, with its note as a tooltip when approximate or an upper bound (`brief`: a short pointer to the source page instead)."""
        if date is None or not (date.approximate or date.no_later_than):
            return 50
        return 150 + (0 if brief else text(date.note))

    def _claim_date(self, c: ClaimRecord) -> int:
        return self._date(c.date, brief=c.date_from_document) + (60 if c.date_from_document else 0)

    def _relay(self, c: ClaimRecord) -> int:
        """`relayed by X` (and, on a source's notes, the upper-bound date the relaying source gives)."""
        return 30 + self.actor[c.relayed_by] + (200 if c.date and c.date.no_later_than else 0) if c.relayed_by else 0

    def _translation(self, t: Translation | None) -> int:
        return 180 + text(t.text) + text(t.name) + len(t.url or "") if t else 0

    def _passage_link(self, document: str, anchor: str) -> int:
        return 25 + len(document) + len(anchor)

    def card(self, c: ClaimRecord, actor: bool, topic: bool = False) -> int:
        """A position with its evidence (`_macros.claim`), on a topic's page (`actor`: naming its actors) or an actor page (`topic`: naming it).

        An issuer's authorship has no passage: the card names the part it took and the document that says so.
        """
        size = 650 + self.title[c.document] + self.voice[c.document] + self._claim_date(c) + (self.topic[c.topic] if topic else 0)
        size += sum(self.actor[a] for a in c.actors) if actor or c.joint else 0
        if c.authorship:
            return size + 2 * self._passage_link(c.document, "")
        size += text(c.evidence) + 2 * self._passage_link(c.document, c.id) + text(c.condition) + text(c.note) + self._translation(c.translation)
        size += (self.actor[c.speaker] if c.speaker else 0) + self._relay(c)
        size += self.conference[c.conference] if c.conference else 0
        return size + sum(self.instrument[i] for i in c.instruments)

    def row(self, c: ClaimRecord, actor: bool = True, demand: bool = True) -> int:
        """A position as a table row (`_macros.claims_table`), naming its actors and its topic unless told not to."""
        size = 350 + self._claim_date(c) + (sum(self.actor[a] for a in c.actors) if actor or c.joint else 0) + (self.topic[c.topic] if demand else 0)
        return size + (self.conference[c.conference] if c.conference else 40) + self._passage_link(c.document, c.id) + self._relay(c)

    def note(self, c: ClaimRecord) -> int:
        """A position's note beside its source's text: its number, actors, stance and topic (its passage when translated)."""
        size = 260 + 2 * len(c.id) + sum(self.actor[a] for a in c.actors) + self.topic[c.topic] + text(c.condition) + self._relay(c)
        return size + (200 + text(c.evidence) + self._translation(c.translation) if c.translation else 0)

    def annotation(self, c: ClaimRecord) -> int:
        """A position's note on its source's page of annotations: who, stance, topic, basis, and the passage."""
        size = 420 + text(c.evidence) + 2 * self._passage_link(c.document, c.id) + sum(self.actor[a] for a in c.actors) + self.topic[c.topic]
        size += text(c.condition) + self._translation(c.translation) + (self.actor[c.speaker] if c.speaker else 0) + self._relay(c)
        return size + (self.conference[c.conference] if c.conference else 0)

    def quote_note(self, q: QuoteRecord) -> int:
        """A quote's note beside its source's text: its number, its speaker and the quote."""
        size = 200 + 2 * len(q.id) + sum(self.actor[a] for a in q.voices) + (self.conference[q.conference] if q.conference else 0)
        return size + 120 + text(q.text) + self._translation(q.translation)

    def quote(self, q: QuoteRecord) -> int:
        size = 260 + text(q.text) + 2 * self._passage_link(q.document, q.id) + self.title[q.document] + self.date[q.document]
        size += sum(self.actor[a] for a in q.voices) + (self.conference[q.conference] if q.conference else 0)
        return size + text(q.note) + self._translation(q.translation)

    def source_item(self, doc_id: str) -> int:
        """A source in a list of sources: title, kind, whose voice, date."""
        return 70 + len(doc_id) + self.title[doc_id] + self.voice[doc_id] + self.date[doc_id]

    def _statuses(self, p: Participation) -> int:
        return sum(110 + text(st.role) + 40 + len(st.source) + self.title[st.source] for st in p.statuses)

    def participation(self, p: Participation) -> int:
        """A conference on an actor's page: its name, the actor's part in it, the positions voiced there."""
        return 20 + self.conference[p.conference] + self._statuses(p) + (40 if p.claims else 0)

    def participant(self, p: Participation) -> int:
        """An actor in a conference's table of participants, with the positions it voiced there."""
        return 70 + self.actor[p.actor] + self._statuses(p) + sum(self.voiced_at(c) for c in p.claims)

    def voiced_at(self, c: ClaimRecord) -> int:
        """A position in a participant's row: stance, topic, basis, who voiced it, a link to its passage."""
        return 200 + self.topic[c.topic] + (self.actor[c.speaker] if c.speaker else 0) + self._passage_link(c.document, c.id)

    def demand_item(self, demand: str) -> int:
        """A demand in a list of demands."""
        return 60 + self.demand[demand]

    def named(self, item: tuple[str, str]) -> int:
        """An actor, conference or instrument in a source's list of what it names."""
        kind, id = item
        return 10 + {"actors": self.actor, "conferences": self.conference, "instruments": self.instrument}[kind][id]

    def tie(self, t: Tie) -> int:
        aff = t.affiliation
        source = 40 + len(aff.source) + self.title[aff.source] if aff.source else 60 + text(aff.editorial)
        return 50 + max(self.actor[t.source], self.actor[t.target]) + text(aff.role) + (120 if aff.start or aff.end else 0) + source

    def member(self, conf: str) -> int:
        """A meeting in a series' list."""
        return 80 + self.conference[conf] + 80

    def invoker(self, row: tuple[str, list[tuple[str, str, int]]]) -> int:
        """An actor in an instrument's table of invokers, with its stances on the topics of the claims that invoke it."""
        actor, stances = row
        return 40 + self.actor[actor] + sum(self.stance(s) for s in stances)

    def stance(self, stance: tuple[str, str, int]) -> int:
        """A stance on a topic (a demand or another instrument) in an invoker's row, with its number of positions."""
        return 60 + self.topic[stance[1]]
