"""Workbooks for the tests: written by the CLI, their cells found by header and changed, and what the CLI
then says about them."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import typer
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner


def find_row(ws: Worksheet, **match: object) -> int:
    """The first row whose cells in the named columns (by header) hold the given values."""
    headers = {str(c.value): c.column for c in ws[1]}
    for row in range(2, ws.max_row + 1):
        if all(ws.cell(row=row, column=headers[h]).value == v for h, v in match.items()):
            return row
    raise AssertionError(f"no row {match} in {ws.title}")


def set_value(ws: Worksheet, row: int, header: str, value: object) -> str:
    """Set the cell of `row` in the column headed `header`; its coordinate."""
    headers = {str(c.value): c.column for c in ws[1]}
    cell = ws.cell(row=row, column=headers[header])
    cell.value = value
    return cell.coordinate


def import_workbook(app: typer.Typer, report: Path, out: Path) -> Path:
    """The workbook `esgxbrl import` writes of a report file."""
    result = CliRunner().invoke(app, ["import", str(report), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def init_workbook(app: typer.Typer, out: Path, *options: str) -> Path:
    """The empty workbook `esgxbrl init --xlsx` writes, in English."""
    result = CliRunner().invoke(app, ["init", "--xlsx", *options, "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def set_cells(workbook: Path, sheet: str, cells: Mapping[str, object]) -> None:
    """Type values into cells of one sheet (A1: value) and save the workbook."""
    book = load_workbook(workbook)
    for cell, value in cells.items():
        book[sheet][cell] = value
    book.save(workbook)


def assert_one_error(app: typer.Typer, args: list[str], cell: str, words: str) -> None:
    """The command fails with a single error, about `cell` (Sheet!A1), that says `words`."""
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if ": error" in line]
    assert len(errors) == 1, result.output
    assert errors[0].split(": error")[0].endswith(cell) and words in errors[0], errors


def assert_nothing_written(out: Path) -> None:
    assert not out.exists() or not any(out.iterdir())


def assert_export_names(app: typer.Typer, workbook: Path, out: Path, cell: str, words: str) -> None:
    """`esgxbrl export` fails with a single error, about `cell` (Sheet!A1), that says `words`, and writes nothing."""
    assert_one_error(app, ["export", str(workbook), "-o", str(out)], cell, words)
    assert_nothing_written(out)


def assert_export_refused(app: typer.Typer, workbook: Path, out: Path) -> None:
    """`esgxbrl export` fails and writes nothing."""
    assert CliRunner().invoke(app, ["export", str(workbook), "-o", str(out)]).exit_code == 1
    assert_nothing_written(out)
