"""ingestion.rebuild: a rebuild in partitions of departments gives exactly what a whole rebuild gives.

And the checker process: its failures (an error in a check, a killed process) become one error,
never a hang, and nothing is left behind.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from test_warehouse_sample import JSON_PARSER, make_settings, sample_report, write_document

from jixiao.ingestion.ingest import _not_published, collect_inputs
from jixiao.ingestion.rebuild import ChecksError, rebuild
from jixiao.quality.contract import WHOLE_TABLES
from jixiao.quality.runner import CheckSession
from jixiao.quality.worker import CheckerFailed, CheckWorker
from jixiao.staging import runner
from jixiao.warehouse.build import build_memory_mb, candidate_path
from jixiao.warehouse.normalize import TABLES
from jixiao.warehouse.partition import SHARED_TABLES, partitions, read_partitions

DEPARTMENTS = ("江门市工业和信息化局", "江门市财政局", "佛山市南海区教育局")
# parts that do not add up (a warning), given in two departments so the failing rows of two
# partitions must be added together
BROKEN_PARTS = {"expenditure_total": "100.00", "expenditure_basic": "30.00", "expenditure_project": "50.00"}


def test_partitions_hold_whole_departments_in_name_order() -> None:
    departments = {"a1": "乙局", "a2": "乙局", "a3": "乙局", "b1": "甲局", "c1": "丙局", "c2": "丙局"}
    parts = partitions(departments, max_reports=3)
    assert parts == [["c1", "c2"], ["a1", "a2", "a3"], ["b1"]]  # 丙 < 乙 < 甲 in code point order
    assert partitions(departments, max_reports=1) == [["c1", "c2"], ["a1", "a2", "a3"], ["b1"]]
    assert partitions(departments, max_reports=100) == [["c1", "c2", "a1", "a2", "a3", "b1"]]
    assert partitions({}, max_reports=5) == []


def test_the_build_memory_limit_grows_with_the_corpus_past_its_floor() -> None:
    assert build_memory_mb(0) == build_memory_mb(80_000) == 128
    assert build_memory_mb(200_000) == 300  # DuckDB's key indexes must fit: ~1 MB per 1,000 reports
    assert build_memory_mb(200_000, configured=1024) == 1024


def test_an_out_of_memory_build_names_the_setting_to_raise() -> None:
    error = duckdb.OutOfMemoryException("Out of Memory Error: failed to allocate 3.0 MiB\nPossible solutions")
    message = _not_published(error)
    assert "JIXIAO_DUCKDB_MEMORY_MB" in message and "previous warehouse is unchanged" in message
    assert "Possible" not in message  # DuckDB's own advice (SET memory_limit) is not the user's to act on
    assert "JIXIAO_DUCKDB_MEMORY_MB" not in _not_published(OSError(28, "No space left on device"))


def _staged(tmp_path: Path):
    settings = make_settings(tmp_path)
    inbox = tmp_path / "inbox"
    for d, department in enumerate(DEPARTMENTS):
        for year in (2021, 2022, 2023):
            finance = BROKEN_PARTS if (d, year) in ((0, 2022), (2, 2021)) else None
            report = sample_report(
                year=year, department=department, finance=finance, source_file=f"{d}-{year}.pdf"
            )
            write_document(inbox / f"{d}-{year}.json", report)
    # a re-issue, staged later: it supersedes 1-2023 within its own partition
    reissue = sample_report(
        year=2023, department=DEPARTMENTS[1], score=91.0, source_file="1-2023-corrected.pdf"
    )
    runner.stage_files(collect_inputs([inbox]), settings, "run-1", parser=JSON_PARSER)
    write_document(tmp_path / "later" / "1-2023-corrected.json", reissue)
    runner.stage_files(collect_inputs([tmp_path / "later"]), settings, "run-2", parser=JSON_PARSER)
    return settings


def _content(path: Path) -> dict[str, list[str]]:
    with duckdb.connect(str(path), read_only=True) as con:
        tables = {
            t: sorted(map(repr, con.execute(f"select * from {t}").fetchall()))
            for t in TABLES
            if t != "dq_results"
        }
        tables["dq_results"] = sorted(
            map(
                repr,
                con.execute(
                    "select suite, expectation, check_name, severity, success, unexpected_count, "
                    "regexp_extract(details, '^\\d+ of \\d+ rows') from dq_results"
                ).fetchall(),
            )
        )
        tables["mart_indicator_yoy"] = sorted(
            map(repr, con.execute("select * from v_indicator_yoy").fetchall())
        )
    return tables


@pytest.mark.slow
def test_a_rebuild_by_partition_equals_a_whole_rebuild(tmp_path: Path) -> None:
    settings = _staged(tmp_path)
    whole_settings = settings.with_warehouse(tmp_path / "whole" / "w.duckdb")
    parts_settings = settings.with_warehouse(tmp_path / "parts" / "w.duckdb")

    whole = rebuild(whole_settings, JSON_PARSER.version, "r", partition_reports=100)
    parts = rebuild(parts_settings, JSON_PARSER.version, "r", partition_reports=1)

    assert (whole.partitions, parts.partitions) == (1, 3)
    assert whole.candidate is not None and parts.candidate is not None
    assert whole.row_counts == parts.row_counts
    assert whole.row_counts["dim_report"] == 10 and whole.row_counts["dim_department"] == 3
    assert _content(whole.candidate) == _content(parts.candidate)
    # the finance warning failed in two partitions: one result, its failing rows added up
    failed = {r.suite: r for r in parts.warnings}
    assert failed["report_expenditure_adds_up"].unexpected_count == 2
    assert failed["report_expenditure_adds_up"].details.startswith("2 of ")
    # dim_finance_item is in every partition but written and checked once
    assert parts.row_counts["dim_finance_item"] == whole.row_counts["dim_finance_item"] == 19
    with duckdb.connect(str(parts.candidate), read_only=True) as con:
        status = con.execute("select status from ingest_log where source_file = '1-2023.json'").fetchall()
    assert status == [("superseded",)]

    # the built file read back partition by partition checks the same as the frames the rebuild checked
    read = list(read_partitions(parts.candidate, max_reports=1))
    assert [len(frames["dim_department"]) for frames in read] == [1, 1, 1]
    session = CheckSession(parts_settings, "again", shared_suites=SHARED_TABLES)
    for frames in read:
        session.validate(frames)
    with duckdb.connect(str(parts.candidate), read_only=True) as con:  # once, whole, in a total order
        whole_tables = {t: con.execute(f"select * from {t} order by all").df() for t in WHOLE_TABLES}
        whole_tables["dim_report"] = con.execute("select source_sha256 from dim_report").df()
    session.validate_whole(whole_tables)
    again = session.results(data_docs=False)

    def outcome(results: list) -> list[tuple]:
        # a column DuckDB gives a native dtype is type-checked as a whole (count None, not 0)
        return sorted((r.suite, r.expectation, r.success, r.unexpected_count or 0) for r in results)

    assert outcome(again) == outcome(parts.results)


@pytest.mark.slow
def test_an_error_in_the_checker_is_reported_not_hung(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with CheckWorker(settings, "r") as checker:
        checker.validate({"dim_report": "not a frame"})  # type: ignore[dict-item]
        checker.validate({})  # taken and ignored: the session already failed
        with pytest.raises(CheckerFailed, match="AttributeError"):
            checker.results()

    with CheckWorker(settings, "r") as checker:
        checker._process.kill()
        checker._process.join()
        with pytest.raises(CheckerFailed, match=r"exit code -9"):
            checker.validate({"dim_report": pd.DataFrame()})
            checker.results()


@pytest.mark.slow
def test_a_checker_that_dies_leaves_no_candidate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _staged(tmp_path)
    monkeypatch.setenv(
        "JIXIAO_CRASH_AT", "checks.partition_received#2"
    )  # the checker only: the env is inherited
    with pytest.raises(ChecksError, match=r"checks could not run \(the checker process stopped"):
        rebuild(settings, JSON_PARSER.version, "r", partition_reports=1)
    assert not candidate_path(settings.warehouse, "r").exists()


def test_one_report_added_to_a_department_moves_the_bounds_of_one_partition_only() -> None:
    # the incremental benchmark's shape: 2,500 departments of 4 reports; an incremental publish checks
    # again each partition whose reports changed
    departments = {f"d{k:04d}-{i}": f"江门市第{k:04d}局" for k in range(2500) for i in range(4)}
    before = {tuple(part) for part in partitions(departments)}
    moved = []
    for k in range(0, 2500, 25):
        grown = departments | {f"d{k:04d}-new": f"江门市第{k:04d}局"}
        moved.append(sum(tuple(part) not in before for part in partitions(grown)))
    assert min(moved) == 1
    assert sum(m > 1 for m in moved) <= 5  # 40 of 100 with anchors every half cap (of 2,000 reports)
