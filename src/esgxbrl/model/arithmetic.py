"""Arithmetic checks: totals against their parts, breakdowns against totals, intensities against
total ÷ denominator — each judged within the rounding that the printed decimals allow.

A printed figure with d decimals stands for any value within half a unit of its last place. Two
figures are consistent when their intervals overlap (the rule Calculations 1.1 applies), so a total
printed as 34,979.72 next to parts summing to 34,979.71 is a rounding difference, not an error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from esgxbrl.catalogue import Catalogue
from esgxbrl.errors import Finding
from esgxbrl.model.facts import Fact, FactSet, Period
from esgxbrl.model.source import Where
from esgxbrl.model.units import Unit

#: where a fact was written: (line, column, workbook cell), each None when unknown
Locate = Callable[[Fact], Where]


@dataclass(frozen=True)
class Interval:
    low: Decimal
    high: Decimal

    @staticmethod
    def of(fact: Fact) -> Interval:
        value = Decimal(fact.value or "0")
        half = Decimal(0) if fact.decimals is None else Decimal("0.5").scaleb(-fact.decimals)
        return Interval(value - half, value + half)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high


#: types of figures whose parts by an issuer's own axis (segment, site, fleet) add up to the whole;
#: intensities, percentages and averages do not
EXTENSIVE_TYPES = frozenset({"count", "mass", "area", "length", "energy", "volume", "ghg", "monetary"})


def _value(fact: Fact) -> Decimal:
    return Decimal(fact.value or "0")


def _show(value: Decimal) -> str:
    """A figure with thousands separators and the decimals it has (the rules' own formatting, kept here so
    the core checks do not depend on the check command)."""
    exponent = value.as_tuple().exponent
    return f"{value:,.{max(0, -exponent) if isinstance(exponent, int) else 0}f}"


def _percent(ratio: Decimal, decimals: int | None = None) -> str:
    """A ratio in per cent, to the printed decimals when known."""
    if decimals is None:
        return _show((ratio * 100).normalize())
    return _show((ratio * 100).quantize(Decimal(1).scaleb(-max(0, decimals - 2))))


def fact_set_findings(facts: FactSet, catalogue: Catalogue, file: str = "",
                      locate: Locate | None = None) -> list[Finding]:
    """Findings on any fact set (a report file, or a published instance read back)."""
    checker = _Checker(facts, catalogue, file, locate or (lambda fact: (None, None, None)))
    checker.sums()
    checker.breakdowns()
    checker.intensities()
    for share, count in SHARES_OF_TOTAL.items():
        checker.shares(share, count)
    return checker.findings


#: shares printed instead of (or beside) counts: each share concept and the count it is a share of
SHARES_OF_TOTAL = {"PercentageOfWorkforce": "NumberOfEmployees",
                   "PercentageOfScope3GreenhouseGasEmissions": "Scope3GreenhouseGasEmissions"}


class _Checker:
    def __init__(self, facts: FactSet, catalogue: Catalogue, file: str, locate: Locate) -> None:
        self.file = file
        self.locate = locate
        self.catalogue = catalogue
        self.findings: list[Finding] = []
        self.by_concept: dict[str, list[Fact]] = defaultdict(list)
        extension = facts.extension
        #: the issuer's own axes (QName, short name): any extensive figure may be broken down by them
        self.issuer_axes = [] if extension is None else [
            (f"{extension.prefix}:{axis.name}", axis.name.removesuffix("Axis")) for axis in extension.axes]
        # only the taxonomy's concepts: an issuer's own concept is in no sum and no intensity of the guide,
        # and its local name says nothing about the catalogue
        base = {prefix for prefix, uri in facts.namespaces if uri == catalogue.regime.namespace}
        qualifier = catalogue.qname(catalogue.qualifier_axis) if catalogue.qualifier_axis else None
        #: (concept, period) of figures printed as a bound or an approximation: they are no amount to add,
        #: and a sum or breakdown they are part of cannot be checked
        self.qualified: set[tuple[str, Period]] = set()
        for fact in facts.facts:
            if fact.is_numeric and fact.value is not None and fact.concept.split(":", 1)[0] in base:
                name = fact.concept.split(":", 1)[1]
                if qualifier is not None and any(axis == qualifier for axis, _ in fact.dimensions):
                    self.qualified.add((name, fact.period))
                else:
                    self.by_concept[name].append(fact)

    def _finding(self, fact: Fact, severity: str, message: str, fix: str | None, code: str,
                 others: list[Fact] | None = None) -> None:
        line, column, cell = self.locate(fact)
        lines = sorted({ln for f in others or [] if (ln := self.locate(f)[0]) is not None})
        cells = sorted({c for f in others or [] if (c := self.locate(f)[2]) is not None})
        if lines:
            message += f" (figures on lines {', '.join(map(str, lines))})"
        elif cells:
            message += f" (figures in cells {', '.join(cells)})"
        concept = self.catalogue.concept(fact.concept.split(":", 1)[1])
        self.findings.append(Finding(message, self.file, line, column, concept.provision, fix,
                                     severity, code, cell))  # type: ignore[arg-type]

    def _compare(self, total: Fact, parts: list[Fact], what: str, exact: bool) -> None:
        total_value = _value(total)
        parts_sum = sum((_value(p) for p in parts), Decimal(0))
        if total_value == parts_sum:
            return
        label = total.concept.split(":", 1)[1]
        if not exact:
            interval = Interval.of(parts[0])
            for part in parts[1:]:
                interval = interval + Interval.of(part)
            if interval.overlaps(Interval.of(total)):
                self._finding(total, "info", f"{label}: {what} sum to {_show(parts_sum)} against a printed total "
                              f"of {_show(total_value)}: a rounding difference within the printed decimals",
                              None, "rounding", parts)
                return
        self._finding(total, "error", f"{label}: {what} sum to {_show(parts_sum)}, but the total is "
                      f"{_show(total_value)}", "correct the total or the parts as printed; if the source itself "
                      "does not add up, keep the printed figures and explain in a source-remark note", "sum",
                      parts)

    def sums(self) -> None:
        for concept in self.catalogue.concepts:
            if not concept.sum_of:
                continue
            for total in self.by_concept.get(concept.name, []):
                if any((child, total.period) in self.qualified for child in (concept.name, *concept.sum_of)):
                    continue
                parts = [f for child in concept.sum_of for f in self.by_concept.get(child, [])
                         if f.period == total.period and f.dimensions == total.dimensions and f.unit == total.unit]
                if parts:
                    self._compare(total, parts, " + ".join(p.concept.split(":", 1)[1] for p in parts), exact=False)

    def breakdowns(self) -> None:
        for concept in self.catalogue.concepts:
            axes = [(self.catalogue.qname(a.name), a.short_name) for a in self.catalogue.breakdown_axes_of(concept)
                    if concept.additive and concept.table]
            if concept.type in EXTENSIVE_TYPES:
                axes += self.issuer_axes
            if not axes:
                continue
            facts = self.by_concept.get(concept.name, [])
            for axis_qname, axis_short in axes:
                for total in facts:
                    if (any(a == axis_qname for a, _ in total.dimensions)
                            or (concept.name, total.period) in self.qualified):
                        continue
                    parts = [f for f in facts if f.period == total.period and f.unit == total.unit
                             and dict(f.dimensions).get(axis_qname) is not None
                             and tuple(d for d in f.dimensions if d[0] != axis_qname) == total.dimensions]
                    if parts:
                        self._compare(total, parts, f"the parts by {axis_short}", exact=concept.type == "count")
                self._untotalled(concept.name, facts, axis_qname, axis_short)

    def _untotalled(self, name: str, facts: list[Fact], axis_qname: str, axis_short: str) -> None:
        """Parts given without their total are valid (many reports list waste by type only): say so once."""
        groups: dict[tuple[Period, Unit | None, tuple[tuple[str, str], ...]], list[Fact]] = defaultdict(list)
        for fact in facts:
            if dict(fact.dimensions).get(axis_qname) is not None:
                rest = tuple(d for d in fact.dimensions if d[0] != axis_qname)
                groups[(fact.period, fact.unit, rest)].append(fact)
        for (period, unit, rest), parts in groups.items():
            if any(f.period == period and f.unit == unit and f.dimensions == rest for f in facts):
                continue
            self._finding(parts[0], "info", f"{name} is given by {axis_short} only: no total was given, so "
                          "the parts are not checked against one", None, "no-total", parts)

    def _denominator_values(self, measure: str, intensity: Fact) -> list[Fact]:
        """The reported values of what an intensity is per, for the intensity's period."""
        if measure == f"{self.catalogue.regime.prefix}:Employee":
            return [f for f in self.by_concept.get("NumberOfEmployees", [])
                    if not f.dimensions and f.period.end == intensity.period.end]
        standard = self.catalogue.denominator_of_measure(measure)
        if standard is not None and standard.concept and standard.concept != "NumberOfEmployees":
            return [f for f in self.by_concept.get(standard.concept, [])
                    if not f.dimensions and f.period == intensity.period and f.unit is not None
                    and f.unit.numerator == (measure,)]
        prefix, local = measure.split(":", 1)
        member = f"{prefix}:{local}Member"
        axis = self.catalogue.qname("IntensityDenominatorAxis")
        return [f for f in self.by_concept.get("IntensityDenominator", [])
                if f.dimensions == ((axis, member),) and f.period == intensity.period]

    def _numerator(self, name: str, intensity: Fact) -> tuple[list[Fact], str] | None:
        """The figure an intensity divides: the total itself, else the sum of the parts of it given."""
        def same(f: Fact) -> bool:
            return f.period == intensity.period and f.dimensions == intensity.dimensions

        totals = [f for f in self.by_concept.get(name, []) if same(f)]
        if totals:
            return totals[:1], name
        parts = [f for child in self.catalogue.concept(name).sum_of for f in self.by_concept.get(child, []) if same(f)]
        if parts:
            return parts, " + ".join(p.concept.split(":", 1)[1] for p in parts)
        return None

    def intensities(self) -> None:
        for concept in self.catalogue.concepts:
            if not concept.is_intensity or concept.intensity_of is None:
                continue
            for intensity in self.by_concept.get(concept.name, []):
                assert intensity.unit is not None
                if len(intensity.unit.denominator) != 1:
                    continue
                measure = intensity.unit.denominator[0]
                per = measure.split(":", 1)[1]
                standard = self.catalogue.denominator_of_measure(measure)
                if standard is not None and standard.concept is None:
                    continue  # a denominator the guide names but whose value no concept holds
                what = standard.concept if standard is not None and standard.concept else f"the value of {per}"
                heads = self._denominator_values(measure, intensity)
                numerator = self._numerator(concept.intensity_of, intensity)
                if numerator is None or not heads:
                    missing = concept.intensity_of if numerator is None else what
                    fix = (f"report {missing}" if numerator is None or (standard is not None and standard.concept)
                           else f"give the value of {per} under `denominators:`")
                    self._finding(intensity, "warning", f"{concept.name} cannot be checked: {missing} is not "
                                  "reported for the same period", fix, "intensity-unchecked")
                    continue
                parts, numerator_name = numerator
                head = heads[0]
                if _value(head) == 0:
                    continue
                total = Interval(Decimal(0), Decimal(0))
                for part in parts:
                    total = total + Interval.of(part)
                divisor = Interval.of(head)
                low = total.low / divisor.high if divisor.high > 0 else total.low
                high = total.high / divisor.low if divisor.low > 0 else total.high * Decimal("1e30")
                if Interval(low, high).overlaps(Interval.of(intensity)):
                    continue
                numerator_value = sum((_value(p) for p in parts), Decimal(0))
                exact = numerator_value / _value(head)
                computed = exact.quantize(Decimal(1).scaleb(-(intensity.decimals or 0) - 2)) \
                    if abs(exact.adjusted()) < 20 else exact
                per_text = "employee" if what == "NumberOfEmployees" else per
                self._finding(intensity, "error", f"{concept.name} is {intensity.value} per {per_text}, but "
                              f"{numerator_name} ÷ {what} = {_show(numerator_value)} ÷ {_show(_value(head))} = "
                              f"{_show(computed)}",
                              "correct the intensity, its total or the denominator's value as printed; state the "
                              "denominator the report used", "intensity", [*parts, head])

    def shares(self, share: str, count: str) -> None:
        """Shares of one breakdown add up to 100 % within rounding, and agree with count ÷ total where both
        the count of the part and the total are printed."""
        if not self.catalogue.has_concept(share):
            return
        facts = self.by_concept.get(share, [])
        counts = self.by_concept.get(count, [])
        for axis in self.catalogue.breakdown_axes_of(self.catalogue.concept(share)):
            axis_qname = self.catalogue.qname(axis.name)
            groups: dict[tuple[Period, tuple[tuple[str, str], ...]], list[Fact]] = defaultdict(list)
            for fact in facts:
                if dict(fact.dimensions).get(axis_qname) is not None:
                    groups[(fact.period, tuple(d for d in fact.dimensions if d[0] != axis_qname))].append(fact)
            for parts in groups.values():
                if len(parts) < 2:
                    continue  # one share alone (women: 45 %) says nothing about the others
                interval = Interval.of(parts[0])
                for part in parts[1:]:
                    interval = interval + Interval.of(part)
                if interval.overlaps(Interval(Decimal(1), Decimal(1))):
                    continue
                total = sum((_value(p) for p in parts), Decimal(0))
                over = interval.low > 1
                self._finding(parts[0], "error" if over else "warning",
                              f"{share}: the shares by {axis.short_name} sum to {_percent(total)}%, "
                              + ("more than 100%" if over else "less than 100%"),
                              "correct the shares as printed" + ("" if over else "; where the report prints only "
                              "some of the parts, give the others too (an issuer's own member if need be)"),
                              "share-sum", parts)
        for fact in facts:
            if not fact.dimensions:
                continue
            counted = [f for f in counts if f.period == fact.period and f.dimensions == fact.dimensions]
            totals = [f for f in counts if f.period == fact.period and not f.dimensions]
            if not counted or not totals or _value(totals[0]) == 0:
                continue
            numerator, divisor = Interval.of(counted[0]), Interval.of(totals[0])
            low = numerator.low / divisor.high
            high = numerator.high / divisor.low if divisor.low > 0 else Decimal(1)
            if Interval(low, high).overlaps(Interval.of(fact)):
                continue
            computed = (_value(counted[0]) / _value(totals[0]) * 100).quantize(
                Decimal(1).scaleb(-max(0, (fact.decimals or 2) - 2) - 1))
            self._finding(fact, "error", f"{share} is {_percent(_value(fact), fact.decimals)}%, but {count} ÷ total = "
                          f"{_show(_value(counted[0]))} ÷ {_show(_value(totals[0]))} = {_show(computed)}%",
                          "correct the share or the headcount as printed", "share", [counted[0], totals[0]])
