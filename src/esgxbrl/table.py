"""Fact sets as one tidy table: one row per fact, with the same columns for every report.

The table is what analysts load into pandas, DuckDB or Spark. Its schema is fixed (it does not
depend on which facts a report happens to have), so tables of many reports concatenate and a
Parquet dataset of thousands of files reads as one. docs/facts-table.md describes every column.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

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


#: (local name, namespace, provision, label) of a concept
_ConceptRow = tuple[str, str, str | None, str]
#: (axis local name, member local name, flattened column, provision the member stands for)
_PairRow = tuple[str, str, str | None, str | None]
#: of a fact's dimensions: (axis local names, member local names, (flattened column, member), provision)
_DimensionsRow = tuple[list[str], list[str], list[tuple[str, str]], str | None]


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

    def record_batch(self, facts: FactSet, source_file: str | None = None) -> pa.RecordBatch:
        """The table's rows for one fact set, facts in the fact set's order."""
        return self.record_batch_of([(facts, source_file)])

    def record_batch_of(self, items: Iterable[tuple[FactSet, str | None]]) -> pa.RecordBatch:
        """The rows of several fact sets (each with its source file) in one batch, in the order given.

        One batch for many files costs far less than one per file: each column is converted to
        Arrow once.
        """
        columns = _Columns()
        for facts, source_file in items:
            self._add(columns, facts, source_file)
        return pa.RecordBatch.from_arrays(columns.arrays(), schema=facts_schema())

    def _add(self, columns: _Columns, facts: FactSet, source_file: str | None) -> None:
        namespaces = dict(facts.namespaces)
        rows = facts.facts
        first = columns.rows
        # a report repeats a few dozen concepts, dimension sets and units: resolve each once. Readers
        # share one dimensions tuple and one Unit among the facts that have them, so those are found
        # by identity; the facts are alive throughout, so the ids are unique.
        concepts: dict[str, _ConceptRow] = {}
        dimension_sets: dict[int, _DimensionsRow] = {}
        pairs: dict[tuple[str, str], _PairRow] = {}
        units: dict[int, str] = {}
        flat, axis_keys, member_items, offsets = columns.flat, columns.axis_keys, columns.member_items, columns.offsets
        concept_column, namespace_column = columns.concept, columns.concept_namespace
        provision_column, label_column, unit_column = columns.provision, columns.label, columns.unit
        for index, fact in enumerate(rows, start=first):
            local, namespace, provision, label = concepts.get(fact.concept) or self._concept_row(
                fact.concept, namespaces, concepts)
            dimensions = fact.dimensions
            if dimensions:
                keys, items, flats, member_provision = dimension_sets.get(id(dimensions)) or self._dimensions_row(
                    dimensions, namespaces, pairs, dimension_sets)
                axis_keys += keys
                member_items += items
                for column, member in flats:
                    flat.setdefault(column, []).append((index, member))
                provision = provision or member_provision
            offsets.append(len(axis_keys))
            concept_column.append(local)
            namespace_column.append(namespace)
            provision_column.append(provision)
            label_column.append(label)
            unit = fact.unit
            if unit is None:
                unit_column.append(None)
            else:
                text = units.get(id(unit))
                if text is None:
                    text = units[id(unit)] = unit_text(unit, namespaces)
                unit_column.append(text)
        count = len(rows)
        columns.rows += count
        columns.source_file += [source_file] * count
        columns.fact_index += range(count)
        columns.entity_scheme += [facts.entity_scheme] * count
        columns.entity_id += [facts.entity_identifier] * count
        columns.period_start += [f.period.start for f in rows]
        columns.period_end += [f.period.end for f in rows]
        columns.value_text += [f.value for f in rows]
        columns.value_number += [_number(f.value) if f.unit is not None else None for f in rows]
        columns.decimals += [f.decimals if f.unit is not None else None for f in rows]
        columns.language += [f.language for f in rows]
        columns.fact_id += [f.id for f in rows]

    def _concept_row(self, concept: str, namespaces: dict[str, str],
                     cache: dict[str, _ConceptRow]) -> _ConceptRow:
        """(local name, namespace, provision, label) of a concept as a fact set names it."""
        prefix, _, local = concept.partition(":")
        namespace = namespaces.get(prefix, "")
        info = self._concept(namespace, local)
        cache[concept] = (local, namespace, info.provision, info.label)
        return cache[concept]

    def _dimensions_row(self, dimensions: tuple[tuple[str, str], ...], namespaces: dict[str, str],
                        pairs: dict[tuple[str, str], _PairRow], cache: dict[int, _DimensionsRow]) -> _DimensionsRow:
        keys, items, flats = [], [], []
        provision = None
        for pair in dimensions:
            axis_local, member_local, column, member_provision = pairs.get(pair) or self._pair(pair, namespaces, pairs)
            keys.append(axis_local)
            items.append(member_local)
            if column is not None:
                flats.append((column, member_local))
            provision = provision or member_provision
        cache[id(dimensions)] = (keys, items, flats, provision)
        return cache[id(dimensions)]

    def _pair(self, pair: tuple[str, str], namespaces: dict[str, str],
              cache: dict[tuple[str, str], _PairRow]) -> _PairRow:
        """(axis local name, member local name, flattened column, provision the member stands for)."""
        axis, member = pair
        axis_prefix, _, axis_local = axis.partition(":")
        member_prefix, _, member_local = member.partition(":")
        column = self._axis_column.get((namespaces.get(axis_prefix, ""), axis_local))
        provision = self._provision_members.get((namespaces.get(member_prefix, ""), member_local))
        cache[pair] = (axis_local, member_local, column, provision)
        return cache[pair]


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

    return read(item, facts_only=True), str(item)


def facts_table(items: Iterable[FactSet | str | Path] | FactSet | str | Path, lang: str = "en") -> pa.Table:
    """The table of one or many fact sets or published files (XBRL, Inline XBRL, xBRL-JSON).

    A file that cannot be read raises esgxbrl.errors.ReadError; `esgxbrl.ingest` skips and reports instead.
    """
    if isinstance(items, FactSet | str | Path):
        items = [items]
    batch = RowBuilder(lang).record_batch_of(_as_fact_set(item) for item in items)
    return pa.Table.from_batches([batch], schema=facts_schema())


def facts_frame(items: Iterable[FactSet | str | Path] | FactSet | str | Path, lang: str = "en") -> pd.DataFrame:
    """The table as a pandas DataFrame: `dimensions` as dicts, dates as datetime.date, decimals as Int32."""
    import pandas as pd

    table = facts_table(items, lang)
    types = {pa.int32(): pd.Int32Dtype()}
    return table.to_pandas(maps_as_pydicts="strict", types_mapper=types.get)


class _Columns:
    """The table's columns as Python lists, for one or more fact sets; `arrays` converts them at once."""

    def __init__(self) -> None:
        self.rows = 0
        self.source_file: list[str | None] = []
        self.fact_index: list[int] = []
        self.entity_scheme: list[str] = []
        self.entity_id: list[str] = []
        self.period_start: list[dt.date | None] = []
        self.period_end: list[dt.date] = []
        self.concept: list[str] = []
        self.concept_namespace: list[str] = []
        self.provision: list[str | None] = []
        self.label: list[str] = []
        self.offsets: list[int] = [0]         # the dimensions map: each row's pairs end at its offset
        self.axis_keys: list[str] = []
        self.member_items: list[str] = []
        self.flat: dict[str, list[tuple[int, str]]] = {}   # column -> (row, member) where the row has one
        self.unit: list[str | None] = []
        self.value_text: list[str | None] = []
        self.value_number: list[float | None] = []
        self.decimals: list[int | None] = []
        self.language: list[str | None] = []
        self.fact_id: list[str] = []

    def _flat_column(self, column: str) -> pa.Array:
        members = self.flat.get(column)
        if not members:
            return pa.nulls(self.rows, pa.string())
        values: list[str | None] = [None] * self.rows
        for row, member in members:
            values[row] = member
        return pa.array(values, pa.string())

    def arrays(self) -> list[pa.Array]:
        string = pa.string()
        return [
            pa.array(self.source_file, string),
            pa.array(self.fact_index, pa.int32()),
            pa.array(self.entity_scheme, string),
            pa.array(self.entity_id, string),
            pa.array(self.period_start, pa.date32()),
            pa.array(self.period_end, pa.date32()),
            pa.array(["instant" if start is None else "duration" for start in self.period_start], string),
            pa.array(self.concept, string),
            pa.array(self.concept_namespace, string),
            pa.array(self.provision, string),
            pa.array(self.label, string),
            pa.MapArray.from_arrays(pa.array(self.offsets, pa.int32()), pa.array(self.axis_keys, string),
                                    pa.array(self.member_items, string), type=_dimensions_type()),
            *(self._flat_column(column) for column, _, _ in axis_columns()),
            pa.array(self.unit, string),
            pa.array(self.value_text, string),
            pa.array(self.value_number, pa.float64()),
            pa.array(self.decimals, pa.int32()),
            pa.array(self.language, string),
            pa.array(self.fact_id, string),
        ]


@cache
def _dimensions_type() -> pa.DataType:
    return facts_schema().field("dimensions").type
