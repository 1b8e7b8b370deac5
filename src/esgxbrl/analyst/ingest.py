"""Many published reports into one facts table (Parquet or CSV), streaming and in parallel.

Files are read in worker processes, a chunk of files per task, and come back in a fixed order
(sorted by path), each chunk as one Arrow record batch. A worker hands its batch over as an Arrow
IPC file in a private spool folder, which the writer maps into memory instead of receiving the
bytes through a pipe: that costs one copy instead of four (pickle, pipe in, pipe out, unpickle).
The writer groups batches into Parquet row groups and writes each group as soon as it is full, so
memory depends on the row-group size and the number of workers, never on the number of files. The
chunks depend on the number of files only, so the output is the same bytes whatever the number of
workers. The output is written under a temporary name and renamed only when complete.
"""

from __future__ import annotations

import gc
import glob
import multiprocessing
import os
import shutil
import stat
import tempfile
import uuid
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

import pyarrow as pa  # type: ignore[import-untyped]

from esgxbrl.analyst.table import RowBuilder, csv_schema, facts_schema, to_csv_batch
from esgxbrl.errors import EsgxbrlError, ReadError
from esgxbrl.model.facts import FactSet

#: file name endings taken from folders (a file named on the command line is read whatever its ending)
REPORT_SUFFIXES = (".xbrl", ".xml", ".html", ".htm", ".xhtml", ".json")
#: rows per Parquet row group; large enough for efficient scans, small enough to keep memory low
ROW_GROUP_ROWS = 100_000
#: a row group is also written once its buffered batches hold this many bytes (long text blocks)
ROW_GROUP_BYTES = 64 * 1024 * 1024
OutputFormat = Literal["parquet", "csv"]


class IngestError(EsgxbrlError):
    """The ingest had to stop; nothing was written."""


class IngestUsageError(IngestError):
    """The ingest could not start: a missing input, no report files, an output it cannot write."""


@dataclass(frozen=True)
class BadFile:
    path: str
    reason: str


@dataclass
class IngestResult:
    output: Path
    files: int = 0
    facts: int = 0
    row_groups: int = 0
    bad: list[BadFile] = field(default_factory=list)
    stopped: bool = False   # --strict stopped at the first bad file; nothing was written

    @property
    def summary(self) -> str:
        text = f"{self.files:,} file{'s' if self.files != 1 else ''}, {len(self.bad):,} bad"
        if self.stopped:
            return f"{text}; stopped at the first bad file, nothing was written"
        return f"{text}; {self.facts:,} facts written to {self.output}"


# --- finding the files ---------------------------------------------------------------------------

def _has_glob(text: str) -> bool:
    return any(c in text for c in "*?[")


def _from_folder(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and name.lower().endswith(REPORT_SUFFIXES):
                yield Path(root) / name


def discover(inputs: Sequence[str | Path]) -> list[Path]:
    """Every report file named by files, folders (recursive) and globs, once each, sorted by path."""
    found: set[Path] = set()
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found.update(_from_folder(path))
        elif path.is_file():
            found.add(path)
        elif _has_glob(str(item)):
            matches = sorted(glob.glob(str(item), recursive=True))
            if not matches:
                raise IngestUsageError(f"{item}: no file matches this pattern")
            for match in map(Path, matches):
                found.update(_from_folder(match) if match.is_dir() else [match])
        else:
            raise IngestUsageError(f"{item}: no such file or folder")
    if not found:
        raise IngestUsageError("no report files found (looked for " + ", ".join(REPORT_SUFFIXES) + ")")
    return sorted(found, key=lambda p: p.as_posix())


# --- reading, in worker processes ----------------------------------------------------------------

#: at most this many files per task: a task's rows travel back as one Arrow batch, which costs far
#: less than a batch per file; few enough that a few tasks per worker in flight keep memory low
CHUNK_FILES = 16


@dataclass(frozen=True)
class ChunkResult:
    """A chunk of files as a worker sends it back: all their rows in one batch, and each file's share.

    From a worker process the batch is in `spooled`, an Arrow IPC file that `batch_of` maps.
    """

    paths: tuple[str, ...]
    rows: tuple[int, ...]                # rows of each file, in order (0 for a bad file)
    reasons: tuple[str | None, ...]      # why each file could not be read, None when it was
    batch: pa.RecordBatch | None         # the rows of the good files, in order
    spooled: str | None = None           # or the file that holds them


def spool(result: ChunkResult, folder: str) -> ChunkResult:
    """The result with its batch written to a new Arrow IPC file in `folder`."""
    if result.batch is None:
        return result
    path = os.path.join(folder, f"{uuid.uuid4().hex}.arrow")
    with pa.OSFile(path, "wb") as sink, pa.ipc.new_file(sink, result.batch.schema) as writer:
        writer.write_batch(result.batch)
    return ChunkResult(result.paths, result.rows, result.reasons, None, path)


def batch_of(result: ChunkResult) -> pa.RecordBatch:
    """The chunk's batch; a spooled one is mapped into memory (no copy) and its file removed.

    The mapping outlives the file's name, so the folder never holds more than the chunks in flight.
    """
    if result.spooled is None:
        assert result.batch is not None
        return result.batch
    with pa.memory_map(result.spooled) as source:
        batch = pa.ipc.open_file(source).get_batch(0)
    # where a mapped file cannot be removed, it goes with the spool folder at the end of the run
    with suppress(OSError):
        os.unlink(result.spooled)
    return batch


_builders: dict[str, RowBuilder] = {}


def _builder(lang: str) -> RowBuilder:
    return _builders.get(lang) or _builders.setdefault(lang, RowBuilder(lang))


def _read_facts(path: str) -> FactSet | str:
    """One file's fact set, or why it could not be read. Never raises for a bad file."""
    from esgxbrl.read import read

    try:
        return read(path, facts_only=True)
    except ReadError as exc:
        # the reader's message may already start with the path, which the report prints anyway
        return str(exc).removeprefix(f"{path}: ") or type(exc).__name__
    except Exception as exc:
        # a defect of the reader, not of the file; one file must not end a run over thousands
        return _defect(exc)


def _defect(exc: Exception) -> str:
    return f"could not be read ({type(exc).__name__}: {exc})"


def read_chunk_spooled(paths: tuple[str, ...], lang: str, folder: str) -> ChunkResult:
    """`read_chunk` in a worker process: the batch goes back as a file in the spool folder."""
    return spool(read_chunk(paths, lang), folder)


def read_chunk(paths: tuple[str, ...], lang: str) -> ChunkResult:
    """Several files as one batch (see ChunkResult). Never raises for a bad file."""
    builder = _builder(lang)
    read = [_read_facts(path) for path in paths]
    try:
        batch = builder.record_batch_of((facts, path) for path, facts in zip(paths, read, strict=True)
                                        if not isinstance(facts, str))
    except Exception:
        # the rows of some file could not be built: build them file by file so only that file is bad
        return _chunk_file_by_file(paths, read, builder)
    return ChunkResult(paths, tuple(0 if isinstance(facts, str) else len(facts.facts) for facts in read),
                       tuple(facts if isinstance(facts, str) else None for facts in read), batch)


def _chunk_file_by_file(paths: tuple[str, ...], read: list[FactSet | str], builder: RowBuilder) -> ChunkResult:
    batches: list[pa.RecordBatch] = []
    rows: list[int] = []
    reasons: list[str | None] = []
    for path, facts in zip(paths, read, strict=True):
        reason = facts if isinstance(facts, str) else None
        if not isinstance(facts, str):
            try:
                batches.append(builder.record_batch(facts, path))
            except Exception as exc:
                reason = _defect(exc)
        rows.append(0 if reason is not None else batches[-1].num_rows)
        reasons.append(reason)
    combined = pa.Table.from_batches(batches, schema=facts_schema()).combine_chunks().to_batches()
    batch = combined[0] if combined else pa.RecordBatch.from_pylist([], schema=facts_schema())
    return ChunkResult(paths, tuple(rows), tuple(reasons), batch)


#: generation-0 threshold of the garbage collector while files are read: what a file makes (facts,
#: rows) holds no reference cycles, so collecting after every 700 allocations (the default) only
#: costs time, about 7 % of the reading in measurements
_READING_GC_THRESHOLD = (50_000, 20, 100)


def load_for_reading() -> None:
    """Loads what reading files needs: the readers, the catalogues, the table's schema, and what
    pyarrow loads on its first conversion (pandas, when installed). Done once in the process that
    starts the workers, every worker starts with it; done in each worker, it costs about half a
    second of every worker's start."""
    import esgxbrl.read  # noqa: F401  (imported for its side effect of loading the readers)

    _builder("en")
    facts_schema()
    pa.array([], pa.string())


def _warm_up(lang: str) -> None:
    load_for_reading()
    _builder(lang)
    # A worker only reads files. What it has loaded by now (modules, the catalogues) lives as long
    # as the worker, so the garbage collector need not look at it again.
    gc.freeze()
    gc.set_threshold(*_READING_GC_THRESHOLD)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """The reading threshold for the garbage collector, in this process, until the block ends."""
    before = gc.get_threshold()
    gc.set_threshold(*_READING_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def chunk_size(files: int) -> int:
    """Files per task. It depends on the number of files only, never on the number of workers,
    so that the table is the same bytes whatever the number of workers."""
    return max(1, min(CHUNK_FILES, files // 64))


def prefetch(paths: Iterable[str]) -> None:
    """Asks the kernel to start reading files that will be read soon, so that reading them from a
    disk overlaps with the work on the files before them instead of stalling a worker."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    for path in paths:
        try:
            # non-blocking, so that a FIFO among the inputs is not waited on; it is skipped
            handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            continue   # the worker says what is wrong with the file
        try:
            if stat.S_ISREG(os.fstat(handle).st_mode):
                advise(handle, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass
        finally:
            os.close(handle)


def _chunks(items: Sequence[str], size: int) -> Iterator[tuple[str, ...]]:
    for start in range(0, len(items), size):
        yield tuple(items[start:start + size])


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork would copy the parent's Arrow thread pools into the children; forkserver starts clean
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def start_worker_server() -> None:
    """Starts the process that workers are forked from, loading what they need (see
    `load_for_reading`), without waiting for it: it loads while the caller goes on (finding the
    files), and the first workers start ready."""
    context = _pool_context()
    if isinstance(context, multiprocessing.context.ForkServerContext):
        context.set_forkserver_preload(["esgxbrl.analyst.ingest_preload"])
        from multiprocessing import forkserver

        forkserver.ensure_running()


#: below this much free space, the shared-memory folder is not used for spooling
_SHM_FREE_BYTES = 512 * 1024 * 1024


def spool_folder() -> str:
    """A new private folder for batches on their way from the workers: in shared memory (/dev/shm)
    when it has room, so that no disk is involved, else in the temporary folder."""
    base = None
    try:
        status = os.statvfs("/dev/shm")
        if status.f_bavail * status.f_frsize >= _SHM_FREE_BYTES and os.access("/dev/shm", os.W_OK):
            base = "/dev/shm"
    except (OSError, AttributeError):
        pass
    return tempfile.mkdtemp(prefix="esgxbrl-facts-", dir=base)


def read_in_order(paths: Sequence[str], lang: str, jobs: int) -> Generator[ChunkResult, None, None]:
    """Chunks of files, in the order of `paths`, with at most a few chunks per worker in flight.

    With workers, batches arrive spooled: take each with `batch_of` before the next chunk is asked
    for, as the spool folder is removed when the generator ends.
    """
    chunks = _chunks(paths, chunk_size(len(paths)))
    if jobs <= 1 or len(paths) <= 1:
        chunk = next(chunks, None)
        while chunk is not None:
            following = next(chunks, None)
            prefetch(following or ())
            with _fewer_collections():
                result = read_chunk(chunk, lang)
            yield result
            chunk = following
        return
    context = _pool_context()
    start_worker_server()
    folder = spool_folder()
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_warm_up, initargs=(lang,))
    pending: deque[tuple[tuple[str, ...], Future[ChunkResult]]] = deque()
    try:
        for chunk in chunks:
            prefetch(chunk)
            pending.append((chunk, pool.submit(read_chunk_spooled, chunk, lang, folder)))
            if len(pending) >= jobs * 3:
                break
        while pending:
            chunk, future = pending.popleft()
            try:
                result = future.result()
            except BrokenProcessPool:
                raise IngestError(f"a worker process died while reading {chunk[0]}"
                                  + (f" … {chunk[-1]}" if len(chunk) > 1 else "")) from None
            except OSError as exc:
                # a bad file never raises: this is the spool folder (full, or removed meanwhile)
                raise IngestError(f"could not pass rows from a worker through {folder}: {exc.strerror or exc}"
                                  " (free space there, or set TMPDIR to a folder with room)") from None
            next_chunk = next(chunks, None)
            if next_chunk is not None:
                prefetch(next_chunk)
                pending.append((next_chunk, pool.submit(read_chunk_spooled, next_chunk, lang, folder)))
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(folder, ignore_errors=True)


# --- writing -------------------------------------------------------------------------------------

class Sink(Protocol):
    row_groups: int

    def write(self, batch: pa.RecordBatch) -> None: ...
    def close(self) -> None: ...


class ParquetSink:
    """Buffers batches into row groups of a bounded size; the schema is fixed up front."""

    def __init__(self, path: Path, row_group_rows: int = ROW_GROUP_ROWS, row_group_bytes: int = ROW_GROUP_BYTES):
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        self._writer = pq.ParquetWriter(
            str(path), facts_schema(), compression="zstd", compression_level=3, use_dictionary=True,
            write_statistics=True, version="2.6", data_page_version="1.0",
            sorting_columns=[pq.SortingColumn(0), pq.SortingColumn(1)],
        )
        self._buffer: list[pa.RecordBatch] = []
        self._rows = 0
        self._bytes = 0
        self._limit_rows = row_group_rows
        self._limit_bytes = row_group_bytes
        self.row_groups = 0

    def write(self, batch: pa.RecordBatch) -> None:
        self._buffer.append(batch)
        self._rows += batch.num_rows
        self._bytes += batch.nbytes
        while self._rows >= self._limit_rows:
            self._flush(self._limit_rows)
        if self._bytes >= self._limit_bytes:
            self._flush(self._rows)

    def _flush(self, rows: int) -> None:
        if not self._rows:
            return
        table = pa.Table.from_batches(self._buffer, schema=facts_schema())
        group, rest = table.slice(0, rows), table.slice(rows)
        self._writer.write_table(group, row_group_size=max(rows, 1))
        self.row_groups += 1
        self._buffer = rest.combine_chunks().to_batches() if rest.num_rows else []
        self._rows = rest.num_rows
        self._bytes = sum(b.nbytes for b in self._buffer)

    def close(self) -> None:
        self._flush(self._rows)
        self._writer.close()


class CsvSink:
    """CSV with a header row; `dimensions` is a JSON object, dates are ISO 8601, nulls are empty."""

    def __init__(self, path: Path):
        import pyarrow.csv as pacsv  # type: ignore[import-untyped]

        self._writer = pacsv.CSVWriter(str(path), csv_schema())
        self.row_groups = 0

    def write(self, batch: pa.RecordBatch) -> None:
        self._writer.write_batch(to_csv_batch(batch))

    def close(self) -> None:
        self._writer.close()


def output_format(path: Path) -> OutputFormat:
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        return "parquet"
    if suffix == ".csv":
        return "csv"
    raise IngestUsageError(f"{path}: the output must end in .parquet or .csv")


def _open_sink(fmt: OutputFormat, path: Path, row_group_rows: int) -> Sink:
    return ParquetSink(path, row_group_rows) if fmt == "parquet" else CsvSink(path)


# --- the whole run -------------------------------------------------------------------------------

def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def ingest(inputs: Sequence[str | Path] | Iterable[Path], output: str | Path, *, lang: str = "en",
           jobs: int | None = None, strict: bool = False, row_group_rows: int = ROW_GROUP_ROWS,
           on_bad: Callable[[BadFile], None] | None = None,
           on_progress: Callable[[int, int], None] | None = None) -> IngestResult:
    """Read every report file into one table at `output` (.parquet or .csv), atomically.

    A bad file is passed to `on_bad` and skipped; with `strict` the run stops at the first one and
    nothing is written. `on_progress(done, total)` is called after each file.
    """
    RowBuilder(lang)  # rejects an unknown language before any work
    target = Path(output)
    fmt = output_format(target)
    if not target.parent.is_dir():
        raise IngestUsageError(f"{target.parent}: no such folder")
    jobs = jobs or default_jobs()
    if jobs > 1:
        start_worker_server()
    files = [p.as_posix() for p in discover(list(inputs))]
    result = IngestResult(target)
    handle, temporary_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        sink = _open_sink(fmt, temporary, row_group_rows)
        chunks = read_in_order(files, lang, jobs)
        try:
            for chunk in chunks:
                for path, rows, reason in zip(chunk.paths, chunk.rows, chunk.reasons, strict=True):
                    result.files += 1
                    if reason is not None:
                        bad = BadFile(path, reason)
                        result.bad.append(bad)
                        if on_bad is not None:
                            on_bad(bad)
                        if strict:
                            result.stopped = True
                            break
                    result.facts += rows
                    if on_progress is not None:
                        on_progress(result.files, len(files))
                if result.stopped:
                    break
                batch = batch_of(chunk)
                if batch.num_rows:
                    sink.write(batch)
        finally:
            chunks.close()
            sink.close()
        if result.stopped:
            temporary.unlink(missing_ok=True)
            return result
        result.row_groups = sink.row_groups
        os.chmod(temporary, 0o644)
        temporary.replace(target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise IngestError(f"could not write {target}: {exc.strerror or exc}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return result
