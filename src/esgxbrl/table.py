"""Fact sets as one tidy table: one row per fact, with the same columns for every report.

The table is what analysts load into pandas, DuckDB or Spark. Its schema is fixed (it does not
depend on which facts a report happens to have), so tables of many reports concatenate and a
Parquet dataset of thousands of files reads as one. docs/facts-table.md describes every column.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa  # type: ignore[import-untyped]

from esgxbrl import xbrlns as ns
from esgxbrl.catalogue import GUIDES, LANGUAGES, Catalogue, load_catalogue
from esgxbrl.facts import FactSet
from esgxbrl.units import Unit

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped]

#: version of the table layout, stored in the Parquet file's metadata
TABLE_LAYOUT = "esgxbrl-facts/1"
DIMENSION_PREFIX = "dim_"

#: measures are written with these prefixes whatever prefixes the document used
_CANONICAL_PREFIXES = {ns.UTR: "utr", ns.ISO4217: "iso4217", ns.XBRLI: "xbrli"}


@cache
def _catalogues() -> tuple[Catalogue, ...]:
    return tuple(load_catalogue(version) for version in sorted(set(GUIDES.values())))


@cache
def axis_columns() -> tuple[tuple[str, str, str], ...]:
    """(column, axis namespace, axis local name) for every axis esgxbrl's taxonomies define."""
    found: dict[str, tuple[str, str, str]] = {}
    for catalogue in _catalogues():
        for axis in catalogue.axes:
            column = DIMENSION_PREFIX + axis.short_name
            found.setdefault(column, (column, catalogue.regime.namespace, axis.name))
    return tuple(found.values())


def _base_fields() -> list[pa.Field]:
    return [
        pa.field("source_file", pa.string()),
        pa.field("fact_index", pa.int32(), nullable=False),
        pa.field("entity_scheme", pa.string(), nullable=False),
        pa.field("entity_id", pa.string(), nullable=False),
        pa.field("period_start", pa.date32()),
        pa.field("period_end", pa.date32(), nullable=False),
        pa.field("period_type", pa.string(), nullable=False),
        pa.field("concept", pa.string(), nullable=False),
        pa.field("concept_namespace", pa.string(), nullable=False),
        pa.field("provision", pa.string()),
        pa.field("label", pa.string(), nullable=False),
    ]


def _value_fields() -> list[pa.Field]:
    return [
        pa.field("unit", pa.string()),
        pa.field("value_text", pa.string()),
        pa.field("value_number", pa.float64()),
        pa.field("decimals", pa.int32()),
        pa.field("language", pa.string()),
        pa.field("fact_id", pa.string(), nullable=False),
    ]


def _metadata() -> dict[bytes, bytes]:
    return {b"esgxbrl.layout": TABLE_LAYOUT.encode()}


@cache
def facts_schema() -> pa.Schema:
    """The Arrow schema of the table (and of the Parquet file): the same for every report."""
    dimension_fields = [pa.field("dimensions", pa.map_(pa.string(), pa.string()), nullable=False)]
    dimension_fields += [pa.field(column, pa.string()) for column, _, _ in axis_columns()]
    return pa.schema(_base_fields() + dimension_fields + _value_fields(), metadata=_metadata())


@cache
def csv_schema() -> pa.Schema:
    """The schema written to CSV, where `dimensions` is a JSON object (CSV has no map type)."""
    schema = facts_schema()
    index = schema.get_field_index("dimensions")
    return schema.set(index, pa.field("dimensions", pa.string(), nullable=False))


@dataclass(frozen=True)
class _ConceptInfo:
    provision: str | None
    label: str


@dataclass
class RowBuilder:
    """Turns fact sets into columns; caches what it looked up in the catalogue."""

    lang: str = "en"
    _concepts: dict[tuple[str, str], _ConceptInfo] = field(default_factory=dict, repr=False)
    _provision_members: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _axis_column: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"label language must be one of {', '.join(LANGUAGES)}, not {self.lang!r}")
        for catalogue in _catalogues():
            namespace = catalogue.regime.namespace
            for provision in catalogue.provisions:
                self._provision_members[(namespace, provision.member)] = provision.id
        self._axis_column = {(namespace, local): column for column, namespace, local in axis_columns()}

    def _concept(self, namespace: str, local: str) -> _ConceptInfo:
        key = (namespace, local)
        info = self._concepts.get(key)
        if info is None:
            info = _ConceptInfo(None, local)
            for catalogue in _catalogues():
                if catalogue.regime.namespace == namespace and catalogue.has_concept(local):
                    info = _ConceptInfo(catalogue.concept(local).provision, catalogue.label(local, self.lang))
                    break
            self._concepts[key] = info
        return info

    def columns(self, facts: FactSet, source_file: str | None = None) -> dict[str, list[Any]]:
        """The table's columns for one fact set, facts in the fact set's order."""
        namespaces = dict(facts.namespaces)
        rows = facts.facts
        count = len(rows)
        # a report repeats a few dozen concepts, dimension pairs and units: resolve each once
        concepts: dict[str, tuple[str, str, _ConceptInfo]] = {}
        pairs: dict[tuple[str, str], tuple[str, str, str | None, str | None]] = {}
        units: dict[Unit, str] = {}
        flat: dict[str, list[str | None]] = {column: [None] * count for column, _, _ in axis_columns()}
        concept_column, namespace_column, provision_column, label_column = [], [], [], []
        dimensions_column: list[list[tuple[str, str]]] = []
        for index, fact in enumerate(rows):
            resolved = concepts.get(fact.concept)
            if resolved is None:
                prefix, _, local = fact.concept.partition(":")
                namespace = namespaces.get(prefix, "")
                resolved = concepts[fact.concept] = (local, namespace, self._concept(namespace, local))
            local, namespace, info = resolved
            provision = info.provision
            dimensions = []
            for pair in fact.dimensions:
                axis_local, member_local, column, member_provision = pairs.get(pair) or self._pair(pair, namespaces,
                                                                                                 pairs)
                dimensions.append((axis_local, member_local))
                if column is not None:
                    flat[column][index] = member_local
                provision = provision or member_provision
            concept_column.append(local)
            namespace_column.append(namespace)
            provision_column.append(provision)
            label_column.append(info.label)
            dimensions_column.append(dimensions)
        for fact in rows:
            if fact.unit is not None and fact.unit not in units:
                units[fact.unit] = unit_text(fact.unit, namespaces)
        return {
            "source_file": [source_file] * count,
            "fact_index": list(range(count)),
            "entity_scheme": [facts.entity_scheme] * count,
            "entity_id": [facts.entity_identifier] * count,
            "period_start": [f.period.start for f in rows],
            "period_end": [f.period.end for f in rows],
            "period_type": ["instant" if f.period.start is None else "duration" for f in rows],
            "concept": concept_column,
            "concept_namespace": namespace_column,
            "provision": provision_column,
            "label": label_column,
            "dimensions": dimensions_column,
            **flat,
            "unit": [units[f.unit] if f.unit is not None else None for f in rows],
            "value_text": [f.value for f in rows],
            "value_number": [_number(f.value) if f.unit is not None else None for f in rows],
            "decimals": [f.decimals if f.unit is not None else None for f in rows],
            "language": [f.language for f in rows],
            "fact_id": [f.id for f in rows],
        }

    def _pair(self, pair: tuple[str, str], namespaces: dict[str, str],
              cache: dict[tuple[str, str], tuple[str, str, str | None, str | None]]
              ) -> tuple[str, str, str | None, str | None]:
        """(axis local name, member local name, flattened column, provision the member stands for)."""
        axis, member = pair
        axis_prefix, _, axis_local = axis.partition(":")
        member_prefix, _, member_local = member.partition(":")
        column = self._axis_column.get((namespaces.get(axis_prefix, ""), axis_local))
        provision = self._provision_members.get((namespaces.get(member_prefix, ""), member_local))
        cache[pair] = (axis_local, member_local, column, provision)
        return cache[pair]

    def record_batch(self, facts: FactSet, source_file: str | None = None) -> pa.RecordBatch:
        return pa.RecordBatch.from_pydict(self.columns(facts, source_file), schema=facts_schema())


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _canonical_measure(measure: str, namespaces: dict[str, str]) -> str:
    prefix, _, local = measure.partition(":")
    canonical = _CANONICAL_PREFIXES.get(namespaces.get(prefix, ""))
    return f"{canonical}:{local}" if canonical else measure


def unit_text(unit: Unit, namespaces: dict[str, str]) -> str:
    """A unit as text ("utr:tCO2e", "utr:tCO2e/hkesg:Employee"), with the registries' usual prefixes."""
    canonical = Unit(tuple(_canonical_measure(m, namespaces) for m in unit.numerator),
                     tuple(_canonical_measure(m, namespaces) for m in unit.denominator))
    return str(canonical)


def dimensions_json(pairs: Iterable[tuple[str, str]] | None) -> str:
    """The `dimensions` map as a JSON object with sorted keys (how CSV carries it)."""
    return json.dumps(dict(sorted(pairs or ())), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def to_csv_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    """A table batch in the CSV layout: the same columns, `dimensions` as JSON text."""
    index = batch.schema.get_field_index("dimensions")
    as_json = pa.array([dimensions_json(pairs) for pairs in batch.column(index).to_pylist()], pa.string())
    return pa.RecordBatch.from_arrays([as_json if i == index else batch.column(i)
                                       for i in range(batch.num_columns)], schema=csv_schema())


def _as_fact_set(item: FactSet | str | Path) -> tuple[FactSet, str | None]:
    if isinstance(item, FactSet):
        return item, None
    from esgxbrl.read import read

    return read(item), str(item)


def facts_table(items: Iterable[FactSet | str | Path] | FactSet | str | Path, lang: str = "en") -> pa.Table:
    """The table of one or many fact sets or published files (XBRL, Inline XBRL, xBRL-JSON).

    A file that cannot be read raises esgxbrl.errors.ReadError; `esgxbrl.ingest` skips and reports instead.
    """
    if isinstance(items, FactSet | str | Path):
        items = [items]
    builder = RowBuilder(lang)
    batches = [builder.record_batch(*_as_fact_set(item)) for item in items]
    return pa.Table.from_batches(batches, schema=facts_schema())


def facts_frame(items: Iterable[FactSet | str | Path] | FactSet | str | Path, lang: str = "en") -> pd.DataFrame:
    """The table as a pandas DataFrame: `dimensions` as dicts, dates as datetime.date, decimals as Int32."""
    import pandas as pd

    table = facts_table(items, lang)
    types = {pa.int32(): pd.Int32Dtype()}
    return table.to_pandas(maps_as_pydicts="strict", types_mapper=types.get)

