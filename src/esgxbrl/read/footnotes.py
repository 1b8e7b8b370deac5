"""Footnotes: XBRL footnote links and the mixed content (text or XHTML) of a footnote or text block."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from esgxbrl.model.facts import Footnote
from esgxbrl.read.names import XLINK_ARCROLE, XLINK_FROM, XLINK_HREF, XLINK_LABEL, XLINK_TO, XML_LANG, qname_of
from esgxbrl.read.safe import fail
from esgxbrl.xbrl import namespaces as ns


def _attributes(element: etree._Element) -> str:
    parts = []
    for key, value in sorted(element.attrib.items()):
        name = etree.QName(key)
        written = f"xml:{name.localname}" if name.namespace == ns.XML else name.localname
        parts.append(f' {written}="{html.escape(str(value))}"')
    return "".join(parts)


#: the HTML elements that have no content and close themselves in XHTML
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})


def xhtml_markup(element: etree._Element, transparent: str | None = None, skip: str | None = None) -> str:
    """The content of `element` as XHTML markup without namespace declarations, escaped as esgxbrl escapes.

    Elements in the `transparent` namespace (Inline XBRL) give their content only; `skip` elements
    (ix:exclude) give nothing.
    """
    out: list[str] = [html.escape(element.text or "", quote=False)]
    for child in element:
        if isinstance(child.tag, str):
            name = etree.QName(child)
            if child.tag == skip:
                pass
            elif transparent is not None and name.namespace == transparent:
                out.append(xhtml_markup(child, transparent, skip))
            else:
                inner = xhtml_markup(child, transparent, skip)
                tag = name.localname if name.namespace in (ns.XHTML, None) else qname_of(child)
                # only void elements close themselves, as esgxbrl writes them (<br/>, but <li></li>)
                out.append(f"<{tag}{_attributes(child)}/>" if tag in _VOID and not inner and not len(child)
                           else f"<{tag}{_attributes(child)}>{inner}</{tag}>")
        out.append(html.escape(child.tail or "", quote=False))
    return "".join(out)


def mixed_text(element: etree._Element, transparent: str | None = None, skip: str | None = None) -> str:
    """A footnote's content: its text when it is plain text, else its XHTML markup."""
    if not len(element):
        return element.text or ""
    has_markup = any(isinstance(c.tag, str) and c.tag != skip and etree.QName(c).namespace != transparent
                     for c in element.iterdescendants())
    if has_markup:
        return xhtml_markup(element, transparent, skip)
    return plain_text(element, skip)


def plain_text(element: etree._Element, skip: str | None = None) -> str:
    """All text inside `element`, leaving out `skip` elements (ix:exclude) but not their tails."""
    return "".join(_texts(element, skip))


def _texts(element: etree._Element, skip: str | None) -> Iterable[str]:
    yield element.text or ""
    for child in element:
        if isinstance(child.tag, str) and child.tag != skip:
            yield from _texts(child, skip)
        yield child.tail or ""


@dataclass
class FootnoteLinks:
    footnotes: list[Footnote] = field(default_factory=list)
    of_fact: dict[str, list[str]] = field(default_factory=dict)   # fact id -> footnote ids, in arc order


LOC, FOOTNOTE, FOOTNOTE_ARC = f"{{{ns.LINK}}}loc", f"{{{ns.LINK}}}footnote", f"{{{ns.LINK}}}footnoteArc"


def read_footnote_link(link: etree._Element, found: FootnoteLinks, file: str) -> None:
    locators: dict[str, list[str]] = {}
    resources: dict[str, str] = {}
    known_ids = {f.id for f in found.footnotes}
    arcs: list[etree._Element] = []
    for element in link:
        tag = element.tag
        if tag == LOC:
            href = element.get(XLINK_HREF) or ""
            if not href.startswith("#"):
                raise fail(file, f"footnote locator on line {element.sourceline} points outside the document "
                                 f"({href[:80]!r})", "footnotes may link facts of this document only")
            locators.setdefault(element.get(XLINK_LABEL) or "", []).append(href[1:])
        elif tag == FOOTNOTE:
            label = element.get(XLINK_LABEL) or ""
            footnote_id = element.get("id") or label
            lang = element.get(XML_LANG)
            if not lang:
                raise fail(file, f"footnote {footnote_id} has no xml:lang", "give every footnote its language")
            if footnote_id in known_ids:
                raise fail(file, f"footnote id {footnote_id} is used twice", "footnote ids must be unique")
            known_ids.add(footnote_id)
            found.footnotes.append(Footnote(footnote_id, lang, mixed_text(element)))
            resources[label] = footnote_id
        elif tag == FOOTNOTE_ARC:
            arcs.append(element)
    # arcs may come before the locators and resources they link, so they are followed last
    for arc in arcs:
        arcrole = arc.get(XLINK_ARCROLE)
        if arcrole != ns.ARCROLE_FACT_FOOTNOTE:
            raise fail(file, f"footnote arc on line {arc.sourceline} has arcrole {arcrole}",
                       "esgxbrl reads fact-footnote links only")
        target = resources.get(arc.get(XLINK_TO) or "")
        sources = locators.get(arc.get(XLINK_FROM) or "")
        if target is None or sources is None:
            raise fail(file, f"footnote arc on line {arc.sourceline} links labels that do not exist",
                       "check xlink:from and xlink:to")
        for fact in sources:
            found.of_fact.setdefault(fact, []).append(target)
