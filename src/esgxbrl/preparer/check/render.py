"""A check's result for people (a table that lines up with Chinese text, then the findings) and as JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from esgxbrl.catalogue.crosswalk import GRI, IFRS_S2, Reference
from esgxbrl.errors import Finding
from esgxbrl.preparer.check.result import CheckReport, ProvisionResult
from esgxbrl.preparer.check.text import clip, text_width


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table whose columns line up with Chinese text too (wide characters count twice)."""
    widths = [max([text_width(h), *(text_width(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - text_width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def summary_line(report: CheckReport) -> str:
    s = report.statuses()
    errors = report.count("error")
    verdict = (f"{_plural(errors, 'error')} {'blocks' if errors == 1 else 'block'} publication" if errors
               else "nothing blocks publication")
    return (f"{len(report.provisions)} provisions: {s['disclosed']} disclosed, {s['not-applicable']} not applicable, "
            f"{s['not-disclosed']} not disclosed, {s['missing']} missing"
            + (f", {s['outside-excerpt']} outside the excerpt" if s["outside-excerpt"] else "")
            + (f", {s['unknown']} unreadable" if s["unknown"] else "")
            + f"; {_plural(errors, 'error')}, {_plural(report.count('warning'), 'warning')}, "
            f"{report.count('info')} info: {verdict}")


def render_text(report: CheckReport) -> str:
    rows = [[p.id, _status_text(p), _finding_counts(p.findings), _references_text(p.references, GRI),
             _references_text(p.references, IFRS_S2)] for p in report.provisions]
    headers = ["Provision", "Status", "Findings", "GRI", "IFRS S2"]
    if any(p.part == "D" for p in report.provisions):
        # under the Code the obligation depends on the issuer and the year, and Part D admits reliefs
        headers[2:2] = ["Obligation", "Reliefs"]
        for row, p in zip(rows, report.provisions, strict=True):
            row[2:2] = [p.obligation, ", ".join(p.reliefs) or "-"]
    parts = [f"{report.file}", "", text_table(headers, rows)]
    if report.findings:
        parts += ["", "Findings:"]
        parts += [f.render() for f in report.findings]
    parts += ["", summary_line(report)]
    return "\n".join(parts) + "\n"


def render_json(report: CheckReport) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"


def _finding_counts(findings: Sequence[Finding]) -> str:
    parts = [_plural(n, s) for s in ("error", "warning", "info")
             if (n := sum(1 for f in findings if f.severity == s))]
    return ", ".join(parts) or "-"


def _status_text(provision: ProvisionResult) -> str:
    label = provision.status.replace("-", " ")
    if provision.explanation and provision.status in ("not-applicable", "not-disclosed"):
        return f"{label}: {clip(provision.explanation, 28)}"
    return label


def _references_text(references: Sequence[Reference], framework: str) -> str:
    return ", ".join(r.number for r in references if r.framework == framework) or "-"
