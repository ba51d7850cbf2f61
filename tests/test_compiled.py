"""Compiled templates kept between processes (build_scripts/compiled.py): loaded, never compiled again, unless anything the code
depends on changed. Templates here are synthetic, written for the tests."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest

from build_scripts import compiled
from build_scripts.views.templating import environment


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    """A cache folder of the test's own, given back to what the process used before afterwards."""
    before = compiled._folder
    folder = tmp_path / "jinja"
    compiled.use(folder)
    yield folder
    compiled.use(before)


def fresh(templates: Path, **filters: Any) -> jinja2.Environment:
    """A new environment (as a new process has) over `templates`, kept in the cache."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=True)
    env.filters.update(filters)
    return compiled.attach(env, "test")


def never_compiles(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> None:
    def compile(*_: Any, **__: Any) -> Any:
        raise AssertionError("compiled again")

    monkeypatch.setattr(env, "compile", compile)


def test_a_template_compiled_once_is_loaded_by_the_next_process(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "page.html").write_text("<p>{{ name }}</p>", encoding="utf-8")
    assert fresh(tmp_path).get_template("page.html").render(name="A") == "<p>A</p>"
    assert list(cache.glob("test-*.cache")), "the compiled code is kept"
    later = fresh(tmp_path)
    never_compiles(later, monkeypatch)
    assert later.get_template("page.html").render(name="B") == "<p>B</p>"


def test_the_dossiers_templates_are_loaded_in_each_edition(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both editions' environments, made again as a new process makes them: every template loads without compiling. In the
    project's cache, as the run's builds keep it (tests/conftest.py): compiled here only if no build of the run has yet."""
    assert compiled._folder is not None
    for language in ("en", "ar"):
        first = compiled.keep(environment.__wrapped__(language), "dossier")
        names = first.list_templates(extensions=["j2"])
        for name in names:
            first.get_template(name)
        again = compiled.keep(environment.__wrapped__(language), "dossier")
        never_compiles(again, monkeypatch)
        for name in names:
            again.get_template(name)


def test_an_edited_template_is_compiled_again(cache: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>old {{ name }}</p>", encoding="utf-8")
    fresh(tmp_path).get_template("page.html").render(name="A")
    page.write_text("<p>new {{ name }}</p>", encoding="utf-8")
    assert fresh(tmp_path).get_template("page.html").render(name="A") == "<p>new A</p>"


def test_a_filter_that_is_passed_the_context_has_code_of_its_own(cache: Path, tmp_path: Path) -> None:
    """One template, two environments whose filter of one name differs in taking the context (as the editions' `edition_title`):
    each runs code compiled for its own filter, whichever compiled first."""
    (tmp_path / "page.html").write_text("{{ 'x' | shown }}", encoding="utf-8")

    @jinja2.pass_context
    def with_context(context: Any, value: str) -> str:
        return f"{value} on {context['here']}"

    def plain(value: str) -> str:
        return f"{value} alone"

    for _ in range(2):
        assert fresh(tmp_path, shown=plain).get_template("page.html").render(here="p") == "x alone"
        assert fresh(tmp_path, shown=with_context).get_template("page.html").render(here="p") == "x on p"
    assert compiled.settings(fresh(tmp_path, shown=plain)) != compiled.settings(fresh(tmp_path, shown=with_context))


def test_other_syntax_settings_have_code_of_their_own(cache: Path, tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("{% if true %}\n  yes\n{% endif %}\n", encoding="utf-8")
    plain = fresh(tmp_path)
    trimmed = compiled.attach(jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), trim_blocks=True, lstrip_blocks=True), "test")
    assert plain.get_template("page.html").render() == "\n  yes\n"
    assert trimmed.get_template("page.html").render() == "  yes\n"


def test_files_not_written_for_a_week_go_when_a_cache_is_opened(cache: Path, tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("{{ 1 }}", encoding="utf-8")
    fresh(tmp_path).get_template("page.html")
    kept = next(cache.glob("test-*.cache"))
    stale = cache / "test-0000000000000000-old.cache"
    stale.write_bytes(b"")
    week_ago = time.time() - compiled.STALE - 60
    os.utime(stale, (week_ago, week_ago))
    compiled.use(cache)
    assert not stale.exists()
    assert kept.exists()


def test_a_folder_that_cannot_be_made_leaves_templates_compiled_in_memory(tmp_path: Path) -> None:
    before = compiled._folder
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    try:
        compiled.use(blocker / "jinja")  # under a file: cannot be made
        (tmp_path / "page.html").write_text("{{ 2 }}", encoding="utf-8")
        env = fresh(tmp_path)
        assert env.bytecode_cache is None
        assert env.get_template("page.html").render() == "2"
    finally:
        compiled.use(before)
