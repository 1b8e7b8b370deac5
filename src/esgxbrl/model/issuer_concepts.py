"""The issuer's own concepts seen as concepts of the catalogue: their type's item type, units and kinds
come from the catalogue's concepts of that type, never from a list of their own."""

from __future__ import annotations

from esgxbrl.catalogue import Catalogue, Concept
from esgxbrl.model.facts import ExtensionConcept

#: the catalogue types an issuer concept may have: figures that stand on their own, and texts
ISSUER_CONCEPT_TYPES = ("count", "decimal", "percent", "mass", "area", "length", "energy", "volume", "ghg",
                        "monetary", "text", "string")
#: types whose facts are text, with a language
TEXT_TYPES = frozenset({"text", "string"})


def type_samples(catalogue: Catalogue) -> dict[str, Concept]:
    """Type name -> a base concept of that type (its item type, balance and the kinds of unit it takes)."""
    found: dict[str, Concept] = {}
    for concept in catalogue.concepts:
        if concept.type in ISSUER_CONCEPT_TYPES:
            found.setdefault(concept.type, concept)
    return {name: found[name] for name in ISSUER_CONCEPT_TYPES if name in found}


def type_of_item_type(catalogue: Catalogue, item_type: str) -> str | None:
    """The catalogue type of an issuer concept published with `item_type` ("dtr-types:massItemType": mass)."""
    return next((name for name, c in type_samples(catalogue).items() if c.xbrl_type == item_type), None)


def as_concept(catalogue: Catalogue, concept: ExtensionConcept, unit: str | None) -> Concept:
    """The issuer concept as the catalogue's Concept (`unit`: a canonical unit key, None for text), so that
    units, breakdowns and printed forms work for it as for a base concept. Its table is its anchor's, which
    lets its figures be broken down by the anchor's axes."""
    type_name = type_of_item_type(catalogue, concept.item_type) or "string"
    sample = type_samples(catalogue)[type_name]
    anchor = anchor_of(catalogue, concept)
    table = anchor.table if anchor is not None and anchor.is_numeric and unit is not None else None
    if table is None and unit is not None:
        # a figure anchored to a text block still may be printed as a bound
        table = catalogue.qualifier_table
    return Concept(name=concept.name, type=type_name, xbrl_type=sample.xbrl_type,
                   period="instant" if concept.period == "instant" else "duration", unit=unit,
                   provision=anchor.provision if anchor is not None else None, table=table, additive=False,
                   sum_of=(), intensity_of=None, enum=None, group="aspect", quantity=None, balance=sample.balance,
                   kinds=sample.kinds)


def anchor_of(catalogue: Catalogue, concept: ExtensionConcept) -> Concept | None:
    """The base concept the issuer concept is anchored to, if it is one of this catalogue's."""
    prefix, _, local = concept.anchor.partition(":")
    if prefix != catalogue.regime.prefix or not catalogue.has_concept(local):
        return None
    return catalogue.concept(local)
