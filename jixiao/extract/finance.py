"""Finance figures and the self-evaluation conclusion, read from the report's sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.contract import FINANCE_IDENTITIES
from jixiao.extract.model import FINANCE_ITEMS, Evaluation, FinanceFigure
from jixiao.extract.textnorm import FlatText
from jixiao.extract.values import to_wan_yuan

_NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT = r"(亿元|万元|千元|元)"
# Between a keyword and its amount: a few non-digit words ("决算数", "为", "共计", "：").
_GAP = r"[^\d。；;，,]{0,10}?"
_AMOUNT = _GAP + _NUM + _UNIT


@dataclass(frozen=True)
class _Group:
    """A total and its parts, stated together: "决算支出X万元，其中基本支出Y万元，项目支出Z万元"."""

    total_code: str
    openers: tuple[str, ...]  # tried in order over the whole text: the first tier that matches wins
    parts: dict[str, str]


_GROUPS: tuple[_Group, ...] = (
    _Group(
        "expenditure_total",
        (
            r"(?:决算支出|支出决算)(?:总额|合计|总计|数)?",
            r"(?:年度支出|全年支出|本年支出|支出总额|总支出)(?:总额|合计|总计|数)?",
            r"(?:全年实际支出|实际支出|全年执行数|实际执行数|预算执行数)(?:总额|合计)?",
        ),
        {"expenditure_basic": r"基本支出(?!预算)", "expenditure_project": r"项目支出(?!预算)"},
    ),
    _Group(
        "budget_total",
        (
            r"(?:收入预算|部门预算|全年预算|年度预算|预算总额|调整后预算|支出预算)(?:总额|合计|总计|数)?",
            r"(?:年初预算|预算收入|预算数)(?:总额|合计|总计|数)?",
        ),
        {"budget_basic": r"基本支出(?:预算)?", "budget_project": r"项目支出(?:预算)?"},
    ),
    _Group(
        "sangong_total",
        (r"[“\"]?三公[”\"]?经费(?:决算数|支出|决算|合计|总额|总计)?(?:数|合计|总额)?",),
        {
            "sangong_overseas": r"因公出国[（(]境[)）](?:费用?|经费)",
            "sangong_vehicle": r"公务用车(?:购置及|购置和)?运行(?:维护)?费",
            "sangong_reception": r"公务接待费",
        },
    ),
    _Group(
        "procurement_total",
        (r"政府采购(?:支出|金额|总额|合同金额|实际支出|执行|资金)?(?:总额|合计)?",),
        {
            "procurement_goods": r"货物(?:类)?(?:采购)?(?:支出)?",
            "procurement_works": r"工程(?:类)?(?:采购)?(?:支出)?",
            "procurement_services": r"服务(?:类)?(?:采购)?(?:支出)?",
        },
    ),
)
# A figure introduced as a comparison ("较年初预算…", "比上年预算…", "与…相比") is not another total.
_COMPARED_WITH = re.compile(r"(?:较|比|与|同比|相比|低于|高于|超过|少于|多于)(?:上年|上年度|去年)?$")


def _compared(text: str, at: int) -> bool:
    """Whether the figure at ``text[at:]`` is introduced as the one something is compared with."""
    return _COMPARED_WITH.search(text[max(0, at - 8) : at]) is not None


# A total whose subject, earlier in its clause, is another item: "“三公”经费财政拨款支出决算为12.46万元"
# is the 三公 total, not the department's 支出决算.
_OTHER_SUBJECT = {
    "expenditure_total": re.compile(r"(?:三公[”\"]?经费|机关运行经费|政府采购)[^。；;，,]{0,12}$"),
    "budget_total": re.compile(r"(?:三公[”\"]?经费|机关运行经费|政府采购)[^。；;，,]{0,12}$"),
}


def _about_other_item(code: str, text: str, at: int) -> bool:
    """Whether the total ``code`` opening at ``text[at:]`` is said of another item (see _OTHER_SUBJECT)."""
    pattern = _OTHER_SUBJECT.get(code)
    return pattern is not None and pattern.search(text[max(0, at - 20) : at]) is not None


# A part the total's sentence says was not spent at all: "…公务接待费2.78万元，无因公出国（境）费支出。"
_NO_SPENDING = r"(?:无|未发生|没有|未安排)"
# Parts are looked for after the total, up to this many characters and at most into the next sentence.
_WINDOW = 240
# Stand-alone items: the first amount after the keyword anywhere in the text.
_SINGLE_ITEMS: dict[str, str] = {
    "assets_total": r"(?<![净定])资产(?:总额|总计|合计)",
    "liabilities_total": r"负债(?:总额|总计|合计)",
    "net_assets": r"净资产(?:总额|合计|总计)?",
    "fixed_assets_original": r"固定资产(?:账面)?原值",
    "operating_cost": r"机关运行经费(?:支出)?(?:总额|合计)?",
}

_SCORE_RE = re.compile(
    r"(?:自评(?:总|综合)?(?:分数|得分|分值|总分)|综合(?:评分|得分)|评价(?:得分|分数)|总体(?:得分|评分)|总得分|"
    r"最终得分|自评分|评分结果)[^\d。；]{0,8}?(\d{1,3}(?:\.\d+)?)分"
)
_GRADE_WORDS = r"[“\"「『]?(优秀|优|良好|良|中等|中|合格|及格|差|不合格)"
_GRADE_RE = re.compile(
    r"(?:绩效等级|评价等级|自评等级|评定等级|绩效评级|自评结果|评价结果|评价结论|自评结论)"
    r"(?:为|是|评定为|:|：)?" + _GRADE_WORDS
)
# Near the score a bare "等级" is the self-evaluation grade; elsewhere it may be air quality or safety.
_NEAR_GRADE_RE = re.compile(r"(?:等级|评级|结果)(?:为|是|评定为|:|：)?" + _GRADE_WORDS)


def find_finance(flat: FlatText) -> list[FinanceFigure]:
    """Every finance figure the sentences give, normalised to 万元, first mention wins."""
    text = flat.text
    found: dict[str, FinanceFigure] = {}
    for group in _GROUPS:
        opening = None
        for opener in group.openers:
            opening = next(
                (
                    m
                    for m in re.finditer(f"(?:{opener}){_AMOUNT}", text)
                    if not _compared(text, m.start())
                    and not _about_other_item(group.total_code, text, m.start())
                ),
                None,
            )
            if opening:
                break
        if opening is None:
            continue
        found[group.total_code] = _figure(
            group.total_code,
            opening.group(1),
            opening.group(2),
            flat.page_at(opening.start()),
            opening.group(0),
        )
        window_start = opening.end()
        window = text[window_start : window_start + _WINDOW]
        sentence_ends = [m.end() for m in re.finditer("。", window)]
        if len(sentence_ends) > 1:
            window = window[: sentence_ends[1]]  # the total's sentence and the next one
        parts = {code: re.search(keyword + _AMOUNT, window) for code, keyword in group.parts.items()}
        taken = [(m.start(), m.end()) for m in parts.values() if m]
        # Another group's total ends the window ("…项目支出X万元。“三公”经费…") unless it is our part,
        # or the figure our total is compared with ("三公经费支出32.76万元，较年初预算45.00万元减少…").
        others = "|".join(f"(?:{o})" for g in _GROUPS if g is not group for o in g.openers)
        stop = next(
            (
                m.start()
                for m in re.finditer(f"(?:{others}){_AMOUNT}", window)
                if not any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken)
                and not _compared(window, m.start())
            ),
            len(window),
        )
        for code, part in parts.items():
            if part and part.start() < stop:
                at = window_start + part.start()
                found[code] = _figure(code, part.group(1), part.group(2), flat.page_at(at), part.group(0))
            elif part is None:
                none = re.search(_NO_SPENDING + f"(?:{group.parts[code]})", window[:stop])
                if none:
                    at = window_start + none.start()
                    found[code] = _figure(code, "0", "万元", flat.page_at(at), none.group(0))
    for code, keyword in _SINGLE_ITEMS.items():
        match = re.search(keyword + _AMOUNT, text)
        if match:
            found[code] = _figure(
                code, match.group(1), match.group(2), flat.page_at(match.start()), match.group(0)
            )
    return list(found.values())


def merge_table_finance(
    found: list[FinanceFigure], table_figures: list[FinanceFigure]
) -> list[FinanceFigure]:
    """Add figures from a budget-block table for items the sentences did not give."""
    have = {fig.item_code for fig in found}
    return found + [fig for fig in table_figures if fig.item_code not in have]


# A grade band's threshold ("90分（含）以上为优"), not a score: the template's instruction left in.
_BAND_AFTER = re.compile(r"(?:[（(]含[)）])?(?:及?以上|及?以下|至|[-—–~～])")
# An instruction of the template, bracketed: "（请根据自评得分填写评价等级：…）".
_INSTRUCTION_OPEN = re.compile(r"[（(](?:请|注[:：]|说明[:：]|填写说明)")


def _in_instruction(text: str, at: int) -> bool:
    """Whether ``text[at]`` stands inside a bracketed template instruction still open at that point."""
    depth = 0
    for i in range(at - 1, max(-1, at - 200), -1):
        char = text[i]
        if char in "）)":
            depth += 1
        elif char in "（(":
            if depth == 0:
                return _INSTRUCTION_OPEN.match(text, i) is not None
            depth -= 1
    return False


def _stated_score(text: str) -> re.Match[str] | None:
    """The first self-score sentence that is not a grade band or inside a template instruction."""
    for match in _SCORE_RE.finditer(text):
        if _BAND_AFTER.match(text, match.end()) or _in_instruction(text, match.start()):
            continue
        return match
    return None


def find_evaluation(flat: FlatText) -> Evaluation:
    """The self-score and grade stated in the text ("绩效自评分数为96.66分，绩效等级为优")."""
    score_match = _stated_score(flat.text)
    grade_match = None
    if score_match:
        near = flat.text[score_match.end() : score_match.end() + 80]
        found = _NEAR_GRADE_RE.search(near)
        if found:
            grade, grade_at = found.group(1), score_match.end() + found.start()
            grade_match = (grade, grade_at)
    if grade_match is None:
        found = _GRADE_RE.search(flat.text)
        grade_match = (found.group(1), found.start()) if found else None
    # A score over 100 is kept as printed (a typo in the report): the warehouse's checks block it,
    # where silently dropping it would hide the error from the people who must correct it.
    score = float(score_match.group(1)) if score_match else None
    page = None
    if score_match:
        page = flat.page_at(score_match.start())
    elif grade_match:
        page = flat.page_at(grade_match[1])
    return Evaluation(score, grade_match[0] if grade_match else None, page)


def _figure(code: str, number: str, unit: str, page: int, snippet: str) -> FinanceFigure:
    amount: Decimal = to_wan_yuan(number, unit)
    return FinanceFigure(code, amount, page, snippet)


_SUMS = tuple(FINANCE_IDENTITIES.values())


def consistency_warnings(figures: list[FinanceFigure]) -> list[str]:
    """Plain-words warnings where a stated total and its stated parts disagree beyond rounding."""
    amounts = {fig.item_code: fig.amount_wan_yuan for fig in figures}
    warnings = []
    for total_code, part_codes in _SUMS:
        if total_code not in amounts or any(code not in amounts for code in part_codes):
            continue
        total, parts = amounts[total_code], sum(amounts[code] for code in part_codes)
        if abs(total - parts) > max(Decimal("1"), total * Decimal("0.005")):
            warnings.append(
                f"{FINANCE_ITEMS[total_code][0]} is {total} 万元 but its parts add up to {parts} 万元; "
                "check the report's figures."
            )
    return warnings
