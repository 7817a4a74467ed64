"""The closing summary a run prints: what was loaded, skipped and rejected, and rows per table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.core.contract import INGEST_STATUSES

if TYPE_CHECKING:
    from jixiao.ingestion.ingest import IngestResult

STATUS_ORDER = INGEST_STATUSES


def format_summary(result: IngestResult) -> str:
    """Plain text: the outcome, counts per status, rejected/superseded/quarantined files with reasons,
    corrections, failed checks, rows per table."""
    lines = []
    if result.published:
        lines.append(f"Published {result.warehouse} (run {result.run_id}).")
    else:
        lines.append(f"Nothing published; {result.warehouse} is unchanged (run {result.run_id}).")
    counts = result.status_counts()
    lines.append("This run's inputs:  " + "  ".join(f"{s}: {counts.get(s, 0)}" for s in STATUS_ORDER))
    if result.published and result.reports_after:
        lines.append(_contents(result))
    for status in ("rejected", "superseded"):
        rows = [row for row in result.log_rows if row["status"] == status]
        if rows:
            lines.append(f"{status.capitalize()}:")
            for row in rows:
                code = f"{row['reason_code']}: " if row.get("reason_code") else ""
                name = row.get("source_path") or row["source_file"]
                lines.append(f"  {name} → {code}{row.get('reason') or ''}")
    # Older reports, ingested in earlier runs, that a file of this run supersedes (those among this
    # run's own inputs are already listed above).
    listed = {row["source_file"] for row in result.log_rows if row["status"] == "superseded"}
    replaced = [(older, newer) for older, newer in result.replaced if older not in listed]
    if replaced:
        lines.append("Superseded by a re-issue in this run:")
        for older, newer in replaced:
            lines.append(f"  {older} → superseded by {newer}")
    if result.quarantined:
        # every report held out of this publish, whether or not it was among this run's inputs
        lines.append(f"Quarantined (not published; see `jixiao review`): {len(result.quarantined)}")
        for held in result.quarantined:
            lines.append(f"  {held.source_file} → dq_blocking: {held.reason()}")
    if result.corrections_applied:
        lines.append(f"Corrections applied: {result.corrections_applied}")
    if result.correction_problems:
        lines.append(f"Corrections skipped: {len(result.correction_problems)}")
        for problem in result.correction_problems:
            lines.append(f"  {problem}")
    if result.blocking:
        lines.append("Blocking data-quality failures:")
        for failure in result.blocking:
            lines.append(f"  {_describe(failure)}")
    if result.warnings:
        lines.append(f"Data-quality warnings: {len(result.warnings)}")
        for warning in result.warnings[:10]:
            lines.append(f"  {_describe(warning)}")
    if result.error:
        lines.append(f"Error: {result.error}")
    if result.docs_error:
        lines.append(f"Warning: {result.docs_error}")
    if result.row_counts:
        lines.append("Rows per table:" if result.published else "Rows per table (not published):")
        width = max(len(name) for name in result.row_counts)
        for name, count in result.row_counts.items():
            lines.append(f"  {name.ljust(width)}  {count}")
    return "\n".join(lines)


def _contents(result: IngestResult) -> str:
    """What the published warehouse holds, and which reports this publish added (parsed here or earlier)."""
    total = len(result.reports_after)
    added = result.added_reports()
    text = f"The warehouse now holds {total} report{'s' if total != 1 else ''}"
    if not added:
        return text + " (none added by this publish)."
    earlier = [name for name, parsed_now in added if not parsed_now]
    text += f"; this publish added {len(added)}"
    if earlier:
        text += (
            f", {len(earlier)} of them parsed earlier by another run (e.g. the Dagster inbox sensor): "
            + ", ".join(earlier[:5])
            + (" …" if len(earlier) > 5 else "")
        )
    return text + "."


def _describe(check: object) -> str:
    """One line per failed check: the check's own sentence first, the GX expectation and rows after."""
    from jixiao.quality.catalog import CHECKS_BY_NAME

    table = getattr(check, "table_name", "") or ""
    expectation = getattr(check, "expectation", "") or ""
    spec = CHECKS_BY_NAME.get(getattr(check, "check_name", "") or "")
    sentence = spec.description.rstrip(".") if spec else expectation
    count = getattr(check, "unexpected_count", None)
    details = getattr(check, "details", "") or ""
    where = f"{table}: " if table else ""
    rows = f" ({count} rows)" if count else ""
    technical = f" [{expectation}]" if spec and expectation else ""
    return f"{where}{sentence}{rows}{technical}{' - ' + details if details else ''}"
