"""esgxbrl JSON-LD -> FactSet, the inverse of esgxbrl.emit.jsonld.

The file is treated as hostile: it is read as plain JSON (no JSON-LD processing, so no remote
context is ever fetched), its size is limited, duplicate keys and non-finite numbers are refused,
and every field is checked before use. Any problem is a ReadError that says where it is.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, NoReturn

from esgxbrl.emit.jsonld import CONTEXT, CONTEXT_URL, INFINITE_DECIMALS, ISSUER_AXES_KEY, ISSUER_CONCEPTS_KEY
from esgxbrl.errors import ReadError
from esgxbrl.model.facts import (
    Extension,
    ExtensionAxis,
    ExtensionConcept,
    ExtensionMember,
    Fact,
    FactSet,
    Footnote,
    Period,
)
from esgxbrl.model.units import Unit

MAX_BYTES = 64 * 1024 * 1024

_NAME = r"[A-Za-z_][A-Za-z0-9_.\-]*"
_LOCAL_ID = re.compile(rf"^#({_NAME})$")
_PREFIX = re.compile(rf"^{_NAME}$")
_MEASURE = re.compile(rf"^{_NAME}:{_NAME}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


def _fail(where: str, message: str) -> NoReturn:
    raise ReadError(f"JSON-LD {where}: {message}")


class _Node:
    """A JSON object with the path it was found at, for messages that point at the problem."""

    def __init__(self, value: Any, where: str) -> None:
        if not isinstance(value, dict):
            _fail(where, "expected an object")
        self.value: dict[str, Any] = value
        self.where = where

    def at(self, key: str) -> str:
        return f"{self.where}.{key}"

    def has(self, key: str) -> bool:
        return key in self.value

    def get(self, key: str) -> Any:
        if key not in self.value:
            _fail(self.where, f"'{key}' is missing")
        return self.value[key]

    def text(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str):
            _fail(self.at(key), "expected text")
        return value

    def node(self, key: str) -> _Node:
        return _Node(self.get(key), self.at(key))

    def nodes(self, key: str) -> list[_Node]:
        if key not in self.value:
            return []
        items = self.value[key]
        if not isinstance(items, list):
            _fail(self.at(key), "expected a list")
        return [_Node(item, f"{self.at(key)}[{index}]") for index, item in enumerate(items)]


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ReadError(f"JSON-LD: the key '{key}' appears twice in one object")
        result[key] = value
    return result


def _refuse_constant(name: str) -> NoReturn:
    raise ReadError(f"JSON-LD: {name} is not a number JSON allows")


def _parse(data: bytes) -> Any:
    if len(data) > MAX_BYTES:
        raise ReadError(f"JSON-LD: the file is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"JSON-LD: not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ReadError(f"JSON-LD: not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise ReadError("JSON-LD: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise ReadError(f"JSON-LD: {exc}") from None


class _Names:
    """IRIs `namespace#LocalName` back to the prefixed names the FactSet uses."""

    def __init__(self, namespaces: tuple[tuple[str, str], ...]) -> None:
        self.prefixes = {uri: prefix for prefix, uri in namespaces}

    def qname(self, value: Any, where: str) -> str:
        if not isinstance(value, str):
            _fail(where, "expected an IRI")
        namespace, hash_sign, local = value.rpartition("#")
        if not hash_sign or not re.fullmatch(_NAME, local):
            _fail(where, f"'{value}' is not an IRI of the form namespace#LocalName")
        if namespace not in self.prefixes:
            _fail(where, f"the namespace of '{value}' is not declared in 'namespaces'")
        return f"{self.prefixes[namespace]}:{local}"

    def reference(self, value: Any, where: str) -> str:
        """A node reference {"@id": IRI} as a prefixed name."""
        node = _Node(value, where)
        return self.qname(node.get("@id"), node.at("@id"))


def _local_id(value: Any, where: str) -> str:
    match = _LOCAL_ID.match(value) if isinstance(value, str) else None
    if match is None:
        _fail(where, f"expected a fragment id such as '#f-Name-1a2b3c4d', got {value!r}")
    return match.group(1)


def _language(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _LANGUAGE.match(value):
        _fail(where, f"expected a language tag such as 'zh-Hant', got {value!r}")
    return value


def _date(value: Any, where: str) -> dt.date:
    if not isinstance(value, str) or not _DATE.match(value):
        _fail(where, f"expected a date YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(where, f"'{value}' is not a calendar date")


def _check_header(root: _Node) -> None:
    context = root.get("@context")
    if context not in (CONTEXT, CONTEXT_URL, [CONTEXT_URL]):
        _fail(root.at("@context"), f"not the esgxbrl context ({CONTEXT_URL}); this reader reads esgxbrl "
                                    "JSON-LD documents only")
    if root.get("@type") != "Report":
        _fail(root.at("@type"), "expected 'Report'")


def _namespaces(root: _Node) -> tuple[tuple[str, str], ...]:
    pairs = []
    for node in root.nodes("namespaces"):
        prefix = node.text("prefix")
        if not _PREFIX.match(prefix):
            _fail(node.at("prefix"), f"'{prefix}' is not a namespace prefix")
        pairs.append((prefix, node.text("namespaceName")))
    if len({p for p, _ in pairs}) != len(pairs) or len({u for _, u in pairs}) != len(pairs):
        _fail(root.at("namespaces"), "a prefix or a namespace is declared twice")
    return tuple(pairs)


def _period(node: _Node) -> Period:
    if node.has("instant"):
        if node.has("startDate") or node.has("endDate"):
            _fail(node.where, "a period is an instant or a duration, not both")
        return Period(_date(node.get("instant"), node.at("instant")))
    start = _date(node.get("startDate"), node.at("startDate"))
    end = _date(node.get("endDate"), node.at("endDate"))
    if end < start:
        _fail(node.where, "the period ends before it starts")
    return Period(end, start)


def _unit(node: _Node) -> Unit:
    text = node.text("unit")
    numerator, _, denominator = text.partition("/")
    parts = (tuple(numerator.split("*")), tuple(denominator.split("*")) if denominator else ())
    for measure in (*parts[0], *parts[1]):
        if not _MEASURE.match(measure):
            _fail(node.at("unit"), f"'{text}' is not a unit such as 'utr:tCO2e' or 'utr:t/hkesg:Employee'")
    return Unit(*parts)


def _decimals(node: _Node) -> int | None:
    value = node.get("decimals")
    if value == INFINITE_DECIMALS:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        _fail(node.at("decimals"), f"expected a whole number or '{INFINITE_DECIMALS}', got {value!r}")
    return value


def _value(node: _Node) -> tuple[str | None, str | None]:
    """The lexical value and its language; (None, language) for a nil fact."""
    if node.value.get("nil") is True:
        if node.has("value"):
            _fail(node.where, "a nil fact has no value")
        language = _language(node.get("language"), node.at("language")) if node.has("language") else None
        return None, language
    value = node.get("value")
    where = node.at("value")
    if isinstance(value, str):
        return value, None
    if isinstance(value, list):
        members = []
        for index, item in enumerate(value):
            member = _Node(item, f"{where}[{index}]")
            members.append(member.text("@id"))
        return " ".join(members), None
    literal = _Node(value, where)
    if literal.has("@id"):
        return literal.text("@id"), None
    text = literal.text("@value")
    if literal.has("@language"):
        return text, _language(literal.get("@language"), literal.at("@language"))
    return text, None


def _fact(node: _Node, names: _Names, footnote_ids: set[str]) -> Fact:
    if node.value.get("@type") != "Fact":
        _fail(node.at("@type"), "expected 'Fact'")
    fact_id = _local_id(node.get("@id"), node.at("@id"))
    concept = names.qname(node.get("concept"), node.at("concept"))
    period = _period(node.node("period"))
    value, language = _value(node)
    unit = _unit(node) if node.has("unit") else None
    decimals = _decimals(node) if node.has("decimals") else None
    dimensions: list[tuple[str, str]] = []
    if node.has("dimensions"):
        holder = node.node("dimensions")
        for axis_iri, member in holder.value.items():
            where = holder.at(axis_iri)
            dimensions.append((names.qname(axis_iri, where), names.reference(member, where)))
    footnotes = []
    if node.has("footnotes"):
        refs = node.get("footnotes")
        if not isinstance(refs, list):
            _fail(node.at("footnotes"), "expected a list")
        for index, ref in enumerate(refs):
            footnote_id = _local_id(ref, f"{node.at('footnotes')}[{index}]")
            if footnote_id not in footnote_ids:
                _fail(f"{node.at('footnotes')}[{index}]", f"no footnote has the id '{footnote_id}'")
            footnotes.append(footnote_id)
    return Fact(fact_id, concept, period, value, unit, decimals, tuple(sorted(dimensions)), language,
                tuple(footnotes))


def _footnote(node: _Node) -> Footnote:
    if node.value.get("@type") != "Footnote":
        _fail(node.at("@type"), "expected 'Footnote'")
    text = node.node("text")
    return Footnote(_local_id(node.get("@id"), node.at("@id")),
                    _language(text.get("@language"), text.at("@language")), text.text("@value"))


def _extension(node: _Node, names: _Names) -> Extension:
    namespace = node.text("namespaceName")
    members = []
    for member in node.nodes("members"):
        local, labels = _extension_name(member, namespace, "a member"), _labels(member)
        members.append(ExtensionMember(names.qname(member.get("axis"), member.at("axis")), local, labels))
    axes = [ExtensionAxis(_extension_name(axis, namespace, "an axis"), _labels(axis))
            for axis in node.nodes(ISSUER_AXES_KEY)]
    concepts = [_issuer_concept(concept, namespace, names) for concept in node.nodes(ISSUER_CONCEPTS_KEY)]
    return Extension(namespace, node.text("prefix"), node.text("schemaFile"), tuple(members), tuple(axes),
                     tuple(concepts))


def _extension_name(node: _Node, namespace: str, what: str) -> str:
    """The local name of what the node declares, whose @id is in the extension's namespace."""
    iri = node.text("@id")
    base, _, local = iri.rpartition("#")
    if base != namespace or not re.fullmatch(_NAME, local):
        _fail(node.at("@id"), f"'{iri}' is not {what} of the extension namespace {namespace}")
    return local


def _labels(node: _Node) -> tuple[tuple[str, str], ...]:
    """The node's labels as (language, text)."""
    return tuple((_language(label.get("@language"), label.at("@language")), label.text("@value"))
                 for label in node.nodes("label"))


def _issuer_concept(node: _Node, namespace: str, names: _Names) -> ExtensionConcept:
    local = _extension_name(node, namespace, "a concept")
    anchors = [(relationship, key) for relationship in ("narrower", "wider")
               if node.has(key := f"esgx:{relationship}Than")]
    if len(anchors) != 1:
        _fail(node.where, "an issuer concept needs exactly one of 'esgx:narrowerThan' and 'esgx:widerThan'")
    relationship, key = anchors[0]
    period = node.text("esgx:periodType")
    if period not in ("duration", "instant"):
        _fail(node.at("esgx:periodType"), "expected 'duration' or 'instant'")
    balance = node.text("esgx:balance") if node.has("esgx:balance") else None
    return ExtensionConcept(local, _labels(node), node.text("esgx:itemType"), period,
                            names.reference(node.get(key), node.at(key)), relationship, balance)


def read_jsonld(data: bytes) -> FactSet:
    """Read an esgxbrl JSON-LD document back into the fact set it was written from."""
    root = _Node(_parse(data), "document")
    _check_header(root)
    namespaces = _namespaces(root)
    names = _Names(namespaces)
    entity = root.node("entity")
    footnotes = tuple(_footnote(node) for node in root.nodes("footnotes"))
    footnote_ids = {f.id for f in footnotes}
    if len(footnote_ids) != len(footnotes):
        _fail(root.at("footnotes"), "two footnotes share an id")
    facts = tuple(_fact(node, names, footnote_ids) for node in root.nodes("facts"))
    if len({f.id for f in facts}) != len(facts):
        _fail(root.at("facts"), "two facts share an id")
    extension = _extension(root.node("extension"), names) if root.has("extension") else None
    return FactSet(
        entity_scheme=entity.text("scheme"),
        entity_identifier=entity.text("identifier"),
        taxonomy_entry_point=root.text("taxonomy"),
        namespaces=namespaces,
        facts=facts,
        footnotes=footnotes,
        extension=extension,
        document_language=_language(root.get("language"), root.at("language")),
    )
