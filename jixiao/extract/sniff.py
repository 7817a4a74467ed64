"""Look at a file's first bytes before handing it to a PDF library."""

from __future__ import annotations

from pathlib import Path

from jixiao.core.limits import Limits
from jixiao.extract.errors import CorruptFileError, TooLargeError, UnsupportedFormatError

_OTHER_EXTENSIONS = {
    ".doc": "a Word document",
    ".docx": "a Word document",
    ".wps": "a WPS document",
    ".xls": "a spreadsheet",
    ".xlsx": "a spreadsheet",
    ".et": "a spreadsheet",
    ".html": "a web page",
    ".htm": "a web page",
    ".txt": "a text file",
    ".jpg": "an image",
    ".jpeg": "an image",
    ".png": "an image",
    ".tif": "an image",
    ".tiff": "an image",
    ".ofd": "an OFD document",
    ".zip": "a zip archive",
    ".rar": "a rar archive",
}

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a zip container (DOCX, XLSX or a zip archive)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (DOC or XLS)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"Rar!", "a rar archive"),
    (b"{\\rtf", "an RTF document"),
)


def sniff(path: Path, limits: Limits, name: str) -> None:
    """Raise a typed error unless ``path`` looks like a PDF within the size limit."""
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
    body = head.lstrip(b"\xef\xbb\xbf").lstrip(b" \t\r\n\x00\x0c")
    if body.startswith(b"%PDF"):
        return
    for magic, kind in _MAGIC:
        if body.startswith(magic):
            raise UnsupportedFormatError(
                f"{name} is {kind}, not a PDF; export it to PDF or ingest the published PDF instead."
            )
    lowered = body[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")) or b"<html" in lowered:
        raise UnsupportedFormatError(
            f"{name} is an HTML page (often an error page saved as .pdf), not a PDF; "
            "download the report's PDF again."
        )
    kind = _OTHER_EXTENSIONS.get(path.suffix.lower())
    if kind:
        raise UnsupportedFormatError(f"{name} looks like {kind}, not a PDF; export it to PDF first.")
    if b"%PDF" in head:
        return  # junk before the header; PDF readers tolerate it
    if path.suffix and path.suffix.lower() != ".pdf":  # reliability fix: e.g. .csv is a format, not damage
        raise UnsupportedFormatError(
            f"{name} is a {path.suffix} file, not a PDF; export it to PDF or remove it from the folder."
        )
    raise CorruptFileError(
        f"{name} does not start like a PDF file; it is damaged or not a PDF, download it again."
    )
