"""Three-line table (horizontal rules only), meant for landscape pages."""

from __future__ import annotations

from fixturegen.render.document import Document
from fixturegen.render.table import Cell, Table
from fixturegen.render.templates.common import header_cells, merged_levels, name_cell, reason_column
from fixturegen.spec import IndicatorTable

HEADER = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "未完成原因和改进措施",
]


def _fmt(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def build(spec: IndicatorTable, doc: Document) -> Table:
    col1, col2 = merged_levels(spec.rows, valign="top")
    reasons = reason_column(spec.rows, align="left")
    w = doc.text_width
    widths = list(spec.col_widths or [w * f for f in (0.08, 0.11, 0.25, 0.11, 0.11, 0.06, 0.06, 0.22)])
    body = []
    for i, row in enumerate(spec.rows):
        body.append(
            [
                col1[i],
                col2[i],
                name_cell(row, i, align="left"),
                Cell(row.target_text),
                Cell(row.actual_text),
                Cell(_fmt(row.weight)),
                Cell(_fmt(row.score)),
                reasons[i],
            ]
        )
    return Table(
        col_widths=widths,
        header=[header_cells(HEADER)],
        body=body,
        size=spec.size,
        line_height=spec.size * 1.35,
        pad=3.0,
        repeat_header=spec.repeat_header,
        rules="threeline",
    )
