"""An Atom feed (RFC 4287) of the sources by date, newest first, and of the position changes, newest first, written with ElementTree.

The feed needs the published site's address (`site_url`): Atom ids and links are absolute.
Without one there is no feed, and the theme links to none.

Atom requires an `updated` time for the feed and each entry. Nobody records when a
document was added to the dossier, so both take the dossier's last change (`Site.built`,
from SOURCE_DATE_EPOCH), or `UNKNOWN_TIME` when that is not set: never the clock, never a
document date. A document's own date is stated at the precision given in the entry's
text, and as `published` only when it is a full, exact day. A position change (`histories.Shift`) is
an entry too: its id the change's anchor on the list of changes (actor, topic and later document:
stable however the list is paged), its link the page of the list that holds it now, and its date
the later position's, stated the same way.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from babel.support import NullTranslations

from ..catalogues import N_, translations
from ..exports.sink import Download
from ..index import Index
from ..models import Date
from ..pages import Site
from ..words import date_text, kind_label, language_name
from .citations import publisher_name
from .histories import PATH as SHIFTS
from .histories import Shift, Side
from .stances import topic_label

ATOM = "http://www.w3.org/2005/Atom"
PATH = "feed.xml"
LIMIT = 50
"""Entries in the feed: the newest sources only, and the newest position changes only, so the file stays small at any scale."""
UNKNOWN_TIME = "1970-01-01T00:00:00Z"
"""`updated` when SOURCE_DATE_EPOCH is not set (the Unix epoch, as SOURCE_DATE_EPOCH=0 gives)."""


@dataclass(frozen=True)
class Feed:
    """The documents in the feed, newest first, and the feed's XML (None without a site address)."""

    entries: list[str]
    total: int
    xml: str | None
    shifts: tuple[Shift, ...] = ()
    """The position changes in the feed, newest first."""


def _entry(feed: ET.Element, index: Index, site: Site, doc_id: str, updated: str) -> None:
    say = translations(site.language)
    doc = index.sources.documents[doc_id].model
    url = site.absolute(f"sources/{doc_id}.md")
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    ET.SubElement(entry, f"{{{ATOM}}}id").text = url
    ET.SubElement(entry, f"{{{ATOM}}}title").text = doc.title
    ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=url)
    ET.SubElement(entry, f"{{{ATOM}}}updated").text = updated
    _published(entry, doc.date)
    issuer = index.sources.actors[doc.issuer].model.name.value if doc.issuer else None
    lines = [
        doc.summary,
        say.gettext(N_("Date: %(date)s.")) % {"date": date_text(doc.date, say=say)},
        say.gettext(N_("Kind: %(kind)s.")) % {"kind": kind_label(doc.kind, say)},
        say.gettext(N_("Issuer: %(issuer)s.")) % {"issuer": issuer} if issuer else say.gettext(N_("Issuer: none (the publisher's own report).")),
        say.gettext(N_("Publisher: %(publisher)s.")) % {"publisher": publisher_name(index, doc) or say.gettext(N_("not given"))},
        say.gettext(N_("Language: %(language)s.")) % {"language": language_name(doc.language, language=site.language)},
    ]
    content = ET.SubElement(entry, f"{{{ATOM}}}content", type="text")
    content.text = "\n".join(lines)
    content.set("{http://www.w3.org/XML/1998/namespace}lang", doc.language)


def _published(entry: ET.Element, date: Date | None) -> None:
    if date and date.precision == "day" and not date.approximate and not date.no_later_than:
        ET.SubElement(entry, f"{{{ATOM}}}published").text = f"{date.value}T00:00:00Z"


def _side_text(index: Index, label: str, side: Side, say: NullTranslations) -> str:
    dates = say.gettext(N_(" and ")).join(date_text(d, say=say) for d in side.dates) or date_text(None, say=say)
    title = index.sources.documents[side.document].model.title
    return say.gettext(N_("%(side)s: %(stance)s, %(dates)s, in %(title)s.")) % {
        "side": label,
        "stance": say.gettext(STANCE_WORDS[side.stance]),
        "dates": dates,
        "title": title,
    }


def _shift_entry(feed: ET.Element, index: Index, site: Site, shift: Shift, updated: str) -> None:
    say = translations(site.language)
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    ET.SubElement(entry, f"{{{ATOM}}}id").text = site.absolute(SHIFTS, shift.anchor)
    actor = index.sources.actors[shift.actor].model.name.value
    words = {"actor": actor, "topic": topic_label(index, shift.topic), "change": say.gettext(KIND_WORDS[shift.kind])}
    ET.SubElement(entry, f"{{{ATOM}}}title").text = say.gettext(N_("%(actor)s on %(topic)s: %(change)s")) % words
    ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=site.absolute(shift.path, shift.anchor))
    ET.SubElement(entry, f"{{{ATOM}}}updated").text = updated
    dates = shift.after.dates
    _published(entry, dates[0] if len(dates) == 1 else None)
    stances = {"before": say.gettext(STANCE_WORDS[shift.before.stance]), "after": say.gettext(STANCE_WORDS[shift.after.stance])}
    when = say.gettext(N_(" and ")).join(date_text(d, say=say) for d in dates) or date_text(None, say=say)
    lines = [
        say.gettext(N_("Position change (%(change)s): %(actor)s went from %(before)s to %(after)s."))
        % ({"actor": actor, "change": say.gettext(KIND_NAMES[shift.kind])} | stances),
        say.gettext(N_("Date: %(date)s (the later position's).")) % {"date": when},
        _side_text(index, say.gettext(N_("Earlier")), shift.before, say),
        _side_text(index, say.gettext(N_("Later")), shift.after, say),
        say.gettext(N_("Both passages are on the page, side by side.")),
    ]
    ET.SubElement(entry, f"{{{ATOM}}}content", type="text").text = "\n".join(lines)


KIND_WORDS = {"reversal": N_("reversed"), "softened": N_("softened"), "hardened": N_("hardened")}
"""A change in a feed entry's title: `SNC on <demand>: reversed`."""
KIND_NAMES = {"reversal": N_("reversal"), "softened": N_("softened"), "hardened": N_("hardened")}
"""A change's kind, as its entry's text names it: `Position change (reversal)`."""
STANCE_WORDS = {"supports": N_("supports"), "opposes": N_("opposes"), "conditional": N_("conditional"), "mixed": N_("mixed")}
"""A stance as a feed entry's text says it."""


def atom(index: Index, site: Site, entries: list[str], total: int, shifts: Sequence[Shift] = (), changes: int = 0) -> str:
    """The feed's XML: sources `entries`, newest first, then position changes `shifts` of `changes`, newest first; absolute links and ids."""
    ET.register_namespace("", ATOM)
    updated = site.built or UNKNOWN_TIME
    say = translations(site.language)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": site.language})
    address = site.site_url.rstrip("/") + "/" + PATH
    ET.SubElement(feed, f"{{{ATOM}}}id").text = address
    titled = N_("%(site)s: sources and position changes") if changes else N_("%(site)s: sources")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = say.gettext(titled) % {"site": site.name}
    counts = {"shown": len(entries), "total": total}
    shown = say.gettext(N_("the %(shown)s newest of %(total)s sources") if len(entries) < total else N_("all %(total)s sources")) % counts
    subtitle = say.gettext(N_("Sources of the dossier by date, newest first: %(shown)s. Undated sources come last.")) % {"shown": shown}
    if changes:
        counts = {"shown": len(shifts), "total": changes}
        listed = say.gettext(N_("the %(shown)s newest of %(total)s") if len(shifts) < changes else N_("all %(total)s")) % counts
        subtitle += say.gettext(N_(" Then position changes, newest first by the later position's date: %(listed)s.")) % {"listed": listed}
    ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = subtitle
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=address)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=site.absolute("sources/index.md"))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = site.name
    for doc_id in entries:
        _entry(feed, index, site, doc_id, updated)
    for shift in shifts:
        _shift_entry(feed, index, site, shift, updated)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def compute(index: Index, site: Site, shifts: Sequence[Shift] = ()) -> Feed:
    """The newest `LIMIT` sources and `LIMIT` position changes (`shifts`, newest first), and the feed when the site has an address."""
    order = index.newest_first()
    entries, changes = order[:LIMIT], tuple(shifts[:LIMIT])
    xml = atom(index, site, entries, len(order), changes, len(shifts)) if site.site_url else None
    return Feed(entries, len(order), xml, changes)


def downloads(data: Feed, index: Index) -> list[Download]:
    """`feed.xml` at the site's root."""
    return [Download(PATH, data.xml)] if data.xml is not None else []
