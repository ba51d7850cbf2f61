"""Typed models of the source format: documents, actors, conferences, demands and instruments.

One Markdown file per record; its file name (without `.md`) is its id, its front
matter the fields below, and its body the full text (documents) or description.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
RESERVED_IDS = {"index", "con", "nul", "prn", "aux", "com1", "lpt1", "tags", "search", "assets"}


def _check_slug(value: str) -> str:
    if not SLUG.fullmatch(value) or len(value) > 80:
        raise ValueError(f"`{value}` is not a safe id; use lowercase letters, digits and single hyphens, e.g. `syrian-negotiation-commission`")
    return value


def _check_text(value: str) -> str:
    if unicodedata.normalize("NFC", value) != value:
        raise ValueError("text is not in Unicode NFC form; retype it or normalise the file to NFC")
    return value


def _check_url(value: str) -> str:
    if not re.fullmatch(r"(https?://[^\s<>\"']+|mailto:[^\s<>\"']+)", value):
        raise ValueError("only http://, https:// and mailto: addresses are accepted")
    return value


Id = Annotated[str, AfterValidator(_check_slug)]
Text = Annotated[str, Field(min_length=1), AfterValidator(_check_text)]
Url = Annotated[str, AfterValidator(_check_url)]


class Model(BaseModel):
    """Base for all source models: unknown fields are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


PRECISIONS = ("year", "month", "day")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class Date(Model):
    """A date that may be partial (`2024`, `2024-06`) or approximate, with a reason."""

    value: str = Field(examples=["2024", "2024-06", "2024-06-15"])
    approximate: bool = False
    no_later_than: bool = Field(
        default=False,
        description="An upper bound: it happened on or before this date, not on it (a position a briefing relays, voiced by the briefing's date).",
    )
    note: Text | None = Field(default=None, description="How the date was worked out, when the text does not state it.")

    @property
    def precision(self) -> str:
        return PRECISIONS[self.value.count("-")]

    @field_validator("value")
    @classmethod
    def _real_date(cls, value: str) -> str:
        match = _DATE.fullmatch(value)
        if not match:
            raise ValueError(f"`{value}` is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"`{value}` has no month {month}; months run 01 to 12")
        if month is not None and day is not None and not 1 <= day <= calendar.monthrange(year or 1, month)[1]:
            raise ValueError(f"`{value}` is not a day of the calendar; check the day of the month")
        return value

    @model_validator(mode="after")
    def _reasoned(self) -> Date:
        if self.approximate and not self.note:
            raise ValueError("an approximate date needs a `note`; add `note:` saying how the date was worked out")
        if self.no_later_than and self.approximate:
            raise ValueError("a date is either approximate or an upper bound (`no_later_than`); keep the one that applies")
        return self

    @property
    def sort_key(self) -> str:
        return self.value


def _date_from_text(value: object) -> object:
    if isinstance(value, str):
        return {"value": value}
    if isinstance(value, int):
        return {"value": str(value)}
    return value


DateField = Annotated[Date, BeforeValidator(_date_from_text, json_schema_input_type=str | Date)]

DOCUMENT_KINDS = ("news-report", "statement", "press-release", "speech", "editorial", "report", "interview", "analysis", "other")
ACTOR_TYPES = ("coalition", "party", "movement", "armed-group", "government", "state", "un-body",
               "international-organisation", "ngo", "media-outlet", "organisation", "person")  # fmt: skip
RELATIONS = ("leads", "member-of", "represents", "part-of", "belongs-to", "works-for", "established-by")
CONFERENCE_KINDS = ("conference", "meeting", "negotiation-round", "summit", "process", "series")
THEMES = ("transition", "governance", "justice", "humanitarian", "economy", "sovereignty", "security", "rights", "civil-society", "process")
STANCES = ("supports", "opposes", "conditional")
BASES = ("quoted", "own-publication", "reported", "characterised")
"""How a document attributes a position: the actor's quoted words, its own publication, the document's report, a third party's description."""
FIRST_HAND = ("quoted", "own-publication")
STATUSES = ("organised", "attended", "spoke", "addressed", "boycotted", "absent", "invited")
ISSUING = ("issued", "adopted", "signed")
"""How an actor stands behind an instrument: it issued it (a joint statement's signatories), adopted it (a council's resolution) or signed it."""
INSTRUMENT_KINDS = ("resolution", "communique", "declaration", "decree", "law", "agreement", "memorandum", "statement", "other")


class Fact(Model):
    """A text fact about an entity: found in its documents, cited to one, or supplied by the editors with a reason."""

    value: Text
    source: Id | None = Field(default=None, description="The document that gives the value (checked: the value must appear in it).")
    editorial: Text | None = Field(default=None, description="Why the editors supply a value that no bundled document gives.")

    def __str__(self) -> str:
        return self.value

    @model_validator(mode="after")
    def _one_provenance(self) -> Fact:
        if self.source and self.editorial:
            raise ValueError("a fact is either cited (`source`) or supplied by the editors (`editorial`); keep one of the two")
        return self


def _fact_from_text(value: object) -> object:
    return {"value": value} if isinstance(value, str) else value


FactText = Annotated[Fact, BeforeValidator(_fact_from_text, json_schema_input_type=str | Fact)]
"""Written plain (`name_ar: …`), a fact must appear in one of the entity's documents; or long form with `source` or `editorial`."""
NAME_AR = "Its name in Arabic (a fact): plain when one of its documents gives it, else with `source:` or `editorial:` and the reason."
DESCRIPTION_AR = "The Arabic of the file's body (its description), a fact: an editors' translation is `editorial:` with the reason."


class Publisher(Model):
    """The outlet that carries a document, as the document gives it."""

    actor: Id | None = Field(default=None, description="The publishing actor's id, where the publisher is an actor of the dossier.")
    name: Text | None = Field(default=None, description="The publisher's name as the document gives it.")


TRANSLATORS = ("editors", "published")
"""Who made a translation: the dossier's editors, or a published translation (an outlet's English edition)."""


class Translation(Model):
    """An English translation of a document's words, shown beside the original and never used as evidence."""

    text: Text = Field(description="The English translation.")
    by: Literal[TRANSLATORS] = Field(description="Who made it: `editors` (the dossier's editors) or `published` (a published translation).")  # type: ignore[valid-type]
    name: Text | None = Field(default=None, description="For `by: published`: its name as given, e.g. an outlet's English edition.")
    url: Url | None = Field(default=None, description="For `by: published`: the address of the published translation.")

    @model_validator(mode="after")
    def _credited(self) -> Translation:
        if self.by == "published" and not self.name:
            raise ValueError(
                "a published translation needs its `name`; add `name:` with the translation's name as it is given, e.g. the outlet's English edition"
            )
        if self.by == "editors" and (self.name or self.url):
            field = "name" if self.name else "url"
            raise ValueError(f"a translation by the editors has no `{field}`; remove `{field}:`, or set `by: published` for a published translation")
        return self


class Claim(Model):
    """Inside a document: actor(s) support, oppose or condition a demand (or an instrument), voiced by a speaker, with verbatim evidence and its basis."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, json_schema_extra={"oneOf": [{"required": ["demand"]}, {"required": ["instrument"]}]})

    id: Id | None = Field(default=None, description="Anchor of the passage; derived from the first actor and the demand when absent.")
    actor: Id | None = Field(default=None, description="The actor the position is attributed to (or `actors` for a joint claim).")
    actors: list[Id] = Field(default_factory=list, description="The actors of a joint claim (a joint statement), each counted once.")
    speaker: Id | None = Field(default=None, description="The person who voiced the position for the actor(s).")
    relayed_by: Id | None = Field(
        default=None,
        description="Who relays the position: the actor (a person or organisation) reporting what the claim's actors voiced, e.g. an envoy briefing a council.",
    )
    basis: Literal[BASES] = Field(description="How the document attributes the position.")  # type: ignore[valid-type]
    demand: Id | None = Field(default=None, description="The demand the stance is on (or `instrument` for a stance on a statement or instrument as a whole).")
    instrument: Id | None = Field(
        default=None,
        description="The instrument or statement the stance is on as a whole (endorses a resolution, condemns a joint statement), instead of a `demand`.",
    )
    stance: Literal[STANCES]  # type: ignore[valid-type]
    condition: Text | None = Field(default=None, description="For a conditional stance: the condition, in the document's terms.")
    conference: Id | None = None
    instruments: list[Id] = Field(
        default_factory=list, description="Instruments the passage invokes (named in the document); a demand's instruments are not the claim's."
    )
    date: DateField | None = Field(
        default=None, description="When the position was voiced; the document's date when absent; `no_later_than: true` for an upper bound."
    )
    evidence: Text = Field(description="A verbatim passage of the document's text that shows the position.")
    translation: Translation | None = Field(default=None, description="English translation of `evidence`, for a document in another language; never evidence.")
    note: Text | None = None

    @property
    def actor_ids(self) -> tuple[str, ...]:
        """Every actor the claim is attributed to, in the order written."""
        return tuple(self.actors) if self.actors else ((self.actor,) if self.actor else ())

    @property
    def topic(self) -> str:
        """The id of what the stance is on: its demand, else its instrument."""
        return self.demand or self.instrument or "claim"


class Quote(Model):
    """A speaker's verbatim words in the document, and the actor they speak for."""

    id: Id | None = None
    speaker: Id | None = Field(default=None, description="The person who spoke.")
    actor: Id | None = Field(default=None, description="The actor the words are attributed to or spoken for (an unnamed source of an organisation).")
    text: Text = Field(description="The words, verbatim from the document's text.")
    translation: Translation | None = Field(default=None, description="English translation of `text`, for a document in another language; never evidence.")
    conference: Id | None = None
    note: Text | None = None

    @property
    def voice(self) -> str:
        """Who the quote is by: the speaker, else the actor."""
        return self.speaker or self.actor or ""


class Unlisted(Model):
    """An actor, conference or instrument that a document's text names but its lists leave out on purpose, and why."""

    id: Id = Field(description="The id of the actor, conference or instrument that the text names.")
    reason: Text = Field(
        description="Why the document's lists leave it out: named only in the publisher's boilerplate, as a place, inside another name...",
        examples=["Named only in the publisher's boilerplate (“based in France since 2019”)."],
    )


class Document(Model):
    """A source document: its metadata in front matter, its full text in the body."""

    title: Text = Field(description="The document's title, in its original language.")
    title_translation: Translation | None = Field(default=None, description="English working title of a document whose title is in another language.")
    kind: Literal[DOCUMENT_KINDS]  # type: ignore[valid-type]
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", examples=["en", "ar"])]
    issuer: Id | None = Field(default=None, description="The actor whose statement or publication this is; absent for an outlet's report on others.")
    issuers: list[Id] = Field(
        default_factory=list,
        description="The actors of a joint statement, each its issuer (instead of `issuer`): the statement is the own publication of each.",
    )
    publisher: Publisher | None = None
    excerpt: bool = Field(default=False, description="The body is a partial copy of the document.")
    excerpt_note: Text | None = Field(default=None, description="For an excerpt: what the copy leaves out.")
    author: Text | None = None
    date: DateField | None = None
    url: Url | None = None
    summary: Text = Field(description="The editors' own English summary of the document, whatever its language (not a translation).")
    note: Text | None = Field(default=None, description="What is unknown or uncertain about this document, and why.")
    actors: list[Id] = Field(default_factory=list, description="Every actor the document names or acts on.")
    conferences: list[Id] = Field(default_factory=list, description="Every conference, meeting or track the document mentions.")
    instruments: list[Id] = Field(default_factory=list, description="Every instrument (resolution, communiqué, decree...) the document mentions.")
    unlisted: list[Unlisted] = Field(
        default_factory=list,
        description="Actors, conferences or instruments that the text names but the lists above leave out on purpose, each with the reason; "
        "`check` warns of any other that the title or text names.",
    )
    claims: list[Claim] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)

    @property
    def issuer_ids(self) -> tuple[str, ...]:
        """Every issuer of the document (several for a joint statement), in the order written."""
        return tuple(self.issuers) if self.issuers else ((self.issuer,) if self.issuer else ())


FORMER_IDS = "Ids it had before it was renamed: references to them still resolve (with a warning), and their pages redirect to its page."


class Affiliation(Model):
    """A tie from this actor to another: leads, member of, represents, belongs to..."""

    to: Id
    relation: Literal[RELATIONS]  # type: ignore[valid-type]
    role: Text | None = None
    start: DateField | None = None
    end: DateField | None = None
    source: Id | None = Field(default=None, description="The document that states the tie.")
    editorial: Text | None = Field(default=None, description="Why the editors record a tie no bundled document states.")


class Actor(Model):
    """An organisation, state, UN body, outlet or person."""

    name: FactText
    type: Literal[ACTOR_TYPES]  # type: ignore[valid-type]
    name_ar: FactText | None = Field(default=None, description=NAME_AR)
    acronym: FactText | None = None
    aliases: list[FactText] = Field(default_factory=list)
    affiliations: list[Affiliation] = Field(default_factory=list)
    sources: list[Id] = Field(default_factory=list, description="Documents the description draws on.")
    former_ids: list[Id] = Field(default_factory=list, description=FORMER_IDS)
    description_ar: FactText | None = Field(default=None, description=DESCRIPTION_AR)


class Participant(Model):
    """An actor's part in a conference (organised, attended, spoke...), with the document that says so."""

    actor: Id
    status: Literal[STATUSES] = Field(description="organised, attended, spoke, addressed (by a speaker), boycotted, absent or invited.")  # type: ignore[valid-type]
    role: Text | None = None
    source: Id = Field(description="The document that gives this status.")


class Attendance(Model):
    """How many took part, as a document counts them."""

    count: Annotated[int, Field(ge=0)]
    unit: Text = Field(default="participants", examples=["delegates", "representatives"])
    source: Id


class Outcome(Model):
    """A document a conference produced (declaration, statement, co-chairs' summary)."""

    title: Text
    kind: Text | None = None
    instrument: Id | None = Field(default=None, description="The instrument record of the outcome, if it has one.")
    source: Id = Field(description="The dossier document that reports it.")


class Conference(Model):
    """A conference, meeting, negotiation round, summit, or a whole process or series."""

    name: FactText
    kind: Literal[CONFERENCE_KINDS]  # type: ignore[valid-type]
    name_ar: FactText | None = Field(default=None, description=NAME_AR)
    short_name: Text | None = None
    series: Id | None = Field(default=None, description="The conference of kind `series` or `process` this one belongs to.")
    number: Annotated[int, Field(ge=1)] | None = Field(default=None, description="Its place in the series (7 for Brussels VII).")
    start: DateField | None = None
    end: DateField | None = None
    place: FactText | None = None
    participants: list[Participant] = Field(default_factory=list)
    attendance: Attendance | None = None
    outcomes: list[Outcome] = Field(default_factory=list)
    sources: list[Id] = Field(default_factory=list)
    former_ids: list[Id] = Field(default_factory=list, description=FORMER_IDS)
    description_ar: FactText | None = Field(default=None, description=DESCRIPTION_AR)


class Demand(Model):
    """A position an actor can support or oppose."""

    statement: Text
    statement_ar: FactText | None = Field(default=None, description="The statement in Arabic (a fact); the editors' translation is `editorial:`, with why.")
    theme: Literal[THEMES]  # type: ignore[valid-type]
    instruments: list[Id] = Field(default_factory=list, description="Instruments (resolutions, communiqués...) the demand refers to.")
    related: list[Id] = Field(default_factory=list, description="Other demands it is close to.")
    sources: list[Id] = Field(default_factory=list)
    former_ids: list[Id] = Field(default_factory=list, description=FORMER_IDS)
    description_ar: FactText | None = Field(default=None, description=DESCRIPTION_AR)


class Issuer(Model):
    """An actor that issued, adopted or signed an instrument, with the document that says so."""

    actor: Id
    status: Literal[ISSUING] = Field(description="issued (a statement's authors), adopted (a council's resolution) or signed.")  # type: ignore[valid-type]
    source: Id = Field(description="The document that says so (it must name the instrument and the actor).")


class Instrument(Model):
    """A UN resolution, communiqué, declaration, decree or agreement that actors invoke and conferences produce."""

    name: FactText
    kind: Literal[INSTRUMENT_KINDS]  # type: ignore[valid-type]
    name_ar: FactText | None = Field(default=None, description=NAME_AR)
    short_name: Text | None = None
    aliases: list[FactText] = Field(default_factory=list)
    date: DateField | None = None
    issuers: list[Issuer] = Field(
        default_factory=list, description="Who issued, adopted or signed it, each with the document that says so; they count as supporting it."
    )
    sources: list[Id] = Field(default_factory=list)
    former_ids: list[Id] = Field(default_factory=list, description=FORMER_IDS)
    description_ar: FactText | None = Field(default=None, description=DESCRIPTION_AR)


KINDS: dict[str, type[Model]] = {"documents": Document, "actors": Actor, "conferences": Conference, "demands": Demand, "instruments": Instrument}
"""Folder under `sources/` → model of the files in it."""
