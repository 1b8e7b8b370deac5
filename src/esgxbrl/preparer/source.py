"""Read a YAML report file into plain data while remembering where every value was written.

PyYAML's composer gives nodes with positions; we build the data ourselves so that (a) every path
in the data maps back to a line and column, (b) figures keep the exact text they were written
with (`value: 19614.02` stays "19614.02", precision included), and (c) duplicate keys are errors
instead of silently overwriting each other.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from esgxbrl.errors import Finding, InputInvalid
from esgxbrl.model.source import Path_, Source
from esgxbrl.preparer.workbook import is_workbook
from esgxbrl.preparer.workbook.read import read_workbook

#: keys whose scalar values are kept as the exact text written (figures as printed)
_RAW_KEYS = {"value"}
#: keys whose scalar values stay text even when YAML would read them as numbers or dates
_TEXT_KEYS = {"value", "board_approval", "page_label", "name", "id", "title", "location"}
#: libyaml's parser when PyYAML was built with it (ten times faster); positions are the same
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
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
    findings: list[Finding] = []
    source.data = _convert(node, (), source, findings, key=None)
    if findings:
        raise InputInvalid(findings)
    return source


_constructor = yaml.SafeLoader("")


def _convert(node: yaml.Node, path: Path_, source: Source, findings: list[Finding], key: str | None) -> Any:
    source.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                findings.append(source.finding(path, "a key must be plain text", code="yaml"))
                continue
            child_key = str(key_node.value)
            if child_key in result:
                line = key_node.start_mark.line + 1
                findings.append(Finding(f"duplicate key '{child_key}'", file=source.file, line=line,
                                        column=key_node.start_mark.column + 1,
                                        fix="write each key once; merge the two entries", code="yaml"))
                continue
            result[child_key] = _convert(value_node, (*path, child_key), source, findings, child_key)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, index), source, findings, None) for index, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    if key in _RAW_KEYS:
        return str(node.value)
    value = _constructor.construct_object(node, deep=True)
    if key in _TEXT_KEYS and isinstance(value, int | float | dt.date) and not isinstance(value, bool):
        return str(node.value)
    return value
