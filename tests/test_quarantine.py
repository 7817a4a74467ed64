"""One odd report must not stop the warehouse: quarantine, corrections that last, retractions.

Reports are JSON documents read by the test parser (``test_warehouse_sample.json_parse``): each run
goes through ``jixiao ingest`` with its staging, rebuild, GX checks and publish.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from test_warehouse_sample import JSON_PARSER, SAMPLE_FINANCE, SAMPLE_ROWS, sample_report, write_document

from jixiao.cli.app import main
from jixiao.staging import store as staging
from jixiao.staging.store import Parser

OTHER = "江门市科学技术局"
THIRD = "江门市人力资源和社会保障局"


def _table(path: Path, sql: str, *params: object) -> pd.DataFrame:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, list(params)).df()


def _never_parse(path: Path, limits: object = None, *, source_name: str | None = None) -> object:
    raise AssertionError(f"{source_name} was parsed again")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("JIXIAO_CORRECTIONS", raising=False)
    monkeypatch.setattr(staging, "default_parser", lambda: JSON_PARSER)
    return tmp_path / "data"


def _mix(inbox: Path) -> dict[str, Path]:
    """Good reports of two departments, a title misprinting its year (2033), a table without 一级/二级
    columns, and a balance sheet with negative net assets."""
    flat_rows = [("", "", *row[2:]) for row in SAMPLE_ROWS]  # no hierarchy columns
    misprint = dataclasses.replace(
        sample_report(year=2033, department=THIRD, source_file="rsj-2023.json"),
        title=f"{THIRD}2033年度部门整体支出绩效自评报告",
    )
    finance = {**SAMPLE_FINANCE, "net_assets": "-1234.5", "assets_total": "13640.72"}
    return {
        "good": write_document(inbox / "gxj-2022.json", sample_report(year=2022)),
        "good2": write_document(inbox / "gxj-2023.json", sample_report(year=2023)),
        "flat": write_document(
            inbox / "kjj-2023.json", sample_report(department=OTHER, rows=flat_rows, finance=finance)
        ),
        "misprint": write_document(inbox / "rsj-2023.json", misprint),
    }


@pytest.mark.slow
def test_a_misprinted_year_is_quarantined_the_rest_publish_and_a_correction_mends_it(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    warehouse = home / "jixiao.duckdb"
    inbox = tmp_path / "inbox"
    _mix(inbox)

    assert main(["ingest", str(inbox), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "Quarantined (not published; see `jixiao review`): 1" in out and "rsj-2023.json" in out

    reports = _table(warehouse, "select source_file, fiscal_year from dim_report order by 1")
    assert reports.source_file.tolist() == ["gxj-2022.json", "gxj-2023.json", "kjj-2023.json"]
    log = _table(warehouse, "select * from ingest_log where source_file = 'rsj-2023.json'")
    assert log[["status", "reason_code"]].values.tolist() == [["quarantined", "dq_blocking"]]
    assert "dim_report_fiscal_year" in log.reason[0] and "fiscal_year 2033" in log.reason[0]
    sha = log.source_sha256[0]
    held = _table(warehouse, "select * from dq_results where quarantined_reports is not null")
    assert set(held.check_name) == {
        "dim_report_fiscal_year",
        "fact_indicator_fiscal_year",
        "fact_finance_fiscal_year",
        "fact_evaluation_fiscal_year",
    }
    assert (held.quarantined_reports == sha).all() and (~held.success).all()
    assert held.details.str.contains("rsj-2023.json").all()

    # contract v2: a table without 一级/二级 columns gives null levels; net assets may be negative
    levels = _table(
        warehouse,
        "select count(*) filter (where level1 is null and level2 is null) as flat, count(*) as n "
        "from dim_indicator",
    )
    assert levels.flat[0] == len(SAMPLE_ROWS) < levels.n[0]
    net = _table(
        warehouse,
        "select f.amount_wan_yuan from fact_finance f join dim_finance_item i using (item_key) "
        "join dim_report r using (report_key) where i.item_code = 'net_assets' and r.source_file = ?",
        "kjj-2023.json",
    )
    assert float(net.amount_wan_yuan[0]) == -1234.5

    # The review list names the check, the value and its page, and prefills the correction file.
    assert main(["review"]) == 0
    review = capsys.readouterr().out
    assert "1 quarantined, 0 flagged" in review and f"QUARANTINED: rsj-2023.json (sha256 {sha})" in review
    assert "dim_report_fiscal_year: fiscal_year = 2033 on page 1 (expected within 2000.." in review
    prefilled = review.split("Prefilled correction file")[1].splitlines()[1:4]
    assert [line.strip() for line in prefilled] == [
        f"source_sha256: {sha}",
        'reason: "quarantined: check against the printed report"',
        "set:",
    ]
    assert "fiscal_year: 2023  # read 2033; the year in the file name (page 1)" in review

    # The reviewer's correction file; the next ingest applies it without parsing anything again.
    corrections = home / "corrections"
    corrections.mkdir()
    (corrections / "rsj-2023.yaml").write_text(
        f'source_sha256: {sha}\nreason: "year misprinted in the title (2033 for 2023)"\nset:\n'
        "  fiscal_year: 2023\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(staging, "default_parser", lambda: Parser(_never_parse, JSON_PARSER.version))
    assert main(["ingest", str(inbox), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "Quarantined" not in out and "Corrections applied: 1" in out

    mended = _table(warehouse, "select fiscal_year from dim_report where source_sha256 = ?", sha)
    assert mended.fiscal_year.tolist() == [2023]
    applied = _table(warehouse, "select * from corrections")
    assert applied[
        ["source_sha256", "field", "old_value", "new_value", "correction_file"]
    ].values.tolist() == [[sha, "fiscal_year", "2033", "2023", "rsj-2023.yaml"]]
    assert applied.reason[0] == "year misprinted in the title (2033 for 2023)"
    statuses = _table(
        warehouse, "select status from ingest_log where source_sha256 = ? order by ingested_at", sha
    )
    assert statuses.status.tolist() == ["loaded", "unchanged"]
    assert (
        _table(warehouse, "select count(*) as n from dq_results where quarantined_reports is not null").n[0]
        == 0
    )

    # Nothing changed since: the run is a no-op and the correction stays applied.
    assert main(["ingest", str(inbox), "--no-progress"]) == 0
    assert _table(warehouse, "select count(*) as n from corrections").n[0] == 1


@pytest.mark.slow
def test_bad_corrections_are_skipped_with_a_sentence_and_a_retraction_removes_a_report(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    warehouse = home / "jixiao.duckdb"
    inbox = tmp_path / "inbox"
    files = _mix(inbox)
    files["misprint"].unlink()
    assert main(["ingest", str(inbox), "--no-progress"]) == 0
    shas = dict(_table(warehouse, "select source_file, source_sha256 from dim_report").values.tolist())
    capsys.readouterr()

    corrections = home / "corrections"
    corrections.mkdir()
    (corrections / "a-gxj-2023.yaml").write_text(
        f"source_sha256: {shas['gxj-2023.json']}\nreason: typo\nset:\n"
        "  self_score: 97.5\n"
        "  colour: blue\n"
        "  finance.sangong_total: eleven\n"
        "  indicators.99.actual_text: '3'\n",
        encoding="utf-8",
    )
    (corrections / "b-missing.yaml").write_text(
        "source_sha256: " + "0" * 64 + "\nreason: x\nset:\n  fiscal_year: 2023\n", encoding="utf-8"
    )
    (corrections / "c-broken.yaml").write_text("source_sha256: [unclosed\n", encoding="utf-8")
    (corrections / "d-retract.yaml").write_text(
        f"source_sha256: {shas['kjj-2023.json']}\nretract: true\n"
        "reason: a 决算 disclosure, not a self-evaluation report\n",
        encoding="utf-8",
    )

    assert main(["ingest", str(inbox), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "Corrections skipped: 5" in out
    assert "colour is not a correctable field" in out
    assert "finance.sangong_total must be an amount in 万元, not 'eleven'" in out
    assert "the report has no indicator row 99" in out
    assert "b-missing.yaml was skipped: no parsed report with sha256 000000000000" in out
    assert "c-broken.yaml was skipped: it is not valid YAML" in out

    score = _table(
        warehouse,
        "select self_score from fact_evaluation e join dim_report r using (report_key) "
        "where r.source_file = 'gxj-2023.json'",
    )
    assert score.self_score.tolist() == [97.5]
    assert "kjj-2023.json" not in set(_table(warehouse, "select source_file from dim_report").source_file)
    applied = _table(warehouse, "select field, new_value, reason from corrections order by field")
    assert applied.values.tolist() == [
        ["retract", "true", "a 决算 disclosure, not a self-evaluation report"],
        ["self_score", "97.5", "typo"],
    ]
    assert main(["review"]) == 0
    review = capsys.readouterr().out
    assert "0 quarantined, 0 flagged, 5 correction(s) that no longer apply" in review
    assert "b-missing.yaml was skipped: no parsed report" in review and "colour is not" in review
    log = _table(
        warehouse,
        "select status, reason_code, reason from ingest_log where source_sha256 = ?",
        shas["kjj-2023.json"],
    )
    assert log[["status", "reason_code"]].drop_duplicates().values.tolist() == [["rejected", "retracted"]]
    assert "d-retract.yaml" in log.reason[0]
