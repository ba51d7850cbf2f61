"""The interface's messages: every template text goes through gettext, the template catalogue is up to date, and the
Arabic catalogue translates every message, with Arabic plural forms (build_scripts/catalogues.py, issue 21)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from jinja2 import nodes

from build_scripts.catalogues import LOCALES, TEMPLATE, catalogue, extract, translations, update
from build_scripts.views.templating import TEMPLATES, THEME_LABELS, environment
from build_scripts.words import ACTOR_TYPE_LABELS, NOUNS, counted, plural, type_label

VISIBLE_ATTRIBUTES = frozenset({"title", "alt", "aria-label", "aria-description", "aria-roledescription", "placeholder", "label", "summary"})
"""Attributes whose values a reader sees or hears: their text is a message like the text between tags."""
ENTITY = re.compile(r"&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
PLACEHOLDER = re.compile(r"%(\([a-z_0-9]+\))?[-#0 +]*[0-9]*(\.[0-9]+)?[sdfr]|\{[a-z_]+\}")
TRANSLATING = frozenset({"_", "gettext", "ngettext", "pgettext", "npgettext"})
NOUN_FILTERS = frozenset({"counted", "plural"})
"""Filters whose noun is a key of `words.NOUNS` (said through ngettext), not a message of its own."""


def _has_letters(text: str) -> bool:
    return any(character.isalpha() for character in text)


def lexed(env: jinja2.Environment, source: str, name: str) -> Iterator[tuple[int, str, str, bool]]:
    """The template's tokens as Jinja's lexer reads them, each with whether it is inside a `{% trans %}` block."""
    in_trans, after_block_begin = False, False
    for line, kind, value in env.lex(source, name):
        if kind == "block_begin":
            after_block_begin = True
            continue
        if after_block_begin and kind == "name":
            in_trans = {"trans": True, "endtrans": False}.get(value, in_trans)
        after_block_begin = after_block_begin and kind == "whitespace"
        yield line, kind, value, in_trans


def unwrapped_text(env: jinja2.Environment, source: str, name: str = "template") -> list[tuple[int, str]]:
    """Text a reader sees that is outside `{% trans %}` blocks: `(line, text)` for each run that has a letter in it.

    The rule: the template's data (Jinja's lexer: what is printed as written, outside `{{ }}`, `{% %}` and comments) is
    read as HTML. Text between tags, and the values of the attributes a reader sees or hears (`VISIBLE_ATTRIBUTES`),
    must be inside a trans block unless it holds no letter once character references (`&nbsp;`) are removed: whitespace,
    punctuation, digits and symbols need no translation. Tag names, other attributes and their values (classes, ids,
    links) are markup, not text. An expression inside a run ends it.
    """
    found: list[tuple[int, str]] = []
    state, attribute, quote = "text", "", ""
    run: list[str] = []
    run_line = 0

    def close() -> None:
        text = "".join(run)
        if _has_letters(ENTITY.sub("", text)):
            found.append((run_line, " ".join(text.split())))
        run.clear()

    for line, kind, value, in_trans in lexed(env, source, name):
        if kind == "variable_begin":
            close()
        if kind != "data":
            continue
        for offset, character in enumerate(value):
            visible = False
            if state == "text":
                following = value[offset + 1 : offset + 2]
                if character == "<" and (following.isalpha() or following in ("/", "!")):
                    close()
                    state, attribute = "tag", ""
                else:
                    visible = True
            elif state == "tag":
                if character == ">":
                    state = "text"
                elif character == "=":
                    state = "equals"
                elif character.isspace():
                    attribute = ""
                else:
                    attribute += character
            elif state == "equals":
                if character in "\"'":
                    state, quote = "value", character
                elif not character.isspace():
                    state, quote = "value", ""
            elif (quote and character == quote) or (not quote and (character.isspace() or character == ">")):
                close()
                state, attribute = ("text" if character == ">" else "tag"), ""
            else:
                visible = attribute.lower() in VISIBLE_ATTRIBUTES
            if visible and not in_trans:
                if not run:
                    run_line = line + value[:offset].count("\n")
                run.append(character)
            elif run and not visible:
                close()
    close()
    return found


def _printed(node: nodes.Node, direct: bool, out: list[tuple[nodes.Const, bool]]) -> None:
    """String constants `node` can print: itself, a conditional's branches, a concatenation's parts, a filter's input, a dict's values."""
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        out.append((node, direct))
    elif isinstance(node, nodes.CondExpr):
        _printed(node.expr1, direct, out)
        if node.expr2 is not None:
            _printed(node.expr2, direct, out)
    elif isinstance(node, nodes.Concat):
        for part in node.nodes:
            _printed(part, direct, out)
    elif isinstance(node, nodes.Add | nodes.Or):
        _printed(node.left, direct, out)
        _printed(node.right, direct, out)
    elif (isinstance(node, nodes.Filter) and node.name not in NOUN_FILTERS and node.node is not None) or isinstance(node, nodes.Getitem):
        _printed(node.node, direct, out)
    elif isinstance(node, nodes.Dict):
        for pair in node.items:
            _printed(pair.value, True, out)
    elif isinstance(node, nodes.List | nodes.Tuple):
        for item in node.items:
            _printed(item, False, out)


def untranslated_literals(env: jinja2.Environment, source: str) -> list[tuple[int, str]]:
    """String literals a template prints without a translation call: `(line, text)`.

    The rule: a literal is printed when it is a `{{ }}` expression, a branch of its conditional, part of its
    concatenation, the input of its filter, or a value of a dict literal (a table of labels). Such a literal with a
    letter in it (outside `%s`/`{n}` placeholders) is text. A literal passed to a macro or assigned, which may be an
    identifier or a path, is text when it reads as words: it has a space, or starts with a capital letter. Nouns given to
    `counted` and `plural` are keys of `words.NOUNS` (checked apart). Arguments of `_()`, `gettext` and `ngettext` are messages.
    """
    tree = env.parse(source)
    out: list[tuple[nodes.Const, bool]] = []
    for output in tree.find_all(nodes.Output):
        for child in output.nodes:
            if not isinstance(child, nodes.TemplateData):
                _printed(child, True, out)
    for assign in tree.find_all(nodes.Assign):
        _printed(assign.node, False, out)
    for call in tree.find_all(nodes.Call):
        translating = isinstance(call.node, nodes.Name) and call.node.name in TRANSLATING
        # A translation's message is its first arguments; its variables (a trans block's) are printed into it.
        for argument in call.kwargs:
            _printed(argument.value, translating, out)
        for argument in [] if translating else call.args:
            _printed(argument, False, out)
    for filtered in tree.find_all(nodes.Filter):
        if filtered.name not in NOUN_FILTERS:
            for argument in [*filtered.args, *(keyword.value for keyword in filtered.kwargs)]:
                _printed(argument, False, out)
    found = set()
    for const, direct in out:
        words = PLACEHOLDER.sub("", const.value)
        if _has_letters(words) and (direct or " " in words.strip() or words.strip()[:1].isupper()):
            found.add((const.lineno, const.value))
    return sorted(found)


def _templates() -> list[Path]:
    return sorted(TEMPLATES.glob("*.j2"))


def test_every_text_of_every_template_is_in_a_trans_block() -> None:
    env = environment()
    unwrapped = [f"{path.name}:{line}: {text}" for path in _templates() for line, text in unwrapped_text(env, path.read_text(encoding="utf-8"), path.name)]
    assert unwrapped == [], "wrap these in {% trans %}...{% endtrans %}"


def test_every_literal_a_template_prints_is_a_message() -> None:
    env = environment()
    literals = [f"{path.name}:{line}: {text!r}" for path in _templates() for line, text in untranslated_literals(env, path.read_text(encoding="utf-8"))]
    assert literals == [], 'print these through _("...")'


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>Sources</p>", [(1, "Sources")]),
        ("<p>{% trans %}Sources{% endtrans %}</p>", []),
        ('<ul class="stance-summary" aria-label="Positions at a glance"></ul>', [(1, "Positions at a glance")]),
        ('<ul class="stance-summary" aria-label="{% trans %}Positions at a glance{% endtrans %}"></ul>', []),
        ('<a href="sources/x.md" class="source" id="top">{{ title }}</a> — (1), &nbsp;→ ·', []),
        ("<td>{{ n }}</td>\n<td>c.&nbsp;{{ date }} and more</td>", [(2, "c.&nbsp;"), (2, "and more")]),
        ("{% if x %}\n  none recorded\n{% endif %}", [(2, "none recorded")]),
        ("{# a comment with words #}<br>", []),
    ],
)
def test_the_rule_for_template_text(source: str, expected: list[tuple[int, str]]) -> None:
    assert unwrapped_text(environment(), source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{{ "who" if person else "which" }}', [(1, "which"), (1, "who")]),
        ('{{ _("who") if person else _("which") }}', []),
        ('{% trans who="who" if person else "which" %}a person {{ who }}{% endtrans %}', [(1, "which"), (1, "who")]),
        ('{% set labels = {"supports": "supporters"} %}', [(1, "supporters")]),
        ("{{ link('sources/' ~ id ~ '.md', 'about') }}", []),
        ('{{ l.listed("quotes", quotes, l.quotes, "quotes", "The newest {n} of {total}:") }}', [(1, "The newest {n} of {total}:")]),
        ('{{ n | counted("position") }} {{ "%.2f" | format(x) }}', []),
    ],
)
def test_the_rule_for_printed_literals(source: str, expected: list[tuple[int, str]]) -> None:
    assert untranslated_literals(environment(), source) == expected


def test_the_template_catalogue_has_every_message_and_no_other() -> None:
    with TEMPLATE.open("rb") as file:
        committed = {message.id for message in read_po(file) if message.id}
    extracted = {message.id for message in extract() if message.id}
    assert sorted(extracted - committed, key=str) == [], "run `make messages`: messages.pot lacks these"
    assert sorted(committed - extracted, key=str) == [], "run `make messages`: messages.pot has messages no longer used"


def test_the_arabic_catalogue_translates_every_message() -> None:
    with TEMPLATE.open("rb") as file:
        wanted = [message for message in read_po(file) if message.id]
    arabic = catalogue("ar")
    missing, incomplete = [], []
    for message in wanted:
        found = arabic.get(message.id)
        if found is None or found.fuzzy or not found.string:
            missing.append(message.id)
        elif isinstance(found.string, tuple) and not all(found.string):
            incomplete.append(message.id)
    assert missing == [], "translate these in build_scripts/locale/ar/LC_MESSAGES/messages.po"
    assert incomplete == [], "give these every Arabic plural form (zero, one, two, few, many, other)"
    problems = [(message.id, [str(error) for error in errors]) for message, errors in arabic.check()]
    assert problems == [], "a translation must keep its message's placeholders"


def test_arabic_counts_follow_the_arabic_plural_rules() -> None:
    arabic = catalogue("ar")
    assert arabic.num_plurals == 6
    forms = arabic.get(NOUNS["source"])
    assert forms is not None and isinstance(forms.string, tuple)
    say = translations("ar")
    # CLDR's Arabic categories, in gettext's order: zero, one, two, few (3-10), many (11-99), other (100, 101, 102).
    for n, form in ((0, 0), (1, 1), (2, 2), (3, 3), (10, 3), (11, 4), (99, 4), (100, 5), (102, 5), (103, 3)):
        assert say.ngettext(*NOUNS["source"], n) == forms.string[form], n
    assert plural("source", 2, say=say) == forms.string[2]
    assert counted(11, "source", say=say) == f"11 {forms.string[4]}"


def test_english_is_the_templates_own_words_with_english_plurals() -> None:
    env = environment()
    plural_block = env.from_string("{% trans count=n %}{{ count }} source{% pluralize %}{{ count }} sources{% endtrans %}")
    assert [plural_block.render(n=n) for n in (0, 1, 2)] == ["0 sources", "1 source", "2 sources"]
    assert env.from_string('{{ ngettext("%(num)d quote", "%(num)d quotes", 1) }}').render() == "1 quote"
    assert [counted(n, "history") for n in (1, 2)] == ["1 history", "2 histories"]
    assert type_label("person", 2) == "people"
    assert env.from_string('{{ _("the editors\' note") | forceescape }}').render() == "the editors&#39; note"


def test_an_arabic_environment_renders_the_templates_in_arabic() -> None:
    say = translations("ar")
    html = environment("ar").get_template("redirect.html.j2").render(to="../x/", canonical="/x/", title="SNC")
    moved = say.gettext('This page has moved: <a href="%(to)s"><bdi>%(title)s</bdi></a>.') % {"to": "../x/", "title": "SNC"}
    assert moved.startswith("نُقلت هذه الصفحة") and moved in html
    assert "This page has moved" in environment().get_template("redirect.html.j2").render(to="../x/", canonical="/x/", title="SNC")
    stance = environment("ar").get_template("_macros.html.j2").make_module({"sources": None, "index": None, "link": None}).stance("supports")
    assert str(stance) == '<span class="stance stance--supports">يؤيد</span>'


def _branches(node: nodes.Node | None) -> list[str | None]:
    """The string constants an argument can be, in order: both branches of a conditional."""
    if isinstance(node, nodes.CondExpr):
        return [*_branches(node.expr1), *_branches(node.expr2)]
    return [node.value if isinstance(node, nodes.Const) else None]


def test_every_noun_the_templates_count_is_in_the_table_with_the_forms_they_ask_for() -> None:
    asked: dict[str | None, tuple[str | None, str]] = {}
    for path in _templates():
        for filtered in environment().parse(path.read_text(encoding="utf-8")).find_all(nodes.Filter):
            if filtered.name == "counted":
                nouns = _branches(filtered.args[0])
                forms = _branches(filtered.args[1]) if len(filtered.args) > 1 else [None] * len(nouns)
            elif filtered.name == "plural":
                nouns, forms = _branches(filtered.node), [None]
            else:
                continue
            for noun, form in zip(nouns, forms, strict=True):
                asked[noun] = (noun, form or f"{noun}s")
    assert len(asked) > 10
    assert {noun: NOUNS.get(noun or "") for noun in asked} == asked


def test_labels_are_written_out_as_readers_see_them() -> None:
    assert {theme: label for theme, label in THEME_LABELS.items() if theme != "instruments"} == {
        theme: theme.replace("-", " ").capitalize() for theme in THEME_LABELS if theme != "instruments"
    }
    assert all(len(forms) == 2 for forms in ACTOR_TYPE_LABELS.values())


def test_no_compiled_catalogue_is_kept() -> None:
    assert sorted(LOCALES.rglob("*.mo")) == []


def test_make_messages_adds_new_messages_untranslated_and_drops_gone_ones(tmp_path: Path) -> None:
    old = Catalog(locale="ar", domain="messages")
    old.add("Sources", "المصادر")
    old.add("A message no template has any more", "رسالة")
    (tmp_path / "ar" / "LC_MESSAGES").mkdir(parents=True)
    with (tmp_path / "ar" / "LC_MESSAGES" / "messages.po").open("wb") as file:
        write_po(file, old)
    template = Catalog(domain="messages")
    template.add("Sources")
    template.add(("%(num)s source", "%(num)s sources"))
    update("ar", template, tmp_path)
    found = catalogue("ar", tmp_path)
    assert sorted(str(message.id) for message in found if message.id) == ["('%(num)s source', '%(num)s sources')", "Sources"]
    assert found.get("Sources").string == "المصادر"
    assert found.get(("%(num)s source", "%(num)s sources")).string == ("",) * 6
