"""The templates' message functions give what Jinja's own newstyle gettext gives, for every message of every catalogue."""

from __future__ import annotations

import re

import jinja2
import pytest

from build_scripts.catalogues import catalogue, languages, translations
from build_scripts.views import gettext

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
VALUE = "<b>&'\"</b>"
"""What every variable is given (synthetic): markup to escape, so that an unescaped variable shows."""


def environments(language: str) -> tuple[jinja2.Environment, jinja2.Environment]:
    say = translations(language)
    jinja = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    jinja.install_gettext_translations(say, newstyle=True)  # type: ignore[attr-defined]
    ours = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    gettext.install(ours, say)
    return jinja, ours


def rendered(env: jinja2.Environment, source: str, **data: object) -> str:
    return env.from_string(source).render(**data)


@pytest.mark.parametrize("language", ["en", *languages()])
def test_every_message_as_jinja_gives_it(language: str) -> None:
    jinja, ours = environments(language)
    checked = 0
    for message in catalogue(language if language != "en" else languages()[0]):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            singular, plural = message.id
            names = sorted(set(PLACEHOLDER.findall(singular + plural)) - {"num"})
            source = "{{ ngettext(singular, plural, n, **values) }}"
            for n in (0, 1, 2, 3, 11, 100, 101):  # every Arabic plural form
                data = {"singular": singular, "plural": plural, "n": n, "values": dict.fromkeys(names, VALUE)}
                assert rendered(ours, source, **data) == rendered(jinja, source, **data), (singular, n)
        else:
            names = sorted(set(PLACEHOLDER.findall(message.id)))
            for source in ("{{ gettext(m, **values) }}", "{{ _(m, **values) }}"):
                data = {"m": message.id, "values": dict.fromkeys(names, VALUE)}
                assert rendered(ours, source, **data) == rendered(jinja, source, **data), message.id
        checked += 1
    assert checked > 100  # the catalogue was read: its messages were compared


@pytest.mark.parametrize("language", ["en", "ar"])
def test_trans_blocks_as_jinja_gives_them(language: str) -> None:
    source = (
        "{% trans %}Supports{% endtrans %}|{% trans %}100% of {{ x }}{% endtrans %}|{% trans %}plain 100%{% endtrans %}|"
        "{% trans n=n %}{{ n }} source{% pluralize %}{{ n }} sources{% endtrans %}|"
        "{% autoescape false %}{% trans %}raw {{ x }}{% endtrans %}|{{ _('Opposes') }}{% endautoescape %}"
    )
    jinja, ours = environments(language)
    for n in (0, 1, 2, 5, 11, 100):
        mine, theirs = rendered(ours, source, x=VALUE, n=n), rendered(jinja, source, x=VALUE, n=n)
        assert "&lt;b&gt;" in mine and "raw <b>" in mine  # escaped where autoescaping, as it is where not
        assert mine == theirs
        assert rendered(ours, source, x=VALUE, n=n) == mine  # the second call, from what was kept, the same
