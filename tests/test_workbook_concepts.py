"""The issuer's own concepts through a workbook: the Concepts sheet, the drop-downs that offer them, their
figures and texts read back as the report file gives them, and broken cells named one by one."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook

from esgxbrl.preparer.load import load_report
from workbook_support import assert_export_names, find_row, import_workbook, set_cells

ROOT = Path(__file__).resolve().parents[1]
CONCEPTS = ROOT / "tests" / "data" / "bus-concepts-2023.yaml"


@pytest.fixture
def workbook(app: typer.Typer, tmp_path: Path) -> Path:
    return import_workbook(app, CONCEPTS, tmp_path / "concepts.xlsx")


def test_issuer_concepts_through_a_workbook_keep_every_fact(workbook: Path) -> None:
    from_yaml, from_workbook = load_report(CONCEPTS), load_report(workbook)
    assert from_workbook.facts == from_yaml.facts
    assert from_workbook.report.concepts == from_yaml.report.concepts
    issuer = {f.concept for f in from_workbook.facts.facts if f.concept.startswith("issuer:")}
    assert issuer == {"issuer:DieselConsumedByBusFleet", "issuer:PaperWasteCollectedAtDepots",
                      "issuer:NumberOfBusCaptains", "issuer:LowEmissionBusProgrammeExplanatory"}
    rows = list(load_workbook(workbook)["Concepts"].iter_rows(min_row=2, values_only=True))
    assert ("NumberOfBusCaptains", "zh-Hant", "車長人數", "count", None, "instant", "B1.1", "NumberOfEmployees",
            "narrower") in rows
    assert ("NumberOfBusCaptains", "en", "Number of bus captains", None, None, None, None, None, None) in rows
    assert len(rows) == 8   # two labels of each of the four concepts


def test_drop_downs_offer_the_issuer_concepts(workbook: Path) -> None:
    book = load_workbook(workbook)
    lists = book["Lists"]
    headers = {str(c.value): c.column_letter for c in lists[1]}
    offered = {str(c.value) for c in lists[headers["Concepts"]][1:] if c.value}
    assert {"DieselConsumedByBusFleet", "LowEmissionBusProgrammeExplanatory", "DirectEnergyConsumption"} <= offered
    environmental = book["Environmental"]
    validations = {str(v.sqref): v.formula1 for v in environmental.data_validations.dataValidation}
    column = headers["Concepts"]
    assert validations["C2:C2000"] == f"=Lists!${column}$2:${column}$2000"
    # each issuer concept has its rows under its provision, labelled in the workbook's language
    row = find_row(environmental, Item="figure", Concept="DieselConsumedByBusFleet", Breakdown="Depot")
    assert environmental.cell(row=row, column=1).value == "A2.1"
    assert environmental.cell(row=row, column=4).value == "Diesel consumed by the bus fleet"
    row = find_row(environmental, Item="narrative", Concept="LowEmissionBusProgrammeExplanatory")
    assert environmental.cell(row=row, column=1).value == "A1.GD"


def test_a_figure_typed_into_an_issuer_concept_row_is_read(workbook: Path) -> None:
    book = load_workbook(workbook)
    social = book["Social"]
    row = find_row(social, Item="figure", Concept="NumberOfBusCaptains")
    social.cell(row=row, column=12).value = 9100
    book.save(workbook)
    facts = {f.concept: f.value for f in load_report(workbook).facts.facts if not f.dimensions}
    assert facts["issuer:NumberOfBusCaptains"] == "9100"


#: a broken Concepts sheet: (cells to set, the cell the one finding names, its words)
BROKEN_CONCEPTS: dict[str, tuple[dict[str, object], str, str]] = {
    "label without a concept": ({"A3": None}, "A3", "names no concept"),
    "type given again otherwise": ({"D3": "mass"}, "D3", "differs from what Concepts!D2 gives"),
    "label given twice in one language": ({"B3": "zh-Hant"}, "C3", "given twice, also at Concepts!C2"),
    "unknown type": ({"D6": "headcount"}, "D6", "headcount"),
    "anchor of another provision": ({"H4": "DirectEnergyConsumption"}, "H4", "DirectEnergyConsumption"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_CONCEPTS))
def test_broken_concepts_named_at_the_cell(app: typer.Typer, workbook: Path, tmp_path: Path, case: str) -> None:
    cells, named, words = BROKEN_CONCEPTS[case]
    set_cells(workbook, "Concepts", cells)
    assert_export_names(app, workbook, tmp_path / "out", f"Concepts!{named}", words)
