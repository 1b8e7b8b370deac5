"""Compare two years' reports: every figure per concept and breakdown, and every status change.

`diff_files(old, new)` reads both files the way `esgxbrl check` does (never raising for a report
with errors), pairs the figures of each report's own reporting period by concept, breakdown and
unit, and lists the change and the change in per cent, provision by provision in the guide's order
with the differences first in each (the table for people hides unchanged figures unless asked;
the JSON lists every figure with its provision). It also lists provisions whose status
changed, figures of the earlier year that the later report restates, and it tests what the later
report's narrative says about its own changes ("電力消耗同比下降35%", "down 35% on last year")
against the two years' figures. That last test is a heuristic: it reports, it never blocks.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from esgxbrl.catalogue import Catalogue, guide_name
from esgxbrl.errors import Finding
from esgxbrl.model.facts import Fact, Period
from esgxbrl.preparer.check import Gathered, Narrative, gather, narratives, provision_statuses, text_table
from esgxbrl.preparer.check.text import local_name, show
from esgxbrl.preparer.load import RESTATED_WORDS
from esgxbrl.preparer.migrate import TEXT_MOVES

Breakdown = tuple[tuple[str, str], ...]          # ((axis local name, member local name), ...)
Key = tuple[str, Breakdown, str]                   # (concept, breakdown, unit)
ChangeKind = Literal["changed", "unchanged", "new", "dropped"]

#: words a narrative uses for a figure, and the figures (concept, breakdown) they may mean, first
#: match first; more specific groups come before the general ones that contain their words
CHANGE_TERMS: tuple[tuple[tuple[str, ...], tuple[tuple[str, Breakdown], ...]], ...] = (
    (("範圍1", "范围1", "範圍一", "scope 1"), (("Scope1GreenhouseGasEmissions", ()),)),
    (("範圍2", "范围2", "範圍二", "scope 2"), (("Scope2GreenhouseGasEmissions", ()),)),
    (("範圍3", "范围3", "範圍三", "scope 3"), (("Scope3GreenhouseGasEmissions", ()),)),
    (("溫室氣體", "温室气体", "碳排放", "greenhouse gas", "ghg", "carbon emissions"),
     (("TotalGreenhouseGasEmissions", ()), ("Scope1And2GreenhouseGasEmissions", ()))),
    (("電力", "电力", "耗電", "耗电", "用電", "用电", "electricity"),
     (("TotalEnergyConsumption", (("EnergyTypeAxis", "ElectricityMember"),)), ("IndirectEnergyConsumption", ()))),
    (("能源", "能耗", "energy"), (("TotalEnergyConsumption", ()),)),
    (("耗水", "用水", "water"), (("WaterConsumption", ()),)),
    (("無害廢棄物", "无害废弃物", "non-hazardous waste"), (("NonHazardousWasteProduced", ()),)),
    (("有害廢棄物", "危險廢棄物", "有害废弃物", "危险废弃物", "hazardous waste"), (("HazardousWasteProduced", ()),)),
    (("投訴", "投诉", "complaint"), (("NumberOfProductAndServiceRelatedComplaintsReceived", ()),)),
    (("流失率", "turnover"), (("EmployeeTurnoverRate", ()),)),
    (("員工", "员工", "僱員", "雇员", "employees", "headcount"), (("NumberOfEmployees", ()),)),
    (("供應商", "供应商", "供貨商", "suppliers"), (("NumberOfSuppliers", ()),)),
    (("捐款", "捐贈", "捐赠", "donation"), (("MoneyContributedToCommunity", ()),)),
    (("志願", "志愿", "義工", "义工", "volunteer"), (("VolunteerHoursContributedToCommunity", ()),)),
)

_UP = r"上升|增加|增長|增长|提升|提高|上漲|上涨|增多"
_DOWN = r"下降|減少|减少|降低|減低|减低|下跌|縮減|缩减"
_NUMBER = r"(\d+(?:\.\d+)?)\s*(?:%|％|per\s*cent|percent)"
_STATEMENTS = (
    re.compile(rf"({_UP}|{_DOWN})(?:了|約|约|超過|超过|近|逾|達|达|\s)*{_NUMBER}"),
    re.compile(rf"\b(increased?|increasing|rose|risen|rise|up|higher|grew|grown|decreased?|decreasing|fell|fallen|"
               rf"down|lower|reduced?|reduction|declined?|dropped)\b(?:\s+(?:by|of|about|around|some|nearly|"
               rf"approximately))*\s+{_NUMBER}", re.IGNORECASE),
)
_DOWN_WORDS = re.compile(rf"^(?:{_DOWN}|decrease|decreased|decreasing|fell|fallen|down|lower|reduce|reduced|"
                         r"reduction|decline|declined|dropped)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。；;！!？?\n]|\.(?:\s|$)")


@dataclass(frozen=True)
class ValueChange:
    concept: str
    provision: str | None
    breakdown: Breakdown
    unit: str
    old: Decimal | None
    new: Decimal | None
    old_decimals: int | None
    new_decimals: int | None
    percent: bool                      # a ratio shown as a percentage (change in points)
    #: the earlier report's provision for the concept where its rulebook files it elsewhere: a 2020
    #: Guide report's A1.2 Scope 1 is the Code's D-MET-1 Scope 1 (the Code keeps the concept)
    old_provision: str | None = None

    @property
    def provision_shown(self) -> str:
        if self.old_provision and self.provision is None:
            return f"{self.old_provision} (removed)"   # a concept the later rulebook does not have
        if self.old_provision and self.old_provision != self.provision:
            return f"{self.old_provision} → {self.provision or ''}"
        return self.provision or ""

    @property
    def kind(self) -> ChangeKind:
        if self.old is None:
            return "new"
        if self.new is None:
            return "dropped"
        return "unchanged" if self.old == self.new else "changed"

    @property
    def change(self) -> Decimal | None:
        return None if self.old is None or self.new is None else self.new - self.old

    @property
    def change_percent(self) -> Decimal | None:
        change = self.change
        if change is None or self.old is None or self.old == 0:
            return None
        exact = change / self.old * 100
        rounded = exact.quantize(Decimal("0.1"))
        # a change too small for one decimal still shows, to one significant figure, rather than as 0.0
        return exact.quantize(Decimal(1).scaleb(exact.adjusted())) if rounded == 0 and exact else rounded

    def shown(self, value: Decimal | None, decimals: int | None) -> str:
        if value is None:
            return "-"
        if self.percent:
            value, decimals = value * 100, None if decimals is None else decimals - 2
        if decimals is not None and decimals >= 0:
            value = value.quantize(Decimal(1).scaleb(-decimals))
        return show(value)

    def as_dict(self) -> dict[str, object]:
        places = max(d for d in (self.old_decimals, self.new_decimals, 0) if d is not None)
        return {
            "concept": self.concept, "provision": self.provision,
            # only where the earlier rulebook files the figure elsewhere (A1.2 -> D-MET-1)
            **({"old_provision": self.old_provision}
               if self.old_provision and self.old_provision != self.provision else {}),
            "breakdown": {axis: member for axis, member in self.breakdown},
            "unit": self.unit, "kind": self.kind,
            "old": self.shown(self.old, self.old_decimals) if self.old is not None else None,
            "new": self.shown(self.new, self.new_decimals) if self.new is not None else None,
            "change": self.shown(self.change, places) if self.change is not None else None,
            "change_percent": show(self.change_percent) if self.change_percent is not None else None,
        }


@dataclass(frozen=True)
class StatusChange:
    """A provision whose status changed, or that only one of the two reports' rulebooks has."""

    provision: str
    old: str                           # "-" where the earlier rulebook has no such provision
    new: str                           # "-" where the later rulebook removed it
    kind: Literal["changed", "new", "dropped"] = "changed"
    #: for a dropped provision: the later rulebook's provisions that ask for what it held
    moved_to: tuple[str, ...] = ()
    #: the rulebook (`guide:`) that added or removed the provision
    rulebook: str | None = None

    def note(self) -> str:
        if self.kind == "new":
            return f"new in {self.rulebook}"
        if self.kind == "dropped":
            moved = f"; moved to {', '.join(self.moved_to)}" if self.moved_to else ""
            return f"removed by {self.rulebook}{moved}"
        return ""

    def as_dict(self) -> dict[str, object]:
        shown: dict[str, object] = {"provision": self.provision, "old": self.old, "new": self.new,
                                    "kind": self.kind}
        if self.kind != "changed":
            shown["rulebook"] = self.rulebook
        if self.kind == "dropped":
            shown["moved_to"] = list(self.moved_to)
        return shown


@dataclass(frozen=True)
class YearValues:
    """One figure over the years both reports carry (a report printing three or more years side by side):
    for each year, its value in the earlier and in the later report."""

    concept: str
    provision: str | None
    breakdown: Breakdown
    unit: str
    percent: bool
    #: (year title, earlier report's value and decimals, later report's value and decimals), oldest first
    years: tuple[tuple[str, Decimal | None, int | None, Decimal | None, int | None], ...]

    def cell(self, old: Decimal | None, old_decimals: int | None, new: Decimal | None,
             new_decimals: int | None) -> str:
        shown = ValueChange(self.concept, self.provision, self.breakdown, self.unit, old, new, old_decimals,
                            new_decimals, self.percent)
        if old is None or new is None or old == new:
            return shown.shown(new if new is not None else old, new_decimals if new is not None else old_decimals)
        return f"{shown.shown(old, old_decimals)} → {shown.shown(new, new_decimals)}"

    def year_cell(self, title: str) -> str:
        for year, old, old_decimals, new, new_decimals in self.years:
            if year == title:
                return self.cell(old, old_decimals, new, new_decimals)
        return "-"

    def as_dict(self) -> dict[str, object]:
        return {"concept": self.concept, "provision": self.provision,
                "breakdown": {axis: member for axis, member in self.breakdown}, "unit": self.unit,
                "years": {title: {"old": None if old is None else self.cell(old, od, None, None),
                                  "new": None if new is None else self.cell(None, None, new, nd)}
                          for title, old, od, new, nd in self.years}}


@dataclass(frozen=True)
class DiffReport:
    old_file: str
    new_file: str
    old_label: str
    new_label: str
    values: tuple[ValueChange, ...]
    statuses: tuple[StatusChange, ...]
    findings: tuple[Finding, ...]
    readable: bool
    #: figures both reports carry for more than one year, each year shown
    years: tuple[YearValues, ...] = ()

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(("changed", "unchanged", "new", "dropped"), 0)
        for value in self.values:
            counts[value.kind] += 1
        return counts

    def as_dict(self) -> dict[str, object]:
        return {
            "old": {"file": self.old_file, "period": self.old_label},
            "new": {"file": self.new_file, "period": self.new_label},
            "summary": {**self.counts(), "status_changes": len(self.statuses), "readable": self.readable},
            "values": [v.as_dict() for v in self.values],
            "statuses": [s.as_dict() for s in self.statuses],
            # only when both reports carry several years of a figure
            **({"years": [y.as_dict() for y in self.years]} if self.years else {}),
            "findings": [f.as_dict() for f in self.findings],
        }



def _own_period(fact: Fact, period: Period) -> bool:
    if fact.period.start is None:
        return fact.period.end == period.end
    return fact.period == period


class _Side:
    """One report's figures, keyed by concept, breakdown and unit, for one period."""

    def __init__(self, gathered: Gathered) -> None:
        self.g = gathered
        self.period = gathered.period
        self.facts = gathered.facts.facts if gathered.facts else ()

    def figures(self, period: Period | None) -> dict[Key, Fact]:
        found: dict[Key, Fact] = {}
        if period is None:
            return found
        for fact in self.facts:
            if fact.is_numeric and fact.value is not None and _own_period(fact, period):
                found[_key(fact)] = fact
        return found

    def statuses(self) -> dict[str, str]:
        return provision_statuses(self.g)

    def by_year(self) -> dict[Key, dict[Period, Fact]]:
        """Every figure of every whole year the report carries, by key and period."""
        found: dict[Key, dict[Period, Fact]] = {}
        for fact in self.facts:
            if not fact.is_numeric or fact.value is None:
                continue
            period = fact.period
            if period.start is None:   # an instant: the year that ends on it
                period = Period(period.end, _year_start(period.end))
            if _whole_year(period):
                found.setdefault(_key(fact), {})[period] = fact
        return found


def _key(fact: Fact) -> Key:
    breakdown = tuple((local_name(a), local_name(m)) for a, m in fact.dimensions)
    unit = "" if fact.unit is None else str(fact.unit)
    return local_name(fact.concept), breakdown, unit


def _unit_label(gathered: Gathered, concept_name: str, unit: str) -> str:
    catalogue = gathered.catalogue
    concept = catalogue.concept(concept_name) if catalogue.has_concept(concept_name) else None
    numerator, _, denominator = unit.partition("/")
    shown = "*".join(local_name(m) for m in numerator.split("*"))
    if shown == "pure":
        if concept is None:
            shown = ""
        elif concept.type == "percent":
            shown = "%"
        else:
            shown = concept.quantity or "number"
    if denominator:
        shown += "/" + "*".join(local_name(m) for m in denominator.split("*"))
    return shown


def _year_start(end: dt.date) -> dt.date:
    """The first day of the year that ends on `end`."""
    following = end + dt.timedelta(days=1)
    try:
        return following.replace(year=following.year - 1)
    except ValueError:  # a year that ends on 28 February after a leap day
        return dt.date(following.year - 1, 3, 1)


def _whole_year(period: Period) -> bool:
    """Whether a period is one calendar or financial year: from a date to the day before its anniversary."""
    if period.start is None:
        return False
    start = period.start
    # a year from 29 February ends on 28 February
    anniversary = dt.date(start.year + 1, 3, 1) if (start.month, start.day) == (2, 29) else \
        start.replace(year=start.year + 1)
    return period.end == anniversary - dt.timedelta(days=1)


def _year_title(period: Period) -> str:
    """'2023' for a calendar year, '2023/24' for a financial year from April 2023 to March 2024."""
    assert period.start is not None
    if (period.start.month, period.start.day) == (1, 1):
        return str(period.start.year)
    return f"{period.start.year}/{period.end.year % 100:02d}"


def period_title(period: Period | None, other: Period | None) -> str:
    """A period's column title: its year when both periods are whole years, else its dates."""
    if period is None:
        return "?"
    if _whole_year(period) and (other is None or _whole_year(other)):
        return _year_title(period)
    return period.key()


class _Differ:
    def __init__(self, old: Gathered, new: Gathered) -> None:
        self.old, self.new = _Side(old), _Side(new)
        self.findings: list[Finding] = []
        self.old_figures = self.old.figures(self.old.period)
        self.new_figures = self.new.figures(self.new.period)

    def values(self) -> tuple[ValueChange, ...]:
        """Every figure of either year, by provision in the guide's order, the differences first in each."""
        catalogue = self.new.g.catalogue
        earlier = self.old.g.catalogue
        order = {c.name: i for i, c in enumerate(catalogue.concepts)}
        keys = sorted(set(self.old_figures) | set(self.new_figures), key=lambda k: (order.get(k[0], 10**6), k))
        changes = []
        for key in keys:
            concept_name, breakdown, unit = key
            old, new = self.old_figures.get(key), self.new_figures.get(key)
            concept = catalogue.concept(concept_name) if catalogue.has_concept(concept_name) else None
            changes.append(ValueChange(
                concept_name, concept.provision if concept else None, breakdown,
                _unit_label(self.new.g, concept_name, unit),
                Decimal(old.value) if old and old.value else None, Decimal(new.value) if new and new.value else None,
                old.decimals if old else None, new.decimals if new else None,
                concept is not None and concept.type == "percent",
                earlier.concept(concept_name).provision if earlier.has_concept(concept_name) else None))
        provisions = {p.id: i for i, p in enumerate(catalogue.provisions)}
        # a stable sort: within a provision and kind, figures keep the catalogue's order
        return tuple(sorted(changes, key=lambda v: (provisions.get(v.provision or "", len(provisions)),
                                                    v.kind == "unchanged")))

    def years(self) -> tuple[YearValues, ...]:
        """Figures both reports carry for more than one year: each year, as each report gives it."""
        catalogue = self.new.g.catalogue
        old_years, new_years = self.old.by_year(), self.new.by_year()
        order = {c.name: i for i, c in enumerate(catalogue.concepts)}
        rows = []
        for key in sorted(set(old_years) & set(new_years), key=lambda k: (order.get(k[0], 10**6), k)):
            old, new = old_years[key], new_years[key]
            if len(old) < 2 or len(new) < 2:
                continue
            concept = catalogue.concept(key[0]) if catalogue.has_concept(key[0]) else None
            years = []
            for period in sorted(set(old) | set(new)):
                before, after = old.get(period), new.get(period)
                years.append((_year_title(period), Decimal(before.value) if before and before.value else None,
                              before.decimals if before else None,
                              Decimal(after.value) if after and after.value else None,
                              after.decimals if after else None))
            rows.append(YearValues(key[0], concept.provision if concept else None, key[1],
                                   _unit_label(self.new.g, key[0], key[2]),
                                   concept is not None and concept.type == "percent", tuple(years)))
        return tuple(rows)

    def statuses(self) -> tuple[StatusChange, ...]:
        """Status changes in the later rulebook's order; a provision only the later rulebook has is new
        (whatever its status), one it removed is dropped, in its place after the provision before it."""
        old, new = self.old.statuses(), self.new.statuses()
        earlier, later = self.old.g.catalogue, self.new.g.catalogue
        later_name = guide_name(later)
        placed: list[tuple[float, StatusChange]] = []
        position = {p.id: float(i) for i, p in enumerate(later.provisions)}
        for pid, status in new.items():
            if not earlier.has_provision(pid):
                placed.append((position[pid], StatusChange(pid, "-", status, "new", rulebook=later_name)))
            elif old.get(pid, "missing") != status:
                placed.append((position[pid], StatusChange(pid, old.get(pid, "missing"), status)))
        after = -1.0
        for provision in earlier.provisions:
            if provision.id in position:
                after = position[provision.id]
            elif provision.id in old:
                placed.append((after + 0.5, StatusChange(provision.id, old[provision.id], "-", "dropped",
                                                         _moved_to(provision.id, earlier, later), later_name)))
        return tuple(change for _, change in sorted(placed, key=lambda pair: pair[0]))

    def restatements(self) -> None:
        """Figures of the earlier year printed again in the later report with another value."""
        comparatives = self.new.figures(self.old.period)
        for key, fact in comparatives.items():
            earlier = self.old_figures.get(key)
            if earlier is None or earlier.value is None or fact.value is None:
                continue
            if Decimal(earlier.value) != Decimal(fact.value):
                line = self.new.g.line_of(fact.id)
                reason = self._restatement(fact)
                if reason is not None:
                    self.findings.append(Finding(
                        f"{key[0]}{_breakdown_text(key[1], ' ')}: the {period_title(self.old.period, self.new.period)} "
                        f"figure is restated from {earlier.value} to {fact.value} ({reason})", self.new.g.file, line,
                        None, _provision(self.new.g, key[0]), None, "info", "restated"))
                    continue
                self.findings.append(Finding(
                    f"{key[0]}{_breakdown_text(key[1], ' ')}: the {self.new.g.file} gives the "
                    f"{period_title(self.old.period, self.new.period)} figure as {fact.value}, the {self.old.g.file} "
                    f"as {earlier.value}", self.new.g.file, line, None, _provision(self.new.g, key[0]),
                    "if the figure was restated, say so and why in a note (the consistency principle)",
                    "warning", "restated"))

    def _restatement(self, fact: Fact) -> str | None:
        """The reason a restated figure's footnote gives, if it has one."""
        footnotes = {f.id: f.text for f in self.new.g.facts.footnotes} if self.new.g.facts else {}
        for footnote_id in fact.footnotes:
            text = footnotes.get(footnote_id, "")
            for word in RESTATED_WORDS.values():
                if text.startswith(word):
                    return text
        return None

    def narrative_statements(self) -> None:
        comparatives = self.new.figures(self.old.period)
        for narrative in narratives(self.new.g):
            for statement in stated_changes(narrative.text):
                self._check_statement(narrative, statement, comparatives)

    def _check_statement(self, narrative: Narrative, statement: StatedChange,
                         comparatives: dict[Key, Fact]) -> None:
        for concept_name, breakdown in statement.candidates:
            new = _find(self.new_figures, concept_name, breakdown)
            old = _find(self.old_figures, concept_name, breakdown) or _find(comparatives, concept_name, breakdown)
            if new is None or old is None or not old.value or not new.value or Decimal(old.value) == 0:
                continue
            actual = (Decimal(new.value) - Decimal(old.value)) / Decimal(old.value) * 100
            stated = -statement.percent if statement.down else statement.percent
            tolerance = Decimal("0.5").scaleb(-statement.places) + Decimal("0.5")
            figures = (f"{concept_name}{_breakdown_text(breakdown, ' ')} {show(Decimal(old.value))} → "
                       f"{show(Decimal(new.value))}: {_signed(actual.quantize(Decimal('0.1')))}%")
            agrees = abs(actual - stated) <= tolerance
            message = (f"the narrative of {narrative.provision} says '{statement.text}'; the figures give {figures}"
                       + (", which agrees" if agrees else ", which does not agree"))
            self.findings.append(Finding(
                message, self.new.g.file, narrative.line, None, narrative.provision,
                None if agrees else "correct the narrative or the figures, or say what the percentage compares",
                "info" if agrees else "warning", "stated-change"))
            return

    def in_order(self) -> bool:
        """Whether the first report is of an earlier period than the second (else there is no 'last year')."""
        old, new = self.old.period, self.new.period
        if old is None or new is None or old.end < new.end:
            return True
        self.findings.append(Finding(
            f"{self.old.g.file} is not of an earlier period than {self.new.g.file}; restatements and the changes "
            "the narrative states are not checked", self.new.g.file, None, None, None,
            "give the earlier year's report first", "info", "order"))
        return False

    def unreadable(self) -> bool:
        return self.old.g.facts is None or self.new.g.facts is None

    def load_problems(self) -> None:
        for side in (self.old, self.new):
            errors = [f for f in side.g.findings if f.severity == "error"]
            if side.g.facts is None:
                self.findings.append(Finding(f"{side.g.file} could not be read: {errors[0].message if errors else ''}",
                                             side.g.file, errors[0].line if errors else None, None, None,
                                             "run `esgxbrl check` on it", "error", "unreadable"))
            elif errors:
                self.findings.append(Finding(f"{side.g.file} has {len(errors)} error(s); figures that failed to load "
                                             "are left out of the comparison", side.g.file, None, None, None,
                                             "run `esgxbrl check` on it", "warning", "errors"))


def _moved_to(provision_id: str, earlier: Catalogue, later: Catalogue) -> tuple[str, ...]:
    """The later rulebook's provisions that ask for what a provision it removed held: where its concepts
    are now (A1.2's Scope 1 is D-MET-1's) and where its texts are asked for (A4.1's in D-STR-1)."""
    targets: set[str] = set()
    for concept in earlier.concepts:
        if concept.provision != provision_id:
            continue
        if later.has_concept(concept.name):
            holder = later.concept(concept.name).provision
            if holder is not None:
                targets.add(holder)
        elif concept.name in TEXT_MOVES:
            targets.add(TEXT_MOVES[concept.name][0])
    order = {p.id: i for i, p in enumerate(later.provisions)}
    return tuple(sorted((t for t in targets if t in order), key=lambda t: order[t]))


def _find(figures: dict[Key, Fact], concept_name: str, breakdown: Breakdown) -> Fact | None:
    return next((f for (c, b, _), f in sorted(figures.items()) if c == concept_name and b == breakdown), None)


def _provision(gathered: Gathered, concept_name: str) -> str | None:
    catalogue = gathered.catalogue
    return catalogue.concept(concept_name).provision if catalogue.has_concept(concept_name) else None


def _breakdown_text(breakdown: Breakdown, lead: str = "") -> str:
    if not breakdown:
        return ""
    return lead + "[" + ", ".join(f"{a.removesuffix('Axis')}: {m.removesuffix('Member')}" for a, m in breakdown) + "]"


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + show(value)


@dataclass(frozen=True)
class StatedChange:
    """A change a narrative states about itself: '同比下降35%' is down 35 per cent."""

    text: str
    down: bool
    percent: Decimal
    places: int
    candidates: tuple[tuple[str, Breakdown], ...]


def stated_changes(text: str) -> list[StatedChange]:
    """Percent changes a text states, each with the figures its nearest subject word may mean."""
    found: list[StatedChange] = []
    start = 0
    for end_match in [*_SENTENCE_END.finditer(text), None]:
        end = end_match.end() if end_match else len(text)
        sentence = text[start:end]
        start = end
        lowered = sentence.lower()
        for pattern in _STATEMENTS:
            for match in pattern.finditer(sentence):
                candidates = _subject(lowered, match.start(), match.end())
                if not candidates:
                    continue
                number = match.group(2)
                places = len(number.split(".", 1)[1]) if "." in number else 0
                found.append(StatedChange(match.group(0).strip(), bool(_DOWN_WORDS.match(match.group(1))),
                                          Decimal(number), places, candidates))
    return found


def _subject(lowered: str, at: int, end: int) -> tuple[tuple[str, Breakdown], ...]:
    """The figures meant by the subject word closest before the statement (or else after it)."""
    best: tuple[int, tuple[tuple[str, Breakdown], ...]] | None = None
    for terms, candidates in CHANGE_TERMS:
        for term in terms:
            for match in re.finditer(re.escape(term.lower()), lowered):
                if match.start() < at:
                    distance = at - match.end()
                elif match.start() >= end:
                    distance = 10**4 + match.start() - end   # after the statement: only if none before
                else:
                    continue
                if best is None or distance < best[0]:
                    best = (distance, candidates)
    return best[1] if best else ()


def diff_gathered(old: Gathered, new: Gathered) -> DiffReport:
    differ = _Differ(old, new)
    differ.load_problems()
    values: tuple[ValueChange, ...] = ()
    statuses: tuple[StatusChange, ...] = ()
    years: tuple[YearValues, ...] = ()
    if not differ.unreadable():
        values = differ.values()
        statuses = differ.statuses()
        years = differ.years()
        if differ.in_order():
            differ.restatements()
            differ.narrative_statements()
    return DiffReport(old.file, new.file, period_title(old.period, new.period), period_title(new.period, old.period),
                      values, statuses, tuple(dict.fromkeys(differ.findings)), not differ.unreadable(), years)


def diff_files(old: str | Path, new: str | Path) -> DiffReport:
    """Compare two reports (YAML report files, or published instances where esgxbrl.read exists)."""
    return diff_gathered(gather(old), gather(new))


# --- presentation -------------------------------------------------------------------------------

def _change_cells(v: ValueChange) -> tuple[str, str]:
    """The Change and % cells: the difference, or 'new' / 'dropped'; blank where nothing changed."""
    if v.kind in ("new", "dropped"):
        return v.kind, ""
    if v.kind == "unchanged" or v.change is None:
        return "", ""
    places = max(d for d in (v.old_decimals, v.new_decimals, 0) if d is not None)
    change = ("+" if v.change > 0 else "") + v.shown(v.change, places)
    # no percentage of a change from zero
    return change, _signed(v.change_percent) + "%" if v.change_percent is not None else ""


def _value_rows(values: tuple[ValueChange, ...]) -> list[list[str]]:
    return [[v.provision_shown, v.concept, _breakdown_text(v.breakdown).strip("[]") or "total", v.unit,
             v.shown(v.old, v.old_decimals), v.shown(v.new, v.new_decimals), *_change_cells(v)] for v in values]


def render_text(report: DiffReport, show_unchanged: bool = False) -> str:
    """The comparison as tables for people; unchanged figures only when `show_unchanged`."""
    parts = [f"{report.old_file} ({report.old_label}) → {report.new_file} ({report.new_label})", ""]
    shown = tuple(v for v in report.values if show_unchanged or v.kind != "unchanged")
    if shown:
        parts.append(text_table(["Provision", "Concept", "Breakdown", "Unit", report.old_label, report.new_label,
                                 "Change", "%"], _value_rows(shown)))
    elif report.values:
        parts.append("No figure changed.")
    if report.years:
        titles = sorted({title for row in report.years for title, *_ in row.years})
        parts += ["", "Figures both reports give for several years (earlier report → later report where they "
                      "differ):",
                  text_table(["Provision", "Concept", "Breakdown", "Unit", *titles],
                             [[row.provision or "", row.concept, _breakdown_text(row.breakdown).strip("[]") or "total",
                               row.unit, *(row.year_cell(title) for title in titles)]
                              for row in report.years])]
    if report.statuses:
        # a note column only when the two reports are under different rulebooks
        noted = any(s.kind != "changed" for s in report.statuses)
        parts += ["", "Provisions whose status changed:",
                  text_table(["Provision", report.old_label, report.new_label, *(["Rulebook"] if noted else [])],
                             [[s.provision, s.old, s.new, *([s.note()] if noted else [])]
                              for s in report.statuses])]
    if report.findings:
        parts += ["", "Findings:", *(f.render() for f in report.findings)]
    counts = report.counts()
    hidden = " (not shown; --all shows them)" if counts["unchanged"] and not show_unchanged else ""
    parts += ["", f"{len(report.values)} figures: {counts['changed']} changed, {counts['new']} new, "
                  f"{counts['dropped']} dropped, {counts['unchanged']} unchanged{hidden}; "
                  f"{len(report.statuses)} provision(s) changed status{_rulebook_counts(report.statuses)}"]
    return "\n".join(parts) + "\n"


def _rulebook_counts(statuses: tuple[StatusChange, ...]) -> str:
    new = sum(s.kind == "new" for s in statuses)
    dropped = sum(s.kind == "dropped" for s in statuses)
    return f" ({new} new in the later rulebook, {dropped} removed by it)" if new or dropped else ""


def render_json(report: DiffReport) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
