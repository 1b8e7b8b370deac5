"""Inline XBRL: a readable report whose tagged facts are exactly the facts of the XBRL instance.

Arelle (offline, Calculations 1.1, UTR checks, the taxonomy's formulas) reads the iXBRL page and
the XML instance of the same report; both must load cleanly and give the same facts, fact by fact.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from arelle_support import ArelleResult, run_arelle
from esgxbrl.emit.ixbrl import ixbrl_bytes
from esgxbrl.emit.ixbrl_style import STYLESHEET
from esgxbrl.emit.ixbrl_tagger import Tagger, printed_figure
from esgxbrl.emit.xbrl import extension_schema_bytes, instance_bytes
from esgxbrl.model.loaded import LoadedReport
from esgxbrl.preparer.load import load_report, loads_report
from esgxbrl.read import read
from esgxbrl.xbrl import namespaces as ns

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"
REPORTS = {"minimal": ROOT / "tests" / "data" / "minimal.yaml", "lufax": ROOT / "examples" / "lufax" / "2023.yaml"}
#: each page: its report and the language of its labels (None: the report's own)
PAGES = {"minimal": ("minimal", None), "lufax": ("lufax", None), "lufax-en": ("lufax", "en"),
         "dated": ("dated", None), "dated-en": ("dated", "en")}


def _load(name: str) -> LoadedReport:
    if name == "dated":  # the minimal report, approved on a day rather than in a month
        text = REPORTS["minimal"].read_text(encoding="utf-8")
        assert "board_approval: 2024-04\n" in text
        return loads_report(text.replace("board_approval: 2024-04\n", "board_approval: 2024-04-18\n"), "dated.yaml")
    return load_report(REPORTS[name])
IX = f"{{{ns.IX}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass
class Exported:
    loaded: LoadedReport
    path: Path
    page: bytes
    tree: etree._Element
    inline: ArelleResult
    instance: ArelleResult


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Exported]:
    """Each page and its report's instance, written with the extension schema beside them and read by Arelle."""
    loaded = {name: _load(name) for name in {report for report, _ in PAGES.values()}}
    instances: dict[str, ArelleResult] = {}
    results: dict[str, Exported] = {}
    for page_name, (report_name, lang) in PAGES.items():
        report = loaded[report_name]
        directory = tmp_path_factory.mktemp(page_name)
        facts = report.facts
        if facts.extension is not None:
            (directory / facts.extension.schema_file).write_bytes(extension_schema_bytes(facts, report.catalogue))
        page = ixbrl_bytes(report, lang)
        (directory / "report.html").write_bytes(page)
        if report_name not in instances:
            (directory / "report.xbrl").write_bytes(instance_bytes(facts))
            instances[report_name] = run_arelle(directory / "report.xbrl", [PACKAGE], collect_facts=True)
        inline = run_arelle(directory / "report.html", [PACKAGE], collect_facts=True, inline=True)
        results[page_name] = Exported(report, directory / "report.html", page, etree.fromstring(page), inline,
                                      instances[report_name])
    return results


def _key(fact: dict[str, Any]) -> tuple[object, ...]:
    return (fact["concept"], fact["period"], tuple(sorted(fact["dimensions"].items())), fact["unit"], fact["lang"],
            str(fact["value"]))


def _tagged(tree: etree._Element) -> list[etree._Element]:
    return [e for e in tree.iter(f"{IX}nonFraction", f"{IX}nonNumeric")]


def _by_id(tree: etree._Element, element_id: str) -> etree._Element:
    found = [e for e in tree.iter() if e.get("id") == element_id]
    assert len(found) == 1, element_id
    return found[0]


# --- Arelle -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PAGES)
def test_arelle_reads_the_page_without_errors_or_warnings(exported: dict[str, Exported], name: str) -> None:
    result = exported[name].inline
    assert result.document_type == "inline XBRL instance"
    assert not result.errors, result.summary()
    assert not result.warnings, result.summary()


@pytest.mark.parametrize("name", PAGES)
def test_page_and_instance_have_the_same_facts(exported: dict[str, Exported], name: str) -> None:
    page = exported[name]
    assert not page.instance.errors, page.instance.summary()
    assert len(page.inline.facts) == len(page.loaded.facts.facts)
    inline = sorted(page.inline.facts, key=_key)
    instance = sorted(page.instance.facts, key=_key)
    assert len(inline) == len(instance)
    for found, expected in zip(inline, instance, strict=True):
        assert found == expected


@pytest.mark.parametrize("name", PAGES)
def test_esgxbrl_reads_the_page_back_to_the_same_fact_set(exported: dict[str, Exported], name: str) -> None:
    page = exported[name]
    assert read(page.path) == page.loaded.facts


# --- tagging ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", PAGES)
def test_every_fact_is_tagged_exactly_once(exported: dict[str, Exported], name: str) -> None:
    page = exported[name]
    tagged = Counter(e.get("id") for e in _tagged(page.tree))
    assert tagged == Counter(f.id for f in page.loaded.facts.facts)


@pytest.mark.parametrize("name", PAGES)
def test_every_footnote_is_tagged_once_and_linked_to_its_facts(exported: dict[str, Exported], name: str) -> None:
    page = exported[name]
    footnotes = {e.get("id"): e for e in page.tree.iter(f"{IX}footnote")}
    assert set(footnotes) == {f.id for f in page.loaded.facts.footnotes}
    assert len(list(page.tree.iter(f"{IX}footnote"))) == len(footnotes)
    for footnote in page.loaded.facts.footnotes:
        assert footnotes[footnote.id].text == footnote.text
        assert footnotes[footnote.id].get(XML_LANG) == footnote.lang
    links: dict[str, set[str]] = {}
    relationships = list(page.tree.iter(f"{IX}relationship"))
    assert all(getattr(r.getparent(), "tag", None) == f"{IX}resources" for r in relationships)
    for relationship in relationships:
        for source in relationship.get("fromRefs", "").split():
            links.setdefault(source, set()).update(relationship.get("toRefs", "").split())
    assert links == {f.id: set(f.footnotes) for f in page.loaded.facts.facts if f.footnotes}


def test_figures_are_shown_as_printed_and_scaled_to_their_value(exported: dict[str, Exported]) -> None:
    page = exported["minimal"]
    facts = {(f.concept, f.dimensions): f for f in page.loaded.facts.facts if f.unit is not None}
    turnover = _by_id(page.tree, facts[("hkesg:EmployeeTurnoverRate", ())].id)
    assert (turnover.text, turnover.get("scale"), turnover.get("decimals")) == ("33.69", "-2", "4")
    assert turnover.get("format") == "ixt:num-dot-decimal"
    assert turnover.nsmap["ixt"] == "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"
    money = _by_id(page.tree, facts[("hkesg:MoneyContributedToCommunity",
                                      (("hkesg:FocusAreaAxis", "hkesg:EducationMember"),))].id)
    assert (money.text, money.get("scale"), money.get("unitRef")) == ("8.00", "4", "CNY")
    scope2 = _by_id(page.tree, facts[("hkesg:Scope2GreenhouseGasEmissions", ())].id)
    assert (scope2.text, scope2.get("scale"), scope2.get("decimals")) == ("19,614.02", None, "2")
    cell = scope2.getparent()
    assert cell is not None
    assert getattr(cell.getprevious(), "text", None) == "噸二氧化碳當量"


def test_a_scale_exists_only_for_powers_of_ten() -> None:
    assert printed_figure("0.3369", "33.69") == ("33.69", -2)
    assert printed_figure("80000", "8.00") == ("8.00", 4)
    assert printed_figure("19614.02", "19,614.02") == ("19,614.02", 0)
    assert printed_figure("0", "0") == ("0", 0)
    assert printed_figure("277.78", "1,000") is None        # GJ to MWh is no power of ten
    assert printed_figure("5", "six") is None


@pytest.mark.parametrize("name", PAGES)
def test_enumerations_are_hidden_with_a_visible_label(exported: dict[str, Exported], name: str) -> None:
    page = exported[name]
    hidden = page.tree.find(f".//{IX}hidden")
    assert hidden is not None
    hidden_ids = {e.get("id") for e in hidden}
    shown_by = {m.group(1) for e in page.tree.iter() if (m := re.match(r"-ix-hidden:(\S+)", e.get("style", "")))}
    catalogue = page.loaded.catalogue
    enum_facts = [f for f in page.loaded.facts.facts
                  if catalogue.concept(f.concept.split(":", 1)[1]).type in ("enum", "enumset")]
    assert {"hkesg:DisclosureStatus", "hkesg:SustainableDevelopmentGoalsAddressed"} <= {f.concept for f in enum_facts}
    for fact in enum_facts:
        assert fact.id in hidden_ids
        assert fact.id in shown_by, f"{fact.id} has no visible label"
        assert _by_id(page.tree, fact.id).text == fact.value


def test_not_applicable_provision_shows_its_status_and_tagged_explanation(exported: dict[str, Exported]) -> None:
    page = exported["minimal"]
    row = _by_id(page.tree, "index-A1.3")
    status = [e for e in row.iter() if str(e.get("style", "")).startswith("-ix-hidden:")]
    assert [e.text for e in status] == ["不適用"]
    explanation = [e for e in row.iter(f"{IX}nonNumeric") if e.get("name") == "hkesg:ExplanationForNotDisclosing"]
    assert len(explanation) == 1 and explanation[0].get("escape") == "true"
    assert "".join(str(text) for text in explanation[0].itertext()) == "不涉及有害廢棄物。"


def test_text_blocks_carry_their_xhtml_unchanged(exported: dict[str, Exported]) -> None:
    page = exported["minimal"]
    fact = next(f for f in page.loaded.facts.facts if f.concept == "hkesg:GreenhouseGasEmissionsExplanatory")
    element = _by_id(page.tree, fact.id)
    assert element.get("escape") == "true"
    inner = (element.text or "") + "".join(
        re.sub(r'\s+xmlns(:[\w-]+)?="[^"]*"', "", str(etree.tostring(child, encoding="unicode")))
        for child in element)
    assert inner == fact.value == (
        '<p>第一段，含「引號」與 "quotes" &amp; &lt;tags&gt;。</p><ul><li>甲</li><li>乙</li></ul>')


# --- the page -----------------------------------------------------------------------------------

def test_the_page_follows_appendix_c2(exported: dict[str, Exported]) -> None:
    page = exported["lufax"]
    text = etree.tostring(page.tree, encoding="unicode", method="text")
    ids = [str(e.get("id")) for e in page.tree.iter() if e.get("id")]
    order = ["cover", "contents", "mandatory", "materiality", "stakeholders", "area-A", "aspect-A1", "aspect-A4",
             "area-B", "aspect-B1", "aspect-B8", "sdgs", "index"]
    assert [ids.index(anchor) for anchor in order] == sorted(ids.index(anchor) for anchor in order)
    assert ids.index("provision-A1.GD") < ids.index("provision-A1.1") < ids.index("provision-A1.2")
    assert len([i for i in ids if i.startswith("index-")]) == 51
    assert "陸金所控股有限公司" in text and "6623" in text and "2023年1月1日至2023年12月31日" in text
    assert "按性別劃分" in text
    b21 = _by_id(page.tree, "provision-B2.1")
    headers = [str(th.text) for th in b21.iter(f"{{{ns.XHTML}}}th")]
    assert headers[:2] == ["指標", "單位"] and "2023" in headers and "2022" in headers
    assert headers[2:] == sorted(headers[2:], reverse=True)
    sdgs = _by_id(page.tree, "sdgs")
    assert "＊" in etree.tostring(sdgs, encoding="unicode", method="text")


def test_dates_are_shown_as_printed_and_read_as_dates(exported: dict[str, Exported]) -> None:
    for name, shown, transform in (("dated", "2024年4月18日", "ixt:date-year-month-day"),
                                   ("dated-en", "2024-04-18", None), ("minimal", "2024年4月", "ixt:date-year-month")):
        page = exported[name]
        fact = next(f for f in page.loaded.facts.facts if f.concept.startswith("hkesg:BoardApprovalOfEsgReport"))
        element = _by_id(page.tree, fact.id)
        assert (element.text, element.get("format")) == (shown, transform)
        assert [f["value"] for f in page.inline.facts if f["concept"].endswith(fact.concept.split(":")[1])] \
            == [fact.value]


def test_english_labels_on_request(exported: dict[str, Exported]) -> None:
    page = exported["lufax-en"]
    assert page.tree.get(XML_LANG) == "zh-Hant"      # the report's language: that of its facts
    sheet = page.tree.find(f".//{{{ns.XHTML}}}div[@class='page']")
    assert sheet is not None and sheet.get(XML_LANG) == "en"
    text = etree.tostring(page.tree, encoding="unicode", method="text")
    assert "Contents" in text and "By gender" in text and "Content index" in text
    narrative = next(e for e in page.tree.iter(f"{IX}nonNumeric") if e.get("escape") == "true")
    assert narrative.get(XML_LANG) == "zh-Hant"


def test_chinese_page_offers_english_headings(exported: dict[str, Exported]) -> None:
    page = exported["lufax"]
    assert page.tree.get(XML_LANG) == "zh-Hant"
    english = [e for e in page.tree.iter() if e.get(XML_LANG) == "en" and not e.tag.startswith(IX)]
    assert any((e.text or "") == "Emissions" for e in english)


@pytest.mark.parametrize("name", PAGES)
def test_document_header_and_namespaces(exported: dict[str, Exported], name: str) -> None:
    page = exported[name]
    tree = page.tree
    assert tree.tag == f"{{{ns.XHTML}}}html"
    for prefix in ("ix", "ixt", "xbrli", "link", "xlink", "xbrldi", "hkesg", "utr", "iso4217", "issuer"):
        assert prefix in tree.nsmap
    header = tree.find(f".//{IX}header")
    assert header is not None
    assert getattr(header.getparent(), "attrib", {}).get("style") == "display:none"
    assert [etree.QName(c).localname for c in header] == ["hidden", "references", "resources"]
    schema_ref = header.find(f"{IX}references/{{{ns.LINK}}}schemaRef")
    assert schema_ref is not None
    assert schema_ref.get(f"{{{ns.XLINK}}}href") == page.loaded.facts.schema_ref


@pytest.mark.parametrize("name", PAGES)
def test_page_is_self_contained_and_safe_to_open_as_html(exported: dict[str, Exported], name: str) -> None:
    page = exported[name]
    source = page.page.decode("utf-8")
    assert not page.tree.xpath("//*[local-name()='script' or local-name()='img' or local-name()='iframe']")
    assert not page.tree.xpath("//*[@src]")
    assert not [e for e in page.tree.iter(f"{{{ns.XHTML}}}a") if not e.get("href", "#").startswith("#")]
    assert "url(" not in STYLESHEET and "@import" not in STYLESHEET and "@font-face" not in STYLESHEET
    # browsers parse .html as HTML: no self-closed non-void elements, no escaped characters in the CSS
    assert not re.findall(r"<(?!br\b|meta\b|col\b|hr\b)[A-Za-z][\w:.-]*(\s[^<>]*)?/>", source)
    assert not set("<>&") & set(STYLESHEET)
    assert "@media print" in STYLESHEET and "Noto Sans CJK TC" in STYLESHEET and "Microsoft JhengHei" in STYLESHEET


def test_output_is_deterministic(exported: dict[str, Exported]) -> None:
    again = load_report(REPORTS["lufax"])
    assert ixbrl_bytes(again) == exported["lufax"].page
    assert ixbrl_bytes(again, "en") == exported["lufax-en"].page


def test_facts_without_a_place_go_into_ix_hidden() -> None:
    loaded = load_report(REPORTS["minimal"])
    holder = etree.Element(f"{{{ns.XHTML}}}div")
    Tagger(loaded.facts, loaded.catalogue, "zh-Hant").write_header(holder)
    hidden = holder.find(f"{IX}header/{IX}hidden")
    assert hidden is not None
    assert [e.get("id") for e in hidden] == [f.id for f in loaded.facts.facts]


def test_a_fact_cannot_be_placed_twice() -> None:
    loaded = load_report(REPORTS["minimal"])
    tagger = Tagger(loaded.facts, loaded.catalogue, "zh-Hant")
    holder = etree.Element(f"{{{ns.XHTML}}}div")
    fact = loaded.facts.facts[0]
    tagger.hide(fact)
    with pytest.raises(ValueError, match="twice"):
        tagger.text(holder, fact)


def test_text_block_markup_that_could_load_or_run_something_is_shown_as_text() -> None:
    loaded = load_report(REPORTS["minimal"])
    tagger = Tagger(loaded.facts, loaded.catalogue, "zh-Hant")
    holder = etree.Element(f"{{{ns.XHTML}}}div")
    base = next(f for f in loaded.facts.facts if f.concept == "hkesg:GreenhouseGasEmissionsExplanatory")
    for markup in ('<p><img src="https://example.com/x.png"/></p>', "<p>a</p><script>alert(1)</script>",
                   '<p onclick="alert(1)">a</p>', "<p>not closed"):
        fact = base._replace(id=f"f-{len(holder)}", value=markup)
        element = tagger.text(holder, fact)
        assert element.get("escape") is None and len(element) == 0 and element.text == markup
    safe = base._replace(id="f-safe", value="<p>a<br/>b</p><ul><li>c</li></ul>")
    assert tagger.text(holder, safe).get("escape") == "true"
