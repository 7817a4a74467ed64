"""Synthetic benchmark corpora: many varied reports, each with its truth JSON beside it.

Every report is drawn from a seeded RNG (``random.Random(f"{seed}-{index}")``), so a corpus is
deterministic per seed and any single report can be regenerated alone. Truth is built from the
generated structure (numbers, operators, units), never from the rendered PDF.
"""

from __future__ import annotations

import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from fixturegen.build import build_report
from fixturegen.corpus.common import no_leftovers, paras
from fixturegen.money import plain
from fixturegen.prose import (
    Money,
    evaluation_sentence,
    finance_paragraphs,
    grade_for,
    management_paragraphs,
    problem_paragraphs,
    project_finance_paragraphs,
)
from fixturegen.spec import (
    BudgetBlock,
    EvaluationTruth,
    Indicator,
    IndicatorTable,
    PageBreak,
    ReportSpec,
    Style,
)
from fixturegen.values import decide, make_value
from jixiao.extract.model import Value

REGIONS = (
    "江门市",
    "佛山市",
    "韶关市",
    "长沙市",
    "株洲市",
    "常德市",
    "成都市",
    "绵阳市",
    "杭州市",
    "宁波市",
    "南京市",
    "合肥市",
    "郑州市",
    "武汉市",
    "南宁市",
    "昆明市",
    "济南市",
    "福州市",
)
BUREAUS = (
    ("教育局", "教育"),
    ("卫生健康局", "卫生健康"),
    ("交通运输局", "交通运输"),
    ("农业农村局", "农业农村"),
    ("自然资源局", "自然资源"),
    ("住房和城乡建设局", "住房城乡建设"),
    ("文化广电旅游体育局", "文化旅游"),
    ("民政局", "民政"),
    ("人力资源和社会保障局", "人力资源社会保障"),
    ("科学技术局", "科技创新"),
    ("水务局", "水务"),
    ("商务局", "商务"),
    ("应急管理局", "应急管理"),
    ("司法局", "司法行政"),
)
DUTY_TEMPLATES = (
    "贯彻执行国家和省有关{s}工作的方针政策和法律法规，拟订全市{s}发展规划和政策措施并组织实施",
    "负责全市{s}领域的统筹协调和监督管理，指导各县（市、区）开展{s}相关工作",
    "负责{s}领域财政专项资金的预算编制、执行和绩效管理，参与拟订有关资金管理办法",
    "组织开展{s}领域重大问题的调查研究，提出政策建议，承担相关统计分析和信息发布工作",
    "负责{s}领域行政审批和公共服务事项的办理，推进“放管服”改革和政务服务标准化建设",
    "指导{s}领域的安全生产和应急管理工作，组织开展隐患排查和专项整治",
    "负责{s}领域人才队伍建设和对外交流合作，组织开展业务培训",
    "负责{s}领域信息化建设和数据资源管理，推动数字化转型",
    "组织实施{s}领域的监督检查和行政执法，依法查处违法违规行为",
    "承担{s}领域重点项目的规划、建设和运行管理，监督项目资金使用",
    "完成市委、市政府交办的其他任务",
)
WORK_TEMPLATES = (
    "全年共组织实施{s}重点项目{a}个，完成投资{b}亿元，项目按期完工率达到{c}%。",
    "扎实推进{s}领域改革，出台政策文件{a}件，办理群众诉求{b}件，办结率{c}%。",
    "加强{s}队伍建设，举办业务培训班{a}期，培训{b}人次，培训覆盖率达到{c}%。",
    "强化{s}领域监督检查，开展专项检查{a}次，发现并整改问题{b}个，整改完成率{c}%。",
    "提升{s}公共服务水平，新建服务网点{a}个，服务群众{b}万人次，满意度达到{c}%。",
    "推进{s}数字化建设，上线业务系统{a}个，归集数据{b}万条，数据共享率达到{c}%。",
)
POOL = (
    # level1, level2, name, unit, kind, direction
    ("产出", "数量指标", "举办培训班期数", "期", "count", None),
    ("产出", "数量指标", "培训人次", "人次", "count", None),
    ("产出", "数量指标", "开展监督检查次数", "次", "count", None),
    ("产出", "数量指标", "完成重点项目数量", "个", "count", None),
    ("产出", "数量指标", "发放补助资金户数", "户", "count", None),
    ("产出", "数量指标", "新建服务站点数量", "个", "count", None),
    ("产出", "数量指标", "开展宣传活动场次", "场", "count", None),
    ("产出", "数量指标", "受理审批事项数量", "件", "count", None),
    ("产出", "数量指标", "扶持企业数量", "家", "count", None),
    ("产出", "质量指标", "项目验收合格率", "%", "percent", None),
    ("产出", "质量指标", "资金使用合规率", "%", "percent", None),
    ("产出", "质量指标", "档案资料完整率", "%", "percent", None),
    ("产出", "质量指标", "抽检合格率", "%", "percent", None),
    ("产出", "质量指标", "设备完好率", "%", "percent", None),
    ("产出", "时效指标", "资金拨付及时率", "%", "percent", None),
    ("产出", "时效指标", "项目完成及时率", "%", "percent", None),
    ("产出", "时效指标", "审批事项办结时限", "个工作日", "days", "negative"),
    ("产出", "时效指标", "问题整改完成时限", "天", "days", "negative"),
    ("成本", "经济成本指标", "项目成本控制率", "%", "cost_pct", "negative"),
    ("成本", "经济成本指标", "人均培训成本", "元", "cost", "negative"),
    ("效益", "经济效益指标", "带动社会投资额", "万元", "money", None),
    ("效益", "经济效益指标", "带动就业人数", "人", "count", None),
    ("效益", "社会效益指标", "政策知晓率", "%", "percent", None),
    ("效益", "社会效益指标", "公共服务覆盖率", "%", "percent", None),
    ("效益", "社会效益指标", "群众办事便利度", None, "qual", None),
    ("效益", "生态效益指标", "节能减排量", "吨标准煤", "count", None),
    ("效益", "可持续影响指标", "长效管理机制", None, "qual", None),
    ("效益", "可持续影响指标", "项目持续发挥效益年限", "年", "years", None),
    ("满意度", "满意度指标", "服务对象满意度", "%", "satisfaction", None),
    ("满意度", "满意度指标", "群众满意度", "%", "satisfaction", None),
)
REASONS = (
    "受上级资金下达较晚影响，项目实施进度滞后，下一步将加快推进。",
    "部分项目因前期手续办理时间较长，未能在年度内完成，已结转下年度继续实施。",
    "实际申报对象少于预期，按照据实结算原则支出，指标未完全达成。",
    "受极端天气影响，部分工程施工窗口期缩短，工期有所延误。",
    "年初目标设置偏高，对实际需求测算不够精准，今后将科学合理设定绩效目标。",
    "因政策调整，部分任务暂停实施，相关资金已按规定收回财政。",
)
QUAL = (("有效提升", "有效提升"), ("建立健全", "已建立"), ("持续完善", "逐步完善"), ("明显改善", "有所改善"))
TEMPLATES = ("gd6", "central8", "unitcol", "threeline")
WEIGHTED = ("central8", "threeline")


def _pick_rows(rng: random.Random, n: int) -> list[tuple]:
    picked = rng.sample(POOL, min(n, len(POOL)))
    order = {"产出": 0, "效益": 1, "成本": 2, "满意度": 3}
    level2_order = {p[1]: i for i, p in enumerate(POOL)}
    picked.sort(key=lambda p: (order[p[0]] if p[0] != "成本" else 0.5, level2_order[p[1]]))
    return picked


def _value_pair(
    rng: random.Random, kind: str, unit: str | None, direction_printed: bool, style: str, show_unit: bool
) -> tuple[Value, Value]:
    """(target, actual) Values for one indicator; misses happen about one time in five."""
    miss = rng.random() < 0.2
    if kind == "qual":
        t, a = rng.choice(QUAL)
        return Value(t), Value(a if not miss else "基本实现")
    if kind in ("percent", "satisfaction"):
        t = rng.choice((80, 85, 90, 95, 98, 100)) if kind == "percent" else rng.choice((80, 85, 90))
        op = None if t == 100 and rng.random() < 0.6 else (">=" if rng.random() < 0.7 else None)
        a = round(t - rng.uniform(1, 12), 1) if miss else (100 if t == 100 else round(rng.uniform(t, 100), 2))
        target = make_value(op, t, "%", style=style, word=rng.randrange(2))
        return target, make_value(None, a, "%", style="fullwidth" if style == "fullwidth" else "symbol")
    if kind in ("days", "cost", "cost_pct"):
        t = {"days": rng.choice((5, 10, 15, 20, 30)), "cost": rng.choice((300, 500, 800)), "cost_pct": 100}[
            kind
        ]
        # A bare target only means "at most" where a 指标性质 column prints 反向.
        op = "<=" if rng.random() < 0.7 or not direction_printed else None
        a = round(t * (rng.uniform(1.05, 1.3) if miss else rng.uniform(0.5, 1.0)), 1 if kind != "days" else 0)
        u = unit if show_unit else None
        target = make_value(op, t, u, style=style, word=rng.randrange(2))
        return target, make_value(None, a, u)
    if kind == "years":
        return make_value(None, rng.choice((1, 2, 3)), "年"), make_value(None, rng.choice((1, 2, 3)), "年")
    base = {
        "count": rng.choice((5, 12, 20, 50, 120, 300, 1500, 8000)),
        "money": rng.choice((500, 1000, 3000, 8000)),
    }[kind]
    op = ">=" if rng.random() < 0.55 else None
    a = int(base * (rng.uniform(0.6, 0.97) if miss else rng.uniform(1.0, 1.6)))
    u = unit if show_unit else None
    target = make_value(op, base, u, style=style, word=rng.randrange(2))
    return target, make_value(None, a, u)


def _indicators(rng: random.Random, template: str, n: int, level_suffix: bool) -> list[Indicator]:
    rows: list[Indicator] = []
    specs = _pick_rows(rng, n)
    weights = _weights(rng, len(specs)) if template in WEIGHTED else [None] * len(specs)
    for (l1, l2, name, unit, kind, direction), weight in zip(specs, weights, strict=True):
        style = rng.choices(("symbol", "word", "ascii", "fullwidth"), (70, 15, 8, 7))[0]
        unit_col = template == "unitcol"
        where = "col" if unit_col else rng.choice(("name", "value", "value", "none"))
        if unit is None or unit == "%":
            where = "col" if unit_col else ("value" if unit == "%" else "none")
        show = where == "value" or (unit == "%" and not unit_col)
        target, actual = _value_pair(rng, kind, unit, unit_col, style, show)
        printed_name = f"{name}（{unit}）" if where == "name" and unit else name
        truth_unit = unit if where in ("col", "name") else (target.unit if target.unit else None)
        ok = decide(target, actual, direction if unit_col else None)
        score = None
        if weight is not None:
            score = weight if ok is not False else round(weight * rng.uniform(0.5, 0.9), 1)
        reason = "/" if ok is not False else rng.choice(REASONS)
        nature = (
            ({"negative": "反向"}.get(direction or "", "正向") if kind != "qual" else "定性")
            if unit_col
            else None
        )
        rows.append(
            Indicator(
                level1=l1 + ("指标" if level_suffix else ""),
                level2=l2,
                name=printed_name,
                target_text=target.text,
                actual_text=actual.text,
                target=target,
                actual=actual,
                achieved=ok,
                unit=truth_unit,
                reason=reason,
                weight=float(weight) if weight is not None else None,
                score=float(score) if score is not None else None,
                unit_col=(unit or "/") if unit_col else None,
                nature_col=nature,
                direction={"正向": "positive", "反向": "negative"}.get(nature or ""),
            )
        )
    return _merge_reasons(rng, rows)


def _merge_reasons(rng: random.Random, rows: list[Indicator]) -> list[Indicator]:
    """Sometimes one reason cell covers two consecutive missed rows (as in the sample)."""
    out = list(rows)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.achieved is False and b.achieved is False and a.reason_rows == 1 and rng.random() < 0.5:
            out[i] = replace(a, reason_rows=2)
            out[i + 1] = replace(b, reason=a.reason)
            break
    return out


def _weights(rng: random.Random, n: int) -> list[int]:
    """Integer weights summing to 90 (the budget-execution block carries the other 10)."""
    w = [90 // n] * n
    for i in range(90 - sum(w)):
        w[i % n] += 1
    rng.shuffle(w)
    return w


def _figures(rng: random.Random, project: bool) -> dict[str, Decimal]:
    def amt(lo: float, hi: float) -> Decimal:
        return Decimal(f"{rng.uniform(lo, hi):.2f}")

    basic, proj = amt(800, 6000), amt(500, 30000)
    figs = {"expenditure_total": basic + proj, "expenditure_basic": basic, "expenditure_project": proj}
    bb, bp = (
        (basic * Decimal("1.03")).quantize(Decimal("0.01")),
        (proj * Decimal("1.08")).quantize(Decimal("0.01")),
    )
    figs |= {"budget_total": bb + bp, "budget_basic": bb, "budget_project": bp}
    if project:
        return {"budget_total": bb + bp, "expenditure_total": basic + proj}
    if rng.random() < 0.9:
        o, v, r = amt(0, 8) if rng.random() < 0.4 else Decimal("0"), amt(3, 60), amt(0.2, 9)
        figs |= {
            "sangong_total": o + v + r,
            "sangong_overseas": o,
            "sangong_vehicle": v,
            "sangong_reception": r,
        }
    if rng.random() < 0.8:
        g, w, s = amt(50, 2000), amt(0, 800) if rng.random() < 0.6 else Decimal("0"), amt(30, 3000)
        figs |= {
            "procurement_total": g + w + s,
            "procurement_goods": g,
            "procurement_works": w,
            "procurement_services": s,
        }
    if rng.random() < 0.8:
        li, na = amt(500, 20000), amt(2000, 60000)
        figs |= {"assets_total": li + na, "liabilities_total": li, "net_assets": na}
        figs["fixed_assets_original"] = amt(300, 20000)
    if rng.random() < 0.7:
        figs["operating_cost"] = amt(40, 900)
    return figs


def synth_spec(seed: int, index: int, extra: int = 0, *, short: bool = False) -> ReportSpec:
    """One synthetic report spec, fully determined by (seed, index, short); ``extra`` adds narrative
    sections; ``short`` draws a report of about five pages (fewer duties, indicators and paragraphs)."""
    rng = random.Random(f"{seed}-{index}")
    region = rng.choice(REGIONS)
    bureau, sector = rng.choice(BUREAUS)
    dept = region + bureau
    year = rng.randint(2019, 2024)
    project = rng.random() < 0.15
    template = rng.choice(TEMPLATES)
    short_name = rng.choice(("我局", "本部门", "我单位"))
    project_name = f"{sector}发展专项资金"
    title = (
        f"{dept}{year}年度{project_name}项目支出绩效自评报告"
        if project
        else f"{dept}{year}年度部门整体支出绩效自评报告"
    )
    print_title = project or rng.random() < 0.7
    unit = rng.choices(("万元", "元", "亿元"), (70, 22, 8))[0]
    money = Money(unit, thousands=rng.random() < 0.6)
    rows = _indicators(
        rng, template, rng.randint(*((8, 14) if short else (10, 26))), level_suffix=rng.random() < 0.4
    )
    figs = _figures(rng, project)
    if project:
        fin_pairs, fin_truth = project_finance_paragraphs(
            year, figs["budget_total"], figs["expenditure_total"], money, rng.randrange(2)
        )
    else:
        fin_pairs, fin_truth = finance_paragraphs(year, figs, rng.randrange(3), money)
    budget_score = round(rng.uniform(7, 10), 2)
    if template in WEIGHTED:
        score = round(sum(r.score or 0 for r in rows) + budget_score, 2)
    else:
        score = round(rng.uniform(72, 98), 2)
    vocab = rng.choice(("short", "long"))
    grade = grade_for(score, vocab)
    ev_text, ev_snip = evaluation_sentence(score, grade, rng.randrange(4))
    duties = [t.format(s=sector) for t in DUTY_TEMPLATES]
    rng.shuffle(duties)
    works = [
        t.format(s=sector, a=rng.randint(3, 60), b=rng.randint(100, 9000), c=round(rng.uniform(85, 100), 1))
        for t in rng.sample(WORK_TEMPLATES, rng.randint(*((2, 3) if short else (3, 6))))
    ]
    pairs: list[tuple[str, str]] = [("title", title)] if print_title else []
    pairs += [
        ("h1", "一、部门基本情况"),
        ("h2", "（一）部门职能"),
        ("body", f"{dept}是{'市人民政府工作部门' if rng.random() < 0.7 else '市政府直属机构'}。主要职责是："),
        *[
            ("body", f"{i}.{d}；")
            for i, d in enumerate(duties[: rng.randint(*((3, 5) if short else (7, 11)))], start=1)
        ],
        ("h2", "（二）年度主要工作完成情况"),
        *[("body", f"{i}.{w}") for i, w in enumerate(works, start=1)],
        ("h2", "（三）部门整体支出情况"),
        *fin_pairs,
        ("h1", "二、绩效自评情况"),
        ("h2", "（一）自评结论"),
        (
            "body",
            f"按照财政部门关于开展{year}年度绩效自评工作的要求，{short_name}对照绩效目标逐项开展了自评。"
            + ev_text,
        ),
        ("h2", "（二）绩效指标完成情况"),
        ("body", f"{year}年设置绩效指标{len(rows)}个，完成情况如下表："),
    ]
    after = [
        ("h2", "（三）管理效率分析"),
        *management_paragraphs(rng, short_name, rng.randint(*((2, 4) if short else (8, 14))) + extra),
        ("h2", "（四）存在问题及改进措施"),
        *problem_paragraphs(rng),
    ]
    budget = None
    total = None
    if template == "central8":
        e, b = figs["expenditure_total"], figs["budget_total"]
        rate = f"{(e / b * 100):.2f}%"
        budget = BudgetBlock((("资金总额", plain(b), plain(b), plain(e), "10", rate, f"{budget_score:g}"),))
        total = ("100", f"{score:g}")
    landscape = template == "threeline"
    pending = {f.anchor: f.source_text for f in fin_truth} | {"evaluation": ev_snip}
    table = IndicatorTable(
        template,
        tuple(rows),
        repeat_header=rng.random() < 0.6,
        size=rng.choice((9.0, 10.5)) if not landscape else 10.5,
        budget=budget,
        total_row=total,
        caption="项目支出绩效自评表" if project else None,
    )
    blocks = [
        *paras(pairs, pending),
        *([PageBreak("landscape")] if landscape else []),
        table,
        *([PageBreak("portrait")] if landscape else []),
        *paras(after, pending),
    ]
    no_leftovers(pending)
    size = rng.choice((15.0, 16.0))
    return ReportSpec(
        file_name=f"synth-{'short-' if short else ''}{seed}-{index:04d}.pdf",
        department=dept,
        region=region,
        fiscal_year=year,
        report_type="project" if project else "department_overall",
        title=title,
        blocks=tuple(blocks),
        finance=tuple(fin_truth),
        evaluation=EvaluationTruth(score, grade, "evaluation"),
        style=Style(
            body_size=size,
            line_height=size * rng.uniform(1.65, 1.9),
            footer=rng.choice(("dash", "cn", "plain", "none")),
        ),
    )


MIN_PAGES, MAX_PAGES = 8, 20


def _one(args: tuple[Path, int, int, bool]) -> Path:
    out_dir, seed, index, short = args
    for extra in (0,) if short else (0, 4, 8, 12):
        spec = synth_spec(seed, index, extra, short=short)
        truth = build_report(spec, out_dir, out_dir)
        if truth.page_count >= MIN_PAGES:
            break
    return out_dir / spec.file_name


def generate_corpus(
    out_dir: Path, n: int, seed: int = 0, workers: int = 1, *, short: bool = False
) -> list[Path]:
    """Write ``n`` synthetic reports (PDF + truth JSON beside each) into ``out_dir``; returns the PDFs.

    Reports have 8 to 20 pages, or about five with ``short`` (like many a county's report files)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = [(out_dir, seed, i, short) for i in range(n)]
    if workers <= 1:
        return [_one(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_one, jobs, chunksize=4))
