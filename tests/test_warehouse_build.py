"""The built warehouse: contract names, types and comments, views over current reports, stable keys,
idempotent rebuilds and an atomic publish that never disturbs a reader."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from contract_v1 import CONTRACT_COLUMNS
from test_warehouse_sample import (
    DEPARTMENT,
    SAMPLE_ROWS,
    build_warehouse,
    drifted_rows_2022,
    make_settings,
    sample_report,
    stage_documents,
    write_document,
)

from jixiao.core.settings import Settings
from jixiao.warehouse.build import build_candidate, candidate_path
from jixiao.warehouse.publish import publish

CONTRACT = CONTRACT_COLUMNS
FACTS = ("fact_indicator", "fact_finance", "fact_evaluation")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


def _two_years(inbox: Path) -> list[Path]:
    return [
        write_document(inbox / "jiangmen-gxj-2022.json", sample_report(year=2022, rows=drifted_rows_2022())),
        write_document(inbox / "jiangmen-gxj-2023.json", sample_report(year=2023)),
    ]


def _table(path: Path, sql: str) -> pd.DataFrame:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).df()


def test_every_contract_table_and_view_exists_with_its_columns(tmp_path: Path, settings: Settings) -> None:
    stage_documents(settings, _two_years(tmp_path / "inbox"), "run-1")
    path = build_warehouse(settings)
    with duckdb.connect(str(path), read_only=True) as con:
        kinds = dict(con.execute("select table_name, table_type from information_schema.tables").fetchall())
        for name, columns in CONTRACT.items():
            assert kinds.get(name) == ("VIEW" if name.startswith("v_") else "BASE TABLE"), name
            actual = [r[0] for r in con.execute(f"select column_name from (describe {name})").fetchall()]
            missing = [c for c in columns if c not in actual]
            assert not missing, f"{name} lacks {missing}"
            empty_here = ("dq_results", "corrections")  # filled by the checks and the correction files
            assert con.execute(f"select count(*) from {name}").fetchone()[0] > 0 or name in empty_here


def test_types_money_keys_and_comments(tmp_path: Path, settings: Settings) -> None:
    stage_documents(settings, _two_years(tmp_path / "inbox"), "run-1")
    path = build_warehouse(settings)
    with duckdb.connect(str(path), read_only=True) as con:
        sql = "select table_name, column_name, data_type from duckdb_columns() where not internal"
        types = {(t, c): d for t, c, d in con.execute(sql).fetchall()}
        assert types[("fact_finance", "amount_wan_yuan")] == "DECIMAL(18,6)"
        assert types[("v_department_year", "expenditure_total")] == "DECIMAL(18,6)"
        for (table, column), dtype in types.items():
            if column.endswith("_key"):
                assert dtype == "BIGINT", (table, column)
        assert types[("dim_report", "fiscal_year")] == "INTEGER"

        commented = con.execute(
            "select table_name, comment from duckdb_tables() union all select view_name, comment "
            "from duckdb_views() where not internal"
        ).fetchall()
        assert {name for name, _ in commented} >= set(CONTRACT)
        columns = con.execute(
            "select table_name, column_name, comment from duckdb_columns() where not internal"
        ).fetchall()
        for where, comment in [(n, c) for n, c in commented] + [(f"{t}.{c}", m) for t, c, m in columns]:
            # "<Chinese term> — <English meaning>"
            assert comment and re.search(r"[\u4e00-\u9fff].* — .*[A-Za-z]{3}", comment), where
        total = con.execute(
            "select amount_wan_yuan from fact_finance join dim_finance_item using (item_key) "
            "join dim_report using (report_key) "
            "where item_code = 'expenditure_total' and dim_report.fiscal_year = 2023"
        ).fetchone()[0]
    assert str(total) == "11940.410000"


def test_views_read_the_sample_as_printed(tmp_path: Path, settings: Settings) -> None:
    stage_documents(settings, _two_years(tmp_path / "inbox"), "run-1")
    path = build_warehouse(settings)
    year = _table(path, "select * from v_department_year order by fiscal_year")
    assert year["fiscal_year"].tolist() == [2022, 2023]
    row = year.iloc[1]
    assert (row.department_name, row.region, row.report_type) == (DEPARTMENT, "江门市", "department_overall")
    assert (row.self_score, row.grade, row.indicator_count, row.indicators_achieved) == (96.66, "优", 27, 21)
    assert row.achieved_rate == 84.0  # 21 of the 25 decidable indicators
    assert float(row.sangong_total) == 11.28

    yoy = _table(path, "select * from v_indicator_yoy where fiscal_year = 2023 order by indicator_code")
    assert len(yoy) == 27 and yoy["prev_fiscal_year"].eq(2022).all()
    assert yoy["actual_change"].fillna(0).eq(0).all()
    assert set(yoy["indicator_name"]) >= {name for _, _, name, *_ in SAMPLE_ROWS[:3]}

    fin = _table(path, "select * from v_finance_yoy where item_code = 'operating_cost' order by fiscal_year")
    assert fin["prev_fiscal_year"].isna().tolist() == [True, False]


def test_a_reissue_supersedes_and_the_views_count_it_once(tmp_path: Path, settings: Settings) -> None:
    inbox = tmp_path / "inbox"
    first = write_document(inbox / "jiangmen-gxj-2023.json", sample_report())
    stage_documents(settings, [first], "run-1")
    satisfaction = ("满意度", "满意度指标", "企业满意度", "≥85%", "96%", "%", True, None, 11)
    corrected_rows = [*SAMPLE_ROWS[:-1], satisfaction]
    corrected = write_document(
        inbox / "jiangmen-gxj-2023-更正.json", sample_report(rows=corrected_rows, score=97.1)
    )
    stage_documents(settings, [corrected], "run-2")
    path = build_warehouse(settings)

    reports = _table(
        path,
        "select old.source_file as old_file, old.is_current as old_current, "
        "new.source_file as new_file, new.is_current as new_current "
        "from dim_report as old join dim_report as new on old.superseded_by = new.report_key",
    )
    assert reports.values.tolist() == [["jiangmen-gxj-2023.json", False, "jiangmen-gxj-2023-更正.json", True]]

    year = _table(path, "select * from v_department_year")
    assert len(year) == 1
    assert (year.self_score[0], year.indicator_count[0]) == (97.1, 27)
    assert _table(path, "select count(*) as n from v_indicator_yoy").n[0] == 27
    assert _table(path, "select count(*) as n from v_finance_yoy").n[0] == 19
    # both files' facts stay in the warehouse, traced to their own report
    assert _table(path, "select count(*) as n from fact_indicator").n[0] == 54

    log = _table(path, "select run_id, source_file, status, reason from ingest_log order by run_id")
    assert log[["run_id", "status"]].values.tolist() == [["run-1", "superseded"], ["run-2", "loaded"]]
    assert "jiangmen-gxj-2023-更正.json" in log.reason[0]


def test_a_second_run_on_the_same_inputs_changes_no_fact(tmp_path: Path, settings: Settings) -> None:
    docs = _two_years(tmp_path / "inbox")
    stage_documents(settings, docs, "run-1")
    path = build_warehouse(settings)
    before = {
        t: _table(path, f"select * from {t} order by all") for t in (*FACTS, "dim_report", "dim_indicator")
    }

    again = stage_documents(settings, docs, "run-2")
    assert [o.status for o in again] == ["unchanged", "unchanged"] and not any(o.parsed for o in again)
    build_warehouse(settings)
    for table, frame in before.items():
        pd.testing.assert_frame_equal(_table(path, f"select * from {table} order by all"), frame)
    log = _table(path, "select run_id, status from ingest_log order by run_id, source_file")
    assert log.values.tolist() == [
        ["run-1", "loaded"],
        ["run-1", "loaded"],
        ["run-2", "unchanged"],
        ["run-2", "unchanged"],
    ]


def test_keys_are_stable_across_builds_and_machines(tmp_path: Path) -> None:
    docs = _two_years(tmp_path / "inbox")
    here, there = make_settings(tmp_path / "here"), make_settings(tmp_path / "there")
    stage_documents(here, docs, "run-a")
    stage_documents(there, list(reversed(docs)), "run-b")  # another machine, another order, later time
    a, b = build_warehouse(here), build_warehouse(there)
    for table in ("dim_department", "dim_indicator", "dim_finance_item", *FACTS):
        pd.testing.assert_frame_equal(
            _table(a, f"select * from {table} order by all"), _table(b, f"select * from {table} order by all")
        )
    keys = "select report_key, department_key, source_sha256 from dim_report order by all"
    pd.testing.assert_frame_equal(_table(a, keys), _table(b, keys))


READER = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1], read_only=True)
    query = "select count(*), sum(amount_wan_yuan) from fact_finance"
    print(*con.execute(query).fetchone(), flush=True)
    sys.stdin.readline()
    print(*con.execute(query).fetchone(), flush=True)
    print(con.execute("select count(*) from v_department_year").fetchone()[0], flush=True)
    """
)


def test_publish_replaces_the_file_while_a_reader_keeps_working(tmp_path: Path, settings: Settings) -> None:
    inbox = tmp_path / "inbox"
    stage_documents(settings, [write_document(inbox / "2023.json", sample_report())], "run-1")
    path = build_warehouse(settings)
    old_inode = path.stat().st_ino

    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = reader.stdout.readline().split()
        assert first[0] == "19"

        stage_documents(settings, [write_document(inbox / "2022.json", sample_report(year=2022))], "run-2")
        build_warehouse(settings)  # publishes over the file the reader holds open
        assert path.stat().st_ino != old_inode
        assert not list(path.parent.glob(path.name + ".next*"))

        out, err = reader.communicate("go\n", timeout=60)
    finally:
        reader.kill()
    assert reader.returncode == 0, err
    second, views = out.split("\n")[0].split(), out.split("\n")[1]
    assert second == first and views == "1"  # the reader still sees the whole old warehouse
    assert _table(path, "select count(*) as n from fact_finance").n[0] == 38  # a new reader sees the new one


def test_a_failed_build_leaves_the_published_warehouse_untouched(tmp_path: Path, settings: Settings) -> None:
    stage_documents(settings, _two_years(tmp_path / "inbox"), "run-1")
    path = build_warehouse(settings)
    before = path.read_bytes()
    from test_warehouse_sample import TEST_PARSER_VERSION

    from jixiao.staging.store import load_log_rows, load_records
    from jixiao.warehouse.normalize import to_frames

    frames = to_frames(load_records(settings, TEST_PARSER_VERSION), load_log_rows(settings))
    frames["dim_report"] = pd.concat([frames["dim_report"], frames["dim_report"]])  # duplicate keys
    with pytest.raises(duckdb.ConstraintException):
        build_candidate(frames, settings, "run-2")
    assert not candidate_path(path, "run-2").exists()
    assert path.read_bytes() == before


def test_publish_refuses_a_candidate_in_another_directory(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    candidate = tmp_path / "a" / "w.duckdb.next"
    candidate.write_bytes(b"x")
    with pytest.raises(ValueError, match="same directory"):
        publish(candidate, tmp_path / "w.duckdb")
    with pytest.raises(FileNotFoundError, match="build one before publishing"):
        publish(tmp_path / "missing.next", tmp_path / "w.duckdb")


def test_frames_are_deterministic(tmp_path: Path, settings: Settings) -> None:
    from test_warehouse_sample import TEST_PARSER_VERSION

    from jixiao.staging.store import load_log_rows, load_records
    from jixiao.warehouse.normalize import to_frames

    stage_documents(settings, _two_years(tmp_path / "inbox"), "run-1")
    records = load_records(settings, TEST_PARSER_VERSION)
    one = to_frames(records, load_log_rows(settings))
    two = to_frames(list(reversed(records)), load_log_rows(settings))
    for table in one:
        pd.testing.assert_frame_equal(one[table], two[table])


def test_ingest_log_history_survives_a_wiped_staging_folder(tmp_path: Path, settings: Settings) -> None:
    from test_warehouse_sample import TEST_PARSER_VERSION

    from jixiao.staging.store import load_log_rows, load_records
    from jixiao.warehouse.build import read_ingest_log
    from jixiao.warehouse.normalize import merge_log_history, to_frames

    docs = _two_years(tmp_path / "inbox")
    stage_documents(settings, docs, "run-1")
    path = build_warehouse(settings)
    stage_documents(settings, docs, "run-2")
    staged = load_log_rows(settings)
    # the staged rows and the published table describe the same history: nothing is added twice
    assert len(merge_log_history(staged, read_ingest_log(path))) == len(staged) == 4

    shutil.rmtree(settings.staging / "log" / "run-1")  # history whose staged files are gone
    merged = merge_log_history(load_log_rows(settings), read_ingest_log(path))
    frames = to_frames(load_records(settings, TEST_PARSER_VERSION), merged)
    publish(build_candidate(frames, settings), path)
    log = _table(path, "select run_id, status from ingest_log order by run_id, source_file")
    assert log.values.tolist() == [
        ["run-1", "loaded"],
        ["run-1", "loaded"],
        ["run-2", "unchanged"],
        ["run-2", "unchanged"],
    ]
    assert read_ingest_log(tmp_path / "missing.duckdb") == []
