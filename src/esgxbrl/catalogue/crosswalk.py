"""Which GRI disclosures and IFRS S2 paragraphs correspond to each C2 provision (reference data).

The data lives in catalogue/crosswalk-<version>.yaml beside the C2 catalogue. It is checked
against the catalogue when loaded: every provision id and concept name must exist, and every
number used must be listed with its title, so a typo cannot slip into the taxonomy's references.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from esgxbrl.catalogue import (
    DEFAULT_VERSION,
    Catalogue,
    CatalogueError,
    Concept,
    load_catalogue,
    read_catalogue_file,
)

GRI = "GRI"
IFRS_S2 = "IFRS S2"


@dataclass(frozen=True)
class Reference:
    """One disclosure of another standard: GRI 305-1, or IFRS S2 paragraph 29(a)(i)(1)."""

    framework: str            # "GRI" or "IFRS S2"
    number: str               # "305-1" or "29(a)(i)(1)"
    title: str
    uri: str

    @property
    def label(self) -> str:
        return f"{self.framework} {self.number}"

    def as_dict(self) -> dict[str, str]:
        """The reference as parts named like the XBRL reference parts (ref:Name, ref:Number, ...).

        GRI: name "GRI", number "305-1". IFRS S2: name "IFRS", number "S2", paragraph "29",
        subparagraph "(a)(i)(1)". `title` says what the disclosure asks (for ref:Note).
        """
        if self.framework == GRI:
            parts = {"name": "GRI", "number": self.number}
        else:
            paragraph, _, rest = self.number.partition("(")
            parts = {"name": "IFRS", "number": "S2", "paragraph": paragraph}
            if rest:
                parts["subparagraph"] = "(" + rest
        parts["title"] = self.title
        parts["uri"] = self.uri
        return parts


@dataclass(frozen=True)
class Crosswalk:
    provisions: Mapping[str, tuple[Reference, ...]]
    concepts: Mapping[str, tuple[Reference, ...]]

    def for_provision(self, provision_id: str) -> tuple[Reference, ...]:
        return self.provisions.get(provision_id, ())

    def for_concept(self, concept: Concept) -> tuple[Reference, ...]:
        """A figure's own references where the data gives them, else those of its provision."""
        if concept.name in self.concepts:
            return self.concepts[concept.name]
        return self.for_provision(concept.provision) if concept.provision else ()


class _Builder:
    def __init__(self, data: Any, catalogue: Catalogue, own: frozenset[str] | None = None) -> None:
        self.catalogue = catalogue
        # provisions a later version inherits from the crosswalk of a version it extends: one it
        # removed is then simply not crosswalked, rather than an error in the data (None: all own)
        self.own = own
        self.titles = {GRI: {str(k): str(v) for k, v in data["gri"].items()},
                       IFRS_S2: {str(k): str(v) for k, v in data["ifrs_s2"].items()}}
        self.uris = {name: str(source["uri"]) for name, source in data["sources"].items()}
        self.problems: list[str] = []

    def inherited(self, provision_id: str) -> bool:
        return self.own is not None and provision_id not in self.own

    def references(self, where: str, entry: Mapping[str, Any]) -> tuple[Reference, ...]:
        found: list[Reference] = []
        for key, framework in (("gri", GRI), ("ifrs_s2", IFRS_S2)):
            for number in entry.get(key) or ():
                title = self.titles[framework].get(str(number))
                if title is None:
                    self.problems.append(f"{where}: {framework} {number} is not listed with its title")
                    continue
                found.append(Reference(framework, str(number), title, self.uris[framework]))
        return tuple(found)

    def build(self, data: Any) -> Crosswalk:
        provisions: dict[str, tuple[Reference, ...]] = {}
        concepts: dict[str, tuple[Reference, ...]] = {}
        for provision_id, entry in (data.get("provisions") or {}).items():
            if not self.catalogue.has_provision(provision_id):
                if not self.inherited(provision_id):
                    self.problems.append(f"unknown provision {provision_id}")
                continue
            provisions[provision_id] = self.references(provision_id, entry)
            for name, concept_entry in (entry.get("concepts") or {}).items():
                if not self.catalogue.has_concept(name) or self.catalogue.concept(name).provision != provision_id:
                    if not self.inherited(provision_id):
                        self.problems.append(f"{provision_id}: {name} is not a concept of this provision")
                    continue
                concepts[name] = self.references(f"{provision_id} {name}", concept_entry or {})
        if self.problems:
            raise CatalogueError("crosswalk: " + "; ".join(self.problems))
        return Crosswalk(provisions, concepts)


def _merged(files: list[Any]) -> tuple[Any, frozenset[str]]:
    """The crosswalk files of a lineage, oldest first, as one: a later file's entries win.

    Also returns the provisions the newest file lists itself."""
    merged: dict[str, Any] = {"sources": {}, "gri": {}, "ifrs_s2": {}, "provisions": {}}
    for data in files:
        for section in merged:
            merged[section].update(data.get(section) or {})
    return merged, frozenset((files[-1].get("provisions") or {}).keys())


_CROSSWALKS: dict[tuple[tuple[str, ...], Path | None], Crosswalk] = {}


def crosswalk_of(catalogue: Catalogue) -> Crosswalk:
    """The crosswalk of a catalogue: its version's own file merged over those of the versions it extends."""
    key = (catalogue.lineage, catalogue.directory)
    if key not in _CROSSWALKS:
        crosswalk = Crosswalk({}, {})
        files = [data for version in reversed(catalogue.lineage)
                 if (data := read_catalogue_file(f"crosswalk-{version}.yaml", catalogue.directory)) is not None]
        if files:
            data, own = _merged(files)
            newest_is_own = read_catalogue_file(f"crosswalk-{catalogue.regime.version}.yaml",
                                                catalogue.directory) is not None
            crosswalk = _Builder(data, catalogue, own if newest_is_own else frozenset()).build(data)
        _CROSSWALKS[key] = crosswalk
    return _CROSSWALKS[key]


def load_crosswalk(version: str = DEFAULT_VERSION) -> Crosswalk:
    """The crosswalk of one version of the guide, checked against its catalogue (cached)."""
    return crosswalk_of(load_catalogue(version))


def crosswalk_references(catalogue: Catalogue) -> dict[str, list[dict[str, str]]]:
    """Concept name -> its GRI and IFRS S2 references, for the taxonomy's reference linkbase.

    Every concept of a provision with references gets them (text blocks and figures alike);
    a figure with finer references in the data gets only those. Concepts without any are left
    out. Keys of each reference: name, number, paragraph/subparagraph (IFRS S2), title, uri.
    """
    crosswalk = crosswalk_of(catalogue)
    result: dict[str, list[dict[str, str]]] = {}
    for concept in catalogue.concepts:
        references = crosswalk.for_concept(concept)
        if references:
            result[concept.name] = [r.as_dict() for r in references]
    return result
