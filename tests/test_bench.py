"""`make bench` keeps working and docs/performance.md keeps its promises (no timing is ever asserted).

The harness runs here at a tiny size without its MkDocs steps, and (marked `slow`: in CI, where `CI` is set,
`make test` runs it) end to end, the MkDocs build, the plain build, the rebuilds and the preview under
`mkdocs serve` included; its synthetic corpus is valid in today's format and holds every kind of record;
its copy of the search worker's lookup fetches what the worker fetches.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page

from build_scripts import models
from build_scripts.pipeline import build_all, check, export_to
from build_scripts.views.paging import PAGE_LIMIT

from . import bench_pipeline as bench
from .conftest import ROOT
from .test_make import run_make

PERFORMANCE = ROOT / "docs" / "performance.md"


def test_the_corpus_checks_and_holds_every_kind_of_record(corpus: Callable[[int], Path]) -> None:
    index = check(corpus(20))
    s = index.sources
    documents = [d.model for d in s.documents.values()]
    claims = [c for d in documents for c in d.claims]
    quotes = [q for d in documents for q in d.quotes]
    assert len(documents) == 20 and len(index.claims) == 80
    assert {a.model.type for a in s.actors.values()} == set(models.ACTOR_TYPES)
    assert {c.basis for c in claims} == set(models.BASES) and {c.stance for c in claims} == set(models.STANCES)
    assert any(c.actors for c in claims) and any(c.speaker for c in claims) and any(c.date for c in claims)
    assert any(q.speaker for q in quotes) and any(q.actor and not q.speaker for q in quotes)
    assert {p.status for c in s.conferences.values() for p in c.model.participants} == set(models.STATUSES)
    assert any(c.model.attendance for c in s.conferences.values()) and any(c.model.outcomes for c in s.conferences.values())
    assert {a.relation for actor in s.actors.values() for a in actor.model.affiliations} >= {"works-for", "leads", "member-of"}
    assert any(a.model.name_ar for a in s.actors.values()) and any(a.model.acronym for a in s.actors.values())
    assert any(d.model.related for d in s.demands.values()) and any(i.model.aliases for i in s.instruments.values())
    assert any(d.excerpt for d in documents) and any(d.url for d in documents) and any(d.issuer for d in documents)
    assert {d.date.precision if d.date else None for d in documents} == {"year", "month", "day", None}
    assert any(d.date and d.date.approximate for d in documents)


def test_every_tenth_source_is_arabic_with_translations_beside_its_words(corpus: Callable[[int], Path]) -> None:
    arabic = [d.model for d in check(corpus(20)).sources.documents.values() if d.model.language == "ar"]
    assert len(arabic) == 2
    for doc in arabic:
        assert re.search("[\u0600-\u06ff]", doc.title) and doc.title_translation and doc.title_translation.by == "editors"
        assert all(re.search("[\u0600-\u06ff]", c.evidence) and c.translation for c in doc.claims)
        assert all(q.translation for q in doc.quotes)
    assert {q.translation.by for doc in arabic for q in doc.quotes if q.translation} == {"editors", "published"}


def test_the_corpus_renders_every_reader_view(corpus: Callable[[int], Path]) -> None:
    output = build_all(corpus(20))
    sections = {page.path.split("/")[0] for page in output.pages}
    assert sections >= {"actors", "conferences", "demands", "instruments", "sources", "matrix", "agreement", "timeline", "network", "briefings"}
    assert output.downloads and output.search


def test_the_views_step_times_a_polarisation_score_on_a_divided_period(corpus: Callable[[int], Path]) -> None:
    """The score is computed only where two actors take opposite sides in a period: the corpus has such periods, so the step times it."""
    from . import bench_views

    measured = bench_views.measure(corpus(20))  # 4 divided periods at 20 sources, up to 6 actors in one
    assert "polarisation" in measured["views"], "the stopwatch around the score ran"
    divided = re.search(r"polarisation [\d.]+ in (\d+) divided \(the longest [\d.]+, at most (\d+) actors in a divided period\)", measured["note"])
    assert divided is not None and int(divided[1]) > 0 and int(divided[2]) > 1, measured["note"]


def harness(*options: str) -> subprocess.CompletedProcess[str]:
    """The harness run as `make bench` runs it. It bounds each step itself; the bound here only keeps a hung run from hanging the
    tests, above what the whole run takes on a loaded machine (over 600 s at 20 sources with a load average of 12 to 18)."""
    return subprocess.run([sys.executable, "-m", "tests.bench_pipeline", *options], cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False)


@pytest.fixture(scope="module")
def quick_run() -> subprocess.CompletedProcess[str]:
    """The harness at 20 sources without its MkDocs steps (the MkDocs layer is tested in test_site.py and test_mkdocs_hooks.py)."""
    return harness("--sizes", "20", "--no-mkdocs")


def test_the_harness_without_mkdocs_runs_every_other_step_and_ends_with_the_summary_line(quick_run: subprocess.CompletedProcess[str]) -> None:
    assert quick_run.returncode == 0, quick_run.stdout + quick_run.stderr
    lines = quick_run.stdout.strip().splitlines()
    assert lines[-1].startswith("bench: check/parse ") and " at 20 sources;" in lines[-1], lines[-1]
    assert "mkdocs build n/a sources n/a s (overhead n/a); preview n/a s" in lines[-1], "what did not run reads n/a"
    rows = table_rows(quick_run.stdout)
    assert [cells[1] for cells in rows] == [step.label for step in bench.STEPS if step.at == "all"]
    assert all(cells[0] == "20" and not cells[-1].startswith("failed") for cells in rows)


@pytest.mark.slow
class TestTheWholeHarness:
    """A class of its own: `--dist loadscope` hands a class to a worker apart from its module, so that the longest test of the
    run (about 3 minutes, mostly MkDocs builds) and this module's other tests go to whichever worker is free."""

    def test_the_harness_runs_every_step_and_ends_with_the_summary_line(self) -> None:
        """The whole harness at 20 sources: every step, the MkDocs builds and the preview under `mkdocs serve` included."""
        tiny_run = harness("--sizes", "20")
        assert tiny_run.returncode == 0, tiny_run.stdout + tiny_run.stderr
        lines = tiny_run.stdout.strip().splitlines()
        summary = bench.SUMMARY.fullmatch(lines[-1])
        assert summary, lines[-1]
        assert summary.group(2) == summary.group(6) == "20"
        rows = table_rows(tiny_run.stdout)
        assert [cells[1] for cells in rows] == [step.label for step in bench.STEPS]
        assert all(cells[0] == "20" and not cells[-1].startswith("failed") for cells in rows)
        figures = {cells[1]: cells[-1] for cells in rows}
        assert figures["plain mkdocs build, no hook"].startswith("the same ")
        assert "rewritten" in figures["no-op rebuild"] and "rewritten" in figures["one-source change"]
        assert "edits shown" in figures["preview (mkdocs serve)"]


def test_the_harness_measures_what_dossier_export_writes(quick_run: subprocess.CompletedProcess[str], corpus: Callable[[int], Path], tmp_path: Path) -> None:
    row = next(cells for cells in table_rows(quick_run.stdout) if cells[1] == "export (dossier export)")
    assert row[2] != "—" and row[4] != "—", "time and peak memory measured"
    figures = re.fullmatch(r"(\d+) downloads, (\d+\.\d) MB; largest (\S+) \((\d+\.\d) MB\)", row[-1])
    assert figures, row[-1]
    written = export_to(corpus(20), tmp_path / "export")  # the harness's corpus at the size it ran at: the same downloads
    sizes = {path: (tmp_path / "export" / path).stat().st_size for path in written}
    assert int(figures.group(1)) == len(written)
    assert figures.group(3) == max(sizes, key=lambda path: (sizes[path], path))
    assert figures.group(2) == f"{sum(sizes.values()) / bench.MB:.1f}"


def table_rows(text: str) -> list[list[str]]:
    """The cells of the first Markdown table in `text` whose header is the harness's, without header and rule."""
    lines = [line.strip() for line in text.splitlines()]
    header = "| " + " | ".join(bench.COLUMNS) + " |"
    assert header in lines, f"no table with the columns {bench.COLUMNS}"
    rows = []
    for line in lines[lines.index(header) + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def test_the_summary_reads_na_for_what_was_not_measured() -> None:
    assert bench.summary([]) == (
        "bench: check/parse n/a at n/a sources; page median n/a KB, max n/a KB; first search n/a KB; "
        "mkdocs build n/a sources n/a s (overhead n/a); preview n/a s"
    )


@pytest.mark.parametrize(
    ("sizes", "quick", "expected"),
    [
        ([100, 1000, 10000], False, ((100, 1000, 10000), (1000,), (1000, 10000))),
        ([100, 1000], False, ((100, 1000), (1000,), (1000,))),
        ([20], False, ((20,), (20,), (20,))),
        ([100, 1000, 10000], True, ((100, 1000), (100,), (100,))),
    ],
)
def test_the_mkdocs_steps_run_at_1000_and_the_preview_at_1000_and_10000(sizes: list[int], quick: bool, expected: tuple[tuple[int, ...], ...]) -> None:
    chosen = bench.plan(sizes, quick)
    assert (chosen.sizes, chosen.build, chosen.serve) == expected


def test_without_mkdocs_no_mkdocs_step_runs_at_any_size() -> None:
    chosen = bench.plan([100, 1000, 10000], mkdocs=False)
    assert (chosen.sizes, chosen.build, chosen.serve) == ((100, 1000, 10000), (), ())
    assert [step.name for step in bench.STEPS if chosen.runs(step, 1000)] == ["parse", "check", "views", "render", "export"]


@pytest.mark.parametrize(
    ("variables", "arguments"),
    [([], '--sizes "100 1000 10000"'), (["SIZES=100 1000"], '--sizes "100 1000"'), (["QUICK=1"], "--quick")],
)
def test_make_bench_runs_the_full_run_by_default(tmp_path: Path, variables: list[str], arguments: str) -> None:
    """What `make bench` runs (the virtualenv's Python a stub that records its arguments): the harness, every size unless told."""
    result = run_make(tmp_path, "bench", *variables)
    assert result.returncode == 0, result.output
    assert result.called("venv/python")[-1] == ["-m", "tests.bench_pipeline", *shlex.split(arguments)]


def test_files_written_by_a_build_are_counted_and_none_today_is_in_memory(tmp_path: Path) -> None:
    ws = bench.prepare(tmp_path / "workspace", 20)
    assert bench.generated_on_disk(ws) == {}, "only the files the harness put there"
    (ws.root / "docs" / "generated").mkdir()
    (ws.root / "docs" / "generated" / "page.md").write_text("a page", encoding="utf-8")
    before = bench.generated_on_disk(ws)
    assert list(before) == ["docs/generated/page.md"]
    assert bench.rewritten(before, bench.generated_on_disk(ws)) == 0
    (ws.root / "docs" / "generated" / "page.md").write_text("a page, changed", encoding="utf-8")
    assert bench.rewritten(before, bench.generated_on_disk(ws)) == 1


def test_the_plain_config_has_no_hook_and_keeps_the_rest(tmp_path: Path) -> None:
    plain = yaml.safe_load(bench.plain_config(ROOT / "mkdocs.yml", tmp_path / "docs"))
    assert "hooks" not in plain and "custom_dir" not in plain["theme"] and plain["docs_dir"] == str(tmp_path / "docs")
    assert plain["nav"] and plain["plugins"] and plain["theme"]["name"] == "material"


@pytest.mark.browser
@pytest.mark.parametrize("query", ["National Coalition", "هيئة التفاوض", "Assad"])
def test_the_first_search_fetches_what_the_worker_fetches(page: Page, site_url: str, bundled_site: Path, query: str) -> None:
    """The harness's copy of the worker's lookup, against the worker itself in Chromium, on the bundled site."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url.split("?")[0].removeprefix(site_url)) if "/search/" in r.url else None)
    page.goto(site_url + "404.html")
    found = page.evaluate(
        """query => new Promise(done => {
            const worker = new Worker("javascripts/search/worker.js")
            worker.onmessage = ({ data }) => { if (data.type === 3) done(data.data.items.length) }
            worker.postMessage({ type: 2, data: query })
        })""",
        query,
    )
    cost = bench.first_search(lambda path: (bundled_site / path).read_bytes(), query)
    assert found > 0
    assert sorted(p for p in fetched if p.startswith("search/") and not p.endswith("search_index.json")) == sorted(cost.files)
    assert cost.total == sum((bundled_site / path).stat().st_size for path in cost.files)


def test_the_performance_page_is_in_the_nav_after_methodology_and_linked_from_the_readme() -> None:
    assert PERFORMANCE.is_file()
    nav = yaml.safe_load(re.search(r"^nav:\n(?:[ -].*\n)+", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(0))["nav"]  # type: ignore[union-attr]
    about = next(item["About"] for item in nav if "About" in item)
    pages = [next(iter(item.values())) for item in about]
    assert pages.index("performance.md") == pages.index("methodology.md") + 1
    assert "](docs/performance.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_performance_page_shows_a_table_of_the_harness_and_its_summary_line() -> None:
    text = PERFORMANCE.read_text(encoding="utf-8")
    rows = table_rows(text)
    labels = {step.label for step in bench.STEPS}
    assert rows and all(cells[1] in labels for cells in rows), "every row is a step the harness measures"
    assert {step.label for step in bench.STEPS} <= {cells[1] for cells in rows}, "every step the harness measures is shown"
    assert {"100", "1000"} <= {cells[0] for cells in rows}
    lines = [line.strip("` ") for line in text.splitlines()]
    assert any(bench.SUMMARY.fullmatch(line) for line in lines), "the summary line of the run the table comes from"
    assert re.search(r"Measured on \d+ cores, \d+ GB memory, Python 3\.\d+", text), "the machine is stated"


def test_the_performance_page_describes_every_step_it_measures() -> None:
    text = PERFORMANCE.read_text(encoding="utf-8")
    measured = text.split("## How it is measured", 1)[1].split("\n## ", 1)[0]
    described = set(re.findall(r"\*\*(.+?)\*\*", measured))  # each step in bold where its bullet describes it
    assert {step.label.split(" (")[0] for step in bench.STEPS} <= described
    assert "`build_scripts.pipeline.export_to`" in measured, "the export step names what it runs"


def test_bench_suggest_exits_1_and_says_so_when_over_its_target(capsys: pytest.CaptureFixture[str]) -> None:
    """`make bench` fails when `suggest` is over its target: a median can never be under 0 ms, nor over a day (no timing is asserted)."""
    from . import bench_suggest

    small = ["--names", "50", "--length", "500", "--runs", "1"]
    assert bench_suggest.main([*small, "--target-ms", "0"]) == 1
    out, err = capsys.readouterr()
    assert "OVER the 0 ms target" in out and "over the 0 ms target" in err
    assert bench_suggest.main([*small, "--target-ms", "86400000"]) == 0
    assert "under the 86400000 ms target" in capsys.readouterr().out


def test_a_build_over_its_bound_is_the_steps_failure_said_in_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A MkDocs build that outlasts its bound (a loaded machine) fails its step with the reason, not with a traceback of the step's process."""
    ws = bench.prepare(tmp_path / "workspace", 20)
    monkeypatch.setattr(bench, "_bound", lambda documents: 0.01)
    with pytest.raises(bench.BenchError, match=r"^mkdocs build of .*mkdocs\.yml took over 0 s:"):
        bench.step_english(ws)


def test_a_page_over_the_budget_is_named_in_the_table_and_fails_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A built site (synthetic files) with one generated page a byte over 60 KB in its Arabic edition: the step's note names it, and the run exits 1."""
    site, docs = tmp_path / "site", tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("Home\n", encoding="utf-8")
    for path, size in {"index.html": 100, "actors/a/index.html": 2_000, "ar/index.html": 100, "ar/actors/a/index.html": PAGE_LIMIT + 1}.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(b"x" * size)
    english, arabic = bench.page_sizes(site, docs), bench.page_sizes(site / "ar", docs)
    assert (english["over"], arabic["over"]) == ([], ["actors/a/index.html"])
    assert "1 over the 60 KB budget (actors/a/index.html)" in bench._pages_note(arabic)
    row = bench.Row(1000, bench.BY_NAME["build"], {"seconds": 1.0, "peak": 0, "note": "", "sizes": english, "sizes_ar": arabic, "load": 0.0})
    monkeypatch.setattr(bench, "run", lambda chosen, keep: [row])
    assert bench.main(["--sizes", "1000"]) == 1
    assert "1000 sources: ar/actors/a/index.html: over the 60 KB page budget" in capsys.readouterr().err
    monkeypatch.setattr(bench, "run", lambda chosen, keep: [bench.Row(1000, row.step, row.figures | {"sizes_ar": english})])
    assert bench.main(["--sizes", "1000"]) == 0
