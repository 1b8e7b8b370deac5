"""The Guide's targets (A1.5, A1.6, A2.3, A2.4) through a workbook: the Targets sheet with the provision of
each target, read back as the report file gives them; broken cells named one by one."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook

from esgxbrl.preparer.load import load_report
from test_guide_targets import _report
from workbook_support import assert_export_names, find_row, import_workbook, set_cells


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "targets.yaml"
    path.write_text(_report(), encoding="utf-8")
    return path


@pytest.fixture
def workbook(app: typer.Typer, report: Path, tmp_path: Path) -> Path:
    return import_workbook(app, report, tmp_path / "targets.xlsx")


def test_guide_targets_through_a_workbook_keep_every_fact(report: Path, workbook: Path) -> None:
    from_yaml, from_workbook = load_report(report), load_report(workbook)
    assert from_workbook.facts == from_yaml.facts
    for provision in ("A1.5", "A2.3"):   # the base values as the number cells hold them: 25000 for "25,000"
        kept, given = (r.report.provisions[provision].targets for r in (from_workbook, from_yaml))
        assert [t.model_dump(exclude={"base_value"}) for t in kept] == [
            t.model_dump(exclude={"base_value"}) for t in given]
        assert [t.base_value and t.base_value.unit for t in kept] == [t.base_value and t.base_value.unit
                                                                      for t in given]
    targets = load_workbook(workbook)["Targets"]
    rows = [row[:3] for row in targets.iter_rows(min_row=2, values_only=True)]
    assert rows == [("A1.5", "Scope1And2By2030", "en"), ("A2.3", "Electricity2025", "en")]
    headers = {str(c.value): c.column for c in targets[1]}
    assert targets.cell(row=3, column=headers["Base-year unit"]).value == "GJ"


def test_a_target_typed_in_under_another_provision_is_read(workbook: Path) -> None:
    book = load_workbook(workbook)
    environmental = book["Environmental"]
    environmental.cell(row=find_row(environmental, Provision="A2.4", Item="status"), column=12).value = "disclosed"
    targets = book["Targets"]
    for column, value in zip("ABCDJKLM", ("A2.4", "Water2030", "en", "Water use", 12000, "m³", 2030, 15),
                             strict=True):
        targets[f"{column}4"] = value
    book.save(workbook)
    [water] = load_report(workbook).report.provisions["A2.4"].targets
    assert (water.id, water.base_value, water.target_year, water.reduction) == (
        "Water2030", water.base_value, 2030, "15")
    assert water.base_value is not None and (water.base_value.value, water.base_value.unit) == ("12000", "m³")


#: a broken Targets sheet: (cells to set, the cell the one finding names, its words)
BROKEN_TARGETS: dict[str, tuple[dict[str, object], str, str]] = {
    "no provision": ({"A3": None}, "A3", "the target Electricity2025 names no provision"),
    "the Code's provision under the Guide": ({"A3": "D-MET-12"}, "A3", "D-MET-12 does not ask for targets"),
    # the base-year value's cell: the unit is one of the value's two cells
    "base value in a unit of another kind": ({"K3": "tCO2e"}, "J3", "which measures energy"),
    "carbon credits under the Guide": ({"O2": "We buy none."}, "O2", "takes no carbon_credits"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_TARGETS))
def test_broken_targets_named_at_the_cell(app: typer.Typer, workbook: Path, tmp_path: Path, case: str) -> None:
    cells, named, words = BROKEN_TARGETS[case]
    set_cells(workbook, "Targets", cells)
    assert_export_names(app, workbook, tmp_path / "out", f"Targets!{named}", words)
