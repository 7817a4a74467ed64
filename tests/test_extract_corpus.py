"""Every good report of the fixture corpus, parsed and compared with its truth file field by field."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from truthcompare import compare

from jixiao.extract import PARSER_VERSION, ParsedReport, parse_report

ROOT = Path(__file__).resolve().parents[1]
TRUTH_DIR = ROOT / "tests" / "fixtures" / "truth"


def corpus() -> list[tuple[Path, Path]]:
    """(pdf, truth json) for every PDF under samples/reports and tests/fixtures that has a truth file."""
    pdfs = sorted((ROOT / "samples" / "reports").glob("*.pdf")) + sorted(
        p for p in (ROOT / "tests" / "fixtures").rglob("*.pdf") if "genre" not in p.relative_to(ROOT).parts
    )
    pairs = []
    seen: set[str] = set()
    for pdf in pdfs:
        # The truth is in tests/fixtures/truth, or next to the PDF (tests/fixtures/reissue/x.pdf + x.json).
        truth = TRUTH_DIR / f"{pdf.stem}.json"
        if not truth.exists():
            truth = pdf.with_suffix(".json")
        if truth.exists() and pdf.name not in seen:
            seen.add(pdf.name)
            pairs.append((pdf, truth))
    return pairs


@cache
def parsed(pdf: Path) -> ParsedReport:
    return parse_report(pdf)


@pytest.mark.parametrize(("pdf", "truth"), corpus(), ids=lambda p: p.name if isinstance(p, Path) else str(p))
def test_report_matches_truth(pdf: Path, truth: Path) -> None:
    report = parsed(pdf)
    assert report.parser_version == PARSER_VERSION
    assert len(report.sha256) == 64
    diffs, _ = compare(json.loads(truth.read_text(encoding="utf-8")), report)
    assert not diffs, f"{pdf.name}: {len(diffs)} field(s) differ from {truth.name}:\n  " + "\n  ".join(diffs)


def test_corpus_field_accuracy() -> None:
    pairs = corpus()
    if not pairs:
        pytest.skip("no fixture PDF with a truth file yet")
    total = wrong = 0
    for pdf, truth in pairs:
        diffs, checked = compare(json.loads(truth.read_text(encoding="utf-8")), parsed(pdf))
        total += checked
        wrong += min(len(diffs), checked)
        print(f"{pdf.name}: {checked - len(diffs)}/{checked} fields right")
    accuracy = (total - wrong) / total
    print(f"field accuracy over {len(pairs)} report(s): {accuracy:.4f} ({total - wrong}/{total})")
    assert accuracy >= 0.95


# (total, parts) the documents state together; a report's own figures must add up (to the printed rounding).
SUMS = (
    ("expenditure_total", ("expenditure_basic", "expenditure_project")),
    ("budget_total", ("budget_basic", "budget_project")),
    ("sangong_total", ("sangong_overseas", "sangong_vehicle", "sangong_reception")),
    ("procurement_total", ("procurement_goods", "procurement_works", "procurement_services")),
    ("assets_total", ("liabilities_total", "net_assets")),
)


@pytest.mark.parametrize(("pdf", "truth"), corpus(), ids=lambda p: p.name if isinstance(p, Path) else str(p))
def test_parts_add_up_to_totals(pdf: Path, truth: Path) -> None:
    report = parsed(pdf)
    for total_code, part_codes in SUMS:
        total = report.finance_amount(total_code)
        parts = [report.finance_amount(code) for code in part_codes]
        if total is None or any(p is None for p in parts):
            continue
        gap = abs(total - sum(parts))  # type: ignore[arg-type]
        assert gap <= Decimal("0.05") + total * Decimal("0.0001"), (
            f"{pdf.name}: {total_code} {total} vs {parts}"
        )


def test_to_dict_round_trips() -> None:
    for pdf, _ in corpus()[:3]:
        report = parsed(pdf)
        assert ParsedReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report
