"""`esgxbrl export` is all-or-none: a process killed at any step leaves the old set or the new one.

The export runs in a child process that stops, waiting, right after one step of the switch (the
first file written to staging, or the first file moved into place); the test then kills it with
SIGKILL, as a crash or a power cut would, and looks at what the folder holds.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import esgxbrl
from esgxbrl.errors import EsgxbrlError
from esgxbrl.preparer.all_or_none import JOURNAL, RESERVED_PREFIX, recover, write_all_or_none
from esgxbrl.preparer.export import export

ROOT = Path(__file__).resolve().parents[1]
LUFAX = ROOT / "examples" / "lufax" / "2023.yaml"
UNRELATED = {"notes.txt": b"the board's own notes\n", "2022.xbrl": b"last year's instance\n"}

# Runs in the child: wraps one step of the writer so that, once it has run the first time, the
# child says so and waits to be killed.
CHILD = """
import sys, time
from pathlib import Path
import esgxbrl.preparer.all_or_none as writer
from esgxbrl.preparer.export import export

step, ready, report, out = sys.argv[1:]
original = getattr(writer, step)

def then_wait(*args):
    original(*args)
    Path(ready).write_text("ready")
    time.sleep(120)

setattr(writer, step, then_wait)
export(report, out)
"""


def _documents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}


def _reserved(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(RESERVED_PREFIX))


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The documents of an earlier version of the report (one figure differs) and of the current one."""
    earlier = tmp_path_factory.mktemp("earlier") / "2023.yaml"
    text = LUFAX.read_text(encoding="utf-8")
    assert text.count('value: "587.26"') == 1
    earlier.write_text(text.replace('value: "587.26"', 'value: "587.27"'), encoding="utf-8")
    old_out, new_out = tmp_path_factory.mktemp("old-set"), tmp_path_factory.mktemp("new-set")
    export(earlier, old_out)
    export(LUFAX, new_out)
    old, new = _documents(old_out), _documents(new_out)
    assert old.keys() == new.keys() and len(old) == 5
    assert all(old[name] != new[name] for name in ("2023.xbrl", "2023.json", "2023.html"))
    return old, new


def _folder_with_the_old_set(tmp_path: Path, old: dict[str, bytes]) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    for name, content in {**old, **UNRELATED}.items():
        (out / name).write_bytes(content)
    return out


def _kill_export_after_first(step: str, out: Path, tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    env = {**os.environ, "PYTHONPATH": str(Path(esgxbrl.__file__).parents[1])}
    child = subprocess.Popen([sys.executable, "-c", CHILD, step, str(ready), str(LUFAX), str(out)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not ready.exists():
        if child.poll() is not None:
            _, stderr = child.communicate()
            pytest.fail(f"the export ended before the step under test: {stderr.decode()}")
        if time.monotonic() > deadline:
            child.kill()
            pytest.fail("the export never reached the step under test")
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert child.returncode == -signal.SIGKILL


def test_killed_while_writing_leaves_the_previous_set(
        tmp_path: Path, sets: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    old, new = sets
    out = _folder_with_the_old_set(tmp_path, old)
    _kill_export_after_first("_write_staged", out, tmp_path)
    assert _documents(out) == {**old, **UNRELATED}
    assert [name.startswith(f"{RESERVED_PREFIX}tmp-") for name in _reserved(out)] == [True]

    export(LUFAX, out)
    assert _documents(out) == {**new, **UNRELATED}
    assert _reserved(out) == []


def test_killed_while_moving_into_place_rolls_forward_to_the_new_set(
        tmp_path: Path, sets: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    old, new = sets
    out = _folder_with_the_old_set(tmp_path, old)
    _kill_export_after_first("_move_into_place", out, tmp_path)
    # the switch was committed: the journal says so, and every document is whole, old or new
    assert JOURNAL in _reserved(out)
    found = _documents(out)
    assert found.keys() == {*old, *UNRELATED}
    assert all(found[name] in (old[name], new[name]) for name in new)
    staging = [out / name for name in _reserved(out) if name != JOURNAL]
    assert len(staging) == 1 and len(list(staging[0].iterdir())) == len(new) - 1

    recover(out)
    assert _documents(out) == {**new, **UNRELATED}
    assert _reserved(out) == []


def test_the_next_export_finishes_an_interrupted_switch_first(
        tmp_path: Path, sets: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    old, new = sets
    out = _folder_with_the_old_set(tmp_path, old)
    _kill_export_after_first("_move_into_place", out, tmp_path)
    export(LUFAX, out, formats=("xbrl",))
    assert _documents(out) == {**new, **UNRELATED}
    assert _reserved(out) == []


def test_an_export_of_fewer_formats_replaces_only_those(
        tmp_path: Path, sets: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    old, new = sets
    out = _folder_with_the_old_set(tmp_path, old)
    export(LUFAX, out, formats=("json",))
    expected = {**old, **UNRELATED, "2023.json": new["2023.json"], "6623-2023-extension.xsd":
                new["6623-2023-extension.xsd"]}
    assert _documents(out) == expected


def test_a_folder_in_the_way_stops_the_export_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "b.txt").mkdir()
    with pytest.raises(EsgxbrlError, match="is a folder"):
        write_all_or_none(tmp_path, {"a.txt": b"a", "b.txt": b"b"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt"]


@pytest.mark.parametrize("name", ["", "..", "sub/a.txt", f"{RESERVED_PREFIX}journal"])
def test_names_outside_the_folder_or_reserved_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(EsgxbrlError):
        write_all_or_none(tmp_path, {name: b"x"})
    assert list(tmp_path.iterdir()) == []


def test_a_journal_not_written_by_esgxbrl_is_reported_not_followed(tmp_path: Path) -> None:
    (tmp_path / JOURNAL).write_text('{"staging": "../elsewhere", "files": ["a.txt"]}')
    with pytest.raises(EsgxbrlError, match="not written by esgxbrl"):
        write_all_or_none(tmp_path, {"a.txt": b"a"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [JOURNAL]
