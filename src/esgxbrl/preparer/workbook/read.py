"""Read a workbook into the data a YAML report file reads into, remembering every value's cell.

The rulebook the Report sheet's guide cell names sets every sheet (a Code workbook has the listing
rows and a Part D sheet). Refused with one finding per problem, each naming its cell: a missing
sheet, a changed header, merged cells, hidden rows or columns, a formula whose value the workbook has
not cached, text where a figure belongs, a row of an unknown kind.

A figure typed as text is read exactly as printed, whatever its length. A number cell holds what the
spreadsheet program stored, a binary double of at most 17 significant digits (Excel keeps 15 of what
is typed and shows 15); it is read as that stored value, in the decimals the cell's number format
shows, so a figure of more than 15 significant digits belongs in a text cell.

Everything else (units, members, statuses) is checked by the same code that checks a YAML file, so
its findings are the same, with the cell in place of the line.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from esgxbrl.catalogue import GUIDES, Catalogue, load_catalogue
from esgxbrl.errors import Finding, InputInvalid
from esgxbrl.model.source import Path_, Source
from esgxbrl.preparer.workbook import layout
from esgxbrl.preparer.workbook.fixes import workbook_fix
from esgxbrl.preparer.workbook.layout import Sheet, cell_name

_DECIMALS = re.compile(r"\.(0+)")
_VALUE_LETTER = Sheet("", layout.PROVISION_COLUMNS).letter("value")
#: a row of a sheet: {column key: (value, cell name)}
Row = dict[str, tuple[Any, str]]


def read_workbook(path: Path) -> Source:
    name = str(path)
    try:
        values = load_workbook(path, data_only=True)
        formulas = load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError):
        raise InputInvalid([Finding(f"{name} is not a workbook that can be read (.xlsx)", file=name,
                                    fix="save it from the spreadsheet program as an Excel workbook (.xlsx)",
                                    code="workbook")]) from None
    reader = _Reader(name, values, formulas, _catalogue_named(values))
    source = reader.read()
    if reader.findings:
        raise InputInvalid(reader.findings)
    return source


def _catalogue_named(book: Workbook) -> Catalogue:
    """The catalogue of the rulebook the Report sheet's guide cell names, which sets every other sheet;
    the default one when the cell names none it knows (the report's checks then name the cell)."""
    if layout.REPORT.name in book.sheetnames:
        ws = book[layout.REPORT.name]
        field, value = layout.REPORT.index("field"), layout.REPORT.index("value")
        for row in range(2, ws.max_row + 1):
            if ws.cell(row=row, column=field).value == "guide":
                guide = ws.cell(row=row, column=value).value
                if isinstance(guide, str) and guide.strip() in GUIDES:
                    return load_catalogue(GUIDES[guide.strip()])
                break
    return load_catalogue()


class _Reader:
    def __init__(self, file: str, values: Workbook, formulas: Workbook, catalogue: Catalogue) -> None:
        self.file = file
        self.values = values
        self.formulas = formulas
        self.catalogue = catalogue
        self.findings: list[Finding] = []
        self.source = Source(file=file, data={"format": "esgxbrl/1"}, reword=workbook_fix)

    def problem(self, cell: str | None, message: str, fix: str) -> None:
        self.findings.append(Finding(message, self.file, fix=fix, code="workbook", cell=cell))

    def read(self) -> Source:
        for sheet in layout.sheets(self.catalogue):
            if sheet is layout.LISTS:
                continue
            if sheet.name not in self.values.sheetnames:
                self.problem(None, f"the sheet '{sheet.name}' is missing",
                             "add the sheet back from a template written by `esgxbrl init --xlsx`")
                continue
            ws = self.values[sheet.name]
            if not self.well_formed(sheet, ws):
                continue
            rows = list(self.rows(sheet, ws))
            _READERS.get(sheet, _Reader.provisions)(self, rows)
        return self.source

    # --- the sheet as rows of values, cell by cell ---
    def well_formed(self, sheet: Sheet, ws: Worksheet) -> bool:
        count = len(self.findings)
        for merged in sorted(ws.merged_cells.ranges, key=str):
            self.problem(cell_name(sheet.name, *_split(merged.coord.split(":")[0])),
                         f"cells {merged.coord} are merged", "unmerge them: each value has a cell of its own")
        for row, dimension in sorted(ws.row_dimensions.items()):
            if dimension.hidden:
                self.problem(cell_name(sheet.name, "A", row), f"row {row} is hidden",
                             "unhide it (or delete it): every row of the sheet is read")
        for column_dimension in sorted(ws.column_dimensions.values(), key=lambda d: d.min or 0):
            if column_dimension.hidden and column_dimension.min:
                first = get_column_letter(column_dimension.min)
                last = get_column_letter(column_dimension.max or column_dimension.min)
                columns = first if first == last else f"{first} to {last}"
                self.problem(cell_name(sheet.name, first, 1), f"column {columns} is hidden",
                             "unhide it (or delete it): every column of the sheet is read")
        for index, column in enumerate(sheet.columns, start=1):
            title = ws.cell(row=1, column=index).value
            if title != column.title:
                letter = sheet.letter(column.key)
                self.problem(cell_name(sheet.name, letter, 1),
                             f"the header of column {letter} is {title!r}, not {column.title!r}",
                             "keep the columns of the template in their order; add none in between")
        return len(self.findings) == count

    def rows(self, sheet: Sheet, ws: Worksheet) -> Any:
        """Each non-empty row as {column key: (value, cell name)}."""
        formulas = self.formulas[sheet.name]
        for row in range(2, ws.max_row + 1):
            out: Row = {}
            for index, column in enumerate(sheet.columns, start=1):
                value = ws.cell(row=row, column=index).value
                where = cell_name(sheet.name, sheet.letter(column.key), row)
                if formulas.cell(row=row, column=index).data_type == "f" and value is None:
                    self.problem(where, "the cell holds a formula whose value the workbook has not saved",
                                 "open the workbook in a spreadsheet program and save it (which stores the values), "
                                 "or type the value")
                    continue
                if isinstance(value, str) and not value.strip():
                    value = None
                if value is not None:
                    number_format = ws.cell(row=row, column=index).number_format
                    out[column.key] = (_Value(value, number_format), where)
            if out:
                yield out

    def put(self, path: Path_, value: Any, cell: str) -> None:
        target = self.source.data
        for part in path[:-1]:
            target = target.setdefault(part, {}) if isinstance(part, str) else target[part]
        target[path[-1]] = value
        self.source.cells.setdefault(path, cell)

    def each(self, path: Path_, row: Row, fields: tuple[tuple[str, str, Callable[[_Value], Any]], ...]) -> None:
        """The filled-in cells among `fields` (column key, field, how the cell reads) as fields of `path`."""
        for key, name, read in fields:
            if key in row:
                self.put((*path, name), read(row[key][0]), row[key][1])

    def in_language(self, path: Path_, row: Row, key: str) -> None:
        """The text of the row's `key` cell, at `path` under the row's language."""
        text, where = row[key]
        lang = self.language(row, where)
        if lang:
            self.put((*path, lang), text.text(), where)

    def entry_at(self, index: dict[Any, int], key: Any, listed: list[dict[str, Any]], path: Path_,
                 new: dict[str, Any], where: str, named: str | None = None) -> Path_:
        """The path of the entry of `listed` (at `path`) that `key` stands for; at the key's first row the entry
        is `new`, and it (and its `named` field) is found at `where`."""
        if key not in index:
            index[key] = len(listed)
            listed.append(new)
            self.source.cells[(*path, index[key])] = where
            if named:
                self.source.cells[(*path, index[key], named)] = where
        return (*path, index[key])

    # --- the sheets ---
    def report(self, rows: list[Row]) -> None:
        fields = {key: (path, localized) for key, path, localized, _ in layout.report_fields(self.catalogue)}
        for row in rows:
            if "field" in row and row["field"][0].text() in fields:
                # a missing value is reported at the cell it belongs in
                field_path = fields[row["field"][0].text()][0]
                row_number = _split(row["field"][1].rsplit("!", 1)[1])[1]
                self.source.cells.setdefault(field_path, cell_name(layout.REPORT.name, layout.REPORT.letter("value"),
                                                                   row_number))
            if "value" not in row:
                continue
            value, where = row["value"]
            key_cell = row["field"][1] if "field" in row else where
            key = row["field"][0].text() if "field" in row else ""
            if key not in fields:
                self.problem(key_cell, f"unknown field {key!r}",
                             f"use one of the template's fields: {', '.join(fields)}")
                continue
            path, localized = fields[key]
            self.source.cells.setdefault(path[:-1], where)
            if localized:
                self.in_language(path, row, "value")
            elif key == "entity.identifier":
                scheme, _, identifier = value.text().partition(":")
                identifiers = self.source.data.setdefault("entity", {}).setdefault("identifiers", [])
                if identifier:
                    identifiers.append({})
                    self.put((*path, len(identifiers) - 1), {"scheme": scheme, "value": identifier}, where)
            elif key in ("period.start", "period.end"):
                self.put(path, value.date(), where)
            elif key in ("report.published_languages", "excerpt.provisions"):
                self.put(path, value.items(), where)
            elif key == "listing.largecap":
                self.put(path, value.yes_no(), where)
            else:
                self.put(path, value.text(), where)

    def language(self, row: Row, where: str) -> str | None:
        if "lang" not in row:
            self.problem(where, "the text gives no language", "fill in the Language column (zh-Hant, en)")
            return None
        return str(row["lang"][0].text())

    def members(self, rows: list[Row]) -> None:
        members = self.source.data.setdefault("members", {})
        index: dict[tuple[str, str], int] = {}
        for row in rows:
            if "axis" not in row or "member" not in row:
                self.problem(_first(row), "a member needs its breakdown and its name",
                             "fill in the Breakdown and Member columns")
                continue
            axis, name = row["axis"][0].text(), row["member"][0].text()
            self.source.cells.setdefault(("members", axis), row["axis"][1])
            path = self.entry_at(index, (axis, name), members.setdefault(axis, []), ("members", axis),
                                 {"name": name, "label": {}}, row["member"][1], "name")
            if "label" in row:
                self.in_language((*path, "label"), row, "label")

    def axes(self, rows: list[Row]) -> None:
        """The issuer's own axes: a row without a member labels the axis, a row with one labels that member."""
        axes: dict[str, int] = {}
        members: dict[tuple[int, str], int] = {}
        labelled: set[int] = set()
        for row in rows:
            if "axis" not in row:
                what = "member" if "member" in row else "label"
                self.problem(_beside(_first(row), layout.AXES.letter("axis")),
                             f"a {what} of the Axes sheet names no axis",
                             "fill in the Axis column with the axis's name (UpperCamelCase, such as BusinessSegment)")
                continue
            name, where = row["axis"][0].text(), row["axis"][1]
            listed = self.source.data.setdefault("axes", [])
            path = self.entry_at(axes, name, listed, ("axes",), {"name": name, "label": {}, "members": []}, where,
                                 "name")
            if "member" in row:
                member = row["member"][0].text()
                path = self.entry_at(members, (axes[name], member), listed[axes[name]]["members"], (*path, "members"),
                                     {"name": member, "label": {}}, row["member"][1], "name")
            if "label" in row:
                if "member" not in row:
                    labelled.add(axes[name])
                self.localized((*path, "label"), row, "label")
        for name, index in axes.items():
            if index not in labelled:
                self.problem(self.source.cells[("axes", index)], f"the axis {name} has no label: it is not declared",
                             f"add a row with {name} in the Axis column, the Member column empty, and the axis's "
                             "label in the Label column with its Language")

    def once(self, path: Path_, row: Row, key: str, value: Any, first: dict[Path_, str]) -> None:
        """A cell that is the same in every language of its entry: given once, or again with the same value."""
        where = row[key][1]
        if path in first:
            target: Any = self.source.data
            for part in path:
                target = target[part]
            if target != value:
                self.problem(where, f"{row[key][0].text()!r} differs from what {first[path]} gives",
                             f"give it once, on one row of the entry (here or at {first[path]})")
            return
        first[path] = where
        self.put(path, value, where)

    def localized(self, path: Path_, row: Row, key: str) -> None:
        """A text of an entry in the row's language, which no other row of the entry gives."""
        text, where = row[key]
        lang = self.language(row, where)
        if not lang:
            return
        if (*path, lang) in self.source.cells:
            self.problem(where, f"the {key} in {lang} is given twice, also at {self.source.cells[(*path, lang)]}",
                         "keep one row per language for each entry")
            return
        self.source.cells.setdefault(path, where)   # a finding about the text in every language names its first
        self.put((*path, lang), text.text(), where)

    def concepts(self, rows: list[Row]) -> None:
        """The issuer's own concepts: a label per row and language, the rest once on any of the concept's rows."""
        index: dict[str, int] = {}
        first: dict[Path_, str] = {}
        for row in rows:
            if "name" not in row:
                self.problem(_beside(_first(row), layout.CONCEPTS.letter("name")),
                             "a row of the Concepts sheet names no concept",
                             "fill in the Concept column with the concept's name (UpperCamelCase, such as "
                             "DieselConsumedByBusFleet)")
                continue
            name, where = row["name"][0].text(), row["name"][1]
            path = self.entry_at(index, name, self.source.data.setdefault("concepts", []), ("concepts",),
                                 {"name": name, "label": {}}, where, "name")
            if "label" in row:
                self.localized((*path, "label"), row, "label")
            for key in layout.CONCEPT_ONCE:
                if key in row:
                    self.once((*path, key), row, key, row[key][0].text(), first)

    def denominators(self, rows: list[Row]) -> None:
        index: dict[str, int] = {}
        first: dict[Path_, str] = {}
        for row in rows:
            if "name" not in row:
                self.problem(_first(row), "a denominator row names no denominator",
                             "fill in the Denominator column")
                continue
            name, where = row["name"][0].text(), row["name"][1]
            listed = self.source.data.setdefault("denominators", [])
            path = self.entry_at(index, name, listed, ("denominators",), {"name": name}, where, "name")
            if "label" in row:
                self.localized((*path, "label"), row, "label")
            if "unit" in row:
                self.once((*path, "unit"), row, "unit", row["unit"][0].text(), first)
            if "printed" in row:
                self.once((*path, "printed"), row, "printed", row["printed"][0].items(), first)
            if "value" not in row:
                for key in ("period", "value_unit", "notes"):
                    if key in row:
                        self.problem(row[key][1], f"the denominator {name} is given a {key.replace('_', ' ')} "
                                     "but no value", "fill in the Value column, or clear the cell")
                continue
            values = listed[index[name]].setdefault("values", [])
            value_path: Path_ = (*path, "values", len(values))
            values.append({})
            self.source.cells[value_path] = row["value"][1]
            self.each(value_path, row, (("value", "value", _Value.text), ("value_unit", "unit", _Value.text),
                                        *_PERIOD_NOTES))

    def target_provisions(self, rows: list[Row]) -> dict[str, str]:
        """Each target's provision: given on one or more of its rows, the same on each, and one that asks for
        targets; a target without one is named at its first row."""
        asks = layout.target_provisions(self.catalogue)
        found: dict[str, tuple[str, str]] = {}
        first_row: dict[str, str] = {}
        for row in rows:
            if "id" not in row:
                continue
            target_id = row["id"][0].text()
            first_row.setdefault(target_id, _beside(row["id"][1], layout.TARGETS.letter("provision")))
            if "provision" not in row:
                continue
            provision, where = row["provision"][0].text(), row["provision"][1]
            if target_id in found and found[target_id][0] != provision:
                self.problem(where, f"{provision!r} differs from what {found[target_id][1]} gives",
                             f"give the target's provision once, on one row of the target (here or at "
                             f"{found[target_id][1]})")
            elif provision not in asks:
                self.problem(where, f"{provision} does not ask for targets",
                             f"choose one of the provisions that do: {', '.join(asks)}")
                found[target_id] = (provision, where)
            else:
                found.setdefault(target_id, (provision, where))
        for target_id, where in first_row.items():
            if target_id not in found:
                self.problem(where, f"the target {target_id} names no provision",
                             f"fill in the Provision column on one of its rows: {', '.join(asks)}")
        return {target_id: provision for target_id, (provision, _) in found.items() if provision in asks}

    def targets(self, rows: list[Row]) -> None:
        provisions = self.target_provisions(rows)
        index: dict[str, int] = {}
        first: dict[Path_, str] = {}
        for row in rows:
            if "id" not in row:
                self.problem(_beside(_first(row), layout.TARGETS.letter("id")),
                             "a target row names no target",
                             "fill in the Target column with the target's id (OperationalEmissions2030)")
                continue
            target_id, where = row["id"][0].text(), row["id"][1]
            if target_id not in provisions:   # named where its provision is missing or wrong
                continue
            provision = provisions[target_id]
            entry = self.source.data.setdefault("provisions", {}).setdefault(provision, {})
            self.source.cells.setdefault(("provisions", provision), where)
            targets_path: Path_ = ("provisions", provision, "targets")
            self.source.cells.setdefault(targets_path, where)
            path = self.entry_at(index, target_id, entry.setdefault("targets", []), targets_path, {"id": target_id},
                                 where, "id")
            for key in layout.TARGET_LOCALIZED:
                if key in row:
                    self.localized((*path, key), row, key)
            for key, read in _TARGET_ONCE:
                if key in row:
                    self.once((*path, key), row, key, read(row[key][0]), first)
            for key, field in (("base_value", "value"), ("base_unit", "unit")):
                if key in row:
                    self.once((*path, "base_value", field), row, key, row[key][0].text(), first)
                    self.source.cells.setdefault((*path, "base_value"), row[key][1])

    def notes(self, rows: list[Row]) -> None:
        notes = self.source.data.setdefault("notes", {})
        for row in rows:
            if "note" not in row:
                self.problem(_first(row), "a note needs its id", "fill in the Note column")
                continue
            note_id, where = row["note"][0].text(), row["note"][1]
            notes.setdefault(note_id, {"text": {}})
            self.source.cells.setdefault(("notes", note_id), where)
            self.each(("notes", note_id), row, (("kind", "kind", _Value.text),))
            if "text" in row:
                self.in_language(("notes", note_id, "text"), row, "text")

    def sections(self, rows: list[Row]) -> None:
        for row in rows:
            sections = self.source.data.setdefault("report", {}).setdefault("sections", [])
            path: Path_ = ("report", "sections", len(sections))
            sections.append({})
            self.source.cells[path] = _first(row)
            for key, (value, where) in row.items():
                self.put((*path, "id" if key == "section" else key), value.number() if key == "page" else value.text(),
                         where)

    def topics(self, rows: list[Row]) -> None:
        index: dict[str, int] = {}
        for row in rows:
            if "topic" not in row:
                self.problem(_first(row), "a material topic needs its id", "fill in the Topic column")
                continue
            topic, where = row["topic"][0].text(), row["topic"][1]
            topics = self.source.data.setdefault("materiality", {}).setdefault("topics", [])
            path = self.entry_at(index, topic, topics, ("materiality", "topics"), {"id": topic, "label": {}}, where,
                                 "id")
            self.each(path, row, (("tier", "tier", _Value.text), ("rank", "rank", _Value.number)))
            if "label" in row:
                self.in_language((*path, "label"), row, "label")

    def stakeholders(self, rows: list[Row]) -> None:
        groups: dict[str, int] = {}
        counts: dict[tuple[int, str, str], int] = {}
        for row in rows:
            if "group" not in row or "item" not in row or "text" not in row:
                self.problem(_first(row), "a stakeholder row needs its group number, item and text",
                             "fill in the Group, Item and Text columns")
                continue
            group = row["group"][0].text()
            listed = self.source.data.setdefault("stakeholders", [])
            path = self.entry_at(groups, group, listed, ("stakeholders",), {"name": {}}, row["group"][1])
            self.each(path, row, (("id", "id", _Value.text),))
            item, (text, where) = row["item"][0].text(), row["text"]
            if item not in layout.STAKEHOLDER_ITEMS:
                self.problem(row["item"][1], f"unknown item {item!r}",
                             f"use one of: {', '.join(layout.STAKEHOLDER_ITEMS)}")
                continue
            lang = self.language(row, where)
            if not lang:
                continue
            key = layout.STAKEHOLDER_ITEMS[item]
            if key == "name":
                self.put((*path, "name", lang), text.text(), where)
                continue
            items = listed[groups[group]].setdefault(key, [])
            number = counts.get((groups[group], key, lang), 0)
            counts[(groups[group], key, lang)] = number + 1
            while len(items) <= number:
                items.append({})
            self.put((*path, key, number, lang), text.text(), where)

    def sdgs(self, rows: list[Row]) -> None:
        index: dict[str, int] = {}
        for row in rows:
            if "goal" not in row:
                self.problem(_first(row), "a row of goals needs its goal number",
                             "fill in the Goal column")
                continue
            goal, where = row["goal"][0], row["goal"][1]
            links = self.source.data.setdefault("sdgs", [])
            path = self.entry_at(index, goal.text(), links, ("sdgs",), {"goal": goal.number()}, where, "goal")
            self.each(path, row, (("sections", "sections", _Value.items),
                                  ("inferred", "inferred", lambda v: v.text().lower() in ("yes", "true", "1"))))
            if "note" in row:
                self.in_language((*path, "note"), row, "note")

    def provisions(self, rows: list[Row]) -> None:
        provisions = self.source.data.setdefault("provisions", {})
        for row in rows:
            if "item" in row and row["item"][0].text() == layout.MORE_LABEL:
                self.more_label(provisions, row)
                continue
            if "value" not in row:
                if "provision" in row and "item" in row and row["item"][0].text() == "status":
                    # a provision whose status is left empty is not in the report: findings about it name the cell
                    self.source.cells.setdefault(("provisions", row["provision"][0].text()),
                                                 _beside(row["item"][1], _VALUE_LETTER))
                continue
            value, where = row["value"]
            if "provision" not in row or "item" not in row:
                self.problem(where, "the row names no provision or no item",
                             "fill in the Provision and Item columns, or clear the row")
                continue
            provision_id, item = row["provision"][0].text(), row["item"][0].text()
            path: Path_ = ("provisions", provision_id)
            entry = provisions.setdefault(provision_id, {})
            self.source.cells.setdefault(path, row["provision"][1])
            if item not in layout.ITEMS:
                self.problem(row["item"][1], f"unknown item {item!r}", f"use one of: {', '.join(layout.ITEMS)}")
            elif item == "status":
                self.put((*path, "status"), value.text(), where)
            elif item in ("explanation", "location"):
                self.in_language((*path, item), row, "value")
            elif item == "narrative":
                lang = self.language(row, where)
                if lang and "concept" in row:
                    self.put((*path, "narrative", row["concept"][0].text(), lang), value.text(), where)
                elif lang:
                    self.problem(where, "a narrative row names no concept", "fill in the Concept column")
            elif item == "consolidation_approach":
                self.put((*path, item), value.text(), where)
            elif item in ("sections", "notes", "reliefs"):
                self.put((*path, item), value.items(), where)
            elif item == "sdgs":
                goals = value.items()
                if not all(g.isdigit() for g in goals):
                    self.problem(where, f"{value.text()!r} is not a list of goal numbers",
                                 "write the goals as numbers separated by commas: 8, 13")
                    continue
                self.put((*path, "sdgs"), [int(g) for g in goals], where)
            else:
                self.figure(path, entry, row)

    def more_label(self, provisions: dict[str, Any], row: Row) -> None:
        where = row["item"][1]
        facts = provisions.get(row["provision"][0].text(), {}).get("facts", []) if "provision" in row else []
        if not facts or ("printed" not in row and "restated" not in row):
            self.problem(where, "a label row follows no figure of its provision, or gives no printed label and no "
                         "reason for a restatement",
                         "put it right below the figure it labels and fill in Language and Printed label "
                         "(or Restated)")
            return
        self.texts(("provisions", row["provision"][0].text(), "facts", len(facts) - 1), row)

    def texts(self, fact_path: Path_, row: Row) -> None:
        """A figure's printed label and the reason it is restated, in the row's language."""
        for key, path in (("printed", (*fact_path, "printed_label")), ("restated", (*fact_path, "restated", "reason"))):
            if key not in row:
                continue
            lang = self.language(row, row[key][1])
            if not lang:
                return
            self.source.cells.setdefault(path[:-1] if key == "restated" else path, row[key][1])
            self.localized(path, row, key)

    def figure(self, path: Path_, entry: dict[str, Any], row: Row) -> None:
        where = row["value"][1]
        if "concept" not in row:
            self.problem(where, "a figure names no concept", "fill in the Concept column")
            return
        facts = entry.setdefault("facts", [])
        fact_path: Path_ = (*path, "facts", len(facts))
        facts.append({})
        self.source.cells[fact_path] = where
        self.each(fact_path, row, (("concept", "concept", _Value.text), ("value", "value", _Value.text),
                                   ("unit", "unit", _Value.text)))
        for number in ("1", "2"):
            if f"axis{number}" in row and f"member{number}" in row:
                axis = row[f"axis{number}"][0].text()
                self.put((*fact_path, "by", axis), row[f"member{number}"][0].text(), row[f"member{number}"][1])
        self.each(fact_path, row, _PERIOD_NOTES)
        self.texts(fact_path, row)


class _Value:
    """A cell's value, read as the report file's data wants it."""

    def __init__(self, value: Any, number_format: str) -> None:
        self.value = value
        self.number_format = number_format

    def text(self) -> str:
        """The cell as written: a number cell as the figure it shows (see `figure`), a date as YYYY-MM-DD."""
        value = self.value
        if isinstance(value, dt.datetime):
            return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        figure = self.figure() if isinstance(value, int | float) and not isinstance(value, bool) else None
        return figure if figure is not None else str(value)

    def period(self) -> Any:
        """A year, or a period of its own written start/end."""
        start, slash, end = self.text().partition("/")
        return {"start": _Value(start, "").date(), "end": _Value(end, "").date()} if slash else self.number()

    def yes_no(self) -> Any:
        """A yes/no cell (or Excel's TRUE/FALSE) as a bool; anything else as written, for the checks to name."""
        if isinstance(self.value, bool):
            return self.value
        answer = self.text().strip().lower()
        return {"yes": True, "true": True, "no": False, "false": False}.get(answer, self.text())

    def date(self) -> Any:
        """A date cell as a date; text as written, so that the report's checks name what is wrong."""
        value = self.value
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            return str(value)

    def number(self) -> Any:
        """A whole number as an int; anything else as written, so that the report's checks name it."""
        figure = self.figure()
        return int(figure) if figure is not None and figure.lstrip("-").isdigit() else self.text()

    def items(self) -> list[str]:
        return [item.strip() for item in self.text().split(",") if item.strip()]

    def figure(self) -> str | None:
        """A number cell as printed, with the decimals the cell shows; None for a text cell (text is passed on
        as written: the report's checks accept a figure typed as text and name what is not one)."""
        value = self.value
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            places = _DECIMALS.search(self.number_format.split(";")[0])
            if places:
                return f"{Decimal(repr(value)):.{len(places.group(1))}f}"
            number = Decimal(repr(value))
            return str(int(number)) if number == number.to_integral_value() else format(number, "f")
        return None


#: the cells of a figure or a denominator's value that give its period and its notes
_PERIOD_NOTES: tuple[tuple[str, str, Callable[[_Value], Any]], ...] = (
    ("period", "period", _Value.period), ("notes", "notes", _Value.items))
#: the cells of a target given once, on any of its rows, and how each reads
_TARGET_ONCE: tuple[tuple[str, Callable[[_Value], Any]], ...] = (
    ("type", _Value.text), ("reduction", _Value.text), ("progress", _Value.text), ("base_year", _Value.number),
    ("target_year", _Value.number), ("notes", _Value.items))

#: the reader of each sheet but the provision sheets (read by `_Reader.provisions`), which come from the catalogue
_READERS: dict[Sheet, Callable[[_Reader, list[Row]], None]] = {
    layout.REPORT: _Reader.report, layout.MEMBERS: _Reader.members, layout.AXES: _Reader.axes,
    layout.CONCEPTS: _Reader.concepts, layout.DENOMINATORS: _Reader.denominators, layout.TARGETS: _Reader.targets,
    layout.NOTES: _Reader.notes, layout.SECTIONS: _Reader.sections, layout.TOPICS: _Reader.topics,
    layout.STAKEHOLDERS: _Reader.stakeholders, layout.SDGS: _Reader.sdgs,
}


def _first(row: Row) -> str:
    """The cell of the row's first filled-in column."""
    return str(next(iter(row.values()))[1])


def _beside(cell: str, letter: str) -> str:
    """The cell in column `letter` of the same row as `cell`."""
    sheet, coordinate = cell.rsplit("!", 1)
    return f"{sheet}!{letter}{_split(coordinate)[1]}"


def _split(coordinate: str) -> tuple[str, int]:
    letters = coordinate.rstrip("0123456789")
    return letters, int(coordinate[len(letters):])
