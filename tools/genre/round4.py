"""Round 4 blind batch: templates, provinces and quirks absent from the earlier splits.

Written without reading the parser: from the genre notes, the real fragments and the earlier rounds'
READMEs (sources in tests/fixtures/genre/holdout4/README.md).  Departments are real bodies; every
figure is invented.  Producers: python-docx → LibreOffice Writer, openpyxl → LibreOffice Calc (formulas
with cached values, bracketed negatives, print titles), headless Chromium (thead repeated or not, a
forced break inside a rowspan) and reportlab (three-line and unruled tables, ``第x页 共y页`` footers).
"""

from __future__ import annotations

import html as htmlmod
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from forms import hier
from holdout import chromium_pdf, hdr, meta, region, rows_of, tail_xl, wan
from lib import Break, C, P, Report, Table, achieved, layout, value
from lib import fin as _fin
from narrative import S, sums, tail_fn
from round3 import chromium_breaks, heads

STD8 = ["name", "tgt", "act", "w", "s", "why"]
DIRECTION = {"正向": "positive", "反向": "negative"}


def fin(code, amount, source_text, find=None):
    return _fin(code, str(amount), source_text, find)


def qian(v: str) -> str:
    """An amount printed in 千元 as the exact 万元 string of the truth."""
    return wan(str(Decimal(v.replace(",", "")) * 1000))


def pct(a: str, b: str) -> str:
    """a / b as a printed percentage with two decimals."""
    q = Decimal(a.replace(",", "")) / Decimal(b.replace(",", "")) * 100
    return f"{q.quantize(Decimal('0.01'), ROUND_HALF_UP)}%"


def truth(specs, **kw):
    """rows_of, plus spec keys ``dir`` (指标性质 正向/反向 → direction) and ``note`` (an actual with a
    bracketed remark: the (number, unit) a reader takes from it)."""
    rows = rows_of(specs, **kw)
    for s, row in zip(specs, rows, strict=True):
        if s.get("note"):
            row["actual"]["number"], row["actual"]["unit"] = s["note"]
        if s.get("dir"):
            row["direction"] = DIRECTION[s["dir"]]
        if s.get("note") or s.get("dir"):
            row["achieved"] = achieved(
                row["target"], row["actual"], negative=row["direction"] == "negative", rng=s.get("rng")
            )
        if s.get("ach", "auto") != "auto":
            row["achieved"] = s["ach"]
    return rows


def no_level1(rows):
    for row in rows:
        row["level1"] = None
    return rows


# --------------------------------------------------------------------------- producer: reportlab


def _rl_story(rep: Report):
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

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
            story.append(Paragraph(htmlmod.escape(blk.t).replace("\n", "<br/>"), st))
            continue
        if not isinstance(blk, Table):
            continue
        placed, ncols = layout(blk.rows)
        grid = [["" for _ in range(ncols)] for _ in blk.rows]
        hr = max(blk.header_rows, 1)
        cmds = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ]
        if blk.style == "grid":
            cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        elif blk.style == "threeline":
            cmds += [
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black),
                ("LINEBELOW", (0, hr - 1), (-1, hr - 1), 0.6, colors.black),
                ("LINEBELOW", (0, -1), (-1, -1), 1.2, colors.black),
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
    return story


def reportlab_pages(rep: Report, out: Path):
    """reportlab with table styles (grid / threeline / none) and a footer such as ``第{p}页 共{n}页``
    (two passes: the first counts the pages)."""
    from holdout import ZENHEI
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import SimpleDocTemplate

    if "ZenHei" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("ZenHei", ZENHEI, subfontIndex=0))
    fmt = rep.html_meta.get("footer", "- {p} -")
    total = [0]

    def footer(canvas, doc):
        canvas.setFont("ZenHei", 9)
        canvas.drawCentredString(doc.pagesize[0] / 2, 1.0 * cm, fmt.format(p=doc.page, n=total[0]))
        total[1:] = [doc.page]

    for _ in range(2):
        doc = SimpleDocTemplate(
            str(out / f"{rep.stem}.pdf"),
            pagesize=landscape(A4) if rep.landscape else A4,
            leftMargin=2 * cm,
            rightMargin=2 * cm,
            topMargin=2 * cm,
            bottomMargin=2 * cm,
            title=rep.truth["title"],
            author=rep.truth["department"],
        )
        doc.build(_rl_story(rep), onFirstPage=footer, onLaterPages=footer)
        total[0] = total[-1]


PRODUCERS = {"reportlab4": reportlab_pages, "chromium4": chromium_pdf, "chromium4_breaks": chromium_breaks}


def head2(levels, vals, tail):
    """A two-row header: 一级/二级/三级 (merged down), ``vals`` (a group label over two sub-columns),
    then ``tail`` columns merged down."""
    label, subs = vals
    top = [C(h, rs=2, b=True) for h in levels] + [C(label, cs=len(subs), b=True)]
    top += [C(h, rs=2, b=True) for h in tail]
    return [top, [C(h, b=True) for h in subs]]


# ============================================================================ H1. Guangdong Shaoguan agriculture (Writer)


def shaoguan_nyncj_2023(split):
    dept = "韶关市农业农村局"
    keys = ["name", "dir", "tgt", "act", "w", "s", "why"]
    specs = [
        S("产出指标", "数量指标", "新建高标准农田面积", "≥5.2万亩", "5.46万亩", 10, 10, dir="正向"),
        S("产出指标", "数量指标", "农作物种子质量抽检批次", "≥300批次", "326批次", 8, 8, dir="正向"),
        S("产出指标", "质量指标", "农产品质量安全例行监测合格率", "≥98%", "98.9%", 8, 8, dir="正向"),
        S("产出指标", "质量指标", "重大动物疫病发生率", "1%", "0.6%", 6, 6, dir="反向"),
        S(
            "产出指标",
            "时效指标",
            "耕地地力保护补贴兑付时间",
            "2023年12月底前",
            "2024年1月15日",
            6,
            3,
            "省级资金下达较晚，兑付延后半个月；2024年提前做好补贴面积核实。",
            dir="正向",
        ),
        S("产出指标", "成本指标", "高标准农田亩均建设成本", "≤3000元/亩", "2,950元/亩", 6, 6, dir="反向"),
        S(
            "效益指标",
            "经济效益指标",
            "农村居民人均可支配收入增幅",
            "≥6%",
            "5.4%",
            8,
            6,
            "受农产品价格下行影响，经营性收入增长放缓。",
            dir="正向",
        ),
        S("效益指标", "社会效益指标", "粮食播种面积", "≥246万亩", "248.3万亩", 8, 8, dir="正向"),
        S(
            "效益指标",
            "生态效益指标",
            "畜禽粪污综合利用率",
            "90%-95%",
            "92.6%",
            8,
            8,
            dir="正向",
            rng=(90, 95),
        ),
        S("效益指标", "生态效益指标", "化肥施用量", "≤上年", "较上年减少1.8%", 8, 8, dir="反向"),
        S("效益指标", "可持续影响指标", "农业农村现代化水平", "有效提升", "有效提升", 8, 8, dir="正向"),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "种粮农户满意度",
            "≥90%",
            "86.5%",
            8,
            5.5,
            "部分农户反映补贴标准偏低；将加大政策宣传，争取提高补贴标准。",
            dir="正向",
        ),
        S("满意度指标", "服务对象满意度指标", "新型农业经营主体满意度", "≥90%", "92.3%", 8, 8, dir="正向"),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (100, Decimal("92.5")), (W, Sc)
    rows = [
        *head2(
            ["一级指标", "二级指标", "三级指标", "指标性质"],
            ("指标值", ["年度目标值", "实际完成值"]),
            ["分值", "得分", "偏差原因分析及改进措施"],
        ),
        *hier(specs, tail_fn(keys)),
        [C("合计", cs=6, b=True), "100", "92.5", ""],
    ]
    text = """
一、部门基本情况
韶关市农业农村局是市政府工作部门，主要负责统筹研究和组织实施“三农”工作，承担粮食生产、耕地保护、农产品质量安全和乡村振兴等职责。局机关内设科室12个，下属事业单位5个，年末实有人员186人。
二、部门整体支出情况
（一）预算执行情况。2023年度部门预算调整后为36,582.46万元，全年决算支出34,905.27万元，预算执行率95.42%。其中：基本支出5,862.31万元，项目支出29,042.96万元。
（二）“三公”经费。2023年“三公”经费支出12.86万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费9.42万元，公务接待费3.44万元。
（三）政府采购。全年政府采购支出2,416.80万元，其中：货物类612.35万元，工程类1,380.00万元，服务类424.45万元。
（四）机关运行经费。2023年机关运行经费386.52万元，较上年（412.08万元）减少6.20%。
（五）国有资产。截至2023年12月31日，资产总额18,630.74万元，负债总额1,205.33万元，净资产17,425.41万元。
三、绩效目标完成情况
全年新建高标准农田5.46万亩，粮食播种面积248.3万亩，畜禽粪污综合利用率92.6%。耕地地力保护补贴兑付时间晚于计划，农村居民人均可支配收入增幅低于年度目标。
四、自评结论
根据部门整体支出绩效评价指标体系逐项评分，我局2023年度部门整体支出自评得分为92.5分，评价等级为"优"。
五、存在问题及改进措施
一是部分项目前期工作不够扎实，预算执行进度前慢后快；二是绩效目标设置仍有不够细化量化的情况。下一步将加强项目储备和绩效运行监控，提高绩效目标编制质量。
"""
    blocks = [
        P("韶关市农业农村局", "title", size=22),
        P("2023年度部门整体支出绩效自评报告", "title", size=22),
        P("\n\n\n\n\n\n"),
        P("单位名称（盖章）：韶关市农业农村局", "center"),
        P("编报日期：2024年4月", "center"),
        P("\n\n\n\n"),
        P("韶关市财政局制", "center"),
        Break(),
        *heads(text),
        P("附表：韶关市农业农村局2023年度部门整体支出绩效自评表", "h"),
        Table(rows, [1.4, 1.8, 3.0, 1.1, 2.0, 2.0, 1.1, 1.1, 3.5], header_rows=2, size=8.5),
        P("韶关市农业农村局\n2024年4月28日", "right"),
    ]
    tr = dict(
        title="韶关市农业农村局2023年度部门整体支出绩效自评报告",
        department=dept,
        **region("广东省", "韶关市", None, "440200"),
        fiscal_year=2023,
        report_type="department_overall",
        evaluation={"self_score": 92.5, "grade": "优"},
        finance=[
            fin("budget_total", "36582.46", "部门预算调整后为36,582.46万元"),
            fin("expenditure_total", "34905.27", "全年决算支出34,905.27万元"),
            fin("expenditure_basic", "5862.31", "基本支出5,862.31万元"),
            fin("expenditure_project", "29042.96", "项目支出29,042.96万元"),
            fin("sangong_total", "12.86", "“三公”经费支出12.86万元"),
            fin("sangong_overseas", "0", "因公出国（境）费0万元"),
            fin("sangong_vehicle", "9.42", "公务用车购置及运行维护费9.42万元"),
            fin("sangong_reception", "3.44", "公务接待费3.44万元"),
            fin("procurement_total", "2416.80", "政府采购支出2,416.80万元"),
            fin("procurement_goods", "612.35", "货物类612.35万元"),
            fin("procurement_works", "1380.00", "工程类1,380.00万元"),
            fin("procurement_services", "424.45", "服务类424.45万元"),
            fin("operating_cost", "386.52", "机关运行经费386.52万元"),
            fin("assets_total", "18630.74", "资产总额18,630.74万元"),
            fin("liabilities_total", "1205.33", "负债总额1,205.33万元"),
            fin("net_assets", "17425.41", "净资产17,425.41万元"),
        ],
        indicators=truth(specs),
    )
    return Report(
        "shaoguan-nyncj-2023",
        split,
        blocks,
        tr,
        anchors={"table": "三级指标", "eval": "自评得分为92.5分"},
        html_meta=meta(
            "韶关市农业农村局2023年度部门整体支出绩效自评报告",
            "韶关市农业农村局",
            "2024-05-10 16:05",
            "市农业农村局",
        ),
    )


# ============================================================================ H2. Zhejiang Wenzhou Lucheng education (Calc, 千元)


def _bracketed(v: Decimal) -> str:
    return f"({-v:,.2f})" if v < 0 else f"{v:,.2f}"


def lucheng_jyj_2020(split):
    dept = "温州市鹿城区教育局"
    specs = [
        S("产出指标", "数量指标", "义务教育阶段在校生人数", "≥68000人", "69214人", 10, 10),
        S(
            "产出指标",
            "数量指标",
            "新增公办学前教育学位",
            "≥1200个",
            "1080个",
            10,
            8,
            "2所新建幼儿园竣工延期，2021年春季开园。",
        ),
        S("产出指标", "数量指标", "教师培训人次", "≥５０００人次", "5368人次", 8, 8),
        S("产出指标", "质量指标", "义务教育巩固率", "≥９９％", "99.82%", 8, 8),
        S("产出指标", "质量指标", "标准化学校达标率", "１００％", "100%", 8, 8),
        S("产出指标", "时效指标", "校舍维修项目完工时间", "2020年8月底前", "2020年8月25日", 6, 6),
        S("产出指标", "成本指标", "小学生均公用经费", "≥７５０元", "750元", 6, 6),
        S("效益指标", "社会效益指标", "适龄儿童入学率", "１００％", "100%", 8, 8),
        S(
            "效益指标",
            "社会效益指标",
            "学生体质健康合格率",
            "≥９５％",
            "93.6%",
            8,
            5,
            "受疫情影响体育课时不足，下阶段增加课外体育活动时间。",
        ),
        S("效益指标", "可持续影响指标", "教育信息化水平", "持续提升", "持续提升", 8, 8),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "学生家长满意度",
            "≥９０％",
            "91.2%",
            10,
            7.6,
            "家长对课后服务时段安排意见较多。",
        ),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "教师满意度",
            "≥９０％",
            "88.4%",
            10,
            6,
            "教师非教学负担较重。",
        ),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (100, Decimal("88.6")), (W, Sc)
    money = [  # 千元: 年初, 全年预算, 全年执行
        ("资金总额", "560000.00", "598803.70", "597237.45"),
        ("其中：基本支出", "400000.00", "412563.20", "410872.45"),
        ("　　　项目支出", "160000.00", "186240.50", "186365.00"),
    ]

    def mrow(label, a, b, e):
        left = Decimal(b) - Decimal(e)
        return [
            C(label, cs=2, al="l"),
            *(C(f"{Decimal(v):,.2f}", xl=float(v), fmt="#,##0.00") for v in (a, b, e)),
            C(pct(e, b), xl="=E{r}/D{r}", fmt="0.00%"),
            C(_bracketed(left), cs=2, xl="=D{r}-E{r}", fmt="#,##0.00;(#,##0.00)"),
        ]

    budget = Table(
        [
            [C("部门预算执行情况", cs=8, b=True)],
            [
                C("项目", cs=2, b=True),
                *hdr("年初预算数", "全年预算数", "全年执行数", "执行率"),
                C("结余", cs=2, b=True),
            ],
            *(mrow(*m) for m in money),
        ],
        [1.8, 2.2, 3.4, 2.4, 2.4, 1.8, 1.6, 3.6],
        size=9,
    )
    first = 2 + len(budget.rows) + 2  # title, unit line, budget block, indicator header
    last = first + len(specs) - 1
    rows = [
        hdr(
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "全年实际值",
            "自评得分",
            "权重分",
            "偏差原因分析及改进措施",
        ),
        *hier(specs, tail_xl(["name", "tgt", "act", "s", "w", "why"])),
        [
            C("合计", cs=5, b=True),
            C("88.6", xl=f"=SUM(F{first}:F{last})", fmt="General"),
            C("100", xl=f"=SUM(G{first}:G{last})", fmt="General"),
            "",
        ],
        [C("自评等级", cs=5, b=True), C("良", cs=3)],
    ]
    blocks = [
        P("温州市鹿城区教育局2020年度部门整体支出绩效自评表", "title"),
        P("单位名称：温州市鹿城区教育局　　　　　　　　　　　　　　　　　　　　金额单位：千元", "small"),
        budget,
        Table(rows, [1.8, 2.2, 3.4, 2.4, 2.4, 1.8, 1.6, 3.6], header_rows=1, size=9),
    ]
    (_, b0, e0), (_, b1, e1), (_, b2, e2) = [(m[0], m[2], m[3]) for m in money]
    tr = dict(
        title="温州市鹿城区教育局2020年度部门整体支出绩效自评表",
        department=dept,
        **region("浙江省", "温州市", "鹿城区", "330302"),
        fiscal_year=2020,
        report_type="department_overall",
        evaluation={"self_score": 88.6, "grade": "良"},
        finance=[
            fin("budget_total", qian(b0), "资金总额 全年预算数 598,803.70（千元）", find="598,803.70"),
            fin("expenditure_total", qian(e0), "资金总额 全年执行数 597,237.45（千元）", find="597,237.45"),
            fin("budget_basic", qian(b1), "基本支出 全年预算数 412,563.20（千元）", find="412,563.20"),
            fin("expenditure_basic", qian(e1), "基本支出 全年执行数 410,872.45（千元）", find="410,872.45"),
            fin("budget_project", qian(b2), "项目支出 全年预算数 186,240.50（千元）", find="186,240.50"),
            fin("expenditure_project", qian(e2), "项目支出 全年执行数 186,365.00（千元）", find="186,365.00"),
        ],
        indicators=truth(specs),
    )
    return Report(
        "lucheng-jyj-2020",
        split,
        blocks,
        tr,
        formats=("pdf", "html", "xlsx"),
        pdf_from="xlsx",
        anchors={"table": "三级指标", "eval": "合计"},
        html_meta=meta(
            "温州市鹿城区教育局2020年度部门整体支出绩效自评表",
            "温州市鹿城区人民政府",
            "2021-08-16 10:12",
            "区教育局",
            sheet="自评表",
        ),
    )


# ============================================================================ H3. Hebei Shijiazhuang ecology (Chromium, no 一级)


def l2_only(specs, tail):
    """Rows of a table with no 一级 column: 二级 merged over its run."""
    rows, i = [], 0
    while i < len(specs):
        j = i
        while j < len(specs) and specs[j]["l2"] == specs[i]["l2"]:
            j += 1
        for k in range(i, j):
            rows.append(([C(specs[i]["l2"], rs=j - i)] if k == i else []) + tail(specs[k]))
        i = j
    return rows


def shijiazhuang_sthjj_2022(split):
    dept = "石家庄市生态环境局"
    specs = [
        S("产出指标", "数量指标", "环境空气质量自动监测站点运行数", "≥57个", "57个", 10, 10),
        S("产出指标", "数量指标", "建设项目环评审批件数", "≥400件", "452件", 8, 8),
        S(
            "产出指标",
            "质量指标",
            "空气质量优良天数比例",
            "≥70%",
            "73.2%（优良天数267天）",
            10,
            10,
            note=(73.2, "%"),
        ),
        S(
            "产出指标",
            "质量指标",
            "PM2.5年均浓度",
            "≤上年",
            "44微克/立方米（上年50微克/立方米）",
            10,
            10,
            note=(44.0, "微克/立方米"),
        ),
        S("产出指标", "质量指标", "国考断面水质优良比例", "90%-95%", "94.1%", 10, 10, rng=(90, 95)),
        S("产出指标", "时效指标", "环境信访投诉办结时限", "≤10个工作日", "8个工作日", 8, 8),
        S("产出指标", "时效指标", "大气污染防治项目完工时间", "2022年12月底前", "2022年12月底前", 6, 6),
        S("产出指标", "成本指标", "单个监测站点年运维成本", "≤１２万元", "11.6万元", 6, 6),
        S(
            "效益指标",
            "生态效益指标",
            "重污染天数",
            "≤１０天",
            "13天",
            10,
            6,
            "受不利气象条件影响，1月、12月出现区域性重污染过程；下一步强化重污染天气应急减排。",
        ),
        S("效益指标", "生态效益指标", "土壤污染风险", "有效管控", "有效管控", 6, 6),
        S("效益指标", "可持续影响指标", "生态环境治理能力", "有效提升", "明显提升", 6, 5),
        S("满意度指标", "服务对象满意度指标", "公众对生态环境质量满意度", "≥85%", "87.3%", 10, 10),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (100, 95), (W, Sc)
    rows = [
        hdr("二级指标", "三级指标", "指标值", "完成值", "分值", "得分", "偏差原因分析及改进措施"),
        *l2_only(specs, tail_fn(STD8)),
        [C("合计", cs=4, b=True), "100", "95", ""],
    ]
    text = """
一、部门概况
石家庄市生态环境局是市政府工作部门，负责全市生态环境监督管理，下设22个县（市、区）分局和市生态环境监控中心等6个直属事业单位。
主要职责是：负责建立健全生态环境基本制度；负责重大生态环境问题的统筹协调和监督管理；负责监督管理全市减排目标的落实；负责环境污染防治的监督管理；指导协调和监督生态保护修复工作；负责生态环境监测和执法工作；组织开展中央和省生态环境保护督察反馈问题整改。
2022年重点工作：持续开展大气污染综合治理，完成钢铁、焦化等重点行业超低排放改造项目38个，推进“散乱污”企业动态清零；深入实施河湖水环境综合治理，滹沱河、洨河等重点河流水质稳定达标；推进土壤污染源头防控，重点建设用地安全利用率保持100%。
二、部门整体支出情况
2022年度部门预算总额33,450.20万元，全年支出决算31,826.47万元。其中：基本支出8,214.63万元，项目支出23,611.84万元，主要用于大气污染防治、水污染防治、环境监测能力建设和执法监管。
“三公”经费支出6.35万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费4.12万元，公务接待费2.23万元。
政府采购支出1,862.30万元，其中：货物类524.60万元，工程类0万元，服务类1,337.70万元。机关运行经费212.45万元。
三、绩效指标完成情况
全年空气质量优良天数267天，PM2.5年均浓度44微克/立方米，较上年下降12%；国考断面水质优良比例94.1%。重污染天数13天，未完成年度目标。
四、自评结论
对照年初设定的绩效目标逐项评分，2022年度部门整体支出绩效自评得分为95分，评价等级为“优”。
五、存在问题及改进措施
重污染天气应对能力仍有不足，部分监测设备老化。下一步加快监测设备更新，完善重污染天气应急预案。
"""
    blocks = [
        P("石家庄市生态环境局2022年度部门整体支出绩效自评报告", "title"),
        *heads(text),
        P("附表", "h"),
        P("石家庄市生态环境局2022年度部门整体支出绩效目标完成情况表", "center"),
        Table(rows, [2.0, 3.8, 2.2, 3.2, 1.1, 1.1, 3.6], header_rows=0, size=9),
        P("注：1.未设置一级指标，二级指标按产出、效益、满意度顺序排列；2.分值合计100分。", "small"),
    ]
    tr = dict(
        title="石家庄市生态环境局2022年度部门整体支出绩效自评报告",
        department=dept,
        **region("河北省", "石家庄市", None, "130100"),
        fiscal_year=2022,
        report_type="department_overall",
        evaluation={"self_score": 95.0, "grade": "优"},
        finance=[
            fin("budget_total", "33450.20", "部门预算总额33,450.20万元"),
            fin("expenditure_total", "31826.47", "全年支出决算31,826.47万元"),
            fin("expenditure_basic", "8214.63", "基本支出8,214.63万元"),
            fin("expenditure_project", "23611.84", "项目支出23,611.84万元"),
            fin("sangong_total", "6.35", "“三公”经费支出6.35万元"),
            fin("sangong_overseas", "0", "因公出国（境）费0万元"),
            fin("sangong_vehicle", "4.12", "公务用车购置及运行维护费4.12万元"),
            fin("sangong_reception", "2.23", "公务接待费2.23万元"),
            fin("procurement_total", "1862.30", "政府采购支出1,862.30万元"),
            fin("procurement_goods", "524.60", "货物类524.60万元"),
            fin("procurement_works", "0", "工程类0万元"),
            fin("procurement_services", "1337.70", "服务类1,337.70万元"),
            fin("operating_cost", "212.45", "机关运行经费212.45万元"),
        ],
        indicators=no_level1(truth(specs)),
    )
    return Report(
        "shijiazhuang-sthjj-2022",
        split,
        blocks,
        tr,
        pdf_from="chromium4",
        formats=("pdf", "html"),
        anchors={"table": "三级指标", "eval": "自评得分为95分"},
        html_meta=meta(
            "石家庄市生态环境局2022年度部门整体支出绩效自评报告",
            "石家庄市生态环境局",
            "2023-09-05 15:40",
            "市生态环境局",
        ),
    )


# ============================================================================ H4. Henan Xinxiang health project form (reportlab, three-line)


def xinxiang_wjw_2021(split):
    dept = "新乡市卫生健康委员会"
    specs = [
        S("产出指标", "数量指标", "居民电子健康档案建档人数", "≥520万人", "536.2万人", 8, 8),
        S("产出指标", "数量指标", "65岁及以上老年人健康管理人数", "≥68万人", "70.4万人", 8, 8),
        S("产出指标", "数量指标", "基层医疗机构健康教育讲座频次", "每季度不少于两次", "每季度三次", 6, 6),
        S("产出指标", "质量指标", "高血压患者规范管理率", "≥62%", "64.7%", 8, 8),
        S(
            "产出指标",
            "质量指标",
            "严重精神障碍患者规范管理率",
            "≥80%",
            "78.5%",
            6,
            4,
            "部分患者流动性大、随访困难；将加强与公安、民政部门信息共享。",
        ),
        S("产出指标", "时效指标", "补助资金拨付时限", "≤10个工作日", "7个工作日", 6, 6),
        S("产出指标", "成本指标", "人均基本公共卫生服务经费补助标准", "≥79元", "79元", 6, 6),
        S("效益指标", "社会效益指标", "居民健康素养水平", "≥24%", "25.3%", 10, 10),
        S("效益指标", "社会效益指标", "传染病疫情", "无暴发流行", "无暴发流行", 8, 8),
        S("效益指标", "可持续影响指标", "基本公共卫生服务均等化水平", "稳步提高", "稳步提高", 8, 8),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "城乡居民满意度",
            "≥85%",
            "88.9%",
            16,
            14,
            "部分村卫生室服务时间不固定，群众反映就诊不便。",
        ),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (90, 86), (W, Sc)
    info = Table(
        [
            [C("项目名称", cs=2, b=True), C("2021年新乡市基本公共卫生服务项目", cs=6, al="l")],
            [
                C("主管部门", cs=2, b=True),
                C(dept, cs=2, al="l"),
                C("实施单位", b=True),
                C("新乡市疾病预防控制中心", cs=3, al="l"),
            ],
            [
                C("项目资金\n（万元）", rs=4, b=True),
                C(""),
                *hdr("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
            ],
            [
                C("年度资金总额", al="l"),
                "5,280.00",
                "5,460.00",
                "5,317.62",
                "10",
                pct("5317.62", "5460"),
                "9.74",
            ],
            [C("其中：财政拨款", al="l"), "5,280.00", "5,460.00", "5,317.62", "—", "—", "—"],
            [C("其他资金", al="l"), "0.00", "0.00", "0.00", "—", "—", "—"],
            [C("年度总体目标", rs=2, b=True), C("预期目标", cs=4, b=True), C("实际完成情况", cs=3, b=True)],
            [
                C(
                    "为城乡居民免费提供12类国家基本公共卫生服务，居民电子健康档案建档520万人以上，"
                    "高血压患者规范管理率达到62%以上，居民健康素养水平达到24%。",
                    cs=4,
                    al="l",
                ),
                C(
                    "全年建档536.2万人，高血压患者规范管理率64.7%，居民健康素养水平25.3%；"
                    "严重精神障碍患者规范管理率78.5%，未达到目标。",
                    cs=3,
                    al="l",
                ),
            ],
        ],
        [1.6, 2.4, 2.2, 2.2, 2.2, 1.4, 2.0, 3.0],
        size=10.5,
    )
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
        [C("总分", cs=5, b=True), "100", "95.74", ""],
    ]
    blocks = [
        P("项目支出绩效自评表", "title"),
        P("（2021年度）", "center"),
        info,
        P("项目实施情况说明：", "h"),
        P(
            "本项目资金由中央、省、市三级财政按比例分担，2021年人均补助标准79元。全市13个县（市、区）、"
            "152个乡镇卫生院（社区卫生服务中心）和3,486个村卫生室承担服务任务，市疾病预防控制中心负责业务指导、"
            "技术培训和绩效考核。资金按季度预拨、年终考核结算，年末结余142.38万元，主要为第四季度考核后待结算资金。"
        ),
        P(
            "受新冠肺炎疫情防控影响，上半年部分面对面随访服务改为电话随访，下半年集中开展补随访。"
            "全年组织绩效考核两次，考核结果与资金拨付挂钩。"
        ),
        Table(rows, [1.6, 2.0, 3.4, 2.2, 2.0, 1.3, 1.3, 3.2], header_rows=0, size=10.5, style="threeline"),
        P("评价结论：该项目自评得分95.74分，评价等级为“优”。", "p"),
        P("填表人：王　敏　　　联系电话：0373-3031628　　　填报日期：2022年3月25日", "small"),
    ]
    tr = dict(
        title="项目支出绩效自评表（2021年度）",
        department=dept,
        **region("河南省", "新乡市", None, "410700"),
        fiscal_year=2021,
        report_type="project",
        evaluation={"self_score": 95.74, "grade": "优"},
        finance=[
            fin("budget_total", "5460.00", "年度资金总额 全年预算数 5,460.00", find="5,460.00"),
            fin("expenditure_total", "5317.62", "年度资金总额 全年执行数 5,317.62", find="5,317.62"),
        ],
        indicators=truth(specs),
    )
    return Report(
        "xinxiang-wjw-2021",
        split,
        blocks,
        tr,
        pdf_from="reportlab4",
        formats=("pdf", "html"),
        anchors={"table": "三级指标", "eval": "自评得分95.74分"},
        html_meta=meta(
            "2021年新乡市基本公共卫生服务项目支出绩效自评表",
            "新乡市卫生健康委员会",
            "2022-04-12 11:00",
            "市卫生健康委",
            footer="第{p}页 共{n}页",
        ),
    )


# ============================================================================ H5. Jiangxi Jiujiang culture project form (Calc, print titles)


def jiujiang_wglj_2024(split):
    dept = "九江市文化广电新闻出版旅游局"
    specs = [
        S("产出指标", "数量指标", "送戏下乡演出场次", "≥120场", "128场", 6, 6),
        S("产出指标", "数量指标", "公共图书馆馆藏新增量", "≥3万册", "3.26万册", 8, 8),
        S("产出指标", "数量指标", "非遗展演活动场次", "不少于十场", "12场", 6, 6),
        S("产出指标", "数量指标", "公共数字文化平台新增资源量", "≥2TB", "2.4TB", 4, 4),
        S("产出指标", "质量指标", "公共文化场馆免费开放是否达标", "是", "是", 8, 8),
        S(
            "产出指标",
            "质量指标",
            "文艺作品获省级以上奖项",
            "≥2项",
            "1项",
            6,
            3,
            "参评作品数量偏少、创作周期长，当年完成的2部作品中仅1部入围省级评选；2025年提前谋划重点题材创作，"
            "加强与省级院团合作。",
        ),
        S(
            "产出指标",
            "时效指标",
            "项目完成时间",
            "2024年11月底前",
            "2024年12月10日",
            6,
            4,
            "图书采购项目第一次招标因有效投标人不足三家流标，重新组织招标后延迟完成；今后提前启动采购程序。",
        ),
        S("产出指标", "成本指标", "单场送戏下乡补助标准", "≤0.8万元", "0.78万元", 6, 6),
        S("效益指标", "经济效益指标", "带动文旅消费", "有所增长", "同比增长6.2%", 4, 4),
        S("效益指标", "社会效益指标", "公共文化场馆年接待人次", "≥120万人次", "131.5万人次", 6, 6),
        S("效益指标", "社会效益指标", "文化惠民活动覆盖乡镇数", "≥90个", "94个", 4, 4),
        S("效益指标", "可持续影响指标", "基层公共文化服务水平", "有效提升", "有效提升", 8, 8),
        S("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95.8%", 9, 9),
        S("满意度指标", "服务对象满意度指标", "基层文化站满意度", "≥90%", "93%", 9, 9),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (90, 85), (W, Sc)
    b_all, e_all = Decimal("860.00"), Decimal("838.46")
    rate = e_all / b_all
    bscore = (rate * 10).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert bscore == Decimal("9.75")

    def money(v, f):
        return C(f"{Decimal(v):,.2f}", xl=f if f else float(v), fmt="#,##0.00")

    info = Table(
        [
            [C("项目名称", cs=2, b=True), C("2024年九江市公共文化服务体系建设专项", cs=6, al="l")],
            [
                C("主管部门", cs=2, b=True),
                C(dept, cs=2, al="l"),
                C("实施单位", b=True),
                C("九江市文化广电新闻出版旅游局（本级）", cs=3, al="l"),
            ],
            [
                C("项目资金\n（万元）", rs=4, b=True),
                C("", cs=2),
                *hdr("预算数", "执行数", "执行率", "分值", "得分"),
            ],
            [
                C("年度资金总额", cs=2, al="l"),
                money("860.00", "=D7+D8"),
                money("838.46", "=E7+E8"),
                C(pct("838.46", "860"), xl="=E6/D6", fmt="0.00%"),
                C("10", xl=10),
                C(f"{bscore}", xl="=ROUND(G6*F6,2)", fmt="0.00"),
            ],
            [
                C("其中：财政拨款", cs=2, al="l"),
                money("800.00", None),
                money("781.26", None),
                C(pct("781.26", "800"), xl="=E7/D7", fmt="0.00%"),
                "—",
                "—",
            ],
            [
                C("　　　其他资金", cs=2, al="l"),
                money("60.00", None),
                money("57.20", None),
                C(pct("57.20", "60"), xl="=E8/D8", fmt="0.00%"),
                "—",
                "—",
            ],
            [C("年度总体目标", rs=2, b=True), C("预期目标", cs=3, b=True), C("实际完成情况", cs=4, b=True)],
            [
                C(
                    "完成送戏下乡120场以上，公共图书馆新增馆藏3万册，组织非遗展演不少于十场，"
                    "公共文化场馆全年免费开放，群众满意度达到90%以上。",
                    cs=3,
                    al="l",
                ),
                C(
                    "全年送戏下乡128场，新增馆藏3.26万册，非遗展演12场；文艺作品获省级奖项1项，"
                    "未达到目标；项目于2024年12月10日完成，较计划推迟。",
                    cs=4,
                    al="l",
                ),
            ],
        ],
        [1.6, 1.8, 3.2, 2.2, 2.2, 1.6, 1.4, 3.4],
        size=9,
    )
    first, last = 14, 14 + len(specs) - 1  # two title rows, 8 info rows, 3 header rows
    rows = [
        [C("绩效指标完成情况", cs=8, b=True)],
        [
            *(C(h, rs=2, b=True) for h in ("一级指标", "二级指标", "三级指标")),
            C("指标值", cs=2, b=True),
            *(C(h, rs=2, b=True) for h in ("分值", "得分", "备注")),
        ],
        hdr("年度指标值", "实际完成值"),
        *hier(specs, tail_xl(STD8)),
        [
            C("总分", cs=5, b=True),
            C("100", xl=f"=SUM(F{first}:F{last})+G6", fmt="General"),
            C("94.75", xl=f"=SUM(G{first}:G{last})+H6", fmt="0.00"),
            "",
        ],
        [C("自评结论", cs=2, b=True), C('该项目自评得分为94.75分，评价等级为"优"。', cs=6, al="l")],
    ]
    blocks = [
        P("项目支出绩效自评表", "title"),
        P("（2024年度）", "center"),
        info,
        Table(rows, [1.6, 1.8, 3.2, 2.2, 2.2, 1.6, 1.4, 3.4], header_rows=3, size=9),
    ]
    tr = dict(
        title="项目支出绩效自评表（2024年度）",
        department=dept,
        **region("江西省", "九江市", None, "360400"),
        fiscal_year=2024,
        report_type="project",
        evaluation={"self_score": 94.75, "grade": "优"},
        finance=[
            fin("budget_total", "860.00", "年度资金总额 预算数 860.00", find="860.00"),
            fin("expenditure_total", "838.46", "年度资金总额 执行数 838.46", find="838.46"),
        ],
        indicators=truth(specs),
    )
    return Report(
        "jiujiang-wglj-2024",
        split,
        blocks,
        tr,
        formats=("pdf", "html", "xlsx"),
        pdf_from="xlsx",
        xlsx_landscape=False,
        anchors={"table": "三级指标", "eval": "自评得分为94.75分"},
        html_meta=meta(
            "九江市文化广电新闻出版旅游局2024年度项目支出绩效自评表",
            "九江市文化广电新闻出版旅游局",
            "2025-05-22 09:00",
            "市文广新旅局",
            sheet="项目自评表",
            print_title_rows="11:13",
        ),
    )


# ============================================================================ H6. Chongqing Yubei agriculture (Writer, landscape, 元)


def yubei_nyw_2019(split):
    dept = "重庆市渝北区农业农村委员会"
    specs = [
        S("产出指标", "数量指标", "高标准农田建设面积（万亩）", "2.5", "2.62", 8, 8),
        S("产出指标", "数量指标", "农村人居环境整治村数（个）", "60", "60", 8, 8),
        S(
            "产出指标",
            "数量指标",
            "新型农业经营主体培育数（家）",
            "150",
            "138",
            6,
            4,
            "受非洲猪瘟疫情影响，部分养殖类家庭农场推迟申报认定，全年认定家庭农场96家、农民合作社42家，"
            "较目标少12家。下一步将提前开展摸底调查，建立培育对象库，按季度跟踪认定进度，确保2020年完成目标任务。",
        ),
        S("产出指标", "质量指标", "农产品质量安全抽检合格率", "≥98%", "99.1%", 8, 8),
        S("产出指标", "质量指标", "动物强制免疫密度", "≥90%", "96.5%", 6, 6),
        S(
            "产出指标",
            "时效指标",
            "项目开工率",
            "100%",
            "92%",
            6,
            3,
            "3个农田水利项目因用地手续办理滞后未能按期开工，其中2个项目已于2019年12月取得用地批复，"
            "2020年一季度开工；1个项目调整选址后重新申报。今后将项目用地预审前置到项目入库环节，"
            "未完成前期工作的项目不安排当年预算。",
        ),
        S("产出指标", "成本指标", "项目成本控制", "不超预算", "未超预算", 6, 6),
        S("效益指标", "经济效益指标", "农村常住居民人均可支配收入增长", "≥9%", "9.6%", 8, 8),
        S("效益指标", "社会效益指标", "带动建档立卡贫困户增收户数（户）", "1200", "1264", 8, 8),
        S("效益指标", "生态效益指标", "农作物秸秆综合利用率", "≥85%", "87.2%", 8, 8),
        S(
            "效益指标",
            "可持续影响指标",
            "农业产业化水平",
            "持续提升",
            "持续提升",
            8,
            6,
            "区级以上龙头企业带动能力仍然不强，联农带农机制不够紧密，产业链条短。",
        ),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "农户满意度",
            "≥90%",
            "85.6%",
            10,
            6,
            "抽样调查显示，农户对农业补贴发放时间、农村道路维护和技术服务到户率意见较多。下一步将优化补贴发放流程，"
            "确保补贴资金在每年11月底前发放到户；组建区级农技服务小分队，每个行政村每季度至少开展一次入户技术指导。",
        ),
        S("满意度指标", "服务对象满意度指标", "新型经营主体满意度", "≥90%", "91.3%", 10, 10),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (100, 89), (W, Sc)
    rows = [
        hdr("一级指标", "二级指标", "三级指标", "年度指标值", "全年实际值", "分值", "得分", "备注"),
        *hier(specs, tail_fn(STD8)),
        [C("合计", cs=5, b=True), "100", "89", ""],
    ]
    text = """
一、部门基本情况
重庆市渝北区农业农村委员会是区政府工作部门，内设科室11个，下属事业单位6个（区农业技术推广站、区畜牧兽医站、区农产品质量安全监测站等），2019年末在职人员218人。主要职责是统筹研究和组织实施全区“三农”工作，负责种植业、畜牧业、渔业、农业机械化等农业各产业的监督管理，组织实施乡村振兴战略。
二、部门整体支出情况
2019年度全年预算数195,360,000.00元，本年支出合计186,452,318.60元，其中：基本支出32,186,540.27元，占17.26%；项目支出154,265,778.33元，占82.74%。
2019年“三公”经费支出9.26万元，其中：因公出国（境）费0万元，公务用车运行维护费6.84万元，公务接待费2.42万元，公务用车购置费0万元。机关运行经费支出286.35万元。
三、部门整体支出绩效情况
（一）产出情况。全年新建高标准农田2.62万亩，完成60个村农村人居环境整治，农产品质量安全抽检合格率99.1%，动物强制免疫密度96.5%。
（二）效益情况。农村常住居民人均可支配收入增长9.6%，带动建档立卡贫困户增收1264户，农作物秸秆综合利用率87.2%。
（三）满意度情况。委托第三方对1,200户农户和86家新型经营主体开展满意度调查，农户满意度85.6%，新型经营主体满意度91.3%。
四、存在的问题
一是项目前期工作不扎实，部分项目开工滞后；二是新型经营主体培育进度偏慢；三是农户满意度未达到目标。
五、自评结果
按照区财政局绩效评价指标体系，经自评，2019年度部门整体支出绩效自评得分89分，自评等级为“良”。
"""
    blocks = [
        P("重庆市渝北区农业农村委员会\n2019年度部门整体支出绩效自评报告", "title"),
        *heads(text),
        P("附件：2019年度部门整体支出绩效目标自评表", "h"),
        Table(rows, [2.2, 2.6, 4.4, 2.4, 2.4, 1.3, 1.3, 9.1], header_rows=0, size=10),
        P("重庆市渝北区农业农村委员会\n2020年5月15日", "right"),
    ]
    tr = dict(
        title="重庆市渝北区农业农村委员会2019年度部门整体支出绩效自评报告",
        department=dept,
        **region("重庆市", "重庆市", "渝北区", "500112"),
        fiscal_year=2019,
        report_type="department_overall",
        evaluation={"self_score": 89.0, "grade": "良"},
        finance=[
            fin("budget_total", wan("195360000.00"), "全年预算数195,360,000.00元"),
            fin("expenditure_total", wan("186452318.60"), "本年支出合计186,452,318.60元"),
            fin("expenditure_basic", wan("32186540.27"), "基本支出32,186,540.27元"),
            fin("expenditure_project", wan("154265778.33"), "项目支出154,265,778.33元"),
            fin("sangong_total", "9.26", "“三公”经费支出9.26万元"),
            fin("sangong_overseas", "0", "因公出国（境）费0万元"),
            fin("sangong_vehicle", "6.84", "公务用车运行维护费6.84万元"),
            fin("sangong_reception", "2.42", "公务接待费2.42万元"),
            fin("operating_cost", "286.35", "机关运行经费支出286.35万元"),
        ],
        indicators=truth(specs),
    )
    return Report(
        "yubei-nyw-2019",
        split,
        blocks,
        tr,
        landscape=True,
        anchors={"table": "三级指标", "eval": "自评得分89分"},
        html_meta=meta(
            "重庆市渝北区农业农村委员会2019年度部门整体支出绩效自评报告",
            "重庆市渝北区人民政府",
            "2020-06-08 10:30",
            "区农业农村委",
        ),
    )


# ============================================================================ H7. Hubei Shiyan transport (Chromium, forced break in a rowspan)


def shiyan_jtysj_2022(split):
    dept = "十堰市交通运输局"
    raw = [
        ("产出指标", "数量指标", "普通公路新改建里程", "≥120公里", "126.5公里", 8, 8, ""),
        (
            "产出指标",
            "数量指标",
            "农村公路安防工程实施里程",
            "≥300公里",
            "286公里",
            8,
            6,
            "2个县市项目招标延后，剩余14公里结转2023年一季度完成。",
        ),
        ("产出指标", "数量指标", "危桥改造", "≥15座", "15座", 6, 6, ""),
        ("产出指标", "质量指标", "交工验收合格率", "100%", "100%", 8, 8, ""),
        (
            "产出指标",
            "质量指标",
            "国省道优良路率",
            "≥85%",
            "83.2%",
            8,
            5,
            "G316部分路段重载交通量大、路面病害多；已列入2023年大中修计划。",
        ),
        (
            "产出指标",
            "时效指标",
            "重点项目年度投资完成率",
            "≥90%",
            "86.7%",
            6,
            4,
            "十巫北高速连接线征地拆迁滞后。",
        ),
        ("产出指标", "成本指标", "农村公路养护补助标准", "≥7000元/公里·年", "7000元/公里·年", 6, 6, ""),
        ("效益指标", "经济效益指标", "公路货运量增长", "≥5%", "3.8%", 8, 4.3, "受疫情影响，物流需求下降。"),
        ("效益指标", "社会效益指标", "建制村通双车道比例", "≥70%", "72.4%", 8, 8, ""),
        ("效益指标", "生态效益指标", "新建公路绿化率", "≥95%", "96%", 6, 6, ""),
        ("效益指标", "可持续影响指标", "“四好农村路”示范创建", "持续推进", "持续推进", 8, 8, ""),
        (
            "满意度指标",
            "服务对象满意度指标",
            "沿线群众满意度",
            "≥90%",
            "89.2%",
            10,
            8,
            "施工期间扬尘、噪声投诉较多。",
        ),
        (
            "满意度指标",
            "服务对象满意度指标",
            "道路使用者满意度",
            "≥90%",
            "91.5%",
            10,
            7,
            "部分路段施工期间通行体验较差。",
        ),
    ]
    specs = []
    for l1, l2, name, tgt, act, w, sc, why in raw:
        t, a = value(tgt)["number"], value(act)["number"]
        rate = pct(str(a), str(t)) if t and a is not None else "/"
        specs.append(S(l1, l2, name, tgt, act, w, sc, why, rate=rate))
    W, Sc = sums(specs)
    assert (W, Sc) == (100, Decimal("84.3")), (W, Sc)
    rows = [
        [
            C("绩效指标", cs=3, b=True),
            *(
                C(h, rs=2, b=True)
                for h in ("年度指标值", "实际完成值", "完成率", "分值", "得分", "未完成原因分析")
            ),
        ],
        hdr("一级指标", "二级指标", "三级指标"),
        *hier(specs, tail_fn(["name", "tgt", "act", "rate", "w", "s", "why"])),
        [C("合计", cs=6, b=True), "100", "84.3", ""],
    ]
    text = """
一、部门概况
十堰市交通运输局是市政府工作部门，负责全市公路、水路交通运输行业管理，下设市公路事业发展中心、市港航事业发展中心等5个二级单位。2022年末在职在编人员426人。
二、部门整体支出情况
（一）预算及支出情况。2022年度部门预算58,624.30万元，全年支出决算56,218.74万元，其中：基本支出4,126.58万元，项目支出52,092.16万元。
（二）“三公”经费情况。“三公”经费支出3.86万元，其中：因公出国（境）费0万元，公务用车运行维护费2.94万元，公务接待费0.92万元。
（三）政府采购情况。政府采购支出12,486.20万元，其中：货物类286.40万元，工程类11,935.60万元，服务类264.20万元。
（四）国有资产情况。2022年末资产总额286,543.18万元，负债总额12,380.45万元，净资产274,162.73万元。
三、绩效目标完成情况
全年完成普通公路新改建126.5公里、农村公路安防工程286公里、危桥改造15座，建制村通双车道比例达到72.4%。国省道优良路率、重点项目投资完成率和公路货运量增长未达到年度目标。
四、自评结论
经综合评价，十堰市交通运输局2022年度部门整体支出自评得分为84.3分，评价等级为"良"。
五、下一步改进措施
加快项目前期工作和征地拆迁协调，强化国省道养护管理，健全施工期间交通组织和群众诉求快速响应机制。
"""
    blocks = [
        P("十堰市交通运输局2022年度部门整体支出绩效自评报告", "title"),
        *heads(text),
        P("附表：十堰市交通运输局2022年度部门整体支出绩效自评表", "h"),
        Table(rows, [1.5, 1.8, 3.0, 2.0, 2.0, 1.5, 1.0, 1.0, 2.6], header_rows=2, size=9),
    ]
    tr = dict(
        title="十堰市交通运输局2022年度部门整体支出绩效自评报告",
        department=dept,
        **region("湖北省", "十堰市", None, "420300"),
        fiscal_year=2022,
        report_type="department_overall",
        evaluation={"self_score": 84.3, "grade": "良"},
        finance=[
            fin("budget_total", "58624.30", "部门预算58,624.30万元"),
            fin("expenditure_total", "56218.74", "全年支出决算56,218.74万元"),
            fin("expenditure_basic", "4126.58", "基本支出4,126.58万元"),
            fin("expenditure_project", "52092.16", "项目支出52,092.16万元"),
            fin("sangong_total", "3.86", "“三公”经费支出3.86万元"),
            fin("sangong_overseas", "0", "因公出国（境）费0万元"),
            fin("sangong_vehicle", "2.94", "公务用车运行维护费2.94万元"),
            fin("sangong_reception", "0.92", "公务接待费0.92万元"),
            fin("procurement_total", "12486.20", "政府采购支出12,486.20万元"),
            fin("procurement_goods", "286.40", "货物类286.40万元"),
            fin("procurement_works", "11935.60", "工程类11,935.60万元"),
            fin("procurement_services", "264.20", "服务类264.20万元"),
            fin("assets_total", "286543.18", "资产总额286,543.18万元"),
            fin("liabilities_total", "12380.45", "负债总额12,380.45万元"),
            fin("net_assets", "274162.73", "净资产274,162.73万元"),
        ],
        indicators=truth(specs),
    )
    return Report(
        "shiyan-jtysj-2022",
        split,
        blocks,
        tr,
        pdf_from="chromium4_breaks",
        formats=("pdf", "html"),
        anchors={"table": "三级指标", "eval": "自评得分为84.3分"},
        html_meta=meta(
            "十堰市交通运输局2022年度部门整体支出绩效自评报告",
            "十堰市交通运输局",
            "2023-08-30 16:45",
            "市交通运输局",
            break_rows=(7,),
        ),
    )


# ============================================================================ F1. Fujian Fuzhou Cangshan civil affairs (Writer, indicators as paragraphs)

CN_NUM = "一二三四五六七八九十"


def para_indicators(specs) -> list:
    """The indicators as numbered paragraphs: （一）一级 / 1.二级 / （1）三级：年度目标值…，实际完成值…。"""
    out, i1, i2, i3, prev1, prev2 = [], 0, 0, 0, None, None
    for s in specs:
        if s["l1"] != prev1:
            out.append(P(f"（{CN_NUM[i1]}）{s['l1']}", "p"))
            i1, i2, prev1, prev2 = i1 + 1, 0, s["l1"], None
        if s["l2"] != prev2:
            i2, i3, prev2 = i2 + 1, 0, s["l2"]
            out.append(P(f"{i2}.{s['l2']}", "p"))
        i3 += 1
        t = f"（{i3}）{s['name']}：年度目标值{s['tgt']}，实际完成值{s['act']}，分值{s['w']:g}分，得分{s['s']:g}分。"
        if s["why"]:
            t += f"偏差原因：{s['why']}"
        out.append(P(t, "p"))
    return out


def cangshan_mzj_2021(split):
    dept = "福州市仓山区民政局"
    specs = [
        S("产出指标", "数量指标", "城乡低保保障人数", "≥3200人", "3356人", 10, 10),
        S("产出指标", "数量指标", "特困人员供养人数", "≥450人", "462人", 8, 8),
        S(
            "产出指标",
            "数量指标",
            "新建社区居家养老服务照料中心",
            "≥6个",
            "5个",
            8,
            5,
            "1个照料中心因选址调整未能按期建成，已于2022年3月投入使用。",
        ),
        S("产出指标", "质量指标", "低保资金发放准确率", "100%", "100%", 8, 8),
        S("产出指标", "质量指标", "养老机构安全隐患整改率", "100%", "100%", 6, 6),
        S("产出指标", "时效指标", "救助资金发放时间", "每月10日前", "每月10日前", 6, 6),
        S("产出指标", "成本指标", "城市低保标准", "≥900元/人·月", "900元/人·月", 6, 6),
        S("效益指标", "社会效益指标", "困难群众基本生活保障", "应保尽保", "应保尽保", 10, 10),
        S("效益指标", "社会效益指标", "婚姻登记合格率", "≥99.5%", "99.8%", 8, 8),
        S(
            "效益指标",
            "可持续影响指标",
            "社会救助体系",
            "逐步完善",
            "逐步完善",
            10,
            8.5,
            "部门间救助信息共享机制尚不健全。",
        ),
        S("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "93.5%", 10, 10),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "老年人满意度",
            "≥90%",
            "88%",
            10,
            6,
            "部分老年人反映居家养老上门服务频次偏少。",
        ),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (100, Decimal("91.5")), (W, Sc)
    text1 = """
一、部门基本情况
福州市仓山区民政局是区政府工作部门，负责全区社会救助、养老服务、社会事务、婚姻登记、社区建设和社会组织管理等工作，内设股室8个，下属区社会福利中心、区救助管理站等4个事业单位。
二、部门整体支出情况
2021年全年预算数12,486.73万元，决算支出12,108.56万元，其中：基本支出1,862.40万元，项目支出10,246.16万元。项目支出主要用于城乡低保、特困人员供养、临时救助、养老服务体系建设等。
“三公”经费支出0.86万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费0万元，公务接待费0.86万元。2021年机关运行经费98.45万元。
截至2021年底，资产总额3,528.14万元，固定资产账面原值1,236.58万元。
三、部门整体支出绩效情况
2021年我局围绕年初设定的部门整体绩效目标，共设置绩效指标12个，其中产出指标7个、效益指标3个、满意度指标2个。逐项完成情况如下：
"""
    text2 = """
四、自评结论
经自评，2021年度部门整体支出绩效综合自评得分91.5分，评价等级为优。
五、存在问题及改进措施
一是养老服务设施建设进度滞后于计划；二是救助信息共享不充分。下一步将加快养老服务照料中心建设，推进社会救助信息平台与人社、医保、残联等部门数据共享。
"""
    blocks = [
        P("福州市仓山区民政局2021年度部门整体支出绩效自评报告", "title"),
        *heads(text1),
        *para_indicators(specs),
        *heads(text2),
        P("福州市仓山区民政局\n2022年4月20日", "right"),
    ]
    tr = dict(
        title="福州市仓山区民政局2021年度部门整体支出绩效自评报告",
        department=dept,
        **region("福建省", "福州市", "仓山区", "350104"),
        fiscal_year=2021,
        report_type="department_overall",
        evaluation={"self_score": 91.5, "grade": "优"},
        finance=[
            fin("budget_total", "12486.73", "全年预算数12,486.73万元"),
            fin("expenditure_total", "12108.56", "决算支出12,108.56万元"),
            fin("expenditure_basic", "1862.40", "基本支出1,862.40万元"),
            fin("expenditure_project", "10246.16", "项目支出10,246.16万元"),
            fin("sangong_total", "0.86", "“三公”经费支出0.86万元"),
            fin("sangong_overseas", "0", "因公出国（境）费0万元"),
            fin("sangong_vehicle", "0", "公务用车购置及运行维护费0万元"),
            fin("sangong_reception", "0.86", "公务接待费0.86万元"),
            fin("operating_cost", "98.45", "机关运行经费98.45万元"),
            fin("assets_total", "3528.14", "资产总额3,528.14万元"),
            fin("fixed_assets_original", "1236.58", "固定资产账面原值1,236.58万元"),
        ],
        indicators=truth(specs),
    )
    return Report(
        "cangshan-mzj-2021",
        split,
        blocks,
        tr,
        anchors={"table": "逐项完成情况如下", "eval": "综合自评得分91.5分"},
        html_meta=meta(
            "福州市仓山区民政局2021年度部门整体支出绩效自评报告",
            "福州市仓山区人民政府",
            "2022-05-06 10:00",
            "区民政局",
        ),
    )


# ============================================================================ F2. Shaanxi Xi'an Yanta education (reportlab, unruled table)


def yanta_jyj_2023(split):
    from holdout import blank_cont

    dept = "西安市雁塔区教育局"
    specs = [
        S("产出指标", "数量指标", "义务教育在校学生数", "≥98000人", "101236人", 8, 8),
        S("产出指标", "数量指标", "新建改扩建学校", "≥4所", "4所", 8, 8),
        S(
            "产出指标",
            "数量指标",
            "公开招聘教师人数",
            "≥600人",
            "586人",
            6,
            5,
            "部分学科报考人数不足，14个岗位未招满。",
        ),
        S("产出指标", "质量指标", "义务教育巩固率", "≥99%", "99.6%", 6, 6),
        S("产出指标", "质量指标", "校舍安全达标率", "100%", "100%", 6, 6),
        S(
            "产出指标",
            "时效指标",
            "学位建设项目交付",
            "秋季开学前交付",
            "1所延期至10月交付",
            6,
            3,
            "1所学校配套道路施工滞后。",
        ),
        S("产出指标", "成本指标", "初中生均公用经费", "≥850元", "850元", 6, 6),
        S("效益指标", "社会效益指标", "适龄儿童入学率", "100%", "100%", 8, 8),
        S("效益指标", "社会效益指标", "“大班额”比例", "≤5%", "3.2%", 8, 8),
        S("效益指标", "可持续影响指标", "优质教育资源覆盖面", "持续扩大", "持续扩大", 8, 8),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "学生家长满意度",
            "≥90%",
            "87.6%",
            10,
            4,
            "学位分配、课后服务收费等方面家长意见较多；将完善学位分配办法，规范课后服务。",
        ),
        S("满意度指标", "服务对象满意度指标", "教师满意度", "≥85%", "90.2%", 10, 10),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (90, 80), (W, Sc)
    budget = Table(
        [
            [C("部门预算执行情况（万元）", cs=8, b=True)],
            [
                C("项目", cs=2, b=True),
                *hdr("年初预算数", "全年预算数", "全年执行数", "执行率", "权重", "得分"),
            ],
            [
                C("资金总额", cs=2, al="l"),
                "180,000.00",
                "186,452.30",
                "182,736.48",
                pct("182736.48", "186452.30"),
                "10",
                "9.80",
            ],
            [
                C("其中：基本支出", cs=2, al="l"),
                "122,000.00",
                "124,380.16",
                "124,102.75",
                pct("124102.75", "124380.16"),
                "—",
                "—",
            ],
            [
                C("　　　项目支出", cs=2, al="l"),
                "58,000.00",
                "62,072.14",
                "58,633.73",
                pct("58633.73", "62072.14"),
                "—",
                "—",
            ],
        ],
        [1.5, 1.8, 2.4, 2.4, 2.4, 1.8, 1.2, 3.5],
        size=9,
    )
    rows = [
        hdr("一级指标", "二级指标", "三级指标", "权重", "指标值", "完成值", "得分", "备注"),
        *blank_cont(specs, tail_fn(["name", "w", "tgt", "act", "s", "why"])),
        [C("合计", al="l", b=True), "", "", "90", "", "", "80", ""],
    ]
    blocks = [
        P("西安市雁塔区教育局2023年度部门整体支出绩效自评表", "title"),
        P("填报单位（盖章）：西安市雁塔区教育局", "small"),
        budget,
        P("年度总体目标：", "h"),
        P(
            "保障全区义务教育阶段学生10万人左右就学需求，新建改扩建学校4所、新增学位5,400个；公开招聘教师600人以上；"
            "义务教育巩固率保持在99%以上，消除56人以上“大班额”，学前教育、义务教育优质均衡发展水平持续提升，"
            "群众对教育的满意度达到90%以上。"
        ),
        P("年度目标完成情况：", "h"),
        P(
            "全年义务教育在校学生101,236人，新建改扩建学校4所（其中1所延期至10月交付），新增学位5,220个；"
            "公开招聘教师586人；义务教育巩固率99.6%，“大班额”比例降至3.2%。学生家长满意度87.6%，未达到年度目标。"
        ),
        P("年度绩效指标完成情况", "center"),
        Table(rows, [1.7, 2.1, 3.4, 1.0, 2.2, 2.5, 1.0, 3.1], header_rows=1, size=10.5, style="none"),
        P("自评总分：89.80分（预算执行率得分9.80分＋绩效指标得分80分）　　自评等级：良", "p"),
        P(
            "注：预算执行率得分＝执行率×权重；评价等级：90分（含）以上为优，80（含）－90分为良，60（含）－80分为中，60分以下为差。",
            "small",
        ),
        P("单位负责人：李　强　　　填表人：张　婷　　　填报日期：2024年3月12日", "small"),
    ]
    tr = dict(
        title="西安市雁塔区教育局2023年度部门整体支出绩效自评表",
        department=dept,
        **region("陕西省", "西安市", "雁塔区", "610113"),
        fiscal_year=2023,
        report_type="department_overall",
        evaluation={"self_score": 89.8, "grade": "良"},
        finance=[
            fin("budget_total", "186452.30", "资金总额 全年预算数 186,452.30", find="186,452.30"),
            fin("expenditure_total", "182736.48", "资金总额 全年执行数 182,736.48", find="182,736.48"),
            fin("budget_basic", "124380.16", "基本支出 全年预算数 124,380.16", find="124,380.16"),
            fin("expenditure_basic", "124102.75", "基本支出 全年执行数 124,102.75", find="124,102.75"),
            fin("budget_project", "62072.14", "项目支出 全年预算数 62,072.14", find="62,072.14"),
            fin("expenditure_project", "58633.73", "项目支出 全年执行数 58,633.73", find="58,633.73"),
        ],
        indicators=truth(specs),
        _extra_weight=10,
        _extra_score=9.8,
    )
    return Report(
        "yanta-jyj-2023",
        split,
        blocks,
        tr,
        pdf_from="reportlab4",
        formats=("pdf", "html"),
        anchors={"table": "三级指标", "eval": "自评总分：89.80分"},
        html_meta=meta(
            "西安市雁塔区教育局2023年度部门整体支出绩效自评表",
            "西安市雁塔区人民政府",
            "2024-04-02 09:15",
            "区教育局",
        ),
    )


# ============================================================================ F3. Gansu Lanzhou Chengguan health (Calc, 元, 指标方向)


def chengguan_wjj_2021(split):
    dept = "兰州市城关区卫生健康局"
    keys = ["name", "dir", "tgt", "act", "w", "s", "why"]
    specs = [
        S("产出指标", "数量指标", "家庭医生签约人数", "≥45万人", "47.2万人", 12, 12, dir="正向"),
        S(
            "产出指标",
            "数量指标",
            "适龄儿童免疫规划疫苗接种人次",
            "≥32万人次",
            "33.6万人次",
            8,
            8,
            dir="正向",
        ),
        S("产出指标", "数量指标", "卫生监督检查户次", "≥6000户次", "6420户次", 8, 8, dir="正向"),
        S("产出指标", "质量指标", "婴儿死亡率", "5‰", "3.1‰", 8, 8, dir="反向"),
        S("产出指标", "质量指标", "传染病报告及时率", "100%", "100%", 8, 8, dir="正向"),
        S(
            "产出指标",
            "时效指标",
            "基层医疗卫生项目完工时间",
            "2021年12月底前",
            "2021年12月底前",
            6,
            6,
            dir="正向",
        ),
        S("产出指标", "成本指标", "人均基本公共卫生服务补助", "≥79元", "79元", 6, 6, dir="正向"),
        S("效益指标", "社会效益指标", "居民人均预期寿命", "≥78岁", "78.3岁", 8, 8, dir="正向"),
        S("效益指标", "社会效益指标", "重大传染病暴发流行", "零发生", "零发生", 8, 8, dir="反向"),
        S(
            "效益指标",
            "可持续影响指标",
            "分级诊疗制度",
            "逐步完善",
            "初步建立",
            8,
            5.2,
            "医联体内双向转诊机制运行不畅，基层首诊率偏低。",
            dir="正向",
        ),
        S("满意度指标", "服务对象满意度指标", "患者满意度", "≥90%", "92.6%", 10, 10, dir="正向"),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "签约居民满意度",
            "≥90%",
            "88.0%",
            10,
            8,
            "部分签约居民反映履约服务不到位。",
            dir="正向",
        ),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (100, Decimal("95.2")), (W, Sc)
    money = [
        ("资金总额", "86452380.00", "84936215.42"),
        ("其中：基本支出", "21365480.00", "21208736.15"),
        ("　　　项目支出", "65086900.00", "63727479.27"),
    ]

    def mrow(label, b, e):
        return [
            C(label, cs=2, al="l"),
            C(f"{Decimal(b):,.2f}", cs=2, xl=float(b), fmt="#,##0.00"),
            C(f"{Decimal(e):,.2f}", cs=2, xl=float(e), fmt="#,##0.00"),
            C(pct(e, b), cs=3, xl="=E{r}/C{r}", fmt="0.00%"),
        ]

    budget = Table(
        [
            [C("一、年度预算执行情况", cs=9, b=True, al="l")],
            [
                C("项目", cs=2, b=True),
                C("全年预算数", cs=2, b=True),
                C("全年执行数", cs=2, b=True),
                C("执行率", cs=3, b=True),
            ],
            *(mrow(*m) for m in money),
        ],
        [1.6, 2.0, 3.4, 1.2, 2.0, 2.0, 1.0, 1.0, 3.4],
        size=9,
    )
    first = 2 + len(budget.rows) + 4  # title, unit line, budget, caption row, two header rows, then data
    last = first + len(specs) - 1
    rows = [
        [C("二、绩效指标完成情况", cs=9, b=True, al="l")],
        *head2(
            ["一级指标", "二级指标", "三级指标", "指标方向"],
            ("指标值", ["年度指标值", "实际完成值"]),
            ["分值", "得分", "偏差原因分析及改进措施"],
        ),
        *hier(specs, tail_xl(keys)),
        [
            C("合计", cs=6, b=True),
            C("100", xl=f"=SUM(G{first}:G{last})", fmt="General"),
            C("95.2", xl=f"=SUM(H{first}:H{last})", fmt="General"),
            "",
        ],
        [C("自评结论", cs=2, b=True), C('自评得分95.2分，评价等级"优"。', cs=7, al="l")],
    ]
    blocks = [
        P("兰州市城关区卫生健康局2021年度部门整体支出绩效自评表", "title"),
        P("单位：元", "right"),
        budget,
        Table(rows, [1.6, 2.0, 3.4, 1.2, 2.0, 2.0, 1.0, 1.0, 3.4], header_rows=3, size=9),
    ]
    tr = dict(
        title="兰州市城关区卫生健康局2021年度部门整体支出绩效自评表",
        department=dept,
        **region("甘肃省", "兰州市", "城关区", "620102"),
        fiscal_year=2021,
        report_type="department_overall",
        evaluation={"self_score": 95.2, "grade": "优"},
        finance=[
            fin(
                "budget_total",
                wan(money[0][1]),
                "资金总额 全年预算数 86,452,380.00（元）",
                find="86,452,380.00",
            ),
            fin(
                "expenditure_total",
                wan(money[0][2]),
                "资金总额 全年执行数 84,936,215.42（元）",
                find="84,936,215.42",
            ),
            fin(
                "budget_basic",
                wan(money[1][1]),
                "基本支出 全年预算数 21,365,480.00（元）",
                find="21,365,480.00",
            ),
            fin(
                "expenditure_basic",
                wan(money[1][2]),
                "基本支出 全年执行数 21,208,736.15（元）",
                find="21,208,736.15",
            ),
            fin(
                "budget_project",
                wan(money[2][1]),
                "项目支出 全年预算数 65,086,900.00（元）",
                find="65,086,900.00",
            ),
            fin(
                "expenditure_project",
                wan(money[2][2]),
                "项目支出 全年执行数 63,727,479.27（元）",
                find="63,727,479.27",
            ),
        ],
        indicators=truth(specs),
    )
    return Report(
        "chengguan-wjj-2021",
        split,
        blocks,
        tr,
        formats=("pdf", "html", "xlsx"),
        pdf_from="xlsx",
        xlsx_landscape=True,
        anchors={"table": "三级指标", "eval": "自评得分95.2分"},
        html_meta=meta(
            "兰州市城关区卫生健康局2021年度部门整体支出绩效自评表",
            "兰州市城关区人民政府",
            "2022-07-18 15:30",
            "区卫生健康局",
            sheet="整体自评表",
        ),
    )


# ============================================================================ F4. Xinjiang Urumqi water project form (Chromium, no thead)


def urumqi_swj_2023(split):
    dept = "乌鲁木齐市水务局"
    specs = [
        S("产出指标", "数量指标", "改造老旧供水管网长度", "≥85公里", "88.6公里", 12, 12),
        S("产出指标", "数量指标", "更换智能水表户数", "≥2万户", "2.14万户", 8, 8),
        S("产出指标", "质量指标", "管网水质综合合格率", "≥99%", "99.8%", 10, 10),
        S("产出指标", "质量指标", "工程验收合格率", "100%", "100%", 8, 8),
        S("产出指标", "时效指标", "主体工程完工时间", "2023年10月底前", "2023年10月28日", 8, 8),
        S("产出指标", "成本指标", "每公里管网改造成本", "≤280万元", "272.5万元", 8, 8),
        S(
            "效益指标",
            "经济效益指标",
            "公共供水管网漏损率",
            "≤9%",
            "9.6%",
            10,
            6,
            "部分未改造老旧管段仍存在暗漏，漏损控制效果尚未完全显现；2024年实施管网分区计量（DMA）建设。",
        ),
        S("效益指标", "社会效益指标", "受益居民户数", "≥6万户", "6.3万户", 8, 8),
        S(
            "效益指标",
            "生态效益指标",
            "年节约水量",
            "≥300万立方米",
            "264万立方米",
            8,
            5,
            "工程10月底完工，全年节水效果按两个月计算，预计2024年全年节水可达320万立方米。",
        ),
        S("效益指标", "可持续影响指标", "城区供水保障能力", "显著提升", "显著提升", 10, 10),
        S("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "91.4%", 10, 10),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (100, 93), (W, Sc)
    money = [
        ("年度资金总额", "24,800.00", "23,916.45"),
        ("其中：中央补助资金", "12,000.00", "12,000.00"),
        ("　　　市级资金", "12,800.00", "11,916.45"),
    ]
    info = Table(
        [
            [C("项目名称", b=True), C("2023年乌鲁木齐市城区老旧供水管网改造项目", cs=7, al="l")],
            [
                C("主管部门", b=True),
                C(dept, cs=3, al="l"),
                C("实施单位", b=True),
                C("乌鲁木齐水业集团有限公司", cs=3, al="l"),
            ],
            [
                C("项目资金\n（万元）", rs=4, b=True),
                C("", cs=2),
                C("全年预算数", cs=2, b=True),
                C("全年执行数", cs=2, b=True),
                C("执行率", b=True),
            ],
            *([C(lab, cs=2, al="l"), C(b, cs=2), C(e, cs=2), pct(e, b)] for lab, b, e in money),
            [
                C("年度总体目标", b=True),
                C(
                    "完成城区老旧供水管网改造85公里以上，更换智能水表2万户以上，管网水质综合合格率不低于99%，"
                    "公共供水管网漏损率控制在9%以内，年节约水量300万立方米以上，受益居民6万户以上。",
                    cs=7,
                    al="l",
                ),
            ],
            [
                C("年度目标\n完成情况", b=True),
                C(
                    "全年改造老旧供水管网88.6公里，更换智能水表2.14万户，主体工程于2023年10月28日完工；"
                    "管网漏损率9.6%，年节约水量264万立方米，未达到年度目标。",
                    cs=7,
                    al="l",
                ),
            ],
        ],
        [2.0, 1.6, 1.6, 2.4, 2.0, 2.0, 2.0, 3.4],
        size=10,
    )
    rows = [
        hdr(
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "实际完成值",
            "权重",
            "得分",
            "偏差原因分析及改进措施",
        ),
        *hier(specs, tail_fn(STD8)),
        [C("总分", cs=5, b=True), "100", "93", ""],
    ]
    blocks = [
        P("2023年度项目支出绩效自评表", "title"),
        P(
            "根据《乌鲁木齐市财政局关于开展2023年度项目支出绩效自评工作的通知》要求，我局组织项目实施单位对"
            "2023年城区老旧供水管网改造项目开展绩效自评。自评采用资料核查、现场勘验和问卷调查相结合的方式，"
            "共核查工程资料126份，现场抽查管段18处，发放满意度调查问卷600份、收回有效问卷573份。"
            "自评情况如下："
        ),
        P("金额单位：万元", "right"),
        info,
        Table(rows, [1.7, 2.0, 3.0, 2.1, 2.1, 1.1, 1.1, 3.9], header_rows=0, size=10),
        P("自评结论：该项目2023年度绩效自评得分93分，评价等级为“优”。", "p"),
        P("填报单位：乌鲁木齐市水务局　　　　填报日期：2024年4月16日", "small"),
    ]
    tr = dict(
        title="2023年度项目支出绩效自评表",
        department=dept,
        **region("新疆维吾尔自治区", "乌鲁木齐市", None, "650100"),
        fiscal_year=2023,
        report_type="project",
        evaluation={"self_score": 93.0, "grade": "优"},
        finance=[
            fin("budget_total", "24800.00", "年度资金总额 全年预算数 24,800.00", find="24,800.00"),
            fin("expenditure_total", "23916.45", "年度资金总额 全年执行数 23,916.45", find="23,916.45"),
        ],
        indicators=truth(specs),
    )
    return Report(
        "urumqi-swj-2023",
        split,
        blocks,
        tr,
        pdf_from="chromium4",
        formats=("pdf", "html"),
        anchors={"table": "三级指标", "eval": "绩效自评得分93分"},
        html_meta=meta(
            "乌鲁木齐市水务局2023年度项目支出绩效自评表",
            "乌鲁木齐市水务局",
            "2024-05-09 12:00",
            "市水务局",
        ),
    )


# ============================================================================ F5. Shandong Zibo housing (reportlab, grade 中)


def zibo_zjj_2020(split):
    dept = "淄博市住房和城乡建设局"
    specs = [
        S(
            "产出指标",
            "数量指标",
            "棚户区改造开工套数",
            "≥8000套",
            "7260套",
            10,
            7,
            "受疫情影响，2个片区征收工作推迟，740套结转2021年开工。",
        ),
        S("产出指标", "数量指标", "老旧小区改造户数", "≥1.5万户", "1.62万户", 10, 10),
        S(
            "产出指标",
            "数量指标",
            "新增城市公园绿地面积",
            "≥80万平方米",
            "65万平方米",
            8,
            5,
            "2处公园用地调整，工程延至2021年。",
        ),
        S("产出指标", "质量指标", "新建住宅工程质量验收合格率", "100%", "100%", 8, 8),
        S(
            "产出指标",
            "质量指标",
            "建筑施工较大及以上安全事故",
            "≤2起",
            "3起",
            8,
            4,
            "部分项目复工后安全管理松懈；已开展建筑施工安全专项整治三年行动。",
        ),
        S(
            "产出指标",
            "时效指标",
            "老旧小区改造完工时间",
            "2020年11月底前",
            "2020年12月20日",
            6,
            3,
            "开工时间较计划推迟两个月。",
        ),
        S("产出指标", "成本指标", "老旧小区改造户均成本", "≤3.5万元", "3.38万元", 6, 6),
        S("效益指标", "经济效益指标", "带动社会投资", "≥20亿元", "16.8亿元", 8, 4, "社会资本参与意愿下降。"),
        S("效益指标", "社会效益指标", "住房困难家庭保障率", "≥95%", "96.2%", 8, 8),
        S("效益指标", "生态效益指标", "绿色建筑占新建建筑比例", "≥60%", "62.5%", 8, 8),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "改造小区居民满意度",
            "≥90%",
            "85%",
            10,
            6.5,
            "施工期间停水停气、道路开挖影响出行，居民意见较多。",
        ),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "保障对象满意度",
            "≥90%",
            "90.2%",
            10,
            7,
            "公租房维修响应不及时。",
        ),
    ]
    W, Sc = sums(specs)
    assert (W, Sc) == (100, Decimal("76.5")), (W, Sc)
    rows = [
        hdr("一级指标", "二级指标", "三级指标", "年度目标值", "实际完成值", "分值", "得分", "偏差原因"),
        *hier(specs, tail_fn(STD8)),
        [C("合计", cs=5, b=True), "100", "76.5", ""],
    ]
    text = """
一、部门概况
淄博市住房和城乡建设局是市政府工作部门，负责全市住房保障、城市建设、建筑业和房地产市场监管等工作，机关内设科室16个，所属事业单位8个。
二、部门整体支出情况
2020年度部门预算96,318.26万元，全年支出92,674.51万元，其中：基本支出3,462.18万元，项目支出89,212.33万元。
2020年“三公”经费支出2.14万元，其中：因公出国（境）费0万元，公务用车购置费0万元，公务用车运行维护费1.68万元，公务接待费0.46万元。
政府采购合同金额4,862.30万元，其中：货物类128.40万元，工程类4,512.60万元，服务类221.30万元。机关运行经费168.27万元。
三、绩效目标完成情况
2020年受新冠肺炎疫情影响，棚户区改造、公园绿地建设等项目开工推迟，部分产出和效益指标未完成年度目标，详见附表。
四、自评结论
经自评，2020年度部门整体支出绩效得分76.5分，评价等级为“中”。
五、存在问题和改进措施
一是项目前期工作和征收进度影响预算执行；二是建筑施工安全形势依然严峻；三是老旧小区改造群众参与不足。下一步将健全项目储备库，压实安全生产责任，推行“居民点菜”式改造。
"""
    blocks = [
        P("淄博市住房和城乡建设局\n2020年度部门整体支出绩效自评报告", "title"),
        *heads(text),
        P("附表：2020年度部门整体支出绩效目标完成情况表", "h"),
        Table(rows, [1.6, 2.0, 3.2, 2.0, 2.0, 1.1, 1.1, 4.0], header_rows=1, size=9.5),
        P("注：1.分值合计100分；2.“三公”经费、机关运行经费口径为一般公共预算财政拨款。", "small"),
    ]
    tr = dict(
        title="淄博市住房和城乡建设局2020年度部门整体支出绩效自评报告",
        department=dept,
        **region("山东省", "淄博市", None, "370300"),
        fiscal_year=2020,
        report_type="department_overall",
        evaluation={"self_score": 76.5, "grade": "中"},
        finance=[
            fin("budget_total", "96318.26", "部门预算96,318.26万元"),
            fin("expenditure_total", "92674.51", "全年支出92,674.51万元"),
            fin("expenditure_basic", "3462.18", "基本支出3,462.18万元"),
            fin("expenditure_project", "89212.33", "项目支出89,212.33万元"),
            fin("sangong_total", "2.14", "“三公”经费支出2.14万元"),
            fin("sangong_overseas", "0", "因公出国（境）费0万元"),
            fin("sangong_vehicle", "1.68", "公务用车购置费0万元，公务用车运行维护费1.68万元"),
            fin("sangong_reception", "0.46", "公务接待费0.46万元"),
            fin("procurement_total", "4862.30", "政府采购合同金额4,862.30万元"),
            fin("procurement_goods", "128.40", "货物类128.40万元"),
            fin("procurement_works", "4512.60", "工程类4,512.60万元"),
            fin("procurement_services", "221.30", "服务类221.30万元"),
            fin("operating_cost", "168.27", "机关运行经费168.27万元"),
        ],
        indicators=truth(specs),
    )
    return Report(
        "zibo-zjj-2020",
        split,
        blocks,
        tr,
        pdf_from="reportlab4",
        formats=("pdf", "html"),
        anchors={"table": "三级指标", "eval": "绩效得分76.5分"},
        html_meta=meta(
            "淄博市住房和城乡建设局2020年度部门整体支出绩效自评报告",
            "淄博市住房和城乡建设局",
            "2021-06-25 11:20",
            "市住房城乡建设局",
        ),
    )


HOLDOUT4 = [
    "shaoguan_nyncj_2023",
    "lucheng_jyj_2020",
    "shijiazhuang_sthjj_2022",
    "xinxiang_wjw_2021",
    "jiujiang_wglj_2024",
    "yubei_nyw_2019",
    "shiyan_jtysj_2022",
]
# Scored once, at the end of a round of parser changes: the other half, never looked at while tuning.
FINAL4 = [
    "cangshan_mzj_2021",
    "yanta_jyj_2023",
    "chengguan_wjj_2021",
    "urumqi_swj_2023",
    "zibo_zjj_2020",
]
