"""Issue 12: a report once published stays published, whatever the working directory, the staging or
the state of the parse cache, until a re-issue supersedes it (in-process, stand-in JSON parser)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from test_warehouse_sample import JSON_PARSER, make_settings, sample_report, write_document

from jixiao.ingestion.ingest import ingest
from jixiao.staging.store import Parser
from jixiao.warehouse.normalize import TABLES

CONTENT = [t for t in TABLES if t not in ("ingest_log", "dq_results")]


def _rows(warehouse: Path, table: str, where: str = "") -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return sorted(map(repr, con.execute(f"select * from {table} {where}").fetchall()))


def _files(warehouse: Path) -> list[tuple[str, bool]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("select source_file, is_current from dim_report order by source_file").fetchall()


@pytest.mark.slow
def test_published_reports_survive_another_staging_a_wiped_cache_and_a_parser_upgrade(tmp_path: Path) -> None:
    warehouse = tmp_path / "w" / "j.duckdb"
    first = make_settings(tmp_path / "d1", warehouse=warehouse, staging=tmp_path / "d1" / "staging")
    a = write_document(tmp_path / "in" / "gxj-2022.json", sample_report(year=2022))
    assert ingest([a], first, parser=JSON_PARSER).published
    before = {t: _rows(warehouse, t) for t in CONTENT}

    # another working directory, so another staging folder: the first report must stay
    second = make_settings(tmp_path / "d2", warehouse=warehouse, staging=tmp_path / "d2" / "staging")
    b = write_document(tmp_path / "in" / "gxj-2021.json", sample_report(year=2021))
    assert ingest([b], second, parser=JSON_PARSER).published
    assert _files(warehouse) == [("gxj-2021.json", True), ("gxj-2022.json", True)]
    a_key = "where fiscal_year = 2022"
    for table in ("dim_report", "fact_indicator", "fact_finance", "fact_evaluation"):
        assert _rows(warehouse, table, a_key) == [r for r in before[table] if "2022" in r]

    # the parse cache is optional, and a parser upgrade re-parses only what it is given: with the cache
    # deleted and a new parser, a re-issue supersedes the carried 2022 report and 2021 stays
    shutil.rmtree(second.staging / "parsed")
    upgraded = Parser(JSON_PARSER.parse, "test-json-2")
    fixed = write_document(tmp_path / "in" / "gxj-2022-更正.json", sample_report(year=2022, score=97.0))
    assert ingest([fixed], second, parser=upgraded).published
    assert _files(warehouse) == [
        ("gxj-2021.json", True),
        ("gxj-2022-更正.json", True),
        ("gxj-2022.json", False),
    ]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        log = con.execute("select count(*), count(distinct run_id) from ingest_log").fetchone()
    assert log == (3, 3)  # every run's row kept, none twice
