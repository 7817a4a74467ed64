"""jixiao.bi.report: a static, self-contained HTML overview rendered from the real sample warehouse."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html import escape
from pathlib import Path

import duckdb
import pytest

from jixiao import cli
from jixiao.bi.report import render_html, render_report
from jixiao.bi.report_data import load_report_data
from jixiao.bi.report_svg import format_number, line_chart, nice_ticks, paired_bar_chart

pytest_plugins = ["conftest_bi"]

CHARTS = 3  # self-score vs achieved rate, expenditure trend, 三公 trend
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)


@pytest.fixture(scope="module")
def html(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert render_report(sample_warehouse, out) == out
    return out.read_text(encoding="utf-8")


def test_is_one_html_document_with_every_section(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert html.rstrip().endswith("</html>")
    for zh, en in [
        ("概览", "Overview"),
        ("自评分与指标完成率", "Self-score and share of targets achieved"),
        ("支出趋势", "Spending trends"),
        ("未完成指标及原因", "Missed targets"),
        ("数据质量", "Data quality"),
    ]:
        assert zh in html and en in html


def test_contains_every_department_and_year(html: str, sample_rows) -> None:
    rows = sample_rows("select distinct department_name, fiscal_year from v_department_year")
    assert rows
    for name, year in rows:
        assert escape(name) in html
        assert str(year) in html


def test_one_wellformed_svg_per_chart(html: str) -> None:
    svgs = _SVG.findall(html)
    assert len(svgs) == CHARTS == html.count("<figure>")
    for svg in svgs:
        root = ET.fromstring(svg)  # inline SVG must be well-formed XML
        assert root.tag.endswith("svg")
        assert root.findall(".//{http://www.w3.org/2000/svg}text")


def test_charts_carry_the_data(html: str, sample_rows) -> None:
    scores = sample_rows(
        "select self_score from v_department_year where report_type = 'department_overall' "
        "and self_score is not null",
    )
    assert scores
    charts = "".join(_SVG.findall(html))
    for (score,) in scores:
        assert format_number(score) in charts
    # one marker per department-year with an expenditure figure
    (points,) = sample_rows(
        "select count(*) from v_department_year where report_type = 'department_overall' "
        "and expenditure_total is not null",
    )[0]
    assert points > 0
    assert _SVG.findall(html)[1].count("<circle") == points


def test_lists_every_missed_target_and_failed_check(html: str, sample_rows) -> None:
    missed = sample_rows(
        "select f.indicator_name_raw, f.shortfall_reason from fact_indicator f "
        "join dim_report r using (report_key) where r.is_current and f.achieved = false",
    )
    assert missed, "the sample corpus should contain missed targets"
    for name, reason in missed:
        assert escape(name) in html
        if reason:
            assert escape(reason) in html
    for (expectation,) in sample_rows("select expectation from dq_results where not success"):
        assert escape(expectation) in html


def test_is_self_contained(html: str) -> None:
    without_xmlns = html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert not re.search(r"(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", without_xmlns)
    assert "<script" not in html.lower()
    assert "<link" not in html.lower()
    assert "<style>" in html


def test_escapes_text_taken_from_the_data(warehouse_copy: Path, tmp_path: Path) -> None:
    planted_name = '<script>alert("x")</script>局'
    planted_reason = "<img src=x onerror=alert(1)>"
    with duckdb.connect(str(warehouse_copy)) as con:
        key = con.execute("select min(department_key) from dim_department").fetchone()[0]
        con.execute(
            "update dim_department set department_name = ? where department_key = ?", [planted_name, key]
        )
        con.execute("update fact_indicator set shortfall_reason = ? where achieved = false", [planted_reason])
        con.execute(
            "insert into dq_results (run_id, checked_at, suite, expectation, table_name, severity, "
            "success, unexpected_count, details) values ('r', now(), 's', 'expect_<yoy>', 'fact_indicator', "
            "'warning', false, 3, 'actual & target <moved>')"
        )
        con.execute(
            "insert into ingest_log (run_id, source_file, source_sha256, status, reason_code, reason, "
            "ingested_at) values ('r', 'bad<1>.pdf', null, 'rejected', 'encrypted', "
            "'The PDF is encrypted.', now())"
        )
        warnings = con.execute(
            "select count(*) from dq_results where not success and severity = 'warning'"
        ).fetchone()[0]
    html = render_report(warehouse_copy, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "<img" not in html
    assert escape(planted_name) in html
    assert escape(planted_reason) in html
    # a failed check and a rejected file are listed, escaped, in the data-quality section
    quality = html[html.index('id="quality"') :]
    for text in ("expect_<yoy>", "actual & target <moved>", "bad<1>.pdf", "The PDF is encrypted."):
        assert escape(text) in quality
    assert f"告警 {warnings}" in quality  # the planted one and the samples' own (a flagged extraction)
    for svg in _SVG.findall(html):
        ET.fromstring(svg)  # the escaped name inside the charts keeps them well-formed


def test_render_html_is_deterministic_for_a_given_time(sample_warehouse: Path) -> None:
    data = load_report_data(sample_warehouse)
    at = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)
    first = render_html(data, source_name="w.duckdb", generated_at=at)
    assert first == render_html(data, source_name="w.duckdb", generated_at=at)
    assert "2026-01-02 03:04 UTC" in first


def test_missing_warehouse_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="No warehouse"):
        render_report(tmp_path / "absent.duckdb", tmp_path / "r.html")
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize(
    ("top", "expected"),
    [(96.66, [0, 20, 40, 60, 80, 100]), (11940.41, [0, 2500, 5000, 7500, 10000, 12500]), (0, [0, 1])],
)
def test_nice_ticks(top: float, expected: list[float]) -> None:
    assert nice_ticks(top) == expected


@pytest.mark.parametrize(
    ("value", "text"), [(11940.41, "11,940.41"), (96.5, "96.5"), (100.0, "100"), (0.0, "0")]
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text


def test_line_chart_single_year_and_gaps() -> None:
    svg = line_chart("t", {"甲局": [(2023, 5.0)], "乙局": [(2022, None), (2023, 7.0)]}, unit="万元")
    root = ET.fromstring(svg)
    assert svg.count("<circle") == 2  # a None value is a gap, not a point at zero
    assert "<polyline" not in svg  # one point per series: markers only
    assert "甲局" in svg and "乙局" in svg and "万元" in svg
    assert root.get("viewBox")


def test_line_chart_without_values_says_so() -> None:
    assert "no data" in line_chart("t", {}, unit="万元")


def test_paired_bars_scale_and_missing_values() -> None:
    svg = paired_bar_chart("t", [("甲局 2023", 50.0, None)], measures=("a", "b"), width=500)
    bars = re.findall(r'<rect class="bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
    assert "n/a" in svg
    assert len(bars) == 1  # the None value draws no bar
    left, width = (float(v) for v in bars[0])
    assert width == pytest.approx((500 - left - 56) / 2, abs=0.1)  # 50 on a 0..100 scale: half the plot


def test_report_command(
    sample_warehouse: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path))
    monkeypatch.delenv("JIXIAO_WAREHOUSE", raising=False)
    assert cli.main(["report", "--warehouse", str(sample_warehouse)]) == 0
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    out = tmp_path / "elsewhere" / "r.html"
    assert cli.main(["report", "--warehouse", str(sample_warehouse), "--out", str(out)]) == 0
    assert out.is_file() and str(out) in capsys.readouterr().out
    assert cli.main(["report"]) == 2  # $JIXIAO_HOME/jixiao.duckdb does not exist
    assert "no warehouse" in capsys.readouterr().err


def test_names_the_fonts_chinese_readers_have_and_both_kinds_of_report(html: str) -> None:
    font_family = re.search(r"font-family:([^;]+);", html).group(1)
    for font in ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "SimSun"):
        assert f'"{font}"' in font_family
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert "部门整体支出" not in title and "绩效自评报告" in title  # project reports are included too


def test_timestamps_are_shown_to_the_second(warehouse_copy: Path, tmp_path: Path) -> None:
    with duckdb.connect(str(warehouse_copy)) as con:
        con.execute(
            "insert into ingest_log (run_id, source_file, source_sha256, status, reason_code, reason, "
            "ingested_at) values ('r', 'late.pdf', null, 'rejected', 'corrupt', 'Broken.', "
            "timestamp '2026-11-30 08:15:42.123456')"
        )
    html = render_report(warehouse_copy, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "2026-11-30 08:15:42" in html
    assert "08:15:42.123456" not in html


def test_shows_the_quarantine_count_and_links_the_review_list(
    warehouse_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = "ab" * 32
    reason = "Quarantined by blocking checks: self_score 196.66 (expected within 0..100) [x]."
    with duckdb.connect(str(warehouse_copy)) as con:
        con.execute(
            "insert into ingest_log (run_id, source_file, source_sha256, status, reason_code, reason, "
            "ingested_at) values ('r', 'typo.pdf', ?, 'quarantined', 'dq_blocking', ?, now())",
            [sha, reason],
        )
        con.execute(
            "insert into dq_results (run_id, checked_at, suite, expectation, table_name, severity, success, "
            "unexpected_count, details, check_name, quarantined_reports) values ('r', now(), 'quarantine', "
            "'expect_column_values_to_be_between(self_score)', 'fact_evaluation', 'blocking', false, 1, "
            "'quarantined typo.pdf', 'fact_evaluation_self_score', ?)",
            [sha],
        )
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "home"))
    out = tmp_path / "site" / "report.html"
    assert cli.main(["report", "--warehouse", str(warehouse_copy), "--out", str(out)]) == 0
    quality = out.read_text(encoding="utf-8").split('id="quality"')[1]
    assert "隔离 1" in quality and "1 report(s) quarantined" in quality and "typo.pdf" in quality
    assert "阻断 0" in quality  # a quarantine did not stop the publish
    assert '<a href="review.html">' in quality
    review = (tmp_path / "site" / "review.html").read_text(encoding="utf-8")
    assert "typo.pdf" in review and "196.66" in review
