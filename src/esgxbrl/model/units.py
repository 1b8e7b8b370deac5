"""Printed figures and units ("19,614.02" 噸二氧化碳當量) to canonical XBRL values and units."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal, InvalidOperation

from esgxbrl.catalogue import Catalogue, Concept, UnitSpec

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")

#: how many base units one of each measure is, for measures of one kind that convert into each other
#: (mass in kg, length in m; a concept accepts units of its own kind only, so kinds never mix)
_MEASURE_SCALE = {"utr:t": Decimal(1000), "utr:kg": Decimal(1), "utr:g": Decimal("0.001"),
                  "utr:km": Decimal(1000), "utr:m": Decimal(1)}


class UnitProblem(ValueError):
    """A printed unit or figure that cannot be used for a concept; the message says why and how to fix."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.fix = fix


@dataclass(frozen=True)
class Unit:
    """An XBRL unit: measures as prefixed QNames ("utr:tCO2e"), optionally divided."""

    numerator: tuple[str, ...]
    denominator: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        def part(measures: tuple[str, ...]) -> str:
            return "_".join(m.split(":", 1)[1] for m in measures)

        return part(self.numerator) + (f"_per_{part(self.denominator)}" if self.denominator else "")

    def __str__(self) -> str:
        text = "*".join(self.numerator)
        return f"{text}/{'*'.join(self.denominator)}" if self.denominator else text


@dataclass(frozen=True)
class Figure:
    """A printed number: its value and how many decimal places were printed."""

    value: Decimal
    decimals: int

    @staticmethod
    def parse(text: str) -> Figure:
        cleaned = text.strip().replace("，", ",").replace("．", ".")
        if not _NUMBER.match(cleaned):
            raise UnitProblem(f"'{text}' is not a number as printed",
                              "write the figure as printed, e.g. \"19,614.02\"; a not-applicable figure is "
                              "not a fact: set the provision's status and explanation instead")
        digits = cleaned.replace(",", "")
        decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
        try:
            return Figure(Decimal(digits), decimals)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            raise UnitProblem(f"'{text}' is not a number", "write a number") from None


@dataclass(frozen=True)
class CanonicalValue:
    value: Decimal
    decimals: int
    unit: Unit

    @property
    def lexical(self) -> str:
        return format_decimal(self.value)


def format_decimal(value: Decimal) -> str:
    """A decimal as XBRL lexical text: no exponent, no trailing zeros after the point."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _scale_decimals(decimals: int, factor: Decimal) -> int:
    """Precision after multiplying by `factor`: exact for powers of ten; for other factors, never more
    precise than the printed figure was (a GJ figure converted to MWh keeps its number of decimals)."""
    return decimals - int(factor.log10().to_integral_value(rounding=ROUND_CEILING))


def _matches(forms: tuple[str, ...], text: str) -> bool:
    return text in forms


def _matches_ignoring_case(forms: tuple[str, ...], text: str) -> bool:
    return text.casefold() in (p.casefold() for p in forms)


def lookup_unit(catalogue: Catalogue, printed: str) -> UnitSpec | None:
    """The unit a printed form names: an exact spelling first, so that `ML` (megalitres) and `ml` stay apart."""
    text = printed.strip()
    for match in (_matches, _matches_ignoring_case):
        for spec in catalogue.units:
            if match(spec.printed, text):
                return spec
    return None


@dataclass(frozen=True)
class DeclaredDenominator:
    """An intensity denominator the report declares: intensities per it have `measure` as denominator."""

    name: str
    measure: str                  # prefixed QName of the denominator measure, in the issuer's namespace
    unit_measure: str             # the measure its own value is counted in (utr:km, xbrli:pure)
    printed: tuple[str, ...]      # printed forms that name it in an intensity unit ("bus", "輛巴士")


def _standard_denominator(catalogue: Catalogue, text: str) -> tuple[str, Decimal] | None:
    for match in (_matches, _matches_ignoring_case):
        for spec in catalogue.denominators:
            if match(spec.printed, text):
                return spec.measure, spec.scale
    return None


def _denominator(catalogue: Catalogue, printed: str, currency: str,
                 declared: tuple[DeclaredDenominator, ...]) -> tuple[str, Decimal]:
    """The measure an intensity is per, and how many of that measure the printed denominator is."""
    text = printed.strip()
    found = _standard_denominator(catalogue, text)
    if found is None:
        named = [d for d in declared if _matches(d.printed, text) or _matches_ignoring_case(d.printed, text)]
        if named:
            return named[0].measure, Decimal(1)
        spec = lookup_unit(catalogue, text)
        if spec is None:
            raise UnitProblem(f"unknown intensity denominator '{text}'", _denominator_fix(catalogue, declared))
        if spec.currency is not None and spec.currency != currency:
            raise UnitProblem(f"'{text}' is {spec.currency}, but the report's currency is {currency}",
                              f"give the intensity per revenue in {currency}, the report's `currency:`")
        measure = f"iso4217:{currency}" if spec.measure == "currency" else spec.measure
        by_unit = [d for d in declared if d.unit_measure == measure]
        if len(by_unit) > 1:
            raise UnitProblem(f"'{text}' could be per any of {', '.join(d.name for d in by_unit)}",
                              "name the denominator in the unit with one of its `printed:` forms")
        if by_unit:
            return by_unit[0].measure, spec.factor
        standard = catalogue.denominator_of_measure(measure)
        if standard is None:
            raise UnitProblem(f"'{text}' is a unit, but no intensity denominator is counted in it",
                              _denominator_fix(catalogue, declared))
        found = standard.measure, spec.factor
    measure, scale = found
    return (f"iso4217:{currency}" if measure == "currency" else measure), scale


def _denominator_fix(catalogue: Catalogue, declared: tuple[DeclaredDenominator, ...]) -> str:
    standard = [p for spec in catalogue.denominators for p in spec.printed[:2]]
    own = [f"{d.name} ({', '.join(d.printed)})" if d.printed else d.name for d in declared]
    return (f"per a standard denominator: {', '.join(standard)}, or any money unit (per revenue, e.g. HK$ million) "
            "or area unit (per floor area, e.g. m², thousand ft²)"
            + (f"; declared in this report: {', '.join(own)}" if own else "")
            + "; for another denominator (kilometres operated, buses, rooms) declare it under `denominators:` "
            "with its name, label, unit and value (see docs/yaml-format.md)")


def known_units(catalogue: Catalogue, kinds: tuple[str, ...]) -> list[str]:
    return [p for spec in catalogue.units if spec.kind in kinds for p in spec.printed[:2]]


def _unknown_unit_fix(catalogue: Catalogue, kinds: tuple[str, ...]) -> str:
    return (f"use a unit as printed, one of: {', '.join(known_units(catalogue, kinds))}; a unit not listed "
            "here: convert the figure to one of these and keep the printed figure in a note "
            "(an intensity's denominator can be declared under `denominators:`)")


def quantity(catalogue: Catalogue, printed_value: str, printed_unit: str, currency: str,
             kinds: tuple[str, ...]) -> CanonicalValue:
    """A printed amount in the unit it is counted in, scaled to that unit's base measure (million km -> km)."""
    figure = Figure.parse(printed_value)
    spec = lookup_unit(catalogue, printed_unit)
    if spec is None or spec.kind not in kinds:
        raise UnitProblem(f"unknown unit '{printed_unit.strip()}'", _unknown_unit_fix(catalogue, kinds))
    if spec.currency is not None and spec.currency != currency:
        raise UnitProblem(f"'{printed_unit.strip()}' is {spec.currency}, but the report's currency is {currency}",
                          f"convert the amount to {currency}, keeping the printed figure in a note")
    measure = f"iso4217:{currency}" if spec.measure == "currency" else spec.measure
    return _scaled(figure, spec.factor, Unit((measure,)))


def _scaled(figure: Figure, factor: Decimal, unit: Unit) -> CanonicalValue:
    value = figure.value * factor
    decimals = _scale_decimals(figure.decimals, factor)
    if factor.normalize().as_tuple().digits != (1,):
        # not a power of ten: round to the precision the printed figure carried
        value = value.quantize(Decimal(1).scaleb(-decimals))
    return CanonicalValue(value=value, decimals=decimals, unit=unit)


def canonicalize(catalogue: Catalogue, concept: Concept, printed_value: str, printed_unit: str | None,
                 currency: str, declared: tuple[DeclaredDenominator, ...] = ()) -> CanonicalValue:
    """Convert a printed figure in a printed unit to the concept's canonical unit, keeping precision."""
    figure = Figure.parse(printed_value)
    if printed_unit is None or not printed_unit.strip():
        raise UnitProblem(f"{concept.name} needs a unit",
                          f"add `unit:` as printed, one of: {', '.join(known_units(catalogue, concept.kinds))}")
    numerator_text, denominator_text = printed_unit, None
    if concept.is_intensity:
        if "/" not in printed_unit:
            raise UnitProblem(f"{concept.name} is an intensity; its unit must say what it is per",
                              "write numerator/denominator as printed, e.g. 噸二氧化碳當量/人")
        numerator_text, denominator_text = printed_unit.split("/", 1)
    elif "/" in printed_unit:
        raise UnitProblem(f"'{printed_unit}' is a ratio unit but {concept.name} is not an intensity",
                          "use the unit of the figure itself, or the intensity concept of this provision")
    found = lookup_unit(catalogue, numerator_text)
    if found is None:
        raise UnitProblem(f"unknown unit '{numerator_text.strip()}'", _unknown_unit_fix(catalogue, concept.kinds))
    kind, measure, factor = found.kind, found.measure, found.factor
    if found.currency is not None and found.currency != currency:
        raise UnitProblem(f"'{numerator_text.strip()}' is {found.currency}, but the report's currency is {currency}",
                          f"convert the amount to {currency} (the report's `currency:`), keeping the printed "
                          "figure in a note")
    if kind not in concept.kinds:
        raise UnitProblem(f"'{numerator_text.strip()}' measures {kind}, but {concept.name} takes "
                          f"{' or '.join(concept.kinds)}",
                          f"use one of: {', '.join(known_units(catalogue, concept.kinds))}")
    canonical = catalogue.canonical_measure(concept, currency)
    if measure == "currency":
        measure = f"iso4217:{currency}"
    if measure != canonical:
        if measure in _MEASURE_SCALE and canonical in _MEASURE_SCALE:
            factor = factor * _MEASURE_SCALE[measure] / _MEASURE_SCALE[canonical]
        else:
            raise UnitProblem(f"'{numerator_text.strip()}' cannot be converted to {canonical}",
                              f"report {concept.name} in {canonical}")
    denominator: tuple[str, ...] = ()
    if denominator_text is not None:
        per, scale = _denominator(catalogue, denominator_text, currency, declared)
        denominator = (per,)
        factor = factor / scale  # "per 10,000 CNY" -> per CNY; "per million km" -> per km
    return _scaled(figure, factor, Unit((canonical,), denominator))
