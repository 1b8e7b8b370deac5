"""Reports of other industries: units, the issuer's own intensity denominators, waste and GHG breakdowns,
proven on a bus operator's performance table (tests/data/bus-operator-2023.yaml, an invented fixture)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from arelle_support import run_arelle
from esgxbrl.analyst.table import facts_frame
from esgxbrl.catalogue import load_catalogue
from esgxbrl.errors import InputInvalid
from esgxbrl.model.units import UnitProblem, canonicalize
from esgxbrl.preparer.check import check_file
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import load_report, loads_report
from esgxbrl.read import read

ROOT = Path(__file__).resolve().parents[1]
BUS = ROOT / "tests" / "data" / "bus-operator-2023.yaml"
MINIMAL = ROOT / "tests" / "data" / "minimal.yaml"
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"
CATALOGUE = load_catalogue()


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bus")
    export(BUS, out)
    return out


@pytest.mark.parametrize(("value", "unit", "concept", "expected", "decimals"), [
    ("1.5", "thousand tonnes", "HazardousWasteProduced", "1500", -2),
    ("36.5", "噸", "NonHazardousWasteProduced", "36.5", 1),
    ("2,150,000", "公斤", "NonHazardousWasteProduced", "2150", 3),
    ("2.5", "ML", "WaterConsumption", "2500", -2),
    ("2,500", "升", "WaterConsumption", "2.5", 3),
    ("1.2", "TJ", "TotalEnergyConsumption", "3E+2", -2),  # GJ/TJ to MWh: no extra decimal,
    ("17,500,000", "千瓦時", "TotalEnergyConsumption", "17500", 3),
    ("8.0", "百萬港元", "MoneyContributedToCommunity", "8000000", -5),
    ("350", "HK$'000", "MoneyContributedToCommunity", "350000", -3),
])
def test_printed_units_convert_keeping_their_precision(value: str, unit: str, concept: str, expected: str,
                                                       decimals: int) -> None:
    result = canonicalize(CATALOGUE, CATALOGUE.concept(concept), value, unit, "HKD")
    assert (result.value, result.decimals) == (Decimal(expected), decimals)


def test_millilitres_are_not_megalitres() -> None:
    result = canonicalize(CATALOGUE, CATALOGUE.concept("WaterConsumption"), "500", "ml", "HKD")
    assert result.value == Decimal("0.0005")


def test_an_unknown_unit_lists_the_known_forms_and_how_to_go_on() -> None:
    with pytest.raises(UnitProblem) as caught:
        canonicalize(CATALOGUE, CATALOGUE.concept("WaterConsumption"), "5", "gallons", "HKD")
    assert "unknown unit 'gallons'" in str(caught.value)
    assert "m³" in caught.value.fix and "ML" in caught.value.fix and "in a note" in caught.value.fix


def test_an_unknown_denominator_says_how_to_declare_one() -> None:
    with pytest.raises(UnitProblem) as caught:
        canonicalize(CATALOGUE, CATALOGUE.concept("WaterConsumptionIntensity"), "5", "m³/room-night", "HKD")
    assert "room-night" in str(caught.value) and "`denominators:`" in caught.value.fix


def test_the_bus_operator_checks_without_errors_or_warnings() -> None:
    report = check_file(BUS)
    assert [f.message for f in report.findings if f.severity in ("error", "warning")] == []
    no_total = {f.provision for f in report.findings if f.code == "no-total"}
    assert {"A1.3", "A1.4"} <= no_total


def test_declared_denominators_are_measures_and_facts() -> None:
    facts = load_report(BUS).facts
    by_name = {f.concept: f for f in facts.facts if not f.dimensions}
    intensity = by_name["hkesg:Scope1GreenhouseGasEmissionsIntensity"]
    assert intensity.unit is not None and intensity.unit.denominator == ("issuer:KilometresOperated",)
    # 1,162.05 tCO2e per million km is 0.00116205 per km, with its printed precision
    assert (intensity.value, intensity.decimals) == ("0.00116205", 8)
    water = by_name["hkesg:WaterConsumptionIntensity"]
    assert water.unit is not None and water.unit.denominator == ("issuer:NumberOfBuses",)
    values = {dict(f.dimensions)["hkesg:IntensityDenominatorAxis"]: f for f in facts.facts
              if f.concept == "hkesg:IntensityDenominator"}
    assert values["issuer:KilometresOperatedMember"].value == "245600000"
    assert values["issuer:KilometresOperatedMember"].unit.numerator == ("utr:km",)  # type: ignore[union-attr]
    assert values["issuer:NumberOfBusesMember"].value == "4000"
    assert by_name["hkesg:FloorArea"].value == "180000"
    assert facts.extension is not None
    assert {m.name for m in facts.extension.members} >= {"KilometresOperatedMember", "NumberOfBusesMember"}


def _with_revenue_intensity(intensity: str) -> str:
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("notes:\n  n1:", "denominators:\n  - name: Revenue\n    values: [{value: \"940.2\", "
                        "unit: 百萬元}]\nnotes:\n  n1:")
    return text.replace('value: "0.65", unit: 噸二氧化碳當量/人',
                        f'value: "{intensity}", unit: 噸二氧化碳當量/百萬元收入')


def test_a_per_revenue_intensity_that_disagrees_is_an_error_naming_the_provision() -> None:
    # 23,510.43 tCO2e ÷ CNY 940.2 million = 25.01 per million
    loads_report(_with_revenue_intensity("25.01"))
    with pytest.raises(InputInvalid) as caught:
        loads_report(_with_revenue_intensity("30.01"))
    [finding] = [f for f in caught.value.findings if f.code == "intensity"]
    assert finding.provision == "A1.2"
    assert "23,510.43" in finding.message and "940,200,000" in finding.message


def test_parts_must_add_up_where_a_total_is_given() -> None:
    text = BUS.read_text(encoding="utf-8").replace(
        '      - {concept: HazardousWasteProduced, value: "320,000"',
        '      - {concept: HazardousWasteProduced, value: "100", unit: 噸}\n'
        '      - {concept: HazardousWasteProduced, value: "320,000"')
    with pytest.raises(InputInvalid) as caught:
        loads_report(text)
    assert [f.provision for f in caught.value.findings if f.code == "sum"] == ["A1.3"]


def _with_waste_intensities(oil: str, total: str) -> str:
    return BUS.read_text(encoding="utf-8").replace(
        '      - {concept: HazardousWasteProduced, value: "1,250"',
        f'      - {{concept: HazardousWasteIntensity, value: "{oil}", unit: kg/million km, '
        'by: {WasteType: WasteOil}}\n'
        '      - {concept: HazardousWasteIntensity, value: "185.7", unit: kg/million km, '
        'by: {WasteType: BatteriesWaste}}\n'
        f'      - {{concept: HazardousWasteIntensity, value: "{total}", unit: kg/million km}}\n'
        '      - {concept: HazardousWasteProduced, value: "1,250"')


def test_a_waste_streams_intensity_is_checked_against_that_stream_and_never_summed() -> None:
    # 320,000 kg of waste oil ÷ 245.6 million km = 1,302.9 kg per million km; batteries 185.7. The total
    # intensity (2,000) is not the sum of the streams' and must not be held to it: intensities do not add up.
    facts = loads_report(_with_waste_intensities("1,302.9", "2,000")).facts
    oil = [f for f in facts.facts if f.concept == "hkesg:HazardousWasteIntensity"
           and dict(f.dimensions).get("hkesg:WasteTypeAxis") == "hkesg:WasteOilMember"]
    assert len(oil) == 1
    with pytest.raises(InputInvalid) as caught:
        loads_report(_with_waste_intensities("1,402.9", "2,000"))
    assert [(f.code, f.provision) for f in caught.value.findings if f.severity == "error"] == [("intensity", "A1.3")]
    # checked against the waste oil alone (320 t), not against the streams together
    assert "320 ÷ 245,600,000" in caught.value.findings[0].message


def test_every_syntax_is_accepted_by_arelle(exported: Path) -> None:
    for name, inline in (("bus-operator-2023.xbrl", False), ("bus-operator-2023.html", True),
                         ("bus-operator-2023.json", False)):
        result = run_arelle(exported / name, [PACKAGE], inline=inline)
        assert result.errors == [], f"{name}: {result.summary()}"


def test_readers_give_back_the_new_dimensions_and_units(exported: Path) -> None:
    expected = set(load_report(BUS).facts.facts)
    for name in ("bus-operator-2023.xbrl", "bus-operator-2023.html", "bus-operator-2023.json"):
        assert set(read(exported / name).facts) == expected, name
    frame = facts_frame(exported / "bus-operator-2023.xbrl")
    waste = frame[frame["concept"].str.endswith("HazardousWasteProduced")]
    assert any("WasteType" in str(d) for d in waste["dimensions"])
    assert frame["unit"].astype(str).str.contains("KilometresOperated").any()
