"""One small table-layout engine shared by every template.

A table is a grid of cells (``None`` where a merged cell covers the slot). Layout happens in a
virtual vertical coordinate (the table as if on one endless page); pagination then cuts it into
parts, one per page, optionally repeating the header. Rows may split across a page break the way
Word's "允许跨页断行" does, and a merged cell's long text flows on from one page to the next.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fixturegen.render.document import Document, TextStyle
from fixturegen.render.wrap import Line, wrap


@dataclass
class Cell:
    """One (possibly merged) cell."""

    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    align: str = "center"  # center | left | justify
    valign: str = "middle"  # middle | top
    bold: bool = False
    flow: bool = False  # long merged text that continues across page breaks (reason cells)
    key: str | None = None  # record the page of this cell's first line under this key


Grid = list[list[Cell | None]]


@dataclass
class Table:
    """A table to draw at the document's cursor."""

    col_widths: list[float]
    header: Grid
    body: Grid
    size: float = 10.5
    line_height: float = 13.6
    pad: float = 4.0
    repeat_header: bool = True
    rules: str = "grid"  # grid | threeline
    allow_row_split: bool = True
    min_row_lines: int = 1


@dataclass
class _Part:
    page_offset: int
    header_top: float | None
    y_top: float  # top-down y where virtual v0 is drawn
    v0: float
    v1: float = 0.0


@dataclass
class _Placed:
    cell: Cell
    col: int
    vt: float
    vb: float
    lines: list[Line]
    line_pos: list[tuple[int, float]] = field(default_factory=list)  # (part index, top-down y)


def _x_positions(doc: Document, widths: list[float]) -> list[float]:
    total = sum(widths)
    x = doc.left + (doc.text_width - total) / 2
    xs = [x]
    for w in widths:
        x += w
        xs.append(x)
    return xs


def _wrap_cell(table: Table, cell: Cell, col: int) -> list[Line]:
    width = sum(table.col_widths[col : col + cell.colspan]) - 2 * table.pad
    return wrap(cell.text, width, table.size)


def _heights(table: Table, grid: Grid, wrapped: dict[tuple[int, int], list[Line]]) -> list[float]:
    lh, pad = table.line_height, table.pad
    heights = []
    for r, row in enumerate(grid):
        n = table.min_row_lines
        for c, cell in enumerate(row):
            if cell is not None and cell.rowspan == 1:
                n = max(n, len(wrapped[(r, c)]))
        heights.append(n * lh + 2 * pad)
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is not None and cell.rowspan > 1:
                need = len(wrapped[(r, c)]) * lh + 2 * pad
                last = r + cell.rowspan - 1
                have = sum(heights[r : last + 1])
                if need > have:
                    heights[last] += need - have
    return heights


def _paginate(doc: Document, table: Table, heights: list[float], header_h: float) -> list[_Part]:
    lh, pad = table.line_height, table.pad
    full = doc.bottom - doc.style.margin_top - header_h
    parts = [_Part(0, doc.cur, doc.cur + header_h, 0.0)]
    avail = doc.bottom - parts[0].y_top
    v = 0.0
    for h in heights:
        left = h
        while left > 0.01:
            if left <= avail + 0.01:
                avail -= left
                v += left
                left = 0.0
                continue
            can_split = table.allow_row_split and avail >= 2 * lh + 2 * pad and h > 3 * lh + 2 * pad
            if can_split or avail >= full - 0.01:
                v += avail
                left -= avail
            parts[-1].v1 = v
            top = doc.style.margin_top
            if table.repeat_header:
                parts.append(_Part(len(parts), top, top + header_h, v))
                avail = full
            else:
                parts.append(_Part(len(parts), None, top, v))
                avail = full + header_h
    parts[-1].v1 = v
    return parts


def _part_at(parts: list[_Part], v: float) -> int:
    for i, p in enumerate(parts):
        if p.v0 - 0.01 <= v < p.v1 - 0.01:
            return i
    return len(parts) - 1


def _place_lines(table: Table, placed: _Placed, parts: list[_Part]) -> float:
    """Position a cell's lines across parts; returns how far the text overflows the cell."""
    lh, pad = table.line_height, table.pad
    n = len(placed.lines)
    cell = placed.cell
    if cell.flow or cell.valign == "top":
        v = placed.vt + pad
    elif cell.rowspan > 1:
        first = parts[_part_at(parts, placed.vt)]
        seg_end = min(placed.vb, first.v1)
        v = placed.vt + max(pad, (seg_end - placed.vt - n * lh) / 2)
    else:
        v = placed.vt + max(pad, (placed.vb - placed.vt - n * lh) / 2)
    placed.line_pos = []
    for _ in placed.lines:
        i = _part_at(parts, v)
        if v + lh > parts[i].v1 + 0.01 and i + 1 < len(parts):
            i += 1
            v = parts[i].v0 + pad
        placed.line_pos.append((i, parts[i].y_top + (v - parts[i].v0)))
        v += lh
    return max(0.0, v + pad - placed.vb)


def draw_table(doc: Document, table: Table) -> dict[str, int]:
    """Draw ``table`` at the document cursor; returns {cell key: page of its first line}."""
    lh = table.line_height
    wrapped_h = {
        (r, c): _wrap_cell(table, cell, c)
        for r, row in enumerate(table.header)
        for c, cell in enumerate(row)
        if cell
    }
    wrapped_b = {
        (r, c): _wrap_cell(table, cell, c)
        for r, row in enumerate(table.body)
        for c, cell in enumerate(row)
        if cell
    }
    header_heights = _heights(table, table.header, wrapped_h)
    header_h = sum(header_heights)
    heights = _heights(table, table.body, wrapped_b)
    first_need = header_h + min(heights[0] if heights else 0, 3 * lh + 2 * table.pad)
    if doc.remaining() < first_need:
        doc.new_page()

    for _ in range(8):
        parts = _paginate(doc, table, heights, header_h)
        tops = [0.0]
        for h in heights:
            tops.append(tops[-1] + h)
        placed: list[_Placed] = []
        grow = [0.0] * len(heights)
        for r, row in enumerate(table.body):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                p = _Placed(cell, c, tops[r], tops[r + cell.rowspan], wrapped_b[(r, c)])
                over = _place_lines(table, p, parts)
                if over > 0.5:
                    last = r + cell.rowspan - 1
                    grow[last] = max(grow[last], over)
                placed.append(p)
        if not any(grow):
            break
        heights = [h + g for h, g in zip(heights, grow, strict=True)]

    xs = _x_positions(doc, table.col_widths)
    base_page = doc.page
    keys: dict[str, int] = {}
    for i, part in enumerate(parts):
        if i > 0:
            doc.new_page()
        if part.header_top is not None:
            _draw_header(doc, table, xs, part.header_top, header_heights, wrapped_h)
        for p in placed:
            _draw_cell_part(doc, table, xs, p, parts, i)
            if p.cell.key and p.line_pos and p.line_pos[0][0] == i:
                keys[p.cell.key] = base_page + i
        _draw_rules_part(doc, table, xs, parts, i, header_h, placed)
    last = parts[-1]
    doc.cur = last.y_top + (last.v1 - last.v0) + 6
    return keys


def _text_style(table: Table, cell: Cell) -> TextStyle:
    return TextStyle(
        size=table.size, line_height=table.line_height, indent_chars=0, align=cell.align, bold=cell.bold
    )


def _draw_lines(doc: Document, table: Table, x0: float, width: float, cell: Cell, items) -> None:
    ts = _text_style(table, cell)
    for line, y in items:
        baseline = y + table.line_height / 2 + table.size * 0.36
        doc.draw_line(line, x0 + table.pad, width - 2 * table.pad, baseline, ts)


def _draw_header(doc: Document, table: Table, xs, top: float, heights, wrapped) -> None:
    row_tops = [top]
    for h in heights:
        row_tops.append(row_tops[-1] + h)
    for r, row in enumerate(table.header):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            y0, y1 = row_tops[r], row_tops[r + cell.rowspan]
            x0, x1 = xs[c], xs[c + cell.colspan]
            lines = wrapped[(r, c)]
            start = y0 + max(table.pad, (y1 - y0 - len(lines) * table.line_height) / 2)
            _draw_lines(
                doc,
                table,
                x0,
                x1 - x0,
                cell,
                [(ln, start + k * table.line_height) for k, ln in enumerate(lines)],
            )
            if table.rules == "grid":
                _rect(doc, x0, x1, y0, y1, top=True, bottom=True)


def _rect(doc: Document, x0: float, x1: float, y0: float, y1: float, top: bool, bottom: bool) -> None:
    doc.vline(x0, y0, y1)
    doc.vline(x1, y0, y1)
    if top:
        doc.hline(x0, x1, y0)
    if bottom:
        doc.hline(x0, x1, y1)


def _draw_cell_part(doc: Document, table: Table, xs, p: _Placed, parts: list[_Part], i: int) -> None:
    part = parts[i]
    x0, x1 = xs[p.col], xs[p.col + p.cell.colspan]
    items = [(ln, y) for ln, (pi, y) in zip(p.lines, p.line_pos, strict=True) if pi == i]
    _draw_lines(doc, table, x0, x1 - x0, p.cell, items)
    lo, hi = max(p.vt, part.v0), min(p.vb, part.v1)
    if table.rules == "grid" and hi > lo + 0.01:
        y0 = part.y_top + (lo - part.v0)
        y1 = part.y_top + (hi - part.v0)
        _rect(doc, x0, x1, y0, y1, top=True, bottom=True)


def _draw_rules_part(
    doc: Document, table: Table, xs, parts: list[_Part], i: int, header_h: float, placed
) -> None:
    if table.rules != "threeline":
        return
    part = parts[i]
    x0, x1 = xs[0], xs[-1]
    top = part.header_top if part.header_top is not None else part.y_top
    doc.hline(x0, x1, top, 1.5)
    if part.header_top is not None:
        doc.hline(x0, x1, part.header_top + header_h, 0.75)
    if i == len(parts) - 1:
        doc.hline(x0, x1, part.y_top + (part.v1 - part.v0), 1.5)
