"""Printed figures and units to canonical values: scale, precision and currency."""

from __future__ import annotations

from decimal import Decimal

import pytest

from esgxbrl.catalogue import load_catalogue
from esgxbrl.model.units import UnitProblem, canonicalize

CATALOGUE = load_catalogue()


@pytest.mark.parametrize(("concept", "value", "unit", "expected", "decimals", "measures"), [
    ("TotalEnergyConsumption", "34,979.72", "千個千瓦時", "34979.72", 2, "utr:MWh"),
    ("TotalEnergyConsumption", "1.2", "GWh", "1200", -2, "utr:MWh"),
    ("TotalEnergyConsumption", "100.5", "GJ", "27.9", 1, "utr:MWh"),  # not a power of ten: no extra precision
    ("AirPollutantEmissions", "0.05", "噸", "50", -1, "utr:kg"),  # ±0.005 t is ±5 kg
    ("EmployeeTurnoverRate", "33.69", "%", "0.3369", 4, "xbrli:pure"),
    ("MoneyContributedToCommunity", "8.00", "萬元", "80000", -2, "iso4217:CNY"),
    ("MoneyContributedToCommunity", "8.00", "人民幣萬元", "80000", -2, "iso4217:CNY"),
    ("EnergyConsumptionIntensity", "0.5", "MWh/萬元收入", "0.00005", 5, "utr:MWh/iso4217:CNY"),
    ("EnergyConsumptionIntensity", "0.97", "千個千瓦時/人", "0.97", 2, "utr:MWh/hkesg:Employee"),
])
def test_printed_to_canonical(concept: str, value: str, unit: str, expected: str, decimals: int,
                              measures: str) -> None:
    result = canonicalize(CATALOGUE, CATALOGUE.concept(concept), value, unit, "CNY")
    assert result.value == Decimal(expected) and result.lexical == expected
    assert result.decimals == decimals
    assert str(result.unit) == measures


@pytest.mark.parametrize(("concept", "value", "unit", "message"), [
    ("MoneyContributedToCommunity", "8", "港元", "is HKD, but the report's currency is CNY"),
    ("MoneyContributedToCommunity", "8", "美元", "is USD"),
    ("TotalEnergyConsumption", "8", "立方米", "measures volume"),
    ("GreenhouseGasEmissionsIntensity", "0.6", "噸二氧化碳當量", "must say what it is per"),
    ("GreenhouseGasEmissionsIntensity", "0.6", "噸二氧化碳當量/頭", "unknown intensity denominator"),
    ("Scope1GreenhouseGasEmissions", "不適用", "噸二氧化碳當量", "not a number"),
])
def test_unusable_units_are_refused(concept: str, value: str, unit: str, message: str) -> None:
    with pytest.raises(UnitProblem, match=message) as problem:
        canonicalize(CATALOGUE, CATALOGUE.concept(concept), value, unit, "CNY")
    assert problem.value.fix
