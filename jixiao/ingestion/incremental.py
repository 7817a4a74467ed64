"""Incremental publish: the published warehouse, with only the departments whose rows can have changed
built again.

Everything relating two reports stays inside one department (``jixiao.warehouse.partition``), so a
department's rows depend only on its own records and corrections. Compared with the basis of the
published warehouse (``jixiao.ingestion.basis``), a department is *changed* when one of its reports
is new, gone, moved (a corrected department: the old and the new one), its record file changed, or it
has a correction file, a quarantine or a retraction (those are decided again on every publish, as a
full rebuild does). The candidate is a copy of the published file whose changed departments' rows are
deleted and built again from the staging, exactly as a rebuild builds them (``rebuild.PartitionBuild``);
the ingest_log rows that can have changed are redone (``jixiao.ingestion.logupdate``), the marts'
rows of the changed departments computed again (``Candidate.finish``), corrections recomputed whole.

The checks use the partitions a full rebuild would use. dq_results are a fold of each partition's
outcomes in order (``CheckSession.reuse``), and the basis keeps each partition's outcomes: a partition
with the same reports and no changed department has the same frames, so its kept outcomes are merged
as they are; the others are read back from the candidate and validated. dq_results are therefore a
full rebuild's; the Data Docs show the partitions validated in this run.
No basis, other code or settings, an unreadable published warehouse: the full rebuild.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from jixiao.core.faults import crash_point
from jixiao.core.settings import Settings
from jixiao.ingestion import basis as basis_file
from jixiao.ingestion.basis import Basis, partition_digest
from jixiao.ingestion.logupdate import update_ingest_log
from jixiao.ingestion.quarantine import Corrections
from jixiao.ingestion.rebuild import PartitionBuild, Rebuilt, _checks_running, rebuild, start_checker
from jixiao.quality.worker import CheckWorker
from jixiao.staging import store as staging
from jixiao.warehouse import partition
from jixiao.warehouse.build import Candidate, build_memory_mb
from jixiao.warehouse.carry import CarryError, published_departments
from jixiao.warehouse.ingestlog import NEWER_FILE_SQL
from jixiao.warehouse.keys import department_key
from jixiao.warehouse.normalize import COLUMNS
from jixiao.warehouse.partition import PARTITION_REPORTS, PARTITIONED_TABLES, SHARED_TABLES, partitions

# Row order of each table as ``normalize.to_frames`` makes it (rows of one report are inserted
# together, so rowid keeps their order): the checks see the frames a full rebuild would hand them.
_FRAME_ORDER: dict[str, str] = {
    "dim_department": "department_name",
    "dim_report": "report_key",
    "dim_indicator": "indicator_code",
    "fact_indicator": "report_key, rowid",
    "fact_finance": "report_key, rowid",
    "fact_evaluation": "report_key, rowid",
}


@dataclass
class Plan:
    """What an incremental publish rebuilds: ``changed`` departments (names) of ``departments``."""

    departments: dict[str, str]  # sha256 → department, as a full rebuild groups them (corrected)
    carried: dict[str, str]  # published reports the staging lacks (``jixiao.warehouse.carry``)
    fixes: Corrections
    changed: set[str]
    affected: set[str]  # reports whose ingest_log rows can differ from the published ones (``logupdate``)
    basis: Basis
    checks: dict[str, list[dict[str, Any]]]  # the published warehouse's check outcomes per partition


def plan(settings: Settings, parser_version: str) -> Plan | None:
    """The changed departments since the published warehouse, or None when only a full rebuild is
    provably the same (no basis that still holds, or an unreadable published warehouse)."""
    old = basis_file.load(settings, parser_version)
    if old is None:
        return None
    identities = basis_file.snapshot(settings)
    departments: dict[str, str] = {}
    staged: set[str] = set()
    touched: set[str] = set(old.records) - set(identities)  # record files gone: carried now
    for sha, identity in identities.items():
        entry = old.records.get(sha)
        if entry is not None and entry[:3] == identity:
            held = entry[3]
        else:
            touched.add(sha)
            held = staging.record_department(sha, settings, parser_version)
        if held is not None:
            staged.add(sha)
        if held:
            departments[sha] = held
    new_basis = Basis.of_build(settings, parser_version, identities, departments, staged)
    try:
        published = published_departments(settings.warehouse)
    except CarryError:
        return None
    carried = {s: d for s, d in published.items() if s not in staged}
    departments.update(carried)
    fixes = Corrections.load(settings, set(departments))
    departments = fixes.departments(departments)
    touched |= set(fixes.by_sha)  # corrected, moved or retracted: decided again, like quarantines
    touched |= {s for s, d in departments.items() if published.get(s) != d}  # new, moved, held out
    touched |= set(published) - set(departments)  # published, but no parsed record nor carried now
    changed = {departments[s] for s in touched if s in departments}
    changed |= {published[s] for s in touched if s in published}
    affected = touched | {s for s, d in (*departments.items(), *published.items()) if d in changed}
    return Plan(departments, carried, fixes, changed, affected, new_basis, old.checks)


def build(
    settings: Settings,
    parser_version: str,
    run_id: str,
    *,
    loaded: Collection[str] = (),
    full: bool = False,
    on_step: Callable[[str], None] | None = None,
    checker: CheckWorker | None = None,
) -> Rebuilt:
    """An incremental publish's candidate when one is provably a full rebuild's, else the full rebuild
    (always with ``full``). See :func:`rebuild` for what is returned and raised, and for ``checker``."""
    step = on_step or (lambda _text: None)
    size = partition.PARTITION_REPORTS  # read now: tests make partitions small
    found = None if full else plan(settings, parser_version)
    if found is None:
        if not full:
            step("full rebuild: the published warehouse has no basis this run can build on")
        return rebuild(
            settings,
            parser_version,
            run_id,
            loaded=loaded,
            partition_reports=size,
            on_step=on_step,
            checker=checker,
        )
    return rebuild_changed(
        settings,
        parser_version,
        run_id,
        found,
        loaded=loaded,
        partition_reports=size,
        on_step=step,
        checker=checker,
    )


def rebuild_changed(
    settings: Settings,
    parser_version: str,
    run_id: str,
    changes: Plan,
    *,
    loaded: Collection[str] = (),
    keep_failed: bool = False,
    partition_reports: int = PARTITION_REPORTS,
    on_step: Callable[[str], None] | None = None,
    checker: CheckWorker | None = None,
) -> Rebuilt:
    """The published warehouse with the ``changes`` departments built again, checked and finished
    (as :func:`jixiao.ingestion.rebuild.rebuild`, whose result it equals, ``checker`` included)."""
    step = on_step or (lambda _text: None)
    crash_point("ingest.before_build")  # fault injection (tests only)
    departments = changes.departments
    parts = partitions(departments, partition_reports) or [[]]
    memory_mb = build_memory_mb(len(departments), settings.duckdb_memory_mb)
    with (
        Candidate(settings.warehouse, memory_mb, run_id, from_published=True) as candidate,
        contextlib.nullcontext(checker) if checker else start_checker(settings, run_id) as checker,
    ):
        build = PartitionBuild(
            settings, parser_version, run_id, candidate, checker, changes.fixes, changes.carried, loaded
        )
        mine = [s for s in departments if departments[s] in changes.changed]
        step(f"incremental: {len(changes.changed)} department(s) changed, {len(mine)} report(s) built again")
        candidate.delete_departments([department_key(n) for n in changes.changed], PARTITIONED_TABLES)
        for shas in parts:  # a full rebuild's partitions and order: quarantines come out in its order
            todo = [s for s in shas if departments[s] in changes.changed]
            if todo:
                build.add(todo, PARTITIONED_TABLES)
        newer_file = dict(candidate.query(NEWER_FILE_SQL).itertuples(index=False, name=None))
        log = update_ingest_log(candidate, settings, run_id, changes.affected, newer_file, build.held_log())
        run_log = log.to_dict("records")
        checked = 0
        for i, shas in enumerate(parts):
            kept = changes.checks.get(partition_digest(shas, i == 0))
            with _checks_running():
                if kept is not None and not any(departments[s] in changes.changed for s in shas):
                    checker.reuse(kept)  # the same frames as when they were checked
                    continue
                checked += 1
                step(f"check partition {i + 1}/{len(parts)} ({len(shas)} reports)")
                keys = sorted({department_key(departments[s]) for s in shas})
                checker.validate(_partition_frames(candidate, keys))
        step(f"checks: {checked} of {len(parts)} partition(s) validated, the others' outcomes kept")
        return build.finish(
            parts, changes.basis, run_log, keep_failed=keep_failed, step=step, changed=changes.changed
        )


def _partition_frames(candidate: Candidate, keys: list[int]) -> dict[str, pd.DataFrame]:
    """One partition's rows of the partitioned tables, and the shared tables, as the frames a full
    rebuild would check."""
    frames = {
        table: candidate.query(
            f"select * from {table} where department_key in (select unnest(?::bigint[])) "
            f"order by {_FRAME_ORDER[table]}",
            [keys],
        )
        for table in PARTITIONED_TABLES
    }
    # every partition holds the shared tables (foreign keys resolve in them); their suites run on the first
    frames |= {table: candidate.query(f"select * from {table} order by rowid") for table in SHARED_TABLES}
    return {table: _as_built(table, frame) for table, frame in frames.items()}


def _as_built(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as read from DuckDB, with the dtypes ``normalize`` builds (what the checks report)."""
    out = {}
    for column, dtype in COLUMNS[table].items():
        series = frame[column]
        if str(series.dtype) == dtype:
            pass
        elif dtype.startswith("datetime"):
            series = series.dt.tz_localize("UTC").astype(dtype)
        elif dtype != "object":
            series = series.astype(dtype)
        elif pd.api.types.is_float_dtype(series.dtype):  # money: DECIMAL reads back as float64
            series = series.map(lambda v: None if pd.isna(v) else Decimal(repr(float(v))), na_action=None)
            series = series.astype(object)
        else:
            series = series.astype(object).where(series.notna(), None)
        out[column] = series
    return pd.DataFrame(out, columns=list(COLUMNS[table]))
