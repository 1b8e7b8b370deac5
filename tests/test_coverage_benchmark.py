"""The coverage benchmark itself: a printed figure the report file writes is a fact, one whose value is in
the file's texts and has a reason is narrative, anything else is lost."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from report_support import excerpt_report

ROOT = Path(__file__).resolve().parents[1]

REPORT = excerpt_report("A2.2") + """\
notes:
  kept:
    text: {en: "Water per visitor 0.37 m3, not written as a fact."}
    kind: source-remark
provisions:
  A2.2:
    status: disclosed
    notes: [kept]
    facts:
      - {concept: WaterConsumption, value: "1,234", unit: m³}
      - {concept: WaterConsumption, value: "1,100", unit: m³, period: 2022}
"""

INVENTORY = """\
id,page,what,value,unit,year,narrative
w-1,10,Water consumption,"1,234",m3,2023,
w-2,10,Water per visitor,0.37,m3 per visitor,2023,needs a declared denominator
w-3,10,Water recycled,56,m3,2023,
w-4,10,Water consumption,"1,234",m3,2022,
"""


def _benchmark() -> ModuleType:
    """benchmarks/coverage.py, a script rather than a package module, loaded from its file once."""
    if "coverage_benchmark" not in sys.modules:
        spec = importlib.util.spec_from_file_location("coverage_benchmark", ROOT / "benchmarks" / "coverage.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["coverage_benchmark"] = module   # its dataclasses look their module up while being made
        spec.loader.exec_module(module)
    return sys.modules["coverage_benchmark"]


@pytest.fixture()
def examples(tmp_path: Path) -> Path:
    folder = tmp_path / "examples" / "example"
    folder.mkdir(parents=True)
    (folder / "2023.yaml").write_text(REPORT, encoding="utf-8")
    (folder / "2023.printed.csv").write_text(INVENTORY, encoding="utf-8")
    return tmp_path / "examples"


def test_written_narrative_and_lost_figures_are_told_apart(examples: Path) -> None:
    result = _benchmark().measure(examples / "example" / "2023.printed.csv")
    assert result.error is None
    assert (result.printed, result.facts) == (4, 1)
    assert dict(result.narrative) == {"needs a declared denominator": 1}
    # w-3 is printed and nowhere in the file; w-4's value is written, but for 2023, not for 2022
    assert result.lost == ["w-3", "w-4"]


def test_the_table_and_json_report_the_counts(examples: Path, capsys: pytest.CaptureFixture[str]) -> None:
    benchmark = _benchmark()
    assert benchmark.main(["--examples", str(examples)]) == 0
    table = capsys.readouterr().out
    assert "| example/2023.yaml | 4 | 1 | 0 | 1 | 2 | 25.0 % |" in table
    assert "lost: w-3, w-4" in table and "not met by example/2023.yaml" in table
    assert benchmark.main(["--examples", str(examples), "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["printed"], row["facts"], row["lost"], row["share"]) == (4, 1, ["w-3", "w-4"], 0.25)


def test_a_file_that_does_not_load_loses_every_figure(examples: Path) -> None:
    report = examples / "example" / "2023.yaml"
    report.write_text(REPORT.replace("unit: m³}", "unit: furlongs}"), encoding="utf-8")
    result = _benchmark().measure(examples / "example" / "2023.printed.csv")
    assert result.error is not None and result.facts == 0
    assert result.lost == ["w-1", "w-2", "w-3", "w-4"]


def test_no_inventory_is_an_error(tmp_path: Path) -> None:
    assert _benchmark().main(["--examples", str(tmp_path)]) == 1


def test_a_percentage_and_a_target_reduction_match_their_printed_rows(tmp_path: Path) -> None:
    folder = tmp_path / "example"
    folder.mkdir()
    report = REPORT.replace("provisions: [A2.2]", "provisions: [A2.2, A2.4]") + """\
  A2.4:
    status: disclosed
    targets:
      - {id: Water2030, label: {en: Water use}, base_year: 2019, target_year: 2030, reduction: "15"}
"""
    (folder / "2023.yaml").write_text(report, encoding="utf-8")
    (folder / "2023.printed.csv").write_text(
        "id,page,what,value,unit,year,narrative\n"
        "t-1,3,Water use reduction by 2030,15%,%,2030,\n"
        "t-2,3,Water use reduction by 2030,15%,%,2023,\n", encoding="utf-8")
    result = _benchmark().measure(folder / "2023.printed.csv")
    assert result.error is None
    # the reduction is a figure of its target year, not of the report's
    assert (result.facts, result.lost) == (1, ["t-2"])


def test_a_rounded_repeat_of_a_fact_counts_only_when_it_is_that_fact_rounded(examples: Path) -> None:
    inventory = examples / "example" / "2023.printed.csv"
    inventory.write_text(
        "id,page,what,value,unit,year,narrative,same_as\n"
        "w-1,10,Water consumption,\"1,234\",m3,2023,,\n"
        "w-5,11,Water consumption (chart),1.23,thousand m3,2023,,w-1\n"
        "w-6,11,Water consumption (chart),1.24,thousand m3,2023,,w-1\n"
        "w-7,11,Water recycled (chart),0.1,thousand m3,2023,,w-3\n"
        "w-3,10,Water recycled,56,m3,2023,,\n", encoding="utf-8")
    result = _benchmark().measure(inventory)
    # w-6 is not 1,234 rounded; w-7 repeats a figure that is not a fact
    assert (result.facts, result.repeats, result.lost) == (2, 1, ["w-6", "w-7", "w-3"])
