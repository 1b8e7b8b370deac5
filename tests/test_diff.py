"""`esgxbrl diff`: a 2022 variant of the minimal report against the minimal report itself."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from esgxbrl.cli.preparer import register
from esgxbrl.preparer.diff import DiffReport, ValueChange, diff_files, render_text, stated_changes

MINIMAL = Path("tests/data/minimal.yaml")


def edited(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("diff")
    text = MINIMAL.read_text(encoding="utf-8")
    earlier = edited(
        text,
        ("period: {start: 2023-01-01, end: 2023-12-31}", "period: {start: 2022-01-01, end: 2022-12-31}"),
        ('"117.63"', '"120.00"'),                                        # scope 1
        ('"34,392.45"', '"52,911.46"'), ('"34,979.72"', '"53,498.72"'),  # indirect energy and total
        ('"36,215"', '"35,000"'), ('"19,777"', '"19,000"'), ('"16,438"', '"16,000"'),
        ('{concept: NumberOfWorkRelatedFatalities, value: "0"', '{concept: NumberOfWorkRelatedFatalities, value: "1"'),
        ("  A1.3:\n    status: not-applicable\n    explanation: {zh-Hant: 不涉及有害廢棄物。}\n", ""),
        ("  B8.2:\n    status: disclosed\n    facts:\n"
         "      - {concept: MoneyContributedToCommunity, value: \"8.00\", unit: 萬元, by: {FocusArea: Education}}\n",
         "  B8.2:\n    status: not-disclosed\n    explanation: {zh-Hant: 未有統計。}\n"),
    )
    later = edited(
        text,
        ("  A2.1:\n    status: disclosed\n",
         "  A2.1:\n    status: disclosed\n    narrative:\n      EnergyConsumptionExplanatory:\n"
         "        {zh-Hant: \"本年度電力消耗同比下降35%。溫室氣體總排放量同比減少10%。\"}\n"),
    )
    old_path, new_path = folder / "2022.yaml", folder / "2023.yaml"
    old_path.write_text(earlier, encoding="utf-8")
    new_path.write_text(later, encoding="utf-8")
    return old_path, new_path


@pytest.fixture(scope="module")
def report(files: tuple[Path, Path]) -> DiffReport:
    return diff_files(*files)


def row(report: DiffReport, concept: str, breakdown: tuple[tuple[str, str], ...] = ()) -> ValueChange:
    return next(v for v in report.values if v.concept == concept and v.breakdown == breakdown)


def test_periods_and_readability(report: DiffReport) -> None:
    assert report.readable
    assert (report.old_label, report.new_label) == ("2022", "2023")


def test_changed_values(report: DiffReport) -> None:
    scope1 = row(report, "Scope1GreenhouseGasEmissions").as_dict()
    assert scope1 == {"concept": "Scope1GreenhouseGasEmissions", "provision": "A1.2", "breakdown": {},
                      "unit": "tCO2e", "kind": "changed", "old": "120.00", "new": "117.63", "change": "-2.37",
                      "change_percent": "-2.0"}
    energy = row(report, "IndirectEnergyConsumption")
    assert energy.change == Decimal("-18519.01") and energy.change_percent == Decimal("-35.0")
    male = row(report, "NumberOfEmployees", (("GenderAxis", "MaleMember"),))
    assert (male.old, male.new, male.kind) == (Decimal(19000), Decimal(19777), "changed")
    assert row(report, "Scope2GreenhouseGasEmissions").kind == "unchanged"
    assert row(report, "EmployeeTurnoverRate").as_dict()["old"] == "33.69"   # shown as a percentage


def test_new_and_dropped(report: DiffReport) -> None:
    money = row(report, "MoneyContributedToCommunity", (("FocusAreaAxis", "EducationMember"),))
    assert (money.kind, money.old, money.new) == ("new", None, Decimal(80000))
    # the 2022 file gives its own fatalities; the 2023 file gives only 2022's as a comparative
    assert row(report, "NumberOfWorkRelatedFatalities").kind == "dropped"


def test_status_changes(report: DiffReport) -> None:
    changes = {s.provision: (s.old, s.new) for s in report.statuses}
    assert changes == {"A1.3": ("missing", "not-applicable"), "B8.2": ("not-disclosed", "disclosed")}


def test_restated_comparative(report: DiffReport, files: tuple[Path, Path]) -> None:
    finding = next(f for f in report.findings if f.code == "restated")
    assert finding.provision == "B2.1" and finding.severity == "warning"
    assert "NumberOfWorkRelatedFatalities" in finding.message and finding.file == str(files[1])


def test_narrative_statements_checked(report: DiffReport) -> None:
    stated = [f for f in report.findings if f.code == "stated-change"]
    agrees = next(f for f in stated if "35%" in f.message)
    assert agrees.severity == "info" and "IndirectEnergyConsumption" in agrees.message and "-35.0%" in agrees.message
    disagrees = next(f for f in stated if "10%" in f.message)
    assert disagrees.severity == "warning" and "TotalGreenhouseGasEmissions" in disagrees.message
    assert disagrees.provision == "A2.1" and disagrees.line is not None


def test_stated_changes_heuristic() -> None:
    up = stated_changes("員工人數較去年增加3.5%，")
    assert [(s.down, s.percent, s.candidates[0][0]) for s in up] == [(False, Decimal("3.5"), "NumberOfEmployees")]
    down = stated_changes("Water consumption was down 12% on last year. Complaints fell by 20 per cent.")
    assert [(s.down, s.percent, s.candidates[0][0]) for s in down] == [
        (True, Decimal(12), "WaterConsumption"),
        (True, Decimal(20), "NumberOfProductAndServiceRelatedComplaintsReceived")]
    assert stated_changes("客戶投訴率為0.0009%") == []            # a level, not a change


def test_table_and_cli(files: tuple[Path, Path], report: DiffReport) -> None:
    text = render_text(report)
    assert "Scope1GreenhouseGasEmissions" in text and "-2.37" in text and "-2.0%" in text
    assert "Provisions whose status changed:" in text
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    table = runner.invoke(app, ["diff", str(files[0]), str(files[1])])
    assert table.exit_code == 0 and table.output == text
    result = runner.invoke(app, ["diff", str(files[0]), str(files[1]), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert sorted(data) == ["findings", "new", "old", "statuses", "summary", "values"]
    assert data["summary"]["changed"] >= 5 and data["summary"]["status_changes"] == 2
    missing = runner.invoke(app, ["diff", str(files[0]), str(files[0].parent / "absent.yaml")])
    assert missing.exit_code == 1


def test_report_against_its_published_instance(tmp_path: Path) -> None:
    from esgxbrl.preparer.export import export

    outputs = export(Path("examples/lufax/2023.yaml"), tmp_path)
    instance = next(o.path for o in outputs if o.path.suffix == ".xbrl")
    report = diff_files(Path("examples/lufax/2023.yaml"), instance)
    assert report.readable and report.statuses == ()
    assert report.counts()["unchanged"] == len(report.values) > 50
    assert [f.code for f in report.findings] == ["order"]
