"""A file with problems is read as far as it can be: every problem in one run, and no problem about a stand-in.

All sources here are synthetic, written for the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_scripts.models import Conference, Document
from build_scripts.pipeline import check
from build_scripts.problems import SourceError
from build_scripts.salvage import read_partly

from .test_pipeline import make_tree

CASE = yaml.safe_load((Path(__file__).parent / "cases" / "every_problem_in_one_run.yaml").read_text(encoding="utf-8"))
REPORT = "documents/synthetic-report.md"


def problems(sources: Path) -> list[str]:
    with pytest.raises(SourceError) as caught:
        check(sources)
    return [str(p) for p in caught.value.problems]


def test_fixing_the_yaml_and_model_problems_reveals_no_problem_that_was_not_reported(tmp_path: Path) -> None:
    """The maintainer of issue 10 fixed a duplicate key and type errors, then met three reference errors: now they come at once."""
    sources = make_tree(CASE, tmp_path)
    first = problems(sources)
    text = (sources / REPORT).read_text(encoding="utf-8")
    fixed = text.replace("kind: news-report\n", "").replace('excerpt: "yes"', "excerpt: false").replace("2024-13-45", "2024-12-15")
    (sources / REPORT).write_text(fixed.replace("stance: backs", "stance: supports"), encoding="utf-8")
    second = problems(sources)
    assert len(second) == 4, "the reference problems remain"
    assert {line.split(": ", 1)[1] for line in second} <= {line.split(": ", 1)[1] for line in first}, "nothing new appears"


def test_a_file_read_in_part_is_not_built_and_references_to_it_are_not_reported(tmp_path: Path) -> None:
    sources = make_tree({"base": "mini", "files": {}}, tmp_path)
    council = sources / "actors" / "council.md"
    council.write_text(council.read_text(encoding="utf-8").replace("type: coalition", "type: council"), encoding="utf-8")
    found = problems(sources)
    assert len(found) == 1 and found[0].startswith("sources/actors/council.md:") and "`council` is not a valid `type`" in found[0]


def test_nothing_is_said_about_a_stand_in_or_what_it_could_change(tmp_path: Path) -> None:
    """A refused stance leaves the claim's `condition` unjudged, a refused basis its evidence; a reference beside either is still checked."""
    claim = """  - actor: council
    basis: {basis}
    demand: resume-talks
    stance: {stance}
    condition: Only if they resume.
    conference: {conference}
    evidence: words that are nowhere in the text
"""
    front = "---\ntitle: Synthetic note\nkind: statement\nlanguage: en\nsummary: Synthetic document written for the tests.\n"
    front += "actors: [council]\nconferences: [spring-talks]\nclaims:\n"
    front += claim.format(basis="reported", stance="backs", conference="spring-talk")
    front += claim.format(basis="hearsay", stance="conditional", conference="spring-talks")
    sources = make_tree({"base": "mini", "files": {"documents/synthetic-note.md": front + "---\nSynthetic text.\n"}}, tmp_path)
    found = [line.split(": ", 1)[1] for line in problems(sources)]
    assert found == [
        "`backs` is not a valid `stance` — use one of: `conditional`, `opposes`, `supports`",
        'unknown conference `spring-talk` — did you mean `spring-talks`? (or create it: `dossier new conference "Spring Talk"`)',
        "`hearsay` is not a valid `basis` — use one of: `characterised`, `own-publication`, `quoted`, `reported`",
    ]


def test_a_stand_in_the_model_refuses_too_gives_way_to_what_holds_it() -> None:
    """A long-form date with an impossible value: its required `value` cannot stand in, so the (optional) date goes."""
    data = {"title": "T", "kind": "statement", "language": "en", "summary": "S", "date": {"value": "2024-13", "approximate": False}}
    partly = read_partly(data, Document, [("date", "value")])
    assert partly is not None and partly.model.date is None and partly.replaced == {("date", "value"), ("date",)}


def test_a_required_value_stands_in_and_a_missing_one_is_supplied() -> None:
    data = {"name": "Synthetic talks", "kind": "talks", "participants": [{"actor": "council"}]}
    partly = read_partly(data, Conference, [("kind",), ("participants", 0, "status"), ("participants", 0, "source")])
    assert partly is not None and partly.model.participants[0].actor == "council"
    assert partly.replaced == {("kind",), ("participants", 0, "status"), ("participants", 0, "source")}
    assert data["kind"] == "talks", "the data read from the file is left as it was"
