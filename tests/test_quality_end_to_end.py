"""Data quality end to end, on real PDFs through `jixiao ingest`.

A report whose own figures do not add up is published with a warning; a report whose self-score is
impossible is quarantined (left out, logged with the check named) while the rest publishes (exit 0).
The two variants are rendered at test time from the sample report's spec by the fixture generator,
changing one printed figure each.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest
from fixturegen.corpus.jiangmen import spec_2023
from fixturegen.render.report import render_report
from fixturegen.spec import Para, ReportSpec

from jixiao.cli.app import main

ROOT = Path(__file__).resolve().parents[1]


def _variant(spec: ReportSpec, file_name: str, old: str, new: str) -> ReportSpec:
    """The spec with one printed phrase replaced (in the paragraph that states it)."""
    blocks = tuple(
        dataclasses.replace(
            b,
            text=b.text.replace(old, new),
            anchors=tuple((key, snippet.replace(old, new)) for key, snippet in b.anchors),
        )
        if isinstance(b, Para) and old in b.text
        else b
        for b in spec.blocks
    )
    assert blocks != spec.blocks, f"{old!r} is not printed in {spec.file_name}"
    return dataclasses.replace(spec, file_name=file_name, blocks=blocks)


def _render(spec: ReportSpec, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / spec.file_name
    render_report(spec, path)
    return path


@pytest.mark.slow
def test_inconsistent_report_is_published_with_a_warning_and_a_broken_one_quarantined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "data"))
    warehouse = tmp_path / "data" / "jixiao.duckdb"
    # 公务接待费 printed as 5.52 instead of 0.52: the 三公 parts no longer add up to the printed 11.28.
    inconsistent = _render(
        _variant(
            spec_2023(), "jiangmen-gxj-2023-inconsistent.pdf", "公务接待费0.52万元", "公务接待费5.52万元"
        ),
        tmp_path / "inbox1",
    )
    good = ROOT / "samples" / "reports" / "jiangmen-gxj-2021.pdf"

    assert main(["ingest", str(good), str(inconsistent), "--warehouse", str(warehouse), "--no-progress"]) == 0
    out = capsys.readouterr().out
    # the 三公 identity fails, and so does the report's self-check (parts = totals): extraction = flagged
    assert "Data-quality warnings: 2" in out and "jiangmen-gxj-2023-inconsistent.pdf" in out
    with duckdb.connect(str(warehouse), read_only=True) as con:
        failed = con.execute(
            "select check_name, severity, unexpected_count, details from dq_results where not success"
        ).fetchall()
        years = con.execute(
            "select fiscal_year, sangong_total from v_department_year order by fiscal_year"
        ).fetchall()
    assert sorted((name, severity, count) for name, severity, count, _ in failed) == [
        ("report_extraction_self_checks", "warning", 1),
        ("report_sangong_adds_up", "warning", 1),
    ]
    assert all("jiangmen-gxj-2023-inconsistent.pdf" in details for *_, details in failed)
    assert [year for year, _ in years] == [2021, 2023]  # published, flagged, not dropped

    # A self-score of 196.66 (a typo in the report) must never reach the dashboards: that report is
    # quarantined, the rest of the warehouse stays published and the run exits 0.
    broken = _render(
        _variant(
            spec_2023(), "jiangmen-gxj-2023-score-typo.pdf", "绩效自评分数为96.66分", "绩效自评分数为196.66分"
        ),
        tmp_path / "inbox2",
    )
    assert main(["ingest", str(broken), "--warehouse", str(warehouse), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "Quarantined (not published; see `jixiao review`): 1" in out and "self_score 196.66" in out
    assert "Blocking data-quality failures" not in out
    with duckdb.connect(str(warehouse), read_only=True) as con:
        log = con.execute(
            "select status, reason_code, reason from ingest_log where source_file = ?",
            ["jiangmen-gxj-2023-score-typo.pdf"],
        ).fetchall()
        files = con.execute("select source_file from dim_report where is_current order by 1").fetchall()
        scores = con.execute("select self_score from v_department_year order by fiscal_year").fetchall()
    assert [(status, code) for status, code, _ in log] == [("quarantined", "dq_blocking")]
    assert "fact_evaluation_self_score" in log[0][2]
    # the typo'd re-issue did not supersede the 2023 report already published
    assert files == [("jiangmen-gxj-2021.pdf",), ("jiangmen-gxj-2023-inconsistent.pdf",)]
    assert all(score <= 100 for (score,) in scores)

    # The review page shows the value beside an image of the page it was read from.
    page = tmp_path / "review.html"
    sources = ["--sources", str(tmp_path / "inbox2")]
    assert main(["review", "--warehouse", str(warehouse), "--html", str(page), *sources]) == 0
    out = capsys.readouterr().out
    assert "self_score: 96.66  # read 196.66; a digit too many?" in out
    html = page.read_text(encoding="utf-8")
    assert "jiangmen-gxj-2023-score-typo.pdf" in html and "<b>self_score</b> = 196.66" in html
    assert html.count('src="data:image/png;base64,') == 1
    assert "http://" not in html and "https://" not in html  # opens offline
    assert not list(warehouse.parent.glob(warehouse.name + ".next*"))
