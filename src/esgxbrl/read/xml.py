"""XBRL 2.1 instance (XML) -> FactSet, and the parts every XML-based syntax shares.

Contexts, units, footnote links and the issuer extension schema are read here; the Inline XBRL
reader uses the same functions for what its header holds. Prefixes in the fact set are those the
document declares, so a document esgxbrl wrote reads back to the fact set it was written from.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from esgxbrl import xbrlns as ns
from esgxbrl.catalogue import GUIDES, load_catalogue
from esgxbrl.facts import Extension, ExtensionMember, Fact, FactSet, Footnote, Period, fact_id
from esgxbrl.read.safe import DEFAULT_LIMITS, Limits, fail, guarded, parse_xml, read_file, safe_child_path
from esgxbrl.units import Unit

XML_LANG = f"{{{ns.XML}}}lang"
XSI_NIL = f"{{{ns.XSI}}}nil"
XLINK_HREF = f"{{{ns.XLINK}}}href"
XLINK_LABEL = f"{{{ns.XLINK}}}label"
XLINK_FROM = f"{{{ns.XLINK}}}from"
XLINK_TO = f"{{{ns.XLINK}}}to"
XLINK_ARCROLE = f"{{{ns.XLINK}}}arcrole"
XLINK_ROLE = f"{{{ns.XLINK}}}role"
DEFAULT_ENTITY_SCHEME_PREFIX = "scheme"

#: namespaces a document needs for its own structure, not for the facts' QNames
_STRUCTURAL = frozenset({ns.LINK, ns.XLINK, ns.XBRLDI, ns.XSI, ns.XHTML, ns.IX, ns.XML, ns.XBRLDT})
_TRANSFORMATION_BASES = ("http://www.xbrl.org/inlineXBRL/transformation/", "http://www.sec.gov/inlineXBRL/")
#: namespaces of specifications an extension schema may import besides the taxonomy itself
_SPECIFICATION_NAMESPACES = frozenset(ns.SCHEMA_LOCATIONS) | {ns.UTR, ns.ISO4217, "http://www.xbrl.org/dtr/type/numeric",
                                                              "http://www.xbrl.org/dtr/type/non-numeric"}
_DATE = re.compile(r"\A\s*(\d{4}-\d{2}-\d{2})\s*\Z")
_LOCAL_NAME = re.compile(r"[\w.-]+")


def is_structural(namespace: str) -> bool:
    return namespace in _STRUCTURAL or namespace.startswith(_TRANSFORMATION_BASES)


def qname_of(element: etree._Element) -> str:
    """A short name for messages: prefix:local as written."""
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


def line_of(element: etree._Element) -> int | None:
    line = element.sourceline
    return line if isinstance(line, int) else None


def where(element: etree._Element) -> str:
    return f"{qname_of(element)} on line {line_of(element)}"


def uniform_scope(data: bytes, root: etree._Element) -> dict[str | None, str] | None:
    """The root's namespace declarations when no other element of the document declares any, so
    that they are in scope everywhere; None when that is not certain.

    Every declaration is written with the word "xmlns", so a document holding that word no more
    often than its root declares namespaces declares none anywhere else. A document that has the
    word in its text as well takes the general way, and so does one in UTF-16 (where the word is
    not those bytes): its root's declarations are not found in its bytes, and a root without
    declarations never counts as uniform.
    """
    scope: dict[str | None, str] = root.nsmap
    return scope if scope and data.count(b"xmlns") == len(scope) else None


class Prefixes:
    """The prefixes of the fact set: those the document declares, extended when it uses others.

    `uniform` is the namespace scope of every element, when the document has one (`uniform_scope`):
    then a QName written as text means the same wherever it is, and is resolved once. Otherwise the
    scope of each element is built from its ancestors' declarations, every time it is needed.
    """

    def __init__(self, declared: Mapping[str, str], uniform: Mapping[str | None, str] | None = None) -> None:
        self.by_prefix: dict[str, str] = dict(declared)
        self.by_uri: dict[str, str] = {}
        for prefix, uri in sorted(declared.items()):
            self.by_uri.setdefault(uri, prefix)
        self.uniform = uniform
        # (namespace, local) -> fact-set QName; a namespace keeps its prefix once it has one
        self._names: dict[tuple[str, str], str] = {}
        # the same for QNames written as text that have passed the check of their local name
        self._resolved: dict[tuple[str, str], str] = {}
        # QNames as written -> fact-set QName, in the uniform scope
        self._written: dict[str, str] = {}

    def scope(self, element: etree._Element) -> Mapping[str | None, str]:
        """The namespaces in scope at `element`."""
        return self.uniform if self.uniform is not None else element.nsmap

    def name(self, namespace: str, local: str, hint: str | None = None) -> str:
        known = self._names.get((namespace, local))
        if known is not None:
            return known
        prefix = self.by_uri.get(namespace)
        if prefix is None:
            prefix = hint if hint and hint not in self.by_prefix else None
            number = 1
            while prefix is None or prefix in self.by_prefix:
                prefix, number = f"ns{number}", number + 1
            self.by_prefix[prefix] = namespace
            self.by_uri[namespace] = prefix
        qname = self._names[(namespace, local)] = f"{prefix}:{local}"
        return qname

    def resolve(self, text: str, scope: Mapping[str | None, str], file: str, context: str) -> str:
        """A QName written in the document (`scope` = its in-scope namespaces) as a fact-set QName."""
        if scope is self.uniform:
            known = self._written.get(text)
            if known is None:
                known = self._written[text] = self._resolve(text, scope, file, context)
            return known
        return self._resolve(text, scope, file, context)

    def _resolve(self, text: str, scope: Mapping[str | None, str], file: str, context: str) -> str:
        text = text.strip()
        prefix, colon, local = text.rpartition(":")
        namespace = scope.get(prefix if colon else None)
        if namespace is not None:
            known = self._resolved.get((namespace, local))
            if known is not None:
                return known
        if not local or namespace is None or not _LOCAL_NAME.fullmatch(local):
            raise fail(file, f"{context}: '{text[:120]}' is not a QName with a declared prefix",
                       "every QName must use a prefix the document declares")
        qname = self._resolved[(namespace, local)] = self.name(namespace, local, prefix or None)
        return qname

    def namespace(self, qname: str) -> str:
        return self.by_prefix[qname.partition(":")[0]]

    def namespaces(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(self.by_prefix.items()))


def declared_namespaces(elements: Iterable[etree._Element]) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in elements:
        for prefix, uri in element.nsmap.items():
            if prefix is not None and not is_structural(uri):
                found.setdefault(prefix, uri)
    return found


# --- contexts and units --------------------------------------------------------------------------

CONTEXT, UNIT = f"{{{ns.XBRLI}}}context", f"{{{ns.XBRLI}}}unit"
ENTITY, IDENTIFIER, SEGMENT = f"{{{ns.XBRLI}}}entity", f"{{{ns.XBRLI}}}identifier", f"{{{ns.XBRLI}}}segment"
PERIOD, SCENARIO = f"{{{ns.XBRLI}}}period", f"{{{ns.XBRLI}}}scenario"
INSTANT, START_DATE, END_DATE = f"{{{ns.XBRLI}}}instant", f"{{{ns.XBRLI}}}startDate", f"{{{ns.XBRLI}}}endDate"
EXPLICIT_MEMBER, TYPED_MEMBER = f"{{{ns.XBRLDI}}}explicitMember", f"{{{ns.XBRLDI}}}typedMember"


class Context(NamedTuple):
    # a named tuple rather than a frozen dataclass: four times quicker to make, and a report has
    # a hundred contexts
    scheme: str
    identifier: str
    period: Period
    dimensions: tuple[tuple[str, str], ...]


def _date(element: etree._Element | None, file: str, context_id: str) -> dt.date:
    if element is None:
        raise fail(file, f"context {context_id} has an incomplete period", "give startDate and endDate, or instant")
    text = element.text or ""
    match = _DATE.match(text)
    if match is None:
        raise fail(file, f"context {context_id}: period {text.strip()[:40]!r} on line {element.sourceline} is not "
                         "a date (YYYY-MM-DD)", "esgxbrl reads periods given as dates")
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        raise fail(file, f"context {context_id}: {match.group(1)} is not a calendar date", "correct the date") \
            from None


@dataclass
class ContextMemo:
    """What the contexts of one document repeat, kept once: periods by the text of their dates
    ((instant,) or (start, end)), and equal dimension tuples as one object, which the facts share."""

    periods: dict[tuple[str | None, ...], Period] = field(default_factory=dict)
    dimensions: dict[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] = field(default_factory=dict)


def read_context(element: etree._Element, prefixes: Prefixes, file: str,
                 memo: ContextMemo | None = None) -> tuple[str, Context]:
    context_id = element.get("id") or ""
    if not context_id:
        raise fail(file, f"{where(element)} has no id", "every context needs an id")
    usual = _usual_context(element, prefixes, file, context_id, memo or ContextMemo())
    return context_id, usual or _any_context(element, prefixes, file, context_id)


def _usual_context(element: etree._Element, prefixes: Prefixes, file: str, context_id: str,
                   memo: ContextMemo) -> Context | None:
    """A context laid out as XBRL 2.1 lays it out (what nearly every document does), read in one pass.

    None when anything is unusual (comments, a forever period, a missing part, other elements):
    `_any_context` then reads it, or says what is wrong with it.
    """
    parts = list(element)
    if not 2 <= len(parts) <= 3 or parts[0].tag != ENTITY or parts[1].tag != PERIOD:
        return None
    scenario = parts[2] if len(parts) == 3 else None
    if scenario is not None and scenario.tag != SCENARIO:
        return None
    entity = list(parts[0])
    if not 1 <= len(entity) <= 2 or entity[0].tag != IDENTIFIER:
        return None
    segment = entity[1] if len(entity) == 2 else None
    if segment is not None and segment.tag != SEGMENT:
        return None
    identifier = entity[0]
    scheme = identifier.get("scheme")
    if not scheme:
        return None
    dates = list(parts[1])
    if len(dates) == 1 and dates[0].tag == INSTANT:
        key: tuple[str | None, ...] = (dates[0].text,)
    elif len(dates) == 2 and dates[0].tag == START_DATE and dates[1].tag == END_DATE:
        key = (dates[0].text, dates[1].text)
    else:
        return None
    period = memo.periods.get(key)
    if period is None:
        if len(key) == 1:
            period = Period(_date(dates[0], file, context_id))
        else:
            start = _date(dates[0], file, context_id)
            period = Period(_date(dates[1], file, context_id), start)
        memo.periods[key] = period
    dimensions: dict[str, str] = {}
    where_text = "context " + context_id
    for holder in (segment, scenario):
        if holder is None:
            continue
        for member in holder:
            if member.tag != EXPLICIT_MEMBER:
                return None
            scope = prefixes.scope(member)
            axis = prefixes.resolve(member.get("dimension") or "", scope, file, where_text)
            if axis in dimensions:
                raise fail(file, f"context {context_id} gives dimension {axis} twice", "give each dimension once")
            dimensions[axis] = prefixes.resolve(member.text or "", scope, file, where_text)
    pairs = tuple(sorted(dimensions.items())) if len(dimensions) > 1 else tuple(dimensions.items())
    return Context(scheme.strip(), (identifier.text or "").strip(), period, memo.dimensions.setdefault(pairs, pairs))


def _any_context(element: etree._Element, prefixes: Prefixes, file: str, context_id: str) -> Context:
    identifier = element.find(f"{{{ns.XBRLI}}}entity/{{{ns.XBRLI}}}identifier")
    if identifier is None or not identifier.get("scheme"):
        raise fail(file, f"context {context_id} has no entity identifier with a scheme",
                   "give xbrli:entity/xbrli:identifier with a scheme")
    period_element = element.find(PERIOD)
    if period_element is None:
        raise fail(file, f"context {context_id} has no period", "give xbrli:period")
    instant = period_element.find(INSTANT)
    if instant is not None:
        period = Period(_date(instant, file, context_id))
    elif period_element.find(f"{{{ns.XBRLI}}}forever") is not None:
        raise fail(file, f"context {context_id} has a forever period", "esgxbrl reads dated periods only")
    else:
        start = _date(period_element.find(START_DATE), file, context_id)
        end = _date(period_element.find(END_DATE), file, context_id)
        period = Period(end, start)
    dimensions: dict[str, str] = {}
    holders = {"segment": element.find(f"{{{ns.XBRLI}}}entity/{{{ns.XBRLI}}}segment"),
               "scenario": element.find(SCENARIO)}
    for container, holder in holders.items():
        if holder is None:
            continue
        for member in holder:
            if not isinstance(member.tag, str):
                continue
            if member.tag == TYPED_MEMBER:
                raise fail(file, f"context {context_id} has a typed dimension",
                           "esgxbrl reads explicit dimensions only")
            if member.tag != EXPLICIT_MEMBER:
                raise fail(file, f"context {context_id} holds {where(member)} in its {container}",
                           "esgxbrl reads contexts whose segment or scenario holds only explicit members")
            scope = prefixes.scope(member)
            axis = prefixes.resolve(member.get("dimension") or "", scope, file, f"context {context_id}")
            if axis in dimensions:
                raise fail(file, f"context {context_id} gives dimension {axis} twice", "give each dimension once")
            dimensions[axis] = prefixes.resolve(member.text or "", scope, file, f"context {context_id}")
    return Context(identifier.get("scheme", "").strip(), (identifier.text or "").strip(), period,
                   tuple(sorted(dimensions.items())))


def read_unit(element: etree._Element, prefixes: Prefixes, file: str) -> tuple[str, Unit]:
    unit_id = element.get("id") or ""
    if not unit_id:
        raise fail(file, f"{where(element)} has no id", "every unit needs an id")

    def measures(holder: etree._Element) -> tuple[str, ...]:
        return tuple(prefixes.resolve(m.text or "", prefixes.scope(m), file, f"unit {unit_id}")
                     for m in holder.iterchildren(f"{{{ns.XBRLI}}}measure"))

    divide = element.find(f"{{{ns.XBRLI}}}divide")
    if divide is None:
        unit = Unit(measures(element))
    else:
        numerator = divide.find(f"{{{ns.XBRLI}}}unitNumerator")
        denominator = divide.find(f"{{{ns.XBRLI}}}unitDenominator")
        if numerator is None or denominator is None:
            raise fail(file, f"unit {unit_id} divides without numerator or denominator", "give both")
        unit = Unit(measures(numerator), measures(denominator))
    if not unit.numerator:
        raise fail(file, f"unit {unit_id} has no measure", "give at least one xbrli:measure")
    return unit_id, unit


def read_contexts_and_units(elements: Iterable[etree._Element], prefixes: Prefixes, file: str,
                            others: list[tuple[etree._Element, object]] | None = None
                            ) -> tuple[dict[str, Context], dict[str, Unit]]:
    """The contexts and units among `elements`; the other elements are added to `others`, if given,
    with their tags (reading a tag makes a new string each time)."""
    contexts: dict[str, Context] = {}
    units: dict[str, Unit] = {}
    memo = ContextMemo()
    for element in elements:
        tag = element.tag
        if tag == CONTEXT:
            context_id, context = read_context(element, prefixes, file, memo)
            if context_id in contexts:
                raise fail(file, f"context id {context_id} is used twice", "ids must be unique")
            contexts[context_id] = context
        elif tag == UNIT:
            unit_id, unit = read_unit(element, prefixes, file)
            if unit_id in units:
                raise fail(file, f"unit id {unit_id} is used twice", "ids must be unique")
            units[unit_id] = unit
        elif others is not None:
            others.append((element, tag))
    return contexts, units


def the_entity(contexts: Iterable[Context], file: str) -> tuple[str, str]:
    entities = {(c.scheme, c.identifier) for c in contexts}
    if len(entities) > 1:
        listed = ", ".join(f"{s} {i}" for s, i in sorted(entities))[:300]
        raise fail(file, f"facts of more than one entity ({listed})", "esgxbrl reads reports of one entity")
    if not entities:
        raise fail(file, "no context", "the document holds no facts")
    return next(iter(entities))


# --- mixed content -------------------------------------------------------------------------------

def _attributes(element: etree._Element) -> str:
    parts = []
    for key, value in sorted(element.attrib.items()):
        name = etree.QName(key)
        written = f"xml:{name.localname}" if name.namespace == ns.XML else name.localname
        parts.append(f' {written}="{html.escape(str(value))}"')
    return "".join(parts)


def xhtml_markup(element: etree._Element, transparent: str | None = None, skip: str | None = None) -> str:
    """The content of `element` as XHTML markup without namespace declarations, escaped as esgxbrl escapes.

    Elements in the `transparent` namespace (Inline XBRL) give their content only; `skip` elements
    (ix:exclude) give nothing.
    """
    out: list[str] = [html.escape(element.text or "", quote=False)]
    for child in element:
        if isinstance(child.tag, str):
            name = etree.QName(child)
            if child.tag == skip:
                pass
            elif transparent is not None and name.namespace == transparent:
                out.append(xhtml_markup(child, transparent, skip))
            else:
                inner = xhtml_markup(child, transparent, skip)
                tag = name.localname if name.namespace in (ns.XHTML, None) else qname_of(child)
                out.append(f"<{tag}{_attributes(child)}>{inner}</{tag}>" if inner or len(child)
                           else f"<{tag}{_attributes(child)}/>")
        out.append(html.escape(child.tail or "", quote=False))
    return "".join(out)


def mixed_text(element: etree._Element, transparent: str | None = None, skip: str | None = None) -> str:
    """A footnote's content: its text when it is plain text, else its XHTML markup."""
    if not len(element):
        return element.text or ""
    has_markup = any(isinstance(c.tag, str) and c.tag != skip and etree.QName(c).namespace != transparent
                     for c in element.iterdescendants())
    if has_markup:
        return xhtml_markup(element, transparent, skip)
    return plain_text(element, skip)


def plain_text(element: etree._Element, skip: str | None = None) -> str:
    """All text inside `element`, leaving out `skip` elements (ix:exclude) but not their tails."""
    return "".join(_texts(element, skip))


def _texts(element: etree._Element, skip: str | None) -> Iterable[str]:
    yield element.text or ""
    for child in element:
        if isinstance(child.tag, str) and child.tag != skip:
            yield from _texts(child, skip)
        yield child.tail or ""


# --- footnotes -----------------------------------------------------------------------------------

@dataclass
class FootnoteLinks:
    footnotes: list[Footnote] = field(default_factory=list)
    of_fact: dict[str, list[str]] = field(default_factory=dict)   # fact id -> footnote ids, in arc order


LOC, FOOTNOTE, FOOTNOTE_ARC = f"{{{ns.LINK}}}loc", f"{{{ns.LINK}}}footnote", f"{{{ns.LINK}}}footnoteArc"


def read_footnote_link(link: etree._Element, found: FootnoteLinks, file: str) -> None:
    locators: dict[str, list[str]] = {}
    resources: dict[str, str] = {}
    known_ids = {f.id for f in found.footnotes}
    arcs: list[etree._Element] = []
    for element in link:
        tag = element.tag
        if tag == LOC:
            href = element.get(XLINK_HREF) or ""
            if not href.startswith("#"):
                raise fail(file, f"footnote locator on line {element.sourceline} points outside the document "
                                 f"({href[:80]!r})", "footnotes may link facts of this document only")
            locators.setdefault(element.get(XLINK_LABEL) or "", []).append(href[1:])
        elif tag == FOOTNOTE:
            label = element.get(XLINK_LABEL) or ""
            footnote_id = element.get("id") or label
            lang = element.get(XML_LANG)
            if not lang:
                raise fail(file, f"footnote {footnote_id} has no xml:lang", "give every footnote its language")
            if footnote_id in known_ids:
                raise fail(file, f"footnote id {footnote_id} is used twice", "footnote ids must be unique")
            known_ids.add(footnote_id)
            found.footnotes.append(Footnote(footnote_id, lang, mixed_text(element)))
            resources[label] = footnote_id
        elif tag == FOOTNOTE_ARC:
            arcs.append(element)
    # arcs may come before the locators and resources they link, so they are followed last
    for arc in arcs:
        arcrole = arc.get(XLINK_ARCROLE)
        if arcrole != ns.ARCROLE_FACT_FOOTNOTE:
            raise fail(file, f"footnote arc on line {arc.sourceline} has arcrole {arcrole}",
                       "esgxbrl reads fact-footnote links only")
        target = resources.get(arc.get(XLINK_TO) or "")
        sources = locators.get(arc.get(XLINK_FROM) or "")
        if target is None or sources is None:
            raise fail(file, f"footnote arc on line {arc.sourceline} links labels that do not exist",
                       "check xlink:from and xlink:to")
        for fact in sources:
            found.of_fact.setdefault(fact, []).append(target)


# --- the extension schema ------------------------------------------------------------------------

@cache
def _domain_axes() -> dict[str, tuple[str, str]]:
    """Locator href of a taxonomy domain -> (taxonomy namespace, axis name)."""
    found: dict[str, tuple[str, str]] = {}
    for version in sorted(set(GUIDES.values())):
        catalogue = load_catalogue(version)
        regime = catalogue.regime
        for axis in catalogue.axes:
            found[f"{regime.entry_point_url}#{regime.prefix}_{axis.domain}"] = (regime.namespace, axis.name)
    return found


@dataclass(frozen=True)
class SchemaRef:
    href: str
    is_extension: bool


def schema_ref(hrefs: list[str], file: str) -> SchemaRef:
    if len(hrefs) != 1:
        raise fail(file, f"{len(hrefs)} schema references", "esgxbrl reads documents with exactly one schemaRef")
    href = hrefs[0].strip()
    return SchemaRef(href, not re.match(r"\A[A-Za-z][A-Za-z0-9+.-]*:", href))


@dataclass(frozen=True)
class _Schema:
    """What an extension schema says, apart from the prefixes of the document that refers to it."""

    namespace: str
    entry_point: str
    own_prefix: str                                         # its prefix for its namespace ("issuer" if none)
    names: tuple[str, ...]                                  # its members, in order
    labels: Mapping[str, tuple[tuple[str, str], ...]]       # member -> (lang, label)
    axis_arcs: tuple[tuple[str, tuple[str, str]], ...]      # (member, (axis namespace, axis)), in arc order


#: schemas this process has read, by the file's path and identity: documents that share a schema
#: (one report in several syntaxes, in one folder) read it once. A file that changed has another
#: modification time or size; the limits are part of the key, as they were checked on reading.
_schemas: dict[tuple[object, ...], _Schema] = {}
_schemas_lock = threading.Lock()
_SCHEMAS_KEPT = 64


def read_extension(href: str, base_dir: Path | None, prefixes: Prefixes, facts: Iterable[Fact], file: str,
                   limits: Limits) -> tuple[Extension, str]:
    """The issuer's extension schema beside the document: its members and the taxonomy it extends."""
    path = safe_child_path(base_dir, href, file, "extension schema")
    schema_name = f"{file} -> {href}"
    schema = _read_schema(path, schema_name, limits)
    prefix = prefixes.by_uri.get(schema.namespace)
    if prefix is None:
        prefix = prefixes.name(schema.namespace, "x", schema.own_prefix).partition(":")[0]
    axes: dict[str, str] = {}
    for member, axis in schema.axis_arcs:
        axes.setdefault(member, prefixes.name(*axis))
    used: dict[str, str] | None = None   # member -> axis, as the facts use them; only if a member needs it
    members = []
    for name in schema.names:
        axis_qname = axes.get(name)
        if axis_qname is None:
            if used is None:
                used = {member: axis for fact in facts for axis, member in fact.dimensions}
            axis_qname = used.get(f"{prefix}:{name}")
        if axis_qname is None:
            raise fail(schema_name, f"member {name} is in no table of the taxonomy and no fact uses it",
                       "an extension member must belong to a taxonomy axis")
        members.append(ExtensionMember(axis_qname, name, schema.labels.get(name, ())))
    return Extension(schema.namespace, prefix, href, tuple(members)), schema.entry_point


def _read_schema(path: Path, schema_name: str, limits: Limits) -> _Schema:
    try:
        status = os.stat(path)
        key: tuple[object, ...] | None = (str(path), status.st_dev, status.st_ino, status.st_size,
                                          status.st_mtime_ns, limits)
    except OSError:
        key = None   # read_file says what is wrong
    with _schemas_lock:
        known = _schemas.get(key) if key is not None else None
    if known is not None:
        return known
    schema = _parse_schema(read_file(path, limits), schema_name, limits)
    if key is not None:
        with _schemas_lock:
            if len(_schemas) >= _SCHEMAS_KEPT:
                _schemas.pop(next(iter(_schemas)))
            _schemas[key] = schema
    return schema


def _parse_schema(data: bytes, schema_name: str, limits: Limits) -> _Schema:
    root = parse_xml(data, schema_name, limits)
    if root.tag != f"{{{ns.XS}}}schema":
        raise fail(schema_name, f"the root element is {qname_of(root)}, not xs:schema", "this is not a schema")
    namespace = root.get("targetNamespace") or ""
    if not namespace:
        raise fail(schema_name, "the schema has no targetNamespace", "an extension schema declares its namespace")
    imports = [(i.get("namespace") or "", i.get("schemaLocation") or "")
               for i in root.iterchildren(f"{{{ns.XS}}}import")]
    taxonomies = [location for imported, location in imports if imported not in _SPECIFICATION_NAMESPACES]
    if len(taxonomies) != 1:
        raise fail(schema_name, f"it imports {len(taxonomies)} taxonomies", "an extension schema imports one taxonomy")
    own_prefix = next((p for p, uri in root.nsmap.items() if uri == namespace and p), "issuer")
    ids: dict[str, str] = {}
    names: list[str] = []
    for element in root.iterchildren(f"{{{ns.XS}}}element"):
        name = element.get("name") or ""
        if not name:
            raise fail(schema_name, f"element on line {element.sourceline} has no name", "name every member")
        names.append(name)
        ids[element.get("id") or name] = name
    labels = {name: tuple(found) for name, found in _member_labels(root, ids).items()}
    return _Schema(namespace, taxonomies[0], own_prefix, tuple(names), labels, tuple(_member_axis_arcs(root, ids)))


def _links(root: etree._Element, local: str) -> Iterable[etree._Element]:
    return root.iter(f"{{{ns.LINK}}}{local}")


def _member_labels(root: etree._Element, ids: Mapping[str, str]) -> dict[str, list[tuple[str, str]]]:
    labels: dict[str, list[tuple[str, str]]] = {}
    for link in _links(root, "labelLink"):
        locators = {loc.get(XLINK_LABEL): (loc.get(XLINK_HREF) or "").partition("#")[2]
                    for loc in link.iterchildren(f"{{{ns.LINK}}}loc")}
        resources = {label.get(XLINK_LABEL): (label.get(XML_LANG) or "", label.text or "")
                     for label in link.iterchildren(f"{{{ns.LINK}}}label")
                     if label.get(XLINK_ROLE, ns.ROLE_LABEL) == ns.ROLE_LABEL}
        for arc in link.iterchildren(f"{{{ns.LINK}}}labelArc"):
            name = ids.get(locators.get(arc.get(XLINK_FROM)) or "")
            resource = resources.get(arc.get(XLINK_TO))
            if name is not None and resource is not None:
                labels.setdefault(name, []).append(resource)
    return labels


def _member_axis_arcs(root: etree._Element, ids: Mapping[str, str]) -> list[tuple[str, tuple[str, str]]]:
    """(member, (axis namespace, axis name)) for each domain-member arc from a taxonomy domain."""
    arcs: list[tuple[str, tuple[str, str]]] = []
    domain_axes = _domain_axes()
    for link in _links(root, "definitionLink"):
        locators = {loc.get(XLINK_LABEL): loc.get(XLINK_HREF) or "" for loc in link.iterchildren(f"{{{ns.LINK}}}loc")}
        for arc in link.iterchildren(f"{{{ns.LINK}}}definitionArc"):
            if arc.get(XLINK_ARCROLE) != ns.ARCROLE_DOMAIN_MEMBER:
                continue
            axis = domain_axes.get(locators.get(arc.get(XLINK_FROM)) or "")
            member = ids.get((locators.get(arc.get(XLINK_TO)) or "").partition("#")[2])
            if axis is not None and member is not None:
                arcs.append((member, axis))
    return arcs


# --- facts ---------------------------------------------------------------------------------------

@dataclass
class RawFact:
    """A fact as a document states it, before its context and unit are looked up."""

    id: str | None
    concept: str
    context_ref: str
    unit_ref: str | None
    value: str | None
    decimals: int | None
    language: str | None
    line: int | None


def parse_decimals(text: str | None, file: str, fact: str) -> int | None:
    if text is None:
        return None
    known = _DECIMALS.get(text)
    if known is not None:
        return known
    if text.strip() == "INF":
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise fail(file, f"{fact}: decimals {text[:40]!r} is not an integer or INF", "correct decimals") from None


#: decimals as documents write them, nearly always
_DECIMALS = {str(n): n for n in range(-12, 13)}


def build_facts(raw_facts: Iterable[RawFact], contexts: Mapping[str, Context], units: Mapping[str, Unit],
                footnotes_of: Mapping[str, list[str]], file: str) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[str] = set()
    for raw in raw_facts:
        context = contexts.get(raw.context_ref)
        if context is None:
            raise fail(file, f"{_fact_label(raw)} refers to context {raw.context_ref!r}, which does not exist",
                       "the file is damaged; export it again")
        unit = None
        if raw.unit_ref is not None:
            unit = units.get(raw.unit_ref)
            if unit is None:
                raise fail(file, f"{_fact_label(raw)} refers to unit {raw.unit_ref!r}, which does not exist",
                           "the file is damaged; export it again")
        identifier = raw.id or fact_id(raw.concept, context.period, context.dimensions, raw.language, unit)
        if identifier in seen:
            raise fail(file, f"fact id {identifier} is used twice", "fact ids must be unique")
        seen.add(identifier)
        footnotes = footnotes_of.get(identifier)
        facts.append(Fact(identifier, raw.concept, context.period, raw.value, unit, raw.decimals,
                          context.dimensions, raw.language, tuple(footnotes) if footnotes else ()))
    return facts


def _fact_label(raw: RawFact) -> str:
    return f"fact {raw.id or raw.concept} (line {raw.line})"


def check_footnote_targets(facts: Iterable[Fact], links: FootnoteLinks, file: str) -> None:
    ids = {f.id for f in facts}
    unknown = sorted(set(links.of_fact) - ids)
    if unknown:
        raise fail(file, f"footnotes are linked to facts that do not exist ({', '.join(unknown)[:200]})",
                   "the file is damaged; export it again")


def assemble(*, file: str, prefixes: Prefixes, entity: tuple[str, str], facts: list[Fact],
             links: FootnoteLinks, schema: SchemaRef, base_dir: Path | None, document_language: str,
             limits: Limits, facts_only: bool = False) -> FactSet:
    """The fact set, once the facts are read: adds the entity scheme's prefix and the extension
    (unless `facts_only`: then the extension schema is not opened, see `esgxbrl.read.read`)."""
    check_footnote_targets(facts, links, file)
    scheme, identifier = entity
    if scheme not in prefixes.by_uri:
        prefixes.name(scheme, "x", DEFAULT_ENTITY_SCHEME_PREFIX)
    extension = None
    entry_point = schema.href
    if schema.is_extension and not facts_only:
        extension, entry_point = read_extension(schema.href, base_dir, prefixes, facts, file, limits)
    return FactSet(
        entity_scheme=scheme,
        entity_identifier=identifier,
        taxonomy_entry_point=entry_point,
        namespaces=prefixes.namespaces(),
        facts=tuple(facts),
        footnotes=tuple(links.footnotes),
        extension=extension,
        document_language=document_language,
    )


SCHEMA_REF, FOOTNOTE_LINK = f"{{{ns.LINK}}}schemaRef", f"{{{ns.LINK}}}footnoteLink"


def _fact(element: etree._Element, concept: str, contexts: Mapping[str, Context], units: Mapping[str, Unit],
          footnotes_of: Mapping[str, list[str]], file: str) -> Fact:
    """A fact element of an instance, with its context, unit and footnotes looked up."""
    get = element.get
    context_ref = get("contextRef")
    if context_ref is None:
        raise fail(file, f"{where(element)} has no contextRef", "esgxbrl reads items (facts with a context) only")
    if len(element):
        raise fail(file, f"{where(element)} holds elements (a tuple or unescaped markup)",
                   "esgxbrl reads simple facts; text blocks are escaped text")
    given_id, unit_ref, decimals_text = get("id"), get("unitRef"), get("decimals")
    # most numeric facts have no other attributes: then precision, xsi:nil and xml:lang need no look-up
    others = len(element.attrib) - 1 - (given_id is not None) - (unit_ref is not None) - (decimals_text is not None)
    nil = language = None
    if others:
        if get("precision") is not None:
            raise fail(file, f"{where(element)} gives precision", "esgxbrl reads numeric facts with decimals")
        nil, language = get(XSI_NIL), get(XML_LANG)
    decimals = None if decimals_text is None else _DECIMALS.get(decimals_text)
    if decimals is None:
        decimals = parse_decimals(decimals_text, file, concept)
    context = contexts.get(context_ref)
    if context is None:
        raise fail(file, f"fact {given_id or concept} (line {line_of(element)}) refers to context "
                         f"{context_ref!r}, which does not exist", "the file is damaged; export it again")
    unit = None
    if unit_ref is not None:
        unit = units.get(unit_ref)
        if unit is None:
            raise fail(file, f"fact {given_id or concept} (line {line_of(element)}) refers to unit "
                             f"{unit_ref!r}, which does not exist", "the file is damaged; export it again")
    value = None if nil is not None and nil.strip() in ("true", "1") else (element.text or "")
    identifier = given_id or fact_id(concept, context.period, context.dimensions, language, unit)
    footnotes = footnotes_of.get(identifier)
    return Fact(identifier, concept, context.period, value, unit, decimals, context.dimensions, language,
                tuple(footnotes) if footnotes else ())


def _fact_concept(element: etree._Element, prefixes: Prefixes) -> str | None:
    """The concept of a fact element; None for the instance's own elements (contexts, units, links)."""
    tag = element.tag
    if not isinstance(tag, str):
        return None
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if namespace in (ns.XBRLI, ns.LINK):
        return None
    return prefixes.name(namespace, local, element.prefix)


def instance_from_root(root: etree._Element, file: str, base_dir: Path | None,
                       limits: Limits = DEFAULT_LIMITS, *, facts_only: bool = False,
                       uniform: Mapping[str | None, str] | None = None) -> FactSet:
    """The fact set of a parsed instance; `uniform`: its namespace scope, if it has one (`uniform_scope`)."""
    if root.tag != f"{{{ns.XBRLI}}}xbrl":
        raise fail(file, f"the root element is {qname_of(root)}, not xbrli:xbrl",
                   "this is not an XBRL instance; esgxbrl reads .xbrl, .json (xBRL-JSON) and Inline XBRL .html")
    prefixes = Prefixes(declared_namespaces([root]), uniform)
    others: list[tuple[etree._Element, object]] = []
    contexts, units = read_contexts_and_units(root, prefixes, file, others)
    links = FootnoteLinks()
    hrefs: list[str] = []
    fact_elements: list[tuple[etree._Element, str]] = []
    # a report has a few dozen concepts: the concept of each tag is worked out once
    concepts: dict[object, str] = {}
    for element, tag in others:
        concept = concepts.get(tag)
        if concept is None:
            concept = _fact_concept(element, prefixes)
            if concept is not None:
                concepts[tag] = concept
        if concept is not None:
            fact_elements.append((element, concept))
        elif tag == SCHEMA_REF:
            hrefs.append(element.get(XLINK_HREF) or "")
        elif tag == FOOTNOTE_LINK and not facts_only:
            read_footnote_link(element, links, file)
    # footnote links are read first so that each fact is made once, with its footnotes
    facts = [_fact(element, concept, contexts, units, links.of_fact, file) for element, concept in fact_elements]
    if len({fact.id for fact in facts}) != len(facts):
        repeated = next(identifier for identifier, count in Counter(f.id for f in facts).items() if count > 1)
        raise fail(file, f"fact id {repeated} is used twice", "fact ids must be unique")
    entity = the_entity(contexts.values(), file)
    return assemble(file=file, prefixes=prefixes, entity=entity, facts=facts, links=links,
                    schema=schema_ref(hrefs, file), base_dir=base_dir,
                    document_language=root.get(XML_LANG) or "en", limits=limits, facts_only=facts_only)


def read_xml(data: bytes, base_dir: Path | None = None, name: str = "<instance>",
             limits: Limits = DEFAULT_LIMITS) -> FactSet:
    """An XBRL 2.1 instance's bytes -> FactSet (the extension schema, if any, is read from base_dir)."""
    with guarded(name):
        root = parse_xml(data, name, limits)
        return instance_from_root(root, name, base_dir, limits, uniform=uniform_scope(data, root))
    raise AssertionError("unreachable")  # pragma: no cover - guarded re-raises
