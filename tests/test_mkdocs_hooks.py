"""The MkDocs layer: `mkdocs serve --dirty` (as `make serve` runs it) regenerates pages when a source is saved, removes deleted ones,
and shows problems over the last good pages; the hook's preview builds, driven in-process as `mkdocs serve` drives them."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from build_scripts.mkdocs_hooks import PROBLEMS_FILE, site_of
from build_scripts.pipeline import build_all
from build_scripts.problems import UnsafeOutput

from .conftest import MINI, ROOT, mkdocs_build_here


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


class Server:
    """A `mkdocs serve` process: its address and its log (what it printed, for the assertion messages)."""

    def __init__(self, process: subprocess.Popen[bytes], base: str, log: Path) -> None:
        self.process, self.base, self.log = process, base, log

    def stop(self) -> None:
        """Ctrl-C, as a maintainer stops it (MkDocs then runs its shutdown events); killed if it does not stop."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)

    def said(self) -> str:
        return "\nmkdocs serve said:\n" + self.log.read_text(encoding="utf-8", errors="replace")[-4000:]

    def wait_for(self, path: str, text: str | None, seconds: float = 120) -> bool:
        """Poll until the page at `path` holds `text` (or, with None, is no longer served); False when the server stopped or time ran out."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            page = fetch(self.base + path)
            if (page is None) if text is None else (page is not None and text in page):
                return True
            time.sleep(0.2)
        return False


WATCHDOG = "---\nname: {value: Watchdog, editorial: Synthetic test fixture}\ntype: ngo\n---\nA watchdog.\n"


MAKE_SERVE = ["--livereload", "--dirty", "--no-strict"]
"""The flags `make serve` gives `mkdocs serve` (tests/test_make.py reads what it runs)."""


@contextmanager
def serving(tmp_path: Path, flags: list[str] = MAKE_SERVE, ready: str = '"problems": []', editions: str = "en") -> Iterator[tuple[Path, Server]]:
    """`mkdocs serve` with `flags`, over the mini dossier copied to `tmp_path/sources` (unless there already), on a free port,
    once its problems file holds `ready`: (its sources, the server). `editions`: those it previews (English only by default).

    MkDocs cannot be given port 0 (it builds its address before it binds): a port taken meanwhile by another program is retried.
    """
    sources = tmp_path / "sources"
    if not sources.exists():
        shutil.copytree(MINI, sources)
    env = {**os.environ, "DOSSIER_SOURCES": str(sources), "NO_MKDOCS_2_WARNING": "1", "DOSSIER_EDITIONS": editions}
    for attempt in range(3):
        port, log = free_port(), tmp_path / f"serve-{attempt}.log"
        command = [sys.executable, "-m", "mkdocs", "serve", *flags, "--dev-addr", f"127.0.0.1:{port}", "-f", str(ROOT / "mkdocs.yml")]
        with log.open("wb") as out:
            # Ctrl-C stops it as it stops a maintainer's (a test worker may ignore SIGINT, and its children would inherit that).
            process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, preexec_fn=_interruptible)
            server = Server(process, f"http://127.0.0.1:{port}/", log)
        try:
            if server.wait_for("dossier-problems.json", ready):
                yield sources, server
                return
            if "Address already in use" not in server.said():
                raise AssertionError("mkdocs serve did not start" + server.said())
        finally:
            server.stop()
    raise AssertionError("mkdocs serve found no free port" + server.said())


def test_make_serve_previews_both_editions_and_shows_an_edit_in_each(tmp_path: Path) -> None:
    """`make serve` previews the Arabic edition too, from the same server (`ar/`), as it previews the English one: an edit of a
    document shows in the edition being read from its own pages at once, a broken source in the Arabic edition's overlay."""
    with serving(tmp_path, editions="en,ar") as (sources, server):
        assert server.wait_for("ar/actors/ministry/", '<html lang="ar"'), "the Arabic edition is served under ar/" + server.said()
        assert "javascripts/preview.js" in (fetch(server.base + "ar/actors/ministry/") or ""), "the Arabic pages load the overlay" + server.said()
        ministry = sources / "actors" / "ministry.md"
        ministry.write_text(ministry.read_text(encoding="utf-8").replace("A ministry.", "A ministry, as edited in the preview."), encoding="utf-8")
        assert server.wait_for("actors/ministry/", "as edited in the preview"), "the English edition shows the edit" + server.said()
        assert server.wait_for("ar/actors/ministry/", "as edited in the preview"), "the Arabic edition shows the edit" + server.said()
        documents = sorted((sources / "documents").glob("*.md"))
        document = documents[0]
        text = document.read_text(encoding="utf-8")
        document.write_text(text + "\nA sentence both editions show.\n", encoding="utf-8")
        page = "sources/" + document.stem + "/"
        assert server.wait_for("ar/" + page, "A sentence both editions show."), "the Arabic edition shows an edited document" + server.said()
        assert re.search(rf"\[ar\] dossier: [^\n]*{re.escape(page[:-1])}\.md[^\n]* updated", server.said()), (
            "the Arabic edition renders the edited document's pages alone"
        )
        document.write_text(text.replace("---\n", "---\nnot_a_field: 1\n", 1), encoding="utf-8")
        assert server.wait_for("ar/dossier-problems.json", "not_a_field"), "the Arabic overlay lists the problem" + server.said()
        assert "A sentence both editions show." in (fetch(server.base + "ar/" + page) or ""), "the last good Arabic page stays" + server.said()
        listed = subprocess.run(["ps", "-ww", "-o", "pid=,args=", "--ppid", str(server.process.pid)], capture_output=True, text=True).stdout
        companions = [int(line.split()[0]) for line in listed.splitlines() if "build_scripts.companion ar" in line]
        assert companions, listed
    deadline = time.monotonic() + 60
    while not all(ended(pid) for pid in companions) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert all(ended(pid) for pid in companions), "the Arabic edition's preview stopped with the server" + server.said()
    assert "Shutting down" in server.said(), "Ctrl-C stopped the server (its shutdown stops the companion)" + server.said()


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def ended(pid: int) -> bool:
    """Whether process `pid` has ended (gone, or a zombie its parent has not reaped yet)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def test_plain_mkdocs_serve_shows_the_problems_and_keeps_the_last_good_pages(tmp_path: Path) -> None:
    """`mkdocs serve` as a MkDocs user types it (strict: true from mkdocs.yml, no --dirty): a broken source never leaves it stuck."""
    council = tmp_path / "sources" / "actors" / "council.md"
    shutil.copytree(MINI, tmp_path / "sources")
    good = council.read_text(encoding="utf-8")
    council.write_text(good.replace("type: coalition", "type: coalitionn"), encoding="utf-8")
    with serving(tmp_path, flags=[], ready="coalitionn") as (_sources, server):
        home = fetch(server.base) or ""
        assert "javascripts/preview.js" in home, "a broken first build serves the hand-written pages, with the overlay's script" + server.said()
        council.write_text(good, encoding="utf-8")
        assert server.wait_for("dossier-problems.json", '"problems": []'), "the fix did not reach the preview" + server.said()
        assert server.wait_for("actors/ministry/", "A ministry."), "the dossier's pages are served once the sources are fixed" + server.said()
        council.write_text(good.replace("type: coalition", "type: coalitionn"), encoding="utf-8")
        assert server.wait_for("dossier-problems.json", "coalitionn"), "the problem did not reach the preview" + server.said()
        page = fetch(server.base + "actors/ministry/") or ""
        assert "A ministry." in page and "javascripts/preview.js" in page, "the last good pages stay, with the overlay" + server.said()
        assert "server will appear stuck" not in server.said()


def test_a_preview_started_again_serves_the_last_pages_at_once_and_builds_in_the_background(tmp_path: Path) -> None:
    """`make serve` stopped (Ctrl-C) and started again: its first build hands MkDocs the last session's files, which --dirty keeps,
    and the dossier as the sources are now follows from a background build, which the notice announces."""
    with serving(tmp_path) as (sources, server):
        assert server.wait_for("actors/ministry/", "A ministry."), server.said()
    actor = sources / "actors" / "ministry.md"
    actor.write_text(actor.read_text(encoding="utf-8").replace("A ministry.", "A ministry of dialogue."), encoding="utf-8")
    with serving(tmp_path, ready='"previous": true') as (_sources, server):
        first = server.log.read_text(encoding="utf-8")
        assert "serving the pages of the last preview" in first and "generated pages" not in first, "no full build before serving" + server.said()
        assert "A ministry." in (fetch(server.base + "actors/ministry/") or ""), "the last session's page, at once" + server.said()
        assert '"updating": true' in (fetch(server.base + "dossier-problems.json") or "") or server.wait_for("actors/ministry/", "of dialogue")
        assert server.wait_for("actors/ministry/", "A ministry of dialogue."), "the background build is swapped in" + server.said()
        assert server.wait_for("dossier-problems.json", '"problems": [], "updating": false}'), server.said()


def written(stderr: str) -> tuple[int, int]:
    """(written, unchanged) from the hook's log line."""
    match = re.search(r"dossier: (\d+) generated files written, (\d+) unchanged", stderr)
    assert match, stderr
    return int(match.group(1)), int(match.group(2))


def test_generated_files_are_written_only_when_their_content_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    caplog.set_level(logging.INFO, logger="mkdocs")

    def build() -> tuple[int, int]:
        caplog.clear()
        mkdocs_build_here(sources, tmp_path / "site", monkeypatch)
        return written(caplog.text)

    first = build()
    assert first[0] > 0
    assert build() == (0, sum(first)), "a rebuild with nothing changed writes no generated file"
    demand = sources / "demands" / "resume-talks.md"
    demand.write_text(demand.read_text(encoding="utf-8").rstrip("\n") + " A sentence added for the test.\n", encoding="utf-8")
    count, unchanged = build()
    assert 0 < count < unchanged, "a one-source change rewrites only the files whose content changed"
    assert "A sentence added for the test." in (tmp_path / "site" / "demands" / "resume-talks" / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_serve_regenerates_pages_and_shows_problems_over_the_last_good_pages(tmp_path: Path, page: Page) -> None:
    """One `mkdocs serve` session: a saved source regenerates its page, a new one gets a page, a deleted one loses it; a source with a
    problem does not hang the server: the last good pages stay, with the problems shown over them, until the source is fixed."""
    with serving(tmp_path) as (sources, server):
        assert server.wait_for("actors/ministry/", "A ministry."), server.said()
        page.goto(server.base + "actors/ministry/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Ministry of Talks")
        expect(page.locator(".dossier-problems")).to_have_count(0)

        actor = sources / "actors" / "ministry.md"
        actor.write_text(actor.read_text(encoding="utf-8").replace("A ministry.", "A ministry of dialogue."), encoding="utf-8")
        assert server.wait_for("actors/ministry/", "A ministry of dialogue."), "the page was not regenerated after the source was saved" + server.said()
        (sources / "actors" / "watchdog.md").write_text(WATCHDOG, encoding="utf-8")
        assert server.wait_for("actors/watchdog/", "Watchdog"), "a new source did not get a page" + server.said()
        (sources / "actors" / "watchdog.md").unlink()
        assert server.wait_for("actors/watchdog/", None), "a deleted source kept its page" + server.said()

        council = sources / "actors" / "council.md"
        good = council.read_text(encoding="utf-8")
        council.write_text(good.replace("type: coalition", "type: coalitionn"), encoding="utf-8")
        assert server.wait_for("dossier-problems.json", "coalitionn"), "the problem did not reach the preview" + server.said()
        assert server.wait_for("actors/ministry/", "Ministry of Talks"), "the last good page is no longer served" + server.said()
        # The open page reloads by itself after the rebuild (live reload), now with the problems over it.
        overlay = page.get_by_role("alert", name="Problems in the sources")
        expect(overlay).to_contain_text("actors/council.md:3:7: `coalitionn` is not a valid `type` — did you mean `coalition`?", timeout=30000)
        expect(page.get_by_role("heading", level=1)).to_have_text("Ministry of Talks")
        council.write_text(good, encoding="utf-8")
        assert server.wait_for("dossier-problems.json", '"problems": []'), "the fix did not reach the preview" + server.said()
        expect(page.locator(".dossier-problems")).to_have_count(0, timeout=30000)
        expect(page.get_by_role("heading", level=1)).to_have_text("Ministry of Talks")


@pytest.mark.browser
def test_the_preview_says_when_other_pages_follow_and_shows_warnings_apart_from_problems(page: Page, site_url: str) -> None:
    """What preview.js shows for each state the hook writes, served in turn over a built page (the hook adds the script to pages
    under `mkdocs serve` only: the session above sees it there)."""
    warning = {
        "where": "sources/documents/council-statement.md:5:9",
        "severity": "warning",
        "message": "`civic-council` was renamed `council`",
        "hint": "write `council`",
    }
    error = {
        "where": "sources/actors/council.md:3:7",
        "severity": "error",
        "message": "`coalitionn` is not a valid `type`",
        "hint": "did you mean `coalition`?",
    }
    state: dict[str, Any] = {}
    page.route("**/dossier-problems.json", lambda route: route.fulfill(json=state))

    def shown(**written: Any) -> None:
        """The page loaded afresh with the preview's script, while the hook's file says `written`."""
        state.clear()
        state.update(written)
        page.goto(site_url + "sources/stj-supports-cssr-recommendations/")
        with page.expect_response("**/dossier-problems.json"):
            page.add_script_tag(url=site_url + "javascripts/preview.js")

    shown(problems=[], updating=True, previous=True)
    expect(page.get_by_role("status")).to_contain_text("these are the pages of the last preview; the dossier is being built again in the background")
    shown(problems=[], updating=True)
    expect(page.get_by_role("status")).to_contain_text("the other pages, views, lists and search are being rebuilt in the background")
    expect(page.locator(".dossier-problems, .dossier-warnings")).to_have_count(0)
    shown(problems=[warning], updating=False)
    warnings = page.get_by_role("status", name="Warnings about the sources")
    expect(warnings).to_contain_text("The sources have 1 warning: the pages are built")
    expect(warnings).to_contain_text("council-statement.md:5:9: warning: `civic-council` was renamed `council` — write `council`")
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.locator(".dossier-updating")).to_have_count(0)
    shown(problems=[error, warning], updating=False)
    alert = page.get_by_role("alert", name="Problems in the sources")
    expect(alert).to_contain_text("The sources have 1 problem and 1 warning")
    expect(alert).to_contain_text("actors/council.md:3:7: `coalitionn` is not a valid `type` — did you mean `coalition`?")
    expect(alert).to_contain_text("warning: `civic-council` was renamed")


def test_warnings_alone_reach_the_preview_and_stop_nothing(previewing: Preview) -> None:
    sources = previewing.sources
    council = sources / "actors" / "council.md"
    council.write_text(
        council.read_text(encoding="utf-8").replace("aliases: [The Council]", "aliases: [The Council]\nformer_ids: [civic-council]"), encoding="utf-8"
    )
    document = sources / "documents" / "council-statement.md"
    document.write_text(document.read_text(encoding="utf-8").replace("issuer: council", "issuer: civic-council"), encoding="utf-8")
    previewing.build()
    [shown] = previewing.shown()["problems"]
    assert shown["severity"] == "warning" and shown["message"] == "`civic-council` was renamed `council`"
    assert "sources/council-statement.md" in previewing.dossier.pages, "the pages are built"
    document.write_text(document.read_text(encoding="utf-8") + "\nA sentence added by the test.\n", encoding="utf-8")
    previewing.build()
    assert previewing.dossier.plan is not None and previewing.dossier.plan.edited is not None, "the fast path"
    assert [p["message"] for p in previewing.shown()["problems"]] == [shown["message"]]
    previewing.settled()


def test_a_published_page_loads_no_preview_script(bundled_site: Path) -> None:
    html = (bundled_site / "actors" / "snc" / "index.html").read_text(encoding="utf-8")
    assert "preview.js" not in html and not (bundled_site / "dossier-problems.json").exists()


@pytest.fixture
def previewing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Preview]:
    """The MkDocs layer as `mkdocs serve --dirty` drives it, over a copy of the mini dossier, with full builds counted."""
    preview = Preview(tmp_path, monkeypatch)
    yield preview
    preview.dossier.close()


class Preview:
    """A `Dossier` under serve, its config, its sources, and the full builds it ran (each the docs folder it built with)."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config_file: Path = ROOT / "mkdocs.yml") -> None:
        from mkdocs.config import load_config

        from build_scripts import live_preview
        from build_scripts.mkdocs_hooks import Dossier

        self.sources = tmp_path / "sources"
        if not self.sources.exists():
            shutil.copytree(MINI, self.sources)
        monkeypatch.setenv("DOSSIER_SOURCES", str(self.sources))
        self.config_file = config_file
        self.site = tmp_path / "site"
        self.config = load_config(str(config_file), site_dir=str(self.site))
        self.config.plugins._current_plugin = None  # as MkDocs has it between plugins' events
        self.runs: list[str] = []
        real = live_preview.full_build
        monkeypatch.setattr(live_preview, "full_build", lambda config, *a, **k: self.runs.append(config.site_url or "") or real(config, *a, **k))
        self.dossier = Dossier()
        self.dossier.on_startup(command="serve", dirty=True)

    def build(self) -> Any:
        """One preview build as far as the hook's part goes: the pages, the files MkDocs is given, the build's end."""
        from mkdocs.structure.files import get_files

        self.dossier.on_pre_build(self.config)
        files = self.dossier.on_files(get_files(self.config), self.config)
        self.dossier.on_post_build(self.config)
        self.files = files
        return files

    def shown(self) -> dict[str, Any]:
        """The problems file the last build gave MkDocs."""
        return dict(json.loads(self.files.get_file_from_path(PROBLEMS_FILE).content_string))

    def settled(self) -> None:
        """Wait until the background build said it is ready (its signal file) and stopped."""
        assert self.dossier.preview is not None
        signal = self.dossier.preview.ready
        deadline = time.monotonic() + 120
        while not signal.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert signal.exists(), "the background build did not say it was ready"
        while self.dossier.preview.updating and time.monotonic() < deadline:
            time.sleep(0.05)
        signal.unlink()


def test_a_preview_rebuilt_without_source_changes_reuses_the_pages(previewing: Preview) -> None:
    """Under serve, saving a hand-written page does not rerun the pipeline; saving a source does."""
    previewing.build()
    previewing.build()
    assert len(previewing.runs) == 1, "nothing under sources/, the templates, the theme or mkdocs.yml changed: the pages are reused"
    demand = previewing.sources / "demands" / "resume-talks.md"
    demand.write_text(demand.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    previewing.build()
    assert len(previewing.runs) == 2, "a saved source reruns the pipeline"


def _edit(document: Path, sentence: str = "A sentence added by the test.") -> None:
    document.write_text(document.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


def test_an_edited_document_is_previewed_at_once_and_a_full_build_follows_in_the_background(previewing: Preview) -> None:
    dossier = previewing.dossier
    previewing.build()
    assert len(previewing.runs) == 1
    _edit(previewing.sources / "documents" / "council-statement.md")
    files = previewing.build()
    assert dossier.plan is not None and [page.path for page in dossier.plan.edited or []] == ["sources/council-statement.md"]
    assert "A sentence added by the test." in dossier.pages["sources/council-statement.md"].html
    assert dossier.slot is not None
    given = {f.src_uri for f in files.documentation_pages() if f.generated_by is None and f.src_dir == str(dossier.slot.generated)}
    assert "sources/council-statement.md" in given and "actors/council.md" not in given, "MkDocs is given the edited page, not every page"
    assert previewing.shown()["updating"] is True, "the preview says other pages follow"
    previewing.settled()
    assert len(previewing.runs) == 2, "one full build ran, in the background"
    previewing.build()
    assert dossier.plan.edited is None and len(previewing.runs) == 2, "the background build is swapped in, not made again"
    assert previewing.shown() == {"problems": [], "updating": False}
    full = build_all(previewing.sources, site_of(previewing.config), scan_fragments=False)
    assert {p.path: p.digest for p in dossier.pages.values()} == {p.path: p.digest for p in full.pages}, "every page as a full build makes it"


def test_an_edited_document_with_a_problem_shows_it_at_once_and_keeps_the_last_good_pages(previewing: Preview) -> None:
    dossier = previewing.dossier
    previewing.build()
    assert dossier.plan is not None
    before = dossier.plan.output.pages
    document = previewing.sources / "documents" / "council-statement.md"
    good = document.read_text(encoding="utf-8")
    document.write_text(good.replace("stance: opposes", "stance: opposse"), encoding="utf-8")
    previewing.build()
    shown = previewing.shown()["problems"]
    assert [p["where"].split(":")[0] for p in shown] == ["sources/documents/council-statement.md"] and "opposse" in shown[0]["message"]
    assert dossier.plan.output.pages == before and dossier.plan.edited == [] and len(previewing.runs) == 1, "no page changed and nothing was built"
    document.write_text(good + "\nFixed.\n", encoding="utf-8")
    previewing.build()
    assert previewing.shown()["problems"] == []
    assert [page.path for page in dossier.plan.edited or []] == ["sources/council-statement.md"], "the fix is previewed at once too"
    assert "Fixed." in dossier.pages["sources/council-statement.md"].html
    previewing.settled()


@pytest.mark.parametrize(
    "error",
    [
        pytest.param(FileNotFoundError("dot: Graphviz is not installed (synthetic, for the test)"), id="graphviz missing"),
        pytest.param(TypeError("a template bug (synthetic, for the test)"), id="a template bug"),
        pytest.param(UnsafeOutput(["sources/x.md: a script (synthetic, for the test)"]), id="unsafe output"),
    ],
)
def test_any_error_of_the_background_build_is_shown_and_the_stale_pages_never_pass_for_current(
    previewing: Preview, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, error: Exception
) -> None:
    from build_scripts import live_preview

    dossier = previewing.dossier
    previewing.build()
    stale = {page.path: page.digest for page in dossier.plan.output.pages} if dossier.plan else {}

    def failing(config: Any, *args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(live_preview, "full_build", failing)
    _edit(previewing.sources / "documents" / "council-statement.md")
    with caplog.at_level(logging.ERROR, logger="dossier.preview"):
        previewing.build()
        assert previewing.shown()["updating"] is True
        previewing.settled()
        previewing.build()  # the server's build that the background build's signal starts
    assert any(r.exc_info is not None and r.exc_info[1] is error for r in caplog.records), "the terminal has the traceback"
    shown = previewing.shown()
    assert shown["updating"] is False, "the preview no longer says the other pages follow"
    [failure] = shown["problems"]
    assert failure["severity"] == "error" and type(error).__name__ in failure["message"] and str(error)[:20] in failure["message"]
    assert {path: page.digest for path, page in dossier.pages.items() if path != "sources/council-statement.md"} == {
        path: digest for path, digest in stale.items() if path != "sources/council-statement.md"
    }, "the last good pages stay"
    previewing.build()
    assert previewing.shown()["problems"] == [failure], "the error stays shown: the stale pages are not taken for current"


def test_an_error_in_a_foreground_preview_build_is_shown_not_raised(previewing: Preview, monkeypatch: pytest.MonkeyPatch) -> None:
    """Raising would leave `mkdocs serve` stuck until the next good build: the preview shows the error over the last good pages."""
    from build_scripts import live_preview

    previewing.build()
    monkeypatch.setattr(live_preview, "full_build", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("a disk error (synthetic)")))
    actor = previewing.sources / "actors" / "ministry.md"
    actor.write_text(actor.read_text(encoding="utf-8").replace("A ministry.", "A ministry of dialogue."), encoding="utf-8")
    previewing.build()
    [failure] = previewing.shown()["problems"]
    assert "RuntimeError: a disk error (synthetic)" in failure["message"]
    assert "A ministry." in previewing.dossier.pages["actors/ministry.md"].html, "the last good page stays"


def test_an_edit_to_anything_but_documents_builds_every_page_at_once(previewing: Preview) -> None:
    dossier = previewing.dossier
    previewing.build()
    actor = previewing.sources / "actors" / "ministry.md"
    actor.write_text(actor.read_text(encoding="utf-8").replace("A ministry.", "A ministry of dialogue."), encoding="utf-8")
    previewing.build()
    assert len(previewing.runs) == 2 and dossier.plan is not None and dossier.plan.edited is None
    assert dossier.preview is not None and not dossier.preview.updating
    assert "A ministry of dialogue." in dossier.pages["actors/ministry.md"].html


def _own_config(tmp_path: Path) -> Path:
    """This project's mkdocs.yml, copied with its own theme folder (a copy of build_scripts/theme) and the docs it reads by path."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "build_scripts" / "theme", theme)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}").replace("custom_dir: build_scripts/theme", f"custom_dir: {theme}")
    text = text.replace("  - build_scripts/mkdocs_hooks.py", f"  - {ROOT / 'build_scripts' / 'mkdocs_hooks.py'}").replace(
        "  - build_scripts\n", f"  - {theme}\n"
    )
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


@pytest.mark.parametrize("change", ["mkdocs.yml", "theme", "template"])
def test_a_change_to_the_configuration_or_theme_rebuilds_everything_with_the_new_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    from mkdocs.config import load_config

    from build_scripts import live_preview

    templates = tmp_path / "templates"  # the folder the preview watches, a copy: the project's templates stay as they are
    shutil.copytree(live_preview.TEMPLATES, templates)
    monkeypatch.setattr(live_preview, "TEMPLATES", templates)
    previewing = Preview(tmp_path, monkeypatch, _own_config(tmp_path))
    try:
        dossier = previewing.dossier
        previewing.build()
        _edit(previewing.sources / "documents" / "council-statement.md")
        previewing.build()  # a background build starts, with the configuration as it was
        config_file = previewing.config_file
        if change == "mkdocs.yml":  # as MkDocs reloads an edited mkdocs.yml for each rebuild
            config_file.write_text(config_file.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
        else:
            changed = next((tmp_path / ("theme" if change == "theme" else "templates")).rglob("*.html" if change == "theme" else "*.j2"))
            changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        previewing.config = load_config(str(config_file), site_dir=str(previewing.site))
        previewing.config.plugins._current_plugin = None
        runs = len(previewing.runs)
        previewing.build()
        assert dossier.plan is not None and dossier.plan.edited is None and len(previewing.runs) > runs, "every page built again, at once"
        previewing.build()
        # nothing older is swapped in over it (a swap hands MkDocs every page): the pages stand as built, MkDocs is given none of them
        assert dossier.plan.edited == [] and previewing.shown()["updating"] is False, "nothing older is swapped in over it"
        _edit(previewing.sources / "documents" / "council-statement.md", "Another sentence.")
        previewing.build()
        previewing.settled()
        previewing.build()  # the background build, swapped in: made with the configuration as it is now
        full = build_all(previewing.sources, site_of(previewing.config), scan_fragments=False)
        assert {p.path: p.digest for p in dossier.pages.values()} == {p.path: p.digest for p in full.pages}
        assert dossier.preview is not None and dossier.preview.full is not None
        assert {p.path: p.digest for p in dossier.preview.full.output.pages} == {p.path: p.digest for p in full.pages}, "the background build's, swapped in"
        if change == "mkdocs.yml":
            assert 'href="../actors/council.html"' in dossier.pages["sources/council-statement.md"].html, "links without directory URLs"
    finally:
        previewing.dossier.close()
