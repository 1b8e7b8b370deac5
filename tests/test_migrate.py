"""`esgxbrl migrate`: last year's 2020 Guide report file as the starting point of next year's under the Code."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from esgxbrl.cli.app import app
from esgxbrl.errors import EsgxbrlError
from esgxbrl.preparer.check import check_file
from esgxbrl.preparer.load import load_report
from esgxbrl.preparer.migrate import migrate_text

ROOT = Path(__file__).resolve().parents[1]
LUFAX = ROOT / "examples" / "lufax" / "2023.yaml"
FY2024_LINE = "period: {start: 2024-01-01, end: 2024-12-31}"


@pytest.fixture(scope="module")
def fy2024(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Lufax example as if it were the FY2024 report: only its period lines changed."""
    text = LUFAX.read_text(encoding="utf-8")
    moved, count = re.subn(r"^period: \{start: 2023-01-01, end: 2023-12-31\}", FY2024_LINE, text, flags=re.M)
    assert count == 1
    path = tmp_path_factory.mktemp("fy2024") / "2024.yaml"
    path.write_text(moved, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def migrated(fy2024: Path) -> str:
    return migrate_text(fy2024)


def _data(text: str) -> dict[str, Any]:
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def _fill(text: str) -> str:
    """What a preparer does: this year's figures (here last year's again), statuses, texts, listing;
    placeholder figures with no comparative are deleted, and so is a `facts:` left empty."""
    lines: list[str] = []
    previous: str | None = None
    for line in text.split("\n"):
        value = re.search(r"value: '([^']*)'", line)
        if value and value.group(1) == "":
            if previous is None:
                continue
            line, previous = line.replace("value: ''", f"value: '{previous}'"), None
        else:
            previous = value.group(1) if value and "period: " in line else None
        line = line.replace('board: ""', "board: main").replace('status: ""', "status: disclosed")
        line = line.replace('consolidation_approach: ""', "consolidation_approach: operational-control")
        lines.append(line.replace('{zh-Hant: ""}', "{zh-Hant: 本年度的文字。}"))
    kept = []
    for index, line in enumerate(lines):
        if line.strip() == "facts:":
            rest = [x for x in lines[index + 1:] if x.strip() and not x.strip().startswith("#")]
            if not rest or not rest[0].lstrip().startswith("- "):
                continue
        kept.append(line)
    return "\n".join(kept)


def test_period_moves_on_one_year_and_guide_becomes_the_code(migrated: str) -> None:
    data = _data(migrated)
    assert data["guide"] == "hkex-esg-code-2025"
    assert str(data["period"]["start"]) == "2025-01-01" and str(data["period"]["end"]) == "2025-12-31"
    assert data["listing"] == {"board": "", "largecap": False}
    assert "board_approval" not in data["report"]   # last year's approval is not this year's


def test_part_c_is_copied_without_a1_2_and_a4(fy2024: Path, migrated: str) -> None:
    old, new = _data(fy2024.read_text(encoding="utf-8"))["provisions"], _data(migrated)["provisions"]
    assert not {"A1.2", "A4.GD", "A4.1"} & set(new)
    for provision_id in ("A1.GD", "A1.3", "B6.5", "MDR.governance"):
        assert new[provision_id]["status"] == old[provision_id]["status"]
        assert new[provision_id].get("narrative") == old[provision_id].get("narrative")
        assert new[provision_id].get("explanation") == old[provision_id].get("explanation")


def test_last_years_figures_stay_as_comparatives_beside_an_empty_figure(migrated: str) -> None:
    facts = _data(migrated)["provisions"]["A2.1"]["facts"]
    total = [f for f in facts if f["concept"] == "TotalEnergyConsumption"]
    assert total == [{"concept": "TotalEnergyConsumption", "value": "34,979.72", "unit": "千個千瓦時", "period": 2024,
                      "notes": ["r-energy-sum"], "printed_label": {"zh-Hant": "能源總消耗量"}},
                     {"concept": "TotalEnergyConsumption", "value": "", "unit": "千個千瓦時"}]
    # comparatives of earlier years already in last year's file stay as they were
    fatalities = _data(migrated)["provisions"]["B2.1"]["facts"]
    assert sorted(f["period"] for f in fatalities) == [2021, 2022, 2023]


def test_a1_2_figures_move_to_their_part_d_provision_with_a_comment(migrated: str) -> None:
    provisions = _data(migrated)["provisions"]
    where = {f["concept"]: pid for pid in ("D-MET-1", "D-MET-2", "D-MET-4")
             for f in provisions[pid].get("facts") or () if f["value"]}
    assert where == {"Scope1GreenhouseGasEmissions": "D-MET-1", "Scope2GreenhouseGasEmissions": "D-MET-2",
                     "Scope3GreenhouseGasEmissions": "D-MET-4", "TotalGreenhouseGasEmissions": "D-MET-4",
                     "GreenhouseGasEmissionsIntensity": "D-MET-4"}
    scope1 = [f for f in provisions["D-MET-1"]["facts"] if f["value"]]
    assert scope1[0]["value"] == "117.63" and scope1[0]["period"] == 2024
    block = migrated[migrated.index("  D-MET-1:"):migrated.index("  D-MET-2:")]
    assert "# moved from A1.2 (2024.yaml)" in block


def test_a4_text_is_offered_to_part_d_marked_for_review(fy2024: Path, migrated: str) -> None:
    old = _data(fy2024.read_text(encoding="utf-8"))["provisions"]
    new = _data(migrated)["provisions"]
    assert (new["D-RSK-1"]["narrative"]["ClimateRiskManagementProcessesExplanatory"]
            == old["A4.GD"]["narrative"]["ClimateChangeGeneralDisclosureExplanatory"])
    assert (new["D-STR-1"]["narrative"]["ClimateRelatedRisksAndOpportunitiesExplanatory"]
            == old["A4.1"]["narrative"]["SignificantClimateRelatedIssuesAndActionsExplanatory"])
    block = migrated[migrated.index("  D-RSK-1:"):migrated.index("  D-MET-1:")]
    assert "# moved from A4.GD (2024.yaml): last year's text, offered as a start; to be reviewed" in block


def test_every_part_d_provision_is_present_with_its_status_to_fill_in(migrated: str) -> None:
    provisions = _data(migrated)["provisions"]
    part_d = [pid for pid in provisions if pid.startswith("D-")]
    assert len(part_d) == 20
    assert all(provisions[pid]["status"] == "" for pid in part_d)


def test_check_lists_exactly_what_remains_to_fill(tmp_path: Path, migrated: str) -> None:
    path = tmp_path / "2025.yaml"
    path.write_text(migrated, encoding="utf-8")
    result = check_file(path)
    lines = migrated.split("\n")
    placeholders = {number for number, line in enumerate(lines, 1)
                    if not line.lstrip().startswith("#") and re.search(r"""(: ""|: '')[,}\s]""", line + " ")}
    errors = [f for f in result.findings if f.severity == "error"]
    assert {f.line for f in errors} == placeholders
    # one finding per placeholder on a line (a fact line holds one, a status line one)
    assert len(errors) == len(placeholders)
    assert result.blocking


def test_the_filled_in_file_passes_check_and_exports(tmp_path: Path, migrated: str) -> None:
    path = tmp_path / "2025.yaml"
    path.write_text(_fill(migrated), encoding="utf-8")
    result = check_file(path)
    assert not result.blocking, [f.render() for f in result.findings if f.severity == "error"]
    loaded = load_report(path)
    scope1 = {f.period.end.year: f.value for f in loaded.facts.facts
              if f.concept == "hkesg:Scope1GreenhouseGasEmissions"}
    assert scope1 == {2024: "117.63", 2025: "117.63"}   # as printed, in tCO2e


def test_migrate_refuses_what_it_cannot_migrate(tmp_path: Path) -> None:
    # the year after FY2023 is FY2024, still under the 2020 Guide
    with pytest.raises(EsgxbrlError, match="before the Code applies"):
        migrate_text(LUFAX)
    with pytest.raises(EsgxbrlError, match="already written for hkex-esg-code-2025"):
        migrate_text(ROOT / "tests" / "data" / "code2025.yaml")
    with pytest.raises(EsgxbrlError, match="migrates to hkex-esg-code-2025 only"):
        migrate_text(LUFAX, "hkex-c2-2020")


def test_cli_never_overwrites_unless_forced_and_writes_nothing_on_bad_input(tmp_path: Path, fy2024: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "2025.yaml"
    first = runner.invoke(app, ["migrate", str(fy2024), "--to", "hkex-esg-code-2025", "-o", str(out)])
    assert first.exit_code == 0, first.output
    written = out.read_bytes()
    out.write_text("mine\n", encoding="utf-8")
    again = runner.invoke(app, ["migrate", str(fy2024), "-o", str(out)])
    assert again.exit_code == 1 and "already exists" in again.output and "--force" in again.output
    assert out.read_text(encoding="utf-8") == "mine\n"
    forced = runner.invoke(app, ["migrate", str(fy2024), "-o", str(out), "--force"])
    assert forced.exit_code == 0 and out.read_bytes() == written   # deterministic too
    bad = tmp_path / "bad.yaml"
    bad.write_text(fy2024.read_text(encoding="utf-8").replace('value: "47.58"', 'value: "47.5.8"'), encoding="utf-8")
    failed = runner.invoke(app, ["migrate", str(bad), "-o", str(tmp_path / "never.yaml")])
    assert failed.exit_code == 1 and "nothing was written" in failed.output
    assert not (tmp_path / "never.yaml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2025.yaml", "bad.yaml"]


def test_diff_pairs_a_guide_reports_a1_2_scope_1_with_the_codes_d_met_1(tmp_path: Path, fy2024: Path,
                                                                         migrated: str) -> None:
    from esgxbrl.catalogue.crosswalk import load_crosswalk
    from esgxbrl.preparer.diff import diff_files, render_text

    filled = _fill(migrated).replace("value: '117.63', unit: 噸二氧化碳當量}", "value: '100.00', unit: 噸二氧化碳當量}")
    new = tmp_path / "2025.yaml"
    new.write_text(filled, encoding="utf-8")
    result = diff_files(fy2024, new)
    scope1 = [v for v in result.values if v.concept == "Scope1GreenhouseGasEmissions" and not v.breakdown]
    assert len(scope1) == 1
    change = scope1[0]
    assert (change.old_provision, change.provision, change.kind) == ("A1.2", "D-MET-1", "changed")
    assert str(change.change) == "-17.63"
    assert "A1.2 → D-MET-1" in render_text(result)
    # the crosswalk gives both the same IFRS S2 paragraph: the same disclosure under two rulebooks
    guide, code = load_crosswalk("2020-07-01"), load_crosswalk("2025-01-01")
    from esgxbrl.catalogue import load_catalogue
    paragraph = {r.number for r in guide.for_concept(load_catalogue("2020-07-01").concept(change.concept))
                 if r.framework == "IFRS S2"}
    assert paragraph == {"29(a)(i)(1)"}
    assert paragraph <= {r.number for r in code.for_provision("D-MET-1") if r.framework == "IFRS S2"}
    # an unchanged Part C figure keeps its own provision, shown once
    energy = next(v for v in result.values if v.concept == "TotalEnergyConsumption" and not v.breakdown)
    assert (energy.old_provision, energy.provision, energy.kind) == ("A2.1", "A2.1", "unchanged")


def test_diff_json_names_the_earlier_provision_only_where_it_moved(tmp_path: Path, fy2024: Path,
                                                                    migrated: str) -> None:
    from esgxbrl.preparer.diff import diff_files

    new = tmp_path / "2025.yaml"
    new.write_text(_fill(migrated), encoding="utf-8")
    values = {v["concept"]: v for v in diff_files(fy2024, new).as_dict()["values"]  # type: ignore[attr-defined]
              if not v["breakdown"]}
    assert values["Scope2GreenhouseGasEmissions"]["old_provision"] == "A1.2"
    assert "old_provision" not in values["WaterConsumption"]


def test_diff_lists_the_removed_provisions_as_dropped_and_part_d_as_new(tmp_path: Path, fy2024: Path,
                                                                         migrated: str) -> None:
    from esgxbrl.preparer.diff import diff_files, render_text

    new = tmp_path / "2025.yaml"
    # the preparer leaves out this year's Scope 1 figure (last year's stays as the comparative)
    filled = _fill(migrated)
    this_year = r"^ *- \{concept: Scope1GreenhouseGasEmissions, value: '117.63', unit: 噸二氧化碳當量\}[^\n]*\n"
    without_scope1 = re.sub(this_year, "", filled, count=1, flags=re.M)
    assert without_scope1 != filled
    new.write_text(without_scope1, encoding="utf-8")
    result = diff_files(fy2024, new)
    statuses = {s.provision: s for s in result.statuses}
    dropped = {pid: s.moved_to for pid, s in statuses.items() if s.kind == "dropped"}
    assert dropped == {"A1.2": ("D-MET-1", "D-MET-2", "D-MET-3", "D-MET-4"), "A4.GD": ("D-RSK-1",),
                       "A4.1": ("D-STR-1",)}
    assert (statuses["A1.2"].old, statuses["A1.2"].new) == ("disclosed", "-")
    new_ids = [pid for pid, s in statuses.items() if s.kind == "new"]
    from esgxbrl.catalogue import load_catalogue
    assert new_ids == [p.id for p in load_catalogue("2025-01-01").provisions if p.part == "D"]
    assert all(statuses[pid].old == "-" and statuses[pid].new != "missing" for pid in new_ids)
    assert not any(s.old == "missing" for s in result.statuses)
    # the removed provisions sit where they were in the Guide, before Part D
    order = [s.provision for s in result.statuses]
    assert order[:3] == ["A1.2", "A4.GD", "A4.1"]
    scope1 = next(v for v in result.values if v.concept == "Scope1GreenhouseGasEmissions" and not v.breakdown)
    assert (scope1.kind, scope1.provision_shown) == ("dropped", "A1.2 → D-MET-1")
    text = render_text(result)
    assert "removed by hkex-esg-code-2025; moved to D-MET-1, D-MET-2, D-MET-3, D-MET-4" in text
    assert "new in hkex-esg-code-2025" in text and "(20 new in the later rulebook, 3 removed by it)" in text
    listed = {s["provision"]: s for s in result.as_dict()["statuses"]}  # type: ignore[index]
    assert listed["A4.1"] == {"provision": "A4.1", "old": "disclosed", "new": "-", "kind": "dropped",
                              "rulebook": "hkex-esg-code-2025", "moved_to": ["D-STR-1"]}
    assert listed["D-GOV-1"]["kind"] == "new"
