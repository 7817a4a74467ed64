"""A no-op run (nothing new staged) publishes the same facts plus its ingest_log rows, without a rebuild."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from test_warehouse_sample import JSON_PARSER, make_settings, sample_report, write_document

from jixiao.cli.summary import format_summary
from jixiao.ingestion import buildstate
from jixiao.ingestion.ingest import IngestResult, ingest
from jixiao.warehouse.normalize import TABLES

FACTS = [t for t in TABLES if t != "ingest_log"]


def _warning_lines(result: IngestResult) -> list[str]:
    lines = format_summary(result).splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("Data-quality warnings")]
    return lines[starts[0] : starts[0] + 1 + min(10, len(result.warnings))] if starts else []


def _tables(warehouse: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: sorted(map(repr, con.execute(f"select * from {t}").fetchall())) for t in TABLES}


@pytest.mark.slow
def test_a_no_op_run_appends_its_log_rows_and_changes_no_fact(tmp_path: Path, monkeypatch) -> None:
    settings = make_settings(tmp_path)
    inbox = tmp_path / "inbox"
    write_document(inbox / "jiangmen-gxj-2023.json", sample_report())
    # parts that do not add up: a warning, whose sentence the no-op summary must print without GX
    parts = {"expenditure_total": "100.00", "expenditure_basic": "30.00", "expenditure_project": "50.00"}
    write_document(inbox / "jiangmen-gxj-2022.json", sample_report(year=2022, finance=parts))
    first = ingest([inbox], settings, parser=JSON_PARSER)
    assert first.published and buildstate.state_path(settings.warehouse).exists()
    assert first.warnings
    before = _tables(settings.warehouse)

    rebuilt: list[object] = []
    monkeypatch.setattr(
        "jixiao.ingestion.incremental.build", lambda *a, **k: rebuilt.append(a)
    )  # must not be reached
    second = ingest([inbox], settings, parser=JSON_PARSER)
    assert rebuilt == []
    assert second.published and second.error is None
    assert second.status_counts() == {"unchanged": 2}
    assert [row["run_id"] for row in second.log_rows] == [second.run_id] * 2
    assert second.row_counts["ingest_log"] == 4 and second.row_counts["fact_indicator"] > 0
    after = _tables(settings.warehouse)
    assert {t: after[t] for t in FACTS if t != "dq_results"} == {
        t: before[t] for t in FACTS if t != "dq_results"
    }
    assert after["dq_results"] == before["dq_results"]  # the checks of the last rebuild stand
    assert _warning_lines(second) == _warning_lines(first)
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        runs = con.execute("select run_id, count(*) from ingest_log group by 1 order by 1").fetchall()
    assert runs == sorted([(first.run_id, 2), (second.run_id, 2)])
    monkeypatch.undo()

    # a new staged record (or anything else replacing the warehouse) means a full rebuild again
    write_document(inbox / "jiangmen-gxj-2021.json", sample_report(year=2021))
    third = ingest([inbox], settings, parser=JSON_PARSER)
    assert third.published and third.status_counts() == {"loaded": 1, "unchanged": 2}
    assert third.row_counts["dim_report"] == 3 and third.row_counts["ingest_log"] == 7

    settings.warehouse.write_bytes(settings.warehouse.read_bytes())  # replaced behind its back
    assert not buildstate.is_published(settings, buildstate.current(settings, JSON_PARSER.version))
