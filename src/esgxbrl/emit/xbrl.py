"""FactSet -> XBRL 2.1 instance (XML), and the issuer extension schema when one is needed."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from lxml import etree

from esgxbrl.catalogue import Catalogue, Concept
from esgxbrl.model.facts import Extension, Fact, FactSet, Period
from esgxbrl.model.issuer_concepts import as_concept
from esgxbrl.model.units import Unit
from esgxbrl.taxonomy import roles as r
from esgxbrl.xbrl import namespaces as ns
from esgxbrl.xbrl.xmlwrite import ExtendedLink, arcrole_ref, q, role_ref, serialize, sub, xl

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def context_id(period: Period, dimensions: tuple[tuple[str, str], ...]) -> str:
    if period.is_instant:
        base = f"I{period.end.isoformat()}"
    elif (period.start is not None and period.start.month == 1 and period.start.day == 1
          and period.end.month == 12 and period.end.day == 31 and period.start.year == period.end.year):
        base = f"D{period.end.year}"
    else:
        assert period.start is not None
        base = f"D{period.start.isoformat()}_{period.end.isoformat()}"
    if not dimensions:
        return base
    digest = hashlib.sha256(repr(dimensions).encode("utf-8")).hexdigest()[:8]
    return f"{base}_{digest}"


def contexts_of(facts: Iterable[Fact]) -> dict[str, tuple[Period, tuple[tuple[str, str], ...]]]:
    found: dict[str, tuple[Period, tuple[tuple[str, str], ...]]] = {}
    for fact in facts:
        found.setdefault(context_id(fact.period, fact.dimensions), (fact.period, fact.dimensions))
    return dict(sorted(found.items()))


def units_of(facts: Iterable[Fact]) -> dict[str, Unit]:
    return dict(sorted({fact.unit.id: fact.unit for fact in facts if fact.unit is not None}.items()))


def _nsmap(facts: FactSet) -> dict[str | None, str]:
    nsmap: dict[str | None, str] = {"xbrli": ns.XBRLI, "link": ns.LINK, "xlink": ns.XLINK, "xbrldi": ns.XBRLDI,
                                    "xsi": ns.XSI}
    for prefix, uri in facts.namespaces:
        if prefix != "scheme":
            nsmap[prefix] = uri
    return nsmap


def write_context(parent: etree._Element, facts: FactSet, cid: str, period: Period,
                  dimensions: tuple[tuple[str, str], ...]) -> None:
    context = sub(parent, ns.XBRLI, "context", {"id": cid})
    entity = sub(context, ns.XBRLI, "entity")
    sub(entity, ns.XBRLI, "identifier", {"scheme": facts.entity_scheme}, facts.entity_identifier)
    period_element = sub(context, ns.XBRLI, "period")
    if period.is_instant:
        sub(period_element, ns.XBRLI, "instant", text=period.end.isoformat())
    else:
        assert period.start is not None
        sub(period_element, ns.XBRLI, "startDate", text=period.start.isoformat())
        sub(period_element, ns.XBRLI, "endDate", text=period.end.isoformat())
    if dimensions:
        scenario = sub(context, ns.XBRLI, "scenario")
        for axis, member in dimensions:
            sub(scenario, ns.XBRLDI, "explicitMember", {"dimension": axis}, member)


def write_unit(parent: etree._Element, unit: Unit) -> None:
    element = sub(parent, ns.XBRLI, "unit", {"id": unit.id})
    if unit.denominator:
        divide = sub(element, ns.XBRLI, "divide")
        for local, measures in (("unitNumerator", unit.numerator), ("unitDenominator", unit.denominator)):
            holder = sub(divide, ns.XBRLI, local)
            for measure in measures:
                sub(holder, ns.XBRLI, "measure", text=measure)
    else:
        for measure in unit.numerator:
            sub(element, ns.XBRLI, "measure", text=measure)


def write_footnotes(parent: etree._Element, facts: FactSet, link_namespace: str = ns.LINK) -> None:
    linked = [f for f in facts.facts if f.footnotes]
    if not linked:
        return
    link = sub(parent, link_namespace, "footnoteLink", {xl("type"): "extended", xl("role"): ns.ROLE_LINK})
    for fact in linked:
        sub(link, ns.LINK, "loc", {xl("type"): "locator", xl("href"): f"#{fact.id}", xl("label"): f"loc-{fact.id}"})
    for footnote in facts.footnotes:
        sub(link, ns.LINK, "footnote", {xl("type"): "resource", xl("label"): footnote.id,
                                         xl("role"): ns.ROLE_FOOTNOTE, XML_LANG: footnote.lang}, footnote.text)
    for fact in linked:
        for footnote_id in fact.footnotes:
            sub(link, ns.LINK, "footnoteArc", {xl("type"): "arc", xl("arcrole"): ns.ARCROLE_FACT_FOOTNOTE,
                                                xl("from"): f"loc-{fact.id}", xl("to"): footnote_id})


def instance_bytes(facts: FactSet) -> bytes:
    nsmap = _nsmap(facts)
    root = etree.Element(q(ns.XBRLI, "xbrl"), nsmap=nsmap)  # type: ignore[arg-type]
    root.set(XML_LANG, facts.document_language)
    sub(root, ns.LINK, "schemaRef", {xl("type"): "simple", xl("href"): facts.schema_ref})
    for cid, (period, dimensions) in contexts_of(facts.facts).items():
        write_context(root, facts, cid, period, dimensions)
    for unit in units_of(facts.facts).values():
        write_unit(root, unit)
    for fact in facts.facts:
        prefix, local = fact.concept.split(":", 1)
        element = sub(root, facts.namespace(prefix), local,
                      {"id": fact.id, "contextRef": context_id(fact.period, fact.dimensions)})
        if fact.unit is not None:
            element.set("unitRef", fact.unit.id)
            if fact.value is not None:  # a nil fact carries no precision (XBRL 2.1 §4.6.3)
                element.set("decimals", "INF" if fact.decimals is None else str(fact.decimals))
        if fact.language:
            element.set(XML_LANG, fact.language)
        if fact.value is None:
            element.set(q(ns.XSI, "nil"), "true")
        else:
            element.text = fact.value
    write_footnotes(root, facts)
    return serialize(root)


def extension_schema_bytes(facts: FactSet, catalogue: Catalogue) -> bytes:
    """The issuer's own members, with their labels and their place in the taxonomy's tables."""
    extension = facts.extension
    assert extension is not None
    regime = catalogue.regime
    breakdowns = issuer_breakdowns(facts)
    nsmap = {"xs": ns.XS, "xbrli": ns.XBRLI, "link": ns.LINK, "xlink": ns.XLINK, "dtr-types": ns.DTR_TYPES,
             regime.prefix: regime.namespace, extension.prefix: extension.namespace}
    tables = bool(extension.axes or breakdowns)
    if tables:
        nsmap["xbrldt"] = ns.XBRLDT
    root = etree.Element(q(ns.XS, "schema"), nsmap=nsmap)
    root.set("targetNamespace", extension.namespace)
    root.set("elementFormDefault", "qualified")
    appinfo = sub(sub(root, ns.XS, "annotation"), ns.XS, "appinfo")
    if tables:
        # each hypercube in a role of its own: two hypercubes sharing two axes in one role would be an
        # undirected cycle of hypercube-dimension relationships
        for concept, definition in [("", "The issuer's own breakdowns of the figures it reports"),
                                    *((c, f"The issuer's breakdowns of {_local(c)}") for c in breakdowns)]:
            role_type = sub(appinfo, ns.LINK, "roleType", {"roleURI": issuer_breakdowns_role(extension, concept),
                                                           "id": f"role_{ISSUER_BREAKDOWNS_ROLE}{_local(concept)}"})
            sub(role_type, ns.LINK, "definition", text=definition)
            sub(role_type, ns.LINK, "usedOn", text="link:definitionLink")
    _embedded_labels(appinfo, extension)
    _embedded_definitions(appinfo, extension, catalogue)
    if tables:
        _embedded_issuer_tables(appinfo, extension, catalogue, breakdowns)
    if extension.concepts:
        _embedded_anchors(appinfo, extension, catalogue)
    imports = [(ns.XBRLI, ns.SCHEMA_LOCATIONS[ns.XBRLI])]
    if tables:
        imports.append((ns.XBRLDT, ns.SCHEMA_LOCATIONS[ns.XBRLDT]))
    imports += [(ns.DTR_TYPES, ns.SCHEMA_LOCATIONS[ns.DTR_TYPES]), (regime.namespace, regime.entry_point_url)]
    for namespace, location in imports:
        sub(root, ns.XS, "import", {"namespace": namespace, "schemaLocation": location})
    for member in extension.members:
        _element(root, extension, member.name, "dtr-types:domainItemType", "xbrli:item")
    for axis in extension.axes:
        _element(root, extension, axis.name, "xbrli:stringItemType", "xbrldt:dimensionItem")
        _element(root, extension, axis.domain, "dtr-types:domainItemType", "xbrli:item")
    for concept in sorted(breakdowns):
        _element(root, extension, _hypercube_name(concept), "xbrli:stringItemType", "xbrldt:hypercubeItem")
    for issuer_concept in extension.concepts:
        attributes = {"id": f"{extension.prefix}_{issuer_concept.name}", "name": issuer_concept.name,
                      "type": issuer_concept.item_type, "substitutionGroup": "xbrli:item", "nillable": "true",
                      q(ns.XBRLI, "periodType"): issuer_concept.period}
        if issuer_concept.balance:
            attributes[q(ns.XBRLI, "balance")] = issuer_concept.balance
        sub(root, ns.XS, "element", attributes)
    return serialize(root)


def _embedded_anchors(appinfo: etree._Element, extension: Extension, catalogue: Catalogue) -> None:
    """ESEF's anchoring: a wider-narrower arc from the wider concept to the narrower one, one end the
    issuer's concept, the other the base concept it is anchored to."""
    regime = catalogue.regime
    linkbase = sub(appinfo, ns.LINK, "linkbase")
    arcrole_ref(linkbase, ns.ARCROLE_WIDER_NARROWER)
    link = ExtendedLink(linkbase, ns.LINK, "definitionLink", ns.ROLE_LINK, "", f"{extension.prefix}_")
    taxonomy = {"href_base": regime.entry_point_url, "id_prefix": f"{regime.prefix}_"}
    for order, concept in enumerate(extension.concepts, start=1):
        own = link.locator(concept.name)
        anchor = link.locator(concept.anchor.split(":", 1)[1], **taxonomy)
        wider, narrower = (anchor, own) if concept.relationship == "narrower" else (own, anchor)
        link.arc(ns.LINK, "definitionArc", ns.ARCROLE_WIDER_NARROWER, wider, narrower, {"order": str(order)})


#: the role of the issuer's own tables: the figures broken down by the issuer's own axes
ISSUER_BREAKDOWNS_ROLE = "IssuerBreakdowns"


def issuer_breakdowns_role(extension: Extension, concept: str = "") -> str:
    """The role of the issuer's axes (their domains and members), or of one concept's hypercube."""
    return f"{extension.namespace}/role/{ISSUER_BREAKDOWNS_ROLE}{_local(concept)}"


def _local(concept: str) -> str:
    return concept.split(":", 1)[1] if concept else ""


def issuer_breakdowns(facts: FactSet) -> dict[str, tuple[str, ...]]:
    """Concept QName -> the issuer axes (QNames) its facts are broken down by, each sorted."""
    extension = facts.extension
    if extension is None or not (extension.axes or extension.concepts):
        return {}
    issuer_axes = {f"{extension.prefix}:{axis.name}" for axis in extension.axes}
    found: dict[str, set[str]] = {}
    for fact in facts.facts:
        used = {axis for axis, _ in fact.dimensions if axis in issuer_axes}
        # an issuer concept has no table in the taxonomy: any breakdown of it needs one of the issuer's
        if used or (fact.dimensions and extension.concept(fact.concept) is not None):
            found.setdefault(fact.concept, set()).update(used)
    return {concept: tuple(sorted(axes)) for concept, axes in sorted(found.items())}


def _hypercube_name(concept: str) -> str:
    return f"{concept.split(':', 1)[1]}IssuerBreakdownTable"


def _breakdown_concept(extension: Extension, catalogue: Catalogue, qname: str) -> Concept:
    """A concept broken down in the issuer's tables: a base concept, or an issuer concept (with its anchor's
    table, whose axes it may be broken down by)."""
    issuer = extension.concept(qname)
    if issuer is None:
        return catalogue.concept(qname.split(":", 1)[1])
    return as_concept(catalogue, issuer, "pure")


def _element(root: etree._Element, extension: Extension, name: str, type_: str, group: str) -> None:
    sub(root, ns.XS, "element", {"id": f"{extension.prefix}_{name}", "name": name, "type": type_,
                                  "substitutionGroup": group, "abstract": "true", "nillable": "true",
                                  q(ns.XBRLI, "periodType"): "duration"})


def _embedded_issuer_tables(appinfo: etree._Element, extension: Extension, catalogue: Catalogue,
                            breakdowns: dict[str, tuple[str, ...]]) -> None:
    """A closed hypercube per concept the issuer breaks down by its own axes: the axes of the concept's
    table in the taxonomy (reached in that table's role) and the issuer's axes (reached in the role of the
    issuer's axes). Each sits in a role of its own, a base set of its own, so a fact is valid against the
    taxonomy's table or this one."""
    regime = catalogue.regime
    linkbase = sub(appinfo, ns.LINK, "linkbase")
    role = issuer_breakdowns_role(extension)
    for concept_qname in ("", *breakdowns):
        role_ref(linkbase, issuer_breakdowns_role(extension, concept_qname),
                 f"{extension.schema_file}#role_{ISSUER_BREAKDOWNS_ROLE}{_local(concept_qname)}")
    target_tables = sorted({c.table for q_ in breakdowns if (c := _breakdown_concept(extension, catalogue, q_)).table})
    for table in target_tables:
        role_ref(linkbase, r.role_uri(catalogue, r.table_role_id(table)),
                 f"{regime.entry_point_url}#role_{r.table_role_id(table)}")
    for arcrole in (ns.ARCROLE_ALL, ns.ARCROLE_HYPERCUBE_DIMENSION, ns.ARCROLE_DIMENSION_DOMAIN,
                    ns.ARCROLE_DOMAIN_MEMBER, ns.ARCROLE_DIMENSION_DEFAULT):
        arcrole_ref(linkbase, arcrole)
    taxonomy = {"href_base": regime.entry_point_url, "id_prefix": f"{regime.prefix}_"}
    axes = {f"{extension.prefix}:{axis.name}": axis for axis in extension.axes}
    for concept_qname, issuer_axes in breakdowns.items():
        concept = _breakdown_concept(extension, catalogue, concept_qname)
        own = extension.concept(concept_qname) is not None
        cube_role = issuer_breakdowns_role(extension, concept_qname)
        link = ExtendedLink(linkbase, ns.LINK, "definitionLink", cube_role, "", f"{extension.prefix}_")
        cube = link.locator(_hypercube_name(concept_qname))
        link.arc(ns.LINK, "definitionArc", ns.ARCROLE_ALL,
                 link.locator(concept.name) if own else link.locator(concept.name, **taxonomy), cube,
                 {"order": "1", "{http://xbrl.org/2005/xbrldt}closed": "true",
                  "{http://xbrl.org/2005/xbrldt}contextElement": "scenario"})
        order = 0
        for order, axis_name in enumerate(catalogue.table(concept.table).axes if concept.table else (), start=1):
            link.arc(ns.LINK, "definitionArc", ns.ARCROLE_HYPERCUBE_DIMENSION, cube,
                     link.locator(axis_name, **taxonomy),
                     {"order": str(order), "{http://xbrl.org/2005/xbrldt}targetRole":
                      r.role_uri(catalogue, r.table_role_id(concept.table or ""))})
        for offset, axis_qname in enumerate(issuer_axes, start=order + 1):
            link.arc(ns.LINK, "definitionArc", ns.ARCROLE_HYPERCUBE_DIMENSION, cube,
                     link.locator(axes[axis_qname].name),
                     {"order": str(offset), "{http://xbrl.org/2005/xbrldt}targetRole": role})
    link = ExtendedLink(linkbase, ns.LINK, "definitionLink", role, "", f"{extension.prefix}_")
    for axis in extension.axes:
        domain = link.locator(axis.domain)
        link.arc(ns.LINK, "definitionArc", ns.ARCROLE_DIMENSION_DOMAIN, link.locator(axis.name), domain,
                 {"order": "1"})
        members = [m for m in extension.members if m.axis == f"{extension.prefix}:{axis.name}"]
        for order, member in enumerate(members, start=1):
            link.arc(ns.LINK, "definitionArc", ns.ARCROLE_DOMAIN_MEMBER, domain, link.locator(member.name),
                     {"order": str(order)})
    defaults = ExtendedLink(linkbase, ns.LINK, "definitionLink", ns.ROLE_LINK, "", f"{extension.prefix}_")
    for axis in extension.axes:
        defaults.arc(ns.LINK, "definitionArc", ns.ARCROLE_DIMENSION_DEFAULT, defaults.locator(axis.name),
                     defaults.locator(axis.domain))


def _embedded_labels(appinfo: etree._Element, extension: Extension) -> None:
    linkbase = sub(appinfo, ns.LINK, "linkbase")
    link = ExtendedLink(linkbase, ns.LINK, "labelLink", ns.ROLE_LINK, "", f"{extension.prefix}_")
    labelled = ([(m.name, m.labels) for m in extension.members] + [(a.name, a.labels) for a in extension.axes]
                + [(c.name, c.labels) for c in extension.concepts])
    for name, labels in labelled:
        loc = link.locator(name)
        for lang, text in labels:
            label = link.unique_label(f"label_{name}_{lang}")
            sub(link.element, ns.LINK, "label", {xl("type"): "resource", xl("label"): label,
                                                  xl("role"): ns.ROLE_LABEL, XML_LANG: lang}, text)
            link.arc(ns.LINK, "labelArc", ns.ARCROLE_CONCEPT_LABEL, loc, label)


def _embedded_definitions(appinfo: etree._Element, extension: Extension, catalogue: Catalogue) -> None:
    regime = catalogue.regime
    linkbase = sub(appinfo, ns.LINK, "linkbase")
    tables = [t for t in catalogue.tables
              if any(m.axis == catalogue.qname(a) for a in t.axes for m in extension.members)]
    for table in tables:
        role_ref(linkbase, r.role_uri(catalogue, r.table_role_id(table.name)),
                 f"{regime.entry_point_url}#role_{r.table_role_id(table.name)}")
    arcrole_ref(linkbase, ns.ARCROLE_DOMAIN_MEMBER)
    for table in tables:
        link = ExtendedLink(linkbase, ns.LINK, "definitionLink", r.role_uri(catalogue, r.table_role_id(table.name)),
                            "", f"{extension.prefix}_")
        for axis_name in table.axes:
            axis = catalogue.axis(axis_name)
            members = [m for m in extension.members if m.axis == catalogue.qname(axis.name)]
            if not members:
                continue
            domain = link.locator(axis.domain, href_base=regime.entry_point_url, id_prefix=f"{regime.prefix}_")
            for order, member in enumerate(members, start=1):
                link.arc(ns.LINK, "definitionArc", ns.ARCROLE_DOMAIN_MEMBER, domain, link.locator(member.name),
                         {"order": str(100 + order)})
