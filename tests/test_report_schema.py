"""The generated JSON Schema of the report file accepts real report files and catches typos."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "schemas" / "esgxbrl-report.schema.json").read_text(encoding="utf-8"))


def as_editor_sees(node: Any) -> Any:
    """YAML 1.2 editors read unquoted dates as text, not as date objects."""
    if isinstance(node, dict):
        return {k: as_editor_sees(v) for k, v in node.items()}
    if isinstance(node, list):
        return [as_editor_sees(v) for v in node]
    if isinstance(node, dt.date):
        return node.isoformat()
    return node


def load(path: str) -> Any:
    return as_editor_sees(yaml.safe_load((ROOT / path).read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", ["examples/lufax/2023.yaml", "tests/data/minimal.yaml"])
def test_schema_accepts_real_reports(path: str) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(load(path), SCHEMA, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize(("change", "where"), [
    (lambda d: d["provisions"].setdefault("A9.9", {"status": "disclosed"}), "A9.9"),
    (lambda d: d["provisions"]["A1.2"]["facts"][0].update(concept="Scope9Emissions"), "Scope9Emissions"),
    (lambda d: d["provisions"]["A1.3"].update(status="n/a"), "n/a"),
    (lambda d: d.update(currency="yuan"), "yuan"),
    (lambda d: d["provisions"]["B1.1"]["facts"][1].update(by={"Sex": "Male"}), "Sex"),
])
def test_schema_catches_mistakes(change: Any, where: str) -> None:
    data = load("tests/data/minimal.yaml")
    change(data)
    with pytest.raises(jsonschema.ValidationError, match=where):
        jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
