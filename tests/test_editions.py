"""The editions (build_scripts/editions.py): one index and one set of views, rendered in English and in Arabic.

Uses the mini fixture (tests/data/mini, synthetic) and the bundled sources' index as the pipeline checks them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from markupsafe import Markup

from build_scripts import editions, pipeline
from build_scripts.analysis.scope import Period
from build_scripts.index import Index
from build_scripts.models import Fact
from build_scripts.pages import Site
from build_scripts.views.templating import script_attributes

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def index() -> Index:
    return pipeline.check(ROOT / "sources")


def with_arabic_name(index: Index, actor_id: str, name: str) -> Index:
    """The index with `actor_id` given an Arabic name supplied by the editors (synthetic: for these tests only)."""
    record = index.sources.actors[actor_id]
    model = record.model.model_copy(update={"name_ar": Fact(value=name, editorial="Synthetic, for this test.")})
    actors = dict(index.sources.actors) | {actor_id: replace(record, model=model)}
    changed = Index.__new__(Index)
    changed.__dict__.update(index.__dict__)
    changed.sources = replace(index.sources, actors=actors)
    return changed


def test_english_is_the_index_itself(index: Index) -> None:
    assert editions.localised(index, "en") is index


def test_an_entity_with_an_arabic_name_is_named_by_it_and_its_acronym_gives_way(index: Index) -> None:
    actor_id = next(a for a, r in index.sources.actors.items() if r.model.acronym is not None)
    named = with_arabic_name(index, actor_id, "جهة اختبار")
    shown = editions.localised(named, "ar")
    model = shown.sources.actors[actor_id].model
    assert model.name.value == "جهة اختبار" and model.acronym is None
    assert named.sources.actors[actor_id].model.name.value != "جهة اختبار", "the checked index is never changed"
    assert shown.by_actor is named.by_actor, "the groupings are shared, not built again"


def test_an_entity_without_an_arabic_name_keeps_its_english_name(index: Index) -> None:
    shown = editions.localised(index, "ar")
    for actor_id, record in index.sources.actors.items():
        if record.model.name_ar is None:
            assert shown.sources.actors[actor_id].model.name == record.model.name


@pytest.mark.parametrize(
    ("text", "edition", "expected"),
    [
        ("Syrian Negotiation Commission", "en", ""),
        ("هيئة التفاوض", "en", ' lang="ar" dir="rtl"'),
        ("Syrian Negotiation Commission", "ar", ' lang="en" dir="ltr"'),
        ("هيئة التفاوض", "ar", ""),
        ("", "ar", ""),
    ],
)
def test_a_name_in_another_script_than_the_editions_is_marked_and_isolated(text: str, edition: str, expected: str) -> None:
    assert str(script_attributes(text, edition)) == expected


def test_an_untranslated_description_is_the_english_marked_as_english() -> None:
    class Model:
        description_ar = None

    shown = editions.description(Model(), Markup("<p>An English description.</p>"), "ar")
    assert str(shown) == '<div lang="en" dir="ltr" class="untranslated"><p>An English description.</p></div>'


def test_a_translated_description_is_markdown_made_safe_and_marked_as_the_editors() -> None:
    class Model:
        description_ar = Fact(value="فقرة أولى <script>x</script>\n\nفقرة *ثانية*", editorial="Synthetic, for this test.")

    shown = str(editions.description(Model(), Markup("<p>English.</p>"), "ar"))
    assert "<p>فقرة أولى" in shown and "<em>ثانية</em>" in shown and "<script" not in shown
    assert shown.endswith('<p class="translation-note">ترجمة المحررين للوصف.</p>')


def test_a_pages_title_is_its_headings_words_in_the_edition() -> None:
    html = '<div><h1 id="top" lang="ar" dir="rtl">هيئة <b>التفاوض</b> &amp; الاختبار</h1></div>'
    assert editions.page_title("Syrian Negotiation Commission", html, "ar") == "هيئة التفاوض & الاختبار"
    assert editions.page_title("Stance matrix", "<p>no heading</p>", "ar") == "مصفوفة المواقف"
    assert editions.page_title("Stance matrix", html, "en") == "Stance matrix"


def test_the_arabic_render_has_every_page_of_the_english_in_arabic(index: Index) -> None:
    site = Site()
    views = pipeline.compute(index, site)
    english = pipeline.render(index, views, site)
    arabic = pipeline.render(index, views, replace(site, language="ar"))
    assert [p.path for p in arabic.pages] == [p.path for p in english.pages]
    pages = {p.path: p for p in arabic.pages}
    assert "مصفوفة المواقف" in pages["matrix/index.md"].html
    # Evidence stays verbatim: every passage of the English pages' evidence is on the Arabic pages too.
    claim = next(c for c in index.claims if re.fullmatch(r"[\w ,]+", c.evidence[:30]))
    assert claim.evidence[:30] in " ".join(pages[f"sources/{claim.document}.md"].html.split())
    assert all(p.title.strip() for p in arabic.pages)


def test_each_edition_has_its_feed_in_its_language_linking_its_own_pages(index: Index) -> None:
    from build_scripts.views import feed, histories

    site = Site(site_url="https://example.org/dossier/", built="2026-01-01T00:00:00Z")
    changes = histories.compute(index, site)
    english = feed.compute(index, site, changes.shifts).xml or ""
    arabic_site = replace(site, language="ar", site_url="https://example.org/dossier/ar/")
    arabic = feed.compute(editions.localised(index, "ar"), arabic_site, changes.shifts).xml or ""
    assert 'xml:lang="en"' in english.split("\n")[1] and 'xml:lang="ar"' in arabic.split("\n")[1]
    assert "<title>Syria political process dossier: sources</title>" in english
    assert "المصادر" in arabic and "Sources of the dossier" not in arabic
    assert "https://example.org/dossier/ar/sources/" in arabic and "https://example.org/dossier/ar/" not in english
    doc = index.sources.documents[index.newest_first()[0]].model
    assert f"<title>{doc.title}</title>" in arabic, "a source keeps its own title in every edition"


def test_mkdocs_yml_publishes_both_editions_and_dossier_editions_narrows_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config

    from build_scripts import mkdocs_editions

    monkeypatch.delenv("DOSSIER_EDITIONS", raising=False)
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert [e.language for e in mkdocs_editions.editions_of(config)] == ["en", "ar"]
    monkeypatch.setenv("DOSSIER_EDITIONS", "en")
    assert [e.language for e in mkdocs_editions.editions_of(config)] == ["en"]


def test_the_arabic_configuration_is_mkdocs_yml_in_arabic(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from build_scripts import mkdocs_editions

    monkeypatch.delenv("DOSSIER_EDITIONS", raising=False)
    monkeypatch.setenv("DOSSIER_SITE_URL", "https://example.org/dossier/")
    english = load_config(str(ROOT / "mkdocs.yml"))
    arabic = mkdocs_editions.edition_config(english, mkdocs_editions.EDITIONS["ar"], str(tmp_path / "ar"))
    assert arabic.theme["language"] == "ar" and arabic.site_url == "https://example.org/dossier/ar/"
    assert arabic.site_name == "ملف العملية السياسية السورية" and arabic.nav[0] == {"الرئيسية": "index.md"}
    titles = str(arabic.nav)
    assert not any(word in titles for word in ("Home", "Actors", "Analysis", "Methodology")), titles
    mkdocs_editions.alternates(arabic)
    assert arabic.extra["alternate"] is True  # Material's switcher without its <link rel="alternate"> (a sitemap fetch each)
    assert [(e["lang"], e["link"]) for e in arabic.extra["dossier_switcher"]] == [("en", "../"), ("ar", "../ar/")]


@pytest.mark.parametrize(
    ("english", "arabic"),
    [
        ("Stance matrix: governance", "مصفوفة المواقف: الحوكمة"),
        ("Stance matrix: governance (demands 21–40, actors 1–40 by activity)", "مصفوفة المواقف: الحوكمة (المطالب 21–40، الجهات 1–40 حسب النشاط)"),
        ("Agreement and conflict in 2023 to 2025", "الاتفاق والخلاف في 2023 – 2025"),
        ("Stance matrix, 2023 to 2025: governance", "مصفوفة المواقف في 2023 – 2025: الحوكمة"),
        ("Stance matrix: statements and instruments", "مصفوفة المواقف: البيانات والصكوك"),
        ("Timeline: 2024, part 2 of 3", "الخط الزمني: 2024، الجزء 2 من 3"),
        ("Timeline: date not given", "الخط الزمني: التاريخ غير مذكور"),
        ("Contested demands (2 of 13)", "المطالب الخلافية (2 من 13)"),
        ("Blocs (3 of 4)", "الكتل (3 من 4)"),
        ("Position changes, page 2 of 4", "تغيّرات المواقف، الصفحة 2 من 4"),
        # The timeline's dates and notes on dates, as its pages word them.
        ("June 2024", "حزيران 2024"),
        ("c. 2024", "نحو 2024"),
        ("2024 (month not given)", "2024 (الشهر غير مذكور)"),
        ("2024, part 2 of 3", "2024، الجزء 2 من 3"),
        ("2023 (month not given) to June 2023", "2023 (الشهر غير مذكور) – حزيران 2023"),
        ("Date not given", "التاريخ غير مذكور"),
    ],
)
def test_a_view_pages_words_are_worded_in_the_edition(english: str, arabic: str) -> None:
    """View titles and the timeline's dates, which the views stage words in English: English as it is, Arabic in Arabic."""
    assert editions.view_title(english, "en") == english
    assert editions.view_title(english, "ar") == arabic


def test_a_period_is_named_in_arabic_by_the_editors_by_its_years_or_in_english_marked() -> None:
    """A period's name in the Arabic edition: the editors' `name_ar`; a period named by its years, worded as the timeline's dates
    are (by `view_title`'s own function); an editor's name without Arabic, the English marked as English (plain in an attribute)."""
    spans = Period("2023-01-01", "2025-12-31", "2023 to 2025")
    named = Period("2014-01-01", "2015-10-31", "Geneva II to Vienna")
    translated = Period("2014-01-01", "2015-10-31", "Geneva II to Vienna", "من جنيف 2 إلى فيينا")
    assert [editions.period_name(p, "en") for p in (spans, named, translated)] == ["2023 to 2025", "Geneva II to Vienna", "Geneva II to Vienna"]
    assert editions.period_name(spans, "ar") == editions.view_title("2023 to 2025", "ar") == "2023 – 2025"
    assert editions.period_name(Period("2018-01-01", "2018-12-31", "2018"), "ar") == "2018"
    assert editions.period_name(translated, "ar") == "من جنيف 2 إلى فيينا"
    assert editions.period_name(named, "ar") == '<span lang="en" dir="ltr">Geneva II to Vienna</span>'
    assert editions.period_name(named, "ar", marked=False) == "Geneva II to Vienna"
    title = "Agreement and conflict in Geneva II to Vienna"
    assert editions.view_title(title, "ar", {"Geneva II to Vienna": "من جنيف 2 إلى فيينا"}) == "الاتفاق والخلاف في من جنيف 2 إلى فيينا"
