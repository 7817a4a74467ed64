"""What an office-made report prints, and the truth read from it by hand.

Every truth value is written out in ``reports.py`` (operators, numbers, units, achieved, pages); this
module only lays it out as a ``ParsedReport`` dict (level1 normalised, 正向/反向 as a direction, a
merged reason given to every row it covers). Pages were read off the PDFs LibreOffice made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from docx.document import Document as DocumentType

from jixiao.extract.model import Evaluation, FinanceFigure, IndicatorRow, ParsedReport, Value

_LEVEL1 = {"产出指标": "产出", "效益指标": "效益", "满意度指标": "满意度", "成本指标": "成本"}
_DIRECTION = {"正向": "positive", "反向": "negative"}


@dataclass(frozen=True)
class V:
    """A printed target/actual cell and what it means (the ``Value`` a perfect parser returns)."""

    text: str
    op: str | None = None
    number: float | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Ind:
    """One indicator row as printed, with its hand-read truth."""

    level1: str  # as printed (产出指标)
    level2: str
    name: str
    target: V
    actual: V
    achieved: bool | None
    unit: str | None  # the row's unit in the truth
    page: int  # where the name's first line is drawn
    reason: str = ""  # printed reason; "" prints the report's no-reason mark (or a merged cell's body)
    reason_rows: int = 1  # rows this reason cell covers, itself included
    unit_cell: str = ""  # 计量单位 column
    nature: str = ""  # 指标性质 column
    weight: float | None = None
    score: float | None = None


@dataclass(frozen=True)
class Fig:
    """A finance figure: item code, amount in 万元 (exact), page and the printed snippet."""

    code: str
    amount: str
    page: int
    source_text: str


@dataclass(frozen=True)
class OfficeReport:
    """One report: its hand-read truth and the function that writes its .docx."""

    stem: str
    department: str
    region: str | None
    fiscal_year: int
    title: str
    page_count: int
    evaluation: tuple[float | None, str | None, int | None]
    finance: tuple[Fig, ...]
    rows: tuple[Ind, ...]
    build: Callable[[OfficeReport], DocumentType]
    report_type: str = "department_overall"

    def reason_spans(self) -> list[tuple[str, int]]:
        """The reason column as (text, rows covered) cells, top to bottom."""
        spans: list[tuple[str, int]] = []
        covered = 0
        for row in self.rows:
            if covered:
                if row.reason:
                    raise ValueError(f"{self.stem}: {row.name} is under a merged reason but has its own")
                covered -= 1
                continue
            spans.append((row.reason, row.reason_rows))
            covered = row.reason_rows - 1
        return spans


def truth(report: OfficeReport) -> dict[str, Any]:
    """``ParsedReport.to_dict()`` of the truth, without ``sha256`` and ``parser_version``."""
    rows: list[IndicatorRow] = []
    reason: str | None = None
    covered = 0
    for number, ind in enumerate(report.rows, start=1):
        if covered == 0:
            reason = ind.reason or None
            covered = ind.reason_rows
        covered -= 1
        rows.append(
            IndicatorRow(
                row_no=number,
                level1=_LEVEL1.get(ind.level1, ind.level1),
                level2=ind.level2,
                name=_nows(ind.name),
                unit=ind.unit,
                target=Value(_nows(ind.target.text), ind.target.op, ind.target.number, ind.target.unit),
                actual=Value(_nows(ind.actual.text), ind.actual.op, ind.actual.number, ind.actual.unit),
                achieved=ind.achieved,
                weight=ind.weight,
                score=ind.score,
                shortfall_reason=_nows(reason) if reason else None,
                page=ind.page,
                direction=_DIRECTION.get(ind.nature),
            )
        )
    parsed = ParsedReport(
        source_file=f"{report.stem}.pdf",
        sha256="",
        page_count=report.page_count,
        parser_version="",
        department=report.department,
        region=report.region,
        fiscal_year=report.fiscal_year,
        report_type=report.report_type,
        title=report.title,
        indicators=tuple(rows),
        finance=tuple(
            FinanceFigure(f.code, Decimal(f.amount), f.page, f.source_text) for f in report.finance
        ),
        evaluation=Evaluation(*report.evaluation),
    )
    data = parsed.to_dict()
    del data["sha256"], data["parser_version"]
    for key in ("province", "city", "county", "adcode", "budget_execution", "self_checks"):
        del data[key]
    return data


def _nows(text: str) -> str:
    return "".join(text.split())
