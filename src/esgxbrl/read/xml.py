"""XBRL 2.1 instance (XML) -> FactSet, and the parts every XML-based syntax shares.

Contexts, units, footnote links and the issuer extension schema are read here; the Inline XBRL
reader uses the same functions for what its header holds. Prefixes in the fact set are those the
document declares, so a document esgxbrl wrote reads back to the fact set it was written from.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from esgxbrl import xbrlns as ns
from esgxbrl.catalogue import GUIDES, load_catalogue
from esgxbrl.facts import Extension, ExtensionMember, Fact, FactSet, Footnote, Period, fact_id
from esgxbrl.read.safe import DEFAULT_LIMITS, Limits, fail, guarded, parse_xml, safe_child_file
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


class Prefixes:
    """The prefixes of the fact set: those the document declares, extended when it uses others."""

    def __init__(self, declared: Mapping[str, str]) -> None:
        self.by_prefix: dict[str, str] = dict(declared)
        self.by_uri: dict[str, str] = {}
        for prefix, uri in sorted(declared.items()):
            self.by_uri.setdefault(uri, prefix)

    def name(self, namespace: str, local: str, hint: str | None = None) -> str:
        prefix = self.by_uri.get(namespace)
        if prefix is None:
            prefix = hint if hint and hint not in self.by_prefix else None
            number = 1
            while prefix is None or prefix in self.by_prefix:
                prefix, number = f"ns{number}", number + 1
            self.by_prefix[prefix] = namespace
            self.by_uri[namespace] = prefix
        return f"{prefix}:{local}"

    def resolve(self, text: str, scope: Mapping[str | None, str], file: str, context: str) -> str:
        """A QName written in the document (`scope` = its in-scope namespaces) as a fact-set QName."""
        text = text.strip()
        prefix, colon, local = text.rpartition(":")
        namespace = scope.get(prefix if colon else None)
        if not local or namespace is None or not re.fullmatch(r"[\w.-]+", local):
            raise fail(file, f"{context}: '{text[:120]}' is not a QName with a declared prefix",
                       "every QName must use a prefix the document declares")
        return self.name(namespace, local, prefix or None)

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

@dataclass(frozen=True)
class Context:
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


def read_context(element: etree._Element, prefixes: Prefixes, file: str) -> tuple[str, Context]:
    context_id = element.get("id") or ""
    if not context_id:
        raise fail(file, f"{where(element)} has no id", "every context needs an id")
    identifier = element.find(f"{{{ns.XBRLI}}}entity/{{{ns.XBRLI}}}identifier")
    if identifier is None or not identifier.get("scheme"):
        raise fail(file, f"context {context_id} has no entity identifier with a scheme",
                   "give xbrli:entity/xbrli:identifier with a scheme")
    period_element = element.find(f"{{{ns.XBRLI}}}period")
    if period_element is None:
        raise fail(file, f"context {context_id} has no period", "give xbrli:period")
    instant = period_element.find(f"{{{ns.XBRLI}}}instant")
    if instant is not None:
        period = Period(_date(instant, file, context_id))
    elif period_element.find(f"{{{ns.XBRLI}}}forever") is not None:
        raise fail(file, f"context {context_id} has a forever period", "esgxbrl reads dated periods only")
    else:
        start = _date(period_element.find(f"{{{ns.XBRLI}}}startDate"), file, context_id)
        end = _date(period_element.find(f"{{{ns.XBRLI}}}endDate"), file, context_id)
        period = Period(end, start)
    dimensions: dict[str, str] = {}
    holders = {"segment": element.find(f"{{{ns.XBRLI}}}entity/{{{ns.XBRLI}}}segment"),
               "scenario": element.find(f"{{{ns.XBRLI}}}scenario")}
    for container, holder in holders.items():
        if holder is None:
            continue
        for member in holder:
            if not isinstance(member.tag, str):
                continue
            if member.tag == f"{{{ns.XBRLDI}}}typedMember":
                raise fail(file, f"context {context_id} has a typed dimension",
                           "esgxbrl reads explicit dimensions only")
            if member.tag != f"{{{ns.XBRLDI}}}explicitMember":
                raise fail(file, f"context {context_id} holds {where(member)} in its {container}",
                           "esgxbrl reads contexts whose segment or scenario holds only explicit members")
            axis = prefixes.resolve(member.get("dimension") or "", member.nsmap, file, f"context {context_id}")
            if axis in dimensions:
                raise fail(file, f"context {context_id} gives dimension {axis} twice", "give each dimension once")
            dimensions[axis] = prefixes.resolve(member.text or "", member.nsmap, file, f"context {context_id}")
    context = Context(identifier.get("scheme", "").strip(), (identifier.text or "").strip(), period,
                      tuple(sorted(dimensions.items())))
    return context_id, context


def read_unit(element: etree._Element, prefixes: Prefixes, file: str) -> tuple[str, Unit]:
    unit_id = element.get("id") or ""
    if not unit_id:
        raise fail(file, f"{where(element)} has no id", "every unit needs an id")

    def measures(holder: etree._Element) -> tuple[str, ...]:
        return tuple(prefixes.resolve(m.text or "", m.nsmap, file, f"unit {unit_id}")
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


def read_contexts_and_units(elements: Iterable[etree._Element], prefixes: Prefixes,
                            file: str) -> tuple[dict[str, Context], dict[str, Unit]]:
    contexts: dict[str, Context] = {}
    units: dict[str, Unit] = {}
    for element in elements:
        if element.tag == f"{{{ns.XBRLI}}}context":
            context_id, context = read_context(element, prefixes, file)
            if context_id in contexts:
                raise fail(file, f"context id {context_id} is used twice", "ids must be unique")
            contexts[context_id] = context
        elif element.tag == f"{{{ns.XBRLI}}}unit":
            unit_id, unit = read_unit(element, prefixes, file)
            if unit_id in units:
                raise fail(file, f"unit id {unit_id} is used twice", "ids must be unique")
            units[unit_id] = unit
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


def read_footnote_link(link: etree._Element, found: FootnoteLinks, file: str) -> None:
    locators: dict[str, list[str]] = {}
    resources: dict[str, str] = {}
    known_ids = {f.id for f in found.footnotes}
    for element in link:
        if not isinstance(element.tag, str):
            continue
        if element.tag == f"{{{ns.LINK}}}loc":
            href = element.get(XLINK_HREF) or ""
            if not href.startswith("#"):
                raise fail(file, f"footnote locator on line {element.sourceline} points outside the document "
                                 f"({href[:80]!r})", "footnotes may link facts of this document only")
            locators.setdefault(element.get(XLINK_LABEL) or "", []).append(href[1:])
        elif element.tag == f"{{{ns.LINK}}}footnote":
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
    for arc in link.iterchildren(f"{{{ns.LINK}}}footnoteArc"):
        if arc.get(XLINK_ARCROLE) != ns.ARCROLE_FACT_FOOTNOTE:
            raise fail(file, f"footnote arc on line {arc.sourceline} has arcrole {arc.get(XLINK_ARCROLE)}",
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


def read_extension(href: str, base_dir: Path | None, prefixes: Prefixes, facts: Iterable[Fact], file: str,
                   limits: Limits) -> tuple[Extension, str]:
    """The issuer's extension schema beside the document: its members and the taxonomy it extends."""
    data = safe_child_file(base_dir, href, file, "extension schema", limits)
    schema_name = f"{file} -> {href}"
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
    entry_point = taxonomies[0]
    prefix = prefixes.by_uri.get(namespace)
    if prefix is None:
        local_prefix = next((p for p, uri in root.nsmap.items() if uri == namespace and p), "issuer")
        prefix = prefixes.name(namespace, "x", local_prefix).partition(":")[0]
    ids: dict[str, str] = {}
    names: list[str] = []
    for element in root.iterchildren(f"{{{ns.XS}}}element"):
        name = element.get("name") or ""
        if not name:
            raise fail(schema_name, f"element on line {element.sourceline} has no name", "name every member")
        names.append(name)
        ids[element.get("id") or name] = name
    labels = _member_labels(root, ids)
    axes = _member_axes(root, ids, prefixes)
    used = {member: axis for fact in facts for axis, member in fact.dimensions}
    members = []
    for name in names:
        axis = axes.get(name) or used.get(f"{prefix}:{name}")
        if axis is None:
            raise fail(schema_name, f"member {name} is in no table of the taxonomy and no fact uses it",
                       "an extension member must belong to a taxonomy axis")
        members.append(ExtensionMember(axis, name, tuple(labels.get(name, ()))))
    return Extension(namespace, prefix, href, tuple(members)), entry_point


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


def _member_axes(root: etree._Element, ids: Mapping[str, str], prefixes: Prefixes) -> dict[str, str]:
    axes: dict[str, str] = {}
    domain_axes = _domain_axes()
    for link in _links(root, "definitionLink"):
        locators = {loc.get(XLINK_LABEL): loc.get(XLINK_HREF) or "" for loc in link.iterchildren(f"{{{ns.LINK}}}loc")}
        for arc in link.iterchildren(f"{{{ns.LINK}}}definitionArc"):
            if arc.get(XLINK_ARCROLE) != ns.ARCROLE_DOMAIN_MEMBER:
                continue
            axis = domain_axes.get(locators.get(arc.get(XLINK_FROM)) or "")
            member = ids.get((locators.get(arc.get(XLINK_TO)) or "").partition("#")[2])
            if axis is not None and member is not None:
                axes.setdefault(member, prefixes.name(*axis))
    return axes


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
    if text is None or text.strip() == "INF":
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise fail(file, f"{fact}: decimals {text[:40]!r} is not an integer or INF", "correct decimals") from None


def build_facts(raw_facts: Iterable[RawFact], contexts: Mapping[str, Context], units: Mapping[str, Unit],
                footnotes_of: Mapping[str, list[str]], file: str) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[str] = set()
    for raw in raw_facts:
        context = contexts.get(raw.context_ref)
        label = f"fact {raw.id or raw.concept} (line {raw.line})"
        if context is None:
            raise fail(file, f"{label} refers to context {raw.context_ref!r}, which does not exist",
                       "the file is damaged; export it again")
        unit = None
        if raw.unit_ref is not None:
            unit = units.get(raw.unit_ref)
            if unit is None:
                raise fail(file, f"{label} refers to unit {raw.unit_ref!r}, which does not exist",
                           "the file is damaged; export it again")
        identifier = raw.id or fact_id(raw.concept, context.period, context.dimensions, raw.language, unit)
        if identifier in seen:
            raise fail(file, f"fact id {identifier} is used twice", "fact ids must be unique")
        seen.add(identifier)
        facts.append(Fact(identifier, raw.concept, context.period, raw.value, unit, raw.decimals,
                          context.dimensions, raw.language, tuple(footnotes_of.get(identifier, ()))))
    return facts


def check_footnote_targets(facts: Iterable[Fact], links: FootnoteLinks, file: str) -> None:
    ids = {f.id for f in facts}
    unknown = sorted(set(links.of_fact) - ids)
    if unknown:
        raise fail(file, f"footnotes are linked to facts that do not exist ({', '.join(unknown)[:200]})",
                   "the file is damaged; export it again")


def assemble(*, file: str, prefixes: Prefixes, entity: tuple[str, str], facts: list[Fact],
             links: FootnoteLinks, schema: SchemaRef, base_dir: Path | None, document_language: str,
             limits: Limits) -> FactSet:
    """The fact set, once the facts are read: adds the entity scheme's prefix and the extension."""
    check_footnote_targets(facts, links, file)
    scheme, identifier = entity
    if scheme not in prefixes.by_uri:
        prefixes.name(scheme, "x", DEFAULT_ENTITY_SCHEME_PREFIX)
    extension = None
    entry_point = schema.href
    if schema.is_extension:
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


def _item(element: etree._Element, prefixes: Prefixes, file: str) -> RawFact:
    name = etree.QName(element)
    concept = prefixes.name(name.namespace or "", name.localname, element.prefix)
    context_ref = element.get("contextRef")
    if context_ref is None:
        raise fail(file, f"{where(element)} has no contextRef", "esgxbrl reads items (facts with a context) only")
    if len(element):
        raise fail(file, f"{where(element)} holds elements (a tuple or unescaped markup)",
                   "esgxbrl reads simple facts; text blocks are escaped text")
    if element.get("precision") is not None:
        raise fail(file, f"{where(element)} gives precision", "esgxbrl reads numeric facts with decimals")
    nil = (element.get(XSI_NIL) or "").strip() in ("true", "1")
    return RawFact(element.get("id"), concept, context_ref, element.get("unitRef"),
                   None if nil else (element.text or ""),
                   parse_decimals(element.get("decimals"), file, concept), element.get(XML_LANG),
                   line_of(element))


def instance_from_root(root: etree._Element, file: str, base_dir: Path | None,
                       limits: Limits = DEFAULT_LIMITS) -> FactSet:
    if root.tag != f"{{{ns.XBRLI}}}xbrl":
        raise fail(file, f"the root element is {qname_of(root)}, not xbrli:xbrl",
                   "this is not an XBRL instance; esgxbrl reads .xbrl, .json (xBRL-JSON) and Inline XBRL .html")
    prefixes = Prefixes(declared_namespaces([root]))
    contexts, units = read_contexts_and_units(root, prefixes, file)
    links = FootnoteLinks()
    hrefs: list[str] = []
    raw: list[RawFact] = []
    for element in root:
        if not isinstance(element.tag, str):
            continue
        namespace = etree.QName(element).namespace
        if element.tag == f"{{{ns.LINK}}}schemaRef":
            hrefs.append(element.get(XLINK_HREF) or "")
        elif element.tag == f"{{{ns.LINK}}}footnoteLink":
            read_footnote_link(element, links, file)
        elif namespace in (ns.XBRLI, ns.LINK):
            continue
        else:
            raw.append(_item(element, prefixes, file))
    facts = build_facts(raw, contexts, units, links.of_fact, file)
    entity = the_entity((contexts[c] for c in sorted(contexts)), file)
    return assemble(file=file, prefixes=prefixes, entity=entity, facts=facts, links=links,
                    schema=schema_ref(hrefs, file), base_dir=base_dir,
                    document_language=root.get(XML_LANG) or "en", limits=limits)


def read_xml(data: bytes, base_dir: Path | None = None, name: str = "<instance>",
             limits: Limits = DEFAULT_LIMITS) -> FactSet:
    """An XBRL 2.1 instance's bytes -> FactSet (the extension schema, if any, is read from base_dir)."""
    with guarded(name):
        return instance_from_root(parse_xml(data, name, limits), name, base_dir, limits)
    raise AssertionError("unreachable")  # pragma: no cover - guarded re-raises
