"""Everything generated from the catalogue, as files relative to the repository root.

`esgxbrl taxonomy build` writes them; `esgxbrl taxonomy build --check` (and the test suite) proves
the committed copies are current.
"""

from __future__ import annotations

from pathlib import Path

from esgxbrl.catalogue import GUIDES, Catalogue, load_catalogue
from esgxbrl.taxonomy.package import package_file_name, package_zip, taxonomy_files
from esgxbrl.taxonomy.reference_page import reference_page


def generated_files(catalogue: Catalogue | None = None) -> dict[str, bytes]:
    """Every generated file, keyed by its path relative to the repository root: those of every
    version of the rulebook, or of `catalogue` alone."""
    catalogues = [catalogue] if catalogue else [load_catalogue(v) for v in sorted(set(GUIDES.values()))]
    files: dict[str, bytes] = {}
    for each in catalogues:
        files.update(_version_files(each))
    files["taxonomy/README.md"] = "\n".join(reference_page(each) for each in catalogues).encode("utf-8")
    from esgxbrl.emit.jsonld import context_document_bytes

    files["schemas/esgxbrl-context.jsonld"] = context_document_bytes()
    return dict(sorted(files.items()))


def _version_files(catalogue: Catalogue) -> dict[str, bytes]:
    top = catalogue.regime.package_name
    files: dict[str, bytes] = {f"taxonomy/{top}/{path}": content
                               for path, content in taxonomy_files(catalogue).items()}
    archive = package_zip(catalogue)
    files[f"taxonomy/{package_file_name(catalogue)}"] = archive
    files[f"src/esgxbrl/data/{package_file_name(catalogue)}"] = archive
    # the JSON Schema of the report file is derived from the same catalogue
    from esgxbrl.preparer.report_schema import report_schema_bytes, report_schema_file

    files[f"schemas/{report_schema_file(catalogue)}"] = report_schema_bytes(catalogue)
    return files


def write_generated(root: Path) -> list[str]:
    """Write every generated file under `root`; return the paths that changed."""
    changed = []
    for relative, content in generated_files().items():
        path = root / relative
        if path.exists() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(content)
        temporary.replace(path)
        changed.append(relative)
    return changed


def stale_files(root: Path) -> list[str]:
    """Generated files missing under `root` or different from a fresh build."""
    return [relative for relative, content in generated_files().items()
            if not (root / relative).exists() or (root / relative).read_bytes() != content]
