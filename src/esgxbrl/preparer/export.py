"""Export a report file to its published documents, atomically: all of them or none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from esgxbrl.catalogue import LANGUAGES
from esgxbrl.emit.ixbrl import ixbrl_bytes
from esgxbrl.emit.jsonld import jsonld_bytes
from esgxbrl.emit.oim import oim_json_bytes
from esgxbrl.emit.xbrl import extension_schema_bytes, instance_bytes
from esgxbrl.errors import EsgxbrlError
from esgxbrl.model.loaded import LoadedReport
from esgxbrl.preparer.all_or_none import write_all_or_none
from esgxbrl.preparer.load import load_report

FORMATS = ("xbrl", "html", "json", "jsonld")


@dataclass(frozen=True)
class Output:
    path: Path
    kind: str
    size: int


def render(loaded: LoadedReport, stem: str, formats: tuple[str, ...] = FORMATS,
           lang: str | None = None) -> dict[str, tuple[str, bytes]]:
    """Every output as file name -> (kind, bytes); nothing is written."""
    facts = loaded.facts
    files: dict[str, tuple[str, bytes]] = {}
    if facts.extension is not None:
        files[facts.extension.schema_file] = ("extension schema",
                                              extension_schema_bytes(facts, loaded.catalogue))
    emitters: dict[str, tuple[str, str, Callable[[], bytes]]] = {
        "xbrl": (f"{stem}.xbrl", "XBRL instance", lambda: instance_bytes(facts)),
        "html": (f"{stem}.html", "Inline XBRL report", lambda: ixbrl_bytes(loaded, lang)),
        "json": (f"{stem}.json", "xBRL-JSON", lambda: oim_json_bytes(facts)),
        "jsonld": (f"{stem}.jsonld", "JSON-LD", lambda: jsonld_bytes(facts, loaded.catalogue)),
    }
    for fmt in formats:
        name, kind, emit = emitters[fmt]
        files[name] = (kind, emit())
    return files


def write_atomically(directory: Path, files: dict[str, tuple[str, bytes]]) -> list[Output]:
    """Write every file as one set: a crash leaves the previous set or this one (see all_or_none)."""
    paths = write_all_or_none(directory, {name: content for name, (_, content) in files.items()})
    return [Output(path, kind, len(content)) for path, (kind, content) in zip(paths, files.values(), strict=True)]


def export(report_file: str | Path, out_dir: str | Path | None = None,
           formats: tuple[str, ...] = FORMATS, lang: str | None = None) -> list[Output]:
    """Validate a report file and write the chosen documents (all by default); `lang` labels the report page."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise EsgxbrlError(f"unknown format {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    if lang is not None and lang not in LANGUAGES:
        raise EsgxbrlError(f"no labels in '{lang}'; choose from {', '.join(LANGUAGES)}")
    path = Path(report_file)
    loaded = load_report(path)
    directory = Path(out_dir) if out_dir is not None else path.parent
    return write_atomically(directory, render(loaded, path.stem, formats, lang))
