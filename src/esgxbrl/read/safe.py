"""Reading untrusted files: size, depth and DTD limits for XML and JSON, with clear errors.

Every published file a user hands to esgxbrl is treated as hostile. Nothing here touches the
network; no DTD is loaded and no entity is expanded (a document with a DOCTYPE is refused outright,
which rules out XXE, billion laughs and external DTDs in one go); files larger than a limit are
refused from their size on disk, before they are read.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from esgxbrl.errors import ReadError

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MEGABYTE
    max_xml_depth: int = 64
    max_json_depth: int = 32


DEFAULT_LIMITS = Limits()

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_UTF16_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)
_DECLARED_ENCODING = re.compile(rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ENCODINGS = frozenset({"utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf-16le", "utf-16be"})


def fail(name: str, what: str, hint: str) -> ReadError:
    return ReadError(f"{name}: {what} — {hint}")


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:,.1f} MB"


@contextmanager
def guarded(name: str) -> Iterator[None]:
    """Whatever a hostile file makes go wrong surfaces as a ReadError, never as a traceback."""
    try:
        yield
    except ReadError:
        raise
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, OverflowError, RecursionError) as exc:
        raise fail(name, f"cannot be read ({type(exc).__name__}: {str(exc)[:200]})",
                   "the file is damaged or not one esgxbrl wrote; export it again") from None


def check_size(name: str, size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise fail(name, f"the file is {_megabytes(size)}, more than the limit of {_megabytes(limits.max_bytes)}",
                   "esgxbrl refuses larger files; check that this is the published report, or raise the limit")


def read_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The file's bytes, refused by its size before anything is read, and read no further than the limit."""
    name = str(path)
    try:
        if not path.is_file():
            raise fail(name, "no such file", "check the path")
        check_size(name, path.stat().st_size, limits)
        with path.open("rb") as stream:
            data = stream.read(limits.max_bytes + 1)
    except OSError as exc:
        raise fail(name, f"cannot be read ({exc.strerror or exc})", "check the path and its permissions") from None
    # the file may have grown between stat and read
    check_size(name, len(data), limits)
    return data


# --- XML -----------------------------------------------------------------------------------------

def _parser_options() -> dict[str, Any]:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "dtd_validation": False,
            "huge_tree": False, "remove_pis": True}


def xml_parser() -> etree.XMLParser:
    """The only XML parser esgxbrl uses on files it did not write itself."""
    return etree.XMLParser(**_parser_options())


def _utf16_text(data: bytes) -> str | None:
    """The text of a UTF-16 (or UTF-32) document, None for byte-oriented encodings such as UTF-8."""
    head = data[:4]
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    if head[:2] == b"<\x00":
        return data.decode("utf-16-le", errors="replace")
    if head[:2] == b"\x00<":
        return data.decode("utf-16-be", errors="replace")
    return None


def _refuse_doctype(name: str) -> ReadError:
    return fail(name, "the document has a DOCTYPE (document type declaration)",
                "esgxbrl never reads DTDs or entities from published files; remove the DOCTYPE")


def has_doctype(data: bytes) -> bool:
    text = _utf16_text(data)
    if text is not None:
        return _UTF16_DOCTYPE.search(text) is not None
    return _DOCTYPE.search(data) is not None


def _check_encoding(data: bytes, name: str) -> None:
    declared = _DECLARED_ENCODING.match(data)
    if declared and declared.group(1).decode("ascii").lower() not in _ENCODINGS:
        raise fail(name, f"the XML declares the encoding {declared.group(1).decode('ascii')}",
                   "esgxbrl reads XML in UTF-8 or UTF-16 only; export the file again")


def parse_xml(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> etree._Element:
    """Parse untrusted XML: no DOCTYPE, no entities, no network, bounded size and depth."""
    check_size(name, len(data), limits)
    if has_doctype(data):
        raise _refuse_doctype(name)
    _check_encoding(data, name)
    depth = 0
    root: etree._Element | None = None
    try:
        events = etree.iterparse(io.BytesIO(data), events=("start", "end"), **_parser_options())
        for event, element in events:
            if event == "start":
                depth += 1
                if root is None:
                    root = element
                if depth > limits.max_xml_depth:
                    raise fail(name, f"elements are nested more than {limits.max_xml_depth} deep "
                                     f"(line {element.sourceline})",
                               "no XBRL document nests this deep; the file is damaged or hostile")
            else:
                depth -= 1
    except etree.XMLSyntaxError as exc:
        raise fail(name, f"not well-formed XML ({_syntax_message(exc)})",
                   "the file is truncated or damaged; export it again") from None
    if root is None:
        raise fail(name, "the document is empty", "export the file again")
    docinfo = root.getroottree().docinfo
    if str(getattr(docinfo, "doctype", "") or "") or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _refuse_doctype(name)
    return root


def _syntax_message(exc: etree.XMLSyntaxError) -> str:
    message = str(exc.msg if getattr(exc, "msg", None) else exc)
    line = exc.lineno if getattr(exc, "lineno", None) else None
    # lxml appends "(<string>, line N)"; keep only the parser's own words
    message = re.sub(r"\s*\(<string>, line \d+\)$", "", message).strip()
    return f"line {line}: {message}" if line else message


def parse_fragment(text: str, name: str, wrapper_namespace: str, limits: Limits = DEFAULT_LIMITS) -> etree._Element:
    """Parse an XML fragment (an XHTML footnote held in a JSON string) inside one wrapper element."""
    wrapped = f'<fragment xmlns="{wrapper_namespace}">{text}</fragment>'.encode()
    return parse_xml(wrapped, name, limits)


# --- JSON ----------------------------------------------------------------------------------------

def _no_constants(token: str) -> Any:
    raise ValueError(f"{token} is not a JSON number")


def _unique_keys(name: str) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise fail(name, f"the key \"{key[:80]}\" appears twice in one object",
                           "JSON objects of xBRL-JSON must not repeat a key")
            result[key] = value
        return result

    return build


def _depth(value: Any) -> int:
    """Nesting depth of parsed JSON, without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if isinstance(item, dict):
            stack.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, level + 1) for child in item)
    return deepest


def parse_json(data: bytes, name: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse untrusted JSON: UTF-8 only, bounded size and nesting, no duplicate keys, no NaN."""
    check_size(name, len(data), limits)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(name, f"not UTF-8 text (byte {exc.start})", "xBRL-JSON files are UTF-8; export the file again") \
            from None
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys(name), parse_constant=_no_constants)
    except ReadError:
        raise
    except RecursionError:
        raise fail(name, "JSON nested far too deep", "no xBRL-JSON document nests like this; the file is hostile") \
            from None
    except json.JSONDecodeError as exc:
        raise fail(name, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
                   "the file is truncated or damaged; export it again") from None
    except ValueError as exc:
        raise fail(name, f"not valid JSON ({str(exc)[:120]})", "export the file again") from None
    if _depth(value) > limits.max_json_depth:
        raise fail(name, f"JSON nested more than {limits.max_json_depth} deep",
                   "no xBRL-JSON document nests this deep; the file is damaged or hostile")
    return value


def safe_child_file(base_dir: Path | None, href: str, name: str, what: str,
                    limits: Limits = DEFAULT_LIMITS) -> bytes:
    """A file named by a relative reference, only if it lies directly beside the document."""
    if base_dir is None:
        raise fail(name, f"it refers to its {what} {href!r}, which is read from the folder of the file",
                   "read the file by its path (esgxbrl.read.read) so the schema beside it can be found")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", href) or ".." in href:
        raise fail(name, f"its {what} {href[:120]!r} is not a plain file name",
                   "esgxbrl only reads a schema that lies beside the document, never a path elsewhere")
    folder = base_dir.resolve()
    path = (folder / href).resolve()
    if path.parent != folder:
        raise fail(name, f"its {what} {href!r} leads outside the folder of the file",
                   "keep the schema beside the document, as esgxbrl exports it")
    if not path.is_file():
        raise fail(name, f"its {what} {href!r} is missing", "keep the schema beside the document, as exported")
    return read_file(path, limits)
