"""`downloads/dossier.schema.json`: the JSON Schema (draft 2020-12) of `dossier.json`, published beside it.

Generated from models of the export's records, which reuse the source models (their fields,
enumerations and descriptions), so the schema follows the format as it grows. Every key that
`dossier.py` writes is required (it writes each one, null when unknown) and no other is
allowed: a change to the export that the schema does not describe fails its test.
"""

from __future__ import annotations

import functools
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from ..analysis.histories import STEP_KINDS
from ..analysis.scope import BASIS_CLASSES
from ..index import AUTHORSHIP
from ..models import BASES, ISSUING, PRECISIONS, STANCES, STATUSES, TRANSLATORS, Actor, Conference, Demand, Document, Instrument, Translation
from .sink import Download

PATH = "downloads/dossier.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
PROVENANCES = ("own-publication", "republication", "report")
FACT_KINDS = ("actors", "conferences", "demands", "instruments", "documents")
PERIOD = "The period the position is counted in (as mkdocs.yml names periods, else the calendar year), or null when no period holds its date."


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ExportedDate(_Row):
    """A date as the export gives it: its value at the precision the source gives, and that precision."""

    value: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", examples=["2024", "2024-06", "2024-06-15"])
    approximate: bool
    no_later_than: bool = Field(description="An upper bound: on or before this date, not on it (a relayed position is voiced no later than its document).")
    note: str | None = Field(description="How the date was worked out, when the text does not state it.")
    precision: Literal[PRECISIONS] = Field(description="`year`, `month` or `day`: `2024-06` is June 2024, never 1 June.")  # type: ignore[valid-type]


class _Entity(_Row):
    id: str = Field(description="The record's id: its file name under sources/<kind>/, without `.md`.")
    body: str = Field(description="The file's body: a document's full text, or the editors' description of the record (Markdown).")


class DocumentRecord(_Entity, Document):
    """A source document: its front matter as written (claims and quotes included), its full text and its provenance."""

    model_config = ConfigDict(title="Document")
    date: ExportedDate | None = None  # type: ignore[assignment]
    issuers: list[str] = Field(
        description="Every issuer of the document: its one `issuer`, or each of a joint statement's `issuers` (then `issuer` is null); empty for a report."
    )
    provenance: Literal[PROVENANCES] = Field(  # type: ignore[valid-type]
        description="Whose voice it is: `own-publication` (the issuer's own), `republication` (carried by another outlet), `report`."
    )


class ActorRecord(_Entity, Actor):
    """An actor as its file gives it."""

    model_config = ConfigDict(title="Actor")


class ConferenceRecord(_Entity, Conference):
    """A conference as its file gives it."""

    model_config = ConfigDict(title="Conference")
    start: ExportedDate | None = None  # type: ignore[assignment]
    end: ExportedDate | None = None  # type: ignore[assignment]


class DemandRecord(_Entity, Demand):
    """A demand as its file gives it."""

    model_config = ConfigDict(title="Demand")


class InstrumentRecord(_Entity, Instrument):
    """An instrument as its file gives it."""

    model_config = ConfigDict(title="Instrument")
    date: ExportedDate | None = None  # type: ignore[assignment]


class _Passage(_Row):
    id: str = Field(description="The passage's anchor on its source page (unique within the document).")
    document: str
    date: ExportedDate | None = Field(description="When it was voiced; the document's date when the source gives no other.")
    note: str | None
    translation: Translation | None = Field(description="An English translation shown beside the original; never evidence.")
    source_url: str = Field(description="The passage on its source page, relative to the site's root.", examples=["sources/a-document/#ev-an-actor-a-demand"])


TOPIC: JsonDict = {
    "oneOf": [
        {"properties": {"demand": {"type": "string"}, "instrument": {"type": "null"}}},
        {"properties": {"demand": {"type": "null"}, "instrument": {"type": "string"}}},
    ]
}
"""A stance is on a demand or on an instrument as a whole: exactly one of the two is given."""


class ClaimRecord(_Passage):
    """A position: actor(s) support, oppose or condition a demand (or an instrument as a whole), per a document, on a basis, with verbatim evidence."""

    model_config = ConfigDict(json_schema_extra=TOPIC)
    actors: list[str] = Field(description="Every actor the claim is attributed to (a joint claim has several).")
    demand: str | None = Field(description="The demand the stance is on; null for a stance on an instrument.")
    instrument: str | None = Field(description="The instrument the stance is on as a whole (a resolution, a joint statement); null for a stance on a demand.")
    relayed_by: str | None = Field(description="The actor who relays the position (an envoy reporting what others told him), not the one who voiced it.")
    stance: Literal[STANCES]  # type: ignore[valid-type]
    basis: Literal[BASES]  # type: ignore[valid-type]
    first_hand: bool = Field(description="The actor's quoted words or own publication, not someone's account of it.")
    evidence: str = Field(description="The passage as the document's text has it, whitespace made single.")
    speaker: str | None
    condition: str | None
    conference: str | None
    instruments: list[str]
    date_from_document: bool = Field(description="The date is the document's, the claim giving none of its own.")


class QuoteRecord(_Passage):
    """A speaker's verbatim words in a document, and the actor they speak for."""

    speaker: str | None
    actor: str | None
    text: str
    conference: str | None


class PositionRecord(_Row):
    """One actor of one claim: a joint claim is one row per actor, each with its passage."""

    model_config = ConfigDict(json_schema_extra=TOPIC)
    claim: str = Field(description="The claim's `id` (its anchor); with `document`, it identifies the claim.")
    document: str
    actor: str
    joint_with: list[str] = Field(description="The claim's other actors.")
    speaker: str | None
    relayed_by: str | None
    demand: str | None
    instrument: str | None
    stance: Literal[STANCES]  # type: ignore[valid-type]
    basis: Literal[BASES]  # type: ignore[valid-type]
    basis_class: Literal[BASIS_CLASSES] = Field(  # type: ignore[valid-type]
        description="first-hand (quoted, own publication), reported (the source's account), or described (a third party's characterisation)."
    )
    first_hand: bool
    joint_document: str | None = Field(description="The document, when the claim names several actors together: agreement among them from it counts once.")
    conference: str | None
    date: ExportedDate | None
    period: str | None = Field(description=PERIOD)
    history_step: Literal[STEP_KINDS] | None = Field(  # type: ignore[valid-type]
        description="The step from the actor's previous dated document on the same topic (first-hand and reported positions); null for the first."
    )
    source_url: str
    evidence_translation: str | None
    translation_by: Literal[TRANSLATORS] | None  # type: ignore[valid-type]
    translation_name: str | None
    translation_url: str | None


class ParticipationRecord(_Row):
    """One status of an actor at a conference, with the document that gives it."""

    conference: str
    actor: str
    status: Literal[STATUSES]  # type: ignore[valid-type]
    role: str | None
    source: str


class InstrumentIssuerRecord(_Row):
    """An actor that issued, adopted or signed an instrument, with the document that says so: it supports the instrument, on the basis of its authorship."""

    instrument: str
    actor: str
    status: Literal[ISSUING]  # type: ignore[valid-type]
    source: str = Field(description="The document that says so.")
    stance: Literal["supports"] = Field(description="Always `supports`: an issuer counts as supporting what it issued.")
    basis: Literal[AUTHORSHIP] = Field(  # type: ignore[valid-type]
        description="Always `authorship`: the position is derived from the instrument's record, not voiced in a passage."
    )
    basis_class: Literal["first-hand"] = Field(description="Always `first-hand`: an issuer's authorship is its own.")
    joint_document: str | None = Field(
        description="`source`, when other actors issued that document too (another issuer citing it, or a joint claim in it): agreement among them from it counts once."
    )
    period: str | None = Field(description=PERIOD + " An issuer's support is dated as its instrument.")
    history_step: Literal[STEP_KINDS] | None = Field(  # type: ignore[valid-type]
        description="The step from the issuer's previous dated document on the instrument, as in `positions`; null for the first."
    )


class FactRecord(_Row):
    """Where a fact about an entity comes from: a document (`source`), or the editors (`editorial`, with their reason)."""

    kind: Literal[FACT_KINDS]  # type: ignore[valid-type]
    entity: str
    field: str = Field(description="The fact's field: `name`, `name_ar`, `statement_ar`, `description_ar`, `aliases`, `start`, `place`...")
    value: str
    source: str | None
    editorial: str | None = Field(description="Why the editors supply a value that no source gives; null for a cited fact.")


class DossierData(_Row):
    """Everything annotated in the dossier's sources: records, claims, positions, quotes, participation, instruments' issuers and the provenance of facts."""

    model_config = ConfigDict(title="dossier.json")
    documents: list[DocumentRecord]
    actors: list[ActorRecord]
    conferences: list[ConferenceRecord]
    demands: list[DemandRecord]
    instruments: list[InstrumentRecord]
    claims: list[ClaimRecord]
    positions: list[PositionRecord]
    quotes: list[QuoteRecord]
    participation: list[ParticipationRecord]
    instrument_issuers: list[InstrumentIssuerRecord]
    facts: list[FactRecord]


def _every_key_required(node: Any) -> None:
    """The export writes every key of every object, null when unknown: each one is required.

    So a source model's choice between keys (`oneOf` a `required` key: a claim's `demand` or
    `instrument`) becomes a choice of the key that is not null.
    """
    if isinstance(node, dict):
        if "oneOf" in node and all(set(branch) == {"required"} for branch in node["oneOf"]):
            node["oneOf"] = [{"properties": {key: {"not": {"type": "null"}} for key in branch["required"]}} for branch in node["oneOf"]]
        if "properties" in node:
            node["required"] = sorted(node["properties"])
            for value in node["properties"].values():
                value.pop("default", None)
        for value in node.values():
            _every_key_required(value)
    elif isinstance(node, list):
        for value in node:
            _every_key_required(value)


def schema() -> dict[str, Any]:
    """The JSON Schema of `dossier.json`."""
    generated = DossierData.model_json_schema(mode="serialization")
    _every_key_required(generated)
    return {"$schema": DRAFT, **generated}


@functools.cache
def _text() -> str:
    """The schema as written: made once a process, as it depends on the models alone (pydantic's schema of them, about
    15 CPU ms a build, once per edition and for every build a preview or a test run makes)."""
    return json.dumps(schema(), ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def downloads() -> list[Download]:
    """`downloads/dossier.schema.json`."""
    return [Download(PATH, _text())]
