"""ingest_log rows: their final statuses, their identity, and a no-op run's append to the published file.

Free of pandas on purpose: a no-op ``jixiao ingest`` (``jixiao.ingestion.buildstate``) only appends its
rows, and must not pay a second of imports for a frame of a thousand small rows. ``normalize`` builds
the rebuild's ingest_log frame from :func:`resolve_rows`, so both paths give a row the same status.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from jixiao.core.contract import RETRACTION_CODE
from jixiao.warehouse.candidates import candidate_path, fsync_file, remove_candidate
from jixiao.warehouse.schema import column_dtypes

LOG_COLUMNS: tuple[str, ...] = tuple(column_dtypes()["ingest_log"])
_STATUS, _REASON_CODE, _REASON = (LOG_COLUMNS.index(c) for c in ("status", "reason_code", "reason"))
_AT, _RUN, _NAME = (LOG_COLUMNS.index(c) for c in ("ingested_at", "run_id", "source_file"))
_TABLES: tuple[str, ...] = tuple(column_dtypes())
# What identifies an ingest_log row: its run, input, content and time. Every writer keeps one row per
# key (``normalize.merge_log_history``, :func:`append_ingest_log`); the data-quality keys check reads it.
LOG_KEY_COLUMNS: tuple[str, ...] = ("run_id", "source_file", "source_sha256", "ingested_at")
_INSERT_ROWS = 250  # rows per INSERT … VALUES statement (parameters bound, never formatted)
# (superseded sha256, the superseding file) of a warehouse's dim_report: ``newer_file`` of resolve_rows
NEWER_FILE_SQL = (
    "select old.source_sha256, new.source_file from dim_report as old "
    "inner join dim_report as new on new.report_key = old.superseded_by"
)
# ingest_log rows of a report held out at that publish (quarantined, or retracted by a correction file)
HELD_ROWS_SQL = f"(status = 'quarantined' or reason_code = '{RETRACTION_CODE}')"


def _sortable_time(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value or "")


def resolve_rows(
    log_rows: Iterable[Mapping[str, Any]],
    newer_file: Mapping[str, str],
    held: Mapping[str, tuple[str, str, str]] | None = None,
) -> list[tuple[Any, ...]]:
    """``log_rows`` as ingest_log tuples in column order, sorted by time, statuses final.

    A loaded or unchanged row of a report in ``newer_file`` (sha256 → the superseding file's name)
    becomes superseded; one in ``held`` (sha256 → status, reason_code, reason: a quarantined or
    retracted report) takes that status.
    """
    rows = []
    held = held or {}
    for row in log_rows:
        values = [row.get(column) for column in LOG_COLUMNS]
        sha = row.get("source_sha256") or ""
        newer = newer_file.get(sha)
        if sha in held and values[_STATUS] in ("loaded", "unchanged", "quarantined"):
            values[_STATUS], values[_REASON_CODE], values[_REASON] = held[sha]
        elif newer is not None and values[_STATUS] in ("loaded", "unchanged"):
            values[_STATUS] = "superseded"
            values[_REASON_CODE] = None
            values[_REASON] = (
                f"{row.get('source_path') or row.get('source_file')} is superseded by {newer}, "
                "the current file for the same department, fiscal year and report type (a re-issue, or the "
                "same report in a preferred format); only that one is counted."
            )
        rows.append(tuple(values))
    rows.sort(key=lambda row: (_sortable_time(row[_AT]), row[_RUN] or "", row[_NAME]))
    return rows


def utc_time(value: Any) -> datetime | None:
    """An ingested_at value (ISO text, a datetime, a pandas Timestamp) as a naive UTC datetime
    (the warehouse's ``timestamp``); a naive value is taken to be UTC already."""
    if value is None or value == "":
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(str(value))
    elif hasattr(value, "to_pydatetime"):  # a pandas Timestamp (nanoseconds are not kept in the log)
        value = value.to_pydatetime()
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo is not None else value


def log_row_key(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """What identifies an ingest_log row: its :data:`LOG_KEY_COLUMNS`, the time as UTC."""
    at = utc_time(row.get("ingested_at"))  # spelled out: a no-op run keys every row of the history
    return (row.get("run_id"), row.get("source_file"), row.get("source_sha256"), at)


def append_ingest_log(
    target: Path, log_rows: Sequence[dict[str, Any]], run_id: str | None = None
) -> tuple[Path, list[dict[str, Any]], dict[str, int], list[dict[str, Any]]]:
    """Copy the published ``target`` to its candidate and append ``log_rows`` (one run's) to its ingest_log.

    Statuses are resolved as a rebuild would (a re-issued report's rows become ``superseded``, using
    the warehouse's own dim_report). Returns the candidate (checkpointed, closed, fsynced), the rows
    as appended, the row count of every table, and the failed warning checks of its dq_results.
    """
    candidate = candidate_path(target, run_id)
    remove_candidate(candidate)
    shutil.copyfile(target, candidate)
    con = duckdb.connect(str(candidate))
    try:
        newer = con.execute(NEWER_FILE_SQL).fetchall()
        # a report quarantined or retracted at the last rebuild still is: its new rows say so
        quarantined = con.execute(
            "select source_sha256, status, reason_code, reason from ingest_log "
            f"where {HELD_ROWS_SQL} "
            "qualify row_number() over (partition by source_sha256 order by ingested_at desc) = 1"
        ).fetchall()
        still = {sha: tuple(rest) for sha, *rest in quarantined}
        fields = ("run_id", "source_file", "source_sha256", "ingested_at")
        have = {
            log_row_key(dict(zip(fields, row, strict=True)))
            for row in con.execute(f"select {', '.join(fields)} from ingest_log").fetchall()
        }
        rows = resolve_rows(log_rows, dict(newer), still)
        # a rebuild that ran while this run waited for the lock may already hold some of these rows
        new = resolve_rows([r for r in log_rows if log_row_key(r) not in have], dict(newer), still)
        _insert_log(con, new)
        counts = {table: con.execute(f"select count(*) from {table}").fetchone()[0] for table in _TABLES}
        cursor = con.execute(
            "select * from dq_results where severity <> 'blocking' and not success order by rowid"
        )
        names = [d[0] for d in cursor.description]
        warnings = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        con.execute("checkpoint")
    except BaseException:
        con.close()
        remove_candidate(candidate)
        raise
    con.close()
    fsync_file(candidate)
    appended = [dict(zip(LOG_COLUMNS, row, strict=True)) for row in rows]
    for row in appended:
        row["ingested_at"] = utc_time(row["ingested_at"])
    return candidate, appended, counts, warnings


def _insert_log(con: duckdb.DuckDBPyConnection, rows: list[tuple[Any, ...]]) -> None:
    """Append ingest_log tuples (column order) in a few multi-row INSERTs."""
    columns = ", ".join(LOG_COLUMNS)
    one = "(" + ", ".join("?" * len(LOG_COLUMNS)) + ")"
    for start in range(0, len(rows), _INSERT_ROWS):
        chunk = rows[start : start + _INSERT_ROWS]
        params = [utc_time(v) if i == _AT else v for row in chunk for i, v in enumerate(row)]
        con.execute(f"insert into ingest_log ({columns}) values {', '.join([one] * len(chunk))}", params)
