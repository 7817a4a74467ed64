"""Published reports carried forward: what the published warehouse holds and the staging does not.

A report once published stays published until a re-issue supersedes it, whatever the staging holds: a
rebuild from another working directory's staging, from a staging whose ``parsed/`` was deleted, or
after a parser upgrade that has not re-parsed every file yet, would otherwise drop it. Each such
report is rebuilt from the published warehouse's own rows into a StageRecord, so supersession,
indicator codes and checks treat it like any staged report. A report whose file is parsed again later
is read from the staging from then on.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from jixiao.extract.model import Evaluation, FinanceFigure, IndicatorRow, ParsedReport, Value
from jixiao.staging.store import StageRecord


class CarryError(ValueError):
    """The published warehouse exists but its reports cannot be read, so none can be carried forward."""


def _connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error as exc:
        raise CarryError(
            f"The published warehouse {warehouse} could not be read to carry its reports forward "
            f"({exc}); move it aside only if you mean to start a new warehouse."
        ) from exc


def published_departments(warehouse: Path) -> dict[str, str]:
    """sha256 → department name of every report in the published ``warehouse`` (empty when there is none)."""
    if not Path(warehouse).is_file():
        return {}
    with _connect(warehouse) as con:
        try:
            rows = con.execute(
                "select r.source_sha256, d.department_name from dim_report as r "
                "inner join dim_department as d using (department_key)"
            ).fetchall()
        except duckdb.Error as exc:
            raise CarryError(
                f"The published warehouse {warehouse} has no readable dim_report ({exc}); "
                "move it aside only if you mean to start a new warehouse."
            ) from exc
    return {sha: name.strip() for sha, name in rows}


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        at = value if value.tzinfo else value.replace(tzinfo=UTC)
        return at.astimezone(UTC).isoformat(timespec="microseconds")
    return str(value)


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute(
        "select column_name from information_schema.columns where table_name = ?", [table]
    ).fetchall()
    return {name for (name,) in rows}


def carried_records(warehouse: Path, shas: Collection[str]) -> dict[str, StageRecord]:
    """The reports ``shas`` of the published ``warehouse``, rebuilt from its rows as parsed StageRecords."""
    wanted = sorted(set(shas))
    if not wanted:
        return {}
    with _connect(warehouse) as con:
        con.execute("create temp table wanted as select unnest(?::varchar[]) as source_sha256", [wanted])
        have = {f"r.{c}" for c in _columns(con, "dim_report")} | {
            f"d.{c}" for c in _columns(con, "dim_department")
        }
        have |= {f"f.{c}" for c in _columns(con, "fact_indicator")}

        def optional(
            column: str, default: str = "null"
        ) -> str:  # columns a warehouse of an older build lacks
            return column if column in have else default

        pdf = "'pdf'"
        reports = con.execute(
            "select r.source_sha256, r.source_file, r.ingested_at, r.parser_version, r.title, r.page_count, "
            "r.fiscal_year, r.report_type, r.warnings, d.department_name, d.region, "
            f"{optional('r.source_path')}, {optional('r.source_format', pdf)}, "
            f"{optional('r.self_checks')}, {optional('d.province')}, {optional('d.city')}, "
            f"{optional('d.county')}, {optional('d.adcode')} "
            "from dim_report as r inner join wanted using (source_sha256) "
            "inner join dim_department as d using (department_key)"
        ).fetchall()
        indicators: dict[str, list[IndicatorRow]] = {}
        for sha, *row in con.execute(
            "select r.source_sha256, f.row_no, i.level1, i.level2, f.indicator_name_raw, f.unit, "
            "f.target_text, f.target_op, f.target_value, f.actual_text, f.actual_value, f.achieved, "
            f"f.weight, f.score, f.shortfall_reason, f.source_page, {optional('f.source_ref')} "
            "from fact_indicator as f inner join dim_report as r using (report_key) "
            "inner join wanted using (source_sha256) left join dim_indicator as i using (indicator_key) "
            "order by f.row_no"
        ).fetchall():
            no, level1, level2, name, unit, t_text, t_op, t_value, a_text, a_value, *rest = row
            achieved, weight, score, reason, page, ref = rest
            indicators.setdefault(sha, []).append(
                IndicatorRow(
                    row_no=no,
                    level1=level1,
                    level2=level2,
                    name=name,
                    unit=unit,
                    target=Value(t_text or "", t_op, t_value),
                    actual=Value(a_text or "", None, a_value),
                    achieved=achieved,
                    weight=weight,
                    score=score,
                    shortfall_reason=reason,
                    page=page,
                    source_ref=ref,
                )
            )
        finance: dict[str, list[FinanceFigure]] = {}
        for sha, code, amount, page, text in con.execute(
            "select r.source_sha256, i.item_code, f.amount_wan_yuan, f.source_page, f.source_text "
            "from fact_finance as f inner join dim_report as r using (report_key) "
            "inner join wanted using (source_sha256) inner join dim_finance_item as i using (item_key) "
            "order by i.item_code"
        ).fetchall():
            finance.setdefault(sha, []).append(FinanceFigure(code, Decimal(amount), page, text or ""))
        evaluation = {
            sha: Evaluation(score, grade, page)
            for sha, score, grade, page in con.execute(
                "select r.source_sha256, e.self_score, e.grade, e.source_page "
                "from fact_evaluation as e inner join dim_report as r using (report_key) "
                "inner join wanted using (source_sha256)"
            ).fetchall()
        }
    found: dict[str, StageRecord] = {}
    for row in reports:
        sha, name, at, version, title, pages, year, kind, warnings, department, region, path, *more = row
        source_format, self_checks, province, city, county, adcode = more
        report = ParsedReport(
            source_file=name,
            sha256=sha,
            page_count=pages,
            parser_version=version,
            department=department,
            region=region,
            fiscal_year=year,
            report_type=kind,
            title=title or "",
            indicators=tuple(indicators.get(sha, ())),
            finance=tuple(finance.get(sha, ())),
            evaluation=evaluation.get(sha, Evaluation(None, None, None)),
            warnings=tuple(warnings.split("\n")) if warnings else (),
            source_format=source_format,
            province=province,
            city=city,
            county=county,
            adcode=adcode,
            self_checks=tuple(self_checks.split("\n")) if self_checks else (),
        )
        found[sha] = StageRecord(
            sha256=sha,
            source_file=name,
            first_seen_at=_iso(at),
            parser_version=version,
            status="parsed",
            report=report,
            source_path=path,
        )
    return found
