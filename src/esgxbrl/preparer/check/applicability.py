"""A not-applicable claim is not contradicted: no figures, no preparer's remark, no narrative elsewhere on it."""

from __future__ import annotations

from collections.abc import Iterable

from esgxbrl.catalogue import Provision
from esgxbrl.preparer.check.context import CheckContext
from esgxbrl.preparer.check.narrative_texts import Narrative, narratives
from esgxbrl.preparer.check.states import ProvisionState, provision_path
from esgxbrl.preparer.check.text import clip, first_text

#: words that name the subject of a provision an issuer often declares not applicable; a narrative
#: elsewhere in the report that uses them (not negated) contradicts the claim
SUBJECT_TERMS: dict[str, tuple[str, ...]] = {
    "A1.1": ("廢氣", "废气", "氮氧化物", "硫氧化物", "air emissions", "air pollutant"),
    "A1.3": ("有害廢棄物", "危險廢棄物", "有害废弃物", "危险废弃物", "hazardous waste"),
    "A1.4": ("無害廢棄物", "无害废弃物", "non-hazardous waste"),
    "A2.2": ("耗水", "用水量", "water consumption"),
    "A2.5": ("包裝材料", "包装材料", "packaging material"),
    "B6.1": ("產品召回", "产品召回", "product recall"),
    "B6.4": ("產品回收", "产品回收", "產品召回", "产品召回", "product recall"),
}
_NEGATIONS = ("不涉及", "不存在", "並無", "并无", "沒有", "没有", "無任何", "无任何", "不產生", "不产生", "未產生",
              "未产生", "no ", "not ", "without ")


def not_applicable_claims(ctx: CheckContext) -> None:
    texts = narratives(ctx.g)
    for provision in ctx.catalogue.provisions:
        state = ctx.states[provision.id]
        if state.status != "not-applicable":
            continue
        if ctx.g.report is None and state.figures:
            ctx.add(provision_path(provision.id, "status"),
                    f"{provision.id} is declared not applicable but has {state.figures} figure(s)",
                    "remove the figures or set the status to disclosed", provision.id, "error",
                    "not-applicable-figures")
        _remarks_on_claim(ctx, provision)
        _mentions_elsewhere(ctx, provision, state, texts)


def _remarks_on_claim(ctx: CheckContext, provision: Provision) -> None:
    report = ctx.g.report
    if report is None or provision.id not in report.provisions:
        return
    for index, ref in enumerate(report.provisions[provision.id].notes):
        note = report.notes.get(ref)
        if note is not None and note.kind == "source-remark":
            ctx.add(provision_path(provision.id, "notes", index),
                    f"{provision.id} is declared not applicable, and the preparer's remark '{ref}' is attached "
                    f"to it: {clip(first_text(note.text, 'en') or '', 160)}",
                    "check whether the claim holds; if the subject exists, disclose it or explain why it is "
                    "immaterial", provision.id, "warning", "not-applicable-remark")


def _mentions_elsewhere(ctx: CheckContext, provision: Provision, state: ProvisionState,
                        texts: list[Narrative]) -> None:
    terms = SUBJECT_TERMS.get(provision.id, ())
    hits: dict[str, tuple[str, int | None]] = {}
    for narrative in texts:
        if narrative.provision == provision.id:
            continue
        term = _mention(narrative.text, terms)
        if term and narrative.provision not in hits:
            hits[narrative.provision] = (term, narrative.line)
    if not hits:
        return
    where = "; ".join(f"{pid} ({'line ' + str(line) if line else 'narrative'}) mentions '{term}'"
                      for pid, (term, line) in hits.items())
    claim = f" ({clip(state.explanation, 60)})" if state.explanation else ""
    ctx.add(provision_path(provision.id, "status"),
            f"{provision.id} is declared not applicable{claim}, but {where}",
            "check whether the claim holds; if the subject exists, disclose it (figures or narrative) or explain "
            "why it is immaterial", provision.id, "warning", "not-applicable-contradicted")


def _mention(text: str, terms: Iterable[str]) -> str | None:
    """The first term `text` uses without a negation just before it."""
    lowered = text.lower()
    for term in terms:
        start = 0
        while (index := lowered.find(term.lower(), start)) >= 0:
            before = lowered[max(0, index - 8):index]
            if not any(neg in before for neg in _NEGATIONS):
                return term
            start = index + 1
    return None
