"""Generated report files: every valid report loads, reads back from every syntax, rebuilds, and renders
deterministically; a few of them also pass Arelle without errors or warnings.

The strategy writes report files as an issuer would (docs/yaml-format.md), from the catalogue: any
subset of the 51 provisions with any status, narrative with markup characters, CJK text and lists,
figures in any printed unit the catalogue knows, breakdowns by standard and issuer members. It keeps
the arithmetic consistent, because the loader rightly refuses a report that does not add up:
breakdowns partition their total, Scope and energy totals are the exact sums of their parts, and a
per-employee intensity is the rounded quotient of its total by the head count.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import tempfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from arelle_support import run_arelle
from esgxbrl.catalogue import Concept, load_catalogue
from esgxbrl.model.arithmetic import SHARES_OF_TOTAL
from esgxbrl.model.facts import FactSet
from esgxbrl.model.loaded import LoadedReport
from esgxbrl.model.report import MEMBERS_LISTED_ELSEWHERE
from esgxbrl.preparer.export import render
from esgxbrl.preparer.load import loads_report
from esgxbrl.preparer.to_yaml import report_yaml
from esgxbrl.read import read

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "taxonomy" / "hkex-esg-2020-07-01.zip"
CATALOGUE = load_catalogue()
LANGUAGES = ("en", "zh-Hant", "zh-Hans")
PROVISIONS = tuple(p.id for p in CATALOGUE.provisions)
QUANTITATIVE = tuple(p.id for p in CATALOGUE.provisions if p.quantitative)
SYNTAXES = ("xbrl", "json", "jsonld", "html")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- text ---------------------------------------------------------------------------------------

#: characters that need escaping somewhere (XML, HTML, JSON, YAML) and CJK text as reports print it
_AWKWARD = "\"'&<>;:#%*!?-[]{}|\\/@`~「」『』（）—…、，。；：！？ "
_CJK = "環境社會及管治報告溫室氣體排放員工培訓供應鏈产品责任反贪污社区投资节能减排"
_CHARACTERS = st.one_of(
    st.sampled_from(_AWKWARD + _CJK + "abcXYZ019"),
    # letters, marks, numbers, punctuation, symbols and spaces of any script: no control characters,
    # no line or paragraph separators
    st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs")),
)
#: one line of text with something visible on it
LINE = st.text(_CHARACTERS, min_size=1, max_size=30).filter(lambda s: s.strip() != "")


@st.composite
def narratives(draw: st.DrawFn) -> str:
    """Paragraphs and lists separated by blank lines, as a report file writes narrative."""
    blocks = []
    for _ in range(draw(st.integers(1, 3))):
        lines = draw(st.lists(LINE, min_size=1, max_size=3))
        if draw(st.booleans()):
            lines = [f"- {line}" for line in lines]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


@st.composite
def localized(draw: st.DrawFn, text: st.SearchStrategy[str] = LINE) -> dict[str, str]:
    languages = draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3, unique=True))
    return {lang: draw(text) for lang in languages}


UPPER_CAMEL = st.from_regex(r"[A-Z][a-z]{2,7}([A-Z][a-z0-9]{1,6}){0,2}", fullmatch=True).filter(
    lambda name: not name.endswith("Member"))

# --- units and printed figures --------------------------------------------------------------------

#: masses convert into each other: how many kilograms one of each is
_KILOGRAMS = {"utr:t": Decimal(1000), "utr:kg": Decimal(1), "utr:g": Decimal("0.001")}


@dataclass(frozen=True)
class PrintedUnit:
    text: str
    factor: Decimal     # how many of the concept's canonical unit one printed unit is

    @property
    def power_of_ten(self) -> bool:
        return self.factor.normalize().as_tuple().digits == (1,)


def _printed_units(concept: Concept, currency: str) -> list[PrintedUnit]:
    """The printed units of a concept (of what an intensity is the intensity of), in its canonical unit."""
    canonical = CATALOGUE.canonical_measure(concept, currency)
    seen: set[str] = set()
    units = []
    for spec in CATALOGUE.units:
        for text in spec.printed:
            # a money unit that names its currency is only valid in a report in that currency
            if spec.kind in concept.kinds and text not in seen and spec.currency in (None, currency):
                seen.add(text)
                scale = _KILOGRAMS[spec.measure] / _KILOGRAMS[canonical] if spec.measure in _KILOGRAMS else 1
                units.append(PrintedUnit(text, spec.factor * scale))
    return units


DENOMINATORS = {d.id: d.printed for d in CATALOGUE.denominators}


@dataclass
class Context:
    """What the figures of one report depend on."""

    year: int
    currency: str
    members: dict[str, list[str]]          # axis short name -> issuer member names
    notes: list[str]
    employees: int | None = None           # the head count at the year end, when the report gives it

    def members_of(self, axis_short: str) -> list[str]:
        axis = CATALOGUE.axis(axis_short)
        return [m.removesuffix("Member") for m in axis.members] + self.members.get(axis_short, [])


def _figure_text(units: int, decimals: int, draw: st.DrawFn) -> str:
    """`units` in the last printed place, as printed: with or without thousands separators."""
    value = Decimal(units).scaleb(-decimals)
    style = draw(st.sampled_from(["plain", "grouped", "fullwidth"]))
    if style == "plain":
        return f"{value:.{decimals}f}"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "，").replace(".", "．") if style == "fullwidth" else text


@dataclass(frozen=True)
class Scale:
    """How a group of figures is printed: unit and decimal places."""

    unit: PrintedUnit
    decimals: int
    count: bool = False     # a count: whole numbers, perhaps printed with zero decimals (5.00)

    @property
    def one(self) -> int:
        """1 in the printed unit, counted in its last printed place."""
        return int(10**self.decimals)

    def units(self, draw: st.DrawFn, maximum: int = 10**9) -> int:
        if self.count:
            return draw(st.integers(0, 10**6)) * self.one
        return draw(st.integers(0, maximum))


@st.composite
def scales(draw: st.DrawFn, concept: Concept, ctx: Context) -> Scale:
    unit = draw(st.sampled_from(_printed_units(concept, ctx.currency)))
    if concept.type == "count":
        return Scale(unit, draw(st.sampled_from([0, 0, 0, 1, 2])), count=True)
    return Scale(unit, draw(st.integers(0, 4)))


def _entry(draw: st.DrawFn, ctx: Context, concept: Concept, text: str, unit: str,
           by: dict[str, str] | None = None, period: Any = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"concept": concept.name, "value": text, "unit": unit}
    if by:
        entry["by"] = by
    if period is not None:
        entry["period"] = period
    if ctx.notes and draw(st.integers(0, 4)) == 0:
        entry["notes"] = draw(st.lists(st.sampled_from(ctx.notes), min_size=1, max_size=2, unique=True))
    if draw(st.integers(0, 9)) == 0:
        entry["printed_label"] = draw(localized())
    return entry


def _partition(draw: st.DrawFn, total: int, parts: int, step: int) -> list[int]:
    """`parts` non-negative multiples of `step` adding up to `total` exactly (a multiple of `step`)."""
    cuts = sorted(draw(st.lists(st.integers(0, total // step), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, total // step]
    return [(high - low) * step for low, high in itertools.pairwise(bounds)]


@st.composite
def figure_groups(draw: st.DrawFn, concept: Concept, ctx: Context, scale: Scale, total: int | None = None,
                  breakdowns: bool = True, always_total: bool = False) -> list[dict[str, Any]]:
    """A figure and its breakdowns: additive ones partition the total exactly, the others are free."""
    maximum = 100 * scale.one if concept.type == "percent" else 10**9
    if total is None:
        total = scale.units(draw, maximum)
    step = scale.one if scale.count else 1
    entries = []
    axes = [a.short_name for a in CATALOGUE.axes_of(concept)] if breakdowns else []
    chosen_axes = draw(st.lists(st.sampled_from(axes), max_size=2, unique=True)) if axes else []
    show_total = always_total or not chosen_axes or not concept.additive or draw(st.integers(0, 4)) > 0
    if show_total:
        entries.append(_entry(draw, ctx, concept, _figure_text(total, scale.decimals, draw), scale.unit.text))
    for axis in chosen_axes:
        members = draw(st.lists(st.sampled_from(ctx.members_of(axis)), min_size=1, max_size=4, unique=True))
        if concept.additive:
            values = _partition(draw, total, len(members), step)
        else:
            values = [scale.units(draw, maximum) for _ in members]
        for member, value in zip(members, values, strict=True):
            entries.append(_entry(draw, ctx, concept, _figure_text(value, scale.decimals, draw), scale.unit.text,
                                  by={axis: member}))
    return entries


def _canonical(units: int, scale: Scale) -> Decimal:
    """The value in the concept's canonical unit (exact: the factor is a power of ten)."""
    assert scale.unit.power_of_ten
    return Decimal(units).scaleb(-scale.decimals) * scale.unit.factor


@st.composite
def intensities(draw: st.DrawFn, concept: Concept, ctx: Context,
                total: tuple[int, Scale] | None) -> list[dict[str, Any]]:
    """An intensity; per employee only beside its total and the head count, so that it can be checked."""
    numerators = _printed_units(concept, ctx.currency)
    per_employee = (total is not None and total[1].unit.power_of_ten and bool(ctx.employees)
                    and draw(st.integers(0, 3)) > 0)
    decimals = draw(st.integers(0, 4))
    if per_employee:
        assert total is not None and ctx.employees
        numerator = draw(st.sampled_from([u for u in numerators if u.power_of_ten]))
        quotient = _canonical(*total) / ctx.employees / numerator.factor
        printed = quotient.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        text = _figure_text(int(printed.scaleb(decimals)), decimals, draw)
        denominator = draw(st.sampled_from(DENOMINATORS["employee"]))
    else:
        numerator = draw(st.sampled_from(numerators))
        text = _figure_text(draw(st.integers(0, 10**7)), decimals, draw)
        others = [p for key, printed in DENOMINATORS.items() if key != "employee" for p in printed]
        denominator = draw(st.sampled_from(others))
    return [_entry(draw, ctx, concept, text, f"{numerator.text}/{denominator}")]


# --- figures by provision -----------------------------------------------------------------------

def _concept(name: str) -> Concept:
    return CATALOGUE.concept(name)


@st.composite
def summed(draw: st.DrawFn, ctx: Context, parts: list[str], totals: dict[str, list[str]],
           breakdown_one: bool) -> tuple[list[dict[str, Any]], dict[str, tuple[int, Scale]]]:
    """Parts in one scale, and totals that are exactly the sum of the parts present (free without any)."""
    first = _concept(parts[0])
    scale = draw(scales(first, ctx))
    present = draw(st.lists(st.sampled_from(parts), max_size=len(parts), unique=True))
    values = {name: scale.units(draw) for name in present}
    wanted_totals = draw(st.lists(st.sampled_from(sorted(totals)), max_size=len(totals), unique=True))
    for name in wanted_totals:
        members = [values[p] for p in totals[name] if p in values]
        values[name] = sum(members) if members else scale.units(draw)
    broken_down = draw(st.sampled_from(sorted(values))) if values and breakdown_one else None
    entries = []
    for name, value in values.items():
        # a total stays in sight: the sums it takes part in count on it
        entries += draw(figure_groups(_concept(name), ctx, scale, value, breakdowns=name == broken_down,
                                      always_total=True))
    return entries, {name: (value, scale) for name, value in values.items()}


@st.composite
def figures_of(draw: st.DrawFn, provision_id: str, ctx: Context) -> list[dict[str, Any]]:
    numeric = [c for c in CATALOGUE.concepts_of(provision_id) if c.is_numeric]
    entries: list[dict[str, Any]] = []
    totals: dict[str, tuple[int, Scale]] = {}
    if provision_id == "A1.2":
        scopes = ["Scope1GreenhouseGasEmissions", "Scope2GreenhouseGasEmissions", "Scope3GreenhouseGasEmissions"]
        found, totals = draw(summed(ctx, scopes, {"Scope1And2GreenhouseGasEmissions": scopes[:2],
                                                  "TotalGreenhouseGasEmissions": scopes}, breakdown_one=False))
        entries += found
        for name in ("Scope2LocationBasedGreenhouseGasEmissions", "Scope2MarketBasedGreenhouseGasEmissions"):
            if draw(st.booleans()):
                entries += draw(figure_groups(_concept(name), ctx, draw(scales(_concept(name), ctx))))
    elif provision_id == "A2.1":
        parts = ["DirectEnergyConsumption", "IndirectEnergyConsumption"]
        found, totals = draw(summed(ctx, parts, {"TotalEnergyConsumption": parts}, breakdown_one=True))
        entries += found
    elif provision_id == "B1.1":
        concept = _concept("NumberOfEmployees")
        scale = draw(scales(concept, ctx))
        if ctx.employees is not None:
            entries += draw(figure_groups(concept, ctx, scale, ctx.employees * scale.one))
        elif draw(st.booleans()):  # a breakdown without its total
            entries += [e for e in draw(figure_groups(concept, ctx, scale)) if "by" in e]
    elif provision_id == "B2.1":
        for concept in numeric:
            scale = draw(scales(concept, ctx))
            years = draw(st.lists(st.integers(0, 3), min_size=1, max_size=3, unique=True))
            for back in years:
                period: Any = None
                if back or draw(st.booleans()):
                    year = ctx.year - back
                    period = draw(st.sampled_from([year, {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)}]))
                maximum = 100 * scale.one if concept.type == "percent" else 10**6
                entries.append(_entry(draw, ctx, concept,
                                      _figure_text(scale.units(draw, maximum), scale.decimals, draw),
                                      scale.unit.text, period=period))
        return entries
    for concept in numeric:
        if concept.is_intensity or concept.name in totals or concept.name == "NumberOfEmployees":
            continue
        if concept.name in SHARES_OF_TOTAL:
            continue  # shares must sum to 100 % and agree with the counts: tests/test_printed_forms.py
        if provision_id in ("A1.2", "A2.1") or not draw(st.integers(0, 3)):
            continue
        scale = draw(scales(concept, ctx))
        value = scale.units(draw, 100 * scale.one if concept.type == "percent" else 10**9)
        group = draw(figure_groups(concept, ctx, scale, value))
        entries += group
        if any("by" not in e for e in group):
            totals[concept.name] = (value, scale)
    for concept in numeric:
        if concept.is_intensity and draw(st.booleans()):
            entries += draw(intensities(concept, ctx, totals.get(concept.intensity_of or "")))
    return entries


# --- the report file ------------------------------------------------------------------------------

_IDENTIFIERS = {"hkex-stock-code": st.from_regex(r"[0-9]{4,5}", fullmatch=True),
                "lei": st.from_regex(r"[0-9A-Z]{18}[0-9]{2}", fullmatch=True)}


@st.composite
def issuer_members(draw: st.DrawFn, taken: set[str], rich: bool) -> dict[str, list[dict[str, Any]]]:
    """Issuer members on extensible axes; a name is used once in the extension schema."""
    axes = [a for a in CATALOGUE.axes if a.extensible and a.short_name not in MEMBERS_LISTED_ELSEWHERE]
    members: dict[str, list[dict[str, Any]]] = {}
    for axis in draw(st.lists(st.sampled_from(axes), min_size=3 if rich else 0, max_size=3, unique=True)):
        names = draw(st.lists(UPPER_CAMEL.filter(lambda n: n not in taken), min_size=1, max_size=3, unique=True))
        names = [n for n in names if n not in taken and f"{n}Member" not in axis.members]
        taken.update(names)
        if names:
            members[axis.short_name] = [{"name": n, "label": draw(localized())} for n in names]
    return members


@st.composite
def reports(draw: st.DrawFn, rich: bool = False) -> dict[str, Any]:
    """A valid report file as data; `rich` writes every provision and more of everything."""
    year = draw(st.integers(2015, 2024))          # the 2020 Guide applies to years before 2025
    currency = draw(st.sampled_from(["CNY", "HKD", "USD"]))
    language = draw(st.sampled_from(LANGUAGES))
    scheme = draw(st.sampled_from(sorted(_IDENTIFIERS)))
    identifiers = [{"scheme": scheme, "value": draw(_IDENTIFIERS[scheme])}]
    if draw(st.booleans()):
        identifiers.append({"scheme": "nyse-ticker", "value": draw(st.from_regex(r"[A-Z]{1,4}", fullmatch=True))})
    entity: dict[str, Any] = {"name": draw(localized()), "identifiers": identifiers}
    if draw(st.booleans()):
        entity["incorporated_in"] = draw(LINE)

    sections: list[dict[str, Any]] = [{"id": sid, "title": draw(LINE)} for sid in draw(st.lists(
        st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True), min_size=1 if rich else 0, max_size=5, unique=True))]
    for section in sections:
        if draw(st.booleans()):
            section["page"] = draw(st.integers(1, 400))
        if draw(st.integers(0, 3)) == 0:
            section["part"] = draw(LINE)
    section_ids = [s["id"] for s in sections]
    approval = dt.date(year + 1, draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    info: dict[str, Any] = {"title": draw(localized()), "language": language,
                            "board_approval": approval.isoformat()[:7] if draw(st.booleans()) else approval.isoformat()}
    if draw(st.booleans()):
        info["published_languages"] = draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, unique=True))
        info["authoritative_language"] = draw(st.sampled_from(LANGUAGES))
    if draw(st.booleans()):
        info["url"] = "https://example.com/esg/" + str(year)
    if sections:
        info["sections"] = sections

    taken: set[str] = {f"StakeholderGroup{n}" for n in range(1, 4)}   # the members stakeholder groups become
    members = draw(issuer_members(taken, rich))
    note_ids = draw(st.lists(st.from_regex(r"n[0-9]{1,2}", fullmatch=True), min_size=1 if rich else 0, max_size=4,
                             unique=True))
    notes = {n: {"text": draw(localized()),
                 "kind": draw(st.sampled_from(["methodology", "emission-factor", "scope", "not-applicable",
                                               "source-remark", "other"]))} for n in note_ids}
    ctx = Context(year, currency, {a: [m["name"] for m in ms] for a, ms in members.items()}, note_ids)

    data: dict[str, Any] = {"format": "esgxbrl/1", "guide": "hkex-c2-2020", "entity": entity,
                            "period": {"start": dt.date(year, 1, 1), "end": dt.date(year, 12, 31)},
                            "currency": currency, "report": info}
    if members:
        data["members"] = members
    if notes:
        data["notes"] = notes
    if rich or draw(st.booleans()):
        data["materiality"] = draw(materiality(taken))
    if rich or draw(st.booleans()):
        data["stakeholders"] = draw(stakeholder_groups(taken))
    if rich or draw(st.booleans()):
        data["sdgs"] = draw(sdg_links(section_ids))
    data["provisions"] = draw(provisions(ctx, section_ids, rich))
    return data


_ITEM = LINE.filter(lambda text: not re.match(r"\s*[-•・]\s", text))


@st.composite
def localized_items(draw: st.DrawFn) -> list[dict[str, str]]:
    """A list whose items are all given in the same languages, one line each."""
    languages = draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=2, unique=True))
    return [{lang: draw(_ITEM) for lang in languages} for _ in range(draw(st.integers(0, 3)))]


@st.composite
def stakeholder_groups(draw: st.DrawFn, taken: set[str]) -> list[dict[str, Any]]:
    """Groups named by an id of their own or, without one, by their place in the list."""
    groups = []
    for _ in range(draw(st.integers(1, 3))):
        group: dict[str, Any] = {"name": draw(localized())}
        if draw(st.booleans()):
            group_id = draw(UPPER_CAMEL.filter(lambda n: n not in taken))
            if group_id not in taken:
                taken.add(group_id)
                group = {"id": group_id, **group}
        for key in ("concerns", "channels"):
            items = draw(localized_items())
            if items:
                group[key] = items
        groups.append(group)
    return groups


@st.composite
def materiality(draw: st.DrawFn, taken: set[str]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    if draw(st.booleans()):
        result["method"] = draw(localized(narratives()))
    topics = []
    for topic_id in draw(st.lists(UPPER_CAMEL.filter(lambda n: n not in taken), max_size=4, unique=True)):
        if topic_id in taken:
            continue
        taken.add(topic_id)
        topic: dict[str, Any] = {"id": topic_id, "label": draw(localized())}
        if draw(st.booleans()):
            topic["tier"] = draw(st.sampled_from(["high", "medium", "low"]))
        if draw(st.booleans()):
            topic["rank"] = draw(st.integers(1, 30))
        topics.append(topic)
    if topics:
        result["topics"] = topics
    return result


@st.composite
def sdg_links(draw: st.DrawFn, section_ids: list[str]) -> list[dict[str, Any]]:
    links = []
    for goal in draw(st.lists(st.integers(1, 17), min_size=1, max_size=4, unique=True)):
        link: dict[str, Any] = {"goal": goal}
        if section_ids and draw(st.integers(0, 3)) > 0:
            link["sections"] = draw(st.lists(st.sampled_from(section_ids), min_size=1, max_size=3, unique=True))
        if draw(st.booleans()):
            link["inferred"] = True
        if draw(st.integers(0, 2)) == 0:
            link["note"] = draw(localized())
        links.append(link)
    return links


@st.composite
def provisions(draw: st.DrawFn, ctx: Context, section_ids: list[str], rich: bool) -> dict[str, Any]:
    chosen = list(PROVISIONS) if rich else draw(st.lists(st.sampled_from(PROVISIONS), max_size=len(PROVISIONS),
                                                          unique=True))
    every_kpi = not rich and draw(st.booleans())
    if every_kpi:  # figures are where reports differ most: often every KPI with figures
        chosen += [p for p in QUANTITATIVE if p not in chosen]
    statuses = {p: "disclosed" if rich and CATALOGUE.provision(p).quantitative else
                draw(st.sampled_from(["disclosed", "disclosed", "disclosed", "not-applicable", "not-disclosed"]))
                for p in chosen}
    if every_kpi:
        statuses["B1.1"] = "disclosed"
    if statuses.get("B1.1") == "disclosed" and (rich or every_kpi or draw(st.booleans())):
        ctx.employees = draw(st.integers(1, 200_000))
    result: dict[str, Any] = {}
    for provision_id in chosen:
        provision = CATALOGUE.provision(provision_id)
        status = statuses[provision_id]
        entry: dict[str, Any] = {"status": status}
        if status != "disclosed":
            entry["explanation"] = draw(localized(narratives()))
        if draw(st.booleans()):
            entry["location"] = draw(localized())
        if draw(st.booleans()) and section_ids:
            entry["sections"] = draw(st.lists(st.sampled_from(section_ids), min_size=1, max_size=3, unique=True))
        if draw(st.integers(0, 2)) == 0:
            entry["sdgs"] = draw(st.lists(st.integers(1, 17), min_size=1, max_size=4))
        if ctx.notes and draw(st.integers(0, 4)) == 0:
            entry["notes"] = draw(st.lists(st.sampled_from(ctx.notes), min_size=1, max_size=2, unique=True))
        narrative_concepts = draw(st.lists(st.sampled_from(provision.narrative), max_size=len(provision.narrative),
                                           unique=True))
        if narrative_concepts:
            entry["narrative"] = {name: draw(localized(narratives())) for name in narrative_concepts}
        if status == "disclosed" and provision.quantitative:
            figures = draw(figures_of(provision_id, ctx))
            if figures:
                entry["facts"] = figures
        result[provision_id] = entry
    return result


def report_text(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _figures_in(data: dict[str, Any]) -> int:
    return sum(len(entry.get("facts", [])) for entry in data["provisions"].values())


# --- the properties -------------------------------------------------------------------------------

@SETTINGS
@given(reports())
def test_every_generated_report_loads(data: dict[str, Any]) -> None:
    loaded = loads_report(report_text(data), "generated.yaml")
    facts = loaded.facts.facts
    statuses = [f for f in facts if f.concept == "hkesg:DisclosureStatus"]
    assert len(statuses) == len(data["provisions"])
    # every figure written is one fact: none merged, none dropped
    figures = [f for f in facts if f.is_numeric and f.concept != "hkesg:MaterialTopicRank"]
    assert len(figures) == _figures_in(data)
    assert loaded.facts.entity_identifier == data["entity"]["identifiers"][0]["value"]


def _written(loaded: LoadedReport, folder: Path) -> dict[str, Path]:
    paths = {}
    for name, (_, content) in render(loaded, "report").items():
        (folder / name).write_bytes(content)
        paths[name.rsplit(".", 1)[1]] = folder / name
    return paths


@SETTINGS
@given(reports())
def test_every_syntax_reads_back_the_same_facts(data: dict[str, Any]) -> None:
    loaded = loads_report(report_text(data), "generated.yaml")
    with tempfile.TemporaryDirectory() as folder:
        paths = _written(loaded, Path(folder))
        for syntax in SYNTAXES:
            assert read(paths[syntax]) == loaded.facts, syntax


def _difference(left: FactSet, right: FactSet) -> str:
    only_left = sorted(set(left.facts) - set(right.facts), key=lambda f: f.id)
    only_right = sorted(set(right.facts) - set(left.facts), key=lambda f: f.id)
    extension = "" if left.extension == right.extension else f"; extension {left.extension} became {right.extension}"
    return f"only in the original: {only_left[:3]}; only in the rebuilt: {only_right[:3]}{extension}"


def _smallest(provisions: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    """A small report with a few things of its own: the reproducers below."""
    return {"format": "esgxbrl/1", "guide": "hkex-c2-2020",
            "entity": {"name": {"en": "Example Ltd"}, "identifiers": [{"scheme": "hkex-stock-code", "value": "9999"}]},
            "period": {"start": dt.date(2023, 1, 1), "end": dt.date(2023, 12, 31)}, "currency": "CNY",
            "report": {"title": {"en": "ESG report"}, "language": "en"}, **extra, "provisions": provisions or {}}


def _figure(provision: str, concept: str, value: str, unit: str) -> dict[str, Any]:
    return {provision: {"status": "disclosed", "facts": [{"concept": concept, "value": value, "unit": unit}]}}


@SETTINGS
@example(_smallest(_figure("A1.2", "Scope1GreenhouseGasEmissions", "1.2", "ktCO2e")))      # 1200 t, decimals -2
@example(_smallest(_figure("A2.1", "EnergyConsumptionIntensity", "0.5", "MWh/萬元收入")))  # the only CNY is per
@example(_smallest(sdgs=[{"goal": 5}]))                                                    # a goal without sections
@example(_smallest(materiality={"topics": [{"id": "DataPrivacy", "label": {"en": "Data privacy"}}]}))
@given(reports())
def test_rebuilt_report_file_gives_the_same_facts(data: dict[str, Any]) -> None:
    original = loads_report(report_text(data), "generated.yaml").facts
    rebuilt = loads_report(report_yaml(original), "rebuilt.yaml").facts
    assert rebuilt == original, _difference(original, rebuilt)


@SETTINGS
@given(reports())
def test_rendering_is_deterministic(data: dict[str, Any]) -> None:
    text = report_text(data)
    first, second = loads_report(text, "generated.yaml"), loads_report(text, "generated.yaml")
    assert render(first, "report") == render(second, "report")
    assert render(first, "report") == render(first, "report")


@settings(max_examples=4, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
          suppress_health_check=list(HealthCheck))
@given(reports(rich=True))
def test_arelle_accepts_generated_reports(data: dict[str, Any]) -> None:
    loaded = loads_report(report_text(data), "generated.yaml")
    with tempfile.TemporaryDirectory() as folder:
        paths = _written(loaded, Path(folder))
        for syntax, inline in (("xbrl", False), ("html", True)):
            result = run_arelle(paths[syntax], [PACKAGE], inline=inline)
            assert not result.errors, f"{syntax}: {result.summary()}\n{report_text(data)}"
            assert not result.warnings, f"{syntax}: {result.summary()}\n{report_text(data)}"
