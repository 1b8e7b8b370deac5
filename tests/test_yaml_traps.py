"""A newcomer's YAML mistakes get a newcomer's error: what YAML made of the line, and the line fixed.

Each case breaks one line of the Lufax example (which checks clean) and runs `esgxbrl check` on it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LUFAX = (ROOT / "examples" / "lufax" / "2023.yaml").read_text(encoding="utf-8")
#: what the shape checker says when it is left to explain a misread line on its own
RAW_MESSAGES = ("should match pattern", "Input should be", "YAML syntax error", "not allowed in this context")


def check_broken(tmp_path: Path, old: str, new: str) -> tuple[str, str]:
    """Check the Lufax file with `old` replaced by `new`; return the one error line and its fix."""
    assert LUFAX.count(old) == 1, f"the example changed: {old!r} is not there exactly once"
    report = tmp_path / "2023.yaml"
    report.write_text(LUFAX.replace(old, new), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "esgxbrl", "check", str(report)], capture_output=True,
                            text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    lines = output.splitlines()
    errors = [index for index, line in enumerate(lines) if ": error" in line]
    assert len(errors) == 1, output
    error = lines[errors[0]]
    assert re.match(rf"{re.escape(str(report))}:\d+:\d+: error", error), error
    assert not any(raw in error for raw in RAW_MESSAGES), error
    fix = lines[errors[0] + 1].strip()
    assert fix.startswith("fix: "), output
    return error, fix.removeprefix("fix: ")


def line_of(text: str) -> int:
    """The line of the Lufax example `text` starts on."""
    return LUFAX[:LUFAX.index(text)].count("\n") + 1


def test_comma_inside_a_flow_mapping(tmp_path: Path) -> None:
    old = "  title: {zh-Hant: 2023年度環境、社會及管治報告}"
    error, fix = check_broken(tmp_path, old, "  title: {en: Environmental, Social and Governance Report 2025}")
    assert f":{line_of(old)}:15: error" in error
    assert 'the text "Environmental, Social and Governance Report 2025" contains a comma inside { }' in error
    assert '"Social and Governance Report 2025" as a key of its own' in error
    assert fix == 'put the text in quotes: title: {en: "Environmental, Social and Governance Report 2025"}'


def test_comma_inside_a_mapping_in_a_flow_sequence(tmp_path: Path) -> None:
    old = "    - {id: about, title: 關於本報告, page: 1}"
    error, fix = check_broken(tmp_path, old, "    - {id: about, title: About, scope and boundary, page: 1}")
    assert f":{line_of(old)}:" in error
    assert '"About, scope and boundary" contains a comma' in error
    assert fix == 'put the text in quotes: - {id: about, title: "About, scope and boundary", page: 1}'


def test_the_example_is_not_misread() -> None:
    """Legitimate dates, numbers and flow mappings of the example raise nothing (it checks clean)."""
    result = subprocess.run([sys.executable, "-m", "esgxbrl", "check", str(ROOT / "examples" / "lufax" / "2023.yaml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout


MISREAD_VALUES = {
    "leading zero": ("  incorporated_in: Cayman Islands ", "  incorporated_in: 0123 ",
                     "0123 is read as the number 83 (a leading 0 makes it an octal number), not as text",
                     'put it in quotes: incorporated_in: "0123"'),
    "trailing zero": ("part: 更有溫度的金融, page: 12}", "part: 1.10, page: 12}",
                      "1.10 is read as the number 1.1 (a number keeps no trailing zeros), not as text",
                      'put it in quotes: - {id: inclusive-finance, title: 深耕普惠金融, part: "1.10", page: 12}'),
    "yes/no word": ("  language: zh-Hant\n", "  language: no\n", "no is read as the yes/no value false, not as text",
                    'put it in quotes: language: "no"'),
    "on": ("tier: high, rank: 1}", "tier: on, rank: 1}", "on is read as the yes/no value true, not as text",
           'tier: "on", rank: 1}'),
    "date": ('    text: {zh-Hant: "環境KPIs密度值以2023年度本集團員工總數為分母計算。"}',
             "    text: {zh-Hant: 2024-03-31}",
             "2024-03-31 is read as a date, not as text", 'put it in quotes: text: {zh-Hant: "2024-03-31"}'),
}


@pytest.mark.parametrize("case", sorted(MISREAD_VALUES))
def test_a_value_read_as_a_number_date_or_yes_no(case: str, tmp_path: Path) -> None:
    old, new, message, fix_part = MISREAD_VALUES[case]
    error, fix = check_broken(tmp_path, old, new)
    assert f":{line_of(old)}:" in error
    assert message in error
    assert fix_part in fix


def test_a_date_that_is_no_day(tmp_path: Path) -> None:
    old = "period: {start: 2023-01-01,"
    error, fix = check_broken(tmp_path, old, "period: {start: 2023-02-30,")
    assert f":{line_of(old)}:17: error" in error
    assert "2023-02-30 is written like a date but is not one (day is out of range for month)" in error
    assert "correct the date" in fix


def test_a_colon_and_a_space_in_a_value(tmp_path: Path) -> None:
    old = "  incorporated_in: Cayman Islands "
    error, fix = check_broken(tmp_path, old, "  incorporated_in: Place: Cayman Islands ")
    assert f":{line_of(old)}:25: error" in error
    assert 'the text "Place: Cayman Islands" contains a colon followed by a space' in error
    assert fix.startswith('put the text in quotes: incorporated_in: "Place: Cayman Islands"   ')
    assert fix.endswith("# (於開曼群島註冊成立的有限公司)"), "the comment stays"


def test_a_colon_and_a_space_inside_braces(tmp_path: Path) -> None:
    old = '    explanation: {zh-Hant: "我們的主營業務不涉及包裝材料的使用。"}'
    error, fix = check_broken(tmp_path, old, "    explanation: {en: Scope: all offices}")
    assert f":{line_of(old)}:" in error
    assert 'the text "Scope: all offices" contains a colon followed by a space' in error
    assert fix == 'put the text in quotes: explanation: {en: "Scope: all offices"}'


def test_a_colon_and_a_space_make_an_item_a_mapping(tmp_path: Path) -> None:
    old = "    sections: [about, strategy]"
    error, fix = check_broken(tmp_path, old, "    sections: [about, Note: see appendix]")
    assert f":{line_of(old)}:23: error" in error
    assert 'so YAML read it as the key "Note" with the value "see appendix"' in error
    assert fix == 'put the text in quotes: sections: [about, "Note: see appendix"]'


def test_a_tab_that_indents(tmp_path: Path) -> None:
    old = "  language: zh-Hant\n"
    error, fix = check_broken(tmp_path, old, "\tlanguage: zh-Hant\n")
    assert f":{line_of(old)}:1: error" in error
    assert "a tab character indents the line: YAML indents with spaces only" in error
    assert fix.startswith("replace the tab with spaces")


def test_a_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    old = "currency: CNY "
    first = line_of(old)
    error, fix = check_broken(tmp_path, old, "currency: HKD\ncurrency: CNY ")
    assert f":{first + 1}:1: error" in error
    assert f"duplicate key 'currency': written on line {first} and again on line {first + 1}" in error
    assert f"merge the two entries into the one on line {first}" in fix
