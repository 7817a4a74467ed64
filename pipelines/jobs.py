"""The jobs: parse partitions, publish the warehouse, and the nightly catch-up that does both."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job

from jixiao.assets.ingest import parsed_report, report_file
from jixiao.assets.partitions import report_files
from jixiao.assets.staged_inbox import staged_inbox
from jixiao.assets.warehouse import CONTRACT_TABLES, published_warehouse, warehouse_views
from jixiao.pipelines.executor import executor_from_env, nightly_config

# On one host the jobs run their steps in the run's own process: the steps of a run are sequential
# anyway, and a step process per asset would load the whole code location (GX included) again for each
# step. Parsing still uses both cores: jixiao.staging.runner parses on `settings.workers` child processes
# with a hard time limit, and dagster.yaml lets two sensor-requested ingest runs go at once. With
# JIXIAO_EXECUTOR=celery every step goes to a Celery worker instead (jixiao.pipelines.executor).
EXECUTOR = executor_from_env()
INGEST_SELECTION = AssetSelection.assets(report_file, parsed_report)
# Asset selections carry the checks of their assets, so blocking checks run before the publish.
PUBLISH_SELECTION = AssetSelection.assets(*CONTRACT_TABLES, warehouse_views, published_warehouse)
NIGHTLY_SELECTION = AssetSelection.assets(staged_inbox) | PUBLISH_SELECTION

ingest_job = define_asset_job(
    "ingest_job",
    selection=INGEST_SELECTION,
    partitions_def=report_files,
    executor_def=EXECUTOR,
    description="Record and parse one report file (one report_files partition); a bad file is a rejection.",
)

publish_job = define_asset_job(
    "publish_job",
    selection=PUBLISH_SELECTION,
    executor_def=EXECUTOR,
    description="Rebuild every contract table and view from the staged reports, check them, publish.",
)

nightly_job = define_asset_job(
    "nightly_job",
    selection=NIGHTLY_SELECTION,
    executor_def=EXECUTOR,
    config=nightly_config(),
    description="Scan the inbox, register and parse new files, then rebuild, check and publish.",
)
