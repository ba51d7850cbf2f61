"""The MkDocs layer: `mkdocs serve` regenerates pages when a source is saved."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import MINI, ROOT


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


WATCHDOG = "---\nname: {value: Watchdog, editorial: Synthetic test fixture}\ntype: ngo\n---\nA watchdog.\n"


def test_serve_regenerates_pages_when_a_source_is_saved(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    port = free_port()
    env = {**os.environ, "DOSSIER_SOURCES": str(sources), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}", "-f", str(ROOT / "mkdocs.yml")]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/actors/ministry/"
        assert wait_for(url, "A ministry."), "mkdocs serve did not start"
        actor = sources / "actors" / "ministry.md"
        actor.write_text(actor.read_text(encoding="utf-8").replace("A ministry.", "A ministry of dialogue."), encoding="utf-8")
        assert wait_for(url, "A ministry of dialogue."), "the page was not regenerated after the source was saved"
        (sources / "actors" / "watchdog.md").write_text(WATCHDOG, encoding="utf-8")
        assert wait_for(f"http://127.0.0.1:{port}/actors/watchdog/", "Watchdog"), "a new source did not get a page"
    finally:
        server.terminate()
        server.wait(timeout=20)
