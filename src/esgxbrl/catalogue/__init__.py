"""The Appendix C2 catalogue: provisions, concepts, axes, units and labels, loaded from data.

Everything esgxbrl knows about the guide comes from the two YAML files beside this module; the
taxonomy, the JSON Schema of the report file and the reference page are generated from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

LANGUAGES: tuple[str, ...] = ("en", "zh-Hant", "zh-Hans")
DEFAULT_VERSION = "2020-07-01"
GUIDES: dict[str, str] = {"hkex-c2-2020": "2020-07-01"}

Text = Mapping[str, str]
PeriodType = Literal["duration", "instant"]

#: Canonical unit keys used in the catalogue, mapped to XBRL measures.
CANONICAL_MEASURES: dict[str, str] = {
    "tCO2e": "utr:tCO2e",
    "MWh": "utr:MWh",
    "m3": "utr:m3",
    "t": "utr:t",
    "kg": "utr:kg",
    "pure": "xbrli:pure",
}


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
    _concepts: dict[str, Concept] = field(default_factory=dict, repr=False, compare=False)
    _provisions: dict[str, Provision] = field(default_factory=dict, repr=False, compare=False)
    _axes: dict[str, Axis] = field(default_factory=dict, repr=False, compare=False)
    _tables: dict[str, Table] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._concepts.update({c.name: c for c in self.concepts})
        self._provisions.update({p.id: p for p in self.provisions})
        for axis in self.axes:
            self._axes[axis.name] = axis
            self._axes[axis.short_name] = axis
        self._tables.update({t.name: t for t in self.tables})

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


def _text(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise CatalogueError(f"expected a mapping of language to text, got {value!r}")
    return {str(k): str(v) for k, v in value.items()}


def _read(name: str, directory: Path | None) -> Any:
    if directory is not None:
        path: Any = directory / name
    else:
        path = resources.files(__package__).joinpath(name)
    if not path.is_file():
        raise CatalogueError(f"catalogue file {name} is missing" + ("" if directory else " from the esgxbrl package"))
    # libyaml's loader when available: the catalogue is read on every run
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


#: list sections of the structure file and the key that identifies an entry in each
_KEYED_SECTIONS = {"aspects": "id", "provisions": "id", "axes": "name", "enumerations": "name", "tables": "name",
                   "concepts": "name", "denominators": "id", "sdgs": "goal"}


def _merge_structure(base: dict[str, Any], derived: dict[str, Any]) -> dict[str, Any]:
    """A later version of the guide as changes to an earlier one.

    Entries of a keyed section replace the base entry with the same key in place, or are appended;
    `remove:` lists keys to drop per section; `types` merge by name; `units` are appended; the
    `regime` block is the derived version's own.
    """
    merged = dict(base)
    removals: dict[str, list[Any]] = derived.get("remove", {}) or {}
    for section, key in _KEYED_SECTIONS.items():
        entries = [e for e in base.get(section, []) if e[key] not in set(removals.get(section, []))]
        position = {e[key]: i for i, e in enumerate(entries)}
        for entry in derived.get(section, []):
            if entry[key] in position:
                entries[position[entry[key]]] = entry
            else:
                position[entry[key]] = len(entries)
                entries.append(entry)
        merged[section] = entries
    merged["types"] = {**base.get("types", {}), **derived.get("types", {})}
    merged["units"] = [*base.get("units", []), *derived.get("units", [])]
    merged["regime"] = derived["regime"]
    return merged


def _merge_texts(base: dict[str, Any], derived: dict[str, Any]) -> dict[str, Any]:
    return {section: {**(base.get(section) or {}), **(derived.get(section) or {})}
            for section in ("aspects", "areas", "provisions", "elements")}


def _resolved(kind: str, version: str, directory: Path | None) -> Any:
    """A version's file with everything it `extends:` merged in."""
    data = _read(f"{kind}-{version}.yaml", directory)
    parent = data.get("extends")
    if parent is None:
        return data
    base = _resolved(kind, str(parent), directory)
    return _merge_structure(base, data) if kind == "c2" else _merge_texts(base, data)


def lineage_of(version: str, directory: Path | None = None) -> tuple[str, ...]:
    """The version and, in order, every version it extends."""
    parent = _read(f"c2-{version}.yaml", directory).get("extends")
    return (version, *lineage_of(str(parent), directory)) if parent else (version,)


def read_catalogue_file(name: str, directory: Path | None) -> Any:
    """Another data file of the catalogue (the crosswalk), or None where this version has none."""
    try:
        return _read(name, directory)
    except CatalogueError:
        return None


@cache
def load_catalogue(version: str = DEFAULT_VERSION, directory: Path | None = None) -> Catalogue:
    """Load the catalogue of one version of the guide (cached: the data never changes at run time).

    `directory` reads the catalogue files from elsewhere than the installed package.
    """
    structure = _resolved("c2", version, directory)
    texts = _resolved("labels", version, directory)
    types: dict[str, Any] = structure["types"]

    aspect_labels = texts.get("aspects", {})
    aspects = tuple(
        Aspect(a["id"], a["area"], a["name"], tuple(a.get("sdgs", ())), _text(aspect_labels.get(a["id"], {})))
        for a in structure["aspects"]
    )
    provision_texts = texts.get("provisions", {})
    provisions = []
    for p in structure["provisions"]:
        pt = provision_texts.get(p["id"], {})
        aspect_id = p.get("aspect")
        aspect_sdgs = next((a.sdgs for a in aspects if a.id == aspect_id), ())
        provisions.append(
            Provision(
                id=p["id"],
                kind="mandatory" if p.get("kind") == "mandatory" else "comply-or-explain",
                aspect=aspect_id,
                paragraph=p.get("paragraph"),
                member=p["member"],
                narrative=tuple(p.get("narrative", ())),
                quantitative=bool(p.get("quantitative", False)),
                sdgs=tuple(p.get("sdgs", aspect_sdgs)),
                title=_text(pt.get("title", {})),
                requirement=_text(pt.get("requirement", {})),
            )
        )
    sdgs = tuple(
        Sdg(s["goal"], {lang: str(s[lang]) for lang in LANGUAGES}) for s in structure["sdgs"]
    )
    axes = []
    for a in structure["axes"]:
        members: Any = a["members"]
        if members == "from_provisions":
            members = [p.member for p in provisions]
        elif members == "from_sdgs":
            members = [s.member for s in sdgs]
        axes.append(
            Axis(a["name"], a["domain"], bool(a["default"]), bool(a.get("extensible", False)), tuple(members))
        )
    enumerations = tuple(Enumeration(e["name"], tuple(e["members"])) for e in structure["enumerations"])
    tables = tuple(Table(t["name"], t.get("provision"), tuple(t["axes"])) for t in structure["tables"])
    concepts = []
    by_name = {c["name"]: c for c in structure["concepts"]}
    for c in structure["concepts"]:
        spec = types[c["type"]]
        # an intensity accepts the units of what it is the intensity of, over a denominator
        kind_source = by_name[c["intensity_of"]] if c["type"] == "intensity" else c
        concepts.append(
            Concept(
                name=c["name"],
                type=c["type"],
                xbrl_type=spec["xbrl"],
                period=c.get("period", "duration"),
                unit=c.get("unit"),
                provision=c.get("provision"),
                table=c.get("table"),
                additive=bool(c.get("additive", False)),
                sum_of=tuple(c.get("sum_of", ())),
                intensity_of=c.get("intensity_of"),
                enum=c.get("enum"),
                group=c.get("group", "aspect" if c.get("provision") else "report"),
                quantity=c.get("quantity"),
                balance=spec.get("balance"),
                kinds=tuple(types[kind_source["type"]].get("kinds", ())),
            )
        )
    units = tuple(
        UnitSpec(u["kind"], u["measure"], Decimal(u["factor"]), tuple(str(p) for p in u["printed"]),
                 u.get("currency"))
        for u in structure["units"]
    )
    denominators = tuple(
        Denominator(d["id"], d["measure"], tuple(str(p) for p in d["printed"]), Decimal(d.get("scale", "1")))
        for d in structure["denominators"]
    )

    labels: dict[str, dict[str, str]] = {}
    docs: dict[str, dict[str, str]] = {}
    for name, entry in (texts.get("elements") or {}).items():
        labels[name] = {lang: str(entry[lang]) for lang in LANGUAGES if lang in entry}
        docs[name] = _text(entry.get("doc", {}))
    for provision in provisions:
        labels[provision.member] = {
            lang: f"{provision.id} {provision.title.get(lang, provision.id)}{_MEMBER_SUFFIX[lang]}"
            for lang in LANGUAGES
        }
        docs[provision.member] = dict(provision.requirement)
    for sdg in sdgs:
        labels[sdg.member] = {
            lang: f"SDG {sdg.goal} {sdg.label[lang]}{_MEMBER_SUFFIX[lang]}" for lang in LANGUAGES
        }
        docs[sdg.member] = {
            "en": f"United Nations Sustainable Development Goal {sdg.goal}: {sdg.label['en']} ({sdg.iri}).",
            "zh-Hant": f"聯合國可持續發展目標{sdg.goal}：{sdg.label['zh-Hant']}（{sdg.iri}）。",
            "zh-Hans": f"联合国可持续发展目标{sdg.goal}：{sdg.label['zh-Hans']}（{sdg.iri}）。",
        }

    regime_data = structure["regime"]
    catalogue = Catalogue(
        regime=Regime(**{k: regime_data[k] for k in Regime.__dataclass_fields__}),
        aspects=aspects,
        areas={k: _text(v) for k, v in (texts.get("areas") or {}).items()},
        provisions=tuple(provisions),
        axes=tuple(axes),
        enumerations=enumerations,
        tables=tables,
        concepts=tuple(concepts),
        units=units,
        denominators=denominators,
        sdgs=sdgs,
        labels=labels,
        docs=docs,
        lineage=lineage_of(version, directory),
        directory=directory,
    )
    _check(catalogue)
    return catalogue


_MEMBER_SUFFIX = {"en": " [member]", "zh-Hant": "［成員］", "zh-Hans": "［成员］"}


def _check(catalogue: Catalogue) -> None:
    """Cross-references inside the catalogue must resolve; a failure here is a defect of the data."""
    problems: list[str] = []
    for concept in catalogue.concepts:
        if concept.provision and not catalogue.has_provision(concept.provision):
            problems.append(f"{concept.name}: unknown provision {concept.provision}")
        if concept.table and concept.table not in catalogue._tables:
            problems.append(f"{concept.name}: unknown table {concept.table}")
        for child in (*concept.sum_of, *([concept.intensity_of] if concept.intensity_of else [])):
            if not catalogue.has_concept(child):
                problems.append(f"{concept.name}: unknown concept {child}")
    for provision in catalogue.provisions:
        for name in provision.narrative:
            if not catalogue.has_concept(name):
                problems.append(f"{provision.id}: unknown narrative concept {name}")
    for table in catalogue.tables:
        for axis in table.axes:
            if not catalogue.has_axis(axis):
                problems.append(f"{table.name}: unknown axis {axis}")
    if problems:
        raise CatalogueError("; ".join(problems))


def all_element_names(catalogue: Catalogue) -> list[str]:
    """Every element the taxonomy declares, in a stable order."""
    names: list[str] = ["ReportInformationAbstract", "MandatoryDisclosureRequirementsAbstract",
                        "EnvironmentalAbstract", "SocialAbstract", "ComplyOrExplainIndexAbstract",
                        "SustainableDevelopmentGoalsAbstract"]
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
