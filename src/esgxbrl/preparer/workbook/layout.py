"""The workbook's layout, as data: its sheets, their columns and the rows' kinds.

The provision sheets come from the catalogue: one per area of the guide (Part B, the mandatory
disclosures, for provisions of no aspect), so a guide version with another part gets its sheet
without code changes. Columns are found by their position; their titles are checked on reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from esgxbrl.catalogue import GUIDES, Catalogue, Provision
from esgxbrl.catalogue.obligations import RELIEF_MEMBERS
from esgxbrl.model.report import (
    CONSOLIDATION_CONCEPT,
    ENVIRONMENTAL_TARGET_AXIS,
    ENVIRONMENTAL_TARGET_KINDS,
    TARGET_AXIS,
    TARGET_TEXTS,
    ConsolidationApproach,
)


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    provisions: tuple[str, ...] = ()   # the provisions listed, on a provision sheet

    def letter(self, key: str) -> str:
        index = next(i for i, c in enumerate(self.columns) if c.key == key)
        return chr(ord("A") + index)

    def index(self, key: str) -> int:
        """The 1-based column number of `key`."""
        return next(i for i, c in enumerate(self.columns) if c.key == key) + 1


REPORT = Sheet("Report", (Column("field", "Field", 26), Column("what", "What", 50), Column("lang", "Language", 10),
                          Column("value", "Value", 60)))
PROVISION_COLUMNS = (
    Column("provision", "Provision", 14), Column("item", "Item", 12), Column("concept", "Concept", 36),
    Column("label", "Label", 40), Column("asks", "What the guide asks / canonical unit", 50),
    Column("lang", "Language", 10), Column("axis1", "Breakdown", 18), Column("member1", "Member", 20),
    Column("axis2", "Breakdown 2", 18), Column("member2", "Member 2", 20), Column("period", "Period", 12),
    Column("value", "Value", 50), Column("unit", "Unit", 16), Column("notes", "Notes", 14),
    Column("printed", "Printed label", 30), Column("restated", "Restated", 40),
)
MEMBERS = Sheet("Members", (Column("axis", "Breakdown", 24), Column("member", "Member", 28),
                            Column("lang", "Language", 10), Column("label", "Label", 50)))
#: the issuer's own axes (segments, sites, fleets): a row without a member gives the axis's label in its
#: language, a row with one that member's label, as the Members sheet gives members of the guide's axes
AXES = Sheet("Axes", (Column("axis", "Axis", 24), Column("member", "Member", 28), Column("lang", "Language", 10),
                      Column("label", "Label", 50)))
#: the issuer's own concepts (`concepts:` of the report file): one row per concept and label language; what is
#: the same in every language (type, unit, period, provision, anchor, relationship) once, on any of its rows
CONCEPTS = Sheet("Concepts", (
    Column("name", "Concept", 36), Column("lang", "Language", 10), Column("label", "Label", 40),
    Column("type", "Type", 12), Column("unit", "Unit", 14), Column("period", "Period", 10),
    Column("provision", "Provision", 12), Column("anchor", "Anchor", 36), Column("relationship", "Relationship", 13)))
#: the cells of the Concepts sheet given once per concept
CONCEPT_ONCE = ("type", "unit", "period", "provision", "anchor", "relationship")
CONCEPT_PERIODS = ("duration", "instant")
CONCEPT_RELATIONSHIPS = ("narrower", "wider")
NOTES = Sheet("Notes", (Column("note", "Note", 14), Column("kind", "Kind", 18), Column("lang", "Language", 10),
                        Column("text", "Text", 80)))
#: the intensity denominators the report declares or gives values of: one row per value (or label language);
#: the unit and printed forms of a declared one on any of its rows, once
DENOMINATORS = Sheet("Denominators", (
    Column("name", "Denominator", 24), Column("lang", "Language", 10), Column("label", "Label", 36),
    Column("unit", "Unit", 14), Column("printed", "Printed forms", 24), Column("period", "Period", 12),
    Column("value", "Value", 18), Column("value_unit", "Value unit", 16), Column("notes", "Notes", 14)))
#: the targets (the Guide's environmental ones, the Code's climate-related ones): one row per target and
#: language; the provision on each row or once, and what is the same in every language (type, years, base
#: value, reduction, progress, notes) once
TARGETS = Sheet("Targets", (
    Column("provision", "Provision", 12), Column("id", "Target", 26), Column("lang", "Language", 10),
    Column("label", "Label", 30),
    Column("description", "Description", 50), Column("metric", "Metric", 30), Column("type", "Type", 12),
    Column("scope", "Scope covered", 30), Column("base_year", "Base year", 10),
    Column("base_value", "Base-year value", 16), Column("base_unit", "Base-year unit", 16),
    Column("target_year", "Target year", 11), Column("reduction", "Reduction (%)", 13),
    Column("milestones", "Milestones", 40), Column("carbon_credits", "Carbon credits", 40),
    Column("progress", "Progress (%)", 12), Column("notes", "Notes", 14)))
#: the localized columns of a target: its label and its texts
TARGET_LOCALIZED = ("label", *(key for key, _, _ in TARGET_TEXTS))
TARGET_TYPES = ("absolute", "intensity")
SECTIONS = Sheet("Sections", (Column("section", "Section", 24), Column("title", "Title", 50),
                              Column("part", "Part", 30), Column("page", "Page", 8)))
TOPICS = Sheet("Material topics", (Column("topic", "Topic", 36), Column("tier", "Tier", 10), Column("rank", "Rank", 8),
                                   Column("lang", "Language", 10), Column("label", "Label", 50)))
STAKEHOLDERS = Sheet("Stakeholders", (Column("group", "Group", 8), Column("id", "Id", 24), Column("item", "Item", 12),
                                      Column("lang", "Language", 10), Column("text", "Text", 60)))
SDGS = Sheet("SDGs", (Column("goal", "Goal", 8), Column("sections", "Sections", 40), Column("inferred", "Inferred", 10),
                      Column("lang", "Language", 10), Column("note", "Note", 80)))
#: what a row of the Stakeholders sheet holds: the group's name, or one item of one of its lists
STAKEHOLDER_ITEMS = {"name": "name", "concern": "concerns", "channel": "channels"}
TIERS = ("high", "medium", "low")
#: every standard breakdown member, the units and statuses: what the drop-downs offer (written, never read)
LISTS = Sheet("Lists", (Column("axis", "Breakdown", 24), Column("member", "Member", 28), Column("label", "Label", 40),
                        Column("unit", "Unit", 22), Column("status", "Status", 16), Column("item", "Item", 14),
                        Column("breakdowns", "Breakdowns", 24), Column("concepts", "Concepts", 40)))

#: what a row of a provision sheet holds, by its Item
ITEMS = ("status", "explanation", "location", "sections", "sdgs", "notes", "reliefs", "consolidation_approach",
         "narrative", "figure", "label")
#: the item of a row that gives the figure above it its printed label, or why it is restated, in one more language
MORE_LABEL = "label"
#: the items whose text is in one language per row
LOCALIZED_ITEMS = frozenset({"explanation", "location", "narrative"})
#: the items whose value is a comma-separated list
LIST_ITEMS = frozenset({"sections", "sdgs", "notes", "reliefs"})
#: the implementation reliefs a Part D provision may name, comma-separated in one cell
RELIEFS = tuple(RELIEF_MEMBERS)
#: the consolidation approaches the provision that asks for one offers
CONSOLIDATION_APPROACHES = get_args(ConsolidationApproach)
#: what the Report sheet's yes/no cells hold
YES_NO = ("yes", "no")
STATUSES = ("disclosed", "not-applicable", "not-disclosed")
NOTE_KINDS = ("methodology", "emission-factor", "scope", "not-applicable", "source-remark", "other")
#: the fields of the Report sheet: key, path in the report data, whether localized, what it is
REPORT_FIELDS: tuple[tuple[str, tuple[str, ...], bool, str], ...] = (
    ("guide", ("guide",), False,
     "the rulebook: " + " or ".join(GUIDES) + " (the sheets follow it: a report under the other one starts "
     "from `esgxbrl init --xlsx --guide NAME`, or `esgxbrl migrate`)"),
    ("entity.name", ("entity", "name"), True, "registered name"),
    ("entity.identifier", ("entity", "identifiers"), False,
     "identifier, as scheme:value (hkex-stock-code:6623, lei:…); the first names the entity"),
    ("entity.incorporated_in", ("entity", "incorporated_in"), False, "place of incorporation"),
    ("period.start", ("period", "start"), False, "first day of the financial year (YYYY-MM-DD)"),
    ("period.end", ("period", "end"), False, "last day of the financial year (YYYY-MM-DD)"),
    ("currency", ("currency",), False, "ISO 4217 code of money figures (HKD, CNY, USD)"),
    ("report.title", ("report", "title"), True, "the report's title"),
    ("report.language", ("report", "language"), False, "the language of the workbook's text (zh-Hant, en)"),
    ("report.published_languages", ("report", "published_languages"), False,
     "the languages the report is published in, comma-separated"),
    ("report.authoritative_language", ("report", "authoritative_language"), False,
     "the language that prevails"),
    ("report.board_approval", ("report", "board_approval"), False,
     "date (YYYY-MM-DD) or month (YYYY-MM) the board approved the report"),
    ("report.url", ("report", "url"), False, "where the report is published"),
    ("materiality.method", ("materiality", "method"), True, "how the materiality assessment was made"),
    ("excerpt.what", ("excerpt", "what"), True,
     "only for a file that carries part of a published report: which part (a table, a section)"),
    ("excerpt.provisions", ("excerpt", "provisions"), False,
     "with excerpt.what: the provisions the part holds, comma-separated (check asks only for those)"),
)
#: the fields of the Report sheet under a rulebook with Part D, after the guide: where the issuer is listed
LISTING_FIELDS: tuple[tuple[str, tuple[str, ...], bool, str], ...] = (
    ("listing.board", ("listing", "board"), False,
     "where the issuer is listed: main (Main Board) or gem (GEM); sets the obligation of Part D"),
    ("listing.largecap", ("listing", "largecap"), False,
     "yes for a constituent of the Hang Seng Composite LargeCap Index, else no"),
)
PART_B = "Part B"


def has_part_d(catalogue: Catalogue) -> bool:
    return any(p.part == "D" for p in catalogue.provisions)


def report_fields(catalogue: Catalogue) -> tuple[tuple[str, tuple[str, ...], bool, str], ...]:
    """The fields of the Report sheet under `catalogue`: the listing only where Part D depends on it."""
    if not has_part_d(catalogue):
        return REPORT_FIELDS
    return (REPORT_FIELDS[0], *LISTING_FIELDS, *REPORT_FIELDS[1:])


def has_reliefs(provision: Provision) -> bool:
    """Whether a provision's sheet offers a reliefs row: the implementation reliefs apply to Part D only."""
    return provision.part == "D"


def asks_consolidation(catalogue: Catalogue, provision: Provision) -> bool:
    """Whether a provision's sheet offers a consolidation approach row: the provision that publishes it."""
    return any(c.name == CONSOLIDATION_CONCEPT for c in catalogue.concepts_of(provision.id))


def has_targets(catalogue: Catalogue) -> bool:
    """Whether the rulebook asks for targets, which the Targets sheet holds."""
    return bool(target_provisions(catalogue))


def target_provisions(catalogue: Catalogue) -> tuple[str, ...]:
    """The provisions targets are written under: the Guide's A1.5, A1.6, A2.3 and A2.4, the Code's D-MET-12."""
    found: list[str] = []
    if catalogue.has_axis(ENVIRONMENTAL_TARGET_AXIS):
        found += [p for p in ENVIRONMENTAL_TARGET_KINDS if catalogue.has_provision(p)]
    if catalogue.has_axis(TARGET_AXIS):
        provision = catalogue.concept(TARGET_TEXTS[0][1]).provision
        assert provision is not None
        found.append(provision)
    return tuple(found)


def area_of(catalogue: Catalogue, provision: Provision) -> str:
    """The sheet of a provision: its aspect's area, by its English label; Part B for the mandatory ones."""
    if provision.aspect is None:
        return PART_B
    area = catalogue.aspect(provision.aspect).area
    return catalogue.areas.get(area, {}).get("en") or f"Area {area}"


def sheets(catalogue: Catalogue) -> tuple[Sheet, ...]:
    """Every sheet, in order: the report, one per area of the guide, the targets where the guide asks for
    them, members, the issuer's axes and concepts, denominators, notes, the report's sections, material topics,
    stakeholder groups and goals, and the lists the drop-downs offer."""
    areas: dict[str, list[str]] = {}
    for provision in catalogue.provisions:
        areas.setdefault(area_of(catalogue, provision), []).append(provision.id)
    provision_sheets = tuple(Sheet(name, PROVISION_COLUMNS, tuple(ids)) for name, ids in areas.items())
    targets = (TARGETS,) if has_targets(catalogue) else ()
    return (REPORT, *provision_sheets, *targets, MEMBERS, AXES, CONCEPTS, DENOMINATORS, NOTES, SECTIONS, TOPICS,
            STAKEHOLDERS, SDGS, LISTS)


def quoted(sheet: str) -> str:
    """A sheet name as a cell reference writes it ('Part B'!J14)."""
    return f"'{sheet}'" if not sheet.isalnum() else sheet


def cell_name(sheet: str, column: str, row: int) -> str:
    return f"{quoted(sheet)}!{column}{row}"
