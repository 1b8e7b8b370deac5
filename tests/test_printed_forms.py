"""What reports print instead of counts and masses: workforce shares in per cent, fuel as a volume by use,
waste in pieces and metres; each checked as far as the printed figures allow."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from arelle_support import run_arelle
from esgxbrl.errors import InputInvalid
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import arithmetic_findings, load_report, loads_report
from esgxbrl.read import read

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"
HEADCOUNT = '      - {concept: NumberOfEmployees, value: "16,438", unit: 人, by: {Gender: Female}}\n'


def _with_facts(anchor: str, lines: list[str], text: str = MINIMAL) -> str:
    assert anchor in text
    return text.replace(anchor, anchor + "".join(f"      - {line}\n" for line in lines))


def _shares(*lines: str) -> str:
    return _with_facts(HEADCOUNT, list(lines))


def _codes(text: str) -> list[tuple[str, str]]:
    return [(f.code or "", f.severity) for f in arithmetic_findings(loads_report(text))
            if f.code in ("share", "share-sum")]


def test_workforce_shares_agree_with_the_headcount() -> None:
    # 19,777 ÷ 36,215 = 54.61 %, 16,438 ÷ 36,215 = 45.39 %
    text = _shares('{concept: PercentageOfWorkforce, value: "54.6", unit: "%", by: {Gender: Male}}',
                   '{concept: PercentageOfWorkforce, value: "45.4", unit: "%", by: {Gender: Female}}')
    facts = [f for f in loads_report(text).facts.facts if f.concept == "hkesg:PercentageOfWorkforce"]
    assert sorted((f.value, f.decimals) for f in facts) == [("0.454", 3), ("0.546", 3)]
    assert all(f.period.is_instant for f in facts)
    assert _codes(text) == []


def test_a_share_that_disagrees_with_count_over_total_is_an_error() -> None:
    text = _shares('{concept: PercentageOfWorkforce, value: "60.0", unit: "%", by: {Gender: Male}}',
                   '{concept: PercentageOfWorkforce, value: "40.0", unit: "%", by: {Gender: Female}}')
    with pytest.raises(InputInvalid) as caught:
        loads_report(text)
    found = [f for f in caught.value.findings if f.code == "share"]
    assert len(found) == 2 and all(f.provision == "B1.1" for f in found)
    assert any("is 60.0%, but NumberOfEmployees ÷ total = 19,777 ÷ 36,215 = 54.61%" in f.message for f in found)


def test_shares_above_100_are_an_error_and_below_100_a_warning() -> None:
    over = _shares(*(f'{{concept: PercentageOfWorkforce, value: "{v}", unit: "%", by: {{AgeGroup: {m}}}}}'
                     for v, m in (("40", "AgeUnder30"), ("40", "Age30To50"), ("30", "AgeOver50"))))
    with pytest.raises(InputInvalid) as caught:
        loads_report(over)
    [finding] = [f for f in caught.value.findings if f.code == "share-sum"]
    assert "sum to 110%" in finding.message and finding.provision == "B1.1"
    under = _shares('{concept: PercentageOfWorkforce, value: "40", unit: "%", by: {AgeGroup: AgeUnder30}}',
                    '{concept: PercentageOfWorkforce, value: "40", unit: "%", by: {AgeGroup: Age30To50}}')
    assert _codes(under) == [("share-sum", "warning")]
    # printed to whole per cents, 33 + 33 + 33 is 100 within rounding
    rounded = _shares(*(f'{{concept: PercentageOfWorkforce, value: "33", unit: "%", by: {{AgeGroup: {m}}}}}'
                        for m in ("AgeUnder30", "Age30To50", "AgeOver50")))
    assert _codes(rounded) == []


FUEL_ANCHOR = '      - {concept: TotalEnergyConsumption, value: "34,979.72", unit: 千個千瓦時}\n'


def test_fuel_is_a_volume_by_fuel_and_use_beside_the_energy() -> None:
    text = _with_facts(FUEL_ANCHOR, [
        '{concept: VolumeOfFuelConsumed, value: "120,000", unit: L,\n'
        '         by: {EnergyType: Diesel, FuelUse: VehicleFleet}}',
        '{concept: VolumeOfFuelConsumed, value: "2,500", unit: 升,\n'
        '         by: {EnergyType: Diesel, FuelUse: StandbyGenerators}}',
        '{concept: VolumeOfFuelConsumed, value: "122.5", unit: m³, by: {EnergyType: Diesel}}',
    ])
    loaded = loads_report(text)
    fuel = {dict(f.dimensions).get("hkesg:FuelUseAxis"): f for f in loaded.facts.facts
            if f.concept == "hkesg:VolumeOfFuelConsumed"}
    assert (fuel["hkesg:VehicleFleetMember"].value, fuel["hkesg:VehicleFleetMember"].decimals) == ("120", 3)
    assert fuel["hkesg:VehicleFleetMember"].unit.numerator == ("utr:m3",)  # type: ignore[union-attr]
    assert fuel[None].value == "122.5"
    assert not [f for f in arithmetic_findings(loaded) if f.severity == "error"]
    wrong = text.replace('value: "122.5", unit: m³', 'value: "130.0", unit: m³')
    with pytest.raises(InputInvalid) as caught:
        loads_report(wrong)
    assert [f.provision for f in caught.value.findings if f.code == "sum"] == ["A2.1"]
    with pytest.raises(InputInvalid) as caught:
        loads_report(text.replace('"2,500", unit: 升', '"2,500", unit: kg'))
    assert any("measures mass" in f.message for f in caught.value.findings)


WASTE = MINIMAL.replace("""  A1.3:
    status: not-applicable
    explanation: {zh-Hant: 不涉及有害廢棄物。}
""", """  A1.3:
    status: disclosed
    facts:
      - {concept: HazardousWasteProduced, value: "1.2", unit: t}
      - {concept: HazardousWasteProduced, value: "1.2", unit: t, by: {WasteType: ChemicalWaste}}
      - {concept: HazardousWasteProducedInPieces, value: "350", unit: pieces, by: {WasteType: ElectronicWaste}}
      - {concept: HazardousWasteProducedInLength, value: "1.5", unit: km, by: {WasteType: Cable}}
      - {concept: HazardousWasteProducedInLength, value: "800", unit: m,
         by: {WasteType: Cable, WasteTreatment: Recycled}}
      - {concept: HazardousWasteProducedInLength, value: "700", unit: m,
         by: {WasteType: Cable, WasteTreatment: Landfilled}}
""").replace("members:\n", "members:\n  WasteType:\n    - {name: Cable, label: {en: Cable}}\n")


def test_waste_in_pieces_and_metres_leaves_the_mass_total_alone() -> None:
    loaded = loads_report(WASTE)
    facts = {(f.concept, dict(f.dimensions).get("hkesg:WasteTreatmentAxis")): f for f in loaded.facts.facts
             if "HazardousWaste" in f.concept}
    length = facts[("hkesg:HazardousWasteProducedInLength", None)]
    assert (length.value, length.decimals, length.unit.numerator) == ("1500", -2, ("utr:m",))  # type: ignore[union-attr]
    assert facts[("hkesg:HazardousWasteProducedInPieces", None)].unit.numerator == ("xbrli:pure",)  # type: ignore[union-attr]
    errors = [f for f in arithmetic_findings(loaded) if f.severity == "error"]
    assert errors == []
    assert Decimal(facts[("hkesg:HazardousWasteProduced", None)].value or "0") == Decimal("1.2")


def test_pieces_are_not_a_mass() -> None:
    with pytest.raises(InputInvalid) as caught:
        loads_report(WASTE.replace('HazardousWasteProducedInPieces, value: "350"',
                                   'HazardousWasteProduced, value: "350"'))
    assert any("measures count" in f.message and f.provision == "A1.3" for f in caught.value.findings)


def test_every_syntax_is_accepted_by_arelle_and_reads_back(tmp_path: Path) -> None:
    text = _with_facts(HEADCOUNT, ['{concept: PercentageOfWorkforce, value: "54.6", unit: "%", by: {Gender: Male}}',
                                   '{concept: PercentageOfWorkforce, value: "45.4", unit: "%", by: {Gender: Female}}'],
                       WASTE)
    text = _with_facts(FUEL_ANCHOR, ['{concept: VolumeOfFuelConsumed, value: "120,000", unit: L,\n'
                                     '         by: {EnergyType: Diesel, FuelUse: VehicleFleet}}'], text)
    source = tmp_path / "forms-2023.yaml"
    source.write_text(text, encoding="utf-8")
    export(source, tmp_path / "out")
    expected = set(load_report(source).facts.facts)
    for name, inline in (("forms-2023.xbrl", False), ("forms-2023.html", True), ("forms-2023.json", False)):
        result = run_arelle(tmp_path / "out" / name, [PACKAGE], inline=inline)
        assert result.errors == [], f"{name}: {result.summary()}"
        assert set(read(tmp_path / "out" / name).facts) == expected, name
