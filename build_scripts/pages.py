"""What a build produces, engine-neutral: pages addressed by path, and how pages link to each other."""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
import zlib
from dataclasses import dataclass, field
from html import escape
from typing import Any


@dataclass(frozen=True)
class Site:
    """How pages address each other: MkDocs' `use_directory_urls` and similar."""

    directory_urls: bool = True
    name: str = "Syria political process dossier"
    """The site's name (MkDocs' `site_name`), as citations and the feed give it."""
    site_url: str = ""
    """The published site's address (MkDocs' `site_url`), for links that leave the site: feeds, citations."""
    built: str | None = None
    """When the dossier was last changed, as an RFC 3339 time (from SOURCE_DATE_EPOCH, never the clock)."""
    periods: tuple[tuple[str, ...], ...] = ()
    """The periods the analyses are computed in (`extra.dossier_periods`: name, start, end[, name_ar]); one per year when empty."""
    language: str = "en"
    """The edition's language (`editions.py`): its pages' words, names and titles; the sources' words stay as they are."""
    editions: tuple[str, ...] = ("en",)
    """Every edition the site is published in (`extra.dossier_editions`): lists are cut once for all of them, where the heaviest
    one's pages would outgrow the budget (`views/measure.py`), so that every edition's pages keep within it."""

    def url(self, path: str) -> str:
        """Site-relative URL of the page at `path` (`actors/snc.md` → `actors/snc/`)."""
        return _url(path, self.directory_urls)

    def absolute(self, path: str, anchor: str | None = None) -> str:
        """The page's full address on the published site (its site-relative URL when `site_url` is not set)."""
        base = self.site_url.rstrip("/") + "/" if self.site_url else ""
        return base + self.url(path) + (f"#{anchor}" if anchor else "")

    def file_link(self, from_path: str, file_path: str) -> str:
        """Relative link from a page to a file of the site that is not a page (`downloads/matrix.csv`)."""
        here = self.url(from_path)
        base = here.rstrip("/") if here.endswith("/") or not here else posixpath.dirname(here)
        return posixpath.relpath(file_path, base or ".")

    def link(self, from_path: str, to_path: str, anchor: str | None = None) -> str:
        """Relative link from one page to another (and an anchor on it)."""
        relative = _relative(self.url(from_path), self.url(to_path))
        if relative in ("", "."):
            relative = "./" if not anchor else ""
        return relative + (f"#{anchor}" if anchor else "")


class GeneratedPage:
    """One generated page: its path under docs, its plain-text title and its content (what a `PageSpec` renders to).

    Not MkDocs' `Page` (`mkdocs.structure.pages.Page`, imported as `MkDocsPage`): MkDocs makes one of those
    for each generated page, and the MkDocs layer hands it this one's HTML.

    The content is kept compressed (a dossier of 10,000 sources has over 20,000 pages, which
    would otherwise be held whole until the publisher takes each one); `html` gives it back.
    """

    __slots__ = ("_data", "path", "title")

    def __init__(self, path: str, title: str, html: str) -> None:
        self.path = path
        self.title = title
        self._data = zlib.compress(html.encode("utf-8"), 1)

    @property
    def html(self) -> str:
        return zlib.decompress(self._data).decode("utf-8")

    @property
    def digest(self) -> str:
        """A fingerprint of the content: equal pages have equal digests (compression is deterministic)."""
        return hashlib.blake2b(self._data, digest_size=16).hexdigest()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GeneratedPage) and (self.path, self.title, self._data) == (other.path, other.title, other._data)

    def __hash__(self) -> int:
        return hash((self.path, self.title, self._data))

    def __repr__(self) -> str:
        return f"GeneratedPage({self.path!r}, {self.title!r}, <{len(self._data)} bytes compressed>)"

    @property
    def front_matter(self) -> str:
        """The page's metadata as Markdown front matter: its title, and that it is generated."""
        meta = json.dumps(escape(self.title, quote=False), ensure_ascii=False)
        return f"---\ntitle: {meta}\ngenerated: true\nhide: [toc]\n---\n"

    @property
    def markdown(self) -> str:
        """The page as a Markdown file with front matter, for an engine that reads pages from Markdown files."""
        return f"{self.front_matter}\n{self.html.strip()}\n"


@dataclass(frozen=True)
class PageSpec:
    """A page a view asks for: where it goes, its title, the template that renders it and that template's data."""

    path: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@functools.lru_cache(maxsize=65536)
def _url(path: str, directory_urls: bool) -> str:
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _relative(here: str, there: str) -> str:
    """The link from the page at site URL `here` to the one at `there`: up from here's folder to the common one, then down."""
    if there == here:
        return ""
    base = here.rstrip("/").split("/") if here.endswith("/") else here.split("/")[:-1]
    parts = there.split("/")
    if base == [""]:
        base = []
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    if there == "":  # the home page, as posixpath.relpath gives it: `..`, `../..`
        return "/".join([".."] * len(base))
    relative = "../" * (len(base) - common) + "/".join(parts[common:])
    return relative or "./"
