"""A starting report file: every C2 provision in place, with what it asks, in English and Chinese.

The template is generated from the catalogue, so it always lists exactly the provisions, narrative
blocks and figures the guide version has. Empty text ("") and empty figures (value: "") are
placeholders that do not validate: `esgxbrl check` lists each one until it is filled in or removed,
so nothing half-filled can be published by accident.
"""

from __future__ import annotations

import json
import os
import tempfile
import textwrap
from pathlib import Path

from esgxbrl.catalogue import GUIDES, Catalogue, Concept, Provision, load_catalogue
from esgxbrl.errors import EsgxbrlError
from esgxbrl.preparer.check import text_width

LANGUAGES = ("zh-Hant", "en")
_WRAP = 100

#: the printed unit a placeholder figure starts with, per unit kind and language (all accepted by
#: esgxbrl.model.units); money is left for the preparer in English because any code would claim a currency
_PRINTED_UNITS: dict[str, dict[str, str]] = {
    "ghg": {"en": "tCO2e", "zh-Hant": "噸二氧化碳當量"},
    "energy": {"en": "MWh", "zh-Hant": "千個千瓦時"},
    "volume": {"en": "m3", "zh-Hant": "立方米"},
    "mass-t": {"en": "t", "zh-Hant": "噸"},
    "mass-kg": {"en": "kg", "zh-Hant": "千克"},
    "ratio": {"en": "%", "zh-Hant": "%"},
    "count": {"en": "number", "zh-Hant": "個"},
    "hours": {"en": "hours", "zh-Hant": "小時"},
    "days": {"en": "days", "zh-Hant": "天"},
    "money": {"en": "", "zh-Hant": "元"},
}
_PER_EMPLOYEE = {"en": "employee", "zh-Hant": "人"}
_CANONICAL = {"tCO2e": "tCO2e", "MWh": "MWh", "m3": "m³", "t": "tonnes", "kg": "kg",
              "currency": "the report's currency"}


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _kind(concept: Concept) -> str:
    if concept.is_intensity:
        source = concept.unit or ""
        return {"tCO2e": "ghg", "MWh": "energy", "m3": "volume", "t": "mass-t", "kg": "mass-kg"}.get(source, "count")
    if concept.type == "percent":
        return "ratio"
    if concept.type == "monetary":
        return "money"
    if concept.quantity in ("hours", "days"):
        return concept.quantity
    if concept.type in ("count", "decimal"):
        return "count"
    return {"tCO2e": "ghg", "MWh": "energy", "m3": "volume", "t": "mass-t", "kg": "mass-kg"}.get(concept.unit or "",
                                                                                               "count")


def printed_unit(concept: Concept, lang: str) -> str:
    unit = _PRINTED_UNITS[_kind(concept)][lang]
    if concept.is_intensity:
        unit += "/" + _PER_EMPLOYEE[lang]
    return unit


def canonical_unit(concept: Concept) -> str:
    """What the figure is converted to, in words: 'tCO2e', 'MWh per employee (or other denominator)'."""
    kind = _kind(concept)
    if kind == "ratio":
        base = "%"
    elif kind in ("count", "hours", "days"):
        base = {"count": "number", "hours": "hours", "days": "days"}[kind]
    else:
        base = _CANONICAL.get(concept.unit or "", concept.unit or "")
    if concept.is_intensity:
        base += " per employee, revenue, floor area, facility or unit produced"
    return base


def _comment_lines(text: str, indent: str, lead: str = "") -> list[str]:
    """A comment wrapped to the width, counting Chinese characters as two columns."""
    if not text:
        return []
    wide = text_width(text) > len(text)
    width = _WRAP // 2 if wide else _WRAP
    lead_width = text_width(lead) // 2 if wide else len(lead)
    lines = textwrap.wrap(text, width=width - lead_width, break_long_words=wide, break_on_hyphens=False) or [text]
    out = [f"{indent}# {lead}{lines[0]}"]
    out += [f"{indent}# {' ' * text_width(lead)}{line}" for line in lines[1:]]
    return out


def _figure_concepts(catalogue: Catalogue, provision: Provision) -> list[Concept]:
    # figures that need a dimension to exist (material topic ranks) come from other sections
    figures = [c for c in catalogue.concepts_of(provision.id) if catalogue.is_figure(c)]
    return figures


def _provision_block(catalogue: Catalogue, provision: Provision, lang: str) -> list[str]:
    indent = "  "
    kind = "mandatory disclosure (Part B)" if provision.kind == "mandatory" else "comply or explain (Part C)"
    lines = [f"{indent}# {'-' * 96}",
             f"{indent}# {provision.id}  {provision.title.get('en', '')}  [{kind}]",
             f"{indent}# {provision.id}  {provision.title.get('zh-Hant', '')}"]
    lines += _comment_lines(provision.requirement.get("en", ""), indent, "Asks: ")
    lines += _comment_lines(provision.requirement.get("zh-Hant", ""), indent, "要求：")
    figures = _figure_concepts(catalogue, provision)
    if figures:
        listed = "; ".join(f"{c.name} ({canonical_unit(c)})" for c in figures)
        lines += _comment_lines(listed, indent, "Figures / 數據: ")
    inner = indent * 2
    lines.append(f"{indent}{provision.id}:")
    if provision.kind == "mandatory":
        lines.append(f"{inner}status: disclosed                 # mandatory: must be disclosed / 必須披露")
    else:
        lines.append(f"{inner}status: disclosed                 # disclosed | not-applicable | not-disclosed")
        lines.append(f"{inner}# explanation: {{{lang}: \"\"}}      # when not applicable or not disclosed, the reason "
                     "/ 不適用或未披露時的解釋")
    lines.append(f"{inner}# location: {{{lang}: \"\"}}         # where the report discloses it / 報告中的披露位置")
    lines.append(f"{inner}# sections: []                     # ids from report.sections / 對應章節")
    lines.append(f"{inner}narrative:")
    for name in provision.narrative:
        lines.append(f"{inner}  # {catalogue.label(name, 'en')} / {catalogue.label(name, 'zh-Hant')}")
        lines.append(f"{inner}  {name}: {{{lang}: \"\"}}")
    if figures:
        lines.append(f"{inner}facts:                            # value and unit as printed; delete what is not "
                     "printed / 按原文填寫，未列示者刪除")
        for concept in figures:
            hint = f"{catalogue.label(concept.name, 'en')} / {catalogue.label(concept.name, 'zh-Hant')}"
            axes = [a.short_name for a in catalogue.breakdown_axes_of(concept)]
            if axes:
                hint += f"; break down with by: {{{axes[0]}: ...}} (axes: {', '.join(axes)})"
            lines.append(f"{inner}  # {hint}")
            unit = printed_unit(concept, lang)
            if not unit:
                hint += "; unit as printed, e.g. HKD, CNY, 萬元"
            lines.append(f"{inner}  - {{concept: {concept.name}, value: \"\", unit: {_q(unit)}}}")
    return lines


def template_text(lang: str = "zh-Hant", catalogue: Catalogue | None = None) -> str:
    """The starting report file, in the report language `lang` (zh-Hant or en)."""
    if lang not in LANGUAGES:
        raise EsgxbrlError(f"unsupported language '{lang}': use one of {', '.join(LANGUAGES)}")
    catalogue = catalogue or load_catalogue()
    source = catalogue.regime.source
    head = f"""\
# An ESG report file for esgxbrl: {source['name']}, {source['number']}, {source['title']}
# (version in force from {catalogue.regime.effective_from}).
# 環境、社會及管治報告檔案：香港聯交所《主板上市規則》附錄C2《環境、社會及管治報告指引》。
#
# How to fill it in:
# - Every provision of the guide is listed under `provisions:`. Keep status: disclosed and fill in
#   the narrative and figures as the report prints them, or set status: not-applicable or
#   not-disclosed and give the explanation: the guide requires comply or explain for each.
# - Empty text ("") and empty figures (value: "") are placeholders; `esgxbrl check` lists every one
#   until it is filled in or removed. Delete a figure or narrative the report does not print.
# - Write figures as printed ("19,614.02") with the unit as printed (噸二氧化碳當量, 千個千瓦時, 萬元,
#   %); esgxbrl converts them to the canonical unit. Break a figure down with by: {{Gender: Male}}.
# 填寫方法：
# - 指引的每項條文均列於 provisions 之下。已披露者保留 status: disclosed，按報告原文填寫敘述及數據；
#   不適用或未披露者改為 not-applicable 或 not-disclosed，並填寫解釋（不遵守就解釋）。
# - 空白文字（""）及空白數值（value: ""）為待填項目，esgxbrl check 會逐一列出，直至填寫或刪除。
# - 數值及單位按報告原文填寫，esgxbrl 自動換算為標準單位。

format: esgxbrl/1
guide: {next(k for k, v in GUIDES.items() if v == catalogue.regime.version)}

entity:
  name: {{{lang}: ""}}                       # registered name / 註冊名稱
  identifiers:
    - {{scheme: hkex-stock-code, value: ""}}  # schemes: hkex-stock-code, lei, nyse-ticker / 股份代號
period: {{start: YYYY-MM-DD, end: YYYY-MM-DD}}  # the financial year / 財政年度，如 2023-01-01 至 2023-12-31
currency: ""                               # ISO 4217 code of money figures (HKD, CNY, USD) / 貨幣
{{listing}}
report:
  title: {{{lang}: ""}}                      # the report's title / 報告標題
  language: {lang}                         # the language of this file's text / 本檔案文字的語言
  # board_approval: YYYY-MM-DD             # date (or month YYYY-MM) the board approved it / 董事會批准日期
  sections: []                             # chapters: - {{id: about, title: 關於本報告, page: 1}} / 章節

# members:      issuer's own breakdown members, e.g. GeographicalRegion: [{{name: NorthChina, label: {{en: ...}}}}]
# notes:        footnotes, e.g. n1: {{text: {{{lang}: ...}}, kind: methodology}}; attach with notes: [n1]
# materiality:  {{method: {{{lang}: ...}}, topics: [{{id: CustomerService, label: {{{lang}: ...}}, tier: high}}]}}
# sdgs:         [{{goal: 13, sections: [about]}}]

provisions:
"""
    body: list[str] = []
    # the Code sets Part D's obligation by where the issuer is listed
    listing = ("listing: {board: main, largecap: false}   # board: main or gem; largecap: Hang Seng Composite "
               "LargeCap Index constituent / 上市板及大型股\n" if any(p.part == "D" for p in catalogue.provisions)
               else "")
    head = head.replace("{listing}", listing)
    for provision in catalogue.provisions:
        body += _provision_block(catalogue, provision, lang)
        body.append("")
    return head + "\n".join(body).rstrip("\n") + "\n"


def write_new_file(path: Path, text: str | bytes, command: str = "init") -> None:
    """Write `text` to `path`, which must not exist: never overwrites, never leaves half a file."""
    content = text.encode("utf-8") if isinstance(text, str) else text
    if path.exists():
        also = ", or pass --force to replace it" if command == "migrate" else ""
        raise EsgxbrlError(f"{path} already exists; esgxbrl {command} never overwrites a file: "
                           f"give another name with -o, or move the existing file away{also}")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise EsgxbrlError(f"the folder {directory} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        try:
            try:
                os.link(temporary, path)   # fails if the file appeared meanwhile; a rename would replace it
            except FileExistsError:
                raise
            except OSError:
                with open(path, "xb") as stream:   # no hard links here
                    stream.write(content)
        except FileExistsError:
            raise EsgxbrlError(f"{path} already exists; esgxbrl {command} never overwrites a file") from None
    finally:
        os.unlink(temporary)


def write_template(path: Path, lang: str = "zh-Hant") -> None:
    write_new_file(path, template_text(lang))
