"""xBRL-JSON (XBRL Open Information Model) -> FactSet.

The inverse of esgxbrl.emit.oim: OIM datetimes back to inclusive XBRL dates, lower-case language
tags back to their conventional case ("zh-hant" -> "zh-Hant"), enumeration QNames back to the
expanded names the XML carries, xbrl:note facts back to footnotes, and an omitted unit back to
xbrli:pure for numeric concepts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from esgxbrl.emit.oim import (
    DEFAULT_LINK_GROUP,
    DOCUMENT_LANGUAGE,
    DOCUMENT_TYPE,
    ENUMERATION_TYPES,
    FOOTNOTE_ARCROLE,
    FOOTNOTE_LINK_TYPE,
    LANGUAGE_FROM_DOCUMENT,
    LINK_ROLE,
    OIM_NAMESPACE,
    PRODUCT_NAMESPACE,
    PURE,
    concept_type,
    known_concept,
)
from esgxbrl.model.facts import Fact, FactSet, Footnote, Period
from esgxbrl.model.units import Unit
from esgxbrl.read.extension import schema_ref
from esgxbrl.read.footnotes import FootnoteLinks, mixed_text
from esgxbrl.read.names import Prefixes
from esgxbrl.read.safe import DEFAULT_LIMITS, Limits, fail, guarded, parse_fragment, parse_json
from esgxbrl.read.xml import assemble
from esgxbrl.xbrl import namespaces as ns

_MIDNIGHT = re.compile(r"\A(\d{4}-\d{2}-\d{2})T00:00:00\Z")
_CORE_DIMENSIONS = frozenset({"concept", "entity", "period", "unit", "language", "noteId"})


def conventional_case(tag: str) -> str:
    """BCP 47 tags as conventionally written: zh-hant -> zh-Hant, en-us -> en-US."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def _day(text: str, file: str, fact: str) -> dt.date:
    match = _MIDNIGHT.match(text)
    if match is None:
        raise fail(file, f"fact {fact}: period part {text[:40]!r} is not a date at midnight "
                         "(YYYY-MM-DDT00:00:00)", "esgxbrl reads periods made of whole days")
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        raise fail(file, f"fact {fact}: {match.group(1)} is not a calendar date", "correct the period") from None


def oim_period_to_xbrl(text: str, file: str, fact: str) -> Period:
    """OIM ends are the instant a day ends; XBRL dates are inclusive, so the end moves back a day."""
    parts = text.split("/")
    if len(parts) == 1:
        return Period(_day(parts[0], file, fact) - dt.timedelta(days=1))
    if len(parts) == 2:
        start, end = _day(parts[0], file, fact), _day(parts[1], file, fact) - dt.timedelta(days=1)
        if end < start:
            raise fail(file, f"fact {fact}: period {text} ends before it starts", "correct the period")
        return Period(end, start)
    raise fail(file, f"fact {fact}: period {text[:80]!r} is not an instant or a start/end pair",
               "write the period as START/END")


@dataclass
class _Document:
    file: str
    namespaces: dict[str | None, str]
    prefixes: Prefixes

    def qname(self, text: object, what: str) -> str:
        if not isinstance(text, str):
            raise fail(self.file, f"{what} is not a string", "write QNames as \"prefix:name\"")
        return self.prefixes.resolve(text, self.namespaces, self.file, what)

    def is_note(self, concept: str) -> bool:
        prefix, _, local = concept.partition(":")
        return local == "note" and self.namespaces.get(prefix) == OIM_NAMESPACE

    def unit(self, text: object, fact: str) -> Unit:
        if not isinstance(text, str) or not text:
            raise fail(self.file, f"fact {fact}: the unit is not a string", "write units as \"utr:tCO2e\"")
        numerator, _, denominator = text.partition("/")

        def measures(part: str) -> tuple[str, ...]:
            if part.startswith("(") and part.endswith(")"):
                part = part[1:-1]
            return tuple(self.qname(m, f"fact {fact} unit") for m in part.split("*"))

        return Unit(measures(numerator), measures(denominator) if denominator else ())

    def expanded_names(self, value: str, fact: str) -> str:
        """"pfx:Local pfx:Other" -> "ns#Local ns#Other", as XBRL XML writes enumeration values."""
        tokens = []
        for token in value.split():
            prefix, colon, local = token.partition(":")
            namespace = self.namespaces.get(prefix) if colon else None
            if namespace is None:
                raise fail(self.file, f"fact {fact}: enumeration value {token[:80]!r} is not a QName with a "
                                      "declared prefix", "write members as \"prefix:Name\"")
            tokens.append(f"{namespace}#{local}")
        return " ".join(tokens)


def _object(value: Any, file: str, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail(file, f"{what} is not a JSON object", "this is not an xBRL-JSON document")
    return value


def _string_map(value: Any, file: str, what: str) -> dict[str, str]:
    mapping = _object(value, file, what)
    if not all(isinstance(v, str) for v in mapping.values()):
        raise fail(file, f"{what} holds a value that is not a string", "map each alias to a URI")
    return mapping


def _footnote_links(obj: Mapping[str, Any], link_types: Mapping[str, str], link_groups: Mapping[str, str],
                    file: str, fact: str) -> list[str]:
    targets: list[str] = []
    for link_type, groups in _object(obj, file, f"fact {fact} links").items():
        if link_types.get(link_type) != FOOTNOTE_ARCROLE:
            raise fail(file, f"fact {fact} has links of type {link_type!r}", "esgxbrl reads footnote links only")
        for group, ids in _object(groups, file, f"fact {fact} links").items():
            if link_groups.get(group) != LINK_ROLE:
                raise fail(file, f"fact {fact} has links in group {group!r}",
                           "esgxbrl reads footnotes of the default link group only")
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                raise fail(file, f"fact {fact}: footnote links are not a list of ids", "list note ids")
            targets.extend(ids)
    return targets


def oim_from_document(document: Any, file: str, base_dir: Path | None,
                      limits: Limits = DEFAULT_LIMITS, *, facts_only: bool = False) -> FactSet:
    root = _object(document, file, "the document")
    info = _object(root.get("documentInfo"), file, "documentInfo")
    if info.get("documentType") != DOCUMENT_TYPE:
        raise fail(file, f"documentType is {str(info.get('documentType'))[:80]!r}",
                   f"esgxbrl reads xBRL-JSON documents of type {DOCUMENT_TYPE}")
    declared = _string_map(info.get("namespaces", {}), file, "documentInfo.namespaces")
    link_types = {FOOTNOTE_LINK_TYPE: FOOTNOTE_ARCROLE}
    link_types.update(_string_map(info.get("linkTypes", {}), file, "documentInfo.linkTypes"))
    link_groups = {DEFAULT_LINK_GROUP: LINK_ROLE}
    link_groups.update(_string_map(info.get("linkGroups", {}), file, "documentInfo.linkGroups"))
    taxonomy = info.get("taxonomy")
    if not isinstance(taxonomy, list) or not all(isinstance(t, str) for t in taxonomy):
        raise fail(file, "documentInfo.taxonomy is not a list of schema references", "list the taxonomy entry point")
    language = info.get(DOCUMENT_LANGUAGE, "en")
    if not isinstance(language, str) or not language:
        raise fail(file, f"{DOCUMENT_LANGUAGE} is not a language tag", "write a tag such as \"en\"")
    own = {OIM_NAMESPACE, PRODUCT_NAMESPACE}
    doc = _Document(file, dict(declared.items()),
                    Prefixes({p: u for p, u in declared.items() if u not in own}))
    facts: list[Fact] = []
    links = FootnoteLinks()
    entities: set[tuple[str, str]] = set()
    for identifier, value in _object(root.get("facts", {}), file, "facts").items():
        obj = _object(value, file, f"fact {identifier}")
        dimensions = _object(obj.get("dimensions"), file, f"fact {identifier} dimensions")
        written = dimensions.get("concept")
        if isinstance(written, str) and doc.is_note(written):
            if not facts_only:
                links.footnotes.append(_footnote(identifier, obj, dimensions, file, limits))
            continue
        concept = doc.qname(written, f"fact {identifier} concept")
        fact, entity = _fact(doc, identifier, obj, dimensions, concept, link_types, link_groups, facts_only)
        entities.add(entity)
        facts.append(fact)
        if fact.footnotes:
            links.of_fact[fact.id] = list(fact.footnotes)
    if len(entities) != 1:
        raise fail(file, f"facts of {len(entities)} entities", "esgxbrl reads reports of one entity with facts")
    notes = {f.id for f in links.footnotes}
    missing = sorted({t for targets in links.of_fact.values() for t in targets} - notes)
    if missing:
        raise fail(file, f"facts link footnotes that do not exist ({', '.join(missing)[:200]})",
                   "the file is damaged; export it again")
    (entity,) = entities
    return assemble(file=file, prefixes=doc.prefixes, entity=entity, facts=facts, links=links,
                    schema=schema_ref(taxonomy, file), base_dir=base_dir, document_language=language,
                    limits=limits, facts_only=facts_only)


def _footnote(identifier: str, obj: Mapping[str, Any], dimensions: Mapping[str, Any], file: str,
              limits: Limits) -> Footnote:
    if dimensions.get("noteId") != identifier:
        raise fail(file, f"note {identifier} has noteId {str(dimensions.get('noteId'))[:80]!r}",
                   "a note's noteId is its own id")
    language = dimensions.get("language")
    text = obj.get("value")
    if not isinstance(language, str) or not isinstance(text, str):
        raise fail(file, f"note {identifier} lacks its language or text", "give both")
    fragment = parse_fragment(text, f"{file} (note {identifier})", ns.XHTML, limits)
    return Footnote(identifier, conventional_case(language), mixed_text(fragment))


def _fact(doc: _Document, identifier: str, obj: Mapping[str, Any], dimensions: Mapping[str, Any], concept: str,
          link_types: Mapping[str, str], link_groups: Mapping[str, str],
          facts_only: bool = False) -> tuple[Fact, tuple[str, str]]:
    file = doc.file
    entity = dimensions.get("entity")
    if not isinstance(entity, str) or ":" not in entity:
        raise fail(file, f"fact {identifier} has no entity", "give the entity as \"scheme:identifier\"")
    scheme_prefix, _, entity_id = entity.partition(":")
    scheme = doc.namespaces.get(scheme_prefix)
    if scheme is None:
        raise fail(file, f"fact {identifier}: the entity prefix {scheme_prefix!r} is not declared",
                   "declare it in documentInfo.namespaces")
    period_text = dimensions.get("period")
    if not isinstance(period_text, str):
        raise fail(file, f"fact {identifier} has no period", "esgxbrl reads facts with dated periods")
    period = oim_period_to_xbrl(period_text, file, identifier)
    value = obj.get("value")
    if value is not None and not isinstance(value, str):
        raise fail(file, f"fact {identifier}: the value is not a string or null", "write values as strings")
    decimals = obj.get("decimals")
    if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int)):
        raise fail(file, f"fact {identifier}: decimals is not an integer", "write decimals as an integer")
    namespace_map = {p: u for p, u in doc.namespaces.items() if p is not None}
    item_type = concept_type(namespace_map, concept)
    if value is not None and item_type in ENUMERATION_TYPES:
        value = doc.expanded_names(value, identifier)
    unit: Unit | None = None
    if "unit" in dimensions:
        unit = doc.unit(dimensions["unit"], identifier)
    else:
        prefix, _, local = concept.partition(":")
        known = known_concept(namespace_map.get(prefix, ""), local)
        if (known is not None and known.is_numeric) or (known is None and decimals is not None):
            unit = PURE
    language = dimensions.get("language")
    if language is not None and not isinstance(language, str):
        raise fail(file, f"fact {identifier}: the language is not a string", "write a language tag")
    if obj.get(LANGUAGE_FROM_DOCUMENT) is True:
        language = None
    elif language is not None:
        language = conventional_case(language)
    axes: dict[str, str] = {}
    for key, member in dimensions.items():
        if key in _CORE_DIMENSIONS:
            continue
        axis = doc.qname(key, f"fact {identifier} dimension")
        if not isinstance(member, str):
            raise fail(file, f"fact {identifier}: dimension {key} has no member QName",
                       "esgxbrl reads explicit dimensions only")
        axes[axis] = doc.qname(member, f"fact {identifier} dimension {key}")
    footnotes: list[str] = []
    if "links" in obj and not facts_only:
        footnotes = _footnote_links(obj["links"], link_types, link_groups, file, identifier)
    fact = Fact(identifier, concept, period, value, unit, decimals, tuple(sorted(axes.items())), language,
                tuple(footnotes))
    return fact, (scheme, entity_id)


def read_oim(data: bytes, base_dir: Path | None = None, name: str = "<xBRL-JSON>",
             limits: Limits = DEFAULT_LIMITS) -> FactSet:
    """xBRL-JSON bytes -> FactSet (the extension schema, if any, is read from base_dir)."""
    with guarded(name):
        return oim_from_document(parse_json(data, name, limits), name, base_dir, limits)
    raise AssertionError("unreachable")  # pragma: no cover - guarded re-raises
