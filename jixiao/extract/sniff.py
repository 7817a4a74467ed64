"""Look at a file's first bytes (by content, not by name) before handing it to a reader."""

from __future__ import annotations

import zipfile
from pathlib import Path

from jixiao.core.limits import Limits
from jixiao.extract.errors import CorruptFileError, EncryptedError, TooLargeError, UnsupportedFormatError

_OTHER_EXTENSIONS = {
    ".txt": "a text file",
    ".jpg": "an image",
    ".jpeg": "an image",
    ".png": "an image",
    ".tif": "an image",
    ".tiff": "an image",
    ".ofd": "an OFD document",
    ".zip": "a zip archive",
    ".rar": "a rar archive",
    ".et": "a WPS spreadsheet",
}
_READ = "jixiao reads PDF, DOCX, XLSX, XLS and HTML"
_EXPORT = f"{_READ}: export the report to one of them or remove the file from the folder"

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"Rar!", "a rar archive"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# How to turn a legacy binary document into one jixiao reads (LibreOffice, when it is installed).
_CONVERT = (
    "open it in Word or WPS and save it as .docx (or export it to PDF), "
    "or run `soffice --headless --convert-to docx` on it"
)


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff(path: Path, limits: Limits, name: str) -> str:
    """The format to read ``path`` as ("pdf", "docx", "xlsx", "xls" or "html"), by content, not by name.

    Raises a typed error for an empty, oversized, encrypted or unreadable file and for a format
    jixiao does not read (legacy .doc/.wps, images, archives), each with what to do about it.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CorruptFileError(f"{name} could not be read ({exc.strerror}); check the file exists.") from exc
    if size == 0:
        raise CorruptFileError(f"{name} is empty (0 bytes); download the report again.")
    if size > limits.max_file_bytes:
        raise TooLargeError(
            f"{name} is {size / 1048576:.1f} MB, over the {limits.max_file_bytes / 1048576:.0f} MB limit; "
            "split it or raise JIXIAO_MAX_FILE_MB."
        )
    with path.open("rb") as fh:
        head = fh.read(2048)
    suffix = path.suffix.lower()
    body = head.lstrip(b"\xef\xbb\xbf").lstrip(b" \t\r\n\x00\x0c")
    if body.startswith(b"%PDF"):
        return "pdf"
    if body.startswith(b"PK\x03\x04"):
        return _zip_kind(path, suffix, name, limits)
    if head.startswith(_OLE):
        return _ole_kind(path, suffix, name)
    if body.startswith(b"{\\rtf"):
        raise UnsupportedFormatError(f"{name} is an RTF document, which jixiao does not read; {_CONVERT}.")
    for magic, kind in _MAGIC:
        if body.startswith(magic):
            raise UnsupportedFormatError(f"{name} is {kind}, not a report document; {_EXPORT}.")
    if _is_html(head):
        return "html"
    kind = _OTHER_EXTENSIONS.get(suffix)
    if kind:
        raise UnsupportedFormatError(f"{name} looks like {kind}, not a report document; {_EXPORT}.")
    if b"%PDF" in head:
        return "pdf"  # junk before the header; PDF readers tolerate it
    if suffix in (".docx", ".xlsx", ".xls", ".doc", ".wps"):
        raise CorruptFileError(
            f"{name} does not start like a {suffix} file; it is damaged or misnamed, download it again."
        )
    if suffix and suffix not in (".pdf", ".html", ".htm"):  # e.g. .csv is a format, not damage
        raise UnsupportedFormatError(
            f"{name} is a {path.suffix} file, which jixiao does not read; {_READ}: export the report to one."
        )
    raise CorruptFileError(
        f"{name} does not start like a PDF file; it is damaged or not a PDF, download it again."
    )


def _is_html(head: bytes) -> bool:
    """An HTML page, in any ASCII-compatible encoding or UTF-16 (a BOM or NULs between letters)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    lowered = head.lstrip(b"\xef\xbb\xbf").lstrip(b" \t\r\n\x00\x0c")[:1024].lower()
    starts = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<table", b"<!--")
    return (
        lowered.startswith(starts)
        or b"<html" in lowered
        or (lowered.startswith(b"<?xml") and b"<html" in lowered)
    )


# A .docx/.xlsx unpacks to a few times its size; far more is a zip bomb, not a report.
_MAX_UNPACKED_RATIO = 25


def _zip_kind(path: Path, suffix: str, name: str, limits: Limits) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise CorruptFileError(
            f"{name} is a damaged zip container (a truncated .docx or .xlsx download); download it again."
        ) from exc
    if unpacked > _MAX_UNPACKED_RATIO * limits.max_file_bytes:
        raise TooLargeError(
            f"{name} unpacks to {unpacked / 1048576:.0f} MB, far more than a report; "
            "check the file or raise JIXIAO_MAX_FILE_MB."
        )
    if "word/document.xml" in names or (suffix == ".docx" and any(n.startswith("word/") for n in names)):
        return "docx"
    if "xl/workbook.xml" in names or (suffix == ".xlsx" and any(n.startswith("xl/") for n in names)):
        return "xlsx"
    inside = ", ".join(names[:3]) + ("…" if len(names) > 3 else "")
    if suffix in (".docx", ".xlsx", ".wps", ".et"):
        raise UnsupportedFormatError(
            f"{name} is a zip archive renamed {suffix} (it holds {inside}), not a Word or Excel file; "
            "unpack it and ingest the reports inside, or remove it from the folder."
        )
    if suffix == ".ofd":
        raise UnsupportedFormatError(f"{name} is an OFD document, which jixiao does not read; {_EXPORT}.")
    raise UnsupportedFormatError(
        f"{name} is a zip archive (it holds {inside}); unpack it and ingest the reports inside, "
        "or remove it from the folder."
    )


def _ole_kind(path: Path, suffix: str, name: str) -> str:
    """An OLE2 compound file: legacy .xls/.doc/.wps, or an Office file encrypted with a password."""
    with path.open("rb") as fh:
        data = fh.read()  # the directory can be anywhere; the size limit bounds this read
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        raise EncryptedError(
            f"{name} is protected with a password; ask the publisher for an unprotected copy "
            "(or open it with the password and save it without one)."
        )
    if suffix == ".wps" or _utf16("WpsContent") in data:
        raise UnsupportedFormatError(
            f"{name} is a legacy WPS document (.wps), which jixiao does not read; {_CONVERT}."
        )
    if _utf16("WordDocument\x00") in data:
        raise UnsupportedFormatError(
            f"{name} is a legacy Word document (.doc), which jixiao does not read; {_CONVERT}."
        )
    if _utf16("Workbook\x00") in data or _utf16("Book\x00") in data:
        return "xls"
    raise UnsupportedFormatError(f"{name} is an old Office file of a kind jixiao does not read; {_EXPORT}.")
