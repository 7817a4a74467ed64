"""Assemble indicator rows (and the budget block) from table grids that may span several pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.core.contract import normalize_level1
from jixiao.extract.model import FinanceFigure, IndicatorRow, Value
from jixiao.extract.tables import Grid, GridCell
from jixiao.extract.textnorm import join_fragments, squeeze
from jixiao.extract.values import is_achieved, normalize_text, parse_value, to_wan_yuan

_HEADER_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("reason", re.compile(r"原因|偏差|改进措施|说明|备注")),
    ("unit", re.compile(r"^计量单位$|^单位$|度量单位")),
    ("nature", re.compile(r"指标性质|指标方向|性质|方向")),
    ("weight", re.compile(r"分值|权重")),
    ("score", re.compile(r"得分|评分")),
    ("level1", re.compile(r"一级")),
    ("level2", re.compile(r"二级")),
    ("name", re.compile(r"三级|指标名称|具体指标|绩效指标内容")),
    ("actual", re.compile(r"实现值|实际|完成值|完成情况|实现情况|执行数")),
    ("target", re.compile(r"预期|指标值|目标值|目标|计划值")),
)
_BUDGET_HEADER = re.compile(r"全年预算数|全年执行数|年初预算数|预算数|执行数")
_BUDGET_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("rate", re.compile(r"执行率")),
    ("weight", re.compile(r"分值")),
    ("score", re.compile(r"得分")),
    ("initial", re.compile(r"年初预算")),
    ("budget", re.compile(r"全年预算|调整后预算|预算数")),
    ("executed", re.compile(r"全年执行|执行数|实际支出|决算数")),
)
_BUDGET_ROWS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("total", re.compile(r"资金总额|年度资金总额|合计|总计|总额")),
    ("basic", re.compile(r"基本支出")),
    ("project", re.compile(r"项目支出")),
)
_TOTAL_ROW = re.compile(r"(?:总分|合计|总计|总得分|自评总分|综合得分|分值合计)[:：]?")
_NO_REASON = frozenset({"", "/", "／", "—", "——", "-", "无", "\\"})
_NAME_UNIT = re.compile(r"[（(]([^（）()含]{1,6})[)）]$")
_TERMINAL = tuple("。；;.!！?？）)")
_FILL_DOWN = ("level1", "level2", "reason")


@dataclass
class _Span:
    """Text of one drawn cell, shared by every row a merged cell covers."""

    text: str
    rows: int = 1


@dataclass
class _Row:
    page: int
    cells: dict[str, _Span] = field(default_factory=dict)
    ref: str | None = None  # provenance in a page-less format (the row's 三级指标 cell)

    def text(self, name: str) -> str:
        span = self.cells.get(name)
        return span.text if span else ""


@dataclass
class TableResult:
    """What the indicator table gave: rows, budget-block figures and the 总分 row's score."""

    rows: list[IndicatorRow]
    finance: list[FinanceFigure]
    total_score: float | None
    total_score_page: int | None
    has_weight: bool = False


class IndicatorAssembler:
    """Feed grids page by page, in order; ``result`` gives the rows in table order."""

    def __init__(self) -> None:
        self.columns: list[tuple[str, float, float]] = []  # (field, x0, x1) from the header
        self.budget_columns: list[tuple[str, float, float]] = []
        self.mode: str | None = None  # "indicator" | "budget" | None
        self.rows: list[_Row] = []
        self.active: dict[str, tuple[_Span, float]] = {}  # field -> (span, bottom of its drawn cell)
        self.budget: dict[str, FinanceFigure] = {}
        self.budget_unit = "万元"
        self.total_score: float | None = None
        self.total_score_page: int | None = None
        self.open = False  # an indicator table is in progress and may continue on the next page
        # Label and reason text of a row whose first lines stand alone at the foot of a page (its name
        # and values were carried to the next page): they belong to the next row.
        self.pending: dict[str, str] = {}

    # --- feeding -------------------------------------------------------------------------------------------
    def feed(self, grid: Grid, continuation: bool) -> bool:
        """Consume one grid; ``continuation`` when it may carry on the table of the previous page.

        Returns True when the grid belonged to the indicator table (or its budget block).
        """
        used = False
        first_data_row = continuation and self.open
        if continuation:
            # Merged 一级/二级 cells carry over a page break; a reason cell only when the first row says so.
            self.active.pop("reason", None)
        header_rows: list[list[GridCell | None]] = []
        last_row = max(
            (i for i, r in enumerate(grid.rows) if any(c is not None and c.text for c in r)), default=-1
        )
        for index, row in enumerate(grid.rows):
            cells = [c for c in row if c is not None]
            text = "".join(c.text for c in cells)
            if not text:
                continue
            if _is_budget_header(text):
                self._set_budget_columns(cells, grid.text_above + text)
                self.mode = "budget"
                used = True
                header_rows = []
                continue
            if _is_indicator_header([c.text for c in cells]):
                header_rows.append(row)
                self._set_columns(header_rows)
                names = {c[0] for c in self.columns}
                if names & {"target", "actual"}:
                    self.mode, self.open, used = "indicator", True, True
                else:
                    self.mode = None  # a scoring table (评分表): indicators without target or actual
                continue
            header_rows = []
            if self.mode == "budget":
                self._budget_row(cells, grid.page)
                continue
            if self.mode != "indicator" or not self.columns:
                continue
            used = True
            self._data_row(row, grid.page, first_data_row, grid.ruled, foot=index == last_row)
            first_data_row = False
        return used

    def close(self) -> None:
        """The table ended: no more continuation."""
        self.open = False
        self.mode = None

    # --- headers ------------------------------------------------------------------------------------------
    def _set_columns(self, header_rows: list[list[GridCell | None]]) -> None:
        columns: list[tuple[str, float, float]] = []
        for row in header_rows:
            for cell in row:
                if cell is None:
                    continue
                name = _header_field(cell.text)
                if name:
                    columns = [c for c in columns if c[0] != name]
                    columns.append((name, cell.x0, cell.x1))
        if columns:
            self.columns = columns

    def _set_budget_columns(self, cells: list[GridCell], context: str) -> None:
        self.budget_columns = []
        for cell in cells:
            for name, pattern in _BUDGET_RULES:
                if pattern.search(cell.text):
                    self.budget_columns.append((name, cell.x0, cell.x1))
                    break
        # The unit is printed in the header ("（万元）") or just above the table ("单位：元").
        header_text = "".join(cell.text for cell in cells)
        unit = re.search(r"[（(](亿元|万元|千元|元)[)）]", header_text) or re.search(
            r"单位[:：]?(亿元|万元|千元|元)", context[-60:]
        )
        self.budget_unit = unit.group(1) if unit else "万元"

    # --- rows ---------------------------------------------------------------------------------------------
    def _fields_of(self, cell: GridCell, columns: list[tuple[str, float, float]]) -> list[str]:
        """Fields a cell covers: each header column whose centre it spans, else the one holding its centre."""
        covered = [name for name, x0, x1 in columns if cell.x0 - 1 <= (x0 + x1) / 2 <= cell.x1 + 1]
        if covered:
            return covered
        holding = [(x1 - x0, name) for name, x0, x1 in columns if x0 - 1 <= cell.xmid <= x1 + 1]
        return [min(holding)[1]] if holding else []

    def _data_row(
        self,
        row: list[GridCell | None],
        page: int,
        first_on_page: bool,
        ruled: bool = True,
        *,
        foot: bool = False,
    ) -> None:
        cells = [c for c in row if c is not None]
        row_top = min(c.top for c in cells)
        assigned: dict[str, GridCell] = {}
        for cell in cells:
            for name in self._fields_of(cell, self.columns):
                assigned.setdefault(name, cell)
        first_text = normalize_text(assigned["level1"].text) if "level1" in assigned else ""
        name_text = normalize_text(assigned["name"].text) if "name" in assigned else ""
        if any(_TOTAL_ROW.fullmatch(t) for t in (first_text, name_text, normalize_text(cells[0].text))):
            self._total_row(cells, assigned, page)
            return
        texts = {name: cell.text for name, cell in assigned.items()}
        carried: set[str] = set()
        if first_on_page and self.rows:
            carried = self._continues_previous(texts)
            if carried == {"*"}:
                return
        elif not ruled and self.rows:
            # Without rules between rows, the last lines of a reason merged over several rows fall in
            # the next row's band: an unfinished reason goes on there, as across a page break.
            carried = self._reason_carries(texts)
        if not (texts.get("name") or texts.get("target") or texts.get("actual")):
            if foot and texts.get("reason", "") not in ("", *_NO_REASON):
                self.pending = {f: texts[f] for f in ("level1", "level2", "reason") if texts.get(f)}
            return  # a heading row spanning the table, or the head of a row broken by the page
        pending, self.pending = (self.pending, {}) if first_on_page else ({}, {})
        ref_cell = assigned.get("name") or cells[0]
        current = _Row(page, ref=ref_cell.ref)
        for name in (
            "level1",
            "level2",
            "name",
            "unit",
            "target",
            "actual",
            "nature",
            "weight",
            "score",
            "reason",
        ):
            cell = assigned.get(name)
            previous = self.active.get(name)
            if name in carried and previous is not None:
                previous[0].rows += 1
                current.cells[name] = previous[0]
            elif (
                first_on_page
                and cell is not None
                and previous is not None
                and name in ("level1", "level2")
                and _label_tail(previous[0].text, cell.text)
            ):
                # A merged label cut by the page break ("质量指" | "标") goes on over this page's first row.
                previous[0].text = _join(previous[0].text, cell.text)
                previous[0].rows += 1
                self.active[name] = (previous[0], cell.bottom)
                current.cells[name] = previous[0]
            elif cell is not None and not (name in ("level1", "level2") and not cell.text and previous):
                span = _Span(cell.text)
                self.active[name] = (span, cell.bottom)
                current.cells[name] = span
            elif name in _FILL_DOWN and previous is not None:
                span, bottom = previous
                if name != "reason" or bottom > row_top + 1:
                    span.rows += 1
                    current.cells[name] = span
        for name, text in pending.items():
            cell = assigned.get(name)
            span = current.cells.get(name)
            if name == "reason" and span is not None and name not in carried and cell is not None:
                span.text = _join(text, span.text)
            elif cell is None or not cell.text:  # the label's merged cell starts in the page-foot fragment
                span = _Span(text)
                self.active[name] = (span, cell.bottom if cell is not None else float("inf"))
                current.cells[name] = span
        self.rows.append(current)

    def _continues_previous(self, texts: dict[str, str]) -> set[str]:
        """Join the first row of a new page to the last row when it is the same row or merged cell, split.

        Returns {"*"} when the whole row was the tail of the previous row, else the fields whose merged
        cell carries over from the previous page.
        """
        last = self.rows[-1]
        # A row broken by the page: its tail fills only the cells whose text did not fit, so a cell that
        # was filled above is empty here (a new row fills name, target and actual).
        tail = any(not texts.get(f) and last.text(f) for f in ("name", "target", "actual"))
        # Or the foot of the last page held only the head of this row's name, its values came here.
        tail = tail or (
            bool(last.text("name"))
            and not last.text("target")
            and not last.text("actual")
            and bool(texts.get("target") or texts.get("actual"))
        )
        if tail or (not texts.get("target") and not texts.get("actual")):
            for name, text in texts.items():
                if not text:
                    continue
                span = last.cells.get(name)
                if name in ("level1", "level2"):
                    # A label broken with its row ("成本指" | "标") carries on; one printed again does not.
                    if span is not None and text not in span.text:
                        span.text = _join(span.text, text)
                    continue
                if span is None:
                    last.cells[name] = _Span(text)
                else:
                    span.text = _join(span.text, text)
            return {"*"}
        return self._reason_carries(texts, empty_carries=True)

    def _reason_carries(self, texts: dict[str, str], *, empty_carries: bool = False) -> set[str]:
        """{"reason"} when this row's reason is the rest of the last row's unfinished reason (joined
        onto it), or, with ``empty_carries``, when an empty reason cell continues a merged one."""
        reason = texts.get("reason", "")
        prev_reason = self.rows[-1].cells.get("reason")
        if prev_reason is not None and prev_reason.text not in _NO_REASON:
            unterminated = not prev_reason.text.endswith(_TERMINAL)
            if reason and reason not in _NO_REASON and unterminated:
                prev_reason.text = _join(prev_reason.text, reason)
                self.active["reason"] = (prev_reason, float("inf"))
                return {"reason"}
            if empty_carries and not reason and (unterminated or prev_reason.rows > 1):
                self.active["reason"] = (prev_reason, float("inf"))
                return {"reason"}
        return set()

    def _total_row(self, cells: list[GridCell], assigned: dict[str, GridCell], page: int) -> None:
        score_cell = assigned.get("score")
        value = _number(score_cell.text) if score_cell else None
        if value is None:
            numbers = [n for n in (_number(c.text) for c in cells) if n is not None]
            value = numbers[-1] if numbers else None
        if value is not None and 0 <= value <= 100:
            self.total_score, self.total_score_page = value, page

    def _budget_row(self, cells: list[GridCell], page: int) -> None:
        label = next(
            (
                code
                for cell in cells
                for code, pattern in _BUDGET_ROWS
                if pattern.search(normalize_text(cell.text)) and _number(cell.text) is None
            ),
            None,
        )
        if label is None:
            return
        for cell in cells:
            fields = self._fields_of(cell, self.budget_columns)
            if not fields or fields[0] not in ("budget", "executed"):
                continue
            number = re.sub(r"[,，\s]", "", normalize_text(cell.text))
            if not re.fullmatch(r"\d+(\.\d+)?", number):
                continue
            group = "budget" if fields[0] == "budget" else "expenditure"
            code = f"{group}_{label}"
            if code not in self.budget:
                amount = to_wan_yuan(number, self.budget_unit)
                self.budget[code] = FinanceFigure(code, amount, page, cell.text)

    # --- result -------------------------------------------------------------------------------------------
    def result(self) -> TableResult:
        """The assembled indicator rows (in table order), budget figures and 总分."""
        has_unit = any(c[0] == "unit" for c in self.columns)
        rows: list[IndicatorRow] = []
        for row in self.rows:
            target = parse_value(row.text("target"))
            actual = parse_value(row.text("actual"))
            name = normalize_spaces(row.text("name"))
            direction = _direction(row.text("nature"))
            unit = _unit(row.text("unit") if has_unit else "", name, target)
            reason = row.text("reason")
            rows.append(
                IndicatorRow(
                    row_no=len(rows) + 1,
                    level1=normalize_level1(row.text("level1")),
                    level2=normalize_spaces(row.text("level2")),
                    name=name,
                    unit=unit,
                    target=target,
                    actual=actual,
                    achieved=is_achieved(target, actual, direction),
                    weight=_number(row.text("weight")),
                    score=_number(row.text("score")),
                    shortfall_reason=None if normalize_text(reason) in _NO_REASON else reason,
                    page=row.page,
                    direction=direction,
                    source_ref=row.ref,
                )
            )
        return TableResult(
            rows,
            list(self.budget.values()),
            self.total_score,
            self.total_score_page,
            has_weight=any(c[0] == "weight" for c in self.columns),
        )


_HEADER_FAMILIES: tuple[re.Pattern[str], ...] = (
    re.compile(r"一级指标"),
    re.compile(r"二级指标"),
    re.compile(r"三级指标|指标名称"),
    re.compile(r"预期值|指标值|目标值|预期目标"),
    re.compile(r"实现值|实际完成值|完成值|实际值"),
    re.compile(r"原因|偏差"),
)


def _is_indicator_header(cells: list[str]) -> bool:
    """A header row: short cells naming two of the table's column families, and no figures unless three."""
    if any(len(normalize_text(cell)) > 16 for cell in cells):
        return False  # a sentence ("实际完成值低于预期值的原因是…") is data, not a label
    flat = normalize_text("".join(cells))
    families = sum(1 for family in _HEADER_FAMILIES if family.search(flat))
    return families >= 3 or (families == 2 and not re.search(r"\d", flat))


def _is_budget_header(text: str) -> bool:
    flat = normalize_text(text)
    return len(_BUDGET_HEADER.findall(flat)) >= 2 and "三级指标" not in flat


def _header_field(text: str) -> str | None:
    flat = normalize_text(text)
    if not flat:
        return None
    for name, pattern in _HEADER_RULES:
        if pattern.search(flat):
            return name
    return None


_LEVEL_WORDS = frozenset({"产出", "效益", "满意度", "成本"})


def _complete_label(text: str) -> bool:
    """A whole 一级/二级 label: "…指标" or a bare 产出 / 效益 / 满意度 / 成本."""
    flat = normalize_text(text)
    return flat.endswith("指标") or flat in _LEVEL_WORDS


def _label_tail(before: str, text: str) -> bool:
    """True when ``text`` completes the cut-off label ``before`` ("质量指" + "标").

    A label of its own ("效益指标", "可持续影响指标") starts a new merged cell instead.
    """
    if not before or not text:
        return False
    if normalize_text(text) in ("指标", "标"):  # only a suffix: "效益" | "指标" is one label, cut
        return not normalize_text(before).endswith("指标")
    if _complete_label(before):
        return False
    if _complete_label(text) and len(normalize_text(text)) >= 4:
        return False
    return _complete_label(_join(before, text))


def _join(first: str, second: str) -> str:
    return join_fragments([first, second])


def normalize_spaces(text: str) -> str:
    """Whitespace as ``join_fragments`` leaves it (none, except between two Latin words)."""
    return squeeze(text)


# Units seen in indicator names ("增产增收奖补企业数量（家）"); a bracketed place or remark is not a unit.
_UNIT_TEXT = (
    "家 个 名 人 位 人次 户 次 项 件 台 套 所 篇 场 期 "
    "宗 笔 批 份 本 张 条 座 间 处 辆 株 棵 头 只 吨 "
    "亩 公顷 平方米 立方米 公里 千米 米 千瓦 兆瓦 千瓦时 小时 "
    "分钟 天 日 周 月 年 岁 元 万元 亿元 千元 百分点 个百分点 "
    "% ‰ 分 万人次 万人 万户 万亩 万吨 家次 人天 课时 学时 "
    "册 部 种 类 个月 工作日 个工作日"
)
_UNIT_WORDS = frozenset(_UNIT_TEXT.split())
_MEASURE_WORDS = ("吨", "立方米", "平方米", "公里", "千米", "千瓦时", "千瓦", "兆瓦", "公顷", "亩")


def _is_unit(text: str) -> bool:
    """A bracketed name ending that is a unit: a unit word, or a compound that starts with one
    ("吨标准煤", "万元/人", "人次/年"), possibly scaled (万/亿/千); a place or remark is not."""
    if re.fullmatch(r"[a-zA-Z%‰²³/·]{1,6}", text):
        return True
    if text in _UNIT_WORDS:
        return True
    if "/" in text:  # a rate: 万元/人, 人次/年
        return all(part in _UNIT_WORDS for part in text.split("/")) and text.count("/") == 1
    # A measured quantity of something: 吨标准煤, 立方米污水, 万千瓦时. Time words (年, 月, 期, 次 ...)
    # are left out: "（年度）" or "（天河区）" are remarks, not units.
    bare = text[1:] if len(text) > 1 and text[0] in "万亿千" else text
    return any(bare.startswith(word) for word in _MEASURE_WORDS)


def _unit(unit_cell: str, name: str, target: Value) -> str | None:
    """The unit column when there is one, else a unit in brackets ending the name, else the target's unit."""
    cell = normalize_text(unit_cell)
    if cell and cell not in _NO_REASON:
        return cell
    match = _NAME_UNIT.search(name)
    if match:
        unit = normalize_text(match.group(1))
        if _is_unit(unit):
            return unit
    return target.unit or None


def _direction(text: str) -> str | None:
    flat = normalize_text(text)
    if "反向" in flat or "逆向" in flat:
        return "negative"
    if "正向" in flat:
        return "positive"
    return None


def _number(text: str | None) -> float | None:
    if not text:
        return None
    flat = normalize_text(text).replace(",", "").removesuffix("分")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", flat):
        return None
    return float(flat)
