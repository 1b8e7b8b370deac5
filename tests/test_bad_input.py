"""Broken report files: one clear error with its line, exit 1, no traceback, nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "esgxbrl", *args], capture_output=True, text=True, timeout=120)


CASES = {
    "yaml syntax": ("      - {concept: Scope1GreenhouseGasEmissions, value: \"117.63\", unit: 噸二氧化碳當量}",
                    "      - {concept: Scope1GreenhouseGasEmissions, value: \"117.63\", unit: 噸二氧化碳當量",
                    "YAML syntax error"),
    "wrong type": ("period: {start: 2023-01-01, end: 2023-12-31}", "period: {start: soon, end: 2023-12-31}",
                   "period.start"),
    "unknown unit": ("value: \"117.63\", unit: 噸二氧化碳當量}", "value: \"117.63\", unit: 斤}", "unknown unit '斤'"),
    "unknown provision": ("  A1.3:\n", "  A1.9:\n", "unknown provision 'A1.9'"),
    "negative count": ("value: \"79\", unit: 人", "value: \"-79\", unit: 人", "cannot be negative"),
    "breakdown off": ("value: \"19,777\", unit: 人", "value: \"19,778\", unit: 人", "parts by Gender sum to 36,216"),
    "not applicable unexplained": ("    explanation: {zh-Hant: 不涉及有害廢棄物。}\n", "", "gives no explanation"),
    "unknown member": ("by: {Gender: Male}", "by: {Gender: Man}", "'Man' is not a member of Gender"),
    "unknown concept": ("concept: Scope3GreenhouseGasEmissions", "concept: Scope4GreenhouseGasEmissions",
                        "unknown concept 'Scope4GreenhouseGasEmissions'"),
    "duplicate key": ("currency: CNY\n", "currency: CNY\ncurrency: HKD\n", "duplicate key 'currency'"),
    "percent over 100": ("value: \"33.69\", unit: \"%\"", "value: \"133.69\", unit: \"%\"", "above 100%"),
    "wrong unit kind": ("value: \"587.26\", unit: 千個千瓦時", "value: \"587.26\", unit: 立方米", "measures volume"),
    "member on two axes": ("notes:\n  n1:", "  FocusArea:\n    - {name: Overseas2, label: {en: x}}\nnotes:\n  n1:",
                           "Overseas2 is declared twice"),
    "rank as a figure": ("      - {concept: EmployeeTurnoverRate, value: \"33.69\", unit: \"%\"}",
                         "      - {concept: EmployeeTurnoverRate, value: \"33.69\", unit: \"%\"}\n  MDR.principles:\n"
                         "    status: disclosed\n    facts:\n"
                         "      - {concept: MaterialTopicRank, value: \"1\", unit: 個}",
                         "MaterialTopicRank is not written as a figure"),
    "blank text": ("explanation: {zh-Hant: 不涉及有害廢棄物。}", "explanation: {zh-Hant: \"\u3000\"}",
                   "String should match pattern"),
    "stakeholder list in mixed languages": (
        "notes:\n  n1:",
        "stakeholders:\n  - name: {zh-Hant: 員工}\n    concerns: [{zh-Hant: 培訓}, {en: Pay}]\nnotes:\n  n1:",
        "the items are not all given in the same languages"),
    "two identifiers in one scheme": ('identifiers: [{scheme: hkex-stock-code, value: "9999"}]',
                                      'identifiers: [{scheme: hkex-stock-code, value: "9999"}, '
                                      '{scheme: hkex-stock-code, value: "9998"}]',
                                      "a second identifier in the scheme hkex-stock-code"),
    "stakeholder id taken": (
        "notes:\n  n1:", "stakeholders:\n  - {id: Overseas2, name: {en: Overseas investors}}\nnotes:\n  n1:",
        "Overseas2Member is declared twice"),
    "stakeholder groups as members": (
        "notes:\n  n1:", "  StakeholderGroup:\n    - {name: Staff, label: {en: Staff}}\nnotes:\n  n1:",
        "list them under `stakeholders:` instead"),
    "intensity off": ("value: \"0.65\", unit: 噸二氧化碳當量/人", "value: \"0.95\", unit: 噸二氧化碳當量/人",
                      "GreenhouseGasEmissionsIntensity is 0.95 per employee"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_input_is_one_clear_error(case: str, tmp_path: Path) -> None:
    old, new, expected = CASES[case]
    assert old in MINIMAL, f"fixture changed: {old!r} not found"
    broken = MINIMAL.replace(old, new, 1)
    report = tmp_path / "2023.yaml"
    report.write_text(broken, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("export", str(report), "-o", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert expected in result.stderr, result.stderr
    error_lines = [line for line in result.stderr.splitlines() if ": error" in line]
    assert len(error_lines) == 1, result.stderr
    assert error_lines[0].startswith(f"{report}:"), error_lines[0]
    assert error_lines[0].split(":")[1].isdigit(), "the error names a line"
    assert "fix:" in result.stderr
    assert not out.exists() or not any(out.iterdir()), "nothing is written on failure"


def test_missing_file(tmp_path: Path) -> None:
    result = run_cli("export", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert "no such file" in result.stderr and "Traceback" not in result.stderr


def test_every_error_is_reported_at_once(tmp_path: Path) -> None:
    broken = MINIMAL.replace("unit: 噸二氧化碳當量}", "unit: 斤}").replace("by: {Gender: Male}", "by: {Gender: Man}")
    report = tmp_path / "2023.yaml"
    report.write_text(broken, encoding="utf-8")
    result = run_cli("validate", str(report))
    assert result.returncode == 1
    assert result.stderr.count(": error") >= 5  # four 斤 units and one unknown member


def test_failure_leaves_earlier_outputs_untouched(tmp_path: Path) -> None:
    report = tmp_path / "2023.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    assert run_cli("export", str(report)).returncode == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    report.write_text(MINIMAL.replace("value: \"79\"", "value: \"-79\""), encoding="utf-8")
    assert run_cli("export", str(report)).returncode == 1
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name != "2023.yaml"}
    assert after == {k: v for k, v in before.items() if k != "2023.yaml"}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_prints_what_it_wrote_where(tmp_path: Path) -> None:
    report = tmp_path / "2023.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    result = run_cli("export", str(report), "-o", str(tmp_path / "published"))
    assert result.returncode == 0, result.stderr
    assert f"wrote {tmp_path / 'published' / '2023.xbrl'}" in result.stdout


def test_formats_can_be_chosen(tmp_path: Path) -> None:
    report = tmp_path / "2023.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    result = run_cli("export", str(report), "-o", str(tmp_path / "out"), "-f", "json", "-f", "html", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".html", ".json", ".xsd"]
    assert 'lang="zh-Hant"' in (tmp_path / "out" / "2023.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("option", "value", "expected"), [("-f", "pdf", "unknown format pdf"),
                                                           ("--lang", "fr", "no labels in 'fr'")])
def test_bad_options_are_one_clear_error(tmp_path: Path, option: str, value: str, expected: str) -> None:
    report = tmp_path / "2023.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    result = run_cli("export", str(report), "-o", str(tmp_path / "out"), option, value)
    assert result.returncode == 1 and expected in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
