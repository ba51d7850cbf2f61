"""New source files with every field present and explained (`dossier new`).

What only a maintainer can supply is left `null`, so `dossier check` points at each value
still to fill in, with its line, instead of a placeholder that could reach readers.
"""

from __future__ import annotations

import json

from .models import ACTOR_TYPES, BASES, CONFERENCE_KINDS, DOCUMENT_KINDS, INSTRUMENT_KINDS, ISSUING, RELATIONS, STANCES, STATUSES, THEMES

KINDS = ("document", "actor", "conference", "demand", "instrument")


def _text(value: str | None) -> str:
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def _options(values: tuple[str, ...]) -> str:
    return ", ".join(values)


def scaffold(kind: str, record_id: str, title: str, date: str | None = None, url: str | None = None) -> str:
    """The text of a new file of `kind`, named `title`, with `date` and `url` filled in where the kind has them."""
    if url is not None and kind != "document":
        raise ValueError("--url is a document's address; other kinds have none")
    if date is not None and kind in ("actor", "demand"):
        raise ValueError(f"--date does not apply to a new {kind}")
    return _TEMPLATES[kind].format(id=record_id, title=_text(title), date=_text(date), url=_text(url))


_TEMPLATES = {
    "document": f"""---
# A source document: its metadata as far as the document gives it, its full text below the closing ---.
# Never invent a URL, a date or an author: leave them null and say what is unknown in `note`.
title: {{title}}  # in the document's own language
title_translation: null  # for a title in another language: {{{{text: English working title, by: editors}}}}
kind: null  # {_options(DOCUMENT_KINDS)}
language: en  # of the text: en, ar...
issuer: null  # the actor whose statement or publication this is (its id); null for an outlet's report on others
issuers: []  # for a joint statement, instead of issuer: every actor that issues it (ids)
publisher:
  name: null  # the outlet that carries it, as the document names it
  actor: null  # its id, when the outlet is an actor of the dossier
author: null
date: {{date}}  # YYYY, YYYY-MM or YYYY-MM-DD, as precise as the document gives it
url: {{url}}  # the document's own address, where its publisher publishes it; never a guess (a copy from elsewhere: say in `note` where the copy comes from)
excerpt: false  # true when the text below is a partial copy; then say what it leaves out in excerpt_note
excerpt_note: null
summary: null  # the editors' own English summary, in neutral words
note: null  # what is unknown or uncertain about this document, and why; where a copy taken from elsewhere comes from
actors: []  # every actor the document names or acts on (ids)
conferences: []  # every conference, meeting or track it mentions
instruments: []  # every resolution, communiqué or decree it mentions
unlisted: []  # what the text names but the lists above leave out on purpose, each with the reason
# - id: an-actor-conference-or-instrument-id
#   reason: why it is left out (named only in the publisher's boilerplate, as a place...)
claims: []
# - actor: an-actor-id  # or `actors: [a, b]` for a joint claim
#   speaker: null  # the person who voiced the position, when the text names one
#   relayed_by: null  # who reports the actors' position for them (an envoy briefing a council), if anyone
#   demand: a-demand-id  # or `instrument: an-instrument-id` for a stance on a statement as a whole
#   stance: supports  # {_options(STANCES)}
#   condition: null  # for a conditional stance: the condition, in the document's terms
#   basis: reported  # {_options(BASES)}
#   conference: null
#   instruments: []  # the instruments this passage names (a demand's are not the claim's)
#   date: null  # when voiced, if not the document's date; {{{{value: "2024-05", no_later_than: true}}}} for "by May 2024"
#   evidence: a passage copied verbatim from the text below
#   translation: null  # for a text in another language: {{{{text: ..., by: editors}}}}
#   note: null
quotes: []
# - speaker: a-person-id  # and/or `actor:` whom the words are attributed to
#   text: the words, verbatim from the text below
---
""",
    "actor": f"""---
# An actor: what the documents call it. A fact no document gives is marked `editorial:` with the reason.
name: {{title}}  # in English, as the documents give it
type: null  # {_options(ACTOR_TYPES)}
name_ar: null  # as a document gives it, or {{{{value: ..., editorial: why the editors supply it}}}}
acronym: null
aliases: []
affiliations: []
# - to: another-actor-id
#   relation: member-of  # {_options(RELATIONS)}
#   role: null
#   start: null
#   end: null
#   source: the-document-that-states-it  # or `editorial:` why the editors record it
sources: []  # documents the description draws on (pages find every document that names it)
former_ids: []  # ids it had before a rename: none for a new one
description_ar: null  # the body below in Arabic, or {{{{value: ..., editorial: "The editors' translation: ..."}}}}
---
""",
    "conference": f"""---
# A conference, meeting, negotiation round, summit, or a whole process or series.
name: {{title}}
kind: null  # {_options(CONFERENCE_KINDS)}
name_ar: null  # as a document gives it, or {{{{value: ..., editorial: why the editors supply it}}}}
short_name: null
series: null  # the id of the series or process it belongs to
number: null  # its place in the series
start: {{date}}  # YYYY, YYYY-MM or YYYY-MM-DD
end: null
place: null
participants: []
# - actor: an-actor-id
#   status: attended  # {_options(STATUSES)}
#   role: null
#   source: the-document-that-says-so
attendance: null  # {{{{count: 300, unit: participants, source: a-document-id}}}}
outcomes: []
# - title: the outcome document's title
#   instrument: null
#   source: the-document-that-reports-it
sources: []  # documents the description draws on (pages find every document that names it)
former_ids: []  # ids it had before a rename: none for a new one
description_ar: null  # the body below in Arabic, or {{{{value: ..., editorial: "The editors' translation: ..."}}}}
---
""",
    "demand": f"""---
# A position actors can support or oppose, stated in neutral words.
statement: {{title}}
statement_ar: null  # in Arabic: {{{{value: ..., editorial: "The editors' translation: ..."}}}}, or plain as a document gives it
theme: null  # {_options(THEMES)}
instruments: []  # the resolutions, communiqués or decrees it refers to
related: []  # other demands it is close to
sources: []  # documents the description draws on (pages find every document that names it)
former_ids: []  # ids it had before a rename: none for a new one
description_ar: null  # the body below in Arabic, or {{{{value: ..., editorial: "The editors' translation: ..."}}}}
---
""",
    "instrument": f"""---
# A UN resolution, communiqué, declaration, decree or agreement that actors invoke and conferences produce.
name: {{title}}
kind: null  # {_options(INSTRUMENT_KINDS)}
name_ar: null  # as a document gives it, or {{{{value: ..., editorial: why the editors supply it}}}}
short_name: null
aliases: []
date: {{date}}  # YYYY, YYYY-MM or YYYY-MM-DD
issuers: []  # who issued, adopted or signed it; each counts as supporting it
# - actor: an-actor-id
#   status: issued  # {_options(ISSUING)}
#   source: the-document-that-says-so  # it must list the actor and this instrument
sources: []  # documents the description draws on (pages find every document that names it)
former_ids: []  # ids it had before a rename: none for a new one
description_ar: null  # the body below in Arabic, or {{{{value: ..., editorial: "The editors' translation: ..."}}}}
---
""",
}
