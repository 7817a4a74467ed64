"""The warehouse lock a Dagster run holds from its build to its publish.

The publishing jobs run every step in the run's one process (``in_process_executor``), so the lock
``warehouse_tables`` takes is still held when ``published_warehouse`` renames the candidate: no CLI
run and no other Dagster run builds or publishes in between. It is released after the publish, at the
end of the run (the resource's teardown, when a check stopped the publish), or by the kernel when the
run's process dies.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from dagster import Failure

from jixiao.core.settings import Settings
from jixiao.warehouse.lock import LockTimeout, publish_lock

_held: dict[str, contextlib.ExitStack] = {}


def hold(run_id: str, settings: Settings, notify: Callable[[str], None]) -> None:
    """Take the warehouse lock for ``run_id`` (waiting as configured) unless the run holds it already."""
    if run_id in _held:
        return
    stack = contextlib.ExitStack()
    try:
        stack.enter_context(publish_lock(settings.warehouse, settings.lock_timeout_s, notify))
    except LockTimeout as exc:
        raise Failure(str(exc)) from exc
    _held[run_id] = stack


def release(run_id: str) -> None:
    """Let go of the lock ``run_id`` holds, if any."""
    stack = _held.pop(run_id, None)
    if stack is not None:
        stack.close()
