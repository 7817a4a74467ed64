"""Controlled vocabularies the checks enforce; the one place these lists live on the quality side."""

from __future__ import annotations

SEVERITIES: tuple[str, ...] = ("blocking", "warning")

# Mirrors extract.model.LEVEL1_VALUES / TARGET_OPS (quality may not import extract; a test keeps them equal).
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

MIN_FISCAL_YEAR = 2000

# Printed grade → canonical band. Bands: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60.
GRADE_FORMS: dict[str, str] = {
    "优": "优",
    "优秀": "优",
    "良": "良",
    "良好": "良",
    "中": "中",
    "合格": "中",
    "一般": "中",
    "差": "差",
    "较差": "差",
    "不合格": "差",
}

# Finance identities: total item_code and the item_codes that must add up to it.
FINANCE_IDENTITIES: dict[str, tuple[str, tuple[str, ...]]] = {
    # check name: (total, parts)
    "report_expenditure_adds_up": ("expenditure_total", ("expenditure_basic", "expenditure_project")),
    "report_sangong_adds_up": ("sangong_total", ("sangong_overseas", "sangong_vehicle", "sangong_reception")),
    "report_procurement_adds_up": (
        "procurement_total",
        ("procurement_goods", "procurement_works", "procurement_services"),
    ),
    "report_balance_sheet_adds_up": ("assets_total", ("liabilities_total", "net_assets")),
}
FINANCE_TOLERANCE_WAN_YUAN = 0.01


def score_band(score: float) -> str:
    """The grade band a self-score falls in (优 ≥ 90, 良 80–90, 中 60–80, 差 < 60)."""
    if score >= 90:
        return "优"
    if score >= 80:
        return "良"
    if score >= 60:
        return "中"
    return "差"
