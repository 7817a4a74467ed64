"""Form templates: Chongqing 部门整体绩效自评表, Anhui 项目支出绩效自评表, Sichuan 部门预算项目支出绩效自评表,
Fujian 部门整体支出绩效自评表 (Excel-printed)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from lib import C, P, Report, Table, fin, ind


def q2(x):
    return Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def money(x, sep=True):
    return f"{q2(x):,.2f}" if sep else f"{q2(x):.2f}"


def hier(specs, tail, l1_span=True, l2_span=True):
    """Rows of a 一级/二级 table with vertically merged level cells. tail(spec) -> list of cells."""
    rows = []
    i = 0
    n = len(specs)
    while i < n:
        j = i
        while j < n and specs[j]["l1"] == specs[i]["l1"]:
            j += 1
        k = i
        while k < j:
            m = k
            while m < j and specs[m]["l2"] == specs[k]["l2"]:
                m += 1
            for r in range(k, m):
                row = []
                if r == i:
                    row.append(
                        C(specs[i]["l1"], rs=(j - i) if l1_span else 1) if l1_span else C(specs[r]["l1"])
                    )
                elif not l1_span:
                    row.append(C(specs[r]["l1"]))
                if r == k:
                    row.append(
                        C(specs[k]["l2"], rs=(m - k) if l2_span else 1) if l2_span else C(specs[r]["l2"])
                    )
                elif not l2_span:
                    row.append(C(specs[r]["l2"]))
                row += tail(specs[r])
                rows.append(row)
            k = m
        i = j
    return rows


# ============================================================================ 1. Chongqing


def chongqing_slj_2023(split):
    dept = "重庆市林业局"
    b0, b1, ex = Decimal("126543.21"), Decimal("148210.56"), Decimal("141236.78")
    rate = q2(ex / b1 * 100)
    rate_w = 10
    rate_s = q2(rate_w * rate / 100)
    # name, unit, nature, init, adj, actual, coef, weight, score, core
    R = [
        ("新增营造林面积", "万亩", "定量指标", "≥400", "", "436.5", "100", 10, 10, "是"),
        ("森林覆盖率", "%", "定量指标", "≥55", "", "55.06", "100", 10, 10, "是"),
        ("国土绿化提升行动任务完成率", "%", "定量指标", "100", "", "100", "100", 8, 8, "否"),
        ("森林火灾受害率", "‰", "定量指标", "≤0.9", "", "0.12", "100", 8, 8, "是"),
        ("松材线虫病疫木除治率", "%", "定量指标", "≥95", "", "93.2", "98.1", 8, 7.85, "否"),
        ("林长制巡林覆盖率", "%", "定量指标", "≥90", "", "96", "100", 6, 6, "否"),
        ("新建国家储备林面积", "万亩", "定量指标", "≥25", "≥20", "21.3", "100", 8, 8, "否"),
        ("林业产业总产值", "亿元", "定量指标", "≥1600", "", "1638", "100", 6, 6, "否"),
        ("生态护林员选聘人数", "人", "定量指标", "≥18000", "", "17650", "98.06", 6, 5.88, "否"),
        ("珍稀濒危野生动植物保护", "", "定性指标", "有效保护", "", "有效保护", "100", 6, 6, "否"),
        ("部门项目绩效目标完成率", "%", "定量指标", "≥90", "", "92", "100", 4, 4, "否"),
        ("林农群众满意度", "%", "定量指标", "≥90", "", "94.5", "100", 10, 10, "是"),
    ]
    total = q2(sum(Decimal(str(r[8])) for r in R) + rate_s)
    head = [
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
    ]
    rows = [
        [C("主管部门", b=True), C(dept, cs=5), C("自评总分（分）", cs=2, b=True), C(f"{total}", cs=2)],
        [C("部门预算执行情况（万元）", cs=10, b=True, al="l")],
        [
            C("年初预算数", cs=2),
            C("全年（调整）预算数", cs=2),
            C("全年执行数", cs=2),
            C("执行率（%）", cs=2),
            "执行率权重（分）",
            "执行率得分（分）",
        ],
        [
            C(money(b0), cs=2),
            C(money(b1), cs=2),
            C(money(ex), cs=2),
            C(f"{rate}", cs=2, xl="=ROUND(E{r}/C{r}*100,2)", fmt="0.00"),
            C(str(rate_w), xl=rate_w),
            C(f"{rate_s}", xl="=ROUND(I{r}*G{r}/100,2)", fmt="0.00"),
        ],
        [C("年度总体目标完成情况", cs=10, b=True, al="l")],
        [C("预期目标", cs=5), C("实际完成情况", cs=5)],
        [
            C(
                "全面推行林长制，完成营造林400万亩，森林覆盖率稳定在55%以上，森林火灾受害率控制在0.9‰以内，推进国家储备林建设和林业产业发展。",
                cs=5,
                al="l",
            ),
            C(
                "全年完成营造林436.5万亩，森林覆盖率达到55.06%，森林火灾受害率0.12‰，新建国家储备林21.3万亩，林业产业总产值1638亿元。",
                cs=5,
                al="l",
            ),
        ],
        [C("绩效指标", cs=10, b=True, al="l")],
        [C(h, b=True) for h in head],
    ]
    truth_rows = []
    for name, unit, nat, init, adj, act, coef, w, s, core in R:
        rows.append([C(name, al="l"), unit, nat, init, adj, act, coef, str(w), f"{s:g}", core])
        truth_rows.append(
            ind(None, None, name, adj or init, act, unit_col=unit, weight=float(w), score=float(s))
        )
    blocks = [
        P("重庆市部门整体绩效自评表", "title"),
        P("（2023年度）", "center"),
        P(
            "填报单位（盖章）：重庆市林业局                                   填报日期：2024年3月28日",
            "small",
        ),
        Table(rows, [5.0, 1.6, 1.9, 2.3, 2.3, 2.3, 2.2, 2.2, 2.2, 2.0], header_rows=0),
        P(
            "填表人：周晓兰        联系电话：023-89089123        财务负责人：何建平        单位负责人：刘永华",
            "small",
        ),
    ]
    truth = dict(
        title="重庆市部门整体绩效自评表（2023年度）",
        department=dept,
        region="重庆市",
        province="重庆市",
        city="重庆市",
        county=None,
        adcode="500000",
        fiscal_year=2023,
        report_type="department_overall",
        evaluation={"self_score": float(total), "grade": None},
        finance=[
            fin("budget_total", f"{b1:.2f}", f"全年（调整）预算数 {money(b1)}", money(b1)),
            fin("expenditure_total", f"{ex:.2f}", f"全年执行数 {money(ex)}", money(ex)),
        ],
        indicators=truth_rows,
        _extra_weight=rate_w,
        _extra_score=float(rate_s),
    )
    return Report(
        "chongqing-lyj-2023",
        split,
        blocks,
        truth,
        landscape=True,
        formats=("pdf", "docx", "html", "xlsx"),
        anchors={"table": "指标名称", "eval": "自评总分"},
        html_meta=dict(
            title="重庆市林业局2023年度部门整体绩效自评表",
            site="重庆市林业局",
            date="2024-04-12 10:26",
            source="重庆市林业局",
            crumbs=["首页", "政务公开", "法定主动公开内容", "财政预决算"],
            addr="重庆市渝北区青枫北路",
            code="5000000019",
            icp="渝ICP备05003300号",
        ),
    )


# ============================================================================ 2. Anhui project form


def anhui_tangxi_2020(split):
    b0, b1, ex = Decimal("150.00"), Decimal("186.50"), Decimal("172.35")
    rate = ex / b1
    rate_s = q2(10 * rate)
    specs = [
        dict(
            l1="产出指标",
            l2="数量指标",
            name="农村改厕数量",
            tgt="≥320户",
            act="328户",
            w=10,
            s=10,
            why="",
            tx=None,
            ax=None,
        ),
        dict(
            l1="产出指标",
            l2="数量指标",
            name="村庄清洁行动覆盖行政村数",
            tgt="9个",
            act="9个",
            w=10,
            s=10,
            why="",
            tx=None,
            ax=None,
        ),
        dict(
            l1="产出指标",
            l2="质量指标",
            name="改厕验收合格率",
            tgt="≥95%",
            act="97.5%",
            w=10,
            s=10,
            why="",
            tx=None,
            ax=(0.975, "0.0%"),
        ),
        dict(
            l1="产出指标",
            l2="质量指标",
            name="生活垃圾无害化处理率",
            tgt="≥90%",
            act="88%",
            w=10,
            s=9,
            why="个别偏远自然村垃圾转运频次不足，下一步增加转运车次。",
            tx=None,
            ax=(0.88, "0%"),
        ),
        dict(
            l1="产出指标",
            l2="时效指标",
            name="项目完成及时率",
            tgt="100%",
            act="100%",
            w=10,
            s=10,
            why="",
            tx=(1, "0%"),
            ax=(1, "0%"),
        ),
        dict(
            l1="效益指标",
            l2="社会效益指标",
            name="农村人居环境",
            tgt="明显改善",
            act="明显改善",
            w=10,
            s=10,
            why="",
            tx=None,
            ax=None,
        ),
        dict(
            l1="效益指标",
            l2="生态效益指标",
            name="村庄绿化覆盖率提升",
            tgt="≥2个百分点",
            act="2.3个百分点",
            w=10,
            s=10,
            why="",
            tx=None,
            ax=None,
        ),
        dict(
            l1="效益指标",
            l2="可持续影响指标",
            name="农村人居环境长效管护机制",
            tgt="建立健全",
            act="已建立",
            w=10,
            s=9,
            why="管护经费保障机制尚需完善。",
            tx=None,
            ax=None,
        ),
        dict(
            l1="满意度指标",
            l2="服务对象满意度指标",
            name="受益群众满意度",
            tgt="≥90%",
            act="93%",
            w=10,
            s=10,
            why="",
            tx=None,
            ax=(0.93, "0%"),
        ),
    ]
    total = q2(sum(Decimal(str(s["s"])) for s in specs) + rate_s)

    def tail(s):
        t = C(s["tgt"], xl=s["tx"][0], fmt=s["tx"][1]) if s["tx"] else C(s["tgt"])
        a = C(s["act"], xl=s["ax"][0], fmt=s["ax"][1]) if s["ax"] else C(s["act"])
        return [C(s["name"], al="l"), t, a, str(s["w"]), f"{s['s']:g}", C(s["why"] or "/", al="l")]

    rows = [
        [C("项目名称", b=True), C("棠溪镇农村人居环境整治提升项目", cs=7, al="l")],
        [
            C("主管部门", b=True),
            C("219-池州市贵池区棠\n溪镇人民政府", cs=2),
            C("实施单位", b=True),
            C("219001-池州市贵池区\n棠溪镇人民政府本级", cs=4),
        ],
        [
            C("项目资金\n（万元）", rs=4, b=True),
            "",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ],
        [
            "年度资金总额",
            money(b0, False),
            money(b1, False),
            money(ex, False),
            "10",
            C(f"{q2(rate * 100)}%", xl="=E{r}/D{r}", fmt="0.00%"),
            C(f"{rate_s}", xl="=ROUND(F{r}*G{r},2)", fmt="0.00"),
        ],
        ["其中：当年财政拨款", money(b0, False), money(b1, False), money(ex, False), "—", "—", "—"],
        ["上年结转资金", "0.00", "0.00", "0.00", "—", "—", "—"],
        [C("年度总体目标", rs=2, b=True), C("预期目标", cs=3), C("实际完成情况", cs=4)],
        [
            C(
                "完成农村改厕320户以上，开展村庄清洁行动覆盖全镇9个行政村，生活垃圾无害化处理率达到90%以上，农村人居环境明显改善。",
                cs=3,
                al="l",
            ),
            C(
                "完成改厕328户，9个行政村全部开展村庄清洁行动，生活垃圾无害化处理率88%，村庄绿化覆盖率提升2.3个百分点。",
                cs=4,
                al="l",
            ),
        ],
    ]
    rows.append(
        [
            C("一级指标", b=True),
            C("二级指标", b=True),
            C("三级指标", b=True),
            C("年度指标值", b=True),
            C("实际完成值", b=True),
            C("分值", b=True),
            C("得分", b=True),
            C("偏差原因分析及改进措施", b=True),
        ]
    )
    rows += hier(specs, tail)
    rows.append([C("总分", cs=5, b=True), "100", f"{total}", ""])
    blocks = [
        P("项目支出绩效自评表", "title"),
        P("（2020年度）", "center"),
        Table(rows, [2.0, 1.9, 2.4, 1.9, 1.9, 1.6, 1.5, 3.6], header_rows=0, size=8.5),
        P("填报人：汪丽        联系电话：0566-2571203        填报日期：2021年4月16日", "small"),
    ]
    truth_rows = [
        ind(
            s["l1"],
            s["l2"],
            s["name"],
            s["tgt"],
            s["act"],
            weight=float(s["w"]),
            score=float(s["s"]),
            reason=s["why"],
        )
        for s in specs
    ]
    truth = dict(
        title="项目支出绩效自评表（2020年度）",
        department="池州市贵池区棠溪镇人民政府",
        region="池州市贵池区",
        province="安徽省",
        city="池州市",
        county="贵池区",
        adcode="341702",
        fiscal_year=2020,
        report_type="project",
        evaluation={"self_score": float(total), "grade": None},
        finance=[
            fin("budget_total", "186.50", "全年预算数 186.50", "186.50"),
            fin("expenditure_total", "172.35", "全年执行数 172.35", "172.35"),
        ],
        indicators=truth_rows,
        _extra_weight=10,
        _extra_score=float(rate_s),
    )
    return Report(
        "chizhou-tangxi-rjhj-2020",
        split,
        blocks,
        truth,
        formats=("pdf", "docx", "html", "xlsx"),
        encoding="gbk",
        xlsx_landscape=False,
        anchors={"table": "三级指标", "eval": "总分"},
        html_meta=dict(
            title="棠溪镇2020年度农村人居环境整治提升项目支出绩效自评表",
            site="池州市贵池区人民政府",
            date="2021-05-08",
            source="棠溪镇",
            crumbs=["首页", "信息公开", "棠溪镇", "财政资金"],
            addr="安徽省池州市贵池区",
            code="3417020001",
            icp="皖ICP备05018842号",
        ),
    )


# ============================================================================ 3. Sichuan project form


def sichuan_hongya_2021(split):
    b0, b1, ex = "1200.00", "1236.48", "1236.48"
    INSTR_REASON = (
        "1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）；2.年中发生预算调整的（追加或调减），"
        "应单独说明理由；3.其他资金包括：社会投入资金、银行贷款."
    )
    specs = [
        dict(
            l1="产出指标",
            l2="数量指标",
            name="补贴发放面积",
            op="≥",
            tgt="18.6",
            u="万亩",
            act="18.72",
            w=20,
            s="20",
        ),
        dict(
            l1="产出指标",
            l2="数量指标",
            name="补贴对象覆盖农户数",
            op="≥",
            tgt="4.2",
            u="万户",
            act="4.26",
            w=15,
            s="15",
        ),
        dict(
            l1="产出指标",
            l2="质量指标",
            name="补贴资金兑付准确率",
            op="=",
            tgt="100",
            u="%",
            act="100",
            w=15,
            s="15",
        ),
        dict(
            l1="产出指标", l2="时效指标", name="补贴发放及时率", op="=", tgt="100", u="%", act="", w=10, s=""
        ),
        dict(
            l1="产出指标",
            l2="成本指标",
            name="亩均补贴标准",
            op="=",
            tgt="66.5",
            u="元/亩",
            act="66.5",
            w=10,
            s="10",
        ),
        dict(
            l1="效益指标",
            l2="社会效益指标",
            name="耕地撂荒率",
            op="≤",
            tgt="3",
            u="%",
            act="2.1",
            w=10,
            s="10",
        ),
        dict(
            l1="满意度指标",
            l2="服务对象满意度指标",
            name="受补农户满意度",
            op="≥",
            tgt="90",
            u="%",
            act="",
            w=10,
            s="",
        ),
    ]

    def tail(s):
        return [C(s["name"], al="l"), s["op"], s["tgt"], s["u"], s["act"], str(s["w"]), s["s"], ""]

    perf = hier(specs, tail)
    perf[0].insert(0, C("绩效指标(90分)", rs=len(perf) + 1, b=True))
    rows = [
        [C("项目名称", b=True), C("51142321R000000027531-耕地地力保护补贴", cs=10, al="l")],
        [
            C("主管部门", b=True),
            C("洪雅县农业农村局", cs=4),
            C("实施单位（盖章）", cs=2, b=True),
            C("洪雅县农业综合服务中心", cs=4),
        ],
        [C("项目基本情况", rs=4, b=True), C("1.项目年度目标完成情况", cs=10, al="l")],
        [C("项目年度目标", cs=5), C("年度目标完成情况", cs=5)],
        [
            C(
                "按照政策规定，将耕地地力保护补贴及时、足额发放到农户，引导农民加强农业生态资源保护，提高耕地地力。",
                cs=5,
                al="l",
            ),
            C("对照年度目标，说明相关任务目标的完成情况（100字以内）", cs=5, al="l"),
        ],
        [C("2.项目实施内容及过程概述", cs=3, al="l"), C("", cs=7)],
        [
            C("预算执行情况(10分)", rs=6, b=True),
            "年度预算数(万元)",
            "年初预算",
            "调整后预算数",
            "预算执行数",
            "预算执行率",
            "权重",
            "得分",
            C("原因", cs=3),
        ],
        [
            "总额",
            b0,
            b1,
            ex,
            C("100.00%", xl="=E{r}/D{r}", fmt="0.00%"),
            "10",
            "10",
            C(INSTR_REASON, cs=3, rs=5, al="l"),
        ],
        ["其中：财政资金", b0, b1, ex, C("100.00%", xl=1, fmt="0.00%"), "/", "/"],
        ["财政专户管理资金", "0.00", "0.00", "0.00", C("0.00%", xl=0, fmt="0.00%"), "/", "/"],
        ["单位资金", "0.00", "0.00", "0.00", C("0.00%", xl=0, fmt="0.00%"), "/", "/"],
        ["其他资金", "", "", "", "", "/", "/"],
        [
            C("一级指标", b=True),
            C("二级指标", b=True),
            C("三级指标", b=True),
            C("指标性质", b=True),
            C("指标值", b=True),
            C("度量单位", b=True),
            C("完成值", b=True),
            C("权重", b=True),
            C("得分", b=True),
            C("未完成原因分析", b=True),
        ],
    ]
    rows[-1].insert(0, perf[0].pop(0))
    rows += perf
    rows.append([C("合计", cs=8, b=True), "100", "", ""])
    rows.append(
        [
            C("评价结论", b=True),
            C("结合自评情况，说明项目自评总分，说明项目实施取得的成效或成果。（200字以内）", cs=10, al="l"),
        ]
    )
    rows.append(
        [C("存在问题", b=True), C("结合自评情况，分析存在的问题及原因。（200字以内）", cs=10, al="l")]
    )
    rows.append(
        [
            C("改进措施", b=True),
            C(
                "针对项目自评中发现的问题，提出下一步改进完善的意见及有关政策性建议。（200字以内）",
                cs=10,
                al="l",
            ),
        ]
    )
    rows.append([C("项目负责人：", cs=5, al="l"), C("财务负责人：", cs=6, al="l")])
    OPMAP = {"≥": ">=", "≤": "<=", "=": "="}
    truth_rows = [
        ind(
            s["l1"],
            s["l2"],
            s["name"],
            s["tgt"],
            s["act"],
            unit_col=s["u"],
            op=OPMAP[s["op"]],
            weight=float(s["w"]),
            score=float(s["s"]) if s["s"] else None,
        )
        for s in specs
    ]
    blocks = [
        P("报表编号:510000_0013zp", "small"),
        P("部门预算项目支出绩效自评表(2021年度)", "title", size=15),
        Table(rows, [1.5, 1.5, 1.6, 2.3, 1.6, 1.7, 1.2, 1.3, 1.1, 1.1, 2.1], size=8),
    ]
    truth = dict(
        title="部门预算项目支出绩效自评表(2021年度)",
        department="洪雅县农业农村局",
        region="眉山市洪雅县",
        province="四川省",
        city="眉山市",
        county="洪雅县",
        adcode="511423",
        fiscal_year=2021,
        report_type="project",
        evaluation={"self_score": None, "grade": None},
        finance=[
            fin("budget_total", "1236.48", f"调整后预算数 {b1}", b1),
            fin("expenditure_total", "1236.48", f"预算执行数 {ex}", ex),
        ],
        indicators=truth_rows,
        _extra_weight=10,
        _extra_score=10.0,
    )
    return Report(
        "meishan-hongya-nyncj-gdbt-2021",
        split,
        blocks,
        truth,
        formats=("pdf", "docx", "html", "xlsx"),
        xlsx_landscape=False,
        anchors={"table": "三级指标", "eval": ""},
        html_meta=dict(
            title="洪雅县农业农村局2021年耕地地力保护补贴项目支出绩效自评表",
            site="洪雅县人民政府",
            date="2022-06-21 16:02",
            source="县农业农村局",
            crumbs=["首页", "政务公开", "财政预决算", "部门绩效"],
            addr="四川省眉山市洪雅县洪川镇",
            code="5114230001",
            icp="蜀ICP备10201655号",
        ),
    )


# ============================================================================ 4. Fujian, printed from Excel


def fujian_xiapu_wtlj_2018(split):
    dept = "霞浦县文化体育和旅游局"
    a1, a2, a3, pay = 18623450, 1250000, 2136500.5, 20485632.18
    sub = Decimal("18623450") + Decimal("1250000") + Decimal("2136500.5")
    rest = sub - Decimal("20485632.18")
    rate = int(q2(Decimal("20485632.18") / sub * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    rrate = int(q2(rest / sub * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    def money_row(label):
        return [
            label,
            C(str(a1), xl=a1),
            C(str(a2), xl=a2),
            C(str(a3), xl=a3),
            C(f"{sub}", xl="=C{r}+D{r}+E{r}"),
            C(str(pay), xl=pay),
            C(f"{rate}%", xl="=G{r}/F{r}", fmt="0%"),
            C(f"{rest}", xl="=F{r}-G{r}"),
            C(f"{rrate}%", xl="=I{r}/F{r}", fmt="0%"),
        ]

    blank = lambda label: [label] + [""] * 8  # noqa: E731
    specs = [
        dict(
            l1="产出指标\n（60分）",
            l2="数量指标",
            name="指标1：文化惠民演出场次",
            ex="全年组织开展送戏下乡等文化惠民演出的场次",
            tgt="≥120场",
            act="132场",
            w=15,
            s=15,
            ax=None,
        ),
        dict(
            l1="产出指标\n（60分）",
            l2="数量指标",
            name="指标2：公共文化场馆免费开放天数",
            ex="县图书馆、文化馆、博物馆全年免费开放天数",
            tgt="≥300天",
            act="306天",
            w=15,
            s=15,
            ax=None,
        ),
        dict(
            l1="产出指标\n（60分）",
            l2="质量指标",
            name="指标1：全民健身活动参与人次",
            ex="全年举办全民健身赛事活动参与人次",
            tgt="≥5万人次",
            act="约5.8万人次",
            w=10,
            s=10,
            ax=None,
        ),
        dict(
            l1="产出指标\n（60分）",
            l2="质量指标",
            name="指标2：文物安全事故发生数",
            ex="全县文物保护单位发生安全事故的起数",
            tgt="0",
            act="0",
            w=10,
            s=10,
            ax=None,
        ),
        dict(
            l1="产出指标\n（60分）",
            l2="时效指标",
            name="指标1：资金拨付及时率",
            ex="按进度及时拨付资金的比例",
            tgt="≥90%",
            act="93%",
            w=10,
            s=10,
            ax=0.93,
        ),
        dict(
            l1="效益指标\n（30分）",
            l2="社会效益指标",
            name="指标1：群众文化生活",
            ex="群众精神文化生活丰富程度",
            tgt="明显丰富",
            act="明显丰富",
            w=10,
            s=10,
            ax=None,
        ),
        dict(
            l1="效益指标\n（30分）",
            l2="经济效益指标",
            name="指标1：旅游接待人次增长率",
            ex="全县旅游接待人次较上年增长比例",
            tgt="≥10%",
            act="8.6%",
            w=10,
            s=7,
            ax=0.086,
        ),
        dict(
            l1="效益指标\n（30分）",
            l2="可持续影响指标",
            name="指标1：文化旅游融合发展",
            ex="文旅融合发展的可持续性",
            tgt="持续推进",
            act="持续推进",
            w=10,
            s=10,
            ax=None,
        ),
        dict(
            l1="满意度指标\n（10分）",
            l2="服务对象满意度指标",
            name="指标1：群众满意度",
            ex="抽样调查群众对文化体育旅游服务的满意程度",
            tgt="≥90%",
            act="92%",
            w=10,
            s=10,
            ax=0.92,
        ),
    ]
    total = sum(s["s"] for s in specs)
    assert sum(s["w"] for s in specs) == 100 and total == 97

    def tail(s):
        a = (
            C(s["act"], xl=s["ax"], fmt="0.0%" if s["ax"] and s["ax"] * 100 % 1 else "0%")
            if s["ax"]
            else C(s["act"])
        )
        return [
            C(s["name"], al="l"),
            C(s["ex"], cs=2, al="l"),
            s["tgt"],
            a,
            C(str(s["w"]), xl=s["w"]),
            C(str(s["s"]), xl=s["s"]),
        ]

    perf = hier(specs, tail)
    rows = [
        [
            C("部门（单位）名称", cs=2, b=True),
            C(dept, cs=4),
            C("部门预算编码", b=True),
            C("921021", cs=3, xl="921021"),
        ],
        [
            C("财政资金安排和使用情况", rs=9, b=True),
            C("资金结构\n(万元)", rs=2),
            C("预算安排", cs=4),
            C("拨付情况", cs=2),
            C("结余情况", cs=2),
        ],
        [
            "年初部门预算安排金额①",
            "历年结余结转②",
            "年中调整金额③",
            "小计\n④=①+②+③",
            "年度拨付金额⑤",
            "支出实现率(%)\n⑥=⑤/④",
            "本年度结余金额\n⑦=④-⑤",
            "资金结余率(%)\n⑧=⑦/④",
        ],
        money_row("财政资金小计"),
        blank("①中央及省级财政资金"),
        blank("②市级财政资金"),
        money_row("③县(市、区)财政资金"),
        blank("其他资金小计"),
        blank("①……"),
        money_row("合 计"),
        [C("年度总体目标完成情况", rs=2, b=True), C("预期目标", cs=4), C("目标实际完成情况", cs=5)],
        [
            C(
                "目标1：确保本局在职及退休人员工资、福利的发放；\n目标2：确保本局日常办公所需经费正常运行；\n目标3：保障文化惠民、全民健身和文物保护等工作开展所需资金。",
                cs=4,
                al="l",
            ),
            C(
                "目标1完成情况：已完成，达成率为100%；\n目标2完成情况：基本完成，达成率为95%；\n目标3完成情况：基本完成，达成率为93%。",
                cs=5,
                al="l",
            ),
        ],
        [
            C("年度绩效指标完成情况", rs=len(perf) + 1, b=True),
            C("一级指标", b=True),
            C("二级指标", b=True),
            C("三级指标", b=True),
            C("指标解释", cs=2, b=True),
            C("绩效目标值", b=True),
            C("实际完成值", b=True),
            C("指标分值", b=True),
            C("得分", b=True),
        ],
        *perf,
        [C("总分", cs=8, b=True), C("100", xl=100), C(str(total), xl="=SUM(J{top}:J{bot})")],
        [C("自评等级", cs=8, b=True), C("优", cs=2)],
    ]
    # the 总分 formula needs the sheet rows of the first and last indicator: title rows (2) + table rows before them
    top = 2 + rows.index(perf[0]) + 1
    bot = 2 + rows.index(perf[-1]) + 1
    rows[-2][2].xl = f"=SUM(J{top}:J{bot})"
    blocks = [
        P("部门整体支出绩效自评表", "title"),
        P("（2018年度）", "center"),
        Table(rows, [2.2, 2.9, 2.6, 2.4, 2.2, 2.6, 2.4, 2.4, 2.4, 2.2], size=9),
        P(
            "填表人：林秀英    联系电话：0593-8862170    填报日期：2019年4月25日    单位负责人：陈建国",
            "small",
        ),
    ]
    w2 = lambda x: f"{(Decimal(str(x)) / 10000).normalize():f}"  # noqa: E731
    truth = dict(
        title="部门整体支出绩效自评表（2018年度）",
        department=dept,
        region="宁德市霞浦县",
        province="福建省",
        city="宁德市",
        county="霞浦县",
        adcode="350921",
        fiscal_year=2018,
        report_type="department_overall",
        evaluation={"self_score": float(total), "grade": "优"},
        finance=[
            fin("budget_total", w2(sub), f"财政资金小计 小计④ {sub}（元，表头标“万元”）", f"{sub}"),
            fin(
                "expenditure_total",
                w2(pay),
                f"财政资金小计 年度拨付金额⑤ {pay}（元，表头标“万元”）",
                f"{pay}",
            ),
        ],
        indicators=[
            ind(s["l1"], s["l2"], s["name"], s["tgt"], s["act"], weight=float(s["w"]), score=float(s["s"]))
            for s in specs
        ],
    )
    return Report(
        "ningde-xiapu-wtlj-2018",
        split,
        blocks,
        truth,
        formats=("pdf", "html", "xlsx"),
        pdf_from="xlsx",
        encoding="gbk",
        anchors={"table": "三级指标", "eval": "总分"},
        html_meta=dict(
            title="2018年度部门整体支出绩效自评表（县文体旅游局）",
            site="霞浦县人民政府",
            date="2019-12-27 10:12:41",
            source="县文体旅游局",
            hits=31,
            crumbs=["首页", "政务公开", "财政资金信息"],
            sheet="Sheet1",
            addr="福建省宁德市霞浦县松城街道",
            code="3509210001",
        ),
    )
