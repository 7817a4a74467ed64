"""Reports written in Word and exported by LibreOffice (tests/fixtures/office, made by fixturegen.office).

Each PDF's parse is compared with the truth JSON beside it, field by field, by
``test_extract_corpus.test_report_matches_truth`` (which picks up every fixture PDF with a truth file);
this module checks they are picked up and that the fixtures really are what they claim to be: PDFs
made by LibreOffice from .docx files with real Word tables (merged cells, repeated header rows,
landscape sections, three-line rules), tables that cross pages.
"""

from __future__ import annotations

import itertools
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pypdfium2 as pdfium
import pytest
from test_extract_corpus import corpus

ROOT = Path(__file__).resolve().parents[1]
OFFICE = ROOT / "tests" / "fixtures" / "office"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PDFS = sorted(OFFICE.glob("*.pdf"))

# The Word features each source document is built to exercise.
FEATURES: dict[str, set[str]] = {
    "zhaoqing-nyncj-2022": {"vmerge", "repeat_header"},
    "ngrain-kxyjy-2023": {"vmerge", "gridspan"},
    "luoyang-slj-2023": {"vmerge", "repeat_header", "landscape", "fullwidth"},
    "shantou-lhmzj-2023": {"vmerge", "three_line"},
    "ganzhou-lyj-cbl-2023": {"vmerge", "gridspan"},
}


def _truth(pdf: Path) -> dict:
    return json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))


def _document_xml(docx: Path) -> ElementTree.Element:
    with zipfile.ZipFile(docx) as zf:
        return ElementTree.fromstring(zf.read("word/document.xml"))


def _features(root: ElementTree.Element) -> set[str]:
    found: set[str] = set()
    if any(el.get(f"{W}val") == "restart" for el in root.iter(f"{W}vMerge")):
        found.add("vmerge")
    if any(int(el.get(f"{W}val", "1")) > 1 for el in root.iter(f"{W}gridSpan")):
        found.add("gridspan")
    if any(el.get(f"{W}val", "true") != "false" for el in root.iter(f"{W}tblHeader")):
        found.add("repeat_header")
    if any(el.get(f"{W}orient") == "landscape" for el in root.iter(f"{W}pgSz")):
        found.add("landscape")
    for borders in root.iter(f"{W}tblBorders"):
        inside_v = borders.find(f"{W}insideV")
        if inside_v is not None and inside_v.get(f"{W}val") in ("nil", "none"):
            found.add("three_line")
    text = "".join(t.text or "" for t in root.iter(f"{W}t"))
    if any("\uff10" <= ch <= "\uff19" for ch in text):
        found.add("fullwidth")
    return found


def test_office_fixtures_exist() -> None:
    assert {p.stem for p in PDFS} == set(FEATURES), "regenerate with python -m fixturegen.office"
    for pdf in PDFS:
        assert pdf.with_suffix(".json").exists(), f"{pdf.name} has no truth file beside it"
        assert pdf.with_suffix(".docx").exists(), f"{pdf.name} has no .docx source beside it"


def test_office_fixtures_are_compared_with_their_truth() -> None:
    """The corpus test parses and compares every office PDF (this module does not repeat it)."""
    pairs = {pdf.resolve(): truth.resolve() for pdf, truth in corpus()}
    for pdf in PDFS:
        assert pairs.get(pdf.resolve()) == pdf.with_suffix(".json").resolve(), f"{pdf.name} is not compared"


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_pdf_was_exported_by_libreoffice(pdf: Path) -> None:
    doc = pdfium.PdfDocument(pdf)
    try:
        meta = doc.get_metadata_dict()
        assert meta.get("Producer", "").startswith("LibreOffice"), meta
        assert len(doc) == _truth(pdf)["page_count"]
    finally:
        doc.close()


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_docx_source_uses_real_word_tables(pdf: Path) -> None:
    docx = pdf.with_suffix(".docx")
    root = _document_xml(docx)
    assert root.find(f".//{W}tbl") is not None
    missing = FEATURES[pdf.stem] - _features(root)
    assert not missing, f"{docx.name} lacks {sorted(missing)}"
    with zipfile.ZipFile(docx) as zf:
        styles = ElementTree.fromstring(zf.read("word/styles.xml"))
    east_asia = {el.get(f"{W}eastAsia") for el in styles.iter(f"{W}rFonts")} - {None}
    assert "WenQuanYi Zen Hei" in east_asia  # CJK text is set in a CJK font


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_indicator_table_crosses_pages(pdf: Path) -> None:
    rows = _truth(pdf)["indicators"]
    assert len(rows) >= 12
    assert len({row["page"] for row in rows}) >= 2
    assert any(row["achieved"] is False and row["shortfall_reason"] for row in rows)


def test_some_reason_cell_is_shared_by_several_rows() -> None:
    shared = 0
    for pdf in PDFS:
        reasons = [row["shortfall_reason"] for row in _truth(pdf)["indicators"]]
        shared += sum(1 for a, b in itertools.pairwise(reasons) if a and a == b)
    assert shared >= 3


def test_truth_files_match_the_generator() -> None:
    """The committed truth is what ``python -m fixturegen.office`` writes (needs python-docx to import)."""
    pytest.importorskip("docx")
    from fixturegen.office.reports import REPORTS
    from fixturegen.office.spec import truth

    assert {r.stem for r in REPORTS} == set(FEATURES)
    for report in REPORTS:
        committed = json.loads((OFFICE / f"{report.stem}.json").read_text(encoding="utf-8"))
        assert committed == json.loads(json.dumps(truth(report))), f"{report.stem}.json is stale"


def _char(text: str, x0: float, top: float) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + 10, "top": top, "bottom": top + 10, "size": 10.0}


def _tight_rows() -> list[list[dict]]:
    """Two rows of (name | target | actual) set as tightly as the name's wrapped lines (Word three-line)."""
    name_a = [_char("甲", 5, 0), _char("乙", 15, 0), _char("丙", 5, 12), _char("丁", 15, 12)]
    values_a = [_char("1", 105, 6), _char("2", 205, 6)]
    row_b = [_char("戊", 5, 24), _char("己", 15, 24), _char("3", 105, 24), _char("4", 205, 24)]
    return [name_a, values_a, row_b]


def test_rule_less_rows_follow_the_drawing_order_of_office_exports() -> None:
    from jixiao.extract.tables import _three_line_rows

    name_a, values_a, row_b = _tight_rows()
    rows = _three_line_rows(name_a + values_a + row_b, [0, 100, 200, 300], set(), set(), 0, 40)
    assert [[cell.text if cell else None for cell in row] for row in rows] == [
        ["甲乙丙丁", "1", "2"],
        ["戊己", "3", "4"],
    ]


def test_text_drawn_line_by_line_is_not_taken_for_rows() -> None:
    from jixiao.extract.tables import _rows_by_drawing_order

    name_a, values_a, row_b = _tight_rows()
    line_by_line = name_a[:2] + values_a + name_a[2:] + row_b  # "丙丁" comes after the values: a wrapped line
    assert _rows_by_drawing_order(line_by_line, [0, 100, 200, 300], set(), set(), 40) is None


@pytest.mark.parametrize(
    ("before", "text", "joined"),
    [
        ("质量指", "标", True),  # ganzhou-lyj-cbl-2023: a merged 二级指标 cut by the page break
        ("满意", "度", True),
        ("经济效", "益指标", True),
        ("产出指标", "标", False),  # the label above is whole
        ("社会效益", "可持续影响指标", False),  # a new label, not a tail
        ("社会", "效益", False),
    ],
)
def test_a_label_cut_by_the_page_break_is_joined(before: str, text: str, joined: bool) -> None:
    from jixiao.extract.indicators import _label_tail

    assert _label_tail(before, text) is joined
