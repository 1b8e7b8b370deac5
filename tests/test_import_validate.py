"""`esgxbrl import` and `esgxbrl validate` on exported documents, through the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LUFAX = ROOT / "examples" / "lufax" / "2023.yaml"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "esgxbrl", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("suffix", ["xbrl", "json", "jsonld"])
def test_import_then_export_gives_the_same_instance(exported: Path, tmp_path: Path, suffix: str) -> None:
    rebuilt = tmp_path / "rebuilt.yaml"
    result = run_cli("import", str(exported / f"2023.{suffix}"), "-o", str(rebuilt))
    assert result.returncode == 0, result.stderr
    assert run_cli("export", str(rebuilt), "-o", str(tmp_path)).returncode == 0
    assert (tmp_path / "rebuilt.xbrl").read_bytes() == (exported / "2023.xbrl").read_bytes()


def test_import_never_overwrites(exported: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("keep me", encoding="utf-8")
    result = run_cli("import", str(exported / "2023.json"), "-o", str(target))
    assert result.returncode == 1 and "exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("suffix", ["xbrl", "json", "jsonld"])
def test_validate_accepts_what_export_publishes(exported: Path, suffix: str) -> None:
    result = run_cli("validate", str(exported / f"2023.{suffix}"))
    assert result.returncode == 0, result.stderr
    assert "valid, 283 facts" in result.stdout


def tampered_instance(exported: Path, folder: Path, old: str, new: str) -> Path:
    """A copy of the exported instance (with its extension schema) with one value changed."""
    for name in ("2023.xbrl", "6623-2023-extension.xsd"):
        (folder / name).write_bytes((exported / name).read_bytes())
    instance = folder / "2023.xbrl"
    instance.write_text(instance.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return instance


def test_validate_finds_a_broken_breakdown_in_an_instance(exported: Path, tmp_path: Path) -> None:
    result = run_cli("validate", str(tampered_instance(exported, tmp_path, ">19777<", ">19778<")))
    assert result.returncode == 1
    assert "parts by Gender sum to 36,216" in result.stderr and "Traceback" not in result.stderr


def test_validate_finds_a_schema_error_in_an_instance(exported: Path, tmp_path: Path) -> None:
    result = run_cli("validate", str(tampered_instance(exported, tmp_path, ">521<", ">many<")))
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_validate_rejects_a_hostile_file(tmp_path: Path) -> None:
    evil = tmp_path / "evil.xbrl"
    evil.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                    '<xbrli:xbrl xmlns:xbrli="http://www.xbrl.org/2003/instance">&e;</xbrli:xbrl>', encoding="utf-8")
    result = run_cli("validate", str(evil))
    assert result.returncode == 1 and "root:" not in result.stderr and "Traceback" not in result.stderr
