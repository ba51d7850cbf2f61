"""Whole-site builds with MkDocs: the bundled dossier, strictness, privacy, reproducibility, atomicity."""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from build_scripts import compiled
from build_scripts.index import Index
from build_scripts.pipeline import Output

from .conftest import HASH_SEED, MINI, ROOT, Built, built_here, mkdocs_build, mkdocs_build_here
from .site_pages import entity_html
from .test_pipeline import CASES, make_tree

RESOURCE_ATTRIBUTES = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
}


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_bundled_dossier_has_a_page_for_every_record(bundled_site: Path, bundled_index: Index) -> None:
    s = bundled_index.sources
    for kind, records in (
        ("actors", s.actors),
        ("conferences", s.conferences),
        ("demands", s.demands),
        ("sources", s.documents),
        ("instruments", s.instruments),
    ):
        for record_id in records:
            assert (bundled_site / kind / record_id / "index.html").is_file(), f"no page for {kind}/{record_id}"


def test_every_claim_reaches_actor_demand_and_source_pages(bundled_site: Path, bundled_index: Index) -> None:
    """Every passage is linked from each of its actors', its speaker's, its demand's, conference's and instruments' pages
    (or the pages their long lists moved to), and marked on its source's page."""
    index = bundled_index
    pages: dict[str, str] = {}

    def of(entity: str) -> str:
        if entity not in pages:
            pages[entity] = entity_html(bundled_site, entity)
        return pages[entity]

    for claim in index.claims:
        target = f'href="../../sources/{claim.document}/#{claim.id}"'
        for actor in claim.actors:  # a joint claim is on each of its actors' pages
            assert target in of(f"actors/{actor}"), (actor, claim.id)
        if claim.speaker:
            assert target in of(f"actors/{claim.speaker}"), (claim.speaker, claim.id)
        topic = f"demands/{claim.demand}" if claim.demand else f"instruments/{claim.instrument}"  # a stance on a demand, or on an instrument as a whole
        assert target in of(topic), (topic, claim.id)
        source_page = (bundled_site / "sources" / claim.document / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<(mark|span)[^>]* id="{re.escape(claim.id)}"', source_page), (claim.document, claim.id)
        if claim.conference:
            assert target in of(f"conferences/{claim.conference}"), (claim.conference, claim.id)
        for instrument in claim.instruments:
            assert target in of(f"instruments/{instrument}"), (instrument, claim.id)
    for quote in index.quotes:
        for voice in quote.voices:
            assert f'href="../../sources/{quote.document}/#{quote.id}"' in of(f"actors/{voice}")


def test_bundled_dossier_is_thorough(bundled_index: Index) -> None:
    """The bundled dossier exercises every view (a check that silently dropped records would fail here too)."""
    index = bundled_index
    s = index.sources
    assert len(s.documents) == 5
    assert len(s.actors) >= 40
    assert len(s.conferences) >= 10
    assert len(s.demands) >= 25
    assert len(index.claims) >= 60


def test_no_page_fetches_from_another_host(bundled_site: Path) -> None:
    for name, page in _pages(bundled_site).items():
        for url in page.fetched:
            assert not urlsplit(url).netloc and not url.startswith("//"), f"{name}: fetches {url}"
    for css in sorted(bundled_site.rglob("*.css")):
        for url in re.findall(r"url\(([^)]+)\)", css.read_text(encoding="utf-8")):
            assert not urlsplit(url.strip("'\" ")).netloc, f"{css}: fetches {url}"
    assert "fonts.googleapis.com" not in "".join(p.read_text(encoding="utf-8", errors="ignore") for p in bundled_site.rglob("*.html"))


def test_navigation_stays_small(bundled_site: Path) -> None:
    home = (bundled_site / "index.html").read_text(encoding="utf-8")
    assert "actors/soc/" not in home.split('class="md-content"')[0], "entity pages must not be listed in the navigation"


def test_strict_build_has_no_warnings(bundled_build: Built) -> None:
    """The shared build of the bundled dossier (`--strict`) succeeded and printed no warning."""
    assert bundled_build.returncode == 0, bundled_build.stderr
    assert "WARNING" not in bundled_build.stderr, bundled_build.stderr


def test_a_checkout_elsewhere_with_another_hash_seed_builds_the_same_bytes(bundled_site: Path, tmp_path: Path) -> None:
    """A second checkout of the same files, in another folder, built with another hash seed: byte-identical to the shared build."""
    checkout = tmp_path / "elsewhere" / "two"
    checkout.mkdir(parents=True)
    for part in ("mkdocs.yml", "docs", "sources", "build_scripts"):
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy
        copy(ROOT / part, checkout / part)
    seed = str(int(HASH_SEED) + 4242)
    both = {"PYTHONHASHSEED": seed, "DOSSIER_EDITIONS": "en,ar"}  # both editions, as the shared build: each byte-identical
    result = mkdocs_build(checkout / "sources", checkout / "site", env=both, config=checkout / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    digest, shared = tree_digest(checkout / "site"), tree_digest(bundled_site)
    assert any(path.startswith("ar/") for path in shared), "the shared build has the Arabic edition"
    assert digest == shared


def test_invalid_sources_leave_the_last_good_site_intact(good_site: Path, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    site = tmp_path / "site"
    shutil.copytree(good_site, site)  # the last good site of these sources
    before = tree_digest(site)
    (sources / "actors" / "council.md").write_text("---\nname: Civic Council\ntype: club\n---\nBody.\n", encoding="utf-8")
    result = mkdocs_build(sources, site)
    assert result.returncode == 1
    assert "sources/actors/council.md:3:7: `club` is not a valid `type`" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(site) == before


def test_a_deleted_record_leaves_no_stale_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(MINI, sources)
    (sources / "actors" / "watchdog.md").write_text("---\nname: {value: Watchdog, editorial: Synthetic}\ntype: ngo\n---\nA watchdog.\n", encoding="utf-8")
    site = tmp_path / "site"
    mkdocs_build_here(sources, site, monkeypatch)
    assert (site / "actors" / "watchdog" / "index.html").is_file()
    (sources / "actors" / "watchdog.md").unlink()
    mkdocs_build_here(sources, site, monkeypatch)
    assert not (site / "actors" / "watchdog").exists()
    assert "Watchdog" not in (site / "actors" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_here(MINI, tmp_path_factory.mktemp("good") / "site")


BROKEN = [c for c in CASES if c.stem in ("yaml_syntax_error", "unknown_actor_in_claim", "bad_utf8")]
"""One problem of each stage through MkDocs (a file that does not parse, a reference to nothing, bytes that do not decode): the
exact problems of every case are pinned in-process by tests/test_pipeline.py; MkDocs' part is one code path."""


def test_the_cases_through_mkdocs_are_broken_cases() -> None:
    assert len(BROKEN) == 3 and all("problems:" in case.read_text(encoding="utf-8") for case in BROKEN)


@pytest.mark.parametrize("case_file", BROKEN, ids=[c.stem for c in BROKEN])
def test_a_broken_case_keeps_the_last_good_site(
    case_file: Path, good_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    sources = make_tree(case, tmp_path)
    site = tmp_path / "site"
    shutil.copytree(good_site, site)
    before = tree_digest(site)
    monkeypatch.setenv("DOSSIER_SOURCES", str(sources))
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True)
    with pytest.raises(Abort):
        build(config)
    assert case["problems"][0] in caplog.text
    assert tree_digest(site) == before


REFERENCES = {
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("form", "action"),
    ("input", "src"),
}
"""Every attribute naming a URL the site serves: what a reader follows or the browser fetches (LinkChecker's list, less obsolete tags)."""

CSS_URL = re.compile(r"url\(\s*('[^']*'|\"[^\"]*\"|[^)\s]*)\s*\)")
REFRESH = re.compile(r"\d+\s*;\s*url=(.+)", re.IGNORECASE)


class _Page(HTMLParser):
    """A page's anchors (`id`, `a name`); every URL it refers to (`urls`: attributes, `style` and `<style>` url()s, a meta refresh);
    every URL it makes the browser fetch by itself (`fetched`)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.urls: list[str] = []
        self.fetched: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.ids |= {values[name] for name in ("id", "name") if values.get(name) and (name == "id" or tag == "a")}
        address = tag == "link" and {"canonical", "alternate"} & set(values.get("rel", "").split())  # the browser does not fetch it
        for name, value in attrs:
            if (tag, name) in RESOURCE_ATTRIBUTES and value and not address:
                self.fetched.append(value)
            if (tag, name) in REFERENCES and value:
                self.urls += [candidate.split()[0] for candidate in value.split(",") if candidate.strip()] if name == "srcset" else [value]
            if name == "style" and value and "url(" in value:
                self.fetched.append(value)
                self._css(value)
        refresh = REFRESH.match(values.get("content", "")) if tag == "meta" and values.get("http-equiv", "").lower() == "refresh" else None
        self.urls += [refresh.group(1)] if refresh else []
        self._in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._css(data)

    def _css(self, css: str) -> None:
        """The url()s of a `style` attribute or element: referred to, and fetched."""
        found = [url.strip("'\"") for url in CSS_URL.findall(css)]
        self.urls += found
        self.fetched += found

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


@functools.cache
def _pages(site: Path) -> dict[str, _Page]:
    """Every page of a built site parsed, by its path from the site's root (`/…`), once for the module's tests that read them."""
    pages: dict[str, _Page] = {}
    for path in sorted(site.rglob("*.html")):
        page = pages["/" + path.relative_to(site).as_posix()] = _Page()
        page.feed(path.read_text(encoding="utf-8"))
    return pages


def _target(base: str, url: str) -> tuple[str, str] | None:
    """The path in the site's folder (`/` its root) of what an internal URL written in `base` (a page or a style sheet there) names,
    and its anchor (`..` above the root: a path outside the site); None for another host or scheme. A path from the root (the 404
    pages'): the bundled build's address is a host's."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not url:
        return None
    if not parts.path:
        return base, parts.fragment
    written = unquote(parts.path)
    path = posixpath.normpath(written[1:] if written.startswith("/") else posixpath.join(posixpath.dirname(base)[1:], written))
    return ("/" if path == "." else f"/{path}"), parts.fragment


def test_every_internal_reference_exists(bundled_site: Path) -> None:
    """Every internal URL of both editions resolves: each link, style sheet, script, image and srcset candidate, meta refresh, each
    url() of a page's or a style sheet's CSS, to a file of the site (a folder: its index.html), and each #anchor to an id of its page.

    Every page is read, not only those a walk from the home page reaches. It catches what LinkChecker, run here before, caught (a
    missing page, script, style sheet or redirect target, a style sheet's missing image, a page of one edition that the other links
    to), and missing anchors, which LinkChecker did not check."""
    files = {"/" + p.relative_to(bundled_site).as_posix(): p for p in sorted(bundled_site.rglob("*")) if p.is_file()}
    parsed = _pages(bundled_site)
    references = [(name, url) for name, links in parsed.items() for url in links.urls]
    for name, css in files.items():
        if name.endswith(".css"):
            text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.DOTALL)
            references += [(name, url.strip("'\"")) for url in CSS_URL.findall(text)]
    broken, internal, anchors = [], 0, 0
    for base, url in references:
        found = _target(base, url.strip())
        if found is None:
            continue
        internal += 1
        path, anchor = found
        path = f"{path.rstrip('/')}/index.html" if path not in files else path  # a folder: its index.html
        if path not in files:
            broken.append(f"{base}: {url} names no file of the site")
        elif anchor and path in parsed:
            anchors += 1
            if not {anchor, unquote(anchor)} & parsed[path].ids:
                broken.append(f"{base}: {url} names a missing anchor")
    assert not broken, f"{len(broken)} broken:\n" + "\n".join(broken[:50])
    assert any(name.startswith("/ar/") for name in parsed), "both editions are checked"
    assert internal > 300 and anchors > 100, (internal, anchors)


def test_a_script_in_a_hand_written_page_fails_the_build(tmp_path: Path) -> None:
    """`mkdocs build` of a copy of the hand-written pages, one with a script, with this checkout's theme and hook (mkdocs.yml's paths
    to them made absolute: its templates, already compiled for this run in `.cache/jinja/`, are not compiled again)."""
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "docs", checkout / "docs")
    (checkout / "docs" / "methodology.md").write_text("# Methodology\n\n<script>alert(1)</script>\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for line in ("custom_dir: build_scripts/theme", "  - build_scripts/mkdocs_hooks.py", "  - build_scripts\n"):
        assert line in config, f"mkdocs.yml no longer says {line!r}"
        config = config.replace(line, line.replace("build_scripts", str(ROOT / "build_scripts")), 1)
    (checkout / "mkdocs.yml").write_text(config, encoding="utf-8")
    (checkout / compiled.CACHE).parent.mkdir()
    (checkout / compiled.CACHE).symlink_to(ROOT / compiled.CACHE)
    result = mkdocs_build(MINI, checkout / "site", config=checkout / "mkdocs.yml")
    assert result.returncode == 1
    assert "Unsafe HTML in methodology.md: inline <script> `alert(1)`" in result.stderr
    assert "Traceback" not in result.stderr


def test_evidence_is_searchable_once_on_its_source_page(bundled_site: Path, bundled_index: Index, bundled_output: Output) -> None:
    """Every word of every evidence passage leads to its source page; position cards elsewhere are not indexed again."""
    import json

    from build_scripts.search import index_terms as terms

    folder = bundled_site / "search"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    urls = [
        row[0]
        for n in range(0, manifest["entries"], manifest["block"])
        for row in json.loads((folder / "entries" / f"{n // manifest['block']}.json").read_text(encoding="utf-8"))
    ]

    def pages_with(term: str) -> set[str]:
        key = next(term[:n] for n in range(min(len(term), 12), 0, -1) if term[:n] in manifest["keys"])
        postings = json.loads((folder / "terms" / f"{key.encode().hex()}.json").read_text(encoding="utf-8"))[term]
        assert postings[0] < 400, "the bundled dossier keeps every posting"
        return {urls[n] for n in postings[1::2]}

    entries = {entry.url: entry for entry in bundled_output.search}
    for claim in bundled_index.claims:
        words = set(terms(claim.evidence))
        assert all(f"sources/{claim.document}/" in pages_with(word) for word in words), claim.id
        rare = min(words, key=lambda word: len(pages_with(word)))
        for url in pages_with(rare) - {f"sources/{claim.document}/"}:
            entry = entries.get(url)
            if entry is None:
                continue  # a hand-written page (the contributing guide's examples)
            own = terms(" ".join([entry.title, *entry.names, *entry.keywords, entry.text]))
            assert rare in own, (claim.id, url)  # found through the page's own names or description, never its position cards
