"""Build the whole warehouse into ``<warehouse>.next-<run id>`` beside the target, ready to publish."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from jixiao.core.faults import crash_point
from jixiao.core.settings import Settings

# re-exported (the build is where callers look for them): the candidate files and the no-op's append
from jixiao.warehouse.candidates import candidate_path as candidate_path
from jixiao.warehouse.candidates import candidate_runs as candidate_runs
from jixiao.warehouse.candidates import fsync_file, remove_candidate
from jixiao.warehouse.candidates import sweep_candidates as sweep_candidates
from jixiao.warehouse.ingestlog import append_ingest_log as append_ingest_log
from jixiao.warehouse.keys import department_key
from jixiao.warehouse.normalize import COLUMNS, TABLES
from jixiao.warehouse.schema import model_sql

VIEWS: tuple[str, ...] = ("v_department_year", "v_indicator_yoy", "v_finance_yoy")
# Year-over-year rows computed once per build (schema "mart"); the v_*_yoy views select from them.
MARTS: tuple[str, ...] = ("mart_indicator_yoy", "mart_finance_yoy")


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


# Rows handed to DuckDB per insert: the prepared copy of a frame never holds a whole large table.
INSERT_BATCH_ROWS = 50_000
# DuckDB's memory while it builds: beyond it, DuckDB spills to a temporary file beside the candidate.
# Its key indexes must stay in memory, about 1 MB per 1,000 reports, so the limit grows past the
# floor with the corpus (JIXIAO_DUCKDB_MEMORY_MB overrides it).
BUILD_MEMORY_FLOOR_MB = 128
BUILD_MEMORY_MB_PER_1000_REPORTS = 1.5


def build_memory_mb(reports: int, configured: int | None = None) -> int:
    """DuckDB's memory limit for building a warehouse of ``reports`` reports (``configured`` wins)."""
    if configured is not None:
        return configured
    return max(BUILD_MEMORY_FLOOR_MB, round(reports / 1000 * BUILD_MEMORY_MB_PER_1000_REPORTS))


def _insert(con: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame) -> None:
    """Append ``df`` to ``table`` through a registered frame, in batches (values bound, never formatted)."""
    columns = ", ".join(COLUMNS[table])
    for start in range(0, len(df), INSERT_BATCH_ROWS):
        con.register("frame_to_load", _prepared(table, df.iloc[start : start + INSERT_BATCH_ROWS]))
        try:
            con.execute(f"insert into {table} ({columns}) select {columns} from frame_to_load")
        finally:
            con.unregister("frame_to_load")


class Candidate:
    """A warehouse being built into ``<target>.next-<run id>``: the tables are created empty, parts of them
    are appended with :meth:`add` (a rebuild adds one partition of reports at a time), and :meth:`finish`
    creates the marts and views, checkpoints, closes and fsyncs the file. Leaving the ``with`` block
    without finishing (an error, a failed check) deletes the file.

    With ``from_published`` the candidate starts as a copy of the published ``target`` instead (an
    incremental publish): :meth:`delete_departments` then removes the rows that are built again.
    """

    def __init__(
        self,
        target: Path,
        memory_mb: int = BUILD_MEMORY_FLOOR_MB,
        run_id: str | None = None,
        *,
        from_published: bool = False,
    ) -> None:
        self.target = Path(target)
        self.memory_mb = memory_mb
        self.path = candidate_path(self.target, run_id)
        self.from_published = from_published
        self._con: duckdb.DuckDBPyConnection | None = None
        self._finished = False

    def __enter__(self) -> Candidate:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._discard()
        try:
            if self.from_published:
                shutil.copyfile(self.target, self.path)
            self._con = _connect(self.path, self.memory_mb)
            if not self.from_published:
                for table in TABLES:
                    self._con.execute(model_sql(table))
        except BaseException:
            self._discard()
            raise
        return self

    def delete_departments(self, department_keys: Sequence[int], tables: Sequence[str]) -> None:
        """Delete the rows of ``department_keys`` from ``tables`` (each has a department_key column)."""
        assert self._con is not None, "use Candidate in a with block"
        keys = sorted({int(k) for k in department_keys})
        for table in tables:
            self._con.execute(
                f"delete from {table} where department_key in (select unnest(?::bigint[]))", [keys]
            )

    def delete_where(self, table: str, condition: str, params: Sequence[Any] = ()) -> None:
        """Delete the rows of ``table`` that meet ``condition`` (SQL, values bound as ``params``)."""
        assert self._con is not None, "use Candidate in a with block"
        self._con.execute(f"delete from {table} where {condition}", list(params))

    def replace(self, frames: dict[str, pd.DataFrame]) -> None:
        """Empty each table of ``frames`` and fill it with its frame."""
        assert self._con is not None, "use Candidate in a with block"
        for table in frames:
            self._con.execute(f"delete from {table}")
        self.add(frames, tuple(frames))

    def query(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """The result of one query on the candidate, as a frame."""
        assert self._con is not None, "use Candidate in a with block"
        return self._con.execute(sql, list(params)).df()

    def add(self, frames: dict[str, pd.DataFrame], tables: Sequence[str] = TABLES) -> None:
        """Append the frames of ``tables`` (missing or empty ones are skipped)."""
        assert self._con is not None, "use Candidate in a with block"
        for table in tables:
            df = frames.get(table)
            if df is not None and not df.empty:
                _insert(self._con, table, df)
        self._con.execute("checkpoint")  # the part is on disk: DuckDB may evict its buffers

    def finish(self, changed_departments: Collection[str] | None = None) -> Path:
        """Create the marts and views, checkpoint, close and fsync; return the candidate's path.

        A copy of the published warehouse keeps its views and marts, and only the mart rows of
        ``changed_departments`` (department names; None: every department) are computed again.
        """
        assert self._con is not None, "use Candidate in a with block"
        crash_point("build.tables_loaded")  # fault injection (tests only)
        self._con.close()  # a fresh connection holds none of the tables' buffers while the marts are made
        self._con = _connect(self.path, self.memory_mb)
        if self.from_published and changed_departments is not None:
            for model in MARTS:
                _refresh_mart(self._con, model, sorted(changed_departments))
        else:
            if self.from_published:  # the copy holds the published marts and views: made again below
                for view in VIEWS:
                    self._con.execute(f"drop view if exists {view}")
                self._con.execute("drop schema if exists mart cascade")
            for model in (*MARTS, *VIEWS):
                self._con.execute(model_sql(model))
        self._con.execute("checkpoint")
        self._con.close()
        self._con = None
        crash_point("build.before_fsync")  # fault injection (tests only)
        fsync_file(self.path)
        self._finished = True
        return self.path

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if not self._finished:
            self._discard()

    def _discard(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
        remove_candidate(self.path)


_MART_QUERY = re.compile(r"^create table (mart\.\w+) as\n(.*?);$", re.S | re.M)


def _refresh_mart(con: duckdb.DuckDBPyConnection, model: str, departments: list[str]) -> None:
    """Compute the rows of mart ``model`` again for ``departments`` (names) only.

    A mart's rows of one department come from that department's current reports alone (its window
    partitions hold one department's rows: finance items by department_key, indicator codes are
    a department's own), so the model's query over dim_report restricted to those departments gives
    exactly their rows of a full build.
    """
    match = _MART_QUERY.search(model_sql(model))
    if match is None:
        raise ValueError(f"warehouse/sql/{model}.sql has no `create table mart.… as` query")
    table, query = match.groups()
    con.execute(f"delete from {table} where department_name in (select unnest(?::varchar[]))", [departments])
    con.execute(
        f"insert into {table} with dim_report as (select * from dim_report "
        "where department_key in (select unnest(?::bigint[]))) "
        f"select * from ({query})",
        [[department_key(name) for name in departments]],
    )


def _connect(path: Path, memory_mb: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    con.execute(f"set memory_limit = '{int(memory_mb)}MB'")
    return con


def build_candidate(frames: dict[str, pd.DataFrame], settings: Settings, run_id: str | None = None) -> Path:
    """Build tables and views from whole frames into run ``run_id``'s candidate (see :class:`Candidate`)."""
    reports = len(frames.get("dim_report", ()))
    memory_mb = build_memory_mb(reports, settings.duckdb_memory_mb)
    with Candidate(settings.warehouse, memory_mb, run_id) as candidate:
        candidate.add(frames)
        return candidate.finish()


def read_ingest_log(path: Path) -> list[dict[str, Any]]:
    """The ingest_log rows of an existing warehouse (read-only); empty when it is missing or unreadable."""
    if not Path(path).is_file():
        return []
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            frame = con.execute("select * from ingest_log").df()
    except duckdb.Error:
        return []  # not a warehouse we can read: nothing to carry over
    return log_records(frame)


def log_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """ingest_log rows read from a warehouse, as rows (nulls None) for ``normalize.ingest_log_frame``."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")
