"""Renamed entities: references to a former id resolve with a warning, and the old page address redirects to the new one.

Every dossier here is synthetic: the mini fixture with one actor renamed (`council` → `civic-council`).
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page

from build_scripts.exports import sqlite
from build_scripts.exports.dossier import dossier_data
from build_scripts.pages import Site
from build_scripts.pipeline import build_all, check
from build_scripts.problems import SourceError
from build_scripts.redirects import moves

from .conftest import mkdocs_build, serve
from .test_pipeline import CASES, make_tree

RENAMED = yaml.safe_load(next(c for c in CASES if c.stem == "renamed_actor_referenced_everywhere").read_text(encoding="utf-8"))
WARNING = "warning: `council` was renamed `civic-council` — write `civic-council`"


@pytest.fixture
def renamed(tmp_path: Path) -> Path:
    """The mini dossier with the actor `council` renamed `civic-council`, its old id in `former_ids`, the documents unchanged."""
    return make_tree(RENAMED, tmp_path)


def test_references_to_the_former_id_are_the_entity_s(renamed: Path) -> None:
    index = check(renamed)
    assert "council" not in index.sources.actors and "civic-council" in index.by_actor
    assert {c.id for c in index.by_actor["civic-council"]} == {c.id for c in index.claims if "civic-council" in c.actors}
    assert index.sources.documents["council-statement"].model.issuer == "civic-council"
    assert index.documents_by_actor["civic-council"] == ["council-statement"]
    assert [t.target for t in index.ties_of("civic-council")] == ["civic-council", "civic-council"]  # ally and jane-doe's ties
    assert all(str(w).endswith(WARNING) for w in index.warnings) and len(index.warnings) == len(RENAMED["warnings"])


def test_a_file_with_problems_still_resolves_its_references_to_former_ids(renamed: Path) -> None:
    statement = renamed / "documents" / "council-statement.md"
    statement.write_text(statement.read_text(encoding="utf-8").replace("kind: statement", "kind: statment"), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        check(renamed)
    errors = [str(p) for p in caught.value.problems if not p.warning]
    assert errors == ["sources/documents/council-statement.md:3:7: `statment` is not a valid `kind` — did you mean `statement`?"]
    assert "sources/documents/council-statement.md:5:9: " + WARNING in [str(p) for p in caught.value.problems]
    assert caught.value.report().splitlines()[-1] == f"1 problem and {len(RENAMED['warnings'])} warnings found; nothing was written."


def test_each_old_page_of_a_renamed_entity_has_a_redirect_to_its_new_page(renamed: Path) -> None:
    output = build_all(renamed)
    assert [(r.path, r.old, r.new) for r in output.redirects] == [("actors/council/index.html", "actors/council.md", "actors/civic-council.md")]
    html = output.redirects[0].html
    assert '<meta http-equiv="refresh" content="0; url=../civic-council/">' in html
    assert '<link rel="canonical" href="../civic-council/">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<a href="../civic-council/"><bdi>Civic Council (CC)</bdi></a>' in html, "the title isolated: a name in Arabic script keeps its own direction"
    assert output.warnings == check(renamed).warnings
    assert all("actors/council/" not in page.path and page.path != "actors/council.md" for page in output.pages)


def test_redirects_follow_how_pages_are_addressed(renamed: Path) -> None:
    output = build_all(renamed, Site(directory_urls=False, site_url="https://dossier.example/"))
    (redirect,) = output.redirects
    assert redirect.path == "actors/council.html"
    assert 'content="0; url=civic-council.html"' in redirect.html and '<a href="civic-council.html">' in redirect.html
    assert '<link rel="canonical" href="https://dossier.example/actors/civic-council.html">' in redirect.html


def test_the_list_pages_of_a_renamed_entity_redirect_too(renamed: Path) -> None:
    index = check(renamed)
    paths = ["actors/civic-council.md", "actors/civic-council/positions/2.md", "actors/civic-councillor.md", "actors/ministry.md"]
    assert list(moves(index, paths)) == [
        ("actors/council.md", "actors/civic-council.md"),
        ("actors/council/positions/2.md", "actors/civic-council/positions/2.md"),
    ]


def test_the_data_downloads_give_former_ids(renamed: Path, tmp_path: Path) -> None:
    index = check(renamed)
    actors = {row["id"]: row for row in dossier_data(index)["actors"]}
    assert actors["civic-council"]["former_ids"] == ["council"] and actors["ministry"]["former_ids"] == []
    db = tmp_path / "dossier.db"
    db.write_bytes(sqlite.download(index, Site()).data)
    with contextlib.closing(sqlite3.connect(db)) as connection:
        rows = dict(connection.execute("select id, former_ids from actors where id in ('civic-council', 'ministry')").fetchall())
    assert rows == {"civic-council": '["council"]', "ministry": "[]"}


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url) as response:  # the test's own server, on 127.0.0.1
        return str(response.read().decode("utf-8"))


def test_the_built_site_redirects_the_old_address_under_any_prefix(renamed: Path, tmp_path: Path, new_page: Callable[..., Page]) -> None:
    site = tmp_path / "www" / "a-prefix"
    result = mkdocs_build(renamed, site)
    assert result.returncode == 0, result.stderr  # `--strict`: the warnings do not fail it
    logged = [line for line in result.stderr.splitlines() if "was renamed" in line]
    assert len(logged) == len(RENAMED["warnings"]) and all(line.startswith("INFO") and WARNING in line for line in logged)
    assert not (site / "actors" / "council.md").exists()
    for listing in ("sitemap.xml", "actors/index.html", "actors/civic-council/index.html"):
        assert "actors/council/" not in (site / listing).read_text(encoding="utf-8"), listing
    indexed = "".join(p.read_text(encoding="utf-8") for p in (site / "search").rglob("*.json"))
    assert "actors/council/" not in indexed and "actors/civic-council/" in indexed
    assert not any("actors/council" in p.name for p in (site / "downloads").rglob("*"))
    with serve(site.parent) as root:
        old = root + "a-prefix/actors/council/"
        refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', _fetch(old))
        assert refresh is not None
        new = urllib.parse.urljoin(old, refresh[1])
        assert new == root + "a-prefix/actors/civic-council/"
        assert "<h1" in _fetch(new) and "Civic Council" in _fetch(new)
        page = new_page()
        page.goto(old)
        page.wait_for_url(new)  # a reader's browser follows it
        assert page.locator("h1").first.inner_text().startswith("Civic Council")
    published = {row["id"]: row["former_ids"] for row in json.loads((site / "downloads" / "dossier.json").read_text(encoding="utf-8"))["actors"]}
    assert published["civic-council"] == ["council"]
