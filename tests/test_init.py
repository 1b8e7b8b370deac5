"""`esgxbrl init`: a starting file with all 51 provisions that validates once filled in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner

from esgxbrl.catalogue import load_catalogue
from esgxbrl.preparer.check import check_file
from esgxbrl.preparer.init_template import template_text
from esgxbrl.preparer.load import load_report
from esgxbrl.preparer.source import load_source

LUFAX = Path("examples/lufax/2023.yaml")


@pytest.fixture(scope="module")
def template() -> str:
    return template_text("zh-Hant")


def test_every_provision_in_place(template: str) -> None:
    catalogue = load_catalogue()
    data = yaml.safe_load(template)
    assert list(data["provisions"]) == [p.id for p in catalogue.provisions]
    assert len(data["provisions"]) == 51
    for provision in catalogue.provisions:
        slot = data["provisions"][provision.id]
        assert slot["status"] == "disclosed"
        assert list(slot["narrative"]) == list(provision.narrative)
        for fact in slot.get("facts", []):
            assert catalogue.concept(fact["concept"]).provision == provision.id
            assert fact["value"] == ""


def test_comments_say_what_each_asks(template: str) -> None:
    a12 = load_catalogue().provision("A1.2")
    assert "# A1.2  Scope 1 and scope 2 greenhouse gas emissions and intensity" in template
    assert "# A1.2  直接（範圍1）及能源間接（範圍2）溫室氣體排放量及密度" in template
    assert a12.requirement["en"].split()[0] in template
    assert "要求：直接（範圍1）" in template
    assert "Scope1GreenhouseGasEmissions (tCO2e)" in template
    assert '- {concept: Scope1GreenhouseGasEmissions, value: "", unit: "噸二氧化碳當量"}' in template
    assert '- {concept: GreenhouseGasEmissionsIntensity, value: "", unit: "噸二氧化碳當量/人"}' in template


def test_english_template(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["init", "--lang", "en"])
    assert result.exit_code == 0
    data = yaml.safe_load(result.output)
    assert data["report"]["language"] == "en"
    assert data["provisions"]["A2.1"]["narrative"] == {"EnergyConsumptionExplanatory": {"en": ""}}
    assert {"concept": "TotalEnergyConsumption", "value": "", "unit": "MWh"} in data["provisions"]["A2.1"]["facts"]
    assert template_text("en") == template_text("en")


def test_unfilled_template_does_not_pass_check(template: str, tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    path.write_text(template, encoding="utf-8")
    report = check_file(path)
    assert report.blocking
    assert len(report.provisions) == 51 and all(p.status == "disclosed" for p in report.provisions)


def fill(template: str, report: dict[str, Any]) -> dict[str, Any]:
    """The template's structure, filled with a report's values slot by slot."""
    data: dict[str, Any] = yaml.safe_load(template)
    for key in ("entity", "period", "currency", "report", "members", "notes", "materiality", "stakeholders", "sdgs"):
        if key in report:
            data[key] = report[key]
    for provision_id, slot in data["provisions"].items():
        entry = report["provisions"][provision_id]
        filled: dict[str, Any] = {"status": entry["status"]}
        for key in ("explanation", "location", "sections", "sdgs", "notes"):
            if key in entry:
                filled[key] = entry[key]
        narrative = entry.get("narrative", {})
        assert set(narrative) <= set(slot["narrative"]), provision_id
        if narrative:
            filled["narrative"] = {name: narrative[name] for name in slot["narrative"] if name in narrative}
        placeholders = {fact["concept"] for fact in slot.get("facts", [])}
        for fact in entry.get("facts", []):
            assert fact["concept"] in placeholders, (provision_id, fact["concept"])
        if entry.get("facts"):
            filled["facts"] = entry["facts"]
        data["provisions"][provision_id] = filled
    return data


def test_filled_from_lufax_is_accepted(template: str, tmp_path: Path) -> None:
    lufax = load_source(LUFAX).data      # raw: figures keep the text they were printed with
    path = tmp_path / "filled.yaml"
    path.write_text(yaml.safe_dump(fill(template, lufax), allow_unicode=True, sort_keys=False), encoding="utf-8")
    filled = load_report(path)
    original = load_report(LUFAX)
    assert {f.id for f in filled.facts.facts} == {f.id for f in original.facts.facts}
    assert filled.facts.facts == original.facts.facts
    assert not check_file(path).blocking


def test_writes_a_file_and_never_overwrites(app: typer.Typer, tmp_path: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "2024.yaml"
    result = runner.invoke(app, ["init", "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == template_text("zh-Hant")
    path.write_text("# my work\n", encoding="utf-8")
    again = runner.invoke(app, ["init", "-o", str(path)])
    assert again.exit_code == 1
    assert "already exists" in again.output and "never overwrites" in again.output
    assert path.read_text(encoding="utf-8") == "# my work\n"
    assert [p.name for p in tmp_path.iterdir()] == ["2024.yaml"]     # no temporary file left behind
