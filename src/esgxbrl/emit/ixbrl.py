"""LoadedReport -> Inline XBRL 1.1: a readable ESG report in which every fact is tagged exactly once.

This module holds the document (the XHTML skeleton and its ix:header); `ixbrl_tagger` turns
facts into ix elements. Where each fact goes on the page is decided by `ixbrl_layout`; how it
looks by `ixbrl_style`. The Tagger refuses to tag a fact twice, and every fact the layout does
not place is put into ix:hidden, so the document always carries the whole fact set.
"""

from __future__ import annotations

from lxml import etree

from esgxbrl.emit.ixbrl_layout import render
from esgxbrl.emit.ixbrl_style import STYLESHEET
from esgxbrl.emit.ixbrl_tagger import Tagger, html, script_class, set_lang
from esgxbrl.emit.xbrl import XML_LANG
from esgxbrl.model.facts import FactSet
from esgxbrl.model.loaded import LoadedReport
from esgxbrl.xbrl import namespaces as ns
from esgxbrl.xbrl.xmlwrite import q

Element = etree._Element

#: elements HTML writes without an end tag; every other element is written with one, because
#: browsers open the report as HTML, where `<span/>` would swallow what follows it
_VOID = {"br", "hr", "img", "meta", "col", "area", "base", "input", "param", "link"}
#: elements whose children may be indented without changing what is displayed or tagged
_BLOCK = {"html", "head", "body", "div", "table", "thead", "tbody", "tr", "td", "th", "ul", "ol", "li",
          "h1", "h2", "h3", "h4", "p", "style", "title", "meta", "nonNumeric", "nonFraction", "footnote",
          "header", "hidden", "references", "resources", "relationship", "schemaRef",
          "context", "entity", "identifier", "period", "startDate", "endDate", "instant", "scenario",
          "explicitMember", "unit", "measure", "divide", "unitNumerator", "unitDenominator"}
_CONTAINERS = {"html", "head", "body", "div", "table", "thead", "tbody", "tr", "ul", "ol",
               "header", "hidden", "references", "resources", "context", "entity", "period", "scenario",
               "unit", "divide", "unitNumerator", "unitDenominator"}


def ixbrl_bytes(loaded: LoadedReport, lang: str | None = None) -> bytes:
    """The report as one Inline XBRL document; page labels in `lang` (default: the report's language)."""
    page_lang = lang or loaded.report.language
    facts = loaded.facts
    root = etree.Element(q(ns.XHTML, "html"), nsmap=_nsmap(facts))  # type: ignore[arg-type]
    # the document is in the report's language; page labels in another language say so where they are
    root.set(XML_LANG, facts.document_language)
    head = html(root, "head")
    html(head, "meta", attrs={"http-equiv": "Content-Type", "content": "text/html; charset=utf-8"})
    title = html(head, "title")
    if page_lang != facts.document_language:
        set_lang(title, page_lang)
    html(head, "style", STYLESHEET, attrs={"type": "text/css"})
    body = html(root, "body", cls=script_class(page_lang))
    header_holder = html(body, "div", attrs={"style": "display:none"})
    tagger = Tagger(facts, loaded.catalogue, page_lang)
    title.text = render(body, loaded, tagger, page_lang)
    tagger.write_header(header_holder)
    return _serialize(root)


def _nsmap(facts: FactSet) -> dict[str | None, str]:
    nsmap: dict[str | None, str] = {None: ns.XHTML, "ix": ns.IX, "ixt": ns.IXT, "xbrli": ns.XBRLI,
                                    "link": ns.LINK, "xlink": ns.XLINK, "xbrldi": ns.XBRLDI, "xsi": ns.XSI}
    for prefix, uri in facts.namespaces:
        if prefix != "scheme":
            nsmap[prefix] = uri
    return nsmap


# --- serialization -----------------------------------------------------------------------------

def _close_empty(root: Element) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if element.text is None and len(element) == 0 and not (
                etree.QName(element).namespace == ns.XHTML and local in _VOID):
            element.text = ""


def _indent(element: Element, level: int = 0) -> None:
    """Indent only where whitespace changes neither the display nor any tagged value."""
    if not isinstance(element.tag, str) or len(element) == 0:
        return
    qname = etree.QName(element)
    if qname.localname not in _CONTAINERS:
        return
    if (element.text and element.text.strip()) or any(c.tail and c.tail.strip() for c in element):
        return
    if any(not isinstance(c.tag, str) or etree.QName(c).localname not in _BLOCK for c in element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        child.tail = inner
        if etree.QName(child).localname in _CONTAINERS:
            _indent(child, level + 1)
    element[-1].tail = "\n" + "  " * level


def _serialize(root: Element) -> bytes:
    _close_empty(root)
    _indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8") + b"\n"
