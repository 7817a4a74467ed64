"""Failure classes of reports made on templates the parser was not written against (issue 14).

Each class is tested twice: on a grid built here (the table-to-rows assembler takes grids of cells,
whatever the file format), and on the blind genre corpus's train split (tests/fixtures/genre/train/),
whose truth files were written from template descriptions by someone who had not read the parser.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fixturegen.render.fonts import CJK, LATIN, char_width, font_for, register
from reportlab.pdfgen.canvas import Canvas
from truthcompare import compare

from jixiao.extract import ParsedReport, parse_report
from jixiao.extract.fastpage import FastPage
from jixiao.extract.finance_tables import find_table_finance
from jixiao.extract.indicators import IndicatorAssembler, header_field
from jixiao.extract.metadata import find_metadata, title_lines
from jixiao.extract.model import FinanceFigure
from jixiao.extract.scale import implausible_block, rescale_block
from jixiao.extract.tables import Grid, GridCell, open_feet, page_grids

TRAIN = Path(__file__).resolve().parent / "fixtures" / "genre" / "train"


@cache
def parsed(stem: str) -> ParsedReport:
    return parse_report(TRAIN / f"{stem}.pdf")


def truth(stem: str) -> dict:
    return json.loads((TRAIN / f"{stem}.json").read_text(encoding="utf-8"))


def grid(rows: list[list[str | None]], page: int = 1) -> Grid:
    """A ruled grid from rows of cell texts; None continues the merged cell to its left."""
    out: list[list[GridCell | None]] = []
    for r, row in enumerate(rows):
        cells: list[GridCell | None] = []
        for c, text in enumerate(row):
            if text is None:
                cells.append(None)
                continue
            span = 1
            while c + span < len(row) and row[c + span] is None:
                span += 1
            top = 20.0 * r
            cells.append(GridCell(50.0 * c, 50.0 * (c + span), top, top + 20, text, [text]))
        out.append(cells)
    return Grid(page, 0, 20.0 * len(rows), 800, out)


# --- 1. columns by meaning ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("年度指标值", "target"),
        ("年初指标值", "target"),
        ("预期值", "target"),
        ("目标值", "target"),
        ("绩效目标值", "target"),
        ("指标值", "target"),
        ("调整指标值", "adjusted_target"),
        ("调整后指标值", "adjusted_target"),
        ("实际完成值", "actual"),
        ("全年完成值", "actual"),
        ("实现值", "actual"),
        ("完成值", "actual"),
        ("实际值", "actual"),
        ("全年实际值", "actual"),
        ("分值", "weight"),
        ("指标权重（分）", "weight"),
        ("权重", "weight"),
        ("得分", "score"),
        ("指标得分（分）", "score"),
        ("得分系数（%）", "score_rate"),
        ("计量单位", "unit"),
        ("度量单位", "unit"),
        ("指标单位", "unit"),
        ("指标值单位", "unit"),
        ("单位", "unit"),
        ("指标性质", "nature"),
        ("是否核心指标", "core"),
        ("偏差原因", "reason"),
        ("未完成原因", "reason"),
        ("偏差原因分析及改进措施", "reason"),
        ("未完成原因分析", "reason"),
        ("指标解释", "explain"),
        ("一级指标", "level1"),
        ("二级指标", "level2"),
        ("三级指标", "name"),
        ("指标名称", "name"),
        ("标准分", "weight"),
        ("自评分", "score"),
        ("指标内容", "name"),
        ("年初预算数", None),
    ],
)
def test_header_vocabulary(header: str, field: str | None) -> None:
    assert header_field(header) == field


def test_table_without_hierarchy_header_block_and_budget_block() -> None:
    """Chongqing 部门整体绩效自评表: no 一级/二级 columns, 调整指标值 over 年初指标值, a header block and a
    budget block without row labels."""
    assembler = IndicatorAssembler()
    assembler.feed(
        grid(
            [
                ["主管部门", "重庆市林业局", None, None, "自评总分（分）", "99.26", None, None, None, None],
                [
                    "年初预算数",
                    "全年（调整）预算数",
                    None,
                    "全年执行数",
                    "执行率（%）",
                    None,
                    "执行率权重（分）",
                    "执行率得分（分）",
                    None,
                    None,
                ],
                ["126,543.21", "148,210.56", None, "141,236.78", "95.29", None, "10", "9.53", None, None],
                [
                    "指标名称",
                    "计量单位",
                    "指标性质",
                    "年初指标值",
                    "调整指标值",
                    "全年完成值",
                    "得分系数（%）",
                    "指标权重（分）",
                    "指标得分（分）",
                    "是否核心指标",
                ],
                ["新增营造林面积", "万亩", "定量指标", "≥400", "", "436.5", "100", "10", "10", "是"],
                ["新建国家储备林面积", "万亩", "定量指标", "≥25", "≥20", "21.3", "100", "8", "8", "否"],
                ["珍稀濒危野生动植物保护", "", "定性指标", "有效保护", "", "有效保护", "100", "6", "6", "否"],
            ]
        ),
        False,
    )
    result = assembler.result()
    assert result.total_score == 99.26
    assert result.form == {"competent": "重庆市林业局"}
    assert {f.item_code: str(f.amount_wan_yuan) for f in result.finance} == {
        "budget_total": "148210.56",
        "expenditure_total": "141236.78",
    }
    assert result.budget_rate == (95.29, 10.0, 9.53)
    first, adjusted, qualitative = result.rows
    assert (first.level1, first.level2, first.unit, first.weight, first.score) == (None, None, "万亩", 10, 10)
    assert (first.target.op, first.target.number, first.actual.number, first.achieved) == (
        ">=",
        400,
        436.5,
        True,
    )
    assert adjusted.target.text == "≥20"  # 调整指标值 when printed
    assert (qualitative.unit, qualitative.direction, qualitative.achieved) == (None, None, True)


def test_a_column_header_with_a_self_score_column_after_a_budget_block_starts_the_table() -> None:
    """A form's budget block, then the indicator header "… | 权重 | 自评得分 | 未完成原因": 自评得分 is a
    column there, not the label of the form's total, so the header starts the table (a reportlab form)."""
    assembler = IndicatorAssembler()
    assembler.feed(
        grid(
            [
                ["预算执行情况（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率"],
                ["资金总额", "8,652.30", "9,318.76", "8,947.12", "96.01%"],
            ]
        ),
        False,
    )
    assembler.feed(
        grid(
            [
                [
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "计量单位",
                    "目标值",
                    "完成值",
                    "权重",
                    "自评得分",
                    "未完成原因",
                ],
                ["产出指标", "数量指标", "开展公共文化惠民演出", "场次", "≥600", "648", "8", "8", "/"],
                [
                    None,
                    None,
                    "接待国内游客",
                    "万人次",
                    "12000",
                    "11235.6",
                    "8",
                    "6",
                    "客源市场恢复慢于预期。",
                ],
            ]
        ),
        False,
    )
    result = assembler.result()
    assert [(r.name, r.unit, r.weight, r.score) for r in result.rows] == [
        ("开展公共文化惠民演出", "场次", 8, 8),
        ("接待国内游客", "万人次", 8, 6),
    ]
    assert result.rows[1].achieved is False and result.total_score is None


def test_operator_in_its_own_column_and_rows_below_the_table() -> None:
    """Sichuan: ≥ / = / ≤ printed in 指标性质; 合计 prints only Σ分值; the form's rows follow the table."""
    assembler = IndicatorAssembler()
    assembler.feed(
        grid(
            [
                [
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "指标性质",
                    "指标值",
                    "度量单位",
                    "完成值",
                    "权重",
                    "得分",
                    "未完成原因分析",
                ],
                ["产出指标", "数量指标", "补贴发放面积", "≥", "18.6", "万亩", "18.72", "20", "20", ""],
                [None, "时效指标", "补贴发放及时率", "=", "100", "%", "", "10", "", ""],
                ["效益指标", "社会效益指标", "耕地撂荒率", "≤", "3", "%", "2.1", "10", "10", ""],
                ["合计", None, None, None, None, None, None, "100", "", None],
                [
                    "评价结论",
                    "结合自评情况，说明项目自评总分，说明项目实施取得的成效或成果。",
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                ],
            ]
        ),
        False,
    )
    result = assembler.result()
    assert [r.name for r in result.rows] == ["补贴发放面积", "补贴发放及时率", "耕地撂荒率"]
    assert [r.target.op for r in result.rows] == [">=", "=", "<="]
    assert [r.achieved for r in result.rows] == [True, None, True]
    assert result.rows[1].score is None
    assert result.total_score is None


def test_one_small_table_per_level1_group_takes_level1_from_its_caption() -> None:
    assembler = IndicatorAssembler()
    for caption, name in (("（一）产出指标", "培训人次"), ("（二）效益指标", "群众满意度")):
        table = grid([["指标名称", "指标值", "实际完成值"], [name, "≥100", "120"]])
        table.text_above = "三、绩效指标完成情况" + caption
        assembler.feed(table, False)
    rows = assembler.result().rows
    assert [(r.level1, r.level2, r.name) for r in rows] == [
        ("产出", None, "培训人次"),
        ("效益", None, "群众满意度"),
    ]


def test_a_caption_drawn_as_the_first_row_of_each_small_table_gives_its_level1() -> None:
    assembler = IndicatorAssembler()
    for caption, name in (("（一）产出指标", "培训人次"), ("（二）效益指标", "群众满意度")):
        table = grid([[caption, None, None], ["指标名称", "指标值", "实际完成值"], [name, "≥100", "120"]])
        table.text_above = "三、绩效指标完成情况"
        assembler.feed(table, False)
    rows = assembler.result().rows
    assert [(r.level1, r.name) for r in rows] == [("产出", "培训人次"), ("效益", "群众满意度")]


def test_budget_header_is_not_an_instruction_sentence() -> None:
    assembler = IndicatorAssembler()
    assembler.feed(
        grid(
            [
                [
                    "年度预算数(万元)",
                    "年初预算",
                    "调整后预算数",
                    "预算执行数",
                    "预算执行率",
                    "权重",
                    "得分",
                    "原因",
                ],
                [
                    "总额",
                    "1200.00",
                    "1236.48",
                    "1236.48",
                    "100.00%",
                    "10",
                    "10",
                    "1.预算执行率=预算执行数/调整后预算数，未达到90%的需说明原因",
                ],
            ]
        ),
        False,
    )
    amounts = {f.item_code: str(f.amount_wan_yuan) for f in assembler.result().finance}
    assert amounts == {"budget_total": "1236.48", "expenditure_total": "1236.48"}


# --- 2. metadata from forms and titles -------------------------------------------------------------


def test_two_line_title_year_before_the_body_year() -> None:
    page = "2021 年茂名市发展和改革局整体支出\n绩效自评报告\n按照市财政局关于做好 2022 年预算绩效管理工作的部署，结合我局 2022 年重点工作。"  # noqa: E501
    meta = find_metadata(page, page.replace("\n", ""))
    assert (meta.title, meta.department, meta.fiscal_year) == (
        "2021年茂名市发展和改革局整体支出绩效自评报告",
        "茂名市发展和改革局",
        2021,
    )


def test_cover_title_with_the_year_in_brackets_and_a_unit_field() -> None:
    page = (
        "华容县部门整体支出\n绩效评价自评报告\n（2022 年度）\n部门(单位)名称：华容县水利局\n预算编码：613001"
    )
    meta = find_metadata(page, page.replace("\n", ""))
    assert (meta.title, meta.department, meta.fiscal_year, meta.region) == (
        "华容县部门整体支出绩效评价自评报告（2022年度）",
        "华容县水利局",
        2022,
        "岳阳市华容县",
    )


def test_project_form_department_is_the_competent_body_without_its_code() -> None:
    page = "项目支出绩效自评表\n（2020 年度）\n项目名称 棠溪镇农村人居环境整治提升项目"
    form = {
        "competent": "219-池州市贵池区棠溪镇人民政府",
        "implementer": "219001-池州市贵池区棠溪镇人民政府本级",
    }
    meta = find_metadata(page, page.replace("\n", ""), form=form)
    assert (meta.department, meta.report_type, meta.fiscal_year) == (
        "池州市贵池区棠溪镇人民政府",
        "project",
        2020,
    )
    assert (meta.area.province, meta.area.city, meta.area.county, meta.area.adcode) == (
        "安徽省",
        "池州市",
        "贵池区",
        "341702",
    )


def test_a_line_above_the_title_is_not_part_of_it() -> None:
    page = "报表编号:510000_0013zp\n部门预算项目支出绩效自评表(2021 年度)\n项目名\n称"
    assert title_lines(page) == "部门预算项目支出绩效自评表(2021年度)"


# --- the corpus ------------------------------------------------------------------------------------

CLASSES = {
    "chongqing-lyj-2023": "table without hierarchy, header and budget blocks",
    "chizhou-tangxi-rjhj-2020": "主管部门 with a code prefix, wrapped",
    "maoming-fgj-2021": "two-line title, another year in the body",
    "central-lcghy-2019": "negative, range and 约 values; two-row header",
    "ningbo-beilun-jxj-2022": "achieved: identical qualitative pair, sentence threshold",
    "meishan-hongya-nyncj-gdbt-2021": "operator column, empty cells, rows below the table",
    "yichun-yuanzhou-zjj-2024": "three-line table, a label cut by the page break",
    "hengyang-hengshan-guantang-2021": "a form inside a 决算 volume; finance from the 决算 tables",
    "yueyang-huarong-slj-2022": "cover title with （2022 年度）; 支出 and 三公 tables; 自评得分 field",
}


@pytest.mark.parametrize("stem", sorted(CLASSES))
def test_genre_report_matches_its_truth(stem: str) -> None:
    diffs, _ = compare(truth(stem), parsed(stem))
    assert not diffs, f"{stem} ({CLASSES[stem]}):\n  " + "\n  ".join(diffs)


# --- finance tables -------------------------------------------------------------------------------


def test_finance_from_statement_tables_takes_the_spent_row() -> None:
    page = (
        "二、支出决算表\n单位：万元\n项目 合计 基本支出 项目支出\n合计 1,594.11 726.48 867.63\n"
        "一般公共服务支出 598.41 512.36 86.05\n三、“三公”经费支出决算表\n单位：万元\n"
        "项目 合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费\n预算数 10.50 0.00 7.00 3.50\n"
        "决算数 9.86 0.00 6.40 3.46\n"
    )
    figures = {f.item_code: (str(f.amount_wan_yuan), f.source_text) for f in find_table_finance(["", page])}
    assert figures == {
        "expenditure_total": ("1594.11", "合计 1,594.11"),
        "expenditure_basic": ("726.48", "基本支出 726.48"),
        "expenditure_project": ("867.63", "项目支出 867.63"),
        "sangong_total": ("9.86", "合计 9.86"),
        "sangong_overseas": ("0.00", "因公出国（境）费 0.00"),
        "sangong_vehicle": ("6.40", "公务用车购置及运行维护费 6.40"),
        "sangong_reception": ("3.46", "公务接待费 3.46"),
    }


def test_a_budget_table_gives_no_spending() -> None:
    page = "部门预算表\n单位：元\n项目 合计 基本支出 项目支出\n合计 1,000,000.00 600,000.00 400,000.00\n"
    assert find_table_finance([page]) == []


# --- failure classes of real documents (report-genre.md "Real quirks"; the classes split) -----------

HEAD = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
CLASS_SPLIT = Path(__file__).resolve().parent / "fixtures" / "genre" / "classes"
REAL_CLASSES = {
    "pingjiang-wlj-2017": "2017 score table: 一级 | 二级 | 三级 | 评分标准 | 分值 | 得分, 投入/过程 groups",
    "yudu-nyj-2017": "2017 score table: 分值 | 得分 only, groups printed with their points",
    "liuyang-wlj-2022": "二级 label cut by the page break under a repeated header (服务对象 | 满意度指标)",
    "xiangxiang-wgxj-2022": "numbered names; a row cut by the page break under a repeated header",
    "ruijin-sjj-2017": "2017 得分表 without a 分值 column: the points printed in each label (相关性（5分）)",
    "sanming-dfz-2018": "Fujian block in 元 under （万元）, the budget stated in 万元 elsewhere: converted",
    "nanping-dag-2018": "Fujian block in 元 under （万元）, no other evidence: kept as printed, flagged",
}


@pytest.mark.parametrize("stem", sorted(REAL_CLASSES))
def test_real_class_report_matches_its_truth(stem: str) -> None:
    truth_file = json.loads((CLASS_SPLIT / f"{stem}.json").read_text(encoding="utf-8"))
    diffs, _ = compare(truth_file, parse_report(CLASS_SPLIT / f"{stem}.pdf"))
    assert not diffs, f"{stem} ({REAL_CLASSES[stem]}):\n  " + "\n  ".join(diffs)


def test_score_only_table_gives_rows_without_target_or_actual() -> None:
    """一级 | 二级 | 三级 | 评分标准 | 分值 | 得分: a row per 三级指标; 投入 is no level1 of the contract."""
    assembler = IndicatorAssembler()
    assembler.feed(
        grid(
            [
                ["一级指标", "二级指标", "三级指标", "评分标准", "分值", "得分"],
                ["投入", "预算配置", "在职人员控制率", "控制在编制内得满分", "4", "4"],
                ["", "", "“三公”经费变动率", "较上年下降得满分", "3", "2.5"],
                ["产出（30分）", "数量指标", "文化惠民演出场次（场）", "完成150场得满分", "10", "9"],
                ["总分", None, None, None, "17", "15.5"],
            ]
        ),
        False,
    )
    result = assembler.result()
    assert [(r.level1, r.level2, r.name, r.weight, r.score) for r in result.rows] == [
        (None, "预算配置", "在职人员控制率", 4, 4),
        (None, "预算配置", "“三公”经费变动率", 3, 2.5),
        ("产出", "数量指标", "文化惠民演出场次（场）", 10, 9),
    ]
    for row in result.rows:
        assert (row.target.text, row.target.op, row.target.number, row.target.unit) == ("", None, None, None)
        assert (row.actual.text, row.actual.number, row.achieved) == ("", None, None)
    assert result.rows[2].unit == "场"
    assert result.total_score == 15.5


def test_score_table_without_a_weight_column_takes_the_points_printed_in_the_label() -> None:
    assembler = IndicatorAssembler()
    assembler.feed(
        grid(
            [
                ["一级指标", "二级指标", "三级指标", "得分"],
                ["部门决策（25分）", "目标任务（15分）", "相关性(5 分)", "5"],
                ["", "", "明确性（5分）", "4.5"],
                ["", "", "合理性", "5"],
            ]
        ),
        False,
    )
    rows = assembler.result().rows
    assert [(r.level1, r.level2, r.weight, r.score) for r in rows] == [
        (None, "目标任务（15分）", 5, 5),
        (None, "目标任务（15分）", 5, 4.5),
        (None, "目标任务（15分）", None, 5),
    ]


def test_a_scoring_sheet_after_a_table_of_targets_and_actuals_adds_no_rows() -> None:
    assembler = IndicatorAssembler()
    assembler.feed(grid([HEAD, ["产出指标", "数量指标", "演出场次", "≥80场", "85场", "10", "10"]]), False)
    assembler.feed(
        grid(
            [
                ["一级指标", "二级指标", "三级指标", "分值", "得分"],
                ["投入", "预算配置", "在职人员控制率", "4", "4"],
            ]
        ),
        False,
    )
    assert [r.name for r in assembler.result().rows] == ["演出场次"]


def test_a_scoring_header_without_scores_is_not_an_indicator_table() -> None:
    """一级 | 二级 | 三级 | 评分标准 without 分值 and 得分 is an indicator system, not a table of results."""
    assembler = IndicatorAssembler()
    assembler.feed(
        grid(
            [["一级指标", "二级指标", "三级指标", "评分标准"], ["投入", "预算配置", "在职人员控制率", "满分"]]
        ),
        False,
    )
    assert assembler.result().rows == []


@pytest.mark.parametrize(("head", "tail"), [("服务对象", "满意度指标"), ("服务对象满", "意度指标")])
def test_level2_label_cut_by_the_page_break_under_a_repeated_header(head: str, tail: str) -> None:
    assembler = IndicatorAssembler()
    assembler.feed(
        grid(
            [
                HEAD,
                ["效益指标", "社会效益指标", "参与人次", "≥5万", "5.2万", "10", "10"],
                ["满意度指标", head, "观众满意度", "≥90%", "93%", "5", "5"],
            ]
        ),
        False,
    )
    assembler.feed(grid([HEAD, ["", tail, "读者满意度", "≥90%", "92%", "5", "5"]], page=2), True)
    rows = assembler.result().rows
    assert [(r.level1, r.level2) for r in rows[1:]] == [("满意度", "服务对象满意度指标")] * 2


def test_a_label_of_its_own_after_a_cut_head_is_not_joined_outside_the_vocabulary() -> None:
    """ "数量" at a page foot, "质量指标" under the repeated header: two labels (数量质量指标 is none)."""
    assembler = IndicatorAssembler()
    assembler.feed(grid([HEAD, ["产出指标", "数量", "演出场次", "≥80场", "85场", "5", "5"]]), False)
    assembler.feed(grid([HEAD, ["", "质量指标", "覆盖率", "≥99%", "99.3%", "5", "5"]], page=2), True)
    assert [r.level2 for r in assembler.result().rows] == ["数量", "质量指标"]


def test_row_cut_by_the_page_break_under_a_repeated_header_is_one_row() -> None:
    """The last characters of a name and its values ("人" | "次") under the repeated header, with the
    row's 分值 and 得分 left on the page before: the tail of that row, not a row of its own."""
    assembler = IndicatorAssembler()
    assembler.feed(
        grid([HEAD, ["效益指标", "社会效", "指标8：群众文化活动参与人", "≥30000人", "31500人", "10", "10"]]),
        False,
    )
    assembler.feed(
        grid(
            [
                HEAD,
                ["", "益指标", "次", "次", "次", "", ""],
                ["", "", "指标9：运行机制", "长效", "长效", "10", "9"],
            ],
            page=2,
        ),
        True,
    )
    rows = assembler.result().rows
    assert [(r.level2, r.name, r.target.text, r.actual.text, r.weight) for r in rows] == [
        ("社会效益指标", "指标8：群众文化活动参与人次", "≥30000人次", "31500人次", 10),
        ("社会效益指标", "指标9：运行机制", "长效", "长效", 10),
    ]


def test_a_caption_row_repeated_with_the_header_on_the_next_page_is_not_an_indicator() -> None:
    """A caption spanning the table over a two-row header, both repeated on the continuation page."""
    caption = ["年度绩效指标完成情况", None, None, None, None, None, None]
    assembler = IndicatorAssembler()
    assembler.feed(
        grid([caption, HEAD, ["产出指标", "数量指标", "培训人次", "≥500", "520", "10", "10"]]), False
    )
    assembler.feed(
        grid(
            [
                caption,
                HEAD,
                ["效益指标", "社会效益指标", "入学率", "100%", "100%", "8", "8"],
                ["", "可持续影响指标", "长效机制", "健全", "健全", "6", "6"],
            ],
            page=2,
        ),
        True,
    )
    rows = assembler.result().rows
    assert [(r.level1, r.level2, r.name, r.target.text) for r in rows] == [
        ("产出", "数量指标", "培训人次", "≥500"),
        ("效益", "社会效益指标", "入学率", "100%"),
        ("效益", "可持续影响指标", "长效机制", "健全"),
    ]


def test_a_group_heading_row_spanning_the_table_gives_the_level1_of_the_rows_below() -> None:
    heading = ["一、产出指标", None, None, None, None]
    assembler = IndicatorAssembler()
    assembler.feed(
        grid(
            [
                ["二级指标", "三级指标", "指标值", "实际完成值", "得分"],
                heading,
                ["数量指标", "培训人次", "≥500", "520", "10"],
                ["二、满意度指标", None, None, None, None],
                ["服务对象满意度指标", "群众满意度", "≥90%", "93%", "10"],
            ]
        ),
        False,
    )
    rows = assembler.result().rows
    assert [(r.level1, r.name) for r in rows] == [("产出", "培训人次"), ("满意度", "群众满意度")]


def test_a_name_wider_than_its_column_keeps_the_characters_that_run_over_the_rule(tmp_path: Path) -> None:
    """A program drawing a form (reportlab) does not wrap a cell: the name's closing bracket runs over the
    column rule, its centre beyond it, and still belongs to the name, not to the target cell."""
    register()
    xs, ys = (60, 174, 260, 350), (700, 680, 660)  # column rules; row rules (PDF y, bottom-up)
    pdf = tmp_path / "overflow.pdf"
    canvas = Canvas(str(pdf), pagesize=(595, 842))
    for y in ys:
        canvas.line(xs[0], y, xs[-1], y)
    for x in xs:
        canvas.line(x, ys[0], x, ys[-1])
    canvas.setFont(CJK, 9)
    for x, label in zip(xs, ("三级指标", "指标值", "实际完成值"), strict=False):
        canvas.drawString(x + 6, 686, label)
    canvas.drawString(63, 666, "举办全民健身赛事活动（场）")  # 117 pt in a 114 pt column
    canvas.setFont(LATIN, 9)
    canvas.drawString(206, 666, "30")
    canvas.drawString(296, 666, "12")
    canvas.save()
    document = pdfium.PdfDocument(pdf)
    (table,) = page_grids(FastPage(document[0]), 1)
    document.close()
    assert [[c.text for c in row if c] for row in table.rows] == [
        ["三级指标", "指标值", "实际完成值"],
        ["举办全民健身赛事活动（场）", "30", "12"],
    ]


def _open_foot_pdf(path: Path, *, inner_rule_below: bool) -> None:
    """A form at a page foot whose 一级 and 二级 cells go on over the page break, drawn as a spreadsheet
    prints them: their column rules reach the foot, the bottom rule runs only under the cells that end
    there. With ``inner_rule_below`` the left rule goes on down: the cells are merged inside the table."""
    register()
    xs, ys = (60, 120, 180, 300, 380, 460), (400, 380, 360, 340)  # column rules; row rules (PDF y, bottom-up)
    canvas = Canvas(str(path), pagesize=(595, 842))
    canvas.line(xs[0], ys[0], xs[-1], ys[0])
    canvas.line(xs[0], ys[1], xs[-1], ys[1])
    canvas.line(xs[2], ys[2], xs[-1], ys[2])
    canvas.line(xs[2], ys[3], xs[-1], ys[3])  # the foot: nothing under 一级 and 二级
    for x in xs:
        canvas.line(x, ys[0], x, ys[3] - (30 if inner_rule_below and x == xs[0] else 0))
    canvas.setFont(CJK, 9)
    for x, label in zip(xs, ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"), strict=False):
        canvas.drawString(x + 4, 386, label)
    canvas.drawString(xs[2] + 4, 366, "家庭医生签约人数")
    canvas.drawString(xs[2] + 4, 346, "规范管理率")
    canvas.drawString(xs[0] + 4, 345, "产出指标")  # centred on the cell's whole height, over two pages
    canvas.drawString(xs[1] + 4, 355, "数量指标")
    canvas.setFont(LATIN, 9)
    for y, target, actual in ((366, "32.5", "33.12"), (346, "60%", "63.5%")):
        canvas.drawString(xs[3] + 6, y, target)
        canvas.drawString(xs[4] + 6, y, actual)
    canvas.save()


def test_merged_cells_left_open_at_the_page_foot_keep_their_text(tmp_path: Path) -> None:
    pdf = tmp_path / "foot.pdf"
    _open_foot_pdf(pdf, inner_rule_below=False)
    document = pdfium.PdfDocument(pdf)
    (table,) = page_grids(FastPage(document[0]), 1)
    document.close()
    assert [[c.text if c else None for c in row] for row in table.rows] == [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"],
        ["产出指标", "数量指标", "家庭医生签约人数", "32.5", "33.12"],
        [None, None, "规范管理率", "60%", "63.5%"],
    ]


def test_a_rule_going_on_below_marks_no_table_foot(tmp_path: Path) -> None:
    """The left rule goes on below the partial rule: it is not the foot, and no rule is added there."""
    pdf = tmp_path / "inner.pdf"
    _open_foot_pdf(pdf, inner_rule_below=True)
    document = pdfium.PdfDocument(pdf)
    page = FastPage(document[0])
    document.close()
    assert open_feet(page.edges) == []


def test_a_merged_cell_s_text_centred_below_the_page_s_part_of_the_table_is_its_own(tmp_path: Path) -> None:
    """A browser centres a merged cell's text on its whole height: with the page broken inside the merged
    rows, "产出指标" and "数量指标" are drawn under the page's part of the table, in their columns. A
    page number under an empty cell of the last row only is not cell text."""
    register()
    xs, ys = (60, 110, 170, 300, 370, 440, 500), (500, 480, 460, 440)  # column rules; row rules
    pdf = tmp_path / "overhang.pdf"
    canvas = Canvas(str(pdf), pagesize=(595, 842))
    canvas.line(xs[0], ys[0], xs[-1], ys[0])
    canvas.line(xs[0], ys[1], xs[-1], ys[1])
    canvas.line(xs[2], ys[2], xs[-1], ys[2])
    canvas.line(xs[0], ys[3], xs[-1], ys[3])
    for x in xs:
        canvas.line(x, ys[0], x, ys[3])
    canvas.setFont(CJK, 9)
    for x, label in zip(
        xs, ("一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "原因"), strict=False
    ):
        canvas.drawString(x + 3, 486, label)
    canvas.drawString(xs[2] + 3, 466, "学生资助人数")
    canvas.drawString(xs[2] + 3, 446, "校舍面积")
    canvas.drawString(xs[1] + 3, 400, "数量指标")  # centred on rows that go on over the next page
    canvas.drawString(xs[0] + 3, 370, "产出指标")
    canvas.setFont(LATIN, 9)
    for y, target, actual in ((466, "6500", "6832"), (446, "12000", "12360")):
        canvas.drawString(xs[3] + 6, y, target)
        canvas.drawString(xs[4] + 6, y, actual)
    canvas.drawString(xs[5] + 20, 340, "- 3 -")  # the page number, under the empty reason cells
    canvas.save()
    document = pdfium.PdfDocument(pdf)
    (table,) = page_grids(FastPage(document[0]), 1)
    document.close()
    assert [[c.text if c else None for c in row] for row in table.rows] == [
        ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "原因"],
        ["产出指标", "数量指标", "学生资助人数", "6500", "6832", ""],
        [None, None, "校舍面积", "12000", "12360", ""],
    ]
    assert table.text_below == "-3-"


def test_a_page_s_one_row_of_merged_cells_takes_only_a_label_drawn_under_it(tmp_path: Path) -> None:
    """The page broke after the merged rows' first row: its empty 一级/二级 cells take the labels drawn
    under the table, but an empty value cell of that row does not take the caption printed under it."""
    register()
    xs, ys = (60, 110, 170, 300, 370, 440, 500), (500, 480, 460)  # column rules; row rules
    pdf = tmp_path / "one-row.pdf"
    canvas = Canvas(str(pdf), pagesize=(595, 842))
    for y in ys:
        canvas.line(xs[0], y, xs[-1], y)
    for x in xs:
        canvas.line(x, ys[0], x, ys[-1])
    canvas.setFont(CJK, 9)
    for x, label in zip(
        xs, ("一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "原因"), strict=False
    ):
        canvas.drawString(x + 3, 486, label)
    canvas.drawString(xs[2] + 3, 466, "学生资助人数")
    canvas.drawString(xs[5] + 3, 440, "单位：人")  # under the empty reason cell
    canvas.drawString(xs[1] + 3, 400, "数量指标")
    canvas.drawString(xs[0] + 3, 370, "产出指标")
    canvas.setFont(LATIN, 9)
    canvas.drawString(xs[3] + 6, 466, "6500")
    canvas.drawString(xs[4] + 6, 466, "6832")
    canvas.save()
    document = pdfium.PdfDocument(pdf)
    (table,) = page_grids(FastPage(document[0]), 1)
    document.close()
    assert [c.text if c else None for c in table.rows[-1]] == [
        "产出指标",
        "数量指标",
        "学生资助人数",
        "6500",
        "6832",
        "",
    ]
    assert table.text_below == "单位：人"


def _draw(canvas: Canvas, x: float, y: float, text: str, *, centred: bool = False) -> None:
    """Text at 9 pt, each character in the font that has it (the CJK font has no digits or ≥)."""
    if centred:
        x -= sum(char_width(ch, 9) for ch in text) / 2
    for ch in text:
        canvas.setFont(font_for(ch), 9)
        canvas.drawString(x, y, ch)
        x += char_width(ch, 9)


def _three_line_pages(path: Path, footer: str, *, footer_first: bool) -> None:
    """A three-line indicator table (horizontal rules only, labels centred on their rows) broken over two
    pages without its header repeated, the page number of page 1 centred at the page foot between the
    rows; ``footer_first``: drawn before the table, as a program drawing the footer in a pass of its own."""
    register()
    xs = (60, 112, 200, 310, 375, 440, 480, 530)  # column starts, right edge
    canvas = Canvas(str(path), pagesize=(595, 842))
    # page 1: the header between two rules, four rows running to the page foot (no rule closes them)
    if footer_first:
        _draw(canvas, 297, 40, footer, centred=True)
    canvas.line(xs[0], 400, xs[-1], 400)
    canvas.line(xs[0], 380, xs[-1], 380)
    for x, label in zip(
        xs, ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"), strict=False
    ):
        _draw(canvas, x + 2, 387, label)
    rows = (
        ("产出指标", "数量指标", "家庭医生签约人数", "≥32万人", "33.1万人", "10", "10"),
        (None, None, "免费体检人数", "≥18万人", "18.6万人", "10", "10"),
        (None, "质量指标", "规范管理率", "≥60%", "63.5%", "10", "10"),
        (None, None, "随访完成率", "≥90%", "92%", "10", "10"),
    )
    spans = {(0, 0): 4, (0, 1): 2, (2, 1): 2}  # (row, column) of a label: how many rows it is centred on
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is not None:
                _draw(canvas, xs[c] + 2, 364 - 24 * r - 12 * (spans.get((r, c), 1) - 1), text)
    if not footer_first:
        _draw(canvas, 297, 40, footer, centred=True)
    canvas.showPage()
    # page 2: the rows go on from the page top in the same columns; a rule closes the table
    for r, row in enumerate(
        (
            ("效益指标", "社会效益指标", "居民健康素养水平", "≥24%", "25.3%", "10", "10"),
            ("满意度指标", "满意度指标", "城乡居民满意度", "≥85%", "88.9%", "10", "9"),
        )
    ):
        for c, text in enumerate(row):
            _draw(canvas, xs[c] + 2, 780 - 24 * r, text)
    canvas.line(xs[0], 745, xs[-1], 745)
    _draw(canvas, 297, 40, footer.replace("1", "2", 1), centred=True)
    canvas.save()


@pytest.mark.parametrize("footer", ["第1页 共2页", "— 1 —", "1/2", "第 1 页，共 2 页"])
@pytest.mark.parametrize("footer_first", [False, True])
def test_a_page_number_between_the_rows_of_a_rule_less_table_broken_over_pages_is_no_row(
    tmp_path: Path, footer: str, footer_first: bool
) -> None:
    """The page number printed under page 1's part of a three-line table (centred, over two columns) is
    page furniture, not an indicator row, whichever order it was drawn in; the labels keep their rows."""
    pdf = tmp_path / "three-line.pdf"
    _three_line_pages(pdf, footer, footer_first=footer_first)
    document = pdfium.PdfDocument(pdf)
    assembler, carry = IndicatorAssembler(), None
    for number in (1, 2):
        grids = page_grids(FastPage(document[number - 1]), number, carry)
        for grid_ in grids:
            assembler.feed(grid_, number == 2)
        carry = grids[-1]
    document.close()
    rows = assembler.result().rows
    assert [(r.level1, r.level2, r.name, r.target.text, r.actual.text, r.page) for r in rows] == [
        ("产出", "数量指标", "家庭医生签约人数", "≥32万人", "33.1万人", 1),
        ("产出", "数量指标", "免费体检人数", "≥18万人", "18.6万人", 1),
        ("产出", "质量指标", "规范管理率", "≥60%", "63.5%", 1),
        ("产出", "质量指标", "随访完成率", "≥90%", "92%", 1),
        ("效益", "社会效益指标", "居民健康素养水平", "≥24%", "25.3%", 2),
        ("满意度", "满意度指标", "城乡居民满意度", "≥85%", "88.9%", 2),
    ]


def _centred_labels_page(path: Path, *, line_by_line: bool, wrapped: bool = True) -> None:
    """A three-line indicator table whose 一级/二级 labels are centred on the rows they cover, with no rule
    between rows; drawn line by line across the table, or row by row with the merged labels last: either
    way the drawing order does not give the rows, their vertical gaps do. ``wrapped``: one name wraps."""
    register()
    xs = (60, 112, 200, 310, 375, 440, 480, 530)  # column starts, right edge
    canvas = Canvas(str(path), pagesize=(595, 842))
    canvas.line(xs[0], 400, xs[-1], 400)
    canvas.line(xs[0], 380, xs[-1], 380)
    texts: list[tuple[float, float, str]] = [
        (387, x + 2, label)
        for x, label in zip(
            xs, ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"), strict=False
        )
    ]
    rows = (
        (("家庭医生签约人数",), "≥32万人", "33.1万人", "10", "10"),
        (("免费体检人数",), "≥18万人", "18.6万人", "10", "10"),
        (("基层健康教育", "讲座次数") if wrapped else ("基层健康教育讲座次数",), "≥4次", "6次", "10", "10"),
        (("规范管理率",), "≥60%", "63.5%", "10", "10"),
        (("随访完成率",), "≥90%", "92%", "10", "10"),
        (("群众满意度",), "≥85%", "88.9%", "10", "9"),
    )
    y, extents = 366.0, []  # baselines of each row's first and last line
    for name, *values in rows:
        texts += [(y - 12 * i, xs[2] + 2, line) for i, line in enumerate(name)]
        texts += [(y - 6 * (len(name) - 1), xs[c] + 2, v) for c, v in enumerate(values, start=3)]
        extents.append((y, y - 12 * (len(name) - 1)))
        y -= 12 * len(name) + 10
    canvas.line(xs[0], y + 4, xs[-1], y + 4)
    for column, label, first, last in (
        (0, "产出指标", 0, 4),
        (1, "数量指标", 0, 2),
        (1, "质量指标", 3, 4),
        (0, "满意度指标", 5, 5),
        (1, "满意度指标", 5, 5),
    ):
        texts.append(((extents[first][0] + extents[last][1]) / 2, xs[column] + 2, label))
    for baseline, x, text in sorted(texts, key=lambda t: (-t[0], t[1])) if line_by_line else texts:
        _draw(canvas, x, baseline, text)
    canvas.save()


@pytest.mark.parametrize("line_by_line", [True, False])
def test_labels_centred_on_their_rows_in_a_rule_less_table_read_by_gaps(
    tmp_path: Path, line_by_line: bool
) -> None:
    """A label centred on three rows is drawn beside the second: the first rows are its own (not
    label-less), and the next label, centred on the two rows after them, starts at the first of those."""
    pdf = tmp_path / "centred.pdf"
    _centred_labels_page(pdf, line_by_line=line_by_line)
    document = pdfium.PdfDocument(pdf)
    (table,) = page_grids(FastPage(document[0]), 1)
    document.close()
    assembler = IndicatorAssembler()
    assembler.feed(table, False)
    assert [(r.level1, r.level2, r.name) for r in assembler.result().rows] == [
        ("产出", "数量指标", "家庭医生签约人数"),
        ("产出", "数量指标", "免费体检人数"),
        ("产出", "数量指标", "基层健康教育讲座次数"),
        ("产出", "质量指标", "规范管理率"),
        ("产出", "质量指标", "随访完成率"),
        ("满意度", "满意度指标", "群众满意度"),
    ]


@pytest.mark.parametrize("line_by_line", [True, False])
def test_rows_of_a_rule_less_table_read_by_gaps_stay_apart_when_no_cell_wraps(
    tmp_path: Path, line_by_line: bool
) -> None:
    """With no wrapped cell the smallest gap between lines is the gap between rows: it is not taken for
    the line spacing inside a cell, which would join every row into one."""
    pdf = tmp_path / "flat.pdf"
    _centred_labels_page(pdf, line_by_line=line_by_line, wrapped=False)
    document = pdfium.PdfDocument(pdf)
    (table,) = page_grids(FastPage(document[0]), 1)
    document.close()
    assembler = IndicatorAssembler()
    assembler.feed(table, False)
    assert [(r.name, r.target.text, r.actual.text, r.score) for r in assembler.result().rows] == [
        ("家庭医生签约人数", "≥32万人", "33.1万人", 10),
        ("免费体检人数", "≥18万人", "18.6万人", 10),
        ("基层健康教育讲座次数", "≥4次", "6次", 10),
        ("规范管理率", "≥60%", "63.5%", 10),
        ("随访完成率", "≥90%", "92%", 10),
        ("群众满意度", "≥85%", "88.9%", 9),
    ]


def _unruled_form_page(
    path: Path, below: list[tuple[float, str]], *, drawing_order: bool, reason_tail: str = ""
) -> None:
    """An indicator table with no rules at all (labels printed once, blank below), then the form's lines
    under it, each ``(x, text)`` on a line of its own; drawn row by row (Word) or line by line."""
    register()
    xs = (60, 112, 200, 300, 340, 400, 460, 500)  # column starts
    canvas = Canvas(str(path), pagesize=(595, 842))
    for x, label in zip(
        xs, ("一级指标", "二级指标", "三级指标", "权重", "指标值", "完成值", "得分", "备注"), strict=True
    ):
        _draw(canvas, x + 2, 700, label)
    rows = (
        ("产出指标", "数量指标", "义务教育在校学生数", "8", "≥98000人", "101236人", "8", "/"),
        ("", "质量指标", "义务教育巩固率", "6", "≥99%", "99.6%", "6", "/"),
        ("满意度指标", "满意度指标", "学生家长满意度", "10", "≥90%", "87.6%", "4", "课后服务"),
    )
    cells = [(xs[c] + 2, 676 - 24 * r, text) for r, row in enumerate(rows) for c, text in enumerate(row)]
    if not drawing_order:
        cells.sort(key=lambda cell: (-cell[1], cell[0]))
    if reason_tail:
        cells.append((xs[7] + 2, 676 - 24 * (len(rows) - 1) - 11, reason_tail))  # the 备注 cell's 2nd line
    for x, y, text in cells:
        _draw(canvas, x, y, text)
    for index, (x, text) in enumerate(below):
        _draw(canvas, x, 676 - 24 * len(rows) - 6 - 16 * index, text)
    canvas.save()


@pytest.mark.parametrize(
    "below",
    [
        [
            (62, "注：预算执行率得分＝执行率×权重；评价等级：90分（含）以上为优，80（含）－90分为良，"),
            (62, "60分以下为差。"),
        ],
        [(62, "（预算执行率得分9.80分＋绩效指标得分80分），评价等级为良，详见附表说明。")],
        [(62, "填报人：张婷"), (300, "填报日期：2024年3月12日")],
        [(62, "单位负责人：李强"), (202, "填表人：张婷"), (342, "联系电话：029-88888888")],
    ],
    ids=["note", "score-line", "filled-by", "signatures"],
)
@pytest.mark.parametrize("drawing_order", [True, False])
def test_lines_under_a_table_without_rules_are_no_rows(
    tmp_path: Path, below: list[tuple[float, str]], drawing_order: bool
) -> None:
    """A form's lines under a table drawn without any rule (its notes and scoring note running across the
    columns like a paragraph, its 填报人 / 单位负责人 signature lines) end the table: no indicator rows, and
    no text added to the last row's cells."""
    pdf = tmp_path / "unruled.pdf"
    _unruled_form_page(pdf, [(x, text) for x, text in below], drawing_order=drawing_order)
    document = pdfium.PdfDocument(pdf)
    (table,) = page_grids(FastPage(document[0]), 1)
    document.close()
    assembler = IndicatorAssembler()
    assembler.feed(table, False)
    assert [
        (r.level1, r.level2, r.name, r.target.text, r.actual.text, r.score, r.shortfall_reason)
        for r in assembler.result().rows
    ] == [
        ("产出", "数量指标", "义务教育在校学生数", "≥98000人", "101236人", 8, None),
        ("产出", "质量指标", "义务教育巩固率", "≥99%", "99.6%", 6, None),
        ("满意度", "满意度指标", "学生家长满意度", "≥90%", "87.6%", 4, "课后服务"),
    ]


def test_a_note_word_opening_a_cell_of_the_last_row_is_the_cell_s_text(tmp_path: Path) -> None:
    """A line of the last row's 备注 cell opening with "说明：" is that cell's text, not a note under the
    table: a note opens at the table's left edge."""
    pdf = tmp_path / "unruled.pdf"
    _unruled_form_page(pdf, [], drawing_order=False, reason_tail="说明：收费")
    document = pdfium.PdfDocument(pdf)
    (table,) = page_grids(FastPage(document[0]), 1)
    document.close()
    assembler = IndicatorAssembler()
    assembler.feed(table, False)
    rows = assembler.result().rows
    assert [r.name for r in rows][-1] == "学生家长满意度"
    assert rows[-1].shortfall_reason == "课后服务说明：收费"


def test_the_budget_execution_row_under_the_indicators_is_not_an_indicator() -> None:
    """预算执行率得分 spanning the hierarchy columns under the table is scored with the indicators but is
    not one; an indicator named 预算执行率 under its 一级/二级 is."""
    assembler = IndicatorAssembler()
    header = ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "分值", "得分", "原因"]
    assembler.feed(
        grid(
            [
                header,
                ["产出指标", "成本指标", "预算执行率", "≥90%", "97.8%", "10", "10", "/"],
                ["满意度指标", "服务对象满意度指标", "学生家长满意度", "≥90%", "94.5%", "80", "80", "/"],
                ["预算执行率得分", None, None, None, None, "10", "9.78", ""],
            ]
        ),
        False,
    )
    result = assembler.result()
    assert [(r.level2, r.name) for r in result.rows] == [
        ("成本指标", "预算执行率"),
        ("服务对象满意度指标", "学生家长满意度"),
    ]


@pytest.mark.parametrize(
    ("total_row", "score"),
    [
        (["自评总分", None, None, None, None, "100", "94.78", ""], 94.78),  # Σ分值 | Σ得分
        (
            ["自评总分", None, None, None, None, "95.71", "自评结果：优", None],
            95.71,
        ),  # the score, then the grade
    ],
)
def test_a_self_score_row_under_the_weight_and_score_columns_gives_the_score(
    total_row: list[str | None], score: float
) -> None:
    assembler = IndicatorAssembler()
    header = ["一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值", "分值", "得分", "原因"]
    assembler.feed(
        grid(
            [
                header,
                ["满意度指标", "服务对象满意度指标", "教师满意度", "≥90%", "", "10", "7", "/"],
                total_row,
            ]
        ),
        False,
    )
    assert assembler.result().total_score == score


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("购置植保无人机（架）", "架"),
        ("安全生产事故（起）", "起"),
        ("新建农村机井（眼）", "眼"),
        ("培训社会体育指导员（人）", "人"),
        ("绿化面积（天河区）", None),  # a place, not a unit
        ("农业产值增长率（年度）", None),  # a remark
    ],
)
def test_a_measure_word_in_brackets_ending_the_name_is_the_unit_of_a_bare_target(
    name: str, unit: str | None
) -> None:
    assembler = IndicatorAssembler()
    assembler.feed(grid([HEAD, ["产出指标", "数量指标", name, "20", "20", "10", "10"]]), False)
    (row,) = assembler.result().rows
    assert (row.name, row.unit, row.target.number) == (name, unit, 20)


def test_two_row_header_with_a_unit_column_headed_zhibiao_danwei() -> None:
    """绩效指标 over 一级/二级/三级, the other headers merged down, 分值 before the targets, and the unit in a
    指标单位 column beside bare figures."""
    assembler = IndicatorAssembler()
    top = [
        "绩效指标",
        None,
        None,
        "指标单位",
        "分值",
        "年度指标值",
        "实际完成值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    assembler.feed(
        grid(
            [
                top,
                ["一级指标", "二级指标", "三级指标", "", "", "", "", "", ""],
                ["产出指标", "数量指标", "农村公路提档升级", "公里", "10", "≥120", "126.5", "10", "/"],
                ["", "成本指标", "每公里建设成本", "万元/公里", "10", "≤85", "83.2", "10", "/"],
                ["", "质量指标", "工程验收合格率", "", "10", "100%", "100%", "10", "/"],
            ]
        ),
        False,
    )
    rows = assembler.result().rows
    assert [(r.level1, r.name, r.unit, r.weight, r.target.op, r.target.number) for r in rows] == [
        ("产出", "农村公路提档升级", "公里", 10, ">=", 120),
        ("产出", "每公里建设成本", "万元/公里", 10, "<=", 85),
        ("产出", "工程验收合格率", "%", 10, None, 100),
    ]


def test_target_and_actual_each_split_into_value_and_unit_sub_columns() -> None:
    """年度指标值 and 实际完成值 each spanning 数值 | 单位 (a two-row header): the values are the 数值
    cells, the row's unit the 单位 cell (the actual's when the target's is blank), and the sub-header
    is not an indicator."""
    assembler = IndicatorAssembler()
    header = [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        None,
        "实际完成值",
        None,
        "分值",
        "得分",
        "偏差原因",
    ]
    assembler.feed(
        grid(
            [
                header,
                ["", "", "", "数值", "单位", "数值", "单位", "", "", ""],
                ["产出指标", "数量指标", "城镇老旧小区改造", "≥45", "个", "47", "个", "8", "8", "/"],
                [
                    "",
                    "时效指标",
                    "改造完工时间",
                    "2023年11月",
                    "",
                    "2023年12月",
                    "",
                    "6",
                    "4",
                    "冬季施工期短。",
                ],
                [
                    "效益指标",
                    "社会效益指标",
                    "住房保障受益家庭",
                    "≥1500",
                    "",
                    "",
                    "户",
                    "8",
                    "",
                    "数据未审定。",
                ],
            ]
        ),
        False,
    )
    rows = assembler.result().rows
    got = [
        (r.level2, r.name, r.unit, r.target.text, r.target.op, r.target.unit, r.actual.text, r.score)
        for r in rows
    ]
    assert got == [
        ("数量指标", "城镇老旧小区改造", "个", "≥45", ">=", None, "47", 8),
        ("时效指标", "改造完工时间", None, "2023年11月", None, None, "2023年12月", 4),
        ("社会效益指标", "住房保障受益家庭", "户", "≥1500", ">=", None, "", None),
    ]
    assert [r.achieved for r in rows] == [True, None, None]


def test_a_money_unit_printed_in_a_row_above_the_budget_header_scales_the_block() -> None:
    """A spreadsheet form states "金额单位：元" in a cell of its own row, inside the table's rules."""
    assembler = IndicatorAssembler()
    assembler.feed(
        grid(
            [
                ["部门名称", "哈密市水利局", None, "金额单位：元", None],
                ["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"],
                ["资金总额", "41,265,318.50", "43,000,000.00", "42,105,730.20", "97.92%"],
                ["基本支出", "9,850,200.00", "10,120,450.00", "10,036,180.00", "99.17%"],
            ]
        ),
        False,
    )
    result = assembler.result()
    assert {f.item_code: f.amount_wan_yuan for f in result.finance} == {
        "budget_total": Decimal("4300"),
        "expenditure_total": Decimal("4210.57302"),
        "budget_basic": Decimal("1012.045"),
        "expenditure_basic": Decimal("1003.618"),
    }
    assert result.budget_unit == "元"


def test_amounts_in_yuan_under_a_wan_yuan_header_are_converted_only_on_evidence() -> None:
    converted = parse_report(CLASS_SPLIT / "sanming-dfz-2018.pdf")
    assert [w for w in converted.warnings if "read as 元 and converted" in w]
    kept = parse_report(CLASS_SPLIT / "nanping-dag-2018.pdf")
    assert [w for w in kept.warnings if "implausibly large for a city-level body" in w]
    assert not [w for w in kept.warnings if "converted" in w]


def _fig(code: str, amount: str, page: int = 1) -> FinanceFigure:
    return FinanceFigure(code, Decimal(amount), page, amount)


@pytest.mark.parametrize(
    ("block", "elsewhere", "converted"),
    [
        (
            [_fig("budget_total", "2751417.82"), _fig("expenditure_total", "2546673.98")],
            [_fig("budget_total", "275.14")],
            True,
        ),
        # the same item agrees in 万元: the block is in 万元
        ([_fig("budget_total", "275.14")], [_fig("budget_total", "275.14")], False),
        # one item 10,000 times, another not: no consistent evidence, no conversion
        (
            [_fig("budget_total", "2751417.82"), _fig("expenditure_total", "254.67")],
            [_fig("budget_total", "275.14"), _fig("expenditure_total", "254.67")],
            False,
        ),
        # nothing to compare with
        ([_fig("budget_total", "2751417.82")], [_fig("expenditure_basic", "120.5")], False),
    ],
)
def test_block_rescaled_only_when_every_shared_item_is_ten_thousand_times(
    block: list[FinanceFigure], elsewhere: list[FinanceFigure], converted: bool
) -> None:
    figures, warnings = rescale_block(block, elsewhere, "万元")
    assert bool(warnings) is converted
    assert [f.amount_wan_yuan for f in figures] == [
        f.amount_wan_yuan / 10000 if converted else f.amount_wan_yuan for f in block
    ]
    assert rescale_block(block, elsewhere, "元") == (block, [])  # a block printed in 元 was read as 元


@pytest.mark.parametrize(
    ("amount", "level", "flagged"),
    [
        ("275.14", "county", False),
        ("150000", "county", True),
        ("150000", "city", False),
        ("2751417.82", "city", True),
        ("2751417.82", "other", False),
    ],
)
def test_implausibly_large_block_is_flagged_for_the_body_level(
    amount: str, level: str, flagged: bool
) -> None:
    assert bool(implausible_block([_fig("budget_total", amount)], "万元", level)) is flagged
