"""Each entity's page as a view model: its path, title, template and the data the template lays out, computed once per build.

An actor page is given its profile, its quotes and sources in order; a conference page, its participants
and its joint positions, each once with its signatories; a demand page, its sides; an instrument page, its
positions (its issuers' authorship once per source) and invokers; a source page, who its notes are about and its positions grouped as
its notes say them once. Templates only lay these out.
"""

from __future__ import annotations

from markupsafe import Markup

from ..index import ClaimRecord, Index, QuoteRecord
from ..models import STANCES
from ..pages import PageSpec
from .basis import Basis, summarise
from .entity_lists import instrument_positions, invokers, joint_positions, newest_first, participants, quotes_newest_first
from .profiles import profile
from .stances import Cells


def entity_pages(index: Index, cells: Cells) -> list[PageSpec]:
    """Every entity's page: actors, conferences, demands, sources and instruments, each with its view model."""
    s = index.sources
    specs = []
    for actor_id, actor in s.actors.items():
        title = actor.model.name.value + (f" ({actor.model.acronym.value})" if actor.model.acronym else "")
        context = {
            "id": actor_id,
            "actor": actor.model,
            "profile": profile(index, cells, actor_id),
            "quotes": quotes_newest_first(index.quotes_by_actor.get(actor_id, [])),
            "documents": newest_first(index, index.documents_by_actor.get(actor_id, [])),
            "description": _description(index, "actors", actor_id),
        }
        specs.append(PageSpec(f"actors/{actor_id}.md", title, "actor.html.j2", context))
    for conf_id, conf in s.conferences.items():
        context = {
            "id": conf_id,
            "conference": conf.model,
            "participants": participants(index, conf_id),
            "joint": joint_positions(index, conf_id),
            "quotes": quotes_newest_first(index.quotes_by_conference.get(conf_id, [])),
            "documents": newest_first(index, [*index.documents_by_conference.get(conf_id, []), *conf.model.sources]),
            "description": _description(index, "conferences", conf_id),
        }
        specs.append(PageSpec(f"conferences/{conf_id}.md", conf.model.name.value, "conference.html.j2", context))
    for demand_id, demand in s.demands.items():
        context = {
            "id": demand_id,
            "demand": demand.model,
            "sides": stance_actors(index, demand_id),
            "side_bases": side_bases(index, demand_id),
            "documents": newest_first(index, [*(c.document for c in index.by_demand.get(demand_id, [])), *demand.model.sources]),
            "description": _description(index, "demands", demand_id),
        }
        specs.append(PageSpec(f"demands/{demand_id}.md", demand.model.statement, "demand.html.j2", context))
    specs += [source_page(index, doc_id) for doc_id in s.documents]
    for instrument_id, instrument in s.instruments.items():
        context = {
            "id": instrument_id,
            "instrument": instrument.model,
            "positions": instrument_positions(index, instrument_id),
            "side_bases": side_bases(index, instrument_id),
            "invoking": invokers(index, instrument_id),
            "description": _description(index, "instruments", instrument_id),
        }
        specs.append(PageSpec(f"instruments/{instrument_id}.md", instrument.model.name.value, "instrument.html.j2", context))
    return specs


def source_page(index: Index, doc_id: str) -> PageSpec:
    """A source's page: its notes' index (who they are about) and its positions as its notes group them."""
    doc = index.sources.documents[doc_id].model
    claims = index.claims_by_document.get(doc_id, [])
    quotes = index.quotes_by_document.get(doc_id, [])
    context = {
        "id": doc_id,
        "document": doc,
        "note_runs": note_index(claims, quotes),
        "attributions": [(key, actor_runs(run)) for key, run in attribution_runs(claims)],
    }
    return PageSpec(f"sources/{doc_id}.md", doc.title, "source.html.j2", context)


def _description(index: Index, kind: str, record_id: str) -> Markup:
    """A record's body, rendered and sanitised in the validate stage."""
    return Markup(index.bodies[f"{kind}/{record_id}"].html)


def stance_actors(index: Index, topic: str, first_hand: bool = False) -> dict[str, list[str]]:
    """Stance → the distinct actors taking it on `topic`, a demand or an instrument (a joint claim counts once for each of its actors; an issuer supports)."""
    sides: dict[str, set[str]] = {stance: set() for stance in STANCES}
    for claim in index.by_demand.get(topic) or index.stances_by_instrument.get(topic, []):
        if first_hand and not claim.first_hand:
            continue
        sides[claim.stance].update(claim.actors)
    return {stance: sorted(actors) for stance, actors in sides.items()}


def side_bases(index: Index, topic: str) -> dict[str, dict[str, Basis]]:
    """Stance → actor → on whose word the actor's positions of that stance on `topic` rest, said beside its name where a side is named."""
    found: dict[str, dict[str, list[ClaimRecord]]] = {stance: {} for stance in STANCES}
    for claim in index.by_demand.get(topic) or index.stances_by_instrument.get(topic, []):
        for actor in claim.actors:
            found[claim.stance].setdefault(actor, []).append(claim)
    return {stance: {actor: summarise(index, claims) for actor, claims in sorted(side.items())} for stance, side in found.items()}


def attribution_runs(claims: list[ClaimRecord]) -> list[tuple[tuple[str | None, str, str | None], list[ClaimRecord]]]:
    """Consecutive claims that share speaker, basis and conference, in document order: said once for the run."""
    runs: list[tuple[tuple[str | None, str, str | None], list[ClaimRecord]]] = []
    for claim in claims:
        key = (claim.speaker, claim.basis, claim.conference)
        if runs and runs[-1][0] == key:
            runs[-1][1].append(claim)
        else:
            runs.append((key, [claim]))
    return runs


def actor_runs(claims: list[ClaimRecord]) -> list[tuple[tuple[str, ...], list[ClaimRecord]]]:
    """Consecutive claims of the same actors, in order: their names said once for the run."""
    runs: list[tuple[tuple[str, ...], list[ClaimRecord]]] = []
    for claim in claims:
        if runs and runs[-1][0] == claim.actors:
            runs[-1][1].append(claim)
        else:
            runs.append((claim.actors, [claim]))
    return runs


def note_index(claims: list[ClaimRecord], quotes: list[QuoteRecord]) -> list[tuple[tuple[str, ...], list[tuple[str, str]]]]:
    """Who the notes of a source are about, in order of first note: (actors, [(`1–3`, the id of note 1), (`7`, …)])."""
    numbered: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for n, claim in enumerate(claims, start=1):
        numbered.setdefault(claim.actors, []).append((n, claim.id))
    for n, quote in enumerate(quotes, start=len(claims) + 1):
        numbered.setdefault(quote.voices[:1], []).append((n, quote.id))
    return [(actors, _ranges(found)) for actors, found in numbered.items()]


def _ranges(numbered: list[tuple[int, str]]) -> list[tuple[str, str]]:
    """Consecutive numbers as runs: [(`1–3`, the first one's id), (`7`, its id)]."""
    runs: list[list[tuple[int, str]]] = []
    for n, ident in numbered:
        if runs and n == runs[-1][-1][0] + 1:
            runs[-1].append((n, ident))
        else:
            runs.append([(n, ident)])
    return [(f"{run[0][0]}–{run[-1][0]}" if len(run) > 1 else str(run[0][0]), run[0][1]) for run in runs]
