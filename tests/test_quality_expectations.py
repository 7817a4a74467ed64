"""Every GX expectation of every check: a frame that breaks it and one that keeps it.

Each case runs only the check under test (``run_checks(only=...)``) on small synthesised frames and
asserts the expectation's success, its severity, and the dq_results row it becomes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from quality_sample import sample_frames

from jixiao import quality
from jixiao.quality.vocab import LEVEL2_VALUES

Frames = dict[str, pd.DataFrame]
NEXT_YEAR = datetime.now(UTC).year + 1
FUTURE = pd.Timestamp(datetime(2099, 1, 1, tzinfo=UTC))


def settings(tmp_path: Path, yoy_factor: float = 10.0) -> SimpleNamespace:
    """The two Settings fields the checks read."""
    return SimpleNamespace(yoy_factor=yoy_factor, warehouse=tmp_path / "jixiao.duckdb")


def frames() -> Frames:
    """Valid frames: 2 departments × 3 years, 4 indicators per report."""
    return sample_frames(6, indicators_per_report=4)


def run(frames_: Frames, check: str, tmp_path: Path, **kw: object) -> pd.DataFrame:
    """dq_results rows of one check."""
    results = quality.run_checks(frames_, settings(tmp_path, **kw), "test-run", data_docs=False, only=[check])
    return quality.results_frame(results)


def row(dq: pd.DataFrame, expectation: str) -> pd.Series:
    """The single dq_results row of ``expectation`` (its label, e.g. ``expect_...(column)``)."""
    match = dq[dq["expectation"] == expectation]
    assert len(match) == 1, dq["expectation"].tolist()
    return match.iloc[0]


def edit(table: str, change: Callable[[pd.DataFrame], pd.DataFrame | None]) -> Callable[[Frames], Frames]:
    """A mutation of one table (``change`` edits a copy in place or returns a new frame)."""

    def apply(f: Frames) -> Frames:
        copy = f[table].copy()
        out = change(copy)
        f[table] = copy if out is None else out
        return f

    return apply


def set_cell(table: str, column: str, value: object, where: int = 0) -> Callable[[Frames], Frames]:
    def change(df: pd.DataFrame) -> None:
        df[column] = df[column].astype(object)
        df.loc[df.index[where], column] = value

    return edit(table, change)


def finance_item(item_code: str, delta: Decimal, report_key: int = 2) -> Callable[[Frames], Frames]:
    def apply(f: Frames) -> Frames:
        items = f["dim_finance_item"]
        key = int(items.loc[items["item_code"] == item_code, "item_key"].iloc[0])
        ff = f["fact_finance"].copy()
        hit = (ff["report_key"] == report_key) & (ff["item_key"] == key)
        ff.loc[hit, "amount_wan_yuan"] = ff.loc[hit, "amount_wan_yuan"].map(lambda a: a + delta)
        f["fact_finance"] = ff
        return f

    return apply


def evaluation(score: float, grade: str | None) -> Callable[[Frames], Frames]:
    def change(df: pd.DataFrame) -> None:
        df.loc[df.index[0], "self_score"] = score
        df["grade"] = df["grade"].astype(object)
        df.loc[df.index[0], "grade"] = grade

    return edit("fact_evaluation", change)


def indicator_row(achieved: bool | None, reason: str | None) -> Callable[[Frames], Frames]:
    def change(df: pd.DataFrame) -> None:
        df["achieved"] = df["achieved"].astype(object)
        df["shortfall_reason"] = df["shortfall_reason"].astype(object)
        df.loc[df.index[0], ["achieved", "shortfall_reason"]] = [achieved, reason]

    return edit("fact_indicator", change)


def scale_actual(factor: float, report_key: int = 2, row_no: int = 1) -> Callable[[Frames], Frames]:
    def change(df: pd.DataFrame) -> None:
        hit = (df["report_key"] == report_key) & (df["row_no"] == row_no)
        df.loc[hit, "actual_value"] = df.loc[hit, "actual_value"] * factor

    return edit("fact_indicator", change)


def drop_indicators(report_key: int) -> Callable[[Frames], Frames]:
    return edit("fact_indicator", lambda df: df[df["report_key"] != report_key])


def non_current(report_key: int) -> Callable[[Frames], Frames]:
    def change(df: pd.DataFrame) -> None:
        df.loc[df["report_key"] == report_key, "is_current"] = False

    return edit("dim_report", change)


def both(*mutations: Callable[[Frames], Frames]) -> Callable[[Frames], Frames]:
    def apply(f: Frames) -> Frames:
        for m in mutations:
            f = m(f)
        return f

    return apply


def log_status(
    status: str, reason_code: str | None, reason: str | None = "a reason"
) -> Callable[[Frames], Frames]:
    """The first ingest_log row (a loaded report) with another status, reason_code and reason."""

    def change(df: pd.DataFrame) -> None:
        df.loc[df.index[0], ["status", "reason_code", "reason"]] = [status, reason_code, reason]

    return edit("ingest_log", change)


def duplicate_first_row(table: str) -> Callable[[Frames], Frames]:
    return edit(table, lambda df: pd.concat([df, df.iloc[[0]]], ignore_index=True))


TYPES = "expect_column_values_to_be_in_type_list"
BETWEEN = "expect_column_values_to_be_between"
IN_SET = "expect_column_values_to_be_in_set"
NOT_NULL = "expect_column_values_to_not_be_null"
UNIQUE = "expect_column_values_to_be_unique"

# (check, expectation label, mutation that breaks it, expected unexpected_count or None, text in details)
BREAKS = [
    (
        "dim_department_schema",
        "expect_table_columns_to_match_set()",
        edit("dim_department", lambda df: df.drop(columns="region")),
        None,
        "missing columns: region",
    ),
    (
        "dim_report_schema",
        f"{TYPES}(fiscal_year)",
        edit("dim_report", lambda df: df.astype({"fiscal_year": "float64"})),
        None,
        "observed float64",
    ),
    (
        "dim_report_schema",
        f"{TYPES}(ingested_at)",
        edit("dim_report", lambda df: df.astype({"ingested_at": str})),
        6,
        "",
    ),
    ("dim_report_schema", f"{TYPES}(is_current)", set_cell("dim_report", "is_current", "是"), 1, "是"),
    (
        "fact_finance_schema",
        f"{TYPES}(amount_wan_yuan)",
        set_cell("fact_finance", "amount_wan_yuan", "12.5万元"),
        1,
        "12.5万元",
    ),
    (
        "fact_indicator_schema",
        f"{TYPES}(target_value)",
        set_cell("fact_indicator", "target_value", "≥300"),
        1,
        "",
    ),
    ("fact_evaluation_schema", f"{TYPES}(grade)", set_cell("fact_evaluation", "grade", 90), 1, ""),
    (
        "dim_department_keys",
        f"{NOT_NULL}(department_key)",
        set_cell("dim_department", "department_key", None),
        1,
        "",
    ),
    ("dim_report_keys", f"{UNIQUE}(report_key)", duplicate_first_row("dim_report"), 2, "report_key=1"),
    (
        "dim_indicator_keys",
        f"{UNIQUE}(indicator_code)",
        set_cell("dim_indicator", "indicator_code", "D1-I2"),
        2,
        "",
    ),
    (
        "dim_department_keys",
        f"{UNIQUE}(department_name)",
        set_cell("dim_department", "department_name", "江门市第2局"),
        2,
        "",
    ),
    (
        "dim_finance_item_keys",
        f"{UNIQUE}(item_code)",
        set_cell("dim_finance_item", "item_code", "net_assets"),
        2,
        "",
    ),
    (
        "fact_indicator_keys",
        "expect_compound_columns_to_be_unique(report_key, row_no)",
        duplicate_first_row("fact_indicator"),
        2,
        "report_key=1",
    ),
    (
        "fact_finance_keys",
        "expect_compound_columns_to_be_unique(report_key, item_key)",
        duplicate_first_row("fact_finance"),
        2,
        "",
    ),
    ("fact_evaluation_keys", f"{UNIQUE}(report_key)", duplicate_first_row("fact_evaluation"), 2, ""),
    (
        "dim_report_foreign_keys",
        f"{IN_SET}(department_key_resolves)",
        set_cell("dim_report", "department_key", 99),
        1,
        "report_key=1 source_file=report-1.pdf",
    ),
    (
        "fact_indicator_foreign_keys",
        f"{IN_SET}(indicator_key_resolves)",
        set_cell("fact_indicator", "indicator_key", 999, where=5),
        1,
        "report_key=2 row_no=2",
    ),
    (
        "fact_indicator_foreign_keys",
        f"{IN_SET}(report_key_resolves)",
        set_cell("fact_indicator", "report_key", 77),
        1,
        "",
    ),
    (
        "fact_finance_foreign_keys",
        f"{IN_SET}(item_key_resolves)",
        set_cell("fact_finance", "item_key", 99),
        1,
        "",
    ),
    (
        "fact_evaluation_foreign_keys",
        f"{IN_SET}(department_key_resolves)",
        set_cell("fact_evaluation", "department_key", 42),
        1,
        "",
    ),
    (
        "dim_report_fiscal_year",
        f"{BETWEEN}(fiscal_year)",
        set_cell("dim_report", "fiscal_year", 1999),
        1,
        "1999",
    ),
    (
        "dim_report_fiscal_year",
        f"{BETWEEN}(fiscal_year)",
        set_cell("dim_report", "fiscal_year", NEXT_YEAR + 1),
        1,
        str(NEXT_YEAR + 1),
    ),
    (
        "fact_indicator_fiscal_year",
        f"{NOT_NULL}(fiscal_year)",
        set_cell("fact_indicator", "fiscal_year", None),
        1,
        "",
    ),
    (
        "fact_finance_fiscal_year",
        f"{BETWEEN}(fiscal_year)",
        set_cell("fact_finance", "fiscal_year", 20230),
        1,
        "",
    ),
    (
        "fact_evaluation_fiscal_year",
        f"{BETWEEN}(fiscal_year)",
        set_cell("fact_evaluation", "fiscal_year", 23),
        1,
        "",
    ),
    (
        "dim_indicator_vocabulary",
        f"{IN_SET}(level1)",
        set_cell("dim_indicator", "level1", "产出指标"),
        1,
        "产出指标",
    ),
    (
        "dim_indicator_vocabulary",
        f"{IN_SET}(level2)",
        set_cell("dim_indicator", "level2", "其他指标"),
        1,
        "其他指标",
    ),
    (
        "fact_indicator_target_op",
        f"{IN_SET}(target_op)",
        set_cell("fact_indicator", "target_op", "≥"),
        1,
        "≥",
    ),
    (
        "fact_evaluation_self_score",
        f"{BETWEEN}(self_score)",
        set_cell("fact_evaluation", "self_score", 100.5),
        1,
        "",
    ),
    (
        "fact_evaluation_self_score",
        f"{BETWEEN}(self_score)",
        set_cell("fact_evaluation", "self_score", -1.0),
        1,
        "",
    ),
    (
        "fact_finance_amount_present",
        f"{NOT_NULL}(amount_wan_yuan)",
        set_cell("fact_finance", "amount_wan_yuan", None),
        1,
        "",
    ),
    (
        "report_expenditure_adds_up",
        f"{BETWEEN}(difference)",
        finance_item("expenditure_total", Decimal("1.5")),
        1,
        "report_key=2 source_file=report-2.pdf",
    ),
    (
        "report_sangong_adds_up",
        f"{BETWEEN}(difference)",
        finance_item("sangong_vehicle", Decimal("0.02")),
        1,
        "",
    ),
    (
        "report_procurement_adds_up",
        f"{BETWEEN}(difference)",
        finance_item("procurement_services", Decimal("-3")),
        1,
        "difference=-3.0",
    ),
    (
        "report_balance_sheet_adds_up",
        f"{BETWEEN}(difference)",
        finance_item("assets_total", Decimal("10")),
        1,
        "",
    ),
    (
        "evaluation_grade_matches_score",
        "expect_column_pair_values_to_be_equal(grade_band, score_band)",
        evaluation(85.0, "优"),
        1,
        "report_key=1 source_file=report-1.pdf self_score=85.0 grade=优",
    ),
    (
        "evaluation_grade_matches_score",
        "expect_column_pair_values_to_be_equal(grade_band, score_band)",
        evaluation(95.0, "A级"),
        1,
        "A级",
    ),
    (
        "indicator_shortfall_reason",
        f"{IN_SET}(reason_state)",
        indicator_row(False, None),
        1,
        "missing_reason",
    ),
    (
        "indicator_shortfall_reason",
        f"{IN_SET}(reason_state)",
        indicator_row(True, "受疫情影响"),
        1,
        "reason_on_achieved_row",
    ),
    (
        "indicator_yoy_jump",
        f"{BETWEEN}(change_factor)",
        scale_actual(20.0),
        2,  # the jump up into year 2 and back down out of it
        "department_name=江门市第1局 indicator_code=D1-I1",
    ),
    (
        "report_has_indicators",
        f"{BETWEEN}(indicator_rows)",
        drop_indicators(3),
        1,
        "report_key=3 source_file=report-3.pdf",
    ),
    (
        "ingest_log_schema",
        "expect_table_columns_to_match_set()",
        edit("ingest_log", lambda df: df.drop(columns="reason_code")),
        None,
        "missing columns: reason_code",
    ),
    (
        "ingest_log_keys",
        "expect_compound_columns_to_be_unique(run_id, source_file, source_sha256, ingested_at)",
        duplicate_first_row("ingest_log"),
        2,
        "source_file=report-1.pdf",
    ),
    ("ingest_log_keys", f"{NOT_NULL}(run_id)", set_cell("ingest_log", "run_id", None), 1, "report-1.pdf"),
    (
        "ingest_log_status",
        f"{IN_SET}(status)",
        set_cell("ingest_log", "status", "imported"),
        1,
        "status=imported run_id=run-1 source_file=report-1.pdf",
    ),
    (
        "ingest_log_reason_code",
        f"{IN_SET}(reason_code) where status in ['rejected']",
        log_status("rejected", "dq_blocking"),
        1,
        "reason_code=dq_blocking",
    ),
    (
        "ingest_log_reason_code",
        f"{NOT_NULL}(reason_code) where status in ['rejected', 'quarantined']",
        log_status("rejected", None),
        1,
        "source_file=report-1.pdf status=rejected",
    ),
    (
        "ingest_log_reason_code",
        f"{IN_SET}(reason_code) where status in ['quarantined']",
        log_status("quarantined", "corrupt"),
        1,
        "reason_code=corrupt",
    ),
    (
        "ingest_log_reason_code",
        "expect_column_values_to_be_null(reason_code) where status in ['loaded', 'unchanged', 'superseded']",
        log_status("loaded", "corrupt", None),
        1,
        "reason_code=corrupt",
    ),
    (
        "ingest_log_reason",
        f"{NOT_NULL}(reason) where status in ['rejected', 'quarantined']",
        log_status("rejected", "corrupt", None),
        1,
        "source_file=report-1.pdf status=rejected",
    ),
    (
        "ingest_log_reason",
        "expect_column_values_to_match_regex(reason) where status in ['rejected', 'quarantined']",
        log_status("quarantined", "dq_blocking", "  "),
        1,
        "source_file=report-1.pdf",
    ),
    (
        "ingest_log_sha256",
        "expect_column_values_to_match_regex(source_sha256)",
        set_cell("ingest_log", "source_sha256", "3F1C"),
        1,
        "source_sha256=3F1C",
    ),
    (
        "ingest_log_sha256",
        f"{NOT_NULL}(source_sha256) where status in ['loaded', 'unchanged', 'superseded', 'quarantined']",
        set_cell("ingest_log", "source_sha256", None),
        1,
        "source_file=report-1.pdf",
    ),
    (
        "ingest_log_ingested_at",
        f"{BETWEEN}(ingested_at)",
        edit("ingest_log", lambda df: df.assign(ingested_at=df["ingested_at"].where(df.index > 0, FUTURE))),
        1,
        "ingested_at=2099-01-01",
    ),
    (
        "corrections_schema",
        "expect_table_columns_to_match_set()",
        edit("corrections", lambda df: df.drop(columns="field")),
        None,
        "missing columns: field",
    ),
    (
        "corrections_keys",
        "expect_compound_columns_to_be_unique(source_sha256, field, correction_file)",
        duplicate_first_row("corrections"),
        2,
        "field=fiscal_year",
    ),
    (
        "corrections_field",
        "expect_column_values_to_match_regex(field)",
        set_cell("corrections", "field", "finance.sangong"),
        1,
        "field=finance.sangong",
    ),
    (
        "corrections_sha256",
        "expect_column_values_to_match_regex(source_sha256)",
        set_cell("corrections", "source_sha256", "not-a-hash"),
        1,
        "source_sha256=not-a-hash",
    ),
    (
        "corrections_file",
        "expect_column_values_to_match_regex(correction_file)",
        set_cell("corrections", "correction_file", ""),
        1,
        "field=fiscal_year",
    ),
    (
        "corrections_source_known",
        f"{IN_SET}(source_known)",
        set_cell("corrections", "source_sha256", "e" * 64),
        1,
        f"source_sha256={'e' * 64}",
    ),
    (
        "report_extraction_self_checks",
        f"{IN_SET}(extraction)",
        both(
            set_cell("dim_report", "extraction", "flagged", 1),
            set_cell("dim_report", "self_checks", "Σ分值 92", 1),
        ),
        1,
        "report_key=2 source_file=report-2.pdf self_checks=Σ分值 92",
    ),
]


@pytest.fixture(scope="module")
def clean_results(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    tmp = tmp_path_factory.mktemp("clean")
    return quality.results_frame(quality.run_checks(frames(), settings(tmp), "clean-run", data_docs=False))


def test_valid_frames_keep_every_expectation(clean_results: pd.DataFrame) -> None:
    failed = clean_results[~clean_results["success"]]
    assert failed.empty, failed[["expectation", "details"]].to_string()
    assert set(clean_results["check_name"]) == {c.name for c in quality.CHECKS}
    assert (clean_results["run_id"] == "clean-run").all()


@pytest.mark.parametrize(
    ("check", "expectation", "mutate", "count", "details"),
    BREAKS,
    ids=[f"{b[0]}-{b[1].split('(')[1].rstrip(')') or 'table'}-{i}" for i, b in enumerate(BREAKS)],
)
def test_a_broken_frame_fails_the_expectation(
    clean_results: pd.DataFrame,
    tmp_path: Path,
    check: str,
    expectation: str,
    mutate: Callable[[Frames], Frames],
    count: int | None,
    details: str,
) -> None:
    spec = {c.name: c for c in quality.CHECKS}[check]
    assert row(clean_results[clean_results["check_name"] == check], expectation)["success"]

    dq = run(mutate(frames()), check, tmp_path)
    got = row(dq, expectation)
    assert not got["success"]
    assert got["severity"] == spec.severity
    assert got["table_name"] == spec.table
    assert got["check_name"] == check
    assert got["run_id"] == "test-run"
    assert got["suite"] in (spec.table, check)
    if count is not None:
        assert got["unexpected_count"] == count
    assert details in got["details"]
    assert got["details"]
    # Nothing else fails, except expectations that could not run at all (on a dropped column).
    others = dq[~dq["success"] & (dq["expectation"] != expectation)]
    assert others["details"].str.startswith("not evaluated").all(), others.to_string()


# (check, mutation that keeps every expectation of the check, settings overrides)
KEEPS = [
    ("dim_report_fiscal_year", set_cell("dim_report", "fiscal_year", NEXT_YEAR), {}),
    ("dim_report_fiscal_year", set_cell("dim_report", "fiscal_year", 2000), {}),
    ("fact_indicator_target_op", set_cell("fact_indicator", "target_op", None), {}),
    ("dim_indicator_vocabulary", edit("dim_indicator", lambda df: df.assign(level2=LEVEL2_VALUES[-1])), {}),
    ("fact_evaluation_self_score", set_cell("fact_evaluation", "self_score", 100.0), {}),
    ("fact_evaluation_self_score", set_cell("fact_evaluation", "self_score", None), {}),
    ("fact_finance_amount_present", set_cell("fact_finance", "amount_wan_yuan", Decimal("0")), {}),
    # net assets, balances and changes are negative in real reports (contract v2)
    ("fact_finance_amount_present", set_cell("fact_finance", "amount_wan_yuan", Decimal("-0.5")), {}),
    # a table without 一级/二级 columns: level1/level2 null (contract v2)
    ("dim_indicator_vocabulary", set_cell("dim_indicator", "level1", None), {}),
    ("dim_indicator_vocabulary", set_cell("dim_indicator", "level2", None), {}),
    ("fact_finance_schema", edit("fact_finance", lambda df: df.astype({"amount_wan_yuan": float})), {}),
    ("dim_department_schema", edit("dim_department", lambda df: df.assign(extra_column=1)), {}),
    ("dim_department_schema", edit("dim_department", lambda df: df.astype({"department_name": "str"})), {}),
    ("dim_report_schema", edit("dim_report", lambda df: df.astype({"fiscal_year": "int32"})), {}),
    ("dim_report_schema", edit("dim_report", lambda df: df.astype({"is_current": "boolean"})), {}),
    ("fact_indicator_schema", set_cell("fact_indicator", "unit", None), {}),
    ("report_expenditure_adds_up", finance_item("expenditure_total", Decimal("0.01")), {}),
    ("report_expenditure_adds_up", finance_item("expenditure_total", Decimal("-0.01")), {}),
    # A report missing one of the parts is not judged.
    (
        "report_sangong_adds_up",
        both(
            finance_item("sangong_total", Decimal("5")),
            edit("fact_finance", lambda df: df[~((df["report_key"] == 2) & (df["item_key"] == 8))]),
        ),
        {},
    ),
    ("evaluation_grade_matches_score", evaluation(90.0, "优秀"), {}),
    ("evaluation_grade_matches_score", evaluation(89.99, "良好"), {}),
    ("evaluation_grade_matches_score", evaluation(60.0, "合格"), {}),
    ("evaluation_grade_matches_score", evaluation(59.5, "差"), {}),
    ("evaluation_grade_matches_score", evaluation(75.0, None), {}),
    ("indicator_shortfall_reason", indicator_row(None, None), {}),
    ("indicator_shortfall_reason", indicator_row(True, None), {}),
    ("indicator_yoy_jump", scale_actual(5.0), {}),
    ("indicator_yoy_jump", scale_actual(20.0), {"yoy_factor": 25.0}),
    # Only current reports count: the jump is in a superseded report.
    ("indicator_yoy_jump", both(scale_actual(20.0), non_current(2)), {}),
    ("report_has_indicators", both(drop_indicators(3), non_current(3)), {}),
    # what the writers legitimately write: a retraction, an unreadable file (no sha256), a superseded
    # report's sentence, a report quarantined in the log only (its sha256 known there)
    ("ingest_log_reason_code", log_status("rejected", "retracted"), {}),
    (
        "ingest_log_sha256",
        both(log_status("rejected", "corrupt"), set_cell("ingest_log", "source_sha256", None)),
        {},
    ),
    (
        "ingest_log_reason_code",
        log_status("superseded", None, "report-1.pdf is superseded by report-9.pdf"),
        {},
    ),
    ("corrections_source_known", set_cell("corrections", "source_sha256", "f" * 64), {}),
    ("corrections_field", set_cell("corrections", "field", "indicators.12.level2"), {}),
    ("corrections_field", set_cell("corrections", "field", "retract"), {}),
    ("corrections_field", set_cell("corrections", "field", "finance.sangong_total"), {}),
]


@pytest.mark.parametrize(
    ("check", "mutate", "overrides"), KEEPS, ids=[f"{k[0]}-{i}" for i, k in enumerate(KEEPS)]
)
def test_an_edge_that_keeps_the_check(
    tmp_path: Path, check: str, mutate: Callable[[Frames], Frames], overrides: dict
) -> None:
    dq = run(mutate(frames()), check, tmp_path, **overrides)
    assert len(dq) > 0
    assert dq["success"].all(), dq.loc[~dq["success"], ["expectation", "details"]].to_string()


def test_yoy_factor_comes_from_settings(tmp_path: Path) -> None:
    dq = run(scale_actual(5.0)(frames()), "indicator_yoy_jump", tmp_path, yoy_factor=3.0)
    assert not dq["success"].all()
    assert dq["unexpected_count"].sum() == 2


REPORT_SCOPED = {c.name for c in quality.CHECKS if c.scope == "report"}


def _screened(frames_: Frames) -> dict[int, set[str]]:
    from jixiao.quality.catalog import check_parameters
    from jixiao.quality.screen import screen

    params = check_parameters(10.0, datetime.now(UTC).year)
    return {key: {f.check for f in failures} for key, failures in screen(frames_, params).items()}


@pytest.mark.parametrize(
    ("check", "expectation", "mutate", "count", "details"),
    [b for b in BREAKS if b[0] in REPORT_SCOPED],
    ids=[f"{b[0]}-{i}" for i, b in enumerate(b for b in BREAKS if b[0] in REPORT_SCOPED)],
)
def test_the_report_screen_quarantines_what_gx_fails(
    check: str, expectation: str, mutate: Callable[[Frames], Frames], count: int | None, details: str
) -> None:
    """The rebuild's per-report screen reads the committed suites: it fails a report wherever GX would."""
    assert _screened(frames()) == {}
    broken = mutate(frames())
    failing = _screened(broken)
    assert failing and all(checks == {check} for checks in failing.values()), failing
    table = {c.name: c.table for c in quality.CHECKS}[check]
    if "report_key" in broken[table].columns:
        assert set(failing) <= set(broken[table]["report_key"])


@pytest.mark.parametrize(
    ("check", "mutate", "overrides"),
    [k for k in KEEPS if k[0] in REPORT_SCOPED],
    ids=[f"{k[0]}-{i}" for i, k in enumerate(k for k in KEEPS if k[0] in REPORT_SCOPED)],
)
def test_the_report_screen_keeps_what_gx_keeps(
    check: str, mutate: Callable[[Frames], Frames], overrides: dict
) -> None:
    assert _screened(mutate(frames())) == {}


def test_only_row_level_checks_are_report_scoped() -> None:
    """Schema, keys and foreign keys stop the publish; vocabularies and ranges quarantine one report."""
    scoped = {c.name for c in quality.CHECKS if c.scope == "report"}
    assert {
        "dim_report_fiscal_year",
        "dim_indicator_vocabulary",
        "fact_indicator_target_op",
        "fact_evaluation_self_score",
        "fact_finance_amount_present",
    } <= scoped
    assert not {c for c in scoped if c.endswith(("_schema", "_keys", "_foreign_keys"))}
