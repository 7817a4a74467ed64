"""A report described as data: what is printed, and the truth about it, side by side.

Renderers only read the printed side; ``fixturegen.truth`` builds the ParsedReport from the truth
side plus the pages the renderer reports, so a truth file never comes from parsing a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.extract.model import Value


def v(text: str, op: str | None = None, number: float | None = None, unit: str | None = None) -> Value:
    """A truth Value written by hand: ``text`` as printed (whitespace is removed in the truth)."""
    return Value("".join(text.split()), op, number, unit)


@dataclass(frozen=True)
class Para:
    """A paragraph of narrative. ``anchors`` name substrings whose page the truth needs."""

    text: str
    style: str = "body"  # title | subtitle | h1 | h2 | h3 | body | plain | center | sign
    anchors: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PageBreak:
    """Start a new page, optionally switching orientation."""

    orientation: str | None = None


@dataclass(frozen=True)
class Indicator:
    """One row of the indicator table: printed cells and the truth for the row.

    ``level1``/``level2`` are printed once per merged block (the template merges equal
    consecutive values). ``reason`` is the printed reason cell; ``reason_rows`` > 1 merges it over
    the following rows, whose own ``reason`` is ignored and whose truth reason is the same text.
    """

    level1: str  # as printed: 产出 / 产出指标 / ...
    level2: str
    name: str
    target_text: str
    actual_text: str
    target: Value
    actual: Value
    achieved: bool | None
    unit: str | None  # truth unit
    reason: str = "/"  # as printed; "/" or "" means none
    reason_rows: int = 1
    weight: float | None = None
    score: float | None = None
    unit_col: str | None = None  # printed 计量单位 cell, where the template has one
    nature_col: str | None = None  # printed 指标性质 cell (正向/反向/定性...)
    direction: str | None = None  # truth: positive / negative


@dataclass(frozen=True)
class BudgetBlock:
    """The 资金 block printed above a central-style indicator table (amounts in 万元 as printed)."""

    rows: tuple[
        tuple[str, str, str, str, str, str, str], ...
    ]  # label, 年初, 全年预算, 全年执行, 分值, 执行率, 得分


@dataclass(frozen=True)
class IndicatorTable:
    """The indicator table and how it is laid out."""

    template: str  # gd6 | central8 | unitcol | threeline
    rows: tuple[Indicator, ...]
    repeat_header: bool = True
    size: float = 10.5
    budget: BudgetBlock | None = None
    total_row: tuple[str, str] | None = None  # (分值, 得分) printed in a 总分 row
    caption: str | None = None
    col_widths: tuple[float, ...] | None = None  # override the template's widths (points)


@dataclass(frozen=True)
class FinanceTruth:
    """A finance figure as the document states it, converted to 万元 by hand."""

    item_code: str
    amount_wan_yuan: Decimal
    anchor: str  # anchor key placed on the paragraph that states it
    source_text: str = ""


@dataclass(frozen=True)
class EvaluationTruth:
    self_score: float | None
    grade: str | None
    anchor: str | None


Block = Para | PageBreak | IndicatorTable


@dataclass(frozen=True)
class Style:
    """Typography and page furniture of one bureau's documents."""

    body_size: float = 16.0
    line_height: float = 29.0
    margins: tuple[float, float, float, float] = (82.0, 78.0, 92.0, 88.0)  # top, bottom, left, right
    footer: str = "dash"
    heading_bold: bool = True


@dataclass(frozen=True)
class ReportSpec:
    """Everything needed to render one report and write its truth."""

    file_name: str
    department: str
    region: str | None
    fiscal_year: int
    report_type: str
    title: str  # truth title: as printed, or composed when not printed
    blocks: tuple[Block, ...]
    finance: tuple[FinanceTruth, ...] = ()
    evaluation: EvaluationTruth = field(default_factory=lambda: EvaluationTruth(None, None, None))
    style: Style = field(default_factory=Style)
    orientation: str = "portrait"
    author: str = ""
    known_inconsistencies: tuple[str, ...] = ()  # finance sums the document itself gets wrong

    def tables(self) -> list[IndicatorTable]:
        return [b for b in self.blocks if isinstance(b, IndicatorTable)]
