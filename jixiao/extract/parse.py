"""parse_report: one report file in, one ParsedReport out (or a typed ExtractError)."""

from __future__ import annotations

import errno
import hashlib
import re
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pdfplumber

from jixiao.core.limits import Limits
from jixiao.extract.classify import check_is_report
from jixiao.extract.deadline import Deadline
from jixiao.extract.errors import ExtractError, ParseError
from jixiao.extract.fastpage import FastPage, UnsupportedPage
from jixiao.extract.finance import consistency_warnings, find_evaluation, find_finance, merge_table_finance
from jixiao.extract.finance_tables import find_table_finance, merge_earlier
from jixiao.extract.furniture import is_page_number, running_lines, strip_furniture
from jixiao.extract.indicators import IndicatorAssembler, TableResult
from jixiao.extract.metadata import find_metadata
from jixiao.extract.model import FINANCE_ITEMS, Evaluation, FinanceFigure, ParsedReport
from jixiao.extract.pdftext import OpenPdf, PageText
from jixiao.extract.prose import prose_indicators
from jixiao.extract.readers.assemble import assemble_grids, without_pages
from jixiao.extract.readers.dispatch import read_document
from jixiao.extract.scale import body_level, implausible_block, rescale_block
from jixiao.extract.selfcheck import self_checks
from jixiao.extract.sniff import sniff
from jixiao.extract.tables import Grid, has_header, page_grids
from jixiao.extract.textnorm import flatten, squeeze
from jixiao.extract.version import PARSER_VERSION

if TYPE_CHECKING:
    from jixiao.extract.ocrpage import Doubt


_TABLE_PAGE = re.compile(r"三级指标|二级指标|指标名称")
_VALUE_HEADER = re.compile(r"预期值|指标值|目标值|实现值|实际完成值|完成值|实际值")
# A 2017-era score table names no target or actual column, only its 得分 (and 分值).
_SCORE_HEADER = re.compile(r"得分")
_BUDGET_PAGE = re.compile(r"全年预算数|全年执行数")
# Errors of the machine (disk full, I/O error, out of memory or file handles), never a fact about the file.
MACHINE_ERRNOS = frozenset(
    {
        errno.ENOSPC,
        errno.EIO,
        errno.ENOMEM,
        errno.EDQUOT,
        errno.EROFS,
        errno.ENFILE,
        errno.EMFILE,
        errno.ESTALE,
    }
)
# PDFium is not thread-safe: threads in one process parse one file at a time (processes are unaffected).
_PDFIUM_LOCK = threading.Lock()
# Text after a table on the same page longer than this means the table ended there.
_MAX_TRAILING_CHARS = 15


def parse_report(
    path: Path | str, limits: Limits | None = None, *, source_name: str | None = None
) -> ParsedReport:
    """Parse one report file into a ParsedReport.

    Raises ``jixiao.extract.errors.ExtractError`` subclasses, each with a reason_code and one plain
    sentence saying what is wrong with the file and what to do; and MemoryError, or an OSError of
    MACHINE_ERRNOS, for what is wrong with the machine rather than the file.
    """
    path = Path(path)
    name = source_name or path.name
    limits = limits or Limits()
    try:
        return _parse(path, limits, name)
    except (ExtractError, MemoryError):
        raise  # MemoryError: the parser's memory cap, which the staging reports as too_large
    except Exception as exc:
        if isinstance(exc, OSError) and exc.errno in MACHINE_ERRNOS:
            raise  # the disk or the machine, not the file: the staging retries it on the next run
        raise ParseError(
            f"{name} could not be parsed because of an unexpected {type(exc).__name__} in the parser; "
            "keep the file and report it to the jixiao maintainers."
        ) from exc


def _parse(path: Path, limits: Limits, name: str) -> ParsedReport:
    kind = sniff(path, limits, name)
    deadline = Deadline(limits.max_seconds, name)
    if kind != "pdf":
        document = read_document(kind, path, limits, deadline, name)
        return _report(
            path,
            name,
            [document.text],
            lambda: assemble_grids(document.grids, deadline),
            page_count=None,
            source_format=document.source_format,
            warnings=document.warnings,
        )
    with _PDFIUM_LOCK, OpenPdf(path, name) as pdf:
        pages = pdf.read_pages(limits, deadline, keep=_is_table_page)
        running = running_lines([p.text for p in pages])
        texts = [strip_furniture(p.text, running) for p in pages]
        doubts: list[str] = []  # filled by the table reader, before _report reads the warnings
        return _report(
            path,
            name,
            texts,
            lambda: _read_tables(path, pdf, pages, deadline, doubts),
            page_count=len(pages),
            source_format="pdf_ocr" if any(p.ocr is not None for p in pages) else "pdf",
            warnings=doubts,
        )


def _report(
    path: Path,
    name: str,
    texts: list[str],
    read_tables: Callable[[], TableResult],
    *,
    page_count: int | None,
    source_format: str,
    warnings: list[str] | None = None,
) -> ParsedReport:
    """The report from its text (per page; one text for a format without pages) and its tables.

    Every format goes through here: the same classification, metadata, finance, score and table rules.
    """
    flat = flatten(texts)
    first_page = texts[0] if texts else ""
    check_is_report(squeeze(first_page)[:120], flat.text, name)

    table = read_tables()
    if not table.rows:  # a narrative report may describe its indicators in numbered paragraphs instead
        table = replace(table, rows=prose_indicators(texts))
    meta = find_metadata(first_page, flat.text, texts[-1] if texts else "", form=table.form, pages=texts)
    if not meta.department:
        raise ParseError(
            f"{name} does not name its department in the title, a 单位名称 field or the opening text; "
            "check it is a complete self-evaluation report."
        )
    if meta.fiscal_year is None:
        raise ParseError(f"{name} does not state its fiscal year anywhere; check it is a complete report.")

    finance = merge_earlier(find_finance(flat), find_table_finance(texts))
    evaluation = find_evaluation(flat)
    warnings = list(warnings or [])
    block, scale_warnings = rescale_block(table.finance, finance, table.budget_unit)
    if not scale_warnings:
        level = body_level(meta.area.province, meta.area.city, meta.area.county)
        scale_warnings = implausible_block(block, table.budget_unit, level)
    warnings += scale_warnings
    finance = merge_table_finance(finance, block)
    if evaluation.self_score is None and table.total_score is not None:
        evaluation = Evaluation(table.total_score, evaluation.grade, table.total_score_page)
    warnings += consistency_warnings(finance)
    if evaluation.self_score is not None and not 0 <= evaluation.self_score <= 100:
        warnings.append(f"The self-score {evaluation.self_score:g} is outside 0–100; check the printed one.")
    if not table.rows:
        warnings.append("No performance-indicator table (三级指标 with target and actual values) was found.")
    title = meta.title or f"{meta.department}{meta.fiscal_year}年度部门整体支出绩效自评报告"
    if meta.title is None and meta.report_type == "project":
        title = f"{meta.department}{meta.fiscal_year}年度项目支出绩效自评报告"
    report = ParsedReport(
        source_file=name,
        sha256=_sha256(path),
        page_count=page_count,
        parser_version=PARSER_VERSION,
        department=meta.department,
        region=meta.region,
        fiscal_year=meta.fiscal_year,
        report_type=meta.report_type,
        title=title,
        indicators=tuple(table.rows),
        finance=tuple(sorted(finance, key=_finance_order)),
        evaluation=evaluation,
        warnings=tuple(warnings),
        source_format=source_format,
        province=meta.area.province,
        city=meta.area.city,
        county=meta.area.county,
        adcode=meta.area.adcode,
        budget_execution=table.budget_rate,
    )
    report = replace(report, self_checks=self_checks(report))
    return report if page_count is not None else without_pages(report)


def _is_indicator_page(squeezed: str) -> bool:
    """Whether a page's text (squeezed) names an indicator table's header."""
    return bool(
        _TABLE_PAGE.search(squeezed) and (_VALUE_HEADER.search(squeezed) or _SCORE_HEADER.search(squeezed))
    )


def _is_budget_page(squeezed: str) -> bool:
    """Whether a page's text (squeezed) names both columns of a budget block."""
    return len(set(_BUDGET_PAGE.findall(squeezed))) == 2


def _is_table_page(text: str) -> bool:
    """Whether :func:`_read_tables` reads this page's tables (whatever the pages around it are)."""
    squeezed = squeeze(text)  # header words wrap inside narrow cells: "全年预算\n数"
    return _is_indicator_page(squeezed) or _is_budget_page(squeezed)


def _read_tables(
    path: Path, pdf: OpenPdf, pages: list[PageText], deadline: Deadline, doubts: list[str]
) -> TableResult:
    """Read the indicator table from the pages that hold it (and their continuation pages) only.

    Adds to ``doubts`` one warning per table cell of a scanned page whose number OCR is unsure of.
    """
    candidates: list[int] = []
    indicator_pages: set[int] = set()
    for page in pages:
        text = squeeze(page.text)  # header words wrap inside narrow cells: "全年预算\n数"
        if _is_indicator_page(text):
            indicator_pages.add(page.number)
        if page.number in indicator_pages or _is_budget_page(text):
            candidates.append(page.number)
    assembler = IndicatorAssembler()
    if not candidates:
        return assembler.result()
    done: set[int] = set()
    last_grid: Grid | None = None
    with _TablePages(path, pdf, pages) as reader:
        queue = list(candidates)
        while queue:
            number = queue.pop(0)
            if number in done or number > len(pages):
                continue
            done.add(number)
            deadline.check()
            continuing = assembler.open and (number - 1) in done
            carry = last_grid if continuing and last_grid is not None and not last_grid.ruled else None
            grids = reader.grids(number, expect_header=number in indicator_pages, carry=carry)
            for index, grid in enumerate(grids):
                deadline.check()
                # Carries on the table of the previous page when nothing but a running header (or a
                # repeated table header) stands above it.
                is_continuation = (
                    continuing
                    and index == 0
                    and (_short(grid.text_above) or has_header(grid) or grid.top < 0.2 * grid.page_height)
                )
                if continuing and index == 0 and not is_continuation:
                    assembler.close()
                assembler.feed(grid, is_continuation)
            last_grid = grids[-1] if grids else None
            if grids and assembler.open and _short(grids[-1].text_below):
                queue.insert(0, number + 1)
            elif not grids and assembler.open:
                assembler.close()
        doubts += [d.sentence() for d in reader.doubts]
    return assembler.result()


class _TablePages:
    """Table grids of single pages: pypdfium2 + pdfplumber's table finder, or pdfplumber in full.

    The fast reader is tried first; pdfplumber reads a page the fast one cannot (rotated page) or on
    which it found no indicator header where one was expected. A scanned page's grids come from its OCR.
    """

    def __init__(self, path: Path, pdf: OpenPdf, pages: list[PageText]) -> None:
        self._path = path
        self._pdf = pdf
        self._ocr = {p.number: p.ocr for p in pages if p.ocr is not None}
        self.doubts: list[Doubt] = []
        self._plumber: Any = None

    def __enter__(self) -> _TablePages:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._plumber is not None:
            self._plumber.close()

    def grids(self, number: int, expect_header: bool, carry: Grid | None = None) -> list[Grid]:
        """Every table on page ``number`` (1-based), top to bottom (``carry``: see ``page_grids``)."""
        scanned = self._ocr.get(number)
        if scanned is not None:
            found = page_grids(scanned, number, carry)
            self.doubts += scanned.doubts(found)
            return found
        page, textpage = self._pdf.take(number)
        try:
            grids = page_grids(FastPage(page, textpage), number, carry)
        except UnsupportedPage:
            grids = None
        finally:
            if textpage is not None:
                textpage.close()
            page.close()
        if grids is not None and (not expect_header or any(has_header(g) for g in grids)):
            return grids
        if self._plumber is None:
            self._plumber = pdfplumber.open(self._path)
        plumber_page = self._plumber.pages[number - 1]
        try:
            return page_grids(plumber_page.dedupe_chars(), number, carry)
        finally:
            plumber_page.close()


def _short(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) <= _MAX_TRAILING_CHARS or is_page_number(stripped)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_FINANCE_ORDER = {code: i for i, code in enumerate(FINANCE_ITEMS)}  # the contract's order


def _finance_order(fig: FinanceFigure) -> int:
    return _FINANCE_ORDER.get(fig.item_code, len(_FINANCE_ORDER))
