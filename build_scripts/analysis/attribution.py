"""Whose word a summarised position rests on: "first-hand", "reported", or "according to <whom>".

A summary (an at-a-glance line, a matrix cell, a pair, a bloc, a highlight) states a position
without its passage beside it. It must still say on whose word the dossier knows it: the actor's
own (first-hand), the source's account (reported), or a third party's description, naming the
third party. For a description, the describer is, in this order: the speaker the claim quotes, when
the speaker is not one of the actors described; else the document's issuers (a party's statement
that describes others); else the outlet that publishes the document; else the source, unnamed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..index import ClaimRecord, Index
from .scope import BasisClass, basis_class


@dataclass(frozen=True)
class Attribution:
    """The basis class of a position and, for a third party's description, the actors or outlet it is according to."""

    basis: BasisClass
    according_to: tuple[str, ...] = ()
    """Actor ids of the describer (a speaker, or the document's issuers)."""
    outlet: str | None = None
    """The publishing outlet's name, when the describer is the outlet and it is not an actor of the dossier."""


def attribution(index: Index, claim: ClaimRecord) -> Attribution:
    """On whose word the dossier knows `claim`."""
    kind = basis_class(claim)
    if kind != "described":
        return Attribution(kind)
    if claim.speaker and claim.speaker not in claim.actors:
        return Attribution(kind, (claim.speaker,))
    record = index.sources.documents.get(claim.document)
    if record is None:
        return Attribution(kind)
    doc = record.model
    issuers = tuple(i for i in doc.issuer_ids if i not in claim.actors)
    if issuers:
        return Attribution(kind, issuers)
    publisher = doc.publisher
    if publisher is not None and publisher.actor and publisher.actor not in claim.actors:
        return Attribution(kind, (publisher.actor,))
    return Attribution(kind, (), publisher.name if publisher is not None and publisher.name else None)
