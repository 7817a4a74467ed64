"""Sensors: the inbox (new files become report_files partitions and ingest runs), and CLI publishes.

A publish made by `jixiao ingest` outside Dagster is recorded in the instance by `cli_publish_sensor`
as runless asset materializations and check evaluations, so the UI shows what the warehouse holds
whichever entry point published it.
"""

import hashlib
from pathlib import Path

from dagster import (
    AssetCheckEvaluation,
    AssetCheckSeverity,
    AssetKey,
    AssetMaterialization,
    DefaultSensorStatus,
    MetadataValue,
    RunRequest,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    sensor,
)

from jixiao.assets.inbox import scan_inbox
from jixiao.assets.partitions import REPORT_FILES, report_files
from jixiao.assets.resources import JixiaoSettings
from jixiao.assets.warehouse import CONTRACT_TABLES
from jixiao.pipelines.jobs import ingest_job
from jixiao.quality.catalog import CHECKS
from jixiao.warehouse.published import PublishRecord, read_publish

# The run tag that names a partition's file in the UI's run list (the partition key is its sha256).
SOURCE_FILE_TAG = "jixiao/source_file"


def _display_path(path: Path, inbox: Path) -> str:
    """The file's path under the inbox, printable even when the name is not valid UTF-8."""
    try:
        shown = str(path.relative_to(inbox))
    except ValueError:
        shown = str(path)
    return shown.encode("utf-8", "replace").decode("utf-8")


def _fingerprint(keys: list[str]) -> str:
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()


@sensor(
    job=ingest_job,
    minimum_interval_seconds=30,
    default_status=DefaultSensorStatus.RUNNING,
    description="Watches the inbox: each new file content becomes a report_files partition and a run.",
)
def inbox_sensor(context: SensorEvaluationContext, jixiao: JixiaoSettings) -> SensorResult | SkipReason:
    """Register new inbox files as partitions and request one ingest run each (run_key = sha256)."""
    settings = jixiao.settings()
    # The index keeps an unchanged inbox to one stat per file; only new or modified files are hashed.
    files = scan_inbox(settings.inbox, settings.staging)
    keys = sorted({f.sha256 for f in files})
    names: dict[str, str] = {}
    for f in sorted(files, key=lambda f: str(f.path)):  # the first path of each content names its run
        names.setdefault(f.sha256, _display_path(f.path, settings.inbox))
    cursor = _fingerprint(keys)
    if context.cursor == cursor:
        return SkipReason(f"The inbox is unchanged ({len(keys)} distinct files).")
    known = set(context.instance.get_dynamic_partitions(REPORT_FILES))
    new = [key for key in keys if key not in known]
    return SensorResult(
        run_requests=[
            RunRequest(run_key=key, partition_key=key, tags={SOURCE_FILE_TAG: names[key]}) for key in new
        ],
        dynamic_partitions_requests=[report_files.build_add_request(new)] if new else [],
        cursor=cursor,
    )


@sensor(
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.RUNNING,
    description="Records in Dagster each publish made by `jixiao ingest` outside Dagster "
    "(runless materializations of the tables and the check results of that publish).",
)
def cli_publish_sensor(context: SensorEvaluationContext, jixiao: JixiaoSettings) -> SensorResult | SkipReason:
    """Mirror a CLI publish of the warehouse into this instance, so the UI shows what the warehouse holds."""
    warehouse = jixiao.settings().warehouse
    record = read_publish(warehouse, CONTRACT_TABLES)
    if record is None:
        return SkipReason(f"No published warehouse at {warehouse} yet.")
    if context.cursor == record.run_id:
        return SkipReason(f"The warehouse is still the one published by run {record.run_id}.")
    if context.instance.get_run_by_id(record.run_id) is not None:
        # Published by a Dagster run: its own materializations and check results are already recorded.
        return SensorResult(cursor=record.run_id)
    return SensorResult(asset_events=cli_publish_events(record, warehouse), cursor=record.run_id)


def cli_publish_events(
    record: PublishRecord, warehouse: Path
) -> list[AssetMaterialization | AssetCheckEvaluation]:
    """Runless events for a publish by ``jixiao ingest``: each table, the published file, each check."""
    source = {
        "published_by": "jixiao ingest (command line)",
        "jixiao_run_id": record.run_id,
        "warehouse": MetadataValue.path(str(warehouse)),
    }
    if record.checked_at is not None:
        source["checked_at"] = MetadataValue.text(f"{record.checked_at:%Y-%m-%d %H:%M:%S} UTC")
    events: list[AssetMaterialization | AssetCheckEvaluation] = [
        AssetMaterialization(asset_key=table, metadata={**source, "dagster/row_count": count})
        for table, count in record.row_counts.items()
    ]
    events.append(AssetMaterialization(asset_key="published_warehouse", metadata=source))
    specs = {spec.name: spec for spec in CHECKS}
    for check in record.checks:
        spec = specs.get(check.name)
        if spec is None:  # a check of an older catalogue: not defined in this code location
            continue
        events.append(
            AssetCheckEvaluation(
                asset_key=AssetKey(spec.table),
                check_name=check.name,
                passed=check.success,
                severity=AssetCheckSeverity.ERROR if spec.severity == "blocking" else AssetCheckSeverity.WARN,
                metadata={
                    **source,
                    "expectations": check.expectations,
                    "failed_expectations": check.failed,
                },
            )
        )
    return events
