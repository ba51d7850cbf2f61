"""Passages: what counts as verbatim, and the nearest passage shown beside a miss.

The Arabic sentences are synthetic, written for these tests.
"""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.passages import TextMap, fold, nearest, normalise, word_diff

TATWEEL, ZWNJ, ZWJ, RLM, ALM, WJ, ZWNBSP, CGJ = "\u0640", "\u200c", "\u200d", "\u200f", "\u061c", "\u2060", "\ufeff", "\u034f"


def near(typed: str, text: str) -> str:
    return nearest(typed, TextMap.of([text]), [text])


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ('"new social contract"', "“new social contract”"),
        ('"new social contract"', "«new social contract»"),
        ("Syria's unity", "Syria’s unity"),
        ("Syria's unity", "Syria`s unity"),
        ("a 5' gap", "a 5′ gap"),
        ("Sochi - all these", "Sochi – all these"),
        ("Sochi - all these", "Sochi — all these"),
        ("a  b\nc", "a b c"),
        ("wait...", "wait…"),
        ("constitution", "consti\u00adtution"),
        ("constitution", "consti\u200btution"),
    ],
)
def test_typography_and_whitespace_are_forgiven(typed: str, text: str) -> None:
    assert TextMap.of([text]).find(typed) is not None


@pytest.mark.parametrize(
    ("typed", "text"), [("The Council", "the Council"), ("talks resume.", "talks resume,"), ("colour", "color"), ("the talks", "thetalks")]
)
def test_anything_else_is_a_miss(typed: str, text: str) -> None:
    assert TextMap.of([text]).find(typed) is None


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("استئناف المحادثات", f"استئن{TATWEEL * 3}اف المحادثات"),  # tatweel in the text
        (f"المحا{TATWEEL}دثات", "المحادثات"),  # and in the evidence
        ("لا بد من الحوار", "\ufefb بد من الحوار"),  # ﻻ, the lam-alef ligature
        ("الحوار", "\ufe8d\ufedf\ufea4\ufeee\ufe8d\ufead"),  # positional forms, letter by letter
        ("المحادثات", f"المحادثات{ZWNJ}"),
        ("المحادثات", f"المحا{ZWJ}دثات"),
        ("هيئة التفاوض", f"هيئة{RLM} التفاوض{ALM}"),
        ("المحادثات", f"{WJ}المحادثات{ZWNBSP}"),
        ("المحادثات", f"المحادثات{CGJ}"),
    ],
)
def test_arabic_invisible_and_presentation_variants_are_forgiven(typed: str, text: str) -> None:
    assert TextMap.of([text]).find(typed) is not None
    assert TextMap.of([typed]).find(text) is not None  # whichever side has the variant


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("أعلنت اللجنة", "اعلنت اللجنة"),  # hamza on alef
        ("إلى جنيف", "الى جنيف"),  # hamza under alef
        ("مسؤول", "مسئول"),  # the hamza's seat
        ("آخر", "أخر"),  # madda
        ("مدرسة", "مدرسه"),  # taa marbuta, haa
        ("على الطاولة", "علي الطاولة"),  # alef maqsura, yaa
        ("المحادثاتُ", "المحادثات"),  # a damma
        ("الحلّ", "الحل"),  # a shadda
        ("كَتب", "كتب"),  # a fatha
        ("المحادثات", "المحادثاتُ"),  # a passage does not end inside a letter and its marks
        ("لا", "\ufef7"),  # ﻷ keeps its hamza: لأ
        ("٢٠٢٤", "2024"),  # Arabic-Indic digits are other characters
        ("في جنيف،", "في جنيف,"),  # the Arabic comma too
        ("في جنيف 2024", "في جنيف \u20662024\u2069"),  # bidi isolates reorder what the reader sees
    ],
)
def test_arabic_letters_and_diacritics_are_never_forgiven(typed: str, text: str) -> None:
    assert TextMap.of([text]).find(typed) is None
    assert TextMap.of([typed]).find(text) is None


def test_a_passage_may_span_inline_segments_and_maps_back() -> None:
    segments = ["Hello ", "bold", " world  and   more"]
    text_map = TextMap.of(segments)
    span = text_map.find("hello bold world and".replace("hello", "Hello"))
    assert span is not None
    assert text_map.source(segments, span) == "Hello bold world and"


def test_a_found_passage_maps_back_to_the_presentation_forms() -> None:
    segments = ["قال: \ufefb بد من الحوار"]
    text_map = TextMap.of(segments)
    span = text_map.find("لا بد")
    assert span is not None
    assert text_map.source(segments, span) == "\ufefb بد"


def test_normalise_collapses_and_strips() -> None:
    assert normalise("  a\u00a0 “b”\u00ad  ") == 'a "b"'
    assert normalise(f" ل{TATWEEL}ا \ufefb{RLM} ") == "لا لا"


def test_nearest_finds_the_closest_stretch() -> None:
    text = "The Council met on Monday. It demanded that the talks resume at once. Then it left."
    assert near("it demands that talks resume", text) == "It demanded that the talks resume"


def test_nearest_is_in_the_texts_own_characters() -> None:
    text = "It said that the Council`s envoy – who arrived on Monday – would speak."
    typed = "the Council's envoy - who arrived on Tuesday - would speak"
    assert near(typed, text) == "the Council`s envoy – who arrived on Monday – would speak"
    assert word_diff(typed, near(typed, text)) == "… arrived on [-Tuesday-] {+Monday+} – would speak"


def test_nearest_leaves_out_punctuation_the_passage_does_not_have_but_never_a_diacritic() -> None:
    assert near("We shall not wait", '"We will not wait," she said.') == "We will not wait"
    assert near("We shall not wait,", "“We will not wait,” she said.") == "We will not wait,"
    assert near("استئناف المحادثات", "ودعت إلى استئناف المحادثاتِ.") == "استئناف المحادثاتِ"


def test_nearest_finds_a_passage_deep_in_a_long_text() -> None:
    def paragraph(n: int) -> str:  # all alike but for their numbers
        return f"Paragraph {n} records the meeting of delegation {n * 7 % 101} on item {n % 13}."

    text = " ".join(paragraph(n) for n in range(800))
    assert len(text) > 45_000
    target = paragraph(612).rstrip(".")
    assert near(target.replace("records", "recorded"), text) == target == "Paragraph 612 records the meeting of delegation 42 on item 1"


def test_nearest_of_nothing_is_nothing() -> None:
    assert near("talks", "") == ""
    assert near("", "The talks resume.") == ""


def test_the_diff_shows_the_texts_own_characters() -> None:
    assert word_diff("the Council's envoy said", "the Council`s envoy says") == "the Council`s envoy [-said-] {+says+}"
    assert word_diff("a short break - then talks", "a short break – and talks") == "a short break – [-then-] {+and+} talks"


def test_the_diff_shows_a_missing_or_extra_space() -> None:
    assert word_diff("thetalks resume", near("thetalks resume", "Then the talks resume.")) == "[-thetalks-] {+the talks+} resume"
    assert word_diff("the talks resume", "thetalks resume") == "[-the talks-] {+thetalks+} resume"


def test_the_diff_shows_an_arabic_word_one_letter_off() -> None:
    text = "أكدت اللجنة أن الجولة المقبلة ستعقد في جنيف."
    typed = "أكدت اللجنه أن الجولة المقبلة"
    assert near(typed, text) == "أكدت اللجنة أن الجولة المقبلة"
    assert word_diff(typed, near(typed, text)) == "أكدت [-اللجنه-] {+اللجنة+} أن الجولة المقبلة"
    assert word_diff("المحادثات", "المحادثاتِ") == "[-المحادثات-] {+المحادثاتِ+}"


def test_the_diff_ignores_what_matching_forgives() -> None:
    assert word_diff(f"استئن{TATWEEL}اف المحادثات الآن", f"استئناف المحادثات {TATWEEL} اليوم") == "استئناف المحادثات [-الآن-] {+اليوم+}"
    assert word_diff("the talks", "the talks") == ""


def test_the_diff_elides_long_equal_runs_and_long_changes() -> None:
    words = [f"w{n}" for n in range(30)]
    changed = [*words[:15], "X", *words[16:]]
    assert word_diff(" ".join(words), " ".join(changed)) == "… w13 w14 [-w15-] {+X+} w16 w17 …"
    assert word_diff("a b c d e f g h i j", "k l m n o p q r s t") == "[-a b c … h i j-] {+k l m … r s t+}"


def test_the_diff_spells_out_invisible_characters_that_are_not_forgiven() -> None:
    assert word_diff("the talks", "the \u2066talks\u2069") == "the [-talks-] {+<U+2066>talks<U+2069>+}"


# --- the text map keeps runs, and means what one entry per character meant ---------------------


def reference_map(segments: list[str]) -> tuple[str, list[tuple[int, int]], list[int]]:
    """The normalised text, the origin of each of its characters and each segment's start, one character at a time."""
    chars: list[str] = []
    origin: list[tuple[int, int]] = []
    starts: list[int] = []
    for seg_index, segment in enumerate(segments):
        starts.append(len(chars))
        for offset, char in enumerate(segment):
            for piece in fold(char):
                if piece == " " and (not chars or chars[-1] == " "):
                    continue
                chars.append(piece)
                origin.append((seg_index, offset))
    return "".join(chars), origin, starts


VARIANTS = "ab ل\u064e\n\t\u00a0\u2028“”‘’«»–—…\u00ad\u200b\u0640\u200c\u200d\u200e\u200f\u061c\u2060\ufeff\u034f\ufefb\ufdfa\ufdd0\ufe8d"
SEGMENTS = st.lists(st.text(alphabet=VARIANTS, max_size=12), max_size=6)


@settings(max_examples=1000)
@given(SEGMENTS)
def test_the_text_map_agrees_with_folding_one_character_at_a_time(segments: list[str]) -> None:
    text_map = TextMap.of(segments)
    text, origin, starts = reference_map(segments)
    assert text_map.text == text
    assert text_map.starts == starts
    assert [text_map.at(i) for i in range(len(text))] == origin
    assert normalise("".join(segments)) == text.strip(" ")


def test_every_whitespace_character_is_below_u3000() -> None:
    assert max(n for n in range(sys.maxunicode + 1) if chr(n).isspace()) == 0x3000


def test_a_noncharacter_among_the_presentation_forms_stays_as_it_is() -> None:
    assert normalise("a \ufdd0 b") == "a \ufdd0 b"  # it has no decomposition (folding it once recursed without end)
