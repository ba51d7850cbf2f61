"""An Atom feed (RFC 4287) of the sources by date, newest first, written with ElementTree.

The feed needs the published site's address (`site_url`): Atom ids and links are absolute.
Without one there is no feed, and the theme links to none.

Atom requires an `updated` time for the feed and each entry. Nobody records when a
document was added to the dossier, so both take the dossier's last change (`Site.built`,
from SOURCE_DATE_EPOCH), or `UNKNOWN_TIME` when that is not set: never the clock, never a
document date. A document's own date is stated at the precision given in the entry's
text, and as `published` only when it is a full, exact day.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..exports.sink import Download
from ..index import Index
from ..pages import Site
from ..words import date_text, language_name
from .citations import publisher_name

ATOM = "http://www.w3.org/2005/Atom"
PATH = "feed.xml"
LIMIT = 50
"""Entries in the feed: the newest sources only, so the file stays small at any scale."""
UNKNOWN_TIME = "1970-01-01T00:00:00Z"
"""`updated` when SOURCE_DATE_EPOCH is not set (the Unix epoch, as SOURCE_DATE_EPOCH=0 gives)."""


@dataclass(frozen=True)
class Feed:
    """The documents in the feed, newest first, and the feed's XML (None without a site address)."""

    entries: list[str]
    total: int
    xml: str | None


def _entry(feed: ET.Element, index: Index, site: Site, doc_id: str, updated: str) -> None:
    doc = index.sources.documents[doc_id].model
    url = site.absolute(f"sources/{doc_id}.md")
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    ET.SubElement(entry, f"{{{ATOM}}}id").text = url
    ET.SubElement(entry, f"{{{ATOM}}}title").text = doc.title
    ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=url)
    ET.SubElement(entry, f"{{{ATOM}}}updated").text = updated
    if doc.date and doc.date.precision == "day" and not doc.date.approximate:
        ET.SubElement(entry, f"{{{ATOM}}}published").text = f"{doc.date.value}T00:00:00Z"
    issuer = index.sources.actors[doc.issuer].model.name.value if doc.issuer else None
    lines = [
        doc.summary,
        f"Date: {date_text(doc.date)}.",
        f"Kind: {doc.kind.replace('-', ' ')}.",
        f"Issuer: {issuer}." if issuer else "Issuer: none (the publisher's own report).",
        f"Publisher: {publisher_name(index, doc) or 'not given'}.",
        f"Language: {language_name(doc.language)}.",
    ]
    content = ET.SubElement(entry, f"{{{ATOM}}}content", type="text")
    content.text = "\n".join(lines)
    content.set("{http://www.w3.org/XML/1998/namespace}lang", doc.language)


def atom(index: Index, site: Site, entries: list[str], total: int) -> str:
    """The feed's XML: sources `entries`, newest first, absolute links and ids."""
    ET.register_namespace("", ATOM)
    updated = site.built or UNKNOWN_TIME
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    address = site.site_url.rstrip("/") + "/" + PATH
    ET.SubElement(feed, f"{{{ATOM}}}id").text = address
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{site.name}: sources"
    shown = f"the {len(entries)} newest of {total} sources" if len(entries) < total else f"all {total} sources"
    ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = f"Sources of the dossier by date, newest first: {shown}. Undated sources come last."
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=address)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=site.absolute("sources/index.md"))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = site.name
    for doc_id in entries:
        _entry(feed, index, site, doc_id, updated)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def compute(index: Index, site: Site) -> Feed:
    """The newest `LIMIT` sources, and the feed when the site has an address."""
    order = index.newest_first()
    entries = order[:LIMIT]
    return Feed(entries, len(order), atom(index, site, entries, len(order)) if site.site_url else None)


def downloads(data: Feed, index: Index) -> list[Download]:
    """`feed.xml` at the site's root."""
    return [Download(PATH, data.xml)] if data.xml is not None else []
