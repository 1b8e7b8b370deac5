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
MEMBERS_LISTED_ELSEWHERE = {"MaterialTopic": "materiality.topics", "StakeholderGroup": "stakeholders"}


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


class FactEntry(_Strict):
    concept: str
    value: str
    unit: str | None = None
    by: dict[str, str] = Field(default_factory=dict)
    period: int | FactPeriod | None = None
    notes: list[str] = Field(default_factory=list)
    printed_label: Localized | None = None


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


class Report(_Strict):
    format: Literal["esgxbrl/1"]
    guide: Literal["hkex-c2-2020"]
    entity: Entity
    period: Period
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    report: ReportInfo
    members: dict[str, list[IssuerMember]] = Field(default_factory=dict)
    denominators: list[DenominatorEntry] = Field(default_factory=list)
    notes: dict[str, Note] = Field(default_factory=dict)
    materiality: Materiality | None = None
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    sdgs: list[SdgLink] = Field(default_factory=list)
    provisions: dict[str, ProvisionEntry]

    @property
    def language(self) -> str:
        return self.report.language
