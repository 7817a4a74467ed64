"""GX data-quality asset checks: one per ``quality.CHECKS`` entry, run on the candidate warehouse file."""

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
from jixiao.quality import by_check
from jixiao.quality.catalog import CHECKS
from jixiao.warehouse.build import candidate_path
from jixiao.warehouse.partition import SHARED_TABLES, read_partitions

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
    """GX expectations on the candidate warehouse's contract tables; blocking failures stop the publish."""
    settings = jixiao.settings()
    candidate = candidate_path(settings.warehouse)
    if not candidate.exists():
        raise Failure(f"No candidate warehouse at {candidate}; materialize the warehouse tables first.")
    from jixiao.quality.runner import (  # GX: loaded by the step, not the code location
        CheckSession,
        data_docs_index,
    )

    # one partition of departments at a time, as the rebuild checked it: memory stays bounded
    session = CheckSession(settings, context.run.run_id, shared_suites=SHARED_TABLES)
    for frames in read_partitions(candidate):
        session.validate(frames)
    grouped = by_check(session.results())
    held = _quarantines(candidate)
    docs = data_docs_index(settings)
    for check in CHECKS:
        results = grouped.get(check.name, [])
        failed = [r for r in results if not r.success]
        listing = "\n".join(f"- `{r.expectation}`: {r.details}" for r in failed[:_MAX_LISTED])
        # the reports this check quarantined are out of the candidate: it passes on what is published
        quarantined = held.get(check.name, [])
        reports = sorted({sha for _, shas in quarantined for sha in shas.split(",")})
        held_listing = "\n".join(f"- {details}" for details, _ in quarantined[:_MAX_LISTED])
        yield AssetCheckResult(
            asset_key=check.table,
            check_name=check.name,
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
                "data_docs": MetadataValue.path(str(docs)),
            },
        )


def _quarantines(candidate: Path) -> dict[str, list[tuple[str, str]]]:
    """check name → (details, sha256s) of the reports the rebuild quarantined, from its dq_results."""
    with duckdb.connect(str(candidate), read_only=True) as con:
        rows = con.execute(
            "select check_name, details, quarantined_reports from dq_results "
            "where quarantined_reports is not null order by rowid"
        ).fetchall()
    grouped: dict[str, list[tuple[str, str]]] = {}
    for check, details, shas in rows:
        grouped.setdefault(check, []).append((details, shas))
    return grouped


ASSET_CHECKS = [data_quality]
