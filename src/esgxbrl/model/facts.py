"""The fact set: the one canonical form between the report model and every syntax.

It follows the view of XBRL's Open Information Model: a fact is a concept, an entity, a period,
a unit, dimensions, a value with its decimals, a language and footnotes. Emitters turn a FactSet
into bytes; readers turn bytes back into a FactSet, so `read(emit(facts)) == facts` can be tested.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import NamedTuple

from esgxbrl.model.units import Unit


@dataclass(frozen=True, order=True)
class Period:
    """An XBRL period: a duration (start and end) or an instant (end only). Dates are inclusive."""

    end: dt.date
    start: dt.date | None = None

    @property
    def is_instant(self) -> bool:
        return self.start is None

    def key(self) -> str:
        return self.end.isoformat() if self.start is None else f"{self.start.isoformat()}/{self.end.isoformat()}"


@dataclass(frozen=True)
class Footnote:
    id: str
    lang: str
    text: str


class Fact(NamedTuple):
    """One fact. A named tuple rather than a frozen dataclass: as immutable and hashable, and made
    four times quicker, which counts when thousands of reports are read (a report has hundreds)."""

    id: str
    concept: str                          # prefixed QName, e.g. "hkesg:NumberOfEmployees"
    period: Period
    value: str | None                      # lexical value; None is nil
    unit: Unit | None = None
    decimals: int | None = None
    dimensions: tuple[tuple[str, str], ...] = ()   # sorted (axis QName, member QName)
    language: str | None = None
    footnotes: tuple[str, ...] = ()        # footnote ids

    @property
    def is_numeric(self) -> bool:
        return self.unit is not None

    def aspect_key(self) -> tuple[object, ...]:
        """What makes two facts duplicates of each other (everything but the value)."""
        return (self.concept, self.period, self.unit, self.dimensions, self.language)


@dataclass(frozen=True)
class ExtensionMember:
    axis: str                               # prefixed QName of the taxonomy axis
    name: str                               # local name in the extension namespace
    labels: tuple[tuple[str, str], ...]     # (lang, label)


@dataclass(frozen=True)
class ExtensionAxis:
    """An axis of the issuer's own; its members are ExtensionMembers whose axis is this one's QName."""

    name: str                               # local name in the extension namespace, e.g. BusinessSegmentAxis
    labels: tuple[tuple[str, str], ...]     # (lang, label)

    @property
    def domain(self) -> str:
        return self.name.removesuffix("Axis") + "Domain"


@dataclass(frozen=True)
class ExtensionConcept:
    """A concept of the issuer's own, anchored to the base concept it is narrower or wider than (as ESEF
    anchors extension concepts), so an analyst can still aggregate its facts with the anchor's."""

    name: str                               # local name in the extension namespace
    labels: tuple[tuple[str, str], ...]     # (lang, label)
    item_type: str                          # prefixed QName of its item type: "dtr-types:massItemType"
    period: str                             # "duration" or "instant"
    anchor: str                             # prefixed QName of the base concept
    relationship: str                       # "narrower" or "wider": what the issuer concept is to the anchor
    balance: str | None = None


@dataclass(frozen=True)
class Extension:
    """The issuer's own members and axes, declared in a schema written beside the instance."""

    namespace: str
    prefix: str
    schema_file: str                        # file name of the extension schema
    members: tuple[ExtensionMember, ...]
    axes: tuple[ExtensionAxis, ...] = ()
    concepts: tuple[ExtensionConcept, ...] = ()

    def concept(self, qname: str) -> ExtensionConcept | None:
        """The issuer's concept of that prefixed name, if the name is one of this extension's."""
        prefix, _, local = qname.partition(":")
        if prefix != self.prefix:
            return None
        return next((c for c in self.concepts if c.name == local), None)


@dataclass(frozen=True)
class FactSet:
    entity_scheme: str
    entity_identifier: str
    taxonomy_entry_point: str
    namespaces: tuple[tuple[str, str], ...]  # (prefix, uri) for every prefix used in QNames
    facts: tuple[Fact, ...]
    footnotes: tuple[Footnote, ...] = ()
    extension: Extension | None = None
    document_language: str = "en"

    @property
    def schema_ref(self) -> str:
        """What instance documents point at: the extension schema if there is one, else the taxonomy."""
        return self.extension.schema_file if self.extension else self.taxonomy_entry_point

    def namespace(self, prefix: str) -> str:
        return dict(self.namespaces)[prefix]

    def prefix_of(self, namespace: str) -> str:
        for prefix, uri in self.namespaces:
            if uri == namespace:
                return prefix
        raise KeyError(namespace)


def fact_id(concept: str, period: Period, dimensions: tuple[tuple[str, str], ...], language: str | None,
            unit: Unit | None) -> str:
    """A stable id: the same fact keeps its id when other facts are added or removed."""
    key = "|".join([concept, period.key(), repr(dimensions), language or "", str(unit or "")])
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    return f"f-{concept.split(':', 1)[1]}-{digest}"
