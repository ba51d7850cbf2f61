"""The contributing guide: its worked example is valid against the real dossier, and every field is explained."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser

from build_scripts import models
from build_scripts.pipeline import check

from .conftest import ROOT

GUIDE = ROOT / "docs" / "contributing.md"


def examples() -> list[str]:
    """The Markdown files of the guide's worked example (the step-by-step walkthrough has a test of its own)."""
    guide = GUIDE.read_text(encoding="utf-8")
    start = guide.index("## A worked example")
    return re.findall(r"```markdown\n(.*?)```\n", guide[start : guide.index("\n## ", start + 1)], re.S)


def test_worked_example_builds_with_the_bundled_sources(tmp_path: Path) -> None:
    document, actor = examples()
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    # Beside the full account (whose other paragraphs hold facts of other actors), as a document of its own.
    (sources / "documents" / "worked-example.md").write_text(document, encoding="utf-8")
    (sources / "actors" / "hadi-al-bahra.md").write_text(actor, encoding="utf-8")
    index = check(sources)
    claims = [c for c in index.claims if c.document == "worked-example"]
    assert [(c.actors, c.speaker, c.basis, c.instruments) for c in claims] == [
        (("soc",), "hadi-al-bahra", "own-publication", ("unscr-2254",)),
        (("european-countries", "friendly-nations", "united-states"), None, "characterised", ("unscr-2254",)),
    ]
    assert index.sources.documents["worked-example"].model.issuer == "soc"
    assert index.fact("actors", "hadi-al-bahra", "name_ar", "هادي البحرة").editorial  # type: ignore[union-attr]


def test_every_field_of_every_model_is_explained() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    every_model = [m for m in vars(models).values() if isinstance(m, type) and issubclass(m, models.Model) and m is not models.Model]
    assert len(every_model) >= 12
    for model in every_model:
        for name in model.model_fields:
            assert f"`{name}`" in guide, f"{model.__name__}.{name} is not explained in docs/contributing.md"


def test_the_arabic_examples_are_the_bundled_files_own() -> None:
    """The guide's Arabic name and translation are quoted from the bundled sources, each with the editors' reason the rule gives."""
    guide = GUIDE.read_text(encoding="utf-8")
    start = guide.index("### Arabic names and translations")
    block = re.search(r"```yaml\n(.*?)```", guide[start:], re.S).group(1)  # type: ignore[union-attr]
    parts = re.split(r"^# (sources/\S+\.md)\n", block, flags=re.M)[1:]
    assert len(parts) == 4
    for path, text in zip(parts[::2], parts[1::2], strict=True):
        front = yaml.safe_load((ROOT / path).read_text(encoding="utf-8").split("---\n")[1])
        example = yaml.safe_load(text)
        assert {key: front[key] for key in example} == example, path


def test_every_bundled_demand_has_its_arabic_statement_marked_as_the_editors_translation() -> None:
    """The bundled dossier ships an Arabic statement for every demand: the editors' translation, with the reason the guide's rule gives."""
    guide = " ".join(GUIDE.read_text(encoding="utf-8").split())
    index = check(ROOT / "sources")
    reasons = {f.editorial for f in index.facts if f.kind == "demands" and f.field == "statement_ar"}
    assert all(d.model.statement_ar for d in index.sources.demands.values())
    assert len(reasons) == 1 and f'("{reasons.pop()}")' in guide
    kinds_by_reason: dict[str, set[str]] = {}
    for f in index.facts:
        if f.kind in ("conferences", "instruments") and f.field == "name_ar" and f.editorial:
            kinds_by_reason.setdefault(f.editorial, set()).add(f.kind)
    assert len(kinds_by_reason) == 2 and all(f'("{reason}")' in guide for reason in kinds_by_reason)
    # A conference's name is the one in common use; only an instrument's may be the editors' translation.
    in_use = [reason for reason, kinds in kinds_by_reason.items() if "conferences" in kinds]
    assert len(in_use) == 1
    translated = [kinds for reason, kinds in kinds_by_reason.items() if reason not in in_use]
    assert translated == [{"instruments"}]


SEEDS = ROOT.parent / "shared" / "seeds"
SEED_DOCUMENTS = {
    "000_1d715e535066b012.txt": "sdt-brussels-conference-report",
    "001_61b0ef8c3747e16f.txt": "soc-parties-working-group-meeting",
    "002_644f3aaadc5aa323.txt": "snc-diplomatic-push-before-unga",
    "003_7964aafdf81d5b10.txt": "stj-supports-cssr-recommendations",
    "004_06fc070b8d371ae1.txt": "kassioun-editorial-846",
}


def test_bundled_documents_hold_their_seed_text_verbatim() -> None:
    """Word for word, only line breaks and spacing may differ (paragraphs need blank lines)."""
    if not SEEDS.is_dir():
        pytest.skip("the seed texts (../shared/seeds) are not beside this checkout")
    documents = check(ROOT / "sources").sources.documents
    for seed, doc_id in SEED_DOCUMENTS.items():
        assert documents[doc_id].body.split() == (SEEDS / seed).read_text(encoding="utf-8").split(), doc_id


def test_readme_images_exist_and_are_the_screenshots_make_takes() -> None:
    from .screenshots import SHOTS

    shown = re.findall(r"!\[[^\]]+\]\(docs/images/([^)]+)\)", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert {"matrix.png", "actor-page.png"} <= set(shown)
    for name in shown:
        assert name in SHOTS and (ROOT / "docs" / "images" / name).read_bytes().startswith(b"\x89PNG")


@pytest.mark.browser
def test_screenshots_are_taken_from_the_built_site(bundled_site: Path, tmp_path: Path, browser: Browser) -> None:
    from .screenshots import take

    written = take(bundled_site, tmp_path, browser)
    assert [p.name for p in written] == ["matrix.png", "actor-page.png", "demand-page.png", "actor-page-ar.png"]
    assert all(p.read_bytes().startswith(b"\x89PNG") and p.stat().st_size > 20_000 for p in written)
