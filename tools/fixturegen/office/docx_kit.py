"""python-docx helpers that write the Word features real reports use.

CJK body text in a CJK East Asian font with a Latin font beside it, ruled tables (``Table Grid``) with
vertically and horizontally merged cells, header rows repeated on every page (``w:tblHeader``), rows
that may break across pages (no ``w:cantSplit``), page-number footers built from ``PAGE`` fields and
landscape sections.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

# The only CJK font the generator relies on (Debian fonts-wqy-zenhei); Latin text uses Times New Roman,
# which LibreOffice draws with its metric twin Liberation Serif.
CJK_FONT = "WenQuanYi Zen Hei"
LATIN_FONT = "Times New Roman"


def _set_fonts(r_pr: object, east_asia: str = CJK_FONT, latin: str = LATIN_FONT) -> None:
    fonts = r_pr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)  # type: ignore[attr-defined]
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def new_document(body_pt: float = 14, margins_cm: tuple[float, float] = (2.5, 2.5)) -> DocumentType:
    """An A4 portrait document whose Normal style is CJK text at ``body_pt``."""
    doc = Document()
    doc.core_properties.author = doc.core_properties.last_modified_by = "Administrator"
    normal = doc.styles["Normal"]
    normal.font.size = Pt(body_pt)
    normal.font.name = LATIN_FONT
    _set_fonts(normal.element.get_or_add_rPr())
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(margins_cm[0])
    section.left_margin = section.right_margin = Cm(margins_cm[1])
    return doc


def title(doc: DocumentType, text: str, size: float = 20, space_after: float = 12) -> Paragraph:
    """A centred bold title line."""
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(space_after)
    run = p.add_run(text)
    run.bold = True
    run.font.size = Pt(size)
    return p


def heading(doc: DocumentType, text: str, size: float | None = None) -> Paragraph:
    """A bold left-aligned section heading ("一、部门基本情况")."""
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(6)
    p.paragraph_format.first_line_indent = Pt(32)
    run = p.add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)
    return p


def body(doc: DocumentType, text: str, indent_pt: float = 32, line_pt: float = 28) -> Paragraph:
    """A justified body paragraph: two-character first-line indent, fixed line pitch (公文 28 磅)."""
    p = doc.add_paragraph(text)
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    p.paragraph_format.first_line_indent = Pt(indent_pt)
    p.paragraph_format.line_spacing = Pt(line_pt)
    p.paragraph_format.space_after = Pt(0)
    return p


def right_aligned(doc: DocumentType, text: str) -> Paragraph:
    """A right-aligned line (signature, date)."""
    p = doc.add_paragraph(text)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return p


def _field_runs(paragraph: Paragraph, instr: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) as Word writes it: begin, instruction, separate, end."""
    for kind, text in (("begin", None), (None, instr), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instr:
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = f" {instr} "
            run._r.append(node)
        else:
            run.text = text


def page_number_footer(section: Section, pattern: str, size: float = 10.5) -> None:
    """A centred footer: ``pattern`` with ``{page}`` (and ``{pages}``) replaced by fields."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rest = pattern
    while rest:
        cut = min((i for i in (rest.find("{page}"), rest.find("{pages}")) if i >= 0), default=-1)
        if cut < 0:
            p.add_run(rest)
            break
        if cut:
            p.add_run(rest[:cut])
        if rest.startswith("{page}", cut):
            _field_runs(p, "PAGE")
            rest = rest[cut + len("{page}") :]
        else:
            _field_runs(p, "NUMPAGES")
            rest = rest[cut + len("{pages}") :]
    for run in p.runs:
        run.font.size = Pt(size)


def new_section(doc: DocumentType, landscape: bool) -> Section:
    """Start a new page in a new section, landscape or portrait A4 (footers carry on from the last)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Cm(29.7), Cm(21.0)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    return section


@dataclass(frozen=True)
class CellStyle:
    """How table text is set."""

    size: float = 10.5
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER
    line_pt: float | None = None  # a fixed line pitch (tables that inherit the body's 公文 spacing)


def write_cell(cell: _Cell, text: str, style: CellStyle = CellStyle()) -> None:
    """Replace the cell's text (one paragraph, no spacing) and centre it vertically."""
    p = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    for run in list(p.runs):
        run._r.getparent().remove(run._r)
    p.alignment = style.align
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.line_spacing = Pt(style.line_pt) if style.line_pt else 1.0
    run = p.add_run(text)
    run.font.size = Pt(style.size)
    run.bold = style.bold
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def grid_table(doc: DocumentType, rows: int, widths_cm: Sequence[float]) -> Table:
    """A ruled table of fixed column widths, centred."""
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, width in enumerate(widths_cm):
        table.columns[i].width = Cm(width)
        for cell in table.columns[i].cells:
            cell.width = Cm(width)
    return table


def three_line(table: Table, header_rows: int = 1, rule_pt: float = 1.5) -> None:
    """Make ``table`` a "three-line" table: a thick rule above and below, a thin one under the header.

    No vertical rules and no rules between body rows (the table keeps its merged cells).
    """
    tbl_pr = table._tbl.tblPr
    style = tbl_pr.find(qn("w:tblStyle"))
    if style is not None:
        tbl_pr.remove(style)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        node = OxmlElement(f"w:{edge}")
        thick = edge in ("top", "bottom")
        node.set(qn("w:val"), "single" if thick else "nil")
        if thick:
            node.set(qn("w:sz"), str(int(rule_pt * 8)))
            node.set(qn("w:color"), "000000")
        borders.append(node)
    _insert_before(tbl_pr, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))
    for cell in table.rows[header_rows - 1].cells:
        tc_pr = cell._tc.get_or_add_tcPr()
        tc_borders = OxmlElement("w:tcBorders")
        bottom = OxmlElement("w:bottom")
        bottom.set(qn("w:val"), "single")
        bottom.set(qn("w:sz"), "6")
        bottom.set(qn("w:color"), "000000")
        tc_borders.append(bottom)
        _insert_before(tc_pr, tc_borders, ("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:vAlign"))


def _insert_before(parent: object, child: object, later: tuple[str, ...]) -> None:
    """Insert ``child`` before the first of ``later`` (Word checks the schema's element order)."""
    for tag in later:
        found = parent.find(qn(tag))  # type: ignore[attr-defined]
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)  # type: ignore[attr-defined]


def repeat_as_header(row: _Row) -> None:
    """Mark a row as a header row Word repeats at the top of every page (and never splits)."""
    tr_pr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        node = OxmlElement(tag)
        node.set(qn("w:val"), "true")
        tr_pr.append(node)


def merge(table: Table, top: int, left: int, bottom: int, right: int, text: str, style: CellStyle) -> None:
    """Merge the block of cells (inclusive corners) and write ``text`` once in it."""
    cell = table.cell(top, left)
    if (bottom, right) != (top, left):
        cell = cell.merge(table.cell(bottom, right))
    write_cell(cell, text, style)


def merge_runs(table: Table, col: int, first_row: int, values: Sequence[str], style: CellStyle) -> None:
    """Write a column whose equal neighbouring values are one vertically merged cell (一级/二级指标)."""
    spans: list[tuple[str, int]] = []
    for value in values:
        if spans and spans[-1][0] == value:
            spans[-1] = (value, spans[-1][1] + 1)
        else:
            spans.append((value, 1))
    merge_spans(table, col, first_row, spans, style)


def merge_spans(
    table: Table, col: int, first_row: int, spans: Sequence[tuple[str, int]], style: CellStyle
) -> None:
    """Write a column of (text, rows covered) cells, merging each over its rows (a shared reason)."""
    row = first_row
    for text, count in spans:
        merge(table, row, col, row + count - 1, col, text, style)
        row += count
