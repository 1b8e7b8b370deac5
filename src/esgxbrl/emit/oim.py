"""FactSet -> xBRL-JSON (XBRL Open Information Model, https://xbrl.org/2021/xbrl-json).

Written by esgxbrl itself, so that it is deterministic and carries everything the fact set holds:
periods as OIM datetimes (XBRL dates are inclusive, so an end date becomes the next midnight),
footnotes as `xbrl:note` facts, and two esgxbrl extension properties that xBRL-JSON allows and
that other processors ignore: the document language, and which text facts take it by inheritance
(as they do in the XML instance, where xml:lang on the root applies to every fact without its own).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from esgxbrl.catalogue import GUIDES, Concept, load_catalogue
from esgxbrl.model.facts import Fact, FactSet, Period
from esgxbrl.model.units import Unit

DOCUMENT_TYPE = "https://xbrl.org/2021/xbrl-json"
OIM_NAMESPACE = "https://xbrl.org/2021"
PRODUCT_PREFIX = "esgxbrl"
PRODUCT_NAMESPACE = "https://taxonomy.esgxbrl.org/xbrl-json"
DOCUMENT_LANGUAGE = f"{PRODUCT_PREFIX}:documentLanguage"
LANGUAGE_FROM_DOCUMENT = f"{PRODUCT_PREFIX}:languageFromDocument"
NOTE_CONCEPT = "xbrl:note"
PURE = Unit(("xbrli:pure",))
FOOTNOTE_LINK_TYPE = "footnote"
DEFAULT_LINK_GROUP = "_"
#: item types whose facts carry a language (OIM "text" facts); every other type must not
TEXT_TYPES = frozenset({"xbrli:stringItemType", "dtr-types:textBlockItemType"})
#: item types whose values are members: expanded names ("ns#Local") in XML, QNames in OIM
ENUMERATION_TYPES = frozenset({"enum2:enumerationItemType", "enum2:enumerationSetItemType"})
FOOTNOTE_ARCROLE = "http://www.xbrl.org/2003/arcrole/fact-footnote"
LINK_ROLE = "http://www.xbrl.org/2003/role/link"


@cache
def _catalogue_concepts() -> dict[str, dict[str, Concept]]:
    """namespace -> local name -> concept, for every guide esgxbrl knows."""
    found: dict[str, dict[str, Concept]] = {}
    for version in sorted(set(GUIDES.values())):
        catalogue = load_catalogue(version)
        found[catalogue.regime.namespace] = {c.name: c for c in catalogue.concepts}
    return found


def known_concept(namespace: str, local: str) -> Concept | None:
    """The catalogue's concept of that name, if it belongs to a taxonomy esgxbrl publishes."""
    return _catalogue_concepts().get(namespace, {}).get(local)


def concept_type(namespaces: Mapping[str, str], concept: str) -> str | None:
    """The XBRL item type ("xbrli:stringItemType") of a prefixed concept esgxbrl publishes."""
    prefix, _, local = concept.partition(":")
    known = known_concept(namespaces.get(prefix, ""), local)
    return None if known is None else known.xbrl_type


def enumeration_to_qnames(value: str, namespaces: Mapping[str, str]) -> str:
    """"ns#Local ns#Other" -> "pfx:Local pfx:Other" (members whose namespace has no prefix stay as they are)."""
    prefixes = {uri: prefix for prefix, uri in sorted(namespaces.items(), reverse=True)}
    tokens = []
    for token in value.split():
        namespace, hash_mark, local = token.rpartition("#")
        prefix = prefixes.get(namespace)
        tokens.append(f"{prefix}:{local}" if hash_mark and prefix is not None else token)
    return " ".join(tokens)


def oim_datetime(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00"


def oim_period(period: Period) -> str:
    """XBRL dates are inclusive ends; OIM writes the instant that ends the day."""
    end = oim_datetime(period.end + dt.timedelta(days=1))
    return end if period.start is None else f"{oim_datetime(period.start)}/{end}"


def oim_unit(unit: Unit) -> str | None:
    """The OIM unit string (measures sorted, as OIM requires), or None for xbrli:pure."""
    if unit == PURE:
        return None

    def part(measures: tuple[str, ...], grouped: bool) -> str:
        text = "*".join(sorted(measures))
        return f"({text})" if grouped and len(measures) > 1 else text

    if not unit.denominator:
        return part(unit.numerator, False)
    return f"{part(unit.numerator, True)}/{part(unit.denominator, True)}"


def oim_language(tag: str) -> str:
    """xBRL-JSON requires language tags in lower case."""
    return tag.lower()


def note_value(text: str) -> str:
    """A footnote's plain text as the XHTML fragment an xbrl:note holds."""
    return escape(text).replace("\r", "&#13;")


def _fact_object(facts: FactSet, fact: Fact, entity: str) -> dict[str, Any]:
    dimensions: dict[str, str] = {"concept": fact.concept, "entity": entity, "period": oim_period(fact.period)}
    if fact.unit is not None and (unit := oim_unit(fact.unit)) is not None:
        dimensions["unit"] = unit
    namespaces = dict(facts.namespaces)
    item_type = concept_type(namespaces, fact.concept)
    value = fact.value
    if value is not None and item_type in ENUMERATION_TYPES:
        value = enumeration_to_qnames(value, namespaces)
    obj: dict[str, Any] = {"value": value}
    if fact.language is not None:
        dimensions["language"] = oim_language(fact.language)
    elif item_type in TEXT_TYPES:
        dimensions["language"] = oim_language(facts.document_language)
        obj[LANGUAGE_FROM_DOCUMENT] = True
    for axis, member in fact.dimensions:
        dimensions[axis] = member
    obj["dimensions"] = dimensions
    # decimals qualify a numeric value: OIM forbids them on nil facts (as XBRL 2.1 does)
    if fact.unit is not None and fact.decimals is not None and fact.value is not None:
        obj["decimals"] = fact.decimals
    if fact.footnotes:
        obj["links"] = {FOOTNOTE_LINK_TYPE: {DEFAULT_LINK_GROUP: list(fact.footnotes)}}
    return obj


def _sorted(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted(item) for item in value]
    return value


def oim_document(facts: FactSet) -> dict[str, Any]:
    namespaces = dict(facts.namespaces)
    namespaces["xbrl"] = OIM_NAMESPACE
    namespaces[PRODUCT_PREFIX] = PRODUCT_NAMESPACE
    scheme_prefix = next((p for p, uri in facts.namespaces if uri == facts.entity_scheme), None)
    if scheme_prefix is None:
        scheme_prefix = "scheme"
        namespaces[scheme_prefix] = facts.entity_scheme
    entity = f"{scheme_prefix}:{facts.entity_identifier}"
    # the fact order of the fact set is kept (it is deterministic); every other object is key-sorted
    objects: dict[str, Any] = {}
    for fact in facts.facts:
        objects[fact.id] = _sorted(_fact_object(facts, fact, entity))
    for footnote in facts.footnotes:
        if footnote.id in objects:
            raise ValueError(f"footnote id {footnote.id} is also a fact id")
        objects[footnote.id] = _sorted({
            "value": note_value(footnote.text),
            "dimensions": {"concept": NOTE_CONCEPT, "noteId": footnote.id,
                           "language": oim_language(footnote.lang)},
        })
    info: dict[str, Any] = {
        "documentType": DOCUMENT_TYPE,
        "namespaces": namespaces,
        "taxonomy": [facts.schema_ref],
        DOCUMENT_LANGUAGE: facts.document_language,
    }
    if any(fact.footnotes for fact in facts.facts):
        info["linkTypes"] = {FOOTNOTE_LINK_TYPE: FOOTNOTE_ARCROLE}
        info["linkGroups"] = {DEFAULT_LINK_GROUP: LINK_ROLE}
    document_info = _sorted(info)
    return {"documentInfo": document_info, "facts": objects}


def oim_json_bytes(facts: FactSet) -> bytes:
    text = json.dumps(oim_document(facts), ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")
