"""Last year's report file under the 2020 Guide as the starting point of next year's under the Code.

`migrate_text(path)` reads a valid report file written for the HKEX ESG Reporting Guide (2020) and
writes the report file of the following financial year under the ESG Reporting Code (2025):

- the period moves on one year; every figure of last year stays, as a prior-year comparative
  (`period: <last year>`), and beside each one an empty figure (`value: ""`) for the new year;
- Part C is copied as it was, less KPI A1.2 and Aspect A4, which the Code removed;
- the A1.2 figures move to the Part D provision that holds their concept in the Code (Scope 1 to
  D-MET-1, Scope 2 to D-MET-2, Scope 3 and totals to D-MET-4); the A1.2 and A4 text is offered as the
  starting text of the Part D requirement that asks for the same matter;
- every Part D provision is present, its status left empty (`status: ""`) to be filled in, with an
  empty text for each requirement it asks (and D-MET-3 an empty `consolidation_approach: ""`);
- `listing:` is asked for with an empty board.

Every placeholder is an empty value, which does not validate, so `esgxbrl check` on the new file
lists exactly what is left to fill in, all at once. Moved items carry a YAML comment saying where
they came from. The rules are described in docs/migrate.md.

Either file may be a workbook: last year's is read like any report file, and `migrated_workbook(path)`
writes the same migration as a workbook of the new rulebook, where every placeholder is an empty cell
(an empty status, listing.board and this year's figure and text rows left blank).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from esgxbrl.catalogue import GUIDES, Catalogue, Provision, load_catalogue
from esgxbrl.errors import EsgxbrlError
from esgxbrl.model.report import CONSOLIDATION_CONCEPT, Report
from esgxbrl.preparer.init_template import canonical_unit, printed_unit
from esgxbrl.preparer.load import load_report
from esgxbrl.preparer.source import parse_source
from esgxbrl.preparer.workbook.write import workbook_bytes

SOURCE_GUIDE = "hkex-c2-2020"
TARGET_GUIDE = "hkex-esg-code-2025"

#: where the Code asks for what a removed 2020 text block held: (provision, narrative concept)
TEXT_MOVES: dict[str, tuple[str, str]] = {
    # A4 general disclosure: policies on identifying and mitigating significant climate-related issues
    "ClimateChangeGeneralDisclosureExplanatory": ("D-RSK-1", "ClimateRiskManagementProcessesExplanatory"),
    # KPI A4.1: significant climate-related issues that have impacted or may impact the issuer
    "SignificantClimateRelatedIssuesAndActionsExplanatory": ("D-STR-1",
                                                             "ClimateRelatedRisksAndOpportunitiesExplanatory"),
    # KPI A1.2's own text: how the greenhouse gas figures were measured
    "GreenhouseGasEmissionsExplanatory": ("D-MET-3", "GreenhouseGasMeasurementApproachExplanatory"),
}
_FACT_KEYS = ("concept", "value", "unit", "by", "period", "notes", "printed_label")
_PLAIN_LINE = re.compile(r"^[^\s].*$|^$")


def _next_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:   # 29 February
        return day.replace(year=day.year + 1, day=28)


def _flow(value: Any) -> str:
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, sort_keys=False,
                          width=1 << 30).strip()


def _block(value: Any, indent: str) -> list[str]:
    text = yaml.safe_dump(value, default_flow_style=False, allow_unicode=True, sort_keys=False, width=100)
    return [indent + line if line else line for line in text.rstrip("\n").split("\n")]


def _literal_ok(text: str) -> bool:
    """Whether a text can be written as a YAML literal block and read back exactly."""
    if "\n" not in text or text.endswith("\n") or text.startswith((" ", "\n")) or "\r" in text or "\t" in text:
        return False
    return all(not line.endswith(" ") and line.isprintable() for line in text.split("\n"))


def _localized(name: str, texts: Mapping[str, str], indent: str) -> list[str]:
    if all("\n" not in t for t in texts.values()):
        return [f"{indent}{name}: {_flow(dict(texts))}"]
    lines = [f"{indent}{name}:"]
    for lang, text in texts.items():
        if _literal_ok(text):
            lines.append(f"{indent}  {lang}: |-")
            lines += [f"{indent}    {line}" if line else "" for line in text.split("\n")]
        else:
            lines.append(f"{indent}  {lang}: {json.dumps(text, ensure_ascii=False)}")
    return lines


def _fact(entry: Mapping[str, Any]) -> str:
    ordered = {k: entry[k] for k in _FACT_KEYS if k in entry}
    ordered.update({k: v for k, v in entry.items() if k not in ordered})
    return _flow(ordered)


class _Migration:
    def __init__(self, data: dict[str, Any], source_name: str, target: Catalogue) -> None:
        self.data = data
        self.source_name = source_name
        self.target = target
        self.lang = str(data["report"]["language"])
        start, end = data["period"]["start"], data["period"]["end"]
        self.old_period = (start, end)
        self.new_period = (_next_year(start), _next_year(end))
        #: a figure's year as a report file names it: the year its period ends
        self.last_year = end.year
        self.moved_facts: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        self.moved_texts: dict[str, dict[str, tuple[str, Mapping[str, str]]]] = {}

    # --- the figures ---
    def _figure_lines(self, facts: list[dict[str, Any]], indent: str) -> list[str]:
        """Last year's figures as comparatives, each followed by an empty figure for the new year."""
        lines: list[str] = []
        for entry in facts:
            if "period" in entry:     # already a comparative of an earlier year: kept as it was
                lines.append(f"{indent}- {_fact(entry)}")
                continue
            comparative = {**entry, "period": self.last_year}
            lines.append(f"{indent}- {_fact(comparative)}")
            blank: dict[str, Any] = {k: entry[k] for k in ("concept", "unit", "by") if k in entry}
            blank["value"] = ""
            lines.append(f"{indent}- {_fact(blank)}   # FY{self.new_period[1].year}: to fill in")
        return lines

    # --- Part C ---
    def _copied(self, provision_id: str, entry: dict[str, Any]) -> list[str]:
        lines = [f"  {provision_id}:"]
        for key, value in entry.items():
            if key == "facts":
                lines.append(f"    # figures of FY{self.last_year} kept as comparatives (period: {self.last_year}); "
                             f"an empty figure for FY{self.new_period[1].year} follows each")
                lines.append("    facts:")
                lines += self._figure_lines(value, "      ")
            elif key == "narrative":
                lines.append(f"    # last year's text: review it for FY{self.new_period[1].year}")
                lines.append("    narrative:")
                for name, texts in value.items():
                    lines += _localized(name, texts, "      ")
            elif key in ("explanation", "location"):
                lines += _localized(key, value, "    ")
            else:
                lines += _block({key: value}, "    ")
        return lines

    def _move_removed(self, provision_id: str, entry: dict[str, Any]) -> None:
        """Collect what a provision the Code removed holds, for the Part D provision that asks for it."""
        for name, texts in (entry.get("narrative") or {}).items():
            if name in TEXT_MOVES:
                target, concept = TEXT_MOVES[name]
                self.moved_texts.setdefault(target, {})[concept] = (provision_id, texts)
        for fact in entry.get("facts") or ():
            holder = self.target.concept(fact["concept"]).provision
            assert holder is not None
            self.moved_facts.setdefault(holder, []).append((provision_id, fact))

    # --- Part D ---
    def _part_d(self, provision: Provision) -> list[str]:
        obligation = ("mandatory for every issuer" if provision.obligation == "all-issuers" else
                      "comply or explain (Main Board), mandatory for LargeCap from FY2026, voluntary (GEM)")
        lines = [f"  # {'-' * 96}",
                 f"  # {provision.id}  {provision.title.get('en', '')}  [Part D: {obligation}]"]
        asks = provision.requirement.get("en", "")
        if asks:
            lines.append(f"  # Asks: {asks}")
        lines += [f"  {provision.id}:",
                  '    status: ""                        # to fill in: disclosed | not-applicable | not-disclosed',
                  f'    # explanation: {{{self.lang}: ""}}     # when not applicable or not disclosed, the reason',
                  "    # reliefs: []                     # reasonable-information, commensurate-approach, "
                  "qualitative-financial-effects, interim-scope-3"]
        if any(c.name == CONSOLIDATION_CONCEPT for c in self.target.concepts_of(provision.id)):
            lines.append('    consolidation_approach: ""        # to fill in: equity-share | financial-control | '
                         "operational-control")
        lines.append("    narrative:")
        moved = self.moved_texts.get(provision.id, {})
        for name in provision.narrative:
            if name in moved:
                origin, texts = moved[name]
                lines.append(f"      # moved from {origin} ({self.source_name}): last year's text, offered as a "
                             "start; to be reviewed against what the Code asks")
                lines += _localized(name, texts, "      ")
            else:
                lines.append(f"      # {self.target.label(name, 'en')}")
                lines.append(f'      {name}: {{{self.lang}: ""}}')
        figures = [c for c in self.target.concepts_of(provision.id) if self.target.is_figure(c)]
        moved_facts = self.moved_facts.get(provision.id, [])
        if figures or moved_facts:
            lines.append("    facts:")
        for origin, fact in moved_facts:
            lines.append(f"      # moved from {origin} ({self.source_name}): FY{self.last_year} figure kept as a "
                         "comparative")
            lines += self._figure_lines([fact], "      ")
        given = {fact["concept"] for _, fact in moved_facts}
        for concept in figures:
            if concept.name in given or concept.type == "enum":
                continue
            lines.append(f"      # {self.target.label(concept.name, 'en')} ({canonical_unit(concept)}); "
                         "delete it if not reported")
            unit = printed_unit(concept, self.lang if self.lang in ("en", "zh-Hant") else "en")
            lines.append(f"      - {_flow({'concept': concept.name, 'value': '', 'unit': unit})}")
        return lines

    # --- the file ---
    def text(self) -> str:
        new_start, new_end = self.new_period
        source = self.target.regime.source
        lines = [
            f"# Report file for FY{new_end.year} under the {source['title']} ({source['number']}),",
            f"# migrated by `esgxbrl migrate` from {self.source_name} (FY{self.last_year}, 2020 Guide).",
            "#",
            "# To fill in, all listed by `esgxbrl check`: listing.board; the status (and text, figures) of",
            "# every Part D provision; every figure with value \"\" (this year's, beside last year's kept as a",
            "# comparative). Text copied from last year (Part C, and the A1.2 and A4 text offered to Part D)",
            "# is marked by a comment: review it, since check cannot tell last year's words from this year's.",
            "",
        ]
        for key, value in self.data.items():
            if key == "guide":
                lines.append(f"guide: {TARGET_GUIDE}")
                lines.append('listing: {board: "", largecap: false}   # to fill in: board main or gem; largecap '
                             "true for a Hang Seng Composite LargeCap Index constituent")
            elif key == "listing":
                continue
            elif key == "period":
                lines.append(f"period: {{start: {new_start.isoformat()}, end: {new_end.isoformat()}}}   # moved on "
                             f"one year from {self.old_period[0].isoformat()} to {self.old_period[1].isoformat()}")
            elif key == "report":
                report = dict(value)
                if report.pop("board_approval", None) is not None:
                    lines.append("# report.board_approval: last year's date removed; add this year's")
                lines.append(f"# report.title is last year's: review it for FY{new_end.year}")
                lines += _block({"report": report}, "")
            elif key == "provisions":
                lines.append("")
                lines += self._provisions(value)
            else:
                lines += _block({key: value}, "")
        return "\n".join(lines).rstrip("\n") + "\n"

    def _provisions(self, provisions: dict[str, Any]) -> list[str]:
        kept = {p.id for p in self.target.provisions}
        lines = ["provisions:"]
        for provision_id, entry in provisions.items():
            if provision_id not in kept:
                self._move_removed(provision_id, entry)
        for provision_id, entry in provisions.items():
            if provision_id in kept:
                lines += self._copied(provision_id, entry)
            else:
                lines.append(f"  # {provision_id}: removed by the Code; its content moved to Part D below")
        for provision in self.target.provisions:
            if provision.part == "D":
                lines.append("")
                lines += self._part_d(provision)
        return lines


def migrate_text(path: str | Path, to: str = TARGET_GUIDE) -> str:
    """The report file of the next financial year under `to`, from a valid 2020 Guide report file."""
    if to != TARGET_GUIDE:
        raise EsgxbrlError(f"esgxbrl migrates to {TARGET_GUIDE} only; '{to}' is not a rulebook it can migrate to")
    loaded = load_report(path)
    if loaded.report.guide != SOURCE_GUIDE:
        raise EsgxbrlError(f"{path} is already written for {loaded.report.guide}; migrate starts from a "
                           f"{SOURCE_GUIDE} report")
    target = load_catalogue(GUIDES[to])
    migration = _Migration(loaded.source.data, Path(path).name, target)
    starts = migration.new_period[0]
    if starts.isoformat() < target.regime.effective_from:
        raise EsgxbrlError(
            f"the year after {Path(path).name} starts {starts.isoformat()}, before the Code applies (financial "
            f"years from {target.regime.effective_from}); that year's report stays under the 2020 Guide: "
            "migrate the report of the year before the Code")
    return migration.text()


def migrated_workbook(path: str | Path, to: str = TARGET_GUIDE) -> bytes:
    """The migration of `migrate_text` as a workbook of the rulebook `to`: the placeholders as empty cells."""
    data = parse_source(migrate_text(path, to), Path(path).name).data
    to_fill = _without_placeholders(data)
    return workbook_bytes(Report.model_validate(data, strict=True), load_catalogue(GUIDES[to]), to_fill=to_fill)


def _without_placeholders(data: dict[str, Any]) -> frozenset[str]:
    """Take the empty values out of migrated data (a workbook leaves their cells blank); the provisions
    whose status is to be chosen, which keep a stand-in status until written as an empty cell."""
    if not (data.get("listing") or {}).get("board"):
        data.pop("listing", None)
    to_fill: set[str] = set()
    for provision_id, entry in data["provisions"].items():
        if entry.get("status") == "":
            to_fill.add(provision_id)
            entry["status"] = "not-disclosed"
        if entry.get("consolidation_approach") == "":
            del entry["consolidation_approach"]
        entry["facts"] = [fact for fact in entry.get("facts") or () if fact.get("value") != ""]
        narrative = {name: {lang: text for lang, text in texts.items() if text}
                     for name, texts in (entry.get("narrative") or {}).items()}
        entry["narrative"] = {name: texts for name, texts in narrative.items() if texts}
    return frozenset(to_fill)
