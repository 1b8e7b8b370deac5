"""Run Arelle (the reference XBRL processor) offline on a file, in this process, and summarise.

Arelle is a test dependency. Offline mode makes it use the XBRL base schemas bundled in its wheel;
our taxonomy comes from the package zip, so nothing is fetched from the network.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

ERROR_LEVELS = {"ERROR", "ERROR-SEMANTIC", "CRITICAL", "FATAL", "INCONSISTENCY", "ASSERTION-NOT-SATISFIED"}
WARNING_LEVELS = {"WARNING", "WARNING-SEMANTIC"}


@dataclass
class ArelleResult:
    messages: list[dict[str, Any]]
    facts: list[dict[str, Any]] = field(default_factory=list)
    document_type: str = ""

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [m for m in self.messages if str(m.get("levelname", "")).upper() in ERROR_LEVELS]

    @property
    def warnings(self) -> list[dict[str, Any]]:
        return [m for m in self.messages if str(m.get("levelname", "")).upper() in WARNING_LEVELS]

    def codes(self) -> Counter[str]:
        return Counter(str(m.get("messageCode")) for m in self.errors + self.warnings)

    def summary(self) -> str:
        lines = [f"{m.get('levelname')} [{m.get('messageCode')}] {' '.join(str(m.get('msg', '')).split())[:300]}"
                 for m in self.errors + self.warnings]
        return "\n".join(lines) or "no errors or warnings"


def _fact_record(fact: Any) -> dict[str, Any]:
    context = fact.context
    dims = {}
    if context is not None:
        for dim_qname, member in context.qnameDims.items():
            dims[str(dim_qname.clarkNotation)] = str(member.memberQname.clarkNotation) if member.isExplicit else None
    unit = None
    if fact.unit is not None:
        numerators, denominators = fact.unit.measures
        unit = (tuple(sorted(m.clarkNotation for m in numerators)),
                tuple(sorted(m.clarkNotation for m in denominators)))
    period = None
    if context is not None:
        # Arelle holds end dates as the next midnight; XBRL dates are inclusive
        if context.isInstantPeriod:
            period = ("instant", str((context.instantDatetime - timedelta(days=1)).date()))
        elif context.isStartEndPeriod:
            period = ("duration", str(context.startDatetime.date()),
                      str((context.endDatetime - timedelta(days=1)).date()))
    return {
        "concept": fact.qname.clarkNotation,
        "value": None if fact.isNil else (fact.xValue if fact.isNumeric else fact.value),
        "decimals": fact.decimals,
        "unit": unit,
        "dimensions": dims,
        "period": period,
        "lang": fact.xmlLang if not fact.isNumeric else None,
        "entity": context.entityIdentifier if context is not None else None,
    }


def run_arelle(path: Path | str, packages: list[Path], *, calc: str = "c11r", collect_facts: bool = False,
               inline: bool = False) -> ArelleResult:
    """Validate `path` offline with Calculations 1.1, UTR checks and the taxonomy's formulas."""
    from arelle.api.Session import Session
    from arelle.ModelDocument import Type as DocumentType
    from arelle.RuntimeOptions import RuntimeOptions

    options = RuntimeOptions(
        entrypointFile=str(path), packages=[str(p) for p in packages], validate=True, workOffline=True,
        disablePersistentConfig=True, keepOpen=True, logLevel="info", calcs=calc, utrValidate=True,
        requireInlineXbrl=inline,
    )
    with Session() as session:
        session.run(options, logFileName="logToStructuredMessage")
        messages = list(session.get_log_messages())
        models = [m for m in session.get_models() if m.modelDocument is not None]
        result = ArelleResult(messages)
        if models:
            model = models[0]
            result.document_type = DocumentType.typeName[model.modelDocument.type]
            if collect_facts:
                result.facts = [_fact_record(f) for f in model.factsInInstance]
        else:
            result.messages.append({"levelname": "ERROR", "messageCode": "test:notLoaded",
                                    "msg": f"Arelle loaded nothing from {path}"})
    return result
