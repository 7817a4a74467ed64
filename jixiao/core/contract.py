"""The contract's vocabularies and identities: the one place they are written.

The extractor's own checks and the data-quality suites both read them from here
(warehouse contract version 2, ../shared/docs/warehouse-contract.md in the steering repository;
docs/warehouse.md in this one).
"""

from __future__ import annotations

import re
import unicodedata

REPORT_TYPES: tuple[str, ...] = ("department_overall", "project")
# ingest_log.status: one row per input file per run.
INGEST_STATUSES: tuple[str, ...] = ("loaded", "unchanged", "superseded", "rejected", "quarantined")
# ingest_log.reason_code of a rejected file.
REJECTION_CODES: tuple[str, ...] = (
    "no_text_layer",
    "encrypted",
    "corrupt",
    "not_a_report",
    "unsupported_format",
    "too_large",
    "timeout",
    "parse_error",
)
# ingest_log.reason_code of a quarantined report (parsed, held out by a blocking check).
QUARANTINE_CODE = "dq_blocking"
# Beyond the contract's list (documented in docs/warehouse.md): a report a reviewer's correction file
# took out of the warehouse; its status is "rejected".
RETRACTION_CODE = "retracted"
# corrections.field: what a correction file may set (the contract's command line section), by grammar:
# a report field, finance.<item_code> (FINANCE_ITEMS), indicators.<row_no>.<indicator field>, or the
# retraction of the whole file (beyond the contract, like RETRACTION_CODE; docs/warehouse.md).
CORRECTION_REPORT_FIELDS: tuple[str, ...] = (
    "department",
    "region",
    "fiscal_year",
    "report_type",
    "self_score",
    "grade",
)
# fact_indicator's fields a correction sets, plus level1/level2 (dim_indicator's, which no other row
# addresses by report and row number)
CORRECTION_INDICATOR_FIELDS: tuple[str, ...] = (
    "indicator_name_raw",
    "level1",
    "level2",
    "target_text",
    "target_op",
    "target_value",
    "actual_text",
    "actual_value",
    "unit",
    "achieved",
    "weight",
    "score",
    "shortfall_reason",
    "source_page",
)
RETRACT_FIELD = "retract"
# source_sha256 (dim_report, ingest_log, corrections, correction files): the file's sha256 in lower-case hex
SHA256_PATTERN = r"^[0-9a-f]{64}$"
# dim_report.source_format: how a file was read ("pdf_ocr": a scan read by OCR). The order is also the
# preference between the same report in several formats: the first present is the current one.
SOURCE_FORMATS: tuple[str, ...] = ("pdf", "docx", "xlsx", "xls", "html", "pdf_ocr")
LEVEL1_VALUES: tuple[str, ...] = ("产出", "效益", "满意度", "成本")
TARGET_OPS: tuple[str, ...] = (">=", "<=", ">", "<", "=")
LEVEL2_VALUES: tuple[str, ...] = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "满意度指标",
    "服务对象满意度指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
)

FINANCE_ITEMS: dict[str, tuple[str, str]] = {
    # item_code: (item_name, item_group)
    "expenditure_total": ("决算支出合计", "expenditure"),
    "expenditure_basic": ("基本支出", "expenditure"),
    "expenditure_project": ("项目支出", "expenditure"),
    "budget_total": ("预算合计", "budget"),
    "budget_basic": ("基本支出预算", "budget"),
    "budget_project": ("项目支出预算", "budget"),
    "sangong_total": ("“三公”经费合计", "sangong"),
    "sangong_overseas": ("因公出国（境）费", "sangong"),
    "sangong_vehicle": ("公务用车购置及运行维护费", "sangong"),
    "sangong_reception": ("公务接待费", "sangong"),
    "procurement_total": ("政府采购合计", "procurement"),
    "procurement_goods": ("政府采购货物", "procurement"),
    "procurement_works": ("政府采购工程", "procurement"),
    "procurement_services": ("政府采购服务", "procurement"),
    "assets_total": ("资产总额", "assets"),
    "liabilities_total": ("负债总额", "assets"),
    "net_assets": ("净资产", "assets"),
    "fixed_assets_original": ("固定资产账面原值", "assets"),
    "operating_cost": ("机关运行经费", "operating"),
}

# Finance identities: check name → (total item_code, the item_codes that add up to it).
FINANCE_IDENTITIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "report_expenditure_adds_up": ("expenditure_total", ("expenditure_basic", "expenditure_project")),
    "report_budget_adds_up": ("budget_total", ("budget_basic", "budget_project")),
    "report_sangong_adds_up": ("sangong_total", ("sangong_overseas", "sangong_vehicle", "sangong_reception")),
    "report_procurement_adds_up": (
        "procurement_total",
        ("procurement_goods", "procurement_works", "procurement_services"),
    ),
    "report_balance_sheet_adds_up": ("assets_total", ("liabilities_total", "net_assets")),
}

# Printed grade → canonical band. Bands: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60.
GRADE_FORMS: dict[str, str] = {
    "优": "优",
    "优秀": "优",
    "良": "良",
    "良好": "良",
    "中": "中",
    "中等": "中",
    "合格": "中",
    "及格": "中",
    "一般": "中",
    "差": "差",
    "较差": "差",
    "不合格": "差",
}
# The grade words a report prints, longest first (a regex alternation must try 优秀 before 优).
GRADE_WORDS: tuple[str, ...] = tuple(sorted(GRADE_FORMS, key=len, reverse=True))


def score_band(score: float) -> str:
    """The grade band a self-score falls in (优 ≥ 90, 良 80–90, 中 60–80, 差 < 60)."""
    if score >= 90:
        return "优"
    if score >= 80:
        return "良"
    if score >= 60:
        return "中"
    return "差"


def normalize_level1(text: str | None) -> str | None:
    """产出指标 / 产出指标（50分） → 产出; 满意度指标 → 满意度; None stays None (no hierarchy)."""
    if text is None:
        return None
    flat = re.sub(r"\s", "", unicodedata.normalize("NFKC", text))
    for key in LEVEL1_VALUES:
        if key in flat:
            return key
    if "满意" in flat:
        return "满意度"
    return re.sub(r"指标$", "", flat)
