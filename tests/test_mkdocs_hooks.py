"""The MkDocs layer: `mkdocs serve --dirty` (as `make serve` runs it) regenerates pages when a source is saved, and removes deleted ones."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import MINI, ROOT, mkdocs_build


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


def wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.3)
    return False


def wait_gone(url: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if fetch(url) is None:
            return True
        time.sleep(0.3)
    return False


WATCHDOG = "---\nname: {value: Watchdog, editorial: Synthetic test fixture}\ntype: ngo\n---\nA watchdog.\n"


def test_serve_regenerates_pages_when_a_source_is_saved(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    port = free_port()
    env = {**os.environ, "DOSSIER_SOURCES": str(sources), "NO_MKDOCS_2_WARNING": "1"}
    preview = ["--livereload", "--dirty", "--no-strict"]  # as `make serve` runs it
    command = [sys.executable, "-m", "mkdocs", "serve", *preview, "--dev-addr", f"127.0.0.1:{port}", "-f", str(ROOT / "mkdocs.yml")]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/actors/ministry/"
        assert wait_for(url, "A ministry."), "mkdocs serve did not start"
        actor = sources / "actors" / "ministry.md"
        actor.write_text(actor.read_text(encoding="utf-8").replace("A ministry.", "A ministry of dialogue."), encoding="utf-8")
        assert wait_for(url, "A ministry of dialogue."), "the page was not regenerated after the source was saved"
        (sources / "actors" / "watchdog.md").write_text(WATCHDOG, encoding="utf-8")
        assert wait_for(f"http://127.0.0.1:{port}/actors/watchdog/", "Watchdog"), "a new source did not get a page"
        (sources / "actors" / "watchdog.md").unlink()
        assert wait_gone(f"http://127.0.0.1:{port}/actors/watchdog/"), "a deleted source kept its page"
    finally:
        server.terminate()
        server.wait(timeout=20)


def written(stderr: str) -> tuple[int, int]:
    """(written, unchanged) from the hook's log line."""
    match = re.search(r"dossier: (\d+) generated files written, (\d+) unchanged", stderr)
    assert match, stderr
    return int(match.group(1)), int(match.group(2))


def test_generated_files_are_written_only_when_their_content_changed(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    first = mkdocs_build(sources, tmp_path / "site")
    assert first.returncode == 0, first.stderr
    assert written(first.stderr)[0] > 0
    again = mkdocs_build(sources, tmp_path / "site")
    assert written(again.stderr) == (0, sum(written(first.stderr))), "a rebuild with nothing changed writes no generated file"
    demand = sources / "demands" / "resume-talks.md"
    demand.write_text(demand.read_text(encoding="utf-8").rstrip("\n") + " A sentence added for the test.\n", encoding="utf-8")
    changed = mkdocs_build(sources, tmp_path / "site")
    count, unchanged = written(changed.stderr)
    assert 0 < count < unchanged, "a one-source change rewrites only the files whose content changed"
    assert "A sentence added for the test." in (tmp_path / "site" / "demands" / "resume-talks" / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_preview_shows_problems_over_the_last_good_pages_and_clears_when_fixed(tmp_path: Path, page: Page) -> None:
    """A source with a problem does not hang `mkdocs serve`: the last good pages stay, with the problems shown over them."""
    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    port = free_port()
    env = {**os.environ, "DOSSIER_SOURCES": str(sources), "NO_MKDOCS_2_WARNING": "1"}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--livereload",
        "--dirty",
        "--no-strict",
        "--dev-addr",
        f"127.0.0.1:{port}",
        "-f",
        str(ROOT / "mkdocs.yml"),
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(base + "dossier-problems.json", '"problems": []'), "mkdocs serve did not start"
        page.goto(base + "actors/ministry/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Ministry of Talks")
        expect(page.locator(".dossier-problems")).to_have_count(0)
        council = sources / "actors" / "council.md"
        good = council.read_text(encoding="utf-8")
        council.write_text(good.replace("type: coalition", "type: coalitionn"), encoding="utf-8")
        assert wait_for(base + "dossier-problems.json", "coalitionn"), "the problem did not reach the preview"
        assert wait_for(base + "actors/ministry/", "Ministry of Talks", seconds=10), "the last good page is not served at once"
        # The open page reloads by itself after the rebuild (live reload), now with the problems over it.
        overlay = page.get_by_role("alert", name="Problems in the sources")
        expect(overlay).to_contain_text("actors/council.md:3:7: `coalitionn` is not a valid `type` — did you mean `coalition`?", timeout=30000)
        expect(page.get_by_role("heading", level=1)).to_have_text("Ministry of Talks")
        council.write_text(good, encoding="utf-8")
        assert wait_for(base + "dossier-problems.json", '"problems": []'), "the fix did not reach the preview"
        expect(page.locator(".dossier-problems")).to_have_count(0, timeout=30000)
        expect(page.get_by_role("heading", level=1)).to_have_text("Ministry of Talks")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_published_page_loads_no_preview_script(bundled_site: Path) -> None:
    html = (bundled_site / "actors" / "snc" / "index.html").read_text(encoding="utf-8")
    assert "preview.js" not in html and not (bundled_site / "dossier-problems.json").exists()


def test_a_preview_rebuilt_without_source_changes_reuses_the_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under serve, saving a hand-written page does not rerun the pipeline; saving a source does."""
    from mkdocs.config import load_config

    from build_scripts import mkdocs_hooks as hooks

    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    monkeypatch.setenv("DOSSIER_SOURCES", str(sources))
    config = load_config(str(ROOT / "mkdocs.yml"))
    runs: list[Path] = []
    real = hooks.build_all
    monkeypatch.setattr(hooks, "_build", hooks._Build(serving=True))
    monkeypatch.setattr(hooks, "build_all", lambda root, *args, **kwargs: runs.append(root) or real(root, *args, **kwargs))
    hooks.on_pre_build(config)
    hooks.on_pre_build(config)
    assert len(runs) == 1, "nothing under sources/ or the templates changed: the pages are reused"
    demand = sources / "demands" / "resume-talks.md"
    demand.write_text(demand.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    hooks.on_pre_build(config)
    assert len(runs) == 2, "a saved source reruns the pipeline"
