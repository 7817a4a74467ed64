"""Tell a performance self-evaluation report from the other disclosure documents posted next to it."""

from __future__ import annotations

import re

from jixiao.extract.errors import NotAReportError

_REPORT_TITLE = re.compile(r"绩效自评|自评报告|自评表|绩效评价报告|绩效自我评价|自评价报告")
_OTHER_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"决算公开|部门决算|单位决算|决算报告|决算说明"), "a final-accounts disclosure (决算公开)"),
    (re.compile(r"预算公开|部门预算|单位预算|预算说明|预算报告"), "a budget disclosure (预算公开)"),
    (
        re.compile(r"采购公告|招标公告|中标|成交公告|采购意向|竞争性磋商|询价|采购需求|招标文件"),
        "a procurement notice",
    ),
)
# The title of a self-evaluation form standing in the body: "…2021年度部门整体支出绩效自评表".
_EMBEDDED_FORM = re.compile(r"20\d{2}\s*年度?[^。；，]{0,20}绩效自评(?:价)?表")
# A self-evaluation section of a larger publication (a 决算's "第四部分 绩效评价情况") names its form or
# score in its prose ("部门整体支出绩效自评表如下", "绩效自评得分95.26分") rather than in a title line.
_SELF_EVALUATION = re.compile(r"绩效自评(?:价)?表|绩效自评(?:得分|分数|总分)|自评结论|自评得分")
# The form's actual-value column: a table of targets alone (a 决算's or 预算's 绩效目标表) is no report.
_ACTUAL_COLUMN = re.compile(r"实际完成|实现值|完成值|实际值")
_WEAK_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"通知|意见|办法|规定|方案"), "an administrative notice or rule"),
)
_BODY_SIGNALS: tuple[re.Pattern[str], ...] = (
    re.compile(r"绩效自评|自评报告|自评表"),
    re.compile(r"自评结论|自评分|自评得分|绩效等级|评价等级|自评等级"),
    re.compile(r"三级指标"),
    re.compile(r"部门整体支出|项目支出绩效|绩效目标"),
    re.compile(r"预期值|年度指标值|实际完成值|实现值|指标值"),
)


def check_is_report(title_region: str, body: str, name: str) -> None:
    """Raise NotAReportError unless the text reads as a 绩效自评 report.

    ``title_region`` is the flattened start of the first page; ``body`` the whole flattened text.
    """
    if _REPORT_TITLE.search(title_region):
        return
    if all(pattern.search(body) for pattern in _BODY_SIGNALS[2:]) and (
        _EMBEDDED_FORM.search(body) or (_SELF_EVALUATION.search(body) and _ACTUAL_COLUMN.search(body))
    ):
        return  # a self-evaluation form printed inside another publication (a 决算 volume's section)
    title_kind = _kind_of(title_region)
    signals = sum(1 for pattern in _BODY_SIGNALS if pattern.search(body))
    if title_kind is None and signals >= 3:
        return
    kind = title_kind or _kind_of(body) or _kind_of(title_region, _WEAK_KINDS) or "another kind of document"
    raise NotAReportError(
        f"{name} looks like {kind}, not a performance self-evaluation report (绩效自评报告); "
        "remove it from the report folder."
    )


def _kind_of(text: str, kinds: tuple[tuple[re.Pattern[str], str], ...] = _OTHER_KINDS) -> str | None:
    for pattern, kind in kinds:
        if pattern.search(text):
            return kind
    return None
