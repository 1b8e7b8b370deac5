"""The Inline XBRL page of a Code report: the listing on the cover, reliefs and the consolidation approach
under their provision, and the climate-related targets as a table whose every value is tagged in place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from arelle_support import run_arelle
from esgxbrl.emit.ixbrl import ixbrl_bytes
from esgxbrl.model.loaded import LoadedReport
from esgxbrl.preparer.load import load_report
from esgxbrl.read import read

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2025-01-01.zip"
REPORT = ROOT / "tests" / "data" / "code2025.yaml"
X = "{http://www.w3.org/1999/xhtml}"
IX = "{http://www.xbrl.org/2013/inlineXBRL}"
NS = {"x": X[1:-1], "ix": IX[1:-1]}


@pytest.fixture(scope="module")
def loaded() -> LoadedReport:
    return load_report(REPORT)


@pytest.fixture(scope="module")
def page(loaded: LoadedReport) -> etree._Element:
    return etree.fromstring(ixbrl_bytes(loaded))


def _tagged(element: etree._Element) -> dict[str, str]:
    """Concept local name -> the text shown, for each fact tagged in place under `element`."""
    return {e.get("name").split(":")[1]: "".join(e.itertext())
            for e in element.iter(f"{IX}nonFraction", f"{IX}nonNumeric")}


def _shown_hidden(page: etree._Element, element: etree._Element) -> dict[str, str]:
    """Concept local name -> the text shown, for each fact in ix:hidden rendered by an element under `element`."""
    hidden = {e.get("id"): e.get("name").split(":")[1] for e in page.find(f".//{IX}hidden")}
    return {hidden[e.get("style").removeprefix("-ix-hidden:")]: "".join(e.itertext())
            for e in element.iter() if (e.get("style") or "").startswith("-ix-hidden:")}


def test_the_targets_table_shows_and_tags_each_value(page: etree._Element) -> None:
    table = page.find(".//x:table[@class='data targets']", NS)
    assert table is not None
    headers = ["".join(th.itertext()) for th in table.iterfind("x:thead/x:tr/x:th", NS)]
    assert headers[0] == "氣候相關目標" and len(headers) == 9
    rows = table.findall("x:tbody/x:tr", NS)
    assert len(rows) == 2
    by_label = {"".join(row.find("x:td", NS).itertext()).rstrip("0123456789"): row for row in rows}
    operational = by_label["營運排放目標"]
    assert _tagged(operational) == {
        "ClimateRelatedTargetMetric": "範圍1及2溫室氣體絕對排放量",
        "ClimateRelatedTargetScopeCovered": "香港業務的範圍1及2排放",
        "ClimateRelatedTargetBaseYear": "2020",
        "ClimateRelatedTargetBaseYearGreenhouseGasEmissions": "10,500",
        "ClimateRelatedTargetYear": "2030",
        "ClimateRelatedTargetReductionFromBaseYear": "40",
        "ClimateRelatedTargetProgressAgainstBaseYear": "12.4",
    }
    cells = ["".join(td.itertext()) for td in operational.findall("x:td", NS)]
    assert cells[5] == "10,500 噸二氧化碳當量" and cells[7] == "40%" and cells[8] == "12.4%"
    assert _shown_hidden(page, operational) == {"ClimateRelatedTargetType": "絕對目標"}
    intensity = by_label["用電強度目標"]
    assert set(_tagged(intensity)) == {"ClimateRelatedTargetBaseYear", "ClimateRelatedTargetYear",
                                       "ClimateRelatedTargetReductionFromBaseYear"}
    assert _shown_hidden(page, intensity) == {"ClimateRelatedTargetType": "密度目標"}


def test_the_texts_of_a_target_follow_the_table_tagged_in_place(page: etree._Element) -> None:
    provision = page.find(".//x:div[@id='provision-D-MET-12']", NS)
    tagged = _tagged(provision)
    assert tagged["ClimateRelatedTargetDescription"] == "2030年前範圍1及2絕對排放較2020年減少40%。"
    assert tagged["ClimateRelatedTargetMilestonesExplanatory"] == "2027年減少20%。"
    assert tagged["PlannedUseOfCarbonCreditsExplanatory"] == "不使用碳信用。"


def test_listing_reliefs_and_approach_are_shown_where_they_belong(page: etree._Element) -> None:
    cover = page.find(".//x:div[@id='cover']", NS)
    assert _shown_hidden(page, cover) == {"IssuerListingBoard": "主板", "IssuerLargeCapStatus": "非大型股發行人"}
    approach = page.find(".//x:div[@id='provision-D-MET-3']", NS)
    assert _shown_hidden(page, approach) == {"GreenhouseGasConsolidationApproach": "營運控制法"}
    scope3 = page.find(".//x:div[@id='provision-D-MET-4']", NS)
    shown = _shown_hidden(page, scope3)["ImplementationReliefsUsedByProvision"]
    assert "範圍3排放的過渡條文" in shown and "、" in shown


def test_only_enumerations_and_statuses_are_hidden(page: etree._Element) -> None:
    hidden = {e.get("name").split(":")[1] for e in page.find(f".//{IX}hidden")}
    assert hidden == {"DisclosureStatus", "IssuerListingBoard", "IssuerLargeCapStatus",
                      "ImplementationReliefsUsedByProvision", "GreenhouseGasConsolidationApproach",
                      "ClimateRelatedTargetType"}


def test_the_page_is_deterministic(loaded: LoadedReport) -> None:
    assert ixbrl_bytes(loaded) == ixbrl_bytes(load_report(REPORT))


def test_the_page_has_the_facts_of_the_instance_and_zero_arelle_errors(loaded: LoadedReport, tmp_path: Path) -> None:
    from esgxbrl.preparer.export import export

    export(REPORT, tmp_path)
    inline = run_arelle(tmp_path / "code2025.html", [PACKAGE], collect_facts=True, inline=True)
    instance = run_arelle(tmp_path / "code2025.xbrl", [PACKAGE], collect_facts=True)
    assert not inline.errors and not inline.warnings, inline.summary()

    def key(fact: dict[str, Any]) -> str:   # without the value: 0.40 on the page is 0.4 in the instance
        return repr(sorted((k, v) for k, v in fact.items() if k != "value"))

    assert len(inline.facts) == len(loaded.facts.facts)
    for found, expected in zip(sorted(inline.facts, key=key), sorted(instance.facts, key=key), strict=True):
        assert found == expected
    assert read(tmp_path / "code2025.html") == loaded.facts
