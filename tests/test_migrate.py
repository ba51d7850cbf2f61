"""`migrate` brings files of the first format to today's, in place: tested on a copy of the sources bundled before the change."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NamedTuple

import pytest

from build_scripts.__main__ import main
from build_scripts.migrate import EDITORIAL, REVIEW, Report, migrate, slug
from build_scripts.pipeline import check
from build_scripts.problems import SourceError

from .conftest import DATA

FIRST_FORMAT = DATA / "format-v1" / "sources"


@pytest.fixture
def old_sources(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    shutil.copytree(FIRST_FORMAT, sources)
    return sources


def bodies(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): p.read_text(encoding="utf-8").split("\n---\n", 1)[1] for p in sorted(root.rglob("*.md")) if "instruments" not in p.parts}


class Migrated(NamedTuple):
    sources: Path
    report: Report
    before: dict[str, str]
    """`bodies` of the sources before the migration."""


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Migrated:
    """A copy of the first format's sources, migrated once for the module's tests (read-only: a test that migrates again copies it)."""
    sources = tmp_path_factory.mktemp("migrated") / "sources"
    shutil.copytree(FIRST_FORMAT, sources)
    before = bodies(sources)
    return Migrated(sources, migrate(sources), before)


def test_the_first_format_no_longer_checks(old_sources: Path) -> None:
    with pytest.raises(SourceError) as caught:
        check(old_sources)
    messages = [p.message for p in caught.value.problems]
    assert "required field `basis` is missing" in messages and "unknown field `provenance`" in messages


def test_migrated_sources_check_and_keep_every_annotation(migrated: Migrated) -> None:
    index = check(migrated.sources)
    assert migrated.report.todo == []
    assert len(index.claims) == 111 and len(index.quotes) == 14
    assert bodies(migrated.sources) == migrated.before  # full texts and descriptions untouched
    by_id = {(c.document, c.id): c for c in index.claims}
    assert by_id[("kassioun-editorial-846", "ev-kassioun-restore-syrian-sovereignty")].basis == "own-publication"
    assert by_id[("snc-diplomatic-push-before-unga", "ev-badr-jamous-end-suffering-of-syrian-people")].basis == "quoted"
    assert by_id[("snc-diplomatic-push-before-unga", "ev-snc-radical-political-change")].basis == "reported"
    assert index.sources.documents["soc-parties-working-group-meeting"].model.issuer == "soc"
    assert index.sources.documents["sdt-brussels-conference-report"].model.issuer is None
    snc_source = next(q for q in index.quotes if q.id == "q-snc-source-priorities")
    assert (snc_source.speaker, snc_source.actor) == (None, "snc")
    assert "un-security-council-resolution-2254" in index.sources.demands["implement-unscr-2254"].model.instruments
    assert slug("UN Security Council Resolution 2254") in index.sources.instruments
    organised = [p for p in index.sources.conferences["unga-2024"].model.participants if p.status == "organised"]
    assert organised and organised[0].source == "snc-diplomatic-push-before-unga"
    assert any(f.editorial == EDITORIAL for f in index.editorial_facts)


def test_migration_keeps_comments_and_marks_what_it_supplied(migrated: Migrated) -> None:
    kassioun = (migrated.sources / "documents" / "kassioun-editorial-846.md").read_text(encoding="utf-8")
    assert "author: null            # the editorial is unsigned" in kassioun
    assert f"basis: own-publication  # {REVIEW}" in kassioun
    assert "provenance" not in kassioun.split("\n---\n")[0]


def test_a_second_migration_changes_nothing(migrated: Migrated, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(migrated.sources, sources)
    first = {p: p.read_bytes() for p in sorted(sources.rglob("*.md"))}
    report = migrate(sources)
    assert report.changed == []
    assert {p: p.read_bytes() for p in sorted(sources.rglob("*.md"))} == first


def test_migrate_command_reports_and_checks(old_sources: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate", str(old_sources)]) == 0
    out = capsys.readouterr().out
    assert "changed: documents/kassioun-editorial-846.md: `provenance: own-media` → `issuer: kassioun`" in out
    assert out.endswith(": no problems\n")


def test_make_migrate_runs_the_command_on_the_bundled_sources() -> None:
    """The contributing guide promises `make migrate`."""
    from .conftest import ROOT

    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nmigrate:", 1)[1].split("\n\n", 1)[0]
    assert "-m build_scripts migrate sources" in recipe


SECOND_FORMAT = DATA / "format-v2" / "sources"
"""The sources as bundled before a claim credited only the instruments it lists (commit 72d7f40)."""


def test_second_format_claims_stop_inheriting_their_demands_instruments(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SECOND_FORMAT, sources)
    before = {p: p.read_text(encoding="utf-8") for p in sorted(sources.rglob("*.md"))}
    report = migrate(sources)
    index = check(sources)
    assert report.todo == []
    assert {p: p.read_text(encoding="utf-8") for p in sorted(sources.rglob("*.md"))} == before  # every claim already lists what it names
    dropped = report.dropped
    assert len(dropped) == 7
    assert (
        "documents/stj-supports-cssr-recommendations.md: claim `cssr-protection-group` on `early-recovery` no longer invokes `unscr-2118`"
        " through its demand (its evidence does not name it)"
    ) in dropped
    assert [c.id for c in index.by_instrument["unscr-2118"]] == ["ev-syrian-political-parties-and-movements-early-recovery"]
    assert len(index.claims) == 115


def test_a_demands_instrument_that_the_evidence_names_moves_onto_the_claim(tmp_path: Path) -> None:
    """Synthetic: a claim on a demand that refers to the charter, whose evidence names it, lists it after migrating."""
    sources = tmp_path / "sources"
    shutil.copytree(DATA / "mini" / "sources", sources)
    assert "talks-charter" in check(sources).sources.demands["resume-talks"].model.instruments
    document = sources / "documents" / "council-statement.md"
    text = document.read_text(encoding="utf-8")
    document.write_text(
        text.replace("resume “without delay”", "resume “without delay” under the Charter of the Talks").replace(
            'resume "without delay".', 'resume "without delay" under the Charter of the Talks.'
        )
    )
    report = migrate(sources)
    index = check(sources)
    credited = {c.id: c.instruments for c in index.claims if c.demand == "resume-talks"}
    assert credited == {"ev-council-resume-talks": ("talks-charter",), "ev-ministry-resume-talks": (), "ev-council-resume-talks-2": ()}
    assert "# was its demand's: the evidence names it (`dossier migrate`), check it" in document.read_text(encoding="utf-8")
    assert sum("no longer invokes `talks-charter`" in line for line in report.dropped) == 2
