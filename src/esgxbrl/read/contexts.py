"""XBRL contexts and units, as an instance and an Inline XBRL header hold them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from esgxbrl.model.facts import Period
from esgxbrl.model.units import Unit
from esgxbrl.read.names import Prefixes, where
from esgxbrl.read.safe import fail
from esgxbrl.xbrl import namespaces as ns

_DATE = re.compile(r"\A\s*(\d{4}-\d{2}-\d{2})\s*\Z")


CONTEXT, UNIT = f"{{{ns.XBRLI}}}context", f"{{{ns.XBRLI}}}unit"
ENTITY, IDENTIFIER, SEGMENT = f"{{{ns.XBRLI}}}entity", f"{{{ns.XBRLI}}}identifier", f"{{{ns.XBRLI}}}segment"
PERIOD, SCENARIO = f"{{{ns.XBRLI}}}period", f"{{{ns.XBRLI}}}scenario"
INSTANT, START_DATE, END_DATE = f"{{{ns.XBRLI}}}instant", f"{{{ns.XBRLI}}}startDate", f"{{{ns.XBRLI}}}endDate"
EXPLICIT_MEMBER, TYPED_MEMBER = f"{{{ns.XBRLDI}}}explicitMember", f"{{{ns.XBRLDI}}}typedMember"


class Context(NamedTuple):
    # a named tuple rather than a frozen dataclass: four times quicker to make, and a report has
    # a hundred contexts
    scheme: str
    identifier: str
    period: Period
    dimensions: tuple[tuple[str, str], ...]


def _date(element: etree._Element | None, file: str, context_id: str) -> dt.date:
    if element is None:
        raise fail(file, f"context {context_id} has an incomplete period", "give startDate and endDate, or instant")
    text = element.text or ""
    match = _DATE.match(text)
    if match is None:
        raise fail(file, f"context {context_id}: period {text.strip()[:40]!r} on line {element.sourceline} is not "
                         "a date (YYYY-MM-DD)", "esgxbrl reads periods given as dates")
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        raise fail(file, f"context {context_id}: {match.group(1)} is not a calendar date", "correct the date") \
            from None


@dataclass
class ContextMemo:
    """What the contexts of one document repeat, kept once: periods by the text of their dates
    ((instant,) or (start, end)), and equal dimension tuples as one object, which the facts share."""

    periods: dict[tuple[str | None, ...], Period] = field(default_factory=dict)
    dimensions: dict[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] = field(default_factory=dict)


def read_context(element: etree._Element, prefixes: Prefixes, file: str,
                 memo: ContextMemo | None = None) -> tuple[str, Context]:
    context_id = element.get("id") or ""
    if not context_id:
        raise fail(file, f"{where(element)} has no id", "every context needs an id")
    usual = _usual_context(element, prefixes, file, context_id, memo or ContextMemo())
    return context_id, usual or _any_context(element, prefixes, file, context_id)


def _usual_context(element: etree._Element, prefixes: Prefixes, file: str, context_id: str,
                   memo: ContextMemo) -> Context | None:
    """A context laid out as XBRL 2.1 lays it out (what nearly every document does), read in one pass.

    None when anything is unusual (comments, a forever period, a missing part, other elements):
    `_any_context` then reads it, or says what is wrong with it.
    """
    parts = list(element)
    if not 2 <= len(parts) <= 3 or parts[0].tag != ENTITY or parts[1].tag != PERIOD:
        return None
    scenario = parts[2] if len(parts) == 3 else None
    if scenario is not None and scenario.tag != SCENARIO:
        return None
    entity = list(parts[0])
    if not 1 <= len(entity) <= 2 or entity[0].tag != IDENTIFIER:
        return None
    segment = entity[1] if len(entity) == 2 else None
    if segment is not None and segment.tag != SEGMENT:
        return None
    identifier = entity[0]
    scheme = identifier.get("scheme")
    if not scheme:
        return None
    dates = list(parts[1])
    if len(dates) == 1 and dates[0].tag == INSTANT:
        key: tuple[str | None, ...] = (dates[0].text,)
    elif len(dates) == 2 and dates[0].tag == START_DATE and dates[1].tag == END_DATE:
        key = (dates[0].text, dates[1].text)
    else:
        return None
    period = memo.periods.get(key)
    if period is None:
        if len(key) == 1:
            period = Period(_date(dates[0], file, context_id))
        else:
            start = _date(dates[0], file, context_id)
            period = Period(_date(dates[1], file, context_id), start)
        memo.periods[key] = period
    dimensions: dict[str, str] = {}
    where_text = "context " + context_id
    for holder in (segment, scenario):
        if holder is None:
            continue
        for member in holder:
            if member.tag != EXPLICIT_MEMBER:
                return None
            scope = prefixes.scope(member)
            axis = prefixes.resolve(member.get("dimension") or "", scope, file, where_text)
            if axis in dimensions:
                raise fail(file, f"context {context_id} gives dimension {axis} twice", "give each dimension once")
            dimensions[axis] = prefixes.resolve(member.text or "", scope, file, where_text)
    pairs = tuple(sorted(dimensions.items())) if len(dimensions) > 1 else tuple(dimensions.items())
    return Context(scheme.strip(), (identifier.text or "").strip(), period, memo.dimensions.setdefault(pairs, pairs))


def _any_context(element: etree._Element, prefixes: Prefixes, file: str, context_id: str) -> Context:
    identifier = element.find(f"{{{ns.XBRLI}}}entity/{{{ns.XBRLI}}}identifier")
    if identifier is None or not identifier.get("scheme"):
        raise fail(file, f"context {context_id} has no entity identifier with a scheme",
                   "give xbrli:entity/xbrli:identifier with a scheme")
    period_element = element.find(PERIOD)
    if period_element is None:
        raise fail(file, f"context {context_id} has no period", "give xbrli:period")
    instant = period_element.find(INSTANT)
    if instant is not None:
        period = Period(_date(instant, file, context_id))
    elif period_element.find(f"{{{ns.XBRLI}}}forever") is not None:
        raise fail(file, f"context {context_id} has a forever period", "esgxbrl reads dated periods only")
    else:
        start = _date(period_element.find(START_DATE), file, context_id)
        end = _date(period_element.find(END_DATE), file, context_id)
        period = Period(end, start)
    dimensions: dict[str, str] = {}
    holders = {"segment": element.find(f"{{{ns.XBRLI}}}entity/{{{ns.XBRLI}}}segment"),
               "scenario": element.find(SCENARIO)}
    for container, holder in holders.items():
        if holder is None:
            continue
        for member in holder:
            if not isinstance(member.tag, str):
                continue
            if member.tag == TYPED_MEMBER:
                raise fail(file, f"context {context_id} has a typed dimension",
                           "esgxbrl reads explicit dimensions only")
            if member.tag != EXPLICIT_MEMBER:
                raise fail(file, f"context {context_id} holds {where(member)} in its {container}",
                           "esgxbrl reads contexts whose segment or scenario holds only explicit members")
            scope = prefixes.scope(member)
            axis = prefixes.resolve(member.get("dimension") or "", scope, file, f"context {context_id}")
            if axis in dimensions:
                raise fail(file, f"context {context_id} gives dimension {axis} twice", "give each dimension once")
            dimensions[axis] = prefixes.resolve(member.text or "", scope, file, f"context {context_id}")
    return Context(identifier.get("scheme", "").strip(), (identifier.text or "").strip(), period,
                   tuple(sorted(dimensions.items())))


def read_unit(element: etree._Element, prefixes: Prefixes, file: str) -> tuple[str, Unit]:
    unit_id = element.get("id") or ""
    if not unit_id:
        raise fail(file, f"{where(element)} has no id", "every unit needs an id")

    def measures(holder: etree._Element) -> tuple[str, ...]:
        return tuple(prefixes.resolve(m.text or "", prefixes.scope(m), file, f"unit {unit_id}")
                     for m in holder.iterchildren(f"{{{ns.XBRLI}}}measure"))

    divide = element.find(f"{{{ns.XBRLI}}}divide")
    if divide is None:
        unit = Unit(measures(element))
    else:
        numerator = divide.find(f"{{{ns.XBRLI}}}unitNumerator")
        denominator = divide.find(f"{{{ns.XBRLI}}}unitDenominator")
        if numerator is None or denominator is None:
            raise fail(file, f"unit {unit_id} divides without numerator or denominator", "give both")
        unit = Unit(measures(numerator), measures(denominator))
    if not unit.numerator:
        raise fail(file, f"unit {unit_id} has no measure", "give at least one xbrli:measure")
    return unit_id, unit


def read_contexts_and_units(elements: Iterable[etree._Element], prefixes: Prefixes, file: str,
                            others: list[tuple[etree._Element, object]] | None = None
                            ) -> tuple[dict[str, Context], dict[str, Unit]]:
    """The contexts and units among `elements`; the other elements are added to `others`, if given,
    with their tags (reading a tag makes a new string each time)."""
    contexts: dict[str, Context] = {}
    units: dict[str, Unit] = {}
    memo = ContextMemo()
    for element in elements:
        tag = element.tag
        if tag == CONTEXT:
            context_id, context = read_context(element, prefixes, file, memo)
            if context_id in contexts:
                raise fail(file, f"context id {context_id} is used twice", "ids must be unique")
            contexts[context_id] = context
        elif tag == UNIT:
            unit_id, unit = read_unit(element, prefixes, file)
            if unit_id in units:
                raise fail(file, f"unit id {unit_id} is used twice", "ids must be unique")
            units[unit_id] = unit
        elif others is not None:
            others.append((element, tag))
    return contexts, units


def the_entity(contexts: Iterable[Context], file: str) -> tuple[str, str]:
    entities = {(c.scheme, c.identifier) for c in contexts}
    if len(entities) > 1:
        listed = ", ".join(f"{s} {i}" for s, i in sorted(entities))[:300]
        raise fail(file, f"facts of more than one entity ({listed})", "esgxbrl reads reports of one entity")
    if not entities:
        raise fail(file, "no context", "the document holds no facts")
    return next(iter(entities))
