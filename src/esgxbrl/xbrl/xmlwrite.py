"""Small helpers for writing XBRL XML deterministically with lxml."""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from esgxbrl.xbrl import namespaces as ns

Element = etree._Element


def q(namespace: str, local: str) -> str:
    return f"{{{namespace}}}{local}"


def sub(parent: Element, namespace: str, local: str, attrib: Mapping[str, str] | None = None,
        text: str | None = None) -> Element:
    element = etree.SubElement(parent, q(namespace, local))
    for key, value in (attrib or {}).items():
        element.set(key, value)
    if text is not None:
        element.text = text
    return element


def xl(local: str) -> str:
    """An xlink attribute name."""
    return q(ns.XLINK, local)


def serialize(root: Element) -> bytes:
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


class ExtendedLink:
    """An XLink extended link whose locators are written once per concept and labels stay unique."""

    def __init__(self, parent: Element, namespace: str, local: str, role: str, href_base: str,
                 id_prefix: str) -> None:
        self.element = sub(parent, namespace, local, {xl("type"): "extended", xl("role"): role})
        self._href_base = href_base
        self._id_prefix = id_prefix
        self._locators: dict[str, str] = {}
        self._labels: set[str] = set()

    def locator(self, name: str, href_base: str | None = None, id_prefix: str | None = None) -> str:
        """The xlink:label of the locator of element `name` (created on first use)."""
        base = self._href_base if href_base is None else href_base
        prefix = self._id_prefix if id_prefix is None else id_prefix
        key = f"{base}#{prefix}{name}"
        if key not in self._locators:
            label = f"loc_{name}"
            if label in self._labels:
                label = f"loc_{len(self._labels)}_{name}"
            self._labels.add(label)
            sub(self.element, ns.LINK, "loc",
                {xl("type"): "locator", xl("href"): key,
                 xl("label"): label})
            self._locators[key] = label
        return self._locators[key]

    def unique_label(self, base: str) -> str:
        label, n = base, 1
        while label in self._labels:
            n += 1
            label = f"{base}_{n}"
        self._labels.add(label)
        return label

    def arc(self, namespace: str, local: str, arcrole: str, source: str, target: str,
            extra: Mapping[str, str] | None = None) -> Element:
        attrib = {xl("type"): "arc", xl("arcrole"): arcrole, xl("from"): source, xl("to"): target}
        attrib.update(extra or {})
        return sub(self.element, namespace, local, attrib)


def linkbase_root(extra_nsmap: Mapping[str, str] | None = None) -> Element:
    nsmap: dict[str, str] = {"link": ns.LINK, "xlink": ns.XLINK, "xsi": ns.XSI}
    nsmap.update(extra_nsmap or {})
    root = etree.Element(q(ns.LINK, "linkbase"), nsmap=nsmap)
    root.set(q(ns.XSI, "schemaLocation"), f"{ns.LINK} {ns.SCHEMA_LOCATIONS[ns.LINK]}")
    return root


def role_ref(root: Element, role_uri: str, href: str) -> None:
    sub(root, ns.LINK, "roleRef", {"roleURI": role_uri, xl("type"): "simple", xl("href"): href})


def arcrole_ref(root: Element, arcrole: str) -> None:
    sub(root, ns.LINK, "arcroleRef",
        {"arcroleURI": arcrole, xl("type"): "simple", xl("href"): ns.ARCROLE_REFS[arcrole]})
