"""Read a report file (YAML) or a published instance without raising: every problem becomes a finding."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from esgxbrl.catalogue import GUIDES, Catalogue, Provision, load_catalogue, rulebook_using
from esgxbrl.catalogue.obligations import Board, Obligation, obligation_of
from esgxbrl.errors import EsgxbrlError, Finding, InputInvalid
from esgxbrl.model.facts import FactSet, Period
from esgxbrl.model.report import Report
from esgxbrl.model.source import Path_, Source
from esgxbrl.preparer.check.text import local_name
from esgxbrl.preparer.load import (
    EXCERPT_CONCEPT,
    LARGECAP_CONCEPT,
    LARGECAP_MEMBERS,
    LISTING_BOARD_CONCEPT,
    LISTING_BOARD_MEMBERS,
    collect_source,
)
from esgxbrl.preparer.source import load_source

INSTANCE_SUFFIXES = frozenset({".xbrl", ".xml", ".json", ".jsonld", ".html", ".xhtml", ".htm"})


@dataclass
class Gathered:
    """Everything that could be read from a report file or instance, errors included."""

    file: str
    kind: Literal["yaml", "instance"]
    catalogue: Catalogue
    source: Source | None = None
    report: Report | None = None
    facts: FactSet | None = None
    origins: dict[str, Path_] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def line_of(self, fact_id: str) -> int | None:
        path = self.origins.get(fact_id)
        if path is None or self.source is None:
            return None
        return self.source.position(path)[0]

    def position(self, path: Path_) -> tuple[int | None, int | None]:
        return self.source.position(path) if self.source is not None else (None, None)

    def finding(self, path: Path_, message: str, fix: str | None, provision: str | None, severity: str,
                code: str) -> Finding:
        if self.source is not None:
            return self.source.finding(path, message, fix, provision, severity, code)
        return Finding(message, self.file, None, None, provision, fix, severity, code)  # type: ignore[arg-type]

    @property
    def language(self) -> str:
        """The language the report is written in (English when nothing could be read)."""
        if self.report is not None:
            return self.report.language
        return self.facts.document_language if self.facts is not None else "en"

    def obligation(self, provision: Provision) -> Obligation:
        """The provision's obligation for this issuer and year (a Main Board issuer when nothing says)."""
        board, largecap = self.listing or ("main", False)
        period = self.period
        start = period.start if period is not None and period.start is not None else dt.date.min
        return obligation_of(provision, board, largecap, start)

    @property
    def listing(self) -> tuple[Board, bool] | None:
        """Board and LargeCap status: the report file's `listing:`, or an instance's listing facts."""
        if self.report is not None:
            listing = self.report.listing
            return (listing.board, bool(listing.largecap)) if listing is not None else None
        if self.facts is None:
            return None
        stated = {local_name(f.concept): (f.value or "").rsplit("#", 1)[-1] for f in self.facts.facts
                  if not f.dimensions and local_name(f.concept) in (LISTING_BOARD_CONCEPT, LARGECAP_CONCEPT)}
        boards = {member: board for board, member in LISTING_BOARD_MEMBERS.items()}
        board = boards.get(stated.get(LISTING_BOARD_CONCEPT, ""))
        if board is None:
            return None
        return board, stated.get(LARGECAP_CONCEPT) == LARGECAP_MEMBERS[True]

    @property
    def excerpt(self) -> frozenset[str] | None:
        """The provisions a file that carries part of a report names as its own (None: the whole report).

        An instance states it is an excerpt with its description fact; its provisions are then those
        with a disclosure status.
        """
        if self.report is not None:
            excerpt = self.report.excerpt
            return frozenset(excerpt.provisions) if excerpt is not None else None
        if self.facts is None:
            return None
        names = {local_name(f.concept) for f in self.facts.facts}
        if EXCERPT_CONCEPT not in names:
            return None
        by_member = {p.member: p.id for p in self.catalogue.provisions}
        carried: set[str] = set()
        for fact in self.facts.facts:
            if local_name(fact.concept) != "DisclosureStatus":
                continue
            dims = {local_name(axis): local_name(member) for axis, member in fact.dimensions}
            if dims.get("ProvisionAxis") in by_member:
                carried.add(by_member[dims["ProvisionAxis"]])
        return frozenset(carried)

    @property
    def period(self) -> Period | None:
        """The reporting period: the report's, or the one most facts of an instance use."""
        if self.report is not None:
            return Period(self.report.period.end, self.report.period.start)
        if self.facts is None:
            return None
        counts: dict[Period, int] = defaultdict(int)
        for fact in self.facts.facts:
            if fact.period.start is not None:
                counts[fact.period] += 1
        return max(sorted(counts), key=lambda p: counts[p]) if counts else None


def gather(path: str | Path) -> Gathered:
    """Read a report file (YAML) or a published instance, collecting every problem instead of raising."""
    path = Path(path)
    if path.suffix.lower() in INSTANCE_SUFFIXES:
        return _gather_instance(path)
    return gather_source_file(path)


def gather_source_file(path: Path) -> Gathered:
    catalogue = load_catalogue()
    try:
        source = load_source(path)
    except InputInvalid as exc:
        return Gathered(str(path), "yaml", catalogue, findings=list(exc.findings))
    return gather_source(source)


def gather_source(source: Source) -> Gathered:
    """Shape, facts and every finding of loading, even when `compile_source` would refuse the file."""
    loaded, findings = collect_source(source)
    if loaded is None:
        # a file that does not have the shape of a report is still listed against the guide it names
        guide = source.data.get("guide") if isinstance(source.data, dict) else None
        catalogue = load_catalogue(GUIDES[guide]) if isinstance(guide, str) and guide in GUIDES else load_catalogue()
        return Gathered(source.file, "yaml", catalogue, source=source, findings=findings)
    return Gathered(source.file, "yaml", loaded.catalogue, source, loaded.report, loaded.facts,
                    dict(loaded.origins), findings)


def _gather_instance(path: Path) -> Gathered:
    from esgxbrl.read import read

    try:
        facts = read(path)
    except EsgxbrlError as exc:
        return Gathered(str(path), "instance", load_catalogue(), findings=[Finding(str(exc), str(path), code="read")])
    return gather_facts(facts, str(path))


def gather_facts(facts: FactSet, name: str = "<instance>") -> Gathered:
    """A fact set read from a published instance (no YAML positions, no notes' kinds), checked against
    the rulebook whose taxonomy it uses."""
    catalogue = rulebook_using(uri for _, uri in facts.namespaces) or load_catalogue()
    return Gathered(name, "instance", catalogue, facts=facts)
