"""Rebuild the whole warehouse from the staging into a candidate file, checked, one partition at a time.

The staged reports are grouped by department into partitions (``jixiao.warehouse.partition``). Each
partition is read, normalised and appended to the candidate, then handed to the checker process
(``jixiao.quality.worker``) and dropped: a rebuild holds one partition in memory, never the whole corpus,
and builds the next partition while the last one is being checked.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from jixiao.core.faults import crash_point
from jixiao.core.settings import Settings
from jixiao.ingestion.basis import Basis, snapshot
from jixiao.ingestion.quarantine import Corrections, Quarantine, quarantine_results, screened
from jixiao.quality.contract import WHOLE_TABLES
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
    with (
        Candidate(settings.warehouse, memory_mb, run_id) as candidate,
        contextlib.nullcontext(checker) if checker else start_checker(settings, run_id) as checker,
    ):
        build = PartitionBuild(settings, parser_version, run_id, candidate, checker, fixes, carried, loaded)
        for i, shas in enumerate(parts):
            step(f"build partition {i + 1}/{len(parts)} ({len(shas)} reports), checks beside it")
            frames = build.add(shas, PARTITIONED_TABLES + (SHARED_TABLES if i == 0 else ()))
            with _checks_running():
                checker.validate(frames)
            del frames
        log = ingest_log_frame(log_history(settings), build.newer_file, build.held_log())
        candidate.add({"ingest_log": log})
        run_log = log[log["run_id"] == run_id].to_dict("records")
        del log  # the history can be long; the candidate holds it now
        step("checks: waiting for the last results")
        return build.finish(parts, basis, run_log, keep_failed=keep_failed, step=step)


class PartitionBuild:
    """Partitions of staged records built into one candidate and checked by one checker: what a full
    rebuild and an incremental publish (``jixiao.ingestion.incremental``) both do."""

    def __init__(
        self,
        settings: Settings,
        parser_version: str,
        run_id: str,
        candidate: Candidate,
        checker: CheckWorker,
        fixes: Corrections,
        carried: Collection[str],
        loaded: Collection[str],
    ) -> None:
        self.settings, self.parser_version, self.run_id = settings, parser_version, run_id
        self.candidate, self.checker, self.fixes = candidate, checker, fixes
        self.carried, self.loaded = set(carried), set(loaded)
        self.quarantined: list[Quarantine] = []
        self.replaced: list[tuple[str, str]] = []  # (older file, newer file loaded in this run)
        self.newer_file: dict[str, str] = {}  # superseded sha256 → the superseding file

    def add(self, shas: list[str], tables: tuple[str, ...]) -> dict[str, pd.DataFrame]:
        """Read, correct and screen the records ``shas`` (a partition, or its changed departments) and
        append their rows of ``tables`` to the candidate; returns their frames."""
        from_warehouse = carried_records(self.settings.warehouse, [s for s in shas if s in self.carried])
        frames, held = screened(shas, self.settings, self.parser_version, self.fixes, from_warehouse)
        self.quarantined += held
        self.candidate.add(frames, tables)
        for older_sha, older_file, newer_sha, newer_name in supersessions(frames["dim_report"]):
            self.newer_file[older_sha] = newer_name
            if newer_sha in self.loaded:
                self.replaced.append((older_file, newer_name))
        return frames

    def held_log(self) -> dict[str, tuple[str, str, str]]:
        """The ingest_log status of each report held out (quarantined now, or retracted)."""
        return {q.sha256: q.log_status() for q in self.quarantined} | self.fixes.retracted_log_status()

    def finish(
        self,
        parts: list[list[str]],
        basis: Basis,
        run_log: list[dict[str, Any]],
        *,
        keep_failed: bool,
        step: Callable[[str], None],
        changed: Collection[str] | None = None,
    ) -> Rebuilt:
        """Gather the checks' results into dq_results and, unless a blocking check failed (and not
        ``keep_failed``), finish the candidate (marts of ``changed`` departments only, if given)."""
        candidate = self.candidate
        candidate.replace({"corrections": self.fixes.frame()})
        with _checks_running():
            self.checker.validate_whole(whole_table_frames(candidate))
            results = self.checker.results() + quarantine_results(self.quarantined, self.run_id)
        basis.keep_checks(parts, self.checker.parts)
        candidate.replace({"dq_results": results_frame(results)})
        counts = {t: int(candidate.query(f"select count(*) as n from {t}")["n"].iloc[0]) for t in TABLES}
        rebuilt = Rebuilt(
            None,
            results,
            counts,
            run_log,
            self.replaced,
            len(parts),
            self.quarantined,
            self.fixes,
            basis,
            incremental=changed is not None,
        )
        if rebuilt.blocking and not keep_failed:
            return rebuilt  # leaving the candidate's block deletes it
        step("build: year-over-year marts and views")
        rebuilt.candidate = candidate.finish(changed)
        return rebuilt


def whole_table_frames(candidate: Candidate) -> dict[str, pd.DataFrame]:
    """What the whole-table suites validate, read back from the finished tables: ingest_log and
    corrections whole, in a total order (an incremental publish inserts rows in another order than
    a full rebuild, and the results list the first failing rows), and dim_report's sha256s."""
    frames = {table: candidate.query(f"select * from {table} order by all") for table in WHOLE_TABLES}
    frames["dim_report"] = candidate.query("select source_sha256 from dim_report order by all")
    return frames


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
