"""XBRL 2.1 instance (XML) -> FactSet.

The parts every XML-based syntax shares live beside it: names and prefixes (names), contexts and
units (contexts), footnotes and mixed content (footnotes), the issuer extension schema
(extension). Prefixes in the fact set are those the document declares, so a document esgxbrl
wrote reads back to the fact set it was written from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from esgxbrl.model.facts import Fact, FactSet, fact_id
from esgxbrl.model.units import Unit
from esgxbrl.read.contexts import Context, read_contexts_and_units, the_entity
from esgxbrl.read.extension import SchemaRef, read_extension, schema_ref
from esgxbrl.read.footnotes import FootnoteLinks, read_footnote_link
from esgxbrl.read.names import (
    XLINK_HREF,
    XML_LANG,
    XSI_NIL,
    Prefixes,
    declared_namespaces,
    line_of,
    qname_of,
    uniform_scope,
    where,
)
from esgxbrl.read.safe import DEFAULT_LIMITS, Limits, fail, guarded, parse_xml
from esgxbrl.xbrl import namespaces as ns

DEFAULT_ENTITY_SCHEME_PREFIX = "scheme"


@dataclass
class RawFact:
    """A fact as a document states it, before its context and unit are looked up."""

    id: str | None
    concept: str
    context_ref: str
    unit_ref: str | None
    value: str | None
    decimals: int | None
    language: str | None
    line: int | None


def parse_decimals(text: str | None, file: str, fact: str) -> int | None:
    if text is None:
        return None
    known = _DECIMALS.get(text)
    if known is not None:
        return known
    if text.strip() == "INF":
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise fail(file, f"{fact}: decimals {text[:40]!r} is not an integer or INF", "correct decimals") from None


#: decimals as documents write them, nearly always
_DECIMALS = {str(n): n for n in range(-12, 13)}


def build_facts(raw_facts: Iterable[RawFact], contexts: Mapping[str, Context], units: Mapping[str, Unit],
                footnotes_of: Mapping[str, list[str]], file: str) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[str] = set()
    for raw in raw_facts:
        context = contexts.get(raw.context_ref)
        if context is None:
            raise fail(file, f"{_fact_label(raw)} refers to context {raw.context_ref!r}, which does not exist",
                       "the file is damaged; export it again")
        unit = None
        if raw.unit_ref is not None:
            unit = units.get(raw.unit_ref)
            if unit is None:
                raise fail(file, f"{_fact_label(raw)} refers to unit {raw.unit_ref!r}, which does not exist",
                           "the file is damaged; export it again")
        identifier = raw.id or fact_id(raw.concept, context.period, context.dimensions, raw.language, unit)
        if identifier in seen:
            raise fail(file, f"fact id {identifier} is used twice", "fact ids must be unique")
        seen.add(identifier)
        footnotes = footnotes_of.get(identifier)
        facts.append(Fact(identifier, raw.concept, context.period, raw.value, unit, raw.decimals,
                          context.dimensions, raw.language, tuple(footnotes) if footnotes else ()))
    return facts


def _fact_label(raw: RawFact) -> str:
    return f"fact {raw.id or raw.concept} (line {raw.line})"


def check_footnote_targets(facts: Iterable[Fact], links: FootnoteLinks, file: str) -> None:
    if not links.of_fact:
        return
    ids = {f.id for f in facts}
    unknown = sorted(set(links.of_fact) - ids)
    if unknown:
        raise fail(file, f"footnotes are linked to facts that do not exist ({', '.join(unknown)[:200]})",
                   "the file is damaged; export it again")


def assemble(*, file: str, prefixes: Prefixes, entity: tuple[str, str], facts: list[Fact],
             links: FootnoteLinks, schema: SchemaRef, base_dir: Path | None, document_language: str,
             limits: Limits, facts_only: bool = False) -> FactSet:
    """The fact set, once the facts are read: adds the entity scheme's prefix and the extension
    (unless `facts_only`: then the extension schema is not opened, see `esgxbrl.read.read`)."""
    check_footnote_targets(facts, links, file)
    scheme, identifier = entity
    if scheme not in prefixes.by_uri:
        prefixes.name(scheme, "x", DEFAULT_ENTITY_SCHEME_PREFIX)
    extension = None
    entry_point = schema.href
    if schema.is_extension and not facts_only:
        extension, entry_point = read_extension(schema.href, base_dir, prefixes, facts, file, limits)
    return FactSet(
        entity_scheme=scheme,
        entity_identifier=identifier,
        taxonomy_entry_point=entry_point,
        namespaces=prefixes.namespaces(),
        facts=tuple(facts),
        footnotes=tuple(links.footnotes),
        extension=extension,
        document_language=document_language,
    )


SCHEMA_REF, FOOTNOTE_LINK = f"{{{ns.LINK}}}schemaRef", f"{{{ns.LINK}}}footnoteLink"


def _fact(element: etree._Element, concept: str, contexts: Mapping[str, Context], units: Mapping[str, Unit],
          footnotes_of: Mapping[str, list[str]], file: str) -> Fact:
    """A fact element of an instance, with its context, unit and footnotes looked up."""
    get = element.get
    context_ref = get("contextRef")
    if context_ref is None:
        raise fail(file, f"{where(element)} has no contextRef", "esgxbrl reads items (facts with a context) only")
    if len(element):
        raise fail(file, f"{where(element)} holds elements (a tuple or unescaped markup)",
                   "esgxbrl reads simple facts; text blocks are escaped text")
    given_id, unit_ref, decimals_text = get("id"), get("unitRef"), get("decimals")
    # most numeric facts have no other attributes: then precision, xsi:nil and xml:lang need no look-up
    others = len(element.attrib) - 1 - (given_id is not None) - (unit_ref is not None) - (decimals_text is not None)
    nil = language = None
    if others:
        if get("precision") is not None:
            raise fail(file, f"{where(element)} gives precision", "esgxbrl reads numeric facts with decimals")
        nil, language = get(XSI_NIL), get(XML_LANG)
    decimals = None if decimals_text is None else _DECIMALS.get(decimals_text)
    if decimals is None:
        decimals = parse_decimals(decimals_text, file, concept)
    context = contexts.get(context_ref)
    if context is None:
        raise fail(file, f"fact {given_id or concept} (line {line_of(element)}) refers to context "
                         f"{context_ref!r}, which does not exist", "the file is damaged; export it again")
    unit = None
    if unit_ref is not None:
        unit = units.get(unit_ref)
        if unit is None:
            raise fail(file, f"fact {given_id or concept} (line {line_of(element)}) refers to unit "
                             f"{unit_ref!r}, which does not exist", "the file is damaged; export it again")
    value = None if nil is not None and nil.strip() in ("true", "1") else (element.text or "")
    identifier = given_id or fact_id(concept, context.period, context.dimensions, language, unit)
    footnotes = footnotes_of.get(identifier)
    return Fact(identifier, concept, context.period, value, unit, decimals, context.dimensions, language,
                tuple(footnotes) if footnotes else ())


def _fact_concept(element: etree._Element, prefixes: Prefixes) -> str | None:
    """The concept of a fact element; None for the instance's own elements (contexts, units, links)."""
    tag = element.tag
    if not isinstance(tag, str):
        return None
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
    if namespace in (ns.XBRLI, ns.LINK):
        return None
    return prefixes.name(namespace, local, element.prefix)


def instance_from_root(root: etree._Element, file: str, base_dir: Path | None,
                       limits: Limits = DEFAULT_LIMITS, *, facts_only: bool = False,
                       uniform: Mapping[str | None, str] | None = None) -> FactSet:
    """The fact set of a parsed instance; `uniform`: its namespace scope, if it has one (`uniform_scope`)."""
    if root.tag != f"{{{ns.XBRLI}}}xbrl":
        raise fail(file, f"the root element is {qname_of(root)}, not xbrli:xbrl",
                   "this is not an XBRL instance; esgxbrl reads .xbrl, .json (xBRL-JSON) and Inline XBRL .html")
    prefixes = Prefixes(declared_namespaces([root]), uniform)
    others: list[tuple[etree._Element, object]] = []
    contexts, units = read_contexts_and_units(root, prefixes, file, others)
    links = FootnoteLinks()
    hrefs: list[str] = []
    fact_elements: list[tuple[etree._Element, str]] = []
    # a report has a few dozen concepts: the concept of each tag is worked out once
    concepts: dict[object, str] = {}
    for element, tag in others:
        concept = concepts.get(tag)
        if concept is None:
            concept = _fact_concept(element, prefixes)
            if concept is not None:
                concepts[tag] = concept
        if concept is not None:
            fact_elements.append((element, concept))
        elif tag == SCHEMA_REF:
            hrefs.append(element.get(XLINK_HREF) or "")
        elif tag == FOOTNOTE_LINK and not facts_only:
            read_footnote_link(element, links, file)
    # footnote links are read first so that each fact is made once, with its footnotes
    facts = [_fact(element, concept, contexts, units, links.of_fact, file) for element, concept in fact_elements]
    if len({fact.id for fact in facts}) != len(facts):
        repeated = next(identifier for identifier, count in Counter(f.id for f in facts).items() if count > 1)
        raise fail(file, f"fact id {repeated} is used twice", "fact ids must be unique")
    entity = the_entity(contexts.values(), file)
    return assemble(file=file, prefixes=prefixes, entity=entity, facts=facts, links=links,
                    schema=schema_ref(hrefs, file), base_dir=base_dir,
                    document_language=root.get(XML_LANG) or "en", limits=limits, facts_only=facts_only)


def read_xml(data: bytes, base_dir: Path | None = None, name: str = "<instance>",
             limits: Limits = DEFAULT_LIMITS) -> FactSet:
    """An XBRL 2.1 instance's bytes -> FactSet (the extension schema, if any, is read from base_dir)."""
    with guarded(name):
        root = parse_xml(data, name, limits)
        return instance_from_root(root, name, base_dir, limits, uniform=uniform_scope(data, root))
    raise AssertionError("unreachable")  # pragma: no cover - guarded re-raises
