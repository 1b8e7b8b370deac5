"""The taxonomy schema: element declarations, role types and custom reference parts."""

from __future__ import annotations

from lxml import etree

from esgxbrl.catalogue import Catalogue, Concept, all_element_names
from esgxbrl.taxonomy import roles as r
from esgxbrl.xbrl import namespaces as ns
from esgxbrl.xbrl.xmlwrite import q, serialize, sub, xl

#: Custom reference parts carrying C2 metadata, as ESRS does for its datapoints.
REFERENCE_PARTS = ("ProvisionId", "ProvisionType", "SubjectArea", "Aspect")

#: Names of the linkbase files, by kind; the file name is <stem>_<kind>.xml.
LINKBASE_KINDS = ("lab-en", "lab-zh-Hant", "lab-zh-Hans", "ref", "pre", "cal", "def", "for")
_LINKBASE_ROLES = {
    "lab-en": "http://www.xbrl.org/2003/role/labelLinkbaseRef",
    "lab-zh-Hant": "http://www.xbrl.org/2003/role/labelLinkbaseRef",
    "lab-zh-Hans": "http://www.xbrl.org/2003/role/labelLinkbaseRef",
    "ref": "http://www.xbrl.org/2003/role/referenceLinkbaseRef",
    "pre": "http://www.xbrl.org/2003/role/presentationLinkbaseRef",
    "cal": "http://www.xbrl.org/2003/role/calculationLinkbaseRef",
    "def": "http://www.xbrl.org/2003/role/definitionLinkbaseRef",
    "for": "",
}


def stem(catalogue: Catalogue) -> str:
    return catalogue.regime.entry_point.removesuffix(".xsd")


def linkbase_file(catalogue: Catalogue, kind: str) -> str:
    return f"{stem(catalogue)}_{kind}.xml"


def element_kind(catalogue: Catalogue, name: str) -> str:
    if catalogue.has_concept(name):
        return "concept"
    if name.endswith("Abstract") or name.endswith("LineItems"):
        return "abstract"
    if name.endswith("Table"):
        return "table"
    if name.endswith("Axis"):
        return "axis"
    return "member"


def build_schema(catalogue: Catalogue) -> bytes:
    regime = catalogue.regime
    nsmap = {
        "xs": ns.XS, "xbrli": ns.XBRLI, "link": ns.LINK, "xlink": ns.XLINK, "xbrldt": ns.XBRLDT,
        "dtr-types": ns.DTR_TYPES, "enum2": ns.ENUM2, regime.prefix: regime.namespace,
    }
    root = etree.Element(q(ns.XS, "schema"), nsmap=nsmap)
    root.set("targetNamespace", regime.namespace)
    root.set("elementFormDefault", "qualified")
    root.set("attributeFormDefault", "unqualified")

    appinfo = sub(sub(root, ns.XS, "annotation"), ns.XS, "appinfo")
    for kind in LINKBASE_KINDS:
        attrib = {xl("type"): "simple", xl("href"): linkbase_file(catalogue, kind),
                  xl("arcrole"): "http://www.w3.org/1999/xlink/properties/linkbase"}
        if _LINKBASE_ROLES[kind]:
            attrib[xl("role")] = _LINKBASE_ROLES[kind]
        sub(appinfo, ns.LINK, "linkbaseRef", attrib)
    for role in r.all_roles(catalogue):
        role_type = sub(appinfo, ns.LINK, "roleType", {"roleURI": role.uri, "id": f"role_{role.id}"})
        sub(role_type, ns.LINK, "definition", text=role.definition)
        for used_on in role.used_on:
            sub(role_type, ns.LINK, "usedOn", text=used_on)
    sdg_ref = sub(appinfo, ns.LINK, "roleType", {"roleURI": sdg_reference_role(catalogue), "id": "role_SdgReference"})
    sub(sdg_ref, ns.LINK, "definition", text="Sustainable Development Goal a concept bears on")
    sub(sdg_ref, ns.LINK, "usedOn", text="link:reference")
    related = sub(appinfo, ns.LINK, "roleType",
                  {"roleURI": related_standard_role(catalogue), "id": "role_RelatedStandardReference"})
    sub(related, ns.LINK, "definition", text="Corresponding requirement of another reporting standard (GRI, IFRS S2)")
    sub(related, ns.LINK, "usedOn", text="link:reference")

    for namespace in (ns.XBRLI, ns.LINK, ns.XBRLDT, ns.DTR_TYPES, ns.ENUM2):
        sub(root, ns.XS, "import", {"namespace": namespace, "schemaLocation": ns.SCHEMA_LOCATIONS[namespace]})

    for part in REFERENCE_PARTS:
        sub(root, ns.XS, "element", {"name": part, "type": "xs:string", "substitutionGroup": "link:part",
                                      "id": f"{regime.prefix}_{part}"})

    for name in all_element_names(catalogue):
        _declare(root, catalogue, name)
    return serialize(root)


def sdg_reference_role(catalogue: Catalogue) -> str:
    return r.role_uri(catalogue, "SdgReference")


def related_standard_role(catalogue: Catalogue) -> str:
    return r.role_uri(catalogue, "RelatedStandardReference")


def _declare(root: etree._Element, catalogue: Catalogue, name: str) -> None:
    kind = element_kind(catalogue, name)
    attrib = {"id": f"{catalogue.regime.prefix}_{name}", "name": name, "nillable": "true"}
    if kind == "concept":
        concept = catalogue.concept(name)
        attrib.update({"type": concept.xbrl_type, "substitutionGroup": "xbrli:item", "abstract": "false",
                       q(ns.XBRLI, "periodType"): concept.period})
        if concept.balance:
            attrib[q(ns.XBRLI, "balance")] = concept.balance
        if concept.enum:
            attrib.update(_enum_attributes(catalogue, concept))
    elif kind == "table":
        attrib.update({"type": "xbrli:stringItemType", "substitutionGroup": "xbrldt:hypercubeItem",
                       "abstract": "true", q(ns.XBRLI, "periodType"): "duration"})
    elif kind == "axis":
        attrib.update({"type": "xbrli:stringItemType", "substitutionGroup": "xbrldt:dimensionItem",
                       "abstract": "true", q(ns.XBRLI, "periodType"): "duration"})
    elif kind == "abstract":
        attrib.update({"type": "xbrli:stringItemType", "substitutionGroup": "xbrli:item", "abstract": "true",
                       q(ns.XBRLI, "periodType"): "duration"})
    else:
        attrib.update({"type": "dtr-types:domainItemType", "substitutionGroup": "xbrli:item", "abstract": "true",
                       q(ns.XBRLI, "periodType"): "duration"})
    sub(root, ns.XS, "element", attrib)


def enum_linkrole(catalogue: Catalogue, concept: Concept) -> str:
    """The role whose domain-member network lists the allowed values of an enumeration concept."""
    for axis in catalogue.axes:
        if axis.domain == concept.enum:
            table = next(t for t in catalogue.tables if axis.name in t.axes)
            return r.role_uri(catalogue, r.table_role_id(table.name))
    return r.role_uri(catalogue, "Enumerations")


def _enum_attributes(catalogue: Catalogue, concept: Concept) -> dict[str, str]:
    assert concept.enum is not None
    return {
        q(ns.ENUM2, "domain"): catalogue.qname(concept.enum),
        q(ns.ENUM2, "linkrole"): enum_linkrole(catalogue, concept),
        q(ns.ENUM2, "headUsable"): "false",
    }
