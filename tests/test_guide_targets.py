"""Targets under the 2020 Guide (A1.5, A1.6, A2.3, A2.4), written like the Code's D-MET-12 targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from arelle_support import run_arelle
from esgxbrl.errors import InputInvalid
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import loads_report
from esgxbrl.read import read

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = (ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8")
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"
TARGETS = """  A1.5:
    status: disclosed
    narrative:
      EmissionTargetsAndStepsTakenExplanatory: {en: "We set targets for our emissions."}
    targets:
      - id: Scope1And2By2030
        label: {en: Scope 1 and 2 emissions}
        description: {en: "Reduce Scope 1 and 2 emissions by 30% by 2030 from 2020."}
        type: absolute
        base_year: 2020
        base_value: {value: "25,000", unit: tCO2e}
        target_year: 2030
        reduction: "30"
        progress: "12.5"
  A2.3:
    status: disclosed
    targets:
      - id: Electricity2025
        label: {en: Electricity use}
        metric: {en: Electricity consumed}
        base_year: 2019
        base_value: {value: "1,800", unit: GJ}
        target_year: 2025
        reduction: "10"
"""


def _report(targets: str = TARGETS) -> str:
    return MINIMAL.replace("provisions:\n", "provisions:\n" + targets, 1)


def test_targets_are_members_of_the_target_axis_under_their_provision() -> None:
    facts = loads_report(_report()).facts
    targets = [f for f in facts.facts if "hkesg:EnvironmentalTargetAxis" in dict(f.dimensions)]
    by_key = {(f.concept.split(":")[1], dict(f.dimensions)["hkesg:EnvironmentalTargetAxis"]): f for f in targets}
    base = by_key[("EnvironmentalTargetBaseYearValue", "issuer:Scope1And2By2030Member")]
    assert (base.value, base.unit.numerator) == ("25000", ("utr:tCO2e",))  # type: ignore[union-attr]
    assert dict(base.dimensions)["hkesg:ProvisionAxis"] == "hkesg:KpiA15ProvisionMember"
    energy = by_key[("EnvironmentalTargetBaseYearValue", "issuer:Electricity2025Member")]
    # 1,800 GJ is 500 MWh, no more precise than printed
    assert (energy.value, energy.decimals, energy.unit.numerator) == ("500", 0, ("utr:MWh",))  # type: ignore[union-attr]
    assert dict(energy.dimensions)["hkesg:ProvisionAxis"] == "hkesg:KpiA23ProvisionMember"
    assert by_key[("EnvironmentalTargetReductionFromBaseYear", "issuer:Scope1And2By2030Member")].value == "0.3"
    assert by_key[("EnvironmentalTargetYear", "issuer:Electricity2025Member")].value == "2025"
    assert by_key[("EnvironmentalTargetType", "issuer:Scope1And2By2030Member")].value.endswith(  # type: ignore[union-attr]
        "#AbsoluteTargetMember")
    assert facts.extension is not None
    assert {"Scope1And2By2030Member", "Electricity2025Member"} <= {m.name for m in facts.extension.members}


def test_a_base_value_must_be_in_a_unit_of_what_the_provision_measures() -> None:
    with pytest.raises(InputInvalid) as caught:
        loads_report(_report(TARGETS.replace('{value: "1,800", unit: GJ}', '{value: "1,800", unit: tCO2e}')))
    [finding] = caught.value.findings
    assert finding.provision == "A2.3" and "which measures energy" in finding.message


def test_targets_only_under_the_provisions_that_ask_for_them() -> None:
    text = _report(TARGETS.replace("  A2.3:\n", "  A3.1:\n"))
    with pytest.raises(InputInvalid) as caught:
        loads_report(text)
    [finding] = caught.value.findings
    assert finding.provision == "A3.1" and "A1.5, A1.6, A2.3 and A2.4" in (finding.fix or "")


def test_every_syntax_is_accepted_by_arelle(tmp_path: Path) -> None:
    source = tmp_path / "targets-2023.yaml"
    source.write_text(_report(), encoding="utf-8")
    export(source, tmp_path / "out")
    expected = set(loads_report(_report()).facts.facts)
    for name, inline in (("targets-2023.xbrl", False), ("targets-2023.html", True), ("targets-2023.json", False)):
        result = run_arelle(tmp_path / "out" / name, [PACKAGE], inline=inline)
        assert result.errors == [], f"{name}: {result.summary()}"
        assert set(read(tmp_path / "out" / name).facts) == expected, name


def test_carbon_credits_only_for_the_codes_targets() -> None:
    text = _report(TARGETS.replace("        reduction: \"10\"\n", "        reduction: \"10\"\n"
                                   "        carbon_credits: {en: We buy none.}\n"))
    with pytest.raises(InputInvalid) as caught:
        loads_report(text)
    [finding] = caught.value.findings
    assert finding.provision == "A2.3" and "takes no carbon_credits" in finding.message
