"""Guangdong 6-column table: 一级指标 | 二级指标 | 三级指标 | 预期值 | 实现值 | 未能完成预期值的原因."""

from __future__ import annotations

from fixturegen.render.document import Document
from fixturegen.render.table import Cell, Table
from fixturegen.render.templates.common import header_cells, merged_levels, name_cell, reason_column
from fixturegen.spec import IndicatorTable

HEADER = ["一级指标", "二级指标", "三级指标", "预期值", "实现值", "未能完成预期值的原因"]
WIDTHS = [50.0, 52.0, 61.0, 54.0, 45.0, 110.0]


def build(spec: IndicatorTable, doc: Document) -> Table:
    """Grid table, level cells top-aligned in their first page, values centred."""
    col1, col2 = merged_levels(spec.rows, valign="top")
    reasons = reason_column(spec.rows)
    body = []
    for i, row in enumerate(spec.rows):
        body.append(
            [col1[i], col2[i], name_cell(row, i), Cell(row.target_text), Cell(row.actual_text), reasons[i]]
        )
    size = spec.size
    return Table(
        col_widths=list(spec.col_widths or WIDTHS),
        header=[header_cells(HEADER)],
        body=body,
        size=size,
        line_height=size * 1.3,
        pad=4.0,
        repeat_header=spec.repeat_header,
    )
