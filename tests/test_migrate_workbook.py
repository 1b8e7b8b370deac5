"""esgxbrl migrate with workbooks: last year's report as a workbook or YAML, next year's written as either."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from esgxbrl.preparer.check import check_file
from esgxbrl.preparer.load import load_report
from test_migrate import _fill
from workbook_support import find_row, set_value

ROOT = Path(__file__).resolve().parents[1]
LUFAX = ROOT / "examples" / "lufax" / "2023.yaml"
CLIMATE = "Climate-related disclosures"


@pytest.fixture(scope="module")
def last_year(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The Lufax example as if it were the FY2024 report, as YAML and as the workbook the tool writes of it."""
    text = LUFAX.read_text(encoding="utf-8")
    moved, count = re.subn(r"^period: \{start: 2023-01-01, end: 2023-12-31\}",
                           "period: {start: 2024-01-01, end: 2024-12-31}", text, flags=re.M)
    assert count == 1
    folder = tmp_path_factory.mktemp("fy2024")
    (folder / "2024.yaml").write_text(moved, encoding="utf-8")
    from esgxbrl.cli.app import app
    result = CliRunner().invoke(app, ["import", str(folder / "2024.yaml"), "-o", str(folder / "2024.xlsx")])
    assert result.exit_code == 0, result.output
    return folder / "2024.yaml", folder / "2024.xlsx"


def _migrate(app: typer.Typer, source: Path, out: Path) -> Path:
    result = CliRunner().invoke(app, ["migrate", str(source), "--to", "hkex-esg-code-2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_migrated_workbook_is_the_same_from_yaml_or_workbook(app: typer.Typer, last_year: tuple[Path, Path],
                                                              tmp_path: Path) -> None:
    from_yaml = _migrate(app, last_year[0], tmp_path / "a.xlsx")
    from_workbook = _migrate(app, last_year[1], tmp_path / "b.xlsx")
    assert from_yaml.read_bytes() == from_workbook.read_bytes()


def test_migrated_workbook_leaves_the_placeholders_as_empty_cells_check_names(
        app: typer.Typer, last_year: tuple[Path, Path], tmp_path: Path) -> None:
    path = _migrate(app, last_year[0], tmp_path / "2025.xlsx")
    book = load_workbook(path)
    report, climate = book["Report"], book[CLIMATE]
    assert report.cell(row=find_row(report, Field="guide"), column=4).value == "hkex-esg-code-2025"
    assert report.cell(row=find_row(report, Field="listing.board"), column=4).value is None
    status_cells = {str(climate.cell(row=r, column=1).value): f"'{CLIMATE}'!L{r}"
                    for r in range(2, climate.max_row + 1) if climate.cell(row=r, column=2).value == "status"}
    assert len(status_cells) == 20
    assert all(climate[cell.split("!")[1]].value is None for cell in status_cells.values())
    # last year's Scope 1 moved from A1.2 to D-MET-1 as a comparative, with an empty row for this year
    scope1 = [r for r in range(2, climate.max_row + 1) if climate.cell(row=r, column=3).value
              == "Scope1GreenhouseGasEmissions" and climate.cell(row=r, column=7).value is None]
    assert [climate.cell(row=r, column=11).value for r in scope1] == [2024, None]
    errors = [f for f in check_file(path).findings if f.severity == "error"]
    assert {f.provision: f.cell for f in errors if f.provision} == status_cells
    assert [f.cell for f in errors if not f.provision] == ["Report!D3"]   # listing.board


def test_filled_migrated_workbook_passes_check(app: typer.Typer, last_year: tuple[Path, Path],
                                               tmp_path: Path) -> None:
    path = _migrate(app, last_year[1], tmp_path / "2025.xlsx")
    book = load_workbook(path)
    report, climate = book["Report"], book[CLIMATE]
    set_value(report, find_row(report, Field="listing.board"), "Value", "main")
    for row in range(2, climate.max_row + 1):
        if climate.cell(row=row, column=2).value == "status":
            climate.cell(row=row, column=12).value = "disclosed"
    for concept, value in (("Scope1GreenhouseGasEmissions", 100), ("Scope2GreenhouseGasEmissions", 200)):
        row = find_row(climate, Item="figure", Concept=concept, Breakdown=None, Period=None)   # type: ignore[arg-type]
        set_value(climate, row, "Value", value)
        set_value(climate, row, "Unit", "tCO2e")
    book.save(path)
    result = check_file(path)
    assert not result.blocking, [f.render() for f in result.findings if f.severity == "error"]
    scope1 = {f.period.end.year: f.value for f in load_report(path).facts.facts
              if f.concept == "hkesg:Scope1GreenhouseGasEmissions" and not f.dimensions}
    assert scope1 == {2024: "117.63", 2025: "100"}


def test_workbook_migrates_to_the_yaml_a_yaml_file_migrates_to(app: typer.Typer, last_year: tuple[Path, Path],
                                                               tmp_path: Path) -> None:
    texts = [_migrate(app, source, tmp_path / f"{index}.yaml").read_text(encoding="utf-8")
             for index, source in enumerate(last_year)]
    assert "migrated by `esgxbrl migrate` from 2024.xlsx" in texts[1]
    filled = []
    for index, text in enumerate(texts):
        path = tmp_path / f"filled{index}.yaml"
        path.write_text(_fill(text), encoding="utf-8")
        filled.append(load_report(path).facts)
    assert filled[0] == filled[1]
