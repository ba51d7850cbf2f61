"""Redirect pages: the pages of a renamed entity, and continuation pages that moved, stay reachable at their old addresses.

For each former id of an actor, conference, demand or instrument, a small HTML page at the old
page's address sends the reader on to the new one (and so for the pages after the first of the
timeline's years, of the contested demands and blocs, and of the briefings, which were at `timeline/2024-part-2/`,
`agreement/contested-2/`, `matrix/<theme>-p2/` and `briefings/<theme>-2/` before every list's pages took one address:
`timeline/2024/2/`) (a meta refresh, a canonical link and a visible link, all relative, so they work under any site prefix) and asks search engines not
to index it. Redirect pages are plain files: not in the navigation, the search, the sitemap or
the downloads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from jinja2 import Template

from .index import Index
from .pages import Site
from .renames import RENAMABLE

CONTINUED = re.compile(r"^(timeline/[^/]+|agreement/(?:contested|blocs)|matrix/[^/]+|briefings/[^/]+)/([0-9]+)\.md$")
"""A continuation page whose address moved (`timeline/2024/2.md`): it was `<first>-part-<n>` in the timeline, `<first>-<n>` in the
agreement view and the briefings, `<first>-p<n>` in the matrix."""
FORMER = {"timeline": "-part-", "agreement": "-", "matrix": "-p", "briefings": "-"}


@dataclass(frozen=True)
class Redirect:
    """A redirect page: the file it is in the built site, the page path it stands for, and the page it sends to."""

    path: str
    """The file in the built site (`actors/old-id/index.html`, or `actors/old-id.html` without directory URLs)."""
    old: str
    """The page path it replaces (`actors/old-id.md`)."""
    new: str
    """The page path it sends to (`actors/new-id.md`)."""
    html: str


def moves(index: Index, page_paths: list[str]) -> Iterator[tuple[str, str]]:
    """(old page path, new page path) for every page of a renamed entity, its list pages too, sorted."""
    found: list[tuple[str, str]] = []
    for kind in RENAMABLE:
        for entity_id, record in getattr(index.sources, kind).items():
            if not record.model.former_ids:
                continue  # most entities: no page list to scan
            folder = f"{kind}/{entity_id}/"
            under = [path for path in page_paths if path.startswith(folder)]
            for former in record.model.former_ids:
                found.append((f"{kind}/{former}.md", f"{kind}/{entity_id}.md"))
                found += [(f"{kind}/{former}/{path.removeprefix(folder)}", path) for path in under]
    for path in page_paths:
        if continued := CONTINUED.match(path):
            first, number = continued.groups()
            found.append((f"{first}{FORMER[first.partition('/')[0]]}{number}.md", path))
    yield from sorted(found)


def file_of(site: Site, page_path: str) -> str:
    """The file a page is in the built site: `actors/x/index.html`, or `actors/x.html` without directory URLs."""
    url = site.url(page_path)
    return url + "index.html" if url.endswith("/") or not url else url


def redirects(index: Index, site: Site, titles: dict[str, str], template: Template) -> list[Redirect]:
    """A redirect page for every page a renamed entity had under a former id; `titles`: every page's path → its title."""
    found = []
    for old, new in moves(index, sorted(titles)):
        to = site.link(old, new)
        canonical = site.absolute(new) if site.site_url else to
        found.append(Redirect(file_of(site, old), old, new, template.render(to=to, canonical=canonical, title=titles[new])))
    return found
