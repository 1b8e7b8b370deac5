"""The fix of a finding, worded for a workbook: which sheet, row and column to fill instead of which key
to add to the YAML file.

The checks and the loader word their fixes for the report file; a workbook reads into the same data,
so the same finding comes with the path of the value it concerns. Here that path (and what the fix
names in the YAML file, such as `notes:` or `unit:`) becomes the place in the workbook. A fix that
names nothing of the file's syntax is left as it is.
"""

from __future__ import annotations

import re

from esgxbrl.model.source import Path_
from esgxbrl.preparer.workbook import layout

#: what a YAML fix names, and where the workbook holds it; the first that matches is used, in order
_PLACES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), place) for pattern, place in (
    (r"under `?members: (\w+):`?", r"on the Members sheet (Breakdown \1, Member, Language, Label)"),
    (r"under `axes:` to (\w+)'s members", r"on the Axes sheet (Axis \1, Member, Language, Label)"),
    (r"under `axes:`", "on the Axes sheet"),
    (r"under `notes:`", "on the Notes sheet"),
    (r"under `denominators:`", "on the Denominators sheet"),
    (r"under `materiality: topics:`", "on the Material topics sheet"),
    (r"under `materiality\.topics:`", "on the Material topics sheet"),
    (r"under `stakeholders:`", "on the Stakeholders sheet"),
    (r"under `([\w.-]+):` facts", r"in a figure row of \1"),
    (r"set status: ([a-z-]+)", r"choose \1 in the Value of the provision's status row"),
    (r"the report's `currency:`", "the currency row of the Report sheet"),
    (r"`explanation:`", "an explanation row (Language and Value)"),
    (r"remove `restated:`", "clear its Restated cells"),
    (r"remove `carbon_credits:`", "clear its Carbon credits cells"),
    (r"under `provisions: D-MET-12: targets:`", "on the Targets sheet"),
    (r"the figure's `period:`", "the Period of the figure's row"),
    (r"under `concepts:`", "on the Concepts sheet"),
    (r"`unit:`", "the Unit column"),
    (r"`label:`", "the Label column"),
    (r"`printed:`", "the Printed forms column"),
    (r"`values:`", "Value cells"),
    (r"`reliefs:`", "the reliefs row"),
    (r"`listing:`", "the listing rows of the Report sheet"),
))
#: the shape errors' fixes, which speak of keys and quoting
_SHAPE = {
    "remove this key or check its spelling against docs/yaml-format.md": "clear this cell",
    "write text here (quote it if YAML reads it as a number or date)":
        "type text in this cell (give the cell the Text format if the spreadsheet program turns it into a "
        "number or a date)",
    "write a mapping (key: value) here": "keep this cell to one value, as the template has it",
    "write a list here": "write the values separated by commas",
}


def workbook_fix(path: Path_, fix: str | None, code: str, cell: str | None) -> str | None:
    """`fix`, worded for the workbook the finding at `path` (in `cell`, if it has one) is about."""
    if fix is None:
        return None
    if code == "missing" and len(path) == 2 and path[0] == "provisions":
        return _missing_provision(str(path[1]), cell)
    if fix == "add this key":
        return _missing_value(path)
    if fix in _SHAPE:
        return _SHAPE[fix]
    for pattern, place in _PLACES:
        fix = pattern.sub(place, fix)
    return fix


def _missing_provision(provision: str, cell: str | None) -> str:
    if cell is None:   # its rows were deleted
        return (f"add the rows of {provision} back from a template written by `esgxbrl init --xlsx` and choose "
                "its status")
    return (f"choose {provision}'s status in this cell: disclosed, with the disclosure in the rows below it, or "
            "not-applicable / not-disclosed, with an explanation row in the report's language")


def _missing_value(path: Path_) -> str:
    """Where a value the report needs goes, by what it is."""
    key = str(path[-1]) if path else ""
    fields: dict[Path_, tuple[str, bool]] = {
        field_path: (field, localized) for field, field_path, localized, _ in (*layout.REPORT_FIELDS,
                                                                               *layout.LISTING_FIELDS)}
    named = [(field, localized) for field_path, (field, localized) in fields.items()
             if path and field_path[:len(path)] == path]
    if named:   # a field, or a group of them (period: its start and its end)
        rows = " and ".join(field for field, _ in named)
        language = " and its Language" if any(localized for _, localized in named) else ""
        return f"fill in the Value of the {rows} row{'s' if len(named) > 1 else ''} of the Report sheet{language}"
    if path[:1] == ("provisions",) and len(path) == 3:
        what = "a status" if key == "status" else f"a {key} row with its Language"
        return f"give {path[1]} {what} in the Value column of its rows"
    if path[:1] == ("provisions",) and "facts" in path:
        return f"fill in the {_title(layout.PROVISION_COLUMNS, key)} column of the figure's row"
    if path[:1] == ("axes",) and key == "label":
        if "members" in path:
            return "give the member a row with its Language and Label on the Axes sheet"
        return "add a row on the Axes sheet with the axis in the Axis column, no Member, a Language and its Label"
    if path[:1] == ("axes",) and key == "members":
        return "add a row on the Axes sheet for each member: the Axis, the Member, a Language and its Label"
    for section, sheet in (("members", layout.MEMBERS), ("concepts", layout.CONCEPTS),
                           ("denominators", layout.DENOMINATORS),
                           ("notes", layout.NOTES), ("materiality", layout.TOPICS),
                           ("stakeholders", layout.STAKEHOLDERS), ("sdgs", layout.SDGS)):
        if path[:1] == (section,):
            return f"fill in the {_title(sheet.columns, key)} column of the {sheet.name} sheet on this entry's row"
    return f"fill in the {key} of this entry"


def _title(columns: tuple[layout.Column, ...], key: str) -> str:
    """The title of the column that holds `key`, or the key itself where no column is named after it."""
    return next((c.title for c in columns if c.key == key), key)
