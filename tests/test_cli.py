"""`jixiao ingest` and `jixiao query` end to end: sample PDFs, bad input, re-runs, re-issues, exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from test_warehouse_sample import JSON_PARSER, sample_report, write_document

from jixiao.cli.app import main
from jixiao.staging import store as staging

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples" / "reports").glob("*.pdf"))
JIXIAO = Path(sys.executable).with_name("jixiao")
FACTS = ("fact_indicator", "fact_finance", "fact_evaluation")

needs_samples = pytest.mark.skipif(not SAMPLES, reason="samples/reports/*.pdf not generated yet")


def _inbox(tmp_path: Path) -> Path:
    """The sample reports plus the bad input a real download folder holds."""
    inbox = tmp_path / "inbox"
    shutil.copytree(ROOT / "samples" / "reports", inbox / "reports")
    bad = inbox / "misc"
    bad.mkdir()
    (bad / "empty.pdf").write_bytes(b"")
    (bad / "error-page.pdf").write_text(
        "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>页面不存在</body></html>",
        encoding="utf-8",
    )
    shutil.copy(inbox / "reports" / "jiangmen-gxj-2023.pdf", bad / "jiangmen-gxj-2023 (1).pdf")
    (bad / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")  # hidden: never an input
    return inbox


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JIXIAO_HOME": str(home)}
    return subprocess.run([str(JIXIAO), *args], capture_output=True, text=True, env=env, timeout=600)


def _table(path: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).df()


@pytest.mark.slow
@needs_samples
def test_ingest_the_samples_twice_as_a_subprocess(tmp_path: Path) -> None:
    inbox, home = _inbox(tmp_path), tmp_path / "data"
    warehouse = tmp_path / "bi" / "jixiao.duckdb"

    first = _run(["ingest", str(inbox), "--warehouse", str(warehouse)], home)

    assert first.returncode == 0, first.stdout + first.stderr
    out = first.stdout
    assert f"Published {warehouse}" in out
    assert f"loaded: {len(SAMPLES)}  unchanged: 1  superseded: 0  rejected: 2" in out
    assert "empty.pdf → corrupt: " in out
    assert "error-page.pdf → not_a_report: " in out
    assert "jixiao: parse done in" in first.stderr and "\r" not in first.stderr  # plain lines: no terminal
    assert "fact_indicator" in out and "Rows per table:" in out
    log = _table(warehouse, "select source_file, status, reason from ingest_log")
    pair = log[log.source_file.str.startswith("jiangmen-gxj-2023")].set_index("status")
    assert sorted(pair.index) == ["loaded", "unchanged"]  # whichever copy came first is loaded
    assert pair.loc["loaded", "source_file"] in pair.loc["unchanged", "reason"]
    assert _table(warehouse, "select count(*) as n from dim_report").n[0] == len(SAMPLES)
    parsed = {p: p.stat().st_mtime_ns for p in (warehouse.parent / "staging" / "parsed").glob("*.json")}
    assert len(parsed) == len(SAMPLES) + 2  # the rejections are cached too
    facts = {t: _table(warehouse, f"select * from {t} order by all") for t in FACTS}

    second = _run(["ingest", str(inbox), "--warehouse", str(warehouse), "--no-progress"], home)

    assert second.returncode == 0, second.stdout + second.stderr
    assert f"loaded: 0  unchanged: {len(SAMPLES) + 1}  superseded: 0  rejected: 2" in second.stdout
    cache = warehouse.parent / "staging" / "parsed"  # the staging is beside the warehouse
    assert {p: p.stat().st_mtime_ns for p in cache.glob("*.json")} == parsed
    for table, frame in facts.items():
        pd.testing.assert_frame_equal(_table(warehouse, f"select * from {table} order by all"), frame)
    runs = _table(warehouse, "select count(distinct run_id) as runs, count(*) as n from ingest_log")
    assert (runs.runs[0], runs.n[0]) == (2, 2 * (len(SAMPLES) + 3))

    query = _run(
        ["query", "select count(*) as reports from v_department_year", "--warehouse", str(warehouse)], home
    )
    assert query.returncode == 0 and query.stdout.split()[:3] == ["reports", "-------", str(len(SAMPLES))]


@pytest.mark.slow
@needs_samples
def test_a_reissued_report_supersedes_the_first_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "data"))
    original = ROOT / "samples" / "reports" / "jiangmen-gxj-2023.pdf"
    first_dir, second_dir = tmp_path / "first", tmp_path / "second"
    first_dir.mkdir()
    second_dir.mkdir()
    shutil.copy(original, first_dir / original.name)
    # the corrected re-issue: the same report re-saved (an incremental update appended after %%EOF)
    corrected = second_dir / "jiangmen-gxj-2023-更正.pdf"
    corrected.write_bytes(original.read_bytes() + b"\n% corrected edition\n")

    assert main(["ingest", str(first_dir), "--no-progress"]) == 0
    assert main(["ingest", str(second_dir), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "loaded: 1  unchanged: 0  superseded: 0  rejected: 0" in out
    assert "jiangmen-gxj-2023.pdf → superseded by jiangmen-gxj-2023-更正.pdf" in out

    warehouse = tmp_path / "data" / "jixiao.duckdb"
    reports = _table(warehouse, "select source_file, is_current from dim_report order by source_file")
    assert reports.values.tolist() == [["jiangmen-gxj-2023-更正.pdf", True], ["jiangmen-gxj-2023.pdf", False]]
    assert _table(warehouse, "select count(*) as n from v_department_year").n[0] == 1
    per_year = _table(
        warehouse, "select count(*) as n, count(distinct indicator_code) as codes from v_indicator_yoy"
    )
    assert per_year.n[0] == per_year.codes[0] > 0  # each indicator counted once
    log = _table(warehouse, "select source_file, status from ingest_log order by ingested_at")
    assert log.values.tolist() == [
        ["jiangmen-gxj-2023.pdf", "superseded"],
        ["jiangmen-gxj-2023-更正.pdf", "loaded"],
    ]


@pytest.mark.slow
def test_an_impossible_self_score_is_quarantined_and_the_rest_stays_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(staging, "default_parser", lambda: JSON_PARSER)
    good = write_document(tmp_path / "good" / "jiangmen-gxj-2023.json", sample_report())
    assert main(["ingest", str(good), "--no-progress"]) == 0
    warehouse = tmp_path / "data" / "jixiao.duckdb"

    # a parser slip reads a self-score of 196.66: the report is held back, the rest publishes (exit 0)
    bad = write_document(tmp_path / "bad" / "jiangmen-gxj-2022.json", sample_report(year=2022, score=196.66))
    assert main(["ingest", str(bad), "--no-progress"]) == 0

    out = capsys.readouterr().out
    assert "quarantined: 1" in out and "self_score 196.66 (expected within 0..100)" in out
    assert "Blocking data-quality failures" not in out
    assert _table(warehouse, "select fiscal_year from dim_report").fiscal_year.tolist() == [2023]
    log = _table(warehouse, "select status, reason_code, reason from ingest_log where status = 'quarantined'")
    assert log[["status", "reason_code"]].values.tolist() == [["quarantined", "dq_blocking"]]
    assert "fact_evaluation_self_score" in log.reason[0]
    assert not list(warehouse.parent.glob("jixiao.duckdb.next*"))


def test_usage_errors_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "data"))
    assert main([]) == 2
    assert main(["ingest"]) == 2
    assert main(["ingest", str(tmp_path / "no-such-folder")]) == 2
    assert "no-such-folder does not exist; check the path." in capsys.readouterr().err
    assert main(["query", "select 1", "--warehouse", str(tmp_path / "missing.duckdb")]) == 2
    assert "run `jixiao ingest` first" in capsys.readouterr().err
    result = _run(["ingest", str(tmp_path / "nope")], tmp_path / "data")
    assert result.returncode == 2 and "does not exist" in result.stderr

    monkeypatch.setenv("JIXIAO_WORKERS", "many")
    assert main(["ingest", str(tmp_path)]) == 2
    assert "JIXIAO_WORKERS must be a whole number" in capsys.readouterr().err
    assert not (tmp_path / "data" / "jixiao.duckdb").exists()


def test_query_prints_a_small_table_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create table dim_department (department_name varchar, region varchar)")
        con.execute(
            "insert into dim_department values (?, ?), (?, ?)",
            ["江门市工业和信息化局", "江门市", "湖南省水利厅", None],
        )

    assert main(["query", "select * from dim_department order by 1", "--warehouse", str(warehouse)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split(" | ") == ["department_name     ", "region"]
    assert lines[2] == "江门市工业和信息化局 | 江门市"  # wide characters count as two columns
    assert lines[3] == "湖南省水利厅         | NULL"
    assert lines[-1] == "(2 rows)"

    assert main(["query", "select * from nowhere", "--warehouse", str(warehouse)]) == 1
    assert "the query failed" in capsys.readouterr().err
    assert main(["query", "delete from dim_department", "--warehouse", str(warehouse)]) == 1  # read-only
    assert _table(warehouse, "select count(*) as n from dim_department").n[0] == 2
