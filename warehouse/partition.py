"""Partitions of the warehouse by department: the unit a rebuild normalises, builds and checks at a time.

Everything that relates two reports stays inside one department: a re-issue supersedes a report of
the same department, indicator codes are matched within a department, and no check compares rows of
two departments. A partition of whole departments, with every row that refers to them, therefore
gives the same rows and the same check results as the whole warehouse, in bounded memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd

from jixiao.warehouse.keys import surrogate_key

# The most reports a partition holds (a larger department is one partition of its own): about 65 MB
# of frames per 1,000 reports (benchmarks/results.md). Partitions average a quarter of it (see
# ``partitions``): each costs the checks a fixed second or two, so not smaller.
PARTITION_REPORTS = 4_000
# Tables every partition holds whole (written and checked with the first partition only).
SHARED_TABLES: tuple[str, ...] = ("dim_finance_item",)
# Tables whose rows belong to one department's reports.
PARTITIONED_TABLES: tuple[str, ...] = (
    "dim_department",
    "dim_report",
    "dim_indicator",
    "fact_indicator",
    "fact_finance",
    "fact_evaluation",
)


def partitions(departments: dict[str, str], max_reports: int = PARTITION_REPORTS) -> list[list[str]]:
    """Keys (``key → department``) grouped whole departments at a time, departments in name order.

    A partition is closed before it would exceed ``max_reports`` (a larger department is one
    partition), and before an *anchor* department. Whether a department is an anchor depends on its
    name and size only (one in ``max_reports // 4`` reports starts a partition, on average), so a
    partition's bounds move only when a department near them changes: an incremental publish finds
    the other partitions as they were checked (``jixiao.ingestion.incremental``). Anchors are four
    times as frequent as the cap so that few partitions reach it: a partition closed by the cap moves
    the next ones' bounds up to the next anchor, and a report added there means two or more partitions
    to check again (with anchors every half cap, one added report in five did so at 10,000 reports).
    """
    by_department: dict[str, list[str]] = {}
    for key, department in sorted(departments.items()):
        by_department.setdefault(department, []).append(key)
    parts: list[list[str]] = []
    current: list[str] = []
    every = max(1, max_reports // 4)
    for department in sorted(by_department):
        keys = by_department[department]
        anchor = surrogate_key("partition", department) % every < len(keys)
        if current and (anchor or len(current) + len(keys) > max_reports):
            parts.append(current)
            current = []
        current.extend(keys)
    if current:
        parts.append(current)
    return parts


def read_partitions(path: Path, max_reports: int = PARTITION_REPORTS) -> Iterator[dict[str, pd.DataFrame]]:
    """The contract tables of a built warehouse file, one partition of departments at a time (read-only).

    Every partition holds the shared tables whole; a table missing from the file is missing from
    every partition (its schema check then says so). An empty warehouse gives one empty partition.
    """
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute("select table_name from information_schema.tables").fetchall()
        present = {row[0] for row in tables}
        shared = {t: con.execute(f'select * from "{t}"').df() for t in SHARED_TABLES if t in present}
        reports: dict[str, str] = {}
        if "dim_report" in present:
            rows = con.execute("select report_key, department_key from dim_report").fetchall()
            reports = {str(report): str(department) for report, department in rows}
        for keys in partitions(reports, max_reports) or [[]]:
            departments = sorted({int(reports[k]) for k in keys})
            frames = dict(shared)
            for table in PARTITIONED_TABLES:
                if table in present:
                    frames[table] = con.execute(
                        f'select * from "{table}" where department_key in (select unnest(?::bigint[]))',
                        [departments],
                    ).df()
            yield frames
