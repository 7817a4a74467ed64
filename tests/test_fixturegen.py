"""The fixture corpus: deterministic, self-consistent truth, and PDFs that say what the truth says."""

from __future__ import annotations

import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from fixturegen.corpus.registry import (
    BAD_DIR,
    REISSUE_DIR,
    REISSUES,
    SAMPLES,
    SAMPLES_DIR,
    TRUTH_DIR,
    generate_all,
)
from fixturegen.synth import generate_corpus
from fixturegen.truth import load_truth, truth_dict
from fixturegen.values import decide

from jixiao.extract.errors import REASON_CODES
from jixiao.extract.model import FINANCE_ITEMS, LEVEL1_VALUES, REPORT_TYPES, TARGET_OPS, ParsedReport

REPO = Path(__file__).resolve().parent.parent
SPECS = {spec.file_name: spec for spec in (make() for make in SAMPLES + REISSUES)}
SUMS = {
    "expenditure": ("expenditure_total", ("expenditure_basic", "expenditure_project")),
    "budget": ("budget_total", ("budget_basic", "budget_project")),
    "sangong": ("sangong_total", ("sangong_overseas", "sangong_vehicle", "sangong_reception")),
    "procurement": ("procurement_total", ("procurement_goods", "procurement_works", "procurement_services")),
    "assets": ("assets_total", ("liabilities_total", "net_assets")),
}


def _pairs() -> list[tuple[Path, Path]]:
    pairs = [(REPO / SAMPLES_DIR / name, REPO / TRUTH_DIR / (Path(name).stem + ".json")) for name in SPECS]
    pairs = [p for p in pairs if p[0].parent == REPO / SAMPLES_DIR and p[0].exists()]
    pairs += [
        (REPO / REISSUE_DIR / s.file_name, REPO / REISSUE_DIR / (Path(s.file_name).stem + ".json"))
        for s in (m() for m in REISSUES)
    ]
    return pairs


PAIRS = _pairs()


def _nows(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    generate_all(root)
    return root


def test_generator_is_deterministic_and_committed_corpus_is_current(
    regenerated: Path, tmp_path: Path
) -> None:
    generate_all(tmp_path)
    for sub in (SAMPLES_DIR, TRUTH_DIR, REISSUE_DIR, BAD_DIR):
        names = sorted(p.name for p in (regenerated / sub).iterdir())
        assert names == sorted(p.name for p in (tmp_path / sub).iterdir())
        for name in names:
            assert (regenerated / sub / name).read_bytes() == (tmp_path / sub / name).read_bytes(), name
            committed = REPO / sub / name
            assert committed.exists(), f"{committed} missing: run python -m fixturegen"
            assert committed.read_bytes() == (regenerated / sub / name).read_bytes(), f"{name} is stale"


def test_corpus_covers_the_brief() -> None:
    truths = [load_truth(t) for _, t in PAIRS]
    assert len({t.department for t in truths}) >= 5
    assert {t.report_type for t in truths} == set(REPORT_TYPES)
    assert sum(1 for t in truths if 8 <= t.page_count <= 20) >= 2
    assert {t.fiscal_year for t in truths if t.department == "江门市工业和信息化局"} == {2021, 2022, 2023}
    assert {t.evaluation.grade for t in truths} >= {"优", "良", "中", "优秀", "良好"}
    assert any(r.direction == "negative" for t in truths for r in t.indicators)
    assert any(any(c in r.target.text for c in "０１２３４５６７８９") for t in truths for r in t.indicators)
    assert any(r.target.text.startswith(("不低于", "不少于", "不高于")) for t in truths for r in t.indicators)


@pytest.mark.parametrize(("pdf", "truth"), PAIRS, ids=[p.name for p, _ in PAIRS])
def test_truth_loads_and_is_consistent(pdf: Path, truth: Path) -> None:
    data = json.loads(truth.read_text(encoding="utf-8"))
    report = load_truth(truth)
    assert json.loads(json.dumps(truth_dict(report))) == data  # lossless round trip through ParsedReport
    assert report.source_file == pdf.name
    assert report.report_type in REPORT_TYPES
    assert [r.row_no for r in report.indicators] == list(range(1, len(report.indicators) + 1))
    for row in report.indicators:
        assert row.level1 in LEVEL1_VALUES
        assert 1 <= row.page <= report.page_count
        for value in (row.target, row.actual):
            assert value.op in (*TARGET_OPS, None)
            assert value.text == _nows(value.text)
        assert row.achieved == decide(row.target, row.actual, row.direction), row.name
        assert row.shortfall_reason not in ("", "/")
    pages = {p for p in [report.evaluation.page] if p is not None}
    assert all(1 <= p <= report.page_count for p in pages | {f.page for f in report.finance})
    amounts = {f.item_code: f.amount_wan_yuan for f in report.finance}
    assert set(amounts) <= set(FINANCE_ITEMS)
    assert len(amounts) == len(report.finance), "one figure per item"
    known = " ".join(SPECS[pdf.name].known_inconsistencies)
    for group, (total, parts) in SUMS.items():
        if total in amounts and all(p in amounts for p in parts) and group not in known:
            assert sum((amounts[p] for p in parts), Decimal(0)) == amounts[total], group


@pytest.mark.parametrize(("pdf", "truth"), PAIRS, ids=[p.name for p, _ in PAIRS])
def test_pdf_states_what_the_truth_says(pdf: Path, truth: Path) -> None:
    report = load_truth(truth)
    assert len(pdfium.PdfDocument(str(pdf))) == report.page_count
    with pdfplumber.open(pdf) as doc:
        texts = [_nows(page.extract_text() or "") for page in doc.pages]
    joined = "".join(texts)
    assert "(cid:" not in joined and "\ufffd" not in joined, "missing glyphs"
    assert report.department in joined
    for fig in report.finance:
        assert _nows(fig.source_text) in texts[fig.page - 1], (fig.item_code, fig.page)
    for row in report.indicators:
        assert _nows(row.target.text)[:3] in joined
        assert row.name[:3] in texts[row.page - 1], (row.row_no, row.name, row.page)


def test_sample_follows_the_seed_layout() -> None:
    report = load_truth(REPO / TRUTH_DIR / "jiangmen-gxj-2023.json")
    assert report.page_count == 19
    assert len(report.indicators) == 27
    assert [r.page for r in report.indicators[:7]] == [11] * 6 + [12]
    reason = report.indicators[4].shortfall_reason
    assert reason and reason.startswith("近年来") and reason.endswith("将支持2024年入库项目。")
    assert report.indicators[5].shortfall_reason == reason == report.indicators[6].shortfall_reason
    pages = {f.item_code: f.page for f in report.finance}
    assert pages["expenditure_total"] == 9 and pages["assets_total"] == 10 and pages["operating_cost"] == 17
    assert (report.evaluation.self_score, report.evaluation.grade, report.evaluation.page) == (
        96.66,
        "优",
        10,
    )
    with pdfplumber.open(REPO / SAMPLES_DIR / "jiangmen-gxj-2023.pdf") as doc:
        first = _nows(doc.pages[0].extract_text())
        table_pages = [_nows(doc.pages[i].extract_text()) for i in (10, 11, 12)]
    assert first.startswith("一、部门基本情况") and "自评报告" not in first  # no title in the text layer
    assert all(t.count("三级指标") == 1 for t in table_pages)  # header repeated on each page
    assert "将支持2024年入库项目" in table_pages[1]  # the merged reason continues after the break


def test_bad_inputs_are_what_they_claim() -> None:
    bad = REPO / BAD_DIR
    expected = json.loads((bad / "expected.json").read_text(encoding="utf-8"))
    assert sorted(expected) == sorted(p.name for p in bad.iterdir() if p.name != "expected.json")
    assert set(expected.values()) <= set(REASON_CODES)
    scanned = bad / "scanned-jiangmen-gxj-2023.pdf"
    assert scanned.stat().st_size < 300_000
    doc = pdfium.PdfDocument(str(scanned))
    assert len(doc) == 2 and all(doc[i].get_textpage().count_chars() == 0 for i in range(2))
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(str(bad / "encrypted-foshan-xszz-2023.pdf"))
    assert len(pdfium.PdfDocument(str(bad / "encrypted-foshan-xszz-2023.pdf"), password="nhjyj2024")) >= 1
    for name in ("truncated-jiangmen-gxj-2021.pdf", "random-bytes.pdf", "empty.pdf", "error-page-404.pdf"):
        with pytest.raises(pdfium.PdfiumError):
            pdfium.PdfDocument(str(bad / name))
    assert (bad / "truncated-jiangmen-gxj-2021.pdf").read_bytes().startswith(b"%PDF-")
    for name in ("jiangmen-gxj-2023-juesuan.pdf", "jiangmen-gxj-caigou-gonggao.pdf"):
        text = pdfium.PdfDocument(str(bad / name))[0].get_textpage().get_text_range()
        assert "江门市工业和信息化局" in _nows(text) and "自评报告" not in text
    for name in ("jiangmen-gxj-2023.docx", "jiangmen-gxj-2023-zibiao.xlsx"):
        with zipfile.ZipFile(bad / name) as zf:
            assert zf.testzip() is None and "[Content_Types].xml" in zf.namelist()


def test_synthetic_corpus_is_deterministic_and_truthful(tmp_path: Path) -> None:
    serial = generate_corpus(tmp_path / "a", 4, seed=7)
    parallel = generate_corpus(tmp_path / "b", 4, seed=7, workers=2)
    assert [p.name for p in serial] == [p.name for p in parallel]
    for a, b in zip(serial, parallel, strict=True):
        assert a.read_bytes() == b.read_bytes()
        truth = load_truth(a.with_suffix(".json"))
        assert isinstance(truth, ParsedReport) and 8 <= truth.page_count <= 20
        assert len(pdfium.PdfDocument(str(a))) == truth.page_count
        with pdfplumber.open(a) as doc:
            texts = [_nows(p.extract_text() or "") for p in doc.pages]
        for fig in truth.finance:
            assert _nows(fig.source_text) in texts[fig.page - 1]
        for row in truth.indicators:
            assert row.name[:3] in texts[row.page - 1]
            assert row.achieved == decide(row.target, row.actual, row.direction)
    assert generate_corpus(tmp_path / "c", 1, seed=8)[0].read_bytes() != serial[0].read_bytes()


def test_short_synthetic_reports_have_about_five_pages_and_are_truthful(tmp_path: Path) -> None:
    pdfs = generate_corpus(tmp_path, 6, seed=3, short=True)
    pages = []
    for pdf in pdfs:
        truth = load_truth(pdf.with_suffix(".json"))
        assert isinstance(truth, ParsedReport) and len(pdfium.PdfDocument(str(pdf))) == truth.page_count
        pages.append(truth.page_count)
        with pdfplumber.open(pdf) as doc:
            texts = [_nows(p.extract_text() or "") for p in doc.pages]
        for row in truth.indicators:
            assert row.name[:3] in texts[row.page - 1]
    assert all(3 <= n <= 8 for n in pages) and 4 <= sum(pages) / len(pages) <= 6.5
    assert pdfs[0].name == "synth-short-3-0000.pdf"


def test_committed_pdfs_are_small() -> None:
    for pdf in list((REPO / SAMPLES_DIR).glob("*.pdf")) + list((REPO / BAD_DIR).glob("*.pdf")):
        assert pdf.stat().st_size < 300_000, pdf.name
