"""Load a report file, check it against the C2 catalogue, and turn it into a fact set.

Every problem found is collected (not just the first) and reported with its file, line, column,
provision and fix.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from esgxbrl.catalogue import GUIDES, Catalogue, Concept, Provision, load_catalogue
from esgxbrl.catalogue.entries import CANONICAL_MEASURES
from esgxbrl.catalogue.obligations import LARGECAP_MANDATORY_FROM, RELIEF_MEMBERS, Board, rulebook_for_year
from esgxbrl.errors import Finding, InputInvalid
from esgxbrl.model.arithmetic import fact_set_findings
from esgxbrl.model.facts import (
    Extension,
    ExtensionAxis,
    ExtensionConcept,
    ExtensionMember,
    Fact,
    FactSet,
    Footnote,
    Period,
    fact_id,
)
from esgxbrl.model.issuer_concepts import TEXT_TYPES, as_concept, type_samples
from esgxbrl.model.loaded import EXTENSION_PREFIX, LoadedReport
from esgxbrl.model.report import (
    CONSOLIDATION_CONCEPT,
    ENVIRONMENTAL_TARGET_AXIS,
    ENVIRONMENTAL_TARGET_KINDS,
    MEMBERS_LISTED_ELSEWHERE,
    TARGET_AXIS,
    TARGET_TEXTS,
    DenominatorEntry,
    DenominatorValue,
    FactEntry,
    IssuerConcept,
    ProvisionEntry,
    Report,
)
from esgxbrl.model.source import Path_, Source, Where
from esgxbrl.model.units import (
    DeclaredDenominator,
    UnitProblem,
    canonicalize,
    format_decimal,
    known_units,
    lookup_unit,
    quantity,
)
from esgxbrl.preparer.source import load_source, parse_source
from esgxbrl.xbrl import namespaces as ns


def load_report(path: str | Path) -> LoadedReport:
    """Read, validate and compile a report file; raise InputInvalid listing every error."""
    return compile_source(load_source(path))


def loads_report(text: str, name: str = "<input>") -> LoadedReport:
    return compile_source(parse_source(text, name))


def collect_source(source: Source) -> tuple[LoadedReport | None, list[Finding]]:
    """Everything a report file yields, with every finding (errors included), never raising.

    The arithmetic checks are left to the caller. `compile_source` refuses a file with errors;
    `esgxbrl check` uses this to report on such a file in full.
    """
    try:
        report = _validate_shape(source)
    except InputInvalid as exc:
        return None, list(exc.findings)
    catalogue = load_catalogue(GUIDES[report.guide])
    rulebook = _rulebook_findings(report, source, catalogue)
    if rulebook:
        return None, rulebook
    builder = _FactBuilder(report, source, catalogue)
    facts = builder.build()
    loaded = LoadedReport(report, source, catalogue, facts, builder.origins,
                          [f for f in builder.findings if f.severity != "error"])
    return loaded, list(builder.findings)


def compile_source(source: Source) -> LoadedReport:
    loaded, findings = collect_source(source)
    errors = [f for f in findings if f.severity == "error"]
    if loaded is None:
        raise InputInvalid(errors)
    if not errors:

        errors = [f for f in arithmetic_findings(loaded) if f.severity == "error"]
    if errors:
        raise InputInvalid(errors)
    return loaded


# --- shape -------------------------------------------------------------------------------------

_FIXES = {
    "missing": "add this key",
    "extra_forbidden": "remove this key or check its spelling against docs/yaml-format.md",
    "literal_error": "use one of the allowed values",
    "string_type": "write text here (quote it if YAML reads it as a number or date)",
    "int_type": "write a whole number here",
    "date_type": "write a date as YYYY-MM-DD",
    "dict_type": "write a mapping (key: value) here",
    "list_type": "write a list here",
    "string_pattern_mismatch": "see docs/yaml-format.md for the allowed form",
    "greater_than_equal": "use a larger number",
    "less_than_equal": "use a smaller number",
}


def _validate_shape(source: Source) -> Report:
    try:
        return Report.model_validate(source.data, strict=True)
    except ValidationError as exc:
        findings: list[Finding] = []
        seen: set[tuple[Path_, str]] = set()
        for error in exc.errors():
            path = tuple(p for p in error["loc"] if isinstance(p, str | int) and not _is_union_tag(p))
            key = (path, error["type"])
            if key in seen:
                continue
            seen.add(key)
            misreading = source.misreading(path, error["type"])
            if misreading is not None:
                if misreading not in findings:
                    findings.append(misreading)
                continue
            provision = str(path[1]) if len(path) > 1 and path[0] == "provisions" else None
            where = ".".join(str(p) for p in path) or "the file"
            findings.append(source.finding(path, f"{where}: {error['msg']}", _FIXES.get(error["type"]),
                                           provision, code="shape"))
        raise InputInvalid(findings) from None


def _is_union_tag(part: object) -> bool:
    return isinstance(part, str) and (part in {"int", "FactPeriod", "str"} or part.startswith("function-"))


# --- the rulebook follows the financial year ------------------------------------------------------

def _rulebook_findings(report: Report, source: Source, catalogue: Catalogue) -> list[Finding]:
    """The guide named in the file must be the one in force for its financial year."""
    in_force = rulebook_for_year([load_catalogue(v) for v in sorted(set(GUIDES.values()))], report.period.start)
    findings: list[Finding] = []
    if in_force.regime.version != catalogue.regime.version:
        wanted = next(k for k, v in GUIDES.items() if v == in_force.regime.version)
        start = report.period.start.isoformat()
        if in_force.regime.version > catalogue.regime.version:
            fix = (f"a report for this year follows the {in_force.regime.source['title']}: run `esgxbrl migrate "
                   f"{Path(source.file).name} --to {wanted} -o <new file>.yaml` and complete the new file")
        else:
            fix = f"use `guide: {wanted}` for a financial year starting before {catalogue.regime.effective_from}"
        findings.append(source.finding(
            ("guide",), f"guide {report.guide} ({catalogue.regime.source['title']}, in force for financial years "
                        f"from {catalogue.regime.effective_from}) does not apply to a financial year starting "
                        f"{start}", fix, code="guide-year"))
    if report.listing is None and any(p.part == "D" for p in catalogue.provisions):
        findings.append(source.finding(
            ("listing",), f"guide {report.guide} sets the obligation of Part D by where the issuer is listed, "
                          "and the file has no `listing:`",
            "add `listing: {board: main, largecap: false}` (board: main or gem; largecap: true for a constituent "
            "of the Hang Seng Composite LargeCap Index)", code="listing"))
    listing = report.listing
    if (listing is not None and listing.board == "main" and listing.largecap is None
            and report.period.start >= LARGECAP_MANDATORY_FROM and any(p.part == "D" for p in catalogue.provisions)):
        findings.append(source.finding(
            ("listing",), "the listing does not say whether the issuer is a LargeCap issuer, which from financial "
                          f"years starting {LARGECAP_MANDATORY_FROM.isoformat()} makes all of Part D mandatory",
            "add `largecap: true` for a constituent of the Hang Seng Composite LargeCap Index, else "
            "`largecap: false`", code="listing"))
    return findings


# --- facts -------------------------------------------------------------------------------------

class _FactBuilder:
    def __init__(self, report: Report, source: Source, catalogue: Catalogue) -> None:
        self.report = report
        self.source = source
        self.catalogue = catalogue
        self.prefix = catalogue.regime.prefix
        self.findings: list[Finding] = []
        self.facts: dict[str, Fact] = {}
        self.origins: dict[str, Path_] = {}
        self.footnotes: dict[str, Footnote] = {}
        self.extension_members: dict[str, dict[str, ExtensionMember]] = {}
        #: the issuer's own axes by their short name (BusinessSegment)
        self.issuer_axes: dict[str, ExtensionAxis] = {}
        #: names of `axes:` entries refused (reported once, there, not again at each figure using them)
        self.refused_axes: set[str] = set()
        self.section_ids = {s.id for s in report.report.sections}
        self.declared_denominators: tuple[DeclaredDenominator, ...] = ()
        #: the issuer's own concepts by name: as published, as the catalogue's Concept, and their provision
        self.issuer_concepts: dict[str, tuple[ExtensionConcept, Concept, str]] = {}
        #: names of `concepts:` entries refused (reported once, there, not again where they are used)
        self.refused_concepts: set[str] = set()
        self.extension_namespace = (f"https://taxonomy.esgxbrl.org/issuer/"
                                    f"{report.entity.identifiers[0].scheme}-{report.entity.identifiers[0].value}/"
                                    f"{report.period.end.year}")

    # --- helpers ---
    def error(self, path: Path_, message: str, fix: str | None = None, provision: str | None = None) -> None:
        self.findings.append(self.source.finding(path, message, fix, provision))

    def warn(self, path: Path_, message: str, fix: str | None = None, provision: str | None = None) -> None:
        self.findings.append(self.source.finding(path, message, fix, provision, severity="warning"))

    @property
    def fy(self) -> Period:
        return Period(self.report.period.end, self.report.period.start)

    def add(self, path: Path_, concept: str, value: str | None, *, period: Period | None = None,
            unit: Any = None, decimals: int | None = None, dims: dict[str, str] | None = None,
            language: str | None = None, footnotes: tuple[str, ...] = (), provision: str | None = None) -> None:
        qname, period, dimensions, fid = self.identify(concept, period, unit, dims, language)
        existing = self.facts.get(fid)
        if existing is not None:
            if existing.value != value or existing.decimals != decimals:
                self.error(path, f"{concept} is given twice for the same period and breakdown with different "
                                 f"values ({_clip(existing.value)} and {_clip(value)})",
                           "keep one of the two entries", provision)
            return
        # footnote links carry no order in XBRL: the fact set holds them sorted, once each
        self.facts[fid] = Fact(fid, qname, period, value, unit, decimals, dimensions, language,
                               tuple(sorted(set(footnotes))))
        self.origins[fid] = path

    def identify(self, concept: str, period: Period | None, unit: Any, dims: dict[str, str] | None,
                 language: str | None) -> tuple[str, Period, tuple[tuple[str, str], ...], str]:
        """The fact's concept QName, period, dimensions and id, as `add` gives them."""
        issuer = self.issuer_concepts.get(concept)
        spec = issuer[1] if issuer is not None else self.catalogue.concept(concept)
        period = period or self.fy
        if spec.period == "instant":
            period = Period(period.end)
        dimensions = tuple(sorted((a if ":" in a else self.catalogue.qname(a), m) for a, m in (dims or {}).items()))
        qname = f"{EXTENSION_PREFIX}:{concept}" if issuer is not None else self.catalogue.qname(concept)
        return qname, period, dimensions, fact_id(qname, period, dimensions, language, unit)

    def text_facts(self, path: Path_, concept: str, texts: dict[str, str], *, dims: dict[str, str] | None = None,
                   as_html: bool = False, footnotes: tuple[str, ...] = (), provision: str | None = None) -> None:
        for lang, text in sorted(texts.items()):
            self.add((*path, lang), concept, to_html(text) if as_html else text, language=lang, dims=dims,
                     footnotes=footnotes, provision=provision)

    def note_refs(self, path: Path_, refs: list[str], provision: str | None) -> tuple[str, ...]:
        ids = []
        for index, ref in enumerate(refs):
            note = self.report.notes.get(ref)
            if note is None:
                self.error((*path, index), f"note '{ref}' is not defined",
                           "define it under `notes:` or remove the reference", provision)
                continue
            for lang, text in sorted(note.text.items()):
                footnote_id = f"fn-{ref}-{lang}"
                self.footnotes[footnote_id] = Footnote(footnote_id, lang, text)
                ids.append(footnote_id)
        return tuple(ids)

    # --- members ---
    def member_qname(self, path: Path_, concept: Concept, axis_short: str, member: str,
                     provision: str | None) -> tuple[str, str] | None:
        axes = self.catalogue.axes_of(concept)
        axis = next((a for a in axes if a.short_name == axis_short or a.name == axis_short), None)
        issuer_axis = self.issuer_axes.get(axis_short.removesuffix("Axis"))
        if axis is None and issuer_axis is not None and concept.is_numeric:
            return self.issuer_member_qname(path, issuer_axis, member, provision)
        if axis is None and axis_short.removesuffix("Axis") in self.refused_axes:
            return None
        if axis is None:
            allowed = ", ".join([a.short_name for a in axes] + sorted(self.issuer_axes)) or "none"
            self.error(path, f"{concept.name} cannot be broken down by '{axis_short}'",
                       f"breakdowns allowed for {concept.name}: {allowed}; a breakdown of the issuer's own "
                       "(segment, site, fleet) is declared under `axes:`", provision)
            return None
        local = member if member.endswith("Member") else f"{member}Member"
        if local in axis.members:
            return axis.name, self.catalogue.qname(local)
        declared = self.extension_members.get(axis.name, {})
        if local in declared:
            return axis.name, f"{EXTENSION_PREFIX}:{local}"
        standard = ", ".join(m.removesuffix("Member") for m in axis.members) or "none"
        self.error(path, f"'{member}' is not a member of {axis.short_name}",
                   f"use a standard member ({standard}) or declare it under members: {axis.short_name}:",
                   provision)
        return None

    def issuer_member_qname(self, path: Path_, axis: ExtensionAxis, member: str,
                            provision: str | None) -> tuple[str, str] | None:
        axis_qname = f"{EXTENSION_PREFIX}:{axis.name}"
        local = member if member.endswith("Member") else f"{member}Member"
        declared = self.extension_members.get(axis_qname, {})
        if local in declared:
            return axis_qname, f"{EXTENSION_PREFIX}:{local}"
        short = axis.name.removesuffix("Axis")
        known = ", ".join(m.removesuffix("Member") for m in declared) or "none"
        self.error(path, f"'{member}' is not a member of {short}",
                   f"use one of its members ({known}) or add it under `axes:` to {short}'s members", provision)
        return None

    def declare_axes(self) -> None:
        """The issuer's own axes: each an axis, a domain and members of the extension schema."""
        for index, entry in enumerate(self.report.axes):
            path: Path_ = ("axes", index)
            short = entry.name.removesuffix("Axis")
            self.refused_axes.add(short)
            if self.catalogue.has_axis(short):
                self.error((*path, "name"), f"{short} is an axis of the guide",
                           f"give its members under `members: {short}:`, or give your own axis another name")
                continue
            if short in self.issuer_axes:
                self.error((*path, "name"), f"the axis {short} is declared twice", "merge the two entries")
                continue
            axis = ExtensionAxis(f"{short}Axis", tuple(sorted(entry.label.items())))
            self.refused_axes.discard(short)
            self.issuer_axes[short] = axis
            declared = self.extension_members.setdefault(f"{EXTENSION_PREFIX}:{axis.name}", {})
            for m_index, member in enumerate(entry.members):
                local = member.name if member.name.endswith("Member") else f"{member.name}Member"
                if self._declared_anywhere(local):
                    self.error((*path, "members", m_index, "name"), f"{member.name} is declared twice",
                               "give each of the issuer's members (and material topics) its own name")
                    continue
                declared[local] = ExtensionMember(f"{EXTENSION_PREFIX}:{axis.name}", local,
                                                  tuple(sorted(member.label.items())))

    def _declared_anywhere(self, local: str) -> bool:
        """Extension members are elements of one schema: a name can be declared once, on one axis."""
        return any(local in members for members in self.extension_members.values())

    def declare_members(self) -> None:
        for axis_short, members in self.report.members.items():
            path: Path_ = ("members", axis_short)
            if not self.catalogue.has_axis(axis_short):
                self.error(path, f"unknown axis '{axis_short}'",
                           "use an axis short name such as GeographicalRegion, AgeGroup, FocusArea")
                continue
            axis = self.catalogue.axis(axis_short)
            if axis.short_name in MEMBERS_LISTED_ELSEWHERE:
                self.error(path, f"the members of {axis.short_name} are not declared here",
                           f"list them under `{MEMBERS_LISTED_ELSEWHERE[axis.short_name]}:` instead")
                continue
            if not axis.extensible:
                self.error(path, f"{axis.short_name} takes only its standard members",
                           f"use one of: {', '.join(m.removesuffix('Member') for m in axis.members)}")
                continue
            for index, member in enumerate(members):
                local = member.name if member.name.endswith("Member") else f"{member.name}Member"
                if local in axis.members:
                    self.error((*path, index, "name"), f"{member.name} is already a standard member of "
                               f"{axis.short_name}", "use the standard member; remove this declaration")
                    continue
                declared = self.extension_members.setdefault(axis.name, {})
                if self._declared_anywhere(local):
                    self.error((*path, index, "name"), f"{member.name} is declared twice",
                               "give each of the issuer's members (and material topics) its own name")
                    continue
                declared[local] = ExtensionMember(self.catalogue.qname(axis.name), local,
                                                  tuple(sorted(member.label.items())))

    # --- the build ---
    # --- intensity denominators ---
    def denominators(self) -> None:
        """Standard denominators get their values as standard facts; the issuer's own become members of
        IntensityDenominatorAxis (their value a fact) and measures in the issuer's namespace."""
        axis = self.catalogue.axis("IntensityDenominatorAxis")
        declared: list[DeclaredDenominator] = []
        seen: set[str] = set()
        for index, entry in enumerate(self.report.denominators):
            path: Path_ = ("denominators", index)
            if entry.name in seen:
                self.error((*path, "name"), f"the denominator {entry.name} is given twice", "merge the two entries")
                continue
            seen.add(entry.name)
            if entry.name == "NumberOfEmployees":
                self.error((*path, "name"), "the number of employees is not given here",
                           "report NumberOfEmployees under B1.1; intensities per employee use it")
                continue
            if self.catalogue.has_concept(entry.name):
                self.standard_denominator(path, entry)
                continue
            if entry.label is None or entry.unit is None:
                standard = ", ".join(sorted({d.concept for d in self.catalogue.denominators if d.concept}))
                self.error((*path, "name"), f"{entry.name} is not a standard denominator ({standard}), so it needs "
                           "a `label:` and a `unit:`", "add the label as printed and the unit it is counted in")
                continue
            spec = lookup_unit(self.catalogue, entry.unit)
            if spec is None or spec.kind not in self.catalogue.concept("IntensityDenominator").kinds:
                self.error((*path, "unit"), f"unknown unit '{entry.unit}' for a denominator",
                           "use a count (輛, vehicles), length (km), area (m²), volume, mass or energy unit")
                continue
            local = f"{entry.name}Member"
            if self._declared_anywhere(local):
                self.error((*path, "name"), f"{entry.name} is declared twice", "give the denominator a name of its own")
                continue
            self.extension_members.setdefault(axis.name, {})[local] = ExtensionMember(
                self.catalogue.qname(axis.name), local, tuple(sorted(entry.label.items())))
            declared.append(DeclaredDenominator(entry.name, f"{EXTENSION_PREFIX}:{entry.name}", spec.measure,
                                                tuple(entry.printed)))
            for v_index, value in enumerate(entry.values):
                self.denominator_value((*path, "values", v_index), "IntensityDenominator", value,
                                       value.unit or entry.unit, {axis.name: f"{EXTENSION_PREFIX}:{local}"},
                                       spec.measure)
        self.declared_denominators = tuple(declared)

    def standard_denominator(self, path: Path_, entry: DenominatorEntry) -> None:
        standard = {d.concept for d in self.catalogue.denominators if d.concept} - {"NumberOfEmployees"}
        if entry.name not in standard:
            self.error((*path, "name"), f"{entry.name} is a concept of the guide, not a denominator",
                       f"standard denominators: {', '.join(sorted(standard))}; or choose a name of your own")
            return
        if entry.label is not None or entry.printed:
            self.error((*path, "name"), f"{entry.name} is a standard denominator: it takes only `values:` "
                       "(and a default `unit:`)", "remove `label:` and `printed:`")
            return
        for v_index, value in enumerate(entry.values):
            self.denominator_value((*path, "values", v_index), entry.name, value, value.unit or entry.unit, {}, None)

    def denominator_value(self, path: Path_, concept_name: str, entry: DenominatorValue, unit: str | None,
                          dims: dict[str, str], measure: str | None) -> None:
        concept = self.catalogue.concept(concept_name)
        if unit is None:
            self.error((*path, "unit"), f"the value of {concept_name} needs a unit", "add `unit:` as printed")
            return
        try:
            if measure is None:
                value = canonicalize(self.catalogue, concept, entry.value, unit, self.report.currency)
            else:
                value = quantity(self.catalogue, entry.value, unit, self.report.currency, concept.kinds)
                if value.unit.numerator != (measure,):
                    raise UnitProblem(f"'{unit}' is not counted in the denominator's own unit",
                                      "give the value in a unit of the same kind as the denominator's `unit:`")
        except UnitProblem as problem:
            self.error((*path, "value" if "number" in str(problem) else "unit"), str(problem), problem.fix)
            return
        if value.value < 0:
            self.error((*path, "value"), f"a denominator cannot be negative ({entry.value})", "check the sign")
            return
        as_fact = FactEntry(concept=concept_name, value=entry.value, period=entry.period)
        period = self._period((*path, "period"), as_fact, None)
        footnotes = self.note_refs((*path, "notes"), entry.notes, None)
        self.add(path, concept_name, format_decimal(value.value), period=period, unit=value.unit,
                 decimals=value.decimals, dims=dims, footnotes=footnotes)

    # --- the issuer's own concepts ---
    def declare_concepts(self) -> None:
        """Each issuer concept becomes an element of the extension schema, anchored to a base concept."""
        samples = type_samples(self.catalogue)
        for index, entry in enumerate(self.report.concepts):
            path: Path_ = ("concepts", index)
            self.refused_concepts.add(entry.name)
            declared = self.declare_concept(path, entry, samples)
            if declared is not None:
                self.refused_concepts.discard(entry.name)
                self.issuer_concepts[entry.name] = declared

    def declare_concept(self, path: Path_, entry: IssuerConcept,
                        samples: dict[str, Concept]) -> tuple[ExtensionConcept, Concept, str] | None:
        provision = entry.provision
        if self.catalogue.has_concept(entry.name):
            self.error((*path, "name"), f"{entry.name} is a concept of the guide",
                       f"use {entry.name} itself under `facts:` of its provision, or give your concept another name",
                       provision)
            return None
        if (entry.name in self.issuer_concepts or self._declared_anywhere(entry.name)
                or entry.name.removesuffix("Axis") in self.issuer_axes):
            self.error((*path, "name"), f"{entry.name} is declared twice",
                       "give each of the issuer's concepts, axes and members a name of its own", provision)
            return None
        if not self.catalogue.has_provision(provision):
            self.error((*path, "provision"), f"unknown provision '{provision}'",
                       "use a provision id of the guide (A1.1 … B8.2)")
            return None
        sample = samples.get(entry.type)
        if sample is None:
            self.error((*path, "type"), f"unknown type '{entry.type}' for an issuer concept",
                       f"use one of: {', '.join(samples)}", provision)
            return None
        anchor_name = entry.anchor
        narrative = self.catalogue.provision(provision).narrative
        # a figure goes with the figures of its kind it could be added to; where its provision has none
        # (the text-only provisions: B6.4's inspections, B6's service scores), it belongs to the
        # provision's text block, which no analyst adds a figure to
        kin = self._figures_of_type(provision, sample)
        if anchor_name is None and narrative and (entry.type in TEXT_TYPES or not kin):
            anchor_name = narrative[0]
        figures = ", ".join([*self._figure_concepts(provision), *narrative]) or "none"
        if anchor_name is None:
            self.error((*path, "anchor"), f"{entry.name} has no anchor",
                       f"name the base concept of {provision} it is narrower or wider than: {figures}", provision)
            return None
        if not self.catalogue.has_concept(anchor_name):
            self.error((*path, "anchor"), f"unknown anchor '{anchor_name}'",
                       f"anchor to a concept of {provision}: {figures}", provision)
            return None
        anchor = self.catalogue.concept(anchor_name)
        if anchor.provision != provision:
            where = f"it belongs to {anchor.provision}" if anchor.provision else "it belongs to no provision"
            self.error((*path, "anchor"), f"the anchor {anchor_name} is not a concept of {provision}: {where}",
                       f"anchor to a concept of {provision}: {figures}", provision)
            return None
        if entry.type not in TEXT_TYPES and not anchor.is_numeric and kin:
            self.error((*path, "anchor"), f"{entry.name} is a figure but its anchor {anchor_name} is a text, "
                       f"while {provision} has figures of its kind",
                       f"anchor it to the figure of {provision} it is narrower or wider than: {', '.join(kin)}",
                       provision)
            return None
        unit = self.issuer_unit(path, entry, sample, anchor)
        if unit is _REFUSED:
            return None
        for other in self.catalogue.concepts:
            english = self.catalogue.labels.get(other.name, {}).get("en")
            if english and entry.label.get("en", "").strip().casefold() == english.strip().casefold():
                self.warn((*path, "label"), f"{entry.name} has the English label of the guide's {other.name} "
                          f"(\"{english}\")", f"use {other.name} itself if it means the same; else give "
                          "your concept a label that says how it differs", provision)
                break
        published = ExtensionConcept(entry.name, tuple(sorted(entry.label.items())), sample.xbrl_type, entry.period,
                                     self.catalogue.qname(anchor_name), entry.relationship, sample.balance)
        return published, as_concept(self.catalogue, published, unit), provision

    def issuer_unit(self, path: Path_, entry: IssuerConcept, sample: Concept, anchor: Concept) -> str | None:
        """The canonical unit key of an issuer concept's facts; None for a text; _REFUSED after an error."""
        if entry.type in TEXT_TYPES:
            if entry.unit is not None:
                self.error((*path, "unit"), f"{entry.name} is a text and takes no unit", "remove `unit:`",
                           entry.provision)
                return _REFUSED
            return None
        if sample.unit in ("pure", "currency") and entry.unit is None:
            return sample.unit
        if entry.unit is None:
            if anchor.type == entry.type and anchor.unit is not None:
                return anchor.unit
            self.error((*path, "unit"), f"{entry.name} needs the unit its figures are published in",
                       f"add `unit:`, one of: {', '.join(known_units(self.catalogue, sample.kinds))}", entry.provision)
            return _REFUSED
        spec = lookup_unit(self.catalogue, entry.unit)
        key = None
        if spec is not None and spec.kind in sample.kinds:
            key = sample.unit if sample.unit in ("pure", "currency") else next(
                (k for k, measure in CANONICAL_MEASURES.items() if measure == spec.measure), None)
        if key is None:
            usable = [u for u in known_units(self.catalogue, sample.kinds)
                      if (found := lookup_unit(self.catalogue, u)) is not None
                      and (sample.unit in ("pure", "currency") or found.measure in CANONICAL_MEASURES.values())]
            self.error((*path, "unit"), f"unknown unit '{entry.unit}' for a concept of type {entry.type}",
                       f"use one of: {', '.join(usable)}", entry.provision)
            return _REFUSED
        return key

    def build(self) -> FactSet:
        self.declare_axes()
        self.declare_members()
        self.declare_concepts()
        self.denominators()
        self.report_information()
        for provision_id, entry in self.report.provisions.items():
            self.provision(provision_id, entry)
        self.materiality()
        self.stakeholders()
        self.sdgs()
        return self.fact_set()

    def reliefs(self, path: Path_, provision: Provision, reliefs: Sequence[str]) -> None:
        if not reliefs:
            return
        if provision.part != "D":
            self.error((*path, "reliefs"), f"{provision.id} is not a provision of Part D: the implementation "
                       "reliefs apply to climate-related disclosures only", "remove `reliefs:`", provision.id)
            return
        # Extensible Enumerations 2.0 requires the values of a set in lexicographical order
        value = " ".join(sorted({f"{self.catalogue.regime.namespace}#{RELIEF_MEMBERS[r]}" for r in reliefs}))
        self.add((*path, "reliefs"), "ImplementationReliefsUsedByProvision", value,
                 dims={"ProvisionAxis": self.catalogue.qname(provision.member)}, provision=provision.id)

    def consolidation_approach(self, path: Path_, provision: Provision, entry: ProvisionEntry) -> None:
        approach = entry.consolidation_approach
        if approach is None:
            return
        if not self.catalogue.has_concept(CONSOLIDATION_CONCEPT) or self.catalogue.concept(
                CONSOLIDATION_CONCEPT).provision != provision.id:
            holder = (self.catalogue.concept(CONSOLIDATION_CONCEPT).provision
                      if self.catalogue.has_concept(CONSOLIDATION_CONCEPT) else None)
            fix = (f"write it under {holder}" if holder else
                   "the consolidation approach is a provision of the 2025 Code (D-MET-3); remove it")
            self.error((*path, "consolidation_approach"),
                       f"{provision.id} does not ask for the consolidation approach", fix, provision.id)
            return
        member = CONSOLIDATION_MEMBERS[approach]
        self.add((*path, "consolidation_approach"), CONSOLIDATION_CONCEPT,
                 f"{self.catalogue.regime.namespace}#{member}", provision=provision.id)

    def target_spec(self, provision: Provision) -> TargetSpec | None:
        """The concepts a provision's targets are written with: the Code's climate-related targets
        (D-MET-12), or the environmental targets of A1.5, A1.6, A2.3 and A2.4."""
        if provision.id in ENVIRONMENTAL_TARGET_KINDS and self.catalogue.has_axis(ENVIRONMENTAL_TARGETS.axis):
            return ENVIRONMENTAL_TARGETS
        if self.catalogue.has_axis(TARGET_AXIS) and self.catalogue.concept(
                CLIMATE_TARGETS.texts[0][1]).provision == provision.id:
            return CLIMATE_TARGETS
        return None

    def targets(self, path: Path_, provision: Provision, entry: ProvisionEntry) -> None:
        """Each target is an issuer member of the target axis; what the file gives of it, its line items."""
        if not entry.targets:
            return
        spec = self.target_spec(provision)
        if spec is None:
            guide = "A1.5, A1.6, A2.3 and A2.4" if self.catalogue.has_axis(ENVIRONMENTAL_TARGETS.axis) else ""
            code = "D-MET-12 of the 2025 Code" if self.catalogue.has_axis(TARGET_AXIS) else ""
            self.error((*path, "targets"), f"{provision.id} does not ask for targets",
                       f"targets are written under {' and under '.join(w for w in (guide, code) if w)}", provision.id)
            return
        if entry.status != "disclosed":
            self.error((*path, "targets"), f"{provision.id} is '{entry.status}' but lists targets",
                       "remove the targets or set status: disclosed", provision.id)
            return
        axis = self.catalogue.axis(spec.axis)
        declared = self.extension_members.setdefault(axis.name, {})
        for index, target in enumerate(entry.targets):
            where: Path_ = (*path, "targets", index)
            local = f"{target.id}Member"
            if self._declared_anywhere(local):
                self.error((*where, "id"), f"target {target.id} is listed twice, or shares its id with a member",
                           "give each target an id of its own", provision.id)
                continue
            declared[local] = ExtensionMember(self.catalogue.qname(axis.name), local,
                                              tuple(sorted(target.label.items())))
            dims = {axis.name: f"{EXTENSION_PREFIX}:{local}"}
            if spec.by_provision:
                dims["ProvisionAxis"] = self.catalogue.qname(provision.member)
            footnotes = self.note_refs((*where, "notes"), target.notes, provision.id)
            asked = {key for key, _, _ in spec.texts}
            for key in (key for key, _, _ in TARGET_TEXTS if key not in asked and getattr(target, key)):
                self.error((*where, key), f"a target of {provision.id} takes no {key}: only the Code's "
                           "climate-related targets do", f"remove `{key}:`, or say it in the target's description",
                           provision.id)
            for key, concept, as_html in spec.texts:
                texts = getattr(target, key)
                if texts:
                    self.text_facts((*where, key), concept, texts, dims=dims, as_html=as_html,
                                    footnotes=footnotes, provision=provision.id)
            if target.type is not None:
                member = "AbsoluteTargetMember" if target.type == "absolute" else "IntensityTargetMember"
                self.add((*where, "type"), spec.type, f"{self.catalogue.regime.namespace}#{member}", dims=dims,
                         footnotes=footnotes, provision=provision.id)
            for key, concept in (("base_year", spec.base_year), ("target_year", spec.target_year)):
                year = getattr(target, key)
                if year is not None:
                    self.add((*where, key), concept, str(year), unit=_pure(), decimals=0, dims=dims,
                             footnotes=footnotes, provision=provision.id)
            if target.base_value is not None:
                self.target_base_value((*where, "base_value"), spec, provision.id, target.type,
                                       target.base_value.value, target.base_value.unit, dims, footnotes)
            for key, concept in (("reduction", spec.reduction), ("progress", spec.progress)):
                printed = getattr(target, key)
                if printed is not None:
                    self.target_figure((*where, key), concept, printed, "%", dims, footnotes, provision.id)

    def target_base_value(self, path: Path_, spec: TargetSpec, provision_id: str, kind: str | None, printed: str,
                          unit: str, dims: dict[str, str], footnotes: tuple[str, ...]) -> None:
        """The base-year value, in a unit of what the provision's targets measure (the Code's: tCO2e)."""
        if kind == "intensity":
            self.error(path, "base_value is the base-year amount of an absolute target; this target is an "
                       "intensity target", "give the base-year intensity in the description", provision_id)
            return
        kinds = ENVIRONMENTAL_TARGET_KINDS.get(provision_id) if spec.by_provision else None
        self.target_figure(path, spec.base_value, printed, unit, dims, footnotes, provision_id, kinds)

    def target_figure(self, path: Path_, concept_name: str, printed: str, unit: str, dims: dict[str, str],
                      footnotes: tuple[str, ...], provision_id: str, kinds: tuple[str, ...] | None = None) -> None:
        """A target's figure in its concept's unit; with `kinds` (the base-year value of an environmental target,
        an amount of what its provision measures), in the unit it is counted in, which is of one of them."""
        concept = self.catalogue.concept(concept_name)
        try:
            value = (canonicalize(self.catalogue, concept, printed, unit, self.report.currency) if kinds is None
                     else quantity(self.catalogue, printed, unit, self.report.currency, kinds))
        except UnitProblem as problem:
            measures = "" if kinds is None else f" for a target of {provision_id}, which measures {' or '.join(kinds)}"
            self.error(path, f"{problem}{measures}", problem.fix, provision_id)
            return
        if value.value < 0:
            what = concept.name if kinds is None else "a base-year value"
            self.error(path, f"{what} cannot be negative ({printed})", "check the sign as printed", provision_id)
            return
        self.add(path, concept.name, format_decimal(value.value), unit=value.unit, decimals=value.decimals,
                 dims=dims, footnotes=footnotes, provision=provision_id)

    def report_information(self) -> None:
        info = self.report.report
        self.text_facts(("entity", "name"), "EntityRegisteredName", self.report.entity.name)
        schemes: set[str] = set()
        for index, identifier in enumerate(self.report.entity.identifiers):
            path: Path_ = ("entity", "identifiers", index)
            if identifier.scheme in schemes:
                self.error((*path, "scheme"), f"a second identifier in the scheme {identifier.scheme}",
                           "give one identifier per scheme")
                continue
            schemes.add(identifier.scheme)
            member = self.catalogue.qname(ns.ENTITY_SCHEME_MEMBERS[identifier.scheme])
            self.add(path, "EntityIdentifier", identifier.value, dims={"EntityIdentifierSchemeAxis": member})
        self.text_facts(("report", "title"), "EsgReportTitle", info.title)
        if info.board_approval:
            concept = "BoardApprovalOfEsgReportMonth" if info.approval_is_month() else "BoardApprovalOfEsgReportDate"
            self.add(("report", "board_approval"), concept, info.board_approval)
        if info.authoritative_language:
            self.add(("report", "authoritative_language"), "AuthoritativeLanguageOfEsgReport",
                     info.authoritative_language)
        self.excerpt()
        listing = self.report.listing
        if listing is not None and self.catalogue.has_concept(LISTING_BOARD_CONCEPT):
            namespace = self.catalogue.regime.namespace
            self.add(("listing", "board"), LISTING_BOARD_CONCEPT, f"{namespace}#{LISTING_BOARD_MEMBERS[listing.board]}")
            if listing.largecap is not None:
                self.add(("listing", "largecap"), LARGECAP_CONCEPT,
                         f"{namespace}#{LARGECAP_MEMBERS[listing.largecap]}")
        source = self.catalogue.regime.source
        self.add(("guide",), "ReportingGuideApplied",
                 f"{source['name']}, {source['number']}: {source['title']} ({self.catalogue.regime.version})",
                 language="en")

    def excerpt(self) -> None:
        """An excerpt names the provisions it carries, and the file has no others (check asks for each one named)."""
        excerpt = self.report.excerpt
        if excerpt is None:
            return
        self.text_facts(("excerpt", "what"), EXCERPT_CONCEPT, excerpt.what)
        listed: set[str] = set()
        for index, provision_id in enumerate(excerpt.provisions):
            path: Path_ = ("excerpt", "provisions", index)
            if not self.catalogue.has_provision(provision_id):
                self.error(path, f"unknown provision '{provision_id}' in the excerpt's provisions",
                           "list provision ids of the guide (MDR.governance, A1.1 … B8.2)")
            elif provision_id in listed:
                self.error(path, f"{provision_id} is listed twice in the excerpt's provisions", "list it once")
            listed.add(provision_id)
        for provision_id in self.report.provisions:
            if provision_id not in listed and self.catalogue.has_provision(provision_id):
                self.error(("provisions", provision_id), f"{provision_id} is in the file but not in the "
                           "excerpt's provisions", f"add {provision_id} to `excerpt: provisions:`, or remove it",
                           provision_id)

    def provision(self, provision_id: str, entry: ProvisionEntry) -> None:
        path: Path_ = ("provisions", provision_id)
        if not self.catalogue.has_provision(provision_id):
            self.error(path, f"unknown provision '{provision_id}'",
                       "use a provision id of the guide: MDR.governance, MDR.principles, MDR.boundary, A1.GD, "
                       "A1.1 … B8.2 (see docs/yaml-format.md)")
            return
        provision = self.catalogue.provision(provision_id)
        note_ids = self.note_refs((*path, "notes"), entry.notes, provision_id)
        status_member = {"disclosed": "DisclosedMember", "not-applicable": "NotApplicableMember",
                         "not-disclosed": "NotDisclosedMember"}[entry.status]
        self.add((*path, "status"), "DisclosureStatus", f"{self.catalogue.regime.namespace}#{status_member}",
                 dims={"ProvisionAxis": self.catalogue.qname(provision.member)}, footnotes=note_ids)
        if entry.status != "disclosed" and not entry.explanation:
            self.error((*path, "status"), f"{provision_id} is '{entry.status}' but gives no explanation",
                       "add `explanation:` with the reason, in the report's words", provision_id)
        if entry.explanation:
            self.text_facts((*path, "explanation"), "ExplanationForNotDisclosing", entry.explanation, as_html=True,
                            dims={"ProvisionAxis": self.catalogue.qname(provision.member)}, provision=provision_id)
            if entry.status == "disclosed":
                self.warn((*path, "explanation"), f"{provision_id} is disclosed but carries an explanation for "
                          "not disclosing", "remove the explanation or change the status", provision_id)
        if entry.location:
            self.text_facts((*path, "location"), "LocationOfDisclosureInReport", entry.location,
                            dims={"ProvisionAxis": self.catalogue.qname(provision.member)}, provision=provision_id)
        if entry.sdgs:
            goals = sorted(set(entry.sdgs))
            # Extensible Enumerations 2.0 requires the values of a set in lexicographical order
            value = " ".join(sorted(f"{self.catalogue.regime.namespace}#{self.catalogue.sdgs[g - 1].member}"
                                    for g in goals))
            self.add((*path, "sdgs"), "SustainableDevelopmentGoalsAdvancedByProvision", value,
                     dims={"ProvisionAxis": self.catalogue.qname(provision.member)}, provision=provision_id)
        self.reliefs(path, provision, entry.reliefs)
        self.consolidation_approach(path, provision, entry)
        self.targets(path, provision, entry)
        for index, section in enumerate(entry.sections):
            if section not in self.section_ids:
                self.error((*path, "sections", index), f"section '{section}' is not in report.sections",
                           "add it to report.sections or correct the id", provision_id)
        for concept_name, texts in entry.narrative.items():
            issuer = self.issuer_concepts.get(concept_name)
            if issuer is not None or concept_name in self.refused_concepts:
                self.issuer_text((*path, "narrative", concept_name), provision_id, concept_name, texts)
                continue
            if concept_name not in provision.narrative:
                self.error((*path, "narrative", concept_name),
                           f"'{concept_name}' is not a narrative of {provision_id}",
                           f"use one of: {', '.join(provision.narrative)}", provision_id)
                continue
            self.text_facts((*path, "narrative", concept_name), concept_name, texts, as_html=True,
                            provision=provision_id)
        if entry.status != "disclosed" and entry.facts:
            self.error((*path, "facts"), f"{provision_id} is '{entry.status}' but lists figures",
                       "remove the figures or set status: disclosed", provision_id)
        for index, fact in enumerate(entry.facts):
            self.numeric_fact((*path, "facts", index), provision_id, fact)

    def issuer_text(self, path: Path_, provision_id: str, name: str, texts: dict[str, str]) -> None:
        if name in self.refused_concepts:
            return
        _, concept, declared = self.issuer_concepts[name]
        if declared != provision_id:
            self.error(path, f"{name} is declared for {declared}, not for {provision_id}",
                       f"write it under {declared}, or change its `provision:`", provision_id)
            return
        if concept.is_numeric:
            self.error(path, f"{name} is a figure, not a text", "write it under `facts:`", provision_id)
            return
        self.text_facts(path, name, texts, as_html=concept.is_text_block, provision=provision_id)

    def issuer_figure(self, path: Path_, provision_id: str, entry: FactEntry) -> Concept | None:
        if entry.concept in self.refused_concepts:
            return None
        _, concept, declared = self.issuer_concepts[entry.concept]
        if declared != provision_id:
            self.error((*path, "concept"), f"{entry.concept} is declared for {declared}, not for {provision_id}",
                       f"write the figure under {declared}, or change the concept's `provision:`", provision_id)
            return None
        if not concept.is_numeric:
            self.error((*path, "concept"), f"{entry.concept} is a text, not a figure",
                       "write it under `narrative:`", provision_id)
            return None
        return concept

    def numeric_fact(self, path: Path_, provision_id: str, entry: FactEntry) -> None:
        if entry.concept in self.issuer_concepts or entry.concept in self.refused_concepts:
            issuer = self.issuer_figure(path, provision_id, entry)
            if issuer is not None:
                self.figure(path, provision_id, entry, issuer)
            return
        if not self.catalogue.has_concept(entry.concept):
            self.error((*path, "concept"), f"unknown concept '{entry.concept}'",
                       f"figures of {provision_id}: {', '.join(self._figure_concepts(provision_id))}",
                       provision_id)
            return
        concept = self.catalogue.concept(entry.concept)
        if not self.catalogue.is_figure(concept):
            self.error((*path, "concept"), f"{entry.concept} is not written as a figure",
                       "material topic tiers and ranks go under `materiality: topics:`", provision_id)
            return
        if concept.provision != provision_id or not concept.is_numeric:
            where = f"it belongs to {concept.provision}" if concept.provision else "it is not a figure"
            self.error((*path, "concept"), f"{entry.concept} is not a figure of {provision_id}: {where}",
                       f"figures of {provision_id}: {', '.join(self._figure_concepts(provision_id)) or 'none'}",
                       provision_id)
            return
        self.figure(path, provision_id, entry, concept)

    def figure(self, path: Path_, provision_id: str, entry: FactEntry, concept: Concept) -> None:
        qualifier, printed = self.catalogue.split_qualifier(entry.value)
        try:
            value = canonicalize(self.catalogue, concept, printed, entry.unit, self.report.currency,
                                 self.declared_denominators)
        except UnitProblem as problem:
            target = "value" if "number" in str(problem) else "unit"
            self.error((*path, target), str(problem), problem.fix, provision_id)
            return
        if value.value < 0:
            self.error((*path, "value"), f"{concept.name} cannot be negative ({entry.value})",
                       "check the sign as printed", provision_id)
            return
        if concept.type == "count" and value.value != value.value.to_integral_value():
            self.error((*path, "value"), f"{concept.name} is a count and must be a whole number ({entry.value})",
                       "write the count as printed, without decimals", provision_id)
            return
        if concept.type == "percent" and value.value > 1:
            self.error((*path, "value"), f"{concept.name} is a percentage above 100% ({entry.value}%)",
                       "check the figure as printed", provision_id)
            return
        dims: dict[str, str] = {}
        for axis_short, member in entry.by.items():
            resolved = self.member_qname((*path, "by", axis_short), concept, axis_short, member, provision_id)
            if resolved is None:
                return  # reported; without its breakdown the figure would pose as the total
            dims[resolved[0]] = resolved[1]
        if qualifier is not None and not self.qualify(path, concept, qualifier, dims, provision_id):
            return
        period = self._period((*path, "period"), entry, provision_id)
        footnotes = self.note_refs((*path, "notes"), entry.notes, provision_id)
        if entry.restated is not None:
            fid = self.identify(concept.name, period, value.unit, dims, None)[3]
            footnotes += self.restatement((*path, "restated"), entry, period, provision_id, fid)
        decimals = 0 if concept.type == "count" else value.decimals
        lexical = format_decimal(value.value)
        self.add(path, concept.name, lexical, period=period, unit=value.unit, decimals=decimals, dims=dims,
                 footnotes=footnotes, provision=provision_id)

    def qualify(self, path: Path_, concept: Concept, qualifier: str, dims: dict[str, str],
                provision_id: str) -> bool:
        """A figure printed as a bound or an approximation (">440,000") is published with its qualifier member,
        so that it is never read as the figure itself; False after an error."""
        axis = self.catalogue.qualifier_axis
        if axis is None or axis not in (a.name for a in self.catalogue.axes_of(concept)):
            self.error((*path, "value"), f"{concept.name} cannot be printed as a bound or an approximation",
                       "write the figure as printed without the qualifier, and say in a note how it was printed",
                       provision_id)
            return False
        member = self.catalogue.qname(qualifier)
        if dims.get(axis, member) != member:
            self.error((*path, "value"), "the figure's printed qualifier and its `by:` FigureQualifier disagree",
                       "keep one of the two", provision_id)
            return False
        dims[axis] = member
        return True

    def restatement(self, path: Path_, entry: FactEntry, period: Period | None, provision_id: str,
                    fid: str) -> tuple[str, ...]:
        """A restated figure's reason as a footnote that says, in its own language, that it is a restatement."""
        assert entry.restated is not None
        if period is None or period.end >= self.report.period.end:
            self.error(path, "only a prior-year figure can be restated",
                       "give the figure's `period:` (the earlier year it restates), or remove `restated:`",
                       provision_id)
            return ()
        ids = []
        # named after the fact, not its place in the file, so a report file rebuilt in another order keeps it
        for lang, text in sorted(entry.restated.reason.items()):
            footnote_id = f"{RESTATED_FOOTNOTE}{fid.removeprefix('f-')}-{lang}"
            self.footnotes[footnote_id] = Footnote(footnote_id, lang, f"{restated_word(lang)}{text}")
            ids.append(footnote_id)
        return tuple(ids)

    def _figure_concepts(self, provision_id: str) -> list[str]:
        return [c.name for c in self.catalogue.concepts_of(provision_id) if self.catalogue.is_figure(c)]

    def _figures_of_type(self, provision_id: str, sample: Concept) -> list[str]:
        """The provision's figures an issuer figure published like `sample` could be narrower or wider than."""
        return [c.name for c in self.catalogue.concepts_of(provision_id)
                if self.catalogue.is_figure(c) and c.xbrl_type == sample.xbrl_type]

    def _period(self, path: Path_, entry: FactEntry, provision_id: str | None) -> Period | None:
        if entry.period is None:
            return None
        if isinstance(entry.period, int):
            year = entry.period
            if not 1900 < year < 2200:
                self.error(path, f"'{year}' is not a year", "write a year such as 2022", provision_id)
                return None
            start, end = self.report.period.start, self.report.period.end
            shift = end.year - year
            try:
                return Period(end.replace(year=end.year - shift), start.replace(year=start.year - shift))
            except ValueError:  # 29 February
                return Period(end.replace(year=end.year - shift, day=28), start.replace(year=start.year - shift))
        if entry.period.end < entry.period.start:
            self.error(path, "the period ends before it starts", "swap start and end", provision_id)
            return None
        return Period(entry.period.end, entry.period.start)

    def materiality(self) -> None:
        if self.report.materiality is None:
            return
        if self.report.materiality.method:
            self.text_facts(("materiality", "method"), "MaterialityAssessmentProcessExplanatory",
                            self.report.materiality.method, as_html=True, dims=None)
        axis = self.catalogue.axis("MaterialTopicAxis")
        declared = self.extension_members.setdefault(axis.name, {})
        for index, topic in enumerate(self.report.materiality.topics):
            path: Path_ = ("materiality", "topics", index)
            local = f"{topic.id}Member"
            if self._declared_anywhere(local):
                self.error((*path, "id"), f"material topic {topic.id} is listed twice, or shares its id with a member",
                           "give each topic an id of its own")
                continue
            labels = tuple(sorted(topic.label.items()))
            declared[local] = ExtensionMember(self.catalogue.qname(axis.name), local, labels)
            dims = {axis.name: f"{EXTENSION_PREFIX}:{local}"}
            if topic.tier:
                tier = {"high": "HighMaterialityMember", "medium": "MediumMaterialityMember",
                        "low": "LowMaterialityMember"}[topic.tier]
                self.add((*path, "tier"), "MaterialTopicTier", f"{self.catalogue.regime.namespace}#{tier}",
                         dims=dims)
            if topic.rank is not None:
                self.add((*path, "rank"), "MaterialTopicRank", str(topic.rank), unit=_pure(), decimals=0, dims=dims)

    def stakeholders(self) -> None:
        """Each stakeholder group is an issuer member, named by its id or else by its place in the list;
        its concerns and channels are text blocks holding a list, one per language."""
        axis = self.catalogue.axis("StakeholderGroupAxis")
        declared = self.extension_members.setdefault(axis.name, {})
        for index, group in enumerate(self.report.stakeholders):
            path: Path_ = ("stakeholders", index)
            local = f"{group.id or f'StakeholderGroup{index + 1}'}Member"
            if self._declared_anywhere(local):
                self.error((*path, "id" if group.id else "name"), f"{local} is declared twice",
                           "give each stakeholder group (and each member and material topic) a name of its own",
                           "MDR.principles")
                continue
            declared[local] = ExtensionMember(self.catalogue.qname(axis.name), local,
                                              tuple(sorted(group.name.items())))
            dims = {axis.name: f"{EXTENSION_PREFIX}:{local}"}
            for key, concept in (("concerns", "StakeholderGroupConcernsExplanatory"),
                                 ("channels", "StakeholderGroupEngagementChannelsExplanatory")):
                items = getattr(group, key)
                lists = self.localized_list((*path, key), items)
                if lists is not None:
                    self.text_facts((*path, key), concept, lists, as_html=True, dims=dims)

    def localized_list(self, path: Path_, items: list[dict[str, str]]) -> dict[str, str] | None:
        """A list of localized items as one list per language ("- item" lines), or None after an error."""
        languages = {frozenset(item) for item in items}
        if len(languages) > 1:
            self.error(path, "the items are not all given in the same languages",
                       "give every item of the list in the same languages", "MDR.principles")
            return None
        for index, item in enumerate(items):
            for text in item.values():
                if "\n" in text.strip() or _LIST_ITEM.match(text):
                    self.error((*path, index), "an item is more than one line, or starts like a list item",
                               "write each item as one line of text", "MDR.principles")
                    return None
        if not items:
            return None
        return {lang: "\n".join(f"- {item[lang].strip()}" for item in items) for lang in sorted(items[0])}

    def sdgs(self) -> None:
        if not self.report.sdgs:
            return
        titles = {s.id: s.title for s in self.report.report.sections}
        seen: set[int] = set()
        unplaced_notes: tuple[str, ...] = ()  # notes of goals no report section is given for
        for index, link in enumerate(self.report.sdgs):
            path: Path_ = ("sdgs", index)
            if link.goal in seen:
                self.error((*path, "goal"), f"SDG {link.goal} is listed twice", "merge the two entries")
                continue
            seen.add(link.goal)
            for s_index, section in enumerate(link.sections):
                if section not in self.section_ids:
                    self.error((*path, "sections", s_index), f"section '{section}' is not in report.sections",
                               "add it to report.sections or correct the id")
            footnotes: tuple[str, ...] = ()
            for lang, text in sorted((link.note or {}).items()):
                footnote_id = f"fn-sdg-{link.goal}-{lang}"
                self.footnotes[footnote_id] = Footnote(footnote_id, lang, text)
                footnotes += (footnote_id,)
            if not link.sections:
                unplaced_notes += footnotes
                continue
            text = "；".join(titles.get(s, s) for s in link.sections)
            self.add((*path, "sections"), "ReportSectionsAddressingSustainableDevelopmentGoal", text,
                     language=self.report.language,
                     dims={"SustainableDevelopmentGoalAxis": self.catalogue.qname(
                         self.catalogue.sdgs[link.goal - 1].member)}, footnotes=footnotes)
        # Extensible Enumerations 2.0 requires the values of a set in lexicographical order
        members = " ".join(sorted(f"{self.catalogue.regime.namespace}#{self.catalogue.sdgs[g - 1].member}"
                                  for g in seen))
        self.add(("sdgs",), "SustainableDevelopmentGoalsAddressed", members, footnotes=unplaced_notes)

    def fact_set(self) -> FactSet:
        identifier = self.report.entity.identifiers[0]
        members = tuple(m for axis in sorted(self.extension_members)
                        for _, m in sorted(self.extension_members[axis].items()))
        axes = tuple(sorted(self.issuer_axes.values(), key=lambda a: a.name))
        concepts = tuple(c for _, (c, _, _) in sorted(self.issuer_concepts.items()))
        extension = None
        if members or axes or concepts:
            stem = f"{identifier.value}-{self.report.period.end.year}".lower()
            extension = Extension(self.extension_namespace, EXTENSION_PREFIX, f"{stem}-extension.xsd", members,
                                  axes, concepts)
        namespaces = {
            self.prefix: self.catalogue.regime.namespace, "xbrli": ns.XBRLI, "utr": ns.UTR,
            "iso4217": ns.ISO4217, "scheme": ns.ENTITY_SCHEMES[identifier.scheme],
        }
        if extension:
            namespaces[EXTENSION_PREFIX] = extension.namespace
        used_footnotes = {f for fact in self.facts.values() for f in fact.footnotes}
        return FactSet(
            entity_scheme=ns.ENTITY_SCHEMES[identifier.scheme],
            entity_identifier=identifier.value,
            taxonomy_entry_point=self.catalogue.regime.entry_point_url,
            namespaces=tuple(sorted(namespaces.items())),
            facts=tuple(sorted(self.facts.values(), key=_fact_order)),
            footnotes=tuple(sorted((f for k, f in self.footnotes.items() if k in used_footnotes),
                                   key=lambda f: f.id)),
            extension=extension,
            document_language=self.report.language,
        )


#: what issuer_unit gives for a unit it refused (and reported)
_REFUSED = "\x00refused"
#: present when the document carries part of the report; provisions without a status are outside it
EXCERPT_CONCEPT = "ExcerptOfEsgReportDescription"
LISTING_BOARD_CONCEPT = "IssuerListingBoard"
LARGECAP_CONCEPT = "IssuerLargeCapStatus"
#: `listing:` of a report file as members of ListingBoardDomain and LargeCapStatusDomain
LISTING_BOARD_MEMBERS: dict[Board, str] = {"main": "MainBoardMember", "gem": "GemMember"}
LARGECAP_MEMBERS = {True: "LargeCapIssuerMember", False: "NotLargeCapIssuerMember"}
#: the consolidation approach a report file names, and its member of GreenhouseGasConsolidationApproachDomain
CONSOLIDATION_MEMBERS = {"equity-share": "EquityShareApproachMember",
                         "financial-control": "FinancialControlApproachMember",
                         "operational-control": "OperationalControlApproachMember"}


@dataclass(frozen=True)
class TargetSpec:
    """The concepts one kind of target is written with (the keys of a `targets:` entry)."""

    axis: str
    texts: tuple[tuple[str, str, bool], ...]
    type: str
    base_year: str
    base_value: str
    target_year: str
    reduction: str
    progress: str
    #: whether each fact also names the provision the target is under (one axis serves several)
    by_provision: bool


CLIMATE_TARGETS = TargetSpec(TARGET_AXIS, TARGET_TEXTS, "ClimateRelatedTargetType", "ClimateRelatedTargetBaseYear",
                             "ClimateRelatedTargetBaseYearGreenhouseGasEmissions", "ClimateRelatedTargetYear",
                             "ClimateRelatedTargetReductionFromBaseYear",
                             "ClimateRelatedTargetProgressAgainstBaseYear", by_provision=False)
ENVIRONMENTAL_TARGETS = TargetSpec(
    ENVIRONMENTAL_TARGET_AXIS,
    (("description", "EnvironmentalTargetDescriptionExplanatory", True), ("metric", "EnvironmentalTargetMetric", False),
     ("scope", "EnvironmentalTargetScopeCovered", False),
     ("milestones", "EnvironmentalTargetMilestonesExplanatory", True)),
    "EnvironmentalTargetType", "EnvironmentalTargetBaseYear", "EnvironmentalTargetBaseYearValue",
    "EnvironmentalTargetYear", "EnvironmentalTargetReductionFromBaseYear",
    "EnvironmentalTargetProgressAgainstBaseYear", by_provision=True)


#: how the id of a restatement's footnote begins
RESTATED_FOOTNOTE = "fn-restated-"
#: how a restatement's footnote begins, so that a reader of any syntax sees it is one
RESTATED_WORDS = {"en": "Restated: ", "zh-Hant": "重列：", "zh-Hans": "重列："}


def restated_word(lang: str) -> str:
    return RESTATED_WORDS.get(lang, RESTATED_WORDS["zh-Hant" if lang.startswith("zh") else "en"])


def _clip(text: str | None, limit: int = 40) -> str:
    text = text or ""
    return text if len(text) <= limit else text[:limit] + "…"


def _pure() -> Any:
    from esgxbrl.model.units import Unit

    return Unit(("xbrli:pure",))


def _fact_order(fact: Fact) -> tuple[object, ...]:
    return (fact.concept, fact.period.end, fact.period.start or dt.date.min, fact.dimensions,
            fact.language or "", fact.id)


_LIST_ITEM = re.compile(r"^\s*[-•・]\s+")


def to_html(text: str) -> str:
    """Plain narrative text to the XHTML of a text block: paragraphs and lists, everything escaped."""
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    out: list[str] = []
    for block in blocks:
        lines = [line for line in block.splitlines() if line.strip()]
        if lines and all(_LIST_ITEM.match(line) for line in lines):
            items = "".join(f"<li>{html.escape(_LIST_ITEM.sub('', line).strip(), quote=False)}</li>" for line in lines)
            out.append(f"<ul>{items}</ul>")
        else:
            out.append("<p>" + "<br/>".join(html.escape(line.strip(), quote=False) for line in lines) + "</p>")
    return "".join(out)


def arithmetic_findings(loaded: LoadedReport) -> list[Finding]:
    """Findings on a report file, located at the YAML lines the figures were written on."""
    def locate(fact: Fact) -> Where:
        return loaded.source.where(loaded.origins.get(fact.id, ()))

    findings = fact_set_findings(loaded.facts, loaded.catalogue, loaded.source.file, locate)
    reword = loaded.source.reword
    if reword is None:
        return findings
    return [dataclasses.replace(f, fix=reword((), f.fix, f.code, f.cell)) for f in findings]
