"""A synthetic dossier of any size for `make bench` and the tests at scale: every kind of record, English and Arabic.

Everything here is invented for measurement: names, numbers and the Arabic text are synthetic
(labelled so in the records and in the text itself), never real actors or real statements.
"""

from __future__ import annotations

from pathlib import Path

STANCES = ("supports", "opposes")
THEMES = ("transition", "governance", "justice", "humanitarian", "economy", "sovereignty", "security", "rights", "civil-society", "process")
TYPES = (
    ("organisation", "coalition", "movement"),
    ("party",),
    ("state", "government"),
    ("un-body", "international-organisation"),
    ("ngo", "media-outlet", "armed-group"),
    ("person",),
)
"""Actor types by position modulo 6: every sixth actor is a person, the other slots rotate through every other type."""
STATUSES = ("organised", "attended", "spoke", "addressed", "boycotted", "absent", "invited")
INSTRUMENT_KINDS = ("resolution", "communique", "declaration", "decree", "agreement")
ADJECTIVES = ("Free", "Civic", "United", "Popular", "Democratic", "National", "Syrian", "Coastal", "Kurdish", "Liberal")
NOUNS = ("Council", "Front", "Bloc", "Party", "Union", "Forum", "League", "Movement", "Alliance", "Assembly")
FIRST_NAMES = ("Rami", "Lina", "Omar", "Huda", "Samir", "Nour", "Fadi", "Rana")
LAST_NAMES = ("Haddad", "Khoury", "Saleh", "Nasser", "Darwish", "Hamdan", "Yousef", "Azar")
AR_NOUNS = ("المجلس", "الجبهة", "الكتلة", "الحزب", "الاتحاد", "المنتدى", "الرابطة", "الحركة", "التحالف", "الجمعية")
AR_ADJECTIVES = ("الحر", "المدني", "الموحد", "الشعبي", "الديمقراطي", "الوطني", "السوري", "الساحلي", "الكردي", "الليبرالي")
SYNTHETIC = "{value: %s, editorial: Synthetic benchmark data}"
ARABIC_EVERY = 10
"""Every tenth document (n % 10 == 9) is an Arabic one, so Arabic paths are measured at scale."""
AR_LABEL = "هذا نص تجريبي كتب لقياس أداء الموقع، وليس وثيقة حقيقية."
""""This is a synthetic text written to measure the site's performance, not a real document": the first line of every Arabic body."""


def actor_name(a: int) -> str:
    """A short synthetic name: `National Council 15`, or a person's `Rami Haddad 5`."""
    if a % 6 == 5:
        return f"{FIRST_NAMES[a // 6 % 8]} {LAST_NAMES[a // 48 % 8]} {a}"
    return f"{ADJECTIVES[a % 10]} {NOUNS[a // 10 % 10]} {a}"


def _date(n: int) -> str:
    """Every precision the format allows: year, month, day, approximate, none."""
    year = 2015 + n % 10
    return {
        0: f"date: '{year}'\n",
        1: f"date: '{year}-{n % 12 + 1:02d}-{n % 28 + 1:02d}'\n",
        2: f"date: {{value: '{year}', approximate: true, note: Synthetic}}\n",
        3: "",
    }.get(n % 10, f"date: '{year}-{n % 12 + 1:02d}'\n")


def _person(n: int, actors: int) -> str:
    """A person actor (every sixth actor is one), to speak in document `n`."""
    return f"actor-{(n % (actors // 6)) * 6 + 5}"


def _actor(a: int) -> str:
    types = TYPES[a % 6]
    kind = types[a // 6 % len(types)]
    front = f"name: {actor_name(a)}\ntype: {kind}\naliases: [{SYNTHETIC % f'A{a}'}]\n"  # plain: the documents that name the actor give its name
    if a % 4 == 0:
        front += f"acronym: {SYNTHETIC % f'{ADJECTIVES[a % 10][0]}{NOUNS[a // 10 % 10][0]}{a}'}\n"
    if a % 3 == 0:
        front += f"name_ar: {SYNTHETIC % f'{AR_NOUNS[a // 10 % 10]} {AR_ADJECTIVES[a % 10]} {a}'}\n"
    if kind == "person":
        ties = f"  - {{to: actor-{a - 1}, relation: works-for, editorial: Synthetic}}\n"
        if a % 12 == 5:
            ties += f"  - {{to: actor-{a - 5}, relation: leads, role: Chair, start: '{2015 + a % 10}', editorial: Synthetic}}\n"
        front += f"affiliations:\n{ties}"
    elif a % 6 == 1:
        front += f"affiliations: [{{to: actor-{a - 1}, relation: member-of, editorial: Synthetic}}]\n"
    return f"---\n{front}---\nAn actor (synthetic).\n"


def _conference(c: int, actors: int) -> str:
    parts = "".join(f"  - {{actor: actor-{(c * 7 + k) % actors}, status: {STATUSES[(c + k) % 7]}, source: document-{c}}}\n" for k in range(5))
    front = (
        f"name: {SYNTHETIC % f'Meeting {c}'}\nkind: {('conference', 'meeting', 'negotiation-round', 'summit')[c % 4]}\nseries: series\n"
        f"number: {c + 1}\nstart: '{2015 + c % 10}-{c % 12 + 1:02d}'\nplace: {SYNTHETIC % 'Somewhere'}\nparticipants:\n{parts}"
    )
    if c % 2 == 0:
        front += f"end: '{2015 + c % 10}-{c % 12 + 1:02d}'\nshort_name: M{c}\nattendance: {{count: {20 + c}, unit: delegates, source: document-{c}}}\n"
    if c < 5:
        front += f"outcomes: [{{title: Outcome {c}, kind: declaration, instrument: instrument-{c}, source: document-{c}}}]\n"
    return f"---\n{front}---\nA meeting (synthetic).\n"


def write_corpus(root: Path, documents: int) -> None:
    """A synthetic dossier of `documents` sources that exercises every kind of record the views read.

    Stances follow the parity of actor and demand (so blocs, agreement and conflict exist), with
    conditional positions; every basis, speakers, joint claims, quotes by speakers and by actors,
    conferences with participants and attendance, instruments, affiliations, dates at every
    precision, and every tenth document in Arabic with translations beside its words.
    """
    for kind in ("documents", "actors", "conferences", "demands", "instruments"):
        (root / kind).mkdir(parents=True)
    actors, demands, conferences = max(18, documents // 10), max(10, documents // 20), max(3, documents // 100)
    for a in range(actors):
        (root / "actors" / f"actor-{a}.md").write_text(_actor(a), encoding="utf-8")
    for i in range(5):
        front = f"name: Instrument {i}\nkind: {INSTRUMENT_KINDS[i]}\ndate: '{2012 + i}'\n"  # plain: the documents that invoke it name it
        if i == 0:
            front += f"short_name: I0\naliases: [{SYNTHETIC % 'The first instrument'}]\n"
        (root / "instruments" / f"instrument-{i}.md").write_text(f"---\n{front}---\nAn instrument (synthetic).\n", encoding="utf-8")
    for d in range(demands):
        refers = f"instruments: [instrument-{d % 5}]\n" if d % 3 == 0 else ""
        refers += f"related: [demand-{d - 1}]\n" if d % 4 == 1 else ""
        (root / "demands" / f"demand-{d}.md").write_text(f"---\nstatement: Demand {d}\ntheme: {THEMES[d % 10]}\n{refers}---\nA demand.\n", encoding="utf-8")
    (root / "conferences" / "series.md").write_text(f"---\nname: {SYNTHETIC % 'Series'}\nkind: series\n---\nA series.\n", encoding="utf-8")
    for c in range(conferences):
        (root / "conferences" / f"meeting-{c}.md").write_text(_conference(c, actors), encoding="utf-8")
    for n in range(documents):
        arabic = n % ARABIC_EVERY == ARABIC_EVERY - 1
        (root / "documents" / f"document-{n}.md").write_text(_document(n, actors, demands, conferences, arabic), encoding="utf-8")


def _document(n: int, actors: int, demands: int, conferences: int, arabic: bool) -> str:
    """Document `n`: four claims (every basis, a speaker, a conference, an instrument, some joint), and its quotes."""
    person = _person(n, actors)
    pairs = [((n + 7 * k) % actors, (n // 3 + 5 * k) % demands) for k in range(4)]  # actors meet on demands in many combinations
    joint = (n * 11 + 3) % actors if n % 20 == 0 else None
    named = sorted({f"actor-{a}" for a, _ in pairs} | {person} | ({f"actor-{joint}"} if joint is not None else set()))
    if arabic:
        sentences = [f"يطالب الطرف {a} بالبند {k} من المطلب {d} في الوثيقة {n}." for k, (a, d) in enumerate(pairs)] + ["", ""]
        sentences[0] = f"وقال المتحدث: «نريد البند 0 من المطلب {pairs[0][1]} في الوثيقة {n}»."
        sentences[4] = f"تنتهي الوثيقة {n} هنا (Instrument {n % 5})."
        sentences[5] = f"وأضاف الشخص {person.removeprefix('actor-')}: «هذا هو الاقتباس التجريبي للوثيقة {n}»."
        sentences.insert(0, AR_LABEL)
    else:
        sentences = [f"{actor_name(a)} asks for point {k} of demand {d} in document {n}." for k, (a, d) in enumerate(pairs)] + ["", ""]
        sentences[0] = f'The speaker said "we want point 0 of demand {pairs[0][1]} in document {n}".'
        sentences[4] = f"Document {n} ends its report, under Instrument {n % 5}."
        sentences[5] = f'{actor_name(int(person.removeprefix("actor-")))} added: "this is the quote of document {n}".'
    if n % 4 == 1:
        sentences.append(f"وجاء في البيان: «{_actor_quote(n, arabic)}»." if arabic else f'A spokesperson said: "{_actor_quote(n, arabic)}".')
    issuer = f"actor-{n % actors}" if n % 5 == 0 else None
    claims = "".join(_claim(n, k, pairs, person, issuer, joint, conferences, arabic) for k in range(4))
    quotes = _quotes(n, person, pairs, conferences, arabic)
    if arabic:
        title = f"title: تقرير تجريبي رقم {n}\ntitle_translation: {{text: Synthetic report number {n}, by: editors}}\nlanguage: ar\n"
    else:
        title = f"title: Document {n}\nlanguage: en\n"
    extra = f"issuer: {issuer}\n" if issuer else ""
    extra += f"author: Synthetic Author {n % 9}\n" if n % 4 == 0 else ""
    extra += f"url: https://example.org/synthetic/{n}\n" if n % 3 == 0 else ""
    extra += "excerpt: true\nexcerpt_note: Synthetic excerpt\n" if n % 13 == 0 else ""
    publisher = f"{{actor: actor-{n % actors}, name: Synthetic Outlet {n % 7}}}" if n % 5 == 0 else f"{{name: Synthetic Outlet {n % 7}}}"
    front = (
        f"{title}kind: {('report', 'news-report', 'statement', 'speech')[n % 4]}\n{_date(n)}summary: Summary of synthetic document {n}.\n"
        f"publisher: {publisher}\n{extra}actors: [{', '.join(named)}]\nconferences: [meeting-{n % conferences}]\ninstruments: [instrument-{n % 5}]\n"
        f"claims:\n{claims}quotes:\n{quotes}"
    )
    return f"---\n{front}---\n" + "\n\n".join(sentences) + "\n"


def _actor_quote(n: int, arabic: bool) -> str:
    return f"نحن ندعم الحوار في الوثيقة {n}" if arabic else f"we support dialogue in document {n}"


def _claim(n: int, k: int, pairs: list[tuple[int, int]], person: str, issuer: str | None, joint: int | None, conferences: int, arabic: bool) -> str:
    actor, demand = pairs[k]
    # A fourth claim of every fourth document takes the other side: without it no two actors ever took opposite sides in one period,
    # and the benchmark never timed the polarisation score, which is computed only where a period is divided.
    flip = 1 if k == 3 and n % 4 == 1 else 0
    stance = "conditional" if (n + k) % 11 == 0 else STANCES[(actor + demand + flip) % 2]
    basis = ("own-publication" if issuer else "quoted", "reported", "characterised", "reported")[k]
    if arabic:
        evidence = f"نريد البند 0 من المطلب {demand} في الوثيقة {n}" if k == 0 else f"يطالب الطرف {actor} بالبند {k} من المطلب {demand} في الوثيقة {n}"
        english = f"we want point 0 of demand {demand} in document {n}" if k == 0 else f"Party {actor} asks for point {k} of demand {demand} in document {n}"
    else:
        evidence = (
            f"we want point 0 of demand {demand} in document {n}" if k == 0 else f"{actor_name(actor)} asks for point {k} of demand {demand} in document {n}"
        )
    who = f"    actors: [actor-{actor}, actor-{joint}]\n" if k == 2 and joint is not None and joint != actor else f"    actor: actor-{actor}\n"
    extra = f"    condition: Synthetic condition {k}\n" if stance == "conditional" else ""
    extra += f"    conference: meeting-{n % conferences}\n" if k == 1 else ""
    extra += f"    date: '{2015 + n % 10}'\n" if k == 1 and n % 6 == 0 else ""
    extra += f"    instruments: [instrument-{n % 5}]\n" if k == 2 else ""
    extra += f"    speaker: {person}\n" if k == 3 and f"actor-{actor}" != person else ""
    extra += f"    translation: {{text: '{english}', by: editors}}\n" if arabic else ""
    return f"  - {who.strip()}\n    demand: demand-{demand}\n    stance: {stance}\n    basis: {basis}\n    evidence: '{evidence}'\n{extra}"


def _quotes(n: int, person: str, pairs: list[tuple[int, int]], conferences: int, arabic: bool) -> str:
    """The speaker's quote (translated in Arabic documents), and in every fourth document an actor's unattributed words."""
    if arabic:
        by = "{by: published, name: Synthetic Outlet English edition}" if n % 20 == 19 else "{by: editors}"
        translation = f"    translation: {{text: this is the synthetic quote of document {n}, {by[1:-1]}}}\n"
        text = f"هذا هو الاقتباس التجريبي للوثيقة {n}"
    else:
        translation, text = "", f"this is the quote of document {n}"
    quotes = f"  - speaker: {person}\n    text: {text}\n{translation}"
    if n % 4 == 1:
        quotes += f"  - actor: actor-{pairs[1][0]}\n    text: {_actor_quote(n, arabic)}\n    conference: meeting-{n % conferences}\n"
        quotes += f"    translation: {{text: we support dialogue in document {n}, by: editors}}\n" if arabic else ""
    return quotes
