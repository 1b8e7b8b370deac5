"""The examples transcribed from published reports of four industries (bus operator, gas utility, property
and hotels, cement manufacturer): the facts each must give, a clean check, and zero Arelle errors in every
published syntax."""

from __future__ import annotations

from pathlib import Path

import pytest

from arelle_support import run_arelle
from esgxbrl.model.facts import Fact
from esgxbrl.preparer.check import check_file
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import load_report

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"
TIH = ROOT / "examples" / "transport-international" / "2023.yaml"
HKCG = ROOT / "examples" / "hk-china-gas" / "2023.yaml"
HKCG20 = ROOT / "examples" / "hk-china-gas" / "2020.yaml"
SINO = ROOT / "examples" / "sino-land" / "2024.yaml"
ACC = ROOT / "examples" / "asia-cement-china" / "2024.yaml"
EXAMPLES = [TIH, HKCG, HKCG20, SINO, ACC]

Dims = dict[str, str]


def _numeric(path: Path) -> list[Fact]:
    return [f for f in load_report(path).facts.facts if f.unit is not None]


def _find(facts: list[Fact], concept: str, end: str, dims: Dims, unit: str) -> Fact:
    qname = concept if ":" in concept else f"hkesg:{concept}"
    found = [f for f in facts if f.concept == qname and str(f.period.end) == end and _unit(f) == unit
             and dict(f.dimensions) == {a if ":" in a else f"hkesg:{a}Axis": m if ":" in m else f"hkesg:{m}"
                                        for a, m in dims.items()}]
    assert len(found) == 1, (concept, end, dims, found)
    return found[0]


def _name(path: Path) -> str:
    """An example's name: its issuer's folder and its year (one issuer may have several)."""
    return f"{path.parent.name}-{path.stem}"


def _unit(fact: Fact) -> str:
    assert fact.unit is not None
    return "*".join(fact.unit.numerator) + ("/" + "*".join(fact.unit.denominator) if fact.unit.denominator else "")


# concept, period end, breakdown, value, decimals, unit
TIH_FACTS = [
    ("AirPollutantEmissions", "2023-12-31", {"Pollutant": "NitrogenOxidesMember"}, "1779000", -3, "utr:kg"),
    ("AirPollutantEmissions", "2022-12-31", {"Pollutant": "SulphurOxidesMember"}, "2810", -1, "utr:kg"),
    ("Scope1GreenhouseGasEmissions", "2023-12-31", {"GreenhouseGasSource": "MobileCombustionMember"},
     "498289", 0, "utr:tCO2e"),
    # 1,599 tCO2e per million km is 0.001599 per km, with its printed precision
    ("Scope1GreenhouseGasEmissionsIntensity", "2023-12-31", {"GreenhouseGasSource": "MobileCombustionMember"},
     "0.001599", 6, "utr:tCO2e/issuer:KilometresTravelled"),
    ("Scope2GreenhouseGasEmissionsIntensity", "2022-12-31", {"GreenhouseGasSource": "PurchasedElectricityMember"},
     "0.015", 3, "utr:tCO2e/utr:sqm"),
    ("HazardousWasteProduced", "2023-12-31", {"WasteType": "ChemicalWasteMember", "WasteTreatment": "RecycledMember"},
     "1294.968", 3, "utr:t"),
    ("HazardousWasteProduced", "2022-12-31", {"WasteType": "TyresWasteMember", "WasteTreatment": "RecycledMember"},
     "974.76", 3, "utr:t"),
    ("HazardousWasteProduced", "2023-12-31", {"WasteType": "FluorescentTubesWasteMember"}, "0", 3, "utr:t"),
    ("NonHazardousWasteProduced", "2023-12-31", {"WasteType": "PaperWasteMember"}, "38.59", 2, "utr:t"),
    # 7,295,900 GJ is 2,026,639 MWh: GJ to MWh is no power of ten, so no decimal is claimed
    ("DirectEnergyConsumption", "2023-12-31", {"EnergyType": "DieselMember"}, "2026639", 0, "utr:MWh"),
    ("EnergyConsumptionIntensity", "2022-12-31", {"EnergyType": "ElectricityMember"}, "0.042", 3, "utr:MWh/utr:sqm"),
    ("WaterConsumptionIntensity", "2023-12-31", {}, "55", 0, "utr:m3/issuer:NumberOfBuses"),
    ("NumberOfSuppliers", "2023-12-31", {"GeographicalRegion": "issuer:NonLocalMember"}, "34", 0, "xbrli:pure"),
    # a waste stream's own intensity: 4,156 kg of solid chemical waste per million km
    ("HazardousWasteIntensity", "2023-12-31", {"WasteType": "ChemicalWasteMember"},
     "0.000004156", 9, "utr:t/issuer:KilometresTravelled"),
    ("NonHazardousWasteIntensity", "2022-12-31", {"WasteType": "MetalWasteMember"},
     "0.000002445", 9, "utr:t/issuer:KilometresTravelled"),
    # staff at year-end by the issuer's own segments
    ("NumberOfEmployees", "2023-12-31",
     {"issuer:BusinessSegmentAxis": "issuer:HongKongFranchisedPublicBusOperationsMember"}, "12355", 0, "xbrli:pure"),
    ("NumberOfEmployees", "2022-12-31",
     {"issuer:BusinessSegmentAxis": "issuer:HongKongNonFranchisedTransportOperationsMember"}, "729", 0, "xbrli:pure"),
    # a count of the issuer's own under B5.2
    ("issuer:NumberOfNewSuppliersSelectedConsideringSocialCriteria", "2023-12-31", {}, "70", 0, "xbrli:pure"),
]
HKCG_FACTS = [
    ("AirPollutantEmissions", "2023-12-31", {"Pollutant": "NitrogenOxidesMember"}, "189400", -2, "utr:kg"),
    ("AirPollutantEmissions", "2023-12-31", {"Pollutant": "ParticulateMatterMember"}, "2580", -1, "utr:kg"),
    ("Scope1And2GreenhouseGasEmissions", "2023-12-31", {}, "2214000", 0, "utr:tCO2e"),
    ("Scope3GreenhouseGasEmissions", "2023-12-31", {}, "27555000", 0, "utr:tCO2e"),
    ("AverageTrainingHoursPerEmployee", "2023-12-31", {}, "92.3", 1, "xbrli:pure"),
    # 0.549 kg CO2e per unit of town gas, and 0.04 kg CO2e per kWh, i.e. 0.04 t per MWh of town gas
    ("GreenhouseGasEmissionsIntensity", "2023-12-31",
     {"issuer:BusinessSegmentAxis": "issuer:HongKongTownGasProductionMember"},
     "0.000549", 6, "utr:tCO2e/issuer:UnitsOfTownGas"),
    ("GreenhouseGasEmissionsIntensity", "2023-12-31",
     {"issuer:BusinessSegmentAxis": "issuer:HongKongTownGasProductionMember"},
     "0.04", 2, "utr:tCO2e/issuer:TownGasEnergy"),
    ("VolunteerHoursContributedToCommunity", "2023-12-31", {"issuer:BusinessSegmentAxis": "issuer:HongKongMember"},
     "14487", 0, "xbrli:pure"),
    # the customer side of the same intensity, by a second axis of the issuer's own
    ("GreenhouseGasEmissionsIntensity", "2023-12-31",
     {"issuer:EmissionsBoundaryAxis": "issuer:HongKongTownGasConsumptionCustomerSideMember"},
     "0.002553", 6, "utr:tCO2e/issuer:UnitsOfTownGas"),
    ("GreenhouseGasEmissionsIntensity", "2023-12-31",
     {"issuer:EmissionsBoundaryAxis": "issuer:HongKongTownGasConsumptionCustomerSideMember"},
     "0.19", 2, "utr:tCO2e/issuer:TownGasEnergy"),
    # a rate of the issuer's own under B2.1, by its own axis
    ("issuer:LostTimeInjuryFrequencyRate", "2023-12-31", {"issuer:WorkerGroupAxis": "issuer:EmployeesMember"},
     "0.43", 2, "xbrli:pure"),
    ("issuer:LostTimeInjuryFrequencyRate", "2023-12-31", {"issuer:WorkerGroupAxis": "issuer:ContractorsMember"},
     "0.32", 2, "xbrli:pure"),
    # 3.6 kg of NOx per million MJ (a TJ) of town gas: 3.6 kg per 277.78 MWh, to the two digits printed
    ("AirPollutantEmissionsIntensity", "2023-12-31", {"Pollutant": "NitrogenOxidesMember"},
     "0.013", 3, "utr:kg/issuer:TownGasEnergy"),
    ("PercentageOfScope3GreenhouseGasEmissions", "2023-12-31", {"Scope3Category": "UseOfSoldProductsMember"},
     "0.78", 2, "xbrli:pure"),
    # one segment's emissions: a concept narrower than the group's, not a part of a breakdown
    ("issuer:Scope1And2GreenhouseGasEmissionsOfHongKongTownGasProduction", "2023-12-31", {}, "131016", 0,
     "utr:tCO2e"),
    # figures of provisions that hold texts only, anchored to their text blocks
    ("issuer:CarbonReductionFromUseOfLandfillGas", "2023-12-31", {}, "36588", 0, "utr:tCO2e"),
    ("issuer:UninterruptedTownGasSupplyRate", "2023-12-31", {}, "0.99992", 5, "xbrli:pure"),
    ("issuer:ServiceQualityScore", "2023-12-31", {"issuer:ServiceQualityAspectAxis": "issuer:EfficiencyMember"},
     "8.96", 2, "xbrli:pure"),
    ("issuer:TowngasConcessionSchemesAmount", "2023-12-31", {}, "24000000", -6, "iso4217:HKD"),
    # printed as a lower bound and as an approximation, and published so
    ("VolunteerHoursContributedToCommunity", "2023-12-31",
     {"issuer:BusinessSegmentAxis": "issuer:MainlandUtilityBusinessesMember", "FigureQualifier": "MoreThanMember"},
     "440000", 0, "xbrli:pure"),
    ("issuer:ShareOfSuppliersAdoptingSCarbonPlatform", "2023-12-31",
     {"issuer:BusinessSegmentAxis": "issuer:HongKongMember", "FigureQualifier": "ApproximatelyMember"},
     "0.9", 2, "xbrli:pure"),
]
_TARGET = {"EnvironmentalTarget": "issuer:GreenhouseGasEmissions2030Member", "Provision": "KpiA15ProvisionMember"}
SINO_FACTS = [
    ("HazardousWasteProduced", "2024-06-30", {}, "2.378", 3, "utr:t"),
    ("HazardousWasteProduced", "2023-06-30", {}, "2.0219", 4, "utr:t"),
    ("HazardousWasteProduced", "2022-06-30", {}, "2.2651", 4, "utr:t"),
    # by the issuer's own segments, which add up to the totals above
    ("HazardousWasteProduced", "2024-06-30", {"issuer:BusinessSegmentAxis": "issuer:PropertyManagementMember"},
     "2.3252", 4, "utr:t"),
    ("HazardousWasteProduced", "2022-06-30", {"issuer:BusinessSegmentAxis": "issuer:HeadOfficeMember"},
     "0.087", 3, "utr:t"),
    ("GreenhouseGasEmissionsIntensity", "2024-06-30",
     {"issuer:BusinessSegmentAxis": "issuer:ConstructionSitesMember",
      "issuer:GreenhouseGasAccountingBasisAxis": "issuer:LocationBasedMember"}, "0.022", 3, "utr:tCO2e/utr:sqm"),
    ("GreenhouseGasEmissionsIntensity", "2023-06-30",
     {"issuer:BusinessSegmentAxis": "issuer:HeadOfficeMember",
      "issuer:GreenhouseGasAccountingBasisAxis": "issuer:MarketBasedMember"}, "0.73", 2, "utr:tCO2e/hkesg:Employee"),
    ("GreenhouseGasEmissionsIntensity", "2022-06-30",
     {"issuer:BusinessSegmentAxis": "issuer:HotelsMember",
      "issuer:GreenhouseGasAccountingBasisAxis": "issuer:MarketBasedMember"},
     "0.067", 3, "utr:tCO2e/issuer:VisitorNights"),
    # the 2030 target of A1.5: 30 % from the 2012 average
    ("EnvironmentalTargetBaseYear", "2024-06-30", _TARGET, "2012", 0, "xbrli:pure"),
    ("EnvironmentalTargetYear", "2024-06-30", _TARGET, "2030", 0, "xbrli:pure"),
    ("EnvironmentalTargetReductionFromBaseYear", "2024-06-30", _TARGET, "0.3", 2, "xbrli:pure"),
]
_AGGREGATE = {"IntensityDenominator": "issuer:AggregateProducedMember"}
ACC_FACTS = [
    # tonnes with two decimals are kilograms to the ten
    ("AirPollutantEmissions", "2024-12-31", {}, "4995320", -1, "utr:kg"),
    ("AirPollutantEmissions", "2022-12-31", {"Pollutant": "NitrogenOxidesMember"}, "6625820", -1, "utr:kg"),
    ("AirPollutantEmissions", "2023-12-31", {"Pollutant": "SulphurOxidesMember"}, "695900", -2, "utr:kg"),
    ("Scope1GreenhouseGasEmissions", "2024-12-31", {}, "16455924.98", 2, "utr:tCO2e"),
    ("Scope2GreenhouseGasEmissions", "2022-12-31", {}, "897696.61", 2, "utr:tCO2e"),
    ("Scope3GreenhouseGasEmissions", "2022-12-31", {}, "73582.84", 2, "utr:tCO2e"),
    # per tonne of cement, a denominator of the issuer's own
    ("Scope1And2GreenhouseGasEmissionsIntensity", "2024-12-31", {}, "0.688", 3, "utr:tCO2e/issuer:CementProduced"),
    # a production volume printed in thousand tonnes, as a denominator's value
    ("IntensityDenominator", "2023-12-31", _AGGREGATE, "7881000", -3, "utr:t"),
]


# the gas utility's 2020 data tables, five years side by side: GJ in MWh with no decimal added
HKCG20_FACTS = [
    ("issuer:NumberOfNewRecruits", "2020-12-31", {}, "203", 0, "xbrli:pure"),
    ("issuer:NumberOfNewRecruits", "2017-12-31", {"AgeGroup": "issuer:Age56OrOverMember"}, "14", 0, "xbrli:pure"),
    ("issuer:PercentageOfStaffWhoUnderwentPerformanceAndCareerReviews", "2020-12-31", {"Gender": "MaleMember"},
     "0.859", 3, "xbrli:pure"),
    ("DirectEnergyConsumption", "2016-12-31",
     {"EnergyType": "issuer:NaphthaMember", "issuer:OperationAxis": "issuer:GasProductionProcessMember"},
     "171261", 0, "utr:MWh"),
    # written as printed under 2020, although 2020's rows add up to the figure printed under 2016
    ("TotalEnergyConsumption", "2020-12-31", {"issuer:OperationAxis": "issuer:GasProductionProcessMember"},
     "1802188", 0, "utr:MWh"),
    ("issuer:AccidentFrequencyRateHongKong", "2020-12-31", {"issuer:WorkerGroupAxis": "issuer:ContractorsMember"},
     "0.25", 2, "xbrli:pure"),
]


@pytest.mark.parametrize("path, expected, count",
                         [(TIH, TIH_FACTS, 53), (HKCG, HKCG_FACTS, 31), (HKCG20, HKCG20_FACTS, 103),
                          (SINO, SINO_FACTS, 36), (ACC, ACC_FACTS, 23)],
                         ids=["transport-international", "hk-china-gas", "hk-china-gas-2020", "sino-land",
                              "asia-cement-china"])
def test_each_example_gives_its_printed_figures_as_facts(
        path: Path, expected: list[tuple[str, str, Dims, str, int, str]], count: int) -> None:
    facts = _numeric(path)
    assert len(facts) == count
    for concept, end, dims, value, decimals, unit in expected:
        fact = _find(facts, concept, end, dims, unit)
        assert (fact.value, fact.decimals, _unit(fact)) == (value, decimals, unit), concept


def test_issuer_members_and_denominators_of_the_bus_operator() -> None:
    facts = load_report(TIH).facts
    local = [f for f in facts.facts if f.concept == "hkesg:NumberOfSuppliers"
             and dict(f.dimensions)["hkesg:GeographicalRegionAxis"] == "issuer:LocalMember"]
    assert [f.value for f in local] == ["408"]
    assert facts.extension is not None
    assert {m.name for m in facts.extension.members} >= {"LocalMember", "NonLocalMember", "KilometresTravelledMember",
                                                        "NumberOfBusesMember"}
    # no denominator value is printed, so none is a fact
    assert not [f for f in facts.facts if f.concept == "hkesg:IntensityDenominator"]


@pytest.mark.parametrize("path, concept, anchor, relationship", [
    (TIH, "NumberOfNewSuppliersSelectedConsideringSocialCriteria",
     "hkesg:NumberOfSuppliersWhereEngagementPracticesAreImplemented", "narrower"),
    (HKCG, "LostTimeInjuryFrequencyRate", "hkesg:RateOfWorkRelatedFatalities", "wider"),
    (HKCG, "GenderPayRatioBasicSalary", "hkesg:EmploymentGeneralDisclosureExplanatory", "narrower"),
    (HKCG, "NumberOfRegularSafetyInspections", "hkesg:ProductResponsibilityGeneralDisclosureExplanatory", "narrower"),
    (TIH, "ProportionOfSpendingOnLocalSuppliers", "hkesg:SuppliersByGeographicalRegionExplanatory", "narrower"),
    (HKCG20, "NumberOfNewRecruits", "hkesg:NumberOfEmployees", "narrower"),
    (HKCG20, "SafetyTrainingHoursHongKong", "hkesg:OccupationalHealthAndSafetyMeasuresExplanatory", "narrower"),
], ids=["new-suppliers", "injury-rate", "pay-ratio", "inspections", "local-spending", "new-recruits",
        "safety-training"])
def test_issuer_concepts_are_anchored_in_their_provision(path: Path, concept: str, anchor: str,
                                                         relationship: str) -> None:
    extension = load_report(path).facts.extension
    assert extension is not None
    declared = extension.concept(f"issuer:{concept}")
    assert declared is not None
    assert (declared.anchor, declared.relationship) == (anchor, relationship)


def test_pay_ratio_is_a_text_as_printed() -> None:
    [ratio] = [f for f in load_report(HKCG).facts.facts if f.concept == "issuer:GenderPayRatioBasicSalary"]
    assert (ratio.value, ratio.unit) == ("1:1", None)


def test_restated_staff_figures_carry_the_column_header_as_their_reason() -> None:
    facts = load_report(TIH).facts
    texts = {n.id: n.text for n in facts.footnotes}
    staff = [f for f in facts.facts if f.concept == "hkesg:NumberOfEmployees"]
    restated = {f.value: [texts[i] for i in f.footnotes] for f in staff if str(f.period.end) == "2022-12-31"}
    assert restated == {"12837": ["Restated: 2022 (Restated)"], "729": ["Restated: 2022 (Restated)"]}
    assert all(not f.footnotes for f in staff if str(f.period.end) == "2023-12-31")


@pytest.mark.parametrize("path, identifier, disclosed", [
    (TIH, "62", {"A1.1", "A1.2", "A1.3", "A1.4", "A2.1", "A2.2", "B1.1", "B5.1", "B5.2"}),
    (HKCG, "3", {"A1.1", "A1.2", "A1.5", "B1.GD", "B2.1", "B3.2", "B5.GD", "B6.GD", "B8.GD", "B8.2"}),
    (HKCG20, "3", {"A2.1", "B1.1", "B2.1", "B2.3"}),
    (SINO, "083", {"A1.2", "A1.3", "A1.5"}),
    (ACC, "743", {"A1.1", "A1.2"}),
], ids=["transport-international", "hk-china-gas", "hk-china-gas-2020", "sino-land", "asia-cement-china"])
def test_each_example_checks_without_errors_as_an_excerpt(path: Path, identifier: str, disclosed: set[str]) -> None:
    result = check_file(path)
    assert [f.message for f in result.findings if f.severity == "error"] == []
    assert not result.blocking
    states = {p.id: p.status for p in result.provisions}
    assert {pid for pid, status in states.items() if status == "disclosed"} == disclosed
    assert {status for pid, status in states.items() if pid not in disclosed} == {"outside-excerpt"}
    identifiers = [f.value for f in load_report(path).facts.facts if f.concept == "hkesg:EntityIdentifier"]
    assert identifiers == [identifier]


def test_fiscal_years_of_the_property_group_run_from_july_to_june() -> None:
    periods = sorted({(str(f.period.start), str(f.period.end)) for f in _numeric(SINO)})
    assert periods == [("2021-07-01", "2022-06-30"), ("2022-07-01", "2023-06-30"), ("2023-07-01", "2024-06-30")]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folders = {}
    for path in EXAMPLES:
        out = tmp_path_factory.mktemp(_name(path))
        export(path, out)
        folders[_name(path)] = out / path.stem
    return folders


@pytest.mark.parametrize("example", [_name(p) for p in EXAMPLES])
@pytest.mark.parametrize("suffix, inline", [(".xbrl", False), (".html", True), (".json", False)])
def test_every_example_exports_with_zero_arelle_errors(
        published: dict[str, Path], example: str, suffix: str, inline: bool) -> None:
    stem = published[example]
    result = run_arelle(stem.with_suffix(suffix), [PACKAGE], inline=inline, collect_facts=True)
    assert not result.errors and not result.warnings, result.summary()
    numeric = [f for f in result.facts if f.get("unit") is not None]
    [source] = [p for p in EXAMPLES if _name(p) == example]
    assert len(numeric) == len(_numeric(source))
