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
import pyarrow.compute as pc  # type: ignore[import-untyped]

from esgxbrl.catalogue import GUIDES, LANGUAGES, Catalogue, guide_name, load_catalogue, rulebook_using
from esgxbrl.model.facts import Extension, ExtensionConcept, FactSet, Period
from esgxbrl.model.units import Unit
from esgxbrl.xbrl import namespaces as ns

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped]

#: version of the table layout, stored in the Parquet file's metadata
TABLE_LAYOUT = "esgxbrl-facts/6"
DIMENSION_PREFIX = "dim_"

#: measures are written with these prefixes whatever prefixes the document used
_CANONICAL_PREFIXES = {ns.UTR: "utr", ns.ISO4217: "iso4217", ns.XBRLI: "xbrli"}


@cache
def _catalogues() -> tuple[Catalogue, ...]:
    return tuple(load_catalogue(version) for version in sorted(set(GUIDES.values())))


def rulebook_of(facts: FactSet) -> str | None:
    """The rulebook a fact set reports under: the one whose taxonomy namespace it uses (the newest if
    several); None when it uses none of esgxbrl's taxonomies."""
    catalogue = rulebook_using(uri for _, uri in facts.namespaces)
    return guide_name(catalogue) if catalogue is not None else None


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
        pa.field("rulebook", pa.string()),
        pa.field("label", pa.string(), nullable=False),
        pa.field("anchor", pa.string()),
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
    anchor: str | None = None


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

    def concept_info(self, namespace: str, local: str) -> _ConceptInfo:
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

    def issuer_concept_info(self, concept: ExtensionConcept, namespaces: dict[str, str]) -> _ConceptInfo:
        """An issuer's own concept: its label, and its anchor's name and provision (aggregate by the anchor)."""
        labels = dict(concept.labels)
        label = labels.get(self.lang) or labels.get("en") or concept.name
        prefix, _, anchor = concept.anchor.partition(":")
        return _ConceptInfo(self.concept_info(namespaces.get(prefix, ""), anchor).provision, label, anchor)

    def axis_column(self, namespace: str, local: str) -> str | None:
        """The flattened column of a taxonomy axis; None for an axis esgxbrl's taxonomies do not define."""
        return self._axis_column.get((namespace, local))

    def member_provision(self, namespace: str, local: str) -> str | None:
        """The provision a ProvisionAxis member stands for."""
        return self._provision_members.get((namespace, local))

    def record_batch(self, facts: FactSet, source_file: str | None = None) -> pa.RecordBatch:
        """The table's rows for one fact set, facts in the fact set's order."""
        return self.record_batch_of([(facts, source_file)])

    def record_batch_of(self, items: Iterable[tuple[FactSet, str | None]]) -> pa.RecordBatch:
        """The rows of several fact sets (each with its source file) in one batch, in the order given.

        One batch for many files costs far less than one per file: each column is converted to
        Arrow once.
        """
        columns = _Columns(self)
        for facts, source_file in items:
            columns.add(facts, source_file)
        return pa.RecordBatch.from_arrays(columns.arrays(), schema=facts_schema())


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

    A file that cannot be read raises esgxbrl.errors.ReadError; `esgxbrl.analyst.ingest` skips and reports instead.
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
    """The table's columns for one or more fact sets, gathered as Python lists and converted at once.

    A report states a few dozen concepts, about a hundred contexts (a period with a set of
    dimensions) and a few units, each for many facts. So each concept, context, unit and file
    becomes one entry of a small table here, a fact becomes three small integers (its concept,
    context and unit) besides its own values, and Arrow's `take` spreads the entries over the rows.
    """

    def __init__(self, builder: RowBuilder) -> None:
        self._builder = builder
        # one entry per file
        self._source_file: list[str | None] = []
        self._entity_scheme: list[str] = []
        self._entity_id: list[str] = []
        self._rulebook: list[str | None] = []
        # one entry per concept, across files
        self._concept_index: dict[tuple[str, str], int] = {}
        self._concept: list[str] = []
        self._concept_namespace: list[str] = []
        self._concept_provision: list[str | None] = []
        self._label: list[str] = []
        self._anchor: list[str | None] = []
        # one entry per context (period and dimensions) of each file
        self._period_start: list[dt.date | None] = []
        self._period_end: list[dt.date] = []
        self._offsets: list[int] = [0]   # the dimensions map: each context's pairs end at its offset
        self._axis_keys: list[str] = []
        self._member_items: list[str] = []
        self._flat: dict[str, list[str | None]] = {column: [] for column, _, _ in axis_columns()}
        self._member_provision: list[str | None] = []
        # one entry per unit, across files
        self._unit_index: dict[str, int] = {}
        self._unit: list[str] = []
        # one entry per row
        self.file_keys: list[int] = []
        self.concept_keys: list[int] = []
        self.context_keys: list[int] = []
        self.unit_keys: list[int | None] = []
        self.fact_index: list[int] = []
        self.value_text: list[str | None] = []
        self.value_number: list[float | None] = []
        self.decimals: list[int | None] = []
        self.language: list[str | None] = []
        self.fact_id: list[str] = []

    def add(self, facts: FactSet, source_file: str | None) -> None:
        rows = facts.facts
        file_key = len(self._source_file)
        self._source_file.append(source_file)
        self._entity_scheme.append(facts.entity_scheme)
        self._entity_id.append(facts.entity_identifier)
        self._rulebook.append(rulebook_of(facts))
        count = len(rows)
        if not count:
            return
        namespaces = dict(facts.namespaces)
        # the fact set column by column (facts are named tuples), then each distinct concept,
        # context and unit looked up once; map() runs the per-fact lookups without a Python loop
        ids, concepts, periods, values, units, decimals, dimensions, languages, _ = zip(*rows, strict=True)
        concept_keys = {concept: self._concept_key(concept, namespaces, facts.extension)
                        for concept in dict.fromkeys(concepts)}
        self.concept_keys += map(concept_keys.__getitem__, concepts)
        # Readers share one Period, one dimensions tuple and one Unit among the facts that have
        # them, so those are told apart by identity; the facts are alive throughout, so ids are unique.
        context_ids = list(zip(map(id, periods), map(id, dimensions), strict=True))
        contexts = dict(zip(context_ids, zip(periods, dimensions, strict=True), strict=True))
        context_keys = {key: self._context_key(period, dims, namespaces) for key, (period, dims) in contexts.items()}
        self.context_keys += map(context_keys.__getitem__, context_ids)
        unit_ids = list(map(id, units))
        unit_keys = {key: None if unit is None else self._unit_key(unit, namespaces)
                     for key, unit in dict(zip(unit_ids, units, strict=True)).items()}
        self.unit_keys += map(unit_keys.__getitem__, unit_ids)
        self.file_keys += [file_key] * count
        self.fact_index += range(count)
        self.value_text += values
        self.value_number += [None if unit is None else _number(value)
                              for value, unit in zip(values, units, strict=True)]
        self.decimals += [None if unit is None else given for given, unit in zip(decimals, units, strict=True)]
        self.language += languages
        self.fact_id += ids

    def _concept_key(self, concept: str, namespaces: dict[str, str], extension: Extension | None) -> int:
        prefix, _, local = concept.partition(":")
        namespace = namespaces.get(prefix, "")
        key = self._concept_index.get((namespace, local))
        if key is None:
            issuer = extension.concept(concept) if extension is not None else None
            info = (self._builder.issuer_concept_info(issuer, namespaces) if issuer is not None
                    else self._builder.concept_info(namespace, local))
            key = self._concept_index[(namespace, local)] = len(self._concept)
            self._concept.append(local)
            self._concept_namespace.append(namespace)
            self._concept_provision.append(info.provision)
            self._label.append(info.label)
            self._anchor.append(info.anchor)
        return key

    def _context_key(self, period: Period, dimensions: tuple[tuple[str, str], ...], namespaces: dict[str, str]) -> int:
        key = len(self._period_end)
        self._period_start.append(period.start)
        self._period_end.append(period.end)
        flat: dict[str, str] = {}
        provision = None
        for axis, member in dimensions:
            axis_prefix, _, axis_local = axis.partition(":")
            member_prefix, _, member_local = member.partition(":")
            self._axis_keys.append(axis_local)
            self._member_items.append(member_local)
            column = self._builder.axis_column(namespaces.get(axis_prefix, ""), axis_local)
            if column is not None:
                flat[column] = member_local
            provision = provision or self._builder.member_provision(namespaces.get(member_prefix, ""), member_local)
        self._offsets.append(len(self._axis_keys))
        for column, values in self._flat.items():
            values.append(flat.get(column))
        self._member_provision.append(provision)
        return key

    def _unit_key(self, unit: Unit, namespaces: dict[str, str]) -> int:
        text = unit_text(unit, namespaces)
        key = self._unit_index.get(text)
        if key is None:
            key = self._unit_index[text] = len(self._unit)
            self._unit.append(text)
        return key

    def arrays(self) -> list[pa.Array]:
        string = pa.string()
        by_file = pa.array(self.file_keys, pa.int32())
        by_concept = pa.array(self.concept_keys, pa.int32())
        by_context = pa.array(self.context_keys, pa.int32())
        period_start = pa.array(self._period_start, pa.date32())
        period_type = pa.array(["instant" if start is None else "duration" for start in self._period_start], string)
        dimensions = pa.MapArray.from_arrays(pa.array(self._offsets, pa.int32()), pa.array(self._axis_keys, string),
                                             pa.array(self._member_items, string), type=_dimensions_type())
        provision = pc.coalesce(pa.array(self._concept_provision, string).take(by_concept),
                                pa.array(self._member_provision, string).take(by_context))
        return [
            pa.array(self._source_file, string).take(by_file),
            pa.array(self.fact_index, pa.int32()),
            pa.array(self._entity_scheme, string).take(by_file),
            pa.array(self._entity_id, string).take(by_file),
            period_start.take(by_context),
            pa.array(self._period_end, pa.date32()).take(by_context),
            period_type.take(by_context),
            pa.array(self._concept, string).take(by_concept),
            pa.array(self._concept_namespace, string).take(by_concept),
            provision,
            pa.array(self._rulebook, string).take(by_file),
            pa.array(self._label, string).take(by_concept),
            pa.array(self._anchor, string).take(by_concept),
            dimensions.take(by_context),
            *(pa.array(self._flat[column], string).take(by_context) for column, _, _ in axis_columns()),
            pa.array(self._unit, string).take(pa.array(self.unit_keys, pa.int32())),
            pa.array(self.value_text, string),
            pa.array(self.value_number, pa.float64()),
            pa.array(self.decimals, pa.int32()),
            pa.array(self.language, string),
            pa.array(self.fact_id, string),
        ]


@cache
def _dimensions_type() -> pa.DataType:
    return facts_schema().field("dimensions").type
