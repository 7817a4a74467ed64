"""Staged records and ingest-log rows → one pandas frame per warehouse table (contract version 2).

Pure and deterministic: the same records always give the same frames, keys included, so a
rebuild changes nothing that did not change. Re-issued reports (and the same report in several
formats) are resolved here: for one department, fiscal year and report type one file is current
(see ``_resolve_reissues``) and the others are superseded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import pandas as pd

from jixiao.extract.model import FINANCE_ITEMS, SOURCE_FORMATS
from jixiao.staging.store import StageRecord
from jixiao.warehouse import keys
from jixiao.warehouse.indicator_match import match_indicators
from jixiao.warehouse.ingestlog import log_row_key, resolve_rows
from jixiao.warehouse.schema import column_dtypes

# Column order and dtype of every table, read from warehouse/sql (keys int64, nullable integers Int64,
# booleans "boolean", money Decimal objects (exact), other numbers float64 (NaN is null)).
COLUMNS: dict[str, dict[str, str]] = column_dtypes()
TABLES: tuple[str, ...] = tuple(COLUMNS)
# Preference between formats of the same report: higher is preferred (see _resolve_reissues).
_FORMAT_RANK: dict[str, int] = {fmt: len(SOURCE_FORMATS) - i for i, fmt in enumerate(SOURCE_FORMATS)}


def frame(table: str, rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """A frame for ``table`` with the contract's columns, in order, with the warehouse dtypes."""
    rows = list(rows)
    return _typed(table, {column: [row.get(column) for row in rows] for column in COLUMNS[table]})


def column_frame(table: str, rows: Iterable[tuple[Any, ...]]) -> pd.DataFrame:
    """Like :func:`frame`, from row tuples in the contract's column order (no dict per row)."""
    spec = COLUMNS[table]
    columns = list(zip(*rows, strict=True)) or [() for _ in spec]
    return _typed(table, dict(zip(spec, columns, strict=True)))


def _typed(table: str, columns: dict[str, Sequence[Any]]) -> pd.DataFrame:
    data: dict[str, Any] = {}
    for column, dtype in COLUMNS[table].items():
        # built column by column from Python objects: a 63-bit key beside a null must never pass
        # through float64, which would round it
        values = list(columns[column])
        if dtype.startswith("datetime"):
            data[column] = pd.to_datetime(pd.Series(values, dtype=object), utc=True, format="ISO8601").astype(
                dtype
            )
        elif dtype == "object":
            data[column] = pd.Series(values, dtype=object)
        else:
            data[column] = pd.Series(pd.array(values, dtype=dtype))
    return pd.DataFrame(data, columns=list(COLUMNS[table]))


class _Indicator(NamedTuple):
    """One indicator row reduced to what the warehouse keeps (the matcher reads the first five)."""

    row_no: int
    name: str
    unit: str | None
    level1: str
    level2: str
    target_text: str
    target_op: str | None
    target_value: float | None
    actual_text: str
    actual_value: float | None
    achieved: bool | None
    weight: float | None
    score: float | None
    shortfall_reason: str | None
    page: int | None
    source_ref: str | None


@dataclass(slots=True)
class _Report:
    """One parsed report reduced to the rows it contributes: a rebuild never holds whole ParsedReports."""

    sha256: str
    key: int
    department: str  # as parsed (the matcher groups on it); stripped for the department key
    department_key: int
    region: str | None
    area: tuple[str | None, ...]  # region, province, city, county, adcode
    fiscal_year: int
    report_type: str
    first_seen_at: str
    source_file: str
    source_format: str
    row: dict[str, Any]  # its dim_report row but for is_current and superseded_by
    indicators: tuple[_Indicator, ...]
    finance: tuple[tuple[Any, ...], ...]  # (item_key, amount, page, source_text), first mention of an item
    evaluation: tuple[Any, ...]  # (self_score, grade, page)
    superseded_by: int | None = None  # report_key of the re-issue that supersedes it

    @property
    def is_current(self) -> bool:
        return self.superseded_by is None


def _reduce(rec: StageRecord) -> _Report | None:
    """The rows one staged record contributes, or None when it is not a parsed report."""
    report = rec.report
    if rec.status != "parsed" or report is None:
        return None
    key = keys.report_key(rec.sha256)
    department_key = keys.department_key(report.department.strip())
    finance = []
    seen: set[str] = set()
    for fig in report.finance:
        if fig.item_code in seen or fig.item_code not in FINANCE_ITEMS:
            continue  # the first mention of an item is the one the report states
        seen.add(fig.item_code)
        finance.append((keys.item_key(fig.item_code), fig.amount_wan_yuan, fig.page, fig.source_text or None))
    ev = report.evaluation
    return _Report(
        sha256=rec.sha256,
        key=key,
        department=report.department,
        department_key=department_key,
        region=report.region,
        area=(report.region, report.province, report.city, report.county, report.adcode),
        fiscal_year=report.fiscal_year,
        report_type=report.report_type,
        first_seen_at=rec.first_seen_at,
        source_file=rec.source_file,
        source_format=report.source_format,
        row={
            "report_key": key,
            "department_key": department_key,
            "fiscal_year": report.fiscal_year,
            "report_type": report.report_type,
            "title": report.title,
            "source_file": rec.source_file,
            "source_path": rec.source_path or rec.source_file,
            "source_sha256": rec.sha256,
            "page_count": report.page_count,
            "parser_version": rec.parser_version,
            "ingested_at": rec.first_seen_at,
            "source_format": report.source_format,
            "warnings": "\n".join(report.warnings) or None,
            "extraction": "flagged" if report.self_checks else "ok",
            "self_checks": "\n".join(report.self_checks) or None,
        },
        indicators=tuple(
            _Indicator(
                ind.row_no,
                ind.name,
                ind.unit,
                ind.level1,
                ind.level2,
                ind.target.text,
                ind.target.op,
                ind.target.number,
                ind.actual.text,
                ind.actual.number,
                ind.achieved,
                ind.weight,
                ind.score,
                ind.shortfall_reason or None,
                ind.page,
                ind.source_ref,
            )
            for ind in sorted(report.indicators, key=lambda i: i.row_no)
        ),
        finance=tuple(finance),
        evaluation=(ev.self_score, ev.grade, ev.page),
    )


def _resolve_reissues(reports: list[_Report]) -> dict[str, _Report]:
    """Mark each report current or superseded; returns sha256 → the report superseding it.

    For one department (stripped), fiscal year and report type one file is current. The same report
    is often published in several formats (the PDF, the Word file, the web page): the current file is
    of the most preferred format present (``SOURCE_FORMATS`` order: pdf, docx, xlsx, xls, html,
    pdf_ocr), and among files of that format the newest, a re-issue: later first_seen_at, then later
    file name, then larger sha256. Ingesting the formats in any order or run gives the same result.
    """
    groups: dict[tuple[str, int, str], list[_Report]] = {}
    for r in reports:
        groups.setdefault((r.department.strip(), r.fiscal_year, r.report_type), []).append(r)
    superseded: dict[str, _Report] = {}
    for members in groups.values():
        members.sort(
            key=lambda r: (_FORMAT_RANK.get(r.source_format, 0), r.first_seen_at, r.source_file, r.sha256)
        )
        newest = members[-1]
        for r in members[:-1]:
            r.superseded_by = newest.key
            superseded[r.sha256] = newest
    return superseded


def to_frames(records: Iterable[StageRecord], log_rows: Sequence[dict[str, Any]]) -> dict[str, pd.DataFrame]:
    """One frame per contract table (dq_results empty: quality fills it) from staged records and log rows.

    ``records`` is read once, in any order, and each record is reduced to its rows as it arrives, so
    an iterator (``jixiao.staging.store.iter_records``) keeps memory to the rows, not the parsed reports.
    """
    reports = [r for r in map(_reduce, records) if r is not None]
    superseded_by = _resolve_reissues(reports)
    # Current reports first, oldest year first: an indicator code is named after that wording.
    reports.sort(key=lambda r: (not r.is_current, r.fiscal_year, r.report_type, r.first_seen_at, r.key))
    codes, indicators = match_indicators(reports)
    departments = _departments(reports)
    by_key = sorted(reports, key=lambda r: r.key)
    del reports
    return {
        "dim_department": frame("dim_department", departments),
        "dim_report": frame(
            "dim_report",
            (r.row | {"is_current": r.is_current, "superseded_by": r.superseded_by} for r in by_key),
        ),
        "dim_indicator": frame(
            "dim_indicator",
            sorted(
                (
                    {
                        "indicator_key": keys.indicator_key(ind.code),
                        "indicator_code": ind.code,
                        "department_key": keys.department_key(ind.department.strip()),
                        # null where the report's table has no 一级/二级 columns (contract v2)
                        "level1": ind.level1 or None,
                        "level2": ind.level2 or None,
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
        "fact_indicator": column_frame("fact_indicator", _indicator_rows(by_key, codes)),
        "fact_finance": column_frame(
            "fact_finance",
            ((r.key, r.department_key, r.fiscal_year, *fig) for r in by_key for fig in r.finance),
        ),
        "fact_evaluation": column_frame(
            "fact_evaluation", ((r.key, r.department_key, r.fiscal_year, *r.evaluation) for r in by_key)
        ),
        "ingest_log": ingest_log_frame(log_rows, {sha: r.source_file for sha, r in superseded_by.items()}),
        "dq_results": frame("dq_results", []),
        "corrections": frame("corrections", []),  # filled by the rebuild from the correction files
    }


_AREA_COLUMNS = ("region", "province", "city", "county", "adcode")


def _departments(reports: list[_Report]) -> list[dict[str, Any]]:
    areas: dict[str, tuple[tuple[Any, ...], tuple[str | None, ...]]] = {}
    for r in reports:
        name = r.department.strip()
        # the region of the newest current report wins; a known region beats an unknown one
        rank = (r.region is not None, r.is_current, r.fiscal_year, r.first_seen_at, r.source_file, r.sha256)
        if name not in areas or rank > areas[name][0]:
            areas[name] = (rank, r.area)
    return [
        {
            "department_key": keys.department_key(name),
            "department_name": name,
            **dict(zip(_AREA_COLUMNS, area, strict=True)),
        }
        for name, (_, area) in sorted(areas.items())
    ]


def _indicator_rows(reports: list[_Report], codes: dict[tuple[str, int], str]) -> Iterator[tuple[Any, ...]]:
    """fact_indicator rows as tuples in column order."""
    for r in reports:
        for ind in r.indicators:
            yield (
                r.key,
                r.department_key,
                r.fiscal_year,
                keys.indicator_key(codes[(r.sha256, ind.row_no)]),
                ind.row_no,
                ind.name,
                ind.target_text,
                ind.target_op,
                ind.target_value,
                ind.actual_text,
                ind.actual_value,
                ind.unit,
                ind.achieved,
                ind.weight,
                ind.score,
                ind.shortfall_reason,
                ind.page,
                ind.source_ref,
            )


def ingest_log_frame(
    log_rows: Iterable[dict[str, Any]],
    newer_file: dict[str, str],
    held: Mapping[str, tuple[str, str, str]] | None = None,
) -> pd.DataFrame:
    """The ingest_log frame of ``log_rows``, given the superseding file of each superseded sha256 and
    the (status, reason_code, reason) of each report held out of the warehouse (see
    ``ingestlog.resolve_rows``)."""
    return column_frame("ingest_log", resolve_rows(log_rows, newer_file, held))


def merge_log_history(
    staged: Sequence[dict[str, Any]], previous: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The staged log rows plus the rows of a previous warehouse's ingest_log that the staging lacks.

    Staged rows are the source of truth; a previous warehouse only adds history whose staged files
    are gone (a wiped or moved staging folder), so a publish never loses ingest_log rows. A row is
    kept once however often it occurs (one input of one run seen at one microsecond is one row), so
    duplicates a race once appended are dropped by the next rebuild.
    """
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in (*staged, *previous):
        merged.setdefault(log_row_key(row), dict(row))
    return list(merged.values())
