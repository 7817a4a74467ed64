"""Assemble indicator rows (and the budget block) from table grids that may span several pages."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from jixiao.core.contract import LEVEL1_VALUES, LEVEL2_VALUES, normalize_level1
from jixiao.extract.model import FinanceFigure, IndicatorRow, Value
from jixiao.extract.tables import Grid, GridCell
from jixiao.extract.textnorm import join_fragments, squeeze
from jixiao.extract.values import is_achieved, normalize_text, parse_value, split_op, to_wan_yuan

# The header vocabulary: every variant of a header cell, mapped to the field it holds. The first rule
# that matches wins, so the specific variants (调整指标值, 得分系数, 指标解释) stand before the general ones.
HEADER_VOCABULARY: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("adjusted_target", re.compile(r"调整(?:后)?(?:指标值|目标值|预期值)")),
    ("score_rate", re.compile(r"得分系数|得分率")),
    ("core", re.compile(r"是否核心|核心指标")),
    ("explain", re.compile(r"指标解释|指标说明|指标内涵|计算方法|评分标准|评价标准")),
    ("reason", re.compile(r"原因|偏差|改进措施|说明|备注")),
    ("unit", re.compile(r"^计量单位|^(?:指标值?)?单位$|度量单位")),
    ("nature", re.compile(r"指标性质|指标方向|性质|方向")),
    ("weight", re.compile(r"分值|权重|标准分|满分")),
    ("score", re.compile(r"得分|评分|自评分")),
    ("level1", re.compile(r"一级")),
    ("level2", re.compile(r"二级")),
    ("name", re.compile(r"三级|指标名称|具体指标|指标内容")),
    ("actual", re.compile(r"实现值|实际|完成值|完成情况|实现情况|执行数")),
    ("target", re.compile(r"预期|指标值|目标值|目标|计划值")),
)
_ROW_FIELDS = (
    "level1",
    "level2",
    "name",
    "unit",
    "actual_unit",
    "target",
    "adjusted_target",
    "actual",
    "nature",
    "weight",
    "score",
    "reason",
)
_BUDGET_HEADER = re.compile(r"全年预算数|全年执行数|年初预算数|预算数|执行数|预算安排金额|拨付金额")
# Matched on the header text without bracketed remarks: 全年（调整）预算数 is 全年预算数.
_BUDGET_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("weight", re.compile(r"分值|权重")),
    ("score", re.compile(r"得分")),
    ("rate", re.compile(r"执行率")),
    # Fujian's form: 年初部门预算安排金额① + 历年结余结转② + 年中调整金额③ = 小计④, 年度拨付金额⑤.
    ("initial", re.compile(r"年初(?:部门)?预算")),
    ("budget", re.compile(r"全年预算|调整后预算|预算数|^小计")),
    ("executed", re.compile(r"全年执行|执行数|实际支出|决算数|拨付金额")),
)
# Labelled cells of a form's header block: label → the field it names, the value is in the next cell.
FORM_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("self_score", re.compile(r"^(?:自评总分|自评得分|综合得分|总得分)(?:[（(]分[)）])?$")),
    ("competent", re.compile(r"^主管部门(?:名称)?(?:[（(][^）)]*[)）])?$")),
    (
        "unit",
        re.compile(r"^(?:单位名称|部门名称|部门[（(]单位[)）]名称|预算单位|预算部门)(?:[（(][^）)]*[)）])?$"),
    ),
    ("implementer", re.compile(r"^实施单位(?:[（(][^）)]*[)）])?$")),
    ("project", re.compile(r"^项目名称$")),
)
_BUDGET_ROWS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("total", re.compile(r"资金总额|年度资金总额|合计|总计|总额")),
    ("basic", re.compile(r"基本支出")),
    ("project", re.compile(r"项目支出")),
)
# The first cell of a form's rows below the indicator table.
_AFTER_TABLE = re.compile(
    r"^(?:自评得分|自评总分|评价等级|自评等级|存在的?问题|改进措施|改进意见|评价结论|自评结论|主要问题|项目负责人"
    r"|财务负责人|单位负责人|填表人|填报人|联系电话)"
)
_CAPTION_LEVEL1 = re.compile(
    r"(?:^|[。：:；;\d、）)])(?:[（(]?[一二三四五六七八九十]+[)）、.．])?((?:产出|效益|满意度|成本)指标)(?:[（(]\d+分[)）])?$"
)
_TOTAL_ROW = re.compile(r"(?:总分|合计|总计|总得分|自评总分|综合得分|分值合计)[:：]?")
_NO_REASON = frozenset({"", "/", "／", "—", "——", "-", "无", "\\"})
_NAME_UNIT = re.compile(r"[（(]([^（）()含]{1,6})[)）]$")
_TERMINAL = tuple("。；;.!！?？）)")
_FILL_DOWN = ("level1", "level2", "reason")
# A header's second row splitting the value columns: 年度指标值 over 数值 | 单位 (Tibet's forms).
_SUB_LABEL = re.compile(r"数值|值|单位|计量单位|度量单位")
_SUB_UNIT = re.compile(r"单位|计量单位|度量单位")
_SPLIT_FIELDS = {"target": "unit", "adjusted_target": "unit", "actual": "actual_unit"}


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
    score_only: bool = False  # from a table with 分值 and 得分 but no target or actual column

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
    form: dict[str, str] = field(default_factory=dict)  # header-block fields (FORM_LABELS), as printed
    budget_rate: tuple[float | None, float | None, float | None] | None = None  # 执行率, its weight, score
    budget_unit: str | None = None  # the unit the budget block's header gave (万元 when none was printed)


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
        # A labelled 自评总分 / 自评得分 field states the self-score; it wins over a 合计 row's sum.
        self.form_score: tuple[float, int] | None = None
        self.caption_level1: str | None = None
        self.open = False  # an indicator table is in progress and may continue on the next page
        # Label and reason text of a row whose first lines stand alone at the foot of a page (its name
        # and values were carried to the next page): they belong to the next row.
        self.pending: dict[str, str] = {}
        self.form: dict[str, str] = {}
        self.budget_rate: tuple[float | None, float | None, float | None] | None = None
        self.score_only = False

    # --- feeding -------------------------------------------------------------------------------------------
    def feed(self, grid: Grid, continuation: bool) -> bool:
        """Consume one grid; ``continuation`` when it may carry on the table of the previous page.

        Returns True when the grid belonged to the indicator table (or its budget block).
        """
        used = False
        first_data_row = continuation and self.open
        if not continuation:
            # One small table per 一级 group, each under its caption ("（一）产出指标"): the caption is
            # the level1 of its rows when the table has no 一级 column.
            caption = _CAPTION_LEVEL1.search(grid.text_above[-40:])
            self.caption_level1 = caption.group(1) if caption else None
        if continuation:
            # Merged 一级/二级 cells carry over a page break; a reason cell only when the first row says so.
            self.active.pop("reason", None)
        header_rows: list[list[GridCell | None]] = []
        last_row = max(
            (i for i, r in enumerate(grid.rows) if any(c is not None and c.text for c in r)), default=-1
        )
        read = grid.text_above  # the grid's text so far: a "金额单位：元" row above a budget header
        for index, row in enumerate(grid.rows):
            cells = [c for c in row if c is not None]
            text = "".join(c.text for c in cells)
            if not text:
                continue
            context, read = read, (read + text)[-200:]
            # A column header naming three families ("… | 权重 | 自评得分 | 未完成原因") is not a form's
            # label row, though one of its words ("自评得分") labels a form's total elsewhere.
            if (
                self.mode != "indicator"
                and _header_families([c.text for c in cells]) < 3
                and self._form_row(cells, grid.page)
            ):
                used = True
                continue
            if self.mode != "indicator" and (caption := _caption_level1(cells)):
                self.caption_level1 = caption  # a group's caption drawn as the table's first row
                continue
            if _is_budget_header([c.text for c in cells]):
                self._set_budget_columns(cells, context + text)
                self.mode = "budget"
                used = True
                header_rows = []
                continue
            if _is_indicator_header([c.text for c in cells]):
                header_rows.append(row)
                self._set_columns(header_rows)
                names = {c[0] for c in self.columns}
                if names & {"target", "actual"} or _score_only(names):
                    self.mode, self.open, used = "indicator", True, True
                    self.score_only = not names & {"target", "actual"}
                else:
                    self.mode = None  # a header still being read (its other rows follow)
                continue
            if header_rows and self.mode == "indicator" and self._split_value_columns(cells):
                continue  # the header's second row: 数值 | 单位 under the target and the actual
            header_rows = []
            if self.mode == "budget":
                self._budget_row(cells, grid.page)
                continue
            if self.mode != "indicator" or not self.columns:
                continue
            if _AFTER_TABLE.match(normalize_text(cells[0].text)):
                # The form goes on below the table (自评得分 | 96, 存在的问题 …): the table ended.
                self.close()
                if not self._scored_total(cells, grid.page):
                    self._form_row(cells, grid.page)
                continue
            used = True
            if self._caption_row(cells):
                continue  # not the page's first data row: a repeated caption stands above the header
            self._data_row(row, grid.page, first_data_row, grid.ruled, foot=index == last_row)
            first_data_row = False
        return used

    def _form_row(self, cells: list[GridCell], page: int) -> bool:
        """Read the labelled cells of a form's header block (主管部门 | … | 自评总分 | 99.26)."""
        found = False
        for label, value in itertools.pairwise(cells):
            flat = normalize_text(label.text)
            for name, pattern in FORM_LABELS:
                if not pattern.match(flat) or not value.text or _form_label(value.text):
                    continue
                found = True
                if name == "self_score":
                    number = _number(value.text)
                    if number is not None and 0 <= number <= 100 and self.form_score is None:
                        self.form_score = (number, page)
                else:
                    self.form.setdefault(name, value.text)
                break
        return found

    def _scored_total(self, cells: list[GridCell], page: int) -> bool:
        """A 自评总分 row printed under the 分值 and 得分 columns ("自评总分 | 100 | 94.78"): its score is in
        the 得分 column, not the cell after the label (the Σ分值). False for a label row of the form."""
        names = {c[0] for c in self.columns}
        if not {"weight", "score"} <= names or not _TOTAL_ROW.fullmatch(normalize_text(cells[0].text)):
            return False
        assigned: dict[str, GridCell] = {}
        for cell in cells[1:]:
            for name in self._fields_of(cell, self.columns):
                assigned.setdefault(name, cell)
        if "weight" not in assigned or "score" not in assigned or assigned["weight"] is assigned["score"]:
            return False
        self._total_row(cells, assigned, page)
        return True

    def _caption_row(self, cells: list[GridCell]) -> bool:
        """True for a row whose one filled cell spans the name and value columns: a caption over the
        table ("年度绩效指标完成情况", repeated with the header on a continuation page) or a group heading
        ("一、产出指标"), never an indicator. A group heading gives the level1 of the rows below it
        when the table has no 一级 column."""
        filled = [c for c in cells if normalize_text(c.text)]
        if len(filled) != 1:
            return False
        fields = set(self._fields_of(filled[0], self.columns))
        if "name" not in fields or not fields & {"target", "actual"}:
            return False
        caption = _caption_level1(filled)
        if caption and "level1" not in {c[0] for c in self.columns}:
            self.caption_level1 = caption
        return True

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
                name = header_field(cell.text)
                if name:
                    columns = [c for c in columns if c[0] != name]
                    columns.append((name, cell.x0, cell.x1))
        if columns:
            self.columns = columns

    def _split_value_columns(self, cells: list[GridCell]) -> bool:
        """Split the target and actual columns by a sub-header of 数值 | 单位 cells (a form whose
        年度指标值 and 实际完成值 each span a value and a unit column): the value keeps the field, the
        target's unit cell is the row's unit and the actual's its fallback. False for any other row."""
        labels = [normalize_text(c.text) for c in cells if normalize_text(c.text)]
        if not labels or not all(_SUB_LABEL.fullmatch(t) for t in labels):
            return False
        if not any(_SUB_UNIT.fullmatch(t) for t in labels):
            return False
        split: dict[str, tuple[str, float, float]] = {}
        added: list[tuple[str, float, float]] = []
        for cell in cells:
            label = normalize_text(cell.text)
            parent = next(
                (c for c in self.columns if c[0] in _SPLIT_FIELDS and c[1] - 1 <= cell.xmid <= c[2] + 1), None
            )
            if parent is None or not label:
                continue
            if _SUB_UNIT.fullmatch(label):
                added.append((_SPLIT_FIELDS[parent[0]], cell.x0, cell.x1))
            else:
                split[parent[0]] = (parent[0], cell.x0, cell.x1)
        if not added:
            return False
        kept = [split.get(c[0], c) for c in self.columns if c[0] not in {a[0] for a in added}]
        self.columns = kept + added
        return True

    def _set_budget_columns(self, cells: list[GridCell], context: str) -> None:
        self.budget_columns = []
        for cell in cells:
            flat = re.sub(r"[（(][^（）()]*[)）]", "", normalize_text(cell.text))
            for name, pattern in _BUDGET_RULES:
                if pattern.search(flat):
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
        if _budget_rate_row(assigned):
            return  # the 执行率 row under the indicators: scored with them, not one of them
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
        current = _Row(page, ref=ref_cell.ref, score_only=self.score_only)
        if self.caption_level1 and "level1" not in {c[0] for c in self.columns}:
            current.cells["level1"] = _Span(self.caption_level1)
        for name in _ROW_FIELDS:
            cell = assigned.get(name)
            previous = self.active.get(name)
            if first_on_page and cell is not None and previous is not None and name in ("level1", "level2"):
                cell = _split_label_tail(previous[0], cell)
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
        # was filled above is empty here (a new row fills name, target and actual, and its 分值 and 得分
        # when the last row had them: a name's last characters under a repeated header leave them empty).
        tail = any(not texts.get(f) and last.text(f) for f in ("name", "target", "actual", "weight", "score"))
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
        has_score = any(c[0] == "score" for c in self.columns)
        if has_score and (score_cell is None or score_cell.text.strip() == ""):
            return  # the 得分 column is empty: the row prints only the Σ分值 (合计 | 100), not a score
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
        numeric = [c for c in cells if _number(c.text.rstrip("%％")) is not None]
        if label is None and len(numeric) == len(cells) >= 2 and "budget_total" not in self.budget:
            label = "total"  # a block without row labels (年初预算数 | 全年预算数 | 全年执行数 | …): one row
        if label is None:
            return
        rate: dict[str, float | None] = {}
        for cell in cells:
            fields = self._fields_of(cell, self.budget_columns)
            if label == "total" and fields and fields[0] in ("rate", "weight", "score"):
                rate[fields[0]] = _number(normalize_text(cell.text).rstrip("%"))
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
        if rate and self.budget_rate is None:
            self.budget_rate = (rate.get("rate"), rate.get("weight"), rate.get("score"))

    # --- result -------------------------------------------------------------------------------------------
    def result(self) -> TableResult:
        """The assembled indicator rows (in table order), budget figures and 总分."""
        names = {c[0] for c in self.columns}
        # A report with a table of targets and actuals may append its scoring sheet (评分表): the rows
        # are the table's; a score-only table gives rows only where it is the report's one table.
        own = [row for row in self.rows if not row.score_only] or self.rows
        rows = [
            indicator_row(
                index,
                {name: span.text for name, span in row.cells.items()},
                row.page,
                columns=names,
                score_only=row.score_only,
                ref=row.ref,
            )
            for index, row in enumerate(own, start=1)
        ]
        return TableResult(
            rows,
            list(self.budget.values()),
            self.form_score[0] if self.form_score else self.total_score,
            self.form_score[1] if self.form_score else self.total_score_page,
            has_weight="weight" in names,
            form=dict(self.form),
            budget_rate=self.budget_rate,
            budget_unit=self.budget_unit if self.budget else None,
        )


def indicator_row(
    row_no: int,
    texts: dict[str, str],
    page: int | None,
    *,
    columns: set[str],
    score_only: bool = False,
    ref: str | None = None,
) -> IndicatorRow:
    """One indicator from the texts of its fields (HEADER_VOCABULARY names), read by the rules every
    reading shares: values, operators, units, level1 vocabulary, achieved. ``columns`` are the fields
    the source has at all (a table's header columns)."""

    def text(name: str) -> str:
        return texts.get(name, "")

    adjusted = text("adjusted_target")
    target = parse_value(adjusted if normalize_text(adjusted) not in _NO_REASON else text("target"))
    target = _op_from_nature(target, text("nature"))
    actual = parse_value(text("actual"))
    name = normalize_spaces(text("name"))
    direction = _direction(text("nature"))
    unit = _unit(text("unit") if "unit" in columns else "", name, target, text("actual_unit"))
    reason = text("reason")
    level1 = normalize_level1(text("level1")) if "level1" in columns or "level1" in texts else None
    has_weight = "weight" in columns
    return IndicatorRow(
        row_no=row_no,
        # 投入 / 过程 (2017 score tables) are not indicator groups of the contract's vocabulary.
        level1=level1 if level1 in LEVEL1_VALUES else None,
        level2=normalize_spaces(text("level2")) if "level2" in columns else None,
        name=name,
        unit=unit,
        target=target,
        actual=actual,
        achieved=is_achieved(target, actual, direction),
        weight=_number(text("weight")) if has_weight or not score_only else _points(name),
        score=_number(text("score")),
        shortfall_reason=None if normalize_text(reason) in _NO_REASON else reason,
        page=page,
        direction=direction,
        source_ref=ref,
    )


_HEADER_FAMILIES: tuple[re.Pattern[str], ...] = (
    re.compile(r"一级指标"),
    re.compile(r"二级指标"),
    re.compile(r"三级指标|指标名称"),
    re.compile(r"预期值|指标值|目标值|预期目标"),
    re.compile(r"实现值|实际完成值|完成值|实际值"),
    re.compile(r"原因|偏差"),
)


# The budget-execution row a form prints under its indicators ("预算执行率得分 | 10 | 9.78").
_BUDGET_RATE_ROW = re.compile(r"(?:部门|年度)?预算执行(?:率|情况)(?:得分)?(?:[（(]\d+(?:\.\d+)?分[)）])?")


def _budget_rate_row(assigned: dict[str, GridCell]) -> bool:
    """A 预算执行率 row under the table: its label spans the hierarchy columns (一级 to 三级), or stands
    in the 一级 column with no 三级 name. A 三级 indicator named 预算执行率 under its 一级/二级 is kept."""
    level1, name = assigned.get("level1"), assigned.get("name")
    if level1 is None or not _BUDGET_RATE_ROW.fullmatch(normalize_text(level1.text)):
        return False
    return name is None or name is level1 or not normalize_text(name.text)


def _caption_level1(cells: list[GridCell]) -> str | None:
    """The group a row of one filled cell names as a caption ("（一）产出指标" → 产出指标), else None."""
    filled = [c for c in cells if normalize_text(c.text)]
    if len(filled) != 1:
        return None
    caption = _CAPTION_LEVEL1.search(normalize_text(filled[0].text))
    return caption.group(1) if caption else None


def _is_indicator_header(cells: list[str]) -> bool:
    """A header row: short cells naming two of the table's column families, and no figures unless three."""
    if any(len(normalize_text(cell)) > 16 for cell in cells):
        return False  # a sentence ("实际完成值低于预期值的原因是…") is data, not a label
    families = _header_families(cells)
    return families >= 3 or (families == 2 and not re.search(r"\d", normalize_text("".join(cells))))


def _header_families(cells: list[str]) -> int:
    """How many of the indicator table's column families (name, target, actual, weight, …) ``cells`` name."""
    flat = normalize_text("".join(cells))
    return sum(1 for family in _HEADER_FAMILIES if family.search(flat))


def _score_only(names: set[str]) -> bool:
    """A 2017-era score table (一级 | 二级 | 三级 | [分值 |] 得分): scored indicators, no target or actual."""
    return {"level1", "name", "score"} <= names


_POINTS = re.compile(r"[（(](\d+(?:\.\d+)?)分[)）]$")


def _points(name: str) -> float | None:
    """The 分值 a table without a 分值 column prints in the label: "相关性（5分）" → 5."""
    match = _POINTS.search(normalize_text(name))
    return float(match.group(1)) if match else None


def _is_budget_header(cells: list[str]) -> bool:
    """A budget block's header: short cells naming two budget columns, and no amount.

    A sentence (a template's instruction "预算执行率=预算执行数/调整后预算数…") is not a label.
    """
    texts = [normalize_text(cell) for cell in cells]
    if any(_number(text.rstrip("%")) is not None for text in texts):
        return False
    flat = "".join(text for text in texts if len(text) <= 16)
    return len(_BUDGET_HEADER.findall(flat)) >= 2 and "三级指标" not in flat


def _form_label(text: str) -> bool:
    flat = normalize_text(text)
    return any(pattern.match(flat) for _, pattern in FORM_LABELS)


def _op_from_nature(target: Value, nature: str) -> Value:
    """A target whose operator is printed in its own 指标性质 column (≥ | 18.6) takes it from there."""
    flat = normalize_text(nature)
    if target.op is not None or target.number is None or not flat:
        return target
    op, rest = split_op(flat)
    if op is None or rest:
        return target
    return Value(target.text, op, target.number, target.unit)


def header_field(text: str) -> str | None:
    """The field a header cell names (HEADER_VOCABULARY), or None."""
    flat = normalize_text(text)
    if not flat:
        return None
    for name, pattern in HEADER_VOCABULARY:
        if pattern.search(flat):
            return name
    return None


_LEVEL_WORDS = frozenset(LEVEL1_VALUES)
_VOCABULARY_LABELS = frozenset((*LEVEL2_VALUES, *(f"{word}指标" for word in LEVEL1_VALUES)))


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
    joined = _join(before, text)
    if _complete_label(text) and len(normalize_text(text)) >= 4:
        # "满意度指标" is a label of its own, unless the cut-off head before it makes a label of the
        # vocabulary with it ("服务对象" + "满意度指标"): a head alone is never a whole label.
        return normalize_text(joined) in _VOCABULARY_LABELS
    return _complete_label(joined)


def _split_label_tail(previous: _Span, cell: GridCell) -> GridCell:
    """A label cut by the page break whose tail ran into this row's own label ("可持续影响指" |
    "标服务对象满意度指标"): the tail completes the previous label, the rest is this row's label."""
    before, text = normalize_text(previous.text), normalize_text(cell.text)
    if not before or _complete_label(before) or not _complete_label(text):
        return cell
    for cut in (1, 2):
        head, rest = text[:cut], text[cut:]
        if _complete_label(before + head) and len(rest) >= 4 and _complete_label(rest):
            previous.text = _join(previous.text, head)
            return GridCell(cell.x0, cell.x1, cell.top, cell.bottom, rest, [rest], cell.ref)
    return cell


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
    "册 部 种 类 个月 工作日 个工作日 "
    # Measure words of counted things (量词): 购置植保无人机（架）, 安全生产事故（起）.
    "架 艘 枚 盏 块 根 组 栋 幢 眼 口 支 届 例 起 轮 门 节 段 对 双 把 副 顶 箱 袋 瓶 盒 颗 粒 片 "
    "场次 户次 车次 架次 批次 班次 台次"
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


def _unit(unit_cell: str, name: str, target: Value, actual_unit_cell: str = "") -> str | None:
    """The unit column when there is one (the target's, else the actual's), else a unit in brackets
    ending the name, else the target's unit."""
    for text in (unit_cell, actual_unit_cell):
        cell = normalize_text(text)
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
