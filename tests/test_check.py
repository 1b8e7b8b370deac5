"""`esgxbrl check`: the Lufax report passes with its real rough edges as warnings and info; the
same report with one thing broken fails, naming the provision and the YAML line."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from esgxbrl.catalogue import load_catalogue
from esgxbrl.catalogue.crosswalk import crosswalk_references, load_crosswalk
from esgxbrl.errors import Finding
from esgxbrl.preparer.check import CheckReport, check_facts, check_file, render_text
from esgxbrl.preparer.load import load_report

LUFAX = Path("examples/lufax/2023.yaml")


@pytest.fixture(scope="module")
def lufax() -> CheckReport:
    return check_file(LUFAX)


@pytest.fixture(scope="module")
def lufax_text() -> str:
    return LUFAX.read_text(encoding="utf-8")


def line_number(text: str, needle: str) -> int:
    """The 1-based line of the only line containing `needle`."""
    hits = [i + 1 for i, line in enumerate(text.splitlines()) if needle in line]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def only(findings: tuple[Finding, ...] | list[Finding], **expected: object) -> Finding:
    matching = [f for f in findings if all(getattr(f, k) == v for k, v in expected.items())]
    assert len(matching) == 1, (expected, [f.render() for f in findings])
    return matching[0]


# --- the published report ------------------------------------------------------------------------

def test_lufax_addresses_every_provision(lufax: CheckReport) -> None:
    assert len(lufax.provisions) == 51
    assert [p.id for p in lufax.provisions] == [p.id for p in load_catalogue().provisions]
    assert all(p.addressed for p in lufax.provisions), [p.id for p in lufax.provisions if not p.addressed]
    assert lufax.statuses()["missing"] == 0
    not_applicable = {p.id for p in lufax.provisions if p.status == "not-applicable"}
    assert {"A1.3", "A2.5", "B6.1", "B6.4"} <= not_applicable
    assert all(p.explanation for p in lufax.provisions if p.status == "not-applicable")


def test_lufax_has_no_blocking_finding(lufax: CheckReport) -> None:
    assert not lufax.blocking
    assert lufax.count("error") == 0, [f.render() for f in lufax.findings if f.severity == "error"]
    assert lufax.count("warning") >= 1


def test_energy_total_is_a_rounding_difference(lufax: CheckReport) -> None:
    finding = only(lufax.findings, provision="A2.1", code="rounding")
    assert finding.severity == "info"
    assert "34,979.71" in finding.message and "34,979.72" in finding.message
    assert finding.line == lufax_line('TotalEnergyConsumption, value: "34,979.72"')


def lufax_line(needle: str) -> int:
    return line_number(LUFAX.read_text(encoding="utf-8"), needle)


def test_training_hours_tell_which_weighting_matches(lufax: CheckReport) -> None:
    finding = only(lufax.findings, provision="B3.2", code="weighted-average")
    assert finding.severity == "warning"
    assert "Gender" in finding.message and "5.00" in finding.message and "4.99" in finding.message
    assert "EmployeeCategory" in finding.message and "which matches" in finding.message
    assert finding.line == lufax_line('AverageTrainingHoursPerEmployee, value: "4.99"')


def test_complaint_rate_without_denominator(lufax: CheckReport) -> None:
    finding = only(lufax.findings, provision="B6.2", code="rate-denominator")
    assert finding.severity == "warning"
    assert "ProductAndServiceComplaintRate" in finding.message
    assert finding.line == lufax_line("ProductAndServiceComplaintRate")


def test_not_applicable_claim_contradicted_by_narrative(lufax: CheckReport) -> None:
    finding = only(lufax.findings, provision="A1.3", code="not-applicable-contradicted")
    assert finding.severity == "warning"
    assert "A1.6" in finding.message
    # the other not-applicable claims are not contradicted anywhere in the report
    assert not [f for f in lufax.findings if f.code == "not-applicable-contradicted" and f.provision != "A1.3"]


def test_quantitative_kpi_without_figures_is_info(lufax: CheckReport) -> None:
    finding = only(lufax.findings, provision="B5.2", code="no-figures")
    assert finding.severity == "info"


def test_findings_carry_lines_and_crosswalk(lufax: CheckReport) -> None:
    assert all(f.line is not None for f in lufax.findings if f.provision)
    a12 = next(p for p in lufax.provisions if p.id == "A1.2")
    labels = {r.label for r in a12.references}
    assert {"GRI 305-1", "GRI 305-2", "IFRS S2 29(a)(i)"} <= labels


def test_table_output(lufax: CheckReport) -> None:
    text = render_text(lufax)
    assert re.search(r"^A1\.3\s+not applicable: 公司打印機", text, re.MULTILINE)
    assert re.search(r"^B3\.2\s+disclosed\s+1 warning\s+404-1", text, re.MULTILINE)
    assert "51 provisions: " in text and "0 missing" in text and "nothing blocks publication" in text


def test_cli_exit_0_and_json(app: typer.Typer) -> None:
    runner = CliRunner()
    table = runner.invoke(app, ["check", str(LUFAX)])
    assert table.exit_code == 0, table.output
    result = runner.invoke(app, ["check", str(LUFAX), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert sorted(data) == ["file", "findings", "kind", "provisions", "summary"]
    assert data["summary"]["provisions"] == 51 and data["summary"]["addressed"] == 51
    assert data["summary"]["errors"] == 0 and data["summary"]["blocking"] is False
    a12 = next(p for p in data["provisions"] if p["id"] == "A1.2")
    assert {"framework": "GRI", "number": "305-1", "title": "Direct (Scope 1) GHG emissions"} in a12["references"]
    # byte-identical on a second run
    assert runner.invoke(app, ["check", str(LUFAX), "--format", "json"]).output == result.output


def test_published_fact_set_gives_the_same_statuses(lufax: CheckReport) -> None:
    loaded = load_report(LUFAX)
    from_instance = check_facts(loaded.facts, "lufax.xbrl")
    assert [(p.id, p.status) for p in from_instance.provisions] == [(p.id, p.status) for p in lufax.provisions]
    assert not from_instance.blocking
    assert {f.code for f in from_instance.findings} >= {"rounding", "weighted-average", "not-applicable-contradicted"}


# --- one thing broken at a time ------------------------------------------------------------------

def _remove_block(text: str, provision: str) -> str:
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"  {provision}:"))
    end = start + 1
    while end < len(lines) and not re.match(r"^  \S", lines[end]) and lines[end].strip() != "":
        end += 1
    return "".join(lines[:start] + lines[end:])


Edit = Callable[[str], str]
CASES: dict[str, tuple[Edit, str, str, str | None]] = {
    # (edit of the file, provision, code, text on the line the finding must point at)
    "breakdown": (lambda t: t.replace('value: "22", unit: 家', 'value: "23", unit: 家'),
                  "B5.1", "sum", 'NumberOfSuppliers, value: "444"'),
    "intensity": (lambda t: t.replace('"0.65", unit: 噸二氧化碳當量/人', '"0.95", unit: 噸二氧化碳當量/人'),
                  "A1.2", "intensity", "GreenhouseGasEmissionsIntensity"),
    "explanation": (lambda t: t.replace('    explanation: {zh-Hant: "我們的主營業務不涉及包裝材料的使用。"}\n', ""),
                    "A2.5", "input", None),
    "provision": (lambda t: _remove_block(t, "B7.3"), "B7.3", "missing", None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_one_change_is_flagged(case: str, lufax_text: str, tmp_path: Path, app: typer.Typer) -> None:
    edit, provision, code, line_text = CASES[case]
    text = edit(lufax_text)
    assert text != lufax_text
    path = tmp_path / f"{case}.yaml"
    path.write_text(text, encoding="utf-8")

    report = check_file(path)
    assert report.blocking
    errors = [f for f in report.findings if f.severity == "error"]
    finding = only(errors, provision=provision, code=code)
    assert finding.file == str(path)
    if line_text is not None:
        assert finding.line == line_number(text, line_text)
    elif case == "explanation":
        status_lines = [i + 1 for i, line in enumerate(text.splitlines()) if line == "    status: not-applicable"]
        a25 = line_number(text, "  A2.5:")
        assert finding.line == min(n for n in status_lines if n > a25)
    else:
        assert finding.line is not None and "between B7.2 and B8.GD" in (finding.fix or "")
    # the rest of the report is still listed in full
    assert len(report.provisions) == 51
    state = next(p for p in report.provisions if p.id == provision)
    expected = {"provision": "missing", "explanation": "not-applicable"}.get(case, "disclosed")
    assert state.status == expected

    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:{finding.line}" in result.output and f"[{provision}]" in result.output


def test_unreadable_file_is_reported_not_raised(tmp_path: Path, app: typer.Typer) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("format: esgxbrl/1\nprovisions: [\n", encoding="utf-8")
    report = check_file(path)
    assert report.blocking and report.findings[0].code == "yaml"
    assert {p.status for p in report.provisions} == {"unknown"}
    assert CliRunner().invoke(app, ["check", str(tmp_path / "absent.yaml")]).exit_code == 1


def test_figures_on_a_not_applicable_provision(lufax_text: str, tmp_path: Path) -> None:
    text = lufax_text.replace(
        '    explanation: {zh-Hant: "我們的主營業務不涉及包裝材料的使用。"}\n',
        '    explanation: {zh-Hant: "我們的主營業務不涉及包裝材料的使用。"}\n'
        '    facts:\n      - {concept: PackagingMaterialUsedForFinishedProducts, value: "1.5", unit: 噸}\n')
    path = tmp_path / "figures.yaml"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    finding = only([f for f in report.findings if f.provision == "A2.5"], severity="error")
    assert "lists figures" in finding.message


# --- crosswalk data ------------------------------------------------------------------------------

def test_crosswalk_references_for_the_taxonomy() -> None:
    references = crosswalk_references(load_catalogue())
    assert references["Scope1GreenhouseGasEmissions"] == [
        {"name": "GRI", "number": "305-1", "title": "Direct (Scope 1) GHG emissions",
         "uri": "https://www.globalreporting.org/standards/"},
        {"name": "IFRS", "number": "S2", "paragraph": "29", "subparagraph": "(a)(i)(1)",
         "title": "Scope 1 greenhouse gas emissions",
         "uri": "https://www.ifrs.org/content/dam/ifrs/publications/html-standards-issb/english/2023/issued/issbs2.html"},
    ]
    assert [r["number"] for r in references["GreenhouseGasEmissionsIntensity"]] == ["305-4"]
    assert "WaterConsumptionIntensity" not in references          # GRI 303 has no water intensity
    assert [r["number"] for r in references["WaterConsumption"]] == ["303-5"]
    assert "LostDaysDueToWorkInjury" not in references            # no counterpart: left empty, not guessed
    crosswalk = load_crosswalk()
    assert all(crosswalk.for_provision(p.id) for p in load_catalogue().provisions
               if p.id in ("A1.2", "A2.1", "B1.2", "B3.2", "B7.1", "B7.3", "B2.1"))


def test_published_instance_through_the_cli(app: typer.Typer, lufax: CheckReport, tmp_path: Path) -> None:
    from esgxbrl.preparer.export import export

    outputs = export(LUFAX, tmp_path)
    instance = next(o.path for o in outputs if o.path.suffix == ".xbrl")
    result = CliRunner().invoke(app, ["check", str(instance), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kind"] == "instance"
    assert [(p["id"], p["status"]) for p in data["provisions"]] == [(p.id, p.status) for p in lufax.provisions]


def test_the_other_weighting_when_the_total_follows_gender(lufax_text: str, tmp_path: Path) -> None:
    path = tmp_path / "gender.yaml"
    path.write_text(lufax_text.replace('AverageTrainingHoursPerEmployee, value: "4.99"',
                                       'AverageTrainingHoursPerEmployee, value: "5.00"'), encoding="utf-8")
    finding = only(check_file(path).findings, code="weighted-average")
    assert finding.message.startswith("AverageTrainingHoursPerEmployee: the averages by EmployeeCategory")
    assert "the averages by Gender (4.93, 5.06) weighted by NumberOfEmployees (16,438, 19,777) give 5.00, " \
           "which matches" in finding.message


def test_smaller_rules_on_the_minimal_report(tmp_path: Path) -> None:
    text = Path("tests/data/minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("notes:\n", "notes:\n  spare: {text: {en: Not used.}, kind: other}\n")
    text = text.replace("provisions:\n", "provisions:\n  MDR.boundary:\n    status: not-disclosed\n"
                                         "    explanation: {en: Not yet.}\n  B4.1:\n    status: disclosed\n")
    path = tmp_path / "small.yaml"
    path.write_text(text, encoding="utf-8")
    report = check_file(path)
    assert only(report.findings, code="unused-note").severity == "info"
    assert only(report.findings, code="empty", provision="B4.1").severity == "warning"
    assert only(report.findings, code="mandatory", provision="MDR.boundary").severity == "error"
    missing = [f.provision for f in report.findings if f.code == "missing"]
    assert len(missing) == 51 - 9 and "MDR.governance" in missing     # the file has 9 provisions
