"""Three or more years in one file, restated prior-year figures with their reason, and diff over the years."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arelle_support import run_arelle
from esgxbrl.errors import InputInvalid
from esgxbrl.preparer.diff import diff_files, render_json, render_text
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import loads_report
from esgxbrl.read import read

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"
SCOPE1 = '      - {concept: Scope1GreenhouseGasEmissions, value: "117.63", unit: 噸二氧化碳當量}\n'


def _years(text: str, lines: list[str]) -> str:
    return text.replace(SCOPE1, SCOPE1 + "".join(f"      - {line}\n" for line in lines))


REPORT_2023 = _years(MINIMAL, [
    '{concept: Scope1GreenhouseGasEmissions, value: "130.10", unit: tCO2e, period: 2022,\n'
    '         restated: {reason: {en: "Refrigerant leaks of 2022 were found in 2023.",\n'
    '                             zh-Hant: 二〇二二年的冷媒洩漏於二〇二三年發現。}}}',
    '{concept: Scope1GreenhouseGasEmissions, value: "140.00", unit: tCO2e, period: 2021}',
])
REPORT_2022 = _years(MINIMAL.replace("{start: 2023-01-01, end: 2023-12-31}",
                                     "{start: 2022-01-01, end: 2022-12-31}")
                     .replace('value: "117.63", unit: 噸二氧化碳當量}', 'value: "125.00", unit: 噸二氧化碳當量}'), [])
REPORT_2022 = REPORT_2022.replace('value: "125.00", unit: 噸二氧化碳當量}\n',
                                  'value: "125.00", unit: 噸二氧化碳當量}\n'
                                  '      - {concept: Scope1GreenhouseGasEmissions, value: "140.00", unit: tCO2e, '
                                  'period: 2021}\n', 1)


def _scope1(text: str) -> dict[int, tuple[str | None, tuple[str, ...]]]:
    facts = loads_report(text).facts
    return {f.period.end.year: (f.value, f.footnotes) for f in facts.facts
            if f.concept == "hkesg:Scope1GreenhouseGasEmissions" and not f.dimensions}


def test_three_years_in_one_file_each_by_its_period() -> None:
    years = _scope1(REPORT_2023)
    assert {year: value for year, (value, _) in years.items()} == {2023: "117.63", 2022: "130.1", 2021: "140"}


def test_a_restated_figure_carries_its_reason_as_a_footnote() -> None:
    facts = loads_report(REPORT_2023).facts
    years = _scope1(REPORT_2023)
    texts = {f.id: f.text for f in facts.footnotes}
    restated = [texts[i] for i in years[2022][1]]
    assert restated == ["Restated: Refrigerant leaks of 2022 were found in 2023.",
                        "重列：二〇二二年的冷媒洩漏於二〇二三年發現。"]
    assert years[2021][1] == () and years[2023][1] == ()


def test_only_a_prior_year_figure_can_be_restated() -> None:
    text = MINIMAL.replace(SCOPE1, SCOPE1.replace("}\n", ", restated: {reason: {en: Recounted.}}}\n"))
    with pytest.raises(InputInvalid) as caught:
        loads_report(text)
    [finding] = caught.value.findings
    assert "only a prior-year figure" in finding.message and finding.provision == "A1.2"


def test_restatements_survive_every_syntax_and_arelle(tmp_path: Path) -> None:
    source = tmp_path / "years-2023.yaml"
    source.write_text(REPORT_2023, encoding="utf-8")
    export(source, tmp_path / "out")
    expected = loads_report(REPORT_2023).facts
    for name, inline in (("years-2023.xbrl", False), ("years-2023.html", True), ("years-2023.json", False)):
        result = run_arelle(tmp_path / "out" / name, [PACKAGE], inline=inline)
        assert result.errors == [], f"{name}: {result.summary()}"
        back = read(tmp_path / "out" / name)
        assert set(back.facts) == set(expected.facts), name
        assert any(f.text.startswith("Restated: ") for f in back.footnotes), name
    assert "Restated: Refrigerant leaks" in (tmp_path / "out" / "years-2023.html").read_text(encoding="utf-8")


def test_diff_shows_each_year_both_files_carry(tmp_path: Path) -> None:
    old, new = tmp_path / "2022.yaml", tmp_path / "2023.yaml"
    old.write_text(REPORT_2022, encoding="utf-8")
    new.write_text(REPORT_2023, encoding="utf-8")
    report = diff_files(old, new)
    [row] = [r for r in report.years if r.concept == "Scope1GreenhouseGasEmissions"]
    assert [title for title, *_ in row.years] == ["2021", "2022", "2023"]
    assert row.year_cell("2022") == "125.00 → 130.10" and row.year_cell("2021") == "140.00"
    assert row.year_cell("2023") == "117.63"
    [restated] = [f for f in report.findings if f.code == "restated"]
    assert restated.severity == "info" and "Refrigerant leaks" in restated.message
    text = render_text(report)
    assert "several years" in text and "125.00 → 130.10" in text
    shown = json.loads(render_json(report))
    [years] = [y for y in shown["years"] if y["concept"] == "Scope1GreenhouseGasEmissions"]
    assert years["years"]["2022"] == {"old": "125.00", "new": "130.10"}
    assert years["years"]["2023"] == {"old": None, "new": "117.63"}
