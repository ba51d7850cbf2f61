"""Shared fixtures: paths, golden-file updating, and building a site with MkDocs."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "mini" / "sources"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def last_commit_epoch() -> str:
    """SOURCE_DATE_EPOCH as `make` sets it: the time of the last commit."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=False)
    return result.stdout.strip() or "0"


def mkdocs_build(
    sources: Path, site: Path, *extra: str, env: dict[str, str] | None = None, config: Path = ROOT / "mkdocs.yml"
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` of a mkdocs.yml (this project's by default) over `sources` into `site`."""
    variables = {**os.environ, "DOSSIER_SOURCES": str(sources), "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": last_commit_epoch(), **(env or {})}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(site), *extra]
    return subprocess.run(command, env=variables, capture_output=True, text=True, cwd=config.parent, check=False)


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sources built once with MkDocs, shared by the site and browser tests."""
    site = tmp_path_factory.mktemp("bundled") / "site"
    result = mkdocs_build(ROOT / "sources", site)
    assert result.returncode == 0, result.stderr
    return site


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port) for the duration of the block."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, never a downloaded browser, kept from calling home."""
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make chromium`"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open pages in fresh contexts that record every request, closed after the test."""
    contexts = []

    def make(**options: object) -> Page:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)  # type: ignore[arg-type]
        contexts.append(context)
        page = context.new_page()
        page.requested = []  # type: ignore[attr-defined]
        page.on("request", lambda request: page.requested.append(request.url))  # type: ignore[attr-defined]
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def site_url(bundled_site: Path) -> Iterator[str]:
    """The bundled site, served on 127.0.0.1 for the browser tests."""
    with serve(bundled_site) as url:
        yield url


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """A fresh page at desktop size."""
    return new_page()


@pytest.fixture(scope="session")
def arabic_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The synthetic Arabic dossier (`tests/data/arabic`) built once with MkDocs and served on 127.0.0.1."""
    site = tmp_path_factory.mktemp("arabic") / "site"
    result = mkdocs_build(DATA / "arabic" / "sources", site)
    assert result.returncode == 0, result.stderr
    with serve(site) as url:
        yield url
