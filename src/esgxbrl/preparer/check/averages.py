"""Weighted averages agree with their parts where the weights are reported.

An average by gender or by category, weighted by the headcounts of the same members, gives the
average of the whole workforce; when it does not, the breakdown that does match tells which
population the total was computed over.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from esgxbrl.model.arithmetic import Interval
from esgxbrl.model.facts import Fact
from esgxbrl.preparer.check.context import CheckContext
from esgxbrl.preparer.check.text import local_name, show

#: averages whose parts, weighted by the headcount of the same members, give the total
WEIGHTED_AVERAGES = {"AverageTrainingHoursPerEmployee": "NumberOfEmployees",
                     "PercentageOfEmployeesTrained": "NumberOfEmployees"}

Heads = dict[tuple[tuple[str, str], ...], Fact]


@dataclass(frozen=True)
class Weighting:
    """The average of one breakdown's parts, weighted by the headcounts of the same members."""

    axis: str
    parts: tuple[Fact, ...]
    heads: tuple[Fact, ...]
    value: Decimal
    matches: bool          # within the printed decimals of the total

    def describe(self, weight_name: str, scale: Decimal, places: int) -> str:
        values = ", ".join(show(Decimal(p.value or "0") * scale) for p in self.parts)
        heads = ", ".join(show(Decimal(h.value or "0")) for h in self.heads)
        return (f"the averages by {self.axis} ({values}) weighted by {weight_name} ({heads}) give "
                f"{show(self.value * scale, places)}")


def weighted_averages(ctx: CheckContext) -> None:
    for concept_name, weight_name in WEIGHTED_AVERAGES.items():
        if not ctx.catalogue.has_concept(concept_name):
            continue
        facts = ctx.numeric.get(concept_name, [])
        weights = ctx.numeric.get(weight_name, [])
        for total in (f for f in facts if not f.dimensions):
            _weighted_average(ctx, concept_name, weight_name, total, facts, weights)


def _weighted_average(ctx: CheckContext, concept_name: str, weight_name: str, total: Fact, facts: list[Fact],
                      weights: list[Fact]) -> None:
    heads = {w.dimensions: w for w in weights if w.period.end == total.period.end}
    weightings = [w for axis in sorted({a for f in facts for a, _ in f.dimensions})
                  if (w := _weighting(axis, total, facts, heads)) is not None]
    matching = [w for w in weightings if w.matches]
    concept = ctx.catalogue.concept(concept_name)
    scale = Decimal(100) if concept.type == "percent" else Decimal(1)
    places = (total.decimals or 0) - (2 if concept.type == "percent" else 0)
    for weighting in weightings:
        if weighting.matches:
            continue
        message = (f"{concept_name}: {weighting.describe(weight_name, scale, places)} "
                   f"({show(weighting.value * scale, places + 2)}), but the total is printed "
                   f"{show(Decimal(total.value or '0') * scale, places)}: not within the printed decimals")
        if matching:
            described = "; ".join(w.describe(weight_name, scale, places) for w in matching)
            message += f"; {described}, which matches: the total appears to be computed over that population"
        ctx.add_at_fact(total, message, "check which population the averages are computed over and state it "
                        "in a methodology note; correct a figure if one is wrong", concept.provision, "warning",
                        "weighted-average")


def _weighting(axis: str, total: Fact, facts: list[Fact], heads: Heads) -> Weighting | None:
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
    return Weighting(local_name(axis).removesuffix("Axis"), parts, counts, value,
                     Interval(low, high).overlaps(Interval.of(total)))
