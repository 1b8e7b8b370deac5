"""A fact set back to a report file: exporting the rebuilt file gives exactly the same facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from esgxbrl import load_report, loads_report
from esgxbrl.preparer.load import to_html
from esgxbrl.preparer.to_yaml import from_html, report_yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("path", ["tests/data/minimal.yaml", "examples/lufax/2023.yaml"])
def test_rebuilt_report_exports_the_same_facts(path: str) -> None:
    original = load_report(ROOT / path)
    rebuilt = loads_report(report_yaml(original.facts), "rebuilt.yaml")
    assert rebuilt.facts == original.facts


def test_rebuilt_report_is_deterministic() -> None:
    facts = load_report(ROOT / "examples/lufax/2023.yaml").facts
    assert report_yaml(facts) == report_yaml(facts)


@pytest.mark.parametrize("text", ["一段。", "第一段。\n\n第二段。", "標題\n\n- 甲\n- 乙 <b>&\n\n結語", "行一\n行二"])
def test_text_blocks_round_trip(text: str) -> None:
    assert from_html(to_html(text)) == text


def test_precision_is_kept_when_printing_back() -> None:
    facts = load_report(ROOT / "examples/lufax/2023.yaml").facts
    text = report_yaml(facts)
    assert 'value: 8.00\n' in text or "value: '8.00'" in text
    assert "unit: 萬元" in text
    assert "value: '33.69'" in text
