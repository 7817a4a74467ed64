"""The operations tables' suites (ingest_log, corrections) on real ingests: validated once per publish,
on the whole table, as dq_results rows beside the star tables' ones.

A clean ingest of a real report, rejected files and a correction file passes every new expectation;
an ingest_log row written the way a buggy writer would write it fails the right one, as a warning
that names the row, and the run still publishes.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from test_warehouse_sample import JSON_PARSER, make_settings, sample_report, write_document

from jixiao.cli.app import main
from jixiao.ingestion import rebuild as rebuild_module
from jixiao.ingestion.ingest import ingest
from jixiao.quality.catalog import CHECKS
from jixiao.quality.contract import WHOLE_TABLES
from jixiao.warehouse import ingestlog

ROOT = Path(__file__).resolve().parents[1]
LOG_CHECKS = {c.name for c in CHECKS if c.table in WHOLE_TABLES}
SUITES = ("ingest_log", "corrections", "corrections_source_known")


def _dq(warehouse: Path) -> list[tuple[str, str, str, str, bool, str]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select suite, check_name, expectation, severity, success, details from dq_results "
            f"where suite in {SUITES!r} order by rowid"
        ).fetchall()


@pytest.mark.slow
def test_a_real_ingest_validates_its_log_and_corrections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "data"))
    warehouse = tmp_path / "data" / "jixiao.duckdb"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    report = shutil.copy(ROOT / "samples" / "reports" / "jiangmen-gxj-2021.pdf", inbox)
    for bad in ("random-bytes.pdf", "error-page-404.pdf", "jiangmen-gxj-2023.txt"):
        shutil.copy(ROOT / "tests" / "fixtures" / "bad" / bad, inbox)
    sha = hashlib.sha256(Path(report).read_bytes()).hexdigest()
    fixes = tmp_path / "data" / "corrections"
    fixes.mkdir(parents=True)
    (fixes / "gxj-2021.yaml").write_text(
        f"source_sha256: {sha}\nreason: a reviewer's check\nset:\n  grade: 优\n", encoding="utf-8"
    )

    assert main(["ingest", str(inbox), "--warehouse", str(warehouse), "--no-progress"]) == 0
    capsys.readouterr()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        statuses = con.execute("select status, reason_code from ingest_log order by all").fetchall()
        applied = con.execute("select field, new_value from corrections").fetchall()
    # the suites had rows of each kind to judge: loaded, rejected (with codes), a correction
    assert statuses == [
        ("loaded", None),
        ("rejected", "corrupt"),
        ("rejected", "not_a_report"),
        ("rejected", "unsupported_format"),
    ]
    assert applied == [("grade", "优")]
    dq = _dq(warehouse)
    assert {"ingest_log_status", "ingest_log_reason_code", "corrections_field"} < LOG_CHECKS
    assert {check for _, check, *_ in dq} == LOG_CHECKS
    assert {suite for suite, *_ in dq} == set(SUITES)
    failed = [row for row in dq if not row[4]]
    assert failed == []


def _corrupt_one_status(monkeypatch: pytest.MonkeyPatch, status: str) -> None:
    """Make the rebuild's ingest_log writer write ``status`` into its first row, as a buggy writer would."""
    real = rebuild_module.ingest_log_frame

    def buggy(*args: object, **kwargs: object):
        frame = real(*args, **kwargs)
        frame.loc[frame.index[0], "status"] = status
        return frame

    monkeypatch.setattr(rebuild_module, "ingest_log_frame", buggy)


def test_a_status_outside_the_vocabulary_is_a_warning_naming_the_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path)
    inbox = tmp_path / "inbox"
    write_document(inbox / "gxj-2023.json", sample_report(year=2023))
    _corrupt_one_status(monkeypatch, "imported")

    result = ingest([inbox], settings, parser=JSON_PARSER)

    # a log row never quarantines a report nor stops the publish: the report is published
    assert result.published and result.error is None and result.quarantined == []
    assert result.blocking == []
    [warning] = result.warnings
    assert (warning.check_name, warning.table_name, warning.severity) == (
        "ingest_log_status",
        "ingest_log",
        "warning",
    )
    assert warning.expectation == "expect_column_values_to_be_in_set(status)"
    assert warning.details.startswith("1 of 1 rows: status=imported run_id=")
    assert "source_file=gxj-2023.json" in warning.details
    assert [(r[1], r[2]) for r in _dq(settings.warehouse) if not r[4]] == [
        ("ingest_log_status", "expect_column_values_to_be_in_set(status)")
    ]
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        assert con.execute("select count(*) from dim_report").fetchone() == (1,)


def test_rows_a_no_op_run_appended_are_validated_by_the_next_publish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A no-op run appends its ingest_log rows without the checker (no GX, no pandas): the next
    publish's run of the suites, on the whole table, is what validates them."""
    settings = make_settings(tmp_path)
    inbox = tmp_path / "inbox"
    write_document(inbox / "gxj-2023.json", sample_report(year=2023))
    assert ingest([inbox], settings, parser=JSON_PARSER).published
    real = ingestlog.resolve_rows

    def buggy(*args: object, **kwargs: object) -> list[tuple[object, ...]]:
        status = ingestlog.LOG_COLUMNS.index("status")
        return [(*row[:status], "imported", *row[status + 1 :]) for row in real(*args, **kwargs)]

    with monkeypatch.context() as patched:
        patched.setattr(ingestlog, "resolve_rows", buggy)
        noop = ingest([inbox], settings, parser=JSON_PARSER)
    assert noop.published and noop.row_counts["dim_report"] == 1 and noop.warnings == []
    # what the no-op run appended was not checked: dq_results are still the first publish's
    assert [r for r in _dq(settings.warehouse) if not r[4]] == []

    # another department's report: the incremental publish keeps gxj's log rows as published
    other = sample_report(department="江门市科学技术局", source_file="kjj-2023.json")
    write_document(inbox / "kjj-2023.json", other)
    published = ingest([inbox], settings, parser=JSON_PARSER)
    assert published.published and published.incremental
    [warning] = published.warnings
    assert (warning.check_name, warning.unexpected_count) == ("ingest_log_status", 1)
    assert f"status=imported run_id={noop.run_id} source_file=gxj-2023.json" in warning.details


def test_the_keys_check_reads_the_writers_row_identity() -> None:
    """ingest_log_keys is unique on what the writers deduplicate by (``ingestlog.log_row_key``)."""
    from jixiao.quality.contract import GRAIN

    row = {
        "run_id": "r",
        "source_file": "a.pdf",
        "source_sha256": "ab" * 32,
        "status": "loaded",
        "ingested_at": datetime(2026, 1, 1, 8, 0),
    }
    assert GRAIN["ingest_log"] == ingestlog.LOG_KEY_COLUMNS
    assert ingestlog.log_row_key(row) == tuple(row[c] for c in ingestlog.LOG_KEY_COLUMNS)
