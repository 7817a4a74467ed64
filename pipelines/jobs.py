"""The jobs: parse partitions, publish the warehouse, and the nightly catch-up that does both."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job, multiprocess_executor

from assets.ingest import parsed_report, report_file
from assets.partitions import report_files
from assets.staged_inbox import staged_inbox
from assets.warehouse import CONTRACT_TABLES, published_warehouse, warehouse_views

# Parsing is CPU-bound and the target machines have 2 cores.
PARSE_CONCURRENCY = 2

INGEST_SELECTION = AssetSelection.assets(report_file, parsed_report)
# Asset selections carry the checks of their assets, so blocking checks run before the publish.
PUBLISH_SELECTION = AssetSelection.assets(*CONTRACT_TABLES, warehouse_views, published_warehouse)
NIGHTLY_SELECTION = AssetSelection.assets(staged_inbox) | PUBLISH_SELECTION

ingest_job = define_asset_job(
    "ingest_job",
    selection=INGEST_SELECTION,
    partitions_def=report_files,
    executor_def=multiprocess_executor.configured({"max_concurrent": PARSE_CONCURRENCY}),
    description="Record and parse one report file (one report_files partition); a bad file is a rejection.",
)

publish_job = define_asset_job(
    "publish_job",
    selection=PUBLISH_SELECTION,
    description="Rebuild every contract table and view from the staged reports, check them, publish.",
)

nightly_job = define_asset_job(
    "nightly_job",
    selection=NIGHTLY_SELECTION,
    executor_def=multiprocess_executor.configured({"max_concurrent": PARSE_CONCURRENCY}),
    description="Scan the inbox, register and parse new files, then rebuild, check and publish.",
)
