"""The issuer's tier is published as facts, so that `check` on a published instance applies the
obligation of Part D that the report file set, rather than assuming a Main Board issuer."""

from __future__ import annotations

from pathlib import Path

import pytest

from esgxbrl.preparer.check import check_file
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import load_report

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "tests" / "data" / "code2025.yaml"
NS = "https://taxonomy.esgxbrl.org/hkex-esg/2025-01-01/hkesg"
MAIN_2025 = ("listing: {board: main, largecap: false}", "period: {start: 2025-01-01, end: 2025-12-31}")


def _variant(tmp_path: Path, listing: str, period: str) -> Path:
    text = REPORT.read_text(encoding="utf-8")
    assert MAIN_2025[0] in text and MAIN_2025[1] in text
    path = tmp_path / "report.yaml"
    path.write_text(text.replace(MAIN_2025[0], listing).replace(MAIN_2025[1], period), encoding="utf-8")
    return path


def test_the_listing_is_two_enumeration_facts() -> None:
    facts = {f.concept: f.value for f in load_report(REPORT).facts.facts if not f.dimensions}
    assert facts["hkesg:IssuerListingBoard"] == f"{NS}#MainBoardMember"
    assert facts["hkesg:IssuerLargeCapStatus"] == f"{NS}#NotLargeCapIssuerMember"


@pytest.mark.parametrize("listing, period, expected", [
    ("listing: {board: main, largecap: true}", "period: {start: 2026-01-01, end: 2026-12-31}", "mandatory"),
    ("listing: {board: main, largecap: true}", "period: {start: 2025-01-01, end: 2025-12-31}", "comply-or-explain"),
    ("listing: {board: gem}", "period: {start: 2025-01-01, end: 2025-12-31}", "voluntary"),
    (MAIN_2025[0], MAIN_2025[1], "comply-or-explain"),
])
def test_check_on_every_published_syntax_knows_the_tier(tmp_path: Path, listing: str, period: str,
                                                        expected: str) -> None:
    source = _variant(tmp_path, listing, period)
    out = tmp_path / "out"
    export(source, out, formats=("xbrl", "html", "json"))
    from_file = check_file(source)
    for name in ("report.xbrl", "report.html", "report.json"):
        published = check_file(out / name)
        obligations = {p.id: p.obligation for p in published.provisions}
        assert obligations["D-GOV-2"] == expected, name
        assert obligations["D-MET-1"] == "mandatory"   # Scope 1: every issuer, whatever its tier
        assert obligations == {p.id: p.obligation for p in from_file.provisions}
        # the instance is checked against the Code, whose provisions it reports under
        assert "A1.2" not in obligations and "D-MET-12" in obligations
        if expected == "voluntary":
            assert not [f for f in published.findings if f.severity == "error" and f.provision == "D-GOV-2"]


def test_an_unstated_largecap_status_publishes_no_fact_and_is_needed_from_2026(tmp_path: Path) -> None:
    path = _variant(tmp_path, "listing: {board: main}", MAIN_2025[1])
    concepts = {f.concept for f in load_report(path).facts.facts}
    assert "hkesg:IssuerListingBoard" in concepts and "hkesg:IssuerLargeCapStatus" not in concepts
    later = _variant(tmp_path, "listing: {board: main}", "period: {start: 2026-01-01, end: 2026-12-31}")
    errors = [f for f in check_file(later).findings if f.severity == "error" and f.code == "listing"]
    assert len(errors) == 1 and "largecap: true" in (errors[0].fix or "")
