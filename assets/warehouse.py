"""Warehouse assets: the contract tables built into the candidate file, its views, and the publish."""

from collections.abc import Iterator
from pathlib import Path

import duckdb
from dagster import (
    AssetExecutionContext,
    AssetSpec,
    Failure,
    MaterializeResult,
    MetadataValue,
    asset,
    multi_asset,
)

from jixiao.assets import candidates, publish_lock
from jixiao.assets._metadata import PREVIEW_ROWS, frame_metadata
from jixiao.assets.ingest import parsed_report
from jixiao.assets.resources import JixiaoSettings
from jixiao.assets.routing import ONCE_TAGS
from jixiao.assets.staged_inbox import staged_inbox
from jixiao.ingestion.rebuild import ChecksError, rebuild
from jixiao.staging.store import default_parser
from jixiao.warehouse.build import VIEWS, candidate_path
from jixiao.warehouse.normalize import TABLES
from jixiao.warehouse.publish import publish

GROUP = "warehouse"
# With `concurrency: pools: granularity: run` and a limit of 1 (dagster_home/dagster.yaml), a run that
# contains any op of this pool waits in the queue while another such run is in progress: two Dagster
# runs never interleave a build and a publish, whatever the executor (the lock alone cannot span steps
# that run in different processes on Celery).
PUBLISH_POOL = "jixiao_publish"

# The public names of the warehouse contract (version 2, docs/warehouse.md).
CONTRACT_TABLES: tuple[str, ...] = TABLES
CONTRACT_VIEWS: tuple[str, ...] = VIEWS

_TABLE_DESCRIPTIONS: dict[str, str] = {
    "dim_department": "One row per department (full official name) with its region.",
    "dim_report": "One row per ingested report file; is_current marks the latest issue.",
    "dim_indicator": "One row per indicator as it persists across years, with a stable code.",
    "dim_finance_item": "The finance items of the contract (expenditure, 三公, procurement, assets).",
    "fact_indicator": "One row per row of a report's performance-indicator table.",
    "fact_finance": "One row per finance figure of a report, in 万元.",
    "fact_evaluation": "A report's self-evaluation score and grade.",
    "ingest_log": "One row per input file per run: loaded, unchanged, superseded, rejected or quarantined.",
    "dq_results": "Every data-quality expectation evaluated for this build, and the reports it quarantined.",
    "corrections": "Every correction (from the correction files) applied at this build.",
}


@multi_asset(
    name="warehouse_tables",
    group_name=GROUP,
    op_tags=ONCE_TAGS,
    pool=PUBLISH_POOL,
    specs=[
        AssetSpec(table, deps=[parsed_report, staged_inbox], description=_TABLE_DESCRIPTIONS[table])
        for table in CONTRACT_TABLES
    ],
)
def warehouse_tables(context: AssetExecutionContext, jixiao: JixiaoSettings) -> Iterator[MaterializeResult]:
    """Every contract table, rebuilt from all staged reports into the candidate file and checked.

    The same rebuild as ``jixiao ingest`` (``jixiao.ingestion.rebuild``): partitions of departments are
    normalised, appended and validated one at a time, and the GX results stored in dq_results. The
    candidate is kept even when a blocking check fails: the asset checks report it and
    published_warehouse refuses it.
    """
    settings = jixiao.settings()
    # held until published_warehouse has published (or the run ends): one build-and-publish at a
    # time across Dagster runs and the CLI
    publish_lock.hold(context.run_id, settings, context.log.info)
    try:
        swept = candidates.sweep(context.instance, settings.warehouse, context.run_id)
        if swept:
            context.log.info("deleted the candidates of finished runs: %s", ", ".join(swept))
        base = candidates.published_identity(settings.warehouse)
        rebuilt = rebuild(settings, default_parser().version, context.run_id, keep_failed=True)
    except ChecksError as exc:
        publish_lock.release(context.run_id)
        raise Failure(f"{exc} Nothing was built; {settings.warehouse} is unchanged.") from exc
    except BaseException:
        publish_lock.release(context.run_id)
        raise
    if not publish_lock.across_steps():
        publish_lock.release(context.run_id)
    candidate = rebuilt.candidate
    assert candidate is not None  # keep_failed: always finished
    candidates.record_base(candidate, base)
    context.log.info("built candidate warehouse %s (%d partitions)", candidate, rebuilt.partitions)
    with duckdb.connect(str(candidate), read_only=True) as con:
        for table in CONTRACT_TABLES:
            preview = con.execute(f'select * from "{table}" limit {PREVIEW_ROWS}').df()
            meta = frame_metadata(preview, rows=rebuilt.row_counts[table])
            meta["candidate"] = MetadataValue.path(str(candidate))
            yield MaterializeResult(asset_key=table, metadata=meta)


def _count_rows(db: Path, names: tuple[str, ...]) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        present = {
            row[0] for row in con.execute("select table_name from information_schema.tables").fetchall()
        }
        missing = [name for name in names if name not in present]
        if missing:
            raise Failure(
                f"The candidate warehouse {db} lacks {', '.join(missing)}; "
                "rebuild it by materializing the warehouse tables."
            )
        return {name: con.execute(f'select count(*) from "{name}"').fetchone()[0] for name in names}


def _blocking_failures(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select distinct table_name || ': ' || expectation from dq_results "
            "where severity = 'blocking' and not success and quarantined_reports is null order by 1"
        ).fetchall()
    return [row[0] for row in rows]


@asset(group_name=GROUP, deps=list(CONTRACT_TABLES), op_tags=ONCE_TAGS, pool=PUBLISH_POOL)
def warehouse_views(context: AssetExecutionContext, jixiao: JixiaoSettings) -> MaterializeResult:
    """The BI views over current reports (v_department_year, v_indicator_yoy, v_finance_yoy)."""
    candidate = candidate_path(jixiao.settings().warehouse, context.run_id)
    if not candidate.exists():
        raise Failure(f"No candidate warehouse at {candidate}; materialize the warehouse tables first.")
    counts = _count_rows(candidate, CONTRACT_VIEWS)
    return MaterializeResult(metadata={f"rows.{name}": n for name, n in counts.items()})


@asset(group_name=GROUP, deps=[warehouse_views], op_tags=ONCE_TAGS, pool=PUBLISH_POOL)
def published_warehouse(context: AssetExecutionContext, jixiao: JixiaoSettings) -> MaterializeResult:
    """The published warehouse: this run's checked candidate atomically renamed over the previous file."""
    settings = jixiao.settings()
    candidate = candidate_path(settings.warehouse, context.run_id)
    if not candidate.exists():
        raise Failure(f"No candidate warehouse at {candidate}; materialize the warehouse tables first.")
    # Belt and braces beside the blocking asset checks: never publish a candidate whose own
    # dq_results record a blocking failure, whatever subset of the graph was selected.
    failed = _blocking_failures(candidate)
    if failed:
        raise Failure(
            f"{len(failed)} blocking data-quality check(s) failed ({', '.join(failed[:5])}); "
            f"nothing was published and {settings.warehouse} is unchanged. See dq_results in {candidate}."
        )
    publish_lock.hold(context.run_id, settings, context.log.info)  # already held after warehouse_tables
    try:
        publish(candidates.own_candidate(settings.warehouse, context.run_id), settings.warehouse)
        candidates.discard(candidate)  # the sidecar
    finally:
        publish_lock.release(context.run_id)
    context.log.info("published %s", settings.warehouse)
    counts = _count_rows(settings.warehouse, CONTRACT_TABLES + CONTRACT_VIEWS)
    return MaterializeResult(
        metadata={
            "path": MetadataValue.path(str(settings.warehouse)),
            **{f"rows.{name}": n for name, n in counts.items()},
        }
    )
