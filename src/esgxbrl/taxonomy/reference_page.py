"""The human-readable reference of the taxonomy (Markdown), generated from the catalogue."""

from __future__ import annotations

from esgxbrl.catalogue import LANGUAGES, Catalogue, Concept
from esgxbrl.catalogue.crosswalk import IFRS_S2, crosswalk_of, crosswalk_references
from esgxbrl.taxonomy.formulas import breakdown_assertions

_UNIT_TEXT = {"tCO2e": "utr:tCO2e", "MWh": "utr:MWh", "m3": "utr:m3", "t": "utr:t", "kg": "utr:kg",
              "sqm": "utr:sqm", "km": "utr:km", "m": "utr:m", "pure": "xbrli:pure",
              "currency": "iso4217 (report currency)",
              "as-declared": "the unit it is counted in"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _unit(concept: Concept) -> str:
    if concept.unit is None:
        return ""
    unit = _UNIT_TEXT[concept.unit]
    if concept.is_intensity:
        return f"{unit} / denominator"
    return unit


def _related(reference: dict[str, str]) -> str:
    text = f"{reference['name']} {reference['number']}"
    if reference.get("paragraph"):
        text += f" §{reference['paragraph']}{reference.get('subparagraph', '')}"
    return text


_KINDS = {"mandatory": "mandatory", "all-issuers": "mandatory, all issuers",
          "by-tier": "by tier: comply or explain / LargeCap mandatory from 2026 / GEM voluntary"}


def _part_d_ids(catalogue: Catalogue) -> list[str]:
    """How Part D provisions are identified, with their Code and IFRS S2 paragraphs."""
    part_d = [p for p in catalogue.provisions if p.part == "D"]
    if not part_d:
        return []
    crosswalk = crosswalk_of(catalogue)
    lines = ["", "## Part D provision ids", "",
             "Part D provisions are identified as `D-<pillar>-<n>`, in the four IFRS S2 pillars: `GOV` governance,",
             "`STR` strategy, `RSK` risk management, `MET` metrics and targets; `<n>` counts the requirements of",
             "the pillar in the order of IFRS S2. The ids are this taxonomy's own and stay stable whatever the",
             "Code's paragraph numbers turn out to be: those come from a secondary source and are marked",
             "*unverified* until checked against the published rule text (the reference linkbase says so",
             "in a `ref:Note`). Their ProvisionAxis member is `D<Pillar><n>ProvisionMember`.",
             "", "| id | pillar | provision | Code ¶ | IFRS S2 ¶ | obligation |", "|---|---|---|---|---|---|"]
    for provision in part_d:
        paragraph = provision.paragraph or "—"
        if not provision.paragraph_verified:
            paragraph += " (unverified)"
        s2 = ", ".join(r.number for r in crosswalk.for_provision(provision.id) if r.framework == IFRS_S2)
        pillar = catalogue.aspect(provision.aspect).label.get("en", "") if provision.aspect else ""
        lines.append(f"| {provision.id} | {_cell(pillar)} | {_cell(provision.title.get('en', ''))} | {paragraph} | "
                     f"{s2} | {_KINDS[provision.obligation or 'by-tier']} |")
    return lines


def reference_page(catalogue: Catalogue) -> str:
    regime = catalogue.regime
    lines = [
        f"# {regime.source['title']} — XBRL taxonomy {regime.version}",
        "",
        "Generated from the esgxbrl catalogue by `esgxbrl taxonomy build`; do not edit by hand.",
        "",
        f"- Namespace: `{regime.namespace}` (prefix `{regime.prefix}`)",
        f"- Entry point: `{regime.entry_point_url}`",
        f"- Package: `{regime.package_name}.zip` (Taxonomy Package 1.0)",
        f"- Source: {regime.source['name']}, {regime.source['number']}, effective for financial years "
        f"from {regime.effective_from}",
        f"- {len(catalogue.provisions)} provisions, {len(catalogue.concepts)} concepts, "
        f"{len(catalogue.axes)} axes, {len(breakdown_assertions(catalogue))} breakdown assertions",
        "",
        "Labels: English (`en`), Traditional Chinese (`zh-Hant`), Simplified Chinese (`zh-Hans`). Units are",
        "canonical: every fact of a concept is reported in the unit shown. Intensities are per a denominator",
        "that is part of the fact's unit (`hkesg:Employee`, `iso4217:CNY` for revenue, `utr:sqm`,",
        "`hkesg:Facility`, `hkesg:UnitProduced`).",
        "",
        "## Issuer-specific breakdowns",
        "",
        "Axes marked *extensible* accept an issuer's own members (its age bands, regions, focus areas).",
        "`esgxbrl export` declares them in an extension schema written beside the instance, with labels in",
        "the report's languages and domain-member relationships into the axis's table, so they are",
        "ordinary explicit members: closed hypercubes, calculations and the breakdown assertions apply to",
        "them unchanged. Explicit members were chosen over typed dimensions because a typed value carries",
        "no label and cannot take part in the taxonomy's formula assertions.",
        "",
        "## Versions of the guide",
        "",
        "Each version of the guide is a dated namespace and entry point. A later version (the 2025 ESG",
        "Reporting Code, whose Part D on climate follows IFRS S2) is written in the catalogue as the changes",
        "it makes to this one (`extends:`), so what did not change is shared, not copied.",
        "",
        "## Provisions",
        "",
        "| id | type | provision | 條文 | concepts |",
        "|---|---|---|---|---|",
    ]
    for provision in catalogue.provisions:
        names = ", ".join(f"`{c.name}`" for c in catalogue.concepts_of(provision.id))
        kind = _KINDS.get(provision.obligation or provision.kind, "comply or explain")
        lines.append(f"| {provision.id} | {kind} | {_cell(provision.title.get('en', ''))} | "
                     f"{_cell(provision.title.get('zh-Hant', ''))} | {names} |")
    lines += _part_d_ids(catalogue)
    lines += ["", "## Concepts", "",
              "| concept | provision | type | period | unit | axes | labels (en / zh-Hant / zh-Hans) | GRI / IFRS S2 |",
              "|---|---|---|---|---|---|---|---|"]
    crosswalk = crosswalk_references(catalogue)
    for concept in catalogue.concepts:
        axes = ", ".join(a.short_name for a in catalogue.axes_of(concept))
        labels = " / ".join(_cell(catalogue.label(concept.name, lang)) for lang in LANGUAGES)
        extra = f" = {' + '.join(concept.sum_of)}" if concept.sum_of else ""
        related = "; ".join(_related(r) for r in crosswalk.get(concept.name, []))
        lines.append(f"| `{concept.name}`{extra} | {concept.provision or ''} | `{concept.xbrl_type}` | "
                     f"{concept.period} | {_unit(concept)} | {axes} | {labels} | {related} |")
    lines += ["", "## Axes and members", ""]
    for axis in catalogue.axes:
        default = f"default `{axis.domain}`" if axis.has_default else "no default"
        extensible = ", extensible" if axis.extensible else ""
        lines.append(f"- `{axis.name}` ({default}{extensible}): "
                     + ", ".join(f"`{m}` ({_cell(catalogue.label(m, 'zh-Hant'))})" for m in axis.members))
    lines += ["", "## Enumerations", ""]
    for enumeration in catalogue.enumerations:
        lines.append(f"- `{enumeration.name}`: " + ", ".join(f"`{m}`" for m in enumeration.members))
    lines += ["", "## Units as printed", "", "| printed | measure | multiplier |", "|---|---|---|"]
    for unit in catalogue.units:
        lines.append(f"| {_cell(', '.join(unit.printed))} | `{unit.measure}` | {unit.factor} |")
    lines.append("")
    return "\n".join(lines)
