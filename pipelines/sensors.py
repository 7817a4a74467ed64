"""The inbox sensor: new files (by content hash) become report_files partitions and ingest runs."""

import hashlib

from dagster import (
    DefaultSensorStatus,
    RunRequest,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    sensor,
)

from jixiao.assets.inbox import index_path, scan_inbox
from jixiao.assets.partitions import REPORT_FILES, report_files
from jixiao.assets.resources import JixiaoSettings
from jixiao.pipelines.jobs import ingest_job


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
    keys = sorted({f.sha256 for f in scan_inbox(settings.inbox, index_path(settings.staging))})
    cursor = _fingerprint(keys)
    if context.cursor == cursor:
        return SkipReason(f"The inbox is unchanged ({len(keys)} distinct files).")
    known = set(context.instance.get_dynamic_partitions(REPORT_FILES))
    new = [key for key in keys if key not in known]
    return SensorResult(
        run_requests=[RunRequest(run_key=key, partition_key=key) for key in new],
        dynamic_partitions_requests=[report_files.build_add_request(new)] if new else [],
        cursor=cursor,
    )
