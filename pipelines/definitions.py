"""The Dagster code location: assembles assets, checks, jobs, schedules, sensors and resources."""

from __future__ import annotations

from dagster import Definitions

from jixiao.assets.checks import ASSET_CHECKS
from jixiao.assets.ingest import parsed_report, report_file
from jixiao.assets.resources import resources
from jixiao.assets.staged_inbox import staged_inbox
from jixiao.assets.warehouse import published_warehouse, warehouse_tables, warehouse_views
from jixiao.pipelines.executor import executor_resources
from jixiao.pipelines.jobs import ingest_job, nightly_job, publish_job
from jixiao.pipelines.schedules import nightly_schedule
from jixiao.pipelines.sensors import cli_publish_sensor, inbox_sensor

defs = Definitions(
    assets=[report_file, parsed_report, staged_inbox, warehouse_tables, warehouse_views, published_warehouse],
    asset_checks=ASSET_CHECKS,
    jobs=[ingest_job, publish_job, nightly_job],
    schedules=[nightly_schedule],
    sensors=[inbox_sensor, cli_publish_sensor],
    resources={**resources(), **executor_resources()},
)
