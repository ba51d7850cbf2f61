"""Shared fixtures: paths, golden-file updating, building a site with MkDocs once per run, outputs and corpora shared by a session.

Temporary files: every test session (each pytest-xdist worker too) gets a TMPDIR of its own under pytest's
temporary folder, so that nothing a build keeps there (the hook's generated files, `mkdocs serve`'s sites)
is shared with another run on the machine or left behind in /tmp.

Parallel runs (`make test`: `-n 3 --dist loadscope`): a module's tests run on one worker, so a module-scoped
site is built once; what several modules share (the Arabic site, synthetic corpora) is made once for the whole
run by whichever worker asks first (`shared_once`). The bundled site, which most of the run reads, is built in a
process of its own that the first worker starts before its first test, while the workers run other tests.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

if TYPE_CHECKING:  # Playwright is imported when a browser test runs, not when tests are collected
    from playwright.sync_api import Browser, Page

    from build_scripts.index import Index
    from build_scripts.pages import GeneratedPage as Fragment
    from build_scripts.pages import Site
    from build_scripts.pipeline import Output, Rendered
    from build_scripts.views import Views

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "mini" / "sources"
HASH_SEED = "0"
"""PYTHONHASHSEED of the shared bundled build; the reproducibility test builds with another."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden snapshots from the current output (never hand-made oracles)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def golden_rewritten(what: str) -> None:
    """After a golden snapshot was rewritten under --update-golden: the test did not compare anything, so it does not pass."""
    pytest.xfail(f"{what} rewritten from the current output (--update-golden): review the diff, then run the tests without the flag")


@pytest.fixture(scope="session", autouse=True)
def private_temp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A TMPDIR of this session's own (this worker's, under pytest-xdist), inherited by every build and server it starts."""
    folder = tmp_path_factory.mktemp("tmp")
    before = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(folder)
    tempfile.tempdir = None  # gettempdir() reads TMPDIR again
    try:
        yield folder
    finally:
        if before is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = before
        tempfile.tempdir = None


@pytest.fixture(scope="session", autouse=True)
def _compiled_templates() -> None:
    """Templates compiled once for the whole run and kept in the project's cache, as `mkdocs build` keeps them (build_scripts/compiled.py):
    tests that render in their own process load them instead of compiling them again (about 1.4 CPU s per edition)."""
    from build_scripts import compiled

    compiled.use(ROOT / compiled.CACHE)


def last_commit_epoch() -> str:
    """SOURCE_DATE_EPOCH as `make` sets it: the time of the last commit."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=False)
    return result.stdout.strip() or "0"


def mkdocs_command(
    sources: Path, site: Path, *extra: str, env: dict[str, str] | None = None, config: Path = ROOT / "mkdocs.yml"
) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of `mkdocs build --strict` of a mkdocs.yml over `sources` into `site` (run in its folder)."""
    # The English edition only, unless the test asks for more (`env`): the editions are tested on the bundled build.
    base = {"DOSSIER_SOURCES": str(sources), "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": last_commit_epoch(), "DOSSIER_EDITIONS": "en"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(site), *extra]
    return command, {**os.environ, **base, **(env or {})}


def mkdocs_build(
    sources: Path, site: Path, *extra: str, env: dict[str, str] | None = None, config: Path = ROOT / "mkdocs.yml"
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` of a mkdocs.yml (this project's by default) over `sources` into `site`."""
    command, variables = mkdocs_command(sources, site, *extra, env=env, config=config)
    return subprocess.run(command, env=variables, capture_output=True, text=True, cwd=config.parent, check=False)


def mkdocs_build_here(sources: Path, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs build --strict` of this project's mkdocs.yml over `sources`, in this process (no interpreter and imports to start);
    a failed build raises MkDocs' `Abort`. What the command line prints on failure is tested with `mkdocs_build`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    settings = {"DOSSIER_SOURCES": str(sources), "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": last_commit_epoch(), "DOSSIER_EDITIONS": "en"}
    for name, value in settings.items():  # the English edition only: no process forked from the test's
        monkeypatch.setenv(name, value)
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True))


def built_here(sources: Path, site: Path) -> Path:
    """`site`: `sources` built as `mkdocs_build_here` builds them, for a module or session fixture; a failed build raises `Abort`.

    The browser tests' synthetic sites are built in the test process: after the first, a build skips the interpreter, the imports and
    the compiling of this project's templates (a small dossier: about 2.5 CPU s instead of 7.5).
    """
    with pytest.MonkeyPatch.context() as patch:
        mkdocs_build_here(sources, site, patch)
    return site


def shared_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `name`, made once by `make(folder)` for the whole run: shared by the pytest-xdist workers, whoever comes first makes it.

    What is shared is read-only for the tests: a test that changes it copies it first.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:  # not under xdist: this session is the run
        folder = tmp_path_factory.mktemp(name, numbered=False)
        make(folder)
        return folder
    root = tmp_path_factory.getbasetemp().parent  # the run's folder, above each worker's own
    folder = root / f"shared-{name}"
    with (root / f"shared-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other worker waits here while the first makes it
        done = folder / ".made"
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.write_text("made\n", encoding="utf-8")
    return folder


class Built:
    """A site built by MkDocs, and what the build printed."""

    def __init__(self, site: Path, result: subprocess.CompletedProcess[str]) -> None:
        self.site, self.returncode, self.stderr = site, result.returncode, result.stderr


BUILD_THEN_MARK = """import subprocess, sys
from pathlib import Path
folder = Path(sys.argv[1])
try:
    result = subprocess.run(sys.argv[2:], capture_output=True, text=True, check=False)
    (folder / "returncode").write_text(str(result.returncode), encoding="utf-8")
    (folder / "stderr").write_text(result.stderr, encoding="utf-8")
finally:
    (folder / ".made").write_text("made\\n", encoding="utf-8")
"""
"""Run a build (the command after the folder), then write its exit status and stderr into the folder, and `.made` last."""


def _bundled_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the run's bundled build goes: beside the workers' own folders under pytest-xdist (shared), the session's otherwise."""
    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared-bundled"


def _start_bundled_build(tmp_path_factory: pytest.TempPathFactory) -> subprocess.Popen[bytes] | None:
    """Start the bundled build in the background, unless a worker of this run started it already: the process, if this one did."""
    folder = _bundled_folder(tmp_path_factory)
    with folder.with_name("shared-bundled.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (folder / ".started").exists():
            return None
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        command, variables = mkdocs_command(ROOT / "sources", folder / "site", env={"PYTHONHASHSEED": HASH_SEED, "DOSSIER_EDITIONS": "en,ar"})
        started = subprocess.Popen([sys.executable, "-c", BUILD_THEN_MARK, str(folder), *command], env=variables, cwd=ROOT)
        (folder / ".started").write_text(str(started.pid), encoding="utf-8")
        return started


@pytest.fixture(scope="session", autouse=True)
def _bundled_build_early(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, private_temp: Path) -> Iterator[None]:
    """When any test of the run reads the bundled build, it starts before the first test, in the background (a MkDocs process of
    its own): the workers go on with other tests meanwhile, where they used to wait for it, one building, the other idle."""
    needed = any("bundled_build" in getattr(item, "fixturenames", ()) for item in request.session.items)  # in TMPDIR: `private_temp`
    started = _start_bundled_build(tmp_path_factory) if needed else None
    yield
    if started is not None:
        started.wait()  # a test of the other worker may still be waiting for it: never killed


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The bundled sources built once per run with MkDocs (`--strict`, hash seed pinned), started early (`_bundled_build_early`);
    its stderr kept for the warnings test."""
    folder = _bundled_folder(tmp_path_factory)
    _start_bundled_build(tmp_path_factory)
    deadline = time.monotonic() + 1800
    while not (folder / ".made").exists():
        assert time.monotonic() < deadline, f"the bundled build in {folder} did not end within 30 minutes"
        time.sleep(0.1)
    result = subprocess.CompletedProcess(args=[], returncode=int((folder / "returncode").read_text()), stderr=(folder / "stderr").read_text())
    return Built(folder / "site", result)


@pytest.fixture(scope="session")
def bundled_site(bundled_build: Built) -> Path:
    """The bundled sources built once with MkDocs, shared by the site and browser tests (read-only: copy it to change it)."""
    assert bundled_build.returncode == 0, bundled_build.stderr
    return bundled_build.site


@pytest.fixture(scope="session")
def mini_output() -> Output:
    """`build_all` of the mini fixture, once per session (read-only: `Output` and its pages are not to be changed)."""
    from build_scripts.pipeline import build_all

    return build_all(MINI)


@pytest.fixture(scope="session")
def bundled_index() -> Index:
    """`check` of the bundled sources, once per session (read-only)."""
    from build_scripts.pipeline import check

    return check(ROOT / "sources")


def project_site() -> Site:
    """The site as this project's mkdocs.yml describes it (its addresses and the periods it names): what the bundled build uses."""
    from mkdocs.config import load_config

    from build_scripts.mkdocs_config import site_of

    return site_of(load_config(str(ROOT / "mkdocs.yml")))


@pytest.fixture(scope="session")
def bundled_views(bundled_index: Index) -> Views:
    """The views of the bundled sources with mkdocs.yml's site, once per session (read-only)."""
    from build_scripts.pipeline import compute

    return compute(bundled_index, project_site())


@pytest.fixture(scope="session")
def bundled_output(bundled_index: Index, bundled_views: Views) -> Output:
    """`build_all` of the bundled sources, once per session (read-only), with mkdocs.yml's site."""
    from build_scripts.pipeline import build

    return build(bundled_index, bundled_views, project_site())


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    """`corpus(n)`: the `sources/` folder of the synthetic corpus of `n` documents (tests/bench_corpus.py), written once per run and size.

    Read-only: a test that edits sources copies them first.
    """
    from .bench_corpus import write_corpus

    made: dict[int, Path] = {}

    def get(documents: int) -> Path:
        if documents not in made:
            made[documents] = shared_once(tmp_path_factory, f"corpus-{documents}", lambda folder: write_corpus(folder / "sources", documents)) / "sources"
        return made[documents]

    return get


class Synthetic(NamedTuple):
    """A synthetic corpus through the pipeline's stages: its index, its views and the pages rendered from them (read-only)."""

    index: Index
    views: Views
    rendered: Rendered

    @property
    def pages(self) -> dict[str, Fragment]:
        return {page.path: page for page in self.rendered.pages}


def staged(root: Path, site: Site | None = None) -> Synthetic:
    """The sources under `root` checked, their views computed and their pages rendered: the stages the page tests read.

    No downloads, search entries or fragment scan (`pipeline.build`'s later stages, tested over the bundled and mini dossiers).
    """
    from build_scripts import pages
    from build_scripts.pipeline import check, compute, render

    site = site or pages.Site()
    index = check(root)
    computed = compute(index, site)
    return Synthetic(index, computed, render(index, computed, site))


@pytest.fixture(scope="session")
def synthetic(corpus: Callable[[int], Path]) -> Callable[[int], Synthetic]:
    """`synthetic(n)`: `corpus(n)` through `staged`, once per session and size (per worker under pytest-xdist)."""

    @functools.cache
    def get(documents: int) -> Synthetic:
        return staged(corpus(documents))

    return get


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # What a test never uses, whose work is Chromium's CPU beside every page (the translation offer's language detection among it):
    # tests/test_browser_editions.py took 84 to 97 CPU s of the machine's with these, 108 to 114 without (alternated, 2026-12-08)
    "--disable-extensions",
    "--disable-features=Translate,OptimizationHints,MediaRouter,PaintHolding",
    "--disable-renderer-backgrounding",
]


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
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make chromium`"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def recording(page: Page) -> Page:
    """`page`, with `page.requested`: every URL it requests."""
    page.requested = []  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requested.append(request.url))  # type: ignore[attr-defined]
    return page


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open pages in fresh contexts that record every request, closed after the test."""
    contexts = []

    def make(**options: Any) -> Page:
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(**options)
        contexts.append(context)
        return recording(context.new_page())

    yield make
    for context in contexts:
        context.close()


DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def _module_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP)
    yield recording(context.new_page())
    context.close()


@pytest.fixture
def reader(_module_page: Page) -> Iterator[Page]:
    """A desktop page shared by a module's tests (a new context costs Chromium a renderer and a cold cache: about a second a test).

    For tests that only navigate, read, click, type and resize: each starts with an empty request log and leaves no
    cookies, storage, emulated media or other viewport behind. A test that listens to the page's events or routes its requests takes `page`.
    """
    page = _module_page
    page.requested.clear()  # type: ignore[attr-defined]
    yield page
    page.context.clear_cookies()
    page.emulate_media(media="null", color_scheme="null")
    if page.viewport_size != DESKTOP:
        page.set_viewport_size(DESKTOP)
    if page.url.startswith("http"):
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear() }")


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

    def make(folder: Path) -> None:
        built_here(DATA / "arabic" / "sources", folder / "site")

    with serve(shared_once(tmp_path_factory, "arabic", make) / "site") as url:
        yield url


@pytest.fixture(scope="session")
def communique_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The synthetic dossier of `communique_dossier.py` built once with MkDocs and served on 127.0.0.1 (the agreement and period tests)."""
    from .communique_dossier import write

    def make(folder: Path) -> None:
        built_here(write(folder / "sources"), folder / "site")

    with serve(shared_once(tmp_path_factory, "communique", make) / "site") as url:
        yield url


SERIOUS = ("serious", "critical")


COLOUR_RULES = ["color-contrast", "link-in-text-block"]
"""The axe rules whose outcome depends on colours alone: what another colour scheme of the same page can change."""


AXE_RUN = """async ([options, serious]) => {
    const { violations } = await axe.run(document, options)
    return violations.filter(v => serious.includes(v.impact)).map(v => [v.id, v.nodes.slice(0, 3).map(n => n.target)])
}"""
"""axe-core's run, answering with what the tests report: each serious or critical violation's rule and its first three elements."""


def serious_violations(page: Page, rules: list[str] | None = None) -> list[tuple[str, list[Any]]]:
    """axe-core's serious and critical violations on the page as it is now (of `rules` only, if given): (rule, the first three elements).

    axe-core (the copy axe-playwright-python ships) is put into the page once per page load. It runs once the page's transitions
    have ended (a colour scheme just switched fades in), so that it reads the colours a reader sees.
    """
    from axe_playwright_python.base import AXE_SCRIPT

    page.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")
    if page.evaluate("typeof axe === 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    options: dict[str, Any] = {"resultTypes": ["violations"]} | ({"runOnly": {"type": "rule", "values": rules}} if rules else {})
    return [(rule, targets) for rule, targets in page.evaluate(AXE_RUN, [options, list(SERIOUS)])]
