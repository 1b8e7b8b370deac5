"""The report as a workbook: the template filled in and exported, broken workbooks refused cell by cell,
the same report always the same bytes."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from arelle_support import run_arelle
from esgxbrl.catalogue import load_catalogue
from esgxbrl.model.report import Report
from esgxbrl.preparer.load import load_report, loads_report
from esgxbrl.preparer.source import load_source
from esgxbrl.preparer.to_yaml import report_yaml
from esgxbrl.preparer.workbook.write import workbook_bytes
from test_property_reports import SETTINGS, _difference, report_text, reports
from workbook_support import find_row, import_workbook, init_workbook, set_value

ROOT = Path(__file__).resolve().parents[1]
LUFAX = ROOT / "examples" / "lufax" / "2023.yaml"
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"


@pytest.fixture
def template(app: typer.Typer, tmp_path: Path) -> Path:
    return init_workbook(app, tmp_path / "new.xlsx")


def _fill(path: Path) -> None:
    """What a preparer types in: the report's identity and two figures."""
    book = load_workbook(path)
    report = book["Report"]
    for field, value in (("entity.name", "Example Holdings Ltd"), ("entity.identifier", "hkex-stock-code:9999"),
                         ("period.start", dt.date(2023, 1, 1)), ("period.end", dt.date(2023, 12, 31)),
                         ("currency", "HKD"), ("report.title", "ESG Report 2023")):
        set_value(report, find_row(report, Field=field), "Value", value)
    environmental = book["Environmental"]
    row = find_row(environmental, Item="figure", Concept="Scope1GreenhouseGasEmissions")
    set_value(environmental, row, "Value", 117.63)
    environmental.cell(row=row, column=12).number_format = "#,##0.00"
    set_value(environmental, row, "Unit", "tCO2e")
    social = book["Social"]
    row = find_row(social, Item="figure", Concept="NumberOfEmployees")
    set_value(social, row, "Value", 1200)
    set_value(social, row, "Unit", "persons")
    book.save(path)


def test_template_has_every_provision_and_figure(template: Path) -> None:
    catalogue = load_catalogue()
    book = load_workbook(template)
    listed = {(ws.cell(row=r, column=1).value, ws.cell(row=r, column=3).value)
              for ws in book.worksheets for r in range(2, ws.max_row + 1)}
    for provision in catalogue.provisions:
        assert (provision.id, None) in listed
        for concept in catalogue.concepts_of(provision.id):
            if catalogue.is_figure(concept) or concept.name in provision.narrative:
                assert (provision.id, concept.name) in listed, concept.name
    environmental = book["Environmental"]
    assert environmental.freeze_panes == "A2"
    assert environmental.data_validations.dataValidation, "drop-downs for status, units, members and notes"


def test_filled_template_exports_with_zero_arelle_errors(app: typer.Typer, template: Path, tmp_path: Path) -> None:
    _fill(template)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["export", str(template), "-o", str(out)])
    assert result.exit_code == 0, result.output
    arelle = run_arelle(out / "new.xbrl", [PACKAGE], collect_facts=True)
    assert not arelle.errors, arelle.summary()
    values = {f["concept"].rsplit("}", 1)[-1]: f["value"] for f in arelle.facts}
    assert values["Scope1GreenhouseGasEmissions"] == Decimal("117.63")
    assert values["NumberOfEmployees"] == 1200


def _edit(path: Path, sheet: str, change: Callable[[Worksheet], str]) -> str:
    book = load_workbook(path)
    where = change(book[sheet])
    book.save(path)
    return where


def _figure(concept: str, **cells: object) -> Callable[[Worksheet], str]:
    def change(ws: Worksheet) -> str:
        row = find_row(ws, Item="figure", Concept=concept)
        return [set_value(ws, row, header, value) for header, value in cells.items()][-1]
    return change


CASES: dict[str, tuple[str, Callable[[Worksheet], str], str]] = {
    "wrong unit": ("Environmental", _figure("Scope1GreenhouseGasEmissions", Value=1, Unit="MWh"), "measures energy"),
    "unknown member": ("Social", _figure("NumberOfEmployees", Value=10, Unit="persons", Breakdown="Gender",
                                         Member="Man"), "not a member of Gender"),
    "text in a number cell": ("Environmental", _figure("Scope1GreenhouseGasEmissions", Unit="tCO2e",
                                                       Value="about a hundred"), "is not a number as printed"),
    "uncached formula": ("Environmental", _figure("Scope1GreenhouseGasEmissions", Unit="tCO2e", Value="=1+1"),
                         "formula"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_cell_is_refused_naming_it(app: typer.Typer, template: Path, tmp_path: Path, case: str) -> None:
    _fill(template)
    sheet, change, words = CASES[case]
    coordinate = _edit(template, sheet, change)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["export", str(template), "-o", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if ": error" in line]
    assert len(errors) == 1, result.output
    assert f"{sheet}!" in errors[0] and words in errors[0], result.output
    assert errors[0].split(": error")[0].endswith(f"{sheet}!{coordinate}"), result.output
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("case", ["merged cells", "hidden row", "hidden column", "missing sheet", "changed header"])
def test_broken_workbook_is_refused_naming_the_place(app: typer.Typer, template: Path, tmp_path: Path,
                                                     case: str) -> None:
    _fill(template)
    book = load_workbook(template)
    if case == "merged cells":
        book["Social"].merge_cells("L5:L6")
        expected = "Social!L5"
    elif case == "hidden column":
        book["Environmental"].column_dimensions["N"].hidden = True
        expected = "Environmental!N1: error: column N is hidden"
    elif case == "hidden row":
        book["Environmental"].row_dimensions[7].hidden = True
        expected = "Environmental!A7"
    elif case == "missing sheet":
        del book["Social"]
        expected = "'Social' is missing"
    else:
        book["Notes"]["D1"] = "Words"
        expected = "Notes!D1"
    book.save(template)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["export", str(template), "-o", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if ": error" in line]
    assert len(errors) == 1 and expected in errors[0], result.output
    assert not out.exists()


def test_long_figures_text_as_printed_numbers_as_stored(template: Path) -> None:
    """More than 15 significant digits: a text cell is read as typed; a number cell (a float to openpyxl) as
    the double the file stores, never as more digits than it holds."""
    _fill(template)
    book = load_workbook(template)
    environmental = book["Environmental"]
    text_row = find_row(environmental, Item="figure", Concept="Scope1GreenhouseGasEmissions")
    set_value(environmental, text_row, "Value", "1234567890123456789.5")
    number_row = find_row(environmental, Item="figure", Concept="Scope2GreenhouseGasEmissions")
    set_value(environmental, number_row, "Value", 1234567890123456789.5)
    set_value(environmental, number_row, "Unit", "tCO2e")
    book.save(template)
    book = load_workbook(template)
    stored = book["Environmental"].cell(row=number_row, column=12).value
    assert isinstance(stored, float)
    facts = {f["concept"]: f["value"] for f in load_source(template).data["provisions"]["A1.2"]["facts"]}
    assert facts["Scope1GreenhouseGasEmissions"] == "1234567890123456789.5"
    number = Decimal(facts["Scope2GreenhouseGasEmissions"])
    assert number == Decimal(repr(stored)) and number != Decimal("1234567890123456789.5")
    assert len(number.normalize().as_tuple().digits) <= 17


def test_check_and_diff_take_workbooks(app: typer.Typer, template: Path, tmp_path: Path) -> None:
    _fill(template)
    result = CliRunner().invoke(app, ["check", str(template)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, ["diff", str(template), str(template)])
    assert result.exit_code == 0, result.output
    assert "2 figures: 0 changed" in result.output


def test_same_report_same_bytes() -> None:
    catalogue = load_catalogue()
    report = Report.model_validate(load_source(LUFAX).data, strict=True)
    first = workbook_bytes(report, catalogue)
    assert first == workbook_bytes(report, catalogue)
    assert workbook_bytes(None, catalogue, "en") == workbook_bytes(None, catalogue, "en")
    assert first != workbook_bytes(None, catalogue)


def test_lufax_workbook_exports_the_facts_of_its_yaml(tmp_path: Path) -> None:
    workbook = LUFAX.with_suffix(".xlsx")
    from_yaml = load_report(LUFAX)
    assert load_report(workbook).facts == from_yaml.facts
    # the example is what the tool writes from the YAML now (regenerate: esgxbrl import 2023.yaml -o 2023.xlsx)
    assert workbook.read_bytes() == workbook_bytes(from_yaml.report, from_yaml.catalogue)


def test_import_writes_a_workbook_from_a_published_document(app: typer.Typer, exported: Path,
                                                             tmp_path: Path) -> None:
    back = import_workbook(app, exported / "2023.json", tmp_path / "back.xlsx")
    assert load_report(back).facts == load_report(LUFAX).facts


@SETTINGS
@given(reports())
def test_yaml_to_workbook_to_yaml_keeps_every_fact(data: dict[str, Any]) -> None:
    loaded = loads_report(report_text(data), "generated.yaml")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.xlsx"
        path.write_bytes(workbook_bytes(loaded.report, loaded.catalogue))
        from_workbook = load_report(path)
        assert from_workbook.facts == loaded.facts, _difference(loaded.facts, from_workbook.facts)
        again = loads_report(report_yaml(from_workbook.facts), "again.yaml")
        assert again.facts == loaded.facts
