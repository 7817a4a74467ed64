"""Failure classes seen in real documents (report-genre.md, "Real quirks"), one small report each.

Written for the ``classes`` split (tests/fixtures/genre/classes/): each report carries one class of quirk
the parser once missed, in a template of its own, so a fix is checked on the class rather than on a
document.  ``python tools/genre/make.py --split classes``.
"""

from __future__ import annotations

from decimal import Decimal

from forms import hier
from lib import C, P, Report, Table, fin, ind
from narrative import paras


def _score_specs(rows):
    return [dict(l1=a, l2=b, name=c, std=d, w=w, s=s) for a, b, c, d, w, s in rows]


def _level1(printed):
    """The contract's level1 of a printed 一级 cell; a group outside 产出/效益/满意度/成本 has none."""
    return next((k for k in ("产出", "效益", "满意度", "成本") if k in printed), None)


def _score_truth(specs):
    return [
        ind(_level1(s["l1"]), s["l2"], s["name"], "", "", weight=float(s["w"]), score=float(s["s"]))
        for s in specs
    ]


# ============================================================================ 1a. 2017 score table + 评分标准


def pingjiang_wlj_2017(split):
    """Hunan county department, 2017: 部门整体支出绩效评价得分表 with 评分标准, 分值 and 得分 only."""
    dept = "平江县文化旅游广电局"
    specs = _score_specs(
        [
            ("投入", "目标设定", "绩效目标合理性", "目标依据充分、符合实际得满分", 4, 4),
            ("投入", "目标设定", "绩效指标明确性", "指标细化量化得满分", 4, 3),
            ("投入", "预算配置", "在职人员控制率", "控制在编制内得满分", 4, 4),
            ("投入", "预算配置", "“三公”经费变动率", "较上年下降得满分", 3, 3),
            ("过程", "预算执行", "预算完成率", "完成率100%得满分", 5, 4.5),
            ("过程", "预算执行", "结转结余率", "结转结余率低于5%得满分", 5, 4),
            ("过程", "预算管理", "管理制度健全性", "制度健全得满分", 7, 7),
            ("过程", "资产管理", "固定资产利用率", "利用率达到95%得满分", 5, 5),
            ("产出", "数量指标", "文化惠民演出场次（场）", "完成150场得满分", 10, 10),
            ("产出", "数量指标", "农家书屋图书补充数量（册）", "完成20000册得满分", 10, 9),
            ("产出", "质量指标", "广播电视村村通覆盖率", "覆盖率达到98%得满分", 10, 10),
            ("产出", "时效指标", "重点文物修缮按期完成率", "按期完成得满分", 5, 4),
            ("效益", "社会效益指标", "群众文化活动参与人次（人次）", "较上年增长得满分", 10, 9),
            ("效益", "可持续影响指标", "公共文化服务体系运行机制", "机制长效运行得满分", 8, 7.5),
            ("满意度", "服务对象满意度指标", "群众满意度", "满意度达到90%得满分", 10, 10),
        ]
    )
    total_w = sum(Decimal(str(s["w"])) for s in specs)
    total_s = sum(Decimal(str(s["s"])) for s in specs)
    assert total_w == 100, total_w
    head = ["一级指标", "二级指标", "三级指标", "评分标准", "分值", "得分"]
    rows = [
        [C(h, b=True) for h in head],
        *hier(specs, lambda s: [C(s["name"], al="l"), C(s["std"], al="l"), str(s["w"]), f"{s['s']:g}"]),
        [C("总分", cs=4, b=True), str(total_w), f"{total_s:g}"],
    ]
    blocks = [
        P("平江县文化旅游广电局2017年度部门整体支出绩效自评报告", "title"),
        P("一、部门基本情况", "h"),
        *paras("""
平江县文化旅游广电局为县政府工作部门，负责全县文化、旅游、广播电视和文物工作。2017年末，我局行政编制24名，实有在职人员23人，下属事业单位5个。
"""),
        P("二、部门整体支出情况", "h"),
        *paras("""
2017年决算支出总额为1,286.45万元，其中基本支出512.30万元，项目支出774.15万元。
"""),
        P("三、部门整体支出绩效自评情况", "h"),
        *paras(f"""
按照预算绩效管理要求，本部门对2017年整体支出开展绩效自评，自评得分{total_s:g}分。评价指标及得分见下表。
"""),
        P("2017年部门整体支出绩效评价得分表", "center"),
        Table(rows, [1.6, 2.4, 3.6, 4.4, 1.2, 1.2], header_rows=1),
        P("四、存在的问题及改进措施", "h"),
        *paras("""
一是年初编制项目资金预算时对对象摸底不够准确；二是专项资金申报不够及时。下一步将按进度申报资金计划，及时拨付资金。
"""),
        P("平江县文化旅游广电局", "right"),
        P("2018年5月20日", "right"),
    ]
    truth = dict(
        title="平江县文化旅游广电局2017年度部门整体支出绩效自评报告",
        department=dept,
        region="岳阳市平江县",
        province="湖南省",
        city="岳阳市",
        county="平江县",
        adcode="430626",
        fiscal_year=2017,
        report_type="department_overall",
        evaluation={"self_score": float(total_s), "grade": None},
        finance=[
            fin("expenditure_total", "1286.45", "决算支出总额为1,286.45万元"),
            fin("expenditure_basic", "512.30", "基本支出512.30万元"),
            fin("expenditure_project", "774.15", "项目支出774.15万元"),
        ],
        indicators=_score_truth(specs),
    )
    return Report(
        "pingjiang-wlj-2017",
        split,
        blocks,
        truth,
        anchors={"table": "三级指标", "eval": "本部门对2017年整体支出开展绩效自评"},
        html_meta=dict(
            title="平江县文化旅游广电局2017年度部门整体支出绩效自评报告",
            site="平江县人民政府",
            date="2018-05-28 10:12",
            source="平江县文化旅游广电局",
            hits=88,
            crumbs=["首页", "政务公开", "财政预决算"],
            addr="湖南省岳阳市平江县",
            code="4306260017",
        ),
    )


# ============================================================================ 1b. 2017 score table, 分值 in labels


def yudu_nyj_2017(split):
    """Jiangxi county department, 2017: 一级 | 二级 | 三级 | 分值 | 得分, groups printed with their points."""
    dept = "于都县农业农村局"
    specs = _score_specs(
        [
            ("部门决策（20分）", "目标任务（10分）", "相关性", "", 5, 5),
            ("部门决策（20分）", "目标任务（10分）", "明确性", "", 5, 5),
            ("部门决策（20分）", "预算编制（10分）", "测算依据", "", 5, 3),
            ("部门决策（20分）", "预算编制（10分）", "目标管理", "", 5, 4),
            ("综合管理（30分）", "资金管理（15分）", "资金分配时限", "", 5, 5),
            ("综合管理（30分）", "资金管理（15分）", "资金使用合规性", "", 10, 9),
            ("综合管理（30分）", "项目管理（15分）", "项目执行规范性", "", 15, 13),
            ("产出指标（30分）", "数量指标", "高标准农田建设面积（亩）", "", 15, 15),
            ("产出指标（30分）", "质量指标", "农产品质量安全抽检合格率", "", 15, 14),
            ("效益指标（20分）", "社会效益指标", "带动农户增收户数（户）", "", 10, 9),
            ("效益指标（20分）", "服务对象满意度", "农户满意度", "", 10, 10),
        ]
    )
    total_w = sum(Decimal(str(s["w"])) for s in specs)
    total_s = sum(Decimal(str(s["s"])) for s in specs)
    assert total_w == 100, total_w
    head = ["一级指标", "二级指标", "三级指标", "分值", "得分"]
    rows = [
        [C(h, b=True) for h in head],
        *hier(specs, lambda s: [C(s["name"], al="l"), str(s["w"]), f"{s['s']:g}"]),
        [C("总分", cs=3, b=True), str(total_w), f"{total_s:g}"],
    ]
    blocks = [
        P("于都县农业农村局2017年部门整体支出绩效自评报告", "title"),
        P("一、基本情况", "h"),
        *paras("""
于都县农业农村局主要负责全县农业农村经济发展、高标准农田建设和农产品质量安全监管等工作。
"""),
        P("二、绩效自评情况", "h"),
        *paras(f"""
根据《于都县部门整体支出绩效评价指标体系》，我局2017年部门整体支出绩效自评得分{total_s:g}分，各项指标得分如下：
"""),
        P("2017年部门整体支出绩效评价得分表", "center"),
        Table(rows, [3.0, 3.0, 5.4, 1.6, 1.6], header_rows=1),
        P("三、存在问题", "h"),
        *paras("""
预算编制测算依据不够充分，部分项目执行进度偏慢。
"""),
        P("于都县农业农村局", "right"),
        P("2018年4月30日", "right"),
    ]
    truth = dict(
        title="于都县农业农村局2017年部门整体支出绩效自评报告",
        department=dept,
        region="赣州市于都县",
        province="江西省",
        city="赣州市",
        county="于都县",
        adcode="360731",
        fiscal_year=2017,
        report_type="department_overall",
        evaluation={"self_score": float(total_s), "grade": None},
        finance=[],
        indicators=_score_truth(specs),
    )
    return Report(
        "yudu-nyj-2017",
        split,
        blocks,
        truth,
        anchors={"table": "三级指标", "eval": "我局2017年部门整体支出绩效自评得分"},
        html_meta=dict(
            title="于都县农业农村局2017年部门整体支出绩效自评报告",
            site="于都县人民政府",
            date="2018-05-08 16:40",
            source="于都县农业农村局",
            hits=51,
            crumbs=["首页", "信息公开", "绩效评价"],
            addr="江西省赣州市于都县",
            code="3607310021",
        ),
    )


# ============================================================================ 3. labels across a repeated header

_FILLER = (
    "本年度我局严格执行预算管理制度，加强资金监管，规范支出审批程序，"
    "确保各项资金按规定用途使用，未发生挤占挪用等违规行为。"
)


def _break_report(stem, split, dept, place, specs, widths, pad, eval_text, header):
    """A narrative report whose indicator table runs over a page break with its header repeated."""
    from narrative import S, sums, tail_fn, truth_rows  # noqa: F401

    w, s = sums(specs)
    rows = [
        [C(h, b=True) for h in header],
        *hier(specs, tail_fn(["name", "tgt", "act", "w", "s", "why"])),
        [C("合计", cs=5, b=True), f"{w:g}", f"{s:g}", ""],
    ]
    blocks = [
        P(f"{dept}2022年度部门整体支出绩效自评报告", "title"),
        P("一、部门基本情况", "h"),
        *[P(_FILLER) for _ in range(pad)],
        P("二、绩效目标完成情况", "h"),
        P("2022年度部门整体支出绩效目标完成情况表", "center"),
        Table(rows, widths, header_rows=1),
        P("三、自评结论", "h"),
        P(f"{eval_text}{s:g}分，评价等级为“优”。"),
        P(dept, "right"),
    ]
    truth = dict(
        title=f"{dept}2022年度部门整体支出绩效自评报告",
        department=dept,
        fiscal_year=2022,
        report_type="department_overall",
        evaluation={"self_score": float(s), "grade": "优"},
        finance=[],
        indicators=truth_rows(specs),
        **place,
    )
    html_meta = dict(
        title=truth["title"],
        site=dept,
        date="2023-04-18 09:30",
        source=dept,
        hits=120,
        crumbs=["首页", "政务公开", "绩效评价"],
        addr=place["province"] + place["region"],
        code=place["adcode"] + "0031",
    )
    return Report(
        stem, split, blocks, truth, anchors={"table": "三级指标", "eval": eval_text}, html_meta=html_meta
    )


def liuyang_wlj_2022(split):
    """A 二级 label in a narrow column cut by the page break: "服务对象满" | (header) | "意度指标"."""
    from narrative import S

    specs = [
        S("产出指标", "数量指标", "文化惠民演出场次", "≥120场", "126场", 10, 10),
        S("产出指标", "数量指标", "送书下乡册数", "≥8000册", "8200册", 10, 10),
        S("产出指标", "数量指标", "公共文化场馆免费开放天数", "≥300天", "305天", 10, 10),
        S("产出指标", "质量指标", "演出活动安全事故发生次数", "0次", "0次", 10, 10),
        S("产出指标", "质量指标", "文物安全巡查覆盖率", "100%", "100%", 10, 10),
        S("产出指标", "时效指标", "惠民演出按计划完成率", "≥95%", "96%", 10, 10),
        S("效益指标", "社会效益指标", "群众文化活动参与人次", "≥50000人次", "52000人次", 10, 10),
        S("效益指标", "可持续影响指标", "基层文化阵地运行机制", "长效运行", "长效运行", 10, 9),
        S("满意度指标", "服务对象满意度指标", "观众满意度", "≥90%", "93%", 5, 5),
        S("满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", "92%", 5, 5),
        S("满意度指标", "服务对象满意度指标", "游客满意度", "≥90%", "91%", 5, 5),
        S(
            "满意度指标",
            "服务对象满意度指标",
            "文化志愿者满意度",
            "≥90%",
            "88%",
            5,
            4,
            "志愿者补贴发放滞后。",
        ),
    ]
    place = dict(region="长沙市浏阳市", province="湖南省", city="长沙市", county="浏阳市", adcode="430181")
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]
    return _break_report(
        "liuyang-wlj-2022",
        split,
        "浏阳市文化旅游广电体育局",
        place,
        specs,
        [1.5, 1.3, 4.0, 2.0, 2.0, 1.1, 1.1, 3.0],
        LIUYANG_PAD,
        "经自评，我局2022年度部门整体支出绩效自评得分为",
        header,
    )


LIUYANG_PAD = 10


def xiangxiang_wgxj_2022(split):
    """Numbered indicator names ("指标1：文化惠民演出场次") under a 一级 cell merged over the page break."""
    from narrative import S

    specs = [
        S("产出指标", "数量指标", "指标1：文化惠民演出场次", "≥80场", "85场", 8, 8),
        S("产出指标", "数量指标", "指标2：农家书屋图书更新册数", "≥6000册", "6300册", 8, 8),
        S("产出指标", "数量指标", "指标3：公共文化场馆免费开放天数", "≥300天", "310天", 8, 8),
        S("产出指标", "质量指标", "指标4：广播电视信号覆盖率", "≥99%", "99.3%", 8, 8),
        S("产出指标", "质量指标", "指标5：文物安全巡查覆盖率", "100%", "100%", 8, 8),
        S("产出指标", "时效指标", "指标6：惠民演出按计划完成率", "≥95%", "97%", 8, 8),
        S("产出指标", "成本指标", "指标7：单场演出成本控制数", "≤1.2万元", "1.1万元", 8, 8),
        S("效益指标", "社会效益指标", "指标8：群众文化活动参与人次", "≥30000人次", "31500人次", 10, 10),
        S("效益指标", "可持续影响指标", "指标9：基层文化阵地运行机制", "长效运行", "长效运行", 10, 9),
        S("满意度指标", "服务对象满意度指标", "指标10：群众满意度", "≥90%", "94%", 12, 12),
        S("满意度指标", "服务对象满意度指标", "指标11：文化志愿者满意度", "≥90%", "90.5%", 12, 12),
    ]
    place = dict(region="湘潭市湘乡市", province="湖南省", city="湘潭市", county="湘乡市", adcode="430381")
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]
    return _break_report(
        "xiangxiang-wgxj-2022",
        split,
        "湘乡市文化旅游广电体育局",
        place,
        specs,
        [1.5, 1.6, 4.6, 2.0, 2.0, 1.1, 1.1, 2.4],
        XIANGXIANG_PAD,
        "根据部门整体支出绩效评价指标体系，我局2022年度部门整体支出绩效自评得分为",
        header,
    )


XIANGXIANG_PAD = 12

REPORTS = ["pingjiang_wlj_2017", "yudu_nyj_2017", "liuyang_wlj_2022", "xiangxiang_wgxj_2022"]


# ============================================================================ 2. amounts in 元 under a （万元） header


def _fujian_form(stem, split, dept, code, place, yuan, goal, self_rows, eval_row):
    """Fujian 部门整体支出绩效自评表 (an .xls printed to PDF): its 资金结构（万元） block typed in 元."""
    b0, carry, adj, paid = yuan
    sub = b0 + carry + adj
    rest = sub - paid
    rate, rest_rate = f"{paid / sub * 100:.0f}%", f"{rest / sub * 100:.0f}%"
    figures = [f"{b0:.2f}".removesuffix(".00"), f"{carry:.2f}", f"{adj:g}", f"{sub:.2f}", f"{paid:.2f}"]
    money_row = [*figures, rate, f"{rest:.2f}", rest_rate]
    rows = [
        [C("部门（单位）名称"), C(dept, cs=4), C("部门预算编码", cs=2), C(code, cs=2)],
        [C("资金结构（万元）", rs=2), C("预算安排", cs=4), C("拨付情况", cs=2), C("结余情况", cs=2)],
        [
            "年初部门预算安排金额①",
            "历年结余结转②",
            "年中调整金额③",
            "小计④=①+②+③",
            "年度拨付金额⑤",
            "支出实现率（%）⑥=⑤/④",
            "本年度结余金额⑦=④-⑤",
            "资金结余率（%）⑧=⑦/④",
        ],
        ["财政资金小计", *money_row],
        ["①中央及省级财政资金", *[""] * 8],
        ["②市级财政资金", *money_row],
        ["其他资金小计", *[""] * 8],
        ["合计", *money_row],
        [C("预期目标", cs=4), C("目标实际完成情况", cs=5)],
        [C(goal, cs=4, al="l"), C("目标1完成情况：基本完成，达成率为95%以上。", cs=5, al="l")],
    ]
    head = ["一级指标", "二级指标", "三级指标", "指标解释", "绩效目标值", "实际完成值", "指标分值", "得分"]
    specs = [dict(l1=a, l2=b, name=c, ex=d, tgt=e, act=f, w=w, s=s) for a, b, c, d, e, f, w, s in self_rows]
    rows.append([C(head[0]), C(head[1]), C(head[2], cs=2), *[C(h) for h in head[3:]]])
    rows += hier(
        specs,
        lambda s: [
            C(s["name"], cs=2, al="l"),
            C(s["ex"], al="l"),
            s["tgt"],
            s["act"],
            str(s["w"]),
            f"{s['s']:g}",
        ],
    )
    total = sum(Decimal(str(s["s"])) for s in specs)
    rows.append([C("自评得分", cs=6), C(f"{total:g}", cs=3)])
    blocks = [
        P("部门整体支出绩效自评表", "title"),
        P("（2018年度）", "center"),
        Table(rows, [2.6, 2.0, 1.9, 1.9, 2.1, 2.1, 2.0, 2.1, 1.9], header_rows=0, size=8.5),
        *([P(eval_row)] if eval_row else []),
    ]
    truth_rows = [
        ind(s["l1"], s["l2"], s["name"], s["tgt"], s["act"], weight=float(s["w"]), score=float(s["s"]))
        for s in specs
    ]
    truth = dict(
        title="部门整体支出绩效自评表（2018年度）",
        department=dept,
        fiscal_year=2018,
        report_type="department_overall",
        evaluation={"self_score": float(total), "grade": None},
        indicators=truth_rows,
        **place,
    )
    html_meta = dict(
        title=f"2018年度部门整体支出绩效自评（{dept}）",
        site=dept,
        date="2019-12-31 15:47",
        source=dept,
        hits=64,
        crumbs=["首页", "公告栏"],
        addr=place["province"] + place["region"],
        code=code,
    )
    anchors = {"table": "三级指标", "eval": "自评得分"}
    return Report(stem, split, blocks, truth, anchors=anchors, html_meta=html_meta, landscape=True), figures


_SANMING_ROWS = [
    ("产出指标", "数量指标", "按月发放在职及退休人员工资福利", "按月足额发放", "12个月", "12个月", 20, 20),
    ("产出指标", "数量指标", "年鉴编纂出版册数", "完成年鉴编纂出版", "≥1部", "1部", 20, 20),
    ("产出指标", "质量指标", "志书审查验收通过率", "审查验收一次通过", "100%", "100%", 20, 18),
    ("效益指标", "社会效益指标", "地情资料开发利用次数", "年度开发利用次数", "≥10次", "12次", 20, 20),
    ("满意度指标", "服务对象满意度指标", "读者满意度", "抽样调查满意度", "≥90%", "92%", 20, 20),
]


def sanming_dfz_2018(split):
    """The block in 元 under （万元）, and the report's goal states the budget in 万元: converted, warned."""
    yuan = (Decimal("1846250"), Decimal("115320.46"), Decimal("0"), Decimal("1776902.37"))
    rep, figures = _fujian_form(
        "sanming-dfz-2018",
        split,
        "三明市地方志编纂委员会办公室",
        "901002041",
        dict(region="三明市", province="福建省", city="三明市", county=None, adcode="350400"),
        yuan,
        "目标1：部门预算196.16万元，确保在职及退休人员工资福利按月发放和志鉴编纂工作正常开展。",
        _SANMING_ROWS,
        None,
    )
    sub = yuan[0] + yuan[1] + yuan[2]
    rep.truth["finance"] = [
        fin("budget_total", "196.16", "部门预算196.16万元"),
        fin("expenditure_total", f"{yuan[3] / 10000}", figures[4]),
    ]
    assert f"{sub / 10000:.2f}" == "196.16", sub
    return rep


REPORTS.append("sanming_dfz_2018")


def nanping_dag_2018(split):
    """The block in 元 under （万元） with nothing else in the report to prove it: kept as printed, flagged."""
    yuan = (Decimal("3125480"), Decimal("96210.55"), Decimal("0"), Decimal("3050112.40"))
    rep, figures = _fujian_form(
        "nanping-dag-2018",
        split,
        "南平市档案馆",
        "901003012",
        dict(region="南平市", province="福建省", city="南平市", county=None, adcode="350700"),
        yuan,
        "目标1：确保本馆在职及退休人员工资、福利按月发放；目标2：保障档案接收、保管和利用工作正常开展。",
        [
            ("产出指标", "数量指标", "档案接收进馆卷数", "年度接收进馆档案", "≥3000卷", "3260卷", 30, 30),
            ("产出指标", "质量指标", "馆藏档案安全事故次数", "全年安全事故次数", "0次", "0次", 30, 30),
            (
                "效益指标",
                "社会效益指标",
                "档案查阅利用人次",
                "年度查阅利用人次",
                "≥2000人次",
                "2150人次",
                20,
                20,
            ),
            ("满意度指标", "服务对象满意度指标", "查档群众满意度", "抽样调查满意度", "≥90%", "89%", 20, 18),
        ],
        None,
    )
    sub = yuan[0] + yuan[1] + yuan[2]
    # Read as printed: the report gives no figure in 万元 to prove the block is in 元 (the warning says so).
    rep.truth["finance"] = [
        fin("budget_total", f"{sub:.2f}", figures[3]),
        fin("expenditure_total", f"{yuan[3]:.2f}", figures[4]),
    ]
    return rep


REPORTS.append("nanping_dag_2018")


def ruijin_sjj_2017(split):
    """2017 得分表 with no 分值 column: each label carries its points ("相关性（5分）"), the row its 得分."""
    dept = "瑞金市审计局"
    rows_spec = [
        ("部门决策（25分）", "目标任务（15分）", "相关性", 5, 5),
        ("部门决策（25分）", "目标任务（15分）", "明确性", 5, 5),
        ("部门决策（25分）", "目标任务（15分）", "合理性", 5, 5),
        ("部门决策（25分）", "预算编制（10分）", "测算依据", 5, 2),
        ("部门决策（25分）", "预算编制（10分）", "目标管理", 5, 4),
        ("综合管理（30分）", "资金管理（15分）", "资金分配时限", 5, 5),
        ("综合管理（30分）", "资金管理（15分）", "资金使用合规性", 10, 9),
        ("综合管理（30分）", "项目管理（15分）", "项目执行规范性", 15, 13),
        ("产出指标（30分）", "数量指标（15分）", "审计项目完成数", 15, 15),
        ("产出指标（30分）", "质量指标（15分）", "审计报告差错率", 15, 14),
        ("效益指标（15分）", "社会效益指标（15分）", "审计发现问题整改率", 15, 13),
    ]
    specs = [dict(l1=a, l2=b, name=f"{c}（{w}分）", w=w, s=s) for a, b, c, w, s in rows_spec]
    total_w = sum(Decimal(str(s["w"])) for s in specs)
    total_s = sum(Decimal(str(s["s"])) for s in specs)
    assert total_w == 100, total_w
    rows = [
        [C(h, b=True) for h in ["一级指标", "二级指标", "三级指标", "得分"]],
        *hier(specs, lambda s: [C(s["name"], al="l"), f"{s['s']:g}"]),
        [C("总分", cs=3, b=True), f"{total_s:g}"],
    ]
    blocks = [
        P("瑞金市审计局2017年度部门整体支出绩效自评报告", "title"),
        P("一、部门整体支出绩效自评开展情况", "h"),
        *paras(f"""
按照预算绩效管理要求，本部门对2017年整体支出开展绩效自评，自评得分{total_s:g}分。存在的问题：一是年初编制项目资金预算时对对象摸底不够准确；二是专项资金申报不够及时。
"""),
        P("2017年部门整体支出绩效评价得分表", "center"),
        Table(rows, [3.4, 3.6, 5.0, 1.8], header_rows=1),
        P("瑞金市审计局", "right"),
    ]
    truth = dict(
        title="瑞金市审计局2017年度部门整体支出绩效自评报告",
        department=dept,
        region="赣州市瑞金市",
        province="江西省",
        city="赣州市",
        county="瑞金市",
        adcode="360781",
        fiscal_year=2017,
        report_type="department_overall",
        evaluation={"self_score": float(total_s), "grade": None},
        finance=[],
        indicators=_score_truth(specs),
    )
    html_meta = dict(
        title=truth["title"],
        site=dept,
        date="2018-06-01 11:05",
        source=dept,
        hits=37,
        crumbs=["首页", "信息公开", "财政预决算"],
        addr="江西省赣州市瑞金市",
        code="3607810044",
    )
    anchors = {"table": "三级指标", "eval": "本部门对2017年整体支出开展绩效自评"}
    return Report("ruijin-sjj-2017", split, blocks, truth, anchors=anchors, html_meta=html_meta)


REPORTS.append("ruijin_sjj_2017")
