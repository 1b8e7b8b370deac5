"""Every narrative text of a report, with the provision it belongs to and where it is written."""

from __future__ import annotations

from dataclasses import dataclass

from esgxbrl.preparer.check.gather import Gathered
from esgxbrl.preparer.check.states import provision_path
from esgxbrl.preparer.check.text import local_name, plain


@dataclass(frozen=True)
class Narrative:
    """One narrative text of a report, with the provision it belongs to and where it is."""

    provision: str
    concept: str
    text: str
    line: int | None


def narratives(gathered: Gathered) -> list[Narrative]:
    """Every narrative text of the report (every language), in file order."""
    found: list[Narrative] = []
    if gathered.report is not None:
        for provision_id, entry in gathered.report.provisions.items():
            for concept_name, texts in entry.narrative.items():
                for lang, text in sorted(texts.items()):
                    line = gathered.position(provision_path(provision_id, "narrative", concept_name, lang))[0]
                    found.append(Narrative(provision_id, concept_name, text, line))
        return found
    catalogue = gathered.catalogue
    for fact in gathered.facts.facts if gathered.facts else ():
        name = local_name(fact.concept)
        if not catalogue.has_concept(name) or fact.value is None:
            continue
        concept = catalogue.concept(name)
        if concept.is_text_block and concept.provision:
            found.append(Narrative(concept.provision, name, plain(fact.value), None))
    return found
