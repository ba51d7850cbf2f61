"""The name matcher (`build_scripts/names.py`): the quick fold agrees with the fold that keeps offsets, and `first_named`,
which `check` runs on every document, agrees with `matches`, which `dossier suggest` runs, while it folds a text with
offsets only when the text names something left out. Every text here is synthetic, written for these tests.
"""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts import names
from build_scripts.names import Found, NameIndex, fold, folded, joined, matches
from build_scripts.pages import Site
from build_scripts.pipeline import check
from build_scripts.preview import update
from build_scripts.views import compute

from .test_pipeline import make_tree
from .test_suggest import INDEX, SYNTHETIC_NAMES, texts

KEYS = sorted({(name.kind, name.id) for name in SYNTHETIC_NAMES})


def expected(content: str, regions: list[tuple[int, int]], skip: set[tuple[str, str]]) -> list[Found]:
    """What `first_named` gives, the slow way: every match, the first of each entity, none inside a longer name, none skipped."""
    found = matches(content, *fold(content, regions), INDEX)
    first: dict[tuple[str, str], Found] = {}
    for m in found:
        inside = any(o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) for o in found)
        if (m.kind, m.id) not in skip and not inside:
            first.setdefault((m.kind, m.id), m)
    return sorted(first.values(), key=lambda m: (m.start, m.kind, m.id))


@settings(max_examples=300, deadline=None)
@given(texts(), texts(), st.sets(st.sampled_from(KEYS)))
def test_first_named_is_the_first_match_of_each_entity_not_skipped(title: str, body: str, skip: set[tuple[str, str]]) -> None:
    content, regions = joined(title, body)
    assert folded(content, regions) == fold(content, regions)[0]
    assert INDEX.first_named(content, regions, skip) == expected(content, regions, skip)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=60), st.text(st.characters(exclude_categories=["Cs"]), max_size=60))
def test_the_quick_fold_is_the_fold_with_offsets(title: str, body: str) -> None:
    content, regions = joined(title, body)
    assert folded(content, regions) == fold(content, regions)[0]
    assert INDEX.first_named(content, regions, set()) == expected(content, regions, set())


@pytest.mark.parametrize(
    "text",
    ["U.S. and U.N. officials", "e.g. A.B.C. x.y.z", "1.2 a1.b .a a. é.ü ab.cd", "well-known  -- it's  , ;  \n\n|  end", "ﻻ الأُمَمُ المتّحـدة ٢٢٥٤"],
)
def test_initials_runs_and_marks_fold_alike_both_ways(text: str) -> None:
    content, regions = joined(text, text)
    assert folded(content, regions) == fold(content, regions)[0]


@pytest.mark.parametrize(
    ("text", "skip"),
    [
        (
            "The Civic Council and the Ministry of Talks met at the Spring Talks.",
            {("actors", "council"), ("actors", "ministry"), ("conferences", "spring-talks")},
        ),
        ("Let us talk about the unity of un-ending talks, and accept it.", set()),  # `US`, `UN` and `CC` only in capitals, at word edges
        ("the civic council met", set()),  # a capitalised name never matches all-lowercase text
    ],
)
def test_a_text_that_names_nothing_left_out_is_never_folded_with_offsets(text: str, skip: set[tuple[str, str]]) -> None:
    with patch.object(names, "fold", side_effect=AssertionError("folded with offsets")):
        assert INDEX.first_named(text, [(0, len(text))], skip) == []


def test_the_index_is_built_once_per_check(tmp_path: Path) -> None:
    sources = make_tree({"base": "mini"}, tmp_path)
    with patch.object(names.NameIndex, "__init__", side_effect=NameIndex.__init__, autospec=True) as built:
        check(sources)
    assert built.call_count == 1


@pytest.mark.parametrize(
    ("title", "where"),
    [
        ("title: Observer State visit", "sources/documents/d.md:2:8"),
        ("title: 'Visit of the Observer State'", "sources/documents/d.md:2:22"),
        ("title: >-\n  Visit of the\n  Observer State", "sources/documents/d.md:2:8"),  # over several lines: the title's own place
    ],
)
def test_a_name_in_the_title_is_given_its_place_in_the_title(title: str, where: str, tmp_path: Path) -> None:
    document = f"---\n{title}\nkind: statement\nlanguage: en\nsummary: Synthetic.\nactors: [council]\n---\nSynthetic text.\n"
    sources = make_tree({"base": "mini", "files": {"documents/d.md": document}}, tmp_path)
    assert [str(w).split(": warning")[0] for w in check(sources).warnings] == [where]


def test_the_preview_of_an_edit_gives_the_warnings_a_full_check_gives(tmp_path: Path) -> None:
    """An edited document's warnings are checked again; another document's, which the preview does not check again, still stand."""
    named = "---\ntitle: Synthetic note\nkind: statement\nlanguage: en\nsummary: Synthetic.\nactors: [council]\n---\nThe Council met the Observer State.\n"
    sources = make_tree({"base": "mini", "files": {"documents/a.md": named, "documents/b.md": named}}, tmp_path)
    index = check(sources)
    views = compute(index, Site())
    assert [w.path for w in index.warnings] == ["sources/documents/a.md", "sources/documents/b.md"]
    for edit in ("\nThe Spring Talks went on.\n", "\nNothing more.\n"):
        with (sources / "documents" / "b.md").open("a", encoding="utf-8") as file:
            file.write(edit)
        index = update(index, views, Site(), sources, ["b"]).index
        assert [str(w) for w in index.warnings] == [str(w) for w in check(sources).warnings]
    assert len(index.warnings) == 3  # the Spring Talks, named in b's text by the first edit
