"""The whole-table suites (ingest_log, corrections) on logs of growing length:
``python benchmarks/bench_log_checks.py [LOG_ROWS ...]``.

They run once per publish on the whole ingest_log (history included), after the partitions; this
prints their CPU time per size, best of three, beside one partition's validation of 160 reports
(``CheckSession.validate``) for scale. A nightly run over an inbox of 1,000 files adds 1,000 rows.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

import _tooling  # noqa: F401  (tools/ on the path)
import pandas as pd
from bench_checks import best_cpu
from quality_sample import sample_frames

from jixiao.quality.runner import CheckSession


def _long_log(log: pd.DataFrame, rows: int) -> pd.DataFrame:
    """``log`` repeated as runs of its files until it has ``rows`` rows (each run its own run_id)."""
    runs = -(-rows // len(log))
    copies = [log.assign(run_id=f"run-{i:05d}") for i in range(runs)]
    return pd.concat(copies, ignore_index=True).iloc[:rows]


def main(argv: list[str] | None = None) -> int:
    """Print the whole-table suites' time per ingest_log length."""
    sizes = [int(a) for a in (sys.argv[1:] if argv is None else argv)] or [1_000, 30_000, 365_000]
    frames = sample_frames(160)
    print("CPU seconds of this process, best of three")
    with tempfile.TemporaryDirectory() as tmp:
        settings = SimpleNamespace(yoy_factor=10.0, warehouse=Path(tmp) / "jixiao.duckdb")
        session = CheckSession(settings, "bench")
        session.validate_whole(frames)  # warm: suites, batch definitions, metric providers
        partition = best_cpu(lambda: session.validate(frames))
        print(f"one partition of 160 reports (CheckSession.validate): {partition:.2f}s", flush=True)
        for rows in sizes:
            whole = {**frames, "ingest_log": _long_log(frames["ingest_log"], rows)}
            took = best_cpu(lambda whole=whole: session.validate_whole(whole))
            print(f"ingest_log of {rows} rows, corrections of 2: whole-table suites {took:.2f}s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
