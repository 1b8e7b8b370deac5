"""The preparer's check before publishing: every C2 provision's status, and every finding.

`check_file(path)` never raises for a bad report: a report with hard errors (which `load_report`
refuses) still gets its full list of provisions and findings, so the ESG team sees everything at
once. A finding with severity "error" blocks publication; "warning" asks for a look; "info"
records a known, acceptable rough edge (a rounding difference, an unused note).

The checks, beyond those of loading (shape, units, members) and of esgxbrl.rules (sums,
breakdowns, intensities):
- every provision of the guide is in the file (C2 requires comply or explain for each);
- mandatory disclosures (Part B) are disclosed;
- weighted averages agree with their parts where the weights are reported (average training
  hours by gender or category, weighted by the headcounts of the same members);
- percentages lie within 0-100 % and counts are whole (for published instances);
- a not-applicable claim is not contradicted: no figures, no preparer's remark attached, no other
  narrative of the report mentioning the subject;
- a rate states what it is a rate of (a methodology note on the figure or the provision);
- a disclosed provision says something (narrative or figures), a quantitative KPI has figures;
- every note defined is used.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from esgxbrl.catalogue import Catalogue, Provision, load_catalogue
from esgxbrl.crosswalk import GRI, IFRS_S2, Reference, load_crosswalk
from esgxbrl.errors import Finding, InputInvalid
from esgxbrl.facts import Fact, FactSet, Period
from esgxbrl.model import Report
from esgxbrl.report_facts import collect_source
from esgxbrl.rules import Interval, arithmetic_findings
from esgxbrl.source import Path_, Source, load_source

if TYPE_CHECKING:
    from esgxbrl.report_facts import LoadedReport

Status = Literal["disclosed", "not-applicable", "not-disclosed", "missing", "unknown"]
STATUSES: tuple[str, ...] = ("disclosed", "not-applicable", "not-disclosed")
ADDRESSED = frozenset(STATUSES)
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
INSTANCE_SUFFIXES = frozenset({".xbrl", ".xml", ".json", ".jsonld", ".html", ".xhtml", ".htm"})

#: averages whose parts, weighted by the headcount of the same members, give the total
WEIGHTED_AVERAGES = {"AverageTrainingHoursPerEmployee": "NumberOfEmployees",
                     "PercentageOfEmployeesTrained": "NumberOfEmployees"}

#: words that name the subject of a provision an issuer often declares not applicable; a narrative
#: elsewhere in the report that uses them (not negated) contradicts the claim
SUBJECT_TERMS: dict[str, tuple[str, ...]] = {
    "A1.1": ("廢氣", "废气", "氮氧化物", "硫氧化物", "air emissions", "air pollutant"),
    "A1.3": ("有害廢棄物", "危險廢棄物", "有害废弃物", "危险废弃物", "hazardous waste"),
    "A1.4": ("無害廢棄物", "无害废弃物", "non-hazardous waste"),
    "A2.2": ("耗水", "用水量", "water consumption"),
    "A2.5": ("包裝材料", "包装材料", "packaging material"),
    "B6.1": ("產品召回", "产品召回", "product recall"),
    "B6.4": ("產品回收", "产品回收", "產品召回", "产品召回", "product recall"),
}
_NEGATIONS = ("不涉及", "不存在", "並無", "并无", "沒有", "没有", "無任何", "无任何", "不產生", "不产生", "未產生",
              "未产生", "no ", "not ", "without ")


def _rank(severity: str) -> int:
    return SEVERITY_RANK.get(severity, 3)


# --- reading without raising --------------------------------------------------------------------

@dataclass
class Gathered:
    """Everything that could be read from a report file or instance, errors included."""

    file: str
    kind: Literal["yaml", "instance"]
    catalogue: Catalogue
    source: Source | None = None
    report: Report | None = None
    facts: FactSet | None = None
    origins: dict[str, Path_] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def line_of(self, fact_id: str) -> int | None:
        path = self.origins.get(fact_id)
        if path is None or self.source is None:
            return None
        return self.source.position(path)[0]

    def position(self, path: Path_) -> tuple[int | None, int | None]:
        return self.source.position(path) if self.source is not None else (None, None)

    def finding(self, path: Path_, message: str, fix: str | None, provision: str | None, severity: str,
                code: str) -> Finding:
        line, column = self.position(path)
        return Finding(message, self.file, line, column, provision, fix, severity, code)  # type: ignore[arg-type]

    @property
    def period(self) -> Period | None:
        """The reporting period: the report's, or the one most facts of an instance use."""
        if self.report is not None:
            return Period(self.report.period.end, self.report.period.start)
        if self.facts is None:
            return None
        counts: dict[Period, int] = defaultdict(int)
        for fact in self.facts.facts:
            if fact.period.start is not None:
                counts[fact.period] += 1
        return max(sorted(counts), key=lambda p: counts[p]) if counts else None


def gather(path: str | Path) -> Gathered:
    """Read a report file (YAML) or a published instance, collecting every problem instead of raising."""
    path = Path(path)
    if path.suffix.lower() in INSTANCE_SUFFIXES:
        return _gather_instance(path)
    return gather_source_file(path)


def gather_source_file(path: Path) -> Gathered:
    catalogue = load_catalogue()
    try:
        source = load_source(path)
    except InputInvalid as exc:
        return Gathered(str(path), "yaml", catalogue, findings=list(exc.findings))
    return gather_source(source)


def gather_source(source: Source) -> Gathered:
    """Shape, facts and every finding of loading, even when `compile_source` would refuse the file."""
    loaded, findings = collect_source(source)
    if loaded is None:
        return Gathered(source.file, "yaml", load_catalogue(), source=source, findings=findings)
    return Gathered(source.file, "yaml", loaded.catalogue, source, loaded.report, loaded.facts,
                    dict(loaded.origins), findings)


def _gather_instance(path: Path) -> Gathered:
    from esgxbrl.errors import EsgxbrlError
    from esgxbrl.read import read

    try:
        facts = read(path)
    except EsgxbrlError as exc:
        return Gathered(str(path), "instance", load_catalogue(), findings=[Finding(str(exc), str(path), code="read")])
    return gather_facts(facts, str(path))


def gather_facts(facts: FactSet, name: str = "<instance>") -> Gathered:
    """A fact set read from a published instance (no YAML positions, no notes' kinds)."""
    return Gathered(name, "instance", load_catalogue(), facts=facts)


# --- the result ---------------------------------------------------------------------------------

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
        counts = dict.fromkeys((*STATUSES, "missing", "unknown"), 0)
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
            "unknown": statuses["unknown"],
            "errors": self.count("error"), "warnings": self.count("warning"), "info": self.count("info"),
            "blocking": self.blocking,
        }

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "kind": self.kind, "summary": self.summary(),
                "provisions": [p.as_dict() for p in self.provisions],
                "findings": [f.as_dict() for f in self.findings]}


# --- the checks ---------------------------------------------------------------------------------

@dataclass
class _ProvisionState:
    status: Status
    explanation: str | None = None
    line: int | None = None
    figures: int = 0
    narratives: int = 0


@dataclass(frozen=True)
class Narrative:
    """One narrative text of a report, with the provision it belongs to and where it is."""

    provision: str
    concept: str
    text: str
    line: int | None


def _local(qname: str) -> str:
    return qname.split(":", 1)[-1]


def _plain(text: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", text))


def _first_text(texts: dict[str, str] | None, language: str) -> str | None:
    if not texts:
        return None
    return texts.get(language) or texts[sorted(texts)[0]]


def _show(value: Decimal, places: int | None = None) -> str:
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-max(places, 0)))
    exponent = value.as_tuple().exponent
    digits = max(0, -exponent) if isinstance(exponent, int) else 0
    return f"{value:,.{digits}f}"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    out, used = "", 0
    for char in text:
        w = _char_width(char)
        if used + w > width - 1:
            return out + "…"
        out += char
        used += w
    return out


def _char_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class _Checker:
    def __init__(self, gathered: Gathered) -> None:
        self.g = gathered
        self.catalogue = gathered.catalogue
        self.findings: list[Finding] = list(gathered.findings)
        self.facts: tuple[Fact, ...] = gathered.facts.facts if gathered.facts else ()
        self.numeric: dict[str, list[Fact]] = defaultdict(list)
        for fact in self.facts:
            if fact.is_numeric and fact.value is not None:
                self.numeric[_local(fact.concept)].append(fact)
        self.language = gathered.report.language if gathered.report else (
            gathered.facts.document_language if gathered.facts else "en")
        self.states = self._states()
        self.error_provisions = {f.provision for f in self.findings if f.severity == "error" and f.provision}

    # --- where things are ---
    def add(self, path: Path_, message: str, fix: str | None, provision: str | None, severity: str,
            code: str) -> None:
        self.findings.append(self.g.finding(path, message, fix, provision, severity, code))

    def add_at_fact(self, fact: Fact, message: str, fix: str | None, provision: str | None, severity: str,
                    code: str) -> None:
        path = self.g.origins.get(fact.id, ())
        self.add(path, message, fix, provision, severity, code)

    def provision_path(self, provision_id: str, *rest: str | int) -> Path_:
        return ("provisions", provision_id, *rest)

    # --- statuses ---
    def _states(self) -> dict[str, _ProvisionState]:
        if self.g.report is not None:
            return self._states_from_report(self.g.report)
        if self.g.source is not None and isinstance(self.g.source.data, dict):
            return self._states_from_data(self.g.source.data)
        if self.g.facts is not None:
            return self._states_from_facts()
        return {p.id: _ProvisionState("unknown") for p in self.catalogue.provisions}

    def _states_from_report(self, report: Report) -> dict[str, _ProvisionState]:
        states: dict[str, _ProvisionState] = {}
        for provision in self.catalogue.provisions:
            entry = report.provisions.get(provision.id)
            if entry is None:
                states[provision.id] = _ProvisionState("missing")
                continue
            explanation = _first_text(entry.explanation, self.language)
            states[provision.id] = _ProvisionState(
                entry.status, explanation, self.g.position(self.provision_path(provision.id, "status"))[0],
                len(entry.facts), len(entry.narrative))
        return states

    def _states_from_data(self, data: dict[str, Any]) -> dict[str, _ProvisionState]:
        # The file does not have the shape of a report; show what can be seen of each provision.
        entries = data.get("provisions")
        states: dict[str, _ProvisionState] = {}
        for provision in self.catalogue.provisions:
            entry = entries.get(provision.id) if isinstance(entries, dict) else None
            if entry is None:
                states[provision.id] = _ProvisionState("missing" if isinstance(entries, dict) else "unknown")
                continue
            status = entry.get("status") if isinstance(entry, dict) else None
            line = self.g.position(self.provision_path(provision.id))[0]
            states[provision.id] = _ProvisionState(status if status in ADDRESSED else "unknown", None, line)
        return states

    def _states_from_facts(self) -> dict[str, _ProvisionState]:
        by_member = {p.member: p.id for p in self.catalogue.provisions}
        states = {p.id: _ProvisionState("missing") for p in self.catalogue.provisions}
        status_by_member = {"DisclosedMember": "disclosed", "NotApplicableMember": "not-applicable",
                            "NotDisclosedMember": "not-disclosed"}
        explanations: dict[str, dict[str, str]] = defaultdict(dict)
        narrated: set[str] = set()
        for fact in self.facts:
            name = _local(fact.concept)
            dims = {_local(a): _local(m) for a, m in fact.dimensions}
            provision_id = by_member.get(dims.get("ProvisionAxis", ""))
            if name == "DisclosureStatus" and provision_id and fact.value:
                states[provision_id].status = cast(Status, status_by_member.get(fact.value.rsplit("#", 1)[-1],
                                                                                 "unknown"))
            elif name == "ExplanationForNotDisclosing" and provision_id and fact.value:
                explanations[provision_id][fact.language or ""] = _plain(fact.value).strip()
        for provision_id, texts in explanations.items():
            states[provision_id].explanation = _first_text(texts, self.language)
        for fact in self.facts:
            name = _local(fact.concept)
            concept = self.catalogue.concept(name) if self.catalogue.has_concept(name) else None
            if concept is None or concept.provision not in states:
                continue
            if concept.is_numeric:
                states[concept.provision].figures += 1
            elif concept.is_text_block and name not in narrated:
                narrated.add(name)
                states[concept.provision].narratives += 1
        return states

    # --- checks ---
    def run(self) -> None:
        self.coverage()
        if self.g.facts is None:
            return
        self.arithmetic()
        self.weighted_averages()
        self.ranges()
        self.not_applicable_claims()
        self.substance()
        self.unchecked_intensities()
        if self.g.report is not None:
            self.rate_denominators(self.g.report)
            self.unused_notes(self.g.report)

    def coverage(self) -> None:
        provisions = self.catalogue.provisions
        present = [p.id for p in provisions if self.states[p.id].status != "missing"]
        for index, provision in enumerate(provisions):
            state = self.states[provision.id]
            if state.status == "missing":
                before = next((p.id for p in reversed(provisions[:index]) if p.id in present), None)
                after = next((p.id for p in provisions[index + 1:] if p.id in present), None)
                where = " between " + " and ".join(x for x in (before, after) if x) if before or after else ""
                self.add(("provisions",), f"{provision.id} ({provision.title.get('en', '')}) is not in the file: "
                         "the guide requires every provision to be disclosed or explained",
                         f"add `{provision.id}:` under provisions{where}, with status: disclosed and the "
                         "disclosure, or status: not-applicable / not-disclosed and an explanation",
                         provision.id, "error", "missing")
            elif provision.kind == "mandatory" and state.status in ("not-applicable", "not-disclosed"):
                self.add(self.provision_path(provision.id, "status"),
                         f"{provision.id} is a mandatory disclosure (Part B of the guide); it cannot be "
                         f"'{state.status}'", "disclose it: mandatory disclosures admit no explanation instead",
                         provision.id, "error", "mandatory")

    def arithmetic(self) -> None:
        found = arithmetic_findings(self._loaded_view())
        # a figure rejected on loading makes its sum look wrong: report the cause, not the echo
        self.findings += [f for f in found if not (f.severity == "error" and f.provision in self.error_provisions)]

    def _loaded_view(self) -> LoadedReport:
        if self.g.report is not None and self.g.source is not None and self.g.facts is not None:
            from esgxbrl.report_facts import LoadedReport

            return LoadedReport(self.g.report, self.g.source, self.catalogue, self.g.facts, self.g.origins)
        # an instance: the arithmetic needs only facts, catalogue and positions (there are none)
        return cast("LoadedReport", _FactsView(self.g))

    def weighted_averages(self) -> None:
        for concept_name, weight_name in WEIGHTED_AVERAGES.items():
            if not self.catalogue.has_concept(concept_name):
                continue
            facts = self.numeric.get(concept_name, [])
            weights = self.numeric.get(weight_name, [])
            for total in (f for f in facts if not f.dimensions):
                self._weighted_average(concept_name, weight_name, total, facts, weights)

    def _weighted_average(self, concept_name: str, weight_name: str, total: Fact, facts: list[Fact],
                          weights: list[Fact]) -> None:
        heads = {w.dimensions: w for w in weights if w.period.end == total.period.end}
        weightings = [w for axis in sorted({a for f in facts for a, _ in f.dimensions})
                      if (w := _weighting(axis, total, facts, heads)) is not None]
        matching = [w for w in weightings if w.matches]
        concept = self.catalogue.concept(concept_name)
        scale = Decimal(100) if concept.type == "percent" else Decimal(1)
        places = (total.decimals or 0) - (2 if concept.type == "percent" else 0)
        for weighting in weightings:
            if weighting.matches:
                continue
            message = (f"{concept_name}: {weighting.describe(weight_name, scale, places)} "
                       f"({_show(weighting.value * scale, places + 2)}), but the total is printed "
                       f"{_show(Decimal(total.value or '0') * scale, places)}: not within the printed decimals")
            if matching:
                described = "; ".join(w.describe(weight_name, scale, places) for w in matching)
                message += f"; {described}, which matches: the total appears to be computed over that population"
            self.add_at_fact(total, message, "check which population the averages are computed over and state it "
                             "in a methodology note; correct a figure if one is wrong", concept.provision, "warning",
                             "weighted-average")

    def ranges(self) -> None:
        for name, facts in self.numeric.items():
            if not self.catalogue.has_concept(name):
                continue
            concept = self.catalogue.concept(name)
            for fact in facts:
                value = Decimal(fact.value or "0")
                if concept.type == "percent" and not Decimal(0) <= value <= Decimal(1):
                    self.add_at_fact(fact, f"{name} is {_show(value * 100)}%, outside 0-100%",
                                     "check the figure as printed", concept.provision, "error", "range")
                if concept.type == "count" and value != value.to_integral_value():
                    self.add_at_fact(fact, f"{name} is a count but {fact.value} is not a whole number",
                                     "check the figure as printed", concept.provision, "error", "count")
                if value < 0:
                    self.add_at_fact(fact, f"{name} is negative ({fact.value})", "check the sign as printed",
                                     concept.provision, "error", "range")

    def narratives(self) -> list[Narrative]:
        found: list[Narrative] = []
        if self.g.report is not None:
            for provision_id, entry in self.g.report.provisions.items():
                for concept_name, texts in entry.narrative.items():
                    for lang, text in sorted(texts.items()):
                        line = self.g.position(self.provision_path(provision_id, "narrative", concept_name, lang))[0]
                        found.append(Narrative(provision_id, concept_name, text, line))
            return found
        for fact in self.facts:
            name = _local(fact.concept)
            if not self.catalogue.has_concept(name) or fact.value is None:
                continue
            concept = self.catalogue.concept(name)
            if concept.is_text_block and concept.provision:
                found.append(Narrative(concept.provision, name, _plain(fact.value), None))
        return found

    def not_applicable_claims(self) -> None:
        narratives = self.narratives()
        for provision in self.catalogue.provisions:
            state = self.states[provision.id]
            if state.status != "not-applicable":
                continue
            status_path = self.provision_path(provision.id, "status")
            if self.g.report is None and state.figures:
                self.add(status_path, f"{provision.id} is declared not applicable but has {state.figures} figure(s)",
                         "remove the figures or set the status to disclosed", provision.id, "error",
                         "not-applicable-figures")
            self._remarks_on_claim(provision)
            self._mentions_elsewhere(provision, state, narratives)

    def _remarks_on_claim(self, provision: Provision) -> None:
        report = self.g.report
        if report is None or provision.id not in report.provisions:
            return
        for index, ref in enumerate(report.provisions[provision.id].notes):
            note = report.notes.get(ref)
            if note is not None and note.kind == "source-remark":
                self.add(self.provision_path(provision.id, "notes", index),
                         f"{provision.id} is declared not applicable, and the preparer's remark '{ref}' is attached "
                         f"to it: {_clip(_first_text(note.text, 'en') or '', 160)}",
                         "check whether the claim holds; if the subject exists, disclose it or explain why it is "
                         "immaterial", provision.id, "warning", "not-applicable-remark")

    def _mentions_elsewhere(self, provision: Provision, state: _ProvisionState, narratives: list[Narrative]) -> None:
        terms = SUBJECT_TERMS.get(provision.id, ())
        hits: dict[str, tuple[str, int | None]] = {}
        for narrative in narratives:
            if narrative.provision == provision.id:
                continue
            term = _mention(narrative.text, terms)
            if term and narrative.provision not in hits:
                hits[narrative.provision] = (term, narrative.line)
        if not hits:
            return
        where = "; ".join(f"{pid} ({'line ' + str(line) if line else 'narrative'}) mentions '{term}'"
                          for pid, (term, line) in hits.items())
        claim = f" ({_clip(state.explanation, 60)})" if state.explanation else ""
        self.add(self.provision_path(provision.id, "status"),
                 f"{provision.id} is declared not applicable{claim}, but {where}",
                 "check whether the claim holds; if the subject exists, disclose it (figures or narrative) or explain "
                 "why it is immaterial", provision.id, "warning", "not-applicable-contradicted")

    def substance(self) -> None:
        for provision in self.catalogue.provisions:
            state = self.states[provision.id]
            if state.status != "disclosed" or provision.id in self.error_provisions:
                continue
            path = self.provision_path(provision.id, "status")
            if state.figures == 0 and state.narratives == 0:
                self.add(path, f"{provision.id} is disclosed but gives neither narrative nor figures",
                         "add the disclosure, or set status: not-disclosed with an explanation", provision.id,
                         "warning", "empty")
            elif provision.quantitative and state.figures == 0:
                figures = ", ".join(c.name for c in self.catalogue.concepts_of(provision.id) if c.is_numeric)
                self.add(path, f"{provision.id} is a quantitative KPI disclosed without any figure ({figures})",
                         "add the figures the KPI asks for where the report prints them; otherwise the narrative "
                         "stands alone", provision.id, "info", "no-figures")

    def unchecked_intensities(self) -> None:
        for name, facts in sorted(self.numeric.items()):
            if not self.catalogue.has_concept(name):
                continue
            concept = self.catalogue.concept(name)
            if not concept.is_intensity:
                continue
            for fact in facts:
                if fact.unit is None or fact.unit.denominator == ("hkesg:Employee",):
                    continue
                per = ", ".join(_local(m) for m in fact.unit.denominator)
                self.add_at_fact(fact, f"{name} is per {per}; the report gives no figure for {per}, so the "
                                 "intensity cannot be recomputed", "state the denominator's value in a methodology "
                                 "note", concept.provision, "info", "intensity-unchecked")

    def rate_denominators(self, report: Report) -> None:
        rates = {c.name for c in self.catalogue.concepts if c.type == "percent" and "Rate" in c.name}
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
                self.add(self.provision_path(provision_id, "facts", index),
                         f"{fact.concept} {fact.value}{fact.unit or ''}: the report does not state what the rate is "
                         f"of (its denominator){remark}",
                         "attach a methodology note giving the formula (numerator ÷ denominator) to the figure or "
                         "the provision", provision_id, "warning", "rate-denominator")

    def unused_notes(self, report: Report) -> None:
        used = {ref for entry in report.provisions.values() for ref in entry.notes}
        used |= {ref for entry in report.provisions.values() for fact in entry.facts for ref in fact.notes}
        for note_id in report.notes:
            if note_id not in used:
                self.add(("notes", note_id), f"note '{note_id}' is defined but attached to no provision or figure",
                         "attach it with `notes: [" + note_id + "]` where it applies, or remove it", None, "info",
                         "unused-note")

    # --- the result ---
    def result(self) -> CheckReport:
        order = {p.id: i for i, p in enumerate(self.catalogue.provisions)}
        unique = list(dict.fromkeys(self.findings))
        unique.sort(key=lambda f: (f.line if f.line is not None else 10**9, order.get(f.provision or "", 10**6),
                                   _rank(f.severity), f.code, f.message))
        crosswalk = load_crosswalk(self.catalogue.regime.version)
        by_provision: dict[str, list[Finding]] = defaultdict(list)
        for finding in unique:
            if finding.provision:
                by_provision[finding.provision].append(finding)
        provisions = tuple(
            ProvisionResult(p.id, p.kind, p.title.get("en", p.id), p.title.get("zh-Hant", ""),
                            self.states[p.id].status, self.states[p.id].explanation, self.states[p.id].line,
                            self.states[p.id].figures, self.states[p.id].narratives, crosswalk.for_provision(p.id),
                            tuple(by_provision.get(p.id, ())))
            for p in self.catalogue.provisions)
        return CheckReport(self.g.file, self.g.kind, provisions, tuple(unique))


@dataclass
class _FactsView:
    """The part of LoadedReport the arithmetic rules use, for a fact set without a YAML source."""

    g: Gathered

    @property
    def facts(self) -> FactSet:
        assert self.g.facts is not None
        return self.g.facts

    @property
    def catalogue(self) -> Catalogue:
        return self.g.catalogue

    @property
    def origins(self) -> dict[str, Path_]:
        return {}

    @property
    def source(self) -> Source:
        return Source(self.g.file, None)

    def line_of(self, fact_id: str) -> int | None:
        return None


@dataclass(frozen=True)
class _Weighting:
    """The average of one breakdown's parts, weighted by the headcounts of the same members."""

    axis: str
    parts: tuple[Fact, ...]
    heads: tuple[Fact, ...]
    value: Decimal
    matches: bool          # within the printed decimals of the total

    def describe(self, weight_name: str, scale: Decimal, places: int) -> str:
        values = ", ".join(_show(Decimal(p.value or "0") * scale) for p in self.parts)
        heads = ", ".join(_show(Decimal(h.value or "0")) for h in self.heads)
        return (f"the averages by {self.axis} ({values}) weighted by {weight_name} ({heads}) give "
                f"{_show(self.value * scale, places)}")


def _weighting(axis: str, total: Fact, facts: list[Fact], heads: dict[tuple[tuple[str, str], ...], Fact]
               ) -> _Weighting | None:
    parts = tuple(f for f in facts if f.period == total.period and len(f.dimensions) == 1
                  and f.dimensions[0][0] == axis and f.unit == total.unit)
    if len(parts) < 2 or any(p.dimensions not in heads for p in parts):
        return None
    counts = tuple(heads[p.dimensions] for p in parts)
    weights = [Decimal(c.value or "0") for c in counts]
    n = sum(weights, Decimal(0))
    everyone = heads.get(())
    # parts that do not cover the whole workforce cannot be weighted into its average
    if n == 0 or (everyone is not None and Decimal(everyone.value or "0") != n):
        return None
    intervals = [Interval.of(p) for p in parts]
    low = sum((i.low * w for i, w in zip(intervals, weights, strict=True)), Decimal(0)) / n
    high = sum((i.high * w for i, w in zip(intervals, weights, strict=True)), Decimal(0)) / n
    value = sum((Decimal(p.value or "0") * w for p, w in zip(parts, weights, strict=True)), Decimal(0)) / n
    return _Weighting(_local(axis).removesuffix("Axis"), parts, counts, value,
                      Interval(low, high).overlaps(Interval.of(total)))


def _mention(text: str, terms: Iterable[str]) -> str | None:
    lowered = text.lower()
    for term in terms:
        start = 0
        while (index := lowered.find(term.lower(), start)) >= 0:
            before = lowered[max(0, index - 8):index]
            if not any(neg in before for neg in _NEGATIONS):
                return term
            start = index + 1
    return None


# --- entry points -------------------------------------------------------------------------------

def provision_statuses(gathered: Gathered) -> dict[str, str]:
    """Provision id -> disclosed / not-applicable / not-disclosed / missing (unknown if unreadable)."""
    return {pid: state.status for pid, state in _Checker(gathered).states.items()}


def narratives(gathered: Gathered) -> list[Narrative]:
    """Every narrative text of the report (every language), in file order."""
    return _Checker(gathered).narratives()


def check_gathered(gathered: Gathered) -> CheckReport:
    checker = _Checker(gathered)
    checker.run()
    return checker.result()


def check_file(path: str | Path) -> CheckReport:
    """Every provision's status and every finding of a report file (YAML) or published instance."""
    return check_gathered(gather(path))


def check_facts(facts: FactSet, name: str = "<instance>") -> CheckReport:
    return check_gathered(gather_facts(facts, name))


# --- presentation -------------------------------------------------------------------------------

def text_width(text: str) -> int:
    return sum(_char_width(c) for c in text)


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table whose columns line up with Chinese text too (wide characters count twice)."""
    widths = [max([text_width(h), *(text_width(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c + " " * (w - text_width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"


def _finding_counts(findings: Sequence[Finding]) -> str:
    parts = [_plural(n, s) for s in ("error", "warning", "info")
             if (n := sum(1 for f in findings if f.severity == s))]
    return ", ".join(parts) or "-"


def _status_text(provision: ProvisionResult) -> str:
    label = provision.status.replace("-", " ")
    if provision.explanation and provision.status in ("not-applicable", "not-disclosed"):
        return f"{label}: {_clip(provision.explanation, 28)}"
    return label


def _references_text(references: Sequence[Reference], framework: str) -> str:
    return ", ".join(r.number for r in references if r.framework == framework) or "-"


def summary_line(report: CheckReport) -> str:
    s = report.statuses()
    errors = report.count("error")
    verdict = (f"{_plural(errors, 'error')} {'blocks' if errors == 1 else 'block'} publication" if errors
               else "nothing blocks publication")
    return (f"{len(report.provisions)} provisions: {s['disclosed']} disclosed, {s['not-applicable']} not applicable, "
            f"{s['not-disclosed']} not disclosed, {s['missing']} missing"
            + (f", {s['unknown']} unreadable" if s["unknown"] else "")
            + f"; {_plural(report.count('error'), 'error')}, {_plural(report.count('warning'), 'warning')}, "
            f"{report.count('info')} info: {verdict}")


def render_text(report: CheckReport) -> str:
    rows = [[p.id, _status_text(p), _finding_counts(p.findings), _references_text(p.references, GRI),
             _references_text(p.references, IFRS_S2)] for p in report.provisions]
    parts = [f"{report.file}", "", text_table(["Provision", "Status", "Findings", "GRI", "IFRS S2"], rows)]
    if report.findings:
        parts += ["", "Findings:"]
        parts += [f.render() for f in report.findings]
    parts += ["", summary_line(report)]
    return "\n".join(parts) + "\n"


def render_json(report: CheckReport) -> str:
    import json

    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


__all__ = ["CheckReport", "Gathered", "Narrative", "ProvisionResult", "check_facts", "check_file", "check_gathered",
           "gather", "gather_facts", "gather_source", "narratives", "provision_statuses", "render_json", "render_text",
           "text_table"]
