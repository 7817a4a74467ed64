"""Build the whole warehouse into ``<warehouse>.next`` beside the target, ready to publish."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from jixiao.config import Settings
from jixiao.faults import crash_point
from warehouse.normalize import COLUMNS, TABLES, frame, ingest_log_rows
from warehouse.publish import fsync_dir

VIEWS: tuple[str, ...] = ("v_department_year", "v_indicator_yoy", "v_finance_yoy")
# Year-over-year rows computed once per build (schema "mart"); the v_*_yoy views select from them.
MARTS: tuple[str, ...] = ("mart_indicator_yoy", "mart_finance_yoy")


def model_sql(name: str) -> str:
    """The SQL of one model (``warehouse/sql/<name>.sql``), read as package data."""
    return resources.files("warehouse").joinpath("sql", f"{name}.sql").read_text(encoding="utf-8")


def candidate_path(target: Path) -> Path:
    """Where the candidate for ``target`` is built: the same directory, so publishing is one rename."""
    return target.with_name(target.name + ".next")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _prepared(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """The frame restricted to the table's columns (missing ones null), nested values as JSON text."""
    out = pd.DataFrame(index=df.index)
    for column in COLUMNS[table]:
        if column in df.columns:
            series = df[column]
            out[column] = series.map(_jsonable) if series.dtype == object else series
        else:
            out[column] = None
    return out.reset_index(drop=True)


def load_frames(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> None:
    """Create every table from its SQL file and insert its frame (values bound, never formatted into SQL)."""
    for table in TABLES:
        con.execute(model_sql(table))
        df = frames.get(table)
        if df is None or df.empty:
            continue
        _insert(con, table, df)


def _insert(con: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame) -> None:
    """Append ``df`` to ``table`` through a registered frame (values bound, never formatted into SQL)."""
    columns = ", ".join(COLUMNS[table])
    con.register("frame_to_load", _prepared(table, df))
    try:
        con.execute(f"insert into {table} ({columns}) select {columns} from frame_to_load")
    finally:
        con.unregister("frame_to_load")


def _fsync(candidate: Path) -> None:
    """Flush the closed candidate file and its directory entry to disk."""
    fd = os.open(candidate, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(candidate.parent)


def append_ingest_log(
    target: Path, log_rows: Sequence[dict[str, Any]]
) -> tuple[Path, pd.DataFrame, dict[str, int], list[dict[str, Any]]]:
    """Copy the published ``target`` to its candidate and append ``log_rows`` (one run's) to its ingest_log.

    Statuses are resolved as a rebuild would (a re-issued report's rows become ``superseded``, using
    the warehouse's own dim_report). Returns the candidate (checkpointed, closed, fsynced), the rows
    as appended, the row count of every table, and the failed warning checks of its dq_results.
    """
    candidate = candidate_path(target)
    for stale in (candidate, candidate.with_name(candidate.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
    shutil.copyfile(target, candidate)
    con = duckdb.connect(str(candidate))
    try:
        newer = con.execute(
            "select old.source_sha256, new.source_file from dim_report as old "
            "inner join dim_report as new on new.report_key = old.superseded_by"
        ).fetchall()
        rows = frame("ingest_log", ingest_log_rows(log_rows, dict(newer)))
        _insert(con, "ingest_log", rows)
        counts = {table: con.execute(f"select count(*) from {table}").fetchone()[0] for table in TABLES}
        warnings = con.execute(
            "select * from dq_results where severity <> 'blocking' and not success order by rowid"
        ).df()
        con.execute("checkpoint")
    except BaseException:
        con.close()
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
        raise
    con.close()
    _fsync(candidate)
    failed = warnings.astype(object).where(warnings.notna(), None).to_dict("records")
    return candidate, rows, counts, failed


def build_candidate(frames: dict[str, pd.DataFrame], settings: Settings) -> Path:
    """Build tables and views into ``<warehouse>.next``, checkpoint, close and fsync it; return its path."""
    target = settings.warehouse
    target.parent.mkdir(parents=True, exist_ok=True)
    candidate = candidate_path(target)
    for stale in (candidate, candidate.with_name(candidate.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
    con = duckdb.connect(str(candidate))
    try:
        load_frames(con, frames)
        crash_point("build.tables_loaded")  # fault injection (tests only)
        for model in (*MARTS, *VIEWS):
            con.execute(model_sql(model))
        con.execute("checkpoint")
    except BaseException:
        con.close()
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
        raise
    con.close()
    crash_point("build.before_fsync")  # fault injection (tests only)
    _fsync(candidate)
    return candidate


def read_ingest_log(path: Path) -> list[dict[str, Any]]:
    """The ingest_log rows of an existing warehouse (read-only); empty when it is missing or unreadable."""
    if not Path(path).is_file():
        return []
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            frame = con.execute("select * from ingest_log").df()
    except duckdb.Error:
        return []  # not a warehouse we can read: nothing to carry over
    frame = frame.astype(object).where(frame.notna(), None)
    return frame.to_dict("records")
