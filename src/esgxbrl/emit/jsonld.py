"""FactSet -> JSON-LD: the report as linked data, readable back into the same FactSet.

The document embeds the published context (schemas/esgxbrl-context.jsonld) instead of pointing at
its URL, so any JSON-LD processor reads it without fetching anything; the report node names the
published context with dcterms:conformsTo. Concepts, axes and members are IRIs `namespace#LocalName`,
SDGs are the UN's own IRIs, units keep their XBRL form and gain a QUDT IRI where QUDT has one.
See docs/jsonld.md.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from typing import Any

from esgxbrl.catalogue import Catalogue, Concept
from esgxbrl.emit.linked_units import QUDT_HAS_UNIT, qudt_unit
from esgxbrl.model.facts import ExtensionConcept, Fact, FactSet, Footnote, Period

CONTEXT_URL = "https://taxonomy.esgxbrl.org/schemas/esgxbrl-context.jsonld"
VOCABULARY = "https://taxonomy.esgxbrl.org/vocab#"
XSD = "http://www.w3.org/2001/XMLSchema#"
INFINITE_DECIMALS = "INF"

CONTEXT: dict[str, Any] = {
    "esgx": VOCABULARY,
    "xsd": XSD,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dcterms": "http://purl.org/dc/terms/",
    "qudt": "http://qudt.org/schema/qudt/",
    "Report": "esgx:Report",
    "Entity": "esgx:Entity",
    "Fact": "esgx:Fact",
    "Footnote": "esgx:Footnote",
    "Extension": "esgx:Extension",
    "ExtensionMember": "esgx:ExtensionMember",
    "conformsTo": {"@id": "dcterms:conformsTo", "@type": "@id"},
    "language": {"@id": "dcterms:language"},
    "entity": {"@id": "esgx:entity"},
    "identifier": {"@id": "esgx:identifier"},
    "scheme": {"@id": "esgx:scheme", "@type": "@id"},
    "taxonomy": {"@id": "esgx:taxonomy", "@type": "@id"},
    "namespaces": {"@id": "esgx:namespace"},
    "prefix": {"@id": "esgx:prefix"},
    "namespaceName": {"@id": "esgx:namespaceName", "@type": "xsd:anyURI"},
    "extension": {"@id": "esgx:extension"},
    "schemaFile": {"@id": "esgx:schemaFile"},
    "members": {"@id": "esgx:member"},
    "axis": {"@id": "esgx:axis", "@type": "@id"},
    "label": {"@id": "rdfs:label"},
    "facts": {"@id": "esgx:fact"},
    "footnotes": {"@id": "esgx:footnote", "@type": "@id"},
    "text": {"@id": "esgx:text"},
    "concept": {"@id": "esgx:concept", "@type": "@id"},
    "provision": {"@id": "esgx:provision"},
    "period": {"@id": "esgx:period"},
    "startDate": {"@id": "esgx:startDate", "@type": "xsd:date"},
    "endDate": {"@id": "esgx:endDate", "@type": "xsd:date"},
    "instant": {"@id": "esgx:instant", "@type": "xsd:date"},
    "value": {"@id": "esgx:value"},
    "nil": {"@id": "esgx:nil", "@type": "xsd:boolean"},
    "decimals": {"@id": "esgx:decimals"},
    "unit": {"@id": "esgx:unit"},
    "unitOfMeasure": {"@id": QUDT_HAS_UNIT, "@type": "@id"},
    "dimensions": {"@id": "esgx:dimensions"},
    "sdg": {"@id": "esgx:sustainableDevelopmentGoal", "@type": "@id"},
}

#: catalogue type -> XML Schema datatype of the value, for values that are neither numbers,
#: enumerations nor text in a language
_LITERAL_TYPES = {"date": "xsd:date", "yearmonth": "xsd:gYearMonth"}


def dumps(document: Any) -> bytes:
    """The one serialisation of every JSON-LD file esgxbrl writes: sorted keys, UTF-8, newline."""
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1, separators=(",", ": "))
    return (text + "\n").encode("utf-8")


def context_document_bytes() -> bytes:
    """The published context file, schemas/esgxbrl-context.jsonld."""
    return dumps({"@context": CONTEXT})


def iri(facts: FactSet, qname: str) -> str:
    prefix, local = qname.split(":", 1)
    return f"{facts.namespace(prefix)}#{local}"


class _Linker:
    """What the catalogue adds to a fact: its concept's type, its provision, its SDGs."""

    def __init__(self, facts: FactSet, catalogue: Catalogue) -> None:
        self.facts = facts
        self.catalogue = catalogue
        namespace = catalogue.regime.namespace
        self.prefix = facts.prefix_of(namespace) if namespace in dict(facts.namespaces).values() else None
        self.provision_of_member = {p.member: p.id for p in catalogue.provisions}
        self.sdg_of_member = {f"{namespace}#{s.member}": s.iri for s in catalogue.sdgs}
        self.goal_of_iri = {s.iri: s.goal for s in catalogue.sdgs}

    def concept(self, qname: str) -> Concept | None:
        prefix, local = qname.split(":", 1)
        if prefix != self.prefix or not self.catalogue.has_concept(local):
            return None
        return self.catalogue.concept(local)

    def provision(self, fact: Fact, concept: Concept | None) -> str | None:
        if concept is not None and concept.provision:
            return concept.provision
        for _, member in fact.dimensions:
            prefix, local = member.split(":", 1)
            if prefix == self.prefix and local in self.provision_of_member:
                return self.provision_of_member[local]
        return None

    def sdgs(self, fact: Fact, concept: Concept | None) -> list[str]:
        candidates = [iri(self.facts, member) for _, member in fact.dimensions]
        if concept is not None and concept.type in ("enum", "enumset") and fact.value:
            candidates += fact.value.split()
        found = {self.sdg_of_member[c] for c in candidates if c in self.sdg_of_member}
        return sorted(found, key=self.goal_of_iri.__getitem__)


def _period(period: Period) -> dict[str, str]:
    if period.start is None:
        return {"instant": period.end.isoformat()}
    return {"startDate": period.start.isoformat(), "endDate": period.end.isoformat()}


def _value(fact: Fact, value: str, concept: Concept | None) -> Any:
    if fact.unit is not None:
        return {"@value": value, "@type": "xsd:decimal"}
    kind = concept.type if concept is not None else None
    if kind == "enum":
        return {"@id": value}
    if kind == "enumset":
        # a list even for one goal, so the reader knows it is a set
        return [{"@id": member} for member in value.split()]
    if fact.language:
        return {"@value": value, "@language": fact.language}
    if kind in _LITERAL_TYPES:
        return {"@value": value, "@type": _LITERAL_TYPES[kind]}
    return value


def _fact_node(fact: Fact, linker: _Linker) -> dict[str, Any]:
    facts = linker.facts
    concept = linker.concept(fact.concept)
    node: dict[str, Any] = {"@id": f"#{fact.id}", "@type": "Fact", "concept": iri(facts, fact.concept),
                            "period": _period(fact.period)}
    provision = linker.provision(fact, concept)
    if provision:
        node["provision"] = provision
    if fact.value is None:
        node["nil"] = True
        if fact.language:
            node["language"] = fact.language
    else:
        node["value"] = _value(fact, fact.value, concept)
    if fact.unit is not None:
        node["unit"] = str(fact.unit)
        qudt = qudt_unit(fact.unit, concept.quantity if concept is not None else None)
        if qudt:
            node["unitOfMeasure"] = qudt
    if fact.decimals is not None or fact.unit is not None:
        node["decimals"] = INFINITE_DECIMALS if fact.decimals is None else fact.decimals
    if fact.dimensions:
        node["dimensions"] = {iri(facts, axis): {"@id": iri(facts, member)} for axis, member in fact.dimensions}
    if fact.footnotes:
        node["footnotes"] = [f"#{footnote}" for footnote in fact.footnotes]
    sdgs = linker.sdgs(fact, concept)
    if sdgs:
        node["sdg"] = sdgs
    return node


def _footnote_node(footnote: Footnote) -> dict[str, Any]:
    return {"@id": f"#{footnote.id}", "@type": "Footnote",
            "text": {"@value": footnote.text, "@language": footnote.lang}}


def _extension_node(facts: FactSet) -> dict[str, Any] | None:
    extension = facts.extension
    if extension is None:
        return None
    members = [{"@id": f"{extension.namespace}#{member.name}", "@type": "ExtensionMember",
                "axis": iri(facts, member.axis),
                "label": [{"@value": text, "@language": lang} for lang, text in member.labels]}
               for member in extension.members]
    node: dict[str, Any] = {"@type": "Extension", "namespaceName": extension.namespace, "prefix": extension.prefix,
                            "schemaFile": extension.schema_file, "members": members}
    if extension.axes:
        # compact IRIs, not new terms: the published context (embedded in every document) stays as it is
        node[ISSUER_AXES_KEY] = [{"@id": f"{extension.namespace}#{axis.name}", "@type": "esgx:ExtensionAxis",
                                  "label": [{"@value": text, "@language": lang} for lang, text in axis.labels]}
                                 for axis in extension.axes]
    if extension.concepts:
        node[ISSUER_CONCEPTS_KEY] = [_concept_node(facts, concept) for concept in extension.concepts]
    return node


def _concept_node(facts: FactSet, concept: ExtensionConcept) -> dict[str, Any]:
    """An issuer concept with its labels, type and anchor (compact IRIs: the published context stays as it is)."""
    assert facts.extension is not None
    node: dict[str, Any] = {"@id": f"{facts.extension.namespace}#{concept.name}",
                            "@type": "esgx:ExtensionConcept",
                            "label": [{"@value": text, "@language": lang} for lang, text in concept.labels],
                            "esgx:itemType": concept.item_type, "esgx:periodType": concept.period,
                            f"esgx:{concept.relationship}Than": {"@id": iri(facts, concept.anchor)}}
    if concept.balance:
        node["esgx:balance"] = concept.balance
    return node


#: the key of the issuer's own axes on the extension node
ISSUER_AXES_KEY = "esgx:issuerAxis"
#: the key of the issuer's own concepts on the extension node
ISSUER_CONCEPTS_KEY = "esgx:issuerConcept"


def reporting_period(facts: FactSet) -> Period | None:
    """The period most duration facts share: what the report covers (latest first on a tie)."""
    counts = Counter(f.period for f in facts.facts if f.period.start is not None)
    if not counts:
        return None
    return max(counts, key=lambda p: (counts[p], p.end, p.start))


def jsonld_document(facts: FactSet, catalogue: Catalogue) -> dict[str, Any]:
    linker = _Linker(facts, catalogue)
    document: dict[str, Any] = {
        "@context": copy.deepcopy(CONTEXT),
        "@id": "",
        "@type": "Report",
        "conformsTo": CONTEXT_URL,
        "entity": {"@type": "Entity", "identifier": facts.entity_identifier, "scheme": facts.entity_scheme},
        "language": facts.document_language,
        "taxonomy": facts.taxonomy_entry_point,
        "namespaces": [{"prefix": prefix, "namespaceName": uri} for prefix, uri in facts.namespaces],
        "facts": [_fact_node(fact, linker) for fact in facts.facts],
    }
    period = reporting_period(facts)
    if period is not None:
        document["period"] = _period(period)
    extension = _extension_node(facts)
    if extension is not None:
        document["extension"] = extension
    if facts.footnotes:
        document["footnotes"] = [_footnote_node(f) for f in facts.footnotes]
    return document


def jsonld_bytes(facts: FactSet, catalogue: Catalogue) -> bytes:
    return dumps(jsonld_document(facts, catalogue))
