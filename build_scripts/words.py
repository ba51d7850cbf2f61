"""How the dossier says things: dates at their precision, actor types, statuses, counted nouns, language names.

Shared by the pages, the views, the feed and the citations, so a date or a label reads the same everywhere.
Written in English and marked for translation (`catalogues.py`): a function given an edition's translations (`say`)
says it in that edition's language, with its plural forms; without, in English.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.support import NullTranslations
from markupsafe import Markup

from .catalogues import N_, NN_, SOURCE_LANGUAGE, translations
from .models import Date

MONTHS = (
    N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
    N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December"),
)  # fmt: skip
ENGLISH = translations(SOURCE_LANGUAGE)
"""The English edition's translations: the identity, English plural forms."""
ACTOR_TYPE_LABELS = {
    "coalition": NN_("coalition", "coalitions"),
    "party": NN_("party", "parties"),
    "movement": NN_("movement", "movements"),
    "armed-group": NN_("armed group", "armed groups"),
    "government": NN_("government", "governments"),
    "state": NN_("state", "states"),
    "un-body": NN_("UN body", "UN bodies"),
    "international-organisation": NN_("international organisation", "international organisations"),
    "ngo": NN_("NGO", "NGOs"),
    "media-outlet": NN_("media outlet", "media outlets"),
    "organisation": NN_("organisation", "organisations"),
    "person": NN_("person", "people"),
}
"""Actor types as readers say them: singular and plural."""
STATUS_LABELS = {
    "organised": N_("organised"),
    "attended": N_("attended"),
    "spoke": N_("spoke"),
    "addressed": N_("addressed by a speaker"),
    "boycotted": N_("boycotted"),
    "absent": N_("absent"),
    "invited": N_("invited"),
}

KIND_LABELS = {
    # Documents
    "news-report": NN_("news report", "news reports"), "statement": NN_("statement", "statements"),
    "press-release": NN_("press release", "press releases"), "speech": NN_("speech", "speeches"), "editorial": NN_("editorial", "editorials"),
    "report": NN_("report", "reports"), "interview": NN_("interview", "interviews"), "analysis": NN_("analysis", "analyses"),
    "other": NN_("other", "others"),
    # Conferences
    "conference": NN_("conference", "conferences"), "meeting": NN_("meeting", "meetings"),
    "negotiation-round": NN_("negotiation round", "negotiation rounds"), "summit": NN_("summit", "summits"),
    "process": NN_("process", "processes"), "series": NN_("series", "series"),
    # Instruments
    "resolution": NN_("resolution", "resolutions"), "communique": NN_("communique", "communiques"),
    "declaration": NN_("declaration", "declarations"), "decree": NN_("decree", "decrees"), "law": NN_("law", "laws"),
    "agreement": NN_("agreement", "agreements"), "memorandum": NN_("memorandum", "memoranda"),
}  # fmt: skip
"""What a source, a conference or an instrument is (`models.DOCUMENT_KINDS`, `CONFERENCE_KINDS`, `INSTRUMENT_KINDS`), as the pages,
lists and search results say it: in English the kind itself, its hyphen a space (the singular; its plural for the lists that count)."""


def kind_label(kind: str, say: NullTranslations = ENGLISH) -> str:
    """A source's, a conference's or an instrument's kind in words, in `say`'s language: `news report`, `communique`."""
    return say.ngettext(*KIND_LABELS[kind], 1) if kind in KIND_LABELS else kind.replace("-", " ")


NOUNS = {
    "actor": NN_("actor", "actors"),
    "bloc": NN_("bloc", "blocs"),
    "change": NN_("change", "changes"),
    "claim": NN_("claim", "claims"),
    "conference or meeting": NN_("conference or meeting", "conferences or meetings"),
    "demand": NN_("demand", "demands"),
    "demand or instrument": NN_("demand or instrument", "demands and instruments"),
    "history": NN_("history", "histories"),
    "joint position": NN_("joint position", "joint positions"),
    "member": NN_("member", "members"),
    "more demand": NN_("more demand", "more demands"),
    "more statement or instrument": NN_("more statement or instrument", "more statements or instruments"),
    "page": NN_("page", "pages"),
    "position": NN_("position", "positions"),
    "quote": NN_("quote", "quotes"),
    "source": NN_("source", "sources"),
    "statement or instrument": NN_("statement or instrument", "statements or instruments"),
    "step": NN_("step", "steps"),
    "topic": NN_("topic", "topics"),
    "voice": NN_("voice", "voices"),
}
"""The nouns the pages count, singular and plural, by their English singular: the templates' `counted` and `plural` say them in the
edition's language by its plural rules (Arabic has six forms)."""


def plural(noun: str, n: int, form: str | None = None, say: NullTranslations = ENGLISH) -> str:
    """The noun for `n` things: `position` for one, `positions` (or `form`) otherwise. The build's one pluraliser.

    A noun of `NOUNS` is said by the plural rules of `say`'s language; another (the command line's own words) by English rules.
    """
    if noun in NOUNS:
        return say.ngettext(*NOUNS[noun], n)
    return noun if n == 1 else form or noun + "s"


def counted(n: int, noun: str, form: str | None = None, say: NullTranslations = ENGLISH) -> str:
    """`1 position`, `2 positions`, `0 sources`."""
    return f"{n} {plural(noun, n, form, say)}"


def date_words(date: Date, say: NullTranslations = ENGLISH) -> str:
    """A date in words at the precision given, without the approximate mark: `21 January 2018`, `June 2023`, `2024`."""
    parts = date.value.split("-")
    text = parts[0]
    if len(parts) >= 2:
        text = f"{say.gettext(MONTHS[int(parts[1]) - 1])} {parts[0]}"
    if len(parts) == 3:
        text = f"{int(parts[2])} {text}"
    return text


def date_text(date: Date | None, unknown: str = "date not given", say: NullTranslations = ENGLISH) -> str:
    """A date as plain text, marked `c.` when approximate and `by` when an upper bound: `June 2023`, `c. 2024`, `by 2020`."""
    if date is None:
        return say.gettext(unknown)
    if date.no_later_than:
        return f"{say.gettext(N_('by'))} {date_words(date, say)}"
    return f"{say.gettext(N_('c.'))} {date_words(date, say)}" if date.approximate else date_words(date, say)


def type_label(actor_type: str, n: int = 1, say: NullTranslations = ENGLISH) -> str:
    """An actor type as readers say it: `UN body`, `NGOs`."""
    return say.ngettext(*ACTOR_TYPE_LABELS[actor_type], n)


def language_name(code: str, language: str = SOURCE_LANGUAGE) -> str:
    """A language code by its name in `language` (`ar` → Arabic, from the CLDR); the code itself when unknown."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(language)
    except (ValueError, UnknownLocaleError):
        return code
    return name or code


@lru_cache(maxsize=256)
def direction(code: str) -> str:
    """The writing direction of a language code, from the CLDR (babel): `rtl` for Arabic, `ltr` for English; `ltr` when unknown."""
    try:
        order = Locale.parse(code.replace("-", "_")).character_order
    except (ValueError, UnknownLocaleError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def script_language(text: str, default: str = "en") -> str:
    """`ar` for a name written in Arabic script, else `default`: names and aliases carry no language of their own."""
    return "ar" if _ARABIC.search(text) else default


BASIS_WORDS = {"first-hand": N_("first-hand"), "reported": N_("reported"), "described": N_("described")}
"""A summary's basis classes in words: the actor's own word (quoted, own publication, issued jointly), the source's report, a third party's description."""
ACCORDING_TO = N_("according to")
"""Before whose description a position known only from third parties is: `according to Kassioun`."""
UNNAMED_DESCRIBER = N_("its source")
"""Whose description it is when the source names no describer (no speaker, issuer or outlet): the source itself."""
MATRIX_MARKS = {"first-hand": "", "reported": "r", "described": "d"}
"""A matrix cell's mark of its strongest basis, after its count: none for first-hand, `−1r` reported, `+1d` only a third party's description."""
DESCRIBERS_NAMED = 3
"""Describers a summary names; more are counted."""
BASIS_COUNT = N_("%(count)s %(basis)s")
"""One basis class and its positions, in a summary of several: `2 reported`."""
COMMA, AND = N_(", "), N_(" and ")
"""Between the items of a list, and before its last."""
MORE_DESCRIBERS = NN_(" and %(num)s other", " and %(num)s others")
"""After the describers a summary names, those it counts."""

Segment = tuple[str | None, str]
"""A piece of a summary's wording: (None, text), or (actor id, name) for a name that links to the actor's page."""


def basis_words(counts: dict[str, int], describers: list[Segment], say: NullTranslations = ENGLISH) -> list[Segment]:
    """On whose word a summary of positions rests, strongest basis first: the one place that says it.

    `counts`: basis class → positions (first-hand, reported, described); `describers`: whose descriptions the described ones are.
    One class: `first-hand`, `reported`, or `according to X and Y` (a third party's description, never stated unmarked).
    Several: each with its count, strongest first: `1 first-hand, 2 reported`, `1 reported, 1 described`.
    Said in `say`'s language (English by default: the views' and the downloads' wording).
    """
    present = [(kind, counts[kind]) for kind in BASIS_WORDS if counts.get(kind)]
    if len(present) > 1:
        counted_classes = (say.gettext(BASIS_COUNT) % {"count": n, "basis": say.gettext(BASIS_WORDS[kind])} for kind, n in present)
        return [(None, say.gettext(COMMA).join(counted_classes))]
    if not present or present[0][0] != "described":
        return [(None, say.gettext(BASIS_WORDS[present[0][0] if present else "described"]))]
    # The source standing for an unnamed describer (`views/basis.py`) is said in the edition's language; names are names.
    named = [(id, say.gettext(text) if (id, text) == (None, UNNAMED_DESCRIBER) else text) for id, text in describers[:DESCRIBERS_NAMED]]
    named = named or [(None, say.gettext(UNNAMED_DESCRIBER))]
    more = max(len(describers) - DESCRIBERS_NAMED, 0)  # none when the source itself stands for the describer
    out: list[Segment] = [(None, f"{say.gettext(ACCORDING_TO)} ")]
    for n, segment in enumerate(named):
        if n:
            out.append((None, say.gettext(AND if n == len(named) - 1 and not more else COMMA)))
        out.append(segment)
    if more:
        out.append((None, say.ngettext(*MORE_DESCRIBERS, more) % {"num": more}))
    return out


def attribute_json(data: object) -> Markup:
    """`data` as JSON for a single-quoted HTML attribute that a script reads: every character that could end the attribute or
    begin a reference (`'`, `&`, `<`, `>`) written as a JSON escape; the edition's letters as they are."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.translate(_ATTRIBUTE_ESCAPES))


_ATTRIBUTE_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in "'&<>"}


def segments_text(segments: list[Segment]) -> str:
    """A summary's wording as plain text (an accessible name, a CSV cell)."""
    return "".join(text for _, text in segments)
