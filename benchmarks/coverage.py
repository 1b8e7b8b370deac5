"""How much of what an issuer printed becomes a fact: for every example, its printed figures against
the figures its report file writes.

Each example transcribed from a published report keeps, beside its report file, an inventory of the
figures the source prints (`<year>.printed.csv`: id, page, what, value, unit, year, narrative, and
optionally same_as). The inventory is made from the source, not from the report file, so the two are
independent. A printed figure counts as a fact when the report file writes that value, as printed, for
that year, and the file loads (every figure written then becomes a fact of the published documents).
A figure printed a second time, rounded (a chart label "2.21 million" of a table's "2,214,000"), names
the row it repeats in `same_as`: it is a fact when that row is one and its value is that row's, rounded
to the printed places, in units, thousands, millions or billions; it is counted among the facts as a
repeat. A row whose `narrative` column gives a reason counts as narrative when its value is found in
the file's texts; anything else is lost.

    python benchmarks/coverage.py            # every example with an inventory
    python benchmarks/coverage.py --json     # the same as JSON
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from esgxbrl.errors import InputInvalid  # noqa: E402
from esgxbrl.preparer.load import load_report  # noqa: E402

GOAL = 0.95


@dataclass
class Coverage:
    example: str
    printed: int = 0
    facts: int = 0
    repeats: int = 0
    narrative: Counter[str] = field(default_factory=Counter)
    lost: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def share(self) -> float:
        return self.facts / self.printed if self.printed else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"example": self.example, "printed": self.printed, "facts": self.facts, "repeats": self.repeats,
                "narrative": dict(self.narrative), "lost": self.lost, "share": round(self.share, 4),
                "error": self.error}


def _written(node: Any, default_year: int) -> Iterator[tuple[str, int]]:
    """(value as printed, year) of every figure anywhere in the report data: facts, denominators' values,
    targets' base values and reductions."""
    if isinstance(node, dict):
        value = node.get("value")
        if isinstance(value, str) and ("unit" in node or "concept" in node):
            yield _figure(value), _year(node.get("period"), default_year)
        # a target's reduction is a figure of its target year
        if isinstance(node.get("reduction"), str) and isinstance(node.get("target_year"), int):
            yield _figure(node["reduction"]), node["target_year"]
        for child in node.values():
            yield from _written(child, default_year)
    elif isinstance(node, list):
        for child in node:
            yield from _written(child, default_year)


def _figure(printed: str) -> str:
    """The figure as compared: a per cent sign is the unit's, whether printed beside the figure or not."""
    return printed.strip().removesuffix("%").removesuffix("％").strip()


def _year(period: Any, default_year: int) -> int:
    if isinstance(period, int):
        return period
    if isinstance(period, dict) and period.get("end") is not None:
        return int(str(period["end"])[:4])
    return default_year


def _texts(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, child in node.items():
            if key != "value":
                yield from _texts(child)
    elif isinstance(node, list):
        for child in node:
            yield from _texts(child)


def _repeats(printed: str, original: str) -> bool:
    """`printed` is `original` rounded to its printed places, counted in units, thousands, millions or billions."""
    try:
        shown, whole = Decimal(_figure(printed).replace(",", "")), Decimal(_figure(original).replace(",", ""))
    except InvalidOperation:
        return False
    places = Decimal(1).scaleb(shown.as_tuple().exponent)  # type: ignore[arg-type]
    return any((whole.scaleb(-power)).quantize(places, ROUND_HALF_UP) == shown for power in (0, 3, 6, 9))


def _mentions(texts: str, value: str) -> bool:
    """The value as a figure of its own in the texts: not the digits of a longer number."""
    return re.search(rf"(?<![\d.,]){re.escape(value)}(?![\d]|[.,]\d)", texts) is not None


def measure(inventory: Path) -> Coverage:
    report_file = inventory.with_name(inventory.name.removesuffix(".printed.csv") + ".yaml")
    result = Coverage(f"{inventory.parent.name}/{report_file.name}")
    with inventory.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    result.printed = len(rows)
    try:
        loaded = load_report(report_file)
    except InputInvalid as exc:
        result.error = f"{len(exc.findings)} errors: {exc.findings[0].render()}"
        result.lost = [row["id"] for row in rows]
        return result
    data = loaded.report.model_dump(mode="json")
    written = Counter(_written(data, loaded.report.period.end.year))
    texts = "\n".join(_texts(data))
    facts: set[str] = set()
    for row in rows:
        key = (_figure(row["value"]), int(row["year"]))
        if written[key] > 0:
            written[key] -= 1
            result.facts += 1
            facts.add(row["id"])
    by_id = {row["id"]: row for row in rows}
    for row in rows:
        original = by_id.get(row.get("same_as") or "")
        if row["id"] in facts:
            continue
        if original is not None and original["id"] in facts and _repeats(row["value"], original["value"]):
            result.facts += 1
            result.repeats += 1
        elif row.get("narrative") and _mentions(texts, row["value"].strip()):
            result.narrative[row["narrative"]] += 1
        else:
            result.lost.append(row["id"])
    return result


def render(results: list[Coverage]) -> str:
    lines = ["| example | printed figures | facts | of which repeats | narrative | lost | facts % |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r.example} | {r.printed} | {r.facts} | {r.repeats} | {sum(r.narrative.values())} | "
                     f"{len(r.lost)} | {100 * r.share:.1f} % |")
    for r in results:
        if r.error:
            lines.append(f"\n{r.example}: does not load: {r.error}")
        for reason, count in sorted(r.narrative.items()):
            lines.append(f"\n{r.example}: {count} in narrative: {reason}")
        if r.lost:
            lines.append(f"\n{r.example}: lost: {', '.join(r.lost)}")
    below = [r.example for r in results if r.share < GOAL]
    lines.append(f"\ngoal {100 * GOAL:.0f} % of printed figures as facts: "
                 + ("met by every example" if not below else f"not met by {', '.join(below)}"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--examples", type=Path, default=ROOT / "examples")
    args = parser.parse_args(argv)
    results = [measure(p) for p in sorted(args.examples.glob("*/*.printed.csv"))]
    if not results:
        print(f"no inventories (*/*.printed.csv) under {args.examples}", file=sys.stderr)
        return 1
    print(json.dumps([r.as_dict() for r in results], indent=2, ensure_ascii=False) if args.json else render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
