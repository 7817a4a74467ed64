"""A flowing A4 document on a reportlab canvas: paragraphs, page breaks, footers, anchors.

Coordinates are measured top-down from the page's top edge (``cur``) and converted to PDF
coordinates only when drawing. Anchors record the page on which a given substring of a paragraph
was drawn, so the truth file can say where each figure is without parsing the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from fixturegen.render import fonts
from fixturegen.render.wrap import Line, gap_between, measure, wrap


@dataclass(frozen=True)
class PageStyle:
    """Page geometry and the body text settings of one document."""

    margin_top: float = 82.0
    margin_bottom: float = 78.0
    margin_left: float = 92.0
    margin_right: float = 88.0
    body_size: float = 16.0
    line_height: float = 29.0
    footer: str = "dash"  # dash: "— 3 —", cn: "第 3 页", plain: "3", none
    footer_size: float = 10.5


@dataclass
class TextStyle:
    """How one paragraph is set."""

    size: float = 16.0
    line_height: float = 29.0
    indent_chars: float = 2.0
    align: str = "justify"  # justify | left | center
    bold: bool = False
    space_before: float = 0.0
    space_after: float = 0.0
    autospace: bool = True


@dataclass
class Document:
    """A canvas plus a cursor that flows text from page to page."""

    path: Path
    style: PageStyle = field(default_factory=PageStyle)
    title: str = ""
    author: str = ""
    orientation: str = "portrait"
    anchors: dict[str, int] = field(default_factory=dict)
    encrypt: str | None = None  # user password

    def __post_init__(self) -> None:
        fonts.register()
        encryption = None
        if self.encrypt:
            encryption = StandardEncryption(self.encrypt, ownerPassword=self.encrypt + "-owner", strength=128)
        self.canvas = Canvas(
            str(self.path),
            encrypt=encryption,
            pagesize=self.page_size,
            invariant=1,
            pageCompression=1,
            initialFontName="Helvetica",
        )
        self.canvas.setTitle(self.title)
        self.canvas.setAuthor(self.author)
        self.canvas.setCreator("Microsoft® Word 2016")
        self.canvas.setProducer("Microsoft® Word 2016")
        self.page = 1
        self.cur = self.style.margin_top
        self._page_dirty = False

    # geometry
    @property
    def page_size(self) -> tuple[float, float]:
        return landscape(A4) if self.orientation == "landscape" else A4

    @property
    def width(self) -> float:
        return self.page_size[0]

    @property
    def height(self) -> float:
        return self.page_size[1]

    @property
    def left(self) -> float:
        return self.style.margin_left

    @property
    def text_width(self) -> float:
        return self.width - self.style.margin_left - self.style.margin_right

    @property
    def bottom(self) -> float:
        """Top-down coordinate of the bottom of the text area."""
        return self.height - self.style.margin_bottom

    def remaining(self) -> float:
        return self.bottom - self.cur

    # pages
    def new_page(self, orientation: str | None = None) -> None:
        """Finish the current page (with its footer) and start the next one."""
        self._footer()
        self.canvas.showPage()
        if orientation and orientation != self.orientation:
            self.orientation = orientation
        self.canvas.setPageSize(self.page_size)
        self.page += 1
        self.cur = self.style.margin_top
        self._page_dirty = False

    def _footer(self) -> None:
        style = self.style
        if style.footer == "none":
            return
        n = self.page
        text = {"dash": f"— {n} —", "cn": f"第 {n} 页", "plain": f"{n}"}.get(style.footer, str(n))
        y = self.height - style.margin_bottom / 2
        self.draw_text(text, (self.width - measure(text, style.footer_size)) / 2, y, style.footer_size)

    def finish(self) -> int:
        """Write the PDF; returns the page count."""
        self._footer()
        self.canvas.showPage()
        self.canvas.save()
        return self.page

    # drawing
    def draw_text(
        self,
        text: str,
        x: float,
        baseline: float,
        size: float,
        bold: bool = False,
        char_space: float = 0.0,
        autospace: bool = True,
    ) -> None:
        """Draw one line at top-down ``baseline``, switching fonts between CJK and Latin runs."""
        c = self.canvas
        y = self.height - baseline
        if bold:
            c.setLineWidth(size * 0.035)
        prev = ""
        run = ""
        run_font = ""
        run_x = x
        cursor = x
        for ch in text:
            font = fonts.font_for(ch)
            gap = gap_between(prev, ch, size, autospace)
            if run and (font != run_font or gap):
                self._run(run, run_font, run_x, y, size, bold, char_space)
                run = ""
            cursor += gap
            if not run:
                run_font = font
                run_x = cursor
            run += ch
            cursor += fonts.char_width(ch, size) + char_space
            prev = ch
        if run:
            self._run(run, run_font, run_x, y, size, bold, char_space)
        self._page_dirty = True

    def _run(
        self, run: str, font: str, x: float, y: float, size: float, bold: bool, char_space: float
    ) -> None:
        scale = fonts.LATIN_SCALE if font == fonts.LATIN else 1.0
        t = self.canvas.beginText(x, y)
        t.setFont(font, size)
        t.setTextRenderMode(2 if bold else 0)
        # Tz and Tc persist in the graphics state across text objects: always set both.
        t.setHorizScale(scale * 100)
        t.setCharSpace(char_space / scale)
        t.textOut(run)
        self.canvas.drawText(t)

    def draw_line(
        self, line: Line, x: float, width: float, baseline: float, ts: TextStyle, indent: float = 0.0
    ) -> None:
        """Draw a wrapped line with the paragraph's alignment (justified lines spread their glyphs)."""
        natural = measure(line.text, ts.size, ts.autospace)
        avail = width - indent
        char_space = 0.0
        start = x + indent
        if ts.align == "center":
            start = x + (width - natural) / 2
        elif ts.align == "right":
            start = x + width - natural
        elif ts.align == "justify" and not line.last and len(line.text) > 1 and natural < avail:
            # Word stretches CJK gaps, not Latin words; a small cap keeps digit runs together.
            char_space = min((avail - natural) / (len(line.text) - 1), ts.size * 0.12)
        self.draw_text(line.text, start, baseline, ts.size, ts.bold, char_space, ts.autospace)

    def hline(self, x0: float, x1: float, y: float, width: float = 0.5) -> None:
        """Horizontal rule at top-down ``y``."""
        self.canvas.setLineWidth(width)
        self.canvas.line(x0, self.height - y, x1, self.height - y)

    def vline(self, x: float, y0: float, y1: float, width: float = 0.5) -> None:
        """Vertical rule between top-down ``y0`` and ``y1``."""
        self.canvas.setLineWidth(width)
        self.canvas.line(x, self.height - y0, x, self.height - y1)

    # flow
    def paragraph(self, text: str, ts: TextStyle, anchors: tuple[tuple[str, str], ...] = ()) -> None:
        """Flow one paragraph, breaking pages between lines; record each anchor's page."""
        if self.cur > self.style.margin_top + 0.1:
            self.cur += ts.space_before
        indent = ts.indent_chars * ts.size
        lines = wrap(text, self.text_width, ts.size, first_indent=indent, autospace=ts.autospace)
        wanted = {key: text.find(snippet) for key, snippet in anchors}
        for key, idx in wanted.items():
            if idx < 0:
                raise ValueError(f"anchor {key!r}: snippet not found in paragraph {text[:30]!r}")
        for i, line in enumerate(lines):
            if self.cur + ts.line_height > self.bottom + 0.1:
                self.new_page()
            baseline = self.cur + ts.line_height / 2 + ts.size * 0.36
            self.draw_line(line, self.left, self.text_width, baseline, ts, indent if i == 0 else 0.0)
            end = line.start + len(line.text)
            for key, idx in wanted.items():
                if line.start <= idx < end or (line.last and idx >= line.start):
                    self.anchors.setdefault(key, self.page)
            self.cur += ts.line_height
        self.cur += ts.space_after
