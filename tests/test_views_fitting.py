"""Entity pages fitted in the other editions half in a forked process (`views/fitting.py`): the same lists and pages as fitting them all here."""

from __future__ import annotations

import os
import threading
from copy import deepcopy
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from build_scripts import views
from build_scripts.index import Index
from build_scripts.views import fitting, paging
from build_scripts.views.listings import Listings
from build_scripts.views.templating import Fragments

from .conftest import project_site

SETTLED = fitting.settled


def _planned(index: Index, computed: views.Views, monkeypatch: pytest.MonkeyPatch, fork: bool) -> tuple[Listings, list[bool]]:
    """The listings of the bundled dossier in both editions, the other editions' fitting shared with a forked process or not; and,
    for each page settled, whether every edition fitted its English plan."""
    monkeypatch.setattr(fitting, "SHARED_FROM", 0)
    monkeypatch.setattr(fitting, "_alone", lambda: fork)
    fits: list[bool] = []

    def spy(index: Index, measure: Any, first: fitting.Drafted, fit: fitting.Fit, *rest: Any) -> Any:
        fits.append(fit is not None)
        return SETTLED(index, measure, first, fit, *rest)

    monkeypatch.setattr(fitting, "settled", spy)
    return views.listings.compute(index, computed, project_site()), fits


def _published(listings: Listings) -> dict[tuple[str, str], str]:
    """Every entity page and list page as each edition publishes it: the drafts with their links put in, by (language, path)."""
    site = project_site()
    assert listings.fragments is not None
    pages = {("en", path): listings.fragments.resolve(page.html, site, path, listings.locate) for path, page in listings.rendered.items()}
    for language, (fragments, drafts) in listings.editions.items():
        edition = replace(site, language=language)
        pages |= {(language, path): fragments.resolve(page.html, edition, path, listings.locate) for path, page in drafts.items()}
    return pages


@pytest.mark.parametrize("tight", [False, True], ids=["as-built", "arabic-budget-tightened"])
def test_fitting_half_the_pages_in_a_forked_process_gives_what_fitting_them_here_gives(
    bundled_index: Index, bundled_views: views.Views, monkeypatch: pytest.MonkeyPatch, tight: bool
) -> None:
    """The bundled dossier's lists and pages in both editions, with the other editions' fitting shared with a forked process and
    without: equal, each page's links the same (the child's link tokens numbered again here). Tightened, the Arabic budget makes
    pages that their English plan does not fit, which are planned again by every edition's bytes."""
    if tight:  # a few pages in each half planned again (every page planned again took a minute)
        monkeypatch.setitem(paging.EDITION_THEME_BYTES, "ar", paging.EDITION_THEME_BYTES["ar"] + 9_000)
    here, fitted_here = _planned(bundled_index, bundled_views, monkeypatch, fork=False)
    shared, fitted_shared = _planned(bundled_index, bundled_views, monkeypatch, fork=True)
    assert len(fitted_here) > 2 * fitting.SHARED_FROM or len(fitted_here) > 100, "pages enough that each process fits some"
    assert fitted_shared == fitted_here
    assert (not all(fitted_here)) == tight, "tightened, some pages are planned again; as built, none is"
    if tight:
        replanned = {index % 2 for index, fit in enumerate(fitted_here) if not fit}
        assert replanned == {0, 1}, "pages planned again among those each process fits (every other page)"
    assert shared.lists == here.lists and shared.moved == here.moved and shared.outgrown == here.outgrown
    if not tight:
        assert here.lists, "some list moved to pages of its own: their pages are compared too"
    mine, theirs = _published(shared), _published(here)
    assert mine.keys() == theirs.keys() and len(mine) > len(here.rendered)
    assert [key for key in mine if mine[key] != theirs[key]] == []
    assert "\ue000" not in "".join(mine.values()), "every link token put in"


def test_a_child_that_fails_leaves_its_pages_to_be_fitted_here(
    bundled_index: Index, bundled_views: views.Views, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """A forked process that fails (here: its fitting raises) says why on stderr, and this process fits its pages: the same result."""
    here, _ = _planned(bundled_index, bundled_views, monkeypatch, fork=False)
    parent, fitted = fitting.os.getpid(), fitting.fitted

    def failing(*args: Any) -> fitting.Fit:
        if fitting.os.getpid() != parent:
            raise RuntimeError("synthetic failure in the forked process")
        return fitted(*args)

    monkeypatch.setattr(fitting, "fitted", failing)
    shared, _ = _planned(bundled_index, bundled_views, monkeypatch, fork=True)
    assert "synthetic failure in the forked process" in capfd.readouterr().err
    assert shared.lists == here.lists and _published(shared) == _published(here)


def test_a_child_that_cannot_send_its_pages_ends_there_and_they_are_fitted_here(
    bundled_index: Index, bundled_views: views.Views, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A forked process whose message fails to go out (here: opening its end of the pipe raises) says why, and ends: it never
    returns into this process's code (which would run the rest of the build, or of the tests, twice); its pages are fitted here."""
    here, _ = _planned(bundled_index, bundled_views, monkeypatch, fork=False)
    parent, fdopen = os.getpid(), fitting.os.fdopen
    returned = tmp_path / "returned"

    def failing(fd: int, *args: Any) -> Any:
        if os.getpid() != parent:
            raise OSError("synthetic failure to send from the forked process")
        return fdopen(fd, *args)

    monkeypatch.setattr(fitting.os, "fdopen", failing)
    try:
        shared, _ = _planned(bundled_index, bundled_views, monkeypatch, fork=True)
    finally:
        if os.getpid() != parent:  # the child came back here: say so, and end it before it runs anything else
            returned.touch()
            os._exit(0)
    assert "synthetic failure to send from the forked process" in capfd.readouterr().err
    assert not returned.exists(), "the forked process returned into the caller's code"
    assert shared.lists == here.lists and _published(shared) == _published(here)


def test_html_of_a_forked_copy_of_the_fragments_links_where_it_did_once_adopted(bundled_index: Index) -> None:
    """Synthetic targets: a copy of the fragments (as a forked process has) numbers its new targets as these fragments number
    theirs; its HTML, adopted here, links where the copy's HTML linked, however these fragments numbered theirs meanwhile."""
    site = project_site()
    here = Fragments(bundled_index)
    shared = here.link("actors/a.md")
    copy = deepcopy(here)
    start = copy.count
    mine = here.link("actors/b.md") + here.file("downloads/x.csv")  # numbered here after the fork: the copy's numbers are taken
    theirs = shared + copy.link("demands/c.md", "evidence") + copy.link("actors/b.md") + copy.file("downloads/y.csv")
    assert copy.resolve(theirs, site, "index.md", lambda to, anchor: to) == ("actors/a/" + "demands/c/#evidence" + "actors/b/" + "downloads/y.csv")
    adopted = here.adopt(copy.targets(start), start)(theirs)
    assert adopted != theirs, "the copy's tokens are numbered again"
    assert here.resolve(adopted, site, "index.md", lambda to, anchor: to) == copy.resolve(theirs, site, "index.md", lambda to, anchor: to)
    assert here.resolve(mine, site, "index.md", lambda to, anchor: to) == "actors/b/" + "downloads/x.csv"


def test_no_child_is_forked_while_another_thread_runs() -> None:
    """The preview's background builder runs beside its server: a lock another thread holds would never be released in a child."""
    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()
    try:
        assert not fitting._alone()
    finally:
        release.set()
        other.join()
    assert fitting._alone() == (threading.active_count() == 1), "alone again once the other thread ended (unless the runner has threads)"
