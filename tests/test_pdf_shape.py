"""Issue 12, case 7: a decompression bomb, deeply nested arrays and a self-referencing xref are named for
what they are (corrupt / too_large with a sentence), never "no text layer" or "a scan".

Every file is crafted as bytes here: PDFium reads all of them without an error and finds a blank page.
"""

from __future__ import annotations

import importlib.util
import re
import zlib
from pathlib import Path

import duckdb
import pytest
from test_warehouse_sample import make_settings

from jixiao.core.settings import Settings
from jixiao.extract import parse_report
from jixiao.extract.errors import ExtractError
from jixiao.extract.pdfshape import MAX_CONTENT_MB, MAX_NESTING
from jixiao.ingestion.ingest import ingest
from jixiao.staging import runner

ROOT = Path(__file__).resolve().parents[1]
GREY_BOX = b"0.6 g 50 50 400 600 re f"  # a page that draws something, but no text and no image
DEEP = 100_000


def _pdf(objects: list[bytes], *, prev_self: bool = False) -> bytes:
    """A PDF of ``objects`` (1: catalog) with an exact xref table; ``prev_self``: its /Prev is itself."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    prev = b" /Prev %d" % xref if prev_self else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, prev, xref)
    return bytes(out)


def _page(content: bytes, *, flate: bool = False, page_extra: bytes = b"", prev_self: bool = False) -> bytes:
    """One A4 page whose content stream is ``content`` (already deflated when ``flate``), drawing Im1."""
    image = zlib.compress(bytes([230]) * (200 * 280))  # a pale 200×280 "scan", for the OCR path
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            b"<< /Type /XObject /Subtype /Image /Width 200 /Height 280 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
            % len(image)
            + image
            + b"\nendstream",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 3 0 R >> "
            b">> /Contents 5 0 R" + page_extra + b" >>",
            b"<< /Length %d%s >>\nstream\n" % (len(content), b" /Filter /FlateDecode" if flate else b"")
            + content
            + b"\nendstream",
        ],
        prev_self=prev_self,
    )


def deflated_blanks(megabytes: int, tail: bytes = b"") -> bytes:
    """A zlib stream of ``megabytes`` MB of spaces then ``tail``, in about a second even for 1 GB.

    After a full flush the compressor starts afresh, so each further megabyte deflates to the same bytes.
    """
    chunk = b" " * 2**20
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    again = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    end = deflate.compress(tail) + deflate.flush()
    adler = 1
    for _ in range(megabytes):
        adler = zlib.adler32(chunk, adler)
    adler = zlib.adler32(tail, adler)
    return b"\x78\xda" + first + again * (megabytes - 1) + end + adler.to_bytes(4, "big")


def _rejected(path: Path) -> ExtractError:
    with pytest.raises(ExtractError) as info:
        parse_report(path)
    sentence = str(info.value)
    assert path.name in sentence and "\n" not in sentence
    said = sentence.replace(path.name, "")
    assert "text layer" not in said and "scan" not in said, sentence
    return info.value


def test_a_self_referencing_xref_is_corrupt_not_a_scan(tmp_path: Path) -> None:
    path = tmp_path / "xref-loop.pdf"
    path.write_bytes(_page(GREY_BOX, prev_self=True))
    error = _rejected(path)
    assert error.reason_code == "corrupt"
    assert "cross-reference table points at itself" in str(error)


def test_a_report_whose_xref_points_at_itself_still_loads(tmp_path: Path) -> None:
    """The diagnosis only explains a rejection: PDFium repairs the table and the report is read."""
    sample = ROOT / "samples" / "reports" / "chengdu-sthjj-2023.pdf"
    data = sample.read_bytes()
    root = re.findall(rb"/Root\s+(\d+\s+\d+\s+R)", data)[-1]
    size = re.findall(rb"/Size\s+(\d+)", data)[-1]
    end = len(data)
    trailer = b"<< /Size %s /Root %s /Prev %d >>" % (size, root, end)
    tail = b"xref\n0 0\ntrailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (trailer, end)
    path = tmp_path / "chengdu-xref-loop.pdf"
    path.write_bytes(data + tail)
    assert parse_report(path).indicators == parse_report(sample).indicators


@pytest.mark.parametrize("where", ["content", "page"])
def test_arrays_nested_100000_deep_are_corrupt_not_a_scan(tmp_path: Path, where: str) -> None:
    nested = b"[" * DEEP + b"]" * DEEP
    if where == "content":
        pdf = _page(zlib.compress(nested + b" " + GREY_BOX), flate=True)
    else:
        pdf = _page(GREY_BOX, page_extra=b" /Nest " + nested)
    path = tmp_path / f"nested-{where}.pdf"
    path.write_bytes(pdf)
    error = _rejected(path)
    assert error.reason_code == "corrupt"
    assert f"more than {MAX_NESTING} levels deep" in str(error)


def test_a_decompression_bomb_is_too_large_not_a_scan(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_page(deflated_blanks(2 * MAX_CONTENT_MB, GREY_BOX), flate=True))
    error = _rejected(path)
    assert error.reason_code == "too_large"
    assert f"a page's content (object 5) decompresses to more than {MAX_CONTENT_MB} MB" in str(error)


@pytest.mark.skipif(importlib.util.find_spec("rapidocr_onnxruntime") is None, reason="needs the ocr extra")
def test_a_bomb_page_that_shows_a_scan_goes_through_ocr_and_is_too_large(tmp_path: Path) -> None:
    """PDFium expands the bomb and renders the page for OCR (within the limits); OCR reads nothing."""
    path = tmp_path / "bomb-scan.pdf"
    draw_the_scan = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    path.write_bytes(_page(deflated_blanks(2 * MAX_CONTENT_MB, draw_the_scan), flate=True))
    error = _rejected(path)
    assert error.reason_code == "too_large" and "decompression bomb" in str(error)


@pytest.mark.slow
def test_a_1_gb_bomb_in_a_parser_process_under_the_memory_cap_is_too_large(tmp_path: Path) -> None:
    """The issue's file: 1 MB on disk, 1 GB expanded; the real parser process, the default memory cap."""
    settings = Settings.from_env({}, home=tmp_path / "data", workers=1)
    path = tmp_path / "in" / "附件1.pdf"
    path.parent.mkdir()
    path.write_bytes(_page(deflated_blanks(1024, GREY_BOX), flate=True))
    [outcome] = runner.stage_files([path], settings, "run-1", labels=["in/附件1.pdf"])
    assert outcome.reason_code == "too_large", outcome.reason
    assert "in/附件1.pdf" in (outcome.reason or "") and "decompress" in (outcome.reason or "")


@pytest.mark.slow
def test_a_folder_mixing_a_report_and_hostile_pdfs_publishes_the_report_and_names_each_hostile_file(
    tmp_path: Path,
) -> None:
    """One odd file never costs the others: each hostile PDF is one rejected ingest_log row with its own
    reason code, and the good report beside them is published."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.pdf").write_bytes((ROOT / "samples" / "reports" / "chengdu-sthjj-2023.pdf").read_bytes())
    (inbox / "xref-loop.pdf").write_bytes(_page(GREY_BOX, prev_self=True))
    (inbox / "nested.pdf").write_bytes(_page(GREY_BOX, page_extra=b" /Nest " + b"[" * DEEP + b"]" * DEEP))
    (inbox / "bomb.pdf").write_bytes(_page(deflated_blanks(2 * MAX_CONTENT_MB, GREY_BOX), flate=True))
    settings = make_settings(tmp_path)
    result = ingest([inbox], settings)
    assert result.published, result.error
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        log = dict(
            con.execute("select source_file, coalesce(reason_code, status) from ingest_log").fetchall()
        )
        reports = con.execute("select source_file from dim_report").fetchall()
    assert log == {
        "good.pdf": "loaded",
        "xref-loop.pdf": "corrupt",
        "nested.pdf": "corrupt",
        "bomb.pdf": "too_large",
    }
    assert reports == [("good.pdf",)]
