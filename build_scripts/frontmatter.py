"""Split a source file into YAML front matter and body, keeping line and column of every value.

YAML is composed with PyYAML's C loader (fast, with marks) and turned into plain Python
values by our own rules, so that YAML 1.1 surprises cannot happen: only `true`/`false`,
`null`/`~`/empty and decimal integers are typed; everything else stays text.
Duplicate keys, aliases and custom tags are problems, not silent values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem

try:  # the C loader gives marks at C speed; fall back only where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

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
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@dataclass
class Parsed:
    """A source file split into its data, the data's positions and its body."""

    data: dict[str, Any]
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def where(self, loc: Loc) -> tuple[int, int]:
        """Line and column of the value at `loc`, or of its nearest known ancestor."""
        for end in range(len(loc), -1, -1):
            pos = self.positions.get(tuple(loc[:end]))
            if pos is not None:
                return pos
        return (1, 1)


class _Builder:
    """Turns composed YAML nodes into Python values, recording problems and positions."""

    def __init__(self, path: str, line_offset: int) -> None:
        self.path = path
        self.offset = line_offset
        self.problems: list[Problem] = []
        self.positions: dict[Loc, tuple[int, int]] = {}
        self._seen: set[int] = set()
        self.aliases = False

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
            return None
        self._seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            self.problem(node, f"YAML tag {node.tag!r} is not allowed", "remove the tag; write plain values")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

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

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        value: str = node.value
        if _BIDI_CONTROLS.search(value):
            self.problem(
                node,
                "bidirectional control character (U+202A–U+202E or U+2066–U+2069) in text",
                "remove it; Arabic text needs at most U+200F (RLM) or U+061C (ALM)",
            )
        if node.style:  # quoted or block scalars are always text
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
            self.problem(node, f"`{value}` is read as true/false by YAML 1.1 tools", f'write "{value}" in quotes if you mean the word, or true/false')
            return value
        if _YAML11_NUMBER.fullmatch(value):
            self.problem(node, f"`{value}` is read as a number by YAML tools, which may change it", f'write "{value}" in quotes to keep it as written')
            return value
        return value


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
    builder = _Builder(path, line_offset=1)
    data = builder.build(node, ())
    if builder.aliases:
        builder.report_aliases(source)
    if not isinstance(data, dict):
        line, col = builder.pos(node)
        builder.problems.append(Problem(path, line, col, "front matter must be a mapping of `field: value`", "write one `field: value` per line"))
        return None, builder.problems
    body = "\n".join(lines[end + 1 :])
    return Parsed(data, builder.positions, body, end + 2), builder.problems
