"""The issuer's own concepts, anchored ESEF-style to the base concept they are narrower or wider than,
proven on tests/data/bus-concepts-2023.yaml (an invented fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from arelle_support import run_arelle
from esgxbrl.analyst.table import facts_frame
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import collect_source, load_report, loads_report
from esgxbrl.preparer.source import parse_source
from esgxbrl.read import read
from esgxbrl.xbrl import namespaces as ns
from report_support import error_messages, replaced

ROOT = Path(__file__).resolve().parents[1]
CONCEPTS = ROOT / "tests" / "data" / "bus-concepts-2023.yaml"
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"
STEM = "bus-concepts-2023"
SYNTAXES = (f"{STEM}.xbrl", f"{STEM}.html", f"{STEM}.json", f"{STEM}.jsonld")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("concepts")
    export(CONCEPTS, out)
    return out


def test_issuer_concepts_are_extension_concepts_with_their_anchor() -> None:
    facts = load_report(CONCEPTS).facts
    assert facts.extension is not None
    concepts = {c.name: c for c in facts.extension.concepts}
    assert sorted(concepts) == ["DieselConsumedByBusFleet", "LowEmissionBusProgrammeExplanatory",
                                "NumberOfBusCaptains", "PaperWasteCollectedAtDepots"]
    diesel = concepts["DieselConsumedByBusFleet"]
    assert (diesel.anchor, diesel.relationship, diesel.item_type, diesel.period) == (
        "hkesg:DirectEnergyConsumption", "narrower", "dtr-types:energyItemType", "duration")
    assert dict(diesel.labels)["zh-Hant"] == "巴士車隊柴油消耗量"
    # a text without an anchor of its own is anchored to its provision's text block
    assert concepts["LowEmissionBusProgrammeExplanatory"].anchor == "hkesg:EmissionsGeneralDisclosureExplanatory"
    assert concepts["NumberOfBusCaptains"].period == "instant"
    values = {(f.concept, f.dimensions): (f.value, f.decimals, str(f.unit) if f.unit else None)
              for f in facts.facts if f.concept.startswith("issuer:")}
    assert values[("issuer:DieselConsumedByBusFleet", ())][0] == "398500"
    # 1,432,800 GJ is 398,000 MWh: converted as a figure of the guide would be
    kowloon = values[("issuer:DieselConsumedByBusFleet",
                      (("issuer:DepotAxis", "issuer:KowloonBayDepotMember"),))]
    assert kowloon[0] == "398000"
    assert values[("issuer:PaperWasteCollectedAtDepots",
                   (("hkesg:WasteTreatmentAxis", "hkesg:RecycledMember"),))][0] == "9.8"
    captains = next(f for f in facts.facts if f.concept == "issuer:NumberOfBusCaptains")
    assert captains.period.is_instant and captains.value == "8900"
    text = next(f for f in facts.facts if f.concept == "issuer:LowEmissionBusProgrammeExplanatory")
    assert text.language == "en" and text.value is not None and "<li>40 electric buses in service</li>" in text.value


def test_the_extension_schema_anchors_each_concept_by_a_wider_narrower_arc(exported: Path) -> None:
    schema = etree.parse(str(exported / "9997-2023-extension.xsd")).getroot()
    elements = {e.get("name"): e for e in schema.iter(f"{{{ns.XS}}}element")}
    assert elements["NumberOfBusCaptains"].get("type") == "xbrli:nonNegativeIntegerItemType"
    assert elements["NumberOfBusCaptains"].get(f"{{{ns.XBRLI}}}periodType") == "instant"
    assert elements["PaperWasteCollectedAtDepots"].get("abstract") is None
    arcs = [a for a in schema.iter(f"{{{ns.LINK}}}definitionArc")
            if a.get(f"{{{ns.XLINK}}}arcrole") == ns.ARCROLE_WIDER_NARROWER]
    assert len(arcs) == 4
    link = arcs[0].getparent()
    hrefs = {loc.get(f"{{{ns.XLINK}}}label"): loc.get(f"{{{ns.XLINK}}}href")
             for loc in link.iter(f"{{{ns.LINK}}}loc")}
    pairs = {(hrefs[a.get(f"{{{ns.XLINK}}}from")].rpartition("#")[2],
              hrefs[a.get(f"{{{ns.XLINK}}}to")].rpartition("#")[2])
             for a in arcs}
    assert ("hkesg_DirectEnergyConsumption", "issuer_DieselConsumedByBusFleet") in pairs


def test_every_syntax_is_accepted_by_arelle_without_errors_or_warnings(exported: Path) -> None:
    for name in SYNTAXES[:3]:
        result = run_arelle(exported / name, [PACKAGE], inline=name.endswith(".html"))
        assert result.errors == [] and result.warnings == [], f"{name}: {result.summary()}"


def test_a_broken_down_issuer_concept_has_a_table_of_its_own(exported: Path) -> None:
    """Its table says by which axes it is broken down: its anchor's (reached in their role) and the issuer's."""
    text = (exported / "9997-2023-extension.xsd").read_text(encoding="utf-8")
    assert 'name="PaperWasteCollectedAtDepotsIssuerBreakdownTable"' in text
    assert 'name="DieselConsumedByBusFleetIssuerBreakdownTable"' in text
    assert "NumberOfBusCaptainsIssuerBreakdownTable" not in text   # given without a breakdown


def test_every_syntax_reads_back_the_issuer_concepts_and_their_facts(exported: Path) -> None:
    written = load_report(CONCEPTS).facts
    for name in SYNTAXES:
        facts = read(exported / name)
        assert facts.extension == written.extension, name
        assert set(facts.facts) == set(written.facts), name


def _finding_messages(text: str, severity: str) -> list[str]:
    _, findings = collect_source(parse_source(text, "t.yaml"))
    return [f.message for f in findings if f.severity == severity]


def test_an_english_label_of_a_base_concept_is_warned_about() -> None:
    text = replaced(CONCEPTS, "en: Number of bus captains}", "en: Number of employees}")
    warnings = _finding_messages(text, "warning")
    assert any("NumberOfBusCaptains has the English label of the guide's NumberOfEmployees" in w for w in warnings)
    assert not any("NumberOfBusCaptains" in w for w in _finding_messages(CONCEPTS.read_text(encoding="utf-8"),
                                                                         "warning"))


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("anchor: DirectEnergyConsumption", "anchor: DieselEnergyConsumption", "unknown anchor 'DieselEnergyConsumption'"),
    ("anchor: DirectEnergyConsumption", "anchor: WaterConsumption",
     "the anchor WaterConsumption is not a concept of A2.1: it belongs to A2.2"),
    ("    type: mass\n", "    type: weight\n", "unknown type 'weight' for an issuer concept"),
    ("    unit: t\n", "    unit: kWh\n", "unknown unit 'kWh' for a concept of type mass"),
    ("      - {concept: NumberOfBusCaptains, value", "      - {concept: DieselConsumedByBusFleet, value",
     "DieselConsumedByBusFleet is declared for A2.1, not for B1.1"),
])
def test_bad_issuer_concepts_give_one_finding_each(old: str, new: str, expected: str) -> None:
    errors = error_messages(replaced(CONCEPTS, old, new))
    assert errors == [expected] or (len(errors) == 1 and errors[0].startswith(expected)), errors


def test_a_name_of_a_base_concept_is_refused() -> None:
    errors = error_messages(replaced(CONCEPTS, "  - name: NumberOfBusCaptains\n", "  - name: NumberOfEmployees\n"))
    assert errors[0] == "NumberOfEmployees is a concept of the guide"
    # the figure that used the refused name is reported as unknown, not accepted as the guide's concept
    assert errors[1:] == ["unknown concept 'NumberOfBusCaptains'"]


def test_the_facts_table_names_each_issuer_concept_s_anchor(exported: Path) -> None:
    frame = facts_frame(read(exported / SYNTAXES[0]))
    rows = frame[frame.concept == "DieselConsumedByBusFleet"]
    assert set(rows.anchor) == {"DirectEnergyConsumption"}
    assert set(rows.provision) == {"A2.1"} and set(rows.label) == {"Diesel consumed by the bus fleet"}
    assert frame[frame.concept == "DirectEnergyConsumption"].anchor.isna().all()
    assert list(frame.columns).index("anchor") == list(frame.columns).index("label") + 1


_PUNCTUALITY = """\
  - name: BusServicePunctualityRate
    label: {en: Share of scheduled bus trips run on time}
    type: percent
    provision: B6.GD
"""


def _with_punctuality(concept: str, facts: str) -> str:
    text = replaced(CONCEPTS, "concepts:\n", "concepts:\n" + concept)
    text = text.replace("  provisions: [A1.GD, A1.4, A2.1, B1.1]", "  provisions: [A1.GD, A1.4, A2.1, B1.1, B6.GD]")
    return text + "  B6.GD:\n    status: disclosed\n    facts:\n" + facts


def test_a_figure_of_a_provision_with_texts_only_is_anchored_to_its_text_block() -> None:
    facts = '      - {concept: BusServicePunctualityRate, value: "99.2", unit: "%"}\n'
    loaded = loads_report(_with_punctuality(_PUNCTUALITY, facts))
    concept = next(c for c in loaded.facts.extension.concepts if c.name == "BusServicePunctualityRate")
    assert concept.anchor == "hkesg:ProductResponsibilityGeneralDisclosureExplanatory"
    [fact] = [f for f in loaded.facts.facts if f.concept.endswith("BusServicePunctualityRate")]
    assert fact.value == "0.992" and fact.unit is not None and fact.unit.numerator == ("xbrli:pure",)


def test_a_figure_may_not_hide_under_its_provision_s_text_when_a_figure_of_its_kind_is_there() -> None:
    concept = _PUNCTUALITY.replace("percent", "count").replace("B6.GD", "B1.1").replace(
        "BusServicePunctualityRate", "NumberOfDepotStaff") + "    anchor: WorkforceExplanatory\n"
    errors = error_messages(replaced(CONCEPTS, "concepts:\n", "concepts:\n" + concept))
    assert len(errors) == 1 and errors[0].startswith(
        "NumberOfDepotStaff is a figure but its anchor WorkforceExplanatory is a text, "
        "while B1.1 has figures of its kind"), errors
