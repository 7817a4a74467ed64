"""Publish a built candidate over the live warehouse with one atomic rename."""

from __future__ import annotations

import os
from pathlib import Path

from jixiao.core.faults import crash_point


def fsync_dir(directory: Path) -> None:
    """Flush a directory entry to disk so a rename survives a crash."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(candidate: Path, target: Path) -> None:
    """Move ``candidate`` onto ``target`` atomically (``os.replace``), then fsync the directory.

    A reader holding the old file open keeps reading the old file until it reconnects; no
    reader ever sees half a warehouse.
    """
    candidate, target = Path(candidate), Path(target)
    if not candidate.is_file():
        raise FileNotFoundError(f"No candidate warehouse at {candidate}; build one before publishing.")
    if candidate.resolve().parent != target.resolve().parent:
        raise ValueError(
            f"The candidate {candidate} must be in the same directory as {target} to publish atomically."
        )
    crash_point("publish.before_replace")  # fault injection (tests only)
    os.replace(candidate, target)
    crash_point("publish.after_replace")  # fault injection (tests only)
    fsync_dir(target.resolve().parent)
