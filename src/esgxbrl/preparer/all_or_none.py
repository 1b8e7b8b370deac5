"""Write a set of files into a folder all-or-none: a crash or kill leaves the old set or the new one.

How a set is switched, in `folder`:

1. The new files are written into a fresh staging folder `folder/.esgxbrl-tmp-XXXX/` (the same
   filesystem, so moving them later is a rename) and each is flushed to disk with fsync.
2. Commit: a journal naming the staging folder and the files is written, flushed, and renamed to
   `folder/.esgxbrl-journal`. That one rename is the moment the set changes: before it the folder's
   set is the previous one; after it, the new one.
3. Each staged file is renamed over its final name, then the staging folder and the journal go.

A kill before the commit leaves the previous files untouched and an orphan staging folder; a kill
after it leaves the journal. Every write into the folder first recovers: it rolls a journalled
switch forward (the staged files are complete, so finishing is always possible) and removes orphan
staging folders. Each file at its final name is at every instant a whole document, old or new.

Unrelated files in the folder are never read, moved or removed: only the names of the set being
written are replaced, and only the names this module reserves (`.esgxbrl-tmp-*` folders and
`.esgxbrl-journal`) are created or removed. A file of an earlier set whose name is not in the new
set (an export of fewer formats) stays as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from esgxbrl.errors import EsgxbrlError

RESERVED_PREFIX = ".esgxbrl-"
STAGING_PREFIX = f"{RESERVED_PREFIX}tmp-"
JOURNAL = f"{RESERVED_PREFIX}journal"


def write_all_or_none(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write `files` (file name -> content) into `folder` as one set; return the final paths."""
    for name in files:
        _check_name(name)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EsgxbrlError(f"could not create {folder}: {exc.strerror or exc}") from None
    with _locked(folder):
        recover(folder)
        _refuse_folders_in_the_way(folder, files)
        staging = _stage(folder, files)
        _commit(folder, staging, list(files))
        try:
            _roll_forward(folder)
        except OSError as exc:
            raise EsgxbrlError(
                f"could not move the new files into {folder}: {exc.strerror or exc}; they are complete in "
                f"{staging}, and the next export into {folder} finishes moving them") from None
    return [folder / name for name in files]


def recover(folder: Path) -> None:
    """Finish a switch a crash interrupted in `folder`, and remove staging a crash left behind."""
    try:
        if (folder / JOURNAL).exists():
            _roll_forward(folder)
        for entry in sorted(folder.iterdir()):
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
    except OSError as exc:
        raise EsgxbrlError(f"could not tidy {folder} after an interrupted export: {exc.strerror or exc}") from None


def _check_name(name: str) -> None:
    if not name or name in (".", "..") or Path(name).name != name or "/" in name or "\\" in name:
        raise EsgxbrlError(f"'{name}' is not a plain file name")
    if name.startswith(RESERVED_PREFIX):
        raise EsgxbrlError(f"'{name}': names starting with {RESERVED_PREFIX} are reserved for writing safely")


def _refuse_folders_in_the_way(folder: Path, files: Mapping[str, bytes]) -> None:
    blocked = [name for name in files if (folder / name).is_dir() and not (folder / name).is_symlink()]
    if blocked:
        raise EsgxbrlError(f"{folder / blocked[0]} is a folder; move it away or choose another output folder")


def _stage(folder: Path, files: Mapping[str, bytes]) -> Path:
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
    except OSError as exc:
        raise EsgxbrlError(f"could not write to {folder}: {exc.strerror or exc}") from None
    try:
        for name, content in files.items():
            _write_staged(staging / name, content)
        _fsync_folder(staging)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise EsgxbrlError(f"could not write to {folder}: {exc.strerror or exc}") from None
    return staging


def _write_staged(path: Path, content: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())
    # the mode asked of os.open is narrowed by the umask; published documents are meant to be read
    os.chmod(path, 0o644)


def _commit(folder: Path, staging: Path, names: list[str]) -> None:
    journal = json.dumps({"staging": staging.name, "files": names}, ensure_ascii=False).encode()
    try:
        # the journal is written inside the staging folder and renamed out: it appears whole or not at all
        _write_staged(staging / JOURNAL, journal)
        os.replace(staging / JOURNAL, folder / JOURNAL)
        _fsync_folder(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            (folder / JOURNAL).unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        raise EsgxbrlError(f"could not write to {folder}: {exc.strerror or exc}") from None


def _roll_forward(folder: Path) -> None:
    staging_name, names = _read_journal(folder)
    staging = folder / staging_name
    for name in names:
        staged = staging / name
        # after a crash part-way, some files are already in place: moving the rest is what is left
        if staged.exists():
            _move_into_place(staged, folder / name)
    _fsync_folder(folder)
    shutil.rmtree(staging, ignore_errors=True)
    (folder / JOURNAL).unlink()
    _fsync_folder(folder)


def _move_into_place(staged: Path, final: Path) -> None:
    os.replace(staged, final)


def _read_journal(folder: Path) -> tuple[str, list[str]]:
    path = folder / JOURNAL
    try:
        content = json.loads(path.read_bytes())
        staging, names = content["staging"], content["files"]
        valid = (isinstance(staging, str) and staging.startswith(STAGING_PREFIX) and "/" not in staging
                 and isinstance(names, list) and all(isinstance(n, str) for n in names))
    except (ValueError, KeyError, TypeError):
        valid = False
    if not valid:
        raise EsgxbrlError(f"{path} was not written by esgxbrl; move it away and export again")
    for name in names:
        _check_name(name)
    return staging, names


def _fsync_folder(folder: Path) -> None:
    # a rename is durable only once its folder is flushed; Windows cannot open a folder to flush it
    if sys.platform == "win32":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder, so two exports into it take turns."""
    if sys.platform == "win32":
        yield
        return
    import fcntl

    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)
