"""A bad-input corpus for reliability tests, built at test time from the committed reports.

``make_bad_corpus(out_dir)`` writes 30+ files into ``out_dir`` and returns the expected ingest
outcome of each, ``{file name: (status, reason_code)}``, for the default limits and for a run that
gets ``samples/reports`` as its *first* input (so a duplicate of a sample is ``unchanged``).

Everything is derived from the committed good reports (``samples/reports``) and bad inputs
(``tests/fixtures/bad``), or written by hand as a minimal PDF (:func:`minimal_pdf`): truncated
downloads at several offsets, empty files, an HTML error page and random bytes named ``.pdf``,
encrypted and image-only PDFs, a PDF with thousands of pages and one with a huge page, a report with
its indicator table removed (it loads; the data-quality warning ``report_has_indicators`` flags it),
duplicates under other names, unsupported formats, and file names with spaces, Chinese characters,
SQL and shell metacharacters. Pure Python (reportlab renders the one new report; pypdf encrypts).
"""

from __future__ import annotations

import dataclasses
import io
import random
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = ROOT / "samples" / "reports"
FIXTURE_BAD = ROOT / "tests" / "fixtures" / "bad"

Outcome = tuple[str, str | None]  # (status, reason_code)

# The file names that must never be interpreted: as SQL, by a shell, or as an option.
SQL_NAME = "'); drop table dim_report; --.pdf"
SHELL_NAME = "$(touch x).pdf"
BACKTICK_NAME = "`touch y` report.pdf"
# The report whose indicator table was removed: loads, with a DQ warning.
NO_TABLE_NAME = "杭州 余杭 市场监管局 2020 无指标表.pdf"
NO_TABLE_YEAR = 2020
# Thousands of pages: over the page limit by default, slow to read when the limit is lifted.
MANY_PAGES_NAME = "thousands-of-pages.pdf"
MANY_PAGES = 4000

_HTML_ERROR = (
    "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>502 Bad Gateway</title></head>\n"
    "<body><h1>502 Bad Gateway</h1><p>服务器繁忙，请稍后再试。</p><hr>nginx</body></html>\n"
)


def _pdf_string(text: str) -> bytes:
    return (
        b"("
        + text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        + b")"
    )


def minimal_pdf(pages: list[str | None], size: tuple[float, float] = (595.0, 842.0)) -> bytes:
    """A valid, uncompressed PDF: one page per entry, showing that ASCII text (None: a grey box, no text).

    Hand-written objects with an exact cross-reference table, so thousands of pages cost milliseconds.
    """
    width, height = size
    n = len(pages)
    # Objects: 1 catalog, 2 pages tree, 3 font, then per page: page object and its content stream.
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{4 + 2 * i} 0 R".encode() for i in range(n))
        + f"] /Count {n} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, text in enumerate(pages):
        if text is None:
            stream = b"0.6 g 50 50 400 600 re f"
        else:
            stream = (
                b"BT /F1 12 Tf 72 " + str(int(height) - 72).encode() + b" Td " + _pdf_string(text) + b" Tj ET"
            )
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:g} {height:g}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _random_bytes(seed: int, size: int, prefix: bytes = b"") -> bytes:
    """Seeded noise that never looks like a PDF or a known format (no ``%PDF`` beyond ``prefix``)."""
    data = bytearray(random.Random(seed).randbytes(size))
    for i in range(len(data) - 3):
        if data[i : i + 4] == b"%PDF":
            data[i] = 0
    data[0] = 0x01  # no magic number (PK, %PDF, PNG, ...) at the start
    return prefix + bytes(data)


def _encrypted(source: Path) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="jixiao-2024", owner_password="owner-2024", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _report_without_indicator_table() -> Callable[[Path], None]:
    """The Hangzhou sample re-rendered for another year with its indicator table removed."""

    def make(path: Path) -> None:
        from fixturegen.corpus import hangzhou_amr
        from fixturegen.render.report import render_report
        from fixturegen.spec import IndicatorTable, Para

        spec = hangzhou_amr.spec()
        old, new = str(spec.fiscal_year), str(NO_TABLE_YEAR)
        blocks = tuple(
            dataclasses.replace(b, text=b.text.replace(old, new), anchors=()) if isinstance(b, Para) else b
            for b in spec.blocks
            if not isinstance(b, IndicatorTable)
        )
        spec = dataclasses.replace(
            spec,
            file_name=path.name,
            fiscal_year=NO_TABLE_YEAR,
            title=spec.title.replace(old, new),
            blocks=blocks,
            finance=(),
        )
        render_report(spec, path)

    return make


def _copy(source: Path) -> Callable[[Path], None]:
    return lambda path: shutil.copyfile(source, path)


def _bytes(data: bytes | Callable[[], bytes]) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data() if callable(data) else data)


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, text in members.items():
            zf.writestr(name, text)
    return buffer.getvalue()


def _makers() -> dict[str, tuple[Callable[[Path], None], Outcome]]:
    """Every corpus file: how to make it and the outcome an ingest must give it."""
    jm2023 = SAMPLES_DIR / "jiangmen-gxj-2023.pdf"
    good = jm2023.read_bytes()
    corrupt: Outcome = ("rejected", "corrupt")
    unsupported: Outcome = ("rejected", "unsupported_format")
    not_a_report: Outcome = ("rejected", "not_a_report")
    unchanged: Outcome = ("unchanged", None)
    makers: dict[str, tuple[Callable[[Path], None], Outcome]] = {}
    # Truncated downloads at several offsets (a complete PDF minus its last bytes is still complete,
    # so every cut here removes real content or the cross-reference table).
    for pct in (1, 10, 30, 60, 90, 99):
        cut = good[: len(good) * pct // 100]
        makers[f"truncated-{pct}pct-jiangmen-gxj-2023.pdf"] = (_bytes(cut), corrupt)
    makers["truncated-header-only.pdf"] = (_bytes(good[:15]), corrupt)
    makers["empty.pdf"] = (_bytes(b""), corrupt)
    makers[SHELL_NAME] = (_bytes(b""), corrupt)  # empty, with a name a shell would execute
    makers["502 error page (saved as).pdf"] = (_bytes(_HTML_ERROR.encode()), not_a_report)
    makers["random-bytes.pdf"] = (_bytes(lambda: _random_bytes(1, 40_000)), corrupt)
    makers["random-after-header.pdf"] = (_bytes(lambda: _random_bytes(2, 20_000, b"%PDF-1.7\n")), corrupt)
    makers[SQL_NAME] = (_bytes(lambda: _random_bytes(3, 5_000)), corrupt)
    makers["encrypted-chengdu-sthjj-2023.pdf"] = (
        _bytes(lambda: _encrypted(SAMPLES_DIR / "chengdu-sthjj-2023.pdf")),
        ("rejected", "encrypted"),
    )
    makers["encrypted-foshan-xszz-2023.pdf"] = (
        _copy(FIXTURE_BAD / "encrypted-foshan-xszz-2023.pdf"),
        ("rejected", "encrypted"),
    )
    # A scan is read by OCR now; one with nothing legible on it is still rejected.
    makers["扫描件 空白页.pdf"] = (
        _copy(FIXTURE_BAD / "scanned-blank-page.pdf"),
        ("rejected", "no_text_layer"),
    )
    makers["image-only-boxes.pdf"] = (_bytes(minimal_pdf([None, None, None])), ("rejected", "no_text_layer"))
    makers[MANY_PAGES_NAME] = (
        _bytes(lambda: minimal_pdf([f"Page {i + 1} of a very long appendix." for i in range(MANY_PAGES)])),
        ("rejected", "too_large"),
    )
    makers["huge-page.pdf"] = (
        _bytes(minimal_pdf(["One enormous poster-sized page."], size=(14400.0, 14400.0))),
        ("rejected", "too_large"),
    )
    makers["hello-world.pdf"] = (
        _bytes(minimal_pdf(["Hello world, this is a letter about the weather."])),
        ("rejected", "not_a_report"),
    )
    makers["江门市工业和信息化局2023年部门决算公开.pdf"] = (
        _copy(FIXTURE_BAD / "jiangmen-gxj-2023-juesuan.pdf"),
        ("rejected", "not_a_report"),
    )
    makers[NO_TABLE_NAME] = (_report_without_indicator_table(), ("loaded", None))
    # The same report under other names: never loaded twice.
    makers["jiangmen-gxj-2023 (1).pdf"] = (_copy(jm2023), unchanged)
    makers["副本 江门市工业和信息化局2023年度部门整体支出绩效自评报告.pdf"] = (_copy(jm2023), unchanged)
    makers["report; rm -rf ~.pdf"] = (_copy(SAMPLES_DIR / "hunan-slt-2023.pdf"), unchanged)
    makers['it\'s a "quoted" & <tagged> name.pdf'] = (
        _copy(SAMPLES_DIR / "chengdu-sthjj-2023.pdf"),
        unchanged,
    )
    makers[BACKTICK_NAME] = (_copy(SAMPLES_DIR / "foshan-nh-jyj-xszz-2023.pdf"), unchanged)
    makers["--help.pdf"] = (_copy(SAMPLES_DIR / "jiangmen-gxj-2021.pdf"), unchanged)
    makers["hangzhou-yh-scjgj-2022"] = (
        _copy(SAMPLES_DIR / "hangzhou-yh-scjgj-2022.pdf"),
        unchanged,
    )  # no suffix
    # Fragments of a report in formats the extractor reads: no title, year or department.
    makers["jiangmen-gxj-2023.docx"] = (_copy(FIXTURE_BAD / "jiangmen-gxj-2023.docx"), not_a_report)
    makers["自评表 2023.xlsx"] = (_copy(FIXTURE_BAD / "jiangmen-gxj-2023-zibiao.xlsx"), not_a_report)
    # Formats the extractor does not read.
    makers["jiangmen-gxj-2023.txt"] = (_copy(FIXTURE_BAD / "jiangmen-gxj-2023.txt"), unsupported)
    makers["报告.ofd"] = (_bytes(_zip({"OFD.xml": "<ofd:OFD/>"})), unsupported)
    makers["reports.zip"] = (_bytes(_zip({"a.txt": "not a report"})), unsupported)
    makers["scan.jpg"] = (_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200)), unsupported)
    makers["old-format.doc"] = (_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)), unsupported)
    makers["index.html"] = (_bytes(_HTML_ERROR.encode()), not_a_report)
    makers["indicators.csv"] = (
        _bytes("一级指标,二级指标,三级指标\n产出,数量指标,企业数量\n".encode()),
        unsupported,
    )
    return makers


def make_bad_corpus(out_dir: Path) -> dict[str, Outcome]:
    """Write the corpus into ``out_dir`` (created); return ``{file name: (status, reason_code)}``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    expected: dict[str, Outcome] = {}
    for name, (make, outcome) in _makers().items():
        make(out_dir / name)
        expected[name] = outcome
    return expected
