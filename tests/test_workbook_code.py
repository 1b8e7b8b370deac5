"""A workbook under the 2025 ESG Reporting Code: its sheets follow the rulebook the guide cell names, with
the listing on the Report sheet and a reliefs row per Part D provision."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from arelle_support import run_arelle
from esgxbrl.catalogue import load_catalogue
from esgxbrl.preparer.load import load_report
from esgxbrl.preparer.workbook.layout import quoted as layout_quoted
from workbook_support import find_row, import_workbook, set_cells, set_value

ROOT = Path(__file__).resolve().parents[1]
CODE_REPORT = ROOT / "tests" / "data" / "code2025.yaml"
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2025-01-01.zip"
CLIMATE = "Climate-related disclosures"


def _fill_code(path: Path) -> None:
    """What a preparer types in under the Code: identity, listing, Part D statuses, Scope 1 and 2, a relief."""
    book = load_workbook(path)
    report = book["Report"]
    for field, value in (("entity.name", "Example Holdings Ltd"), ("entity.identifier", "hkex-stock-code:9999"),
                         ("period.start", dt.date(2025, 1, 1)), ("period.end", dt.date(2025, 12, 31)),
                         ("currency", "HKD"), ("report.title", "ESG Report 2025"), ("listing.board", "main"),
                         ("listing.largecap", "no")):
        set_value(report, find_row(report, Field=field), "Value", value)
    climate = book[CLIMATE]
    row = find_row(climate, Provision="D-MET-9", Item="status")
    set_value(climate, row, "Value", "not-applicable")
    row = find_row(climate, Provision="D-MET-9", Item="explanation")
    set_value(climate, row, "Value", "The group sets no internal carbon price.")
    for concept, value in (("Scope1GreenhouseGasEmissions", 1200.5), ("Scope2GreenhouseGasEmissions", 8000)):
        row = find_row(climate, Item="figure", Concept=concept)
        set_value(climate, row, "Value", value)
        set_value(climate, row, "Unit", "tCO2e")
    row = find_row(climate, Provision="D-STR-4", Item="reliefs")
    set_value(climate, row, "Value", "qualitative-financial-effects, reasonable-information")
    book.save(path)


def test_code_template_follows_the_code(code_template: Path) -> None:
    catalogue = load_catalogue("2025-01-01")
    book = load_workbook(code_template)
    assert CLIMATE in book.sheetnames
    report = book["Report"]
    fields = [report.cell(row=r, column=1).value for r in range(2, report.max_row + 1)]
    assert fields[:3] == ["guide", "listing.board", "listing.largecap"]
    assert "hkex-esg-code-2025" in str(report.cell(row=2, column=2).value)   # which guides are allowed
    climate = book[CLIMATE]
    part_d = [p.id for p in catalogue.provisions if p.part == "D"]
    for provision in part_d:
        find_row(climate, Provision=provision, Item="status")
        find_row(climate, Provision=provision, Item="reliefs")
    offered = {str(v.formula1) for v in climate.data_validations.dataValidation}
    assert any("interim-scope-3" in f for f in offered)


def test_empty_code_template_lists_only_what_is_left(app: typer.Typer, code_template: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(code_template)])
    assert "is not in the file" not in result.output
    assert "Report!D3: error: listing.board" in result.output


def test_filled_code_template_exports_with_zero_arelle_errors(app: typer.Typer, code_template: Path,
                                                             tmp_path: Path) -> None:
    _fill_code(code_template)
    result = CliRunner().invoke(app, ["check", str(code_template)])
    assert result.exit_code == 0, result.output
    assert " 0 errors" in result.output
    loaded = load_report(code_template)
    assert loaded.report.listing is not None and loaded.report.listing.board == "main"
    assert loaded.report.provisions["D-STR-4"].reliefs == ["qualitative-financial-effects", "reasonable-information"]
    assert loaded.report.provisions["D-MET-9"].status == "not-applicable"
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["export", str(code_template), "-o", str(out)])
    assert result.exit_code == 0, result.output
    arelle = run_arelle(out / "code.xbrl", [PACKAGE], collect_facts=True)
    assert not arelle.errors, arelle.summary()
    values = {f["concept"].rsplit("}", 1)[-1]: f["value"] for f in arelle.facts}
    assert str(values["Scope1GreenhouseGasEmissions"]) == "1200.5"
    assert "ImplementationReliefsUsedByProvision" in values


def test_code_report_through_a_workbook_keeps_every_fact(app: typer.Typer, tmp_path: Path) -> None:
    workbook = import_workbook(app, CODE_REPORT, tmp_path / "code2025.xlsx")
    from_yaml, from_workbook = load_report(CODE_REPORT), load_report(workbook)
    assert from_workbook.facts == from_yaml.facts
    assert from_workbook.report.listing == from_yaml.report.listing
    assert from_workbook.report.provisions["D-MET-4"].reliefs == from_yaml.report.provisions["D-MET-4"].reliefs


def test_listing_largecap_not_yes_or_no_is_named(app: typer.Typer, code_template: Path) -> None:
    _fill_code(code_template)
    book = load_workbook(code_template)
    report = book["Report"]
    coordinate = set_value(report, find_row(report, Field="listing.largecap"), "Value", "maybe")
    book.save(code_template)
    result = CliRunner().invoke(app, ["check", str(code_template)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: listing" in line]
    assert len(errors) == 1 and errors[0].split(": error")[0].endswith(f"Report!{coordinate}"), result.output
    assert "valid boolean" in errors[0]


def test_code_workbook_holds_the_consolidation_approach_and_the_targets(app: typer.Typer, tmp_path: Path) -> None:
    workbook = import_workbook(app, CODE_REPORT, tmp_path / "code2025.xlsx")
    book = load_workbook(workbook)
    climate = book[CLIMATE]
    row = find_row(climate, Provision="D-MET-3", Item="consolidation_approach")
    assert climate.cell(row=row, column=12).value == "operational-control"
    offered = {str(v.formula1): str(v.sqref) for v in climate.data_validations.dataValidation}
    assert offered['"equity-share,financial-control,operational-control"'] == f"L{row}"
    targets = book["Targets"]
    ids = [(targets.cell(row=r, column=1).value, targets.cell(row=r, column=2).value)
           for r in range(2, targets.max_row + 1)]
    assert ids == [("D-MET-12", "OperationalEmissions2030"), ("D-MET-12", "OperationalEmissions2030"),
                   ("D-MET-12", "ElectricityIntensity2030")]
    from_yaml = load_report(CODE_REPORT).report.provisions
    from_workbook = load_report(workbook).report.provisions
    assert from_workbook["D-MET-3"].consolidation_approach == "operational-control"
    kept = [t.model_dump(exclude={"base_value"}) for t in from_workbook["D-MET-12"].targets]
    assert kept == [t.model_dump(exclude={"base_value"}) for t in from_yaml["D-MET-12"].targets]


def test_guide_template_has_its_targets_and_no_consolidation_row(app: typer.Typer, tmp_path: Path) -> None:
    path = tmp_path / "guide.xlsx"
    assert CliRunner().invoke(app, ["init", "--xlsx", "-o", str(path)]).exit_code == 0
    book = load_workbook(path)
    offered = {str(v.sqref): v.formula1 for v in book["Targets"].data_validations.dataValidation}
    assert offered["A2:A2000"] == '"A1.5,A1.6,A2.3,A2.4"'   # the Guide's target provisions, not D-MET-12
    items = {ws.cell(row=r, column=2).value for ws in book.worksheets[1:4] for r in range(2, ws.max_row + 1)}
    assert "figure" in items and "consolidation_approach" not in items


#: a broken cell of the Targets sheet or the consolidation row: (sheet, cell, value, words of the one finding)
BROKEN_CODE_CELLS = {
    "unknown target type": ("Targets", "G2", "relative", "'absolute' or 'intensity'"),
    "base year as text": ("Targets", "I2", "twenty", "valid integer"),
    "base value as text": ("Targets", "J2", "lots", "not a number as printed"),
    "type differs between rows": ("Targets", "G3", "intensity", "differs from what Targets!G2 gives"),
    "row without target id": ("Targets", "B3", None, "names no target"),
    "provision that asks for no targets": ("Targets", "A4", "D-MET-11", "D-MET-11 does not ask for targets"),
    "provision differs between rows": ("Targets", "A3", "D-MET-1", "differs from what Targets!A2 gives"),
    "unknown approach": (CLIMATE, "L102", "equity", "'operational-control'"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_CODE_CELLS))
def test_broken_targets_or_approach_named_at_the_cell(app: typer.Typer, tmp_path: Path, case: str) -> None:
    workbook = import_workbook(app, CODE_REPORT, tmp_path / "code2025.xlsx")
    before = {line.split(": error", 1)[1] for line in CliRunner().invoke(app, ["check", str(workbook)]).output
              .splitlines() if ": error" in line}
    sheet, cell, value, words = BROKEN_CODE_CELLS[case]
    set_cells(workbook, sheet, {cell: value})
    result = CliRunner().invoke(app, ["check", str(workbook)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    # the fixture leaves provisions out, and a file that does not validate gives no figure for D-MET-1 and 2
    errors = [line for line in result.output.splitlines() if ": error" in line
              and line.split(": error", 1)[1] not in before and "is mandatory for every issuer" not in line]
    assert len(errors) == 1, result.output
    assert errors[0].split(": error")[0].endswith(f"{layout_quoted(sheet)}!{cell}") and words in errors[0], errors
