"""Run every check on a gathered report and assemble the result; the checks that need no module of their own.

Beyond those of loading (shape, units, members) and of esgxbrl.model.arithmetic (sums, breakdowns,
intensities): every provision is in the file, mandatory disclosures are disclosed, figures lie
in range, a disclosed provision says something, a rate states what it is a rate of, every note
defined is used.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from esgxbrl.catalogue import Provision
from esgxbrl.errors import Finding
from esgxbrl.model.arithmetic import fact_set_findings
from esgxbrl.model.facts import Fact, FactSet
from esgxbrl.model.report import Report
from esgxbrl.model.source import Where
from esgxbrl.preparer.check.applicability import not_applicable_claims
from esgxbrl.preparer.check.averages import weighted_averages
from esgxbrl.preparer.check.context import CheckContext
from esgxbrl.preparer.check.gather import Gathered, gather, gather_facts
from esgxbrl.preparer.check.result import CheckReport, check_report
from esgxbrl.preparer.check.states import provision_path
from esgxbrl.preparer.check.text import local_name, show


def check_gathered(gathered: Gathered) -> CheckReport:
    ctx = CheckContext(gathered)
    _run(ctx)
    obligations: dict[str, str] = {p.id: gathered.obligation(p) for p in ctx.catalogue.provisions}
    return check_report(gathered.file, gathered.kind, ctx.catalogue, ctx.states,
                        _voluntary_as_notices(ctx.findings, obligations), obligations)


def _voluntary_as_notices(findings: list[Finding], obligations: dict[str, str]) -> list[Finding]:
    """What a voluntary provision lacks is reported, never an error or a warning."""
    return [dataclasses.replace(f, severity="info") if obligations.get(f.provision or "") == "voluntary"
            and f.severity != "info" else f for f in findings]


def check_file(path: str | Path) -> CheckReport:
    """Every provision's status and every finding of a report file (YAML) or published instance."""
    return check_gathered(gather(path))


def check_facts(facts: FactSet, name: str = "<instance>") -> CheckReport:
    return check_gathered(gather_facts(facts, name))


def _run(ctx: CheckContext) -> None:
    coverage(ctx)
    excerpt_scope(ctx)
    if ctx.g.facts is None:
        return
    arithmetic(ctx, ctx.g.facts)
    weighted_averages(ctx)
    ranges(ctx)
    not_applicable_claims(ctx)
    substance(ctx)
    unchecked_intensities(ctx)
    if ctx.g.report is not None:
        rate_denominators(ctx, ctx.g.report)
        unused_notes(ctx, ctx.g.report)


def coverage(ctx: CheckContext) -> None:
    """Every provision is in the file (the guide requires comply or explain for each); Part B is disclosed."""
    provisions = ctx.catalogue.provisions
    present = [p.id for p in provisions if ctx.states[p.id].status != "missing"]
    for index, provision in enumerate(provisions):
        state = ctx.states[provision.id]
        if state.status == "missing":
            before = next((p.id for p in reversed(provisions[:index]) if p.id in present), None)
            after = next((p.id for p in provisions[index + 1:] if p.id in present), None)
            where = " between " + " and ".join(x for x in (before, after) if x) if before or after else ""
            # a YAML file places it under `provisions:`; a workbook at the provision's empty status cell
            ctx.add(("provisions", provision.id), f"{provision.id} ({provision.title.get('en', '')}) is not in the "
                    "file: the guide requires every provision to be disclosed or explained",
                    f"add `{provision.id}:` under provisions{where}, with status: disclosed and the "
                    "disclosure, or status: not-applicable / not-disclosed and an explanation",
                    provision.id, "error", "missing")
        elif state.status == "outside-excerpt":
            continue
        elif provision.kind == "mandatory" and state.status in ("not-applicable", "not-disclosed"):
            ctx.add(provision_path(provision.id, "status"),
                    f"{provision.id} is a mandatory disclosure (Part B of the guide); it cannot be "
                    f"'{state.status}'", "disclose it: mandatory disclosures admit no explanation instead",
                    provision.id, "error", "mandatory")
        elif provision.part == "D":
            _part_d_obligation(ctx, provision)


def excerpt_scope(ctx: CheckContext) -> None:
    """A file that carries part of a report says so once, with how many provisions lie outside it."""
    outside = [p.id for p in ctx.catalogue.provisions if ctx.states[p.id].status == "outside-excerpt"]
    if outside:
        ctx.add(("excerpt",), f"the file carries part of the report: {len(outside)} provisions are outside it "
                f"({outside[0]} … {outside[-1]}) and are not checked; it does not say whether the report "
                "discloses them", None, None, "info", "excerpt")


def _part_d_obligation(ctx: CheckContext, provision: Provision) -> None:
    """Scope 1 and 2 admit no explanation; the rest of Part D follows the issuer's tier and year."""
    state = ctx.states[provision.id]
    obligation = ctx.g.obligation(provision)
    if obligation != "mandatory":
        return
    who = ("every issuer" if provision.obligation == "all-issuers"
           else "a LargeCap issuer for a financial year from 2026")
    title = provision.title.get("en", "")
    if state.status == "not-disclosed" or (state.status == "not-applicable" and provision.obligation == "all-issuers"):
        ctx.add(provision_path(provision.id, "status"),
                f"{provision.id} ({title}) is mandatory for {who} under Part D of the Code; it cannot be "
                f"'{state.status}', whatever the explanation",
                "disclose it" + (" with its figure in tCO2e" if provision.quantitative else ""),
                provision.id, "error", "mandatory")
    elif state.status == "not-applicable":
        ctx.add(provision_path(provision.id, "status"),
                f"{provision.id} ({title}) is mandatory for {who}; it is declared not applicable",
                "check that the subject does not exist for the issuer; otherwise disclose it", provision.id,
                "warning", "mandatory-not-applicable")
    elif (state.status == "disclosed" and provision.obligation == "all-issuers" and provision.quantitative
          and not any(ctx.numeric.get(c.name) for c in ctx.catalogue.concepts_of(provision.id))):
        ctx.add(provision_path(provision.id, "status"),
                f"{provision.id} ({title}) is mandatory for every issuer and the file gives no figure for it",
                f"add the figure under `{provision.id}:` facts (for example "
                f"{_first_figure(ctx, provision)})",
                provision.id, "error", "mandatory-figure")


def _first_figure(ctx: CheckContext, provision: Provision) -> str:
    return next((c.name for c in ctx.catalogue.concepts_of(provision.id) if ctx.catalogue.is_figure(c)), provision.id)


def arithmetic(ctx: CheckContext, facts: FactSet) -> None:
    g = ctx.g

    def locate(fact: Fact) -> Where:
        return g.source.where(g.origins.get(fact.id, ())) if g.source is not None else (None, None, None)

    found = fact_set_findings(facts, ctx.catalogue, g.file, locate)
    # a figure rejected on loading makes its sum look wrong: report the cause, not the echo
    ctx.findings += [f for f in found if not (f.severity == "error" and f.provision in ctx.error_provisions)]


def ranges(ctx: CheckContext) -> None:
    """Percentages lie within 0-100 %, counts are whole, nothing is negative (for published instances)."""
    for name, facts in ctx.numeric.items():
        if not ctx.catalogue.has_concept(name):
            continue
        concept = ctx.catalogue.concept(name)
        for fact in facts:
            value = Decimal(fact.value or "0")
            if concept.type == "percent" and not Decimal(0) <= value <= Decimal(1):
                ctx.add_at_fact(fact, f"{name} is {show(value * 100)}%, outside 0-100%",
                                "check the figure as printed", concept.provision, "error", "range")
            if concept.type == "count" and value != value.to_integral_value():
                ctx.add_at_fact(fact, f"{name} is a count but {fact.value} is not a whole number",
                                "check the figure as printed", concept.provision, "error", "count")
            if value < 0:
                ctx.add_at_fact(fact, f"{name} is negative ({fact.value})", "check the sign as printed",
                                concept.provision, "error", "range")


def substance(ctx: CheckContext) -> None:
    """A disclosed provision says something (narrative or figures); a quantitative KPI has figures."""
    for provision in ctx.catalogue.provisions:
        state = ctx.states[provision.id]
        if state.status != "disclosed" or provision.id in ctx.error_provisions:
            continue
        path = provision_path(provision.id, "status")
        if state.figures == 0 and state.narratives == 0:
            ctx.add(path, f"{provision.id} is disclosed but gives neither narrative nor figures",
                    "add the disclosure, or set status: not-disclosed with an explanation", provision.id,
                    "warning", "empty")
        elif provision.quantitative and state.figures == 0:
            figures = ", ".join(c.name for c in ctx.catalogue.concepts_of(provision.id) if ctx.catalogue.is_figure(c))
            ctx.add(path, f"{provision.id} is a quantitative KPI disclosed without any figure ({figures})",
                    "add the figures the KPI asks for where the report prints them; otherwise the narrative "
                    "stands alone", provision.id, "info", "no-figures")


def unchecked_intensities(ctx: CheckContext) -> None:
    for name, facts in sorted(ctx.numeric.items()):
        if not ctx.catalogue.has_concept(name):
            continue
        concept = ctx.catalogue.concept(name)
        if not concept.is_intensity:
            continue
        for fact in facts:
            if fact.unit is None or len(fact.unit.denominator) != 1:
                continue
            standard = ctx.catalogue.denominator_of_measure(fact.unit.denominator[0])
            if standard is None or standard.concept is not None:
                continue  # recomputed (or reported as not checkable) with the report's arithmetic
            per = ", ".join(local_name(m) for m in fact.unit.denominator)
            ctx.add_at_fact(fact, f"{name} is per {per}; the report gives no figure for {per}, so the "
                            "intensity cannot be recomputed", "state the denominator's value in a methodology "
                            "note", concept.provision, "info", "intensity-unchecked")


def rate_denominators(ctx: CheckContext, report: Report) -> None:
    """A rate states what it is a rate of: a methodology note on the figure or on its provision."""
    rates = {c.name for c in ctx.catalogue.concepts if c.type == "percent" and "Rate" in c.name}
    for provision_id, entry in report.provisions.items():
        provision_notes = set(entry.notes)
        flagged: set[str] = set()
        for index, fact in enumerate(entry.facts):
            if fact.concept not in rates or fact.concept in flagged:
                continue
            kinds = {report.notes[n].kind for n in (*fact.notes, *provision_notes) if n in report.notes}
            if "methodology" in kinds:
                continue
            flagged.add(fact.concept)
            remark = " (a preparer's remark is attached)" if "source-remark" in kinds else ""
            ctx.add(provision_path(provision_id, "facts", index),
                    f"{fact.concept} {fact.value}{fact.unit or ''}: the report does not state what the rate is "
                    f"of (its denominator){remark}",
                    "attach a methodology note giving the formula (numerator ÷ denominator) to the figure or "
                    "the provision", provision_id, "warning", "rate-denominator")


def unused_notes(ctx: CheckContext, report: Report) -> None:
    used = {ref for entry in report.provisions.values() for ref in entry.notes}
    used |= {ref for entry in report.provisions.values() for fact in entry.facts for ref in fact.notes}
    used |= {ref for entry in report.denominators for value in entry.values for ref in value.notes}
    for note_id in report.notes:
        if note_id not in used:
            ctx.add(("notes", note_id), f"note '{note_id}' is defined but attached to no provision or figure",
                    "attach it with `notes: [" + note_id + "]` where it applies, or remove it", None, "info",
                    "unused-note")
