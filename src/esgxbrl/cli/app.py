"""The `esgxbrl` command. Thin: every command calls the library and reports without tracebacks."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from esgxbrl.cli.analyst import register as register_analyst_commands
from esgxbrl.cli.preparer import register as register_preparer_commands
from esgxbrl.errors import EsgxbrlError, InputInvalid

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Machine-readable HKEX ESG reports: YAML in, XBRL out, and back.")
taxonomy_app = typer.Typer(no_args_is_help=True, help="The C2 taxonomy: build it, locate it.")
app.add_typer(taxonomy_app, name="taxonomy")
register_preparer_commands(app)
register_analyst_commands(app)


def _fail(exc: EsgxbrlError) -> NoReturn:
    if isinstance(exc, InputInvalid):
        for finding in exc.findings:
            typer.echo(finding.render(), err=True)
        count = len(exc.findings)
        typer.echo(f"{count} error{'s' if count != 1 else ''}; nothing was written.", err=True)
    else:
        typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(1)


@app.command()
def export(
    report: Annotated[Path, typer.Argument(help="the report file (YAML or .xlsx workbook)")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="output folder (default: beside the report)")] = None,
    formats: Annotated[list[str] | None, typer.Option(
        "-f", "--format", help="xbrl, html (Inline XBRL), json (xBRL-JSON) or jsonld; repeat to choose several; "
        "default: all")] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="language of the labels on the Inline XBRL page: en, zh-Hant or zh-Hans "
        "(default: the report's)")] = None,
) -> None:
    """Validate a report file and write its XBRL documents."""
    from esgxbrl.preparer.export import FORMATS
    from esgxbrl.preparer.export import export as run_export

    try:
        outputs = run_export(report, out, tuple(formats) if formats else FORMATS, lang)
    except EsgxbrlError as exc:
        _fail(exc)
    for output in outputs:
        typer.echo(f"wrote {output.path} ({output.kind}, {output.size:,} bytes)")


PUBLISHED_SUFFIXES = {".xbrl", ".xml", ".json", ".html", ".xhtml", ".htm", ".jsonld"}


@app.command()
def validate(file: Annotated[Path, typer.Argument(help="a report file (YAML) or a published document")]) -> None:
    """Check a report file, or a published document offline; write nothing; exit 0 when valid."""
    if file.suffix.lower() in PUBLISHED_SUFFIXES:
        from esgxbrl.read.validate import validate_published

        try:
            findings, count = validate_published(file)
        except EsgxbrlError as exc:
            _fail(exc)
        if findings:
            _fail(InputInvalid(findings))
        typer.echo(f"{file}: valid, {count} facts")
        return
    from esgxbrl.preparer.load import load_report

    try:
        loaded = load_report(file)
    except EsgxbrlError as exc:
        _fail(exc)
    typer.echo(f"{file}: valid, {len(loaded.facts.facts)} facts")


@app.command("import")
def import_(
    document: Annotated[Path, typer.Argument(help="a published XBRL, Inline XBRL, xBRL-JSON or JSON-LD file, or a "
                                               "report file (YAML or workbook)")],
    out: Annotated[Path, typer.Option("-o", "--out", help="the report file to write: .yaml, or .xlsx for a workbook")],
    force: Annotated[bool, typer.Option("--force", help="replace an existing file")] = False,
) -> None:
    """Rebuild a report file (YAML or workbook) from a published document; exporting it gives the same facts.

    From a report file, a workbook is written with the report's own figures as printed.
    """
    from esgxbrl.preparer.export import write_atomically
    from esgxbrl.preparer.workbook import is_workbook

    if out.exists() and not force:
        typer.echo(f"error: {out} exists; choose another name or pass --force", err=True)
        raise typer.Exit(1)
    try:
        content, count = _imported(document, is_workbook(out))
        kind = "workbook" if is_workbook(out) else "report file"
        write_atomically(out.parent if str(out.parent) else Path("."), {out.name: (kind, content)})
    except EsgxbrlError as exc:
        _fail(exc)
    typer.echo(f"wrote {out} ({count} facts)")


def _imported(document: Path, as_workbook: bool) -> tuple[bytes, int]:
    """The bytes of the rebuilt report file and the number of facts it exports to."""
    from esgxbrl.preparer.to_yaml import report_yaml

    if document.suffix.lower() in PUBLISHED_SUFFIXES:
        from esgxbrl.read import read

        facts = read(document)
        loaded = None
    else:
        from esgxbrl.preparer.load import load_report

        loaded = load_report(document)
        facts = loaded.facts
    if not as_workbook:
        return report_yaml(facts).encode(), len(facts.facts)
    from esgxbrl.preparer.workbook.write import facts_workbook_bytes, workbook_bytes

    if loaded is not None:
        return workbook_bytes(loaded.report, loaded.catalogue), len(facts.facts)
    return facts_workbook_bytes(facts), len(facts.facts)


@taxonomy_app.command("build")
def taxonomy_build(
    root: Annotated[Path, typer.Option(help="repository root")] = Path("."),
    check: Annotated[bool, typer.Option("--check", help="only report files that are not current")] = False,
) -> None:
    """Regenerate the taxonomy, its package, the reference page and the JSON Schema."""
    from esgxbrl.taxonomy.build import stale_files, write_generated

    if not (root / "pyproject.toml").exists():
        typer.echo(f"error: {root.resolve()} is not the esgxbrl repository root", err=True)
        raise typer.Exit(2)
    if check:
        stale = stale_files(root)
        for path in stale:
            typer.echo(f"stale: {path}")
        raise typer.Exit(1 if stale else 0)
    changed = write_generated(root)
    typer.echo(f"{len(changed)} file(s) updated" + "".join(f"\n  {p}" for p in changed))


@taxonomy_app.command("path")
def taxonomy_path() -> None:
    """Print where the installed taxonomy package (zip) is, for other XBRL tools."""
    from esgxbrl.taxonomy.package import installed_package_path

    typer.echo(str(installed_package_path()))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
