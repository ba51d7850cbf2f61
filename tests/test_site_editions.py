"""Both editions of the bundled site, as MkDocs builds them (the session's shared build): English at the root, Arabic under ar/."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from .conftest import ROOT

SWITCHER = re.compile(r'<a href="([^"]*)" hreflang="(en|ar)"\s+lang="\2" class="md-select__link"(?: aria-current="page"| rel="alternate")>')


def pages(folder: Path) -> set[str]:
    """The HTML pages of one edition, relative to its root (the other edition's folder left out)."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*.html") if not str(p.relative_to(folder)).startswith("ar/")}


def test_every_english_page_has_its_arabic_counterpart_and_the_reverse(bundled_site: Path) -> None:
    english, arabic = pages(bundled_site), pages(bundled_site / "ar")
    assert len(english) > 200
    assert english == arabic


def test_every_arabic_page_is_arabic_right_to_left_and_every_english_page_english(bundled_site: Path) -> None:
    for path in sorted(pages(bundled_site / "ar")):
        text = (bundled_site / "ar" / path).read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:  # a redirect page of a renamed entity: no theme
            continue
        assert '<html lang="ar"' in text and '<body dir="rtl"' in text, path
    english = (bundled_site / "actors" / "snc" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english and '<body dir="ltr"' in english


def test_the_switcher_opens_the_same_page_in_the_other_edition(bundled_site: Path) -> None:
    for edition, root in (("en", bundled_site), ("ar", bundled_site / "ar")):
        for path in ("index.html", "actors/snc/index.html", "matrix/index.html", "methodology/index.html", "timeline/2023/index.html"):
            text = (root / path).read_text(encoding="utf-8")
            links = {lang: href for href, lang in SWITCHER.findall(text)}
            assert set(links) == {"en", "ar"}, (edition, path)
            url = ("/ar/" if edition == "ar" else "/") + path.removesuffix("index.html")
            for lang, href in links.items():
                target = posixpath.normpath(posixpath.join(url if url.endswith("/") else posixpath.dirname(url), href))
                expected = posixpath.normpath(("/ar/" if lang == "ar" else "/") + path.removesuffix("index.html"))
                assert target == expected, (edition, path, href)


def test_no_page_links_an_alternate_in_its_head_which_would_fetch_each_editions_sitemap(bundled_site: Path) -> None:
    """Material fetches the sitemap beside every <link rel="alternate"> on every page view: the switcher's links declare them."""
    for path in ("index.html", "ar/index.html", "ar/actors/snc/index.html"):
        head = (bundled_site / path).read_text(encoding="utf-8").split("</head>", 1)[0]
        assert not re.search(r'<link rel="alternate"[^>]*hreflang', head), path


def test_each_edition_has_its_own_search_with_its_own_titles_and_both_names(bundled_site: Path) -> None:
    def titles(root: Path) -> dict[str, str]:
        found = {}
        for block in sorted((root / "search" / "entries").glob("*.json")):
            for location, title, _kind, _teaser in json.loads(block.read_text(encoding="utf-8")):
                found[location] = title[0]
        return found

    english, arabic = titles(bundled_site), titles(bundled_site / "ar")
    assert set(english) == set(arabic)
    assert not any(location.startswith("ar/") for location in arabic), "the Arabic index holds the Arabic edition's pages, by its own addresses"
    assert arabic["matrix/"] == "مصفوفة المواقف" and english["matrix/"] == "Stance matrix"
    terms = json.loads((bundled_site / "ar" / "search" / "manifest.json").read_text(encoding="utf-8"))["keys"]
    assert any(key.startswith("syr") for key in terms), "English names are found in the Arabic edition"


def test_a_hand_written_page_without_translation_is_the_english_marked_and_the_home_page_is_translated(bundled_site: Path) -> None:
    home = (bundled_site / "ar" / "index.html").read_text(encoding="utf-8")
    assert "من يطالب بماذا، وأين، وعلى أي دليل" in home and 'class="untranslated"' not in home
    method = (bundled_site / "ar" / "methodology" / "index.html").read_text(encoding="utf-8")
    assert '<p class="untranslated-note">' in method and '<div lang="en" dir="ltr" class="untranslated">' in method
    for translated in (ROOT / "docs" / "ar").rglob("*.md"):
        assert (ROOT / "docs" / translated.relative_to(ROOT / "docs" / "ar")).is_file(), f"{translated} translates no English page"
