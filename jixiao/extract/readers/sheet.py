"""Sheets of a workbook (XLSX or XLS) as a Document: its bordered blocks are tables, the rest text.

A form drawn in Excel has its title, 填报单位 line and signature rows outside the ruled area and
the table inside it, as its PDF shows: rows with a bordered cell make a table, the rows between
are lines of text. A sheet without any border is one table.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.extract.deadline import Deadline
from jixiao.extract.errors import TooLargeError
from jixiao.extract.readers.document import Cell, Document, build_grid, row_line
from jixiao.extract.tables import Grid
from jixiao.extract.textnorm import squeeze

# More filled cells than any self-evaluation form has: a data export, refused before it is read whole.
MAX_CELLS = 200_000


def count_cell(total: int, name: str) -> int:
    """``total + 1``, or TooLargeError once a workbook holds more than MAX_CELLS filled cells."""
    total += 1
    if total > MAX_CELLS:
        raise TooLargeError(
            f"{name} has more than {MAX_CELLS:,} filled cells; a self-evaluation form has a few "
            "hundred, check it is a report and not a data export."
        )
    return total


@dataclass(frozen=True)
class SheetCell:
    """A filled (or merged) cell: 0-based position, the text Excel shows, spans, ``Sheet!A1``, borders."""

    row: int
    col: int
    text: str
    rowspan: int
    colspan: int
    ref: str
    boxed: bool = False  # it has a border on some side


def sheet_document(
    source_format: str, sheets: list[tuple[str, list[SheetCell]]], deadline: Deadline
) -> Document:
    """Lines and grids of the sheets in workbook order."""
    lines: list[str] = []
    grids: list[Grid] = []
    since_table: list[str] = []
    for _title, sheet_cells in sheets:
        deadline.check()
        if not any(c.text.strip() for c in sheet_cells):
            continue
        by_row: dict[int, list[SheetCell]] = {}
        for cell in sheet_cells:
            by_row.setdefault(cell.row, []).append(cell)
        ruled = any(c.boxed for c in sheet_cells)
        block: list[SheetCell] = []
        for r in sorted(by_row):
            row = by_row[r]
            if not ruled or any(c.boxed for c in row):
                block.extend(row)
                continue
            if block:
                grids.append(_grid(block, len(grids) + 1, since_table, lines))
                since_table, block = [], []
            line = row_line([_cell(c, 0, 0) for c in row])
            if line:
                lines.append(line)
                since_table.append(line)
        if block:
            grids.append(_grid(block, len(grids) + 1, since_table, lines))
            since_table = []
    return Document(source_format, lines, grids)


def _cell(c: SheetCell, top: int, left: int) -> Cell:
    return Cell(c.row - top, c.col - left, c.text.split("\n"), c.rowspan, c.colspan, c.ref)


def _grid(block: list[SheetCell], number: int, since_table: list[str], lines: list[str]) -> Grid:
    top = min(c.row for c in block)
    bottom = max(c.row for c in block)
    left = min(c.col for c in block)
    # Empty columns between filled ones stay: merged cells may cover them.
    cells = [_cell(c, top, left) for c in block]
    for cell in cells:
        cell.rowspan = min(cell.rowspan, bottom - top - cell.row + 1)
    for r in sorted({c.row for c in cells}):
        line = row_line([c for c in cells if c.row == r])
        if line:
            lines.append(line)
    return build_grid(cells, number, squeeze("".join(since_table)))
