"""The intermediate every reader produces, and the grid builder they share."""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.extract.tables import Grid, GridCell
from jixiao.extract.textnorm import join_fragments

# Synthetic geometry: the assembler matches cells to header columns by x-position and fills merged
# cells down by their bottom edge, so a column is _COL wide and a row _ROW high.
_COL = 100.0
_ROW = 10.0


@dataclass
class Document:
    """A report read from a file without pages (DOCX, XLSX, XLS, HTML)."""

    source_format: str  # "docx" | "xlsx" | "xls" | "html"
    lines: list[str]  # paragraphs and table rows, in reading order
    grids: list[Grid]  # every data table, in reading order
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Cell:
    """One cell of a reader's table: its grid position, spans, lines of text and provenance."""

    row: int  # 0-based
    col: int  # 0-based
    lines: list[str]
    rowspan: int = 1
    colspan: int = 1
    ref: str | None = None

    @property
    def text(self) -> str:
        return join_fragments(self.lines)


def build_grid(cells: list[Cell], number: int, text_above: str = "") -> Grid:
    """A ``Grid`` from positioned cells: a merged cell sits in its first row and column, ``None`` under it.

    ``number`` stands in for the page (the table's or sheet's ordinal); provenance is on each cell.
    """
    nrows = max((c.row + c.rowspan for c in cells), default=0)
    ncols = max((c.col + c.colspan for c in cells), default=0)
    rows: list[list[GridCell | None]] = [[None] * ncols for _ in range(nrows)]
    for cell in cells:
        rows[cell.row][cell.col] = GridCell(
            cell.col * _COL,
            (cell.col + cell.colspan) * _COL,
            cell.row * _ROW,
            (cell.row + cell.rowspan) * _ROW,
            cell.text,
            [ln for ln in cell.lines if ln.strip()],
            cell.ref,
        )
    return Grid(
        number, 0.0, nrows * _ROW, max(nrows, 1) * _ROW + _ROW, rows, ruled=True, text_above=text_above
    )


def row_line(cells: list[Cell]) -> str:
    """A table row as a line of text: its cells left to right, a merged cell once (as a PDF prints it)."""
    return " ".join(c.text for c in sorted(cells, key=lambda c: c.col) if c.text)
