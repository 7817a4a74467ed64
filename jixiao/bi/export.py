"""Export the published warehouse as Parquet: one file per table and view, for tools that read files."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

# Objects of the main schema, tables first; DuckDB's own catalog views live elsewhere.
_OBJECTS_SQL = """
select table_name, table_type
from information_schema.tables
where table_catalog = current_database() and table_schema = 'main'
order by table_type, table_name
"""


class ExportError(RuntimeError):
    """The warehouse cannot be exported (missing file, or a file that is not a DuckDB database)."""


def warehouse_objects(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of every table and view in the warehouse's main schema, tables first."""
    return [name for name, _ in con.execute(_OBJECTS_SQL).fetchall()]


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def export_parquet(warehouse: Path, out_dir: Path) -> dict[str, Path]:
    """Write every table and view of ``warehouse`` to ``out_dir/<name>.parquet``; return name → file.

    The warehouse is opened read-only. Each file is written under a temporary name and renamed
    into place, so a reader never sees half a file. DECIMAL columns stay DECIMAL in Parquet.
    """
    warehouse = Path(warehouse)
    if not warehouse.is_file():
        raise ExportError(f"No warehouse at {warehouse}; run `jixiao ingest` first or pass --warehouse.")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error as exc:
        raise ExportError(f"Cannot open {warehouse} as a DuckDB database: {exc}") from exc
    try:
        for name in warehouse_objects(con):
            target = out_dir / f"{name}.parquet"
            temp = out_dir / f".{name}.parquet.tmp"
            try:
                con.execute(
                    f"copy (select * from {_quote(name)}) to {_sql_string(str(temp))} "
                    "(format parquet, compression zstd)"
                )
                os.replace(temp, target)
            finally:
                temp.unlink(missing_ok=True)
            written[name] = target
    finally:
        con.close()
    return written
