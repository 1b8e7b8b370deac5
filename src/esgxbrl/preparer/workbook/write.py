"""Write a report (or the empty template) as a workbook: every provision and concept of the catalogue
as a row, drop-downs where the values are a list, frozen headers; byte-identical for the same report."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from esgxbrl.catalogue import GUIDES, Catalogue, load_catalogue
from esgxbrl.errors import EsgxbrlError
from esgxbrl.model.facts import FactSet
from esgxbrl.model.issuer_concepts import ISSUER_CONCEPT_TYPES, TEXT_TYPES
from esgxbrl.model.report import FactEntry, FactPeriod, IssuerConcept, ProvisionEntry, Report
from esgxbrl.model.units import Figure, UnitProblem
from esgxbrl.preparer.init_template import canonical_unit
from esgxbrl.preparer.to_yaml import report_data
from esgxbrl.preparer.workbook import layout
from esgxbrl.preparer.workbook.layout import Sheet

#: every date inside the file (document properties, zip entries): a fixed one keeps the bytes the same
_FIXED = dt.datetime(2000, 1, 1)
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
_LAST_ROW = 2000   # the rows a drop-down covers
_UNITS = f"={layout.quoted(layout.LISTS.name)}!$D$2:$D${_LAST_ROW}"
_NOTES = f"={layout.quoted(layout.NOTES.name)}!$A$2:$A${_LAST_ROW}"
_CONCEPT_NAMES = (f"={layout.quoted(layout.LISTS.name)}!${layout.LISTS.letter('concepts')}$2:"
                  f"${layout.LISTS.letter('concepts')}${_LAST_ROW}")


def workbook_bytes(report: Report | None, catalogue: Catalogue, lang: str = "zh-Hant",
                   to_fill: frozenset[str] = frozenset()) -> bytes:
    """The workbook of `report`, or with `report=None` the empty template in the language `lang`.

    The provisions in `to_fill` are written with an empty status, for the preparer to choose one."""
    language = report.language if report is not None else lang
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    book.properties.creator = "esgxbrl"
    book.properties.created = book.properties.modified = _FIXED
    for sheet in layout.sheets(catalogue):
        ws = book.create_sheet(sheet.name)
        _header(ws, sheet)
        if sheet is layout.REPORT:
            _rows(ws, _report_rows(report, catalogue, language))
            _report_drop_downs(ws)
        elif sheet is layout.MEMBERS:
            _rows(ws, _member_rows(report))
        elif sheet is layout.AXES:
            _rows(ws, _axis_rows(report))
        elif sheet is layout.CONCEPTS:
            _rows(ws, _concept_rows(report))
            _sheet_drop_downs(ws, sheet, {"type": f'"{",".join(ISSUER_CONCEPT_TYPES)}"', "unit": _UNITS,
                                          "period": f'"{",".join(layout.CONCEPT_PERIODS)}"',
                                          "anchor": _CONCEPT_NAMES,
                                          "relationship": f'"{",".join(layout.CONCEPT_RELATIONSHIPS)}"'})
        elif sheet is layout.DENOMINATORS:
            _rows(ws, _denominator_rows(report))
            _sheet_drop_downs(ws, sheet, {"unit": _UNITS, "value_unit": _UNITS, "notes": _NOTES})
        elif sheet is layout.TARGETS:
            _rows(ws, _target_rows(report, catalogue))
            _sheet_drop_downs(ws, sheet, {"provision": f'"{",".join(layout.target_provisions(catalogue))}"',
                                          "type": f'"{",".join(layout.TARGET_TYPES)}"', "base_unit": _UNITS,
                                          "notes": _NOTES})
        elif sheet is layout.NOTES:
            _rows(ws, _note_rows(report))
        elif sheet is layout.SECTIONS:
            _rows(ws, ([s.id, s.title, s.part, s.page] for s in (report.report.sections if report else [])))
        elif sheet is layout.TOPICS:
            _rows(ws, _topic_rows(report))
        elif sheet is layout.STAKEHOLDERS:
            _rows(ws, _stakeholder_rows(report))
        elif sheet is layout.SDGS:
            _rows(ws, _sdg_rows(report))
        elif sheet is layout.LISTS:
            _rows(ws, _list_rows(report, catalogue))
        else:
            _rows(ws, _provision_rows(sheet, report, catalogue, language, to_fill))
            _drop_downs(ws, sheet)
    stream = io.BytesIO()
    book.save(stream)   # stamps the time of saving as the modified date: put back the fixed one
    book.properties.modified = _FIXED
    return _fixed_dates(stream.getvalue(), {"docProps/core.xml": tostring(book.properties.to_tree())})


def facts_workbook_bytes(facts: FactSet) -> bytes:
    """The workbook that exports to `facts` again (figures in canonical units, as `esgxbrl import` writes them)."""
    report = Report.model_validate(report_data(facts), strict=True)
    return workbook_bytes(report, load_catalogue(GUIDES[report.guide]))


def _header(ws: Worksheet, sheet: Sheet) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.title)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        ws.column_dimensions[sheet.letter(column.key)].width = column.width
    ws.freeze_panes = "A2"


def _rows(ws: Worksheet, rows: Iterator[list[Any]]) -> None:
    for values in rows:
        formats = {i: v.number_format for i, v in enumerate(values, start=1) if isinstance(v, _Figure)}
        ws.append([v.number if isinstance(v, _Figure) else v for v in values])
        for cell in ws[ws.max_row]:
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(cell.value, str) and len(cell.value) > 40)
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"   # text that starts like a formula stays text
            if cell.column in formats:
                cell.number_format = formats[cell.column]
            elif isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"


class _Figure:
    """A figure as printed, written as a number whose format keeps its decimals."""

    def __init__(self, printed: str) -> None:
        self.number: float | int | str
        try:
            figure = Figure.parse(printed)
        except UnitProblem:   # not a number: kept as written, for the checks to name
            self.number, self.number_format = printed, "@"
            return
        self.number = int(figure.value) if figure.decimals == 0 else float(figure.value)
        self.number_format = "#,##0" + ("." + "0" * figure.decimals if figure.decimals else "")


def _report_rows(report: Report | None, catalogue: Catalogue, lang: str) -> Iterator[list[Any]]:
    data = report.model_dump(exclude_defaults=True) if report is not None else {}
    guide = next(k for k, v in GUIDES.items() if v == catalogue.regime.version)
    for key, path, localized, what in layout.report_fields(catalogue):
        value: Any = data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if key == "guide":
            value = guide
        if key == "report.language":
            value = lang
        if key == "listing.largecap":
            value = "yes" if value else "no"
        if localized:
            texts = value or {lang: None}
            for text_lang, text in texts.items():
                yield [key, what, text_lang, text]
        elif key == "entity.identifier":
            for identifier in value or [{"scheme": "hkex-stock-code", "value": None}]:
                yield [key, what, None, f"{identifier['scheme']}:{identifier['value'] or ''}"]
        elif isinstance(value, list):
            yield [key, what, None, ", ".join(value) or None]
        else:
            yield [key, what, None, value]


def _member_rows(report: Report | None) -> Iterator[list[Any]]:
    for axis, members in (report.members if report else {}).items():
        for member in members:
            for lang, label in member.label.items():
                yield [axis, member.name, lang, label]


def _axis_rows(report: Report | None) -> Iterator[list[Any]]:
    """Each axis's label rows, then each member's."""
    for axis in report.axes if report else []:
        for lang, label in axis.label.items():
            yield [axis.name, None, lang, label]
        for member in axis.members:
            for lang, label in member.label.items():
                yield [axis.name, member.name, lang, label]


def _concept_rows(report: Report | None) -> Iterator[list[Any]]:
    """One row per concept and label language; what is the same in every language on the concept's first."""
    for concept in report.concepts if report else []:
        for index, (lang, label) in enumerate(concept.label.items()):
            once = [getattr(concept, key) for key in layout.CONCEPT_ONCE] if index == 0 else [None] * 6
            yield [concept.name, lang, label, *once]


def _denominator_rows(report: Report | None) -> Iterator[list[Any]]:
    """One row per value or label language; the declaration's unit and printed forms on the first."""
    for entry in report.denominators if report else []:
        labels = list((entry.label or {}).items())
        for index in range(max(len(labels), len(entry.values), 1)):
            lang, label = labels[index] if index < len(labels) else (None, None)
            row: list[Any] = [entry.name, lang, label, None, None, None, None, None, None]
            if index == 0:
                row[3], row[4] = entry.unit, ", ".join(entry.printed) or None
            if index < len(entry.values):
                value = entry.values[index]
                row[5:] = [_period(value.period), _Figure(value.value), value.unit, ", ".join(value.notes) or None]
            yield row


def _target_rows(report: Report | None, catalogue: Catalogue) -> Iterator[list[Any]]:
    """One row per target and language, each naming the target's provision; what is the same in every
    language on the target's first row."""
    sheet = layout.TARGETS
    targets = [(provision, target) for provision in layout.target_provisions(catalogue)
               for target in (report.provisions[provision].targets if report and provision in report.provisions
                              else [])]
    for provision, target in targets:
        texts = {key: getattr(target, key) or {} for key in layout.TARGET_LOCALIZED}
        languages = list(dict.fromkeys(lang for localized in texts.values() for lang in localized))
        for index, lang in enumerate(languages):
            row: list[Any] = [None] * len(sheet.columns)
            row[sheet.index("provision") - 1], row[sheet.index("id") - 1] = provision, target.id
            row[sheet.index("lang") - 1] = lang
            for key, localized in texts.items():
                row[sheet.index(key) - 1] = localized.get(lang)
            if index == 0:
                once: dict[str, Any] = {
                    "type": target.type, "base_year": target.base_year, "target_year": target.target_year,
                    "base_value": _Figure(target.base_value.value) if target.base_value else None,
                    "base_unit": target.base_value.unit if target.base_value else None,
                    "reduction": _Figure(target.reduction) if target.reduction else None,
                    "progress": _Figure(target.progress) if target.progress else None,
                    "notes": ", ".join(target.notes) or None}
                for key, value in once.items():
                    row[sheet.index(key) - 1] = value
            yield row


def _note_rows(report: Report | None) -> Iterator[list[Any]]:
    for note_id, note in (report.notes if report else {}).items():
        for lang, text in note.text.items():
            yield [note_id, note.kind, lang, text]


def _topic_rows(report: Report | None) -> Iterator[list[Any]]:
    for topic in report.materiality.topics if report and report.materiality else []:
        for lang, label in topic.label.items():
            yield [topic.id, topic.tier, topic.rank, lang, label]


def _stakeholder_rows(report: Report | None) -> Iterator[list[Any]]:
    for number, group in enumerate(report.stakeholders if report else [], start=1):
        for lang, name in group.name.items():
            yield [number, group.id, "name", lang, name]
        for item, key in layout.STAKEHOLDER_ITEMS.items():
            if key == "name":
                continue
            for localized in getattr(group, key):
                for lang, text in localized.items():
                    yield [number, None, item, lang, text]


def _sdg_rows(report: Report | None) -> Iterator[list[Any]]:
    for link in report.sdgs if report else []:
        sections = ", ".join(link.sections) or None
        inferred = "yes" if link.inferred else None
        for lang, note in (link.note or {None: None}).items():  # type: ignore[dict-item]
            yield [link.goal, sections, inferred, lang, note]


def _list_rows(report: Report | None, catalogue: Catalogue) -> Iterator[list[Any]]:
    members = [(a.short_name, m.removesuffix("Member"), catalogue.label(m)) for a in catalogue.axes
               if a.short_name not in ("Provision", "SustainableDevelopmentGoal", "EntityIdentifierScheme")
               for m in a.members]
    members += [(axis, m.name, next(iter(m.label.values()))) for axis, ms in (report.members if report else {}).items()
                for m in ms]
    members += [("IntensityDenominator", d.name, next(iter(d.label.values()))) for d in (report.denominators if report
                                                                                         else []) if d.label]
    members += [(a.name, m.name, next(iter(m.label.values()), "")) for a in (report.axes if report else [])
                for m in a.members]
    units = sorted({p for u in catalogue.units for p in u.printed})
    breakdowns = list(dict.fromkeys(axis for axis, _, _ in members))
    concepts = [c.name for c in catalogue.concepts if catalogue.is_figure(c)]
    concepts += [name for p in catalogue.provisions for name in p.narrative]
    concepts = list(dict.fromkeys([*concepts, *(c.name for c in (report.concepts if report else []))]))
    singles: list[list[str]] = [units, list(layout.STATUSES), list(layout.ITEMS), breakdowns, concepts]
    for index in range(max(len(members), *(len(c) for c in singles))):
        row: list[Any] = [*(members[index] if index < len(members) else (None, None, None))]
        row += [c[index] if index < len(c) else None for c in singles]
        yield row


def _provision_rows(sheet: Sheet, report: Report | None, catalogue: Catalogue, lang: str,
                    to_fill: frozenset[str]) -> Iterator[list[Any]]:
    width = len(sheet.columns)

    def row(**values: Any) -> list[Any]:
        out: list[Any] = [None] * width
        for key, value in values.items():
            out[sheet.index(key) - 1] = value
        return out

    for provision_id in sheet.provisions:
        provision = catalogue.provision(provision_id)
        entry = report.provisions.get(provision_id) if report is not None else None
        title = provision.title.get(lang) or provision.title.get("en", "")
        asks = provision.requirement.get(lang) or provision.requirement.get("en", "")
        status = entry.status if entry else ("disclosed" if report is None else None)
        if provision_id in to_fill:
            status = None
        yield row(provision=provision_id, item="status", label=title, asks=asks, value=status)
        for item in ("explanation", "location"):
            texts = getattr(entry, item) if entry else None
            for text_lang, text in (texts or {lang: None}).items():
                yield row(provision=provision_id, item=item, lang=text_lang, value=text)
        for item in ("sections", "sdgs", "notes", "reliefs"):
            values = getattr(entry, item) if entry else []
            if item != "reliefs" or values or layout.has_reliefs(provision):
                yield row(provision=provision_id, item=item, value=", ".join(map(str, values)) or None)
        if (entry and entry.consolidation_approach) or layout.asks_consolidation(catalogue, provision):
            yield row(provision=provision_id, item="consolidation_approach",
                      value=entry.consolidation_approach if entry else None)
        own = [c for c in (report.concepts if report else []) if c.provision == provision_id]
        texts = [*provision.narrative, *(c.name for c in own if c.type in TEXT_TYPES)]
        texts += [name for name in (entry.narrative if entry else {}) if name not in texts]
        for name in texts:
            narratives: dict[str, str | None] = dict(entry.narrative.get(name) or {}) if entry else {}
            for text_lang, text in (narratives or {lang: None}).items():
                yield row(provision=provision_id, item="narrative", concept=name,
                          label=_label(name, catalogue, own, lang), lang=text_lang, value=text)
        yield from _figure_rows(provision_id, entry, catalogue, [c for c in own if c.type not in TEXT_TYPES], lang,
                                row)


def _label(name: str, catalogue: Catalogue, own: list[IssuerConcept], lang: str) -> str | None:
    """The label of a concept of the guide or of the issuer, in `lang` if it has one."""
    issuer = next((c for c in own if c.name == name), None)
    if issuer is not None:
        return issuer.label.get(lang) or next(iter(issuer.label.values()))
    return catalogue.label(name, lang) if catalogue.has_concept(name) else None


def _figure_rows(provision_id: str, entry: ProvisionEntry | None, catalogue: Catalogue,
                 issuer: list[IssuerConcept], lang: str, row: Any) -> Iterator[list[Any]]:
    """The figures of each concept of the guide, then of each of the issuer's, with a row to fill in for the
    report's year; then any other figure the provision gives."""
    facts = list(entry.facts) if entry else []
    concepts: list[tuple[str, str | None, str | None]] = [
        (c.name, catalogue.label(c.name, lang), canonical_unit(c))
        for c in catalogue.concepts_of(provision_id) if catalogue.is_figure(c)]
    concepts += [(c.name, _label(c.name, catalogue, issuer, lang), c.unit) for c in issuer]
    for name, label, asks in concepts:
        own = [f for f in facts if f.concept == name]
        facts = [f for f in facts if f.concept != name]
        for fact in own:
            yield from _fact_rows(provision_id, fact, label, asks, row)
        if all(f.period is not None for f in own):   # none of the report's year yet: a row to fill in
            yield row(provision=provision_id, item="figure", concept=name, label=label, asks=asks)
    for fact in facts:   # figures of another provision's concepts, as the report gives them
        yield from _fact_rows(provision_id, fact, catalogue.label(fact.concept, lang)
                              if catalogue.has_concept(fact.concept) else None, None, row)


def _fact_rows(provision_id: str, fact: FactEntry, label: str | None, asks: str | None,
               row: Any) -> Iterator[list[Any]]:
    if len(fact.by) > 2:
        raise EsgxbrlError(f"{provision_id}: {fact.concept} is broken down by {len(fact.by)} axes; a workbook "
                           "row holds two")
    period = _period(fact.period)
    pairs = list(fact.by.items())
    values: dict[str, Any] = {"provision": provision_id, "item": "figure", "concept": fact.concept, "label": label,
                              "asks": asks, "value": _Figure(fact.value), "unit": fact.unit, "period": period,
                              "notes": ", ".join(fact.notes) or None}
    for index, (axis, member) in enumerate(pairs, start=1):
        values[f"axis{index}"], values[f"member{index}"] = axis, member
    # the printed label and the restatement's reason share the row's language; each other language takes a row
    printed = fact.printed_label or {}
    reason = fact.restated.reason if fact.restated else {}
    languages = list(dict.fromkeys([*printed, *reason]))
    for index, lang in enumerate(languages):
        texts = {"lang": lang, "printed": printed.get(lang), "restated": reason.get(lang)}
        if index == 0:
            values.update(texts)
            yield row(**values)
        else:
            yield row(provision=provision_id, item=layout.MORE_LABEL, concept=fact.concept, **texts)
    if not languages:
        yield row(**values)


def _period(period: int | FactPeriod | None) -> int | str | None:
    """Another year than the report's, or a period of its own written start/end."""
    return period if isinstance(period, int | None) else f"{period.start}/{period.end}"


def _report_drop_downs(ws: Worksheet) -> None:
    offered = {"guide": GUIDES, "listing.board": ("main", "gem"), "listing.largecap": layout.YES_NO}
    value = layout.REPORT.letter("value")
    for row in range(2, ws.max_row + 1):
        choices = offered.get(str(ws.cell(row=row, column=1).value))
        if choices:
            validation = DataValidation(type="list", formula1=f'"{",".join(choices)}"', allow_blank=True)
            validation.add(f"{value}{row}")
            ws.add_data_validation(validation)


def _drop_downs(ws: Worksheet, sheet: Sheet) -> None:
    lists = layout.quoted(layout.LISTS.name)
    notes = layout.quoted(layout.NOTES.name)

    def offer(key: str, formula: str, strict: bool) -> None:
        validation = DataValidation(type="list", formula1=formula, allow_blank=True,
                                    errorStyle="stop" if strict else "warning")
        letter = sheet.letter(key)
        validation.add(f"{letter}2:{letter}{_LAST_ROW}")
        ws.add_data_validation(validation)

    offer("item", f"={lists}!$F$2:$F${len(layout.ITEMS) + 1}", True)
    offer("unit", f"={lists}!$D$2:$D${_LAST_ROW}", False)
    breakdowns = layout.LISTS.letter("breakdowns")
    offer("axis1", f"={lists}!${breakdowns}$2:${breakdowns}${_LAST_ROW}", False)
    offer("axis2", f"={lists}!${breakdowns}$2:${breakdowns}${_LAST_ROW}", False)
    offer("member1", f"={lists}!$B$2:$B${_LAST_ROW}", False)
    offer("member2", f"={lists}!$B$2:$B${_LAST_ROW}", False)
    offer("notes", f"={notes}!$A$2:$A${_LAST_ROW}", False)
    offer("concept", _CONCEPT_NAMES, False)
    status = DataValidation(type="list", formula1=f'"{",".join(layout.STATUSES)}"', allow_blank=True)
    # a provision may use several reliefs: the drop-down offers one, and warns (never stops) at a list typed in
    reliefs = DataValidation(type="list", formula1=f'"{",".join(layout.RELIEFS)}"', allow_blank=True,
                             errorStyle="warning", error="several reliefs are written separated by commas",
                             showErrorMessage=True)
    approach = DataValidation(type="list", formula1=f'"{",".join(layout.CONSOLIDATION_APPROACHES)}"', allow_blank=True)
    item, value = sheet.index("item"), sheet.letter("value")
    for row in range(2, ws.max_row + 1):
        kind = ws.cell(row=row, column=item).value
        if kind == "status":
            status.add(f"{value}{row}")
        elif kind == "reliefs":
            reliefs.add(f"{value}{row}")
        elif kind == "consolidation_approach":
            approach.add(f"{value}{row}")
    ws.add_data_validation(status)
    for validation in (reliefs, approach):
        if validation.sqref:
            ws.add_data_validation(validation)


def _sheet_drop_downs(ws: Worksheet, sheet: Sheet, offered: dict[str, str]) -> None:
    """A drop-down over the whole of each column named: a formula or a quoted list; a warning, never a stop."""
    for key, formula in offered.items():
        validation = DataValidation(type="list", formula1=formula, allow_blank=True, errorStyle="warning")
        letter = sheet.letter(key)
        validation.add(f"{letter}2:{letter}{_LAST_ROW}")
        ws.add_data_validation(validation)


def _fixed_dates(content: bytes, replaced: dict[str, bytes]) -> bytes:
    """The same archive with every entry dated `_FIXED`, so that the same report gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, replaced.get(info.filename) or source.read(info.filename))
    return out.getvalue()
