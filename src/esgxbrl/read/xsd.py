"""XML Schema validation of XBRL instances, fully offline.

Every schema an instance needs is local: the XBRL base schemas ship inside esgxbrl (schemas/), and
the C2 taxonomy is taken from the installed Taxonomy Package. Remote URLs are mapped to those files;
anything else is refused, so validation never touches the network.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import zipfile
from functools import cache
from importlib import resources
from pathlib import Path

import xmlschema
from lxml import etree

from esgxbrl.catalogue import load_catalogue
from esgxbrl.errors import Finding
from esgxbrl.taxonomy.package import installed_package_path
from esgxbrl.xbrl import namespaces as ns

_BASE = Path(str(resources.files("esgxbrl").joinpath("schemas")))


@cache
def _taxonomy_dir() -> Path:
    """The installed taxonomy package, unpacked once per process into a private temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="esgxbrl-taxonomy-"))
    atexit.register(shutil.rmtree, folder, True)
    with zipfile.ZipFile(installed_package_path()) as archive:
        archive.extractall(folder)
    return folder


def _map_uri(uri: str) -> str:
    catalogue = load_catalogue()
    base = catalogue.regime.url_base
    if uri.startswith(base):
        relative = uri[len(base):]
        path = _taxonomy_dir() / catalogue.regime.package_name / catalogue.regime.version / relative
        return path.as_uri()
    for scheme in ("http://", "https://"):
        if uri.startswith(scheme):
            local = _BASE / scheme.rstrip(":/") / uri[len(scheme):]
            if local.is_file():
                return local.as_uri()
    return uri


def _schema_for(entry: str) -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(_map_uri(entry), uri_mapper=_map_uri, allow="local")


@cache
def _taxonomy_schema() -> xmlschema.XMLSchema:
    return _schema_for(load_catalogue().regime.entry_point_url)


def validate_instance(path: Path) -> list[Finding]:
    """XSD errors of an instance (empty when valid). The extension schema is read from beside it."""
    name = str(path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        document = etree.parse(str(path), parser)
    except (OSError, etree.XMLSyntaxError) as exc:
        return [Finding(f"not well-formed XML: {exc}", file=name, code="xsd")]
    if document.docinfo.doctype:  # type: ignore[union-attr]
        return [Finding("the document has a DOCTYPE; XBRL instances must not", file=name, code="xsd")]
    root = document.getroot()
    if root.tag != f"{{{ns.XBRLI}}}xbrl":
        return [Finding(f"the root element is {root.tag}, not xbrli:xbrl", file=name, code="xsd")]
    refs = root.findall(f"{{{ns.LINK}}}schemaRef")
    href = refs[0].get(f"{{{ns.XLINK}}}href", "") if refs else ""
    if href.startswith(("http://", "https://")):
        schema = _taxonomy_schema() if href == load_catalogue().regime.entry_point_url else _schema_for(href)
    else:
        local = (path.parent / href).resolve()
        if not href or not local.is_file():
            return [Finding(f"the schema '{href}' the instance refers to is not beside it", file=name,
                            code="xsd", fix="keep the extension schema next to the instance")]
        schema = xmlschema.XMLSchema(str(local), uri_mapper=_map_uri, allow="local")
    findings = []
    for error in schema.iter_errors(document):
        line = getattr(error.elem, "sourceline", None) if error.elem is not None else None
        findings.append(Finding(f"XML Schema: {error.reason}", file=name, line=line, code="xsd"))
    return findings
