"""Property: for any valid dossier, every annotation reaches the data export and the right section of its pages.

The generated dossiers use every field of the format: dates of each precision (and approximate ones,
and upper bounds), conditions, speakers, joint claims, every basis, single and joint issuers and
publishers, stances on instruments, relayed positions, instruments' issuers, affiliations, series,
participation statuses and instruments. Evidence exercises what matching forgives: runs of whitespace,
typographic quotes, and passages that cross inline formatting.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts.models import BASES, STATUSES
from build_scripts.pipeline import build_all, check

from .site_pages import listed_fragment

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789سوريةالحل", min_size=1, max_size=8)
SENTENCE = st.lists(WORD, min_size=3, max_size=8).map(" ".join)
NAME = st.text(alphabet="abcdefghij KLMNOP<>&\"'éسوريا-", min_size=1, max_size=20).map(str.strip).filter(bool)
STANCES = ["supports", "opposes", "conditional"]
DATES = st.one_of(
    st.none(),
    st.integers(1990, 2030).map(str),
    st.tuples(st.integers(1990, 2030), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.tuples(st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 28)).map(lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"),
)


@st.composite
def sentence_forms(draw: st.DrawFn) -> dict[str, str]:
    """One sentence as the body has it (quoted, bold, typographic) and as an annotator types it."""
    words = draw(SENTENCE).split(" ")
    style = draw(st.sampled_from(["plain", "quoted", "bold", "spaced"]))
    if style == "quoted":  # in typographic quotation marks in the body, typed with straight ones
        return {"body": f"“{' '.join(words)}”", "evidence": f'"{" ".join(words)}"', "style": style}
    if style == "bold":  # the passage crosses inline formatting
        cut = len(words) // 2
        return {"body": f"{' '.join(words[:cut])} **{' '.join(words[cut:])}**", "evidence": " ".join(words), "style": style}
    if style == "spaced":  # whitespace differs
        return {"body": " ".join(words), "evidence": "  \n ".join(words), "style": style}
    return {"body": " ".join(words), "evidence": " ".join(words), "style": style}


@st.composite
def dossiers(draw: st.DrawFn) -> dict[str, Any]:
    organisations = [f"actor-{i}" for i in range(draw(st.integers(1, 5)))]
    people = [f"person-{i}" for i in range(draw(st.integers(0, 2)))]
    actors = organisations + people
    demands = [f"demand-{i}" for i in range(draw(st.integers(1, 4)))]
    conferences = [f"conference-{i}" for i in range(draw(st.integers(0, 3)))]
    instruments = [f"instrument-{i}" for i in range(draw(st.integers(0, 2)))]
    documents = {}
    for d in range(draw(st.integers(1, 3))):
        sentences = draw(st.lists(sentence_forms(), min_size=1, max_size=6, unique_by=lambda s: s["evidence"].split()[0] + str(len(s["evidence"]))))
        named = draw(st.lists(st.sampled_from(actors), min_size=1, unique=True))
        met = draw(st.lists(st.sampled_from(conferences), unique=True)) if conferences else []
        invoked = draw(st.lists(st.sampled_from(instruments), unique=True)) if instruments else []
        issuers = draw(st.lists(st.sampled_from(named), max_size=3, unique=True))  # none, one, or a joint statement
        date = draw(DATES)
        named_people = [a for a in named if a in people]
        claims = []
        for _ in range(draw(st.integers(0, 5))):
            sentence = draw(st.sampled_from(sentences))
            claim_actors = draw(st.lists(st.sampled_from(named), min_size=1, max_size=3, unique=True))
            bases = ["reported", "characterised"] + (["quoted"] if sentence["style"] == "quoted" else [])
            # own publication: an issuer's claim, or a joint claim of issuers only (check refuses the rest)
            bases += ["own-publication"] if set(claim_actors) <= set(issuers) else []
            stance = draw(st.sampled_from(STANCES))
            speaker = draw(st.sampled_from([None, *named_people]))
            on_instrument = bool(invoked) and draw(st.booleans())
            relayers = [a for a in named if a not in claim_actors and a != speaker]
            claim: dict[str, Any] = {
                "actors" if len(claim_actors) > 1 else "actor": claim_actors if len(claim_actors) > 1 else claim_actors[0],
                "basis": draw(st.sampled_from(bases)),
                "instrument" if on_instrument else "demand": draw(st.sampled_from(invoked if on_instrument else demands)),
                "stance": stance,
                "conference": draw(st.sampled_from([None, *met])),
                "speaker": speaker,
                "relayed_by": draw(st.sampled_from([None, *relayers])),
                "instruments": draw(st.lists(st.sampled_from(invoked), unique=True)) if invoked else None,
                "condition": "Only if asked." if stance == "conditional" and draw(st.booleans()) else None,
                # an upper bound no later than the document's date: its year, or the date itself
                "date": {"value": draw(st.sampled_from([date[:4], date])), "no_later_than": True} if date and draw(st.booleans()) else None,
                "evidence": sentence["evidence"],
            }
            claims.append(claim)
        quotes = [
            {
                "speaker": draw(st.sampled_from(named_people)) if named_people else None,
                "actor": draw(st.sampled_from(named)),
                "text": draw(st.sampled_from(sentences))["evidence"],
            }
            for _ in range(draw(st.integers(0, 2)))
        ]
        documents[f"document-{d}"] = {
            "title": draw(NAME),
            "date": date,
            "approximate": draw(st.booleans()),
            "sentences": sentences,
            "actors": named,
            "issuers": issuers,
            "publisher": draw(st.sampled_from([None, *named])),
            "excerpt": draw(st.booleans()),
            "conferences": met,
            "instruments": invoked,
            "claims": claims,
            "quotes": quotes,
        }
    cited = sorted(documents)[0]
    # An instrument's issuers, each cited to a document that names both it and the instrument.
    issued = {
        instrument: draw(
            st.lists(
                st.sampled_from([(a, doc_id) for doc_id, doc in documents.items() if instrument in doc["instruments"] for a in doc["actors"]] or [None]),
                max_size=2,
                unique_by=lambda pick: pick[0] if pick else None,  # an actor issues an instrument once (check refuses a second listing)
            ).map(lambda picks: [p for p in picks if p])
        )
        for instrument in instruments
    }
    participants = {conf: draw(st.lists(st.tuples(st.sampled_from(actors), st.sampled_from(STATUSES)), unique=True, max_size=4)) for conf in conferences}
    ties = draw(st.lists(st.tuples(st.sampled_from(actors), st.sampled_from(actors)).filter(lambda t: t[0] != t[1]), max_size=3, unique=True))
    return {
        "organisations": {a: draw(NAME) for a in organisations},
        "people": {a: draw(NAME) for a in people},
        "demands": demands,
        "conferences": conferences,
        "instruments": instruments,
        "issued": issued,
        "participants": participants,
        "ties": ties,
        "cited": cited,
        "documents": documents,
    }


def _drop_none(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v not in (None, [])}


def write(dossier: dict[str, Any], root: Path) -> None:
    for kind in ("documents", "actors", "conferences", "demands", "instruments"):
        (root / kind).mkdir(parents=True)
    editorial = "Synthetic test fixture."
    for kind, names in (("organisation", dossier["organisations"]), ("person", dossier["people"])):
        for actor, name in names.items():
            ties = [{"to": b, "relation": "member-of", "source": dossier["cited"]} for a, b in dossier["ties"] if a == actor]
            front = _drop_none({"name": {"value": name, "editorial": editorial}, "type": kind, "affiliations": ties})
            (root / "actors" / f"{actor}.md").write_text(f"---\n{json.dumps(front, ensure_ascii=False)}\n---\nAn actor.\n", encoding="utf-8")
    for demand in dossier["demands"]:
        front = _drop_none({"statement": f"Demand {demand}", "theme": "process", "instruments": dossier["instruments"][:1]})
        (root / "demands" / f"{demand}.md").write_text(f"---\n{json.dumps(front)}\n---\nA demand.\n", encoding="utf-8")
    for instrument in dossier["instruments"]:
        issuers = [{"actor": a, "status": "issued", "source": doc_id} for a, doc_id in dossier["issued"][instrument]]
        front = _drop_none({"name": {"value": f"Instrument {instrument}", "editorial": editorial}, "kind": "resolution", "issuers": issuers})
        (root / "instruments" / f"{instrument}.md").write_text(f"---\n{json.dumps(front)}\n---\nAn instrument.\n", encoding="utf-8")
    conferences = dossier["conferences"]
    for i, conference in enumerate(conferences):
        front = {
            "name": {"value": f"Conference {conference}", "editorial": editorial},
            "kind": "series" if i == 0 else "meeting",
            "series": conferences[0] if i else None,
            "participants": [{"actor": a, "status": s, "source": dossier["cited"]} for a, s in dossier["participants"][conference]],
        }
        (root / "conferences" / f"{conference}.md").write_text(f"---\n{json.dumps(_drop_none(front))}\n---\nA meeting.\n", encoding="utf-8")
    for doc_id, doc in dossier["documents"].items():
        date = None
        if doc["date"]:
            date = {"value": doc["date"], "approximate": True, "note": "Worked out."} if doc["approximate"] else doc["date"]
        front = {
            "title": doc["title"],
            "kind": "report",
            "language": "en",
            "issuer": doc["issuers"][0] if len(doc["issuers"]) == 1 else None,
            "issuers": doc["issuers"] if len(doc["issuers"]) > 1 else None,
            "publisher": {"actor": doc["publisher"]} if doc["publisher"] else None,
            "excerpt": doc["excerpt"] or None,
            "excerpt_note": "The first part only." if doc["excerpt"] else None,
            "date": date,
            "summary": "A summary.",
            "actors": doc["actors"],
            "conferences": doc["conferences"],
            "instruments": doc["instruments"],
            "claims": [_drop_none(c) for c in doc["claims"]],
            "quotes": [_drop_none(q) for q in doc["quotes"]],
        }
        body = "\n\n".join(sentence["body"] + "." for sentence in doc["sentences"])
        (root / "documents" / f"{doc_id}.md").write_text(f"---\n{json.dumps(_drop_none(front), ensure_ascii=False, indent=1)}\n---\n{body}\n", encoding="utf-8")


def data_documents(data: dict[str, Any]) -> dict[str, Any]:
    return {d["id"]: d for d in data["documents"]}


def section(html: str, heading_id: str) -> str:
    start = html.index(f'<h2 id="{heading_id}"')
    end = html.find("<h2", start + 1)
    return html[start : end if end >= 0 else len(html)]


def words(text: str) -> list[str]:
    return re.sub(r'["“”*]', " ", text).split()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossiers())
def test_every_annotation_reaches_the_export_and_the_pages(dossier: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "sources"
        write(dossier, root)
        check(root)
        output = build_all(root)
    pages = {page.path: page.html for page in output.pages}
    files = {download.path: download.text for download in output.downloads}
    data = json.loads(files["downloads/dossier.json"])

    def key(document: str, actors: list[str], c: dict[str, Any]) -> tuple:
        what = (c.get("demand") or "", c.get("instrument") or "", c.get("relayed_by") or "")
        return (document, tuple(actors), *what, c["stance"], c["basis"], c.get("speaker") or "", c.get("conference") or "", words(c["evidence"]))

    expected = sorted(
        key(doc_id, c["actors"] if c.get("actors") else [c["actor"]], c)
        for doc_id, doc in dossier["documents"].items()
        for c in (_drop_none(c) for c in doc["claims"])
    )
    assert sorted(key(c["document"], c["actors"], c) for c in data["claims"]) == expected
    bounds = sorted((doc_id, c["date"]["value"]) for doc_id, doc in dossier["documents"].items() for c in doc["claims"] if c["date"])
    assert (
        sorted((c["document"], c["date"]["value"]) for c in data["claims"] if c["date"] and c["date"]["no_later_than"] and not c["date_from_document"])
        == bounds
    )
    for c in data["claims"]:  # a relayed position without a date of its own was voiced by its document's date, not on it
        if c["relayed_by"] and c["date_from_document"] and not data_documents(data)[c["document"]]["date"]["approximate"]:
            assert c["date"]["no_later_than"]
    assert {d["id"]: d["issuers"] for d in data["documents"]} == {doc_id: doc["issuers"] for doc_id, doc in dossier["documents"].items()}
    issued = sorted((i, a, doc_id) for i, picks in dossier["issued"].items() for a, doc_id in picks)
    assert sorted((r["instrument"], r["actor"], r["source"]) for r in data["instrument_issuers"]) == issued
    positions = list(csv.DictReader(io.StringIO(files["downloads/positions.csv"])))
    assert len(positions) == sum(len(c["actors"]) for c in data["claims"])
    claims_csv = list(csv.DictReader(io.StringIO(files["downloads/claims.csv"])))
    assert sorted(row["id"] + row["document"] for row in claims_csv) == sorted(c["id"] + c["document"] for c in data["claims"])
    expected_quotes = sorted(
        (doc_id, q.get("speaker") or "", q["actor"], tuple(words(q["text"]))) for doc_id, doc in dossier["documents"].items() for q in doc["quotes"]
    )
    assert sorted((q["document"], q["speaker"] or "", q["actor"], tuple(words(q["text"]))) for q in data["quotes"]) == expected_quotes
    participation = list(csv.DictReader(io.StringIO(files["downloads/participation.csv"])))
    assert len(participation) == sum(len(p) for p in dossier["participants"].values())
    assert {a["id"] for a in data["actors"]} == set(dossier["organisations"]) | set(dossier["people"])
    assert [d["id"] for d in data["documents"]] == sorted(dossier["documents"])

    headings = {"supports": "supports", "opposes": "opposes", "conditional": "conditional"}

    def listed(path: str, heading: str, kind: str) -> str:
        """A list of an entity page: its section there, or all the pages it moved to when it is long."""
        return listed_fragment(pages, path, kind) or section(pages[path], heading)

    for claim in data["claims"]:
        link = f'href="../../sources/{claim["document"]}/#{claim["id"]}"'
        for actor in claim["actors"]:
            assert link in listed(f"actors/{actor}.md", "positions", "positions")
        if claim["speaker"] and claim["speaker"] not in claim["actors"]:
            assert link in listed(f"actors/{claim['speaker']}.md", "voiced", "voiced")
        # A stance is listed under its side on the page of what it is on: a demand's, or an instrument's as a whole.
        on = f"demands/{claim['demand']}.md" if claim["demand"] else f"instruments/{claim['instrument']}.md"
        assert link in listed(on, claim["stance"], claim["stance"])  # an opponent is under "Opponents"
        for other in set(headings) - {claim["stance"]}:
            assert link not in listed(on, other, other)
        if claim["relayed_by"]:
            assert link in listed(f"actors/{claim['relayed_by']}.md", "relayed", "relayed")
        if claim["conference"] and len(claim["actors"]) > 1:  # a joint position: once, with its signatories
            assert link in listed(f"conferences/{claim['conference']}.md", "joint-positions", "joint-positions")
        elif claim["conference"]:
            assert link in listed(f"conferences/{claim['conference']}.md", "participants", "participants")  # under the actor that voiced it
        for instrument in claim["instruments"]:
            assert link in listed(f"instruments/{instrument}.md", "positions", "positions")
        assert f'id="{claim["id"]}"' in pages[f"sources/{claim['document']}.md"]
        assert BASES.index(claim["basis"]) >= 0 and f"basis--{claim['basis']}" in pages[on]
    for quote in data["quotes"]:
        for voice in {quote["speaker"], quote["actor"]} - {None}:
            assert f'href="../../sources/{quote["document"]}/#{quote["id"]}"' in listed(f"actors/{voice}.md", "quotes", "quotes")
    for conference, entries in dossier["participants"].items():
        table = listed(f"conferences/{conference}.md", "participants", "participants")
        for actor, status in entries:
            assert f"status--{status}" in table and f'href="../../actors/{actor}/"' in table
    for doc_id, doc in dossier["documents"].items():
        if doc["excerpt"]:
            assert "Partial copy." in pages[f"sources/{doc_id}.md"]
    for kind, key_ in (("actors", "organisations"), ("demands", "demands"), ("conferences", "conferences"), ("instruments", "instruments")):
        generated = {p.split("/")[1].removesuffix(".md") for p in pages if p.startswith(f"{kind}/") and p.count("/") == 1 and not p.endswith("index.md")}
        wanted = set(dossier[key_]) | (set(dossier["people"]) if kind == "actors" else set())
        assert generated == wanted
