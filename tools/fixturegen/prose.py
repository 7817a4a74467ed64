"""Narrative the way bureaus write it: duties, work done, finance paragraphs, conclusions.

Finance paragraphs are assembled from parts whose exact text is recorded as the figure's anchor
snippet, so the truth page is where that snippet is drawn.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from decimal import Decimal

from fixturegen.money import fmt_money, plain
from fixturegen.spec import FinanceTruth

Pair = tuple[str, str]  # (paragraph style, text)


@dataclass(frozen=True)
class Dept:
    """A department and how it refers to itself."""

    name: str
    region: str | None
    short: str  # 我局 / 我委 / 本部门
    duties: tuple[str, ...]
    works: tuple[str, ...]
    projects: tuple[str, ...] = ("业务工作经费", "信息化建设运维经费")


@dataclass(frozen=True)
class Money:
    """How money is written in one document."""

    unit: str = "万元"  # 元 | 万元 | 亿元 (亿元 only where the amount allows it exactly)
    thousands: bool = True

    def __call__(self, wan: Decimal) -> str:
        return fmt_money(wan, self.unit, self.thousands)


def _pct(part: Decimal, total: Decimal) -> str:
    if total == 0:
        return "0"
    return f"{(part / total * 100):.2f}"


class FinanceWriter:
    """Collects finance sentences and the truth for every figure they state."""

    def __init__(self, money: Money) -> None:
        self.money = money
        self.truths: list[FinanceTruth] = []

    def fig(self, code: str, wan: Decimal, label: str, unit: Money | None = None) -> str:
        """``label`` + amount, recorded as the anchor snippet of ``code``."""
        snippet = label + (unit or self.money)(wan)
        self.truths.append(FinanceTruth(code, Decimal(plain(wan)), code, snippet))
        return snippet


# Per item group, three bureau styles: (heading or "", sentence). ``[code|label]`` becomes label + amount and
# is recorded as that figure's anchor snippet; ``{name}`` fields are filled from the figures first.
_FINANCE_TEXT: dict[str, tuple[tuple[str, str], ...]] = {
    "expenditure": (
        (
            "1.{year}年部门决算支出情况",
            "[expenditure_total|{year}年决算支出]，其中[expenditure_basic|基本支出]，"
            "[expenditure_project|项目支出]。",
        ),
        (
            "（一）部门支出决算情况",
            "{year}年度部门[expenditure_total|支出决算数为]，其中：[expenditure_basic|基本支出]，"
            "占{pct_basic}%，主要用于保障机构正常运转和人员支出；[expenditure_project|项目支出]，占{pct_project}%，"
            "主要用于履行部门职能和完成重点工作任务。",
        ),
        (
            "1.支出情况",
            "{year}年[expenditure_total|全年支出]，较年初预算有所增加，主要是年中追加了重点项目资金。"
            "按支出性质分，[expenditure_basic|基本支出]、[expenditure_project|项目支出]。",
        ),
    ),
    "budget": (
        (
            "",
            "{year}年本部门[budget_total|收入预算]，其中[budget_basic|基本支出]，[budget_project|项目支出]。",
        ),
        (
            "",
            "{year}年度部门[budget_total|预算总额]（其中[budget_basic|基本支出预算]，[budget_project|项目支出预算]），"
            "预算调整均按规定程序报批。",
        ),
        (
            "",
            "全年[budget_total|预算数]，其中[budget_basic|基本支出预算]、[budget_project|项目支出预算]，"
            "预算执行率为{rate}%。",
        ),
    ),
    "sangong": (
        (
            "2.“三公”经费执行情况",
            "{year}年[sangong_total|“三公”经费决算数]，其中：[sangong_overseas|因公出国（境）费]，"
            "[sangong_vehicle|公务用车运行维护费]，[sangong_reception|公务接待费]。",
        ),
        (
            "（二）“三公”经费支出情况",
            "{year}年度“三公”经费[sangong_total|支出]，其中[sangong_overseas|因公出国（境）费]，"
            "[sangong_vehicle|公务用车购置及运行维护费]，[sangong_reception|公务接待费]，严格控制在预算范围内。",
        ),
        (
            "2.“三公”经费",
            "[sangong_total|“三公”经费实际支出]，比上年有所下降。其中：[sangong_overseas|因公出国（境）费]；"
            "[sangong_vehicle|公务用车购置及运行费]；[sangong_reception|公务接待费]。",
        ),
    ),
    "procurement": (
        (
            "3.政府采购执行情况",
            "{year}年度[procurement_total|政府采购支出]，其中：[procurement_goods|货物]，"
            "[procurement_works|工程]，[procurement_services|服务]。",
        ),
        (
            "（三）政府采购情况",
            "全年[procurement_total|政府采购金额]，其中[procurement_goods|政府采购货物]、"
            "[procurement_works|政府采购工程]、[procurement_services|政府采购服务]，授予中小企业合同金额占比较高。",
        ),
        (
            "3.政府采购",
            "{year}年[procurement_total|政府采购合同金额]：[procurement_goods|货物类]，"
            "[procurement_works|工程类]，[procurement_services|服务类]。",
        ),
    ),
    "assets": (
        (
            "4.资产管理情况",
            "{year}年年末[assets_total|资产总额]，[liabilities_total|负债总额]，[net_assets|净资产]。",
        ),
        (
            "（四）国有资产占有使用情况",
            "截至{year}年12月31日，本部门[assets_total|资产总计]，"
            "[liabilities_total|负债合计]，[net_assets|净资产合计]。",
        ),
        (
            "4.资产情况",
            "年末[assets_total|资产总额]，其中流动资产和固定资产占比较大；[liabilities_total|负债总额]；"
            "[net_assets|净资产]。",
        ),
    ),
    "fixed": (
        ("", "[fixed_assets_original|固定资产账面原值]，资产使用情况良好。"),
        ("", "[fixed_assets_original|固定资产原值]，资产使用情况良好。"),
        ("", "[fixed_assets_original|固定资产账面原值]，在用资产运行正常。"),
    ),
    "operating": (
        (
            "5.运行成本情况",
            "{year}年[operating_cost|机关运行经费支出总额]，较上年（{prev_operating}）减少{drop}%。",
        ),
        (
            "（五）机关运行经费情况",
            "本年度[operating_cost|机关运行经费]，比上年（{prev_operating}）下降{drop}%，"
            "主要是严格落实过紧日子要求。",
        ),
        (
            "5.机关运行经费",
            "{year}年[operating_cost|机关运行经费支出总额]，较上年（{prev_operating}）减少{drop}%。",
        ),
    ),
}
_GROUP_KEY = {
    "expenditure": "expenditure_total",
    "budget": "budget_total",
    "sangong": "sangong_total",
    "procurement": "procurement_total",
    "assets": "assets_total",
    "fixed": "fixed_assets_original",
    "operating": "operating_cost",
}
_MARK = re.compile(r"\[(\w+)\|([^\]]*)\]")


def finance_paragraphs(
    year: int, figs: dict[str, Decimal], variant: int, money: Money
) -> tuple[list[Pair], list[FinanceTruth]]:
    """Finance section paragraphs in one of three bureau styles; only the groups in ``figs`` appear.

    A group needs its total and all its parts (e.g. 三公 total plus its three items).
    """
    w = FinanceWriter(money)
    v = variant % 3
    fields: dict[str, str] = {"year": str(year)}
    if "expenditure_total" in figs:
        t = figs["expenditure_total"]
        fields |= {
            "pct_basic": _pct(figs["expenditure_basic"], t),
            "pct_project": _pct(figs["expenditure_project"], t),
        }
    if "budget_total" in figs:
        fields["rate"] = _pct(figs.get("expenditure_total") or figs["budget_total"], figs["budget_total"])
    if "operating_cost" in figs:
        prev = (figs["operating_cost"] * Decimal("1.0863")).quantize(Decimal("0.01"))
        fields |= {"prev_operating": money(prev), "drop": _pct(prev - figs["operating_cost"], prev)}
    out: list[Pair] = []
    for group, forms in _FINANCE_TEXT.items():
        if _GROUP_KEY[group] not in figs:
            continue
        heading, template = forms[v]
        text = _MARK.sub(lambda m: w.fig(m.group(1), figs[m.group(1)], m.group(2)), template.format(**fields))
        if group == "fixed" and out and out[-1][0] == "body":
            out[-1] = ("body", out[-1][1] + text)  # the fixed-asset clause closes the assets paragraph
            continue
        if heading:
            out.append(("h3", heading.format(**fields)))
        out.append(("body", text))
    return out, w.truths


GRADES = {
    "short": (("优", 90.0), ("良", 80.0), ("中", 60.0), ("差", 0.0)),
    "long": (("优秀", 90.0), ("良好", 80.0), ("合格", 60.0), ("不合格", 0.0)),
}


def grade_for(score: float, vocab: str) -> str:
    for grade, floor in GRADES[vocab]:
        if score >= floor:
            return grade
    raise AssertionError("unreachable")


def evaluation_sentence(score: float, grade: str, variant: int) -> tuple[str, str]:
    """(sentence, anchor snippet) stating the self-score and grade."""
    s = plain(Decimal(str(score)))
    forms = (
        (f"绩效自评分数为{s}分，绩效等级为{grade}。", f"绩效自评分数为{s}分"),
        (f"经综合评价，部门整体支出绩效自评得分{s}分，评价等级为“{grade}”。", f"绩效自评得分{s}分"),
        (f"自评综合得分为{s}分，自评结果为{grade}。", f"自评综合得分为{s}分"),
        (f"根据评分标准，本部门整体支出绩效自评总得分{s}分，等级为{grade}。", f"自评总得分{s}分"),
    )
    return forms[variant % len(forms)]


_MANAGEMENT = (
    "严格按照预算编制要求，坚持“量入为出、收支平衡”的原则，结合部门职能和年度重点工作科学测算各项支出，做到应编尽编",
    "建立健全预算执行动态监控机制，每月通报预算执行进度，对执行进度滞后的项目及时分析原因并督促整改",
    "认真落实政府信息公开有关规定，按时在门户网站公开部门预算、决算及“三公”经费等信息，主动接受社会监督",
    "进一步完善内部控制制度，修订财务管理、合同管理和资产管理等制度，明确各环节的审批权限和责任",
    "加强资产日常管理，定期开展资产清查盘点，做到账实相符、账卡相符，资产配置、使用和处置均按规定程序办理",
    "严格执行政府采购相关规定，做到应采尽采，采购需求、采购方式和合同签订均按程序审批",
    "落实党政机关过紧日子要求，从严控制一般性支出，压减非急需非刚性支出，会议费、培训费均控制在预算范围内",
    "强化项目全过程绩效管理，在项目申报环节同步设定绩效目标，执行中开展绩效运行监控，年度终了开展绩效自评",
    "加强财务人员业务培训，组织学习新政府会计制度和预算管理一体化操作规程，提高财务管理规范化水平",
    "对上年度绩效评价发现的问题建立整改台账，逐项明确整改责任人和整改时限，整改情况纳入年度考核",
    "按照预算管理一体化系统要求，规范项目库管理，未入库项目一律不得安排预算",
    "加强与财政部门的沟通衔接，及时办理资金拨付手续，确保资金按进度拨付到位",
)
_PROBLEMS = (
    "部分项目前期论证不够充分，预算编制的精准度有待提高，年中调整较多",
    "个别项目支出进度偏慢，上半年预算执行率未达到序时进度要求",
    "部分绩效指标设置不够细化量化，可衡量性不强，难以全面反映项目实施效果",
    "绩效自评工作的深度还不够，对评价结果的分析运用有待加强",
    "基层单位财务人员变动频繁，业务水平参差不齐，影响财务管理质量",
)
_MEASURES = (
    "加强项目前期论证和预算评审，提高预算编制的科学性和准确性",
    "建立支出进度通报和约谈机制，加快项目实施和资金支付进度",
    "进一步细化量化绩效指标，做到指标可衡量、可比较、可考核",
    "强化绩效评价结果应用，将评价结果作为下年度预算安排的重要依据",
    "加强财务队伍建设，定期组织业务培训，提升财务人员专业能力",
)


def management_paragraphs(rng: random.Random, short: str, n: int) -> list[Pair]:
    """``n`` paragraphs on budget management, each three to five sentences from the pool."""
    out: list[Pair] = []
    heads = (
        "预算编制情况",
        "预算执行情况",
        "信息公开情况",
        "绩效管理情况",
        "采购管理情况",
        "资产管理情况",
        "内部控制情况",
        "财务管理情况",
        "项目管理情况",
        "运行成本情况",
    )
    for i in range(n):
        out.append(("h3", f"{i + 1}.{heads[i % len(heads)]}"))
        first, second = rng.sample(_MANAGEMENT, 2), rng.sample(_MANAGEMENT, rng.randint(2, 4))
        out.append(("body", f"{short}" + "；".join(first) + "。"))
        out.append(("body", "同时，" + "；".join(second) + "。"))
    return out


def problem_paragraphs(rng: random.Random) -> list[Pair]:
    probs = rng.sample(_PROBLEMS, 2)
    meas = rng.sample(_MEASURES, 3)
    out: list[Pair] = [("h3", "1.存在的问题")]
    out += [("body", f"{'一二三'[i]}是{p}。") for i, p in enumerate(probs)]
    out.append(("h3", "2.改进措施"))
    out += [("body", f"{'一二三'[i]}是{m}。") for i, m in enumerate(meas)]
    return out


def duties_paragraphs(dept: Dept) -> list[Pair]:
    out: list[Pair] = [("body", f"{dept.name}是{dept.duties[0]}。主要职责是：")]
    out += [("body", f"{i}.{d}；") for i, d in enumerate(dept.duties[1:], start=1)]
    return out


def works_paragraphs(dept: Dept, year: int) -> list[Pair]:
    return [("body", f"{i}.{w}") for i, w in enumerate(dept.works, start=1)]


def project_finance_paragraphs(
    year: int, budget: Decimal, spent: Decimal, money: Money, variant: int
) -> tuple[list[Pair], list[FinanceTruth]]:
    """A project report's funding paragraph: the project budget and what was spent."""
    w = FinanceWriter(money)
    rate = _pct(spent, budget)
    if variant % 2 == 0:
        text = (
            f"{year}年{w.fig('budget_total', budget, '项目年度预算')}，"
            f"全年{w.fig('expenditure_total', spent, '实际支出')}，"
            f"预算执行率{rate}%。"
        )
    else:
        text = (
            f"该项目{year}年{w.fig('budget_total', budget, '全年预算数')}，"
            f"{w.fig('expenditure_total', spent, '全年执行数')}，"
            f"执行率为{rate}%，未执行部分已按规定收回。"
        )
    return [("h3", "项目资金安排和使用情况"), ("body", text)], w.truths
