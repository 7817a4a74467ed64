"""Holdout split of the genre corpus: ten reports on templates and provinces absent from train/validation.

Written without looking at the parser.  Besides the corpus's usual producer (python-docx → LibreOffice,
openpyxl → LibreOffice Calc), two other producers make PDFs the way real departments do: an HTML page
printed by headless Chromium (``print-to-pdf``), and a PDF drawn directly with reportlab (the way
report-generating back-office systems emit forms).  Every figure is invented; departments are real bodies.
"""

from __future__ import annotations

import html as htmlmod
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

from forms import hier
from lib import C, P, Report, Table, cell, fin, layout
from narrative import S, paras, sums, tail_fn, truth_rows

# --------------------------------------------------------------------------- helpers


def wan(yuan: str) -> str:
    """An amount printed in 元 as the exact 万元 string of the truth (at least two decimals)."""
    d = Decimal(yuan.replace(",", "")) / Decimal(10000)
    s = format(d.normalize(), "f")
    whole, _, frac = s.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def region(province, city, county, adcode):
    return dict(
        region=(city or province) + (county or ""),
        province=province,
        city=city,
        county=county,
        adcode=adcode,
    )


def rows_of(specs, **kw):
    """truth_rows, plus a unit written in brackets inside the value cells (spec key ``tu``)."""
    out = truth_rows(specs, **kw)
    for s, row in zip(specs, out, strict=True):
        if s.get("tu"):
            row["target"]["unit"] = row["actual"]["unit"] = row["unit"] = s["tu"]
    return out


def hdr(*names):
    return [C(h, b=True) for h in names]


def tail_xl(keys):
    """tail_fn whose 分值/得分 cells are numbers in the workbook (text would make =SUM print 0)."""
    base = tail_fn(keys)

    def tail(s):
        cells = base(s)
        for i, k in enumerate(keys):
            if k in ("w", "s") and cells[i]:
                cells[i] = C(cells[i], xl=float(cells[i]))
        return cells

    return tail


def blank_cont(specs, tail):
    """Rows where 一级/二级 are printed once and left blank below (a web table with no rowspan)."""
    rows, prev1, prev2 = [], None, None
    for s in specs:
        c1 = C(s["l1"] if s["l1"] != prev1 else "", al="l")
        c2 = C(s["l2"] if (s["l2"], s["l1"]) != (prev2, prev1) else "", al="l")
        rows.append([c1, c2, *tail(s)])
        prev1, prev2 = s["l1"], s["l2"]
    return rows


# --------------------------------------------------------------------------- producer: Chromium

CSS = """
@page {{ size: A4 {orient}; margin: 2.0cm 1.8cm 1.8cm 1.8cm; }}
body {{ font-family: "{font}", "SimSun", serif; font-size: 10.5pt; line-height: 1.55; }}
p {{ margin: 0 0 3pt 0; text-indent: 2em; text-align: justify; }}
p.title {{ text-indent: 0; text-align: center; font-family: "{hfont}", sans-serif;
  font-size: 17pt; font-weight: bold; margin: 6pt 0 10pt 0; }}
p.center {{ text-indent: 0; text-align: center; font-weight: bold; }}
p.right {{ text-indent: 0; text-align: right; }}
p.small {{ text-indent: 0; font-size: 9pt; }}
p.h {{ font-family: "{hfont}", sans-serif; font-weight: bold; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; margin: 4pt 0 8pt 0; }}
td {{ border: 0.6pt solid #000; font-size: {size}pt; line-height: 1.3; padding: 2pt 3pt;
  text-align: center; vertical-align: middle; word-break: break-all; }}
td.l {{ text-align: left; }}
td.b {{ font-weight: bold; }}
td.cont {{ border-top: hidden; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
"""


def write_print_html(rep: Report, path: Path):
    """The page a department would print from its browser (no site furniture)."""
    title = rep.truth["title"]
    tsize = next((b.size for b in rep.blocks if isinstance(b, Table)), 9)
    out = [
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n',
        f"<title>{htmlmod.escape(title)}</title>\n<style>",
        CSS.format(
            orient="landscape" if rep.landscape else "portrait",
            size=tsize,
            font=rep.font,
            hfont="Noto Sans CJK SC" if "Noto" in rep.font else rep.font,
        ),
        "</style>\n</head>\n<body>\n",
    ]
    for blk in rep.blocks:
        if isinstance(blk, P):
            style = f' style="font-size:{blk.size}pt"' if blk.size else ""
            txt = htmlmod.escape(blk.t).replace("\n", "<br>")
            out.append(f'<p class="{blk.kind}"{style}>{txt}</p>\n')
        elif isinstance(blk, Table):
            _, ncols = layout(blk.rows)
            out.append("<table>\n<colgroup>")
            out.extend(f'<col style="width:{w}cm">' for w in blk.widths[:ncols])
            out.append("</colgroup>\n")
            for i, row in enumerate(blk.rows):
                if i == 0 and blk.header_rows:
                    out.append("<thead>\n")
                if i == blk.header_rows and blk.header_rows:
                    out.append("<tbody>\n")
                out.append("<tr>")
                for x in row:
                    x = cell(x)
                    cls = []
                    if x.al == "l":
                        cls.append("l")
                    if x.b:
                        cls.append("b")
                    if x.t == "" and getattr(blk, "style", "") == "blankcont":
                        cls.append("cont")
                    attrs = f' class="{" ".join(cls)}"' if cls else ""
                    attrs += f' rowspan="{x.rs}"' if x.rs > 1 else ""
                    attrs += f' colspan="{x.cs}"' if x.cs > 1 else ""
                    out.append(f"<td{attrs}>{htmlmod.escape(x.t).replace(chr(10), '<br>')}</td>")
                out.append("</tr>\n")
                if i == blk.header_rows - 1:
                    out.append("</thead>\n")
            out.append("</tbody>\n</table>\n" if blk.header_rows else "</table>\n")
    out.append("</body>\n</html>\n")
    path.write_text("".join(out), encoding="utf-8")


def chromium_pdf(rep: Report, out: Path):
    html = out / f"{rep.stem}.html"
    write_print_html(rep, html)
    with tempfile.TemporaryDirectory(prefix="genre_chromium_") as prof:
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={prof}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={out / (rep.stem + '.pdf')}",
                html.resolve().as_uri(),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=300,
        )


# --------------------------------------------------------------------------- producer: reportlab

ZENHEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


def reportlab_pdf(rep: Report, out: Path):
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    if "ZenHei" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("ZenHei", ZENHEI, subfontIndex=0))
    base = dict(fontName="ZenHei", wordWrap="CJK")
    body = ParagraphStyle("body", fontSize=10.5, leading=17, firstLineIndent=21, alignment=TA_JUSTIFY, **base)
    styles = {
        "p": body,
        "title": ParagraphStyle("title", fontSize=16, leading=24, alignment=TA_CENTER, spaceAfter=8, **base),
        "center": ParagraphStyle("center", fontSize=11, leading=16, alignment=TA_CENTER, **base),
        "right": ParagraphStyle("right", fontSize=10, leading=15, alignment=TA_RIGHT, **base),
        "small": ParagraphStyle("small", fontSize=9, leading=13, **base),
        "h": ParagraphStyle("h", fontSize=11, leading=18, spaceBefore=4, **base),
    }
    story = []
    for blk in rep.blocks:
        if isinstance(blk, P):
            st = styles.get(blk.kind, body)
            if blk.size:
                st = ParagraphStyle(
                    f"{blk.kind}{blk.size}", parent=st, fontSize=blk.size, leading=blk.size * 1.5
                )
            story.append(Paragraph(htmlmod.escape(blk.t).replace("\n", "<br/>"), st))
        elif isinstance(blk, Table):
            placed, ncols = layout(blk.rows)
            grid = [["" for _ in range(ncols)] for _ in blk.rows]
            cmds = [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
            for r, c, x in placed:
                st = ParagraphStyle(
                    f"c{r}{c}",
                    fontSize=blk.size,
                    leading=blk.size * 1.3,
                    alignment={"l": TA_LEFT, "r": TA_RIGHT}.get(x.al, TA_CENTER),
                    **base,
                )
                txt = htmlmod.escape(x.t).replace("\n", "<br/>")
                grid[r][c] = Paragraph(f"<b>{txt}</b>" if x.b else txt, st)
                if x.rs > 1 or x.cs > 1:
                    cmds.append(("SPAN", (c, r), (c + x.cs - 1, r + x.rs - 1)))
            t = RLTable(grid, colWidths=[w * cm for w in blk.widths[:ncols]], repeatRows=blk.header_rows)
            t.setStyle(TableStyle(cmds))
            story += [t, Spacer(1, 6)]

    def footer(canvas, doc):
        canvas.setFont("ZenHei", 9)
        canvas.drawCentredString(doc.pagesize[0] / 2, 1.0 * cm, f"- {doc.page} -")

    size = landscape(A4) if rep.landscape else A4
    doc = SimpleDocTemplate(
        str(out / f"{rep.stem}.pdf"),
        pagesize=size,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=rep.truth["title"],
        author=rep.truth["department"],
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


PRODUCERS = {"chromium": chromium_pdf, "reportlab": reportlab_pdf}


def meta(title, site, date, source, **kw):
    return dict(title=title, site=site, date=date, source=source, **kw)


STD8 = ["name", "tgt", "act", "w", "s", "why"]


# ============================================================================ H1. Henan / Luoyang narrative


def luoyang_sjj_2022(split):
    dept = "洛阳市审计局"
    specs = [
        S("产出指标", "数量指标", "完成审计项目数量", "≥45个", "48个", 8, 8),
        S("产出指标", "数量指标", "出具审计报告份数（份）", "45", "48", 6, 6),
        S("产出指标", "数量指标", "审计移送问题线索", "≥10件", "12件", 5, 5),
        S(
            "产出指标",
            "数量指标",
            "组织审计业务培训",
            "≥4期",
            "3期",
            5,
            3.5,
            "受疫情影响，1期集中培训取消。下一步将采取线上方式开展培训。",
        ),
        S("产出指标", "质量指标", "审计报告质量复核覆盖率", "100%", "100%", 6, 6),
        S("产出指标", "质量指标", "审计发现问题整改率", "≥95%", "96.8%", 6, 6),
        S("产出指标", "质量指标", "审计项目质量检查", "达标", "达标", 5, 5),
        S("产出指标", "时效指标", "审计结果报送时限", "≤3个工作日", "3个工作日", 5, 5),
        S("产出指标", "时效指标", "年度审计计划完成及时率", "≥90%", "93%", 4, 4),
        S("产出指标", "成本指标", "审计项目外聘中介费用", "≤100万元", "86.5万元", 5, 5),
        S("效益指标", "经济效益指标", "促进增收节支金额", "5000万元", "6235.8万元", 8, 8),
        S("效益指标", "社会效益指标", "审计监督作用", "有效发挥", "有效发挥", 7, 7),
        S(
            "效益指标",
            "社会效益指标",
            "审计建议采纳率",
            "≥85%",
            "82.4%",
            7,
            5,
            "部分审计建议涉及体制机制调整，需跨年度落实。将持续跟踪督促被审计单位落实。",
        ),
        S("效益指标", "可持续影响指标", "审计整改长效机制", "较上年提高", "较上年提高", 5, 5),
        S("满意度指标", "服务对象满意度指标", "被审计单位满意度", "≥90%", "95%", 8, 8),
        S("满意度指标", "服务对象满意度指标", "社会公众评价", "好", "好", 10, 10),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (100, Decimal("96.5")), (W, Sc)
    rows = [
        hdr(
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ),
        *hier(specs, tail_fn(STD8)),
        [C("合计", cs=5, b=True), "100", "96.5", ""],
    ]
    title = f"{dept}2022年度部门整体支出绩效自评报告"
    blocks = [
        P(title, "title"),
        P("部门基本情况", "h"),
        *paras("""
洛阳市审计局是市政府工作部门，主管全市审计工作，对市本级预算执行、决算草案以及其他财政收支情况进行审计监督，组织实施经济责任审计、政府投资审计和自然资源资产离任审计。局机关内设科室12个，下属事业单位1个（洛阳市审计服务中心）。2022年末编制人数86人，实有在职人员81人。
2022年主要工作任务：一是做好市本级预算执行和决算草案审计，推动财政资金提质增效；二是围绕稳经济一揽子政策措施落实开展跟踪审计；三是加强领导干部经济责任审计和自然资源资产离任审计；四是聚焦民生资金和重大政府投资项目开展专项审计；五是推进审计整改“下半篇文章”，健全审计整改长效机制；六是加强审计信息化建设和审计队伍专业化建设。
"""),
        P("一、部门整体支出情况", "h"),
        *paras("""
2022年度，我局全年预算数2,186.45万元，其中基本支出1,532.18万元，项目支出654.27万元；全年实际支出2,094.36万元，预算执行率95.79%，其中基本支出1,528.90万元，项目支出565.46万元。
“三公”经费支出38,625.00元，比上年减少4,210.00元，下降9.83%。其中：因公出国（境）费0元，与上年持平；公务用车运行维护费26,400.00元，比上年减少3,600.00元，主要是严格执行公务用车管理规定，压减用车次数；公务接待费12,225.00元，比上年减少610.00元。
机关运行经费支出186.32万元，比上年增加12.05万元，主要是办公楼维修改造支出增加。
"""),
        P("二、绩效目标完成情况", "h"),
        *paras("""
全年共完成审计项目48个，出具审计报告48份，促进增收节支6235.8万元，向纪检监察机关和有关部门移送问题线索12件。审计发现问题整改率96.8%，审计建议采纳率82.4%，未达到年度目标；受疫情影响，全年组织审计业务培训3期，少于计划1期。各项绩效指标完成情况见下表。
"""),
        P("洛阳市审计局2022年度部门整体支出绩效目标完成情况表", "center", size=11),
        Table(rows, [1.7, 2.0, 3.4, 1.9, 1.9, 1.0, 1.0, 3.5], header_rows=1),
        P("三、自评结论", "h"),
        *paras("""
根据部门整体支出绩效评价指标体系，经自评，我局2022年度部门整体支出绩效自评得分为96.5分，自评等级为“优”。
"""),
        P("四、存在问题及改进措施", "h"),
        *paras("""
一是部分绩效指标设置不够精准，个别指标值偏保守；二是审计建议落实跟踪机制有待完善。下一步，我局将科学设定绩效目标，强化绩效运行监控，推动评价结果与预算安排挂钩。
"""),
        P("洛阳市审计局\n2023年5月18日", "right"),
    ]
    truth = dict(
        title=title,
        department=dept,
        **region("河南省", "洛阳市", None, "410300"),
        fiscal_year=2022,
        report_type="department_overall",
        evaluation={"self_score": 96.5, "grade": "优"},
        finance=[
            fin("budget_total", "2186.45", "全年预算数2,186.45万元"),
            fin("budget_basic", "1532.18", "基本支出1,532.18万元"),
            fin("budget_project", "654.27", "项目支出654.27万元"),
            fin("expenditure_total", "2094.36", "全年实际支出2,094.36万元"),
            fin("expenditure_basic", "1528.90", "基本支出1,528.90万元"),
            fin("expenditure_project", "565.46", "项目支出565.46万元"),
            fin("sangong_total", wan("38625.00"), "“三公”经费支出38,625.00元"),
            fin("sangong_overseas", wan("0"), "因公出国（境）费0元"),
            fin("sangong_vehicle", wan("26400.00"), "公务用车运行维护费26,400.00元"),
            fin("sangong_reception", wan("12225.00"), "公务接待费12,225.00元"),
            fin("operating_cost", "186.32", "机关运行经费支出186.32万元"),
        ],
        indicators=truth_rows(specs),
    )
    return Report(
        "luoyang-sjj-2022",
        split,
        blocks,
        truth,
        pdf_from="chromium",
        font="Noto Serif CJK SC",
        anchors={"table": "三级指标", "eval": "经自评，我局2022年度"},
        html_meta=meta(title, "洛阳市审计局", "2023-05-26 10:21", "洛阳市审计局", hits=412),
    )


# ============================================================================ H2. Hebei project form (Excel)


def weixian_nyncj_2021(split):
    dept = "威县农业农村局"
    specs = [
        S("产出指标", "数量指标", "统防统治作业面积", "≥15万亩", "15.6万亩", 10, 10),
        S("产出指标", "数量指标", "购置植保无人机（架）", "20", "20", 10, 10),
        S("产出指标", "质量指标", "病虫害防治效果", "≥90%", "91.5%", 10, 10),
        S("产出指标", "质量指标", "农药利用率", "≥40%", "41.2%", 5, 5),
        S("产出指标", "时效指标", "防治作业完成时间", "2021年9月底前", "2021年9月底前", 5, 5),
        S("产出指标", "成本指标", "亩均防治成本", "≤18元", "17.4元", 10, 10),
        S("效益指标", "经济效益指标", "挽回粮食损失", "≥1.2万吨", "1.35万吨", 10, 10),
        S("效益指标", "社会效益指标", "化学农药使用量", "较上年减少", "较上年减少", 10, 10),
        S(
            "效益指标",
            "生态效益指标",
            "农药包装废弃物回收率",
            "≥80%",
            "76%",
            5,
            3,
            "部分乡镇回收点设置不足，下一步增设回收点，加大宣传力度。",
        ),
        S("效益指标", "可持续影响指标", "统防统治服务组织运行", "持续运行", "持续运行", 5, 5),
        S("满意度指标", "服务对象满意度指标", "种植户满意度", "≥90%", "94%", 10, 10),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (90, 88), (W, Sc)

    def n(v):
        return C(f"{v:.2f}", xl=v, fmt="0.00")

    rows = [
        [C("项目名称", b=True), C("2021年农作物病虫害统防统治项目", cs=8, al="l")],
        [
            C("主管部门", b=True),
            C(dept, cs=3, al="l"),
            C("实施单位", b=True),
            C("威县植保植检站", cs=4, al="l"),
        ],
        [
            C("项目资金\n（万元）", rs=4, b=True),
            C(""),
            C("年初预算数", b=True),
            C("全年预算数", b=True),
            C("全年执行数", b=True),
            C("分值", b=True),
            C("执行率", b=True),
            C("得分", b=True, cs=2),
        ],
        [
            C("年度资金总额", al="l"),
            n(260),
            n(285.5),
            n(271.23),
            C("10", xl=10),
            C("95.00%", xl="=E{r}/D{r}", fmt="0.00%"),
            C("9.5", xl=9.5, cs=2),
        ],
        [C("其中：财政拨款", al="l"), n(260), n(285.5), n(271.23), "—", "—", C("—", cs=2)],
        [C("其他资金", al="l"), n(0), n(0), n(0), "—", "—", C("—", cs=2)],
        [C("年度\n总体\n目标", rs=2, b=True), C("预期目标", cs=4, b=True), C("实际完成情况", cs=4, b=True)],
        [
            C(
                "完成小麦、玉米重大病虫害统防统治作业15万亩以上，防治效果达到90%以上，"
                "亩均防治成本控制在18元以内，有效挽回粮食损失。",
                cs=4,
                al="l",
            ),
            C(
                "全年完成统防统治作业15.6万亩，防治效果91.5%，亩均防治成本17.4元，挽回粮食损失1.35万吨。",
                cs=4,
                al="l",
            ),
        ],
        [
            C("绩\n效\n指\n标", rs=len(specs) + 1, b=True),
            *hdr(
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因分析及改进措施",
            ),
        ],
        *hier(specs, tail_xl(STD8)),
        [C("总分", cs=6, b=True), C("100", xl=100), C("97.5", xl=97.5), C("")],
    ]
    title = "项目支出绩效自评表（2021年度）"
    blocks = [
        P("项目支出绩效自评表", "title"),
        P("（2021年度）", "center"),
        Table(rows, [1.5, 1.8, 2.1, 3.3, 2.0, 2.0, 1.7, 1.2, 3.0], size=9),
        P("填表人：李晓光    联系电话：0319-6222635    填报日期：2022年4月12日", "small"),
    ]
    truth = dict(
        title=title,
        department=dept,
        **region("河北省", "邢台市", "威县", "130533"),
        fiscal_year=2021,
        report_type="project",
        evaluation={"self_score": 97.5, "grade": None},
        finance=[
            fin("budget_total", "285.50", "年度资金总额 全年预算数 285.50", find="285.50"),
            fin("expenditure_total", "271.23", "年度资金总额 全年执行数 271.23", find="271.23"),
        ],
        indicators=truth_rows(specs),
    )
    truth["_extra_weight"], truth["_extra_score"] = 10, 9.5
    return Report(
        "weixian-nyncj-2021",
        split,
        blocks,
        truth,
        formats=("pdf", "html", "xlsx"),
        pdf_from="xlsx",
        xlsx_landscape=False,
        anchors={"table": "三级指标", "eval": "总分"},
        html_meta=meta(
            "威县农业农村局2021年农作物病虫害统防统治项目支出绩效自评表",
            "威县人民政府",
            "2022-06-08 09:40",
            "威县农业农村局",
            sheet="项目自评表",
        ),
    )


# ============================================================================ H3. Guizhou form drawn by reportlab


def zunyi_wglyj_2023(split):
    dept = "遵义市文化广电旅游局"
    specs = [
        S("产出指标", "数量指标", "开展公共文化惠民演出", "≥600", "648", 8, 8, u="场次"),
        S(
            "产出指标",
            "数量指标",
            "接待国内游客",
            "12000",
            "11235.6",
            8,
            6,
            "客源市场恢复节奏慢于预期，下一步加大客源地营销力度。",
            u="万人次",
        ),
        S(
            "产出指标",
            "数量指标",
            "新增A级旅游景区",
            "3",
            "2",
            6,
            4,
            "1个景区评定程序尚未完成，2024年继续推进。",
            u="个",
        ),
        S("产出指标", "数量指标", "非遗项目保护传承", "≥20", "24", 6, 6, u="项"),
        S("产出指标", "质量指标", "文物安全事故发生数", "0", "0", 6, 6, u="起"),
        S("产出指标", "质量指标", "公共图书馆免费开放率", "100", "100", 6, 6, u="%"),
        S("产出指标", "时效指标", "惠民演出按期完成率", "≥95", "97.3", 6, 6, u="%"),
        S("产出指标", "成本指标", "单场演出补助标准", "≤2.5", "2.5", 6, 6, u="万元"),
        S(
            "效益指标",
            "经济效益指标",
            "旅游综合收入",
            "≥1300",
            "1186.4",
            10,
            6,
            "旅游消费恢复不及预期，人均消费偏低。下一步丰富业态，延长游客停留时间。",
            u="亿元",
        ),
        S("效益指标", "社会效益指标", "公共文化服务覆盖面", "持续扩大", "持续扩大", 8, 8, u=""),
        S(
            "效益指标",
            "可持续影响指标",
            "文旅融合发展机制",
            "逐步完善",
            "基本建立",
            8,
            6.5,
            "部门协同机制仍需健全。",
            u="",
        ),
        S("满意度指标", "服务对象满意度指标", "群众满意度", "≥90", "92.6", 12, 12, u="%"),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "游客满意度",
            "≥85",
            "83.2",
            10,
            6,
            "旺季景区排队时间长、投诉处理不够及时。下一步完善智慧旅游服务。",
            u="%",
        ),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (100, Decimal("86.5")), (W, Sc)
    fund = [
        [C("预算执行情况（万元）", cs=2, b=True), *hdr("年初预算数", "全年预算数", "全年执行数", "执行率")],
        [C("资金总额", cs=2), "8,652.30", "9,318.76", "8,947.12", "96.01%"],
        [C("其中：基本支出", cs=2), "3,120.50", "3,205.64", "3,198.27", "99.77%"],
        [C("项目支出", cs=2), "5,531.80", "6,113.12", "5,748.85", "94.04%"],
    ]
    rows = [
        hdr(
            "一级指标",
            "二级指标",
            "三级指标",
            "计量单位",
            "目标值",
            "完成值",
            "权重",
            "自评得分",
            "未完成原因",
        ),
        *hier(specs, tail_fn(["name", "u", "tgt", "act", "w", "s", "why"])),
        [C("合计", cs=6, b=True), "100", "86.5", ""],
        [C("自评等级", cs=2, b=True), C("良好", cs=7, al="l")],
    ]
    title = "遵义市部门整体支出绩效自评表（2023年度）"
    blocks = [
        P("遵义市部门整体支出绩效自评表", "title"),
        P("（2023年度）", "center"),
        P("部门名称（盖章）：遵义市文化广电旅游局　　　　　　　　　　　　填报日期：2024年3月28日", "small"),
        Table(fund, [2.0, 2.1, 3.2, 3.2, 3.2, 3.3], size=9),
        Table(rows, [1.5, 1.7, 3.1, 1.3, 1.5, 1.5, 1.1, 1.3, 3.0], header_rows=1, size=8.5),
        P("填表人：王  敏　　　联系电话：0851-28221306　　　单位负责人：陈  刚", "small"),
    ]
    truth = dict(
        title=title,
        department=dept,
        **region("贵州省", "遵义市", None, "520300"),
        fiscal_year=2023,
        report_type="department_overall",
        evaluation={"self_score": 86.5, "grade": "良好"},
        finance=[
            fin("budget_total", "9318.76", "资金总额 全年预算数 9,318.76", find="9,318.76"),
            fin("expenditure_total", "8947.12", "资金总额 全年执行数 8,947.12", find="8,947.12"),
            fin("budget_basic", "3205.64", "基本支出 全年预算数 3,205.64", find="3,205.64"),
            fin("expenditure_basic", "3198.27", "基本支出 全年执行数 3,198.27", find="3,198.27"),
            fin("budget_project", "6113.12", "项目支出 全年预算数 6,113.12", find="6,113.12"),
            fin("expenditure_project", "5748.85", "项目支出 全年执行数 5,748.85", find="5,748.85"),
        ],
        indicators=truth_rows(specs, unit_col=True),
    )
    return Report(
        "zunyi-wglyj-2023",
        split,
        blocks,
        truth,
        pdf_from="reportlab",
        anchors={"table": "三级指标", "eval": "自评等级"},
        html_meta=meta(title, "遵义市文化广电旅游局", "2024-04-15 16:03", "遵义市文化广电旅游局", hits=88),
    )


# ============================================================================ H4. Shaanxi form printed from a browser


def baoji_jyj_2022(split):
    dept = "宝鸡市教育局"
    specs = [
        S("产出指标", "数量指标", "新建改扩建幼儿园（所）", "12", "12", 6, 6),
        S("产出指标", "数量指标", "学生资助人次", "≥10（万人次）", "10.5（万人次）", 6, 6, tu="万人次"),
        S("产出指标", "数量指标", "教师培训人数（人）", "≥8000", "8426", 6, 6),
        S(
            "产出指标",
            "数量指标",
            "义务教育学校标准化建设（个）",
            "35",
            "33",
            6,
            4.5,
            "2所学校因用地手续办理滞后未按期完工，计划2023年上半年完成。",
        ),
        S("产出指标", "质量指标", "九年义务教育巩固率", "≥99%", "99.6%", 6, 6),
        S("产出指标", "质量指标", "高中阶段毛入学率", "≥95%", "96.2%", 6, 6),
        S("产出指标", "质量指标", "校舍安全", "达标", "达标", 5, 5),
        S("产出指标", "时效指标", "资助资金发放及时率", "100%", "100%", 5, 5),
        S(
            "产出指标",
            "时效指标",
            "标准化建设项目完成时限",
            "2022年12月底前",
            "2023年6月底前",
            4,
            2,
            "见“义务教育学校标准化建设”指标偏差原因。",
        ),
        S("产出指标", "成本指标", "校舍维修改造单价", "≤1200元/平方米", "1150元/平方米", 5, 5),
        S("效益指标", "社会效益指标", "适龄儿童入学率", "100%", "100%", 8, 8),
        S("效益指标", "社会效益指标", "教育均衡发展水平", "持续提升", "持续提升", 7, 7),
        S("效益指标", "社会效益指标", "家庭经济困难学生资助", "应助尽助", "应助尽助", 4, 4),
        S("效益指标", "可持续影响指标", "控辍保学长效机制", "健全", "健全", 6, 6),
        S("满意度指标", "服务对象满意度指标", "学生及家长满意度", "≥90%", "93.5%", 10, 10),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (90, Decimal("86.5")), (W, Sc)
    b = dict(b=True)
    fund = [
        [C("部门名称", **b), C(dept, cs=3, al="l"), C("主管部门", **b), C(dept, cs=2, al="l")],
        [
            C("年度部门\n预算资金\n（万元）", rs=5, **b),
            C(""),
            *hdr("年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"),
        ],
        [C("年度资金总额", al="l"), "41,236.50", "43,580.26", "42,105.73", "96.62%", "10", "9.66"],
        [C("按收入性质分：", al="l", cs=7)],
        [C("　其中：财政拨款", al="l"), "40,836.50", "43,080.26", "41,705.73", "—", "—", "—"],
        [C("　　　　其他资金", al="l"), "400.00", "500.00", "400.00", "—", "—", "—"],
    ]
    kind = [
        [
            C("按支出性质分", rs=3, b=True),
            *hdr("支出类别", "年初预算数", "全年预算数", "全年执行数", "执行率"),
        ],
        ["基本支出", "9,850.20", "10,120.45", "10,036.18", "99.17%"],
        ["项目支出", "31,386.30", "33,459.81", "32,069.55", "95.85%"],
    ]
    rows = [
        [C("年度绩效指标完成情况", cs=8, b=True)],
        hdr("一级指标", "二级指标", "三级指标", "计划值", "实现值", "分值", "得分", "未完成原因"),
        *hier(specs, tail_fn(STD8)),
        [C("总分", cs=5, b=True), "100", "96.16", ""],
    ]
    title = "部门整体支出绩效自评表（2022年度）"
    blocks = [
        P("部门整体支出绩效自评表", "title"),
        P("（2022年度）", "center"),
        P(
            "填报单位（盖章）：宝鸡市教育局　　　　　　　　　　　　　　　　　　　　　　　　　　　　　单位：万元",
            "small",
        ),
        Table(fund, [2.2, 3.6, 3.0, 3.0, 3.0, 3.0, 2.6, 5.2], size=9.5),
        Table(kind, [2.2, 3.6, 4.5, 4.5, 4.5, 6.3], size=9.5),
        Table(rows, [2.2, 2.6, 5.6, 3.2, 3.2, 1.5, 1.5, 5.8], header_rows=2, size=9.5),
        P(
            "自评结论：经自评，宝鸡市教育局2022年度部门整体支出绩效自评得分96.16分，等级为优秀。"
            "存在问题：个别基建项目前期手续办理周期长，影响建设进度。改进措施：提前谋划项目，加强跟踪调度。",
            "p",
        ),
        P("填表人：赵立新　　　审核人：杨　静　　　联系电话：0917-3264501", "small"),
    ]
    truth = dict(
        title=title,
        department=dept,
        **region("陕西省", "宝鸡市", None, "610300"),
        fiscal_year=2022,
        report_type="department_overall",
        evaluation={"self_score": 96.16, "grade": "优秀"},
        finance=[
            fin("budget_total", "43580.26", "年度资金总额 全年预算数 43,580.26", find="43,580.26"),
            fin("expenditure_total", "42105.73", "年度资金总额 全年执行数 42,105.73", find="42,105.73"),
            fin("budget_basic", "10120.45", "基本支出 全年预算数 10,120.45", find="10,120.45"),
            fin("expenditure_basic", "10036.18", "基本支出 全年执行数 10,036.18", find="10,036.18"),
            fin("budget_project", "33459.81", "项目支出 全年预算数 33,459.81", find="33,459.81"),
            fin("expenditure_project", "32069.55", "项目支出 全年执行数 32,069.55", find="32,069.55"),
        ],
        indicators=rows_of(specs),
    )
    truth["_extra_weight"], truth["_extra_score"] = 10, 9.66
    return Report(
        "baoji-jyj-2022",
        split,
        blocks,
        truth,
        landscape=True,
        pdf_from="chromium",
        font="Noto Serif CJK SC",
        anchors={"table": "三级指标", "eval": "经自评，宝鸡市教育局"},
        html_meta=meta(
            "宝鸡市教育局2022年度部门整体支出绩效自评表",
            "宝鸡市教育局",
            "2023-06-02 15:47",
            "计划财务科",
            hits=203,
        ),
    )


# ============================================================================ H5. Gansu narrative (Word, merged cells)


def tianshui_mzj_2021(split):
    dept = "天水市民政局"
    why12 = "动态管理中退出部分不符合条件对象，保障人数低于年初预期。下一步加强精准认定，做到应保尽保。"
    specs = [
        S("产出指标", "数量指标", "城乡低保对象保障人数", "≥6.5万人", "6.32万人", 6, 4.5, why12),
        S("产出指标", "数量指标", "特困人员救助供养人数", "≥1.1万人", "1.06万人", 6, 4.5, why12),
        S("产出指标", "数量指标", "临时救助人次", "≥8000人次", "9215人次", 6, 6),
        S(
            "产出指标",
            "数量指标",
            "养老服务设施建设（个）",
            "40",
            "36",
            6,
            4,
            "4个社区日间照料中心受疫情影响延期建设，2022年6月前完成。",
        ),
        S("产出指标", "质量指标", "低保资金社会化发放率", "100%", "100%", 6, 6),
        S("产出指标", "质量指标", "救助对象信息准确率", "≥98%", "98.7%", 5, 5),
        S("产出指标", "质量指标", "养老机构安全检查覆盖率", "100%", "100%", 5, 5),
        S("产出指标", "时效指标", "救助资金发放时间", "按月发放", "按月发放", 5, 5),
        S("产出指标", "成本指标", "城市低保平均保障标准", "≥630元/人·月", "648元/人·月", 5, 5),
        S("效益指标", "社会效益指标", "困难群众基本生活", "有效保障", "有效保障", 10, 10),
        S(
            "效益指标",
            "社会效益指标",
            "社会救助兜底作用",
            "充分发挥",
            "较好发挥",
            10,
            8,
            "部分救助政策宣传不到位。",
        ),
        S("效益指标", "可持续影响指标", "社会救助体系", "不断完善", "不断完善", 10, 9, "—"),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "救助对象满意度",
            "≥90%",
            "88.6%",
            10,
            8,
            "个别对象对救助标准期望较高。",
        ),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "社会公众满意度",
            "≥85%",
            "84.1%",
            10,
            8,
            "政策宣传覆盖面不够广。",
        ),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (100, 88), (W, Sc)
    body = hier(specs, tail_fn(STD8))
    # one reason cell covers the first two rows (merged vertically)
    body[0][-1] = C(why12, rs=2, al="l")
    body[1] = body[1][:-1]
    rows = [
        hdr(
            "一级指标",
            "二级指标",
            "三级指标",
            "年度目标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ),
        *body,
        [C("合计", cs=5, b=True), "100", "88", ""],
    ]
    title = f"{dept}2021年度部门整体支出绩效自评报告"
    blocks = [
        P(title, "title", size=16),
        P("一、部门基本情况", "h"),
        *paras("""
（一）部门职能。天水市民政局是市政府工作部门，主要负责全市社会救助、养老服务、儿童福利、社会事务、基层政权和社区建设、社会组织登记管理等工作。
（二）机构人员。局机关内设科室8个，下属事业单位5个。2021年末编制人数168人，实有人数159人。
（三）年度主要工作任务。全面落实社会救助兜底保障政策，推进养老服务体系建设，做好困难群众基本生活保障。
"""),
        P("二、部门整体支出情况", "h"),
        *paras("""
2021年，我局年初预算4,860.00万元，全年预算5,418.62万元，其中基本支出1,305.20万元，项目支出4,113.42万元。
2021年度部门决算支出5,236.84万元，比上年增加412.57万元，增长8.55%。其中：基本支出1,286.45万元，项目支出3,950.39万元。预算执行率96.65%。
“三公”经费支出12.86万元，比上年减少2.14万元。其中：因公出国（境）费0万元；公务用车购置及运行维护费9.62万元（其中公务用车购置费0万元，公务用车运行维护费9.62万元），比上年减少1.86万元；公务接待费3.24万元，比上年减少0.28万元。
政府采购支出总额386.20万元，其中货物类126.40万元，工程类198.50万元，服务类61.30万元。
截至2021年12月31日，资产总额2,864.15万元，负债总额312.08万元，净资产2,552.07万元。
"""),
        P("三、部门整体支出绩效情况", "h"),
        *paras("""
全年共保障城乡低保对象6.32万人、特困人员1.06万人，实施临时救助9215人次，城市低保平均保障标准提高到每人每月648元。部门整体支出绩效目标完成情况如下表：
"""),
        P("天水市民政局2021年度部门整体支出绩效目标完成情况表", "center", size=11),
        Table(rows, [1.5, 1.7, 3.0, 1.8, 1.8, 1.1, 1.1, 3.6], header_rows=1, size=9),
        P("四、自评结论", "h"),
        *paras("""
经综合评价，我局2021年度部门整体支出绩效自评得分88分，评价等级为“良”。
"""),
        P("五、存在问题及整改措施", "h"),
        *paras("""
一是部分绩效目标设置与实际工作衔接不够紧密；二是个别项目执行进度偏慢。下一步将加强预算编制与绩效目标的衔接，强化执行监控。
"""),
    ]
    truth = dict(
        title=title,
        department=dept,
        **region("甘肃省", "天水市", None, "620500"),
        fiscal_year=2021,
        report_type="department_overall",
        evaluation={"self_score": 88.0, "grade": "良"},
        finance=[
            fin("budget_total", "5418.62", "全年预算5,418.62万元"),
            fin("budget_basic", "1305.20", "基本支出1,305.20万元"),
            fin("budget_project", "4113.42", "项目支出4,113.42万元"),
            fin("expenditure_total", "5236.84", "部门决算支出5,236.84万元"),
            fin("expenditure_basic", "1286.45", "基本支出1,286.45万元"),
            fin("expenditure_project", "3950.39", "项目支出3,950.39万元"),
            fin("sangong_total", "12.86", "“三公”经费支出12.86万元"),
            fin("sangong_overseas", "0.00", "因公出国（境）费0万元"),
            fin("sangong_vehicle", "9.62", "公务用车购置及运行维护费9.62万元"),
            fin("sangong_reception", "3.24", "公务接待费3.24万元"),
            fin("procurement_total", "386.20", "政府采购支出总额386.20万元"),
            fin("procurement_goods", "126.40", "货物类126.40万元"),
            fin("procurement_works", "198.50", "工程类198.50万元"),
            fin("procurement_services", "61.30", "服务类61.30万元"),
            fin("assets_total", "2864.15", "资产总额2,864.15万元"),
            fin("liabilities_total", "312.08", "负债总额312.08万元"),
            fin("net_assets", "2552.07", "净资产2,552.07万元"),
        ],
        indicators=rows_of(specs),
    )
    return Report(
        "tianshui-mzj-2021",
        split,
        blocks,
        truth,
        anchors={"table": "三级指标", "eval": "经综合评价，我局2021年度"},
        html_meta=meta(title, "天水市民政局", "2022-05-30 11:26", "天水市民政局", hits=167),
    )


# ============================================================================ H6. Xinjiang form in 元 (Excel)


def hami_slj_2022(split):
    dept = "哈密市水利局"
    specs = [
        S("产出指标", "数量指标", "新增高效节水灌溉面积", "≥3万亩", "3.2万亩", 8, 8),
        S("产出指标", "数量指标", "实施水利工程建设项目", "12个", "12个", 8, 8),
        S("产出指标", "数量指标", "河湖巡查次数", "≥240次", "256次", 6, 6),
        S(
            "产出指标",
            "数量指标",
            "农村饮水工程维修养护处数",
            "45处",
            "41处",
            6,
            5,
            "4处工程受冬季施工条件限制顺延至次年实施。",
        ),
        S("产出指标", "质量指标", "工程验收合格率", "100%", "100%", 8, 8),
        S("产出指标", "质量指标", "农村自来水普及率", "≥98%", "98.6%", 6, 6),
        S(
            "产出指标",
            "时效指标",
            "项目开工及时率",
            "≥95%",
            "91.7%",
            6,
            4,
            "1个项目前期手续办理滞后，已督促加快办理。",
        ),
        S("产出指标", "成本指标", "工程建设成本控制", "不超概算", "未超概算", 4, 4),
        S("效益指标", "经济效益指标", "年节约用水量", "≥1500万立方米", "1620万立方米", 8, 8),
        S("效益指标", "社会效益指标", "农村饮水工程受益人口", "≥12万人", "12.8万人", 8, 8),
        S(
            "效益指标",
            "生态效益指标",
            "地下水超采治理",
            "水位稳中有升",
            "水位稳中有升",
            8,
            7,
            "部分区域水位仍有下降。",
        ),
        S("效益指标", "可持续影响指标", "工程长效运行管护机制", "建立", "建立", 6, 6),
        S("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "95.3%", 10, 10),
        S("满意度指标", "服务对象满意度指标", "用水户满意度", "≥85%", "90.1%", 8, 8),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (100, 96), (W, Sc)
    yuan = dict(fmt="#,##0.00")

    def y(v):
        return C(f"{Decimal(v):,.2f}", xl=float(v), **yuan)

    money = [
        ("资金总额", "36582400.00", "41265318.50", "39874206.32", "96.63%"),
        ("其中：基本支出", "8265400.00", "8540126.80", "8512650.12", "99.68%"),
        ("　　　项目支出", "28317000.00", "32725191.70", "31361556.20", "95.83%"),
    ]
    rows = [
        [C("部门（单位）名称", cs=2, b=True), C(dept, cs=6, al="l")],
        [
            C("年度预算执行情况", cs=2, rs=4, b=True),
            *hdr("项目", "年初预算数", "全年预算数", "全年执行数", "执行率"),
            C(""),
        ],
        *[
            [C(a, al="l"), y(b0), y(b1), y(ex), C(rate, xl="=F{r}/E{r}", fmt="0.00%"), C("")]
            for a, b0, b1, ex, rate in money
        ],
        [
            C("年度总体目标完成情况", cs=2, b=True),
            C(
                "全年实施水利工程建设项目12个，新增高效节水灌溉面积3.2万亩，农村自来水普及率达到98.6%，"
                "地下水超采治理取得阶段性成效。",
                cs=6,
                al="l",
            ),
        ],
        hdr(
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ),
        *hier(specs, tail_xl(STD8)),
        [C("总分", cs=5, b=True), C("100", xl="=SUM(F11:F24)"), C("96", xl="=SUM(G11:G24)"), C("")],
        [C("自评等级", cs=5, b=True), C("优秀", cs=3)],
    ]
    title = "部门整体支出绩效自评表（2022年度）"
    blocks = [
        P("部门整体支出绩效自评表", "title"),
        P("（2022年度）", "center"),
        P("金额单位：元", "right"),
        Table(rows, [1.9, 2.2, 3.6, 3.4, 3.4, 3.4, 1.7, 3.0], size=9),
    ]
    truth = dict(
        title=title,
        department=dept,
        **region("新疆维吾尔自治区", "哈密市", None, "650500"),
        fiscal_year=2022,
        report_type="department_overall",
        evaluation={"self_score": 96.0, "grade": "优秀"},
        finance=[
            fin(
                "budget_total",
                wan("41265318.50"),
                "资金总额 全年预算数 41,265,318.50（元）",
                find="41,265,318.50",
            ),
            fin(
                "expenditure_total",
                wan("39874206.32"),
                "资金总额 全年执行数 39,874,206.32（元）",
                find="39,874,206.32",
            ),
            fin(
                "budget_basic",
                wan("8540126.80"),
                "基本支出 全年预算数 8,540,126.80（元）",
                find="8,540,126.80",
            ),
            fin(
                "expenditure_basic",
                wan("8512650.12"),
                "基本支出 全年执行数 8,512,650.12（元）",
                find="8,512,650.12",
            ),
            fin(
                "budget_project",
                wan("32725191.70"),
                "项目支出 全年预算数 32,725,191.70（元）",
                find="32,725,191.70",
            ),
            fin(
                "expenditure_project",
                wan("31361556.20"),
                "项目支出 全年执行数 31,361,556.20（元）",
                find="31,361,556.20",
            ),
        ],
        indicators=rows_of(specs),
    )
    return Report(
        "hami-slj-2022",
        split,
        blocks,
        truth,
        formats=("pdf", "html", "xlsx"),
        pdf_from="xlsx",
        xlsx_landscape=False,
        anchors={"table": "三级指标", "eval": "总分"},
        html_meta=meta(
            "哈密市水利局2022年度部门整体支出绩效自评表",
            "哈密市水利局",
            "2023-07-11 18:02",
            "哈密市水利局",
            sheet="整体自评表",
        ),
    )


# ============================================================================ H7. Inner Mongolia project form (browser)


def chifeng_lcj_2023(split):
    dept = "赤峰市林业和草原局"
    specs = [
        S("产出指标", "数量指标", "草原禁牧面积", "2300万亩", "2300万亩", 10, 10),
        S("产出指标", "数量指标", "草畜平衡面积", "3100万亩", "3100万亩", 10, 10),
        S("产出指标", "数量指标", "补奖资金兑付农牧户数", "≥9.5万户", "9.68万户", 10, 10),
        S("产出指标", "质量指标", "禁牧区巡查覆盖率", "≥95%", "97%", 10, 10),
        S("产出指标", "时效指标", "补奖资金兑付时限", "≤30个工作日", "25个工作日", 5, 5),
        S("产出指标", "成本指标", "禁牧补助标准", "7.5元/亩", "7.5元/亩", 5, 5),
        S("效益指标", "经济效益指标", "农牧民政策性收入", "增加", "增加", 10, 10),
        S(
            "效益指标",
            "生态效益指标",
            "草原综合植被盖度",
            "≥45%",
            "44.2%",
            10,
            8,
            "受春季干旱影响，部分旗县植被恢复缓慢。下一步加强草原生态修复和监测。",
        ),
        S(
            "效益指标",
            "可持续影响指标",
            "草原生态保护长效机制",
            "健全完善",
            "基本健全",
            10,
            8,
            "草原监管力量不足，下一步充实草管员队伍。",
        ),
        S("满意度指标", "服务对象满意度指标", "农牧民满意度", "≥90%", "92%", 10, 10),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (90, 86), (W, Sc)
    rows = [
        [C("项目名称", b=True), C("2023年草原生态保护补助奖励项目", cs=8, al="l")],
        [
            C("主管部门", b=True),
            C(dept, cs=3, al="l"),
            C("实施单位", b=True),
            C("赤峰市草原工作站", cs=4, al="l"),
        ],
        [
            C("项目资金\n（万元）", rs=4, b=True),
            C(""),
            *hdr("年初预算数", "全年预算数", "全年执行数", "权重", "执行率"),
            C("得分", cs=2, b=True),
        ],
        [C("年度资金总额", al="l"), "1,850.00", "2,036.40", "1,987.52", "10", "97.60%", C("9.76", cs=2)],
        [C("其中：财政拨款", al="l"), "1,850.00", "2,036.40", "1,987.52", "—", "—", C("—", cs=2)],
        [C("其他资金", al="l"), "0.00", "0.00", "0.00", "—", "—", C("—", cs=2)],
        [C("年度总体目标", rs=2, b=True), C("预期目标", cs=4, b=True), C("实际完成情况", cs=4, b=True)],
        [
            C(
                "落实草原禁牧2300万亩、草畜平衡3100万亩，按时足额兑付补奖资金，草原生态持续恢复。",
                cs=4,
                al="l",
            ),
            C("完成禁牧2300万亩、草畜平衡3100万亩，向9.68万户农牧民兑付补奖资金1987.52万元。", cs=4, al="l"),
        ],
        [
            C("绩效指标", rs=len(specs) + 1, b=True),
            *hdr(
                "一级指标",
                "二级指标",
                "三级指标",
                "年度目标值",
                "全年完成值",
                "权重",
                "得分",
                "未完成原因及改进措施",
            ),
        ],
        *hier(specs, tail_fn(STD8)),
        [C("总分", cs=6, b=True), "100", "95.76", ""],
    ]
    title = "项目支出绩效自评表（2023年度）"
    blocks = [
        P("项目支出绩效自评表", "title"),
        P("（2023年度）", "center"),
        Table(rows, [1.5, 1.8, 2.0, 2.9, 1.9, 1.9, 1.4, 1.2, 2.8], header_rows=0, size=9),
        P("填报人：苏日娜　　　联系电话：0476-8338952　　　填报日期：2024年3月20日", "small"),
    ]
    truth = dict(
        title=title,
        department=dept,
        **region("内蒙古自治区", "赤峰市", None, "150400"),
        fiscal_year=2023,
        report_type="project",
        evaluation={"self_score": 95.76, "grade": None},
        finance=[
            fin("budget_total", "2036.40", "年度资金总额 全年预算数 2,036.40", find="2,036.40"),
            fin("expenditure_total", "1987.52", "年度资金总额 全年执行数 1,987.52", find="1,987.52"),
        ],
        indicators=rows_of(specs),
    )
    truth["_extra_weight"], truth["_extra_score"] = 10, 9.76
    return Report(
        "chifeng-lcj-2023",
        split,
        blocks,
        truth,
        pdf_from="chromium",
        anchors={"table": "三级指标", "eval": "总分"},
        html_meta=meta(
            "赤峰市林业和草原局2023年草原生态保护补助奖励项目支出绩效自评表",
            "赤峰市林业和草原局",
            "2024-04-02 09:15",
            "赤峰市林业和草原局",
        ),
    )


# ============================================================================ H8. Heilongjiang: one small table per 一级 (reportlab)


def mudanjiang_tyj_2020(split):
    dept = "牡丹江市体育局"
    groups = [
        (
            "（一）产出指标",
            [
                S(
                    "产出",
                    "数量指标",
                    "举办全民健身赛事活动（场）",
                    "≥30",
                    "12",
                    8,
                    3,
                    "受新冠肺炎疫情影响，大型群众性赛事活动暂停举办。",
                ),
                S("产出", "数量指标", "新建全民健身路径（套）", "50", "50", 6, 6),
                S(
                    "产出",
                    "数量指标",
                    "培训社会体育指导员（人）",
                    "≥500",
                    "320",
                    6,
                    4,
                    "线下集中培训受疫情影响压缩。",
                ),
                S("产出", "质量指标", "健身器材验收合格率", "100%", "100%", 6, 6),
                S(
                    "产出",
                    "质量指标",
                    "运动员省级以上赛事获奖",
                    "≥15枚",
                    "9枚",
                    8,
                    4,
                    "省级综合性运动会延期举办。",
                ),
                S("产出", "时效指标", "健身器材安装完成时间", "10月底前", "11月中旬", 6, 4, "器材供货延迟。"),
                S("产出", "成本指标", "单套健身路径成本", "≤3万元", "2.86万元", 5, 5),
            ],
        ),
        (
            "（二）效益指标",
            [
                S(
                    "效益",
                    "社会效益指标",
                    "经常参加体育锻炼人数比例",
                    "≥38%",
                    "37.2%",
                    10,
                    8,
                    "疫情期间群众户外锻炼减少。",
                ),
                S("效益", "社会效益指标", "全民健身公共服务水平", "较上年提高", "较上年提高", 10, 10),
                S(
                    "效益",
                    "可持续影响指标",
                    "公共体育场馆免费低收费开放",
                    "持续开放",
                    "阶段性暂停开放",
                    10,
                    6,
                    "疫情防控期间场馆阶段性关闭。",
                ),
            ],
        ),
        (
            "（三）满意度指标",
            [
                S(
                    "满意度",
                    "服务对象满意度指标",
                    "健身群众满意度",
                    "≥90%",
                    "86.5%",
                    15,
                    12.5,
                    "部分健身设施老化，维护不及时。",
                ),
                S("满意度", "服务对象满意度指标", "参赛运动员满意度", "≥90%", "91%", 10, 10),
            ],
        ),
    ]
    specs = [s for _, g in groups for s in g]
    W, Sc = sums(specs)
    assert (W, Sc) == (100, Decimal("78.5")), (W, Sc)
    tables = []
    for caption, g in groups:
        rows = [hdr("二级指标", "三级指标", "目标值", "完成值", "分值", "得分", "偏差原因")]
        rows += hier(
            [dict(s, l1="") for s in g],
            tail_fn(STD8),
            l1_span=False,
        )
        rows = [rows[0]] + [r[1:] for r in rows[1:]]
        tables += [P(caption, "h"), Table(rows, [2.4, 4.0, 1.8, 1.8, 1.1, 1.1, 4.8], header_rows=1, size=9)]
    title = f"{dept}2020年度部门整体支出绩效自评报告"
    blocks = [
        P(title, "title"),
        P("一、部门概况", "h"),
        *paras("""
牡丹江市体育局主要负责全市群众体育、竞技体育和体育产业发展工作，内设科室6个，下属事业单位3个，2020年末实有人员94人。
"""),
        P("二、部门整体支出情况", "h"),
        *paras("""
2020年我局全年预算数1,268.35万元，全年执行数1,105.72万元，预算执行率87.18%。其中基本支出586.24万元，项目支出519.48万元。
“三公”经费支出共计52,380元，比上年减少18,620元，其中：因公出国（境）费0元，公务用车运行维护费35,600元，公务接待费16,780元。
"""),
        P("三、绩效指标完成情况", "h"),
        *paras("""
受新冠肺炎疫情影响，部分群众性体育赛事和培训活动未能按计划开展，各项指标完成情况如下。
"""),
        *tables,
        P("四、自评结论", "h"),
        *paras("""
对照年初绩效目标，我局2020年度部门整体支出绩效自评得分78.5分，自评等级为“中”。
"""),
        P("五、下一步改进措施", "h"),
        *paras("""
科学研判疫情形势，创新线上赛事和健身指导方式；加快健身器材采购和安装进度，加强设施日常维护。
"""),
    ]
    truth = dict(
        title=title,
        department=dept,
        **region("黑龙江省", "牡丹江市", None, "231000"),
        fiscal_year=2020,
        report_type="department_overall",
        evaluation={"self_score": 78.5, "grade": "中"},
        finance=[
            fin("budget_total", "1268.35", "全年预算数1,268.35万元"),
            fin("expenditure_total", "1105.72", "全年执行数1,105.72万元"),
            fin("expenditure_basic", "586.24", "基本支出586.24万元"),
            fin("expenditure_project", "519.48", "项目支出519.48万元"),
            fin("sangong_total", wan("52380"), "“三公”经费支出共计52,380元"),
            fin("sangong_overseas", wan("0"), "因公出国（境）费0元"),
            fin("sangong_vehicle", wan("35600"), "公务用车运行维护费35,600元"),
            fin("sangong_reception", wan("16780"), "公务接待费16,780元"),
        ],
        indicators=rows_of(specs),
    )
    return Report(
        "mudanjiang-tyj-2020",
        split,
        blocks,
        truth,
        pdf_from="reportlab",
        anchors={"table": "三级指标", "eval": "对照年初绩效目标"},
        html_meta=meta(title, "牡丹江市体育局", "2021-06-21 14:30", "牡丹江市体育局", hits=76),
    )


# ============================================================================ H9. Jiangsu: 分值 before the targets (Word, landscape)


def haimen_jtysj_2023(split):
    dept = "南通市海门区交通运输局"
    specs = [
        S("产出指标", "数量指标", "农村公路提档升级", "≥60", "65.3", 12, 12, u="公里"),
        S("产出指标", "数量指标", "危桥改造", "15", "15", 8, 8, u="座"),
        S("产出指标", "数量指标", "公交线路优化调整", "≥10", "12", 6, 6, u="条"),
        S("产出指标", "质量指标", "新改建农村公路验收合格率", "100", "100", 8, 8, u="%"),
        S(
            "产出指标",
            "质量指标",
            "公路优良路率",
            "≥85",
            "83.6",
            8,
            6.2,
            "部分县道交通量增长较快，路面病害增多。下一步加大预防性养护投入。",
            u="%",
        ),
        S("产出指标", "质量指标", "农村公路列养率", "100", "100", 6, 6, u="%"),
        S("产出指标", "时效指标", "工程按期完工率", "≥95", "96", 6, 6, u="%"),
        S("产出指标", "成本指标", "农村公路建设成本", "≤150", "142.8", 6, 6, u="万元/公里"),
        S("效益指标", "经济效益指标", "社会物流成本降低", "≥3", "3.4", 6, 6, u="%"),
        S("效益指标", "社会效益指标", "城乡公交覆盖率", "100", "100", 10, 10, u="%"),
        S("效益指标", "社会效益指标", "道路交通事故起数", "较上年下降", "较上年下降", 8, 8, u=""),
        S("效益指标", "可持续影响指标", "农村公路管养长效机制", "健全", "健全", 6, 6, u=""),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "群众出行满意度",
            "≥90",
            "92.5",
            10,
            9,
            "群众对公交发车间隔仍有意见。",
            u="%",
        ),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (100, Decimal("97.2")), (W, Sc)
    rows = [
        [
            C("绩效指标", cs=3, b=True),
            C("指标单位", rs=2, b=True),
            C("分值", rs=2, b=True),
            C("年度指标值", rs=2, b=True),
            C("实际完成值", rs=2, b=True),
            C("得分", rs=2, b=True),
            C("偏差原因分析及改进措施", rs=2, b=True),
        ],
        hdr("一级指标", "二级指标", "三级指标"),
        *hier(specs, tail_fn(["name", "u", "w", "tgt", "act", "s", "why"])),
        [C("总分", cs=4, b=True), "100", C("", cs=2), "97.2", ""],
    ]
    title = f"{dept}2023年度部门整体支出绩效自评报告"
    blocks = [
        P(title, "title", size=16),
        P("一、部门基本情况", "h"),
        *paras("""
南通市海门区交通运输局是区政府工作部门，负责全区公路、水路交通运输行业管理，承担农村公路建设养护、城乡公交和交通运输安全监管等职责。内设科室7个，下属事业单位2个。
2023年，我局围绕“交通强区”建设目标，重点推进以下工作：一是实施农村公路提档升级工程，完善城乡路网结构；二是开展危桥改造三年行动，消除桥梁安全隐患；三是优化城乡公交线网，推进城乡公交一体化；四是深化交通运输领域安全生产专项整治；五是推进“四好农村路”示范创建，健全农村公路管理养护长效机制。
"""),
        P("二、部门整体支出情况", "h"),
        *paras("""
2023年度部门收入预算合计6,582.90万元，全部为一般公共预算拨款。全年支出决算6,105.44万元，其中基本支出1,874.61万元，项目支出4,230.83万元。机关运行经费82.16万元，较上年（90.35万元）减少9.06%。
"""),
        P("三、部门整体绩效目标完成情况", "h"),
        *paras("""
全年完成农村公路提档升级65.3公里，改造危桥15座，优化调整公交线路12条，城乡公交实现全覆盖。新改建农村公路全部通过交工验收，农村公路列养率保持100%；受交通量快速增长影响，公路优良路率为83.6%，略低于年度目标。年度绩效指标完成情况详见下表。
"""),
        P("南通市海门区交通运输局2023年度部门整体绩效指标完成情况", "center", size=11),
        Table(rows, [1.9, 2.2, 4.6, 1.8, 1.2, 2.3, 2.3, 1.2, 8.0], header_rows=2, size=9.5),
        P("四、自评结论", "h"),
        *paras("""
根据绩效指标完成情况，我局2023年度部门整体支出绩效自评总分97.2分，评价等级为“优秀”。
"""),
    ]
    truth = dict(
        title=title,
        department=dept,
        **region("江苏省", "南通市", "海门区", "320614"),
        fiscal_year=2023,
        report_type="department_overall",
        evaluation={"self_score": 97.2, "grade": "优秀"},
        finance=[
            fin("budget_total", "6582.90", "部门收入预算合计6,582.90万元"),
            fin("expenditure_total", "6105.44", "全年支出决算6,105.44万元"),
            fin("expenditure_basic", "1874.61", "基本支出1,874.61万元"),
            fin("expenditure_project", "4230.83", "项目支出4,230.83万元"),
            fin("operating_cost", "82.16", "机关运行经费82.16万元"),
        ],
        indicators=truth_rows(specs, unit_col=True),
    )
    return Report(
        "haimen-jtysj-2023",
        split,
        blocks,
        truth,
        landscape=True,
        anchors={"table": "三级指标", "eval": "我局2023年度部门整体支出绩效自评总分"},
        html_meta=meta(title, "南通市海门区人民政府", "2024-05-20 08:55", "区交通运输局", hits=59),
    )


# ============================================================================ H10. Hainan: level cells left blank below (browser)


def sanya_wjw_2021(split):
    dept = "三亚市卫生健康委员会"
    specs = [
        S(
            "产出指标",
            "数量指标",
            "家庭医生签约人数",
            "≥25万人",
            "23.8万人",
            6,
            4,
            "签约服务宣传不足，下一步扩大重点人群签约覆盖。",
        ),
        S("产出指标", "数量指标", "新冠病毒疫苗接种剂次", "≥120万剂次", "156.3万剂次", 6, 6),
        S(
            "产出指标",
            "数量指标",
            "免费孕前优生健康检查",
            "≥3000对",
            "2860对",
            6,
            4,
            "部分目标人群外出务工，检查人数不足。",
        ),
        S("产出指标", "质量指标", "法定传染病报告率", "100%", "100%", 6, 6),
        S(
            "产出指标",
            "质量指标",
            "急救呼叫满足率",
            "≥95%",
            "90.2%",
            6,
            1,
            "急救站点布局不均衡，车辆配置不足。下一步新增急救站点。",
        ),
        S(
            "产出指标",
            "质量指标",
            "基层医疗机构标准化达标率",
            "≥90%",
            "85%",
            8,
            5,
            "部分村卫生室业务用房未达标。",
        ),
        S("产出指标", "时效指标", "突发公共卫生事件报告及时率", "100%", "100%", 6, 6),
        S("产出指标", "成本指标", "基本公共卫生服务人均补助", "79元", "79元", 4, 4),
        S("效益指标", "经济效益指标", "群众就医费用负担", "有所减轻", "有所减轻", 8, 8),
        S("效益指标", "社会效益指标", "婴儿死亡率", "≤5‰", "3.8‰", 10, 10),
        S("效益指标", "社会效益指标", "居民健康素养水平", "≥25%", "26.4%", 8, 8),
        S(
            "效益指标",
            "可持续影响指标",
            "医疗卫生服务体系",
            "持续完善",
            "有所完善",
            8,
            5,
            "优质医疗资源仍然不足。",
        ),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "群众就医满意度",
            "≥85%",
            "80.3%",
            10,
            4,
            "就医高峰期排队时间长。",
        ),
        S("满意度指标", "服务对象满意度指标", "医务人员满意度", "≥80%", "82%", 8, 8),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (100, 79), (W, Sc)
    rows = [
        hdr("一级指标", "二级指标", "三级指标", "年度目标", "实际完成", "分值", "得分", "偏差原因分析"),
        *blank_cont(specs, tail_fn(STD8)),
        [C("合计", cs=5, b=True), "100", "79", ""],
    ]
    tb = Table(rows, [1.7, 2.1, 3.6, 1.9, 1.9, 1.0, 1.0, 3.3], header_rows=1, size=9, style="blankcont")
    title = f"{dept}2021年度部门整体支出绩效自评报告"
    blocks = [
        P(title, "title"),
        P("一、部门基本情况", "h"),
        *paras("""
三亚市卫生健康委员会是市政府工作部门，负责全市卫生健康事业发展、公共卫生和医疗服务管理、疾病预防控制、妇幼健康和人口监测等工作。委机关内设科室11个，所属事业单位9个。
"""),
        P("二、部门整体支出情况", "h"),
        *paras("""
（一）预算及支出。2021年部门全年预算数为18,652.37万元，决算支出17,930.58万元，其中：基本支出5,216.09万元，项目支出12,714.49万元。
（二）“三公”经费。2021年“三公”经费支出32.76万元，较年初预算45.00万元减少12.24万元，比上年增加3.18万元，主要是疫情防控公务用车使用频次增加。其中：因公出国（境）费0.00万元，公务用车运行维护费21.50万元，公务接待费11.26万元。
（三）政府采购。全年政府采购合同金额2,345.60万元，其中货物类1,820.40万元，服务类525.20万元。
（四）资产情况。截至2021年底，资产总额23,456.78万元，其中固定资产账面原值9,876.54万元。
"""),
        P("三、绩效指标完成情况", "h"),
        tb,
        P("四、自评结论", "h"),
        *paras("""
经自评，2021年度我委部门整体支出绩效自评得分79分，自评等级为合格。
"""),
        P("五、存在的问题和改进措施", "h"),
        *paras("""
一是急救体系建设滞后于城市发展；二是基层医疗卫生服务能力仍较薄弱。下一步，我委将优化急救站点布局，推进基层医疗机构标准化建设。
"""),
    ]
    truth = dict(
        title=title,
        department=dept,
        **region("海南省", "三亚市", None, "460200"),
        fiscal_year=2021,
        report_type="department_overall",
        evaluation={"self_score": 79.0, "grade": "合格"},
        finance=[
            fin("budget_total", "18652.37", "全年预算数为18,652.37万元"),
            fin("expenditure_total", "17930.58", "决算支出17,930.58万元"),
            fin("expenditure_basic", "5216.09", "基本支出5,216.09万元"),
            fin("expenditure_project", "12714.49", "项目支出12,714.49万元"),
            fin("sangong_total", "32.76", "“三公”经费支出32.76万元"),
            fin("sangong_overseas", "0.00", "因公出国（境）费0.00万元"),
            fin("sangong_vehicle", "21.50", "公务用车运行维护费21.50万元"),
            fin("sangong_reception", "11.26", "公务接待费11.26万元"),
            fin("procurement_total", "2345.60", "政府采购合同金额2,345.60万元"),
            fin("procurement_goods", "1820.40", "货物类1,820.40万元"),
            fin("procurement_services", "525.20", "服务类525.20万元"),
            fin("assets_total", "23456.78", "资产总额23,456.78万元"),
            fin("fixed_assets_original", "9876.54", "固定资产账面原值9,876.54万元"),
        ],
        indicators=rows_of(specs),
    )
    return Report(
        "sanya-wjw-2021",
        split,
        blocks,
        truth,
        pdf_from="chromium",
        anchors={"table": "三级指标", "eval": "经自评，2021年度我委"},
        html_meta=meta(title, "三亚市卫生健康委员会", "2022-06-28 17:40", "三亚市卫生健康委员会", hits=321),
    )


# Scored while the parser is improved (the development half of the blind batch).
HOLDOUT = [
    "luoyang_sjj_2022",
    "weixian_nyncj_2021",
    "baoji_jyj_2022",
    "tianshui_mzj_2021",
    "chifeng_lcj_2023",
    "mudanjiang_tyj_2020",
]
# Scored once, at the end of a round of parser changes: the other half, never looked at while tuning.
FINAL = [
    "zunyi_wglyj_2023",
    "hami_slj_2022",
    "haimen_jtysj_2023",
    "sanya_wjw_2021",
]
