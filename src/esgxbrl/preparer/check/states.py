"""Each provision's status: from the report file, from what can be seen of a malformed one, or from an instance."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal, cast

from esgxbrl.model.facts import Fact
from esgxbrl.model.report import Report
from esgxbrl.model.source import Path_
from esgxbrl.preparer.check.gather import Gathered
from esgxbrl.preparer.check.text import first_text, local_name, plain

#: outside-excerpt: the file carries part of a report, and this provision is not in that part
Status = Literal["disclosed", "not-applicable", "not-disclosed", "missing", "outside-excerpt", "unknown"]
STATUSES: tuple[str, ...] = ("disclosed", "not-applicable", "not-disclosed")
ADDRESSED = frozenset(STATUSES)

_STATUS_BY_MEMBER = {"DisclosedMember": "disclosed", "NotApplicableMember": "not-applicable",
                     "NotDisclosedMember": "not-disclosed"}


@dataclass
class ProvisionState:
    status: Status
    explanation: str | None = None
    line: int | None = None
    figures: int = 0
    narratives: int = 0
    reliefs: tuple[str, ...] = ()


def provision_path(provision_id: str, *rest: str | int) -> Path_:
    return ("provisions", provision_id, *rest)


def provision_states(gathered: Gathered) -> dict[str, ProvisionState]:
    states = _states(gathered)
    excerpt = gathered.excerpt
    if excerpt is not None:
        for provision_id, state in states.items():
            if state.status == "missing" and provision_id not in excerpt:
                state.status = "outside-excerpt"
    return states


def _states(gathered: Gathered) -> dict[str, ProvisionState]:
    if gathered.report is not None:
        return _from_report(gathered, gathered.report)
    if gathered.source is not None and isinstance(gathered.source.data, dict):
        return _from_data(gathered, gathered.source.data)
    if gathered.facts is not None:
        return _from_facts(gathered, gathered.facts.facts)
    return {p.id: ProvisionState("unknown") for p in gathered.catalogue.provisions}


def provision_statuses(gathered: Gathered) -> dict[str, str]:
    """Provision id -> disclosed / not-applicable / not-disclosed / missing / outside-excerpt (unknown if
    unreadable)."""
    return {pid: state.status for pid, state in provision_states(gathered).items()}


def _from_report(gathered: Gathered, report: Report) -> dict[str, ProvisionState]:
    states: dict[str, ProvisionState] = {}
    for provision in gathered.catalogue.provisions:
        entry = report.provisions.get(provision.id)
        if entry is None:
            states[provision.id] = ProvisionState("missing")
            continue
        explanation = first_text(entry.explanation, gathered.language)
        states[provision.id] = ProvisionState(
            entry.status, explanation, gathered.position(provision_path(provision.id, "status"))[0],
            # each climate-related target is a row of figures and texts of its own
            len(entry.facts) + len(entry.targets), len(entry.narrative), tuple(sorted(set(entry.reliefs))))
    return states


def _from_data(gathered: Gathered, data: dict[str, Any]) -> dict[str, ProvisionState]:
    # The file does not have the shape of a report; show what can be seen of each provision.
    entries = data.get("provisions")
    states: dict[str, ProvisionState] = {}
    for provision in gathered.catalogue.provisions:
        entry = entries.get(provision.id) if isinstance(entries, dict) else None
        if entry is None:
            states[provision.id] = ProvisionState("missing" if isinstance(entries, dict) else "unknown")
            continue
        status = entry.get("status") if isinstance(entry, dict) else None
        line = gathered.position(provision_path(provision.id))[0]
        states[provision.id] = ProvisionState(status if status in ADDRESSED else "unknown", None, line)
    return states


def _from_facts(gathered: Gathered, facts: tuple[Fact, ...]) -> dict[str, ProvisionState]:
    catalogue = gathered.catalogue
    by_member = {p.member: p.id for p in catalogue.provisions}
    states = {p.id: ProvisionState("missing") for p in catalogue.provisions}
    explanations: dict[str, dict[str, str]] = defaultdict(dict)
    for fact in facts:
        name = local_name(fact.concept)
        dims = {local_name(a): local_name(m) for a, m in fact.dimensions}
        provision_id = by_member.get(dims.get("ProvisionAxis", ""))
        if name == "DisclosureStatus" and provision_id and fact.value:
            states[provision_id].status = cast(Status, _STATUS_BY_MEMBER.get(fact.value.rsplit("#", 1)[-1],
                                                                              "unknown"))
        elif name == "ExplanationForNotDisclosing" and provision_id and fact.value:
            explanations[provision_id][fact.language or ""] = plain(fact.value).strip()
    for provision_id, texts in explanations.items():
        states[provision_id].explanation = first_text(texts, gathered.language)
    narrated: set[str] = set()
    for fact in facts:
        name = local_name(fact.concept)
        concept = catalogue.concept(name) if catalogue.has_concept(name) else None
        if concept is None or concept.provision not in states:
            continue
        if concept.is_numeric:
            states[concept.provision].figures += 1
        elif concept.is_text_block and name not in narrated:
            narrated.add(name)
            states[concept.provision].narratives += 1
    return states
