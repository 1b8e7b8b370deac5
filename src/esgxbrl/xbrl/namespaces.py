"""Namespaces, roles and arcroles of the XBRL specifications esgxbrl writes and reads."""

from __future__ import annotations

XBRLI = "http://www.xbrl.org/2003/instance"
LINK = "http://www.xbrl.org/2003/linkbase"
XLINK = "http://www.w3.org/1999/xlink"
XS = "http://www.w3.org/2001/XMLSchema"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
XBRLDT = "http://xbrl.org/2005/xbrldt"
XBRLDI = "http://xbrl.org/2006/xbrldi"
REF = "http://www.xbrl.org/2006/ref"
DTR_TYPES = "http://www.xbrl.org/dtr/type/2024-01-31"
ENUM2 = "http://xbrl.org/2020/extensible-enumerations-2.0"
UTR = "http://www.xbrl.org/2009/utr"
ISO4217 = "http://www.xbrl.org/2003/iso4217"
XHTML = "http://www.w3.org/1999/xhtml"
IX = "http://www.xbrl.org/2013/inlineXBRL"
IXT = "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12"
GENERIC = "http://xbrl.org/2008/generic"
VARIABLE = "http://xbrl.org/2008/variable"
VALUE_ASSERTION = "http://xbrl.org/2008/assertion/value"
CONCEPT_FILTER = "http://xbrl.org/2008/filter/concept"
DIMENSION_FILTER = "http://xbrl.org/2008/filter/dimension"
MESSAGE = "http://xbrl.org/2010/message"
XFI = "http://www.xbrl.org/2008/function/instance"
TAXONOMY_PACKAGE = "http://xbrl.org/2016/taxonomy-package"
OASIS_CATALOG = "urn:oasis:names:tc:entity:xmlns:xml:catalog"

SCHEMA_LOCATIONS = {
    XBRLI: "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd",
    LINK: "http://www.xbrl.org/2003/xbrl-linkbase-2003-12-31.xsd",
    XBRLDT: "http://www.xbrl.org/2005/xbrldt-2005.xsd",
    XBRLDI: "http://www.xbrl.org/2006/xbrldi-2006.xsd",
    REF: "http://www.xbrl.org/2006/ref-2006-02-27.xsd",
    DTR_TYPES: "https://www.xbrl.org/dtr/type/2024-01-31/types.xsd",
    ENUM2: "https://www.xbrl.org/2020/extensible-enumerations-2.0.xsd",
    GENERIC: "http://www.xbrl.org/2008/generic-link.xsd",
    VARIABLE: "http://www.xbrl.org/2008/variable.xsd",
    VALUE_ASSERTION: "http://www.xbrl.org/2008/value-assertion.xsd",
    CONCEPT_FILTER: "http://www.xbrl.org/2008/concept-filter.xsd",
    DIMENSION_FILTER: "http://www.xbrl.org/2008/dimension-filter.xsd",
    MESSAGE: "http://www.xbrl.org/2010/generic-message.xsd",
}

#: Prefixes used in QName strings throughout esgxbrl ("utr:tCO2e", "xbrli:pure").
PREFIXES = {
    "xbrli": XBRLI,
    "link": LINK,
    "xlink": XLINK,
    "xbrldt": XBRLDT,
    "xbrldi": XBRLDI,
    "ref": REF,
    "dtr-types": DTR_TYPES,
    "enum2": ENUM2,
    "utr": UTR,
    "iso4217": ISO4217,
    "xs": XS,
}

ROLE_LINK = "http://www.xbrl.org/2003/role/link"
ROLE_LABEL = "http://www.xbrl.org/2003/role/label"
ROLE_DOCUMENTATION = "http://www.xbrl.org/2003/role/documentation"
ROLE_MEASUREMENT_GUIDANCE = "http://www.xbrl.org/2003/role/measurementGuidance"
ROLE_DISCLOSURE_REF = "http://www.xbrl.org/2003/role/disclosureRef"
ROLE_FOOTNOTE = "http://www.xbrl.org/2003/role/footnote"
ROLE_GENERIC_LINK = "http://www.xbrl.org/2008/role/link"
ROLE_MESSAGE = "http://www.xbrl.org/2010/role/message"

ARCROLE_CONCEPT_LABEL = "http://www.xbrl.org/2003/arcrole/concept-label"
ARCROLE_CONCEPT_REFERENCE = "http://www.xbrl.org/2003/arcrole/concept-reference"
ARCROLE_PARENT_CHILD = "http://www.xbrl.org/2003/arcrole/parent-child"
ARCROLE_FACT_FOOTNOTE = "http://www.xbrl.org/2003/arcrole/fact-footnote"
ARCROLE_SUMMATION_ITEM = "https://xbrl.org/2023/arcrole/summation-item"
ARCROLE_ALL = "http://xbrl.org/int/dim/arcrole/all"
ARCROLE_HYPERCUBE_DIMENSION = "http://xbrl.org/int/dim/arcrole/hypercube-dimension"
ARCROLE_DIMENSION_DOMAIN = "http://xbrl.org/int/dim/arcrole/dimension-domain"
ARCROLE_DOMAIN_MEMBER = "http://xbrl.org/int/dim/arcrole/domain-member"
ARCROLE_DIMENSION_DEFAULT = "http://xbrl.org/int/dim/arcrole/dimension-default"
ARCROLE_VARIABLE_SET = "http://xbrl.org/arcrole/2008/variable-set"
ARCROLE_VARIABLE_FILTER = "http://xbrl.org/arcrole/2008/variable-filter"
ARCROLE_UNSATISFIED_MESSAGE = "http://xbrl.org/arcrole/2010/assertion-unsatisfied-message"
#: ESEF's anchoring of an extension concept: from the wider concept to the narrower one
ARCROLE_WIDER_NARROWER = "http://www.esma.europa.eu/xbrl/esef/arcrole/wider-narrower"

ARCROLE_REFS = {
    ARCROLE_SUMMATION_ITEM: "https://www.xbrl.org/2023/calculation-1.1.xsd#summation-item",
    ARCROLE_ALL: "http://www.xbrl.org/2005/xbrldt-2005.xsd#all",
    ARCROLE_HYPERCUBE_DIMENSION: "http://www.xbrl.org/2005/xbrldt-2005.xsd#hypercube-dimension",
    ARCROLE_DIMENSION_DOMAIN: "http://www.xbrl.org/2005/xbrldt-2005.xsd#dimension-domain",
    ARCROLE_DOMAIN_MEMBER: "http://www.xbrl.org/2005/xbrldt-2005.xsd#domain-member",
    ARCROLE_DIMENSION_DEFAULT: "http://www.xbrl.org/2005/xbrldt-2005.xsd#dimension-default",
    ARCROLE_VARIABLE_SET: "http://www.xbrl.org/2008/variable.xsd#variable-set",
    ARCROLE_VARIABLE_FILTER: "http://www.xbrl.org/2008/variable.xsd#variable-filter",
    ARCROLE_UNSATISFIED_MESSAGE: "http://www.xbrl.org/2010/validation-message.xsd#assertion-unsatisfied-message",
    # registered in the XBRL Link Role Registry
    ARCROLE_WIDER_NARROWER: "http://www.xbrl.org/lrr/arcrole/esma-arcrole-2018-11-21.xsd#wider-narrower",
}

#: Identifier schemes an entity may be identified by in contexts.
ENTITY_SCHEMES = {
    "lei": "http://standards.iso.org/iso/17442",
    "hkex-stock-code": "https://www.hkex.com.hk/stock-code",
    "nyse-ticker": "https://www.nyse.com/ticker",
}
#: the member of the taxonomy's EntityIdentifierSchemeAxis for each scheme
ENTITY_SCHEME_MEMBERS = {
    "lei": "LegalEntityIdentifierMember",
    "hkex-stock-code": "HkexStockCodeMember",
    "nyse-ticker": "NyseTickerMember",
}


def clark(namespace: str, local: str) -> str:
    return f"{{{namespace}}}{local}"
