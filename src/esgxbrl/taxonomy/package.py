"""Assemble the taxonomy files and the Taxonomy Package 1.0 zip, byte for byte reproducibly."""

from __future__ import annotations

import io
import zipfile
from importlib import resources
from pathlib import Path

from lxml import etree

from esgxbrl.catalogue import Catalogue, load_catalogue
from esgxbrl.taxonomy import formulas, linkbases
from esgxbrl.taxonomy.schema import build_schema, linkbase_file
from esgxbrl.xbrl import namespaces as ns
from esgxbrl.xbrl.xmlwrite import q, serialize, sub

#: zip entries carry this timestamp so the archive does not change with the clock
_ZIP_EPOCH = (2020, 7, 1, 0, 0, 0)


def version_folder(catalogue: Catalogue) -> str:
    return catalogue.regime.version


def taxonomy_files(catalogue: Catalogue) -> dict[str, bytes]:
    """Every file of the package, by its path inside the package's top-level folder."""
    folder = version_folder(catalogue)
    files = {
        f"{folder}/{catalogue.regime.entry_point}": build_schema(catalogue),
        f"{folder}/{linkbase_file(catalogue, 'lab-en')}": linkbases.label_linkbase(catalogue, "en"),
        f"{folder}/{linkbase_file(catalogue, 'lab-zh-Hant')}": linkbases.label_linkbase(catalogue, "zh-Hant"),
        f"{folder}/{linkbase_file(catalogue, 'lab-zh-Hans')}": linkbases.label_linkbase(catalogue, "zh-Hans"),
        f"{folder}/{linkbase_file(catalogue, 'ref')}": linkbases.reference_linkbase(catalogue),
        f"{folder}/{linkbase_file(catalogue, 'pre')}": linkbases.presentation_linkbase(catalogue),
        f"{folder}/{linkbase_file(catalogue, 'cal')}": linkbases.calculation_linkbase(catalogue),
        f"{folder}/{linkbase_file(catalogue, 'def')}": linkbases.definition_linkbase(catalogue),
        f"{folder}/{linkbase_file(catalogue, 'for')}": formulas.formula_linkbase(catalogue),
        "META-INF/taxonomyPackage.xml": _package_metadata(catalogue),
        "META-INF/catalog.xml": _catalog(catalogue),
    }
    return dict(sorted(files.items()))


def _package_metadata(catalogue: Catalogue) -> bytes:
    regime = catalogue.regime
    root = etree.Element(q(ns.TAXONOMY_PACKAGE, "taxonomyPackage"), nsmap={"tp": ns.TAXONOMY_PACKAGE})
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    sub(root, ns.TAXONOMY_PACKAGE, "identifier", text=regime.url_base.rstrip("/"))
    for lang in ("en", "zh-Hant", "zh-Hans"):
        name = sub(root, ns.TAXONOMY_PACKAGE, "name", text=_package_title(catalogue, lang))
        if lang != "en":
            name.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    sub(root, ns.TAXONOMY_PACKAGE, "description",
        text=f"XBRL taxonomy of the {regime.source['title']} ({regime.source['name']}, "
             f"{regime.source['number']}), version effective {regime.effective_from}.")
    sub(root, ns.TAXONOMY_PACKAGE, "version", text=regime.version)
    sub(root, ns.TAXONOMY_PACKAGE, "publisher", text=regime.publisher)
    sub(root, ns.TAXONOMY_PACKAGE, "publicationDate", text=regime.version)
    entry_points = sub(root, ns.TAXONOMY_PACKAGE, "entryPoints")
    entry = sub(entry_points, ns.TAXONOMY_PACKAGE, "entryPoint")
    sub(entry, ns.TAXONOMY_PACKAGE, "name", text=_package_title(catalogue, "en"))
    sub(entry, ns.TAXONOMY_PACKAGE, "entryPointDocument", {"href": regime.entry_point_url})
    return serialize(root)


def _package_title(catalogue: Catalogue, lang: str) -> str:
    titles = {
        "en": "HKEX ESG Reporting Guide (Appendix C2) {v}",
        "zh-Hant": "香港交易所《環境、社會及管治報告指引》（附錄C2）{v}",
        "zh-Hans": "香港交易所《环境、社会及管治报告指引》（附录C2）{v}",
    }
    if "Code" in catalogue.regime.source["title"]:
        titles = {
            "en": "HKEX ESG Reporting Code (Appendix C2) {v}",
            "zh-Hant": "香港交易所《環境、社會及管治報告守則》（附錄C2）{v}",
            "zh-Hans": "香港交易所《环境、社会及管治报告守则》（附录C2）{v}",
        }
    return titles[lang].format(v=catalogue.regime.version)


def _catalog(catalogue: Catalogue) -> bytes:
    root = etree.Element(q(ns.OASIS_CATALOG, "catalog"), nsmap={None: ns.OASIS_CATALOG})  # type: ignore[dict-item]
    sub(root, ns.OASIS_CATALOG, "rewriteURI",
        {"uriStartString": catalogue.regime.url_base, "rewritePrefix": f"../{version_folder(catalogue)}/"})
    return serialize(root)


def package_zip(catalogue: Catalogue) -> bytes:
    top = catalogue.regime.package_name
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, content in taxonomy_files(catalogue).items():
            info = zipfile.ZipInfo(f"{top}/{path}", date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def package_file_name(catalogue: Catalogue) -> str:
    return f"{catalogue.regime.package_name}.zip"


def installed_package_path(version: str | None = None) -> Path:
    """The taxonomy package zip shipped inside the installed esgxbrl."""
    catalogue = load_catalogue(version) if version else load_catalogue()
    return Path(str(resources.files("esgxbrl").joinpath("data", package_file_name(catalogue))))
