"""The parsed-report object: the only thing later stages (warehouse, checks, pipeline) consume.

Everything here is plain data with a lossless JSON form (``to_dict`` / ``from_dict``), so a
parse can be staged as a file, cached by content hash and compared with a truth file.
Money is ``Decimal`` in 万元 (serialised as a string); other numbers are floats.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.core.contract import FINANCE_ITEMS, LEVEL1_VALUES, REPORT_TYPES, SOURCE_FORMATS, TARGET_OPS

__all__ = ["FINANCE_ITEMS", "LEVEL1_VALUES", "REPORT_TYPES", "SOURCE_FORMATS", "TARGET_OPS"]


@dataclass(frozen=True)
class Value:
    """One target or actual cell.

    ``text`` is the cell as printed with all whitespace removed; ``op`` is one of
    TARGET_OPS or None for a bare value; ``number`` is the numeric part (a percentage keeps
    the number before the % sign) or None when the cell is not numeric; ``unit`` is the unit
    written in the cell ("%", "家", "万元", "个百分点", "年", ...) or None.
    """

    text: str
    op: str | None = None
    number: float | None = None
    unit: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.text == ""


@dataclass(frozen=True)
class IndicatorRow:
    """One row of the performance-indicator table, merged cells filled down."""

    row_no: int  # 1-based, in table order
    level1: str | None  # normalised: 产出 / 效益 / 满意度 / 成本; None where the table has no 一级 column
    level2: str | None  # as printed: 数量指标, 质量指标, ...; None where the table has no 二级 column
    name: str  # 三级指标 as printed (wrapped lines joined)
    unit: str | None  # unit column, else unit in the name "（家）", else unit of the target
    target: Value
    actual: Value
    achieved: bool | None  # None when not decidable
    weight: float | None  # 分值, where the template has it
    score: float | None  # 得分, where the template has it
    shortfall_reason: str | None  # None where the cell is "/" or empty
    page: int | None  # 1-based page of the row's first line; None in a format without pages
    direction: str | None = None  # "positive" / "negative" where a 指标性质 column says so
    source_ref: str | None = None  # where in a page-less format: "表2第5行" (Word, HTML), "Sheet1!C7" (Excel)


@dataclass(frozen=True)
class FinanceFigure:
    """One finance figure, normalised to 万元."""

    item_code: str  # a key of FINANCE_ITEMS
    amount_wan_yuan: Decimal
    page: int | None  # 1-based; None in a format without pages
    source_text: str = ""  # the snippet it was read from, for tracing


@dataclass(frozen=True)
class Evaluation:
    """The report's self-evaluation conclusion."""

    self_score: float | None
    grade: str | None
    page: int | None


@dataclass(frozen=True)
class ParsedReport:
    """Everything extracted from one report file, each value traced to its page."""

    source_file: str  # file name as received (not a path)
    sha256: str  # of the file's bytes
    page_count: int | None  # None for a format without pages (DOCX, XLSX, XLS, HTML)
    parser_version: str
    department: str  # full official name
    region: str | None
    fiscal_year: int
    report_type: str  # one of REPORT_TYPES
    title: str  # as printed, or composed "<department><year>年度部门整体支出绩效自评报告" when absent
    indicators: tuple[IndicatorRow, ...] = ()
    finance: tuple[FinanceFigure, ...] = ()
    evaluation: Evaluation = field(default_factory=lambda: Evaluation(None, None, None))
    warnings: tuple[str, ...] = ()  # non-fatal oddities, in plain words
    source_format: str = "pdf"  # one of SOURCE_FORMATS: how the file was read
    # Contract v2: the administrative areas of the department and the 6-digit division code (GB/T 2260).
    province: str | None = None
    city: str | None = None
    county: str | None = None
    adcode: str | None = None
    # The budget block's printed 执行率 (%), its 分值 and its 得分, where the form has one.
    budget_execution: tuple[float | None, float | None, float | None] | None = None
    self_checks: tuple[str, ...] = ()  # failed self-checks (the document's own redundancy), in plain words

    def finance_amount(self, item_code: str) -> Decimal | None:
        """The amount for ``item_code`` in 万元, or None when the report does not give it."""
        for fig in self.finance:
            if fig.item_code == item_code:
                return fig.amount_wan_yuan
        return None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (Decimals as strings)."""
        data = asdict(self)
        for fig in data["finance"]:
            fig["amount_wan_yuan"] = str(fig["amount_wan_yuan"])
        # Keys added after the truth-file format was fixed are written only when they say something,
        # so a PDF's dict (and every committed truth file) is what it was.
        if data["source_format"] == "pdf":
            del data["source_format"]
        for row in data["indicators"]:
            if row["source_ref"] is None:
                del row["source_ref"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParsedReport:
        """Inverse of ``to_dict``."""
        indicators = tuple(
            IndicatorRow(
                **{
                    **row,
                    "target": Value(**row["target"]),
                    "actual": Value(**row["actual"]),
                }
            )
            for row in data.get("indicators", ())
        )
        finance = tuple(
            FinanceFigure(**{**fig, "amount_wan_yuan": Decimal(fig["amount_wan_yuan"])})
            for fig in data.get("finance", ())
        )
        evaluation = (
            Evaluation(**data["evaluation"]) if data.get("evaluation") else Evaluation(None, None, None)
        )
        scalars = {
            k: v
            for k, v in data.items()
            if k not in ("indicators", "finance", "evaluation", "warnings", "self_checks", "budget_execution")
        }
        return cls(
            **scalars,
            indicators=indicators,
            finance=finance,
            evaluation=evaluation,
            warnings=tuple(data.get("warnings", ())),
            self_checks=tuple(data.get("self_checks", ())),
            budget_execution=tuple(data["budget_execution"]) if data.get("budget_execution") else None,
        )
