"""`dossier suggest` (issue 20 §1): known names found as search folds them, new names, candidate passages that pass `check`.

Every text here is synthetic, written for these tests, except the five bundled documents, on which the
figures the docs state are measured (recall and precision of the actors they list, `actors:` hidden).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from build_scripts.body import Passage as Marked
from build_scripts.body import read_body
from build_scripts.cli import cli
from build_scripts.load import load
from build_scripts.models import Instrument
from build_scripts.names import Name, NameIndex, fold_name, instrument_names, known_names
from build_scripts.passages import normalise
from build_scripts.pipeline import check
from build_scripts.problems import SourceError
from build_scripts.suggest import Suggestions, draft, regions, suggest

from .conftest import MINI, ROOT

SYNTHETIC_NAMES = [
    Name("actors", "council", "Civic Council"),
    Name("actors", "council", "CC"),
    Name("actors", "council", "المجلس المدني"),
    Name("actors", "ministry", "Ministry of Talks"),
    Name("actors", "ministry", "the Ministry"),
    Name("actors", "united-nations", "United Nations"),
    Name("actors", "united-nations", "UN"),
    Name("actors", "united-nations", "الأمم المتحدة"),
    Name("actors", "un-security-council", "UN Security Council"),
    Name("conferences", "spring-talks", "Spring Talks"),
    Name("instruments", "resolution-2254", "UN Security Council Resolution 2254"),
    Name("instruments", "resolution-2254", "2254"),
    Name("instruments", "resolution-2254", "القرار 2254"),
    Name("instruments", "communique", "Spring Talks Communiqué"),
    *(Name("instruments", "decree-107", text) for text in instrument_names(Instrument(name="Local Law Decree No. 107", kind="decree"))),
]
INDEX = NameIndex(SYNTHETIC_NAMES)


def ids(found: Suggestions, kind: str = "actors") -> list[str]:
    return list(found.named(kind))


def spans(found: Suggestions) -> list[tuple[str, str]]:
    return [(m.id, m.text) for m in found.found]


# A synthetic text and what `--format json` prints for it, offsets and all.
GOLDEN_TEXT = "The Civic Council (CC) called for the Spring Talks to resume.\n\nوطالب المجلس المدني الأمم المتحدة بتطبيق القرار ٢٢٥٤.\n"
GOLDEN_JSON = {
    "actors": [
        {
            "id": "council",
            "matches": [
                {"start": 4, "end": 17, "text": "Civic Council"},
                {"start": 19, "end": 21, "text": "CC"},
                {"start": 69, "end": 82, "text": "المجلس المدني"},
            ],
        },
        {"id": "united-nations", "matches": [{"start": 83, "end": 96, "text": "الأمم المتحدة"}]},
    ],
    "conferences": [{"id": "spring-talks", "matches": [{"start": 38, "end": 50, "text": "Spring Talks"}]}],
    "instruments": [{"id": "resolution-2254", "matches": [{"start": 104, "end": 115, "text": "القرار ٢٢٥٤"}]}],
    "new_names": [],
    "passages": [
        {"start": 0, "end": 61, "text": "The Civic Council (CC) called for the Spring Talks to resume.", "cue": "called for", "actors": ["council"]},
        {"start": 63, "end": 116, "text": "وطالب المجلس المدني الأمم المتحدة بتطبيق القرار ٢٢٥٤.", "cue": "طالب", "actors": ["council", "united-nations"]},
    ],
}


def test_golden_json_of_a_synthetic_text() -> None:
    assert suggest(GOLDEN_TEXT, INDEX).as_json() == GOLDEN_JSON


def assert_offsets(content: str, found: Suggestions) -> None:
    for span in [*found.found, *found.new_names, *found.passages]:
        assert content[span.start : span.end] == span.text, span


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Leftmost-longest, across kinds as `check` reads them: the council, not the UN inside its name; the resolution,
        # not the council inside its name; the Spring Talks Communiqué, not the conference inside its name.
        ("The UN Security Council met.", [("un-security-council", "UN Security Council")]),
        ("It cited UN Security Council Resolution 2254.", [("resolution-2254", "UN Security Council Resolution 2254")]),
        ("They signed the Spring Talks Communiqué at the Spring Talks.", [("communique", "Spring Talks Communiqué"), ("spring-talks", "Spring Talks")]),
        ("the Ministry of Talks said", [("ministry", "the Ministry")]),  # leftmost first, though a longer one starts later
        # Word edges: no name inside a word; case: capitals match capitals, a capitalised name no lower-case text.
        ("UNESCO and CCTV, us and un, the ministry", []),
        ("Civic-Council and civic council and U.N. and UN-backed", [("council", "Civic-Council"), ("united-nations", "U.N"), ("united-nations", "UN")]),
        # Proclitics before Arabic names (و ف ب ل ك, ال), the article's alef after ل, marks and tatweel kept in the span.
        ("والمجلس المدني وبالأمم المتحدة كالمجلس المدني", [("council", "المجلس المدني"), ("united-nations", "الأمم المتحدة"), ("council", "المجلس المدني")]),
        ("للأمم المتحدة وللمجلس المدني فالمجلس المدني", [("united-nations", "لأمم المتحدة"), ("council", "لمجلس المدني"), ("council", "المجلس المدني")]),
        ("الأُمَمُ المتّحـدة", [("united-nations", "الأُمَمُ المتّحـدة")]),
        # Not a proclitic: a name is not found inside another word, or before a letter.
        ("سالمجلس المدني والمجلس المدنيون", []),
        # An instrument by its number, in Arabic-Indic digits and after القرار; a number of four digits or more alone.
        ("القرار ٢٢٥٤ والقرار 2254 (2254)", [("resolution-2254", "القرار ٢٢٥٤"), ("resolution-2254", "القرار 2254"), ("resolution-2254", "2254")]),
        # A shorter number only after its kind's word: `107 people` is no decree.
        ("At least 107 people died; 1070 fled.", []),
        (
            "Decree 107, decree No. 107, Legislative Decree no 107 and بالمرسوم رقم ١٠٧",
            [("decree-107", "Decree 107"), ("decree-107", "decree No. 107"), ("decree-107", "Legislative Decree no 107"), ("decree-107", "المرسوم رقم ١٠٧")],
        ),
    ],
)
def test_matches_are_leftmost_longest_at_word_edges_after_proclitics(text: str, expected: list[tuple[str, str]]) -> None:
    found = suggest(text, INDEX)
    assert spans(found) == expected
    assert_offsets(text, found)


def test_a_document_file_is_matched_in_its_title_and_body_with_offsets_into_the_whole_file() -> None:
    content = '---\ntitle: "Civic Council statement"\nkind: statement\nactors: [ministry]\n---\nThe Ministry rejected the talks outright.\n'
    title, body = regions(content)
    assert title is not None and content[title[0] : title[1]] == "Civic Council statement" and content[body[0] :].startswith("The Ministry")
    found = suggest(content, INDEX)
    assert spans(found) == [("council", "Civic Council"), ("ministry", "the Ministry")] or spans(found) == [
        ("council", "Civic Council"),
        ("ministry", "The Ministry"),
    ]
    assert [p.text for p in found.passages] == ["The Ministry rejected the talks outright."]
    assert_offsets(content, found)
    # A title over several lines is read as the loader reads it: a block scalar (`>-`, `|`), quoted, or plain.
    for written in ("title: >-\n  Visit of the\n  Civic Council", "title: |\n  Visit of the\n  Civic Council\n", "title: 'Visit of the\n  Civic Council'"):
        document = f"---\n{written}\nkind: statement # a comment\n---\nNothing here.\n"
        title, _ = regions(document)
        assert title is not None and " ".join(document[title[0] : title[1]].split()) == "Visit of the Civic Council", written
        assert spans(suggest(document, INDEX)) == [("council", "Civic Council")], written
    # A text that opens with a rule is plain text, not a document file.
    assert regions("---\nThe Civic Council met.\n---\n") == (None, (0, 31))


def test_new_names_are_capitalised_runs_and_arabic_name_like_spans_the_dossier_lacks() -> None:
    text = (
        "The Civic Council met the Office of the Special Envoy and Mr. Dan Avery Smith in Geneva.\n\n"
        "وقال رئيس حزب الإرادة الشعبية إن المجلس المدني التقى وزير الخارجية التركي هاكان فيدان بالوفد."
    )
    found = suggest(text, INDEX)
    assert [n.text for n in found.new_names] == ["Office of the Special Envoy", "Dan Avery Smith", "حزب الإرادة الشعبية", "هاكان فيدان"]
    assert_offsets(text, found)


def test_passages_cut_at_markup_and_keep_to_their_sentence() -> None:
    text = (
        "# The Council **demanded** talks\n\n"
        "As [the Ministry](https://example.org) said, the Council stressed that talks must resume. Mr. Doe agreed.\n"
        "- The UN urged calm on all sides.\n"
        "Nothing here."
    )
    found = suggest(text, INDEX)
    assert [(p.cue, p.text, p.actors) for p in found.passages] == [
        ("stressed", "said, the Council stressed that talks must resume.", ("ministry",)),  # named in the sentence, in a link
        ("urged", "The UN urged calm on all sides.", ("united-nations",)),
    ]
    assert_offsets(text, found)


# Text pieces for the property tests: names, cues, plain and marked-up words, Arabic with marks and tatweel, ligatures.
WORDS = st.sampled_from(
    [
        "the Civic Council", "CC", "the Ministry", "Ministry of Talks", "UN", "U.N.", "United Nations", "Spring Talks", "2254",
        "المجلس المدني", "وللأمم المتحدة", "القرار ٢٢٥٤", "الأُمَمُ", "المتّحـدة", "ﻻ", "talks", "resume", "without", "delay",
        "called for", "rejected", "urged", "stressed", "demands", "طالب", "وأكدت", "رفض", "Mr.", "U.S.", "“quoted words”",
        "(aside)", "it's", "well-known", "**bold words**", "*stress*", "`code`", "[a link](https://example.org)", "a|b", "x_y",
        "\u200fمرحبا", "e\u0301te\u0301", "Türkiye",
    ]
)  # fmt: skip
CUES = st.sampled_from(["called for", "rejected", "urged", "stressed", "demands", "طالب", "وأكدت", "رفض", "يؤكد"])
ENDS = st.sampled_from([". ", ". ", "! ", "؟ ", ", ", " ", ".\n", "  \n", ".\n\n", "\n\n- ", "\n\n# ", "\n> ", "\n1. ", "\n1) "])


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Sentences of names, cues and words, some with markup, in paragraphs, list items, headings and quotes."""
    out = ""
    for _ in range(draw(st.integers(1, 6))):
        words = [draw(WORDS), draw(CUES), *draw(st.lists(WORDS, min_size=2, max_size=8))]
        out += " ".join(draw(st.permutations(words)) if draw(st.booleans()) else words) + draw(ENDS)
    return out.strip() + "."


@settings(max_examples=200, deadline=None)
@given(texts())
def test_every_offset_gives_back_the_text(text: str) -> None:
    assert_offsets(text, suggest(text, INDEX))


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=30))
def test_a_name_is_found_wherever_a_text_holds_it(name: str) -> None:
    assume(len(fold_name(name)) >= 2)
    text = f"says {name} says"
    found = suggest(text, NameIndex([Name("actors", "x", name)]))
    assert "x" in found.named("actors")
    assert_offsets(text, found)


MINI_NAMES = NameIndex(known_names(MINI)[0])
STUB = """---
title: Synthetic statement for the suggest property test
kind: statement
language: en
summary: Synthetic text written for the tests.
note: Synthetic document written for the tests.
actors: [council]
claims:
{claims}
---
{body}
"""


def checks_as_evidence(body: str, passages: list[str]) -> None:
    """Check a copy of the mini fixtures with a document of `body` whose claims cite each of `passages` as evidence."""
    claims = "".join(
        f"  - actor: council\n    basis: reported\n    demand: resume-talks\n    stance: supports\n    evidence: {json.dumps(p, ensure_ascii=False)}\n"
        for p in passages
    )
    with tempfile.TemporaryDirectory() as folder:
        sources = Path(folder) / "sources"
        shutil.copytree(MINI, sources)
        (sources / "documents" / "synthetic-suggest.md").write_text(STUB.format(claims=claims or "  []", body=body), encoding="utf-8")
        try:
            check(sources)
        except SourceError as err:
            raise AssertionError(err.report()) from None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts())
def test_every_suggested_passage_passes_check_as_evidence(body: str) -> None:
    content = STUB.format(claims="  []", body=body)
    found = suggest(content, MINI_NAMES)
    assert_offsets(content, found)
    checks_as_evidence(body, [p.text for p in found.passages])


def test_every_passage_of_the_bundled_documents_is_verbatim_in_its_text() -> None:
    sources, _ = load(ROOT / "sources")
    index = NameIndex(known_names(ROOT / "sources")[0])
    for doc_id, record in sources.documents.items():
        content = (ROOT / "sources" / "documents" / f"{doc_id}.md").read_text(encoding="utf-8")
        found = suggest(content, index)
        assert_offsets(content, found)
        marked = [Marked(f"p{i}", p.text, "evidence") for i, p in enumerate(found.passages)]
        assert read_body(record.body, marked).missing == {}, doc_id


# The measured figures (docs/contributing.md, `dossier suggest --help`). An actor a document lists counts towards
# recall when its text names it: by a proper name, acronym, alias, Arabic name or a short form of them (`Jamous`,
# `the Track`), as a reader judges, not as the matcher does. These listed actors are left out, because the text
# never names them: it refers to them by a description, or only by an adjective of nationality.
NOT_NAMED = {
    ("snc-diplomatic-push-before-unga", "callers-for-interim-government-dissolution"): "only described: “calls for a dissolution of his government”",
    ("snc-diplomatic-push-before-unga", "france"): "only an adjective: “the French envoy to Syria”",
    ("snc-diplomatic-push-before-unga", "turkey"): "only adjectives: “Turkish-backed”, “Turkish Foreign Minister”",
    ("soc-parties-working-group-meeting", "france"): "only an adjective: “recent French court rulings”",
}


def bundled_figures() -> tuple[float, float, list[tuple[str, str]], list[tuple[str, str]]]:
    """Recall and precision of the actors the bundled documents list, their `actors:` hidden; the misses and the extras."""
    sources, _ = load(ROOT / "sources")
    index = NameIndex(known_names(ROOT / "sources")[0])
    named, suggested = set(), set()
    for doc_id, record in sources.documents.items():
        text = record.model.title + "\n\n" + record.body  # the text alone: no front matter, so no list to peek at
        suggested |= {(doc_id, actor) for actor in suggest(text, index).named("actors")}
        named |= {(doc_id, actor) for actor in record.model.actors if (doc_id, actor) not in NOT_NAMED}
    listed = {(doc_id, actor) for doc_id, record in sources.documents.items() for actor in record.model.actors}
    recall = len(named & suggested) / len(named)
    precision = len(suggested & listed) / len(suggested)
    return recall, precision, sorted(named - suggested), sorted(suggested - listed)


def test_recall_and_precision_on_the_bundled_documents() -> None:
    recall, precision, missed, extra = bundled_figures()
    # Missed: names inside longer names, which leftmost-longest (across kinds, as `check` reads them) prefers: the
    # United States in Kassioun's editorial (“the war forces in the U.S. administration”, another actor), and the UN
    # Security Council there and in the SDT report (only in “Security Council resolution 2254”). Extra: France, named in
    # STJ's boilerplate (“based in France since 2019”), which the annotation rightly does not list.
    assert recall >= 0.95, missed
    assert precision >= 0.90, extra


# A synthetic Arabic set, written for this test: spelling variants (hamza forms, taa marbuta as haa, alef maqsura
# as yaa, marks and tatweel) and proclitics (و ب ل ال), each sentence labelled with the actors it names.
ARABIC_NAMES = [
    Name("actors", "negotiation-commission", "هيئة التفاوض السورية"),
    Name("actors", "coalition", "الائتلاف الوطني السوري"),
    Name("actors", "assad", "بشار الأسد"),
    Name("actors", "russia", "روسيا"),
    Name("actors", "united-nations", "الأمم المتحدة"),
    Name("actors", "security-council", "مجلس الأمن الدولي"),
    Name("actors", "mustafa", "عبد الرحمن مصطفى"),
    Name("actors", "turkey", "تركيا"),
    Name("actors", "european-union", "الاتحاد الأوروبي"),
    Name("actors", "interim-government", "الحكومة السورية المؤقتة"),
    Name("actors", "kurdish-council", "المجلس الوطني الكردي"),
]
ARABIC_SET = [
    ("طالبت هيئه التفاوض السوريه بتطبيق القرار ٢٢٥٤ كاملا.", {"negotiation-commission"}),
    ("ودعا الإئتلاف الوطني السوري روسيا إلى وقف القصف.", {"coalition", "russia"}),
    ("أكدت الحكومة السورية المؤقته أن الحل يمر عبر الامم المتحدة.", {"interim-government", "united-nations"}),
    ("ورفض بشار الاسد أي دور للأمم المتحدة في صياغة الدستور.", {"assad", "united-nations"}),
    ("وشدد عبد الرحمن مصطفي على دعم الاتحاد الاوروبي وتركيا.", {"mustafa", "european-union", "turkey"}),
    ("أدان المجلس الوطني الكردي القصف، وطالب مجلس الأمن الدولى بالتحرك.", {"kurdish-council", "security-council"}),
    ("وقال مسؤول في الخارجية الروسية إن بلاده والحكومة التركية تدعمان الحوار بين الهيئة والمجلس.", set()),
    ("ورحب الائتلاف الوطني السوري بموقف روسياً المعلن، وبعث برسالة إلى الأمـــم المتحـدة.", {"coalition", "russia", "united-nations"}),
    ("واجتمع ممثلو هيئة التفاوض السورية بالإتحاد الأوروبي ولمجلس الأمن الدولي رسالة منفصلة.", {"negotiation-commission", "european-union", "security-council"}),
    ("ولم يذكر البيان بشار ولا الأسد ولا التركيات ولا الروسي.", set()),
]


def test_recall_and_precision_on_a_synthetic_arabic_set() -> None:
    index = NameIndex(ARABIC_NAMES)
    labelled = {(i, actor) for i, (_, actors) in enumerate(ARABIC_SET) for actor in actors}
    suggested = {(i, actor) for i, (text, _) in enumerate(ARABIC_SET) for actor in suggest(text, index).named("actors")}
    assert len(labelled & suggested) / len(labelled) >= 0.95, sorted(labelled - suggested)
    assert len(labelled & suggested) / len(suggested) >= 0.90, sorted(suggested - labelled)
    assert labelled == suggested  # today both are 1.00, as the docs say


def test_cli_prints_the_json_shape_of_the_issue(tmp_path: Path) -> None:
    pasted = tmp_path / "pasted.txt"
    pasted.write_bytes("The Council calls for talks to resume; the Ministry rejected them.\r\nوطالب المجلس المدني بالحوار.\r\n".encode())
    result = CliRunner().invoke(cli, ["suggest", str(pasted), "--format", "json", "--sources", str(MINI)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["actors", "conferences", "instruments", "new_names", "passages"]
    content = pasted.read_bytes().decode()  # offsets count the file's characters, carriage returns included
    for row in (
        [m for kind in ("actors", "conferences", "instruments") for entity in data[kind] for m in entity["matches"]] + data["new_names"] + data["passages"]
    ):
        assert content[row["start"] : row["end"]] == row["text"]
    assert [e["id"] for e in data["actors"]] == ["council", "ministry"]
    assert [(p["cue"], p["actors"]) for p in data["passages"]] == [("calls for", ["council", "ministry"]), ("طالب", ["council"])]


def test_cli_prints_a_yaml_draft_whose_claim_stubs_cite_the_passages(tmp_path: Path) -> None:
    document = tmp_path / "statement.md"
    document.write_text(
        STUB.format(claims="  []", body="The Council urged the Ministry to resume the talks.\n\nThe Observer State said nothing."), encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["suggest", str(document), "--sources", str(MINI)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-1] == "# suggested: actors 3, conferences 0, instruments 0, new names 0, passages 1"
    data = yaml.safe_load(result.stdout)
    assert data == {"actors": ["council", "ministry", "observer-state"], "conferences": [], "instruments": []}
    stubs = "\n".join(line.removeprefix("# ") for line in lines[lines.index("# claims:") : -1])
    claims = yaml.safe_load(stubs)["claims"]
    assert claims == [{"actor": None, "basis": None, "demand": None, "stance": None, "evidence": "The Council urged the Ministry to resume the talks."}]
    assert "named in the sentence: council, ministry" in result.stdout


def test_cli_refuses_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    pasted = tmp_path / "pasted.txt"
    pasted.write_bytes(b"caf\xe9")
    result = CliRunner().invoke(cli, ["suggest", str(pasted), "--sources", str(MINI)])
    assert result.exit_code == 1 and "is not UTF-8" in result.output


def test_the_draft_of_the_golden_text() -> None:
    text = draft(suggest(GOLDEN_TEXT, INDEX), GOLDEN_TEXT, "pasted.txt")
    assert text.splitlines()[1:5] == [
        "actors:",
        "  - council  # “Civic Council”, “CC”, “المجلس المدني”, line 1, 3 times",
        "  - united-nations  # “الأمم المتحدة”, line 3",
        "conferences:",
    ]
    assert normalise(
        yaml.safe_load("\n".join(line.removeprefix("# ") for line in text.splitlines()[text.splitlines().index("# claims:") : -1]))["claims"][1]["evidence"]
    ) == normalise(
        GOLDEN_JSON["passages"][1]["text"]  # type: ignore[index]
    )
