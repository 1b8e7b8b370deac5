"""Generate N realistic XBRL instance files from a report file, for ingest benchmarks.

The template (by default the Lufax 2023 report) is compiled once; each generated file is one
issuer-year: its own entity id and extension namespace, its figures scaled by a random factor
(totals kept equal to the sum of their parts), some breakdowns left out, the issuer members those
breakdowns used dropped from its extension schema, and its periods moved to its year. File k
depends only on the seed and k, so the first 1,000 files of a 10,000-file run are the 1,000 files
of a 1,000-file run.

    python benchmarks/generate.py OUT_DIR --n 10000 [--seed 7] [--jobs 2]

writes OUT_DIR/<code>/<code>-<year>.xbrl and, beside it, <code>-<year>-extension.xsd.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache
from pathlib import Path

from esgxbrl.catalogue import Catalogue
from esgxbrl.emit.xbrl import extension_schema_bytes, instance_bytes
from esgxbrl.model.facts import Fact, FactSet, Period
from esgxbrl.model.units import Unit, format_decimal
from esgxbrl.preparer.load import load_report

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "examples" / "lufax" / "2023.yaml"
YEARS_PER_ISSUER = 3
#: breakdowns that are part of every report's structure, never left out
KEPT_AXES = {"ProvisionAxis", "SustainableDevelopmentGoalAxis", "MaterialTopicAxis"}
#: concepts whose figures are not scaled (a rate stays a plausible rate)
UNSCALED_TYPES = {"percent", "decimal"}


@cache
def _template(path: str) -> tuple[FactSet, Catalogue]:
    loaded = load_report(path)
    return loaded.facts, loaded.catalogue


def _local(qname: str) -> str:
    return qname.partition(":")[2]


def _shift(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def _shift_period(period: Period, years: int) -> Period:
    return Period(_shift(period.end, years), _shift(period.start, years) if period.start else None)


def _scaled(fact: Fact, factor: Decimal, catalogue: Catalogue) -> str | None:
    if fact.value is None or fact.unit is None or catalogue.concept(_local(fact.concept)).type in UNSCALED_TYPES:
        return fact.value
    exponent = Decimal(1).scaleb(-(fact.decimals if fact.decimals is not None else 6))
    return format_decimal((Decimal(fact.value) * factor).quantize(exponent, rounding=ROUND_HALF_EVEN))


def _recompute_totals(facts: list[Fact], catalogue: Catalogue) -> list[Fact]:
    """A total that is declared the sum of other concepts equals the sum of their new values."""
    by_aspects = {(f.concept, f.period, f.dimensions, f.unit): f for f in facts}
    out = []
    for fact in facts:
        concept = catalogue.concept(_local(fact.concept))
        parts = [by_aspects.get((catalogue.qname(c), fact.period, fact.dimensions, fact.unit)) for c in concept.sum_of]
        if concept.sum_of and all(p is not None and p.value is not None for p in parts):
            total = sum((Decimal(p.value) for p in parts if p is not None and p.value is not None), Decimal(0))
            exponent = Decimal(1).scaleb(-(fact.decimals if fact.decimals is not None else 6))
            fact = fact._replace(value=format_decimal(total.quantize(exponent)))
        out.append(fact)
    return out


def _balance_breakdowns(facts: list[Fact], catalogue: Catalogue) -> list[Fact]:
    """Each breakdown of an additive concept still adds up to its total: the largest part absorbs rounding."""
    totals = {(f.concept, f.period, f.unit): f for f in facts if not f.dimensions and f.value is not None}
    groups: dict[tuple[str, Period, Unit | None, str], list[int]] = defaultdict(list)
    for position, fact in enumerate(facts):
        if len(fact.dimensions) == 1 and fact.value is not None and catalogue.concept(_local(fact.concept)).additive:
            groups[(fact.concept, fact.period, fact.unit, fact.dimensions[0][0])].append(position)
    for (concept, period, unit, _), positions in groups.items():
        total = totals.get((concept, period, unit))
        if total is None or total.value is None:
            continue
        parts = [Decimal(facts[p].value or 0) for p in positions]
        largest = max(positions, key=lambda p: Decimal(facts[p].value or 0))
        balanced = Decimal(facts[largest].value or 0) + Decimal(total.value) - sum(parts, Decimal(0))
        facts[largest] = facts[largest]._replace(value=format_decimal(balanced))
    return facts


def issuer_code(issuer: int) -> str:
    return f"{issuer + 1:04d}"


def generate_fact_set(template: FactSet, catalogue: Catalogue, seed: int, index: int) -> FactSet:
    """File `index`: one issuer-year derived from the template."""
    rng = random.Random(f"{seed}:{index}")
    issuer, years_back = divmod(index, YEARS_PER_ISSUER)
    code = issuer_code(issuer)
    factor = Decimal(str(round(rng.uniform(0.2, 5.0), 3)))
    groups: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in template.facts:
        for axis, _ in fact.dimensions:
            groups[(fact.concept, axis)].append(fact)
    dropped = {key for key in sorted(groups) if _local(key[1]) not in KEPT_AXES and rng.random() < 0.3}
    facts = [
        fact._replace(period=_shift_period(fact.period, years_back), value=_scaled(fact, factor, catalogue))
        for fact in template.facts
        if not any((fact.concept, axis) in dropped for axis, _ in fact.dimensions)
    ]
    facts = _balance_breakdowns(_recompute_totals(facts, catalogue), catalogue)
    year = template.facts[0].period.end.year - years_back if template.facts else 2023
    namespaces = dict(template.namespaces)
    extension = template.extension
    if extension is not None:
        used = {_local(m) for f in facts for _, m in f.dimensions if m.startswith(f"{extension.prefix}:")}
        members = tuple(m for m in extension.members if m.name in used)
        namespace = f"https://taxonomy.esgxbrl.org/issuer/hkex-stock-code-{code}/{year}"
        extension = dataclasses.replace(extension, namespace=namespace, members=members,
                                        schema_file=f"{code}-{year}-extension.xsd") if members else None
        if extension is None:
            namespaces.pop(template.extension.prefix if template.extension else "", None)
        else:
            namespaces[extension.prefix] = namespace
    return dataclasses.replace(template, entity_identifier=code, namespaces=tuple(sorted(namespaces.items())),
                               facts=tuple(facts), extension=extension)


def write_file(out: Path, seed: int, index: int, template_path: str = str(TEMPLATE)) -> Path:
    template, catalogue = _template(template_path)
    facts = generate_fact_set(template, catalogue, seed, index)
    year = facts.facts[0].period.end.year if facts.facts else 2023
    folder = out / facts.entity_identifier
    folder.mkdir(parents=True, exist_ok=True)
    if facts.extension is not None:
        (folder / facts.extension.schema_file).write_bytes(extension_schema_bytes(facts, catalogue))
    target = folder / f"{facts.entity_identifier}-{year}.xbrl"
    target.write_bytes(instance_bytes(facts))
    return target


def _write_range(out: Path, seed: int, start: int, stop: int, template_path: str) -> list[str]:
    return [str(write_file(out, seed, index, template_path)) for index in range(start, stop)]


def generate(out: Path, n: int, seed: int = 7, jobs: int = 0, template: Path = TEMPLATE) -> list[Path]:
    """Write files 0..n-1 into `out`; returns their paths in index order."""
    out.mkdir(parents=True, exist_ok=True)
    workers = jobs or os.cpu_count() or 1
    step = max(1, min(200, n // (workers * 4) or 1))
    ranges = [(start, min(start + step, n)) for start in range(0, n, step)]
    if workers == 1 or n < 50:
        return [Path(p) for start, stop in ranges for p in _write_range(out, seed, start, stop, str(template))]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = pool.map(_write_range, *zip(*[(out, seed, a, b, str(template)) for a, b in ranges], strict=True))
        return [Path(p) for part in parts for p in part]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="folder to write into")
    parser.add_argument("--n", type=int, default=10_000, help="number of instance files (default 10,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=0, help="processes (default: one per core)")
    parser.add_argument("--template", type=Path, default=TEMPLATE, help="report file to derive the files from")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    paths = generate(args.out, args.n, args.seed, args.jobs, args.template)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths):,} instance files ({size / 1e6:,.1f} MB) to {args.out} "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
