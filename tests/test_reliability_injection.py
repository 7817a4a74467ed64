"""Input never reaches SQL as text: SQL-looking names, reasons and file names are stored as data."""

from __future__ import annotations

from pathlib import Path

import duckdb
from test_warehouse_sample import JSON_PARSER, SAMPLE_ROWS, sample_report, write_document

from jixiao.cli.app import main
from jixiao.core.settings import Settings
from jixiao.ingestion.ingest import ingest

EVIL = "'); drop table dim_report; --"
EVIL_DOUBLE = '"; delete from fact_indicator where ""=""; --'
DEPARTMENT = f"江门市{EVIL}局"


def _evil_rows() -> list[tuple]:
    rows = [list(r) for r in SAMPLE_ROWS]
    rows[0][2] = f"企业数量{EVIL}（家）"  # indicator name
    rows[1][7] = f"原因{EVIL_DOUBLE}"  # shortfall reason
    return [tuple(r) for r in rows]


def test_sql_looking_names_reasons_and_file_names_come_through_as_data(tmp_path: Path, capsys) -> None:
    settings = Settings.from_env({}, home=tmp_path / "data", warehouse=tmp_path / "jixiao.duckdb")
    inbox = tmp_path / "inbox"
    good = write_document(inbox / f"{EVIL}.json", sample_report(department=DEPARTMENT, rows=_evil_rows()))
    empty = inbox / f"{EVIL_DOUBLE}.json"
    empty.write_bytes(b"")  # rejected: its reason names the file, SQL text and all

    result = ingest([inbox], settings, parser=JSON_PARSER)

    assert result.published, result.error
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert con.execute("select department_name from dim_department").fetchall() == [(DEPARTMENT,)]
        assert con.execute("select source_file from dim_report").fetchall() == [(good.name,)]
        names = [
            r[0]
            for r in con.execute("select indicator_name_raw from fact_indicator order by row_no").fetchall()
        ]
        assert names[0] == f"企业数量{EVIL}（家）" and len(names) == len(SAMPLE_ROWS)
        reasons = [
            r[0]
            for r in con.execute("select shortfall_reason from fact_indicator order by row_no").fetchall()
        ]
        assert reasons[1] == f"原因{EVIL_DOUBLE}"
        log = dict(con.execute("select source_file, reason from ingest_log").fetchall())
        assert set(log) == {good.name, empty.name}
        assert empty.name in log[empty.name]
        assert con.execute("select count(*) from v_department_year").fetchone()[0] == 1
    # The read-only query command binds nothing from files either: the tables are all still there.
    assert (
        main(["query", "select count(*) as n from dim_report", "--warehouse", str(settings.warehouse)]) == 0
    )
    assert "(1 row)" in capsys.readouterr().out
