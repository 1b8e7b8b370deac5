"""Say in words what YAML made of a line a person wrote, where that is not what they meant.

YAML reads unquoted text by rules a newcomer does not know: a comma inside `{ }` ends the text, a
colon and a space start a key, `0123`, `1.10`, `no` and `2024-03-31` are a number, a yes/no value
and a date, a tab cannot indent. The errors that follow ("String should match pattern", "mapping
values are not allowed") name the consequence, not the cause. This module names the cause and shows
the line as it should be written.
"""

from __future__ import annotations

import datetime as dt

import yaml

from esgxbrl.errors import Finding
from esgxbrl.model.source import Misreading

#: shape errors that mean "text was expected here"
TEXT_EXPECTED = frozenset({"string_type", "literal_error"})
_NULL_TAG = "tag:yaml.org,2002:null"


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _line_with(lines: list[str], line: int, start: int, end: int, replacement: str) -> str | None:
    """Line `line` (0-based) with columns start:end replaced, stripped, or None when it is not there."""
    if not 0 <= line < len(lines):
        return None
    text = lines[line]
    return (text[:start] + replacement + text[end:]).strip()


def _on_one_line(node: yaml.Node) -> bool:
    return bool(node.start_mark.line == node.end_mark.line)


def _finding(file: str, mark: yaml.Mark, message: str, fix: str) -> Finding:
    return Finding(message, file=file, line=mark.line + 1, column=mark.column + 1, fix=fix, code="yaml")


# --- a comma inside { } ------------------------------------------------------------------------

def comma_splits(node: yaml.MappingNode, file: str, lines: list[str]) -> dict[str, Misreading]:
    """Keys of a `{ }` mapping that exist only because an unquoted comma cut the text before them.

    `{en: Environmental, Social and Governance Report}` is read as en: "Environmental" plus a key
    "Social and Governance Report" with no value. Returned by the key they explain.
    """
    found: dict[str, Misreading] = {}
    if not node.flow_style:
        return found
    pairs = node.value
    index = 0
    while index < len(pairs):
        if not _is_bare_key(pairs[index]):
            index += 1
            continue
        run_end = index
        while run_end + 1 < len(pairs) and _is_bare_key(pairs[run_end + 1]):
            run_end += 1
        keys = [str(k.value) for k, _ in pairs[index:run_end + 1]]
        found.update(dict.fromkeys(keys, Misreading(_split_finding(pairs, index, run_end, file, lines))))
        index = run_end + 1
    return found


def _is_bare_key(pair: tuple[yaml.Node, yaml.Node]) -> bool:
    """A plain key with nothing after it: `{a: b, c}` gives c such a key."""
    key, value = pair
    return (isinstance(key, yaml.ScalarNode) and not key.style and isinstance(value, yaml.ScalarNode)
            and value.tag == _NULL_TAG and value.value == "")


def _split_finding(pairs: list[tuple[yaml.Node, yaml.Node]], first: int, last: int, file: str,
                   lines: list[str]) -> Finding:
    last_key = pairs[last][0]
    cut_off = ", ".join(str(k.value) for k, _ in pairs[first:last + 1])
    if first > 0:
        before_key, before = pairs[first - 1]
        if (isinstance(before, yaml.ScalarNode) and not before.style and isinstance(before.value, str)
                and before.start_mark.line == last_key.end_mark.line):
            start, end = before.start_mark.column, last_key.end_mark.column
            text = lines[before.start_mark.line][start:end]
            fixed = _line_with(lines, before.start_mark.line, start, end, quoted(text))
            return _finding(file, before.start_mark,
                            f"the text {quoted(text)} contains a comma inside {{ }}, which ends the text: YAML "
                            f"read {quoted(str(before.value))} as the value of {before_key.value} and "
                            f"{quoted(cut_off)} as a key of its own",
                            f"put the text in quotes: {fixed}")
    return _finding(file, pairs[first][0].start_mark,
                    f"{quoted(cut_off)} inside {{ }} has no key before it (a comma separates key: value pairs), "
                    "so YAML read it as a key with no value",
                    "write it as key: value, and put text that contains a comma in quotes")


# --- a colon and a space inside an item -------------------------------------------------------

def pair_misreading(node: yaml.Node, file: str, lines: list[str]) -> Misreading | None:
    """An item written `- Scope: all offices` or `[Scope: all offices]` is a key: value pair, not text."""
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1 or not _on_one_line(node):
        return None
    key, value = node.value[0]
    if not (isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode) and not key.style
            and not value.style):
        return None
    line = lines[node.start_mark.line] if node.start_mark.line < len(lines) else ""
    if line[node.start_mark.column:node.start_mark.column + 1] == "{":
        return None
    start, end = node.start_mark.column, node.end_mark.column
    text = line[start:end]
    fixed = _line_with(lines, node.start_mark.line, start, end, quoted(text))
    finding = _finding(file, node.start_mark,
                       f"the text {quoted(text)} contains a colon followed by a space, so YAML read it as the key "
                       f"{quoted(str(key.value))} with the value {quoted(str(value.value))}",
                       f"put the text in quotes: {fixed}")
    return Misreading(finding, frozenset({"string_type"}))


# --- values read as numbers, dates, yes/no ------------------------------------------------------

def scalar_misreading(node: yaml.ScalarNode, value: object, file: str, lines: list[str]) -> Misreading | None:
    """What an unquoted value that YAML did not read as text was read as, for where text is expected."""
    if node.style or isinstance(value, str) or value is None:
        return None
    written = str(node.value)
    if isinstance(value, bool):
        what = f"the yes/no value {str(value).lower()}"
    elif isinstance(value, int):
        what = f"the number {value}"
        if len(written) > 1 and written.startswith("0") and written.isdigit():
            what += " (a leading 0 makes it an octal number)"
    elif isinstance(value, float):
        what = f"the number {value:g}"
        if "." in written and written.endswith("0"):
            what += " (a number keeps no trailing zeros)"
    elif isinstance(value, dt.datetime):
        what = "a date and time"
    elif isinstance(value, dt.date):
        what = "a date"
    else:
        what = f"a {type(value).__name__}"
    fix = "put it in quotes"
    if _on_one_line(node):
        fixed = _line_with(lines, node.start_mark.line, node.start_mark.column, node.end_mark.column, quoted(written))
        if fixed is not None:
            fix += f": {fixed}"
    finding = _finding(file, node.start_mark, f"{written} is read as {what}, not as text", fix)
    return Misreading(finding, TEXT_EXPECTED)


def not_a_date(node: yaml.ScalarNode, problem: Exception, file: str) -> Finding:
    """An unquoted value shaped like a date that is no day of the calendar (2023-02-30)."""
    return _finding(file, node.start_mark, f"{node.value} is written like a date but is not one ({problem})",
                    "correct the date (YYYY-MM-DD), or put it in quotes if it is text")


# --- errors of the syntax itself ---------------------------------------------------------------

def syntax_finding(exc: yaml.MarkedYAMLError, lines: list[str], file: str) -> Finding | None:
    """A parser error told as the mistake that usually causes it, or None when it is not a known one."""
    mark = exc.problem_mark
    if mark is None or not 0 <= mark.line < len(lines):
        return None
    line = lines[mark.line]
    at = line[mark.column:mark.column + 1]
    if at == "\t":
        return _tab(mark, line, file)
    if at == ":" and line[mark.column + 1:mark.column + 2] in ("", " "):
        return _colon(mark, line, file, in_braces=(exc.context or "").startswith("while parsing a flow"))
    return None


def _tab(mark: yaml.Mark, line: str, file: str) -> Finding:
    leading = line[:len(line) - len(line.lstrip(" \t"))]
    where = "indents the line" if mark.column < len(leading) else "is in the line"
    return _finding(file, mark, f"a tab character {where}: YAML indents with spaces only and reads no tab there",
                    "replace the tab with spaces, lining the key up with the keys of the same level "
                    "(set the editor to insert spaces for the Tab key)")


def _colon(mark: yaml.Mark, line: str, file: str, in_braces: bool) -> Finding:
    """`note: Scope: all offices`: the second ': ' would start a key inside the value."""
    segment_start = max(line.rfind(c, 0, mark.column) for c in "{[,") + 1 if in_braces else 0
    separator = line.find(": ", segment_start, mark.column)
    if separator < 0 or line[segment_start:separator].strip() in ("", "-"):
        return _finding(file, mark, "a colon followed by a space inside unquoted text starts a key: value pair "
                                    "where YAML allows none", "put the text in quotes")
    start = separator + 2
    while start < mark.column and line[start] == " ":
        start += 1
    end = _text_end(line, mark.column, in_braces)
    text = line[start:end]
    fixed = (line[:start] + quoted(text) + line[end:]).strip()
    return _finding(file, mark, f"the text {quoted(text)} contains a colon followed by a space, which YAML reads "
                                "as the start of another key: value pair",
                    f"put the text in quotes: {fixed}")


def _text_end(line: str, start: int, in_braces: bool) -> int:
    """Where unquoted text running from `start` ends: at a comment, or inside { } at the next , or }."""
    comment = line.find(" #", start)
    end = comment if comment >= 0 else len(line)
    if in_braces:
        stops = [i for i in (line.find(c, start, end) for c in ",}]") if i >= 0]
        end = min(stops, default=end)
    return len(line[:end].rstrip())
