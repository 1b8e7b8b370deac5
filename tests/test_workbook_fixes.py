"""A finding about a workbook says which sheet, row and column to fill, not which YAML key to add; the same
finding about a YAML file keeps its YAML wording."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from openpyxl import load_workbook

from esgxbrl.errors import InputInvalid
from esgxbrl.preparer.check import check_file
from esgxbrl.preparer.load import load_report, loads_report
from esgxbrl.preparer.workbook.fixes import workbook_fix
from workbook_support import find_row, import_workbook, set_value

ROOT = Path(__file__).resolve().parents[1]
SEGMENTS = ROOT / "tests" / "data" / "bus-segments-2023.yaml"
#: what only a YAML file has: a key to add, a section named by its key, quoting
YAML_WORDING = re.compile(r"this key|`[\w.: -]+:`|under members:|YAML|status: [a-z]")


def _findings(path: Path) -> list[tuple[str | None, str, str | None]]:
    return [(f.cell, f.message, f.fix) for f in check_file(path).findings]


def test_no_fix_of_an_empty_workbook_speaks_yaml(code_template: Path) -> None:
    findings = _findings(code_template)
    fixes = {message.split(":")[0]: (cell, fix) for cell, message, fix in findings}
    report = load_workbook(code_template)["Report"]
    assert fixes["currency"] == (f"Report!D{find_row(report, Field='currency')}",
                                 "fill in the Value of the currency row of the Report sheet")
    assert fixes["entity.name"][1] == "fill in the Value of the entity.name row of the Report sheet and its Language"
    assert fixes["period"][1] == "fill in the Value of the period.start and period.end rows of the Report sheet"
    assert fixes["listing.board"][0] == f"Report!D{find_row(report, Field='listing.board')}"
    spoken = [(cell, fix) for cell, _, fix in findings if fix and YAML_WORDING.search(fix)]
    assert spoken == []


def test_a_provision_left_without_status_is_to_be_chosen_in_its_cell(code_template: Path) -> None:
    book = load_workbook(code_template)
    sheet = book["Climate-related disclosures"]
    row = find_row(sheet, Provision="D-MET-8", Item="status")
    cell = set_value(sheet, row, "Value", None)
    book.save(code_template)
    missing = [(c, f) for c, m, f in _findings(code_template)
               if m.startswith("D-MET-8 (") and "is not in the file" in m]
    assert missing == [(f"'Climate-related disclosures'!{cell}",
                        "choose D-MET-8's status in this cell: disclosed, with the disclosure in the rows below it, "
                        "or not-applicable / not-disclosed, with an explanation row in the report's language")]


def _unknown_segment_fix(report: Path) -> str | None:
    with pytest.raises(InputInvalid) as caught:
        load_report(report)
    (finding,) = caught.value.findings
    assert finding.message == "'Depot' is not a member of BusinessSegment"
    return finding.fix


def test_a_member_the_axis_lacks_is_added_on_the_axes_sheet(app: typer.Typer, tmp_path: Path) -> None:
    workbook = import_workbook(app, SEGMENTS, tmp_path / "segments.xlsx")
    book = load_workbook(workbook)
    environmental = book["Environmental"]
    row = find_row(environmental, Concept="WaterConsumption", Member="FranchisedBus")
    set_value(environmental, row, "Member", "Depot")
    book.save(workbook)
    assert _unknown_segment_fix(workbook) == ("use one of its members (FranchisedBus, NonFranchisedTransport) or "
                                              "add it on the Axes sheet (Axis BusinessSegment, Member, Language, "
                                              "Label)")
    # the same finding about the YAML file keeps its YAML wording
    text = SEGMENTS.read_text(encoding="utf-8").replace(
        "value: \"140,000\", unit: 立方米, by: {BusinessSegment: FranchisedBus}",
        "value: \"140,000\", unit: 立方米, by: {BusinessSegment: Depot}")
    yaml_file = tmp_path / "segments.yaml"
    yaml_file.write_text(text, encoding="utf-8")
    assert _unknown_segment_fix(yaml_file) == ("use one of its members (FranchisedBus, NonFranchisedTransport) or "
                                               "add it under `axes:` to BusinessSegment's members")


def test_yaml_findings_keep_their_wording() -> None:
    with pytest.raises(InputInvalid) as caught:
        loads_report("format: esgxbrl/1\nguide: hkex-c2-2020\n")
    assert {f.fix for f in caught.value.findings if f.message.endswith("Field required")} == {"add this key"}


@pytest.mark.parametrize(("path", "fix", "code", "worded"), [
    (("notes",), "define it under `notes:` or remove the reference", "input",
     "define it on the Notes sheet or remove the reference"),
    (("provisions", "A1.1", "facts", 0, "unit"), "add this key", "shape",
     "fill in the Unit column of the figure's row"),
    (("axes", 0, "label"), "add this key", "shape",
     "add a row on the Axes sheet with the axis in the Axis column, no Member, a Language and its Label"),
    (("provisions", "A1.1", "status"), "add `explanation:` with the reason, in the report's words", "input",
     "add an explanation row (Language and Value) with the reason, in the report's words"),
    (("provisions", "A1.1", "facts", 0, "value"), "check the sign as printed", "range", "check the sign as printed"),
])
def test_fix_worded_for_the_workbook(path: tuple[str | int, ...], fix: str, code: str, worded: str) -> None:
    assert workbook_fix(path, fix, code, "Environmental!L5") == worded
