"""The typed model of one ESG report, as written in the YAML report file.

Pydantic checks the shape (strict: no silent coercion, no unknown keys); `esgxbrl.read.validate` checks
everything that needs the C2 catalogue (provisions, concepts, units, breakdowns, arithmetic).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
#: text must have something to read: not empty, not only (ideographic) spaces
Localized = dict[LanguageTag, Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]]
Identifier_ = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
UpperCamel = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Za-z0-9]*$", max_length=120)]
Status = Literal["disclosed", "not-applicable", "not-disclosed"]
NoteKind = Literal["methodology", "emission-factor", "scope", "not-applicable", "source-remark", "other"]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class EntityIdentifier(_Strict):
    scheme: Literal["lei", "hkex-stock-code", "nyse-ticker"]
    value: Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]


class Entity(_Strict):
    name: Localized
    identifiers: list[EntityIdentifier] = Field(min_length=1)
    incorporated_in: str | None = None


class Period(_Strict):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("the period ends before it starts")
        return self


class Section(_Strict):
    id: Identifier_
    title: str
    part: str | None = None
    page: int | None = None


class ReportInfo(_Strict):
    title: Localized
    language: LanguageTag
    published_languages: list[LanguageTag] = Field(default_factory=list)
    authoritative_language: LanguageTag | None = None
    board_approval: str | None = None
    url: str | None = None
    sections: list[Section] = Field(default_factory=list)

    @field_validator("board_approval")
    @classmethod
    def _approval(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            if len(value) == 7:
                dt.date.fromisoformat(value + "-01")
            else:
                dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("board_approval must be a date (2024-04-18) or a month (2024-04)") from None
        return value

    def approval_is_month(self) -> bool:
        return self.board_approval is not None and len(self.board_approval) == 7


class IssuerMember(_Strict):
    name: UpperCamel
    label: Localized


class IssuerAxis(_Strict):
    """A breakdown of the issuer's own (business segment, site, portfolio, fleet): an explicit axis of
    the extension schema, usable in `by:` of any figure."""

    #: without the `Axis` suffix: BusinessSegment is BusinessSegmentAxis, its domain BusinessSegmentDomain
    name: UpperCamel
    label: Localized
    members: list[IssuerMember] = Field(min_length=1)


class IssuerConcept(_Strict):
    """A concept of the issuer's own, for a figure or text no concept of the guide holds exactly."""

    name: UpperCamel
    label: Localized
    #: one of the catalogue's types: count, decimal, percent, mass, area, length, energy, volume, ghg,
    #: monetary, text (a text block) or string
    type: str
    #: the unit its facts are published in, as printed (t, kg, MWh, m³…); money and ratios need none
    unit: str | None = None
    period: Literal["duration", "instant"] = "duration"
    provision: str
    #: the base concept of the same provision it is narrower or wider than; a text may leave it out,
    #: and is then anchored to the provision's text block
    anchor: str | None = None
    relationship: Literal["narrower", "wider"] = "narrower"


class Note(_Strict):
    text: Localized
    kind: NoteKind = "other"


class MaterialTopic(_Strict):
    id: UpperCamel
    label: Localized
    tier: Literal["high", "medium", "low"] | None = None
    rank: int | None = Field(default=None, ge=1)


class Materiality(_Strict):
    method: Localized | None = None
    topics: list[MaterialTopic] = Field(default_factory=list)


#: extensible axes whose issuer members the report file lists in a section of their own, not under `members:`
MEMBERS_LISTED_ELSEWHERE = {"MaterialTopic": "materiality.topics", "StakeholderGroup": "stakeholders",
                            "ClimateRelatedTarget": "provisions: D-MET-12: targets",
                            "EnvironmentalTarget": "provisions: A1.5, A1.6, A2.3 or A2.4: targets"}


class Stakeholder(_Strict):
    id: UpperCamel | None = None   # its member's name; by default StakeholderGroup1, 2, … by place
    name: Localized
    concerns: list[Localized] = Field(default_factory=list)
    channels: list[Localized] = Field(default_factory=list)


class SdgLink(_Strict):
    goal: int = Field(ge=1, le=17)
    sections: list[str] = Field(default_factory=list)
    inferred: bool = False
    note: Localized | None = None


class FactPeriod(_Strict):
    start: dt.date
    end: dt.date


class Restatement(_Strict):
    """A prior-year figure printed again with another value than first published, and why."""

    reason: Localized


class FactEntry(_Strict):
    concept: str
    #: as printed; an empty value is a placeholder (init, migrate) that never validates
    value: Annotated[str, StringConstraints(min_length=1)]
    unit: str | None = None
    by: dict[str, str] = Field(default_factory=dict)
    period: int | FactPeriod | None = None
    notes: list[str] = Field(default_factory=list)
    printed_label: Localized | None = None
    #: a prior-year figure that differs from the one first published: the reason becomes a footnote
    restated: Restatement | None = None


#: the implementation reliefs of Part D of the Code, as a report file names them
Relief = Literal["reasonable-information", "commensurate-approach", "qualitative-financial-effects",
                 "interim-scope-3"]


class Listing(_Strict):
    """Where the issuer is listed, which sets the obligation of the Code's Part D."""

    board: Literal["main", "gem"]
    #: a constituent of the Hang Seng Composite LargeCap Index; left out when the file does not state it,
    #: which is allowed only for years in which the status sets no obligation (before FY2026)
    largecap: bool | None = None


#: the consolidation approaches of the GHG Protocol Corporate Standard, as a report file names them
ConsolidationApproach = Literal["equity-share", "financial-control", "operational-control"]
#: the concept the consolidation approach is published as; its provision is the one that asks for it
CONSOLIDATION_CONCEPT = "GreenhouseGasConsolidationApproach"
#: the axis whose issuer members are the climate-related targets
TARGET_AXIS = "ClimateRelatedTargetAxis"
#: the axis whose issuer members are the Guide's environmental targets
ENVIRONMENTAL_TARGET_AXIS = "EnvironmentalTargetAxis"
#: the provisions of the Guide that ask for targets, and the kinds of unit a base-year value may be in
ENVIRONMENTAL_TARGET_KINDS: dict[str, tuple[str, ...]] = {
    "A1.5": ("ghg", "mass"), "A1.6": ("mass",), "A2.3": ("energy",), "A2.4": ("volume",)}
#: a target's texts: its key in the report file, its concept, and whether that is a text block
TARGET_TEXTS = (("description", "ClimateRelatedTargetDescription", True),
                ("metric", "ClimateRelatedTargetMetric", False),
                ("scope", "ClimateRelatedTargetScopeCovered", False),
                ("milestones", "ClimateRelatedTargetMilestonesExplanatory", True),
                ("carbon_credits", "PlannedUseOfCarbonCreditsExplanatory", True))


class TargetBaseValue(_Strict):
    """The base-year amount of an absolute target, as printed (emissions, waste, energy or water)."""

    value: Annotated[str, StringConstraints(min_length=1)]
    unit: str


class ClimateTarget(_Strict):
    """One target: a climate-related target of the Code (D-MET-12), or an environmental target of the
    Guide (A1.5, A1.6, A2.3, A2.4); a member of the target axis with its line items."""

    #: the target's member of ClimateRelatedTargetAxis (UpperCamelCase); keep it from year to year
    id: UpperCamel
    label: Localized
    description: Localized | None = None
    metric: Localized | None = None
    type: Literal["absolute", "intensity"] | None = None
    #: the operations, portfolios, scopes and gases covered, as printed
    scope: Localized | None = None
    base_year: int | None = Field(default=None, ge=1900, le=2200)
    base_value: TargetBaseValue | None = None
    target_year: int | None = Field(default=None, ge=1900, le=2200)
    #: targeted reduction from the base year, in per cent as printed ("25")
    reduction: Annotated[str, StringConstraints(min_length=1)] | None = None
    milestones: Localized | None = None
    carbon_credits: Localized | None = None
    #: reduction achieved by the end of the period, in per cent as printed ("40")
    progress: Annotated[str, StringConstraints(min_length=1)] | None = None
    notes: list[str] = Field(default_factory=list)


class DenominatorValue(_Strict):
    value: str
    unit: str | None = None              # as printed; default: the denominator's `unit`
    period: int | FactPeriod | None = None
    notes: list[str] = Field(default_factory=list)


class DenominatorEntry(_Strict):
    """What intensities are per: a standard denominator (Revenue, FloorArea) given only its values, or the
    issuer's own (kilometres operated, buses) with a label, the unit it is counted in and its printed forms."""

    name: UpperCamel
    label: Localized | None = None
    unit: str | None = None
    printed: list[Annotated[str, StringConstraints(min_length=1)]] = Field(default_factory=list)
    values: list[DenominatorValue] = Field(default_factory=list)


class ProvisionEntry(_Strict):
    status: Status
    explanation: Localized | None = None
    location: Localized | None = None
    sections: list[str] = Field(default_factory=list)
    narrative: dict[str, Localized] = Field(default_factory=dict)
    facts: list[FactEntry] = Field(default_factory=list)
    sdgs: list[Annotated[int, Field(ge=1, le=17)]] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    reliefs: list[Relief] = Field(default_factory=list)
    #: D-MET-3 only: how the greenhouse gas emissions are consolidated
    consolidation_approach: ConsolidationApproach | None = None
    #: D-MET-12 (the Code's climate-related targets) and A1.5, A1.6, A2.3, A2.4: the targets, one table row each
    targets: list[ClimateTarget] = Field(default_factory=list)


class Excerpt(_Strict):
    """The file carries part of a published report (a table, a section), not the whole of it.

    Provisions outside `provisions` are not claimed either way: the file does not say whether the
    report discloses them, so `check` does not ask for them.
    """

    what: Localized
    provisions: list[str] = Field(min_length=1)


class Report(_Strict):
    format: Literal["esgxbrl/1"]
    guide: Literal["hkex-c2-2020", "hkex-esg-code-2025"]
    listing: Listing | None = None
    entity: Entity
    period: Period
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    report: ReportInfo
    members: dict[str, list[IssuerMember]] = Field(default_factory=dict)
    axes: list[IssuerAxis] = Field(default_factory=list)
    denominators: list[DenominatorEntry] = Field(default_factory=list)
    concepts: list[IssuerConcept] = Field(default_factory=list)
    notes: dict[str, Note] = Field(default_factory=dict)
    materiality: Materiality | None = None
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    sdgs: list[SdgLink] = Field(default_factory=list)
    excerpt: Excerpt | None = None
    provisions: dict[str, ProvisionEntry]

    @property
    def language(self) -> str:
        return self.report.language
