"""Open a PDF with pypdfium2 and read the text of every page (fast, no layout analysis)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from jixiao.core.limits import Limits
from jixiao.extract.deadline import Deadline
from jixiao.extract.errors import (
    CorruptFileError,
    EncryptedError,
    NoTextLayerError,
    ParseTimeoutError,
    TooLargeError,
)
from jixiao.extract.pageimages import has_image
from jixiao.extract.pdfshape import explain

if TYPE_CHECKING:
    from jixiao.extract.ocrpage import OcrPage

# A page with fewer readable characters than this is treated as an image (scan).
_MIN_PAGE_CHARS = 10
# Pages kept loaded for the table reader, at most (each holds its parsed content and text in memory).
MAX_KEPT_PAGES = 32


@dataclass(frozen=True)
class PageText:
    """Text of one page as the PDF's text layer gives it, or as OCR read it (``ocr`` is then set)."""

    number: int  # 1-based
    width: float
    height: float
    text: str
    ocr: OcrPage | None = None


class OpenPdf:
    """A PDF opened with pypdfium2: the text of every page, and the pages kept loaded for a second look.

    Loading a page (parsing its content) and its text costs more than reading the text; the table
    reader looks again at a few pages (``keep``), which are kept from the first read, not loaded twice.
    """

    def __init__(self, path: Path, name: str) -> None:
        """Open ``path``; raises typed errors for an encrypted or unreadable file."""
        self._path, self._name = path, name
        self._kept: dict[int, tuple[pdfium.PdfPage, pdfium.PdfTextPage]] = {}
        try:
            self._doc = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
                raise EncryptedError(
                    f"{name} is password protected; ask the publisher for an unprotected copy."
                ) from exc
            raise explain(path, name) or CorruptFileError(
                f"{name} could not be opened as a PDF (truncated or damaged); download it again."
            ) from exc

    def __enter__(self) -> OpenPdf:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the kept pages and the document."""
        for page, textpage in self._kept.values():
            textpage.close()
            page.close()
        self._kept.clear()
        self._doc.close()

    def take(self, number: int) -> tuple[pdfium.PdfPage, pdfium.PdfTextPage | None]:
        """Page ``number`` (1-based) and its text page if it was kept (else None); the caller closes both."""
        kept = self._kept.pop(number, None)
        return kept if kept is not None else (self._doc[number - 1], None)

    def read_pages(
        self, limits: Limits, deadline: Deadline, keep: Callable[[str], bool] | None = None
    ) -> list[PageText]:
        """Text of every page; raises typed errors for unreadable, oversized or image-only files.

        A page without a text layer that shows a scan is read by OCR (within
        ``limits.ocr_seconds_per_page``). A text page whose text ``keep`` accepts, and the page after
        it, stay loaded for :meth:`take` (at most ``MAX_KEPT_PAGES`` of them).
        """
        path, name, doc = self._path, self._name, self._doc
        count = len(doc)
        if count > limits.max_pages:
            raise TooLargeError(
                f"{name} has {count} pages, over the {limits.max_pages}-page limit; "
                "check it is a single report or raise JIXIAO_MAX_PAGES."
            )
        pages: list[PageText] = []
        keep_next = False
        for index in range(count):
            deadline.check()
            try:
                page = doc[index]
            except pdfium.PdfiumError as exc:
                raise explain(path, name) or CorruptFileError(
                    f"{name} page {index + 1} of {count} could not be read (the file is damaged or "
                    "truncated); download it again."
                ) from exc
            textpage: pdfium.PdfTextPage | None = None
            kept = False
            try:
                width, height = page.get_size()
                if width * height > limits.max_page_area:
                    raise TooLargeError(
                        f"{name} page {index + 1} measures {width:.0f}×{height:.0f} points, "
                        "over the page-size limit; check the file is a normal report."
                    )
                textpage = page.get_textpage()
                text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
                ocr = None
                if _chars(text) < _MIN_PAGE_CHARS and has_image(page):
                    textpage.close()
                    textpage = None
                    ocr = _ocr(page, index + 1, limits, deadline, name)
                    text = ocr.text
                wanted = textpage is not None and keep is not None and keep(text)
                if textpage is not None and (wanted or keep_next) and len(self._kept) < MAX_KEPT_PAGES:
                    self._kept[index + 1] = (page, textpage)
                    kept = True
                keep_next = wanted
            finally:
                if not kept:
                    if textpage is not None:
                        textpage.close()
                    page.close()
            pages.append(PageText(index + 1, width, height, text, ocr))
        if all(_chars(p.text) < _MIN_PAGE_CHARS for p in pages):
            scanned = any(p.ocr is not None for p in pages)
            # a self-referencing xref, absurd nesting or a bomb also comes out blank: say which it is
            raise explain(path, name) or NoTextLayerError(
                f"{name} has no text layer and OCR found no readable text in its scanned pages; "
                "check the scan is a report and legible, or ask for the text PDF."
                if scanned
                else f"{name} has no text layer and shows no scanned image; "
                "ask the publisher for the text PDF."
            )
        return pages


def _chars(text: str) -> int:
    return len("".join(text.split()))


def _ocr(page: pdfium.PdfPage, number: int, limits: Limits, deadline: Deadline, name: str) -> OcrPage:
    from jixiao.extract.ocrengine import MissingOcrError
    from jixiao.extract.ocrpage import read_scanned_page

    # CPU seconds, not wall-clock: a page's OCR budget should not run out because the machine is busy
    # (the whole file's wall-clock limit still applies).
    spend_until = time.process_time() + limits.ocr_seconds_per_page

    def check() -> None:
        deadline.check()
        if time.process_time() > spend_until:
            raise ParseTimeoutError(
                f"{name}: OCR of page {number} took more than {limits.ocr_seconds_per_page:g} CPU seconds; "
                "check the scan or raise JIXIAO_OCR_SECONDS_PER_PAGE."
            )

    try:
        return read_scanned_page(page, number, check)
    except MissingOcrError as exc:
        raise NoTextLayerError(f"{name}: page {number} is a scan and {exc}") from exc
