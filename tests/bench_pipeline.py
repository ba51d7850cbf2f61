"""Benchmark harness (issue 9): what the dossier costs at 100, 1,000 and 10,000 synthetic sources.

`make bench` measures every step at every size (about 11 minutes on 2 shared cores),
`make bench SIZES="100 1000"` a shorter run, `make bench QUICK=1` a quick one (100 and 1,000
sources, MkDocs steps at 100). Each step runs in a fresh child process, so that its peak memory
is its own. Prints a Markdown table (docs/performance.md holds one) and ends with one line in
the form of `SUMMARY`; exits 1 when a step fails or a generated page of either edition outgrows the
60 KB page budget (`over_budget`). Tests run it at a tiny size and never assert timings.

To add a step: write a function from the `Workspace` to its figures
(`seconds`, `note`, anything later steps read) and add a `Step` to `STEPS`.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import math
import os
import platform
import re
import resource
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml

from build_scripts import search
from build_scripts.pages import Site
from build_scripts.pipeline import build_all, check, export_to
from build_scripts.views.paging import PAGE_LIMIT

from . import bench_views
from .bench_corpus import actor_name, write_corpus

__all__ = ["actor_name", "first_search", "main", "parse_only", "write_corpus"]

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "docs" / "javascripts" / "search" / "worker.js"
SIZES = (100, 1000, 10000)
BUILD_SIZE = 1000
"""The full `mkdocs build`, beside a plain one, runs at this size (or the largest asked for below it)."""
SERVE_SIZES = (1000, 10000)
QUICK = (100, 1000)
"""`--quick`: these sizes, with the MkDocs steps at the smallest."""
QUERY = "Democratic Front"
"""A reader's first query: a synthetic actor's name, two words (`bench_corpus.actor_name`)."""
EDITED = "document-1"
"""The source that the one-source change and the preview edit."""
PREVIEW_EDITS = 2
"""Edits previewed in one `mkdocs serve`: the fastest is reported (the machine is shared), every one is shown."""
COLUMNS = ("sources", "step", "seconds", "CPU seconds", "peak MB", "figures")
"""The table's columns; docs/performance.md shows a table with these."""
SUMMARY = re.compile(
    r"bench: check/parse (\d+\.\d\d) at (\d+) sources; page median (\d+) KB, max (\d+) KB; first search (\d+) KB; "
    r"mkdocs build (\d+) sources (\d+\.\d) s \(overhead (\d+\.\d\d)\); preview (\d+\.\d) s"
)
"""The last line of a run: check/parse and preview at 10,000 sources, the build at 1,000 (in a full run); `n/a` for a figure not measured."""
KB, MB = 1024, 1024 * 1024
Figures = dict[str, Any]
T = TypeVar("T")


class BenchError(Exception):
    """A step that could not be measured: said in the table, and the run exits 1."""


# --- the workspace: a checkout-like folder per size --------------------------------------------


@dataclass(frozen=True)
class Workspace:
    """A folder laid out like a checkout: the synthetic `sources/`, a copy of `docs/` and `mkdocs.yml`, links to the code."""

    root: Path

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def bench(self) -> Path:
        """What the harness itself keeps: figures of each step, logs, built sites."""
        return self.root / ".bench"

    @property
    def site(self) -> Path:
        return self.bench / "site"

    @property
    def tmp(self) -> Path:
        """MkDocs' temporary folder (TMPDIR): where `mkdocs serve` builds, and where a build may keep generated files."""
        return self.root / "tmp"

    @property
    def documents(self) -> int:
        return int(json.loads((self.bench / "size.json").read_text())["documents"])

    def figures(self, step: str) -> Figures:
        """The figures an earlier step wrote (empty when it did not run)."""
        path = self.bench / f"{step}.json"
        return json.loads(path.read_text()) if path.is_file() else {}


def prepare(root: Path, documents: int) -> Workspace:
    """A workspace of `documents` synthetic sources: the project's config and hand-written docs copied, the rest linked."""
    ws = Workspace(root)
    ws.bench.mkdir(parents=True)
    ws.tmp.mkdir()
    write_corpus(ws.sources, documents)
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", ws.config)
    skipped = {"docs", "sources", "mkdocs.yml", "tmp", "site", "site.new", "site.old", "build"}
    for entry in sorted(ROOT.iterdir()):  # the hook, the theme and whatever else mkdocs.yml names, by relative path
        if entry.name not in skipped and not entry.name.startswith(".") and not entry.name.endswith(".egg-info"):
            (root / entry.name).symlink_to(entry)
    (ws.bench / "size.json").write_text(json.dumps({"documents": documents}))
    (ws.bench / "pristine.json").write_text(json.dumps({path: digest for path, (_, digest) in _written(ws).items()}))
    return ws


def _snapshot(folder: Path, skip: Iterable[str] = ()) -> dict[str, tuple[int, str]]:
    """Every file under `folder` (symbolic links not followed): relative path → (mtime in ns, digest of its bytes)."""
    found: dict[str, tuple[int, str]] = {}
    skipped = set(skip)
    for top, dirs, files in os.walk(folder):
        here = Path(top)
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink() and (here / d).relative_to(folder).as_posix() not in skipped)
        for name in files:
            path = here / name
            if not path.is_symlink():
                found[path.relative_to(folder).as_posix()] = (path.stat().st_mtime_ns, hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest())
    return found


def _written(ws: Workspace) -> dict[str, tuple[int, str]]:
    """Files of the workspace (its TMPDIR included) outside `sources/` and the harness's own folder: where generated pages land on disk."""
    return _snapshot(ws.root, skip=("sources", ".bench", ".cache/jinja"))  # not the compiled templates (build_scripts/compiled.py)


def generated_on_disk(ws: Workspace) -> dict[str, tuple[int, str]]:
    """Files a build wrote into the workspace: any file that is not one the harness put there, unchanged."""
    pristine = json.loads((ws.bench / "pristine.json").read_text())
    return {path: state for path, state in _written(ws).items() if pristine.get(path) != state[1]}


def rewritten(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> int:
    """Files whose bytes or mtime changed between two snapshots, new files included."""
    return sum(1 for path, state in after.items() if before.get(path) != state)


# --- what each step measures -------------------------------------------------------------------


def parse_only(root: Path) -> int:
    """The parse limit: read every file and parse its front matter with PyYAML's C loader, nothing else."""
    paths = sorted(root.rglob("*.md"))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        yaml.load(text.split("---\n")[1], Loader=yaml.CSafeLoader)
    return len(paths)


@dataclass(frozen=True)
class Took:
    """How long a step took: wall-clock seconds (what a maintainer waits) and CPU seconds (what other work on the machine does not change)."""

    seconds: float
    cpu: float

    def figures(self) -> Figures:
        return {"seconds": self.seconds, "cpu": self.cpu}


def best_of(function: Callable[[], T], budget: float = 2.0, runs: int = 5, least: int = 2) -> tuple[Took, T]:
    """The fastest of a few runs (at least `least`; more while they fit in `budget` seconds, up to `runs`), and the last result."""
    walls: list[float] = []
    cpus: list[float] = []
    last: list[T] = []
    while True:
        last.clear()  # the previous run's result goes first, so that peaks of memory do not add up
        start, cpu = time.perf_counter(), time.process_time()
        last.append(function())
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
        if len(walls) >= least and (sum(walls) >= budget or len(walls) >= runs):
            return Took(min(walls), min(cpus)), last[0]


def step_parse(ws: Workspace) -> Figures:
    took, files = best_of(lambda: parse_only(ws.sources))
    return {**took.figures(), "files": files, "note": f"{files} files"}


def step_check(ws: Workspace) -> Figures:
    took, index = best_of(lambda: check(ws.sources))
    ratio = took.cpu / ws.figures("parse")["cpu"]
    documents = index.sources.documents.values()
    arabic = sum(1 for d in documents if d.model.language == "ar")
    note = f"{ratio:.2f} × parse; {len(documents)} documents ({arabic} in Arabic), {len(index.claims)} claims, {len(index.quotes)} quotes"
    return {**took.figures(), "ratio": ratio, "note": note}


def step_views(ws: Workspace) -> Figures:
    """The compute stage once, each view's CPU seconds apart (`bench_views`): the agreement in both scopes and per period, the shifts."""
    return bench_views.measure(ws.sources)


def hand_written(docs: Path) -> list[search.Entry]:
    """Search entries of the hand-written pages, as the hook adds them to the index."""
    site = Site()
    return [search.markdown_entry(site.url(p.relative_to(docs).as_posix()), p.read_text(encoding="utf-8"), p.stem) for p in sorted(docs.rglob("*.md"))]


def step_render(ws: Workspace) -> Figures:
    written = hand_written(ws.root / "docs")

    def render() -> tuple[Any, list[Any]]:
        output = build_all(ws.sources)
        return output, search.files(output.search + written)

    took, (output, index_files) = best_of(render, least=1, budget=0)
    files = {d.path: d.text.encode("utf-8") for d in index_files}
    cost = first_search(files.__getitem__, QUERY)
    generated = len(output.pages) + len(output.downloads) + len(index_files)
    sizes = sorted(len(page.html.encode("utf-8")) for page in output.pages)
    note = (
        f"{took.cpu / ws.figures('parse')['cpu']:.1f} × parse; {len(output.pages)} pages, {len(output.downloads)} downloads, "
        f"{len(index_files)} search files ({sum(map(len, files.values())) / MB:.1f} MB); largest page content {sizes[-1] / KB:.0f} KB; "
        f"first search {cost.total / KB:.0f} KB (“{QUERY}”: {cost.shards} shards, {cost.blocks} result blocks)"
    )
    return {**took.figures(), "generated": generated, "first_search": cost.total, "note": note}


def step_export(ws: Workspace) -> Figures:
    """What `dossier export FOLDER` runs (`export_to`), into a fresh folder each run: how many downloads, how large, the largest."""
    folder = ws.bench / "export"

    def export() -> list[str]:
        shutil.rmtree(folder, ignore_errors=True)
        return export_to(ws.sources, folder)

    took, paths = best_of(export, least=1)
    sizes = {path: (folder / path).stat().st_size for path in paths}
    largest = max(sizes, key=lambda path: (sizes[path], path))
    total = sum(sizes.values())
    note = f"{len(paths)} downloads, {total / MB:.1f} MB; largest {largest} ({sizes[largest] / MB:.1f} MB)"
    return {**took.figures(), "downloads": len(paths), "bytes": total, "largest": largest, "note": note}


@dataclass(frozen=True)
class SearchCost:
    """What a reader's first query fetches: the manifest, the term shards of its words, the result blocks of its top results."""

    files: dict[str, int]
    """Path under the site → bytes."""

    @property
    def total(self) -> int:
        return sum(self.files.values())

    @property
    def shards(self) -> int:
        return sum(1 for path in self.files if path.startswith("search/terms/"))

    @property
    def blocks(self) -> int:
        return sum(1 for path in self.files if path.startswith("search/entries/"))


def _worker_constant(name: str) -> float:
    """A constant of the search worker (`RESULTS`, `PREFIX`), read from its source so that the two stay in step."""
    found = re.search(rf"^const {name} = ([0-9.]+)", WORKER.read_text(encoding="utf-8"), re.MULTILINE)
    assert found, f"{name} is no longer a constant of {WORKER}"
    return float(found.group(1))


def first_search(read: Callable[[str], bytes], query: str) -> SearchCost:
    """The files the search worker (docs/javascripts/search/worker.js) fetches for `query`, read with `read(path)`: its lookup, in Python."""
    results, prefix = int(_worker_constant("RESULTS")), _worker_constant("PREFIX")
    manifest = read("search/manifest.json")
    files = {"search/manifest.json": len(manifest)}
    m = json.loads(manifest)
    keys, key_set = m["keys"], set(m["keys"])
    wanted = list(dict.fromkeys(search.terms(query)))
    totals: dict[int, float] = {}
    matched: dict[int, int] = {}
    for qi, q in enumerate(wanted):
        s = search.search_term(q)
        # Every manifest key the word or its stem begins with, plus keys that begin with the word when it has 3 letters or more.
        chosen = sorted({word[:n] for word in (q, s) for n in range(min(len(word), 12), 0, -1) if word[:n] in key_set})
        chosen += [key for key in keys if len(q) >= 3 and len(key) > len(q) and key.startswith(q) and key not in chosen]
        best: dict[int, float] = {}
        for key in chosen:
            path = f"search/terms/{key.encode('utf-8').hex()}.json"
            data = read(path)
            files[path] = len(data)
            for term, postings in json.loads(data).items():
                # worker.js `match`: the stem itself; a term that begins with the word; a stem of 4+ letters the word begins with.
                exact = term == s
                if not exact and not (len(q) >= 3 and term.startswith(q)) and not (len(q) > len(term) >= 4 and q.startswith(term)):
                    continue
                weight = math.log(1 + m["entries"] / postings[0]) * (1 if exact else prefix)
                for i in range(1, len(postings), 2):
                    best[postings[i]] = max(best.get(postings[i], 0.0), postings[i + 1] / 100 * weight)
        for entry, score in best.items():
            totals[entry] = totals.get(entry, 0.0) + score
            matched[entry] = matched.get(entry, 0) | (1 << (qi % 30))
    every = (1 << min(len(wanted), 30)) - 1
    ranked = sorted(totals, key=lambda e: (-(totals[e] * 2 if matched[e] == every else totals[e]), e))[:results]
    for block in sorted({entry // m["block"] for entry in ranked}):
        path = f"search/entries/{block}.json"
        files[path] = len(read(path))
    return SearchCost(files)


def mkdocs(command: str, config: Path, *extra: str) -> list[str]:
    """The command line of `mkdocs <command>` with the project's config (or another)."""
    return [sys.executable, "-m", "mkdocs", command, "-f", str(config), *extra]


def mkdocs_env(ws: Workspace, **extra: str) -> dict[str, str]:
    """The environment MkDocs runs in: the workspace's sources and temporary folder, reproducible dates (as `make` sets them)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "1700000000")
    return {**os.environ, "DOSSIER_SOURCES": str(ws.sources), "TMPDIR": str(ws.tmp), "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch, **extra}


def mkdocs_build(ws: Workspace, config: Path, site: Path, **env: str) -> Took:
    """How long a whole `mkdocs build` takes (interpreter start included, as a maintainer waits for it; CPU of Graphviz and of
    the other editions' processes too)."""
    command = mkdocs("build", config, "--strict", "--site-dir", str(site))
    start, cpu, bound = time.perf_counter(), _children_cpu(), _bound(ws.documents)
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=mkdocs_env(ws, **env), cwd=config.parent, check=False, timeout=bound)
    except subprocess.TimeoutExpired as err:  # said in the table as the step's failure, not as a traceback of the step's process
        said = err.stderr.decode("utf-8", "replace") if isinstance(err.stderr, bytes) else str(err.stderr or "")
        raise BenchError(f"mkdocs build of {config} took over {bound:.0f} s:\n{said[-3000:]}") from None
    took = Took(time.perf_counter() - start, _children_cpu() - cpu)
    if result.returncode:
        raise BenchError(f"mkdocs build of {config} failed:\n{result.stderr[-3000:]}")
    return took


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _bound(documents: int) -> float:
    """How long one MkDocs build or first serve may take before the harness gives up: generous, never endless."""
    return 120 + 0.1 * documents


def written_pages(docs: Path) -> set[str]:
    """The built pages of the hand-written Markdown under `docs` (`x.md` → `x/index.html`), and the theme's 404 page."""
    pages = {"404.html"}
    for md in docs.rglob("*.md"):
        stem = md.relative_to(docs).with_suffix("")
        pages.add((stem.parent if stem.name == "index" else stem).joinpath("index.html").as_posix())
    return pages


def page_sizes(site: Path, docs: Path) -> Figures:
    """Sizes of a built site's generated HTML pages: count, median and the largest (what a reader downloads first); the largest hand-written page apart."""
    everything = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("ar/")}
    hand = written_pages(docs)
    sizes = {path: size for path, size in everything.items() if path not in hand}
    largest = max(sizes, key=lambda path: (sizes[path], path))
    written = max((path for path in everything if path in hand), key=lambda path: (everything[path], path))
    figures = {"pages": len(sizes), "median": statistics.median(sizes.values()), "max": sizes[largest], "largest": largest}
    figures["over"] = sorted(path for path, size in sizes.items() if size > PAGE_LIMIT)
    return figures | {"written": len(everything) - len(sizes), "written_max": everything[written], "written_largest": written}


def _pages_note(sizes: Figures) -> str:
    note = f"{sizes['pages']} generated HTML pages: median {sizes['median'] / KB:.0f} KB, max {sizes['max'] / KB:.0f} KB ({sizes['largest']})"
    if sizes.get("over"):
        note += f", {len(sizes['over'])} over the {PAGE_LIMIT // KB} KB budget ({', '.join(sizes['over'][:5])}{', …' if len(sizes['over']) > 5 else ''})"
    return note + f"; {sizes['written']} hand-written pages, the largest {sizes['written_max'] / KB:.0f} KB ({sizes['written_largest']})"


def over_budget(rows: Iterable[Row]) -> list[str]:
    """Every generated page a step found over the page budget (60 KB), said as `<sources> sources: <edition> <path>`."""
    found = []
    for row in rows:
        for key, edition in (("sizes", ""), ("sizes_ar", "ar/")):
            found += [f"{row.documents} sources: {edition}{path}" for path in (row.figures.get(key) or {}).get("over", [])]
    return found


def step_build(ws: Workspace) -> Figures:
    """`mkdocs build` as `make site` runs it: every edition (the Arabic one in a second process); the pages of each weighed."""
    took = mkdocs_build(ws, ws.config, ws.site)
    sizes, arabic = page_sizes(ws.site, ws.root / "docs"), page_sizes(ws.site / "ar", ws.root / "docs")
    return {**took.figures(), "sizes": sizes, "sizes_ar": arabic, "note": _pages_note(sizes) + "; Arabic edition: " + _pages_note(arabic)}


def step_english(ws: Workspace) -> Figures:
    """The English edition alone (`DOSSIER_EDITIONS=en`), against which both editions' build is held: at most 1.3 × its wall time."""
    took = mkdocs_build(ws, ws.config, ws.bench / "english", DOSSIER_EDITIONS="en")
    both = ws.figures("build")["seconds"] / took.seconds
    return {**took.figures(), "both": both, "note": f"both editions take {both:.2f} × the wall time of the English edition alone (budget 1.3)"}


def plain_config(config: Path, docs: Path) -> str:
    """The project's mkdocs.yml without the dossier: no hook, nor the theme overrides that rely on it, nor its watched code."""
    from mkdocs.utils.yaml import yaml_load

    with config.open(encoding="utf-8") as file:
        data = yaml_load(file)
    for key in ("hooks", "watch"):
        data.pop(key, None)
    data["theme"].pop("custom_dir", None)
    data["docs_dir"] = str(docs)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _arabic(site: Path) -> list[str]:
    """The Arabic edition's pages in a built site (which the plain build, of the English edition, does not make)."""
    return [p.relative_to(site).as_posix() for p in (site / "ar").rglob("*.html")] if (site / "ar").is_dir() else []


def step_plain(ws: Workspace) -> Figures:
    """A plain `mkdocs build` of the same generated pages and downloads, written into a copy of the docs."""
    from mkdocs.config import load_config

    from build_scripts.mkdocs_hooks import FIGURES_MARKER, site_of

    plain = ws.bench / "plain"
    docs = plain / "docs"
    shutil.copytree(ws.root / "docs", docs)
    output = build_all(ws.sources, site_of(load_config(str(ws.config))))
    for path, text in [(p.path, p.markdown) for p in output.pages] + [(d.path, d.text) for d in output.downloads]:
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    for binary in output.binaries:  # dossier.db, which the Data page links to
        (docs / binary.path).parent.mkdir(parents=True, exist_ok=True)
        (docs / binary.path).write_bytes(binary.data)
    for redirect in output.redirects:  # whole HTML files at old addresses (renamed entities, moved continuation pages), copied as they are
        (docs / redirect.path).parent.mkdir(parents=True, exist_ok=True)
        (docs / redirect.path).write_text(redirect.html, encoding="utf-8")
    home = docs / "index.md"
    home.write_text(home.read_text(encoding="utf-8").replace(FIGURES_MARKER, output.figures), encoding="utf-8")
    (plain / "mkdocs.yml").write_text(plain_config(ws.config, docs), encoding="utf-8")
    took = mkdocs_build(ws, plain / "mkdocs.yml", plain / "site")
    ours, theirs = ({p.relative_to(s).as_posix() for p in s.rglob("*.html")} - set(_arabic(s)) for s in (ws.site, plain / "site"))
    if ours != theirs:
        raise BenchError(f"the plain build made other pages: {sorted(ours ^ theirs)[:10]}")
    overhead = ws.figures("build")["cpu"] / took.cpu
    return {**took.figures(), "overhead": overhead, "note": f"the same {len(ours)} HTML pages; our build takes {overhead:.2f} × the CPU time of this one"}


def _rebuild(ws: Workspace, sentence: str | None) -> Figures:
    if sentence:
        with (ws.sources / "documents" / f"{EDITED}.md").open("a", encoding="utf-8") as file:
            file.write(f"\n{sentence}\n")
    site, disk = _snapshot(ws.site), generated_on_disk(ws)
    took = mkdocs_build(ws, ws.config, ws.site)
    site_after, disk_after = _snapshot(ws.site), generated_on_disk(ws)
    in_site = rewritten(site, site_after)
    site_note = f"site/: all {in_site} files rewritten" if in_site == len(site_after) else f"site/: {in_site} of {len(site_after)} files rewritten"
    if disk_after:
        changed = rewritten(disk, disk_after)
        note = f"{site_note}; generated on disk: {changed} of {len(disk_after)} rewritten"
    else:  # generated pages live in memory: every build hands MkDocs every one of them anew
        changed = ws.figures("render")["generated"]
        note = f"{site_note}; generated: all {changed} rewritten (in memory)"
    return {**took.figures(), "site_rewritten": in_site, "generated_rewritten": changed, "note": note}


def step_rebuild(ws: Workspace) -> Figures:
    return _rebuild(ws, None)


def step_change(ws: Workspace) -> Figures:
    return _rebuild(ws, f"A sentence the benchmark added, number {time.time_ns()}.")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    """The page at `url`, or None while it is not served."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return None


def wait_for(found: Callable[[], bool], seconds: float, server: subprocess.Popen[bytes], log: Path, what: str, every: float) -> float:
    """Seconds until `found()`; BenchError when the server stops or `seconds` pass first."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if found():
            return time.perf_counter() - start
        if server.poll() is not None:
            raise BenchError(f"mkdocs serve stopped before {what}:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(every)
    raise BenchError(f"{what} took over {seconds:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


def serve_flags() -> list[str]:
    """The flags `make serve` gives `mkdocs serve` (the preview maintainers run), but its address."""
    recipe = re.search(r"^serve:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    line = next((line for line in (recipe.group(1) if recipe else "").splitlines() if "mkdocs serve" in line), "mkdocs serve --livereload")
    words = shlex.split(line.split("mkdocs serve", 1)[1])
    address = {i for i, w in enumerate(words) if w in ("-a", "--dev-addr")}
    return [w for i, w in enumerate(words) if i not in address and i - 1 not in address and not w.startswith("--dev-addr=")]


def step_serve(ws: Workspace) -> Figures:
    """Preview latency: `mkdocs serve` up, then one source's body gains a sentence; seconds until its page shows it.

    Then the server is stopped (Ctrl-C) and started again, with a source changed meanwhile: seconds until it serves
    its first page (the last session's), and until the page shows the change (the background build swapped in).
    """
    port, bound = free_port(), _bound(ws.documents)
    log = ws.bench / "serve.log"
    flags = serve_flags()
    url = f"http://127.0.0.1:{port}/sources/{EDITED}/"
    problems = f"http://127.0.0.1:{port}/dossier-problems.json"
    server = _start(ws, flags, port, log)
    try:
        started = wait_for(lambda: fetch(url) is not None, bound, server, log, "the first page was served", 0.5)
        built = sorted(ws.tmp.glob("mkdocs_*"))  # the site mkdocs serve built
        sizes = page_sizes(built[0], ws.root / "docs") if built else None
        latencies = [_edit_shown(ws, url, bound, server, log) for _ in range(PREVIEW_EDITS)]
        # The other pages follow from a background build (a second one for the second edit): until then the preview says so.
        current = latencies[-1] + wait_for(lambda: '"updating": false' in (fetch(problems) or ""), 3 * bound, server, log, "every page was current", 0.5)
    finally:
        _stop(server)
    sentence = f"A sentence saved while the preview was stopped, number {time.time_ns()}."
    with (ws.sources / "documents" / f"{EDITED}.md").open("a", encoding="utf-8") as file:
        file.write(f"\n{sentence}\n")
    server = _start(ws, flags, port, ws.bench / "serve-again.log")
    try:
        again = wait_for(lambda: fetch(url) is not None, bound, server, log, "the first page was served again", 0.2)
        caught_up = again + wait_for(lambda: sentence in (fetch(url) or ""), 3 * bound, server, log, "the restarted preview was current", 0.5)
    finally:
        _stop(server)
    shown = ", ".join(f"{t:.1f}" for t in latencies)
    note = f"`mkdocs serve {' '.join(flags)}`: edits shown {shown} s after saving, every page current {current:.0f} s after the last"
    note += f"; first page served {started:.0f} s after start; started again (a previous build kept): first page {again:.1f} s, "
    note += f"the change saved meanwhile shown {caught_up:.0f} s after start"
    figures = {"seconds": min(latencies), "current": current, "started": started, "again": again, "caught_up": caught_up, "sizes": sizes}
    return figures | {"note": note + (f"; {_pages_note(sizes)}" if sizes else "")}


def _start(ws: Workspace, flags: list[str], port: int, log: Path) -> subprocess.Popen[bytes]:
    command = mkdocs("serve", ws.config, *flags, "--dev-addr", f"127.0.0.1:{port}")
    with log.open("wb") as out:
        # Ctrl-C stops it (`_stop`) even when the harness runs in the background, where the shell ignores SIGINT for its children.
        return subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=mkdocs_env(ws), cwd=ws.root, start_new_session=True, preexec_fn=_interruptible
        )


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _edit_shown(ws: Workspace, url: str, bound: float, server: subprocess.Popen[bytes], log: Path) -> float:
    """Append a sentence to the edited source's body; seconds until its page shows it."""
    sentence = f"A sentence the preview benchmark added, number {time.time_ns()}."
    with (ws.sources / "documents" / f"{EDITED}.md").open("a", encoding="utf-8") as file:
        file.write(f"\n{sentence}\n")
    return wait_for(lambda: sentence in (fetch(url) or ""), bound, server, log, "the edit was shown", 0.1)


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server this step started (its own process group): Ctrl-C first, then kill."""
    for sig, wait in ((signal.SIGINT, 60), (signal.SIGKILL, 30)):
        if server.poll() is not None:
            return
        os.killpg(server.pid, sig)
        try:
            server.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue


@dataclass(frozen=True)
class Step:
    """One measurement: a function of the workspace, the sizes it runs at, and whose memory peak it reports."""

    name: str
    label: str
    run: Callable[[Workspace], Figures]
    at: str = "all"
    """`all` sizes, the `build` size, or the `serve` sizes."""
    memory: str = "self"
    """`self`: the step's own process; `children`: the MkDocs process it runs."""
    needs: tuple[str, ...] = ()


STEPS = (
    Step("parse", "parse limit (C loader)", step_parse),
    Step("check", "check (dossier check)", step_check, needs=("parse",)),
    Step("views", "views (the compute stage, per view)", step_views),
    Step("render", "render (build_all + search files)", step_render, needs=("parse",)),
    Step("export", "export (dossier export)", step_export),
    Step("build", "mkdocs build", step_build, at="build", memory="children"),
    Step("plain", "plain mkdocs build, no hook", step_plain, at="build", memory="children", needs=("build",)),
    Step("english", "mkdocs build, English edition alone", step_english, at="build", memory="children", needs=("build",)),
    Step("rebuild", "no-op rebuild", step_rebuild, at="build", memory="children", needs=("build", "render")),
    Step("change", "one-source change", step_change, at="build", memory="children", needs=("build", "render")),
    Step("serve", "preview (mkdocs serve)", step_serve, at="serve", memory="children"),
)
BY_NAME = {step.name: step for step in STEPS}


def run_step(name: str, root: Path) -> None:
    """In the child process: run one step and write its figures and peak memory beside the workspace."""
    step, ws = BY_NAME[name], Workspace(root)
    try:
        figures = step.run(ws)
    except BenchError as err:
        figures = {"error": str(err)}
    who = resource.RUSAGE_CHILDREN if step.memory == "children" else resource.RUSAGE_SELF
    figures["peak"] = resource.getrusage(who).ru_maxrss * KB  # kilobytes on Linux
    (ws.bench / f"{name}.json").write_text(json.dumps(figures))


# --- the run: sizes, children, the table, the summary ------------------------------------------


@dataclass(frozen=True)
class Plan:
    """Which sizes each kind of step runs at."""

    sizes: tuple[int, ...]
    build: tuple[int, ...]
    serve: tuple[int, ...]

    def runs(self, step: Step, documents: int) -> bool:
        return documents in {"all": self.sizes, "build": self.build, "serve": self.serve}[step.at]


def plan(sizes: Sequence[int], quick: bool = False, build: Sequence[int] | None = None, serve: Sequence[int] | None = None, mkdocs: bool = True) -> Plan:
    """The MkDocs build at 1,000 sources (or the largest size below), the preview at 1,000 and 10,000 (or the largest size);
    without `mkdocs`, no MkDocs step at all (the build, its rebuilds and the preview)."""
    chosen = tuple(sorted(set(QUICK if quick else sizes)))
    if not mkdocs:
        return Plan(chosen, (), ())
    small = [n for n in chosen if n <= BUILD_SIZE] or [chosen[0]]
    default_build = (min(chosen),) if quick else (max(small),)
    default_serve = (min(chosen),) if quick else tuple(n for n in chosen if n in SERVE_SIZES) or (max(small),)
    return Plan(chosen, tuple(build) if build is not None else default_build, tuple(serve) if serve is not None else default_serve)


def measure(ws: Workspace, step: Step) -> Figures:
    """Run `step` in a fresh child process and read back its figures."""
    bound = (5 + PREVIEW_EDITS) * _bound(ws.documents) + 300  # above the sum of the step's own bounds, so that it always cleans up
    command = [sys.executable, "-m", "tests.bench_pipeline", "--step", step.name, "--workspace", str(ws.root)]
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=bound, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"no result within {bound:.0f} s"}
    figures = ws.figures(step.name)
    if result.returncode or not figures:
        return {"error": f"the step's process failed:\n{result.stderr[-3000:]}"}
    return figures


@dataclass(frozen=True)
class Row:
    documents: int
    step: Step
    figures: Figures

    def cells(self) -> list[str]:
        f = self.figures
        if "error" in f:
            return [str(self.documents), self.step.label, "—", "—", "—", "failed: " + f["error"].splitlines()[0]]
        cpu = f"{f['cpu']:.2f}" if "cpu" in f else "—"
        return [str(self.documents), self.step.label, f"{f['seconds']:.2f}", cpu, f"{f['peak'] / MB:.0f}", f["note"]]


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table (docs/performance.md shows one)."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "| --: | --- | --: | --: | --: | --- |"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def summary(rows: list[Row]) -> str:
    """The last line: figures of the largest size each was measured at (a figure not measured reads n/a)."""

    def last(step: str, key: str) -> tuple[str, Any]:
        found = [(str(r.documents), r.figures[key]) for r in rows if r.step.name == step and r.figures.get(key) is not None]
        return found[-1] if found else ("n/a", None)

    def number(value: float | None, digits: int, scale: float = 1) -> str:
        return "n/a" if value is None else f"{value / scale:.{digits}f}"

    ratio_at, ratio = last("check", "ratio")
    weighed = [r for r in rows if r.figures.get("sizes")]
    pages = max(weighed, key=lambda r: r.documents).figures["sizes"] if weighed else {"median": None, "max": None}
    build_at, build = last("build", "seconds")
    return (
        f"bench: check/parse {number(ratio, 2)} at {ratio_at} sources; page median {number(pages['median'], 0, KB)} KB, max {number(pages['max'], 0, KB)} KB; "
        f"first search {number(last('render', 'first_search')[1], 0, KB)} KB; mkdocs build {build_at} sources {number(build, 1)} s "
        f"(overhead {number(last('plain', 'overhead')[1], 2)}); preview {number(last('serve', 'seconds')[1], 1)} s"
    )


def machine() -> str:
    """The machine a run was measured on, as docs/performance.md states it."""
    memory = next((int(line.split()[1]) * KB for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    return (
        f"{os.cpu_count()} cores, {memory / MB / 1024:.0f} GB memory, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; {datetime.datetime.now(datetime.UTC):%Y-%m-%d}"
    )


def run(chosen: Plan, keep: Path | None = None) -> list[Row]:
    """Every step at every size of the plan, each in its own child process; progress on stderr."""
    rows: list[Row] = []
    for documents in chosen.sizes:
        with tempfile.TemporaryDirectory(prefix=f"dossier-bench-{documents}-") as folder:
            root = (keep / str(documents)) if keep else Path(folder) / "workspace"
            ws = prepare(root, documents)
            for step in STEPS:
                if not chosen.runs(step, documents) or any(not ws.figures(n) or "error" in ws.figures(n) for n in step.needs):
                    continue
                print(f"bench: {documents} sources: {step.label} …", file=sys.stderr, flush=True)
                figures = measure(ws, step)
                figures["load"] = os.getloadavg()[0]  # other work on the machine slows a step: said beside the run
                rows.append(Row(documents, step, figures))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=" ".join(map(str, SIZES)), help="numbers of synthetic sources, e.g. '100 1000'")
    parser.add_argument("--quick", action="store_true", help=f"sizes {QUICK}, MkDocs build and preview at {QUICK[0]}")
    parser.add_argument("--build-sizes", help=f"sizes of the MkDocs build steps (default: {BUILD_SIZE}, or the largest size below it)")
    parser.add_argument("--serve-sizes", help=f"sizes of the preview step (default: {SERVE_SIZES}, or the largest size below {BUILD_SIZE})")
    parser.add_argument("--keep", type=Path, help="keep the workspaces (corpus, built sites, logs) in this folder")
    parser.add_argument("--no-mkdocs", action="store_true", help="leave out the MkDocs steps (build, plain build, rebuilds, preview)")
    parser.add_argument("--step", choices=sorted(BY_NAME), help=argparse.SUPPRESS)  # the child's side of `measure`
    parser.add_argument("--workspace", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        run_step(args.step, args.workspace)
        return 0

    def numbers(text: str | None) -> list[int] | None:
        return None if text is None else [int(n) for n in text.replace(",", " ").split()]

    chosen = plan(numbers(args.sizes) or list(SIZES), args.quick, numbers(args.build_sizes), numbers(args.serve_sizes), mkdocs=not args.no_mkdocs)
    started = time.perf_counter()
    about, loads = machine(), [os.getloadavg()[0]]
    rows = run(chosen, args.keep)
    loads += [row.figures["load"] for row in rows]
    minutes = (time.perf_counter() - started) / 60
    print(f"Measured on {about}; load average {min(loads):.1f} to {max(loads):.1f} while it ran; the run took {minutes:.1f} min.\n")
    print(table(rows) + "\n")
    for row in rows:
        if "error" in row.figures:
            print(f"{row.documents} sources, {row.step.label}: {row.figures['error']}\n", file=sys.stderr)
    heavy = over_budget(rows)
    for page in heavy:
        print(f"{page}: over the {PAGE_LIMIT // KB} KB page budget", file=sys.stderr)
    print(summary(rows))
    return 1 if heavy or any("error" in row.figures for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
