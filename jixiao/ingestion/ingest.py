"""One ingest run, in process: stage inputs, normalise, check, build and publish the warehouse."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import duckdb

from jixiao.core.faults import crash_point
from jixiao.core.settings import Settings
from jixiao.ingestion import basis, buildstate
from jixiao.ingestion.progress import Progress
from jixiao.staging import runner
from jixiao.staging import store as staging
from jixiao.staging.store import Parser, StageOutcome
from jixiao.warehouse.candidates import sweep_candidates
from jixiao.warehouse.ingestlog import append_ingest_log
from jixiao.warehouse.lock import LockTimeout, publish_lock
from jixiao.warehouse.publish import NotAWarehouseError, check_target, publish

if TYPE_CHECKING:
    from jixiao.quality.worker import CheckWorker

# The build (pandas, the warehouse's frames) and the checks (Great Expectations) are imported where a
# run rebuilds: a no-op run, every file unchanged, only appends its log rows and must not pay for them
# (tests/test_ingest_noop_imports.py).


class InputError(ValueError):
    """An input path that does not exist or cannot be listed."""


@dataclass
class IngestResult:
    """What one run did; ``published`` tells whether the warehouse was replaced."""

    run_id: str
    warehouse: Path
    outcomes: list[StageOutcome]
    log_rows: list[dict[str, Any]]  # this run's ingest_log rows, statuses final (superseded resolved)
    row_counts: dict[str, int] = field(default_factory=dict)
    published: bool = False
    blocking: list[Any] = field(default_factory=list)  # failed blocking checks
    warnings: list[Any] = field(default_factory=list)  # failed warning checks
    replaced: list[tuple[str, str]] = field(
        default_factory=list
    )  # (older file, this run's file superseding it)
    error: str | None = None
    quarantined: list[Any] = field(default_factory=list)  # quarantine.Quarantine: held out of this publish
    correction_problems: list[str] = field(default_factory=list)  # corrections skipped, one sentence each
    corrections_applied: int = 0
    # The published warehouse's reports (sha256 → source file) before and after this run's publish.
    reports_before: dict[str, str] = field(default_factory=dict)
    reports_after: dict[str, str] = field(default_factory=dict)
    incremental: bool = False  # built from the published warehouse plus the changed departments
    docs_error: str | None = None  # the Data Docs could not be written (the publish stands)

    def added_reports(self) -> list[tuple[str, bool]]:
        """(source file, parsed in this run) of every report the publish added to the warehouse."""
        parsed_now = {o.sha256 for o in self.outcomes if o.parsed}
        added = [sha for sha in self.reports_after if sha not in self.reports_before]
        return sorted((self.reports_after[sha], sha in parsed_now) for sha in added)

    def status_counts(self) -> dict[str, int]:
        """How many inputs of this run ended in each status."""
        counts: dict[str, int] = {}
        for row in self.log_rows:
            counts[row["status"]] = counts.get(row["status"], 0) + 1
        return counts


def check_paths(settings: Settings) -> None:
    """Before anything is parsed: the warehouse path may be replaced and both folders can be written.

    Raises InputError with one sentence otherwise (a file that is not a warehouse, a read-only or
    missing folder), so a run never parses everything only to fail at the end.
    """
    try:
        check_target(settings.warehouse)
    except NotAWarehouseError as exc:
        raise InputError(str(exc)) from None
    for folder, what, var in (
        (settings.warehouse.parent, "warehouse folder", "JIXIAO_WAREHOUSE or --warehouse"),
        (settings.staging, "staging folder", "JIXIAO_STAGING"),
    ):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, probe = tempfile.mkstemp(dir=folder, prefix=".write-test-")
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            raise InputError(
                f"The {what} {folder} cannot be written ({exc.strerror or exc}); "
                f"make it writable or set {var} to a folder that is."
            ) from None


_CLI_RUN_ID = re.compile(r"\d{8}T\d{12}Z-[0-9a-f]{6}")


def new_run_id() -> str:
    """A sortable, unique run id: UTC time plus a random suffix (never a Dagster run id, a UUID)."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)


def is_cli_run_id(run_id: str) -> bool:
    """Whether ``run_id`` is one :func:`new_run_id` makes (a ``jixiao ingest`` run's)."""
    return _CLI_RUN_ID.fullmatch(run_id) is not None


def collect_inputs(paths: Sequence[Path | str]) -> list[Path]:
    """The files named and the files under the folders named (recursively, hidden ones skipped), deduplicated.

    Raises InputError for a path that does not exist.
    """
    return list(labelled_inputs(paths))


def labelled_inputs(paths: Sequence[Path | str]) -> dict[Path, str]:
    """:func:`collect_inputs`, each with its label: the path relative to the folder given on the
    command line (``a/附件1.pdf``), or the path as given for a file named on its own.

    A path that cannot be resolved (a symbolic-link loop) is kept as it is: staging it gives its
    own ingest_log row, and the run goes on. Raises InputError for a path that does not exist.
    """
    found: dict[Path, str] = {}
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        found.setdefault(Path(root) / name, os.path.relpath(Path(root) / name, path))
        elif path.exists() or path.is_symlink():
            found.setdefault(path, str(raw))
        else:
            raise InputError(f"{raw} does not exist; check the path.")
    unique: dict[Path, Path] = {}
    for path in found:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a symbolic-link loop (RuntimeError before Python 3.13)
            key = path.absolute()
        unique.setdefault(key, path)
    return {path: staging.display_name(found[path]) for path in unique.values()}


@contextlib.contextmanager
def warehouse_lock(settings: Settings) -> Iterator[None]:
    """Hold the warehouse's lock (shared with Dagster) so two runs never build or publish at once.

    Waits up to ``settings.lock_timeout_s``, saying so on stderr; raises LockTimeout after that.
    """
    with publish_lock(settings.warehouse, settings.lock_timeout_s, lambda m: print(m, file=sys.stderr)):
        yield


def ingest(
    paths: Sequence[Path | str],
    settings: Settings,
    *,
    run_id: str | None = None,
    parser: Parser | None = None,
    progress: bool = False,
    full: bool = False,
) -> IngestResult:
    """Stage ``paths``, rebuild the warehouse from every staged record, check it and publish it.

    Nothing is published when a blocking check fails or the build fails; the previous warehouse
    stays as it was. Only the changed departments are built again when that provably gives a full
    rebuild's warehouse (``jixiao.ingestion.incremental``); ``full`` rebuilds it whole. Raises
    InputError for a nonexistent path, a warehouse path that holds something
    else, or a folder that cannot be written (before anything is staged).
    """
    run_id = run_id or new_run_id()
    inputs = labelled_inputs(paths)
    check_paths(settings)
    parser = parser or staging.default_parser()
    report = Progress(enabled=progress)
    with contextlib.ExitStack() as stack:
        checker: CheckWorker | None = None

        def done(outcome: StageOutcome) -> None:
            # GX takes seconds to import: once a file needed parsing (so the run will rebuild), the
            # checker process imports it while the other files are parsed; a no-op run never starts it
            nonlocal checker
            if checker is None and outcome.parsed:
                from jixiao.ingestion.rebuild import start_checker

                checker = stack.enter_context(start_checker(settings, run_id))
            advance(outcome)

        with report.parsing(len(inputs)) as advance:
            outcomes = runner.stage_files(
                list(inputs),
                settings,
                run_id,
                parser=parser,
                on_done=done,
                labels=list(inputs.values()),
                light=True,  # a cached file's report is read by the rebuild, not from its outcome
            )
        result = _build_and_publish(settings, run_id, parser, outcomes, report, checker, full)
        if checker is not None:  # its Data Docs were written while the warehouse was published
            result.docs_error = checker.data_docs()
        return result


def _build_and_publish(
    settings: Settings,
    run_id: str,
    parser: Parser,
    outcomes: list[StageOutcome],
    report: Progress,
    checker: CheckWorker | None,
    full: bool,
) -> IngestResult:
    """The rest of :func:`ingest` once the inputs are staged: rebuild, check and publish, or a no-op."""
    crash_point("ingest.staged")  # fault injection (tests only)
    result = IngestResult(run_id, settings.warehouse, outcomes, [])
    held = contextlib.ExitStack()  # entered here, so that a run that waited in vain can say so
    try:
        held.enter_context(warehouse_lock(settings))
    except LockTimeout as exc:
        result.log_rows, result.error = [o.log_row for o in outcomes], str(exc)
        return result
    with held:
        # candidates of `jixiao ingest` runs that died: such a run holds the lock from build to rename,
        # so one seen while we hold it is a dead run's. A Dagster run's is left to Dagster, which knows
        # whether that run is still between its build and its publish (jixiao.assets.candidates).
        sweep_candidates(settings.warehouse, is_cli_run_id)
        state = buildstate.current(settings, parser.version, exclude_run=run_id)
        nothing_new = not full and not any(o.parsed for o in outcomes)
        if nothing_new and buildstate.is_published(settings, state):
            with report.phase("publish (nothing new: the ingest log only)"):
                return _publish_log_only(result, settings, state)
        buildstate.forget(settings)
        from jixiao.ingestion import incremental
        from jixiao.ingestion.rebuild import ChecksError, start_checker

        if checker is None:  # nothing was parsed, yet the staging changed: GX imports while we build
            checker = held.enter_context(start_checker(settings, run_id))
        loaded = {o.sha256 for o in outcomes if o.status == "loaded" and o.sha256}
        try:
            with report.phase("build and check"):
                rebuilt = incremental.build(
                    settings,
                    parser.version,
                    run_id,
                    loaded=loaded,
                    full=full,
                    on_step=report.line,
                    checker=checker,
                )
        except (ChecksError, duckdb.Error, OSError, ValueError) as exc:
            result.log_rows = [o.log_row for o in outcomes]  # statuses as staged: nothing was resolved
            result.error = str(exc) if isinstance(exc, ChecksError) else _not_published(exc)
            return result
        result.log_rows = rebuilt.run_log
        result.replaced = rebuilt.replaced
        result.row_counts = rebuilt.row_counts
        result.blocking = rebuilt.blocking
        result.warnings = rebuilt.warnings
        result.quarantined = rebuilt.quarantined
        result.incremental = rebuilt.incremental
        if rebuilt.corrections is not None:
            result.correction_problems = rebuilt.corrections.problems
            result.corrections_applied = len(rebuilt.corrections.applied)
        if rebuilt.candidate is None:
            return result
        result.reports_before = published_reports(settings.warehouse)
        result.reports_after = published_reports(rebuilt.candidate)
        try:
            with report.phase("publish"):
                publish(rebuilt.candidate, settings.warehouse)
        except (OSError, ValueError) as exc:
            result.error = _not_published(exc)
            return result
        result.published = True
        buildstate.remember(settings, state, run_id)
        if rebuilt.basis is not None:
            rebuilt.basis.save(settings)
    return result


def published_reports(warehouse: Path) -> dict[str, str]:
    """sha256 → source file of every report in the warehouse file (empty when there is none)."""
    if not warehouse.is_file():
        return {}
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return dict(con.execute("select source_sha256, source_file from dim_report").fetchall())
    except duckdb.Error:
        return {}  # not readable as a warehouse: nothing of it was published by us


def _not_published(exc: Exception) -> str:
    """The run's error when the build or the publish failed."""
    message = str(exc).split("\n", 1)[0]
    hint = ""
    if isinstance(exc, duckdb.OutOfMemoryException) or "failed to allocate" in message:
        hint = " Give the build more memory with JIXIAO_DUCKDB_MEMORY_MB (see docs/operations.md)."
    return (
        f"The warehouse could not be built or published ({type(exc).__name__}: {message}); "
        f"the previous warehouse is unchanged.{hint}"
    )


def _publish_log_only(result: IngestResult, settings: Settings, state: dict[str, Any]) -> IngestResult:
    """A no-op run (see ``buildstate``): publish the warehouse plus this run's ingest_log rows only."""
    buildstate.forget(settings)
    before = basis.warehouse_identity(settings)
    try:
        candidate, rows, counts, warnings = append_ingest_log(
            settings.warehouse, [o.log_row for o in result.outcomes], result.run_id
        )
        publish(candidate, settings.warehouse)
    except (duckdb.Error, OSError, ValueError) as exc:
        result.error = _not_published(exc)
        return result
    result.log_rows = rows
    result.row_counts = counts
    result.warnings = [SimpleNamespace(**row) for row in warnings]  # what the summary reads of a check
    result.published = True
    buildstate.remember(settings, state, result.run_id)
    basis.carry_over(settings, state["parser_version"], before)
    return result
