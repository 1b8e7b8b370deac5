"""XBRL units to QUDT unit IRIs, for linked-data outputs.

Only units QUDT defines are mapped; everything else has no QUDT IRI and keeps its XBRL form only.
In particular QUDT has no unit for tonnes of CO2 equivalent, so utr:tCO2e stays unmapped, and no
unit divided by an issuer's own measure (per employee, per facility) has one either.

Currencies: QUDT 3 keeps currency units in the unit vocabulary as `CCY_<ISO 4217 code>` (the older
`http://qudt.org/vocab/currency/<code>` form is deprecated). Only the currencies Hong Kong issuers
report in are listed, each of which QUDT defines.
"""

from __future__ import annotations

from esgxbrl.model.units import Unit

QUDT_UNIT = "http://qudt.org/vocab/unit/"
QUDT_HAS_UNIT = "http://qudt.org/schema/qudt/hasUnit"

_MEASURES: dict[str, str] = {
    "utr:MWh": "MegaW-HR",
    "utr:m3": "M3",
    "utr:t": "TONNE",
    "utr:kg": "KiloGM",
    "utr:m": "M",
    "xbrli:pure": "UNITLESS",
}

#: XBRL reports hours and days as xbrli:pure (the registry's hour and day units are for
#: denominators only); the catalogue says which pure figures are really hours or days.
_PURE_QUANTITIES: dict[str, str] = {"hours": "HR", "days": "DAY"}

_CURRENCIES = frozenset({"CNY", "HKD", "USD", "EUR", "GBP", "JPY"})


def qudt_unit(unit: Unit, quantity: str | None = None) -> str | None:
    """The QUDT IRI of an XBRL unit, or None when QUDT has no such unit."""
    if unit.denominator or len(unit.numerator) != 1:
        return None
    measure = unit.numerator[0]
    if measure == "xbrli:pure" and quantity in _PURE_QUANTITIES:
        return QUDT_UNIT + _PURE_QUANTITIES[quantity]
    if measure in _MEASURES:
        return QUDT_UNIT + _MEASURES[measure]
    prefix, _, code = measure.partition(":")
    if prefix == "iso4217" and code in _CURRENCIES:
        return f"{QUDT_UNIT}CCY_{code}"
    return None
