"""Errors about the user's input: each names the file, line and column, the provision and the fix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    message: str
    file: str = ""
    line: int | None = None
    column: int | None = None
    provision: str | None = None
    fix: str | None = None
    severity: Severity = "error"
    code: str = "input"
    cell: str | None = None   # in a workbook, the cell as Excel names it: Environmental!J14

    def location(self) -> str:
        where = self.file or "<input>"
        if self.cell is not None:
            return f"{where}:{self.cell}"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def render(self) -> str:
        provision = f" [{self.provision}]" if self.provision else ""
        fix = f"\n    fix: {self.fix}" if self.fix else ""
        return f"{self.location()}: {self.severity}{provision}: {self.message}{fix}"

    def as_dict(self) -> dict[str, object]:
        return {"severity": self.severity, "code": self.code, "file": self.file, "line": self.line,
                "column": self.column, "provision": self.provision, "message": self.message, "fix": self.fix,
                **({"cell": self.cell} if self.cell is not None else {})}


class EsgxbrlError(Exception):
    """Base of the errors esgxbrl reports to users (never with a traceback)."""


class InputInvalid(EsgxbrlError):
    """The input has errors; all of them are in `findings`."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("\n".join(f.render() for f in findings))


class ReadError(EsgxbrlError):
    """A published file could not be read safely."""
