"""The issuer's own axes through a workbook: the Axes sheet, the drop-downs that offer them, figures by
them (alone or beside an axis of the guide) read back as the report file gives them, and broken cells
of the Axes sheet named one by one."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from esgxbrl.preparer.load import load_report
from workbook_support import assert_export_refused, assert_one_error, find_row, import_workbook, set_cells

ROOT = Path(__file__).resolve().parents[1]
SEGMENTS = ROOT / "tests" / "data" / "bus-segments-2023.yaml"


@pytest.fixture
def workbook(app: typer.Typer, tmp_path: Path) -> Path:
    return import_workbook(app, SEGMENTS, tmp_path / "segments.xlsx")


def test_issuer_axes_through_a_workbook_keep_every_fact(workbook: Path) -> None:
    from_yaml, from_workbook = load_report(SEGMENTS), load_report(workbook)
    assert from_workbook.facts == from_yaml.facts
    assert from_workbook.report.axes == from_yaml.report.axes
    both = [f for f in from_workbook.facts.facts if len(f.dimensions) == 2]
    assert len(both) == 1   # the segment's mobile combustion: an issuer axis beside one of the guide
    axes = load_workbook(workbook)["Axes"]
    rows = list(axes.iter_rows(min_row=2, values_only=True))
    assert ("BusinessSegment", None, "en", "Business segment") in rows
    assert ("BusinessSegment", "FranchisedBus", "zh-Hant", "專營巴士") in rows
    assert len(rows) == 6   # two labels of the axis, two of each of its two members


def test_drop_downs_offer_the_issuer_axes_and_their_members(workbook: Path) -> None:
    book = load_workbook(workbook)
    lists = book["Lists"]
    headers = {str(c.value): c.column_letter for c in lists[1]}
    breakdowns = {str(c.value) for c in lists[headers["Breakdowns"]][1:] if c.value}
    assert {"BusinessSegment", "GreenhouseGasSource", "Gender"} <= breakdowns
    members = {(str(a), str(m)) for a, m, *_ in lists.iter_rows(min_row=2, values_only=True) if a}
    assert {("BusinessSegment", "FranchisedBus"), ("BusinessSegment", "NonFranchisedTransport")} <= members
    environmental = book["Environmental"]
    offered = {str(v.sqref): v.formula1 for v in environmental.data_validations.dataValidation}
    column = headers["Breakdowns"]
    assert offered["G2:G2000"] == offered["I2:I2000"] == f"=Lists!${column}$2:${column}$2000"
    assert offered["H2:H2000"] == "=Lists!$B$2:$B$2000"
    row = find_row(environmental, Concept="WaterConsumption", Breakdown="BusinessSegment", Member="FranchisedBus")
    assert environmental.cell(row=row, column=12).value == 140000


#: a broken Axes sheet: (cells to set, the cell the one finding names, its words)
BROKEN_AXES: dict[str, tuple[dict[str, object], str, str]] = {
    "member of an undeclared axis": ({"A8": "Fleet", "B8": "DoubleDecker", "C8": "en", "D8": "Double-decker"},
                                     "A8", "the axis Fleet has no label"),
    "axis label without a name": ({"A2": None}, "A2", "a label of the Axes sheet names no axis"),
    "member given twice in one language": ({"B7": "FranchisedBus"}, "D7", "given twice, also at Axes!D5"),
    "member on two axes": ({"A8": "Fleet", "C8": "en", "D8": "Fleet", "A9": "Fleet", "B9": "FranchisedBus",
                            "C9": "en", "D9": "Franchised bus"}, "B9", "FranchisedBus is declared twice"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_AXES))
def test_broken_axes_named_at_the_cell(app: typer.Typer, workbook: Path, tmp_path: Path, case: str) -> None:
    cells, named, words = BROKEN_AXES[case]
    set_cells(workbook, "Axes", cells)
    assert_one_error(app, ["check", str(workbook)], f"Axes!{named}", words)
    assert_export_refused(app, workbook, tmp_path / "out")


def test_figure_by_an_undeclared_axis_named_at_its_row(app: typer.Typer, workbook: Path) -> None:
    book = load_workbook(workbook)
    environmental = book["Environmental"]
    row = find_row(environmental, Concept="WaterConsumption", Breakdown="BusinessSegment", Member="FranchisedBus")
    environmental.cell(row=row, column=7).value = "Segment"
    book.save(workbook)
    result = CliRunner().invoke(app, ["check", str(workbook)])
    errors = [line for line in result.output.splitlines() if ": error" in line]
    assert result.exit_code == 1 and len(errors) == 1, result.output
    assert f"Environmental!H{row}" in errors[0] and "cannot be broken down by 'Segment'" in errors[0]
