"""Table geometry: turn one pdfplumber page into grids of cell texts.

Ruled tables come from pdfplumber's lines strategy; "three-line" tables (horizontal rules only) get
their columns from the header cells' x-positions and their rows from the text lines.
Merged cells keep pdfplumber's convention: the cell is in its first row, ``None`` below / to the right.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from operator import itemgetter
from statistics import median
from typing import Any

from jixiao.extract.furniture import is_page_number
from jixiao.extract.textnorm import join_fragments

_TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
TABLE_SETTINGS = _TABLE_SETTINGS  # also lays out the text of a scanned page cell by cell
HEADER_WORDS = re.compile(
    r"一级指标|二级指标|三级指标|指标名称|预期值|指标值|实现值|实际完成值|完成值|目标值|实际值"
)


@dataclass
class GridCell:
    """One drawn cell (a merged cell once) and its text, wrapped lines joined."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str = ""
    lines: list[str] = field(default_factory=list)
    ref: str | None = None  # where a reader of a page-less format found it ("表2第5行", "Sheet1!C7")

    @property
    def xmid(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Grid:
    """A table fragment on one page: rows of cells aligned on the fragment's column starts."""

    page: int
    top: float
    bottom: float
    page_height: float
    rows: list[list[GridCell | None]]
    ruled: bool = True
    text_above: str = ""  # page text between the page top and the grid, squeezed
    text_below: str = ""  # page text below the grid, squeezed
    bounds: list[float] = field(default_factory=list)  # column edges of a rule-less table
    labels: list[str] = field(default_factory=list)  # its header labels, one per column
    closed: bool = True  # a rule-less table ended by a rule on this page (it does not carry on)


@dataclass
class _Line:
    top: float
    bottom: float
    size: float
    chars: list[dict[str, Any]]


def page_grids(page: Any, page_number: int, carry: Grid | None = None) -> list[Grid]:
    """Every table on a pdfplumber page (after ``dedupe_chars``), top to bottom.

    ``carry`` is the previous page's last fragment of a rule-less table, whose columns a header-less
    continuation reuses.
    """
    chars = [c for c in page.chars if c.get("text", "").strip()]
    grids: list[Grid] = []
    settings = _TABLE_SETTINGS
    feet = open_feet(page.edges)
    if feet:
        settings = {**_TABLE_SETTINGS, "explicit_horizontal_lines": feet}
    for table in page.find_tables(settings):
        grid = _grid_from_table(table, chars, page_number, float(page.height))
        if grid is not None and len(grid.rows) >= 1:
            grids.append(grid)
    grids.sort(key=lambda g: g.top)
    if not any(has_header(g) for g in grids):
        three_line = _three_line_grid(page, chars, page_number, grids, carry)
        if three_line is not None:
            grids.append(three_line)
            grids.sort(key=lambda g: g.top)
    for index, grid in enumerate(grids):
        if grid.ruled:
            limit = grids[index + 1].top if index + 1 < len(grids) else float(page.height)
            taken = _overhanging_text(grid, [c for c in chars if grid.bottom - 1 <= c["top"] < limit])
            chars = [c for c in chars if id(c) not in taken]
        above = [c for c in chars if c["bottom"] <= grid.top + 1]
        grid.text_above = "".join(line_text(line) for line in _lines(above))
        below = [c for c in chars if c["top"] >= grid.bottom - 1]
        grid.text_below = "".join(line_text(line) for line in _lines(below))
    return grids


def _overhanging_text(grid: Grid, below: list[dict[str, Any]]) -> set[int]:
    """Give empty merged cells at a grid's foot the text drawn under the grid; the ids of those chars.

    A browser centres a merged cell's text on its whole height, so when the page breaks inside the
    merged rows the text ("产出指标") can fall below the page's part of the table. Only empty cells that
    reach the grid's foot take text: the lines right under the grid lying wholly inside the cell's
    columns (a page number ends them). A cell of the last row alone takes only a hierarchy label.
    """
    last_top = max((c.top for c in grid.rows[-1] if c is not None), default=grid.bottom)
    open_cells = [
        c for row in grid.rows for c in row if c is not None and not c.text and c.bottom >= grid.bottom - 1
    ]
    found: dict[int, list[_Line]] = {}
    for line in _lines(below):
        if is_page_number(line_text(line)):
            break
        x0 = min(c["x0"] for c in line.chars)
        x1 = max(c["x1"] for c in line.chars)
        cell = next((c for c in open_cells if c.x0 - 1 <= x0 and x1 <= c.x1 + 1), None)
        if cell is None:
            break  # other text under the table: the overhang (if any) has ended
        found.setdefault(id(cell), []).append(line)
    taken: set[int] = set()
    for cell in open_cells:
        lines = found.get(id(cell), [])
        text = join_fragments([line_text(line) for line in lines])
        # A cell of the last row alone may be an empty value with a caption under it; it takes the text
        # only when that is a hierarchy label (its merged rows go on over the page break).
        if not lines or (cell.top >= last_top - 1 and not _HIERARCHY_LABEL.fullmatch(text)):
            continue
        cell.lines = [line_text(line) for line in lines]
        cell.text = text
        taken |= {id(c) for line in lines for c in line.chars}
    return taken


_HIERARCHY_LABEL = re.compile(r"[\u4e00-\u9fff]{1,12}指标|产出|效益|满意度|成本")


# Column rules ending within this distance of each other end at one table foot.
_FOOT_TOLERANCE = 3.0


def open_feet(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rules closing the foot of a ruled table where its bottom rule leaves a gap.

    A merged cell that goes on over the page break (一级 "产出指标" over rows on two pages) is drawn
    open at the page foot by spreadsheet and word processors alike: its column rules reach the table's
    foot, but the bottom rule runs only under the cells that end there, so the table finder drops the
    open cell and its text. Where three or more column rules end at a partly drawn bottom rule and no
    column rule between them goes on below it, that rule is completed between the outermost of them.
    """
    verticals = sorted(_joined_verticals(edges), key=lambda e: e["bottom"])
    groups: list[list[dict[str, Any]]] = []
    for edge in verticals:
        if groups and edge["bottom"] - groups[-1][-1]["bottom"] <= _FOOT_TOLERANCE:
            groups[-1].append(edge)
        else:
            groups.append([edge])
    horizontals = [e for e in edges if e["orientation"] == "h"]
    feet: list[dict[str, Any]] = []
    for group in groups:
        xs = sorted({round(float(e["x0"]), 1) for e in group})
        if len(xs) < 3:
            continue
        y = max(float(e["bottom"]) for e in group)
        left, right = xs[0], xs[-1]
        drawn = sorted(
            (max(float(e["x0"]), left), min(float(e["x1"]), right))
            for e in horizontals
            if abs(float(e["top"]) - y) <= _FOOT_TOLERANCE and e["x1"] > left and e["x0"] < right
        )
        if not drawn or _covers(drawn, left, right):
            continue  # no bottom rule at all (not a foot), or a whole one
        # The table's width: the rules drawn across it above the foot, from the group's top down.
        top = min(float(e["top"]) for e in group)
        across = [
            e
            for e in horizontals
            if top - _FOOT_TOLERANCE <= e["top"] <= y and e["x1"] > left and e["x0"] < right
        ]
        table_left = min([left, *(float(e["x0"]) for e in across)])
        table_right = max([right, *(float(e["x1"]) for e in across)])
        if any(
            table_left - _FOOT_TOLERANCE <= e["x0"] <= table_right + _FOOT_TOLERANCE
            and e["top"] < y - _FOOT_TOLERANCE
            and e["bottom"] > y + _FOOT_TOLERANCE
            for e in verticals
        ):
            continue  # a rule of the table goes on below: a merged cell inside it, not its foot
        feet.append(
            {"object_type": "line", "x0": left, "x1": right, "top": y, "bottom": y, "width": right - left}
        )
    return feet


def _joined_verticals(edges: list[dict[str, Any]]) -> list[dict[str, float]]:
    """Vertical rules with the segments of one line joined (a form drawn cell by cell draws a column
    rule as one segment per row)."""
    by_x: dict[float, list[tuple[float, float]]] = {}
    for e in edges:
        if e["orientation"] == "v":
            by_x.setdefault(round(float(e["x0"]) * 2) / 2, []).append((float(e["top"]), float(e["bottom"])))
    joined: list[dict[str, float]] = []
    for x, spans in by_x.items():
        spans.sort()
        top, bottom = spans[0]
        for a, b in [*spans[1:], (float("inf"), float("inf"))]:
            if a <= bottom + 1:
                bottom = max(bottom, b)
                continue
            if bottom - top > _FOOT_TOLERANCE:
                joined.append({"x0": x, "top": top, "bottom": bottom})
            top, bottom = a, b
    return joined


def _covers(spans: list[tuple[float, float]], left: float, right: float) -> bool:
    """Whether sorted spans cover [left, right] but for gaps of at most the foot tolerance."""
    reach = left
    for x0, x1 in spans:
        if x0 > reach + _FOOT_TOLERANCE:
            return False
        reach = max(reach, x1)
    return reach >= right - _FOOT_TOLERANCE


def has_header(grid: Grid) -> bool:
    """True when one of the grid's rows is an indicator-table header."""
    return any(len(HEADER_WORDS.findall("".join(c.text for c in row if c))) >= 2 for row in grid.rows)


def _grid_from_table(table: Any, chars: list[dict[str, Any]], page_number: int, height: float) -> Grid | None:
    cells = [GridCell(x0, x1, top, bottom) for (x0, top, x1, bottom) in table.cells]
    if len(cells) < 2:
        return None
    x0, top, x1, bottom = table.bbox
    _fill_cells(cells, [c for c in chars if _inside(c, x0, top, x1, bottom)])
    by_pos = {(round(c.x0, 2), round(c.top, 2)): c for c in cells}
    xs = sorted({round(c.x0, 2) for c in cells})
    tops = sorted({round(c.top, 2) for c in cells})
    rows = [[by_pos.get((x, t)) for x in xs] for t in tops]
    return Grid(page_number, top, bottom, height, rows, ruled=True)


def _inside(char: dict[str, Any], x0: float, top: float, x1: float, bottom: float) -> bool:
    cx = (char["x0"] + char["x1"]) / 2
    cy = (char["top"] + char["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _fill_cells(cells: list[GridCell], chars: list[dict[str, Any]]) -> None:
    """Give every cell the text of the characters whose centres fall inside it."""
    ordered = sorted(cells, key=lambda c: c.x0)
    starts = [c.x0 for c in ordered]
    owner: dict[int, GridCell] = {}
    for char in chars:
        cx = (char["x0"] + char["x1"]) / 2
        cy = (char["top"] + char["bottom"]) / 2
        # Only cells starting left of the centre can hold it; scan those from the nearest.
        for i in range(bisect_right(starts, cx) - 1, -1, -1):
            cell = ordered[i]
            if cell.x0 <= cx <= cell.x1 and cell.top <= cy <= cell.bottom:
                owner[id(char)] = cell
                break
    placed = [c for c in chars if id(c) in owner]
    _keep_runs_whole(placed, owner)
    buckets: dict[int, list[dict[str, Any]]] = {}
    for char in placed:
        buckets.setdefault(id(owner[id(char)]), []).append(char)
    for cell in cells:
        lines = [line_text(line) for line in _lines(buckets.get(id(cell), []))]
        cell.lines = [ln for ln in lines if ln]
        cell.text = join_fragments(cell.lines)


def _keep_runs_whole(chars: list[dict[str, Any]], owner: dict[int, GridCell]) -> None:
    """Give a run of touching characters that crosses a column rule to the cell holding most of it.

    Text wider than its cell (a program drawing a form does not wrap it: "举办全民健身赛事活动（场）")
    runs over the rule, and its last characters would go by their centres to the next cell; a cell's own
    text keeps its padding from the rule, so touching characters are one piece of text.
    """
    for line in _lines(chars):
        runs: list[list[dict[str, Any]]] = []
        for char in line.chars:
            if runs and char["x0"] - runs[-1][-1]["x1"] <= 0.05 * line.size:
                runs[-1].append(char)
            else:
                runs.append([char])
        for run in runs:
            if len({id(owner[id(c)]) for c in run}) < 2:
                continue
            width: dict[int, float] = {}
            for char in run:
                key = id(owner[id(char)])
                width[key] = width.get(key, 0.0) + char["x1"] - char["x0"]
            best = max(run, key=lambda c: width[id(owner[id(c)])])
            cell = owner[id(best)]
            for char in run:
                owner[id(char)] = cell


def _lines(chars: list[dict[str, Any]]) -> list[_Line]:
    """Group characters into text lines (by vertical overlap), each sorted left to right."""
    lines: list[_Line] = []
    line: _Line | None = None
    # the open line's extent in locals (min/max spelt out: the same values, no calls)
    top = bottom = line_size = 0.0
    for char in sorted(chars, key=_TOP_X0):
        char_top, char_bottom = char["top"], char["bottom"]
        size = char_bottom - char_top
        if line is not None and abs((char_top + char_bottom) / 2 - (top + bottom) / 2) < 0.5 * (
            line_size if line_size > size else size
        ):
            line.chars.append(char)
            if char_top < top:
                top = line.top = char_top
            if char_bottom > bottom:
                bottom = line.bottom = char_bottom
            continue
        line = _Line(char_top, char_bottom, size, [char])
        lines.append(line)
        top, bottom, line_size = char_top, char_bottom, size
    for line in lines:
        line.chars.sort(key=_X0)
    return lines


_TOP_X0 = itemgetter("top", "x0")
_X0 = itemgetter("x0")


def text_lines(chars: list[dict[str, Any]]) -> list[str]:
    """The text of these characters line by line, top to bottom."""
    return [line_text(line) for line in _lines(chars)]


def line_text(line: _Line) -> str:
    """Characters of a line in order; a space only where two Latin/digit runs are visibly apart."""
    out = ""
    prev: dict[str, Any] | None = None
    for char in line.chars:
        text = char["text"]
        latin_pair = bool(out) and out[-1].isascii() and out[-1].isalnum() and text[:1].isascii()
        if (
            prev is not None
            and latin_pair
            and text[:1].isalnum()
            and char["x0"] - prev["x1"] > 0.25 * line.size
        ):
            out += " "
        out += text
        prev = char
    return out


# --- three-line tables ------------------------------------------------------------------------------


# Columns whose cells are merged over several rows or top-aligned: they do not delimit rows.
_FLOWING_HEADER = re.compile(r"一级|二级|原因|偏差|措施|说明|备注")
# Of those, the ones whose text may run on from the previous page (long explanations).
_RUN_ON_HEADER = re.compile(r"原因|偏差|措施|说明|备注")


@dataclass
class _Block:
    col: int
    top: float
    bottom: float
    lines: list[str]


def _three_line_grid(
    page: Any, chars: list[dict[str, Any]], page_number: int, ruled: list[Grid], carry: Grid | None
) -> Grid | None:
    """A grid for a table drawn with horizontal rules only.

    Columns come from the header cells' x-positions; on a continuation page without a header, from
    ``carry`` (the previous page's fragment of the same table).
    """
    free = [c for c in chars if not any(g.top - 1 <= c["top"] <= g.bottom + 1 for g in ruled)]
    if not free:
        return None
    rules = sorted(
        {round(float(e["top"]), 1) for e in page.edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 100}
    )
    header = _find_header(free, rules)
    if header is not None:
        head_top, body_top, spans = header
        table_bottom = next((r for r in rules if r > body_top + 2), float(page.height))
        body_chars = [c for c in free if c["top"] >= body_top - 1 and c["bottom"] <= table_bottom + 1]
        gaps = [(float(a[1]), float(b[0])) for a, b in itertools.pairwise(spans)]
        table_bottom, body_chars = _cut_below_rows(body_chars, gaps, table_bottom)
        bounds = _column_bounds(spans, body_chars, float(page.bbox[0]), float(page.bbox[2]))
        labels = [sp[2] for sp in spans]
    elif carry is not None and carry.bounds and not carry.closed:
        # No header on this page: the rule-less table carries on with the previous page's columns.
        first_text = min(c["top"] for c in free)
        above = [r for r in rules if r <= first_text + 1]
        head_top = body_top = above[-1] if above else first_text - 1
        table_bottom = next((r for r in rules if r > body_top + 2), float(page.height))
        body_chars = [c for c in free if c["top"] >= body_top - 1 and c["bottom"] <= table_bottom + 1]
        edges = [(x, x) for x in carry.bounds[1:-1]]
        table_bottom, body_chars = _cut_below_rows(body_chars, edges, table_bottom)
        bounds, labels = carry.bounds, carry.labels
    else:
        return None
    flowing = {i for i, label in enumerate(labels) if _FLOWING_HEADER.search(label)}
    run_on = {i for i, label in enumerate(labels) if _RUN_ON_HEADER.search(label)}
    rows = _three_line_rows(
        body_chars, bounds, flowing, run_on, body_top, table_bottom, table_starts=header is not None
    )
    if header is not None:
        header_row: list[GridCell | None] = [
            GridCell(bounds[i], bounds[i + 1], head_top, body_top, label, [label])
            for i, label in enumerate(labels)
        ]
        rows = [header_row, *rows]
    if not rows:
        return None
    grid = Grid(page_number, head_top - 2, table_bottom, float(page.height), rows, ruled=False)
    grid.bounds, grid.labels = bounds, labels
    grid.closed = table_bottom < float(page.height)
    return grid


# The first words of the lines a form prints under its table: notes, the signature lines, a score line.
_BELOW_ROWS = re.compile(
    r"^(?:注|说明|备注|填报人|填表人|填报日期|联系电话|审核人|单位负责人|财务负责人|项目负责人|负责人"
    r"|自评总分|自评得分|评价等级|自评等级)[:：]"
)


def _cut_below_rows(
    chars: list[dict[str, Any]], gaps: list[tuple[float, float]], bottom: float
) -> tuple[float, list[dict[str, Any]]]:
    """(bottom, chars) of a rule-less table's body without the lines under its rows that no rule closes
    off: from the first line that is a note or signature line (注：, 填报人：, …) or that runs across the
    ``gaps`` between columns (between the header's cells, or a column edge) like a paragraph, the text is
    not the table's."""
    first_column_end = gaps[0][1] if gaps else float("inf")
    for line in _lines(chars):
        # A note opens at the table's left edge; "说明：…" starting a line of the reason column is a cell.
        note = line.chars[0]["x0"] < first_column_end and _BELOW_ROWS.match(line_text(line).replace(" ", ""))
        if note or _runs_across(line, gaps):
            return line.top - 1, [c for c in chars if c["top"] < line.top - 1]
    return bottom, chars


def _runs_across(line: _Line, gaps: list[tuple[float, float]]) -> bool:
    """True when one unbroken run of the line's text spans two whole gaps between columns: a sentence,
    not cells (a cell starts in the gap left of its column and wraps inside it; running over into the
    next column it spans one gap at most)."""
    start = 0.0
    previous: dict[str, Any] | None = None
    for char in line.chars:
        if previous is None or char["x0"] - previous["x1"] > 0.5 * line.size:
            start = char["x0"]
        previous = char
        if sum(1 for x0, x1 in gaps if start < x0 and x1 < char["x1"]) >= 2:
            return True
    return False


def _find_header(
    chars: list[dict[str, Any]], rules: list[float]
) -> tuple[float, float, list[list[Any]]] | None:
    """(top, bottom, column spans) of a rule-less table's header, or None.

    The header sits between two rules (its cells may wrap: "年度指/标值"), or, without rules, on a
    line naming two header words.
    """
    regions = [(a, b) for a, b in itertools.pairwise(rules) if 4 < b - a < 120]
    lines = _lines(chars)
    regions += [
        (ln.top - 1, next((r for r in rules if r > ln.bottom - 1), ln.bottom + 1))
        for ln in lines
        if len(HEADER_WORDS.findall(line_text(ln))) >= 2
    ]
    for top, bottom in regions:
        inside = [c for c in chars if top <= (c["top"] + c["bottom"]) / 2 <= bottom]
        spans = _header_spans(inside)
        if len(spans) >= 3 and len(HEADER_WORDS.findall("|".join(sp[2] for sp in spans))) >= 2:
            return top, bottom, spans
    return None


def _header_spans(chars: list[dict[str, Any]]) -> list[list[Any]]:
    """Header cells: characters merged by horizontal overlap, each cell's wrapped lines joined."""
    spans: list[list[Any]] = []  # [x0, x1, chars]
    for char in sorted(chars, key=lambda c: c["x0"]):
        size = char["bottom"] - char["top"]
        if spans and char["x0"] <= spans[-1][1] + 0.6 * size:
            spans[-1][1] = max(spans[-1][1], char["x1"])
            spans[-1][2].append(char)
        else:
            spans.append([char["x0"], char["x1"], [char]])
    return [[x0, x1, join_fragments([line_text(ln) for ln in _lines(cs)])] for x0, x1, cs in spans]


def _column_bounds(
    spans: list[list[Any]], chars: list[dict[str, Any]], left: float, right: float
) -> list[float]:
    """Column edges: in each gap between header cells, the middle of the widest strip free of body text."""
    bounds = [left]
    for a, b in itertools.pairwise(spans):
        lo, hi = float(a[1]), float(b[0])
        if hi <= lo:
            bounds.append((lo + hi) / 2)
            continue
        covered = sorted((max(c["x0"], lo), min(c["x1"], hi)) for c in chars if c["x1"] > lo and c["x0"] < hi)
        best, best_mid, cursor = -1.0, (lo + hi) / 2, lo
        for x0, x1 in [*covered, (hi, hi)]:
            if x0 - cursor > best:
                best, best_mid = x0 - cursor, (cursor + x0) / 2
            cursor = max(cursor, x1)
        bounds.append(best_mid)
    bounds.append(right)
    return bounds


def _column_lines(chars: list[dict[str, Any]], bounds: list[float]) -> dict[int, list[_Line]]:
    by_col: dict[int, list[dict[str, Any]]] = {}
    for char in chars:
        by_col.setdefault(_column_of(char, bounds), []).append(char)
    return {col: _lines(cs) for col, cs in by_col.items()}


def _drop_footer(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop the page number printed under a rule-less table that no rule closes ("第1页 共2页", "- 3 -").

    The page's last text line is furniture when it is only a page number; it is read as one line across
    the columns it crosses (a centred "第1页 共2页" falls in two), never column by column.
    """
    lines = _lines(chars)
    if len(lines) < 2 or not is_page_number(line_text(lines[-1])):
        return chars
    footer = {id(c) for c in lines[-1].chars}
    return [c for c in chars if id(c) not in footer]


def _blocks(lines: list[_Line], col: int, max_gap: float) -> list[_Block]:
    blocks: list[_Block] = []
    for line in lines:
        if blocks and line.top - blocks[-1].bottom <= max_gap:
            blocks[-1].bottom = max(blocks[-1].bottom, line.bottom)
            blocks[-1].lines.append(line_text(line))
        else:
            blocks.append(_Block(col, line.top, line.bottom, [line_text(line)]))
    return blocks


def _three_line_rows(
    chars: list[dict[str, Any]],
    bounds: list[float],
    flowing: set[int],
    run_on: set[int],
    body_top: float,
    bottom: float,
    *,
    table_starts: bool = False,
) -> list[list[GridCell | None]]:
    """Rows from the text: non-flowing columns' text blocks delimit rows; flowing blocks attach to them.

    ``table_starts``: the table's header is on this page, so its first row opens a label's rows.
    """
    chars = _drop_footer(chars)
    col_lines = _column_lines(chars, bounds)
    all_lines = [ln for lines in col_lines.values() for ln in lines]
    if not all_lines:
        return []
    kept = {id(c) for ln in all_lines for c in ln.chars}
    by_order = _rows_by_drawing_order([c for c in chars if id(c) in kept], bounds, flowing, run_on, bottom)
    if by_order is not None:
        return by_order
    size = median(ln.size for ln in all_lines)
    gaps = [b.top - a.bottom for lines in col_lines.values() for a, b in itertools.pairwise(lines)]
    # The gap between a cell's wrapped lines; where no cell wraps the smallest gap is between rows, and
    # taking it would join every row into one: no line spacing in a cell exceeds half a line.
    intra = min((g for g in gaps if g > -0.5 * size), default=0.3 * size)
    intra = min(intra, 0.5 * size)
    max_gap = intra + 0.4 * size
    core_lines = sorted(
        (ln for col, lines in col_lines.items() if col not in flowing for ln in lines), key=lambda ln: ln.top
    )
    groups: list[list[float]] = []  # [top, bottom] of each row's core text
    for line in core_lines:
        if groups and line.top - groups[-1][1] <= max_gap:
            groups[-1][1] = max(groups[-1][1], line.bottom)
        else:
            groups.append([line.top, line.bottom])
    ncols = len(bounds) - 1
    if not groups:
        return []
    lead: list[GridCell | None] = [None] * ncols  # text above the first row: the tail of the previous page
    rows: list[list[GridCell | None]] = [[None] * ncols for _ in groups]
    for col in range(ncols):
        blocks = _blocks(col_lines.get(col, []), col, max_gap)
        spans: list[tuple[int, int]] = []
        if table_starts and col in flowing - run_on and blocks and blocks[0].top > groups[0][1]:
            spans = _centred_spans(blocks, groups)
        for index, block in enumerate(blocks):
            if col in run_on and block.bottom < groups[0][0]:
                lead[col] = GridCell(bounds[col], bounds[col + 1], block.top, block.bottom, "", block.lines)
                continue
            if spans:
                first, last = spans[index]
            else:
                first = next((i for i, g in enumerate(groups) if g[1] >= block.top - 1), len(groups) - 1)
                last = first
                while last + 1 < len(groups) and groups[last + 1][0] <= block.bottom and col in flowing:
                    last += 1
            cell = rows[first][col]
            if cell is None:
                row_bottom = groups[last + 1][0] - 1 if last + 1 < len(groups) else bottom
                cell = GridCell(bounds[col], bounds[col + 1], groups[first][0], row_bottom, "", [])
                rows[first][col] = cell
            cell.lines.extend(block.lines)
    for i, g in enumerate(groups):
        for col in range(ncols):
            if rows[i][col] is None and col not in flowing:
                rows[i][col] = GridCell(bounds[col], bounds[col + 1], g[0], g[1])
    out = rows
    if any(cell is not None for cell in lead):
        lead_row = [
            c if c is not None else GridCell(bounds[i], bounds[i + 1], body_top, groups[0][0])
            for i, c in enumerate(lead)
        ]
        out = [lead_row, *rows]
    for row in out:
        for cell in row:
            if cell is not None:
                cell.text = join_fragments(cell.lines)
    return out


def _centred_spans(blocks: list[_Block], groups: list[list[float]]) -> list[tuple[int, int]]:
    """(first, last) row of each label of a merged-label column whose labels are centred on their rows.

    Called when the column's first label stands below the table's first row: a label printed at the
    top of its rows would be on that row, so the labels are centred on the rows they cover, which follow
    one another. Each label takes the rows after the previous label's whose middle is nearest its own.
    No spans (the labels are placed by their tops) when a label would fall outside its rows.
    """
    spans: list[tuple[int, int]] = []
    first = 0
    for block in blocks:
        centre = (block.top + block.bottom) / 2
        if first >= len(groups) or centre < groups[first][0]:
            return []
        last = min(
            range(first, len(groups)), key=lambda end: abs((groups[first][0] + groups[end][1]) / 2 - centre)
        )
        if centre > groups[last][1]:
            return []
        spans.append((first, last))
        first = last + 1
    return spans


def _rows_by_drawing_order(
    chars: list[dict[str, Any]], bounds: list[float], flowing: set[int], run_on: set[int], bottom: float
) -> list[list[GridCell | None]] | None:
    """Rows of a rule-less table from the order its characters were drawn, when that order is row-wise.

    Word, WPS and LibreOffice draw a table cell by cell, row by row, left to right, so a character in a
    column left of the one before it starts a new row. That separates rows set as tightly as the wrapped
    lines inside a cell, which vertical gaps cannot. None when the order is not row by row: rows out of
    vertical order, a later row with text in fewer than two non-flowing columns, or a single row.
    """
    columns = {id(c): _column_of(c, bounds) for c in chars}  # looked up below, once a column
    segments: list[list[dict[str, Any]]] = []
    previous = -1
    for char in chars:
        col = columns[id(char)]
        if not segments or col < previous:
            segments.append([])
        segments[-1].append(char)
        previous = col
    # Text drawn before the first row in flowing columns only: the tail of a cell from the previous page.
    lead: list[dict[str, Any]] = []
    while segments and all(columns[id(c)] in flowing for c in segments[0]):
        lead += segments.pop(0)
    if len(segments) < 2:
        return None
    extents: list[tuple[float, float]] = []
    tops: list[float] = []
    for i, segment in enumerate(segments):
        core = [c for c in segment if columns[id(c)] not in flowing]
        # A row fills at least two non-flowing cells (name and a value; the first may be the tail of a row
        # from the previous page); fewer suggests text drawn line by line across the table, where a
        # column to the left starts a wrapped line, not a row.
        if not core or (i > 0 and len({columns[id(c)] for c in core}) < 2):
            return None
        extents.append((min(c["top"] for c in core), max(c["bottom"] for c in core)))
        tops.append(extents[-1][0])
    # Rows stack without overlapping: text drawn line by line across the table would put a row's later
    # lines beside its centred values, above their bottom.
    size = median(c["bottom"] - c["top"] for c in chars)
    if any(b[0] < a[1] - 0.2 * size for a, b in itertools.pairwise(extents)):
        return None
    segments[0] = [c for c in lead if columns[id(c)] not in run_on] + segments[0]
    lead = [c for c in lead if columns[id(c)] in run_on]
    ncols = len(bounds) - 1
    rows: list[list[GridCell | None]] = []
    for i, segment in enumerate(segments):
        row: list[GridCell | None] = [None] * ncols
        row_bottom = tops[i + 1] - 1 if i + 1 < len(segments) else bottom
        for col in range(ncols):
            lines = _lines([c for c in segment if columns[id(c)] == col])
            if not lines and col in flowing:
                continue
            cell = GridCell(
                bounds[col], bounds[col + 1], tops[i], row_bottom, "", [line_text(ln) for ln in lines]
            )
            if lines and col in flowing:
                # A merged cell reaches down over every row that starts above the end of its text.
                last = i
                while last + 1 < len(segments) and tops[last + 1] <= max(ln.bottom for ln in lines):
                    last += 1
                cell.bottom = tops[last + 1] - 1 if last + 1 < len(segments) else bottom
            cell.text = join_fragments(cell.lines)
            row[col] = cell
        rows.append(row)
    if lead:
        lead_row: list[GridCell | None] = []
        top = min(c["top"] for c in lead)
        for col in range(ncols):
            lines = [line_text(ln) for ln in _lines([c for c in lead if columns[id(c)] == col])]
            lead_row.append(
                GridCell(bounds[col], bounds[col + 1], top, tops[0], join_fragments(lines), lines)
            )
        rows.insert(0, lead_row)
    return rows


def _column_of(char: dict[str, Any], bounds: list[float]) -> int:
    cx = (char["x0"] + char["x1"]) / 2
    return max(0, min(len(bounds) - 2, bisect_right(bounds, cx) - 1))
