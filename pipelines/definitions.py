"""The Dagster code location: assembles assets, checks, jobs, schedules, sensors and resources."""

from __future__ import annotations

from dagster import Definitions

from assets.checks import ASSET_CHECKS
from assets.ingest import parsed_report, report_file
from assets.staged_inbox import staged_inbox
from assets.warehouse import published_warehouse, warehouse_tables, warehouse_views
from pipelines.jobs import ingest_job, nightly_job, publish_job
from pipelines.resources import resources
from pipelines.schedules import nightly_schedule
from pipelines.sensors import inbox_sensor

defs = Definitions(
    assets=[report_file, parsed_report, staged_inbox, warehouse_tables, warehouse_views, published_warehouse],
    asset_checks=ASSET_CHECKS,
    jobs=[ingest_job, publish_job, nightly_job],
    schedules=[nightly_schedule],
    sensors=[inbox_sensor],
    resources=resources(),
)
