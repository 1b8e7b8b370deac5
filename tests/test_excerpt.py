"""A file that carries part of a published report (`excerpt:`): check asks only for the provisions it
names, says once what lies outside, and the published documents say they are an excerpt."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from arelle_support import run_arelle
from esgxbrl.preparer.check import check_facts, check_file
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import load_report
from esgxbrl.preparer.to_yaml import report_yaml
from esgxbrl.read import read

ROOT = Path(__file__).resolve().parents[1]
LUFAX = ROOT / "examples" / "lufax" / "2023.yaml"
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"
KEPT = ["MDR.governance", "MDR.principles", "MDR.boundary", "A1.1", "A1.2", "A2.1"]


def _excerpt_data(kept: list[str] = KEPT) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(LUFAX.read_text(encoding="utf-8"))
    data["provisions"] = {pid: entry for pid, entry in data["provisions"].items() if pid in kept}
    for entry in data["provisions"].values():
        entry.pop("sections", None)
    data["excerpt"] = {"what": {"en": "the environmental data table of Appendix 2"}, "provisions": list(kept)}
    for key in ("materiality", "stakeholders", "sdgs"):
        data.pop(key, None)
    return data


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "excerpt.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def excerpt_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory.mktemp("excerpt"), _excerpt_data())


def test_check_asks_only_for_the_provisions_of_the_excerpt(excerpt_file: Path) -> None:
    result = check_file(excerpt_file)
    states = {p.id: p.status for p in result.provisions}
    assert {pid for pid, s in states.items() if s != "outside-excerpt"} == set(KEPT)
    assert result.statuses()["missing"] == 0
    assert not [f for f in result.findings if f.code == "missing"]
    scope = [f for f in result.findings if f.code == "excerpt"]
    assert len(scope) == 1 and scope[0].severity == "info"
    assert f"{len(states) - len(KEPT)} provisions are outside it" in scope[0].message
    assert result.summary()["outside_excerpt"] == len(states) - len(KEPT)


def test_a_provision_of_the_excerpt_that_the_file_lacks_is_an_error(tmp_path: Path) -> None:
    data = _excerpt_data()
    del data["provisions"]["A2.1"]
    result = check_file(_write(tmp_path, data))
    assert [f.provision for f in result.findings if f.severity == "error"] == ["A2.1"]
    assert any(f.code == "missing" and "A2.1" in f.message for f in result.findings)


def test_a_provision_outside_the_list_is_an_error(tmp_path: Path) -> None:
    data = _excerpt_data()
    data["excerpt"]["provisions"].remove("A1.1")
    messages = [f.message for f in check_file(_write(tmp_path, data)).findings if f.severity == "error"]
    assert messages == ["A1.1 is in the file but not in the excerpt's provisions"]


def test_without_excerpt_the_same_file_misses_every_other_provision(tmp_path: Path) -> None:
    data = _excerpt_data()
    del data["excerpt"]
    result = check_file(_write(tmp_path, data))
    assert result.statuses()["missing"] == len(result.provisions) - len(KEPT)
    assert result.blocking


def test_published_excerpt_says_so_and_reads_back(excerpt_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    export(excerpt_file, out)
    facts = read(out / "excerpt.xbrl")
    described = [f.value for f in facts.facts if f.concept.endswith(":ExcerptOfEsgReportDescription")]
    assert described == ["the environmental data table of Appendix 2"]
    # a published excerpt is checked as one: statuses make the provisions it carries
    result = check_facts(facts)
    assert {p.id for p in result.provisions if p.status != "outside-excerpt"} == set(KEPT)
    assert not result.blocking
    rebuilt = yaml.safe_load(report_yaml(facts))
    assert rebuilt["excerpt"] == {"what": {"en": "the environmental data table of Appendix 2"},
                                  "provisions": KEPT}
    assert load_report(_write(tmp_path, rebuilt)).facts.facts == load_report(excerpt_file).facts.facts


@pytest.mark.parametrize("name, inline", [("excerpt.xbrl", False), ("excerpt.html", True), ("excerpt.json", False)])
def test_excerpt_exports_with_zero_arelle_errors(excerpt_file: Path, tmp_path: Path, name: str, inline: bool) -> None:
    export(excerpt_file, tmp_path)
    result = run_arelle(tmp_path / name, [PACKAGE], inline=inline)
    assert not result.errors and not result.warnings, result.summary()
