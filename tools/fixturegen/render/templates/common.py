"""Pieces every indicator-table template shares: merged level cells and reason cells."""

from __future__ import annotations

from fixturegen.render.table import Cell
from fixturegen.spec import Indicator


def merged_levels(
    rows: tuple[Indicator, ...], valign: str = "middle"
) -> tuple[list[Cell | None], list[Cell | None]]:
    """Level-1 and level-2 columns with equal consecutive values merged into one cell."""
    col1: list[Cell | None] = []
    col2: list[Cell | None] = []
    i = 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1].level1 == rows[i].level1:
            j += 1
        col1.append(Cell(rows[i].level1, rowspan=j - i + 1, valign=valign))
        col1.extend([None] * (j - i))
        k = i
        while k <= j:
            m = k
            while m + 1 <= j and rows[m + 1].level2 == rows[k].level2:
                m += 1
            col2.append(Cell(rows[k].level2, rowspan=m - k + 1, valign=valign))
            col2.extend([None] * (m - k))
            k = m + 1
        i = j + 1
    return col1, col2


def reason_column(rows: tuple[Indicator, ...], align: str = "justify") -> list[Cell | None]:
    """The reason column: a row's reason cell, merged over ``reason_rows`` rows when asked."""
    out: list[Cell | None] = []
    skip = 0
    for row in rows:
        if skip:
            out.append(None)
            skip -= 1
            continue
        long = len(row.reason) > 2
        out.append(
            Cell(
                row.reason,
                rowspan=row.reason_rows,
                align=align if long else "center",
                flow=row.reason_rows > 1,
            )
        )
        skip = row.reason_rows - 1
    return out


def name_cell(row: Indicator, index: int, align: str = "justify") -> Cell:
    return Cell(row.name, align=align, key=f"row{index}")


def header_cells(labels: list[str]) -> list[Cell | None]:
    return [Cell(label, bold=True) for label in labels]
