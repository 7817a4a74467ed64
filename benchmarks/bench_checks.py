"""Time ``run_checks`` on synthesised frames: ``python benchmarks/bench_checks.py [N_REPORTS ...]``."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import _tooling  # noqa: F401  (tools/ on the path)
from quality_sample import sample_frames

from jixiao.quality.runner import run_checks


def main(argv: list[str] | None = None) -> int:
    """Print the wall time of a first and a second run (with Data Docs) for each size."""
    sizes = [int(a) for a in (sys.argv[1:] if argv is None else argv)] or [30, 10_000]
    with tempfile.TemporaryDirectory() as tmp:
        settings = SimpleNamespace(yoy_factor=10.0, warehouse=Path(tmp) / "jixiao.duckdb")
        for n in sizes:
            frames = sample_frames(n)
            rows = sum(len(f) for f in frames.values())
            for attempt in ("first", "second"):
                start = time.perf_counter()
                results = run_checks(frames, settings, f"bench-{n}")
                elapsed = time.perf_counter() - start
                print(f"{n} reports ({rows} rows): {attempt} run {elapsed:.2f}s, {len(results)} expectations")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
