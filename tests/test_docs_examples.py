"""The contributing guide's synthetic examples of the format's patterns, each checked as `dossier check` checks it.

Each example under "Annotating what texts do" (`### Example: …`) gives its files as a path in backticks
followed by a ```markdown block. They are added to a copy of the mini fixtures and checked; the tests then
read what the build recorded from them: issuers, stances on instruments, relayed positions and their dates,
groups, standing bodies and briefings.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from build_scripts.index import AUTHORSHIP, Index, provenance
from build_scripts.pipeline import check
from build_scripts.problems import SourceError

from .conftest import MINI, ROOT

GUIDE = ROOT / "docs" / "contributing.md"
SECTION = "## Annotating what texts do: synthetic examples"
EXAMPLES = (
    "a joint statement with several issuers",
    "a stance on a statement",
    "a relayed position with an earlier date",
    "a group of states",
    "a standing body",
    "a briefing to a council",
)


def examples() -> dict[str, dict[str, str]]:
    """Title → {path under the project: file text}, for each `### Example:` of the guide's section."""
    guide = GUIDE.read_text(encoding="utf-8")
    start = guide.index(SECTION)
    end = guide.find("\n## ", start + 1)
    section = guide[start : end if end != -1 else len(guide)]
    parts = re.split(r"^### Example: (.+)\n", section, flags=re.M)
    found = {}
    for title, body in zip(parts[1::2], parts[2::2], strict=True):
        files = re.findall(r"^`(sources/[\w/.-]+\.md)`\n\n```markdown\n(.*?)^```$", body, re.S | re.M)
        assert len(files) == len(dict(files)), f"{title}: a file is given twice"
        found[title] = dict(files)
    return found


def written(tmp_path: Path, title: str, change: dict[str, tuple[str, str]] | None = None) -> Path:
    """A copy of the mini fixtures with the example's files added (each `change` replacing a string in one of them)."""
    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    for path, text in examples()[title].items():
        target = tmp_path / path
        assert not target.exists(), f"{title}: {path} would replace a fixture"
        if change and path in change:
            old, new = change[path]
            assert old in text
            text = text.replace(old, new)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return sources


def checked(tmp_path: Path, title: str) -> Index:
    """The example checked with the fixtures: no error and no warning."""
    index = check(written(tmp_path, title))
    assert index.warnings == [], [str(w) for w in index.warnings]
    return index


def claims_of(index: Index, document: str) -> list:
    return [c for c in index.claims if c.document == document]


def test_the_guide_gives_each_pattern_a_synthetic_example() -> None:
    found = examples()
    assert tuple(found) == EXAMPLES
    for title, files in found.items():
        assert any(path.startswith("sources/documents/") for path in files), f"{title}: no document"
        for path, text in files.items():
            assert "synthetic" in text.casefold(), f"{title}: {path} is not labelled synthetic"
        documents = [text for path, text in files.items() if path.startswith("sources/documents/")]
        assert all("note: Synthetic document written for the contributing guide." in text for text in documents)


def test_a_joint_statement_is_the_own_publication_of_each_issuer(tmp_path: Path) -> None:
    index = checked(tmp_path, "a joint statement with several issuers")
    doc_id = "joint-statement-of-state-a-state-b-and-state-c"
    doc = index.sources.documents[doc_id].model
    assert doc.issuer is None and doc.issuer_ids == ("state-a", "state-b", "state-c")
    assert provenance(doc) == "own-publication"
    (claim,) = claims_of(index, doc_id)
    assert (claim.actors, claim.basis, claim.demand, claim.instruments) == (
        ("state-a", "state-b", "state-c"),
        "own-publication",
        "resume-talks",
        ("talks-charter",),
    )
    assert claim.first_hand and claim.joint
    for state in ("state-a", "state-b", "state-c"):
        assert index.by_actor[state] == [claim], "one claim, counted once for each issuer"
    authored = [p for p in index.positions if p.instrument == doc_id]
    assert [(p.actors, p.stance, p.basis, p.document) for p in authored] == [
        ((state,), "supports", AUTHORSHIP, doc_id) for state in ("state-a", "state-b", "state-c")
    ]
    assert all(p.first_hand and p.authorship and p.demand is None for p in authored)
    assert index.stances_by_instrument[doc_id] == authored


def test_a_joint_claim_on_own_publication_names_only_issuers(tmp_path: Path) -> None:
    path = "sources/documents/joint-statement-of-state-a-state-b-and-state-c.md"
    sources = written(tmp_path, "a joint statement with several issuers", {path: ("issuers: [state-a, state-b, state-c]", "issuers: [state-a, state-b]")})
    with pytest.raises(SourceError, match=r"`state-c` is not among the document's issuers"):
        check(sources)


def test_a_stance_on_a_statement_is_apart_from_invoking_an_instrument(tmp_path: Path) -> None:
    index = checked(tmp_path, "a stance on a statement")
    doc_id = "example-party-rejects-the-example-alliance-statement"
    rejection, call = claims_of(index, doc_id)
    assert (rejection.actors, rejection.instrument, rejection.demand, rejection.stance, rejection.instruments) == (
        ("example-party",),
        "example-alliance-joint-statement",
        None,
        "opposes",
        (),
    )
    assert rejection.id == "ev-example-party-example-alliance-joint-statement"
    stances = [(p.actors, p.stance, p.basis) for p in index.stances_by_instrument["example-alliance-joint-statement"]]
    assert sorted(stances) == [(("example-alliance",), "supports", AUTHORSHIP), (("example-party",), "opposes", "own-publication")]
    assert "example-alliance-joint-statement" not in index.by_instrument, "a stance on a statement is not an invocation of it"
    # Per claim: the passage that names the Charter invokes it; the fixtures' other claims on `resume-talks`
    # (a demand that refers to the Charter) do not.
    assert call.demand == "resume-talks" and call.instruments == ("talks-charter",)
    invokers = index.by_instrument["talks-charter"]
    assert call in invokers and all("talks-charter" in c.instruments for c in invokers)
    assert any(c.demand == "resume-talks" and c not in invokers for c in index.claims)


def test_a_relayed_position_keeps_its_earlier_upper_bound(tmp_path: Path) -> None:
    from build_scripts.words import date_text

    index = checked(tmp_path, "a relayed position with an earlier date")
    doc_id = "example-monitoring-group-report-on-consultations"
    bounded, undated = claims_of(index, doc_id)
    assert (bounded.actors, bounded.relayed_by, bounded.speaker, bounded.basis) == (("womens-advisory-board",), "example-monitoring-group", None, "reported")
    assert bounded.date is not None and (bounded.date.value, bounded.date.no_later_than, bounded.date_from_document) == ("2024-05", True, False)
    assert date_text(bounded.date) == "by May 2024"
    assert undated.relayed_by == "example-monitoring-group"
    assert undated.date is not None and (undated.date.value, undated.date.no_later_than, undated.date_from_document) == ("2024-06-20", True, True)
    assert index.by_relayer["example-monitoring-group"] == [bounded, undated]
    assert "example-monitoring-group" not in index.by_actor, "what it relays is not its own position"


def test_an_upper_bound_later_than_the_document_is_refused(tmp_path: Path) -> None:
    path = "sources/documents/example-monitoring-group-report-on-consultations.md"
    sources = written(tmp_path, "a relayed position with an earlier date", {path: ('value: "2024-05"', 'value: "2024-07"')})
    with pytest.raises(SourceError, match=r"upper-bound date 2024-07 is later than the document's date \(2024-06-20\)"):
        check(sources)


def test_a_group_of_states_is_an_actor_or_a_joint_claim_as_the_text_says(tmp_path: Path) -> None:
    index = checked(tmp_path, "a group of states")
    group = index.sources.actors["example-guarantors"].model
    assert group.type == "coalition"
    for state in ("state-a", "state-b", "state-c"):
        (tie,) = index.sources.actors[state].model.affiliations
        assert (tie.to, tie.relation, tie.source) == ("example-guarantors", "member-of", "example-wire-guarantors-meet")
    by_group, by_states = claims_of(index, "example-wire-guarantors-meet")
    assert (by_group.actors, by_group.demand, by_group.conference) == (("example-guarantors",), "resume-talks", "example-process")
    assert (by_states.actors, by_states.demand, by_states.joint) == (("state-a", "state-b"), "release-detainees", True)
    assert "state-c" not in index.by_actor, "a group's position is not copied to its members"
    assert provenance(index.sources.documents["example-wire-guarantors-meet"].model) == "report"


def test_a_standing_body_is_an_actor_and_its_sessions_are_meetings_in_a_series(tmp_path: Path) -> None:
    index = checked(tmp_path, "a standing body")
    committee = "example-constitutional-committee"
    assert index.sources.actors[committee].model.type == "organisation"
    assert committee not in index.sources.conferences
    session = index.sources.conferences["example-constitutional-committee-session-3"].model
    assert (session.kind, session.series, session.number) == ("meeting", "example-constitutional-committee-sessions", 3)
    assert index.sources.conferences["example-constitutional-committee-sessions"].model.kind == "series"
    assert {(p.actor, p.status) for p in session.participants} == {(committee, "organised"), ("sam-example", "attended")}
    (claim,) = index.by_conference["example-constitutional-committee-session-3"]
    assert (claim.actors, claim.basis, claim.first_hand) == ((committee,), "own-publication", True)
    (chair,) = index.sources.actors["sam-example"].model.affiliations
    assert (chair.to, chair.relation, chair.role) == (committee, "leads", "Co-Chair")


def test_a_briefing_to_a_council_separates_the_envoys_own_position_from_what_it_relays(tmp_path: Path) -> None:
    index = checked(tmp_path, "a briefing to a council")
    doc_id = "example-envoy-briefing-to-the-example-council"
    meeting = "example-council-meeting-2024-06-12"
    assert index.sources.documents[doc_id].model.kind == "speech"
    assert provenance(index.sources.documents[doc_id].model) == "own-publication"
    own, relayed = claims_of(index, doc_id)
    assert (own.actors, own.speaker, own.relayed_by, own.conference, own.first_hand) == (("office-of-the-example-envoy",), "alex-example", None, meeting, True)
    assert own.date is not None and not own.date.no_later_than, "the office's own position is dated by the briefing"
    assert (relayed.actors, relayed.speaker, relayed.relayed_by, relayed.conference, relayed.first_hand) == (
        ("womens-advisory-board",),
        None,
        "alex-example",
        None,
        False,
    )
    assert relayed.date is not None and (relayed.date.value, relayed.date.no_later_than) == ("2024-06-12", True)
    assert index.by_relayer["alex-example"] == [relayed]
    assert index.by_speaker["alex-example"] == [own]
    assert {(p.actor, p.status) for p in index.sources.conferences[meeting].model.participants} == {("example-council", "addressed"), ("alex-example", "spoke")}


def test_a_relayer_that_voices_the_position_itself_is_refused(tmp_path: Path) -> None:
    path = "sources/documents/example-envoy-briefing-to-the-example-council.md"
    sources = written(
        tmp_path,
        "a briefing to a council",
        {path: ("    relayed_by: alex-example  # the envoy relays", "    speaker: alex-example\n    relayed_by: alex-example  # the envoy relays")},
    )
    with pytest.raises(SourceError, match=r"`alex-example` both voices and relays the position"):
        check(sources)


def test_the_guide_new_and_its_scaffold_give_one_rule_for_a_documents_address() -> None:
    """`url` is the document's own address, whether or not its text prints it; a copy's other address goes in `note`."""
    from click.testing import CliRunner

    from build_scripts.cli import cli
    from build_scripts.scaffold import scaffold

    guide = GUIDE.read_text(encoding="utf-8")
    row = next(line for line in guide.splitlines() if line.startswith("| `url` |"))
    help_text = " ".join(CliRunner().invoke(cli, ["new", "--help"]).output.split())
    comment = next(line for line in scaffold("document", "d", "D").splitlines() if line.startswith("url:"))
    for text in (row, help_text, comment):
        assert "own address" in text and "never a guess" in text.casefold(), text
    assert "as the document gives it" not in help_text, "the text need not print the address"
    assert "The text need not print the address" in row and "(the text need not print it)" in help_text
    for text in (row, help_text, comment):  # where a copy taken from elsewhere comes from: in `note`, said alike in all three
        assert "say in `note` where the copy comes from" in text, text
