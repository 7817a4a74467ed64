"""How many injected misreads the self-checks catch (issue 14, item 4).

Parses every fixture PDF with a truth file (samples/, tests/fixtures/, and the genre corpus's train split),
keeps the reports whose own self-checks pass, then injects one misread at a time into the parsed report
(a row's 得分 or 分值 read wrong, the total score, a budget or finance figure, the 执行率, a row lost
or read twice, an actual value's decimal point) and counts how often ``self_checks`` flags it. Prints
the catch rate per kind of misread. Usage: ``python benchmarks/selfcheck_catch.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from jixiao.extract import ParsedReport, parse_report
from jixiao.extract.model import FinanceFigure, IndicatorRow, Value
from jixiao.extract.selfcheck import CHECKS, self_checks

ROOT = Path(__file__).resolve().parents[1]

Misread = Callable[[ParsedReport], Iterator[ParsedReport]]


def _rows(report: ParsedReport, index: int, row: IndicatorRow | None) -> ParsedReport:
    rows = list(report.indicators)
    if row is None:
        del rows[index]
    else:
        rows[index] = row
    return replace(report, indicators=tuple(rows))


def row_score(report: ParsedReport) -> Iterator[ParsedReport]:
    """A row's 得分 read with one digit wrong (8 → 6, 9.5 → 5.5)."""
    for i, row in enumerate(report.indicators):
        if row.score is not None:
            yield _rows(report, i, replace(row, score=row.score - 2 if row.score >= 2 else row.score + 2))


def row_weight(report: ParsedReport) -> Iterator[ParsedReport]:
    """A row's 分值 read with one digit wrong (10 → 18)."""
    for i, row in enumerate(report.indicators):
        if row.weight is not None:
            yield _rows(report, i, replace(row, weight=row.weight + 8))


def total_score(report: ParsedReport) -> Iterator[ParsedReport]:
    """The 自评总分 read wrong (96.5 → 95.6)."""
    ev = report.evaluation
    if ev.self_score is not None:
        yield replace(report, evaluation=replace(ev, self_score=round(ev.self_score - 0.9, 2)))


def finance_figure(report: ParsedReport) -> Iterator[ParsedReport]:
    """A finance amount with a digit wrong (+9 in its units place)."""
    for i, fig in enumerate(report.finance):
        figures = list(report.finance)
        figures[i] = FinanceFigure(fig.item_code, fig.amount_wan_yuan + Decimal(9), fig.page, fig.source_text)
        yield replace(report, finance=tuple(figures))


def execution_rate(report: ParsedReport) -> Iterator[ParsedReport]:
    """The printed 执行率 read wrong (95.29 → 59.29)."""
    if report.budget_execution and report.budget_execution[0] is not None:
        rate, weight, score = report.budget_execution
        yield replace(report, budget_execution=(rate - 36.0, weight, score))


def lost_row(report: ParsedReport) -> Iterator[ParsedReport]:
    """A row lost (at a page break)."""
    for i in range(len(report.indicators)):
        yield _rows(report, i, None)


def doubled_row(report: ParsedReport) -> Iterator[ParsedReport]:
    """A row read twice (a repeated header row's neighbour, a page break)."""
    for row in report.indicators:
        yield replace(
            report, indicators=(*report.indicators, replace(row, row_no=len(report.indicators) + 1))
        )


def actual_value(report: ParsedReport) -> Iterator[ParsedReport]:
    """An actual value's decimal point lost (93.2 → 932): no redundancy states it twice."""
    for i, row in enumerate(report.indicators):
        if row.actual.number is not None:
            actual = Value(row.actual.text, row.actual.op, row.actual.number * 10, row.actual.unit)
            yield _rows(report, i, replace(row, actual=actual))


MISREADS: dict[str, Misread] = {
    "row 得分": row_score,
    "row 分值": row_weight,
    "自评总分": total_score,
    "finance figure": finance_figure,
    "执行率": execution_rate,
    "row lost": lost_row,
    "row read twice": doubled_row,
    "actual value": actual_value,
}


def corpus() -> list[Path]:
    pdfs = sorted((ROOT / "samples" / "reports").glob("*.pdf"))
    pdfs += sorted(p for p in (ROOT / "tests" / "fixtures").rglob("*.pdf") if "bad" not in p.parts)
    return [p for p in pdfs if "validation" not in p.parts]


def main() -> int:
    reports = []
    flagged = []
    for pdf in corpus():
        try:
            report = parse_report(pdf)
        except Exception as exc:
            print(f"{pdf.name}: rejected ({exc})")
            continue
        (flagged if report.self_checks else reports).append(report)
    print(f"{len(reports)} reports pass their self-checks; {len(flagged)} are flagged as parsed:")
    for report in flagged:
        print(f"  {report.source_file}: {'; '.join(report.self_checks)}")
    print("caught by all checks together, then by each check alone:")
    print(f"{'misread':<16} {'injected':>9} {'caught':>7} {'rate':>7}  " + "  ".join(CHECKS))
    for name, inject in MISREADS.items():
        injected = caught = 0
        by_check = dict.fromkeys(CHECKS, 0)
        for report in reports:
            for mutated in inject(report):
                injected += 1
                caught += bool(self_checks(mutated))
                for check, run in CHECKS.items():
                    by_check[check] += bool(run(mutated))
        rate = f"{caught / injected:.1%}" if injected else "-"
        alone = "  ".join(f"{by_check[c] / injected:>{len(c)}.0%}" if injected else "-" for c in CHECKS)
        print(f"{name:<16} {injected:>9} {caught:>7} {rate:>7}  {alone}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
