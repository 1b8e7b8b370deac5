"""Reading a catalogue version from its data files: a version may extend an earlier one, and its
cross-references are checked before it is used."""


import dataclasses
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from esgxbrl.catalogue.entries import (
    Aspect,
    Axis,
    Catalogue,
    CatalogueError,
    Concept,
    Denominator,
    Enumeration,
    Provision,
    Qualifier,
    Regime,
    Sdg,
    Table,
    UnitSpec,
)
from esgxbrl.catalogue.versions import DEFAULT_VERSION, LANGUAGES


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
        area = next((a.area for a in aspects if a.id == aspect_id), None)
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
                part="B" if p.get("kind") == "mandatory" else "D" if area == "D" else "C",
                obligation=p.get("obligation"),
                paragraph_verified=bool(p.get("paragraph_verified", True)),
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
    qualifier = structure.get("figure_qualifier") or {}
    qualifier_axis: str | None = qualifier.get("axis")
    if qualifier_axis is not None:
        tables, concepts = _qualified(tables, concepts, axes, qualifier_axis, str(qualifier["table"]))
    qualifiers = tuple(Qualifier(q["member"], tuple(str(f) for f in q.get("before", ())),
                                 tuple(str(f) for f in q.get("after", ()))) for q in qualifier.get("members", ()))
    units = tuple(
        UnitSpec(u["kind"], u["measure"], Decimal(u["factor"]), tuple(str(p) for p in u["printed"]),
                 u.get("currency"))
        for u in structure["units"]
    )
    denominators = tuple(
        Denominator(d["id"], d["measure"], tuple(str(p) for p in d["printed"]), Decimal(d.get("scale", "1")),
                    d.get("concept"))
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
        qualifier_axis=qualifier_axis,
        qualifier_table=qualifier.get("table"),
        qualifiers=qualifiers,
    )
    _check(catalogue)
    return catalogue


def _qualified(tables: tuple[Table, ...], concepts: list[Concept], axes: list[Axis], axis: str,
               fallback: str) -> tuple[tuple[Table, ...], list[Concept]]:
    """Every table that holds a provision's figures gains the figure qualifier axis, and every such figure
    without a table gets the fallback table of that axis alone, so any printed figure may be a bound.
    Tables whose axes all need a member (a material topic's rank) hold no figure that stands alone."""
    defaults = {a.name for a in axes if a.has_default}
    standalone = {t.name for t in tables if all(name in defaults for name in t.axes)}

    def qualifiable(concept: Concept) -> bool:
        return concept.is_numeric and concept.provision is not None and concept.table in (None, *standalone)

    holding = {c.table for c in concepts if qualifiable(c) and c.table}
    widened = tuple(dataclasses.replace(t, axes=(*t.axes, axis)) if t.name in holding else t for t in tables)
    moved = [dataclasses.replace(c, table=fallback) if qualifiable(c) and not c.table else c for c in concepts]
    return (*widened, Table(fallback, None, (axis,))), moved


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
    for denominator in catalogue.denominators:
        if denominator.concept and not catalogue.has_concept(denominator.concept):
            problems.append(f"denominator {denominator.id}: unknown concept {denominator.concept}")
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
