"""What the published warehouse says about the publish that made it: run, time, rows, check results.

Read-only and cheap (a few small queries), so a Dagster sensor can poll it: it is how publishes made
by ``jixiao ingest`` outside Dagster become visible in the Dagster UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class CheckOutcome:
    """One check's result at that publish: every expectation of the check, rolled up."""

    name: str
    table: str
    severity: str
    success: bool
    expectations: int
    failed: int


@dataclass(frozen=True)
class PublishRecord:
    """The run that built and checked the published warehouse, with its row counts and checks."""

    run_id: str
    checked_at: datetime | None
    row_counts: dict[str, int] = field(default_factory=dict)
    checks: list[CheckOutcome] = field(default_factory=list)


def read_publish(warehouse: Path, tables: tuple[str, ...]) -> PublishRecord | None:
    """The record of the publish that made ``warehouse``; None when there is no readable warehouse yet."""
    if not warehouse.is_file():
        return None
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            row = con.execute("select any_value(run_id), max(checked_at) from dq_results").fetchone()
            if row is None or row[0] is None:
                return None
            counts = {t: con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}
            checks = con.execute(
                """
                select check_name, any_value(table_name), any_value(severity), bool_and(success),
                       count(*), count(*) filter (where not success)
                from dq_results where check_name is not null
                group by check_name order by check_name
                """
            ).fetchall()
    except duckdb.Error:
        return None  # being replaced right now, or not a warehouse: try again at the next tick
    return PublishRecord(
        run_id=str(row[0]),
        checked_at=row[1],
        row_counts=counts,
        checks=[CheckOutcome(*c) for c in checks],
    )
