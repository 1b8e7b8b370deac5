"""A later version of the guide is a list of changes to an earlier one, not a copy."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest
import yaml

from arelle_support import run_arelle
from esgxbrl.catalogue import load_catalogue
from esgxbrl.taxonomy.package import package_zip

DERIVED = {
    "extends": "2020-07-01",
    "regime": {
        "id": "c2-2025", "version": "2025-01-01", "effective_from": "2025-01-01", "prefix": "hkesg",
        "namespace": "https://taxonomy.esgxbrl.org/hkex-esg/2025-01-01/hkesg",
        "url_base": "https://taxonomy.esgxbrl.org/hkex-esg/2025-01-01/",
        "entry_point": "hkesg-2025-01-01.xsd", "package_name": "hkex-esg-2025-01-01", "publisher": "esgxbrl",
        "source": {"name": "HKEX Main Board Listing Rules", "number": "Appendix C2",
                   "title": "Environmental, Social and Governance Reporting Code", "uri": "https://example.org/c2"},
    },
    "provisions": [
        {"id": "D.governance", "kind": "comply-or-explain", "member": "ClimateGovernanceProvisionMember",
         "narrative": ["ClimateGovernanceExplanatory"]},
    ],
    "concepts": [
        {"name": "ClimateGovernanceExplanatory", "type": "text", "provision": "D.governance"},
        {"name": "Scope1GreenhouseGasEmissions", "type": "ghg", "unit": "tCO2e", "provision": "A1.2",
         "period": "duration"},
    ],
    "remove": {"provisions": ["A4.1"], "concepts": ["SignificantClimateRelatedIssuesAndActionsExplanatory"]},
}
DERIVED_LABELS = {
    "extends": "2020-07-01",
    "provisions": {"D.governance": {"title": {"en": "Climate governance", "zh-Hant": "氣候管治", "zh-Hans": "气候管治"},
                                    "requirement": {"en": "Governance of climate-related risks."}}},
    "elements": {"ClimateGovernanceExplanatory": {
        "en": "Climate governance [text block]", "zh-Hant": "氣候管治［文字區塊］", "zh-Hans": "气候管治［文字区块］",
        "doc": {"en": "How the board oversees climate-related risks and opportunities."}}},
}


@pytest.fixture(scope="module")
def catalogue_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("catalogue")
    package = resources.files("esgxbrl.catalogue")
    for name in ("c2-2020-07-01.yaml", "labels-2020-07-01.yaml", "crosswalk-2020-07-01.yaml"):
        with resources.as_file(package.joinpath(name)) as source:
            shutil.copy(source, folder / name)
    (folder / "c2-2025-01-01.yaml").write_text(yaml.safe_dump(DERIVED, allow_unicode=True), encoding="utf-8")
    (folder / "labels-2025-01-01.yaml").write_text(yaml.safe_dump(DERIVED_LABELS, allow_unicode=True),
                                                   encoding="utf-8")
    return folder


def test_derived_version_shares_what_did_not_change(catalogue_dir: Path) -> None:
    base = load_catalogue("2020-07-01", catalogue_dir)
    later = load_catalogue("2025-01-01", catalogue_dir)
    assert later.regime.namespace.endswith("/2025-01-01/hkesg")
    ids = [p.id for p in later.provisions]
    assert "D.governance" in ids and "A4.1" not in ids
    assert len(ids) == len(base.provisions)  # one added, one removed
    assert ids[:3] == ["MDR.governance", "MDR.principles", "MDR.boundary"]
    assert later.concept("NumberOfEmployees") == base.concept("NumberOfEmployees")
    scope1 = "Scope1GreenhouseGasEmissions"
    assert later.label(scope1, "zh-Hant") == base.label(scope1, "zh-Hant")
    assert later.label("ClimateGovernanceExplanatory", "zh-Hans") == "气候管治［文字区块］"
    assert not later.has_concept("SignificantClimateRelatedIssuesAndActionsExplanatory")


def test_derived_version_builds_a_valid_taxonomy(catalogue_dir: Path, tmp_path: Path) -> None:
    later = load_catalogue("2025-01-01", catalogue_dir)
    package = tmp_path / "hkex-esg-2025-01-01.zip"
    package.write_bytes(package_zip(later))
    result = run_arelle(later.regime.entry_point_url, [package])
    assert not result.errors and not result.warnings, result.summary()
