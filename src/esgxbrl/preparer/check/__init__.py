"""The preparer's check before publishing: every C2 provision's status, and every finding.

`check_file(path)` never raises for a bad report: a report with hard errors (which `load_report`
refuses) still gets its full list of provisions and findings, so the ESG team sees everything at
once. A finding with severity "error" blocks publication; "warning" asks for a look; "info"
records a known, acceptable rough edge (a rounding difference, an unused note).

The checks, beyond those of loading (shape, units, members) and of esgxbrl.model.arithmetic (sums,
breakdowns, intensities):
- every provision of the guide is in the file (C2 requires comply or explain for each);
- mandatory disclosures (Part B) are disclosed;
- weighted averages agree with their parts where the weights are reported (average training
  hours by gender or category, weighted by the headcounts of the same members);
- percentages lie within 0-100 % and counts are whole (for published instances);
- a not-applicable claim is not contradicted: no figures, no preparer's remark attached, no other
  narrative of the report mentioning the subject;
- a rate states what it is a rate of (a methodology note on the figure or the provision);
- a disclosed provision says something (narrative or figures), a quantitative KPI has figures;
- every note defined is used.

Modules: gather (reading without raising), states (each provision's status), narrative_texts,
context (what the checks share), checks, averages and applicability (the checks), result,
render (table and JSON), text (names, figures and display width in messages and tables).
"""

from esgxbrl.preparer.check.checks import check_facts, check_file, check_gathered
from esgxbrl.preparer.check.gather import Gathered, gather, gather_facts, gather_source
from esgxbrl.preparer.check.narrative_texts import Narrative, narratives
from esgxbrl.preparer.check.render import render_json, render_text, text_table
from esgxbrl.preparer.check.result import CheckReport, ProvisionResult
from esgxbrl.preparer.check.states import provision_statuses
from esgxbrl.preparer.check.text import text_width

__all__ = ["CheckReport", "Gathered", "Narrative", "ProvisionResult", "check_facts", "check_file", "check_gathered",
           "gather", "gather_facts", "gather_source", "narratives", "provision_statuses", "render_json", "render_text",
           "text_table", "text_width"]
