"""The FY2025 example under the Code (Swire Properties): only what was retrieved, accepted by Arelle."""

from __future__ import annotations

from pathlib import Path

import pytest

from arelle_support import run_arelle
from esgxbrl.preparer.check import check_file
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import load_report

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "swire-properties" / "2025.yaml"
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2025-01-01.zip"
RETRIEVED = {"MDR.governance", "MDR.principles", "MDR.boundary", "A1.GD", "A1.3", "A1.4"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("swire")
    export(EXAMPLE, out)
    return out


def test_only_retrieved_rows_have_a_status_and_no_figure_is_given() -> None:
    loaded = load_report(EXAMPLE)
    assert set(loaded.report.provisions) == RETRIEVED
    assert not [f for f in loaded.facts.facts if f.unit is not None]
    locations = {dict(f.dimensions)["hkesg:ProvisionAxis"]: f.value for f in loaded.facts.facts
                 if f.concept == "hkesg:LocationOfDisclosureInReport"}
    assert locations["hkesg:GovernanceStructureProvisionMember"] == "SD Governance"
    assert locations["hkesg:KpiA13ProvisionMember"] == "Performance Data Summary"
    identifiers = [f.value for f in loaded.facts.facts if f.concept == "hkesg:EntityIdentifier"]
    assert identifiers == ["01972"]
    assert "hkesg:IssuerLargeCapStatus" not in {f.concept for f in loaded.facts.facts}


def test_check_lists_every_unretrieved_provision_as_missing_and_blocks() -> None:
    result = check_file(EXAMPLE)
    states = {p.id: p.status for p in result.provisions}
    assert {pid for pid, status in states.items() if status != "missing"} == RETRIEVED
    assert states["A1.1"] == states["D-MET-1"] == states["D-MET-2"] == "missing"
    assert result.blocking
    errors = {f.provision for f in result.findings if f.severity == "error"}
    assert errors == set(states) - RETRIEVED
    obligations = {p.id: p.obligation for p in result.provisions}
    assert obligations["D-MET-1"] == "mandatory" and obligations["D-GOV-1"] == "comply-or-explain"


@pytest.mark.parametrize("name, inline", [("2025.xbrl", False), ("2025.html", True), ("2025.json", False)])
def test_the_example_exports_with_zero_arelle_errors(exported: Path, name: str, inline: bool) -> None:
    result = run_arelle(exported / name, [PACKAGE], inline=inline)
    assert not result.errors and not result.warnings, result.summary()
