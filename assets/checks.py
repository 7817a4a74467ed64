"""GX data-quality asset checks: one per ``quality.CHECKS`` entry, the rebuild's results on the candidate."""

from collections.abc import Iterator
from pathlib import Path

import duckdb
from dagster import (
    AssetCheckExecutionContext,
    AssetCheckResult,
    AssetCheckSeverity,
    AssetCheckSpec,
    Failure,
    MetadataValue,
    multi_asset_check,
)

from jixiao.assets.resources import JixiaoSettings
from jixiao.assets.routing import ONCE_TAGS
from jixiao.quality.catalog import CHECKS
from jixiao.quality.datadocs import data_docs_index
from jixiao.quality.results import DQ_RESULTS_COLUMNS, CheckResult, by_check
from jixiao.warehouse.build import candidate_path

_MAX_LISTED = 10


@multi_asset_check(
    name="data_quality",
    op_tags=ONCE_TAGS,
    specs=[
        AssetCheckSpec(c.name, asset=c.table, description=c.description, blocking=c.severity == "blocking")
        for c in CHECKS
    ],
)
def data_quality(context: AssetCheckExecutionContext, jixiao: JixiaoSettings) -> Iterator[AssetCheckResult]:
    """The GX expectations' results on the candidate warehouse; blocking failures stop the publish.

    ``warehouse_tables`` validated every row of the candidate with the GX suites as it built it (the
    rebuild's checker process) and stored one result per expectation in its dq_results: reported
    here as they are, not computed a second time (a second GX import and validation per publish).
    """
    settings = jixiao.settings()
    candidate = candidate_path(settings.warehouse, context.run.run_id)
    if not candidate.exists():
        raise Failure(f"No candidate warehouse at {candidate}; materialize the warehouse tables first.")
    checked, held = _stored_results(candidate)
    grouped = by_check(checked)
    runs = sorted({r.run_id for r in checked})
    context.log.info("GX results of run %s, as stored in %s", ", ".join(runs) or "(none)", candidate)
    docs = data_docs_index(settings)
    for check in CHECKS:
        results = grouped.get(check.name, [])
        failed = [r for r in results if not r.success]
        listing = "\n".join(f"- `{r.expectation}`: {r.details}" for r in failed[:_MAX_LISTED])
        # the reports this check quarantined are out of the candidate: it passes on what is published
        quarantined = held.get(check.name, [])
        reports = sorted({sha for r in quarantined for sha in (r.quarantined_reports or "").split(",")})
        held_listing = "\n".join(f"- {r.details}" for r in quarantined[:_MAX_LISTED])
        yield AssetCheckResult(
            asset_key=check.table,
            check_name=check.name,
            # no result at all (a candidate whose dq_results lack this check) is a failure, not a pass
            passed=bool(results) and not failed,
            severity=AssetCheckSeverity.ERROR if check.severity == "blocking" else AssetCheckSeverity.WARN,
            description=f"{len(failed)} of {len(results)} expectations failed"
            if failed
            else (f"{len(reports)} report(s) quarantined" if reports else None),
            metadata={
                "expectations": len(results),
                "failed_expectations": len(failed),
                "unexpected_count": sum(r.unexpected_count or 0 for r in failed),
                "failures": MetadataValue.md(listing or "(none)"),
                "quarantined_reports": len(reports),
                "quarantined": MetadataValue.md(held_listing or "(none)"),
                "checked_by_run": ", ".join(runs) or "(none)",
                "data_docs": MetadataValue.path(str(docs)),
            },
        )


def _stored_results(candidate: Path) -> tuple[list[CheckResult], dict[str, list[CheckResult]]]:
    """The candidate's dq_results: the GX results, and check name → the quarantines it recorded."""
    try:
        with duckdb.connect(str(candidate), read_only=True) as con:
            rows = con.execute(
                f"select {', '.join(DQ_RESULTS_COLUMNS)} from dq_results order by rowid"
            ).fetchall()
    except duckdb.Error as exc:
        raise Failure(
            f"The candidate warehouse {candidate} has no readable dq_results ({exc}); "
            "rebuild it by materializing the warehouse tables."
        ) from exc
    results = [CheckResult(**dict(zip(DQ_RESULTS_COLUMNS, row, strict=True))) for row in rows]
    held: dict[str, list[CheckResult]] = {}
    for r in results:
        if r.quarantined_reports:
            held.setdefault(r.check_name, []).append(r)
    return [r for r in results if not r.quarantined_reports], held


ASSET_CHECKS = [data_quality]
