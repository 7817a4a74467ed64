"""Per-file assets: the inbox file and its parsed (staged) report, one partition per content hash."""

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from jixiao.assets.inbox import InboxFile, find_by_sha256, inbox_label
from jixiao.assets.partitions import report_files
from jixiao.assets.resources import JixiaoSettings
from jixiao.extract import PARSER_VERSION
from jixiao.staging.runner import stage_files
from jixiao.staging.store import StageOutcome, display_name

GROUP = "ingest"


def _locate(context: AssetExecutionContext, jixiao: JixiaoSettings) -> list[InboxFile]:
    settings = jixiao.settings()
    return find_by_sha256(settings.inbox, settings.staging, context.partition_key)


def _missing(sha256: str) -> MaterializeResult:
    return MaterializeResult(
        metadata={
            "status": "missing",
            "sha256": sha256,
            "reason": (
                "No file in the inbox has this content any more; put the file back in the inbox "
                "or delete this report_files partition."
            ),
        }
    )


@asset(partitions_def=report_files, group_name=GROUP)
def report_file(context: AssetExecutionContext, jixiao: JixiaoSettings) -> MaterializeResult:
    """One report file as received in the inbox, keyed by the sha256 of its bytes."""
    copies = _locate(context, jixiao)
    if not copies:
        context.log.warning("report_files partition %s has no file in the inbox", context.partition_key)
        return _missing(context.partition_key)
    first = copies[0]
    return MaterializeResult(
        metadata={
            "status": "present",
            "source_file": display_name(first.path.name),
            "path": MetadataValue.path(str(first.path)),
            "size_bytes": first.size,
            "sha256": first.sha256,
            "copies": len(copies),
        }
    )


# code_version = parser version: a new parser marks every parsed_report stale in the UI, and the
# staging cache (keyed by sha256 + parser version) re-parses exactly then.
@asset(partitions_def=report_files, group_name=GROUP, deps=[report_file], code_version=PARSER_VERSION)
def parsed_report(context: AssetExecutionContext, jixiao: JixiaoSettings) -> MaterializeResult:
    """The report parsed once per content hash and parser version and staged; a bad file is a rejection."""
    copies = _locate(context, jixiao)
    if not copies:
        return _missing(context.partition_key)
    settings = jixiao.settings()
    # stage_files is stage_file on a child process with a hard time limit: a bad, hanging or
    # crashing file becomes a rejection (staged record + ingest log row) and this partition still
    # succeeds, so one bad file never fails the run. Later copies come from the cache (unchanged).
    labels = [inbox_label(settings.inbox, copy.path) for copy in copies]
    outcomes = stage_files([copy.path for copy in copies], settings, context.run_id, labels=labels)
    return MaterializeResult(metadata={**outcome_metadata(outcomes[0]), "copies": len(copies)})


def outcome_metadata(outcome: StageOutcome) -> dict[str, object]:
    """This run's status (loaded, unchanged, rejected), the reason, and a summary of the report."""
    meta: dict[str, object] = {
        "status": outcome.status,
        "parsed_in_this_run": outcome.parsed,
        "source_file": display_name(outcome.path.name),
        "sha256": outcome.sha256 or "",
    }
    if outcome.reason_code:
        meta["reason_code"] = outcome.reason_code
    if outcome.reason:
        meta["reason"] = outcome.reason
    record = outcome.record
    if record is not None:
        meta["parser_version"] = record.parser_version
    if record is not None and record.report is not None:
        report = record.report
        meta["department"] = report.department
        meta["fiscal_year"] = report.fiscal_year
        meta["report_type"] = report.report_type
        meta["indicator_rows"] = len(report.indicators)
        meta["finance_items"] = len(report.finance)
    return meta
