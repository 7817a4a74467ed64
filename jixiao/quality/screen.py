"""Row-level blocking checks per report: which reports to quarantine so the rest of a rebuild publishes.

The checks whose catalogue scope is ``report`` (vocabularies, fiscal_year and self_score ranges,
target_op, amounts present) concern rows of single reports. Their expectations are read from the
committed GX suites (``expectations/gx/expectations/<table>.json``, the one place they are written)
and evaluated here with pandas, without importing GX: the rebuild screens each partition before it
builds it, and a report with a failing row is left out of the candidate. GX then validates what is
published, where these checks pass.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from jixiao.quality.catalog import PROJECT_ROOT, load_checks
from jixiao.quality.results import expectation_label

# Values quoted per failed expectation in a quarantine's reason.
_MAX_VALUES = 3


@dataclass(frozen=True)
class Rule:
    """One expectation of a report-scoped check, as committed in its suite."""

    check: str
    table: str
    type: str
    kwargs: dict[str, Any]

    @property
    def column(self) -> str:
        return str(self.kwargs["column"])

    @property
    def label(self) -> str:
        return expectation_label(self.type, self.kwargs)

    def expected(self, params: Mapping[str, Any]) -> str:
        """What the rule wants, in words: ``in 2000..2027``, ``not null``, ``one of 产出, 效益``."""
        if self.type == "expect_column_values_to_not_be_null":
            return "a value"
        if self.type == "expect_column_values_to_be_in_set":
            return "one of " + ", ".join(map(str, self.kwargs["value_set"]))
        low, high = (_resolve(self.kwargs.get(k), params) for k in ("min_value", "max_value"))
        return f"within {'' if low is None else _plain(low)}..{'' if high is None else _plain(high)}"

    def failing(self, frame: pd.DataFrame, params: Mapping[str, Any]) -> pd.Series:
        """A boolean mask of the rows of ``frame`` that break the rule."""
        values = frame[self.column]
        if self.type == "expect_column_values_to_not_be_null":
            return values.isna()
        present = values.notna()
        if self.type == "expect_column_values_to_be_in_set":
            return present & ~values.isin(list(self.kwargs["value_set"]))
        numbers = pd.to_numeric(values.astype(object), errors="coerce").astype(float)
        low, high = (_resolve(self.kwargs.get(k), params) for k in ("min_value", "max_value"))
        bad = pd.Series(False, index=frame.index)
        if low is not None:
            bad |= numbers < float(low)
        if high is not None:
            bad |= numbers > float(high)
        return present & bad


_TYPES = (
    "expect_column_values_to_not_be_null",
    "expect_column_values_to_be_in_set",
    "expect_column_values_to_be_between",
)


def _resolve(value: Any, params: Mapping[str, Any]) -> Any:
    if isinstance(value, dict) and "$PARAMETER" in value:
        return params[value["$PARAMETER"]]
    return value


@cache
def rules(root: Path = PROJECT_ROOT) -> tuple[Rule, ...]:
    """Every expectation of the report-scoped blocking checks, read from the committed suites.

    Raises ValueError for an expectation type this module cannot evaluate per row: a check must
    not be declared report-scoped unless its rows can be attributed to reports.
    """
    scoped = {c.name: c for c in load_checks(root) if c.scope == "report" and c.severity == "blocking"}
    found: list[Rule] = []
    for table in sorted({c.table for c in scoped.values()}):
        suite = json.loads((root / "gx" / "expectations" / f"{table}.json").read_text(encoding="utf-8"))
        for item in suite["expectations"]:
            check = (item.get("meta") or {}).get("check")
            if check not in scoped:
                continue
            if item["type"] not in _TYPES:
                raise ValueError(f"{check}: {item['type']} cannot be evaluated per report")
            found.append(Rule(check, table, item["type"], dict(item["kwargs"])))
    return tuple(found)


@dataclass(frozen=True)
class Failure:
    """One report's failure of one rule: the check, the column and the values read."""

    check: str
    table: str
    column: str
    expectation: str
    expected: str
    values: tuple[Any, ...]
    rows: int

    def finding(self) -> str:
        """``self_score 196.66 (expected within 0..100)``: the column, the values read, what was expected."""
        shown = ", ".join("null" if pd.isna(v) else _plain(v) for v in self.values[:_MAX_VALUES])
        more = f" and {len(self.values) - _MAX_VALUES} more" if len(self.values) > _MAX_VALUES else ""
        rows = f" in {self.rows} rows" if self.rows > 1 else ""
        return f"{self.column} {shown}{more}{rows} (expected {self.expected})"

    def sentence(self) -> str:
        """``fact_evaluation_self_score: self_score 196.66 (expected within 0..100)``."""
        return f"{self.check}: {self.finding()}"


def _plain(value: Any) -> str:
    value = value.item() if hasattr(value, "item") else value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _with_report_keys(frames: Mapping[str, pd.DataFrame], table: str, rows: pd.DataFrame) -> pd.DataFrame:
    """The failing rows with their report_key; a dim_indicator row belongs to every report using it
    (reports share one only when they print the same level1, which is part of the match key)."""
    if "report_key" in rows.columns:
        return rows
    if table == "dim_indicator":
        uses = frames["fact_indicator"][["indicator_key", "report_key"]].drop_duplicates()
        return rows.merge(uses, on="indicator_key", how="inner")
    raise ValueError(f"rows of {table} cannot be attributed to reports")


def screen(frames: Mapping[str, pd.DataFrame], params: Mapping[str, Any]) -> dict[int, list[Failure]]:
    """report_key → the report-scoped blocking rules its rows break (none: every report passes)."""
    failures: dict[int, list[Failure]] = {}
    for rule in rules():
        frame = frames.get(rule.table)
        if frame is None or frame.empty or rule.column not in frame.columns:
            continue  # a missing table or column is the schema check's to report
        bad = frame.loc[rule.failing(frame, params)]
        if bad.empty:
            continue
        bad = _with_report_keys(frames, rule.table, bad)
        for key, rows in bad.groupby("report_key", sort=True):
            values = tuple(dict.fromkeys(rows[rule.column].tolist()))
            failures.setdefault(int(key), []).append(
                Failure(
                    rule.check,
                    rule.table,
                    rule.column,
                    rule.label,
                    rule.expected(params),
                    values,
                    len(rows),
                )
            )
    return failures
