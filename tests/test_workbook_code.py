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
from test_workbook import _row, _set

ROOT = Path(__file__).resolve().parents[1]
CODE_REPORT = ROOT / "tests" / "data" / "code2025.yaml"
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2025-01-01.zip"
CLIMATE = "Climate-related disclosures"


@pytest.fixture
def code_template(app: typer.Typer, tmp_path: Path) -> Path:
    path = tmp_path / "code.xlsx"
    result = CliRunner().invoke(app, ["init", "--xlsx", "--guide", "hkex-esg-code-2025", "--lang", "en",
                                      "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _fill_code(path: Path) -> None:
    """What a preparer types in under the Code: identity, listing, Part D statuses, Scope 1 and 2, a relief."""
    book = load_workbook(path)
    report = book["Report"]
    for field, value in (("entity.name", "Example Holdings Ltd"), ("entity.identifier", "hkex-stock-code:9999"),
                         ("period.start", dt.date(2025, 1, 1)), ("period.end", dt.date(2025, 12, 31)),
                         ("currency", "HKD"), ("report.title", "ESG Report 2025"), ("listing.board", "main"),
                         ("listing.largecap", "no")):
        _set(report, _row(report, Field=field), "Value", value)
    climate = book[CLIMATE]
    row = _row(climate, Provision="D-MET-9", Item="status")
    _set(climate, row, "Value", "not-applicable")
    row = _row(climate, Provision="D-MET-9", Item="explanation")
    _set(climate, row, "Value", "The group sets no internal carbon price.")
    for concept, value in (("Scope1GreenhouseGasEmissions", 1200.5), ("Scope2GreenhouseGasEmissions", 8000)):
        row = _row(climate, Item="figure", Concept=concept)
        _set(climate, row, "Value", value)
        _set(climate, row, "Unit", "tCO2e")
    row = _row(climate, Provision="D-STR-4", Item="reliefs")
    _set(climate, row, "Value", "qualitative-financial-effects, reasonable-information")
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
        _row(climate, Provision=provision, Item="status")
        _row(climate, Provision=provision, Item="reliefs")
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
    workbook = tmp_path / "code2025.xlsx"
    result = CliRunner().invoke(app, ["import", str(CODE_REPORT), "-o", str(workbook)])
    assert result.exit_code == 0, result.output
    from_yaml, from_workbook = load_report(CODE_REPORT), load_report(workbook)
    assert from_workbook.facts == from_yaml.facts
    assert from_workbook.report.listing == from_yaml.report.listing
    assert from_workbook.report.provisions["D-MET-4"].reliefs == from_yaml.report.provisions["D-MET-4"].reliefs


def test_listing_largecap_not_yes_or_no_is_named(app: typer.Typer, code_template: Path) -> None:
    _fill_code(code_template)
    book = load_workbook(code_template)
    report = book["Report"]
    coordinate = _set(report, _row(report, Field="listing.largecap"), "Value", "maybe")
    book.save(code_template)
    result = CliRunner().invoke(app, ["check", str(code_template)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: listing" in line]
    assert len(errors) == 1 and errors[0].split(": error")[0].endswith(f"Report!{coordinate}"), result.output
    assert "valid boolean" in errors[0]
