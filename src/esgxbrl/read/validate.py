"""Offline validation of a published document: well-formedness, XML Schema, and the guide's arithmetic."""

from __future__ import annotations

from pathlib import Path

from esgxbrl.catalogue import load_catalogue
from esgxbrl.errors import Finding
from esgxbrl.model.arithmetic import fact_set_findings
from esgxbrl.read import read
from esgxbrl.read.xsd import validate_instance


def validate_published(path: Path) -> tuple[list[Finding], int]:
    """Blocking findings and the number of facts. Raises ReadError for unreadable or hostile files."""
    facts = read(path)  # hardened: no network, no DTDs, size and depth limits
    findings: list[Finding] = []
    if path.suffix.lower() in (".xbrl", ".xml"):
        findings += validate_instance(path)
    findings += [f for f in fact_set_findings(facts, load_catalogue(), str(path)) if f.severity == "error"]
    return findings, len(facts.facts)
