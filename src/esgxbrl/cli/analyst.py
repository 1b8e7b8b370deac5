"""The analysts' commands: `esgxbrl facts` (published reports -> one table) and `esgxbrl query` (SQL on it)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import time
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from esgxbrl.catalogue import LANGUAGES
from esgxbrl.errors import EsgxbrlError

QUERY_FORMATS = ("table", "csv", "json")


class Progress:
    """One self-rewriting line on a terminal: files done, rate, time left. Silent when disabled."""

    def __init__(self, stream: TextIO, enabled: bool, interval: float = 0.2) -> None:
        self._stream = stream
        self._enabled = enabled
        self._interval = interval
        self._started = time.monotonic()
        self._shown_at = 0.0
        self._line = ""

    def update(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self._enabled or (now - self._shown_at < self._interval and done < total):
            return
        self._shown_at = now
        elapsed = max(now - self._started, 1e-9)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0.0
        width = 24
        filled = int(width * done / total) if total else width
        self._line = (f"[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} files  "
                      f"{rate:,.0f} files/s  {int(left) // 60}:{int(left) % 60:02d} left")
        self._stream.write("\r\033[K" + self._line)
        self._stream.flush()

    def message(self, text: str) -> None:
        """A line that stays, printed above the progress line."""
        if self._enabled and self._line:
            self._stream.write("\r\033[K" + text + "\n" + self._line)
        else:
            self._stream.write(text + "\n")
        self._stream.flush()

    def close(self) -> None:
        if self._enabled and self._line:
            self._stream.write("\r\033[K")
            self._stream.flush()


def _check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise typer.BadParameter(f"one of {', '.join(LANGUAGES)}")
    return lang


def facts(
    inputs: Annotated[list[str], typer.Argument(help="report files (.xbrl .xml .html .xhtml .json), folders "
                                                     "(searched recursively) or glob patterns")],
    out: Annotated[Path, typer.Option("-o", "--out", help="the table to write: a .parquet or .csv file")],
    lang: Annotated[str, typer.Option("--lang", callback=_check_lang,
                                      help="language of the `label` column: en, zh-Hant or zh-Hans")] = "en",
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0,
                                      help="worker processes (0: one per core)")] = 0,
    strict: Annotated[bool, typer.Option("--strict", help="stop at the first bad file and write nothing")] = False,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress",
                                                  help="show a progress bar (default: when stderr is a terminal)")
                        ] = None,
) -> None:
    """Read published reports (XBRL, Inline XBRL, xBRL-JSON) into one table, one row per fact."""
    try:
        _require_analyst_extra()
    except EsgxbrlError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    from esgxbrl.analyst.ingest import BadFile, IngestUsageError, ingest

    bar = Progress(sys.stderr, sys.stderr.isatty() if progress is None else progress)

    def report_bad(bad: BadFile) -> None:
        bar.message(f"bad file: {bad.path}: {bad.reason}")

    try:
        result = ingest(inputs, out, lang=lang, jobs=jobs or None, strict=strict, on_bad=report_bad,
                        on_progress=bar.update)
    except EsgxbrlError as exc:
        bar.close()
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2 if isinstance(exc, IngestUsageError) else 1) from None
    bar.close()
    typer.echo(result.summary)
    raise typer.Exit(1 if result.bad else 0)


# --- query ---------------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    """A value as JSON has it: dates as ISO text, decimals as numbers, maps as objects."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value.is_finite() and value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _cell(value: Any, width: int) -> str:
    if value is None:
        return ""
    plain = _plain(value)
    text = json.dumps(plain, ensure_ascii=False, sort_keys=True) if isinstance(plain, dict | list) else str(plain)
    text = " ".join(text.split())
    return text if len(text) <= width else text[:max(width - 1, 1)] + "…"


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    plain = _plain(value)
    return json.dumps(plain, ensure_ascii=False, sort_keys=True) if isinstance(plain, dict | list) else plain


def render_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], width: int) -> str:
    """Rows as an aligned text table, numbers to the right, long text cut to `width` characters."""
    cells = [[_cell(v, width) for v in row] for row in rows]
    numeric = [bool(rows) and all(isinstance(row[i], int | float | Decimal) or row[i] is None for row in rows)
               for i in range(len(columns))]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if right else v.ljust(w)
                         for v, w, right in zip(values, widths, numeric, strict=True)).rstrip()

    out = [line(list(columns)), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    out.append(f"({len(rows):,} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _require_analyst_extra() -> None:
    """The table tools need pyarrow, pandas and DuckDB, which an issuer exporting a report does not."""
    import importlib.util

    missing = [m for m in ("pyarrow", "pandas", "duckdb") if importlib.util.find_spec(m) is None]
    if missing:
        raise EsgxbrlError(f"{', '.join(missing)} not installed; install the analyst tools with "
                           "`pip install 'esgxbrl[analyst]'`")


def run_query(sql: str, parquet: Sequence[str]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run `sql` with DuckDB over the facts table(s), visible as the view `facts`."""
    _require_analyst_extra()
    import duckdb

    for item in parquet:
        if not any(c in item for c in "*?[") and not Path(item).is_file():
            raise EsgxbrlError(f"{item}: no such file (write one with `esgxbrl facts ... -o {item}`)")
    # the query runs offline: DuckDB must not download extensions on its own
    connection = duckdb.connect(config={"autoinstall_known_extensions": False})
    try:
        connection.read_parquet(list(parquet)).create_view("facts")
        cursor = connection.execute(sql)
        if cursor.description is None:
            return [], []
        columns = [d[0] for d in cursor.description]
        return columns, cursor.fetchall()
    except duckdb.Error as exc:
        raise EsgxbrlError(str(exc).strip()) from None
    finally:
        connection.close()


def query(
    sql: Annotated[str, typer.Argument(help="SQL over the table `facts`, e.g. \"select concept, value_number "
                                            "from facts where provision = 'A1.2'\"")],
    parquet: Annotated[list[str] | None, typer.Option("--parquet", "-p",
                                                      help="facts table(s) written by `esgxbrl facts` "
                                                           "(repeatable; globs allowed)")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    width: Annotated[int, typer.Option("--width", min=4, help="longest cell shown in table format")] = 40,
) -> None:
    """Query facts tables with SQL (DuckDB); the table is called `facts`."""
    if fmt not in QUERY_FORMATS:
        raise typer.BadParameter(f"one of {', '.join(QUERY_FORMATS)}", param_hint="--format")
    try:
        columns, rows = run_query(sql, parquet or ["facts.parquet"])
    except EsgxbrlError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_value(v) for v in row])
    elif fmt == "json":
        records = [dict(zip(columns, map(_plain, row), strict=True)) for row in rows]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        typer.echo(render_table(columns, rows, width))


def register(app: typer.Typer) -> None:
    """Add `facts` and `query` to the `esgxbrl` command."""
    app.command("facts")(facts)
    app.command("query")(query)
