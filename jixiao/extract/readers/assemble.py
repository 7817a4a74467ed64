"""Feed a page-less document's grids to the indicator assembler the PDF path uses."""

from __future__ import annotations

from dataclasses import replace

from jixiao.extract.deadline import Deadline
from jixiao.extract.indicators import IndicatorAssembler, TableResult
from jixiao.extract.model import Evaluation, ParsedReport
from jixiao.extract.tables import Grid

# More text than this between two tables means the first one ended (as on a PDF page).
_MAX_TEXT_BETWEEN = 15


def assemble_grids(grids: list[Grid], deadline: Deadline) -> TableResult:
    """Indicator rows, budget figures and 总分 from grids in reading order.

    A table right after the indicator table, with (almost) no text between, carries it on (a Word
    table split in two, an Excel sheet after another); any other table starts afresh.
    """
    assembler = IndicatorAssembler()
    for grid in grids:
        deadline.check()
        if assembler.open and len(grid.text_above.strip()) > _MAX_TEXT_BETWEEN:
            assembler.close()
        assembler.feed(grid, False)
    return assembler.result()


def without_pages(report: ParsedReport) -> ParsedReport:
    """The report of a format without pages: every page reference None (provenance is ``source_ref``)."""
    ev = report.evaluation
    return replace(
        report,
        indicators=tuple(replace(row, page=None) for row in report.indicators),
        finance=tuple(replace(fig, page=None) for fig in report.finance),
        evaluation=Evaluation(ev.self_score, ev.grade, None),
    )
