"""成都市生态环境局 2023: 指标性质 + 计量单位 columns, 反向 indicators, full-width digits, 亿元."""

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
from fixturegen.spec import EvaluationTruth, IndicatorTable, ReportSpec, Style
from jixiao.extract.model import Value

NAME = "成都市生态环境局"
DUTIES = (
    "负责建立健全生态环境基本制度。会同有关部门拟订全市生态环境政策、规划并组织实施，起草地方性法规和政府规章草案",
    "负责重大生态环境问题的统筹协调和监督管理。牵头协调重特大环境污染事故和生态破坏事件的调查处理，指导协调区（市）县政府对重特大突发生态环境事件的应急、预警工作",
    "负责监督管理全市减排目标的落实。组织制定陆地和水体污染物排放总量控制、排污许可证制度并监督实施，提出实施总量控制的污染物名称和控制指标",
    "负责提出生态环境领域固定资产投资规模和方向、市级财政性资金安排的意见，按市政府规定权限审批、核准市级规划内和年度计划规模内固定资产投资项目",
    "负责环境污染防治的监督管理。制定大气、水、海洋、土壤、噪声、光、恶臭、固体废物、化学品、机动车等的污染防治管理制度并监督实施",
    "指导协调和监督生态保护修复工作。组织编制生态保护规划，监督对生态环境有影响的自然资源开发利用活动、重要生态环境建设和生态破坏恢复工作",
    "负责生态环境监测工作。监督实施国家生态环境监测制度和规范，会同有关部门统一规划生态环境质量监测站点设置，组织实施生态环境质量监测、污染源监督性监测",
    "统一负责生态环境监督执法。组织开展全市生态环境保护执法检查活动，查处重大生态环境违法问题，指导全市生态环境保护综合执法队伍建设和业务工作",
)
WORKS = (
    "深入打好蓝天保卫战。聚焦臭氧和细颗粒物协同控制，全年完成挥发性有机物综合治理项目862个，淘汰老旧机动车2.3万辆，"
    "全市细颗粒物（PM2.5）年均浓度35.2微克/立方米，同比下降3.8%，优良天数比例83.7%。",
    "深入打好碧水保卫战。实施岷江、沱江流域水环境综合治理，全市国控断面水质优良率100%，连续三年保持全优，"
    "城市黑臭水体保持动态清零，集中式饮用水水源地水质达标率100%。",
    "深入打好净土保卫战。完成重点建设用地土壤污染状况调查评估138块，受污染耕地安全利用率达到95%以上，"
    "新增危险废物利用处置能力12万吨/年。",
    "持续提升生态环境治理能力。新建空气质量自动监测站点6个，运维站点总数达到30个；开展“双随机、一公开”执法检查"
    "3265家次，查处环境违法案件412件，罚没款4860万元。",
    "服务高质量发展。完成规划环评和项目环评审批1186件，平均审批时限压缩至12个工作日，为重大项目开辟绿色通道。",
)
SL, ZL, SX, CB, ST, SH, MY = (
    "数量指标",
    "质量指标",
    "时效指标",
    "经济成本指标",
    "生态效益指标",
    "社会效益指标",
    "满意度指标",
)
REASON_PETITION = "部分信访件涉及历史遗留问题，办理周期较长，已转入2024年继续办理。"
REASON_HEAVY = "受不利气象条件影响，冬季出现持续静稳天气，重污染天数超过预期。"
REASON_GOOD = "受臭氧污染和不利气象条件叠加影响，优良天数比例未达预期，下一步将强化臭氧前体物协同减排。"


def _v(text: str, op: str | None, number: float | None) -> Value:
    return Value(text, op, number, None)


ROWS = (
    row(
        "产出指标",
        SL,
        "空气质量自动监测站点运维数量",
        _v("≥２８", ">=", 28),
        _v("３０", None, 30),
        "个",
        unit_col="个",
        nature="正向",
    ),
    row(
        "产出指标",
        SL,
        "执法检查企业数量",
        _v("不少于3000", ">=", 3000),
        _v("3265", None, 3265),
        "家次",
        unit_col="家次",
        nature="正向",
    ),
    row(
        "产出指标",
        SL,
        "环境信访办结数量",
        _v("1200", None, 1200),
        _v("1180", None, 1180),
        "件",
        REASON_PETITION,
        unit_col="件",
        nature="正向",
    ),
    row(
        "产出指标",
        ZL,
        "PM2.5年均浓度",
        _v("≤３８", "<=", 38),
        _v("３５．２", None, 35.2),
        "微克/立方米",
        unit_col="微克/立方米",
        nature="反向",
    ),
    row(
        "产出指标",
        ZL,
        "重污染天数",
        _v("5", None, 5),
        _v("7", None, 7),
        "天",
        REASON_HEAVY,
        unit_col="天",
        nature="反向",
    ),
    row(
        "产出指标",
        ZL,
        "国控断面水质优良率",
        _v("不低于95", ">=", 95),
        _v("100", None, 100),
        "%",
        unit_col="%",
        nature="正向",
    ),
    row(
        "产出指标",
        ZL,
        "集中式饮用水水源地水质达标率",
        _v("＝100", "=", 100),
        _v("100", None, 100),
        "%",
        unit_col="%",
        nature="正向",
    ),
    row(
        "产出指标",
        SX,
        "环评审批办结时限",
        _v("＜20", "<", 20),
        _v("12", None, 12),
        "工作日",
        unit_col="工作日",
        nature="反向",
    ),
    row(
        "成本指标",
        CB,
        "监测站点单站年运维成本",
        _v("不高于8.5", "<=", 8.5),
        _v("8.2", None, 8.2),
        "万元/站",
        unit_col="万元/站",
        nature="反向",
    ),
    row(
        "效益指标",
        ST,
        "优良天数比例",
        _v("≥８５．５", ">=", 85.5),
        _v("８３．７", None, 83.7),
        "%",
        REASON_GOOD,
        unit_col="%",
        nature="正向",
    ),
    row(
        "效益指标",
        ST,
        "城市黑臭水体消除比例",
        _v("100", None, 100),
        _v("100", None, 100),
        "%",
        unit_col="%",
        nature="正向",
    ),
    row(
        "效益指标",
        SH,
        "生态环境违法案件查处率",
        _v("100", None, 100),
        _v("100", None, 100),
        "%",
        unit_col="%",
        nature="正向",
    ),
    row(
        "效益指标",
        SH,
        "生态环境宣传教育覆盖面",
        Value("有效扩大"),
        Value("有效扩大"),
        None,
        unit_col="/",
        nature="定性",
    ),
    row(
        "满意度指标",
        MY,
        "公众对生态环境满意度",
        _v("≥85", ">=", 85),
        _v("87.6", None, 87.6),
        "%",
        unit_col="%",
        nature="正向",
    ),
)
EXPENDITURE = {
    "expenditure_total": Decimal("23567.8912"),
    "expenditure_basic": Decimal("5123.4567"),
    "expenditure_project": Decimal("18444.4345"),
}
OTHER = {
    "budget_total": Decimal("24310.5"),
    "budget_basic": Decimal("5200"),
    "budget_project": Decimal("19110.5"),
    "sangong_total": Decimal("56.34"),
    "sangong_overseas": Decimal("4.5"),
    "sangong_vehicle": Decimal("45.12"),
    "sangong_reception": Decimal("6.72"),
    "procurement_total": Decimal("6234.18"),
    "procurement_goods": Decimal("2108.6"),
    "procurement_works": Decimal("356.4"),
    "procurement_services": Decimal("3769.18"),
    "assets_total": Decimal("45678.9"),
    "liabilities_total": Decimal("8765.43"),
    "net_assets": Decimal("36913.47"),
    "fixed_assets_original": Decimal("21345.67"),
    "operating_cost": Decimal("412.35"),
}
SCORE = 92.3


def spec() -> ReportSpec:
    rng = random.Random(5101)
    year = 2023
    title = f"{NAME}{year}年部门整体支出绩效自评报告"
    exp_pairs, exp_truth = finance_paragraphs(year, EXPENDITURE, 2, Money("亿元", thousands=False))
    oth_pairs, oth_truth = finance_paragraphs(year, OTHER, 2, Money("万元"))
    ev_text, ev_snip = evaluation_sentence(SCORE, "优秀", 2)
    pairs = [
        ("title", title),
        ("h1", "一、部门概况"),
        ("h2", "（一）主要职能"),
        *[("body", f"{i}.{d}。") for i, d in enumerate(DUTIES, start=1)],
        ("h2", "（二）年度重点工作"),
        *[("body", f"（{i}）{w}") for i, w in enumerate(WORKS, start=1)],
        ("h1", "二、部门财政资金收支情况"),
        *exp_pairs,
        *[p for p in oth_pairs],
        ("h1", "三、绩效自评开展情况"),
        (
            "body",
            f"按照市财政局统一部署，{'我局'}成立绩效自评工作小组，对照年初设定的部门整体绩效目标，"
            "采取资料核查、数据分析和实地抽查相结合的方式开展自评。",
        ),
        ("h1", "四、绩效目标实现情况"),
        ("body", "部门整体绩效指标共14项，其中定量指标13项、定性指标1项，完成情况如下："),
    ]
    after = [
        ("h1", "五、综合评价结论"),
        ("body", "综合预算执行、产出、效益和满意度情况，" + ev_text),
        ("h1", "六、预算管理情况"),
        *management_paragraphs(rng, "我局", 10),
        ("h1", "七、存在的问题和改进措施"),
        *problem_paragraphs(rng),
    ]
    fin = exp_truth + oth_truth
    pending = {f.anchor: f.source_text for f in fin} | {"evaluation": ev_snip}
    blocks = [
        *paras(pairs, pending),
        IndicatorTable("unitcol", ROWS, repeat_header=True, size=9.5),
        *paras(after, pending),
    ]
    no_leftovers(pending)
    return ReportSpec(
        file_name="chengdu-sthjj-2023.pdf",
        department=NAME,
        region="成都市",
        fiscal_year=year,
        report_type="department_overall",
        title=title,
        blocks=tuple(blocks),
        finance=tuple(fin),
        evaluation=EvaluationTruth(SCORE, "优秀", "evaluation"),
        style=Style(body_size=15.0, line_height=26.0, margins=(76.0, 72.0, 84.0, 80.0), footer="plain"),
    )
