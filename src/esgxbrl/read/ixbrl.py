"""Inline XBRL 1.1 (an XHTML page with ix: tags) -> FactSet.

Facts are read where the page shows them (ix:nonFraction, ix:nonNumeric with their ix:continuation
chains) and from ix:hidden; contexts, units, the schema reference and footnote relationships from
ix:header. Numbers are read through their transformation (ixt 4 or 5: num-dot-decimal,
num-comma-decimal, fixed-zero), scale and sign, and written as canonical decimals; escaped
text (escape="true") becomes the XHTML markup a text block carries. A page lays facts out in reading
order, so facts are returned in the fact set's canonical order (concept, period, dimensions,
language, id) and footnotes by id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

from esgxbrl.emit.oim import TEXT_TYPES, concept_type
from esgxbrl.model.facts import Fact, FactSet, Footnote
from esgxbrl.model.units import format_decimal
from esgxbrl.read.contexts import read_contexts_and_units, the_entity
from esgxbrl.read.extension import schema_ref
from esgxbrl.read.footnotes import FootnoteLinks, mixed_text, plain_text, xhtml_markup
from esgxbrl.read.names import XLINK_HREF, XML_LANG, XSI_NIL, Prefixes, declared_namespaces, line_of, qname_of, where
from esgxbrl.read.safe import DEFAULT_LIMITS, Limits, fail, guarded, parse_xml
from esgxbrl.read.xml import RawFact, assemble, build_facts, parse_decimals
from esgxbrl.xbrl import namespaces as ns


def _ix(local: str) -> str:
    return f"{{{ns.IX}}}{local}"


HEADER, HIDDEN, REFERENCES, RESOURCES = _ix("header"), _ix("hidden"), _ix("references"), _ix("resources")
NON_FRACTION, NON_NUMERIC, CONTINUATION = _ix("nonFraction"), _ix("nonNumeric"), _ix("continuation")
FOOTNOTE, RELATIONSHIP, EXCLUDE = _ix("footnote"), _ix("relationship"), _ix("exclude")
UNSUPPORTED = {_ix("tuple"): "tuples", _ix("fraction"): "fractions"}
TRANSFORMATIONS = frozenset({"http://www.xbrl.org/inlineXBRL/transformation/2020-02-12",
                             "http://www.xbrl.org/inlineXBRL/transformation/2022-02-16"})

_SPACES = "[ \u00a0\u202f]"
_DOT_DECIMAL = re.compile(rf"\A(\d{{1,3}}(?:(?:,|{_SPACES})?\d{{3}})*|\d+)(\.\d+)?\Z")
_COMMA_DECIMAL = re.compile(rf"\A(\d{{1,3}}(?:(?:\.|{_SPACES})?\d{{3}})*|\d+)(,\d+)?\Z")
_PLAIN_DECIMAL = re.compile(r"\A(\d+(\.\d*)?|\.\d+)\Z")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _canonical_order(fact: Fact) -> tuple[object, ...]:
    return (fact.concept, fact.period.end, fact.period.start or dt.date.min, fact.dimensions,
            fact.language or "", fact.id)


def _transformation(element: etree._Element, file: str) -> str | None:
    """The local name of the element's format in a transformation registry esgxbrl reads, or None."""
    written = element.get("format")
    if written is None:
        return None
    prefix, colon, local = written.strip().rpartition(":")
    namespace = element.nsmap.get(prefix if colon else None)
    if namespace not in TRANSFORMATIONS:
        raise fail(file, f"{where(element)} uses format {written[:80]!r}",
                   "esgxbrl reads the transformation registries 4 and 5 "
                   "(http://www.xbrl.org/inlineXBRL/transformation/2020-02-12 or 2022-02-16)")
    return local


def _number(element: etree._Element, file: str) -> str | None:
    if (element.get(XSI_NIL) or "").strip() in ("true", "1"):
        return None
    text = "".join(str(t) for t in element.itertext()).strip()
    transformation = _transformation(element, file)
    if transformation == "fixed-zero":
        digits = "0"
    else:
        patterns = {None: _PLAIN_DECIMAL, "num-dot-decimal": _DOT_DECIMAL, "num-comma-decimal": _COMMA_DECIMAL}
        pattern = patterns.get(transformation)
        if pattern is None:
            raise fail(file, f"{where(element)}: format {transformation} is not one esgxbrl reads for numbers",
                       "use ixt:num-dot-decimal, ixt:num-comma-decimal or ixt:fixed-zero")
        if not pattern.match(text):
            raise fail(file, f"{where(element)}: {text[:40]!r} does not match format {transformation or 'xs:decimal'}",
                       "correct the figure or its format")
        if transformation == "num-comma-decimal":
            whole, _, fraction = text.partition(",")
            digits = re.sub(r"\D", "", whole) + (f".{fraction}" if fraction else "")
        else:
            whole, _, fraction = text.partition(".")
            digits = re.sub(r"\D", "", whole) + (f".{fraction}" if fraction else "")
    try:
        value = Decimal(digits or "0")
        scale = int(element.get("scale", "0"))
    except (InvalidOperation, ValueError):
        raise fail(file, f"{where(element)}: the figure or its scale is not a number", "correct it") from None
    if abs(scale) > 100:
        raise fail(file, f"{where(element)}: scale {scale} is out of range", "scales are small powers of ten")
    value = value.scaleb(scale)
    if element.get("sign") == "-":
        value = -value
    return format_decimal(value)


def _date_parts(text: str) -> list[str]:
    return re.findall(r"\d+", text.translate(_FULL_WIDTH_DIGITS))


class _Page:
    def __init__(self, root: etree._Element, file: str, prefixes: Prefixes) -> None:
        self.file = file
        self.prefixes = prefixes
        self.continuations: dict[str, etree._Element] = {}
        for element in root.iter(CONTINUATION):
            identifier = element.get("id") or ""
            if identifier in self.continuations or not identifier:
                raise fail(file, f"{where(element)} has a missing or repeated id", "give each continuation an id")
            self.continuations[identifier] = element

    def chain(self, element: etree._Element) -> list[etree._Element]:
        """The element and the continuations it is continued at, in order."""
        parts = [element]
        seen: set[str] = set()
        target = element.get("continuedAt")
        while target:
            if target in seen:
                raise fail(self.file, f"{where(element)}: its continuation chain loops at {target}",
                           "each continuation may be used once")
            seen.add(target)
            nxt = self.continuations.get(target)
            if nxt is None:
                raise fail(self.file, f"{where(element)} continues at {target!r}, which does not exist",
                           "the file is damaged; export it again")
            parts.append(nxt)
            target = nxt.get("continuedAt")
        return parts

    def text_value(self, element: etree._Element) -> str | None:
        if (element.get(XSI_NIL) or "").strip() in ("true", "1"):
            return None
        parts = self.chain(element)
        if (element.get("escape") or "").strip() in ("true", "1"):
            value = "".join(xhtml_markup(p, ns.IX, EXCLUDE) for p in parts)
        else:
            value = "".join(plain_text(p, EXCLUDE) for p in parts)
        transformation = _transformation(element, self.file)
        if transformation is None:
            return value
        digits = _date_parts(value)
        if transformation == "fixed-empty":
            return ""
        if transformation == "date-year-month-day" and len(digits) == 3 and len(digits[0]) == 4:
            return f"{digits[0]}-{int(digits[1]):02d}-{int(digits[2]):02d}"
        if transformation == "date-year-month" and len(digits) == 2 and len(digits[0]) == 4:
            return f"{digits[0]}-{int(digits[1]):02d}"
        raise fail(self.file, f"{where(element)}: format {transformation} does not apply to {value[:40]!r}",
                   "esgxbrl reads fixed-empty, date-year-month-day and date-year-month for text")

    def raw_fact(self, element: etree._Element) -> RawFact:
        name = element.get("name") or ""
        concept = self.prefixes.resolve(name, element.nsmap, self.file, where(element))
        context_ref = element.get("contextRef")
        if not context_ref:
            raise fail(self.file, f"{where(element)} has no contextRef", "every fact needs a context")
        numeric = element.tag == NON_FRACTION
        value = _number(element, self.file) if numeric else self.text_value(element)
        unit_ref = element.get("unitRef")
        if numeric and not unit_ref:
            raise fail(self.file, f"{where(element)} has no unitRef", "every number needs a unit")
        return RawFact(element.get("id"), concept, context_ref, unit_ref if numeric else None, value,
                       parse_decimals(element.get("decimals"), self.file, concept), self.language(element, concept),
                       line_of(element))

    def language(self, element: etree._Element, concept: str) -> str | None:
        """The fact's own xml:lang, for text concepts only: a page may tag every fact with a language,
        but enumerations, dates and numbers have none in the fact set."""
        if element.tag == NON_FRACTION:
            return None
        item_type = concept_type(self.prefixes.by_prefix, concept)
        if item_type is not None and item_type not in TEXT_TYPES:
            return None
        return element.get(XML_LANG)


def _language_in_scope(element: etree._Element) -> str | None:
    for ancestor in (element, *element.iterancestors()):
        lang = ancestor.get(XML_LANG)
        if lang:
            return lang
    return None


def _footnotes(root: etree._Element, file: str) -> dict[str, Footnote]:
    found: dict[str, Footnote] = {}
    for element in root.iter(FOOTNOTE):
        identifier = element.get("id") or ""
        if not identifier or identifier in found:
            raise fail(file, f"{where(element)} has a missing or repeated id", "give each footnote its own id")
        lang = _language_in_scope(element)
        if lang is None:
            raise fail(file, f"footnote {identifier} has no xml:lang in scope", "give every footnote its language")
        found[identifier] = Footnote(identifier, lang, mixed_text(element, ns.IX, EXCLUDE))
    return found


def _relationships(elements: Iterable[etree._Element], footnotes: Mapping[str, Footnote],
                   file: str) -> dict[str, list[str]]:
    of_fact: dict[str, list[str]] = {}
    for element in elements:
        arcrole = element.get("arcrole", ns.ARCROLE_FACT_FOOTNOTE)
        if arcrole != ns.ARCROLE_FACT_FOOTNOTE or element.get("linkRole", ns.ROLE_LINK) != ns.ROLE_LINK:
            raise fail(file, f"{where(element)} is not a fact-footnote relationship in the default link role",
                       "esgxbrl reads footnotes of facts only")
        targets = (element.get("toRefs") or "").split()
        for target in targets:
            if target not in footnotes:
                raise fail(file, f"{where(element)} points at {target!r}, which is not an ix:footnote",
                           "the file is damaged; export it again")
        for source in (element.get("fromRefs") or "").split():
            of_fact.setdefault(source, []).extend(targets)
    return of_fact


def inline_from_root(root: etree._Element, file: str, base_dir: Path | None,
                     limits: Limits = DEFAULT_LIMITS, *, facts_only: bool = False) -> FactSet:
    if root.tag != f"{{{ns.XHTML}}}html":
        raise fail(file, f"the root element is {qname_of(root)}, not the XHTML html element",
                   "this is not an Inline XBRL document")
    headers = list(root.iter(HEADER))
    if not headers:
        raise fail(file, "the page has no ix:header (Inline XBRL 1.1, http://www.xbrl.org/2013/inlineXBRL)",
                   "this is an XHTML page without Inline XBRL; export the report as Inline XBRL")
    for tag, what in UNSUPPORTED.items():
        for element in root.iter(tag):
            raise fail(file, f"{where(element)}: Inline XBRL {what}", f"esgxbrl does not read {what}")
    prefixes = Prefixes(declared_namespaces([root, *(e for h in headers for e in h.iter())]))
    resources = [child for h in headers for r in h.iter(RESOURCES) for child in r]
    contexts, units = read_contexts_and_units(resources, prefixes, file)
    hrefs = [ref.get(XLINK_HREF) or "" for h in headers for r in h.iter(REFERENCES)
             for ref in r.iter(f"{{{ns.LINK}}}schemaRef")]
    page = _Page(root, file, prefixes)
    raw = [page.raw_fact(e) for e in root.iter(NON_FRACTION, NON_NUMERIC)]
    links = FootnoteLinks()
    if not facts_only:
        footnotes = _footnotes(root, file)
        links = FootnoteLinks(footnotes=[footnotes[k] for k in sorted(footnotes)],
                              of_fact=_relationships((e for h in headers for e in h.iter(RELATIONSHIP)), footnotes,
                                                     file))
    facts = sorted(build_facts(raw, contexts, units, links.of_fact, file), key=_canonical_order)
    language = root.get(XML_LANG) or root.get("lang") or "en"
    return assemble(file=file, prefixes=prefixes, entity=the_entity(contexts.values(), file), facts=facts,
                    links=links, schema=schema_ref(hrefs, file), base_dir=base_dir, document_language=language,
                    limits=limits, facts_only=facts_only)


def read_ixbrl(data: bytes, base_dir: Path | None = None, name: str = "<Inline XBRL>",
               limits: Limits = DEFAULT_LIMITS) -> FactSet:
    """An Inline XBRL 1.1 document's bytes -> FactSet (the extension schema, if any, is read from base_dir)."""
    with guarded(name):
        return inline_from_root(parse_xml(data, name, limits), name, base_dir, limits)
    raise AssertionError("unreachable")  # pragma: no cover - guarded re-raises
