"""jixiao.extract: turn one performance self-evaluation report file into a ParsedReport.

A plain library: no Dagster import (a test enforces it). Modules, in the order a parse uses them:

- ``sniff``: the format by content (PDF, DOCX, XLSX, XLS, HTML), or empty / encrypted / legacy .doc and
  .wps / image / archive / too large, before any reader.
- ``readers``: DOCX, XLSX, XLS and HTML → the document's text and its tables as grids of cells (merged
  cells resolved, provenance per cell), fed to the same assembly as the PDF's tables.
- ``pdftext``: pypdfium2 text of every page (encrypted, damaged, page limits, image-only scans).
- ``furniture`` and ``textnorm``: drop page numbers and running headers; join the broken lines.
- ``classify``: a 绩效自评 report or another disclosure (决算公开, 预算公开, procurement notice).
- ``metadata``: title, department, region, fiscal year, report type.
- ``finance`` and ``values``: the 19 finance figures in 万元, self-score and grade; cell values.
- ``fastpage``, ``tables`` and ``indicators``: the indicator table, read only on the pages that hold it.
- ``parse``: ``parse_report``, which ties these together under the ``limits``.
"""

from typing import TYPE_CHECKING, Any

from jixiao.core.limits import Limits
from jixiao.extract.errors import ExtractError
from jixiao.extract.model import (
    Evaluation,
    FinanceFigure,
    IndicatorRow,
    ParsedReport,
    Value,
)
from jixiao.extract.version import PARSER_VERSION

if TYPE_CHECKING:
    from jixiao.extract.parse import parse_report


def __getattr__(name: str) -> Any:
    # parse_report is imported on first use: the PDF libraries take a fifth of a second to import, and
    # importing jixiao.extract.errors or .model (the staging does) must not pay for them
    if name == "parse_report":
        from jixiao.extract.parse import parse_report

        return parse_report
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "PARSER_VERSION",
    "Evaluation",
    "ExtractError",
    "FinanceFigure",
    "IndicatorRow",
    "Limits",
    "ParsedReport",
    "Value",
    "parse_report",
]
