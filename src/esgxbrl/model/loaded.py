"""A report that loaded cleanly: its model, its fact set, and where each fact was written."""

from __future__ import annotations

from dataclasses import dataclass, field

from esgxbrl.catalogue import Catalogue
from esgxbrl.errors import Finding
from esgxbrl.model.facts import FactSet
from esgxbrl.model.report import Report
from esgxbrl.model.source import Path_, Source

#: the prefix of the issuer's extension schema
EXTENSION_PREFIX = "issuer"


@dataclass
class LoadedReport:
    """A valid report with where each of its facts came from."""

    report: Report
    source: Source
    catalogue: Catalogue
    facts: FactSet
    origins: dict[str, Path_] = field(default_factory=dict)   # fact id -> path in the YAML
    findings: list[Finding] = field(default_factory=list)     # warnings and info

    def line_of(self, fact_id: str) -> int | None:
        path = self.origins.get(fact_id)
        return self.source.position(path)[0] if path else None
