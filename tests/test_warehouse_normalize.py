"""jixiao.warehouse.normalize: re-issues, the ingest log, departments and the frames' shapes."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from test_warehouse_sample import TEST_PARSER_VERSION, sample_report

from jixiao.extract.model import FINANCE_ITEMS
from jixiao.staging.store import StageRecord
from jixiao.warehouse import keys
from jixiao.warehouse.normalize import COLUMNS, to_frames


def _record(sha: str, name: str, seen: str, **report_changes: object) -> StageRecord:
    report = replace(sample_report(**report_changes), sha256=sha, source_file=name)
    return StageRecord(sha, name, seen, TEST_PARSER_VERSION, "parsed", report=report)


def _log(sha: str | None, name: str, status: str, run: str, at: str) -> dict:
    return {
        "run_id": run,
        "source_file": name,
        "source_sha256": sha,
        "status": status,
        "reason_code": "corrupt" if status == "rejected" else None,
        "reason": f"{name} is empty; download it again." if status == "rejected" else None,
        "ingested_at": at,
    }


def test_the_later_file_is_current_and_a_tie_goes_to_the_later_name() -> None:
    old = _record("a" * 64, "report.pdf", "2026-01-01T00:00:00+00:00")
    new = _record("b" * 64, "report-corrected.pdf", "2026-02-01T00:00:00+00:00")
    tie_low = _record("c" * 64, "x-1.pdf", "2026-03-01T00:00:00+00:00", year=2022)
    tie_high = _record("d" * 64, "x-2.pdf", "2026-03-01T00:00:00+00:00", year=2022)
    other_type = _record("e" * 64, "project.pdf", "2026-01-01T00:00:00+00:00")
    other_type = replace(other_type, report=replace(other_type.report, report_type="project"))

    frames = to_frames([new, tie_high, old, tie_low, other_type], [])
    reports = frames["dim_report"].set_index("source_sha256")

    superseded_by = {
        sha: None if pd.isna(row.superseded_by) else int(row.superseded_by) for sha, row in reports.iterrows()
    }
    assert superseded_by == {
        "a" * 64: keys.report_key("b" * 64),
        "b" * 64: None,
        "c" * 64: keys.report_key("d" * 64),
        "d" * 64: None,
        "e" * 64: None,  # a project report never supersedes the department's overall report
    }
    assert reports["is_current"].to_dict() == {sha: newer is None for sha, newer in superseded_by.items()}


def _in_format(record: StageRecord, fmt: str) -> StageRecord:
    return replace(record, report=replace(record.report, source_format=fmt, page_count=None))


def test_the_same_report_in_several_formats_is_one_report_whatever_the_order() -> None:
    """The PDF is current however the formats arrived; a re-issue still wins within its format."""
    pdf = _record("a" * 64, "report.pdf", "2026-01-02T00:00:00+00:00")
    docx = _in_format(_record("b" * 64, "report.docx", "2026-01-03T00:00:00+00:00"), "docx")
    html = _in_format(_record("c" * 64, "report.html", "2026-01-01T00:00:00+00:00"), "html")
    for order in ([pdf, docx, html], [html, docx, pdf], [docx, pdf, html]):
        reports = to_frames(order, [])["dim_report"].set_index("source_sha256")
        assert reports["is_current"].to_dict() == {"a" * 64: True, "b" * 64: False, "c" * 64: False}
        assert reports["source_format"].to_dict() == {"a" * 64: "pdf", "b" * 64: "docx", "c" * 64: "html"}
    # Without the PDF the Word file is current over the web page, although the page came later.
    later_html = replace(html, first_seen_at="2026-03-01T00:00:00+00:00")
    reports = to_frames([later_html, docx], [])["dim_report"].set_index("source_sha256")
    assert reports["is_current"].to_dict() == {"b" * 64: True, "c" * 64: False}
    corrected = _record("d" * 64, "report-corrected.pdf", "2026-02-01T00:00:00+00:00")
    reports = to_frames([pdf, docx, corrected], [])["dim_report"].set_index("source_sha256")
    assert reports["is_current"].to_dict() == {"a" * 64: False, "b" * 64: False, "d" * 64: True}


def test_rows_of_a_file_without_pages_carry_their_cell() -> None:
    record = _in_format(_record("a" * 64, "report.xlsx", "2026-01-01T00:00:00+00:00"), "xlsx")
    rows = tuple(
        replace(row, page=None, source_ref=f"自评表!C{11 + i}")
        for i, row in enumerate(record.report.indicators)
    )
    record = replace(record, report=replace(record.report, indicators=rows))
    facts = to_frames([record], [])["fact_indicator"]
    assert facts["source_ref"].tolist() == [f"自评表!C{11 + i}" for i in range(len(rows))]
    assert facts["source_page"].isna().all()


def test_log_rows_of_a_superseded_file_become_superseded_and_rejections_stay() -> None:
    old = _record("a" * 64, "report.pdf", "2026-01-01T00:00:00+00:00")
    new = _record("b" * 64, "report-corrected.pdf", "2026-02-01T00:00:00+00:00", score=97.0)
    logs = [
        _log("a" * 64, "report.pdf", "loaded", "run-1", "2026-01-01T00:00:00+00:00"),
        _log(None, "empty.pdf", "rejected", "run-1", "2026-01-01T00:00:01+00:00"),
        _log("a" * 64, "report.pdf", "unchanged", "run-2", "2026-02-01T00:00:00+00:00"),
        _log("b" * 64, "report-corrected.pdf", "loaded", "run-2", "2026-02-01T00:00:01+00:00"),
    ]
    frames = to_frames([old, new], logs)
    log = frames["ingest_log"]
    assert log["status"].tolist() == ["superseded", "rejected", "superseded", "loaded"]
    assert log["reason"][0].startswith("report.pdf is superseded by report-corrected.pdf")
    assert log["reason_code"].tolist() == [None, "corrupt", None, None]

    reports = frames["dim_report"].set_index("source_sha256")
    assert reports.loc["a" * 64, "superseded_by"] == keys.report_key("b" * 64)
    assert bool(reports.loc["b" * 64, "is_current"]) and not bool(reports.loc["a" * 64, "is_current"])


def test_rejected_records_are_not_reports() -> None:
    good = _record("a" * 64, "report.pdf", "2026-01-01T00:00:00+00:00")
    bad = StageRecord(
        "f" * 64,
        "scan.pdf",
        "2026-01-01T00:00:00+00:00",
        TEST_PARSER_VERSION,
        "rejected",
        "no_text_layer",
        "scan.pdf is a scanned image; ask for the text PDF.",
    )
    frames = to_frames([good, bad], [])
    assert frames["dim_report"]["source_file"].tolist() == ["report.pdf"]


def test_frames_have_the_contract_columns_and_exact_money() -> None:
    frames = to_frames([_record("a" * 64, "report.pdf", "2026-01-01T00:00:00+00:00")], [])
    assert set(frames) == set(COLUMNS)
    for table, frame in frames.items():
        assert list(frame.columns) == list(COLUMNS[table]), table
    assert len(frames["dim_finance_item"]) == len(FINANCE_ITEMS)
    amounts = frames["fact_finance"]["amount_wan_yuan"].map(str).tolist()
    assert "11940.41" in amounts and "8925.5" in amounts
    departments = frames["dim_department"]
    assert departments[["department_name", "region"]].values.tolist() == [["江门市工业和信息化局", "江门市"]]
    assert departments["department_key"][0] == keys.department_key("江门市工业和信息化局")
    fact = frames["fact_indicator"]
    assert fact["row_no"].tolist() == list(range(1, 28))
    assert fact["shortfall_reason"].notna().sum() == 4
    assert fact["achieved"].isna().sum() == 2
    assert fact.loc[0, ["target_op", "target_value", "actual_value"]].tolist() == [">=", 300.0, 219.0]
