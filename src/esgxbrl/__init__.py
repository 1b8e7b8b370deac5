"""esgxbrl: machine-readable HKEX ESG reports (YAML to XBRL, Inline XBRL, xBRL-JSON, JSON-LD and back)."""

from esgxbrl.catalogue import load_catalogue
from esgxbrl.errors import EsgxbrlError, Finding, InputInvalid
from esgxbrl.report_facts import LoadedReport, load_report, loads_report

__all__ = ["EsgxbrlError", "Finding", "InputInvalid", "LoadedReport", "load_catalogue", "load_report",
           "loads_report"]
__version__ = "0.1.0"
