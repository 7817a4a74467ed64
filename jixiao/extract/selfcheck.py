"""Self-verification: what a report states twice must agree with what was read.

A self-evaluation report is redundant: its 分值 add up to 100, its 得分 to the printed total, its 执行率
is 执行数 / 预算数, its finance parts add up to their totals, no row scores more than its 分值. A
disagreement means a misread (or a report that is wrong itself): either way a person should look. Each
failed check is one plain sentence; an empty result means every check that could run passed.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from jixiao.core.contract import FINANCE_IDENTITIES, FINANCE_ITEMS
from jixiao.extract.model import ParsedReport

_FULL_MARKS = 100.0
_WEIGHT_TOLERANCE = 0.01
_RATE_TOLERANCE = 0.06  # percentage points: a rate printed to two decimals, from rounded amounts


def self_checks(report: ParsedReport) -> tuple[str, ...]:
    """The failed self-checks of ``report``, in plain words (empty when all that apply pass)."""
    return tuple(message for check in CHECKS.values() for message in check(report))


def _block(report: ParsedReport) -> tuple[float | None, float | None, float | None]:
    return report.budget_execution or (None, None, None)


def _weights(report: ParsedReport) -> list[str]:
    """Σ 分值 of the rows (with the budget block's 执行率 分值) is 100."""
    weights = [row.weight for row in report.indicators]
    if len(weights) < 2 or any(w is None for w in weights):
        return []
    _, block_weight, _ = _block(report)
    total = sum(w for w in weights if w is not None) + (block_weight or 0.0)
    if abs(total - _FULL_MARKS) <= _WEIGHT_TOLERANCE:
        return []
    return [f"The 分值 add up to {total:g}, not 100: a weight was misread or a row is missing or extra."]


def _scores(report: ParsedReport) -> list[str]:
    """Σ 得分 of the rows (with the 执行率 得分) is the printed total score."""
    printed = report.evaluation.self_score
    scores = [row.score for row in report.indicators]
    if printed is None or len(scores) < 2 or any(s is None for s in scores):
        return []
    _, block_weight, block_score = _block(report)
    if block_weight is not None and block_score is None:
        return []  # the block's score is not printed: the sum cannot be made
    total = sum(s for s in scores if s is not None) + (block_score or 0.0)
    # each printed score is rounded (to 0.01), and so is the total
    if abs(total - printed) <= 0.011 + 0.005 * len(scores):
        return []
    return [
        f"The 得分 add up to {total:g}, not the printed total {printed:g}: a score or the total was misread."
    ]


def _row_scores(report: ParsedReport) -> list[str]:
    """No row scores more than its 分值, or below zero."""
    bad = [
        row.row_no
        for row in report.indicators
        if row.score is not None
        and row.weight is not None
        and (row.score > row.weight + _WEIGHT_TOLERANCE or row.score < 0)
    ]
    if not bad:
        return []
    rows = ", ".join(str(n) for n in bad)
    return [f"Row(s) {rows} score more than their 分值 (or below 0): a weight or score was misread."]


def _execution_rate(report: ParsedReport) -> list[str]:
    """The printed 执行率 is 全年执行数 / 全年预算数."""
    rate, _, _ = _block(report)
    budget, spent = report.finance_amount("budget_total"), report.finance_amount("expenditure_total")
    if rate is None or not budget or spent is None:
        return []
    computed = float(spent / budget * 100)
    if abs(computed - rate) <= _RATE_TOLERANCE:
        return []
    return [
        f"The printed 执行率 {rate:g}% is not 执行数/预算数 = {computed:.2f}%: "
        "a budget figure or the rate was misread."
    ]


def _finance_parts(report: ParsedReport) -> list[str]:
    """Finance parts add up to their totals (to the printed rounding)."""
    failed = []
    for total_code, part_codes in FINANCE_IDENTITIES.values():
        total = report.finance_amount(total_code)
        parts = [report.finance_amount(code) for code in part_codes]
        if total is None or any(p is None for p in parts):
            continue
        added = sum((p for p in parts if p is not None), Decimal(0))
        if abs(total - added) <= Decimal("0.02") + total * Decimal("0.00001"):
            continue
        failed.append(
            f"{FINANCE_ITEMS[total_code][0]} is {total} 万元 but its parts add up to {added} 万元: "
            "a figure was misread."
        )
    return failed


# Marks the warning OCR gives for a table cell it is unsure of (jixiao.extract.ocrpage.Doubt).
OCR_DOUBT_MARK = "(read by OCR)"


def _ocr_doubts(report: ParsedReport) -> list[str]:
    """Numbers OCR read with low confidence, or that are not well-formed: a person checks the scan."""
    return [warning for warning in report.warnings if OCR_DOUBT_MARK in warning]


CHECKS: dict[str, Callable[[ParsedReport], list[str]]] = {
    "Σ分值 = 100": _weights,
    "Σ得分 = total": _scores,
    "row 得分 ≤ 分值": _row_scores,
    "执行率 = 执行数/预算数": _execution_rate,
    "parts = totals": _finance_parts,
    "OCR numbers are sure": _ocr_doubts,
}
