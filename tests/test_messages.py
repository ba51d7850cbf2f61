"""Messages: every field of every kind, given each of YAML's words for true/false and nothing, is reported as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.load import load_file
from build_scripts.messages import _model_in as model_in
from build_scripts.messages import close_id, explain, id_hint
from build_scripts.models import KINDS, Actor

SOUND = {
    "documents": "title: T\nkind: statement\nlanguage: en\nsummary: Synthetic document written for the tests.\n",
    "actors": "name: Synthetic forum\ntype: ngo\n",
    "conferences": "name: Synthetic talks\nkind: meeting\n",
    "demands": "statement: Synthetic demand\ntheme: process\n",
    "instruments": "name: Synthetic charter\nkind: other\n",
}
"""The least each kind needs, so that the one field under test is the only thing wrong."""
WORDS = ["", "~", "null", "Null", "yes", "no", "on", "off", "true", "False", "1.10"]


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("word", WORDS, ids=[w or "blank" for w in WORDS])
def test_every_field_reports_a_yaml_word_as_written(kind: str, word: str, tmp_path: Path) -> None:
    model = KINDS[kind]
    for field in model.model_fields:
        lines = [line for line in SOUND[kind].splitlines() if not line.startswith(f"{field}:")]
        path = tmp_path / f"{kind}-{field.replace('_', '-')}.md"
        path.write_text("---\n" + "\n".join([*lines, f"{field}: {word}".rstrip()]) + "\n---\nSynthetic text.\n", encoding="utf-8")
        line = len(lines) + 2
        _, problems = load_file(path, path.name, model)
        assert all(p.line == line for p in problems), f"{field}: {word!r} — only its own line has a problem: {problems}"
        for problem in problems:
            text = str(problem)
            assert "`None`" not in text and (word in ("True", "False") or ("`True`" not in text and "`False`" not in text)), text
            assert (f"`{word}`" in text) if word else ("is empty" in text), f"{field}: {word!r} is not quoted as written: {text}"
            assert "put the value in quotes" not in text


NESTED = {
    ("documents", "claims"): ("  - ", {"actor": "council", "basis": "reported", "demand": "resume-talks", "stance": "supports", "evidence": "E"}),
    ("documents", "quotes"): ("  - ", {"speaker": "jane-doe", "text": "Words"}),
    ("documents", "publisher"): ("  ", {"name": "Synthetic outlet"}),
    ("conferences", "participants"): ("  - ", {"actor": "council", "status": "attended", "source": "council-statement"}),
    ("conferences", "outcomes"): ("  - ", {"title": "Synthetic outcome", "source": "council-statement"}),
    ("conferences", "attendance"): ("  ", {"count": "3", "source": "council-statement"}),
    ("actors", "affiliations"): ("  - ", {"to": "council", "relation": "leads", "source": "council-statement"}),
}
"""A sound item of each nested record, so that one of its fields at a time can be the only thing wrong."""


@pytest.mark.parametrize(("kind", "field"), sorted(NESTED), ids=[f"{k}.{f}" for k, f in sorted(NESTED)])
@pytest.mark.parametrize("word", WORDS, ids=[w or "blank" for w in WORDS])
def test_every_nested_field_reports_a_yaml_word_as_written(kind: str, field: str, word: str, tmp_path: Path) -> None:
    lead, sound = NESTED[(kind, field)]
    inner = model_in(KINDS[kind].model_fields[field].annotation)
    for sub in inner.model_fields:
        values = {k: v for k, v in sound.items() if k != sub} | {sub: word}
        item = [f"{lead if i == 0 else ' ' * len(lead)}{k}: {v}".rstrip() for i, (k, v) in enumerate(values.items())]
        path = tmp_path / f"{field}-{sub.replace('_', '-')}.md"
        path.write_text("---\n" + SOUND[kind] + f"{field}:\n" + "\n".join(item) + "\n---\nSynthetic text.\n", encoding="utf-8")
        line = len(SOUND[kind].splitlines()) + 2 + len(item)
        _, problems = load_file(path, path.name, KINDS[kind])
        for problem in problems:
            text = str(problem)
            assert problem.line == line, f"{field}.{sub}: {word!r} — only its own line has a problem: {text}"
            assert "`None`" not in text and (word in ("True", "False") or ("`True`" not in text and "`False`" not in text)), text
            assert (f"`{word}`" in text) if word else ("is empty" in text), f"{field}.{sub}: {word!r} is not quoted as written: {text}"


def test_an_empty_required_choice_lists_what_to_fill_in_and_an_optional_field_may_go() -> None:
    required = explain({"type": "literal_error", "loc": ("type",), "input": None, "ctx": {}}, Actor, "null")
    optional = explain({"type": "list_type", "loc": ("aliases",), "input": None}, Actor, "")
    assert required == ("`type` is empty (`null`)", "fill in one of: " + ", ".join(f"`{t}`" for t in Actor.model_fields["type"].annotation.__args__))
    assert optional == ("`aliases` is empty", "write the list (`[]` for none), or delete the line")


@pytest.mark.parametrize(
    ("unknown", "known", "suggested"),
    [
        ("observer-stat", {"observer-state", "council"}, "observer-state"),  # a letter left off
        ("iarn", {"iran", "france"}, "iran"),  # two letters swapped
        ("snc-syria", {"snc", "soc"}, "snc"),  # words added to a known id
        ("soc", {"soc-parties-working-group", "snc"}, None),  # a longer id is another entity, not a slip
        ("iran", {"france", "ukraine"}, None),  # alike in letters only: the issue's `iran` → `france`
        ("united-kingdom", {"united-nations", "united-states"}, None),  # one shared word is not a slip
        ("china", set(), None),
    ],
)
def test_an_unknown_id_is_matched_only_when_it_is_a_slip(unknown: str, known: set[str], suggested: str | None) -> None:
    assert close_id(unknown, known) == suggested


def test_an_id_with_no_close_match_gets_the_command_that_creates_it() -> None:
    assert id_hint("actor", "united-kingdom", {"united-nations"}) == 'no similar id; create it with `dossier new actor "United Kingdom"`'
    assert id_hint("actor", "snc-syria", {"snc"}) == 'did you mean `snc`? (or create it: `dossier new actor "Snc Syria"`)'
