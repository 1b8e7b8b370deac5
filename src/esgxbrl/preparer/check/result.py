"""The outcome of a check: each provision's status and findings, and every finding in reading order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from esgxbrl.catalogue import Catalogue
from esgxbrl.catalogue.crosswalk import Reference, load_crosswalk
from esgxbrl.errors import Finding
from esgxbrl.preparer.check.states import ADDRESSED, STATUSES, ProvisionState, Status

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def severity_rank(severity: str) -> int:
    return SEVERITY_RANK.get(severity, 3)


@dataclass(frozen=True)
class ProvisionResult:
    id: str
    kind: str
    title: str
    title_zh: str
    status: Status
    explanation: str | None
    line: int | None
    figures: int
    narratives: int
    references: tuple[Reference, ...]
    findings: tuple[Finding, ...]
    part: str = "C"
    obligation: str = "comply-or-explain"
    reliefs: tuple[str, ...] = ()

    @property
    def addressed(self) -> bool:
        return self.status in ADDRESSED

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "kind": self.kind, "title": self.title, "title_zh_hant": self.title_zh,
            "status": self.status, "explanation": self.explanation, "line": self.line,
            "figures": self.figures, "narratives": self.narratives,
            "references": [{"framework": r.framework, "number": r.number, "title": r.title} for r in self.references],
            "findings": [f.as_dict() for f in self.findings],
            "part": self.part, "obligation": self.obligation, "reliefs": list(self.reliefs),
        }


@dataclass(frozen=True)
class CheckReport:
    file: str
    kind: str
    provisions: tuple[ProvisionResult, ...]
    findings: tuple[Finding, ...]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def blocking(self) -> bool:
        return self.count("error") > 0

    def statuses(self) -> dict[str, int]:
        counts = dict.fromkeys((*STATUSES, "missing", "outside-excerpt", "unknown"), 0)
        for provision in self.provisions:
            counts[provision.status] += 1
        return counts

    def summary(self) -> dict[str, object]:
        statuses = self.statuses()
        return {
            "provisions": len(self.provisions),
            "addressed": sum(1 for p in self.provisions if p.addressed),
            "disclosed": statuses["disclosed"], "not_applicable": statuses["not-applicable"],
            "not_disclosed": statuses["not-disclosed"], "missing": statuses["missing"],
            "outside_excerpt": statuses["outside-excerpt"],
            "unknown": statuses["unknown"],
            "errors": self.count("error"), "warnings": self.count("warning"), "info": self.count("info"),
            "blocking": self.blocking,
        }

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "kind": self.kind, "summary": self.summary(),
                "provisions": [p.as_dict() for p in self.provisions],
                "findings": [f.as_dict() for f in self.findings]}


def check_report(file: str, kind: str, catalogue: Catalogue, states: Mapping[str, ProvisionState],
                 findings: Iterable[Finding], obligations: Mapping[str, str] | None = None) -> CheckReport:
    """Findings once each, by line, then in the guide's order of provisions; each provision with its own."""
    order = {p.id: i for i, p in enumerate(catalogue.provisions)}
    unique = list(dict.fromkeys(findings))
    unique.sort(key=lambda f: (f.line if f.line is not None else 10**9, order.get(f.provision or "", 10**6),
                               severity_rank(f.severity), f.code, f.message))
    crosswalk = load_crosswalk(catalogue.regime.version)
    by_provision: dict[str, list[Finding]] = defaultdict(list)
    for finding in unique:
        if finding.provision:
            by_provision[finding.provision].append(finding)
    provisions = tuple(
        ProvisionResult(p.id, p.kind, p.title.get("en", p.id), p.title.get("zh-Hant", ""),
                        states[p.id].status, states[p.id].explanation, states[p.id].line,
                        states[p.id].figures, states[p.id].narratives, crosswalk.for_provision(p.id),
                        tuple(by_provision.get(p.id, ())), p.part,
                        (obligations or {}).get(p.id, "mandatory" if p.kind == "mandatory" else "comply-or-explain"),
                        states[p.id].reliefs)
        for p in catalogue.provisions)
    return CheckReport(file, kind, provisions, tuple(unique))
