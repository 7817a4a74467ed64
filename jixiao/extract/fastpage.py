"""A pypdfium2 view of one page with the parts of pdfplumber's Page that table finding uses.

pdfminer's pure-Python content parsing dominates pdfplumber's cost on dense CJK table pages; pdfium
reads the same characters and ruling paths in C. The table geometry itself (snapping and joining
edges, intersections, cells, tables) is still pdfplumber's ``TableFinder``.
"""

from __future__ import annotations

import ctypes
import itertools
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils import dedupe_chars

_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# Path pieces shorter than this are glyph-like marks or dots, not table rules.
_MIN_EDGE = 1.0


class UnsupportedPage(Exception):
    """The page needs pdfplumber's full reader (rotated page, unusual geometry)."""


class FastPage:
    """Characters and straight path edges of a page, in pdfplumber's top-down coordinates."""

    def __init__(self, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage | None = None) -> None:
        """The page's characters (from ``textpage`` when the caller has it loaded) and its ruling lines."""
        if page.get_rotation() % 360:
            raise UnsupportedPage("rotated page")
        left, bottom, right, top = page.get_mediabox()
        self._left, self._top = left, top
        self.width = right - left
        self.height = top - bottom
        self.bbox = (0.0, 0.0, self.width, self.height)
        if textpage is not None:
            self.chars = dedupe(self._read_chars(textpage))
        else:
            own = page.get_textpage()
            try:
                self.chars = dedupe(self._read_chars(own))
            finally:
                own.close()
        self.edges = self._read_edges(page)

    def find_tables(self, table_settings: dict[str, Any]) -> list[Any]:
        """pdfplumber's table finder run on this page's edges."""
        return TableFinder(self, TableSettings.resolve(table_settings)).tables  # type: ignore[arg-type]

    # --- characters -----------------------------------------------------------------------------------------
    def _read_chars(self, textpage: pdfium.PdfTextPage) -> list[dict[str, Any]]:
        raw = textpage.raw
        rect = pdfium_c.FS_RECTF()
        chars: list[dict[str, Any]] = []
        for i in range(pdfium_c.FPDFText_CountChars(raw)):
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            if (
                code <= 32
                or code in (0xA0, 0x3000, 0xFFFE, 0xFFFF)
                or pdfium_c.FPDFText_IsGenerated(raw, i) == 1
            ):
                continue
            if not pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect):
                continue
            top = self._top - rect.top
            bottom = self._top - rect.bottom
            chars.append(
                {
                    "text": chr(code),
                    "x0": rect.left - self._left,
                    "x1": rect.right - self._left,
                    "top": top,
                    "bottom": bottom,
                    "doctop": top,
                    "size": round(pdfium_c.FPDFText_GetFontSize(raw, i), 2),
                    "fontname": "",
                    "upright": True,
                }
            )
        return chars

    # --- ruling lines ---------------------------------------------------------------------------------------
    def _read_edges(self, page: pdfium.PdfPage) -> list[dict[str, Any]]:
        edges: list[dict[str, Any]] = []
        raw = page.raw
        for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
            self._collect(pdfium_c.FPDFPage_GetObject(raw, i), _IDENTITY, edges, 0)
        return edges

    def _collect(self, obj: Any, parent: _Matrix, edges: list[dict[str, Any]], depth: int) -> None:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            return
        fs = pdfium_c.FS_MATRIX()
        own = (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f) if pdfium_c.FPDFPageObj_GetMatrix(obj, fs) else _IDENTITY
        matrix = _compose(own, parent)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < 8:
                for j in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                    self._collect(pdfium_c.FPDFFormObj_GetObject(obj, j), matrix, edges, depth + 1)
            return
        points = self._path_points(obj, matrix)
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            self._add_edge(edges, x0, y0, x1, y1)

    def _path_points(self, obj: Any, m: _Matrix) -> list[tuple[float, float]]:
        """The path as a polyline in page coordinates; curves break it (they are never table rules)."""
        x, y = ctypes.c_float(), ctypes.c_float()
        out: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
            if not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
                continue
            px = m[0] * x.value + m[2] * y.value + m[4]
            py = m[1] * x.value + m[3] * y.value + m[5]
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                out.append((float("nan"), float("nan")))
                start = (px, py)
            elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
                out.append((float("nan"), float("nan")))
            out.append((px, py))
            if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
                out.append(start)
        return out

    def _add_edge(self, edges: list[dict[str, Any]], x0: float, y0: float, x1: float, y1: float) -> None:
        if x0 != x0 or x1 != x1:  # NaN marks a break in the polyline
            return
        left, right = sorted((x0 - self._left, x1 - self._left))
        top, bottom = sorted((self._top - y0, self._top - y1))
        if abs(y0 - y1) < 0.5 and right - left >= _MIN_EDGE:
            orientation = "h"
        elif abs(x0 - x1) < 0.5 and bottom - top >= _MIN_EDGE:
            orientation = "v"
        else:
            return
        edges.append(
            {
                "object_type": "line",
                "orientation": orientation,
                "x0": left,
                "x1": right,
                "top": top,
                "bottom": bottom,
                "doctop": top,
                "width": right - left,
                "height": bottom - top,
            }
        )


def dedupe(chars: list[dict[str, Any]], tolerance: float = 1) -> list[dict[str, Any]]:
    """``pdfplumber.utils.dedupe_chars(chars)`` (same defaults), minus its quadratic cost when none repeats.

    pdfplumber drops a character only when another with the same upright, text, fontname and size falls
    in the same doctop cluster and the same x0 cluster (values chained within ``tolerance``). That is
    checked here in O(n log n) with pdfplumber's own chaining rule; only a page where it can happen goes
    through ``dedupe_chars`` (whose final re-sort by ``list.index`` is quadratic in the characters).
    """
    groups: dict[tuple[Any, ...], list[tuple[float, float]]] = {}
    for char in chars:
        key = (char["upright"], char["text"], char["fontname"], char["size"])
        groups.setdefault(key, []).append((char["doctop"], char["x0"]))
    for members in groups.values():
        if len(members) > 1 and _may_repeat(members, tolerance):
            return dedupe_chars(chars, tolerance)
    return list(chars)


def _may_repeat(members: list[tuple[float, float]], tolerance: float) -> bool:
    """True when two of these (doctop, x0) would share a doctop cluster and an x0 cluster in pdfplumber."""
    by_top: dict[float, list[float]] = {}
    for top, x0 in members:
        by_top.setdefault(top, []).append(x0)
    cluster: list[float] = []
    last: float | None = None
    for top in sorted(by_top):  # pdfplumber's cluster_list on the distinct doctop values
        if last is not None and not top <= last + tolerance:
            if _close(cluster, tolerance):
                return True
            cluster = []
        cluster += by_top[top]
        last = top
    return _close(cluster, tolerance)


def _close(xs: list[float], tolerance: float) -> bool:
    if len(xs) < 2:
        return False
    ordered = sorted(xs)
    return any(b <= a + tolerance for a, b in itertools.pairwise(ordered))


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """Apply ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
