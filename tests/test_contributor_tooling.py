"""What contributors run around the dossier: the pre-commit hooks and the GitHub Actions workflow."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def steps(job: dict) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


def test_pre_commit_runs_ruff_and_dossier_check_with_the_projects_own_tools() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert set(hooks) == {"ruff", "ruff-format", "dossier-check"}
    assert hooks["dossier-check"]["entry"] == ".venv/bin/dossier check sources" and hooks["dossier-check"]["pass_filenames"] is False
    for hook in hooks.values():
        assert (ROOT / hook["entry"].split()[0]).exists(), f"{hook['entry']}: installed by make test"


def test_pre_commit_passes_on_a_clean_clone(tmp_path: Path) -> None:
    """The hooks as a contributor runs them (`pre-commit run --all-files`), on what is committed."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--local", str(ROOT), str(clone)], check=True)
    (clone / ".venv").symlink_to(ROOT / ".venv")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "pre-commit"), "run", "--all-files"], cwd=clone, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "dossier check" in result.stdout and "Passed" in result.stdout


def test_the_workflow_tests_and_builds_every_pull_request_and_publishes_only_from_main() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"pull_request", "push"} and triggers["push"]["branches"] == ["main"]
    assert "pull_request_target" not in text and "secrets." not in text, "pull requests get no secret, and none is used"
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert "make test" in steps(jobs["test"])
    assert "make site" in steps(jobs["build"])
    publish = jobs["publish"]
    assert publish["needs"] == ["test", "build"], "publishing waits for the tests and the strict build"
    assert publish["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step["uses"].split("@")[0] for step in publish["steps"]] == ["actions/deploy-pages"]


def test_the_make_site_recipe_is_a_strict_build() -> None:
    recipe = subprocess.run(["make", "-n", "site"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "mkdocs build --strict" in recipe
