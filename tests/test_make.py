"""The Makefile: `make site` is atomic (a build killed halfway leaves the last complete site, never a mix), and what each
command runs, read from running it with the system's tools replaced by stubs that record their arguments (never `make -n` text)."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import MINI, ROOT
from .test_site import tree_digest


def make_site(site: Path, sources: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "DOSSIER_SOURCES": str(sources)}
    with log.open("wb") as out:
        return subprocess.Popen(
            ["make", "--no-print-directory", "site", f"SITE_DIR={site}"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def killed_while_writing(build: subprocess.Popen[bytes], staging: Path) -> bool:
    """Kill the build once pages are in its staging folder; whether it was killed before the swap (the staging folder is still there)."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and build.poll() is None:
        if list(staging.glob("*/*/index.html")):
            with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
                os.killpg(build.pid, signal.SIGKILL)
            build.wait(timeout=30)
            return staging.is_dir()
        time.sleep(0.01)
    if build.poll() is None:
        os.killpg(build.pid, signal.SIGKILL)
        build.wait(timeout=30)
    return False


def test_a_killed_build_leaves_the_last_complete_site(bundled_site: Path, tmp_path: Path) -> None:
    """The last complete site (the bundled dossier's), then `make site` of other sources killed while it writes: the old bytes stay.

    Old and new differ on every page, so any new file in the site (a build that writes in place, a swap that is not one step) fails.
    A kill that came too late (the build had ended) tested nothing: it is tried again, a few times at most.
    """
    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    actor = sources / "actors" / "ministry.md"
    actor.write_text(actor.read_text(encoding="utf-8").replace("A ministry.", "A ministry, edited by the test."), encoding="utf-8")
    logs = []
    for attempt in range(3):
        site, log = tmp_path / str(attempt) / "site", tmp_path / f"make-{attempt}.log"
        shutil.copytree(bundled_site, site)
        complete = tree_digest(site)
        if killed_while_writing(make_site(site, sources, log), Path(f"{site}.new")):
            assert tree_digest(site) == complete, log.read_text(errors="replace")[-3000:]
            return
        logs.append(log.read_text(errors="replace")[-3000:])
    pytest.fail("the build was never killed while it wrote its staging folder:\n" + "\n".join(logs))


# --- what each command runs ------------------------------------------------------------------------------

REAL_TOOLS = ("id", "env", "rm", "touch", "basename", "mkdir", "cat", "mktemp")
"""The only real programs on the stubbed PATH (besides bash, which the Makefile names by its path): what recipes need to run at all."""


@dataclass
class Stubbed:
    """A make run in which every program but `REAL_TOOLS` is a stub that records how it was called."""

    returncode: int
    output: str
    calls: list[list[str]]

    def called(self, program: str) -> list[list[str]]:
        return [call[1:] for call in self.calls if call[0] == program]

    def installed(self) -> list[str]:
        """The packages `apt-get install` was asked for."""
        return [word for args in self.called("apt-get") if "install" in args for word in args[args.index("install") + 1 :] if not word.startswith("-")]


def run_make(
    tmp_path: Path, *targets: str, present: tuple[str, ...] = ("dot", "chromium", "pkg-config"), fresh_venv: bool = False, failing: str = ""
) -> Stubbed:
    """`make TARGETS` in the checkout with the tools in `present` installed (stubs that succeed) and the others absent.

    The virtualenv is a stub too (VENV=…): installed already unless `fresh_venv`. `apt-get`, `sudo`, `python3` and the virtualenv's
    programs record their arguments; `sudo` then runs its command. A call with the argument `failing` exits 1 (after it is recorded).
    """
    folder = tmp_path / "stubs"
    bin_dir, venv, log = folder / "bin", folder / "venv", folder / "calls.log"
    (venv / "bin").mkdir(parents=True)
    bin_dir.mkdir()
    for tool in REAL_TOOLS:
        (bin_dir / tool).symlink_to(shutil.which(tool) or f"/usr/bin/{tool}")
    # one write per call (`make test` runs mypy beside pytest: two writes per line would interleave)
    record = f'#!/bin/bash\nline=$(printf "%q " "$0" "$@"); printf "%s\\n" "$line" >> {shlex.quote(str(log))}\n'
    if failing:
        record += f'for argument in "$@"; do [ "$argument" = {shlex.quote(failing)} ] && exit 1; done; true\n'
    stubs = {bin_dir / name: record for name in ("apt-get", "python3", *present)}
    stubs[bin_dir / "sudo"] = record + 'exec env "$@"\n'
    stubs |= {venv / "bin" / name: record for name in ("python", "mkdocs")}
    for path, text in stubs.items():
        path.write_text(text, encoding="utf-8")
        path.chmod(0o755)
    if not fresh_venv:
        later = (ROOT / "pyproject.toml").stat().st_mtime + 10
        for n, marker in enumerate((".installed", ".installed-test")):
            (venv / marker).touch()
            os.utime(venv / marker, (later + n, later + n))
    env = {**os.environ, "PATH": str(bin_dir)}
    make = shutil.which("make") or "/usr/bin/make"
    result = subprocess.run(
        [make, "--no-print-directory", f"VENV={venv}", f"SITE_DIR={tmp_path / 'site'}", *targets], cwd=ROOT, env=env, capture_output=True, text=True
    )
    calls = [shlex.split(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
    for call in calls:  # the virtualenv's programs as `venv/python`, the others by their name
        program = Path(call[0])
        call[0] = f"venv/{program.name}" if program.parent == venv / "bin" else program.name
    return Stubbed(result.returncode, result.stdout + result.stderr, calls)


def test_make_test_lints_then_type_checks_beside_the_tests_and_fails_when_either_fails(tmp_path: Path) -> None:
    """mypy runs while the tests run (its 20 CPU s without a cache in the workers' idle time), and its failure is not hidden."""
    passing = run_make(tmp_path / "passing", "test")
    assert passing.returncode == 0, passing.output
    python = passing.called("venv/python")
    lint = [["-m", "ruff", "check", "build_scripts", "tests"], ["-m", "ruff", "format", "--check", "build_scripts", "tests"]]
    assert python[:2] == lint and ["-m", "mypy"] in python[2:] and any(call[:2] == ["-m", "pytest"] for call in python[2:])
    tests = next(call for call in python[2:] if call[:2] == ["-m", "pytest"])
    # Scopes in file order: xdist's default (most tests first) handed out the one-test whole-harness class (CI) last.
    assert tests[2:7] == ["-n", "3", "--dist", "loadscope", "--no-loadscope-reorder"], tests
    for failing in ("mypy", "pytest"):
        failed = run_make(tmp_path / failing, "test", failing=failing)
        assert failed.returncode != 0, f"{failing} failed and make test passed"
        assert ["-m", "mypy"] in failed.called("venv/python") and any(call[:2] == ["-m", "pytest"] for call in failed.called("venv/python"))


@pytest.mark.parametrize("target", ["site", "serve", "test"])
def test_every_command_of_the_readme_installs_graphviz_when_absent(tmp_path: Path, target: str) -> None:
    """The README promises that `make site` (and so `make serve`, `make test`) installs Debian's graphviz: the network needs `dot`."""
    without = run_make(tmp_path / "without", target, present=("chromium", "pkg-config"))
    assert without.returncode == 0, without.output
    assert without.installed() == ["graphviz"]
    with_dot = run_make(tmp_path / "with", target)
    assert with_dot.returncode == 0, with_dot.output
    assert with_dot.called("apt-get") == [], "nothing is installed when dot is there"


def test_make_site_builds_strictly_into_a_staging_folder_then_swaps(tmp_path: Path) -> None:
    """A staging folder left by a killed build is removed first; MkDocs builds into a fresh one; the swap (tests/test_swap.py) follows."""
    stale = tmp_path / "site.new" / "actors" / "left-by-a-killed-build" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("half a site", encoding="utf-8")
    result = run_make(tmp_path, "site")
    assert result.returncode == 0, result.output
    assert not stale.exists()
    site = str(tmp_path / "site")
    build, swap = result.called("venv/mkdocs"), result.called("venv/python")
    assert build == [["build", "--strict", "--site-dir", f"{site}.new"]]
    assert swap == [["-m", "build_scripts", "swap", f"{site}.new", site]]
    assert [call[0] for call in result.calls] == ["venv/mkdocs", "venv/python"], "the swap comes after the build"


def test_make_serve_previews_with_dirty_builds(tmp_path: Path) -> None:
    """`make serve` re-renders only the pages whose generated files changed (the write stage keeps the others' times), on this machine only."""
    result = run_make(tmp_path, "serve")
    assert result.returncode == 0, result.output
    [serve] = result.called("venv/mkdocs")
    assert serve[0] == "serve" and "--dirty" in serve and "--livereload" in serve
    assert serve[serve.index("--dev-addr") + 1].startswith("127.0.0.1:")


def test_installing_brings_the_icu_headers_pyicu_is_built_against(tmp_path: Path) -> None:
    """followthemoney (the FtM export) needs PyICU, compiled against Debian's libicu-dev: the install step brings it when absent."""
    without = run_make(tmp_path / "without", str(tmp_path / "without" / "stubs" / "venv" / ".installed"), present=("dot",), fresh_venv=True)
    assert without.returncode == 0, without.output
    assert without.installed() == ["libicu-dev", "pkg-config"]
    assert without.called("python3")[0][:2] == ["-m", "venv"], "then the virtualenv is made"
    with_headers = run_make(tmp_path / "with", str(tmp_path / "with" / "stubs" / "venv" / ".installed"), fresh_venv=True)
    assert with_headers.returncode == 0, with_headers.output
    assert with_headers.called("apt-get") == []


def test_make_test_on_a_fresh_clone_installs_in_one_pass_of_pip(tmp_path: Path) -> None:
    """`make test` on a fresh clone (CI's case) makes the virtualenv and installs the site's packages and the tests' in one pass;
    after `make site`, it installs the tests' packages only. Either way the site's marker is set: `make site` installs nothing more."""
    venv = tmp_path / "fresh" / "stubs" / "venv"
    fresh = run_make(tmp_path / "fresh", str(venv / ".installed-test"), fresh_venv=True)
    assert fresh.returncode == 0, fresh.output
    assert fresh.called("python3")[0][:2] == ["-m", "venv"], "the virtualenv is made"
    installs = [call for call in fresh.called("venv/python") if call[:3] == ["-m", "pip", "install"] and "-e" in call]
    assert installs == [["-m", "pip", "install", "--quiet", "-e", ".[test]"]]
    assert (venv / ".installed").exists() and (venv / ".installed-test").exists()
    after_site = tmp_path / "after" / "stubs" / "venv"
    site = run_make(tmp_path / "after", str(after_site / ".installed"), str(after_site / ".installed-test"), fresh_venv=True)
    assert site.returncode == 0, site.output
    installs = [call[-1] for call in site.called("venv/python") if call[:3] == ["-m", "pip", "install"] and "-e" in call]
    assert installs == [".", ".[test]"] and len(site.called("python3")) == 1, "the virtualenv is made once"
