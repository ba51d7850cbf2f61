"""Front matter: split, typed by our own rules, with positions for every value."""

from __future__ import annotations

import pytest

from build_scripts.frontmatter import MAX_FILE_BYTES, decode, parse


def test_values_keep_their_line_and_column() -> None:
    parsed, problems = parse("a.md", "---\ntitle: T\nclaims:\n  - actor: x\n    evidence: >-\n      some words\n---\nBody\n")
    assert problems == []
    assert parsed is not None
    assert parsed.positions[("title",)] == (2, 8)
    assert parsed.positions[("claims", 0, "actor")] == (4, 12)
    assert parsed.positions[("claims", 0, "evidence")] == (5, 15)
    assert parsed.where(("claims", 0, "missing")) == (4, 5)
    assert parsed.body == "Body\n"
    assert parsed.body_line == 8


@pytest.mark.parametrize(
    ("yaml_value", "expected"),
    [
        ("2024-06-01", "2024-06-01"),
        ("42", 42),
        ("0", 0),
        ("true", True),
        ("False", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("'017'", "017"),
        ('"no"', "no"),
        ('"true"', "true"),
        ("Syria", "Syria"),
    ],
)
def test_only_yaml_12_core_values_are_typed(yaml_value: str, expected: object) -> None:
    parsed, problems = parse("a.md", f"---\nvalue: {yaml_value}\n---\n")
    assert problems == []
    assert parsed is not None
    assert parsed.data["value"] == expected
    assert type(parsed.data["value"]) is type(expected)


@pytest.mark.parametrize("yaml_value", ["no", "NO", "yes", "on", "Off", "y", "1.10", "017", "12:30:00", "0x1F", "1e3", ".inf", "0b101", "1_000.5"])
def test_yaml_11_surprises_are_problems_with_their_place(yaml_value: str) -> None:
    _, problems = parse("a.md", f"---\ntitle: T\nvalue: {yaml_value}\n---\n")
    assert [(p.line, p.col) for p in problems] == [(3, 8)]
    assert f'write "{yaml_value}" in quotes' in problems[0].hint


def test_an_alias_bomb_is_refused_without_expanding() -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n"
    _, problems = parse("a.md", bomb)
    assert len(problems) == 27
    assert {p.message for p in problems} == {"YAML alias (*name) used"}


def test_arabic_marks_pass_but_bidi_overrides_do_not() -> None:
    _, fine = parse("a.md", '---\nname_ar: "هيئة\u200f التفاوض\u061c"\n---\n')
    assert fine == []
    for control in ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"):
        _, problems = parse("a.md", f'---\nname: "a{control}b"\n---\n')
        assert [p.message for p in problems] == ["bidirectional control character (U+202A–U+202E or U+2066–U+2069) in text"]


def test_front_matter_must_be_a_mapping() -> None:
    _, problems = parse("a.md", "---\n- a\n- b\n---\n")
    assert [str(p) for p in problems] == ["a.md:2:1: front matter must be a mapping of `field: value` — write one `field: value` per line"]


def test_decode_refuses_oversized_files() -> None:
    text, problems = decode("a.md", b"x" * (MAX_FILE_BYTES + 1))
    assert text is None
    assert "over the 1,000,000-byte limit" in problems[0].message


def test_decode_accepts_plain_utf8() -> None:
    assert decode("a.md", "---\nname: سوريا\n---\n".encode()) == ("---\nname: سوريا\n---\n", [])
