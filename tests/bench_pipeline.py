"""Benchmark: compile N synthetic sources and compare with merely parsing their front matter.

Run with `make bench` (N=1000 by default, `make bench N=10000`). Prints times and peak
memory; tests never assert timings.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import yaml

from build_scripts.pipeline import build_all, check

STANCES = ("supports", "opposes")
THEMES = ("transition", "governance", "justice", "humanitarian", "economy", "sovereignty", "security", "rights", "civil-society", "process")
TYPES = ("organisation", "party", "state", "un-body", "ngo", "person")
STATUSES = ("organised", "attended", "spoke", "addressed", "boycotted", "absent", "invited")
SYNTHETIC = "{value: %s, editorial: Synthetic benchmark data}"


def _date(n: int) -> str:
    """Every precision the format allows: year, month, day, approximate, none."""
    year = 2015 + n % 10
    return {
        0: f"date: '{year}'\n",
        1: f"date: '{year}-{n % 12 + 1:02d}-{n % 28 + 1:02d}'\n",
        2: f"date: {{value: '{year}', approximate: true, note: Synthetic}}\n",
        3: "",
    }.get(n % 10, f"date: '{year}-{n % 12 + 1:02d}'\n")


def _person(n: int, actors: int) -> str:
    """A person actor (every sixth actor is one), to speak in document `n`."""
    return f"actor-{(n % (actors // 6)) * 6 + 5}"


def write_corpus(root: Path, documents: int) -> None:
    """A synthetic dossier of `documents` sources that exercises every kind of record the views read.

    Stances follow the parity of actor and demand (so blocs, agreement and conflict exist), with
    conditional positions; every basis, speakers, quotes, conferences with participants, instruments,
    affiliations, and dates at every precision.
    """
    for kind in ("documents", "actors", "conferences", "demands", "instruments"):
        (root / kind).mkdir(parents=True)
    actors, demands, conferences = max(12, documents // 10), max(10, documents // 20), max(3, documents // 100)
    for a in range(actors):
        kind = TYPES[a % 6]
        ties = f"affiliations: [{{to: actor-{a - 1}, relation: works-for, editorial: Synthetic}}]\n" if kind == "person" else ""
        front = f"name: {SYNTHETIC % f'Actor {a}'}\ntype: {kind}\naliases: [{SYNTHETIC % f'A{a}'}]\n{ties}"
        (root / "actors" / f"actor-{a}.md").write_text(f"---\n{front}---\nAn actor.\n", encoding="utf-8")
    for i in range(5):
        front = f"name: {SYNTHETIC % f'Instrument {i}'}\nkind: resolution\ndate: '{2012 + i}'\n"
        (root / "instruments" / f"instrument-{i}.md").write_text(f"---\n{front}---\nAn instrument.\n", encoding="utf-8")
    for d in range(demands):
        refers = f"instruments: [instrument-{d % 5}]\n" if d % 3 == 0 else ""
        (root / "demands" / f"demand-{d}.md").write_text(f"---\nstatement: Demand {d}\ntheme: {THEMES[d % 10]}\n{refers}---\nA demand.\n", encoding="utf-8")
    (root / "conferences" / "series.md").write_text(f"---\nname: {SYNTHETIC % 'Series'}\nkind: series\n---\nA series.\n", encoding="utf-8")
    for c in range(conferences):
        parts = "".join(f"  - {{actor: actor-{(c * 7 + k) % actors}, status: {STATUSES[(c + k) % 7]}, source: document-{c}}}\n" for k in range(5))
        outcome = f"outcomes: [{{title: Outcome {c}, instrument: instrument-{c}, source: document-{c}}}]\n" if c < 5 else ""
        front = (
            f"name: {SYNTHETIC % f'Meeting {c}'}\nkind: conference\nseries: series\nnumber: {c + 1}\nstart: '{2015 + c % 10}-{c % 12 + 1:02d}'\n"
            f"place: {SYNTHETIC % 'Somewhere'}\nparticipants:\n{parts}{outcome}"
        )
        (root / "conferences" / f"meeting-{c}.md").write_text(f"---\n{front}---\nA meeting.\n", encoding="utf-8")
    for n in range(documents):
        _write_document(root, n, actors, demands, conferences)


def _write_document(root: Path, n: int, actors: int, demands: int, conferences: int) -> None:
    person = _person(n, actors)
    pairs = [((n + 7 * k) % actors, (n // 3 + 5 * k) % demands) for k in range(4)]  # actors meet on demands in many combinations
    named = sorted({f"actor-{a}" for a, _ in pairs} | {person})
    sentences = [f"Actor {a} asks for point {k} of demand {d} in document {n}." for k, (a, d) in enumerate(pairs)] + ["", ""]
    sentences[0] = f'The speaker said "we want point 0 of demand {pairs[0][1]} in document {n}".'
    sentences[4] = f"Document {n} ends its report."
    sentences[5] = f'{person} added: "this is the quote of document {n}".'
    issuer = f"actor-{n % actors}" if n % 5 == 0 else None
    claims = ""
    for k in range(4):
        actor, demand = pairs[k]
        stance = "conditional" if (n + k) % 11 == 0 else STANCES[(actor + demand) % 2]
        basis = ("own-publication" if issuer else "quoted", "reported", "characterised", "reported")[k]
        evidence = f"we want point 0 of demand {demand} in document {n}" if k == 0 else sentences[k].rstrip(".")
        extra = f"    condition: Synthetic condition {k}\n" if stance == "conditional" else ""
        extra += f"    conference: meeting-{n % conferences}\n" if k == 1 else ""
        extra += f"    instruments: [instrument-{n % 5}]\n" if k == 2 else ""
        extra += f"    speaker: {person}\n" if k == 3 and f"actor-{actor}" != person else ""
        claims += f"  - actor: actor-{actor}\n    demand: demand-{demand}\n    stance: {stance}\n    basis: {basis}\n    evidence: '{evidence}'\n{extra}"
    front = (
        f"title: Document {n}\nkind: report\nlanguage: en\n{_date(n)}summary: Summary of document {n}.\n"
        f"publisher: {{name: Synthetic Outlet {n % 7}}}\n{f'issuer: {issuer}' + chr(10) if issuer else ''}"
        f"actors: [{', '.join(named)}]\nconferences: [meeting-{n % conferences}]\ninstruments: [instrument-{n % 5}]\nclaims:\n{claims}"
        f"quotes:\n  - speaker: {person}\n    text: this is the quote of document {n}\n"
    )
    (root / "documents" / f"document-{n}.md").write_text(f"---\n{front}---\n" + "\n\n".join(sentences) + "\n", encoding="utf-8")


def parse_only(root: Path) -> None:
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        yaml.load(text.split("---\n")[1], Loader=yaml.CSafeLoader)


def timed(label: str, function: object, *args: object) -> float:
    start = time.perf_counter()
    function(*args)  # type: ignore[operator]
    seconds = time.perf_counter() - start
    print(f"{label:<40} {seconds:8.3f} s")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--documents", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "sources"
        write_corpus(root, args.documents)
        print(f"{args.documents} documents")
        baseline = timed("parse front matter (PyYAML C loader)", parse_only, root)
        compiled = timed("load, validate, verify passages, index", check, root)
        everything = timed("... and render every page", build_all, root)
    print(f"{'compile / parse':<40} {compiled / baseline:8.2f} x")
    print(f"{'compile + render / parse':<40} {everything / baseline:8.2f} x")
    print(f"{'peak memory':<40} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.1f} MB")


if __name__ == "__main__":
    main()
