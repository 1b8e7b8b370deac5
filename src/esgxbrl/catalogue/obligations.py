"""Which obligation a provision carries for one issuer and one financial year.

Part B is mandatory and Part C comply or explain for every issuer. Part D of the 2025 Code depends
on the issuer and the year: Scope 1 and Scope 2 emissions (and how they are measured) are mandatory
for every issuer; the rest is comply or explain for Main Board issuers, mandatory for LargeCap
issuers for financial years starting on or after 1 January 2026, and voluntary for GEM issuers.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from esgxbrl.catalogue.entries import Catalogue, Provision

Obligation = Literal["mandatory", "comply-or-explain", "voluntary"]
Board = Literal["main", "gem"]

#: LargeCap issuers report every Part D requirement as mandatory from financial years starting on this day
LARGECAP_MANDATORY_FROM = dt.date(2026, 1, 1)

#: the implementation relief a report file names, and its member of ImplementationReliefDomain
RELIEF_MEMBERS: dict[str, str] = {
    "reasonable-information": "ReasonableAndSupportableInformationReliefMember",
    "commensurate-approach": "CommensurateApproachReliefMember",
    "qualitative-financial-effects": "QualitativeFinancialEffectsReliefMember",
    "interim-scope-3": "InterimScope3ReliefMember",
}


def obligation_of(provision: Provision, board: Board, largecap: bool, year_start: dt.date) -> Obligation:
    if provision.part == "B" or provision.obligation == "all-issuers":
        return "mandatory"
    if provision.part != "D":
        return "comply-or-explain"
    if board == "gem":
        return "voluntary"
    if largecap and year_start >= LARGECAP_MANDATORY_FROM:
        return "mandatory"
    return "comply-or-explain"


def rulebook_for_year(catalogues: list[Catalogue], year_start: dt.date) -> Catalogue:
    """The version in force for a financial year starting on `year_start`: the latest effective by then."""
    in_force = [c for c in catalogues if dt.date.fromisoformat(c.regime.effective_from) <= year_start]
    return max(in_force or catalogues[:1], key=lambda c: c.regime.effective_from)
