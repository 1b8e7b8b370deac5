"""esgxbrl: machine-readable HKEX ESG reports (YAML to XBRL, Inline XBRL, xBRL-JSON, JSON-LD and back)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from esgxbrl.catalogue import load_catalogue
    from esgxbrl.errors import EsgxbrlError, Finding, InputInvalid
    from esgxbrl.model.loaded import LoadedReport
    from esgxbrl.preparer.load import load_report, loads_report

__all__ = ["EsgxbrlError", "Finding", "InputInvalid", "LoadedReport", "load_catalogue", "load_report",
           "loads_report"]
__version__ = "0.1.0"

# The names above are loaded when first used: a program that only reads published files (a worker
# of `esgxbrl facts`, say) then never loads the report model and its validation library.
_HOMES = {"load_catalogue": "esgxbrl.catalogue", "EsgxbrlError": "esgxbrl.errors", "Finding": "esgxbrl.errors",
          "InputInvalid": "esgxbrl.errors", "LoadedReport": "esgxbrl.model.loaded",
          "load_report": "esgxbrl.preparer.load", "loads_report": "esgxbrl.preparer.load"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'esgxbrl' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
