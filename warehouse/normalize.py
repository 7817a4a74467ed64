"""Staged records and ingest-log rows → one pandas frame per warehouse table (contract version 1).

Pure and deterministic: the same records always give the same frames, keys included, so a
rebuild changes nothing that did not change. Re-issued reports are resolved here: for one
department, fiscal year and report type the newest file (later first_seen_at, then later file
name) is current and the older ones are superseded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd

from extract.model import FINANCE_ITEMS, ParsedReport
from jixiao.staging import StageRecord
from warehouse import keys
from warehouse.indicator_match import match_indicators

# Column order of every table, as in warehouse/sql. Dtypes: keys int64, nullable integers Int64,
# booleans "boolean", money Decimal objects (exact), other numbers float64 (NaN is null).
COLUMNS: dict[str, dict[str, str]] = {
    "dim_department": {"department_key": "int64", "department_name": "object", "region": "object"},
    "dim_report": {
        "report_key": "int64",
        "department_key": "int64",
        "fiscal_year": "Int64",
        "report_type": "object",
        "title": "object",
        "source_file": "object",
        "source_sha256": "object",
        "page_count": "Int64",
        "parser_version": "object",
        "ingested_at": "datetime64[us, UTC]",
        "is_current": "boolean",
        "superseded_by": "Int64",
        "warnings": "object",
    },
    "dim_indicator": {
        "indicator_key": "int64",
        "indicator_code": "object",
        "department_key": "int64",
        "level1": "object",
        "level2": "object",
        "indicator_name": "object",
        "unit": "object",
        "first_fiscal_year": "Int64",
        "last_fiscal_year": "Int64",
    },
    "dim_finance_item": {
        "item_key": "int64",
        "item_code": "object",
        "item_name": "object",
        "item_group": "object",
    },
    "fact_indicator": {
        "report_key": "int64",
        "department_key": "int64",
        "fiscal_year": "Int64",
        "indicator_key": "int64",
        "row_no": "Int64",
        "indicator_name_raw": "object",
        "target_text": "object",
        "target_op": "object",
        "target_value": "float64",
        "actual_text": "object",
        "actual_value": "float64",
        "unit": "object",
        "achieved": "boolean",
        "weight": "float64",
        "score": "float64",
        "shortfall_reason": "object",
        "source_page": "Int64",
    },
    "fact_finance": {
        "report_key": "int64",
        "department_key": "int64",
        "fiscal_year": "Int64",
        "item_key": "int64",
        "amount_wan_yuan": "object",
        "source_page": "Int64",
        "source_text": "object",
    },
    "fact_evaluation": {
        "report_key": "int64",
        "department_key": "int64",
        "fiscal_year": "Int64",
        "self_score": "float64",
        "grade": "object",
        "source_page": "Int64",
    },
    "ingest_log": {
        "run_id": "object",
        "source_file": "object",
        "source_sha256": "object",
        "status": "object",
        "reason_code": "object",
        "reason": "object",
        "ingested_at": "datetime64[us, UTC]",
    },
    "dq_results": {
        "run_id": "object",
        "checked_at": "datetime64[us, UTC]",
        "suite": "object",
        "expectation": "object",
        "table_name": "object",
        "severity": "object",
        "success": "boolean",
        "unexpected_count": "Int64",
        "details": "object",
        "check_name": "object",
    },
}
TABLES: tuple[str, ...] = tuple(COLUMNS)


@dataclass(frozen=True)
class _Report:
    record: StageRecord
    report: ParsedReport
    key: int
    department_key: int
    is_current: bool
    superseded_by: StageRecord | None


def frame(table: str, rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """A frame for ``table`` with the contract's columns, in order, with the warehouse dtypes."""
    spec = COLUMNS[table]
    rows = list(rows)
    data: dict[str, Any] = {}
    for column, dtype in spec.items():
        # built column by column from Python objects: a 63-bit key beside a null must never pass
        # through float64, which would round it
        values = [row.get(column) for row in rows]
        if dtype.startswith("datetime"):
            data[column] = pd.to_datetime(pd.Series(values, dtype=object), utc=True, format="ISO8601").astype(
                dtype
            )
        elif dtype == "object":
            data[column] = pd.Series(values, dtype=object)
        else:
            data[column] = pd.Series(pd.array(values, dtype=dtype))
    return pd.DataFrame(data, columns=list(spec))


def resolve_current(records: Sequence[StageRecord]) -> dict[str, StageRecord | None]:
    """For each parsed record's sha256: None when it is current, else the record that supersedes it."""
    groups: dict[tuple[str, int, str], list[StageRecord]] = {}
    for rec in records:
        if rec.status == "parsed" and rec.report is not None:
            r = rec.report
            groups.setdefault((r.department.strip(), r.fiscal_year, r.report_type), []).append(rec)
    result: dict[str, StageRecord | None] = {}
    for members in groups.values():
        members.sort(key=lambda rec: (rec.first_seen_at, rec.source_file, rec.sha256))
        newest = members[-1]
        for rec in members:
            result[rec.sha256] = None if rec is newest else newest
    return result


def to_frames(records: Sequence[StageRecord], log_rows: Sequence[dict[str, Any]]) -> dict[str, pd.DataFrame]:
    """One frame per contract table (dq_results empty: quality fills it) from staged records and log rows."""
    supersession = resolve_current(records)
    reports = []
    for rec in records:
        if rec.sha256 not in supersession or rec.report is None:
            continue
        report = rec.report
        reports.append(
            _Report(
                record=rec,
                report=report,
                key=keys.report_key(rec.sha256),
                department_key=keys.department_key(report.department.strip()),
                is_current=supersession[rec.sha256] is None,
                superseded_by=supersession[rec.sha256],
            )
        )
    # Current reports first, oldest year first: an indicator code is named after that wording.
    reports.sort(
        key=lambda r: (
            not r.is_current,
            r.report.fiscal_year,
            r.report.report_type,
            r.record.first_seen_at,
            r.key,
        )
    )
    codes, indicators = match_indicators([r.report for r in reports])

    return {
        "dim_department": frame("dim_department", _departments(reports)),
        "dim_report": frame("dim_report", (_report_row(r) for r in reports)),
        "dim_indicator": frame(
            "dim_indicator",
            sorted(
                (
                    {
                        "indicator_key": keys.indicator_key(ind.code),
                        "indicator_code": ind.code,
                        "department_key": keys.department_key(ind.department.strip()),
                        "level1": ind.level1,
                        "level2": ind.level2,
                        "indicator_name": ind.name,
                        "unit": ind.unit,
                        "first_fiscal_year": ind.first_fiscal_year,
                        "last_fiscal_year": ind.last_fiscal_year,
                    }
                    for ind in indicators
                ),
                key=lambda row: row["indicator_code"],
            ),
        ),
        "dim_finance_item": frame(
            "dim_finance_item",
            (
                {"item_key": keys.item_key(code), "item_code": code, "item_name": name, "item_group": group}
                for code, (name, group) in FINANCE_ITEMS.items()
            ),
        ),
        "fact_indicator": frame("fact_indicator", _indicator_rows(reports, codes)),
        "fact_finance": frame("fact_finance", _finance_rows(reports)),
        "fact_evaluation": frame(
            "fact_evaluation",
            (
                {
                    "report_key": r.key,
                    "department_key": r.department_key,
                    "fiscal_year": r.report.fiscal_year,
                    "self_score": r.report.evaluation.self_score,
                    "grade": r.report.evaluation.grade,
                    "source_page": r.report.evaluation.page,
                }
                for r in _by_key(reports)
            ),
        ),
        "ingest_log": frame("ingest_log", _log_rows(log_rows, supersession)),
        "dq_results": frame("dq_results", []),
    }


def _by_key(reports: list[_Report]) -> list[_Report]:
    return sorted(reports, key=lambda r: r.key)


def _departments(reports: list[_Report]) -> list[dict[str, Any]]:
    regions: dict[str, tuple[tuple[bool, int, str], str | None]] = {}
    for r in reports:
        name = r.report.department.strip()
        # the region of the newest current report wins; a known region beats an unknown one
        rank = (r.report.region is not None, r.is_current, r.report.fiscal_year, r.record.first_seen_at)
        if name not in regions or rank > regions[name][0]:
            regions[name] = (rank, r.report.region)
    return [
        {"department_key": keys.department_key(name), "department_name": name, "region": region}
        for name, (_, region) in sorted(regions.items())
    ]


def _report_row(r: _Report) -> dict[str, Any]:
    return {
        "report_key": r.key,
        "department_key": r.department_key,
        "fiscal_year": r.report.fiscal_year,
        "report_type": r.report.report_type,
        "title": r.report.title,
        "source_file": r.record.source_file,
        "source_sha256": r.record.sha256,
        "page_count": r.report.page_count,
        "parser_version": r.record.parser_version,
        "ingested_at": r.record.first_seen_at,
        "is_current": r.is_current,
        "superseded_by": keys.report_key(r.superseded_by.sha256) if r.superseded_by else None,
        "warnings": "\n".join(r.report.warnings) or None,
    }


def _indicator_rows(reports: list[_Report], codes: dict[tuple[str, int], str]) -> list[dict[str, Any]]:
    rows = []
    for r in _by_key(reports):
        for ind in sorted(r.report.indicators, key=lambda i: i.row_no):
            rows.append(
                {
                    "report_key": r.key,
                    "department_key": r.department_key,
                    "fiscal_year": r.report.fiscal_year,
                    "indicator_key": keys.indicator_key(codes[(r.report.sha256, ind.row_no)]),
                    "row_no": ind.row_no,
                    "indicator_name_raw": ind.name,
                    "target_text": ind.target.text,
                    "target_op": ind.target.op,
                    "target_value": ind.target.number,
                    "actual_text": ind.actual.text,
                    "actual_value": ind.actual.number,
                    "unit": ind.unit,
                    "achieved": ind.achieved,
                    "weight": ind.weight,
                    "score": ind.score,
                    "shortfall_reason": ind.shortfall_reason or None,
                    "source_page": ind.page,
                }
            )
    return rows


def _finance_rows(reports: list[_Report]) -> list[dict[str, Any]]:
    rows = []
    for r in _by_key(reports):
        seen: set[str] = set()
        for fig in r.report.finance:
            if fig.item_code in seen or fig.item_code not in FINANCE_ITEMS:
                continue  # the first mention of an item is the one the report states
            seen.add(fig.item_code)
            rows.append(
                {
                    "report_key": r.key,
                    "department_key": r.department_key,
                    "fiscal_year": r.report.fiscal_year,
                    "item_key": keys.item_key(fig.item_code),
                    "amount_wan_yuan": fig.amount_wan_yuan,
                    "source_page": fig.page,
                    "source_text": fig.source_text or None,
                }
            )
    return rows


def _log_rows(
    log_rows: Sequence[dict[str, Any]], supersession: dict[str, StageRecord | None]
) -> list[dict[str, Any]]:
    rows = []
    for row in log_rows:
        row = {column: row.get(column) for column in COLUMNS["ingest_log"]}
        newer = supersession.get(row["source_sha256"] or "")
        if newer is not None and row["status"] in ("loaded", "unchanged"):
            row["status"] = "superseded"
            row["reason_code"] = None
            row["reason"] = (
                f"{row['source_file']} is superseded by {newer.source_file}, a later report for the same "
                "department, fiscal year and report type; only the later one is counted."
            )
        rows.append(row)
    rows.sort(key=lambda row: (_sortable_time(row["ingested_at"]), row["run_id"] or "", row["source_file"]))
    return rows


def ingest_log_rows(log_rows: Sequence[dict[str, Any]], newer_file: dict[str, str]) -> list[dict[str, Any]]:
    """``log_rows`` as ingest_log rows, given for each superseded report's sha256 the file superseding it."""
    return _log_rows(log_rows, {sha: _Newer(name) for sha, name in newer_file.items()})  # type: ignore[misc]


@dataclass(frozen=True)
class _Newer:
    source_file: str


def _sortable_time(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value or "")


def merge_log_history(
    staged: Sequence[dict[str, Any]], previous: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The staged log rows plus the rows of a previous warehouse's ingest_log that the staging lacks.

    Staged rows are the source of truth; a previous warehouse only adds history whose staged files
    are gone (a wiped or moved staging folder), so a publish never loses ingest_log rows.
    """

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        at = pd.Timestamp(row.get("ingested_at"))
        at = at.tz_localize("UTC") if at.tzinfo is None else at.tz_convert("UTC")
        return (row.get("run_id"), row.get("source_file"), row.get("source_sha256"), at)

    have = Counter(key(row) for row in staged)
    merged = list(staged)
    for row in previous:
        k = key(row)
        if have[k] > 0:
            have[k] -= 1
        else:
            merged.append(dict(row))
    return merged
