"""The machine a benchmark ran on: CPU, cores, memory, load, Python and package versions."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

PACKAGES = (
    "pdfplumber",
    "pdfminer.six",
    "pypdfium2",
    "pandas",
    "numpy",
    "pyarrow",
    "duckdb",
    "great_expectations",
    "dagster",
    "reportlab",
)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return float("nan")


def _git_head(root: Path) -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain"], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    head = out.stdout.strip() or "unknown"
    return head + (" + uncommitted changes" if dirty.stdout.strip() else "")


def describe(root: Path) -> dict[str, str]:
    """Machine and software facts worth printing beside a benchmark figure."""
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return {
        "CPU": _cpu_model(),
        "cores": f"{os.cpu_count()} logical, {len(os.sched_getaffinity(0))} usable by this process",
        "RAM": f"{_ram_gib():.1f} GiB",
        "OS": platform.platform(),
        "Python": sys.version.split()[0],
        "packages": ", ".join(versions),
        "git": _git_head(root),
        "load average at start (1, 5, 15 min)": load,
    }
