"""Property: for any valid dossier, every annotation reaches the data export and its pages, with the right links."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts.export import dossier_data
from build_scripts.pipeline import build_all, check

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789سوريةالحل", min_size=1, max_size=8)
SENTENCE = st.lists(WORD, min_size=2, max_size=8).map(" ".join)
NAME = st.text(alphabet="abcdefghij KLMNOP<>&\"'éسوريا-", min_size=1, max_size=20).map(str.strip).filter(bool)
STANCES = ["supports", "opposes", "conditional"]


@st.composite
def dossiers(draw: st.DrawFn) -> dict[str, Any]:
    actors = [f"actor-{i}" for i in range(draw(st.integers(1, 5)))]
    demands = [f"demand-{i}" for i in range(draw(st.integers(1, 4)))]
    conferences = [f"conference-{i}" for i in range(draw(st.integers(0, 3)))]
    documents = {}
    for d in range(draw(st.integers(1, 3))):
        sentences = draw(st.lists(SENTENCE, min_size=1, max_size=6, unique=True))
        named = draw(st.lists(st.sampled_from(actors), min_size=1, unique=True))
        met = draw(st.lists(st.sampled_from(conferences), unique=True)) if conferences else []
        claims = [
            {
                "actor": draw(st.sampled_from(named)),
                "demand": draw(st.sampled_from(demands)),
                "stance": draw(st.sampled_from(STANCES)),
                "conference": draw(st.sampled_from([None, *met])),
                "evidence": draw(st.sampled_from(sentences)),
            }
            for _ in range(draw(st.integers(0, 5)))
        ]
        quotes = [{"speaker": draw(st.sampled_from(named)), "text": draw(st.sampled_from(sentences))} for _ in range(draw(st.integers(0, 2)))]
        documents[f"document-{d}"] = {"title": draw(NAME), "sentences": sentences, "actors": named, "conferences": met, "claims": claims, "quotes": quotes}
    names = {a: draw(NAME) for a in actors}
    return {"actors": names, "demands": demands, "conferences": conferences, "documents": documents}


def write(dossier: dict[str, Any], root: Path) -> None:
    for kind in ("documents", "actors", "conferences", "demands"):
        (root / kind).mkdir(parents=True)
    for actor, name in dossier["actors"].items():
        (root / "actors" / f"{actor}.md").write_text(f"---\nname: {json.dumps(name)}\ntype: organisation\n---\nAn actor.\n", encoding="utf-8")
    for demand in dossier["demands"]:
        (root / "demands" / f"{demand}.md").write_text(f"---\nstatement: Demand {demand}\ntheme: process\n---\nA demand.\n", encoding="utf-8")
    for conference in dossier["conferences"]:
        (root / "conferences" / f"{conference}.md").write_text(f"---\nname: Conference {conference}\nkind: meeting\n---\nA meeting.\n", encoding="utf-8")
    for doc_id, doc in dossier["documents"].items():
        front = {"title": doc["title"], "kind": "report", "language": "en", "summary": "A summary.", "actors": doc["actors"], "conferences": doc["conferences"]}
        front["claims"] = [{k: v for k, v in c.items() if v is not None} for c in doc["claims"]]
        front["quotes"] = doc["quotes"]
        body = "\n\n".join(sentence + "." for sentence in doc["sentences"])
        (root / "documents" / f"{doc_id}.md").write_text(f"---\n{json.dumps(front, ensure_ascii=False, indent=1)}\n---\n{body}\n", encoding="utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossiers())
def test_every_annotation_reaches_the_export_and_the_pages(dossier: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "sources"
        write(dossier, root)
        index = check(root)
        pages = {page.path: page.html for page in build_all(root).pages}
        data = dossier_data(index)

    expected_claims = sorted(
        (doc_id, c["actor"], c["demand"], c["stance"], c["conference"] or "", c["evidence"])
        for doc_id, doc in dossier["documents"].items()
        for c in doc["claims"]
    )
    exported = sorted((c["document"], c["actor"], c["demand"], c["stance"], c["conference"] or "", c["evidence"]) for c in data["claims"])
    assert exported == expected_claims
    expected_quotes = sorted((doc_id, q["speaker"], q["text"]) for doc_id, doc in dossier["documents"].items() for q in doc["quotes"])
    assert sorted((q["document"], q["speaker"], q["text"]) for q in data["quotes"]) == expected_quotes
    assert {a["id"] for a in data["actors"]} == set(dossier["actors"])
    assert [d["id"] for d in data["documents"]] == sorted(dossier["documents"])

    for claim in data["claims"]:
        link = f'href="../../sources/{claim["document"]}/#{claim["id"]}"'
        assert link in pages[f"actors/{claim['actor']}.md"]
        assert link in pages[f"demands/{claim['demand']}.md"]
        if claim["conference"]:
            assert link in pages[f"conferences/{claim['conference']}.md"]
        assert f'id="{claim["id"]}"' in pages[f"sources/{claim['document']}.md"]
    for quote in data["quotes"]:
        assert f'href="../../sources/{quote["document"]}/#{quote["id"]}"' in pages[f"actors/{quote['speaker']}.md"]
        assert f'id="{quote["id"]}"' in pages[f"sources/{quote['document']}.md"]
    for kind, key in (("actors", "actors"), ("demands", "demands"), ("conferences", "conferences"), ("sources", "documents")):
        assert {p.split("/")[1].removesuffix(".md") for p in pages if p.startswith(f"{kind}/") and not p.endswith("index.md")} == set(
            dossier[key] if isinstance(dossier[key], (list, dict)) else []
        )
