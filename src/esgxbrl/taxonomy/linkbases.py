"""Label, reference, presentation, calculation and definition linkbases of the C2 taxonomy."""

from __future__ import annotations

from collections.abc import Iterable

from esgxbrl.catalogue import AS_DECLARED, CANONICAL_MEASURES, Catalogue, Concept, Provision, Table, all_element_names
from esgxbrl.catalogue.crosswalk import crosswalk_references
from esgxbrl.catalogue.entries import AREA_ABSTRACTS
from esgxbrl.taxonomy import roles as r
from esgxbrl.taxonomy.schema import REFERENCE_PARTS, related_standard_role, sdg_reference_role
from esgxbrl.xbrl import namespaces as ns
from esgxbrl.xbrl.xmlwrite import ExtendedLink, arcrole_ref, linkbase_root, role_ref, serialize, sub, xl


def _href_base(catalogue: Catalogue) -> str:
    return catalogue.regime.entry_point


def _id_prefix(catalogue: Catalogue) -> str:
    return f"{catalogue.regime.prefix}_"


def unit_hint(catalogue: Catalogue, concept: Concept) -> str | None:
    """The unit a concept's facts are reported in, as ISSB and EFRAG taxonomies write it: "[utr:tCO2e]"."""
    if concept.unit is None:
        return None
    if concept.unit == AS_DECLARED:
        return "[as declared: utr:km | utr:sqm | utr:m3 | utr:t | utr:MWh | utr:tCO2e | xbrli:pure]"
    measure = "iso4217:XXX" if concept.unit == "currency" else CANONICAL_MEASURES[concept.unit]
    if concept.is_intensity:
        per = sorted({"iso4217:XXX" if d.measure == "currency" else d.measure for d in catalogue.denominators})
        return f"[{measure} / ({' | '.join(per)})]"
    return f"[{measure}]"


def label_linkbase(catalogue: Catalogue, lang: str) -> bytes:
    root = linkbase_root()
    link = ExtendedLink(root, ns.LINK, "labelLink", ns.ROLE_LINK, _href_base(catalogue), _id_prefix(catalogue))
    for name in all_element_names(catalogue):
        loc = link.locator(name)
        hint = unit_hint(catalogue, catalogue.concept(name)) if catalogue.has_concept(name) else None
        for role, text in ((ns.ROLE_LABEL, catalogue.labels.get(name, {}).get(lang)),
                           (ns.ROLE_DOCUMENTATION, catalogue.docs.get(name, {}).get(lang)),
                           (ns.ROLE_MEASUREMENT_GUIDANCE, hint)):
            if not text:
                continue
            suffix = {ns.ROLE_LABEL: "label", ns.ROLE_DOCUMENTATION: "doc"}.get(role, "unit")
            label = link.unique_label(f"{suffix}_{name}")
            sub(link.element, ns.LINK, "label",
                {xl("type"): "resource", xl("label"): label, xl("role"): role,
                 "{http://www.w3.org/XML/1998/namespace}lang": lang, "id": f"{suffix}_{lang}_{name}"}, text)
            link.arc(ns.LINK, "labelArc", ns.ARCROLE_CONCEPT_LABEL, loc, label)
    return serialize(root)


def reference_linkbase(catalogue: Catalogue) -> bytes:
    prefix = catalogue.regime.prefix
    root = linkbase_root({"ref": ns.REF, prefix: catalogue.regime.namespace})
    root.set("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation",
             f"{ns.LINK} {ns.SCHEMA_LOCATIONS[ns.LINK]} {ns.REF} {ns.SCHEMA_LOCATIONS[ns.REF]} "
             f"{catalogue.regime.namespace} {catalogue.regime.entry_point}")
    role_ref(root, sdg_reference_role(catalogue), f"{catalogue.regime.entry_point}#role_SdgReference")
    role_ref(root, related_standard_role(catalogue), f"{catalogue.regime.entry_point}#role_RelatedStandardReference")
    link = ExtendedLink(root, ns.LINK, "referenceLink", ns.ROLE_LINK, _href_base(catalogue),
                        _id_prefix(catalogue))
    source = catalogue.regime.source
    crosswalk = crosswalk_references(catalogue)
    for name in all_element_names(catalogue):
        provision_id, sdgs = _provision_and_sdgs(catalogue, name)
        if provision_id is None and not sdgs and name not in crosswalk:
            continue
        loc = link.locator(name)
        if provision_id is not None:
            provision = catalogue.provision(provision_id)
            label = link.unique_label(f"ref_{name}")
            ref = sub(link.element, ns.LINK, "reference",
                      {xl("type"): "resource", xl("label"): label, xl("role"): ns.ROLE_DISCLOSURE_REF})
            sub(ref, ns.REF, "Name", text=source["name"])
            sub(ref, ns.REF, "Number", text=source["number"])
            sub(ref, ns.REF, "Section", text=f"Part {provision.part}")
            if provision.paragraph or provision.paragraph_verified:
                sub(ref, ns.REF, "Paragraph", text=provision.paragraph or provision.id)
            if not provision.paragraph_verified:
                sub(ref, ns.REF, "Note", text=_UNVERIFIED_PARAGRAPH if provision.paragraph
                    else "No source places this requirement in a paragraph of the rule text")
            sub(ref, ns.REF, "URI", text=source["uri"])
            values = {
                "ProvisionId": provision.id,
                "ProvisionType": _provision_type(provision),
                "SubjectArea": _area_text(catalogue, provision.aspect),
                "Aspect": _aspect_text(catalogue, provision.aspect),
            }
            for part in REFERENCE_PARTS:
                if values[part]:
                    sub(ref, catalogue.regime.namespace, part, text=values[part])
            link.arc(ns.LINK, "referenceArc", ns.ARCROLE_CONCEPT_REFERENCE, loc, label)
        for index, related in enumerate(crosswalk.get(name, []), start=1):
            label = link.unique_label(f"related_{name}_{index}")
            ref = sub(link.element, ns.LINK, "reference",
                      {xl("type"): "resource", xl("label"): label, xl("role"): related_standard_role(catalogue)})
            for key, part in (("name", "Name"), ("number", "Number"), ("paragraph", "Paragraph"),
                              ("subparagraph", "Subparagraph"), ("title", "Note"), ("uri", "URI")):
                if related.get(key):
                    sub(ref, ns.REF, part, text=related[key])
            link.arc(ns.LINK, "referenceArc", ns.ARCROLE_CONCEPT_REFERENCE, loc, label)
        for goal in sdgs:
            sdg = catalogue.sdgs[goal - 1]
            label = link.unique_label(f"sdg_{name}_{goal}")
            ref = sub(link.element, ns.LINK, "reference",
                      {xl("type"): "resource", xl("label"): label, xl("role"): sdg_reference_role(catalogue)})
            sub(ref, ns.REF, "Name", text="United Nations Sustainable Development Goals")
            sub(ref, ns.REF, "Number", text=str(goal))
            sub(ref, ns.REF, "URI", text=sdg.iri)
            link.arc(ns.LINK, "referenceArc", ns.ARCROLE_CONCEPT_REFERENCE, loc, label)
    return serialize(root)


def _provision_type(provision: Provision) -> str:
    if provision.obligation == "all-issuers":
        return "Climate-related disclosure, mandatory for all issuers"
    if provision.obligation == "by-tier":
        return ("Climate-related disclosure: comply or explain (Main Board), mandatory (LargeCap issuers from "
                "2026), voluntary (GEM)")
    return "Mandatory disclosure requirement" if provision.kind == "mandatory" else "Comply or explain"


_UNVERIFIED_PARAGRAPH = ("Paragraph number unverified: it rests on a secondary source, not on the published "
                         "rule text")


def _area_text(catalogue: Catalogue, aspect_id: str | None) -> str:
    if aspect_id is None:
        return ""
    area = aspect_id[0]
    return f"{area} {catalogue.areas.get(area, {}).get('en', '')}".strip()


def _aspect_text(catalogue: Catalogue, aspect_id: str | None) -> str:
    if aspect_id is None:
        return ""
    return f"{aspect_id} {catalogue.aspect(aspect_id).label.get('en', '')}".strip()


def _provision_and_sdgs(catalogue: Catalogue, name: str) -> tuple[str | None, tuple[int, ...]]:
    """The provision an element implements, and the SDGs it bears on (through its aspect)."""
    if catalogue.has_concept(name):
        concept = catalogue.concept(name)
        if concept.provision is None:
            return None, ()
        provision = catalogue.provision(concept.provision)
        return provision.id, provision.sdgs
    for provision in catalogue.provisions:
        if provision.member == name:
            return provision.id, provision.sdgs
    for sdg in catalogue.sdgs:
        if sdg.member == name:
            return None, (sdg.goal,)
    for aspect in catalogue.aspects:
        if aspect.abstract == name:
            return None, aspect.sdgs
    return None, ()


# --- presentation ---------------------------------------------------------------------------------

def presentation_linkbase(catalogue: Catalogue) -> bytes:
    root = linkbase_root()
    roles = {role.id: role for role in r.all_roles(catalogue)}
    for role_id in _presentation_role_ids(catalogue):
        role_ref(root, roles[role_id].uri, f"{catalogue.regime.entry_point}#role_{role_id}")
    tree = _PresentationTree(catalogue)

    link = tree.open(root, roles["ReportInformation"].uri)
    tree.children(link, "ReportInformationAbstract",
                  [c.name for c in catalogue.concepts if c.group == "report"])

    link = tree.open(root, roles["MandatoryDisclosureRequirements"].uri)
    mdr = [p for p in catalogue.provisions if p.kind == "mandatory"]
    tree.concepts_with_tables(link, "MandatoryDisclosureRequirementsAbstract",
                              [c for p in mdr for c in catalogue.concepts_of(p.id)])

    for aspect in catalogue.aspects:
        link = tree.open(root, roles[r.aspect_role_id(aspect.name)].uri)
        tree.children(link, AREA_ABSTRACTS[aspect.area], [aspect.abstract])
        concepts = [c for p in catalogue.provisions_of(aspect.id) for c in catalogue.concepts_of(p.id)]
        tree.concepts_with_tables(link, aspect.abstract, concepts)

    link = tree.open(root, roles["ComplyOrExplainIndex"].uri)
    tree.concepts_with_tables(link, "ComplyOrExplainIndexAbstract",
                              [c for c in catalogue.concepts if c.group == "index"])
    link = tree.open(root, roles["SustainableDevelopmentGoals"].uri)
    tree.concepts_with_tables(link, "SustainableDevelopmentGoalsAbstract",
                              [c for c in catalogue.concepts if c.group == "sdg"])
    return serialize(root)


def _presentation_role_ids(catalogue: Catalogue) -> list[str]:
    return ["ReportInformation", "MandatoryDisclosureRequirements",
            *[r.aspect_role_id(a.name) for a in catalogue.aspects], "ComplyOrExplainIndex",
            "SustainableDevelopmentGoals"]


class _PresentationTree:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        # keyed by the link itself, which the dict keeps alive: an id() of a link already collected could be
        # reused by the next one, whose arcs would then be taken as written
        self._written: dict[ExtendedLink, set[tuple[str, str]]] = {}

    def open(self, root: object, role: str) -> ExtendedLink:
        return ExtendedLink(root, ns.LINK, "presentationLink", role,  # type: ignore[arg-type]
                            _href_base(self.catalogue), _id_prefix(self.catalogue))

    def children(self, link: ExtendedLink, parent: str, names: Iterable[str]) -> None:
        source = link.locator(parent)
        for order, name in enumerate(names, start=1):
            target = link.locator(name)
            # two tables of one role may share an axis: its subtree is written once
            written = self._written.setdefault(link, set())
            if (source, target) in written:
                continue
            written.add((source, target))
            link.arc(ns.LINK, "presentationArc", ns.ARCROLE_PARENT_CHILD, source, target, {"order": str(order)})

    def concepts_with_tables(self, link: ExtendedLink, parent: str, concepts: list[Concept]) -> None:
        """Concepts in order; a concept in a table appears under the table's line items."""
        items: list[str] = []
        seen_tables: set[str] = set()
        for concept in concepts:
            if concept.table is None:
                items.append(concept.name)
            elif concept.table not in seen_tables:
                seen_tables.add(concept.table)
                items.append(concept.table)
                self._table(link, self.catalogue.table(concept.table),
                            [c.name for c in concepts if c.table == concept.table])
        self.children(link, parent, items)

    def _table(self, link: ExtendedLink, table: Table, line_items: list[str]) -> None:
        self.children(link, table.name, [*table.axes, table.line_items])
        for axis_name in table.axes:
            axis = self.catalogue.axis(axis_name)
            self.children(link, axis.name, [axis.domain])
            self.children(link, axis.domain, axis.members)
        self.children(link, table.line_items, line_items)


# --- calculation ----------------------------------------------------------------------------------

def calculation_linkbase(catalogue: Catalogue) -> bytes:
    root = linkbase_root()
    arcrole_ref(root, ns.ARCROLE_SUMMATION_ITEM)
    by_role: dict[str, list[Concept]] = {}
    for concept in catalogue.concepts:
        if concept.sum_of and concept.provision:
            aspect = catalogue.provision(concept.provision).aspect
            assert aspect is not None, "calculations are only defined within aspects"
            by_role.setdefault(r.aspect_role_id(catalogue.aspect(aspect).name), []).append(concept)
    for role_id in sorted(by_role):
        role_ref(root, r.role_uri(catalogue, role_id), f"{catalogue.regime.entry_point}#role_{role_id}")
    for role_id in sorted(by_role):
        link = ExtendedLink(root, ns.LINK, "calculationLink", r.role_uri(catalogue, role_id),
                            _href_base(catalogue), _id_prefix(catalogue))
        for total in by_role[role_id]:
            for order, child in enumerate(total.sum_of, start=1):
                link.arc(ns.LINK, "calculationArc", ns.ARCROLE_SUMMATION_ITEM, link.locator(total.name),
                         link.locator(child), {"order": str(order), "weight": "1"})
    return serialize(root)


# --- definition -----------------------------------------------------------------------------------

def definition_linkbase(catalogue: Catalogue) -> bytes:
    root = linkbase_root({"xbrldt": ns.XBRLDT})
    for arcrole in (ns.ARCROLE_ALL, ns.ARCROLE_HYPERCUBE_DIMENSION, ns.ARCROLE_DIMENSION_DOMAIN,
                    ns.ARCROLE_DOMAIN_MEMBER, ns.ARCROLE_DIMENSION_DEFAULT):
        arcrole_ref(root, arcrole)
    table_roles = [r.table_role_id(t.name) for t in catalogue.tables] + ["Enumerations"]
    for role_id in table_roles:
        role_ref(root, r.role_uri(catalogue, role_id), f"{catalogue.regime.entry_point}#role_{role_id}")
    for table in catalogue.tables:
        link = ExtendedLink(root, ns.LINK, "definitionLink", r.role_uri(catalogue, r.table_role_id(table.name)),
                            _href_base(catalogue), _id_prefix(catalogue))
        line_items = link.locator(table.line_items)
        link.arc(ns.LINK, "definitionArc", ns.ARCROLE_ALL, line_items, link.locator(table.name),
                 {"order": "1", "{http://xbrl.org/2005/xbrldt}closed": "true",
                  "{http://xbrl.org/2005/xbrldt}contextElement": "scenario"})
        for order, axis_name in enumerate(table.axes, start=1):
            axis = catalogue.axis(axis_name)
            link.arc(ns.LINK, "definitionArc", ns.ARCROLE_HYPERCUBE_DIMENSION, link.locator(table.name),
                     link.locator(axis.name), {"order": str(order)})
            link.arc(ns.LINK, "definitionArc", ns.ARCROLE_DIMENSION_DOMAIN, link.locator(axis.name),
                     link.locator(axis.domain), {"order": "1"})
            for m_order, member in enumerate(axis.members, start=1):
                link.arc(ns.LINK, "definitionArc", ns.ARCROLE_DOMAIN_MEMBER, link.locator(axis.domain),
                         link.locator(member), {"order": str(m_order)})
        for order, concept in enumerate((c for c in catalogue.concepts if c.table == table.name), start=1):
            link.arc(ns.LINK, "definitionArc", ns.ARCROLE_DOMAIN_MEMBER, line_items, link.locator(concept.name),
                     {"order": str(order)})
    link = ExtendedLink(root, ns.LINK, "definitionLink", r.role_uri(catalogue, "Enumerations"),
                        _href_base(catalogue), _id_prefix(catalogue))
    for enumeration in catalogue.enumerations:
        for order, member in enumerate(enumeration.members, start=1):
            link.arc(ns.LINK, "definitionArc", ns.ARCROLE_DOMAIN_MEMBER, link.locator(enumeration.name),
                     link.locator(member), {"order": str(order)})
    # dimension defaults hold across the whole DTS; one link of their own avoids duplicate arcs
    defaults = ExtendedLink(root, ns.LINK, "definitionLink", ns.ROLE_LINK, _href_base(catalogue),
                            _id_prefix(catalogue))
    for axis in catalogue.axes:
        if axis.has_default:
            defaults.arc(ns.LINK, "definitionArc", ns.ARCROLE_DIMENSION_DEFAULT, defaults.locator(axis.name),
                         defaults.locator(axis.domain))
    return serialize(root)

