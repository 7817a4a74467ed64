"""The office-made reports: text, tables and the truth read from them by hand.

1. ``zhaoqing-nyncj-2022``: Guangdong 6-column table in the body of a portrait report, header row
   repeated on every page, one reason merged over three rows, money in 万元, footer "- n -".
2. ``ngrain-kxyjy-2023``: central 8-column 自评表 on its own pages: budget block (元) and a two-row
   indicator header in one table, header not repeated, 总分 row, score only in the table, footer "— n —".
3. ``luoyang-slj-2023``: cover page, table in a landscape section with 指标性质 and 计量单位 columns,
   full-width digits, 合计 row, footer "第 n 页，共 m 页".
4. ``shantou-lhmzj-2023``: Guangdong 6 columns as a "three-line" table (rules above, under the header
   and below only), header not repeated, a shared reason over two rows, score and grade in the text.
5. ``ganzhou-lyj-cbl-2023``: a bare 项目支出绩效自评表 (no narrative): 项目名称 / 主管部门 fields, budget
   block in 万元, a "绩效指标" label merged down a ninth column, 总分 row.
Departments are real names; every figure is invented.
"""

from __future__ import annotations

from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from fixturegen.office import docx_kit as kit
from fixturegen.office.spec import Fig, Ind, OfficeReport, V

HEAD = kit.CellStyle(size=10.5, bold=True)
CELL = kit.CellStyle(size=10.5)
SMALL = kit.CellStyle(size=9)
LEFT = kit.CellStyle(size=10.5, align=WD_ALIGN_PARAGRAPH.LEFT)
SMALL_LEFT = kit.CellStyle(size=9, align=WD_ALIGN_PARAGRAPH.LEFT)


def _paragraphs(doc: DocumentType, items: list[str]) -> None:
    """Body text: an item starting with "#" is a heading."""
    for item in items:
        if item.startswith("#"):
            kit.heading(doc, item[1:])
        else:
            kit.body(doc, item)


# --- 1. 肇庆市农业农村局 2022 (Guangdong 6 columns) ------------------------------------------------------

_ZQ_REASON_456 = (
    "受市场行情波动及企业申报积极性下降影响，部分主体未达到认定条件，相关认定和培育工作顺延至2023年。"
)
_ZQ_ROWS: tuple[Ind, ...] = (
    Ind("产出指标", "数量指标", "高标准农田建设面积（万亩）",
        V("≥12.5", ">=", 12.5), V("12.86", None, 12.86), True, "万亩", 2),
    Ind("产出指标", "数量指标", "耕地地力保护补贴发放面积（万亩）",
        V("185", None, 185.0), V("183.42", None, 183.42), False, "万亩", 2,
        reason="部分农户土地流转后改种经济作物，申报补贴面积相应减少。"),
    Ind("产出指标", "数量指标", "农机购置补贴受益农户数（户）",
        V("≥1200", ">=", 1200.0), V("1356", None, 1356.0), True, "户", 2),
    Ind("产出指标", "数量指标", "新增省级以上农业龙头企业数量（家）",
        V("≥8", ">=", 8.0), V("6", None, 6.0), False, "家", 2, reason=_ZQ_REASON_456, reason_rows=3),
    Ind("产出指标", "数量指标", "培育高素质农民人数（人）",
        V("≥1500", ">=", 1500.0), V("1420", None, 1420.0), False, "人", 2),
    Ind("产出指标", "数量指标", "建设农产品产地冷藏保鲜设施数量（个）",
        V("≥40", ">=", 40.0), V("35", None, 35.0), False, "个", 2),
    Ind("产出指标", "质量指标", "农产品质量安全例行监测合格率",
        V("≥98%", ">=", 98.0, "%"), V("99.2%", None, 99.2, "%"), True, "%", 2),
    Ind("产出指标", "质量指标", "高标准农田建设项目验收合格率",
        V("100%", None, 100.0, "%"), V("100%", None, 100.0, "%"), True, "%", 2),
    Ind("产出指标", "质量指标", "动物防疫强制免疫病种应免密度",
        V("≥90%", ">=", 90.0, "%"), V("93.5%", None, 93.5, "%"), True, "%", 2),
    Ind("产出指标", "质量指标", "农业综合行政执法案件办结率",
        V("≥95%", ">=", 95.0, "%"), V("92.6%", None, 92.6, "%"), False, "%", 2,
        reason="部分案件涉及跨区域调查取证，办案周期较长，年底前尚未结案，已督促承办单位加快办理。"),
    Ind("产出指标", "时效指标", "补贴资金兑付及时率",
        V("100%", None, 100.0, "%"), V("100%", None, 100.0, "%"), True, "%", 2),
    Ind("产出指标", "时效指标", "项目开工及时率",
        V("≥90%", ">=", 90.0, "%"), V("95%", None, 95.0, "%"), True, "%", 2),
    Ind("产出指标", "成本指标", "高标准农田亩均建设成本（元）",
        V("≤3000元", "<=", 3000.0, "元"), V("2950元", None, 2950.0, "元"), True, "元", 2),
    Ind("效益指标", "经济效益指标", "农村居民人均可支配收入增长率",
        V("≥6%", ">=", 6.0, "%"), V("6.8%", None, 6.8, "%"), True, "%", 3),
    Ind("效益指标", "经济效益指标", "带动农户增收（万元）",
        V("≥2000", ">=", 2000.0), V("2315", None, 2315.0), True, "万元", 3),
    Ind("效益指标", "社会效益指标", "粮食播种面积（万亩）",
        V("≥218", ">=", 218.0), V("218.6", None, 218.6), True, "万亩", 3),
    Ind("效益指标", "社会效益指标", "粮食总产量（万吨）",
        V("≥80", ">=", 80.0), V("79.3", None, 79.3), False, "万吨", 3,
        reason="受夏季持续干旱和秋季台风影响，部分地区晚稻减产。"),
    Ind("效益指标", "社会效益指标", "农村人居环境整治成效",
        V("持续提升"), V("有效提升"), None, None, 3),
    Ind("效益指标", "生态效益指标", "化肥使用量较上年减少比例",
        V("≥1%", ">=", 1.0, "%"), V("1.6%", None, 1.6, "%"), True, "%", 3),
    Ind("效益指标", "生态效益指标", "农作物秸秆综合利用率",
        V("≥88%", ">=", 88.0, "%"), V("90.12%", None, 90.12, "%"), True, "%", 3),
    Ind("效益指标", "可持续影响指标", "农业科技进步贡献率",
        V("较上年提高1个百分点"), V("提高1.2个百分点"), None, None, 3),
    Ind("满意度指标", "满意度指标", "服务对象满意度",
        V("≥90%", ">=", 90.0, "%"), V("94.3%", None, 94.3, "%"), True, "%", 3),
    Ind("满意度指标", "满意度指标", "补贴发放对象满意度",
        V("≥90%", ">=", 90.0, "%"), V("96%", None, 96.0, "%"), True, "%", 3),
)  # fmt: skip

_ZQ_TITLE = "肇庆市农业农村局2022年度部门整体支出绩效自评报告"


def _build_zhaoqing(report: OfficeReport) -> DocumentType:
    doc = kit.new_document(body_pt=16)
    kit.page_number_footer(doc.sections[0], "- {page} -")
    kit.title(doc, _ZQ_TITLE, size=20)
    _paragraphs(
        doc,
        [
            "#一、部门基本情况",
            "（一）部门职能。肇庆市农业农村局是市政府工作部门，主管全市农业农村工作，负责统筹研究和组织实施"
            "“三农”工作的发展战略、中长期规划和重大政策，组织推进乡村振兴战略实施，负责种植业、畜牧业、"
            "渔业、农垦、农业机械化等农业各产业的监督管理。",
            "（二）年度主要任务。2022年，全市粮食播种面积218.6万亩，总产量79.3万吨；新建高标准农田12.86万亩，"
            "农林牧渔业总产值同比增长5.3%，农村居民人均可支配收入增长6.8%。",
            "#二、部门整体支出情况",
            "（一）预算收支情况。2022年度部门收入预算合计28,765.43万元，其中基本支出预算4,512.36万元，"
            "项目支出预算24,253.07万元。2022年度决算支出27,981.62万元，其中基本支出4,436.18万元，"
            "项目支出23,545.44万元，预算执行率97.27%。",
            "（二）“三公”经费情况。2022年度“三公”经费支出38.46万元，其中因公出国（境）费0万元，"
            "公务用车购置及运行维护费29.87万元，公务接待费8.59万元，均控制在预算范围内。",
            "（三）政府采购情况。2022年度政府采购支出总额1,256.80万元，其中货物类采购386.20万元，"
            "工程类采购512.35万元，服务类采购358.25万元。",
            "（四）资产情况。截至2022年12月31日，本部门资产总额9,876.54万元，负债总额1,234.56万元，"
            "净资产8,641.98万元；固定资产账面原值5,432.10万元。",
            "（五）机关运行经费。2022年度机关运行经费支出312.45万元，较上年（335.80万元）减少6.95%，"
            "主要是压减了会议费和办公费。",
            "#三、绩效指标完成情况",
            "2022年度部门整体支出绩效目标共设置一级指标3个、三级指标23个，完成情况如下表：",
        ],
    )
    columns = (1.6, 1.8, 4.3, 2.2, 2.2, 3.9)
    table = kit.grid_table(doc, 1 + len(report.rows), columns)
    for i, label in enumerate(
        ("一级指标", "二级指标", "三级指标", "预期值", "实现值", "未能完成预期值的原因")
    ):
        kit.write_cell(table.cell(0, i), label, HEAD)
    kit.repeat_as_header(table.rows[0])
    kit.merge_runs(table, 0, 1, [r.level1 for r in report.rows], CELL)
    kit.merge_runs(table, 1, 1, [r.level2 for r in report.rows], CELL)
    for n, row in enumerate(report.rows, start=1):
        kit.write_cell(table.cell(n, 2), row.name, LEFT)
        kit.write_cell(table.cell(n, 3), row.target.text, CELL)
        kit.write_cell(table.cell(n, 4), row.actual.text, CELL)
    kit.merge_spans(table, 5, 1, [(text or "/", span) for text, span in report.reason_spans()], LEFT)
    _paragraphs(
        doc,
        [
            "#四、绩效自评结论",
            "经自评，本部门2022年度部门整体支出绩效自评分数为91.25分，绩效等级为优。",
            "#五、存在的问题及改进措施",
            "一是部分项目前期工作不够充分，资金支付进度前慢后快；二是个别绩效指标设置不够细化。下一步，"
            "我局将加强项目储备和前期论证，科学设置绩效目标，强化绩效运行监控和结果应用。",
        ],
    )
    kit.right_aligned(doc, "肇庆市农业农村局")
    kit.right_aligned(doc, "2023年4月20日")
    return doc


ZHAOQING = OfficeReport(
    stem="zhaoqing-nyncj-2022",
    department="肇庆市农业农村局",
    region="肇庆市",
    fiscal_year=2022,
    title=_ZQ_TITLE,
    page_count=3,
    evaluation=(91.25, "优", 3),
    finance=(
        Fig("expenditure_total", "27981.62", 1, "决算支出27,981.62万元"),
        Fig("expenditure_basic", "4436.18", 1, "基本支出4,436.18万元"),
        Fig("expenditure_project", "23545.44", 1, "项目支出23,545.44万元"),
        Fig("budget_total", "28765.43", 1, "收入预算合计28,765.43万元"),
        Fig("budget_basic", "4512.36", 1, "基本支出预算4,512.36万元"),
        Fig("budget_project", "24253.07", 1, "项目支出预算24,253.07万元"),
        Fig("sangong_total", "38.46", 1, "“三公”经费支出38.46万元"),
        Fig("sangong_overseas", "0", 1, "因公出国（境）费0万元"),
        Fig("sangong_vehicle", "29.87", 1, "公务用车购置及运行维护费29.87万元"),
        Fig("sangong_reception", "8.59", 1, "公务接待费8.59万元"),
        Fig("procurement_total", "1256.80", 1, "政府采购支出总额1,256.80万元"),
        Fig("procurement_goods", "386.20", 1, "货物类采购386.20万元"),
        Fig("procurement_works", "512.35", 1, "工程类采购512.35万元"),
        Fig("procurement_services", "358.25", 1, "服务类采购358.25万元"),
        Fig("assets_total", "9876.54", 2, "资产总额9,876.54万元"),
        Fig("liabilities_total", "1234.56", 2, "负债总额1,234.56万元"),
        Fig("net_assets", "8641.98", 2, "净资产8,641.98万元"),
        Fig("fixed_assets_original", "5432.10", 2, "固定资产账面原值5,432.10万元"),
        Fig("operating_cost", "312.45", 2, "机关运行经费支出312.45万元"),
    ),
    rows=_ZQ_ROWS,
    build=_build_zhaoqing,
)


# --- 2. 国家粮食和物资储备局科学研究院 2023 (central 8-column 自评表, money in 元) -------------------

_NG_DEPT = "国家粮食和物资储备局科学研究院"
_NG_TITLE = f"{_NG_DEPT}2023年度部门整体支出绩效自评报告"
_NG_ROWS: tuple[Ind, ...] = (
    Ind("产出指标", "数量指标", "开展粮食质量安全风险监测样品数",
        V("≥3000份", ">=", 3000.0, "份"), V("3126份", None, 3126.0, "份"), True, "份", 3, weight=5, score=5),
    Ind("产出指标", "数量指标", "制修订粮食行业标准数量",
        V("≥12项", ">=", 12.0, "项"), V("9项", None, 9.0, "项"), False, "项", 3, weight=5, score=3.75,
        reason="3项标准因牵头起草单位调整，送审稿未按期完成审查，已列入2024年工作计划。"),
    Ind("产出指标", "数量指标", "发表科技论文数量",
        V("≥80篇", ">=", 80.0, "篇"), V("86篇", None, 86.0, "篇"), True, "篇", 3, weight=4, score=4),
    Ind("产出指标", "数量指标", "获授权发明专利数量",
        V("≥15项", ">=", 15.0, "项"), V("18项", None, 18.0, "项"), True, "项", 3, weight=4, score=4),
    Ind("产出指标", "数量指标", "开展技术培训人次",
        V("≥1200人次", ">=", 1200.0, "人次"), V("1350人次", None, 1350.0, "人次"), True, "人次", 3,
        weight=4, score=4),
    Ind("产出指标", "质量指标", "检验检测报告准确率",
        V("=100%", "=", 100.0, "%"), V("100%", None, 100.0, "%"), True, "%", 3, weight=5, score=5),
    Ind("产出指标", "质量指标", "科研项目验收通过率",
        V("≥95%", ">=", 95.0, "%"), V("93.3%", None, 93.3, "%"), False, "%", 3, weight=5, score=4.5,
        reason="部分课题受野外试验周期影响延期结题。下一步将加强课题过程管理，按季度调度研究进度，"
        "确保按期结题验收。", reason_rows=2),
    Ind("产出指标", "质量指标", "国家级科研项目按期结题率",
        V("≥90%", ">=", 90.0, "%"), V("87.5%", None, 87.5, "%"), False, "%", 3, weight=4, score=3.5),
    Ind("产出指标", "时效指标", "应急检测任务响应时间",
        V("≤24小时", "<=", 24.0, "小时"), V("18小时", None, 18.0, "小时"), True, "小时", 3,
        weight=4, score=4),
    Ind("产出指标", "时效指标", "年度重点任务按期完成率",
        V("≥95%", ">=", 95.0, "%"), V("96.8%", None, 96.8, "%"), True, "%", 3, weight=5, score=5),
    Ind("产出指标", "成本指标", "单个样品平均检测成本",
        V("≤850元", "<=", 850.0, "元"), V("812元", None, 812.0, "元"), True, "元", 3, weight=5, score=5),
    Ind("效益指标", "经济效益指标", "技术成果转化合同金额",
        V("≥1500万元", ">=", 1500.0, "万元"), V("1286.5万元", None, 1286.5, "万元"), False, "万元", 4,
        weight=6, score=5,
        reason="受下游企业投资放缓影响，2项成果转化合同签约推迟至2024年。将加强与企业对接，"
        "推动成果落地转化。"),
    Ind("效益指标", "社会效益指标", "为粮食收储政策制定提供技术支撑报告数",
        V("≥20份", ">=", 20.0, "份"), V("23份", None, 23.0, "份"), True, "份", 4, weight=6, score=6),
    Ind("效益指标", "社会效益指标", "粮食减损技术推广应用企业数",
        V("≥50家", ">=", 50.0, "家"), V("57家", None, 57.0, "家"), True, "家", 4, weight=6, score=6),
    Ind("效益指标", "生态效益指标", "绿色储粮技术覆盖仓容",
        V("≥800万吨", ">=", 800.0, "万吨"), V("826万吨", None, 826.0, "万吨"), True, "万吨", 4,
        weight=6, score=6),
    Ind("效益指标", "可持续影响指标", "科研平台开放共享运行机制",
        V("持续完善"), V("已建立并有效运行"), None, None, 4, weight=6, score=6),
    Ind("满意度指标", "服务对象满意度指标", "粮食企业等服务对象满意度",
        V("≥90%", ">=", 90.0, "%"), V("95.2%", None, 95.2, "%"), True, "%", 4, weight=5, score=5),
    Ind("满意度指标", "服务对象满意度指标", "行业主管部门满意度",
        V("≥90%", ">=", 90.0, "%"), V("92%", None, 92.0, "%"), True, "%", 4, weight=5, score=5),
)  # fmt: skip
_NG_BUDGET = (  # label, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 (元)
    ("资金总额", "36000000.00", "39100000.00", "38456789.12", "10", "98.36%", "9.84"),
    ("其中：基本支出", "21500000.00", "21600000.00", "21234567.89", "—", "—", "—"),
    ("项目支出", "14500000.00", "17500000.00", "17222221.23", "—", "—", "—"),
)
_NG_TOTAL = "96.59"  # 9.84 for the budget + the indicator scores


def _build_ngrain(report: OfficeReport) -> DocumentType:
    doc = kit.new_document(body_pt=16)
    kit.page_number_footer(doc.sections[0], "— {page} —")
    kit.title(doc, report.title, size=20)
    _paragraphs(
        doc,
        [
            "#一、基本情况",
            f"{_NG_DEPT}是国家粮食和物资储备局直属的公益一类事业单位，主要承担粮食储藏、粮油质量安全、"
            "粮食加工与营养等领域的基础研究、应用研究和技术推广工作，为国家粮食安全和物资储备提供科技支撑。"
            "本院内设职能部门8个、研究所（中心）9个，年末在职人员412人。",
            "#二、部门整体支出情况",
            "（一）支出情况。2023年度决算支出38,456,789.12元，其中：基本支出21,234,567.89元，"
            "主要用于人员经费和日常公用经费；项目支出17,222,221.23元，主要用于科研业务、质量监测和技术推广。",
            "（二）“三公”经费。“三公”经费支出合计612,345.00元，其中：因公出国（境）费158,000.00元，"
            "公务用车运行维护费204,345.00元，公务接待费250,000.00元。",
            "（三）政府采购。政府采购合同金额5,678,900.00元，其中：货物采购2,345,600.00元，"
            "服务采购3,333,300.00元。",
            "（四）资产情况。截至2023年末，资产总计125,678,432.10元，负债合计8,765,432.10元，"
            "净资产116,913,000.00元；固定资产原值98,765,432.00元。",
            "（五）机关运行经费。本年度机关运行经费支出3,456,789.00元，较上年略有下降。",
            "#三、绩效目标实现情况",
            "2023年，本院围绕粮食质量安全、储粮减损和标准化建设等重点任务，全面完成年度监测任务，"
            "科研产出稳步增长，技术推广成效明显。行业标准制修订、科研项目验收和成果转化等指标未达到年度目标，"
            "原因及改进措施见附表。",
            "#四、自评结论",
            "对照部门整体支出绩效自评表逐项打分，本院2023年度部门整体支出绩效自评等级为“优”，"
            "各项指标得分情况详见附表。",
        ],
    )
    doc.add_page_break()
    kit.body(doc, "附件", indent_pt=0)
    kit.title(doc, f"{_NG_DEPT}2023年度部门整体支出绩效自评表", size=14, space_after=6)
    unit = doc.add_paragraph("单位：元")
    unit.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    columns = (1.3, 1.6, 3.0, 2.4, 2.4, 1.1, 1.5, 2.7)
    budget_rows, goal_rows, header_rows = 1 + len(_NG_BUDGET), 2, 2
    first = budget_rows + goal_rows + header_rows
    table = kit.grid_table(doc, first + len(report.rows) + 1, columns)
    small_head = kit.CellStyle(size=9, bold=True)
    # Budget block: a label merged down its rows, then 年初预算数 … 得分.
    kit.merge(table, 0, 0, budget_rows - 1, 0, "年度预算执行情况（元）", small_head)
    for i, label in enumerate(
        ("", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), start=1
    ):
        kit.write_cell(table.cell(0, i), label, small_head)
    for r, values in enumerate(_NG_BUDGET, start=1):
        for i, value in enumerate(values, start=1):
            kit.write_cell(table.cell(r, i), value, SMALL)
    # 年度总体目标: 预期目标 | 实际完成情况.
    g = budget_rows
    kit.merge(table, g, 0, g + 1, 1, "年度总体目标", HEAD)
    kit.merge(table, g, 2, g, 4, "预期目标", HEAD)
    kit.merge(table, g, 5, g, 7, "实际完成情况", HEAD)
    kit.merge(
        table, g + 1, 2, g + 1, 4,
        "目标1：完成粮食质量安全风险监测样品3000份以上，制修订行业标准12项。"
        "目标2：推广绿色储粮和减损技术，支撑国家粮食收储政策制定。",
        SMALL_LEFT,
    )  # fmt: skip
    kit.merge(
        table, g + 1, 5, g + 1, 7,
        "完成监测样品3126份，制修订标准9项；绿色储粮技术覆盖仓容826万吨，提供技术支撑报告23份。",
        SMALL_LEFT,
    )  # fmt: skip
    # Two-row indicator header.
    h = g + goal_rows
    for col, label in ((0, "一级指标"), (1, "二级指标"), (2, "三级指标")):
        kit.merge(table, h, col, h + 1, col, label, HEAD)
    kit.merge(table, h, 3, h, 4, "指标完成情况", HEAD)
    kit.merge(table, h, 5, h, 6, "评分", HEAD)
    kit.merge(table, h, 7, h + 1, 7, "偏差原因分析及改进措施", HEAD)
    for col, label in ((3, "年度指标值"), (4, "实际完成值"), (5, "分值"), (6, "得分")):
        kit.write_cell(table.cell(h + 1, col), label, HEAD)
    kit.merge_runs(table, 0, first, [r.level1 for r in report.rows], CELL)
    kit.merge_runs(table, 1, first, [r.level2 for r in report.rows], CELL)
    for n, row in enumerate(report.rows, start=first):
        kit.write_cell(table.cell(n, 2), row.name, LEFT)
        kit.write_cell(table.cell(n, 3), row.target.text, CELL)
        kit.write_cell(table.cell(n, 4), row.actual.text, CELL)
        kit.write_cell(table.cell(n, 5), f"{row.weight:g}", CELL)
        kit.write_cell(table.cell(n, 6), f"{row.score:g}", CELL)
    kit.merge_spans(
        table, 7, first, [(text or "无", span) for text, span in report.reason_spans()], SMALL_LEFT
    )
    last = first + len(report.rows)
    kit.merge(table, last, 0, last, 4, "总分", HEAD)
    kit.write_cell(table.cell(last, 5), "100", HEAD)
    kit.write_cell(table.cell(last, 6), _NG_TOTAL, HEAD)
    kit.write_cell(table.cell(last, 7), "", CELL)
    kit.body(doc, "填表人：王晓明　　联系电话：010-63906000　　填表日期：2024年3月15日", indent_pt=0)
    return doc


NGRAIN = OfficeReport(
    stem="ngrain-kxyjy-2023",
    department=_NG_DEPT,
    region=None,
    fiscal_year=2023,
    title=_NG_TITLE,
    page_count=4,
    evaluation=(96.59, "优", 4),
    finance=(
        Fig("expenditure_total", "3845.678912", 1, "决算支出38,456,789.12元"),
        Fig("expenditure_basic", "2123.456789", 1, "基本支出21,234,567.89元"),
        Fig("expenditure_project", "1722.222123", 1, "项目支出17,222,221.23元"),
        Fig("budget_total", "3910", 3, "39100000.00"),
        Fig("budget_basic", "2160", 3, "21600000.00"),
        Fig("budget_project", "1750", 3, "17500000.00"),
        Fig("sangong_total", "61.2345", 1, "“三公”经费支出合计612,345.00元"),
        Fig("sangong_overseas", "15.8", 1, "因公出国（境）费158,000.00元"),
        Fig("sangong_vehicle", "20.4345", 1, "公务用车运行维护费204,345.00元"),
        Fig("sangong_reception", "25", 1, "公务接待费250,000.00元"),
        Fig("procurement_total", "567.89", 1, "政府采购合同金额5,678,900.00元"),
        Fig("procurement_goods", "234.56", 1, "货物采购2,345,600.00元"),
        Fig("procurement_services", "333.33", 1, "服务采购3,333,300.00元"),
        Fig("assets_total", "12567.84321", 1, "资产总计125,678,432.10元"),
        Fig("liabilities_total", "876.54321", 1, "负债合计8,765,432.10元"),
        Fig("net_assets", "11691.3", 1, "净资产116,913,000.00元"),
        Fig("fixed_assets_original", "9876.5432", 1, "固定资产原值98,765,432.00元"),
        Fig("operating_cost", "345.6789", 1, "机关运行经费支出3,456,789.00元"),
    ),
    rows=_NG_ROWS,
    build=_build_ngrain,
)


# --- 3. 河南省洛阳市水利局 2023 (landscape table, 指标性质 + 计量单位, full-width digits) -------------------

_LY_DEPT = "洛阳市水利局"
_LY_TITLE = f"{_LY_DEPT}2023年度部门整体支出绩效自评报告"
_LY_REASON_10 = (
    "部分历史遗留问题涉及土地权属争议，需多部门协调处置，已制定分年度整改计划，2024年6月底前全部销号。"
)
_LY_ROWS: tuple[Ind, ...] = (
    Ind("产出指标", "数量指标", "小型水库除险加固数量",
        V("≥１２", ">=", 12.0), V("１２", None, 12.0), True, "座", 4, unit_cell="座", nature="正向",
        weight=5, score=5),
    Ind("产出指标", "数量指标", "新增高效节水灌溉面积",
        V("≥3.5", ">=", 3.5), V("3.62", None, 3.62), True, "万亩", 4, unit_cell="万亩", nature="正向",
        weight=4, score=4),
    Ind("产出指标", "数量指标", "河道综合治理长度",
        V("≥45", ">=", 45.0), V("41.3", None, 41.3), False, "公里", 4, unit_cell="公里", nature="正向",
        weight=4, score=3.2,
        reason="伊河治理段因汛期施工窗口期缩短，剩余3.7公里顺延至2024年汛后实施，已落实施工单位和资金。"),
    Ind("产出指标", "数量指标", "农村供水工程维修养护处数",
        V("≥260", ">=", 260.0), V("274", None, 274.0), True, "处", 4, unit_cell="处", nature="正向",
        weight=3, score=3),
    Ind("产出指标", "数量指标", "水土流失综合治理面积",
        V("≥120", ">=", 120.0), V("126.5", None, 126.5), True, "平方公里", 4, unit_cell="平方公里",
        nature="正向", weight=4, score=4),
    Ind("产出指标", "数量指标", "河湖“四乱”问题排查次数",
        V("≥24", ">=", 24.0), V("26", None, 26.0), True, "次", 4, unit_cell="次", nature="正向",
        weight=3, score=3),
    Ind("产出指标", "质量指标", "水利工程质量合格率",
        V("１００％", None, 100.0, "%"), V("１００％", None, 100.0, "%"), True, "%", 4, unit_cell="%",
        nature="正向", weight=4, score=4),
    Ind("产出指标", "质量指标", "水功能区水质监测断面达标率",
        V("≥95%", ">=", 95.0, "%"), V("96.7%", None, 96.7, "%"), True, "%", 4, unit_cell="%",
        nature="正向", weight=4, score=4),
    Ind("产出指标", "质量指标", "农村集中供水率",
        V("≥93", ">=", 93.0), V("93.6", None, 93.6), True, "%", 4, unit_cell="%", nature="正向",
        weight=3, score=3),
    Ind("产出指标", "质量指标", "河湖水域岸线问题整改销号率",
        V("≥９５％", ">=", 95.0, "%"), V("９１．２％", None, 91.2, "%"), False, "%", 4, unit_cell="%",
        nature="正向", weight=3, score=2.4, reason=_LY_REASON_10, reason_rows=2),
    Ind("产出指标", "质量指标", "病险水闸安全鉴定完成率",
        V("100%", None, 100.0, "%"), V("92%", None, 92.0, "%"), False, "%", 4, unit_cell="%",
        nature="正向", weight=3, score=2.4),
    Ind("产出指标", "时效指标", "项目资金拨付及时率",
        V("≥90%", ">=", 90.0, "%"), V("95%", None, 95.0, "%"), True, "%", 5, unit_cell="%", nature="正向",
        weight=3, score=3),
    Ind("产出指标", "时效指标", "汛前检查完成时限",
        V("2023年5月31日前"), V("2023年5月25日"), None, None, 5, unit_cell="/", nature="反向",
        weight=3, score=3),
    Ind("产出指标", "时效指标", "水旱灾害预警信息发布时效",
        V("≤2小时", "<=", 2.0, "小时"), V("1.5小时", None, 1.5, "小时"), True, "小时", 5, unit_cell="小时",
        nature="反向", weight=3, score=3),
    Ind("产出指标", "成本指标", "小型水库除险加固单座平均成本",
        V("180", None, 180.0), V("176.4", None, 176.4), True, "万元", 5, unit_cell="万元", nature="反向",
        weight=3, score=3),
    Ind("产出指标", "成本指标", "河道治理每公里综合投资",
        V("650", None, 650.0), V("688", None, 688.0), False, "万元", 5, unit_cell="万元", nature="反向",
        weight=3, score=2.5, reason="受砂石、钢材等建材价格上涨影响，单位治理成本高于预期。"),
    Ind("效益指标", "经济效益指标", "新增年节水能力",
        V("≥８５０", ">=", 850.0), V("８７２", None, 872.0), True, "万立方米", 5, unit_cell="万立方米",
        nature="正向", weight=5, score=5),
    Ind("效益指标", "经济效益指标", "灌区农业增产效益",
        V("≥3000", ">=", 3000.0), V("3186", None, 3186.0), True, "万元", 5, unit_cell="万元",
        nature="正向", weight=5, score=5),
    Ind("效益指标", "社会效益指标", "农村供水受益人口",
        V("≥28", ">=", 28.0), V("28.6", None, 28.6), True, "万人", 5, unit_cell="万人", nature="正向",
        weight=5, score=5),
    Ind("效益指标", "社会效益指标", "水利工程安全度汛",
        V("安全度汛"), V("实现安全度汛"), None, None, 5, unit_cell="/", nature="定性", weight=5, score=5),
    Ind("效益指标", "生态效益指标", "主要河流断面水质达标率",
        V("≥90%", ">=", 90.0, "%"), V("91.7%", None, 91.7, "%"), True, "%", 5, unit_cell="%",
        nature="正向", weight=5, score=5),
    Ind("效益指标", "生态效益指标", "地下水超采区水位回升幅度",
        V("≥0.5", ">=", 0.5), V("0.32", None, 0.32), False, "米", 5, unit_cell="米", nature="正向",
        weight=5, score=3,
        reason="受降水偏少影响，地下水补给不足，水位回升幅度未达预期，下一步将加大地表水替代和封井力度。"),
    Ind("效益指标", "可持续影响指标", "河湖长制工作机制",
        V("长效运行"), V("长效运行"), True, None, 6, unit_cell="/", nature="定性", weight=5, score=5),
    Ind("满意度指标", "服务对象满意度指标", "受益群众满意度",
        V("≥90%", ">=", 90.0, "%"), V("93.8%", None, 93.8, "%"), True, "%", 6, unit_cell="%",
        nature="正向", weight=5, score=5),
    Ind("满意度指标", "服务对象满意度指标", "项目区农户满意度",
        V("≥85", ">=", 85.0), V("90.5", None, 90.5), True, "%", 6, unit_cell="%", nature="正向",
        weight=5, score=5),
)  # fmt: skip


def _build_luoyang(report: OfficeReport) -> DocumentType:
    doc = kit.new_document(body_pt=16)
    cover = doc.sections[0]
    cover.different_first_page_header_footer = True
    kit.page_number_footer(cover, "第 {page} 页，共 {pages} 页", size=9)
    for _ in range(6):
        doc.add_paragraph()
    kit.title(doc, _LY_DEPT, size=26, space_after=6)
    kit.title(doc, "2023年度部门整体支出绩效自评报告", size=22, space_after=150)
    kit.title(doc, _LY_DEPT, size=16, space_after=6)
    kit.title(doc, "二〇二四年三月", size=16)
    doc.add_page_break()
    _paragraphs(
        doc,
        [
            "#一、部门基本情况",
            f"{_LY_DEPT}是市政府工作部门，负责保障全市水资源的合理开发利用，组织实施水利工程建设与运行管理，"
            "指导水资源保护、节约用水、水土保持和农村水利工作，承担水旱灾害防御的相关工作。"
            "局机关内设科室11个，下属事业单位9个。",
            "2023年，全市完成水利投资42.6亿元，同比增长8.3%；新增高效节水灌溉面积3.62万亩，"
            "治理水土流失面积126.5平方公里，全市主要河流断面水质达标率91.7%。",
            "#二、部门整体支出情况",
            "（一）预决算情况。2023年度全年预算数16,120.00万元，其中基本支出预算2,912.30万元，"
            "项目支出预算13,207.70万元；全年支出决算数为15,432.67万元，其中：基本支出2,876.45万元，"
            "项目支出12,556.22万元，预算执行率95.74%。",
            "（二）“三公”经费。“三公”经费支出45.18万元，较上年减少3.26万元，其中因公出国（境）费0.00万元，"
            "公务用车购置及运行维护费36.72万元，公务接待费8.46万元。",
            "（三）政府采购。全年政府采购支出2,345.60万元，其中货物类286.40万元、工程类1,712.80万元、"
            "服务类346.40万元，授予中小企业合同金额占比86.5%。",
            "（四）资产管理。年末资产总额48,765.32万元，负债总额6,543.21万元，净资产42,222.11万元。"
            "固定资产账面原值31,234.56万元，其中车辆12辆。",
            "（五）机关运行经费。机关运行经费支出186.72万元，较上年（195.40万元）减少4.44%。",
            "#三、绩效指标完成情况",
            "本部门2023年度整体支出绩效目标设置三级指标25个，完成20个，完成情况见下表。",
        ],
    )
    landscape = kit.new_section(doc, landscape=True)
    landscape.left_margin = landscape.right_margin = Cm(2.0)
    landscape.top_margin = landscape.bottom_margin = Cm(2.0)
    kit.title(doc, "洛阳市水利局2023年度部门整体支出绩效指标完成情况表", size=14, space_after=6)
    labels = (
        "一级指标", "二级指标", "三级指标", "指标性质", "计量单位",
        "年度目标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
    )  # fmt: skip
    columns = (1.6, 2.0, 4.6, 1.4, 1.6, 2.4, 2.4, 1.2, 1.2, 7.3)
    table = kit.grid_table(doc, 1 + len(report.rows) + 1, columns)
    head, cell, left = (
        kit.CellStyle(12, True, line_pt=20),
        kit.CellStyle(12, line_pt=20),
        kit.CellStyle(12, align=WD_ALIGN_PARAGRAPH.LEFT, line_pt=20),
    )
    for i, label in enumerate(labels):
        kit.write_cell(table.cell(0, i), label, head)
    kit.repeat_as_header(table.rows[0])
    kit.merge_runs(table, 0, 1, [r.level1 for r in report.rows], cell)
    kit.merge_runs(table, 1, 1, [r.level2 for r in report.rows], cell)
    for n, row in enumerate(report.rows, start=1):
        kit.write_cell(table.cell(n, 2), row.name, left)
        for col, text in enumerate(
            (
                row.nature,
                row.unit_cell,
                row.target.text,
                row.actual.text,
                f"{row.weight:g}",
                f"{row.score:g}",
            ),
            start=3,
        ):
            kit.write_cell(table.cell(n, col), text, cell)
    kit.merge_spans(table, 9, 1, [(text or "/", span) for text, span in report.reason_spans()], left)
    last = 1 + len(report.rows)
    kit.merge(table, last, 0, last, 6, "合计", head)
    kit.write_cell(table.cell(last, 7), "100", head)
    kit.write_cell(table.cell(last, 8), "95.5", head)
    kit.write_cell(table.cell(last, 9), "", cell)
    kit.new_section(doc, landscape=False)
    _paragraphs(
        doc,
        [
            "#四、自评结论",
            "根据部门整体支出绩效评价指标体系，经自评，我局2023年度部门整体支出绩效自评综合得分为95.5分，"
            "评价等级为“优”。",
            "#五、存在的问题及改进措施",
            "一是个别项目受汛期和建材价格影响，进度和成本控制不够理想；二是部分历史遗留问题整改周期较长。"
            "下一步，我局将强化项目全过程绩效管理，提前谋划汛后施工，加强成本核算和跟踪问效。",
        ],
    )
    kit.right_aligned(doc, _LY_DEPT)
    kit.right_aligned(doc, "2024年3月28日")
    return doc


LUOYANG = OfficeReport(
    stem="luoyang-slj-2023",
    department=_LY_DEPT,
    region="洛阳市",
    fiscal_year=2023,
    title=_LY_TITLE,
    page_count=7,
    evaluation=(95.5, "优", 7),
    finance=(
        Fig("expenditure_total", "15432.67", 2, "支出决算数为15,432.67万元"),
        Fig("expenditure_basic", "2876.45", 2, "基本支出2,876.45万元"),
        Fig("expenditure_project", "12556.22", 2, "项目支出12,556.22万元"),
        Fig("budget_total", "16120.00", 2, "全年预算数16,120.00万元"),
        Fig("budget_basic", "2912.30", 2, "基本支出预算2,912.30万元"),
        Fig("budget_project", "13207.70", 2, "项目支出预算13,207.70万元"),
        Fig("sangong_total", "45.18", 2, "“三公”经费支出45.18万元"),
        Fig("sangong_overseas", "0.00", 2, "因公出国（境）费0.00万元"),
        Fig("sangong_vehicle", "36.72", 2, "公务用车购置及运行维护费36.72万元"),
        Fig("sangong_reception", "8.46", 2, "公务接待费8.46万元"),
        Fig("procurement_total", "2345.60", 2, "政府采购支出2,345.60万元"),
        Fig("procurement_goods", "286.40", 2, "货物类286.40万元"),
        Fig("procurement_works", "1712.80", 2, "工程类1,712.80万元"),
        Fig("procurement_services", "346.40", 2, "服务类346.40万元"),
        Fig("assets_total", "48765.32", 2, "资产总额48,765.32万元"),
        Fig("liabilities_total", "6543.21", 2, "负债总额6,543.21万元"),
        Fig("net_assets", "42222.11", 2, "净资产42,222.11万元"),
        Fig("fixed_assets_original", "31234.56", 2, "固定资产账面原值31,234.56万元"),
        Fig("operating_cost", "186.72", 2, "机关运行经费支出186.72万元"),
    ),
    rows=_LY_ROWS,
    build=_build_luoyang,
)


# --- 4. 汕头市龙湖区民政局 2023 (three-line table, header not repeated) ------------------------------------

_ST_DEPT = "汕头市龙湖区民政局"
_ST_TITLE = f"{_ST_DEPT}2023年度部门整体支出绩效自评报告"
_ST_REASON_SHARED = (
    "受辖区养老服务机构改造工期延长影响，部分床位未能按期投入使用，相关工作已于2024年一季度完成。"
)
_ST_ROWS: tuple[Ind, ...] = (
    Ind("产出指标", "数量指标", "城乡低保对象保障人数（人）",
        V("≥3200", ">=", 3200.0), V("3315", None, 3315.0), True, "人", 1),
    Ind("产出指标", "数量指标", "特困人员供养人数（人）",
        V("≥260", ">=", 260.0), V("271", None, 271.0), True, "人", 1),
    Ind("产出指标", "数量指标", "临时救助人次（人次）",
        V("≥800", ">=", 800.0), V("856", None, 856.0), True, "人次", 1),
    Ind("产出指标", "数量指标", "新增养老机构床位数（张）",
        V("≥300", ">=", 300.0), V("240", None, 240.0), False, "张", 1,
        reason=_ST_REASON_SHARED, reason_rows=2),
    Ind("产出指标", "数量指标", "护理型床位占比",
        V("≥55%", ">=", 55.0, "%"), V("52%", None, 52.0, "%"), False, "%", 1),
    Ind("产出指标", "数量指标", "社区居家养老服务站点覆盖率",
        V("100%", None, 100.0, "%"), V("100%", None, 100.0, "%"), True, "%", 1),
    Ind("产出指标", "质量指标", "低保对象认定准确率",
        V("≥98%", ">=", 98.0, "%"), V("99.1%", None, 99.1, "%"), True, "%", 1),
    Ind("产出指标", "质量指标", "养老机构消防安全达标率",
        V("100%", None, 100.0, "%"), V("96%", None, 96.0, "%"), False, "%", 1,
        reason="1家民办养老机构消防改造未完成验收，已责令限期整改并暂停收住新入住老人。"),
    Ind("产出指标", "时效指标", "救助资金按月发放率",
        V("100%", None, 100.0, "%"), V("100%", None, 100.0, "%"), True, "%", 1),
    Ind("产出指标", "时效指标", "临时救助审批办结时限（个工作日）",
        V("≤10", "<=", 10.0), V("7", None, 7.0), True, "个工作日", 1),
    Ind("产出指标", "成本指标", "特困人员基本生活标准（元/月）",
        V("≥1380", ">=", 1380.0), V("1380", None, 1380.0), True, "元/月", 2),
    Ind("效益指标", "社会效益指标", "困难群众基本生活保障水平",
        V("稳步提高"), V("稳步提高"), True, None, 2),
    Ind("效益指标", "社会效益指标", "婚姻登记合格率",
        V("100%", None, 100.0, "%"), V("100%", None, 100.0, "%"), True, "%", 2),
    Ind("效益指标", "可持续影响指标", "社会救助长效机制",
        V("健全完善"), V("进一步健全"), None, None, 2),
    Ind("满意度指标", "满意度指标", "救助对象满意度",
        V("≥90%", ">=", 90.0, "%"), V("93%", None, 93.0, "%"), True, "%", 2),
    Ind("满意度指标", "满意度指标", "入住老人及家属满意度",
        V("≥85%", ">=", 85.0, "%"), V("91.5%", None, 91.5, "%"), True, "%", 2),
)  # fmt: skip


def _build_shantou(report: OfficeReport) -> DocumentType:
    doc = kit.new_document(body_pt=16)
    kit.page_number_footer(doc.sections[0], "- {page} -")
    kit.title(doc, report.title, size=20)
    _paragraphs(
        doc,
        [
            "#一、部门基本情况",
            f"{_ST_DEPT}是区政府工作部门，主要负责全区社会救助、养老服务、儿童福利、社会事务和基层政权建设等工作。"
            "2023年末全区共有城乡低保对象3315人、特困供养人员271人，建成区级综合养老服务中心1个、"
            "社区居家养老服务站点42个。",
            "#二、绩效指标完成情况",
            "本部门2023年度共设置三级绩效指标16个，完成12个，具体如下表。",
        ],
    )
    cap = doc.add_paragraph("表1  2023年度部门整体支出绩效指标完成情况")
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    columns = (1.6, 2.0, 4.4, 2.0, 2.0, 4.0)
    table = kit.grid_table(doc, 1 + len(report.rows), columns)
    for i, label in enumerate(
        ("一级指标", "二级指标", "三级指标", "预期值", "实现值", "未能完成预期值的原因")
    ):
        kit.write_cell(table.cell(0, i), label, HEAD)
    kit.merge_runs(table, 0, 1, [r.level1 for r in report.rows], CELL)
    kit.merge_runs(table, 1, 1, [r.level2 for r in report.rows], CELL)
    for n, row in enumerate(report.rows, start=1):
        kit.write_cell(table.cell(n, 2), row.name, LEFT)
        kit.write_cell(table.cell(n, 3), row.target.text, CELL)
        kit.write_cell(table.cell(n, 4), row.actual.text, CELL)
    kit.merge_spans(table, 5, 1, [(text or "/", span) for text, span in report.reason_spans()], LEFT)
    kit.three_line(table)
    _paragraphs(
        doc,
        [
            "#三、部门整体支出情况",
            "2023年度部门预算总额6,218.75万元，其中基本支出预算1,105.32万元，项目支出预算5,113.43万元。"
            "全年实际支出6,002.18万元，其中基本支出1,087.65万元，项目支出4,914.53万元，预算执行率96.52%。",
            "“三公”经费决算数为6.82万元，其中因公出国（境）费0.00万元，公务用车运行维护费4.95万元，"
            "公务接待费1.87万元。政府采购金额865.40万元，其中货物112.60万元，工程498.30万元，服务254.50万元。"
            "年末资产合计3,456.78万元，负债合计215.40万元，净资产3,241.38万元，固定资产原值1,876.25万元。"
            "机关运行经费支出68.45万元。",
            "#四、自评结论",
            "经综合评价，本部门2023年度部门整体支出绩效自评得分为88.5分，等级为“良”。",
            "#五、存在问题及改进措施",
            "部分项目实施进度滞后，养老服务设施建设与需求仍有差距。下一步将加强项目调度，"
            "提高预算编制的精准度，完善绩效目标管理。",
        ],
    )
    kit.right_aligned(doc, _ST_DEPT)
    kit.right_aligned(doc, "2024年4月10日")
    return doc


SHANTOU = OfficeReport(
    stem="shantou-lhmzj-2023",
    department=_ST_DEPT,
    region="汕头市龙湖区",  # contract v2: city and county
    fiscal_year=2023,
    title=_ST_TITLE,
    page_count=3,
    evaluation=(88.5, "良", 2),
    finance=(
        Fig("expenditure_total", "6002.18", 2, "全年实际支出6,002.18万元"),
        Fig("expenditure_basic", "1087.65", 2, "基本支出1,087.65万元"),
        Fig("expenditure_project", "4914.53", 2, "项目支出4,914.53万元"),
        Fig("budget_total", "6218.75", 2, "预算总额6,218.75万元"),
        Fig("budget_basic", "1105.32", 2, "基本支出预算1,105.32万元"),
        Fig("budget_project", "5113.43", 2, "项目支出预算5,113.43万元"),
        Fig("sangong_total", "6.82", 2, "“三公”经费决算数为6.82万元"),
        Fig("sangong_overseas", "0.00", 2, "因公出国（境）费0.00万元"),
        Fig("sangong_vehicle", "4.95", 2, "公务用车运行维护费4.95万元"),
        Fig("sangong_reception", "1.87", 2, "公务接待费1.87万元"),
        Fig("procurement_total", "865.40", 2, "政府采购金额865.40万元"),
        Fig("procurement_goods", "112.60", 2, "货物112.60万元"),
        Fig("procurement_works", "498.30", 2, "工程498.30万元"),
        Fig("procurement_services", "254.50", 2, "服务254.50万元"),
        Fig("assets_total", "3456.78", 2, "资产合计3,456.78万元"),
        Fig("liabilities_total", "215.40", 2, "负债合计215.40万元"),
        Fig("net_assets", "3241.38", 2, "净资产3,241.38万元"),
        Fig("fixed_assets_original", "1876.25", 2, "固定资产原值1,876.25万元"),
        Fig("operating_cost", "68.45", 2, "机关运行经费支出68.45万元"),
    ),
    rows=_ST_ROWS,
    build=_build_shantou,
)


# --- 5. 赣州市林业局 国家储备林建设项目 2023 (project 自评表 only) ----------------------------------------

_GZ_ROWS: tuple[Ind, ...] = (
    Ind("产出指标", "数量指标", "新造国家储备林面积",
        V("≥1.2万亩", ">=", 1.2, "万亩"), V("1.26万亩", None, 1.26, "万亩"), True, "万亩", 1,
        weight=10, score=10),
    Ind("产出指标", "数量指标", "改培国家储备林面积",
        V("≥2.5万亩", ">=", 2.5, "万亩"), V("2.18万亩", None, 2.18, "万亩"), False, "万亩", 1,
        weight=10, score=8.5,
        reason="部分改培地块林权流转手续办理滞后，0.32万亩改培任务结转至2024年春季实施。"),
    Ind("产出指标", "数量指标", "建设林区道路",
        V("≥35公里", ">=", 35.0, "公里"), V("36.4公里", None, 36.4, "公里"), True, "公里", 1,
        weight=5, score=5),
    Ind("产出指标", "质量指标", "造林成活率",
        V("≥90%", ">=", 90.0, "%"), V("93.2%", None, 93.2, "%"), True, "%", 1, weight=10, score=10),
    Ind("产出指标", "质量指标", "苗木质量合格率",
        V("100%", None, 100.0, "%"), V("100%", None, 100.0, "%"), True, "%", 2, weight=5, score=5),
    Ind("产出指标", "时效指标", "造林任务完成时间",
        V("2023年12月底前"), V("2023年12月"), None, None, 2, weight=5, score=5),
    Ind("产出指标", "成本指标", "亩均新造林成本",
        V("≤1500元", "<=", 1500.0, "元"), V("1468元", None, 1468.0, "元"), True, "元", 2,
        weight=5, score=5),
    Ind("效益指标", "经济效益指标", "带动林农务工收入",
        V("≥800万元", ">=", 800.0, "万元"), V("826万元", None, 826.0, "万元"), True, "万元", 2,
        weight=10, score=10),
    Ind("效益指标", "生态效益指标", "新增森林蓄积量",
        V("≥6万立方米", ">=", 6.0, "万立方米"), V("5.4万立方米", None, 5.4, "万立方米"), False, "万立方米", 2,
        weight=10, score=9, reason="改培任务未全部完成，新增蓄积量相应减少。"),
    Ind("效益指标", "社会效益指标", "带动就业人数",
        V("≥1200人", ">=", 1200.0, "人"), V("1350人", None, 1350.0, "人"), True, "人", 2,
        weight=5, score=5),
    Ind("效益指标", "可持续影响指标", "储备林经营管理机制",
        V("建立健全"), V("已建立"), None, None, 2, weight=5, score=5),
    Ind("满意度指标", "服务对象满意度指标", "参与林农满意度",
        V("≥90%", ">=", 90.0, "%"), V("92.6%", None, 92.6, "%"), True, "%", 2, weight=10, score=10),
)  # fmt: skip
_GZ_BUDGET = (  # label, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分 (万元)
    ("年度资金总额", "2400.00", "2650.00", "2514.85", "10", "94.90%", "9.49"),
    ("其中：当年财政拨款", "2400.00", "2650.00", "2514.85", "—", "—", "—"),
    ("上年结转资金", "0.00", "0.00", "0.00", "—", "—", "—"),
    ("其他资金", "0.00", "0.00", "0.00", "—", "—", "—"),
)
_GZ_TOTAL = "96.99"


def _build_ganzhou(report: OfficeReport) -> DocumentType:
    doc = kit.new_document(body_pt=14, margins_cm=(2.2, 2.5))
    # The form's cells inherit a fixed 22-point line pitch from the template.
    small = kit.CellStyle(size=10.5, line_pt=22)
    small_left = kit.CellStyle(size=10.5, align=WD_ALIGN_PARAGRAPH.LEFT, line_pt=22)
    kit.page_number_footer(doc.sections[0], "{page}")
    kit.body(doc, "附件2", indent_pt=0)
    kit.title(doc, "项目支出绩效自评表", size=18, space_after=0)
    kit.title(doc, "（2023年度）", size=14, space_after=6)
    columns = (1.0, 1.2, 1.5, 2.8, 1.9, 1.9, 1.0, 1.4, 3.3)
    budget_rows = 1 + len(_GZ_BUDGET)
    first = 2 + budget_rows + 2 + 1
    table = kit.grid_table(doc, first + len(report.rows) + 1, columns)
    kit.merge(table, 0, 0, 0, 1, "项目名称", HEAD)
    kit.merge(table, 0, 2, 0, 8, "国家储备林建设项目", CELL)
    kit.merge(table, 1, 0, 1, 1, "主管部门", HEAD)
    kit.merge(table, 1, 2, 1, 4, "赣州市林业局", CELL)
    kit.merge(table, 1, 5, 1, 6, "实施单位", HEAD)
    kit.merge(table, 1, 7, 1, 8, "赣州市林业科学研究所", CELL)
    b = 2
    kit.merge(table, b, 0, b + budget_rows - 1, 1, "项目资金（万元）", HEAD)
    for col, label in ((2, ""), (3, "年初预算数"), (4, "全年预算数"), (5, "全年执行数"), (6, "分值"),
                       (7, "执行率"), (8, "得分")):  # fmt: skip
        kit.write_cell(table.cell(b, col), label, small)
    for r, values in enumerate(_GZ_BUDGET, start=b + 1):
        for col, value in enumerate(values, start=2):
            kit.write_cell(table.cell(r, col), value, small)
    g = b + budget_rows
    kit.merge(table, g, 0, g + 1, 1, "年度总体目标", HEAD)
    kit.merge(table, g, 2, g, 5, "预期目标", HEAD)
    kit.merge(table, g, 6, g, 8, "实际完成情况", HEAD)
    kit.merge(table, g + 1, 2, g + 1, 5, "新造国家储备林1.2万亩、改培2.5万亩，建设林区道路35公里，"
              "提升森林质量和木材战略储备能力。", small_left)  # fmt: skip
    kit.merge(table, g + 1, 6, g + 1, 8, "新造1.26万亩、改培2.18万亩，建成林区道路36.4公里。", small_left)
    h = g + 2
    kit.merge(table, h, 0, h + len(report.rows), 0, "绩效指标", HEAD)
    labels = (
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    )
    for col, label in enumerate(labels, start=1):
        kit.write_cell(table.cell(h, col), label, small)
    kit.merge_runs(table, 1, first, [r.level1 for r in report.rows], small)
    kit.merge_runs(table, 2, first, [r.level2 for r in report.rows], small)
    for n, row in enumerate(report.rows, start=first):
        kit.write_cell(table.cell(n, 3), row.name, small_left)
        kit.write_cell(table.cell(n, 4), row.target.text, small)
        kit.write_cell(table.cell(n, 5), row.actual.text, small)
        kit.write_cell(table.cell(n, 6), f"{row.weight:g}", small)
        kit.write_cell(table.cell(n, 7), f"{row.score:g}", small)
    kit.merge_spans(table, 8, first, [(text or "", span) for text, span in report.reason_spans()], small_left)
    last = first + len(report.rows)
    kit.merge(table, last, 0, last, 5, "总分", HEAD)
    kit.write_cell(table.cell(last, 6), "100", HEAD)
    kit.write_cell(table.cell(last, 7), _GZ_TOTAL, HEAD)
    kit.write_cell(table.cell(last, 8), "", CELL)
    return doc


GANZHOU = OfficeReport(
    stem="ganzhou-lyj-cbl-2023",
    department="赣州市林业局",
    region="赣州市",
    fiscal_year=2023,
    title="项目支出绩效自评表（2023年度）",
    report_type="project",
    page_count=2,
    evaluation=(96.99, None, 2),
    finance=(
        Fig("expenditure_total", "2514.85", 1, "2514.85"),
        Fig("budget_total", "2650.00", 1, "2650.00"),
    ),
    rows=_GZ_ROWS,
    build=_build_ganzhou,
)

REPORTS: tuple[OfficeReport, ...] = (ZHAOQING, NGRAIN, LUOYANG, SHANTOU, GANZHOU)
