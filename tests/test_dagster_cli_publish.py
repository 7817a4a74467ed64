"""A publish by `jixiao ingest` shows in Dagster: the sensor records it as runless asset events."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from dagster import (
    AssetCheckEvaluation,
    AssetKey,
    AssetMaterialization,
    DagsterInstance,
    SensorResult,
    SkipReason,
    build_sensor_context,
    instance_for_test,
)

from jixiao.assets.resources import JixiaoSettings
from jixiao.pipelines.definitions import defs
from jixiao.pipelines.sensors import cli_publish_sensor
from jixiao.quality.catalog import CHECKS

pytest_plugins = ["conftest_bi"]


@pytest.fixture()
def instance() -> DagsterInstance:
    with instance_for_test() as inst:
        yield inst


def _settings(tmp_path: Path, warehouse: Path) -> JixiaoSettings:
    return JixiaoSettings(home=str(tmp_path), staging=str(tmp_path / "staging"), warehouse=str(warehouse))


def _tick(
    instance: DagsterInstance, settings: JixiaoSettings, cursor: str | None
) -> SensorResult | SkipReason:
    context = build_sensor_context(
        instance=instance, cursor=cursor, resources={"jixiao": settings}, definitions=defs
    )
    return cli_publish_sensor(context)


def test_a_cli_publish_becomes_materializations_and_check_results(
    instance: DagsterInstance, sample_warehouse: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "j.duckdb"
    shutil.copyfile(sample_warehouse, warehouse)
    settings = _settings(tmp_path, warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        run_id = con.execute("select any_value(run_id) from dq_results").fetchone()[0]
        reports = con.execute("select count(*) from dim_report").fetchone()[0]

    result = _tick(instance, settings, None)

    assert isinstance(result, SensorResult) and result.cursor == run_id
    materialized = {
        e.asset_key.to_user_string(): e for e in result.asset_events if isinstance(e, AssetMaterialization)
    }
    assert {"dim_report", "fact_indicator", "ingest_log", "published_warehouse"} <= set(materialized)
    assert materialized["dim_report"].metadata["dagster/row_count"].value == reports
    assert materialized["dim_report"].metadata["jixiao_run_id"].value == run_id
    checks = [e for e in result.asset_events if isinstance(e, AssetCheckEvaluation)]
    assert {c.check_name for c in checks} == {c.name for c in CHECKS}
    assert all(
        c.passed for c in checks if c.severity.value == "ERROR"
    )  # the samples pass their blocking checks

    # the daemon hands them to the instance: the UI then shows the tables as materialized
    for event in result.asset_events:
        instance.report_runless_asset_event(event)
    latest = instance.get_latest_materialization_event(AssetKey("fact_indicator"))
    assert latest is not None and latest.asset_materialization.metadata["jixiao_run_id"].value == run_id

    again = _tick(instance, settings, result.cursor)
    assert isinstance(again, SkipReason) and run_id in again.skip_message


def test_no_warehouse_yet_is_a_skip_with_a_reason(instance: DagsterInstance, tmp_path: Path) -> None:
    result = _tick(instance, _settings(tmp_path, tmp_path / "none.duckdb"), None)
    assert isinstance(result, SkipReason) and "No published warehouse" in result.skip_message
