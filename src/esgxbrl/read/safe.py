"""Reading untrusted files: size, depth and DTD limits for XML and JSON, with clear errors.

Every published file a user hands to esgxbrl is treated as hostile. Nothing here touches the
network; no DTD is loaded and no entity is expanded (a document with a DOCTYPE is refused outright,
which rules out XXE, billion laughs and external DTDs in one go); files larger than a limit are
refused from their size on disk, before they are read.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
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
#: errors that mean there is no file at the path (as pathlib's is_file sees them)
_MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})
#: how deep libxml2 lets elements nest when huge_tree is off
_LIBXML2_MAX_DEPTH = 256
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
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise fail(name, "no such file", "check the path")
        check_size(name, status.st_size, limits)
        with open(path, "rb", buffering=0) as stream:
            data = _read_at_most(stream, min(status.st_size, limits.max_bytes) + 1, limits.max_bytes + 1)
    except OSError as exc:
        if exc.errno in _MISSING:
            raise fail(name, "no such file", "check the path") from None
        raise fail(name, f"cannot be read ({exc.strerror or exc})", "check the path and its permissions") from None
    # the file may have grown between stat and read
    check_size(name, len(data), limits)
    return data


def _read_at_most(stream: io.RawIOBase, expected: int, most: int) -> bytes:
    """Up to `most` bytes; a buffer of the expected size first (a buffer of `most` bytes would cost
    far more than the read itself), then more only if the file turns out longer."""
    parts: list[bytes] = []
    size = 0
    wanted = expected
    while size < most:
        part = stream.read(min(wanted, most - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
        wanted = min(most - size, 1 << 20)   # a read of n bytes allocates n bytes first
    return parts[0] if len(parts) == 1 else b"".join(parts)


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
    # a byte-oriented document without a "!" has no "<!DOCTYPE"; finding a byte is far quicker
    # than a case-blind search, and most documents have no "!" at all
    return b"!" in data and _DOCTYPE.search(data) is not None


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
    try:
        # libxml2 itself stops at 256 levels (huge_tree is off), so the tree is bounded while it is
        # built; the tighter limit is checked on the finished tree, in C, by one XPath
        root = etree.fromstring(data, _shared_parser())
    except etree.XMLSyntaxError as exc:
        if "Excessive depth" in str(exc):
            raise _too_deep(name, min(limits.max_xml_depth, _LIBXML2_MAX_DEPTH), exc.lineno) from None
        raise fail(name, f"not well-formed XML ({_syntax_message(exc)})",
                   "the file is truncated or damaged; export it again") from None
    if root is None:
        raise fail(name, "the document is empty", "export the file again")
    too_deep = _deeper_than(limits.max_xml_depth)(root)
    if isinstance(too_deep, list) and too_deep:
        raise _too_deep(name, limits.max_xml_depth, getattr(too_deep[0], "sourceline", None))
    docinfo = root.getroottree().docinfo
    if str(getattr(docinfo, "doctype", "") or "") or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _refuse_doctype(name)
    return root


def _too_deep(name: str, depth: int, line: int | None) -> ReadError:
    return fail(name, f"elements are nested more than {depth} deep (line {line})",
                "no XBRL document nests this deep; the file is damaged or hostile")


@cache
def _deeper_than(depth: int) -> etree.XPath:
    """The elements at depth + 1 (the root is at depth 1), in document order."""
    return etree.XPath("/*" * (depth + 1))


_parsers = threading.local()


def _shared_parser() -> etree.XMLParser:
    """One parser per thread: a parser keeps no state between documents, but is not thread-safe."""
    parser: etree.XMLParser | None = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = xml_parser()
    return parser


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


def safe_child_path(base_dir: Path | None, href: str, name: str, what: str) -> Path:
    """The path of a file named by a relative reference, only if it lies directly beside the document."""
    if base_dir is None:
        raise fail(name, f"it refers to its {what} {href!r}, which is read from the folder of the file",
                   "read the file by its path (esgxbrl.read.read) so the schema beside it can be found")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", href) or ".." in href:
        raise fail(name, f"its {what} {href[:120]!r} is not a plain file name",
                   "esgxbrl only reads a schema that lies beside the document, never a path elsewhere")
    path = base_dir / href
    try:
        link = stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        link = True   # missing or unreadable: the checks below say which
    if link:
        # a plain name that is not a symbolic link is a file in the folder itself; a link may lead
        # anywhere, so only where it really leads counts
        folder = base_dir.resolve()
        path = (folder / href).resolve()
        if path.parent != folder:
            raise fail(name, f"its {what} {href!r} leads outside the folder of the file",
                       "keep the schema beside the document, as esgxbrl exports it")
    if not path.is_file():
        raise fail(name, f"its {what} {href!r} is missing", "keep the schema beside the document, as exported")
    return path


def safe_child_file(base_dir: Path | None, href: str, name: str, what: str,
                    limits: Limits = DEFAULT_LIMITS) -> bytes:
    """A file named by a relative reference, only if it lies directly beside the document."""
    return read_file(safe_child_path(base_dir, href, name, what), limits)
