"""Check results: one row per evaluated GX expectation, and the dq_results frame built from them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import pandas as pd

DQ_RESULTS_COLUMNS: tuple[str, ...] = (
    "run_id",
    "checked_at",
    "suite",
    "expectation",
    "table_name",
    "severity",
    "success",
    "unexpected_count",
    "details",
    "check_name",
    "quarantined_reports",
)
_MAX_DETAIL_ROWS = 5


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one GX expectation, attributed to the check and table it belongs to."""

    run_id: str
    checked_at: datetime
    check_name: str
    suite: str
    expectation: str  # e.g. expect_column_values_to_be_unique(report_key)
    table_name: str
    severity: str  # "blocking" | "warning"
    success: bool
    unexpected_count: int | None
    details: str
    # source_sha256s (comma-separated) of the reports this failure quarantined: it did not stop the publish
    quarantined_reports: str | None = None


def results_frame(results: Iterable[CheckResult]) -> pd.DataFrame:
    """The dq_results table for ``results``: the contract's columns, plus check_name."""
    frame = pd.DataFrame([asdict(r) for r in results], columns=list(DQ_RESULTS_COLUMNS))
    return frame.astype(
        {
            "run_id": object,
            "checked_at": "datetime64[us, UTC]",
            "suite": object,
            "expectation": object,
            "table_name": object,
            "severity": object,
            "success": bool,
            "unexpected_count": "Int64",
            "details": object,
            "check_name": object,
            "quarantined_reports": object,
        }
    )


def blocking_failures(results: Iterable[CheckResult]) -> list[CheckResult]:
    """The failed results of blocking checks that quarantined no report: any of them means nothing
    may be published (a row-level failure quarantines its reports instead)."""
    return [
        r
        for r in results
        if r.severity == "blocking" and not r.success and not getattr(r, "quarantined_reports", None)
    ]


def by_check(results: Iterable[CheckResult]) -> dict[str, list[CheckResult]]:
    """Results grouped by check name."""
    grouped: dict[str, list[CheckResult]] = {}
    for r in results:
        grouped.setdefault(r.check_name, []).append(r)
    return grouped


def expectation_label(expectation_type: str, kwargs: Mapping[str, Any]) -> str:
    """``type(columns)`` for a configured expectation, with ``where <condition>`` for one restricted to
    some rows (an expectation of a column may be configured once per condition)."""
    if "column" in kwargs:
        target = str(kwargs["column"])
    elif "column_A" in kwargs:
        target = f"{kwargs['column_A']}, {kwargs['column_B']}"
    elif "column_list" in kwargs:
        target = ", ".join(map(str, kwargs["column_list"]))
    else:
        target = ""
    condition = kwargs.get("row_condition")
    if isinstance(condition, Mapping):  # as GX stores it: {"type": "pass_through", "pass_through_filter": …}
        condition = condition.get("pass_through_filter")
    return f"{expectation_type}({target})" + (f" where {condition}" if condition else "")


def _plain(value: Any) -> str:
    return str(value.item() if hasattr(value, "item") else value)


def _row(row: Mapping[str, Any]) -> str:
    return " ".join(f"{k}={_plain(v)}" for k, v in row.items())


def _exception_message(info: Mapping[str, Any] | None) -> str | None:
    if not info:
        return None
    if info.get("raised_exception"):
        return str(info.get("exception_message") or "exception").splitlines()[0]
    for value in info.values():  # GX also nests exception info per metric
        if isinstance(value, Mapping) and value.get("raised_exception"):
            return str(value.get("exception_message") or "exception").splitlines()[0]
    return None


def describe(result: Mapping[str, Any], exception_info: Mapping[str, Any] | None) -> str:
    """A short, human-readable summary of a GX expectation result: which rows failed, or what was seen."""
    error = _exception_message(exception_info)
    if error:
        return f"not evaluated: {error}"
    count = result.get("unexpected_count")
    if count:
        rows = result.get("partial_unexpected_index_list") or []
        shown = [_row(r) for r in rows[:_MAX_DETAIL_ROWS]] or [
            _plain(v) for v in (result.get("partial_unexpected_list") or [])[:_MAX_DETAIL_ROWS]
        ]
        text = f"{count} of {result.get('element_count')} rows: " + "; ".join(shown)
        if count > len(shown):
            text += f"; and {count - len(shown)} more"
        return text
    mismatched = (result.get("details") or {}).get("mismatched")
    if mismatched:
        missing = mismatched.get("missing") or []
        return f"missing columns: {', '.join(missing)}" if missing else ""
    observed = result.get("observed_value")
    if observed is not None and not isinstance(observed, list):
        return f"observed {observed}"
    return ""
