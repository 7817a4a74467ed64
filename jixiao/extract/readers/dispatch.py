"""The reader for each sniffed format."""

from __future__ import annotations

from pathlib import Path

from jixiao.core.limits import Limits
from jixiao.extract.deadline import Deadline
from jixiao.extract.readers.document import Document


def read_document(kind: str, path: Path, limits: Limits, deadline: Deadline, name: str) -> Document:
    """Read ``path`` as ``kind`` ("docx", "xlsx", "xls" or "html"); readers import their library lazily."""
    if kind == "docx":
        from jixiao.extract.readers.docx import read_docx

        return read_docx(path, deadline, name)
    if kind == "xlsx":
        from jixiao.extract.readers.xlsx import read_xlsx

        return read_xlsx(path, limits, deadline, name)
    if kind == "xls":
        from jixiao.extract.readers.xls import read_xls

        return read_xls(path, limits, deadline, name)
    if kind == "html":
        from jixiao.extract.readers.html import read_html

        return read_html(path, deadline, name)
    raise ValueError(f"no reader for {kind!r}")
