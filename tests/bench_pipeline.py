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


def write_corpus(root: Path, documents: int) -> None:
    for kind in ("documents", "actors", "conferences", "demands"):
        (root / kind).mkdir(parents=True)
    actors, demands = max(10, documents // 10), max(10, documents // 20)
    for a in range(actors):
        (root / "actors" / f"actor-{a}.md").write_text(
            f"---\nname: {{value: Actor {a}, editorial: Synthetic}}\ntype: organisation\naliases: [{{value: A{a}, editorial: Synthetic}}]\n---\nAn actor.\n",
            encoding="utf-8",
        )
    for d in range(demands):
        (root / "demands" / f"demand-{d}.md").write_text(f"---\nstatement: Demand {d}\ntheme: process\n---\nA demand.\n", encoding="utf-8")
    (root / "conferences" / "meeting.md").write_text("---\nname: {value: Meeting, editorial: Synthetic}\nkind: meeting\n---\nA meeting.\n", encoding="utf-8")
    for n in range(documents):
        sentences = [f"Actor {n % actors} asks for point {k} of demand {(n + k) % demands} in document {n}." for k in range(6)]
        claims = "".join(
            f"  - actor: actor-{(n + k) % actors}\n    demand: demand-{(n + k) % demands}\n    stance: supports\n    basis: reported\n    evidence: {sentences[k].rstrip('.')}\n"
            for k in range(4)
        )
        front = f"title: Document {n}\nkind: report\nlanguage: en\ndate: '2024-{n % 12 + 1:02d}'\nsummary: Summary of document {n}.\nactors: [{', '.join(sorted({f'actor-{(n + k) % actors}' for k in range(4)}))}]\nconferences: [meeting]\nclaims:\n{claims}"
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
