"""The JSON Schema of the YAML report file: the model's shape plus what the catalogue allows.

Editors use it to complete and check report files; it is generated into schemas/ and a test proves
the committed copy is current.
"""

from __future__ import annotations

import json
from typing import Any

from esgxbrl.catalogue import DEFAULT_VERSION, Catalogue
from esgxbrl.model.report import MEMBERS_LISTED_ELSEWHERE, Report

SCHEMA_ID = "https://taxonomy.esgxbrl.org/schemas/esgxbrl-report.schema.json"


def report_schema(catalogue: Catalogue) -> dict[str, Any]:
    schema = Report.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID.replace("esgxbrl-report.schema.json", report_schema_file(catalogue))
    schema["title"] = "esgxbrl report file"
    schema["description"] = (f"One ESG report under the HKEX {catalogue.regime.source['title']} (Appendix C2, "
                             f"{catalogue.regime.version}), as written by the issuer. See docs/yaml-format.md.")
    defs = schema["$defs"]
    figures = sorted(c.name for c in catalogue.concepts if catalogue.is_figure(c))
    # the loader keeps the exact text of a figure whether it is quoted or not
    defs["FactEntry"]["properties"]["value"] = {"type": ["string", "number"],
                                                "description": "the figure exactly as printed, e.g. \"19,614.02\""}
    defs["FactEntry"]["properties"]["concept"] = {"type": "string", "enum": figures,
                                                  "description": "the concept of the figure"}
    axes = sorted(a.short_name for a in catalogue.axes if a.has_default)
    defs["FactEntry"]["properties"]["by"] = {
        "type": "object", "propertyNames": {"enum": axes}, "additionalProperties": {"type": "string"},
        "description": "breakdown: axis short name to member short name"}
    provisions: dict[str, Any] = {}
    for provision in catalogue.provisions:
        entry: dict[str, Any] = {"$ref": "#/$defs/ProvisionEntry",
                                 "description": f"{provision.id} {provision.title.get('en', '')}: "
                                                f"{provision.requirement.get('en', '')}"}
        provisions[provision.id] = entry
    schema["properties"]["provisions"] = {
        "type": "object", "properties": provisions, "additionalProperties": False,
        "description": "one entry per provision of the guide, keyed by provision id"}
    narrative_concepts = sorted({n for p in catalogue.provisions for n in p.narrative})
    defs["ProvisionEntry"]["properties"]["narrative"] = {
        "type": "object", "propertyNames": {"enum": narrative_concepts},
        "additionalProperties": {"$ref": "#/$defs/Localized"}}
    extensible = sorted(a.short_name for a in catalogue.axes
                        if a.extensible and a.short_name not in MEMBERS_LISTED_ELSEWHERE)
    schema["properties"]["members"] = {
        "type": "object", "propertyNames": {"enum": extensible},
        "additionalProperties": {"type": "array", "items": {"$ref": "#/$defs/IssuerMember"}}}
    defs["Localized"] = {"type": "object", "additionalProperties": {"type": "string", "minLength": 1},
                         "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
                         "description": "text by language tag (en, zh-Hant, zh-Hans, ...)"}
    return schema


def report_schema_file(catalogue: Catalogue) -> str:
    """The schema's file name under schemas/: the first version keeps the undated name editors know."""
    if catalogue.regime.version == DEFAULT_VERSION:
        return "esgxbrl-report.schema.json"
    return f"esgxbrl-report-{catalogue.regime.version}.schema.json"


def report_schema_bytes(catalogue: Catalogue) -> bytes:
    return (json.dumps(report_schema(catalogue), ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
