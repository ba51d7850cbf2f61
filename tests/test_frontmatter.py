"""Front matter: split, typed by our own rules, with positions for every value."""

from __future__ import annotations

from unittest.mock import patch

import pytest
import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from build_scripts import frontmatter
from build_scripts.frontmatter import MAX_FILE_BYTES, Parsed, decode, parse
from build_scripts.problems import Problem

from .conftest import ROOT


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


# --- the quick pass finds what the detailed build finds ----------------------------------------

TRICKY = [
    *["no", "NO", "yes", "on", "Off", "y", "n", "1.10", "017", "12:30:00", "0x1F", "1e3", ".inf", "-.5", "0b101", "1_000.5"],
    *["~", "null", "Null", "true", "False", "42", "-7", "+3", "0", "2024-06-01", "2024-13-01", "=", "<<", "'017'", '"no"', '""'],
    *["!!str 1.5", "!!int 3", "!foo x", "! 12", "!!python/name:os.system x", "&a x", "*a", "&b [x, y]"],
    *['"a\u202eb"', "a\u2066b", "'\u200fنص'", "Syria", "actor-5", "R&D", "2 * 3", "say!", "a: b", "'it''s'"],
]
PLAIN = st.text(alphabet="abcXYZ019-. سوريا", min_size=1, max_size=8).map(str.strip).filter(bool)
ODD = st.text(alphabet="abcXYZ019-_. ~!&*'\"", min_size=1, max_size=6).map(str.strip).filter(bool)
# Mostly fine values, so that many files get through the quick pass and its values are compared too.
SCALAR = st.integers(0, 19).flatmap(lambda n: st.sampled_from(TRICKY) if n == 0 else ODD if n == 1 else PLAIN)
KEY = st.integers(0, 9).flatmap(
    lambda n: st.sampled_from(["title", "<<", "'quoted key'", "1", "true", "[x]", "? y"]) if n == 0 else st.text(alphabet="abcdefgh_", min_size=2, max_size=6)
)


@st.composite
def front_matter(draw: st.DrawFn, indent: int = 0, depth: int = 0) -> list[str]:
    """Lines of YAML, mostly well formed, with every kind of value and everything the rules refuse."""
    lines: list[str] = []
    pad = " " * indent
    for _ in range(draw(st.integers(1, 4))):
        key = draw(KEY)
        shape = draw(st.sampled_from(["scalar", "flow", "block", "map", "list"] if depth < 2 else ["scalar", "flow", "block"]))
        if shape == "scalar":
            lines.append(f"{pad}{key}: {draw(SCALAR)}")
        elif shape == "flow":
            lines.append(f"{pad}{key}: [{', '.join(draw(st.lists(SCALAR, max_size=3)))}]")
        elif shape == "block":
            lines += [f"{pad}{key}: {draw(st.sampled_from(['|', '>-']))}", f"{pad}  {draw(SCALAR)}"]
        elif shape == "map":
            lines += [f"{pad}{key}:", *draw(front_matter(indent + 2, depth + 1))]
        else:
            lines.append(f"{pad}{key}:")
            for _ in range(draw(st.integers(1, 3))):
                item = draw(front_matter(indent + 4, depth + 1)) if draw(st.booleans()) else [f"{pad}    {draw(SCALAR)}"]
                lines += [f"{pad}  - {item[0].lstrip()}", *item[1:]]
    return lines


def parse_in_detail(path: str, text: str) -> tuple[Parsed | None, list[Problem]]:
    """`parse` without its quick pass: every file built node by node, with positions."""
    with patch.object(frontmatter, "_quick_data", return_value=None):
        return parse(path, text)


def test_a_file_with_a_problem_is_built_in_detail_and_positions_wait_for_need() -> None:
    text = "---\ntitle: T\nclaims:\n  - actor: x\n---\nBody\n"
    parsed, _ = parse("a.md", text)
    assert parsed is not None and parsed._positions is None  # nothing asked yet
    assert parsed.where(("claims", 0, "actor")) == (4, 12)
    _, problems = parse("a.md", "---\ntitle: T\nkind: yes\n---\n")
    assert [(p.line, p.col) for p in problems] == [(3, 7)]


@settings(max_examples=400, deadline=None)
@given(front_matter())
def test_the_quick_pass_finds_what_the_detailed_build_finds(lines: list[str]) -> None:
    text = "---\n" + "\n".join(lines) + "\n---\nBody\n"
    quick, quick_problems = parse("a.md", text)
    detailed, detailed_problems = parse_in_detail("a.md", text)
    event("no problem" if quick is not None and not quick_problems else "problems")
    assert quick_problems == detailed_problems
    assert (quick is None) == (detailed is None)
    if quick is not None and detailed is not None:
        assert quick.data == detailed.data
        assert quick.positions == detailed.positions
        assert (quick.body, quick.body_line) == (detailed.body, detailed.body_line)


REFERENCE_NULL, REFERENCE_TRUE, REFERENCE_FALSE = {"", "~", "null", "Null", "NULL"}, {"true", "True", "TRUE"}, {"false", "False", "FALSE"}


def reference_typed(value: str) -> object:
    """The typing rules written out without the first-character shortcut; "surprise" for a YAML 1.1 surprise."""
    if value in REFERENCE_NULL:
        return None
    if value in REFERENCE_TRUE | REFERENCE_FALSE:
        return value in REFERENCE_TRUE
    if frontmatter._INT.fullmatch(value):
        return int(value)
    if value.lower() in frontmatter._YAML11_BOOLS or frontmatter._YAML11_NUMBER.fullmatch(value):
        return "surprise"
    return value


@settings(max_examples=500)
@given(st.one_of(st.sampled_from(TRICKY), st.text(max_size=8), st.from_regex(r"[-+]?[0-9._:eExXbB]{1,6}", fullmatch=True)))
def test_the_first_character_shortcut_types_nothing_otherwise(value: str) -> None:
    try:
        typed = frontmatter._typed(value)
    except frontmatter._Report:
        typed = "surprise"
    assert typed == reference_typed(value)
    assert type(typed) is type(reference_typed(value))


def test_every_bundled_source_takes_the_quick_pass() -> None:
    paths = sorted((ROOT / "sources").rglob("*.md")) + sorted((ROOT / "tests" / "data").rglob("sources/**/*.md"))
    slow = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        parsed, problems = parse(str(path), text)
        if parsed is None or problems or frontmatter._quick_data(yaml.compose(parsed.source, Loader=frontmatter._Loader), parsed.source) is None:
            slow.append(path.name)
    assert len(paths) > 20
    assert slow == []
