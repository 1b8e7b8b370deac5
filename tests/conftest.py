"""Fixtures shared across test modules: the Lufax report loaded and exported once per run, the CLI, and an
empty workbook under the Code."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from esgxbrl.cli.app import app as cli_app
from esgxbrl.model.loaded import LoadedReport
from esgxbrl.preparer.export import export
from esgxbrl.preparer.load import load_report
from workbook_support import init_workbook

ROOT = Path(__file__).resolve().parents[1]
LUFAX = ROOT / "examples" / "lufax" / "2023.yaml"


@pytest.fixture(scope="session")
def lufax() -> LoadedReport:
    return load_report(LUFAX)


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every document `esgxbrl export` writes for the Lufax report (read-only: copy before changing)."""
    out = tmp_path_factory.mktemp("lufax-published")
    export(LUFAX, out)
    return out


@pytest.fixture(scope="session")
def app() -> typer.Typer:
    return cli_app


@pytest.fixture
def code_template(app: typer.Typer, tmp_path: Path) -> Path:
    """An empty workbook under the 2025 Code, in English, to fill in."""
    return init_workbook(app, tmp_path / "code.xlsx", "--guide", "hkex-esg-code-2025")
