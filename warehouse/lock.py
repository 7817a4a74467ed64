"""One build-and-publish at a time per warehouse, across the CLI and Dagster: ``<warehouse>.lock``."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

_POLL_S = 0.2


class LockTimeout(RuntimeError):
    """Another run held the warehouse lock for longer than this run would wait."""


def lock_path(target: Path) -> Path:
    """The lock file of warehouse ``target``."""
    return target.with_name(target.name + ".lock")


@contextlib.contextmanager
def publish_lock(
    target: Path, timeout_s: float, notify: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the exclusive lock of ``target`` (an flock, released by the kernel if the holder dies).

    A run that finds it taken says so once through ``notify`` and waits up to ``timeout_s`` seconds,
    then raises LockTimeout; it never builds or publishes beside another run.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(target), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout_s
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        f"Another run has been building or publishing {target} for longer than this run "
                        f"waits ({timeout_s:g} s); nothing was published. Run again later or raise "
                        "JIXIAO_LOCK_TIMEOUT_S."
                    ) from None
                if not told and notify is not None:
                    notify(
                        f"Waiting for another run to finish publishing {target} "
                        f"(up to {timeout_s:g} s, JIXIAO_LOCK_TIMEOUT_S)."
                    )
                    told = True
                time.sleep(_POLL_S)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
