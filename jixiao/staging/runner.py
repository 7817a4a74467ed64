"""Stage many files in parallel: parser processes with a hard time limit per file, crashes contained.

The parent hashes every input and serves cached contents itself, so a re-run starts no process.
The files still to parse go to ``settings.workers`` parser processes (forked from a clean fork
server), one file at a time each. A process is replaced after ``MAX_FILES_PER_WORKER`` files, so
native memory (pdfium, font caches) cannot build up, while its warm caches serve the files before
that. A process that runs past the limit on a file is killed and the file is rejected with
reason_code ``timeout``; a process that dies (segfault, out of memory) rejects only the file it had.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import resource
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path

from jixiao.core.faults import crash_point
from jixiao.core.settings import Settings
from jixiao.staging import store as staging
from jixiao.staging.index import InputHashes, RecordHeaders
from jixiao.staging.store import Parser, StageOutcome

_OK = 0
_LOST_RACE = 10  # another process stored this content first
# Deaths of a parser process that are the parser's own crash on the file (cached as parse_error); any
# other death (SIGKILL, SIGTERM, a non-zero exit) is the machine's and the file is parsed again next run.
CRASH_SIGNALS = frozenset({signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGFPE, signal.SIGABRT})
# A crash after the process's address space reached this share of its cap is the cap's doing: too_large.
# Half, because PDFium grows a buffer by doubling: the allocation that fails (and aborts) asks for as
# much again as it holds (a 1 GB decompression bomb dies at 1.2 GB of a 2 GB cap).
AT_THE_CAP = 0.5
_SAMPLE_S = 0.1  # how often the parent samples the address space of its parser processes
# Files one parser process parses before it is replaced (bounds native memory; a fresh process costs
# about 10 ms plus cold caches, so 25 files amortise it).
MAX_FILES_PER_WORKER = 25


def _cap_memory(megabytes: int) -> None:
    """Limit this process's address space, so a runaway file raises MemoryError here, not an OOM kill."""
    limit = megabytes * 2**20
    with contextlib.suppress(ValueError, OSError):  # a lower hard limit set by the operator stays
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _worker(conn: Connection, settings: Settings, parser: Parser) -> None:
    """A parser process: parse and store every (path, sha256) received, answer each with a status.

    A record that must not be stored (a machine failure, or the staging could not be written) is sent
    back as a dict instead, for the parent to list in this run only.
    """
    _cap_memory(settings.limits.max_memory_mb)
    while True:
        try:
            job = conn.recv()
        except EOFError:  # the parent is gone
            return
        if job is None:
            return
        path, sha256, label = job
        fresh = staging.parse_to_record(path, sha256, settings, parser, label=label)
        crash_point("parse.child_before_save")  # fault injection (tests only)
        if fresh.retry:
            conn.send(fresh.to_dict())
            continue
        try:
            stored = staging.save_record(fresh, settings)
        except OSError as exc:
            what = f"was parsed but could not be saved in the staging folder ({exc.strerror or exc})"
            shown = staging.label_of(path, label)
            conn.send(staging.retry_later(shown, sha256, parser.version, what).to_dict())
            continue
        conn.send(_OK if stored is fresh else _LOST_RACE)


@dataclass
class _Slot:
    """One parser process and the file it is working on."""

    proc: multiprocessing.process.BaseProcess
    conn: Connection
    job: tuple[int, Path, str, str | None] | None = None  # (input index, path, sha256, label)
    deadline: float = 0.0
    files: int = 0
    peak_mb: float = 0.0  # the process's peak address space, as last sampled


def _start(ctx: multiprocessing.context.BaseContext, settings: Settings, parser: Parser) -> _Slot | None:
    """A new parser process, or None when none can be had (process limits, memory)."""
    conn, child = ctx.Pipe()
    proc = ctx.Process(target=_worker, args=(child, settings, parser), daemon=True)
    try:
        proc.start()
    except OSError:
        conn.close()
        return None
    finally:
        child.close()
    return _Slot(proc, conn)


def _assign(slot: _Slot, job: tuple[int, Path, str, str | None], limit: float) -> bool:
    """Give ``job`` to an idle process; False when the process is gone (the job is not taken)."""
    try:
        slot.conn.send(job[1:])
    except OSError:
        return False
    slot.job, slot.deadline = job, time.monotonic() + limit
    return True


def _stop(slot: _Slot, *, kill: bool = False) -> None:
    """End a parser process (asked to exit, or killed) and reap it."""
    if not kill:
        with contextlib.suppress(OSError):
            slot.conn.send(None)
        slot.proc.join(timeout=5)
    if slot.proc.is_alive():
        slot.proc.kill()
    slot.proc.join()
    slot.proc.close()
    slot.conn.close()


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # the parser's modules and first-use caches, loaded once and inherited by every parser process
        ctx.set_forkserver_preload(["jixiao.extract.warm", "jixiao.staging.store"])
        return ctx
    return multiprocessing.get_context("spawn")


def _vm_peak_mb(pid: int | None) -> float:
    """The peak address space of a live process in MB (0 when it cannot be read)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


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
    labels: Sequence[str | None] | None = None,
    light: bool = False,
) -> list[StageOutcome]:
    """Stage ``paths`` on ``settings.workers`` processes; one outcome per path, in input order.

    Never raises for bad input: unreadable, rejected, timed-out or crashing files become
    ``rejected`` outcomes. ``on_done`` is called once per file as it finishes (for progress).
    ``labels`` name each path in messages and in source_path (its path relative to its input root).
    An input whose identity is unchanged since it was last hashed is not hashed again, and with
    ``light`` every outcome holds its record without the report, read from the header index
    (``jixiao.staging.index``) when the record file is unchanged: for a caller that needs statuses,
    not reports.
    """
    parser = parser or staging.default_parser()
    staging.sweep_stale_temps(settings)
    outcomes: list[StageOutcome | None] = [None] * len(paths)
    log = staging.RunLog(settings, run_id)  # group commit of the log rows (see RunLog)
    hashes = InputHashes(settings.staging)
    headers = RecordHeaders(settings.staging) if light else None
    try:
        _stage_all(paths, settings, run_id, parser, labels, log, outcomes, on_done, hashes, headers)
    finally:
        log.flush()  # every row is acknowledged before the run goes on (to publish, or not)
        hashes.save()
        if headers is not None:
            headers.save()
    return [o for o in outcomes if o is not None]


def _stage_all(
    paths: Sequence[Path],
    settings: Settings,
    run_id: str,
    parser: Parser,
    labels: Sequence[str | None] | None,
    log: staging.RunLog,
    outcomes: list[StageOutcome | None],
    on_done: Callable[[StageOutcome], None] | None,
    hashes: InputHashes,
    headers: RecordHeaders | None,
) -> None:
    """:func:`stage_files`' work: cached contents served here, the rest parsed on parser processes."""

    def done(i: int, result: StageOutcome) -> None:
        outcomes[i] = result
        if on_done is not None:
            on_done(result)

    jobs: list[tuple[int, Path, str, str | None]] = []
    duplicates: list[tuple[int, Path, str, str | None]] = []
    queued: set[str] = set()
    for i, raw in enumerate(paths):
        path, label = Path(raw), labels[i] if labels is not None else None
        try:
            sha256 = hashes.sha256(path, staging.hash_file)
        except OSError as exc:
            done(i, staging.unreadable(path, exc, settings, run_id, label=label, log=log))
            continue
        record = staging.cached_record(
            sha256, settings, parser.version, path=path, label=label, headers=headers
        )
        if record is not None:
            done(
                i,
                staging.outcome(
                    path, record, parsed=False, settings=settings, run_id=run_id, label=label, log=log
                ),
            )
        elif sha256 in queued:
            duplicates.append((i, path, sha256, label))  # resolved once the first copy is parsed
        else:
            queued.add(sha256)
            jobs.append((i, path, sha256, label))

    if jobs:
        log.flush()  # the cached files' rows are acknowledged before the parsing, which may take hours
    _run_jobs(jobs, settings, run_id, parser, done, log, headers)

    for i, path, sha256, label in duplicates:
        record = staging.cached_record(sha256, settings, parser.version, path=path, label=label)
        if record is None:  # the first copy's record vanished or named another kind; parse this copy here
            done(i, staging.stage_file(path, settings, run_id, parser=parser, label=label, log=log))
        else:
            done(
                i,
                staging.outcome(
                    path, record, parsed=False, settings=settings, run_id=run_id, label=label, log=log
                ),
            )


def _run_jobs(
    jobs: list[tuple[int, Path, str, str | None]],
    settings: Settings,
    run_id: str,
    parser: Parser,
    done: Callable[[int, StageOutcome], None],
    log: staging.RunLog,
    headers: RecordHeaders | None,
) -> None:
    if not jobs:
        return
    ctx = _context()
    limit = settings.parse_timeout_s
    pending = list(reversed(jobs))
    slots: list[_Slot] = []

    def drop(slot: _Slot, *, kill: bool) -> None:
        _stop(slot, kill=kill)
        slots.remove(slot)

    try:
        while pending or any(slot.job for slot in slots):
            for slot in [s for s in slots if s.job is None]:
                if not pending:
                    break
                if _assign(slot, pending[-1], limit):
                    pending.pop()
                else:
                    drop(slot, kill=True)  # died while idle; its job stays pending
            while pending and len(slots) < settings.workers:
                slot = _start(ctx, settings, parser)
                if slot is None:  # no process to be had: parse here rather than fail the run
                    i, path, _, label = pending.pop()
                    done(i, staging.stage_file(path, settings, run_id, parser=parser, label=label, log=log))
                elif _assign(slot, pending[-1], limit):
                    slots.append(slot)
                    pending.pop()
                else:
                    _stop(slot, kill=True)
            busy = [s for s in slots if s.job is not None]
            if not busy:
                continue
            for slot in busy:  # sampled while alive: a process that dies at its memory cap is too_large
                slot.peak_mb = max(slot.peak_mb, _vm_peak_mb(slot.proc.pid))
            timeout = max(0.0, min(min(s.deadline for s in busy) - time.monotonic(), _SAMPLE_S))
            ready = set(wait([s.conn for s in busy] + [s.proc.sentinel for s in busy], timeout=timeout))
            now = time.monotonic()
            for slot in busy:
                assert slot.job is not None
                i, path, sha256, label = slot.job
                finished = functools.partial(
                    _finished,
                    path=path,
                    sha256=sha256,
                    label=label,
                    peak_mb=slot.peak_mb,
                    log=log,
                    headers=headers,
                )
                status = _status(slot) if slot.conn in ready else None
                if isinstance(status, dict):  # not stored: listed in this run, parsed again in the next
                    slot.job, slot.files = None, slot.files + 1
                    retry = replace(staging.StageRecord.from_dict(status), retry=True)
                    outcome = staging.outcome(
                        path, retry, parsed=True, settings=settings, run_id=run_id, label=label, log=log
                    )
                    done(i, outcome)
                elif status is not None:
                    slot.job, slot.files = None, slot.files + 1
                    done(i, finished(status, settings=settings, run_id=run_id, parser=parser))
                    if slot.files >= MAX_FILES_PER_WORKER:
                        drop(slot, kill=False)
                elif slot.conn in ready or slot.proc.sentinel in ready:  # the process died on this file
                    slot.proc.join()
                    exitcode = slot.proc.exitcode
                    drop(slot, kill=True)
                    done(i, finished(exitcode, settings=settings, run_id=run_id, parser=parser))
                elif now >= slot.deadline:
                    drop(slot, kill=True)
                    done(i, _timed_out(path, sha256, limit, settings, run_id, parser, label, log))
    finally:
        for slot in slots:
            _stop(slot, kill=slot.job is not None)


def _timed_out(
    path: Path,
    sha256: str,
    limit: float,
    settings: Settings,
    run_id: str,
    parser: Parser,
    label: str | None,
    log: staging.RunLog,
) -> StageOutcome:
    reason = (
        f"{staging.label_of(path, label)} took longer than the {limit:g}-second parse limit and was stopped; "
        "check the file is a normal report or raise JIXIAO_PARSE_TIMEOUT_S."
    )
    name = staging.display_name(path.name)
    rejected = staging.rejection(name, sha256, parser.version, "timeout", reason, settings)
    record = staging.save_record(replace(rejected, source_path=label), settings)
    return staging.outcome(path, record, parsed=True, settings=settings, run_id=run_id, label=label, log=log)


def _status(slot: _Slot) -> int | dict | None:
    """The status (or unstored record) a parser process sent for its file, or None when it died instead."""
    try:
        message = slot.conn.recv()
    except (EOFError, OSError):
        return None
    return message if isinstance(message, dict) else int(message)


def _finished(
    exitcode: int | None,
    *,
    path: Path,
    sha256: str,
    label: str | None,
    settings: Settings,
    run_id: str,
    parser: Parser,
    log: staging.RunLog,
    headers: RecordHeaders | None = None,
    peak_mb: float = 0.0,
) -> StageOutcome:
    done = functools.partial(staging.outcome, path, settings=settings, run_id=run_id, label=label, log=log)
    record = staging.cached_record(sha256, settings, parser.version, path=path, label=label, headers=headers)
    if record is not None:
        return done(record, parsed=exitcode == 0)
    crashed = staging.rejection(
        staging.display_name(path.name),
        sha256,
        parser.version,
        "parse_error",
        _death_reason(staging.label_of(path, label), exitcode),
    )
    crashed = replace(crashed, source_path=label)
    if exitcode is None or -exitcode not in CRASH_SIGNALS:
        # killed from outside (OOM killer, operator) or failed outside the parser (exit code): a fact
        # about the machine, not the file, so not cached and parsed again by the next run
        retry = "; it is retried on the next run, report it with"
        reason = (crashed.reason or "").replace("; report it with", retry)
        return done(replace(crashed, reason=reason, retry=True), parsed=True)
    if peak_mb >= AT_THE_CAP * settings.limits.max_memory_mb:  # the PDF library aborts at the cap
        reason = staging.too_much_memory(staging.label_of(path, label), settings)
        crashed = replace(crashed, reason_code="too_large", reason=reason)
    # a crash in the parser on this file; cached with the limits it crashed under (the memory cap)
    record = staging.save_record(replace(crashed, limits=staging.limits_dict(settings)), settings)
    return done(record, parsed=True)
