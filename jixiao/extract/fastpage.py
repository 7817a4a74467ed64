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
# Page objects that can draw a rule: paths, and forms (which hold paths).
_GEOMETRY = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM)
_MOVETO, _BEZIERTO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO
_BREAK = (float("nan"), float("nan"))  # a break in a polyline


def _bare(fn: Any) -> Any:
    """The pypdfium2.raw function ``fn`` without ctypes' conversion of its arguments by their declared types.

    That conversion costs twice the call itself (1.0 against 0.4 µs), and the loops over every character
    and path segment of a page make thousands of calls. Callers pass exactly the C types: pointers
    pypdfium2 returned, ints for C ints, and ``ctypes.byref`` for out-parameters (never a bare structure,
    which would go by value).
    """
    bare = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
    bare.restype = fn.restype
    return bare


_CountChars = _bare(pdfium_c.FPDFText_CountChars)
_GetUnicode = _bare(pdfium_c.FPDFText_GetUnicode)
_IsGenerated = _bare(pdfium_c.FPDFText_IsGenerated)
_GetLooseCharBox = _bare(pdfium_c.FPDFText_GetLooseCharBox)
_GetFontSize = _bare(pdfium_c.FPDFText_GetFontSize)
_CountObjects = _bare(pdfium_c.FPDFPage_CountObjects)
_GetObject = _bare(pdfium_c.FPDFPage_GetObject)
_GetType = _bare(pdfium_c.FPDFPageObj_GetType)
_GetMatrix = _bare(pdfium_c.FPDFPageObj_GetMatrix)
_FormCountObjects = _bare(pdfium_c.FPDFFormObj_CountObjects)
_FormGetObject = _bare(pdfium_c.FPDFFormObj_GetObject)
_CountSegments = _bare(pdfium_c.FPDFPath_CountSegments)
_GetPathSegment = _bare(pdfium_c.FPDFPath_GetPathSegment)
_SegmentGetPoint = _bare(pdfium_c.FPDFPathSegment_GetPoint)
_SegmentGetType = _bare(pdfium_c.FPDFPathSegment_GetType)
_SegmentGetClose = _bare(pdfium_c.FPDFPathSegment_GetClose)
_SPACES = (0xA0, 0x3000, 0xFFFE, 0xFFFF)


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
        rect_ref = ctypes.byref(rect)
        left, page_top = self._left, self._top
        chars: list[dict[str, Any]] = []
        for i in range(_CountChars(raw)):
            code = _GetUnicode(raw, i)
            if code <= 32 or code in _SPACES or _IsGenerated(raw, i) == 1:
                continue
            if not _GetLooseCharBox(raw, i, rect_ref):
                continue
            top = page_top - rect.top
            bottom = page_top - rect.bottom
            chars.append(
                {
                    "text": chr(code),
                    "x0": rect.left - left,
                    "x1": rect.right - left,
                    "top": top,
                    "bottom": bottom,
                    "doctop": top,
                    "size": round(_GetFontSize(raw, i), 2),
                    "fontname": "",
                    "upright": True,
                }
            )
        return chars

    # --- ruling lines ---------------------------------------------------------------------------------------
    def _read_edges(self, page: pdfium.PdfPage) -> list[dict[str, Any]]:
        edges: list[dict[str, Any]] = []
        raw = page.raw
        for i in range(_CountObjects(raw)):
            obj = _GetObject(raw, i)
            kind = _GetType(obj)
            if kind in _GEOMETRY:  # most objects are text: looked at no further
                self._collect(obj, kind, _IDENTITY, edges, 0)
        return edges

    def _collect(self, obj: Any, kind: int, parent: _Matrix, edges: list[dict[str, Any]], depth: int) -> None:
        """The edges of a path, or of the paths inside a form (``kind``: the object's type, in _GEOMETRY)."""
        fs = pdfium_c.FS_MATRIX()
        own = (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f) if _GetMatrix(obj, ctypes.byref(fs)) else _IDENTITY
        matrix = _compose(own, parent)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < 8:
                for j in range(_FormCountObjects(obj)):
                    child = _FormGetObject(obj, j)
                    child_kind = _GetType(child)
                    if child_kind in _GEOMETRY:
                        self._collect(child, child_kind, matrix, edges, depth + 1)
            return
        points = self._path_points(obj, matrix)
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            self._add_edge(edges, x0, y0, x1, y1)

    def _path_points(self, obj: Any, m: _Matrix) -> list[tuple[float, float]]:
        """The path as a polyline in page coordinates; curves break it (they are never table rules)."""
        x, y = ctypes.c_float(), ctypes.c_float()
        x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
        out: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        a, b, c, d, e, f = m
        for k in range(_CountSegments(obj)):
            seg = _GetPathSegment(obj, k)
            if not _SegmentGetPoint(seg, x_ref, y_ref):
                continue
            xv, yv = x.value, y.value
            px = a * xv + c * yv + e
            py = b * xv + d * yv + f
            kind = _SegmentGetType(seg)
            if kind == _MOVETO:
                out.append(_BREAK)
                start = (px, py)
            elif kind == _BEZIERTO:
                out.append(_BREAK)
            out.append((px, py))
            if _SegmentGetClose(seg) and start is not None:
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
