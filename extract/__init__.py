"""jixiao.extract: turn one performance self-evaluation report file into a ParsedReport.

A plain library: no Dagster import (a test enforces it).
"""

from extract.errors import ExtractError
from extract.model import (
    Evaluation,
    FinanceFigure,
    IndicatorRow,
    ParsedReport,
    Value,
)

__all__ = [
    "Evaluation",
    "ExtractError",
    "FinanceFigure",
    "IndicatorRow",
    "ParsedReport",
    "Value",
]
