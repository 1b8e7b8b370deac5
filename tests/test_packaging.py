"""Every data file the package needs at run time is declared as package data (a plain install has it)."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_data_file_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["esgxbrl"]
    package = ROOT / "src" / "esgxbrl"
    data = [p.relative_to(package).as_posix() for p in package.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert data, "the package ships data files"
    missing = [f for f in data
               if not any(fnmatch.fnmatch(f, pattern) or fnmatch.fnmatch(f, pattern.replace("**/", "*/"))
                          for pattern in patterns)]
    assert missing == []
