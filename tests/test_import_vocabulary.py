"""`esgxbrl import` gives back the issuer's vocabulary: its own concepts (`concepts:`), intensity
denominators (`denominators:`, declared ones and the standard Revenue and FloorArea values), restated
prior-year figures (`restated:`) and the Guide's environmental targets (`targets:`), so that export ->
import -> load gives exactly the same facts and extension from every syntax."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from esgxbrl.model.loaded import LoadedReport
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import load_report, loads_report
from esgxbrl.preparer.to_yaml import report_yaml
from esgxbrl.read import read

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
MINIMAL = (DATA / "minimal.yaml").read_text(encoding="utf-8")
SCOPE1 = '      - {concept: Scope1GreenhouseGasEmissions, value: "117.63", unit: 噸二氧化碳當量}\n'
# TEST FIXTURE: invented figures on top of tests/data/minimal.yaml, not transcribed from any report
PRIOR_YEARS = """      - {concept: Scope1GreenhouseGasEmissions, value: "130.10", unit: tCO2e, period: 2022,
         restated: {reason: {en: "Refrigerant leaks of 2022 were found in 2023.",
                             zh-Hant: 二〇二二年的冷媒洩漏於二〇二三年發現。}}}
      - {concept: Scope2GreenhouseGasEmissions, value: "20,100.00", unit: tCO2e, period: 2022, notes: [n1],
         restated: {reason: {zh-Hant: 電網排放因子已更新。}}}
      - {concept: Scope1GreenhouseGasEmissions, value: "140.00", unit: tCO2e, period: 2021}
      - {concept: GreenhouseGasEmissionsIntensity, value: "0.2000", unit: 噸二氧化碳當量/百萬元收入}
"""
DENOMINATORS = """denominators:
  - name: Revenue
    values: [{value: "117,552.15", unit: 百萬元}, {value: "98,000", unit: 萬元, period: 2022}]
"""
TARGETS = """  A1.5:
    status: disclosed
    narrative:
      EmissionTargetsAndStepsTakenExplanatory: {zh-Hant: 我們為排放訂立目標。}
    targets:
      - id: Scope1And2By2030
        label: {en: Scope 1 and 2 emissions, zh-Hant: 範圍一及二排放}
        description: {en: "Reduce Scope 1 and 2 emissions by 30% by 2030 from 2020.\\n\\n- fleet\\n- offices"}
        metric: {en: Scope 1 and 2 emissions}
        type: absolute
        base_year: 2020
        base_value: {value: "25,000", unit: tCO2e}
        target_year: 2030
        reduction: "30"
        progress: "12.5"
        notes: [n1]
      - id: RefrigerantsIntensity
        label: {en: Refrigerant leaks per employee}
        type: intensity
        target_year: 2028
  A2.3:
    status: disclosed
    targets:
      - id: Electricity2025
        label: {en: Electricity use}
        scope: {en: Offices in Shanghai}
        base_year: 2019
        base_value: {value: "1,800", unit: GJ}
        target_year: 2025
        reduction: "10"
        milestones: {en: "5% by 2022"}
"""
YEARS_AND_TARGETS = (MINIMAL.replace(SCOPE1, SCOPE1 + PRIOR_YEARS, 1)
                     .replace("provisions:\n", "provisions:\n" + TARGETS, 1)
                     .replace("notes:\n", DENOMINATORS + "notes:\n", 1))
SYNTAXES = ("xbrl", "html", "json", "jsonld")


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[LoadedReport, Path]]:
    """Each fixture's loaded report and the folder it was exported to."""
    root = tmp_path_factory.mktemp("vocabulary")
    years = root / "years-targets-2023.yaml"
    years.write_text(YEARS_AND_TARGETS, encoding="utf-8")
    found = {}
    for source in (DATA / "bus-operator-2023.yaml", DATA / "bus-concepts-2023.yaml", years):
        out = root / source.stem
        export(source, out)
        found[source.stem] = (load_report(source), out)
    return found


def _rebuilt(fixtures: dict[str, tuple[LoadedReport, Path]], stem: str, syntax: str) -> dict[str, Any]:
    text = report_yaml(read(fixtures[stem][1] / f"{stem}.{syntax}"))
    data: dict[str, Any] = yaml.safe_load(text)
    data["_facts"] = loads_report(text, "rebuilt.yaml").facts
    return data


@pytest.mark.parametrize("syntax", SYNTAXES)
@pytest.mark.parametrize("stem", ["bus-operator-2023", "bus-concepts-2023", "years-targets-2023"])
def test_export_import_load_gives_the_same_facts_and_extension(
        fixtures: dict[str, tuple[LoadedReport, Path]], stem: str, syntax: str) -> None:
    original = fixtures[stem][0].facts
    rebuilt = _rebuilt(fixtures, stem, syntax)["_facts"]
    assert set(rebuilt.facts) == set(original.facts)
    assert rebuilt.extension == original.extension
    assert rebuilt == original


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_declared_and_standard_denominators_come_back_as_denominators(
        fixtures: dict[str, tuple[LoadedReport, Path]], syntax: str) -> None:
    denominators = {d["name"]: d for d in _rebuilt(fixtures, "bus-operator-2023", syntax)["denominators"]}
    assert list(denominators) == ["KilometresOperated", "NumberOfBuses", "FloorArea"]
    km = denominators["KilometresOperated"]
    assert km["label"] == {"zh-Hant": "營運公里數", "en": "Kilometres operated"} and km["unit"] == "km"
    assert km["values"] == [{"value": "245.6", "unit": "million km"}]
    assert denominators["FloorArea"] == {"name": "FloorArea", "values": [{"value": "180,000", "unit": "m²"}]}
    revenue = _rebuilt(fixtures, "years-targets-2023", syntax)["denominators"]
    assert [(d["name"], sorted(v.get("period", 2023) for v in d["values"])) for d in revenue] == [
        ("Revenue", [2022, 2023])]


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_issuer_concepts_come_back_under_concepts(fixtures: dict[str, tuple[LoadedReport, Path]],
                                                  syntax: str) -> None:
    data = _rebuilt(fixtures, "bus-concepts-2023", syntax)
    concepts = {c["name"]: c for c in data["concepts"]}
    assert concepts["DieselConsumedByBusFleet"] == {
        "name": "DieselConsumedByBusFleet", "label": {"en": "Diesel consumed by the bus fleet",
                                                      "zh-Hant": "巴士車隊柴油消耗量"},
        "type": "energy", "unit": "MWh", "provision": "A2.1", "anchor": "DirectEnergyConsumption"}
    assert concepts["NumberOfBusCaptains"]["period"] == "instant"
    assert concepts["LowEmissionBusProgrammeExplanatory"]["anchor"] == "EmissionsGeneralDisclosureExplanatory"
    assert "LowEmissionBusProgrammeExplanatory" in data["provisions"]["A1.GD"]["narrative"]
    assert {f["concept"] for f in data["provisions"]["A2.1"]["facts"]} == {"DirectEnergyConsumption",
                                                                           "DieselConsumedByBusFleet"}


@pytest.mark.parametrize("syntax", SYNTAXES)
def test_restatements_and_guide_targets_come_back_as_written(fixtures: dict[str, tuple[LoadedReport, Path]],
                                                             syntax: str) -> None:
    data = _rebuilt(fixtures, "years-targets-2023", syntax)
    restated = [f for f in data["provisions"]["A1.2"]["facts"] if "restated" in f]
    assert [(f["concept"], f["period"], f["restated"]["reason"], f.get("notes")) for f in restated] == [
        ("Scope1GreenhouseGasEmissions", 2022, {"en": "Refrigerant leaks of 2022 were found in 2023.",
                                                "zh-Hant": "二〇二二年的冷媒洩漏於二〇二三年發現。"}, None),
        ("Scope2GreenhouseGasEmissions", 2022, {"zh-Hant": "電網排放因子已更新。"}, ["n1"])]
    assert not any(n.startswith("restated") for n in data.get("notes", {}))
    a15 = {t["id"]: t for t in data["provisions"]["A1.5"]["targets"]}
    assert a15["Scope1And2By2030"]["base_value"] == {"value": "25,000", "unit": "tCO2e"}
    assert (a15["Scope1And2By2030"]["reduction"], a15["Scope1And2By2030"]["progress"]) == ("30", "12.5")
    assert a15["RefrigerantsIntensity"] == {"id": "RefrigerantsIntensity",
                                            "label": {"en": "Refrigerant leaks per employee"},
                                            "type": "intensity", "target_year": 2028}
    [electricity] = data["provisions"]["A2.3"]["targets"]
    assert electricity["base_value"] == {"value": "500", "unit": "MWh"}   # 1,800 GJ as published
    assert electricity["milestones"] == {"en": "5% by 2022"}


def test_a_target_with_nothing_but_its_label_keeps_its_member() -> None:
    text = YEARS_AND_TARGETS.replace("      - id: Electricity2025\n", """      - id: WaterSoon
        label: {en: A water target to come}
      - id: Electricity2025
""", 1)
    original = loads_report(text).facts
    data = yaml.safe_load(report_yaml(original))
    # it names no provision: it goes under the first disclosed one that asks for targets
    assert "WaterSoon" in [t["id"] for t in data["provisions"]["A1.5"]["targets"]]
    assert [t["id"] for t in data["provisions"]["A2.3"]["targets"]] == ["Electricity2025"]
    assert loads_report(report_yaml(original)).facts == original


def test_the_import_command_rebuilds_the_vocabulary(fixtures: dict[str, tuple[LoadedReport, Path]],
                                                   tmp_path: Path) -> None:
    loaded, out = fixtures["bus-concepts-2023"]
    rebuilt = tmp_path / "rebuilt.yaml"
    result = subprocess.run([sys.executable, "-m", "esgxbrl", "import", str(out / "bus-concepts-2023.html"),
                             "-o", str(rebuilt)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert load_report(rebuilt).facts == loaded.facts
