"""Names in XML documents: QNames as elements and as text, the prefixes of a fact set, the
attribute names every XBRL syntax uses, and where an element is for messages."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from lxml import etree

from esgxbrl.read.safe import fail
from esgxbrl.xbrl import namespaces as ns

XML_LANG = f"{{{ns.XML}}}lang"
XSI_NIL = f"{{{ns.XSI}}}nil"
XLINK_HREF = f"{{{ns.XLINK}}}href"
XLINK_LABEL = f"{{{ns.XLINK}}}label"
XLINK_FROM = f"{{{ns.XLINK}}}from"
XLINK_TO = f"{{{ns.XLINK}}}to"
XLINK_ARCROLE = f"{{{ns.XLINK}}}arcrole"
XLINK_ROLE = f"{{{ns.XLINK}}}role"

#: namespaces a document needs for its own structure, not for the facts' QNames
_STRUCTURAL = frozenset({ns.LINK, ns.XLINK, ns.XBRLDI, ns.XSI, ns.XHTML, ns.IX, ns.XML, ns.XBRLDT})
_TRANSFORMATION_BASES = ("http://www.xbrl.org/inlineXBRL/transformation/", "http://www.sec.gov/inlineXBRL/")
_LOCAL_NAME = re.compile(r"[\w.-]+")


def is_structural(namespace: str) -> bool:
    return namespace in _STRUCTURAL or namespace.startswith(_TRANSFORMATION_BASES)


def qname_of(element: etree._Element) -> str:
    """A short name for messages: prefix:local as written."""
    local = etree.QName(element).localname
    return f"{element.prefix}:{local}" if element.prefix else local


def line_of(element: etree._Element) -> int | None:
    line = element.sourceline
    return line if isinstance(line, int) else None


def where(element: etree._Element) -> str:
    return f"{qname_of(element)} on line {line_of(element)}"


def uniform_scope(data: bytes, root: etree._Element) -> dict[str | None, str] | None:
    """The root's namespace declarations when no other element of the document declares any, so
    that they are in scope everywhere; None when that is not certain.

    Every declaration is written with the word "xmlns", so a document holding that word no more
    often than its root declares namespaces declares none anywhere else. A document that has the
    word in its text as well takes the general way, and so does one in UTF-16 (where the word is
    not those bytes): its root's declarations are not found in its bytes, and a root without
    declarations never counts as uniform.
    """
    scope: dict[str | None, str] = root.nsmap
    return scope if scope and data.count(b"xmlns") == len(scope) else None


class Prefixes:
    """The prefixes of the fact set: those the document declares, extended when it uses others.

    `uniform` is the namespace scope of every element, when the document has one (`uniform_scope`):
    then a QName written as text means the same wherever it is, and is resolved once. Otherwise the
    scope of each element is built from its ancestors' declarations, every time it is needed.
    """

    def __init__(self, declared: Mapping[str, str], uniform: Mapping[str | None, str] | None = None) -> None:
        self.by_prefix: dict[str, str] = dict(declared)
        self.by_uri: dict[str, str] = {}
        for prefix, uri in sorted(declared.items()):
            self.by_uri.setdefault(uri, prefix)
        self.uniform = uniform
        # (namespace, local) -> fact-set QName; a namespace keeps its prefix once it has one
        self._names: dict[tuple[str, str], str] = {}
        # the same for QNames written as text that have passed the check of their local name
        self._resolved: dict[tuple[str, str], str] = {}
        # QNames as written -> fact-set QName, in the uniform scope
        self._written: dict[str, str] = {}

    def scope(self, element: etree._Element) -> Mapping[str | None, str]:
        """The namespaces in scope at `element`."""
        return self.uniform if self.uniform is not None else element.nsmap

    def name(self, namespace: str, local: str, hint: str | None = None) -> str:
        known = self._names.get((namespace, local))
        if known is not None:
            return known
        prefix = self.by_uri.get(namespace)
        if prefix is None:
            prefix = hint if hint and hint not in self.by_prefix else None
            number = 1
            while prefix is None or prefix in self.by_prefix:
                prefix, number = f"ns{number}", number + 1
            self.by_prefix[prefix] = namespace
            self.by_uri[namespace] = prefix
        qname = self._names[(namespace, local)] = f"{prefix}:{local}"
        return qname

    def resolve(self, text: str, scope: Mapping[str | None, str], file: str, context: str) -> str:
        """A QName written in the document (`scope` = its in-scope namespaces) as a fact-set QName."""
        if scope is self.uniform:
            known = self._written.get(text)
            if known is None:
                known = self._written[text] = self._resolve(text, scope, file, context)
            return known
        return self._resolve(text, scope, file, context)

    def _resolve(self, text: str, scope: Mapping[str | None, str], file: str, context: str) -> str:
        text = text.strip()
        prefix, colon, local = text.rpartition(":")
        namespace = scope.get(prefix if colon else None)
        if namespace is not None:
            known = self._resolved.get((namespace, local))
            if known is not None:
                return known
        if not local or namespace is None or not _LOCAL_NAME.fullmatch(local):
            raise fail(file, f"{context}: '{text[:120]}' is not a QName with a declared prefix",
                       "every QName must use a prefix the document declares")
        qname = self._resolved[(namespace, local)] = self.name(namespace, local, prefix or None)
        return qname

    def namespace(self, qname: str) -> str:
        return self.by_prefix[qname.partition(":")[0]]

    def namespaces(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(self.by_prefix.items()))


def declared_namespaces(elements: Iterable[etree._Element]) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in elements:
        for prefix, uri in element.nsmap.items():
            if prefix is not None and not is_structural(uri):
                found.setdefault(prefix, uri)
    return found
