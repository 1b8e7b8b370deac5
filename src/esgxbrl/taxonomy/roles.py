"""The extended link roles of the C2 taxonomy, derived from the catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from esgxbrl.catalogue import Catalogue

PRESENTATION = "link:presentationLink"
CALCULATION = "link:calculationLink"
DEFINITION = "link:definitionLink"


@dataclass(frozen=True)
class Role:
    id: str
    uri: str
    definition: str
    used_on: tuple[str, ...]


def role_uri(catalogue: Catalogue, role_id: str) -> str:
    return f"{catalogue.regime.url_base}role/{role_id}"


def _aspect_code(catalogue: Catalogue, aspect_id: str) -> int:
    """Areas A, B (Part C) and D (Part D) in order, each aspect numbered by its place in its area."""
    aspect = catalogue.aspect(aspect_id)
    area = {"A": 2, "B": 3, "D": 4}[aspect.area]
    place = [a.id for a in catalogue.aspects if a.area == aspect.area].index(aspect_id) + 1
    return area * 100000 + place * 10000


def aspect_role_id(aspect_name: str) -> str:
    return aspect_name


def table_role_id(table_name: str) -> str:
    return table_name


def all_roles(catalogue: Catalogue) -> list[Role]:
    def make(role_id: str, code: int, text: str, used_on: tuple[str, ...]) -> Role:
        return Role(role_id, role_uri(catalogue, role_id), f"[{code:06d}] {text}", used_on)

    roles = [
        make("ReportInformation", 10000, "Report and entity information", (PRESENTATION,)),
        make("MandatoryDisclosureRequirements", 100000, "Mandatory disclosure requirements", (PRESENTATION,)),
    ]
    for aspect in catalogue.aspects:
        roles.append(make(aspect_role_id(aspect.name), _aspect_code(catalogue, aspect.id),
                          f"{aspect.id} {aspect.label.get('en', aspect.name)}", (PRESENTATION, CALCULATION)))
    for index, table in enumerate(catalogue.tables):
        provision = f"{table.provision} " if table.provision else ""
        roles.append(make(table_role_id(table.name), 600000 + index * 100,
                          f"{provision}{catalogue.label(table.name)}", (DEFINITION,)))
    roles += [
        make("ComplyOrExplainIndex", 800000, "Comply-or-explain index of provisions", (PRESENTATION,)),
        make("SustainableDevelopmentGoals", 900000, "Sustainable Development Goals", (PRESENTATION,)),
        make("Enumerations", 990000, "Enumeration domains", (DEFINITION,)),
    ]
    return sorted(roles, key=lambda r: r.definition)
