"""The review list: reports held out of the warehouse or flagged, what failed, and the fix to write.

Read from the published warehouse (ingest_log, dim_report, dq_results), the staging (the values as
parsed, with their pages) and the correction files (which of them no longer apply).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from jixiao.core.contract import LEVEL1_VALUES
from jixiao.core.settings import Settings
from jixiao.extract.model import ParsedReport
from jixiao.extract.values import parse_value
from jixiao.ingestion.quarantine import Corrections
from jixiao.quality.catalog import check_parameters
from jixiao.quality.screen import Failure, screen
from jixiao.staging import store as staging
from jixiao.warehouse.normalize import to_frames


@dataclass(frozen=True)
class Finding:
    """One value that failed a check: where it is in the report and the correction line that fixes it."""

    check: str
    field: str  # the correction-file key: fiscal_year, self_score, indicators.7.level1, ...
    value: str
    expected: str
    page: int | None
    proposal: Any  # the value the prefilled correction line sets
    note: str = ""  # why that value, or what to check


@dataclass
class ReviewItem:
    """One report a reviewer should look at."""

    kind: str  # "quarantined" | "flagged"
    source_file: str
    sha256: str
    reason: str
    findings: list[Finding] = field(default_factory=list)

    def correction_yaml(self) -> str:
        """A correction file, prefilled with the values that would let the report pass."""
        lines = [f"source_sha256: {self.sha256}", f'reason: "{self.kind}: check against the printed report"']
        proposals = {f.field: f for f in self.findings}
        if not proposals:
            return "\n".join([*lines, "set: {}  # add the fields to correct (see docs/warehouse.md)"])
        lines.append("set:")
        for name, f in proposals.items():
            note = (
                f"  # read {f.value}"
                + (f"; {f.note}" if f.note else "")
                + (f" (page {f.page})" if f.page else "")
            )
            lines.append(f"  {name}: {_yaml_scalar(f.proposal)}{note}")
        return "\n".join(lines)


@dataclass
class Review:
    """Everything ``jixiao review`` shows."""

    warehouse: Path
    items: list[ReviewItem]
    stale_corrections: list[str]  # corrections that no longer apply, one sentence each
    corrections_dir: Path


def _yaml_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return '"' + str(value).replace('"', '\\"') + '"'


def _year_guess(report: ParsedReport, settings_year: int) -> tuple[int, str]:
    for text in (report.source_file, report.title):
        for year in re.findall(r"(?<!\d)(20\d\d)(?!\d)", text):
            if 2000 <= int(year) <= settings_year + 1 and int(year) != report.fiscal_year:
                return int(year), "the year in the " + (
                    "file name" if text == report.source_file else "title"
                )
    return settings_year - 1, "last year: check the printed year"


def _score_guess(score: float) -> tuple[float | None, str]:
    text = f"{score:g}"
    if score > 100 and 0 <= float(text[1:]) <= 100:  # a digit too many: 196.66 for 96.66
        return float(text[1:]), "a digit too many?"
    return None, "check the printed score"


def _findings(report: ParsedReport, failure: Failure, year: int) -> list[Finding]:
    """Where ``failure``'s values are in ``report``, with a proposed value for each."""
    column, check, expected = failure.column, failure.check, failure.expected
    if column == "fiscal_year":
        guess, note = _year_guess(report, year)
        return [Finding(check, "fiscal_year", str(report.fiscal_year), expected, 1, guess, note)]
    if column == "self_score" and report.evaluation.self_score is not None:
        guess, note = _score_guess(report.evaluation.self_score)
        return [
            Finding(
                check,
                "self_score",
                f"{report.evaluation.self_score:g}",
                expected,
                report.evaluation.page,
                guess,
                note,
            )
        ]
    if column in ("level1", "level2"):
        values = {str(v) for v in failure.values}
        note = "null: the table has no hierarchy" + (
            f", or one of {', '.join(LEVEL1_VALUES)}" if column == "level1" else ""
        )
        return [
            Finding(
                check,
                f"indicators.{row.row_no}.{column}",
                getattr(row, column),
                expected,
                row.page,
                None,
                note,
            )
            for row in report.indicators
            if getattr(row, column) in values
        ]
    if column == "target_op":
        values = {str(v) for v in failure.values}
        return [
            Finding(
                check,
                f"indicators.{row.row_no}.target_op",
                str(row.target.op),
                expected,
                row.page,
                parse_value(row.target.text).op,
                f"target printed {row.target.text}",
            )
            for row in report.indicators
            if row.target.op in values
        ]
    if column == "amount_wan_yuan":
        return [
            Finding(check, f"finance.{fig.item_code}", "null", expected, fig.page, None, "the amount in 万元")
            for fig in report.finance
            if fig.amount_wan_yuan is None
        ]
    values = ", ".join(map(str, failure.values))
    return [Finding(check, column, values, expected, None, None, "see docs/warehouse.md for the field")]


def _quarantined(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    return con.execute(
        "select source_sha256, arg_max(source_file, ingested_at), arg_max(reason, ingested_at) "
        "from ingest_log where status = 'quarantined' group by 1 order by 2"
    ).fetchall()


def _flagged(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(sha256, file, what disagrees) of each report whose extraction self-checks flagged it."""
    rows = con.execute(
        "select source_sha256, source_file, self_checks from dim_report "
        "where extraction = 'flagged' order by 2"
    ).fetchall()
    out = []
    for sha, name, self_checks in rows:
        details = con.execute(
            "select check_name || ': ' || details from dq_results where not success and "
            "severity <> 'blocking' and position(? in details) > 0 order by 1",
            [name],
        ).fetchall()
        found = [line for line in (self_checks or "").splitlines() if line.strip()] + [d for (d,) in details]
        out.append((sha, name, "; ".join(found) or "the extraction self-checks disagree"))
    return out


def build_review(settings: Settings) -> Review:
    """The review list of the warehouse ``settings.warehouse`` (raises FileNotFoundError when absent)."""
    if not settings.warehouse.is_file():
        raise FileNotFoundError(
            f"no warehouse at {settings.warehouse}; run `jixiao ingest` first or pass --warehouse."
        )
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        quarantined, flagged = _quarantined(con), _flagged(con)
    version = staging.default_parser().version
    staged = set(staging.report_departments(settings, version))
    fixes = Corrections.load(settings, staged)
    year = datetime.now(UTC).year
    params = check_parameters(settings.yoy_factor, year)
    items = []
    for sha, name, reason in quarantined:
        item = ReviewItem("quarantined", name, sha, reason or "")
        record = staging.cached_record(sha, settings, version)
        record = fixes.apply(record) if record is not None else None
        if record is not None and record.report is not None:
            frames = to_frames([record], [])
            for failures in screen(frames, params).values():
                for failure in failures:
                    for finding in _findings(record.report, failure, year):
                        if all(f.field != finding.field for f in item.findings):
                            item.findings.append(finding)
        items.append(item)
    items += [ReviewItem("flagged", name, sha, reason) for sha, name, reason in flagged]
    for sha in list(fixes.by_sha):  # corrections of reports not read above are checked too
        record = staging.cached_record(sha, settings, version)
        if record is not None:
            fixes.apply(record)
    stale = fixes.problems + [
        f"{u}: the parse already reads it, the correction is no longer needed" for u in fixes.unneeded
    ]
    return Review(settings.warehouse, items, stale, settings.corrections_dir)


def format_review(review: Review) -> str:
    """The review list as plain text."""
    quarantined = sum(i.kind == "quarantined" for i in review.items)
    flagged = len(review.items) - quarantined
    lines = [
        f"Review list for {review.warehouse}: {quarantined} quarantined, {flagged} flagged, "
        f"{len(review.stale_corrections)} correction(s) that no longer apply.",
        f"Correction files go in {review.corrections_dir}/ (one YAML file per report); "
        "the next `jixiao ingest` applies them without re-parsing.",
    ]
    for item in review.items:
        lines += ["", f"{item.kind.upper()}: {item.source_file} (sha256 {item.sha256})", f"  {item.reason}"]
        for f in item.findings:
            page = f" on page {f.page}" if f.page else ""
            lines.append(f"  - {f.check}: {f.field} = {f.value}{page} (expected {f.expected})")
        stem = Path(item.source_file).stem
        lines.append(f"  Prefilled correction file ({review.corrections_dir / (stem + '.yaml')}):")
        lines += [f"    {line}" for line in item.correction_yaml().splitlines()]
    if review.stale_corrections:
        lines += ["", "Corrections that no longer apply:"]
        lines += [f"  - {s}" for s in review.stale_corrections]
    if not review.items and not review.stale_corrections:
        lines += ["", "Nothing to review."]
    return "\n".join(lines)
