"""docs/workbook.md describes every sheet and every column the workbook has, under either rulebook."""

from __future__ import annotations

from pathlib import Path

from esgxbrl.catalogue import GUIDES, load_catalogue
from esgxbrl.preparer.workbook import layout

DOC = Path(__file__).resolve().parents[1] / "docs" / "workbook.md"


def test_every_sheet_and_column_is_described() -> None:
    text = DOC.read_text(encoding="utf-8")
    headings = {line.removeprefix("## ") for line in text.splitlines() if line.startswith("## ")}
    missing = []
    for version in sorted(set(GUIDES.values())):
        catalogue = load_catalogue(version)
        for sheet in layout.sheets(catalogue):
            if sheet.provisions:   # the provision sheets share one section, which names each
                if f"*{sheet.name}*" not in text:
                    missing.append(sheet.name)
                continue
            if sheet.name not in headings:
                missing.append(sheet.name)
            missing += [f"{sheet.name}: {c.title}" for c in sheet.columns if c.title not in text]
        missing += [f"Report: {key}" for key, *_ in layout.report_fields(catalogue) if f"`{key}`" not in text]
    missing += [f"item {item}" for item in layout.ITEMS if f"| `{item}` |" not in text]
    assert missing == []
