"""Tier 3: the whole asset graph materialized in process on a temp inbox and a temp warehouse."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from dagster import (
    AssetCheckSeverity,
    AssetKey,
    DagsterInstance,
    Definitions,
    define_asset_job,
    instance_for_test,
    materialize,
)

from jixiao.assets.inbox import scan_inbox
from jixiao.assets.ingest import parsed_report, report_file
from jixiao.assets.partitions import REPORT_FILES
from jixiao.assets.resources import JixiaoSettings
from jixiao.assets.staged_inbox import staged_inbox
from jixiao.assets.warehouse import (
    CONTRACT_TABLES,
    CONTRACT_VIEWS,
    published_warehouse,
    warehouse_tables,
    warehouse_views,
)
from jixiao.pipelines.definitions import ASSET_CHECKS
from jixiao.pipelines.jobs import INGEST_SELECTION, NIGHTLY_SELECTION, PUBLISH_SELECTION
from jixiao.quality import CHECKS
from jixiao.warehouse.build import candidate_path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(Path(os.environ.get("JIXIAO_SAMPLES_DIR", ROOT / "samples" / "reports")).glob("*.pdf"))
ALL_ASSETS = [
    report_file,
    parsed_report,
    staged_inbox,
    warehouse_tables,
    warehouse_views,
    published_warehouse,
    *ASSET_CHECKS,
]
FACT_QUERIES = {
    "fact_indicator": "select * from fact_indicator order by report_key, row_no",
    "fact_finance": "select * from fact_finance order by report_key, item_key",
    "fact_evaluation": "select * from fact_evaluation order by report_key",
    "dim_report": "select * exclude (ingested_at) from dim_report order by report_key",
}

# Bad input that really turns up in a report folder, under awkward names.
BAD_FILES = {
    "下载失败 $(id) & 'x'.pdf": b"<html><body>404 Not Found</body></html>",
    "空文件 .pdf": b"",
}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SAMPLES, reason="samples/reports/*.pdf not generated yet (fixture engineer)"),
]


@pytest.fixture()
def settings(tmp_path: Path) -> JixiaoSettings:
    inbox = tmp_path / "inbox 收件箱"
    inbox.mkdir()
    for sample in SAMPLES:
        shutil.copy2(sample, inbox / sample.name)
    for name, data in BAD_FILES.items():
        (inbox / name).write_bytes(data)
    resource = JixiaoSettings(
        home=str(tmp_path),
        inbox=str(inbox),
        staging=str(tmp_path / "staging"),
        warehouse=str(tmp_path / "wh" / "jixiao.duckdb"),
        workers=2,
    )
    (tmp_path / "wh").mkdir()
    return resource


def _ingest_partitions(
    instance: DagsterInstance, settings: JixiaoSettings, names: list[str] | None = None
) -> dict[str, dict]:
    """What the sensor + ingest_job do: one partition run per distinct content; metadata by file name."""
    files = scan_inbox(Path(settings.inbox), Path(settings.staging))
    keys = sorted({f.sha256 for f in files if names is None or f.path.name in names})
    instance.add_dynamic_partitions(REPORT_FILES, keys)
    seen: dict[str, dict] = {}
    for key in keys:
        result = materialize(
            ALL_ASSETS,
            selection=INGEST_SELECTION,
            partition_key=key,
            instance=instance,
            resources={"jixiao": settings},
        )
        assert result.success
        meta = result.asset_materializations_for_node("parsed_report")[0].metadata
        seen[meta["source_file"].value] = {k: v.value for k, v in meta.items()}
    return seen


def _publish(instance: DagsterInstance, settings: JixiaoSettings, selection) -> None:
    result = materialize(ALL_ASSETS, selection=selection, instance=instance, resources={"jixiao": settings})
    assert result.success
    evaluations = result.get_asset_check_evaluations()
    assert len(evaluations) == len(CHECKS)
    for check in evaluations:
        if check.severity == AssetCheckSeverity.ERROR:
            assert check.passed, f"blocking check {check.check_name} failed: {check.metadata}"


def _corrupt_one_staged_score(staging: Path) -> None:
    """Simulate a parser bug that slipped through: a self-score of 150 in one staged record."""
    for path in sorted((staging / "parsed").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["status"] == "parsed":
            data["report"]["evaluation"]["self_score"] = 150.0
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            return
    raise AssertionError("no parsed record to corrupt")


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in FACT_QUERIES.items()}


def test_whole_graph_builds_every_table_and_view_and_rerun_changes_nothing(settings: JixiaoSettings) -> None:
    warehouse = Path(settings.warehouse)
    with instance_for_test() as instance:
        first = _ingest_partitions(instance, settings)
        for sample in SAMPLES:
            assert first[sample.name]["status"] == "loaded", first[sample.name]
            assert first[sample.name]["parsed_in_this_run"] is True
        for name in BAD_FILES:
            assert first[name]["status"] == "rejected"
            assert first[name]["reason_code"] in ("corrupt", "unsupported_format", "not_a_report")
            assert first[name]["reason"].endswith(".")

        _publish(instance, settings, PUBLISH_SELECTION)
        assert warehouse.exists()
        with duckdb.connect(str(warehouse), read_only=True) as con:
            names = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
            assert set(CONTRACT_TABLES) | set(CONTRACT_VIEWS) <= names
            assert con.execute("select count(*) from dim_report").fetchone()[0] == len(SAMPLES)
            assert con.execute("select count(*) from fact_indicator").fetchone()[0] > 0
            assert con.execute("select count(*) from v_department_year").fetchone()[0] > 0
            rejected = con.execute(
                "select source_file from ingest_log where status = 'rejected' order by 1"
            ).fetchall()
            assert sorted(r[0] for r in rejected) == sorted(BAD_FILES)
            assert con.execute("select count(*) from dq_results").fetchone()[0] > 0
        before = _snapshot(warehouse)
        parsed = sorted((Path(settings.staging) / "parsed").glob("*.json"))
        mtimes = {p: p.stat().st_mtime_ns for p in parsed}
        assert len(parsed) == len(SAMPLES) + len(BAD_FILES)

        # The nightly path over the same inbox: registers nothing new and parses nothing.
        _publish(instance, settings, NIGHTLY_SELECTION)
        nightly = instance.get_latest_materialization_event(AssetKey("staged_inbox"))
        meta = nightly.asset_materialization.metadata
        assert meta["new_partitions"].value == 0
        assert meta["status.unchanged"].value == len(SAMPLES)
        assert "status.loaded" not in meta

        assert _snapshot(warehouse) == before
        assert not list(warehouse.parent.glob(f"{warehouse.name}.next*"))

        # And the sensor path again (one good file, one bad, to keep the test short): served from the cache.
        again = _ingest_partitions(instance, settings, [SAMPLES[0].name, next(iter(BAD_FILES))])
        assert len(again) == 2
        assert {name: m["parsed_in_this_run"] for name, m in again.items()} == dict.fromkeys(again, False)
        assert again[SAMPLES[0].name]["status"] == "unchanged"
        assert {p: p.stat().st_mtime_ns for p in parsed} == mtimes

        # A parser slip in one staged record (a self-score of 150).
        _corrupt_one_staged_score(Path(settings.staging))
        held = materialize(
            ALL_ASSETS,
            selection=PUBLISH_SELECTION,
            instance=instance,
            resources={"jixiao": settings},
            raise_on_error=False,
        )
        # A report whose own rows fail a blocking check is quarantined; the rest publishes and the
        # asset check names the quarantine in its metadata.
        assert held.success
        [score] = [
            c for c in held.get_asset_check_evaluations() if c.check_name == "fact_evaluation_self_score"
        ]
        assert score.passed and score.metadata["quarantined_reports"].value == 1
        assert "self_score 150" in score.metadata["quarantined"].value
        with duckdb.connect(str(warehouse), read_only=True) as con:
            assert con.execute("select count(*) from dim_report").fetchone()[0] == len(SAMPLES) - 1
            statuses = con.execute(
                "select count(distinct source_sha256) from ingest_log where status = 'quarantined'"
            ).fetchone()
            assert statuses == (1,)
        published = warehouse.read_bytes()

        # A warehouse-wide blocking failure in a candidate's dq_results: publishing it alone is refused.
        tables = materialize(
            ALL_ASSETS, selection=list(CONTRACT_TABLES), instance=instance, resources={"jixiao": settings}
        )
        with duckdb.connect(str(candidate_path(warehouse, tables.run_id))) as con:
            con.execute(
                "insert into dq_results (run_id, suite, expectation, table_name, severity, success, details, "
                "check_name) values ('x', 'dim_report', 'expect_column_values_to_be_unique(report_key)', "
                "'dim_report', 'blocking', false, '2 rows', 'dim_report_keys')"
            )
        # the same run's publish step alone (on an instance of its own: a run id is used once per instance)
        alone = (
            Definitions(
                assets=ALL_ASSETS,
                jobs=[define_asset_job("publish_alone", selection=[published_warehouse])],
                resources={"jixiao": settings},
            )
            .resolve_job_def("publish_alone")
            .execute_in_process(run_id=tables.run_id, raise_on_error=False)
        )
        assert not alone.success
        [failure] = alone.get_step_failure_events()
        assert "blocking data-quality check(s) failed" in failure.step_failure_data.error.message
        assert warehouse.read_bytes() == published
