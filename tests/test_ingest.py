"""`esgxbrl facts` and `esgxbrl query`: many files into one table, bad files reported, output atomic."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from pathlib import Path

import duckdb
import pandas as pd  # type: ignore[import-untyped]
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
import typer
from typer.testing import CliRunner

from esgxbrl.analyst.ingest import discover, ingest
from esgxbrl.analyst.table import csv_schema, facts_schema
from esgxbrl.cli.analyst import register
from esgxbrl.emit.ixbrl import ixbrl_bytes
from esgxbrl.emit.oim import oim_json_bytes
from esgxbrl.emit.xbrl import extension_schema_bytes, instance_bytes
from esgxbrl.model.loaded import LoadedReport
from esgxbrl.preparer.load import load_report

ROOT = Path(__file__).resolve().parents[1]
LUFAX = ROOT / "examples" / "lufax" / "2023.yaml"
MINIMAL = ROOT / "tests" / "data" / "minimal.yaml"
DOC = ROOT / "docs" / "facts-table.md"
BAD_FILES = ("broken/truncated.xbrl", "broken/not-xbrl.json", "broken/entity.xml")
HOSTILE = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
           '<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance">&e;</xbrli:xbrl>\n')


def _app() -> typer.Typer:
    app = typer.Typer(add_completion=False)
    register(app)
    return app


def _write_report(folder: Path, loaded: LoadedReport, stem: str, *, inline: bool = False,
                  oim: bool = False) -> None:
    facts = loaded.facts
    folder.mkdir(parents=True, exist_ok=True)
    if facts.extension is not None:
        (folder / facts.extension.schema_file).write_bytes(extension_schema_bytes(facts, loaded.catalogue))
    (folder / f"{stem}.xbrl").write_bytes(instance_bytes(facts))
    if oim:
        (folder / f"{stem}.json").write_bytes(oim_json_bytes(facts))
    if inline:
        (folder / f"{stem}.html").write_bytes(ixbrl_bytes(loaded))


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four good files in three syntaxes, three bad ones, and files that are not taken from folders."""
    root = tmp_path_factory.mktemp("reports")
    minimal = load_report(MINIMAL)
    _write_report(root / "b-minimal", minimal, "minimal", inline=True, oim=True)
    _write_report(root / "a-lufax", load_report(LUFAX), "2023")
    (root / "broken").mkdir()
    lufax_xml = (root / "a-lufax" / "2023.xbrl").read_bytes()
    (root / BAD_FILES[0]).write_bytes(lufax_xml[: len(lufax_xml) // 2])
    (root / BAD_FILES[1]).write_text('{"rows": [1, 2, 3]}', encoding="utf-8")
    (root / BAD_FILES[2]).write_text(HOSTILE, encoding="utf-8")
    (root / "README.txt").write_text("not a report", encoding="utf-8")
    (root / ".cache").mkdir()
    (root / ".cache" / "copy.xbrl").write_bytes(lufax_xml)
    return root


@pytest.fixture(scope="module")
def good(reports: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The good files alone, in a folder of their own."""
    root = tmp_path_factory.mktemp("good")
    for path in reports.glob("[ab]-*/*"):
        target = root / path.relative_to(reports)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    return root


@pytest.fixture(scope="module")
def table(good: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("table") / "facts.parquet"
    result = ingest([good], out, jobs=1, row_group_rows=100)
    assert not result.bad and result.files == 4
    return out


def _shape(schema: pa.Schema) -> list[tuple[str, str, bool]]:
    """Names, types and nullability; a map's entries may be named differently after a Parquet round trip."""
    def type_name(field: pa.Field) -> str:
        kind = field.type
        return f"map<{kind.key_type}, {kind.item_type}>" if pa.types.is_map(kind) else str(kind)

    return [(field.name, type_name(field), field.nullable) for field in schema]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- finding files -------------------------------------------------------------------------------

def test_folders_are_searched_by_extension_and_hidden_files_skipped(reports: Path) -> None:
    found = [p.relative_to(reports).as_posix() for p in discover([reports])]
    assert found == sorted(["a-lufax/2023.xbrl", "b-minimal/minimal.xbrl", "b-minimal/minimal.json",
                            "b-minimal/minimal.html", *BAD_FILES])


def test_globs_and_repeated_inputs_are_taken_once(reports: Path) -> None:
    found = discover([str(reports / "**" / "*.xbrl"), reports / "a-lufax" / "2023.xbrl"])
    assert [p.relative_to(reports).as_posix() for p in found] == [
        "a-lufax/2023.xbrl", "b-minimal/minimal.xbrl", "broken/truncated.xbrl"]


def test_a_failure_midway_leaves_nothing_behind(good: Path, tmp_path: Path) -> None:
    def interrupt(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([good], tmp_path / "facts.parquet", jobs=1, on_progress=interrupt)
    assert list(tmp_path.iterdir()) == []


def test_progress_bar_on_request(good: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.parquet"
    result = CliRunner().invoke(_app(), ["facts", str(good), "-o", str(out), "--jobs", "1", "--progress"])
    assert result.exit_code == 0
    assert "4/4 files" in result.stderr and "files/s" in result.stderr and "\r" in result.stderr
    quiet = CliRunner().invoke(_app(), ["facts", str(good), "-o", str(out), "--jobs", "1"])
    assert quiet.stderr == ""  # not a terminal: no bar


# --- the command ---------------------------------------------------------------------------------

def test_bad_files_are_reported_skipped_and_counted(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.parquet"
    result = CliRunner().invoke(_app(), ["facts", str(reports), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    for name in BAD_FILES:
        line = next(line for line in result.stderr.splitlines() if name in line)
        assert line.startswith("bad file: ") and len(line) > len(str(reports / name)) + 20
    assert "7 files, 3 bad" in result.stdout
    assert "DOCTYPE" in result.stderr and "root:" not in result.output  # the entity was never expanded
    assert "Traceback" not in result.output
    frame = pd.read_parquet(out)
    assert not any(frame.source_file.str.contains("broken"))
    assert f"{len(frame):,} facts" in result.stdout
    assert _leftovers(tmp_path) == []


def test_strict_stops_at_the_first_bad_file_and_writes_nothing(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.parquet"
    result = CliRunner().invoke(_app(), ["facts", str(reports), "-o", str(out), "--strict", "--jobs", "1"])
    assert result.exit_code == 1
    assert "entity.xml" in result.stderr  # the first bad file in path order
    assert "not-xbrl.json" not in result.stderr and "truncated.xbrl" not in result.stderr
    assert "stopped at the first bad file" in result.stdout
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_good_files_exit_zero(good: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.parquet"
    result = CliRunner().invoke(_app(), ["facts", str(good), "-o", str(out), "--jobs", "1", "--lang", "zh-Hant"])
    assert result.exit_code == 0, result.output
    assert "4 files, 0 bad" in result.stdout and result.stderr == ""
    assert "僱員總數" in set(pd.read_parquet(out, columns=["label"]).label)


@pytest.mark.parametrize(("args", "message"), [
    (["missing-folder"], "no such file or folder"),
    (["{good}", "-o", "{tmp}/facts.txt"], "must end in .parquet or .csv"),
    (["{good}", "-o", "{tmp}/no/such/folder/facts.parquet"], "no such folder"),
    (["{tmp}/*.xbrl"], "no file matches"),
])
def test_unusable_arguments_exit_two_and_write_nothing(good: Path, tmp_path: Path, args: list[str],
                                                       message: str) -> None:
    args = [a.format(good=good, tmp=tmp_path) for a in args]
    if "-o" not in args:
        args += ["-o", str(tmp_path / "facts.parquet")]
    result = CliRunner().invoke(_app(), ["facts", *args])
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_label_language_is_refused(good: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(_app(), ["facts", str(good), "-o", str(tmp_path / "f.parquet"), "--lang", "fr"])
    assert result.exit_code == 2 and "zh-Hans" in result.output


# --- the Parquet file ----------------------------------------------------------------------------

def test_parquet_has_the_documented_schema_and_bounded_row_groups(table: Path) -> None:
    parquet = pq.ParquetFile(table)
    assert _shape(parquet.schema_arrow) == _shape(facts_schema())
    assert parquet.schema_arrow.metadata[b"esgxbrl.layout"] == b"esgxbrl-facts/6"
    sizes = [parquet.metadata.row_group(i).num_rows for i in range(parquet.metadata.num_row_groups)]
    assert parquet.metadata.num_row_groups > 1 and max(sizes) <= 100 and sum(sizes) == parquet.metadata.num_rows
    documented = dict(re.findall(r"^\| `(\w+)` \| `([^`]+)` \|", DOC.read_text(encoding="utf-8"), re.MULTILINE))
    for field in facts_schema():
        if field.name.startswith("dim_"):
            assert field.name in DOC.read_text(encoding="utf-8")
        else:
            assert documented.get(field.name) == str(field.type), field.name
    assert documented.keys() <= set(facts_schema().names)


def test_pandas_and_duckdb_read_the_same_rows(table: Path) -> None:
    frame = pd.read_parquet(table)
    connection = duckdb.connect()
    found = connection.execute(
        "select count(*), count(*) filter (where cardinality(dimensions) > 0), "
        "sum(value_number) filter (where concept = 'Scope1GreenhouseGasEmissions' and entity_id = '9999') "
        "from read_parquet(?)", [str(table)]).fetchone()
    assert found is not None
    count, dims, ghg = found
    assert count == len(frame) and dims == sum(1 for d in frame.dimensions if len(d))
    assert ghg == pytest.approx(3 * 117.63)  # the minimal report in three syntaxes
    described = dict(connection.execute("select column_name, column_type from (describe select * from "
                                        "read_parquet(?))", [str(table)]).fetchall())
    assert described["period_end"] == "DATE" and described["value_number"] == "DOUBLE"
    assert described["dimensions"] == "MAP(VARCHAR, VARCHAR)"


def test_every_syntax_gives_the_same_rows(table: Path) -> None:
    frame = pd.read_parquet(table)
    frame = frame[frame.source_file.str.contains("minimal")]
    by_file = {name: part.drop(columns=["source_file", "language", "dimensions"]).reset_index(drop=True)
               for name, part in frame.groupby(frame.source_file.str.rsplit(".", n=1).str[1])}
    assert sorted(by_file) == ["html", "json", "xbrl"]
    for syntax in ("html", "json"):
        pd.testing.assert_frame_equal(by_file[syntax], by_file["xbrl"], check_like=False)


def test_rows_are_sorted_by_file_then_fact_order(table: Path) -> None:
    frame = pd.read_parquet(table, columns=["source_file", "fact_index"])
    keys = list(zip(frame.source_file, frame.fact_index, strict=True))
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert list(frame.source_file.drop_duplicates()) == sorted(set(frame.source_file))


def test_output_is_byte_identical_across_runs_and_worker_counts(good: Path, table: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.parquet"
    parallel = tmp_path / "parallel.parquet"
    ingest([good / "b-minimal", good / "a-lufax"], again, jobs=1, row_group_rows=100)
    ingest([good], parallel, jobs=2, row_group_rows=100)
    assert again.read_bytes() == table.read_bytes()
    assert parallel.read_bytes() == table.read_bytes()



def test_workers_hand_batches_over_through_a_spool_folder_that_is_removed(
        reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import esgxbrl.analyst.ingest as ingest_module

    made: list[Path] = []

    def spool_here() -> str:
        made.append(Path(tempfile.mkdtemp(prefix="spool-", dir=tmp_path)))
        return str(made[-1])

    monkeypatch.setattr(ingest_module, "spool_folder", spool_here)
    whole = ingest([reports], tmp_path / "all.parquet", jobs=2)
    stopped = ingest([reports], tmp_path / "stopped.parquet", jobs=2, strict=True)
    assert len(whole.bad) == 3 and stopped.stopped and len(made) == 2
    assert not any(folder.exists() for folder in made)
    alone = ingest([reports], tmp_path / "alone.parquet", jobs=1)
    assert (tmp_path / "all.parquet").read_bytes() == (tmp_path / "alone.parquet").read_bytes()
    assert alone.facts == whole.facts and len(made) == 2   # one process spools nothing


def test_a_spool_folder_that_cannot_be_written_stops_the_run_with_a_clear_error(
        good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import esgxbrl.analyst.ingest as ingest_module
    from esgxbrl.analyst.ingest import IngestError

    monkeypatch.setattr(ingest_module, "spool_folder", lambda: str(tmp_path / "gone"))
    with pytest.raises(IngestError, match=r"could not pass rows from a worker through .*gone"):
        ingest([good], tmp_path / "facts.parquet", jobs=2)
    assert list(tmp_path.iterdir()) == []


def test_spool_folder_is_in_shared_memory_only_when_it_has_room(monkeypatch: pytest.MonkeyPatch) -> None:
    from esgxbrl.analyst.ingest import spool_folder

    def full(path: str) -> os.statvfs_result:
        return os.statvfs_result((4096, 4096, 100, 0, 0, 100, 0, 0, 0, 255, 0))

    monkeypatch.setattr(os, "statvfs", full)
    folder = Path(spool_folder())
    try:
        assert folder.parent == Path(tempfile.gettempdir()) and folder.name.startswith("esgxbrl-facts-")
    finally:
        folder.rmdir()


# --- CSV -----------------------------------------------------------------------------------------

def test_csv_has_the_same_rows_with_dimensions_as_json(good: Path, table: Path, tmp_path: Path) -> None:
    out = tmp_path / "facts.csv"
    result = ingest([good], out, jobs=1)
    assert result.facts > 0 and not result.bad
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    parquet = pd.read_parquet(table)
    assert list(rows[0]) == csv_schema().names and len(rows) == len(parquet)
    for row, expected in zip(rows, parquet.itertuples(), strict=True):
        assert json.loads(row["dimensions"]) == dict(expected.dimensions)
        assert row["fact_id"] == expected.fact_id and row["period_end"] == str(expected.period_end)
        assert row["value_text"] == (expected.value_text or "")  # text blocks with newlines survive quoting


# --- query ---------------------------------------------------------------------------------------

def test_query_prints_a_readable_table(table: Path) -> None:
    sql = ("select concept, value_number, unit from facts where entity_id = '9999' "
           "and concept like 'Scope%' and source_file like '%.xbrl' order by concept")
    result = CliRunner().invoke(_app(), ["query", sql, "--parquet", str(table)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["concept", "value_number", "unit"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].split() == ["Scope1GreenhouseGasEmissions", "117.63", "utr:tCO2e"]
    assert lines[-1] == "(3 rows)"


def test_query_as_csv_and_json(table: Path) -> None:
    sql = ("select concept, dimensions, value_number, period_end from facts "
           "where dim_Gender = 'MaleMember' and source_file like '%minimal.xbrl'")
    as_csv = CliRunner().invoke(_app(), ["query", sql, "-p", str(table), "--format", "csv"])
    as_json = CliRunner().invoke(_app(), ["query", sql, "-p", str(table), "--format", "json"])
    assert as_csv.exit_code == 0 and as_json.exit_code == 0, as_csv.output + as_json.output
    assert list(csv.reader(io.StringIO(as_csv.stdout))) == [
        ["concept", "dimensions", "value_number", "period_end"],
        ["NumberOfEmployees", '{"GenderAxis": "MaleMember"}', "19777.0", "2023-12-31"]]
    assert json.loads(as_json.stdout) == [{"concept": "NumberOfEmployees", "dimensions": {"GenderAxis": "MaleMember"},
                                           "value_number": 19777.0, "period_end": "2023-12-31"}]


def test_query_errors_are_reported_without_a_traceback(table: Path, tmp_path: Path) -> None:
    wrong = CliRunner().invoke(_app(), ["query", "select nonsense from facts", "-p", str(table)])
    assert wrong.exit_code == 1 and "nonsense" in wrong.stderr and "Traceback" not in wrong.output
    missing = CliRunner().invoke(_app(), ["query", "select 1", "-p", str(tmp_path / "none.parquet")])
    assert missing.exit_code == 1 and "no such file" in missing.stderr
