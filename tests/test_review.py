"""`jixiao review` on a warehouse whose extraction self-checks flagged a report (dim_report.extraction)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from jixiao.cli.app import main

pytest_plugins = ["conftest_bi"]


def test_a_flagged_report_is_listed_with_the_warnings_naming_it(
    warehouse_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with duckdb.connect(str(warehouse_copy)) as con:
        name, sha = con.execute(
            "select source_file, source_sha256 from dim_report order by 1 limit 1"
        ).fetchone()
        con.execute(
            "update dim_report set extraction = 'flagged', self_checks = ? where source_sha256 = ?",
            ["Σ分值 = 90, not 100", sha],
        )
        con.execute(
            "insert into dq_results (run_id, checked_at, suite, expectation, table_name, severity, success, "
            "unexpected_count, details, check_name) values ('r', now(), 's', 'e', 'fact_indicator', "
            "'warning', false, 1, ?, 'extraction_weights_sum_to_100')",
            [f"1 of 3 rows: source_file={name} weight_sum=90"],
        )
        flagged = con.execute("select count(*) from dim_report where extraction = 'flagged'").fetchone()[0]
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "home"))
    assert main(["review", "--warehouse", str(warehouse_copy)]) == 0
    out = capsys.readouterr().out
    assert f"0 quarantined, {flagged} flagged" in out
    assert f"FLAGGED: {name} (sha256 {sha})" in out and "Σ分值 = 90, not 100" in out
    assert f"extraction_weights_sum_to_100: 1 of 3 rows: source_file={name} weight_sum=90" in out
    assert f"source_sha256: {sha}" in out and "set: {}" in out


def test_review_without_a_warehouse_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", "--warehouse", str(tmp_path / "absent.duckdb")]) == 2
    assert "no warehouse at" in capsys.readouterr().err
