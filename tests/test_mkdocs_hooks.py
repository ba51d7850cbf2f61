"""The MkDocs layer: `mkdocs serve --dirty` (as `make serve` runs it) regenerates pages when a source is saved, removes deleted ones,
and shows problems over the last good pages; the hook's preview builds, driven in-process as `mkdocs serve` drives them."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
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

from build_scripts.pipeline import build_all

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


@contextmanager
def serving(tmp_path: Path) -> Iterator[tuple[Path, Server]]:
    """`mkdocs serve` as `make serve` runs it, over a copy of the mini dossier on a free port, once it serves: (its sources, the server).

    MkDocs cannot be given port 0 (it builds its address before it binds): a port taken meanwhile by another program is retried.
    """
    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    env = {**os.environ, "DOSSIER_SOURCES": str(sources), "NO_MKDOCS_2_WARNING": "1"}
    preview = ["--livereload", "--dirty", "--no-strict"]  # as `make serve` runs it (tests/test_make.py reads what it runs)
    for attempt in range(3):
        port, log = free_port(), tmp_path / f"serve-{attempt}.log"
        command = [sys.executable, "-m", "mkdocs", "serve", *preview, "--dev-addr", f"127.0.0.1:{port}", "-f", str(ROOT / "mkdocs.yml")]
        with log.open("wb") as out:
            server = Server(subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT), f"http://127.0.0.1:{port}/", log)
        try:
            if server.wait_for("dossier-problems.json", '"problems": []'):
                yield sources, server
                return
            if "Address already in use" not in server.said():
                raise AssertionError("mkdocs serve did not start" + server.said())
        finally:
            server.process.terminate()
            server.process.wait(timeout=20)
    raise AssertionError("mkdocs serve found no free port" + server.said())


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


def test_warnings_alone_reach_the_preview_and_stop_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources, config, _runs, hooks = _previewing(tmp_path, monkeypatch)
    council = sources / "actors" / "council.md"
    council.write_text(
        council.read_text(encoding="utf-8").replace("aliases: [The Council]", "aliases: [The Council]\nformer_ids: [civic-council]"), encoding="utf-8"
    )
    document = sources / "documents" / "council-statement.md"
    document.write_text(document.read_text(encoding="utf-8").replace("issuer: council", "issuer: civic-council"), encoding="utf-8")
    files = _build_once(hooks, config)
    [shown] = json.loads(files.get_file_from_path(hooks.PROBLEMS_FILE).content_string)["problems"]
    assert shown["severity"] == "warning" and shown["message"] == "`civic-council` was renamed `council`"
    assert "sources/council-statement.md" in hooks._build.pages, "the pages are built"
    document.write_text(document.read_text(encoding="utf-8") + "\nA sentence added by the test.\n", encoding="utf-8")
    files = _build_once(hooks, config)
    assert hooks._build.edited is not None, "the fast path"
    assert [p["message"] for p in json.loads(files.get_file_from_path(hooks.PROBLEMS_FILE).content_string)["problems"]] == [shown["message"]]
    _wait_ready(hooks, tmp_path / "ready")


def test_a_published_page_loads_no_preview_script(bundled_site: Path) -> None:
    html = (bundled_site / "actors" / "snc" / "index.html").read_text(encoding="utf-8")
    assert "preview.js" not in html and not (bundled_site / "dossier-problems.json").exists()


def _previewing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Any, list[Path], Any]:
    """The hook as `mkdocs serve` drives it, over a copy of the mini dossier: (sources, config, full builds run, the hook module)."""
    from mkdocs.config import load_config

    from build_scripts import mkdocs_hooks as hooks

    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    monkeypatch.setenv("DOSSIER_SOURCES", str(sources))
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins._current_plugin = None  # as MkDocs has it between plugins' events
    runs: list[Path] = []
    real = hooks.full_build
    monkeypatch.setattr(hooks, "_build", hooks._Build(serving=True, signal=tmp_path / "ready"))
    monkeypatch.setattr(hooks, "full_build", lambda config, *args, **kwargs: runs.append(Path(config.docs_dir)) or real(config, *args, **kwargs))
    return sources, config, runs, hooks


def _build_once(hooks: Any, config: Any) -> Any:
    """One preview build as far as the hook's part goes: the pages, the files MkDocs is given, the build's end."""
    from mkdocs.structure.files import get_files

    hooks.on_pre_build(config)
    files = hooks.on_files(get_files(config), config)
    hooks.on_post_build(config)
    return files


def test_a_preview_rebuilt_without_source_changes_reuses_the_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under serve, saving a hand-written page does not rerun the pipeline; saving a source does."""
    sources, config, runs, hooks = _previewing(tmp_path, monkeypatch)
    hooks.on_pre_build(config)
    hooks.on_pre_build(config)
    assert len(runs) == 1, "nothing under sources/ or the templates changed: the pages are reused"
    demand = sources / "demands" / "resume-talks.md"
    demand.write_text(demand.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    hooks.on_pre_build(config)
    assert len(runs) == 2, "a saved source reruns the pipeline"


def _wait_ready(hooks: Any, signal: Path) -> None:
    deadline = time.monotonic() + 120
    while not signal.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert signal.exists(), "the background build did not say it was ready"
    while hooks._build.refresh.busy and time.monotonic() < deadline:
        time.sleep(0.05)


def test_an_edited_document_is_previewed_at_once_and_a_full_build_follows_in_the_background(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources, config, runs, hooks = _previewing(tmp_path, monkeypatch)
    _build_once(hooks, config)
    assert len(runs) == 1
    document = sources / "documents" / "council-statement.md"
    document.write_text(document.read_text(encoding="utf-8") + "\nA sentence added by the test.\n", encoding="utf-8")
    files = _build_once(hooks, config)
    assert [page.path for page in hooks._build.edited] == ["sources/council-statement.md"]
    assert "A sentence added by the test." in hooks._build.pages["sources/council-statement.md"].html
    given = {f.src_uri for f in files.documentation_pages() if f.generated_by is None and f.src_dir == str(hooks.generated_dir(config))}
    assert "sources/council-statement.md" in given and "actors/council.md" not in given, "MkDocs is given the edited page, not every page"
    assert json.loads(files.get_file_from_path(hooks.PROBLEMS_FILE).content_string)["updating"] is True, "the preview says other pages follow"
    _wait_ready(hooks, tmp_path / "ready")
    assert len(runs) == 2, "one full build ran, in the background"
    files = _build_once(hooks, config)
    assert hooks._build.edited is None and len(runs) == 2, "the background build is swapped in, not made again"
    assert json.loads(files.get_file_from_path(hooks.PROBLEMS_FILE).content_string) == {"problems": [], "updating": False}
    full = build_all(sources, hooks.site_of(config), scan_fragments=False)
    assert {p.path: p.digest for p in hooks._build.pages.values()} == {p.path: p.digest for p in full.pages}, "every page as a full build makes it"


def test_an_edited_document_with_a_problem_shows_it_at_once_and_keeps_the_last_good_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources, config, runs, hooks = _previewing(tmp_path, monkeypatch)
    _build_once(hooks, config)
    before = hooks._build.output.pages
    document = sources / "documents" / "council-statement.md"
    good = document.read_text(encoding="utf-8")
    document.write_text(good.replace("stance: opposes", "stance: opposse"), encoding="utf-8")
    files = _build_once(hooks, config)
    shown = json.loads(files.get_file_from_path(hooks.PROBLEMS_FILE).content_string)["problems"]
    assert [p["where"].split(":")[0] for p in shown] == ["sources/documents/council-statement.md"] and "opposse" in shown[0]["message"]
    assert hooks._build.output.pages == before and len(runs) == 1 and hooks._build.refresh is None, "no page changed and nothing was built"
    document.write_text(good + "\nFixed.\n", encoding="utf-8")
    files = _build_once(hooks, config)
    assert json.loads(files.get_file_from_path(hooks.PROBLEMS_FILE).content_string)["problems"] == []
    assert [page.path for page in hooks._build.edited] == ["sources/council-statement.md"], "the fix is previewed at once too"
    assert "Fixed." in hooks._build.pages["sources/council-statement.md"].html
    _wait_ready(hooks, tmp_path / "ready")


def test_unsafe_output_found_by_the_background_build_stops_the_next_preview_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.exceptions import PluginError

    from build_scripts.problems import UnsafeOutput

    sources, config, _runs, hooks = _previewing(tmp_path, monkeypatch)
    _build_once(hooks, config)

    def unsafe(config: Any, *args: Any, **kwargs: Any) -> Any:
        raise UnsafeOutput(["sources/x.md: a script (synthetic, for the test)"])

    monkeypatch.setattr(hooks, "full_build", unsafe)
    document = sources / "documents" / "council-statement.md"
    document.write_text(document.read_text(encoding="utf-8") + "\nA sentence added by the test.\n", encoding="utf-8")
    _build_once(hooks, config)
    _wait_ready(hooks, tmp_path / "ready")
    with pytest.raises(PluginError, match="a script"):
        hooks.on_pre_build(config)


def test_an_edit_to_anything_but_documents_builds_every_page_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources, config, runs, hooks = _previewing(tmp_path, monkeypatch)
    _build_once(hooks, config)
    actor = sources / "actors" / "ministry.md"
    actor.write_text(actor.read_text(encoding="utf-8").replace("A ministry.", "A ministry of dialogue."), encoding="utf-8")
    _build_once(hooks, config)
    assert len(runs) == 2 and hooks._build.edited is None and hooks._build.refresh is None
    assert "A ministry of dialogue." in hooks._build.pages["actors/ministry.md"].html
