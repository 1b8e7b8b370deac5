"""`esgxbrl export` on the Lufax 2023 report: valid, complete, faithful and deterministic."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from arelle_support import ArelleResult, run_arelle
from esgxbrl.catalogue import load_catalogue
from esgxbrl.model.facts import Fact, Period
from esgxbrl.model.loaded import LoadedReport
from esgxbrl.preparer.export import export
from esgxbrl.read.xsd import validate_instance

ROOT = Path(__file__).resolve().parents[1]
LUFAX = ROOT / "examples" / "lufax" / "2023.yaml"
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"
HK = "hkesg"
FY2023 = Period(dt.date(2023, 12, 31), dt.date(2023, 1, 1))


@pytest.fixture(scope="module")
def arelle(exported: Path) -> ArelleResult:
    return run_arelle(exported / "2023.xbrl", [PACKAGE], collect_facts=True)


def _find(loaded: LoadedReport, concept: str, period: Period = FY2023, **dims: str) -> Fact:
    wanted = tuple(sorted((f"{HK}:{axis}", member) for axis, member in dims.items()))
    matches = [f for f in loaded.facts.facts
               if f.concept == f"{HK}:{concept}" and f.period == period and f.dimensions == wanted]
    assert len(matches) == 1, f"{concept} {dims}: {len(matches)} facts"
    return matches[0]


def test_arelle_accepts_the_instance_with_no_errors_or_inconsistencies(arelle: ArelleResult) -> None:
    assert not arelle.errors, arelle.summary()
    assert not arelle.warnings, arelle.summary()
    assert arelle.document_type == "instance"


def test_arelle_finds_every_fact(arelle: ArelleResult, lufax: LoadedReport) -> None:
    assert len(arelle.facts) == len(lufax.facts.facts)


def test_instance_is_xsd_valid_offline(exported: Path) -> None:
    assert validate_instance(exported / "2023.xbrl") == []


@pytest.mark.parametrize(("concept", "dims", "value", "decimals", "unit"), [
    ("Scope1GreenhouseGasEmissions", {}, "117.63", 2, "utr:tCO2e"),
    ("Scope2GreenhouseGasEmissions", {}, "19614.02", 2, "utr:tCO2e"),
    ("Scope3GreenhouseGasEmissions", {}, "3778.78", 2, "utr:tCO2e"),
    ("TotalGreenhouseGasEmissions", {}, "23510.43", 2, "utr:tCO2e"),
    ("GreenhouseGasEmissionsIntensity", {}, "0.65", 2, "utr:tCO2e/hkesg:Employee"),
    ("AirPollutantEmissions", {}, "47.58", 2, "utr:kg"),
    ("NonHazardousWasteProduced", {}, "151.68", 2, "utr:t"),
    ("NonHazardousWasteIntensity", {}, "0.004", 3, "utr:t/hkesg:Employee"),
    ("TotalEnergyConsumption", {}, "34979.72", 2, "utr:MWh"),
    ("DirectEnergyConsumption", {}, "587.26", 2, "utr:MWh"),
    ("WaterConsumption", {}, "187800.36", 2, "utr:m3"),
    ("EmployeeTurnoverRate", {}, "0.3369", 4, "xbrli:pure"),
    ("EmployeeTurnoverRate", {"AgeGroupAxis": "hkesg:AgeUnder30Member"}, "0.4092", 4, "xbrli:pure"),
    ("EmployeeTurnoverRate", {"GeographicalRegionAxis": "issuer:HongKongMacaoTaiwanAndOverseasMember"},
     "0.2385", 4, "xbrli:pure"),
    ("PercentageOfEmployeesTrained", {"GenderAxis": "hkesg:FemaleMember"}, "1", 2, "xbrli:pure"),
    ("AverageTrainingHoursPerEmployee", {"EmployeeCategoryAxis": "hkesg:SeniorManagementMember"}, "6.21", 2,
     "xbrli:pure"),
    ("NumberOfSuppliers", {"GeographicalRegionAxis": "issuer:EastChinaRegionMember"}, "138", 0, "xbrli:pure"),
    ("NumberOfProductAndServiceRelatedComplaintsReceived", {}, "563", 0, "xbrli:pure"),
    ("ProductAndServiceComplaintRate", {}, "0.000009", 6, "xbrli:pure"),
    ("AntiCorruptionTrainingHoursProvidedToEmployees", {}, "7650", 0, "xbrli:pure"),
    ("VolunteerHoursContributedToCommunity", {}, "5708.64", 2, "xbrli:pure"),
    ("MoneyContributedToCommunity", {"FocusAreaAxis": "issuer:EmergencyResponseMember"}, "80000", -2,
     "iso4217:CNY"),
    ("LostDaysDueToWorkInjury", {}, "521", 0, "xbrli:pure"),
])
def test_hand_picked_facts(lufax: LoadedReport, concept: str, dims: dict[str, str], value: str, decimals: int,
                           unit: str) -> None:
    fact = _find(lufax, concept, **dims)
    assert fact.value == value
    assert fact.decimals == decimals
    assert str(fact.unit) == unit


def test_headcounts_are_at_year_end(lufax: LoadedReport) -> None:
    year_end = Period(dt.date(2023, 12, 31))
    assert _find(lufax, "NumberOfEmployees", year_end).value == "36215"
    assert _find(lufax, "NumberOfEmployees", year_end, GenderAxis="hkesg:MaleMember").value == "19777"
    assert _find(lufax, "NumberOfEmployees", year_end,
                 EmployeeCategoryAxis="issuer:NonSeniorStaffMember").value == "36063"


def test_fatalities_for_each_of_three_years(lufax: LoadedReport) -> None:
    for year in (2021, 2022, 2023):
        period = Period(dt.date(year, 12, 31), dt.date(year, 1, 1))
        assert _find(lufax, "NumberOfWorkRelatedFatalities", period).value == "0"


def test_every_provision_has_a_status(lufax: LoadedReport) -> None:
    catalogue = load_catalogue()
    statuses = {dict(f.dimensions)[f"{HK}:ProvisionAxis"]: f.value for f in lufax.facts.facts
                if f.concept == f"{HK}:DisclosureStatus"}
    assert set(statuses) == {f"{HK}:{p.member}" for p in catalogue.provisions}
    not_applicable = sorted(p.id for p in catalogue.provisions
                            if statuses[f"{HK}:{p.member}"].endswith("#NotApplicableMember"))
    assert not_applicable == ["A1.3", "A2.5", "B6.1", "B6.4"]


def test_every_appendix_2_figure_is_a_fact(lufax: LoadedReport) -> None:
    entries = [fact for entry in lufax.report.provisions.values() for fact in entry.facts]
    assert len(entries) == 64
    numeric = [f for f in lufax.facts.facts if f.is_numeric and f.concept != f"{HK}:MaterialTopicRank"]
    assert len(numeric) == 64


def test_units_are_canonical(lufax: LoadedReport) -> None:
    catalogue = load_catalogue()
    for fact in lufax.facts.facts:
        if fact.unit is None or fact.concept == f"{HK}:MaterialTopicRank":
            continue
        concept = catalogue.concept(fact.concept.split(":")[1])
        assert fact.unit.numerator == (catalogue.canonical_measure(concept, "CNY"),)


def test_rounding_differences_are_not_errors(lufax: LoadedReport) -> None:
    energy = _find(lufax, "DirectEnergyConsumption").value, _find(lufax, "IndirectEnergyConsumption").value
    assert sum(Decimal(v or "0") for v in energy) == Decimal("34979.71")
    assert _find(lufax, "TotalEnergyConsumption").value == "34979.72"


def test_output_is_byte_identical(tmp_path: Path, exported: Path) -> None:
    export(LUFAX, tmp_path)
    for name in ("2023.xbrl", "6623-2023-extension.xsd"):
        assert (tmp_path / name).read_bytes() == (exported / name).read_bytes(), name


def test_stakeholder_groups_are_members_with_their_concerns_and_channels_as_lists(lufax: LoadedReport) -> None:
    groups = lufax.report.stakeholders
    assert len(groups) == 6
    extension = lufax.facts.extension
    assert extension is not None
    members = [m for m in extension.members if m.axis == f"{HK}:StakeholderGroupAxis"]
    assert [m.name for m in members] == [f"StakeholderGroup{n}Member" for n in range(1, 7)]
    assert dict(members[0].labels) == {"zh-Hant": "政府及監管機構"}
    by_group = {(dict(f.dimensions)[f"{HK}:StakeholderGroupAxis"], f.concept): f for f in lufax.facts.facts
                if f.concept.startswith(f"{HK}:StakeholderGroup")}
    assert len(by_group) == 12
    concerns = by_group[("issuer:StakeholderGroup1Member", f"{HK}:StakeholderGroupConcernsExplanatory")]
    assert concerns.language == "zh-Hant" and concerns.value is not None
    assert concerns.value.startswith("<ul><li>信息與數據安全</li>") and concerns.value.count("<li>") == 12
    channels = by_group[("issuer:StakeholderGroup6Member", f"{HK}:StakeholderGroupEngagementChannelsExplanatory")]
    assert channels.value is not None and channels.value.count("<li>") == len(groups[5].channels)


def test_every_identifier_of_the_issuer_is_a_fact_by_scheme(lufax: LoadedReport) -> None:
    identifiers = {dict(f.dimensions)[f"{HK}:EntityIdentifierSchemeAxis"]: f.value for f in lufax.facts.facts
                   if f.concept == f"{HK}:EntityIdentifier"}
    assert identifiers == {f"{HK}:HkexStockCodeMember": "6623", f"{HK}:NyseTickerMember": "LU"}
    assert lufax.facts.entity_identifier == "6623"
