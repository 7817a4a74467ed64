"""Open a PDF with pypdfium2 and read the text of every page (fast, no layout analysis)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from jixiao.core.limits import Limits
from jixiao.extract.deadline import Deadline
from jixiao.extract.errors import CorruptFileError, EncryptedError, NoTextLayerError, TooLargeError

# A page with fewer readable characters than this is treated as an image (scan).
_MIN_PAGE_CHARS = 10


@dataclass(frozen=True)
class PageText:
    """Text of one page as the PDF's text layer gives it."""

    number: int  # 1-based
    width: float
    height: float
    text: str


def read_pages(path: Path, limits: Limits, deadline: Deadline, name: str) -> list[PageText]:
    """Text of every page; raises typed errors for encrypted, unreadable, oversized or image-only files."""
    try:
        doc = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedError(
                f"{name} is password protected; ask the publisher for an unprotected copy."
            ) from exc
        raise CorruptFileError(
            f"{name} could not be opened as a PDF (truncated or damaged); download it again."
        ) from exc
    try:
        count = len(doc)
        if count > limits.max_pages:
            raise TooLargeError(
                f"{name} has {count} pages, over the {limits.max_pages}-page limit; "
                "check it is a single report or raise JIXIAO_MAX_PAGES."
            )
        pages: list[PageText] = []
        for index in range(count):
            deadline.check()
            try:
                page = doc[index]
            except pdfium.PdfiumError as exc:
                raise CorruptFileError(
                    f"{name} page {index + 1} of {count} could not be read (the file is damaged or "
                    "truncated); download it again."
                ) from exc
            try:
                width, height = page.get_size()
                if width * height > limits.max_page_area:
                    raise TooLargeError(
                        f"{name} page {index + 1} measures {width:.0f}×{height:.0f} points, "
                        "over the page-size limit; check the file is a normal report."
                    )
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
            finally:
                page.close()
            pages.append(PageText(index + 1, width, height, text.replace("\r\n", "\n").replace("\r", "\n")))
    finally:
        doc.close()
    if all(len("".join(p.text.split())) < _MIN_PAGE_CHARS for p in pages):
        raise NoTextLayerError(
            f"{name} has no text layer (it is a scanned image); OCR it or ask for the text PDF."
        )
    return pages
