"""The nightly catch-up: the whole inbox registered as partitions and staged in one step."""

from collections import Counter

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from jixiao.assets.inbox import index_path, scan_inbox
from jixiao.assets.partitions import REPORT_FILES
from jixiao.assets.resources import JixiaoSettings
from jixiao.staging.runner import stage_files


@asset(group_name="ingest")
def staged_inbox(context: AssetExecutionContext, jixiao: JixiaoSettings) -> MaterializeResult:
    """Every inbox file registered as a report_files partition and staged (parsed at most once)."""
    settings = jixiao.settings()
    files = scan_inbox(settings.inbox, index_path(settings.staging))
    known = set(context.instance.get_dynamic_partitions(REPORT_FILES))
    new_keys = sorted({f.sha256 for f in files} - known)
    if new_keys:
        context.instance.add_dynamic_partitions(REPORT_FILES, new_keys)
    # stage_files serves cached contents in this process and parses the rest on settings.workers
    # child processes with a hard time limit; bad files come back as rejected outcomes, never raise.
    outcomes = stage_files([f.path for f in files], settings, context.run_id)
    statuses = Counter(o.status for o in outcomes)
    rejected = [f"- {o.path.name}: {o.reason}" for o in outcomes if o.status == "rejected"]
    return MaterializeResult(
        metadata={
            "files": len(files),
            "new_partitions": len(new_keys),
            **{f"status.{k}": v for k, v in sorted(statuses.items())},
            "rejected": MetadataValue.md("\n".join(rejected) or "(none)"),
        }
    )
