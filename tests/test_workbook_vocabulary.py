"""What a report file says beyond the provision sheets, through a workbook: declared intensity
denominators and waste by type (the Denominators sheet, the new breakdowns and units in the
drop-downs) and an excerpt of a published report (two rows of the Report sheet)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook

from esgxbrl.model.loaded import LoadedReport
from esgxbrl.preparer.load import load_report
from test_excerpt import KEPT, _excerpt_data, _write
from workbook_support import assert_export_refused, assert_one_error, find_row, import_workbook, set_cells

ROOT = Path(__file__).resolve().parents[1]
BUS = ROOT / "tests" / "data" / "bus-operator-2023.yaml"


def test_bus_operator_through_a_workbook_keeps_every_fact(app: typer.Typer, tmp_path: Path) -> None:
    workbook = import_workbook(app, BUS, tmp_path / "bus.xlsx")
    from_yaml, from_workbook = load_report(BUS), load_report(workbook)
    assert from_workbook.facts == from_yaml.facts
    # a value is written as a number cell, so read back without its thousands separators ("4,000" as "4000")
    def declared(loaded: LoadedReport) -> list[dict[str, object]]:
        return [d.model_dump(exclude={"values"}) | {"values": [v.model_dump(exclude={"value"}) for v in d.values]}
                for d in loaded.report.denominators]
    assert declared(from_workbook) == declared(from_yaml)
    denominators = load_workbook(workbook)["Denominators"]
    row = find_row(denominators, Denominator="NumberOfBuses", Language="zh-Hant")
    assert denominators.cell(row=row, column=5).value == "bus, 輛巴士"


def test_drop_downs_offer_the_new_breakdowns_units_and_declared_denominators(app: typer.Typer,
                                                                           tmp_path: Path) -> None:
    lists = load_workbook(import_workbook(app, BUS, tmp_path / "bus.xlsx"))["Lists"]
    members: dict[str, set[str]] = {}
    units = set()
    for axis, member, _, unit, *_ in lists.iter_rows(min_row=2, values_only=True):
        if axis:
            members.setdefault(str(axis), set()).add(str(member))
        if unit:
            units.add(str(unit))
    assert {"WasteOil", "BatteriesWaste", "MetalWaste"} <= members["WasteType"]
    assert "Recycled" in members["WasteTreatment"] and "MobileCombustion" in members["GreenhouseGasSource"]
    assert members["IntensityDenominator"] == {"KilometresOperated", "NumberOfBuses"}
    assert {"m²", "km", "million km", "ML", "公斤"} <= units


def test_excerpt_through_a_workbook_keeps_every_fact_and_the_excerpt(app: typer.Typer, tmp_path: Path) -> None:
    excerpt = _write(tmp_path, _excerpt_data())
    workbook = import_workbook(app, excerpt, tmp_path / "excerpt.xlsx")
    from_yaml, from_workbook = load_report(excerpt), load_report(workbook)
    assert from_workbook.facts == from_yaml.facts
    assert from_workbook.report.excerpt == from_yaml.report.excerpt
    assert from_workbook.report.excerpt is not None and from_workbook.report.excerpt.provisions == KEPT
    report = load_workbook(workbook)["Report"]
    assert report.cell(row=find_row(report, Field="excerpt.provisions"), column=4).value == ", ".join(KEPT)


#: a broken cell of the Denominators sheet: (cell, value, the cell the one finding names, its words)
BROKEN_DENOMINATORS = {
    "value as text": ("G2", "lots", "G2", "not a number as printed"),
    "unit given twice, differently": ("D3", "m", "D3", "differs from what Denominators!D2 gives"),
    "period without a value": ("F3", 2022, "F3", "a period but no value"),
    "label language given twice": ("B3", "zh-Hant", "C3", "given twice, also at Denominators!C2"),
    "undeclared name": ("A6", "Furlongs", "A6", "not a standard denominator"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_DENOMINATORS))
def test_broken_denominator_named_at_the_cell(app: typer.Typer, tmp_path: Path, case: str) -> None:
    workbook = import_workbook(app, BUS, tmp_path / "bus.xlsx")
    cell, value, named, words = BROKEN_DENOMINATORS[case]
    set_cells(workbook, "Denominators", {cell: value})
    assert_one_error(app, ["check", str(workbook)], f"Denominators!{named}", words)
    assert_export_refused(app, workbook, tmp_path / "out")
