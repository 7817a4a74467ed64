"""Publish a built candidate over the live warehouse with one atomic rename."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from jixiao.core.faults import crash_point


def fsync_dir(directory: Path) -> None:
    """Flush a directory entry to disk so a rename survives a crash."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class NotAWarehouseError(ValueError):
    """The target path holds something that is not a jixiao warehouse; it must never be replaced."""


# A DuckDB database file has this magic at byte 8; a jixiao warehouse has these tables.
_DUCKDB_MAGIC = b"DUCK"
_WAREHOUSE_TABLES = ("dim_report", "ingest_log")


def check_target(target: Path) -> None:
    """Raise NotAWarehouseError unless ``target`` is absent or a jixiao warehouse that may be replaced."""
    target = Path(target)
    if not os.path.lexists(target):
        return
    if target.is_dir():
        raise NotAWarehouseError(
            f"{target} is a folder; give the warehouse a file name, e.g. {target / 'jixiao.duckdb'}."
        )
    refusal = (
        f"{target} exists and is not a jixiao warehouse ({{}}); it is left as it is. "
        "Give --warehouse (or JIXIAO_WAREHOUSE) a new file name or an existing warehouse."
    )
    try:
        with open(target, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise NotAWarehouseError(refusal.format(f"it cannot be read: {exc.strerror or exc}")) from exc
    if head[8:12] != _DUCKDB_MAGIC:
        raise NotAWarehouseError(refusal.format("not a DuckDB file"))
    try:
        with duckdb.connect(str(target), read_only=True) as con:
            tables = {
                name for (name,) in con.execute("select table_name from information_schema.tables").fetchall()
            }
    except duckdb.Error as exc:
        raise NotAWarehouseError(refusal.format(f"it cannot be opened: {str(exc).splitlines()[0]}")) from exc
    missing = [t for t in _WAREHOUSE_TABLES if t not in tables]
    if missing:
        raise NotAWarehouseError(refusal.format(f"a DuckDB file without {', '.join(missing)}"))


def publish(candidate: Path, target: Path) -> None:
    """Move ``candidate`` onto ``target`` atomically (``os.replace``), then fsync the directory.

    A reader holding the old file open keeps reading the old file until it reconnects; no
    reader ever sees half a warehouse.
    """
    candidate, target = Path(candidate), Path(target)
    if not candidate.is_file():
        raise FileNotFoundError(f"No candidate warehouse at {candidate}; build one before publishing.")
    if candidate.resolve().parent != target.resolve().parent:
        raise ValueError(
            f"The candidate {candidate} must be in the same directory as {target} to publish atomically."
        )
    check_target(target)
    crash_point("publish.before_replace")  # fault injection (tests only)
    os.replace(candidate, target)
    crash_point("publish.after_replace")  # fault injection (tests only)
    fsync_dir(target.resolve().parent)
