"""The timeline's rows as estimated HTML bytes, and a year's events cut into pages by them (before anything is rendered)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..index import Index
from .stances import topic_label

if TYPE_CHECKING:  # the events are the timeline's own; it imports this module
    from .timeline import Event


def actor_name(index: Index, actor: str) -> str:
    """An actor as the actor filter names it: `Syrian National Council (SNC)`."""
    model = index.sources.actors[actor].model
    return f"{model.name.value} ({model.acronym.value})" if model.acronym else model.name.value


class Sizer:
    """Estimates of the HTML bytes of rows and filter options, so pages can be cut to the page budget before rendering."""

    ROW: ClassVar[dict[str, int]] = {"position": 540, "source": 360, "conference": 220}
    """Markup of a row around its texts (tags, classes, relative links)."""
    OPTION = 40

    def __init__(self, index: Index) -> None:
        s = index.sources
        self.index = index
        self.names = {a: len(r.model.name.value) + (2 * len(r.model.acronym.value) if r.model.acronym else 0) for a, r in s.actors.items()}
        self.options = {a: len(actor_name(index, a)) for a in s.actors}
        self.statements = {topic: len(topic_label(index, topic)) for topic in [*s.demands, *s.instruments]}
        """A topic's words: a demand's statement, an instrument's (short) name."""
        self.conferences = {c: len(r.model.short_name or r.model.name.value) + len(c) for c, r in s.conferences.items()}

    def row(self, e: Event) -> int:
        size = self.ROW[e.kind] + sum(map(len, (*e.actors, *e.demands, *e.themes))) + len(e.tooltip or "")
        size += 150 if e.date is not None and e.date.no_later_than else 0  # "by" the date, as a `time` in a titled span, and its hint
        if e.claim is not None:
            c = e.claim
            voices = (*c.actors, *(a for a in (c.speaker, c.relayed_by) if a))
            size += sum(self.names[a] + len(a) for a in voices) + self.statements[c.topic] + len(c.topic)
            size += len(c.condition or "") + (self.conferences[c.conference] if c.conference else 0) + len(c.document) + len(c.id)
            size += 120 + len(self.index.sources.documents[c.document].model.title) if c.authorship else 0
        elif e.kind == "source":
            doc = self.index.sources.documents[e.id].model
            carriers = [*doc.issuer_ids[:3], *([doc.publisher.actor] if doc.publisher and doc.publisher.actor else [])]
            size += 160 if len(doc.issuer_ids) > 1 else 0
            size += len(doc.title) + 2 * len(e.id) + sum(self.names[a] + len(a) for a in carriers) + len(doc.publisher.name or "" if doc.publisher else "")
        else:
            conf = self.index.sources.conferences[e.id].model
            size += self.conferences[e.id] + len(conf.place.value if conf.place else "") + len(str(conf.end or ""))
        return size

    def option(self, kind: str, id: str) -> int:
        return self.OPTION + len(id) + (self.options[id] if kind == "actor" else self.statements[id])


def pack(events: list[Event], sizer: Sizer, budget: int) -> list[list[Event]]:
    """`events` cut, in order, into consecutive parts whose rows and filter options fit the budget."""
    parts: list[list[Event]] = [[]]
    size, actors, demands = 0, set[str](), set[str]()
    for event in events:
        new_actors, new_demands = set(event.actors) - actors, set(event.demands) - demands
        weight = sizer.row(event) + sum(sizer.option("actor", a) for a in new_actors) + sum(sizer.option("demand", d) for d in new_demands)
        if parts[-1] and size + weight > budget:
            parts.append([])
            size, actors, demands = 0, set(), set()
            weight = sizer.row(event) + sum(sizer.option("actor", a) for a in event.actors) + sum(sizer.option("demand", d) for d in event.demands)
        parts[-1].append(event)
        size += weight
        actors.update(event.actors)
        demands.update(event.demands)
    return [p for p in parts if p]
