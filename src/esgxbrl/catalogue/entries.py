"""The entries of a C2 catalogue (aspects, provisions, concepts, axes, tables, units, SDGs) as typed values."""


from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

Text = Mapping[str, str]
PeriodType = Literal["duration", "instant"]

#: Canonical unit keys used in the catalogue, mapped to XBRL measures.
CANONICAL_MEASURES: dict[str, str] = {
    "tCO2e": "utr:tCO2e",
    "MWh": "utr:MWh",
    "m3": "utr:m3",
    "t": "utr:t",
    "kg": "utr:kg",
    "sqm": "utr:sqm",
    "km": "utr:km",
    "m": "utr:m",
    "pure": "xbrli:pure",
}

#: the unit key of a concept whose facts keep the unit they are counted in (an issuer's own denominator)
AS_DECLARED = "as-declared"


#: the abstract heading each subject area of the comply or explain provisions sits under
AREA_ABSTRACTS: dict[str, str] = {"A": "EnvironmentalAbstract", "B": "SocialAbstract",
                                  "D": "ClimateRelatedDisclosuresAbstract"}


class CatalogueError(Exception):
    """The catalogue data is inconsistent (a defect of esgxbrl, not of the user's input)."""


@dataclass(frozen=True)
class Aspect:
    id: str
    area: str
    name: str
    sdgs: tuple[int, ...]
    label: Text

    @property
    def abstract(self) -> str:
        return f"{self.name}Abstract"


@dataclass(frozen=True)
class Provision:
    id: str
    kind: Literal["mandatory", "comply-or-explain"]
    aspect: str | None
    paragraph: str | None
    member: str
    narrative: tuple[str, ...]
    quantitative: bool
    sdgs: tuple[int, ...]
    title: Text
    requirement: Text
    part: Literal["B", "C", "D"] = "C"
    #: Part D only: "all-issuers" (mandatory for every issuer) or "by-tier" (set by board and LargeCap status)
    obligation: str | None = None
    #: False where the Code paragraph rests on a secondary source, not the rule text
    paragraph_verified: bool = True

    @property
    def is_general_disclosure(self) -> bool:
        return self.id.endswith(".GD")


@dataclass(frozen=True)
class Axis:
    name: str
    domain: str
    has_default: bool
    extensible: bool
    members: tuple[str, ...]

    @property
    def short_name(self) -> str:
        return self.name.removesuffix("Axis")


@dataclass(frozen=True)
class Enumeration:
    name: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Qualifier:
    """How a figure printed as a bound or an approximation is marked: the member of the figure qualifier
    axis it is published with, and the words printed before (`>`, `over`, `約`) or after (`以上`) it."""

    member: str
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    name: str
    provision: str | None
    axes: tuple[str, ...]

    @property
    def line_items(self) -> str:
        return self.name.removesuffix("Table") + "LineItems"


@dataclass(frozen=True)
class Concept:
    name: str
    type: str
    xbrl_type: str
    period: PeriodType
    unit: str | None
    provision: str | None
    table: str | None
    additive: bool
    sum_of: tuple[str, ...]
    intensity_of: str | None
    enum: str | None
    group: str
    quantity: str | None
    balance: str | None
    kinds: tuple[str, ...]

    @property
    def is_numeric(self) -> bool:
        return self.unit is not None

    @property
    def is_text_block(self) -> bool:
        return self.type == "text"

    @property
    def is_intensity(self) -> bool:
        return self.type == "intensity"


@dataclass(frozen=True)
class UnitSpec:
    kind: str
    measure: str
    factor: Decimal
    printed: tuple[str, ...]
    currency: str | None = None          # a money unit that names its currency


@dataclass(frozen=True)
class Denominator:
    id: str
    measure: str
    printed: tuple[str, ...]
    scale: Decimal = Decimal(1)          # "per 10,000 CNY of revenue" is 10000 units of the measure
    concept: str | None = None           # the standard concept the denominator's own value is reported in


@dataclass(frozen=True)
class Sdg:
    goal: int
    label: Text

    @property
    def member(self) -> str:
        return f"SustainableDevelopmentGoal{self.goal}Member"

    @property
    def iri(self) -> str:
        return f"http://metadata.un.org/sdg/{self.goal}"


@dataclass(frozen=True)
class Regime:
    id: str
    version: str
    effective_from: str
    prefix: str
    namespace: str
    url_base: str
    entry_point: str
    package_name: str
    publisher: str
    source: Mapping[str, str]

    @property
    def entry_point_url(self) -> str:
        return self.url_base + self.entry_point


@dataclass(frozen=True)
class Catalogue:
    regime: Regime
    aspects: tuple[Aspect, ...]
    areas: Mapping[str, Text]
    provisions: tuple[Provision, ...]
    axes: tuple[Axis, ...]
    enumerations: tuple[Enumeration, ...]
    tables: tuple[Table, ...]
    concepts: tuple[Concept, ...]
    units: tuple[UnitSpec, ...]
    denominators: tuple[Denominator, ...]
    sdgs: tuple[Sdg, ...]
    labels: Mapping[str, Text]
    docs: Mapping[str, Text]
    lineage: tuple[str, ...] = ()               # this version, then the versions it extends
    directory: Path | None = None               # where the data came from (None: the package)
    #: the axis a figure printed as a bound or an approximation is published on, and its printed forms
    qualifier_axis: str | None = None
    qualifier_table: str | None = None          # the table of figures that have no breakdown of their own
    qualifiers: tuple[Qualifier, ...] = ()
    _concepts: dict[str, Concept] = field(default_factory=dict, repr=False, compare=False)
    _provisions: dict[str, Provision] = field(default_factory=dict, repr=False, compare=False)
    _axes: dict[str, Axis] = field(default_factory=dict, repr=False, compare=False)
    _tables: dict[str, Table] = field(default_factory=dict, repr=False, compare=False)
    #: (printed form, member, printed before the figure) of every qualifier, prefixes then suffixes, longest first
    _qualifier_forms: list[tuple[str, str, bool]] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._concepts.update({c.name: c for c in self.concepts})
        self._provisions.update({p.id: p for p in self.provisions})
        for axis in self.axes:
            self._axes[axis.name] = axis
            self._axes[axis.short_name] = axis
        self._tables.update({t.name: t for t in self.tables})
        for before in (True, False):
            self._qualifier_forms.extend(sorted(
                ((form, q.member, before) for q in self.qualifiers for form in (q.prefixes if before else q.suffixes)),
                key=lambda f: -len(f[0])))

    # --- look-ups -------------------------------------------------------------------------------
    def concept(self, name: str) -> Concept:
        return self._concepts[name]

    def has_concept(self, name: str) -> bool:
        return name in self._concepts

    def provision(self, provision_id: str) -> Provision:
        return self._provisions[provision_id]

    def has_provision(self, provision_id: str) -> bool:
        return provision_id in self._provisions

    def axis(self, name: str) -> Axis:
        """An axis by its element name (GenderAxis) or short name (Gender)."""
        return self._axes[name]

    def has_axis(self, name: str) -> bool:
        return name in self._axes

    def table(self, name: str) -> Table:
        return self._tables[name]

    def axes_of(self, concept: Concept) -> tuple[Axis, ...]:
        if concept.table is None:
            return ()
        return tuple(self.axis(a) for a in self.table(concept.table).axes)

    def breakdown_axes_of(self, concept: Concept) -> tuple[Axis, ...]:
        """The axes a concept's figures are broken down by: its table's, less the figure qualifier (a bound
        or an approximation is the same quantity marked, never a part of it)."""
        return tuple(a for a in self.axes_of(concept) if a.name != self.qualifier_axis)

    def split_qualifier(self, printed: str) -> tuple[str | None, str]:
        """The qualifier member a printed figure carries (">440,000": MoreThanMember, "約90": ApproximatelyMember)
        and the figure without it; (None, printed) for a figure printed plainly."""
        text = printed.strip()
        folded = text.casefold()
        for form, member, before in self._qualifier_forms:
            mark = form.casefold()
            if before and folded.startswith(mark):
                rest = text[len(form):].strip()
                if rest[:1].isdigit():
                    return member, rest
            elif not before and folded.endswith(mark):
                rest = text[:len(text) - len(form)].strip()
                if rest[-1:].isdigit():
                    return member, rest
        return None, printed

    def is_figure(self, concept: Concept) -> bool:
        """Whether a report writes the concept under a provision's `facts:`: a number that can stand
        without a dimension (not, say, a material topic's rank, which needs its topic)."""
        return concept.is_numeric and concept.provision is not None and all(
            a.has_default for a in self.axes_of(concept))

    def concepts_of(self, provision_id: str) -> tuple[Concept, ...]:
        return tuple(c for c in self.concepts if c.provision == provision_id)

    def aspect(self, aspect_id: str) -> Aspect:
        for aspect in self.aspects:
            if aspect.id == aspect_id:
                return aspect
        raise KeyError(aspect_id)

    def provisions_of(self, aspect_id: str) -> tuple[Provision, ...]:
        return tuple(p for p in self.provisions if p.aspect == aspect_id)

    def label(self, name: str, lang: str = "en") -> str:
        texts = self.labels.get(name, {})
        return texts.get(lang) or texts.get("en") or name

    def provision_of_concept(self, concept: Concept) -> Provision | None:
        return self.provision(concept.provision) if concept.provision else None

    def qname(self, local_name: str) -> str:
        return f"{self.regime.prefix}:{local_name}"

    def clark(self, local_name: str) -> str:
        return f"{{{self.regime.namespace}}}{local_name}"

    def canonical_measure(self, concept: Concept, currency: str) -> str:
        assert concept.unit is not None
        if concept.unit == "currency":
            return f"iso4217:{currency}"
        return CANONICAL_MEASURES[concept.unit]

    def denominator_of_measure(self, measure: str) -> Denominator | None:
        """The standard denominator an intensity per `measure` is per ("currency" for any currency)."""
        key = "currency" if measure.startswith("iso4217:") else measure
        return next((d for d in self.denominators if d.measure == key), None)


def all_element_names(catalogue: Catalogue) -> list[str]:
    """Every element the taxonomy declares, in a stable order."""
    names: list[str] = ["ReportInformationAbstract", "MandatoryDisclosureRequirementsAbstract",
                        "EnvironmentalAbstract", "SocialAbstract", "ComplyOrExplainIndexAbstract",
                        "SustainableDevelopmentGoalsAbstract"]
    if any(a.area == "D" for a in catalogue.aspects):
        names.insert(4, AREA_ABSTRACTS["D"])
    names += [a.abstract for a in catalogue.aspects]
    names += [c.name for c in catalogue.concepts]
    for table in catalogue.tables:
        names += [table.name, table.line_items]
    for axis in catalogue.axes:
        names += [axis.name, axis.domain, *axis.members]
    for enum in catalogue.enumerations:
        names += [enum.name, *enum.members]
    seen: set[str] = set()
    return [n for n in names if not (n in seen or seen.add(n))]  # type: ignore[func-returns-value]
