"""The counts in every download equal the counts in sources/: for the bundled site, and for hypothesis-generated dossiers.

The sources are counted straight from their files' front matter (PyYAML, nothing of the
pipeline), the downloads by opening each file as its tool would: CSV, JSON, SQLite, networkx,
JSON lines, BibTeX.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bibtexparser
import networkx as nx  # type: ignore[import-untyped]
import yaml
from hypothesis import HealthCheck, given, settings

from build_scripts.exports import ftm, networks, sqlite
from build_scripts.exports.dossier import dossier_data
from build_scripts.exports.dossier import downloads as data_downloads
from build_scripts.index import Index
from build_scripts.pages import Site
from build_scripts.pipeline import check
from build_scripts.views import agreement, citations, matrix, stances
from build_scripts.views.stances import Cell

from .conftest import ROOT
from .exports_fixture import position_cells, write_joint
from .test_properties import dossiers, write

KINDS = ("documents", "actors", "conferences", "demands", "instruments")


def front_matters(root: Path, kind: str) -> list[dict[str, Any]]:
    """Every file's front matter, as YAML reads it."""
    return [yaml.safe_load(p.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n")) for p in sorted((root / kind).glob("*.md"))]


def source_counts(root: Path) -> dict[str, int]:
    """What the files under sources/ hold, counted from their front matter only."""
    fronts = {kind: front_matters(root, kind) for kind in KINDS}
    claims = [c for d in fronts["documents"] for c in d.get("claims") or []]
    voiced = {(a, c.get("demand") or c["instrument"]) for c in claims for a in c.get("actors") or [c["actor"]]}
    instruments = zip(sorted(p.stem for p in (root / "instruments").glob("*.md")), fronts["instruments"], strict=True)
    authored = {(i["actor"], instrument) for instrument, front in instruments for i in front.get("issuers") or []}
    return {
        **{kind: len(items) for kind, items in fronts.items()},
        "claims": len(claims),
        "positions": sum(len(c.get("actors") or [c["actor"]]) for c in claims),
        "cells": len(voiced),
        "matrix_cells": len(voiced | authored),  # the matrix counts an instrument's issuers as supporting it
        "claim_instruments": sum(len(set(c.get("instruments") or [])) for c in claims),
        "quotes": sum(len(d.get("quotes") or []) for d in fronts["documents"]),
        "participation": sum(len(c.get("participants") or []) for c in fronts["conferences"]),
        "affiliations": sum(len(a.get("affiliations") or []) for a in fronts["actors"]),
        "outcomes": sum(len(c.get("outcomes") or []) for c in fronts["conferences"]),
        "document_actors": sum(len(set(d.get("actors") or [])) for d in fronts["documents"]),
        "document_issuers": sum(len(d.get("issuers") or ([d["issuer"]] if d.get("issuer") else [])) for d in fronts["documents"]),
        "instrument_issuers": sum(len(i.get("issuers") or []) for i in fronts["instruments"]),
    }


def download_counts(files: dict[str, str | bytes]) -> dict[str, dict[str, int]]:
    """Each download's counts, by download: what a reader of the file finds in it."""
    text = {path: content for path, content in files.items() if isinstance(content, str)}
    out: dict[str, dict[str, int]] = {}
    data = json.loads(text["downloads/dossier.json"])
    listed = (*KINDS, "claims", "positions", "quotes", "participation", "instrument_issuers")
    out["dossier.json"] = {kind: len(data[kind]) for kind in listed}
    out["csv"] = {kind: len(list(csv.DictReader(io.StringIO(text[f"downloads/{kind}.csv"])))) for kind in listed}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dossier.db"
        path.write_bytes(files["downloads/dossier.db"])  # type: ignore[arg-type]
        db = sqlite3.connect(path)
        tables = (
            *KINDS,
            *("claims", "positions", "quotes", "participation", "claim_instruments", "affiliations", "outcomes", "document_actors", "document_issuers"),
            "instrument_issuers",
        )
        out["dossier.db"] = {table: db.execute(f'select count(*) from "{table}"').fetchone()[0] for table in tables}
        db.close()
    for form, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        read = {name: reader(io.StringIO(text[f"downloads/networks/{name}.{form}"])) for name in ("actor-demand", "actor-conference")}
        kinds = Counter(d["kind"] for _, d in read["actor-demand"].nodes(data=True)) + Counter(
            d["kind"] for _, d in read["actor-conference"].nodes(data=True) if d["kind"] == "conference"
        )
        # The claims' positions: an edge may also count an issuer's authorship of its instrument (as the matrix does), apart.
        voiced = [int(d["claims"]) - int(d["authorship"]) for _, _, d in read["actor-demand"].edges(data=True)]
        out[f"networks ({form})"] = {
            "actors": kinds["actor"],
            "demands": kinds["demand"],
            "instruments": kinds["instrument"],
            "conferences": kinds["conference"],
            "cells": sum(1 for n in voiced if n),
            "positions": sum(voiced),
        }
    prefixes = Counter(json.loads(line)["id"].split(".")[1] for line in text["downloads/dossier.ftm.json"].splitlines())
    out["dossier.ftm.json"] = {
        kind: prefixes[singular]
        for kind, singular in (
            ("documents", "document"), ("actors", "actor"), ("conferences", "conference"), ("demands", "demand"), ("instruments", "instrument"),
            ("claims", "claim"), ("quotes", "quote"), ("participation", "participation"), ("affiliations", "affiliation"),
            ("instrument_issuers", "issuer"),
        )
    }  # fmt: skip
    out["bibliography.bib"] = {"documents": len(bibtexparser.parse_string(text["downloads/bibliography.bib"]).entries)}
    out["bibliography.json"] = {"documents": len(json.loads(text["downloads/bibliography.json"]))}
    if "downloads/matrix.csv" in text:
        out["matrix.csv"] = {"matrix_cells": len(list(csv.DictReader(io.StringIO(text["downloads/matrix.csv"]))))}
    return out


def assert_counts_match(root: Path, files: dict[str, str | bytes]) -> None:
    expected = source_counts(root)
    found = download_counts(files)
    wrong = {(download, key): (n, expected[key]) for download, counts in found.items() for key, n in counts.items() if n != expected[key]}
    assert wrong == {}, "download, count: (found, in sources/)"


def test_the_bundled_sites_downloads_hold_what_sources_hold(bundled_site: Path) -> None:
    folder = bundled_site / "downloads"
    files: dict[str, str | bytes] = {
        f"downloads/{p.relative_to(folder)}": (p.read_bytes() if p.suffix == ".db" else p.read_text(encoding="utf-8")) for p in folder.rglob("*") if p.is_file()
    }
    assert_counts_match(ROOT / "sources", files)
    assert source_counts(ROOT / "sources")["positions"] > source_counts(ROOT / "sources")["claims"], "the bundled dossier has joint claims"


def exported(root: Path, cells: Callable[[Index], dict[tuple[str, str], Cell]] | None = None) -> dict[str, str | bytes]:
    """Every download the counts look at, from the export functions (without rendering the pages).

    The networks take the stance matrix's cells, or `cells` (then the matrix itself is left out).
    """
    index = check(root)
    site = Site()
    matrix_cells = stances.cells(index) if cells is None else cells(index)
    agreed = agreement.compute(index)
    text = [*data_downloads(index), *networks.downloads(index, matrix_cells, agreed, site), *ftm.downloads(index, site)]
    text += citations.downloads(citations.compute(index, site), index)
    text += matrix.downloads(matrix.compute(index, matrix_cells, agreed), index) if cells is None else []
    files: dict[str, str | bytes] = {d.path: d.text for d in text}
    files[sqlite.PATH] = sqlite.download(index, site).data
    # dossier.json is written a record at a time; it is the whole data as one json.dumps would write it.
    assert files["downloads/dossier.json"] == json.dumps(dossier_data(index), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    return files


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossiers())
def test_a_generated_dossiers_downloads_hold_what_its_sources_hold(dossier: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "sources"
        write(dossier, root)
        assert_counts_match(root, exported(root))
        assert source_counts(root)["claims"] == sum(len(d["claims"]) for d in dossier["documents"].values())


def test_a_dossier_with_joint_issuers_stances_on_instruments_relays_and_issuers_counts_them_all(tmp_path: Path) -> None:
    """A synthetic dossier; its networks from cells that count the issuers' authorship, as the matrix does (issue 17 §2)."""
    root = write_joint(tmp_path / "sources")
    counts = source_counts(root)
    assert counts["instrument_issuers"] == 3 and counts["document_issuers"] == 4
    assert_counts_match(root, exported(root, position_cells))
