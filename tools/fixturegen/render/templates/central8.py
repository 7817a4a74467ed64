"""Central / Hunan style: budget block and two-row indicator header in one grid, 分值/得分, 总分 row."""

from __future__ import annotations

from fixturegen.render.document import Document
from fixturegen.render.table import Cell, Table
from fixturegen.render.templates.common import merged_levels, name_cell, reason_column
from fixturegen.spec import IndicatorTable

WIDTHS = [40.0, 52.0, 84.0, 56.0, 56.0, 32.0, 32.0, 66.0]


def _fmt(x: float | None) -> str:
    if x is None:
        return ""
    return f"{x:g}"


def build(spec: IndicatorTable, doc: Document) -> Table:
    """Budget rows, then the indicator header as ordinary (non-repeating) rows, then indicators."""
    widths = list(spec.col_widths or WIDTHS)
    body: list[list[Cell | None]] = []
    if spec.budget:
        n = len(spec.budget.rows)
        body.append(
            [
                Cell("年度预算执行情况（万元）", rowspan=n + 1, bold=True),
                Cell(""),
                *[
                    Cell(t, bold=True)
                    for t in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
                ],
            ]
        )
        for label, *vals in spec.budget.rows:
            body.append([None, Cell(label, align="left"), *[Cell(x) for x in vals]])
    body.append(
        [
            Cell("年度绩效指标", colspan=3, bold=True),
            None,
            None,
            Cell("年度指标值", rowspan=2, bold=True),
            Cell("实际完成值", rowspan=2, bold=True),
            Cell("分值", rowspan=2, bold=True),
            Cell("得分", rowspan=2, bold=True),
            Cell("偏差原因分析及改进措施", rowspan=2, bold=True),
        ]
    )
    body.append(
        [Cell("一级指标", bold=True), Cell("二级指标", bold=True), Cell("三级指标", bold=True)] + [None] * 5
    )
    col1, col2 = merged_levels(spec.rows)
    reasons = reason_column(spec.rows)
    for i, row in enumerate(spec.rows):
        body.append(
            [
                col1[i],
                col2[i],
                name_cell(row, i),
                Cell(row.target_text),
                Cell(row.actual_text),
                Cell(_fmt(row.weight)),
                Cell(_fmt(row.score)),
                reasons[i],
            ]
        )
    if spec.total_row:
        body.append(
            [
                Cell("总分", colspan=5, bold=True),
                None,
                None,
                None,
                None,
                Cell(spec.total_row[0]),
                Cell(spec.total_row[1]),
                Cell(""),
            ]
        )
    return Table(
        col_widths=widths,
        header=[
            [
                Cell("项目", colspan=2, bold=True),
                None,
                Cell(spec.caption or "部门整体支出绩效自评表", colspan=6, bold=True),
            ]
            + [None] * 5
        ],
        body=body,
        size=spec.size,
        line_height=spec.size * 1.25,
        pad=3.0,
        repeat_header=False,
    )
