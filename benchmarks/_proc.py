"""Run a command and get its wall time and peak memory, and that of every process it left behind.

The benchmark makes itself a child subreaper (Linux ``PR_SET_CHILD_SUBREAPER``), so a process the
command started but did not wait for (multiprocessing's fork server, which waits for the parser
processes it forks) is re-parented to the benchmark when the command exits. Waiting for those
orphans gives their ``ru_maxrss``, which covers every parser process they waited for.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

_PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    """Adopt orphaned descendants (Linux only); False when the kernel refused."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _children() -> set[int]:
    me = str(os.getpid())
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        if fields[1] == me:
            found.add(int(entry.name))
    return found


@dataclass
class Measured:
    """One finished command."""

    returncode: int
    wall_s: float
    stdout: str
    stderr: str
    self_maxrss_mb: float  # the command's own process
    orphans_maxrss_mb: float  # the largest process it left behind, or any process that one waited for
    started_at: float  # time.time() just before the start
    cpu_s: float = 0.0  # user + system CPU of the command, every process it waited for, and its orphans


def run(cmd: list[str], env: dict[str, str], out_dir: Path) -> Measured:
    """Run ``cmd`` to completion, reaping the orphans it leaves (see the module docstring)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    before = _children()
    with (out_dir / "stdout.txt").open("w+") as out, (out_dir / "stderr.txt").open("w+") as err:
        started_at = time.time()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        orphans = 0.0
        cpu = usage.ru_utime + usage.ru_stime
        deadline = time.monotonic() + 30
        for pid in sorted(_children() - before):
            while time.monotonic() < deadline:
                got, _, child_usage = os.wait4(pid, os.WNOHANG)
                if got:
                    orphans = max(orphans, child_usage.ru_maxrss / 1024)
                    cpu += child_usage.ru_utime + child_usage.ru_stime
                    break
                time.sleep(0.05)
        out.seek(0)
        err.seek(0)
        return Measured(
            returncode=proc.returncode,
            wall_s=wall,
            stdout=out.read(),
            stderr=err.read(),
            self_maxrss_mb=usage.ru_maxrss / 1024,
            orphans_maxrss_mb=orphans,
            started_at=started_at,
            cpu_s=cpu,
        )
