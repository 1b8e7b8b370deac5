"""Restated prior-year figures through a workbook: the reason in the Restated column, one language per row
as the printed labels are, read back as the report file gives it; broken cells named one by one."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from esgxbrl.preparer.load import load_report
from test_multi_year import REPORT_2023
from workbook_support import assert_export_names, find_row, import_workbook


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "2023.yaml"
    path.write_text(REPORT_2023, encoding="utf-8")
    return path


@pytest.fixture
def workbook(app: typer.Typer, report: Path, tmp_path: Path) -> Path:
    return import_workbook(app, report, tmp_path / "2023.xlsx")


def _restated_row(ws: Worksheet) -> int:
    return find_row(ws, Item="figure", Concept="Scope1GreenhouseGasEmissions", Period=2022)


def test_restated_figures_through_a_workbook_keep_every_fact(report: Path, workbook: Path) -> None:
    from_yaml, from_workbook = load_report(report), load_report(workbook)
    assert from_workbook.facts == from_yaml.facts
    restated = [f.text for f in from_workbook.facts.footnotes if f.text.startswith(("Restated", "重列"))]
    assert len(restated) == 2
    environmental = load_workbook(workbook)["Environmental"]
    row = _restated_row(environmental)
    headers = {str(c.value): c.column for c in environmental[1]}
    assert environmental.cell(row=row, column=headers["Language"]).value == "en"
    reason = environmental.cell(row=row, column=headers["Restated"]).value
    assert reason == "Refrigerant leaks of 2022 were found in 2023."
    # the reason in one more language on the row below, as a printed label in one more language is
    assert [environmental.cell(row=row + 1, column=headers[h]).value for h in ("Item", "Language", "Restated")] == [
        "label", "zh-Hant", "二〇二二年的冷媒洩漏於二〇二三年發現。"]


def test_a_reason_typed_into_the_restated_column_is_read(workbook: Path) -> None:
    book = load_workbook(workbook)
    environmental = book["Environmental"]
    row = find_row(environmental, Item="figure", Concept="Scope1GreenhouseGasEmissions", Period=2021)
    headers = {str(c.value): c.column for c in environmental[1]}
    environmental.cell(row=row, column=headers["Language"]).value = "en"
    environmental.cell(row=row, column=headers["Restated"]).value = "Recounted."
    book.save(workbook)
    texts = {f.text for f in load_report(workbook).facts.footnotes}
    assert "Restated: Recounted." in texts


def _broken(case: str, ws: Worksheet) -> str:
    """Breaks the sheet as `case` says; the cell the one finding names."""
    headers = {str(c.value): c.column_letter for c in ws[1]}
    row = _restated_row(ws)
    if case == "reason for the report's year":
        current = find_row(ws, Item="figure", Concept="Scope1GreenhouseGasEmissions", Period=None)
        ws[f"{headers['Language']}{current}"] = "en"
        ws[f"{headers['Restated']}{current}"] = "Recounted."
        return f"{headers['Restated']}{current}"
    if case == "reason without a language":
        ws[f"{headers['Language']}{row + 1}"] = None
        return f"{headers['Restated']}{row + 1}"
    ws[f"{headers['Language']}{row + 1}"] = "en"   # the same language twice
    return f"{headers['Restated']}{row + 1}"


BROKEN = {"reason for the report's year": "only a prior-year figure can be restated",
          "reason without a language": "gives no language",
          "reason given twice in one language": "given twice"}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_restatements_named_at_the_cell(app: typer.Typer, workbook: Path, tmp_path: Path, case: str) -> None:
    book = load_workbook(workbook)
    named = _broken(case, book["Environmental"])
    book.save(workbook)
    assert_export_names(app, workbook, tmp_path / "out", f"Environmental!{named}", BROKEN[case])
