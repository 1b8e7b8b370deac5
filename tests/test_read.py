"""Readers: read(emit(facts)) == facts for the XML instance and xBRL-JSON; Inline XBRL from a hand-written page."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from esgxbrl.catalogue import Concept, load_catalogue
from esgxbrl.emit.oim import TEXT_TYPES, oim_json_bytes
from esgxbrl.emit.xbrl import extension_schema_bytes, instance_bytes
from esgxbrl.errors import ReadError
from esgxbrl.model.facts import Extension, ExtensionMember, Fact, FactSet, Footnote, Period, fact_id
from esgxbrl.model.units import Unit, format_decimal
from esgxbrl.preparer.load import load_report
from esgxbrl.read import read, read_bytes, read_ixbrl, read_oim, read_xml
from esgxbrl.read.footnotes import xhtml_markup
from esgxbrl.xbrl import namespaces as ns

ROOT = Path(__file__).resolve().parents[1]
REPORTS = {"minimal": ROOT / "tests" / "data" / "minimal.yaml", "lufax": ROOT / "examples" / "lufax" / "2023.yaml"}
CATALOGUE = load_catalogue()
REGIME = CATALOGUE.regime
FY2023 = Period(dt.date(2023, 12, 31), dt.date(2023, 1, 1))


def _write(facts: FactSet, folder: Path) -> tuple[Path, Path]:
    if facts.extension is not None:
        (folder / facts.extension.schema_file).write_bytes(extension_schema_bytes(facts, CATALOGUE))
    xml, json = folder / "report.xbrl", folder / "report.json"
    xml.write_bytes(instance_bytes(facts))
    json.write_bytes(oim_json_bytes(facts))
    return xml, json


# --- the two reports -----------------------------------------------------------------------------

@pytest.mark.parametrize("report", sorted(REPORTS))
def test_reports_read_back_exactly(report: str, tmp_path: Path) -> None:
    facts = load_report(REPORTS[report]).facts
    xml, json = _write(facts, tmp_path)
    from_xml, from_json = read(xml), read(json)
    assert from_xml == facts
    assert from_json == facts
    assert facts.extension is not None and from_xml.extension == facts.extension
    assert from_xml.footnotes and from_xml.footnotes == facts.footnotes
    assert from_json.document_language == facts.document_language


def test_syntax_is_recognised_from_content_not_name(tmp_path: Path) -> None:
    facts = load_report(REPORTS["minimal"]).facts
    xml, json = _write(facts, tmp_path)
    xml.rename(tmp_path / "instance.txt")
    json.rename(tmp_path / "data.xml")
    assert read(tmp_path / "instance.txt") == facts
    assert read(tmp_path / "data.xml") == facts


def test_an_extension_schema_needs_the_folder(tmp_path: Path) -> None:
    facts = load_report(REPORTS["minimal"]).facts
    xml, json = _write(facts, tmp_path)
    for data in (xml.read_bytes(), json.read_bytes()):
        with pytest.raises(ReadError, match="extension schema"):
            read_bytes(data, "report")
        assert read_bytes(data, "report", tmp_path) == facts
    (tmp_path / facts.extension.schema_file).unlink()  # type: ignore[union-attr]
    with pytest.raises(ReadError, match="is missing"):
        read(xml)


def test_schema_references_outside_the_folder_are_refused(tmp_path: Path) -> None:
    facts = load_report(REPORTS["minimal"]).facts
    xml, _ = _write(facts, tmp_path)
    schema = facts.extension.schema_file  # type: ignore[union-attr]
    for href in ("../secret.xsd", "/etc/passwd", "sub/x.xsd"):
        data = xml.read_bytes().replace(schema.encode(), href.encode())
        with pytest.raises(ReadError, match="plain file name") as error:
            read_xml(data, tmp_path, "report.xbrl")
        assert "root:" not in str(error.value)


def test_taxonomy_url_as_schema_ref_means_no_extension() -> None:
    facts = load_report(REPORTS["minimal"]).facts
    plain = FactSet(facts.entity_scheme, facts.entity_identifier, facts.taxonomy_entry_point,
                    tuple(p for p in facts.namespaces if p[0] != "issuer"),
                    tuple(f for f in facts.facts if not any(m.startswith("issuer:") for _, m in f.dimensions)),
                    facts.footnotes, None, facts.document_language)
    assert read_xml(instance_bytes(plain)) == plain
    assert read_oim(oim_json_bytes(plain)) == plain


# --- generated fact sets -------------------------------------------------------------------------

LANGUAGES = ("en", "zh-Hant", "zh-Hans")
MEASURES = ("utr:tCO2e", "utr:MWh", "utr:m3", "utr:t", "utr:kg", "xbrli:pure", "iso4217:HKD", "iso4217:CNY")
DENOMINATORS = ("hkesg:Employee", "utr:sqm", "iso4217:CNY", "hkesg:UnitProduced")
ISSUER = "https://taxonomy.esgxbrl.org/issuer/test/2023"
#: text XML can hold (no C0 controls but tab, newline and carriage return; no surrogates or U+FFFE/F)
TEXT = st.text(st.characters(exclude_categories=["Cs"],
                             exclude_characters=[chr(c) for c in range(32) if c not in (9, 10, 13)]
                             + ["\ufffe", "\uffff"]), max_size=40)
NAME = st.from_regex(r"[A-Z][A-Za-z0-9]{0,12}", fullmatch=True)


def _enumeration_members(concept: Concept) -> list[str]:
    enumeration = next((e for e in CATALOGUE.enumerations if e.name == concept.enum), None)
    members = list(enumeration.members) if enumeration else [s.member for s in CATALOGUE.sdgs]
    return [f"{REGIME.namespace}#{m}" for m in members]


@st.composite
def _value(draw: st.DrawFn, concept: Concept) -> str | None:
    if draw(st.integers(0, 9)) == 0:
        return None
    if concept.is_numeric:
        number = draw(st.decimals(min_value=-10**9, max_value=10**9, places=draw(st.integers(0, 6)),
                                  allow_nan=False, allow_infinity=False))
        return format_decimal(Decimal(number))
    if concept.xbrl_type == "enum2:enumerationItemType":
        return draw(st.sampled_from(_enumeration_members(concept)))
    if concept.xbrl_type == "enum2:enumerationSetItemType":
        chosen = draw(st.lists(st.sampled_from(_enumeration_members(concept)), unique=True, max_size=4))
        return " ".join(sorted(chosen))
    return draw(TEXT)


@st.composite
def _period(draw: st.DrawFn, concept: Concept) -> Period:
    end = draw(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)))
    if concept.period == "instant":
        return Period(end)
    return Period(end, end - dt.timedelta(days=draw(st.integers(0, 800))))


@st.composite
def fact_sets(draw: st.DrawFn) -> FactSet:
    language = draw(st.sampled_from(LANGUAGES))
    scheme = draw(st.sampled_from(sorted(ns.ENTITY_SCHEMES.values())))
    members = draw(st.lists(
        st.builds(lambda axis, name, labels: ExtensionMember(CATALOGUE.qname(axis.name), f"{name}Member",
                                                             tuple(sorted(labels.items()))),
                  st.sampled_from([a for a in CATALOGUE.axes if a.extensible]), NAME,
                  st.dictionaries(st.sampled_from(LANGUAGES), TEXT, max_size=3)),
        max_size=4, unique_by=lambda m: m.name))
    extension = Extension(ISSUER, "issuer", "test-2023-extension.xsd", tuple(members)) if members else None
    pool = [Footnote(f"fn-{n}-{lang}", lang, draw(TEXT)) for n in range(draw(st.integers(0, 3))) for lang in LANGUAGES]
    facts: dict[str, Fact] = {}
    for _ in range(draw(st.integers(1, 12))):
        concept = draw(st.sampled_from(CATALOGUE.concepts))
        dimensions: list[tuple[str, str]] = []
        for axis in CATALOGUE.axes_of(concept):
            choices = [CATALOGUE.qname(m) for m in axis.members]
            choices += [f"issuer:{m.name}" for m in members if m.axis == CATALOGUE.qname(axis.name)]
            include: bool = draw(st.booleans())
            if choices and include:
                dimensions.append((CATALOGUE.qname(axis.name), draw(st.sampled_from(choices))))
        unit = decimals = None
        if concept.is_numeric:
            denominator = draw(st.sampled_from([(), *((d,) for d in DENOMINATORS)]))
            unit = Unit((draw(st.sampled_from(MEASURES)),), denominator)
            decimals = draw(st.none() | st.integers(-6, 10))
        fact_language = draw(st.none() | st.sampled_from(LANGUAGES)) if concept.xbrl_type in TEXT_TYPES else None
        period = draw(_period(concept))
        qname = CATALOGUE.qname(concept.name)
        dims = tuple(sorted(dimensions))
        identifier = fact_id(qname, period, dims, fact_language, unit)
        notes = tuple(draw(st.lists(st.sampled_from([f.id for f in pool]), unique=True, max_size=3))) if pool else ()
        value = draw(_value(concept))
        # a nil fact has no decimals: XBRL 2.1 and OIM both forbid them
        facts[identifier] = Fact(identifier, qname, period, value, unit, None if value is None else decimals, dims,
                                 fact_language, notes)
    used = {n for fact in facts.values() for n in fact.footnotes}
    namespaces = {REGIME.prefix: REGIME.namespace, "xbrli": ns.XBRLI, "utr": ns.UTR, "iso4217": ns.ISO4217,
                  "scheme": scheme}
    if extension is not None:
        namespaces["issuer"] = ISSUER
    return FactSet(scheme, draw(st.from_regex(r"[A-Za-z0-9]{1,12}", fullmatch=True)), REGIME.entry_point_url,
                   tuple(sorted(namespaces.items())), tuple(facts.values()),
                   tuple(f for f in pool if f.id in used), extension, language)


def _round_trip(facts: FactSet, emit: Callable[[FactSet], bytes],
                reader: Callable[[bytes, Path | None], FactSet]) -> FactSet:
    with tempfile.TemporaryDirectory() as folder:
        if facts.extension is not None:
            (Path(folder) / facts.extension.schema_file).write_bytes(extension_schema_bytes(facts, CATALOGUE))
        return reader(emit(facts), Path(folder))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fact_sets())
def test_any_fact_set_reads_back_from_the_xml_instance(facts: FactSet) -> None:
    assert _round_trip(facts, instance_bytes, read_xml) == facts


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fact_sets())
def test_any_fact_set_reads_back_from_xbrl_json(facts: FactSet) -> None:
    assert _round_trip(facts, oim_json_bytes, read_oim) == facts


# --- Inline XBRL ---------------------------------------------------------------------------------

HK = REGIME.namespace
SCHEME = ns.ENTITY_SCHEMES["hkex-stock-code"]


def _context(cid: str, period: str, dims: str = "") -> str:
    scenario = f"<xbrli:scenario>{dims}</xbrli:scenario>" if dims else ""
    return (f'<xbrli:context id="{cid}"><xbrli:entity><xbrli:identifier scheme="{SCHEME}">9999</xbrli:identifier>'
            f"</xbrli:entity><xbrli:period>{period}</xbrli:period>{scenario}</xbrli:context>")


def _member(axis: str, member: str) -> str:
    return f'<xbrldi:explicitMember dimension="hkesg:{axis}">{member}</xbrldi:explicitMember>'


FY = "<xbrli:startDate>2023-01-01</xbrli:startDate><xbrli:endDate>2023-12-31</xbrli:endDate>"
FY2022 = "<xbrli:startDate>2022-01-01</xbrli:startDate><xbrli:endDate>2022-12-31</xbrli:endDate>"
YEAR_END = "<xbrli:instant>2023-12-31</xbrli:instant>"

INLINE = f"""<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="{ns.IX}" xmlns:ixt="{ns.IXT}" xmlns:xbrli="{ns.XBRLI}"
      xmlns:link="{ns.LINK}" xmlns:xlink="{ns.XLINK}" xmlns:xbrldi="{ns.XBRLDI}" xmlns:xsi="{ns.XSI}"
      xmlns:hkesg="{HK}" xmlns:utr="{ns.UTR}" xmlns:iso4217="{ns.ISO4217}"
      xmlns:issuer="https://taxonomy.esgxbrl.org/issuer/hkex-stock-code-9999/2023" xml:lang="zh-Hant">
 <head><title>ESG 2023</title></head>
 <body>
  <div style="display:none">
   <ix:header>
    <ix:hidden>
     <ix:nonNumeric id="f-status" name="hkesg:DisclosureStatus"
       contextRef="D2023_a12">{HK}#DisclosedMember</ix:nonNumeric>
    </ix:hidden>
    <ix:references><link:schemaRef xlink:type="simple" xlink:href="9999-2023-extension.xsd"/></ix:references>
    <ix:resources>
     {_context("D2023", FY)}
     {_context("D2022", FY2022)}
     {_context("I2023", YEAR_END)}
     {_context("I2023_overseas", YEAR_END, _member("GeographicalRegionAxis", "issuer:Overseas2Member"))}
     {_context("D2023_a12", FY, _member("ProvisionAxis", "hkesg:KpiA12ProvisionMember"))}
     {_context("D2023_edu", FY, _member("FocusAreaAxis", "hkesg:EducationMember"))}
     <xbrli:unit id="tCO2e"><xbrli:measure>utr:tCO2e</xbrli:measure></xbrli:unit>
     <xbrli:unit id="pure"><xbrli:measure>xbrli:pure</xbrli:measure></xbrli:unit>
     <xbrli:unit id="CNY"><xbrli:measure>iso4217:CNY</xbrli:measure></xbrli:unit>
     <xbrli:unit id="tCO2e_per_Employee"><xbrli:divide>
      <xbrli:unitNumerator><xbrli:measure>utr:tCO2e</xbrli:measure></xbrli:unitNumerator>
      <xbrli:unitDenominator><xbrli:measure>hkesg:Employee</xbrli:measure></xbrli:unitDenominator>
     </xbrli:divide></xbrli:unit>
     <ix:relationship fromRefs="f-intensity" toRefs="fn-n1-zh-Hant fn-n1-en"/>
    </ix:resources>
   </ix:header>
  </div>
  <h1><ix:nonNumeric id="f-name" name="hkesg:EntityRegisteredName" contextRef="D2023"
      xml:lang="en">Test <b>Holdings</b> Ltd</ix:nonNumeric></h1>
  <p>範疇一：<ix:nonFraction id="f-scope1" name="hkesg:Scope1GreenhouseGasEmissions" contextRef="D2023" unitRef="tCO2e"
     decimals="2" format="ixt:num-dot-decimal">1,117.63</ix:nonFraction> 噸</p>
  <p>強度：<ix:nonFraction id="f-intensity" name="hkesg:GreenhouseGasEmissionsIntensity" contextRef="D2023"
     unitRef="tCO2e_per_Employee" decimals="2">0.65</ix:nonFraction></p>
  <p>員工（千人）：<ix:nonFraction id="f-employees" name="hkesg:NumberOfEmployees" contextRef="I2023" unitRef="pure"
     decimals="-2" scale="3" format="ixt:num-dot-decimal">36.2</ix:nonFraction></p>
  <p>海外：<ix:nonFraction id="f-overseas" name="hkesg:NumberOfEmployees" contextRef="I2023_overseas" unitRef="pure"
     decimals="0" format="ixt:num-comma-decimal">1.079</ix:nonFraction></p>
  <p>流失率：<ix:nonFraction id="f-turnover" name="hkesg:EmployeeTurnoverRate" contextRef="D2023" unitRef="pure"
     decimals="4" scale="-2" format="ixt:num-dot-decimal">33.69</ix:nonFraction>%</p>
  <p>捐款變動（萬元）：<ix:nonFraction id="f-money" name="hkesg:MoneyContributedToCommunity" contextRef="D2023_edu"
     unitRef="CNY" decimals="-2" scale="4" sign="-" format="ixt:num-comma-decimal">8,00</ix:nonFraction></p>
  <p>二〇二二年死亡：<ix:nonFraction id="f-fatalities" name="hkesg:NumberOfWorkRelatedFatalities" contextRef="D2022"
     unitRef="pure" decimals="0" format="ixt:fixed-zero">無</ix:nonFraction></p>
  <p>範疇三：<ix:nonFraction id="f-scope3" name="hkesg:Scope3GreenhouseGasEmissions" contextRef="D2023" unitRef="tCO2e"
     decimals="2" xsi:nil="true"/></p>
  <ix:nonNumeric id="f-ghg" name="hkesg:GreenhouseGasEmissionsExplanatory" contextRef="D2023" escape="true"
     xml:lang="zh-Hant" continuedAt="c-1"><p>第一段 "引號" &amp; R&amp;D。</p><ix:exclude><p>（第3頁）</p></ix:exclude
     ></ix:nonNumeric>
  <p>未標記的內容</p>
  <ix:continuation id="c-1"><ul><li>甲</li><li>乙<br/>丙</li></ul></ix:continuation>
  <p><ix:nonNumeric name="hkesg:LocationOfDisclosureInReport" contextRef="D2023_a12"
     xml:lang="zh-Hant">附錄<span>二</span></ix:nonNumeric></p>
  <div class="notes">
   <ix:footnote id="fn-n1-zh-Hant">以員工總數為分母。</ix:footnote>
   <ix:footnote id="fn-n1-en" xml:lang="en">Per employee &amp; year.</ix:footnote>
  </div>
 </body>
</html>
"""


def _expected_inline() -> FactSet:
    minimal = load_report(REPORTS["minimal"]).facts
    year_end = Period(dt.date(2023, 12, 31))
    tco2e, pure, cny = Unit(("utr:tCO2e",)), Unit(("xbrli:pure",)), Unit(("iso4217:CNY",))
    a12 = (("hkesg:ProvisionAxis", "hkesg:KpiA12ProvisionMember"),)
    location_id = fact_id("hkesg:LocationOfDisclosureInReport", FY2023, a12, "zh-Hant", None)
    facts = [
        Fact("f-name", "hkesg:EntityRegisteredName", FY2023, "Test Holdings Ltd", language="en"),
        Fact("f-scope1", "hkesg:Scope1GreenhouseGasEmissions", FY2023, "1117.63", tco2e, 2),
        Fact("f-intensity", "hkesg:GreenhouseGasEmissionsIntensity", FY2023, "0.65",
             Unit(("utr:tCO2e",), ("hkesg:Employee",)), 2, footnotes=("fn-n1-zh-Hant", "fn-n1-en")),
        Fact("f-employees", "hkesg:NumberOfEmployees", year_end, "36200", pure, -2),
        Fact("f-overseas", "hkesg:NumberOfEmployees", year_end, "1079", pure, 0,
             (("hkesg:GeographicalRegionAxis", "issuer:Overseas2Member"),)),
        Fact("f-turnover", "hkesg:EmployeeTurnoverRate", FY2023, "0.3369", pure, 4),
        Fact("f-money", "hkesg:MoneyContributedToCommunity", FY2023, "-80000", cny, -2,
             (("hkesg:FocusAreaAxis", "hkesg:EducationMember"),)),
        Fact("f-fatalities", "hkesg:NumberOfWorkRelatedFatalities", Period(dt.date(2022, 12, 31), dt.date(2022, 1, 1)),
             "0", pure, 0),
        Fact("f-scope3", "hkesg:Scope3GreenhouseGasEmissions", FY2023, None, tco2e, 2),
        Fact("f-ghg", "hkesg:GreenhouseGasEmissionsExplanatory", FY2023,
             '<p>第一段 "引號" &amp; R&amp;D。</p><ul><li>甲</li><li>乙<br/>丙</li></ul>',
             language="zh-Hant"),
        Fact(location_id, "hkesg:LocationOfDisclosureInReport", FY2023, "附錄二", dimensions=a12, language="zh-Hant"),
        Fact("f-status", "hkesg:DisclosureStatus", FY2023, f"{HK}#DisclosedMember", dimensions=a12),
    ]
    facts.sort(key=lambda f: (f.concept, f.period.end, f.period.start or dt.date.min, f.dimensions,
                              f.language or "", f.id))
    return FactSet(SCHEME, "9999", REGIME.entry_point_url, minimal.namespaces, tuple(facts),
                   (Footnote("fn-n1-en", "en", "Per employee & year."), Footnote("fn-n1-zh-Hant", "zh-Hant",
                                                                                  "以員工總數為分母。")),
                   minimal.extension, "zh-Hant")


def test_inline_xbrl_sample_reads_as_expected(tmp_path: Path) -> None:
    minimal = load_report(REPORTS["minimal"])
    (tmp_path / "9999-2023-extension.xsd").write_bytes(extension_schema_bytes(minimal.facts, minimal.catalogue))
    page = tmp_path / "report.html"
    page.write_text(INLINE, encoding="utf-8")
    expected = _expected_inline()
    got = read_ixbrl(page.read_bytes(), tmp_path, "report.html")
    for want, have in zip(expected.facts, got.facts, strict=True):
        assert have == want
    assert got == expected
    assert read(page) == expected


def test_inline_xbrl_transformation_errors_are_read_errors(tmp_path: Path) -> None:
    minimal = load_report(REPORTS["minimal"])
    (tmp_path / "9999-2023-extension.xsd").write_bytes(extension_schema_bytes(minimal.facts, minimal.catalogue))
    wrong_format = INLINE.replace(">1,117.63<", ">1.117,63<")
    with pytest.raises(ReadError, match="does not match format num-dot-decimal"):
        read_ixbrl(wrong_format.encode(), tmp_path, "page.html")
    old_registry = INLINE.replace('format="ixt:fixed-zero"', 'format="ixt:zerodash"')
    with pytest.raises(ReadError, match="zerodash"):
        read_ixbrl(old_registry.encode(), tmp_path, "page.html")
    loop = INLINE.replace('<ix:continuation id="c-1">', '<ix:continuation id="c-1" continuedAt="c-1">')
    with pytest.raises(ReadError, match="loops"):
        read_ixbrl(loop.encode(), tmp_path, "page.html")


def test_xhtml_without_inline_xbrl_is_refused() -> None:
    page = b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>hello</p></body></html>'
    with pytest.raises(ReadError, match="no ix:header"):
        read_bytes(page, "plain.html")


# --- facts only: what a facts table needs ---------------------------------------------------------

PUBLISHED_SYNTAXES = ("2023.xbrl", "2023.html", "2023.json")


def _without_footnotes(facts: FactSet) -> tuple[Fact, ...]:
    return tuple(Fact(f.id, f.concept, f.period, f.value, f.unit, f.decimals, f.dimensions, f.language)
                 for f in facts.facts)


@pytest.mark.parametrize("name", [*PUBLISHED_SYNTAXES, "2023.jsonld"])
def test_facts_only_gives_the_same_facts_without_footnotes_or_extension(exported: Path, name: str) -> None:
    whole = read(exported / name)
    lean = read(exported / name, facts_only=True)
    assert whole.footnotes and any(f.footnotes for f in whole.facts) and whole.extension is not None
    assert lean.facts == _without_footnotes(whole)
    assert lean.footnotes == () and lean.extension is None
    assert lean.taxonomy_entry_point == whole.extension.schema_file
    assert (lean.entity_scheme, lean.entity_identifier) == (whole.entity_scheme, whole.entity_identifier)
    assert dict(lean.namespaces).items() >= {(p, u) for p, u in whole.namespaces if u != whole.extension.namespace}


@pytest.mark.parametrize("name", PUBLISHED_SYNTAXES)
def test_facts_only_never_opens_the_extension_schema(exported: Path, tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes((exported / name).read_bytes())   # the schema is not beside it
    with pytest.raises(ReadError, match="extension"):
        read(tmp_path / name)
    assert read(tmp_path / name, facts_only=True).facts == read(exported / name, facts_only=True).facts


def test_facts_only_skips_a_damaged_footnote_that_a_whole_read_refuses(exported: Path, tmp_path: Path) -> None:
    instance = (exported / "2023.xbrl").read_bytes()
    damaged = instance.replace(b'xlink:arcrole="' + ns.ARCROLE_FACT_FOOTNOTE.encode(),
                               b'xlink:arcrole="http://example.com/other', 1)
    assert damaged != instance
    (tmp_path / "2023.xbrl").write_bytes(damaged)
    with pytest.raises(ReadError, match="fact-footnote links only"):
        read(tmp_path / "2023.xbrl")
    assert len(read(tmp_path / "2023.xbrl", facts_only=True).facts) == len(read(exported / "2023.xbrl").facts)


# --- namespace scopes ----------------------------------------------------------------------------

def _prefixed_member_instance(extra: str = "", member_declares: str = "") -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<xbrli:xbrl xmlns:xbrli="{ns.XBRLI}" xmlns:link="{ns.LINK}" xmlns:xlink="{ns.XLINK}"
    xmlns:xbrldi="{ns.XBRLDI}" xmlns:hkesg="{HK}" xmlns:m="https://example.com/a">
  <link:schemaRef xlink:type="simple" xlink:href="{REGIME.entry_point_url}"/>
  <xbrli:context id="c"><xbrli:entity><xbrli:identifier scheme="https://www.hkex.com.hk/stock-code">9999</xbrli:identifier></xbrli:entity>
    <xbrli:period><xbrli:startDate>2023-01-01</xbrli:startDate><xbrli:endDate>2023-12-31</xbrli:endDate></xbrli:period>
    <xbrli:scenario><xbrldi:explicitMember{member_declares} dimension="hkesg:GenderAxis"
      >m:OtherMember</xbrldi:explicitMember></xbrli:scenario>
  </xbrli:context>
  <hkesg:EntityRegisteredName contextRef="c" xml:lang="en">Test {extra}</hkesg:EntityRegisteredName>
</xbrli:xbrl>""".encode()


def _member_namespace(facts: FactSet) -> str:
    (member,) = [m for _, m in facts.facts[0].dimensions]
    return facts.namespace(member.partition(":")[0])


@pytest.mark.parametrize(("extra", "member_declares", "namespace"), [
    ("", "", "https://example.com/a"),                                        # declared on the root only
    ("", ' xmlns:m="https://example.com/b"', "https://example.com/b"),        # redeclared on the member
    ("xmlns", ' xmlns:m="https://example.com/b"', "https://example.com/b"),   # and the word in the text too
    ("xmlns", "", "https://example.com/a"),                                   # the word in the text only
])
def test_qnames_in_text_resolve_in_the_scope_of_their_element(extra: str, member_declares: str,
                                                              namespace: str) -> None:
    data = _prefixed_member_instance(extra, member_declares)
    for facts_only in (False, True):
        assert _member_namespace(read_bytes(data, "scopes.xbrl", facts_only=facts_only)) == namespace


def test_a_scope_is_uniform_only_when_the_root_alone_declares_namespaces() -> None:
    from lxml import etree

    from esgxbrl.read.names import uniform_scope

    for extra, member_declares, uniform in [("", "", True), ("", ' xmlns:m="https://example.com/b"', False),
                                            ("xmlns", "", False)]:
        data = _prefixed_member_instance(extra, member_declares)
        assert (uniform_scope(data, etree.fromstring(data)) is not None) is uniform
    utf16 = _prefixed_member_instance().decode().replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16")
    assert uniform_scope(utf16, etree.fromstring(utf16)) is None
    bare = b'<x><y xmlns:m="https://example.com/a">m:Other</y></x>'   # the root declares nothing
    assert uniform_scope(bare, etree.fromstring(bare)) is None


def test_an_empty_list_item_reads_back_as_esgxbrl_writes_it() -> None:
    block = etree.fromstring(f'<div xmlns="{ns.XHTML}"><ul><li/><li>a</li></ul><p>x<br/>y</p></div>')
    assert xhtml_markup(block) == "<ul><li></li><li>a</li></ul><p>x<br/>y</p>"
