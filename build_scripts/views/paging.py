"""Paging: a long list cut into pages that each stay within the page budget, and the links between them.

A page's weight must not grow with the dossier (issue 9: no page over 60 KB). Lists that grow
with it are cut by the estimated bytes of their items, never by a count alone, so a page of
long passages holds fewer of them than a page of short ones. The estimates are generous; the
tests measure the pages as rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

PAGE_LIMIT = 60 * 1024
"""No page of the built site, Material's theme included, may weigh more (issue 9: 60 KB, a KB being 1,024 bytes as `make bench` counts)."""
THEME_BYTES = 20_300
"""What Material's theme adds around a generated page's HTML fragment, besides its title three times over (head, header, tab):
measured on a built 1,000-source dossier, 19,970 to 20,270 bytes (the deepest pages have the longest relative links)."""
PAGE_BYTES = 32_000
"""Estimated HTML bytes of one page's items. With the page's frame (heading, summary line, pagers:
about 4 KB) and Material's theme (about 20 KB), a page stays well under 60 KB."""
WINDOW = 2
"""Pages a pager links on each side of the current one, besides the first and the last."""


def fragment_budget(title: str) -> int:
    """Most bytes a page's fragment may weigh for the built page to stay within `PAGE_LIMIT`."""
    return PAGE_LIMIT - THEME_BYTES - 3 * len(title.encode())


def pack(items: Sequence[T], cost: Callable[[T], int], budget: int = PAGE_BYTES) -> list[tuple[T, ...]]:
    """`items` cut, in order, into consecutive runs whose estimated bytes fit `budget` (at least one item a run, at least one run)."""
    runs: list[list[T]] = [[]]
    used = 0
    for item in items:
        weight = cost(item)
        if runs[-1] and used + weight > budget:
            runs.append([])
            used = 0
        runs[-1].append(item)
        used += weight
    return [tuple(run) for run in runs]


def leading(items: Sequence[T], cost: Callable[[T], int], budget: int, most: int, least: int = 2) -> tuple[T, ...]:
    """The first items that fit `budget` bytes, at most `most` of them, and at least `least` of them whatever their bytes."""
    fitting = pack(items[:most], cost, budget)[0]
    return fitting if len(fitting) >= least else tuple(items[: min(least, most)])


def numbered(first: str, folder: str, count: int) -> tuple[str, ...]:
    """Paths of `count` pages: `first`, then `<folder>/2.md`, `<folder>/3.md`…"""
    return (first, *(f"{folder}/{n}.md" for n in range(2, count + 1)))


@dataclass(frozen=True)
class Paged(Generic[T]):
    """A list cut into pages: each page's path and its items, in order."""

    paths: tuple[str, ...]
    chunks: tuple[tuple[T, ...], ...]

    @classmethod
    def of(cls, items: Sequence[T], cost: Callable[[T], int], first: str, folder: str, budget: int = PAGE_BYTES) -> Paged[T]:
        """`items` packed into pages within `budget`: the first at `first`, the others at `<folder>/<n>.md`."""
        chunks = pack(items, cost, budget)
        return cls(numbered(first, folder, len(chunks)), tuple(chunks))

    @property
    def count(self) -> int:
        return len(self.chunks)

    @property
    def total(self) -> int:
        """Items on all the pages."""
        return sum(len(chunk) for chunk in self.chunks)

    def first_item(self, number: int) -> int:
        """The 1-based position in the whole list of the first item on page `number` (1-based)."""
        return 1 + sum(len(chunk) for chunk in self.chunks[: number - 1])

    def pages(self) -> list[tuple[int, str, tuple[T, ...]]]:
        """(number, path, items) of every page."""
        return [(n, path, chunk) for n, (path, chunk) in enumerate(zip(self.paths, self.chunks, strict=True), start=1)]


def window(number: int, count: int, around: int = WINDOW) -> list[int | None]:
    """The page numbers a pager links: the first, the last and `around` on each side of `number`; None where pages are skipped."""
    shown = sorted({1, count, *range(max(1, number - around), min(count, number + around) + 1)})
    links: list[int | None] = []
    for n in shown:
        if links and n - (links[-1] or 0) > 1:
            links.append(None)
        links.append(n)
    return links
