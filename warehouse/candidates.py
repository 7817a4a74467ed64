"""The candidate files beside a warehouse: ``<warehouse>.next-<run id>``, named, found, swept, flushed.

Free of pandas: the no-op run (``jixiao.warehouse.ingestlog``) and the sweeps use it without the build.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path

from jixiao.warehouse.publish import fsync_dir

_NEXT = ".next-"
_SAFE = re.compile(r"[^A-Za-z0-9_-]")  # a run id as part of a file name (no dot: sidecars follow one)


def candidate_path(target: Path, run_id: str | None = None) -> Path:
    """Where run ``run_id`` builds its candidate for ``target``: ``<target>.next-<run id>``, in the same
    directory, so publishing is one rename. Each run has its own, so two runs never write one file; no
    run id (a one-off build) gets a name of its own (process id and a random part)."""
    tag = run_id if run_id is not None else f"pid{os.getpid()}-{secrets.token_hex(4)}"
    return target.with_name(f"{target.name}{_NEXT}{_SAFE.sub('_', tag)}")


def candidate_runs(target: Path) -> dict[str, list[Path]]:
    """The candidates beside ``target`` by run id (as named), each with its write-ahead log and sidecars.

    The id ``""`` collects the fixed ``<target>.next`` of versions before candidates were per run.
    """
    found: dict[str, list[Path]] = {}
    prefix = target.name + ".next"
    for path in target.parent.glob(glob.escape(prefix) + "*"):
        rest = path.name[len(prefix) :]
        if rest.startswith("-"):
            found.setdefault(rest[1:].split(".", 1)[0], []).append(path)
        elif rest in ("", ".wal"):
            found.setdefault("", []).append(path)
    return found


def sweep_candidates(target: Path, is_over: Callable[[str], bool]) -> list[str]:
    """Delete the candidates of runs that are over (``is_over(run id)``) and the legacy ``.next``.

    Call it only while holding the warehouse lock (``jixiao.warehouse.lock``): a run that holds the lock
    from its build to its rename cannot be between the two then, so the caller judges only runs that
    let go of the lock between steps (Dagster on Celery). Returns the run ids swept.
    """
    swept = []
    for run_id, paths in candidate_runs(target).items():
        if run_id == "" or is_over(run_id):
            for path in paths:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
            swept.append(run_id)
    return swept


def remove_candidate(candidate: Path) -> None:
    """Delete a candidate file and its write-ahead log, if there."""
    for stale in (candidate, candidate.with_name(candidate.name + ".wal")):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()


def fsync_file(candidate: Path) -> None:
    """Flush the closed candidate file and its directory entry to disk."""
    fd = os.open(candidate, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_dir(candidate.parent)
