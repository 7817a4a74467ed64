"""The figures the HTML report shows, read from the warehouse through contract names only."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

Row = dict[str, Any]

DEPARTMENT_YEARS_SQL = """
select department_name, region, fiscal_year, report_type, self_score, grade,
       expenditure_total, expenditure_basic, expenditure_project, sangong_total,
       indicator_count, indicators_achieved, achieved_rate
from v_department_year
order by department_name, fiscal_year, report_type
"""

MISSED_TARGETS_SQL = """
select d.department_name, f.fiscal_year, r.report_type, i.level1, i.level2, f.row_no,
       f.indicator_name_raw, f.target_text, f.actual_text, f.shortfall_reason,
       r.source_file, f.source_page
from fact_indicator as f
inner join dim_report as r on f.report_key = r.report_key
inner join dim_department as d on f.department_key = d.department_key
left join dim_indicator as i on f.indicator_key = i.indicator_key
where r.is_current and f.achieved = false
order by d.department_name, f.fiscal_year, r.report_type, f.row_no
"""

DQ_SQL = """
select table_name, suite, expectation, severity, success, unexpected_count, details, checked_at,
       quarantined_reports
from dq_results
order by success, severity, table_name, suite, expectation
"""

# The latest outcome of every input file; a file rejected once and loaded later is not a problem.
REJECTED_SQL = """
with latest as (
    select source_file, source_sha256, status, reason_code, reason, ingested_at
    from ingest_log
    qualify row_number() over (partition by source_file order by ingested_at desc) = 1
)
select source_file, reason_code, reason, ingested_at
from latest
where status = 'rejected'
order by source_file
"""

# Reports held out of the warehouse at the last publish (their rows all say quarantined).
QUARANTINED_SQL = """
select arg_max(source_file, ingested_at) as source_file, source_sha256, arg_max(reason, ingested_at) as reason
from ingest_log
where status = 'quarantined'
group by source_sha256
order by source_file
"""

REPORT_COUNTS_SQL = """
select count(*) filter (where is_current) as current_reports,
       count(*) filter (where not is_current) as superseded_reports,
       max(ingested_at) as last_ingested_at
from dim_report
"""


@dataclass(frozen=True)
class ReportData:
    """Everything the report renders, as plain rows (column name → value)."""

    department_years: list[Row]
    missed_targets: list[Row]
    dq_results: list[Row]
    rejected_files: list[Row]
    counts: Row
    quarantined: list[Row] = field(default_factory=list)

    @property
    def departments(self) -> list[str]:
        """Every department with a current report, sorted."""
        return sorted({row["department_name"] for row in self.department_years})

    @property
    def years(self) -> list[int]:
        """Every fiscal year with a current report, ascending."""
        return sorted({row["fiscal_year"] for row in self.department_years})


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[Row]:
    cursor = con.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def load_report_data(warehouse: Path) -> ReportData:
    """Read the report's figures from ``warehouse`` over a read-only connection."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return ReportData(
            department_years=_rows(con, DEPARTMENT_YEARS_SQL),
            missed_targets=_rows(con, MISSED_TARGETS_SQL),
            dq_results=_rows(con, DQ_SQL),
            rejected_files=_rows(con, REJECTED_SQL),
            counts=_rows(con, REPORT_COUNTS_SQL)[0],
            quarantined=_rows(con, QUARANTINED_SQL),
        )
