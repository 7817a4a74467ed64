"""Legacy Excel workbooks (.xls, BIFF): every visible sheet is a grid, as ``xlsx`` reads them.

xlrd reads the merged ranges and each cell's format (``formatting_info``), so numbers are shown
through their number format as in Excel; formulas carry their last computed value in the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlrd
from openpyxl.utils import get_column_letter

from jixiao.core.limits import Limits
from jixiao.extract.deadline import Deadline
from jixiao.extract.errors import CorruptFileError, EncryptedError
from jixiao.extract.readers.document import Document
from jixiao.extract.readers.numfmt import format_value
from jixiao.extract.readers.sheet import SheetCell, count_cell, sheet_document


def read_xls(path: Path, limits: Limits, deadline: Deadline, name: str) -> Document:
    """Read the visible sheets of a .xls workbook into lines and grids."""
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise EncryptedError(
                f"{name} is protected with a password; ask the publisher for an unprotected copy "
                "(or open it with the password and save it without one)."
            ) from exc
        raise CorruptFileError(
            f"{name} could not be read as an Excel 97-2003 workbook (damaged); download it again."
        ) from exc
    except (OSError, AssertionError, IndexError, KeyError, ValueError) as exc:
        raise CorruptFileError(
            f"{name} could not be read as an Excel 97-2003 workbook (damaged); download it again."
        ) from exc
    try:
        sheets = []
        total = 0
        for index in range(book.nsheets):
            ws = book.sheet_by_index(index)
            if ws.visibility != 0:
                continue
            deadline.check()
            cells, total = _sheet_cells(book, ws, total, name)
            sheets.append((ws.name, cells))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return sheet_document("xls", sheets, deadline)


def _sheet_cells(book: Any, ws: Any, total: int, name: str) -> tuple[list[SheetCell], int]:
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for rlo, rhi, clo, chi in ws.merged_cells:
        merged[(rlo, clo)] = (rhi - rlo, chi - clo)
        covered |= {(r, c) for r in range(rlo, rhi) for c in range(clo, chi)} - {(rlo, clo)}
    cells: list[SheetCell] = []
    for r in range(ws.nrows):
        for c in range(ws.ncols):
            cell = ws.cell(r, c)
            if (r, c) in covered or (
                cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK) and (r, c) not in merged
            ):
                continue
            total = count_cell(total, name)
            rowspan, colspan = merged.get((r, c), (1, 1))
            ref = f"{ws.name}!{get_column_letter(c + 1)}{r + 1}"
            cells.append(SheetCell(r, c, _text(book, cell), rowspan, colspan, ref, _boxed(book, cell)))
    return cells, total


def _text(book: Any, cell: Any) -> str:
    fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key) if cell.xf_index is not None else None
    number_format = fmt.format_str if fmt is not None else None
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return format_value(cell.value, number_format)
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return format_value(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode), number_format)
        except (ValueError, OverflowError):
            return format_value(cell.value, None)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return format_value(bool(cell.value), None)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERR")
    return str(cell.value)


def _boxed(book: Any, cell: Any) -> bool:
    if cell.xf_index is None:
        return False
    border = book.xf_list[cell.xf_index].border
    return any(
        (border.left_line_style, border.right_line_style, border.top_line_style, border.bottom_line_style)
    )
