"""Rebuild the whole warehouse from the staging into a candidate file, checked, one partition at a time.

The staged reports are grouped by department into partitions (``jixiao.warehouse.partition``). Each
partition is read, normalised and appended to the candidate, then handed to the checker process
(``jixiao.quality.worker``) and dropped: a rebuild holds one partition in memory, never the whole corpus,
and builds the next partition while the last one is being checked.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from jixiao.core.faults import crash_point
from jixiao.core.settings import Settings
from jixiao.ingestion.basis import Basis, snapshot
from jixiao.ingestion.quarantine import Corrections, Quarantine, quarantine_results, screened
from jixiao.quality.results import blocking_failures, results_frame
from jixiao.quality.worker import CheckerFailed, CheckWorker
from jixiao.staging import store as staging
from jixiao.warehouse.build import Candidate, build_memory_mb, read_ingest_log
from jixiao.warehouse.carry import carried_records, published_departments
from jixiao.warehouse.normalize import TABLES, ingest_log_frame, merge_log_history
from jixiao.warehouse.partition import PARTITION_REPORTS, PARTITIONED_TABLES, SHARED_TABLES, partitions


class ChecksError(RuntimeError):
    """The data-quality checks themselves failed to run (not: a check found bad data)."""


@dataclass
class Rebuilt:
    """A rebuild's outcome. ``candidate`` is None when it was discarded (a blocking check failed)."""

    candidate: Path | None
    results: list[Any]  # quality.CheckResult, one per expectation
    row_counts: dict[str, int]
    run_log: list[dict[str, Any]]  # this run's ingest_log rows, statuses final
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (older file, newer file loaded now)
    partitions: int = 0
    quarantined: list[Quarantine] = field(default_factory=list)
    corrections: Corrections | None = None
    basis: Basis | None = None  # the records it was built from, saved beside the warehouse once published
    incremental: bool = False  # built from the published warehouse plus the changed departments

    @property
    def blocking(self) -> list[Any]:
        """The failed blocking checks that stop the publish (a quarantine does not)."""
        return blocking_failures(self.results)

    @property
    def warnings(self) -> list[Any]:
        """The failed warning checks."""
        return [r for r in self.results if r.severity != "blocking" and not r.success]


def supersessions(reports: pd.DataFrame) -> list[tuple[str, str, str, str]]:
    """(older sha256, older file, newer sha256, newer file) for each superseded report in ``reports``."""
    by_key = {
        key: (sha, name)
        for key, sha, name in zip(
            reports["report_key"], reports["source_sha256"], reports["source_file"], strict=True
        )
    }
    return [
        (sha, name, *by_key[int(newer)])
        for sha, name, newer in zip(
            reports["source_sha256"], reports["source_file"], reports["superseded_by"], strict=True
        )
        if pd.notna(newer)
    ]


def log_history(settings: Settings) -> list[dict[str, Any]]:
    """Every ingest-log row: the staged ones, plus those only the published warehouse still has."""
    return merge_log_history(staging.load_log_rows(settings), read_ingest_log(settings.warehouse))


def rebuild(
    settings: Settings,
    parser_version: str,
    run_id: str,
    *,
    loaded: Collection[str] = (),
    keep_failed: bool = False,
    partition_reports: int = PARTITION_REPORTS,
    on_step: Callable[[str], None] | None = None,
    checker: CheckWorker | None = None,
) -> Rebuilt:
    """Build and check a candidate warehouse from every staged record of ``parser_version``.

    The ingest_log is :func:`log_history` (re-issued reports' rows resolved to superseded), read
    after the partitions, so its rows and a partition's never share the memory. ``loaded`` are the
    sha256s this run loaded, for :attr:`Rebuilt.replaced`. The candidate is finished
    (marts, views, fsync) unless a blocking check failed and ``keep_failed`` is false, in which
    case it is deleted. Raises ChecksError when the checks cannot run, and duckdb.Error or OSError
    when the file cannot be built; no candidate is left behind then. ``on_step`` is told, in a few
    words, what the rebuild is doing (for progress lines). ``checker`` is a checker process the
    caller started early for ``run_id`` (its GX import overlapping the caller's work) and closes itself;
    without it the rebuild starts its own.
    """
    step = on_step or (lambda _text: None)
    crash_point("ingest.before_build")  # fault injection (tests only)
    loaded_now = set(loaded)
    counts: Counter[str] = Counter()
    newer_file: dict[str, str] = {}
    replaced: list[tuple[str, str]] = []
    staged: set[str] = set()
    identities = snapshot(settings)  # before the records are read: a record changed meanwhile is new
    departments = staging.report_departments(settings, parser_version, staged=staged)
    basis = Basis.of_build(settings, parser_version, identities, departments, staged)
    # Published reports with no record of this parser version in the staging are carried forward
    # (jixiao.warehouse.carry): a publish never drops a report the staging lacks.
    carried = {s: d for s, d in published_departments(settings.warehouse).items() if s not in staged}
    departments.update(carried)
    fixes = Corrections.load(settings, set(departments))
    departments = fixes.departments(departments)  # a corrected department moves its report
    parts = partitions(departments, partition_reports) or [[]]
    memory_mb = build_memory_mb(len(departments), settings.duckdb_memory_mb)
    quarantined: list[Quarantine] = []
    with (
        Candidate(settings.warehouse, memory_mb, run_id) as candidate,
        contextlib.nullcontext(checker) if checker else start_checker(settings, run_id) as checker,
    ):
        for i, shas in enumerate(parts):
            step(f"build partition {i + 1}/{len(parts)} ({len(shas)} reports), checks beside it")
            from_warehouse = carried_records(settings.warehouse, [s for s in shas if s in carried])
            frames, held = screened(shas, settings, parser_version, fixes, from_warehouse)
            quarantined += held
            tables = PARTITIONED_TABLES + (SHARED_TABLES if i == 0 else ())
            candidate.add(frames, tables)
            counts.update({table: len(frames[table]) for table in tables})
            with _checks_running():
                checker.validate(frames)
            for older_sha, older_file, newer_sha, newer_name in supersessions(frames["dim_report"]):
                newer_file[older_sha] = newer_name
                if newer_sha in loaded_now:
                    replaced.append((older_file, newer_name))
            del frames
        held = {q.sha256: q.log_status() for q in quarantined} | fixes.retracted_log_status()
        log = ingest_log_frame(log_history(settings), newer_file, held)
        candidate.add({"ingest_log": log, "corrections": fixes.frame()})
        log_count, run_log = len(log), log[log["run_id"] == run_id].to_dict("records")
        del log  # the history can be long; the candidate holds it now
        step("checks: waiting for the last results")
        with _checks_running():
            results = checker.results() + quarantine_results(quarantined, run_id)
        basis.keep_checks(parts, checker.parts)
        candidate.add({"dq_results": results_frame(results)})
        counts.update(
            {"ingest_log": log_count, "dq_results": len(results), "corrections": len(fixes.applied)}
        )
        rebuilt = Rebuilt(
            None,
            results,
            {t: counts[t] for t in TABLES},
            run_log,
            replaced,
            len(parts),
            quarantined,
            fixes,
            basis,
        )
        if rebuilt.blocking and not keep_failed:
            return rebuilt  # leaving the block deletes the unfinished candidate
        step("build: year-over-year marts and views")
        rebuilt.candidate = candidate.finish()
    return rebuilt


def start_checker(settings: Settings, run_id: str) -> CheckWorker:
    """The checker process for a rebuild of run ``run_id``; it starts importing GX at once."""
    return CheckWorker(settings, run_id, shared_suites=SHARED_TABLES)


@contextlib.contextmanager
def _checks_running() -> Iterator[None]:
    """Turn a failure of the checking machinery into ChecksError: it must stop the publish, not the run."""
    try:
        yield
    except CheckerFailed as exc:
        raise ChecksError(f"The data-quality checks could not run ({exc}).") from exc
