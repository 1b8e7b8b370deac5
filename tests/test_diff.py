"""`esgxbrl diff`: a 2022 variant of the minimal report against the minimal report itself."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from esgxbrl.catalogue import load_catalogue
from esgxbrl.cli.preparer import register
from esgxbrl.model.facts import Period
from esgxbrl.preparer.diff import DiffReport, ValueChange, diff_files, period_title, render_text, stated_changes

MINIMAL = Path("tests/data/minimal.yaml")
LUFAX = Path("examples/lufax/2023.yaml")


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


def _table_rows(text: str) -> list[list[str]]:
    """The rows of the figures table in `esgxbrl diff` output, split on runs of two spaces or more."""
    lines = text.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("---"))
    rows = []
    for line in lines[rule + 1:]:
        if not line.strip():
            break
        rows.append([cell.strip() for cell in line.split("  ") if cell.strip()])
    return rows


@pytest.fixture(scope="module")
def lufax_earlier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Lufax report with one A2.1 figure, direct energy, changed (the sum to the total still holds)."""
    path = tmp_path_factory.mktemp("lufax-diff") / "prev.yaml"
    path.write_text(edited(LUFAX.read_text(encoding="utf-8"), ('value: "587.26"', 'value: "587.27"')),
                    encoding="utf-8")
    return path


def test_one_changed_figure_is_all_that_is_shown(lufax_earlier: Path) -> None:
    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["diff", str(lufax_earlier), str(LUFAX)])
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[2].split()
    assert header == ["Provision", "Concept", "Breakdown", "Unit", "2023", "2023", "Change", "%"]
    assert _table_rows(result.output) == [["A2.1", "DirectEnergyConsumption", "total", "MWh", "587.27", "587.26",
                                           "-0.01", "-0.002%"]]
    assert "Scope1GreenhouseGasEmissions" not in result.output


def test_all_shows_the_unchanged_figures_too(lufax_earlier: Path) -> None:
    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["diff", str(lufax_earlier), str(LUFAX), "--all"])
    assert result.exit_code == 0, result.output
    rows = _table_rows(result.output)
    report = diff_files(lufax_earlier, LUFAX)
    assert len(rows) == len(report.values) > 60
    scope1 = next(r for r in rows if r[1] == "Scope1GreenhouseGasEmissions")
    assert scope1 == ["A1.2", "Scope1GreenhouseGasEmissions", "total", "tCO2e", "117.63", "117.63"]   # no 0.0%
    a21 = [r[1] for r in rows if r[0] == "A2.1"]
    assert a21[0] == "DirectEnergyConsumption" and len(a21) == 4


def test_rows_follow_the_guide_with_differences_first_in_each_provision(report: DiffReport) -> None:
    order = [p.id for p in load_catalogue().provisions]
    assert all(v.provision is not None for v in report.values)
    positions = [(order.index(v.provision or ""), v.kind == "unchanged") for v in report.values]
    assert positions == sorted(positions)
    assert {v.kind for v in report.values} == {"changed", "unchanged", "new", "dropped"}


def test_change_column_marks_new_and_dropped_and_leaves_no_change_blank(report: DiffReport) -> None:
    rows = {(r[1], r[2]): r for r in _table_rows(render_text(report, show_unchanged=True))}
    assert rows[("MoneyContributedToCommunity", "FocusArea: Education")][4:] == ["-", "80,000", "new"]
    assert rows[("NumberOfWorkRelatedFatalities", "total")][4:] == ["1", "-", "dropped"]
    assert rows[("Scope2GreenhouseGasEmissions", "total")][0] == "A1.2"
    assert len(rows[("Scope2GreenhouseGasEmissions", "total")]) == 6             # no change, no %
    assert rows[("Scope1GreenhouseGasEmissions", "total")][6:] == ["-2.37", "-2.0%"]


def test_no_percentage_of_a_change_from_zero() -> None:
    rise = ValueChange("NumberOfWorkRelatedFatalities", "B2.1", (), "number", Decimal(0), Decimal(2), 0, 0, False)
    report = DiffReport("a.yaml", "b.yaml", "2022", "2023", (rise,), (), (), True)
    assert _table_rows(render_text(report)) == [["B2.1", "NumberOfWorkRelatedFatalities", "total", "number", "0",
                                                 "2", "+2"]]


def test_json_gives_every_row_its_provision(files: tuple[Path, Path], report: DiffReport) -> None:
    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["diff", str(files[0]), str(files[1]), "--format", "json"])
    values = json.loads(result.output)["values"]
    assert len(values) == len(report.values)
    assert [v["provision"] for v in values] == [v.provision for v in report.values]
    assert {v["provision"] for v in values} >= {"A1.2", "A2.1", "B1.1", "B8.2"}


@pytest.mark.parametrize(("old", "new", "titles"), [
    (Period(dt.date(2022, 12, 31), dt.date(2022, 1, 1)), Period(dt.date(2023, 12, 31), dt.date(2023, 1, 1)),
     ("2022", "2023")),
    (Period(dt.date(2023, 3, 31), dt.date(2022, 4, 1)), Period(dt.date(2024, 3, 31), dt.date(2023, 4, 1)),
     ("2022/23", "2023/24")),
    (Period(dt.date(2024, 2, 29), dt.date(2023, 3, 1)), Period(dt.date(2025, 2, 28), dt.date(2024, 2, 29)),
     ("2023/24", "2024/25")),
    (Period(dt.date(2022, 12, 31), dt.date(2022, 1, 1)), Period(dt.date(2023, 6, 30), dt.date(2023, 1, 1)),
     ("2022-01-01/2022-12-31", "2023-01-01/2023-06-30")),
    (Period(dt.date(2022, 12, 31)), Period(dt.date(2023, 12, 31), dt.date(2023, 1, 1)),
     ("2022-12-31", "2023-01-01/2023-12-31")),
])
def test_period_columns_are_titled_by_year_only_for_whole_years(old: Period, new: Period,
                                                                 titles: tuple[str, str]) -> None:
    assert (period_title(old, new), period_title(new, old)) == titles
