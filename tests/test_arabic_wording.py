"""The Arabic interface reads as Arabic once its messages are filled: counts, list separators, basis and stance words,
the review's fixed terms (build_scripts/locale/ar/LC_MESSAGES/messages.po, issue 21; English stays the templates' own)."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

from build_scripts.catalogues import catalogue, translations
from build_scripts.views.basis import Basis
from build_scripts.views.templating import TEMPLATES, environment
from build_scripts.words import NOUNS
from tests.test_catalogues import lexed

ARABIC_LETTER = "\u0600-\u06ff"
COUNT_BEFORE_NOUN = re.compile(r"(%\([a-z_0-9]+\)s|\{[a-z_]+\}) ([a-z]+)")


def _messages() -> list[tuple[str, str]]:
    """Every singular message of the Arabic catalogue with its translation."""
    return [(m.id, m.string) for m in catalogue("ar") if m.id and isinstance(m.id, str)]


def test_a_raw_count_is_never_put_before_an_arabic_noun_fixed_in_one_case() -> None:
    # "%(number)s فاعلًا" is right only for 11-99: a count must be a plural message, or stand where any number reads right.
    arabic = catalogue("ar")
    forms = {}
    for singular, (_one, many) in NOUNS.items():
        translated = arabic.get((singular, many))
        if " " not in singular and translated is not None:
            forms[many] = {form.split()[-1] for form in translated.string}
    assert {"actors", "pages", "positions", "sources", "demands"} <= set(forms)
    wrong = []
    for msgid, msgstr in _messages():
        for count, noun in COUNT_BEFORE_NOUN.findall(msgid):
            after = msgstr.partition(count + " ")[2].split(" ")[0].strip("،؛:.()")
            if after in forms.get(noun, ()):
                wrong.append((msgid, msgstr))
    assert wrong == []


def _commas_outside_messages(source: str, name: str) -> list[int]:
    """Lines where a template prints a comma, or a spaced `and` message, outside a trans block: text no edition translates."""
    found = [line for line, kind, value, in_trans in lexed(environment(), source, name) if kind == "data" and not in_trans and "," in value]
    return found + [n for n, text in enumerate(source.splitlines(), 1) if re.search(r"\} \{% trans\s+%\}and\{% endtrans %\} \{", text)]


def test_lists_are_joined_by_messages_never_by_a_latin_comma_or_a_spaced_and() -> None:
    assert _commas_outside_messages("{% for a in x %}{{ a }}{% if not loop.last %}, {% endif %}{% endfor %}", "t") == [1]
    assert _commas_outside_messages('{% trans %}a, b{% endtrans %}{{ _(", ") }}<a title="{{ t }}">', "t") == []
    found = {path.name: _commas_outside_messages(path.read_text(encoding="utf-8"), path.name) for path in sorted(TEMPLATES.glob("*.j2"))}
    assert {name: lines for name, lines in found.items() if lines} == {}
    arabic = environment("ar").from_string('a{{ _(", ") }}b{{ _(" and ") }}c').render()
    assert arabic == "a، b وc"
    assert environment().from_string('a{{ _(", ") }}b{{ _(" and ") }}c').render() == "a, b and c"


def test_an_issuers_part_is_said_in_the_editions_language() -> None:
    instrument = SimpleNamespace(model=SimpleNamespace(issuers=[SimpleNamespace(status="signed", actor="x")]))
    context = {"sources": SimpleNamespace(instruments={"i": instrument}), "index": None, "link": None}
    position = SimpleNamespace(instrument="i", id="signed-x")
    said = {language: str(environment(language).get_template("_macros.html.j2").make_module(context).issuing(position)) for language in ("en", "ar")}
    assert said == {"en": "signed", "ar": "وقّع"}


def test_members_on_the_other_side_agree_with_their_number() -> None:
    say = translations("ar")
    oppose = ("%(count)s member oppose", "%(count)s members oppose")
    assert [say.ngettext(*oppose, n) % {"count": n} for n in (1, 2, 3, 11, 100)] == [
        "1 عضو يعارض",
        "2 عضوان يعارضان",
        "3 أعضاء يعارضون",
        "11 عضوًا يعارضون",
        "100 عضو يعارضون",
    ]
    english = translations("en")
    assert [english.ngettext(*oppose, n) % {"count": n} for n in (1, 2)] == ["1 member oppose", "2 members oppose"]


def test_the_reviews_terms_hold_throughout() -> None:
    arabic = dict(_messages())
    # Side headings are the people on a side, never bare معارضة, which reads as "the Opposition".
    assert {arabic[side] for side in ("Oppose", "Opposing", "opposing")} == {"المعارضون"}
    assert {arabic[side] for side in ("Support", "Supporting", "supporting")} == {"المؤيدون"}
    # Loaded or over-certain words: a coup, a hard-liner, an official title, a private publication, proof.
    loaded = ("انقلب", "تشدّد", "المعتمد", "منشور خاص", "تثبت")
    assert [(msgid, word) for msgid, msgstr in arabic.items() for word in loaded if word in msgstr] == []
    # A history (an actor's positions on a topic) is a record, not the process or track مسار names.
    histories = catalogue("ar").get(NOUNS["history"])
    assert histories is not None and all("سجل" in form for form in histories.string)
    assert [msgid for msgid, msgstr in arabic.items() if "histor" in msgid and "مسار" in msgstr] == []
    # Reported (the source's account) and relayed (passed on by an intermediary) read differently.
    assert "نقل" in arabic["reported by the source"] and "نقل" not in arabic["relayed by %(actor)s"]


def test_arabic_typography() -> None:
    messages = _messages()
    glued = re.compile(rf"(?<![{ARABIC_LETTER}])[بل]ـ(?=%\(|\{{|[A-Za-z0-9])")
    assert [msgstr for _, msgstr in messages if glued.search(msgstr)] == []
    straight = re.compile(rf'"[{ARABIC_LETTER}]|[{ARABIC_LETTER}]"')
    assert [msgstr for _, msgstr in messages if straight.search(re.sub(r"<[^>]*>", "", msgstr))] == []
    latin_comma = re.compile(rf"[{ARABIC_LETTER}], ")
    assert [msgstr for _, msgstr in messages if latin_comma.search(msgstr)] == []
    assert [msgid for msgid, msgstr in messages if "\u00a0" in msgid and "\u00a0" not in msgstr] == []


def test_a_summarys_basis_is_said_in_the_editions_language() -> None:
    several = Basis((("first-hand", 1), ("reported", 2)))
    described = Basis((("described", 5),), tuple((f"a{n}", f"A{n}") for n in range(5)))
    english, filters = environment().filters, environment("ar").filters
    page = environment("ar").from_string("").new_context({})  # the Arabic filters name describers from the page's index: here none

    class Arabic:
        def __getitem__(self, name: str) -> Any:
            return lambda b: filters[name](page, b)

    arabic = Arabic()
    assert english["basis_text"](several) == several.text == "1 first-hand, 2 reported"
    assert english["basis_words"](described) == described.words
    assert arabic["basis_text"](several) == "مباشر 1، منقول 2"
    assert arabic["basis_words"](described) == [
        (None, "بحسب "),
        ("a0", "A0"),
        (None, "، "),
        ("a1", "A1"),
        (None, "، "),
        ("a2", "A2"),
        (None, " وغيرهم (2)"),
    ]
    assert arabic["basis_text"](Basis((("described", 1),))) == "بحسب مصدره"
    assert arabic["basis_text"](Basis((("described", 1),), ((None, "its source"),))) == "بحسب مصدره"
    assert arabic["basis_text"](Basis((("described", 1),), ((None, "Kassioun"),))) == "بحسب Kassioun"
