"""Sentence-level readers (finance, evaluation, metadata, classification) on the wordings reports use."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.extract.classify import check_is_report
from jixiao.extract.errors import NotAReportError
from jixiao.extract.finance import consistency_warnings, find_evaluation, find_finance
from jixiao.extract.furniture import running_lines, strip_furniture
from jixiao.extract.metadata import find_metadata, region_of, title_lines
from jixiao.extract.textnorm import flatten, join_fragments, squeeze


def figures(*pages: str) -> dict[str, tuple[Decimal, int]]:
    return {f.item_code: (f.amount_wan_yuan, f.page) for f in find_finance(flatten(list(pages)))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2023 年决算支出 11,940.41 万元，其中基本支出\n3,014.91 万元，项目支出 8,925.5 万元。",
            {
                "expenditure_total": "11940.41",
                "expenditure_basic": "3014.91",
                "expenditure_project": "8925.5",
            },
        ),
        (
            # the budget it is compared with neither ends the 三公 sentence nor is the department's budget
            "2021年“三公”经费支出32.76万元，较年初预算45.00万元减少12.24万元，比上年增加3.18万元。其中："
            "因公出国（境）费0.00万元，公务用车运行维护费21.50万元，公务接待费11.26万元。",
            {
                "sangong_total": "32.76",
                "sangong_overseas": "0.00",
                "sangong_vehicle": "21.50",
                "sangong_reception": "11.26",
            },
        ),
        (
            "2022年度部门支出决算数为21876.54万元。其中：基本支出15432.1万元，占70.54%，主要用于保障机构"
            "正常运转；项目支出6444.44万元，占29.46%。",
            {
                "expenditure_total": "21876.54",
                "expenditure_basic": "15432.1",
                "expenditure_project": "6444.44",
            },
        ),
        (
            "全年支出2.35678912亿元，较年初预算有所增加。按支出性质分，基本支出0.51234567亿元、项目支出"
            "1.84444345亿元。全年预算数24,310.5万元，其中基本支出预算5,200万元、项目支出预算19,110.5万元。",
            {
                "expenditure_total": "23567.8912",
                "expenditure_basic": "5123.4567",
                "expenditure_project": "18444.4345",
                "budget_total": "24310.5",
                "budget_basic": "5200",
                "budget_project": "19110.5",
            },
        ),
        (
            "2023年度“三公”经费支出1,234,500.00元，其中：因公出国（境）费0.00元；公务用车购置及运行维护费"
            "987,600.00元；公务接待费246,900.00元。",
            {
                "sangong_total": "123.45",
                "sangong_overseas": "0",
                "sangong_vehicle": "98.76",
                "sangong_reception": "24.69",
            },
        ),
        (
            # a part the sentence says was not spent is 0, not missing
            "“三公”经费支出18.26万元，较上年减少3.10万元，其中：公务用车运行维护费15.48万元，公务接待费"
            "2.78万元，无因公出国（境）费支出。2021年度政府采购支出86.40万元，未发生工程类采购。",
            {
                "sangong_total": "18.26",
                "sangong_overseas": "0",
                "sangong_vehicle": "15.48",
                "sangong_reception": "2.78",
                "procurement_total": "86.40",
                "procurement_works": "0",
            },
        ),
        (
            "2023 年度政府采购支出 541.83 万元，其中：货物 378.45\n万元，工程 4.99 万元，服务 158.39 万元。",
            {
                "procurement_total": "541.83",
                "procurement_goods": "378.45",
                "procurement_works": "4.99",
                "procurement_services": "158.39",
            },
        ),
        (
            "本部门资产总计512,345,600.00元，负债合计112,345,600.00元，净资产合计400,000,000.00元。"
            "固定资产原值88,765,400.00元。本年度机关运行经费3,456,700.00元，比上年（3,755,000.00元）下降。",
            {
                "assets_total": "51234.56",
                "liabilities_total": "11234.56",
                "net_assets": "40000",
                "fixed_assets_original": "8876.54",
                "operating_cost": "345.67",
            },
        ),
    ],
)
def test_finance_sentences(text: str, expected: dict[str, str]) -> None:
    got = figures(text)
    assert {code: amount for code, (amount, _) in got.items()} == {k: Decimal(v) for k, v in expected.items()}


def test_finance_keeps_first_mention_and_its_page() -> None:
    got = figures(
        "2023年决算支出100万元，其中基本支出40万元，\n",
        "项目支出60万元。工业扶持专项资金实际支出10686.32万元。",
    )
    assert got["expenditure_total"] == (Decimal("100"), 1)
    assert got["expenditure_project"] == (Decimal("60"), 2)


def test_the_sangong_final_account_is_not_the_department_spending() -> None:
    """A 决算 publication states 本年支出合计 first and then "“三公”经费财政拨款支出决算为…": the
    latter names 支出决算 of the 三公 only."""
    got = figures(
        "本年支出合计18,652.37万元，其中：基本支出4,215.86万元，项目支出14,436.51万元。\n",
        "2021年“三公”经费财政拨款支出决算为12.46万元，比2021年“三公”经费财政拨款预算15.00万元减少2.54万元。"
        "其中：因公出国（境）费0万元；公务用车购置及运行维护费9.82万元；公务接待费2.64万元。",
    )
    assert got["expenditure_total"] == (Decimal("18652.37"), 1)
    assert got["expenditure_basic"] == (Decimal("4215.86"), 1)
    assert got["sangong_total"] == (Decimal("12.46"), 2)
    assert got["sangong_vehicle"] == (Decimal("9.82"), 2)


def test_project_budget_is_not_the_department_budget_parts() -> None:
    got = figures(
        "2023年项目年度预算2,360万元，其中中央资金1,380万元；全年实际支出2,183.72万元，执行率92.53%。"
    )
    assert got["budget_total"][0] == Decimal("2360")
    assert got["expenditure_total"][0] == Decimal("2183.72")
    assert "budget_basic" not in got


def test_consistency_warning_only_beyond_rounding() -> None:
    ok = find_finance(flatten(["收入预算10008.93万元，其中基本支出2796.41万元，项目支出7212.51万元。"]))
    bad = find_finance(flatten(["决算支出500万元，其中基本支出100万元，项目支出200万元。"]))
    assert consistency_warnings(ok) == []
    assert len(consistency_warnings(bad)) == 1


@pytest.mark.parametrize(
    ("text", "score", "grade"),
    [
        ("对照评分表，绩效自评分数为 96.66\n分，绩效等级为优。", 96.66, "优"),
        ("综合预算执行、产出、效益情况，自评综合得分为92.3分，自评结果为优秀。", 92.3, "优秀"),
        ("预算执行率得分8.5分，本部门整体支出绩效自评总得分84.5分，等级为良好。", 84.5, "良好"),
        ("经综合评价，部门整体支出绩效自评得分94.07分，评价等级为“优”。", 94.07, "优"),
        ("全年空气质量等级为优的天数达到300天。部门整体支出绩效自评得分81分，等级为良。", 81.0, "良"),
        ("本报告不含自评结论。", None, None),
        (
            # the template's instruction left above the conclusion: its grade bands are no score
            "四、自评结论（请根据自评得分填写评价等级：90分（含）以上为优，80（含）—90分为良，60（含）—80分"
            "为中，60分以下为差。）本部门2023年度部门整体支出绩效自评得分89.23分，自评等级为良。",
            89.23,
            "良",
        ),
        ("（注：自评得分为100分制。）经综合评价，自评得分为92分，评价等级为优。", 92.0, "优"),
    ],
)
def test_evaluation_sentences(text: str, score: float | None, grade: str | None) -> None:
    evaluation = find_evaluation(flatten([text]))
    assert (evaluation.self_score, evaluation.grade) == (score, grade)


@pytest.mark.parametrize(
    ("department", "region"),
    [
        ("江门市工业和信息化局", "江门市"),
        ("佛山市南海区教育局", "佛山市南海区"),  # contract v2: the county appended
        ("湖南省水利厅", "湖南省"),
        ("湖南省长沙市岳麓区财政局", "长沙市岳麓区"),
        ("重庆市林业局", "重庆市"),
        ("中国人民政治协商会议南县委员会", "益阳市南县"),  # named without its city
        ("衡山县贯塘乡人民政府", "衡阳市衡山县"),  # a township body
        ("池州市贵池区棠溪镇人民政府", "池州市贵池区"),
        ("广东省市场监督管理局", "广东省"),
        ("江门市市场监督管理局", "江门市"),
        ("中共江门市委办公室", "江门市"),
        ("北京市财政局", "北京市"),
        ("平江县财政局", "岳阳市平江县"),
        ("鼓楼区教育局", None),  # a county name of several cities, and nothing in the document to settle it
        ("财政部", None),
    ],
)
def test_region_of(department: str, region: str | None) -> None:
    assert region_of(department) == region


@pytest.mark.parametrize(
    ("first_page", "title"),
    [
        (
            "湖南省水利厅 2023 年度部门整体支出绩效自评\n报告\n一、部门基本情况\n",
            "湖南省水利厅2023年度部门整体支出绩效自评报告",
        ),
        (
            "附件2\n江门市工业和信息化局2022年度部门整体支出\n绩效自评报告（更正版）\n一、部门基本情况\n",
            "江门市工业和信息化局2022年度部门整体支出绩效自评报告（更正版）",
        ),
        ("项目支出绩效自评表\n（2022年度）\n项目名称：农村饮水\n", "项目支出绩效自评表（2022年度）"),
        # A spreadsheet's PDF draws the title's year row after the table's cells.
        (
            "项目支出绩效自评表\n项目名称\n主管部门 威县农业局\n总分 100 97.5\n（2021年度）\n统防统治项目\n",
            "项目支出绩效自评表（2021年度）",
        ),
        (
            "宜春市住建局2024年度部门整体支出绩效自评报告\n一、部门基本情况\n（2023年度）\n",
            "宜春市住建局2024年度部门整体支出绩效自评报告",
        ),
        ("一、部门基本情况\n（一）部门职能\n江门市工业和信息化局是主管全市工业\n", None),
    ],
)
def test_title_lines(first_page: str, title: str | None) -> None:
    assert title_lines(first_page) == title


def test_metadata_from_body_when_there_is_no_title() -> None:
    page = "一、部门基本情况\n（一）部门职能\n江门市工业和信息化局是主管全市工业和信息化工作\n的工作部门。"
    body = flatten([page + "\n（四）部门整体支出情况\n2023 年决算支出 11,940.41 万元。"]).text
    meta = find_metadata(page, body)
    assert (meta.department, meta.region, meta.fiscal_year, meta.report_type, meta.title) == (
        "江门市工业和信息化局",
        "江门市",
        2023,
        "department_overall",
        None,
    )


def test_metadata_from_fields_and_signature() -> None:
    page = "项目支出绩效自评表\n（2022年度）\n单位名称：湖南省水利厅（盖章）\n"
    meta = find_metadata(page, flatten([page]).text)
    assert (meta.department, meta.fiscal_year, meta.report_type) == ("湖南省水利厅", 2022, "project")
    last = "二是加强绩效管理。\n江门市工业和信息化局\n2024年3月5日"
    meta = find_metadata("我局2023年度整体支出绩效自评情况如下", "2023年决算支出10万元", last)
    assert meta.department == "江门市工业和信息化局"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("中央对地方转移支付区域绩效自评表\n（2022年度）", "project"),  # one fund, named in 项目名称
        ("2022年度苏州市吴江区农业农村局部门整体支出绩效自评表", "department_overall"),
    ],
)
def test_a_form_naming_its_project_is_a_project_report(title: str, expected: str) -> None:
    page = title + "\n项目名称 2022年耕地地力保护补贴\n主管部门 苏州市吴江区农业农村局\n"
    form = {"project": "2022年耕地地力保护补贴", "competent": "苏州市吴江区农业农村局"}
    meta = find_metadata(page, flatten([page]).text, form=form)
    assert (meta.report_type, meta.department) == (expected, "苏州市吴江区农业农村局")


@pytest.mark.parametrize(
    ("first_page", "body"),
    [
        ("江门市工业和信息化局2023年部门决算公开", "部门决算 收入支出决算总表 财政拨款收入支出决算总表"),
        ("江门市工业和信息化局政府采购公告", "采购项目名称 采购需求 投标截止时间"),
        ("2024年部门预算公开说明", "部门预算 收支总表"),
    ],
)
def test_other_disclosures_are_not_reports(first_page: str, body: str) -> None:
    with pytest.raises(NotAReportError, match="not a performance self-evaluation report"):
        check_is_report(first_page, body, "x.pdf")


# A 决算 publication (Beijing's district departments) whose 第四部分 is the performance self-evaluation.
_FINAL_ACCOUNTS_COVER = "北京市丰台区城市管理委员会\n2021 年度部门决算\n目 录\n第一部分 2021 年度部门决算报表"
_FINAL_ACCOUNTS_BODY = (
    "第二部分 2021年度部门决算说明 本年支出合计18,652.37万元。第四部分 2021年度部门绩效评价情况 "
    "（二）自评结论 经自评，2021年度我委部门整体支出绩效自评得分95.26分，评价等级为“优”。"
    "部门整体支出绩效自评表如下：部门（单位）名称 北京市丰台区城市管理委员会 年初预算数 全年预算数（A）"
    "一级指标 二级指标 三级指标 年度指标值（A） 实际完成值（B） 分值 得分 偏差原因分析及改进措施"
)


def test_self_evaluation_section_of_a_final_accounts_publication_is_a_report() -> None:
    check_is_report(squeeze(_FINAL_ACCOUNTS_COVER)[:120], squeeze(_FINAL_ACCOUNTS_BODY), "x.pdf")
    meta = find_metadata(_FINAL_ACCOUNTS_COVER, squeeze(_FINAL_ACCOUNTS_BODY))
    # No title of its own: the publication's, as printed on its cover.
    assert (meta.title, meta.department, meta.fiscal_year) == (
        "北京市丰台区城市管理委员会2021年度部门决算",
        "北京市丰台区城市管理委员会",
        2021,
    )


def test_a_final_accounts_report_with_a_self_evaluation_chapter_keeps_its_cover_title() -> None:
    cover = "随州市公安局曾都区分局2019年决算公开报告\n决算公开目录\n一、随州市公安局曾都区分局基本情况"
    meta = find_metadata(cover, squeeze(cover))
    assert meta.title == "随州市公安局曾都区分局2019年决算公开报告"


@pytest.mark.parametrize(
    "body",
    [
        # It only refers to the self-evaluation published elsewhere.
        "第二部分 部门决算说明 本年支出合计18,652.37万元。部门整体支出绩效自评表详见区财政局网站。",
        # Its performance table holds targets only (绩效目标表): nothing was evaluated.
        "部门整体支出绩效目标表 一级指标 二级指标 三级指标 年度指标值 产出指标 数量指标 "
        "道路清扫面积 ≥3200万平方米 "
        "绩效自评工作按区财政局通知另行开展。",
    ],
)
def test_final_accounts_without_a_self_evaluation_are_still_rejected(body: str) -> None:
    with pytest.raises(NotAReportError, match="final-accounts disclosure"):
        check_is_report(squeeze(_FINAL_ACCOUNTS_COVER)[:120], squeeze(body), "x.pdf")


def test_report_without_title_is_recognised_from_its_body() -> None:
    body = (
        "一、部门基本情况 二、绩效自评情况（一）自评结论 绩效自评分数为96.66分 "
        "一级指标 二级指标 三级指标 预期值 实现值"
    )
    check_is_report("一、部门基本情况（一）部门职能", body, "x.pdf")


def test_joining_wrapped_text() -> None:
    assert join_fragments(["增产增收", "奖补企业数", "量（家）"]) == "增产增收奖补企业数量（家）"
    assert join_fragments(["ABB", "Ltd 工厂"]) == "ABB Ltd工厂"
    assert squeeze("纳入 OA 系统 2023 年") == "纳入OA系统2023年"


def test_running_headers_and_page_numbers_are_dropped() -> None:
    pages = [f"某某局2023年度绩效自评报告\n正文第{i}页的内容\n— {i} —" for i in range(1, 6)]
    running = running_lines(pages)
    assert strip_furniture(pages[2], running) == "正文第3页的内容"


def test_cover_page_with_stamp_field_and_chinese_year() -> None:
    page = (
        "二〇二三年度部门整体支出绩效自评报告\n单位名称（盖章）：江门市工业和信息化局\n报送日期：2024年3月\n"
    )
    meta = find_metadata(page, flatten([page]).text)
    assert (meta.department, meta.region, meta.fiscal_year) == ("江门市工业和信息化局", "江门市", 2023)
    assert meta.title == "二〇二三年度部门整体支出绩效自评报告"  # as printed
