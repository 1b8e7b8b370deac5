"""Published documents -> FactSet: XBRL 2.1 instances, xBRL-JSON and Inline XBRL 1.1.

`read(path)` recognises the syntax from the content, not the file name: a JSON object with
documentInfo is xBRL-JSON, an XML document whose root is xbrli:xbrl an XBRL instance, and an XHTML
document using the Inline XBRL namespace is Inline XBRL. Every reader treats its input as hostile
(see esgxbrl.read.safe); every failure is a ReadError naming the file, what is wrong and what to do.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from esgxbrl.model.facts import FactSet
from esgxbrl.read.ixbrl import inline_from_root, read_ixbrl
from esgxbrl.read.names import qname_of, uniform_scope
from esgxbrl.read.oim import oim_from_document, read_oim
from esgxbrl.read.safe import DEFAULT_LIMITS, Limits, fail, guarded, parse_json, parse_xml, read_file
from esgxbrl.read.xml import instance_from_root, read_xml
from esgxbrl.xbrl import namespaces as ns

__all__ = ["DEFAULT_LIMITS", "Limits", "read", "read_bytes", "read_ixbrl", "read_oim", "read_xml", "sniff"]

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def sniff(data: bytes) -> str:
    """"json" or "xml" from the first character that is not white space; "unknown" otherwise."""
    if data.startswith(_UTF16_BOMS) or data[:2] in (b"<\x00", b"\x00<"):
        return "xml"
    head = data[:4096].removeprefix(_UTF8_BOM).lstrip()
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith(b"<"):
        return "xml"
    return "unknown"


def read_bytes(data: bytes, name: str = "<input>", base_dir: Path | None = None,
               limits: Limits = DEFAULT_LIMITS, *, facts_only: bool = False) -> FactSet:
    """A published document's bytes -> FactSet; an extension schema is looked for in base_dir.

    `facts_only`: see `read`.
    """
    kind = sniff(data)
    with guarded(name):
        if kind == "json":
            document = parse_json(data, name, limits)
            if isinstance(document, dict) and "@context" in document:
                from esgxbrl.read.jsonld import read_jsonld

                graph = read_jsonld(data)
                return facts_alone(graph) if facts_only else graph
            return oim_from_document(document, name, base_dir, limits, facts_only=facts_only)
        if kind == "xml":
            root = parse_xml(data, name, limits)
            if root.tag == f"{{{ns.XBRLI}}}xbrl":
                return instance_from_root(root, name, base_dir, limits, facts_only=facts_only,
                                          uniform=uniform_scope(data, root))
            if root.tag == f"{{{ns.XHTML}}}html":
                return inline_from_root(root, name, base_dir, limits, facts_only=facts_only)
            raise fail(name, f"the root element is {qname_of(root)}",
                       "esgxbrl reads XBRL instances (xbrli:xbrl), Inline XBRL (XHTML html), xBRL-JSON and JSON-LD")
    raise fail(name, "the content is neither XML nor JSON",
               "esgxbrl reads XBRL instances (.xbrl), xBRL-JSON (.json) and Inline XBRL (.html)")


def facts_alone(facts: FactSet) -> FactSet:
    """A fact set as `facts_only` reading gives it: no footnotes, no extension, the schema reference
    as the taxonomy entry point (for a syntax that carries all of it inline, such as JSON-LD)."""
    return replace(facts, facts=tuple(fact._replace(footnotes=()) for fact in facts.facts), footnotes=(),
                   extension=None, taxonomy_entry_point=facts.schema_ref)


def read(path: str | Path, limits: Limits = DEFAULT_LIMITS, *, facts_only: bool = False) -> FactSet:
    """Read a published document (XBRL instance, xBRL-JSON, Inline XBRL or JSON-LD) into a FactSet.

    An issuer extension schema the document refers to is read from the document's folder.

    With `facts_only`, only what a table of facts needs is read: the facts, their contexts and units.
    Footnotes are not read (the fact set has none and its facts link none) and the extension schema
    is not opened (the fact set has no extension, and its taxonomy entry point is the document's
    schema reference as written). The facts are the same as a full read gives, for less work; a
    document is still refused for anything wrong with the facts, but not for a damaged footnote or
    a missing or damaged extension schema.
    """
    file = Path(path)
    return read_bytes(read_file(file, limits), str(file), file.parent, limits, facts_only=facts_only)
