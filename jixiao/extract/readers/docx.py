"""Word (.docx): the body's paragraphs and tables in order; headers, footers and notes are other parts.

python-docx opens the package (content types, relationships, the main part); the body is walked as
XML because merged cells are markup: ``w:gridSpan`` spans columns, ``w:vMerge`` (restart / continue)
spans rows, ``w:gridBefore`` skips grid columns at the start of a row. A one-column table, or one
holding tables, is a frame around the content and is read as paragraphs.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from jixiao.extract.deadline import Deadline
from jixiao.extract.errors import CorruptFileError
from jixiao.extract.readers.document import Cell, Document, build_grid, row_line
from jixiao.extract.textnorm import squeeze

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
# Text of a paragraph: runs' text, tabs and breaks, not the fallback copy of alternate content.
_RUNS = etree.XPath(".//w:t[not(ancestor::mc:Fallback)] | .//w:tab | .//w:br | .//w:cr", namespaces=_NS)
_ROWS = etree.XPath("./w:tr | ./w:sdt/w:sdtContent/w:tr", namespaces=_NS)
_NESTED = etree.XPath("./w:tr/w:tc/w:tbl", namespaces=_NS)
_CELLS = etree.XPath("./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc", namespaces=_NS)
_CELL_PARAGRAPHS = etree.XPath("./w:p | ./w:sdt/w:sdtContent/w:p", namespaces=_NS)


def read_docx(path: Path, deadline: Deadline, name: str) -> Document:
    """Read a .docx into paragraphs and grids (raises typed errors for a damaged or foreign package)."""
    try:
        package = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError, EOFError) as exc:
        raise CorruptFileError(
            f"{name} is a damaged Word document (parts of its package are missing or unreadable); "
            "download it again, or open it in Word or WPS and save it again."
        ) from exc
    walker = _Walker(deadline)
    walker.block(package.element.body)
    return Document("docx", walker.lines, walker.grids)


class _Walker:
    """Collects lines and grids from body-level content in document order."""

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        self.lines: list[str] = []
        self.grids: list[Any] = []
        self.tables = 0
        self.since_table: list[str] = []  # text since the last data table: tells a continuation apart

    def block(self, element: Any) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == f"{W}p":
                self._line(_paragraph_text(child))
            elif tag == f"{W}tbl":
                self.table(child)
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"):
                self.block(child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child)

    def _line(self, text: str) -> None:
        if text.strip():
            self.lines.append(text)
            self.since_table.append(text)

    def table(self, tbl: Any) -> None:
        self.deadline.check()
        self.tables += 1
        number = self.tables
        rows = _ROWS(tbl)
        nested = _NESTED(tbl)
        widths = {len(_cells_of(tr)) for tr in rows}
        if nested or widths <= {0, 1}:
            # A frame: its cells are containers of paragraphs (and of the real tables).
            for tr in rows:
                for tc in _cells_of(tr):
                    self.block(tc)
            return
        cells: list[Cell] = []
        open_merges: dict[int, Cell] = {}  # grid column → the cell a vMerge continue extends
        for r, tr in enumerate(rows):
            col = _int(tr.find(f"{W}trPr/{W}gridBefore"), 0)
            for tc in _cells_of(tr):
                span = _int(tc.find(f"{W}tcPr/{W}gridSpan"), 1)
                vmerge = tc.find(f"{W}tcPr/{W}vMerge")
                if (
                    vmerge is not None
                    and vmerge.get(f"{W}val", "continue") == "continue"
                    and col in open_merges
                ):
                    open_merges[col].rowspan = r - open_merges[col].row + 1
                else:
                    lines = [_paragraph_text(p) for p in _CELL_PARAGRAPHS(tc)]
                    cell = Cell(r, col, [ln for ln in lines if ln.strip()], 1, span, f"表{number}第{r + 1}行")
                    cells.append(cell)
                    if vmerge is not None:
                        open_merges[col] = cell
                    else:
                        open_merges.pop(col, None)
                col += span
        text_above = squeeze("".join(self.since_table))
        self.since_table = []
        for r in range(len(rows)):
            line = row_line([c for c in cells if c.row == r])
            if line:
                self.lines.append(line)
        self.grids.append(build_grid(cells, number, text_above))


def _cells_of(tr: Any) -> list[Any]:
    return list(_CELLS(tr))


def _paragraph_text(p: Any) -> str:
    out: list[str] = []
    for el in _RUNS(p):
        if el.tag == f"{W}t":
            out.append(el.text or "")
        elif el.tag == f"{W}tab":
            out.append(" ")
        elif el.get(f"{W}type") in (None, "textWrapping"):  # a page or column break is not a line break
            out.append("\n")
    return "".join(out).replace("\xa0", " ")


def _int(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return max(int(element.get(f"{W}val", default)), 0)
    except ValueError:
        return default
