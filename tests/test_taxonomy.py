"""The C2 taxonomy: current, complete, conventional, and accepted by Arelle with no errors or warnings."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from arelle_support import run_arelle
from esgxbrl.catalogue import LANGUAGES, all_element_names, load_catalogue
from esgxbrl.taxonomy.build import generated_files, stale_files
from esgxbrl.taxonomy.package import package_zip, taxonomy_files
from esgxbrl.xbrl import namespaces as ns

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"
CATALOGUE = load_catalogue()


def _parse(name: str) -> etree._Element:
    files = taxonomy_files(CATALOGUE)
    return etree.fromstring(files[f"2020-07-01/{name}"])


def test_committed_generated_files_are_current() -> None:
    assert stale_files(ROOT) == [], "run `esgxbrl taxonomy build` and commit the result"


def test_build_is_deterministic() -> None:
    assert package_zip(CATALOGUE) == package_zip(CATALOGUE)
    assert generated_files(CATALOGUE) == generated_files(CATALOGUE)


def test_the_installed_package_is_the_committed_one() -> None:
    from esgxbrl.taxonomy.package import installed_package_path

    assert installed_package_path().read_bytes() == PACKAGE.read_bytes()


def test_catalogue_has_every_provision_of_the_guide() -> None:
    ids = [p.id for p in CATALOGUE.provisions]
    assert len(ids) == 51 and len(set(ids)) == 51
    assert [p.id for p in CATALOGUE.provisions if p.kind == "mandatory"] == [
        "MDR.governance", "MDR.principles", "MDR.boundary"]
    general = [p.id for p in CATALOGUE.provisions if p.is_general_disclosure]
    assert general == [f"{a}.GD" for a in ("A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8")]
    kpis = [p.id for p in CATALOGUE.provisions if p.kind != "mandatory" and not p.is_general_disclosure]
    expected = ([f"A1.{i}" for i in range(1, 7)] + [f"A2.{i}" for i in range(1, 6)] + ["A3.1", "A4.1"]
                + ["B1.1", "B1.2", "B2.1", "B2.2", "B2.3", "B3.1", "B3.2", "B4.1", "B4.2"]
                + [f"B5.{i}" for i in range(1, 5)] + [f"B6.{i}" for i in range(1, 6)]
                + ["B7.1", "B7.2", "B7.3", "B8.1", "B8.2"])
    assert kpis == expected


def test_every_provision_is_reachable_through_references() -> None:
    root = _parse("hkesg-2020-07-01_ref.xml")
    found = {e.text for e in root.iter(f"{{{CATALOGUE.regime.namespace}}}ProvisionId")}
    assert found == {p.id for p in CATALOGUE.provisions}
    types = {e.text for e in root.iter(f"{{{CATALOGUE.regime.namespace}}}ProvisionType")}
    assert types == {"Mandatory disclosure requirement", "Comply or explain"}


def test_every_element_has_three_standard_labels_and_documentation() -> None:
    names = all_element_names(CATALOGUE)
    provision_members = {p.member for p in CATALOGUE.provisions}
    sdg_members = {s.member for s in CATALOGUE.sdgs}
    assert provision_members <= set(names) and sdg_members <= set(names)
    for lang in LANGUAGES:
        root = _parse(f"hkesg-2020-07-01_lab-{lang}.xml")
        by_role: dict[str, set[str]] = {role: set() for role in (
            ns.ROLE_LABEL, ns.ROLE_DOCUMENTATION, ns.ROLE_MEASUREMENT_GUIDANCE)}
        labels = {e.get(f"{{{ns.XLINK}}}label"): e for e in root.iter(f"{{{ns.LINK}}}label")}
        locators = {e.get(f"{{{ns.XLINK}}}label"): e.get(f"{{{ns.XLINK}}}href").split("#hkesg_")[1]
                    for e in root.iter(f"{{{ns.LINK}}}loc")}
        for arc in root.iter(f"{{{ns.LINK}}}labelArc"):
            label = labels[arc.get(f"{{{ns.XLINK}}}to")]
            assert label.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
            assert (label.text or "").strip()
            by_role[label.get(f"{{{ns.XLINK}}}role")].add(locators[arc.get(f"{{{ns.XLINK}}}from")])
        missing_labels = set(names) - by_role[ns.ROLE_LABEL]
        missing_docs = set(names) - by_role[ns.ROLE_DOCUMENTATION]
        assert not missing_labels, f"{lang}: no standard label for {sorted(missing_labels)[:5]}"
        assert not missing_docs, f"{lang}: no documentation for {sorted(missing_docs)[:5]}"


def test_simplified_labels_are_not_traditional() -> None:
    traditional = set("們與為國會說這來時關網體開發過還學氣廢棄環僱員範圍")
    offenders = [n for n, texts in CATALOGUE.labels.items() if set(texts.get("zh-Hans", "")) & traditional]
    assert offenders == []


def test_names_follow_the_conventions() -> None:
    camel = re.compile(r"^[A-Z][A-Za-z0-9]*$")
    for name in all_element_names(CATALOGUE):
        assert camel.match(name), name
    for axis in CATALOGUE.axes:
        assert axis.name.endswith("Axis") and axis.domain.endswith("Domain")
        assert all(m.endswith("Member") for m in axis.members)
    for table in CATALOGUE.tables:
        assert table.name.endswith("Table") and table.line_items.endswith("LineItems")
    for concept in CATALOGUE.concepts:
        if concept.is_text_block:
            assert concept.name.endswith("Explanatory") or concept.name == "ExplanationForNotDisclosing"


def test_types_come_from_registries_and_none_is_home_made() -> None:
    schema = _parse("hkesg-2020-07-01.xsd")
    assert not list(schema.iter(f"{{{ns.XS}}}complexType")) and not list(schema.iter(f"{{{ns.XS}}}simpleType"))
    allowed = ("xbrli:", "dtr-types:", "enum2:", "xs:string")
    for element in schema.iter(f"{{{ns.XS}}}element"):
        assert element.get("type", "").startswith(allowed), element.get("name")
    imports = {e.get("namespace"): e.get("schemaLocation") for e in schema.iter(f"{{{ns.XS}}}import")}
    assert imports[ns.DTR_TYPES] == "https://www.xbrl.org/dtr/type/2024-01-31/types.xsd"
    ghg = {c.name: c.xbrl_type for c in CATALOGUE.concepts if c.type == "ghg"}
    assert set(ghg.values()) == {"dtr-types:ghgEmissionsItemType"}


def test_package_has_one_top_level_folder_and_its_metadata() -> None:
    with zipfile.ZipFile(PACKAGE) as archive:
        names = archive.namelist()
    tops = {n.split("/", 1)[0] for n in names}
    assert tops == {"hkex-esg-2020-07-01"}
    assert "hkex-esg-2020-07-01/META-INF/taxonomyPackage.xml" in names
    assert "hkex-esg-2020-07-01/META-INF/catalog.xml" in names


def test_calculations_use_calculations_1_1() -> None:
    root = _parse("hkesg-2020-07-01_cal.xml")
    arcroles = {a.get(f"{{{ns.XLINK}}}arcrole") for a in root.iter(f"{{{ns.LINK}}}calculationArc")}
    assert arcroles == {ns.ARCROLE_SUMMATION_ITEM}


def test_hypercubes_are_closed_on_the_scenario() -> None:
    root = _parse("hkesg-2020-07-01_def.xml")
    alls = [a for a in root.iter(f"{{{ns.LINK}}}definitionArc") if a.get(f"{{{ns.XLINK}}}arcrole") == ns.ARCROLE_ALL]
    assert len(alls) == len(CATALOGUE.tables)
    for arc in alls:
        assert arc.get(f"{{{ns.XBRLDT}}}closed") == "true"
        assert arc.get(f"{{{ns.XBRLDT}}}contextElement") == "scenario"


@pytest.fixture(scope="module")
def arelle_on_taxonomy() -> object:
    return run_arelle(PACKAGE, [PACKAGE])


def test_arelle_loads_the_package_with_no_errors_or_warnings(arelle_on_taxonomy: object) -> None:
    result = arelle_on_taxonomy
    assert not result.errors and not result.warnings, result.summary()  # type: ignore[attr-defined]


def test_arelle_loads_the_entry_point_with_no_errors_or_warnings() -> None:
    result = run_arelle(CATALOGUE.regime.entry_point_url, [PACKAGE])
    assert not result.errors and not result.warnings, result.summary()
    assert result.document_type == "schema"


def test_every_figure_has_a_unit_hint() -> None:
    root = _parse("hkesg-2020-07-01_lab-en.xml")
    hints = {e.get(f"{{{ns.XLINK}}}label").removeprefix("unit_"): e.text
             for e in root.iter(f"{{{ns.LINK}}}label")
             if e.get(f"{{{ns.XLINK}}}role") == ns.ROLE_MEASUREMENT_GUIDANCE}
    numeric = {c.name for c in CATALOGUE.concepts if c.is_numeric}
    assert set(hints) == numeric
    assert hints["Scope1GreenhouseGasEmissions"] == "[utr:tCO2e]"
    assert hints["TotalEnergyConsumption"] == "[utr:MWh]"
    assert hints["GreenhouseGasEmissionsIntensity"].startswith("[utr:tCO2e / (hkesg:Employee")



def test_every_axis_shown_in_a_presentation_role_has_its_domain_under_it() -> None:
    """An axis shared by several tables of one role is written once per role, however often links are made
    and freed: a link freed before the next is made must not make the next one look written already."""
    from esgxbrl.taxonomy import linkbases

    tree = linkbases._PresentationTree(CATALOGUE)
    root = linkbases.linkbase_root()
    for index in range(50):
        link = tree.open(root, f"https://example.com/role/R{index}")
        tree.children(link, "FigureQualifierAxis", ["FigureQualifierDomain"])
        arcs = list(link.element.iter(f"{{{ns.LINK}}}presentationArc"))
        assert len(arcs) == 1, index
        del link, arcs
    built = etree.fromstring(linkbases.presentation_linkbase(CATALOGUE))
    for element in built.iter(f"{{{ns.LINK}}}presentationLink"):
        labels = {loc.get(f"{{{ns.XLINK}}}label") for loc in element.iter(f"{{{ns.LINK}}}loc")}
        parents = {arc.get(f"{{{ns.XLINK}}}from") for arc in element.iter(f"{{{ns.LINK}}}presentationArc")}
        shown = {label for label in labels if label and label.endswith("Axis")}
        assert shown <= parents, (element.get(f"{{{ns.XLINK}}}role"), shown - parents)
