"""Read a YAML report file into plain data while remembering where every value was written.

PyYAML's composer gives nodes with positions; we build the data ourselves so that (a) every path
in the data maps back to a line and column, (b) figures keep the exact text they were written
with (`value: 19614.02` stays "19614.02", precision included), and (c) duplicate keys are errors
instead of silently overwriting each other.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from esgxbrl.errors import Finding, InputInvalid
from esgxbrl.model.source import Path_, Source
from esgxbrl.preparer.workbook import is_workbook
from esgxbrl.preparer.workbook.read import read_workbook
from esgxbrl.preparer.yaml_traps import comma_splits, not_a_date, pair_misreading, scalar_misreading, syntax_finding

#: keys whose scalar values are kept as the exact text written (figures as printed)
_RAW_KEYS = {"value"}
#: keys whose scalar values stay text even when YAML would read them as numbers or dates
_TEXT_KEYS = {"value", "board_approval", "page_label", "name", "id", "title", "location"}
#: libyaml's parser when PyYAML was built with it (ten times faster); positions are the same
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: what YAML counts as the end of a line (str.splitlines counts more)
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: the largest report file accepted (a report is a few hundred kilobytes)
MAX_BYTES = 20 * 1024 * 1024


def load_source(path: str | Path) -> Source:
    """Read and parse a YAML report file; raise InputInvalid with one finding if that fails."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise InputInvalid([Finding(f"no such file: {name}", file=name,
                                    fix="check the path; `esgxbrl init` writes a starting file")])
    if path.is_dir():
        raise InputInvalid([Finding(f"{name} is a folder, not a report file", file=name,
                                    fix="give the path of the .yaml file")])
    if path.stat().st_size > MAX_BYTES:
        raise InputInvalid([Finding(f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB", file=name,
                                    fix="a report file holds one report; split or trim it")])
    if is_workbook(path):
        return read_workbook(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputInvalid([Finding(f"the file is not UTF-8 text (byte {exc.start})", file=name,
                                    fix="save the file as UTF-8")]) from None
    return parse_source(text, name)


def parse_source(text: str, name: str = "<input>") -> Source:
    lines = _LINE_BREAK.split(text)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        explained = syntax_finding(exc, lines, name)
        if explained is not None:
            raise InputInvalid([explained]) from None
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputInvalid([Finding(f"YAML syntax error: {problem}", file=name, line=line, column=column,
                                    fix="check indentation, colons and quotes at this line", code="yaml")]) from None
    except yaml.YAMLError as exc:
        raise InputInvalid([Finding(f"YAML error: {exc}", file=name, code="yaml")]) from None
    source = Source(file=name, data=None)
    if node is None:
        raise InputInvalid([Finding("the file is empty", file=name, line=1, column=1,
                                    fix="start from `esgxbrl init`, which writes every provision")])
    converter = _Converter(source, lines)
    source.data = converter.convert(node, (), key=None)
    if converter.findings:
        raise InputInvalid(converter.findings)
    return source


_constructor = yaml.SafeLoader("")


class _Converter:
    """Nodes to plain data, noting each value's position and what YAML made of unquoted text."""

    def __init__(self, source: Source, lines: list[str]) -> None:
        self.source = source
        self.lines = lines
        self.findings: list[Finding] = []

    def convert(self, node: yaml.Node, path: Path_, key: str | None) -> Any:
        self.source.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self._item(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path, key)

    def _item(self, node: yaml.Node, path: Path_) -> Any:
        misreading = pair_misreading(node, self.source.file, self.lines)
        if misreading is not None:
            self.source.misreadings[path] = misreading
        return self.convert(node, path, None)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_written: dict[str, yaml.Node] = {}
        for child_key, misreading in comma_splits(node, self.source.file, self.lines).items():
            self.source.misreadings[(*path, child_key)] = misreading
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.findings.append(self.source.finding(path, "a key must be plain text", code="yaml"))
                continue
            child_key = str(key_node.value)
            if child_key in first_written:
                self.findings.append(_duplicate(self.source.file, child_key, first_written[child_key], key_node))
                continue
            first_written[child_key] = key_node
            result[child_key] = self.convert(value_node, (*path, child_key), child_key)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path_, key: str | None) -> Any:
        if key in _RAW_KEYS:
            return str(node.value)
        try:
            value = _constructor.construct_object(node, deep=True)
        except ValueError as problem:  # shaped like a date, but no day of the calendar
            self.findings.append(not_a_date(node, problem, self.source.file))
            return str(node.value)
        if key in _TEXT_KEYS and isinstance(value, int | float | dt.date) and not isinstance(value, bool):
            return str(node.value)
        misreading = scalar_misreading(node, value, self.source.file, self.lines)
        if misreading is not None:
            self.source.misreadings[path] = misreading
        return value


def _duplicate(file: str, key: str, first: yaml.Node, again: yaml.Node) -> Finding:
    line, first_line = again.start_mark.line + 1, first.start_mark.line + 1
    return Finding(f"duplicate key '{key}': written on line {first_line} and again on line {line} of the same "
                   "mapping; YAML would silently keep only the last", file=file, line=line,
                   column=again.start_mark.column + 1,
                   fix=f"write each key once: merge the two entries into the one on line {first_line}", code="yaml")
