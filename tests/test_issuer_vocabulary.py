"""The issuer's own vocabulary: axes of its own (segments, sites, fleets) as explicit dimensions of the
extension schema, proven on tests/data/bus-segments-2023.yaml (an invented fixture)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from arelle_support import run_arelle
from esgxbrl.analyst.table import facts_frame
from esgxbrl.errors import InputInvalid
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import load_report, loads_report
from esgxbrl.preparer.to_yaml import report_yaml
from esgxbrl.read import read
from report_support import error_messages

ROOT = Path(__file__).resolve().parents[1]
SEGMENTS = ROOT / "tests" / "data" / "bus-segments-2023.yaml"
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"
SYNTAXES = ("bus-segments-2023.xbrl", "bus-segments-2023.html", "bus-segments-2023.json", "bus-segments-2023.jsonld")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("segments")
    export(SEGMENTS, out)
    return out


def test_issuer_axis_is_an_explicit_dimension_of_the_extension() -> None:
    facts = load_report(SEGMENTS).facts
    assert facts.extension is not None
    assert [a.name for a in facts.extension.axes] == ["BusinessSegmentAxis"]
    assert dict(facts.extension.axes[0].labels)["en"] == "Business segment"
    water = {f.dimensions: f.value for f in facts.facts if f.concept == "hkesg:WaterConsumption"}
    assert water == {(): "152000", (("issuer:BusinessSegmentAxis", "issuer:FranchisedBusMember"),): "140000",
                     (("issuer:BusinessSegmentAxis", "issuer:NonFranchisedTransportMember"),): "12000"}
    combined = [f for f in facts.facts if len(f.dimensions) == 2]
    assert [dict(f.dimensions) for f in combined] == [{
        "hkesg:GreenhouseGasSourceAxis": "hkesg:MobileCombustionMember",
        "issuer:BusinessSegmentAxis": "issuer:FranchisedBusMember"}]


def test_every_syntax_is_accepted_by_arelle_without_errors_or_warnings(exported: Path) -> None:
    for name in SYNTAXES[:3]:
        result = run_arelle(exported / name, [PACKAGE], inline=name.endswith(".html"))
        assert result.errors == [] and result.warnings == [], f"{name}: {result.summary()}"


def test_arelle_refuses_the_breakdown_without_the_issuer_table(exported: Path, tmp_path: Path) -> None:
    """The hypercube is what makes the segment facts valid: without its `all` arc they are not."""
    for path in exported.iterdir():
        text = path.read_bytes()
        if path.suffix == ".xsd":
            text = text.replace(b"arcrole/all\" xlink:from", b"arcrole/all-removed\" xlink:from")
        (tmp_path / path.name).write_bytes(text)
    result = run_arelle(tmp_path / SYNTAXES[0], [PACKAGE])
    assert "xbrldie:PrimaryItemDimensionallyInvalidError" in result.codes()


def test_readers_give_back_the_same_fact_set(exported: Path) -> None:
    expected = load_report(SEGMENTS).facts
    for name in SYNTAXES:
        back = read(exported / name)
        assert back.extension == expected.extension, name
        assert set(back.facts) == set(expected.facts), name


def test_facts_table_carries_issuer_dimensions_in_the_dimensions_map(exported: Path) -> None:
    frame = facts_frame(exported / SYNTAXES[0])
    water = frame[frame.concept == "WaterConsumption"]
    assert sorted(map(str, water.dimensions)) == sorted(map(str, [
        {}, {"BusinessSegmentAxis": "FranchisedBusMember"}, {"BusinessSegmentAxis": "NonFranchisedTransportMember"}]))
    assert not any(c.startswith("dim_BusinessSegment") for c in frame.columns)


def test_parts_by_an_issuer_axis_must_add_up_to_the_total() -> None:
    text = SEGMENTS.read_text(encoding="utf-8").replace('value: "12,000"', 'value: "13,000"')
    with pytest.raises(InputInvalid) as caught:
        loads_report(text)
    sums = [f for f in caught.value.findings if f.code == "sum"]
    assert len(sums) == 1 and sums[0].provision == "A2.2" and "BusinessSegment" in sums[0].message


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('"140,000", unit: 立方米, by: {BusinessSegment:', '"140,000", unit: 立方米, by: {Depot:',
     "cannot be broken down by 'Depot'"),
    ('"12,000", unit: 立方米, by: {BusinessSegment: NonFranchisedTransport}',
     '"12,000", unit: 立方米, by: {BusinessSegment: Ferry}',
     "'Ferry' is not a member of BusinessSegment"),
    ("BusinessSegment", "GeographicalRegion", "GeographicalRegion is an axis of the guide"),
])
def test_bad_issuer_axes_give_one_finding_each(old: str, new: str, expected: str) -> None:
    text = SEGMENTS.read_text(encoding="utf-8")
    assert old in text
    errors = error_messages(text.replace(old, new))
    assert len(errors) == 1 and expected in errors[0], errors


def test_jsonld_with_an_issuer_axis_conforms_to_the_published_schema(exported: Path) -> None:
    schema = json.loads((ROOT / "schemas" / "esgxbrl-jsonld.schema.json").read_text(encoding="utf-8"))
    document = json.loads((exported / SYNTAXES[3]).read_text(encoding="utf-8"))
    assert [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(document)] == []
    assert [a["@id"].rpartition("#")[2] for a in document["extension"]["esgx:issuerAxis"]] == ["BusinessSegmentAxis"]


@pytest.mark.parametrize("name", SYNTAXES)
def test_import_rebuilds_the_issuer_axes(exported: Path, name: str) -> None:
    rebuilt = loads_report(report_yaml(read(exported / name)))
    original = load_report(SEGMENTS).facts
    assert rebuilt.facts.extension == original.extension
    assert set(rebuilt.facts.facts) == set(original.facts)
