"""The report as an Excel workbook: a template to fill in, a report written out, and a workbook read back.

A workbook reads into exactly the data a YAML report file reads into, with every value's cell
remembered, so every check and every finding works on it unchanged and names `Sheet!J14`.
"""

from __future__ import annotations

from pathlib import Path

WORKBOOK_SUFFIXES = frozenset({".xlsx"})


def is_workbook(path: str | Path) -> bool:
    return Path(path).suffix.lower() in WORKBOOK_SUFFIXES
