"""The check catalogue: every data-quality check, its severity, and the GX expectations that implement it.

Table checks run on the contract frames (one suite per table); cross-table checks run on a derived
frame built in :mod:`jixiao.quality.derive` (one suite per check, named like the check). This module is the
source the committed suites in ``expectations/`` are generated from
(``python -m jixiao.quality.build_suites``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import great_expectations.expectations as gxe
from great_expectations.expectations.expectation import Expectation
from great_expectations.expectations.metadata_types import FailureSeverity

from jixiao.quality.catalog import PARAM_CHECKED_AT, PARAM_MAX_FISCAL_YEAR, PARAM_YOY_FACTOR, CheckSpec
from jixiao.quality.contract import (
    FOREIGN_KEYS,
    GRAIN,
    KIND_TYPES,
    NATURAL_KEYS,
    NULLABLE_GRAIN,
    ROW_ID_COLUMNS,
    TABLE_COLUMNS,
    WHOLE_TABLES,
)
from jixiao.quality.vocab import (
    CORRECTION_FIELD_PATTERN,
    FINANCE_IDENTITIES,
    FINANCE_TOLERANCE_WAN_YUAN,
    INGEST_STATUSES,
    LEVEL1_VALUES,
    LEVEL2_VALUES,
    MIN_FISCAL_YEAR,
    QUARANTINE_CODE,
    REJECTION_CODES,
    RETRACTION_CODE,
    SHA256_PATTERN,
    SOURCE_FORMATS,
    TARGET_OPS,
)


@dataclass
class SuiteDef:
    """One GX suite and the frame it validates (suite, asset, validation, checkpoint share the name)."""

    name: str
    id_columns: list[str]  # columns that identify a failing row in the details
    expectations: list[Expectation] = field(default_factory=list)
    # validated once per publish on the whole table (WHOLE_TABLES), not per partition of departments
    whole: bool = False


def _tag(check: CheckSpec) -> dict[str, Any]:
    """Expectation kwargs that tie it to its check: meta for us, GX's own severity for Data Docs."""
    gx_severity = FailureSeverity.CRITICAL if check.severity == "blocking" else FailureSeverity.WARNING
    return {"meta": {"check": check.name, "severity": check.severity}, "severity": gx_severity}


def _table_suite(table: str, checks: list[CheckSpec]) -> SuiteDef:
    suite = SuiteDef(table, ROW_ID_COLUMNS[table], whole=table in WHOLE_TABLES)
    columns = TABLE_COLUMNS[table]

    schema = CheckSpec(f"{table}_schema", table, "blocking", "Contract columns present and typed.")
    suite.expectations.append(
        gxe.ExpectTableColumnsToMatchSet(column_set=list(columns), exact_match=False, **_tag(schema))
    )
    for column, kind in columns.items():
        suite.expectations.append(
            gxe.ExpectColumnValuesToBeInTypeList(column=column, type_list=KIND_TYPES[kind], **_tag(schema))
        )
    checks.append(schema)

    grain = GRAIN[table]
    keys = CheckSpec(f"{table}_keys", table, "blocking", f"Keys ({', '.join(grain)}) unique and not null.")
    for column in grain:
        if column not in NULLABLE_GRAIN.get(table, ()):
            suite.expectations.append(gxe.ExpectColumnValuesToNotBeNull(column=column, **_tag(keys)))
    if len(grain) == 1:
        suite.expectations.append(gxe.ExpectColumnValuesToBeUnique(column=grain[0], **_tag(keys)))
    else:
        suite.expectations.append(gxe.ExpectCompoundColumnsToBeUnique(column_list=list(grain), **_tag(keys)))
    for column in NATURAL_KEYS.get(table, ()):
        suite.expectations.append(gxe.ExpectColumnValuesToNotBeNull(column=column, **_tag(keys)))
        suite.expectations.append(gxe.ExpectColumnValuesToBeUnique(column=column, **_tag(keys)))
    checks.append(keys)

    if "fiscal_year" in columns:
        year = CheckSpec(
            f"{table}_fiscal_year",
            table,
            "blocking",
            f"fiscal_year present and within {MIN_FISCAL_YEAR}..now+1.",
            "report",
        )
        suite.expectations += [
            gxe.ExpectColumnValuesToNotBeNull(column="fiscal_year", **_tag(year)),
            gxe.ExpectColumnValuesToBeBetween(
                column="fiscal_year",
                min_value=MIN_FISCAL_YEAR,
                max_value={"$PARAMETER": PARAM_MAX_FISCAL_YEAR},
                **_tag(year),
            ),
        ]
        checks.append(year)

    if table == "dim_indicator":
        # null where the report's table has no 一级/二级 columns (contract v2): only values are checked
        vocab = CheckSpec(
            "dim_indicator_vocabulary",
            table,
            "blocking",
            "level1 and level2, where printed, within the known vocabulary.",
            "report",
        )
        for column, values in (("level1", LEVEL1_VALUES), ("level2", LEVEL2_VALUES)):
            suite.expectations.append(
                gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(values), **_tag(vocab))
            )
        checks.append(vocab)
    elif table == "fact_indicator":
        op = CheckSpec(
            "fact_indicator_target_op", table, "blocking", "target_op is >=, <=, >, <, = or null.", "report"
        )
        suite.expectations.append(
            gxe.ExpectColumnValuesToBeInSet(column="target_op", value_set=list(TARGET_OPS), **_tag(op))
        )
        checks.append(op)
    elif table == "dim_report":
        fmt = CheckSpec(
            "dim_report_source_format",
            table,
            "blocking",
            f"source_format is one of {', '.join(SOURCE_FORMATS)}.",
            "report",
        )
        suite.expectations += [
            gxe.ExpectColumnValuesToNotBeNull(column="source_format", **_tag(fmt)),
            gxe.ExpectColumnValuesToBeInSet(
                column="source_format", value_set=list(SOURCE_FORMATS), **_tag(fmt)
            ),
        ]
        checks.append(fmt)
    elif table == "fact_finance":
        # no sign check: net assets, balances and year-on-year changes are negative in real reports
        money = CheckSpec(
            "fact_finance_amount_present", table, "blocking", "Every finance figure has an amount.", "report"
        )
        suite.expectations.append(gxe.ExpectColumnValuesToNotBeNull(column="amount_wan_yuan", **_tag(money)))
        checks.append(money)
    elif table == "fact_evaluation":
        score = CheckSpec(
            "fact_evaluation_self_score", table, "blocking", "self_score within 0-100.", "report"
        )
        suite.expectations.append(
            gxe.ExpectColumnValuesToBeBetween(column="self_score", min_value=0, max_value=100, **_tag(score))
        )
        checks.append(score)
    elif table == "ingest_log":
        suite.expectations += _ingest_log_expectations(checks)
    elif table == "corrections":
        suite.expectations += _corrections_expectations(checks)
    return suite


def _when(*statuses: str) -> dict[str, str]:
    """Expectation kwargs restricting it to the ingest_log rows of ``statuses``."""
    return {"row_condition": f"status in {list(statuses)!r}", "condition_parser": "pandas"}


# Why the operations tables' content checks only warn: their rows are history (a run's rows stay for
# good, and a no-op run appends rows no check saw), so a blocking failure would stop every later
# publish over one old row, and a log row never changes a published figure or quarantines a report.
# Their schema and keys block: both tables are rebuilt at every publish, so a failure there is a bug
# in this publish's writer.


def _ingest_log_expectations(checks: list[CheckSpec]) -> list[Expectation]:
    status = CheckSpec(
        "ingest_log_status", "ingest_log", "warning", f"status is one of {', '.join(INGEST_STATUSES)}."
    )
    code = CheckSpec(
        "ingest_log_reason_code",
        "ingest_log",
        "warning",
        f"reason_code is a rejection code (or {RETRACTION_CODE}) for a rejected file, {QUARANTINE_CODE} "
        "for a quarantined one, null otherwise.",
    )
    reason = CheckSpec(
        "ingest_log_reason", "ingest_log", "warning", "A rejected or quarantined file has a reason sentence."
    )
    sha = CheckSpec(
        "ingest_log_sha256",
        "ingest_log",
        "warning",
        "source_sha256 is 64 lower-case hex digits, given for every file but an unreadable (rejected) one.",
    )
    at = CheckSpec(
        "ingest_log_ingested_at", "ingest_log", "warning", "No ingested_at is later than the check."
    )
    checks += [status, code, reason, sha, at]
    others = [s for s in INGEST_STATUSES if s not in ("rejected", "quarantined")]
    return [
        gxe.ExpectColumnValuesToNotBeNull(column="status", **_tag(status)),
        gxe.ExpectColumnValuesToBeInSet(column="status", value_set=list(INGEST_STATUSES), **_tag(status)),
        gxe.ExpectColumnValuesToNotBeNull(
            column="reason_code", **_when("rejected", "quarantined"), **_tag(code)
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="reason_code",
            value_set=[*REJECTION_CODES, RETRACTION_CODE],
            **_when("rejected"),
            **_tag(code),
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="reason_code", value_set=[QUARANTINE_CODE], **_when("quarantined"), **_tag(code)
        ),
        gxe.ExpectColumnValuesToBeNull(column="reason_code", **_when(*others), **_tag(code)),
        gxe.ExpectColumnValuesToNotBeNull(
            column="reason", **_when("rejected", "quarantined"), **_tag(reason)
        ),
        gxe.ExpectColumnValuesToMatchRegex(
            column="reason", regex=r"\S", **_when("rejected", "quarantined"), **_tag(reason)
        ),
        gxe.ExpectColumnValuesToMatchRegex(column="source_sha256", regex=SHA256_PATTERN, **_tag(sha)),
        gxe.ExpectColumnValuesToNotBeNull(
            column="source_sha256", **_when(*(s for s in INGEST_STATUSES if s != "rejected")), **_tag(sha)
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="ingested_at", max_value={"$PARAMETER": PARAM_CHECKED_AT}, **_tag(at)
        ),
    ]


def _corrections_expectations(checks: list[CheckSpec]) -> list[Expectation]:
    grammar = CheckSpec(
        "corrections_field",
        "corrections",
        "warning",
        "field is a report field, finance.<item_code>, indicators.<row_no>.<field> or retract.",
    )
    sha = CheckSpec(
        "corrections_sha256", "corrections", "warning", "source_sha256 is 64 lower-case hex digits."
    )
    named = CheckSpec("corrections_file", "corrections", "warning", "correction_file names the file.")
    checks += [grammar, sha, named]
    return [
        gxe.ExpectColumnValuesToMatchRegex(column="field", regex=CORRECTION_FIELD_PATTERN, **_tag(grammar)),
        gxe.ExpectColumnValuesToMatchRegex(column="source_sha256", regex=SHA256_PATTERN, **_tag(sha)),
        gxe.ExpectColumnValuesToMatchRegex(column="correction_file", regex=r"\S", **_tag(named)),
    ]


def _whole_derived_suites(checks: list[CheckSpec]) -> list[SuiteDef]:
    known = CheckSpec(
        "corrections_source_known",
        "corrections",
        "warning",
        "A correction's source_sha256 is a file of dim_report or ingest_log.",
    )
    checks.append(known)
    return [
        SuiteDef(
            known.name,
            ROW_ID_COLUMNS["corrections"],
            [gxe.ExpectColumnValuesToBeInSet(column="source_known", value_set=[True], **_tag(known))],
            whole=True,
        )
    ]


def _foreign_key_suite(table: str, checks: list[CheckSpec]) -> SuiteDef:
    fks = FOREIGN_KEYS[table]
    check = CheckSpec(
        f"{table}_foreign_keys",
        table,
        "blocking",
        "Every " + ", ".join(f"{col} resolves in {dim}" for col, (dim, _) in fks.items()) + ".",
    )
    suite = SuiteDef(check.name, ROW_ID_COLUMNS[table])
    for column in fks:
        suite.expectations.append(
            gxe.ExpectColumnValuesToBeInSet(column=f"{column}_resolves", value_set=[True], **_tag(check))
        )
    checks.append(check)
    return suite


def _warning_suites(checks: list[CheckSpec]) -> list[SuiteDef]:
    suites = []
    for name, (total, parts) in FINANCE_IDENTITIES.items():
        check = CheckSpec(
            name,
            "fact_finance",
            "warning",
            f"{' + '.join(parts)} = {total} within {FINANCE_TOLERANCE_WAN_YUAN} 万元 (when all are given).",
        )
        suites.append(
            SuiteDef(
                name,
                ["report_key", "source_file"],
                [
                    gxe.ExpectColumnValuesToBeBetween(
                        column="difference",
                        min_value=-FINANCE_TOLERANCE_WAN_YUAN,
                        max_value=FINANCE_TOLERANCE_WAN_YUAN,
                        **_tag(check),
                    )
                ],
            )
        )
        checks.append(check)

    grade = CheckSpec(
        "evaluation_grade_matches_score",
        "fact_evaluation",
        "warning",
        "Grade agrees with the score band (优 ≥ 90, 良 80–90, 中 60–80, 差 < 60).",
    )
    suites.append(
        SuiteDef(
            grade.name,
            ["report_key", "source_file", "self_score", "grade"],
            [
                gxe.ExpectColumnPairValuesToBeEqual(
                    column_A="grade_band",
                    column_B="score_band",
                    ignore_row_if="either_value_is_missing",
                    **_tag(grade),
                )
            ],
        )
    )
    checks.append(grade)

    reason = CheckSpec(
        "indicator_shortfall_reason",
        "fact_indicator",
        "warning",
        "A missed indicator gives a shortfall reason; an achieved one gives none.",
    )
    suites.append(
        SuiteDef(
            reason.name,
            ["report_key", "source_file", "row_no"],
            [gxe.ExpectColumnValuesToBeInSet(column="reason_state", value_set=["ok"], **_tag(reason))],
        )
    )
    checks.append(reason)

    yoy = CheckSpec(
        "indicator_yoy_jump",
        "fact_indicator",
        "warning",
        "An indicator's actual moves by at most ×/÷ yoy_factor between consecutive years (current reports).",
    )
    suites.append(
        SuiteDef(
            yoy.name,
            ["department_name", "indicator_code", "fiscal_year", "actual_value", "prev_actual_value"],
            [
                gxe.ExpectColumnValuesToBeBetween(
                    column="change_factor", max_value={"$PARAMETER": PARAM_YOY_FACTOR}, **_tag(yoy)
                )
            ],
        )
    )
    checks.append(yoy)

    empty = CheckSpec(
        "report_has_indicators", "dim_report", "warning", "A current report has at least one indicator row."
    )
    suites.append(
        SuiteDef(
            empty.name,
            ["report_key", "source_file"],
            [gxe.ExpectColumnValuesToBeBetween(column="indicator_rows", min_value=1, **_tag(empty))],
        )
    )
    checks.append(empty)

    extraction = CheckSpec(
        "report_extraction_self_checks",
        "dim_report",
        "warning",
        "A current report's own redundancy (Σ分值 = 100, Σ得分 = 总分, 执行率, parts = totals) agrees with "
        "what was read (extraction = ok); a flagged report goes to review.",
    )
    suites.append(
        SuiteDef(
            extraction.name,
            ["report_key", "source_file", "self_checks"],
            [gxe.ExpectColumnValuesToBeInSet(column="extraction", value_set=["ok"], **_tag(extraction))],
        )
    )
    checks.append(extraction)
    return suites


def _build() -> tuple[list[CheckSpec], list[SuiteDef]]:
    checks: list[CheckSpec] = []
    suites = [_table_suite(table, checks) for table in TABLE_COLUMNS]
    suites += [_foreign_key_suite(table, checks) for table in FOREIGN_KEYS]
    suites += _warning_suites(checks)
    suites += _whole_derived_suites(checks)
    return checks, suites


CHECKS, SUITES = _build()
CHECKS_BY_NAME: dict[str, CheckSpec] = {c.name: c for c in CHECKS}
