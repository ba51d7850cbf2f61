"""The search index: folding for spelling variants, names weighed above text, shards a query can find and that stay small."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
import yaml

from build_scripts.mkdocs_hooks import search_worker
from build_scripts.pipeline import build_all
from build_scripts.search import BLOCK, POSTINGS_CAP, SHARD_BYTES, Entry, Run, files, fold_for_search, markdown_entry, terms

from .conftest import DATA, MINI, ROOT

NORMALISE_CASES = yaml.safe_load((Path(__file__).parent / "cases" / "search" / "normalise.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", NORMALISE_CASES, ids=[c["why"] for c in NORMALISE_CASES])
def test_terms_fold_spelling_variants(case: dict[str, object]) -> None:
    assert terms(str(case["text"])) == case["terms"]


@pytest.mark.parametrize(("typed", "written"), [("الاسد", "الأسد"), ("هيئه", "هيئة"), ("مستشفي", "مستشفى"), ("turkiye", "Türkiye"), ("الاسد", "الأَسَـد")])
def test_a_reader_typing_a_variant_gets_the_written_form(typed: str, written: str) -> None:
    assert fold_for_search(typed) == fold_for_search(written)


def test_distinct_letters_stay_distinct() -> None:
    """Folding forgives spelling, not different words: dal and dhal, seen and sheen stay apart."""
    assert len({fold_for_search(word) for word in ("سد", "سذ", "شد")}) == 3


def read(downloads: list) -> dict[str, object]:
    return {d.path: json.loads(d.text) for d in downloads}


def where(manifest: dict, term: str) -> str:
    """The shard the browser's worker looks in for `term`: the longest key the term begins with."""
    return next(term[:n] for n in range(min(len(term), 12), 0, -1) if term[:n] in manifest["keys"])


def test_every_term_is_in_the_shard_the_browser_looks_in() -> None:
    vocabulary = [f"{a}{b}{c}{n}" for a in "abc" for b in "ab" for c in "abcd" for n in range(40)]
    rng = random.Random(7)
    made = [Entry(f"p{i}/", f"Page {i}", "Page", text=" ".join(rng.choices(vocabulary, k=300))) for i in range(300)]
    out = read(files(made))
    manifest = out["search/manifest.json"]
    shards = {key: out[f"search/terms/{key.encode().hex()}.json"] for key in manifest["keys"]}  # type: ignore[index]
    assert len(shards) == len(out) - 1 - -(-300 // BLOCK)
    held = {term for shard in shards.values() for term in shard}  # type: ignore[attr-defined]
    assert held == set(vocabulary) | {"page"} | {str(i) for i in range(300)}
    for term in held:
        assert term in shards[where(manifest, term)]  # type: ignore[index]


def test_shards_stay_small_and_postings_are_capped() -> None:
    """A term found on every page keeps only its best entries; no shard outgrows its budget by much."""
    rng = random.Random(3)
    vocabulary = [f"w{n:04d}" for n in range(3000)]
    made = [Entry(f"p{i}/", f"Page {i}", "Page", text="common " + " ".join(rng.choices(vocabulary, k=200))) for i in range(1500)]
    out = files(made)
    shards = [d for d in out if d.path.startswith("search/terms/")]
    assert len(shards) > 5, "a large vocabulary is split into several shards"
    assert max(len(d.text.encode()) for d in shards) < 2 * SHARD_BYTES
    common = json.loads(next(d.text for d in shards if '"common"' in d.text))["common"]
    assert common[0] == 1500 and len(common) == 1 + 2 * POSTINGS_CAP


def test_names_weigh_more_than_text() -> None:
    named = Entry("actors/x/", "Synthetic Council", "Actor", names=("Synthetic Council", "SXC"))
    mentioned = Entry("sources/y/", "A report", "Source", text="the SXC met; " * 20)
    out = read(files([named, mentioned]))
    manifest = out["search/manifest.json"]
    postings = out[f"search/terms/{where(manifest, 'sxc').encode().hex()}.json"]["sxc"]  # type: ignore[index]
    scores = dict(zip(postings[1::2], postings[2::2], strict=True))
    assert scores[0] > 5 * scores[1]


def test_results_carry_each_run_in_its_language_and_direction() -> None:
    entry = Entry("actors/x/", "Synthetic Council", "Actor", teaser=(Run("Coalition"), Run("المجلس التجريبي", "ar")))
    rows = read(files([entry]))["search/entries/0.json"]
    assert rows == [["actors/x/", ["Synthetic Council", "en", "ltr"], "Actor", [["Coalition", "en", "ltr"], ["المجلس التجريبي", "ar", "rtl"]]]]


def test_the_index_is_deterministic() -> None:
    made = [Entry(f"p{i}/", f"Page {i}", "Page", text=f"word{i} other") for i in range(40)]
    assert files(made) == files(list(reversed(made)))


def test_every_generated_page_has_an_entry_with_its_names() -> None:
    output = build_all(DATA / "arabic" / "sources")
    by_url = {e.url: e for e in output.search}
    assert len(by_url) == len(output.pages)
    party = by_url["actors/test-party/"]
    assert party.kind == "Actor" and "STP" in party.names
    statement = by_url["sources/arabic-statement/"]
    assert statement.lang == "ar" and statement.title.startswith("بيان")
    assert "تطبيق" in terms(statement.text), "the full text is searchable"


def test_a_source_is_found_by_its_translations() -> None:
    """An English reader finds an Arabic source by its English working title and its translated passages."""
    output = build_all(DATA / "arabic" / "sources")
    statement = next(e for e in output.search if e.url == "sources/arabic-statement/")
    path = DATA / "arabic" / "sources" / "documents" / "arabic-statement.md"
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    translated = [c["translation"]["text"] for c in front.get("claims", []) if "translation" in c]
    assert front.get("title_translation") and translated, "the synthetic statement carries translations"
    assert front["title_translation"]["text"] in statement.names
    assert set(terms(translated[0])) <= set(terms(statement.text))


ARABIC_NAMES = {
    "conferences/spring-talks.md": ("kind: negotiation-round\n", "جولة الربيع التجريبية"),
    "instruments/talks-charter.md": ("kind: agreement\n", "ميثاق المحادثات التجريبي"),
    "demands/resume-talks.md": ("theme: process\n", "استئناف المحادثات التجريبية"),
}


def test_an_arabic_name_or_statement_finds_its_page_first(tmp_path: Path) -> None:
    """A conference's and an instrument's `name_ar`, and a demand's `statement_ar`, are names of their pages, as an actor's `name_ar` is."""
    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    for path, (after, arabic) in ARABIC_NAMES.items():
        field = "statement_ar" if path.startswith("demands/") else "name_ar"
        text = (sources / path).read_text(encoding="utf-8")
        (sources / path).write_text(text.replace(after, f"{after}{field}: {{value: {arabic}, editorial: Synthetic test fixture.}}\n", 1), encoding="utf-8")
    output = build_all(sources)
    out = read(files(output.search))
    manifest = out["search/manifest.json"]
    urls = [e.url for e in sorted(output.search, key=lambda e: e.url)]
    for path, (_, arabic) in ARABIC_NAMES.items():
        url = path.removesuffix(".md") + "/"
        assert arabic in next(e for e in output.search if e.url == url).names
        term = terms(arabic)[0]  # the name's own first word: no other page has it
        postings = out[f"search/terms/{where(manifest, term).encode().hex()}.json"][term]  # type: ignore[index]
        assert urls[postings[1]] == url, f"{arabic} finds {url} first"


def test_hand_written_pages_are_indexed_from_their_markdown() -> None:
    entry = markdown_entry("methodology/", "# Methodology\n\nSee [the sources](sources/index.md) and `code`.\n", "methodology")
    assert entry.title == "Methodology"
    assert terms(entry.text) == ["methodology", "see", "the", "sources", "and", "code"]


def test_materials_config_gets_the_dossiers_worker() -> None:
    block = '<script id="__config" type="application/json">{"base": "..", "search": "assets/javascripts/workers/search.x.min.js"}</script>'
    swapped = search_worker(block, "../javascripts/search/worker.js")
    assert json.loads(swapped.split(">", 1)[1].rsplit("<", 1)[0]) == {"base": "..", "search": "../javascripts/search/worker.js"}


ENTITY_FOLDERS = ("actors", "conferences", "demands", "instruments", "sources")


def test_the_built_site_has_no_whole_site_index(bundled_site: Path) -> None:
    """Material's index is empty (every page excluded); the dossier's shards hold the text, each small."""
    material = json.loads((bundled_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert material["docs"] == []
    manifest = json.loads((bundled_site / "search" / "manifest.json").read_text(encoding="utf-8"))

    # Every page of the edition is an entry but the further pages of long lists (`actors/snc/positions/`, `timeline/2024/2/`),
    # found through their first page, and the redirect pages of renamed entities (`noindex`: they only send a reader on).
    # The Arabic edition (ar/) has an index of its own.
    def listed(page: Path) -> bool:
        folders = page.relative_to(bundled_site).parts[:-1]
        if folders[:1] == ("ar",) or (len(folders) >= 3 and (folders[0] in ENTITY_FOLDERS or folders[-1].isdigit())):
            return False
        return '<meta name="robots" content="noindex">' not in page.read_text()

    pages = [p for p in bundled_site.rglob("index.html") if listed(p)]
    assert manifest["entries"] == len(pages), "every page is an entry"
    html = (bundled_site / "actors" / "snc" / "index.html").read_text(encoding="utf-8")
    assert '"search": "../../javascripts/search/worker.js"' in html
    assert (ROOT / "docs" / "javascripts" / "search" / "worker.js").exists()
