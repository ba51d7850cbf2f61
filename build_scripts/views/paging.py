"""The one paginator: a long list cut into pages by the measured bytes of its items, and the links between the pages.

A page's weight must not grow with the dossier (issue 9: no page over 60 KB). Every list that grows
with it is cut here, by the bytes its items print (each rendered once through its macro:
`templating.Measure`), never by a count alone and never by an estimate. One budget for every
page's items, one address for every page after the first: `<list>/2/`, `<list>/3/`…
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

PAGE_LIMIT = 60 * 1024
"""No page of the built site, Material's theme included, may weigh more (issue 9: 60 KB, a KB being 1,024 bytes as `make bench` counts)."""
THEME_BYTES = 16_400
"""What Material's theme adds around a generated page's HTML fragment in the English edition, besides its title and its path
three times over each (head, header, tab; the canonical address and the language switcher's two links), its indentation taken
out (`whitespace.squeezed`): measured on the bundled dossier built in both editions, 15,883 to 16,287 bytes (the deepest pages
have the longest relative links), the switcher's some 1,200 bytes included (tests/test_browser_paging.py checks it)."""
THEME_BYTES_AR = 17_800
"""The same in the Arabic edition, measured the same way: 17,164 to 17,656 bytes (Material's Arabic words take two bytes a letter)."""
EDITION_THEME_BYTES = {"en": THEME_BYTES, "ar": THEME_BYTES_AR}
PAGE_BYTES = 32_000
"""The budget: most measured bytes of one page's items, and of a whole entity page, in the English edition. With a list page's
frame (heading, summary line, pagers, filters: a few KB) and Material's theme (`THEME_BYTES`), every page stays under 60 KB."""
EDITION_PAGE_BYTES = {"en": PAGE_BYTES, "ar": 34_000}
"""The same budget in each edition, for the same items in its words: an Arabic page's frame is about as light as an English
one's, and its theme leaves it 43,640 bytes, of which 9,640 for its frame, its title and its path (the frame of a timeline's
part, the heaviest, weighs 2.5 KB in Arabic; a page that is weighed whole is held to its fragment budget in every edition instead).
Lists are cut once for every edition, by the heaviest one's bytes (`in_english`): English pages change only where the Arabic
ones would outgrow this."""
WINDOW = 2
"""Pages a pager links on each side of the current one, besides the first and the last."""


def fragment_budget(title: str, language: str = "en", path: str = "") -> int:
    """Most bytes the fragment of the page at `path` (titled `title`) may weigh for the built page of `language`'s edition to stay within `PAGE_LIMIT`."""
    return PAGE_LIMIT - EDITION_THEME_BYTES[language] - 3 * len(title.encode()) - 3 * len(path.encode())


def in_english(size: int, language: str) -> int:
    """`size` bytes of a page of `language`'s edition as English bytes, which the budgets count: in proportion to each edition's
    budget (`EDITION_PAGE_BYTES`), rounded up."""
    if language == "en":
        return size
    return -(-size * PAGE_BYTES // EDITION_PAGE_BYTES[language])


def pack(
    items: Sequence[T], weigh: Callable[[T], int], budget: int | None = None, shares: Callable[[T], Mapping[Hashable, int]] | None = None
) -> list[tuple[T, ...]]:
    """`items` cut, in order, into consecutive runs whose measured bytes fit `budget` (`PAGE_BYTES`; at least one item a run, at least one run).

    `shares`: what an item needs its page to print once however many of its items need it (a filter's
    choice of an actor), each with its measured bytes: counted with the first item of a page that needs it.
    """
    budget = PAGE_BYTES if budget is None else budget
    runs: list[list[T]] = [[]]
    used = 0
    present: set[Hashable] = set()
    for item in items:
        needs = shares(item) if shares else {}
        weight = weigh(item) + sum(size for key, size in needs.items() if key not in present)
        if runs[-1] and used + weight > budget:
            runs.append([])
            present = set()
            weight = weigh(item) + sum(needs.values())
            used = 0
        runs[-1].append(item)
        used += weight
        present.update(needs)
    return [tuple(run) for run in runs]


def fits(
    runs: Sequence[Sequence[T]], weigh: Callable[[T], int], budget: int | None = None, shares: Callable[[T], Mapping[Hashable, int]] | None = None
) -> bool:
    """Whether every run of more than one item fits `budget` with these `weigh` and `shares` (as `pack` counts them): a run `pack`
    made by another edition's bytes, weighed in this one's."""
    budget = PAGE_BYTES if budget is None else budget
    for run in runs:
        needs: dict[Hashable, int] = {}
        for item in run:
            needs.update(shares(item) if shares else {})
        if len(run) > 1 and sum(weigh(item) for item in run) + sum(needs.values()) > budget:
            return False
    return True


def runs(count: int, weigh: Callable[[int, int], int], budget: int | None = None) -> list[tuple[int, int]]:
    """The `count` lines of one item too long for a page, cut, in order, into runs (`start`, `stop`), each the longest whose measured
    bytes as printed (`weigh(start, stop)`: the run with what it prints around its lines) fit `budget`, at least one line a run;
    the item whole when it fits."""
    budget = PAGE_BYTES if budget is None else budget
    if weigh(0, count) <= budget:
        return [(0, count)]
    found: list[tuple[int, int]] = []
    start = 0
    while start < count:
        low, high = start + 1, count
        while low < high:  # a run weighs more with each line it takes: the longest that fits, found by halves
            middle = (low + high + 1) // 2
            if weigh(start, middle) <= budget:
                low = middle
            else:
                high = middle - 1
        found.append((start, low))
        start = low
    return found


def leading(items: Sequence[T], weigh: Callable[[T], int], budget: int, most: int, least: int = 2) -> tuple[T, ...]:
    """The first items that fit `budget` bytes, at most `most` of them, and at least `least` of them whatever their bytes."""
    fitting = pack(items[:most], weigh, budget)[0]
    return fitting if len(fitting) >= least else tuple(items[: min(least, most)])


def page_path(first: str, base: str, number: int) -> str:
    """The address of page `number` of a list: `first` for the first page, then `<base>/2.md`, `<base>/3.md`…"""
    return first if number == 1 else f"{base}/{number}.md"


def numbered(first: str, base: str, count: int) -> tuple[str, ...]:
    """Paths of `count` pages: `first`, then `<base>/2.md`, `<base>/3.md`…"""
    return tuple(page_path(first, base, n) for n in range(1, count + 1))


@dataclass(frozen=True)
class Paged(Generic[T]):
    """A list cut into pages: each page's path and its items, in order."""

    paths: tuple[str, ...]
    chunks: tuple[tuple[T, ...], ...]

    @classmethod
    def of(cls, items: Sequence[T], weigh: Callable[[T], int], first: str, base: str, budget: int | None = None) -> Paged[T]:
        """`items` packed into pages within `budget`: the first at `first`, the others at `<base>/<n>.md`."""
        chunks = pack(items, weigh, budget)
        return cls(numbered(first, base, len(chunks)), tuple(chunks))

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
