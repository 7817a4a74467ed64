"""湖南省水利厅 2023: central/Hunan 8-column table with a budget block and 总分 row; money in 元."""

from __future__ import annotations

import random
from decimal import Decimal

from fixturegen.corpus.common import no_leftovers, paras
from fixturegen.corpus.rows import row
from fixturegen.prose import (
    Dept,
    Money,
    evaluation_sentence,
    finance_paragraphs,
    management_paragraphs,
    problem_paragraphs,
)
from fixturegen.spec import BudgetBlock, EvaluationTruth, IndicatorTable, ReportSpec, Style, v

DEPT = Dept(
    name="湖南省水利厅",
    region="湖南省",
    short="我厅",
    duties=(
        "省人民政府组成部门，负责保障水资源的合理开发利用，拟订全省水利战略规划和政策",
        "负责生活、生产经营和生态环境用水的统筹和保障，组织实施最严格水资源管理制度，实施水资源的统一监督管理",
        "按规定制定全省水利工程建设有关制度并组织实施，负责提出水利固定资产投资规模、方向、具体安排建议并组织指导实施",
        "指导水资源保护工作，组织编制并实施水资源保护规划，指导饮用水水源保护有关工作，指导地下水开发利用和地下水资源管理保护",
        "负责节约用水工作，拟订节约用水政策，组织编制节约用水规划并监督实施，组织制定有关标准",
        "指导水利设施、水域及其岸线的管理、保护与综合利用，组织指导水利基础设施网络建设，指导重要江河湖泊及河口的治理、开发和保护",
        "指导监督水利工程建设与运行管理，组织实施具有控制性的和跨市州跨流域的重要水利工程建设与运行管理",
        "负责水土保持工作，拟订水土保持规划并监督实施，组织实施水土流失的综合防治、监测预报并定期公告",
        "指导农村水利工作，组织开展大中型灌排工程建设与改造，指导农村饮水安全工程建设管理工作",
        "负责落实综合防灾减灾规划相关要求，组织编制洪水干旱灾害防治规划和防护标准并指导实施，承担水情旱情监测预警工作",
    ),
    works=(
        "全力打好水旱灾害防御主动仗。坚持“预”字当先、“实”字托底，汛前完成水利工程隐患排查整治，全年发布洪水预警"
        "126次，科学调度大中型水库拦蓄洪水，成功应对12轮强降雨过程，实现主要江河堤防和大中型水库无一垮坝溃堤。",
        "加快推进水利基础设施建设。全年完成水利投资412.6亿元，犬木塘水库、椒花水库等重大水利工程建设加快推进，"
        "完成中小河流治理335.6公里、病险水库除险加固43座，新建农村供水工程126处。",
        "持续强化水资源节约集约利用。严格落实用水总量和强度双控，全省万元GDP用水量较上年下降4.1%，"
        "农田灌溉水有效利用系数提高到0.558，建成节水型社会达标县24个。",
        "深入推进河湖长制。全省各级河湖长巡河巡湖32.5万人次，清理整治河湖“四乱”问题1862个，"
        "洞庭湖总体水质保持Ⅳ类，湘资沅澧四水干流水质稳定保持Ⅱ类。",
        "巩固拓展农村饮水安全成果。新增农村供水受益人口13.8万人，农村自来水普及率达到91.5%，"
        "规模化供水工程覆盖农村人口比例达到62%。",
        "提升水利行业管理水平。完成水利工程标准化管理评价复核86处，开展水利工程质量监督检查320次，"
        "全年未发生较大及以上水利生产安全事故。",
    ),
)

REASON_RESERVOIR = "2座水库因征地拆迁问题开工较晚，主体工程已完工，预计2024年汛前完成竣工验收。"
REASON_TIME = (
    "受汛期持续降雨影响，部分工程施工窗口期缩短，工期有所延误，资金拨付相应滞后。"
    "下一步将科学安排施工计划，加强进度调度，对滞后项目实行挂牌督办。"
)
REASON_WATER = "部分供水工程受汛期影响推迟通水，受益人口将在2024年一季度全部覆盖。"

SL, ZL, SX, CB = "数量指标", "质量指标", "时效指标", "经济成本指标"
ROWS = (
    row(
        "产出指标",
        SL,
        "完成中小河流治理长度",
        v("≥320公里", ">=", 320, "公里"),
        v("335.6公里", None, 335.6, "公里"),
        "公里",
        weight=10,
        score=10,
    ),
    row(
        "产出指标",
        SL,
        "完成病险水库除险加固数量",
        v("45座", None, 45, "座"),
        v("43座", None, 43, "座"),
        "座",
        REASON_RESERVOIR,
        weight=10,
        score=8.5,
    ),
    row(
        "产出指标",
        SL,
        "新建农村供水工程处数",
        v("≥120处", ">=", 120, "处"),
        v("126处", None, 126, "处"),
        "处",
        weight=5,
        score=5,
    ),
    row(
        "产出指标",
        ZL,
        "水利工程验收合格率",
        v("100%", None, 100, "%"),
        v("100%", None, 100, "%"),
        "%",
        weight=8,
        score=8,
    ),
    row(
        "产出指标",
        ZL,
        "农村供水工程水质达标率",
        v("≥95%", ">=", 95, "%"),
        v("96.8%", None, 96.8, "%"),
        "%",
        weight=7,
        score=7,
    ),
    row(
        "产出指标",
        SX,
        "项目完工及时率",
        v("≥90%", ">=", 90, "%"),
        v("86%", None, 86, "%"),
        "%",
        REASON_TIME,
        2,
        weight=5,
        score=4,
    ),
    row(
        "产出指标",
        SX,
        "资金拨付及时率",
        v("100%", None, 100, "%"),
        v("92.5%", None, 92.5, "%"),
        "%",
        weight=5,
        score=4,
    ),
    row("成本指标", CB, "项目单位造价控制", v("≤批复概算", "<="), v("未超概算"), None, weight=5, score=5),
    row(
        "效益指标",
        "社会效益指标",
        "新增农村供水受益人口",
        v("≥15万人", ">=", 15, "万人"),
        v("13.8万人", None, 13.8, "万人"),
        "万人",
        REASON_WATER,
        weight=10,
        score=8,
    ),
    row(
        "效益指标", "社会效益指标", "水旱灾害防御能力", v("有效提升"), v("有效提升"), None, weight=5, score=5
    ),
    row(
        "效益指标",
        "生态效益指标",
        "水土流失治理面积",
        v("≥500平方公里", ">=", 500, "平方公里"),
        v("520平方公里", None, 520, "平方公里"),
        "平方公里",
        weight=5,
        score=5,
    ),
    row(
        "效益指标",
        "可持续影响指标",
        "工程长效运行管护机制",
        v("建立健全"),
        v("已建立"),
        None,
        weight=5,
        score=5,
    ),
    row(
        "满意度指标",
        "满意度指标",
        "受益群众满意度",
        v("≥90%", ">=", 90, "%"),
        v("93.6%", None, 93.6, "%"),
        "%",
        weight=10,
        score=10,
    ),
)
BUDGET = BudgetBlock(
    (
        ("资金总额", "18,600.00", "19,500.00", "18,654.32", "10", "95.66%", "9.57"),
        ("其中：基本支出", "4,100.00", "4,300.00", "4,231.87", "/", "98.42%", "/"),
        ("项目支出", "14,500.00", "15,200.00", "14,422.45", "/", "94.88%", "/"),
    )
)
SCORE = 94.07
FIGS = {
    "expenditure_total": Decimal("18654.32"),
    "expenditure_basic": Decimal("4231.87"),
    "expenditure_project": Decimal("14422.45"),
    "budget_total": Decimal("19500"),
    "budget_basic": Decimal("4300"),
    "budget_project": Decimal("15200"),
    "sangong_total": Decimal("123.45"),
    "sangong_overseas": Decimal("0"),
    "sangong_vehicle": Decimal("98.76"),
    "sangong_reception": Decimal("24.69"),
    "procurement_total": Decimal("2345.67"),
    "procurement_goods": Decimal("1000"),
    "procurement_works": Decimal("845.67"),
    "procurement_services": Decimal("500"),
    "assets_total": Decimal("51234.56"),
    "liabilities_total": Decimal("11234.56"),
    "net_assets": Decimal("40000"),
    "fixed_assets_original": Decimal("8876.54"),
    "operating_cost": Decimal("345.67"),
}


def spec() -> ReportSpec:
    """Cover-style title block, long narrative, budget block + indicators in one grid, 总分 row."""
    rng = random.Random(4301)
    year = 2023
    title = f"{DEPT.name}{year}年度部门整体支出绩效自评报告"
    fin_pairs, fin_truth = finance_paragraphs(year, FIGS, 1, Money("元"))
    ev_text, ev_snip = evaluation_sentence(SCORE, "优", 1)
    pairs = [
        ("title", title),
        ("h1", "一、部门基本情况"),
        ("h2", "（一）部门职能"),
        ("body", f"{DEPT.name}是{DEPT.duties[0]}。主要职责是："),
        *[("body", f"{i}.{d}。") for i, d in enumerate(DEPT.duties[1:], start=1)],
        ("h2", "（二）机构设置及人员情况"),
        (
            "body",
            "厅机关内设处室21个，下属二级预算单位12个。年末在职在编人员1126人，其中行政编制186人，事业编制940人；"
            "离退休人员823人。",
        ),
        ("h2", "（三）年度主要工作任务完成情况"),
        *[("body", f"{'一二三四五六七八'[i]}是{w}") for i, w in enumerate(DEPT.works)],
        ("h1", "二、部门整体支出情况"),
        *fin_pairs,
        ("h1", "三、部门整体支出绩效情况"),
        ("h2", "（一）绩效目标完成情况"),
        (
            "body",
            f"{year}年，{DEPT.short}围绕水旱灾害防御、水利工程建设、农村供水保障等重点任务设定部门整体绩效目标，"
            "各项指标总体完成较好，部分指标因客观原因未能全部完成，具体见下表。",
        ),
        ("caption", f"{DEPT.name}{year}年度部门整体支出绩效自评表"),
    ]
    after = [
        ("h2", "（二）自评结论"),
        (
            "body",
            "对照部门整体支出绩效评价指标体系，从预算执行、产出、效益和满意度等方面进行了逐项评价。"
            + ev_text,
        ),
        ("h2", "（三）预算管理情况"),
        *management_paragraphs(rng, DEPT.short, 10),
        ("h1", "四、存在的问题及原因分析"),
        *problem_paragraphs(rng)[:3],
        ("h1", "五、下一步改进措施"),
        *problem_paragraphs(rng)[3:],
        ("h1", "六、部门整体支出绩效自评结果拟应用和公开情况"),
        (
            "body",
            f"{DEPT.short}将自评结果作为编制下年度部门预算、完善管理制度的重要依据，并按规定在厅门户网站公开。",
        ),
        ("sign", f"{DEPT.name}"),
        ("sign", f"{year + 1}年3月28日"),
    ]
    pending = {f.anchor: f.source_text for f in fin_truth} | {"evaluation": ev_snip}
    blocks = [
        *paras(pairs, pending),
        IndicatorTable("central8", ROWS, size=9.0, budget=BUDGET, total_row=("100", f"{SCORE:g}")),
        *paras(after, pending),
    ]
    no_leftovers(pending)
    return ReportSpec(
        file_name="hunan-slt-2023.pdf",
        department=DEPT.name,
        region=DEPT.region,
        fiscal_year=year,
        report_type="department_overall",
        title=title,
        blocks=tuple(blocks),
        finance=tuple(fin_truth),
        evaluation=EvaluationTruth(SCORE, "优", "evaluation"),
        style=Style(body_size=15.0, line_height=27.0, margins=(72.0, 72.0, 80.0, 76.0), footer="cn"),
    )
