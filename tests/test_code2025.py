"""The 2025 ESG Reporting Code: its catalogue and taxonomy, the rulebook chosen by financial year,
Part D obligations by issuer tier, reliefs, and a Code report accepted by Arelle in every syntax."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from arelle_support import run_arelle
from esgxbrl.catalogue import GUIDES, LANGUAGES, load_catalogue
from esgxbrl.catalogue.crosswalk import IFRS_S2, load_crosswalk
from esgxbrl.errors import InputInvalid
from esgxbrl.preparer.check import check_gathered, gather_source, render_text
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import loads_report
from esgxbrl.preparer.source import parse_source
from esgxbrl.taxonomy.package import taxonomy_files

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2025-01-01.zip"
REPORT = ROOT / "tests" / "data" / "code2025.yaml"
CODE = load_catalogue("2025-01-01")
GUIDE = load_catalogue("2020-07-01")


# --- the catalogue -------------------------------------------------------------------------------

def test_code_is_registered_and_extends_the_guide() -> None:
    assert GUIDES["hkex-esg-code-2025"] == "2025-01-01"
    assert CODE.lineage == ("2025-01-01", "2020-07-01")
    assert CODE.regime.namespace != GUIDE.regime.namespace


def test_part_c_loses_a1_2_and_aspect_a4_and_keeps_its_numbers() -> None:
    ids = [p.id for p in CODE.provisions]
    for removed in ("A1.2", "A4.GD", "A4.1"):
        assert removed in [p.id for p in GUIDE.provisions] and removed not in ids
    assert "A4" not in [a.id for a in CODE.aspects]
    a1 = [p.id for p in CODE.provisions_of("A1")]
    assert a1 == ["A1.GD", "A1.1", "A1.3", "A1.4", "A1.5", "A1.6"]
    part_c = [p for p in CODE.provisions if p.part == "C"]
    assert len(part_c) == 11 + 34


def test_part_d_ids_are_readable_and_in_the_four_pillars() -> None:
    part_d = [p for p in CODE.provisions if p.part == "D"]
    assert part_d and all(re.fullmatch(r"D-(GOV|STR|RSK|MET)-\d+", p.id) for p in part_d)
    assert {p.aspect for p in part_d} == {"D-GOV", "D-STR", "D-RSK", "D-MET"}
    assert {p.obligation for p in part_d} == {"all-issuers", "by-tier"}
    # Scope 1 and Scope 2 are the issuer-independent mandatory core
    scope = {c.name: c.provision for c in CODE.concepts}
    assert CODE.provision(scope["Scope1GreenhouseGasEmissions"]).obligation == "all-issuers"
    assert CODE.provision(scope["Scope2LocationBasedGreenhouseGasEmissions"]).obligation == "all-issuers"
    assert CODE.provision(scope["Scope3GreenhouseGasEmissions"]).obligation == "by-tier"


def test_every_part_d_provision_has_text_blocks_labels_and_an_ifrs_s2_paragraph() -> None:
    crosswalk = load_crosswalk("2025-01-01")
    for provision in (p for p in CODE.provisions if p.part == "D"):
        assert provision.narrative, provision.id
        assert all(CODE.concept(n).is_text_block for n in provision.narrative)
        assert all(provision.title.get(lang) for lang in LANGUAGES), provision.id
        assert any(r.framework == IFRS_S2 for r in crosswalk.for_provision(provision.id)), provision.id
        for concept in CODE.concepts_of(provision.id):
            assert all(CODE.labels[concept.name].get(lang) for lang in LANGUAGES), concept.name


def test_metrics_have_numeric_concepts() -> None:
    for name, kind in (("Scope1GreenhouseGasEmissions", "ghg"), ("Scope2LocationBasedGreenhouseGasEmissions", "ghg"),
                       ("InternalCarbonPricePerTonneOfGreenhouseGasEmissions", "monetary"),
                       ("PercentageOfExecutiveRemunerationLinkedToClimateRelatedConsiderations", "percent"),
                       ("PercentageOfAssetsOrActivitiesVulnerableToPhysicalRisks", "percent"),
                       ("CapitalDeployedTowardsClimateRelatedRisksAndOpportunities", "monetary")):
        assert CODE.concept(name).type == kind and CODE.concept(name).provision.startswith("D-")  # type: ignore[union-attr]


def test_scope_3_has_the_fifteen_ghg_protocol_categories() -> None:
    axis = CODE.axis("Scope3CategoryAxis")
    assert len(axis.members) == 15 and axis.has_default
    assert CODE.label(axis.members[0]) == "Category 1: Purchased goods and services [member]"
    assert CODE.label(axis.members[14]) == "Category 15: Investments [member]"
    assert CODE.breakdown_axes_of(CODE.concept("Scope3GreenhouseGasEmissions")) == (axis,)


def test_enumerations_for_consolidation_approach_and_reliefs() -> None:
    enums = {e.name: e.members for e in CODE.enumerations}
    assert enums["GreenhouseGasConsolidationApproachDomain"] == (
        "EquityShareApproachMember", "FinancialControlApproachMember", "OperationalControlApproachMember")
    assert len(enums["ImplementationReliefDomain"]) == 4


def test_unverified_code_paragraphs_are_flagged_in_references_not_in_names() -> None:
    ref = taxonomy_files(CODE)["2025-01-01/hkesg-2025-01-01_ref.xml"].decode()
    assert ref.count("Paragraph number unverified") == sum(
        1 for p in CODE.provisions if p.part == "D" and p.paragraph for _ in CODE.concepts_of(p.id)) + sum(
        1 for p in CODE.provisions if p.part == "D" and p.paragraph)
    assert "<ref:Section>Part D</ref:Section>" in ref
    for provision in (p for p in CODE.provisions if p.part == "D"):
        assert not provision.paragraph_verified
        if provision.paragraph:
            digits = provision.paragraph.split("-")
            names = [provision.member, *(c.name for c in CODE.concepts_of(provision.id))]
            assert not [n for n in names for d in digits if d in n], provision.id


def test_the_2025_package_is_accepted_by_arelle() -> None:
    with zipfile.ZipFile(PACKAGE) as archive:
        assert {n.split("/")[0] for n in archive.namelist()} == {"hkex-esg-2025-01-01"}
    result = run_arelle(CODE.regime.entry_point_url, [PACKAGE])
    assert not result.errors and not result.warnings, result.summary()


def test_taxonomy_readme_lists_part_d_ids() -> None:
    readme = (ROOT / "taxonomy" / "README.md").read_text(encoding="utf-8")
    assert "## Part D provision ids" in readme
    for provision in (p for p in CODE.provisions if p.part == "D"):
        assert f"| {provision.id} |" in readme


# --- the rulebook follows the financial year -------------------------------------------------------

def _report(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(REPORT.read_text(encoding="utf-8"))
    data.update(changes)
    return data


def _complete(data: dict[str, Any]) -> dict[str, Any]:
    """Every provision of the Code present: those the test report leaves out as not disclosed."""
    for provision in CODE.provisions:
        data["provisions"].setdefault(provision.id, {
            "status": "not-disclosed" if provision.part != "B" else "disclosed",
            **({"explanation": {"zh-Hant": "本年度未有披露。"}} if provision.part != "B" else
               {"narrative": {provision.narrative[0]: {"zh-Hant": "已披露。"}}})})
    return data


def _errors(data: dict[str, Any]) -> list[Any]:
    try:
        loads_report(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "2025.yaml")
    except InputInvalid as exc:
        return list(exc.findings)
    return []


def test_the_code_report_loads() -> None:
    assert _errors(_report()) == []


def test_the_2020_guide_for_a_2025_year_is_refused_with_migrate_as_the_fix() -> None:
    data = yaml.safe_load((ROOT / "tests" / "data" / "minimal.yaml").read_text(encoding="utf-8"))
    data["period"] = {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31)}
    findings = _errors(data)
    assert [f.code for f in findings] == ["guide-year"]
    assert "esgxbrl migrate" in (findings[0].fix or "") and "hkex-esg-code-2025" in (findings[0].fix or "")
    assert findings[0].line == 2


def test_the_code_for_an_earlier_year_is_refused() -> None:
    findings = _errors(_report(period={"start": dt.date(2024, 1, 1), "end": dt.date(2024, 12, 31)}))
    assert [f.code for f in findings] == ["guide-year"]
    assert "guide: hkex-c2-2020" in (findings[0].fix or "")


def test_the_code_needs_the_listing() -> None:
    data = _report()
    del data["listing"]
    findings = _errors(data)
    assert [f.code for f in findings] == ["listing"]


def test_reliefs_are_for_part_d_only() -> None:
    data = _report()
    data["provisions"]["A1.1"]["reliefs"] = ["reasonable-information"]
    findings = _errors(data)
    assert len(findings) == 1 and findings[0].provision == "A1.1"


# --- check: Part D obligations by issuer and year ------------------------------------------------

def _check(data: dict[str, Any]) -> Any:
    return check_gathered(gather_source(parse_source(yaml.safe_dump(data, allow_unicode=True), "2025.yaml")))


def _by_provision(result: Any) -> dict[str, Any]:
    return {p.id: p for p in result.provisions}


def test_a_complete_main_board_report_has_no_part_d_error() -> None:
    result = _check(_complete(_report()))
    errors = [f for f in result.findings if f.severity == "error"]
    assert errors == [], [f.render() for f in errors]
    provisions = _by_provision(result)
    assert provisions["D-GOV-2"].obligation == "comply-or-explain"
    assert provisions["D-MET-1"].obligation == "mandatory"
    assert provisions["A1.1"].obligation == "comply-or-explain"


@pytest.mark.parametrize("board, largecap", [("main", False), ("main", True), ("gem", False)])
def test_missing_scope_1_blocks_publication_whatever_the_explanation(board: str, largecap: bool) -> None:
    data = _complete(_report(listing={"board": board, "largecap": largecap}))
    data["provisions"]["D-MET-1"] = {"status": "not-disclosed", "explanation": {"zh-Hant": "數據未能及時收集。"}}
    _drop_totals(data)
    errors = [f for f in _check(data).findings if f.severity == "error"]
    assert [f.provision for f in errors] == ["D-MET-1"]
    assert "whatever the explanation" in errors[0].message


def _drop_totals(data: dict[str, Any]) -> None:
    """Without a part of them, the printed totals no longer add up: leave them out too."""
    for provision in data["provisions"].values():
        provision["facts"] = [f for f in provision.get("facts", []) if f["concept"] not in (
            "Scope1And2GreenhouseGasEmissions", "TotalGreenhouseGasEmissions")]


def test_a_disclosed_scope_2_without_its_figure_is_an_error() -> None:
    data = _complete(_report())
    data["provisions"]["D-MET-2"]["facts"] = []
    del data["provisions"]["D-MET-2"]["facts"]
    data["provisions"]["D-MET-4"]["facts"] = [f for f in data["provisions"]["D-MET-4"]["facts"]
                                              if f["concept"] != "TotalGreenhouseGasEmissions"]
    errors = [f for f in _check(data).findings if f.severity == "error"]
    assert [(f.provision, f.code) for f in errors] == [("D-MET-2", "mandatory-figure")]


def test_largecap_from_2026_makes_every_part_d_requirement_mandatory() -> None:
    data = _complete(_report(listing={"board": "main", "largecap": True},
                             period={"start": dt.date(2026, 1, 1), "end": dt.date(2026, 12, 31)}))
    result = _check(data)
    errors = {f.provision for f in result.findings if f.severity == "error" and f.code == "mandatory"}
    not_disclosed = {p.id for p in CODE.provisions
                     if p.part == "D" and data["provisions"][p.id]["status"] != "disclosed"}
    assert errors == not_disclosed and "D-STR-4" in errors
    assert all(p.obligation == "mandatory" for p in result.provisions if p.part == "D")


def test_largecap_in_2025_is_still_comply_or_explain() -> None:
    result = _check(_complete(_report(listing={"board": "main", "largecap": True})))
    assert not [f for f in result.findings if f.severity == "error"]
    assert _by_provision(result)["D-STR-4"].obligation == "comply-or-explain"


def test_gem_part_d_findings_are_notices_except_scope_1_and_2() -> None:
    data = _report(listing={"board": "gem", "largecap": False})   # most Part D provisions missing
    result = _check(data)
    part_d = {p.id for p in CODE.provisions if p.part == "D"}
    by_tier = {p.id for p in CODE.provisions if p.obligation == "by-tier"}
    gem_findings = [f for f in result.findings if f.provision in by_tier]
    assert gem_findings and all(f.severity == "info" for f in gem_findings)
    assert all(_by_provision(result)[p].obligation == "voluntary" for p in by_tier)
    # the same file on the Main Board: missing Part D provisions are errors
    main = _check(_report())
    assert {f.provision for f in main.findings if f.severity == "error"} & part_d == by_tier - set(data["provisions"])


def test_check_shows_obligation_and_reliefs() -> None:
    result = _check(_complete(_report()))
    assert _by_provision(result)["D-MET-4"].reliefs == ("interim-scope-3", "reasonable-information")
    text = render_text(result)
    assert "Obligation" in text and "Reliefs" in text
    row = next(line for line in text.splitlines() if line.startswith("D-MET-4 "))
    assert "interim-scope-3" in row and "comply-or-explain" in row
    assert result.as_dict()["provisions"][[p.id for p in result.provisions].index("D-STR-4")]["reliefs"] == [
        "qualitative-financial-effects"]


# --- export: zero Arelle errors in every syntax ------------------------------------------------------

@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("code2025")
    export(REPORT, out)
    return out


@pytest.mark.parametrize("name, inline", [("code2025.xbrl", False), ("code2025.html", True), ("code2025.json", False)])
def test_code_report_exports_with_zero_arelle_errors(exported: Path, name: str, inline: bool) -> None:
    result = run_arelle(exported / name, [PACKAGE], collect_facts=True, inline=inline)
    assert not result.errors and not result.warnings, result.summary()
    names = {f.split("}")[-1].split(":")[-1] for f in _concepts(result)}
    assert {"Scope1GreenhouseGasEmissions", "Scope3GreenhouseGasEmissions",
            "ImplementationReliefsUsedByProvision", "GreenhouseGasConsolidationApproach",
            "ClimateRelatedTargetBaseYearGreenhouseGasEmissions", "ClimateRelatedTargetType"} <= names


def _concepts(result: Any) -> list[str]:
    return [str(f["concept"] if isinstance(f, dict) else getattr(f, "concept", f)) for f in result.facts]


def test_the_instance_uses_the_code_taxonomy(exported: Path) -> None:
    # the instance refers to the issuer's extension schema (its targets are members), which imports the Code's
    xbrl = "".join(p.read_text(encoding="utf-8") for p in (exported / "code2025.xbrl",
                                                             exported / "9999-2025-extension.xsd"))
    assert CODE.regime.entry_point_url in xbrl and GUIDE.regime.entry_point_url not in xbrl


def test_the_inline_page_is_laid_out_in_parts_b_c_and_d(exported: Path) -> None:
    page = (exported / "code2025.html").read_text(encoding="utf-8")
    anchors = [page.index(f'id="{anchor}"') for anchor in ("mandatory", "area-A", "area-B", "area-D")]
    assert anchors == sorted(anchors)
    assert all(f'id="aspect-{pillar}"' in page for pillar in ("D-GOV", "D-STR", "D-RSK", "D-MET"))
    assert 'id="aspect-A4"' not in page
    # Scope 1 is shown in Part D, not only carried in ix:hidden
    hidden = page[page.index("<ix:hidden"):page.index("</ix:hidden>")] if "<ix:hidden" in page else ""
    assert "1,200.5" in page[page.index('id="aspect-D-MET"'):] and "1,200.5" not in hidden


def test_init_writes_every_provision_of_the_code(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from esgxbrl.cli.app import app

    out = tmp_path / "2025.yaml"
    result = CliRunner().invoke(app, ["init", "--guide", "hkex-esg-code-2025", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["guide"] == "hkex-esg-code-2025" and data["listing"] == {"board": "main", "largecap": False}
    assert list(data["provisions"]) == [p.id for p in CODE.provisions]
