"""Render a ReportSpec to a PDF and report where things landed (pages), for the truth file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fixturegen.render.document import Document, PageStyle, TextStyle
from fixturegen.render.table import draw_table
from fixturegen.render.templates import build_table
from fixturegen.spec import IndicatorTable, PageBreak, Para, ReportSpec


@dataclass(frozen=True)
class RenderResult:
    """What the renderer knows about the pages it made."""

    page_count: int
    anchors: dict[str, int]  # anchor key → 1-based page
    row_pages: tuple[int, ...]  # page of each indicator row's first line, in table order


def _text_style(spec: ReportSpec, style: str) -> TextStyle:
    s = spec.style
    size, lh = s.body_size, s.line_height
    styles = {
        "title": TextStyle(
            size=size * 1.375,
            line_height=lh * 1.45,
            indent_chars=0,
            align="center",
            bold=True,
            space_after=lh * 0.5,
        ),
        "subtitle": TextStyle(
            size=size, line_height=lh, indent_chars=0, align="center", space_after=lh * 0.3
        ),
        "h1": TextStyle(size=size, line_height=lh, indent_chars=2, align="left", bold=s.heading_bold),
        "h2": TextStyle(size=size, line_height=lh, indent_chars=2, align="left", bold=s.heading_bold),
        "h3": TextStyle(size=size, line_height=lh, indent_chars=2, align="justify"),
        "body": TextStyle(size=size, line_height=lh, indent_chars=2, align="justify"),
        "plain": TextStyle(size=size, line_height=lh, indent_chars=0, align="justify"),
        "center": TextStyle(size=size, line_height=lh, indent_chars=0, align="center"),
        "caption": TextStyle(
            size=size * 0.875, line_height=lh * 0.9, indent_chars=0, align="center", bold=True
        ),
        "sign": TextStyle(size=size, line_height=lh, indent_chars=0, align="right"),
    }
    try:
        return styles[style]
    except KeyError:
        raise ValueError(f"unknown paragraph style {style!r}") from None


def render_report(spec: ReportSpec, path: Path, encrypt: str | None = None) -> RenderResult:
    """Write ``spec`` as a PDF at ``path`` (password-protected when ``encrypt`` is a user password)."""
    s = spec.style
    top, bottom, left, right = s.margins
    page_style = PageStyle(
        margin_top=top,
        margin_bottom=bottom,
        margin_left=left,
        margin_right=right,
        body_size=s.body_size,
        line_height=s.line_height,
        footer=s.footer,
    )
    doc = Document(
        path,
        page_style,
        title=spec.title if spec.author else "",
        author=spec.author,
        orientation=spec.orientation,
        encrypt=encrypt,
    )
    row_pages: list[int] = []
    offset = 0
    for block in spec.blocks:
        if isinstance(block, Para):
            doc.paragraph(block.text, _text_style(spec, block.style), block.anchors)
        elif isinstance(block, PageBreak):
            doc.new_page(block.orientation)
        elif isinstance(block, IndicatorTable):
            keys = draw_table(doc, build_table(block, doc))
            row_pages.extend(keys[f"row{i}"] for i in range(len(block.rows)))
            offset += len(block.rows)
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"unknown block {block!r}")
    page_count = doc.finish()
    return RenderResult(page_count, dict(doc.anchors), tuple(row_pages))
