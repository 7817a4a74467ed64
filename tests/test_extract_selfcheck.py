"""Self-verification from the document's own redundancy, and the warehouse columns it fills (issue 14)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from test_warehouse_sample import TEST_PARSER_VERSION, sample_report

from jixiao.extract import parse_report
from jixiao.extract.model import FinanceFigure
from jixiao.extract.selfcheck import self_checks
from jixiao.quality.derive import report_extraction
from jixiao.staging.store import StageRecord
from jixiao.warehouse.normalize import to_frames


def _record(sha: str, name: str, seen: str, *, year: int = 2023, **changes: object) -> StageRecord:
    report = replace(sample_report(year=year), sha256=sha, source_file=name, **changes)
    return StageRecord(sha, name, seen, TEST_PARSER_VERSION, "parsed", report=report)


TRAIN = Path(__file__).resolve().parent / "fixtures" / "genre" / "train"


def _chongqing():
    return parse_report(TRAIN / "chongqing-lyj-2023.pdf")


def test_a_report_read_right_passes_every_check() -> None:
    report = _chongqing()
    assert report.budget_execution == (95.29, 10.0, 9.53)
    assert report.self_checks == ()


def test_a_misread_score_weight_total_or_rate_is_flagged() -> None:
    report = _chongqing()
    rows = list(report.indicators)
    rows[4] = replace(rows[4], score=5.85)  # 7.85 read as 5.85
    assert any("得分" in msg for msg in self_checks(replace(report, indicators=tuple(rows))))
    rows = list(report.indicators)
    rows[0] = replace(rows[0], weight=18)  # 10 read as 18: Σ分值 ≠ 100, and the row scores less than that
    assert any("分值" in msg for msg in self_checks(replace(report, indicators=tuple(rows))))
    total = replace(report, evaluation=replace(report.evaluation, self_score=92.26))
    assert any("printed total" in msg for msg in self_checks(total))
    rate = replace(report, budget_execution=(59.29, 10.0, 9.53))
    assert any("执行率" in msg for msg in self_checks(rate))
    lost = replace(report, indicators=report.indicators[:-1])
    assert self_checks(lost)


def test_finance_parts_must_add_up() -> None:
    report = _chongqing()
    figures = [
        FinanceFigure("expenditure_total", Decimal("100.00"), 1),
        FinanceFigure("expenditure_basic", Decimal("40.00"), 1),
        FinanceFigure("expenditure_project", Decimal("69.00"), 1),  # 60.00 read as 69.00
    ]
    failed = self_checks(replace(report, finance=tuple(figures)))
    assert failed == (
        "决算支出合计 is 100.00 万元 but its parts add up to 109.00 万元: a figure was misread.",
    )


def test_flagged_report_is_marked_in_dim_report_and_named_by_the_warning_check() -> None:
    ok = _record("a" * 64, "ok.pdf", "2024-01-01T00:00:00", self_checks=())
    bad = _record(
        "b" * 64, "bad.pdf", "2024-01-02T00:00:00", year=2022, self_checks=("The 分值 add up to 92.",)
    )
    frames = to_frames([ok, bad], [])
    by_file = frames["dim_report"].set_index("source_file")
    assert by_file.loc["ok.pdf", "extraction"] == "ok"
    assert by_file.loc["bad.pdf", "extraction"] == "flagged"
    derived = report_extraction(frames).set_index("source_file")
    assert derived.loc["bad.pdf", "self_checks"] == "The 分值 add up to 92."
    assert derived.loc["ok.pdf", "extraction"] == "ok"


def test_dim_department_has_the_region_columns() -> None:
    area = {
        "region": "衡阳市衡山县",
        "province": "湖南省",
        "city": "衡阳市",
        "county": "衡山县",
        "adcode": "430423",
    }
    record = _record("c" * 64, "x.pdf", "2024-01-01T00:00:00", department="衡山县贯塘乡人民政府", **area)
    row = to_frames([record], [])["dim_department"].iloc[0]
    assert (row.region, row.province, row.city, row.county, row.adcode) == (
        "衡阳市衡山县",
        "湖南省",
        "衡阳市",
        "衡山县",
        "430423",
    )


def test_a_number_ocr_is_unsure_of_puts_the_report_on_the_review_list() -> None:
    """OCR's doubts (jixiao.extract.ocrpage.Doubt sentences) are failed self-checks: extraction='flagged'."""
    from jixiao.extract.ocrpage import Doubt

    doubt = Doubt(page=12, text="≥6万立方米", reason="was read with low confidence", confidence=0.02)
    report = replace(_chongqing(), warnings=(doubt.sentence(),))
    failed = self_checks(report)
    assert failed == (doubt.sentence(),)
    assert "check it against the scan" in failed[0]
    assert self_checks(replace(report, warnings=("a warning that is not about OCR",))) == ()
