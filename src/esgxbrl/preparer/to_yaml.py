"""A fact set back to a report file (YAML), so that exporting it again gives the same facts.

Published documents hold canonical values (MWh, ratios, CNY); the report file holds figures as
printed. The way back chooses a printed form that carries the same value *and* precision: a ratio
0.3369 with decimals 4 becomes "33.69" %, and 80000 CNY with decimals -2 becomes "8.00" 萬元.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import defaultdict
from decimal import Decimal
from typing import Any

import yaml

from esgxbrl.catalogue import Catalogue, Concept, guide_name, load_catalogue, rulebook_using
from esgxbrl.catalogue.entries import CANONICAL_MEASURES
from esgxbrl.catalogue.obligations import RELIEF_MEMBERS
from esgxbrl.errors import EsgxbrlError
from esgxbrl.model.facts import Extension, ExtensionConcept, Fact, FactSet, Period
from esgxbrl.model.issuer_concepts import TEXT_TYPES, anchor_of, as_concept, type_of_item_type, type_samples
from esgxbrl.model.report import CONSOLIDATION_CONCEPT, ENVIRONMENTAL_TARGET_KINDS, TARGET_TEXTS
from esgxbrl.model.units import Unit
from esgxbrl.preparer.load import (
    CLIMATE_TARGETS,
    CONSOLIDATION_MEMBERS,
    ENVIRONMENTAL_TARGETS,
    LARGECAP_CONCEPT,
    LARGECAP_MEMBERS,
    LISTING_BOARD_CONCEPT,
    LISTING_BOARD_MEMBERS,
    RESTATED_FOOTNOTE,
    TargetSpec,
    restated_word,
)
from esgxbrl.xbrl import namespaces as ns

#: printed units used on the way back, by canonical measure, with the power of ten each stands for;
#: a figure too coarse for the first (1,200 t with decimals -2) is printed in the next ("1.2" kt)
_PRINTED = {"utr:tCO2e": ((0, "tCO2e"), (3, "ktCO2e")), "utr:MWh": ((0, "MWh"), (3, "GWh")),
            "utr:m3": ((0, "m3"), (3, "ML")), "utr:t": ((0, "t"), (3, "thousand tonnes"), (6, "million tonnes")),
            "utr:kg": ((0, "kg"), (3, "t"), (6, "thousand tonnes"), (9, "million tonnes")),
            "utr:sqm": ((0, "m²"),), "utr:km": ((0, "km"), (3, "thousand km"), (6, "million km")),
            "utr:m": ((0, "m"), (3, "km"), (6, "thousand km"), (9, "million km"))}
_QUANTITY_UNITS = {"hours": "小時", "days": "天"}
_MONEY_FACTORS = ((0, "元"), (4, "萬元"), (6, "百萬元"))
_DENOMINATORS = {"hkesg:Employee": "人", "utr:sqm": "平方米", "hkesg:Facility": "設施",
                 "hkesg:UnitProduced": "生產單位"}
_STATUS = {"DisclosedMember": "disclosed", "NotApplicableMember": "not-applicable",
           "NotDisclosedMember": "not-disclosed"}
_TIER = {"HighMaterialityMember": "high", "MediumMaterialityMember": "medium", "LowMaterialityMember": "low"}
_SCHEMES = {uri: name for name, uri in ns.ENTITY_SCHEMES.items()}
_SCHEME_OF_MEMBER = {member: name for name, member in ns.ENTITY_SCHEME_MEMBERS.items()}
_BOARD_OF_MEMBER = {member: board for board, member in LISTING_BOARD_MEMBERS.items()}
_LARGECAP_OF_MEMBER = {member: status for status, member in LARGECAP_MEMBERS.items()}
_RELIEF_OF_MEMBER = {member: relief for relief, member in RELIEF_MEMBERS.items()}
_APPROACH_OF_MEMBER = {member: approach for approach, member in CONSOLIDATION_MEMBERS.items()}
_TARGET_TYPES = {"AbsoluteTargetMember": "absolute", "IntensityTargetMember": "intensity"}


def _target_keys(spec: TargetSpec) -> dict[str, str]:
    """A target's concept -> its key in the report file."""
    return {concept: key for key, concept, _ in spec.texts} | {
        spec.type: "type", spec.base_year: "base_year", spec.target_year: "target_year",
        spec.base_value: "base_value", spec.reduction: "reduction", spec.progress: "progress"}


_TARGET_KEYS = _target_keys(CLIMATE_TARGETS) | _target_keys(ENVIRONMENTAL_TARGETS)
_TARGET_HTML = {concept for spec in (CLIMATE_TARGETS, ENVIRONMENTAL_TARGETS) for _, concept, as_html in spec.texts
                if as_html}


def _printed_number(value: Decimal, decimals: int) -> str:
    """The value as a figure with exactly `decimals` places (decimals >= 0)."""
    return f"{value:,.{decimals}f}"


def _shift(value: str, decimals: int | None, exponent: int) -> tuple[str, int]:
    """Divide by 10**exponent: the figure and precision as they would be printed."""
    scaled = Decimal(value).scaleb(-exponent)
    places = max(0, (decimals or 0) + exponent)
    return _printed_number(scaled, places), places


def printed_figure(fact: Fact, concept: Concept, catalogue: Catalogue) -> tuple[str, str]:
    """(value as printed, unit as printed) that canonicalise back to exactly this fact."""
    assert fact.unit is not None and fact.value is not None
    decimals = fact.decimals if fact.decimals is not None else 0
    measure = fact.unit.numerator[0]
    if concept.type == "percent":
        figure, _ = _shift(fact.value, decimals, -2)
        return figure, "%"
    if measure.startswith("iso4217:"):
        for exponent, unit in _MONEY_FACTORS:
            if decimals + exponent >= 0:
                figure, _ = _shift(fact.value, decimals, exponent)
                return figure, unit
    scales: tuple[tuple[int, str], ...]
    if measure in _PRINTED:
        scales = _PRINTED[measure]
    elif concept.quantity in _QUANTITY_UNITS:
        scales = ((0, _QUANTITY_UNITS[concept.quantity]),)
    else:
        scales = ((0, "人"),)
    per = f"/{_denominator_text(fact.unit)}" if fact.unit.denominator else ""
    for exponent, unit in scales:
        if decimals + exponent >= 0:
            figure, _ = _shift(fact.value, decimals, exponent)
            return figure, unit + per
    raise EsgxbrlError(f"{fact.id}: a precision of {decimals} decimals cannot be written as printed in "
                       f"{scales[-1][1]}")


def _denominator_text(unit: Unit) -> str:
    measure = unit.denominator[0]
    if measure.startswith("iso4217:"):
        return "元收入"
    if measure not in _DENOMINATORS:   # a declared denominator, named by its own name
        return measure.split(":", 1)[1]
    return _DENOMINATORS[measure]


def unit_text(catalogue: Catalogue, measure: str) -> str:
    """The first printed form of one `measure` (utr:km: "km"; xbrli:pure: "人")."""
    return next(spec.printed[0] for spec in catalogue.units if spec.measure == measure and spec.factor == 1)


def _unit_key(sample: Concept, measure: str) -> str:
    """The canonical unit key of an issuer concept whose facts are in `measure`."""
    if sample.unit in ("pure", "currency"):
        return sample.unit
    return next((k for k, m in CANONICAL_MEASURES.items() if m == measure), sample.unit or "")


_TAG = re.compile(r"<[^>]+>")


def _goal_of(member: str) -> int:
    """The goal number of an SDG member, as a QName or an expanded name (...#SustainableDevelopmentGoal13Member)."""
    return int(member.rsplit("Goal", 1)[1].removesuffix("Member"))


def from_html(text: str) -> str:
    """The XHTML of a text block back to the plain text it was made from."""
    blocks = []
    for block in re.findall(r"<(p|ul)>(.*?)</\1>", text, flags=re.S):
        kind, body = block
        if kind == "ul":
            items = re.findall(r"<li>(.*?)</li>", body, flags=re.S)
            blocks.append("\n".join(f"- {html.unescape(_TAG.sub('', item))}" for item in items))
        else:
            lines = body.split("<br/>")
            blocks.append("\n".join(html.unescape(_TAG.sub("", line)) for line in lines))
    if not blocks:
        return html.unescape(_TAG.sub("", text))
    return "\n\n".join(blocks)


class _Rebuilder:
    def __init__(self, facts: FactSet) -> None:
        self.facts = facts
        # the rulebook whose taxonomy the facts use; a document using none is read as the 2020 Guide
        self.catalogue = rulebook_using(uri for _, uri in facts.namespaces) or load_catalogue()
        self.ns = self.catalogue.regime.namespace
        self.prefix = self.catalogue.regime.prefix
        self.footnotes = {f.id: f for f in facts.footnotes}
        self.by_provision_member = {self.catalogue.qname(p.member): p for p in self.catalogue.provisions}
        self.sections: dict[str, str] = {}
        # stakeholder group member -> "concerns" / "channels" -> language -> items
        self.stakeholder_lists: dict[str, dict[str, dict[str, list[str]]]] = {}
        # target member -> what the report file gives of it, and the provision it is under
        self.targets: dict[str, dict[str, Any]] = {}
        self.target_provisions: dict[str, str] = {}
        self.target_axes = tuple(self.catalogue.qname(spec.axis) for spec in (CLIMATE_TARGETS, ENVIRONMENTAL_TARGETS)
                                 if self.catalogue.has_axis(spec.axis))
        self.issuer_concepts = _issuer_concepts(self.catalogue, facts)
        # denominator name -> its entry under `denominators:`; declared ones first, in the extension's order
        self.denominator_axis = (self.catalogue.qname("IntensityDenominatorAxis")
                                 if self.catalogue.has_axis("IntensityDenominatorAxis") else None)
        # a member of the denominator axis that no value or intensity uses may as well be under `members:`
        used = {m.split(":", 1)[1] for f in facts.facts if f.unit is not None for m in f.unit.denominator} | {
            self.local(member).removesuffix("Member") for f in facts.facts for axis, member in f.dimensions
            if axis == self.denominator_axis}
        self.denominators: dict[str, dict[str, Any]] = {
            m.name.removesuffix("Member"): {"name": m.name.removesuffix("Member"), "label": dict(m.labels)}
            for m in (facts.extension.members if facts.extension else ())
            if m.axis == self.denominator_axis and m.name.removesuffix("Member") in used}
        self.denominator_measures: dict[str, str] = {}
        self.standard_denominators = {d.concept for d in self.catalogue.denominators if d.concept} - {
            "NumberOfEmployees"}

    def local(self, qname: str) -> str:
        return qname.split(":", 1)[1]

    def stakeholder(self, member: str, name: dict[str, str], index: int) -> dict[str, Any]:
        entry: dict[str, Any] = {"name": name}
        if member != f"StakeholderGroup{index + 1}Member":   # an id of the issuer's own
            entry = {"id": member.removesuffix("Member"), **entry}
        for key, lists in self.stakeholder_lists.get(member, {}).items():
            entry[key] = _items_by_language(lists)
        return entry

    def notes_of(self, fact: Fact, notes: dict[str, dict[str, Any]],
                 footnote_ids: tuple[str, ...] | None = None) -> list[str]:
        ids: list[str] = []
        for footnote_id in fact.footnotes if footnote_ids is None else footnote_ids:
            footnote = self.footnotes[footnote_id]
            note_id = footnote_id.removeprefix("fn-").removesuffix(f"-{footnote.lang}")
            notes.setdefault(note_id, {"text": {}})["text"][footnote.lang] = footnote.text
            if note_id not in ids:
                ids.append(note_id)
        return ids

    def section_id(self, title: str) -> str:
        if title not in self.sections:
            self.sections[title] = f"section-{len(self.sections) + 1}"
        return self.sections[title]

    def build(self) -> dict[str, Any]:
        facts = self.facts
        year_facts = [f for f in facts.facts if f.concept == f"{self.prefix}:ReportingGuideApplied"]
        fy: Period = year_facts[0].period if year_facts else facts.facts[0].period
        assert fy.start is not None
        scheme = _SCHEMES.get(facts.entity_scheme)
        if scheme is None:
            raise EsgxbrlError(f"unknown entity identifier scheme {facts.entity_scheme}")
        currencies = sorted({m.split(":")[1] for f in facts.facts if f.unit
                             for m in (*f.unit.numerator, *f.unit.denominator) if m.startswith("iso4217:")})
        report: dict[str, Any] = {
            "format": "esgxbrl/1", "guide": guide_name(self.catalogue),
            "entity": {"name": {}, "identifiers": [{"scheme": scheme, "value": facts.entity_identifier}]},
            "period": {"start": fy.start, "end": fy.end},
            "currency": currencies[0] if currencies else "HKD",
            "report": {"title": {}, "language": facts.document_language},
        }
        notes: dict[str, dict[str, Any]] = {}
        provisions: dict[str, dict[str, Any]] = {p.id: {} for p in self.catalogue.provisions}
        materiality: dict[str, dict[str, Any]] = {}
        sdgs: dict[int, dict[str, Any]] = {}
        for fact in facts.facts:
            self.place(fact, fy, report, provisions, notes, materiality, sdgs)
        if self.sections:
            report["report"]["sections"] = [{"id": i, "title": t} for t, i in self.sections.items()]
        if facts.extension is not None:
            members: dict[str, list[dict[str, Any]]] = defaultdict(list)
            topic_axis = self.catalogue.qname("MaterialTopicAxis")
            group_axis = self.catalogue.qname("StakeholderGroupAxis")
            stakeholders: list[dict[str, Any]] = []
            issuer_axes: dict[str, dict[str, Any]] = {
                axis.name.removesuffix("Axis"): {"name": axis.name.removesuffix("Axis"),
                                                 "label": dict(axis.labels), "members": []}
                for axis in facts.extension.axes}
            for member in facts.extension.members:
                if member.axis in self.target_axes:
                    self.targets.setdefault(member.name, {})["label"] = dict(member.labels)
                    if member.axis == self.catalogue.qname(ENVIRONMENTAL_TARGETS.axis):
                        self.target_provisions.setdefault(member.name, self._holder_of_bare_target(provisions))
                    continue
                if member.axis == self.denominator_axis and member.name.removesuffix("Member") in self.denominators:
                    continue
                if member.axis == topic_axis:
                    materiality.setdefault(member.name, {})  # a topic may have neither tier nor rank
                    continue
                if member.axis == group_axis:
                    stakeholders.append(self.stakeholder(member.name, dict(member.labels), len(stakeholders)))
                    continue
                short = self.local(member.axis).removesuffix("Axis")
                if short in issuer_axes:
                    issuer_axes[short]["members"].append({"name": member.name.removesuffix("Member"),
                                                          "label": dict(member.labels)})
                    continue
                members[short].append({"name": member.name.removesuffix("Member"), "label": dict(member.labels)})
            if members:
                report["members"] = dict(members)
            if issuer_axes:
                report["axes"] = list(issuer_axes.values())
            if stakeholders:
                report["stakeholders"] = stakeholders
            if facts.extension.concepts:
                report["concepts"] = [self.concept_entry(c) for c in facts.extension.concepts]
        if self.denominators:
            report["denominators"] = [self.denominator_entry(entry) for entry in self.denominators.values()]
        for name, entry in self.targets.items():
            holder = self.target_provisions.get(name) or self.catalogue.concept(TARGET_TEXTS[0][1]).provision
            assert holder is not None
            provisions[holder].setdefault("targets", []).append(_target_entry(name, entry))
        if notes:
            report["notes"] = notes
        if materiality:
            labels = {m.name: dict(m.labels) for m in (facts.extension.members if facts.extension else ())}
            report.setdefault("materiality", {})["topics"] = [
                {"id": name.removesuffix("Member"), "label": labels.get(name, {"en": name}), **entry}
                for name, entry in materiality.items()]
        if sdgs:
            report["sdgs"] = [sdgs[g] for g in sorted(sdgs)]
        report["provisions"] = {k: v for k, v in provisions.items() if v}
        if "excerpt" in report:   # the provisions a published excerpt carries are those it gives a status
            report["excerpt"]["provisions"] = [k for k, v in report["provisions"].items() if "status" in v]
            report["excerpt"] = report.pop("excerpt")
        if "listing" in report:   # where a report file has it: after the rulebook
            listing = report.pop("listing")
            report = {"format": report.pop("format"), "guide": report.pop("guide"),
                      "listing": {k: listing[k] for k in ("board", "largecap") if k in listing}, **report}
        return report

    def place(self, fact: Fact, fy: Period, report: dict[str, Any], provisions: dict[str, dict[str, Any]],
              notes: dict[str, dict[str, Any]], materiality: dict[str, dict[str, Any]],
              sdgs: dict[int, dict[str, Any]]) -> None:
        name = self.local(fact.concept)
        dims = dict(fact.dimensions)
        provision_member = dims.get(f"{self.prefix}:ProvisionAxis")
        lang = fact.language or "en"
        value = fact.value or ""
        if name == "EntityRegisteredName":
            report["entity"]["name"][lang] = value
        elif name == "EntityIdentifier":
            scheme = _SCHEME_OF_MEMBER[self.local(dims[f"{self.prefix}:EntityIdentifierSchemeAxis"])]
            identifiers = report["entity"]["identifiers"]
            if {"scheme": scheme, "value": value} != identifiers[0]:   # the first is the contexts' entity
                identifiers.append({"scheme": scheme, "value": value})
        elif name == "EsgReportTitle":
            report["report"]["title"][lang] = value
        elif name in ("BoardApprovalOfEsgReportMonth", "BoardApprovalOfEsgReportDate"):
            report["report"]["board_approval"] = value
        elif name == "AuthoritativeLanguageOfEsgReport":
            report["report"]["authoritative_language"] = value
        elif name == "ReportingGuideApplied":
            return
        elif name == "ExcerptOfEsgReportDescription":
            report.setdefault("excerpt", {"what": {}})["what"][lang] = value
        elif name == LISTING_BOARD_CONCEPT:
            report.setdefault("listing", {})["board"] = _BOARD_OF_MEMBER[value.split("#", 1)[1]]
        elif name == LARGECAP_CONCEPT:
            report.setdefault("listing", {})["largecap"] = _LARGECAP_OF_MEMBER[value.split("#", 1)[1]]
        elif (target_axis := next((a for a in self.target_axes if a in dims), None)) is not None:
            member = self.local(dims[target_axis])
            if provision_member is not None:
                self.target_provisions[member] = self.by_provision_member[provision_member].id
            self.target_fact(fact, name, member, notes)
        elif fact.concept in self.issuer_concepts:
            self.issuer_fact(fact, fy, provisions, notes)
        elif name in self.standard_denominators or name == "IntensityDenominator":
            self.denominator_value(fact, fy, notes)
        elif name == CONSOLIDATION_CONCEPT:
            holder = self.catalogue.concept(name).provision
            assert holder is not None
            provisions[holder]["consolidation_approach"] = _APPROACH_OF_MEMBER[value.split("#", 1)[1]]
        elif provision_member is not None:
            entry = provisions[self.by_provision_member[provision_member].id]
            if name == "DisclosureStatus":
                entry["status"] = _STATUS[value.split("#", 1)[1]]
                if fact.footnotes:
                    entry["notes"] = self.notes_of(fact, notes)
            elif name == "ExplanationForNotDisclosing":
                entry.setdefault("explanation", {})[lang] = from_html(value)
            elif name == "LocationOfDisclosureInReport":
                entry.setdefault("location", {})[lang] = value
            elif name == "SustainableDevelopmentGoalsAdvancedByProvision":
                entry["sdgs"] = sorted(_goal_of(v) for v in value.split())
            elif name == "ImplementationReliefsUsedByProvision":
                entry["reliefs"] = [_RELIEF_OF_MEMBER[v.split("#", 1)[1]] for v in value.split()]
        elif name in ("MaterialTopicTier", "MaterialTopicRank"):
            topic = self.local(dims[f"{self.prefix}:MaterialTopicAxis"])
            if name == "MaterialTopicTier":
                materiality.setdefault(topic, {})["tier"] = _TIER[value.split("#", 1)[1]]
            else:
                materiality.setdefault(topic, {})["rank"] = int(value)
        elif name in ("StakeholderGroupConcernsExplanatory", "StakeholderGroupEngagementChannelsExplanatory"):
            group = self.local(dims[f"{self.prefix}:StakeholderGroupAxis"])
            key = "concerns" if name == "StakeholderGroupConcernsExplanatory" else "channels"
            items = [line.removeprefix("- ") for line in from_html(value).splitlines()]
            self.stakeholder_lists.setdefault(group, {}).setdefault(key, {})[lang] = items
        elif name == "MaterialityAssessmentProcessExplanatory":
            report.setdefault("materiality", {}).setdefault("method", {})[lang] = from_html(value)
        elif name == "SustainableDevelopmentGoalsAddressed":
            # every goal the report addresses; the notes of goals without sections hang on this fact
            for goal in (_goal_of(v) for v in value.split()):
                sdgs.setdefault(goal, {"goal": goal})
            for footnote_id in fact.footnotes:
                footnote = self.footnotes[footnote_id]
                goal = int(footnote_id.removeprefix("fn-sdg-").split("-", 1)[0])
                sdgs[goal].setdefault("note", {})[footnote.lang] = footnote.text
        elif name == "ReportSectionsAddressingSustainableDevelopmentGoal":
            goal = _goal_of(dims[f"{self.prefix}:SustainableDevelopmentGoalAxis"])
            link: dict[str, Any] = {"goal": goal, "sections": [self.section_id(t) for t in value.split("；")]}
            if fact.footnotes:
                text = {self.footnotes[f].lang: self.footnotes[f].text for f in fact.footnotes}
                link["note"] = text
            sdgs[goal] = link
        else:
            concept = self.catalogue.concept(name)
            assert concept.provision is not None
            entry = provisions[concept.provision]
            if concept.is_text_block:
                entry.setdefault("narrative", {}).setdefault(name, {})[lang] = from_html(value)
                return
            entry.setdefault("facts", []).append(self.figure_item(fact, concept, fy, notes))

    def figure_item(self, fact: Fact, concept: Concept, fy: Period,
                    notes: dict[str, dict[str, Any]]) -> dict[str, Any]:
        """A figure under `facts:`, with its breakdown, year, notes and restatement."""
        figure, unit = printed_figure(fact, concept, self.catalogue)
        item: dict[str, Any] = {"concept": self.local(fact.concept), "value": figure, "unit": unit}
        by = {self.local(axis).removesuffix("Axis"): self.local(member).removesuffix("Member")
              for axis, member in fact.dimensions}
        if by:
            item["by"] = by
        if fact.period.end != fy.end:   # a prior year's figure, a flow or a balance at its end
            item["period"] = fact.period.end.year
        reasons: dict[str, str] = {}
        other: list[str] = []
        for footnote_id in fact.footnotes:
            footnote = self.footnotes[footnote_id]
            word = restated_word(footnote.lang)
            if footnote_id.startswith(RESTATED_FOOTNOTE) and footnote.text.startswith(word):
                reasons[footnote.lang] = footnote.text.removeprefix(word)
            else:
                other.append(footnote_id)
        if other:
            item["notes"] = self.notes_of(fact, notes, tuple(other))
        if reasons:
            item["restated"] = {"reason": reasons}
        return item

    def issuer_fact(self, fact: Fact, fy: Period, provisions: dict[str, dict[str, Any]],
                    notes: dict[str, dict[str, Any]]) -> None:
        """A fact of one of the issuer's own concepts, under the provision of its anchor."""
        published, concept = self.issuer_concepts[fact.concept]
        entry = provisions[_provision_of(self.catalogue, published)]
        if concept.type in TEXT_TYPES:
            text = from_html(fact.value or "") if concept.is_text_block else fact.value or ""
            entry.setdefault("narrative", {}).setdefault(published.name, {})[fact.language or "en"] = text
            return
        entry.setdefault("facts", []).append(self.figure_item(fact, concept, fy, notes))

    def concept_entry(self, published: ExtensionConcept) -> dict[str, Any]:
        """An issuer concept under `concepts:`."""
        concept = self.issuer_concepts[f"{self.facts_extension.prefix}:{published.name}"][1]
        entry: dict[str, Any] = {"name": published.name, "label": dict(published.labels), "type": concept.type}
        if concept.unit is not None and concept.unit not in ("pure", "currency"):
            entry["unit"] = unit_text(self.catalogue, CANONICAL_MEASURES[concept.unit])
        if published.period == "instant":
            entry["period"] = "instant"
        entry["provision"] = _provision_of(self.catalogue, published)
        entry["anchor"] = self.local(published.anchor)
        if published.relationship != "narrower":
            entry["relationship"] = published.relationship
        return entry

    @property
    def facts_extension(self) -> Extension:
        assert self.facts.extension is not None
        return self.facts.extension

    def denominator_value(self, fact: Fact, fy: Period, notes: dict[str, dict[str, Any]]) -> None:
        """A value of a standard denominator (Revenue, FloorArea) or of one the report declares."""
        name = self.local(fact.concept)
        if name == "IntensityDenominator":
            assert self.denominator_axis is not None and fact.unit is not None
            name = self.local(dict(fact.dimensions)[self.denominator_axis]).removesuffix("Member")
            self.denominator_measures.setdefault(name, fact.unit.numerator[0])
        figure, unit = printed_figure(fact, self.catalogue.concept(self.local(fact.concept)), self.catalogue)
        value: dict[str, Any] = {"value": figure, "unit": unit}
        if fact.period.end != fy.end:
            value["period"] = fact.period.end.year
        if fact.footnotes:
            value["notes"] = self.notes_of(fact, notes)
        self.denominators.setdefault(name, {"name": name}).setdefault("values", []).append(value)

    def denominator_entry(self, entry: dict[str, Any]) -> dict[str, Any]:
        """A denominator under `denominators:`: a declared one names itself in the intensities per it."""
        if "label" not in entry:   # a standard denominator: values only
            return entry
        # without a value, its own unit shows nowhere in the facts: any count will do
        measure = self.denominator_measures.get(entry["name"], "xbrli:pure")
        return {"name": entry["name"], "label": entry["label"], "unit": unit_text(self.catalogue, measure),
                "printed": [entry["name"]], **({"values": entry["values"]} if "values" in entry else {})}

    def _holder_of_bare_target(self, provisions: dict[str, dict[str, Any]]) -> str:
        """Where a target without a single fact goes: it names no provision, so under the first disclosed one
        of those that ask for targets."""
        return next((p for p in ENVIRONMENTAL_TARGET_KINDS if provisions.get(p, {}).get("status") == "disclosed"),
                    next(iter(ENVIRONMENTAL_TARGET_KINDS)))

    def target_fact(self, fact: Fact, name: str, member: str, notes: dict[str, dict[str, Any]]) -> None:
        target = self.targets.setdefault(member, {})
        value = fact.value or ""
        if fact.footnotes:
            target["notes"] = self.notes_of(fact, notes)   # a target's notes hang on each of its facts
        key = _TARGET_KEYS[name]
        if key == "type":
            target["type"] = _TARGET_TYPES[value.split("#", 1)[1]]
        elif key in ("base_year", "target_year"):
            target[key] = int(value)
        elif key in ("reduction", "progress"):
            target[key] = printed_figure(fact, self.catalogue.concept(name), self.catalogue)[0]
        elif key == "base_value":
            figure, unit = printed_figure(fact, self.catalogue.concept(name), self.catalogue)
            target["base_value"] = {"value": figure, "unit": unit}
        else:
            text = from_html(value) if name in _TARGET_HTML else value
            target.setdefault(key, {})[fact.language or "en"] = text


#: the order of a target's keys in a report file
_TARGET_ORDER = ("label", "description", "metric", "type", "scope", "base_year", "base_value", "target_year",
                 "reduction", "milestones", "carbon_credits", "progress", "notes")


def _target_entry(member: str, entry: dict[str, Any]) -> dict[str, Any]:
    return {"id": member.removesuffix("Member"), **{key: entry[key] for key in _TARGET_ORDER if key in entry}}


def _issuer_concepts(catalogue: Catalogue, facts: FactSet) -> dict[str, tuple[ExtensionConcept, Concept]]:
    """The issuer's concepts by QName, as published and as the catalogue's Concept; a figure's unit is that of
    its facts (MWh for an energy concept), or its anchor's when it has none."""
    if facts.extension is None:
        return {}
    measures: dict[str, str] = {}
    for fact in facts.facts:
        if fact.unit is not None:
            measures.setdefault(fact.concept, fact.unit.numerator[0])
    samples = type_samples(catalogue)
    found: dict[str, tuple[ExtensionConcept, Concept]] = {}
    for published in facts.extension.concepts:
        qname = f"{facts.extension.prefix}:{published.name}"
        type_name = type_of_item_type(catalogue, published.item_type) or "string"
        sample = samples[type_name]
        anchor = anchor_of(catalogue, published)
        unit: str | None = None
        if type_name not in TEXT_TYPES:
            if qname in measures:
                unit = _unit_key(sample, measures[qname])
            elif anchor is not None and anchor.type == type_name and anchor.unit is not None:
                unit = anchor.unit
            else:
                unit = sample.unit
        found[qname] = (published, as_concept(catalogue, published, unit))
    return found


def _provision_of(catalogue: Catalogue, published: ExtensionConcept) -> str:
    anchor = anchor_of(catalogue, published)
    if anchor is None or anchor.provision is None:
        raise EsgxbrlError(f"the issuer concept {published.name} is anchored to {published.anchor}, "
                           "which is no concept of a provision")
    return anchor.provision


def _items_by_language(lists: dict[str, list[str]]) -> list[dict[str, str]]:
    """Lists of the same items, one per language, as one list of localized items."""
    count = max((len(items) for items in lists.values()), default=0)
    return [{lang: items[index] for lang, items in sorted(lists.items()) if index < len(items)}
            for index in range(count)]


def _represent_date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(dt.date, _represent_date)


def report_data(facts: FactSet) -> dict[str, Any]:
    """The data of the report file that exports to `facts` again (what a report file reads into)."""
    return _Rebuilder(facts).build()


def report_yaml(facts: FactSet) -> str:
    """The report file that exports to `facts` again."""
    data = report_data(facts)
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    header = ("# yaml-language-server: $schema=esgxbrl-report.schema.json\n"
              "# Rebuilt by `esgxbrl import` from a published document: figures are in canonical units.\n")
    return header + body
