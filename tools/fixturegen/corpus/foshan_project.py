"""佛山市南海区教育局 2023 学生资助项目: a 项目支出绩效自评报告 (report_type project), grade 中."""

from __future__ import annotations

from decimal import Decimal

from fixturegen.corpus.common import no_leftovers, paras
from fixturegen.corpus.rows import row
from fixturegen.prose import FinanceWriter, Money, evaluation_sentence
from fixturegen.spec import EvaluationTruth, IndicatorTable, ReportSpec, Style, v

NAME = "佛山市南海区教育局"
PROJECT = "学生资助项目"
SL, ZL, SX, SH, MY = "数量指标", "质量指标", "时效指标", "社会效益指标", "满意度指标"
R_LATE = "第四季度资助资金下达较晚，部分学校未能在学期内完成发放，已于2024年1月发放完毕。"
R_LIST = "资助对象名单需经多部门比对核实，部分学校审核流程较长。"
ROWS = (
    row(
        "产出",
        SL,
        "资助家庭经济困难学生人数",
        v("≥8500人次", ">=", 8500, "人次"),
        v("8126人次", None, 8126, "人次"),
        "人次",
        "实际申请且符合条件的学生少于预期。",
    ),
    row("产出", SL, "免除学杂费学生人数（人）", v("1200", None, 1200), v("1264", None, 1264), "人"),
    row("产出", ZL, "资助对象认定准确率", v("100%", None, 100, "%"), v("100%", None, 100, "%"), "%"),
    row("产出", ZL, "资助资金足额发放率", v("100%", None, 100, "%"), v("100%", None, 100, "%"), "%"),
    row("产出", SX, "资助资金发放及时率", v("≥95%", ">=", 95, "%"), v("82%", None, 82, "%"), "%", R_LATE, 2),
    row("产出", SX, "资助名单公示及时率", v("100%", None, 100, "%"), v("90%", None, 90, "%"), "%"),
    row(
        "效益",
        SH,
        "家庭经济困难学生因贫失学辍学人数",
        v("0人", None, 0, "人"),
        v("0人", None, 0, "人"),
        "人",
        achieved=True,
    ),
    row("效益", SH, "学生资助政策知晓率", v("≥90%", ">=", 90, "%"), v("86.5%", None, 86.5, "%"), "%", R_LIST),
    row("满意度", MY, "受助学生及家长满意度", v("≥90%", ">=", 90, "%"), v("92%", None, 92, "%"), "%"),
)
SCORE = 78.5


def spec() -> ReportSpec:
    year = 2023
    title = f"{NAME}{year}年度{PROJECT}支出绩效自评报告"
    w = FinanceWriter(Money("万元"))
    ev_text, ev_snip = evaluation_sentence(SCORE, "中", 0)
    budget = w.fig("budget_total", Decimal("2360"), "项目年度预算")
    spent = w.fig("expenditure_total", Decimal("2183.72"), "实际支出")
    pairs = [
        ("title", title),
        ("h1", "一、项目基本情况"),
        (
            "body",
            f"{PROJECT}是落实国家、省、市学生资助政策的民生项目，资助对象为区内公办学校家庭经济困难学生，"
            "包括国家助学金、免学杂费补助和区级生活补助三部分。项目主管部门为"
            + NAME
            + "，实施单位为区内各中小学校。",
        ),
        ("h1", "二、项目资金使用及管理情况"),
        (
            "body",
            f"{year}年{budget}，其中中央和省级资金1,380.00万元，区级资金980.00万元；全年{spent}，"
            "预算执行率92.53%。资金实行专账核算，按学期直接发放至学生或监护人账户。",
        ),
        ("h1", "三、项目绩效目标完成情况"),
    ]
    after = [
        ("h1", "四、自评结论"),
        ("body", "对照项目支出绩效自评指标体系，" + ev_text),
        ("h1", "五、存在的问题及改进措施"),
        (
            "body",
            "一是资金下达与发放衔接不够紧密，部分资金发放不及时；二是政策宣传覆盖面仍有不足。"
            "下一步将优化资金拨付流程，加强政策宣传，提高资助工作的精准度和及时性。",
        ),
        ("sign", NAME),
    ]
    pending = {f.anchor: f.source_text for f in w.truths} | {"evaluation": ev_snip}
    blocks = [
        *paras(pairs, pending),
        IndicatorTable("gd6", ROWS, repeat_header=False, size=10.5),
        *paras(after, pending),
    ]
    no_leftovers(pending)
    return ReportSpec(
        file_name="foshan-nh-jyj-xszz-2023.pdf",
        department=NAME,
        region="佛山市南海区",  # contract v2: city and county
        fiscal_year=year,
        report_type="project",
        title=title,
        blocks=tuple(blocks),
        finance=tuple(w.truths),
        evaluation=EvaluationTruth(SCORE, "中", "evaluation"),
        style=Style(body_size=16.0, line_height=28.0, margins=(80.0, 76.0, 90.0, 86.0), footer="dash"),
    )
