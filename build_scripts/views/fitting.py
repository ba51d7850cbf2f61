"""Entity pages planned by their English bytes, then fitted in the other editions: half of them in a second process.

With more than one edition, `listings.plan` cuts a page's lists by their English bytes first (`drafted`), then renders
the page and its lists' pages so cut in each other edition (`fitted`); only a page that outgrows its budget there is
planned again by every edition's bytes (`settled`). The fitting is about a third of the views' time with two editions, and
each page's is independent of the others': `planned` plans every page by its English bytes, then fits every other
page in a forked process while this one fits the rest, and settles each page in order. What the child sends back
is each page's drafts (or that it did not fit) and the link targets it added: its drafts' link tokens are numbered in
its own copy of the other editions' `Fragments`, and are numbered again here (`Fragments.adopt`). The result is the
same as fitting every page here: the drafts' links resolve to the same pages.

A process is forked only where nothing else runs in it (one thread: a lock another thread holds would never be released in
the child) and there are pages enough to share; otherwise, and when the child fails, every page is fitted here.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, NoReturn

from ..index import Index
from ..pages import GeneratedPage, PageSpec
from . import listings
from .measure import Edition, Measure

SHARED_FROM = 40
"""Fewest entity pages for which fitting them in the other editions is shared with a second process (forking costs a few ms)."""
Fit = dict[str, list[GeneratedPage]] | None
"""A page and its lists' pages drafted in each other edition, by language; None when one outgrows its budget there."""


@dataclass(frozen=True)
class Drafted:
    """An entity page planned by its English bytes: its lists that move, the page, and the pages each other edition must fit."""

    spec: PageSpec
    views: Any
    """The views the page is planned with (its own lists whole: `listings.whole`)."""
    moved: list[listings.Listing]
    page: GeneratedPage
    over: frozenset[str]
    """The page, if it outgrows 60 KB in English with every list that can move moved."""
    shown: Any
    """The views with its lists moved, as the page and its lists' pages show them."""
    specs: tuple[PageSpec, ...]
    """The page, then its lists' pages."""


def drafted(index: Index, views: Any, measure: Measure, spec: PageSpec) -> Drafted:
    """The page at `spec` planned by its English bytes alone, as the English edition alone would plan it."""
    views = listings.whole(views, spec)
    over: set[str] = set()
    moved, page, _ = listings.plan_by(index, views, measure.only(measure.editions[0].language), spec, over)
    lists = listings.with_lists(views.listings, {spec.path: moved})
    shown = replace(views, listings=lists) if moved else views
    listed = [s for s in listings.page_specs(lists, [spec]) if s.context["listing"].entity == spec.path]
    return Drafted(spec, views, moved, page, frozenset(over), shown, (spec, *listed))


def fitted(editions: Sequence[Edition], first: Drafted) -> Fit:
    """The page and its lists' pages as `first` cuts them, drafted in each of `editions`; None as soon as one outgrows its budget."""
    drafts: dict[str, list[GeneratedPage]] = {}
    for edition in editions:
        pages = drafts[edition.language] = []
        for spec in first.specs:
            draft, _, excess = edition.weighed(spec.path, spec.title, spec.template, first.shown, spec.context)
            if excess > 0:
                return None
            pages.append(GeneratedPage(spec.path, spec.title, draft))
    return drafts


def settled(
    index: Index, measure: Measure, first: Drafted, fit: Fit, outgrown: set[str] | None, others: dict[str, dict[str, GeneratedPage]] | None
) -> tuple[list[listings.Listing], GeneratedPage]:
    """The page's lists and the page: as `first` planned them where every edition fits them (`fit`), its drafts recorded in
    `others`; otherwise planned again by every edition's bytes."""
    if fit is not None:
        if outgrown is not None:
            outgrown |= first.over
        for language, pages in fit.items():
            (others or {}).get(language, {}).update((p.path, p) for p in pages)
        return first.moved, first.page
    moved, page, drafts = listings.plan_by(index, first.views, measure, first.spec, outgrown)
    for language, draft in drafts.items():
        (others or {}).get(language, {})[first.spec.path] = GeneratedPage(first.spec.path, first.spec.title, draft)
    return moved, page


def planned(
    index: Index, views: Any, measure: Measure, outgrown: set[str], others: dict[str, dict[str, GeneratedPage]], fork: bool | None = None
) -> list[tuple[list[listings.Listing], GeneratedPage]]:
    """Every entity page of `views` planned (`listings.plan`), in order; the other editions' fitting shared with a forked process
    (`fork`: whether to; by default where it can be, see above). Each edition keeps the items of the lists that moved rendered."""
    english, editions = measure.only(measure.editions[0].language), measure.editions[1:]
    firsts = []
    for spec in views.entities:
        firsts.append(drafted(index, views, measure, spec))
        english.keep(listings.moved_items(firsts[-1].moved))
    fits = _fits(editions, firsts, fork if fork is not None else len(firsts) >= SHARED_FROM and _alone())
    found = []
    for first, fit in zip(firsts, fits, strict=True):
        found.append(settled(index, measure, first, fit, outgrown, others))
        if fit is None:  # planned again in every edition: the items of its lists as they moved now are kept
            measure.keep(listings.moved_items(found[-1][0]))
    return found


def _alone() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def _fits(editions: Sequence[Edition], firsts: Sequence[Drafted], fork: bool) -> list[Fit]:
    """`fitted` for each page, every other page (from the second) in a forked process when `fork`."""

    def here(first: Drafted) -> Fit:
        fit = fitted(editions, first)
        for edition in editions:
            edition.fragments.keep(listings.moved_items(first.moved))
        return fit

    if not fork:
        return [here(first) for first in firsts]
    starts = {edition.language: edition.fragments.count for edition in editions}
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: fits its pages, sends them with the link targets it added, and ends here whatever happens
        _child(editions, firsts[1::2], starts, read, write)
    os.close(write)
    try:
        fits: list[Fit] = [None] * len(firsts)
        fits[::2] = [here(first) for first in firsts[::2]]
    finally:
        with os.fdopen(read, "rb") as given:
            data = given.read()
        _, status = os.waitpid(pid, 0)
    sent = pickle.loads(data) if os.waitstatus_to_exitcode(status) == 0 else None  # a child that ended otherwise sent nothing whole
    if sent is None:
        fits[1::2] = [here(first) for first in firsts[1::2]]
        return fits
    theirs, targets = sent
    adopt = {e.language: e.fragments.adopt(targets[e.language], starts[e.language]) for e in editions}
    fits[1::2] = [
        None if fit is None else {language: [GeneratedPage(p.path, p.title, adopt[language](p.html)) for p in pages] for language, pages in fit.items()}
        for fit in theirs
    ]
    return fits


def _child(editions: Sequence[Edition], firsts: Sequence[Drafted], starts: dict[str, int], read: int, write: int) -> NoReturn:
    """In the forked process: fit `firsts`, send them with the link targets added since `starts`, and end. It never returns into
    the parent's code, even when sending fails; ending with any code but 0, it leaves its pages for the parent to fit."""
    code = 1
    try:
        os.close(read)
        try:
            mine = [fitted(editions, first) for first in firsts]
            payload = pickle.dumps((mine, {e.language: e.fragments.targets(starts[e.language]) for e in editions}), pickle.HIGHEST_PROTOCOL)
            code = 0
        except BaseException:  # said here; the parent fits these pages itself
            traceback.print_exc()
            payload = pickle.dumps(None)
        with os.fdopen(write, "wb") as out:
            out.write(payload)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        sys.stderr.flush()
        os._exit(code)
