"""Typed errors for input that cannot become a parsed report.

Every error carries a ``reason_code`` from the warehouse contract and one plain
sentence telling a person what to do about the file.
"""

from __future__ import annotations

from jixiao.core.contract import REJECTION_CODES


class ExtractError(Exception):
    """A file that could not be turned into a parsed report."""

    reason_code: str = "parse_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NoTextLayerError(ExtractError):
    """Image-only (scanned) PDF: there is no text to read."""

    reason_code = "no_text_layer"


class EncryptedError(ExtractError):
    """The PDF is password protected."""

    reason_code = "encrypted"


class CorruptFileError(ExtractError):
    """Empty, truncated or otherwise unreadable file."""

    reason_code = "corrupt"


class NotAReportError(ExtractError):
    """A readable document that is not a performance self-evaluation report."""

    reason_code = "not_a_report"


class UnsupportedFormatError(ExtractError):
    """A file of a kind the extractor does not read (HTML, DOCX, images, ...)."""

    reason_code = "unsupported_format"


class TooLargeError(ExtractError):
    """The file, its page count or a page's size is over the configured limit."""

    reason_code = "too_large"


class ParseTimeoutError(ExtractError):
    """Parsing took longer than the configured limit."""

    reason_code = "timeout"


class ParseError(ExtractError):
    """An unexpected failure inside the parser (a bug or an unforeseen layout)."""

    reason_code = "parse_error"


REASON_CODES: tuple[str, ...] = REJECTION_CODES  # every ExtractError's reason_code is one of them
