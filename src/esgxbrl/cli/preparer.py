"""The preparer's commands: `esgxbrl check`, `esgxbrl diff`, `esgxbrl init` and `esgxbrl migrate`.

Thin: each calls the library (esgxbrl.preparer.check, .diff, .init_template) and prints its
result as a table for people or as JSON for pipelines.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from esgxbrl.errors import EsgxbrlError

if TYPE_CHECKING:
    from esgxbrl.catalogue import Catalogue


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


class Language(StrEnum):
    zh_hant = "zh-Hant"
    en = "en"


FormatOption = Annotated[OutputFormat, typer.Option("--format", help="table for people, json for pipelines")]


def check(
    report: Annotated[Path, typer.Argument(help="the report file (YAML), or a published instance")],
    output_format: FormatOption = OutputFormat.table,
) -> None:
    """Check a report before publishing: every provision's status and every finding.

    Exit 0 when nothing blocks publication, 1 when an error does.
    """
    from esgxbrl.preparer.check import check_file, render_json, render_text

    result = check_file(report)
    typer.echo(render_json(result) if output_format is OutputFormat.json else render_text(result), nl=False)
    raise typer.Exit(1 if result.blocking else 0)


def diff(
    old: Annotated[Path, typer.Argument(help="the earlier report (YAML or instance)")],
    new: Annotated[Path, typer.Argument(help="the later report (YAML or instance)")],
    output_format: FormatOption = OutputFormat.table,
    show_all: Annotated[bool, typer.Option("--all", help="list unchanged figures too (JSON always lists them)")]
    = False,
) -> None:
    """Compare two years' reports: figures by provision, changes, new and dropped figures, status changes.

    Exit 0 when both could be read, 1 when one could not.
    """
    from esgxbrl.preparer.diff import diff_files, render_json, render_text

    result = diff_files(old, new)
    typer.echo(render_json(result) if output_format is OutputFormat.json else render_text(result, show_all),
               nl=False)
    raise typer.Exit(0 if result.readable else 1)


def init(
    out: Annotated[Path | None, typer.Option("-o", "--out", help="the file to write (default: print)")] = None,
    lang: Annotated[Language, typer.Option("--lang", help="the language of the report's text")] = Language.zh_hant,
    guide: Annotated[str, typer.Option("--guide", help="the rulebook: hkex-c2-2020 (FY before 2025) or "
                                                       "hkex-esg-code-2025")] = "hkex-c2-2020",
    xlsx: Annotated[bool, typer.Option("--xlsx", help="write an Excel workbook (needs -o NAME.xlsx)")] = False,
) -> None:
    """Write a starting report file with every provision of the guide in place.

    Never overwrites an existing file.
    """
    from esgxbrl.catalogue import GUIDES, load_catalogue
    from esgxbrl.preparer.init_template import template_text, write_new_file

    if guide not in GUIDES:
        typer.echo(f"error: unknown guide '{guide}'; use one of {', '.join(GUIDES)}", err=True)
        raise typer.Exit(1)
    catalogue = load_catalogue(GUIDES[guide])
    if xlsx:
        _init_workbook(out, lang.value, catalogue)
        return
    text = template_text(lang.value, catalogue)
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        write_new_file(out, text)
    except EsgxbrlError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {out}: every provision of the guide, to fill in; `esgxbrl check {out}` lists what is left")


def migrate(
    report: Annotated[Path, typer.Argument(help="last year's report file (YAML or .xlsx workbook, 2020 Guide)")],
    out: Annotated[Path, typer.Option("-o", "--out", help="the new year's report file to write: .yaml, or .xlsx "
                                                          "for a workbook")],
    to: Annotated[str, typer.Option("--to", help="the rulebook of the new year")] = "hkex-esg-code-2025",
    force: Annotated[bool, typer.Option("--force", help="replace an existing file")] = False,
) -> None:
    """Start next year's report file from last year's: Part C copied, A1.2 and A4 moved to Part D.

    Never overwrites an existing file unless --force; writes all of it or nothing.
    """
    from esgxbrl.errors import InputInvalid
    from esgxbrl.preparer.all_or_none import write_all_or_none
    from esgxbrl.preparer.init_template import write_new_file
    from esgxbrl.preparer.migrate import migrate_text, migrated_workbook
    from esgxbrl.preparer.workbook import is_workbook

    try:
        content = migrated_workbook(report, to) if is_workbook(out) else migrate_text(report, to).encode()
        if force:
            write_all_or_none(out.parent if str(out.parent) else Path("."), {out.name: content})
        else:
            write_new_file(out, content, "migrate")
    except InputInvalid as exc:
        for finding in exc.findings:
            typer.echo(finding.render(), err=True)
        typer.echo(f"{report} is not a valid report file; nothing was written.", err=True)
        raise typer.Exit(1) from None
    except EsgxbrlError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {out}: `esgxbrl check {out}` lists what is left to fill in")


def _init_workbook(out: Path | None, lang: str, catalogue: Catalogue) -> None:
    from esgxbrl.preparer.init_template import write_new_file
    from esgxbrl.preparer.workbook import is_workbook
    from esgxbrl.preparer.workbook.write import workbook_bytes

    if out is None or not is_workbook(out):
        typer.echo("error: --xlsx writes a workbook: give its name with -o, ending in .xlsx", err=True)
        raise typer.Exit(1)
    try:
        write_new_file(out, workbook_bytes(None, catalogue, lang))
    except EsgxbrlError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"wrote {out}: a sheet per area of the guide, every provision and figure as a row, to fill in; "
               f"`esgxbrl check {out}` lists what is left")


def register(app: typer.Typer) -> None:
    """Add the preparer's commands to the `esgxbrl` application."""
    app.command("check")(check)
    app.command("diff")(diff)
    app.command("init")(init)
    app.command("migrate")(migrate)
