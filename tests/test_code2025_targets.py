"""The Code's consolidation approach (D-MET-3, an enumeration) and climate-related targets (D-MET-12,
the target table): written in the report file, published in every syntax, read back, in the facts table."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from esgxbrl.analyst.table import facts_frame
from esgxbrl.errors import InputInvalid
from esgxbrl.model.facts import Fact
from esgxbrl.model.loaded import LoadedReport
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import load_report, loads_report
from esgxbrl.read import read
from report_support import replaced

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "tests" / "data" / "code2025.yaml"
NS = "https://taxonomy.esgxbrl.org/hkex-esg/2025-01-01/hkesg"
TARGET = ("hkesg:ClimateRelatedTargetAxis", "issuer:OperationalEmissions2030Member")


@pytest.fixture(scope="module")
def loaded() -> LoadedReport:
    return load_report(REPORT)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("targets")
    export(REPORT, out)
    return out


def _of(loaded: LoadedReport, concept: str, dims: tuple[tuple[str, str], ...] = ()) -> list[Fact]:
    return [f for f in loaded.facts.facts if f.concept == f"hkesg:{concept}" and f.dimensions == dims]


def test_the_consolidation_approach_is_a_member_of_its_enumeration(loaded: LoadedReport) -> None:
    [fact] = _of(loaded, "GreenhouseGasConsolidationApproach")
    assert fact.value == f"{NS}#OperationalControlApproachMember" and fact.unit is None


def test_each_target_is_an_issuer_member_with_its_line_items(loaded: LoadedReport) -> None:
    assert loaded.facts.extension is not None
    members = {m.name: dict(m.labels) for m in loaded.facts.extension.members
               if m.axis == "hkesg:ClimateRelatedTargetAxis"}
    assert members == {"OperationalEmissions2030Member": {"zh-Hant": "營運排放目標",
                                                          "en": "Operational emissions target"},
                       "ElectricityIntensity2030Member": {"zh-Hant": "用電強度目標"}}
    row = {f.concept.split(":")[1]: f for f in loaded.facts.facts if TARGET in f.dimensions}
    assert set(row) == {
        "ClimateRelatedTargetDescription", "ClimateRelatedTargetMetric", "ClimateRelatedTargetType",
        "ClimateRelatedTargetScopeCovered", "ClimateRelatedTargetBaseYear",
        "ClimateRelatedTargetBaseYearGreenhouseGasEmissions", "ClimateRelatedTargetYear",
        "ClimateRelatedTargetReductionFromBaseYear", "ClimateRelatedTargetMilestonesExplanatory",
        "PlannedUseOfCarbonCreditsExplanatory", "ClimateRelatedTargetProgressAgainstBaseYear"}
    assert row["ClimateRelatedTargetType"].value == f"{NS}#AbsoluteTargetMember"
    assert (row["ClimateRelatedTargetBaseYear"].value, row["ClimateRelatedTargetYear"].value) == ("2020", "2030")
    base = row["ClimateRelatedTargetBaseYearGreenhouseGasEmissions"]
    assert (base.value, base.decimals, str(base.unit)) == ("10500", 0, "utr:tCO2e")
    # per cent as printed, published as a ratio with the printed precision
    reduction, progress = row["ClimateRelatedTargetReductionFromBaseYear"], row[
        "ClimateRelatedTargetProgressAgainstBaseYear"]
    assert (Decimal(reduction.value or ""), reduction.decimals) == (Decimal("0.4"), 2)
    assert (Decimal(progress.value or ""), progress.decimals) == (Decimal("0.124"), 3)
    assert row["ClimateRelatedTargetMetric"].language == "zh-Hant"
    assert row["ClimateRelatedTargetDescription"].value == "<p>2030年前範圍1及2絕對排放較2020年減少40%。</p>"
    assert row["ClimateRelatedTargetBaseYear"].footnotes == ("fn-n1-zh-Hant",)


def test_a_target_gives_only_what_the_file_says(loaded: LoadedReport) -> None:
    dims = (("hkesg:ClimateRelatedTargetAxis", "issuer:ElectricityIntensity2030Member"),)
    names = {f.concept.split(":")[1] for f in loaded.facts.facts if f.dimensions == dims}
    assert names == {"ClimateRelatedTargetType", "ClimateRelatedTargetBaseYear", "ClimateRelatedTargetYear",
                     "ClimateRelatedTargetReductionFromBaseYear"}


@pytest.mark.parametrize("name", ["code2025.xbrl", "code2025.html", "code2025.json"])
def test_every_syntax_reads_back_the_same_facts(loaded: LoadedReport, exported: Path, name: str) -> None:
    back = read(exported / name)
    assert back.facts == loaded.facts.facts
    assert back.extension == loaded.facts.extension


def test_the_facts_table_has_a_column_for_the_target(exported: Path) -> None:
    frame = facts_frame([exported / "code2025.xbrl"])
    rows = frame[frame["dim_ClimateRelatedTarget"] == "OperationalEmissions2030Member"]
    assert set(rows["provision"]) == {"D-MET-12"}
    assert len(rows) == 11
    approach = frame[frame["concept"] == "GreenhouseGasConsolidationApproach"]
    assert list(approach["provision"]) == ["D-MET-3"]


def _errors(text: str) -> list[str]:
    with pytest.raises(InputInvalid) as caught:
        loads_report(text, "code.yaml")
    return [f.render() for f in caught.value.findings]


def test_the_consolidation_approach_belongs_to_d_met_3() -> None:
    text = replaced(REPORT, "    consolidation_approach: operational-control\n", "").replace(
        "  D-MET-9:\n", "  D-MET-9:\n    consolidation_approach: equity-share\n")
    [error] = _errors(text)
    assert "[D-MET-9]" in error and "does not ask for the consolidation approach" in error and "D-MET-3" in error


def test_an_unknown_consolidation_approach_is_a_shape_error() -> None:
    [error] = _errors(replaced(REPORT, "consolidation_approach: operational-control",
                               "consolidation_approach: control"))
    assert "consolidation_approach" in error and "operational-control" in error


def test_targets_belong_to_d_met_12_and_need_a_disclosed_status() -> None:
    moved = replaced(REPORT, "  D-MET-12:\n    status: disclosed\n", "  D-MET-12:\n    status: not-disclosed\n"
                  "    explanation: {zh-Hant: 未訂立。}\n")
    assert any("D-MET-12 is 'not-disclosed' but lists targets" in e for e in _errors(moved))


def test_a_base_value_is_for_an_absolute_target_and_a_target_id_is_used_once() -> None:
    text = replaced(REPORT, "        reduction: \"15\"\n", "        reduction: \"15\"\n"
                 "        base_value: {value: \"3\", unit: 噸二氧化碳當量}\n")
    assert any("this target is an intensity target" in e for e in _errors(text))
    twice = replaced(REPORT, "id: ElectricityIntensity2030", "id: OperationalEmissions2030")
    assert any("target OperationalEmissions2030 is listed twice" in e for e in _errors(twice))


def test_a_percentage_with_a_unit_problem_names_the_target_line() -> None:
    [error] = _errors(replaced(REPORT, 'progress: "12.4"', 'progress: "12.4%"'))
    assert "code.yaml:" in error and "[D-MET-12]" in error
