"""A Dagster run's own candidate warehouse: swept when its run is over, published only by its run.

Each run builds ``<warehouse>.next-<run id>`` (``jixiao.warehouse.build.candidate_path``), so two runs
never write one file. On Celery the build and the publish are separate steps that each hold the
warehouse lock for their own step only, so the publish checks, under the lock, that the candidate is
its run's (its dq_results carry the run id) and that the published warehouse is still the one the
candidate was built on: a CLI run or another Dagster run that published in between would otherwise be
overwritten by an older build.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
from dagster import DagsterInstance, Failure

from jixiao.warehouse.build import candidate_path, sweep_candidates

_BASE = ".base"  # sidecar of a candidate: the published warehouse it was built on


def sweep(instance: DagsterInstance, warehouse: Path, run_id: str) -> list[str]:
    """Delete the candidates of runs that are over; call it holding the warehouse lock.

    A candidate is over when its run is finished in this Dagster instance, or is not a run of it (a
    ``jixiao ingest`` run: those hold the lock from build to rename, so one seen now is a dead run's).
    A run still in progress (between its build and its publish on Celery) keeps its candidate.
    """

    def is_over(other: str) -> bool:
        if other == run_id:
            return False
        run = instance.get_run_by_id(other)
        return run is None or run.is_finished

    return sweep_candidates(warehouse, is_over)


def published_identity(warehouse: Path) -> list[int] | None:
    """What tells one published file from the next: inode, size and modification time (None: none yet)."""
    try:
        st = os.stat(warehouse)
    except FileNotFoundError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def record_base(candidate: Path, base: list[int] | None) -> None:
    """Note beside ``candidate`` the identity of the published warehouse it was built on."""
    candidate.with_name(candidate.name + _BASE).write_text(json.dumps(base), encoding="utf-8")


def own_candidate(warehouse: Path, run_id: str) -> Path:
    """The candidate run ``run_id`` built and may publish now; Failure (nothing published) otherwise.

    Call it holding the warehouse lock, just before the rename.
    """
    candidate = candidate_path(warehouse, run_id)
    if not candidate.exists():
        raise Failure(f"No candidate warehouse at {candidate}; materialize the warehouse tables first.")
    with duckdb.connect(str(candidate), read_only=True) as con:
        built_by = {row[0] for row in con.execute("select distinct run_id from dq_results").fetchall()}
    if built_by != {run_id}:
        raise Failure(
            f"The candidate {candidate} was checked by run(s) {', '.join(sorted(built_by)) or 'none'}, "
            f"not by this run ({run_id}); nothing was published. Materialize the warehouse tables again."
        )
    sidecar = candidate.with_name(candidate.name + _BASE)
    base = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else None
    if base != published_identity(warehouse):
        discard(candidate)
        raise Failure(
            f"Another run published {warehouse} after this run built its candidate; nothing was "
            "published, so that run's reports are not overwritten by an older build. Run the job again "
            "(it rebuilds from the staging)."
        )
    return candidate


def discard(candidate: Path) -> None:
    """Delete a candidate's sidecar, and the candidate with its write-ahead log if they are still there."""
    for suffix in ("", ".wal", _BASE):
        candidate.with_name(candidate.name + suffix).unlink(missing_ok=True)
