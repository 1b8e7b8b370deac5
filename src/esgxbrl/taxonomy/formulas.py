"""Formula value assertions: breakdowns across an axis must add up to the total.

Calculation linkbases only relate facts of the same context, so they cannot say that employees by
gender add up to all employees. These assertions do, so that any XBRL processor with formula
support checks an instance's breakdowns, not only esgxbrl.
"""

from __future__ import annotations

from esgxbrl.catalogue import Axis, Catalogue, Concept
from esgxbrl.taxonomy import roles as r
from esgxbrl.xbrl import namespaces as ns
from esgxbrl.xbrl.xmlwrite import ExtendedLink, arcrole_ref, linkbase_root, role_ref, serialize, sub, xl

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def breakdown_assertions(catalogue: Catalogue) -> list[tuple[Concept, Axis]]:
    """Every (additive concept, axis of its table) pair: one assertion each."""
    pairs = []
    for concept in catalogue.concepts:
        if concept.additive and concept.table:
            for axis in catalogue.breakdown_axes_of(concept):
                if axis.has_default:
                    pairs.append((concept, axis))
    return pairs


def formula_linkbase(catalogue: Catalogue) -> bytes:
    prefix = catalogue.regime.prefix
    root = linkbase_root({
        "generic": ns.GENERIC, "variable": ns.VARIABLE, "va": ns.VALUE_ASSERTION, "cf": ns.CONCEPT_FILTER,
        "df": ns.DIMENSION_FILTER, "msg": ns.MESSAGE, "xfi": ns.XFI, "xs": ns.XS, prefix: catalogue.regime.namespace,
    })
    locations = " ".join(f"{n} {ns.SCHEMA_LOCATIONS[n]}" for n in (
        ns.LINK, ns.GENERIC, ns.VARIABLE, ns.VALUE_ASSERTION, ns.CONCEPT_FILTER, ns.DIMENSION_FILTER, ns.MESSAGE))
    root.set("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", locations)
    role_ref(root, ns.ROLE_GENERIC_LINK, "http://www.xbrl.org/2008/generic-link.xsd#standard-link-role")
    role_ref(root, ns.ROLE_MESSAGE, "http://www.xbrl.org/2010/generic-message.xsd#standard-message")
    for arcrole in (ns.ARCROLE_VARIABLE_SET, ns.ARCROLE_VARIABLE_FILTER, ns.ARCROLE_UNSATISFIED_MESSAGE):
        arcrole_ref(root, arcrole)

    link = ExtendedLink(root, ns.GENERIC, "link", ns.ROLE_GENERIC_LINK, catalogue.regime.entry_point,
                        f"{prefix}_")
    for concept, axis in breakdown_assertions(catalogue):
        _assertion(link, catalogue, concept, axis)
    return serialize(root)


def assertion_id(concept: Concept, axis: Axis) -> str:
    return f"{concept.name}_SumOver_{axis.short_name}"


def _assertion(link: ExtendedLink, catalogue: Catalogue, concept: Concept, axis: Axis) -> None:
    prefix = catalogue.regime.prefix
    assert concept.table is not None
    linkrole = r.role_uri(catalogue, r.table_role_id(concept.table))
    key = assertion_id(concept, axis)
    if concept.type == "count":
        test = "$total eq sum($parts)"
    else:
        # each printed figure is within half a unit of its last decimal place, so the sum of n parts
        # may differ from the total by (n + 1) half-units without any of them being wrong
        test = ("abs($total - sum($parts)) le (count($parts) + 1) * 0.5 * "
                "xs:double(concat('1E', string(-xfi:decimals($total))))")
    qualifier = catalogue.qualifier_axis if catalogue.qualifier_axis in catalogue.table(concept.table).axes else None
    if qualifier is not None:
        # a figure printed as a bound or an approximation is no amount to add: where the total or any part
        # is one, the breakdown cannot be checked
        test = f"exists($bounded) or ({test})"
    assertion = link.unique_label(f"assertion_{key}")
    sub(link.element, ns.VALUE_ASSERTION, "valueAssertion",
        {xl("type"): "resource", xl("label"): assertion, "id": key, "aspectModel": "dimensional",
         "implicitFiltering": "true", "test": test})
    concept_filter = link.unique_label(f"concept_{key}")
    flt = sub(link.element, ns.CONCEPT_FILTER, "conceptName", {xl("type"): "resource", xl("label"): concept_filter})
    sub(sub(flt, ns.CONCEPT_FILTER, "concept"), ns.CONCEPT_FILTER, "qname", text=f"{prefix}:{concept.name}")

    total_filter = link.unique_label(f"total_{key}")
    flt = sub(link.element, ns.DIMENSION_FILTER, "explicitDimension",
              {xl("type"): "resource", xl("label"): total_filter})
    sub(sub(flt, ns.DIMENSION_FILTER, "dimension"), ns.DIMENSION_FILTER, "qname", text=f"{prefix}:{axis.name}")
    sub(sub(flt, ns.DIMENSION_FILTER, "member"), ns.DIMENSION_FILTER, "qname", text=f"{prefix}:{axis.domain}")

    parts_filter = link.unique_label(f"parts_{key}")
    flt = sub(link.element, ns.DIMENSION_FILTER, "explicitDimension",
              {xl("type"): "resource", xl("label"): parts_filter})
    sub(sub(flt, ns.DIMENSION_FILTER, "dimension"), ns.DIMENSION_FILTER, "qname", text=f"{prefix}:{axis.name}")
    member = sub(flt, ns.DIMENSION_FILTER, "member")
    sub(member, ns.DIMENSION_FILTER, "qname", text=f"{prefix}:{axis.domain}")
    sub(member, ns.DIMENSION_FILTER, "linkrole", text=linkrole)
    sub(member, ns.DIMENSION_FILTER, "arcrole", text=ns.ARCROLE_DOMAIN_MEMBER)
    sub(member, ns.DIMENSION_FILTER, "axis", text="child")

    variables: list[tuple[str, dict[str, str], tuple[str, ...]]] = [
        ("total", {"bindAsSequence": "false"}, (concept_filter, total_filter)),
        ("parts", {"bindAsSequence": "true"}, (concept_filter, parts_filter))]
    if qualifier is not None:
        stated, bounded = _qualifier_filters(link, catalogue, key, qualifier)
        any_member = _member_filter(link, catalogue, f"any_{key}", axis.name, axis.domain, linkrole,
                                    "descendant-or-self")
        variables = [("total", {"bindAsSequence": "false"}, (concept_filter, total_filter, stated)),
                     ("parts", {"bindAsSequence": "true"}, (concept_filter, parts_filter, stated)),
                     ("bounded", {"bindAsSequence": "true", "fallbackValue": "()"},
                      (concept_filter, any_member, bounded))]
    for name, attributes, filters in variables:
        variable = link.unique_label(f"{name}_variable_{key}")
        sub(link.element, ns.VARIABLE, "factVariable", {xl("type"): "resource", xl("label"): variable, **attributes})
        link.arc(ns.VARIABLE, "variableArc", ns.ARCROLE_VARIABLE_SET, assertion, variable, {"name": name})
        for flt_label in filters:
            link.arc(ns.VARIABLE, "variableFilterArc", ns.ARCROLE_VARIABLE_FILTER, variable, flt_label,
                     {"complement": "false", "cover": "true"})

    provision = catalogue.provision_of_concept(concept)
    provision_id = provision.id if provision else ""
    message = link.unique_label(f"message_{key}")
    sub(link.element, ns.MESSAGE, "message",
        {xl("type"): "resource", xl("label"): message, xl("role"): ns.ROLE_MESSAGE, XML_LANG: "en"},
        f"{provision_id} {concept.name}: the total {{$total}} differs from the sum {{sum($parts)}} of its "
        f"breakdown by {axis.short_name}.")
    link.arc(ns.GENERIC, "arc", ns.ARCROLE_UNSATISFIED_MESSAGE, assertion, message)


def _member_filter(link: ExtendedLink, catalogue: Catalogue, key: str, axis: str, member: str, linkrole: str,
                   relation: str | None) -> str:
    """An explicit dimension filter: the axis at `member`, or (`relation`) at members related to it."""
    prefix = catalogue.regime.prefix
    label = link.unique_label(f"filter_{key}")
    flt = sub(link.element, ns.DIMENSION_FILTER, "explicitDimension", {xl("type"): "resource", xl("label"): label})
    sub(sub(flt, ns.DIMENSION_FILTER, "dimension"), ns.DIMENSION_FILTER, "qname", text=f"{prefix}:{axis}")
    element = sub(flt, ns.DIMENSION_FILTER, "member")
    sub(element, ns.DIMENSION_FILTER, "qname", text=f"{prefix}:{member}")
    if relation is not None:
        sub(element, ns.DIMENSION_FILTER, "linkrole", text=linkrole)
        sub(element, ns.DIMENSION_FILTER, "arcrole", text=ns.ARCROLE_DOMAIN_MEMBER)
        sub(element, ns.DIMENSION_FILTER, "axis", text=relation)
    return label


def _qualifier_filters(link: ExtendedLink, catalogue: Catalogue, key: str, qualifier: str) -> tuple[str, str]:
    """Filters for figures as stated (the qualifier axis at its default) and for bounds or approximations."""
    axis = catalogue.axis(qualifier)
    assert catalogue.qualifier_table is not None
    linkrole = r.role_uri(catalogue, r.table_role_id(catalogue.qualifier_table))
    stated = _member_filter(link, catalogue, f"stated_{key}", axis.name, axis.domain, linkrole, None)
    bounded = _member_filter(link, catalogue, f"bounded_{key}", axis.name, axis.domain, linkrole, "child")
    return stated, bounded
