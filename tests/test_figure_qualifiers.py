"""Figures printed as a bound or an approximation (">440,000", "about 40", "約90%"): published with a member of
FigureQualifierAxis, never added into a total, neither by check nor by the taxonomy's formulas, and read back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from arelle_support import run_arelle
from esgxbrl.catalogue import load_catalogue
from esgxbrl.errors import InputInvalid
from esgxbrl.preparer.check import check_file
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import load_report, loads_report
from esgxbrl.read import read
from report_support import excerpt_report

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"

REPORT = excerpt_report("A1.1, B2.2, B8.2") + """\
provisions:
  A1.1:
    status: disclosed
    facts:
      - {concept: AirPollutantEmissions, value: "100", unit: kg}
      - {concept: AirPollutantEmissions, value: "60", unit: kg, by: {Pollutant: NitrogenOxides}}
      - {concept: AirPollutantEmissions, value: "SOX", unit: kg, by: {Pollutant: SulphurOxides}}
  B2.2:
    status: disclosed
    facts:
      - {concept: LostDaysDueToWorkInjury, value: "<10", unit: days}
  B8.2:
    status: disclosed
    facts:
      - {concept: VolunteerHoursContributedToCommunity, value: ">440,000", unit: hours}
"""

QUALIFIER = "hkesg:FigureQualifierAxis"


def _report(sox: str) -> str:
    return REPORT.replace('"SOX"', f'"{sox}"')


@pytest.mark.parametrize(("printed", "member", "figure"), [
    (">440,000", "MoreThanMember", "440,000"),
    ("over 400", "MoreThanMember", "400"),
    ("逾1,000", "MoreThanMember", "1,000"),
    ("At least 12", "AtLeastMember", "12"),
    ("100+", "AtLeastMember", "100"),
    ("5,000以上", "AtLeastMember", "5,000"),
    ("<1", "LessThanMember", "1"),
    ("up to 5", "AtMostMember", "5"),
    ("Approximately 90", "ApproximatelyMember", "90"),
    ("約90", "ApproximatelyMember", "90"),
    ("30左右", "ApproximatelyMember", "30"),
    ("1,234", None, "1,234"),
    ("about", None, "about"),          # a word alone is no figure: left to fail as a number
])
def test_printed_qualifiers_are_read_from_the_figure(printed: str, member: str | None, figure: str) -> None:
    assert load_catalogue().split_qualifier(printed) == (member, figure)


def test_a_bound_is_published_with_its_qualifier_and_the_figure_as_printed() -> None:
    facts = loads_report(_report("about 40")).facts.facts
    hours = [f for f in facts if f.concept == "hkesg:VolunteerHoursContributedToCommunity"]
    assert [(f.value, dict(f.dimensions)) for f in hours] == [("440000", {QUALIFIER: "hkesg:MoreThanMember"})]
    [sox] = [f for f in facts if ("hkesg:PollutantAxis", "hkesg:SulphurOxidesMember") in f.dimensions]
    assert (sox.value, dict(sox.dimensions)[QUALIFIER]) == ("40", "hkesg:ApproximatelyMember")


def test_check_adds_no_bound_into_a_total_but_still_adds_up_figures_as_stated(tmp_path: Path) -> None:
    path = tmp_path / "2023.yaml"
    path.write_text(_report("about 30"), encoding="utf-8")
    assert [f.message for f in check_file(path).findings if f.severity == "error"] == []
    with pytest.raises(InputInvalid) as caught:
        loads_report(_report("30"))
    assert [f.message for f in caught.value.findings] == [
        "AirPollutantEmissions: the parts by Pollutant sum to 90, but the total is 100 (figures on lines 15, 16)"]


def test_a_printed_qualifier_and_a_qualifier_by_axis_must_agree() -> None:
    text = REPORT.replace('value: ">440,000", unit: hours}', 'value: ">440,000", unit: hours, by: {FigureQualifier: '
                          'Approximately}}').replace('"SOX"', '"40"')
    with pytest.raises(InputInvalid) as caught:
        loads_report(text)
    assert [f.message for f in caught.value.findings] == [
        "the figure's printed qualifier and its `by:` FigureQualifier disagree"]


def _arelle_errors(path: Path) -> list[str]:
    return [m["messageCode"] for m in run_arelle(path, [PACKAGE]).messages
            if m["levelname"] in ("ERROR", "WARNING", "INCONSISTENCY")]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The report exported with SOx printed exactly and as an approximation."""
    out = {}
    for name, sox in (("exact", "40"), ("approximate", "about 40")):
        folder = tmp_path_factory.mktemp(name)
        (folder / "2023.yaml").write_text(_report(sox), encoding="utf-8")
        export(folder / "2023.yaml", folder / "out")
        out[name] = folder / "out"
    return out


@pytest.mark.parametrize("syntax", ["2023.xbrl", "2023.html", "2023.json"])
def test_qualified_figures_are_valid_xbrl(published: dict[str, Path], syntax: str) -> None:
    assert _arelle_errors(published["approximate"] / syntax) == []


@pytest.mark.parametrize(("name", "expected"), [
    ("exact", ["message:AirPollutantEmissions_SumOver_Pollutant"]),
    ("approximate", []),
])
def test_the_taxonomy_s_breakdown_formula_skips_a_breakdown_with_a_bound_in_it(
        published: dict[str, Path], tmp_path: Path, name: str, expected: list[str]) -> None:
    # NOx 60 made 50 behind the tool's back: parts as stated no longer add up to the total of 100
    instance = (published[name] / "2023.xbrl").read_text(encoding="utf-8")
    tampered, count = re.subn(r'(<hkesg:AirPollutantEmissions [^>]*>)60<', r"\g<1>50<", instance)
    assert count == 1
    path = tmp_path / "2023.xbrl"
    path.write_text(tampered, encoding="utf-8")
    for schema in published[name].glob("*.xsd"):
        (tmp_path / schema.name).write_bytes(schema.read_bytes())
    assert _arelle_errors(path) == expected


def test_every_reader_gives_the_qualifier_back(published: dict[str, Path]) -> None:
    written = load_report(published["approximate"].parent / "2023.yaml").facts
    for syntax in ("2023.xbrl", "2023.html", "2023.json", "2023.jsonld"):
        assert set(read(published["approximate"] / syntax).facts) == set(written.facts), syntax


def test_import_and_a_workbook_keep_the_qualifier(app: typer.Typer, published: dict[str, Path],
                                                  tmp_path: Path) -> None:
    written = load_report(published["approximate"].parent / "2023.yaml").facts
    for target in ("back.yaml", "back.xlsx"):
        result = CliRunner().invoke(app, ["import", str(published["approximate"] / "2023.xbrl"), "-o",
                                          str(tmp_path / target)])
        assert result.exit_code == 0, result.output
        assert set(load_report(tmp_path / target).facts.facts) == set(written.facts), target
    assert "FigureQualifier: MoreThan" in (tmp_path / "back.yaml").read_text(encoding="utf-8")


def test_the_page_shows_the_printed_words_beside_the_tagged_figure(published: dict[str, Path]) -> None:
    page = (published["approximate"] / "2023.html").read_text(encoding="utf-8")
    assert re.search(r'<td class="num">&gt;<ix:nonFraction name="hkesg:VolunteerHoursContributedToCommunity"'
                     r'[^>]*>440,000</ix:nonFraction>', page)
    assert re.search(r'<td class="num">about <ix:nonFraction name="hkesg:AirPollutantEmissions"[^>]*>40<', page)
