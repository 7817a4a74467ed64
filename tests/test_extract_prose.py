"""Indicators written only as prose: numbered paragraphs under 一级/二级 headings, in a report with no
indicator table (jixiao/extract/prose.py); read by the same rules as a table's rows."""

from __future__ import annotations

from pathlib import Path

from fixturegen.render.fonts import char_width, font_for, register
from reportlab.pdfgen.canvas import Canvas

from jixiao.core.limits import Limits
from jixiao.extract import parse_report
from jixiao.extract.deadline import Deadline
from jixiao.extract.furniture import running_lines, strip_furniture
from jixiao.extract.pdftext import OpenPdf
from jixiao.extract.prose import prose_indicators

GENRE = Path(__file__).resolve().parent / "fixtures" / "genre"

_OPENING = [
    "福州市鼓楼区文化体育和旅游局2022年度部门整体支出绩效自评报告",
    "一、部门基本情况",
    "我局是区政府工作部门，内设股室6个。2022年年度目标：完成文化惠民演出120场，实际完成126场。",
    "二、部门整体支出情况",
    "2022年全年预算数3,486.73万元，决算支出3,308.56万元，其中：基本支出862.40万元，项目支出2,446.16万元。",
    "“三公”经费支出1.26万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费0.4万元，公务接待费0.86万元。",
    "（一）预算执行情况：年度预算目标值3486.73万元，实际完成值3308.56万元，执行率94.89%。",
    "三、部门整体支出绩效情况",
    "全年共设置绩效指标5个，年度目标值均已设定，实际完成值见下。",
]
_INDICATORS = [
    "（一）产出指标（50分）",
    "1.数量指标",
    "（1）文化惠民演出场次：预期值不少于120场，实际完成126场，权重20分，得分20分。",
    "（2）公共文化场馆免费开放天数：年度目标为≥300天，实际完成值为296天，分值15分，得分12分。"
    "未完成原因：区文化馆因消防改造闭馆4天。",
    "2.时效指标",
    "（1）全民健身活动完成时间：计划2022年10月底前，已完成2022年9月，分值15分，得分15分。",
    "（二）效益指标",
    "1.社会效益指标",
    "（1）群众文化活动参与人次：目标值≥50万人次，完成值52.3万人次，分值30分，得分30分。",
    "（三）满意度指标",
    "1.服务对象满意度指标",
    "（1）群众满意度：年度目标值≥90%，实际完成值88.5%，分值20分，得分17分。偏差原因：部分场馆开放时段偏短。",
]
_CLOSING = [
    "四、自评结论",
    "经自评，2022年度部门整体支出绩效综合自评得分94分，评价等级为优。",
    "五、存在问题及改进措施",
    "（一）场馆开放：下一步目标值为全年开放300天以上，实际完成情况按月通报。",
    "1.加强管理：计划2023年完成场馆改造，实际完成后报区财政局。",
]


def _wrap(paragraph: str, width: int = 38) -> list[str]:
    return [paragraph[i : i + width] for i in range(0, len(paragraph), width)]


def _narrative_pdf(path: Path, paragraphs: list[str], *, lines_on_page_1: int) -> None:
    """A Word-like narrative report: each paragraph wrapped at a fixed width, the text running over two
    pages after ``lines_on_page_1`` lines, a page number at each page's foot."""
    register()
    lines = [line for paragraph in paragraphs for line in _wrap(paragraph)]
    canvas = Canvas(str(path), pagesize=(595, 842))
    for number, chunk in enumerate((lines[:lines_on_page_1], lines[lines_on_page_1:]), start=1):
        for index, line in enumerate(chunk):
            x = 60.0
            for ch in line:
                canvas.setFont(font_for(ch), 11)
                canvas.drawString(x, 780 - 20 * index, ch)
                x += char_width(ch, 11)
        canvas.setFont(font_for("1"), 9)
        canvas.drawString(295, 40, str(number))
        canvas.showPage()
    canvas.save()


def test_indicators_written_as_numbered_paragraphs_are_read_with_their_levels_and_pages(
    tmp_path: Path,
) -> None:
    """A narrative report with no table: each `（n）name：target，actual，weight，score。reason` paragraph
    is an indicator under its `（一）产出指标` / `1.数量指标` headings, in other wordings too (预期值 /
    目标为 / 计划, 实际完成 / 完成值为 / 已完成, 权重); a paragraph broken over the page keeps its first
    page; values, units and achieved by the rules of a table's rows (a date against a date is undecided)."""
    pdf = tmp_path / "gulou-wtlj-2022.pdf"
    paragraphs = _OPENING + _INDICATORS + _CLOSING
    _narrative_pdf(pdf, paragraphs, lines_on_page_1=25)
    report = parse_report(pdf)
    got = [
        (
            r.level1,
            r.level2,
            r.name,
            r.target.text,
            r.target.op,
            r.actual.text,
            r.achieved,
            r.weight,
            r.score,
            r.shortfall_reason,
            r.unit,
            r.page,
        )
        for r in report.indicators
    ]
    assert got == [
        ("产出", "数量指标", "文化惠民演出场次", "不少于120场", ">=", "126场", True, 20, 20, None, "场", 1),
        (
            "产出",
            "数量指标",
            "公共文化场馆免费开放天数",
            "≥300天",
            ">=",
            "296天",
            False,
            15,
            12,
            "区文化馆因消防改造闭馆4天。",
            "天",
            1,
        ),
        (
            "产出",
            "时效指标",
            "全民健身活动完成时间",
            "2022年10月底前",
            None,
            "2022年9月",
            None,
            15,
            15,
            None,
            None,
            1,
        ),
        (
            "效益",
            "社会效益指标",
            "群众文化活动参与人次",
            "≥50万人次",
            ">=",
            "52.3万人次",
            True,
            30,
            30,
            None,
            "万人次",
            1,
        ),
        (
            "满意度",
            "服务对象满意度指标",
            "群众满意度",
            "≥90%",
            ">=",
            "88.5%",
            False,
            20,
            17,
            "部分场馆开放时段偏短。",
            "%",
            2,
        ),
    ]
    assert not any("No performance-indicator" in w for w in report.warnings)


def test_a_paragraph_running_over_the_page_break_starts_on_its_first_page() -> None:
    pages = [
        "（一）产出指标\n1.数量指标\n（1）城乡低保保障人数：年度目标值≥3200人，实际完成值3356人，分值10分，得分",
        "10分。\n四、自评结论\n经自评，得分91.5分。",
    ]
    [row] = prose_indicators(pages)
    assert (row.name, row.weight, row.score, row.page) == ("城乡低保保障人数", 10, 10, 1)


def test_target_and_actual_figures_outside_an_indicator_section_are_no_indicators(tmp_path: Path) -> None:
    """The 部门概况, the finance narrative and the conclusions state 目标/完成 figures, some in `name：…`
    paragraphs: without the 一级/二级 headings of an indicator section none of them is an indicator."""
    pdf = tmp_path / "gulou-wtlj-2022.pdf"
    _narrative_pdf(pdf, _OPENING + _CLOSING, lines_on_page_1=12)
    report = parse_report(pdf)
    assert report.indicators == ()
    assert any("No performance-indicator" in w for w in report.warnings)
    assert report.evaluation.self_score == 94


def test_a_paragraph_without_a_target_or_an_actual_or_a_name_is_no_indicator() -> None:
    pages = [
        "（一）产出指标\n1.数量指标\n"
        "（1）城乡低保保障人数：实际完成值3356人，分值10分，得分10分。\n"  # no target
        "（2）特困人员供养人数：年度目标值≥450人，分值8分，得分8分。\n"  # no actual
        "产出指标年度目标值均已完成，实际完成值高于预期。\n"  # a sentence, no name
        "（3）临时救助人次：年度目标值≥900人次，实际完成值1020人次。"
    ]
    assert [r.name for r in prose_indicators(pages)] == ["临时救助人次"]


def test_no_narrative_of_the_genre_reports_of_the_other_splits_reads_as_indicators() -> None:
    """Every genre report but the prose one (50 PDFs: 部门概况, finance narrative, conclusions, the text of
    their tables) gives no prose indicator even were its table not there: the reader is not what adds
    or changes their rows, and their text holds no false indicator paragraph."""
    pdfs = [p for p in sorted(GENRE.glob("*/*.pdf")) if p.parent.name != "final4"]
    assert len(pdfs) >= 50
    for pdf in pdfs:
        with OpenPdf(pdf, pdf.name) as opened:
            pages = opened.read_pages(Limits(), Deadline(60, pdf.name))
        running = running_lines([p.text for p in pages])
        assert prose_indicators([strip_furniture(p.text, running) for p in pages]) == [], pdf.name


def test_other_outlines_and_wordings_of_indicator_paragraphs() -> None:
    """1. / （1） / ① outlines, a remark after a heading, an unnumbered `name：…` paragraph, a name before a
    comma, a reason on a line of its own; 成本指标 is 一级 or 二级 by its place in the outline."""
    pages = [
        "三、绩效指标完成情况\n"
        "1.产出指标（60分）：共设置3个指标，完成2个。\n"
        "（1）数量指标\n"
        "①培训人次：目标值为500人次，实际完成值为520人次，得分20分。\n"
        "②新增就业岗位，预期目标300个，实际完成280个，分值20分，得分15分。\n"
        "原因分析：受疫情影响部分企业缩减招聘。\n"
        "（2）成本指标\n"
        "人均培训成本：计划≤800元，实际750元。\n"
        "2.成本指标\n"
        "（1）经济成本指标\n"
        "①项目总成本：年度目标≤120万元，实际完成118万元。\n"
        "四、存在问题\n"
        "①培训计划：目标值600人次，实际完成520人次。"
    ]
    got = [
        (r.level1, r.level2, r.name, r.target.text, r.actual.text, r.weight, r.score, r.shortfall_reason)
        for r in prose_indicators(pages)
    ]
    assert got == [
        ("产出", "数量指标", "培训人次", "500人次", "520人次", None, 20, None),
        ("产出", "数量指标", "新增就业岗位", "300个", "280个", 20, 15, "受疫情影响部分企业缩减招聘。"),
        ("产出", "成本指标", "人均培训成本", "≤800元", "750元", None, None, None),
        ("成本", "经济成本指标", "项目总成本", "≤120万元", "118万元", None, None, None),
    ]


def test_indicators_numbered_like_chapters_under_a_level1_heading_of_another_marker() -> None:
    """`一、产出指标` / `（一）name：…`: the indicators use the marker of a sub-chapter; the next heading of
    the 一级 heading's own marker (`三、自评结论`) ends the section."""
    pages = [
        "一、产出指标\n"
        "（一）新建污水管网：年度目标值≥12公里，实际完成值12.6公里，分值20分，得分20分。\n"
        "（二）污水处理率：年度目标值≥95%，实际完成值96.2%，分值20分，得分20分。\n"
        "二、满意度指标\n"
        "（一）群众满意度：年度目标值≥90%，实际完成值91%。\n"
        "三、自评结论\n"
        "（一）总体情况：年度目标值均已完成，实际完成值高于预期。"
    ]
    assert [(r.level1, r.level2, r.name, r.actual.text) for r in prose_indicators(pages)] == [
        ("产出", None, "新建污水管网", "12.6公里"),
        ("产出", None, "污水处理率", "96.2%"),
        ("满意度", None, "群众满意度", "91%"),
    ]
