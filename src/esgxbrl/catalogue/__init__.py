"""The Appendix C2 catalogue: provisions, concepts, axes, units and labels, loaded from data.

Everything esgxbrl knows about the guide comes from the two YAML files beside this module; the
taxonomy, the JSON Schema of the report file and the reference page are generated from them.
"""

from esgxbrl.catalogue.entries import (
    AS_DECLARED,
    CANONICAL_MEASURES,
    Aspect,
    Axis,
    Catalogue,
    CatalogueError,
    Concept,
    Denominator,
    Enumeration,
    PeriodType,
    Provision,
    Regime,
    Sdg,
    Table,
    Text,
    UnitSpec,
    all_element_names,
)
from esgxbrl.catalogue.loading import lineage_of, load_catalogue, read_catalogue_file
from esgxbrl.catalogue.rulebooks import guide_name, rulebook_using
from esgxbrl.catalogue.versions import DEFAULT_VERSION, GUIDES, LANGUAGES

__all__ = ["AS_DECLARED", "CANONICAL_MEASURES", "DEFAULT_VERSION", "GUIDES", "LANGUAGES", "Aspect", "Axis", "Catalogue",
           "CatalogueError", "Concept", "Denominator", "Enumeration", "PeriodType", "Provision", "Regime", "Sdg",
           "Table", "Text", "UnitSpec", "all_element_names", "guide_name", "lineage_of", "load_catalogue",
           "read_catalogue_file", "rulebook_using"]
