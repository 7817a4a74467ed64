"""The PDF reader loads each page once: the table pages it looks at again are kept from the text read."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from jixiao.extract import parse_report, pdftext

FIXTURES = Path(__file__).parent / "fixtures"
# Reports whose indicator table runs over several pages (continuation pages read too).
REPORTS = [
    FIXTURES / "office" / "ganzhou-lyj-cbl-2023.pdf",
    FIXTURES / "office" / "zhaoqing-nyncj-2022.pdf",
    FIXTURES / "genre" / "train" / "central-lcghy-2019.pdf",
]


@pytest.fixture
def page_loads(monkeypatch: pytest.MonkeyPatch) -> Counter[int]:
    """Every page index PDFium loads during the test, counted."""
    loads: Counter[int] = Counter()
    load = pdfium.PdfDocument.get_page

    def counted(self: pdfium.PdfDocument, index: int) -> pdfium.PdfPage:
        loads[index] += 1
        return load(self, index)

    monkeypatch.setattr(pdfium.PdfDocument, "get_page", counted)
    return loads


@pytest.mark.parametrize("pdf", REPORTS, ids=lambda p: p.stem)
def test_each_page_is_loaded_once(pdf: Path, page_loads: Counter[int]) -> None:
    report = parse_report(pdf)
    assert report.indicators, "the fixture must have an indicator table for the test to mean anything"
    assert sorted(page_loads) == list(range(report.page_count or 0))
    assert set(page_loads.values()) == {1}


@pytest.mark.parametrize("pdf", REPORTS, ids=lambda p: p.stem)
def test_kept_pages_read_as_fresh_ones(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = parse_report(pdf)
    monkeypatch.setattr(pdftext, "MAX_KEPT_PAGES", 0)  # every table page loaded again, as before
    assert parse_report(pdf).to_dict() == kept.to_dict()
