"""The live preview's fast path (build_scripts/preview.py): what counts as an edit of documents only,
and that an edited document is checked as a full check checks it. The background builder: tests/test_background.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts.background import edited_documents, snapshot
from build_scripts.pages import Site
from build_scripts.pipeline import build, build_all, check
from build_scripts.preview import update
from build_scripts.problems import SourceError
from build_scripts.views import compute

from .conftest import MINI, ROOT

DOCUMENT = "council-statement"


def _mini(tmp_path: Path) -> Path:
    root = tmp_path / "sources"
    shutil.copytree(MINI, root)
    return root


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_an_edited_or_added_document_is_an_edit_of_documents_only(tmp_path: Path) -> None:
    root = _mini(tmp_path)
    before = snapshot(root)
    _append(root / "documents" / f"{DOCUMENT}.md", "\nOne more sentence.\n")
    shutil.copy(root / "documents" / f"{DOCUMENT}.md", root / "documents" / "a-copy.md")
    assert edited_documents(before, snapshot(root), root) == ["a-copy", DOCUMENT]
    assert edited_documents(before, before, root) == [], "nothing changed: no document to build again"


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda root: _append(root / "actors" / "council.md", "\nMore.\n"), id="an actor edited"),
        pytest.param(lambda root: (root / "documents" / f"{DOCUMENT}.md").unlink(), id="a document removed"),
        pytest.param(lambda root: (root / "documents" / "notes.txt").write_text("x", encoding="utf-8"), id="another file in documents/"),
        pytest.param(lambda root: (root / "documents" / "more").mkdir() or (root / "documents" / "more" / "x.md").write_text("x"), id="a subfolder"),
    ],
)
def test_any_other_change_needs_a_full_build(tmp_path: Path, change: object) -> None:
    root = _mini(tmp_path)
    before = snapshot(root)
    change(root)  # type: ignore[operator]
    assert edited_documents(before, snapshot(root), root) is None


def test_hidden_files_are_left_out_of_the_snapshot_as_the_loader_leaves_them(tmp_path: Path) -> None:
    root = _mini(tmp_path)
    before = snapshot(root)
    (root / "documents" / ".council-statement.md.swp").write_text("an editor's swap file", encoding="utf-8")
    assert snapshot(root) == before


def _same_index(ours: object, theirs: object) -> None:
    fields = ("bodies", "facts", "mentions", "claims", "quotes", "ties", "participation", "documents_by_actor", "warnings", "read_warnings")
    # the groupings an edit of a text outside its passages takes from the last index as they are (`Index.revised`)
    fields += ("positions", "by_actor", "by_demand", "stances_by_instrument", "claims_by_document", "facts_by_entity", "conferences_by_actor", "stated")
    for field in fields:
        assert getattr(ours, field) == getattr(theirs, field), field


EDITS = {
    "a sentence appended": lambda text: text + "\nA sentence added by the test.\n",
    "a passage of evidence removed from the text": lambda text: text.replace("rejected any return to the talks", "said nothing"),
    "a stance changed": lambda text: text.replace("stance: opposes", "stance: supports", 1),
    "an unknown actor named": lambda text: text.replace("actors: [council,", "actors: [nobody-known, council,", 1),
    "a claim removed": lambda text: text.replace("  - actor: ministry\n    basis: reported\n", "  - actor: council\n    basis: reported\n", 1),
    "a mention removed": lambda text: text.replace("actors: [council, ministry, jane-doe, observer-state]", "actors: [council, ministry, jane-doe]", 1),
    "an actor's name mentioned": lambda text: text + "\nThe Ministry of Talks said nothing more.\n",
    "an editors' name given": lambda text: text + "\nThe CC said nothing more.\n",  # the acronym the editors supply (synthetic)
}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.sampled_from(sorted(EDITS)), min_size=1, max_size=3), added=st.booleans())
def test_an_edit_is_checked_and_indexed_as_a_full_check_does(tmp_path_factory: pytest.TempPathFactory, edits: list[str], added: bool) -> None:
    """Whatever the edit, `update` finds the same problems as a full check, or makes the same index."""
    root = _mini(tmp_path_factory.mktemp("preview"))
    index = check(root)
    views = compute(index, Site())
    target = root / "documents" / ("added.md" if added else f"{DOCUMENT}.md")
    text = (root / "documents" / f"{DOCUMENT}.md").read_text(encoding="utf-8")
    for edit in edits:
        text = EDITS[edit](text)
    target.write_text(text, encoding="utf-8")
    try:
        expected = check(root)
    except SourceError as err:
        with pytest.raises(SourceError) as raised:
            update(index, views, Site(), root, [target.stem])
        assert sorted(map(str, set(raised.value.problems))) == sorted(map(str, set(err.problems)))
        return
    updated = update(index, views, Site(), root, [target.stem])
    _same_index(updated.index, expected)
    full = {page.path: page for page in build(expected, compute(expected, Site()), Site()).pages}  # the pages a full build makes of the full check's index
    assert [page.path for page in updated.pages] == [f"sources/{target.stem}.md"]
    assert updated.pages == [full[f"sources/{target.stem}.md"]], "the page a full build makes"


def test_an_editors_name_is_looked_for_again_where_an_edit_gives_it_or_takes_it_away(tmp_path: Path) -> None:
    """An edit looks for the names the editors supply again only in the documents it changed (`Checked.stated`): the warning
    that a document gives such a name comes with the edit that writes it and goes with the edit that takes it away."""
    root = _mini(tmp_path)
    index = check(root)
    views = compute(index, Site())
    path = root / "documents" / f"{DOCUMENT}.md"
    original = path.read_text(encoding="utf-8")
    said = "`CC` is marked as supplied by the editors"
    assert not any(said in p.message for p in index.warnings)
    for text, warned in ((original + "\nThe CC said nothing more.\n", True), (original + "\nA sentence added by the test.\n", False)):
        path.write_text(text, encoding="utf-8")
        index = update(index, views, Site(), root, [DOCUMENT]).index
        _same_index(index, check(root))
        assert any(said in p.message for p in index.warnings) is warned
    assert index.stated == check(root).stated


def test_the_edited_page_is_the_page_a_full_build_makes(tmp_path: Path) -> None:
    root = _mini(tmp_path)
    index = check(root)
    views = compute(index, Site())
    _append(root / "documents" / f"{DOCUMENT}.md", "\nA sentence added by the test.\n")
    [page] = update(index, views, Site(), root, [DOCUMENT]).pages
    full = {p.path: p for p in build_all(root).pages}
    assert "A sentence added by the test." in page.html
    assert page == full[page.path]


def test_the_bundled_documents_each_update_as_a_full_check_indexes_them(tmp_path: Path) -> None:
    """Each bundled document edited in turn: after each edit, the index is the one a full check makes; the pages each update made
    are those a full build makes once every edit is in (an edit changes its own document's pages only)."""
    root = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", root)
    index = check(root)
    views = compute(index, Site())
    made: dict[str, list] = {}
    for path in sorted((root / "documents").glob("*.md")):
        _append(path, "\nA sentence added by the test.\n")
        updated = update(index, views, Site(), root, [path.stem])
        _same_index(updated.index, check(root))
        made[path.stem] = updated.pages
        index = updated.index
    full = {page.path: page for page in build_all(root).pages}
    for document, pages in made.items():
        for page in pages:  # the source's page, and its notes' pages when they have pages of their own
            assert page.path == f"sources/{document}.md" or page.path.startswith(f"sources/{document}/")
            assert page == full[page.path], page.path
            assert "A sentence added by the test." in page.html or page.path != f"sources/{document}.md"
        own = {p for p in full if p == f"sources/{document}.md" or p.startswith(f"sources/{document}/")}
        assert {page.path for page in pages} == own, document
