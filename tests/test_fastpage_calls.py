"""fastpage's unconverted PDFium calls give what pypdfium2's declared ones give, on a real table page."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from jixiao.extract import fastpage

REPORT = Path(__file__).parent / "fixtures" / "office" / "ganzhou-lyj-cbl-2023.pdf"


@pytest.fixture
def page() -> Iterator[pdfium.PdfPage]:
    document = pdfium.PdfDocument(REPORT)
    page = document[1]  # the indicator table
    yield page
    page.close()
    document.close()


def test_character_calls_agree(page: pdfium.PdfPage) -> None:
    textpage = page.get_textpage()
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    assert fastpage._CountChars(raw) == count > 300
    declared, bare = pdfium_c.FS_RECTF(), pdfium_c.FS_RECTF()
    for i in range(count):
        assert fastpage._GetUnicode(raw, i) == pdfium_c.FPDFText_GetUnicode(raw, i)
        assert fastpage._IsGenerated(raw, i) == pdfium_c.FPDFText_IsGenerated(raw, i)
        assert fastpage._GetFontSize(raw, i) == pdfium_c.FPDFText_GetFontSize(raw, i)
        found = pdfium_c.FPDFText_GetLooseCharBox(raw, i, declared)
        assert fastpage._GetLooseCharBox(raw, i, ctypes.byref(bare)) == found
        if found:
            assert (bare.left, bare.top, bare.right, bare.bottom) == (
                declared.left,
                declared.top,
                declared.right,
                declared.bottom,
            )
    textpage.close()


def test_path_calls_agree(page: pdfium.PdfPage) -> None:
    raw = page.raw
    count = pdfium_c.FPDFPage_CountObjects(raw)
    assert fastpage._CountObjects(raw) == count
    x, y, bx, by = (ctypes.c_float() for _ in range(4))
    segments = 0
    for i in range(count):
        obj = fastpage._GetObject(raw, i)
        assert fastpage._GetType(obj) == pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(raw, i))
        if fastpage._GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        assert fastpage._CountSegments(obj) == pdfium_c.FPDFPath_CountSegments(obj)
        for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
            bare_seg = fastpage._GetPathSegment(obj, k)
            assert pdfium_c.FPDFPathSegment_GetPoint(seg, x, y) == fastpage._SegmentGetPoint(
                bare_seg, ctypes.byref(bx), ctypes.byref(by)
            )
            assert (bx.value, by.value) == (x.value, y.value)
            assert fastpage._SegmentGetType(bare_seg) == pdfium_c.FPDFPathSegment_GetType(seg)
            assert fastpage._SegmentGetClose(bare_seg) == pdfium_c.FPDFPathSegment_GetClose(seg)
            segments += 1
    assert segments > 30  # the table's rules


def test_a_fast_page_reads_the_rules_and_characters(page: pdfium.PdfPage) -> None:
    """The edges and characters the table finder gets: some of each, on the page."""
    fast = fastpage.FastPage(page)
    assert len(fast.edges) > 10 and len(fast.chars) > 200
    assert all(0 <= c["x0"] <= c["x1"] <= fast.width + 1 for c in fast.chars)
    assert {e["orientation"] for e in fast.edges} == {"h", "v"}


def test_every_bare_call_returns_a_pointer_object_or_a_number() -> None:
    """A bare call converts no argument, so a handle must come back as a ctypes pointer object: a
    ``c_void_p`` restype would give a Python int, which a bare call would then pass on as a 32-bit C int."""
    bare = {name: fn for name, fn in vars(fastpage).items() if isinstance(fn, ctypes._CFuncPtr)}
    assert len(bare) >= 16
    for name, fn in bare.items():
        restype = fn.restype
        assert restype is not ctypes.c_void_p, name
        assert issubclass(restype, ctypes._Pointer | ctypes._SimpleCData), (name, restype)
