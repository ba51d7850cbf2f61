"""Split a source file into YAML front matter and body, keeping line and column of every value.

YAML is composed with PyYAML's C loader (fast, with marks) and turned into plain Python
values by our own rules, so that YAML 1.1 surprises cannot happen: only `true`/`false`,
`null`/`~`/empty and decimal integers are typed; everything else stays text.
Duplicate keys, aliases and custom tags are problems, not silent values.

Most files have no problem, so values are first built by a quick pass that records no
positions and gives up at the first thing to report; a file it gives up on is built again
in detail, which reports every problem with its line and column. Positions of a file
without problems are worked out only when something later asks for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem

try:  # the C loader gives marks at C speed; fall back only where libyaml is missing
    from yaml import CSafeLoader as _CLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _CLoader  # type: ignore[assignment]

Loc = tuple[str | int, ...]

MAX_FILE_BYTES = 1_000_000
"""Largest source file accepted; a larger one is almost certainly a mistake."""

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
# Plain values that YAML 1.1 tools (PyYAML included) would turn into something else.
_YAML11_BOOLS = {"y", "yes", "n", "no", "on", "off"}
_YAML11_NUMBER = re.compile(
    r"[-+]?(0[0-9_]+|[0-9][0-9_]*\.[0-9_]*([eE][-+]?[0-9]+)?|\.[0-9]+|[0-9][0-9_]*[eE][-+]?[0-9]+|0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|\.(inf|Inf|INF|nan|NaN|NAN))"
)
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_NULL = {"", "~", "null", "Null", "NULL"}
_STANDARD_TAGS = {"tag:yaml.org,2002:" + name for name in ("str", "int", "bool", "null", "float", "timestamp", "map", "seq", "binary", "merge", "value")}
_STR, _SEQ, _MAP, _MERGE = ("tag:yaml.org,2002:" + name for name in ("str", "seq", "map", "merge"))
_MAY_BE_TYPED = frozenset("~nNtTfFyYoO+-.0123456789")
"""First characters of every plain value the rules below type or refuse: any other stays text at once."""
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_TAG = re.compile(r"!(<[^>]*>|[^\s,\[\]{}]*)")


class _Loader(_CLoader):
    """The C loader without YAML 1.1's implicit typing: our rules type plain values, and resolving nothing is cheaper."""

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            # A plain `<<` is the one implicit tag the builders look at: a merge key, which is refused.
            return _MERGE if implicit[0] and value == "<<" else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


class _Report(Exception):
    """Something in the front matter to report: a YAML 1.1 surprise (with its words), or anything the quick pass gives up on."""

    def __init__(self, message: str = "", hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _typed(value: str) -> Any:
    """A plain scalar's value: true/false, null and decimal integers typed, other text kept; a YAML 1.1 surprise raises."""
    if value and value[0] not in _MAY_BE_TYPED:
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        return int(value)
    if value.lower() in _YAML11_BOOLS:
        raise _Report(f"`{value}` is read as true/false by YAML 1.1 tools", f'write "{value}" in quotes if you mean the word, or true/false')
    if _YAML11_NUMBER.fullmatch(value):
        raise _Report(f"`{value}` is read as a number by YAML tools, which may change it", f'write "{value}" in quotes to keep it as written')
    return value


@dataclass
class Parsed:
    """A source file split into its data, its body, and the YAML that gives the data's positions."""

    data: dict[str, Any]
    body: str = ""
    body_line: int = 1
    source: str = ""
    """The front matter's YAML, composed again for positions when something asks for one."""
    _positions: dict[Loc, tuple[int, int]] | None = field(default=None, repr=False, compare=False)
    refused: tuple[Loc, ...] = ()
    """Places of values the YAML reading reported (a tag, an alias): not checked again."""
    surprises: tuple[tuple[Loc, Problem], ...] = ()
    """YAML 1.1 surprises, each reported among the problems and kept as text: a caller that knows the field may word it better."""
    _written: dict[Loc, str] | None = field(default=None, repr=False, compare=False)

    @property
    def positions(self) -> dict[Loc, tuple[int, int]]:
        """Line and column of every value (worked out on first use: only files with a problem need them)."""
        if self._positions is None:
            self._lay_out()
        assert self._positions is not None
        return self._positions

    def written(self, loc: Loc) -> str | None:
        """The scalar at `loc` as it stands in the file (`null`, `~`, `yes`, `"2254"`, or "" for an empty value); None if none is there.

        A value written in short form stands for its long form too: `date: 2024` is what `date.value` was written as.
        """
        if self._written is None:
            self._lay_out()
        assert self._written is not None
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.positions:
                return self._written.get(loc[:end])
        return None

    def _lay_out(self) -> None:
        node = yaml.compose(self.source, Loader=_Loader)
        builder = _Builder("", line_offset=1, source=self.source)
        if node is not None:
            builder.build(node, ())
        self._positions, self._written = builder.positions, builder.written

    def where(self, loc: Loc) -> tuple[int, int]:
        """Line and column of the value at `loc`, or of its nearest known ancestor."""
        for end in range(len(loc), -1, -1):
            pos = self.positions.get(tuple(loc[:end]))
            if pos is not None:
                return pos
        return (1, 1)


class _Builder:
    """Turns composed YAML nodes into Python values, recording problems and positions."""

    def __init__(self, path: str, line_offset: int, source: str | None = None) -> None:
        self.path = path
        self.offset = line_offset
        self.source = source
        """The YAML text, when the scalars' own text is wanted (`written`)."""
        self.problems: list[Problem] = []
        self.positions: dict[Loc, tuple[int, int]] = {}
        self.written: dict[Loc, str] = {}
        self.surprises: dict[Loc, Problem] = {}
        self._seen: set[int] = set()
        self.aliases = False
        self.refused: list[Loc] = []

    def report_aliases(self, source: str) -> None:
        """Report every alias where it stands (composed nodes only know the anchor's place)."""
        for event in yaml.parse(source, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                line, col = event.start_mark.line + 1 + self.offset, event.start_mark.column + 1
                self.problems.append(
                    Problem(self.path, line, col, "YAML alias (*name) used", "write the value out in full; anchors and aliases are not allowed")
                )

    def pos(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1 + self.offset, node.start_mark.column + 1)

    def problem(self, node: yaml.Node, message: str, hint: str) -> None:
        line, col = self.pos(node)
        self.problems.append(Problem(self.path, line, col, message, hint))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.positions.setdefault(loc, self.pos(node))
        if id(node) in self._seen:
            self.aliases = True  # reported once, at each alias, by report_aliases()
            self.refused.append(loc)
            return None
        self._seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            self.problem(node, f"YAML tag `{self._tag_as_written(node)}` is not allowed", "remove the tag; write plain values")
            self.refused.append(loc)
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        if self.source is not None:
            self.written[loc] = self.source[node.start_mark.index : node.end_mark.index]
        reported = len(self.problems)
        value = self._scalar(node, loc)
        if len(self.problems) > reported + (loc in self.surprises):
            self.refused.append(loc)
        return value

    def _tag_as_written(self, node: yaml.Node) -> str:
        """A node's tag as the file spells it (`!!python/object`), not as YAML expands it (`tag:yaml.org,2002:python/object`)."""
        written = _TAG.match(self.source or "", node.start_mark.index)
        return written.group() if written else node.tag

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, "keys must be plain names", "write `name: value`; merge keys (<<) are not allowed")
                continue
            key = key_node.value
            if key in result or key in first_line:
                self.problem(
                    key_node,
                    f"duplicate key `{key}` (first on line {first_line[key]})",
                    "keep one of the two; YAML would silently keep only the last",
                )
                continue
            first_line[key] = self.pos(key_node)[0]
            self.positions[(*loc, key)] = self.pos(value_node)
            result[key] = self.build(value_node, (*loc, key))
        return result

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> Any:
        value: str = node.value
        if _BIDI_CONTROLS.search(value):
            self.problem(
                node,
                "bidirectional control character (U+202A–U+202E or U+2066–U+2069) in text",
                "remove it; Arabic text needs at most U+200F (RLM) or U+061C (ALM)",
            )
        if node.style:  # quoted or block scalars are always text
            return value
        try:
            return _typed(value)
        except _Report as surprise:
            self.problem(node, surprise.message, surprise.hint)
            self.surprises[loc] = self.problems[-1]
            return value  # kept as text: the field decides whether that is what was meant


def _quick(node: yaml.Node) -> Any:
    """The node's value by the same rules as `_Builder`, without positions; raises `_Report` at anything it would report.

    The caller has ruled out aliases and bidirectional controls, which need no look at the nodes.
    """
    tag = node.tag
    if tag is not _STR and tag is not _MAP and tag is not _SEQ and tag not in _STANDARD_TAGS:
        raise _Report
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.style else _typed(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_quick(item) for item in node.value]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE or key_node.value in result:
            raise _Report
        result[key_node.value] = _quick(value_node)
    return result


def _quick_data(node: yaml.Node, source: str) -> dict[str, Any] | None:
    """The front matter's values when it has nothing to report, else None (to build it again in detail)."""
    # An alias needs a `*`; a control character anywhere sends the file to the detailed build, which knows where it matters.
    if "*" in source or _BIDI_CONTROLS.search(source):
        return None
    try:
        data = _quick(node)
    except _Report:
        return None
    return data if isinstance(data, dict) else None


def text_span(source: str, key: str) -> tuple[int, int] | None:
    """Where the text of top-level `key` stands in front matter `source`, as the loader reads it; None when it has none.

    Character offsets into `source`, end exclusive: inside a quoted value's quotes, and a block scalar's (`>`, `|`)
    lines below its indicator, without the whitespace around them. A YAML error gives None: `check` reports it.
    """
    try:
        node = yaml.compose(source, Loader=_Loader)
    except yaml.YAMLError:
        return None
    if not isinstance(node, yaml.MappingNode):
        return None
    value = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    if not isinstance(value, yaml.ScalarNode) or not value.value.strip():
        return None
    lo, hi = value.start_mark.index, value.end_mark.index  # characters, not bytes: the stream is text
    if value.style in ('"', "'"):
        lo, hi = lo + 1, hi - 1
    elif value.style in (">", "|"):
        lo = source.find("\n", lo, hi) + 1 or hi  # the indicator's line holds no text
    text = source[lo:hi]
    return lo + len(text) - len(text.lstrip()), lo + len(text.rstrip())


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Decode a source file's bytes as UTF-8 without BOM or CR, or say what is wrong."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(path, 1, 1, f"file is {len(raw):,} bytes, over the {MAX_FILE_BYTES:,}-byte limit", "split the document or shorten it")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(path, 1, 1, "file starts with a UTF-8 byte order mark (BOM)", "save the file as UTF-8 without BOM")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [Problem(path, line, col, f"invalid UTF-8 byte 0x{raw[err.start]:02x}", "save the file as UTF-8")]
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        return None, [Problem(path, line, 1, "carriage return (CRLF or CR line ending)", "save the file with LF line endings")]
    return text, []


def parse(path: str, text: str) -> tuple[Parsed | None, list[Problem]]:
    """Split `text` into front matter and body and build the front matter's values."""
    if not text.strip():
        return None, [Problem(path, 1, 1, "file is empty", "start it with front matter between two `---` lines")]
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, [Problem(path, 1, 1, "file does not start with front matter", "make the first line `---`, then the YAML fields, then another `---`")]
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    except StopIteration:
        return None, [Problem(path, 1, 1, "front matter is not closed", "add a line `---` after the last YAML field")]
    source = "\n".join(lines[1:end]) + "\n"
    try:
        node = yaml.compose(source, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 2, mark.column + 1) if mark else (2, 1)
        what = err.problem or "invalid YAML"
        return None, [Problem(path, line, col, f"YAML syntax error: {what}", "check indentation, colons and quotes on this line")]
    except yaml.YAMLError as err:  # pragma: no cover - reader errors are caught by decode()
        return None, [Problem(path, 2, 1, f"YAML error: {err}", "check the front matter")]
    if node is None:
        return None, [Problem(path, 1, 1, "front matter is empty", "add the fields this kind of file needs (see Contributing sources)")]
    body = "\n".join(lines[end + 1 :])
    data = _quick_data(node, source)
    if data is not None:
        return Parsed(data, body, end + 2, source), []
    builder = _Builder(path, line_offset=1, source=source)
    data = builder.build(node, ())
    if builder.aliases:
        builder.report_aliases(source)
    if not isinstance(data, dict):
        line, col = builder.pos(node)
        builder.problems.append(Problem(path, line, col, "front matter must be a mapping of `field: value`", "write one `field: value` per line"))
        return None, builder.problems
    parsed = Parsed(data, body, end + 2, source, builder.positions, tuple(builder.refused), tuple(builder.surprises.items()), builder.written)
    return parsed, builder.problems
