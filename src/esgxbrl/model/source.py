"""A report's data as read from its file, with where every value was written.

Whatever the file was (YAML, a workbook), its data is plain Python values addressed by paths, and
every path maps back to a place in the file, so each finding can name it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from esgxbrl.errors import Finding

Path_ = tuple[str | int, ...]
#: where a value was written: line and column in a text file, or the cell (Sheet!J14) in a workbook
Where = tuple[int | None, int | None, str | None]
#: a fix worded for the file's syntax, reworded for another way of writing the report: (path, fix, code, cell)
Reword = Callable[[Path_, str | None, str, str | None], str | None]


@dataclass(frozen=True)
class Misreading:
    """What the file's syntax made of something written without quotes, kept to explain a shape error.

    `explains` names the kinds of shape error it accounts for at its own path; None means any error
    at its path or below it (a key that only exists because a comma cut the text before it).
    """

    finding: Finding
    explains: frozenset[str] | None = None


@dataclass
class Source:
    """A loaded report file: its data and the position of every value in it."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    misreadings: dict[Path_, Misreading] = field(default_factory=dict)
    cells: dict[Path_, str] = field(default_factory=dict)
    #: the fixes are worded for a YAML file; a workbook words them for its sheets and columns
    reword: Reword | None = None

    def position(self, path: Path_) -> tuple[int | None, int | None]:
        """The line and column of the value at `path`, or of its nearest written ancestor."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(tuple(path[:end]))
            if found:
                return found
        return None, None

    def misreading(self, path: Path_, error_type: str) -> Finding | None:
        """The plain account of a shape error of `error_type` at `path`, if the syntax explains it."""
        for end in range(len(path), -1, -1):
            found = self.misreadings.get(tuple(path[:end]))
            if found is None:
                continue
            if found.explains is None or (end == len(path) and error_type in found.explains):
                return found.finding
        return None

    def cell(self, path: Path_) -> str | None:
        """The workbook cell of the value at `path`, or of its nearest written ancestor."""
        for end in range(len(path), -1, -1):
            found = self.cells.get(tuple(path[:end]))
            if found:
                return found
        return None

    def where(self, path: Path_) -> Where:
        return (*self.position(path), self.cell(path))

    def finding(self, path: Path_, message: str, fix: str | None = None, provision: str | None = None,
                severity: str = "error", code: str = "input") -> Finding:
        line, column, cell = self.where(path)
        if self.reword is not None:
            fix = self.reword(path, fix, code, cell)
        return Finding(message=message, file=self.file, line=line, column=column, provision=provision, fix=fix,
                       severity=severity, code=code, cell=cell)  # type: ignore[arg-type]
