"""``python -m fixturegen.office.corpus``: every report of the fixture corpus as Word file and web page.

The sample reports (``fixturegen.corpus``, drawn as PDFs by our reportlab renderer) are written again
the way a department writes them: a Word document (python-docx; the same paragraphs, and the same
indicator table from the same template builder, as a real Word table with ``vMerge``/``gridSpan``
merges and a repeated header row), then saved as a web page by LibreOffice and put into a CMS article
page (``fixturegen.office.formats``). The truth is the PDF's: ``tests/fixtures/truth/<stem>.json``
(pages aside, since these formats have none). Output: ``tests/fixtures/formats/<stem>.{docx,html}``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from fixturegen.corpus.registry import SAMPLES
from fixturegen.office.formats import write_cms_page
from fixturegen.render.table import Table
from fixturegen.render.templates import build_table
from fixturegen.spec import IndicatorTable, PageBreak, Para, ReportSpec

REPO = Path(__file__).resolve().parents[3]
OUT = REPO / "tests" / "fixtures" / "formats"
_ALIGN = {
    "title": WD_ALIGN_PARAGRAPH.CENTER,
    "subtitle": WD_ALIGN_PARAGRAPH.CENTER,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "caption": WD_ALIGN_PARAGRAPH.CENTER,
    "sign": WD_ALIGN_PARAGRAPH.RIGHT,
}
# Sites of the departments, for the CMS page: stem prefix → (site, charset).
SITES = {
    "jiangmen": ("江门市工业和信息化局", "gb2312"),
    "hunan": ("湖南省水利厅", "utf-8"),
    "chengdu": ("成都市生态环境局", "utf-8"),
    "hangzhou": ("杭州市余杭区市场监督管理局", "gb2312"),
    "foshan": ("佛山市南海区教育局", "utf-8"),
}


def write_docx(spec: ReportSpec, path: Path) -> None:
    """``spec`` as a Word document: its paragraphs, page breaks and indicator tables in order."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(spec.style.body_size * 0.75)
    normal.font.name = "Times New Roman"  # creates w:rFonts, which takes the CJK font too
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "WenQuanYi Zen Hei")
    _orient(doc.sections[0], spec.orientation == "landscape")
    for block in spec.blocks:
        if isinstance(block, Para):
            paragraph = doc.add_paragraph()
            run = paragraph.add_run(block.text)
            run.bold = block.style in ("title", "h1", "h2", "caption") and spec.style.heading_bold
            if block.style == "title":
                run.font.size = Pt(spec.style.body_size * 1.1)
            paragraph.alignment = _ALIGN.get(block.style, WD_ALIGN_PARAGRAPH.JUSTIFY)
            if block.style in ("body", "h1", "h2", "h3"):
                paragraph.paragraph_format.first_line_indent = Pt(spec.style.body_size * 1.5)
        elif isinstance(block, PageBreak):
            if block.orientation:
                _orient(doc.add_section(), block.orientation == "landscape")
            else:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, IndicatorTable):
            _table(doc, build_table(block, SimpleNamespace(text_width=700.0)))
    doc.save(str(path))


def _orient(section: object, landscape: bool) -> None:
    """Turn a section (a new one copies the last one's page) landscape or portrait."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
    width, height = section.page_width, section.page_height  # type: ignore[attr-defined]
    if (width < height) == landscape:
        section.page_width, section.page_height = height, width  # type: ignore[attr-defined]


def _table(doc: object, table: Table) -> None:
    grid = table.header + table.body
    ncols = len(table.col_widths)
    word = doc.add_table(rows=len(grid), cols=ncols)  # type: ignore[attr-defined]
    word.style = "Table Grid"
    for r in range(len(table.header)):
        tr_pr = word.rows[r]._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true" if table.repeat_header else "false")
        tr_pr.append(header)
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            target = word.cell(r, c)
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(word.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
            lines = cell.text.split("\n")
            target.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                target.add_paragraph(line)
            for paragraph in target.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if cell.align == "center" else None
                for run in paragraph.runs:
                    run.bold = cell.bold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fixturegen.office.corpus", description=__doc__)
    parser.add_argument("stems", nargs="*", help="only these reports (default: all)")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for make in SAMPLES:
            spec = make()
            stem = Path(spec.file_name).stem
            if args.stems and stem not in args.stems:
                continue
            docx = OUT / f"{stem}.docx"
            write_docx(spec, docx)
            site, charset = SITES[stem.split("-")[0]]
            html = write_cms_page(docx, OUT / f"{stem}.html", spec.title, site, charset, Path(tmp))
            for path in (docx, html):
                print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
