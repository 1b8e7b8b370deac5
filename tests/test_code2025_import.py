"""`esgxbrl import` of a report under the 2025 Code: the rebuilt report file names the Code and gives back
the listing, reliefs, consolidation approach and targets, so that loading it gives exactly the same facts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from esgxbrl.catalogue import load_catalogue, rulebook_using
from esgxbrl.model.loaded import LoadedReport
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import load_report

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "tests" / "data" / "code2025.yaml"


@pytest.fixture(scope="module")
def original() -> LoadedReport:
    return load_report(REPORT)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("code2025-published")
    export(REPORT, out)
    return out


def _import(document: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "esgxbrl", "import", str(document), "-o", str(out)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("suffix", ["xbrl", "html", "json"])
def test_import_gives_back_the_same_facts(original: LoadedReport, exported: Path, tmp_path: Path,
                                          suffix: str) -> None:
    rebuilt = tmp_path / "rebuilt.yaml"
    result = _import(exported / f"code2025.{suffix}", rebuilt)
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(rebuilt.read_text(encoding="utf-8"))
    assert data["guide"] == "hkex-esg-code-2025"
    assert data["listing"] == {"board": "main", "largecap": False}
    provisions = data["provisions"]
    assert provisions["D-MET-3"]["consolidation_approach"] == "operational-control"
    assert provisions["D-MET-4"]["reliefs"] == ["interim-scope-3", "reasonable-information"]
    assert [t["id"] for t in provisions["D-MET-12"]["targets"]] == ["ElectricityIntensity2030",
                                                                    "OperationalEmissions2030"]
    assert load_report(rebuilt).facts == original.facts


def test_a_code_report_imports_to_a_workbook_with_the_same_facts(original: LoadedReport, exported: Path,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "rebuilt.xlsx"
    result = _import(exported / "code2025.xbrl", out)
    assert result.returncode == 0, result.stderr
    assert load_report(out).facts == original.facts


def test_the_rulebook_is_the_one_whose_namespace_is_used() -> None:
    guide, code = load_catalogue("2020-07-01"), load_catalogue("2025-01-01")
    assert rulebook_using([guide.regime.namespace]) is guide
    assert rulebook_using([code.regime.namespace, "http://www.xbrl.org/2003/instance"]) is code
    assert rulebook_using([guide.regime.namespace, code.regime.namespace]) is code
    assert rulebook_using(["http://example.com/other"]) is None
