"""Stage many files in parallel: one fresh process per file, a hard time limit, crashes contained.

The parent hashes every input and serves cached contents itself, so a re-run starts no process.
Each file still to parse gets its own short-lived process (forked from a clean fork server), so
pdfium memory never accumulates; a process that runs past the limit is killed and its file is
rejected with reason_code ``timeout``; a process that dies (segfault, out of memory) rejects only
its own file.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from multiprocessing.connection import wait
from pathlib import Path

from jixiao import staging
from jixiao.config import Settings
from jixiao.faults import crash_point
from jixiao.staging import Parser, StageOutcome

_LOST_RACE = 10  # child exit code: another process stored this content first


def _child(path: Path, sha256: str, settings: Settings, parser: Parser) -> None:
    fresh = staging.parse_to_record(path, sha256, settings, parser)
    crash_point("parse.child_before_save")  # fault injection (tests only)
    stored = staging.save_record(fresh, settings)
    if stored is not fresh:
        sys.exit(_LOST_RACE)


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["extract", "jixiao.staging"])
        return ctx
    return multiprocessing.get_context("spawn")


def _death_reason(name: str, exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            how = f"was killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"was killed by signal {-exitcode}"
    else:
        how = f"exited with code {exitcode}"
    if exitcode == -signal.SIGKILL:
        how += " (often: the machine ran out of memory)"
    return f"The parser process for {name} {how}; report it with the file attached."


def stage_files(
    paths: Sequence[Path],
    settings: Settings,
    run_id: str,
    *,
    parser: Parser | None = None,
    on_done: Callable[[StageOutcome], None] | None = None,
) -> list[StageOutcome]:
    """Stage ``paths`` on ``settings.workers`` processes; one outcome per path, in input order.

    Never raises for bad input: unreadable, rejected, timed-out or crashing files become
    ``rejected`` outcomes. ``on_done`` is called once per file as it finishes (for progress).
    """
    parser = parser or staging.default_parser()
    staging.sweep_stale_temps(settings)
    outcomes: list[StageOutcome | None] = [None] * len(paths)

    def done(i: int, result: StageOutcome) -> None:
        outcomes[i] = result
        if on_done is not None:
            on_done(result)

    jobs: list[tuple[int, Path, str]] = []
    duplicates: list[tuple[int, Path, str]] = []
    queued: set[str] = set()
    for i, raw in enumerate(paths):
        path = Path(raw)
        try:
            sha256 = staging.hash_file(path)
        except OSError as exc:
            done(i, staging.unreadable(path, exc, settings, run_id))
            continue
        record = staging.cached_record(sha256, settings, parser.version)
        if record is not None:
            done(i, staging.outcome(path, record, parsed=False, settings=settings, run_id=run_id))
        elif sha256 in queued:
            duplicates.append((i, path, sha256))  # resolved once the first copy is parsed
        else:
            queued.add(sha256)
            jobs.append((i, path, sha256))

    _run_jobs(jobs, settings, run_id, parser, done)

    for i, path, sha256 in duplicates:
        record = staging.cached_record(sha256, settings, parser.version)
        if record is None:  # the first copy's record vanished; parse this copy in-process
            done(i, staging.stage_file(path, settings, run_id, parser=parser))
        else:
            done(i, staging.outcome(path, record, parsed=False, settings=settings, run_id=run_id))
    return [o for o in outcomes if o is not None]


def _run_jobs(
    jobs: list[tuple[int, Path, str]],
    settings: Settings,
    run_id: str,
    parser: Parser,
    done: Callable[[int, StageOutcome], None],
) -> None:
    if not jobs:
        return
    ctx = _context()
    limit = settings.parse_timeout_s
    pending = list(reversed(jobs))
    active: dict[int, tuple[multiprocessing.process.BaseProcess, int, Path, str, float]] = {}
    while pending or active:
        while pending and len(active) < settings.workers:
            i, path, sha256 = pending.pop()
            proc = ctx.Process(target=_child, args=(path, sha256, settings, parser), daemon=True)
            try:
                proc.start()
            except OSError:  # no process to be had (limits, memory): parse here rather than fail the run
                done(i, staging.stage_file(path, settings, run_id, parser=parser))
                continue
            active[proc.sentinel] = (proc, i, path, sha256, time.monotonic() + limit)
        if not active:
            continue
        next_deadline = min(entry[4] for entry in active.values())
        ready = set(wait(list(active), timeout=max(0.0, next_deadline - time.monotonic())))
        now = time.monotonic()
        for sentinel in list(active):
            proc, i, path, sha256, deadline = active[sentinel]
            if sentinel in ready:
                proc.join()
                done(i, _finished(proc.exitcode, path, sha256, settings, run_id, parser))
            elif now >= deadline:
                proc.kill()
                proc.join()
                reason = (
                    f"{path.name} took longer than the {limit:g}-second parse limit and was stopped; "
                    "check the file is a normal report or raise JIXIAO_PARSE_TIMEOUT_S."
                )
                rejected = staging.rejection(path.name, sha256, parser.version, "timeout", reason, settings)
                record = staging.save_record(rejected, settings)
                done(i, staging.outcome(path, record, parsed=True, settings=settings, run_id=run_id))
            else:
                continue
            proc.close()
            del active[sentinel]


def _finished(
    exitcode: int | None, path: Path, sha256: str, settings: Settings, run_id: str, parser: Parser
) -> StageOutcome:
    record = staging.cached_record(sha256, settings, parser.version)
    if record is not None:
        return staging.outcome(path, record, parsed=exitcode == 0, settings=settings, run_id=run_id)
    crashed = staging.rejection(
        path.name, sha256, parser.version, "parse_error", _death_reason(path.name, exitcode)
    )
    if exitcode == -signal.SIGKILL:  # killed from outside (OOM killer, operator): not the file's fault
        retry = "; it is retried on the next run, report it with"
        reason = (crashed.reason or "").replace("; report it with", retry)
        crashed = replace(crashed, reason=reason)  # not cached, so the next run parses it again
        return staging.outcome(path, crashed, parsed=True, settings=settings, run_id=run_id)
    record = staging.save_record(crashed, settings)
    return staging.outcome(path, record, parsed=True, settings=settings, run_id=run_id)
