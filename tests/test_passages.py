"""Passages: what counts as verbatim, and the nearest passage shown beside a miss."""

from __future__ import annotations

import pytest

from build_scripts.passages import TextMap, nearest, normalise


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ('"new social contract"', "“new social contract”"),
        ("Syria's unity", "Syria’s unity"),
        ("Sochi - all these", "Sochi – all these"),
        ("a  b\nc", "a b c"),
        ("wait...", "wait…"),
    ],
)
def test_typography_and_whitespace_are_forgiven(typed: str, text: str) -> None:
    assert TextMap.of([text]).find(typed) is not None


@pytest.mark.parametrize(("typed", "text"), [("The Council", "the Council"), ("talks resume.", "talks resume,"), ("colour", "color")])
def test_anything_else_is_a_miss(typed: str, text: str) -> None:
    assert TextMap.of([text]).find(typed) is None


def test_a_passage_may_span_inline_segments_and_maps_back() -> None:
    segments = ["Hello ", "bold", " world  and   more"]
    text_map = TextMap.of(segments)
    span = text_map.find("hello bold world and".replace("hello", "Hello"))
    assert span is not None
    assert text_map.source(segments, span) == "Hello bold world and"


def test_normalise_collapses_and_strips() -> None:
    assert normalise("  a\u00a0 “b”\u00ad  ") == 'a "b"'


def test_nearest_finds_the_closest_stretch() -> None:
    text = "The Council met on Monday. It demanded that the talks resume at once. Then it left."
    assert nearest("it demands that talks resume", text) == "demanded that the talks resume"
