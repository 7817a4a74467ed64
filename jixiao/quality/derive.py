"""Derived frames for cross-table checks: one pure pandas function per check, validated by GX afterwards."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import partial

import pandas as pd

from jixiao.quality.contract import FOREIGN_KEYS, ROW_ID_COLUMNS
from jixiao.quality.vocab import FINANCE_IDENTITIES, GRADE_FORMS, score_band

Frames = dict[str, pd.DataFrame]


def _current_reports(frames: Frames) -> pd.DataFrame:
    reports = frames["dim_report"]
    current = reports["is_current"].astype("boolean").fillna(False).astype(bool)
    return reports.loc[current, ["report_key", "department_key", "fiscal_year", "source_file"]]


def foreign_keys(frames: Frames, table: str) -> pd.DataFrame:
    """One row per row of ``table`` with a ``<fk>_resolves`` flag per foreign key."""
    fact = frames[table]
    out = fact[ROW_ID_COLUMNS[table]].copy()
    for column, (dim, key) in FOREIGN_KEYS[table].items():
        out[f"{column}_resolves"] = fact[column].isin(frames[dim][key]).astype(bool)
    return out


def _as_decimal(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def finance_identity(frames: Frames, total: str, parts: tuple[str, ...]) -> pd.DataFrame:
    """Per report giving ``total`` and every part: ``difference`` = sum(parts) − total, in 万元."""
    items = frames["dim_finance_item"][["item_key", "item_code"]]
    figures = frames["fact_finance"][["report_key", "item_key", "amount_wan_yuan"]].merge(
        items, on="item_key"
    )
    figures = figures.dropna(subset=["amount_wan_yuan"]).drop_duplicates(["report_key", "item_code"])
    wide = figures.pivot(index="report_key", columns="item_code", values="amount_wan_yuan")
    needed = [total, *parts]
    columns = ["report_key", "source_file", "fiscal_year", "total", "parts_sum", "difference"]
    if any(code not in wide.columns for code in needed):
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "difference" else object) for c in columns})
    wide = wide[needed].dropna()
    decimals = wide.map(_as_decimal)
    parts_sum = decimals[list(parts)].sum(axis=1)
    out = pd.DataFrame(
        {
            "report_key": wide.index.to_numpy(),
            "total": decimals[total].to_numpy(),
            "parts_sum": parts_sum.to_numpy(),
            "difference": (parts_sum - decimals[total]).astype(float).to_numpy(),
        }
    )
    reports = frames["dim_report"][["report_key", "source_file", "fiscal_year"]]
    return out.merge(reports, on="report_key", how="left")[columns]


def grade_matches_score(frames: Frames) -> pd.DataFrame:
    """Per evaluation: the printed grade's band next to the band its self_score falls in."""
    ev = frames["fact_evaluation"][["report_key", "self_score", "grade"]]
    ev = ev.merge(frames["dim_report"][["report_key", "source_file"]], on="report_key", how="left")
    grade = ev["grade"].astype(object)
    # An unknown grade keeps its text, so it never equals a band and is reported.
    ev["grade_band"] = grade.map(lambda g: None if pd.isna(g) else GRADE_FORMS.get(str(g).strip(), str(g)))
    scores = pd.to_numeric(ev["self_score"], errors="coerce").astype(float)
    ev["score_band"] = scores.map(lambda s: None if pd.isna(s) else score_band(s)).astype(object)
    return ev


def shortfall_reason(frames: Frames) -> pd.DataFrame:
    """Per decidable indicator row: ``reason_state`` ok / missing_reason / reason_on_achieved_row."""
    rows = frames["fact_indicator"][["report_key", "row_no", "achieved", "shortfall_reason"]]
    achieved = rows["achieved"].astype("boolean")
    rows = rows.loc[achieved.notna()].copy()
    achieved = achieved[achieved.notna()].astype(bool)
    reason = rows["shortfall_reason"].astype(object)
    has_reason = reason.map(lambda r: not pd.isna(r) and str(r).strip() not in ("", "/")).astype(bool)
    rows["reason_state"] = "ok"
    rows.loc[~achieved & ~has_reason, "reason_state"] = "missing_reason"
    rows.loc[achieved & has_reason, "reason_state"] = "reason_on_achieved_row"
    rows = rows.merge(frames["dim_report"][["report_key", "source_file"]], on="report_key", how="left")
    return rows[["report_key", "source_file", "row_no", "reason_state"]]


def yoy_jump(frames: Frames) -> pd.DataFrame:
    """Per indicator and consecutive pair of years (current reports): ``change_factor`` = max(a/p, p/a).

    Pairs where either actual is zero or negative are left out: a ratio says nothing about them.
    """
    current = _current_reports(frames)[["report_key"]]
    facts = frames["fact_indicator"][
        ["report_key", "department_key", "indicator_key", "fiscal_year", "row_no", "actual_value"]
    ].merge(current, on="report_key")
    facts = facts.assign(actual_value=pd.to_numeric(facts["actual_value"], errors="coerce").astype(float))
    facts = facts.dropna(subset=["actual_value"]).sort_values("row_no")
    facts = facts.drop_duplicates(["department_key", "indicator_key", "fiscal_year"])
    facts = facts.sort_values(["department_key", "indicator_key", "fiscal_year"])
    grouped = facts.groupby(["department_key", "indicator_key"], sort=False)
    facts["prev_fiscal_year"] = grouped["fiscal_year"].shift()
    facts["prev_actual_value"] = grouped["actual_value"].shift()
    pairs = facts[
        (facts["fiscal_year"] - facts["prev_fiscal_year"] == 1)
        & (facts["actual_value"] > 0)
        & (facts["prev_actual_value"] > 0)
    ].copy()
    ratio = pairs["actual_value"] / pairs["prev_actual_value"]
    pairs["change_factor"] = ratio.where(ratio >= 1, 1 / ratio).astype(float)
    pairs = pairs.merge(
        frames["dim_department"][["department_key", "department_name"]], on="department_key", how="left"
    )
    pairs = pairs.merge(
        frames["dim_indicator"][["indicator_key", "indicator_code"]], on="indicator_key", how="left"
    )
    return pairs[
        [
            "department_name",
            "indicator_code",
            "fiscal_year",
            "prev_fiscal_year",
            "actual_value",
            "prev_actual_value",
            "change_factor",
        ]
    ].reset_index(drop=True)


def report_indicator_counts(frames: Frames) -> pd.DataFrame:
    """Per current report: how many indicator rows it has."""
    current = _current_reports(frames)
    counts = frames["fact_indicator"].groupby("report_key").size().rename("indicator_rows").reset_index()
    out = current.merge(counts, on="report_key", how="left")
    out["indicator_rows"] = out["indicator_rows"].fillna(0).astype("int64")
    return out[["report_key", "source_file", "fiscal_year", "indicator_rows"]]


def report_extraction(frames: Frames) -> pd.DataFrame:
    """Per current report: its extraction state and the self-checks it failed."""
    current = _current_reports(frames)
    reports = frames["dim_report"].reindex(columns=["report_key", "extraction", "self_checks"])
    out = current.merge(reports, on="report_key", how="left")
    return out[["report_key", "source_file", "fiscal_year", "extraction", "self_checks"]]


def corrections_source_known(frames: Frames) -> pd.DataFrame:
    """Per correction: ``source_known``, whether its source_sha256 is a file the warehouse knows (a
    report of dim_report, or a file of ingest_log: a quarantined or retracted report is only there)."""
    out = frames["corrections"][ROW_ID_COLUMNS["corrections"]].copy()
    known = {
        *frames["dim_report"]["source_sha256"].dropna(),
        *frames["ingest_log"]["source_sha256"].dropna(),
    }
    out["source_known"] = out["source_sha256"].isin(known).astype(bool)
    return out


DERIVED: dict[str, Callable[[Frames], pd.DataFrame]] = {
    **{f"{table}_foreign_keys": partial(foreign_keys, table=table) for table in FOREIGN_KEYS},
    **{name: partial(finance_identity, total=t, parts=p) for name, (t, p) in FINANCE_IDENTITIES.items()},
    "evaluation_grade_matches_score": grade_matches_score,
    "indicator_shortfall_reason": shortfall_reason,
    "indicator_yoy_jump": yoy_jump,
    "report_has_indicators": report_indicator_counts,
    "report_extraction_self_checks": report_extraction,
    "corrections_source_known": corrections_source_known,
}
