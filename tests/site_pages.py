"""Reading a built site as readers meet an entity: its page, and the pages its long lists moved to.

A long list of an entity page (an actor's positions, a source's annotations) has pages of its
own under the entity's folder (`actors/snc/positions/`, `…/positions/2/`). These helpers join
those pages to the entity page, their links rewritten as if they were on the entity page, so a
test can look for a link the way it would on one long page.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

LINK = re.compile(r'\b(href|cite)="([^"]*)"')


def rebase(href: str, page: str, base: str) -> str:
    """`href`, written on the page at URL `page`, as written on the page at URL `base` (both site-relative, ending in `/`)."""
    if re.match(r"^[a-z]+:|^//", href):
        return href
    path, hash_, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(page, path)) + ("/" if path.endswith("/") or not path else "") if path else page
    relative = posixpath.relpath(target, base) if target.rstrip("/") != base.rstrip("/") else ""
    if target.endswith("/") and relative and not relative.endswith("/"):
        relative += "/"
    return relative + (hash_ + fragment if hash_ else "") or "./"


def _html(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def _rebased(site: Path, url: str, base: str) -> str:
    return LINK.sub(lambda m: f'{m[1]}="{rebase(m[2], url, base)}"', _html(site, url))


def listing_urls(site: Path, entity: str, kind: str) -> list[str]:
    """The URLs of the pages of the list `kind` of the entity page `entity` (`actors/snc`), in page order; none when it has no pages."""
    folder = site / entity / kind
    if not (folder / "index.html").is_file():
        return []
    numbered = sorted(int(p.name) for p in folder.iterdir() if p.name.isdigit())
    return [f"/{entity}/{kind}/", *(f"/{entity}/{kind}/{n}/" for n in numbered)]


def listing(site: Path, entity: str, kind: str) -> str | None:
    """The pages of the list `kind` of `entity`, joined, links as from the entity page; None when the list is on the entity page."""
    urls = listing_urls(site, entity, kind)
    return "\n".join(_rebased(site, url, f"/{entity}/") for url in urls) if urls else None


def entity_html(site: Path, entity: str) -> str:
    """The entity page and the pages of all its long lists, joined, links as from the entity page."""
    base = f"/{entity}/"
    folder = site / entity
    kinds = sorted(p.name for p in folder.iterdir() if p.is_dir() and (p / "index.html").is_file()) if folder.is_dir() else []
    extra = [_rebased(site, url, base) for kind in kinds for url in listing_urls(site, entity, kind)]
    return "\n".join([_html(site, base), *extra])


def listed_fragment(pages: dict[str, str], entity: str, kind: str) -> str | None:
    """As `listing`, over generated fragments (path → HTML): the pages of the list `kind` of `actors/snc.md`, joined."""
    folder = entity.removesuffix(".md") + f"/{kind}/"
    paths = sorted((p for p in pages if p.startswith(folder) and p.count("/") == folder.count("/")), key=lambda p: (p != folder + "index.md", len(p), p))
    base = "/" + entity.removesuffix(".md") + "/"

    def url(path: str) -> str:
        return "/" + path.removesuffix(".md").removesuffix("index") + ("" if path.endswith("index.md") else "/")

    return "\n".join(LINK.sub(lambda m, p=p: f'{m[1]}="{rebase(m[2], url(p), base)}"', pages[p]) for p in paths) if paths else None
