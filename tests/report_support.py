"""Report files for the tests: one changed in a single place, and the errors loading one finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from esgxbrl.errors import InputInvalid
from esgxbrl.preparer.load import loads_report


def excerpt_report(provisions: str) -> str:
    """The head of a report file that carries an excerpt of the named provisions ("A2.2, B5.1")."""
    return f"""\
format: esgxbrl/1
guide: hkex-c2-2020
entity: {{name: {{en: Example Ltd}}, identifiers: [{{scheme: hkex-stock-code, value: "9997"}}]}}
period: {{start: 2023-01-01, end: 2023-12-31}}
currency: HKD
report: {{title: {{en: Test report}}, language: en}}
excerpt:
  what: {{en: one table}}
  provisions: [{provisions}]
"""


def replaced(path: Path, old: str, new: str) -> str:
    """The text of a report file with the first `old` (which it must hold) replaced by `new`."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def error_messages(text: str) -> list[str]:
    """The messages of the errors found in a report file's text, which must not load."""
    with pytest.raises(InputInvalid) as caught:
        loads_report(text)
    return [f.message for f in caught.value.findings if f.severity == "error"]
