"""JSON-LD: parses offline as RDF, conforms to the published shapes and schema, answers SPARQL, reads back."""

from __future__ import annotations

import copy
import json
import re
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pyshacl
import pytest
import rdflib

from esgxbrl.emit.jsonld import CONTEXT_URL, context_document_bytes, jsonld_bytes
from esgxbrl.emit.linked_units import qudt_unit
from esgxbrl.errors import ReadError
from esgxbrl.model.facts import Fact
from esgxbrl.model.loaded import LoadedReport
from esgxbrl.model.units import Unit
from esgxbrl.preparer.load import load_report
from esgxbrl.read import jsonld as reader
from esgxbrl.read.jsonld import read_jsonld

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
REPORTS = {"minimal": ROOT / "tests" / "data" / "minimal.yaml", "lufax": ROOT / "examples" / "lufax" / "2023.yaml"}
BASE = "https://reports.example.org/2023.jsonld"
HK = "https://taxonomy.esgxbrl.org/hkex-esg/2020-07-01/hkesg#"
QUDT = "http://qudt.org/vocab/unit/"

# rdflib's own JSON-LD parser uses a graph class rdflib itself deprecates; nothing to act on here
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


@dataclass
class Published:
    loaded: LoadedReport
    data: bytes
    document: dict[str, Any]
    graph: rdflib.Graph


@pytest.fixture(scope="module", autouse=True)
def no_network() -> Iterator[None]:
    """Everything here must work offline: any attempt to open a connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket, "create_connection", refuse)
        yield


def _graph(data: bytes) -> rdflib.Graph:
    return rdflib.Graph().parse(data=data, format="json-ld", publicID=BASE)


@pytest.fixture(scope="module", params=sorted(REPORTS))
def published(request: pytest.FixtureRequest) -> Published:
    loaded = load_report(REPORTS[request.param])
    data = jsonld_bytes(loaded.facts, loaded.catalogue)
    return Published(loaded, data, json.loads(data), _graph(data))


@pytest.fixture(scope="module")
def minimal() -> Published:
    loaded = load_report(REPORTS["minimal"])
    data = jsonld_bytes(loaded.facts, loaded.catalogue)
    return Published(loaded, data, json.loads(data), _graph(data))


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SCHEMAS / "esgxbrl-shapes.ttl", format="turtle")


@pytest.fixture(scope="module")
def schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / "esgxbrl-jsonld.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _sparql_examples() -> list[str]:
    text = (ROOT / "docs" / "jsonld.md").read_text(encoding="utf-8")
    return re.findall(r"```sparql\n(.*?)```", text, flags=re.S)


def _select(graph: rdflib.Graph, query: str) -> list[tuple[Any, ...]]:
    result: Any = graph.query(query)
    return [tuple(row) for row in result]


def _fact_node(document: dict[str, Any], fact: Fact) -> dict[str, Any]:
    node: dict[str, Any] = next(n for n in document["facts"] if n["@id"] == f"#{fact.id}")
    return node


def _only(loaded: LoadedReport, concept: str, dimensions: tuple[tuple[str, str], ...] = ()) -> Fact:
    matches = [f for f in loaded.facts.facts if f.concept == f"hkesg:{concept}" and f.dimensions == dimensions
               and f.period.end.year == 2023]
    assert len(matches) == 1, concept
    return matches[0]


# --- the published context ---------------------------------------------------------------------

def test_the_committed_context_file_is_the_context_the_emitter_embeds() -> None:
    assert (SCHEMAS / "esgxbrl-context.jsonld").read_bytes() == context_document_bytes()


def test_documents_embed_the_published_context_and_name_it(published: Published) -> None:
    published_context = json.loads((SCHEMAS / "esgxbrl-context.jsonld").read_text(encoding="utf-8"))["@context"]
    assert published.document["@context"] == published_context
    assert published.document["conformsTo"] == CONTEXT_URL
    report = rdflib.URIRef(BASE)
    assert (report, rdflib.URIRef("http://purl.org/dc/terms/conformsTo"), rdflib.URIRef(CONTEXT_URL)) \
        in published.graph


# --- RDF ---------------------------------------------------------------------------------------

def test_rdflib_reads_every_fact_offline(published: Published) -> None:
    esgx = rdflib.Namespace("https://taxonomy.esgxbrl.org/vocab#")
    facts = set(published.graph.subjects(rdflib.RDF.type, esgx.Fact))
    assert facts == {rdflib.URIRef(f"{BASE}#{f.id}") for f in published.loaded.facts.facts}
    report = rdflib.URIRef(BASE)
    assert set(published.graph.objects(report, esgx.fact)) == facts
    assert published.graph.value(report, rdflib.URIRef("http://purl.org/dc/terms/language")) == \
        rdflib.Literal(published.loaded.facts.document_language)


def test_concepts_members_and_values_are_linked_data(minimal: Published) -> None:
    esgx = rdflib.Namespace("https://taxonomy.esgxbrl.org/vocab#")
    graph = minimal.graph
    scope1 = rdflib.URIRef(f"{BASE}#{_only(minimal.loaded, 'Scope1GreenhouseGasEmissions').id}")
    assert graph.value(scope1, esgx.concept) == rdflib.URIRef(f"{HK}Scope1GreenhouseGasEmissions")
    assert graph.value(scope1, esgx.value) == rdflib.Literal("117.63", datatype=rdflib.XSD.decimal)
    assert graph.value(scope1, esgx.provision) == rdflib.Literal("A1.2")
    overseas = _only(minimal.loaded, "NumberOfEmployees", (("hkesg:GeographicalRegionAxis",
                                                             "issuer:Overseas2Member"),))
    dimensions = graph.value(rdflib.URIRef(f"{BASE}#{overseas.id}"), esgx.dimensions)
    member = rdflib.URIRef("https://taxonomy.esgxbrl.org/issuer/hkex-stock-code-9999/2023#Overseas2Member")
    assert graph.value(dimensions, rdflib.URIRef(f"{HK}GeographicalRegionAxis")) == member
    assert set(graph.objects(member, rdflib.RDFS.label)) == {rdflib.Literal("Overseas", lang="en"),
                                                             rdflib.Literal("海外", lang="zh-Hant")}
    title = rdflib.URIRef(f"{BASE}#{_only(minimal.loaded, 'EsgReportTitle').id}")
    assert graph.value(title, esgx.value) == rdflib.Literal("2023年度環境、社會及管治報告", lang="zh-Hant")
    intensity = rdflib.URIRef(f"{BASE}#{_only(minimal.loaded, 'GreenhouseGasEmissionsIntensity').id}")
    footnote = graph.value(intensity, esgx.footnote)
    assert graph.value(footnote, esgx.text) == rdflib.Literal("以員工總數為分母。", lang="zh-Hant")


def test_provisions_come_from_the_catalogue(minimal: Published) -> None:
    document, loaded = minimal.document, minimal.loaded
    assert _fact_node(document, _only(loaded, "TotalEnergyConsumption"))["provision"] == "A2.1"
    not_applicable = _only(loaded, "DisclosureStatus", (("hkesg:ProvisionAxis", "hkesg:KpiA13ProvisionMember"),))
    assert _fact_node(document, not_applicable)["provision"] == "A1.3"
    assert "provision" not in _fact_node(document, _only(loaded, "EsgReportTitle"))


def test_units_keep_their_xbrl_form_and_link_to_qudt_where_it_has_them(published: Published) -> None:
    document, loaded = published.document, published.loaded
    scope1 = _fact_node(document, _only(loaded, "Scope1GreenhouseGasEmissions"))
    assert scope1["unit"] == "utr:tCO2e"
    assert "unitOfMeasure" not in scope1  # QUDT has no CO2-equivalent unit
    energy = _fact_node(document, _only(loaded, "TotalEnergyConsumption"))
    assert energy["unitOfMeasure"] == QUDT + "MegaW-HR"
    money = next(n for n in document["facts"] if n.get("unit") == "iso4217:CNY")
    assert money["unitOfMeasure"] == QUDT + "CCY_CNY"
    intensity = _fact_node(document, _only(loaded, "GreenhouseGasEmissionsIntensity"))
    assert intensity["unit"] == "utr:tCO2e/hkesg:Employee" and "unitOfMeasure" not in intensity


@pytest.mark.parametrize(("unit", "quantity", "expected"), [
    (Unit(("utr:MWh",)), None, QUDT + "MegaW-HR"),
    (Unit(("utr:m3",)), None, QUDT + "M3"),
    (Unit(("utr:t",)), None, QUDT + "TONNE"),
    (Unit(("utr:kg",)), None, QUDT + "KiloGM"),
    (Unit(("xbrli:pure",)), None, QUDT + "UNITLESS"),
    (Unit(("xbrli:pure",)), "hours", QUDT + "HR"),
    (Unit(("xbrli:pure",)), "days", QUDT + "DAY"),
    (Unit(("iso4217:HKD",)), None, QUDT + "CCY_HKD"),
    (Unit(("iso4217:XTS",)), None, None),
    (Unit(("utr:tCO2e",)), None, None),
    (Unit(("utr:t",), ("hkesg:Employee",)), None, None),
])
def test_qudt_units(unit: Unit, quantity: str | None, expected: str | None) -> None:
    assert qudt_unit(unit, quantity) == expected


def test_sdgs_are_un_iris(published: Published) -> None:
    sdg_facts = [n for n in published.document["facts"] if "sdg" in n]
    assert sdg_facts
    for node in sdg_facts:
        for iri in node["sdg"]:
            assert re.fullmatch(r"http://metadata\.un\.org/sdg/([1-9]|1[0-7])", iri)
    addressed = _fact_node(published.document, _only(published.loaded, "SustainableDevelopmentGoalsAddressed"))
    goals = sorted({link.goal for link in published.loaded.report.sdgs})
    assert addressed["sdg"] == [f"http://metadata.un.org/sdg/{g}" for g in goals]


# --- SHACL -------------------------------------------------------------------------------------

def test_shacl_shapes_accept_the_document(published: Published, shapes: rdflib.Graph) -> None:
    conforms, _, text = pyshacl.validate(published.graph, shacl_graph=shapes)
    assert conforms, text


def _fact_of(concept: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def find(document: dict[str, Any]) -> dict[str, Any]:
        node: dict[str, Any] = next(n for n in document["facts"] if n["concept"] == HK + concept)
        return node
    return find


_SCOPE1 = _fact_of("Scope1GreenhouseGasEmissions")
_SDGS = _fact_of("SustainableDevelopmentGoalsAddressed")

BROKEN: dict[str, tuple[Callable[[dict[str, Any]], object], str]] = {
    "no concept": (lambda d: _SCOPE1(d).pop("concept"), "MinCountConstraintComponent"),
    "two concepts": (lambda d: _SCOPE1(d).__setitem__("concept", [HK + "Scope1GreenhouseGasEmissions",
                                                                   HK + "Scope2GreenhouseGasEmissions"]),
                     "MaxCountConstraintComponent"),
    "no period": (lambda d: _SCOPE1(d).pop("period"), "MinCountConstraintComponent"),
    "no value": (lambda d: _SCOPE1(d).pop("value"), "XoneConstraintComponent"),
    "number without decimals": (lambda d: _SCOPE1(d).pop("decimals"), "MinCountConstraintComponent"),
    "number without unit": (lambda d: [_SCOPE1(d).pop(k) for k in ("unit", "decimals")],
                            "OrConstraintComponent"),
    "SDG not a UN IRI": (lambda d: _SDGS(d).__setitem__("sdg", ["http://example.org/sdg/13"]),
                         "PatternConstraintComponent"),
    "SDG 18": (lambda d: _SDGS(d).__setitem__("sdg", ["http://metadata.un.org/sdg/18"]),
               "PatternConstraintComponent"),
    "period ends before it starts": (lambda d: _SCOPE1(d).__setitem__(
        "period", {"startDate": "2023-12-31", "endDate": "2023-01-01"}), "NodeConstraintComponent"),
    "member as text": (lambda d: _SCOPE1(d).__setitem__("dimensions", {HK + "GenderAxis": HK + "MaleMember"}),
                       "SPARQLConstraintComponent"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_shacl_shapes_reject_a_broken_document(minimal: Published, shapes: rdflib.Graph, case: str) -> None:
    mutate, component = BROKEN[case]
    document = copy.deepcopy(minimal.document)
    mutate(document)
    graph = _graph(json.dumps(document).encode("utf-8"))
    conforms, results, text = pyshacl.validate(graph, shacl_graph=shapes)
    assert not conforms
    components = {str(o).rsplit("#", 1)[1] for o in results.objects(None, rdflib.SH.sourceConstraintComponent)}
    assert component in components, text


# --- JSON Schema -------------------------------------------------------------------------------

def test_json_schema_accepts_the_document(published: Published,
                                          schema_validator: jsonschema.Draft202012Validator) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in schema_validator.iter_errors(published.document)]
    assert not errors, errors[:5]


@pytest.mark.parametrize("case", ["no concept", "number without decimals", "SDG not a UN IRI", "member as text"])
def test_json_schema_rejects_a_broken_document(minimal: Published, case: str,
                                               schema_validator: jsonschema.Draft202012Validator) -> None:
    document = copy.deepcopy(minimal.document)
    BROKEN[case][0](document)
    assert not schema_validator.is_valid(document)


def test_json_schema_rejects_keys_the_context_would_drop(
        minimal: Published, schema_validator: jsonschema.Draft202012Validator) -> None:
    document = copy.deepcopy(minimal.document)
    _SCOPE1(document)["colour"] = "red"
    assert not schema_validator.is_valid(document)


# --- SPARQL (the examples of docs/jsonld.md, as written there) ---------------------------------

def test_the_documented_sparql_examples_are_the_ones_tested() -> None:
    assert len(_sparql_examples()) == 4


def test_sparql_finds_scope_1_emissions(published: Published) -> None:
    rows = _select(published.graph, _sparql_examples()[0])
    assert len(rows) == 1
    value, unit, decimals = rows[0]
    assert value.toPython() == Decimal("117.63")
    assert str(unit) == "utr:tCO2e"
    assert decimals.toPython() == 2


def test_sparql_finds_the_sdgs_the_report_links_to(published: Published) -> None:
    found = {str(row[0]) for row in _select(published.graph, _sparql_examples()[1])}
    catalogue = published.loaded.catalogue
    # every SDG member the fact set mentions, as an enumeration value or as a breakdown
    mentioned = {word for f in published.loaded.facts.facts for word in (f.value or "").split()}
    mentioned |= {HK + member.split(":", 1)[1] for f in published.loaded.facts.facts for _, member in f.dimensions}
    expected = {sdg.iri for sdg in catalogue.sdgs if HK + sdg.member in mentioned}
    assert found == expected
    assert {catalogue.sdgs[link.goal - 1].iri for link in published.loaded.report.sdgs} <= found


def test_sparql_finds_breakdowns_with_issuer_labels(minimal: Published) -> None:
    rows = {(str(r[0]).rsplit("#", 1)[1], str(r[1]) if r[1] else None, str(r[2]))
            for r in _select(minimal.graph, _sparql_examples()[2])}
    assert rows == {("MainlandChinaMember", None, "36136"), ("Overseas2Member", "Overseas", "79"),
                    ("Overseas2Member", "海外", "79")}


def test_sparql_finds_what_is_not_disclosed_and_why(minimal: Published) -> None:
    rows = [(str(r[0]), str(r[1]), str(r[2])) for r in _select(minimal.graph, _sparql_examples()[3])]
    assert rows == [("A1.3", HK + "NotApplicableMember", "<p>不涉及有害廢棄物。</p>")]


# --- reading back, determinism ------------------------------------------------------------------

def test_round_trip_gives_the_same_fact_set(published: Published) -> None:
    assert read_jsonld(published.data) == published.loaded.facts


def test_round_trip_keeps_nil_facts_and_infinite_precision(minimal: Published) -> None:
    facts = minimal.loaded.facts
    scope1 = _only(minimal.loaded, "Scope1GreenhouseGasEmissions")
    title = _only(minimal.loaded, "EsgReportTitle")
    changed = tuple(
        Fact(f.id, f.concept, f.period, None, f.unit, None, f.dimensions, f.language, f.footnotes)
        if f.id in (scope1.id, title.id) else f for f in facts.facts)
    edited = type(facts)(facts.entity_scheme, facts.entity_identifier, facts.taxonomy_entry_point,
                         facts.namespaces, changed, facts.footnotes, facts.extension, facts.document_language)
    data = jsonld_bytes(edited, minimal.loaded.catalogue)
    assert read_jsonld(data) == edited
    node = _fact_node(json.loads(data), scope1)
    assert node["nil"] is True and node["decimals"] == "INF" and "value" not in node


def test_output_is_deterministic(published: Published) -> None:
    again = load_report(REPORTS["lufax" if published.loaded.facts.entity_identifier == "6623" else "minimal"])
    assert jsonld_bytes(again.facts, again.catalogue) == published.data
    assert jsonld_bytes(published.loaded.facts, published.loaded.catalogue) == published.data
    assert published.data.endswith(b"\n") and b"\r" not in published.data


# --- hostile input -----------------------------------------------------------------------------

def _tamper(minimal: Published, change: Callable[[dict[str, Any]], object]) -> bytes:
    document = copy.deepcopy(minimal.document)
    change(document)
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(("case", "message"), [
    ("not json", "not JSON"),
    ("not utf-8", "not UTF-8"),
    ("remote context", "not the esgxbrl context"),
    ("duplicate key", "appears twice"),
    ("NaN", "NaN"),
    ("deep nesting", "nested too deeply"),
    ("undeclared namespace", "not declared"),
    ("dangling footnote", "no footnote has the id"),
    ("bad date", "calendar date"),
    ("bad unit", "is not a unit"),
    ("bad decimals", "whole number"),
    ("bad id", "fragment id"),
    ("facts not a list", "expected a list"),
    ("not a report", "expected 'Report'"),
])
def test_reader_refuses_bad_input_with_a_clear_error(minimal: Published, case: str, message: str) -> None:
    cases: dict[str, Callable[[], bytes]] = {
        "not json": lambda: b"{\"@context\": ",
        "not utf-8": lambda: b"\xff\xfe{}",
        "remote context": lambda: _tamper(minimal, lambda d: d.__setitem__("@context", "https://evil.example/ctx")),
        "duplicate key": lambda: b'{"@context": {}, "@context": {}}',
        "NaN": lambda: minimal.data.replace(b'"decimals": 2', b'"decimals": NaN', 1),
        "deep nesting": lambda: b"[" * 100_000 + b"]" * 100_000,
        "undeclared namespace": lambda: _tamper(minimal, lambda d: _SCOPE1(d).__setitem__(
            "concept", "https://elsewhere.example/ns#Scope1GreenhouseGasEmissions")),
        "dangling footnote": lambda: _tamper(minimal, lambda d: _SCOPE1(d).__setitem__("footnotes", ["#fn-none"])),
        "bad date": lambda: _tamper(minimal, lambda d: _SCOPE1(d).__setitem__(
            "period", {"startDate": "2023-01-01", "endDate": "2023-02-30"})),
        "bad unit": lambda: _tamper(minimal, lambda d: _SCOPE1(d).__setitem__("unit", "tonnes")),
        "bad decimals": lambda: _tamper(minimal, lambda d: _SCOPE1(d).__setitem__("decimals", 2.5)),
        "bad id": lambda: _tamper(minimal, lambda d: _SCOPE1(d).__setitem__("@id", "https://x.example/f1")),
        "facts not a list": lambda: _tamper(minimal, lambda d: d.__setitem__("facts", {})),
        "not a report": lambda: _tamper(minimal, lambda d: d.__setitem__("@type", "Fact")),
    }
    data = cases[case]()
    with pytest.raises(ReadError, match=re.escape(message)):
        read_jsonld(data)


def test_reader_refuses_files_over_the_size_limit(minimal: Published, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_BYTES", len(minimal.data) - 1)
    with pytest.raises(ReadError, match="larger than"):
        read_jsonld(minimal.data)


def test_reader_accepts_the_context_by_url_without_fetching_it(minimal: Published) -> None:
    data = _tamper(minimal, lambda d: d.__setitem__("@context", CONTEXT_URL))
    assert read_jsonld(data) == minimal.loaded.facts

