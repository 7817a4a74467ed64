"""杭州市余杭区市场监督管理局 2022: a three-line indicator table on landscape pages, 良好."""

from __future__ import annotations

import random
from decimal import Decimal

from fixturegen.corpus.common import no_leftovers, paras
from fixturegen.corpus.rows import row
from fixturegen.prose import (
    Money,
    evaluation_sentence,
    finance_paragraphs,
    management_paragraphs,
    problem_paragraphs,
)
from fixturegen.spec import EvaluationTruth, IndicatorTable, PageBreak, ReportSpec, Style, v

NAME = "杭州市余杭区市场监督管理局"
SL, ZL, SX, SH, KC, MY = "数量指标", "质量指标", "时效指标", "社会效益指标", "可持续影响指标", "满意度指标"
R_FOOD = "受疫情防控影响，部分月份无法开展现场抽检，全年抽检批次未达计划。"
R_SPEC = "特种设备定期检验受企业停产影响延期，已督促企业在复产后一个月内完成检验。"
ROWS = (
    row(
        "产出",
        SL,
        "食品安全监督抽检批次",
        v("≥6000批次", ">=", 6000, "批次"),
        v("5620批次", None, 5620, "批次"),
        "批次",
        R_FOOD,
        weight=8,
        score=6.5,
    ),
    row(
        "产出",
        SL,
        "新增市场主体登记数",
        v("≥25000户", ">=", 25000, "户"),
        v("28416户", None, 28416, "户"),
        "户",
        weight=6,
        score=6,
    ),
    row(
        "产出",
        SL,
        "双随机抽查企业数",
        v("3500家", None, 3500, "家"),
        v("3812家", None, 3812, "家"),
        "家",
        weight=6,
        score=6,
    ),
    row(
        "产出",
        SL,
        "特种设备定期检验数量（台）",
        v("≥12000", ">=", 12000),
        v("11380", None, 11380),
        "台",
        R_SPEC,
        weight=6,
        score=5,
    ),
    row(
        "产出",
        ZL,
        "食品抽检不合格产品核查处置率",
        v("100%", None, 100, "%"),
        v("100%", None, 100, "%"),
        "%",
        weight=8,
        score=8,
    ),
    row(
        "产出",
        ZL,
        "投诉举报按时办结率",
        v("≥98%", ">=", 98, "%"),
        v("99.2%", None, 99.2, "%"),
        "%",
        weight=6,
        score=6,
    ),
    row(
        "产出",
        SX,
        "企业开办平均时间",
        v("≤1个工作日", "<=", 1, "个工作日"),
        v("0.5个工作日", None, 0.5, "个工作日"),
        "个工作日",
        weight=6,
        score=6,
    ),
    row(
        "效益",
        SH,
        "亿元GDP特种设备死亡率",
        v("0", None, 0),
        v("0", None, 0),
        None,
        weight=8,
        score=8,
        achieved=True,
    ),
    row(
        "效益",
        SH,
        "药品安全抽检合格率",
        v("≥98%", ">=", 98, "%"),
        v("99.1%", None, 99.1, "%"),
        "%",
        weight=8,
        score=8,
    ),
    row("效益", SH, "重大食品安全事故", v("不发生"), v("未发生"), None, weight=8, score=8),
    row("效益", KC, "市场主体活跃度", v("持续提升"), v("稳步提升"), None, weight=6, score=5),
    row(
        "满意度",
        MY,
        "市场主体满意度",
        v("≥90%", ">=", 90, "%"),
        v("91.3%", None, 91.3, "%"),
        "%",
        weight=10,
        score=10,
    ),
)
FIGS = {
    "expenditure_total": Decimal("21876.54"),
    "expenditure_basic": Decimal("15432.1"),
    "expenditure_project": Decimal("6444.44"),
    "sangong_total": Decimal("38.9"),
    "sangong_overseas": Decimal("0"),
    "sangong_vehicle": Decimal("35.6"),
    "sangong_reception": Decimal("3.3"),
    "procurement_total": Decimal("1876.2"),
    "procurement_goods": Decimal("654.3"),
    "procurement_works": Decimal("0"),
    "procurement_services": Decimal("1221.9"),
    "operating_cost": Decimal("986.45"),
}
SCORE = 84.5


def spec() -> ReportSpec:
    rng = random.Random(3301)
    year = 2022
    title = f"{NAME}{year}年度部门整体支出绩效自评报告"
    fin_pairs, fin_truth = finance_paragraphs(year, FIGS, 1, Money("万元", thousands=False))
    ev_text, ev_snip = evaluation_sentence(SCORE, "良好", 3)
    pairs = [
        ("title", title),
        ("h1", "一、基本情况"),
        (
            "body",
            f"{NAME}为区政府工作部门，内设科室14个，下设市场监督管理所18个，负责全区市场综合监督管理、"
            "市场主体统一登记注册、食品药品和特种设备安全监管、质量和标准化管理等工作。",
        ),
        ("h1", "二、部门整体支出情况"),
        *fin_pairs,
        ("h1", "三、绩效目标完成情况"),
        (
            "body",
            f"{year}年部门整体支出绩效目标共设置12项指标，完成情况见下表（分值合计90分，预算执行率10分另计）。",
        ),
    ]
    after = [
        ("h1", "四、自评结论"),
        ("body", "预算执行率得分8.5分，" + ev_text),
        ("h1", "五、管理情况"),
        *management_paragraphs(rng, "我局", 3),
        ("h1", "六、问题与建议"),
        *problem_paragraphs(rng),
    ]
    pending = {f.anchor: f.source_text for f in fin_truth} | {"evaluation": ev_snip}
    blocks = [
        *paras(pairs, pending),
        PageBreak("landscape"),
        *paras([("caption", "部门整体支出绩效目标完成情况表")]),
        IndicatorTable("threeline", ROWS, repeat_header=False, size=10.5),
        PageBreak("portrait"),
        *paras(after, pending),
    ]
    no_leftovers(pending)
    return ReportSpec(
        file_name="hangzhou-yh-scjgj-2022.pdf",
        department=NAME,
        region="杭州市余杭区",  # contract v2: city and county
        fiscal_year=year,
        report_type="department_overall",
        title=title,
        blocks=tuple(blocks),
        finance=tuple(fin_truth),
        evaluation=EvaluationTruth(SCORE, "良好", "evaluation"),
        style=Style(body_size=15.0, line_height=26.0, margins=(72.0, 72.0, 80.0, 80.0), footer="plain"),
    )
