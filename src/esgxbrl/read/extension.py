"""The issuer's extension schema beside a document: its members, their labels and axes, and the
taxonomy it extends."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from esgxbrl.catalogue import GUIDES, load_catalogue
from esgxbrl.model.facts import Extension, ExtensionAxis, ExtensionConcept, ExtensionMember, Fact
from esgxbrl.read.names import (
    XLINK_ARCROLE,
    XLINK_FROM,
    XLINK_HREF,
    XLINK_LABEL,
    XLINK_ROLE,
    XLINK_TO,
    XML_LANG,
    Prefixes,
    qname_of,
)
from esgxbrl.read.safe import Limits, fail, parse_xml, read_file, safe_child_path
from esgxbrl.xbrl import namespaces as ns

#: namespaces of specifications an extension schema may import besides the taxonomy itself
_SPECIFICATION_NAMESPACES = frozenset(ns.SCHEMA_LOCATIONS) | {ns.UTR, ns.ISO4217, "http://www.xbrl.org/dtr/type/numeric",
                                                              "http://www.xbrl.org/dtr/type/non-numeric"}


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


@cache
def _taxonomy_locations() -> dict[str, tuple[str, str]]:
    """Entry point URL of each taxonomy esgxbrl publishes -> (its namespace, the prefix of its element ids)."""
    found: dict[str, tuple[str, str]] = {}
    for version in sorted(set(GUIDES.values())):
        regime = load_catalogue(version).regime
        found[regime.entry_point_url] = (regime.namespace, f"{regime.prefix}_")
    return found


#: the usual prefixes of the namespaces an issuer concept's item type comes from
_TYPE_PREFIXES = {ns.XBRLI: "xbrli", ns.DTR_TYPES: "dtr-types"}


@dataclass(frozen=True)
class _SchemaConcept:
    name: str
    item_type: str
    period: str
    balance: str | None
    anchor: tuple[str, str] | None          # (namespace, local name) of the base concept
    relationship: str


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
    axes: tuple[str, ...] = ()                              # the issuer's own axes, in order
    concepts: tuple[_SchemaConcept, ...] = ()               # the issuer's own concepts, in order


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
    axes_of_issuer = tuple(ExtensionAxis(name, schema.labels.get(name, ())) for name in schema.axes)
    concepts = []
    for concept in schema.concepts:
        if concept.anchor is None:
            raise fail(schema_name, f"the issuer concept {concept.name} is anchored to no base concept",
                       "anchor every issuer concept by a wider-narrower arc to a concept of the taxonomy")
        concepts.append(ExtensionConcept(concept.name, schema.labels.get(concept.name, ()), concept.item_type,
                                         concept.period, prefixes.name(*concept.anchor), concept.relationship,
                                         concept.balance))
    return (Extension(schema.namespace, prefix, href, tuple(members), axes_of_issuer, tuple(concepts)),
            schema.entry_point)


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
    axes: list[str] = []
    cubes: set[str] = set()
    concepts: list[etree._Element] = []
    for element in root.iterchildren(f"{{{ns.XS}}}element"):
        name = element.get("name") or ""
        if not name:
            raise fail(schema_name, f"element on line {element.sourceline} has no name", "name every member")
        group = _substitution_group(element)
        if group == (ns.XBRLDT, "dimensionItem"):
            axes.append(name)
        elif group == (ns.XBRLDT, "hypercubeItem"):
            cubes.add(name)
        elif element.get("abstract") != "true":
            concepts.append(element)   # members and domains are abstract; the issuer's concepts are not
        else:
            names.append(name)
        ids[element.get("id") or name] = name
    domains = {issuer_domain(axis): axis for axis in axes}
    members = tuple(n for n in names if n not in domains)
    labels = {name: tuple(found) for name, found in _member_labels(root, ids).items()}
    anchors = _anchors(root, ids)
    own_concepts = tuple(_SchemaConcept(e.get("name") or "", _item_type(e), e.get(f"{{{ns.XBRLI}}}periodType") or "",
                                        e.get(f"{{{ns.XBRLI}}}balance"), *anchors.get(e.get("name") or "", (None, "")))
                         for e in concepts)
    return _Schema(namespace, taxonomies[0], own_prefix, members, labels,
                   tuple(_member_axis_arcs(root, ids, {ids_key: (namespace, domains[name])
                                                       for ids_key, name in ids.items() if name in domains})),
                   tuple(axes), own_concepts)


def _item_type(element: etree._Element) -> str:
    prefix, _, local = (element.get("type") or "").rpartition(":")
    namespace = element.nsmap.get(prefix or None, "")
    return f"{_TYPE_PREFIXES.get(namespace, prefix)}:{local}"


def _anchors(root: etree._Element, ids: Mapping[str, str]) -> dict[str, tuple[tuple[str, str], str]]:
    """Issuer concept -> ((namespace, name) of its base concept, "narrower" or "wider"), from the
    wider-narrower arcs between an element of this schema and one of a taxonomy esgxbrl publishes."""
    taxonomies = _taxonomy_locations()

    def base_concept(href: str) -> tuple[str, str] | None:
        location, _, fragment = href.partition("#")
        namespace, id_prefix = taxonomies.get(location, ("", ""))
        return (namespace, fragment.removeprefix(id_prefix)) if namespace and fragment.startswith(id_prefix) \
            else None

    found: dict[str, tuple[tuple[str, str], str]] = {}
    for link in _links(root, "definitionLink"):
        locators = {loc.get(XLINK_LABEL): loc.get(XLINK_HREF) or "" for loc in link.iterchildren(f"{{{ns.LINK}}}loc")}
        for arc in link.iterchildren(f"{{{ns.LINK}}}definitionArc"):
            if arc.get(XLINK_ARCROLE) != ns.ARCROLE_WIDER_NARROWER:
                continue
            wider = locators.get(arc.get(XLINK_FROM)) or ""
            narrower = locators.get(arc.get(XLINK_TO)) or ""
            own_wider, own_narrower = ids.get(wider.partition("#")[2]), ids.get(narrower.partition("#")[2])
            if own_narrower is not None and (base := base_concept(wider)) is not None:
                found.setdefault(own_narrower, (base, "narrower"))
            elif own_wider is not None and (base := base_concept(narrower)) is not None:
                found.setdefault(own_wider, (base, "wider"))
    return found


def issuer_domain(axis: str) -> str:
    """The domain of an issuer's axis, named after it (BusinessSegmentAxis: BusinessSegmentDomain)."""
    return axis.removesuffix("Axis") + "Domain"


def _substitution_group(element: etree._Element) -> tuple[str, str] | None:
    group = element.get("substitutionGroup") or ""
    prefix, _, local = group.rpartition(":")
    namespace = element.nsmap.get(prefix or None)
    return (namespace, local) if namespace else None


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


def _member_axis_arcs(root: etree._Element, ids: Mapping[str, str],
                      issuer_domains: Mapping[str, tuple[str, str]]) -> list[tuple[str, tuple[str, str]]]:
    """(member, (axis namespace, axis name)) for each domain-member arc from a taxonomy domain, or from the
    domain of one of the issuer's own axes (`issuer_domains`: element id -> its axis)."""
    arcs: list[tuple[str, tuple[str, str]]] = []
    domain_axes = _domain_axes()
    for link in _links(root, "definitionLink"):
        locators = {loc.get(XLINK_LABEL): loc.get(XLINK_HREF) or "" for loc in link.iterchildren(f"{{{ns.LINK}}}loc")}
        for arc in link.iterchildren(f"{{{ns.LINK}}}definitionArc"):
            if arc.get(XLINK_ARCROLE) != ns.ARCROLE_DOMAIN_MEMBER:
                continue
            source = locators.get(arc.get(XLINK_FROM)) or ""
            axis = domain_axes.get(source)
            if axis is None:
                axis = issuer_domains.get(source.partition("#")[2])
            member = ids.get((locators.get(arc.get(XLINK_TO)) or "").partition("#")[2])
            if axis is not None and member is not None:
                arcs.append((member, axis))
    return arcs
