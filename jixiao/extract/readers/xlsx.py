"""Excel workbooks (.xlsx): every visible sheet is a grid, each cell as Excel shows it.

openpyxl reads the cached values of formulas (``data_only``: what Excel last computed and showed)
and the merged ranges; a number is printed through its number format (``numfmt``). The provenance of
a cell is ``<sheet>!<A1>``.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from jixiao.core.limits import Limits
from jixiao.extract.deadline import Deadline
from jixiao.extract.errors import CorruptFileError
from jixiao.extract.readers.document import Document
from jixiao.extract.readers.numfmt import format_value
from jixiao.extract.readers.sheet import SheetCell, count_cell, sheet_document


def read_xlsx(path: Path, limits: Limits, deadline: Deadline, name: str) -> Document:
    """Read the visible sheets of a workbook into lines and grids."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it drops
            book = openpyxl.load_workbook(path, data_only=True, read_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise CorruptFileError(
            f"{name} could not be opened as an Excel workbook (damaged or truncated); download it again."
        ) from exc
    try:
        sheets = []
        total = 0
        for ws in book.worksheets:
            if ws.sheet_state != "visible":
                continue
            deadline.check()
            cells, total = _sheet_cells(ws, total, name)
            sheets.append((ws.title, cells))
    finally:
        book.close()
    return sheet_document("xlsx", sheets, deadline)


def _sheet_cells(ws: Any, total: int, name: str) -> tuple[list[SheetCell], int]:
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        merged[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    covered.add((r, c))
    cells: list[SheetCell] = []
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None and (cell.row, cell.column) not in merged:
                continue
            if (cell.row, cell.column) in covered:
                continue
            total = count_cell(total, name)
            rowspan, colspan = merged.get((cell.row, cell.column), (1, 1))
            text = format_value(cell.value, cell.number_format)
            ref = f"{ws.title}!{get_column_letter(cell.column)}{cell.row}"
            cells.append(SheetCell(cell.row - 1, cell.column - 1, text, rowspan, colspan, ref, _boxed(cell)))
    return cells, total


def _boxed(cell: Any) -> bool:
    border = cell.border
    return any(getattr(border, side).style for side in ("left", "right", "top", "bottom"))
