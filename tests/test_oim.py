"""xBRL-JSON output: Arelle loads it cleanly and finds the facts of the XML instance; it is deterministic."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from arelle_support import ArelleResult, run_arelle
from esgxbrl.emit.oim import DOCUMENT_TYPE, LANGUAGE_FROM_DOCUMENT, TEXT_TYPES, oim_json_bytes
from esgxbrl.emit.xbrl import extension_schema_bytes, instance_bytes
from esgxbrl.model.facts import Fact, Period, fact_id
from esgxbrl.model.loaded import LoadedReport
from esgxbrl.preparer.load import load_report

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"
REPORTS = {"minimal": ROOT / "tests" / "data" / "minimal.yaml", "lufax": ROOT / "examples" / "lufax" / "2023.yaml"}


@dataclass
class Emitted:
    path: Path
    loaded: LoadedReport
    xml: ArelleResult
    json: ArelleResult
    document: dict[str, Any]
    json_bytes: bytes


@pytest.fixture(scope="module", params=sorted(REPORTS))
def emitted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Emitted:
    loaded = load_report(REPORTS[request.param])
    facts = loaded.facts
    out = tmp_path_factory.mktemp(request.param)
    if facts.extension is not None:
        (out / facts.extension.schema_file).write_bytes(extension_schema_bytes(facts, loaded.catalogue))
    (out / "report.xbrl").write_bytes(instance_bytes(facts))
    data = oim_json_bytes(facts)
    (out / "report.json").write_bytes(data)
    return Emitted(REPORTS[request.param], loaded, run_arelle(out / "report.xbrl", [PACKAGE], collect_facts=True),
                   run_arelle(out / "report.json", [PACKAGE], collect_facts=True), json.loads(data), data)


def _comparable(record: dict[str, Any], text_concepts: set[str]) -> tuple[object, ...]:
    """What a fact says. Language tags compare without case (xBRL-JSON writes them in lower case) and
    only for text concepts: other facts have no language in OIM, while XML lets them inherit xml:lang."""
    lang = record["lang"].lower() if record["concept"] in text_concepts and record["lang"] else None
    decimals = None if record["decimals"] in (None, "INF") else int(record["decimals"])
    return (record["concept"], str(record["value"]), decimals, record["unit"],
            tuple(sorted(record["dimensions"].items())), record["period"], lang, record["entity"])


def _text_concepts(loaded: LoadedReport) -> set[str]:
    return {loaded.catalogue.clark(c.name) for c in loaded.catalogue.concepts if c.xbrl_type in TEXT_TYPES}


def test_arelle_loads_the_json_with_no_errors_or_warnings(emitted: Emitted) -> None:
    assert not emitted.json.errors, emitted.json.summary()
    assert not emitted.json.warnings, emitted.json.summary()
    assert not emitted.xml.errors, emitted.xml.summary()


def test_arelle_finds_the_same_facts_in_json_as_in_xml(emitted: Emitted) -> None:
    text = _text_concepts(emitted.loaded)
    from_xml = Counter(_comparable(r, text) for r in emitted.xml.facts)
    from_json = Counter(_comparable(r, text) for r in emitted.json.facts)
    assert len(emitted.json.facts) == len(emitted.loaded.facts.facts)
    assert from_json == from_xml, (from_json - from_xml, from_xml - from_json)


def test_non_text_facts_carry_no_language_in_json(emitted: Emitted) -> None:
    text = _text_concepts(emitted.loaded)
    assert all(r["lang"] is None for r in emitted.json.facts if r["concept"] not in text)
    assert any(r["lang"] for r in emitted.json.facts if r["concept"] in text)


def test_json_is_byte_identical_on_every_run(emitted: Emitted) -> None:
    assert oim_json_bytes(emitted.loaded.facts) == emitted.json_bytes
    assert oim_json_bytes(load_report(emitted.path).facts) == emitted.json_bytes


def test_document_info(emitted: Emitted) -> None:
    facts = emitted.loaded.facts
    info = emitted.document["documentInfo"]
    assert info["documentType"] == DOCUMENT_TYPE
    assert info["taxonomy"] == [facts.schema_ref]
    for prefix in ("xbrl", "xbrli", "utr", "iso4217", "hkesg", "scheme"):
        assert prefix in info["namespaces"], prefix
    assert info["namespaces"]["scheme"] == facts.entity_scheme
    if facts.extension is not None:
        assert info["namespaces"][facts.extension.prefix] == facts.extension.namespace
    assert list(info) == sorted(info)


def test_facts_keep_their_ids_order_and_dimensions(emitted: Emitted) -> None:
    facts = emitted.loaded.facts
    objects = emitted.document["facts"]
    assert list(objects)[: len(facts.facts)] == [f.id for f in facts.facts]
    for fact in facts.facts:
        dimensions = objects[fact.id]["dimensions"]
        assert dimensions["concept"] == fact.concept
        assert dimensions["entity"] == f"scheme:{facts.entity_identifier}"
        for axis, member in fact.dimensions:
            assert dimensions[axis] == member
        assert list(dimensions) == sorted(dimensions)


def test_periods_are_oim_datetimes() -> None:
    facts = load_report(REPORTS["minimal"]).facts
    objects = json.loads(oim_json_bytes(facts))["facts"]
    by_concept = {f.concept: objects[f.id] for f in facts.facts if not f.dimensions}
    duration = by_concept["hkesg:Scope1GreenhouseGasEmissions"]["dimensions"]["period"]
    instant = by_concept["hkesg:NumberOfEmployees"]["dimensions"]["period"]
    assert duration == "2023-01-01T00:00:00/2024-01-01T00:00:00"
    assert instant == "2024-01-01T00:00:00"


def test_units_decimals_values_and_notes() -> None:
    facts = load_report(REPORTS["minimal"]).facts
    objects = json.loads(oim_json_bytes(facts))["facts"]
    plain = {f.concept: (f, objects[f.id]) for f in facts.facts if not f.dimensions}
    fact, intensity = plain["hkesg:GreenhouseGasEmissionsIntensity"]
    assert intensity["dimensions"]["unit"] == "utr:tCO2e/hkesg:Employee"
    assert intensity["decimals"] == 2 and intensity["value"] == "0.65"
    assert intensity["links"] == {"footnote": {"_": list(fact.footnotes)}}
    note = objects[fact.footnotes[0]]
    assert note["dimensions"] == {"concept": "xbrl:note", "noteId": fact.footnotes[0], "language": "zh-hant"}
    assert note["value"] == "以員工總數為分母。"
    _, employees = plain["hkesg:NumberOfEmployees"]
    assert "unit" not in employees["dimensions"], "xbrli:pure is written by leaving the unit out"
    _, status = next((f, objects[f.id]) for f in facts.facts if f.concept == "hkesg:DisclosureStatus")
    assert status["value"].startswith("hkesg:") and status["value"].endswith("Member")
    assert "language" not in status["dimensions"]
    block, explanatory = plain["hkesg:GreenhouseGasEmissionsExplanatory"]
    assert explanatory["value"] == block.value == (
        '<p>第一段，含「引號」與 "quotes" &amp; &lt;tags&gt;。</p><ul><li>甲</li><li>乙</li></ul>')
    assert explanatory["dimensions"]["language"] == "zh-hant"
    assert "decimals" not in explanatory


def test_text_facts_without_a_language_take_the_document_language() -> None:
    loaded = load_report(REPORTS["lufax"])
    facts = loaded.facts
    objects = json.loads(oim_json_bytes(facts))["facts"]
    inherited = [f for f in facts.facts if f.language is None and f.unit is None
                 and loaded.catalogue.concept(f.concept.split(":")[1]).xbrl_type in TEXT_TYPES]
    for fact in inherited:
        assert objects[fact.id]["dimensions"]["language"] == facts.document_language.lower()
        assert objects[fact.id][LANGUAGE_FROM_DOCUMENT] is True
    explicit = [f for f in facts.facts if f.language is not None]
    assert explicit and all(LANGUAGE_FROM_DOCUMENT not in objects[f.id] for f in explicit)


def test_nil_facts_are_null_without_decimals_and_arelle_accepts_them(tmp_path: Path) -> None:
    loaded = load_report(REPORTS["minimal"])
    facts = loaded.facts
    scope1 = next(f for f in facts.facts if f.concept == "hkesg:Scope1GreenhouseGasEmissions")
    fy2022 = Period(dt.date(2022, 12, 31), dt.date(2022, 1, 1))
    nil = Fact(fact_id(scope1.concept, fy2022, (), None, scope1.unit), scope1.concept, fy2022, None, scope1.unit, 2)
    with_nil = replace(facts, facts=(*facts.facts, nil))
    (tmp_path / facts.schema_ref).write_bytes(extension_schema_bytes(facts, loaded.catalogue))
    data = oim_json_bytes(with_nil)
    obj = json.loads(data)["facts"][nil.id]
    assert obj["value"] is None and "decimals" not in obj
    (tmp_path / "nil.json").write_bytes(data)
    result = run_arelle(tmp_path / "nil.json", [PACKAGE], collect_facts=True)
    assert not result.errors and not result.warnings, result.summary()
    assert [r["value"] for r in result.facts if r["period"] == ("duration", "2022-01-01", "2022-12-31")
            and r["concept"].endswith("}Scope1GreenhouseGasEmissions")] == [None]
