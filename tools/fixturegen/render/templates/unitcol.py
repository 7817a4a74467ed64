"""Table with 指标性质 and 计量单位 columns (values then carry no unit of their own)."""

from __future__ import annotations

from fixturegen.render.document import Document
from fixturegen.render.table import Cell, Table
from fixturegen.render.templates.common import header_cells, merged_levels, name_cell, reason_column
from fixturegen.spec import IndicatorTable

HEADER = [
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "计量单位",
    "年度目标值",
    "实际完成值",
    "未完成原因分析",
]
WIDTHS = [38.0, 50.0, 86.0, 36.0, 38.0, 52.0, 52.0, 70.0]


def build(spec: IndicatorTable, doc: Document) -> Table:
    col1, col2 = merged_levels(spec.rows)
    reasons = reason_column(spec.rows)
    body = []
    for i, row in enumerate(spec.rows):
        body.append(
            [
                col1[i],
                col2[i],
                name_cell(row, i),
                Cell(row.nature_col or ""),
                Cell(row.unit_col or ""),
                Cell(row.target_text),
                Cell(row.actual_text),
                reasons[i],
            ]
        )
    return Table(
        col_widths=list(spec.col_widths or WIDTHS),
        header=[header_cells(HEADER)],
        body=body,
        size=spec.size,
        line_height=spec.size * 1.3,
        pad=3.5,
        repeat_header=spec.repeat_header,
    )
