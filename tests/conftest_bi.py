"""Fixtures for the BI tests: one real warehouse built by `jixiao ingest samples/reports`, once a session.

Test modules load it with ``pytest_plugins = ["conftest_bi"]`` (tests/conftest.py is shared and
not ours); pytest then registers the fixtures once, so the ingest runs once per session. Test modules
take everything from here as fixtures and never import this module, so pytest can rewrite its asserts.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from contract_v1 import CONTRACT_COLUMNS, CONTRACT_TABLES, CONTRACT_VIEWS

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "reports"


def ingest_samples(home: Path) -> Path:
    """Run the real CLI ingest of samples/reports with JIXIAO_HOME=home; return the published warehouse."""
    from jixiao.cli.app import main

    assert SAMPLES.is_dir() and any(SAMPLES.iterdir()), f"no sample reports in {SAMPLES}"
    warehouse = home / "jixiao.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        for var in ("JIXIAO_INBOX", "JIXIAO_STAGING", "JIXIAO_WAREHOUSE"):
            mp.delenv(var, raising=False)
        mp.setenv("JIXIAO_HOME", str(home))
        code: object = 0
        try:
            code = main(["ingest", str(SAMPLES), "--warehouse", str(warehouse)])
        except SystemExit as exc:
            code = exc.code
    assert code in (0, None), f"jixiao ingest samples/reports exited with {code}"
    assert warehouse.is_file(), f"jixiao ingest published nothing at {warehouse}"
    return warehouse


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published warehouse of the sample reports (treat as read-only; copy it to change it)."""
    return ingest_samples(tmp_path_factory.mktemp("bi_home"))


@pytest.fixture
def warehouse_copy(sample_warehouse: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the sample warehouse, for tests that plant data."""
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(sample_warehouse, copy)
    wal = sample_warehouse.with_name(sample_warehouse.name + ".wal")
    with contextlib.suppress(FileNotFoundError):
        shutil.copyfile(wal, copy.with_name(copy.name + ".wal"))
    return copy


@pytest.fixture(scope="session")
def contract_objects() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(tables, views) of warehouse contract version 1."""
    return CONTRACT_TABLES, CONTRACT_VIEWS


@pytest.fixture(scope="session")
def contract_columns() -> dict[str, tuple[str, ...]]:
    """Every table and view of warehouse contract version 1 → its contract columns, in order."""
    return {name: tuple(columns) for name, columns in CONTRACT_COLUMNS.items()}


@pytest.fixture(scope="session")
def sample_rows(sample_warehouse: Path) -> Callable[[str], list[tuple]]:
    """A function running one SQL query on the sample warehouse over a read-only connection."""

    def rows(sql: str) -> list[tuple]:
        with duckdb.connect(str(sample_warehouse), read_only=True) as con:
            return con.execute(sql).fetchall()

    return rows
