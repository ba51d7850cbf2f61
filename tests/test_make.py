"""`make site` is atomic: a build killed halfway leaves the last complete site, never a mix."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from .conftest import ROOT
from .test_site import tree_digest


def make_site(site: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.Popen(
        ["make", "--no-print-directory", "site", f"SITE_DIR={site}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def test_a_killed_build_leaves_the_last_complete_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert make_site(site).wait(timeout=300) == 0
    complete = tree_digest(site)
    assert (site / "actors" / "soc" / "index.html").is_file()

    build = make_site(site)
    staging = Path(f"{site}.new")
    deadline = time.monotonic() + 120
    started = False
    while time.monotonic() < deadline and not started:
        started = bool(list(staging.glob("*/*/index.html")))
        time.sleep(0.02)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait(timeout=30)
    assert started, "the build never started writing its staging folder"
    assert tree_digest(site) == complete

    assert make_site(site).wait(timeout=300) == 0
    assert tree_digest(site) == complete
    assert not staging.exists()


def test_every_command_of_the_readme_installs_graphviz_when_absent() -> None:
    """The README promises that `make site` (and so `make serve`, `make test`) installs Debian's graphviz: the network needs `dot`."""
    for target in ("site", "serve", "test"):
        plan = subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=False)
        assert "command -v dot" in plan.stdout and "apt-get install -y -qq graphviz" in plan.stdout, target


def test_make_serve_previews_with_dirty_builds() -> None:
    """`make serve` re-renders only the pages whose generated files changed (the write stage keeps the others' times)."""
    recipe = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    serve = next(line for line in recipe.splitlines() if "mkdocs serve" in line)
    assert "--dirty" in serve and "--livereload" in serve and "127.0.0.1" in serve


def test_installing_brings_the_icu_headers_pyicu_is_built_against() -> None:
    """followthemoney (the FtM export) needs PyICU, compiled against Debian's libicu-dev: the install step brings it when absent."""
    plan = subprocess.run(["make", "--no-print-directory", "-n", "-B", ".venv/.installed"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert "pkg-config --exists icu-uc" in plan.stdout and "apt-get install -y -qq libicu-dev pkg-config" in plan.stdout
