"""The warehouse lock a Dagster run holds from its build to its publish.

The publishing jobs run every step in the run's one process (``in_process_executor``), so the lock
``warehouse_tables`` takes is still held when ``published_warehouse`` renames the candidate: no CLI
run and no other Dagster run builds or publishes in between. It is released after the publish, when
the build fails, or by the kernel when the run's process ends (a failed check stops the run before
the publish). A process runs one run at a time, so a lock this process still holds for another run
when a new run asks for it is a finished run's, and is handed over.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from dagster import Failure

from jixiao.core.settings import Settings
from jixiao.warehouse.lock import LockTimeout, publish_lock

_held: dict[Path, tuple[str, contextlib.ExitStack]] = {}  # warehouse → (run id, its held lock)


def across_steps() -> bool:
    """True when a run's steps share one process (``JIXIAO_EXECUTOR`` unset or ``in_process``).

    On Celery each step may run in another long-lived worker, so a lock held past its step would
    outlive the run: there the build and the publish each hold it for their own step only.
    """
    return (os.environ.get("JIXIAO_EXECUTOR", "").strip() or "in_process") == "in_process"


def hold(run_id: str, settings: Settings, notify: Callable[[str], None]) -> None:
    """Take the warehouse lock for ``run_id`` (waiting as configured) unless the run holds it already."""
    key = settings.warehouse.resolve()
    if key in _held:
        holder, stack = _held[key]
        if holder == run_id:
            return
        del _held[key]
        stack.close()  # a finished run of this process
    stack = contextlib.ExitStack()
    try:
        stack.enter_context(publish_lock(settings.warehouse, settings.lock_timeout_s, notify))
    except LockTimeout as exc:
        raise Failure(str(exc)) from exc
    _held[key] = (run_id, stack)


def release(run_id: str) -> None:
    """Let go of the lock ``run_id`` holds, if any."""
    for key, (holder, stack) in list(_held.items()):
        if holder == run_id:
            del _held[key]
            stack.close()
